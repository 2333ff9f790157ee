/* packet-msuc.h
 * Registration entry points of the MS-UC-Client option 43 dissector.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_MSUC_H
#define PACKET_MSUC_H

void proto_register_msuc(void);
void proto_reg_handoff_msuc(void);

#endif /* PACKET_MSUC_H */
