/* packet-ucdiag-boot.c
 * The phone bootstrap half of the UC Network Diagnostics post-dissector:
 * which hosts are Lync/SfB phones, and each phone's way from voice VLAN to
 * SIP over TLS, with a finding on the packet where it stopped.
 *
 * The timeline and the header reading live in boot_logic.c; this file finds
 * the phones, hands their packets over and turns events into fields, expert
 * info and the `-z ucdiag,bootstrap` table.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "boot_logic.h"
#include "frame_reader.h"
#include "msuc_logic.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-evidence.h"
#include "ucdiag_shared.h"

static int proto_lldp = -1;

static int hf_ucdiag_boot = -1;
static int hf_ucdiag_boot_phone = -1;
static int hf_ucdiag_boot_phone_mac = -1;
static int hf_ucdiag_boot_step = -1;
static int hf_ucdiag_boot_event = -1;
static int hf_ucdiag_boot_state = -1;
static int hf_ucdiag_boot_name = -1;
static int hf_ucdiag_boot_url = -1;
static int hf_ucdiag_boot_registrar = -1;
static int hf_ucdiag_boot_vlan = -1;
static int hf_ucdiag_boot_vlan_priority = -1;
static int hf_ucdiag_boot_vlan_dscp = -1;
static int hf_ucdiag_boot_dns_rcode = -1;
static int hf_ucdiag_boot_clock_offset = -1;
static int hf_ucdiag_boot_tls_alert = -1;
static int hf_ucdiag_boot_tls_version = -1;
static int hf_ucdiag_boot_server = -1;
static int hf_ucdiag_boot_request_frame = -1;

static gint ett_ucdiag_boot = -1;

static expert_field ei_ucdiag_boot_dns_failed = EI_INIT;
static expert_field ei_ucdiag_boot_no_connection = EI_INIT;
static expert_field ei_ucdiag_boot_tls_failed = EI_INIT;
static expert_field ei_ucdiag_boot_ntp_unanswered = EI_INIT;
static expert_field ei_ucdiag_boot_clock_skew = EI_INIT;
static expert_field ei_ucdiag_boot_url_mismatch = EI_INIT;
static expert_field ei_ucdiag_boot_url_broken = EI_INIT;

static int boot_tap = -1;

/* More than this between an NTP server's time and the capture's clock is a
 * finding. Certificates and Kerberos tolerate five minutes. */
static guint max_clock_offset_s = 300;

static const value_string step_vals[] = {
    { BOOT_STEP_VLAN,   "Voice VLAN" },
    { BOOT_STEP_LEASE,  "DHCP lease" },
    { BOOT_STEP_INFORM, "DHCPINFORM (options 43, 120)" },
    { BOOT_STEP_DNS,    "DNS" },
    { BOOT_STEP_NTP,    "NTP" },
    { BOOT_STEP_PROV,   "HTTPS to Certificate Provisioning" },
    { BOOT_STEP_SIP,    "SIP over TLS" },
    { 0, NULL }
};

static const value_string step_short_vals[] = {
    { BOOT_STEP_VLAN,   "VLAN" },
    { BOOT_STEP_LEASE,  "lease" },
    { BOOT_STEP_INFORM, "INFORM" },
    { BOOT_STEP_DNS,    "DNS" },
    { BOOT_STEP_NTP,    "NTP" },
    { BOOT_STEP_PROV,   "provisioning" },
    { BOOT_STEP_SIP,    "SIP/TLS" },
    { 0, NULL }
};

static const value_string state_vals[] = {
    { BOOT_ST_STARTED, "Under way" },
    { BOOT_ST_OK,      "Reached" },
    { BOOT_ST_FAILED,  "Failed" },
    { 0, NULL }
};

static const value_string event_vals[] = {
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

static const value_string rcode_vals[] = {
    { 1, "FormErr" },
    { 2, "ServFail" },
    { 3, "NXDomain" },
    { 4, "NotImp" },
    { 5, "Refused" },
    { 0, NULL }
};

/* TLS alert descriptions (RFC 8446 6, RFC 5246 7.2). */
static const value_string tls_alert_vals[] = {
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

static const value_string tls_version_vals[] = {
    { 0x0300, "SSL 3.0" },
    { 0x0301, "TLS 1.0" },
    { 0x0302, "TLS 1.1" },
    { 0x0303, "TLS 1.2" },
    { 0x0304, "TLS 1.3" },
    { 0, NULL }
};

static const value_string identified_vals[] = {
    { BOOT_BY_DHCP, "UC vendor class in DHCP" },
    { BOOT_BY_LLDP, "LLDP-MED communication device" },
    { BOOT_BY_PROV, "connects to a Certificate Provisioning host" },
    { 0, NULL }
};

typedef struct {
    boot_phone_t ph;
} phone_entry_t;

/* File-scoped: phones by MAC and by IPv4 address, and the Certificate
 * Provisioning hosts' addresses (address -> a phone that was given it), so
 * a host that connects to one becomes a phone too. */
static wmem_map_t *phones_by_mac;
static wmem_map_t *phones_by_ip;
static wmem_map_t *prov_hosts;

/* The ports a bootstrap step uses: DNS, NTP, HTTPS, SIP over TLS, and the
 * provisioning URLs' own (usually 443 too). A packet on none of them is not
 * looked up at all: media, the bulk of a UC capture, costs two compares. */
#define MAX_URL_PORTS 8
static guint16 url_ports[MAX_URL_PORTS];
static guint n_url_ports;
static gboolean url_ports_overflow;

static void
boot_init(void)
{
    n_url_ports = 0;
    url_ports_overflow = FALSE;
}

static void
note_url_port(guint16 port)
{
    guint i;

    for (i = 0; i < n_url_ports; i++)
        if (url_ports[i] == port)
            return;
    if (n_url_ports < MAX_URL_PORTS)
        url_ports[n_url_ports++] = port;
    else
        url_ports_overflow = TRUE;
}

static gboolean
boot_port(guint32 port)
{
    guint i;

    if (port == 53 || port == 123 || port == 443 || port == 5061 || url_ports_overflow)
        return TRUE;
    for (i = 0; i < n_url_ports; i++)
        if (url_ports[i] == port)
            return TRUE;
    return FALSE;
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

static boot_env_t
env_now(void)
{
    boot_env_t env;

    env.grow = ucdiag_grow_file_scoped;
    env.ctx = NULL;
    env.skew_limit_ns = (int64_t)max_clock_offset_s * 1000000000;
    return env;
}

static guint32
addr_v4(const address *a)
{
    guint32 net;

    memcpy(&net, a->data, 4);
    return g_ntohl(net);
}

static boot_phone_t *
new_phone(packet_info *pinfo, uint8_t by)
{
    phone_entry_t *e = wmem_new(wmem_file_scope(), phone_entry_t);

    boot_phone_init(&e->ph, pinfo->num);
    e->ph.identified_by = by;
    return &e->ph;
}

static void
index_mac(boot_phone_t *ph, const guint8 *mac)
{
    memcpy(ph->mac, mac, 6);
    ph->has_mac = true;
    wmem_map_insert(phones_by_mac, ph->mac, ph);
}

static void
index_ip(boot_phone_t *ph)
{
    if (ph->ip && !wmem_map_contains(phones_by_ip, GUINT_TO_POINTER(ph->ip))) {
        wmem_map_insert(phones_by_ip, GUINT_TO_POINTER(ph->ip), ph);
        /* A phone's media is Microsoft UC media: the QoS check may judge it. */
        ucdiag_evidence_phone(ph->ip, ph->first_frame,
                              val_to_str_const(ph->identified_by, identified_vals, "bootstrap"));
    }
}

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

/* "the provisioning host pool.contoso.com" or "the registrar
 * sip.contoso.com": what the phone wanted from the other end. */
static const char *
target_str(wmem_allocator_t *pool, const boot_phone_t *ph, uint8_t step)
{
    if (step == BOOT_STEP_SIP)
        return ph->registrar ? wmem_strdup_printf(pool, "the registrar %s", ph->registrar) : "the registrar";
    return ph->url ? wmem_strdup_printf(pool, "the provisioning host %s", ph->url->host) :
                         "the provisioning host";
}

static const char *
alert_str(wmem_allocator_t *pool, int64_t value)
{
    if (value == 0xffff)
        return "an encrypted alert (TLS 1.3: its length gives it away)";
    return wmem_strdup_printf(pool, "%s alert %s", (value >> 8) == 2 ? "fatal" : "warning",
                              val_to_str_const((guint32)(value & 0xff), tls_alert_vals, "unknown"));
}

/* What an engineer checks next, by alert. */
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

static void
add_findings(packet_info *pinfo, gboolean full, proto_item *ti, const boot_phone_t *ph, const boot_event_t *e,
             gboolean from_phone, guint32 server, guint16 sport)
{
    wmem_allocator_t *p = pinfo->pool;
    const char *who = full ? phone_str(p, ph) : NULL;
    const boot_name_t *n = e->name != BOOT_NO_NAME ? &ph->names[e->name] : NULL;

    if ((e->finding & BOOT_F_DNS_FAILED) && n) {
        ucdiag_info(pinfo, full, "%s does not resolve", n->name);
        const char *what = n->role == BOOT_ROLE_PROV ? "its Certificate Provisioning host" : "its registrar";
        if (e->kind == BOOT_EV_DNS_QUERY)
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_dns_failed,
                           "%s: no answer to its lookup of %s (%s) from %s, now asked %u times; it cannot "
                           "go on. Check the DNS server the phone uses and the path to it (UDP 53)",
                           who, n->name, what, ucdiag_ip_str(p, server), n->queries);
        else
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_dns_failed,
                           "%s cannot resolve %s (%s): %s from %s; it cannot go on. Check that the "
                           "record exists in the zone this DNS server answers for",
                           who, n->name, what,
                           e->value < 0 ? "no address in the answer" :
                           val_to_str_const((guint32)e->value, rcode_vals, "error"),
                           ucdiag_ip_str(p, server));
    }
    if (e->finding & BOOT_F_NO_CONNECTION) {
        ucdiag_info(pinfo, full, "no connection to port %u", sport);
        if (e->kind == BOOT_EV_RESET)
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_no_connection,
                           "%s: %s:%u (%s) resets the connection: nothing listens on that port. Check "
                           "the web pool's or load balancer's binding and the port in option 43",
                           who, ucdiag_ip_str(p, server), sport, target_str(p, ph, e->step));
        else
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_no_connection,
                           "%s: no answer to its SYN to %s:%u (%s), %" PRId64 " tries: the host is down or a "
                           "firewall drops TCP %u. Check the path from the phone's subnet",
                           who, ucdiag_ip_str(p, server), sport, target_str(p, ph, e->step), e->value, sport);
    }
    if (e->finding & BOOT_F_TLS_FAILED) {
        if (e->kind == BOOT_EV_TLS_ALERT) {
            ucdiag_info(pinfo, full, "TLS fails: %s", e->value == 0xffff ? "encrypted alert" :
                        val_to_str_const((guint32)(e->value & 0xff), tls_alert_vals, "alert"));
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_tls_failed,
                           "%s: TLS with %s (%s:%u) ends in %s from the %s: %s",
                           who, target_str(p, ph, e->step), ucdiag_ip_str(p, server), sport,
                           alert_str(p, e->value), from_phone ? "phone" : "server",
                           alert_next(e->value, from_phone));
        } else {
            ucdiag_info(pinfo, full, "TLS fails");
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_tls_failed,
                           "%s: TLS with %s (%s:%u) is %s by the %s before the handshake ends. Check "
                           "the certificate chain and the server's TLS settings",
                           who, target_str(p, ph, e->step), ucdiag_ip_str(p, server), sport,
                           e->kind == BOOT_EV_RESET ? "reset" : "closed", from_phone ? "phone" : "server");
        }
    }
    if (e->finding & BOOT_F_NTP_UNANSWERED) {
        boot_ntp_origin_t origin = boot_ntp_origin(ph, server);
        ucdiag_info(pinfo, full, origin == BOOT_NTP_FROM_UNKNOWN ? "NTP unanswered" : "NTP fallback unanswered");
        if (origin == BOOT_NTP_FROM_UNKNOWN)
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_ntp_unanswered,
                           "%s: NTP server %s does not answer (%" PRId64 " requests so far): the phone cannot "
                           "set its clock, and certificate checks and sign-in fail. Check the NTP server "
                           "(DNS _ntp._udp) and UDP 123 on the way",
                           who, ucdiag_ip_str(p, server), e->value);
        else
            UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_ntp_unanswered,
                           "%s: NTP server %s (time.windows.com, its fallback%s) does not answer (%" PRId64
                           " requests so far): no clock, no sign-in. Publish _ntp._udp for an internal server, "
                           "or allow UDP 123 to time.windows.com",
                           who, ucdiag_ip_str(p, server),
                           origin == BOOT_NTP_FROM_FALLBACK_NO_SRV ? ": no _ntp._udp record" : "",
                           e->value);
    }
    if (e->finding & BOOT_F_CLOCK_SKEW) {
        gint64 off = e->value / 1000000000, mag = off < 0 ? -off : off;
        ucdiag_info(pinfo, full, "NTP server clock %" PRId64 " s %s", mag, off < 0 ? "behind" : "ahead");
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_clock_skew,
                       "%s: NTP server %s's time is %" PRId64 " h %02" PRId64 " min %02" PRId64 " s %s the "
                       "capture's clock (over %u s): the phone takes it, and certificate checks, "
                       "authentication and A/V can fail. Check the server's own time source",
                       who, ucdiag_ip_str(p, server), mag / 3600, (mag / 60) % 60, mag % 60,
                       off < 0 ? "behind" : "ahead of", max_clock_offset_s);
    }
    /* On a packet no one reads, msuc's error on the same option already
     * lights the status bar: a warning after it would hide its severity in
     * the Expert column, which keeps the last. */
    if (e->finding & BOOT_F_URL_BROKEN) {
        gboolean cut = ph->url->defect == BOOT_URL_CUT;
        size_t len = strlen(ph->url->url);
        ucdiag_info(pinfo, full, cut ? "URL cut short" : "URL has NULs");
        if (full)
            expert_add_info_format(pinfo, ti, &ei_ucdiag_boot_url_broken,
                                   "%s is told %.100s%s: %s; no certificate, no PIN sign-in", who, ph->url->url,
                                   cut || len > 100 ? "..." : "",
                                   cut ? "option 43 is cut short (msuc's error says where)" :
                                         "its sub-options end in NUL (typed String on the DHCP server)");
    }
    if (e->finding & BOOT_F_URL_MISMATCH) {
        ucdiag_info(pinfo, full, "not the option 43 host");
        const boot_conn_t *c = e->conn != BOOT_NO_CONN ? &ph->conns[e->conn] : NULL;
        UCDIAG_FINDING(full, pinfo, ti, &ei_ucdiag_boot_url_mismatch,
                       "%s connects to %s (%s:%u), not %s that option 43 names: an override or stale "
                       "configuration on the phone. Check its provisioning settings",
                       who, c && c->sni[0] ? c->sni : "another host", ucdiag_ip_str(p, server), sport,
                       ph->url->host);
    }
}

/* One line for the item: the step and what happened. */
static const char *
summary(wmem_allocator_t *pool, const boot_phone_t *ph, const boot_event_t *e)
{
    const char *what = val_to_str_const(e->kind, event_vals, "?");
    const char *name = e->name != BOOT_NO_NAME ? ph->names[e->name].name : NULL;

    if (e->kind == BOOT_EV_TLS_ALERT)
        what = alert_str(pool, e->value);
    return wmem_strdup_printf(pool, "%s, step %u %s: %s%s%s%s", phone_str(pool, ph), e->step,
                              val_to_str_const(e->step, step_short_vals, "?"), what, name ? " " : "", name ? name : "",
                              e->state == BOOT_ST_FAILED ? " (failed)" : "");
}

static void
add_event_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const boot_phone_t *ph, const boot_event_t *e,
               gboolean from_phone, guint32 server, guint16 sport)
{
    const char *line = summary(pinfo->pool, ph, e);
    proto_tree *ut = ucdiag_add_tree(tvb, tree);
    proto_tree *bt;
    proto_item *top, *ti;

#define GEN(item) proto_item_set_generated(item)
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
    if (e->name != BOOT_NO_NAME)
        GEN(proto_tree_add_string(bt, hf_ucdiag_boot_name, tvb, 0, 0, ph->names[e->name].name));
    else if (e->conn != BOOT_NO_CONN && ph->conns[e->conn].sni[0])
        GEN(proto_tree_add_string(bt, hf_ucdiag_boot_name, tvb, 0, 0, ph->conns[e->conn].sni));
    switch (e->kind) {
    case BOOT_EV_LLDP:
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
    if (e->ref_frame) {
        ti = proto_tree_add_uint(bt, hf_ucdiag_boot_request_frame, tvb, 0, 0, e->ref_frame);
        GEN(ti);
    }
#undef GEN
    if (e->finding)
        add_findings(pinfo, TRUE, top, ph, e, from_phone, server, sport);
}

/* The event of this frame: observed on the first pass, looked up after. */
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
    if (ucdiag_findings_wanted(tree))
        add_event_tree(tvb, pinfo, tree, ph, &e, from_phone, server, sport);
    else if (e.finding)
        add_findings(pinfo, FALSE, NULL, ph, &e, from_phone, server, sport);
}

/* ---- Who is a phone ---- */

static gboolean
uc_vendor_class(const dhcp_msg_t *m)
{
    vendor_kind_t k = vendor_kind_of(m->vendor_class, m->vendor_class_len);
    return k == VENDOR_MS_UC_CLIENT || k == VENDOR_CPE_OCPHONE;
}

static void
boot_dhcp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const guint8 *frame, const ucdiag_dhcp_seen_t *seen)
{
    const dhcp_msg_t *m = seen->msg;
    const dhcp_view_t *v = &m->view;
    boot_phone_t *ph;
    boot_dhcp_t d;
    boot_event_t e;
    tlv_t t;
    boot_env_t env;

    memset(&e, 0, sizeof e);
    if (v->hlen != 6)
        return;
    ph = (boot_phone_t *)wmem_map_lookup(phones_by_mac, v->chaddr);
    if (PINFO_FD_VISITED(pinfo)) {
        if (ph)
            report(tvb, pinfo, tree, ph, e, v->op == DHCP_OP_REQUEST, 0, 0);
        return;
    }
    if (!ph) {
        if (v->op != DHCP_OP_REQUEST || !uc_vendor_class(m))
            return;
        ph = new_phone(pinfo, BOOT_BY_DHCP);
        index_mac(ph, v->chaddr);
    }
    if (v->op == DHCP_OP_REQUEST && m->vendor_class_len && !ph->vendor_class[0])
        g_strlcpy(ph->vendor_class, ucd_format_text(pinfo->pool, m->vendor_class, m->vendor_class_len),
                  sizeof ph->vendor_class);
    memset(&d, 0, sizeof d);
    d.type = m->type;
    d.ciaddr = v->ciaddr;
    d.yiaddr = v->yiaddr;
    if (seen->in_txn) {
        d.attempt = seen->sighting.attempt;
        d.ref_frame = seen->sighting.kind == DHCP_KIND_ACK ? seen->sighting.peer : 0;
        /* The same INFORM or ACK seen again at another capture point. */
        if (seen->sighting.copy_of)
            return;
    }
    if (v->op == DHCP_OP_REPLY) {
        if (dhcp_view_find_option(frame, v, DHCP_OPT_VENDOR_INFO, &t)) {
            d.opt43 = frame + t.value_offset;
            d.opt43_len = t.value_len;
        }
        /* Lync Phone Edition asks for its VLAN as CPE-OCPhone, sub-option 10. */
        if (d.opt43 && strcmp(ph->vendor_class, "CPE-OCPhone") == 0) {
            size_t pos = 0;
            tlv_t sub;
            uint32_t vlan;
            while (tlv_next(d.opt43, d.opt43_len, &pos, &sub))
                if (sub.kind == TLV_COMPLETE && sub.code == CPE_SUB_VLAN_ID) {
                    vlan_check_t vc = cpe_vlan_check(d.opt43 + sub.value_offset, sub.value_len, &vlan);
                    d.cpe_vlan_known = vc == VLAN_BINARY || vc == VLAN_ASCII;
                    d.cpe_vlan = (uint16_t)vlan;
                    break;
                }
        }
        if (dhcp_view_find_option(frame, v, DHCP_OPT_SIP_SERVERS, &t)) {
            d.opt120 = frame + t.value_offset;
            d.opt120_len = t.value_len;
        }
    }
    env = env_now();
    e = boot_observe_dhcp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), &d);
    index_ip(ph);
    if (e.kind == BOOT_EV_INFORM_ACK) {
        guint8 i;
        if (ph->url)
            note_url_port(ph->url->port);
        for (i = 0; i < ph->n_prov_addr; i++)
            wmem_map_insert(prov_hosts, GUINT_TO_POINTER(ph->prov_addr[i]), ph);
    }
    report(tvb, pinfo, tree, ph, e, v->op == DHCP_OP_REQUEST, 0, 0);
}

static void
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
    boot_event_t e;
    boot_env_t env;

    if (pinfo->dl_src.type != AT_ETHER || !ucdiag_packet_has_proto(pkt, proto_lldp))
        return;
    bytes = tvb_get_ptr(tvb, 0, caplen);
    mac = (const guint8 *)pinfo->dl_src.data;
    ph = (boot_phone_t *)wmem_map_lookup(phones_by_mac, mac);
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
        ph = new_phone(pinfo, BOOT_BY_LLDP);
        index_mac(ph, mac);
    }
    env = env_now();
    e = boot_observe_lldp(ph, &env, pinfo->num, &l);
    report(tvb, pinfo, tree, ph, e, TRUE, 0, 0);
}

/* A host that opens a connection to a Certificate Provisioning host's port
 * is a phone, even when its DHCP is not in the capture. */
static boot_phone_t *
phone_by_connection(packet_info *pinfo, guint32 src, guint32 dst, const guint8 *tcp)
{
    const boot_phone_t *taught;
    boot_phone_t *ph;
    boot_env_t env;

    if (wmem_map_size(prov_hosts) == 0 || PINFO_FD_VISITED(pinfo))
        return NULL;
    taught = (const boot_phone_t *)wmem_map_lookup(prov_hosts, GUINT_TO_POINTER(dst));
    if (!taught || !taught->url || pinfo->destport != taught->url->port || !tcp || (tcp[13] & (BOOT_TCP_SYN | BOOT_TCP_ACK)) !=
        BOOT_TCP_SYN)
        return NULL;
    ph = new_phone(pinfo, BOOT_BY_PROV);
    ph->ip = src;
    env = env_now();
    boot_phone_set_url(ph, &env, taught->url->url, taught->url->host, taught->url->port, taught->url->complete,
                       taught->url->defect);
    memcpy(ph->prov_addr, taught->prov_addr, sizeof ph->prov_addr);
    ph->n_prov_addr = taught->n_prov_addr;
    if (taught->registrar)
        boot_phone_set_registrar(ph, &env, taught->registrar);
    index_ip(ph);
    return ph;
}

static void
boot_ip(ucdiag_packet_t *pkt, proto_tree *tree)
{
    tvbuff_t *tvb = pkt->tvb;
    packet_info *pinfo = pkt->pinfo;
    guint32 src, dst;
    boot_phone_t *ph;
    gboolean from_phone = TRUE;
    guint32 server;
    const guint8 *bytes;
    const frame_l4_t *l4;
    boot_event_t e;
    boot_env_t env;
    const guint8 *payload;

    if ((pinfo->ptype != PT_TCP && pinfo->ptype != PT_UDP) || !(boot_port(pinfo->srcport) || boot_port(pinfo->destport)))
        return;
    src = addr_v4(&pinfo->net_src);
    dst = addr_v4(&pinfo->net_dst);
    ph = (boot_phone_t *)wmem_map_lookup(phones_by_ip, GUINT_TO_POINTER(src));
    if (!ph) {
        ph = (boot_phone_t *)wmem_map_lookup(phones_by_ip, GUINT_TO_POINTER(dst));
        from_phone = FALSE;
    }
    if (!ph && (pinfo->ptype != PT_TCP || wmem_map_size(prov_hosts) == 0 ||
                !wmem_map_contains(prov_hosts, GUINT_TO_POINTER(dst))))
        return;
    /* What is quoted in an ICMP error was not sent again. */
    if (ucdiag_packet_quoted(pkt) || (l4 = ucdiag_packet_l4(pkt)) == NULL)
        return;
    bytes = pkt->bytes;
    if (!ph) {
        ph = phone_by_connection(pinfo, src, dst, bytes + l4->hdr_offset);
        if (!ph)
            return;
        from_phone = TRUE;
    }
    server = from_phone ? dst : src;
    payload = bytes + l4->offset;
    memset(&e, 0, sizeof e);
    env = env_now();
    if (l4->proto == FRAME_PROTO_UDP) {
        guint16 sport = from_phone ? (guint16)pinfo->destport : (guint16)pinfo->srcport;
        if (sport == 53) {
            boot_dns_t d;
            if (!PINFO_FD_VISITED(pinfo)) {
                if (!boot_dns_parse(payload, l4->avail, &d) || d.response == from_phone)
                    return;
                e = boot_observe_dns(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), &d);
                if (e.kind == BOOT_EV_DNS_ANSWER && ph->names[e.name].role == BOOT_ROLE_PROV) {
                    guint8 i;
                    for (i = 0; i < ph->n_prov_addr; i++)
                        wmem_map_insert(prov_hosts, GUINT_TO_POINTER(ph->prov_addr[i]), ph);
                }
            }
        } else if (sport == 123) {
            boot_ntp_t n;
            if (!PINFO_FD_VISITED(pinfo)) {
                if (!boot_ntp_parse(payload, l4->avail, &n))
                    return;
                e = boot_observe_ntp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), from_phone, server, &n);
            }
        } else {
            return;
        }
        report(tvb, pinfo, tree, ph, e, from_phone, server, sport);
        return;
    }
    {
        guint16 cport = from_phone ? (guint16)pinfo->srcport : (guint16)pinfo->destport;
        guint16 sport = from_phone ? (guint16)pinfo->destport : (guint16)pinfo->srcport;
        boot_tls_t tls;
        gboolean is_tls;

        if (!boot_port_of_interest(ph, sport))
            return;
        if (!PINFO_FD_VISITED(pinfo)) {
            is_tls = l4->avail > 0 && boot_tls_scan(payload, l4->avail, &tls);
            e = boot_observe_tcp(ph, &env, pinfo->num, ucdiag_ns_of(&pinfo->abs_ts), from_phone, server, cport, sport,
                                 bytes[l4->hdr_offset + 13], is_tls ? &tls : NULL);
        }
        report(tvb, pinfo, tree, ph, e, from_phone, server, sport);
    }
}

void
ucdiag_boot_dissect(ucdiag_packet_t *pkt, proto_tree *tree, const ucdiag_dhcp_seen_t *dhcp)
{
    packet_info *pinfo = pkt->pinfo;

    if (dhcp) {
        if (dhcp->msg)
            boot_dhcp(pkt->tvb, pinfo, tree, pkt->bytes, dhcp);
        return;
    }
    if (pkt->af == 4) {
        if (wmem_map_size(phones_by_ip) || wmem_map_size(prov_hosts))
            boot_ip(pkt, tree);
    } else if (pinfo->net_src.type == AT_NONE && pinfo->dl_src.type == AT_ETHER) {
        boot_lldp(pkt, tree);
    }
}

/* ---- tshark -z ucdiag,bootstrap and Statistics > UC Phone Bootstrap ---- */

enum {
    COL_PHONE, COL_MAC, COL_IDENTIFIED, COL_URL, COL_FURTHEST, COL_STOPPED, COL_FINDINGS, COL_STEPS, COL_FIRST,
    N_COLS
};

static stat_tap_table_item boot_table_fields[] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Phone", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "MAC", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Identified by", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Provisioning URL", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Furthest step", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Stopped at", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Findings", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT,  "Steps (frame)", "%s" },
    { TABLE_ITEM_UINT,   TAP_ALIGN_RIGHT, "First frame", "%u" },
};

static tap_param boot_table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

static void
boot_table_init(stat_tap_table_ui *ui)
{
    ucdiag_table_init(ui, "UC phone bootstrap", N_COLS);
}

static const value_string finding_names[] = {
    { BOOT_F_DNS_FAILED,     "DNS failed" },
    { BOOT_F_NO_CONNECTION,  "no connection" },
    { BOOT_F_TLS_FAILED,     "TLS failed" },
    { BOOT_F_NTP_UNANSWERED, "NTP unanswered" },
    { BOOT_F_CLOCK_SKEW,     "clock skew" },
    { BOOT_F_URL_MISMATCH,   "URL mismatch" },
    { BOOT_F_URL_BROKEN,     "URL broken" },
    { 0, NULL }
};

static char *
findings_text(const boot_phone_t *ph)
{
    GString *s = g_string_new(NULL);
    guint f;

    for (f = 1; f <= BOOT_F_URL_BROKEN; f <<= 1)
        if (ph->findings & f)
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", val_to_str_const(f, finding_names, "?"));
    return g_string_free(s, FALSE);
}

/* Where the phone's story stops, as far as this capture tells. */
static char *
stopped_text(const boot_phone_t *ph)
{
    boot_step_t far = boot_furthest(ph);

    if (ph->stop_step)
        return g_strdup_printf("%u %s (frame %u)", ph->stop_step,
                               val_to_str_const(ph->stop_step, step_short_vals, "?"), ph->stop_frame);
    if (ph->state[BOOT_STEP_INFORM] == BOOT_ST_STARTED && far < BOOT_STEP_DNS)
        return g_strdup_printf("3 INFORM: no ACK (frame %u)", ph->step_frame[BOOT_STEP_INFORM]);
    if (far == BOOT_STEP_SIP)
        return g_strdup("-");
    return g_strdup_printf("capture ends after step %u", far);
}

static tap_packet_status
boot_table_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
                  tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const boot_phone_t *ph = (const boot_phone_t *)data;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    gboolean added;
    guint row = ucdiag_table_row_of(table, ph, boot_table_fields, N_COLS, &added);
    boot_step_t far;
    char steps[512];

    if (added)
        stat_tap_get_field_data(table, row, COL_FIRST)->value.uint_value = ph->first_frame;
    /* Rewritten whole: a phone has a few dozen events at most. */
    far = boot_furthest(ph);
    ucdiag_table_set_string(table, row, COL_PHONE, ph->ip ? ucdiag_ip_str(NULL, ph->ip) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_MAC, ph->has_mac ? ucdiag_mac_str(NULL, ph->mac, 6) : g_strdup(""));
    ucdiag_table_set_string(table, row, COL_IDENTIFIED,
                            g_strdup(val_to_str_const(ph->identified_by, identified_vals, "?")));
    ucdiag_table_set_string(table, row, COL_URL, g_strdup(ph->url ? ph->url->url : ""));
    ucdiag_table_set_string(table, row, COL_FURTHEST, far ? g_strdup_printf("%u %s", far,
                            val_to_str_const(far, step_short_vals, "?")) : g_strdup("none"));
    ucdiag_table_set_string(table, row, COL_STOPPED, stopped_text(ph));
    ucdiag_table_set_string(table, row, COL_FINDINGS, findings_text(ph));
    boot_steps_text(ph, steps, sizeof steps);
    ucdiag_table_set_string(table, row, COL_STEPS, g_strdup(steps));
    return TAP_PACKET_REDRAW;
}

static void
boot_table_reset(stat_tap_table *table)
{
    ucdiag_table_reset(table, N_COLS, G_MAXUINT);
}

static void
boot_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field)
{
    ucdiag_table_free_item(table, row, column, field, G_MAXUINT);
}

void
ucdiag_boot_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_boot,
          { "Phone bootstrap", "ucdiag.boot", FT_NONE, BASE_NONE, NULL, 0x0,
            "A step of a Lync/SfB phone's bootstrap", HFILL } },
        { &hf_ucdiag_boot_phone,
          { "Phone", "ucdiag.boot.phone", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The phone's address", HFILL } },
        { &hf_ucdiag_boot_phone_mac,
          { "Phone MAC", "ucdiag.boot.phone_mac", FT_ETHER, BASE_NONE, NULL, 0x0,
            "The phone's MAC address (DHCP chaddr or LLDP source)", HFILL } },
        { &hf_ucdiag_boot_step,
          { "Step", "ucdiag.boot.step", FT_UINT8, BASE_DEC, VALS(step_vals), 0x0,
            "The bootstrap step this packet belongs to (1 VLAN ... 7 SIP over TLS)", HFILL } },
        { &hf_ucdiag_boot_event,
          { "Event", "ucdiag.boot.event", FT_UINT8, BASE_DEC, VALS(event_vals), 0x0,
            "What this packet does for the step", HFILL } },
        { &hf_ucdiag_boot_state,
          { "Step state", "ucdiag.boot.state", FT_UINT8, BASE_DEC, VALS(state_vals), 0x0,
            "The step's state after this packet", HFILL } },
        { &hf_ucdiag_boot_name,
          { "Name", "ucdiag.boot.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The DNS name looked up, or the TLS server name (SNI)", HFILL } },
        { &hf_ucdiag_boot_url,
          { "Provisioning URL", "ucdiag.boot.url", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Certificate Provisioning URL the phone was given (option 43)", HFILL } },
        { &hf_ucdiag_boot_registrar,
          { "Registrar", "ucdiag.boot.registrar", FT_STRING, BASE_NONE, NULL, 0x0,
            "The SIP registrar the phone was given (option 120)", HFILL } },
        { &hf_ucdiag_boot_vlan,
          { "Voice VLAN", "ucdiag.boot.vlan", FT_UINT16, BASE_DEC, NULL, 0x0,
            "From the LLDP-MED voice network policy or CPE-OCPhone sub-option 10", HFILL } },
        { &hf_ucdiag_boot_vlan_priority,
          { "Voice VLAN priority", "ucdiag.boot.vlan_priority", FT_UINT8, BASE_DEC, NULL, 0x0,
            "802.1p priority of the LLDP-MED voice network policy", HFILL } },
        { &hf_ucdiag_boot_vlan_dscp,
          { "Voice DSCP", "ucdiag.boot.vlan_dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "DSCP of the LLDP-MED voice network policy", HFILL } },
        { &hf_ucdiag_boot_dns_rcode,
          { "DNS error", "ucdiag.boot.dns_rcode", FT_UINT8, BASE_DEC, VALS(rcode_vals), 0x0,
            "The answer's response code", HFILL } },
        { &hf_ucdiag_boot_clock_offset,
          { "Server clock offset (s)", "ucdiag.boot.clock_offset", FT_DOUBLE, BASE_NONE, NULL, 0x0,
            "The NTP server's transmit time minus the capture's timestamp, in seconds", HFILL } },
        { &hf_ucdiag_boot_tls_alert,
          { "TLS alert", "ucdiag.boot.tls_alert", FT_UINT8, BASE_DEC, VALS(tls_alert_vals), 0x0,
            "The alert that ended the handshake", HFILL } },
        { &hf_ucdiag_boot_tls_version,
          { "TLS version", "ucdiag.boot.tls_version", FT_UINT16, BASE_HEX, VALS(tls_version_vals), 0x0,
            "The version the server chose", HFILL } },
        { &hf_ucdiag_boot_server,
          { "Server", "ucdiag.boot.server", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The other end: DHCP, DNS, NTP, web or SIP server", HFILL } },
        { &hf_ucdiag_boot_request_frame,
          { "Request in frame", "ucdiag.boot.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The request this packet answers or repeats", HFILL } },
    };

    static gint *ett[] = {
        &ett_ucdiag_boot,
    };

    static ei_register_info ei[] = {
        { &ei_ucdiag_boot_dns_failed,
          { "ucdiag.boot.dns_failed", PI_RESPONSE_CODE, PI_WARN,
            "A lookup of the provisioning or registrar name failed or went unanswered", EXPFILL } },
        { &ei_ucdiag_boot_no_connection,
          { "ucdiag.boot.no_connection", PI_SEQUENCE, PI_WARN,
            "No connection to the provisioning host or registrar gets answered", EXPFILL } },
        { &ei_ucdiag_boot_tls_failed,
          { "ucdiag.boot.tls_failed", PI_SECURITY, PI_WARN,
            "The TLS handshake with the provisioning host or registrar failed", EXPFILL } },
        { &ei_ucdiag_boot_ntp_unanswered,
          { "ucdiag.boot.ntp_unanswered", PI_SEQUENCE, PI_WARN,
            "The phone's NTP requests get no answer", EXPFILL } },
        { &ei_ucdiag_boot_clock_skew,
          { "ucdiag.boot.clock_skew", PI_PROTOCOL, PI_WARN,
            "An NTP server's time is far from the capture's clock", EXPFILL } },
        { &ei_ucdiag_boot_url_broken,
          { "ucdiag.boot.url_broken", PI_PROTOCOL, PI_WARN,
            "The provisioning URL option 43 gives the phone is cut short or String-typed: it stops here",
            EXPFILL } },
        { &ei_ucdiag_boot_url_mismatch,
          { "ucdiag.boot.url_mismatch", PI_PROTOCOL, PI_WARN,
            "The phone connects to another host than option 43 named", EXPFILL } },
    };

    static stat_tap_table_ui boot_table_ui = {
        REGISTER_PACKET_STAT_GROUP_UNSORTED,
        "UC Phone Bootstrap (ucdiag)",
        "ucdiag.boot",
        "ucdiag,bootstrap",
        boot_table_init,
        boot_table_packet,
        boot_table_reset,
        boot_table_free_item,
        NULL,
        G_N_ELEMENTS(boot_table_fields), boot_table_fields,
        G_N_ELEMENTS(boot_table_params), boot_table_params,
        NULL,
        0
    };

    expert_module_t *expert;

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    prefs_register_uint_preference(module, "boot_max_clock_offset", "Phone bootstrap: NTP clock offset (seconds)",
                                   "An NTP server whose time differs from the capture's clock by more than this "
                                   "is flagged (ucdiag.boot.clock_skew)",
                                   10, &max_clock_offset_s);
    phones_by_mac = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), mac_hash, mac_equal);
    phones_by_ip = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    prov_hosts = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash, g_direct_equal);
    register_init_routine(boot_init);
    boot_tap = register_tap("ucdiag.boot");
    register_stat_tap_table_ui(&boot_table_ui);
}

void
ucdiag_boot_handoff(void)
{
    proto_lldp = proto_get_id_by_filter_name("lldp");
}
