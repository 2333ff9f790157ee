/* test_ntp_reader.c
 * Unit tests of the NTP reader (dissectors/readers/ntp_reader.c): the
 * transmit time as Unix time, short packets and bad versions.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "ntp_reader.h"
#include "boot_packets.h"
#include "check.h"

static void
test_ntp(void)
{
    uint8_t p[48];
    boot_ntp_t n;

    /* 2026-01-01 00:00:00 UTC is Unix 1767225600. */
    CHECK(boot_ntp_parse(p, ntp(p, BOOT_NTP_MODE_SERVER, (uint32_t)(1767225600LL + 2208988800LL)), &n));
    CHECK(n.mode == BOOT_NTP_MODE_SERVER && n.xmit_set);
    CHECK(n.xmit_unix_ns == 1767225600LL * SEC + SEC / 2);
    CHECK(!boot_ntp_parse(p, 47, &n));
    p[0] = 0; /* version 0 */
    CHECK(!boot_ntp_parse(p, 48, &n));
}

int
main(void)
{
    test_ntp();
    return check_summary();
}
