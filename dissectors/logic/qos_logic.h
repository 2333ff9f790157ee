/* qos_logic.h
 * The QoS port plan (modality, role, port range, transport, DSCP), its
 * presets, per-packet classification and per-flow DSCP bookkeeping. No epan
 * header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QOS_LOGIC_H
#define QOS_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    QOS_AUDIO = 1,
    QOS_VIDEO = 2,
    QOS_APPSHARING = 3,
    QOS_FILETRANSFER = 4
} qos_modality_t;

typedef enum {
    QOS_CLIENT = 1,
    QOS_SERVER = 2
} qos_role_t;

#define QOS_UDP 1u
#define QOS_TCP 2u
#define QOS_BOTH (QOS_UDP | QOS_TCP)

typedef struct {
    uint8_t modality;   /* qos_modality_t */
    uint8_t role;       /* qos_role_t */
    uint8_t transports; /* QOS_UDP, QOS_TCP or QOS_BOTH */
    uint8_t dscp;       /* 0..63 */
    uint16_t lo, hi;    /* inclusive */
    bool from_user;     /* the user's table, not the preset */
} qos_range_t;

#define QOS_MAX_RANGES 255

/* Two ranges of one role and transport that share ports. The later one (the
 * user's, when one is the user's) is the one applied; the caller tells the
 * user so. */
typedef struct {
    unsigned first, second; /* indexes into ranges[] */
    uint16_t lo, hi;        /* the shared ports */
} qos_overlap_t;

typedef struct {
    qos_range_t ranges[QOS_MAX_RANGES];
    unsigned n;
    /* [transport 0 udp / 1 tcp][port] -> client index + 1 in the high byte,
     * server index + 1 in the low byte: one load per port answers both roles,
     * so a packet touches two cache lines of the table, not four. */
    uint16_t idx[2][65536];
} qos_plan_t;

typedef enum {
    QOS_PRESET_SFB = 0,
    QOS_PRESET_TEAMS = 1,
    QOS_PRESET_SFB_FIELD = 2,
    QOS_PRESET_LPE = 3,
    QOS_PRESET_CUSTOM = 4
} qos_preset_t;

void qos_plan_clear(qos_plan_t *plan);
/* False when the plan is full or the range is invalid (lo > hi, bad enums). */
bool qos_plan_add(qos_plan_t *plan, const qos_range_t *r);
void qos_plan_add_preset(qos_plan_t *plan, qos_preset_t preset);
/* Builds the lookup tables; returns the number of overlaps found, writing up
 * to max of them to out. */
unsigned qos_plan_compile(qos_plan_t *plan, qos_overlap_t *out, unsigned max);

/* The range of `role` holding `port` for transport QOS_UDP or QOS_TCP. */
const qos_range_t *qos_plan_lookup(const qos_plan_t *plan, unsigned transport, qos_role_t role, uint16_t port);

typedef enum {
    QOS_MATCH_NONE = 0,
    QOS_MATCH_SENDER = 1,   /* the sender's port is in the plan */
    QOS_MATCH_RECEIVER = 2  /* only the receiver's: a source-port policy cannot match it */
} qos_match_by_t;

typedef enum {
    QOS_VBSS_NONE = 0,
    QOS_VBSS_CLIENT_TO_SERVER = 1, /* app-sharing client port -> video server port */
    QOS_VBSS_SERVER_TO_CLIENT = 2
} qos_vbss_t;

typedef struct {
    const qos_range_t *range; /* what the sender should have marked; NULL: not UC media */
    qos_match_by_t by;
    qos_vbss_t vbss;
    const qos_range_t *appsharing_client; /* the two ranges behind a VBSS finding */
    const qos_range_t *video_server;
    /* What the sender should mark: the range's DSCP, and for VBSS the
     * app-sharing one both ways (the server policy the fix adds), with the
     * video one accepted too (the other fix: both directions as video). */
    uint8_t dscp;
    int alt_dscp; /* -1: none */
} qos_match_t;

/* Whether DSCP is what the match asks for. */
bool qos_match_accepts(const qos_match_t *m, uint8_t dscp);

/* Ports a server's media port never talks to: well-known services (below
 * 1024) and TURN relays' listening ports (3478-3481, as Teams' transport
 * relays and the Skype for Business Edge use them). A peer on one of these is
 * a service that the other side reached from whatever port it had. */
#define QOS_WELL_KNOWN_END 1024
#define QOS_RELAY_PORT_LO 3478
#define QOS_RELAY_PORT_HI 3481

bool qos_is_service_port(uint16_t port);

/* Well-known call-signalling ports (H.323, Skinny, MGCP, SIP), which never
 * carry media: a flow with one at either end is signalling, whatever its
 * payload looks like. 443 and 3478-3481 are not among them: TURN and
 * MS-TURN's TCP fallback carry media there. */
/* The lowest and highest of them: most media ports (40803 and up) lie
 * above, and answer with one compare, inline, without a call. */
#define QOS_SIGNALLING_LO 1719
#define QOS_SIGNALLING_HI 5062
bool qos_signalling_listed(uint16_t port);

static inline bool
qos_is_signalling_port(uint16_t port)
{
    return port >= QOS_SIGNALLING_LO && port <= QOS_SIGNALLING_HI && qos_signalling_listed(port);
}

void qos_classify(const qos_plan_t *plan, unsigned transport, uint16_t sport, uint16_t dport, qos_match_t *out);

/* ---- Flows: one direction of a transport conversation ---- */

typedef struct {
    uint8_t af;        /* 4 or 6 */
    uint8_t transport; /* QOS_UDP or QOS_TCP */
    uint16_t sport, dport;
    uint8_t src[16], dst[16];
} qos_flow_key_t;
_Static_assert(sizeof(qos_flow_key_t) == 38, "qos_flow_key_equal compares 38 bytes");

/* Signatures match GLib's GHashFunc and GEqualFunc. */
unsigned int qos_flow_key_hash(const void *k);
int qos_flow_key_equal(const void *a, const void *b);

/* ---- Per-flow bookkeeping: bounded, whatever the flow's length ---- */

#define QOS_MAX_REMARKS 16

typedef struct {
    uint32_t first_frame, last_frame;
    uint32_t vbss_frame;    /* first packet carrying the VBSS finding, 0: none */
    uint8_t vbss_other_dscp; /* the other direction's mark, there */
    uint16_t last_ip_id;
    uint32_t copy_remark_frame; /* first copy marked unlike its original, 0: none */
    uint32_t packets, mismatched;
    uint32_t dscp_count[64];
    uint8_t seen[64];       /* the DSCP values seen, in order of first sight */
    uint8_t nseen;
    uint8_t last_dscp;
    uint8_t nremarks;
    uint32_t remark_frame[QOS_MAX_REMARKS]; /* where the DSCP changed */
    uint8_t remark_from[QOS_MAX_REMARKS];   /* and what it was before */
    uint32_t remarks_total;
} qos_flow_t;

void qos_flow_init(qos_flow_t *f);
/* Records one packet seen for the first time; true when its DSCP differs from
 * the flow's previous packet (re-marked along the path). */
bool qos_flow_add(qos_flow_t *f, uint32_t frame, uint8_t dscp, bool mismatched, bool copy);

/* Whether a packet with IPv4 identification IP_ID (0: none) is a copy of the
 * flow's previous packet, recorded at a second capture point of a merged
 * capture. Call before qos_flow_add. A copy marked unlike the original is
 * re-marked between the two points: qos_flow_add records that once per flow
 * (copy_remark_frame), and a copy never moves last_dscp, so the alternating
 * copies are not each a re-mark. */
bool qos_flow_is_copy(qos_flow_t *f, uint16_t ip_id);
/* For later passes: was a DSCP change recorded at this frame, and from
 * which value (*from)? Only the first QOS_MAX_REMARKS changes are kept. */
bool qos_flow_remarked_at(const qos_flow_t *f, uint32_t frame, uint8_t *from);
/* "46:120 0:3": observed DSCP values with packet counts, most frequent first. */
size_t qos_flow_observed(const qos_flow_t *f, char *out, size_t outsz);

#endif /* QOS_LOGIC_H */
