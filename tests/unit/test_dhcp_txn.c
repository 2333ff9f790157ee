/* Unit tests of DHCPINFORM parsing, pairing and path findings.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_txn.h"
#include "ns_time.h"
#include "check.h"
#include "intern_table.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))
#define SEC 1000000000LL

static const uint32_t CLIENT = IP(10, 78, 1, 10), RELAY = IP(10, 78, 1, 1), RELAY_UP = IP(10, 78, 2, 1),
                      SERVER = IP(10, 78, 2, 10), SERVER2 = IP(10, 78, 3, 10), BCAST = 0xffffffffu;

static void *
grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return realloc(old, size);
}

/* ---- Building frames for the parser ---- */

/* Ethernet + IPv4 + UDP + DHCP with the given options; returns the length. */
static size_t
frame(uint8_t *f, uint8_t op, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport, uint8_t ttl,
      uint32_t ciaddr, uint32_t giaddr, uint16_t flags, const uint8_t *opts, size_t optlen)
{
    size_t ip = 14, udp = 34, d = 42, n = d + 240 + optlen;

    memset(f, 0, n + 8);
    f[12] = 0x08;
    f[ip] = 0x45;
    f[ip + 2] = (uint8_t)((n - ip) >> 8); f[ip + 3] = (uint8_t)(n - ip);
    f[ip + 8] = ttl;
    f[ip + 9] = 17;
    put32(f + ip + 12, src);
    put32(f + ip + 16, dst);
    f[udp] = (uint8_t)(sport >> 8); f[udp + 1] = (uint8_t)sport;
    f[udp + 2] = (uint8_t)(dport >> 8); f[udp + 3] = (uint8_t)dport;
    f[udp + 4] = (uint8_t)((n - udp) >> 8); f[udp + 5] = (uint8_t)(n - udp);
    f[d] = op; f[d + 1] = 1; f[d + 2] = 6;
    put32(f + d + 4, 0x11223344);
    f[d + 10] = (uint8_t)(flags >> 8); f[d + 11] = (uint8_t)flags;
    put32(f + d + 12, ciaddr);
    put32(f + d + 24, giaddr);
    memcpy(f + d + 28, "\x02\x00\x00\x00\x00\x01", 6);
    put32(f + d + 236, DHCP_MAGIC_COOKIE);
    memcpy(f + d + 240, opts, optlen);
    return n;
}

static void
test_parse(void)
{
    static const uint8_t inform_opts[] = { 53, 1, 8, 60, 12, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n',
                                           't', 55, 3, 1, 43, 120, 255 };
    static const uint8_t ack_opts[] = { 53, 1, 5, 54, 4, 10, 78, 2, 10, 43, 14, 1, 12, 'M', 'S', '-', 'U', 'C',
                                        '-', 'C', 'l', 'i', 'e', 'n', 't', 255, 0, 0, 0 };
    static const uint8_t ack_fqdn_only[] = { 53, 1, 5, 43, 5, 3, 3, 'a', '.', 'b', 120, 3, 0, 1, 'x', 255 };
    static const uint8_t ack_msft[] = { 53, 1, 5, 43, 6, 1, 4, 0, 0, 0, 2, 255 };
    /* Reverse order, cut inside sub-option 1 (a router's 90-byte cut): the
     * web server is there, the cut is msuc's to report. */
    static const uint8_t ack_cut[] = { 53, 1, 5, 43, 10, 3, 3, 'a', '.', 'b', 1, 12, 'M', 'S', '-', 255 };
    uint8_t f[600];
    size_t n;
    dhcp_msg_t m;

    n = frame(f, 1, CLIENT, BCAST, 68, 67, 64, CLIENT, 0, 0, inform_opts, sizeof inform_opts);
    CHECK(dhcp_msg_parse(f, n, 14, &m));
    CHECK(m.kind == DHCP_KIND_INFORM && m.ttl == 64 && m.ip_src == CLIENT && m.ip_dst == BCAST);
    CHECK(m.view.xid == 0x11223344 && m.view.ciaddr == CLIENT && m.view.giaddr == 0);
    CHECK(m.asks_43 && m.asks_120 && m.vendor_class_len == 12 && memcmp(m.vendor_class, "MS-UC-Client", 12) == 0);

    n = frame(f, 2, SERVER, CLIENT, 67, 68, 127, CLIENT, RELAY, 0, ack_opts, sizeof ack_opts);
    CHECK(dhcp_msg_parse(f, n, 14, &m));
    CHECK(m.kind == DHCP_KIND_ACK && m.server_id == SERVER && m.has_43 && m.has_uc_43 && !m.has_120);
    CHECK(m.view.giaddr == RELAY && m.ttl == 127);

    n = frame(f, 2, SERVER, CLIENT, 67, 68, 64, CLIENT, 0, 0, ack_fqdn_only, sizeof ack_fqdn_only);
    CHECK(dhcp_msg_parse(f, n, 14, &m) && m.has_uc_43 && m.has_120);
    /* MSFT 5.0-style bytes are option 43, but not what a phone needs. */
    n = frame(f, 2, SERVER, CLIENT, 67, 68, 64, CLIENT, 0, 0, ack_msft, sizeof ack_msft);
    CHECK(dhcp_msg_parse(f, n, 14, &m) && m.has_43 && !m.has_uc_43);
    n = frame(f, 2, SERVER, CLIENT, 67, 68, 64, CLIENT, 0, 0, ack_cut, sizeof ack_cut);
    CHECK(dhcp_msg_parse(f, n, 14, &m) && m.has_43 && m.has_uc_43);

    /* Not DHCP ports, not UDP, a later fragment, a short frame, no cookie. */
    n = frame(f, 1, CLIENT, BCAST, 68, 53, 64, CLIENT, 0, 0, inform_opts, sizeof inform_opts);
    CHECK(!dhcp_msg_parse(f, n, 14, &m));
    n = frame(f, 1, CLIENT, BCAST, 68, 67, 64, CLIENT, 0, 0, inform_opts, sizeof inform_opts);
    f[14 + 9] = 6;
    CHECK(!dhcp_msg_parse(f, n, 14, &m));
    f[14 + 9] = 17;
    f[14 + 7] = 0x10;
    CHECK(!dhcp_msg_parse(f, n, 14, &m));
    f[14 + 7] = 0;
    CHECK(!dhcp_msg_parse(f, 42 + 200, 14, &m));
    CHECK(!dhcp_msg_parse(f, n, 600, &m));
    f[42 + 236] = 0;
    CHECK(!dhcp_msg_parse(f, n, 14, &m));
    /* Every truncation of a good frame is rejected or parsed in bounds. */
    n = frame(f, 1, CLIENT, BCAST, 68, 67, 64, CLIENT, 0, 0, inform_opts, sizeof inform_opts);
    {
        size_t cut;
        int ok = 1;
        for (cut = 0; cut <= n; cut++) {
            uint8_t *copy = malloc(cut ? cut : 1);
            memcpy(copy, f, cut);
            if (dhcp_msg_parse(copy, cut, 14, &m) && m.view.options_end > cut)
                ok = 0;
            free(copy);
        }
        CHECK(ok);
    }
}

/* ---- Transactions ---- */

static dhcp_msg_t
inform(uint32_t src, uint32_t dst, uint32_t giaddr, uint16_t secs)
{
    dhcp_msg_t m;

    memset(&m, 0, sizeof m);
    m.kind = DHCP_KIND_INFORM;
    m.ttl = 64;
    m.ip_src = src;
    m.ip_dst = dst;
    m.sport = giaddr ? 67 : 68;
    m.dport = 67;
    m.view.op = DHCP_OP_REQUEST;
    m.view.xid = 0x11223344;
    m.view.ciaddr = CLIENT;
    m.view.giaddr = giaddr;
    m.view.secs = secs;
    memcpy(m.vendor_class, "MS-UC-Client", 12);
    m.vendor_class_len = 12;
    m.asks_43 = m.asks_120 = true;
    return m;
}

static dhcp_msg_t
ack(uint32_t src, uint32_t dst, uint16_t dport, uint32_t giaddr, uint8_t ttl)
{
    dhcp_msg_t m;

    memset(&m, 0, sizeof m);
    m.kind = DHCP_KIND_ACK;
    m.ttl = ttl;
    m.ip_src = src;
    m.ip_dst = dst;
    m.sport = 67;
    m.dport = dport;
    m.view.op = DHCP_OP_REPLY;
    m.view.xid = 0x11223344;
    m.view.ciaddr = CLIENT;
    m.view.giaddr = giaddr;
    m.server_id = SERVER;
    m.has_43 = m.has_uc_43 = m.has_120 = true;
    return m;
}

/* Field by field: the padding of two copies need not agree. */
static bool
same_sighting(const dhcp_sighting_t *a, const dhcp_sighting_t *b)
{
    return a->frame == b->frame && a->src == b->src && a->dst == b->dst && a->giaddr == b->giaddr &&
           a->server == b->server && a->copy_of == b->copy_of && a->peer == b->peer && a->prev == b->prev &&
           a->t_ns == b->t_ns && a->response_ns == b->response_ns && a->attempt == b->attempt &&
           a->findings == b->findings && a->kind == b->kind && a->path == b->path && a->certainty == b->certainty &&
           a->ttl == b->ttl && a->missing == b->missing && a->starts_attempt == b->starts_attempt;
}

static dhcp_sighting_t
see(dhcp_txn_t *t, const dhcp_msg_t *m, uint32_t frame_no, int64_t at)
{
    dhcp_sighting_t s, later;
    uint32_t unrecorded = dhcp_txn_unrecorded(t);

    memset(&s, 0, sizeof s);
    CHECK(dhcp_txn_observe(t, m, frame_no, at, 4 * SEC, grow, NULL, NULL, &s));
    /* A later pass gets the same from what the transaction kept, which
     * leaves out what it can work out again (response time, prev). */
    if (dhcp_txn_unrecorded(t) == unrecorded) {
        CHECK(dhcp_txn_lookup(t, frame_no, &later));
        later.findings &= (uint16_t)~DHCP_F_UNANSWERED;
        CHECK(same_sighting(&s, &later));
    }
    return s;
}

static void
done(dhcp_txn_t *t)
{
    dhcp_txn_release(t, free);
}

/* ISC dhcpd / Kea at the server: the relayed INFORM, then ACK to ciaddr:68. */
static void
test_bypass_at_server(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i = inform(RELAY_UP, SERVER, RELAY, 0), a = ack(SERVER, CLIENT, 68, 0, 64);
    dhcp_sighting_t s;

    dhcp_txn_init(&t);
    s = see(&t, &i, 1, 0);
    CHECK(s.attempt == 1 && s.starts_attempt && s.findings == 0 && !s.copy_of);
    s = see(&t, &a, 2, SEC / 1000);
    CHECK(s.path == DHCP_PATH_DIRECT && (s.findings & DHCP_F_BYPASS));
    CHECK(s.certainty == DHCP_CERTAINTY_RELAYED_SEEN && s.peer == 1 && s.response_ns == SEC / 1000);
    CHECK(s.server == SERVER && !(s.findings & DHCP_F_PROV_MISSING));
    CHECK(t.relay == RELAY && t.relayed_to == SERVER && t.attempts == 1 && t.acks == 1);
    /* Later passes: the INFORM knows its ACK, nothing is unanswered. */
    CHECK(dhcp_txn_lookup(&t, 1, &s) && s.peer == 2 && !(s.findings & DHCP_F_UNANSWERED));
    CHECK(dhcp_txn_lookup(&t, 2, &s) && (s.findings & DHCP_F_BYPASS));
    CHECK(!dhcp_txn_lookup(&t, 3, &s));
    done(&t);
}

/* On the client's segment: certain when the ACK names the relay (dhcpd),
 * likely when only the TTL shows a router (Kea), nothing when local. */
static void
test_bypass_from_client_segment(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i = inform(CLIENT, BCAST, 0, 0), a;
    dhcp_sighting_t s;

    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, RELAY, 63);
    s = see(&t, &a, 2, 1000);
    CHECK((s.findings & DHCP_F_BYPASS) && s.certainty == DHCP_CERTAINTY_ACK_GIADDR && t.relay == RELAY);
    done(&t);

    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 127);
    s = see(&t, &a, 2, 1000);
    CHECK((s.findings & DHCP_F_BYPASS) && s.certainty == DHCP_CERTAINTY_ROUTED && s.ttl == 127);
    CHECK(t.relay_inferred && t.relay == 0);
    done(&t);

    /* A server on the same segment (TTL untouched) is no bypass. */
    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 128);
    s = see(&t, &a, 2, 1000);
    CHECK(s.path == DHCP_PATH_DIRECT && !(s.findings & DHCP_F_BYPASS) && s.certainty == DHCP_CERTAINTY_NONE);
    done(&t);

    /* Nor an INFORM the client unicast to the server itself. */
    dhcp_txn_init(&t);
    i = inform(CLIENT, SERVER, 0, 0);
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 60);
    s = see(&t, &a, 2, 1000);
    CHECK(!(s.findings & DHCP_F_BYPASS));
    done(&t);

    CHECK(dhcp_ttl_is_initial(64) && dhcp_ttl_is_initial(255) && !dhcp_ttl_is_initial(63));
}

/* dnsmasq: the ACK goes to the relay with BROADCAST clear; dhcrelay then
 * sends it to 0.0.0.0. A relay passing it on to ciaddr is fine. */
static void
test_undeliverable(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i = inform(RELAY_UP, SERVER, RELAY, 0), a;
    dhcp_sighting_t s;

    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, RELAY, 67, RELAY, 64);
    s = see(&t, &a, 2, 1000);
    CHECK(s.path == DHCP_PATH_VIA_RELAY && (s.findings & DHCP_F_UNDELIVERABLE_NOBCAST) && !(s.findings & DHCP_F_BYPASS));
    a = ack(RELAY, 0, 68, RELAY, 128);
    s = see(&t, &a, 3, 2000);
    CHECK(s.path == DHCP_PATH_TO_ZERO && (s.findings & DHCP_F_UNDELIVERABLE_ZERO));
    CHECK(!(s.findings & DHCP_F_PROV_MISSING) && !(s.findings & DHCP_F_MULTI_SERVER)); /* same server */
    CHECK(t.paths == ((1u << DHCP_PATH_VIA_RELAY) | (1u << DHCP_PATH_TO_ZERO)));
    done(&t);

    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, RELAY, 67, RELAY, 64);
    a.view.flags = DHCP_FLAG_BROADCAST;
    s = see(&t, &a, 2, 1000);
    CHECK(s.path == DHCP_PATH_VIA_RELAY && s.findings == 0);
    a = ack(RELAY, BCAST, 68, RELAY, 64);
    a.view.flags = DHCP_FLAG_BROADCAST;
    s = see(&t, &a, 3, 2000);
    CHECK(s.path == DHCP_PATH_BROADCAST && s.findings == 0);
    a = ack(RELAY, CLIENT, 68, RELAY, 64);
    a.server_id = 0;
    s = see(&t, &a, 4, 3000);
    CHECK(s.path == DHCP_PATH_RELAY_TO_CLIENT && s.findings == 0);
    done(&t);
}

/* A firewall drops the ACK: the client retries with the same xid. */
static void
test_retries_and_unanswered(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i;
    dhcp_sighting_t s;
    dhcp_msg_t a = ack(SERVER, CLIENT, 68, 0, 64);

    /* Client's segment: nothing comes back. */
    dhcp_txn_init(&t);
    CHECK(dhcp_txn_first_frame(&t) == 0);
    i = inform(CLIENT, BCAST, 0, 0);
    s = see(&t, &i, 1, 0);
    CHECK(s.findings == 0);
    i.view.secs = 4;
    s = see(&t, &i, 2, 4 * SEC);
    CHECK(s.attempt == 2 && s.starts_attempt && (s.findings & DHCP_F_RETRY_NO_ACK) && s.prev == 1);
    i.view.secs = 13;
    s = see(&t, &i, 3, 13 * SEC);
    CHECK(s.attempt == 3 && (s.findings & DHCP_F_RETRY_NO_ACK) && s.prev == 2);
    CHECK(dhcp_txn_last_unanswered(&t) && dhcp_txn_first_frame(&t) == 1);
    /* Only the whole capture tells the last attempt was never answered. */
    CHECK(dhcp_txn_lookup(&t, 3, &s) && (s.findings & DHCP_F_UNANSWERED));
    CHECK(dhcp_txn_lookup(&t, 2, &s) && !(s.findings & DHCP_F_UNANSWERED));
    done(&t);

    /* At the server: every attempt is answered, the client still retries. */
    dhcp_txn_init(&t);
    i = inform(RELAY_UP, SERVER, RELAY, 0);
    see(&t, &i, 1, 0);
    see(&t, &a, 2, 1000);
    i.view.secs = 4;
    s = see(&t, &i, 3, 4 * SEC);
    CHECK((s.findings & DHCP_F_RETRY_AFTER_ACK) && s.prev == 2 && !(s.findings & DHCP_F_RETRY_NO_ACK));
    s = see(&t, &a, 4, 4 * SEC + 1000);
    CHECK(s.peer == 3 && (s.findings & DHCP_F_BYPASS) && !(s.findings & DHCP_F_MULTI_SERVER));
    CHECK(!dhcp_txn_last_unanswered(&t) && t.acks == 2);
    CHECK(dhcp_txn_lookup(&t, 3, &s) && s.peer == 4 && !(s.findings & DHCP_F_UNANSWERED));
    done(&t);

    /* An ACK later than the timeout. */
    dhcp_txn_init(&t);
    i = inform(RELAY_UP, SERVER, RELAY, 0);
    see(&t, &i, 1, 0);
    s = see(&t, &a, 2, 5 * SEC);
    CHECK((s.findings & DHCP_F_LATE) && s.response_ns == 5 * SEC);
    done(&t);

    /* An ACK with no INFORM before it is not ours to judge. */
    dhcp_txn_init(&t);
    CHECK(!dhcp_txn_observe(&t, &a, 1, 0, 4 * SEC, grow, NULL, NULL, &s));
    done(&t);
}

/* Timestamps no clock shows (pcapng can carry 2^63 ns, or a huge offset):
 * no response time, no lateness, and neither a copy nor a crash. The raw
 * int64 ends are what ucdiag_ns_of gave before it knew better. */
static void
test_absurd_times(void)
{
    static const int64_t far[] = { INT64_MAX, INT64_MIN + 1, UCD_NS_NONE, UCD_NS_LIMIT };
    dhcp_txn_t t;
    dhcp_msg_t i = inform(RELAY_UP, SERVER, RELAY, 0), a = ack(SERVER, CLIENT, 68, 0, 64);
    dhcp_sighting_t s;
    unsigned k;

    for (k = 0; k < sizeof far / sizeof far[0]; k++) {
        /* INFORM at an absurd time, ACK at a small one. */
        dhcp_txn_init(&t);
        see(&t, &i, 1, far[k]);
        s = see(&t, &a, 2, SEC);
        CHECK(s.peer == 1 && s.response_ns == UCD_NS_NONE && !(s.findings & DHCP_F_LATE));
        done(&t);
        /* And the other way round. */
        dhcp_txn_init(&t);
        see(&t, &i, 1, SEC);
        s = see(&t, &a, 2, far[k]);
        CHECK(s.peer == 1 && s.response_ns == UCD_NS_NONE && !(s.findings & DHCP_F_LATE));
        done(&t);
        /* A second INFORM, same secs, across the range: a retry, not a copy. */
        dhcp_txn_init(&t);
        see(&t, &i, 1, far[k] > 0 ? INT64_MIN + 1 : INT64_MAX);
        s = see(&t, &i, 2, far[k]);
        CHECK(!s.copy_of && s.attempt == 2);
        done(&t);
    }
    /* An ACK timestamped 5 s before its INFORM: the clock jumped. */
    dhcp_txn_init(&t);
    see(&t, &i, 1, 1700000000LL * SEC);
    s = see(&t, &a, 2, 1700000000LL * SEC - 5 * SEC);
    CHECK(s.response_ns == UCD_NS_NONE && !(s.findings & DHCP_F_LATE));
    done(&t);
}

/* A merged capture: one attempt seen at the client, both relay sides and
 * the server. Copies are not retries; the two legs are one attempt. */
static void
test_merged_copies(void)
{
    dhcp_txn_t t;
    dhcp_msg_t bc = inform(CLIENT, BCAST, 0, 0), rel = inform(RELAY_UP, SERVER, RELAY, 0);
    dhcp_msg_t a = ack(SERVER, CLIENT, 68, 0, 64), a_routed = ack(SERVER, CLIENT, 68, 0, 63);
    dhcp_sighting_t s;

    dhcp_txn_init(&t);
    s = see(&t, &bc, 1, 0);
    CHECK(s.starts_attempt && !s.copy_of);
    s = see(&t, &bc, 2, 10000);
    CHECK(s.attempt == 1 && s.copy_of == 1 && !s.starts_attempt && s.findings == 0);
    s = see(&t, &rel, 3, 20000);
    CHECK(s.attempt == 1 && !s.copy_of && s.findings == 0);
    s = see(&t, &rel, 4, 30000);
    CHECK(s.copy_of == 3);
    s = see(&t, &a, 5, 40000);
    CHECK((s.findings & DHCP_F_BYPASS) && s.peer == 3 && !s.copy_of);
    s = see(&t, &a, 6, 50000);
    CHECK(s.copy_of == 5 && s.findings == 0);
    s = see(&t, &a_routed, 7, 60000);
    CHECK(s.copy_of == 5 && s.findings == 0);
    CHECK(t.attempts == 1 && t.acks == 1 && !dhcp_txn_last_unanswered(&t));
    /* All four INFORM sightings learn the ACK. */
    CHECK(dhcp_txn_lookup(&t, 2, &s) && s.peer == 5);
    CHECK(dhcp_txn_lookup(&t, 4, &s) && s.peer == 5);
    /* The same leg again after the window is a retry, even with equal secs. */
    s = see(&t, &bc, 8, 5 * SEC);
    CHECK(s.attempt == 2 && s.starts_attempt && (s.findings & DHCP_F_RETRY_AFTER_ACK));
    done(&t);
}

static void
test_provisioning_and_servers(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i = inform(RELAY_UP, SERVER, RELAY, 0), a;
    dhcp_sighting_t s;

    dhcp_txn_init(&t);
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 64);
    a.has_uc_43 = false;
    s = see(&t, &a, 2, 1000);
    CHECK((s.findings & DHCP_F_PROV_MISSING) && s.missing == DHCP_MISSING_43);
    a = ack(SERVER2, CLIENT, 68, 0, 64);
    a.server_id = SERVER2;
    a.has_43 = a.has_uc_43 = a.has_120 = false;
    s = see(&t, &a, 3, 2000);
    CHECK((s.findings & DHCP_F_MULTI_SERVER) && s.prev == 2 && s.server == SERVER2);
    CHECK((s.findings & DHCP_F_PROV_MISSING) && s.missing == (DHCP_MISSING_43 | DHCP_MISSING_120));
    CHECK(t.n_servers == 2);
    done(&t);

    /* Another vendor class asks for nothing of ours. */
    dhcp_txn_init(&t);
    memcpy(i.vendor_class, "MSFT 5.0", 8);
    i.vendor_class_len = 8;
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 64);
    a.has_43 = a.has_uc_43 = a.has_120 = false;
    s = see(&t, &a, 2, 1000);
    CHECK(!(s.findings & DHCP_F_PROV_MISSING));
    done(&t);

    /* A phone that asked only for 120 is not missing 43. */
    dhcp_txn_init(&t);
    i = inform(RELAY_UP, SERVER, RELAY, 0);
    i.asks_43 = false;
    see(&t, &i, 1, 0);
    a = ack(SERVER, CLIENT, 68, 0, 64);
    a.has_43 = a.has_uc_43 = false;
    s = see(&t, &a, 2, 1000);
    CHECK(!(s.findings & DHCP_F_PROV_MISSING));
    done(&t);
}

/* Memory grows with transactions, not packets: a client retrying forever
 * fills its transaction's log once, and later frames are still analysed. */
static void
test_bounded(void)
{
    dhcp_txn_t t;
    dhcp_msg_t i = inform(CLIENT, BCAST, 0, 0), a;
    dhcp_sighting_t s;
    uint32_t f;

    dhcp_txn_init(&t);
    for (f = 1; f <= 1000; f++) {
        i.view.secs = (uint16_t)(f * 4);
        s = see(&t, &i, f, (int64_t)f * 4 * SEC);
    }
    CHECK(s.attempt == 1000 && (s.findings & DHCP_F_RETRY_NO_ACK));
    CHECK(t.n == DHCP_TXN_MAX_SIGHTINGS && t.cap == DHCP_TXN_MAX_SIGHTINGS && dhcp_txn_unrecorded(&t) == 1000 - 64);
    CHECK(dhcp_txn_lookup(&t, 64, &s) && !dhcp_txn_lookup(&t, 65, &s));
    /* Past the sightings kept, an attempt's time is still known: its copy
     * is told apart, and its ACK's response time measured. */
    i.view.secs = 9999;
    s = see(&t, &i, 2000, 5000 * SEC);
    /* the previous attempt's first frame, though its sighting was not kept */
    CHECK(s.attempt == 1001 && s.starts_attempt && s.prev == 1000 && dhcp_txn_first_frame(&t) == 1);
    s = see(&t, &i, 2001, 5000 * SEC + SEC);
    CHECK(s.attempt == 1001 && !s.starts_attempt);
    a = ack(SERVER, CLIENT, 68, 0, 64);
    s = see(&t, &a, 2002, 5000 * SEC + 2 * SEC);
    CHECK(s.peer == 2000 && s.response_ns == 2 * SEC && !(s.findings & DHCP_F_LATE));
    done(&t);
}

static void
set_class(dhcp_txn_t *t, const char *vc, const uint8_t *asked, size_t n)
{
    dhcp_txn_init(t);
    t->vendor_class_len = (uint8_t)strlen(vc);
    /* The caller's bytes, which outlive the test: the transaction does not
     * own them (owns_strings stays false). */
    t->vendor_class = (const uint8_t *)vc;
    t->asked = asked;
    t->n_asked = (uint8_t)n;
    t->asks_43 = memchr(asked, 43, n) != NULL;
    t->asks_120 = memchr(asked, 120, n) != NULL;
}

static void
test_client_kind(void)
{
    /* what a Windows 10 PC asks for in its INFORM (seen on real captures) */
    static const uint8_t win[] = { 1, 15, 3, 6, 44, 46, 47, 31, 33, 121, 249, 43, 252 };
    static const uint8_t phone[] = { 1, 3, 6, 15, 42, 43, 120 };
    static const uint8_t linux_pc[] = { 1, 28, 2, 3, 15, 6, 119, 12 };
    dhcp_txn_t t;
    char out[300];

    set_class(&t, "MSFT 5.0", win, sizeof win);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_WINDOWS);
    CHECK(dhcp_asked_text(&t, 4, out, sizeof out) > 0 &&
          strcmp(out, "WPAD (252), classless routes (121, 249), vendor options (43), DNS servers (6) and 8 more") == 0);
    CHECK(dhcp_asked_text(&t, 40, out, sizeof out) > 0 && strstr(out, "subnet mask (1)") && !strstr(out, "more"));
    /* cut where it does not fit, never in the middle of a name, and counted */
    CHECK(dhcp_asked_text(&t, 4, out, 30) > 0 && strcmp(out, "WPAD (252) and 12 more") == 0);
    set_class(&t, "MSFT 98", win, 3);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_WINDOWS);

    set_class(&t, "MS-UC-Client", phone, sizeof phone);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_UC_PHONE);
    set_class(&t, "CPE-OCPhone", phone, 2);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_UC_PHONE);
    /* no UC class, but asking for both provisioning options: a phone */
    set_class(&t, "Polycom-VVX400", phone, sizeof phone);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_UC_PHONE);
    set_class(&t, "", linux_pc, sizeof linux_pc);
    CHECK(dhcp_txn_client_kind(&t) == DHCP_CLIENT_OTHER);
    CHECK(dhcp_asked_text(&t, 3, out, sizeof out) > 0 &&
          strcmp(out, "DNS servers (6), domain name (15), domain search (119) and 5 more") == 0);
    set_class(&t, "", linux_pc, 0);
    CHECK(dhcp_asked_text(&t, 3, out, sizeof out) == 0 && out[0] == '\0');
}

/* A DHCP server's capture holds a transaction per phone, thousands of them
 * sending the same vendor class and option 55: kept once, shared. */
static void
test_clients_alike(void)
{
    static const uint8_t asked[] = { 1, 3, 6, 15, 42, 43, 120 };
    dhcp_txn_t t[2];
    dhcp_sighting_t s;
    dhcp_msg_t m = inform(CLIENT, 0xffffffffu, 0, 0);
    char text[128];
    size_t i;

    memcpy(m.asked, asked, sizeof asked);
    m.n_asked = sizeof asked;
    for (i = 0; i < 2; i++) {
        dhcp_txn_init(&t[i]);
        m.view.xid = 0x11223344u + (uint32_t)i;
        CHECK(dhcp_txn_observe(&t[i], &m, (uint32_t)(1 + i), (int64_t)i * SEC, 4 * SEC, grow, intern, NULL, &s));
        CHECK(!t[i].owns_strings && t[i].vendor_class_len == 12 && memcmp(t[i].vendor_class, "MS-UC-Client", 12) == 0);
        CHECK(t[i].n_asked == sizeof asked && dhcp_txn_client_kind(&t[i]) == DHCP_CLIENT_UC_PHONE);
        CHECK(dhcp_asked_text(&t[i], 3, text, sizeof text) > 0);
    }
    CHECK(t[0].vendor_class == t[1].vendor_class && t[0].asked == t[1].asked && n_interned == 2);
    /* What each transaction costs with its first two sightings inside and
     * what few need apart: 160 bytes, where it was 144 and another 128 for
     * them (and 224 and 144 before the shared strings and the fields' order). */
    CHECK(sizeof(dhcp_txn_t) <= 160 && sizeof(dhcp_kept_t) <= 40 && t[0].more == NULL);
    for (i = 0; i < 2; i++)
        done(&t[i]);
    intern_free_all();
}

int
main(void)
{
    test_parse();
    test_bypass_at_server();
    test_bypass_from_client_segment();
    test_undeliverable();
    test_retries_and_unanswered();
    test_merged_copies();
    test_absurd_times();
    test_provisioning_and_servers();
    test_bounded();
    test_client_kind();
    test_clients_alike();
    return check_summary();
}
