/* relay_logic.h
 * Media relays: following each client's TURN / MS-TURN allocations from
 * what a capture holds, and judging them. A Teams or Skype for Business
 * client allocates at its relays (Teams' transport relays, the SfB Edge's
 * A/V service) over UDP 3478 and TCP 443; what goes wrong shows in packets:
 *   - Allocate over UDP is never answered, while the relay answers over
 *     TCP: UDP 3478 is blocked on the way, media falls back to TCP;
 *   - the relay refuses the client's credentials after challenging them
 *     (401 again, 431): expired MRAS credentials, a clock off;
 *   - the relay answers with another error (quota, capacity, mismatch).
 * A first 401 followed by success, and a 438 (stale nonce) followed by
 * success, are how allocations always go: nothing to say.
 *
 * State is kept per client address (whatever its ports: a client allocates
 * from several), holding one record per relay address it talks to. Teams'
 * relays answer from another address than the one asked (a 401 names an
 * ALTERNATE-SERVER, the answer to the signed request comes from the first
 * address), so a response is matched to its request by transaction ID
 * among all the client's pending transactions, and credited to the relay
 * the request went to.
 *
 * "UDP blocked" is judged per relay: UDP unanswered and the same relay
 * answering over TCP. Another relay reached over TCP says nothing of this
 * one (it may be down, or not the one the client settled on), and the
 * relay's own TCP answer is what shows the path, not the client's giving
 * up.
 *
 * The caller keeps a table of clients (capped with state_cap) and passes
 * each relay message to its client; a request's client is its sender, a
 * response's its receiver. No epan header, so it is unit-tested alone.
 *
 * On TCP several STUN messages may share a segment, behind MS-TURN's
 * framing or RFC 4571's: the caller finds each and passes it with the
 * segment's frame.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RELAY_LOGIC_H
#define RELAY_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "turn_reader.h"

#define RELAY_UDP 1u
#define RELAY_TCP 2u

/* ---- One message, as the logic takes it ---- */

typedef enum {
    RELAY_MSG_NONE = 0,
    RELAY_MSG_REQUEST,
    RELAY_MSG_SUCCESS,
    RELAY_MSG_ERROR
} relay_msg_kind_t;

typedef struct {
    uint8_t kind;       /* relay_msg_kind_t */
    uint8_t transport;  /* RELAY_UDP or RELAY_TCP */
    uint8_t method;     /* turn_method_t */
    bool signed_;       /* request: MESSAGE-INTEGRITY, the credentials MRAS handed out */
    uint16_t code;      /* error: ERROR-CODE, 0 when unreadable */
    uint8_t id[16];     /* transaction ID, as turn_msg_t.id */
    turn_addr_t alt;    /* error: ALTERNATE-SERVER, where the relay sends the client */
} relay_msg_t;

/* The message as the logic takes it: requests and responses of the methods
 * that make and keep an allocation (Allocate, Refresh, CreatePermission,
 * ChannelBind, RFC 6062's Connect and ConnectionBind, MS-TURN's Set Active
 * Destination). False for the rest (Binding, Send and Data, indications),
 * which say nothing about the allocation and would crowd out the pending
 * transactions. transport: RELAY_UDP or RELAY_TCP. */
bool relay_msg_of(const turn_msg_t *m, unsigned transport, relay_msg_t *out);

/* ---- Verdicts ---- */

typedef enum {
    RELAY_V_NONE = 0,
    RELAY_V_UDP_UNANSWERED,     /* Allocate over UDP never answered, the relay not
                                   reached over TCP (yet) */
    RELAY_V_UDP_BLOCKED,        /* ... and the same relay answered over TCP: media
                                   falls back to TCP */
    RELAY_V_REFUSED,            /* credentials refused after the challenge: a signed
                                   request answered by 401 again, or 431 */
    RELAY_V_ERROR,              /* another error, in words by its code */
    RELAY_V_COUNT
} relay_verdict_t;

/* "UDP to relay blocked, TCP fallback": short, for a value_string. */
const char *relay_verdict_name(relay_verdict_t v);
/* What it means and what to do, for the finding's words; the caller adds
 * the relay, the client and the frames. */
const char *relay_verdict_words(relay_verdict_t v);

/* Error codes a relay answers with (RFC 5389, RFC 5766, RFC 6062, RFC 8656,
 * MS-TURN), as a value_string-style table. */
typedef struct {
    uint16_t code;
    const char *name;   /* "Allocation Quota Reached" */
    const char *cause;  /* what usually lies behind it, for the finding's words */
} relay_code_name_t;

extern const relay_code_name_t relay_code_names[];
extern const size_t relay_n_code_names;

/* NULL for a code not in the table. */
const char *relay_code_name(uint16_t code);
/* What usually causes it; a general sentence for an unknown code. */
const char *relay_code_cause(uint16_t code);

/* ---- The thresholds ---- */

/* UDP is judged unanswered after this many Allocate requests (each
 * retransmission counts) over at least this span with no answer at all:
 * RFC 5389's retransmissions are at 0, 0.5, 1.5 and 3.5 s, and a relay
 * that answers does so within a round trip. */
#define RELAY_UNANSWERED_ATTEMPTS 3
#define RELAY_UNANSWERED_SPAN_NS 2000000000LL

/* Grows an array; realloc-like. The epan glue hands in file-scoped wmem,
 * the unit tests plain realloc. */
typedef void *(*relay_grow_fn)(void *ctx, void *old, size_t size);

typedef struct {
    relay_grow_fn grow;
    void *ctx;
    uint32_t min_attempts;  /* RELAY_UNANSWERED_ATTEMPTS unless configured; 0 is taken as 1 */
    int64_t min_span_ns;    /* RELAY_UNANSWERED_SPAN_NS unless configured */
} relay_env_t;

/* ---- A client and its relays ---- */

/* Relay addresses followed per client; further relays are counted, not
 * followed. A Teams call touches two or three. */
#define RELAY_MAX_RELAYS 16
/* Transactions in flight per client: a client's first burst of Allocates
 * and their retransmissions fit. When full, a finished one makes room, else
 * the oldest pending one is forgotten, and its answer, if any, comes as one
 * whose request was not seen. An answer ahead of its request waits for it
 * only in a free or finished slot. */
#define RELAY_MAX_PENDING 8
/* Verdicts remembered per client for later passes. Each is raised once
 * per relay (an error once per relay and code), so this is rarely met. */
#define RELAY_MAX_MARKS 32
/* Error codes remembered per relay, each judged on its first answer. */
#define RELAY_MAX_CODES 4

/* A verdict, on the frame that shows it. */
typedef struct {
    uint32_t frame;
    uint32_t about;     /* the frame it looks back to: the first unanswered
                           request, the refused request; 0 if not seen */
    uint16_t code;      /* RELAY_V_REFUSED, RELAY_V_ERROR: the error code */
    uint8_t verdict;    /* relay_verdict_t */
    uint8_t relay;      /* index into the client's relays */
    uint8_t method;     /* turn_method_t of the transaction */
    uint8_t transport;  /* RELAY_UDP or RELAY_TCP */
} relay_mark_t;

/* One transport to one relay. */
typedef struct {
    uint32_t requests;      /* Allocate requests, retransmissions included */
    uint32_t answers;       /* responses of any method, copies left out */
    uint32_t first_frame;   /* first Allocate request */
    int64_t first_t_ns;
    uint32_t first_answer;  /* first response's frame */
} relay_leg_t;

typedef struct {
    uint8_t addr[16];
    relay_leg_t leg[2];         /* [0] UDP, [1] TCP */
    uint8_t tried;              /* RELAY_UDP | RELAY_TCP: transports that carried requests */
    uint32_t first_frame, last_frame;
    uint32_t allocated;         /* first Allocate success */
    uint32_t succeeded;         /* last success of any method */
    uint32_t unreadable;        /* last error whose code could not be read */
    uint32_t challenged;        /* last 401 or 438 that asked for (new) credentials */
    uint32_t redirected;        /* last answer that sent the client elsewhere: to alt */
    uint8_t alt[16];
    uint32_t unanswered;        /* RELAY_V_UDP_UNANSWERED raised (also with UDP_BLOCKED) */
    uint32_t blocked;           /* RELAY_V_UDP_BLOCKED raised */
    uint32_t refused;           /* RELAY_V_REFUSED raised */
    uint16_t refused_code;
    uint16_t last_code;         /* last error that is no challenge or redirect */
    uint16_t codes[RELAY_MAX_CODES]; /* error codes judged, each once */
    uint8_t n_codes;
    uint8_t verdicts;           /* bit (1 << relay_verdict_t) of each raised */
} relay_peer_t;

typedef struct {
    uint8_t id[16];
    uint32_t request;       /* first sighting of the request, 0: not (yet) seen */
    int64_t request_t_ns;
    uint32_t response;      /* first response, 0: none yet */
    uint8_t relay;          /* the relay asked (or, response first, the one that answered) */
    uint8_t method;
    uint8_t transport;
    uint8_t response_kind;  /* relay_msg_kind_t, response first */
    bool signed_;
    bool after_challenge;   /* sent to answer a challenge: its relay's, or that of a
                               relay that sent the client to it, with no success since */
    bool used;
} relay_txn_t;

/* The client as the caller's table keys it: the client's address. */
typedef struct {
    uint8_t af;         /* 4 or 6 */
    uint8_t addr[16];   /* zero-padded after the first 4 for IPv4 */
} relay_client_key_t;

/* Signatures match GLib's GHashFunc and GEqualFunc. */
unsigned int relay_client_key_hash(const void *k);
int relay_client_key_equal(const void *a, const void *b);

typedef struct {
    relay_client_key_t key;     /* first: the caller's table may key on &c->key */
    relay_peer_t *relays;       /* grown, to RELAY_MAX_RELAYS */
    uint8_t n_relays, cap_relays;
    relay_txn_t txns[RELAY_MAX_PENDING];
    uint8_t next_txn;           /* the slot to reuse when all are busy */
    relay_mark_t *marks;        /* grown, to RELAY_MAX_MARKS, in frame order */
    uint8_t n_marks, cap_marks;
    uint32_t relays_dropped;    /* messages of relays past RELAY_MAX_RELAYS */
    uint32_t marks_dropped;     /* verdicts raised but not remembered */
    uint32_t evicted;           /* pending requests forgotten for room */
    uint32_t orphans;           /* responses whose request was not seen */
} relay_client_t;

/* af 4 or 6; addr: 4 or 16 bytes. */
void relay_client_init(relay_client_t *c, int af, const uint8_t *addr);
/* Frees what the client grew, with free_fn (the unit tests; the epan glue's
 * file-scoped memory goes with the file). */
void relay_client_release(relay_client_t *c, void (*free_fn)(void *));

/* What one message did, for the packet's tree and findings. */
typedef struct {
    relay_mark_t mark;      /* the verdict raised on this message; RELAY_V_NONE: none */
    uint32_t peer;          /* request: its response when that came first; response:
                               its request's first frame; 0 when not seen */
    int64_t response_ns;    /* response: since its request; UCD_NS_NONE when unknown */
    bool retransmit;        /* request: its transaction was seen before */
    bool duplicate;         /* response: its transaction was answered before */
    bool challenge;         /* a 401 or 438 asking for (new) credentials: normal */
} relay_step_t;

/* First pass, frames in order: one message between the client and the
 * relay address `relay` (the request's destination, the response's
 * source; of the client's af). False when it is not followed: its relay
 * is one too many for the client, or grow failed. */
bool relay_observe(relay_client_t *c, const relay_env_t *env, const uint8_t *relay, const relay_msg_t *msg,
                   uint32_t frame, int64_t t_ns, relay_step_t *out);

/* The verdicts raised on this frame, on any pass (a TCP segment may hold
 * several messages: on the first pass, ask after its last); *first points
 * at the first of them. */
unsigned relay_marks_at(const relay_client_t *c, uint32_t frame, const relay_mark_t **first);

/* ---- The `-z ucdiag,relays` table: one row per client and relay ---- */

typedef enum {
    RELAY_OUT_NONE = 0,         /* responses only: the requests are not in the capture */
    RELAY_OUT_ALLOCATED,        /* an Allocate succeeded */
    RELAY_OUT_IN_USE,           /* answers to Refresh, CreatePermission...: allocated
                                   before the capture began */
    RELAY_OUT_CHALLENGED,       /* challenged only: 401 or 438, and nothing after */
    RELAY_OUT_REDIRECTED,       /* sent to another relay (ALTERNATE-SERVER, 300) */
    RELAY_OUT_REFUSED,          /* credentials refused */
    RELAY_OUT_ERROR,            /* another error (code 0: unreadable) */
    RELAY_OUT_UNANSWERED,       /* requests and no answer at all */
    RELAY_OUT_COUNT
} relay_outcome_t;

typedef struct {
    relay_client_key_t client;
    uint8_t relay[16];
    uint8_t tried;              /* RELAY_UDP | RELAY_TCP: transports that carried requests */
    uint8_t answered;           /* ... and those that carried answers */
    uint8_t outcome;            /* relay_outcome_t */
    uint16_t code;              /* RELAY_OUT_REFUSED, RELAY_OUT_ERROR: the error code */
    uint32_t requests[2];       /* Allocate requests over UDP [0] and TCP [1] */
    uint32_t first_frame, last_frame;
    uint32_t late_answer;       /* UDP's first answer, when after the UDP verdict */
    uint8_t verdicts;           /* bit (1 << relay_verdict_t) of each raised */
} relay_row_t;

/* Row i (0 .. c->n_relays - 1); false past the end. */
bool relay_row(const relay_client_t *c, unsigned i, relay_row_t *out);
/* "allocated", "challenged only", "refused"...: the outcome alone. */
const char *relay_outcome_name(relay_outcome_t o);
/* The outcome with its code: "error 486 (Allocation Quota Reached)",
 * "refused 431 (Integrity Check Failure)", "allocated". */
size_t relay_outcome_text(const relay_row_t *r, char *out, size_t outsz);
/* "UDP", "TCP", "UDP, TCP", "none" */
const char *relay_transports_name(unsigned bits);

#endif /* RELAY_LOGIC_H */
