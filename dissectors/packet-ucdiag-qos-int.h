/* packet-ucdiag-qos-int.h
 * What the files of the QoS concern share with each other; nothing outside
 * the concern includes it (the rest of ucdiag uses packet-ucdiag-qos.h).
 *
 * The concern is split by job. Each file calls only files listed below it,
 * never one above it, so no two files depend on each other:
 *   packet-ucdiag-qos-register.c  fields, experts, preferences, tap and table
 *                                 registration; ucdiag_qos_prefs_apply
 *   packet-ucdiag-qos-table.c     the `-z ucdiag,qos` table, fed by the tap
 *   packet-ucdiag-qos.c           ucdiag_qos_dissect, one step at a time, and
 *                                 the flow directions behind it
 *   packet-ucdiag-qos-findings.c  what a checked packet shows: tree items,
 *                                 expert info, Info column words
 *   packet-ucdiag-qos-plan.c      the port plan (a preset and your table), and
 *                                 its ranges in words
 * Each shared variable below is defined in exactly one file, named above it.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_QOS_INT_H
#define PACKET_UCDIAG_QOS_INT_H

#include "ucdiag_compat.h"

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/prefs.h>

#include "frame_reader.h"
#include "media_logic.h"
#include "packet-ucdiag-evidence.h"
#include "qos_logic.h"
#include "state_cap.h"
#include "ucdiag_packet.h"

/* ---- Flows and the packet under check: packet-ucdiag-qos.c ---- */

/* No RTP payload type seen yet on a flow direction. */
#define RTP_PT_NONE 0xff

/* One flow direction whose ports are in the plan. Its DSCP bookkeeping
 * (flow) is made when its first packet is judged: a direction that never
 * shows media (an ordinary connection from an ephemeral port in a server
 * range) keeps only its key and its media verdict. */
typedef struct flow_entry {
    qos_flow_key_t key;
    media_flow_t media;
    qos_flow_t *flow;
    struct flow_entry *reverse; /* the other direction, once seen (VBSS compares the two) */
    ucdiag_evidence_t ev;       /* why it is, or is not, Microsoft media */
    guint32 judged_from;        /* the frame from which ev holds */
    guint32 ev_gen;             /* the evidence generation last asked */
    guint32 changed_at;         /* where the flow's own STUN overruled kind_before; 0: never */
    guint8 kind_before;
    const char *ev_words;       /* ev in words, made the first time they are shown
                                   and reused: all of a flow's packets say the same */
    guint8 rtp_pt;              /* the first RTP payload type seen; RTP_PT_NONE */
    gboolean rtp_conv;          /* this port pair is handed to Wireshark's RTP dissector */
    /* The plan's match for the key's ports, worked out once per plan build
     * (match_gen is the plan's generation then; 0: not yet). */
    unsigned match_gen;
    qos_match_t match;
    /* The -z table's record of this direction, kept here so that its
     * packets need not look it up: valid for table_of while the table's
     * rows are of generation table_gen (packet-ucdiag-qos-table.c). */
    void *table_row;
    const void *table_of;
    unsigned table_gen;
} flow_entry_t;

/* The preference qos_max_flows and the tracking limit it sets (flow
 * directions); the table is handed the limit itself as a tap's data on the
 * frame where it was reached. */
extern guint ucdiag_qos_max_flows;
extern state_cap_t ucdiag_qos_flows_cap;

/* One packet under check. ucdiag_qos_dissect fills it in step by step, on
 * the stack (no allocation per packet), and the findings read it. */
typedef struct {
    ucdiag_packet_t *pkt;
    unsigned transport;     /* QOS_UDP or QOS_TCP */
    qos_match_t m;          /* the plan's range for its ports */
    qos_flow_key_t key;
    const guint8 *ip;       /* the IP header whose DSCP is checked */
    guint8 dscp;
    const frame_l4_t *l4;   /* the UDP or TCP payload; NULL when not needed
                               (ports-only mode) or not in this frame */
    flow_entry_t *e;        /* its flow direction; NULL when a later pass finds none */
    media_kind_t kind;      /* what it carries; MEDIA_NONE when not recognised */
    /* The verdict, for a judged packet only: */
    gboolean mismatched;    /* the DSCP is not what the plan asks for */
    gboolean remarked;      /* the DSCP changed from `from` since the flow's previous packet */
    gboolean between;       /* ... on a copy of that packet, recorded at a second capture point */
    gboolean vbss_here;     /* the VBSS finding goes on this packet; `theirs`: the other direction's DSCP */
    gboolean override_here; /* the note that your table overrides the preset goes on this packet */
    guint8 from, theirs;
} qos_packet_t;

/* Does the judged packet carry a finding (a mismatch, a re-mark, the VBSS
 * finding, the override note)? */
static inline gboolean
qos_has_finding(const qos_packet_t *q)
{
    return q->mismatched || q->remarked || q->vbss_here || q->override_here;
}

/* What the -z table is told about each packet it counts. */
typedef struct {
    flow_entry_t *entry; /* the table keeps its evidence words there */
    /* The range, the expected DSCP, VBSS: the direction's own match, which
     * the check brought up to date with the plan before telling the table. */
    const qos_match_t *match;
    guint8 dscp;
    gboolean mismatched;
    gboolean judged;     /* FALSE: media on a plan port, not shown to be Microsoft's */
} qos_tap_info_t;

/* Whose media is judged (the qos_scope preference): Microsoft's only, as
 * shown by evidence in the capture, or every media flow on a plan port,
 * whoever's it is. */
enum { QOS_SCOPE_MICROSOFT = 0, QOS_SCOPE_PLAN = 1 };

/* Defined in packet-ucdiag-qos.c, registered in packet-ucdiag-qos-register.c:
 * the two preferences that say which packets are judged, and the tap that
 * feeds the table. */
extern ucd_pref_bool_t qos_media_only;
extern ucd_pref_bool_t qos_decode_rtp;
extern gint qos_scope;
extern int ucdiag_qos_tap;

/* At registration: the map of flow directions, emptied with every file. */
void qos_flows_register(void);
/* At handoff: Wireshark's RTP protocol, whose conversations a judged RTP
 * flow gets (see hand_to_rtp). */
void qos_flows_handoff(void);

/* A flow direction's two ends, as the evidence concern takes them. */
static inline void
qos_flow_endpoints(const qos_flow_key_t *k, ucdiag_endpoint_t *src, ucdiag_endpoint_t *dst)
{
    src->af = dst->af = k->af;
    src->transport = dst->transport = k->transport;
    src->port = k->sport;
    dst->port = k->dport;
    src->addr = k->src;
    dst->addr = k->dst;
}


/* ---- Findings: packet-ucdiag-qos-findings.c ---- */

/* The QoS expert infos, registered under the protocol's expert module. */
void qos_findings_register_experts(expert_module_t *module);
/* The severity one of them has now (a user's expert severity table may have
 * changed it). */
int qos_expert_severity(const expert_field *which);

/* Defined in packet-ucdiag-qos-findings.c, which adds them to the tree;
 * registered in packet-ucdiag-qos-register.c. */
extern int hf_ucdiag_qos_modality;
extern int hf_ucdiag_qos_role;
extern int hf_ucdiag_qos_match;
extern int hf_ucdiag_qos_range;
extern int hf_ucdiag_qos_expected_dscp;
extern int hf_ucdiag_qos_expected_dscp_alt;
extern int hf_ucdiag_qos_dscp;
extern int hf_ucdiag_qos_vbss;
extern int hf_ucdiag_qos_media;
extern int hf_ucdiag_qos_media_since;
extern int hf_ucdiag_qos_not_judged;
extern int hf_ucdiag_qos_evidence;
extern int hf_ucdiag_qos_evidence_detail;
extern int hf_ucdiag_qos_evidence_frame;
extern int hf_ucdiag_qos_judged_from;

extern expert_field ei_ucdiag_qos_dscp_mismatch;
extern expert_field ei_ucdiag_qos_unmarked;
extern expert_field ei_ucdiag_qos_remarked;
extern expert_field ei_ucdiag_qos_vbss_port_mismatch;
extern expert_field ei_ucdiag_qos_plan_override;

/* A media packet on a plan port that is not judged: the tree (not NULL)
 * says why. */
void qos_report_not_judged(const qos_packet_t *q, proto_tree *tree);
/* The frame whose flow found the table full: the note, and the table's row. */
void qos_report_limit(ucdiag_packet_t *pkt, proto_tree *tree);
/* A judged packet with a tree or a finding (the caller's test): Info
 * column words, expert info, and the tree where someone reads it. */
void qos_report_judged(const qos_packet_t *q, proto_tree *tree);

/* The flow's evidence in words, made the first time they are asked for and
 * kept with the flow, so that the tree and the table say the same. */
const char *qos_flow_evidence_words(flow_entry_t *e);
/* Where the stream's own RTP payload type contradicts the plan's modality
 * for range r: words for it, in pool; NULL when it agrees or says nothing. */
const char *qos_stream_contradicts(wmem_allocator_t *pool, const flow_entry_t *e, const qos_range_t *r);

/* ---- The port plan: packet-ucdiag-qos-plan.c ---- */

/* Defined in packet-ucdiag-qos-plan.c, rebuilt there whenever the preset or
 * your table changes; the checks only read it. */
extern qos_plan_t *qos_plan;

/* The names of a range's modality and role, for fields and the table. */
extern const value_string qos_modality_vals[];
extern const value_string qos_role_vals[];

/* At registration, in the order the preferences are shown: the preset and
 * your table first; the presets' ranges as text after the others. */
void qos_plan_prefs_register(module_t *module);
void qos_presets_text(module_t *module);
/* The preset or your table changed: the plan is built again from them
 * before the next capture is dissected. */
void qos_plan_rebuild(void);
/* A new capture file: the plan built if it changed, and the override notes
 * said again, once each. */
void qos_plan_new_file(void);

/* Whether this packet carries the note that range r, from your table,
 * overrides a preset range: the first judged packet of r per capture. */
gboolean qos_plan_note_override(const qos_range_t *r, packet_info *pinfo);
/* Where range r of your table overrides a preset range; NULL where it does not. */
const qos_overlap_t *qos_plan_overlap(const qos_range_t *r);
/* "lo-hi (the preset)", made once per plan build; "" for no such range. */
const char *qos_range_label(const qos_range_t *r);

/* Ranges and matches in words. */
const char *qos_range_words(wmem_allocator_t *pool, const qos_range_t *r);
const char *qos_modality_name(const qos_range_t *r); /* "Application sharing" */
const char *qos_modality_word(const qos_range_t *r); /* "application sharing", in running text */
const char *qos_role_word(const qos_range_t *r);
const char *qos_match_word(const qos_match_t *m);
/* "24", or "24 or 34" where a second marking is as good. */
void qos_expected_words(const qos_match_t *m, char *buf, size_t size);

/* ---- The -z ucdiag,qos table: packet-ucdiag-qos-table.c ---- */

void qos_table_register(void);

#endif /* PACKET_UCDIAG_QOS_INT_H */
