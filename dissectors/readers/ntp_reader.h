/* ntp_reader.h
 * An NTP packet's mode, stratum and transmit time: enough to pair a phone's
 * request with its answer and to compare the server's clock with the
 * capture's. No epan header, so it is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef NTP_READER_H
#define NTP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_NTP_MODE_CLIENT 3
#define BOOT_NTP_MODE_SERVER 4

typedef struct {
    uint8_t mode;
    uint8_t stratum;
    bool xmit_set;
    int64_t xmit_unix_ns;   /* the transmit timestamp as Unix time */
} boot_ntp_t;

/* An NTP packet (version 1-4, 48 bytes or more). */
bool boot_ntp_parse(const uint8_t *p, size_t len, boot_ntp_t *out);

#endif /* NTP_READER_H */
