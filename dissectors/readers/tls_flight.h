/* tls_flight.h
 * The handshake messages one side of a TLS connection sent in a run of
 * records: the record headers taken away, so that a message split over
 * records reads whole. What the certificate checks read from, in a TCP
 * segment or in what Wireshark reassembled from several. No epan header, so
 * it is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLS_FLIGHT_H
#define TLS_FLIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLS_HS_CERTIFICATE_REQUEST 13

/* Whether p starts with a TLS 1.0-1.2 handshake record header (type 22,
 * version 3.1 to 3.3; a ServerHello's record may say 3.0 or 3.1). */
bool tls_flight_starts(const uint8_t *p, size_t len);

/* Copies the bodies of the handshake records at the start of p (len bytes)
 * into out (outsz bytes), one after another, and stops at the first record
 * of another type (ChangeCipherSpec: what follows is encrypted), at a
 * record cut by the end of p, or when out is full. Returns the bytes
 * written; *whole says whether every record read was complete. */
size_t tls_flight_handshakes(const uint8_t *p, size_t len, uint8_t *out, size_t outsz, bool *whole);

/* The first handshake message of type `type` in hs (the bytes
 * tls_flight_handshakes wrote): where its body starts, its length as its
 * header says (it may run past n: *avail is what is there). False when
 * there is none, or when a header cannot be read. */
bool tls_flight_find(const uint8_t *hs, size_t n, uint8_t type, size_t *body, size_t *msg_len, size_t *avail);

#endif /* TLS_FLIGHT_H */
