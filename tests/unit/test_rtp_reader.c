/* test_rtp_reader.c
 * Unit tests of the RTP and RTCP reader (dissectors/readers/rtp_reader.c):
 * a compound RTCP packet, SRTCP, an RTP header and its extension, and the
 * DNS-like headers that must not pass for either.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "rtp_reader.h"
#include "media_packets.h"
#include "check.h"

static void
test_rtcp(void)
{
    uint8_t p[200];
    media_packet_t m = { 0 };
    size_t n = rtcp_compound(p);

    CHECK(rtcp_at(p, n, n, &m) && m.kind == MEDIA_RTCP && m.strong);
    /* SRTCP: the first header in the clear, the rest encrypted, then index
     * and tag; weak */
    memset(p + 8, 0xe7, 50);
    m = (media_packet_t){ 0 };
    CHECK(rtcp_at(p, 58, 58, &m) && m.kind == MEDIA_RTCP && !m.strong && m.key == 0xabcdef01);
    /* too short to be the packet its length claims, as RTCP or as RTP */
    CHECK(!rtcp_at(p, 20, 20, &m) && !rtp_at(p, 20, 20, &m));
    CHECK(rtcp_type(200) && rtcp_type(207) && !rtcp_type(199) && !rtcp_type(208));
}

static void
test_rtp(void)
{
    uint8_t p[200];
    media_packet_t m = { 0 };
    size_t n = rtp(p, 1000, 0x11223344, 160);

    CHECK(rtp_at(p, n, n, &m) && m.kind == MEDIA_RTP && m.key == 0x11223344 && m.seq == 1000 && !m.strong);
    /* SSRC 0 is what a DNS header's zero counts look like */
    n = rtp(p, 1, 0, 20);
    CHECK(!rtp_at(p, n, n, &m));
    /* RTP's header extension must fit */
    n = rtp(p, 3, 5, 0);
    p[0] = 0x90;
    CHECK(!rtp_at(p, n, n, &(media_packet_t){ 0 }));
}

int
main(void)
{
    test_rtcp();
    test_rtp();
    return check_summary();
}
