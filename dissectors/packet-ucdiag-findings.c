/* packet-ucdiag-findings.c
 * tshark -z ucdiag,findings: after the whole capture, one JSON line per
 * finding that ucdiag and msuc raised, in frame order (the keys are in the
 * README's "In pipelines").
 *
 * The findings come from Wireshark's expert tap, which hands over every
 * expert info as it is added, with its severity and whole message; this
 * file keeps ucdiag's and msuc's (ucdiag_findings.c pairs each with the
 * words and subject its concern told). While the tap listens, every
 * finding is worded, even past the 200 of a kind that -z expert groups.
 * What only the capture's end decides (an INFORM never answered) a first
 * pass cannot put in any tree: the INFORM concern adds it when the tap
 * draws, so one pass gives every finding that -2 shows.
 *
 * It sits beside the dispatcher: it asks a concern, and nothing below calls
 * it.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <stdio.h>
#include <stdlib.h>

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "packet-ucdiag-dhcp.h"
#include "packet-ucdiag-findings.h"
#include "ucdiag_findings.h"

/* Records kept for one capture, at most: a finding said on every packet of
 * a flow makes one per packet, so a long call with the wrong DSCP makes
 * hundreds of thousands. A record costs about 50 bytes, its texts once per
 * distinct text. */
static guint findings_max_records = 1000000;

typedef struct {
    char *file;          /* as tshark was told to read it; NULL if unknown */
    gboolean written;
} findings_tap_t;

static gboolean
is_ours(int hf)
{
    const char *id = hf > 0 ? proto_registrar_get_abbrev(hf) : NULL;

    return id && (strncmp(id, "ucdiag.", 7) == 0 || strncmp(id, "msuc.", 5) == 0);
}

static tap_packet_status
findings_packet(void *tapdata _U_, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                tap_flags_t flags _U_)
{
    const expert_info_t *ei = (const expert_info_t *)data;

    if (is_ours(ei->hf_index))
        ucdiag_findings_record(pinfo, ei->hf_index, ei->severity, ei->summary);
    return TAP_PACKET_DONT_REDRAW;
}

static void
findings_reset(void *tapdata)
{
    findings_tap_t *t = (findings_tap_t *)tapdata;

    t->written = FALSE;
    ucdiag_findings_reset(findings_max_records);
}

/* tshark draws once, after the capture: the end's findings, then every
 * line. */
static void
findings_draw(void *tapdata)
{
    findings_tap_t *t = (findings_tap_t *)tapdata;

    if (t->written)
        return;
    t->written = TRUE;
    ucdiag_dhcp_finish_capture();
    ucdiag_findings_write(stdout, t->file);
    fflush(stdout);
}

static void
findings_finish(void *tapdata)
{
    findings_tap_t *t = (findings_tap_t *)tapdata;

    ucdiag_findings_open = FALSE;
    g_free(t->file);
    g_free(t);
}

static ucd_stat_init_ret_t
findings_init(const char *opt_arg, void *userdata _U_)
{
    findings_tap_t *t;
    GString *error;

    if (strcmp(opt_arg, "ucdiag,findings") != 0) {
        fprintf(stderr, "tshark: -z ucdiag,findings takes no arguments (filter its lines instead), not \"%s\"\n",
                opt_arg);
        UCD_STAT_INIT_DONE(FALSE);
    }
    /* The records are one store: a second listener would print each twice. */
    if (ucdiag_findings_open) {
        fprintf(stderr, "tshark: -z ucdiag,findings is given once\n");
        UCD_STAT_INIT_DONE(FALSE);
    }
    t = g_new0(findings_tap_t, 1);
    t->file = ucdiag_capture_file_name();
    /* Error packets too: a finding in an ICMP-quoted DHCP message is in the
     * tree like any other. */
    error = register_tap_listener("expert", t, NULL, TL_REQUIRES_ERROR_PACKETS, findings_reset, findings_packet,
                                  findings_draw, findings_finish);
    if (error) {
        fprintf(stderr, "tshark: -z ucdiag,findings: %s\n", error->str);
        g_string_free(error, TRUE);
        g_free(t->file);
        g_free(t);
        UCD_STAT_INIT_DONE(FALSE);
    }
    ucdiag_findings_open = TRUE;
    ucdiag_findings_reset(findings_max_records);
    UCD_STAT_INIT_DONE(TRUE);
}

void
ucdiag_findings_tap_register(module_t *module)
{
    static stat_tap_ui findings_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC findings as JSON lines (ucdiag)",
        "ucdiag,findings",
        findings_init,
        0,
        NULL
    };

    prefs_register_uint_preference(module, "findings_max_records", "-z ucdiag,findings: most findings kept",
                                   "Findings beyond this many in one capture are left out of -z ucdiag,findings, "
                                   "whose last line then says so (0: no limit)",
                                   10, &findings_max_records);
    register_stat_tap_ui(&findings_ui, NULL);
}
