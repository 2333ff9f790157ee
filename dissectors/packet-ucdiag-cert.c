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
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "cert_logic.h"
#include "cert_scope.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-cert.h"
#include "tls_flight.h"
#include "tls_reader.h"
#include "ucdiag_shared.h"
#include "x509_reader.h"

static int hf_ucdiag_cert = -1;
static int hf_ucdiag_cert_scope = -1;
static int hf_ucdiag_cert_host = -1;
static int hf_ucdiag_cert_host_from = -1;
static int hf_ucdiag_cert_subject = -1;
static int hf_ucdiag_cert_names = -1;
static int hf_ucdiag_cert_issuer = -1;
static int hf_ucdiag_cert_not_before = -1;
static int hf_ucdiag_cert_not_after = -1;
static int hf_ucdiag_cert_count = -1;
static int hf_ucdiag_cert_chain = -1;
static int hf_ucdiag_cert_frame = -1;
static int hf_ucdiag_cert_status = -1;
static gint ett_ucdiag_cert = -1;

static expert_field ei_ucdiag_cert_name_mismatch = EI_INIT;
static expert_field ei_ucdiag_cert_mtls_subject = EI_INIT;
static expert_field ei_ucdiag_cert_expired = EI_INIT;
static expert_field ei_ucdiag_cert_not_yet_valid = EI_INIT;
static expert_field ei_ucdiag_cert_chain_incomplete = EI_INIT;
static expert_field ei_ucdiag_cert_unreadable = EI_INIT;

static const value_string cert_scope_vals[] = {
    { CERT_SCOPE_NONE, "Not a UC connection" },
    { CERT_SCOPE_SIP_TLS, "SIP over TLS or server-to-server MTLS (5061)" },
    { CERT_SCOPE_EDGE, "Edge internal MTLS (5062)" },
    { CERT_SCOPE_PROVISIONING, "A phone's Certificate Provisioning host (option 43)" },
    { CERT_SCOPE_M365, "Microsoft 365 UC name (SNI)" },
    { CERT_SCOPE_ALL, "Any TLS connection (preference)" },
    { 0, NULL }
};

typedef enum {
    HOST_NONE = 0,
    HOST_SNI,
    HOST_TOLD
} host_from_t;

static const value_string host_from_vals[] = {
    { HOST_NONE, "No name to compare: no SNI" },
    { HOST_SNI, "The client's SNI" },
    { HOST_TOLD, "The provisioning host the phone was told (option 43)" },
    { 0, NULL }
};

static const value_string cert_chain_vals[] = {
    { CERT_CHAIN_LINKS, "Links: the leaf's issuer was sent" },
    { CERT_CHAIN_SELF_ISSUED, "Self-issued leaf" },
    { CERT_CHAIN_NOT_SENT, "Does not link: the leaf's issuer was not sent" },
    { CERT_CHAIN_UNKNOWN, "Unknown: not every certificate could be read" },
    { 0, NULL }
};

static const value_string x509_status_vals[] = {
    { X509_OK, "Read" },
    { X509_TRUNCATED, "Cut short" },
    { X509_MALFORMED, "Malformed" },
    { X509_NOT_CERT, "Not a certificate" },
    { 0, NULL }
};

/* The preferences. */
static gboolean cert_all_tls = FALSE;
static guint cert_max_connections = 20000;
static state_cap_t cert_conns_cap;

/* A connection, client to server, as the addresses the dissectors report. */
typedef struct {
    guint8 af;
    guint8 pad;
    guint16 cport, sport;
    guint8 caddr[16], saddr[16];
} conn_key_t;

/* What the server's certificate showed, read once on the first pass. */
typedef struct {
    guint32 frame;          /* the server's Certificate message was read here */
    guint8 status;          /* x509_status_t of the leaf */
    guint8 cover;           /* cert_cover_t */
    guint8 subject;         /* cert_subject_t */
    guint8 time;            /* cert_time_t */
    guint8 chain;           /* cert_chain_t */
    guint8 n_certs;
    gint64 not_before, not_after, by_s;
    const char *cn, *names, *issuer_cn;
} cert_seen_t;

typedef struct {
    conn_key_t key;
    guint8 scope;           /* cert_scope_t */
    guint8 host_from;       /* host_from_t */
    const char *host;       /* the name the certificate must cover, or NULL */
    guint32 hello_frame;
    guint32 mtls_frame;     /* the client's own certificate: MTLS */
    /* A chain whose leaf's issuer was not sent is fine for a client that
     * has that issuer (a root need not be sent): only the client's refusal
     * makes it a finding, on the frame that refuses. */
    gboolean chain_open;    /* issuer not sent, the client's answer not seen yet */
    guint32 chain_frame;    /* the client refused it here */
    guint16 chain_alert;    /* its alert description, or CHAIN_CLOSED */
    gboolean chain_by_boot; /* the client is a phone: its bootstrap timeline says it */
    cert_seen_t seen;
} cert_conn_t;

#define CHAIN_CLOSED 0xffff
/* TLS alerts (RFC 5246 7.2.2) a client sends for a chain it cannot build. */
#define TLS_ALERT_CERTIFICATE_UNKNOWN 46
#define TLS_ALERT_UNKNOWN_CA 48
#define TCP_FLAGS_FIN_RST 0x05

static wmem_map_t *conns;

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
    const address *c = reverse ? &pinfo->dst : &pinfo->src, *s = reverse ? &pinfo->src : &pinfo->dst;

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

    if (!boot_tls_scan(payload, avail, &tls) || !tls.client_hello || !key_of(pinfo, FALSE, &k) ||
        wmem_map_contains(conns, &k))
        return;
    told = ucdiag_boot_told_host(ipv4_of(&pinfo->dst));
    scope = cert_scope_of((guint16)pinfo->destport, tls.sni, told != NULL, cert_all_tls);
    if (scope == CERT_SCOPE_NONE || !state_cap_admit(&cert_conns_cap, pinfo->num))
        return;
    c = wmem_new0(wmem_file_scope(), cert_conn_t);
    c->key = k;
    c->scope = (guint8)scope;
    c->hello_frame = pinfo->num;
    if (tls.sni[0]) {
        c->host = wmem_strdup(wmem_file_scope(), tls.sni);
        c->host_from = HOST_SNI;
    } else if (told) {
        c->host = wmem_strdup(wmem_file_scope(), told);
        c->host_from = HOST_TOLD;
    }
    wmem_map_insert(conns, &c->key, c);
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
    if (!boot_tls_cert_list(hs + body, avail, msg_len, certs) || certs->n_certs == 0 || certs->cut)
        return FALSE;
    certs->cert_request = tls_flight_find(hs, n, TLS_HS_CERTIFICATE_REQUEST, &body, &msg_len, &avail);
    return TRUE;
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
    s->cover = (guint8)(c->host ? cert_covers(der, leaf, c->host) : CERT_COVERS);
    /* Only server-to-server MTLS identifies a peer by the subject: on 443
     * a wildcard subject with the host in the SAN is ordinary. */
    s->subject = (guint8)(c->host && (c->scope == CERT_SCOPE_SIP_TLS || c->scope == CERT_SCOPE_EDGE)
                          ? cert_mtls_subject(der, leaf, c->host) : CERT_SUBJECT_IS_HOST);
    if (certs.cert_request)
        c->mtls_frame = pinfo->num;
    s->time = (guint8)cert_validity(leaf, (gint64)pinfo->abs_ts.secs, &s->by_s);
    s->chain = (guint8)cert_chain_as_sent(list, &certs, leaf);
    c->chain_open = s->chain == CERT_CHAIN_NOT_SENT;
    s->not_before = leaf->not_before;
    s->not_after = leaf->not_after;
    cert_names_text(leaf, names, sizeof names);
    s->names = wmem_strdup(wmem_file_scope(), names);
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
 * next handshake record accepts it; an alert that says it cannot build the
 * chain, or closing the connection instead, refuses it. */
static void
observe_chain_answer(cert_conn_t *c, ucdiag_packet_t *pkt, const frame_l4_t *l4)
{
    const guint8 *p = pkt->bytes + l4->offset;
    guint8 flags = pkt->bytes[l4->hdr_offset + 13];

    if (l4->avail >= 7 && p[0] == BOOT_TLS_CT_ALERT && p[1] == 3) {
        c->chain_open = FALSE;
        if (p[6] == TLS_ALERT_UNKNOWN_CA || p[6] == TLS_ALERT_CERTIFICATE_UNKNOWN) {
            c->chain_frame = pkt->pinfo->num;
            c->chain_alert = p[6];
            c->chain_by_boot = c->key.af == 4 && ucdiag_boot_is_phone(ipv4_of(&pkt->pinfo->src));
        }
    } else if (l4->avail >= 6 && tls_flight_starts(p, l4->avail)) {
        c->chain_open = FALSE;
    } else if (flags & TCP_FLAGS_FIN_RST) {
        c->chain_open = FALSE;
        c->chain_frame = pkt->pinfo->num;
        c->chain_alert = CHAIN_CLOSED;
    }
}

/* ---- What every pass shows ---- */

static char *
time_words(wmem_allocator_t *pool, gint64 s)
{
    char text[64];

    cert_duration_text(s < 0 ? -s : s, text, sizeof text);
    return wmem_strdup(pool, text);
}

/* A date as "2026-11-04 00:00 UTC"; the messages must fit Wireshark's
 * 240 characters. */
static char *
utc_words(wmem_allocator_t *pool, gint64 s)
{
    GDateTime *dt = g_date_time_new_from_unix_utc(s);
    char *text, *out;

    if (!dt)
        return wmem_strdup(pool, "out of range");
    text = g_date_time_format(dt, "%Y-%m-%d %H:%M UTC");
    out = wmem_strdup(pool, text ? text : "?");
    g_free(text);
    g_date_time_unref(dt);
    return out;
}

/* The server as "sip.contoso.com:5061", or its port where no name was
 * asked for. */
static const char *
server_words(wmem_allocator_t *pool, const cert_conn_t *c)
{
    return c->host ? wmem_strdup_printf(pool, "%s:%u", c->host, c->key.sport)
                   : wmem_strdup_printf(pool, "port %u", c->key.sport);
}

/* The certificate item under ucdiag's, and generated items under it. */
static proto_tree *
cert_subtree(ucdiag_packet_t *pkt, proto_tree *tree, proto_item **ci)
{
    *ci = proto_tree_add_item(ucdiag_add_tree(pkt->tvb, tree), hf_ucdiag_cert, pkt->tvb, 0, 0, ENC_NA);
    proto_item_set_generated(*ci);
    return proto_item_add_subtree(*ci, ett_ucdiag_cert);
}

static void
gen_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
    proto_item_set_generated(proto_tree_add_uint(t, hf, tvb, 0, 0, v));
}

static void
gen_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *v)
{
    proto_item_set_generated(proto_tree_add_string(t, hf, tvb, 0, 0, v));
}

static void
add_cert_items(proto_tree *ct, tvbuff_t *tvb, const cert_conn_t *c)
{
    const cert_seen_t *s = &c->seen;
    nstime_t t;

    gen_uint(ct, hf_ucdiag_cert_scope, tvb, c->scope);
    if (c->host)
        gen_string(ct, hf_ucdiag_cert_host, tvb, c->host);
    gen_uint(ct, hf_ucdiag_cert_host_from, tvb, c->host_from);
    gen_uint(ct, hf_ucdiag_cert_status, tvb, s->status);
    if (s->status != X509_OK)
        return;
    gen_string(ct, hf_ucdiag_cert_subject, tvb, s->cn);
    gen_string(ct, hf_ucdiag_cert_names, tvb, s->names);
    gen_string(ct, hf_ucdiag_cert_issuer, tvb, s->issuer_cn);
    t.nsecs = 0;
    t.secs = (time_t)s->not_before;
    proto_item_set_generated(proto_tree_add_time(ct, hf_ucdiag_cert_not_before, tvb, 0, 0, &t));
    t.secs = (time_t)s->not_after;
    proto_item_set_generated(proto_tree_add_time(ct, hf_ucdiag_cert_not_after, tvb, 0, 0, &t));
    gen_uint(ct, hf_ucdiag_cert_count, tvb, s->n_certs);
    gen_uint(ct, hf_ucdiag_cert_chain, tvb, s->chain);
}

/* The server's certificate, on the frame where it was read. */
static void
report_server_cert(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
{
    packet_info *pinfo = pkt->pinfo;
    wmem_allocator_t *pool = pinfo->pool;
    const cert_seen_t *s = &c->seen;
    gboolean full = ucdiag_findings_wanted(tree);
    proto_item *ci = NULL;

    if (full && tree) {
        add_cert_items(cert_subtree(pkt, tree, &ci), pkt->tvb, c);
        ucdiag_summary("server certificate of %s", server_words(pool, c));
    }
    if (s->status != X509_OK) {
        ucdiag_info(pinfo, full, "server certificate unreadable");
        UCDIAG_FINDING(full, pinfo, ci, &ei_ucdiag_cert_unreadable,
                       "The certificate of %s could not be read (%s): its names and dates are not judged",
                       server_words(pool, c), val_to_str_const(s->status, x509_status_vals, "?"));
        return;
    }
    if (s->cover != CERT_COVERS) {
        ucdiag_info(pinfo, full, "certificate does not name %s", c->host);
        UCDIAG_FINDING(full, pinfo, ci, &ei_ucdiag_cert_name_mismatch,
                       "The certificate from port %u names %s, not %s, which the client asked for: clients "
                       "refuse it. Reissue it with %s in its SAN", c->key.sport,
                       s->cover == CERT_NO_NAMES ? "no DNS name" : s->names, c->host, c->host);
    }
    if (s->time == CERT_TIME_EXPIRED || s->time == CERT_TIME_NOT_YET) {
        gboolean expired = s->time == CERT_TIME_EXPIRED;
        ucdiag_info(pinfo, full, expired ? "certificate expired %s before the capture"
                                         : "certificate not valid for another %s", time_words(pool, s->by_s));
        UCDIAG_FINDING(full, pinfo, ci, expired ? &ei_ucdiag_cert_expired : &ei_ucdiag_cert_not_yet_valid,
                       "The certificate of %s %s %s %s the capture (%s %s): clients refuse it. Renew it, or, "
                       "if its dates are right, fix the clock of whoever sees this", server_words(pool, c),
                       expired ? "expired" : "is valid only", time_words(pool, s->by_s),
                       expired ? "before" : "after", expired ? "notAfter" : "notBefore",
                       utc_words(pool, expired ? s->not_after : s->not_before));
    }
}

/* A chain the client refused, whose leaf's issuer the server did not send. */
static void
report_chain(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
{
    packet_info *pinfo = pkt->pinfo;
    gboolean full = ucdiag_findings_wanted(tree);
    proto_item *ci = NULL;
    const char *issuer = *c->seen.issuer_cn ? c->seen.issuer_cn : "an issuer without a CN";
    const char *how = c->chain_alert == CHAIN_CLOSED ? "closed the connection"
                      : c->chain_alert == TLS_ALERT_UNKNOWN_CA ? "refused it (unknown_ca)"
                      : "refused it (certificate_unknown)";

    /* A phone's alert is its bootstrap's TLS step: one finding, in its words. */
    if (c->chain_by_boot) {
        ucdiag_note_set(pinfo, UCDIAG_NOTE_TLS_REFUSAL,
                        wmem_strdup_printf(pinfo->pool, "it lacks a CA certificate for issuer %s (none sent)",
                                           issuer));
        return;
    }

    if (full && tree) {
        proto_tree *ct = cert_subtree(pkt, tree, &ci);
        gen_uint(ct, hf_ucdiag_cert_frame, pkt->tvb, c->seen.frame);
        gen_string(ct, hf_ucdiag_cert_issuer, pkt->tvb, c->seen.issuer_cn);
        gen_uint(ct, hf_ucdiag_cert_chain, pkt->tvb, c->seen.chain);
        ucdiag_summary("the client %s the chain of %s", how, server_words(pinfo->pool, c));
    }
    ucdiag_info(pinfo, full, "chain refused, issuer %s not sent", issuer);
    UCDIAG_FINDING(full, pinfo, ci, &ei_ucdiag_cert_chain_incomplete,
                   "The client %s: %s sent its certificate (frame %u) without its issuer's (%s). An "
                   "intermediate must be sent (phones do not fetch one); a root must be in the client's store",
                   how, server_words(pinfo->pool, c), c->seen.frame, issuer);
}

/* Mutual TLS whose server certificate names the server only in its SAN:
 * on the frame of the client's certificate, which shows the TLS is mutual. */
static void
report_mtls(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
{
    packet_info *pinfo = pkt->pinfo;
    gboolean full = ucdiag_findings_wanted(tree);
    proto_item *ci = NULL;

    if (c->seen.status != X509_OK || c->seen.subject != CERT_SUBJECT_SAN_ONLY)
        return;
    if (full && tree) {
        proto_tree *ct = cert_subtree(pkt, tree, &ci);
        gen_uint(ct, hf_ucdiag_cert_frame, pkt->tvb, c->seen.frame);
        gen_string(ct, hf_ucdiag_cert_subject, pkt->tvb, c->seen.cn);
        gen_string(ct, hf_ucdiag_cert_host, pkt->tvb, c->host);
        ucdiag_summary("mutual TLS with %s, whose certificate's subject is %s", c->host, c->seen.cn);
    }
    ucdiag_info(pinfo, full, "MTLS subject %s, not %s", c->seen.cn, c->host);
    UCDIAG_FINDING(full, pinfo, ci, &ei_ucdiag_cert_mtls_subject,
                   "MTLS with %s: its certificate (frame %u) has subject %s and %s only in the SAN; SfB "
                   "servers, the Edge and Exchange UM check an MTLS peer's subject: reissue with subject %s",
                   server_words(pinfo->pool, c), c->seen.frame, c->seen.cn, c->host, c->host);
}

/* A TCP packet: a ClientHello to follow on the first pass, or a packet of
 * a followed connection. */
static void
cert_packet(ucdiag_packet_t *pkt, proto_tree *tree)
{
    packet_info *pinfo = pkt->pinfo;
    const frame_l4_t *l4;
    const guint8 *payload;
    conn_key_t k;
    cert_conn_t *c;
    gboolean from_client;

    if (!cert_all_tls && !uc_tls_port(pinfo->destport) && !uc_tls_port(pinfo->srcport) &&
        !ucdiag_boot_told_host(ipv4_of(&pinfo->dst)) && !ucdiag_boot_told_host(ipv4_of(&pinfo->src)))
        return;
    if (ucdiag_packet_quoted(pkt) || (l4 = ucdiag_packet_l4(pkt)) == NULL || l4->proto != FRAME_PROTO_TCP)
        return;
    payload = pkt->bytes + l4->offset;
    if (!PINFO_FD_VISITED(pinfo) && l4->avail >= 6 && tls_flight_starts(payload, l4->avail) && payload[5] == 1) {
        observe_hello(pinfo, payload, l4->avail);
        return;
    }
    if (wmem_map_size(conns) == 0)
        return;
    from_client = TRUE;
    if (!key_of(pinfo, FALSE, &k) || !(c = (cert_conn_t *)wmem_map_lookup(conns, &k))) {
        from_client = FALSE;
        if (!key_of(pinfo, TRUE, &k) || !(c = (cert_conn_t *)wmem_map_lookup(conns, &k)))
            return;
    }
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!from_client && !c->seen.frame)
            read_flights(c, pkt, l4, take_server_flight);
        else if (from_client && c->chain_open)
            observe_chain_answer(c, pkt, l4);
        if (from_client && c->seen.frame && !c->mtls_frame && c->seen.frame != pinfo->num)
            read_flights(c, pkt, l4, take_client_flight);
    }
    if (c->seen.frame == pinfo->num)
        report_server_cert(pkt, tree, c);
    if (c->mtls_frame == pinfo->num)
        report_mtls(pkt, tree, c);
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

static void
cert_init(void)
{
    state_cap_reset(&cert_conns_cap, cert_max_connections);
}

void
ucdiag_cert_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_cert,
          { "Server certificate", "ucdiag.cert", FT_NONE, BASE_NONE, NULL, 0x0,
            "A UC server's TLS certificate, judged against the name asked for and the capture's clock", HFILL } },
        { &hf_ucdiag_cert_scope,
          { "Judged because", "ucdiag.cert.scope", FT_UINT8, BASE_DEC, VALS(cert_scope_vals), 0x0,
            "Why this connection is a UC connection whose certificate is judged", HFILL } },
        { &hf_ucdiag_cert_host,
          { "Name asked for", "ucdiag.cert.host", FT_STRING, BASE_NONE, NULL, 0x0,
            "The name the certificate must cover", HFILL } },
        { &hf_ucdiag_cert_host_from,
          { "Name from", "ucdiag.cert.host_from", FT_UINT8, BASE_DEC, VALS(host_from_vals), 0x0,
            "Where the name the certificate must cover comes from", HFILL } },
        { &hf_ucdiag_cert_subject,
          { "Subject CN", "ucdiag.cert.subject", FT_STRING, BASE_NONE, NULL, 0x0,
            "The leaf certificate's subject common name", HFILL } },
        { &hf_ucdiag_cert_names,
          { "Names", "ucdiag.cert.names", FT_STRING, BASE_NONE, NULL, 0x0,
            "The names the leaf certificate covers: its SAN DNS names, else its CN", HFILL } },
        { &hf_ucdiag_cert_issuer,
          { "Issuer CN", "ucdiag.cert.issuer", FT_STRING, BASE_NONE, NULL, 0x0,
            "The common name of the CA that issued the leaf", HFILL } },
        { &hf_ucdiag_cert_not_before,
          { "Not before", "ucdiag.cert.not_before", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0x0, NULL, HFILL } },
        { &hf_ucdiag_cert_not_after,
          { "Not after", "ucdiag.cert.not_after", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0x0, NULL, HFILL } },
        { &hf_ucdiag_cert_count,
          { "Certificates sent", "ucdiag.cert.count", FT_UINT8, BASE_DEC, NULL, 0x0,
            "How many certificates the server sent, the leaf first", HFILL } },
        { &hf_ucdiag_cert_chain,
          { "Chain as sent", "ucdiag.cert.chain", FT_UINT8, BASE_DEC, VALS(cert_chain_vals), 0x0,
            "Whether the certificates sent link the leaf to its issuer", HFILL } },
        { &hf_ucdiag_cert_frame,
          { "Server certificate in frame", "ucdiag.cert.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_ucdiag_cert_status,
          { "Leaf certificate", "ucdiag.cert.status", FT_UINT8, BASE_DEC, VALS(x509_status_vals), 0x0,
            "Whether the leaf certificate could be read", HFILL } },
    };
    static gint *ett[] = { &ett_ucdiag_cert };
    static ei_register_info ei[] = {
        { &ei_ucdiag_cert_name_mismatch,
          { "ucdiag.cert.name_mismatch", PI_SECURITY, PI_WARN,
            "Server certificate does not cover the name the client asked for", EXPFILL } },
        { &ei_ucdiag_cert_mtls_subject,
          { "ucdiag.cert.mtls_subject", PI_SECURITY, PI_WARN,
            "Server-to-server MTLS: the certificate's subject is not the server (only its SAN is)", EXPFILL } },
        { &ei_ucdiag_cert_expired,
          { "ucdiag.cert.expired", PI_SECURITY, PI_WARN, "Server certificate expired at the capture's time",
            EXPFILL } },
        { &ei_ucdiag_cert_not_yet_valid,
          { "ucdiag.cert.not_yet_valid", PI_SECURITY, PI_WARN,
            "Server certificate not yet valid at the capture's time", EXPFILL } },
        { &ei_ucdiag_cert_chain_incomplete,
          { "ucdiag.cert.chain_incomplete", PI_SECURITY, PI_WARN,
            "Client refused a certificate whose issuer the server did not send", EXPFILL } },
        { &ei_ucdiag_cert_unreadable,
          { "ucdiag.cert.unreadable", PI_MALFORMED, PI_NOTE, "Server certificate could not be read", EXPFILL } },
    };
    expert_module_t *expert = expert_register_protocol(proto);

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert, ei, array_length(ei));
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
