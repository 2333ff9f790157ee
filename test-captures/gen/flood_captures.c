/* flood_captures.c
 * Floods for the memory check of scripts/benchmark.sh and the tracking
 * limits of tests/suite/limits.sh: each kind makes every packet a new host,
 * client or flow, the one thing that grows the plugin's tables.
 *
 *   syn    an INFORM/ACK that names the Certificate Provisioning host by its
 *          address, then bare SYNs to it from distinct addresses, unanswered
 *   inform INFORMs from distinct clients, each a phone (MS-UC-Client)
 *   lldp   LLDP-MED from distinct MACs, each a communication device
 *   stun   STUN with a Microsoft attribute, from distinct ports to the
 *          Teams audio port 50000
 *   tls    a TLS 1.2 ClientHello for sip.contoso.com to SIP over TLS (5061)
 *          from distinct sources, each a new UC connection
 *   relay  an unsigned Allocate to a media relay's UDP 3478 from distinct
 *          client addresses, in turn RFC 5766 and MS-TURN as Teams sends it
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

/* The provisioning host the INFORM/ACK of the SYN flood names, and the
 * media relay of the relay flood. */
static const uint32_t PROV_HOST = IP(10, 1, 1, 20);
static const uint32_t RELAY = IP(10, 1, 1, 30);

/* A flood's pace: a frame every millisecond. */
static long long
flood_us(const capture *c)
{
    return 1000000 + (long long)c->frame * 1000;
}

/* One raw Ethernet frame, 1 ms after the previous one. */
static void
raw_frame(capture *c, const uint8_t *f, size_t n)
{
    cap_dump(c, f, n, flood_us(c));
}

/* The n-th flood host: 10.128.0.0/9 holds 8 million of them. */
static uint32_t
flood_host(unsigned long n)
{
    return IP(10, 128, 0, 0) + (uint32_t)(n & 0x7fffff);
}

static void
flood_mac(uint8_t mac[6], unsigned long n)
{
    memcpy(mac, PHONE_MAC, 6);
    mac[2] = (uint8_t)(0x80 | ((n >> 24) & 0x7f));
    mac[3] = (uint8_t)(n >> 16);
    mac[4] = (uint8_t)(n >> 8);
    mac[5] = (uint8_t)n;
}

/* A 70-byte SYN: MSS, window scale and SACK permitted, as a client sends. */
static void
syn(capture *c, uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport)
{
    static const uint8_t opts[16] = { 2, 4, 0x05, 0xb4, 1, 3, 3, 8, 1, 1, 4, 2, 1, 1, 1, 0 };
    uint8_t f[70];
    uint8_t *ip = f + 14, *tcp = ip + 20;
    endpoint s = ep4(src, sport), d = ep4(dst, dport);
    uint8_t ph[12];
    uint32_t sum = 0;
    size_t i;

    memset(f, 0, sizeof f);
    memcpy(f, SERVER_MAC, 6);
    memcpy(f + 6, PHONE_MAC, 6);
    put16(f + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, 56);
    put16(ip + 4, c->frame + 1);
    ip[8] = 64;
    ip[9] = PROTO_TCP;
    memcpy(ip + 12, s.a, 4);
    memcpy(ip + 16, d.a, 4);
    for (i = 0; i < 20; i += 2)
        sum += (uint32_t)ip[i] << 8 | ip[i + 1];
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    put16(ip + 10, ~sum & 0xffff);
    put16(tcp, sport);
    put16(tcp + 2, dport);
    put32(tcp + 4, 0x10000000u + c->frame);
    tcp[12] = 0x90; /* 36 bytes of header */
    tcp[13] = 0x02;
    put16(tcp + 14, 64240);
    memcpy(tcp + 20, opts, sizeof opts);
    memcpy(ph, ip + 12, 8);
    ph[8] = 0;
    ph[9] = PROTO_TCP;
    put16(ph + 10, 36);
    for (sum = 0, i = 0; i < 12; i += 2)
        sum += (uint32_t)ph[i] << 8 | ph[i + 1];
    for (i = 0; i < 36; i += 2)
        sum += (uint32_t)tcp[i] << 8 | tcp[i + 1];
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    put16(tcp + 16, ~sum & 0xffff);
    raw_frame(c, f, sizeof f);
}

/* The n-th packet of each flood. */
static void
syn_one(capture *c, unsigned long n)
{
    syn(c, flood_host(n), (uint16_t)(49152 + n % 16384), PROV_HOST, 443);
}

static void
inform_one(capture *c, unsigned long n)
{
    uint8_t mac[6];

    flood_mac(mac, n);
    inform(c, 0x6f000000u + (uint32_t)n, mac, flood_host(n), "MS-UC-Client");
}

/* LLDP-MED of a phone: chassis and port ID, TTL, MED capabilities naming a
 * communication device (class III), end. */
static void
lldp_med(capture *c, const uint8_t mac[6])
{
    uint8_t f[64];
    size_t n = 0;

    memset(f, 0, sizeof f);
    memcpy(f, "\x01\x80\xc2\x00\x00\x0e", 6);
    memcpy(f + 6, mac, 6);
    put16(f + 12, 0x88cc);
    n = 14;
    f[n++] = 0x02; f[n++] = 7; f[n++] = 4; memcpy(f + n, mac, 6); n += 6;    /* chassis: MAC */
    f[n++] = 0x04; f[n++] = 7; f[n++] = 3; memcpy(f + n, mac, 6); n += 6;    /* port: MAC */
    f[n++] = 0x06; f[n++] = 2; f[n++] = 0; f[n++] = 120;                     /* TTL */
    f[n++] = 0xfe; f[n++] = 7; f[n++] = 0x00; f[n++] = 0x12; f[n++] = 0xbb;  /* TIA TR-41 */
    f[n++] = 1; f[n++] = 0x00; f[n++] = 0x33; f[n++] = 3;                    /* capabilities, class III */
    f[n++] = 0; f[n++] = 0;                                                  /* end */
    raw_frame(c, f, n < 60 ? 60 : n);
}

static void
lldp_one(capture *c, unsigned long n)
{
    uint8_t mac[6];

    flood_mac(mac, n);
    lldp_med(c, mac);
}

static void
stun_one(capture *c, unsigned long n)
{
    endpoint s = ep4(flood_host(n / 16384), (uint16_t)(49152 + n % 16384));
    endpoint d = ep4(SERVER, 50000);

    media(c, PROTO_UDP, &s, &d, 46, PL_MS_STUN, 0);
}

/* The extensions of a Windows client's TLS 1.2 ClientHello after the SNI:
 * status_request, supported_groups (x25519, P-256, P-384), ec_point_formats,
 * signature_algorithms, session_ticket, extended_master_secret and
 * renegotiation_info. */
static const uint8_t HELLO_EXTENSIONS[] = {
    0x00, 0x05, 0x00, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x0a, 0x00, 0x08, 0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18,
    0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
    0x00, 0x0d, 0x00, 0x1a, 0x00, 0x18, 0x08, 0x04, 0x08, 0x05, 0x08, 0x06, 0x04, 0x01, 0x05, 0x01,
    0x02, 0x01, 0x04, 0x03, 0x05, 0x03, 0x02, 0x03, 0x02, 0x02, 0x06, 0x01, 0x06, 0x03,
    0x00, 0x23, 0x00, 0x00,
    0x00, 0x17, 0x00, 0x00,
    0xff, 0x01, 0x00, 0x01, 0x00,
};

/* The ECDHE and RSA suites SChannel offers for TLS 1.2, strongest first. */
static const uint16_t HELLO_SUITES[] = {
    0xc02c, 0xc02b, 0xc030, 0xc02f, 0x009f, 0x009e, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a,
    0xc009, 0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x000a,
};

/* A TLS 1.2 ClientHello in its record, asking for sni; its random from n.
 * Returns its length. */
static size_t
client_hello(uint8_t *p, const char *sni, unsigned long n)
{
    size_t len = 9, i, name = strlen(sni);
    uint32_t r = 2166136261u ^ (uint32_t)n;

    p[0] = 0x16; /* handshake record, TLS 1.0 on the record as clients send it */
    p[1] = 3;
    p[2] = 1;
    p[5] = 1;    /* ClientHello */
    p[len++] = 3;
    p[len++] = 3;
    put32(p + len, (uint32_t)(1700000000u + n / 1000)); /* gmt_unix_time */
    for (i = 4; i < 32; i++) {
        r = (r ^ (uint32_t)i) * 16777619u;
        p[len + i] = (uint8_t)(r >> 24);
    }
    len += 32;
    p[len++] = 0; /* no session to resume */
    put16(p + len, sizeof HELLO_SUITES);
    len += 2;
    for (i = 0; i < sizeof HELLO_SUITES / sizeof HELLO_SUITES[0]; i++, len += 2)
        put16(p + len, HELLO_SUITES[i]);
    p[len++] = 1; /* compression: null only */
    p[len++] = 0;
    put16(p + len, (uint32_t)(9 + name + sizeof HELLO_EXTENSIONS));
    len += 2;
    put16(p + len, 0); /* server_name: one host_name */
    put16(p + len + 2, (uint32_t)(5 + name));
    put16(p + len + 4, (uint32_t)(3 + name));
    p[len + 6] = 0;
    put16(p + len + 7, (uint32_t)name);
    memcpy(p + len + 9, sni, name);
    len += 9 + name;
    memcpy(p + len, HELLO_EXTENSIONS, sizeof HELLO_EXTENSIONS);
    len += sizeof HELLO_EXTENSIONS;
    put16(p + 3, (uint32_t)(len - 5));
    p[6] = 0;
    put16(p + 7, (uint32_t)(len - 9));
    return len;
}

static void
tls_one(capture *c, unsigned long n)
{
    endpoint s = ep4(flood_host(n), (uint16_t)(49152 + n % 16384)), d = ep4(SERVER, 5061);
    uint8_t p[512];

    packet_at(c, PROTO_TCP, &s, &d, 0, p, client_hello(p, "sip.contoso.com", n), flood_us(c));
}

static void
relay_one(capture *c, unsigned long n)
{
    endpoint s = ep4(flood_host(n), (uint16_t)(49152 + n % 16384)), d = ep4(RELAY, 3478);
    uint8_t p[64];

    packet_at(c, PROTO_UDP, &s, &d, 0, p, relay_first_allocate(p, sizeof p, n & 1, (uint32_t)n), flood_us(c));
}

int
gen_named_flood(const char *flag, unsigned long count, const char *path)
{
    static const struct {
        const char *flag;
        void (*one)(capture *, unsigned long);
        int teach;      /* first an INFORM/ACK naming the provisioning host */
    } kinds[] = {
        { "--syn-flood", syn_one, 1 },
        { "--inform-flood", inform_one, 0 },
        { "--lldp-flood", lldp_one, 0 },
        { "--stun-flood", stun_one, 0 },
        { "--tls-flood", tls_one, 0 },
        { "--relay-flood", relay_one, 0 },
    };
    capture c;
    subopts s = { .n = 0 };
    unsigned long n;
    size_t k;

    for (k = 0; k < sizeof kinds / sizeof kinds[0] && strcmp(flag, kinds[k].flag) != 0; k++)
        ;
    if (k == sizeof kinds / sizeof kinds[0])
        return 0;
    cap_open_path(&c, path);
    if (kinds[k].teach) {
        uc_standard(&s, "10.1.1.20");
        uc_exchange(&c, 0x5f000001u, 1, &s, 1);
    }
    for (n = 0; c.frame < count; n++)
        kinds[k].one(&c, n);
    cap_close(&c);
    return 1;
}
