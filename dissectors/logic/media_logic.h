/* media_logic.h
 * Is this flow real-time media? Recognises RTP/SRTP, RTCP/SRTCP, STUN and
 * TURN (RFC 5389 with the magic cookie, and the RFC 3489 / MS-TURN form
 * without it that Lync and Skype for Business use), TURN ChannelData, MS-TURN
 * multiplexed data, and DTLS that negotiates SRTP, from the payload bytes of
 * a UDP datagram or TCP segment. On TCP it also reads them behind RFC 4571
 * framing (ICE-TCP), behind MS-TURN's TCP framing (the Skype for Business
 * Edge's TCP fallback), or back to back as TURN over TCP sends them.
 *
 * Recognition is per flow direction: one packet of strong evidence (STUN with
 * a consistent length, a complete RTCP compound packet, DTLS asking for SRTP),
 * or two packets that agree (the same RTP SSRC with a sequence number a little
 * further on, the same TURN channel). A TCP segment counts only when its
 * framing tiles it (every message valid, back to back to the segment's end),
 * and is never strong alone: a direction needs two such segments with the
 * same framing, or one holding two complete messages. From then on the
 * direction is media and its later packets cost one byte's look. The
 * headers themselves are read by stun_reader, rtp_reader and dtls_reader in
 * dissectors/readers/. No epan header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MEDIA_LOGIC_H
#define MEDIA_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "media_packet.h" /* what one payload shows, as the readers fill it in */

/* Looks at one payload: avail bytes captured of len the headers claim.
 * tcp: the payload is a TCP segment, read as messages of one framing that
 * tile it; the last may run past len (TCP split it), and of a message the
 * capture cut at avail only its first bytes are checked. kind, key and seq
 * are then of the first message. */
bool media_inspect(const uint8_t *p, size_t avail, size_t len, bool tcp, media_packet_t *out);

/* A direction that does not look like media after this many packets with a
 * payload is left alone: a long ordinary session costs nothing more. */
#define MEDIA_GIVE_UP 64
/* A later RTP packet of the same SSRC confirms a stream when its sequence
 * number is this far ahead at most (loss and reordering allowed). */
#define MEDIA_RTP_SEQ_WINDOW 512
#define MEDIA_CANDIDATES 4
/* At most this many messages of a TCP segment are checked; a segment that
 * still has more is taken as tiled. */
#define MEDIA_TILE_MAX 64

typedef struct {
    uint32_t key, digest;
    uint16_t seq;
    uint8_t kind;    /* media_kind_t; 0: slot unused */
    uint8_t framing; /* media_framing_t: a TCP segment agrees only with one of its framing */
} media_candidate_t;

/* One flow direction's verdict; a few dozen bytes, whatever the flow's length. */
typedef struct {
    uint32_t since;     /* frame from which the direction is media; 0: not (yet) */
    uint16_t inspected; /* payloads looked at before a verdict */
    uint16_t kinds;     /* bit (1 << media_kind_t) of every kind seen once media */
    uint8_t framing;    /* media_framing_t, from the packet that decided */
    uint8_t next;       /* candidate slot to reuse */
    media_candidate_t cand[MEDIA_CANDIDATES];
} media_flow_t;

void media_flow_init(media_flow_t *f);

/* What a packet of a direction already known as media carries, from its
 * first byte (RFC 7983 demultiplexing) after the direction's framing:
 * cheap enough for every packet, and used on later passes. */
media_kind_t media_demux(const uint8_t *p, size_t avail, uint8_t framing);

/* media_flow_observe's work until the direction is known as media. */
media_kind_t media_flow_recognise(media_flow_t *f, const uint8_t *p, size_t avail, size_t len, bool tcp,
                                  uint32_t frame);

/* First pass, frames in order: one packet of this direction that carries a
 * payload. Returns the kind of this packet when the direction is media (from
 * this packet or an earlier one), MEDIA_NONE otherwise. On TCP a segment led
 * by STUN or a DTLS-SRTP hello agrees with any later tiled segment of its
 * framing (not with its own retransmission); other segments agree as UDP's
 * weak packets do. Inline: once a direction is known, a packet costs its
 * demultiplexing only. */
static inline media_kind_t
media_flow_observe(media_flow_t *f, const uint8_t *p, size_t avail, size_t len, bool tcp, uint32_t frame)
{
    if (f->since) {
        media_kind_t k = media_demux(p, avail < len ? avail : len, f->framing);
        f->kinds |= (uint16_t)(1u << k);
        return k;
    }
    return media_flow_recognise(f, p, avail, len, tcp, frame);
}

/* "RTP, RTCP, STUN": the kinds in a media_flow_t.kinds mask, in kind order. */
size_t media_kinds_text(uint16_t kinds, char *out, size_t outsz);
const char *media_kind_name(media_kind_t k);

#endif /* MEDIA_LOGIC_H */
