/* packet-ucdiag-boot-table.c
 * `tshark -z ucdiag,bootstrap` and Statistics > UC Phone Bootstrap: a row
 * per phone, with how far its bootstrap got and where it stopped. The tap
 * "ucdiag.boot" hands it the phone of each packet with an event.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "boot_logic.h"
#include "packet-ucdiag-boot-int.h"
#include "ucdiag_shared.h"

enum {
    COL_PHONE, COL_MAC, COL_IDENTIFIED, COL_URL, COL_FURTHEST, COL_STOPPED, COL_FINDINGS, COL_STEPS, COL_FIRST,
    COL_FILTER, N_COLS
};

static stat_tap_table_item boot_table_fields[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Phone", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "MAC", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Identified by", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Provisioning URL", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Furthest step", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Stopped at", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Findings", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Steps (frame)", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Filter", "%s" },
};

static tap_param boot_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

static void
boot_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, "UC phone bootstrap", N_COLS);
}

/* The phone sent an INFORM and got no further: no ACK came. The finding is
 * the DHCP concern's (ucdiag.dhcp.inform_unanswered), so no bit of ours. */
static gboolean
inform_unanswered(const boot_phone_t *ph)
{
    return !ph->stop_step && ph->state[BOOT_STEP_INFORM] == BOOT_ST_STARTED && boot_furthest(ph) < BOOT_STEP_DNS;
}

/* The phone's findings, comma-separated, in the order of their bits; the
 * unanswered INFORM that "Stopped at" names among them. */
static char *
findings_text(const boot_phone_t *ph)
{
    GString *s = g_string_new(inform_unanswered(ph) ? "INFORM unanswered" : NULL);
    guint f;

    for (f = 1; f <= BOOT_F_URL_BROKEN; f <<= 1)
        if (ph->findings & f)
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", val_to_str_const(f, ucdiag_boot_finding_vals, "?"));
    return g_string_free(s, FALSE);
}

/* Where the phone's bootstrap stops, as far as this capture tells. */
static char *
stopped_text(const boot_phone_t *ph)
{
    boot_step_t far = boot_furthest(ph);

    if (ph->stop_step)
        return g_strdup_printf("%u %s (frame %u)", ph->stop_step,
                               val_to_str_const(ph->stop_step, ucdiag_boot_step_short_vals, "?"), ph->stop_frame);
    if (inform_unanswered(ph))
        return g_strdup_printf("3 INFORM: no ACK (frame %u)", ph->step_frame[BOOT_STEP_INFORM]);
    if (far == BOOT_STEP_SIP)
        return g_strdup("-");
    return g_strdup_printf("capture ends after step %u", far);
}

/* The phone's events: each names the phone by its MAC where known, which
 * outlasts a change of address; else by its address. */
static char *
row_filter(const boot_phone_t *ph)
{
    char *id = ph->has_mac ? ucdiag_mac_str(NULL, ph->mac, 6) : ucdiag_ip_str(NULL, ph->ip);
    char *f = g_strdup_printf("ucdiag.boot.phone%s==%s", ph->has_mac ? "_mac" : "", id);

    g_free(id);
    return f;
}

static tap_packet_status
boot_table_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
                  tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const boot_phone_t *ph = (const boot_phone_t *)data;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    gboolean added = FALSE;
    guint row = data == &ucdiag_boot_phones_cap ? 0 : ucdiag_table_row_of(table, ph, boot_table_fields, N_COLS, &added);
    boot_step_t far;
    char steps[512];

    if (data == &ucdiag_boot_phones_cap) {
        ucdiag_table_limit_row(table, boot_table_fields, N_COLS, &ucdiag_boot_phones_cap, "phones",
                               "ucdiag.boot_max_phones");
        return TAP_PACKET_REDRAW;
    }
    if (added)
        stat_tap_get_field_data(table, row, COL_FIRST)->value.uint_value = ph->first_frame;
    /* The whole row is written again on each of the phone's events; that is
     * cheap, as a phone has a few dozen events at most. */
    far = boot_furthest(ph);
    ucdiag_table_set_string(table, row, COL_PHONE, ph->ip ? ucdiag_ip_str(NULL, ph->ip) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_MAC, ph->has_mac ? ucdiag_mac_str(NULL, ph->mac, 6) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_IDENTIFIED,
                            g_strdup(val_to_str_const(ph->identified_by, ucdiag_boot_identified_vals, "?")));
    ucdiag_table_set_string(table, row, COL_URL, g_strdup(ph->url ? ph->url->url : ""));
    ucdiag_table_set_string(table, row, COL_FURTHEST, far ? g_strdup_printf("%u %s", far,
                            val_to_str_const(far, ucdiag_boot_step_short_vals, "?")) : g_strdup("none"));
    ucdiag_table_set_string(table, row, COL_STOPPED, stopped_text(ph));
    ucdiag_table_set_findings(table, row, COL_FINDINGS, added, findings_text(ph));
    ucdiag_table_set_string(table, row, COL_FILTER, row_filter(ph));
    boot_steps_text(ph, steps, sizeof steps);
    ucdiag_table_set_string(table, row, COL_STEPS, g_strdup(steps));
    return TAP_PACKET_REDRAW;
}

static void
boot_table_reset(stat_tap_table *table)
{
    ucdiag_table_reset(table, N_COLS, G_MAXUINT);
}

static void
boot_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    ucdiag_table_free_item(table, row, column, field, G_MAXUINT);
}

void
ucdiag_boot_table_register(void)
{
    static stat_tap_table_ui boot_table_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC Phone Bootstrap (ucdiag)",
        "ucdiag.boot",
        "ucdiag,bootstrap",
        boot_table_init,
        boot_table_packet,
        boot_table_reset,
        boot_table_free_item,
        NULL,
        G_N_ELEMENTS(boot_table_fields), boot_table_fields,
        G_N_ELEMENTS(boot_table_params), boot_table_params,
        NULL,
        0
    };

    register_stat_tap_table_ui(&boot_table_ui);
}
