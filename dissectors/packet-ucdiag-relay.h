/* packet-ucdiag-relay.h
 * The media relay concern of the UC Network Diagnostics post-dissector: a
 * client's TURN / MS-TURN allocations at its relays, and what went wrong
 * (UDP 3478 blocked, credentials refused, other errors).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_RELAY_H
#define PACKET_UCDIAG_RELAY_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "ucdiag_packet.h"

/* Fields, experts, preferences, the clients' table and -z ucdiag,relays. */
void ucdiag_relay_register(int proto, module_t *module);

/* The dispatcher's gate, on every UDP and TCP packet: a port a relay
 * listens on (UDP and TCP 3478-3481, TCP 443, where clients fall back).
 * Two or three compares for a packet that is not relay traffic; the
 * unsigned subtraction makes each range one compare. */
static inline gboolean
ucdiag_relay_port(const packet_info *pinfo)
{
    return pinfo->srcport - 3478u <= 3 || pinfo->destport - 3478u <= 3 ||
           (pinfo->ptype == PT_TCP && (pinfo->srcport == 443 || pinfo->destport == 443));
}

/* A packet the gate let through. */
void ucdiag_relay_dissect(ucdiag_packet_t *pkt, proto_tree *tree);

#endif /* PACKET_UCDIAG_RELAY_H */
