/* cert_logic.c
 * The judgements of a TLS server's certificate (RFC 6125 name matching,
 * RFC 5280 validity and chains); see cert_logic.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cert_logic.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lower.h"
#include "put_text.h"

/* RFC 1035's 255 octets on the wire, written with dots and no final one. */
#define DNS_TEXT_MAX 253

/* ---- Names ---- */

/* The length of name without one trailing dot, or 0 when it is longer than
 * any DNS name. Reads no further than that, whatever the buffer. */
static size_t
dns_len(const char *s)
{
    size_t n = 0;

    /* one more than a name with its trailing dot, to tell a longer one */
    while (n <= DNS_TEXT_MAX + 1 && s[n] != '\0')
        n++;
    if (n > 0 && s[n - 1] == '.')
        n--;
    return n <= DNS_TEXT_MAX ? n : 0;
}

static bool
same_text(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

bool
cert_name_covers(const char *name, const char *host)
{
    size_t nl = dns_len(name), hl = dns_len(host), rl;
    const char *rest, *dot;

    if (nl == 0 || hl == 0 || memchr(host, '*', hl))
        return false;
    if (name[0] != '*')
        return nl == hl && !memchr(name, '*', nl) && same_text(name, host, nl);
    /* "*." and what follows must hold a dot: two labels at least */
    if (nl < 3 || name[1] != '.')
        return false;
    rest = name + 1;
    rl = nl - 1;
    if (memchr(rest, '*', rl) || !memchr(rest + 1, '.', rl - 1))
        return false;
    dot = memchr(host, '.', hl);
    return dot && dot != host && hl - (size_t)(dot - host) == rl && same_text(dot, rest, rl);
}

cert_cover_t
cert_covers(const uint8_t *der, const x509_cert_t *c, const char *host)
{
    char name[X509_NAME_MAX];
    size_t pos = 0;
    bool any = false;

    if (!c->san)
        return !c->cn[0] ? CERT_NO_NAMES : cert_name_covers(c->cn, host) ? CERT_COVERS : CERT_NOT_COVERED;
    while (x509_next_dns(der, c, &pos, name, sizeof name)) {
        if (cert_name_covers(name, host))
            return CERT_COVERS;
        any = true;
    }
    return any ? CERT_NOT_COVERED : CERT_NO_NAMES;
}

/* Room kept, while names are written, for " (+4294967295 more)". */
#define MORE_ROOM 20

size_t
cert_names_text(const x509_cert_t *c, char *out, size_t outsz)
{
    uint32_t n = c->san ? c->n_dns : c->cn[0] != '\0', i, rest;
    uint32_t dropped = c->san ? c->dns_dropped : 0;
    size_t w = 0;

    if (outsz == 0)
        return 0;
    for (i = 0; i < n; i++) {
        size_t mark = w;
        bool last = i + 1 == n && dropped == 0;

        if ((i > 0 && !put_str(out, outsz, &w, ", ")) || !put_str(out, outsz, &w, c->san ? c->dns[i] : c->cn) ||
            (!last && w + MORE_ROOM >= outsz)) {
            w = mark;
            break;
        }
    }
    rest = n - i > UINT32_MAX - dropped ? UINT32_MAX : n - i + dropped;
    if (n == 0 && rest == 0)
        (void)put_str(out, outsz, &w, "(none)");
    else if (rest > 0) {
        size_t mark = w;

        if (!put_str(out, outsz, &w, i > 0 ? " (+" : "(+") || !put_uint(out, outsz, &w, rest) ||
            !put_str(out, outsz, &w, " more)"))
            w = mark;
    }
    out[w] = '\0';
    return w;
}

/* ---- Server-to-server MTLS ---- */

cert_subject_t
cert_mtls_subject(const uint8_t *der, const x509_cert_t *c, const char *host)
{
    /* A CN that is a wildcard cannot equal a host, which has no '*'. */
    if (cert_name_covers(c->cn, host) && c->cn[0] != '*')
        return CERT_SUBJECT_IS_HOST;
    if (c->san && cert_covers(der, c, host) == CERT_COVERS)
        return CERT_SUBJECT_SAN_ONLY;
    return CERT_SUBJECT_NEITHER;
}

/* ---- Validity ---- */

/* a - b, held at INT64_MIN or INT64_MAX where it would go past them. */
static int64_t
sub_sat(int64_t a, int64_t b)
{
    if (b < 0 && a > INT64_MAX + b)
        return INT64_MAX;
    if (b > 0 && a < INT64_MIN + b)
        return INT64_MIN;
    return a - b;
}

cert_time_t
cert_validity(const x509_cert_t *c, int64_t now_s, int64_t *by_s)
{
    *by_s = 0;
    if (now_s < c->not_before) {
        *by_s = sub_sat(c->not_before, now_s);
        return CERT_TIME_NOT_YET;
    }
    if (now_s > c->not_after) {
        *by_s = sub_sat(now_s, c->not_after);
        return CERT_TIME_EXPIRED;
    }
    return CERT_TIME_VALID;
}

size_t
cert_duration_text(int64_t seconds, char *out, size_t outsz)
{
    static const struct {
        uint64_t secs;
        const char *one, *more;
    } units[] = { { 86400, "day", "days" }, { 3600, "h", "h" }, { 60, "min", "min" }, { 1, "s", "s" } };
    /* INT64_MIN has no positive twin; a second less is the same in words. */
    uint64_t s = seconds >= 0 ? (uint64_t)seconds : seconds == INT64_MIN ? (uint64_t)INT64_MAX : (uint64_t)-seconds;
    uint64_t big, small;
    size_t u = 0;
    int n;

    if (outsz == 0)
        return 0;
    while (u + 1 < sizeof units / sizeof units[0] && s < units[u].secs)
        u++;
    big = s / units[u].secs;
    small = u + 1 < sizeof units / sizeof units[0] ? s % units[u].secs / units[u + 1].secs : 0;
    if (small)
        n = snprintf(out, outsz, "%" PRIu64 " %s %" PRIu64 " %s", big, big == 1 ? units[u].one : units[u].more, small,
                     units[u + 1].more);
    else
        n = snprintf(out, outsz, "%" PRIu64 " %s", big, big == 1 ? units[u].one : units[u].more);
    if (n < 0) {
        out[0] = '\0';
        return 0;
    }
    return (size_t)n < outsz ? (size_t)n : outsz - 1;
}

/* ---- The chain as sent ---- */

cert_chain_t
cert_chain_as_sent(const uint8_t *p, const boot_tls_certs_t *sent, const x509_cert_t *leaf)
{
    const uint8_t *issuer;
    bool unread = sent->cut || sent->more > 0;
    x509_cert_t other;
    uint8_t i;

    if (sent->n_certs == 0)
        return CERT_CHAIN_UNKNOWN;
    if (leaf->self_issued)
        return CERT_CHAIN_SELF_ISSUED;
    issuer = p + sent->certs[0].offset + leaf->issuer.offset;
    for (i = 1; i < sent->n_certs; i++) {
        const uint8_t *der = p + sent->certs[i].offset;

        if (x509_cert_read(der, sent->certs[i].len, &other) != X509_OK) {
            unread = true;
            continue;
        }
        if (other.subject.len == leaf->issuer.len &&
            memcmp(der + other.subject.offset, issuer, leaf->issuer.len) == 0)
            return CERT_CHAIN_LINKS;
    }
    return unread ? CERT_CHAIN_UNKNOWN : CERT_CHAIN_NOT_SENT;
}
