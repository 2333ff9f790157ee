/* frame_reader.c
 * The IP header, DSCP and transport payload of a frame (see frame_reader.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "frame_reader.h"

#include <string.h>

#include "bytes.h"

static bool
header_at(const uint8_t *h, int af)
{
    if (af == 4)
        return (h[0] >> 4) == 4 && (h[0] & 0x0f) >= 5;
    return (h[0] >> 4) == 6;
}

bool
frame_find_ip_header(const uint8_t *frame, size_t len, int af, const uint8_t *src, const uint8_t *dst,
                     size_t *offset)
{
    size_t alen = af == 4 ? 4 : 16, src_off = af == 4 ? 12 : 8, hdr_len = af == 4 ? 20 : 40, i;

    static const size_t usual[] = { 14, 18 }; /* after Ethernet, after one VLAN tag */
    unsigned u;

    if (af != 4 && af != 6)
        return false;
    /* The dissectors' addresses usually point into the frame itself, right
     * into the header that holds them: no search, no compare of bytes. */
    if (frame_ip_header_in_place(frame, len, af, src, dst, offset))
        return true;
    for (u = 0; u < sizeof usual / sizeof usual[0]; u++) {
        const uint8_t *h = frame + usual[u];
        if (usual[u] + hdr_len <= len && header_at(h, af) && memcmp(h + src_off, src, alen) == 0 &&
            memcmp(h + src_off + alen, dst, alen) == 0) {
            *offset = usual[u];
            return true;
        }
    }
    for (i = 0; i + hdr_len <= len; i++) {
        const uint8_t *h = frame + i;
        if (h[src_off] == src[0] && header_at(h, af) && memcmp(h + src_off, src, alen) == 0 &&
            memcmp(h + src_off + alen, dst, alen) == 0) {
            *offset = i;
            return true;
        }
    }
    return false;
}

uint8_t
frame_ip_dscp(const uint8_t *ip, int af)
{
    if (af == 4)
        return (uint8_t)(ip[1] >> 2);
    return (uint8_t)((((ip[0] & 0x0f) << 4) | (ip[1] >> 4)) >> 2);
}

uint16_t
frame_ip_id(const uint8_t *ip, int af)
{
    return af == 4 ? (uint16_t)((ip[4] << 8) | ip[5]) : 0;
}

/* IPv6 extension headers a UDP or TCP header may sit behind. */
#define IP6_HOP_BY_HOP 0
#define IP6_ROUTING 43
#define IP6_FRAGMENT 44
#define IP6_AH 51
#define IP6_DEST_OPTS 60
#define IP6_MAX_EXT 8

/* Where the transport header starts and where the IP payload ends (*end is
 * what the IP header claims; the frame may hold less). */
static bool
transport_start(const uint8_t *frame, size_t len, size_t ip_off, int af, uint8_t *proto, size_t *start,
                size_t *end)
{
    const uint8_t *ip = frame + ip_off;
    unsigned n;

    if (af == 4) {
        size_t ihl = (size_t)(ip[0] & 0x0f) * 4, total = be16(ip + 2);
        if (ip_off + ihl > len || (be16(ip + 6) & 0x1fff) != 0)
            return false; /* options cut, or a later fragment: no transport header here */
        /* Segmentation offload leaves the length 0 in a sender's own capture. */
        if (total == 0)
            total = len - ip_off;
        if (total < ihl)
            return false;
        *proto = ip[9];
        *start = ip_off + ihl;
        *end = ip_off + total;
        return true;
    }
    {
        size_t pos = ip_off + 40, plen = be16(ip + 4);
        uint8_t nh = ip[6];
        *end = plen ? pos + plen : len; /* 0: a jumbogram or offload */
        for (n = 0; n < IP6_MAX_EXT; n++) {
            if (nh == FRAME_PROTO_TCP || nh == FRAME_PROTO_UDP) {
                *proto = nh;
                *start = pos;
                return pos <= *end;
            }
            if (pos + 8 > len)
                return false;
            switch (nh) {
            case IP6_HOP_BY_HOP:
            case IP6_ROUTING:
            case IP6_DEST_OPTS:
                nh = frame[pos];
                pos += ((size_t)frame[pos + 1] + 1) * 8;
                break;
            case IP6_FRAGMENT:
                if ((be16(frame + pos + 2) >> 3) != 0)
                    return false;
                nh = frame[pos];
                pos += 8;
                break;
            case IP6_AH:
                nh = frame[pos];
                pos += ((size_t)frame[pos + 1] + 2) * 4;
                break;
            default:
                return false;
            }
        }
        return false;
    }
}

bool
frame_l4_payload(const uint8_t *frame, size_t len, size_t ip_off, int af, frame_l4_t *out)
{
    uint8_t proto;
    size_t start, end, hdr;

    if ((af != 4 && af != 6) || ip_off + (af == 4 ? 20u : 40u) > len ||
        !transport_start(frame, len, ip_off, af, &proto, &start, &end))
        return false;
    if (proto == FRAME_PROTO_UDP) {
        size_t ulen;
        if (start + 8 > len)
            return false;
        ulen = be16(frame + start + 4);
        if (ulen < 8)
            return false;
        hdr = 8;
        if (start + ulen < end)
            end = start + ulen;
    } else if (proto == FRAME_PROTO_TCP) {
        if (start + 20 > len)
            return false;
        hdr = (size_t)(frame[start + 12] >> 4) * 4;
        if (hdr < 20)
            return false;
    } else {
        return false;
    }
    if (start + hdr > end || start + hdr > len)
        return false;
    out->proto = proto;
    out->hdr_offset = start;
    out->offset = start + hdr;
    out->len = end - out->offset;
    out->avail = len - out->offset < out->len ? len - out->offset : out->len;
    return true;
}
