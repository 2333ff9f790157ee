/* test_x509_reader.c
 * Unit tests of the X.509 reader (dissectors/readers/x509_reader.c): real
 * certificates made by openssl (cert_samples.h), every cut of them, lengths
 * that lie, times of both kinds and dates that do not exist, names that are
 * too long or not text, and extensions that break RFC 5280's rules, these
 * last in certificates built here.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <string.h>

#include "x509_reader.h"
#include "cert_samples.h"
#include "check.h"

#define SAMPLE(c) { #c, c, sizeof c }
static const struct {
    const char *name;
    const uint8_t *der;
    size_t len;
} samples[] = {
    SAMPLE(cert_root), SAMPLE(cert_inter), SAMPLE(cert_pool), SAMPLE(cert_nosan),
    SAMPLE(cert_old), SAMPLE(cert_far), SAMPLE(cert_many),
};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

/* What every read that says OK must hold, whatever the input. */
static bool
sane(const x509_cert_t *c, size_t len)
{
    uint8_t i;

    if (c->der_len > len || c->issuer.offset + c->issuer.len > c->der_len ||
        c->subject.offset + c->subject.len > c->der_len || c->n_dns > X509_MAX_DNS ||
        !memchr(c->cn, '\0', sizeof c->cn) || !memchr(c->issuer_cn, '\0', sizeof c->issuer_cn))
        return false;
    if (c->san && c->san_names.offset + c->san_names.len > c->der_len)
        return false;
    for (i = 0; i < c->n_dns; i++)
        if (!memchr(c->dns[i], '\0', sizeof c->dns[i]))
            return false;
    return true;
}

static bool
same_bytes(const uint8_t *a, x509_span_t sa, const uint8_t *b, x509_span_t sb)
{
    return sa.len == sb.len && memcmp(a + sa.offset, b + sb.offset, sa.len) == 0;
}

static void
test_samples(void)
{
    x509_cert_t c, root;
    char name[X509_NAME_MAX];
    size_t pos = 0, i;
    unsigned n = 0;

    CHECK(x509_cert_read(cert_root, sizeof cert_root, &root) == X509_OK && sane(&root, sizeof cert_root));
    CHECK(root.der_len == sizeof cert_root && strcmp(root.cn, "ucdiag test root ca") == 0 &&
          strcmp(root.issuer_cn, root.cn) == 0 && root.self_issued && !root.san);
    CHECK(root.not_before == 1735689600 && root.not_after == 2366841600);

    /* the intermediate names the root as its issuer, byte for byte */
    CHECK(x509_cert_read(cert_inter, sizeof cert_inter, &c) == X509_OK && sane(&c, sizeof cert_inter));
    CHECK(strcmp(c.cn, "ucdiag test issuing ca") == 0 && strcmp(c.issuer_cn, "ucdiag test root ca") == 0 &&
          !c.self_issued && same_bytes(cert_inter, c.issuer, cert_root, root.subject));
    CHECK(c.not_after == 2208988800);

    /* SAN DNS names in order; the IP address is not one */
    CHECK(x509_cert_read(cert_pool, sizeof cert_pool, &c) == X509_OK && sane(&c, sizeof cert_pool));
    CHECK(strcmp(c.cn, "pool.contoso.com") == 0 && c.san && c.n_dns == 3 && c.dns_dropped == 0 &&
          strcmp(c.dns[0], "pool.contoso.com") == 0 && strcmp(c.dns[1], "fe01.contoso.com") == 0 &&
          strcmp(c.dns[2], "*.contoso.com") == 0);
    CHECK(strcmp(c.issuer_cn, "ucdiag test issuing ca") == 0 && !c.self_issued);
    CHECK(c.not_before == 1735689600 && c.not_after == 1798761600);

    /* the CN lower case, no SAN */
    CHECK(x509_cert_read(cert_nosan, sizeof cert_nosan, &c) == X509_OK && sane(&c, sizeof cert_nosan));
    CHECK(strcmp(c.cn, "sip.contoso.com") == 0 && !c.san && c.n_dns == 0);

    CHECK(x509_cert_read(cert_old, sizeof cert_old, &c) == X509_OK && c.not_before == 1577836800 &&
          c.not_after == 1609459200);

    /* UTCTime 991231235959Z is 1999; GeneralizedTime 20600601120000Z */
    CHECK(x509_cert_read(cert_far, sizeof cert_far, &c) == X509_OK && c.not_before == 946684799 &&
          c.not_after == 2853316800);

    /* 20 names: 16 kept, 4 counted, all 20 read by x509_next_dns */
    CHECK(x509_cert_read(cert_many, sizeof cert_many, &c) == X509_OK && sane(&c, sizeof cert_many));
    CHECK(c.n_dns == X509_MAX_DNS && c.dns_dropped == 4 && strcmp(c.dns[15], "sip.domain16.example") == 0);
    while (x509_next_dns(cert_many, &c, &pos, name, sizeof name))
        n++;
    CHECK(n == 20 && strcmp(name, "sip.domain20.example") == 0);
    pos = 0;
    CHECK(!x509_next_dns(cert_nosan, &root, &pos, name, sizeof name));

    /* more bytes after the certificate are not its own */
    {
        uint8_t more[sizeof cert_pool + 8];

        memcpy(more, cert_pool, sizeof cert_pool);
        memset(more + sizeof cert_pool, 0x30, 8);
        CHECK(x509_cert_read(more, sizeof more, &c) == X509_OK && c.der_len == sizeof cert_pool);
    }

    for (i = 0; i < X509_STATUS_COUNT; i++)
        CHECK(strcmp(x509_status_text((x509_status_t)i), "unknown") != 0);
}

/* Every cut of every sample is TRUNCATED, and never read past: each cut
 * ends where its buffer does, so that ASan (a -fsanitize=address build)
 * sees a read beyond it. */
static void
test_truncation(void)
{
    uint8_t buf[1024];
    x509_cert_t c;
    size_t s, len;
    bool all = true;

    for (s = 0; s < N_SAMPLES; s++)
        for (len = 0; len < samples[s].len; len++) {
            memcpy(buf + sizeof buf - len, samples[s].der, len);
            if (x509_cert_read(buf + sizeof buf - len, len, &c) != X509_TRUNCATED) {
                fprintf(stderr, "%s cut to %zu bytes is not TRUNCATED\n", samples[s].name, len);
                all = false;
            }
        }
    CHECK(all);
}

/* Each byte of each sample set to values that lengths and tags choke on:
 * whatever the answer, a read that says OK holds its promises. */
static void
test_mutations(void)
{
    static const uint8_t values[] = { 0x00, 0x01, 0x1f, 0x30, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff };
    uint8_t buf[1024];
    x509_cert_t c;
    size_t s, i, v;
    bool all = true;

    for (s = 0; s < N_SAMPLES; s++)
        for (i = 0; i < samples[s].len; i++)
            for (v = 0; v < sizeof values; v++) {
                x509_status_t st;

                memcpy(buf, samples[s].der, samples[s].len);
                buf[i] = values[v];
                st = x509_cert_read(buf, samples[s].len, &c);
                if (st > X509_NOT_CERT || (st == X509_OK && !sane(&c, samples[s].len)))
                    all = false;
            }
    CHECK(all);
}

static size_t
find(const uint8_t *p, size_t n, const void *pat, size_t m)
{
    size_t i;

    for (i = 0; i + m <= n; i++)
        if (memcmp(p + i, pat, m) == 0)
            return i;
    return SIZE_MAX;
}

/* The signature algorithm, as tbsCertificate and the certificate both
 * carry it. */
static const uint8_t ecdsa_sha256[] = { 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 };

static void
test_lengths(void)
{
    uint8_t buf[1024];
    x509_cert_t c;
    size_t at, n = sizeof cert_root;

    /* indefinite length, a five-byte length */
    memcpy(buf, cert_root, n);
    buf[1] = 0x80;
    CHECK(x509_cert_read(buf, n, &c) == X509_MALFORMED);
    buf[1] = 0x85;
    CHECK(x509_cert_read(buf, n, &c) == X509_MALFORMED);
    /* a four-byte length claiming 4 GB: more than the bytes */
    memcpy(buf, "\x30\x84\xff\xff\xff\xff", 6);
    CHECK(x509_cert_read(buf, n, &c) == X509_TRUNCATED);
    /* the same length in four bytes instead of two reads the same */
    memcpy(buf, "\x30\x84\x00\x00", 4);
    memcpy(buf + 4, cert_root + 2, n - 2);
    CHECK(x509_cert_read(buf, n + 2, &c) == X509_OK && c.der_len == n + 2 && c.self_issued);

    /* the signature, last element, one byte longer than its parent holds;
     * it follows the second copy of the algorithm */
    memcpy(buf, cert_root, n);
    at = find(buf, n, ecdsa_sha256, sizeof ecdsa_sha256) + sizeof ecdsa_sha256;
    at += find(buf + at, n - at, ecdsa_sha256, sizeof ecdsa_sha256) + sizeof ecdsa_sha256;
    CHECK(at < n && buf[at] == 0x03);
    if (at < n) {
        buf[at + 1]++;
        CHECK(x509_cert_read(buf, n, &c) == X509_MALFORMED);
    }
    /* the subject's CN string running past its pair */
    memcpy(buf, cert_nosan, sizeof cert_nosan);
    at = find(buf, sizeof cert_nosan, "\x0c\x0fSip", 5);
    CHECK(at != SIZE_MAX);
    if (at != SIZE_MAX) {
        buf[at + 1] = 0x10;
        CHECK(x509_cert_read(buf, sizeof cert_nosan, &c) == X509_MALFORMED);
        buf[at + 1] = 0x0e; /* short: the next byte is left over inside the pair */
        CHECK(x509_cert_read(buf, sizeof cert_nosan, &c) == X509_MALFORMED);
    }

    /* not a certificate's outline */
    CHECK(x509_cert_read((const uint8_t *)"GET / HTTP/1.1\r\n", 16, &c) == X509_NOT_CERT);
    memcpy(buf, cert_root, n);
    buf[4] = 0x02; /* tbsCertificate an INTEGER */
    CHECK(x509_cert_read(buf, n, &c) == X509_NOT_CERT);
    CHECK(x509_cert_read((const uint8_t *)"\x30\x00", 2, &c) == X509_MALFORMED);
    CHECK(x509_cert_read(NULL, 10, &c) == X509_TRUNCATED);
}

/* ---- Certificates built here ---- */

typedef struct {
    uint8_t b[2048];
    size_t n;
} buf_t;

static void
put(buf_t *o, const void *v, size_t n)
{
    memcpy(o->b + o->n, v, n);
    o->n += n;
}

/* tag, DER length, content */
static void
tlv(buf_t *o, uint8_t tag, const void *v, size_t n)
{
    o->b[o->n++] = tag;
    if (n >= 0x100) {
        o->b[o->n++] = 0x82;
        o->b[o->n++] = (uint8_t)(n >> 8);
    } else if (n >= 0x80) {
        o->b[o->n++] = 0x81;
    }
    o->b[o->n++] = (uint8_t)n;
    put(o, v, n);
}

static void
wrap(buf_t *o, uint8_t tag, const buf_t *inner)
{
    tlv(o, tag, inner->b, inner->n);
}

/* A Name of one commonName, its value tagged tag. */
static void
cn_name(buf_t *o, uint8_t tag, const void *cn, size_t n)
{
    buf_t atv = { .n = 0 }, pair = { .n = 0 }, rdn = { .n = 0 };

    tlv(&atv, 0x06, "\x55\x04\x03", 3);
    tlv(&atv, tag, cn, n);
    wrap(&pair, 0x30, &atv);
    wrap(&rdn, 0x31, &pair);
    wrap(o, 0x30, &rdn);
}

/* An Extension: OID 2.5.29.x, critical or not, value in its OCTET STRING. */
static void
extension(buf_t *o, uint8_t id, bool critical, const buf_t *value)
{
    buf_t ext = { .n = 0 };
    uint8_t oid[3] = { 0x55, 0x1d, id };

    tlv(&ext, 0x06, oid, 3);
    if (critical)
        tlv(&ext, 0x01, "\xff", 1);
    wrap(&ext, 0x04, value);
    wrap(o, 0x30, &ext);
}

/* A SAN of dNSNames (n of them, NULL for an empty SEQUENCE). */
static void
san(buf_t *o, const char *const *names, size_t n, bool critical)
{
    buf_t gn = { .n = 0 }, value = { .n = 0 };
    size_t i;

    for (i = 0; i < n; i++)
        tlv(&gn, 0x82, names[i], strlen(names[i]));
    wrap(&value, 0x30, &gn);
    extension(o, 0x11, critical, &value);
}

typedef struct {
    const buf_t *subject;   /* NULL: CN=host.example */
    const buf_t *exts;      /* the Extensions' content; NULL: a v1 certificate */
    const buf_t *tail;      /* more elements at the end of tbsCertificate */
    const char *not_before; /* UTCTime, GeneralizedTime by its length; NULL: 2025 */
} spec_t;

static size_t
make_cert(uint8_t *out, const spec_t *s)
{
    static const char sig_oid[] = "\x2a\x86\x48\xce\x3d\x04\x03\x02";
    const char *nb = s->not_before ? s->not_before : "250101000000Z";
    buf_t tbs = { .n = 0 }, t = { .n = 0 }, u = { .n = 0 }, cert = { .n = 0 }, outer = { .n = 0 };

    if (s->exts) {
        tlv(&t, 0x02, "\x02", 1);
        wrap(&tbs, 0xa0, &t);
    }
    tlv(&tbs, 0x02, "\x01", 1);
    t.n = 0;
    tlv(&t, 0x06, sig_oid, 8);
    wrap(&tbs, 0x30, &t);
    cn_name(&tbs, 0x13, "Test CA", 7);
    t.n = 0;
    tlv(&t, strlen(nb) == 15 ? 0x18 : 0x17, nb, strlen(nb));
    tlv(&t, 0x17, "270101000000Z", 13);
    wrap(&tbs, 0x30, &t);
    if (s->subject)
        put(&tbs, s->subject->b, s->subject->n);
    else
        cn_name(&tbs, 0x0c, "host.example", 12);
    t.n = 0;
    u.n = 0;
    tlv(&u, 0x06, "\x2a\x86\x48\xce\x3d\x02\x01", 7);
    wrap(&t, 0x30, &u);
    tlv(&t, 0x03, "\x00\x04", 2);
    wrap(&tbs, 0x30, &t);
    if (s->exts) {
        t.n = 0;
        wrap(&t, 0x30, s->exts);
        wrap(&tbs, 0xa3, &t);
    }
    if (s->tail)
        put(&tbs, s->tail->b, s->tail->n);
    wrap(&cert, 0x30, &tbs);
    t.n = 0;
    tlv(&t, 0x06, sig_oid, 8);
    wrap(&cert, 0x30, &t);
    tlv(&cert, 0x03, "\x00\x01", 2);
    wrap(&outer, 0x30, &cert);
    memcpy(out, outer.b, outer.n);
    return outer.n;
}

static x509_status_t
read_built(const spec_t *s, x509_cert_t *c)
{
    uint8_t der[2100];
    size_t n = make_cert(der, s);

    return x509_cert_read(der, n, c);
}

/* Common names as the reader keeps them. */
static const struct {
    uint8_t tag;
    const char *value;
    size_t len;
    const char *cn;
} cns[] = {
    /* text that is not: a NUL inside, bytes past ASCII outside UTF-8 */
    { 0x0c, "www.a.com\0.evil.com", 19, "www.a.com?.evil.com" },
    { 0x0c, "\xc3\xa9t\xc3X\xed\xa0\x80", 8, "\xc3\xa9t?x???" },
    { 0x13, "\xc3\xa9t", 3, "??t" },
    /* T61String and IA5String are read; BMPString is not */
    { 0x14, "T61.example", 11, "t61.example" },
    { 0x16, "ia5.example", 11, "ia5.example" },
    { 0x1e, "\0b\0m\0p", 6, "" },
};

static void
test_built(void)
{
    static const char *const names[] = { "Pool.Contoso.com", "" };
    size_t i;
    x509_cert_t c;
    buf_t exts = { .n = 0 }, subject = { .n = 0 }, tail = { .n = 0 };
    spec_t s = { 0 };

    /* v1: no version, no extensions */
    CHECK(read_built(&s, &c) == X509_OK && strcmp(c.cn, "host.example") == 0 && !c.san &&
          strcmp(c.issuer_cn, "test ca") == 0);

    /* a critical SAN, names lower case, an empty one kept empty */
    san(&exts, names, 2, true);
    s.exts = &exts;
    CHECK(read_built(&s, &c) == X509_OK && c.san && c.n_dns == 2 && strcmp(c.dns[0], "pool.contoso.com") == 0 &&
          c.dns[1][0] == '\0');
    /* a second SAN */
    san(&exts, names, 1, false);
    CHECK(read_built(&s, &c) == X509_MALFORMED);
    /* a SAN with no name at all */
    exts.n = 0;
    san(&exts, names, 0, false);
    CHECK(read_built(&s, &c) == X509_MALFORMED);
    /* an extension list that is empty */
    exts.n = 0;
    CHECK(read_built(&s, &c) == X509_MALFORMED);

    /* a GeneralName tagged [9], which 5280 does not have */
    {
        buf_t gn = { .n = 0 }, value = { .n = 0 };

        tlv(&gn, 0x89, "x", 1);
        wrap(&value, 0x30, &gn);
        extension(&exts, 0x11, false, &value);
        CHECK(read_built(&s, &c) == X509_MALFORMED);
    }

    /* issuerUniqueID after the extensions; a tag of the long form */
    exts.n = 0;
    san(&exts, names, 1, false);
    tlv(&tail, 0x81, "\x00", 1);
    s.tail = &tail;
    CHECK(read_built(&s, &c) == X509_MALFORMED);
    tail.n = 0;
    put(&tail, "\x9f\x20\x00", 3);
    CHECK(read_built(&s, &c) == X509_MALFORMED);
    s.tail = NULL;
    s.exts = NULL;

    /* names too long: cut to 255 bytes, never inside a character */
    {
        char cn[300];

        memset(cn, 'A', sizeof cn);
        cn_name(&subject, 0x0c, cn, sizeof cn);
        s.subject = &subject;
        CHECK(read_built(&s, &c) == X509_OK && strlen(c.cn) == X509_NAME_MAX - 1 && c.cn[0] == 'a');
        memcpy(cn + 254, "\xc3\xa9", 2);
        subject.n = 0;
        cn_name(&subject, 0x0c, cn, 256);
        CHECK(read_built(&s, &c) == X509_OK && strlen(c.cn) == 254);
        memcpy(cn + 253, "\xc3\xa9", 2);
        subject.n = 0;
        cn_name(&subject, 0x0c, cn, 255);
        CHECK(read_built(&s, &c) == X509_OK && strlen(c.cn) == 255 && strcmp(c.cn + 253, "\xc3\xa9") == 0);
    }

    for (i = 0; i < sizeof cns / sizeof cns[0]; i++) {
        subject.n = 0;
        cn_name(&subject, cns[i].tag, cns[i].value, cns[i].len);
        if (read_built(&s, &c) != X509_OK || strcmp(c.cn, cns[i].cn) != 0) {
            fprintf(stderr, "CN %zu read as \"%s\"\n", i, c.cn);
            CHECK(false);
        }
    }
    /* an empty RDN breaks the Name */
    subject.n = 0;
    tail.n = 0;
    tlv(&tail, 0x31, "", 0);
    wrap(&subject, 0x30, &tail);
    CHECK(read_built(&s, &c) == X509_MALFORMED);
}

static void
test_times(void)
{
    static const struct {
        const char *text;
        bool ok;
        int64_t secs;
    } cases[] = {
        { "491231235959Z", true, 2524607999 },      /* 49: 2049 */
        { "500101000000Z", true, -631152000 },      /* 50: 1950 */
        { "20240229120000Z", true, 1709208000 },    /* a leap day */
        { "20000229000000Z", true, 951782400 },     /* divisible by 400: leap */
        { "99991231235959Z", true, 253402300799 },
        { "00000101000000Z", true, -62167219200 },  /* year 0, a leap year */
        { "21000229000000Z", false, 0 },            /* divisible by 100: not leap */
        { "250229000000Z", false, 0 },
        { "251301000000Z", false, 0 },
        { "250100000000Z", false, 0 },
        { "250431000000Z", false, 0 },
        { "250101240000Z", false, 0 },
        { "250101006000Z", false, 0 },
        { "250101000060Z", false, 0 },              /* no leap seconds */
        { "250101000000+", false, 0 },
        { "2501010000Z", false, 0 },                /* seconds left out */
        { "25010100000Z0", false, 0 },
        { "2501 1000000Z", false, 0 },
        { "20250101000000.5Z", false, 0 },          /* fractions, which 5280 forbids */
    };
    x509_cert_t c;
    spec_t s = { 0 };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        x509_status_t st;

        s.not_before = cases[i].text;
        st = read_built(&s, &c);
        if (cases[i].ok ? st != X509_OK || c.not_before != cases[i].secs : st != X509_MALFORMED) {
            fprintf(stderr, "time %s: status %d, %lld\n", cases[i].text, st, (long long)c.not_before);
            CHECK(false);
        } else {
            CHECK(true);
        }
    }
}

int
main(void)
{
    test_samples();
    test_truncation();
    test_mutations();
    test_lengths();
    test_built();
    test_times();
    return check_summary();
}
