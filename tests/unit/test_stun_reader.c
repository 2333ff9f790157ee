/* test_stun_reader.c
 * Unit tests of the STUN reader (dissectors/readers/stun_reader.c): the
 * RFC 5389 form with its cookie, the RFC 3489 / MS-TURN form without, padded
 * and unpadded attributes, and lengths that do not fit.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "stun_reader.h"
#include "media_packets.h"
#include "check.h"

static void
test_stun(void)
{
    uint8_t p[64];
    size_t n = stun(p);

    CHECK(stun_at(p, n, n, false) == MEDIA_STUN);
    CHECK(stun_at(p, n, n + 4, false) == MEDIA_NONE); /* the length must match the datagram */
    CHECK(stun_at(p, n, n + 40, true) == MEDIA_STUN);  /* a stream may hold more after it */
    put32(p + 4, 0x01020304);                          /* no cookie, not a 3489 type/walk */
    put16(p, 0x0009);
    CHECK(stun_at(p, n, n, false) == MEDIA_NONE);

    /* MS-TURN Allocate request: no cookie in the header; its Magic Cookie
     * attribute (0x000F) comes first */
    memset(p, 0, sizeof p);
    put16(p, 0x0003);
    put16(p + 2, 16);
    memset(p + 4, 0x33, 16);
    put16(p + 20, 0x000f);
    put16(p + 22, 4);
    put32(p + 24, 0x72c64bc6);
    put16(p + 28, 0x000d); /* LIFETIME */
    put16(p + 30, 4);
    CHECK(stun_at(p, 36, 36, false) == MEDIA_STUN_CLASSIC);
    put16(p + 30, 8); /* attributes no longer fill the body exactly */
    CHECK(stun_at(p, 36, 36, false) == MEDIA_NONE);
    put16(p + 30, 3); /* MS-TURN leaves an attribute unpadded: the body is 15 bytes */
    put16(p + 2, 15);
    CHECK(stun_at(p, 35, 35, false) == MEDIA_STUN_CLASSIC);
    /* which padding fills the body: only the unpadded one here */
    CHECK(stun_attrs_fill(p, 35, 15, false) && !stun_attrs_fill(p, 35, 15, true));
    /* cut by the capture inside the second attribute: what was seen fits */
    CHECK(stun_attrs_fill(p, 30, 15, false));

    /* Teams' allocate error with the cookie: 167 bytes of unpadded attributes */
    n = stun(p);
    put16(p + 2, 167);
    CHECK(stun_at(p, n, 20 + 167, false) == MEDIA_STUN);
}

/* Without a cookie only the classic methods count: an allocate, not an
 * unknown method 9. */
static void
test_classic_types(void)
{
    CHECK(classic_stun_type(0x0003) && classic_stun_type(0x0113) && classic_stun_type(0x0115));
    CHECK(!classic_stun_type(0x0009) && !classic_stun_type(0x0005));
}

/* The walk takes the padding that fills the body, and never leaves what
 * the message and the capture hold. */
static void
test_walk(void)
{
    uint8_t p[64];
    stun_walk_t w;
    uint16_t type, len;
    size_t value;

    /* MS-TURN form: REALM of 3 bytes unpadded, then LIFETIME */
    memset(p, 0, sizeof p);
    put16(p, 0x0003);
    put16(p + 2, 15);
    put16(p + 20, 0x0015);
    put16(p + 22, 3);
    memcpy(p + 24, "abc", 3);
    put16(p + 27, 0x000d);
    put16(p + 29, 4);
    stun_walk_init(&w, p, 35);
    CHECK(!w.padded && w.end == 35);
    CHECK(stun_walk_next(&w, p, &type, &len, &value) && type == 0x0015 && len == 3 && value == 24);
    CHECK(stun_walk_next(&w, p, &type, &len, &value) && type == 0x000d && len == 4 && value == 31);
    CHECK(!stun_walk_next(&w, p, &type, &len, &value));

    /* the same message cut inside its second attribute's header: read as
     * padded, and the walk stops at the capture's end */
    stun_walk_init(&w, p, 29);
    CHECK(w.padded && w.end == 29);
    CHECK(stun_walk_next(&w, p, &type, &len, &value) && type == 0x0015);
    CHECK(!stun_walk_next(&w, p, &type, &len, &value));

    /* a length that runs past the message: the value is not to be read */
    put16(p + 2, 8);
    put16(p + 22, 200);
    stun_walk_init(&w, p, 28);
    CHECK(stun_walk_next(&w, p, &type, &len, &value) && value + len > w.end);
    CHECK(!stun_walk_next(&w, p, &type, &len, &value));
}

int
main(void)
{
    test_stun();
    test_classic_types();
    test_walk();
    return check_summary();
}
