/* frame_order.h
 * Finding a frame's entries in a list the first pass made in frame order,
 * for the passes after it: shared by the logic files whose entries begin
 * with their frame number (each asserts it where it calls).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_FRAME_ORDER_H
#define UCDIAG_FRAME_ORDER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The index of the first of n entries (stride bytes apart from base) whose
 * frame is frame or later; n when there is none. */
static inline unsigned
frame_order_first(const void *base, unsigned n, size_t stride, uint32_t frame)
{
    const uint8_t *b = (const uint8_t *)base;
    unsigned lo = 0, hi = n;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        uint32_t f;
        memcpy(&f, b + (size_t)mid * stride, sizeof f);
        if (f < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif /* UCDIAG_FRAME_ORDER_H */
