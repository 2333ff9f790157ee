/* stun_reader.h
 * Is this a STUN or TURN message? Both the RFC 5389 form with its magic
 * cookie and the RFC 3489 / MS-TURN form without it that Lync and Skype for
 * Business send, whose attributes may or may not be padded. No epan header,
 * so it is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STUN_READER_H
#define STUN_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "media_packet.h"

#define STUN_HEADER 20
#define STUN_COOKIE 0x2112A442u

/* Whether t is a message type of RFC 3489 or MS-TURN: binding, shared
 * secret, allocate, send, data indication, set active destination, with
 * their responses. Without a cookie only these are taken for STUN. */
bool classic_stun_type(uint16_t t);

/* Whether the attributes of the STUN message at p fill its body_len bytes
 * of body exactly, each padded to 4 bytes (RFC 5389, RFC 3489) or not padded
 * at all (MS-TURN, as Teams sends it). Where the capture (avail bytes) stops
 * first, what was seen fitting is enough. */
bool stun_attrs_fill(const uint8_t *p, size_t avail, size_t body_len, bool padded);

/* A STUN message at p, of exactly len bytes (stream: at least len, as a
 * TCP segment may hold more), of which avail were captured. MEDIA_STUN with
 * the cookie, MEDIA_STUN_CLASSIC without it when the type is classic and
 * the attributes fill the body, MEDIA_NONE otherwise. */
media_kind_t stun_at(const uint8_t *p, size_t avail, size_t len, bool stream);

/* A walk over the attributes of one STUN message, for the readers that look
 * inside. Padding is what fills the body: unpadded only when the message is
 * all captured and only the unpadded walk fills it, since a cut capture
 * cannot tell and most stacks pad. The walk stops at the message's end or
 * the capture's, whichever comes first. */
typedef struct {
    size_t pos, end;
    bool padded;
} stun_walk_t;

/* p holds at least STUN_HEADER of its avail bytes. */
void stun_walk_init(stun_walk_t *w, const uint8_t *p, size_t avail);
/* The next attribute's type and declared length, and where its value
 * starts; false when no whole attribute header is left. The value may run
 * past w->end: check value + len <= w->end before reading it. */
bool stun_walk_next(stun_walk_t *w, const uint8_t *p, uint16_t *type, uint16_t *len, size_t *value);

#endif /* STUN_READER_H */
