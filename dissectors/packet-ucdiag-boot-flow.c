/* packet-ucdiag-boot-flow.c
 * Statistics > Flow Graph's "UC bootstrap" type and `tshark -z
 * flow,ucdiag_boot,standard`: every phone's bootstrap as a ladder, one
 * arrow per frame that is one of its steps (LLDP-MED, DHCP, INFORM, DNS,
 * NTP, TLS to the provisioning host and the registrar), between the phone
 * and the host it talks to, with its findings in the arrow's comment.
 *
 * The events file queues a frame to the tap only when it is a step and a
 * Flow Graph listens, so the graph costs nothing otherwise.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define UCD_WANT_SEQUENCE_ANALYSIS
#include "ucdiag_compat.h"

#include "packet-ucdiag-boot-int.h"

#ifdef UCD_FLOW_GRAPH

#include <epan/column-utils.h>
#include <epan/tap.h>

#include "boot_logic.h"
#include "ucdiag_shared.h"

static const value_string dns_type_vals[] = {
    { BOOT_DNS_TYPE_A,    "A" },
    { BOOT_DNS_TYPE_AAAA, "AAAA" },
    { BOOT_DNS_TYPE_SRV,  "SRV" },
    { 0, NULL }
};

/* The words above the arrow: short, as the Flow Graph cuts them to the
 * arrow's width; the comment has the rest. */
static const char *
arrow_label(wmem_allocator_t *pool, const boot_phone_t *ph, const boot_event_t *e)
{
    const char *name = e->name != BOOT_NO_NAME ? ph->net->names[e->name].name : "";

    switch (e->kind) {
    case BOOT_EV_LLDP:
        /* e->value packs the voice policy: VLAN << 16 | priority << 8 | DSCP. */
        return e->value >= 0 ? wmem_strdup_printf(pool, "LLDP-MED VLAN %u", (guint)(e->value >> 16)) : "LLDP-MED";
    case BOOT_EV_LEASE_ACK:
        return "DHCPACK (lease)";
    case BOOT_EV_INFORM:
        return e->value > 1 ? wmem_strdup_printf(pool, "INFORM (try %u)", (guint)e->value) : "INFORM";
    case BOOT_EV_INFORM_ACK:
        return e->value ? "ACK (option 43)" : "ACK";
    case BOOT_EV_DNS_QUERY:
        return wmem_strdup_printf(pool, "DNS %s %s", val_to_str_const((guint32)e->value, dns_type_vals, "?"), name);
    case BOOT_EV_DNS_ANSWER:
        return wmem_strdup_printf(pool, "DNS answer %s", name);
    case BOOT_EV_DNS_ERROR:
        return wmem_strdup_printf(pool, "DNS %s %s",
                                  e->value < 0 ? "no data" :
                                  val_to_str_const((guint32)e->value, ucdiag_boot_rcode_vals, "error"), name);
    case BOOT_EV_SYN_RETRY:
        return "TCP SYN (again)";
    case BOOT_EV_RESET:
        return "TCP RST";
    case BOOT_EV_TLS_ALERT:
        return "TLS alert";
    case BOOT_EV_TLS_DONE:
        return "TLS finished";
    case BOOT_EV_CLOSED:
        return "TCP FIN";
    default:
        return val_to_str_const(e->kind, ucdiag_boot_event_vals, "?");
    }
}

/* Does an ACK of the phone answer the INFORM in this frame? */
static gboolean
inform_answered(const boot_phone_t *ph, guint32 frame)
{
    const boot_event_t *ev = boot_phone_events(ph);
    guint16 i;

    for (i = 0; i < ph->n_ev; i++)
        if (ev[i].kind == BOOT_EV_INFORM_ACK && ev[i].ref_frame == frame)
            return TRUE;
    return FALSE;
}

/* The comment right of the graph: the findings in a few words, first, as
 * the Flow Graph's comment column is narrow; then the event's summary. */
static char *
arrow_comment(packet_info *pinfo, const ucdiag_boot_step_t *st)
{
    const boot_phone_t *ph = st->ph;
    const boot_event_t *e = &st->e;
    GString *s = g_string_new(NULL);
    guint f;

    for (f = 1; f <= BOOT_F_URL_BROKEN; f <<= 1) {
        if (!(e->finding & f))
            continue;
        g_string_append_printf(s, "finding: %s", val_to_str_const(f, ucdiag_boot_finding_vals, "?"));
        /* e->value is the server's time minus the capture's, in nanoseconds. */
        if (f == BOOT_F_CLOCK_SKEW && e->value != UCD_NS_NONE) {
            gint64 off = (gint64)(e->value / UCD_NS_PER_S);
            g_string_append_printf(s, ", server %" PRId64 " s %s", off < 0 ? -off : off,
                                   off < 0 ? "behind" : "ahead");
        }
        g_string_append(s, "; ");
    }
    /* Whether an ACK came is known only once the whole capture was read
     * (the Flow Graph's pass, tshark -2), and while every event of the
     * phone was kept. */
    if (e->kind == BOOT_EV_INFORM && !st->first_pass && !ph->unrecorded && !inform_answered(ph, pinfo->num))
        g_string_append(s, "no ACK in the capture; ");
    g_string_append(s, ucdiag_boot_event_summary(pinfo->pool, ph, e));
    return g_string_free(s, FALSE);
}

/* The phone's own column: its address once it has one (the Flow Graph's
 * pass sees its last), else its MAC, so that every step of one phone
 * lands on one side. buf holds the address bytes. */
static void
phone_address(const boot_phone_t *ph, packet_info *pinfo, gboolean from_phone, guint32 *buf, address *out)
{
    if (ph->ip) {
        *buf = g_htonl(ph->ip);
        set_address(out, AT_IPv4, 4, buf);
    } else if (ph->has_mac) {
        set_address(out, AT_ETHER, 6, ph->mac);
    } else {
        copy_address_shallow(out, from_phone ? &pinfo->src : &pinfo->dst);
    }
}

/* The other end: the server of DNS, NTP and TLS; for DHCP the address the
 * packet names (a server, a relay or the broadcast); for LLDP the
 * multicast it goes to. */
static void
other_address(const ucdiag_boot_step_t *st, packet_info *pinfo, guint32 *buf, address *out)
{
    const address *a;

    if (st->server) {
        *buf = g_htonl(st->server);
        set_address(out, AT_IPv4, 4, buf);
        return;
    }
    if (pinfo->net_src.type == AT_NONE)
        a = st->from_phone ? &pinfo->dl_dst : &pinfo->dl_src;
    else
        a = st->from_phone ? &pinfo->net_dst : &pinfo->net_src;
    copy_address_shallow(out, a);
}

/* 0xRRGGBB, as Wireshark keeps a colouring rule's colours in an item: the
 * profile's "UC finding" rule, [65535,60000,26000] on black. */
#define UCD_FLOW_FINDING_BG 0xffea65u
#define UCD_FLOW_FINDING_FG 0x000000u

static tap_packet_status
flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)tapdata;
    const ucdiag_boot_step_t *st = (const ucdiag_boot_step_t *)data;
    seq_analysis_item_t *sai;
    address phone, other;
    guint32 phone_buf, other_buf;
    gchar time_str[COL_MAX_LEN];

    phone_address(st->ph, pinfo, st->from_phone, &phone_buf, &phone);
    other_address(st, pinfo, &other_buf, &other);
    /* Freed by Wireshark with g_free and free_address: its own allocators. */
    sai = g_new0(seq_analysis_item_t, 1);
    sai->frame_number = pinfo->num;
    copy_address(&sai->src_addr, st->from_phone ? &phone : &other);
    copy_address(&sai->dst_addr, st->from_phone ? &other : &phone);
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    set_fd_time(pinfo->epan, pinfo->fd, time_str);
    sai->time_str = g_strdup(time_str);
    sai->frame_label = g_strdup(arrow_label(pinfo->pool, st->ph, &st->e));
    sai->comment = arrow_comment(pinfo, st);
    sai->line_style = 1;
    sai->display = TRUE;
    /* An arrow with a finding takes the profile's "UC finding" amber, as
     * its packet does in the list. (conv_num is left 0: set, tshark's text
     * graph gains a "Conv." column.) */
    if (st->e.finding) {
        sai->has_color_filter = TRUE;
        sai->bg_color = UCD_FLOW_FINDING_BG;
        sai->fg_color = UCD_FLOW_FINDING_FG;
    }
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

void
ucdiag_boot_flow_register(int proto)
{
    register_seq_analysis("ucdiag_boot", "UC bootstrap", proto, UCDIAG_BOOT_FLOW_TAP, TL_REQUIRES_NOTHING,
                          flow_packet);
}

#else /* !UCD_FLOW_GRAPH */

void
ucdiag_boot_flow_register(int proto _U_)
{
}

#endif
