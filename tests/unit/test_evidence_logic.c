/* Unit tests of the evidence that a flow is Microsoft media
 * (evidence_logic.c): STUN vendor attributes, networks, Microsoft's ranges,
 * which evidence wins, RTP payload types.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "evidence_logic.h"
#include "check.h"

/* A STUN message of type `type` with the cookie and attributes given as
 * (type, length) pairs, each value filled with `fill` and padded to 4 bytes
 * (or not). Returns its length. */
static size_t
stun(uint8_t *p, uint16_t type, const uint16_t *attrs, size_t nattrs, bool padded)
{
    size_t pos = 20, i;

    memset(p, 0, 512);
    put16(p, type);
    put32(p + 4, 0x2112A442);
    memset(p + 8, 0x42, 12);
    for (i = 0; i < nattrs; i++) {
        uint16_t len = attrs[2 * i + 1];
        put16(p + pos, attrs[2 * i]);
        put16(p + pos + 2, len);
        memset(p + pos + 4, 0x11, len);
        pos += 4 + (padded ? ((len + 3u) & ~3u) : len);
    }
    put16(p + 2, (unsigned)(pos - 20));
    return pos;
}

static void
test_stun_marks(void)
{
    uint8_t p[512];
    uc_stun_marks_t m;
    size_t n;
    /* What a Teams client's connectivity check carries (ndpi teams.pcap):
     * USERNAME, PRIORITY, MS-IMPLEMENTATION-VERSION, MESSAGE-INTEGRITY, FINGERPRINT */
    const uint16_t teams[] = { 0x0006, 9, 0x0024, 4, 0x8070, 4, 0x0008, 20, 0x8028, 4 };
    /* Chrome's: GOOG-NETWORK-INFO among the ICE attributes */
    const uint16_t chrome[] = { 0x0006, 9, 0xC057, 4, 0x802A, 8, 0x0024, 4, 0x0008, 20, 0x8028, 4 };
    const uint16_t plain[] = { 0x0006, 9, 0x0008, 20, 0x8028, 4 };
    const uint16_t whatsapp[] = { 0x4000, 4, 0x0006, 7 };
    const uint16_t both[] = { 0xC057, 4, 0x8054, 4 };
    /* MS-TURN Allocate as Lync sends it: unpadded attributes, odd lengths */
    const uint16_t msturn[] = { 0x000F, 4, 0x0006, 5, 0x8008, 4, 0x0010, 4, 0x8055, 4 };
    /* an attribute that claims more than the message holds */
    const uint16_t liar[] = { 0x0006, 9 };

    n = stun(p, 0x0001, teams, 5, true);
    m = uc_stun_marks(p, n);
    CHECK(m.stack == UC_STACK_MICROSOFT && m.attr == 0x8070);
    CHECK(strcmp(uc_stun_attr_name(0x8070), "MS-IMPLEMENTATION-VERSION") == 0);

    n = stun(p, 0x0001, chrome, 6, true);
    m = uc_stun_marks(p, n);
    CHECK(m.stack == UC_STACK_GOOGLE && m.attr == 0xC057);

    n = stun(p, 0x0001, plain, 3, true);
    CHECK(uc_stun_marks(p, n).stack == UC_STACK_NONE);

    n = stun(p, 0x0001, whatsapp, 2, true);
    CHECK(uc_stun_marks(p, n).stack == UC_STACK_WHATSAPP);
    n = stun(p, 0x0800, plain, 3, true);
    m = uc_stun_marks(p, n);
    CHECK(m.stack == UC_STACK_WHATSAPP && m.attr == 0 && uc_stun_attr_stack(0) == UC_STACK_WHATSAPP);

    /* both stacks in one message: Microsoft's are unmistakable */
    n = stun(p, 0x0001, both, 2, true);
    m = uc_stun_marks(p, n);
    CHECK(m.stack == UC_STACK_MICROSOFT && m.attr == 0x8054);

    /* unpadded: the walk must not lose step after the 5-byte USERNAME */
    n = stun(p, 0x0003, msturn, 5, false);
    put32(p + 4, 0x01020304); /* MS-TURN: no cookie in the header */
    m = uc_stun_marks(p, n);
    CHECK(m.stack == UC_STACK_MICROSOFT && m.attr == 0x8008);

    /* cut by the capture: what was captured still counts, nothing past it is read */
    n = stun(p, 0x0001, teams, 5, true);
    CHECK(uc_stun_marks(p, 20 + 16 + 8 + 8).stack == UC_STACK_MICROSOFT);
    CHECK(uc_stun_marks(p, 20 + 16 + 8).stack == UC_STACK_NONE);
    CHECK(uc_stun_marks(p, 19).stack == UC_STACK_NONE);
    CHECK(uc_stun_marks(NULL, 100).stack == UC_STACK_NONE);

    /* a length past the message's end is not followed into the next bytes */
    n = stun(p, 0x0001, liar, 1, true);
    put16(p + 22, 400);
    put16(p + 32, 0x8070); /* would be read if the walk trusted the length blindly... */
    CHECK(uc_stun_marks(p, sizeof p).stack == UC_STACK_NONE);
}

static void
test_nets(void)
{
    uc_net_t n;
    uint8_t a4[4] = { 10, 99, 1, 20 }, b4[4] = { 10, 99, 2, 20 };
    uint8_t a6[16] = { 0x26, 0x03, 0x10, 0x63, 0x00, 0x10 };
    uint8_t b6[16] = { 0x26, 0x03, 0x10, 0x67 };
    char text[64];

    CHECK(uc_net_parse("10.99.1.0/24", &n) && n.af == 4 && n.bits == 24);
    CHECK(uc_net_contains(&n, 4, a4) && !uc_net_contains(&n, 4, b4) && !uc_net_contains(&n, 6, a6));
    CHECK(uc_net_parse(" 10.99.1.77/24 ", &n) && n.addr[3] == 0); /* host bits cleared */
    CHECK(uc_net_text(&n, text, sizeof text) > 0 && strcmp(text, "10.99.1.0/24") == 0);
    CHECK(uc_net_parse("10.99.1.20", &n) && n.bits == 32 && uc_net_contains(&n, 4, a4));
    CHECK(uc_net_parse("10.0.0.0/0", &n) && uc_net_contains(&n, 4, b4));
    CHECK(uc_net_parse("2001:db8::/32", &n) && n.af == 6 && n.bits == 32);
    CHECK(!uc_net_parse("10.99.1.0/33", &n));
    CHECK(!uc_net_parse("10.99.1.0/", &n));
    CHECK(!uc_net_parse("10.99.1/24", &n));
    CHECK(!uc_net_parse("pool.contoso.com", &n));
    CHECK(!uc_net_parse("", &n) && !uc_net_parse(NULL, &n));
    CHECK(!uc_net_parse("10.1.1.1/24x", &n));

    /* Microsoft's Teams media ranges, at their edges */
    {
        uint8_t in1[4] = { 52, 115, 255, 255 }, out1[4] = { 52, 116, 0, 0 };
        uint8_t in2[4] = { 13, 107, 64, 1 }, out2[4] = { 13, 107, 128, 1 };
        uint8_t in3[4] = { 52, 123, 1, 1 }, out3[4] = { 52, 121, 255, 255 };
        uint8_t g[4] = { 142, 250, 82, 10 };
        CHECK(uc_ms_media_net(4, in1) && !uc_ms_media_net(4, out1));
        CHECK(uc_ms_media_net(4, in2) && !uc_ms_media_net(4, out2));
        CHECK(uc_ms_media_net(4, in3) && !uc_ms_media_net(4, out3));
        CHECK(!uc_ms_media_net(4, g));
        CHECK(uc_ms_media_net(6, a6) && !uc_ms_media_net(6, b6)); /* 2603:1063::/38 */
        uc_net_text(uc_ms_media_net(4, in1), text, sizeof text);
        CHECK(strcmp(text, "52.112.0.0/14") == 0);
    }
}

static void
test_verdicts(void)
{
    CHECK(uc_evidence_is_microsoft(UC_EV_STUN_FLOW) && uc_evidence_is_microsoft(UC_EV_PHONE));
    CHECK(!uc_evidence_is_microsoft(UC_EV_NONE) && !uc_evidence_is_microsoft(UC_EV_OTHER_FLOW));
    CHECK(uc_evidence_is_other(UC_EV_OTHER_ENDPOINT) && !uc_evidence_is_other(UC_EV_MS_RANGE));
    /* another stack's STUN outweighs where the peer is or what the user said */
    CHECK(uc_evidence_stronger(UC_EV_MS_RANGE, UC_EV_OTHER_ENDPOINT) == UC_EV_OTHER_ENDPOINT);
    CHECK(uc_evidence_stronger(UC_EV_USER_NET, UC_EV_OTHER_FLOW) == UC_EV_OTHER_FLOW);
    /* Microsoft's own attributes on the flow outweigh everything */
    CHECK(uc_evidence_stronger(UC_EV_OTHER_FLOW, UC_EV_STUN_FLOW) == UC_EV_STUN_FLOW);
    CHECK(uc_evidence_stronger(UC_EV_STUN_ENDPOINT, UC_EV_OTHER_ENDPOINT) == UC_EV_STUN_ENDPOINT);
    CHECK(uc_evidence_stronger(UC_EV_NONE, UC_EV_PHONE) == UC_EV_PHONE);
    CHECK(uc_evidence_stronger(UC_EV_MS_RANGE, UC_EV_NONE) == UC_EV_MS_RANGE);
    /* after settling, only the flow's own STUN takes over, from addresses or endpoints */
    CHECK(uc_evidence_overrules(UC_EV_USER_NET, UC_EV_OTHER_FLOW));
    CHECK(uc_evidence_overrules(UC_EV_OTHER_ENDPOINT, UC_EV_STUN_FLOW));
    CHECK(!uc_evidence_overrules(UC_EV_STUN_FLOW, UC_EV_OTHER_FLOW));
    CHECK(!uc_evidence_overrules(UC_EV_OTHER_FLOW, UC_EV_STUN_FLOW));
    CHECK(!uc_evidence_overrules(UC_EV_MS_RANGE, UC_EV_STUN_ENDPOINT));
    CHECK(!uc_evidence_overrules(UC_EV_NONE, UC_EV_STUN_FLOW)); /* nothing to overrule: settling, not this */
}

static void
test_payload_types(void)
{
    const char *name;

    CHECK(uc_rtp_pt_modality(0, &name) == UC_STREAM_AUDIO && strcmp(name, "PCMU") == 0);
    CHECK(uc_rtp_pt_modality(9, &name) == UC_STREAM_AUDIO && strcmp(name, "G722") == 0);
    CHECK(uc_rtp_pt_modality(34, &name) == UC_STREAM_VIDEO && strcmp(name, "H263") == 0);
    CHECK(uc_rtp_pt_modality(1, &name) == UC_STREAM_UNKNOWN && name == NULL);   /* reserved */
    CHECK(uc_rtp_pt_modality(96, &name) == UC_STREAM_UNKNOWN && name == NULL);  /* dynamic: SDP's word */
    CHECK(uc_rtp_pt_modality(127, &name) == UC_STREAM_UNKNOWN);
}

/* A clear bit: nothing learnt about the address; every address added
 * answers maybe. */
static void
test_addr_filter(void)
{
    static uc_addr_filter_t f;
    uint8_t v4[4] = { 192, 168, 1, 20 }, other[4] = { 192, 168, 1, 21 };
    uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8 };
    unsigned i, n = 0;

    v6[15] = 7;
    uc_addr_filter_clear(&f);
    CHECK(!uc_addr_filter_may_hold(&f, 4, v4, 50000) && !uc_addr_filter_may_hold(&f, 6, v6, 3478));
    uc_addr_filter_add(&f, 4, v4, 50000);
    uc_addr_filter_add(&f, 6, v6, 3478);
    CHECK(uc_addr_filter_may_hold(&f, 4, v4, 50000) && uc_addr_filter_may_hold(&f, 6, v6, 3478));
    CHECK(uc_addr_filter_bit(4, v4, 50000) != uc_addr_filter_bit(4, other, 50000) &&
          !uc_addr_filter_may_hold(&f, 4, other, 50000));
    /* the same host's other ports are other endpoints */
    CHECK(uc_addr_filter_bit(4, v4, 50000) != uc_addr_filter_bit(4, v4, 50001) &&
          !uc_addr_filter_may_hold(&f, 4, v4, 50001));
    /* a subnet's hosts, and a host's ports, spread over the bits */
    for (i = 0; i < 256; i++) {
        other[3] = (uint8_t)i;
        n += uc_addr_filter_bit(4, other, 0) < UC_ADDR_FILTER_BITS / 2;
        n += uc_addr_filter_bit(4, v4, (uint16_t)(50000 + i)) < UC_ADDR_FILTER_BITS / 2;
    }
    CHECK(n > 128 && n < 384);
    /* A site's 2,000 phones (10.2.0.0/21) leave other hosts mostly clear:
     * the flows of other hosts do not ask again for nothing. */
    uc_addr_filter_clear(&f);
    for (i = 0; i < 2000; i++) {
        uint8_t phone[4] = { 10, 2, (uint8_t)(i >> 8), (uint8_t)i };
        uc_addr_filter_add(&f, 4, phone, 0);
    }
    for (i = n = 0; i < 10000; i++) {
        uint8_t host[4] = { 10, 9, (uint8_t)(i >> 8), (uint8_t)i };
        n += uc_addr_filter_may_hold(&f, 4, host, 0);
    }
    CHECK(n < 500); /* under 5%: 2,000 of 65,536 bits set at most */
    uc_addr_filter_clear(&f);
    CHECK(!uc_addr_filter_may_hold(&f, 4, v4, 50000));
}

int
main(void)
{
    test_addr_filter();
    test_stun_marks();
    test_nets();
    test_verdicts();
    test_payload_types();
    return check_summary();
}
