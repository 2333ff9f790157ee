/* turn_packets.h
 * Builders of the STUN/TURN messages that the TURN reader and the relay
 * logic tests read: RFC 5766/8656 allocations with the magic cookie and
 * padded attributes, and MS-TURN's as Teams' transport relays and the Skype
 * for Business Edge send them (MAGIC-COOKIE attribute first, attributes
 * unpadded, a 16-byte transaction ID). Layouts from RFC 5389 section 6 and
 * 15, RFC 5766 section 14 and [MS-TURN] 2.2. Static inline: each test uses
 * some.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_TURN_PACKETS_H
#define UCDIAG_TEST_TURN_PACKETS_H

#include <string.h>

#include "check.h"

#define T_COOKIE 0x2112A442u

/* A message being built: its bytes, its length so far, and whether its
 * attributes are padded to 4 bytes. */
typedef struct {
    uint8_t p[512];
    size_t n;
    int padded;
} tmsg_t;

/* The 20-byte header. cookie: RFC 5389's cookie then 12 ID bytes; without
 * it, 16 ID bytes (MS-TURN at the Edge, RFC 3489). The ID's bytes are all
 * id_byte, so that tests tell transactions apart by one number. */
static inline void
tmsg_begin(tmsg_t *m, uint16_t type, int cookie, uint8_t id_byte, int padded)
{
    memset(m, 0, sizeof *m);
    put16(m->p, type);
    if (cookie) {
        put32(m->p + 4, T_COOKIE);
        memset(m->p + 8, id_byte, 12);
    } else {
        memset(m->p + 4, id_byte, 16);
    }
    m->n = 20;
    m->padded = padded;
}

/* One attribute; the header's length follows. */
static inline void
tmsg_attr(tmsg_t *m, uint16_t type, const void *value, size_t len)
{
    put16(m->p + m->n, type);
    put16(m->p + m->n + 2, (unsigned)len);
    memcpy(m->p + m->n + 4, value, len);
    m->n += 4 + len;
    if (m->padded)
        while (m->n % 4)
            m->p[m->n++] = 0;
    put16(m->p + 2, (unsigned)(m->n - 20));
}

static inline void
tmsg_attr32(tmsg_t *m, uint16_t type, uint32_t v)
{
    uint8_t b[4];

    put32(b, v);
    tmsg_attr(m, type, b, 4);
}

/* ERROR-CODE (RFC 5389 15.6): 21 zero bits, class, number, reason. */
static inline void
tmsg_error(tmsg_t *m, unsigned code, const char *reason)
{
    uint8_t b[128];
    size_t r = strlen(reason);

    memset(b, 0, 4);
    b[2] = (uint8_t)(code / 100);
    b[3] = (uint8_t)(code % 100);
    memcpy(b + 4, reason, r);
    tmsg_attr(m, 0x0009, b, 4 + r);
}

/* An IPv4 transport address as MAPPED-ADDRESS and ALTERNATE-SERVER carry it
 * (family 1, port, address, not XORed). */
static inline void
tmsg_addr4(tmsg_t *m, uint16_t type, uint16_t port, uint32_t addr)
{
    uint8_t b[8] = { 0, 1 };

    put16(b + 2, port);
    put32(b + 4, addr);
    tmsg_attr(m, type, b, 8);
}

/* MS-TURN's first attribute: MAGIC-COOKIE 0x72C64BC6 ([MS-TURN] 2.2.2.6). */
static inline void
tmsg_ms_begin(tmsg_t *m, uint16_t type, int cookie, uint8_t id_byte)
{
    tmsg_begin(m, type, cookie, id_byte, 0);
    tmsg_attr32(m, 0x000f, 0x72C64BC6u);
    tmsg_attr32(m, 0x8008, 6); /* MS-VERSION 6: multiplexed TURN over UDP and TCP */
}

/* RFC 5766 Allocate request: REQUESTED-TRANSPORT UDP; signed adds
 * USERNAME, REALM, NONCE and a 20-byte MESSAGE-INTEGRITY. */
static inline void
tmsg_rfc_allocate(tmsg_t *m, uint8_t id_byte, int signed_)
{
    static const uint8_t udp[4] = { 17, 0, 0, 0 };
    static const uint8_t hmac[20] = { 0xa5 };

    tmsg_begin(m, 0x0003, 1, id_byte, 1);
    tmsg_attr(m, 0x0019, udp, 4);
    if (signed_) {
        tmsg_attr(m, 0x0006, "alice", 5);
        tmsg_attr(m, 0x0014, "example.org", 11);  /* REALM in RFC 5389 */
        tmsg_attr(m, 0x0015, "f00dcafe", 8);      /* NONCE */
        tmsg_attr(m, 0x0008, hmac, 20);
    }
}

/* An Allocate error: the code and a short reason; a 401 or 438 brings a
 * REALM and NONCE (RFC 5389 10.2). */
static inline void
tmsg_rfc_allocate_error(tmsg_t *m, uint8_t id_byte, unsigned code, const char *reason)
{
    tmsg_begin(m, 0x0113, 1, id_byte, 1);
    tmsg_error(m, code, reason);
    if (code == 401 || code == 438) {
        tmsg_attr(m, 0x0014, "example.org", 11);
        tmsg_attr(m, 0x0015, "f00dbeef", 8);
    }
}

/* An Allocate success: XOR-RELAYED-ADDRESS, LIFETIME, XOR-MAPPED-ADDRESS. */
static inline void
tmsg_rfc_allocate_ok(tmsg_t *m, uint8_t id_byte)
{
    static const uint8_t xaddr[8] = { 0, 1, 0x21 ^ 0xc0, 0x12, 0x2b, 0x13, 0xa4, 0x47 };

    tmsg_begin(m, 0x0103, 1, id_byte, 1);
    tmsg_attr(m, 0x0016, xaddr, 8);
    tmsg_attr32(m, 0x000d, 600);
    tmsg_attr(m, 0x0020, xaddr, 8);
}

#endif
