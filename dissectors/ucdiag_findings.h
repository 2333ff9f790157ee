/* ucdiag_findings.h
 * Every finding of a capture as a record, for `tshark -z ucdiag,findings`
 * (packet-ucdiag-findings.c listens and prints). Wireshark's expert tap
 * gives each finding's frame, expert field, severity and message; what it
 * cannot give is kept here, on the shared floor so that every concern and
 * msuc can tell it:
 *   - the finding's few words in the Info column's [UC: ...] (ucdiag_info
 *     hands them in, tagged with the finding they are about);
 *   - its subject: the flow, client, phone, relay or server it is about,
 *     with addresses as separate keys, which a concern states before it
 *     reports (ucdiag_subject_*);
 *   - the records themselves, in frame order, and the findings a concern
 *     can only decide once the capture has ended (an INFORM never
 *     answered), which it adds when the tap asks.
 *
 * All of it costs nothing while the tap is closed: ucdiag_findings_open is
 * tested where a finding is raised or a subject stated, never on a packet
 * that has none.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_FINDINGS_H
#define UCDIAG_FINDINGS_H

#include <stdio.h>

#include <epan/packet.h>
#include <epan/expert.h>

#include "state_cap.h"

/* TRUE while `-z ucdiag,findings` listens. */
extern gboolean ucdiag_findings_open;

/* The record's schema: raised when a key changes meaning or goes away; new
 * keys may come without it. */
#define UCDIAG_FINDINGS_SCHEMA 1

/* ---- Told by the concerns, on the packet in hand ---- */

/* What the next findings of this packet are about: a kind ("flow",
 * "client", "phone", "relay", "server", "capture"), then its keys in the
 * order they are written. An address or text that is not known is written
 * as null, so each kind always has the same keys. */
void ucdiag_subject_begin(guint32 frame, const char *kind);
void ucdiag_subject_ipv4(const char *key, guint32 host_order);   /* 0: null */
void ucdiag_subject_address(const char *key, const address *addr);   /* NULL or AT_NONE: null */
void ucdiag_subject_ip_bytes(const char *key, int af, const guint8 *bytes);  /* af 4 or 6 */
void ucdiag_subject_mac(const char *key, const guint8 *mac, guint len);   /* len 0: null */
void ucdiag_subject_port(const char *key, guint port);   /* 0: null */
void ucdiag_subject_text(const char *key, const char *text);   /* NULL: null */

/* A finding's words for [UC: ...], as ucdiag_info_str has them. */
void ucdiag_findings_words(packet_info *pinfo, const expert_field *ei, const char *text);
/* A finding raised now (UCDIAG_FINDING and the concerns' own expert
 * calls): its words and the subject stated last, kept for the tap. */
void ucdiag_findings_mark(packet_info *pinfo, const expert_field *ei);
/* The same, for a concern's own expert_add_info calls. */
#define UCDIAG_MARK(pinfo, ei)                         \
    do {                                               \
        if (ucdiag_findings_open)                      \
            ucdiag_findings_mark((pinfo), (ei));       \
    } while (0)

/* The severity of each expert of ei (after expert_register_field_array),
 * for the findings a concern adds at the capture's end, which pass through
 * no expert info. */
void ucdiag_findings_know_experts(const ei_register_info *ei, int n);

/* ---- The records, for packet-ucdiag-findings.c and the end of capture ---- */

/* The tap opened or a new capture began: no records, at most limit (0: no
 * limit) from now on. */
void ucdiag_findings_reset(guint limit);
/* A finding the expert tap delivered for this packet: hf is the expert's
 * field, severity Wireshark's PI_ value, message its text. */
void ucdiag_findings_record(packet_info *pinfo, int hf, int severity, const char *message);
/* A finding decided at the capture's end, on the frame it is about, with
 * the subject stated last; nothing when a record of the same frame, kind
 * and message is already there (a second pass raised it in the tree). */
void ucdiag_findings_record_late(guint32 frame, const nstime_t *ts, const expert_field *ei, const char *message,
                                 const char *words);
/* Every record as a JSON line, in frame order; file is the capture's name
 * (NULL: null). */
void ucdiag_findings_write(FILE *out, const char *file);
/* The records' own limit (the preference ucdiag.findings_max_records). */
const state_cap_t *ucdiag_findings_cap(void);

/* text as a JSON string value (NULL: null) at the end of s. */
void ucdiag_json_string(GString *s, const char *text);
/* The capture file tshark was told to read (-r), from its own command
 * line; NULL where that cannot be told (Wireshark's window, no /proc).
 * g_free it. */
char *ucdiag_capture_file_name(void);

void ucdiag_findings_register(void);

#endif /* UCDIAG_FINDINGS_H */
