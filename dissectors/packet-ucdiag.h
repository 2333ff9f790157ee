/* packet-ucdiag.h
 * Registration entry points of the UC Network Diagnostics post-dissector.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_H
#define PACKET_UCDIAG_H

void proto_register_ucdiag(void);
void proto_reg_handoff_ucdiag(void);

#endif /* PACKET_UCDIAG_H */
