/* fuzz_msuc_logic.c
 * Random and mutated bytes into every byte parser of msuc_logic.c,
 * frame_reader.c and dhcp_txn.c, for a bounded number of seconds. The
 * protocol readers have fuzz_readers.c, the state machines fuzz_logic.c.
 * Built with ASan and UBSan by tests/sanitize.sh; a sanitizer report aborts
 * the run, so reaching the summary line means none fired.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msuc_logic.h"
#include "frame_reader.h"
#include "dhcp_txn.h"
#include "fuzz.h"

/* The DHCP message reader: the input as a frame, and the input behind
 * an IPv4/UDP header whose lengths may lie. Whatever parses goes into one
 * transaction, as the first pass would, and is read back as later passes
 * do. */
static void
exercise_dhcp_msg(const uint8_t *buf, size_t len)
{
    static const size_t ip_offsets[] = { 0, 14, 18 };
    size_t wlen = 28 + len;
    uint8_t *w = malloc(wlen);
    dhcp_txn_t txn;
    dhcp_msg_t m;
    dhcp_sighting_t s;
    uint32_t frame_no = 0;
    unsigned n;

    memset(w, 0, 28);
    w[0] = 0x45;
    w[2] = (uint8_t)(wlen >> 8); w[3] = (uint8_t)wlen;
    w[8] = len ? buf[0] : 64;
    w[9] = 17;
    w[21] = len > 1 && (buf[1] & 1) ? 67 : 68;
    w[23] = 67;
    w[24] = (uint8_t)((len > 2 ? buf[2] : 0) + ((wlen - 20) >> 8) * (len > 3 && (buf[3] & 1)));
    w[25] = (uint8_t)(wlen - 20);
    memcpy(w + 28, buf, len);
    dhcp_txn_init(&txn);
    for (n = 0; n < 4; n++) {
        const uint8_t *f = n < 3 ? buf : w;
        size_t flen = n < 3 ? len : wlen;
        if (!dhcp_msg_parse(f, flen, n < 3 ? ip_offsets[n] : 0, &m))
            continue;
        if (m.view.options_end > flen || m.view.options_start > m.view.options_end)
            abort();
        m.view.xid = 1; /* one transaction, whatever the bytes say */
        (void)dhcp_txn_observe(&txn, &m, ++frame_no, (int64_t)n * 1000, 4000000000LL, grow, NULL, NULL, &s);
        m.kind = m.kind == DHCP_KIND_INFORM ? DHCP_KIND_ACK : DHCP_KIND_INFORM;
        (void)dhcp_txn_observe(&txn, &m, ++frame_no, (int64_t)n * 2000, 4000000000LL, grow, NULL, NULL, &s);
    }
    for (n = 0; n <= frame_no; n++)
        (void)dhcp_txn_lookup(&txn, n, &s);
    dhcp_txn_release(&txn, free);
    free(w);
}

/* Every entry point, on exactly `len` heap bytes so ASan sees any overread. */
static void
exercise(const uint8_t *buf, size_t len)
{
    size_t pos = 0, at, i;
    tlv_t t;
    text_scan_t ts;
    opt120_info_t oi;
    uint32_t u;
    char url[64];
    dhcp_view_t v;
    dhcp_client_key_t k;

    while (tlv_next(buf, len, &pos, &t))
        if (t.value_offset + t.value_len > len)
            abort();
    (void)msuc_payload_identifies(buf, len);
    (void)vendor_kind_of(buf, len);
    text_scan(buf, len, &ts);
    (void)msuc_port_check(buf, len, &u);
    (void)msuc_scheme_check(buf, len);
    (void)msuc_path_check(buf, len);
    (void)msuc_path_is_standard(buf, len);
    (void)msuc_path_ends_svc(buf, len);
    (void)msuc_host_check(buf, len, &at);
    (void)cpe_vlan_check(buf, len, &u);
    opt120_check(buf, len, &oi);
    msuc_build_url(url, sizeof url, buf, len / 4, buf + len / 4, len / 4, buf + len / 2, len / 4,
                   buf + 3 * (len / 4), len - 3 * (len / 4));
    if (strlen(url) >= sizeof url)
        abort();
    /* DHCP-shaped input: locate from every option boundary after the cookie. */
    if (len > 244 && buf[236] == 0x63 && buf[237] == 0x82 && buf[238] == 0x53 && buf[239] == 0x63) {
        size_t p = 240;
        while (tlv_next(buf, len, &p, &t)) {
            if (dhcp_view_locate(buf, len, t.offset, &v) &&
                (v.options_end > len || v.options_start > t.offset + 1))
                abort();
        }
    }
    for (i = 0; i < len; i += 1 + len / 16) {
        if (dhcp_view_locate(buf, len, i, &v)) {
            if (v.options_end > len || v.options_start > v.options_end)
                abort();
            (void)dhcp_view_find_option(buf, &v, 60, &t);
            (void)dhcp_view_next_option(buf, &v, i, &t);
            dhcp_client_key_from_view(&v, &k);
            (void)dhcp_client_key_hash(&k);
        }
    }
    exercise_dhcp_msg(buf, len);
    /* the IP header, DSCP and payload readers, with addresses taken from the
     * input itself, and from offset 0 whatever is there */
    if (len >= 32) {
        size_t off;
        frame_l4_t l4;
        int af;
        for (af = 4; af <= 6; af += 2) {
            if (frame_find_ip_header(buf, len, af, af == 4 ? buf + len - 8 : buf, af == 4 ? buf + len - 4 : buf + 16,
                                     &off)) {
                (void)frame_ip_dscp(buf + off, af);
                if (frame_l4_payload(buf, len, off, af, &l4) && (l4.avail > l4.len || l4.offset + l4.avail > len))
                    abort();
            }
            if (frame_l4_payload(buf, len, 0, af, &l4) && (l4.avail > l4.len || l4.offset + l4.avail > len))
                abort();
        }
    }
}

/* One input: a DHCP message of random options, random bytes, or an option
 * 43 value with a few bytes flipped and a random cut. */
static size_t
make_input(uint8_t *data, size_t size)
{
    size_t len = rnd() % size, i;

    if (rnd() % 3 == 0) {
        /* a BOOTP header, the cookie, then random options */
        len = 241 + rnd() % (size - 241);
        for (i = 0; i < len; i++)
            data[i] = (uint8_t)(i >= 240 && rnd() % 4 ? rnd() % 8 : rnd());
        data[0] = (uint8_t)(1 + rnd() % 2);
        data[236] = 0x63; data[237] = 0x82; data[238] = 0x53; data[239] = 0x63;
    } else if (rnd() & 1) {
        /* random bytes */
        for (i = 0; i < len; i++)
            data[i] = (uint8_t)rnd();
    } else {
        /* a valid value with a few bytes flipped and a random cut */
        len = fuzz_opt43(data);
    }
    return len;
}

int
main(int argc, char **argv)
{
    return fuzz_loop("fuzz_msuc_logic", argc, argv, make_input, exercise);
}
