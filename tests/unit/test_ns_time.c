/* test_ns_time.c
 * Unit tests of the nanosecond arithmetic (dissectors/readers/ns_time.h)
 * on the timestamps pcapng can carry: 64-bit counts, any resolution, a
 * 64-bit offset in seconds. ucdiag_ns_of is ucd_ns_from_parts on an
 * nstime_t.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "ntp_reader.h"
#include "ns_time.h"
#include "boot_packets.h"
#include "check.h"

static void
test_from_parts(void)
{
    /* What a normal capture has stays what it was. */
    CHECK(ucd_ns_from_parts(1700000000, 10000000) == 1700000000LL * SEC + 10000000);
    CHECK(ucd_ns_from_parts(0, 0) == 0);
    CHECK(ucd_ns_from_parts(-1, -500000000) == -SEC - SEC / 2);
    /* 2^63 ns, a 64-bit nanosecond count past its sign bit: 2262. */
    CHECK(ucd_ns_from_parts(9223372036LL, 854775807) == UCD_NS_NONE);
    CHECK(ucd_ns_from_parts(9223372036LL, 854775808) == UCD_NS_NONE);
    /* A huge if_tsoffset: seconds alone overflow a nanosecond count. */
    CHECK(ucd_ns_from_parts(INT64_MAX, 999999999) == UCD_NS_NONE);
    CHECK(ucd_ns_from_parts(INT64_MIN, -999999999) == UCD_NS_NONE);
    CHECK(ucd_ns_from_parts((int64_t)1 << 62, 0) == UCD_NS_NONE);
    /* nsecs out of its usual range cannot carry a time past the limit. */
    CHECK(ucd_ns_from_parts(UCD_NS_LIMIT / SEC, INT32_MAX) == UCD_NS_NONE);
    CHECK(ucd_ns_from_parts(-(UCD_NS_LIMIT / SEC), INT32_MIN) == UCD_NS_NONE);
    CHECK(ucd_ns_from_parts(UCD_NS_LIMIT / SEC - 3, INT32_MAX) == (UCD_NS_LIMIT / SEC - 3) * SEC + INT32_MAX);
    /* 2106, the last second a pcap file can say, is known. */
    CHECK(ucd_ns_known(ucd_ns_from_parts(4294967295LL, 999999999)));
    CHECK(ucd_ns_of_s(UINT32_MAX) == 4294967295LL * SEC);
}

static void
test_spans(void)
{
    int64_t near = UCD_NS_LIMIT - 1;

    CHECK(ucd_ns_since(5 * SEC, 2 * SEC) == 3 * SEC);
    CHECK(ucd_ns_since(2 * SEC, 5 * SEC) == -3 * SEC);
    /* The two ends of the known range: the span fits. */
    CHECK(ucd_ns_since(near, -near) == 2 * near);
    CHECK(ucd_ns_since(-near, near) == -2 * near);
    /* Anything with an unknown end is unknown, whatever the raw numbers. */
    CHECK(ucd_ns_since(INT64_MAX, 0) == UCD_NS_NONE);
    CHECK(ucd_ns_since(0, INT64_MIN) == UCD_NS_NONE);
    CHECK(ucd_ns_since(INT64_MIN, INT64_MAX) == UCD_NS_NONE);
    CHECK(ucd_ns_since(UCD_NS_NONE, UCD_NS_NONE) == UCD_NS_NONE);
    CHECK(ucd_ns_at_least(SEC, 0, SEC) && !ucd_ns_at_least(SEC - 1, 0, SEC));
    CHECK(!ucd_ns_at_least(INT64_MAX, 0, SEC) && !ucd_ns_at_least(0, INT64_MIN, SEC));
    CHECK(ucd_ns_within(0, 2 * SEC, 2 * SEC) && ucd_ns_within(2 * SEC, 0, 2 * SEC));
    CHECK(!ucd_ns_within(0, 3 * SEC, 2 * SEC) && !ucd_ns_within(INT64_MAX, INT64_MIN + 1, 2 * SEC));
    CHECK(!ucd_ns_within(UCD_NS_NONE, UCD_NS_NONE, 2 * SEC));
}

/* NTP's transmit time, at both ends of what the reader accepts. */
static void
test_ntp_extremes(void)
{
    uint8_t p[48];
    boot_ntp_t n;

    /* 0xffffffff seconds and the largest fraction: 2036, era 0. */
    ntp(p, BOOT_NTP_MODE_SERVER, 0xffffffffu);
    memset(p + 44, 0xff, 4);
    CHECK(boot_ntp_parse(p, sizeof p, &n) && n.xmit_set && ucd_ns_known(n.xmit_unix_ns));
    CHECK(n.xmit_unix_ns == (0xffffffffLL - 2208988800LL) * SEC + 999999999);
    /* 0x7fffffff: 2104, era 1, the latest. */
    ntp(p, BOOT_NTP_MODE_SERVER, 0x7fffffffu);
    CHECK(boot_ntp_parse(p, sizeof p, &n) && ucd_ns_known(n.xmit_unix_ns));
    CHECK(n.xmit_unix_ns == (0x17fffffffLL - 2208988800LL) * SEC + SEC / 2);
    /* 0x80000000: 1968, the earliest. */
    ntp(p, BOOT_NTP_MODE_SERVER, 0x80000000u);
    CHECK(boot_ntp_parse(p, sizeof p, &n) && n.xmit_unix_ns < 0 && ucd_ns_known(n.xmit_unix_ns));
}

int
main(void)
{
    test_from_parts();
    test_spans();
    test_ntp_extremes();
    return check_summary();
}
