/* packet-ucdiag-dhcp-table.c
 * tshark -z ucdiag,dhcp and Statistics > UC DHCP INFORM Transactions: one
 * row per INFORM transaction, rewritten whole at each of its packets.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "packet-ucdiag-dhcp-int.h"
#include "ucdiag_shared.h"

/* Short forms for the -z table. */
static const value_string path_short_vals[] = {
    { DHCP_PATH_VIA_RELAY,       "via relay" },
    { DHCP_PATH_RELAY_TO_CLIENT, "relay to client" },
    { DHCP_PATH_DIRECT,          "direct to client" },
    { DHCP_PATH_BROADCAST,       "broadcast" },
    { DHCP_PATH_TO_ZERO,         "to 0.0.0.0" },
    { DHCP_PATH_ELSEWHERE,       "elsewhere" },
    { 0, NULL }
};
/* ---- tshark -z ucdiag,dhcp and Statistics > UC DHCP INFORM Transactions ---- */

/* What a user looks for first comes first: the dialog opens narrow. */
enum {
    COL_CLIENT, COL_FINDINGS, COL_ANSWERED, COL_ATTEMPTS, COL_PATH, COL_RELAY, COL_SERVER, COL_VENDOR, COL_MAC,
    COL_XID, COL_FIRST, COL_FILTER, N_COLS
};

static stat_tap_table_item dhcp_table_fields[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Client", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Findings", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "ACK", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "Attempts", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Path", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Relay", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Server", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Vendor class", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "MAC", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Xid", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Filter", "%s" },
};

static tap_param dhcp_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

#define DHCP_TABLE_NAME "UC DHCP INFORM transactions"

static void
dhcp_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, DHCP_TABLE_NAME, N_COLS);
}

static char *
findings_text(const dhcp_txn_t *t)
{
    GString *s = g_string_new(NULL);

#define ADD_FINDING(cond, name) \
    do { if (cond) g_string_append_printf(s, "%s%s", s->len ? ", " : "", name); } while (0)
    ADD_FINDING(t->findings & DHCP_F_BYPASS, "ACK bypasses relay");
    ADD_FINDING(t->findings & (DHCP_F_RETRY_NO_ACK | DHCP_F_RETRY_AFTER_ACK), "retried");
    ADD_FINDING(t->findings & DHCP_F_RETRY_AFTER_ACK, "ACK lost");
    /* The table is written as packets come, before the capture's end is
     * known: a client that retried is evidence enough, a single INFORM is not
     * (it may end the capture). The expert info, with -2, judges the rest. */
    ADD_FINDING(dhcp_txn_last_unanswered(t) && t->attempts > 1, "unanswered");
    ADD_FINDING(t->findings & DHCP_F_LATE, "late ACK");
    ADD_FINDING(t->findings & (DHCP_F_UNDELIVERABLE_NOBCAST | DHCP_F_UNDELIVERABLE_ZERO), "undeliverable");
    ADD_FINDING(t->findings & DHCP_F_PROV_MISSING, "provisioning options missing");
    ADD_FINDING(t->findings & DHCP_F_MULTI_SERVER, "several servers");
#undef ADD_FINDING
    return g_string_free(s, FALSE);
}

/* What became of the server's answer, as far as the capture shows; never at
 * odds with the Findings column ("sent" is all a server-side capture knows). */
static const char *
ack_text(const dhcp_txn_t *t)
{
    if (t->acks == 0)
        return t->attempts > 1 ? "none" : "none seen";
    if (t->findings & DHCP_F_RETRY_AFTER_ACK)
        return "sent, never arrived";
    if (t->findings & (DHCP_F_UNDELIVERABLE_NOBCAST | DHCP_F_UNDELIVERABLE_ZERO))
        return "sent, undeliverable";
    if (dhcp_txn_last_unanswered(t))
        return "not to the last attempt";
    if (t->findings & DHCP_F_BYPASS)
        return "sent, bypassing the relay";
    return "answered";
}

static char *
paths_text(const dhcp_txn_t *t)
{
    GString *s = g_string_new(NULL);
    guint p;

    for (p = DHCP_PATH_VIA_RELAY; p <= DHCP_PATH_ELSEWHERE; p++)
        if (t->paths & (1u << p))
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", val_to_str_const(p, path_short_vals, "?"));
    return g_string_free(s, FALSE);
}

static char *
servers_text(const dhcp_txn_t *t)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < t->n_servers; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", ucdiag_ip_str(NULL, dhcp_txn_server(t, i)));
    return g_string_free(s, FALSE);
}

/* The transaction's packets: its xid and client hardware address, which the
 * relay's copies keep too. Wireshark names a 6-byte address as a MAC. */
static char *
row_filter(const txn_entry_t *e)
{
    char *hw, *f;

    if (!e->key.hlen)
        return g_strdup_printf("dhcp.id==0x%08x && dhcp.hw.len==0", e->key.xid);
    hw = ucdiag_mac_str(NULL, e->key.chaddr, e->key.hlen);
    f = g_strdup_printf("dhcp.id==0x%08x && dhcp.hw.%s==%s", e->key.xid, e->key.hlen == 6 ? "mac_addr" : "addr", hw);
    g_free(hw);
    return f;
}

static tap_packet_status
dhcp_table_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
                  tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const txn_entry_t *e = (const txn_entry_t *)data;
    const dhcp_txn_t *t = data == &ucdiag_dhcp_txns_cap ? NULL : &e->txn;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    gboolean added;
    guint row;

    if (data == &ucdiag_dhcp_txns_cap) {
        ucdiag_table_limit_row(table, dhcp_table_fields, N_COLS, &ucdiag_dhcp_txns_cap, "INFORM transactions",
                               "ucdiag.dhcp_max_transactions");
        return TAP_PACKET_REDRAW;
    }
    row = ucdiag_table_row_of(table, e, dhcp_table_fields, N_COLS, &added);
    if (added) {
        ucdiag_table_set_string(table, row, COL_MAC, ucdiag_mac_str(NULL, e->key.chaddr, e->key.hlen));
        ucdiag_table_set_string(table, row, COL_XID, g_strdup_printf("0x%08x", e->key.xid));
        stat_tap_get_field_data(table, row, COL_FIRST)->value.uint_value = dhcp_txn_first_frame(t);
        ucdiag_table_set_string(table, row, COL_FILTER, row_filter(e));
    }
    /* The transaction is rewritten whole: it is small, and DHCP is rare. */
    ucdiag_table_set_string(table, row, COL_CLIENT, t->ciaddr ? ucdiag_ip_str(NULL, t->ciaddr) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_VENDOR, t->vendor_class_len ?
               ucd_format_text(NULL, t->vendor_class, t->vendor_class_len) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_RELAY, t->relay ? ucdiag_ip_str(NULL, t->relay) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_SERVER, servers_text(t));
    stat_tap_get_field_data(table, row, COL_ATTEMPTS)->value.uint_value = t->attempts;
    ucdiag_table_set_string(table, row, COL_ANSWERED, g_strdup(ack_text(t)));
    ucdiag_table_set_string(table, row, COL_PATH, paths_text(t));
    ucdiag_table_set_findings(table, row, COL_FINDINGS, added, findings_text(t));
    return TAP_PACKET_REDRAW;
}

static void
dhcp_table_reset(stat_tap_table *table)
{
    ucdiag_table_reset(table, N_COLS, G_MAXUINT);
}

static void
dhcp_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    ucdiag_table_free_item(table, row, column, field, G_MAXUINT);
}

void
ucdiag_dhcp_table_register(void)
{
    static stat_tap_table_ui dhcp_table_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC DHCP INFORM Transactions (ucdiag)",
        "ucdiag.dhcp",
        "ucdiag,dhcp",
        dhcp_table_init,
        dhcp_table_packet,
        dhcp_table_reset,
        dhcp_table_free_item,
        NULL,
        G_N_ELEMENTS(dhcp_table_fields), dhcp_table_fields,
        G_N_ELEMENTS(dhcp_table_params), dhcp_table_params,
        NULL,
        0
    };

    register_stat_tap_table_ui(&dhcp_table_ui);
}
