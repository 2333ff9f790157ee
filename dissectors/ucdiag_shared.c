/* ucdiag_shared.c
 * Helpers shared by the concerns of the UC Network Diagnostics post-dissector
 * (see ucdiag_shared.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/column.h>
#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/prefs.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "ucdiag_shared.h"

static int proto_ucdiag = -1;
/* _ws.expert and its fields that a filter or -e may name. */
static int expert_ids[4] = { -1, -1, -1, -1 };
static int expert_tap = -1;

static gint ett_ucdiag = -1;
static int hf_ucdiag_finding = -1;
static expert_field ei_ucdiag_tracking_limit = EI_INIT;

/* What this dissection of the current packet has built: the "UC Network
 * Diagnostics" subtree and whether a concern has summarised on its line.
 * Cleared by ucdiag_begin_packet, as the dispatcher starts each packet: the
 * concerns share one item without a proto-data lookup per judged packet. */
static proto_tree *cur_tree;
static gboolean cur_summarised;
/* The words for [UC: ...] of frame info_frame, which msuc (inside DHCP) and
 * the post-dissector both add to; empty on almost every packet, so the
 * dispatcher's last step costs one test. Words an exception kept from their
 * flush are dropped when the next frame speaks. */
static GString *info_words;
static guint32 info_frame;
/* How much of info_words a field already shows (msuc's, before the
 * post-dissector adds its own words and writes the column once). */
static gsize info_in_field;
static int proto_shared = -1;
/* The Expert column's severity when the post-dissector began the packet (0:
 * none, or no such column). Wireshark writes the column from each expert
 * info in turn, so our later warning would hide msuc's or another
 * dissector's error on the same packet; the finish puts the worse back. */
static guint32 expert_col_before;

/* Whether the columns have an Expert column (any, and a visible one),
 * settled once per capture file: the preferences are read before a file is
 * opened, and changing the columns redissects, which starts a new file's
 * dissection. Almost every packet then skips the column altogether. */
static gboolean expert_col_any;
static gboolean expert_col_visible;

static void
expert_col_init(void)
{
    GList *c;

    expert_col_any = expert_col_visible = FALSE;
    for (c = prefs.col_list; c; c = c->next) {
        const fmt_data *f = (const fmt_data *)c->data;
        if (f && f->fmt == COL_EXPERT) {
            expert_col_any = TRUE;
            expert_col_visible = expert_col_visible || f->visible;
        }
    }
}

gboolean
ucdiag_unread_experts_wanted(packet_info *pinfo, int severity)
{
    /* With columns, only an Expert column shows a bare severity. Without,
     * this is Wireshark's first pass (or tshark writing no columns), where
     * it can only light the status bar, which shows the capture's highest
     * severity so far: one at or below that changes nothing there. On a
     * capture where every packet of a mis-marked call carries a warning,
     * that is all of them but the first. */
    if (pinfo->cinfo)
        return expert_col_visible;
    return severity > expert_get_highest_severity();
}

/* Tree items and expert messages cost more than the check itself; like any
 * dissector, make them only for a tree someone looks at, a filter or field
 * that names ucdiag or expert info (_ws.expert.message: from 4.4, tshark
 * -T fields no longer makes the tree visible), or an expert-info listener
 * (tshark -z expert). */
static gboolean experts_settled;

/* The expert tap and fields may be registered after our handoff, but all
 * are by the first packet. */
static void
settle_experts(void)
{
    expert_tap = find_tap_id("expert");
    expert_ids[0] = proto_get_id_by_filter_name("_ws.expert");
    expert_ids[1] = proto_registrar_get_id_byname("_ws.expert.message");
    expert_ids[2] = proto_registrar_get_id_byname("_ws.expert.severity");
    expert_ids[3] = proto_registrar_get_id_byname("_ws.expert.group");
    experts_settled = TRUE;
}

/* Does a filter or field name ucdiag or expert info? Out of line: the
 * post-dissector's packets mostly come without a tree. */
static UCD_NOINLINE gboolean
tree_names_findings(proto_tree *tree)
{
    unsigned i;

    if (proto_field_is_referenced(tree, proto_ucdiag))
        return TRUE;
    for (i = 0; i < G_N_ELEMENTS(expert_ids); i++)
        if (expert_ids[i] > 0 && proto_field_is_referenced(tree, expert_ids[i]))
            return TRUE;
    return FALSE;
}

gboolean
ucdiag_findings_wanted(proto_tree *tree)
{
    if (G_UNLIKELY(!experts_settled))
        settle_experts();
    /* No tree: no filter or field can name anything; only a listener can. */
    if (tree && tree_names_findings(tree))
        return TRUE;
    return expert_tap > 0 && have_tap_listener(expert_tap);
}

/* The severity an Expert column shows (0 for none or no column). */
static guint32
expert_col_severity(packet_info *pinfo)
{
    const char *text = pinfo->cinfo && expert_col_any ? col_get_text(pinfo->cinfo, COL_EXPERT) : NULL;

    return text && *text ? str_to_val(text, expert_severity_vals, 0) : 0;
}

void
ucdiag_begin_packet(packet_info *pinfo)
{
    cur_tree = NULL;
    cur_summarised = FALSE;
    /* Without columns (tshark -q, -T fields, a first pass) no call. */
    expert_col_before = pinfo->cinfo ? expert_col_severity(pinfo) : 0;
}

proto_tree *
ucdiag_add_tree(tvbuff_t *tvb, proto_tree *tree)
{
    proto_item *top;

    if (cur_tree)
        return cur_tree;
    top = proto_tree_add_item(tree, proto_ucdiag, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(top);
    cur_tree = proto_item_add_subtree(top, ett_ucdiag);
    return cur_tree;
}

void
ucdiag_info_str(packet_info *pinfo, gboolean in_tree, const expert_field *ei, const char *text)
{
    const char *at;
    size_t n;

    /* Most packets with a finding are read by no one: tshark -T fields
     * without columns, Wireshark's first pass. No text for them. */
    if (!pinfo->cinfo && !in_tree)
        return;
    /* Each finding's own words, even those Info shows once for two. */
    if (ucdiag_findings_open)
        ucdiag_findings_words(pinfo, ei, text);
    if (info_frame != pinfo->num) {
        g_string_truncate(info_words, 0);
        info_in_field = 0;
        info_frame = pinfo->num;
    }
    /* Said once per packet, however many experts share the words. */
    n = strlen(text);
    for (at = strstr(info_words->str, text); at; at = strstr(at + 1, text))
        if ((at == info_words->str || at[-1] == ' ') && (at[n] == '\0' || at[n] == ';'))
            return;
    if (info_words->len)
        g_string_append(info_words, "; ");
    g_string_append_len(info_words, text, (gssize)n);
}

void
ucdiag_info(packet_info *pinfo, gboolean in_tree, const expert_field *ei, const char *fmt, ...)
{
    va_list ap;
    char text[ITEM_LABEL_LENGTH];

    if (!pinfo->cinfo && !in_tree)
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ucdiag_info_str(pinfo, in_tree, ei, text);
}

/* The words not yet in a field, as field hf under tree. */
static void
info_to_field(proto_tree *tree, int hf)
{
    proto_item *ti;

    if (tree && info_words->len > info_in_field) {
        ti = proto_tree_add_string(tree, hf, NULL, 0, 0,
                                   info_words->str + info_in_field + (info_in_field ? 2 : 0));
        proto_item_set_generated(ti);
    }
    info_in_field = info_words->len;
}

void
ucdiag_info_field(packet_info *pinfo, proto_tree *tree, int hf)
{
    if (!info_words->len || info_frame != pinfo->num)
        return;
    /* Without the post-dissector, no one else writes the column. */
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_shared))) {
        ucdiag_info_flush(pinfo, tree, hf);
        return;
    }
    info_to_field(tree, hf);
}

/* "[UC: words]" and the space before any Info after it, made here to give
 * the column one string: its formatting of "%s" costs a third less than of
 * the prefix around two arguments. 256: longer words (never seen) are left
 * to the column's formatting. */
static char info_line[256];

void
ucdiag_info_flush(packet_info *pinfo, proto_tree *tree, int hf)
{
    const char *info;
    gsize n = info_words->len, at;

    if (!n || info_frame != pinfo->num)
        return;
    /* First, as TCP's analysis puts its verdict: a long Info line would push
     * words at its end out of a window. The fence keeps them should a
     * dissector after msuc's (inside DHCP) set Info anew; before a fence an
     * outer dissector set, they are still first. */
    info = col_get_text(pinfo->cinfo, COL_INFO);
    if (n + sizeof "[UC: ] " <= sizeof info_line) {
        memcpy(info_line, "[UC: ", 5);
        memcpy(info_line + 5, info_words->str, n);
        at = 5 + n;
        info_line[at++] = ']';
        if (info && *info)
            info_line[at++] = ' ';
        info_line[at] = '\0';
        col_prepend_fence_fstr(pinfo->cinfo, COL_INFO, "%s", info_line);
    } else {
        col_prepend_fence_fstr(pinfo->cinfo, COL_INFO, "[UC: %s]%s", info_words->str, info && *info ? " " : "");
    }
    info_to_field(tree, hf);
    g_string_truncate(info_words, 0);
    info_in_field = 0;
}

void
ucdiag_finish_packet(packet_info *pinfo)
{
    if (info_words->len)
        ucdiag_info_flush(pinfo, cur_tree, hf_ucdiag_finding);
    if (expert_col_before && expert_col_severity(pinfo) < expert_col_before)
        col_add_str(pinfo->cinfo, COL_EXPERT, val_to_str_const(expert_col_before, expert_severity_vals, ""));
}

proto_item *
ucdiag_summary_item(const char **sep)
{
    proto_item *top = cur_tree ? proto_tree_get_parent(cur_tree) : NULL;

    /* Labels are only read in a tree someone looks at. */
    if (!top || !PTREE_DATA(top) || !PTREE_DATA(top)->visible)
        return NULL;
    /* The first concern to speak gets the colon, a second a semicolon. */
    *sep = cur_summarised ? "; " : ": ";
    cur_summarised = TRUE;
    return top;
}

char *
ucdiag_limit_text(wmem_allocator_t *pool, const state_cap_t *cap, const char *what, const char *pref)
{
    return wmem_strdup_printf(pool, "Tracking limit of %u %s reached; later %s are not followed (preference %s)",
                              cap->limit, what, what, pref);
}

void
ucdiag_limit_note(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const state_cap_t *cap, const char *what,
                  const char *pref)
{
    gboolean full;
    proto_item *top = NULL;

    if (!state_cap_reached_at(cap, pinfo->num))
        return;
    full = ucdiag_findings_wanted(tree);
    if (full && tree)
        top = proto_tree_get_parent(ucdiag_add_tree(tvb, tree));
    if (ucdiag_findings_open)
        ucdiag_subject_begin(pinfo->num, "capture");
    UCDIAG_FINDING(full, pinfo, top, &ei_ucdiag_tracking_limit, "%s", ucdiag_limit_text(pinfo->pool, cap, what, pref));
}

void
ucdiag_table_limit_row(stat_tap_table *table, const stat_tap_table_item *fields, guint ncols, const state_cap_t *cap,
                       const char *what, const char *pref)
{
    gboolean added;
    guint row = ucdiag_table_row_of(table, cap, fields, ncols, &added);
    guint col;

    if (!added)
        return;
    /* Empty cells, not "(null)": the row is a sentence, not a host. */
    for (col = 1; col < ncols; col++)
        if (fields[col].type == TABLE_ITEM_STRING)
            ucdiag_table_set_string(table, row, col, g_strdup(""));
    ucdiag_table_set_string(table, row, 0, ucdiag_limit_text(NULL, cap, what, pref));
}

void *
ucdiag_grow_file_scoped(void *ctx _U_, void *old, size_t size)
{
    return wmem_realloc(wmem_file_scope(), old, size);
}

void
ucdiag_free_file_scoped(void *ctx _U_, void *p)
{
    wmem_free(wmem_file_scope(), p);
}

/* An interned byte string: the key is where the bytes are, so a lookup
 * points at the caller's bytes and copies nothing. */
typedef struct {
    gsize len;
    const guint8 *bytes;
} interned_t;

static wmem_map_t *interned;

/* The last value interned of each length modulo 8: a site tells each of its
 * thousands of phones the same URL, host and registrar, which then cost a
 * compare instead of a hash over their bytes. File-scoped like the map. */
#define INTERN_RECENT 8
static const interned_t *intern_recent[INTERN_RECENT];

static guint
interned_hash(gconstpointer k)
{
    const interned_t *v = (const interned_t *)k;
    guint h = 5381;
    gsize i;

    for (i = 0; i < v->len; i++)
        h = h * 33 ^ v->bytes[i];
    return h;
}

static gboolean
interned_equal(gconstpointer a, gconstpointer b)
{
    const interned_t *x = (const interned_t *)a, *y = (const interned_t *)b;

    return x->len == y->len && memcmp(x->bytes, y->bytes, x->len) == 0;
}

const void *
ucdiag_intern_file_scoped(void *ctx _U_, const void *bytes, size_t size)
{
    interned_t probe, *v;
    guint8 *copy;

    const interned_t **recent = &intern_recent[size % INTERN_RECENT];

    if (size == 0)
        return NULL;
    if (*recent && (*recent)->len == size && memcmp((*recent)->bytes, bytes, size) == 0)
        return (*recent)->bytes;
    probe.len = size;
    probe.bytes = (const guint8 *)bytes;
    if ((v = (interned_t *)wmem_map_lookup(interned, &probe)) != NULL) {
        *recent = v;
        return v->bytes;
    }
    /* The record and its bytes in one block; the bytes behind it keep the
     * alignment of the record, for callers that intern a struct. */
    v = (interned_t *)wmem_alloc(wmem_file_scope(), sizeof *v + size);
    copy = (guint8 *)(v + 1);
    memcpy(copy, bytes, size);
    v->len = size;
    v->bytes = copy;
    wmem_map_insert(interned, v, v);
    *recent = v;
    return copy;
}

int64_t
ucdiag_ns_of(const nstime_t *t)
{
    return ucd_ns_from_parts((int64_t)t->secs, (int32_t)t->nsecs);
}

void
ucdiag_note_set(packet_info *pinfo, guint32 key, const char *words)
{
    p_add_proto_data(pinfo->pool, pinfo, proto_shared, key, (void *)words);
}

const char *
ucdiag_note(packet_info *pinfo, guint32 key)
{
    return (const char *)p_get_proto_data(pinfo->pool, pinfo, proto_shared, key);
}

const char *
ucdiag_note_take(packet_info *pinfo, guint32 key)
{
    const char *words = ucdiag_note(pinfo, key);

    if (words)
        p_remove_proto_data(pinfo->pool, pinfo, proto_shared, key);
    return words;
}

char *
ucdiag_ip_str(wmem_allocator_t *pool, guint32 host_order)
{
    guint32 net = g_htonl(host_order);
    address a;

    set_address(&a, AT_IPv4, 4, &net);
    return address_to_str(pool, &a);
}

char *
ucdiag_mac_str(wmem_allocator_t *pool, const guint8 *mac, guint len)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pool, "");
    guint i;

    for (i = 0; i < len; i++)
        wmem_strbuf_append_printf(b, i ? ":%02x" : "%02x", mac[i]);
    return wmem_strbuf_finalize(b);
}

/* (table, flow or transaction) -> the table's own record of that row. Lives
 * as long as the table's rows. */
static GHashTable *table_rows;

typedef struct {
    const stat_tap_table *table;
    const void *key;
} row_key_t;

static guint
row_key_hash(gconstpointer k)
{
    const row_key_t *r = (const row_key_t *)k;
    return g_direct_hash(r->table) ^ g_direct_hash(r->key);
}

static gboolean
row_key_equal(gconstpointer a, gconstpointer b)
{
    const row_key_t *x = (const row_key_t *)a, *y = (const row_key_t *)b;
    return x->table == y->table && x->key == y->key;
}

gpointer
ucdiag_table_row_get(const stat_tap_table *table, const void *key)
{
    row_key_t probe = { table, key };
    return g_hash_table_lookup(table_rows, &probe);
}

void
ucdiag_table_row_put(const stat_tap_table *table, const void *key, gpointer record)
{
    row_key_t *k = g_new(row_key_t, 1);

    k->table = table;
    k->key = key;
    g_hash_table_insert(table_rows, k, record);
}

guint
ucdiag_table_row_of(stat_tap_table *table, const void *key, const stat_tap_table_item *fields, guint ncols,
                    gboolean *added)
{
    guint *rowp = (guint *)ucdiag_table_row_get(table, key);
    stat_tap_table_item_type *items;
    guint c;

    *added = rowp == NULL;
    if (rowp)
        return *rowp;
    rowp = g_new(guint, 1);
    *rowp = table->num_elements;
    ucdiag_table_row_put(table, key, rowp);
    items = g_new0(stat_tap_table_item_type, ncols);
    for (c = 0; c < ncols; c++)
        items[c].type = fields[c].type;
    /* The table keeps a copy of the cells. */
    stat_tap_init_table_row(table, *rowp, ncols, items);
    g_free(items);
    return *rowp;
}

static gboolean
row_of_table(gpointer key, gpointer value _U_, gpointer table)
{
    return ((row_key_t *)key)->table == table;
}

/* A table's count of its flagged rows, and the title that says it; kept
 * among the table's rows under the key &table->title. */
typedef struct {
    const char *name;   /* the title the table was made with */
    guint rows, flagged;
    char title[128];
} table_count_t;

/* The table's own title back, as the count that held its words goes. */
static void
table_forget(stat_tap_table *table)
{
    table_count_t *c = (table_count_t *)ucdiag_table_row_get(table, &table->title);

    if (c)
        table->title = c->name;
    g_hash_table_foreach_remove(table_rows, row_of_table, (gpointer)table);
}

void
ucdiag_table_flag(stat_tap_table *table, gboolean added, gboolean was, gboolean now)
{
    table_count_t *c;

    if (!added && was == now)
        return;
    c = (table_count_t *)ucdiag_table_row_get(table, &table->title);
    if (!c) {
        c = g_new0(table_count_t, 1);
        c->name = table->title;
        ucdiag_table_row_put(table, &table->title, c);
    }
    c->rows += added ? 1 : 0;
    c->flagged = c->flagged + (now ? 1 : 0) - (was && !added ? 1 : 0);
    snprintf(c->title, sizeof c->title, "%s (%u of %u flagged)", c->name, c->flagged, c->rows);
    table->title = c->title;
}

/* A ucdiag table is its ui's only table; its title may have changed with
 * its count, so it is not found by name. */
void
ucdiag_table_init(stat_tap_table_ui *ui, const char *name, guint ncols)
{
    stat_tap_table *table = ui->tables && ui->tables->len ? g_array_index(ui->tables, stat_tap_table *, 0) : NULL;

    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    table = stat_tap_init_table(name, ncols, 0, NULL);
    stat_tap_add_table(ui, table);
}

static void
free_cell(stat_tap_table_item_type *it, guint column, guint keep)
{
    if (it->type == TABLE_ITEM_STRING && column != keep) {
        g_free((char *)it->value.string_value);
        it->value.string_value = NULL;
    }
}

void
ucdiag_table_reset(stat_tap_table *table, guint ncols, guint keep)
{
    guint row, col;

    for (row = 0; row < table->num_elements; row++) {
        for (col = 0; col < ncols; col++)
            free_cell(stat_tap_get_field_data(table, row, col), col, keep);
        /* Each row's cells are an array of their own, which Wireshark makes
         * anew for every row added past num_elements: kept, they would be
         * lost at the next retap. */
        g_free(table->elements[row]);
        table->elements[row] = NULL;
    }
    table->num_elements = 0;
    table_forget(table);
}

void
ucdiag_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field,
                       guint keep)
{
    free_cell(field, column, keep);
    /* Called for every cell of a table being freed: forget its rows once. */
    if (row == 0 && column == 0)
        table_forget(table);
}


void
ucdiag_table_set_string(stat_tap_table *table, guint row, guint col, char *owned)
{
    stat_tap_table_item_type *it = stat_tap_get_field_data(table, row, col);

    g_free((char *)it->value.string_value);
    it->value.string_value = owned;
}

void
ucdiag_table_set_findings(stat_tap_table *table, guint row, guint col, gboolean added, char *owned)
{
    const char *was = stat_tap_get_field_data(table, row, col)->value.string_value;

    ucdiag_table_flag(table, added, was && *was, *owned != '\0');
    ucdiag_table_set_string(table, row, col, owned);
}

/* How many findings of one kind (an expert field) the capture has had, and
 * the frame from which they are no longer worded; file-scoped, one entry per
 * kind of finding. */
typedef struct {
    guint32 count;
    guint32 last_frame;
    guint32 unworded_from;
} finding_count_t;

static wmem_map_t *finding_counts;

gboolean
ucdiag_finding_worded(packet_info *pinfo, expert_field *ei)
{
    finding_count_t *c = (finding_count_t *)wmem_map_lookup(finding_counts, ei);

    if (!PINFO_FD_VISITED(pinfo)) {
        if (!c) {
            c = wmem_new0(wmem_file_scope(), finding_count_t);
            wmem_map_insert(finding_counts, ei, c);
        }
        /* Counted by frame, in frame order, so that every later pass words
         * the same packets as the first. */
        if (c->last_frame != pinfo->num) {
            c->last_frame = pinfo->num;
            if (++c->count > UCDIAG_WORDED_FINDINGS && !c->unworded_from)
                c->unworded_from = pinfo->num;
        }
    }
    return !c || !c->unworded_from || pinfo->num < c->unworded_from || ucdiag_findings_open;
}

static void
shared_init(void)
{
    expert_col_init();
    memset(intern_recent, 0, sizeof intern_recent);
}

void
ucdiag_shared_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_finding,
          { "Finding", "ucdiag.finding", FT_STRING, BASE_NONE, NULL, 0x0,
            "What ucdiag found wrong in this packet, in short (the Info column's [UC: ...])", HFILL } },
    };
    static gint *ett[] = {
        &ett_ucdiag,
    };
    static ei_register_info ei[] = {
        { &ei_ucdiag_tracking_limit,
          { "ucdiag.tracking_limit", PI_SEQUENCE, PI_NOTE,
            "A table of hosts, clients or flows is full: later ones are not followed", EXPFILL } },
    };

    proto_shared = proto;
    proto_ucdiag = proto;
    ucdiag_findings_register();
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    ucdiag_findings_know_experts(ei, array_length(ei));
    info_words = g_string_sized_new(ITEM_LABEL_LENGTH);
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    table_rows = g_hash_table_new_full(row_key_hash, row_key_equal, g_free, g_free);
    finding_counts = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    interned = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), interned_hash, interned_equal);
    register_init_routine(shared_init);
}
