/* state_cap.c
 * Tracking limits (see state_cap.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "state_cap.h"

void
state_cap_reset(state_cap_t *c, uint32_t limit)
{
    c->limit = limit;
    c->count = 0;
    c->full_frame = 0;
}

bool
state_cap_admit(state_cap_t *c, uint32_t frame)
{
    if (c->limit && c->count >= c->limit) {
        /* Frame numbers start at 1, so 0 still means "not reached". */
        if (!c->full_frame)
            c->full_frame = frame;
        return false;
    }
    c->count++;
    return true;
}

bool
state_cap_reached_at(const state_cap_t *c, uint32_t frame)
{
    return c->full_frame != 0 && c->full_frame == frame;
}
