/* test_turn_reader.c
 * Unit tests of the TURN reader (dissectors/readers/turn_reader.c): RFC
 * 5766/8656 allocations with the cookie, MS-TURN's as Teams' relays and the
 * Edge send them, ERROR-CODE and its reason, ALTERNATE-SERVER, the methods
 * each dialect numbers its own way, and every message cut at every length.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stun_reader.h"
#include "turn_reader.h"
#include "turn_packets.h"
#include "check.h"

/* turn_read on a heap copy of exactly the captured bytes, so that a
 * sanitized build sees any read past them. */
static bool
read_captured(const uint8_t *p, size_t avail, size_t len, turn_msg_t *m)
{
    uint8_t *copy = malloc(avail ? avail : 1);
    bool ok;

    memcpy(copy, p, avail);
    ok = turn_read(copy, avail, len, m);
    free(copy);
    return ok;
}

static bool
read_whole(const tmsg_t *t, turn_msg_t *m)
{
    return read_captured(t->p, t->n, t->n, m);
}

/* RFC 5766 6: the first Allocate goes unsigned, the 401 brings realm and
 * nonce, the second is signed, the success hands out the relayed address. */
static void
test_rfc_allocation(void)
{
    tmsg_t t;
    turn_msg_t m;

    tmsg_rfc_allocate(&t, 0x11, 0);
    CHECK(read_whole(&t, &m));
    CHECK(m.method == TURN_M_ALLOCATE && m.cls == TURN_CLASS_REQUEST && m.raw_method == 3);
    CHECK(m.cookie && !m.ms_turn && m.padded && m.attrs_fit && !m.cut);
    CHECK(m.id_len == 12 && m.id[0] == 0x21 && m.id[4] == 0x11 && m.id[15] == 0x11);
    CHECK(m.attrs == TURN_A_REQUESTED_TRANSPORT && !turn_msg_signed(&m));

    tmsg_rfc_allocate_error(&t, 0x11, 401, "Unauthorized");
    CHECK(read_whole(&t, &m));
    CHECK(m.method == TURN_M_ALLOCATE && m.cls == TURN_CLASS_ERROR && m.error_code == 401);
    CHECK(m.reason_len == 12 && m.reason_declared == 12 && memcmp(t.p + m.reason_off, "Unauthorized", 12) == 0);
    CHECK((m.attrs & (TURN_A_REALM | TURN_A_NONCE | TURN_A_ERROR_CODE)) ==
          (TURN_A_REALM | TURN_A_NONCE | TURN_A_ERROR_CODE));

    tmsg_rfc_allocate(&t, 0x12, 1);
    CHECK(read_whole(&t, &m));
    CHECK(turn_msg_signed(&m) && (m.attrs & TURN_A_USERNAME) && (m.attrs & TURN_A_REALM) &&
          (m.attrs & TURN_A_NONCE) && m.n_attrs == 5);

    tmsg_rfc_allocate_ok(&t, 0x12);
    CHECK(read_whole(&t, &m));
    CHECK(m.cls == TURN_CLASS_SUCCESS && turn_msg_relayed(&m) && (m.attrs & TURN_A_XOR_MAPPED));
    CHECK(!m.error_code);
    /* a success without a relayed address hands out nothing */
    tmsg_begin(&t, 0x0103, 1, 0x12, 1);
    tmsg_attr32(&t, 0x000d, 600);
    CHECK(read_whole(&t, &m) && !turn_msg_relayed(&m));
}

/* The methods TURN added after Allocate, with their numbers (RFC 5766 13,
 * RFC 6062 6.1), and a CreatePermission refused with 403. */
static void
test_rfc_methods(void)
{
    static const struct {
        uint16_t type;
        turn_method_t method;
        turn_class_t cls;
    } cases[] = {
        { 0x0001, TURN_M_BINDING, TURN_CLASS_REQUEST },
        { 0x0101, TURN_M_BINDING, TURN_CLASS_SUCCESS },
        { 0x0004, TURN_M_REFRESH, TURN_CLASS_REQUEST },
        { 0x0104, TURN_M_REFRESH, TURN_CLASS_SUCCESS },
        { 0x0016, TURN_M_SEND, TURN_CLASS_INDICATION },
        { 0x0017, TURN_M_DATA, TURN_CLASS_INDICATION },
        { 0x0008, TURN_M_CREATE_PERMISSION, TURN_CLASS_REQUEST },
        { 0x0118, TURN_M_CREATE_PERMISSION, TURN_CLASS_ERROR },
        { 0x0009, TURN_M_CHANNEL_BIND, TURN_CLASS_REQUEST },
        { 0x0109, TURN_M_CHANNEL_BIND, TURN_CLASS_SUCCESS },
        { 0x000a, TURN_M_CONNECT, TURN_CLASS_REQUEST },
        { 0x000b, TURN_M_CONNECTION_BIND, TURN_CLASS_REQUEST },
        { 0x001c, TURN_M_CONNECTION_ATTEMPT, TURN_CLASS_INDICATION },
        { 0x0115, TURN_M_OTHER, TURN_CLASS_ERROR },   /* method 5 has no meaning with the cookie */
        { 0x3fff, TURN_M_OTHER, TURN_CLASS_ERROR },   /* every method and class bit set */
    };
    tmsg_t t;
    turn_msg_t m;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tmsg_begin(&t, cases[i].type, 1, 0x20, 1);
        CHECK(read_whole(&t, &m) && m.method == cases[i].method && m.cls == cases[i].cls);
    }
    CHECK(read_whole(&t, &m) && m.raw_method == 0xfff);

    tmsg_begin(&t, 0x0118, 1, 0x21, 1);
    tmsg_error(&t, 403, "Forbidden");
    CHECK(read_whole(&t, &m) && m.error_code == 403 && m.reason_len == 9);
}

/* MS-TURN as Teams' transport relays send it: the cookie's bytes in the
 * header, MAGIC-COOKIE first, MS-VERSION, attributes unpadded. The 401 to
 * the first Allocate carries the reason, an ALTERNATE-SERVER at 0x000E,
 * NONCE at 0x0014 and REALM at 0x0015 ([MS-TURN] 2.2.2). */
static void
test_ms_turn_teams(void)
{
    static const char reason[] = "The request did not contain a Message-Integrity attribute";
    static const uint8_t nonce[20] = { 0x02, 0x4e, 0xcb, 0xf8 };
    static const uint8_t hmac[20] = { 0x7e };
    tmsg_t t;
    turn_msg_t m;

    tmsg_ms_begin(&t, 0x0113, 1, 0x31);
    tmsg_error(&t, 401, reason);
    tmsg_addr4(&t, 0x000e, 3478, 0x3472fa8d); /* 52.114.250.141:3478 */
    tmsg_attr(&t, 0x0014, nonce, sizeof nonce);
    tmsg_attr(&t, 0x0015, "\"rtcmedia\"", 10);
    CHECK((t.n - 20) % 4 != 0);
    CHECK(read_whole(&t, &m));
    CHECK(m.ms_turn && m.cookie && !m.padded && m.attrs_fit && m.ms_version == 6);
    CHECK(m.method == TURN_M_ALLOCATE && m.cls == TURN_CLASS_ERROR && m.error_code == 401);
    CHECK(m.reason_len == sizeof reason - 1 && memcmp(t.p + m.reason_off, reason, m.reason_len) == 0);
    CHECK((m.attrs & (TURN_A_NONCE | TURN_A_REALM | TURN_A_ALTERNATE_SERVER | TURN_A_MAGIC_COOKIE |
                      TURN_A_MS_VERSION)) ==
          (TURN_A_NONCE | TURN_A_REALM | TURN_A_ALTERNATE_SERVER | TURN_A_MAGIC_COOKIE | TURN_A_MS_VERSION));
    CHECK(m.alt.af == 4 && m.alt.port == 3478 && m.alt.addr[0] == 52 && m.alt.addr[3] == 141);

    /* the signed Allocate that follows, to the alternate server */
    tmsg_ms_begin(&t, 0x0003, 1, 0x32);
    tmsg_attr(&t, 0x0014, nonce, sizeof nonce);
    tmsg_attr(&t, 0x0015, "\"rtcmedia\"", 10);
    tmsg_attr(&t, 0x0006, "user-token-of-56-bytes-or-so", 28);
    tmsg_attr(&t, 0x0008, hmac, sizeof hmac);
    CHECK(read_whole(&t, &m) && turn_msg_signed(&m) && (m.attrs & TURN_A_USERNAME));

    /* its success: LIFETIME, MAPPED-ADDRESS (the relayed address in
     * MS-TURN), XOR-MAPPED at 0x8020, MS-SEQUENCE-NUMBER, and an unpadded
     * 9-byte version string */
    tmsg_ms_begin(&t, 0x0103, 1, 0x32);
    tmsg_attr32(&t, 0x000d, 60);
    tmsg_addr4(&t, 0x0001, 3480, 0x3472fa8d);
    tmsg_addr4(&t, 0x8020, 0xc1d5, 0x71a76a0a);
    tmsg_attr(&t, 0x8050, nonce, sizeof nonce);
    tmsg_attr(&t, 0x8022, "2.0.1.211", 9);
    tmsg_attr(&t, 0x0008, hmac, sizeof hmac);
    CHECK(read_whole(&t, &m) && turn_msg_relayed(&m));
    CHECK((m.attrs & (TURN_A_MS_SEQUENCE | TURN_A_XOR_MAPPED | TURN_A_SOFTWARE | TURN_A_LIFETIME)) ==
          (TURN_A_MS_SEQUENCE | TURN_A_XOR_MAPPED | TURN_A_SOFTWARE | TURN_A_LIFETIME));

    /* MS-TURN's Send request is method 4, where TURN has Refresh */
    tmsg_ms_begin(&t, 0x0004, 1, 0x33);
    CHECK(read_whole(&t, &m) && m.method == TURN_M_SEND && m.cls == TURN_CLASS_REQUEST);
}

/* MS-TURN at the Skype for Business Edge and RFC 3489: no cookie, a 16-byte
 * transaction ID; Data indication 0x0115, Set Active Destination 0x0006. */
static void
test_ms_turn_edge(void)
{
    tmsg_t t;
    turn_msg_t m;

    tmsg_begin(&t, 0x0003, 0, 0x41, 0);
    tmsg_attr32(&t, 0x000f, 0x72C64BC6u);
    tmsg_attr32(&t, 0x0010, 12000);
    CHECK(read_whole(&t, &m));
    CHECK(!m.cookie && m.ms_turn && m.id_len == 16 && m.id[0] == 0x41 && m.id[15] == 0x41);
    CHECK(m.method == TURN_M_ALLOCATE && m.cls == TURN_CLASS_REQUEST && m.ms_version == 0);

    tmsg_begin(&t, 0x0115, 0, 0x42, 0);
    tmsg_attr32(&t, 0x000f, 0x72C64BC6u);
    tmsg_attr(&t, 0x0013, "media", 5);
    CHECK(read_whole(&t, &m) && m.method == TURN_M_DATA && m.cls == TURN_CLASS_INDICATION);

    tmsg_begin(&t, 0x0006, 0, 0x43, 0);
    CHECK(read_whole(&t, &m) && m.method == TURN_M_SET_ACTIVE_DEST && m.cls == TURN_CLASS_REQUEST);

    /* RFC 3489 binding: no cookie, no MS-TURN attribute; numbered the old way */
    tmsg_begin(&t, 0x0001, 0, 0x44, 1);
    tmsg_addr4(&t, 0x0003, 0, 0); /* CHANGE-REQUEST's place, any attribute */
    CHECK(read_whole(&t, &m) && m.method == TURN_M_BINDING && m.ms_turn && m.padded);

    /* without the cookie only the classic types are STUN */
    tmsg_begin(&t, 0x0008, 0, 0x45, 0);
    CHECK(!read_whole(&t, &m));

    /* with the cookie but the MS-TURN MAGIC-COOKIE attribute somewhere
     * other than first and no MS-VERSION: RFC numbering, 0x0014 is REALM,
     * and 0x000E is no address */
    tmsg_begin(&t, 0x0113, 1, 0x46, 1);
    tmsg_attr32(&t, 0x0010, 1);
    tmsg_attr32(&t, 0x000f, 0x72C64BC6u);
    tmsg_attr(&t, 0x0014, "r", 1);
    tmsg_addr4(&t, 0x000e, 1, 0x0a000001);
    CHECK(read_whole(&t, &m) && !m.ms_turn && (m.attrs & TURN_A_REALM) && !(m.attrs & TURN_A_NONCE));
    CHECK(!(m.attrs & TURN_A_ALTERNATE_SERVER) && m.alt.af == 0);
    /* RFC's own ALTERNATE-SERVER (0x8023) counts, IPv6 too */
    {
        uint8_t a6[20] = { 0, 2, 0x0d, 0x96, 0x20, 0x01, 0x0d, 0xb8 };
        tmsg_attr(&t, 0x8023, a6, sizeof a6);
        CHECK(read_whole(&t, &m) && m.alt.af == 6 && m.alt.port == 3478 && m.alt.addr[1] == 0x01);
    }
}

/* What ERROR-CODE may be and still be read, and what not. */
static void
test_error_code(void)
{
    tmsg_t t;
    turn_msg_t m;
    uint8_t b[8] = { 0 };

    tmsg_begin(&t, 0x0113, 1, 0x51, 1);
    tmsg_error(&t, 486, "");
    CHECK(read_whole(&t, &m) && m.error_code == 486 && m.reason_len == 0);

    /* class 7 and number 100 are outside RFC 5389's range */
    tmsg_begin(&t, 0x0113, 1, 0x51, 1);
    b[2] = 7;
    tmsg_attr(&t, 0x0009, b, 4);
    CHECK(read_whole(&t, &m) && m.error_code == 0 && (m.attrs & TURN_A_ERROR_CODE));
    tmsg_begin(&t, 0x0113, 1, 0x51, 1);
    b[2] = 4;
    b[3] = 100;
    tmsg_attr(&t, 0x0009, b, 4);
    CHECK(read_whole(&t, &m) && m.error_code == 0);
    /* shorter than its fixed part */
    tmsg_begin(&t, 0x0113, 1, 0x51, 1);
    b[3] = 1;
    tmsg_attr(&t, 0x0009, b, 3);
    CHECK(read_whole(&t, &m) && m.error_code == 0 && m.reason_len == 0);

    /* a reason whose length runs past the message: only what is there */
    tmsg_begin(&t, 0x0113, 1, 0x51, 0);
    tmsg_error(&t, 508, "Insufficient Capacity");
    put16(t.p + 22, 200);
    CHECK(read_whole(&t, &m) && m.error_code == 508 && m.reason_declared == 196 &&
          m.reason_len == 21 && !m.attrs_fit);
}

/* Not STUN, or not all of it carried. */
static void
test_not_stun(void)
{
    tmsg_t t;
    turn_msg_t m;

    tmsg_rfc_allocate(&t, 0x61, 1);
    CHECK(!read_captured(t.p, t.n, t.n - 1, &m)); /* the message is longer than the datagram */
    CHECK(read_captured(t.p, t.n, t.n + 40, &m)); /* a stream may hold more after it */
    t.p[0] |= 0x40;                              /* ChannelData / RTP first bits */
    CHECK(!read_whole(&t, &m) && m.attrs == 0 && m.method == 0);
    CHECK(!turn_read(NULL, 0, 0, &m));
    CHECK(!read_captured(t.p, 19, 19, &m));
}

/* Every message above, cut by the capture at every length: read while the
 * header is there, never past what was captured, cut said, and nothing
 * seen that the whole message does not have. */
static void
cut_everywhere(const tmsg_t *t)
{
    turn_msg_t whole, m;
    size_t avail;

    CHECK(read_whole(t, &whole));
    for (avail = 0; avail <= t->n; avail++) {
        bool ok = read_captured(t->p, avail, t->n, &m);
        if (avail < 20) {
            if (ok)
                CHECK(!ok);
            continue;
        }
        if (!ok || m.method != whole.method || m.cls != whole.cls || (m.attrs & ~whole.attrs) ||
            m.cut != (avail < t->n) || (m.error_code && m.error_code != whole.error_code) ||
            m.reason_off + m.reason_len > avail || (m.alt.af && m.alt.af != whole.alt.af)) {
            CHECK(!"a cut message read wrongly");
            return;
        }
        /* the error code is known as soon as its four bytes are */
        if (whole.error_code && avail >= whole.reason_off && m.error_code != whole.error_code)
            CHECK(!"the error code was there to read");
    }
    passed++;
}

static void
test_truncation(void)
{
    static const char reason[] = "The request did not contain a Message-Integrity attribute";
    tmsg_t t;

    tmsg_rfc_allocate(&t, 0x71, 1);
    cut_everywhere(&t);
    tmsg_rfc_allocate_error(&t, 0x71, 401, "Unauthorized");
    cut_everywhere(&t);
    tmsg_rfc_allocate_ok(&t, 0x71);
    cut_everywhere(&t);
    tmsg_ms_begin(&t, 0x0113, 1, 0x72);
    tmsg_error(&t, 401, reason);
    tmsg_addr4(&t, 0x000e, 3478, 0x3472fa8d);
    tmsg_attr(&t, 0x0015, "\"rtcmedia\"", 10);
    cut_everywhere(&t);
    tmsg_begin(&t, 0x0113, 0, 0x73, 0);
    tmsg_attr32(&t, 0x000f, 0x72C64BC6u);
    tmsg_error(&t, 437, "Allocation Mismatch");
    cut_everywhere(&t);
}

/* ---- The messages of one payload ---- */

/* Every message the walk finds in the first avail of len bytes (a heap copy
 * of just those, for the sanitizers): the offsets, as "20,84", and the
 * methods' class bits of each, through *kinds as "RE" (request, error). */
static unsigned
walk(const uint8_t *p, size_t avail, size_t len, bool stream, char *offs, size_t offsz, char *kinds)
{
    uint8_t *copy = malloc(avail ? avail : 1);
    turn_payload_t w;
    turn_msg_t m;
    size_t off, n = 0;
    unsigned found = 0;

    memcpy(copy, p, avail);
    offs[0] = '\0';
    turn_payload_init(&w, stream);
    while (turn_payload_next(&w, copy, avail, len, &off, &m)) {
        if (off + STUN_HEADER > avail || found >= 15) {
            CHECK(!"a message outside what was captured");
            break;
        }
        n += (size_t)snprintf(offs + n, offsz - n, "%s%zu", found ? "," : "", off);
        kinds[found++] = "RISE"[m.cls];
    }
    kinds[found] = '\0';
    free(copy);
    return found;
}

/* Appends t behind a framing: 0 bare, 2 or 3 MS-TURN's type, 4571 RFC
 * 4571's length. */
static size_t
put_framed(uint8_t *at, const tmsg_t *t, unsigned framing)
{
    size_t h = framing == 0 ? 0 : framing == 4571 ? 2 : 4;

    if (framing == 4571) {
        put16(at, (unsigned)t->n);
    } else if (framing) {
        at[0] = (uint8_t)framing;
        at[1] = 0;
        put16(at + 2, (unsigned)t->n);
    }
    memcpy(at + h, t->p, t->n);
    return h + t->n;
}

static void
test_payload(void)
{
    static const uint8_t channel[8] = { 0x40, 0x00, 0x00, 0x03, 0x80, 0x00, 0x00 }; /* 3 bytes, padded */
    static const uint8_t tls[8] = { 0x17, 0x03, 0x03, 0x00, 0x40, 0x00, 0x00, 0x00 };
    uint8_t seg[1024];
    char offs[128], kinds[20];
    tmsg_t req, err, ok;
    size_t n, a;

    tmsg_rfc_allocate(&req, 0x81, 1);
    tmsg_rfc_allocate_error(&err, 0x81, 401, "Unauthorized");
    tmsg_ms_begin(&ok, 0x0103, 1, 0x82);
    tmsg_attr(&ok, 0x0015, "\"rtcmedia\"", 10); /* leaves the message unpadded */

    /* a datagram: its one message; nothing behind its first byte otherwise */
    CHECK(walk(req.p, req.n, req.n, false, offs, sizeof offs, kinds) == 1 && strcmp(offs, "0") == 0);
    CHECK(walk(channel, 8, 8, false, offs, sizeof offs, kinds) == 0);
    /* TURN over TCP: bare messages back to back, ChannelData between */
    n = put_framed(seg, &req, 0);
    memcpy(seg + n, channel, 8);
    n += 8;
    a = n;
    n += put_framed(seg + n, &err, 0);
    n += put_framed(seg + n, &ok, 0);
    CHECK(walk(seg, n, n, true, offs, sizeof offs, kinds) == 3 && strcmp(kinds, "RES") == 0);
    CHECK(strtoul(strchr(offs, ',') + 1, NULL, 10) == a);
    /* MS-TURN's framing: control frames around STUN, a data frame skipped */
    n = put_framed(seg, &ok, 2);
    n += put_framed(seg + n, &req, 3);
    a = n;
    n += put_framed(seg + n, &err, 2);
    CHECK(walk(seg, n, n, true, offs, sizeof offs, kinds) == 2 && strcmp(kinds, "SE") == 0);
    CHECK(strtoul(strchr(offs, ',') + 1, NULL, 10) == a + 4);
    /* RFC 4571's 2-byte length */
    n = put_framed(seg, &req, 4571);
    n += put_framed(seg + n, &err, 4571);
    CHECK(walk(seg, n, n, true, offs, sizeof offs, kinds) == 2 && strtoul(offs, NULL, 10) == 2 &&
          strtoul(strchr(offs, ',') + 1, NULL, 10) == 2 + req.n + 2);
    /* TLS stops the walk; so does a message the segment ends inside */
    memcpy(seg, tls, 8);
    CHECK(walk(seg, 8, 8, true, offs, sizeof offs, kinds) == 0);
    n = put_framed(seg, &req, 2);
    CHECK(walk(seg, n - 1, n - 1, true, offs, sizeof offs, kinds) == 0);
    /* a capture cut inside the second message: the first, and the second as
     * far as it goes; cut everywhere, never a read past the bytes kept */
    n = put_framed(seg, &req, 0);
    n += put_framed(seg + n, &err, 0);
    for (a = 0; a <= n; a++) {
        unsigned k = walk(seg, a, n, true, offs, sizeof offs, kinds);
        if (k != (a >= req.n + STUN_HEADER ? 2u : a >= STUN_HEADER ? 1u : 0u))
            CHECK(!"a cut segment walked wrongly");
    }
    /* a segment of nothing but tiny frames costs a bounded walk */
    memset(seg, 0, sizeof seg);
    for (a = 0; a < sizeof seg; a += 4)
        seg[a] = 0x40;
    CHECK(walk(seg, sizeof seg, sizeof seg, true, offs, sizeof offs, kinds) == 0);
}

static void
test_names(void)
{
    CHECK(strcmp(turn_method_name(TURN_M_ALLOCATE), "Allocate") == 0);
    CHECK(strcmp(turn_method_name(TURN_M_CREATE_PERMISSION), "CreatePermission") == 0);
    CHECK(strcmp(turn_method_name((turn_method_t)99), "unknown method") == 0);
    CHECK(strcmp(turn_class_name(TURN_CLASS_ERROR), "error response") == 0);
    CHECK(strcmp(turn_class_name((turn_class_t)9), "unknown class") == 0);
}

int
main(void)
{
    test_rfc_allocation();
    test_rfc_methods();
    test_ms_turn_teams();
    test_ms_turn_edge();
    test_error_code();
    test_not_stun();
    test_truncation();
    test_payload();
    test_names();
    return check_summary();
}
