/* packet-ucdiag-cert-report.c
 * What the certificate concern shows: the server certificate's items, and
 * its findings in words that fit Wireshark's labels. The connections and
 * what they read are in packet-ucdiag-cert.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "cert_logic.h"
#include "cert_scope.h"
#include "packet-ucdiag-cert-int.h"
#include "ucdiag_findings.h"
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

/* The first of two messages that fits a label: a long name or many names
 * must not cut off the advice at the end. */
static const char *
fitting(const char *full, const char *shorter)
{
    return strlen(full) <= CERT_MESSAGE_MAX ? full : shorter;
}

/* A finding with a long and a shorter wording, built only for the tree. */
#define CERT_FINDING(full, pinfo, ci, ei, text, shorter) \
    UCDIAG_FINDING((full), (pinfo), (ci), (ei), "%s", (full) ? fitting((text), (shorter)) : "")

/* What -z ucdiag,findings says a finding is about: the server of the
 * connection, the client that connects and the name it asked for. */
static void
state_subject(packet_info *pinfo, const cert_conn_t *c)
{
    if (!ucdiag_findings_open)
        return;
    ucdiag_subject_begin(pinfo->num, "server");
    ucdiag_subject_ip_bytes("server", c->key.af, c->key.saddr);
    ucdiag_subject_port("port", c->key.sport);
    ucdiag_subject_text("host", c->host);
    ucdiag_subject_ip_bytes("client", c->key.af, c->key.caddr);
}

/* The server's certificate, on the frame where it was read. */
void
cert_report_server(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
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
    state_subject(pinfo, c);
    if (s->status != X509_OK) {
        ucdiag_info(pinfo, full, &ei_ucdiag_cert_unreadable, "server certificate unreadable");
        UCDIAG_FINDING(full, pinfo, ci, &ei_ucdiag_cert_unreadable,
                       "The certificate of %s could not be read (%s): its names and dates are not judged",
                       server_words(pool, c), val_to_str_const(s->status, x509_status_vals, "?"));
        return;
    }
    if (s->cover != CERT_COVERS) {
        const char *names = s->cover == CERT_NO_NAMES ? "no DNS name" : s->names_short;
        ucdiag_info(pinfo, full, &ei_ucdiag_cert_name_mismatch, "certificate does not name %s", c->host);
        CERT_FINDING(full, pinfo, ci, &ei_ucdiag_cert_name_mismatch,
                     wmem_strdup_printf(pool, "The certificate from port %u does not cover %s, the "
                                        "name asked for: it names %s. Clients refuse it: reissue "
                                        "it with that name in its SAN", c->key.sport,
                                        c->host, names),
                     wmem_strdup_printf(pool, "The certificate from port %u does not cover the "
                                        "name asked for (see ucdiag.cert.names). Clients refuse "
                                        "it: reissue it with that name in its SAN",
                                        c->key.sport));
    }
    if (s->time == CERT_TIME_EXPIRED || s->time == CERT_TIME_NOT_YET) {
        gboolean expired = s->time == CERT_TIME_EXPIRED;
        ucdiag_info(pinfo, full, expired ? &ei_ucdiag_cert_expired : &ei_ucdiag_cert_not_yet_valid,
                    expired ? "certificate expired %s before the capture" : "certificate not valid for another %s",
                    time_words(pool, s->by_s));
        UCDIAG_FINDING(full, pinfo, ci, expired ? &ei_ucdiag_cert_expired : &ei_ucdiag_cert_not_yet_valid,
                       "Certificate from port %u %s %s %s the capture (%s %s): clients refuse it. Renew it, "
                       "or fix the clock if its dates are right", c->key.sport,
                       expired ? "expired" : "is valid only", time_words(pool, s->by_s),
                       expired ? "before" : "after", expired ? "notAfter" : "notBefore",
                       utc_words(pool, expired ? s->not_after : s->not_before));
    }
}

/* A chain the client refused, whose leaf's issuer the server did not send. */
void
cert_report_chain_finding(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
{
    packet_info *pinfo = pkt->pinfo;
    gboolean full = ucdiag_findings_wanted(tree);
    proto_item *ci = NULL;
    const char *issuer = *c->seen.issuer_cn ? c->seen.issuer_cn : "no CN";
    const char *alert = c->chain_alert == TLS_ALERT_UNKNOWN_CA ? "unknown_ca" : "certificate_unknown";

    if (full && tree) {
        proto_tree *ct = cert_subtree(pkt, tree, &ci);
        gen_uint(ct, hf_ucdiag_cert_frame, pkt->tvb, c->seen.frame);
        gen_string(ct, hf_ucdiag_cert_issuer, pkt->tvb, c->seen.issuer_cn);
        gen_uint(ct, hf_ucdiag_cert_chain, pkt->tvb, c->seen.chain);
        ucdiag_summary("the client refuses (%s) the chain of %s", alert, server_words(pinfo->pool, c));
    }
    state_subject(pinfo, c);
    ucdiag_info(pinfo, full, &ei_ucdiag_cert_chain_incomplete, "chain refused, issuer %s not sent", issuer);
    CERT_FINDING(full, pinfo, ci, &ei_ucdiag_cert_chain_incomplete,
                 wmem_strdup_printf(pinfo->pool, "Client refuses (%s) the certificate of frame %u, "
                                    "sent without its issuer's (%s): send it if an intermediate "
                                    "(phones fetch none); a root must be in the client's store",
                                    alert, c->seen.frame, issuer),
                 wmem_strdup_printf(pinfo->pool, "Client refuses (%s) the certificate of frame %u, "
                                    "sent without its issuer's: send it if an intermediate "
                                    "(phones fetch none); a root must be in the client's store",
                                    alert, c->seen.frame));
}

/* Mutual TLS whose server certificate names the server only in its SAN:
 * on the frame of the client's certificate, which shows the TLS is mutual. */
void
cert_report_mtls(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c)
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
    state_subject(pinfo, c);
    ucdiag_info(pinfo, full, &ei_ucdiag_cert_mtls_subject, "MTLS subject %s, not %s", c->seen.cn, c->host);
    CERT_FINDING(full, pinfo, ci, &ei_ucdiag_cert_mtls_subject,
                 wmem_strdup_printf(pinfo->pool, "MTLS with %s: its certificate (frame %u) has "
                                    "subject %s, the server only in its SAN; SfB, the Edge and "
                                    "Exchange UM check the subject: reissue with subject %s",
                                    c->host, c->seen.frame, c->seen.cn, c->host),
                 wmem_strdup_printf(pinfo->pool, "MTLS: the server's certificate (frame %u) names "
                                    "it only in its SAN, its subject is another; SfB, the Edge "
                                    "and Exchange UM check the subject: reissue with the server's "
                                    "FQDN as subject", c->seen.frame));
}

void
cert_report_register(int proto)
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
}
