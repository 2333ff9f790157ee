/* turn_reader.h
 * What a STUN or TURN message says about an allocation at a media relay:
 * its method and class, its transaction ID, its ERROR-CODE, whether it
 * carries credentials, and the addresses a success hands out. Two dialects
 * share the wire:
 *   - RFC 5389/8489 STUN with RFC 5766/8656 TURN: the magic cookie in the
 *     header, a 12-byte transaction ID, attributes padded to 4 bytes;
 *   - MS-TURN (Lync, Skype for Business, Teams' transport relays) and
 *     RFC 3489: a 16-byte transaction ID where the cookie would be (Teams
 *     puts the cookie's bytes there, the Edge does not), the MAGIC-COOKIE
 *     attribute first, attributes often left unpadded, and its own numbers
 *     for some methods and attributes (Send is method 4, where TURN has
 *     Refresh; NONCE is 0x0014 and REALM 0x0015, the other way round from
 *     RFC 5389).
 * Which padding a message uses is stun_reader's walk. No epan header, so it
 * is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TURN_READER_H
#define TURN_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    TURN_CLASS_REQUEST = 0,
    TURN_CLASS_INDICATION = 1,
    TURN_CLASS_SUCCESS = 2,
    TURN_CLASS_ERROR = 3
} turn_class_t;

/* Methods by meaning, whichever dialect numbered them. */
typedef enum {
    TURN_M_OTHER = 0,
    TURN_M_BINDING,
    TURN_M_SHARED_SECRET,
    TURN_M_ALLOCATE,
    TURN_M_REFRESH,             /* TURN; MS-TURN refreshes with Allocate */
    TURN_M_SEND,                /* TURN's indication, MS-TURN's request (method 4) */
    TURN_M_DATA,                /* TURN's indication, MS-TURN's 0x0115 */
    TURN_M_CREATE_PERMISSION,
    TURN_M_CHANNEL_BIND,
    TURN_M_SET_ACTIVE_DEST,     /* MS-TURN only (method 6) */
    TURN_M_CONNECT,             /* RFC 6062, TCP allocations */
    TURN_M_CONNECTION_BIND,
    TURN_M_CONNECTION_ATTEMPT,
    TURN_M_COUNT
} turn_method_t;

/* Bits of turn_msg_t.attrs: the attributes present, by meaning. */
enum {
    TURN_A_MAPPED = 1u << 0,            /* 0x0001: MS-TURN's relayed address in an Allocate success */
    TURN_A_USERNAME = 1u << 1,          /* 0x0006 */
    TURN_A_INTEGRITY = 1u << 2,         /* 0x0008, or MESSAGE-INTEGRITY-SHA256 0x001C */
    TURN_A_ERROR_CODE = 1u << 3,        /* 0x0009 */
    TURN_A_LIFETIME = 1u << 4,          /* 0x000D */
    TURN_A_MAGIC_COOKIE = 1u << 5,      /* 0x000F: MS-TURN's first attribute */
    TURN_A_REALM = 1u << 6,             /* 0x0014 (RFC 5389), 0x0015 (MS-TURN) */
    TURN_A_NONCE = 1u << 7,             /* 0x0015 (RFC 5389), 0x0014 (MS-TURN) */
    TURN_A_XOR_RELAYED = 1u << 8,       /* 0x0016 */
    TURN_A_REQUESTED_TRANSPORT = 1u << 9, /* 0x0019 */
    TURN_A_XOR_MAPPED = 1u << 10,       /* 0x0020, or 0x8020 as MS-TURN and early stacks number it */
    TURN_A_ALTERNATE_SERVER = 1u << 11, /* 0x8023; MS-TURN 0x000E */
    TURN_A_MS_VERSION = 1u << 12,       /* 0x8008 */
    TURN_A_MS_SEQUENCE = 1u << 13,      /* 0x8050: MS-SEQUENCE-NUMBER */
    TURN_A_MS_ALT_MAPPED = 1u << 14,    /* 0x8090: MS-TURN's IPv6 relayed address */
    TURN_A_SOFTWARE = 1u << 15,         /* 0x8022 */
    TURN_A_FINGERPRINT = 1u << 16       /* 0x8028 */
};

/* A transport address as an attribute carries it: af 4 or 6, 0 for none. */
typedef struct {
    uint8_t af;
    uint16_t port;
    uint8_t addr[16];
} turn_addr_t;

/* The MAGIC-COOKIE attribute's value [MS-TURN] 2.2.2.6. */
#define TURN_MS_MAGIC 0x72C64BC6u

typedef struct {
    uint16_t type;          /* the message type as sent */
    uint16_t raw_method;    /* its 12 method bits */
    uint8_t method;         /* turn_method_t */
    uint8_t cls;            /* turn_class_t */
    bool cookie;            /* RFC 5389's magic cookie in the header */
    bool ms_turn;           /* MS-TURN / RFC 3489 numbering: no cookie in the header, the
                               MAGIC-COOKIE attribute first, or MS-VERSION present */
    bool padded;            /* attributes padded to 4 bytes */
    bool cut;               /* the capture stops before the message's end: attributes
                               after it are unknown, and so are those after the first
                               whose length leaves the padding in doubt */
    bool attrs_fit;         /* the attributes walked end exactly at the message's end */
    /* Bytes 4 to 19 as sent: the cookie and 12-byte ID of RFC 5389, or
     * MS-TURN's 16-byte ID. A response repeats them, so matching compares
     * all 16 either way. */
    uint8_t id[16];
    uint8_t id_len;         /* 12 with the cookie, 16 without */
    uint32_t attrs;         /* TURN_A_* */
    uint16_t n_attrs;       /* attribute headers walked */
    /* ERROR-CODE: class * 100 + number, 0 when absent, cut by the capture,
     * shorter than 4 bytes, or outside classes 3-6 and numbers 0-99. */
    uint16_t error_code;
    size_t reason_off;      /* its reason phrase: offset from the message's start */
    uint16_t reason_len;    /* bytes of it present in both message and capture */
    uint16_t reason_declared; /* bytes the attribute's length claims for it */
    uint32_t ms_version;    /* MS-VERSION's value, 0 when absent */
    /* ALTERNATE-SERVER, where a relay sends the client instead (Teams'
     * relays name it in their 401); af 0 when absent or unreadable. */
    turn_addr_t alt;
} turn_msg_t;

/* Reads the STUN message at p: avail bytes captured of len the transport
 * carried from p on (a datagram's payload, what is left of a TCP segment);
 * the message's own length must fit in len, which may hold more after it.
 * Without the cookie only the message types of RFC 3489 and MS-TURN are
 * taken (classic_stun_type). False when it is no STUN message; then *out
 * is zeroed. */
bool turn_read(const uint8_t *p, size_t avail, size_t len, turn_msg_t *out);

/* A request signed with the credentials the relay handed out. */
static inline bool
turn_msg_signed(const turn_msg_t *m)
{
    return (m->attrs & TURN_A_INTEGRITY) != 0;
}

/* An Allocate success that hands out a relayed address: XOR-RELAYED-ADDRESS,
 * or MS-TURN's MAPPED-ADDRESS / MS-ALT-MAPPED-ADDRESS. */
bool turn_msg_relayed(const turn_msg_t *m);

/* ---- The messages of one UDP payload or TCP segment ---- */

/* A datagram carries one message at its start. A TCP segment to a relay
 * may carry several, framed as the relay's dialect frames them: bare, back
 * to back (TURN over TCP, ChannelData padded to 4 bytes between them),
 * each behind MS-TURN's 4-byte framing (type 2 control, type 3 data, the
 * Edge's and Teams' TCP 443), or behind RFC 4571's 2-byte length. The walk
 * takes each message's framing as it comes, skips frames that carry data,
 * and stops at anything else, at the capture's end or the segment's. */
typedef struct {
    size_t pos;         /* where the next look starts */
    unsigned looked;    /* messages and frames looked at */
    bool stream;        /* a TCP segment */
    bool done;
} turn_payload_t;

/* Messages and frames looked at per payload at most: a hostile segment of
 * tiny frames costs no more than this. */
#define TURN_PAYLOAD_MAX 16

void turn_payload_init(turn_payload_t *w, bool stream);
/* The payload's next STUN message: at p + *off, read into *out; p holds
 * avail bytes captured of the len the transport carried. False when no
 * more is found. */
bool turn_payload_next(turn_payload_t *w, const uint8_t *p, size_t avail, size_t len, size_t *off,
                       turn_msg_t *out);

/* "Allocate", "CreatePermission"...; "unknown method" for TURN_M_OTHER. */
const char *turn_method_name(turn_method_t m);
/* "request", "indication", "success response", "error response" */
const char *turn_class_name(turn_class_t c);

#endif /* TURN_READER_H */
