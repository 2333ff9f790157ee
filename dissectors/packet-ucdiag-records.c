/* packet-ucdiag-records.c
 * tshark -z ucdiag,records[,filter]: the rows of the INFORM, bootstrap, QoS
 * and media relay tables as JSON lines, after the capture. Each row is the
 * one `-z ucdiag,dhcp`, `ucdiag,bootstrap`, `ucdiag,qos` and
 * `ucdiag,relays` print, made by the same code: each table's own callbacks
 * fill a private copy of it, so a text table asked for in the same run
 * counts each packet once. A column's title is its key (in snake_case), a
 * number column is a JSON number, a text column a string; the row that
 * says a tracking limit was reached is a line of its own.
 *
 * It sits beside the dispatcher and finds the tables by their -z names.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "json_text.h"
#include "packet-ucdiag-records.h"
#include "ucdiag_findings.h"

#define RECORDS_SCHEMA 1

/* The tables, in the order their lines come: the -z name, and the name the
 * records give it. */
static const struct {
    const char *cli;
    const char *table;
} tables[] = {
    { "ucdiag,dhcp",      "dhcp" },
    { "ucdiag,bootstrap", "bootstrap" },
    { "ucdiag,qos",       "qos" },
    { "ucdiag,relays",    "relays" },
};
#define N_TABLES G_N_ELEMENTS(tables)

/* One table's copy. Its tap data is `data`, which the table's packet
 * callback expects; being first, it also leads back to the copy, and its
 * user_data to the whole. */
typedef struct {
    stat_data_t data;
    stat_tap_table_ui ui;   /* a copy of the table's, with tables of its own */
    gboolean listening;
} copy_t;

typedef struct {
    copy_t copies[N_TABLES];
    char *file;
    gboolean written;
    guint listening;        /* copies still listening: the last one frees it all */
} records_tap_t;

/* A limit's row, as ucdiag_table_limit_row writes it: the sentence in the
 * first column, the rest empty. */
static gboolean
is_limit_row(const stat_tap_table_item_type *first)
{
    return first->type == TABLE_ITEM_STRING && first->value.string_value &&
           g_str_has_prefix(first->value.string_value, "Tracking limit of ");
}

static void
put_cell(GString *line, const stat_tap_table_item_type *cell)
{
    switch (cell->type) {
    case TABLE_ITEM_UINT:
        g_string_append_printf(line, "%u", cell->value.uint_value);
        break;
    case TABLE_ITEM_INT:
        g_string_append_printf(line, "%d", cell->value.int_value);
        break;
    case TABLE_ITEM_ENUM:
        g_string_append_printf(line, "%d", cell->value.enum_value);
        break;
    case TABLE_ITEM_FLOAT:
        /* JSON has no infinity or NaN. */
        if (isfinite(cell->value.float_value))
            g_string_append_printf(line, "%.17g", cell->value.float_value);
        else
            g_string_append(line, "null");
        break;
    case TABLE_ITEM_STRING:
        ucdiag_json_string(line, cell->value.string_value);
        break;
    default:
        g_string_append(line, "null");
        break;
    }
}

static void
write_table(FILE *out, GString *line, const records_tap_t *t, const copy_t *c, const char *name)
{
    const stat_tap_table_ui *ui = &c->ui;
    guint i, row, col;
    char key[64];

    for (i = 0; ui->tables && i < ui->tables->len; i++) {
        const stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, i);
        for (row = 0; row < table->num_elements; row++) {
            const stat_tap_table_item_type *first = stat_tap_get_field_data(table, row, 0);
            g_string_printf(line, "{\"schema\":%d,\"file\":", RECORDS_SCHEMA);
            ucdiag_json_string(line, t->file);
            g_string_append(line, ",\"table\":");
            ucdiag_json_string(line, name);
            if (is_limit_row(first)) {
                g_string_append(line, ",\"tracking_limit\":");
                ucdiag_json_string(line, first->value.string_value);
            } else {
                for (col = 0; col < ui->nfields && col < table->num_fields; col++) {
                    json_key_of_title(ui->fields[col].column_name, key, sizeof key);
                    g_string_append_c(line, ',');
                    ucdiag_json_string(line, key);
                    g_string_append_c(line, ':');
                    put_cell(line, stat_tap_get_field_data(table, row, col));
                }
            }
            g_string_append(line, "}\n");
            fputs(line->str, out);
        }
    }
}

static void
records_draw(void *tapdata)
{
    records_tap_t *t = (records_tap_t *)((copy_t *)tapdata)->data.user_data;
    GString *line;
    guint i;

    if (t->written)
        return;
    t->written = TRUE;
    line = g_string_sized_new(512);
    for (i = 0; i < N_TABLES; i++)
        if (t->copies[i].listening)
            write_table(stdout, line, t, &t->copies[i], tables[i].table);
    g_string_free(line, TRUE);
    fflush(stdout);
}

/* A new capture: each copy's tables emptied by the table's own reset, and
 * the lines to be written anew. */
static void
records_reset(void *tapdata)
{
    copy_t *c = (copy_t *)tapdata;
    guint i;

    for (i = 0; c->ui.tables && i < c->ui.tables->len; i++)
        if (c->ui.stat_tap_reset_table_cb)
            c->ui.stat_tap_reset_table_cb(g_array_index(c->ui.tables, stat_tap_table *, i));
    ((records_tap_t *)c->data.user_data)->written = FALSE;
}

static void
records_finish(void *tapdata)
{
    copy_t *c = (copy_t *)tapdata;
    records_tap_t *t = (records_tap_t *)c->data.user_data;

    /* The cells and tables; the array that held them is Wireshark's to keep
     * or free, as it does for its own tables. */
    if (c->ui.tables)
        free_stat_tables(&c->ui);
    c->listening = FALSE;
    if (--t->listening == 0) {
        g_free(t->file);
        g_free(t);
    }
}

/* One table's copy, listening to its tap with the table's own packet
 * callback; the first one also draws every table. FALSE: tshark is told
 * why (a filter that does not compile). */
static gboolean
listen_to(records_tap_t *t, guint i, const char *filter)
{
    stat_tap_table_ui *ui = stat_tap_by_name(tables[i].cli);
    copy_t *c = &t->copies[i];
    GString *error;

    if (!ui)
        return TRUE;
    c->ui = *ui;
    c->ui.tables = NULL;
    c->ui.refcount = 0;
    c->data.stat_tap_data = &c->ui;
    c->data.user_data = t;
    c->ui.stat_tap_init_cb(&c->ui);
    error = register_tap_listener(ui->tap_name, &c->data, filter, 0, records_reset, ui->packet_func,
                                  i == 0 ? records_draw : NULL, records_finish);
    if (error) {
        fprintf(stderr, "tshark: -z ucdiag,records: %s\n", error->str);
        g_string_free(error, TRUE);
        return FALSE;
    }
    c->listening = TRUE;
    t->listening++;
    return TRUE;
}

static ucd_stat_init_ret_t
records_init(const char *opt_arg, void *userdata _U_)
{
    records_tap_t *t;
    const char *filter = NULL;
    guint i;

    if (g_str_has_prefix(opt_arg, "ucdiag,records,"))
        filter = opt_arg + strlen("ucdiag,records,");
    else if (strcmp(opt_arg, "ucdiag,records") != 0) {
        fprintf(stderr, "tshark: -z ucdiag,records[,filter], not \"%s\"\n", opt_arg);
        UCD_STAT_INIT_DONE(FALSE);
    }
    t = g_new0(records_tap_t, 1);
    t->file = ucdiag_capture_file_name();
    for (i = 0; i < N_TABLES; i++)
        if (!listen_to(t, i, filter))
            UCD_STAT_INIT_DONE(FALSE);
    UCD_STAT_INIT_DONE(TRUE);
}

void
ucdiag_records_tap_register(void)
{
    static stat_tap_ui records_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC tables as JSON lines (ucdiag)",
        "ucdiag,records",
        records_init,
        0,
        NULL
    };

    register_stat_tap_ui(&records_ui, NULL);
}
