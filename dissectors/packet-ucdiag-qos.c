/* packet-ucdiag-qos.c
 * The QoS concern of the UC Network Diagnostics post-dissector: checks the
 * DSCP of media flows against the Skype for Business / Teams QoS port plan,
 * and flags Video-based Screen Sharing port mismatches.
 *
 * The plan, classification and flow bookkeeping live in qos_logic.c, media
 * recognition in media_logic.c, the frame's own bytes in frame_reader.c; this
 * file keeps flows in file scope and turns findings into fields, expert info
 * and the `-z ucdiag,qos` table.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/to_str.h>
#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/range.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/uat.h>
#include <wsutil/report_message.h>
#include <wsutil/wmem/wmem.h>

#include "frame_reader.h"
#include "media_logic.h"
#include "packet-ucdiag-evidence.h"
#include "qos_logic.h"
#include "packet-ucdiag-qos.h"
#include "ucdiag_shared.h"

static int hf_ucdiag_qos_modality = -1;
static int hf_ucdiag_qos_role = -1;
static int hf_ucdiag_qos_match = -1;
static int hf_ucdiag_qos_range = -1;
static int hf_ucdiag_qos_expected_dscp = -1;
static int hf_ucdiag_qos_dscp = -1;
static int hf_ucdiag_vbss = -1;
static int hf_ucdiag_qos_media = -1;
static int hf_ucdiag_qos_media_since = -1;
static int hf_ucdiag_qos_not_judged = -1;
static int hf_ucdiag_qos_evidence = -1;
static int hf_ucdiag_qos_evidence_detail = -1;
static int hf_ucdiag_qos_evidence_frame = -1;
static int hf_ucdiag_qos_judged_from = -1;

static expert_field ei_ucdiag_qos_dscp_mismatch = EI_INIT;
static expert_field ei_ucdiag_qos_unmarked = EI_INIT;
static expert_field ei_ucdiag_qos_remarked = EI_INIT;
static expert_field ei_ucdiag_vbss_port_mismatch = EI_INIT;
static expert_field ei_ucdiag_qos_plan_override = EI_INIT;

static int ucdiag_qos_tap = -1;

/* Judge only flows recognised as media (the default), or every packet whose
 * ports are in the plan, for media whose headers are out of sight. */
static ucd_pref_bool_t qos_media_only = TRUE;

/* Whose media is judged: Microsoft's only (shown by evidence in the
 * capture), or every media flow on a plan port, whoever's it is. */
enum { QOS_SCOPE_MICROSOFT = 0, QOS_SCOPE_PLAN = 1 };
static const enum_val_t qos_scope_vals[] = {
    { "microsoft", "Microsoft UC media only (evidence in the capture or your UC networks)", QOS_SCOPE_MICROSOFT },
    { "plan",      "Every media flow on a plan port, whoever's it is", QOS_SCOPE_PLAN },
    { NULL, NULL, -1 }
};
static gint qos_scope = QOS_SCOPE_MICROSOFT;

/* A few words for the collapsed line: why a flow is Microsoft media. */
static const value_string evidence_short_vals[] = {
    { UC_EV_STUN_FLOW,      "MS STUN on the flow" },
    { UC_EV_STUN_ENDPOINT,  "MS STUN from its endpoint" },
    { UC_EV_MS_RANGE,       "the Teams media range" },
    { UC_EV_USER_NET,       "your UC networks" },
    { UC_EV_PHONE,          "a Lync/SfB phone" },
    { 0, NULL }
};

#define RTP_PT_NONE 0xff

static const value_string media_vals[] = {
    { MEDIA_RTP,          "RTP/SRTP" },
    { MEDIA_RTCP,         "RTCP/SRTCP" },
    { MEDIA_STUN,         "STUN/TURN" },
    { MEDIA_STUN_CLASSIC, "STUN/TURN without magic cookie (RFC 3489, MS-TURN)" },
    { MEDIA_TURN_CHANNEL, "TURN ChannelData" },
    { MEDIA_MSTURN_MUX,   "MS-TURN multiplexed data" },
    { MEDIA_DTLS,         "DTLS (DTLS-SRTP keying)" },
    { MEDIA_OTHER,        "Other data of a media flow" },
    { 0, NULL }
};

static const value_string modality_vals[] = {
    { QOS_AUDIO,        "Audio" },
    { QOS_VIDEO,        "Video" },
    { QOS_APPSHARING,   "Application sharing" },
    { QOS_FILETRANSFER, "File transfer" },
    { 0, NULL }
};

static const value_string role_vals[] = {
    { QOS_CLIENT, "Client" },
    { QOS_SERVER, "Server" },
    { 0, NULL }
};

static const value_string match_vals[] = {
    { QOS_MATCH_SENDER,   "Sender's port" },
    { QOS_MATCH_RECEIVER, "Receiver's port (a source-port policy cannot match this packet)" },
    { 0, NULL }
};

static const value_string transport_vals[] = {
    { QOS_UDP, "UDP" },
    { QOS_TCP, "TCP" },
    { 0, NULL }
};

/* ---- The port plan: a preset and the user's table on top ---- */

static const enum_val_t qos_preset_vals[] = {
    { "sfb",       "Skype for Business: Microsoft's server ranges and example client ranges", QOS_PRESET_SFB },
    { "teams",     "Microsoft Teams client ranges (46/34/18)", QOS_PRESET_TEAMS },
    { "sfb-field", "Skype for Business, common field configuration", QOS_PRESET_SFB_FIELD },
    { "lpe",       "Skype for Business servers with Lync Phone Edition voice marked 40", QOS_PRESET_LPE },
    { "custom",    "Only the user's table", QOS_PRESET_CUSTOM },
    { NULL, NULL, -1 }
};

static gint qos_preset = QOS_PRESET_SFB;

/* The UAT's own words for its enum columns: what a user types with -o. */
static const value_string uat_modality_vals[] = {
    { QOS_AUDIO,        "audio" },
    { QOS_VIDEO,        "video" },
    { QOS_APPSHARING,   "appsharing" },
    { QOS_FILETRANSFER, "filetransfer" },
    { 0, NULL }
};

static const value_string uat_role_vals[] = {
    { QOS_CLIENT, "client" },
    { QOS_SERVER, "server" },
    { 0, NULL }
};

static const value_string uat_transport_vals[] = {
    { QOS_UDP,  "udp" },
    { QOS_TCP,  "tcp" },
    { QOS_BOTH, "both" },
    { 0, NULL }
};

typedef struct {
    guint modality;
    guint role;
    range_t *ports;
    guint transport;
    guint dscp;
} qos_uat_rec_t;

static qos_uat_rec_t *qos_uat_recs;
static guint qos_uat_nrecs;

UAT_VS_DEF(qos_uat, modality, qos_uat_rec_t, guint, QOS_AUDIO, "audio")
UAT_VS_DEF(qos_uat, role, qos_uat_rec_t, guint, QOS_CLIENT, "client")
UAT_RANGE_CB_DEF(qos_uat, ports, qos_uat_rec_t)
UAT_VS_DEF(qos_uat, transport, qos_uat_rec_t, guint, QOS_BOTH, "both")
UAT_DEC_CB_DEF(qos_uat, dscp, qos_uat_rec_t)

static qos_plan_t *plan;
/* Per plan range of your table that overrides a preset range: the overlap
 * (first: the preset's range, lo-hi: the ports they share). The frame of
 * this capture that says so, once, is kept apart: it is reset per file. */
typedef struct {
    gboolean set;
    qos_overlap_t ov;
} qos_override_t;
static qos_override_t overrides[QOS_MAX_RANGES];
static guint32 override_noted[QOS_MAX_RANGES];
/* The last clash reported, not to report it again. */
static char *last_clash;
/* "lo-hi (the preset)" per plan range, made once per plan build: formatting
 * on every packet would cost more than the whole check. */
static char *range_label[QOS_MAX_RANGES];

static void *
qos_uat_copy(void *dest, const void *source, size_t len _U_)
{
    const qos_uat_rec_t *s = (const qos_uat_rec_t *)source;
    qos_uat_rec_t *d = (qos_uat_rec_t *)dest;

    *d = *s;
    d->ports = s->ports ? range_copy(NULL, s->ports) : NULL;
    return d;
}

static void
qos_uat_free(void *r)
{
    qos_uat_rec_t *rec = (qos_uat_rec_t *)r;

    wmem_free(NULL, rec->ports);
    rec->ports = NULL;
}

static ucd_uat_ret_t
qos_uat_update(void *r, char **err)
{
    qos_uat_rec_t *rec = (qos_uat_rec_t *)r;

    if (rec->dscp > 63) {
        *err = g_strdup_printf("DSCP %u is not 0-63", rec->dscp);
        return FALSE;
    }
    if (!rec->ports || rec->ports->nranges == 0) {
        *err = g_strdup("Give at least one port or port range, e.g. 50000-50019");
        return FALSE;
    }
    return TRUE;
}

static const char *
range_owner(const qos_range_t *r)
{
    return r->from_user ? "your table" : "the preset";
}

static const char *
range_words(wmem_allocator_t *pool, const qos_range_t *r)
{
    return wmem_strdup_printf(pool, "%s %s %u-%u (DSCP %u)", val_to_str_const(r->modality, uat_modality_vals, "?"),
                              val_to_str_const(r->role, uat_role_vals, "?"), r->lo, r->hi, r->dscp);
}

/* Builds the plan from the preset and the UAT. Your table is meant to
 * override the preset: where it does, the range's label says so and the
 * first packet it judges carries a note, never a dialog. Two entries of your
 * own table sharing ports is a mistake, and is reported once per change.
 * Runs whenever the preset or the table changes (prefs apply, UAT update). */
static void
qos_plan_rebuild(void)
{
    qos_overlap_t ov[QOS_MAX_RANGES];
    unsigned i, j, n, clashes = 0;
    GString *msg = NULL;
    wmem_allocator_t *tmp = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    qos_plan_clear(plan);
    for (i = 0; i < QOS_MAX_RANGES; i++) {
        g_free(range_label[i]);
        range_label[i] = NULL;
        overrides[i].set = FALSE;
        override_noted[i] = 0;
    }
    qos_plan_add_preset(plan, (qos_preset_t)qos_preset);
    for (i = 0; i < qos_uat_nrecs; i++) {
        const qos_uat_rec_t *rec = &qos_uat_recs[i];
        for (j = 0; rec->ports && j < rec->ports->nranges; j++) {
            qos_range_t q;
            q.modality = (uint8_t)rec->modality;
            q.role = (uint8_t)rec->role;
            q.transports = (uint8_t)rec->transport;
            q.dscp = (uint8_t)rec->dscp;
            q.lo = (uint16_t)rec->ports->ranges[j].low;
            q.hi = (uint16_t)rec->ports->ranges[j].high;
            q.from_user = true;
            if (!qos_plan_add(plan, &q))
                report_failure("ucdiag QoS port plan: entry %u-%u was not added (invalid, or the plan "
                               "already holds %u ranges)", q.lo, q.hi, QOS_MAX_RANGES);
        }
    }
    n = qos_plan_compile(plan, ov, G_N_ELEMENTS(ov));
    for (i = 0; i < n && i < G_N_ELEMENTS(ov); i++) {
        const qos_range_t *a = &plan->ranges[ov[i].first], *b = &plan->ranges[ov[i].second];
        if (!a->from_user && b->from_user && !overrides[ov[i].second].set) {
            overrides[ov[i].second].set = TRUE;
            overrides[ov[i].second].ov = ov[i];
            continue;
        }
        if (!a->from_user || !b->from_user)
            continue;
        if (!msg)
            msg = g_string_new("ucdiag QoS port plan: entries of your table share ports; the later one applies:");
        if (clashes++ < 8)
            g_string_append_printf(msg, "\n  %s and %s share %u-%u: %s applies", range_words(tmp, a),
                                   range_words(tmp, b), ov[i].lo, ov[i].hi, range_words(tmp, b));
    }
    for (i = 0; i < plan->n; i++) {
        const qos_range_t *r = &plan->ranges[i];
        const qos_overlap_t *o = &overrides[i].ov;
        if (overrides[i].set)
            range_label[i] = g_strdup_printf("%u-%u (your table; overrides the preset's %s on %u-%u)", r->lo,
                                             r->hi, range_words(tmp, &plan->ranges[o->first]), o->lo, o->hi);
        else
            range_label[i] = g_strdup_printf("%u-%u (%s)", r->lo, r->hi, range_owner(r));
    }
    wmem_destroy_allocator(tmp);
    if (!msg) {
        g_free(last_clash);
        last_clash = NULL;
        return;
    }
    if (clashes > 8)
        g_string_append_printf(msg, "\n  ... and %u more", clashes - 8);
    /* Preferences and the table each rebuild the plan: say it once. */
    if (g_strcmp0(msg->str, last_clash) != 0)
        report_failure("%s", msg->str);
    g_free(last_clash);
    last_clash = g_string_free(msg, FALSE);
}

/* The presets' own ranges, as read-only text in the preferences: what an
 * entry of your table overrides. */
static void
qos_presets_text(module_t *module)
{
    qos_plan_t *tmp_plan = g_new0(qos_plan_t, 1);
    wmem_allocator_t *tmp = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    const enum_val_t *p;
    unsigned i;
    char *name;

    for (p = qos_preset_vals; p->name; p++) {
        GString *text;
        if (p->value == QOS_PRESET_CUSTOM)
            continue;
        qos_plan_clear(tmp_plan);
        qos_plan_add_preset(tmp_plan, (qos_preset_t)p->value);
        text = g_string_new(NULL);
        g_string_printf(text, "Preset \"%s\":", p->name);
        for (i = 0; i < tmp_plan->n; i++)
            g_string_append_printf(text, "%s %s%s", i ? ";" : "", range_words(tmp, &tmp_plan->ranges[i]),
                                   tmp_plan->ranges[i].transports == QOS_TCP ? " TCP" :
                                   tmp_plan->ranges[i].transports == QOS_UDP ? " UDP" : "");
        /* Preferences keep the pointers for the life of the program. */
        name = wmem_strdup_printf(wmem_epan_scope(), "qos_preset_%s", p->name);
        g_strdelimit(name, "-", '_');
        prefs_register_static_text_preference(module, name, g_string_free(text, FALSE), p->description);
    }
    wmem_destroy_allocator(tmp);
    g_free(tmp_plan);
}

static void
qos_init(void)
{
    memset(override_noted, 0, sizeof override_noted);
}

/* ---- Flows ---- */

/* One flow direction whose ports are in the plan. Its DSCP bookkeeping is
 * made when its first packet is judged: a direction that never shows media
 * (an ordinary connection from an ephemeral port in a server range) keeps
 * only its key and its media verdict. */
typedef struct flow_entry {
    qos_flow_key_t key;
    media_flow_t media;
    qos_flow_t *flow;
    struct flow_entry *reverse; /* the other direction, once seen (VBSS compares the two) */
    ucdiag_evidence_t ev;       /* why it is, or is not, Microsoft media */
    guint32 judged_from;        /* the frame from which ev holds */
    guint32 ev_gen;             /* the evidence generation last asked */
    guint32 changed_at;         /* where the flow's own STUN overruled kind_before; 0: never */
    guint8 kind_before;
    const char *ev_words;       /* ev in words, made when first shown: a
                                   flow's packets all say the same */
    guint8 rtp_pt;              /* the first RTP payload type seen; RTP_PT_NONE */
} flow_entry_t;

/* File-scoped: one entry per flow direction, so memory grows with flows, not
 * packets. */
static wmem_map_t *flows;

/* What the -z table is told about each judged packet. */
typedef struct {
    flow_entry_t *entry; /* the table keeps its evidence words there */
    qos_match_t match; /* the range, the expected DSCP, VBSS */
    guint8 dscp;
    gboolean mismatched;
    gboolean judged;   /* FALSE: media on a plan port, not shown to be Microsoft's */
} qos_tap_info_t;

static gboolean
flow_key_from_pinfo(packet_info *pinfo, unsigned transport, qos_flow_key_t *key)
{
    const address *s = &pinfo->net_src, *d = &pinfo->net_dst;

    memset(key, 0, sizeof *key);
    if (s->type == AT_IPv4 && d->type == AT_IPv4 && s->len == 4 && d->len == 4)
        key->af = 4;
    else if (s->type == AT_IPv6 && d->type == AT_IPv6 && s->len == 16 && d->len == 16)
        key->af = 6;
    else
        return FALSE;
    memcpy(key->src, s->data, (size_t)s->len);
    memcpy(key->dst, d->data, (size_t)d->len);
    key->transport = (uint8_t)transport;
    key->sport = (uint16_t)pinfo->srcport;
    key->dport = (uint16_t)pinfo->destport;
    return TRUE;
}

static flow_entry_t *
flow_lookup(const qos_flow_key_t *key, gboolean create)
{
    flow_entry_t *e = (flow_entry_t *)wmem_map_lookup(flows, key);

    if (!e && create) {
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
        wmem_map_insert(flows, &e->key, e);
    }
    return e;
}

static const char *
modality_name(const qos_range_t *r)
{
    return val_to_str_const(r->modality, modality_vals, "?");
}

/* The same in running text. */
static const value_string modality_words[] = {
    { QOS_AUDIO,        "audio" },
    { QOS_VIDEO,        "video" },
    { QOS_APPSHARING,   "application sharing" },
    { QOS_FILETRANSFER, "file transfer" },
    { 0, NULL }
};

static const char *
modality_word(const qos_range_t *r)
{
    return val_to_str_const(r->modality, modality_words, "?");
}

static const char *
role_word(const qos_range_t *r)
{
    return r->role == QOS_CLIENT ? "client" : "server";
}

/* What a match is about, in running text. */
static const char *
match_word(const qos_match_t *m)
{
    return m->vbss != QOS_VBSS_NONE ? "screen sharing as video (VBSS)" : modality_word(m->range);
}

/* "24", or "24 or 34" where a second marking is as good. */
static void
qos_expected_words(const qos_match_t *m, char *buf, size_t size)
{
    if (m->alt_dscp >= 0)
        snprintf(buf, size, "%u or %d", m->dscp, m->alt_dscp);
    else
        snprintf(buf, size, "%u", m->dscp);
}

static void
add_dscp_findings(packet_info *pinfo, gboolean full, proto_item *di, const qos_match_t *m, guint8 dscp,
                  const char *expected, guint16 port, guint16 other_port, media_kind_t kind, const char *stream_says)
{
    const qos_range_t *r = m->range;
    /* "audio (RTP)": what was seen, where the flow was recognised as media;
     * then how the port matched. One format for the whole message. */
    const char *media = kind == MEDIA_NONE ? NULL : media_kind_name(kind);
    char why[160];

    if (qos_match_accepts(m, dscp))
        return;
    if (full && m->by == QOS_MATCH_RECEIVER)
        snprintf(why, sizeof why, " to %s port %u (sender port %u in no range: a source-port policy cannot match)",
                 role_word(r), port, other_port);
    else if (full)
        snprintf(why, sizeof why, " from %s port %u (range %u-%u)", role_word(r), port, r->lo, r->hi);
    if (dscp == 0)
        UCDIAG_FINDING(full, pinfo, di, &ei_ucdiag_qos_unmarked,
                       "Unmarked (DSCP 0), expected %s for %s%s%s%s%s%s%s: no QoS policy marks it, or the "
                       "path clears it", expected, match_word(m), media ? " (" : "", media ? media : "",
                       stream_says ? "; " : "", stream_says ? stream_says : "", media ? ")" : "", why);
    else
        UCDIAG_FINDING(full, pinfo, di, &ei_ucdiag_qos_dscp_mismatch,
                       "DSCP %u, expected %s for %s%s%s%s%s%s%s: the sender's QoS policy is wrong or missing, "
                       "or the path re-marks it", dscp, expected, match_word(m), media ? " (" : "",
                       media ? media : "", stream_says ? "; " : "", stream_says ? stream_says : "", media ? ")" : "",
                       why);
}

/* Raised where the two directions of a VBSS flow are first seen marked
 * differently: MINE is this direction's DSCP, THEIRS the other's. */
static void
add_vbss_finding(packet_info *pinfo, gboolean full, proto_item *vi, const qos_match_t *m, guint16 sport,
                 guint16 dport, guint8 mine, guint8 theirs)
{
    const qos_range_t *a = m->appsharing_client, *v = m->video_server;
    guint16 cport = m->vbss == QOS_VBSS_CLIENT_TO_SERVER ? sport : dport;
    guint16 sv_port = m->vbss == QOS_VBSS_CLIENT_TO_SERVER ? dport : sport;
    guint8 cmark = m->vbss == QOS_VBSS_CLIENT_TO_SERVER ? mine : theirs;
    guint8 smark = m->vbss == QOS_VBSS_CLIENT_TO_SERVER ? theirs : mine;

    UCDIAG_FINDING(full, pinfo, vi, &ei_ucdiag_vbss_port_mismatch,
                   "VBSS: client app-sharing port %u marks %u, server video port %u answers %u; port-pair "
                   "rules miss both. Fix: server policy src %u-%u dst %u-%u DSCP %u, or %u both ways",
                   cport, cmark, sv_port, smark, v->lo, v->hi, a->lo, a->hi, a->dscp, v->dscp);
}

/* First pass, a VBSS packet: whether this direction is the first seen
 * marked unlike the other one. One finding per flow pair. The other
 * direction is looked up until it exists, then kept. */
static gboolean
vbss_directions_differ(flow_entry_t *e, guint8 dscp, guint8 *theirs)
{
    const flow_entry_t *r = e->reverse;

    if (!r) {
        qos_flow_key_t rk = e->key;
        memcpy(rk.src, e->key.dst, sizeof rk.src);
        memcpy(rk.dst, e->key.src, sizeof rk.dst);
        rk.sport = e->key.dport;
        rk.dport = e->key.sport;
        r = e->reverse = (flow_entry_t *)wmem_map_lookup(flows, &rk);
    }
    if (!r || !r->flow || r->flow->packets == 0 || r->flow->vbss_frame != 0 || r->flow->last_dscp == dscp)
        return FALSE;
    *theirs = r->flow->last_dscp;
    return TRUE;
}

/* What this packet of a flow direction carries, and whether it is judged:
 * MEDIA_NONE leaves it alone. Packets before the direction is recognised are
 * not judged, on any pass: the verdict is reached in frame order, and a
 * later pass asks where it was reached. */
static media_kind_t
media_of(flow_entry_t *e, packet_info *pinfo, const guint8 *bytes, const frame_l4_t *l4, gboolean have_l4,
         unsigned transport)
{
    const guint8 *payload = have_l4 ? bytes + l4->offset : NULL;
    size_t avail = have_l4 ? l4->avail : 0;

    if (!PINFO_FD_VISITED(pinfo)) {
        if (have_l4)
            return media_flow_observe(&e->media, payload, avail, l4->len, transport == QOS_TCP, pinfo->num);
        return e->media.since ? MEDIA_OTHER : MEDIA_NONE; /* a later fragment of a media flow */
    }
    if (!e->media.since || pinfo->num < e->media.since)
        return MEDIA_NONE;
    return have_l4 ? media_demux(payload, avail, e->media.framing) : MEDIA_OTHER;
}

/* Where a STUN message starts behind the direction's TCP framing. */
static size_t
framing_skip(guint8 framing)
{
    return framing == MEDIA_FRAMING_RFC4571 ? 2 : framing == MEDIA_FRAMING_MSTURN ? 4 : 0;
}

static void
endpoints_of(const qos_flow_key_t *k, ucdiag_endpoint_t *src, ucdiag_endpoint_t *dst)
{
    src->af = dst->af = k->af;
    src->transport = dst->transport = k->transport;
    src->port = k->sport;
    dst->port = k->dport;
    src->addr = k->src;
    dst->addr = k->dst;
}

/* Settles a direction on what it is from `frame` on. The first word stays,
 * except that the flow's own STUN, which outranks everything, may once
 * overrule what its addresses or endpoints said before it (a capture that
 * starts mid-call, a voice subnet declared that also holds browsers). The
 * earlier word is kept for the packets before, so that every pass judges the
 * same packets. */
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
    endpoints_of(&e->key, &src, &dst);
    marks = ucdiag_evidence_stun(&src, payload + skip, avail - skip, pinfo->num);
    if (marks.stack == UC_STACK_NONE)
        return;
    memset(&ev, 0, sizeof ev);
    ev.kind = marks.stack == UC_STACK_MICROSOFT ? UC_EV_STUN_FLOW : UC_EV_OTHER_FLOW;
    ev.attr = marks.attr;
    ev.frame = pinfo->num;
    flow_settle(e, &ev, pinfo->num);
    if (!e->reverse) {
        qos_flow_key_t rk = e->key;
        memcpy(rk.src, e->key.dst, sizeof rk.src);
        memcpy(rk.dst, e->key.src, sizeof rk.dst);
        rk.sport = e->key.dport;
        rk.dport = e->key.sport;
        e->reverse = flow_lookup(&rk, TRUE);
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

    /* Most packets of a settled flow have nothing left to teach. */
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
        endpoints_of(&e->key, &src, &dst);
        /* Addresses say the same all pass long: asked the first time only. */
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

/* The stream's own word on its modality, where it contradicts the plan's:
 * a static RTP payload type of audio on a video port, or of video on an
 * audio one. NULL when it agrees or says nothing. */
static const char *
stream_contradicts(wmem_allocator_t *pool, const flow_entry_t *e, const qos_range_t *r)
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

/* The flow's evidence in words, made once per verdict and kept with the
 * flow: the tree and the table say the same. */
static const char *
flow_evidence_words(flow_entry_t *e)
{
    ucdiag_endpoint_t src, dst;

    if (!e->ev_words) {
        endpoints_of(&e->key, &src, &dst);
        e->ev_words = ucdiag_evidence_words(wmem_file_scope(), &e->ev, &src, &dst);
    }
    return e->ev_words;
}

/* The evidence under the ucdiag item: its kind always (filters), its frame
 * and words where someone asks why (a finding, or a packet not judged). A
 * judged packet carries one item more than before this check, not two:
 * "not judged" is said only where it is so. */
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
    ti = proto_tree_add_string(qt, hf_ucdiag_qos_evidence_detail, tvb, 0, 0, flow_evidence_words(e));
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

/* A media packet on a plan port that is not judged: the tree says why, and
 * the table counts it as unconfirmed or another application's. */
static void
report_not_judged(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, flow_entry_t *e,
                  const qos_match_t *m, guint8 dscp, media_kind_t kind)
{
    proto_tree *qt;
    proto_item *ti;

    if (e && have_tap_listener(ucdiag_qos_tap)) {
        qos_tap_info_t *info = wmem_new0(pinfo->pool, qos_tap_info_t);
        info->entry = e;
        info->match = *m;
        info->dscp = dscp;
        tap_queue_packet(ucdiag_qos_tap, pinfo, info);
    }
    if (!tree || !ucdiag_findings_wanted(tree))
        return;
    qt = ucdiag_add_tree(tvb, tree);
    ucdiag_summary("%s, not judged: %s (%s port by the plan)", kind != MEDIA_NONE ? media_kind_name(kind) : "Packet",
                   !e || e->ev.kind == UC_EV_NONE ? "no evidence it is Microsoft media"
                   : uc_evidence_is_other((uc_evidence_t)e->ev.kind) ? "another application's media"
                   : "Microsoft media from a later frame", modality_word(m->range));
    if (kind != MEDIA_NONE) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media, tvb, 0, 0, kind);
        proto_item_set_generated(ti);
    }
    add_evidence_items(qt, tvb, pinfo, e, FALSE, TRUE);
}

void
ucdiag_qos_dissect(ucdiag_packet_t *pkt, proto_tree *tree)
{
    tvbuff_t *tvb = pkt->tvb;
    packet_info *pinfo = pkt->pinfo;
    unsigned transport;
    qos_match_t m;
    qos_flow_key_t key;
    flow_entry_t *e;
    guint8 dscp, from = 0, theirs = 0;
    char expected[24] = "";
    gboolean mismatched, remarked = FALSE, vbss_here = FALSE, have_l4, full, override_here = FALSE;
    gboolean copy = FALSE, between = FALSE;
    guint16 port, other_port;
    proto_item *ti, *di;
    proto_tree *qt;
    qos_tap_info_t *info;
    unsigned range_index;
    const guint8 *bytes, *ip;
    const frame_l4_t *l4 = NULL;
    media_kind_t kind = MEDIA_NONE;
    const char *stream_says = NULL;

    if (pinfo->ptype == PT_UDP)
        transport = QOS_UDP;
    else if (pinfo->ptype == PT_TCP)
        transport = QOS_TCP;
    else
        return;
    /* Cheap test first: most traffic is in no range and stops here. */
    qos_classify(plan, transport, (uint16_t)pinfo->srcport, (uint16_t)pinfo->destport, &m);
    if (!m.range || qos_is_signalling_port((uint16_t)pinfo->srcport) ||
        qos_is_signalling_port((uint16_t)pinfo->destport) ||
        !flow_key_from_pinfo(pinfo, transport, &key))
        return;
    if ((ip = ucdiag_packet_ip(pkt)) == NULL || ucdiag_packet_quoted(pkt))
        return;
    bytes = pkt->bytes;
    dscp = frame_ip_dscp(ip, key.af);
    /* The payload matters only when media is recognised. */
    have_l4 = qos_media_only && (l4 = ucdiag_packet_l4(pkt)) != NULL;
    /* A bare TCP ACK, SYN or FIN says nothing about what a flow carries, and
     * is not what QoS policies are about: never judged on its own. */
    if (have_l4 && transport == QOS_TCP && l4->len == 0)
        return;

    /* Flows are built on the first pass only, in frame order. A later pass
     * that finds none (the plan changed since) judges nothing in media-only
     * mode, and gives the per-packet findings in port-only mode. */
    e = flow_lookup(&key, !PINFO_FD_VISITED(pinfo));
    if (qos_media_only) {
        if (!e || (kind = media_of(e, pinfo, bytes, l4, have_l4, transport)) == MEDIA_NONE)
            return;
    }
    if (e && !PINFO_FD_VISITED(pinfo))
        flow_learn(e, pinfo, kind, have_l4 ? bytes + l4->offset : NULL, have_l4 ? l4->avail : 0);
    if (!flow_judged(e, pinfo)) {
        report_not_judged(tvb, pinfo, tree, e, &m, dscp, kind);
        return;
    }

    mismatched = !qos_match_accepts(&m, dscp);
    if (e && !PINFO_FD_VISITED(pinfo)) {
        if (!e->flow) {
            e->flow = wmem_new(wmem_file_scope(), qos_flow_t);
            qos_flow_init(e->flow);
        }
        from = e->flow->last_dscp;
        copy = qos_flow_is_copy(e->flow, frame_ip_id(ip, key.af));
        remarked = qos_flow_add(e->flow, pinfo->num, dscp, mismatched, copy);
        if (m.vbss != QOS_VBSS_NONE && e->flow->vbss_frame == 0 && vbss_directions_differ(e, dscp, &theirs)) {
            e->flow->vbss_frame = pinfo->num;
            e->flow->vbss_other_dscp = theirs;
        }
    } else if (e && e->flow) {
        remarked = qos_flow_remarked_at(e->flow, pinfo->num, &from);
    }
    vbss_here = e && e->flow && m.vbss != QOS_VBSS_NONE && e->flow->vbss_frame == pinfo->num;
    if (vbss_here)
        theirs = e->flow->vbss_other_dscp;
    between = remarked && e->flow->copy_remark_frame == pinfo->num;

    if (e && e->flow && have_tap_listener(ucdiag_qos_tap)) {
        info = wmem_new(pinfo->pool, qos_tap_info_t);
        info->entry = e;
        info->match = m;
        info->dscp = dscp;
        info->mismatched = mismatched;
        info->judged = TRUE;
        tap_queue_packet(ucdiag_qos_tap, pinfo, info);
    }
    full = ucdiag_findings_wanted(tree);
    /* The expected DSCP in words, formatted once for both the Info column
     * and the finding, and only when one of them will be read. */
    if (mismatched && (full || pinfo->cinfo))
        qos_expected_words(&m, expected, sizeof expected);
    range_index = (unsigned)(m.range - plan->ranges);
    if (range_index < plan->n && overrides[range_index].set) {
        if (!PINFO_FD_VISITED(pinfo) && !override_noted[range_index])
            override_noted[range_index] = pinfo->num;
        override_here = override_noted[range_index] == pinfo->num;
    }
    /* The packet list's words: short, and only for what is wrong. */
    if (mismatched)
        ucdiag_info(pinfo, full, "DSCP %u, expected %s", dscp, expected);
    if (remarked)
        ucdiag_info(pinfo, full, between ? "re-marked %u to %u between capture points" : "re-marked %u to %u",
                    from, dscp);
    if (vbss_here)
        ucdiag_info(pinfo, full, "VBSS directions marked %u and %u", theirs, dscp);
    if (!full) {
        if (override_here)
            expert_add_info(pinfo, NULL, &ei_ucdiag_qos_plan_override);
        /* Notes first: on a packet no one reads, Wireshark's Expert column
         * keeps the last one added. */
        if (remarked)
            expert_add_info(pinfo, NULL, &ei_ucdiag_qos_remarked);
        add_dscp_findings(pinfo, FALSE, NULL, &m, dscp, expected, 0, 0, kind, NULL);
        if (vbss_here)
            add_vbss_finding(pinfo, FALSE, NULL, &m, 0, 0, 0, 0);
        return;
    }

    port = m.by == QOS_MATCH_SENDER ? (guint16)pinfo->srcport : (guint16)pinfo->destport;
    other_port = m.by == QOS_MATCH_SENDER ? (guint16)pinfo->destport : (guint16)pinfo->srcport;
    if (mismatched || vbss_here)
        stream_says = stream_contradicts(pinfo->pool, e, m.range);

    /* A visible tree (tshark -T fields makes one for every packet) gets
     * these items on most UC packets: no formatting here, labels are built
     * only when someone displays them. */
    qt = ucdiag_add_tree(tvb, tree);
    /* The collapsed line's verdict, on packets with a finding only: a label
     * on every media packet costs more than the check itself (tshark 4.0's
     * -T fields makes every tree visible). */
    if (mismatched)
        ucdiag_summary("%s %s%s%s%s%s%s, DSCP %u (expected %s)%s%s", modality_word(m.range), role_word(m.range),
                       kind != MEDIA_NONE ? " (" : "", kind != MEDIA_NONE ? media_kind_name(kind) : "",
                       stream_says ? "; " : "", stream_says ? stream_says : "", kind != MEDIA_NONE ? ")" : "",
                       dscp, expected, e && uc_evidence_is_microsoft((uc_evidence_t)e->ev.kind) ?
                       "; Microsoft media by " : "; judged by the port plan only",
                       e && uc_evidence_is_microsoft((uc_evidence_t)e->ev.kind) ?
                       val_to_str_const(e->ev.kind, evidence_short_vals, "?") : "");
    else if (vbss_here)
        ucdiag_summary("screen sharing (VBSS) from the %s %s port, DSCP %u here and %u the other way",
                       modality_word(m.range), role_word(m.range), dscp, theirs);
    else if (remarked)
        ucdiag_summary("%s %s%s%s%s, DSCP %u as expected", modality_word(m.range), role_word(m.range),
                       kind != MEDIA_NONE ? " (" : "", kind != MEDIA_NONE ? media_kind_name(kind) : "",
                       kind != MEDIA_NONE ? ")" : "", dscp);
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_modality, tvb, 0, 0, m.range->modality);
    proto_item_set_generated(ti);
    if (stream_says)
        proto_item_append_text(ti, " (by the port plan; %s)", stream_says);
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_role, tvb, 0, 0, m.range->role);
    proto_item_set_generated(ti);
    if (kind != MEDIA_NONE) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media, tvb, 0, 0, kind);
        proto_item_set_generated(ti);
    }
    add_evidence_items(qt, tvb, pinfo, e, TRUE, mismatched || vbss_here || remarked);
    /* The common case (sender's port, right DSCP) carries only what filters
     * need; how it matched is shown where it explains something. */
    if (m.by == QOS_MATCH_RECEIVER || mismatched) {
        ti = proto_tree_add_uint(qt, hf_ucdiag_qos_match, tvb, 0, 0, m.by);
        proto_item_set_generated(ti);
    }
    if (m.by == QOS_MATCH_RECEIVER || mismatched || override_here) {
        ti = proto_tree_add_string(qt, hf_ucdiag_qos_range, tvb, 0, 0,
                                   range_index < plan->n && range_label[range_index] ?
                                   range_label[range_index] : "");
        proto_item_set_generated(ti);
        if (override_here)
            expert_add_info_format(pinfo, ti, &ei_ucdiag_qos_plan_override,
                                   "Judged by your port-plan entry %s, which overrides the preset's %s on "
                                   "%u-%u (said once per capture)",
                                   range_words(pinfo->pool, m.range),
                                   range_words(pinfo->pool, &plan->ranges[overrides[range_index].ov.first]),
                                   overrides[range_index].ov.lo, overrides[range_index].ov.hi);
    }
    if (m.by == QOS_MATCH_RECEIVER || mismatched) {
        if (kind != MEDIA_NONE) {
            ti = proto_tree_add_uint(qt, hf_ucdiag_qos_media_since, tvb, 0, 0, e->media.since);
            proto_item_set_generated(ti);
        }
    }
    ti = proto_tree_add_uint(qt, hf_ucdiag_qos_expected_dscp, tvb, 0, 0, m.dscp);
    proto_item_set_generated(ti);
    di = proto_tree_add_uint(qt, hf_ucdiag_qos_dscp, tvb, 0, 0, dscp);
    proto_item_set_generated(di);

    add_dscp_findings(pinfo, TRUE, di, &m, dscp, expected, port, other_port, kind, stream_says);
    if (between)
        expert_add_info_format(pinfo, di, &ei_ucdiag_qos_remarked,
                               "The same packet (IP ID 0x%04x) was recorded with DSCP %u, then with %u: the path "
                               "between the two capture points re-marks this flow (said once per flow)",
                               frame_ip_id(ip, key.af), from, dscp);
    else if (remarked)
        expert_add_info_format(pinfo, di, &ei_ucdiag_qos_remarked,
                               "DSCP changed from %u to %u within this flow: something on the path re-marks it",
                               from, dscp);
    if (m.vbss != QOS_VBSS_NONE) {
        ti = proto_tree_add_boolean(qt, hf_ucdiag_vbss, tvb, 0, 0, TRUE);
        proto_item_set_generated(ti);
        if (vbss_here)
            add_vbss_finding(pinfo, TRUE, ti, &m, (guint16)pinfo->srcport, (guint16)pinfo->destport, dscp,
                             theirs);
    }
}

/* ---- tshark -z ucdiag,qos and Statistics > UC QoS Flows ---- */

/* What a user looks for first comes first: the dialog opens narrow. */
enum {
    COL_FLOW, COL_MISMATCHED, COL_PACKETS, COL_EXPECTED, COL_OBSERVED, COL_CARRIES, COL_MODALITY, COL_ROLE,
    COL_VBSS, COL_TRANSPORT, COL_FIRST, COL_LAST, COL_EVIDENCE, N_COLS
};

static stat_tap_table_item qos_table_fields[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Flow", "%-48s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Mismatched", "%u" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Packets", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Expected DSCP", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Observed DSCP:packets", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Carries", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Modality", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Role", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "VBSS", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Transport", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Last frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Microsoft media? (evidence)", "%s" },
};

static tap_param qos_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

/* A table's own counts per flow: a display filter on the tap may leave out
 * packets, so the flow's dissection-time totals cannot be shown as they are. */
typedef struct {
    guint row;
    qos_flow_t counts;
    char observed[160]; /* the Observed cell points here: rewritten, never reallocated */
    guint16 kinds_shown; /* the media kinds the Carries cell names */
    guint8 ev_shown;     /* the evidence kind the Evidence cell names, + 1; 0: to be written */
    guint32 first_judged;     /* the row's first judged packet; 0: none yet */
    gboolean unjudged_before; /* packets came before it that were not judged */
    guint8 pt_shown;     /* the RTP payload type the Modality cell was written with */
} table_row_t;

/* The Evidence cell: judged or not, and why, in a line; the cell keeps a
 * copy of its own. */
static char *
evidence_cell(flow_entry_t *e, const table_row_t *row)
{
    const char *words;

    if (e->ev.kind == UC_EV_NONE)
        return g_strdup(qos_scope == QOS_SCOPE_PLAN ? "no evidence (judged: scope is the plan)"
                        : "unconfirmed, not judged: no MS STUN, Teams range, UC network or phone");
    words = flow_evidence_words(e);
    if (uc_evidence_is_other((uc_evidence_t)e->ev.kind))
        return g_strdup_printf("%s: %s", qos_scope == QOS_SCOPE_PLAN ? "another app's (judged: scope is the plan)"
                               : "another app's, not judged", words);
    if (row->first_judged && row->unjudged_before)
        return g_strdup_printf("yes from frame %u: %s", row->first_judged, words);
    return g_strdup_printf("yes: %s", words);
}

/* The Modality cell: the plan's, and the stream's where it says otherwise. */
static char *
modality_cell(wmem_allocator_t *pool, const flow_entry_t *e, const qos_range_t *r)
{
    const char *says = stream_contradicts(pool, e, r);

    return says ? g_strdup_printf("%s (plan); %s", modality_name(r), says) : g_strdup(modality_name(r));
}

static void
qos_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, "UC QoS flows", N_COLS);
}

static char *
flow_label(const qos_flow_key_t *k)
{
    char s[WS_INET6_ADDRSTRLEN], d[WS_INET6_ADDRSTRLEN];
    address as, ad;

    set_address(&as, k->af == 4 ? AT_IPv4 : AT_IPv6, k->af == 4 ? 4 : 16, k->src);
    set_address(&ad, k->af == 4 ? AT_IPv4 : AT_IPv6, k->af == 4 ? 4 : 16, k->dst);
    address_to_str_buf(&as, s, sizeof s);
    address_to_str_buf(&ad, d, sizeof d);
    return k->af == 4 ? g_strdup_printf("%s:%u -> %s:%u", s, k->sport, d, k->dport)
                      : g_strdup_printf("[%s]:%u -> [%s]:%u", s, k->sport, d, k->dport);
}

/* The cells live in the table; writing through the pointer updates them. */
static void
set_uint(stat_tap_table *t, guint row, guint col, guint v)
{
    stat_tap_get_field_data(t, row, col)->value.uint_value = v;
}


/* Rewrites a row's Evidence cell when what it would say has changed. */
static void
refresh_evidence(stat_tap_table *table, flow_entry_t *e, table_row_t *row)
{
    if ((guint8)(e->ev.kind + 1) == row->ev_shown)
        return;
    ucdiag_table_set_string(table, row->row, COL_EVIDENCE, evidence_cell(e, row));
    row->ev_shown = (guint8)(e->ev.kind + 1);
}

static tap_packet_status
qos_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                 tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const qos_tap_info_t *info = (const qos_tap_info_t *)data;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    table_row_t *row = (table_row_t *)ucdiag_table_row_get(table, info->entry);

    if (!row) {
        stat_tap_table_item_type items[N_COLS];
        memset(items, 0, sizeof items);
        items[COL_FLOW].type = TABLE_ITEM_STRING;
        items[COL_FLOW].value.string_value = flow_label(&info->entry->key);
        items[COL_TRANSPORT].type = TABLE_ITEM_STRING;
        items[COL_CARRIES].type = TABLE_ITEM_STRING;
        items[COL_CARRIES].value.string_value = g_strdup(qos_media_only ? "" : "(ports only)");
        items[COL_TRANSPORT].value.string_value = g_strdup(val_to_str_const(info->entry->key.transport,
                                                                            transport_vals, "?"));
        items[COL_MODALITY].type = TABLE_ITEM_STRING;
        items[COL_MODALITY].value.string_value = modality_cell(pinfo->pool, info->entry, info->match.range);
        items[COL_EVIDENCE].type = TABLE_ITEM_STRING;
        items[COL_EVIDENCE].value.string_value = g_strdup("");
        items[COL_ROLE].type = TABLE_ITEM_STRING;
        items[COL_ROLE].value.string_value = g_strdup(val_to_str_const(info->match.range->role, role_vals, "?"));
        items[COL_EXPECTED].type = TABLE_ITEM_STRING;
        {
            char expected[24];
            qos_expected_words(&info->match, expected, sizeof expected);
            items[COL_EXPECTED].value.string_value = g_strdup(expected);
        }
        row = g_new0(table_row_t, 1);
        row->pt_shown = info->entry->rtp_pt;
        items[COL_OBSERVED].type = TABLE_ITEM_STRING;
        items[COL_OBSERVED].value.string_value = row->observed;
        items[COL_PACKETS].type = items[COL_MISMATCHED].type = TABLE_ITEM_UINT;
        items[COL_FIRST].type = items[COL_LAST].type = TABLE_ITEM_UINT;
        items[COL_VBSS].type = TABLE_ITEM_STRING;
        items[COL_VBSS].value.string_value = g_strdup(info->match.vbss != QOS_VBSS_NONE ? "yes" : "");
        row->row = table->num_elements;
        qos_flow_init(&row->counts);
        stat_tap_init_table_row(table, row->row, N_COLS, items);
        ucdiag_table_row_put(table, info->entry, row);
    }
    /* The table counts packets and marks; re-marks are the tree's. */
    qos_flow_add(&row->counts, pinfo->num, info->dscp, info->judged && info->mismatched, false);
    qos_flow_observed(&row->counts, row->observed, sizeof row->observed);
    if (info->entry->media.kinds != row->kinds_shown) {
        char carries[96];
        media_kinds_text(info->entry->media.kinds, carries, sizeof carries);
        ucdiag_table_set_string(table, row->row, COL_CARRIES, g_strdup(carries));
        row->kinds_shown = info->entry->media.kinds;
    }
    if (info->judged && !row->first_judged) {
        row->first_judged = pinfo->num;
        row->ev_shown = 0;
    } else if (!info->judged && !row->first_judged) {
        row->unjudged_before = TRUE;
    }
    refresh_evidence(table, info->entry, row);
    /* The other direction may have been settled by this packet's STUN after
     * its own last packet: its row says so too. */
    if (info->entry->reverse) {
        table_row_t *back = (table_row_t *)ucdiag_table_row_get(table, info->entry->reverse);
        if (back)
            refresh_evidence(table, info->entry->reverse, back);
    }
    if (info->entry->rtp_pt != row->pt_shown) {
        ucdiag_table_set_string(table, row->row, COL_MODALITY,
                                modality_cell(pinfo->pool, info->entry, info->match.range));
        row->pt_shown = info->entry->rtp_pt;
    }
    set_uint(table, row->row, COL_PACKETS, row->counts.packets);
    set_uint(table, row->row, COL_MISMATCHED, row->counts.mismatched);
    set_uint(table, row->row, COL_FIRST, row->counts.first_frame);
    set_uint(table, row->row, COL_LAST, row->counts.last_frame);
    return TAP_PACKET_REDRAW;
}

/* The Observed cell points into the row's record, freed with the record. */
static void
qos_table_reset(stat_tap_table *table)
{
    ucdiag_table_reset(table, N_COLS, COL_OBSERVED);
}

static void
qos_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    ucdiag_table_free_item(table, row, column, field, COL_OBSERVED);
}

void
ucdiag_qos_prefs_apply(void)
{
    qos_plan_rebuild();
}

void
ucdiag_qos_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_qos_modality,
          { "Modality", "ucdiag.qos.modality", FT_UINT8, BASE_DEC, VALS(modality_vals), 0x0,
            "Media modality of the port range that matched", HFILL } },
        { &hf_ucdiag_qos_role,
          { "Role", "ucdiag.qos.role", FT_UINT8, BASE_DEC, VALS(role_vals), 0x0,
            "Client or server: the role of the port range that matched", HFILL } },
        { &hf_ucdiag_qos_match,
          { "Matched on", "ucdiag.qos.match", FT_UINT8, BASE_DEC, VALS(match_vals), 0x0,
            "Whether the sender's port or only the receiver's is in the plan", HFILL } },
        { &hf_ucdiag_qos_range,
          { "Port range", "ucdiag.qos.range", FT_STRING, BASE_NONE, NULL, 0x0,
            "The plan's range that matched, and whether it is the preset's or your table's", HFILL } },
        { &hf_ucdiag_qos_expected_dscp,
          { "Expected DSCP", "ucdiag.qos.expected_dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The DSCP the sender should mark for this modality", HFILL } },
        { &hf_ucdiag_qos_dscp,
          { "Observed DSCP", "ucdiag.qos.dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "DSCP of this packet's (innermost) IP header", HFILL } },
        { &hf_ucdiag_qos_media,
          { "Media", "ucdiag.qos.media", FT_UINT8, BASE_DEC, VALS(media_vals), 0x0,
            "What this packet of a media flow carries (only media flows are judged)", HFILL } },
        { &hf_ucdiag_qos_media_since,
          { "Media since frame", "ucdiag.qos.media_since", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame where this flow direction was recognised as media; earlier frames are not judged",
            HFILL } },
        { &hf_ucdiag_qos_not_judged,
          { "DSCP not judged", "ucdiag.qos.not_judged", FT_NONE, BASE_NONE, NULL, 0x0,
            "Media on a plan port whose DSCP was not checked: it is not shown to be Microsoft UC media "
            "(ucdiag.qos.evidence says why), and the QoS scope is Microsoft's media only", HFILL } },
        { &hf_ucdiag_qos_evidence,
          { "Microsoft media evidence", "ucdiag.qos.evidence", FT_UINT8, BASE_DEC, VALS(ucdiag_evidence_vals), 0x0,
            "What shows (or does not) that this flow is Lync/SfB/Teams media", HFILL } },
        { &hf_ucdiag_qos_evidence_detail,
          { "Evidence", "ucdiag.qos.evidence.detail", FT_STRING, BASE_NONE, NULL, 0x0,
            "The evidence in words: which attribute, address, network or phone", HFILL } },
        { &hf_ucdiag_qos_evidence_frame,
          { "Evidence in frame", "ucdiag.qos.evidence.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame where the evidence was seen", HFILL } },
        { &hf_ucdiag_qos_judged_from,
          { "Judged from frame", "ucdiag.qos.judged_from", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "Evidence came later in the flow: its packets are judged from this frame on", HFILL } },
        { &hf_ucdiag_vbss,
          { "VBSS flow", "ucdiag.vbss", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "App-sharing client port talking to a video server port (Video-based Screen Sharing)", HFILL } },
    };

    static ei_register_info ei[] = {
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
        { &ei_ucdiag_vbss_port_mismatch,
          { "ucdiag.vbss.port_mismatch", PI_PROTOCOL, PI_WARN,
            "VBSS: the two directions of a screen share are marked differently (app-sharing client port, video server port)",
            EXPFILL } },
    };

    static uat_field_t qos_uat_fields[] = {
        UAT_FLD_VS(qos_uat, modality, "Modality", uat_modality_vals, "audio, video, appsharing or filetransfer"),
        UAT_FLD_VS(qos_uat, role, "Role", uat_role_vals, "client or server"),
        UAT_FLD_RANGE(qos_uat, ports, "Ports", 65535, "Port or ranges, e.g. 50000-50019"),
        UAT_FLD_VS(qos_uat, transport, "Transport", uat_transport_vals, "udp, tcp or both"),
        UAT_FLD_DEC(qos_uat, dscp, "DSCP", "Expected DSCP, 0-63"),
        UAT_END_FIELDS
    };

    static stat_tap_table_ui qos_table_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC QoS Flows (ucdiag)",
        "ucdiag.qos",
        "ucdiag,qos",
        qos_table_init,
        qos_table_packet,
        qos_table_reset,
        qos_table_free_item,
        NULL,
        G_N_ELEMENTS(qos_table_fields), qos_table_fields,
        G_N_ELEMENTS(qos_table_params), qos_table_params,
        NULL,
        0
    };

    expert_module_t *expert_ucdiag;
    uat_t *qos_uat;

    proto_register_field_array(proto, hf, array_length(hf));
    expert_ucdiag = expert_register_protocol(proto);
    expert_register_field_array(expert_ucdiag, ei, array_length(ei));

    plan = g_new0(qos_plan_t, 1);
    flows = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), qos_flow_key_hash, qos_flow_key_equal);

    prefs_register_enum_preference(module, "qos_preset", "QoS port plan preset",
                                   "The port ranges and DSCP values media flows are checked against. "
                                   "Entries of the table below apply on top of it.",
                                   &qos_preset, qos_preset_vals, FALSE);
    qos_uat = uat_new("UC QoS port plan", sizeof(qos_uat_rec_t), "ucdiag_qos_ports", TRUE,
                      &qos_uat_recs, &qos_uat_nrecs, UAT_AFFECTS_DISSECTION, NULL,
                      qos_uat_copy, qos_uat_update, qos_uat_free, qos_plan_rebuild, NULL, qos_uat_fields);
    prefs_register_uat_preference(module, "qos_ports", "QoS port plan (your entries)",
                                  "Modality, role, ports, transport and expected DSCP; applied on top of "
                                  "the preset", qos_uat);
    prefs_register_enum_preference(module, "qos_scope", "QoS: whose media is judged",
                                   "microsoft (the default): only flows the capture shows to be Lync/SfB/Teams "
                                   "media (Microsoft STUN attributes, Teams media ranges, a phone, your UC "
                                   "networks); other applications' media and media with no evidence either way "
                                   "are listed in the table, not judged. "
                                   "plan: every media flow on a plan port, whoever's it is",
                                   &qos_scope, qos_scope_vals, FALSE);
    prefs_register_bool_preference(module, "qos_media_only", "Judge only media flows",
                                   "Check DSCP only on flow directions recognised as media (RTP, RTCP, "
                                   "STUN/TURN, DTLS-SRTP). Off: every UDP/TCP packet whose ports are in the plan, "
                                   "for media whose headers are out of sight (a tunnel, TLS)",
                                   &qos_media_only);
    qos_presets_text(module);
    qos_plan_rebuild();
    register_init_routine(qos_init);

    ucdiag_qos_tap = register_tap("ucdiag.qos");
    register_stat_tap_table_ui(&qos_table_ui);
}
