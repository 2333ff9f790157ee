/* boot_packets.h
 * Builders of the packets a phone's bootstrap exchanges (DNS, NTP, TLS
 * hellos and alerts), shared by the reader tests and the timeline tests so
 * that both read the same bytes. Static inline: each test uses some.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_BOOT_PACKETS_H
#define UCDIAG_TEST_BOOT_PACKETS_H

#include <stdbool.h>
#include <string.h>

#include "dns_reader.h"
#include "ntp_reader.h"
#include "tls_reader.h"
#include "check.h"

#define SEC 1000000000LL

static inline size_t
put_name(uint8_t *p, const char *dotted)
{
    size_t w = 0;

    while (*dotted) {
        const char *dot = strchr(dotted, '.');
        size_t l = dot ? (size_t)(dot - dotted) : strlen(dotted);
        p[w++] = (uint8_t)l;
        memcpy(p + w, dotted, l);
        w += l;
        dotted += l + (dot ? 1 : 0);
    }
    p[w++] = 0;
    return w;
}

/* A query, or an answer with n A records (name compressed to the question). */
static inline size_t
dns(uint8_t *p, uint16_t id, bool response, uint8_t rcode, const char *name, uint16_t qtype, unsigned n_a)
{
    size_t w = 12;
    unsigned i;

    memset(p, 0, 12);
    put16(p, id);
    p[2] = response ? 0x81 : 0x01;
    p[3] = (uint8_t)(0x80 | rcode);
    put16(p + 4, 1);
    put16(p + 6, (uint16_t)n_a);
    w += put_name(p + w, name);
    put16(p + w, qtype);
    put16(p + w + 2, 1);
    w += 4;
    for (i = 0; i < n_a; i++) {
        put16(p + w, 0xc00c);
        put16(p + w + 2, BOOT_DNS_TYPE_A);
        put16(p + w + 4, 1);
        put32(p + w + 6, 300);
        put16(p + w + 10, 4);
        put32(p + w + 12, 0x0a4e0300u + i + 5);
        w += 16;
    }
    return w;
}

static inline size_t
ntp(uint8_t *p, uint8_t mode, uint32_t secs)
{
    memset(p, 0, 48);
    p[0] = (uint8_t)(4 << 3 | mode);
    p[1] = mode == BOOT_NTP_MODE_SERVER ? 3 : 0;
    put32(p + 40, secs);
    put32(p + 44, 0x80000000u);
    return 48;
}

/* A record header. */
static inline size_t
rec(uint8_t *p, uint8_t type, size_t len)
{
    p[0] = type;
    p[1] = 3;
    p[2] = 3;
    put16(p + 3, (unsigned)len);
    return 5;
}

static inline size_t
client_hello(uint8_t *p, const char *sni)
{
    size_t w = 5 + 4, hs, ext;
    size_t l = strlen(sni);

    p[w++] = 3;
    p[w++] = 3;
    memset(p + w, 0x11, 32);
    w += 32;
    p[w++] = 0;              /* session id */
    put16(p + w, 2);         /* one cipher suite */
    put16(p + w + 2, 0xc02f);
    w += 4;
    p[w++] = 1;
    p[w++] = 0;
    ext = w;
    w += 2;
    put16(p + w, 0);         /* server_name */
    put16(p + w + 2, (unsigned)(l + 5));
    put16(p + w + 4, (unsigned)(l + 3));
    p[w + 6] = 0;
    put16(p + w + 7, (unsigned)l);
    memcpy(p + w + 9, sni, l);
    w += 9 + l;
    put16(p + ext, (unsigned)(w - ext - 2));
    hs = w - 9;
    p[5] = 1;
    p[6] = 0;
    put16(p + 7, (unsigned)hs);
    rec(p, BOOT_TLS_CT_HANDSHAKE, w - 5);
    return w;
}

static inline size_t
server_hello(uint8_t *p, uint16_t version)
{
    size_t w = 5 + 4;

    p[w++] = 3;
    p[w++] = 3;
    memset(p + w, 0x22, 32);
    w += 32;
    p[w++] = 0;
    put16(p + w, 0x1301);
    p[w + 2] = 0;
    w += 3;
    put16(p + w, 6);
    put16(p + w + 2, 43);
    put16(p + w + 4, 2);
    put16(p + w + 6, version);
    w += 8;
    p[5] = 2;
    p[6] = 0;
    put16(p + 7, (unsigned)(w - 9));
    rec(p, BOOT_TLS_CT_HANDSHAKE, w - 5);
    return w;
}

static inline size_t
alert(uint8_t *p, uint8_t level, uint8_t desc)
{
    rec(p, BOOT_TLS_CT_ALERT, 2);
    p[5] = level;
    p[6] = desc;
    return 7;
}

/* A Certificate handshake message (RFC 5246 7.4.2), its 4-byte header
 * included, holding n certificates. */
static inline size_t
certificate_msg(uint8_t *p, const uint8_t *const *der, const size_t *len, size_t n)
{
    size_t w = 4 + 3, i;

    for (i = 0; i < n; i++) {
        put24(p + w, (uint32_t)len[i]);
        memcpy(p + w + 3, der[i], len[i]);
        w += 3 + len[i];
    }
    p[0] = BOOT_TLS_HS_CERTIFICATE;
    put24(p + 1, (uint32_t)(w - 4));
    put24(p + 4, (uint32_t)(w - 7));
    return w;
}

#endif /* UCDIAG_TEST_BOOT_PACKETS_H */
