/* Unit tests of the DHCP reader: the TLV walk, finding the message around an
 * option, and the option lists option 52 (overload) adds; no libwireshark.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dhcp_reader.h"
#include "check.h"
#include "samples.h"


static void
test_tlv_walk_standard(void)
{
    size_t pos = 0;
    tlv_t t;
    int codes[6], n = 0;

    CHECK(sizeof dhcputil_90 == 90);
    while (tlv_next(dhcputil_90, sizeof dhcputil_90, &pos, &t) && n < 6) {
        CHECK(t.kind == TLV_COMPLETE);
        codes[n++] = t.code;
    }
    CHECK(n == 5);
    CHECK(codes[0] == 1 && codes[4] == 5);
    CHECK(pos == 90);
}

static void
test_tlv_truncated_and_no_length(void)
{
    /* The same value cut at 60 bytes: sub-option 4 is whole, 5 is not. */
    size_t pos = 0;
    tlv_t t, last;
    unsigned count = 0;

    memset(&last, 0, sizeof last);

    while (tlv_next(dhcputil_90, 60, &pos, &t)) {
        last = t;
        count++;
    }
    CHECK(count == 5);
    CHECK(last.kind == TLV_TRUNCATED);
    CHECK(last.code == 5);
    CHECK(last.claimed_len == 37);
    CHECK(last.value_len == 60 - 53);
    CHECK(pos == 60);

    /* A code byte with nothing after it. */
    pos = 0;
    {
        const uint8_t one[] = { 0x02, 0x01, 'x', 0x05 };
        CHECK(tlv_next(one, sizeof one, &pos, &t) && t.kind == TLV_COMPLETE);
        CHECK(tlv_next(one, sizeof one, &pos, &t) && t.kind == TLV_NO_LENGTH && t.code == 5);
        CHECK(!tlv_next(one, sizeof one, &pos, &t));
    }
}

static void
test_tlv_pad_end(void)
{
    const uint8_t v[] = { 0x00, 0x02, 0x01, 'a', 0xFF, 0x00 };
    size_t pos = 0;
    tlv_t t;

    CHECK(tlv_next(v, sizeof v, &pos, &t) && t.kind == TLV_PAD && pos == 1);
    CHECK(tlv_next(v, sizeof v, &pos, &t) && t.kind == TLV_COMPLETE && t.code == 2);
    CHECK(tlv_next(v, sizeof v, &pos, &t) && t.kind == TLV_END && pos == 5);
}

/* Builds UDP header + BOOTP header + cookie + options at buf+off. */
static size_t
build_dhcp(uint8_t *buf, size_t off, uint8_t op, uint32_t xid, const uint8_t *opts, size_t optlen,
           size_t pad_after)
{
    uint8_t *udp = buf + off;
    uint8_t *m = udp + 8;
    size_t ulen = 8 + 240 + optlen;

    memset(udp, 0, 8 + 240);
    udp[0] = 0; udp[1] = 68; udp[2] = 0; udp[3] = 67;
    udp[4] = (uint8_t)(ulen >> 8); udp[5] = (uint8_t)ulen;
    m[0] = op; m[1] = 1; m[2] = 6;
    m[4] = (uint8_t)(xid >> 24); m[5] = (uint8_t)(xid >> 16); m[6] = (uint8_t)(xid >> 8); m[7] = (uint8_t)xid;
    m[12] = 10; m[13] = 1; m[14] = 20; m[15] = 50; /* ciaddr */
    m[24] = 10; m[25] = 1; m[26] = 20; m[27] = 1;  /* giaddr */
    memcpy(m + 28, "\x00\x04\xf2\xaa\xbb\xcc", 6);
    m[236] = 0x63; m[237] = 0x82; m[238] = 0x53; m[239] = 0x63;
    memcpy(m + 240, opts, optlen);
    memset(m + 240 + optlen, 0xEE, pad_after); /* link-layer trailer */
    return off + ulen + pad_after;
}

static void
test_locate(void)
{
    /* option 60 whose value holds a fake cookie, then 43, then 250, then end */
    const uint8_t opts[] = { 53, 1, 8,
                             60, 6, 0x63, 0x82, 0x53, 0x63, 'x', 'y',
                             43, 3, 1, 1, 'a',
                             250, 2, 'b', 'c',
                             255 };
    uint8_t buf[1024];
    size_t len = build_dhcp(buf, 34, DHCP_OP_REQUEST, 0xdeadbeef, opts, sizeof opts, 6);
    size_t opt_base = 34 + 8 + 240;
    dhcp_view_t v;
    tlv_t t;
    dhcp_client_key_t k1, k2;

    CHECK(dhcp_view_locate(buf, len, opt_base + 11, &v));
    CHECK(v.start == 34 + 8);
    CHECK(v.op == DHCP_OP_REQUEST && v.xid == 0xdeadbeef && v.hlen == 6);
    CHECK(v.ciaddr == 0x0a011432 && v.giaddr == 0x0a011401);
    CHECK(memcmp(v.chaddr, "\x00\x04\xf2\xaa\xbb\xcc", 6) == 0);
    CHECK(v.options_end == opt_base + sizeof opts); /* trailer excluded */
    CHECK(dhcp_view_find_option(buf, &v, 60, &t) && t.value_len == 6);
    CHECK(!dhcp_view_find_option(buf, &v, 120, &t));
    CHECK(dhcp_view_next_option(buf, &v, opt_base + 11, &t) && t.code == 250 && t.value_len == 2);
    CHECK(!dhcp_view_next_option(buf, &v, opt_base + 16, &t)); /* 250 is followed by End */

    /* An offset that is not an option boundary is refused. */
    CHECK(!dhcp_view_locate(buf, len, opt_base + 12, &v));
    CHECK(!dhcp_view_locate(buf, len, 10, &v));
    CHECK(!dhcp_view_locate(buf, 0, 0, &v));

    /* Same xid, other MAC: other transaction. */
    CHECK(dhcp_view_locate(buf, len, opt_base + 11, &v));
    dhcp_client_key_from_view(&v, &k1);
    k2 = k1;
    CHECK(dhcp_client_key_equal(&k1, &k2) && dhcp_client_key_hash(&k1) == dhcp_client_key_hash(&k2));
    k2.chaddr[5] ^= 1;
    CHECK(!dhcp_client_key_equal(&k1, &k2));
}

/* An ACK whose option 52 moves option 43 into `file` and option 120 into
 * `sname`, as a server short of room in the options field does. */
static size_t
build_overloaded(uint8_t *buf, uint8_t overload)
{
    const uint8_t opts[] = { 53, 1, 5, 52, 1, overload, 255 };
    const uint8_t in_file[] = { 43, 5, 1, 3, 'M', 'S', '-', 0, 255 };
    const uint8_t in_sname[] = { 120, 4, 0, 1, 'p', 0, 255 };
    size_t len = build_dhcp(buf, 34, DHCP_OP_REPLY, 0x0e7104ad, opts, sizeof opts, 0);
    uint8_t *m = buf + 34 + 8;

    memcpy(m + DHCP_FILE_OFFSET, in_file, sizeof in_file);
    memcpy(m + DHCP_SNAME_OFFSET, in_sname, sizeof in_sname);
    return len;
}

static void
test_overload(void)
{
    uint8_t buf[1024];
    size_t len = build_overloaded(buf, DHCP_OVERLOAD_FILE | DHCP_OVERLOAD_SNAME);
    size_t start = 34 + 8;
    dhcp_view_t v;
    dhcp_msg_t m;
    dhcp_opt_iter_t it = { 0, 0 };
    tlv_t t;
    uint8_t order[8];
    unsigned n = 0;

    CHECK(dhcp_view_at(buf, start, len, &v));
    CHECK(v.overload == 3 && v.n_areas == 3);
    /* RFC 2131 4.1: the options field, then file, then sname. */
    while (dhcp_view_next(buf, &v, &it, &t) && n < sizeof order)
        order[n++] = t.code;
    CHECK(n == 4 && order[0] == 53 && order[1] == 52 && order[2] == 43 && order[3] == 120);
    CHECK(dhcp_view_find_option(buf, &v, 43, &t) && t.offset == start + DHCP_FILE_OFFSET && t.value_len == 5);
    CHECK(dhcp_view_find_option(buf, &v, 120, &t) && t.offset == start + DHCP_SNAME_OFFSET);
    dhcp_msg_read(buf, &v, &m);
    CHECK(m.kind == DHCP_KIND_ACK && m.has_43 && m.has_120 && m.opt43.offset == start + DHCP_FILE_OFFSET);

    /* The option-43 decoder is handed the option inside `file`: the message
     * around it is found, and the same lists read. */
    CHECK(dhcp_view_locate(buf, len, start + DHCP_FILE_OFFSET, &v));
    CHECK(v.start == start && v.n_areas == 3);
    CHECK(dhcp_view_locate(buf, len, start + DHCP_SNAME_OFFSET, &v) && v.start == start);
    CHECK(!dhcp_view_locate(buf, len, start + DHCP_FILE_OFFSET + 1, &v)); /* not an option boundary */
    CHECK(!dhcp_view_next_option(buf, &v, start + DHCP_FILE_OFFSET, &t)); /* 43 is followed by End */

    /* Without option 52 the fixed fields are names, not options. */
    len = build_overloaded(buf, 0);
    CHECK(dhcp_view_at(buf, start, len, &v) && v.n_areas == 1);
    CHECK(!dhcp_view_find_option(buf, &v, 43, &t));
    CHECK(!dhcp_view_locate(buf, len, start + DHCP_FILE_OFFSET, &v));
    /* Overload 1 opens file only. */
    len = build_overloaded(buf, DHCP_OVERLOAD_FILE);
    CHECK(dhcp_view_at(buf, start, len, &v) && v.n_areas == 2);
    CHECK(dhcp_view_find_option(buf, &v, 43, &t) && !dhcp_view_find_option(buf, &v, 120, &t));
}

int
main(void)
{
    test_tlv_walk_standard();
    test_tlv_truncated_and_no_length();
    test_tlv_pad_end();
    test_locate();
    test_overload();
    return check_summary();
}
