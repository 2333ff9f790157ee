/* packet-ucdiag-cert.h
 * The certificates of UC servers in TLS 1.0-1.2 handshakes: names, subject
 * for MTLS, dates and chain as sent.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_CERT_H
#define PACKET_UCDIAG_CERT_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "ucdiag_packet.h"

/* Fields, experts and preferences, under proto. */
void ucdiag_cert_register(int proto, module_t *module);
/* Every packet that is not DHCP, before the bootstrap. */
void ucdiag_cert_dissect(ucdiag_packet_t *pkt, proto_tree *tree);
/* After the bootstrap: a phone's refused chain the bootstrap did not quote
 * (it does not follow that connection) is said here. */
void ucdiag_cert_after_boot(ucdiag_packet_t *pkt, proto_tree *tree);

#endif /* PACKET_UCDIAG_CERT_H */
