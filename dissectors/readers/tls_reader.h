/* tls_reader.h
 * The TLS records at the start of a TCP segment: their types, the
 * cleartext hellos (SNI, negotiated version) and plaintext alerts. Only
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

#endif /* TLS_READER_H */
