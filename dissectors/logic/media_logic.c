/* media_logic.c
 * Recognising real-time media in UDP and TCP payloads (see media_logic.h):
 * which reader of dissectors/readers/ a payload is for, TURN ChannelData
 * (RFC 8656), RFC 4571 framing, RFC 7983 demultiplexing by first byte and
 * MS-TURN 2.1.4 / 2.2, and the verdict of a flow direction.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "media_logic.h"

#include <string.h>

#include "bytes.h"
#include "dtls_reader.h"
#include "rtp_reader.h"
#include "stun_reader.h"

#define MSTURN_MUX_CHANNEL 0xFF10u
#define MSTURN_MUX_HEADER 12 /* channel, length, 8-byte session */

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

/* ---- TCP: every message of a segment, behind one framing ---- */

/* The length on the wire of the message at p (framing header and padding
 * included) as its first bytes claim; 0 when they claim none. */
static size_t
claimed_length(const uint8_t *p, size_t seen, media_framing_t framing)
{
    if (seen < 4)
        return 0;
    switch (framing) {
    case MEDIA_FRAMING_RFC4571:
        return 2 + (size_t)be16(p);
    case MEDIA_FRAMING_MSTURN:
        return 4 + (size_t)be16(p + 2);
    default:
        /* TURN over TCP: the first two bits tell STUN from ChannelData */
        if (p[0] < 0x40)
            return STUN_HEADER + (size_t)be16(p + 2);
        if (p[0] <= 0x7f)
            return 4 + (((size_t)be16(p + 2) + 3) & ~(size_t)3); /* a stream pads (RFC 8656 12.5) */
        return 0;
    }
}

/* One message of `framing` at p, of `want` bytes as its header claims, of
 * which `seen` were captured (fewer when the capture or the segment stops
 * inside it). */
static bool
message_at(const uint8_t *p, size_t seen, size_t want, media_framing_t framing, media_packet_t *out)
{
    size_t have = seen < want ? seen : want, flen;
    media_kind_t k;

    memset(out, 0, sizeof *out);
    out->framing = framing;
    if (have < 4 || want == 0)
        return false;
    switch (framing) {
    case MEDIA_FRAMING_RFC4571:
        /* a 2-byte length, then one RTP, RTCP, STUN or DTLS packet */
        flen = want - 2;
        if (flen < 4 || !inspect_datagram(p + 2, have - 2, flen, out))
            return false;
        break;
    case MEDIA_FRAMING_MSTURN:
        /* MS-TURN 2.1.4: type 2 (TURN control) or 3 (end-to-end data), reserved 0 */
        flen = want - 4;
        if ((p[0] != 2 && p[0] != 3) || p[1] != 0 || flen == 0)
            return false;
        if (p[0] == 3) {
            if (!inspect_datagram(p + 4, have - 4, flen, out))
                return false;
        } else {
            if ((k = stun_at(p + 4, have - 4, flen, false)) == MEDIA_NONE)
                return false;
            out->kind = k;
            out->strong = true;
        }
        break;
    default:
        if ((k = stun_at(p, have, want, false)) != MEDIA_NONE) {
            out->kind = k;
            out->strong = true;
        } else if (!channel_data_at(p, have, want, true, out)) {
            return false;
        }
        break;
    }
    return true;
}

/* Whether a datagram may start with byte b, as inspect_datagram reads them
 * (STUN and DTLS, ChannelData, RTP and RTCP, MS-TURN data). */
static bool
datagram_first_byte(uint8_t b)
{
    return b < 0xc0 || b == 0xff;
}

/* The first `seen` bytes of a message the capture cut (a snap length): those
 * that say which message it is must still be consistent. */
static bool
prefix_plausible(const uint8_t *p, size_t seen, media_framing_t framing)
{
    if (seen == 0)
        return true;
    switch (framing) {
    case MEDIA_FRAMING_RFC4571:
        return (seen < 2 || be16(p) >= 4) && (seen < 3 || datagram_first_byte(p[2]));
    case MEDIA_FRAMING_MSTURN:
        return (p[0] == 2 || p[0] == 3) && (seen < 2 || p[1] == 0) && (seen < 4 || be16(p + 2) > 0) &&
               (seen < 5 || (p[0] == 2 ? p[4] < 0x40 : datagram_first_byte(p[4])));
    default:
        /* STUN: the cookie, or a classic type; before the cookie is seen,
         * at least a method (method 0 is reserved, RFC 5389 18.1) */
        if (p[0] < 0x40)
            return seen < 2 || (seen < 8 ? (be16(p) & ~0x0110u) != 0
                                         : be32(p + 4) == STUN_COOKIE || classic_stun_type(be16(p)));
        if (p[0] <= 0x7f) /* ChannelData: its data must start as media's does */
            return seen < 5 || be16(p + 2) == 0 || inner_plausible(p + 4, seen - 4, be16(p + 2));
        return false;
    }
}

/* Whether the segment is nothing but messages of `framing`, back to back:
 * each valid, the last ending at the segment's end or, when TCP split it,
 * running past with what the segment holds of it consistent. A protocol whose
 * first bytes happen to read as a frame header (Skinny's little-endian length
 * as a ChannelData channel) does not go on tiling. *first: the first message;
 * *complete: the messages that end inside the segment. */
static bool
segment_tiles(const uint8_t *p, size_t avail, size_t len, media_framing_t framing, media_packet_t *first,
              unsigned *complete)
{
    size_t pos = 0;
    unsigned n;

    *complete = 0;
    /* the bound keeps a hostile segment of tiny messages to a fixed cost;
     * that many valid messages are evidence enough */
    for (n = 0; n < MEDIA_TILE_MAX && pos < len; n++) {
        size_t seen = pos < avail ? avail - pos : 0;
        size_t want = claimed_length(p + pos, seen, framing);
        media_packet_t m;

        /* bytes the capture did not keep (a snap length) cannot be checked:
         * what was seen tiles if the start of the message it cut is
         * consistent. A segment (not the capture) that ends inside a header
         * is no such case: that header must be whole */
        if (n > 0 && avail < len && (want == 0 ? seen < 4 : pos + want > avail)) {
            if (!prefix_plausible(p + pos, seen, framing))
                return false;
            break;
        }
        /* the first message must fit the segment: one message cut short
         * would be too little to judge */
        if ((n == 0 && want > len) || !message_at(p + pos, seen, want, framing, &m))
            return false;
        if (n == 0)
            *first = m;
        if (want > len - pos)
            break; /* TCP split the last message: its start was consistent */
        pos += want;
        ++*complete;
    }
    return true;
}

static bool
inspect_segment(const uint8_t *p, size_t avail, size_t len, media_packet_t *out)
{
    static const media_framing_t order[] = { MEDIA_FRAMING_NONE, MEDIA_FRAMING_MSTURN, MEDIA_FRAMING_RFC4571 };
    unsigned i, complete;

    if (avail < 4)
        return false;
    for (i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (segment_tiles(p, avail, len, order[i], out, &complete)) {
            /* one message proves little on a stream whose framing any
             * length-prefixed protocol can imitate; two in a row, ending
             * with the segment, do */
            out->strong = complete >= 2;
            return true;
        }
    }
    return false;
}

/* FNV-1a over the first 64 bytes, taken eight at a time: enough to tell a
 * packet from its repeat, and an eighth of the steps of a byte-wise hash
 * (every weak packet of a flow not yet recognised is digested). A bit that
 * differs moves only upwards through the products, so the high half is
 * folded in at the end. */
static uint32_t
digest_of(const uint8_t *p, size_t n)
{
    uint64_t h = 14695981039346656037ull, w;
    size_t i;

    if (n > 64)
        n = 64;
    for (i = 0; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, sizeof w);
        h = (h ^ w) * 1099511628211ull;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return (uint32_t)(h ^ (h >> 32));
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

/* Kinds whose one message is strong evidence in a datagram. */
static bool
strong_alone(uint8_t kind)
{
    return kind == MEDIA_STUN || kind == MEDIA_STUN_CLASSIC || kind == MEDIA_DTLS;
}

/* Two weak packets agree: the same RTP/RTCP SSRC (RTP a little further on),
 * or the same TURN channel or MS-TURN session. On TCP they must also share
 * the framing, and a segment led by STUN or a DTLS-SRTP hello (one message
 * a datagram would have proved) agrees with any other tiled segment: TURN
 * over TCP sends STUN and then ChannelData, with no key in common. */
static bool
confirms(const media_candidate_t *c, const media_packet_t *m, bool tcp)
{
    bool ssrc_kind = m->kind == MEDIA_RTP || m->kind == MEDIA_RTCP;
    bool cand_ssrc_kind = c->kind == MEDIA_RTP || c->kind == MEDIA_RTCP;

    if (c->kind == 0 || c->framing != m->framing || c->digest == m->digest)
        return false;
    if (tcp && (strong_alone(c->kind) || strong_alone((uint8_t)m->kind)))
        return true;
    if (c->key != m->key)
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
        if (f->cand[i].kind == m->kind && f->cand[i].key == m->key && f->cand[i].framing == m->framing) {
            f->cand[i].seq = m->seq;
            f->cand[i].digest = m->digest;
            return;
        }
    }
    f->cand[f->next].kind = (uint8_t)m->kind;
    f->cand[f->next].framing = (uint8_t)m->framing;
    f->cand[f->next].key = m->key;
    f->cand[f->next].seq = m->seq;
    f->cand[f->next].digest = m->digest;
    f->next = (uint8_t)((f->next + 1) % MEDIA_CANDIDATES);
}

media_kind_t
media_flow_recognise(media_flow_t *f, const uint8_t *p, size_t avail, size_t len, bool tcp, uint32_t frame)
{
    media_packet_t m;
    unsigned i;
    bool decided = false;

    if (f->inspected >= MEDIA_GIVE_UP)
        return MEDIA_NONE;
    f->inspected++;
    if (!media_inspect(p, avail, len, tcp, &m))
        return MEDIA_NONE;
    if (m.strong) {
        decided = true;
    } else {
        for (i = 0; i < MEDIA_CANDIDATES && !decided; i++)
            decided = confirms(&f->cand[i], &m, tcp);
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
