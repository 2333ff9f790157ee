/* lower.h
 * Lower-casing of the names the readers and the bootstrap timeline keep
 * (DNS names, the TLS SNI, option 43's host), so that names compare as DNS
 * compares them. Header-only, like bytes.h, because each user wants it
 * inlined in its own loop.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_LOWER_H
#define UCDIAG_LOWER_H

#include <stddef.h>
#include <stdint.h>

/* ASCII only: DNS names are compared case-insensitively in ASCII alone. */
static inline char
lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Copies n bytes as a lower-case C string, dropping trailing NULs (the
 * String-typed option mistake) and cutting to fit. */
static inline void
copy_lower(char *out, size_t outsz, const uint8_t *v, size_t n)
{
    size_t i, w = 0;

    while (n > 0 && v[n - 1] == 0)
        n--;
    for (i = 0; i < n && w + 1 < outsz; i++)
        out[w++] = lower((char)v[i]);
    out[w] = '\0';
}

#endif /* UCDIAG_LOWER_H */
