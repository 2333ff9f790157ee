/* x509_reader.h
 * One X.509 certificate in DER (RFC 5280), read as far as judging a TLS
 * server's certificate needs: the subject's common name, the SAN's DNS
 * names, the issuer and subject names as bytes, the validity period.
 * Nothing is verified (no signature, no key): this says what a certificate
 * claims, not whether to trust it. Every length is checked against the bytes
 * and against the element that holds it. No epan header and no heap, so it
 * is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef X509_READER_H
#define X509_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A name kept, with its NUL: any DNS name (253 characters) fits. */
#define X509_NAME_MAX 256
/* SAN DNS names kept in x509_cert_t; x509_next_dns reads every one. */
#define X509_MAX_DNS 16

/* Values 0 to 3, in order, so that a value_string can name them. */
typedef enum {
    X509_OK = 0,
    X509_TRUNCATED = 1,     /* the bytes end before the certificate does */
    X509_MALFORMED = 2,     /* a certificate's outline, broken inside */
    X509_NOT_CERT = 3       /* not the outline of a certificate at all */
} x509_status_t;
#define X509_STATUS_COUNT 4

/* Bytes of the input given to the reader: offset from its first byte. */
typedef struct {
    size_t offset, len;
} x509_span_t;

typedef struct {
    size_t der_len;             /* what the certificate takes of the input */
    /* Names are lower case, their control characters and any byte that is
     * not valid text made '?', cut at a character's end to fit. */
    char cn[X509_NAME_MAX];     /* the subject's first commonName; "" if none */
    char issuer_cn[X509_NAME_MAX];
    bool san;                   /* a subjectAltName extension is present */
    uint8_t n_dns;              /* its dNSNames kept in dns[] */
    uint32_t dns_dropped;       /* its dNSNames beyond X509_MAX_DNS */
    char dns[X509_MAX_DNS][X509_NAME_MAX];
    x509_span_t san_names;      /* the SAN's GeneralNames, for x509_next_dns */
    /* The whole Name, tag and length included. Chains link by comparing
     * these bytes: RFC 5280 4.1.2.6 has a CA write its name into what it
     * issues exactly as its own certificate's subject encodes it. */
    x509_span_t issuer, subject;
    int64_t not_before, not_after; /* seconds since 1970-01-01 00:00:00 UTC */
    bool self_issued;           /* issuer bytes == subject bytes */
} x509_cert_t;

/* The certificate at the start of p (len bytes; more may follow it). out is
 * filled only when the answer is X509_OK; spans are offsets into p. */
x509_status_t x509_cert_read(const uint8_t *p, size_t len, x509_cert_t *out);

/* "read", "cut short", "malformed", "not a certificate". */
const char *x509_status_text(x509_status_t s);

/* Every dNSName of c's SAN in turn, as the names in dns[] are written,
 * beyond X509_MAX_DNS too: p is the input c was read from, *pos 0 at the
 * start. False when there is none left. */
bool x509_next_dns(const uint8_t *p, const x509_cert_t *c, size_t *pos, char *out, size_t outsz);

#endif /* X509_READER_H */
