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
#include <string.h>

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
    /* Counts the builds (qos_plan_compile): what was worked out from an
     * older plan is known to be stale. 0: never built. */
    unsigned generation;
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

/* Is either port in a range of the plan for this transport? Where it is
 * not, qos_classify finds no range: most traffic stops at this one load per
 * port, inline, before a flow key is made. */
static inline bool
qos_plan_touches(const qos_plan_t *plan, unsigned transport, uint16_t sport, uint16_t dport)
{
    const uint16_t *tab = plan->idx[transport == QOS_TCP ? 1 : 0];

    return (tab[sport] | tab[dport]) != 0;
}

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

/* Keys are read and compared a word at a time, not a byte at a time. A key
 * is zeroed before it is filled (no padding: 38 bytes), so the unused bytes
 * of an IPv4 address compare equal. */
static inline uint32_t
qos_word32(const uint8_t *p)
{
    uint32_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

static inline uint64_t
qos_word64(const uint8_t *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

static inline bool
qos_flow_key_same(const qos_flow_key_t *a, const qos_flow_key_t *b)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;

    return qos_word64(x) == qos_word64(y) && qos_word64(x + 8) == qos_word64(y + 8) &&
           qos_word64(x + 16) == qos_word64(y + 16) && qos_word64(x + 24) == qos_word64(y + 24) &&
           qos_word32(x + 32) == qos_word32(y + 32) && memcmp(x + 36, y + 36, 2) == 0;
}

/* ---- A cache in front of a map of flow directions ---- */

/* Media comes in runs of packets of the same few flows: the directions
 * looked up last answer most lookups without the map's hash and probe. One
 * slot per hash of the key's ports and addresses (direct-mapped), holding an
 * entry whose first member is its key; a slot's entry is replaced by the
 * next one that hashes there, and a hit is confirmed by comparing the whole
 * key. The cache holds pointers only: it is cleared whenever the entries
 * are freed. */
#define QOS_FLOW_CACHE_BITS 12
#define QOS_FLOW_CACHE_SLOTS (1u << QOS_FLOW_CACHE_BITS)

typedef struct {
    void *slot[QOS_FLOW_CACHE_SLOTS];
} qos_flow_cache_t;

void qos_flow_cache_clear(qos_flow_cache_t *c);

static inline unsigned
qos_flow_cache_index(const qos_flow_key_t *k)
{
    /* An IPv4 address fills the first word; an IPv6 one's last word is the
     * one that differs between hosts of a subnet. */
    uint32_t s = qos_word32(k->src) ^ qos_word32(k->src + 12), d = qos_word32(k->dst) ^ qos_word32(k->dst + 12);
    uint32_t h = (((uint32_t)k->sport << 16 | k->dport) ^ s) * 0x9e3779b1u;

    h = (h ^ d ^ k->transport) * 0x85ebca77u;
    return h >> (32 - QOS_FLOW_CACHE_BITS);
}

/* The entry of key when it is in the cache, else NULL. */
static inline void *
qos_flow_cache_find(const qos_flow_cache_t *c, const qos_flow_key_t *key)
{
    void *e = c->slot[qos_flow_cache_index(key)];

    return e && qos_flow_key_same((const qos_flow_key_t *)e, key) ? e : NULL;
}

/* Keeps entry (which starts with its key) in its key's slot. */
static inline void
qos_flow_cache_put(qos_flow_cache_t *c, void *entry)
{
    c->slot[qos_flow_cache_index((const qos_flow_key_t *)entry)] = entry;
}

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

/* What a text of qos_flow_observed kept up to date shows: the count, where
 * it names one marking only (0: anything else), and its length. */
typedef struct {
    uint32_t single;
    size_t len;
} qos_observed_shown_t;

/* Brings out, last written by this function (shown all zeros before the
 * first call), up to date with f: the same text as qos_flow_observed. A
 * flow with one marking that counted one more packet since has its count's
 * digits stepped in place: the -z table rewrites the text on every packet. */
size_t qos_flow_observed_update(const qos_flow_t *f, char *out, size_t outsz, qos_observed_shown_t *shown);

#endif /* QOS_LOGIC_H */
