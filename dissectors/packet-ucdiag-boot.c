/* packet-ucdiag-boot.c
 * Which hosts are Lync/SfB phones, and the bootstrap event of each of their
 * packets: DHCP and LLDP-MED by MAC, DNS, NTP and TCP/TLS by IPv4 address.
 *
 * The dispatcher calls ucdiag_boot_dissect on every packet, so a packet of
 * a host that is not a phone must cost no more than a lookup. The packet's
 * headers come from its one reading (ucdiag_packet.c), the protocols inside
 * from dissectors/readers/, the timeline from boot_logic.c; what an event
 * shows is made by packet-ucdiag-boot-report.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/tap.h>
#include <wsutil/wmem/wmem.h>

#include "boot_logic.h"
#include "frame_reader.h"
#include "msuc_logic.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-boot-int.h"
#include "packet-ucdiag-evidence.h"
#include "rec_table.h"
#include "ucdiag_shared.h"

static int proto_lldp = -1;
static int boot_tap = -1;
static int flow_tap = -1;

typedef struct {
    boot_phone_t ph;
} phone_entry_t;

/* File-scoped: phones by MAC and by IPv4 address, and the Certificate
 * Provisioning hosts' addresses (address -> a phone that was given it), so
 * a host that connects to one becomes a phone too. */
/* The table hands out every phone, 64 (10 KB) at a time; one identified by
 * its address alone is never added to it. */
static rec_table_t phones_by_mac;
_Static_assert(sizeof(phone_entry_t) % 8 == 0, "phones side by side stay aligned");
_Static_assert(offsetof(boot_phone_t, mac) == 0, "phones_by_mac finds a phone by the key it starts with");
/* The first phone at each address a phone had (a phone given a new lease
 * keeps its old ones): 8-byte entries, 64 at a time, in a rec_table (with
 * the slot, about 16 bytes an address where a wmem_map item, its bucket and
 * an allocation header took about 48; a DHCP server's capture holds
 * thousands). */
typedef struct {
    guint32 ip;         /* first: phones_by_ip finds an entry by it */
    guint32 phone;      /* its number in phones_by_mac, which hands out every phone */
} ip_entry_t;
static rec_table_t phones_by_ip;
_Static_assert(sizeof(ip_entry_t) % 8 == 0, "entries side by side stay aligned");
_Static_assert(offsetof(ip_entry_t, ip) == 0, "phones_by_ip finds an entry by the key it starts with");
static wmem_map_t *prov_hosts;

/* The preference boot_max_phones, and how many this capture made. 20000: a
 * DHCP server's capture at a large site holds thousands of real phones, and
 * 20000 that only ask DHCP cost about 3 MB (150 bytes each, measured). */
guint ucdiag_boot_max_phones = 20000;
state_cap_t ucdiag_boot_phones_cap;

/* A SYN to a provisioning host is not yet a phone: anyone can send one. Its
 * source waits here until a second segment or the host's answer (SYN/ACK or
 * RST) shows a connection; a flood of SYNs only overwrites the slots. */
#define N_CANDIDATES 256
typedef struct {
    guint32 src, dst;   /* host order */
    guint16 cport, sport;
    guint32 frame;
    gint64 t_ns;
} candidate_t;
static candidate_t candidates[N_CANDIDATES];

/* The ports a bootstrap step uses: DNS, NTP, HTTPS, SIP over TLS, and the
 * ports of the provisioning URLs (usually 443 too). A packet on none of them
 * is not looked up at all, so media, the bulk of a UC capture, costs two bit
 * tests. */
static guint8 boot_ports[65536 / 8];

static void
note_port(guint16 port)
{
    boot_ports[port >> 3] |= (guint8)(1u << (port & 7));
}

static void
boot_init(void)
{
    memset(boot_ports, 0, sizeof boot_ports);
    note_port(53);
    note_port(123);
    note_port(443);
    note_port(5061);
    memset(candidates, 0, sizeof candidates);
    state_cap_reset(&ucdiag_boot_phones_cap, ucdiag_boot_max_phones);
    /* The phones and the slots went with the last file's memory. */
    rec_table_reset(&phones_by_mac);
    rec_table_reset(&phones_by_ip);
}

static gboolean
boot_port(guint32 port)
{
    return (boot_ports[(port & 0xffff) >> 3] >> (port & 7)) & 1;
}

static guint
mac_hash(gconstpointer k)
{
    const guint8 *m = (const guint8 *)k;
    return (guint)m[2] << 24 ^ (guint)m[3] << 16 ^ (guint)m[4] << 8 ^ m[5] ^ (guint)m[1] << 3;
}

static gboolean
mac_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, 6) == 0;
}

static void
table_setup(rec_table_t *t, unsigned (*hash)(const void *), int (*equal)(const void *, const void *), guint32 size)
{
    t->hash = hash;
    t->equal = equal;
    t->alloc = ucdiag_grow_file_scoped;
    t->release = ucdiag_free_file_scoped;
    t->ctx = NULL;
    t->size = size;
    rec_table_reset(t);
}

/* The first phone at addr (host order), or NULL. */
static boot_phone_t *
phone_by_ip(guint32 addr)
{
    const ip_entry_t *e = (const ip_entry_t *)rec_table_find_u32(&phones_by_ip, addr);

    return e ? (boot_phone_t *)rec_table_rec(&phones_by_mac, e->phone) : NULL;
}

/* What boot_logic.c needs from us: file-scoped memory and the clock limit. */
static boot_env_t
env_now(void)
{
    boot_env_t env;

    env.grow = ucdiag_grow_file_scoped;
    env.ctx = NULL;
    env.skew_limit_ns = ucd_ns_of_s(ucdiag_boot_max_clock_offset_s);
    env.intern = ucdiag_intern_file_scoped;
    return env;
}

static guint32
addr_v4(const address *a)
{
    guint32 net;

    memcpy(&net, a->data, 4);
    return g_ntohl(net);
}

/* A new phone and its number in phones_by_mac, or NULL past the tracking
 * limit. */
static boot_phone_t *
new_phone(packet_info *pinfo, uint8_t by, guint32 first_frame, guint32 *id)
{
    phone_entry_t *e;

    if (!state_cap_admit(&ucdiag_boot_phones_cap, pinfo->num))
        return NULL;
    e = (phone_entry_t *)rec_table_take(&phones_by_mac, id); /* wmem allocates or aborts */
    boot_phone_init(&e->ph, first_frame);
    e->ph.identified_by = by;
    return &e->ph;
}

static void
index_mac(boot_phone_t *ph, guint32 id, const guint8 *mac)
{
    memcpy(ph->mac, mac, 6);
    ph->has_mac = true;
    rec_table_add(&phones_by_mac, id); /* wmem allocates or aborts */
}

static void
index_ip(boot_phone_t *ph, guint32 phone)
{
    ip_entry_t *e;
    guint32 id;

    if (ph->ip && !rec_table_find_u32(&phones_by_ip, ph->ip)) {
        e = (ip_entry_t *)rec_table_take(&phones_by_ip, &id); /* wmem allocates or aborts */
        e->ip = ph->ip;
        e->phone = phone;
        rec_table_add(&phones_by_ip, id);
        /* A phone's media is Microsoft UC media: the QoS check may judge it
         * (asking phone_at). */
        ucdiag_evidence_phone_learnt(ph->ip);
    }
}

/* Connections to the provisioning host's addresses make their source a
 * phone (see phone_by_connection). */
static void
index_prov_hosts(boot_phone_t *ph)
{
    guint8 i;

    for (i = 0; ph->net && i < ph->net->n_prov_addr; i++)
        wmem_map_insert(prov_hosts, GUINT_TO_POINTER(ph->net->prov_addr[i]), ph);
}

/* The evidence concern's view of the phones: the first phone at addr. */
static gboolean
phone_at(guint32 addr, guint32 *frame, const char **how)
{
    const boot_phone_t *ph;

    if (!addr || !(ph = phone_by_ip(addr)))
        return FALSE;
    *frame = ph->first_frame;
    *how = val_to_str_const(ph->identified_by, ucdiag_boot_identified_vals, "bootstrap");
    return TRUE;
}

gboolean
ucdiag_boot_is_phone(guint32 addr)
{
    return addr && phone_by_ip(addr);
}

const char *
ucdiag_boot_told_host(guint32 addr)
{
    const boot_phone_t *ph;

    if (wmem_map_size(prov_hosts) == 0 ||
        !(ph = (const boot_phone_t *)wmem_map_lookup(prov_hosts, GUINT_TO_POINTER(addr))))
        return NULL;
    return ph->url ? ph->url->host : NULL;
}

/* Shows the event of this frame. On the first pass e is the event just
 * observed; on later passes it is looked up in the phone's timeline. */
static void
report(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, boot_phone_t *ph, boot_event_t e, gboolean from_phone,
       guint32 server, guint16 sport)
{
    if (PINFO_FD_VISITED(pinfo) && !boot_event_lookup(ph, pinfo->num, &e))
        return;
    if (e.kind == BOOT_EV_NONE)
        return;
    if (have_tap_listener(boot_tap))
        tap_queue_packet(boot_tap, pinfo, ph);
    if (have_tap_listener(flow_tap)) {
        ucdiag_boot_step_t *st = wmem_new(pinfo->pool, ucdiag_boot_step_t);
        st->ph = ph;
        st->e = e;
        st->from_phone = from_phone;
        st->server = server;
        st->first_pass = !PINFO_FD_VISITED(pinfo);
        tap_queue_packet(flow_tap, pinfo, st);
    }
    if (ucdiag_findings_wanted(tree))
        ucdiag_boot_add_event_tree(tvb, pinfo, tree, ph, &e, from_phone, server, sport);
    else if (e.finding)
        ucdiag_boot_add_findings(pinfo, FALSE, NULL, ph, &e, from_phone, server, sport);
}

/* ---- DHCP and LLDP-MED: by MAC ---- */

static gboolean
uc_vendor_class(const dhcp_msg_t *m)
{
    vendor_kind_t k = vendor_kind_of(m->vendor_class, m->vendor_class_len);
    return k == VENDOR_MS_UC_CLIENT || k == VENDOR_CPE_OCPHONE;
}

/* A reply's options 43 and 120 into d, and the voice VLAN that Lync Phone
 * Edition asks for as CPE-OCPhone in sub-option 10 of option 43. */
static void
read_reply_options(const guint8 *frame, const dhcp_msg_t *m, const boot_phone_t *ph, boot_dhcp_t *d)
{
    if (m->opt43.kind != TLV_END) {
        d->opt43 = frame + m->opt43.value_offset;
        d->opt43_len = m->opt43.value_len;
    }
    if (d->opt43 && ph->vendor_kind == VENDOR_CPE_OCPHONE) {
        size_t pos = 0;
        tlv_t sub;
        uint32_t vlan;
        while (tlv_next(d->opt43, d->opt43_len, &pos, &sub))
            if (sub.kind == TLV_COMPLETE && sub.code == CPE_SUB_VLAN_ID) {
                vlan_check_t vc = cpe_vlan_check(d->opt43 + sub.value_offset, sub.value_len, &vlan);
                d->cpe_vlan_known = vc == VLAN_BINARY || vc == VLAN_ASCII;
                d->cpe_vlan = (uint16_t)vlan;
                break;
            }
    }
    if (m->opt120.kind != TLV_END) {
        d->opt120 = frame + m->opt120.value_offset;
        d->opt120_len = m->opt120.value_len;
    }
}

/* Not inlined, nor boot_lldp: the entry below, which every packet calls,
 * would take on their setting up. */
static UCD_NOINLINE void
boot_dhcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const guint8 *frame, const ucdiag_dhcp_seen_t *seen)
{
    const dhcp_msg_t *m = seen->msg;
    const dhcp_view_t *v = &m->view;
    boot_phone_t *ph;
    guint32 id;
    boot_dhcp_t d;
    boot_event_t e;
    boot_env_t env;

    memset(&e, 0, sizeof e);
    if (v->hlen != 6)
        return;
    ph = (boot_phone_t *)rec_table_find_id(&phones_by_mac, v->chaddr, &id);
    if (PINFO_FD_VISITED(pinfo)) {
        if (ph)
            report(tvb, pinfo, tree, ph, e, v->op == DHCP_OP_REQUEST, 0, 0);
        return;
    }
    if (!ph) {
        if (v->op != DHCP_OP_REQUEST || !uc_vendor_class(m))
            return;
        if (!(ph = new_phone(pinfo, BOOT_BY_DHCP, pinfo->num, &id)))
            return;
        index_mac(ph, id, v->chaddr);
    }
    if (v->op == DHCP_OP_REQUEST && m->vendor_class_len && !ph->vendor_known) {
        ph->vendor_kind = (uint8_t)vendor_kind_of(m->vendor_class, m->vendor_class_len);
        ph->vendor_known = true;
    }
    memset(&d, 0, sizeof d);
    d.type = m->type;
    d.ciaddr = v->ciaddr;
    d.yiaddr = v->yiaddr;
    if (seen->in_txn) {
        d.attempt = seen->sighting.attempt;
        d.ref_frame = seen->sighting.kind == DHCP_KIND_ACK ? seen->sighting.peer : 0;
        /* A copy of an INFORM or ACK already seen, captured at another
         * point on its way: it is not a new event. */
        if (seen->sighting.copy_of)
            return;
    }
    if (v->op == DHCP_OP_REPLY)
        read_reply_options(frame, m, ph, &d);
    env = env_now();
    e = boot_observe_dhcp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), &d);
    index_ip(ph, id);
    if (e.kind == BOOT_EV_INFORM_ACK) {
        if (ph->url)
            note_port(ph->url->port);
        index_prov_hosts(ph);
    }
    report(tvb, pinfo, tree, ph, e, v->op == DHCP_OP_REQUEST, 0, 0);
}

static UCD_NOINLINE void
boot_lldp(ucdiag_packet_t *pkt, proto_tree *tree)
{
    tvbuff_t *tvb = pkt->tvb;
    packet_info *pinfo = pkt->pinfo;
    gint caplen = (gint)tvb_captured_length(tvb);
    const guint8 *bytes;
    const guint8 *mac;
    size_t off;
    boot_lldp_t l;
    boot_phone_t *ph;
    guint32 id;
    boot_event_t e;
    boot_env_t env;

    if (pinfo->dl_src.type != AT_ETHER || !ucdiag_packet_has_proto(pkt, proto_lldp))
        return;
    bytes = tvb_get_ptr(tvb, 0, caplen);
    mac = (const guint8 *)pinfo->dl_src.data;
    ph = (boot_phone_t *)rec_table_find(&phones_by_mac, mac);
    if (PINFO_FD_VISITED(pinfo)) {
        memset(&e, 0, sizeof e);
        if (ph)
            report(tvb, pinfo, tree, ph, e, TRUE, 0, 0);
        return;
    }
    if (!boot_lldp_locate(bytes, (size_t)caplen, &off) || !boot_lldp_parse(bytes + off, (size_t)caplen - off, &l))
        return;
    /* A phone's own LLDP-MED says what it is and the voice policy it took. */
    if (!ph) {
        if (l.device_type != BOOT_LLDP_MED_CLASS_III)
            return;
        if (!(ph = new_phone(pinfo, BOOT_BY_LLDP, pinfo->num, &id)))
            return;
        index_mac(ph, id, mac);
    }
    env = env_now();
    e = boot_observe_lldp(ph, &env, pinfo->num, &l);
    report(tvb, pinfo, tree, ph, e, TRUE, 0, 0);
}

/* ---- DNS, NTP and TCP/TLS: by IPv4 address ---- */

/* The candidate slot of a client address. */
static candidate_t *
candidate_of(guint32 client)
{
    return &candidates[(client * 2654435761u) >> 24 & (N_CANDIDATES - 1)];
}

/* A host whose connection to a Certificate Provisioning host's port goes on
 * past its SYN is a phone, even when its DHCP is not in the capture. It
 * takes what the phone that taught us the host was given: URL, addresses
 * and registrar; its timeline starts with the SYN it sent. NULL: not (yet)
 * a phone. *from_phone: whether this packet is the client's. */
static boot_phone_t *
phone_by_connection(packet_info *pinfo, guint32 src, guint32 dst, const guint8 *tcp, gboolean *from_phone)
{
    const boot_phone_t *taught;
    boot_phone_t *ph;
    guint32 id;
    candidate_t *c, cand;
    boot_env_t env;
    guint8 flags = tcp[13];

    if (PINFO_FD_VISITED(pinfo))
        return NULL;
    *from_phone = (taught = (const boot_phone_t *)wmem_map_lookup(prov_hosts, GUINT_TO_POINTER(dst))) != NULL;
    if (*from_phone) {
        if (!taught->url || pinfo->destport != taught->url->port)
            return NULL;
        c = candidate_of(src);
        if (c->src != src || c->dst != dst || c->cport != pinfo->srcport || c->sport != pinfo->destport) {
            if ((flags & (BOOT_TCP_SYN | BOOT_TCP_ACK)) == BOOT_TCP_SYN) {
                c->src = src;
                c->dst = dst;
                c->cport = (guint16)pinfo->srcport;
                c->sport = (guint16)pinfo->destport;
                c->frame = pinfo->num;
                c->t_ns = ucdiag_ns_of(&pinfo->abs_ts);
            }
            return NULL;
        }
    } else {
        taught = (const boot_phone_t *)wmem_map_lookup(prov_hosts, GUINT_TO_POINTER(src));
        c = candidate_of(dst);
        if (!taught || c->src != dst || c->dst != src || c->cport != pinfo->destport || c->sport != pinfo->srcport ||
            !(flags & (BOOT_TCP_SYN | BOOT_TCP_RST)))
            return NULL;
    }
    cand = *c;
    memset(c, 0, sizeof *c);
    if (!(ph = new_phone(pinfo, BOOT_BY_PROV, cand.frame, &id)))
        return NULL;
    ph->ip = cand.src;
    env = env_now();
    boot_phone_set_url(ph, &env, taught->url->url, taught->url->host, taught->url->port, taught->url->complete,
                       taught->url->defect);
    if (taught->net && taught->net->n_prov_addr && boot_phone_net(ph, &env)) {
        memcpy(ph->net->prov_addr, taught->net->prov_addr, sizeof ph->net->prov_addr);
        ph->net->n_prov_addr = taught->net->n_prov_addr;
    }
    if (taught->registrar)
        boot_phone_set_registrar(ph, &env, taught->registrar);
    /* The SYN that made it a candidate is the first step of its timeline. */
    boot_observe_tcp(ph, &env, cand.frame, cand.t_ns, TRUE, cand.dst, cand.cport, cand.sport, BOOT_TCP_SYN, NULL);
    index_ip(ph, id);
    return ph;
}

/* A DNS or NTP packet of the phone into *e (left empty on later passes).
 * FALSE: not one of the bootstrap's, nothing to show. */
static gboolean
observe_udp(packet_info *pinfo, boot_phone_t *ph, const guint8 *payload, size_t avail, gboolean from_phone,
            guint32 server, guint16 sport, boot_event_t *e)
{
    boot_env_t env = env_now();

    if (sport == 53) {
        boot_dns_t d;
        if (!PINFO_FD_VISITED(pinfo)) {
            /* A query must come from the phone, an answer go to it. */
            if (!boot_dns_parse(payload, avail, &d) || d.response == from_phone)
                return FALSE;
            *e = boot_observe_dns(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), &d);
            if (e->kind == BOOT_EV_DNS_ANSWER && ph->net->names[e->name].role == BOOT_ROLE_PROV)
                index_prov_hosts(ph);
        }
        return TRUE;
    }
    if (sport == 123) {
        boot_ntp_t n;
        if (!PINFO_FD_VISITED(pinfo)) {
            if (!boot_ntp_parse(payload, avail, &n))
                return FALSE;
            *e = boot_observe_ntp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), from_phone, server, &n);
        }
        return TRUE;
    }
    return FALSE;
}

/* A TCP or UDP packet on a bootstrap port (the caller's test). */
static void
boot_ip(ucdiag_packet_t *pkt, proto_tree *tree)
{
    packet_info *pinfo = pkt->pinfo;
    guint32 src, dst, server;
    boot_phone_t *ph;
    gboolean from_phone = TRUE;
    const guint8 *bytes, *payload;
    const frame_l4_t *l4;
    boot_event_t e;
    guint16 sport;

    src = addr_v4(&pinfo->net_src);
    dst = addr_v4(&pinfo->net_dst);
    ph = phone_by_ip(src);
    if (!ph) {
        ph = phone_by_ip(dst);
        from_phone = FALSE;
    }
    if (!ph && (pinfo->ptype != PT_TCP || wmem_map_size(prov_hosts) == 0 ||
                !(wmem_map_contains(prov_hosts, GUINT_TO_POINTER(dst)) ||
                  wmem_map_contains(prov_hosts, GUINT_TO_POINTER(src)))))
        return;
    /* A packet quoted inside an ICMP error is a copy of one sent before, not
     * a new event. */
    if (ucdiag_packet_quoted(pkt) || (l4 = ucdiag_packet_l4(pkt)) == NULL)
        return;
    bytes = pkt->bytes;
    if (!ph) {
        ph = phone_by_connection(pinfo, src, dst, bytes + l4->hdr_offset, &from_phone);
        if (!ph)
            return;
    }
    server = from_phone ? dst : src;
    sport = from_phone ? (guint16)pinfo->destport : (guint16)pinfo->srcport;
    payload = bytes + l4->offset;
    memset(&e, 0, sizeof e);
    if (l4->proto == FRAME_PROTO_UDP) {
        if (!observe_udp(pinfo, ph, payload, l4->avail, from_phone, server, sport, &e))
            return;
    } else {
        guint16 cport = from_phone ? (guint16)pinfo->srcport : (guint16)pinfo->destport;
        boot_tls_t tls;
        gboolean is_tls;
        boot_env_t env;

        if (!boot_port_of_interest(ph, sport))
            return;
        if (!PINFO_FD_VISITED(pinfo)) {
            is_tls = l4->avail > 0 && boot_tls_scan(payload, l4->avail, &tls);
            env = env_now();
            e = boot_observe_tcp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), from_phone, server, cport,
                                 sport, bytes[l4->hdr_offset + 13], is_tls ? &tls : NULL);
        }
    }
    report(pkt->tvb, pinfo, tree, ph, e, from_phone, server, sport);
}

/* ---- Entry points ---- */

/* A packet the bootstrap may have something to do with. */
static UCD_NOINLINE void
boot_packet(ucdiag_packet_t *pkt, proto_tree *tree, const ucdiag_dhcp_seen_t *dhcp)
{
    packet_info *pinfo = pkt->pinfo;

    if (dhcp) {
        if (dhcp->msg)
            boot_dhcp(pkt->tvb, pinfo, tree, pkt->bytes, dhcp);
    } else if (pkt->af == 4) {
        /* The port test before any call: it ends almost every packet. */
        if ((pinfo->ptype == PT_TCP || pinfo->ptype == PT_UDP) &&
            (boot_port(pinfo->srcport) || boot_port(pinfo->destport)) &&
            (phones_by_ip.n || wmem_map_size(prov_hosts)))
            boot_ip(pkt, tree);
    } else if (pinfo->net_src.type == AT_NONE && pinfo->dl_src.type == AT_ETHER) {
        boot_lldp(pkt, tree);
    }
    if (ucdiag_boot_phones_cap.full_frame == pinfo->num) {
        ucdiag_limit_note(pkt->tvb, pinfo, tree, &ucdiag_boot_phones_cap, "phones", "ucdiag.boot_max_phones");
        if (have_tap_listener(boot_tap))
            tap_queue_packet(boot_tap, pinfo, &ucdiag_boot_phones_cap);
    }
}

void
ucdiag_boot_dissect(ucdiag_packet_t *pkt, proto_tree *tree, const ucdiag_dhcp_seen_t *dhcp)
{
    const packet_info *pinfo = pkt->pinfo;

    /* Almost every packet: IPv4 on no bootstrap port, and not where the
     * table filled up. Tested here, with nothing to keep across a call, so
     * that it costs a few compares and no saving of registers. */
    if (!dhcp && pkt->af == 4 && !boot_port(pinfo->srcport) && !boot_port(pinfo->destport) &&
        ucdiag_boot_phones_cap.full_frame != pinfo->num)
        return;
    boot_packet(pkt, tree, dhcp);
}

void
ucdiag_boot_events_register(void)
{
    table_setup(&phones_by_mac, mac_hash, mac_equal, sizeof(phone_entry_t));
    table_setup(&phones_by_ip, rec_table_u32_hash, rec_table_u32_equal, sizeof(ip_entry_t));
    prov_hosts = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_init_routine(boot_init);
    ucdiag_evidence_phones_from(phone_at);
    boot_tap = register_tap("ucdiag.boot");
    flow_tap = register_tap(UCDIAG_BOOT_FLOW_TAP);
}

void
ucdiag_boot_handoff(void)
{
    proto_lldp = proto_get_id_by_filter_name("lldp");
}
