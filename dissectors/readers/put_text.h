/* put_text.h
 * Text written without printf, for words made on many packets (the Info
 * column's findings, the -z table's cells), where vsnprintf would cost more
 * than the check that found them. Header-only, like bytes.h: each caller
 * wants it inlined. Every writer keeps room for the closing NUL and returns
 * false, writing nothing, when its piece does not fit.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_PUT_TEXT_H
#define UCDIAG_PUT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* v in decimal at out + *w. */
static inline bool
put_uint(char *out, size_t outsz, size_t *w, uint32_t v)
{
    char digits[10];
    size_t n = 0;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (*w + n >= outsz)
        return false;
    while (n)
        out[(*w)++] = digits[--n];
    return true;
}

/* s at out + *w. */
static inline bool
put_str(char *out, size_t outsz, size_t *w, const char *s)
{
    size_t n = strlen(s);

    if (*w + n >= outsz)
        return false;
    memcpy(out + *w, s, n);
    *w += n;
    return true;
}

#endif
