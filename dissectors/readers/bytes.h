/* bytes.h
 * Big-endian reads shared by the pure logic files. The caller has checked
 * that the bytes exist.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_BYTES_H
#define UCDIAG_BYTES_H

#include <stdint.h>

static inline uint16_t
be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

/* TLS handshake lengths are three bytes. */
static inline uint32_t
be24(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}

static inline uint32_t
be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

#endif /* UCDIAG_BYTES_H */
