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

#include "dhcp_txn.h"
#include "ucdiag_packet.h"

/* A DHCP message and what the INFORM analysis made of it, for the bootstrap
 * timeline. */
typedef struct {
    const dhcp_msg_t *msg;      /* the packet's DHCP message, NULL if none */
    gboolean in_txn;            /* an INFORM or its ACK: sighting and txn are set */
    dhcp_sighting_t sighting;
    const dhcp_txn_t *txn;
} ucdiag_dhcp_seen_t;

void ucdiag_dhcp_register(int proto, module_t *module);
void ucdiag_dhcp_handoff(void);
/* Every packet: notes how long the capture runs. Returns TRUE for any UDP
 * packet between DHCP ports, which then needs no QoS check; fills *seen with
 * what it read. */
gboolean ucdiag_dhcp_dissect(ucdiag_packet_t *pkt, proto_tree *tree, ucdiag_dhcp_seen_t *seen);
/* After the whole capture, for -z ucdiag,findings: the findings a first
 * pass cannot raise on an INFORM, because only the capture's end tells
 * that it went unanswered (ucdiag.dhcp.inform_unanswered) or that the
 * capture stopped too soon to tell (ucdiag.dhcp.capture_too_short). */
void ucdiag_dhcp_finish_capture(void);

#endif /* PACKET_UCDIAG_DHCP_H */
