/* tls_reader.h
 * The TLS records at the start of a TCP segment: their types, the
 * cleartext hellos (SNI, negotiated version) and plaintext alerts; and the
 * server's certificates, which TLS 1.0 to 1.2 send in the clear. Only
 * headers are read, never anything encrypted. No epan header, so it is
 * unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLS_READER_H
#define TLS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns_reader.h" /* BOOT_NAME_MAX: the SNI is a DNS name */

#define BOOT_TLS_CT_CCS 20
#define BOOT_TLS_CT_ALERT 21
#define BOOT_TLS_CT_HANDSHAKE 22
#define BOOT_TLS_CT_APPDATA 23

/* An encrypted TLS 1.3 alert: two bytes, the inner type and a 16-byte AEAD
 * tag. Nothing else a peer sends during the handshake is this short. */
#define BOOT_TLS13_ALERT_LEN 19

typedef struct {
    bool records;               /* at least one record header parsed */
    bool client_hello, server_hello;
    uint16_t version;           /* ServerHello: negotiated (supported_versions wins) */
    char sni[BOOT_NAME_MAX];    /* ClientHello server_name, lower case */
    bool ccs;
    bool alert;
    uint8_t alert_level, alert_desc;
    uint16_t app_records;
    uint16_t first_app_len;
} boot_tls_t;

/* The TLS records that start at the beginning of a TCP segment's payload
 * and, one after another, fit in it. No reassembly: hellos and alerts are
 * at the start of their segments in practice. */
bool boot_tls_scan(const uint8_t *p, size_t len, boot_tls_t *out);

/* ---- The server's certificates (TLS 1.0 to 1.2) ---- */

#define BOOT_TLS_HS_CERTIFICATE 11
/* Certificates whose place is kept: a leaf, its intermediates and perhaps a
 * root; real servers send 2 to 4. */
#define BOOT_TLS_MAX_CERTS 8

typedef struct {
    size_t offset, len;
} boot_tls_span_t;

typedef struct {
    /* Each certificate's DER, in the order sent (the leaf first), as
     * offsets into the bytes given; only certificates wholly there. */
    boot_tls_span_t certs[BOOT_TLS_MAX_CERTS];
    uint8_t n_certs;
    uint32_t more;      /* whole certificates after the first BOOT_TLS_MAX_CERTS */
    bool cut;           /* the list goes on past the bytes given */
    /* boot_tls_server_certs: a CertificateRequest follows in the bytes
     * given, before ServerHelloDone: the server wants mutual TLS. */
    bool cert_request;
} boot_tls_certs_t;

/* The body of a Certificate message (RFC 5246 7.4.2: a 3-byte list length,
 * then each certificate with a 3-byte length): msg_len bytes as its
 * handshake header says, avail of them at p. False when the body
 * contradicts itself (an empty certificate, one that runs past the list, a
 * list that does not fill the message); a body cut short is not that. */
bool boot_tls_cert_list(const uint8_t *p, size_t avail, size_t msg_len, boot_tls_certs_t *out);

/* Values 0 to 5, in order, so that a value_string can name them. */
typedef enum {
    BOOT_TLS_CERTS_FOUND = 0,       /* the Certificate message, whole or cut: out says where */
    BOOT_TLS_CERTS_NO_HELLO = 1,    /* no ServerHello in the bytes */
    BOOT_TLS_CERTS_ENCRYPTED = 2,   /* TLS 1.3: the certificate is encrypted */
    BOOT_TLS_CERTS_NONE = 3,        /* the message after the ServerHello is another:
                                     * the server sent no certificate */
    BOOT_TLS_CERTS_CUT = 4,         /* the bytes end before the message after the
                                     * ServerHello (or in the ServerHello) */
    BOOT_TLS_CERTS_MALFORMED = 5    /* a ServerHello of no TLS version, or a
                                     * Certificate message that contradicts itself */
} boot_tls_certs_found_t;

/* The server's certificates in p: handshake messages back to back (type,
 * 3-byte length, body) as the server sent them, with the record headers
 * taken away and messages split across records put back together. The
 * Certificate message counted is the one right after the ServerHello, as
 * TLS 1.0 to 1.2 send it; messages before the ServerHello are passed over.
 * Offsets in out are into p. */
boot_tls_certs_found_t boot_tls_server_certs(const uint8_t *p, size_t len, boot_tls_certs_t *out);

#endif /* TLS_READER_H */
