/* media_logic.c
 * Recognising real-time media in UDP and TCP payloads (see media_logic.h).
 * Headers as RFC 3550 (RTP, RTCP), RFC 3711 (SRTP), RFC 5389 and RFC 3489
 * (STUN), RFC 8656 (TURN ChannelData), RFC 4571 (framing), RFC 5764 (DTLS-SRTP),
 * RFC 7983 (demultiplexing by first byte) and MS-TURN 2.1.4 / 2.2.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "media_logic.h"

#include <string.h>

#include "bytes.h"

#define STUN_HEADER 20
#define STUN_COOKIE 0x2112A442u
#define MSTURN_MUX_CHANNEL 0xFF10u
#define MSTURN_MUX_HEADER 12 /* channel, length, 8-byte session */
#define RTP_HEADER 12
#define DTLS_RECORD_HEADER 13
#define DTLS_HANDSHAKE_HEADER 12
#define TLS_EXT_USE_SRTP 14

/* ---- STUN ---- */

/* Message types of RFC 3489 and MS-TURN (which has no magic cookie in the
 * header): binding, shared secret, allocate, send, data indication, set
 * active destination, with their responses. */
static bool
classic_stun_type(uint16_t t)
{
    switch (t) {
    case 0x0001: case 0x0101: case 0x0111:
    case 0x0002: case 0x0102: case 0x0112:
    case 0x0003: case 0x0103: case 0x0113:
    case 0x0004: case 0x0104: case 0x0114: case 0x0115:
    case 0x0006: case 0x0106: case 0x0116:
        return true;
    default:
        return false;
    }
}

/* Attributes fill the body exactly, each padded to 4 bytes (RFC 3489), or
 * not padded at all (MS-TURN, as Teams sends it). */
static bool
stun_attributes_fit(const uint8_t *p, size_t avail, size_t body_len, bool padded)
{
    size_t pos = STUN_HEADER, end = STUN_HEADER + body_len;

    while (pos < end) {
        size_t alen;
        if (pos + 4 > end)
            return false;
        if (pos + 4 > avail)
            return true; /* the capture stops here; what was seen fits */
        alen = be16(p + pos + 2);
        pos += 4 + (padded ? ((alen + 3) & ~(size_t)3) : alen);
    }
    return pos == end;
}

/* A STUN message starting at p, of exactly `len` bytes (stream: at least). */
static media_kind_t
stun_at(const uint8_t *p, size_t avail, size_t len, bool stream)
{
    size_t body;
    uint16_t type;

    if (avail < STUN_HEADER || (p[0] & 0xc0) != 0)
        return MEDIA_NONE;
    type = be16(p);
    body = be16(p + 2);
    /* RFC 5389 pads attributes to 4 bytes; MS-TURN does not, so the length
     * need not be a multiple of 4 */
    if (stream ? STUN_HEADER + body > len : STUN_HEADER + body != len)
        return MEDIA_NONE;
    if (be32(p + 4) == STUN_COOKIE)
        return MEDIA_STUN;
    if (classic_stun_type(type) &&
        (stun_attributes_fit(p, avail, body, true) || stun_attributes_fit(p, avail, body, false)))
        return MEDIA_STUN_CLASSIC;
    return MEDIA_NONE;
}

/* ---- RTP and RTCP ---- */

static bool
rtcp_type(uint8_t pt)
{
    return pt >= 200 && pt <= 207; /* SR RR SDES BYE APP RTPFB PSFB XR */
}

/* RTCP or SRTCP at p; an RTCP compound packet that ends exactly at len is
 * strong evidence, SRTCP (encrypted after the first header) is weak. */
static bool
rtcp_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    size_t pos = 0;

    /* every RTCP packet holds at least its sender's SSRC: a length of 0 words
     * is a DNS/LLMNR header with zero flags, not RTCP */
    if (avail < 8 || (p[0] & 0xc0) != 0x80 || !rtcp_type(p[1]) || be16(p + 2) == 0 ||
        ((size_t)be16(p + 2) + 1) * 4 > len)
        return false;
    out->kind = MEDIA_RTCP;
    out->key = be32(p + 4);
    while (pos + 4 <= avail && pos < len) {
        if ((p[pos] & 0xc0) != 0x80 || !rtcp_type(p[pos + 1]))
            break;
        pos += ((size_t)be16(p + pos + 2) + 1) * 4;
    }
    out->strong = pos == len;
    /* SRTCP adds at least its 4-byte index after the compound packet */
    return out->strong || (out->key != 0 && ((size_t)be16(p + 2) + 1) * 4 + 4 <= len);
}

static bool
rtp_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    size_t hdr;
    uint8_t pt;

    if (avail < RTP_HEADER || (p[0] & 0xc0) != 0x80)
        return false;
    pt = p[1] & 0x7f;
    if (pt >= 72 && pt <= 76) /* would collide with RTCP (RFC 5761) */
        return false;
    hdr = RTP_HEADER + 4u * (p[0] & 0x0f);
    if (p[0] & 0x10) { /* header extension */
        if (hdr + 4 > avail)
            return false;
        hdr += 4 + 4u * be16(p + hdr + 2);
    }
    if (hdr > len || be32(p + 8) == 0) /* SSRC 0: a DNS header's zero counts, not a stream */
        return false;
    out->kind = MEDIA_RTP;
    out->key = be32(p + 8);
    out->seq = be16(p + 2);
    out->strong = false;
    return true;
}

/* ---- DTLS ---- */

/* Walks a ClientHello or ServerHello body for the use_srtp extension. */
static bool
hello_asks_srtp(const uint8_t *h, size_t n, bool client)
{
    size_t pos = 2 + 32, end;

    if (pos + 1 > n)
        return false;
    pos += 1 + h[pos]; /* session id */
    if (client) {
        if (pos + 1 > n)
            return false;
        pos += 1 + h[pos]; /* cookie */
        if (pos + 2 > n)
            return false;
        pos += 2 + be16(h + pos); /* cipher suites */
        if (pos + 1 > n)
            return false;
        pos += 1 + h[pos]; /* compression methods */
    } else {
        pos += 2 + 1; /* cipher suite, compression method */
    }
    if (pos + 2 > n)
        return false;
    end = pos + 2 + be16(h + pos);
    if (end > n)
        end = n;
    pos += 2;
    while (pos + 4 <= end) {
        if (be16(h + pos) == TLS_EXT_USE_SRTP)
            return true;
        pos += 4 + be16(h + pos + 2);
    }
    return false;
}

/* DTLS records at p; media only when a hello negotiates SRTP (RFC 5764). */
static bool
dtls_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    size_t pos = 0;
    bool srtp = false;

    if (avail < DTLS_RECORD_HEADER || p[0] < 20 || p[0] > 23 || p[1] != 0xfe)
        return false;
    while (pos + DTLS_RECORD_HEADER <= avail && pos < len) {
        const uint8_t *r = p + pos;
        size_t rlen = be16(r + 11), body = pos + DTLS_RECORD_HEADER;
        if (r[0] < 20 || r[0] > 23 || r[1] != 0xfe)
            return false;
        if (r[0] == 22 && be16(r + 3) == 0 && rlen >= DTLS_HANDSHAKE_HEADER && body + DTLS_HANDSHAKE_HEADER <= avail) {
            const uint8_t *hs = p + body;
            uint8_t type = hs[0];
            size_t frag_off = ((size_t)hs[6] << 16) | ((size_t)hs[7] << 8) | hs[8];
            size_t frag_len = ((size_t)hs[9] << 16) | ((size_t)hs[10] << 8) | hs[11];
            size_t have = avail - body - DTLS_HANDSHAKE_HEADER;
            if (frag_len > rlen - DTLS_HANDSHAKE_HEADER)
                frag_len = rlen - DTLS_HANDSHAKE_HEADER;
            if (frag_len < have)
                have = frag_len;
            if ((type == 1 || type == 2) && frag_off == 0 &&
                hello_asks_srtp(hs + DTLS_HANDSHAKE_HEADER, have, type == 1))
                srtp = true;
        }
        pos = body + rlen;
    }
    if (!srtp || pos != len)
        return false;
    out->kind = MEDIA_DTLS;
    out->strong = true;
    return true;
}

/* ---- One packet, as UDP carries it ---- */

/* The payload of ChannelData or MS-TURN data must itself look like what
 * media sends (RFC 7983's ranges). */
static bool
inner_plausible(const uint8_t *p, size_t avail, size_t len)
{
    if (len == 0 || avail == 0)
        return len == 0;
    return p[0] <= 3 || (p[0] >= 20 && p[0] <= 63) || (p[0] >= 128 && p[0] <= 191);
}

static bool
channel_data_at(const uint8_t *p, size_t avail, size_t len, bool stream, media_packet_t *out)
{
    size_t dlen;

    if (avail < 4 || p[0] < 0x40 || p[0] > 0x7f)
        return false;
    dlen = be16(p + 2);
    /* UDP may pad to 4 bytes; a stream must (RFC 8656 12.5) */
    if (stream ? 4 + ((dlen + 3) & ~(size_t)3) > len : (4 + dlen > len || len > 4 + dlen + 3))
        return false;
    if (!inner_plausible(p + 4, avail - 4, dlen))
        return false;
    out->kind = MEDIA_TURN_CHANNEL;
    out->key = be16(p);
    out->strong = false;
    return true;
}

static bool
msturn_mux_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    if (avail < MSTURN_MUX_HEADER || be16(p) != MSTURN_MUX_CHANNEL || (size_t)be16(p + 2) + 4 != len ||
        be16(p + 2) < 8 || !inner_plausible(p + MSTURN_MUX_HEADER, avail - MSTURN_MUX_HEADER, len - MSTURN_MUX_HEADER))
        return false;
    out->kind = MEDIA_MSTURN_MUX;
    out->key = be32(p + 4) ^ be32(p + 8);
    out->strong = false;
    return true;
}

static bool
inspect_datagram(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    media_kind_t k;

    if (avail < 4 || len < 4)
        return false;
    if ((k = stun_at(p, avail, len, false)) != MEDIA_NONE) {
        out->kind = k;
        out->strong = true;
        return true;
    }
    if (p[0] >= 0x80 && p[0] <= 0xbf)
        return rtcp_at(p, avail, len, out) || rtp_at(p, avail, len, out);
    return dtls_at(p, avail, len, out) || channel_data_at(p, avail, len, false, out) ||
           msturn_mux_at(p, avail, len, out);
}

/* ---- TCP: the first message of a segment, behind its framing ---- */

static bool
inspect_segment(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    media_kind_t k;
    size_t flen;

    if (avail < 4)
        return false;
    /* TURN over TCP: STUN and ChannelData back to back, self-delimiting */
    if ((k = stun_at(p, avail, len, true)) != MEDIA_NONE) {
        out->kind = k;
        out->strong = true;
        out->framing = MEDIA_FRAMING_NONE;
        return true;
    }
    if (channel_data_at(p, avail, len, true, out)) {
        out->framing = MEDIA_FRAMING_NONE;
        return true;
    }
    flen = be16(p + 2);
    /* MS-TURN 2.1.4: type 2 (TURN control) or 3 (end-to-end data), reserved 0 */
    if ((p[0] == 2 || p[0] == 3) && p[1] == 0 && flen > 0 && 4 + flen <= len) {
        size_t inner_avail = avail - 4 < flen ? avail - 4 : flen;
        media_packet_t in;
        memset(&in, 0, sizeof in);
        if (p[0] == 2 ? (k = stun_at(p + 4, inner_avail, flen, false)) != MEDIA_NONE
                      : inspect_datagram(p + 4, inner_avail, flen, &in)) {
            if (p[0] == 2) {
                in.kind = k;
                in.strong = true;
            }
            *out = in;
            out->framing = MEDIA_FRAMING_MSTURN;
            return true;
        }
    }
    /* RFC 4571: a 2-byte length, then one RTP, RTCP, STUN or DTLS packet */
    flen = be16(p);
    if (flen >= 4 && 2 + flen <= len) {
        size_t inner_avail = avail - 2 < flen ? avail - 2 : flen;
        if (inspect_datagram(p + 2, inner_avail, flen, out)) {
            out->framing = MEDIA_FRAMING_RFC4571;
            return true;
        }
    }
    return false;
}

/* FNV-1a over the first bytes: enough to tell a packet from its repeat. */
static uint32_t
digest_of(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n && i < 64; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

bool
media_inspect(const uint8_t *p, size_t avail, size_t len, bool tcp, media_packet_t *out)
{
    memset(out, 0, sizeof *out);
    if (avail > len)
        avail = len;
    if (tcp ? inspect_segment(p, avail, len, out) : inspect_datagram(p, avail, len, out)) {
        if (!out->strong)
            out->digest = digest_of(p, avail);
        return true;
    }
    memset(out, 0, sizeof *out);
    return false;
}

/* ---- A flow direction ---- */

void
media_flow_init(media_flow_t *f)
{
    memset(f, 0, sizeof *f);
}

/* Two weak packets agree: the same RTP/RTCP SSRC (RTP a little further on),
 * or the same TURN channel or MS-TURN session. */
static bool
confirms(const media_candidate_t *c, const media_packet_t *m)
{
    bool ssrc_kind = m->kind == MEDIA_RTP || m->kind == MEDIA_RTCP;
    bool cand_ssrc_kind = c->kind == MEDIA_RTP || c->kind == MEDIA_RTCP;

    if (c->kind == 0 || c->key != m->key || c->digest == m->digest)
        return false;
    if (ssrc_kind || cand_ssrc_kind) {
        if (!ssrc_kind || !cand_ssrc_kind)
            return false;
        if (m->kind == MEDIA_RTP && c->kind == MEDIA_RTP) {
            uint16_t ahead = (uint16_t)(m->seq - c->seq);
            return ahead >= 1 && ahead <= MEDIA_RTP_SEQ_WINDOW;
        }
        return true;
    }
    return c->kind == m->kind;
}

static void
remember(media_flow_t *f, const media_packet_t *m)
{
    unsigned i;

    for (i = 0; i < MEDIA_CANDIDATES; i++) {
        if (f->cand[i].kind == m->kind && f->cand[i].key == m->key) {
            f->cand[i].seq = m->seq;
            f->cand[i].digest = m->digest;
            return;
        }
    }
    f->cand[f->next].kind = (uint8_t)m->kind;
    f->cand[f->next].key = m->key;
    f->cand[f->next].seq = m->seq;
    f->cand[f->next].digest = m->digest;
    f->next = (uint8_t)((f->next + 1) % MEDIA_CANDIDATES);
}

media_kind_t
media_flow_observe(media_flow_t *f, const uint8_t *p, size_t avail, size_t len, bool tcp, uint32_t frame)
{
    media_packet_t m;
    media_kind_t k;
    unsigned i;
    bool decided = false;

    if (f->since) {
        k = media_demux(p, avail < len ? avail : len, f->framing);
        f->kinds |= (uint16_t)(1u << k);
        return k;
    }
    if (f->inspected >= MEDIA_GIVE_UP)
        return MEDIA_NONE;
    f->inspected++;
    if (!media_inspect(p, avail, len, tcp, &m))
        return MEDIA_NONE;
    if (m.strong) {
        decided = true;
    } else {
        for (i = 0; i < MEDIA_CANDIDATES && !decided; i++)
            decided = confirms(&f->cand[i], &m);
        if (!decided)
            remember(f, &m);
    }
    if (!decided)
        return MEDIA_NONE;
    f->since = frame ? frame : 1;
    f->framing = (uint8_t)m.framing;
    f->kinds |= (uint16_t)(1u << m.kind);
    return m.kind;
}

media_kind_t
media_demux(const uint8_t *p, size_t avail, uint8_t framing)
{
    size_t skip = framing == MEDIA_FRAMING_RFC4571 ? 2 : framing == MEDIA_FRAMING_MSTURN ? 4 : 0;
    uint8_t b;

    if (avail <= skip)
        return MEDIA_OTHER;
    p += skip;
    avail -= skip;
    b = p[0];
    if (b <= 3)
        return avail >= 8 && be32(p + 4) == STUN_COOKIE ? MEDIA_STUN : MEDIA_STUN_CLASSIC;
    if (b >= 20 && b <= 63)
        return MEDIA_DTLS;
    if (b >= 64 && b <= 79)
        return MEDIA_TURN_CHANNEL;
    if (b >= 128 && b <= 191)
        return avail >= 2 && rtcp_type(p[1]) ? MEDIA_RTCP : MEDIA_RTP;
    if (b == 0xff && avail >= 2 && p[1] == 0x10)
        return MEDIA_MSTURN_MUX;
    return MEDIA_OTHER;
}

static const char *const kind_names[MEDIA_KIND_COUNT] = {
    "none", "RTP", "RTCP", "STUN", "classic STUN/MS-TURN", "TURN ChannelData", "MS-TURN data", "DTLS-SRTP",
    "other"
};

const char *
media_kind_name(media_kind_t k)
{
    return (unsigned)k < MEDIA_KIND_COUNT ? kind_names[k] : "?";
}

size_t
media_kinds_text(uint16_t kinds, char *out, size_t outsz)
{
    size_t w = 0;
    unsigned k;

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    for (k = 1; k < MEDIA_KIND_COUNT; k++) {
        const char *name = kind_names[k];
        size_t n = strlen(name), sep = w ? 2 : 0;
        if (!(kinds & (1u << k)))
            continue;
        if (w + sep + n + 1 > outsz)
            break;
        if (sep) {
            out[w++] = ',';
            out[w++] = ' ';
        }
        memcpy(out + w, name, n);
        w += n;
        out[w] = '\0';
    }
    return w;
}
