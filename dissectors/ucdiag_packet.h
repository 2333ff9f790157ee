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

/* The protocol whose per-packet data keeps the option-43 decoder's reading;
 * at handoff, the ICMP protocols. */
void ucdiag_packet_register(int proto);
void ucdiag_packet_handoff(void);

/* The dispatcher's start on a packet: nothing is read yet. */
void ucdiag_packet_start(ucdiag_packet_t *pkt, tvbuff_t *tvb, packet_info *pinfo);

gboolean ucdiag_packet_has_proto(const ucdiag_packet_t *pkt, int proto);
/* Is this a packet quoted inside an ICMP or ICMPv6 error? Such a packet was
 * already seen when it crossed the wire. */
gboolean ucdiag_packet_quoted(ucdiag_packet_t *pkt);
/* The IP header whose addresses the dissectors report, NULL if not found. */
const guint8 *ucdiag_packet_ip(ucdiag_packet_t *pkt);
/* The UDP or TCP payload behind it, NULL when not in this frame. */
const frame_l4_t *ucdiag_packet_l4(ucdiag_packet_t *pkt);
/* The DHCP message (IPv4, UDP between ports 67 and 68), NULL if none. */
const dhcp_msg_t *ucdiag_packet_dhcp(ucdiag_packet_t *pkt);

/* The option-43 decoder's half: the DHCP message around an option, located
 * once per packet in the bytes of the option's data source (buf, len) and
 * kept for the concerns; opt_offset is the option's code byte. NULL when the
 * bytes are not laid out as a DHCP message holding that option. */
const dhcp_view_t *ucdiag_packet_locate_dhcp(packet_info *pinfo, const guint8 *buf, size_t len, size_t opt_offset);

#endif /* UCDIAG_PACKET_H */
