/* state_cap.h
 * A tracking limit for a table that grows with hosts, clients or flows: how
 * many entries it may hold, and the frame where the first one was turned
 * away, so that the limit is told once, on that frame, on every pass.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STATE_CAP_H
#define STATE_CAP_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint32_t limit;         /* 0: no limit */
    uint32_t count;         /* entries made */
    uint32_t full_frame;    /* the first frame turned away, 0 until then */
} state_cap_t;

/* A new capture: nothing tracked, the limit as the preference says now. */
void state_cap_reset(state_cap_t *c, uint32_t limit);
/* First pass, frames in order: may frame make one more entry? Counts it if
 * so; the first frame refused is remembered. */
bool state_cap_admit(state_cap_t *c, uint32_t frame);
/* Is this the frame where the limit was reached (any pass)? */
bool state_cap_reached_at(const state_cap_t *c, uint32_t frame);

#endif /* STATE_CAP_H */
