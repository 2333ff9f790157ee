/* packet-ucdiag-relay.c
 * The media relay concern of the UC Network Diagnostics post-dissector:
 * the TURN / MS-TURN messages of a packet on a relay's port, each handed to
 * its client's allocations (relay_logic.c), and what that shows.
 *
 * The dispatcher calls in only for packets on the relay ports
 * (ucdiag_relay_port); of those, a datagram that is not STUN stops at its
 * first byte, and so does TLS on TCP 443. The messages themselves are
 * found by turn_payload_next, behind whatever framing the relay's dialect
 * uses; what a message or verdict shows is made by
 * packet-ucdiag-relay-report.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/proto_data.h>
#include <epan/tap.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-relay.h"
#include "packet-ucdiag-relay-int.h"
#include "ucdiag_shared.h"

static int proto_keeper = -1;
static int relay_tap = -1;

/* The preference relay_max_clients, and how many this capture made. 10000:
 * a capture at an Edge or a busy site's uplink holds hundreds of clients
 * calling out, and 10000 of them cost about 10 MB. */
guint ucdiag_relay_max_clients = 10000;
state_cap_t ucdiag_relay_clients_cap;
/* When UDP counts as unanswered; see relay_logic.h. */
static guint relay_attempts = RELAY_UNANSWERED_ATTEMPTS;
static guint relay_wait_s = (guint)(RELAY_UNANSWERED_SPAN_NS / UCD_NS_PER_S);

/* File-scoped: the clients by address. */
static wmem_map_t *clients;

/* A message's record in its frame's proto data, keyed by its place among
 * the frame's relay messages: the walk finds them in the same order on
 * every pass. */
#define RECORD_KEY(i) (0x52454c00u + (guint32)(i))

/* The clients a frame's messages belong to: one, but a hostile segment
 * may carry a request and a response, which are two. */
typedef struct {
    relay_entry_t *e[2];
    proto_item *ti[2];  /* the last message item of each */
    unsigned n;
    int wanted;         /* ucdiag_findings_wanted, asked once: -1 not yet */
} frame_clients_t;

static void
relay_init(void)
{
    state_cap_reset(&ucdiag_relay_clients_cap, ucdiag_relay_max_clients);
}

static relay_env_t
env_now(void)
{
    relay_env_t env;

    env.grow = ucdiag_grow_file_scoped;
    env.ctx = NULL;
    env.min_attempts = relay_attempts;
    env.min_span_ns = ucd_ns_of_s(relay_wait_s);
    return env;
}

/* The client at addr (of the packet's family): made on the first pass
 * within the tracking limit, looked up only on later passes. */
static relay_entry_t *
client_of(const ucdiag_packet_t *pkt, const guint8 *addr)
{
    relay_client_key_t key;
    relay_entry_t *e;

    memset(&key, 0, sizeof key);
    key.af = (uint8_t)pkt->af;
    memcpy(key.addr, addr, pkt->af == 6 ? 16 : 4);
    e = (relay_entry_t *)wmem_map_lookup(clients, &key);
    if (e || PINFO_FD_VISITED(pkt->pinfo) || !state_cap_admit(&ucdiag_relay_clients_cap, pkt->pinfo->num))
        return e;
    e = wmem_new0(wmem_file_scope(), relay_entry_t);
    relay_client_init(&e->c, pkt->af, addr);
    wmem_map_insert(clients, &e->c.key, e);
    return e;
}

/* First pass: the message into its client's allocations, and its record
 * for every pass to show; NULL when it is not followed or the client has
 * had its share of records. */
static const relay_record_t *
observe(packet_info *pinfo, relay_entry_t *e, const guint8 *relay, const relay_msg_t *rm, unsigned idx)
{
    relay_env_t env = env_now();
    relay_step_t step;
    relay_record_t *rec;
    unsigned i, before = e->c.n_marks;

    if (!relay_observe(&e->c, &env, relay, rm, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), &step))
        return NULL;
    for (i = before; i < e->c.n_marks; i++)
        e->udp_tries[i] = (guint16)MIN(e->c.relays[e->c.marks[i].relay].leg[0].requests, G_MAXUINT16);
    if (e->records >= RELAY_RECORDS_PER_CLIENT)
        return NULL;
    e->records++;
    rec = wmem_new(wmem_file_scope(), relay_record_t);
    rec->peer = step.peer;
    rec->response_ns = step.response_ns;
    rec->flags = (guint8)((step.retransmit ? RELAY_REC_RETRANSMIT : 0) | (step.duplicate ? RELAY_REC_DUPLICATE : 0) |
                          (step.challenge ? RELAY_REC_CHALLENGE : 0));
    p_add_proto_data(wmem_file_scope(), pinfo, proto_keeper, RECORD_KEY(idx), rec);
    return rec;
}

/* The slot of client e among the frame's. */
static unsigned
note_client(frame_clients_t *fc, relay_entry_t *e)
{
    unsigned i;

    for (i = 0; i < fc->n; i++)
        if (fc->e[i] == e)
            return i;
    if (fc->n == G_N_ELEMENTS(fc->e))
        return 0; /* cannot happen: a message has one client, a frame two ends */
    fc->e[fc->n] = e;
    fc->ti[fc->n] = NULL;
    return fc->n++;
}

/* One message of the packet: its client (the sender of a request, the
 * receiver of a response), what it does to the allocations, its item. */
static void
one_message(ucdiag_packet_t *pkt, proto_tree *tree, const turn_msg_t *m, const relay_msg_t *rm, unsigned idx,
            frame_clients_t *fc)
{
    packet_info *pinfo = pkt->pinfo;
    gboolean request = rm->kind == RELAY_MSG_REQUEST;
    const guint8 *client = (const guint8 *)(request ? pinfo->net_src.data : pinfo->net_dst.data);
    relay_shown_t s;
    relay_entry_t *e;
    unsigned slot;

    if (!(e = client_of(pkt, client)))
        return;
    s.relay = (const guint8 *)(request ? pinfo->net_dst.data : pinfo->net_src.data);
    if (PINFO_FD_VISITED(pinfo))
        s.rec = (const relay_record_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_keeper, RECORD_KEY(idx));
    else
        s.rec = observe(pinfo, e, s.relay, rm, idx);
    slot = note_client(fc, e);
    if (!s.rec)
        return;
    if (fc->wanted < 0)
        fc->wanted = ucdiag_findings_wanted(tree);
    if (fc->wanted) {
        s.pkt = pkt;
        s.m = m;
        s.rm = rm;
        s.e = e;
        fc->ti[slot] = relay_report_message(&s, tree);
    }
}

/* Every relay message of the packet, then the verdicts its frame raised. */
static void
relay_messages(ucdiag_packet_t *pkt, proto_tree *tree)
{
    packet_info *pinfo = pkt->pinfo;
    gboolean tcp = pinfo->ptype == PT_TCP;
    frame_clients_t fc;
    const frame_l4_t *l4;
    const guint8 *p;
    turn_payload_t w;
    turn_msg_t m;
    size_t off;
    unsigned idx = 0, i;

    if (!pkt->af || (!tcp && pinfo->ptype != PT_UDP) || !(l4 = ucdiag_packet_l4(pkt)) || !l4->avail)
        return;
    p = pkt->bytes + l4->offset;
    /* The one byte a packet that is not STUN costs: RTP, RTCP and
     * ChannelData on UDP, TLS on TCP 443 (the relay's own pseudo-TLS
     * handshake too: its messages come after it). */
    if (tcp ? (p[0] == 0x16 || p[0] == 0x17) : (p[0] & 0xc0) != 0)
        return;
    if (ucdiag_packet_quoted(pkt))
        return;
    fc.n = 0;
    fc.wanted = -1;
    turn_payload_init(&w, tcp);
    while (turn_payload_next(&w, p, l4->avail, l4->len, &off, &m)) {
        relay_msg_t rm;
        if (relay_msg_of(&m, tcp ? RELAY_TCP : RELAY_UDP, &rm))
            one_message(pkt, tree, &m, &rm, idx++, &fc);
    }
    for (i = 0; i < fc.n; i++) {
        const relay_mark_t *first;
        unsigned n = relay_marks_at(&fc.e[i]->c, pinfo->num, &first);

        if (have_tap_listener(relay_tap))
            tap_queue_packet(relay_tap, pinfo, fc.e[i]);
        if (!n)
            continue;
        if (fc.wanted < 0)
            fc.wanted = ucdiag_findings_wanted(tree);
        if (fc.wanted && !fc.ti[i])
            fc.ti[i] = proto_tree_get_parent(ucdiag_add_tree(pkt->tvb, tree));
        relay_report_marks(pkt, fc.wanted, fc.ti[i], fc.e[i], first, n);
    }
}

void
ucdiag_relay_dissect(ucdiag_packet_t *pkt, proto_tree *tree)
{
    relay_messages(pkt, tree);
    if (ucdiag_relay_clients_cap.full_frame == pkt->pinfo->num) {
        ucdiag_limit_note(pkt->tvb, pkt->pinfo, tree, &ucdiag_relay_clients_cap, "relay clients",
                          "ucdiag.relay_max_clients");
        if (have_tap_listener(relay_tap))
            tap_queue_packet(relay_tap, pkt->pinfo, &ucdiag_relay_clients_cap);
    }
}

void
ucdiag_relay_register(int proto, module_t *module)
{
    proto_keeper = proto;
    relay_report_register(proto);
    prefs_register_uint_preference(module, "relay_max_clients", "Media relays: most clients followed",
                                   "Clients of media relays beyond this many in one capture are not followed, so "
                                   "that a flood of hosts cannot exhaust memory (0: no limit)",
                                   10, &ucdiag_relay_max_clients);
    prefs_register_uint_preference(module, "relay_unanswered_attempts",
                                   "Media relays: unanswered Allocate requests over UDP",
                                   "Allocate requests over UDP (retransmissions count) that get no answer at all "
                                   "before the relay is said not to answer over UDP",
                                   10, &relay_attempts);
    prefs_register_uint_preference(module, "relay_unanswered_seconds",
                                   "Media relays: seconds before UDP counts as unanswered",
                                   "... and the seconds they must span: clients retransmit at 0, 0.5, 1.5 and "
                                   "3.5 s, and a relay that answers does so within a round trip",
                                   10, &relay_wait_s);
    clients = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), relay_client_key_hash,
                                     relay_client_key_equal);
    register_init_routine(relay_init);
    relay_tap = register_tap("ucdiag.relay");
    relay_table_register();
}
