/* turn_reader.c
 * Reading a STUN/TURN message for the relay logic (RFC 5389, RFC 5766,
 * RFC 8656, RFC 6062, MS-TURN); see turn_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "turn_reader.h"

#include <string.h>

#include "bytes.h"
#include "stun_reader.h"

/* The message type interleaves the class bits (C1 at bit 8, C0 at bit 4)
 * with the method's twelve (RFC 5389 6). */
static uint16_t
method_bits(uint16_t t)
{
    return (uint16_t)((t & 0x000f) | ((t & 0x00e0) >> 1) | ((t & 0x3e00) >> 2));
}

static turn_class_t
class_bits(uint16_t t)
{
    return (turn_class_t)(((t & 0x0100) >> 7) | ((t & 0x0010) >> 4));
}

#define MS_DATA_INDICATION 0x0115

static turn_method_t
ms_method(uint16_t raw)
{
    switch (raw) {
    case 0x001: return TURN_M_BINDING;
    case 0x002: return TURN_M_SHARED_SECRET;
    case 0x003: return TURN_M_ALLOCATE;
    case 0x004: return TURN_M_SEND;
    case 0x006: return TURN_M_SET_ACTIVE_DEST;
    default:    return TURN_M_OTHER;
    }
}

static turn_method_t
rfc_method(uint16_t raw)
{
    switch (raw) {
    case 0x001: return TURN_M_BINDING;
    case 0x002: return TURN_M_SHARED_SECRET;
    case 0x003: return TURN_M_ALLOCATE;
    case 0x004: return TURN_M_REFRESH;
    case 0x006: return TURN_M_SEND;
    case 0x007: return TURN_M_DATA;
    case 0x008: return TURN_M_CREATE_PERMISSION;
    case 0x009: return TURN_M_CHANNEL_BIND;
    case 0x00a: return TURN_M_CONNECT;
    case 0x00b: return TURN_M_CONNECTION_BIND;
    case 0x00c: return TURN_M_CONNECTION_ATTEMPT;
    default:    return TURN_M_OTHER;
    }
}

/* Attributes whose number means the same in both dialects. */
static uint32_t
common_attr_bit(uint16_t type)
{
    switch (type) {
    case 0x0001: return TURN_A_MAPPED;
    case 0x0006: return TURN_A_USERNAME;
    case 0x0008: case 0x001c: return TURN_A_INTEGRITY;
    case 0x0009: return TURN_A_ERROR_CODE;
    case 0x000d: return TURN_A_LIFETIME;
    case 0x000f: return TURN_A_MAGIC_COOKIE;
    case 0x0016: return TURN_A_XOR_RELAYED;
    case 0x0019: return TURN_A_REQUESTED_TRANSPORT;
    case 0x0020: case 0x8020: return TURN_A_XOR_MAPPED;
    case 0x8023: return TURN_A_ALTERNATE_SERVER;
    case 0x8008: return TURN_A_MS_VERSION;
    case 0x8050: return TURN_A_MS_SEQUENCE;
    case 0x8090: return TURN_A_MS_ALT_MAPPED;
    case 0x8022: return TURN_A_SOFTWARE;
    case 0x8028: return TURN_A_FINGERPRINT;
    default:     return 0;
    }
}

/* What the dialect decides, seen during the walk and resolved after it:
 * MS-VERSION may come after REALM and NONCE. */
enum {
    SEEN_0014 = 1u << 0,
    SEEN_0015 = 1u << 1,
    SEEN_000E = 1u << 2
};

/* ERROR-CODE (RFC 5389 15.6): 21 reserved bits, the class in 3 bits, the
 * number 0-99, then the reason phrase. */
static void
read_error(turn_msg_t *m, const uint8_t *v, size_t value, uint16_t alen, size_t end)
{
    unsigned cls, number;

    if (alen < 4 || value + 4 > end)
        return;
    cls = v[2] & 0x07;
    number = v[3];
    if (cls >= 3 && cls <= 6 && number < 100)
        m->error_code = (uint16_t)(cls * 100 + number);
    m->reason_off = value + 4;
    m->reason_declared = (uint16_t)(alen - 4);
    m->reason_len = value + alen <= end ? m->reason_declared : (uint16_t)(end - m->reason_off);
}

/* ALTERNATE-SERVER: reserved, family (1: IPv4, 2: IPv6), port, address,
 * not XORed in either dialect. The first whole one is kept. */
static void
read_address(turn_addr_t *a, const uint8_t *v, size_t value, uint16_t alen, size_t end)
{
    size_t n;

    if (a->af || alen < 8 || value + 4 > end)
        return;
    n = v[1] == 1 ? 4 : v[1] == 2 ? 16 : 0;
    if (!n || alen < 4 + n || value + 4 + n > end)
        return;
    a->af = v[1] == 1 ? 4 : 6;
    a->port = be16(v + 2);
    memcpy(a->addr, v + 4, n);
}

static void
walk_attrs(const uint8_t *p, size_t avail, turn_msg_t *m, unsigned *seen, turn_addr_t *ms_alt)
{
    stun_walk_t w;
    uint16_t type, alen;
    size_t value;

    stun_walk_init(&w, p, avail);
    m->padded = w.padded;
    while (stun_walk_next(&w, p, &type, &alen, &value)) {
        const uint8_t *v = p + value;
        bool whole = value + alen <= w.end;

        if (m->n_attrs == 0 && type == 0x000f && alen == 4 && whole && be32(v) == TURN_MS_MAGIC)
            m->ms_turn = true;
        m->n_attrs++;
        m->attrs |= common_attr_bit(type);
        if (type == 0x0014)
            *seen |= SEEN_0014;
        else if (type == 0x0015)
            *seen |= SEEN_0015;
        else if (type == 0x000e)
            *seen |= SEEN_000E;
        if (type == 0x0009 && !m->error_code)
            read_error(m, v, value, alen, w.end);
        else if (type == 0x8008 && alen >= 4 && value + 4 <= w.end)
            m->ms_version = be32(v);
        else if (type == 0x8023)
            read_address(&m->alt, v, value, alen, w.end);
        else if (type == 0x000e)
            read_address(ms_alt, v, value, alen, w.end);
        /* A cut message cannot tell whether it is padded: after a length
         * that is no multiple of 4, the next attribute may start at either
         * of two places, and a guess would invent attributes. */
        if (m->cut && (alen & 3))
            break;
    }
    m->attrs_fit = w.pos == STUN_HEADER + (size_t)be16(p + 2);
}

bool
turn_read(const uint8_t *p, size_t avail, size_t len, turn_msg_t *out)
{
    unsigned seen = 0;
    turn_addr_t ms_alt;

    memset(out, 0, sizeof *out);
    memset(&ms_alt, 0, sizeof ms_alt);
    if (avail > len)
        avail = len;
    if (!p || avail < STUN_HEADER || (p[0] & 0xc0) != 0 || STUN_HEADER + (size_t)be16(p + 2) > len)
        return false;
    if (be32(p + 4) != STUN_COOKIE && !classic_stun_type(be16(p)))
        return false;
    out->type = be16(p);
    out->cookie = be32(p + 4) == STUN_COOKIE;
    out->raw_method = method_bits(out->type);
    out->cls = (uint8_t)class_bits(out->type);
    memcpy(out->id, p + 4, 16);
    out->id_len = out->cookie ? 12 : 16;
    out->cut = STUN_HEADER + (size_t)be16(p + 2) > avail;

    walk_attrs(p, avail, out, &seen, &ms_alt);
    if (!out->cookie || (out->attrs & TURN_A_MS_VERSION))
        out->ms_turn = true;
    if (out->ms_turn) {
        out->attrs |= (seen & SEEN_0014 ? TURN_A_NONCE : 0) | (seen & SEEN_0015 ? TURN_A_REALM : 0) |
                      (seen & SEEN_000E ? TURN_A_ALTERNATE_SERVER : 0);
        /* 0x000E means nothing to RFC 5389: its address counts in MS-TURN only */
        if (!out->alt.af)
            out->alt = ms_alt;
        if (out->type == MS_DATA_INDICATION) {
            out->method = TURN_M_DATA;
            out->cls = TURN_CLASS_INDICATION;
        } else {
            out->method = (uint8_t)ms_method(out->raw_method);
        }
    } else {
        out->attrs |= (seen & SEEN_0014 ? TURN_A_REALM : 0) | (seen & SEEN_0015 ? TURN_A_NONCE : 0);
        out->method = (uint8_t)rfc_method(out->raw_method);
    }
    return true;
}

bool
turn_msg_relayed(const turn_msg_t *m)
{
    if (m->method != TURN_M_ALLOCATE || m->cls != TURN_CLASS_SUCCESS)
        return false;
    if (m->attrs & TURN_A_XOR_RELAYED)
        return true;
    return m->ms_turn && (m->attrs & (TURN_A_MAPPED | TURN_A_MS_ALT_MAPPED)) != 0;
}

/* ---- The messages of one payload ---- */

void
turn_payload_init(turn_payload_t *w, bool stream)
{
    memset(w, 0, sizeof *w);
    w->stream = stream;
}

/* A STUN message of n bytes at q, seen of them captured; stream: n is what
 * is left of the segment, and the message may end before it. */
static bool
stun_here(const uint8_t *q, size_t seen, size_t n, bool stream, turn_msg_t *out)
{
    return seen >= STUN_HEADER && (q[0] & 0xc0) == 0 && stun_at(q, seen, n, stream) != MEDIA_NONE &&
           turn_read(q, seen, n, out);
}

bool
turn_payload_next(turn_payload_t *w, const uint8_t *p, size_t avail, size_t len, size_t *off, turn_msg_t *out)
{
    if (avail > len)
        avail = len;
    while (!w->done && w->looked < TURN_PAYLOAD_MAX && avail >= 4 && w->pos <= avail - 4) {
        const uint8_t *q = p + w->pos;
        size_t at = w->pos, seen = avail - at, left = len - at, next;

        w->looked++;
        if (!w->stream) {
            w->done = true;
            *off = at;
            return stun_here(q, seen, left, false, out);
        }
        next = 4 + (size_t)be16(q + 2);
        /* MS-TURN's control frame first: its type byte 2 and reserved 0
         * would also read as the start of a STUN type */
        if (q[0] == 2 && q[1] == 0 && next <= left && stun_here(q + 4, seen - 4, next - 4, false, out)) {
            *off = at + 4;
            w->pos = at + next;
            return true;
        }
        if (stun_here(q, seen, left, true, out)) {
            *off = at;
            w->pos = at + STUN_HEADER + (size_t)be16(q + 2);
            return true;
        }
        if (be16(q) >= STUN_HEADER && 2 + (size_t)be16(q) <= left &&
            stun_here(q + 2, seen - 2, be16(q), false, out)) {
            *off = at + 2;
            w->pos = at + 2 + (size_t)be16(q);
            return true;
        }
        /* Frames that carry data between the messages: MS-TURN's type 3,
         * ChannelData padded as a stream pads it (RFC 8656 12.5) */
        if ((q[0] & 0xc0) == 0x40)
            next = 4 + (((size_t)be16(q + 2) + 3) & ~(size_t)3);
        else if (q[0] != 3 || q[1] != 0)
            break;
        if (next > left)
            break;
        w->pos = at + next;
    }
    w->done = true;
    memset(out, 0, sizeof *out);
    return false;
}

const char *
turn_method_name(turn_method_t m)
{
    static const char *const names[TURN_M_COUNT] = {
        [TURN_M_OTHER] = "unknown method",
        [TURN_M_BINDING] = "Binding",
        [TURN_M_SHARED_SECRET] = "Shared Secret",
        [TURN_M_ALLOCATE] = "Allocate",
        [TURN_M_REFRESH] = "Refresh",
        [TURN_M_SEND] = "Send",
        [TURN_M_DATA] = "Data",
        [TURN_M_CREATE_PERMISSION] = "CreatePermission",
        [TURN_M_CHANNEL_BIND] = "ChannelBind",
        [TURN_M_SET_ACTIVE_DEST] = "Set Active Destination",
        [TURN_M_CONNECT] = "Connect",
        [TURN_M_CONNECTION_BIND] = "ConnectionBind",
        [TURN_M_CONNECTION_ATTEMPT] = "ConnectionAttempt",
    };

    return (unsigned)m < TURN_M_COUNT ? names[m] : names[TURN_M_OTHER];
}

const char *
turn_class_name(turn_class_t c)
{
    switch (c) {
    case TURN_CLASS_REQUEST:    return "request";
    case TURN_CLASS_INDICATION: return "indication";
    case TURN_CLASS_SUCCESS:    return "success response";
    case TURN_CLASS_ERROR:      return "error response";
    default:                    return "unknown class";
    }
}
