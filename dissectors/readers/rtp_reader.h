/* rtp_reader.h
 * Is this RTP or RTCP, in the clear or as SRTP / SRTCP (whose headers
 * travel in the clear)? The checks keep out what often looks alike: DNS and
 * LLMNR headers, whose zero counts read as SSRC 0 or length 0. No epan
 * header, so it is unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RTP_READER_H
#define RTP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "media_packet.h"

/* Whether pt (the second byte) is an RTCP packet type: SR, RR, SDES, BYE,
 * APP, RTPFB, PSFB or XR (200-207). */
bool rtcp_type(uint8_t pt);

/* RTCP or SRTCP at p, len bytes of which avail were captured. Fills out's
 * kind and key (the sender's SSRC); strong when the compound packet ends
 * exactly at len, weak for SRTCP, which is encrypted after its first
 * header. Other fields of out are left as they were. */
bool rtcp_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out);

/* An RTP or SRTP header at p (CSRCs and a header extension included) that
 * fits in len. Fills out's kind, key (the SSRC) and seq, never strong: one
 * RTP header proves little, two of one stream do. */
bool rtp_at(const uint8_t *p, size_t avail, size_t len, media_packet_t *out);

#endif /* RTP_READER_H */
