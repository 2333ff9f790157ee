/* bench-seed.c
 * Preloaded into tshark by scripts/benchmark.sh, with and without the plugin
 * alike: Wireshark seeds its hash tables from GLib's random numbers at
 * start-up, which moves callgrind's instruction counts by about 0.6% from
 * one run to the next. A fixed "random" number makes them repeat.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

guint32
g_random_int(void)
{
    return 12345u;
}

gint32
g_random_int_range(gint32 begin, gint32 end)
{
    (void)end;
    return begin;
}
