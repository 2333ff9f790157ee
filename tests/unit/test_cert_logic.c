/* test_cert_logic.c
 * Unit tests of the certificate judgements (dissectors/logic/cert_logic.c)
 * on the real certificates of cert_samples.h: names and wildcards, the
 * MTLS subject of story 5, validity at the edges of the period and at
 * times no clock shows, durations in words, and chains as servers send
 * them.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "cert_logic.h"
#include "boot_packets.h"
#include "cert_samples.h"
#include "check.h"

static x509_cert_t pool, nosan, many, old;

static void
read_samples(void)
{
    CHECK(x509_cert_read(cert_pool, sizeof cert_pool, &pool) == X509_OK);
    CHECK(x509_cert_read(cert_nosan, sizeof cert_nosan, &nosan) == X509_OK);
    CHECK(x509_cert_read(cert_many, sizeof cert_many, &many) == X509_OK);
    CHECK(x509_cert_read(cert_old, sizeof cert_old, &old) == X509_OK);
}

static void
test_name_covers(void)
{
    static const struct {
        const char *name, *host;
        bool covers;
    } cases[] = {
        { "pool.contoso.com", "pool.contoso.com", true },
        { "Pool.Contoso.COM", "pool.contoso.com", true },
        { "pool.contoso.com", "POOL.contoso.com", true },
        { "pool.contoso.com.", "pool.contoso.com", true },
        { "pool.contoso.com", "pool.contoso.com.", true },
        { "pool.contoso.com", "pool.contoso.co", false },
        { "pool.contoso.com", "xpool.contoso.com", false },
        { "*.contoso.com", "pool.contoso.com", true },
        { "*.Contoso.com", "POOL.contoso.COM", true },
        { "*.contoso.com", "a.b.contoso.com", false },
        { "*.contoso.com", "contoso.com", false },
        { "*.contoso.com", ".contoso.com", false },
        { "*.contoso.com", "pool.fabrikam.com", false },
        { "*.com", "contoso.com", false },          /* a whole top-level domain */
        { "f*.contoso.com", "fe01.contoso.com", false },
        { "*01.contoso.com", "fe01.contoso.com", false },
        { "*.*.com", "a.b.com", false },
        { "pool.*.com", "pool.contoso.com", false },
        { "*", "pool", false },
        { "*.", "a.", false },
        { "*.contoso.com", "*.contoso.com", false }, /* a host is no pattern */
        { "", "", false },
        { "pool.contoso.com", "", false },
        { "", "pool.contoso.com", false },
    };
    char long_name[300];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cert_name_covers(cases[i].name, cases[i].host) != cases[i].covers) {
            fprintf(stderr, "%s covers %s: wrong\n", cases[i].name, cases[i].host);
            CHECK(false);
        }
    /* 253 characters is a DNS name, 254 is not; one trailing dot is free */
    memset(long_name, 'a', sizeof long_name);
    long_name[253] = '\0';
    CHECK(cert_name_covers(long_name, long_name));
    long_name[253] = '.';
    long_name[254] = '\0';
    CHECK(cert_name_covers(long_name, long_name));
    long_name[253] = 'a';
    CHECK(!cert_name_covers(long_name, long_name));
    long_name[299] = '\0';
    CHECK(!cert_name_covers(long_name, long_name));
}

/* Each sample against hosts: do its names cover the host, and does its
 * subject name it (story 5: Exchange UM's certificate names the pool as
 * its subject and the server only in the SAN; MTLS wants the server in the
 * subject). */
static void
test_covers(void)
{
    static const struct {
        const uint8_t *der;
        const x509_cert_t *c;
        const char *host;
        cert_cover_t cover;
        cert_subject_t subject;
    } cases[] = {
        { cert_pool, &pool, "pool.contoso.com", CERT_COVERS, CERT_SUBJECT_IS_HOST },
        { cert_pool, &pool, "Pool.Contoso.com.", CERT_COVERS, CERT_SUBJECT_IS_HOST },
        { cert_pool, &pool, "fe01.contoso.com", CERT_COVERS, CERT_SUBJECT_SAN_ONLY },
        /* the wildcard */
        { cert_pool, &pool, "lyncdiscover.contoso.com", CERT_COVERS, CERT_SUBJECT_SAN_ONLY },
        { cert_pool, &pool, "a.b.contoso.com", CERT_NOT_COVERED, CERT_SUBJECT_NEITHER },
        { cert_pool, &pool, "contoso.com", CERT_NOT_COVERED, CERT_SUBJECT_NEITHER },
        { cert_pool, &pool, "sip.fabrikam.com", CERT_NOT_COVERED, CERT_SUBJECT_NEITHER },
        /* no SAN: the CN */
        { cert_nosan, &nosan, "SIP.contoso.com", CERT_COVERS, CERT_SUBJECT_IS_HOST },
        { cert_nosan, &nosan, "pool.contoso.com", CERT_NOT_COVERED, CERT_SUBJECT_NEITHER },
        /* the 20th name, past those kept */
        { cert_many, &many, "sip.domain20.example", CERT_COVERS, CERT_SUBJECT_SAN_ONLY },
        { cert_many, &many, "sip.domain21.example", CERT_NOT_COVERED, CERT_SUBJECT_NEITHER },
        /* a SAN hides the CN from clients, not from MTLS peers */
        { cert_many, &many, "edge.contoso.com", CERT_NOT_COVERED, CERT_SUBJECT_IS_HOST },
    };
    x509_cert_t c;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cert_covers(cases[i].der, cases[i].c, cases[i].host) != cases[i].cover ||
            cert_mtls_subject(cases[i].der, cases[i].c, cases[i].host) != cases[i].subject) {
            fprintf(stderr, "%s against %s: wrong\n", cases[i].c->cn, cases[i].host);
            CHECK(false);
        }

    /* a wildcard subject names no server */
    c = pool;
    strcpy(c.cn, "*.contoso.com");
    CHECK(cert_mtls_subject(cert_pool, &c, "fe01.contoso.com") == CERT_SUBJECT_SAN_ONLY);
    c = nosan;
    strcpy(c.cn, "*.contoso.com");
    CHECK(cert_mtls_subject(cert_nosan, &c, "fe01.contoso.com") == CERT_SUBJECT_NEITHER);
    CHECK(cert_covers(cert_nosan, &c, "fe01.contoso.com") == CERT_COVERS);
    /* no names: neither SAN nor CN, or a SAN of addresses */
    memset(&c, 0, sizeof c);
    CHECK(cert_covers(cert_pool, &c, "pool.contoso.com") == CERT_NO_NAMES);
    c.san = true;
    c.san_names.offset = 10;
    CHECK(cert_covers(cert_pool, &c, "pool.contoso.com") == CERT_NO_NAMES);
}

static void
test_names_text(void)
{
    char out[256], small[40];
    x509_cert_t none;

    CHECK(cert_names_text(&pool, out, sizeof out) == strlen(out) &&
          strcmp(out, "pool.contoso.com, fe01.contoso.com, *.contoso.com") == 0);
    cert_names_text(&nosan, out, sizeof out);
    CHECK(strcmp(out, "sip.contoso.com") == 0);
    /* names cut whole, the rest counted */
    cert_names_text(&pool, small, sizeof small);
    CHECK(strcmp(small, "pool.contoso.com (+2 more)") == 0);
    cert_names_text(&pool, small, 10);
    CHECK(strcmp(small, "(+3 more)") == 0);
    cert_names_text(&pool, small, 3);
    CHECK(small[0] == '\0');
    CHECK(cert_names_text(&pool, small, 0) == 0);
    /* what c did not keep counts too */
    cert_names_text(&many, out, sizeof out);
    CHECK(strncmp(out, "sip.domain1.example, sip.domain2.example", 40) == 0 && strstr(out, " (+") &&
          strlen(out) < sizeof out);
    cert_names_text(&many, out, 120);
    CHECK(strcmp(out, "sip.domain1.example, sip.domain2.example, sip.domain3.example, "
                      "sip.domain4.example (+16 more)") == 0);
    memset(&none, 0, sizeof none);
    cert_names_text(&none, out, sizeof out);
    CHECK(strcmp(out, "(none)") == 0);
}

static void
test_validity(void)
{
    x509_cert_t c;
    int64_t by = -1;

    CHECK(cert_validity(&pool, 1750000000, &by) == CERT_TIME_VALID && by == 0);
    /* both ends inside the period */
    CHECK(cert_validity(&pool, pool.not_before, &by) == CERT_TIME_VALID);
    CHECK(cert_validity(&pool, pool.not_after, &by) == CERT_TIME_VALID);
    CHECK(cert_validity(&pool, pool.not_before - 1, &by) == CERT_TIME_NOT_YET && by == 1);
    CHECK(cert_validity(&pool, pool.not_after + 1, &by) == CERT_TIME_EXPIRED && by == 1);
    /* a phone whose clock is an hour behind meets a certificate issued now */
    CHECK(cert_validity(&pool, pool.not_before - 3600, &by) == CERT_TIME_NOT_YET && by == 3600);
    /* expired 2021-01-01, captured 2025-06-01 */
    CHECK(cert_validity(&old, 1748736000, &by) == CERT_TIME_EXPIRED && by == 1748736000 - 1609459200);
    /* times no clock shows: held, never wrapped */
    CHECK(cert_validity(&pool, INT64_MIN, &by) == CERT_TIME_NOT_YET && by == INT64_MAX);
    CHECK(cert_validity(&pool, INT64_MAX, &by) == CERT_TIME_EXPIRED && by == INT64_MAX - pool.not_after);
    memset(&c, 0, sizeof c);
    c.not_before = INT64_MAX;
    c.not_after = INT64_MAX;
    CHECK(cert_validity(&c, INT64_MIN, &by) == CERT_TIME_NOT_YET && by == INT64_MAX);
    c.not_before = INT64_MIN;
    c.not_after = INT64_MIN;
    CHECK(cert_validity(&c, INT64_MAX, &by) == CERT_TIME_EXPIRED && by == INT64_MAX);
    /* notAfter before notBefore: valid at no time */
    c.not_before = 100;
    c.not_after = 50;
    CHECK(cert_validity(&c, 75, &by) == CERT_TIME_NOT_YET && by == 25);
}

static void
test_duration(void)
{
    static const struct {
        int64_t s;
        const char *text;
    } cases[] = {
        { 0, "0 s" },
        { 40, "40 s" },
        { 60, "1 min" },
        { 303, "5 min 3 s" },
        { 3600, "1 h" },
        { 7500, "2 h 5 min" },
        { 86399, "23 h 59 min" },
        { 86400, "1 day" },
        { 3 * 86400, "3 days" },
        { 3 * 86400 + 4 * 3600 + 59, "3 days 4 h" },
        { -40, "40 s" },
        { INT64_MAX, "106751991167300 days 15 h" },
        { INT64_MIN, "106751991167300 days 15 h" },
    };
    char out[64];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cert_duration_text(cases[i].s, out, sizeof out) != strlen(cases[i].text) ||
            strcmp(out, cases[i].text) != 0) {
            fprintf(stderr, "%lld s: \"%s\"\n", (long long)cases[i].s, out);
            CHECK(false);
        }
    /* cut to the buffer, ended */
    CHECK(cert_duration_text(7500, out, 5) == 4 && strcmp(out, "2 h ") == 0);
    CHECK(cert_duration_text(7500, out, 0) == 0);
}

/* The certificates in a Certificate message's body, as the glue reads them. */
static size_t
sent(uint8_t *msg, boot_tls_certs_t *list, const uint8_t *const *der, const size_t *len, size_t n)
{
    size_t w = certificate_msg(msg, der, len, n);

    CHECK(boot_tls_cert_list(msg + 4, w - 4, w - 4, list));
    return w;
}

static cert_chain_t
chain_of(const uint8_t *const *der, const size_t *len, size_t n, x509_cert_t *leaf)
{
    static uint8_t msg[4096];
    boot_tls_certs_t list;

    sent(msg, &list, der, len, n);
    CHECK(x509_cert_read(msg + 4 + list.certs[0].offset, list.certs[0].len, leaf) == X509_OK);
    return cert_chain_as_sent(msg + 4, &list, leaf);
}

static void
test_chain(void)
{
    static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
    const uint8_t *der[3];
    size_t len[3];
    x509_cert_t leaf;
    static uint8_t msg[4096];
    boot_tls_certs_t list;

#define SEND(i, c) (der[i] = c, len[i] = sizeof c)
    /* leaf and its issuing CA: links; the root sent too changes nothing */
    SEND(0, cert_pool), SEND(1, cert_inter), SEND(2, cert_root);
    CHECK(chain_of(der, len, 2, &leaf) == CERT_CHAIN_LINKS);
    CHECK(chain_of(der, len, 3, &leaf) == CERT_CHAIN_LINKS);
    /* the issuing CA after the root: the order does not matter */
    SEND(1, cert_root), SEND(2, cert_inter);
    CHECK(chain_of(der, len, 3, &leaf) == CERT_CHAIN_LINKS);
    /* the leaf alone, or with the root only: its issuer was not sent */
    CHECK(chain_of(der, len, 1, &leaf) == CERT_CHAIN_NOT_SENT &&
          strcmp(leaf.issuer_cn, "ucdiag test issuing ca") == 0);
    CHECK(chain_of(der, len, 2, &leaf) == CERT_CHAIN_NOT_SENT);
    /* a leaf issued by the root, with the root */
    SEND(0, cert_nosan), SEND(1, cert_root);
    CHECK(chain_of(der, len, 2, &leaf) == CERT_CHAIN_LINKS);
    /* a self-signed certificate alone */
    SEND(0, cert_root);
    CHECK(chain_of(der, len, 1, &leaf) == CERT_CHAIN_SELF_ISSUED);
    /* something unreadable sent: it may have been the issuer */
    SEND(0, cert_pool), SEND(1, junk);
    CHECK(chain_of(der, len, 2, &leaf) == CERT_CHAIN_UNKNOWN);
    /* the list cut by the capture */
    sent(msg, &list, der, len, 1);
    list.cut = true;
    CHECK(x509_cert_read(msg + 4 + list.certs[0].offset, list.certs[0].len, &leaf) == X509_OK &&
          cert_chain_as_sent(msg + 4, &list, &leaf) == CERT_CHAIN_UNKNOWN);
    list.cut = false;
    list.n_certs = 0;
    CHECK(cert_chain_as_sent(msg + 4, &list, &leaf) == CERT_CHAIN_UNKNOWN);
#undef SEND
}

int
main(void)
{
    read_samples();
    test_name_covers();
    test_covers();
    test_names_text();
    test_validity();
    test_duration();
    test_chain();
    return check_summary();
}
