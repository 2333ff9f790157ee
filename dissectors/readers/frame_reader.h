/* frame_reader.h
 * Reading a frame's own bytes where the dissectors already found the layers:
 * the IP header whose addresses they report, its DSCP, and where the UDP or
 * TCP payload sits. No epan header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FRAME_READER_H
#define FRAME_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Finds, in a frame's bytes, the IPv4 (af 4) or IPv6 (af 6) header whose
 * source and destination are src and dst (4 or 16 bytes each); *offset is
 * where it starts. The dissectors already know the addresses; the header is
 * found by them rather than by re-parsing every link layer. At least 20 (IPv4)
 * or 40 (IPv6) bytes follow *offset. When src and dst point into the frame,
 * side by side, the header they sit in is taken at once. False if not found. */
bool frame_find_ip_header(const uint8_t *frame, size_t len, int af, const uint8_t *src, const uint8_t *dst,
                          size_t *offset);

/* The usual case of frame_find_ip_header, inline for the reader of every
 * packet: src and dst point into the frame, side by side, into the header
 * that holds them (that of IPv4, af 4, or IPv6, af 6). */
static inline bool
frame_ip_header_in_place(const uint8_t *frame, size_t len, int af, const uint8_t *src, const uint8_t *dst,
                         size_t *offset)
{
    uintptr_t f = (uintptr_t)frame, s = (uintptr_t)src, at;

    if (af == 4) {
        if (s < f + 12 || (at = s - f - 12) + 20 > len || (uintptr_t)dst != s + 4 || (frame[at] >> 4) != 4 ||
            (frame[at] & 0x0f) < 5)
            return false;
    } else if (af == 6) {
        if (s < f + 8 || (at = s - f - 8) + 40 > len || (uintptr_t)dst != s + 16 || (frame[at] >> 4) != 6)
            return false;
    } else {
        return false;
    }
    *offset = at;
    return true;
}

/* The least offset of an IP header quoted in an ICMP error: behind an IPv4
 * header (20) and the ICMP header (8). */
#define FRAME_ICMP_QUOTE_MIN 28

/* The DSCP of the IPv4 or IPv6 header at ip (20 or 40 bytes present). */
uint8_t frame_ip_dscp(const uint8_t *ip, int af);

/* The IPv4 identification field, which tells the same packet recorded at two
 * points (a merged capture) from the next one; 0 for IPv6, which has none. */
uint16_t frame_ip_id(const uint8_t *ip, int af);

#define FRAME_PROTO_TCP 6
#define FRAME_PROTO_UDP 17

typedef struct {
    uint8_t proto;      /* FRAME_PROTO_TCP or FRAME_PROTO_UDP */
    size_t hdr_offset;  /* of the UDP or TCP header */
    size_t offset;      /* of the payload's first byte in the frame */
    size_t len;         /* payload bytes the headers claim */
    size_t avail;       /* of those, bytes the capture holds (<= len) */
} frame_l4_t;

/* Locates the UDP or TCP payload behind the IP header at ip_off. False when
 * the transport header is not in this frame (a later IP fragment, a cut
 * capture, another protocol, or headers whose lengths do not hold). */
bool frame_l4_payload(const uint8_t *frame, size_t len, size_t ip_off, int af, frame_l4_t *out);

#endif /* FRAME_READER_H */
