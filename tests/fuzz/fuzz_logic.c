/* fuzz_logic.c
 * Random and mutated bytes into the state machines of dissectors/logic/:
 * media recognition (one payload, a flow direction), the QoS evidence's
 * STUN vendor attributes and networks in text, a phone's bootstrap
 * timeline fed what the header readers make of the input, and a client's
 * media relay allocations fed the input as TURN messages and as a script
 * of messages in any order; the input as a JSON string value (escaped
 * exactly to the length it says, never a bare control character), a
 * timestamp and a column title. The readers
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
#include "json_text.h"
#include "media_logic.h"
#include "relay_logic.h"
#include "fuzz.h"
#include "ns_time.h"

static void must_fit(const char *s);

/* What the relay logic promises whatever it is fed: its tables within
 * their limits, verdicts in frame order naming relays it has, rows that
 * say what they can. */
static void
relay_check(const relay_client_t *c, uint32_t frames)
{
    const relay_mark_t *k;
    relay_row_t row;
    char text[48];
    unsigned i, n;

    if (c->n_relays > RELAY_MAX_RELAYS || c->n_marks > RELAY_MAX_MARKS || c->n_relays > c->cap_relays ||
        c->n_marks > c->cap_marks)
        abort();
    for (i = 0; i < c->n_marks; i++)
        if (c->marks[i].relay >= c->n_relays || c->marks[i].verdict == RELAY_V_NONE ||
            c->marks[i].verdict >= RELAY_V_COUNT || (i && c->marks[i].frame < c->marks[i - 1].frame))
            abort();
    for (i = 0; relay_row(c, i, &row); i++) {
        if (row.outcome >= RELAY_OUT_COUNT || row.first_frame > row.last_frame || row.last_frame > frames ||
            relay_outcome_text(&row, text, sizeof text) >= sizeof text)
            abort();
        must_fit(relay_transports_name(row.tried));
    }
    if (i != c->n_relays)
        abort();
    n = relay_marks_at(c, rnd() % (frames + 2), &k);
    if (n && (!k || k < c->marks || k + n > c->marks + c->n_marks))
        abort();
}

/* The input as a script: each 6 bytes one message (kind, transport,
 * method, credentials, error code, transaction, relay, ALTERNATE-SERVER,
 * time), so that answers come before requests, twice, from other relays,
 * and tables fill. */
static void
relay_script(const uint8_t *buf, size_t len)
{
    static const uint16_t codes[] = { 0, 300, 400, 401, 403, 431, 437, 438, 441, 442, 486, 500, 508, 699 };
    relay_env_t env = { grow, NULL, 1 + (len ? buf[0] % 4 : 0), (int64_t)(len > 1 ? buf[1] % 4 : 0) * 1000000000LL };
    relay_client_t c;
    uint8_t client[4] = { 192, 168, 1, 6 };
    uint32_t frame = 0;
    size_t at;

    relay_client_init(&c, 4, client);
    for (at = 0; at + 6 <= len; at += 6) {
        const uint8_t *b = buf + at;
        uint8_t relay[4] = { 10, 0, 0, (uint8_t)(b[5] % 20) };
        relay_msg_t m;
        relay_step_t s;
        memset(&m, 0, sizeof m);
        m.kind = (uint8_t)(b[0] % 4);
        m.transport = (uint8_t)(b[1] & 0x80 ? b[1] % 4 : 1 + (b[1] & 1));
        m.method = (uint8_t)(b[2] % TURN_M_COUNT);
        m.signed_ = (b[1] & 2) != 0;
        m.code = codes[b[3] % (sizeof codes / sizeof codes[0])];
        memset(m.id, b[4] % 12, sizeof m.id);
        if (b[1] & 4) {
            m.alt.af = b[1] & 8 ? 6 : 4;
            m.alt.addr[0] = 10;
            m.alt.addr[3] = (uint8_t)(b[2] % 20);
        }
        frame += b[0] >> 6; /* several messages may share a frame */
        (void)relay_observe(&c, &env, relay, &m, frame + 1,
                            b[2] & 0x80 ? UCD_NS_NONE : (int64_t)frame * 700000000LL, &s);
        if (s.mark.verdict >= RELAY_V_COUNT || (s.mark.verdict && s.mark.frame != frame + 1))
            abort();
    }
    relay_check(&c, frame + 1);
    relay_client_release(&c, free);
}

/* A string a function returned must end within a sane length. */
static void
must_fit(const char *s)
{
    if (!s || !memchr(s, '\0', 64))
        abort();
}

/* The input as JSON text: the length said is the length written, the cut
 * one ends where its room does, and nothing raw below U+0020 gets through;
 * the input's first bytes as a timestamp and, made a C string, as a title. */
static void
json_check(const uint8_t *buf, size_t len)
{
    size_t n = json_string(NULL, 0, buf, len), cut, i;
    char *out = (char *)malloc(n + 1), *title;
    char when[JSON_TIME_LEN], key[32];
    int64_t secs = 0;

    if (!out || json_string(out, n + 1, buf, len) != n || strlen(out) != n || out[0] != '"' || out[n - 1] != '"')
        abort();
    for (i = 0; i < n; i++)
        if ((uint8_t)out[i] < 0x20)
            abort();
    cut = rnd() % (n + 1);
    if (json_string(out, cut + 1, buf, len) != n || strlen(out) > cut)
        abort();
    free(out);
    for (i = 0; i < len && i < 8; i++)
        secs = (int64_t)((uint64_t)secs << 8 | buf[i]);
    if (json_utc_time(secs, (int32_t)(rnd() % 1000000000u), when) != (strlen(when) == JSON_TIME_LEN - 1))
        abort();
    title = (char *)malloc(len + 1);
    if (!title)
        abort();
    for (i = 0; i < len; i++)
        title[i] = (char)(buf[i] ? buf[i] : ' ');
    title[len] = '\0';
    if (json_key_of_title(title, key, sizeof key) < strlen(key))
        abort();
    free(title);
}

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
        boot_env_t env = { grow, NULL, 300000000000LL, NULL };
        boot_dns_t d;
        boot_ntp_t n;
        boot_tls_t t;
        boot_lldp_t l;
        const boot_url_t *url;
        char name[64];
        boot_phone_init(&ph, 1);
        if ((url = boot_url_from_43(buf, len)) != NULL)
            boot_phone_set_url(&ph, &env, url->url, url->host, url->port, url->complete, url->defect);
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
    /* media relays: the input as a TURN message over each transport, to and
     * from a relay, then as a script of messages */
    {
        static const uint8_t client[4] = { 192, 168, 1, 6 }, relay[4] = { 52, 114, 250, 123 };
        relay_env_t env = { grow, NULL, RELAY_UNANSWERED_ATTEMPTS, RELAY_UNANSWERED_SPAN_NS };
        relay_client_t c;
        turn_msg_t tm;
        relay_msg_t rm;
        relay_step_t step;
        unsigned n;
        relay_client_init(&c, 4, client);
        if (turn_read(buf, len, len, &tm))
            for (n = 0; n < 4; n++)
                if (relay_msg_of(&tm, 1 + (n & 1), &rm))
                    (void)relay_observe(&c, &env, relay, &rm, n + 1, (int64_t)n * 1000000000LL, &step);
        relay_check(&c, 4);
        relay_client_release(&c, free);
        relay_script(buf, len);
    }
    /* JSON text: sized, then written whole and cut at a random length */
    json_check(buf, len);
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
            /* TURN: an Allocate error with the cookie, an MS-TURN Allocate
             * without it */
            { 0x01, 0x13, 0x00, 0x20, 0x21, 0x12, 0xa4, 0x42 }, { 0x00, 0x03, 0x00, 0x18, 0x41, 0x41, 0x41, 0x41 },
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
