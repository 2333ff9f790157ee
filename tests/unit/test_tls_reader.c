/* test_tls_reader.c
 * Unit tests of the TLS record reader (dissectors/readers/tls_reader.c):
 * hellos, a hello cut short, ChangeCipherSpec, alerts and plain text; the
 * server's Certificate message found after its ServerHello, cut at every
 * length, and lists that contradict themselves.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tls_reader.h"
#include "boot_packets.h"
#include "cert_samples.h"
#include "check.h"

static void
test_tls(void)
{
    uint8_t p[512];
    size_t n;
    boot_tls_t t;

    n = client_hello(p, "Pool.Contoso.com");
    CHECK(boot_tls_scan(p, n, &t) && t.client_hello && strcmp(t.sni, "pool.contoso.com") == 0);
    /* Cut in the middle of the extension: a hello, no name. */
    CHECK(boot_tls_scan(p, n - 4, &t) && t.client_hello && t.sni[0] == '\0');

    n = server_hello(p, 0x0304);
    n += rec(p + n, BOOT_TLS_CT_CCS, 1);
    p[n++] = 1;
    CHECK(boot_tls_scan(p, n, &t) && t.server_hello && t.version == 0x0304 && t.ccs);

    n = alert(p, 2, 48);
    CHECK(boot_tls_scan(p, n, &t) && t.alert && t.alert_level == 2 && t.alert_desc == 48);

    memcpy(p, "GET / HTTP/1.1\r\n", 16);
    CHECK(!boot_tls_scan(p, 16, &t));
}

/* A ServerHello handshake message of version at p, without its record
 * header: what the server's handshake bytes start with. */
static size_t
hello_msg(uint8_t *p, uint16_t version)
{
    size_t n = server_hello(p, version) - 5;

    memmove(p, p + 5, n);
    return n;
}

static const uint8_t hello_done[] = { 14, 0, 0, 0 };

static void
test_server_certs(void)
{
    static uint8_t p[4096];
    const uint8_t *der[10] = { cert_pool, cert_inter };
    size_t len[10] = { sizeof cert_pool, sizeof cert_inter };
    size_t n, cert_at, cut, i;
    boot_tls_certs_t c;
    bool all = true;

    /* ServerHello, Certificate (leaf, CA), ServerHelloDone */
    n = hello_msg(p, 0x0303);
    cert_at = n;
    n += certificate_msg(p + n, der, len, 2);
    memcpy(p + n, hello_done, 4);
    n += 4;
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_FOUND && c.n_certs == 2 && !c.cut && c.more == 0);
    CHECK(c.certs[0].len == sizeof cert_pool && memcmp(p + c.certs[0].offset, cert_pool, sizeof cert_pool) == 0);
    CHECK(c.certs[1].len == sizeof cert_inter && memcmp(p + c.certs[1].offset, cert_inter, sizeof cert_inter) == 0);

    /* every cut, at the end of the buffer so that ASan sees a read past it:
     * the hello's own, then the list's, whole certificates only */
    for (cut = 0; cut < n; cut++) {
        boot_tls_certs_found_t f;
        uint8_t *q = p + sizeof p - cut;

        memmove(q, p, cut);
        f = boot_tls_server_certs(q, cut, &c);
        if (cut < 4)
            all &= f == BOOT_TLS_CERTS_NO_HELLO;
        else if (cut < cert_at + 4)
            all &= f == BOOT_TLS_CERTS_CUT;
        else
            all &= f == BOOT_TLS_CERTS_FOUND && c.cut == (cut < n - 4) &&
                   c.n_certs == (cut >= n - 4 ? 2 : cut >= cert_at + 7 + 3 + sizeof cert_pool ? 1 : 0);
        for (i = 0; i < c.n_certs; i++)
            all &= c.certs[i].offset + c.certs[i].len <= cut;
    }
    CHECK(all);

    /* a CertificateRequest in the same flight: mutual TLS */
    n = hello_msg(p, 0x0303);
    n += certificate_msg(p + n, der, len, 1);
    memcpy(p + n, "\x0d\x00\x00\x04\x01\x01\x00\x00", 8);
    memcpy(p + n + 8, hello_done, 4);
    CHECK(boot_tls_server_certs(p, n + 12, &c) == BOOT_TLS_CERTS_FOUND && c.cert_request);
    CHECK(boot_tls_server_certs(p, n + 2, &c) == BOOT_TLS_CERTS_FOUND && !c.cert_request);
    memcpy(p + n, hello_done, 4);
    memcpy(p + n + 4, "\x0d\x00\x00\x04\x01\x01\x00\x00", 8);
    CHECK(boot_tls_server_certs(p, n + 12, &c) == BOOT_TLS_CERTS_FOUND && !c.cert_request);

    /* the client's messages before it are passed over */
    n = client_hello(p, "pool.contoso.com") - 5;
    memmove(p, p + 5, n);
    n += hello_msg(p + n, 0x0303);
    n += certificate_msg(p + n, der, len, 1);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_FOUND && c.n_certs == 1 &&
          memcmp(p + c.certs[0].offset, cert_pool, sizeof cert_pool) == 0);

    /* TLS 1.3 and its drafts: encrypted; no version of TLS: malformed */
    n = hello_msg(p, 0x0304);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_ENCRYPTED);
    n = hello_msg(p, 0x7f1c);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_ENCRYPTED);
    n = hello_msg(p, 0x0203);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_MALFORMED);
    /* a hello, nothing more yet; a hello and no certificate (anonymous, PSK) */
    n = hello_msg(p, 0x0303);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_CUT);
    memcpy(p + n, hello_done, 4);
    CHECK(boot_tls_server_certs(p, n + 4, &c) == BOOT_TLS_CERTS_NONE);
    /* a certificate with no hello before it is not the server's */
    n = certificate_msg(p, der, len, 1);
    CHECK(boot_tls_server_certs(p, n, &c) == BOOT_TLS_CERTS_NO_HELLO);
    CHECK(boot_tls_server_certs(NULL, 10, &c) == BOOT_TLS_CERTS_NO_HELLO);

    /* lists that contradict themselves */
    n = certificate_msg(p, der, len, 2);
    CHECK(boot_tls_cert_list(p + 4, n - 4, n - 4, &c) && c.n_certs == 2);
    put24(p + 7, 0);                        /* an empty certificate */
    CHECK(!boot_tls_cert_list(p + 4, n - 4, n - 4, &c));
    put24(p + 7, (uint32_t)(n - 4));       /* one running past the list */
    CHECK(!boot_tls_cert_list(p + 4, n - 4, n - 4, &c));
    n = certificate_msg(p, der, len, 2);
    put24(p + 4, (uint32_t)(n - 8));       /* a list shorter than its message */
    CHECK(!boot_tls_cert_list(p + 4, n - 4, n - 4, &c));
    CHECK(!boot_tls_cert_list(p + 4, 2, 2, &c));
    CHECK(boot_tls_cert_list(p + 4, 2, n - 4, &c) && c.cut && c.n_certs == 0);

    /* ten certificates: eight kept, two counted (the list does not read
     * what is inside them) */
    for (i = 0; i < 10; i++) {
        der[i] = hello_done;
        len[i] = sizeof hello_done;
    }
    n = certificate_msg(p, der, len, 10);
    CHECK(boot_tls_cert_list(p + 4, n - 4, n - 4, &c) && c.n_certs == BOOT_TLS_MAX_CERTS && c.more == 2 &&
          !c.cut);
}

int
main(void)
{
    test_tls();
    test_server_certs();
    return check_summary();
}
