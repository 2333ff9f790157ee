/* packet-ucdiag-relay-int.h
 * What the files of the media relay concern share with each other. The
 * rest of the plugin sees only packet-ucdiag-relay.h.
 *
 * The concern is three files:
 *   packet-ucdiag-relay.c         finds the relay messages of a packet, keeps
 *                                 the clients, registers the preferences
 *   packet-ucdiag-relay-report.c  the fields and experts: a message's tree
 *                                 item, a verdict's expert info and Info words
 *   packet-ucdiag-relay-table.c   the `-z ucdiag,relays` table
 * The first calls the other two, and the table borrows the report's
 * address text; neither calls the first. The allocations and their
 * verdicts are relay_logic.c's, the messages turn_reader.c's.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_RELAY_INT_H
#define PACKET_UCDIAG_RELAY_INT_H

#include <epan/packet.h>

#include "relay_logic.h"
#include "state_cap.h"
#include "turn_reader.h"
#include "ucdiag_packet.h"

/* A client as the concern keeps it, file-scoped. */
typedef struct {
    relay_client_t c;   /* first: the clients' map keys on &c.key */
    /* Per verdict remembered (c.marks[i]): the Allocate requests over UDP
     * to its relay when it was raised. A later pass words the verdict as
     * the first did, although the client went on trying. */
    guint16 udp_tries[RELAY_MAX_MARKS];
    guint16 records;    /* messages given a record for later passes */
} relay_entry_t;

/* Messages of one client given a record for later passes (the response
 * they answer, its delay); later ones are followed all the same, and show
 * the message alone. A Teams call makes a few dozen; 64 keep a client that
 * talks to all its 16 relays at about 7 KB, 70 MB at the default limit. */
#define RELAY_RECORDS_PER_CLIENT 64

/* What the first pass learnt of one message, for every pass to show. */
enum {
    RELAY_REC_RETRANSMIT = 1u << 0,
    RELAY_REC_DUPLICATE = 1u << 1,
    RELAY_REC_CHALLENGE = 1u << 2
};

typedef struct {
    gint64 response_ns;     /* UCD_NS_NONE when unknown */
    guint32 peer;           /* relay_step_t.peer */
    guint8 flags;           /* RELAY_REC_* */
} relay_record_t;

/* One message of the packet, as the report shows it. */
typedef struct {
    ucdiag_packet_t *pkt;
    const turn_msg_t *m;
    const relay_msg_t *rm;
    const relay_entry_t *e;
    const guint8 *relay;        /* the packet's relay end (of the client's af) */
    const relay_record_t *rec;
} relay_shown_t;

/* The preferences, and the tracking limit relay_max_clients sets (defined
 * in packet-ucdiag-relay.c). The table is handed the limit itself as a
 * tap's data on the frame where it was reached, an entry otherwise. */
extern guint ucdiag_relay_max_clients;
extern state_cap_t ucdiag_relay_clients_cap;

/* ---- packet-ucdiag-relay-report.c ---- */

void relay_report_register(int proto);
/* An address of the client's family as text, in pool (NULL: g_malloc'd,
 * for a table's cell). */
char *relay_addr_str(wmem_allocator_t *pool, int af, const guint8 *a);
/* The "Media relay" item of one message under the UC Network Diagnostics
 * subtree; called only where findings are wanted. */
proto_item *relay_report_message(const relay_shown_t *s, proto_tree *tree);
/* The verdicts raised on this frame (relay_marks_at): expert infos on ti
 * and Info words; full: someone reads the packet (else only the experts'
 * severities, for the status bar). */
void relay_report_marks(ucdiag_packet_t *pkt, gboolean full, proto_item *ti, const relay_entry_t *e,
                        const relay_mark_t *first, unsigned n);

/* ---- packet-ucdiag-relay-table.c ---- */

/* Statistics > UC Media Relays and tshark -z ucdiag,relays. */
void relay_table_register(void);

#endif /* PACKET_UCDIAG_RELAY_INT_H */
