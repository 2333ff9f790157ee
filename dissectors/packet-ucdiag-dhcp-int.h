/* packet-ucdiag-dhcp-int.h
 * What the files of the DHCPINFORM concern share with each other. The rest
 * of the plugin sees only packet-ucdiag-dhcp.h.
 *
 * The concern is two files:
 *   packet-ucdiag-dhcp.c        pairs INFORMs and ACKs, and says what it
 *                               found: fields, expert infos, Info words
 *   packet-ucdiag-dhcp-table.c  the `-z ucdiag,dhcp` table
 * The first registers the second; the table reads the transactions the
 * first keeps and calls nothing of it.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_DHCP_INT_H
#define PACKET_UCDIAG_DHCP_INT_H

#include <epan/packet.h>

#include "dhcp_txn.h"
#include "state_cap.h"

/* An INFORM transaction as the concern keeps it, file-scoped: the tap's
 * data for its packets. */
typedef struct {
    dhcp_client_key_t key;
    dhcp_txn_t txn;
} txn_entry_t;

/* The transactions' tracking limit: the tap's data on the frame where it
 * was reached. */
extern state_cap_t ucdiag_dhcp_txns_cap;
extern int ucdiag_dhcp_tap;

void ucdiag_dhcp_table_register(void);

#endif /* PACKET_UCDIAG_DHCP_INT_H */
