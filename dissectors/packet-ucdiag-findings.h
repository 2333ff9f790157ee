/* packet-ucdiag-findings.h
 * tshark -z ucdiag,findings: every finding as a JSON line (see
 * packet-ucdiag-findings.c).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_FINDINGS_H
#define PACKET_UCDIAG_FINDINGS_H

#include <epan/prefs.h>

/* The -z argument and its preference (ucdiag.findings_max_records). */
void ucdiag_findings_tap_register(module_t *module);

#endif /* PACKET_UCDIAG_FINDINGS_H */
