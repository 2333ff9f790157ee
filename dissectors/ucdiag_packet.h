/* ucdiag_packet.h
 * One reading of the packet in hand, shared by everything of ucdiag that looks
 * at it: which layers the dissectors found, the IP header whose addresses they
 * report, the UDP or TCP payload behind it, and the DHCP message inside. Each
 * is read on first ask and kept for the others, so the concerns cannot read
 * the same bytes two ways. The option-43 decoder runs inside Wireshark's DHCP
 * dissector before the post-dissector; the DHCP message it located is kept
 * for this packet and is the one the concerns get.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_PACKET_H
#define UCDIAG_PACKET_H

#include <epan/packet.h>

#include "dhcp_reader.h"
#include "dhcp_txn.h"
#include "frame_reader.h"

typedef struct {
    tvbuff_t *tvb;
    packet_info *pinfo;
    int af;              /* 4 or 6 when the network addresses are IP, else 0 */
    /* Read on first ask: */
    const guint8 *bytes; /* the frame's captured bytes */
    size_t len;
    guint8 asked, found; /* UCDIAG_PACKET_* bits */
    size_t ip_off;
    frame_l4_t l4;
    dhcp_msg_t dhcp;
} ucdiag_packet_t;

/* At registration, the init routine that forgets the option-43 decoder's
 * reading with each file; at handoff, the ICMP protocols. */
void ucdiag_packet_register(void);
void ucdiag_packet_handoff(void);

/* The dispatcher's start on a packet: nothing is read yet. */
void ucdiag_packet_start(ucdiag_packet_t *pkt, tvbuff_t *tvb, packet_info *pinfo);

gboolean ucdiag_packet_has_proto(const ucdiag_packet_t *pkt, int proto);

/* What is read on first ask (asked) and what was there (found). */
enum {
    UCDIAG_PACKET_BYTES = 1u << 0,
    UCDIAG_PACKET_IP = 1u << 1,
    UCDIAG_PACKET_L4 = 1u << 2,
    UCDIAG_PACKET_DHCP = 1u << 3
};

/* The first asks; the functions below answer the later ones inline, as
 * every concern asks again on every packet. */
const guint8 *ucdiag_packet_read_ip(ucdiag_packet_t *pkt);
const frame_l4_t *ucdiag_packet_read_l4(ucdiag_packet_t *pkt);
gboolean ucdiag_packet_in_icmp(ucdiag_packet_t *pkt);

/* The IP header whose addresses the dissectors report, NULL if not found. */
static inline const guint8 *
ucdiag_packet_ip(ucdiag_packet_t *pkt)
{
    if (!(pkt->asked & UCDIAG_PACKET_IP))
        return ucdiag_packet_read_ip(pkt);
    return (pkt->found & UCDIAG_PACKET_IP) ? pkt->bytes + pkt->ip_off : NULL;
}

/* Is this a packet quoted inside an ICMP or ICMPv6 error? Such a packet was
 * already seen when it crossed the wire. A header quoted in an ICMP error
 * sits behind an outer IP header and the ICMP one, 28 bytes at least: one
 * nearer the start cannot be quoted, and the walk over the frame's layers
 * is spared. */
static inline gboolean
ucdiag_packet_quoted(ucdiag_packet_t *pkt)
{
    if (ucdiag_packet_ip(pkt) && pkt->ip_off < FRAME_ICMP_QUOTE_MIN)
        return FALSE;
    return ucdiag_packet_in_icmp(pkt);
}

/* The UDP or TCP payload behind it, NULL when not in this frame. */
static inline const frame_l4_t *
ucdiag_packet_l4(ucdiag_packet_t *pkt)
{
    if (!(pkt->asked & UCDIAG_PACKET_L4))
        return ucdiag_packet_read_l4(pkt);
    return (pkt->found & UCDIAG_PACKET_L4) ? &pkt->l4 : NULL;
}
/* The DHCP message (IPv4, UDP between ports 67 and 68), NULL if none. */
const dhcp_msg_t *ucdiag_packet_dhcp(ucdiag_packet_t *pkt);

/* The option-43 decoder's half: the DHCP message around an option, located
 * once per packet in the bytes of the option's data source (buf, len) and
 * kept for the concerns; opt_offset is the option's code byte. NULL when the
 * bytes are not laid out as a DHCP message holding that option. */
const dhcp_view_t *ucdiag_packet_locate_dhcp(packet_info *pinfo, const guint8 *buf, size_t len, size_t opt_offset);

#endif /* UCDIAG_PACKET_H */
