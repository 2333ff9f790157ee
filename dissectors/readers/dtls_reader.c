/* dtls_reader.c
 * Telling DTLS that keys SRTP (RFC 5764) from other bytes: the records'
 * headers, and the use_srtp extension in a cleartext hello; see
 * dtls_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "dtls_reader.h"

#include "bytes.h"

#define DTLS_RECORD_HEADER 13
#define DTLS_HANDSHAKE_HEADER 12
#define TLS_EXT_USE_SRTP 14

/* Walks a ClientHello or ServerHello body for the use_srtp extension. */
static bool
hello_asks_srtp(const uint8_t *h, size_t n, bool client)
{
    size_t pos = 2 + 32, end;

    if (pos + 1 > n)
        return false;
    pos += 1 + h[pos]; /* session id */
    if (client) {
        if (pos + 1 > n)
            return false;
        pos += 1 + h[pos]; /* cookie */
        if (pos + 2 > n)
            return false;
        pos += 2 + be16(h + pos); /* cipher suites */
        if (pos + 1 > n)
            return false;
        pos += 1 + h[pos]; /* compression methods */
    } else {
        pos += 2 + 1; /* cipher suite, compression method */
    }
    if (pos + 2 > n)
        return false;
    end = pos + 2 + be16(h + pos);
    if (end > n)
        end = n;
    pos += 2;
    while (pos + 4 <= end) {
        if (be16(h + pos) == TLS_EXT_USE_SRTP)
            return true;
        pos += 4 + be16(h + pos + 2);
    }
    return false;
}

/* DTLS records at p; media only when a hello negotiates SRTP (RFC 5764). */
bool
dtls_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    size_t pos = 0;
    bool srtp = false;

    if (avail < DTLS_RECORD_HEADER || p[0] < 20 || p[0] > 23 || p[1] != 0xfe)
        return false;
    while (pos + DTLS_RECORD_HEADER <= avail && pos < len) {
        const uint8_t *r = p + pos;
        size_t rlen = be16(r + 11), body = pos + DTLS_RECORD_HEADER;
        if (r[0] < 20 || r[0] > 23 || r[1] != 0xfe)
            return false;
        if (r[0] == 22 && be16(r + 3) == 0 && rlen >= DTLS_HANDSHAKE_HEADER && body + DTLS_HANDSHAKE_HEADER <= avail) {
            const uint8_t *hs = p + body;
            uint8_t type = hs[0];
            size_t frag_off = ((size_t)hs[6] << 16) | ((size_t)hs[7] << 8) | hs[8];
            size_t frag_len = ((size_t)hs[9] << 16) | ((size_t)hs[10] << 8) | hs[11];
            size_t have = avail - body - DTLS_HANDSHAKE_HEADER;
            if (frag_len > rlen - DTLS_HANDSHAKE_HEADER)
                frag_len = rlen - DTLS_HANDSHAKE_HEADER;
            if (frag_len < have)
                have = frag_len;
            if ((type == 1 || type == 2) && frag_off == 0 &&
                hello_asks_srtp(hs + DTLS_HANDSHAKE_HEADER, have, type == 1))
                srtp = true;
        }
        pos = body + rlen;
    }
    if (!srtp || pos != len)
        return false;
    out->kind = MEDIA_DTLS;
    out->strong = true;
    return true;
}
