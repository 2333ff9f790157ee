/* Unit tests of media recognition (logic/media_logic.c): which reader a
 * payload goes to, TCP framing and a flow direction's verdict; the readers
 * are tested on their own (test_stun_reader.c, test_rtp_reader.c,
 * test_dtls_reader.c). Also of locating a packet's transport payload
 * (frame_reader.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "frame_reader.h"
#include "media_logic.h"
#include "media_packets.h"
#include "check.h"

/* STUN as the dispatcher takes it (the message itself is tested with its
 * reader, test_stun_reader.c): strong alone in a datagram, and read back to
 * back on a stream. */
static void
test_stun(void)
{
    uint8_t p[64];
    media_packet_t m;
    size_t n = stun(p);

    CHECK(media_inspect(p, n, n, false, &m) && m.kind == MEDIA_STUN && m.strong);
    CHECK(media_inspect(p, n, n + 40, true, &m) && m.kind == MEDIA_STUN && m.framing == MEDIA_FRAMING_NONE);
}

static void
test_rtp_needs_two(void)
{
    uint8_t p[200];
    media_flow_t f;
    size_t n;

    media_flow_init(&f);
    n = rtp(p, 1000, 0x11223344, 160);
    CHECK(media_flow_observe(&f, p, n, n, false, 10) == MEDIA_NONE); /* one packet proves nothing */
    CHECK(f.since == 0);
    n = rtp(p, 1001, 0x11223344, 160);
    CHECK(media_flow_observe(&f, p, n, n, false, 11) == MEDIA_RTP);
    CHECK(f.since == 11 && f.kinds == (1u << MEDIA_RTP));
    /* from then on every packet counts, recognised by its first byte */
    p[0] = 0x42;
    CHECK(media_flow_observe(&f, p, n, n, false, 12) == MEDIA_TURN_CHANNEL);
    CHECK(media_flow_observe(&f, (const uint8_t *)"zzzz", 4, 4, false, 13) == MEDIA_OTHER);

    /* two streams interleaved on one 5-tuple still confirm */
    media_flow_init(&f);
    n = rtp(p, 10, 0xaaaa0001, 100);
    CHECK(media_flow_observe(&f, p, n, n, false, 1) == MEDIA_NONE);
    n = rtp(p, 500, 0xbbbb0002, 100);
    CHECK(media_flow_observe(&f, p, n, n, false, 2) == MEDIA_NONE);
    n = rtp(p, 12, 0xaaaa0001, 100);
    CHECK(media_flow_observe(&f, p, n, n, false, 3) == MEDIA_RTP && f.since == 3);

    /* the same packet again (a retransmitted query), or a jump far ahead, is
     * not a stream */
    media_flow_init(&f);
    n = rtp(p, 7, 0x01010101, 20);
    CHECK(media_flow_observe(&f, p, n, n, false, 1) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, p, n, n, false, 2) == MEDIA_NONE);
    n = rtp(p, 7 + MEDIA_RTP_SEQ_WINDOW + 1, 0x01010101, 20);
    CHECK(media_flow_observe(&f, p, n, n, false, 3) == MEDIA_NONE);
    n = rtp(p, 7 + MEDIA_RTP_SEQ_WINDOW + 2, 0x01010101, 20);
    CHECK(media_flow_observe(&f, p, n, n, false, 4) == MEDIA_RTP);
    /* SSRC 0 is what a DNS header's zero counts look like */
    media_flow_init(&f);
    n = rtp(p, 1, 0, 20);
    CHECK(media_flow_observe(&f, p, n, n, false, 1) == MEDIA_NONE);
    n = rtp(p, 2, 0, 20);
    CHECK(media_flow_observe(&f, p, n, n, false, 2) == MEDIA_NONE);
}

static void
test_rtcp(void)
{
    uint8_t p[200];
    media_flow_t f;

    /* SRTCP (see test_rtp_reader.c): weak until a second packet of the
     * same SSRC */
    rtcp_compound(p);
    memset(p + 8, 0xe7, 50);
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, p, 58, 58, false, 4) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, p, 58, 58, false, 5) == MEDIA_NONE); /* the same bytes again: a repeat */
    p[50] ^= 0x5a;                                                       /* the next report */
    CHECK(media_flow_observe(&f, p, 58, 58, false, 9) == MEDIA_RTCP && f.since == 9);
    /* an RTP stream and its RTCP share the SSRC under rtcp-mux */
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, p, 58, 58, false, 1) == MEDIA_NONE);
    {
        uint8_t r[64];
        size_t n = rtp(r, 99, 0xabcdef01, 40);
        CHECK(media_flow_observe(&f, r, n, n, false, 2) == MEDIA_RTP);
    }
}

static void
test_turn_and_dtls(void)
{
    uint8_t p[300], r[200];
    media_flow_t f;
    media_packet_t m;
    size_t n = rtp(r, 5, 0x55, 60);

    /* ChannelData carrying RTP; UDP may pad it */
    put16(p, 0x4001);
    put16(p + 2, (unsigned)n);
    memcpy(p + 4, r, n);
    CHECK(media_inspect(p, 4 + n, 4 + n, false, &m) && m.kind == MEDIA_TURN_CHANNEL && !m.strong);
    CHECK(media_inspect(p, 4 + n + 3, 4 + n + 3, false, &m));
    CHECK(!media_inspect(p, 4 + n + 8, 4 + n + 8, false, &m));
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, p, 4 + n, 4 + n, false, 1) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, p, 4 + n, 4 + n, false, 2) == MEDIA_NONE); /* sent again */
    rtp(p + 4, 6, 0x55, 60);
    CHECK(media_flow_observe(&f, p, 4 + n, 4 + n, false, 3) == MEDIA_TURN_CHANNEL);
    /* ... but not text that happens to start with '@' */
    memcpy(p, "@@@@ plain text, not a channel", 30);
    CHECK(!media_inspect(p, 30, 30, false, &m));

    /* MS-TURN multiplexed data: 0xFF10, length, 8-byte session, then STUN */
    put16(p, 0xff10);
    put16(p + 2, 8 + 32);
    memset(p + 4, 0x77, 8);
    stun(p + 12);
    CHECK(media_inspect(p, 44, 44, false, &m) && m.kind == MEDIA_MSTURN_MUX);

    /* DTLS asking for SRTP decides alone (the hello itself is tested with
     * its reader, test_dtls_reader.c) */
    n = dtls_hello(p);
    CHECK(media_inspect(p, n, n, false, &m) && m.kind == MEDIA_DTLS && m.strong);
}

static void
test_tcp_framing(void)
{
    uint8_t p[300], r[200];
    media_flow_t f;
    media_packet_t m;
    size_t n;

    /* RFC 4571: two RTP packets, each behind its length */
    media_flow_init(&f);
    n = rtp(r, 40, 0x4571, 100);
    put16(p, (unsigned)n);
    memcpy(p + 2, r, n);
    CHECK(media_flow_observe(&f, p, 2 + n, 2 + n, true, 1) == MEDIA_NONE);
    n = rtp(r, 41, 0x4571, 100);
    memcpy(p + 2, r, n);
    CHECK(media_flow_observe(&f, p, 2 + n, 2 + n, true, 2) == MEDIA_RTP && f.framing == MEDIA_FRAMING_RFC4571);
    /* later packets are read behind the framing: RTCP stays RTCP */
    p[2] = 0x80; p[3] = 201;
    CHECK(media_flow_observe(&f, p, 2 + n, 2 + n, true, 3) == MEDIA_RTCP);
    CHECK(f.kinds == ((1u << MEDIA_RTP) | (1u << MEDIA_RTCP)));

    /* MS-TURN over TCP (the Edge's TCP fallback): type 2 carries a TURN
     * control message. It used to decide at once; one message alone on TCP
     * no longer does (see test_tcp_tiling) */
    n = stun(r);
    p[0] = 2; p[1] = 0; put16(p + 2, (unsigned)n);
    memcpy(p + 4, r, n);
    CHECK(media_inspect(p, 4 + n, 4 + n, true, &m) && m.kind == MEDIA_STUN && m.framing == MEDIA_FRAMING_MSTURN &&
          !m.strong);
    /* type 3, end-to-end data: RTP inside */
    n = rtp(r, 9, 0x3333, 50);
    p[0] = 3; put16(p + 2, (unsigned)n);
    memcpy(p + 4, r, n);
    CHECK(media_inspect(p, 4 + n, 4 + n, true, &m) && m.kind == MEDIA_RTP && m.framing == MEDIA_FRAMING_MSTURN);
    /* the same bytes are no datagram */
    CHECK(!media_inspect(p, 4 + n, 4 + n, false, &m));
}

/* ---- TCP: the framing must tile the segment ---- */

/* An RFC 4571 frame holding an RTP packet of `body` bytes of payload. */
static size_t
rfc4571_rtp(uint8_t *p, uint16_t seq, uint32_t ssrc, size_t body)
{
    size_t n = rtp(p + 2, seq, ssrc, body);

    put16(p, (unsigned)n);
    return 2 + n;
}

/* A TURN ChannelData message on a stream: RTP inside, padded to 4 bytes. */
static size_t
channel_rtp(uint8_t *p, uint16_t channel, uint16_t seq, size_t body)
{
    size_t n = rtp(p + 4, seq, 0x7e7e0001, body), padded = (n + 3) & ~(size_t)3;

    put16(p, channel);
    put16(p + 2, (unsigned)n);
    memset(p + 4 + n, 0, padded - n);
    return 4 + padded;
}

/* A Cisco Skinny (SCCP) message: a little-endian length (of what follows the
 * header version), header version 0, a little-endian message id, data. */
static size_t
skinny(uint8_t *p, uint32_t length, uint32_t id, const char *text)
{
    size_t i, tlen = strlen(text);

    p[0] = (uint8_t)length; p[1] = (uint8_t)(length >> 8); p[2] = (uint8_t)(length >> 16); p[3] = 0;
    memset(p + 4, 0, 4);
    p[8] = (uint8_t)id; p[9] = (uint8_t)(id >> 8); p[10] = 0; p[11] = 0;
    for (i = 0; i + 4 < length; i++)
        p[12 + i] = i < tlen ? (uint8_t)text[i] : (uint8_t)(i & 3 ? 0 : i);
    return 8 + length;
}

static void
test_skinny_not_media(void)
{
    uint8_t seg[2200];
    media_flow_t f;
    media_packet_t m;
    size_t n;
    unsigned i, j;

    /* a phone's registration and keepalives, one message a segment: the
     * 68-byte prompt's length 0x44 reads as ChannelData channel 0x4400 with
     * no data, and a 1024-byte message's 00 04 as an RFC 4571 length of 4 */
    media_flow_init(&f);
    for (i = 0; i < 40; i++) {
        switch (i % 8) {
        case 0: n = skinny(seg, 4, 0x0000, ""); break;                                /* KeepAlive */
        case 1: n = skinny(seg, 4, 0x0100, ""); break;                                /* KeepAliveAck */
        case 2: n = skinny(seg, 0x28, 0x0001, "SEP00112233445"); break;               /* Register */
        case 3: n = skinny(seg, 0x44, 0x0112, "Your current options"); break;         /* DisplayPromptStatus */
        case 4: n = skinny(seg, 0x48, 0x0110, "Redial NewCall CFwdALL"); break;       /* SelectSoftKeys */
        case 5: n = skinny(seg, 0x0400, 0x0099, "Call forwarded"); break;         /* 1024 bytes of data */
        case 6: n = skinny(seg, 0x0800, 0x0099, "Directory"); break;         /* RFC 4571 length 8 */
        default: n = skinny(seg, 0x0144, 0x0143, "Line 1 0x4401"); break;             /* ChannelData 0x4401 */
        }
        if (n > 1460)
            n = 1460; /* the rest in the next segment */
        seg[12] = (uint8_t)(seg[12] + i); /* each message unlike the last: no retransmission */
        CHECK(media_flow_observe(&f, seg, n, n, true, i + 1) == MEDIA_NONE);
    }
    CHECK(f.since == 0);

    /* the Unified CM's bursts: several messages to a segment */
    media_flow_init(&f);
    for (i = 0; i < 40; i++) {
        n = 0;
        for (j = 0; j <= i % 4; j++)
            n += skinny(seg + n, j % 2 ? 0x44 : 0x48, 0x0112 + j, j % 2 ? "Ring out" : "Connected");
        seg[13] = (uint8_t)i;
        CHECK(media_flow_observe(&f, seg, n, n, true, i + 1) == MEDIA_NONE);
    }
    CHECK(f.since == 0);

    /* what used to decide: the 68-byte message is ChannelData 0x4400 of no
     * data, but what follows (the header version, 0) is no STUN message */
    n = skinny(seg, 0x44, 0x0112, "Your current options");
    CHECK(!media_inspect(seg, n, n, true, &m));
    /* nor when a snap length keeps only part of that STUN header: what it
     * keeps (a type of method 0; no cookie, no classic type) must fit */
    CHECK(!media_inspect(seg, 8, n, true, &m));
    CHECK(!media_inspect(seg, 16, n, true, &m));
}

static void
test_tcp_tiling(void)
{
    uint8_t seg[1600], r[64];
    media_flow_t f;
    media_packet_t m;
    size_t n, a, b;
    unsigned i;

    /* RFC 4571: two RTP packets in one segment decide at once */
    a = rfc4571_rtp(seg, 100, 0x4571, 160);
    b = rfc4571_rtp(seg + a, 101, 0x4571, 160);
    CHECK(media_inspect(seg, a + b, a + b, true, &m) && m.strong && m.framing == MEDIA_FRAMING_RFC4571);
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, seg, a + b, a + b, true, 7) == MEDIA_RTP && f.since == 7);
    /* ... but not when the second is garbage, or leaves bytes over */
    memcpy(seg + a + 2, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", 36);
    CHECK(!media_inspect(seg, a + b, a + b, true, &m));
    b = rfc4571_rtp(seg + a, 101, 0x4571, 160);
    CHECK(!media_inspect(seg, a + b + 1, a + b + 1, true, &m));
    CHECK(!media_inspect(seg, a + 3, a + 3, true, &m)); /* the segment ends inside a length and a byte */
    CHECK(!media_inspect(seg, a - 1, a - 1, true, &m)); /* nor may the only message run past */
    /* TCP split the last message: what the segment holds of it is consistent */
    CHECK(media_inspect(seg, a + 40, a + 40, true, &m) && !m.strong && m.kind == MEDIA_RTP);
    seg[a + 2] = 0x10; /* its RTP version is 0 */
    CHECK(!media_inspect(seg, a + 40, a + 40, true, &m));
    seg[a + 2] = 0x80;
    /* a snap length cut inside the second message: what was seen tiles */
    CHECK(media_inspect(seg, a + 5, a + b, true, &m) && !m.strong);
    CHECK(media_inspect(seg, 60, a + b, true, &m) && !m.strong);

    /* two segments of one message each: the second decides, and a
     * retransmission of the first (the same bytes) is no second segment */
    media_flow_init(&f);
    a = rfc4571_rtp(seg, 200, 0x4572, 100);
    CHECK(media_flow_observe(&f, seg, a, a, true, 1) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, seg, a, a, true, 2) == MEDIA_NONE);
    a = rfc4571_rtp(seg, 201, 0x4572, 100);
    CHECK(media_flow_observe(&f, seg, a, a, true, 3) == MEDIA_RTP && f.since == 3);
    /* a segment whose last message TCP split counts as one */
    media_flow_init(&f);
    a = rfc4571_rtp(seg, 300, 0x4573, 100);
    b = rfc4571_rtp(seg + a, 301, 0x4573, 100);
    CHECK(media_flow_observe(&f, seg, a + 50, a + 50, true, 1) == MEDIA_NONE);
    a = rfc4571_rtp(seg, 302, 0x4573, 100);
    CHECK(media_flow_observe(&f, seg, a, a, true, 2) == MEDIA_RTP && f.since == 2);

    /* TURN over TCP, back to back. One Allocate used to decide at once; now
     * the second STUN segment does */
    media_flow_init(&f);
    n = stun(seg);
    CHECK(media_flow_observe(&f, seg, n, n, true, 1) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, seg, n, n, true, 2) == MEDIA_NONE); /* retransmitted */
    seg[8] ^= 0x33;                                                 /* the next transaction */
    CHECK(media_flow_observe(&f, seg, n, n, true, 3) == MEDIA_STUN && f.since == 3);
    /* a STUN segment and then ChannelData agree: they share the framing */
    media_flow_init(&f);
    n = stun(seg);
    CHECK(media_flow_observe(&f, seg, n, n, true, 1) == MEDIA_NONE);
    n = channel_rtp(seg, 0x4001, 1, 61);
    CHECK(media_flow_observe(&f, seg, n, n, true, 2) == MEDIA_TURN_CHANNEL && f.since == 2 &&
          f.framing == MEDIA_FRAMING_NONE);
    /* ChannelData alone: two segments of one channel */
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, seg, n, n, true, 1) == MEDIA_NONE);
    n = channel_rtp(seg, 0x4001, 2, 61);
    CHECK(media_flow_observe(&f, seg, n, n, true, 2) == MEDIA_TURN_CHANNEL);
    /* STUN and two ChannelData in one segment decide at once */
    a = stun(seg);
    a += channel_rtp(seg + a, 0x4001, 3, 61);
    a += channel_rtp(seg + a, 0x4001, 4, 61);
    CHECK(media_inspect(seg, a, a, true, &m) && m.strong && m.kind == MEDIA_STUN);
    /* a stream must pad ChannelData: without it the next message is misread */
    a = 4 + rtp(seg + 4, 5, 0x99, 61);
    put16(seg, 0x4001);
    put16(seg + 2, (unsigned)(a - 4));
    b = channel_rtp(seg + a, 0x4001, 6, 60);
    CHECK(!media_inspect(seg, a + b, a + b, true, &m));

    /* MS-TURN over TCP: a type 2 Allocate, then type 3 data. The Allocate
     * used to decide at once; now the data segment does */
    media_flow_init(&f);
    n = stun(r);
    seg[0] = 2; seg[1] = 0; put16(seg + 2, (unsigned)n);
    memcpy(seg + 4, r, n);
    CHECK(media_flow_observe(&f, seg, 4 + n, 4 + n, true, 1) == MEDIA_NONE);
    n = rtp(r, 9, 0x3333, 50);
    seg[0] = 3; put16(seg + 2, (unsigned)n);
    memcpy(seg + 4, r, n);
    CHECK(media_flow_observe(&f, seg, 4 + n, 4 + n, true, 2) == MEDIA_RTP && f.since == 2 &&
          f.framing == MEDIA_FRAMING_MSTURN);
    /* a type 3 message followed by one of reserved type 1 does not tile */
    memcpy(seg + 4 + n, seg, 4 + n);
    CHECK(media_inspect(seg, 8 + 2 * n, 8 + 2 * n, true, &m) && m.strong);
    seg[4 + n] = 1;
    CHECK(!media_inspect(seg, 8 + 2 * n, 8 + 2 * n, true, &m));
    /* a segment of another framing does not confirm a candidate */
    media_flow_init(&f);
    n = stun(r);
    seg[0] = 2; seg[1] = 0; put16(seg + 2, (unsigned)n);
    memcpy(seg + 4, r, n);
    CHECK(media_flow_observe(&f, seg, 4 + n, 4 + n, true, 1) == MEDIA_NONE);
    a = rfc4571_rtp(seg, 1, 0x1234, 80);
    CHECK(media_flow_observe(&f, seg, a, a, true, 2) == MEDIA_NONE);

    /* a segment of many small messages: the walk stops after MEDIA_TILE_MAX */
    for (n = 0, i = 0; i < MEDIA_TILE_MAX + 20; i++)
        n += channel_rtp(seg + n, 0x4002, (uint16_t)i, 0);
    CHECK(n <= sizeof seg && media_inspect(seg, n, n, true, &m) && m.strong);
    seg[n - 16] = 0xff; /* past the bound: not looked at */
    CHECK(media_inspect(seg, n, n, true, &m));
}

static void
test_not_media(void)
{
    static const char ssdp[] = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n";
    static const char sip[] = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TLS\r\n\r\n";
    /* DNS/LLMNR query for "wpad": id 0x8d2a, flags 0, one question */
    static const uint8_t llmnr[] = { 0x8d, 0x2a, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                     0x04, 'w', 'p', 'a', 'd', 0x00, 0x00, 0x01, 0x00, 0x01 };
    /* TLS 1.2 application data, as SIP over TLS or RDP carries it */
    uint8_t tls[120] = { 0x17, 0x03, 0x03, 0x00, 0x73 };
    media_flow_t f;
    media_packet_t m;
    unsigned i;

    CHECK(!media_inspect((const uint8_t *)ssdp, sizeof ssdp - 1, sizeof ssdp - 1, false, &m));
    CHECK(!media_inspect((const uint8_t *)sip, sizeof sip - 1, sizeof sip - 1, true, &m));
    CHECK(!media_inspect(llmnr, sizeof llmnr, sizeof llmnr, false, &m));
    for (i = 5; i < sizeof tls; i++)
        tls[i] = (uint8_t)(i * 151 + 7);
    CHECK(!media_inspect(tls, sizeof tls, sizeof tls, true, &m));
    /* an LLMNR query whose id reads as RTCP XR (0xaccf) and whose zero flags
     * read as a length of 0 words: never RTCP, even sent twice */
    {
        uint8_t xr[sizeof llmnr];
        memcpy(xr, llmnr, sizeof xr);
        xr[0] = 0xac;
        xr[1] = 0xcf;
        CHECK(!media_inspect(xr, sizeof xr, sizeof xr, false, &m));
    }
    /* the same query sent twice from one port stays no stream */
    media_flow_init(&f);
    CHECK(media_flow_observe(&f, llmnr, sizeof llmnr, sizeof llmnr, false, 1) == MEDIA_NONE);
    CHECK(media_flow_observe(&f, llmnr, sizeof llmnr, sizeof llmnr, false, 2) == MEDIA_NONE);

    /* a long ordinary session is given up on, so it costs nothing more */
    media_flow_init(&f);
    for (i = 0; i < MEDIA_GIVE_UP + 10; i++)
        (void)media_flow_observe(&f, tls, sizeof tls, sizeof tls, true, i + 1);
    CHECK(f.inspected == MEDIA_GIVE_UP && f.since == 0);
    {
        uint8_t s[64];
        size_t n = stun(s);
        CHECK(media_flow_observe(&f, s, n, n, true, 999) == MEDIA_NONE);
    }
}

static void
test_cut_capture(void)
{
    uint8_t p[64];
    media_packet_t m;
    size_t n = stun(p);

    /* a snap length that keeps only the first bytes still shows STUN */
    CHECK(media_inspect(p, 20, n, false, &m) && m.kind == MEDIA_STUN);
    /* too little to tell */
    CHECK(!media_inspect(p, 3, n, false, &m));
}

static void
test_names(void)
{
    char out[80];

    CHECK(media_kinds_text((1u << MEDIA_RTP) | (1u << MEDIA_RTCP) | (1u << MEDIA_STUN), out, sizeof out) > 0 &&
          strcmp(out, "RTP, RTCP, STUN") == 0);
    CHECK(media_kinds_text(1u << MEDIA_DTLS, out, sizeof out) > 0 && strcmp(out, "DTLS-SRTP") == 0);
    CHECK(media_kinds_text((1u << MEDIA_RTP) | (1u << MEDIA_RTCP), out, 8) == 3 && strcmp(out, "RTP") == 0);
    CHECK(strcmp(media_kind_name(MEDIA_STUN_CLASSIC), "classic STUN/MS-TURN") == 0);
}

/* ---- frame_reader: where the payload is ---- */

/* The IP header of a frame: where the dissectors' address pointers sit, or
 * found by its addresses when they point elsewhere (a copy). */
static void
test_ip_header(void)
{
    uint8_t f[80], copy[8];
    size_t off = 0;

    memset(f, 0, sizeof f);
    f[18] = 0x45; /* after Ethernet and one VLAN tag */
    f[18 + 12] = 10; f[18 + 15] = 1;
    f[18 + 16] = 10; f[18 + 19] = 2;
    memcpy(copy, f + 18 + 12, 8);
    CHECK(frame_find_ip_header(f, sizeof f, 4, f + 30, f + 34, &off) && off == 18);
    off = 0;
    CHECK(frame_find_ip_header(f, sizeof f, 4, copy, copy + 4, &off) && off == 18);
    /* pointers into the frame that are not an IPv4 header's: found by search, or not at all */
    CHECK(!frame_find_ip_header(f, sizeof f, 4, f + 40, f + 44, &off));
    f[18] = 0x65;
    CHECK(!frame_find_ip_header(f, sizeof f, 4, f + 30, f + 34, &off));
    /* a header the captured bytes end inside */
    f[18] = 0x45;
    CHECK(frame_find_ip_header(f, 38, 4, f + 30, f + 34, &off) && off == 18);
    CHECK(!frame_find_ip_header(f, 37, 4, f + 30, f + 34, &off));
}

static void
test_l4_payload(void)
{
    uint8_t f[200];
    frame_l4_t l4;

    /* Ethernet, IPv4 with 4 bytes of options, UDP, 10 bytes, then padding */
    memset(f, 0, sizeof f);
    f[14] = 0x46;
    put16(f + 16, 24 + 8 + 10);
    f[23] = FRAME_PROTO_UDP;
    put16(f + 38 + 4, 8 + 10);
    CHECK(frame_l4_payload(f, 80, 14, 4, &l4) && l4.proto == FRAME_PROTO_UDP && l4.offset == 14 + 24 + 8 &&
          l4.len == 10 && l4.avail == 10);
    /* a capture cut after 4 payload bytes */
    CHECK(frame_l4_payload(f, 14 + 24 + 8 + 4, 14, 4, &l4) && l4.len == 10 && l4.avail == 4);
    /* a later fragment has no UDP header */
    put16(f + 20, 0x00b9);
    CHECK(!frame_l4_payload(f, 80, 14, 4, &l4));
    put16(f + 20, 0x2000); /* more fragments, offset 0: the header is here */
    CHECK(frame_l4_payload(f, 80, 14, 4, &l4));

    /* TCP with options, no payload (a bare ACK) */
    memset(f, 0, sizeof f);
    f[14] = 0x45;
    put16(f + 16, 20 + 32);
    f[23] = FRAME_PROTO_TCP;
    f[34 + 12] = 8 << 4;
    CHECK(frame_l4_payload(f, 66, 14, 4, &l4) && l4.proto == FRAME_PROTO_TCP && l4.len == 0);
    /* total length 0: segmentation offload in the sender's capture */
    put16(f + 16, 0);
    CHECK(frame_l4_payload(f, 66 + 100, 14, 4, &l4) && l4.len == 100);
    f[34 + 12] = 4 << 4; /* data offset below 20 */
    CHECK(!frame_l4_payload(f, 166, 14, 4, &l4));

    /* IPv6, a hop-by-hop header, then UDP */
    memset(f, 0, sizeof f);
    f[14] = 0x60;
    put16(f + 18, 8 + 8 + 6);
    f[20] = 0; /* hop-by-hop */
    f[54] = FRAME_PROTO_UDP;
    f[55] = 0;
    put16(f + 62 + 4, 8 + 6);
    CHECK(frame_l4_payload(f, 84, 14, 6, &l4) && l4.proto == FRAME_PROTO_UDP && l4.offset == 62 + 8 && l4.len == 6);
    f[20] = 59; /* no next header */
    CHECK(!frame_l4_payload(f, 84, 14, 6, &l4));
}

int
main(void)
{
    test_stun();
    test_rtp_needs_two();
    test_rtcp();
    test_turn_and_dtls();
    test_tcp_framing();
    test_skinny_not_media();
    test_tcp_tiling();
    test_not_media();
    test_cut_capture();
    test_names();
    test_l4_payload();
    test_ip_header();
    return check_summary();
}
