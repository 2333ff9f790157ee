/* fuzz_logic.c
 * Random and mutated bytes into the state machines of dissectors/logic/:
 * media recognition (one payload, a flow direction), the QoS evidence's
 * STUN vendor attributes and networks in text, and a phone's bootstrap
 * timeline fed what the header readers make of the input. The readers
 * alone have fuzz_readers.c. Built with ASan and UBSan by tests/sanitize.sh;
 * a sanitizer report aborts the run, so reaching the summary line means
 * none fired.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot_logic.h"
#include "evidence_logic.h"
#include "media_logic.h"
#include "fuzz.h"

/* Every entry point, on exactly `len` heap bytes so ASan sees any overread. */
static void
exercise(const uint8_t *buf, size_t len)
{

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
    /* the bootstrap's timeline, fed what the header readers make of the
     * input (the readers alone: fuzz_readers.c) */
    {
        static boot_phone_t ph;
        boot_env_t env = { grow, NULL, 300000000000LL };
        boot_dns_t d;
        boot_ntp_t n;
        boot_tls_t t;
        boot_lldp_t l;
        boot_url_t url;
        char name[64];
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
        if (boot_lldp_parse(buf, len, &l))
            (void)boot_observe_lldp(&ph, &env, 8, &l);
        boot_phone_release(&ph, free);
    }
}

/* One input: a packet's first bytes then random ones, an option 43 value
 * with a few bytes flipped and a random cut, or random bytes. */
static size_t
make_input(uint8_t *data, size_t size)
{
    size_t len = rnd() % size, i;

    if (rnd() % 3 == 0) {
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
        len = fuzz_opt43(data);
    } else {
        for (i = 0; i < len; i++)
            data[i] = (uint8_t)rnd();
    }
    return len;
}

int
main(int argc, char **argv)
{
    return fuzz_loop("fuzz_logic", argc, argv, make_input, exercise);
}
