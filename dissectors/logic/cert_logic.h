/* cert_logic.h
 * Judging a TLS server's certificate as a UC client would meet it: do its
 * names cover the host the client asked for, does its subject name the
 * server itself (server-to-server MTLS), is it valid at the capture's time,
 * and does the chain the server sent link. Each judgement says only what the
 * bytes prove: where part of the evidence is missing it says so rather than
 * guess. No epan header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CERT_LOGIC_H
#define CERT_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tls_reader.h"
#include "x509_reader.h"

/* ---- Names ---- */

/* Does one certificate name (a SAN dNSName or a CN) cover host? Case does
 * not matter, nor one trailing dot. A wildcard is only a whole left-most
 * label, "*.", standing for exactly one label, with two labels or more
 * after it: "*.contoso.com" covers pool.contoso.com, not a.b.contoso.com
 * nor contoso.com; "*.com" and "f*.contoso.com" cover nothing. A name or
 * host longer than a DNS name (253 characters) covers nothing, which also
 * keeps a name cut to fit its buffer from matching. */
bool cert_name_covers(const char *name, const char *host);

/* Values 0 to 2, in order, so that a value_string can name them. */
typedef enum {
    CERT_COVERS = 0,        /* one of its names covers the host */
    CERT_NOT_COVERED = 1,   /* it has names, and none covers the host */
    CERT_NO_NAMES = 2       /* a SAN with no DNS name, or neither SAN nor CN */
} cert_cover_t;

/* The certificate c, read from der, against host: the SAN's DNS names when
 * it has a SAN (every one, beyond those c keeps), its CN otherwise. A SAN
 * hides the CN: that is why Microsoft's certificate requirements for Lync
 * and SfB have the subject name repeated in the SAN. (RFC 6125 and OpenSSL
 * fall back to the CN when a SAN holds addresses only; such a certificate
 * is CERT_NO_NAMES here.) */
cert_cover_t cert_covers(const uint8_t *der, const x509_cert_t *c, const char *host);

/* The names cert_covers compares, for a message: "sip.contoso.com,
 * *.contoso.com", " (+N more)" after those that do not fit or that c did
 * not keep, "(none)" when there are none. Never cuts a name. Returns the
 * length written. */
size_t cert_names_text(const x509_cert_t *c, char *out, size_t outsz);

/* ---- Server-to-server MTLS (5061, 5062) ---- */

/* Values 0 to 2, in order. */
typedef enum {
    CERT_SUBJECT_IS_HOST = 0,   /* the subject's CN is the host */
    CERT_SUBJECT_SAN_ONLY = 1,  /* the CN names another (a pool, a wildcard), a SAN
                                 * covers the host: MTLS between SfB servers, and
                                 * Exchange UM's, refuses it */
    CERT_SUBJECT_NEITHER = 2    /* no name covers the host: cert_covers says so */
} cert_subject_t;

/* A server's MTLS peers identify it by the subject's CN, compared whole: a
 * wildcard there names no server. */
cert_subject_t cert_mtls_subject(const uint8_t *der, const x509_cert_t *c, const char *host);

/* ---- Validity ---- */

/* Values 0 to 2, in order. */
typedef enum {
    CERT_TIME_VALID = 0,
    CERT_TIME_NOT_YET = 1,  /* now is before notBefore */
    CERT_TIME_EXPIRED = 2   /* now is after notAfter */
} cert_time_t;

/* c at now (seconds since 1970, the capture's clock), notBefore and notAfter
 * both inside the period (RFC 5280 4.1.2.5). *by_s is how far outside, in
 * seconds, 0 when valid; it saturates rather than overflow. */
cert_time_t cert_validity(const x509_cert_t *c, int64_t now_s, int64_t *by_s);

/* A span of seconds in words, for a message: "40 s", "5 min 3 s",
 * "2 h 5 min", "1 day", "3 days 4 h": the largest unit and the next one
 * unless it is 0. A negative span is said as its size. Returns the length
 * written. */
size_t cert_duration_text(int64_t seconds, char *out, size_t outsz);

/* ---- The chain as sent ---- */

/* Values 0 to 3, in order. */
typedef enum {
    CERT_CHAIN_LINKS = 0,       /* the leaf's issuer is the subject of another certificate sent */
    CERT_CHAIN_SELF_ISSUED = 1, /* the leaf is its own issuer: nothing to link */
    CERT_CHAIN_NOT_SENT = 2,    /* the leaf's issuer is not among those sent: a client
                                 * that does not fetch it (phones do not) cannot build
                                 * a chain. leaf->issuer_cn names it, when it has a CN */
    CERT_CHAIN_UNKNOWN = 3      /* not among those read, and some were not read (the
                                 * list cut, past BOOT_TLS_MAX_CERTS, or unreadable) */
} cert_chain_t;

/* Do the certificates the server sent link? p is what sent's offsets are
 * into (boot_tls_server_certs' or boot_tls_cert_list's bytes), leaf the
 * first of them as x509_cert_read read it. The issuer is matched by the
 * bytes of its Name, as a chain is built; only the first link is judged:
 * the leaf is the certificate a client cannot do without. */
cert_chain_t cert_chain_as_sent(const uint8_t *p, const boot_tls_certs_t *sent, const x509_cert_t *leaf);

#endif /* CERT_LOGIC_H */
