/* media_packets.h
 * Builders of the media packets the tests read (RTP, STUN, an RTCP compound
 * packet, a DTLS hello offering SRTP), shared by the reader tests and the
 * media_logic tests so that both read the same bytes. Static inline: each
 * test uses some.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_MEDIA_PACKETS_H
#define UCDIAG_TEST_MEDIA_PACKETS_H

#include <string.h>

#include "check.h"

/* An RTP header (V=2, PT 0) and `body` bytes of payload that look random. */
static inline size_t
rtp(uint8_t *p, uint16_t seq, uint32_t ssrc, size_t body)
{
    size_t i;

    p[0] = 0x80;
    p[1] = 0x00;
    put16(p + 2, seq);
    put32(p + 4, 160u * seq);
    put32(p + 8, ssrc);
    for (i = 0; i < body; i++)
        p[12 + i] = (uint8_t)(i * 37 + seq);
    return 12 + body;
}

/* A STUN binding request with the magic cookie and one attribute. */
static inline size_t
stun(uint8_t *p)
{
    memset(p, 0, 32);
    put16(p, 0x0001);
    put16(p + 2, 12);
    put32(p + 4, 0x2112A442);
    memset(p + 8, 0x5a, 12);
    put16(p + 20, 0x0006); /* USERNAME, 5 bytes, padded */
    put16(p + 22, 5);
    memcpy(p + 24, "ab:cd", 5);
    return 32;
}

/* An RTCP compound packet: SR (28 bytes) + SDES (12 bytes), ending exactly. */
static inline size_t
rtcp_compound(uint8_t *p)
{
    memset(p, 0, 40);
    p[0] = 0x80; p[1] = 200; put16(p + 2, 6); put32(p + 4, 0xabcdef01);
    p[28] = 0x81; p[29] = 202; put16(p + 30, 2); put32(p + 32, 0xabcdef01);
    p[36] = 1; p[37] = 1; p[38] = 'x';
    return 40;
}

/* A DTLS ClientHello offering use_srtp, in one record; p must hold 300 zero
 * bytes' room. */
static inline size_t
dtls_hello(uint8_t *p)
{
    uint8_t *hs = p + 13, *b = hs + 12;
    size_t pos = 0, body;

    memset(p, 0, 300);
    p[0] = 22; p[1] = 0xfe; p[2] = 0xff;                     /* handshake, DTLS 1.0, epoch 0 */
    b[pos++] = 0xfe; b[pos++] = 0xfd; pos += 32;              /* version, random */
    b[pos++] = 0;                                              /* session id */
    b[pos++] = 0;                                              /* cookie */
    put16(b + pos, 2); pos += 2; put16(b + pos, 0xc02b); pos += 2;
    b[pos++] = 1; b[pos++] = 0;                                /* compression */
    put16(b + pos, 9); pos += 2;                               /* extensions */
    put16(b + pos, 0x000e); put16(b + pos + 2, 5); pos += 4;
    put16(b + pos, 2); put16(b + pos + 2, 0x0001); b[pos + 4] = 0; pos += 5;
    body = pos;
    hs[0] = 1;
    hs[1] = 0; put16(hs + 2, (unsigned)body);                  /* length */
    hs[9] = 0; put16(hs + 10, (unsigned)body);                 /* fragment length, offset 0 */
    put16(p + 11, (unsigned)(12 + body));
    return 13 + 12 + body;
}

#endif /* UCDIAG_TEST_MEDIA_PACKETS_H */
