/* rtp_reader.c
 * Telling RTP and RTCP (RFC 3550), and their secure forms (RFC 3711), from
 * other bytes by their headers; see rtp_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rtp_reader.h"

#include "bytes.h"

#define RTP_HEADER 12

bool
rtcp_type(uint8_t pt)
{
    return pt >= 200 && pt <= 207; /* SR RR SDES BYE APP RTPFB PSFB XR */
}

/* RTCP or SRTCP at p; an RTCP compound packet that ends exactly at len is
 * strong evidence, SRTCP (encrypted after the first header) is weak. */
bool
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

bool
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
