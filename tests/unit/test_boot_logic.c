/* Unit tests of the phone bootstrap timeline (logic/boot_logic.c); the
 * headers it reads are tested with their readers (test_*_reader.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "boot_logic.h"
#include "boot_packets.h"
#include "check.h"
#include "intern_table.h"
#include "ns_time.h"

static size_t
sub(uint8_t *p, uint8_t code, const char *v)
{
    p[0] = code;
    p[1] = (uint8_t)strlen(v);
    memcpy(p + 2, v, p[1]);
    return 2 + (size_t)p[1];
}

static size_t
opt43(uint8_t *p, const char *host, const char *port)
{
    size_t w = 0;

    w += sub(p + w, 1, "MS-UC-Client");
    w += sub(p + w, 2, "https");
    w += sub(p + w, 3, host);
    if (port)
        w += sub(p + w, 4, port);
    w += sub(p + w, 5, "/CertProv/CertProvisioningService.svc");
    return w;
}

static void
test_dhcp_values(void)
{
    uint8_t p[200];
    const boot_url_t *u;
    char name[64];
    static const uint8_t o120[] = { 0, 3, 's', 'I', 'p', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0 };

    CHECK((u = boot_url_from_43(p, opt43(p, "Pool.contoso.com", "4443"))));
    CHECK(strcmp(u->host, "pool.contoso.com") == 0 && u->port == 4443 && u->complete);
    CHECK(strcmp(u->url, "https://Pool.contoso.com:4443/CertProv/CertProvisioningService.svc") == 0);
    CHECK((u = boot_url_from_43(p, opt43(p, "pool.contoso.com", NULL))) && u->port == 443);
    CHECK(!(u = boot_url_from_43(p, sub(p, 2, "https")))); /* not MS-UC-Client */
    /* What the phone cannot use: a value cut at 90 bytes, NUL-ended values. */
    {
        size_t n = opt43(p, "lyncpool01.corp.contoso.com", "443");

        CHECK(n == 94 && (u = boot_url_from_43(p, n)) && u->defect == BOOT_URL_WHOLE);
        CHECK((u = boot_url_from_43(p, 90)) && u->defect == BOOT_URL_CUT);
        CHECK(strcmp(u->url, "https://lyncpool01.corp.contoso.com:443/CertProv/CertProvisioningService") == 0);
        n = opt43(p, "pool.contoso.com", "443");
        p[n++] = 0;
        p[n - 2 - 37]++; /* sub-option 5 now claims its NUL */
        CHECK((u = boot_url_from_43(p, n)) && u->defect == BOOT_URL_NUL);
        CHECK(strcmp(u->url, "https://pool.contoso.com:443/CertProv/CertProvisioningService.svc") == 0);
    }
    /* Every ACK of a site carries the same bytes, read once and answered
     * again from the copy kept; other bytes, even one, are read anew. */
    {
        uint8_t q[200];
        size_t n = opt43(p, "pool.contoso.com", "4443");

        memcpy(q, p, n);
        CHECK((u = boot_url_from_43(p, n)) && u->port == 4443);
        CHECK((u = boot_url_from_43(q, n)) && u->port == 4443 && u->complete && u->defect == BOOT_URL_WHOLE);
        CHECK(strcmp(u->url, "https://pool.contoso.com:4443/CertProv/CertProvisioningService.svc") == 0);
        q[n - 1] = 'x';
        CHECK((u = boot_url_from_43(q, n)) && strcmp(u->url, "https://pool.contoso.com:4443/CertProv/CertProvisioningService.svx") == 0);
        q[1] = 0; /* no longer MS-UC-Client */
        CHECK(!(u = boot_url_from_43(q, n)));
        CHECK(!(u = boot_url_from_43(q, n)));
        CHECK((u = boot_url_from_43(p, n)) && u->port == 4443);
    }
    CHECK(boot_registrar_from_120(o120, sizeof o120, name, sizeof name) && strcmp(name, "sip.contoso.com") == 0);
    CHECK(!boot_registrar_from_120(o120, sizeof o120 - 1, name, sizeof name));
}

static void *
grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return realloc(old, size);
}

static const boot_env_t env = { grow, NULL, 300 * SEC, NULL };

#define PHONE 0x0a4e010au
#define POOL 0x0a4e0305u

/* A phone that has its URL (pool.contoso.com:443) and registrar. */
static void
phone_with_url(boot_phone_t *ph)
{
    uint8_t o43[200];
    static const uint8_t o120[] = { 0, 3, 's', 'i', 'p', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0 };
    boot_dhcp_t d;
    boot_event_t e;

    boot_phone_init(ph, 1);
    memset(&d, 0, sizeof d);
    d.type = 8;
    d.ciaddr = PHONE;
    d.attempt = 1;
    e = boot_observe_dhcp(ph, &env, 1, 0, &d);
    /* The INFORM shows the lease in use; it is not the lease's frame. */
    CHECK(e.kind == BOOT_EV_INFORM && ph->state[BOOT_STEP_LEASE] == BOOT_ST_OK && !ph->step_frame[BOOT_STEP_LEASE]);
    CHECK(ph->state[BOOT_STEP_INFORM] == BOOT_ST_STARTED && ph->step_frame[BOOT_STEP_INFORM] == 1);
    memset(&d, 0, sizeof d);
    d.type = 5;
    d.ref_frame = 1;
    d.opt43 = o43;
    d.opt43_len = opt43(o43, "pool.contoso.com", "443");
    d.opt120 = o120;
    d.opt120_len = sizeof o120;
    e = boot_observe_dhcp(ph, &env, 2, SEC / 10, &d);
    CHECK(e.kind == BOOT_EV_INFORM_ACK && e.value == 1 && ph->state[BOOT_STEP_INFORM] == BOOT_ST_OK);
    CHECK(ph->registrar && strcmp(ph->registrar, "sip.contoso.com") == 0);
}

static boot_event_t
dns_event(boot_phone_t *ph, uint32_t frame, int64_t t, bool response, uint8_t rcode, const char *name, unsigned n_a)
{
    uint8_t p[512];
    boot_dns_t d;
    size_t n = dns(p, (uint16_t)frame, response, rcode, name, BOOT_DNS_TYPE_A, n_a);

    CHECK(boot_dns_parse(p, n, &d));
    return boot_observe_dns(ph, &env, frame, t, &d);
}

static boot_event_t
tcp(boot_phone_t *ph, uint32_t frame, int64_t t, bool from_phone, uint16_t sport, uint8_t flags, const uint8_t *p,
    size_t n)
{
    boot_tls_t tls;
    bool is_tls = p && boot_tls_scan(p, n, &tls);

    return boot_observe_tcp(ph, &env, frame, t, from_phone, POOL, 50000, sport, flags, is_tls ? &tls : NULL);
}

static void
test_working_phone(void)
{
    boot_phone_t ph;
    boot_event_t e, again;
    uint8_t p[512], q[48];
    boot_ntp_t n;

    phone_with_url(&ph);
    e = dns_event(&ph, 3, SEC, false, 0, "pool.contoso.com", 0);
    CHECK(e.kind == BOOT_EV_DNS_QUERY && e.step == BOOT_STEP_DNS);
    e = dns_event(&ph, 4, SEC + 1000, true, 0, "pool.contoso.com", 1);
    CHECK(e.kind == BOOT_EV_DNS_ANSWER && e.ref_frame == 3 && ph.net && ph.net->n_prov_addr == 1 && ph.net->prov_addr[0] == POOL);
    /* A name the bootstrap does not use is not tracked. */
    CHECK(dns_event(&ph, 5, SEC, false, 0, "www.example.com", 0).kind == BOOT_EV_NONE);

    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_CLIENT, 0), &n);
    CHECK(boot_observe_ntp(&ph, &env, 6, 2 * SEC, true, 0x0a4e0301u, &n).kind == BOOT_EV_NTP_REQUEST);
    /* The server says 1970 + 2 s + 60 s: a minute ahead of the capture. */
    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_SERVER, (uint32_t)(2208988800LL + 62)), &n);
    e = boot_observe_ntp(&ph, &env, 7, 2 * SEC, false, 0x0a4e0301u, &n);
    CHECK(e.kind == BOOT_EV_NTP_ANSWER && e.ref_frame == 6 && e.finding == 0);
    CHECK(e.value == 60 * SEC + SEC / 2);

    CHECK(tcp(&ph, 8, 3 * SEC, true, 443, BOOT_TCP_SYN, NULL, 0).kind == BOOT_EV_SYN);
    CHECK(tcp(&ph, 9, 3 * SEC, false, 443, BOOT_TCP_SYN | BOOT_TCP_ACK, NULL, 0).kind == BOOT_EV_SYN_ACK);
    e = tcp(&ph, 10, 3 * SEC, true, 443, BOOT_TCP_ACK, p, client_hello(p, "pool.contoso.com"));
    CHECK(e.kind == BOOT_EV_CLIENT_HELLO && e.finding == 0);
    e = tcp(&ph, 11, 3 * SEC, false, 443, BOOT_TCP_ACK, p, server_hello(p, 0x0303));
    CHECK(e.kind == BOOT_EV_SERVER_HELLO && e.value == 0x0303);
    rec(p, BOOT_TLS_CT_CCS, 1);
    p[5] = 1;
    e = tcp(&ph, 12, 3 * SEC, false, 443, BOOT_TCP_ACK, p, 6);
    CHECK(e.kind == BOOT_EV_TLS_DONE && ph.state[BOOT_STEP_PROV] == BOOT_ST_OK);
    /* The close_notify after the handshake is no failure. */
    e = tcp(&ph, 13, 4 * SEC, true, 443, BOOT_TCP_ACK, p, alert(p, 1, 0));
    CHECK(e.kind == BOOT_EV_NONE && e.finding == 0 && ph.state[BOOT_STEP_PROV] == BOOT_ST_OK);

    CHECK(boot_furthest(&ph) == BOOT_STEP_PROV && ph.findings == 0 && ph.stop_step == 0);
    /* Later passes see what the first pass recorded. */
    CHECK(boot_event_lookup(&ph, 10, &again) && again.kind == BOOT_EV_CLIENT_HELLO);
    CHECK(!boot_event_lookup(&ph, 5, &again));
    boot_phone_release(&ph, free);
}

static void
test_dns_failures(void)
{
    boot_phone_t ph;
    boot_event_t e;

    phone_with_url(&ph);
    dns_event(&ph, 3, SEC, false, 0, "pool.contoso.com", 0);
    e = dns_event(&ph, 4, SEC, true, BOOT_DNS_RCODE_NXDOMAIN, "pool.contoso.com", 0);
    CHECK(e.kind == BOOT_EV_DNS_ERROR && e.value == BOOT_DNS_RCODE_NXDOMAIN && e.finding == BOOT_F_DNS_FAILED);
    CHECK(ph.stop_step == BOOT_STEP_DNS && ph.stop_frame == 4);
    /* Once per phone; the failed step keeps the frame that failed it. */
    dns_event(&ph, 5, 2 * SEC, false, 0, "pool.contoso.com", 0);
    CHECK(ph.step_frame[BOOT_STEP_DNS] == 4);
    e = dns_event(&ph, 6, 2 * SEC, true, BOOT_DNS_RCODE_NXDOMAIN, "pool.contoso.com", 0);
    CHECK(e.finding == 0);
    boot_phone_release(&ph, free);

    /* Unanswered: the retry a second later says so; a quick repeat does not,
     * and the step names the latest try. */
    phone_with_url(&ph);
    dns_event(&ph, 3, SEC, false, 0, "sip.contoso.com", 0);
    CHECK(dns_event(&ph, 4, SEC + SEC / 10, false, 0, "sip.contoso.com", 0).finding == 0);
    CHECK(ph.state[BOOT_STEP_DNS] == BOOT_ST_STARTED && ph.step_frame[BOOT_STEP_DNS] == 4);
    e = dns_event(&ph, 5, 3 * SEC, false, 0, "sip.contoso.com", 0);
    CHECK(e.finding == BOOT_F_DNS_FAILED && e.ref_frame == 4);
    boot_phone_release(&ph, free);

    /* A fallback name that fails is the phone trying the next one. */
    phone_with_url(&ph);
    dns_event(&ph, 3, SEC, false, 0, "_sipinternaltls._tcp.contoso.com", 0);
    e = dns_event(&ph, 4, SEC, true, BOOT_DNS_RCODE_NXDOMAIN, "_sipinternaltls._tcp.contoso.com", 0);
    CHECK(e.kind == BOOT_EV_DNS_ERROR && e.finding == 0);
    boot_phone_release(&ph, free);
}

static void
test_ntp_failures(void)
{
    boot_phone_t ph;
    boot_event_t e;
    uint8_t q[48];
    boot_ntp_t n;

    phone_with_url(&ph);
    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_CLIENT, 0), &n);
    CHECK(boot_observe_ntp(&ph, &env, 3, SEC, true, 1, &n).finding == 0);
    e = boot_observe_ntp(&ph, &env, 4, 3 * SEC, true, 1, &n);
    CHECK(e.finding == BOOT_F_NTP_UNANSWERED && ph.stop_step == BOOT_STEP_NTP);
    CHECK(boot_observe_ntp(&ph, &env, 5, 5 * SEC, true, 1, &n).finding == 0);
    boot_phone_release(&ph, free);

    /* No _ntp._udp record, so time.windows.com: the finding can say so. */
    phone_with_url(&ph);
    {
        uint8_t p[512];
        boot_dns_t d;
        size_t len = dns(p, 7, false, 0, "_ntp._udp.contoso.com", BOOT_DNS_TYPE_SRV, 0);

        CHECK(boot_dns_parse(p, len, &d));
        boot_observe_dns(&ph, &env, 3, SEC, &d);
        len = dns(p, 7, true, 3, "_ntp._udp.contoso.com", BOOT_DNS_TYPE_SRV, 0);
        CHECK(boot_dns_parse(p, len, &d));
        boot_observe_dns(&ph, &env, 4, SEC, &d);
    }
    CHECK(ph.net && ph.net->ntp_srv_missing && ph.stop_step == 0); /* the fallback may still work */
    CHECK(boot_ntp_origin(&ph, 0x0a4e0305u) == BOOT_NTP_FROM_UNKNOWN);
    dns_event(&ph, 5, SEC, false, 0, "time.windows.com", 0);
    dns_event(&ph, 6, SEC, true, 0, "time.windows.com", 1);
    CHECK(boot_ntp_origin(&ph, 0x0a4e0305u) == BOOT_NTP_FROM_FALLBACK_NO_SRV);
    CHECK(boot_ntp_origin(&ph, 0x0a4e0306u) == BOOT_NTP_FROM_UNKNOWN);
    boot_phone_release(&ph, free);

    /* An hour off: found, and the phone goes on. */
    phone_with_url(&ph);
    boot_observe_ntp(&ph, &env, 3, 3600 * SEC, true, 1, &n);
    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_SERVER, (uint32_t)2208988800LL), &n);
    e = boot_observe_ntp(&ph, &env, 4, 3600 * SEC, false, 1, &n);
    CHECK(e.finding == BOOT_F_CLOCK_SKEW && e.value < -3599 * SEC && ph.stop_step == 0);
    CHECK(ph.state[BOOT_STEP_NTP] == BOOT_ST_OK);
    boot_phone_release(&ph, free);
}

/* Timestamps no clock shows, or an NTP answer at the edge of its eras: no
 * offset, no "clock 7532360837 s behind", no retry judged from them. */
static void
test_absurd_times(void)
{
    static const int64_t far[] = { INT64_MAX, INT64_MIN + 1, UCD_NS_NONE };
    static const uint32_t xmit[] = { 0x7fffffffu, 0x80000000u, 0xffffffffu };
    boot_phone_t ph;
    boot_event_t e;
    uint8_t q[48];
    boot_ntp_t n;
    unsigned k, x;

    for (k = 0; k < sizeof far / sizeof far[0]; k++) {
        for (x = 0; x < sizeof xmit / sizeof xmit[0]; x++) {
            phone_with_url(&ph);
            boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_CLIENT, 0), &n);
            boot_observe_ntp(&ph, &env, 3, SEC, true, 1, &n);
            /* A retry an absurd time later is not a retry: no verdict. */
            CHECK(boot_observe_ntp(&ph, &env, 4, far[k], true, 1, &n).finding == 0);
            boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_SERVER, xmit[x]), &n);
            e = boot_observe_ntp(&ph, &env, 5, far[k], false, 1, &n);
            CHECK(e.kind == BOOT_EV_NTP_ANSWER && e.value == UCD_NS_NONE && e.finding == 0);
            CHECK(ph.state[BOOT_STEP_NTP] == BOOT_ST_OK);
            boot_phone_release(&ph, free);
        }
    }
    /* The earliest NTP time against the latest known capture time: a real,
     * huge offset, computed without overflow. */
    phone_with_url(&ph);
    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_CLIENT, 0), &n);
    boot_observe_ntp(&ph, &env, 3, SEC, true, 1, &n);
    boot_ntp_parse(q, ntp(q, BOOT_NTP_MODE_SERVER, 0x80000000u), &n);
    e = boot_observe_ntp(&ph, &env, 4, UCD_NS_LIMIT - 1, false, 1, &n);
    CHECK(e.finding == BOOT_F_CLOCK_SKEW && e.value == n.xmit_unix_ns - (UCD_NS_LIMIT - 1));
    boot_phone_release(&ph, free);

    /* DNS and TCP retries across an unknown time are not judged. */
    phone_with_url(&ph);
    dns_event(&ph, 3, SEC, false, 0, "pool.contoso.com", 0);
    CHECK(dns_event(&ph, 4, INT64_MIN + 1, false, 0, "pool.contoso.com", 0).finding == 0);
    CHECK(tcp(&ph, 5, INT64_MAX, true, 443, BOOT_TCP_SYN, NULL, 0).kind == BOOT_EV_SYN);
    e = tcp(&ph, 6, INT64_MIN + 1, true, 443, BOOT_TCP_SYN, NULL, 0);
    CHECK(e.kind == BOOT_EV_SYN_RETRY && e.finding == 0);
    boot_phone_release(&ph, free);
}

static void
test_connection_failures(void)
{
    boot_phone_t ph;
    boot_event_t e;
    uint8_t p[512];

    /* Closed port: the reset answers the SYN. */
    phone_with_url(&ph);
    tcp(&ph, 3, SEC, true, 443, BOOT_TCP_SYN, NULL, 0);
    e = tcp(&ph, 4, SEC, false, 443, BOOT_TCP_RST | BOOT_TCP_ACK, NULL, 0);
    CHECK(e.kind == BOOT_EV_RESET && e.finding == BOOT_F_NO_CONNECTION && e.ref_frame == 3);
    CHECK(ph.state[BOOT_STEP_PROV] == BOOT_ST_FAILED && ph.stop_step == BOOT_STEP_PROV);
    boot_phone_release(&ph, free);

    /* Dropped: the SYN retransmitted a second later. */
    phone_with_url(&ph);
    tcp(&ph, 3, SEC, true, 5061, BOOT_TCP_SYN, NULL, 0);
    e = tcp(&ph, 4, 2 * SEC, true, 5061, BOOT_TCP_SYN, NULL, 0);
    CHECK(e.kind == BOOT_EV_SYN_RETRY && e.step == BOOT_STEP_SIP && e.finding == BOOT_F_NO_CONNECTION);
    boot_phone_release(&ph, free);

    /* Untrusted chain: the phone's unknown_ca alert ends the handshake. */
    phone_with_url(&ph);
    tcp(&ph, 3, SEC, true, 443, BOOT_TCP_SYN, NULL, 0);
    tcp(&ph, 4, SEC, false, 443, BOOT_TCP_SYN | BOOT_TCP_ACK, NULL, 0);
    tcp(&ph, 5, SEC, true, 443, BOOT_TCP_ACK, p, client_hello(p, "pool.contoso.com"));
    tcp(&ph, 6, SEC, false, 443, BOOT_TCP_ACK, p, server_hello(p, 0x0303));
    e = tcp(&ph, 7, SEC, true, 443, BOOT_TCP_ACK, p, alert(p, 2, 48));
    CHECK(e.kind == BOOT_EV_TLS_ALERT && e.value == (2 << 8 | 48) && e.finding == BOOT_F_TLS_FAILED);
    /* The reset that follows adds nothing. */
    CHECK(tcp(&ph, 8, SEC, true, 443, BOOT_TCP_RST, NULL, 0).kind == BOOT_EV_NONE);
    boot_phone_release(&ph, free);

    /* TLS 1.3: the alert is encrypted, 19 bytes after the ServerHello. */
    phone_with_url(&ph);
    tcp(&ph, 3, SEC, true, 443, BOOT_TCP_SYN, NULL, 0);
    tcp(&ph, 4, SEC, false, 443, BOOT_TCP_SYN | BOOT_TCP_ACK, NULL, 0);
    tcp(&ph, 5, SEC, true, 443, BOOT_TCP_ACK, p, client_hello(p, "pool.contoso.com"));
    tcp(&ph, 6, SEC, false, 443, BOOT_TCP_ACK, p, server_hello(p, 0x0304));
    rec(p, BOOT_TLS_CT_APPDATA, BOOT_TLS13_ALERT_LEN);
    memset(p + 5, 0x5a, BOOT_TLS13_ALERT_LEN);
    e = tcp(&ph, 7, SEC, true, 443, BOOT_TCP_ACK, p, 5 + BOOT_TLS13_ALERT_LEN);
    CHECK(e.kind == BOOT_EV_TLS_ALERT && e.value == 0xffff && e.finding == BOOT_F_TLS_FAILED);
    boot_phone_release(&ph, free);

    /* A stale host: TLS to the provisioning port with another name. */
    phone_with_url(&ph);
    tcp(&ph, 3, SEC, true, 443, BOOT_TCP_SYN, NULL, 0);
    tcp(&ph, 4, SEC, false, 443, BOOT_TCP_SYN | BOOT_TCP_ACK, NULL, 0);
    e = tcp(&ph, 5, SEC, true, 443, BOOT_TCP_ACK, p, client_hello(p, "oldpool.contoso.com"));
    CHECK(e.kind == BOOT_EV_CLIENT_HELLO && e.finding == BOOT_F_URL_MISMATCH && ph.stop_step == 0);
    boot_phone_release(&ph, free);
}

/* A lease seen after an INFORM implied one gets that lease's frame. */
static void
test_lease_after_inform(void)
{
    boot_phone_t ph;
    boot_dhcp_t d;
    char text[128];

    phone_with_url(&ph);
    memset(&d, 0, sizeof d);
    d.type = 5;
    d.yiaddr = PHONE;
    boot_observe_dhcp(&ph, &env, 9, SEC, &d);
    CHECK(ph.state[BOOT_STEP_LEASE] == BOOT_ST_OK && ph.step_frame[BOOT_STEP_LEASE] == 9);
    boot_steps_text(&ph, text, sizeof text);
    CHECK(strcmp(text, "lease #9, INFORM #2") == 0);
    boot_phone_release(&ph, free);
}

static void
test_bounds(void)
{
    boot_phone_t ph;
    uint32_t f;
    char text[512];

    /* A phone retrying for ever keeps its state bounded. */
    phone_with_url(&ph);
    for (f = 3; f < 2000; f++)
        dns_event(&ph, f, (int64_t)f * SEC, false, 0, "sip.contoso.com", 0);
    CHECK(ph.n_ev == BOOT_MAX_EVENTS && ph.unrecorded && ph.n_names == 1);
    /* the names it looked up live with its addresses */
    CHECK(ph.net && ph.net->names && strcmp(ph.net->names[0].name, "sip.contoso.com") == 0);
    for (f = 0; f < 40; f++) {
        char name[64];
        snprintf(name, sizeof name, "sip.example%u.com", f);
        dns_event(&ph, 3000 + f, 0, false, 0, name, 0);
    }
    CHECK(ph.n_names == BOOT_MAX_NAMES);
    CHECK(boot_steps_text(&ph, text, sizeof text) > 0);
    CHECK(strstr(text, "lease in use") && strstr(text, "INFORM #2") && strstr(text, "DNS failed"));
    boot_phone_release(&ph, free);
}

/* Counts the blocks a phone takes anew (realloc of NULL). */
static unsigned fresh_blocks;

static void *
counting_grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    if (!old)
        fresh_blocks++;
    return realloc(old, size);
}

/* A DHCP server's capture holds thousands of phones that only ask and are
 * told the same: each must cost little, and what they are told is kept once. */
static void
test_phones_told_alike(void)
{
    static const uint8_t o120[] = { 0, 3, 's', 'i', 'p', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0 };
    const boot_env_t shared = { grow, NULL, 300 * SEC, intern };
    boot_phone_t ph[2];
    uint8_t o43[200];
    boot_dhcp_t d;
    size_t i;

    for (i = 0; i < 2; i++) {
        boot_phone_init(&ph[i], (uint32_t)(1 + 2 * i));
        memset(&d, 0, sizeof d);
        d.type = 8;
        d.ciaddr = PHONE + (uint32_t)i;
        d.attempt = 1;
        CHECK(boot_observe_dhcp(&ph[i], &shared, (uint32_t)(1 + 2 * i), 0, &d).kind == BOOT_EV_INFORM);
        memset(&d, 0, sizeof d);
        d.type = 5;
        d.ref_frame = (uint32_t)(1 + 2 * i);
        d.opt43 = o43;
        d.opt43_len = opt43(o43, "pool.contoso.com", "443");
        d.opt120 = o120;
        d.opt120_len = sizeof o120;
        CHECK(boot_observe_dhcp(&ph[i], &shared, (uint32_t)(2 + 2 * i), SEC / 10, &d).kind == BOOT_EV_INFORM_ACK);
        CHECK(ph[i].url && strcmp(ph[i].url->host, "pool.contoso.com") == 0 && ph[i].url->port == 443);
        CHECK(ph[i].registrar && strcmp(ph[i].registrar, "sip.contoso.com") == 0);
        /* Nothing looked up, no time asked: no room kept for it. */
        CHECK(!ph[i].net && ph[i].n_names == 0 && ph[i].n_conns == 0 && ph[i].n_ev == 2);
    }
    CHECK(ph[0].url == ph[1].url && ph[0].registrar == ph[1].registrar);
    /* Told again by a second ACK: nothing new is kept. */
    CHECK(n_interned == 4); /* the URL, its host, the URL record, the registrar */
    CHECK(boot_observe_dhcp(&ph[0], &shared, 9, SEC, &d).kind == BOOT_EV_INFORM_ACK && n_interned == 4);
    /* What every phone costs with its first two events inside: 160 bytes,
     * where it was 136 and another 48 for them (and 344 before the parts
     * not every phone has were split off). */
    CHECK(sizeof(boot_phone_t) <= 160 && ph[1].cap_ev == BOOT_INLINE_EVENTS && ph[0].cap_ev > BOOT_INLINE_EVENTS);
    for (i = 0; i < 2; i++)
        boot_phone_release(&ph[i], free);
    intern_free_all();
}

static void
test_repeated_acks(void)
{
    const boot_env_t cenv = { counting_grow, NULL, 300 * SEC, NULL };
    boot_phone_t ph;
    unsigned i;

    /* Every ACK of a phone retrying for ever repeats its URL and registrar:
     * the phone keeps one block of each, not one per ACK. */
    boot_phone_init(&ph, 1);
    fresh_blocks = 0;
    for (i = 0; i < 1000; i++) {
        boot_phone_set_url(&ph, &cenv, "https://pool.contoso.com:443/CertProv/CertProvisioningService.svc",
                           "pool.contoso.com", 443, true, BOOT_URL_WHOLE);
        boot_phone_set_registrar(&ph, &cenv, "sip.contoso.com");
    }
    CHECK(fresh_blocks == 2);
    /* Another URL or registrar takes the place of the old one. */
    boot_phone_set_url(&ph, &cenv, "https://pool2.contoso.com:4443/CertProv/CertProvisioningService.svc",
                       "pool2.contoso.com", 4443, false, BOOT_URL_WHOLE);
    boot_phone_set_registrar(&ph, &cenv, "sip2.contoso.com");
    CHECK(fresh_blocks == 2);
    CHECK(strcmp(ph.url->host, "pool2.contoso.com") == 0 && ph.url->port == 4443 && !ph.url->complete);
    CHECK(strcmp(ph.url->url, "https://pool2.contoso.com:4443/CertProv/CertProvisioningService.svc") == 0);
    CHECK(strcmp(ph.registrar, "sip2.contoso.com") == 0);
    boot_phone_release(&ph, free);
}

int
main(void)
{
    test_dhcp_values();
    test_working_phone();
    test_dns_failures();
    test_ntp_failures();
    test_absurd_times();
    test_connection_failures();
    test_lease_after_inform();
    test_bounds();
    test_repeated_acks();
    test_phones_told_alike();
    return check_summary();
}
