/* packet-ucdiag.h
 * Registration entry points of the UC Network Diagnostics post-dissector,
 * and what its QoS half (packet-ucdiag.c) and its DHCPINFORM half
 * (packet-ucdiag-dhcp.c) share.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_H
#define PACKET_UCDIAG_H

#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/stat_tap_ui.h>

void proto_register_ucdiag(void);
void proto_reg_handoff_ucdiag(void);

/* Is a tree item or expert info worth building for this packet? Only for a
 * tree someone looks at, a filter or field naming ucdiag, or an expert-info
 * listener (tshark -z expert runs without a tree). */
gboolean ucdiag_findings_wanted(proto_tree *tree);
/* The "UC Network Diagnostics" item, and the subtree to add findings to. */
proto_tree *ucdiag_add_tree(tvbuff_t *tvb, proto_tree *tree);
gboolean ucdiag_frame_has_proto(packet_info *pinfo, int proto);
/* A packet quoted inside an ICMP or ICMPv6 error. */
gboolean ucdiag_frame_has_icmp(packet_info *pinfo);

/* Per (table, flow or transaction): the table's record of that row, freed
 * with g_free when the table forgets it. */
gpointer ucdiag_table_row_get(const stat_tap_table *table, const void *key);
void ucdiag_table_row_put(const stat_tap_table *table, const void *key, gpointer record);
void ucdiag_table_forget(const stat_tap_table *table);
/* What both tables' callbacks do: find or make the table; free the string
 * cells (except column `keep`, G_MAXUINT for none) and forget the rows. */
void ucdiag_table_init(stat_tap_table_ui *ui, const char *name, guint ncols);
void ucdiag_table_reset(stat_tap_table *table, guint ncols, guint keep);
void ucdiag_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field,
                            guint keep);

/* The DHCPINFORM analysis. ucdiag_dhcp_dissect returns TRUE for any UDP
 * packet between DHCP ports, which then needs no QoS check. */
void ucdiag_dhcp_register(int proto, module_t *module);
void ucdiag_dhcp_handoff(void);
gboolean ucdiag_dhcp_dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);

#endif /* PACKET_UCDIAG_H */
