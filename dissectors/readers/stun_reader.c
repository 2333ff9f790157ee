/* stun_reader.c
 * Telling a STUN or TURN message (RFC 5389, RFC 3489, MS-TURN) from other
 * bytes by its header and the walk of its attributes; see stun_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "stun_reader.h"

#include "bytes.h"

/* Message types of RFC 3489 and MS-TURN (which has no magic cookie in the
 * header): binding, shared secret, allocate, send, data indication, set
 * active destination, with their responses. */
bool
classic_stun_type(uint16_t t)
{
    switch (t) {
    case 0x0001: case 0x0101: case 0x0111:
    case 0x0002: case 0x0102: case 0x0112:
    case 0x0003: case 0x0103: case 0x0113:
    case 0x0004: case 0x0104: case 0x0114: case 0x0115:
    case 0x0006: case 0x0106: case 0x0116:
        return true;
    default:
        return false;
    }
}

bool
stun_attrs_fill(const uint8_t *p, size_t avail, size_t body_len, bool padded)
{
    size_t pos = STUN_HEADER, end = STUN_HEADER + body_len;

    while (pos < end) {
        size_t alen;
        if (pos + 4 > end)
            return false;
        if (pos + 4 > avail)
            return true; /* the capture stops here; what was seen fits */
        alen = be16(p + pos + 2);
        pos += 4 + (padded ? ((alen + 3) & ~(size_t)3) : alen);
    }
    return pos == end;
}

/* A STUN message starting at p, of exactly `len` bytes (stream: at least). */
media_kind_t
stun_at(const uint8_t *p, size_t avail, size_t len, bool stream)
{
    size_t body;
    uint16_t type;

    if (avail < STUN_HEADER || (p[0] & 0xc0) != 0)
        return MEDIA_NONE;
    type = be16(p);
    body = be16(p + 2);
    /* RFC 5389 pads attributes to 4 bytes; MS-TURN does not, so the length
     * need not be a multiple of 4 */
    if (stream ? STUN_HEADER + body > len : STUN_HEADER + body != len)
        return MEDIA_NONE;
    if (be32(p + 4) == STUN_COOKIE)
        return MEDIA_STUN;
    if (classic_stun_type(type) &&
        (stun_attrs_fill(p, avail, body, true) || stun_attrs_fill(p, avail, body, false)))
        return MEDIA_STUN_CLASSIC;
    return MEDIA_NONE;
}

void
stun_walk_init(stun_walk_t *w, const uint8_t *p, size_t avail)
{
    size_t end = STUN_HEADER + (size_t)be16(p + 2);

    w->pos = STUN_HEADER;
    w->padded = !(end <= avail && !stun_attrs_fill(p, avail, end - STUN_HEADER, true) &&
                  stun_attrs_fill(p, avail, end - STUN_HEADER, false));
    w->end = end < avail ? end : avail;
}

bool
stun_walk_next(stun_walk_t *w, const uint8_t *p, uint16_t *type, uint16_t *len, size_t *value)
{
    if (w->pos + 4 > w->end)
        return false;
    *type = be16(p + w->pos);
    *len = be16(p + w->pos + 2);
    *value = w->pos + 4;
    w->pos += 4 + (w->padded ? (((size_t)*len + 3) & ~(size_t)3) : *len);
    return true;
}
