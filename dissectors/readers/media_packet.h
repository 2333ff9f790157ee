/* media_packet.h
 * The kinds of media packet and the verdict on one payload, shared by the
 * media readers (stun_reader, rtp_reader, dtls_reader) that fill it in and
 * by media_logic, which weighs it for a flow direction. Types only.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MEDIA_PACKET_H
#define MEDIA_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    MEDIA_NONE = 0,
    MEDIA_RTP = 1,          /* RTP, or SRTP: its header travels in the clear */
    MEDIA_RTCP = 2,         /* RTCP, or SRTCP */
    MEDIA_STUN = 3,         /* STUN/TURN with the RFC 5389 magic cookie */
    MEDIA_STUN_CLASSIC = 4, /* RFC 3489 STUN or MS-TURN: no cookie in the header */
    MEDIA_TURN_CHANNEL = 5, /* TURN ChannelData */
    MEDIA_MSTURN_MUX = 6,   /* MS-TURN multiplexed data (channel 0xFF10) */
    MEDIA_DTLS = 7,         /* DTLS on a media flow (DTLS-SRTP keying) */
    MEDIA_OTHER = 8         /* a packet of a media flow that is none of these */
} media_kind_t;

#define MEDIA_KIND_COUNT 9

typedef enum {
    MEDIA_FRAMING_NONE = 0,    /* UDP; or TCP carrying STUN/ChannelData back to back */
    MEDIA_FRAMING_RFC4571 = 1, /* TCP: a 2-byte length before each packet (ICE-TCP) */
    MEDIA_FRAMING_MSTURN = 2   /* TCP: MS-TURN's type 2/3, reserved, 2-byte length */
} media_framing_t;

/* What one payload shows on its own. */
typedef struct {
    media_kind_t kind;      /* MEDIA_NONE: not recognised */
    media_framing_t framing;
    bool strong;            /* enough alone to call the direction media;
                               TCP: the segment holds two complete messages */
    uint32_t key;           /* weak evidence: the SSRC, TURN channel or MS-TURN
                               session a second packet must repeat */
    uint16_t seq;           /* RTP: its sequence number */
    uint32_t digest;        /* weak evidence: of the first bytes, so that a
                               packet sent again (a retried query) is not
                               taken for a second one */
} media_packet_t;

#endif /* MEDIA_PACKET_H */
