/* dtls_reader.h
 * Is this DTLS that keys SRTP (RFC 5764)? Only such DTLS is media's: a
 * VPN's DTLS is not. No epan header, so it is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DTLS_READER_H
#define DTLS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "media_packet.h"

/* DTLS records at p, back to back to exactly len (avail of them captured),
 * one of them a ClientHello or ServerHello offering use_srtp. Fills out's
 * kind (MEDIA_DTLS) and strong (true) when so. */
bool dtls_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out);

#endif /* DTLS_READER_H */
