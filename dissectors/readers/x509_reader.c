/* x509_reader.c
 * Reading one DER certificate (X.690 DER, RFC 5280 certificate and
 * extensions); see x509_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "x509_reader.h"

#include <string.h>

#include "lower.h"

#define TAG_BOOLEAN 0x01
#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_OCTET_STRING 0x04
#define TAG_OID 0x06
#define TAG_UTF8_STRING 0x0c
#define TAG_PRINTABLE_STRING 0x13
#define TAG_T61_STRING 0x14
#define TAG_IA5_STRING 0x16
#define TAG_UTC_TIME 0x17
#define TAG_GENERALIZED_TIME 0x18
#define TAG_SEQUENCE 0x30
#define TAG_SET 0x31
#define TAG_VERSION 0xa0            /* [0] EXPLICIT */
#define TAG_ISSUER_UID 0x81         /* [1] IMPLICIT BIT STRING */
#define TAG_SUBJECT_UID 0x82        /* [2] IMPLICIT BIT STRING */
#define TAG_EXTENSIONS 0xa3         /* [3] EXPLICIT */
#define TAG_DNS_NAME 0x82           /* GeneralName [2] IMPLICIT IA5String */

/* The DER of the OIDs' values. */
static const uint8_t oid_common_name[] = { 0x55, 0x04, 0x03 };       /* 2.5.4.3 */
static const uint8_t oid_subject_alt_name[] = { 0x55, 0x1d, 0x11 }; /* 2.5.29.17 */

typedef struct {
    uint8_t tag;
    size_t start;   /* the tag's byte */
    size_t value;   /* the content's first byte */
    size_t end;     /* just past the content */
} der_t;

typedef enum { HEAD_OK, HEAD_SHORT, HEAD_BAD } head_t;

/* The tag and length at pos, before end. The content's length is left in
 * *claimed, unchecked, so that the outermost element can tell a capture cut
 * short from a length that lies. */
static head_t
der_head(const uint8_t *p, size_t pos, size_t end, der_t *t, size_t *claimed)
{
    size_t n, i, len;

    if (end - pos < 2)
        return HEAD_SHORT;
    t->start = pos;
    t->tag = p[pos];
    /* Tags of 31 and above take more bytes; nothing in a certificate has one. */
    if ((t->tag & 0x1f) == 0x1f)
        return HEAD_BAD;
    len = p[pos + 1];
    pos += 2;
    if (len & 0x80) {
        n = len & 0x7f;
        /* 0 is BER's indefinite length, never DER's; more than four bytes
         * would claim over 4 GB. A length written with more bytes than it
         * needs is let through: BER encoders of some CAs wrote them, clients
         * accept them, and the bound on the bytes is what keeps reads safe. */
        if (n == 0 || n > 4)
            return HEAD_BAD;
        if (end - pos < n)
            return HEAD_SHORT;
        for (len = 0, i = 0; i < n; i++)
            len = len << 8 | p[pos + i];
        pos += n;
    }
    t->value = pos;
    *claimed = len;
    return HEAD_OK;
}

/* The element at *pos, which must end by end (the element holding it);
 * leaves *pos after it. */
static bool
der_next(const uint8_t *p, size_t *pos, size_t end, der_t *t)
{
    size_t len;

    if (*pos >= end || der_head(p, *pos, end, t, &len) != HEAD_OK || len > end - t->value)
        return false;
    t->end = t->value + len;
    *pos = t->end;
    return true;
}

static bool
der_expect(const uint8_t *p, size_t *pos, size_t end, uint8_t tag, der_t *t)
{
    return der_next(p, pos, end, t) && t->tag == tag;
}

/* A SET OF or SEQUENCE OF that 5280 sizes 1..MAX. */
static bool
der_expect_filled(const uint8_t *p, size_t *pos, size_t end, uint8_t tag, der_t *t)
{
    return der_expect(p, pos, end, tag, t) && t->value < t->end;
}

/* A SEQUENCE that starts with an OID, as an attribute and an extension do;
 * *inner is left after the OID. */
static bool
oid_sequence(const uint8_t *p, size_t *pos, size_t end, der_t *seq, der_t *oid, size_t *inner)
{
    if (!der_expect(p, pos, end, TAG_SEQUENCE, seq))
        return false;
    *inner = seq->value;
    return der_expect(p, inner, seq->end, TAG_OID, oid);
}

static bool
der_is(const uint8_t *p, const der_t *t, const uint8_t *v, size_t n)
{
    return t->end - t->value == n && memcmp(p + t->value, v, n) == 0;
}

/* ---- Text ---- */

/* The length of the UTF-8 character at v (n bytes left), or 0 if the bytes
 * there are not one: overlong forms, surrogates and code points past
 * U+10FFFF are not. */
static size_t
utf8_char(const uint8_t *v, size_t n)
{
    size_t len, i;
    uint8_t lo = 0x80, hi = 0xbf;

    if (v[0] >= 0xc2 && v[0] <= 0xdf)
        len = 2;
    else if (v[0] >= 0xe0 && v[0] <= 0xef)
        len = 3;
    else if (v[0] >= 0xf0 && v[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (v[0] == 0xe0)
        lo = 0xa0;
    else if (v[0] == 0xed)
        hi = 0x9f;
    else if (v[0] == 0xf0)
        lo = 0x90;
    else if (v[0] == 0xf4)
        hi = 0x8f;
    if (n < len || v[1] < lo || v[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if ((v[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

/* The string element t as a name: see x509_cert_t. A NUL or control
 * character inside a name (the old "www.bank.com\0.evil.com" trick) becomes
 * '?', so that the name can neither cover a host nor hide its tail. Only
 * UTF8String may hold bytes past ASCII; elsewhere they are not text. */
static void
copy_name(const uint8_t *p, const der_t *t, char *out, size_t outsz)
{
    const uint8_t *v = p + t->value;
    size_t n = t->end - t->value, i = 0, w = 0;

    while (i < n) {
        size_t clen = v[i] < 0x80 ? 1 : t->tag == TAG_UTF8_STRING ? utf8_char(v + i, n - i) : 0;

        if (w + (clen ? clen : 1) >= outsz)
            break;
        if (clen > 1) {
            memcpy(out + w, v + i, clen);
            w += clen;
            i += clen;
        } else {
            out[w++] = clen == 1 && v[i] >= 0x20 && v[i] != 0x7f ? lower((char)v[i]) : '?';
            i++;
        }
    }
    if (outsz)
        out[w] = '\0';
}

/* ---- Names and times ---- */

static bool
is_string(uint8_t tag)
{
    return tag == TAG_UTF8_STRING || tag == TAG_PRINTABLE_STRING || tag == TAG_IA5_STRING ||
           tag == TAG_T61_STRING;
}

/* The Name (RFC 5280 4.1.2.4) at *pos: a SEQUENCE of non-empty SETs of
 * { OID, value } pairs. Its bytes go to span; the first commonName written
 * as one of the string types to cn. */
static bool
read_name(const uint8_t *p, size_t *pos, size_t end, char *cn, x509_span_t *span)
{
    der_t name;
    size_t npos;
    bool found = false;

    cn[0] = '\0';
    if (!der_expect(p, pos, end, TAG_SEQUENCE, &name))
        return false;
    span->offset = name.start;
    span->len = name.end - name.start;
    for (npos = name.value; npos < name.end;) {
        der_t rdn, atv, oid, value;
        size_t rpos, apos;

        if (!der_expect_filled(p, &npos, name.end, TAG_SET, &rdn))
            return false;
        for (rpos = rdn.value; rpos < rdn.end;) {
            if (!oid_sequence(p, &rpos, rdn.end, &atv, &oid, &apos) || !der_next(p, &apos, atv.end, &value) ||
                apos != atv.end)
                return false;
            if (!found && is_string(value.tag) && der_is(p, &oid, oid_common_name, sizeof oid_common_name)) {
                copy_name(p, &value, cn, X509_NAME_MAX);
                found = true;
            }
        }
    }
    return true;
}

static bool
digits(const uint8_t *v, size_t n, int *out)
{
    size_t i;

    *out = 0;
    for (i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        *out = *out * 10 + (v[i] - '0');
    }
    return true;
}

static bool
leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Days from 1970-01-01 to the first of January of year, 0 to 9999. */
static int64_t
days_to_year(int year)
{
    /* 400 years later has the same calendar and keeps every count below
     * positive, where C's division rounds the way leap years need. */
    int64_t y = (int64_t)year + 400 - 1;

    return 365 * y + y / 4 - y / 100 + y / 400 - 146097 - 719162;
}

/* A Time (RFC 5280 4.1.2.5) as seconds since 1970: UTCTime YYMMDDHHMMSSZ
 * (YY 50 to 99 are 19YY, 00 to 49 20YY) or GeneralizedTime
 * YYYYMMDDHHMMSSZ, the only forms 5280 allows, and a date that exists. */
static bool
read_time(const uint8_t *p, const der_t *t, int64_t *secs)
{
    static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    static const int days_before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    const uint8_t *v = p + t->value;
    size_t n = t->end - t->value, ylen;
    int year, month, day, hour, min, sec;

    if (t->tag == TAG_UTC_TIME && n == 13)
        ylen = 2;
    else if (t->tag == TAG_GENERALIZED_TIME && n == 15)
        ylen = 4;
    else
        return false;
    if (!digits(v, ylen, &year) || !digits(v + ylen, 2, &month) || !digits(v + ylen + 2, 2, &day) ||
        !digits(v + ylen + 4, 2, &hour) || !digits(v + ylen + 6, 2, &min) || !digits(v + ylen + 8, 2, &sec) ||
        v[n - 1] != 'Z')
        return false;
    if (ylen == 2)
        year += year < 50 ? 2000 : 1900;
    if (month < 1 || month > 12 || day < 1 || hour > 23 || min > 59 || sec > 59 ||
        day > month_days[month - 1] + (month == 2 && leap(year)))
        return false;
    *secs = ((days_to_year(year) + days_before[month - 1] + (month > 2 && leap(year)) + day - 1) * 24 + hour) *
                3600 + min * 60 + sec;
    return true;
}

/* ---- Extensions ---- */

/* The GeneralNames (RFC 5280 4.2.1.6) in the OCTET STRING value: one
 * non-empty SEQUENCE that fills it, of context-tagged names [0] to [8]. */
static bool
read_san(const uint8_t *p, const der_t *value, x509_cert_t *out)
{
    size_t pos = value->value;
    der_t names, gn;

    if (!der_expect_filled(p, &pos, value->end, TAG_SEQUENCE, &names) || pos != value->end)
        return false;
    out->san = true;
    out->san_names.offset = names.value;
    out->san_names.len = names.end - names.value;
    for (pos = names.value; pos < names.end;) {
        if (!der_next(p, &pos, names.end, &gn) || (gn.tag & 0xc0) != 0x80 || (gn.tag & 0x1f) > 8)
            return false;
        if (gn.tag != TAG_DNS_NAME)
            continue;
        if (out->n_dns < X509_MAX_DNS)
            copy_name(p, &gn, out->dns[out->n_dns++], X509_NAME_MAX);
        else if (out->dns_dropped < UINT32_MAX)
            out->dns_dropped++;
    }
    return true;
}

/* [3] { SEQUENCE of Extension { OID, critical BOOLEAN OPTIONAL, OCTET
 * STRING } }, at least one. A second SAN makes the certificate malformed,
 * as 5280 4.2 says and OpenSSL holds: which of the two a client reads is
 * anyone's guess. */
static bool
read_extensions(const uint8_t *p, const der_t *outer, x509_cert_t *out)
{
    size_t pos = outer->value;
    der_t list, ext, oid, t;

    if (!der_expect_filled(p, &pos, outer->end, TAG_SEQUENCE, &list) || pos != outer->end)
        return false;
    for (pos = list.value; pos < list.end;) {
        size_t epos;

        if (!oid_sequence(p, &pos, list.end, &ext, &oid, &epos) || !der_next(p, &epos, ext.end, &t))
            return false;
        if (t.tag == TAG_BOOLEAN) {
            if (t.end - t.value != 1 || !der_next(p, &epos, ext.end, &t))
                return false;
        }
        if (t.tag != TAG_OCTET_STRING || epos != ext.end)
            return false;
        if (der_is(p, &oid, oid_subject_alt_name, sizeof oid_subject_alt_name) && (out->san || !read_san(p, &t, out)))
            return false;
    }
    return true;
}

/* ---- The certificate ---- */

/* TBSCertificate (RFC 5280 4.1): version, serial, signature algorithm,
 * issuer, validity, subject, key, then the optional unique IDs and
 * extensions, in that order. */
static bool
read_tbs(const uint8_t *p, const der_t *tbs, x509_cert_t *out)
{
    size_t pos = tbs->value, vpos;
    der_t t, version, validity, nb, na;
    uint8_t last = 0;

    if (!der_next(p, &pos, tbs->end, &t))
        return false;
    if (t.tag == TAG_VERSION) {
        vpos = t.value;
        /* v1, v2 or v3, as one byte 0 to 2 */
        if (!der_expect(p, &vpos, t.end, TAG_INTEGER, &version) || vpos != t.end ||
            version.end - version.value != 1 || p[version.value] > 2 || !der_next(p, &pos, tbs->end, &t))
            return false;
    }
    if (t.tag != TAG_INTEGER || t.end == t.value || !der_expect(p, &pos, tbs->end, TAG_SEQUENCE, &t))
        return false;
    if (!read_name(p, &pos, tbs->end, out->issuer_cn, &out->issuer) ||
        !der_expect(p, &pos, tbs->end, TAG_SEQUENCE, &validity))
        return false;
    vpos = validity.value;
    if (!der_next(p, &vpos, validity.end, &nb) || !der_next(p, &vpos, validity.end, &na) || vpos != validity.end ||
        !read_time(p, &nb, &out->not_before) || !read_time(p, &na, &out->not_after))
        return false;
    /* then the subject, and the key, which is not read */
    if (!read_name(p, &pos, tbs->end, out->cn, &out->subject) || !der_expect(p, &pos, tbs->end, TAG_SEQUENCE, &t))
        return false;
    while (pos < tbs->end) {
        uint8_t order;

        if (!der_next(p, &pos, tbs->end, &t))
            return false;
        order = t.tag == TAG_ISSUER_UID ? 1 : t.tag == TAG_SUBJECT_UID ? 2 : t.tag == TAG_EXTENSIONS ? 3 : 0;
        if (order <= last || (order == 3 && !read_extensions(p, &t, out)))
            return false;
        last = order;
    }
    out->self_issued = out->issuer.len == out->subject.len &&
                       memcmp(p + out->issuer.offset, p + out->subject.offset, out->issuer.len) == 0;
    return true;
}

x509_status_t
x509_cert_read(const uint8_t *p, size_t len, x509_cert_t *out)
{
    der_t cert, tbs, alg, sig;
    size_t claimed, pos;
    head_t head;

    memset(out, 0, sizeof *out);
    if (!p || len == 0)
        return X509_TRUNCATED;
    if (p[0] != TAG_SEQUENCE)
        return X509_NOT_CERT;
    head = der_head(p, 0, len, &cert, &claimed);
    if (head != HEAD_OK)
        return head == HEAD_SHORT ? X509_TRUNCATED : X509_MALFORMED;
    if (claimed > len - cert.value)
        return X509_TRUNCATED;
    cert.end = cert.value + claimed;
    /* SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
    pos = cert.value;
    if (!der_next(p, &pos, cert.end, &tbs) || !der_next(p, &pos, cert.end, &alg) ||
        !der_next(p, &pos, cert.end, &sig) || pos != cert.end)
        return X509_MALFORMED;
    if (tbs.tag != TAG_SEQUENCE || alg.tag != TAG_SEQUENCE || sig.tag != TAG_BIT_STRING)
        return X509_NOT_CERT;
    if (!read_tbs(p, &tbs, out)) {
        memset(out, 0, sizeof *out);
        return X509_MALFORMED;
    }
    out->der_len = cert.end;
    return X509_OK;
}

const char *
x509_status_text(x509_status_t s)
{
    switch (s) {
    case X509_OK:
        return "read";
    case X509_TRUNCATED:
        return "cut short";
    case X509_MALFORMED:
        return "malformed";
    case X509_NOT_CERT:
        return "not a certificate";
    }
    return "unknown";
}

bool
x509_next_dns(const uint8_t *p, const x509_cert_t *c, size_t *pos, char *out, size_t outsz)
{
    size_t end = c->san_names.offset + c->san_names.len;
    der_t gn;

    if (!c->san)
        return false;
    if (*pos < c->san_names.offset)
        *pos = c->san_names.offset;
    while (der_next(p, pos, end, &gn))
        if (gn.tag == TAG_DNS_NAME) {
            copy_name(p, &gn, out, outsz);
            return true;
        }
    return false;
}
