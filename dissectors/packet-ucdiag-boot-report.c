/* packet-ucdiag-boot-report.c
 * What the phone bootstrap concern shows of an event: the "Phone bootstrap"
 * tree item and its fields, the expert info of each finding with what to
 * check next, and the short words for the Info column.
 *
 * The events come from packet-ucdiag-boot.c; this file keeps no state
 * and calls nothing else of the concern (see packet-ucdiag-boot-int.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <wsutil/wmem/wmem.h>

#include "boot_logic.h"
#include "packet-ucdiag-boot-int.h"
#include "ucdiag_shared.h"

/* The concern's field, subtree and expert ids and its preference live here,
 * in the file that fills them in; packet-ucdiag-boot-register.c registers them. */
int hf_ucdiag_boot = -1;
int hf_ucdiag_boot_phone = -1;
int hf_ucdiag_boot_phone_mac = -1;
int hf_ucdiag_boot_step = -1;
int hf_ucdiag_boot_event = -1;
int hf_ucdiag_boot_state = -1;
int hf_ucdiag_boot_name = -1;
int hf_ucdiag_boot_url = -1;
int hf_ucdiag_boot_registrar = -1;
int hf_ucdiag_boot_vlan = -1;
int hf_ucdiag_boot_vlan_priority = -1;
int hf_ucdiag_boot_vlan_dscp = -1;
int hf_ucdiag_boot_dns_rcode = -1;
int hf_ucdiag_boot_clock_offset = -1;
int hf_ucdiag_boot_tls_alert = -1;
int hf_ucdiag_boot_tls_version = -1;
int hf_ucdiag_boot_server = -1;
int hf_ucdiag_boot_request_frame = -1;

gint ett_ucdiag_boot = -1;

expert_field ei_ucdiag_boot_dns_failed = EI_INIT;
expert_field ei_ucdiag_boot_no_connection = EI_INIT;
expert_field ei_ucdiag_boot_tls_failed = EI_INIT;
expert_field ei_ucdiag_boot_ntp_unanswered = EI_INIT;
expert_field ei_ucdiag_boot_clock_skew = EI_INIT;
expert_field ei_ucdiag_boot_url_mismatch = EI_INIT;
expert_field ei_ucdiag_boot_url_broken = EI_INIT;

/* Certificates and Kerberos tolerate five minutes of clock difference. */
guint ucdiag_boot_max_clock_offset_s = 300;

const value_string ucdiag_boot_step_short_vals[] = {
    { BOOT_STEP_VLAN,   "VLAN" },
    { BOOT_STEP_LEASE,  "lease" },
    { BOOT_STEP_INFORM, "INFORM" },
    { BOOT_STEP_DNS,    "DNS" },
    { BOOT_STEP_NTP,    "NTP" },
    { BOOT_STEP_PROV,   "provisioning" },
    { BOOT_STEP_SIP,    "SIP/TLS" },
    { 0, NULL }
};

const value_string ucdiag_boot_event_vals[] = {
    { BOOT_EV_LLDP,          "LLDP-MED" },
    { BOOT_EV_DISCOVER,      "DHCPDISCOVER" },
    { BOOT_EV_OFFER,         "DHCPOFFER" },
    { BOOT_EV_REQUEST,       "DHCPREQUEST" },
    { BOOT_EV_LEASE_ACK,     "DHCPACK with a lease" },
    { BOOT_EV_LEASE_NAK,     "DHCPNAK" },
    { BOOT_EV_INFORM,        "DHCPINFORM" },
    { BOOT_EV_INFORM_ACK,    "DHCPACK to the INFORM" },
    { BOOT_EV_DNS_QUERY,     "DNS query" },
    { BOOT_EV_DNS_ANSWER,    "DNS answer" },
    { BOOT_EV_DNS_ERROR,     "DNS error" },
    { BOOT_EV_NTP_REQUEST,   "NTP request" },
    { BOOT_EV_NTP_ANSWER,    "NTP answer" },
    { BOOT_EV_SYN,           "TCP SYN" },
    { BOOT_EV_SYN_RETRY,     "TCP SYN retransmitted" },
    { BOOT_EV_SYN_ACK,       "TCP SYN/ACK" },
    { BOOT_EV_RESET,         "TCP reset" },
    { BOOT_EV_CLIENT_HELLO,  "TLS ClientHello" },
    { BOOT_EV_SERVER_HELLO,  "TLS ServerHello" },
    { BOOT_EV_TLS_ALERT,     "TLS alert" },
    { BOOT_EV_TLS_DONE,      "TLS handshake finished" },
    { BOOT_EV_CLOSED,        "Closed during the TLS handshake" },
    { 0, NULL }
};

const value_string ucdiag_boot_rcode_vals[] = {
    { 1, "FormErr" },
    { 2, "ServFail" },
    { 3, "NXDomain" },
    { 4, "NotImp" },
    { 5, "Refused" },
    { 0, NULL }
};

/* TLS alert descriptions (RFC 8446 6, RFC 5246 7.2). */
const value_string ucdiag_boot_tls_alert_vals[] = {
    { 0,   "close_notify" },
    { 10,  "unexpected_message" },
    { 20,  "bad_record_mac" },
    { 21,  "decryption_failed" },
    { 22,  "record_overflow" },
    { 30,  "decompression_failure" },
    { 40,  "handshake_failure" },
    { 41,  "no_certificate" },
    { 42,  "bad_certificate" },
    { 43,  "unsupported_certificate" },
    { 44,  "certificate_revoked" },
    { 45,  "certificate_expired" },
    { 46,  "certificate_unknown" },
    { 47,  "illegal_parameter" },
    { 48,  "unknown_ca" },
    { 49,  "access_denied" },
    { 50,  "decode_error" },
    { 51,  "decrypt_error" },
    { 70,  "protocol_version" },
    { 71,  "insufficient_security" },
    { 80,  "internal_error" },
    { 86,  "inappropriate_fallback" },
    { 90,  "user_canceled" },
    { 100, "no_renegotiation" },
    { 109, "missing_extension" },
    { 110, "unsupported_extension" },
    { 112, "unrecognized_name" },
    { 113, "bad_certificate_status_response" },
    { 116, "certificate_required" },
    { 120, "no_application_protocol" },
    { 0, NULL }
};

/* A finding in a few words: the table's Findings column, the Flow Graph's
 * comments. */
const value_string ucdiag_boot_finding_vals[] = {
    { BOOT_F_DNS_FAILED,     "DNS failed" },
    { BOOT_F_NO_CONNECTION,  "no connection" },
    { BOOT_F_TLS_FAILED,     "TLS failed" },
    { BOOT_F_NTP_UNANSWERED, "NTP unanswered" },
    { BOOT_F_CLOCK_SKEW,     "clock skew" },
    { BOOT_F_URL_MISMATCH,   "URL mismatch" },
    { BOOT_F_URL_BROKEN,     "URL broken" },
    { 0, NULL }
};

const value_string ucdiag_boot_identified_vals[] = {
    { BOOT_BY_DHCP, "UC vendor class in DHCP" },
    { BOOT_BY_LLDP, "LLDP-MED communication device" },
    { BOOT_BY_PROV, "connects to a Certificate Provisioning host" },
    { 0, NULL }
};

/* "phone 10.78.1.10", or its MAC while it has no address. */
static const char *
phone_str(wmem_allocator_t *pool, const boot_phone_t *ph)
{
    if (ph->ip)
        return wmem_strdup_printf(pool, "phone %s", ucdiag_ip_str(pool, ph->ip));
    if (ph->has_mac)
        return wmem_strdup_printf(pool, "phone %s", ucdiag_mac_str(pool, ph->mac, 6));
    return "phone";
}

/* What the phone wanted from the other end: "the provisioning host
 * pool.contoso.com" or "the registrar sip.contoso.com". */
static const char *
target_str(wmem_allocator_t *pool, const boot_phone_t *ph, uint8_t step)
{
    if (step == BOOT_STEP_SIP)
        return ph->registrar ? wmem_strdup_printf(pool, "the registrar %s", ph->registrar) : "the registrar";
    return ph->url ? wmem_strdup_printf(pool, "the provisioning host %s", ph->url->host) :
                         "the provisioning host";
}

/* value is the alert's level and description as one 16-bit number, or 0xffff
 * for an alert TLS 1.3 encrypted. */
static const char *
alert_str(wmem_allocator_t *pool, int64_t value)
{
    if (value == 0xffff)
        return "an encrypted alert (TLS 1.3: its length gives it away)";
    return wmem_strdup_printf(pool, "%s alert %s", (value >> 8) == 2 ? "fatal" : "warning",
                              val_to_str_const((guint32)(value & 0xff), ucdiag_boot_tls_alert_vals, "unknown"));
}

/* What an engineer should check next, given the alert. */
static const char *
alert_next(int64_t value, gboolean from_phone)
{
    switch (value & 0xff) {
    case 48: /* unknown_ca */
    case 42: /* bad_certificate */
    case 46: /* certificate_unknown */
    case 43: /* unsupported_certificate */
        return from_phone ? "it does not trust the server's chain. Check the root CA the phone has and the "
                            "chain the server sends" :
                            "the server rejects a certificate. Check the server's chain";
    case 45: /* certificate_expired */
    case 44: /* certificate_revoked */
        return "check the certificate's dates and the phone's clock (NTP)";
    case 40: /* handshake_failure */
    case 70: /* protocol_version */
    case 71: /* insufficient_security */
        return "no TLS version or cipher in common. Check the phone's firmware and the server's TLS settings";
    case 112: /* unrecognized_name */
        return "the server does not know the name asked for. Check the certificate's names and the URL";
    default:
        return value == 0xffff ? "most often the chain. Check the root CA the phone has" :
                                 "check the server's TLS settings and certificate";
    }
}

/* ---- Findings: one function per kind ---- */

/* What every finding needs: the packet and the event, and who it is about. */
typedef struct {
    packet_info *pinfo;
    gboolean full;          /* someone reads the packet: write the long texts */
    proto_item *ti;         /* the item the expert info goes on */
    const boot_phone_t *ph;
    const boot_event_t *e;
    const char *who;        /* "phone 10.78.1.10"; NULL unless full */
    gboolean from_phone;
    guint32 server;
    guint16 sport;          /* the server's port */
} finding_t;

static void
dns_failed(const finding_t *f)
{
    wmem_allocator_t *p = f->pinfo->pool;
    const boot_event_t *e = f->e;
    const boot_name_t *n;
    const char *what;

    /* The finding quotes the name looked up, so it needs one. */
    if (e->name == BOOT_NO_NAME)
        return;
    n = &f->ph->net->names[e->name];
    what = n->role == BOOT_ROLE_PROV ? "its Certificate Provisioning host" : "its registrar";
    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_dns_failed, "%s does not resolve", n->name);
    if (e->kind == BOOT_EV_DNS_QUERY)
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_dns_failed,
                       "%s: no answer to its lookup of %s (%s) from %s, now asked %u times; it cannot "
                       "go on. Check the DNS server the phone uses and the path to it (UDP 53)",
                       f->who, n->name, what, ucdiag_ip_str(p, f->server), n->queries);
    else
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_dns_failed,
                       "%s cannot resolve %s (%s): %s from %s; it cannot go on. Check that the "
                       "record exists in the zone this DNS server answers for",
                       f->who, n->name, what,
                       e->value < 0 ? "no address in the answer" :
                       val_to_str_const((guint32)e->value, ucdiag_boot_rcode_vals, "error"),
                       ucdiag_ip_str(p, f->server));
}

static void
no_connection(const finding_t *f)
{
    wmem_allocator_t *p = f->pinfo->pool;
    const boot_event_t *e = f->e;

    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_no_connection, "no connection to port %u", f->sport);
    if (e->kind == BOOT_EV_RESET)
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_no_connection,
                       "%s: %s:%u (%s) resets the connection: nothing listens on that port. Check "
                       "the pool's or load balancer's binding and option 43's port",
                       f->who, ucdiag_ip_str(p, f->server), f->sport, target_str(p, f->ph, e->step));
    else
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_no_connection,
                       "%s: no answer to its SYN to %s:%u (%s), %" PRId64 " tries: the host is down or a "
                       "firewall drops TCP %u. Check the path from the phone's subnet",
                       f->who, ucdiag_ip_str(p, f->server), f->sport, target_str(p, f->ph, e->step), e->value,
                       f->sport);
}

static void
tls_failed(const finding_t *f)
{
    wmem_allocator_t *p = f->pinfo->pool;
    const boot_event_t *e = f->e;
    const char *by = f->from_phone ? "phone" : "server";

    if (e->kind == BOOT_EV_TLS_ALERT) {
        /* What the certificate concern saw of the chain the phone refused. */
        const char *chain = f->from_phone ? ucdiag_note_take(f->pinfo, UCDIAG_NOTE_TLS_REFUSAL) : NULL;
        ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_tls_failed, "TLS fails: %s",
                    e->value == 0xffff ? "encrypted alert" : val_to_str_const((guint32)(e->value & 0xff), ucdiag_boot_tls_alert_vals, "alert"));
        /* The server's address and port are the packet's and the tree's:
         * the message keeps its words for why, within the label limit. */
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_tls_failed,
                       "%s: TLS with %s ends in %s from the %s: %s",
                       f->who, target_str(p, f->ph, e->step), alert_str(p, e->value), by,
                       chain ? chain : alert_next(e->value, f->from_phone));
    } else {
        ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_tls_failed, "TLS fails");
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_tls_failed,
                       "%s: TLS with %s is %s by the %s before the handshake ends. Check "
                       "the certificate chain and the server's TLS settings",
                       f->who, target_str(p, f->ph, e->step), e->kind == BOOT_EV_RESET ? "reset" : "closed", by);
    }
}

static void
ntp_unanswered(const finding_t *f)
{
    wmem_allocator_t *p = f->pinfo->pool;
    boot_ntp_origin_t origin = boot_ntp_origin(f->ph, f->server);

    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_ntp_unanswered,
                origin == BOOT_NTP_FROM_UNKNOWN ? "NTP unanswered" : "NTP fallback unanswered");
    if (origin == BOOT_NTP_FROM_UNKNOWN)
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_ntp_unanswered,
                       "%s: NTP server %s does not answer (%" PRId64 " requests so far): no clock, so "
                       "certificate checks and sign-in fail. Check the NTP server (DNS _ntp._udp) and UDP 123",
                       f->who, ucdiag_ip_str(p, f->server), f->e->value);
    else
        UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_ntp_unanswered,
                       "%s: NTP server %s (time.windows.com, its fallback%s) does not answer (%" PRId64
                       " requests so far): no clock, no sign-in. Publish _ntp._udp or allow UDP 123 to it",
                       f->who, ucdiag_ip_str(p, f->server),
                       origin == BOOT_NTP_FROM_FALLBACK_NO_SRV ? ": no _ntp._udp record" : "",
                       f->e->value);
}

static void
clock_skew(const finding_t *f)
{
    /* e->value is the server's time minus the capture's, in nanoseconds. */
    gint64 off = f->e->value / UCD_NS_PER_S, mag = off < 0 ? -off : off;

    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_clock_skew, "NTP server clock %" PRId64 " s %s", mag, off < 0 ? "behind" : "ahead");
    UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_clock_skew,
                   "%s: NTP server %s's time is %" PRId64 " h %02" PRId64 " min %02" PRId64 " s %s the "
                   "capture's clock (over %u s): the phone takes it; certificates, sign-in and A/V can "
                   "fail. Check the server's time source",
                   f->who, ucdiag_ip_str(f->pinfo->pool, f->server), mag / 3600, (mag / 60) % 60, mag % 60,
                   off < 0 ? "behind" : "ahead of", ucdiag_boot_max_clock_offset_s);
}

static void
url_broken(const finding_t *f)
{
    const boot_phone_url_t *url = f->ph->url;
    gboolean cut = url->defect == BOOT_URL_CUT;
    size_t len = strlen(url->url);

    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_url_broken, cut ? "URL cut short" : "URL has NULs");
    /* Unlike the other findings, this one adds no expert info at all when no
     * one reads the packet. msuc adds an error for the same option 43 to this
     * packet, and that error is enough to light the status bar. (Where it is
     * added, ucdiag_finish_packet keeps the Expert column at the error.) The
     * whole URL is the tree's URL field: the message quotes its start. */
    if (f->full)
        UCDIAG_MARK(f->pinfo, &ei_ucdiag_boot_url_broken);
    if (!ucdiag_finding_worded(f->pinfo, &ei_ucdiag_boot_url_broken) && f->full)
        expert_add_info(f->pinfo, f->ti, &ei_ucdiag_boot_url_broken);
    else if (f->full)
        expert_add_info_format(f->pinfo, f->ti, &ei_ucdiag_boot_url_broken,
                               "%s is told %.80s%s: %s; no certificate, no PIN sign-in", f->who, url->url,
                               cut || len > 80 ? "..." : "",
                               cut ? "option 43 is cut short (msuc's error says where)" :
                                     "its sub-options end in NUL (typed String on the DHCP server)");
}

static void
url_mismatch(const finding_t *f)
{
    const boot_event_t *e = f->e;
    const boot_conn_t *c = e->conn != BOOT_NO_CONN ? &f->ph->net->conns[e->conn] : NULL;

    ucdiag_info(f->pinfo, f->full, &ei_ucdiag_boot_url_mismatch, "not the option 43 host");
    UCDIAG_FINDING(f->full, f->pinfo, f->ti, &ei_ucdiag_boot_url_mismatch,
                   "%s connects to %s (%s:%u), not %s that option 43 names: an override or stale "
                   "configuration on the phone. Check its provisioning settings",
                   f->who, c && c->sni[0] ? c->sni : "another host", ucdiag_ip_str(f->pinfo->pool, f->server),
                   f->sport, f->ph->url->host);
}

/* Each finding and its function, in the order they are added to a packet. */
static const struct {
    guint bit;
    void (*add)(const finding_t *f);
} finding_kinds[] = {
    { BOOT_F_DNS_FAILED,     dns_failed },
    { BOOT_F_NO_CONNECTION,  no_connection },
    { BOOT_F_TLS_FAILED,     tls_failed },
    { BOOT_F_NTP_UNANSWERED, ntp_unanswered },
    { BOOT_F_CLOCK_SKEW,     clock_skew },
    { BOOT_F_URL_BROKEN,     url_broken },
    { BOOT_F_URL_MISMATCH,   url_mismatch },
};

void
ucdiag_boot_add_findings(packet_info *pinfo, gboolean full, proto_item *ti, const boot_phone_t *ph,
                         const boot_event_t *e, gboolean from_phone, guint32 server, guint16 sport)
{
    finding_t f;
    guint i;

    f.pinfo = pinfo;
    f.full = full;
    f.ti = ti;
    f.ph = ph;
    f.e = e;
    f.who = full ? phone_str(pinfo->pool, ph) : NULL;
    f.from_phone = from_phone;
    f.server = server;
    f.sport = sport;
    if (e->finding && ucdiag_findings_open) {
        ucdiag_subject_begin(pinfo->num, "phone");
        ucdiag_subject_mac("mac", ph->has_mac ? ph->mac : NULL, 6);
        ucdiag_subject_ipv4("ip", ph->ip);
        ucdiag_subject_ipv4("server", server);
        ucdiag_subject_port("port", sport);
    }
    for (i = 0; i < G_N_ELEMENTS(finding_kinds); i++)
        if (e->finding & finding_kinds[i].bit)
            finding_kinds[i].add(&f);
}

/* ---- The tree ---- */

const char *
ucdiag_boot_event_summary(wmem_allocator_t *pool, const boot_phone_t *ph, const boot_event_t *e)
{
    const char *what = val_to_str_const(e->kind, ucdiag_boot_event_vals, "?");
    const char *name = e->name != BOOT_NO_NAME ? ph->net->names[e->name].name : NULL;

    if (e->kind == BOOT_EV_TLS_ALERT)
        what = alert_str(pool, e->value);
    return wmem_strdup_printf(pool, "%s, step %u %s: %s%s%s%s", phone_str(pool, ph), e->step,
                              val_to_str_const(e->step, ucdiag_boot_step_short_vals, "?"), what, name ? " " : "",
                              name ? name : "", e->state == BOOT_ST_FAILED ? " (failed)" : "");
}

#define GEN(item) proto_item_set_generated(item)

/* The fields only some kinds of event have. */
static void
add_event_details(tvbuff_t *tvb, proto_tree *bt, const boot_phone_t *ph, const boot_event_t *e)
{
    switch (e->kind) {
    case BOOT_EV_LLDP:
        /* e->value packs the voice policy: VLAN << 16 | priority << 8 | DSCP. */
        if (e->value >= 0) {
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_vlan, tvb, 0, 0, (guint32)(e->value >> 16)));
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_vlan_priority, tvb, 0, 0, (guint32)((e->value >> 8) & 7)));
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_vlan_dscp, tvb, 0, 0, (guint32)(e->value & 0x3f)));
        }
        break;
    case BOOT_EV_INFORM_ACK:
        if (ph->url)
            GEN(proto_tree_add_string(bt, hf_ucdiag_boot_url, tvb, 0, 0, ph->url->url));
        if (ph->registrar)
            GEN(proto_tree_add_string(bt, hf_ucdiag_boot_registrar, tvb, 0, 0, ph->registrar));
        if (ph->state[BOOT_STEP_VLAN] == BOOT_ST_OK && !ph->vlan_from_lldp)
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_vlan, tvb, 0, 0, ph->vlan));
        break;
    case BOOT_EV_DNS_ERROR:
        if (e->value > 0)
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_dns_rcode, tvb, 0, 0, (guint32)e->value));
        break;
    case BOOT_EV_NTP_ANSWER:
        if (e->value != UCD_NS_NONE)
            GEN(proto_tree_add_double(bt, hf_ucdiag_boot_clock_offset, tvb, 0, 0, (double)e->value / 1e9));
        break;
    case BOOT_EV_SERVER_HELLO:
        GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_tls_version, tvb, 0, 0, (guint32)e->value));
        break;
    case BOOT_EV_TLS_ALERT:
        if (e->value != 0xffff)
            GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_tls_alert, tvb, 0, 0, (guint32)(e->value & 0xff)));
        break;
    default:
        break;
    }
}

void
ucdiag_boot_add_event_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const boot_phone_t *ph,
                           const boot_event_t *e, gboolean from_phone, guint32 server, guint16 sport)
{
    const char *line = ucdiag_boot_event_summary(pinfo->pool, ph, e);
    proto_tree *ut = ucdiag_add_tree(tvb, tree);
    proto_tree *bt;
    proto_item *top;

    ucdiag_summary("bootstrap of %s", line);
    top = proto_tree_add_none_format(ut, hf_ucdiag_boot, tvb, 0, 0, "Phone bootstrap: %s", line);
    GEN(top);
    bt = proto_item_add_subtree(top, ett_ucdiag_boot);
    if (ph->ip)
        GEN(proto_tree_add_ipv4(bt, hf_ucdiag_boot_phone, tvb, 0, 0, g_htonl(ph->ip)));
    if (ph->has_mac)
        GEN(proto_tree_add_ether(bt, hf_ucdiag_boot_phone_mac, tvb, 0, 0, ph->mac));
    GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_step, tvb, 0, 0, e->step));
    GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_event, tvb, 0, 0, e->kind));
    GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_state, tvb, 0, 0, e->state));
    if (server)
        GEN(proto_tree_add_ipv4(bt, hf_ucdiag_boot_server, tvb, 0, 0, g_htonl(server)));
    /* The name looked up, or else the name the TLS ClientHello asked for. */
    if (e->name != BOOT_NO_NAME)
        GEN(proto_tree_add_string(bt, hf_ucdiag_boot_name, tvb, 0, 0, ph->net->names[e->name].name));
    else if (e->conn != BOOT_NO_CONN && ph->net->conns[e->conn].sni[0])
        GEN(proto_tree_add_string(bt, hf_ucdiag_boot_name, tvb, 0, 0, ph->net->conns[e->conn].sni));
    add_event_details(tvb, bt, ph, e);
    if (e->ref_frame)
        GEN(proto_tree_add_uint(bt, hf_ucdiag_boot_request_frame, tvb, 0, 0, e->ref_frame));
    if (e->finding)
        ucdiag_boot_add_findings(pinfo, TRUE, top, ph, e, from_phone, server, sport);
}

#undef GEN
