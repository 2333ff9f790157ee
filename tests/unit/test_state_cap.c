/* test_state_cap.c
 * Unit tests of the tracking limits (dissectors/logic/state_cap.c): entries
 * up to the limit, the first frame turned away remembered and told on that
 * frame only, no limit at 0, and a new capture starting afresh.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "state_cap.h"
#include "check.h"

static void
test_limit(void)
{
    state_cap_t c;
    uint32_t f;

    state_cap_reset(&c, 3);
    for (f = 1; f <= 3; f++)
        CHECK(state_cap_admit(&c, f * 10));
    CHECK(!state_cap_reached_at(&c, 30) && c.full_frame == 0);
    CHECK(!state_cap_admit(&c, 41));
    CHECK(!state_cap_admit(&c, 42));
    CHECK(c.full_frame == 41 && c.count == 3);
    CHECK(state_cap_reached_at(&c, 41) && !state_cap_reached_at(&c, 42) && !state_cap_reached_at(&c, 0));
    state_cap_reset(&c, 3);
    CHECK(c.full_frame == 0 && state_cap_admit(&c, 1));
}

static void
test_no_limit(void)
{
    state_cap_t c;
    uint32_t f;

    state_cap_reset(&c, 0);
    for (f = 1; f <= 100000; f++)
        if (!state_cap_admit(&c, f))
            break;
    CHECK(f == 100001 && c.full_frame == 0 && !state_cap_reached_at(&c, 0));
}

int
main(void)
{
    test_limit();
    test_no_limit();
    return check_summary();
}
