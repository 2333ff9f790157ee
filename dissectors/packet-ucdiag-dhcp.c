/* packet-ucdiag-dhcp.c
 * The DHCPINFORM half of the UC Network Diagnostics post-dissector: pairs
 * every INFORM with its ACK, and says when the ACK bypasses the relay, never
 * comes, cannot be delivered, or lacks the phone's provisioning options.
 *
 * Transactions and their sightings live in dhcp_txn.c; this file takes the
 * DHCP message of the packet's one reading (ucdiag_packet.c), keeps
 * transactions in file scope and turns findings into fields and expert info;
 * the `-z ucdiag,dhcp` table is packet-ucdiag-dhcp-table.c's.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/addr_resolv.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "dhcp_txn.h"
#include "rec_table.h"
#include "packet-ucdiag-dhcp.h"
#include "packet-ucdiag-dhcp-int.h"
#include "ucdiag_shared.h"

static int proto_dhcp = -1;

static int hf_ucdiag_dhcp = -1;
static int hf_ucdiag_dhcp_attempt = -1;
static int hf_ucdiag_dhcp_attempts = -1;
static int hf_ucdiag_dhcp_relayed = -1;
static int hf_ucdiag_dhcp_relay = -1;
static int hf_ucdiag_dhcp_vendor_class = -1;
static int hf_ucdiag_dhcp_ack_frame = -1;
static int hf_ucdiag_dhcp_inform_frame = -1;
static int hf_ucdiag_dhcp_response_time = -1;
static int hf_ucdiag_dhcp_path = -1;
static int hf_ucdiag_dhcp_server = -1;
static int hf_ucdiag_dhcp_certainty = -1;
static int hf_ucdiag_dhcp_copy_of = -1;

static gint ett_ucdiag_dhcp = -1;

static expert_field ei_ucdiag_dhcp_ack_bypasses_relay = EI_INIT;
static expert_field ei_ucdiag_dhcp_inform_unanswered = EI_INIT;
static expert_field ei_ucdiag_dhcp_relay_reply_undeliverable = EI_INIT;
static expert_field ei_ucdiag_dhcp_provisioning_options_missing = EI_INIT;
static expert_field ei_ucdiag_dhcp_multiple_servers = EI_INIT;
static expert_field ei_ucdiag_dhcp_capture_too_short = EI_INIT;

int ucdiag_dhcp_tap = -1;

/* An ACK later than this (seconds) counts as no answer. RFC 2131 clients
 * retransmit after 4 s. */
static guint dhcp_timeout_s = 4;

static const value_string path_vals[] = {
    { DHCP_PATH_VIA_RELAY,       "Via the relay (to giaddr, port 67)" },
    { DHCP_PATH_RELAY_TO_CLIENT, "Relay to the client (unicast)" },
    { DHCP_PATH_DIRECT,          "Straight to the client (ciaddr:68)" },
    { DHCP_PATH_BROADCAST,       "Broadcast (255.255.255.255:68)" },
    { DHCP_PATH_TO_ZERO,         "To 0.0.0.0:68" },
    { DHCP_PATH_ELSEWHERE,       "To another address" },
    { 0, NULL }
};

static const value_string certainty_vals[] = {
    { DHCP_CERTAINTY_RELAYED_SEEN, "Certain: the relayed INFORM is in the capture" },
    { DHCP_CERTAINTY_ACK_GIADDR,   "Certain: the ACK names the relay (giaddr) but does not come from it" },
    { DHCP_CERTAINTY_ROUTED,       "Likely: seen on the client's segment; the INFORM was a broadcast and "
                                   "the ACK was routed (TTL)" },
    { 0, NULL }
};

/* File-scoped: one entry per INFORM transaction (xid, client MAC), up to the
 * preference dhcp_max_transactions. 20000: a phone makes one per boot, so a
 * day's capture at a large site's DHCP server stays well within it, and 20000
 * answered ones cost about 3.7 MB (185 bytes each, measured). Reset for every
 * file: its entries and slots go with the file's memory. */
static rec_table_t txns = {
    .hash = dhcp_client_key_hash, .equal = dhcp_client_key_equal, .alloc = ucdiag_grow_file_scoped,
    .release = ucdiag_free_file_scoped, .size = sizeof(txn_entry_t)
};
_Static_assert(sizeof(txn_entry_t) % 8 == 0, "entries side by side stay aligned");
static guint dhcp_max_txns = 20000;
state_cap_t ucdiag_dhcp_txns_cap;

/* The newest timestamp of any packet, to say how long a capture went on after
 * an unanswered INFORM. */
static nstime_t capture_end;

static void
dhcp_init(void)
{
    nstime_set_zero(&capture_end);
    rec_table_reset(&txns);
    state_cap_reset(&ucdiag_dhcp_txns_cap, dhcp_max_txns);
}

static const value_string client_nouns[] = {
    { DHCP_CLIENT_UC_PHONE, "phone" },
    { DHCP_CLIENT_WINDOWS,  "PC" },
    { DHCP_CLIENT_OTHER,    "client" },
    { 0, NULL }
};

/* "phone", "PC" or "client": what the INFORM's vendor class and requested
 * options say the client is. */
static const char *
client_noun(const dhcp_txn_t *t)
{
    return val_to_str_const(dhcp_txn_client_kind(t), client_nouns, "client");
}

/* "phone 10.78.1.10": the client by what it is and its address, or its MAC
 * while it has none. */
static const char *
client_str(wmem_allocator_t *pool, const txn_entry_t *e)
{
    return wmem_strdup_printf(pool, "%s %s", client_noun(&e->txn),
                              e->txn.ciaddr ? ucdiag_ip_str(pool, e->txn.ciaddr) :
                                              ucdiag_mac_str(pool, e->key.chaddr, e->key.hlen));
}

/* What an INFORM left without an answer costs this client: a phone its
 * provisioning URL, a PC the options it asked for, the first `named` by
 * name (fewer where the message says more around them, to stay within
 * Wireshark's label limit). */
static const char *
consequence(wmem_allocator_t *pool, const dhcp_txn_t *t, unsigned named)
{
    char asked[128];

    if (dhcp_txn_client_kind(t) == DHCP_CLIENT_UC_PHONE)
        return "the phone gets no provisioning URL, falls back to DNS and offers no PIN sign-in";
    return wmem_strdup_printf(pool, "the %s gets none of %s", client_noun(t),
                              dhcp_asked_text(t, named, asked, sizeof asked) ? asked : "the options it asked for");
}

static const char *
relay_str(wmem_allocator_t *pool, const dhcp_txn_t *t)
{
    return t->relay ? wmem_strdup_printf(pool, "relay %s", ucdiag_ip_str(pool, t->relay)) : "the relay";
}

/* " via relay R", or nothing while no relay is known. */
static const char *
via_relay(wmem_allocator_t *pool, const dhcp_txn_t *t)
{
    return t->relay ? wmem_strdup_printf(pool, " via relay %s", ucdiag_ip_str(pool, t->relay)) : "";
}

/* The server as far as known: the answer's, else where the relay sent it. */
static const char *
server_str(wmem_allocator_t *pool, const dhcp_txn_t *t, guint32 server)
{
    if (!server && t->n_servers)
        server = dhcp_txn_server(t, 0);
    if (!server && t->relayed_to)
        server = t->relayed_to;
    return server ? wmem_strdup_printf(pool, "server %s", ucdiag_ip_str(pool, server)) : "any server";
}

static double
secs_of(int64_t ns)
{
    return (double)ns / 1e9;
}

/* What -z ucdiag,findings says a finding of this transaction is about:
 * the client by its MAC and address, its relay and the server (server, or
 * else the one its findings name). */
static void
state_subject(guint32 frame, const txn_entry_t *e, guint32 server)
{
    const dhcp_txn_t *t = &e->txn;

    if (!server && t->n_servers)
        server = dhcp_txn_server(t, 0);
    if (!server)
        server = t->relayed_to;
    ucdiag_subject_begin(frame, "client");
    ucdiag_subject_mac("mac", e->key.chaddr, e->key.hlen);
    ucdiag_subject_ipv4("ip", t->ciaddr);
    ucdiag_subject_ipv4("relay", t->relay);
    ucdiag_subject_ipv4("server", server);
}

/* An INFORM still unanswered when the capture ended, judged by how long it
 * went on after: the finding, or NULL when that is unknown; its words for
 * Info (NULL: none) and, with a pool, its message. */
static expert_field *
unanswered_verdict(wmem_allocator_t *p, const txn_entry_t *e, const dhcp_sighting_t *s, const char **brief,
                   const char **message)
{
    const dhcp_txn_t *t = &e->txn;
    /* Silence means something only once an answer had time to come. */
    int64_t after = ucd_ns_since(ucdiag_ns_of(&capture_end), s->t_ns);

    *brief = *message = NULL;
    if (after == UCD_NS_NONE)
        return NULL;
    if (after >= ucd_ns_of_s(dhcp_timeout_s)) {
        *brief = "INFORM unanswered";
        if (p)
            *message = wmem_strdup_printf(p, "No ACK to %s's INFORM from %s%s within %u s: %s. Check server "
                                          "scope, relay and firewall", client_str(p, e), server_str(p, t, 0),
                                          via_relay(p, t), dhcp_timeout_s, consequence(p, t, 3));
        return &ei_ucdiag_dhcp_inform_unanswered;
    }
    if (p)
        *message = wmem_strdup_printf(p, "No ACK to %s's INFORM, but the capture ends %.1f s later, under the "
                                      "%u s an answer may take: too early to tell. Capture longer",
                                      client_str(p, e), secs_of(after), dhcp_timeout_s);
    return &ei_ucdiag_dhcp_capture_too_short;
}

static void
add_inform_findings(packet_info *pinfo, gboolean full, proto_item *ti, const txn_entry_t *e,
                    const dhcp_sighting_t *s)
{
    const dhcp_txn_t *t = &e->txn;
    wmem_allocator_t *p = pinfo->pool;

    if (s->findings && ucdiag_findings_open)
        state_subject(pinfo->num, e, 0);
    if (s->findings & DHCP_F_RETRY_NO_ACK) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_inform_unanswered, "INFORM retry %u, no ACK", s->attempt);
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_inform_unanswered,
                       "INFORM retry #%u by %s: no ACK to frame %u from %s%s; %s. "
                       "Check server, relay and firewall",
                       s->attempt, client_str(p, e), s->prev, server_str(p, t, 0), via_relay(p, t),
                       consequence(p, t, 2));
    }
    if (s->findings & DHCP_F_RETRY_AFTER_ACK) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_inform_unanswered, "INFORM retry %u, ACK lost", s->attempt);
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_inform_unanswered,
                       "INFORM retry #%u by %s although %s sent an ACK (frame %u): it never "
                       "arrived. Check firewalls on the way for UDP 67->68 to the %s",
                       s->attempt, client_str(p, e), server_str(p, t, 0), s->prev, client_noun(t));
    }
    if (s->findings & DHCP_F_UNANSWERED) {
        const char *brief, *message;
        expert_field *ei = unanswered_verdict(full ? p : NULL, e, s, &brief, &message);
        if (ei && brief)
            ucdiag_info(pinfo, full, ei, "%s", brief);
        if (ei)
            UCDIAG_FINDING(full, pinfo, ti, ei, "%s", message);
    }
}

static void
add_ack_findings(packet_info *pinfo, gboolean full, proto_item *ti, const txn_entry_t *e, const dhcp_sighting_t *s)
{
    const dhcp_txn_t *t = &e->txn;
    wmem_allocator_t *p = pinfo->pool;
    const char *server = full ? server_str(p, t, s->server) : NULL;

    if (s->findings && ucdiag_findings_open)
        state_subject(pinfo->num, e, s->server);

    /* Notes before warnings: on a packet no one reads, Wireshark's Expert
     * column keeps the last one added. */
    if (s->findings & DHCP_F_MULTI_SERVER) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_multiple_servers, "second server %s answers", ucdiag_ip_str(p, s->server));
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_multiple_servers,
                       "Server %s also answers %s's INFORM%s (first answer: frame %u). The %s "
                       "takes one: give every server the same options",
                       ucdiag_ip_str(p, s->server), client_str(p, e), via_relay(p, t), s->prev, client_noun(t));
    }
    if (s->findings & DHCP_F_BYPASS) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_ack_bypasses_relay, "ACK bypasses %s", relay_str(p, t));
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_ack_bypasses_relay,
                       "ACK bypasses %s: %s -> %s:68 direct, which a stateful firewall drops "
                       "(no flow). Fix: allow UDP 67->68 from the server [%s]",
                       relay_str(p, t), server, client_str(p, e),
                       s->certainty == DHCP_CERTAINTY_ROUTED ?
                       wmem_strdup_printf(p, "likely: routed, TTL %u", s->ttl) : "certain");
    }
    if (s->findings & DHCP_F_UNDELIVERABLE_NOBCAST) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_relay_reply_undeliverable, "relay cannot deliver ACK");
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_relay_reply_undeliverable,
                       "ACK from %s to %s has BROADCAST clear, yiaddr 0: the relay cannot deliver it to "
                       "%s. Fix: server sets BROADCAST or answers ciaddr:68",
                       server, relay_str(p, t), client_str(p, e));
    }
    if (s->findings & DHCP_F_UNDELIVERABLE_ZERO) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_relay_reply_undeliverable, "relay cannot deliver ACK");
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_relay_reply_undeliverable,
                       "%s sends the ACK from %s for %s on to 0.0.0.0:68, which a UDP socket never "
                       "gets. Fix: server sets BROADCAST or answers ciaddr:68",
                       t->relay ? wmem_strdup_printf(p, "Relay %s", ucdiag_ip_str(p, t->relay)) : "The relay",
                       server, client_str(p, e));
    }
    if (s->findings & DHCP_F_LATE) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_inform_unanswered, "ACK %.1f s late", secs_of(s->response_ns));
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_inform_unanswered,
                       "ACK from %s to %s%s only %.1f s after the INFORM, over the %u s "
                       "timeout: the %s may have given up. Check server load and path",
                       server, client_str(p, e), via_relay(p, t), secs_of(s->response_ns),
                       dhcp_timeout_s, client_noun(t));
    }
    if (s->findings & DHCP_F_PROV_MISSING) {
        ucdiag_info(pinfo, full, &ei_ucdiag_dhcp_provisioning_options_missing, "ACK lacks %s",
                    s->missing == (DHCP_MISSING_43 | DHCP_MISSING_120) ?
                    "options 43 and 120" : s->missing == DHCP_MISSING_43 ? "option 43" : "option 120");
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_dhcp_provisioning_options_missing,
                       "ACK from %s to MS-UC-Client %s%s lacks %s: the phone falls back to DNS, PIN "
                       "sign-in may not appear. Fix: set them for class MS-UC-Client",
                       server, client_str(p, e), via_relay(p, t),
                       s->missing == (DHCP_MISSING_43 | DHCP_MISSING_120) ? "options 43 and 120" :
                       s->missing == DHCP_MISSING_43 ? "option 43 with MS-UC-Client sub-options" :
                       "option 120");
    }
}

static void
add_sighting_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const txn_entry_t *e,
                  const dhcp_sighting_t *s)
{
    const dhcp_txn_t *t = &e->txn;
    proto_tree *dt;
    proto_item *top, *ti;
    nstime_t rt;

    const char *what = wmem_strdup_printf(pinfo->pool, "DHCP %s, attempt %u of %u",
                                          s->kind == DHCP_KIND_INFORM ? "INFORM" : "ACK", s->attempt, t->attempts);
    proto_tree *ut = ucdiag_add_tree(tvb, tree);

    /* DHCP is rare enough for a summary on the collapsed ucdiag line too. */
    ucdiag_summary("%s", what);
    top = proto_tree_add_none_format(ut, hf_ucdiag_dhcp, tvb, 0, 0, "%s", what);
    proto_item_set_generated(top);
    dt = proto_item_add_subtree(top, ett_ucdiag_dhcp);
    if (s->copy_of) {
        ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_copy_of, tvb, 0, 0, s->copy_of);
        proto_item_set_generated(ti);
    }
    if (s->kind == DHCP_KIND_INFORM) {
        ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_attempt, tvb, 0, 0, s->attempt);
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_attempts, tvb, 0, 0, t->attempts);
        proto_item_set_generated(ti);
        ti = proto_tree_add_boolean(dt, hf_ucdiag_dhcp_relayed, tvb, 0, 0,
                                    s->giaddr || t->relay || t->relay_inferred);
        proto_item_set_generated(ti);
        if (s->giaddr || t->relay) {
            ti = proto_tree_add_ipv4(dt, hf_ucdiag_dhcp_relay, tvb, 0, 0, g_htonl(s->giaddr ? s->giaddr : t->relay));
            proto_item_set_generated(ti);
        }
        if (t->vendor_class_len) {
            ti = proto_tree_add_string(dt, hf_ucdiag_dhcp_vendor_class, tvb, 0, 0,
                                       ucd_format_text(pinfo->pool, t->vendor_class, t->vendor_class_len));
            proto_item_set_generated(ti);
        }
        if (s->peer) {
            ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_ack_frame, tvb, 0, 0, s->peer);
            proto_item_set_generated(ti);
        }
        add_inform_findings(pinfo, TRUE, top, e, s);
        return;
    }
    ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_inform_frame, tvb, 0, 0, s->peer);
    proto_item_set_generated(ti);
    if (s->response_ns != UCD_NS_NONE) {
        nstime_set_zero(&rt);
        rt.secs = (time_t)(s->response_ns / UCD_NS_PER_S);
        rt.nsecs = (int)(s->response_ns % UCD_NS_PER_S);
        ti = proto_tree_add_time(dt, hf_ucdiag_dhcp_response_time, tvb, 0, 0, &rt);
        proto_item_set_generated(ti);
    }
    /* "Not via the relay" only means something where there is one. */
    if (s->path == DHCP_PATH_DIRECT && (t->relay || t->relay_inferred))
        ti = proto_tree_add_uint_format_value(dt, hf_ucdiag_dhcp_path, tvb, 0, 0, s->path, "%s, not via %s",
                                              val_to_str_const(s->path, path_vals, "?"),
                                              relay_str(pinfo->pool, t));
    else
        ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_path, tvb, 0, 0, s->path);
    proto_item_set_generated(ti);
    if (s->server) {
        ti = proto_tree_add_ipv4(dt, hf_ucdiag_dhcp_server, tvb, 0, 0, g_htonl(s->server));
        proto_item_set_generated(ti);
    }
    if (s->certainty) {
        ti = proto_tree_add_uint(dt, hf_ucdiag_dhcp_certainty, tvb, 0, 0, s->certainty);
        proto_item_set_generated(ti);
    }
    add_ack_findings(pinfo, TRUE, top, e, s);
}

/* The frame whose INFORM found the table full: said there, and to the table. */
static void
limit_note(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    ucdiag_limit_note(tvb, pinfo, tree, &ucdiag_dhcp_txns_cap, "INFORM transactions",
                      "ucdiag.dhcp_max_transactions");
    if (have_tap_listener(ucdiag_dhcp_tap))
        tap_queue_packet(ucdiag_dhcp_tap, pinfo, &ucdiag_dhcp_txns_cap);
}

/* A UDP packet between DHCP ports: apart from the entry below, so that the
 * other packets, nearly all, skip its setting up. */
static UCD_NOINLINE void
dhcp_dissect_udp(ucdiag_packet_t *pkt, proto_tree *tree, ucdiag_dhcp_seen_t *seen)
{
    tvbuff_t *tvb = pkt->tvb;
    packet_info *pinfo = pkt->pinfo;
    const dhcp_msg_t *mp;
    dhcp_client_key_t key;
    dhcp_sighting_t *sp = &seen->sighting;
    txn_entry_t *e;

    /* A message quoted in an ICMP error is not a new message; and a port the
     * user decoded as something else is not DHCP. */
    if (pkt->af != 4 || ucdiag_packet_quoted(pkt) || !ucdiag_packet_has_proto(pkt, proto_dhcp))
        return;
    mp = ucdiag_packet_dhcp(pkt);
    if (!mp || mp->sport != pinfo->srcport || mp->dport != pinfo->destport)
        return;
    seen->msg = mp;
    if (mp->kind == DHCP_KIND_OTHER)
        return;
    dhcp_client_key_from_view(&mp->view, &key);
    e = (txn_entry_t *)rec_table_find(&txns, &key);
    if (!PINFO_FD_VISITED(pinfo) && !e && mp->kind == DHCP_KIND_INFORM &&
        !state_cap_admit(&ucdiag_dhcp_txns_cap, pinfo->num)) {
        limit_note(tvb, pinfo, tree);
        return;
    }
    if (state_cap_reached_at(&ucdiag_dhcp_txns_cap, pinfo->num)) {
        limit_note(tvb, pinfo, tree);
        return;
    }
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!e && mp->kind == DHCP_KIND_INFORM) {
            guint32 id;

            e = (txn_entry_t *)rec_table_take(&txns, &id); /* wmem allocates or aborts */
            e->key = key;
            dhcp_txn_init(&e->txn);
            rec_table_add(&txns, id);
        }
        if (!e || !dhcp_txn_observe(&e->txn, mp, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts),
                                    ucd_ns_of_s(dhcp_timeout_s), ucdiag_grow_file_scoped,
                                    ucdiag_intern_file_scoped, NULL, sp))
            return;
    } else if (!e || !dhcp_txn_lookup(&e->txn, pinfo->num, sp)) {
        return;
    }
    seen->in_txn = TRUE;
    seen->txn = &e->txn;
    if (have_tap_listener(ucdiag_dhcp_tap))
        tap_queue_packet(ucdiag_dhcp_tap, pinfo, e);
    if (ucdiag_findings_wanted(tree))
        add_sighting_tree(tvb, pinfo, tree, e, sp);
    else if (sp->kind == DHCP_KIND_INFORM)
        add_inform_findings(pinfo, FALSE, NULL, e, sp);
    else
        add_ack_findings(pinfo, FALSE, NULL, e, sp);
}

gboolean
ucdiag_dhcp_dissect(ucdiag_packet_t *pkt, proto_tree *tree, ucdiag_dhcp_seen_t *seen)
{
    packet_info *pinfo = pkt->pinfo;

    seen->msg = NULL;
    seen->in_txn = FALSE;
    /* Every packet, not only DHCP, tells how long the capture went on.
     * Compared field by field: Wireshark 4.0's nstime_cmp narrows the
     * difference of the seconds to an int, which gets pcapng's far-off
     * timestamps the wrong way round. */
    if (pinfo->abs_ts.secs > capture_end.secs ||
        (pinfo->abs_ts.secs == capture_end.secs && pinfo->abs_ts.nsecs > capture_end.nsecs))
        capture_end = pinfo->abs_ts;
    if (pinfo->ptype != PT_UDP || !dhcp_is_port(pinfo->srcport) || !dhcp_is_port(pinfo->destport))
        return FALSE;
    dhcp_dissect_udp(pkt, tree, seen);
    return TRUE;
}

/* One transaction whose last attempt is unanswered: its finding, on the
 * INFORM that started the attempt, as a later pass shows it in the tree. */
static void
finish_txn(void *value, void *user_data _U_)
{
    const txn_entry_t *e = (const txn_entry_t *)value;
    const dhcp_txn_t *t = &e->txn;
    dhcp_sighting_t last;
    const dhcp_sighting_t *s = &last;
    const char *brief, *message;
    expert_field *ei;
    nstime_t ts;

    if (!dhcp_txn_last_unanswered(t))
        return;
    /* Past the sightings remembered, a later pass shows nothing either. */
    if (!dhcp_txn_last_attempt(t, &last) || !(ei = unanswered_verdict(wmem_file_scope(), e, s, &brief, &message)))
        return;
    ts.secs = (time_t)(s->t_ns / UCD_NS_PER_S);
    ts.nsecs = (int)(s->t_ns % UCD_NS_PER_S);
    if (ts.nsecs < 0) {
        ts.secs--;
        ts.nsecs += (int)UCD_NS_PER_S;
    }
    state_subject(s->frame, e, 0);
    ucdiag_findings_record_late(s->frame, &ts, ei, message, brief);
}

void
ucdiag_dhcp_finish_capture(void)
{
    rec_table_each(&txns, finish_txn, NULL);
}

void
ucdiag_dhcp_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_dhcp,
          { "DHCP INFORM transaction", "ucdiag.dhcp", FT_NONE, BASE_NONE, NULL, 0x0,
            "A DHCPINFORM or its ACK, paired by xid and client MAC", HFILL } },
        { &hf_ucdiag_dhcp_attempt,
          { "Attempt", "ucdiag.dhcp.attempt", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Which sending of the INFORM this is (1 = first; same xid and client MAC)", HFILL } },
        { &hf_ucdiag_dhcp_attempts,
          { "Attempts", "ucdiag.dhcp.attempts", FT_UINT16, BASE_DEC, NULL, 0x0,
            "How many times the client sent this INFORM (so far, on a single pass)", HFILL } },
        { &hf_ucdiag_dhcp_relayed,
          { "Relayed", "ucdiag.dhcp.relayed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The INFORM reached the server through a relay", HFILL } },
        { &hf_ucdiag_dhcp_relay,
          { "Relay", "ucdiag.dhcp.relay", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The relay's address (giaddr)", HFILL } },
        { &hf_ucdiag_dhcp_vendor_class,
          { "Vendor class", "ucdiag.dhcp.vendor_class", FT_STRING, BASE_NONE, NULL, 0x0,
            "The client's vendor class (option 60)", HFILL } },
        { &hf_ucdiag_dhcp_ack_frame,
          { "ACK in frame", "ucdiag.dhcp.ack_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE),
            0x0, "The first ACK to this attempt", HFILL } },
        { &hf_ucdiag_dhcp_inform_frame,
          { "INFORM in frame", "ucdiag.dhcp.inform_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The INFORM this ACK answers", HFILL } },
        { &hf_ucdiag_dhcp_response_time,
          { "Response time", "ucdiag.dhcp.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "Time since the INFORM this ACK answers", HFILL } },
        { &hf_ucdiag_dhcp_path,
          { "Path", "ucdiag.dhcp.path", FT_UINT8, BASE_DEC, VALS(path_vals), 0x0,
            "Where this ACK goes", HFILL } },
        { &hf_ucdiag_dhcp_server,
          { "Server", "ucdiag.dhcp.server", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The answering server (option 54, else the ACK's source)", HFILL } },
        { &hf_ucdiag_dhcp_certainty,
          { "Bypass certainty", "ucdiag.dhcp.certainty", FT_UINT8, BASE_DEC, VALS(certainty_vals), 0x0,
            "How the relay bypass was established", HFILL } },
        { &hf_ucdiag_dhcp_copy_of,
          { "Copy of frame", "ucdiag.dhcp.copy_of", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The same packet seen earlier at another capture point (merged captures)", HFILL } },
    };

    static gint *ett[] = {
        &ett_ucdiag_dhcp,
    };

    static ei_register_info ei[] = {
        { &ei_ucdiag_dhcp_ack_bypasses_relay,
          { "ucdiag.dhcp.ack_bypasses_relay", PI_SEQUENCE, PI_WARN,
            "The INFORM came through a relay, the ACK goes straight to ciaddr:68", EXPFILL } },
        { &ei_ucdiag_dhcp_inform_unanswered,
          { "ucdiag.dhcp.inform_unanswered", PI_SEQUENCE, PI_WARN,
            "INFORM retried or never answered in time", EXPFILL } },
        { &ei_ucdiag_dhcp_relay_reply_undeliverable,
          { "ucdiag.dhcp.relay_reply_undeliverable", PI_SEQUENCE, PI_WARN,
            "The relay cannot deliver this ACK", EXPFILL } },
        { &ei_ucdiag_dhcp_provisioning_options_missing,
          { "ucdiag.dhcp.provisioning_options_missing", PI_PROTOCOL, PI_WARN,
            "ACK to an MS-UC-Client INFORM without option 43 or 120", EXPFILL } },
        { &ei_ucdiag_dhcp_multiple_servers,
          { "ucdiag.dhcp.multiple_servers", PI_SEQUENCE, PI_NOTE,
            "More than one server answers the same INFORM", EXPFILL } },
        { &ei_ucdiag_dhcp_capture_too_short,
          { "ucdiag.dhcp.capture_too_short", PI_SEQUENCE, PI_NOTE,
            "The capture ends before an answer to the last INFORM was due", EXPFILL } },
    };

    expert_module_t *expert;

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    ucdiag_findings_know_experts(ei, array_length(ei));
    prefs_register_uint_preference(module, "dhcp_timeout", "DHCPINFORM timeout (seconds)",
                                   "An ACK later than this after its INFORM is flagged as no answer in time",
                                   10, &dhcp_timeout_s);
    prefs_register_uint_preference(module, "dhcp_max_transactions", "DHCPINFORM: most transactions followed",
                                   "INFORM transactions beyond this many in one capture are not followed, so that "
                                   "a flood of clients cannot exhaust memory (0: no limit)",
                                   10, &dhcp_max_txns);
    register_init_routine(dhcp_init);
    ucdiag_dhcp_tap = register_tap("ucdiag.dhcp");
    ucdiag_dhcp_table_register();
}

void
ucdiag_dhcp_handoff(void)
{
    proto_dhcp = proto_get_id_by_filter_name("dhcp");
}
