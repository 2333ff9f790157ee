/* test_tls_flight.c
 * Unit tests of the handshake flight reader (dissectors/readers/
 * tls_flight.c) and of which connections' certificates are judged
 * (dissectors/logic/cert_scope.c).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "cert_scope.h"
#include "tls_flight.h"
#include "check.h"

/* A record header: handshake, TLS 1.2, len bytes of fragment. */
static size_t
record(uint8_t *p, size_t len)
{
    p[0] = 22;
    p[1] = 3;
    p[2] = 3;
    put16(p + 3, (unsigned)len);
    return 5;
}

/* A handshake message header: type, 3-byte length. */
static size_t
hs_header(uint8_t *p, uint8_t type, size_t len)
{
    p[0] = type;
    p[1] = (uint8_t)(len >> 16);
    put16(p + 2, (unsigned)len);
    return 4;
}

static void
test_starts(void)
{
    uint8_t p[8] = { 22, 3, 3, 0, 10, 2, 0, 0 };

    CHECK(tls_flight_starts(p, sizeof p));
    CHECK(!tls_flight_starts(p, 4));
    p[0] = 23; /* application data */
    CHECK(!tls_flight_starts(p, sizeof p));
    p[0] = 22;
    p[1] = 2; /* SSL 2 */
    CHECK(!tls_flight_starts(p, sizeof p));
    p[1] = 3;
    p[3] = 0x50; /* 20480 bytes: longer than a fragment can be */
    CHECK(!tls_flight_starts(p, sizeof p));
    p[3] = 0;
    p[4] = 0; /* an empty handshake record */
    CHECK(!tls_flight_starts(p, sizeof p));
}

/* A Certificate message split over two records reads whole; the
 * ChangeCipherSpec after them ends the flight. */
static void
test_split_message(void)
{
    uint8_t p[64], out[64], msg[20];
    size_t n = 0, body, len, avail;
    bool whole;

    hs_header(msg, 11, 16);
    memset(msg + 4, 0xab, 16);
    n += record(p + n, 8);
    memcpy(p + n, msg, 8);
    n += 8;
    n += record(p + n, 12);
    memcpy(p + n, msg + 8, 12);
    n += 12;
    p[n++] = 20; /* ChangeCipherSpec */
    p[n++] = 3;
    p[n++] = 3;
    p[n++] = 0;
    p[n++] = 1;
    p[n++] = 1;
    CHECK(tls_flight_handshakes(p, n, out, sizeof out, &whole) == 20);
    CHECK(whole);
    CHECK(memcmp(out, msg, 20) == 0);
    CHECK(tls_flight_find(out, 20, 11, &body, &len, &avail));
    CHECK(body == 4 && len == 16 && avail == 16);
    CHECK(!tls_flight_find(out, 20, 13, &body, &len, &avail));
}

/* Cut by the capture or by the buffer: what is there, and not whole. */
static void
test_cut(void)
{
    uint8_t p[64], out[64];
    size_t n = 0, body, len, avail, cut;
    bool whole;

    n += record(p + n, 30);
    n += hs_header(p + n, 2, 2); /* a ServerHello of two bytes */
    p[n++] = 3;
    p[n++] = 3;
    n += hs_header(p + n, 11, 100); /* a Certificate longer than the record */
    memset(p + n, 0, 20);
    n += 20;
    for (cut = 0; cut <= n; cut++) {
        size_t got = tls_flight_handshakes(p, cut, out, sizeof out, &whole);
        CHECK(got <= 30);
        if (cut >= 5 && cut < n)
            CHECK(!whole);
    }
    CHECK(tls_flight_handshakes(p, n, out, 10, &whole) == 10);
    CHECK(!whole);
    CHECK(tls_flight_handshakes(p, n, out, sizeof out, &whole) == 30);
    CHECK(tls_flight_find(out, 30, 11, &body, &len, &avail));
    CHECK(body == 10 && len == 100 && avail == 20);
    /* A length running past the bytes ends the search for later types. */
    CHECK(!tls_flight_find(out, 30, 14, &body, &len, &avail));
}

static void
test_scope(void)
{
    CHECK(cert_sni_is_m365_uc("webdir.online.lync.com"));
    CHECK(cert_sni_is_m365_uc("teams.microsoft.com"));
    CHECK(cert_sni_is_m365_uc("api.flightproxy.teams.microsoft.com"));
    CHECK(cert_sni_is_m365_uc("worldaz.tr.teams.cloud.microsoft"));
    CHECK(!cert_sni_is_m365_uc("notlync.com"));
    CHECK(!cert_sni_is_m365_uc("lync.com.example.net"));
    CHECK(!cert_sni_is_m365_uc("www.google.com"));
    CHECK(!cert_sni_is_m365_uc(""));
    CHECK(!cert_sni_is_m365_uc(NULL));
    CHECK(cert_scope_of(5061, "", false, false) == CERT_SCOPE_SIP_TLS);
    CHECK(cert_scope_of(5062, "edge.contoso.com", false, false) == CERT_SCOPE_EDGE);
    CHECK(cert_scope_of(443, "pool.contoso.com", true, false) == CERT_SCOPE_PROVISIONING);
    CHECK(cert_scope_of(443, "pool.contoso.com", false, false) == CERT_SCOPE_NONE);
    CHECK(cert_scope_of(443, "pool.contoso.com", false, true) == CERT_SCOPE_ALL);
    CHECK(cert_scope_of(443, "sip.online.lync.com", false, false) == CERT_SCOPE_M365);
    CHECK(cert_host_is_address("52.114.250.152"));
    CHECK(cert_host_is_address("2001:db8::1"));
    CHECK(cert_host_is_address("[fe80::1]"));
    CHECK(!cert_host_is_address("pool.contoso.com"));
    CHECK(!cert_host_is_address("3com.com"));
    CHECK(!cert_host_is_address("*.contoso.com"));
    CHECK(!cert_host_is_address(""));
}

int
main(void)
{
    test_starts();
    test_split_message();
    test_cut();
    test_scope();
    return check_summary();
}
