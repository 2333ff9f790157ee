/* packet-ucdiag-relay-report.c
 * What the media relay concern shows: the "Media relay" item of each
 * message (its method, class, transport, dialect, error code, and the
 * request it answers), and each verdict as an expert info naming the
 * relay, the client, the frames and what usually lies behind it, with
 * short words for the Info column. Keeps no state and calls nothing else
 * of the concern (see packet-ucdiag-relay-int.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-relay-int.h"
#include "ucdiag_shared.h"

static int hf_relay = -1;
static int hf_relay_client = -1;
static int hf_relay_client6 = -1;
static int hf_relay_relay = -1;
static int hf_relay_relay6 = -1;
static int hf_relay_method = -1;
static int hf_relay_class = -1;
static int hf_relay_transport = -1;
static int hf_relay_dialect = -1;
static int hf_relay_signed = -1;
static int hf_relay_error_code = -1;
static int hf_relay_challenge = -1;
static int hf_relay_retransmission = -1;
static int hf_relay_response_to = -1;
static int hf_relay_response_in = -1;
static int hf_relay_response_time = -1;
static int hf_relay_verdict = -1;
static int hf_relay_request_frame = -1;

static gint ett_relay = -1;

static expert_field ei_relay_udp_unanswered = EI_INIT;
static expert_field ei_relay_udp_blocked = EI_INIT;
static expert_field ei_relay_refused = EI_INIT;
static expert_field ei_relay_error = EI_INIT;

/* The longest expert message whose item keeps it whole: Wireshark's label
 * limit, less the item's "Expert Info (Warning/Response code): ". */
#define MESSAGE_MAX (ITEM_LABEL_LENGTH - sizeof "Expert Info (Warning/Response code): ")

#define DIALECT_RFC 1
#define DIALECT_MS 2

static const value_string transport_vals[] = {
    { RELAY_UDP, "UDP" },
    { RELAY_TCP, "TCP" },
    { 0, NULL }
};

static const value_string dialect_vals[] = {
    { DIALECT_RFC, "TURN (RFC 5766/8656)" },
    { DIALECT_MS,  "MS-TURN" },
    { 0, NULL }
};

/* The error codes by name, from relay_logic's table, made at registration. */
static value_string *code_vals;

/* A number's name, then the number, as a custom field shows it. */
static void
named(gchar *out, const char *name, guint32 v)
{
    snprintf(out, ITEM_LABEL_LENGTH, "%s (%u)", name, v);
}

static void
method_fmt(gchar *out, guint32 v)
{
    named(out, turn_method_name((turn_method_t)v), v);
}

static void
class_fmt(gchar *out, guint32 v)
{
    named(out, turn_class_name((turn_class_t)v), v);
}

static void
verdict_fmt(gchar *out, guint32 v)
{
    named(out, relay_verdict_name((relay_verdict_t)v), v);
}

char *
relay_addr_str(wmem_allocator_t *pool, int af, const guint8 *a)
{
    address ad;

    set_address(&ad, af == 6 ? AT_IPv6 : AT_IPv4, af == 6 ? 16 : 4, a);
    return address_to_str(pool, &ad);
}

#define GEN(item) proto_item_set_generated(item)

static void
add_address(proto_tree *rt, tvbuff_t *tvb, int af, int hf4, int hf6, const guint8 *a)
{
    if (af == 6) {
        GEN(proto_tree_add_ipv6(rt, hf6, tvb, 0, 0, (const ws_in6_addr *)a));
    } else {
        guint32 v;
        memcpy(&v, a, 4);
        GEN(proto_tree_add_ipv4(rt, hf4, tvb, 0, 0, v));
    }
}

/* The error code and what it means here: a challenge is the normal dance. */
static const char *
code_words(wmem_allocator_t *pool, const relay_shown_t *s)
{
    const char *name;

    if (s->rm->kind != RELAY_MSG_ERROR)
        return "";
    if (!s->rm->code)
        return " (code unreadable)";
    name = relay_code_name(s->rm->code);
    return wmem_strdup_printf(pool, " %u%s%s%s", s->rm->code, name ? " " : "", name ? name : "",
                              s->rec->flags & RELAY_REC_CHALLENGE ? " (a challenge: normal)" : "");
}

proto_item *
relay_report_message(const relay_shown_t *s, proto_tree *tree)
{
    packet_info *pinfo = s->pkt->pinfo;
    tvbuff_t *tvb = s->pkt->tvb;
    int af = s->e->c.key.af;
    const char *relay = relay_addr_str(pinfo->pool, af, s->relay);
    const char *what = turn_method_name((turn_method_t)s->rm->method);
    const char *cls = turn_class_name((turn_class_t)s->m->cls);
    const char *code = code_words(pinfo->pool, s);
    gboolean again = (s->rec->flags & (RELAY_REC_RETRANSMIT | RELAY_REC_DUPLICATE)) != 0;
    proto_tree *ut = ucdiag_add_tree(tvb, tree), *rt;
    proto_item *top;

    ucdiag_summary("relay %s: %s %s%s", relay, what, cls, code);
    top = proto_tree_add_none_format(ut, hf_relay, tvb, 0, 0, "Media relay: %s %s%s over %s, client %s, relay %s%s",
                                     what, cls, code, val_to_str_const(s->rm->transport, transport_vals, "?"),
                                     relay_addr_str(pinfo->pool, af, s->e->c.key.addr), relay, again ? " (again)" : "");
    GEN(top);
    rt = proto_item_add_subtree(top, ett_relay);
    add_address(rt, tvb, af, hf_relay_client, hf_relay_client6, s->e->c.key.addr);
    add_address(rt, tvb, af, hf_relay_relay, hf_relay_relay6, s->relay);
    GEN(proto_tree_add_uint(rt, hf_relay_method, tvb, 0, 0, s->rm->method));
    GEN(proto_tree_add_uint(rt, hf_relay_class, tvb, 0, 0, s->m->cls));
    GEN(proto_tree_add_uint(rt, hf_relay_transport, tvb, 0, 0, s->rm->transport));
    GEN(proto_tree_add_uint(rt, hf_relay_dialect, tvb, 0, 0, s->m->ms_turn ? DIALECT_MS : DIALECT_RFC));
    if (s->rm->kind == RELAY_MSG_REQUEST)
        GEN(proto_tree_add_boolean(rt, hf_relay_signed, tvb, 0, 0, s->rm->signed_));
    if (s->rm->kind == RELAY_MSG_ERROR && s->rm->code)
        GEN(proto_tree_add_uint(rt, hf_relay_error_code, tvb, 0, 0, s->rm->code));
    if (s->rec->flags & RELAY_REC_CHALLENGE)
        GEN(proto_tree_add_boolean(rt, hf_relay_challenge, tvb, 0, 0, TRUE));
    if (again)
        GEN(proto_tree_add_boolean(rt, hf_relay_retransmission, tvb, 0, 0, TRUE));
    if (s->rec->peer)
        GEN(proto_tree_add_uint(rt, s->rm->kind == RELAY_MSG_REQUEST ? hf_relay_response_in : hf_relay_response_to,
                                tvb, 0, 0, s->rec->peer));
    if (s->rec->response_ns != UCD_NS_NONE) {
        nstime_t d;
        d.secs = (time_t)(s->rec->response_ns / UCD_NS_PER_S);
        d.nsecs = (int)(s->rec->response_ns % UCD_NS_PER_S);
        GEN(proto_tree_add_time(rt, hf_relay_response_time, tvb, 0, 0, &d));
    }
    return top;
}

/* ---- Verdicts ---- */

/* What every verdict's words need. */
typedef struct {
    packet_info *pinfo;
    gboolean full;
    proto_item *ti;
    const relay_entry_t *e;
    const relay_mark_t *k;
    guint16 tries;          /* Allocate requests over UDP when it was raised */
    const char *relay;      /* NULL unless full */
    const char *client;
} verdict_t;

/* "frame 7", or where the capture lacks the request, says so. */
static const char *
frame_ref(wmem_allocator_t *pool, guint32 frame)
{
    return frame ? wmem_strdup_printf(pool, "frame %u", frame) : "a request not captured";
}

/* The expert info: what happened (NULL unless full), then what to do when
 * the label has room; the registered summary says the latter for every
 * finding of its kind. */
static void
say(const verdict_t *v, expert_field *ei, const char *what, const char *advice)
{
    gboolean room = v->full && strlen(what) + 2 + strlen(advice) <= MESSAGE_MAX;

    UCDIAG_FINDING(v->full, v->pinfo, v->ti, ei, "%s%s%s", what, room ? "; " : "", room ? advice : "");
}

static void
udp_unanswered(const verdict_t *v)
{
    const relay_leg_t *udp = &v->e->c.relays[v->k->relay].leg[0];
    gint64 span = ucd_ns_since(ucdiag_ns_of(&v->pinfo->abs_ts), udp->first_t_ns);

    ucdiag_info(v->pinfo, v->full, &ei_relay_udp_unanswered, "relay %s unanswered over UDP", v->relay);
    say(v, &ei_relay_udp_unanswered,
        v->full ? wmem_strdup_printf(v->pinfo->pool, "Relay %s never answers client %s over UDP: %u Allocates in "
                                     "%.1f s since frame %u, none over TCP yet", v->relay, v->client, v->tries,
                                     span == UCD_NS_NONE ? 0.0 : (double)span / UCD_NS_PER_S, v->k->about) : NULL,
        "UDP 3478 blocked on the way or the relay down: open UDP 3478-3481 to it");
}

static void
udp_blocked(const verdict_t *v)
{
    ucdiag_info(v->pinfo, v->full, &ei_relay_udp_blocked, "UDP to relay %s blocked, TCP fallback", v->relay);
    say(v, &ei_relay_udp_blocked,
        v->full ? wmem_strdup_printf(v->pinfo->pool, "UDP 3478 to relay %s blocked: %u Allocates from client %s "
                                     "unanswered since frame %u, yet it answers over TCP (frame %u)", v->relay,
                                     v->tries, v->client, v->k->about,
                                     v->e->c.relays[v->k->relay].leg[1].first_answer) : NULL,
        "media falls back to TCP: open UDP 3478-3481 to the relay");
}

static void
refused(const verdict_t *v)
{
    const char *name = relay_code_name(v->k->code);

    ucdiag_info(v->pinfo, v->full, &ei_relay_refused, "relay refuses credentials (%u)", v->k->code);
    say(v, &ei_relay_refused,
        v->full ? wmem_strdup_printf(v->pinfo->pool, "Relay %s refuses client %s's credentials: %u %s to the "
                                     "signed %s of %s", v->relay, v->client, v->k->code, name ? name : "",
                                     turn_method_name((turn_method_t)v->k->method),
                                     frame_ref(v->pinfo->pool, v->k->about)) : NULL,
        "usually expired MRAS credentials or a clock off (client, Edge, MRAS)");
}

static void
other_error(const verdict_t *v)
{
    const char *name = relay_code_name(v->k->code);

    ucdiag_info(v->pinfo, v->full, &ei_relay_error, "relay error %u%s%s", v->k->code, name ? " " : "", name ? name : "");
    say(v, &ei_relay_error,
        v->full ? wmem_strdup_printf(v->pinfo->pool, "%u%s%s from relay %s to client %s's %s of %s", v->k->code,
                                     name ? " " : "", name ? name : "", v->relay, v->client,
                                     turn_method_name((turn_method_t)v->k->method),
                                     frame_ref(v->pinfo->pool, v->k->about)) : NULL,
        relay_code_cause(v->k->code));
}

void
relay_report_marks(ucdiag_packet_t *pkt, gboolean full, proto_item *ti, const relay_entry_t *e,
                   const relay_mark_t *first, unsigned n)
{
    packet_info *pinfo = pkt->pinfo;
    proto_tree *rt = full && ti ? proto_item_add_subtree(ti, ett_relay) : NULL;
    unsigned i;

    for (i = 0; i < n; i++) {
        const relay_mark_t *k = &first[i];
        verdict_t v;

        v.pinfo = pinfo;
        v.full = full;
        v.ti = ti;
        v.e = e;
        v.k = k;
        v.tries = e->udp_tries[k - e->c.marks];
        v.relay = full || pinfo->cinfo ? relay_addr_str(pinfo->pool, e->c.key.af, e->c.relays[k->relay].addr) : "";
        v.client = full ? relay_addr_str(pinfo->pool, e->c.key.af, e->c.key.addr) : NULL;
        if (ucdiag_findings_open) {
            ucdiag_subject_begin(pinfo->num, "relay");
            ucdiag_subject_ip_bytes("client", e->c.key.af, e->c.key.addr);
            ucdiag_subject_ip_bytes("relay", e->c.key.af, e->c.relays[k->relay].addr);
        }
        if (rt) {
            GEN(proto_tree_add_uint(rt, hf_relay_verdict, pkt->tvb, 0, 0, k->verdict));
            if (k->about)
                GEN(proto_tree_add_uint(rt, hf_relay_request_frame, pkt->tvb, 0, 0, k->about));
        }
        switch (k->verdict) {
        case RELAY_V_UDP_UNANSWERED: udp_unanswered(&v); break;
        case RELAY_V_UDP_BLOCKED:    udp_blocked(&v); break;
        case RELAY_V_REFUSED:        refused(&v); break;
        case RELAY_V_ERROR:          other_error(&v); break;
        default:                     break;
        }
    }
}

#undef GEN

void
relay_report_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_relay,
          { "Media relay", "ucdiag.relay", FT_NONE, BASE_NONE, NULL, 0x0,
            "A TURN or MS-TURN message of a client's allocation at a media relay", HFILL } },
        { &hf_relay_client,
          { "Client", "ucdiag.relay.client", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The client allocating: a request's sender, a response's receiver", HFILL } },
        { &hf_relay_client6,
          { "Client", "ucdiag.relay.client_ipv6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "The client allocating, over IPv6", HFILL } },
        { &hf_relay_relay,
          { "Relay", "ucdiag.relay.relay", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The relay's end of this packet (Teams' relays may answer from another address than asked)",
            HFILL } },
        { &hf_relay_relay6,
          { "Relay", "ucdiag.relay.relay_ipv6", FT_IPv6, BASE_NONE, NULL, 0x0,
            "The relay's end of this packet, over IPv6", HFILL } },
        { &hf_relay_method,
          { "Method", "ucdiag.relay.method", FT_UINT8, BASE_CUSTOM, CF_FUNC(method_fmt), 0x0,
            "What the message does, whichever dialect numbered it: 3 Allocate, 4 Refresh, 7 CreatePermission, "
            "8 ChannelBind, 9 Set Active Destination...", HFILL } },
        { &hf_relay_class,
          { "Class", "ucdiag.relay.class", FT_UINT8, BASE_CUSTOM, CF_FUNC(class_fmt), 0x0,
            "0 request, 2 success response, 3 error response", HFILL } },
        { &hf_relay_transport,
          { "Transport", "ucdiag.relay.transport", FT_UINT8, BASE_DEC, VALS(transport_vals), 0x0,
            "1 UDP, 2 TCP", HFILL } },
        { &hf_relay_dialect,
          { "Dialect", "ucdiag.relay.dialect", FT_UINT8, BASE_DEC, VALS(dialect_vals), 0x0,
            "1 standard TURN, 2 MS-TURN (Lync, Skype for Business Edge, Teams' relays)", HFILL } },
        { &hf_relay_signed,
          { "Signed", "ucdiag.relay.signed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The request carries MESSAGE-INTEGRITY: the credentials MRAS handed out", HFILL } },
        { &hf_relay_error_code,
          { "Error code", "ucdiag.relay.error_code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The relay's ERROR-CODE", HFILL } },
        { &hf_relay_challenge,
          { "Challenge", "ucdiag.relay.challenge", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "A 401 or 438 asking for (new) credentials: how every allocation starts, nothing wrong", HFILL } },
        { &hf_relay_retransmission,
          { "Retransmission", "ucdiag.relay.retransmission", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "A request whose transaction was seen before, or a response to one answered before", HFILL } },
        { &hf_relay_response_to,
          { "Response to", "ucdiag.relay.response_to", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The request this answers, matched by transaction ID whichever relay address answered", HFILL } },
        { &hf_relay_response_in,
          { "Response in", "ucdiag.relay.response_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "The answer, where the capture holds it before its request (merged from two points)", HFILL } },
        { &hf_relay_response_time,
          { "Response time", "ucdiag.relay.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "Since the request's first sighting", HFILL } },
        { &hf_relay_verdict,
          { "Verdict", "ucdiag.relay.verdict", FT_UINT8, BASE_CUSTOM, CF_FUNC(verdict_fmt), 0x0,
            "What this frame shows of the allocations: 1 UDP unanswered, 2 UDP blocked with TCP fallback, "
            "3 credentials refused, 4 another error", HFILL } },
        { &hf_relay_request_frame,
          { "About the request in", "ucdiag.relay.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The verdict's request: the first unanswered Allocate over UDP, or the one refused", HFILL } },
    };
    static gint *ett[] = {
        &ett_relay,
    };
    static ei_register_info ei[] = {
        { &ei_relay_udp_unanswered,
          { "ucdiag.relay.udp_unanswered", PI_SEQUENCE, PI_WARN,
            "A media relay never answers Allocate over UDP: UDP 3478 blocked on the way, or the relay down",
            EXPFILL } },
        { &ei_relay_udp_blocked,
          { "ucdiag.relay.udp_blocked", PI_SEQUENCE, PI_WARN,
            "UDP 3478 to a media relay is blocked while TCP reaches it: media falls back to TCP. Open UDP "
            "3478-3481 to the relay", EXPFILL } },
        { &ei_relay_refused,
          { "ucdiag.relay.credentials_refused", PI_RESPONSE_CODE, PI_WARN,
            "A media relay refuses the client's credentials after its challenge: expired MRAS credentials or "
            "a clock off; external calls fail", EXPFILL } },
        { &ei_relay_error,
          { "ucdiag.relay.error", PI_RESPONSE_CODE, PI_WARN,
            "A media relay answers an allocation with an error", EXPFILL } },
    };
    size_t i;

    code_vals = g_new0(value_string, relay_n_code_names + 1);
    for (i = 0; i < relay_n_code_names; i++) {
        code_vals[i].value = relay_code_names[i].code;
        code_vals[i].strptr = relay_code_names[i].name;
    }
    for (i = 0; i < G_N_ELEMENTS(hf); i++)
        if (hf[i].p_id == &hf_relay_error_code)
            hf[i].hfinfo.strings = VALS(code_vals);
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
