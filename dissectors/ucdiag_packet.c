/* ucdiag_packet.c
 * One reading of the packet in hand; see ucdiag_packet.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include "ucdiag_packet.h"

typedef struct {
    const guint8 *buf;
    size_t len;
    dhcp_view_t view;
} located_dhcp_t;

/* The option-43 decoder's reading of the packet in hand. It is of use
 * until the packet's post-dissector is done, so it is kept here, named by
 * its frame and capture file, and not as the packet's proto data: adding
 * that walks the packet's list of proto data, as does every lookup. */
static struct {
    guint32 frame;  /* 0: none */
    unsigned file;
    located_dhcp_t at;
} located;
static unsigned located_file = 1;

static void
located_new_file(void)
{
    located_file++;
}

static located_dhcp_t *
located_for(const packet_info *pinfo)
{
    return located.frame == pinfo->num && located.file == located_file ? &located.at : NULL;
}

static int proto_icmp = -1;
static int proto_icmpv6 = -1;

void
ucdiag_packet_register(void)
{
    register_init_routine(located_new_file);
}

void
ucdiag_packet_handoff(void)
{
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
}

void
ucdiag_packet_start(ucdiag_packet_t *pkt, tvbuff_t *tvb, packet_info *pinfo)
{
    const address *s = &pinfo->net_src, *d = &pinfo->net_dst;

    pkt->tvb = tvb;
    pkt->pinfo = pinfo;
    pkt->asked = pkt->found = 0;
    if (s->type == AT_IPv4 && d->type == AT_IPv4 && s->len == 4 && d->len == 4)
        pkt->af = 4;
    else if (s->type == AT_IPv6 && d->type == AT_IPv6 && s->len == 16 && d->len == 16)
        pkt->af = 6;
    else
        pkt->af = 0;
}

/* Is any of the two protocols among the packet's layers? One walk of the
 * list, whichever is asked. */
static gboolean
has_either(packet_info *pinfo, int a, int b)
{
    wmem_list_frame_t *f;

    for (f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (id == a || id == b)
            return TRUE;
    }
    return FALSE;
}

gboolean
ucdiag_packet_has_proto(const ucdiag_packet_t *pkt, int proto)
{
    return has_either(pkt->pinfo, proto, proto);
}

static void
take_bytes(ucdiag_packet_t *pkt)
{
    if (pkt->asked & UCDIAG_PACKET_BYTES)
        return;
    pkt->asked |= UCDIAG_PACKET_BYTES;
    pkt->len = tvb_captured_length(pkt->tvb);
    pkt->bytes = tvb_get_ptr(pkt->tvb, 0, (gint)pkt->len);
}

/* The header where the addresses do not point into it (a tunnel's inner
 * header, a reassembled packet): searched for. Out of line, so that the
 * usual case below saves no registers for it. */
static UCD_NOINLINE const guint8 *
search_ip(ucdiag_packet_t *pkt, const guint8 *src, const guint8 *dst)
{
    if (!frame_find_ip_header(pkt->bytes, pkt->len, pkt->af, src, dst, &pkt->ip_off))
        return NULL;
    pkt->found |= UCDIAG_PACKET_IP;
    return pkt->bytes + pkt->ip_off;
}

const guint8 *
ucdiag_packet_read_ip(ucdiag_packet_t *pkt)
{
    const guint8 *src = (const guint8 *)pkt->pinfo->net_src.data, *dst = (const guint8 *)pkt->pinfo->net_dst.data;

    pkt->asked |= UCDIAG_PACKET_IP;
    take_bytes(pkt);
    if (!pkt->af)
        return NULL;
    if (!frame_ip_header_in_place(pkt->bytes, pkt->len, pkt->af, src, dst, &pkt->ip_off))
        return search_ip(pkt, src, dst);
    pkt->found |= UCDIAG_PACKET_IP;
    return pkt->bytes + pkt->ip_off;
}

gboolean
ucdiag_packet_in_icmp(ucdiag_packet_t *pkt)
{
    return has_either(pkt->pinfo, proto_icmp, proto_icmpv6);
}

const frame_l4_t *
ucdiag_packet_read_l4(ucdiag_packet_t *pkt)
{
    pkt->asked |= UCDIAG_PACKET_L4;
    if (ucdiag_packet_ip(pkt) && frame_l4_payload(pkt->bytes, pkt->len, pkt->ip_off, pkt->af, &pkt->l4) &&
        pkt->l4.proto == (pkt->pinfo->ptype == PT_TCP ? FRAME_PROTO_TCP : FRAME_PROTO_UDP)) {
        pkt->found |= UCDIAG_PACKET_L4;
        return &pkt->l4;
    }
    return NULL;
}

const dhcp_msg_t *
ucdiag_packet_dhcp(ucdiag_packet_t *pkt)
{
    if (!(pkt->asked & UCDIAG_PACKET_DHCP)) {
        const frame_l4_t *l4;
        const located_dhcp_t *kept;
        const dhcp_view_t *known = NULL;

        pkt->asked |= UCDIAG_PACKET_DHCP;
        if (pkt->af != 4 || pkt->pinfo->ptype != PT_UDP || (l4 = ucdiag_packet_l4(pkt)) == NULL)
            return NULL;
        kept = located_for(pkt->pinfo);
        if (kept && kept->buf == pkt->bytes && kept->len == pkt->len && kept->view.start == l4->offset)
            known = &kept->view;
        /* The packet's last reader: the reading is not kept past it. */
        located.frame = 0;
        if (dhcp_msg_of_payload(pkt->bytes, pkt->ip_off, l4, known, &pkt->dhcp))
            pkt->found |= UCDIAG_PACKET_DHCP;
    }
    return (pkt->found & UCDIAG_PACKET_DHCP) ? &pkt->dhcp : NULL;
}

const dhcp_view_t *
ucdiag_packet_locate_dhcp(packet_info *pinfo, const guint8 *buf, size_t len, size_t opt_offset)
{
    located_dhcp_t *kept = located_for(pinfo);

    /* Options 60, 43 and 250 of one message are handed over one by one. */
    if (kept && kept->buf == buf && kept->len == len && dhcp_view_area_of(&kept->view, opt_offset) >= 0)
        return &kept->view;
    if (!kept) {
        located.frame = pinfo->num;
        located.file = located_file;
        kept = &located.at;
    }
    kept->buf = NULL;
    if (!dhcp_view_locate(buf, len, opt_offset, &kept->view))
        return NULL;
    kept->buf = buf;
    kept->len = len;
    return &kept->view;
}
