/* packet-ucdiag-relay-table.c
 * `tshark -z ucdiag,relays` and Statistics > UC Media Relays: one row per
 * client and relay, with the transports tried, how it ended and the
 * frames. The tap "ucdiag.relay" hands it the client of each packet with
 * a relay message; every row of that client is written again from
 * relay_row, since an answer may be credited to another relay than the
 * one it came from.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "packet-ucdiag-relay-int.h"
#include "ucdiag_shared.h"

/* A row's key is the client's record plus the relay's index: pointers into
 * the record, distinct for every relay it can hold. */
_Static_assert(sizeof(relay_entry_t) > RELAY_MAX_RELAYS, "a row key per relay inside the client's record");

enum {
    COL_CLIENT, COL_RELAY, COL_OUTCOME, COL_FINDINGS, COL_TRIED, COL_ANSWERED, COL_UDP, COL_TCP, COL_FIRST,
    COL_LAST, COL_FILTER, N_COLS
};

static stat_tap_table_item relay_table_fields[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Client", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Relay", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Outcome", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Findings", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Tried", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Answered over", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Allocates UDP", "%u" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Allocates TCP", "%u" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Last frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Filter", "%s" },
};

static tap_param relay_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

static void
relay_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, "UC media relays", N_COLS);
}

/* The verdicts raised, in their order, comma-separated; errors with the
 * codes judged, which the outcome leaves out once an Allocate succeeded. */
static char *
findings_text(const relay_peer_t *peer)
{
    GString *s = g_string_new(NULL);
    unsigned v, i;

    for (v = RELAY_V_NONE + 1; v < RELAY_V_COUNT; v++) {
        if (!(peer->verdicts & (1u << v)))
            continue;
        g_string_append_printf(s, "%s%s", s->len ? ", " : "", relay_verdict_name((relay_verdict_t)v));
        for (i = 0; v == RELAY_V_ERROR && i < peer->n_codes; i++)
            g_string_append_printf(s, "%s%u", i ? "/" : " ", peer->codes[i]);
    }
    return g_string_free(s, FALSE);
}

static char *
outcome_text(const relay_row_t *r)
{
    char text[96];

    relay_outcome_text(r, text, sizeof text);
    if (r->late_answer)
        return g_strdup_printf("%s; UDP answered late (frame %u)", text, r->late_answer);
    return g_strdup(text);
}

/* The client's messages with this relay, by the addresses ucdiag gives
 * them. */
static char *
row_filter(const relay_row_t *r)
{
    const char *v6 = r->client.af == 6 ? "_ipv6" : "";
    char *client = relay_addr_str(NULL, r->client.af, r->client.addr);
    char *relay = relay_addr_str(NULL, r->client.af, r->relay);
    char *f = g_strdup_printf("ucdiag.relay.client%s==%s && ucdiag.relay.relay%s==%s", v6, client, v6, relay);

    g_free(client);
    g_free(relay);
    return f;
}

static void
write_row(stat_tap_table *table, const void *key, const relay_row_t *r, const relay_peer_t *peer)
{
    gboolean added;
    guint row = ucdiag_table_row_of(table, key, relay_table_fields, N_COLS, &added);

    if (added) {
        ucdiag_table_set_string(table, row, COL_CLIENT, relay_addr_str(NULL, r->client.af, r->client.addr));
        ucdiag_table_set_string(table, row, COL_RELAY, relay_addr_str(NULL, r->client.af, r->relay));
        ucdiag_table_set_string(table, row, COL_FILTER, row_filter(r));
    }
    ucdiag_table_set_string(table, row, COL_OUTCOME, outcome_text(r));
    ucdiag_table_set_findings(table, row, COL_FINDINGS, added, findings_text(peer));
    ucdiag_table_set_string(table, row, COL_TRIED, g_strdup(relay_transports_name(r->tried)));
    ucdiag_table_set_string(table, row, COL_ANSWERED, g_strdup(relay_transports_name(r->answered)));
    stat_tap_get_field_data(table, row, COL_UDP)->value.uint_value = r->requests[0];
    stat_tap_get_field_data(table, row, COL_TCP)->value.uint_value = r->requests[1];
    stat_tap_get_field_data(table, row, COL_FIRST)->value.uint_value = r->first_frame;
    stat_tap_get_field_data(table, row, COL_LAST)->value.uint_value = r->last_frame;
}

static tap_packet_status
relay_table_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
                   tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    const relay_entry_t *e = (const relay_entry_t *)data;
    relay_row_t r;
    unsigned i;

    if (data == &ucdiag_relay_clients_cap) {
        ucdiag_table_limit_row(table, relay_table_fields, N_COLS, &ucdiag_relay_clients_cap, "relay clients",
                               "ucdiag.relay_max_clients");
        return TAP_PACKET_REDRAW;
    }
    for (i = 0; relay_row(&e->c, i, &r); i++)
        write_row(table, (const char *)e + i, &r, &e->c.relays[i]);
    return TAP_PACKET_REDRAW;
}

static void
relay_table_reset(stat_tap_table *table)
{
    ucdiag_table_reset(table, N_COLS, G_MAXUINT);
}

static void
relay_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    ucdiag_table_free_item(table, row, column, field, G_MAXUINT);
}

void
relay_table_register(void)
{
    static stat_tap_table_ui relay_table_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC Media Relays (ucdiag)",
        "ucdiag.relay",
        "ucdiag,relays",
        relay_table_init,
        relay_table_packet,
        relay_table_reset,
        relay_table_free_item,
        NULL,
        G_N_ELEMENTS(relay_table_fields), relay_table_fields,
        G_N_ELEMENTS(relay_table_params), relay_table_params,
        NULL,
        0
    };

    register_stat_tap_table_ui(&relay_table_ui);
}
