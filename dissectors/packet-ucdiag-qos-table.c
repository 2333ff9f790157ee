/* packet-ucdiag-qos-table.c
 * tshark -z ucdiag,qos and Statistics > UC QoS Flows: one row per flow
 * direction on a plan port, fed by the "ucdiag.qos" tap that
 * ucdiag_qos_dissect (packet-ucdiag-qos.c) queues to. The table reads the
 * flows; it changes nothing of them but the evidence words they keep.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/to_str.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-qos-int.h"
#include "put_text.h"
#include "ucdiag_shared.h"

/* What a user looks for first comes first: the dialog opens narrow. */
enum {
    COL_FLOW, COL_MISMATCHED, COL_PACKETS, COL_EXPECTED, COL_OBSERVED, COL_CARRIES, COL_MODALITY, COL_ROLE,
    COL_VBSS, COL_TRANSPORT, COL_FIRST, COL_LAST, COL_EVIDENCE, COL_FILTER, N_COLS
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
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Filter", "%s" },
};

static tap_param qos_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

static const value_string transport_vals[] = {
    { QOS_UDP, "UDP" },
    { QOS_TCP, "TCP" },
    { 0, NULL }
};

/* A table's own counts per flow: a display filter on the tap may leave out
 * packets, so the flow's dissection-time totals cannot be shown as they are. */
typedef struct {
    guint row;
    /* The row's cells: Wireshark gives each row an array of its own, which
     * stays where it is as rows are added, until the table is reset. */
    stat_tap_table_item_type *cells;
    qos_flow_t counts;
    char observed[160]; /* the Observed cell points here: rewritten, never reallocated */
    qos_observed_shown_t observed_shown;
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
    words = qos_flow_evidence_words(e);
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
    const char *says = qos_stream_contradicts(pool, e, r);

    return says ? g_strdup_printf("%s (plan); %s", qos_modality_name(r), says) : g_strdup(qos_modality_name(r));
}

static void
qos_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, "UC QoS flows", N_COLS);
}

/* The flow direction as "a:p -> b:q" (label) or as the display filter that
 * shows the packets its row counts: those the QoS concern has a flow for,
 * which all carry ucdiag.qos.evidence (in media-only mode, a stream's first
 * packet may come before it is known as media). */
static char *
flow_text(const qos_flow_key_t *k, gboolean filter)
{
    char s[WS_INET6_ADDRSTRLEN], d[WS_INET6_ADDRSTRLEN], out[256];
    const char *ip = k->af == 4 ? "ip" : "ipv6", *l4 = k->transport == QOS_TCP ? "tcp" : "udp";
    gboolean v6 = k->af != 4, ok;
    address as, ad;
    size_t w = 0;

    set_address(&as, k->af == 4 ? AT_IPv4 : AT_IPv6, k->af == 4 ? 4 : 16, k->src);
    set_address(&ad, k->af == 4 ? AT_IPv4 : AT_IPv6, k->af == 4 ? 4 : 16, k->dst);
    address_to_str_buf(&as, s, sizeof s);
    address_to_str_buf(&ad, d, sizeof d);
    /* Written piece by piece: a row is made for every flow direction, and
     * printf's two calls were most of its cost. */
    if (filter)
        ok = put_str(out, sizeof out, &w, "ucdiag.qos.evidence && ") && put_str(out, sizeof out, &w, ip) &&
             put_str(out, sizeof out, &w, ".src==") && put_str(out, sizeof out, &w, s) &&
             put_str(out, sizeof out, &w, " && ") && put_str(out, sizeof out, &w, l4) &&
             put_str(out, sizeof out, &w, ".srcport==") && put_uint(out, sizeof out, &w, k->sport) &&
             put_str(out, sizeof out, &w, " && ") && put_str(out, sizeof out, &w, ip) &&
             put_str(out, sizeof out, &w, ".dst==") && put_str(out, sizeof out, &w, d) &&
             put_str(out, sizeof out, &w, " && ") && put_str(out, sizeof out, &w, l4) &&
             put_str(out, sizeof out, &w, ".dstport==") && put_uint(out, sizeof out, &w, k->dport);
    else
        ok = put_str(out, sizeof out, &w, v6 ? "[" : "") && put_str(out, sizeof out, &w, s) &&
             put_str(out, sizeof out, &w, v6 ? "]:" : ":") && put_uint(out, sizeof out, &w, k->sport) &&
             put_str(out, sizeof out, &w, v6 ? " -> [" : " -> ") && put_str(out, sizeof out, &w, d) &&
             put_str(out, sizeof out, &w, v6 ? "]:" : ":") && put_uint(out, sizeof out, &w, k->dport);
    out[ok ? w : 0] = '\0'; /* 256 holds the longest (two IPv6 addresses) */
    return g_strdup(out);
}

/* Counts the times the table's rows were dropped (a reset, or the table
 * freed): a record a flow direction keeps of its row (flow_entry_t's
 * table_row) holds for the generation it was kept in only. */
static unsigned rows_gen = 1;

/* The table's record of a flow direction, NULL where it has no row yet:
 * the one the direction keeps when it is still good, else looked up. */
static table_row_t *
row_of(stat_tap_table *table, flow_entry_t *e)
{
    table_row_t *row;

    if (e->table_of == table && e->table_gen == rows_gen)
        return (table_row_t *)e->table_row;
    row = (table_row_t *)ucdiag_table_row_get(table, e);
    if (row) {
        e->table_row = row;
        e->table_of = table;
        e->table_gen = rows_gen;
    }
    return row;
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

/* The row of a flow direction seen for the first time. The cells that do
 * not change with its packets are written here; the others start empty.
 * Out of line: once per row, where the caller runs once per packet. */
static UCD_NOINLINE table_row_t *
add_row(stat_tap_table *table, packet_info *pinfo, const qos_tap_info_t *info)
{
    stat_tap_table_item_type items[N_COLS];
    char expected[24];
    table_row_t *row;

    memset(items, 0, sizeof items);
    items[COL_FLOW].type = TABLE_ITEM_STRING;
    items[COL_FLOW].value.string_value = flow_text(&info->entry->key, FALSE);
    items[COL_FILTER].type = TABLE_ITEM_STRING;
    items[COL_FILTER].value.string_value = flow_text(&info->entry->key, TRUE);
    items[COL_TRANSPORT].type = TABLE_ITEM_STRING;
    items[COL_CARRIES].type = TABLE_ITEM_STRING;
    items[COL_CARRIES].value.string_value = g_strdup(qos_media_only ? "" : "(ports only)");
    items[COL_TRANSPORT].value.string_value = g_strdup(val_to_str_const(info->entry->key.transport,
                                                                        transport_vals, "?"));
    items[COL_MODALITY].type = TABLE_ITEM_STRING;
    items[COL_MODALITY].value.string_value = modality_cell(pinfo->pool, info->entry, info->match->range);
    items[COL_EVIDENCE].type = TABLE_ITEM_STRING;
    items[COL_EVIDENCE].value.string_value = g_strdup("");
    items[COL_ROLE].type = TABLE_ITEM_STRING;
    items[COL_ROLE].value.string_value = g_strdup(val_to_str_const(info->match->range->role, qos_role_vals, "?"));
    items[COL_EXPECTED].type = TABLE_ITEM_STRING;
    qos_expected_words(info->match, expected, sizeof expected);
    items[COL_EXPECTED].value.string_value = g_strdup(expected);
    row = g_new0(table_row_t, 1);
    row->pt_shown = info->entry->rtp_pt;
    items[COL_OBSERVED].type = TABLE_ITEM_STRING;
    items[COL_OBSERVED].value.string_value = row->observed;
    items[COL_PACKETS].type = items[COL_MISMATCHED].type = TABLE_ITEM_UINT;
    items[COL_FIRST].type = items[COL_LAST].type = TABLE_ITEM_UINT;
    items[COL_VBSS].type = TABLE_ITEM_STRING;
    items[COL_VBSS].value.string_value = g_strdup(info->match->vbss != QOS_VBSS_NONE ? "yes" : "");
    row->row = table->num_elements;
    qos_flow_init(&row->counts);
    stat_tap_init_table_row(table, row->row, N_COLS, items);
    row->cells = stat_tap_get_field_data(table, row->row, 0);
    ucdiag_table_row_put(table, info->entry, row);
    return row;
}

static tap_packet_status
qos_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                 tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const qos_tap_info_t *info = (const qos_tap_info_t *)data;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    table_row_t *row;
    gboolean added, was;

    if (data == &ucdiag_qos_flows_cap) {
        ucdiag_table_limit_row(table, qos_table_fields, N_COLS, &ucdiag_qos_flows_cap, "flow directions",
                               "ucdiag.qos_max_flows");
        return TAP_PACKET_REDRAW;
    }
    row = row_of(table, info->entry);
    added = row == NULL;
    if (added) {
        row = add_row(table, pinfo, info);
        info->entry->table_row = row;
        info->entry->table_of = table;
        info->entry->table_gen = rows_gen;
    }
    was = row->counts.mismatched > 0;
    /* The table counts packets and their DSCP values; re-marks are reported
     * in the tree only. A flow is flagged by its mismatched packets. */
    qos_flow_add(&row->counts, pinfo->num, info->dscp, info->judged && info->mismatched, false);
    if (added || was != (row->counts.mismatched > 0))
        ucdiag_table_flag(table, added, was, row->counts.mismatched > 0);
    qos_flow_observed_update(&row->counts, row->observed, sizeof row->observed, &row->observed_shown);
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
    /* This packet's STUN may have settled the other direction after that
     * direction's own last packet: its row is brought up to date too. */
    if (info->entry->reverse) {
        table_row_t *back = row_of(table, info->entry->reverse);
        if (back)
            refresh_evidence(table, info->entry->reverse, back);
    }
    if (info->entry->rtp_pt != row->pt_shown) {
        ucdiag_table_set_string(table, row->row, COL_MODALITY,
                                modality_cell(pinfo->pool, info->entry, info->match->range));
        row->pt_shown = info->entry->rtp_pt;
    }
    row->cells[COL_PACKETS].value.uint_value = row->counts.packets;
    row->cells[COL_MISMATCHED].value.uint_value = row->counts.mismatched;
    row->cells[COL_FIRST].value.uint_value = row->counts.first_frame;
    row->cells[COL_LAST].value.uint_value = row->counts.last_frame;
    return TAP_PACKET_REDRAW;
}

/* The Observed cell points into the row's record, freed with the record. */
static void
qos_table_reset(stat_tap_table *table)
{
    rows_gen++;
    ucdiag_table_reset(table, N_COLS, COL_OBSERVED);
}

static void
qos_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    rows_gen++;
    ucdiag_table_free_item(table, row, column, field, COL_OBSERVED);
}

void
qos_table_register(void)
{
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

    register_stat_tap_table_ui(&qos_table_ui);
}
