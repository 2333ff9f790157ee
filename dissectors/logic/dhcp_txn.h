/* dhcp_txn.h
 * DHCPINFORM transactions: reading a DHCP message off the wire, pairing each
 * INFORM with its ACK, and deciding which path the ACK took. Nothing here
 * includes epan, so it is unit-tested without libwireshark.
 *
 * One transaction per (xid, client MAC). Every sighting of an INFORM or its
 * ACK is one frame; a capture taken at several points holds the same message
 * more than once (the client's broadcast, the relayed copy, the same packet
 * seen on both sides of a router), and a client that gets no answer sends the
 * INFORM again with the same xid. The transaction tells these apart:
 *   - an attempt is one INFORM sent by the client; its legs are the
 *     broadcast (giaddr 0) and the relayed copy (giaddr set);
 *   - a copy is the same leg seen again at another capture point.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DHCP_TXN_H
#define DHCP_TXN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dhcp_reader.h"
#include "frame_reader.h"
#include "msuc_logic.h"

/* ---- One DHCP message as seen in a frame ---- */

/* The DHCP message in the UDP payload at l4 (found by frame_l4_payload behind
 * the IPv4 header at ip_off): the message, read anew unless `known` already
 * holds its view (the option-43 decoder's reading of the same bytes), with
 * the IP and UDP facts the transactions need and whether option 43 carries
 * MS-UC-Client sub-options. False unless it is UDP between DHCP ports with a
 * DHCP message inside. */
bool dhcp_msg_of_payload(const uint8_t *frame, size_t ip_off, const frame_l4_t *l4, const dhcp_view_t *known,
                         dhcp_msg_t *out);

/* The same from the IPv4 header alone, for tests and fuzzing. */
bool dhcp_msg_parse(const uint8_t *frame, size_t len, size_t ip_off, dhcp_msg_t *out);

/* ---- Where an ACK went ---- */

typedef enum {
    DHCP_PATH_NONE = 0,
    DHCP_PATH_VIA_RELAY,       /* to the relay's port 67 */
    DHCP_PATH_RELAY_TO_CLIENT, /* the relay passing it on, unicast */
    DHCP_PATH_DIRECT,          /* from the server straight to ciaddr:68 */
    DHCP_PATH_BROADCAST,       /* to 255.255.255.255:68 */
    DHCP_PATH_TO_ZERO,         /* to 0.0.0.0:68 */
    DHCP_PATH_ELSEWHERE        /* to some other address */
} dhcp_path_t;

/* How sure a bypass finding is. */
typedef enum {
    DHCP_CERTAINTY_NONE = 0,
    DHCP_CERTAINTY_RELAYED_SEEN, /* the relayed INFORM is in the capture */
    DHCP_CERTAINTY_ACK_GIADDR,   /* the ACK itself names the relay it passed over */
    DHCP_CERTAINTY_ROUTED        /* client's segment only: a broadcast INFORM, and
                                    an ACK that crossed a router (TTL) */
} dhcp_certainty_t;

/* Findings of one sighting. */
enum {
    DHCP_F_BYPASS = 1u << 0,            /* ACK: straight to ciaddr:68 although relayed */
    DHCP_F_RETRY_NO_ACK = 1u << 1,      /* INFORM: retry, no ACK to the previous attempt */
    DHCP_F_RETRY_AFTER_ACK = 1u << 2,   /* INFORM: retry although an ACK was sent */
    DHCP_F_LATE = 1u << 3,              /* ACK: later than the timeout */
    DHCP_F_UNDELIVERABLE_NOBCAST = 1u << 4, /* ACK to the relay, BROADCAST clear, yiaddr 0 */
    DHCP_F_UNDELIVERABLE_ZERO = 1u << 5,    /* ACK sent on to 0.0.0.0 */
    DHCP_F_PROV_MISSING = 1u << 6,      /* ACK: no MS-UC-Client option 43 or no 120 */
    DHCP_F_MULTI_SERVER = 1u << 7,      /* ACK from a second server */
    DHCP_F_UNANSWERED = 1u << 8         /* INFORM: last attempt, never answered (end of capture) */
};

/* Bits of dhcp_sighting_t.missing */
enum {
    DHCP_MISSING_43 = 1u << 0,
    DHCP_MISSING_120 = 1u << 1
};

/* A sighting and its findings, as dhcp_txn_observe and dhcp_txn_lookup give
 * it (a transaction keeps it as the smaller dhcp_kept_t). */
typedef struct {
    uint32_t frame;
    uint32_t src, dst, giaddr;
    uint32_t server;   /* ACK: the answering server (option 54, else its source) */
    uint32_t copy_of;  /* the first sighting of this same packet, else 0 */
    uint32_t peer;     /* INFORM: its attempt's first ACK; ACK: the INFORM it answers */
    uint32_t prev;     /* retry: previous attempt's ACK or first frame;
                          second server: the first server's ACK */
    int64_t t_ns;
    int64_t response_ns; /* ACK: since the INFORM it answers; UCD_NS_NONE when the
                            timestamps make that meaningless */
    uint16_t attempt;  /* 1-based */
    uint16_t findings;
    uint8_t kind;      /* dhcp_kind_t */
    uint8_t path;      /* dhcp_path_t, ACK only */
    uint8_t certainty; /* dhcp_certainty_t, with DHCP_F_BYPASS */
    uint8_t ttl;
    uint8_t missing;   /* with DHCP_F_PROV_MISSING */
    bool starts_attempt;
} dhcp_sighting_t;

#define DHCP_TXN_MAX_SERVERS 4
/* Sightings remembered per transaction for later passes. A client retrying
 * for minutes, seen at four points, stays within it; beyond it frames are
 * still analysed on the first pass and counted. */
#define DHCP_TXN_MAX_SIGHTINGS 64
/* Kept inside the transaction: an INFORM and its ACK, seen once, as nearly
 * every transaction of a DHCP server's capture is. */
#define DHCP_TXN_INLINE_SIGHTINGS 2
/* Legs of one attempt and their copies arrive within this of each other;
 * clients retry after 4 s or more (RFC 2131 4.1). */
#define DHCP_COPY_WINDOW_NS 2000000000LL

/* A sighting as the transaction keeps it for later passes, 40 bytes where
 * dhcp_sighting_t takes 64: what a lookup can work out again is left out
 * (an ACK's response time is its peer's time; a second server's ACK's prev
 * is the first server's first ACK; an attempt starts at its first sighting
 * kept), and the small fields are narrowed: a sighting's own findings fit a
 * byte (DHCP_F_UNANSWERED is never kept, a lookup adds it), and so does its
 * attempt, as the k-th sighting belongs to attempt k or an earlier one. The
 * time is two halves, so that nothing needs 8-byte alignment. */
typedef struct {
    uint32_t frame;    /* first: frame_order_first reads it */
    uint32_t src, dst, giaddr;
    uint32_t server_prev; /* ACK: server; INFORM: prev */
    uint32_t copy_of;
    uint32_t peer;
    uint32_t t_lo, t_hi;  /* t_ns */
    uint8_t attempt;
    uint8_t findings;
    uint8_t ttl;
    uint8_t is_ack : 1;
    uint8_t path : 3;      /* dhcp_path_t */
    uint8_t certainty : 2; /* dhcp_certainty_t */
    uint8_t missing : 2;
} dhcp_kept_t;

/* Grows the sightings array; realloc-like. The epan glue hands in file-scoped
 * wmem, the unit tests plain realloc. */
typedef void *(*dhcp_grow_fn)(void *ctx, void *old, size_t size);
/* The one shared copy of these bytes, kept as long as the transactions: a
 * site's clients send the same vendor class and option 55 by thousands.
 * NULL: each transaction copies them with grow (dhcp_txn_release frees). */
typedef const void *(*dhcp_intern_fn)(void *ctx, const void *bytes, size_t size);

/* What few transactions need: a second server, or sightings past those
 * kept (then the legs' times, which are otherwise their sightings'). */
typedef struct {
    int64_t leg_t_ns[2];            /* a leg whose sighting was not kept */
    uint32_t unrecorded;            /* sightings past DHCP_TXN_MAX_SIGHTINGS */
    uint32_t servers[DHCP_TXN_MAX_SERVERS - 1]; /* the second server on */
} dhcp_txn_more_t;

/* One per INFORM transaction, as many as a DHCP server's clients: the
 * byte strings clients share are pointers, the first sightings are inside
 * (one allocation less for each), what few need is apart, and the fields
 * are ordered so that no padding comes between them. */
typedef struct {
    const uint8_t *vendor_class;    /* the client's option 60: interned, or owned */
    const uint8_t *asked;           /* the client's option 55, cut to DHCP_MAX_ASKED: the same */
    dhcp_txn_more_t *more;          /* NULL until needed (allocated with grow) */
    /* Sightings in frame order: `in` while cap is DHCP_TXN_INLINE_SIGHTINGS,
     * past that `grown` (allocated with grow). dhcp_txn_kept() picks. */
    union {
        dhcp_kept_t in[DHCP_TXN_INLINE_SIGHTINGS];
        dhcp_kept_t *grown;
    } s;

    uint32_t ciaddr, relay;         /* relay: the first giaddr seen */
    uint32_t relayed_to;            /* where the relay sent the INFORM: the server */
    uint32_t attempt_ack;           /* current attempt's first ACK, 0 if none yet */
    uint32_t leg_frame[2];          /* its client leg [0] and relayed leg [1]; its first sighting is
                                       leg_frame[attempt_leg] */
    uint32_t first_server;          /* the others are in more */
    uint32_t first_server_ack;      /* the first server's first ACK frame */

    uint16_t attempts;
    uint16_t acks;                  /* distinct ACK packets, copies left out */
    uint16_t attempt_secs;
    uint16_t findings;              /* union over all sightings */
    uint8_t n, cap;                 /* sightings kept, room for them */
    uint8_t vendor_class_len;
    uint8_t n_asked;
    uint8_t n_servers;
    uint8_t paths;                  /* bit (1 << dhcp_path_t) per ACK path seen */
    bool asks_43 : 1, asks_120 : 1;
    bool broadcast_inform_seen : 1, relayed_seen : 1;
    bool relay_inferred : 1;        /* a routed answer to a broadcast: relayed, by an unseen relay */
    bool owns_strings : 1;          /* vendor_class and asked were copied with grow */
    bool attempt_leg : 1;           /* the leg the current attempt started on */
} dhcp_txn_t;

/* The transaction's sightings, t->n of them, in frame order. */
static inline const dhcp_kept_t *
dhcp_txn_kept(const dhcp_txn_t *t)
{
    return t->cap > DHCP_TXN_INLINE_SIGHTINGS ? t->s.grown : t->s.in;
}

/* The transaction's first frame: its first sighting, which is always kept
 * (0 before any). */
static inline uint32_t
dhcp_txn_first_frame(const dhcp_txn_t *t)
{
    return t->n ? dhcp_txn_kept(t)[0].frame : 0;
}

/* Server i (0-based, under n_servers) that answered, in order. */
static inline uint32_t
dhcp_txn_server(const dhcp_txn_t *t, unsigned i)
{
    return i == 0 ? t->first_server : t->more ? t->more->servers[i - 1] : 0;
}

/* Sightings past DHCP_TXN_MAX_SIGHTINGS. */
static inline uint32_t
dhcp_txn_unrecorded(const dhcp_txn_t *t)
{
    return t->more ? t->more->unrecorded : 0;
}

void dhcp_txn_init(dhcp_txn_t *t);
/* Frees what a transaction allocated, with free_fn (the unit tests; the epan
 * glue's memory goes with the file). */
void dhcp_txn_release(dhcp_txn_t *t, void (*free_fn)(void *));

/* First pass, frames in order: records an INFORM or ACK of this transaction
 * and returns its sighting with findings (written to *out; also remembered
 * unless the transaction is full). An ACK before any INFORM, or any other
 * message, returns false. timeout_ns: an ACK later than this is late. */
bool dhcp_txn_observe(dhcp_txn_t *t, const dhcp_msg_t *m, uint32_t frame, int64_t t_ns, int64_t timeout_ns,
                      dhcp_grow_fn grow, dhcp_intern_fn intern, void *ctx, dhcp_sighting_t *out);

/* Later passes: the sighting of this frame, with what only the whole capture
 * tells (the INFORM's ACK, DHCP_F_UNANSWERED). False if not remembered. */
bool dhcp_txn_lookup(const dhcp_txn_t *t, uint32_t frame, dhcp_sighting_t *out);

/* Was the transaction's last attempt left without an ACK? */
bool dhcp_txn_last_unanswered(const dhcp_txn_t *t);

/* The sighting that started the last attempt, as dhcp_txn_lookup gives it;
 * false when it is past the sightings remembered. */
bool dhcp_txn_last_attempt(const dhcp_txn_t *t, dhcp_sighting_t *out);

/* ---- Who the client is, so a finding says what it costs that client ---- */

typedef enum {
    DHCP_CLIENT_OTHER = 0,
    DHCP_CLIENT_UC_PHONE,  /* MS-UC-Client or CPE-OCPhone, or asks for both 43 and 120 */
    DHCP_CLIENT_WINDOWS    /* MSFT 5.0, MSFT 98 (and MSFT 5.0 XBOX) */
} dhcp_client_kind_t;

dhcp_client_kind_t dhcp_txn_client_kind(const dhcp_txn_t *t);

/* "WPAD (252), classless routes (121, 249), domain name (15) and 4 more":
 * the options the client asked for, the ones that matter most first, at most
 * `most` of them by name. Empty when it asked for none. */
size_t dhcp_asked_text(const dhcp_txn_t *t, unsigned most, char *out, size_t outsz);

/* TTLs a host starts with; anything else has crossed a router. */
bool dhcp_ttl_is_initial(uint8_t ttl);

#endif /* DHCP_TXN_H */
