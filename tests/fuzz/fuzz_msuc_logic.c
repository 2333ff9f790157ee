/* Random and mutated bytes into every byte parser of msuc_logic.c,
 * frame_reader.c, media_logic.c, dhcp_txn.c, boot_logic.c and evidence_logic.c, for a bounded number of seconds. Built with ASan and UBSan by tests/run.sh; a sanitizer
 * report aborts the run, so reaching the summary line means none fired.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msuc_logic.h"
#include "frame_reader.h"
#include "media_logic.h"
#include "dhcp_txn.h"
#include "boot_logic.h"
#include "evidence_logic.h"

static uint64_t rng_state;

static uint32_t
rnd(void)
{
    /* xorshift64*: reproducible from the seed printed at start */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static void *
grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return realloc(old, size);
}

/* Every entry point, on exactly `len` heap bytes so ASan sees any overread. */
static void
exercise(const uint8_t *data, size_t len)
{
    uint8_t *buf = malloc(len ? len : 1);
    size_t pos = 0, at, i;
    tlv_t t;
    text_scan_t ts;
    opt120_info_t oi;
    uint32_t u;
    char url[64];
    dhcp_view_t v;
    dhcp_client_key_t k;

    memcpy(buf, data, len);
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
    /* The DHCP message reader: the input as a frame, and the input behind
     * an IPv4/UDP header whose lengths may lie. Whatever parses goes into one
     * transaction, as the first pass would, and is read back as later passes
     * do. */
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
            (void)dhcp_txn_observe(&txn, &m, ++frame_no, (int64_t)n * 1000, 4000000000LL, grow, NULL, &s);
            m.kind = m.kind == DHCP_KIND_INFORM ? DHCP_KIND_ACK : DHCP_KIND_INFORM;
            (void)dhcp_txn_observe(&txn, &m, ++frame_no, (int64_t)n * 2000, 4000000000LL, grow, NULL, &s);
        }
        for (n = 0; n <= frame_no; n++)
            (void)dhcp_txn_lookup(&txn, n, &s);
        free(txn.s);
        free(w);
    }
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
    /* media recognition: as a datagram and a segment, whole and as if the
     * capture had cut it short, on one flow so candidates meet */
    {
        media_flow_t f;
        media_packet_t mp;
        unsigned n;
        media_flow_init(&f);
        for (n = 0; n < 6; n++) {
            (void)media_inspect(buf, len, len + (n & 1) * 40, n >= 3, &mp);
            (void)media_flow_observe(&f, buf, len, len + (n & 1) * 40, n >= 3, n + 1);
            (void)media_demux(buf, len, (uint8_t)(n % 3));
        }
    }
    /* STUN vendor attributes, at every captured length; a network in text */
    {
        uc_net_t net;
        char text[48];
        size_t cut = len ? rnd() % (len + 1) : 0, k;
        (void)uc_stun_marks(buf, len);
        (void)uc_stun_marks(buf, cut);
        for (k = 0; k < sizeof text - 1 && k < len; k++)
            text[k] = (char)(buf[k] ? buf[k] : '/');
        text[k] = '\0';
        if (uc_net_parse(text, &net) && (net.bits > (net.af == 4 ? 32 : 128) || (net.af != 4 && net.af != 6)))
            abort();
    }
    /* the bootstrap's header readers, and the timeline fed what they read */
    {
        static boot_phone_t ph;
        boot_env_t env = { grow, NULL, 300000000000LL };
        boot_dns_t d;
        boot_ntp_t n;
        boot_tls_t t;
        boot_lldp_t l;
        boot_url_t url;
        char name[64];
        size_t off;
        boot_phone_init(&ph, 1);
        if (boot_url_from_43(buf, len, &url))
            boot_phone_set_url(&ph, &env, url.url, url.host, url.port, url.complete, url.defect);
        (void)boot_registrar_from_120(buf, len, name, sizeof name);
        if (boot_dns_parse(buf, len, &d)) {
            (void)boot_observe_dns(&ph, &env, 2, 0, &d);
            d.response = !d.response;
            (void)boot_observe_dns(&ph, &env, 3, 2000000000LL, &d);
        }
        if (boot_ntp_parse(buf, len, &n))
            (void)boot_observe_ntp(&ph, &env, 4, 0, n.mode == BOOT_NTP_MODE_CLIENT, 1, &n);
        (void)boot_observe_tcp(&ph, &env, 5, 0, true, 1, 50000, 443, BOOT_TCP_SYN, NULL);
        if (boot_tls_scan(buf, len, &t)) {
            (void)boot_observe_tcp(&ph, &env, 6, 0, true, 1, 50000, 443, BOOT_TCP_ACK, &t);
            (void)boot_observe_tcp(&ph, &env, 7, 0, false, 1, 50000, 443, BOOT_TCP_ACK, &t);
        }
        if (boot_lldp_locate(buf, len, &off))
            (void)boot_lldp_parse(buf + off, len - off, &l);
        if (boot_lldp_parse(buf, len, &l))
            (void)boot_observe_lldp(&ph, &env, 8, &l);
        boot_phone_release(&ph, free);
    }
    free(buf);
}

int
main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 10.0;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : (uint64_t)time(NULL);
    static const uint8_t seed_value[] = "\x01\x0cMS-UC-Client\x02\x05https\x03\x10pool.contoso.com"
                                        "\x04\x03" "443\x05\x25/CertProv/CertProvisioningService.svc\xff";
    uint8_t data[700];
    unsigned long runs = 0;
    clock_t stop = clock() + (clock_t)(seconds * CLOCKS_PER_SEC);

    rng_state = seed ? seed : 1;
    printf("fuzz_msuc_logic: seed %llu, %.1f s\n", (unsigned long long)seed, seconds);
    while (clock() < stop) {
        size_t len = rnd() % sizeof data, i;
        if (rnd() % 3 == 0) {
            /* a BOOTP header, the cookie, then random options */
            len = 241 + rnd() % (sizeof data - 241);
            for (i = 0; i < len; i++)
                data[i] = (uint8_t)(i >= 240 && rnd() % 4 ? rnd() % 8 : rnd());
            data[0] = (uint8_t)(1 + rnd() % 2);
            data[236] = 0x63; data[237] = 0x82; data[238] = 0x53; data[239] = 0x63;
        } else if (rnd() % 3 == 0) {
            /* a media packet's header, then random bytes: RTP, RTCP, STUN,
             * ChannelData, MS-TURN framing, RFC 4571 framing, DTLS */
            static const uint8_t heads[][8] = {
                { 0x80, 0x00, 0x12, 0x34, 0, 0, 0, 1 }, { 0x81, 0xc8, 0x00, 0x06, 0, 0, 0, 9 },
                { 0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42 }, { 0x40, 0x01, 0x00, 0x10, 0x80, 0, 0, 0 },
                { 0x02, 0x00, 0x00, 0x1c, 0x00, 0x03, 0x00, 0x08 }, { 0x00, 0x20, 0x80, 0x60, 0, 1, 0, 0 },
                { 0x16, 0xfe, 0xfd, 0x00, 0x00, 0, 0, 0 },
                /* TLS hellos and alerts, NTP, a DNS answer, LLDP */
                { 0x16, 0x03, 0x03, 0x00, 0x40, 0x01, 0x00, 0x00 }, { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30, 0x17 },
                { 0x24, 0x03, 0x00, 0xe9, 0x00, 0x00, 0x00, 0x00 }, { 0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02 },
                { 0x02, 0x07, 0x04, 0x00, 0xfe, 0x07, 0x00, 0x12 },
            };
            unsigned h = rnd() % (sizeof heads / sizeof heads[0]);
            for (i = 0; i < len; i++)
                data[i] = (uint8_t)(i < 8 ? heads[h][i] : rnd() % 4 ? rnd() % 16 : rnd());
        } else if (rnd() & 1) {
            /* random bytes */
            for (i = 0; i < len; i++)
                data[i] = (uint8_t)rnd();
        } else {
            /* a valid value with a few bytes flipped and a random cut */
            len = sizeof seed_value - 1;
            memcpy(data, seed_value, len);
            for (i = rnd() % 4; i > 0; i--)
                data[rnd() % len] = (uint8_t)rnd();
            len = rnd() % (len + 1);
        }
        exercise(data, len);
        runs++;
    }
    printf("fuzz_msuc_logic: %lu inputs, no crash\n", runs);
    return 0;
}
