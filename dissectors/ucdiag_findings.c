/* ucdiag_findings.c
 * Findings as records: their words and subjects as the concerns tell them,
 * the records of one capture, and their JSON lines (see ucdiag_findings.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/address.h>
#include <epan/proto.h>
#include <epan/to_str.h>

#include "cmdline_file.h"
#include "json_text.h"
#include "ucdiag_findings.h"

gboolean ucdiag_findings_open;

/* ---- The packet in hand: words and subjects, until the tap has read them ---- */

/* The subject stated last, as the JSON object it will be, less its closing
 * brace, and the frame it was stated on: a subject never outlives its
 * packet. */
static GString *subject;
static guint32 subject_frame;

/* A finding's words, as said for [UC: ...]. */
typedef struct {
    int hf;
    char *text;
    gboolean claimed;
} words_t;

/* A finding raised: what the tap needs besides the expert info. */
typedef struct {
    int hf;
    const char *words;     /* interned; NULL: the expert's registered summary */
    const char *subject;   /* interned */
    gboolean taken;
} mark_t;

/* Both for one dissection of one frame at a time, emptied when another
 * speaks: the tap reads a packet's expert infos right after its
 * dissection. A second pass over the same frame is another dissection
 * (tshark -2 taps only that one), told apart by the frame's visited flag. */
static GArray *frame_words, *frame_marks;
static guint32 marks_frame;
static gboolean marks_visited;

/* Every text a record points at, once: a flow's finding repeats its message
 * on each of its packets. Freed with the records. */
static GHashTable *interned;

static const char *
intern(const char *text)
{
    char *kept;

    if (!text)
        return NULL;
    if ((kept = (char *)g_hash_table_lookup(interned, text)) != NULL)
        return kept;
    kept = g_strdup(text);
    g_hash_table_add(interned, kept);
    return kept;
}

/* A string value into s: sized first, then written in place. */
void
ucdiag_json_string(GString *s, const char *text)
{
    size_t len, n;
    gsize at = s->len;

    if (!text) {
        g_string_append(s, "null");
        return;
    }
    len = strlen(text);
    n = json_string(NULL, 0, text, len);
    g_string_set_size(s, at + n);
    json_string(s->str + at, n + 1, text, len);
}

static void
put_key(GString *s, const char *key)
{
    g_string_append_c(s, ',');
    ucdiag_json_string(s, key);
    g_string_append_c(s, ':');
}

void
ucdiag_subject_begin(guint32 frame, const char *kind)
{
    g_string_assign(subject, "{\"kind\":");
    ucdiag_json_string(subject, kind);
    subject_frame = frame;
}

void
ucdiag_subject_text(const char *key, const char *text)
{
    put_key(subject, key);
    ucdiag_json_string(subject, text);
}

void
ucdiag_subject_port(const char *key, guint port)
{
    put_key(subject, key);
    if (port)
        g_string_append_printf(subject, "%u", port);
    else
        g_string_append(subject, "null");
}

void
ucdiag_subject_address(const char *key, const address *addr)
{
    char text[WS_INET6_ADDRSTRLEN + 8];

    put_key(subject, key);
    if (!addr || addr->type == AT_NONE) {
        g_string_append(subject, "null");
        return;
    }
    address_to_str_buf(addr, text, sizeof text);
    ucdiag_json_string(subject, text);
}

void
ucdiag_subject_ip_bytes(const char *key, int af, const guint8 *bytes)
{
    address a;

    set_address(&a, af == 4 ? AT_IPv4 : AT_IPv6, af == 4 ? 4 : 16, bytes);
    ucdiag_subject_address(key, &a);
}

void
ucdiag_subject_ipv4(const char *key, guint32 host_order)
{
    guint32 net = g_htonl(host_order);
    address a;

    set_address(&a, AT_IPv4, 4, &net);
    ucdiag_subject_address(key, host_order ? &a : NULL);
}

void
ucdiag_subject_mac(const char *key, const guint8 *mac, guint len)
{
    char text[3 * 16];
    size_t w = 0;
    guint i;

    put_key(subject, key);
    if (!mac || !len) {
        g_string_append(subject, "null");
        return;
    }
    /* Lowercase hex joined by colons, never a vendor name: as ucdiag_mac_str. */
    for (i = 0; i < len && i < 16; i++)
        w += (size_t)g_snprintf(text + w, sizeof text - w, i ? ":%02x" : "%02x", mac[i]);
    ucdiag_json_string(subject, text);
}

/* The frame's words and marks, emptied when another frame, or another pass
 * over this one, speaks. */
static void
frame_now(guint32 frame, gboolean visited)
{
    guint i;

    if (marks_frame == frame && marks_visited == visited)
        return;
    for (i = 0; i < frame_words->len; i++)
        g_free(g_array_index(frame_words, words_t, i).text);
    g_array_set_size(frame_words, 0);
    g_array_set_size(frame_marks, 0);
    marks_frame = frame;
    marks_visited = visited;
}

void
ucdiag_findings_words(packet_info *pinfo, const expert_field *ei, const char *text)
{
    words_t w;

    frame_now(pinfo->num, PINFO_FD_VISITED(pinfo));
    w.hf = ei->hf;
    w.text = g_strdup(text);
    w.claimed = FALSE;
    g_array_append_val(frame_words, w);
}

/* The words of a finding of kind hf: the first not yet claimed, else those
 * another finding of the kind already has (words said once for two). */
static const char *
claim_words(int hf)
{
    words_t *last = NULL;
    guint i;

    for (i = 0; i < frame_words->len; i++) {
        words_t *w = &g_array_index(frame_words, words_t, i);
        if (w->hf != hf)
            continue;
        if (!w->claimed) {
            w->claimed = TRUE;
            return intern(w->text);
        }
        last = w;
    }
    return last ? intern(last->text) : NULL;
}

void
ucdiag_findings_mark(packet_info *pinfo, const expert_field *ei)
{
    mark_t m;

    frame_now(pinfo->num, PINFO_FD_VISITED(pinfo));
    m.hf = ei->hf;
    m.words = claim_words(ei->hf);
    if (subject_frame == pinfo->num && subject->len) {
        g_string_append_c(subject, '}');
        m.subject = intern(subject->str);
        g_string_truncate(subject, subject->len - 1);
    } else {
        m.subject = NULL;
    }
    m.taken = FALSE;
    g_array_append_val(frame_marks, m);
}

/* The capture tshark reads, from its own arguments: on Linux,
 * /proc/self/cmdline. Elsewhere, and in Wireshark's window, unknown. */
char *
ucdiag_capture_file_name(void)
{
    gchar *raw = NULL;
    gsize len = 0, i;
    GPtrArray *argv;
    const char *file;
    char *kept;

    if (!g_file_get_contents("/proc/self/cmdline", &raw, &len, NULL))
        return NULL;
    argv = g_ptr_array_new();
    for (i = 0; i < len; i += strlen(raw + i) + 1)
        g_ptr_array_add(argv, raw + i);
    file = cmdline_read_file((int)argv->len, (char *const *)argv->pdata);
    kept = g_strdup(file);
    g_ptr_array_free(argv, TRUE);
    g_free(raw);
    return kept;
}

/* ---- Severities of the findings that pass through no expert info ---- */

static GHashTable *severities;   /* hf -> PI_ severity */

void
ucdiag_findings_know_experts(const ei_register_info *ei, int n)
{
    int i;

    for (i = 0; i < n; i++)
        g_hash_table_insert(severities, GINT_TO_POINTER(ei[i].ids->hf), GINT_TO_POINTER(ei[i].eiinfo.severity));
}

/* ---- The records ---- */

typedef struct {
    guint32 frame;
    guint32 seq;             /* the order they came in, within a frame */
    nstime_t ts;
    int hf;
    int severity;
    const char *message, *words, *subject;   /* interned */
} record_t;

static GArray *records;
static state_cap_t records_cap;
static nstime_t refused_ts;   /* the time of records_cap.full_frame */

void
ucdiag_findings_reset(guint limit)
{
    g_array_set_size(records, 0);
    frame_now(0, FALSE);
    g_string_truncate(subject, 0);
    subject_frame = 0;
    g_hash_table_remove_all(interned);
    state_cap_reset(&records_cap, limit);
    nstime_set_zero(&refused_ts);
}

const state_cap_t *
ucdiag_findings_cap(void)
{
    return &records_cap;
}

static void
add_record(guint32 frame, const nstime_t *ts, int hf, int severity, const char *message, const char *words,
           const char *subj)
{
    record_t r;

    if (!state_cap_admit(&records_cap, frame)) {
        if (records_cap.full_frame == frame)
            refused_ts = *ts;
        return;
    }
    r.frame = frame;
    r.seq = records->len;
    r.ts = *ts;
    r.hf = hf;
    r.severity = severity;
    r.message = intern(message);
    r.words = words;
    r.subject = subj;
    g_array_append_val(records, r);
}

/* What a packet's finding is about when its concern stated nothing: the
 * packet's own addresses. */
static const char *
packet_subject(packet_info *pinfo)
{
    GString *s = subject;
    const char *kept;

    ucdiag_subject_begin(pinfo->num, "packet");
    ucdiag_subject_address("src", &pinfo->net_src);
    ucdiag_subject_address("dst", &pinfo->net_dst);
    g_string_append_c(s, '}');
    kept = intern(s->str);
    g_string_truncate(s, 0);
    return kept;
}

void
ucdiag_findings_record(packet_info *pinfo, int hf, int severity, const char *message)
{
    mark_t *m = NULL;
    guint i;

    /* The finding's mark: the first of its kind on this frame not yet taken. */
    if (marks_frame == pinfo->num)
        for (i = 0; i < frame_marks->len && !m; i++) {
            mark_t *k = &g_array_index(frame_marks, mark_t, i);
            if (k->hf == hf && !k->taken)
                m = k;
        }
    if (m)
        m->taken = TRUE;
    add_record(pinfo->num, &pinfo->abs_ts, hf, severity, message, m ? m->words : NULL,
               m && m->subject ? m->subject : packet_subject(pinfo));
}

void
ucdiag_findings_record_late(guint32 frame, const nstime_t *ts, const expert_field *ei, const char *message,
                            const char *words)
{
    const char *known = (const char *)g_hash_table_lookup(interned, message);
    guint i;

    /* A text never kept is in no record: the usual case, at no cost. */
    for (i = 0; known && i < records->len; i++) {
        const record_t *r = &g_array_index(records, record_t, i);
        if (r->frame == frame && r->hf == ei->hf && r->message == known)
            return;
    }
    g_string_append_c(subject, '}');
    add_record(frame, ts, ei->hf, GPOINTER_TO_INT(g_hash_table_lookup(severities, GINT_TO_POINTER(ei->hf))),
               message, intern(words), intern(subject->len > 1 ? subject->str : "{\"kind\":\"capture\"}"));
    g_string_truncate(subject, 0);
}

static const char *
severity_word(int severity)
{
    switch (severity) {
    case PI_ERROR:   return "error";
    case PI_WARN:    return "warning";
    case PI_NOTE:    return "note";
    case PI_CHAT:    return "chat";
    case PI_COMMENT: return "comment";
    default:         return "unknown";
    }
}

static gint
record_order(gconstpointer a, gconstpointer b)
{
    const record_t *x = (const record_t *)a, *y = (const record_t *)b;

    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One record as a line: the keys in the order the README lists them. */
static void
write_line(FILE *out, GString *line, const char *file, guint32 frame, const nstime_t *ts, int hf, int severity,
           const char *words, const char *message, const char *subj)
{
    char when[JSON_TIME_LEN];

    g_string_printf(line, "{\"schema\":%d,\"file\":", UCDIAG_FINDINGS_SCHEMA);
    ucdiag_json_string(line, file);
    g_string_append_printf(line, ",\"frame\":%u,\"time\":", frame);
    ucdiag_json_string(line, json_utc_time((gint64)ts->secs, ts->nsecs, when) ? when : NULL);
    g_string_append(line, ",\"id\":");
    ucdiag_json_string(line, proto_registrar_get_abbrev(hf));
    g_string_append(line, ",\"severity\":");
    ucdiag_json_string(line, severity_word(severity));
    g_string_append(line, ",\"summary\":");
    /* Findings that say nothing in [UC: ...] are summed up as registered. */
    ucdiag_json_string(line, words ? words : proto_registrar_get_name(hf));
    g_string_append(line, ",\"message\":");
    ucdiag_json_string(line, message);
    g_string_append(line, ",\"subject\":");
    g_string_append(line, subj);
    g_string_append(line, "}\n");
    fputs(line->str, out);
}

void
ucdiag_findings_write(FILE *out, const char *file)
{
    GString *line = g_string_sized_new(512);
    guint i;

    g_array_sort(records, record_order);
    for (i = 0; i < records->len; i++) {
        const record_t *r = &g_array_index(records, record_t, i);
        write_line(out, line, file, r->frame, &r->ts, r->hf, r->severity, r->words, r->message, r->subject);
    }
    /* The records' own limit, last, in the words of every tracking limit. */
    if (records_cap.full_frame) {
        int hf = proto_registrar_get_id_byname("ucdiag.tracking_limit");
        char *text = g_strdup_printf("Tracking limit of %u findings reached; later findings are not recorded "
                                     "(preference ucdiag.findings_max_records)", records_cap.limit);
        write_line(out, line, file, records_cap.full_frame, &refused_ts, hf,
                   GPOINTER_TO_INT(g_hash_table_lookup(severities, GINT_TO_POINTER(hf))), NULL, text,
                   "{\"kind\":\"capture\"}");
        g_free(text);
    }
    g_string_free(line, TRUE);
}

void
ucdiag_findings_register(void)
{
    subject = g_string_sized_new(256);
    frame_words = g_array_new(FALSE, FALSE, sizeof(words_t));
    frame_marks = g_array_new(FALSE, FALSE, sizeof(mark_t));
    interned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    severities = g_hash_table_new(g_direct_hash, g_direct_equal);
    records = g_array_new(FALSE, FALSE, sizeof(record_t));
}
