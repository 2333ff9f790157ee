/* packet-ucdiag-dhcp.h
 * The DHCPINFORM concern of the UC Network Diagnostics post-dissector.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_DHCP_H
#define PACKET_UCDIAG_DHCP_H

#include <epan/packet.h>
#include <epan/prefs.h>

void ucdiag_dhcp_register(int proto, module_t *module);
void ucdiag_dhcp_handoff(void);
/* Every packet: notes how long the capture runs. Returns TRUE for any UDP
 * packet between DHCP ports, which then needs no QoS check. */
gboolean ucdiag_dhcp_dissect(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);

#endif /* PACKET_UCDIAG_DHCP_H */
