/* packet-ucdiag-qos.h
 * The QoS concern of the UC Network Diagnostics post-dissector: DSCP of
 * media flows against the port plan, and VBSS.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_QOS_H
#define PACKET_UCDIAG_QOS_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "ucdiag_packet.h"

/* Fields, experts, the port plan's preferences and table, -z ucdiag,qos. */
void ucdiag_qos_register(int proto, module_t *module);
/* The preferences changed: rebuild the plan. */
void ucdiag_qos_prefs_apply(void);
/* At handoff: the RTP protocol, for the flows handed to it. */
void ucdiag_qos_handoff(void);
/* One UDP or TCP packet. */
void ucdiag_qos_dissect(ucdiag_packet_t *pkt, proto_tree *tree);

#endif /* PACKET_UCDIAG_QOS_H */
