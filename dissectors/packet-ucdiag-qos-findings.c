/* packet-ucdiag-qos-findings.c
 * What the QoS check of one packet shows: the items under "UC Network
 * Diagnostics", the expert info, the short words for the Info column, and
 * the verdict on the collapsed line. ucdiag_qos_dissect (packet-ucdiag-qos.c)
 * decides; this file only says what was decided. The one thing it keeps is a
 * flow's evidence in words, made the first time they are shown.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/tap.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-qos-int.h"
#include "put_text.h"
#include "ucdiag_shared.h"

/* Owned here (see packet-ucdiag-qos-int.h); registered in
 * packet-ucdiag-qos-register.c. */
int hf_ucdiag_qos_modality = -1;
int hf_ucdiag_qos_role = -1;
int hf_ucdiag_qos_match = -1;
int hf_ucdiag_qos_range = -1;
int hf_ucdiag_qos_expected_dscp = -1;
int hf_ucdiag_qos_expected_dscp_alt = -1;
int hf_ucdiag_qos_dscp = -1;
int hf_ucdiag_qos_vbss = -1;
int hf_ucdiag_qos_media = -1;
int hf_ucdiag_qos_media_since = -1;
int hf_ucdiag_qos_not_judged = -1;
int hf_ucdiag_qos_evidence = -1;
int hf_ucdiag_qos_evidence_detail = -1;
int hf_ucdiag_qos_evidence_frame = -1;
int hf_ucdiag_qos_judged_from = -1;

expert_field ei_ucdiag_qos_dscp_mismatch = EI_INIT;
expert_field ei_ucdiag_qos_unmarked = EI_INIT;
expert_field ei_ucdiag_qos_remarked = EI_INIT;
expert_field ei_ucdiag_qos_vbss_port_mismatch = EI_INIT;
expert_field ei_ucdiag_qos_plan_override = EI_INIT;

/* The QoS expert infos. Their severities are read while dissecting (see
 * qos_expert_severity): a user's expert severity table writes over these. */
static ei_register_info qos_ei[] = {
    { &ei_ucdiag_qos_dscp_mismatch,
      { "ucdiag.qos.dscp_mismatch", PI_PROTOCOL, PI_WARN,
        "DSCP differs from what the port plan expects", EXPFILL } },
    { &ei_ucdiag_qos_unmarked,
      { "ucdiag.qos.unmarked", PI_PROTOCOL, PI_WARN,
        "Unmarked (DSCP 0) where the port plan expects marking", EXPFILL } },
    { &ei_ucdiag_qos_remarked,
      { "ucdiag.qos.remarked", PI_PROTOCOL, PI_NOTE,
        "DSCP changed within a flow", EXPFILL } },
    { &ei_ucdiag_qos_plan_override,
      { "ucdiag.qos.plan_override", PI_ASSUMPTION, PI_NOTE,
        "Your port-plan entry overrides a preset range here", EXPFILL } },
    { &ei_ucdiag_qos_vbss_port_mismatch,
      { "ucdiag.vbss.port_mismatch", PI_PROTOCOL, PI_WARN,
        "VBSS: the two directions of a screen share are marked differently (app-sharing client port, video server port)",
        EXPFILL } },
};

int
qos_expert_severity(const expert_field *which)
{
    guint i;

    for (i = 0; i < array_length(qos_ei); i++)
        if (qos_ei[i].ids == which)
            return qos_ei[i].eiinfo.severity;
    return PI_ERROR;
}

void
qos_findings_register_experts(expert_module_t *module)
{
    expert_register_field_array(module, qos_ei, array_length(qos_ei));
}

/* A few words for the collapsed line: why a flow is Microsoft media. */
static const value_string evidence_short_vals[] = {
    { UC_EV_STUN_FLOW,      "MS STUN on the flow" },
    { UC_EV_STUN_ENDPOINT,  "MS STUN from its endpoint" },
    { UC_EV_MS_RANGE,       "the Teams media range" },
    { UC_EV_USER_NET,       "your UC networks" },
    { UC_EV_PHONE,          "a Lync/SfB phone" },
    { 0, NULL }
};

/* ---- Words about a flow, shared with the table ---- */

const char *
qos_stream_contradicts(wmem_allocator_t *pool, const flow_entry_t *e, const qos_range_t *r)
{
    const char *name;
    uc_stream_modality_t s;

    if (!e || e->rtp_pt == RTP_PT_NONE)
        return NULL;
    s = uc_rtp_pt_modality(e->rtp_pt, &name);
    if ((s == UC_STREAM_AUDIO && r->modality != QOS_AUDIO) || (s == UC_STREAM_VIDEO && r->modality == QOS_AUDIO))
        return wmem_strdup_printf(pool, "%s by its payload type %u, %s", s == UC_STREAM_AUDIO ? "audio" : "video",
                                  e->rtp_pt, name);
    return NULL;
}

const char *
qos_flow_evidence_words(flow_entry_t *e)
{
    ucdiag_endpoint_t src, dst;

    if (!e->ev_words) {
        qos_flow_endpoints(&e->key, &src, &dst);
        e->ev_words = ucdiag_evidence_words(wmem_file_scope(), &e->ev, &src, &dst);
    }
    return e->ev_words;
}

/* ---- Expert info ---- */

/* What -z ucdiag,findings says the packet's findings are about: its flow
 * direction. Stated where a finding is raised, and only while that tap
 * listens, so that a judged packet without one pays nothing. */
static void
state_subject(const qos_packet_t *q)
{
    const qos_flow_key_t *k = &q->key;

    ucdiag_subject_begin(q->pkt->pinfo->num, "flow");
    ucdiag_subject_text("transport", k->transport == QOS_TCP ? "tcp" : "udp");
    ucdiag_subject_ip_bytes("src", k->af, k->src);
    ucdiag_subject_port("sport", k->sport);
    ucdiag_subject_ip_bytes("dst", k->af, k->dst);
    ucdiag_subject_port("dport", k->dport);
}

/* A DSCP that the plan does not accept. The message names the modality,
 * then in brackets what the flow carries where it was recognised as media
 * (e.g. "audio (RTP)"), then which port matched. One format string for the
 * whole message, so that nothing is formatted twice. With !full only the
 * expert's severity is added, and none of the words are made. */
static void
add_dscp_findings(const qos_packet_t *q, gboolean full, proto_item *di, const char *expected,
                  const char *stream_says)
{
    const qos_match_t *m = &q->m;
    const qos_range_t *r = m->range;
    const char *media = q->kind == MEDIA_NONE ? NULL : media_kind_name(q->kind);
    guint16 port, other_port;
    char why[160];

    if (!q->mismatched)
        return;
    if (ucdiag_findings_open)
        state_subject(q);
    port = m->by == QOS_MATCH_SENDER ? (guint16)q->pkt->pinfo->srcport : (guint16)q->pkt->pinfo->destport;
    other_port = m->by == QOS_MATCH_SENDER ? (guint16)q->pkt->pinfo->destport : (guint16)q->pkt->pinfo->srcport;
    if (full && m->by == QOS_MATCH_RECEIVER)
        snprintf(why, sizeof why, " to %s port %u (sender port %u in no range: a source-port policy cannot match)",
                 qos_role_word(r), port, other_port);
    else if (full)
        snprintf(why, sizeof why, " from %s port %u (range %u-%u)", qos_role_word(r), port, r->lo, r->hi);
    if (q->dscp == 0)
        UCDIAG_FLOW_FINDING(full, q->pkt->pinfo, di, &ei_ucdiag_qos_unmarked,
                       "Unmarked (DSCP 0), expected %s for %s%s%s%s%s%s%s: no QoS policy marks it, or the "
                       "path clears it", expected, qos_match_word(m), media ? " (" : "", media ? media : "",
                       stream_says ? "; " : "", stream_says ? stream_says : "", media ? ")" : "", why);
    else
        UCDIAG_FLOW_FINDING(full, q->pkt->pinfo, di, &ei_ucdiag_qos_dscp_mismatch,
                       "DSCP %u, expected %s for %s%s%s%s%s%s%s: the sender's QoS policy is wrong or missing, "
                       "or the path re-marks it", q->dscp, expected, qos_match_word(m), media ? " (" : "",
                       media ? media : "", stream_says ? "; " : "", stream_says ? stream_says : "", media ? ")" : "",
                       why);
}

/* Raised where the two directions of a VBSS flow are first seen marked
 * differently: this direction marks q->dscp, the other one q->theirs. */
static void
add_vbss_finding(const qos_packet_t *q, gboolean full, proto_item *vi)
{
    const qos_match_t *m = &q->m;
    const qos_range_t *a = m->appsharing_client, *v = m->video_server;
    gboolean to_server = m->vbss == QOS_VBSS_CLIENT_TO_SERVER;
    guint16 sport = (guint16)q->pkt->pinfo->srcport, dport = (guint16)q->pkt->pinfo->destport;
    guint16 cport = to_server ? sport : dport;
    guint16 sv_port = to_server ? dport : sport;
    guint8 cmark = to_server ? q->dscp : q->theirs;
    guint8 smark = to_server ? q->theirs : q->dscp;

    if (ucdiag_findings_open)
        state_subject(q);
    UCDIAG_FLOW_FINDING(full, q->pkt->pinfo, vi, &ei_ucdiag_qos_vbss_port_mismatch,
                   "VBSS: client app-sharing port %u marks %u, server video port %u answers %u; port-pair "
                   "rules miss both. Fix: server policy src %u-%u dst %u-%u DSCP %u, or %u both ways",
                   cport, cmark, sv_port, smark, v->lo, v->hi, a->lo, a->hi, a->dscp, v->dscp);
}

/* ---- Tree items ---- */

/* The flow's evidence under the ucdiag item. Its kind always, for filters;
 * its words and frame only where someone asks why (a finding, or a packet
 * not judged). Only a packet that is not judged gets the "not judged" item,
 * so a judged packet carries a single item about evidence. */
static void
add_evidence_items(proto_tree *qt, tvbuff_t *tvb, packet_info *pinfo, flow_entry_t *e, gboolean judged,
                   gboolean explain)
{
    proto_item *ti;

    if (!judged) {
        ti = proto_tree_add_item(qt, hf_ucdiag_qos_not_judged, tvb, 0, 0, ENC_NA);
        proto_item_set_generated(ti);
    }
    if (!e)
        return;
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_evidence, tvb, 0, 0, e->ev.kind);
    proto_item_set_generated(ti);
    if (!explain)
        return;
    ti = proto_tree_add_string(qt, hf_ucdiag_qos_evidence_detail, tvb, 0, 0, qos_flow_evidence_words(e));
    proto_item_set_generated(ti);
    if (e->ev.frame) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_evidence_frame, tvb, 0, 0, e->ev.frame);
        proto_item_set_generated(ti);
    }
    if (!judged && uc_evidence_is_microsoft((uc_evidence_t)e->ev.kind) && pinfo->num < e->judged_from) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_judged_from, tvb, 0, 0, e->judged_from);
        proto_item_set_generated(ti);
    }
}

void
qos_report_not_judged(const qos_packet_t *q, proto_tree *tree)
{
    tvbuff_t *tvb = q->pkt->tvb;
    flow_entry_t *e = q->e;
    proto_tree *qt;
    proto_item *ti;

    if (!ucdiag_findings_wanted(tree))
        return;
    qt = ucdiag_add_tree(tvb, tree);
    ucdiag_summary("%s, not judged: %s (%s port by the plan)",
                   q->kind != MEDIA_NONE ? media_kind_name(q->kind) : "Packet",
                   !e || e->ev.kind == UC_EV_NONE ? "no evidence it is Microsoft media"
                   : uc_evidence_is_other((uc_evidence_t)e->ev.kind) ? "another application's media"
                   : "Microsoft media from a later frame", qos_modality_word(q->m.range));
    if (q->kind != MEDIA_NONE) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media, tvb, 0, 0, q->kind);
        proto_item_set_generated(ti);
    }
    add_evidence_items(qt, tvb, q->pkt->pinfo, e, FALSE, TRUE);
}

/* ---- A judged packet ---- */

/* The packet list's words: short, and only for what is wrong. */
static void
add_info_words(const qos_packet_t *q, gboolean full, const char *expected)
{
    if (q->mismatched) {
        char text[48];
        size_t w = 0;
        if (put_str(text, sizeof text, &w, "DSCP ") && put_uint(text, sizeof text, &w, q->dscp) &&
            put_str(text, sizeof text, &w, ", expected ") && put_str(text, sizeof text, &w, expected)) {
            text[w] = '\0';
            ucdiag_info_str(q->pkt->pinfo, full, q->dscp == 0 ? &ei_ucdiag_qos_unmarked : &ei_ucdiag_qos_dscp_mismatch,
                            text);
        }
    }
    if (q->remarked)
        ucdiag_info(q->pkt->pinfo, full, &ei_ucdiag_qos_remarked,
                    q->between ? "re-marked %u to %u between capture points" : "re-marked %u to %u", q->from, q->dscp);
    if (q->vbss_here)
        ucdiag_info(q->pkt->pinfo, full, &ei_ucdiag_qos_vbss_port_mismatch, "VBSS directions marked %u and %u", q->theirs, q->dscp);
}

/* The highest severity among the packet's findings, as configured now. */
static int
findings_severity(const qos_packet_t *q)
{
    int s = PI_COMMENT, t;

    if (q->override_here && (t = qos_expert_severity(&ei_ucdiag_qos_plan_override)) > s)
        s = t;
    if (q->remarked && (t = qos_expert_severity(&ei_ucdiag_qos_remarked)) > s)
        s = t;
    if (q->mismatched &&
        (t = qos_expert_severity(q->dscp == 0 ? &ei_ucdiag_qos_unmarked : &ei_ucdiag_qos_dscp_mismatch)) > s)
        s = t;
    if (q->vbss_here && (t = qos_expert_severity(&ei_ucdiag_qos_vbss_port_mismatch)) > s)
        s = t;
    return s;
}

/* Where no one reads the tree or the messages, the expert info still counts
 * (the status bar's expert light, Wireshark's Expert column): each finding's
 * severity, without its words. */
static void
add_unread_experts(const qos_packet_t *q, const char *expected)
{
    if (q->override_here) {
        if (ucdiag_findings_open)
            state_subject(q);
        UCDIAG_MARK(q->pkt->pinfo, &ei_ucdiag_qos_plan_override);
        expert_add_info(q->pkt->pinfo, NULL, &ei_ucdiag_qos_plan_override);
    }
    /* The notes before the warnings: where no tree is built, Wireshark's
     * Expert column shows the last expert info added to the packet. */
    if (q->remarked) {
        if (ucdiag_findings_open)
            state_subject(q);
        UCDIAG_MARK(q->pkt->pinfo, &ei_ucdiag_qos_remarked);
        expert_add_info(q->pkt->pinfo, NULL, &ei_ucdiag_qos_remarked);
    }
    add_dscp_findings(q, FALSE, NULL, expected, NULL);
    if (q->vbss_here)
        add_vbss_finding(q, FALSE, NULL);
}

/* The collapsed line's verdict, on packets with a finding only: a label on
 * every media packet costs more than the check itself (tshark 4.0's -T
 * fields makes every tree visible). */
static void
add_verdict_line(const qos_packet_t *q, const char *expected, const char *stream_says)
{
    const qos_range_t *r = q->m.range;
    const flow_entry_t *e = q->e;
    gboolean media = q->kind != MEDIA_NONE;

    /* ucdiag_summary evaluates its arguments only where the line is shown. */
    if (q->mismatched)
        ucdiag_summary("%s %s%s%s%s%s%s, DSCP %u (expected %s)%s%s", qos_modality_word(r), qos_role_word(r),
                       media ? " (" : "", media ? media_kind_name(q->kind) : "",
                       stream_says ? "; " : "", stream_says ? stream_says : "", media ? ")" : "",
                       q->dscp, expected, e && uc_evidence_is_microsoft((uc_evidence_t)e->ev.kind) ?
                       "; Microsoft media by " : "; judged by the port plan only",
                       e && uc_evidence_is_microsoft((uc_evidence_t)e->ev.kind) ?
                       val_to_str_const(e->ev.kind, evidence_short_vals, "?") : "");
    else if (q->vbss_here)
        ucdiag_summary("screen sharing (VBSS) from the %s %s port, DSCP %u here and %u the other way",
                       qos_modality_word(r), qos_role_word(r), q->dscp, q->theirs);
    else if (q->remarked)
        ucdiag_summary("%s %s%s%s%s, DSCP %u as expected", qos_modality_word(r), qos_role_word(r),
                       media ? " (" : "", media ? media_kind_name(q->kind) : "", media ? ")" : "", q->dscp);
}

/* The range that matched, as a tree item, with the note where it is your
 * table's and overrides the preset. */
static void
add_range_item(const qos_packet_t *q, proto_tree *qt)
{
    const qos_overlap_t *ov;
    proto_item *ti;

    ti = proto_tree_add_string(qt, hf_ucdiag_qos_range, q->pkt->tvb, 0, 0, qos_range_label(q->m.range));
    proto_item_set_generated(ti);
    if (!q->override_here)
        return;
    ov = qos_plan_overlap(q->m.range);
    if (ucdiag_findings_open)
        state_subject(q);
    UCDIAG_MARK(q->pkt->pinfo, &ei_ucdiag_qos_plan_override);
    expert_add_info_format(q->pkt->pinfo, ti, &ei_ucdiag_qos_plan_override,
                           "Judged by your port-plan entry %s, which overrides the preset's %s on "
                           "%u-%u (said once per capture)", qos_range_words(q->pkt->pinfo->pool, q->m.range),
                           qos_range_words(q->pkt->pinfo->pool, &qos_plan->ranges[ov->first]), ov->lo, ov->hi);
}

/* What the packet was judged as and against; returns the observed DSCP's
 * item, which the findings are attached to. Labels are built only when
 * someone displays them: a visible tree (tshark -T fields makes one for
 * every packet) gets these items on most UC packets. */
static proto_item *
add_judged_items(const qos_packet_t *q, proto_tree *qt, const char *stream_says)
{
    tvbuff_t *tvb = q->pkt->tvb;
    /* The common case (sender's port, right DSCP) carries only what filters
     * need; how it matched is shown where it explains something. */
    gboolean explain_match = q->m.by == QOS_MATCH_RECEIVER || q->mismatched;
    proto_item *ti, *di;

    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_modality, tvb, 0, 0, q->m.range->modality);
    proto_item_set_generated(ti);
    if (stream_says)
        proto_item_append_text(ti, " (by the port plan; %s)", stream_says);
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_role, tvb, 0, 0, q->m.range->role);
    proto_item_set_generated(ti);
    if (q->kind != MEDIA_NONE) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media, tvb, 0, 0, q->kind);
        proto_item_set_generated(ti);
    }
    add_evidence_items(qt, tvb, q->pkt->pinfo, q->e, TRUE, q->mismatched || q->vbss_here || q->remarked);
    if (explain_match) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_match, tvb, 0, 0, q->m.by);
        proto_item_set_generated(ti);
    }
    if (explain_match || q->override_here)
        add_range_item(q, qt);
    if (explain_match && q->kind != MEDIA_NONE) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media_since, tvb, 0, 0, q->e->media.since);
        proto_item_set_generated(ti);
    }
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_expected_dscp, tvb, 0, 0, q->m.dscp);
    proto_item_set_generated(ti);
    /* Where a second marking is as good (VBSS), the item says both, as the
     * table does ("24 or 34"), and the second is a field of its own for
     * filters and -T fields; hidden, as Wireshark hides a value the tree
     * already shows (ip.addr beside ip.src). */
    if (q->m.alt_dscp >= 0) {
        proto_item_append_text(ti, " or %d", q->m.alt_dscp);
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_expected_dscp_alt, tvb, 0, 0, (guint32)q->m.alt_dscp);
        proto_item_set_generated(ti);
        proto_item_set_hidden(ti);
    }
    di = proto_tree_add_uint(qt, hf_ucdiag_qos_dscp, tvb, 0, 0, q->dscp);
    proto_item_set_generated(di);
    return di;
}

/* The findings, with their words: on the observed DSCP, and on the VBSS item. */
static void
add_judged_findings(const qos_packet_t *q, proto_tree *qt, proto_item *di, const char *expected,
                    const char *stream_says)
{
    proto_item *ti;

    add_dscp_findings(q, TRUE, di, expected, stream_says);
    if (q->remarked && ucdiag_findings_open) {
        state_subject(q);
        ucdiag_findings_mark(q->pkt->pinfo, &ei_ucdiag_qos_remarked);
    }
    if (q->between)
        expert_add_info_format(q->pkt->pinfo, di, &ei_ucdiag_qos_remarked,
                               "The same packet (IP ID 0x%04x) was recorded with DSCP %u, then with %u: the path "
                               "between the two capture points re-marks this flow (said once per flow)",
                               frame_ip_id(q->ip, q->key.af), q->from, q->dscp);
    else if (q->remarked)
        expert_add_info_format(q->pkt->pinfo, di, &ei_ucdiag_qos_remarked,
                               "DSCP changed from %u to %u within this flow: something on the path re-marks it",
                               q->from, q->dscp);
    if (q->m.vbss != QOS_VBSS_NONE) {
        ti = proto_tree_add_boolean(qt, hf_ucdiag_qos_vbss, q->pkt->tvb, 0, 0, TRUE);
        proto_item_set_generated(ti);
        if (q->vbss_here)
            add_vbss_finding(q, TRUE, ti);
    }
}

void
qos_report_judged(const qos_packet_t *q, proto_tree *tree)
{
    gboolean full;
    char expected[24] = "";
    const char *stream_says = NULL;
    proto_tree *qt;
    proto_item *di;

    full = ucdiag_findings_wanted(tree);

    /* The expected DSCP in words, formatted once for both the Info column
     * and the finding, and only when one of them will be read. */
    if (q->mismatched && (full || q->pkt->pinfo->cinfo))
        qos_expected_words(&q->m, expected, sizeof expected);
    add_info_words(q, full, expected);
    if (!full) {
        /* Most judged packets carry no finding: the column lookup is theirs
         * to skip. */
        if (qos_has_finding(q) &&
            ucdiag_unread_experts_wanted(q->pkt->pinfo, findings_severity(q)))
            add_unread_experts(q, expected);
        return;
    }
    if (q->mismatched || q->vbss_here)
        stream_says = qos_stream_contradicts(q->pkt->pinfo->pool, q->e, q->m.range);
    qt = ucdiag_add_tree(q->pkt->tvb, tree);
    add_verdict_line(q, expected, stream_says);
    di = add_judged_items(q, qt, stream_says);
    add_judged_findings(q, qt, di, expected, stream_says);
}

void
qos_report_limit(ucdiag_packet_t *pkt, proto_tree *tree)
{
    ucdiag_limit_note(pkt->tvb, pkt->pinfo, tree, &ucdiag_qos_flows_cap, "flow directions", "ucdiag.qos_max_flows");
    if (have_tap_listener(ucdiag_qos_tap))
        tap_queue_packet(ucdiag_qos_tap, pkt->pinfo, &ucdiag_qos_flows_cap);
}
