/* tls_flight.c
 * The handshake messages in a run of TLS records (RFC 5246 6.2.1, 7.4); see
 * tls_flight.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tls_flight.h"

#include <string.h>

#include "bytes.h"

#define TLS_RECORD_HEADER 5
#define TLS_CT_HANDSHAKE 22
/* RFC 5246 6.2.1: a plaintext fragment is at most 2^14 bytes. */
#define TLS_MAX_FRAGMENT 16384

bool
tls_flight_starts(const uint8_t *p, size_t len)
{
    return len >= TLS_RECORD_HEADER && p[0] == TLS_CT_HANDSHAKE && p[1] == 3 && p[2] <= 3 &&
           be16(p + 3) > 0 && be16(p + 3) <= TLS_MAX_FRAGMENT;
}

size_t
tls_flight_handshakes(const uint8_t *p, size_t len, uint8_t *out, size_t outsz, bool *whole)
{
    size_t pos = 0, n = 0;

    *whole = true;
    while (tls_flight_starts(p + pos, len - pos)) {
        size_t frag = be16(p + pos + 3), take;

        pos += TLS_RECORD_HEADER;
        take = frag;
        if (take > len - pos) {
            take = len - pos;
            *whole = false;
        }
        if (take > outsz - n) {
            take = outsz - n;
            *whole = false;
        }
        memcpy(out + n, p + pos, take);
        n += take;
        if (take < frag)
            break;
        pos += frag;
    }
    return n;
}

bool
tls_flight_find(const uint8_t *hs, size_t n, uint8_t type, size_t *body, size_t *msg_len, size_t *avail)
{
    size_t pos = 0;

    while (pos + 4 <= n) {
        size_t len = ((size_t)hs[pos + 1] << 16) | be16(hs + pos + 2);

        if (hs[pos] == type) {
            *body = pos + 4;
            *msg_len = len;
            *avail = n - *body < len ? n - *body : len;
            return true;
        }
        if (len > n - pos - 4)
            return false;
        pos += 4 + len;
    }
    return false;
}
