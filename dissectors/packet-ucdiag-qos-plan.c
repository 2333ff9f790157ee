/* packet-ucdiag-qos-plan.c
 * The QoS port plan as the user sets it: a preset, the user's own table (a
 * UAT) applied on top of it, and the plan built from both; and the plan's
 * ranges in words, for the tree, the expert info and the table.
 *
 * The plan itself (ranges, lookup tables, classification) is qos_logic.c's.
 * This file builds it from the preferences, and tells the user where their
 * table overrides the preset or contradicts itself. It calls no other file
 * of the QoS concern (see packet-ucdiag-qos-int.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/prefs.h>
#include <epan/range.h>
#include <epan/uat.h>
#include <wsutil/report_message.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-qos-int.h"
#include "put_text.h"

/* ---- Names of the plan's ranges ---- */

const value_string qos_modality_vals[] = {
    { QOS_AUDIO,        "Audio" },
    { QOS_VIDEO,        "Video" },
    { QOS_APPSHARING,   "Application sharing" },
    { QOS_FILETRANSFER, "File transfer" },
    { 0, NULL }
};

const value_string qos_role_vals[] = {
    { QOS_CLIENT, "Client" },
    { QOS_SERVER, "Server" },
    { 0, NULL }
};

/* The modalities in running text: lower case, no abbreviations. */
static const value_string modality_words[] = {
    { QOS_AUDIO,        "audio" },
    { QOS_VIDEO,        "video" },
    { QOS_APPSHARING,   "application sharing" },
    { QOS_FILETRANSFER, "file transfer" },
    { 0, NULL }
};

/* ---- The preferences: a preset and the user's table on top ---- */

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

/* ---- The plan built from them ---- */

/* Owned here (see packet-ucdiag-qos-int.h). */
qos_plan_t *qos_plan;

/* For each range of your table that overrides a preset range: the overlap
 * (first: the preset's range; lo-hi: the ports the two share). It holds
 * until the plan is rebuilt. */
typedef struct {
    gboolean set;
    qos_overlap_t ov;
} qos_override_t;
static qos_override_t overrides[QOS_MAX_RANGES];
/* For the same ranges: the frame of this capture that carries the note
 * about the override. A separate array, as it is emptied for every new
 * capture file while the overlaps are not. */
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

const char *
qos_range_words(wmem_allocator_t *pool, const qos_range_t *r)
{
    return wmem_strdup_printf(pool, "%s %s %u-%u (DSCP %u)", val_to_str_const(r->modality, uat_modality_vals, "?"),
                              val_to_str_const(r->role, uat_role_vals, "?"), r->lo, r->hi, r->dscp);
}

/* Adds your table's entries to the plan, after the preset's. */
static void
plan_add_user_table(void)
{
    unsigned i, j;

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
            if (!qos_plan_add(qos_plan, &q))
                report_failure("ucdiag QoS port plan: entry %u-%u was not added (invalid, or the plan "
                               "already holds %u ranges)", q.lo, q.hi, QOS_MAX_RANGES);
        }
    }
}

/* Reports entries of your own table that share ports, once per change:
 * the preferences and the table each rebuild the plan, and the same
 * message twice would be one dialog too many. */
static void
report_clashes(GString *msg, unsigned clashes)
{
    if (!msg) {
        g_free(last_clash);
        last_clash = NULL;
        return;
    }
    if (clashes > 8)
        g_string_append_printf(msg, "\n  ... and %u more", clashes - 8);
    if (g_strcmp0(msg->str, last_clash) != 0)
        report_failure("%s", msg->str);
    g_free(last_clash);
    last_clash = g_string_free(msg, FALSE);
}

/* Builds the plan from the preset and the UAT. Your table is meant to
 * override the preset: where it does, the range's label says so and the
 * first packet it judges carries a note, never a dialog. Two entries of your
 * own table sharing ports is a mistake, and is reported once per change. */
static void
plan_build(void)
{
    qos_overlap_t ov[QOS_MAX_RANGES];
    unsigned i, n, clashes = 0;
    GString *msg = NULL;
    wmem_allocator_t *tmp = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    qos_plan_clear(qos_plan);
    for (i = 0; i < QOS_MAX_RANGES; i++) {
        g_free(range_label[i]);
        range_label[i] = NULL;
        overrides[i].set = FALSE;
        override_noted[i] = 0;
    }
    qos_plan_add_preset(qos_plan, (qos_preset_t)qos_preset);
    plan_add_user_table();
    n = qos_plan_compile(qos_plan, ov, G_N_ELEMENTS(ov));
    for (i = 0; i < n && i < G_N_ELEMENTS(ov); i++) {
        const qos_range_t *a = &qos_plan->ranges[ov[i].first], *b = &qos_plan->ranges[ov[i].second];
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
            g_string_append_printf(msg, "\n  %s and %s share %u-%u: %s applies", qos_range_words(tmp, a),
                                   qos_range_words(tmp, b), ov[i].lo, ov[i].hi, qos_range_words(tmp, b));
    }
    for (i = 0; i < qos_plan->n; i++) {
        const qos_range_t *r = &qos_plan->ranges[i];
        const qos_overlap_t *o = &overrides[i].ov;
        if (overrides[i].set)
            range_label[i] = g_strdup_printf("%u-%u (your table; overrides the preset's %s on %u-%u)", r->lo,
                                             r->hi, qos_range_words(tmp, &qos_plan->ranges[o->first]), o->lo,
                                             o->hi);
        else
            range_label[i] = g_strdup_printf("%u-%u (%s)", r->lo, r->hi, range_owner(r));
    }
    wmem_destroy_allocator(tmp);
    report_clashes(msg, clashes);
}

/* The presets' own ranges, as read-only text in the preferences: what an
 * entry of your table overrides. */
void
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
            g_string_append_printf(text, "%s %s%s", i ? ";" : "", qos_range_words(tmp, &tmp_plan->ranges[i]),
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

void
qos_plan_prefs_register(module_t *module)
{
    static uat_field_t qos_uat_fields[] = {
        UAT_FLD_VS(qos_uat, modality, "Modality", uat_modality_vals, "audio, video, appsharing or filetransfer"),
        UAT_FLD_VS(qos_uat, role, "Role", uat_role_vals, "client or server"),
        UAT_FLD_RANGE(qos_uat, ports, "Ports", 65535, "Port or ranges, e.g. 50000-50019"),
        UAT_FLD_VS(qos_uat, transport, "Transport", uat_transport_vals, "udp, tcp or both"),
        UAT_FLD_DEC(qos_uat, dscp, "DSCP", "Expected DSCP, 0-63"),
        UAT_END_FIELDS
    };
    uat_t *qos_uat;

    qos_plan = g_new0(qos_plan_t, 1);
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
}

/* Whenever the preset or the table changes (prefs apply, UAT update) the
 * plan is out of date; `-o uat:` updates the table once per entry, so
 * building it each time cost 70 builds and 69 ever-longer clash reports for
 * 70 entries. It is built once, before the next capture is dissected. */
static gboolean plan_stale;

void
qos_plan_rebuild(void)
{
    plan_stale = TRUE;
}

void
qos_plan_new_file(void)
{
    if (plan_stale) {
        plan_stale = FALSE;
        plan_build();
    }
    memset(override_noted, 0, sizeof override_noted);
}

/* ---- Overrides, per packet ---- */

gboolean
qos_plan_note_override(const qos_range_t *r, packet_info *pinfo)
{
    unsigned i = (unsigned)(r - qos_plan->ranges);

    if (i >= qos_plan->n || !overrides[i].set)
        return FALSE;
    if (!PINFO_FD_VISITED(pinfo) && !override_noted[i])
        override_noted[i] = pinfo->num;
    return override_noted[i] == pinfo->num;
}

const qos_overlap_t *
qos_plan_overlap(const qos_range_t *r)
{
    unsigned i = (unsigned)(r - qos_plan->ranges);

    return i < qos_plan->n && overrides[i].set ? &overrides[i].ov : NULL;
}

const char *
qos_range_label(const qos_range_t *r)
{
    unsigned i = (unsigned)(r - qos_plan->ranges);

    return i < qos_plan->n && range_label[i] ? range_label[i] : "";
}

/* ---- Ranges and matches in words ---- */

const char *
qos_modality_name(const qos_range_t *r)
{
    return val_to_str_const(r->modality, qos_modality_vals, "?");
}

const char *
qos_modality_word(const qos_range_t *r)
{
    return val_to_str_const(r->modality, modality_words, "?");
}

const char *
qos_role_word(const qos_range_t *r)
{
    return r->role == QOS_CLIENT ? "client" : "server";
}

/* What a match is about, in running text. */
const char *
qos_match_word(const qos_match_t *m)
{
    return m->vbss != QOS_VBSS_NONE ? "screen sharing as video (VBSS)" : qos_modality_word(m->range);
}

void
qos_expected_words(const qos_match_t *m, char *buf, size_t size)
{
    size_t w = 0;

    /* Said on every mismatched packet the Info column shows. */
    if (size == 0)
        return;
    if (put_uint(buf, size, &w, m->dscp) && m->alt_dscp >= 0 && put_str(buf, size, &w, " or "))
        put_uint(buf, size, &w, (uint32_t)m->alt_dscp);
    buf[w] = '\0';
}
