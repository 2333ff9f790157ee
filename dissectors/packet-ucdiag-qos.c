/* packet-ucdiag-qos.c
 * The QoS concern of the UC Network Diagnostics post-dissector: checks the
 * DSCP of media flows against the Skype for Business / Teams QoS port plan,
 * and flags Video-based Screen Sharing port mismatches.
 *
 * This file checks one packet (ucdiag_qos_dissect, at the end, one step at a
 * time) and keeps the flow directions behind the check: whether each carries
 * media, what shows it to be Microsoft's, and its DSCP history. The flows
 * stay beside the steps because every UDP and TCP packet comes through here,
 * and the steps call them directly. Elsewhere in the concern (see
 * packet-ucdiag-qos-int.h): the port plan in packet-ucdiag-qos-plan.c, what a
 * check shows in packet-ucdiag-qos-findings.c, the `-z ucdiag,qos` table in
 * packet-ucdiag-qos-table.c, registration in packet-ucdiag-qos-register.c.
 * The pure logic: the plan, classification and DSCP bookkeeping in
 * qos_logic.c, media recognition in media_logic.c; the packet's headers
 * come from its one reading (ucdiag_packet.c).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/conversation.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-rtp.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-qos-int.h"
#include "packet-ucdiag-qos.h"

/* Owned here (see packet-ucdiag-qos-int.h); registered in
 * packet-ucdiag-qos-register.c. */

/* Judge only flows recognised as media (the default), or every packet whose
 * ports are in the plan, for media whose headers are out of sight. */
ucd_pref_bool_t qos_media_only = TRUE;
/* Off by default: the RTP dissector keeps per-packet state for every
 * packet it takes (about 110 bytes each), so on a long media capture the
 * hand-off grows tshark's memory with packets. The UC Diagnostics profile
 * turns it on for the window, where RTP Streams and the player are wanted. */
ucd_pref_bool_t qos_decode_rtp = FALSE;
/* Whose media is judged: QOS_SCOPE_MICROSOFT or QOS_SCOPE_PLAN. */
gint qos_scope = QOS_SCOPE_MICROSOFT;
int ucdiag_qos_tap = -1;

/* ---- Flows ---- */

/* File-scoped: one entry per flow direction, so memory grows with flows, not
 * packets; up to the preference qos_max_flows. 40000 directions: a call is
 * two to eight of them (audio, video, both ways, STUN checks), so a capture
 * at a busy Mediation server or SBC fits; 40000 cost about 20 MB. */
static wmem_map_t *flows;
guint ucdiag_qos_max_flows = 40000;
state_cap_t ucdiag_qos_flows_cap;
/* The directions looked up last, in front of the map; emptied with it. */
static qos_flow_cache_t recent_flows;

static void
qos_flows_new_file(void)
{
    state_cap_reset(&ucdiag_qos_flows_cap, ucdiag_qos_max_flows);
    qos_flow_cache_clear(&recent_flows);
}

/* Wireshark's RTP protocol: a flow already dissected as RTP (SDP set it up)
 * keeps its conversation, with the codec names SDP gave. */
static int proto_rtp = -1;
static dissector_handle_t rtp_handle;

void
qos_flows_handoff(void)
{
    proto_rtp = proto_get_id_by_filter_name("rtp");
    rtp_handle = find_dissector("rtp");
}

void
qos_flows_register(void)
{
    flows = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), qos_flow_key_hash, qos_flow_key_equal);
    register_init_routine(qos_flows_new_file);
}

static gboolean
flow_key_of(const ucdiag_packet_t *pkt, unsigned transport, qos_flow_key_t *key)
{
    const packet_info *pinfo = pkt->pinfo;

    if (!pkt->af)
        return FALSE;
    memset(key, 0, sizeof *key);
    key->af = (uint8_t)pkt->af;
    /* ucdiag_packet_start checked the lengths: copies of a constant size
     * are a few moves, not calls. */
    if (pkt->af == 4) {
        memcpy(key->src, pinfo->net_src.data, 4);
        memcpy(key->dst, pinfo->net_dst.data, 4);
    } else {
        memcpy(key->src, pinfo->net_src.data, 16);
        memcpy(key->dst, pinfo->net_dst.data, 16);
    }
    key->transport = (uint8_t)transport;
    key->sport = (uint16_t)pinfo->srcport;
    key->dport = (uint16_t)pinfo->destport;
    return TRUE;
}

/* The key of the other direction of the same conversation. */
static void
reverse_key(const qos_flow_key_t *k, qos_flow_key_t *rk)
{
    *rk = *k;
    memcpy(rk->src, k->dst, sizeof rk->src);
    memcpy(rk->dst, k->src, sizeof rk->dst);
    rk->sport = k->dport;
    rk->dport = k->sport;
}

/* The flow direction of key, if there is one. */
static flow_entry_t *
flow_find(const qos_flow_key_t *key)
{
    flow_entry_t *e = (flow_entry_t *)qos_flow_cache_find(&recent_flows, key);

    if (!e && (e = (flow_entry_t *)wmem_map_lookup(flows, key)) != NULL)
        qos_flow_cache_put(&recent_flows, e);
    return e;
}

/* A new flow direction of key, made on frame create_at (the first pass)
 * within the tracking limit; NULL past it. It is born with its match to
 * the plan where the caller knows it (m), else that is worked out on the
 * direction's first packet. */
static flow_entry_t *
flow_make(const qos_flow_key_t *key, guint32 create_at, const qos_match_t *m)
{
    flow_entry_t *e = NULL;

    if (state_cap_admit(&ucdiag_qos_flows_cap, create_at)) {
        e = wmem_new(wmem_file_scope(), flow_entry_t);
        e->key = *key;
        media_flow_init(&e->media);
        e->flow = NULL;
        e->reverse = NULL;
        memset(&e->ev, 0, sizeof e->ev);
        e->judged_from = 0;
        e->ev_gen = 0;
        e->changed_at = 0;
        e->kind_before = UC_EV_NONE;
        e->ev_words = NULL;
        e->rtp_pt = RTP_PT_NONE;
        e->rtp_conv = FALSE;
        if (m)
            e->match = *m;
        e->match_gen = m ? qos_plan->generation : 0;
        e->table_row = NULL;
        e->table_of = NULL;
        e->table_gen = 0;
        wmem_map_insert(flows, &e->key, e);
        qos_flow_cache_put(&recent_flows, e);
    }
    return e;
}

/* The flow direction of key; made on frame create_at (the first pass) when
 * new and within the tracking limit, never when create_at is 0. */
static flow_entry_t *
flow_lookup(const qos_flow_key_t *key, guint32 create_at)
{
    flow_entry_t *e = flow_find(key);

    return !e && create_at ? flow_make(key, create_at, NULL) : e;
}

/* First pass, a packet of a VBSS flow: whether this direction is the first
 * of the two seen marked unlike the other one (whose DSCP goes to *theirs).
 * There is one such finding per pair of directions. The other direction is
 * looked up on every packet until it exists, then kept. */
static gboolean
vbss_directions_differ(flow_entry_t *e, guint8 dscp, guint8 *theirs)
{
    const flow_entry_t *r = e->reverse;

    if (!r) {
        qos_flow_key_t rk;
        reverse_key(&e->key, &rk);
        r = e->reverse = flow_find(&rk);
    }
    if (!r || !r->flow || r->flow->packets == 0 || r->flow->vbss_frame != 0 || r->flow->last_dscp == dscp)
        return FALSE;
    *theirs = r->flow->last_dscp;
    return TRUE;
}

/* What this packet of a flow direction carries, and whether it is judged:
 * MEDIA_NONE leaves it alone. Packets before the direction is recognised are
 * not judged, on any pass: the verdict is reached in frame order, and a
 * later pass asks where it was reached. payload is NULL exactly when l4 is. */
static media_kind_t
media_of(flow_entry_t *e, packet_info *pinfo, const guint8 *payload, const frame_l4_t *l4, unsigned transport)
{
    if (!PINFO_FD_VISITED(pinfo)) {
        if (l4)
            return media_flow_observe(&e->media, payload, l4->avail, l4->len, transport == QOS_TCP, pinfo->num);
        return e->media.since ? MEDIA_OTHER : MEDIA_NONE; /* a later fragment of a media flow */
    }
    if (!e->media.since || pinfo->num < e->media.since)
        return MEDIA_NONE;
    return l4 ? media_demux(payload, l4->avail, e->media.framing) : MEDIA_OTHER;
}

/* Where a STUN message starts behind the direction's TCP framing. */
static size_t
framing_skip(guint8 framing)
{
    return framing == MEDIA_FRAMING_RFC4571 ? 2 : framing == MEDIA_FRAMING_MSTURN ? 4 : 0;
}

/* Settles a direction on what it is from `frame` on. The first verdict
 * stays, with one exception: the flow's own STUN, which outranks everything,
 * may once overrule what its addresses or endpoints said before it (a
 * capture that starts mid-call, a declared voice subnet that also holds
 * browsers). The earlier verdict is kept for the packets before, so that
 * every pass judges the same packets. */
static void
flow_settle(flow_entry_t *e, const ucdiag_evidence_t *ev, guint32 frame)
{
    if (e->ev.kind == UC_EV_NONE) {
        e->judged_from = frame;
    } else {
        if (e->changed_at || !uc_evidence_overrules((uc_evidence_t)e->ev.kind, (uc_evidence_t)ev->kind))
            return;
        e->kind_before = e->ev.kind;
        e->changed_at = frame;
    }
    e->ev = *ev;
    e->ev_words = NULL;
}

/* First pass, a STUN message of this flow: whose stack wrote it settles
 * both directions, and its sender is remembered for the endpoint's later
 * flows. */
static void
flow_learn_stun(flow_entry_t *e, packet_info *pinfo, const guint8 *payload, size_t avail)
{
    size_t skip = framing_skip(e->media.framing);
    ucdiag_endpoint_t src, dst;
    ucdiag_evidence_t ev;
    uc_stun_marks_t marks;

    if (avail <= skip)
        return;
    qos_flow_endpoints(&e->key, &src, &dst);
    marks = ucdiag_evidence_stun(&src, payload + skip, avail - skip, pinfo->num);
    if (marks.stack == UC_STACK_NONE)
        return;
    memset(&ev, 0, sizeof ev);
    ev.kind = marks.stack == UC_STACK_MICROSOFT ? UC_EV_STUN_FLOW : UC_EV_OTHER_FLOW;
    ev.attr = marks.attr;
    ev.frame = pinfo->num;
    flow_settle(e, &ev, pinfo->num);
    if (!e->reverse) {
        qos_flow_key_t rk;
        reverse_key(&e->key, &rk);
        if (!(e->reverse = flow_lookup(&rk, pinfo->num)))
            return;
    }
    ev.side = 1; /* the sender, seen from the other direction */
    flow_settle(e->reverse, &ev, pinfo->num + 1);
}

/* First pass: whether this packet's direction is Microsoft UC media, from
 * what the capture has shown so far. Asked again only when something new
 * was learnt since the last time. */
static void
flow_learn(flow_entry_t *e, packet_info *pinfo, media_kind_t kind, const guint8 *payload, size_t avail)
{
    guint32 gen;

    /* Once a flow is settled, only its own STUN (which may overrule the
     * verdict) and its first RTP payload type can still teach something. */
    if (e->ev.kind != UC_EV_NONE && kind != MEDIA_STUN && kind != MEDIA_STUN_CLASSIC &&
        (kind != MEDIA_RTP || e->rtp_pt != RTP_PT_NONE))
        return;
    if (kind == MEDIA_STUN || kind == MEDIA_STUN_CLASSIC)
        flow_learn_stun(e, pinfo, payload, avail);
    if (kind == MEDIA_RTP && e->rtp_pt == RTP_PT_NONE && avail > framing_skip(e->media.framing) + 1)
        e->rtp_pt = payload[framing_skip(e->media.framing) + 1] & 0x7f;
    gen = ucdiag_evidence_generation();
    if (e->ev.kind == UC_EV_NONE && e->ev_gen != gen) {
        ucdiag_endpoint_t src, dst;
        ucdiag_evidence_t ev;
        qos_flow_endpoints(&e->key, &src, &dst);
        /* A flow's addresses cannot change during a pass: what they say is
         * asked the first time only. */
        ucdiag_evidence_about(&src, &dst, pinfo->num, e->ev_gen == 0, &ev);
        if (ev.kind != UC_EV_NONE)
            flow_settle(e, &ev, pinfo->num);
        e->ev_gen = gen;
    }
}

/* Is this packet's DSCP judged? Every media packet on a plan port when the
 * scope is the plan; only Microsoft's, from the frame it was shown to be,
 * by default. */
static gboolean
flow_judged(const flow_entry_t *e, packet_info *pinfo)
{
    guint8 kind;

    if (qos_scope == QOS_SCOPE_PLAN)
        return TRUE;
    if (!e)
        return FALSE;
    kind = e->changed_at && pinfo->num < e->changed_at ? e->kind_before : e->ev.kind;
    return uc_evidence_is_microsoft((uc_evidence_t)kind) && pinfo->num >= e->judged_from;
}

/* ---- The steps of one packet's check ---- */

/* Is the packet UDP or TCP between IP addresses, with a port in the plan
 * and none a signalling port? Fills in its transport, match and flow key,
 * and its flow direction where there is one already (q->e, else NULL).
 * The cheap test comes first: most traffic is in no range and stops here.
 * A known direction keeps its match, worked out once per plan. */
static gboolean
packet_in_plan(ucdiag_packet_t *pkt, qos_packet_t *q)
{
    packet_info *pinfo = pkt->pinfo;
    uint16_t sport = (uint16_t)pinfo->srcport, dport = (uint16_t)pinfo->destport;

    if (pinfo->ptype == PT_UDP)
        q->transport = QOS_UDP;
    else if (pinfo->ptype == PT_TCP)
        q->transport = QOS_TCP;
    else
        return FALSE;
    if (!qos_plan_touches(qos_plan, q->transport, sport, dport) || qos_is_signalling_port(sport) ||
        qos_is_signalling_port(dport) || !flow_key_of(pkt, q->transport, &q->key))
        return FALSE;
    q->e = flow_find(&q->key);
    if (q->e && q->e->match_gen == qos_plan->generation) {
        q->m = q->e->match;
    } else {
        qos_classify(qos_plan, q->transport, sport, dport, &q->m);
        if (q->e) {
            q->e->match = q->m;
            q->e->match_gen = qos_plan->generation;
        }
    }
    if (!q->m.range)
        return FALSE;
    q->pkt = pkt;
    return TRUE;
}

/* Reads the IP header's DSCP, and the payload where media is to be
 * recognised. FALSE for a packet not to be judged: one quoted in an ICMP
 * error, or a TCP segment without payload. */
static gboolean
read_packet(qos_packet_t *q)
{
    if ((q->ip = ucdiag_packet_ip(q->pkt)) == NULL || ucdiag_packet_quoted(q->pkt))
        return FALSE;
    q->dscp = frame_ip_dscp(q->ip, q->key.af);
    /* The payload matters only when media is recognised. */
    q->l4 = qos_media_only ? ucdiag_packet_l4(q->pkt) : NULL;
    /* A bare TCP ACK, SYN or FIN says nothing about what a flow carries, and
     * is not what QoS policies are about: never judged on its own. */
    return !(q->l4 && q->transport == QOS_TCP && q->l4->len == 0);
}

/* Finds the packet's flow direction (made on the first pass), recognises
 * what it carries and learns what the packet shows about whose media it
 * is. FALSE in media-only mode where the packet is not media. */
static gboolean
find_media(qos_packet_t *q)
{
    packet_info *pinfo = q->pkt->pinfo;
    const guint8 *payload = q->l4 ? q->pkt->bytes + q->l4->offset : NULL;

    /* Flows are built on the first pass only, in frame order. A later pass
     * that finds none (the plan changed since) judges nothing in media-only
     * mode, and gives the per-packet findings in port-only mode. */
    if (!q->e && !PINFO_FD_VISITED(pinfo))
        q->e = flow_make(&q->key, pinfo->num, &q->m);
    q->kind = MEDIA_NONE;
    if (qos_media_only) {
        if (!q->e || (q->kind = media_of(q->e, pinfo, payload, q->l4, q->transport)) == MEDIA_NONE)
            return FALSE;
    }
    if (q->e && !PINFO_FD_VISITED(pinfo))
        flow_learn(q->e, pinfo, q->kind, payload, q->l4 ? q->l4->avail : 0);
    return TRUE;
}

/* Judges the packet's DSCP against the plan, and keeps the flow's DSCP
 * history on the first pass (a later pass reads it back): whether the DSCP
 * changed within the flow, and whether the two directions of a VBSS flow
 * are marked differently. */
static void
judge_dscp(qos_packet_t *q)
{
    packet_info *pinfo = q->pkt->pinfo;
    flow_entry_t *e = q->e;

    q->mismatched = !qos_match_accepts(&q->m, q->dscp);
    q->remarked = FALSE;
    q->from = 0;
    q->theirs = 0;
    if (e && !PINFO_FD_VISITED(pinfo)) {
        gboolean copy;
        if (!e->flow) {
            e->flow = wmem_new(wmem_file_scope(), qos_flow_t);
            qos_flow_init(e->flow);
        }
        q->from = e->flow->last_dscp;
        copy = qos_flow_is_copy(e->flow, frame_ip_id(q->ip, q->key.af));
        q->remarked = qos_flow_add(e->flow, pinfo->num, q->dscp, q->mismatched, copy);
        if (q->m.vbss != QOS_VBSS_NONE && e->flow->vbss_frame == 0 &&
            vbss_directions_differ(e, q->dscp, &q->theirs)) {
            e->flow->vbss_frame = pinfo->num;
            e->flow->vbss_other_dscp = q->theirs;
        }
    } else if (e && e->flow) {
        q->remarked = qos_flow_remarked_at(e->flow, pinfo->num, &q->from);
    }
    q->vbss_here = e && e->flow && q->m.vbss != QOS_VBSS_NONE && e->flow->vbss_frame == pinfo->num;
    if (q->vbss_here)
        q->theirs = e->flow->vbss_other_dscp;
    q->between = q->remarked && e->flow->copy_remark_frame == pinfo->num;
    /* Only a range of your table can override the preset: the usual plan,
     * with no table, costs no call here. */
    q->override_here = q->m.range->from_user && qos_plan_note_override(q->m.range, pinfo);
}

/* First pass, a judged RTP packet of a UDP flow: the port pair is handed
 * to Wireshark's RTP dissector, as SDP does for a call it sets up, so that
 * Telephony > RTP Streams, the stream analysis and the player work on the
 * flows this concern judges. Why this and not the RTP heuristics in the
 * profile: it works in tshark without the profile; it is asked only of
 * flows ucdiag recognised (two RTP packets of one SSRC) and judges
 * (Microsoft's by evidence, or every plan flow with qos_scope:plan), where
 * the heuristics would turn any UDP whose first byte looks like RTP into
 * RTP; and it costs one conversation per port pair, not a heuristic try on
 * every UDP packet. The conversation starts at this frame: on the first
 * pass the next packet is the first dissected as RTP (the post-dissector
 * runs after UDP), on a second pass (-2, the GUI) this one too. Earlier
 * packets stay UDP. RTCP multiplexed on the port, and STUN, are left to the
 * RTP dissector's own demultiplexing. TCP-framed media (ICE-TCP, MS-TURN)
 * and TURN-wrapped media are not handed over: the RTP dissector reads bare
 * RTP only. UDP looks a conversation up from the receiving end, so, as SDP
 * registers each end's address and port, both ends are registered, each
 * narrowed to the other end's port. A flow already dissected as RTP (SDP
 * handed it over) keeps SDP's conversation and the codec names it gave. */
static void
hand_to_rtp(const qos_packet_t *q)
{
    packet_info *pinfo = q->pkt->pinfo;
    flow_entry_t *e = q->e;
    const qos_range_t *r = q->m.range;
    struct srtp_info *srtp;
    guint32 types;

    if (!qos_decode_rtp || e->rtp_conv || q->kind != MEDIA_RTP || q->transport != QOS_UDP ||
        e->media.framing != MEDIA_FRAMING_NONE || PINFO_FD_VISITED(pinfo))
        return;
    e->rtp_conv = TRUE;
    if (!e->reverse) {
        qos_flow_key_t rk;
        reverse_key(&e->key, &rk);
        e->reverse = flow_find(&rk);
    }
    if (e->reverse) {
        if (e->reverse->rtp_conv)
            return;
        e->reverse->rtp_conv = TRUE;
    }
    /* Once per flow: the walk over the packet's layers is not per packet. */
    if (proto_rtp < 0 || !rtp_handle || ucdiag_packet_has_proto(q->pkt, proto_rtp))
        return;
    types = q->m.vbss != QOS_VBSS_NONE || r->modality == QOS_VIDEO ? RTP_MEDIA_VIDEO :
            r->modality == QOS_AUDIO ? RTP_MEDIA_AUDIO : RTP_MEDIA_OTHER;
    /* Lync, Skype for Business and Teams send media as SRTP only, with
     * AES_CM_128_HMAC_SHA1_80: told so, the RTP dissector shows the payload
     * as encrypted with its 10-byte tag, and RTCP multiplexed on the pair as
     * SRTCP (as plain RTCP its encrypted reports would be malformed). */
    srtp = wmem_new0(wmem_file_scope(), struct srtp_info);
    srtp->encryption_algorithm = SRTP_ENC_ALG_AES_CM;
    srtp->auth_algorithm = SRTP_AUTH_ALG_HMAC_SHA1;
    srtp->auth_tag_len = 10;
    srtp_add_address(pinfo, PT_UDP, &pinfo->dst, (int)pinfo->destport, (int)pinfo->srcport, "UCDIAG",
                     pinfo->num, types, NULL, srtp, NULL);
    srtp_add_address(pinfo, PT_UDP, &pinfo->src, (int)pinfo->srcport, (int)pinfo->destport, "UCDIAG",
                     pinfo->num, types, NULL, srtp, NULL);
    /* ICE's STUN checks on the same pair leave Wireshark's STUN dissector
     * on the pair's own conversation, which UDP asks before the ends'; from
     * here it is RTP's, which hands STUN on to STUN itself. */
    conversation_set_dissector_from_frame_number(find_or_create_conversation(pinfo), pinfo->num, rtp_handle);
}

/* Tells the -z table about a packet of a known flow; called only when the
 * table (or another listener) is open. The taps read what is queued before
 * the next packet is dissected, and a packet queues one: a few records
 * used in turn (as the RTP dissector does for its own tap) spare an
 * allocation per packet. */
static inline void
tell_table(const qos_packet_t *q, gboolean judged)
{
    static qos_tap_info_t infos[4];
    static unsigned next_info;
    qos_tap_info_t *info = &infos[next_info++ % G_N_ELEMENTS(infos)];

    info->entry = q->e;
    info->match = &q->e->match; /* q->m, kept by the direction since packet_in_plan or flow_make */
    info->dscp = q->dscp;
    info->mismatched = judged && q->mismatched;
    info->judged = judged;
    tap_queue_packet(ucdiag_qos_tap, q->pkt->pinfo, info);
}

void
ucdiag_qos_dissect(ucdiag_packet_t *pkt, proto_tree *tree)
{
    qos_packet_t q;

    if (!packet_in_plan(pkt, &q) || !read_packet(&q) || !find_media(&q)) {
        /* Only a packet whose flow was turned away can be where the table
         * filled up. */
        if (ucdiag_qos_flows_cap.full_frame == pkt->pinfo->num)
            qos_report_limit(pkt, tree);
        return;
    }
    if (!flow_judged(q.e, pkt->pinfo)) {
        /* Media on a plan port that is not judged: the table counts it as
         * unconfirmed or another application's, the tree says why. */
        if (q.e && have_tap_listener(ucdiag_qos_tap))
            tell_table(&q, FALSE);
        if (tree)
            qos_report_not_judged(&q, tree);
        return;
    }
    judge_dscp(&q);
    if (q.e)
        hand_to_rtp(&q);
    if (q.e && q.e->flow && have_tap_listener(ucdiag_qos_tap))
        tell_table(&q, TRUE);
    /* Without a tree and without a finding there is nothing to show,
     * whoever listens: most packets need not ask who does. */
    if (tree || qos_has_finding(&q))
        qos_report_judged(&q, tree);
}
