/* packet-ucdiag-records.h
 * tshark -z ucdiag,records: the statistics tables' rows as JSON lines (see
 * packet-ucdiag-records.c).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_RECORDS_H
#define PACKET_UCDIAG_RECORDS_H

void ucdiag_records_tap_register(void);

#endif /* PACKET_UCDIAG_RECORDS_H */
