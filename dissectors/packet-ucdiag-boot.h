/* packet-ucdiag-boot.h
 * The phone bootstrap concern of the UC Network Diagnostics post-dissector:
 * a timeline per Lync/SfB phone from voice VLAN to SIP over TLS, and where
 * it stopped.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_BOOT_H
#define PACKET_UCDIAG_BOOT_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "packet-ucdiag-dhcp.h"

/* Fields, experts, its preference and -z ucdiag,bootstrap. */
void ucdiag_boot_register(int proto, module_t *module);
void ucdiag_boot_handoff(void);
/* Every packet. dhcp: what the DHCP concern read of this frame, or NULL when
 * it is not DHCP. Packets of hosts that are not phones cost a lookup. */
void ucdiag_boot_dissect(ucdiag_packet_t *pkt, proto_tree *tree, const ucdiag_dhcp_seen_t *dhcp);

/* The name a phone was told for its Certificate Provisioning host when addr
 * (IPv4, host order) is that host's address, else NULL: what the
 * certificate checks compare the host's certificate with. */
const char *ucdiag_boot_told_host(guint32 addr);

/* Does the bootstrap timeline follow addr (IPv4, host order) as a phone? Its
 * TLS steps then speak for its connections. */
gboolean ucdiag_boot_is_phone(guint32 addr);

#endif /* PACKET_UCDIAG_BOOT_H */
