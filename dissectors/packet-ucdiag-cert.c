/* packet-ucdiag-cert.c
 * The certificate a UC server shows in a TLS 1.0-1.2 handshake, where it
 * travels in the clear, judged against what the client asked for and the
 * capture's clock: SIP over TLS and MTLS (5061, 5062), a phone's
 * Certificate Provisioning host, Microsoft 365 UC names by SNI, and every
 * TLS connection if the preference says so.
 *
 * The dispatcher calls ucdiag_cert_dissect on every packet that is not
 * DHCP: a packet that is not TCP on a UC port, or to a provisioning host,
 * stops after two comparisons. A connection is followed from its
 * ClientHello; its server's certificate is read once, on the first pass,
 * from the segment or from what Wireshark reassembled, and what was found is
 * kept with the connection so that every pass shows the same. The reading is
 * in dissectors/readers (x509_reader, tls_reader, tls_flight), the
 * judgements in dissectors/logic (cert_logic, cert_scope).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "cert_logic.h"
#include "cert_scope.h"
#include "evidence_logic.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-cert.h"
#include "packet-ucdiag-cert-int.h"
#include "tls_flight.h"
#include "tls_reader.h"
#include "ucdiag_shared.h"
#include "x509_reader.h"

static ucd_pref_bool_t cert_all_tls = FALSE;
static guint cert_max_connections = 20000;
static state_cap_t cert_conns_cap;


static int proto_keeper = -1;
/* A phone's refused chain, left for the bootstrap to quote on this frame:
 * said by the certificate concern after all if the bootstrap did not. */
static const struct cert_conn *pending_chain;
static guint32 pending_chain_frame;

static wmem_map_t *conns;
/* The client ends (address and port) of the connections in conns: most TCP
 * packets on a TLS port belong to none of them (a busy desk's HTTPS), and a
 * bit each spares them two keys and two lookups. */
static uc_addr_filter_t followed_clients;

static guint
conn_hash(gconstpointer k)
{
    return wmem_strong_hash((const guint8 *)k, sizeof(conn_key_t));
}

static gboolean
conn_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(conn_key_t)) == 0;
}

/* The key of the packet's connection, from the sender's side (reverse:
 * from the receiver's). FALSE when the addresses are not IP. */
static gboolean
key_of(packet_info *pinfo, gboolean reverse, conn_key_t *k)
{
    const address *c = reverse ? &pinfo->net_dst : &pinfo->net_src;
    const address *s = reverse ? &pinfo->net_src : &pinfo->net_dst;

    memset(k, 0, sizeof *k);
    if (c->type == AT_IPv4 && s->type == AT_IPv4)
        k->af = 4;
    else if (c->type == AT_IPv6 && s->type == AT_IPv6)
        k->af = 6;
    else
        return FALSE;
    memcpy(k->caddr, c->data, k->af == 4 ? 4 : 16);
    memcpy(k->saddr, s->data, k->af == 4 ? 4 : 16);
    k->cport = (guint16)(reverse ? pinfo->destport : pinfo->srcport);
    k->sport = (guint16)(reverse ? pinfo->srcport : pinfo->destport);
    return TRUE;
}

/* A port whose connections may be UC connections: the SIP and MTLS ports,
 * and HTTPS (provisioning hosts and Microsoft 365 names). */
static gboolean
uc_tls_port(guint32 port)
{
    return port == 443 || port == CERT_PORT_SIP_TLS || port == CERT_PORT_EDGE_MTLS;
}

/* The IPv4 address a packet is sent to, host order; 0 otherwise. */
static guint32
ipv4_of(const address *a)
{
    guint32 v;

    if (a->type != AT_IPv4)
        return 0;
    memcpy(&v, a->data, 4);
    return g_ntohl(v);
}

/* ---- The first pass: what a connection shows ---- */

/* A ClientHello: the connection is followed when it is a UC connection. */
static void
observe_hello(packet_info *pinfo, const guint8 *payload, size_t avail)
{
    boot_tls_t tls;
    conn_key_t k;
    cert_conn_t *c;
    const char *told;
    cert_scope_t scope;

    const cert_conn_t *old;
    guint64 random = 0;
    unsigned i;

    if (!boot_tls_scan(payload, avail, &tls) || !tls.client_hello || !key_of(pinfo, FALSE, &k))
        return;
    /* Record (5) and handshake (4) headers, the version (2), then the random:
     * the same random is this connection's hello again (a retransmission, a
     * second capture point); another is a new connection on the same ports. */
    for (i = 0; i < 8 && 11 + i < avail; i++)
        random = random << 8 | payload[11 + i];
    if ((old = (const cert_conn_t *)wmem_map_lookup(conns, &k)) != NULL && old->hello_random == random)
        return;
    told = ucdiag_boot_told_host(ipv4_of(&pinfo->net_dst));
    scope = cert_scope_of((guint16)pinfo->destport, tls.sni, told != NULL, cert_all_tls);
    if (scope == CERT_SCOPE_NONE || !state_cap_admit(&cert_conns_cap, pinfo->num))
        return;
    c = wmem_new0(wmem_file_scope(), cert_conn_t);
    c->key = k;
    c->scope = (guint8)scope;
    c->hello_frame = pinfo->num;
    c->hello_random = random;
    if (tls.sni[0]) {
        c->host = wmem_strdup(wmem_file_scope(), tls.sni);
        c->host_from = HOST_SNI;
    } else if (told) {
        c->host = wmem_strdup(wmem_file_scope(), told);
        c->host_from = HOST_TOLD;
    }
    c->host_is_ip = c->host && cert_host_is_address(c->host);
    wmem_map_insert(conns, &c->key, c);
    uc_addr_filter_add(&followed_clients, k.af, k.caddr, k.cport);
}

/* The handshake messages of the packet's TLS records, in the segment or in
 * a buffer Wireshark reassembled from several: each source that starts
 * with a handshake record is offered to `take` until it returns TRUE. */
typedef gboolean (*flight_fn)(cert_conn_t *c, packet_info *pinfo, const guint8 *hs, size_t n);

static gboolean
offer(cert_conn_t *c, packet_info *pinfo, const guint8 *p, size_t len, flight_fn take)
{
    guint8 *hs;
    size_t n;
    bool whole;

    if (!tls_flight_starts(p, len))
        return FALSE;
    hs = (guint8 *)wmem_alloc(pinfo->pool, len);
    n = tls_flight_handshakes(p, len, hs, len, &whole);
    return n > 0 && take(c, pinfo, hs, n);
}

static void
read_flights(cert_conn_t *c, ucdiag_packet_t *pkt, const frame_l4_t *l4, flight_fn take)
{
    GSList *src;

    if (offer(c, pkt->pinfo, pkt->bytes + l4->offset, l4->avail, take))
        return;
    /* The first source is the frame itself. */
    for (src = pkt->pinfo->data_src ? pkt->pinfo->data_src->next : NULL; src; src = src->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)src->data);
        guint len = tvb_captured_length(tvb);

        if (len >= 6 && offer(c, pkt->pinfo, tvb_get_ptr(tvb, 0, len), len, take))
            return;
    }
}

/* The certificates in the server's flight: with the ServerHello, or at the
 * start of what was reassembled after it. */
static gboolean
find_certs(const guint8 *hs, size_t n, boot_tls_certs_t *certs, const guint8 **list)
{
    size_t body, msg_len, avail;

    /* A list that goes on past these bytes is read whole where Wireshark
     * reassembled it, a few segments later; never, if the capture cut it. */
    if (boot_tls_server_certs(hs, n, certs) == BOOT_TLS_CERTS_FOUND) {
        *list = hs;
        return certs->n_certs > 0 && !certs->cut;
    }
    if (n < 4 || hs[0] != BOOT_TLS_HS_CERTIFICATE || !tls_flight_find(hs, n, BOOT_TLS_HS_CERTIFICATE, &body,
                                                                      &msg_len, &avail))
        return FALSE;
    *list = hs + body;
    return boot_tls_cert_list(hs + body, avail, msg_len, certs) && certs->n_certs > 0 && !certs->cut;
}

/* The first names of the leaf, for a message: "a, b, c (+N more)". */
static const char *
short_names(const x509_cert_t *leaf)
{
    GString *out = g_string_new(NULL);
    unsigned i, shown = leaf->n_dns < 3 ? leaf->n_dns : 3;
    guint64 more = (guint64)leaf->n_dns - shown + leaf->dns_dropped;
    char *text;

    if (!leaf->san)
        g_string_append(out, *leaf->cn ? leaf->cn : "no name");
    for (i = 0; leaf->san && i < shown; i++)
        g_string_append_printf(out, "%s%s", i ? ", " : "", leaf->dns[i]);
    if (leaf->san && more)
        g_string_append_printf(out, " (+%" G_GUINT64_FORMAT " more)", more);
    text = wmem_strdup(wmem_file_scope(), out->str);
    g_string_free(out, TRUE);
    return text;
}

static gboolean
take_server_flight(cert_conn_t *c, packet_info *pinfo, const guint8 *hs, size_t n)
{
    boot_tls_certs_t certs;
    const guint8 *list, *der;
    x509_cert_t *leaf;
    cert_seen_t *s = &c->seen;
    char names[256];

    if (!find_certs(hs, n, &certs, &list))
        return FALSE;
    s->frame = pinfo->num;
    s->n_certs = certs.n_certs;
    der = list + certs.certs[0].offset;
    leaf = wmem_new(pinfo->pool, x509_cert_t);
    s->status = (guint8)x509_cert_read(der, certs.certs[0].len, leaf);
    if (s->status != X509_OK)
        return TRUE;
    /* A certificate names addresses in iPAddress entries, which are not
     * read: an address asked for is not compared. */
    s->cover = (guint8)(c->host && !c->host_is_ip ? cert_covers(der, leaf, c->host) : CERT_COVERS);
    /* Only server-to-server MTLS identifies a peer by the subject: on 443
     * a wildcard subject with the host in the SAN is ordinary. */
    s->subject = (guint8)(c->host && !c->host_is_ip &&
                          (c->scope == CERT_SCOPE_SIP_TLS || c->scope == CERT_SCOPE_EDGE)
                          ? cert_mtls_subject(der, leaf, c->host) : CERT_SUBJECT_IS_HOST);
    s->time = (guint8)cert_validity(leaf, (gint64)pinfo->abs_ts.secs, &s->by_s);
    s->chain = (guint8)cert_chain_as_sent(list, &certs, leaf);
    c->chain_open = s->chain == CERT_CHAIN_NOT_SENT;
    s->not_before = leaf->not_before;
    s->not_after = leaf->not_after;
    cert_names_text(leaf, names, sizeof names);
    s->names = wmem_strdup(wmem_file_scope(), names);
    s->names_short = short_names(leaf);
    s->cn = wmem_strdup(wmem_file_scope(), leaf->cn);
    s->issuer_cn = wmem_strdup(wmem_file_scope(), leaf->issuer_cn);
    return TRUE;
}

/* The client's own certificate, after the server's: the connection is
 * mutual TLS. An empty list is a client that had none to give. */
static gboolean
take_client_flight(cert_conn_t *c, packet_info *pinfo, const guint8 *hs, size_t n)
{
    size_t body, msg_len, avail;
    boot_tls_certs_t certs;

    if (!tls_flight_find(hs, n, BOOT_TLS_HS_CERTIFICATE, &body, &msg_len, &avail) ||
        !boot_tls_cert_list(hs + body, avail, msg_len, &certs) || certs.n_certs == 0)
        return FALSE;
    c->mtls_frame = pinfo->num;
    return TRUE;
}

/* The client's answer to a chain whose leaf's issuer was not sent: its
 * next handshake record accepts it; a plaintext alert (two bytes) saying it
 * cannot build the chain refuses it. Closing without a word is left alone:
 * clients close for other reasons too (a name, a date, a probe). */
static void
observe_chain_answer(cert_conn_t *c, ucdiag_packet_t *pkt, const frame_l4_t *l4)
{
    const guint8 *p = pkt->bytes + l4->offset;

    if (l4->avail >= 7 && p[0] == BOOT_TLS_CT_ALERT && p[1] == 3 && p[3] == 0 && p[4] == 2) {
        c->chain_open = FALSE;
        if (p[6] == TLS_ALERT_UNKNOWN_CA || p[6] == TLS_ALERT_CERTIFICATE_UNKNOWN) {
            c->chain_frame = pkt->pinfo->num;
            c->chain_alert = p[6];
            c->chain_by_boot = c->key.af == 4 && ucdiag_boot_is_phone(ipv4_of(&pkt->pinfo->net_src));
        }
    } else if (l4->avail >= 6 && tls_flight_starts(p, l4->avail)) {
        c->chain_open = FALSE;
    }
}

/* A phone's refusal is its bootstrap's TLS step: one finding, in the
 * bootstrap's words with the issuer from here. Said here after all when the
 * bootstrap does not take the note (ucdiag_cert_after_boot). */
static void
report_chain(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
{
    packet_info *pinfo = pkt->pinfo;

    if (!c->chain_by_boot) {
        cert_report_chain_finding(pkt, tree, c);
        return;
    }
    ucdiag_note_set(pinfo, UCDIAG_NOTE_TLS_REFUSAL,
                    wmem_strdup_printf(pinfo->pool, "it lacks a CA certificate for issuer %s (none sent)",
                                       *c->seen.issuer_cn ? c->seen.issuer_cn : "without a CN"));
    pending_chain = c;
    pending_chain_frame = pinfo->num;
}

/* The connection this frame reports on, found again on a later pass. */
static void
keep_for_frame(packet_info *pinfo, cert_conn_t *c)
{
    if (!p_get_proto_data(wmem_file_scope(), pinfo, proto_keeper, CERT_FRAME_KEY))
        p_add_proto_data(wmem_file_scope(), pinfo, proto_keeper, CERT_FRAME_KEY, c);
}

/* First pass: a packet of a followed connection. */
static void
observe(ucdiag_packet_t *pkt, const frame_l4_t *l4)
{
    packet_info *pinfo = pkt->pinfo;
    conn_key_t k;
    cert_conn_t *c;
    gboolean from_client = TRUE, may_send, may_receive;

    if (wmem_map_size(conns) == 0 || !key_of(pinfo, FALSE, &k))
        return;
    may_send = uc_addr_filter_may_hold(&followed_clients, k.af, k.caddr, k.cport);
    may_receive = uc_addr_filter_may_hold(&followed_clients, k.af, k.saddr, k.sport);
    if (!may_send || !(c = (cert_conn_t *)wmem_map_lookup(conns, &k))) {
        from_client = FALSE;
        if (!may_receive || !key_of(pinfo, TRUE, &k) || !(c = (cert_conn_t *)wmem_map_lookup(conns, &k)))
            return;
    }
    if (!from_client && !c->seen.frame)
        read_flights(c, pkt, l4, take_server_flight);
    else if (from_client && c->chain_open)
        observe_chain_answer(c, pkt, l4);
    if (from_client && c->seen.frame && !c->mtls_frame && c->seen.frame != pinfo->num)
        read_flights(c, pkt, l4, take_client_flight);
    if (c->seen.frame == pinfo->num || c->mtls_frame == pinfo->num || c->chain_frame == pinfo->num)
        keep_for_frame(pinfo, c);
}

/* A TCP packet: a ClientHello to follow or a packet of a followed
 * connection on the first pass; then, on any pass, what its frame says. */
static void
cert_packet(ucdiag_packet_t *pkt, proto_tree *tree)
{
    packet_info *pinfo = pkt->pinfo;
    const frame_l4_t *l4;
    const guint8 *payload;
    const cert_conn_t *c;

    if (!cert_all_tls && !uc_tls_port(pinfo->destport) && !uc_tls_port(pinfo->srcport) &&
        !ucdiag_boot_told_host(ipv4_of(&pinfo->net_dst)) && !ucdiag_boot_told_host(ipv4_of(&pinfo->net_src)))
        return;
    if (!PINFO_FD_VISITED(pinfo)) {
        if (ucdiag_packet_quoted(pkt) || (l4 = ucdiag_packet_l4(pkt)) == NULL || l4->proto != FRAME_PROTO_TCP)
            return;
        payload = pkt->bytes + l4->offset;
        if (l4->avail >= 6 && tls_flight_starts(payload, l4->avail) && payload[5] == 1) {
            observe_hello(pinfo, payload, l4->avail);
            return;
        }
        observe(pkt, l4);
    }
    c = (const cert_conn_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_keeper, CERT_FRAME_KEY);
    if (!c)
        return;
    if (c->seen.frame == pinfo->num)
        cert_report_server(pkt, tree, c);
    if (c->mtls_frame == pinfo->num)
        cert_report_mtls(pkt, tree, c);
    if (c->chain_frame == pinfo->num)
        report_chain(pkt, tree, c);
}

void
ucdiag_cert_dissect(ucdiag_packet_t *pkt, proto_tree *tree)
{
    if (pkt->pinfo->ptype != PT_TCP)
        return;
    cert_packet(pkt, tree);
    /* After the packet: on the first pass, its ClientHello is the one that
     * may have found the table full. */
    if (cert_conns_cap.full_frame == pkt->pinfo->num)
        ucdiag_limit_note(pkt->tvb, pkt->pinfo, tree, &cert_conns_cap, "TLS connections",
                          "ucdiag.cert_max_connections");
}

void
ucdiag_cert_after_boot(ucdiag_packet_t *pkt, proto_tree *tree)
{
    if (!pending_chain || pending_chain_frame != pkt->pinfo->num)
        return;
    /* The bootstrap quoted the note if it followed this connection's alert. */
    if (ucdiag_note(pkt->pinfo, UCDIAG_NOTE_TLS_REFUSAL))
        cert_report_chain_finding(pkt, tree, pending_chain);
    pending_chain = NULL;
}

static void
cert_init(void)
{
    state_cap_reset(&cert_conns_cap, cert_max_connections);
    uc_addr_filter_clear(&followed_clients);
}

void
ucdiag_cert_register(int proto, module_t *module)
{
    proto_keeper = proto;
    cert_report_register(proto);
    prefs_register_bool_preference(module, "cert_all_tls", "Certificates: judge every TLS connection",
                                   "Judge the server certificate of every TLS 1.0-1.2 connection, not only UC "
                                   "connections (SIP over TLS and MTLS on 5061/5062, a phone's provisioning host, "
                                   "Microsoft 365 UC names)", &cert_all_tls);
    prefs_register_uint_preference(module, "cert_max_connections", "Certificates: most TLS connections followed",
                                   "Connections followed from their ClientHello; later ones are not (0: no "
                                   "limit)", 10, &cert_max_connections);
    conns = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), conn_hash, conn_equal);
    register_init_routine(cert_init);
}
