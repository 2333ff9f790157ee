/* qos_payloads.c
 * What the QoS captures' packets carry: RTP and RTCP, STUN as each stack
 * writes it (its FINGERPRINT computed), TURN ChannelData, MS-TURN and
 * RFC 4571 framing over TCP, the ordinary traffic of a desk (TLS, DNS, SIP,
 * SSDP, HTTP, RDP) and Cisco's Skinny. Each RTP stream keeps its own
 * sequence numbers from packet to packet, so Wireshark sees it whole.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

/* ---- RTP ---- */

static uint32_t
ssrc_of(const endpoint *s)
{
    return ep_hash(s) | 1u;
}

/* Each stream's next sequence number, by SSRC. */
static uint16_t
next_seq(uint32_t ssrc)
{
    uint32_t *c = counter_of(ssrc * 2654435761u, ssrc >> 8);

    return (uint16_t)(*c)++;
}

/* The payload type an RTP stream carries: PCMU from an audio port of the
 * plans, a dynamic type (as SfB's H.264 and RTVideo use) from any other, so
 * that the stream agrees with the port's modality unless a capture says
 * otherwise through rtp_force_payload_type. */
static int forced_pt = -1;

/* pt for every RTP packet from now on, or -1 for the port's own type */
void
rtp_force_payload_type(int pt)
{
    forced_pt = pt;
}

static uint8_t
rtp_pt_of(const endpoint *s)
{
    if (forced_pt >= 0)
        return (uint8_t)forced_pt;
    return (s->port >= 49152 && s->port <= 57500) || (s->port >= 50000 && s->port <= 50039) ? 0 : 122;
}

static size_t
rtp_payload(uint8_t *p, const endpoint *s, size_t body)
{
    uint32_t ssrc = ssrc_of(s);
    uint16_t seq = next_seq(ssrc);
    size_t i;

    p[0] = 0x80;
    p[1] = rtp_pt_of(s); /* the bytes after the header look encrypted (SRTP) */
    put16(p + 2, seq);
    put32(p + 4, 160u * seq);
    put32(p + 8, ssrc);
    for (i = 0; i < body; i++)
        p[12 + i] = (uint8_t)((i * 131 + seq * 7) ^ (ssrc >> (i % 24)));
    return 12 + body;
}

/* ---- STUN ---- */

/* CRC-32 of IEEE 802.3, as FINGERPRINT wants it */
static uint32_t
crc32_ieee(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    size_t i;
    int k;

    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* A STUN message carrying `attrs`, or when there are none the one attribute
 * of a bare check: ICE-CONTROLLED, or MS-TURN's Magic Cookie. FINGERPRINT's
 * value is computed, so tshark can check it. */
size_t
stun_payload(uint8_t *p, uint16_t type, int cookie_attr, const stun_attr *attrs, size_t nattrs)
{
    static const stun_attr ice_controlled = { 0x8029, "\x01\x02\x03\x04", 4 };
    static const stun_attr magic_cookie = { 0x000f, "\x72\xc6\x4b\xc6", 4 };
    size_t i, n = 20;

    memset(p, 0, 20);
    put16(p, type);
    if (cookie_attr) {
        /* MS-TURN: no cookie in the header, the Magic Cookie attribute first */
        for (i = 4; i < 20; i++)
            p[i] = (uint8_t)(0x30 + i);
    } else {
        put32(p + 4, 0x2112a442);
        for (i = 8; i < 20; i++)
            p[i] = (uint8_t)(0x30 + i);
    }
    if (!attrs) {
        attrs = cookie_attr ? &magic_cookie : &ice_controlled;
        nattrs = 1;
    }
    for (i = 0; i < nattrs; i++) {
        size_t padded = (attrs[i].n + 3) & ~(size_t)3;

        put16(p + n, attrs[i].type);
        put16(p + n + 2, (uint32_t)attrs[i].n);
        memset(p + n + 4, 0, padded);
        if (attrs[i].type == STUN_FINGERPRINT) {
            /* the CRC covers a header whose length already counts FINGERPRINT */
            put16(p + 2, (uint32_t)(n + 8 - 20));
            put32(p + n + 4, crc32_ieee(p, n) ^ 0x5354554e);
        } else {
            memcpy(p + n + 4, attrs[i].v, attrs[i].n);
        }
        n += 4 + padded;
    }
    put16(p + 2, (uint32_t)(n - 20));
    return n;
}

/* ---- Every payload by kind ---- */

static size_t
text_payload(uint8_t *p, const char *t)
{
    size_t n = strlen(t);

    memcpy(p, t, n);
    return n;
}

static size_t
make_payload(uint8_t *p, int kind, const endpoint *s, size_t size)
{
    size_t n, i;

    switch (kind) {
    case PL_RTP:
        return rtp_payload(p, s, size > 12 ? size - 12 : 0);
    case PL_RTCP:
        memset(p, 0, 32);
        p[0] = 0x81; p[1] = 201; put16(p + 2, 7); put32(p + 4, ssrc_of(s));
        put32(p + 8, 0x0badcafe);
        p[32] = 0x81; p[33] = 202; put16(p + 34, 2); put32(p + 36, ssrc_of(s));
        p[40] = 1; p[41] = 2; p[42] = 'u'; p[43] = 'c';
        return 44;
    case PL_STUN:
        return stun_payload(p, 0x0001, 0, NULL, 0);
    case PL_MS_STUN: {
        static const stun_attr ms[] = { { 0x8029, "\x01\x02\x03\x04", 4 }, { 0x8070, "\x00\x00\x00\x03", 4 } };
        return stun_payload(p, 0x0001, 0, ms, 2);
    }
    case PL_CHANNEL:
        n = rtp_payload(p + 4, s, size > 16 ? size - 16 : 0);
        put16(p, 0x4000);
        put16(p + 2, (uint32_t)n);
        return 4 + ((n + 3) & ~(size_t)3);
    case PL_MSTURN_CONTROL:
        n = stun_payload(p + 4, 0x0003, 1, NULL, 0);
        p[0] = 2; p[1] = 0; put16(p + 2, (uint32_t)n);
        return 4 + n;
    case PL_MSTURN_DATA:
        n = rtp_payload(p + 4, s, size > 16 ? size - 16 : 0);
        p[0] = 3; p[1] = 0; put16(p + 2, (uint32_t)n);
        return 4 + n;
    case PL_4571_STUN: {
        static uint8_t checks; /* each ICE check its own transaction id */
        n = stun_payload(p + 2, 0x0001, 0, NULL, 0);
        p[2 + 19] ^= checks++;
        put16(p, (uint32_t)n);
        return 2 + n;
    }
    case PL_4571_DATA:
        put16(p, (uint32_t)(size - 2));
        for (i = 2; i < size; i++)
            p[i] = (uint8_t)(i * 29 + 3);
        return size;
    case PL_TLS:
        p[0] = 0x17; p[1] = 0x03; p[2] = 0x03; put16(p + 3, (uint32_t)(size - 5));
        for (i = 5; i < size; i++)
            p[i] = (uint8_t)(i * 151 + 7);
        return size;
    case PL_DNS: {
        static const uint8_t q[] = { 0x8a, 0x17, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
                                     4, 'p', 'o', 'o', 'l', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0,
                                     0x00, 0x01, 0x00, 0x01 };
        memcpy(p, q, sizeof q);
        return sizeof q;
    }
    case PL_SIP:
        return text_payload(p, "OPTIONS sip:pool.contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.20.50:5060\r\n"
                               "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    case PL_SSDP:
        return text_payload(p, "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
                               "MX: 1\r\nST: ssdp:all\r\n\r\n");
    case PL_HTTP:
        return text_payload(p, "GET /status HTTP/1.1\r\nHost: 10.1.1.5:8080\r\n\r\n");
    case PL_TPKT:
        p[0] = 3; p[1] = 0; put16(p + 2, (uint32_t)size);
        for (i = 4; i < size; i++)
            p[i] = (uint8_t)(i * 97 + 1);
        return size;
    default:
        return 0;
    }
}

/* One packet whose payload is of `kind`, about `size` bytes. */
void
media(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, int kind, size_t size)
{
    uint8_t pl[1500];

    packet(c, proto, s, d, dscp, pl, make_payload(pl, kind, s, size));
}

/* n packets of 160 bytes from s to d: one direction of a flow */
void
one_way(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, unsigned n, int kind)
{
    unsigned i;

    for (i = 0; i < n; i++)
        media(c, proto, s, d, dscp, kind, 160);
}

/* n packets each way of a conversation, sender first */
void
exchange(capture *c, int proto, endpoint a, endpoint b, uint8_t dscp_ab, uint8_t dscp_ba, unsigned n, int kind)
{
    one_way(c, proto, &a, &b, dscp_ab, n, kind);
    one_way(c, proto, &b, &a, dscp_ba, n, kind);
}

/* ---- For the evidence captures: a STUN answer's mapped address, and Skinny ---- */

/* XOR-MAPPED-ADDRESS's value for an IPv4 endpoint */
void
xor_mapped(uint8_t v[8], const endpoint *e)
{
    static const uint8_t cookie[4] = { 0x21, 0x12, 0xa4, 0x42 };
    size_t i;

    v[0] = 0;
    v[1] = 1;
    put16(v + 2, e->port ^ 0x2112u);
    for (i = 0; i < 4; i++)
        v[4 + i] = e->a[i] ^ cookie[i];
}

/* One SCCP (Cisco Skinny) message: its length counts from the message id, so
 * a 64-byte body makes a first byte of 0x44, in TURN's ChannelData range. */
size_t
sccp_message(uint8_t *p, uint32_t id, const void *body, size_t n)
{
    put32le(p, (uint32_t)(4 + n));
    put32le(p + 4, 0); /* header version: basic */
    put32le(p + 8, id);
    if (n)
        memcpy(p + 12, body, n);
    return 12 + n;
}

/* An application's data exchanged with a phone (UserToDeviceData and the
 * phone's DeviceToUserDataResponse): 20 bytes of ids and 44 of text. */
size_t
sccp_user_data(uint8_t *p, uint32_t id, uint32_t transaction, const char *xml)
{
    uint8_t b[64];

    if (strlen(xml) != 44)
        die("an SCCP user-data message here carries 44 bytes");
    put32le(b, 1);            /* application */
    put32le(b + 4, 1);        /* line */
    put32le(b + 8, 0);        /* no call */
    put32le(b + 12, transaction);
    put32le(b + 16, 44);
    memcpy(b + 20, xml, 44);
    return sccp_message(p, id, b, sizeof b);
}
