/* gencap: writes the sample captures in test-captures/ byte for byte the same
 * on every run (fixed timestamps, no randomness unless asked for).
 *
 *   ucdiag-gencap DIR                    all sample captures into DIR
 *   ucdiag-gencap --random N SEED FILE   N ACKs with random option-43 bytes
 *   ucdiag-gencap --bench N FILE         N packets for scripts/benchmark.sh
 *   ucdiag-gencap --dhcp-flood N FILE    N packets of INFORM retries, for its memory check
 *
 * test-captures/README.md says what each capture shows.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOOTREQUEST 1
#define BOOTREPLY 2
#define DHCPDISCOVER 1
#define DHCPREQUEST 3
#define DHCPACK 5
#define DHCPINFORM 8
#define FLAG_BROADCAST 0x8000

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))

static const uint32_t BROADCAST = IP(255, 255, 255, 255);
static const uint32_t SERVER = IP(10, 1, 1, 10);
static const uint32_t PHONE = IP(10, 1, 20, 50);
static const uint8_t SERVER_MAC[6] = { 0x00, 0x15, 0x5d, 0x01, 0x01, 0x0a };
static const uint8_t PHONE_MAC[6] = { 0x00, 0x04, 0xf2, 0xaa, 0xbb, 0x01 };

#define STD_PATH "/CertProv/CertProvisioningService.svc"

typedef struct {
    uint8_t op;
    uint8_t hops;
    uint32_t xid;
    uint16_t secs;
    uint16_t flags;
    uint32_t ciaddr, yiaddr, giaddr;
    uint8_t mac[6];
    uint8_t sname[64], file[128]; /* options too, when option 52 says so */
    uint8_t opts[1400];
    size_t optlen;
} dhcp_msg;

typedef struct {
    pcap_dumper_t *dumper;
    pcap_t *dead;
    unsigned frame;
    long long extra_us; /* added to every later timestamp: a wait */
    uint8_t ttl;        /* 0: 64 */
} capture;

static void
die(const char *what)
{
    fprintf(stderr, "gencap: %s\n", what);
    exit(1);
}

static void
put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Skinny's fields are little-endian */
static void
put32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t
csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)(p[n - 1] << 8);
    return sum;
}

static uint16_t
csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void
msg_init(dhcp_msg *m, uint8_t op, uint32_t xid, const uint8_t mac[6], uint8_t type)
{
    memset(m, 0, sizeof *m);
    m->op = op;
    m->xid = xid;
    memcpy(m->mac, mac, 6);
    m->opts[m->optlen++] = 53;
    m->opts[m->optlen++] = 1;
    m->opts[m->optlen++] = type;
}

static void
opt_raw(dhcp_msg *m, const void *bytes, size_t n)
{
    if (m->optlen + n > sizeof m->opts)
        die("options too long");
    memcpy(m->opts + m->optlen, bytes, n);
    m->optlen += n;
}

static void
opt(dhcp_msg *m, uint8_t code, const void *value, size_t n)
{
    uint8_t hdr[2] = { code, (uint8_t)n };

    if (n > 255)
        die("option value over 255 bytes");
    opt_raw(m, hdr, 2);
    opt_raw(m, value, n);
}

static void
opt_str(dhcp_msg *m, uint8_t code, const char *s)
{
    opt(m, code, s, strlen(s));
}

static void
opt_ip(dhcp_msg *m, uint8_t code, uint32_t ip)
{
    uint8_t v[4];

    put32(v, ip);
    opt(m, code, v, 4);
}

static void
opt_end(dhcp_msg *m)
{
    uint8_t e = 255;

    opt_raw(m, &e, 1);
}

/* A sub-option list being built for option 43. */
typedef struct {
    uint8_t b[600];
    size_t n;
} subopts;

static void
sub(subopts *s, uint8_t code, const void *v, size_t n)
{
    if (s->n + 2 + n > sizeof s->b)
        die("sub-options too long");
    s->b[s->n++] = code;
    s->b[s->n++] = (uint8_t)n;
    memcpy(s->b + s->n, v, n);
    s->n += n;
}

static void
sub_str(subopts *s, uint8_t code, const char *v)
{
    sub(s, code, v, strlen(v));
}

static void
sub_byte(subopts *s, uint8_t b)
{
    s->b[s->n++] = b;
}

static void
write_frame(capture *c, const uint8_t *src_mac, const uint8_t *dst_mac, uint32_t src, uint32_t dst,
            uint16_t sport, uint16_t dport, const dhcp_msg *m)
{
    uint8_t f[1600];
    uint8_t *ip = f + 14, *udp = ip + 20, *b = udp + 8;
    size_t blen = 240 + m->optlen, ulen = 8 + blen, total;
    struct pcap_pkthdr h;
    uint8_t pseudo[12];
    uint32_t sum;

    if (14 + 20 + ulen > sizeof f)
        die("frame too long");
    memset(f, 0, sizeof f);
    memcpy(f, dst_mac, 6);
    memcpy(f + 6, src_mac, 6);
    put16(f + 12, 0x0800);

    ip[0] = 0x45;
    put16(ip + 2, (uint32_t)(20 + ulen));
    put16(ip + 4, c->frame + 1);
    ip[8] = c->ttl ? c->ttl : 64;
    ip[9] = 17;
    put32(ip + 12, src);
    put32(ip + 16, dst);
    put16(ip + 10, csum_fold(csum_add(0, ip, 20)));

    put16(udp, sport);
    put16(udp + 2, dport);
    put16(udp + 4, (uint32_t)ulen);

    b[0] = m->op;
    b[1] = 1;
    b[2] = 6;
    b[3] = m->hops;
    put32(b + 4, m->xid);
    put16(b + 8, m->secs);
    put16(b + 10, m->flags);
    put32(b + 12, m->ciaddr);
    put32(b + 16, m->yiaddr);
    put32(b + 24, m->giaddr);
    memcpy(b + 28, m->mac, 6);
    memcpy(b + 44, m->sname, sizeof m->sname);
    memcpy(b + 108, m->file, sizeof m->file);
    put32(b + 236, 0x63825363);
    memcpy(b + 240, m->opts, m->optlen);

    memcpy(pseudo, ip + 12, 8);
    pseudo[8] = 0;
    pseudo[9] = 17;
    put16(pseudo + 10, (uint32_t)ulen);
    sum = csum_add(csum_add(0, pseudo, 12), udp, ulen);
    put16(udp + 6, csum_fold(sum) ? csum_fold(sum) : 0xffff);

    total = 14 + 20 + ulen;
    /* Ethernet minimum frame: pad, as a NIC would, so the walk must stop at
     * the UDP length. */
    if (total < 60)
        total = 60;
    memset(&h, 0, sizeof h);
    {
        /* 10 ms a frame, plus any waits. */
        long long us = (long long)c->frame * 10000 + c->extra_us;
        h.ts.tv_sec = (time_t)(1700000000 + us / 1000000);
        h.ts.tv_usec = (suseconds_t)(us % 1000000);
    }
    h.caplen = h.len = (bpf_u_int32)total;
    pcap_dump((u_char *)c->dumper, &h, f);
    c->frame++;
}

static void
cap_open_path(capture *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->dead = pcap_open_dead(DLT_EN10MB, 65535);
    c->dumper = pcap_dump_open(c->dead, path);
    if (!c->dumper)
        die(pcap_geterr(c->dead));
}

static void
cap_open(capture *c, const char *dir, const char *name)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    cap_open_path(c, path);
}

static void
cap_close(capture *c)
{
    pcap_dump_close(c->dumper);
    pcap_close(c->dead);
}

/* ---- Building blocks of the scenarios ---- */

static const uint8_t PRL_UC[] = { 1, 3, 6, 15, 42, 43, 120 };

/* A phone's broadcast DHCPINFORM asking for 43 and 120. */
static void
inform(capture *c, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vendor_class)
{
    dhcp_msg m;
    uint8_t client_id[7] = { 1 };

    memcpy(client_id + 1, mac, 6);
    msg_init(&m, BOOTREQUEST, xid, mac, DHCPINFORM);
    m.ciaddr = ciaddr;
    opt(&m, 61, client_id, sizeof client_id);
    if (vendor_class)
        opt_str(&m, 60, vendor_class);
    opt(&m, 55, PRL_UC, sizeof PRL_UC);
    opt_end(&m);
    write_frame(c, mac, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", ciaddr, BROADCAST, 68, 67, &m);
}

/* Starts a server's DHCPACK to an INFORM: message type, server id and
 * optionally option 60; the caller adds the rest and sends it. */
static void
ack_begin(dhcp_msg *m, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vendor_class)
{
    msg_init(m, BOOTREPLY, xid, mac, DHCPACK);
    m->ciaddr = ciaddr;
    opt_ip(m, 54, SERVER);
    if (vendor_class)
        opt_str(m, 60, vendor_class);
}

static void
ack_send(capture *c, dhcp_msg *m, const uint8_t mac[6], uint32_t ciaddr)
{
    opt_end(m);
    write_frame(c, SERVER_MAC, mac, SERVER, ciaddr, 67, 68, m);
}

/* The five MS-UC-Client sub-options in Microsoft's order. */
static void
uc_standard(subopts *s, const char *fqdn)
{
    sub_str(s, 1, "MS-UC-Client");
    sub_str(s, 2, "https");
    sub_str(s, 3, fqdn);
    sub_str(s, 4, "443");
    sub_str(s, 5, STD_PATH);
}

/* Option 120, encoding 0, one name. */
static void
sip_server_fqdn(dhcp_msg *m, const char *fqdn)
{
    uint8_t v[256];
    size_t n = 0;
    const char *p = fqdn;

    v[n++] = 0;
    while (*p) {
        const char *dot = strchr(p, '.');
        size_t ll = dot ? (size_t)(dot - p) : strlen(p);
        v[n++] = (uint8_t)ll;
        memcpy(v + n, p, ll);
        n += ll;
        p += ll + (dot ? 1 : 0);
    }
    v[n++] = 0;
    opt(m, 120, v, n);
}

/* A whole INFORM/ACK pair whose ACK carries `s` as option 43. */
static void
uc_exchange(capture *c, uint32_t xid, uint8_t mac_last, const subopts *s, int with_inform)
{
    uint8_t mac[6];
    dhcp_msg m;

    memcpy(mac, PHONE_MAC, 6);
    mac[5] = mac_last;
    if (with_inform)
        inform(c, xid, mac, PHONE + mac_last - 1, "MS-UC-Client");
    ack_begin(&m, xid, mac, PHONE + mac_last - 1, NULL);
    opt(&m, 43, s->b, s->n);
    sip_server_fqdn(&m, "pool.contoso.com");
    ack_send(c, &m, mac, PHONE + mac_last - 1);
}

/* ---- The captures ---- */

/* Options built in a scratch message, moved into a fixed field (sname or
 * file) as option 52 lets a server do, and closed with END. */
static void
move_options_into(dhcp_msg *scratch, uint8_t *field, size_t field_len)
{
    opt_end(scratch);
    if (scratch->optlen > field_len)
        die("options do not fit the field");
    memcpy(field, scratch->opts, scratch->optlen);
}

/* An ACK whose options field is full enough that the server overloads: option
 * 43 in `file`, option 120 in `sname` (option 52 = 3). RFC 2131 4.1 has the
 * client read them after the options field. */
static void
gen_overload(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    dhcp_msg m, scratch;
    const uint8_t both = 3;

    cap_open(&c, dir, "msuc-overload.pcap");
    inform(&c, 0x0e7104ad, PHONE_MAC, PHONE, "MS-UC-Client");
    ack_begin(&m, 0x0e7104ad, PHONE_MAC, PHONE, NULL);
    opt(&m, 52, &both, 1);
    uc_standard(&s, "pool.contoso.com");
    memset(&scratch, 0, sizeof scratch);
    opt(&scratch, 43, s.b, s.n);
    move_options_into(&scratch, m.file, sizeof m.file);
    memset(&scratch, 0, sizeof scratch);
    sip_server_fqdn(&scratch, "pool.contoso.com");
    move_options_into(&scratch, m.sname, sizeof m.sname);
    ack_send(&c, &m, PHONE_MAC, PHONE);
    cap_close(&c);
}

static void
gen_inform_ack(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };

    cap_open(&c, dir, "msuc-inform-ack.pcap");
    uc_standard(&s, "pool.contoso.com");
    uc_exchange(&c, 0x3903f326, 0x01, &s, 1);
    cap_close(&c);
}

static void
gen_reverse_order(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };

    cap_open(&c, dir, "msuc-reverse-order.pcap");
    sub_str(&s, 5, STD_PATH);
    sub_str(&s, 4, "443");
    sub_str(&s, 3, "pool.contoso.com");
    sub_str(&s, 2, "https");
    sub_str(&s, 1, "MS-UC-Client");
    sub_byte(&s, 0xFF);
    uc_exchange(&c, 0x5a17c0de, 0x02, &s, 1);
    cap_close(&c);
}

static void
gen_no_option60(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    uint8_t mac_a[6], mac_b[6], mac_c[6];
    dhcp_msg m;

    memcpy(mac_a, PHONE_MAC, 6);
    memcpy(mac_b, PHONE_MAC, 6);
    memcpy(mac_c, PHONE_MAC, 6);
    mac_a[5] = 0x0a;
    mac_b[5] = 0x0b;
    mac_c[5] = 0x0c;
    /* ISC dhcpd style: sub-options 2-5 only, no option 60 in the ACK. */
    sub_str(&s, 2, "https");
    sub_str(&s, 3, "pool.contoso.com");
    sub_str(&s, 4, "443");
    sub_str(&s, 5, STD_PATH);

    cap_open(&c, dir, "msuc-no-option60.pcap");
    /* 1-2: the INFORM gives the vendor class to its ACK. */
    inform(&c, 0x11110001, mac_a, PHONE + 10, "MS-UC-Client");
    ack_begin(&m, 0x11110001, mac_a, PHONE + 10, NULL);
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac_a, PHONE + 10);
    /* 3-4: same xid but another client MAC in the ACK: not its transaction. */
    inform(&c, 0x11110002, mac_b, PHONE + 11, "MS-UC-Client");
    ack_begin(&m, 0x11110002, mac_c, PHONE + 11, NULL);
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac_c, PHONE + 11);
    /* 5-6: the ACK comes before any INFORM with its xid: nothing to go on. */
    ack_begin(&m, 0x11110003, mac_b, PHONE + 11, NULL);
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac_b, PHONE + 11);
    inform(&c, 0x11110003, mac_b, PHONE + 11, "MS-UC-Client");
    /* 7-8: a retried INFORM; the ACK still finds the vendor class (frame 7). */
    inform(&c, 0x11110004, mac_c, PHONE + 12, "MS-UC-Client");
    inform(&c, 0x11110004, mac_c, PHONE + 12, "MS-UC-Client");
    ack_begin(&m, 0x11110004, mac_c, PHONE + 12, NULL);
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac_c, PHONE + 12);
    cap_close(&c);
}

static void
gen_truncated_90(const char *dir)
{
    capture c;
    subopts s = { .n = 0 }, r = { .n = 0 };
    const char *fqdn = "lyncpool01.corp.contoso.com"; /* 27 > 23 characters */
    uint8_t mac[6];
    dhcp_msg m;

    memcpy(mac, PHONE_MAC, 6);
    mac[5] = 0x21;
    cap_open(&c, dir, "msuc-truncated-90.pcap");
    /* 1-2: Microsoft's order, 94 bytes cut to 90 by the router: the tail of
     * sub-option 5 is lost. */
    uc_standard(&s, fqdn);
    if (s.n != 94)
        die("truncation scenario must start from 94 bytes");
    inform(&c, 0x90909001, mac, PHONE + 0x20, "MS-UC-Client");
    ack_begin(&m, 0x90909001, mac, PHONE + 0x20, NULL);
    opt(&m, 43, s.b, 90);
    sip_server_fqdn(&m, "lyncpool01.corp.contoso.com");
    ack_send(&c, &m, mac, PHONE + 0x20);
    /* 3-4: reverse order, cut the same way: sub-option 1 loses its tail, so
     * the vendor class must come from the INFORM. */
    sub_str(&r, 5, STD_PATH);
    sub_str(&r, 4, "443");
    sub_str(&r, 3, fqdn);
    sub_str(&r, 2, "https");
    sub_str(&r, 1, "MS-UC-Client");
    mac[5] = 0x22;
    inform(&c, 0x90909002, mac, PHONE + 0x21, "MS-UC-Client");
    ack_begin(&m, 0x90909002, mac, PHONE + 0x21, NULL);
    opt(&m, 43, r.b, 90);
    sip_server_fqdn(&m, "lyncpool01.corp.contoso.com");
    ack_send(&c, &m, mac, PHONE + 0x21);
    cap_close(&c);
}

static void
gen_string_typed(const char *dir)
{
    capture c;
    subopts s = { .n = 0 }, u = { .n = 0 };
    static const char fqdn16[] = "p\0o\0o\0l\0.\0c\0o\0n\0t\0o\0s\0o\0.\0c\0o\0m\0";

    cap_open(&c, dir, "msuc-string-typed.pcap");
    /* 1: every sub-option defined as String: each value gains a NUL. */
    sub(&s, 1, "MS-UC-Client", 13);
    sub(&s, 2, "https", 6);
    sub(&s, 3, "pool.contoso.com", 17);
    sub(&s, 4, "443", 4);
    sub(&s, 5, STD_PATH, sizeof STD_PATH);
    uc_exchange(&c, 0x57a10001, 0x31, &s, 0);
    /* 2: the FQDN typed in as UTF-16LE. */
    sub_str(&u, 1, "MS-UC-Client");
    sub_str(&u, 2, "https");
    sub(&u, 3, fqdn16, sizeof fqdn16 - 1);
    sub_str(&u, 4, "443");
    sub_str(&u, 5, STD_PATH);
    uc_exchange(&c, 0x57a10002, 0x32, &u, 0);
    cap_close(&c);
}

static void
gen_bad_values(const char *dir)
{
    capture c;
    subopts s;
    uint32_t xid = 0xbad00001;
    uint8_t mac = 0x41;

    cap_open(&c, dir, "msuc-bad-values.pcap");
#define NEXT() (s.n = 0, sub_str(&s, 1, "MS-UC-Client"))
#define SEND() uc_exchange(&c, xid++, mac++, &s, 0)
    /* 1: port as a 16-bit binary 443 */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub(&s, 4, "\x01\xbb", 2);
    sub_str(&s, 5, STD_PATH); SEND();
    /* 2: port out of range */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "70000");
    sub_str(&s, 5, STD_PATH); SEND();
    /* 3: scheme ftp */
    NEXT(); sub_str(&s, 2, "ftp"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "443");
    sub_str(&s, 5, STD_PATH); SEND();
    /* 4: path without its leading slash */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "443");
    sub_str(&s, 5, STD_PATH + 1); SEND();
    /* 5: FQDN with an underscore */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool_01.contoso.com"); sub_str(&s, 4, "443");
    sub_str(&s, 5, STD_PATH); SEND();
    /* 6: FQDN given twice */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 3, "old.contoso.com");
    sub_str(&s, 4, "443"); sub_str(&s, 5, STD_PATH); SEND();
    /* 7: FQDN missing */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 4, "443"); sub_str(&s, 5, STD_PATH); SEND();
    /* 8: legal but not standard: http, 4443, another path */
    NEXT(); sub_str(&s, 2, "http"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "4443");
    sub_str(&s, 5, "/CertProv/Custom"); SEND();
    /* 9: a sub-option after End */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "443");
    sub_byte(&s, 0xFF); sub_str(&s, 5, STD_PATH); SEND();
    /* 10: an unknown sub-option, kept as bytes, and a pad byte */
    NEXT(); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com"); sub_str(&s, 4, "443");
    sub_str(&s, 5, STD_PATH); sub_byte(&s, 0x00); sub(&s, 9, "\x01\x02", 2); SEND();
    /* 11: UCIdentifier for another vendor class, yet option 60 of the ACK
     * says MS-UC-Client */
    {
        dhcp_msg m;
        uint8_t m11[6];
        memcpy(m11, PHONE_MAC, 6);
        m11[5] = mac;
        s.n = 0;
        sub_str(&s, 1, "MS-UC-Phone"); sub_str(&s, 2, "https"); sub_str(&s, 3, "pool.contoso.com");
        sub_str(&s, 4, "443"); sub_str(&s, 5, STD_PATH);
        ack_begin(&m, xid, m11, PHONE + mac, "MS-UC-Client");
        opt(&m, 43, s.b, s.n);
        ack_send(&c, &m, m11, PHONE + mac);
        xid++;
        mac++;
    }
    /* 12: a long FQDN with a bad character: the message quotes it shortened */
    NEXT(); sub_str(&s, 2, "https");
    sub_str(&s, 3, "sfb-enterprise-pool-web-services-internal-emea-west.corp_contoso.com");
    sub_str(&s, 4, "443"); sub_str(&s, 5, STD_PATH); SEND();
#undef NEXT
#undef SEND
    cap_close(&c);
}

static void
gen_option120(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    dhcp_msg m;
    uint8_t mac[6];
    static const uint8_t ip_list[] = { 1, 10, 1, 1, 20, 10, 1, 1, 21 };
    static const uint8_t two_names[] = { 0, 5, 'p', 'o', 'o', 'l', '1', 7, 'c', 'o', 'n', 't', 'o', 's', 'o',
                                         3, 'c', 'o', 'm', 0, 5, 'p', 'o', 'o', 'l', '2', 7, 'c', 'o', 'n',
                                         't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0 };
    static const uint8_t bad_label[] = { 0, 4, 'p', 'o', 'o', 'l', 90, 'c', 'o', 'm', 0 };
    const uint8_t *bodies[] = { ip_list, two_names, bad_label };
    size_t lens[] = { sizeof ip_list, sizeof two_names, sizeof bad_label };
    unsigned i;

    uc_standard(&s, "pool.contoso.com");
    memcpy(mac, PHONE_MAC, 6);
    cap_open(&c, dir, "msuc-option120.pcap");
    for (i = 0; i < 3; i++) {
        mac[5] = (uint8_t)(0x51 + i);
        ack_begin(&m, 0x12000001 + i, mac, PHONE + 0x50 + i, NULL);
        opt(&m, 43, s.b, s.n);
        opt(&m, 120, bodies[i], lens[i]);
        ack_send(&c, &m, mac, PHONE + 0x50 + i);
    }
    cap_close(&c);
}

static void
gen_option250(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    char fqdn[256];
    dhcp_msg m;
    uint8_t mac[6];

    /* A 200-character pool FQDN makes the value 267 bytes: Windows sends 255
     * in option 43 and the other 12 in option 250. */
    snprintf(fqdn, sizeof fqdn, "%s.%s.%s.contoso.com",
             "sfb-enterprise-pool-web-services-internal-emea-west-primary01",
             "datacentre-amsterdam-building-c-floor-two-rack-row-seven-abcde",
             "provisioning-longname-example-for-option250-encoding-test-sfb01");
    if (strlen(fqdn) != 200)
        die("option 250 scenario wants a 200-character FQDN");
    uc_standard(&s, fqdn);
    memcpy(mac, PHONE_MAC, 6);
    mac[5] = 0x61;
    cap_open(&c, dir, "msuc-option250.pcap");
    inform(&c, 0x25000001, mac, PHONE + 0x60, "MS-UC-Client");
    ack_begin(&m, 0x25000001, mac, PHONE + 0x60, NULL);
    opt(&m, 43, s.b, 255);
    opt(&m, 250, s.b + 255, s.n - 255);
    sip_server_fqdn(&m, "pool.contoso.com");
    ack_send(&c, &m, mac, PHONE + 0x60);
    cap_close(&c);
}

static void
gen_msft(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    dhcp_msg m;
    uint8_t mac[6] = { 0x00, 0x15, 0x5d, 0x77, 0x00, 0x01 };
    static const uint8_t prl[] = { 1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252 };
    uint32_t pc = IP(10, 1, 30, 15);

    cap_open(&c, dir, "msft-vendor.pcap");
    /* 1-2: a Windows client's REQUEST; the ACK has no option 60 */
    msg_init(&m, BOOTREQUEST, 0x77000001, mac, DHCPREQUEST);
    opt_str(&m, 60, "MSFT 5.0");
    opt(&m, 55, prl, sizeof prl);
    opt_end(&m);
    write_frame(&c, mac, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", 0, BROADCAST, 68, 67, &m);
    sub(&s, 1, "\x00\x00\x00\x02", 4);
    sub(&s, 2, "\x00\x00\x00\x01", 4);
    sub(&s, 3, "\x00\x00\x00\x00", 4);
    ack_begin(&m, 0x77000001, mac, 0, NULL);
    m.yiaddr = pc;
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac, pc);
    /* 3: option 60 in the ACK itself; a value Windows ignores and a
     * sub-option of the wrong size */
    s.n = 0;
    sub(&s, 1, "\x00\x00\x00\x01", 4);
    sub(&s, 2, "\x00\x01", 2);
    sub_byte(&s, 0xFF);
    mac[5] = 0x02;
    ack_begin(&m, 0x77000002, mac, 0, "MSFT 5.0");
    m.yiaddr = pc + 1;
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac, pc + 1);
    /* 4-5: rogue detection: a Windows DHCP server asks, another answers */
    s.n = 0;
    sub(&s, 0x5E, "", 0);
    msg_init(&m, BOOTREQUEST, 0x77000003, SERVER_MAC, DHCPINFORM);
    m.ciaddr = IP(10, 1, 1, 11);
    opt_str(&m, 60, "MSFT 5.0");
    opt(&m, 43, s.b, s.n);
    opt_end(&m);
    write_frame(&c, SERVER_MAC, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", IP(10, 1, 1, 11), BROADCAST, 68,
                67, &m);
    s.n = 0;
    sub(&s, 0x5F, "corp.contoso.com", 17);
    ack_begin(&m, 0x77000003, SERVER_MAC, IP(10, 1, 1, 11), "MSFT 5.0");
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, SERVER_MAC, IP(10, 1, 1, 11));
    cap_close(&c);
}

static void
gen_cpe(const char *dir)
{
    capture c;
    subopts s;
    dhcp_msg m;
    uint8_t mac[6];
    struct {
        const char *v;
        size_t n;
        int ack_has_60;
    } cases[] = {
        { "\x00\x64", 2, 0 },   /* VLAN 100 as an integer; vendor class from the INFORM */
        { "200", 3, 1 },        /* VLAN 200 as ASCII digits */
        { "abc", 3, 1 },        /* neither */
        { "5000", 4, 1 },       /* out of range */
    };
    unsigned i;

    memcpy(mac, PHONE_MAC, 6);
    cap_open(&c, dir, "cpe-ocphone.pcap");
    for (i = 0; i < 4; i++) {
        mac[5] = (uint8_t)(0x71 + i);
        s.n = 0;
        sub(&s, 10, cases[i].v, cases[i].n);
        if (i == 0)
            inform(&c, 0x0c900001, mac, PHONE + 0x70, "CPE-OCPhone");
        ack_begin(&m, 0x0c900001 + i, mac, PHONE + 0x70 + i, cases[i].ack_has_60 ? "CPE-OCPhone" : NULL);
        opt(&m, 43, s.b, s.n);
        ack_send(&c, &m, mac, PHONE + 0x70 + i);
    }
    cap_close(&c);
}

static void
gen_other_vendors(const char *dir)
{
    capture c;
    dhcp_msg m;
    uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x01 };
    static const uint8_t pxe[] = { 6, 1, 8, 255 };
    static const uint8_t cisco_aci[] = { 1, 4, 'a', 'b', 'c', 'd' };
    static const uint8_t docsis[] = { 2, 3, 'E', 'C', 'M' };
    static const uint8_t polycom[] = { 1, 12, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n', 'X' };
    struct {
        const char *vc;
        const uint8_t *v;
        size_t n;
    } cases[] = {
        { "PXEClient", pxe, sizeof pxe },
        { "cisco", cisco_aci, sizeof cisco_aci },
        { "ArubaAP", (const uint8_t *)"10.1.1.5", 8 },
        { "docsis3.0", docsis, sizeof docsis },
        { "Polycom-VVX410", polycom, sizeof polycom }, /* looks close, is not ours */
        { NULL, polycom, sizeof polycom },              /* no vendor class anywhere */
    };
    unsigned i;

    cap_open(&c, dir, "other-vendors.pcap");
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mac[5] = (uint8_t)(i + 1);
        ack_begin(&m, 0x0e000001 + i, mac, IP(10, 9, 0, 10 + i), cases[i].vc);
        opt(&m, 43, cases[i].v, cases[i].n);
        ack_send(&c, &m, mac, IP(10, 9, 0, 10 + i));
    }
    cap_close(&c);
}

/* ---- QoS: UDP and TCP media with DSCP marks ---- */

typedef struct {
    int af;           /* 4 or 6 */
    uint8_t a[16];    /* address */
    uint16_t port;
} endpoint;

static endpoint
ep4(uint32_t ip, uint16_t port)
{
    endpoint e;

    memset(&e, 0, sizeof e);
    e.af = 4;
    put32(e.a, ip);
    e.port = port;
    return e;
}

/* 2001:db8:<net>::<host> */
static endpoint
ep6(uint16_t net, uint16_t host, uint16_t port)
{
    endpoint e;

    memset(&e, 0, sizeof e);
    e.af = 6;
    e.a[0] = 0x20; e.a[1] = 0x01; e.a[2] = 0x0d; e.a[3] = 0xb8;
    put16(e.a + 4, net);
    put16(e.a + 14, host);
    e.port = port;
    return e;
}

#define PROTO_TCP 6
#define PROTO_UDP 17

static uint32_t
ep_hash(const endpoint *e)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < 16; i++)
        h = (h ^ e->a[i]) * 16777619u;
    return (h ^ e->port) * 16777619u;
}

/* A running number per key (a stream's RTP sequence number, a TCP
 * direction's sequence number), so every stream is whole. The table is
 * bounded: a full neighbourhood (the benchmark's many flows) reuses the home
 * slot, which starts a fresh stream as a new connection would. */
static uint32_t *
counter_of(uint32_t key, uint32_t start)
{
    static struct { uint32_t key; uint32_t value; } slots[8192];
    unsigned i, probes = 0;

    key |= 1u;
    i = key % 8192;
    while (slots[i].key && slots[i].key != key && ++probes < 16)
        i = (i + 1) % 8192;
    if (slots[i].key != key) {
        if (probes >= 16)
            i = key % 8192;
        slots[i].key = key;
        slots[i].value = start;
    }
    return &slots[i].value;
}

/* One packet from s to d with the given DSCP and payload; TCP segments
 * carry ACK|PSH (a bare ACK when the payload is empty) and a sequence number
 * that grows, so Wireshark sees a plausible stream. */
static void
packet(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, const uint8_t *pl,
       size_t payload)
{
    uint8_t f[1600];
    size_t l3 = s->af == 4 ? 20 : 40, l4 = proto == PROTO_TCP ? 20 : 8, total;
    uint8_t *ip = f + 14, *tp = ip + l3;
    uint32_t sum;
    struct pcap_pkthdr h;
    size_t i, tlen = l4 + payload;

    memset(f, 0, sizeof f);
    memcpy(f, SERVER_MAC, 6);
    memcpy(f + 6, PHONE_MAC, 6);
    put16(f + 12, s->af == 4 ? 0x0800 : 0x86dd);
    if (s->af == 4) {
        ip[0] = 0x45;
        ip[1] = (uint8_t)(dscp << 2);
        put16(ip + 2, (uint32_t)(20 + tlen));
        put16(ip + 4, c->frame + 1);
        ip[8] = 64;
        ip[9] = (uint8_t)proto;
        memcpy(ip + 12, s->a, 4);
        memcpy(ip + 16, d->a, 4);
        put16(ip + 10, csum_fold(csum_add(0, ip, 20)));
    } else {
        ip[0] = (uint8_t)(0x60 | (dscp >> 2));
        ip[1] = (uint8_t)((dscp & 3) << 6);
        put16(ip + 4, (uint32_t)tlen);
        ip[6] = (uint8_t)proto;
        ip[7] = 64;
        memcpy(ip + 8, s->a, 16);
        memcpy(ip + 24, d->a, 16);
    }
    put16(tp, s->port);
    put16(tp + 2, d->port);
    if (proto == PROTO_UDP) {
        put16(tp + 4, (uint32_t)tlen);
    } else {
        uint32_t *seq = counter_of(ep_hash(s) ^ (ep_hash(d) * 31u), 1000);
        put32(tp + 4, *seq);
        *seq += (uint32_t)payload;
        put32(tp + 8, 1);
        tp[12] = 0x50;
        tp[13] = payload ? 0x18 : 0x10; /* ACK, PSH */
        put16(tp + 14, 65535);
    }
    for (i = 0; i < payload; i++)
        tp[l4 + i] = pl[i];
    /* checksum over the pseudo-header and the segment */
    {
        uint8_t ph[40];
        size_t plen;
        memset(ph, 0, sizeof ph);
        if (s->af == 4) {
            memcpy(ph, s->a, 4);
            memcpy(ph + 4, d->a, 4);
            ph[9] = (uint8_t)proto;
            put16(ph + 10, (uint32_t)tlen);
            plen = 12;
        } else {
            memcpy(ph, s->a, 16);
            memcpy(ph + 16, d->a, 16);
            put32(ph + 32, (uint32_t)tlen);
            ph[39] = (uint8_t)proto;
            plen = 40;
        }
        sum = csum_add(csum_add(0, ph, plen), tp, tlen);
        put16(tp + (proto == PROTO_UDP ? 6 : 16), csum_fold(sum) ? csum_fold(sum) : 0xffff);
    }
    total = 14 + l3 + tlen;
    if (total < 60)
        total = 60;
    memset(&h, 0, sizeof h);
    h.ts.tv_sec = 1700000000 + c->frame / 50;
    h.ts.tv_usec = (c->frame % 50) * 20000;
    h.caplen = h.len = (bpf_u_int32)total;
    pcap_dump((u_char *)c->dumper, &h, f);
    c->frame++;
}

/* ---- Payloads: what media and ordinary traffic carry ---- */

enum {
    PL_RTP,      /* RTP, one stream per sender: SSRC from the endpoint, sequence numbers in order */
    PL_RTCP,     /* an RTCP receiver report and SDES, the stream's SSRC */
    PL_STUN,     /* a STUN binding request with the magic cookie (an ICE check) */
    PL_MS_STUN,  /* the same as a Skype for Business or Teams client sends it: MS-IMPLEMENTATION-VERSION */
    PL_CHANNEL,  /* TURN ChannelData carrying RTP */
    PL_MSTURN_CONTROL, /* TCP: MS-TURN framing type 2 around a TURN allocate */
    PL_MSTURN_DATA,    /* TCP: MS-TURN framing type 3 around RTP */
    PL_4571_STUN,      /* TCP: RFC 4571 framing around a STUN check (ICE-TCP) */
    PL_4571_DATA,      /* TCP: RFC 4571 framing around application data */
    PL_TLS,      /* TLS application data (HTTPS, SIP over TLS) */
    PL_DNS,      /* a DNS query */
    PL_SIP,      /* SIP over UDP, in text */
    PL_SSDP,     /* an SSDP M-SEARCH */
    PL_HTTP,     /* an HTTP request */
    PL_TPKT,     /* RDP's TPKT header and encrypted bytes */
    PL_NONE      /* no payload: a bare TCP ACK */
};

static uint32_t
ssrc_of(const endpoint *s)
{
    return ep_hash(s) | 1u;
}

/* Each stream's next sequence number, by SSRC. */
static uint16_t
next_seq(uint32_t ssrc)
{
    uint32_t *c = counter_of(ssrc * 2654435761u, ssrc >> 8);

    return (uint16_t)(*c)++;
}

/* The payload type an RTP stream carries: PCMU from an audio port of the
 * plans, a dynamic type (as SfB's H.264 and RTVideo use) from any other, so
 * that the stream agrees with the port's modality unless a capture says
 * otherwise through forced_pt. */
static int forced_pt = -1;

static uint8_t
rtp_pt_of(const endpoint *s)
{
    if (forced_pt >= 0)
        return (uint8_t)forced_pt;
    return (s->port >= 49152 && s->port <= 57500) || (s->port >= 50000 && s->port <= 50039) ? 0 : 122;
}

static size_t
rtp_payload(uint8_t *p, const endpoint *s, size_t body)
{
    uint32_t ssrc = ssrc_of(s);
    uint16_t seq = next_seq(ssrc);
    size_t i;

    p[0] = 0x80;
    p[1] = rtp_pt_of(s); /* the bytes after the header look encrypted (SRTP) */
    put16(p + 2, seq);
    put32(p + 4, 160u * seq);
    put32(p + 8, ssrc);
    for (i = 0; i < body; i++)
        p[12 + i] = (uint8_t)((i * 131 + seq * 7) ^ (ssrc >> (i % 24)));
    return 12 + body;
}

/* A STUN attribute; its value is padded to 4 bytes in the message. */
typedef struct {
    uint16_t type;
    const void *v;
    size_t n;
} stun_attr;

#define STUN_FINGERPRINT 0x8028

/* CRC-32 of IEEE 802.3, as FINGERPRINT wants it */
static uint32_t
crc32_ieee(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    size_t i;
    int k;

    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* A STUN message carrying `attrs`, or when there are none the one attribute
 * of a bare check: ICE-CONTROLLED, or MS-TURN's Magic Cookie. FINGERPRINT's
 * value is computed, so tshark can check it. */
static size_t
stun_payload(uint8_t *p, uint16_t type, int cookie_attr, const stun_attr *attrs, size_t nattrs)
{
    static const stun_attr ice_controlled = { 0x8029, "\x01\x02\x03\x04", 4 };
    static const stun_attr magic_cookie = { 0x000f, "\x72\xc6\x4b\xc6", 4 };
    size_t i, n = 20;

    memset(p, 0, 20);
    put16(p, type);
    if (cookie_attr) {
        /* MS-TURN: no cookie in the header, the Magic Cookie attribute first */
        for (i = 4; i < 20; i++)
            p[i] = (uint8_t)(0x30 + i);
    } else {
        put32(p + 4, 0x2112a442);
        for (i = 8; i < 20; i++)
            p[i] = (uint8_t)(0x30 + i);
    }
    if (!attrs) {
        attrs = cookie_attr ? &magic_cookie : &ice_controlled;
        nattrs = 1;
    }
    for (i = 0; i < nattrs; i++) {
        size_t padded = (attrs[i].n + 3) & ~(size_t)3;

        put16(p + n, attrs[i].type);
        put16(p + n + 2, (uint32_t)attrs[i].n);
        memset(p + n + 4, 0, padded);
        if (attrs[i].type == STUN_FINGERPRINT) {
            /* the CRC covers a header whose length already counts FINGERPRINT */
            put16(p + 2, (uint32_t)(n + 8 - 20));
            put32(p + n + 4, crc32_ieee(p, n) ^ 0x5354554e);
        } else {
            memcpy(p + n + 4, attrs[i].v, attrs[i].n);
        }
        n += 4 + padded;
    }
    put16(p + 2, (uint32_t)(n - 20));
    return n;
}

static size_t
text_payload(uint8_t *p, const char *t)
{
    size_t n = strlen(t);

    memcpy(p, t, n);
    return n;
}

static size_t
make_payload(uint8_t *p, int kind, const endpoint *s, size_t size)
{
    size_t n, i;

    switch (kind) {
    case PL_RTP:
        return rtp_payload(p, s, size > 12 ? size - 12 : 0);
    case PL_RTCP:
        memset(p, 0, 32);
        p[0] = 0x81; p[1] = 201; put16(p + 2, 7); put32(p + 4, ssrc_of(s));
        put32(p + 8, 0x0badcafe);
        p[32] = 0x81; p[33] = 202; put16(p + 34, 2); put32(p + 36, ssrc_of(s));
        p[40] = 1; p[41] = 2; p[42] = 'u'; p[43] = 'c';
        return 44;
    case PL_STUN:
        return stun_payload(p, 0x0001, 0, NULL, 0);
    case PL_MS_STUN: {
        static const stun_attr ms[] = { { 0x8029, "\x01\x02\x03\x04", 4 }, { 0x8070, "\x00\x00\x00\x03", 4 } };
        return stun_payload(p, 0x0001, 0, ms, 2);
    }
    case PL_CHANNEL:
        n = rtp_payload(p + 4, s, size > 16 ? size - 16 : 0);
        put16(p, 0x4000);
        put16(p + 2, (uint32_t)n);
        return 4 + ((n + 3) & ~(size_t)3);
    case PL_MSTURN_CONTROL:
        n = stun_payload(p + 4, 0x0003, 1, NULL, 0);
        p[0] = 2; p[1] = 0; put16(p + 2, (uint32_t)n);
        return 4 + n;
    case PL_MSTURN_DATA:
        n = rtp_payload(p + 4, s, size > 16 ? size - 16 : 0);
        p[0] = 3; p[1] = 0; put16(p + 2, (uint32_t)n);
        return 4 + n;
    case PL_4571_STUN: {
        static uint8_t checks; /* each ICE check its own transaction id */
        n = stun_payload(p + 2, 0x0001, 0, NULL, 0);
        p[2 + 19] ^= checks++;
        put16(p, (uint32_t)n);
        return 2 + n;
    }
    case PL_4571_DATA:
        put16(p, (uint32_t)(size - 2));
        for (i = 2; i < size; i++)
            p[i] = (uint8_t)(i * 29 + 3);
        return size;
    case PL_TLS:
        p[0] = 0x17; p[1] = 0x03; p[2] = 0x03; put16(p + 3, (uint32_t)(size - 5));
        for (i = 5; i < size; i++)
            p[i] = (uint8_t)(i * 151 + 7);
        return size;
    case PL_DNS: {
        static const uint8_t q[] = { 0x8a, 0x17, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
                                     4, 'p', 'o', 'o', 'l', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0,
                                     0x00, 0x01, 0x00, 0x01 };
        memcpy(p, q, sizeof q);
        return sizeof q;
    }
    case PL_SIP:
        return text_payload(p, "OPTIONS sip:pool.contoso.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.20.50:5060\r\n"
                               "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    case PL_SSDP:
        return text_payload(p, "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
                               "MX: 1\r\nST: ssdp:all\r\n\r\n");
    case PL_HTTP:
        return text_payload(p, "GET /status HTTP/1.1\r\nHost: 10.1.1.5:8080\r\n\r\n");
    case PL_TPKT:
        p[0] = 3; p[1] = 0; put16(p + 2, (uint32_t)size);
        for (i = 4; i < size; i++)
            p[i] = (uint8_t)(i * 97 + 1);
        return size;
    default:
        return 0;
    }
}

/* One packet whose payload is of `kind`, about `size` bytes. */
static void
media(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, int kind, size_t size)
{
    uint8_t pl[1500];

    packet(c, proto, s, d, dscp, pl, make_payload(pl, kind, s, size));
}

/* n packets each way of a conversation, sender first */
static void
exchange(capture *c, int proto, endpoint a, endpoint b, uint8_t dscp_ab, uint8_t dscp_ba, unsigned n, int kind)
{
    unsigned i;

    for (i = 0; i < n; i++)
        media(c, proto, &a, &b, dscp_ab, kind, 160);
    for (i = 0; i < n; i++)
        media(c, proto, &b, &a, dscp_ba, kind, 160);
}

static const uint32_t SFB_SERVER = IP(10, 1, 1, 20);
static const uint32_t CLIENT2 = IP(10, 1, 20, 60);

static void
gen_qos(const char *dir)
{
    capture c;
    endpoint cl, sv;

    /* Correct Skype for Business marking, and ordinary traffic from ports
     * inside the server ranges that must stay quiet. Each media flow starts
     * with an ICE check (STUN), so it is media from its first packet. */
    cap_open(&c, dir, "qos-sfb-correct.pcap");
    exchange(&c, PROTO_UDP, ep4(PHONE, 50020), ep4(SFB_SERVER, 49200), 46, 46, 1, PL_STUN);      /* 1-2 audio */
    exchange(&c, PROTO_UDP, ep4(PHONE, 50020), ep4(SFB_SERVER, 49200), 46, 46, 1, PL_RTP);       /* 3-4 */
    exchange(&c, PROTO_UDP, ep4(PHONE, 58000), ep4(SFB_SERVER, 60000), 34, 34, 1, PL_STUN);      /* 5-6 video */
    exchange(&c, PROTO_UDP, ep4(PHONE, 58000), ep4(SFB_SERVER, 60000), 34, 34, 1, PL_RTP);       /* 7-8 */
    exchange(&c, PROTO_UDP, ep4(PHONE, 42000), ep4(SFB_SERVER, 41000), 24, 24, 1, PL_STUN);      /* 9-10 app sharing */
    exchange(&c, PROTO_UDP, ep4(PHONE, 42000), ep4(SFB_SERVER, 41000), 24, 24, 1, PL_RTP);       /* 11-12 */
    exchange(&c, PROTO_TCP, ep4(PHONE, 42020), ep4(CLIENT2, 42021), 14, 14, 2, PL_4571_STUN);    /* 13-16 file transfer (TCP:
                                                                                                   media from a second check) */
    exchange(&c, PROTO_UDP, ep4(PHONE, 53000), ep4(IP(10, 1, 1, 1), 53), 0, 0, 1, PL_DNS);       /* 17-18 DNS */
    exchange(&c, PROTO_TCP, ep4(PHONE, 51000), ep4(IP(10, 1, 1, 5), 443), 0, 0, 1, PL_TLS);      /* 19-20 HTTPS */
    exchange(&c, PROTO_UDP, ep4(PHONE, 5060), ep4(SFB_SERVER, 5060), 0, 0, 1, PL_SIP);           /* 21-22 no range */
    cap_close(&c);

    /* One mistake per flow. RTP alone: the first packet of each stream only
     * starts the evidence, the second confirms it and is judged. */
    cap_open(&c, dir, "qos-mismatch.pcap");
    cl = ep4(PHONE, 50021); sv = ep4(SFB_SERVER, 49201);
    media(&c, PROTO_UDP, &cl, &sv, 34, PL_RTP, 160);  /* 1-2 audio marked as video */
    media(&c, PROTO_UDP, &cl, &sv, 34, PL_RTP, 160);
    cl = ep4(PHONE, 58001); sv = ep4(SFB_SERVER, 60001);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);   /* 3-4 video unmarked */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    cl = ep4(PHONE, 42001); sv = ep4(SFB_SERVER, 41001);
    media(&c, PROTO_UDP, &sv, &cl, 46, PL_RTP, 160);  /* 5-6 app sharing from the server marked 46 */
    media(&c, PROTO_UDP, &sv, &cl, 46, PL_RTP, 160);
    cl = ep4(PHONE, 33333); sv = ep4(SFB_SERVER, 49300);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);   /* 7-8 client port in no range, server audio */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    cap_close(&c);

    /* VBSS in a meeting: client app-sharing port to a server video port */
    cap_open(&c, dir, "qos-vbss.pcap");
    exchange(&c, PROTO_UDP, ep4(PHONE, 42004), ep4(SFB_SERVER, 62345), 24, 34, 3, PL_RTP);   /* 1-6 */
    cap_close(&c);

    /* Teams: audio marked right, video unmarked, to a transport relay: an
     * allocation check, then media in ChannelData */
    cap_open(&c, dir, "qos-teams.pcap");
    cl = ep4(PHONE, 50005); sv = ep4(IP(52, 112, 0, 10), 3478);
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_STUN, 160);     /* 1-2 */
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_CHANNEL, 160);
    cl = ep4(PHONE, 50025);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_STUN, 160);      /* 3-4 */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_CHANNEL, 160);
    cl = ep4(PHONE, 50045);
    media(&c, PROTO_UDP, &cl, &sv, 18, PL_STUN, 160);     /* 5 Teams screen sharing */
    cap_close(&c);

    /* IPv6: audio both ways, the server's direction unmarked; RTCP first
     * (a complete compound packet decides at once) */
    cap_open(&c, dir, "qos-ipv6.pcap");
    exchange(&c, PROTO_UDP, ep6(0x20, 0x50, 50020), ep6(0x1, 0x20, 49200), 46, 0, 1, PL_RTCP); /* 1-2 */
    exchange(&c, PROTO_UDP, ep6(0x20, 0x50, 50020), ep6(0x1, 0x20, 49200), 46, 0, 1, PL_RTP);  /* 3-4 */
    cap_close(&c);

    /* Media fallen back to TCP 443 through the Edge: MS-TURN framing, a TURN
     * control message, then end-to-end data */
    cap_open(&c, dir, "qos-tcp-fallback.pcap");
    exchange(&c, PROTO_TCP, ep4(PHONE, 50030), ep4(IP(10, 1, 1, 30), 443), 46, 0, 1, PL_MSTURN_CONTROL); /* 1-2 */
    exchange(&c, PROTO_TCP, ep4(PHONE, 50030), ep4(IP(10, 1, 1, 30), 443), 46, 0, 1, PL_MSTURN_DATA);    /* 3-4 */
    cap_close(&c);

    /* Re-marked along the path, mid-flow */
    cap_open(&c, dir, "qos-remarked.pcap");
    cl = ep4(PHONE, 50022); sv = ep4(SFB_SERVER, 49202);
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_STUN, 160); /* 1-3 right */
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_RTP, 160);
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_RTP, 160);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);   /* 4-5 cleared */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    media(&c, PROTO_UDP, &cl, &sv, 46, PL_RTP, 160);  /* 6 back */
    cap_close(&c);

    /* Ordinary traffic from and to ports inside the plan's ranges, none of
     * it media: nothing here may be judged. */
    cap_open(&c, dir, "qos-not-media.pcap");
    cl = ep4(PHONE, 50024); sv = ep4(SFB_SERVER, 5061);
    media(&c, PROTO_TCP, &cl, &sv, 0, PL_TLS, 300);          /* 1-3 SIP over TLS, client audio port */
    media(&c, PROTO_TCP, &sv, &cl, 0, PL_TLS, 600);
    media(&c, PROTO_TCP, &cl, &sv, 0, PL_NONE, 0);           /*     and its bare ACK */
    cl = ep4(PHONE, 57000); sv = ep4(IP(10, 1, 1, 5), 8080);
    media(&c, PROTO_TCP, &cl, &sv, 0, PL_HTTP, 0);           /* 4-5 HTTP on 8080, server video port */
    media(&c, PROTO_TCP, &sv, &cl, 0, PL_TLS, 200);
    cl = ep4(PHONE, 58002); sv = ep4(IP(239, 255, 255, 250), 1900);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_SSDP, 0);           /* 6-7 SSDP, sent twice */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_SSDP, 0);
    cl = ep4(PHONE, 49500); sv = ep4(IP(224, 0, 0, 252), 5355);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_DNS, 0);            /* 8-9 LLMNR, sent twice from one port */
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_DNS, 0);
    cl = ep4(PHONE, 50033); sv = ep4(IP(10, 1, 1, 40), 3389);
    media(&c, PROTO_TCP, &cl, &sv, 0, PL_TPKT, 400);         /* 10-11 RDP */
    media(&c, PROTO_TCP, &sv, &cl, 0, PL_TPKT, 900);
    cl = ep4(PHONE, 42005); sv = ep4(SFB_SERVER, 62346);
    media(&c, PROTO_TCP, &cl, &sv, 24, PL_NONE, 0);          /* 12-13 bare ACKs between media ports */
    media(&c, PROTO_TCP, &sv, &cl, 34, PL_NONE, 0);
    cap_close(&c);
}

/* ---- QoS: whose media is it? Other apps on plan ports, and Microsoft
 * media with each kind of evidence that makes it Microsoft's ---- */

/* XOR-MAPPED-ADDRESS's value for an IPv4 endpoint */
static void
xor_mapped(uint8_t v[8], const endpoint *e)
{
    static const uint8_t cookie[4] = { 0x21, 0x12, 0xa4, 0x42 };
    size_t i;

    v[0] = 0;
    v[1] = 1;
    put16(v + 2, e->port ^ 0x2112u);
    for (i = 0; i < 4; i++)
        v[4 + i] = e->a[i] ^ cookie[i];
}

/* One SCCP (Cisco Skinny) message: its length counts from the message id, so
 * a 64-byte body makes a first byte of 0x44, in TURN's ChannelData range. */
static size_t
sccp_message(uint8_t *p, uint32_t id, const void *body, size_t n)
{
    put32le(p, (uint32_t)(4 + n));
    put32le(p + 4, 0); /* header version: basic */
    put32le(p + 8, id);
    if (n)
        memcpy(p + 12, body, n);
    return 12 + n;
}

/* An application's data exchanged with a phone (UserToDeviceData and the
 * phone's DeviceToUserDataResponse): 20 bytes of ids and 44 of text. */
static size_t
sccp_user_data(uint8_t *p, uint32_t id, uint32_t transaction, const char *xml)
{
    uint8_t b[64];

    if (strlen(xml) != 44)
        die("an SCCP user-data message here carries 44 bytes");
    put32le(b, 1);            /* application */
    put32le(b + 4, 1);        /* line */
    put32le(b + 8, 0);        /* no call */
    put32le(b + 12, transaction);
    put32le(b + 16, 44);
    memcpy(b + 20, xml, 44);
    return sccp_message(p, id, b, sizeof b);
}

#define SCCP_KEEPALIVE 0x0000
#define SCCP_REGISTER 0x0001
#define SCCP_DEVICE_TO_USER_DATA_RESPONSE 0x002f
#define SCCP_REGISTER_ACK 0x0081
#define SCCP_CAPABILITIES_REQ 0x009b
#define SCCP_KEEPALIVE_ACK 0x0100
#define SCCP_USER_TO_DEVICE_DATA 0x011e

static void
gen_qos_evidence(const char *dir)
{
    /* Stands in for HMAC-SHA1: without the ICE password nothing checks it */
    static const uint8_t integrity[20] = { 0x5d, 0x1f, 0x83, 0x2c, 0xe0, 0x47, 0x9a, 0x3b, 0x71, 0xc4,
                                           0x08, 0xb6, 0x2e, 0xf5, 0x64, 0x19, 0xd2, 0x8d, 0x40, 0xa7 };
    static const uint8_t tiebreaker[8] = { 0x1b, 0x4e, 0x92, 0x07, 0xc3, 0x5a, 0xe8, 0x66 };
    static const uint8_t prflx_priority[4] = { 0x6e, 0x00, 0x1e, 0xff };
    static const uint8_t goog_network[4] = { 0x00, 0x01, 0x00, 0x00 }; /* network 1, cost 0: wired */
    static const uint8_t whatsapp_4000[4] = { 0x00, 0x00, 0x00, 0x01 };
    static const uint8_t ms_ice2[4] = { 0x00, 0x00, 0x00, 0x03 };
    static const uint8_t foundation[4] = { '1', 0, 0, 0 };
    uint8_t mapped[8];
    const stun_attr meet_check[] = {
        { 0x0006, "vZ3qK8mTn1WbXc7R:Pd4f", 21 },
        { 0xc057, goog_network, 4 },
        { 0x802a, tiebreaker, 8 },
        { 0x0024, prflx_priority, 4 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };
    const stun_attr whatsapp_check[] = { { 0x4000, whatsapp_4000, 4 } };
    const stun_attr plain_check[] = {
        { 0x0006, "r7Tw:Kx2m", 9 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };
    /* MS-ICE2: version 3 in every check and answer, and the candidate's
     * foundation in the check */
    stun_attr ms_check[] = {
        { 0x0006, "Bx8dTq3KfZ0mRw5N:Hc2vLp9sYe4gUa7J", 33 },
        { 0x0024, prflx_priority, 4 },
        { 0x802a, tiebreaker, 8 },
        { 0x8070, ms_ice2, 4 },
        { 0x8054, foundation, 4 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };
    const stun_attr answer[] = {
        { 0x0020, mapped, 8 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };
    const stun_attr ms_answer[] = {
        { 0x0020, mapped, 8 },
        { 0x8070, ms_ice2, 4 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };
    capture c;
    endpoint cl, sv, nat;
    uint8_t pl[200], reg[36], reg_ack[20], mac[6];
    size_t n;
    unsigned i;

#define CHECK(attrs) stun_payload(pl, 0x0001, 0, attrs, sizeof attrs / sizeof attrs[0])
#define ANSWER(attrs) stun_payload(pl, 0x0101, 0, attrs, sizeof attrs / sizeof attrs[0])

    /* Other apps' media and signalling on ports of the default plan, every
     * flow marked against it: nothing here is Microsoft's. */
    cap_open(&c, dir, "qos-other-apps.pcap");
    /* 1-8: Google Meet in a browser; Chrome's GOOG-NETWORK-INFO in the check
     * says whose stack it is. The PC is behind the site's NAT. */
    cl = ep4(IP(10, 1, 20, 70), 51000); sv = ep4(IP(142, 250, 82, 10), 19305);
    nat = ep4(IP(192, 0, 2, 1), 51000);
    packet(&c, PROTO_UDP, &cl, &sv, 0, pl, CHECK(meet_check));
    xor_mapped(mapped, &nat);
    packet(&c, PROTO_UDP, &sv, &cl, 32, pl, ANSWER(answer));
    exchange(&c, PROTO_UDP, cl, sv, 0, 32, 3, PL_RTP);
    /* 9-16: a WhatsApp call, its relay answering on 3478 */
    cl = ep4(IP(10, 1, 20, 71), 50030); sv = ep4(IP(157, 240, 20, 51), 3478);
    packet(&c, PROTO_UDP, &cl, &sv, 48, pl, CHECK(whatsapp_check));
    nat.port = 50030;
    xor_mapped(mapped, &nat);
    packet(&c, PROTO_UDP, &sv, &cl, 48, pl, stun_payload(pl, 0x0101, 0, answer, 1));
    exchange(&c, PROTO_UDP, cl, sv, 48, 48, 3, PL_RTP);
    /* 17-20: plain RFC 5389 to a relay nobody names, then media through it:
     * evidence neither way */
    cl = ep4(IP(10, 1, 20, 72), 50031); sv = ep4(IP(198, 51, 100, 7), 3478);
    packet(&c, PROTO_UDP, &cl, &sv, 0, pl, CHECK(plain_check));
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_CHANNEL, 160);
    /* 21-26: RTP and nothing else: client video port to a server app-sharing
     * port, evidence neither way */
    forced_pt = 0; /* G.711 on a video port: the stream's word against the plan's */
    exchange(&c, PROTO_UDP, ep4(IP(10, 1, 20, 73), 58001), ep4(IP(203, 0, 113, 9), 40900), 0, 0, 3, PL_RTP);
    forced_pt = -1;
    /* 27-38: a Cisco phone's Skinny to CUCM, marked CS3 as Cisco marks
     * signalling, from a port in the server audio range. Some of its
     * messages start with 0x44, as TURN ChannelData would; it is never media. */
    cl = ep4(IP(10, 1, 20, 80), 51500); sv = ep4(IP(10, 1, 1, 50), 2000);
    memset(reg, 0, sizeof reg);
    memcpy(reg, "SEP001B5414C850", 16);
    put32le(reg + 20, 1);                  /* instance */
    put32(reg + 24, IP(10, 1, 20, 80));    /* the station's address, in network order */
    put32le(reg + 28, 7);                  /* Cisco 7960 */
    put32le(reg + 32, 5);                  /* streams */
    packet(&c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_REGISTER, reg, sizeof reg));
    memset(reg_ack, 0, sizeof reg_ack);
    put32le(reg_ack, 30);                  /* keepalive interval, s */
    memcpy(reg_ack + 4, "M/D/YA", 6);
    put32le(reg_ack + 12, 30);             /* to a secondary CUCM */
    reg_ack[16] = 5;                       /* protocol version */
    /* CUCM sends its ack and its capabilities request in one segment */
    n = sccp_message(pl, SCCP_REGISTER_ACK, reg_ack, sizeof reg_ack);
    n += sccp_message(pl + n, SCCP_CAPABILITIES_REQ, NULL, 0);
    packet(&c, PROTO_TCP, &sv, &cl, 24, pl, n);
    for (i = 0; i < 2; i++) {
        packet(&c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_KEEPALIVE, NULL, 0));
        packet(&c, PROTO_TCP, &sv, &cl, 24, pl, sccp_message(pl, SCCP_KEEPALIVE_ACK, NULL, 0));
        /* an application on CUCM asks the phone, which answers: 0x44 each way */
        packet(&c, PROTO_TCP, &sv, &cl, 24, pl,
               sccp_user_data(pl, SCCP_USER_TO_DEVICE_DATA, 0x100 + i,
                              i ? "<query app=\"presence\"><line>2</line></query>"
                                : "<query app=\"presence\"><line>1</line></query>"));
        packet(&c, PROTO_TCP, &cl, &sv, 24, pl,
               sccp_user_data(pl, SCCP_DEVICE_TO_USER_DATA_RESPONSE, 0x100 + i,
                              i ? "<reply app=\"presence\" line=\"2\">ready</reply>"
                                : "<reply app=\"presence\" line=\"1\">ready</reply>"));
    }
    packet(&c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_KEEPALIVE, NULL, 0));
    packet(&c, PROTO_TCP, &sv, &cl, 24, pl, sccp_message(pl, SCCP_KEEPALIVE_ACK, NULL, 0));
    /* 39-46: Meet again, from a PC in a subnet the user may declare a voice
     * subnet, captured mid-call: RTP first (39-41), then the browser's
     * consent check with GOOG-NETWORK-INFO (42), then RTP (43-46). Declared,
     * the flow is judged until the check shows whose it is, and not after. */
    cl = ep4(IP(10, 1, 21, 70), 51002); sv = ep4(IP(142, 250, 82, 10), 19305);
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    packet(&c, PROTO_UDP, &cl, &sv, 0, pl, CHECK(meet_check));
    for (i = 0; i < 4; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    cap_close(&c);

    /* Microsoft media, each flow shown to be so by one kind of evidence;
     * every flow has a direction marked against the plan. */
    cap_open(&c, dir, "qos-evidence.pcap");
    /* 1-6: MS-ICE2 attributes in the flow's own ICE check and answer; the
     * server's direction is unmarked */
    cl = ep4(PHONE, 50020); sv = ep4(SFB_SERVER, 49200);
    packet(&c, PROTO_UDP, &cl, &sv, 46, pl, CHECK(ms_check));
    xor_mapped(mapped, &cl);
    packet(&c, PROTO_UDP, &sv, &cl, 0, pl, ANSWER(ms_answer));
    exchange(&c, PROTO_UDP, cl, sv, 46, 0, 2, PL_RTP);
    /* 7-9: the same client endpoint to a second candidate, with no STUN of
     * its own: Microsoft's because that endpoint spoke MS-ICE2 in frame 1 */
    sv = ep4(IP(10, 1, 30, 9), 49250);
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    /* 10-13: a bare check to a relay in Teams' media range (52.112.0.0/14),
     * then ChannelData */
    cl = ep4(IP(10, 1, 20, 51), 50021); sv = ep4(IP(52, 113, 0, 5), 3478);
    media(&c, PROTO_UDP, &cl, &sv, 0, PL_STUN, 160);
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_CHANNEL, 160);
    /* 14-19: RTP alone in a network the user declares as UC (10.99.1.0/24) */
    exchange(&c, PROTO_UDP, ep4(IP(10, 1, 20, 52), 58000), ep4(IP(10, 99, 1, 20), 60000), 0, 0, 3, PL_RTP);
    /* 20-23: a Lync phone's INFORM, then its RTP alone. write_frame counts
     * 10 ms a frame and packet() 20 ms: start the INFORM where packet()'s
     * clock is, so time runs forward. */
    memcpy(mac, PHONE_MAC, 6);
    mac[5] = 0x04;
    c.extra_us = (long long)c.frame * 10000;
    inform(&c, 0x3e710004, mac, IP(10, 1, 20, 53), "MS-UC-Client");
    cl = ep4(IP(10, 1, 20, 53), 50030); sv = ep4(IP(10, 1, 40, 2), 49300);
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    /* 24-30: RTP (24-26) before the flow's MS-ICE2 check (27), then RTP
     * again (28-30): only what follows the evidence can be judged */
    cl = ep4(IP(10, 1, 20, 54), 50025); sv = ep4(IP(10, 1, 1, 21), 49210);
    ms_check[0] = (stun_attr){ 0x0006, "Yq5cN2wRj8LhVt0D:Fm7kXb3pZs6aGe1U", 33 }; /* its own ICE session */
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
    packet(&c, PROTO_UDP, &cl, &sv, 0, pl, CHECK(ms_check));
    for (i = 0; i < 3; i++)
        media(&c, PROTO_UDP, &cl, &sv, 0, PL_RTP, 160);
#undef CHECK
#undef ANSWER
    cap_close(&c);
}

/* ---- Random option 43 for the sanitizer run ---- */

static uint64_t rng;

static uint32_t
rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
}

static void
gen_random(unsigned count, uint64_t seed, const char *path)
{
    capture c;
    subopts s;
    dhcp_msg m;
    uint8_t mac[6];
    unsigned i, j;
    static const char *classes[] = { NULL, "MS-UC-Client", "MSFT 5.0", "CPE-OCPhone" };

    rng = seed ? seed : 1;
    cap_open_path(&c, path);
    memcpy(mac, PHONE_MAC, 6);
    for (i = 0; i < count; i++) {
        size_t n43;
        mac[4] = (uint8_t)(i >> 8);
        mac[5] = (uint8_t)i;
        s.n = 0;
        if (rnd() & 1)
            uc_standard(&s, "pool.contoso.com");
        for (j = rnd() % 40; j > 0; j--) {
            if (s.n && (rnd() & 1))
                s.b[rnd() % s.n] = (uint8_t)rnd();
            else if (s.n < sizeof s.b)
                s.b[s.n++] = (uint8_t)rnd();
        }
        if (rnd() % 3 == 0)
            inform(&c, 0xf0000000 + i, mac, PHONE, classes[rnd() % 4]);
        ack_begin(&m, 0xf0000000 + i, mac, PHONE, classes[rnd() % 4]);
        n43 = s.n > 255 ? 255 : s.n;
        opt(&m, 43, s.b, n43);
        if (s.n > 255 || rnd() % 8 == 0)
            opt(&m, 250, s.b + n43, s.n > n43 ? s.n - n43 : 0);
        if (rnd() & 1) {
            uint8_t v[40];
            for (j = 0; j < sizeof v; j++)
                v[j] = (uint8_t)(rnd() % 8 == 0 ? rnd() : rnd() % 64);
            opt(&m, 120, v, 1 + rnd() % sizeof v - 1);
        }
        ack_send(&c, &m, mac, PHONE);
    }
    cap_close(&c);
}

/* ---- A large capture for the benchmark: mostly UC media ---- */

static void
gen_bench(unsigned long count, const char *path)
{
    enum { FLOWS = 300 };
    static const struct {
        uint16_t client_base, server_base;
        uint8_t dscp;
    } kinds[] = {
        { 50020, 49200, 46 }, /* audio */
        { 58000, 60000, 34 }, /* video */
        { 42000, 41000, 24 }, /* app sharing */
    };
    capture c;
    endpoint cl[FLOWS], sv[FLOWS];
    uint8_t dscp[FLOWS];
    unsigned long i;
    unsigned f;
    subopts s = { .n = 0 };

    cap_open_path(&c, path);
    rng = 42;
    for (f = 0; f < FLOWS; f++) {
        unsigned k = f % 3;
        cl[f] = ep4(IP(10, 2, f / 250, 1 + f % 250), (uint16_t)(kinds[k].client_base + f % 20));
        sv[f] = ep4(IP(10, 1, 1, 20 + f % 10), (uint16_t)(kinds[k].server_base + f));
        /* one flow in ten is marked wrong, as in a network worth checking */
        dscp[f] = f % 10 == 0 ? 0 : kinds[k].dscp;
    }
    uc_standard(&s, "pool.contoso.com");
    for (i = 0; i < count; i++) {
        unsigned r = rnd() % 100;
        if (r < 85) {
            /* SRTP-like media, with an RTCP report or a Microsoft client's
             * ICE check now and then */
            int kind = r < 2 ? PL_MS_STUN : r < 4 ? PL_RTCP : PL_RTP;
            f = rnd() % FLOWS;
            if (rnd() & 1)
                media(&c, PROTO_UDP, &cl[f], &sv[f], dscp[f], kind, 172);
            else
                media(&c, PROTO_UDP, &sv[f], &cl[f], dscp[f], kind, 172);
        } else if (r < 89) {
            /* desk traffic from Windows' ephemeral ports to ports the plan
             * does not exclude: SIP over TLS and HTTP on 8080, 2000
             * connections that each carry several packets */
            unsigned conn = rnd() % 2000;
            endpoint a = ep4(IP(10, 2, 0, 1 + conn % 200), (uint16_t)(49152 + conn * 7));
            endpoint b = ep4(IP(10, 1, 1, 6), (conn & 1) ? 5061 : 8080);
            if (rnd() & 1)
                media(&c, PROTO_TCP, &a, &b, 0, b.port == 5061 ? PL_TLS : PL_HTTP, 300);
            else
                media(&c, PROTO_TCP, &b, &a, 0, PL_TLS, 1200);
        } else if (r < 95) {
            endpoint a = ep4(IP(10, 2, 0, 1 + rnd() % 200), (uint16_t)(49152 + rnd() % 16000));
            endpoint b = ep4(IP(10, 1, 1, 5), 443);
            if (rnd() & 1)
                media(&c, PROTO_TCP, &a, &b, 0, PL_TLS, 600);
            else
                media(&c, PROTO_TCP, &b, &a, 0, PL_TLS, 1200);
        } else if (r < 98) {
            endpoint a = ep4(IP(10, 2, 0, 1 + rnd() % 200), (uint16_t)(49152 + rnd() % 16000));
            endpoint b = ep4(IP(10, 1, 1, 1), 53);
            media(&c, PROTO_UDP, &a, &b, 0, PL_DNS, 40);
        } else {
            uint8_t mac[6];
            uint32_t xid = rnd();
            dhcp_msg m;
            memcpy(mac, PHONE_MAC, 6);
            mac[4] = (uint8_t)(xid >> 8);
            mac[5] = (uint8_t)xid;
            inform(&c, xid, mac, PHONE, "MS-UC-Client");
            ack_begin(&m, xid, mac, PHONE, NULL);
            opt(&m, 43, s.b, s.n);
            sip_server_fqdn(&m, "pool.contoso.com");
            ack_send(&c, &m, mac, PHONE);
            i++;
        }
    }
    cap_close(&c);
}

/* ---- DHCPINFORM paths (issue 3): what no Debian server does ---- */

static const uint32_t RELAY_CLIENT_SIDE = IP(10, 1, 20, 1);
static const uint32_t RELAY_SERVER_SIDE = IP(10, 1, 1, 1);
static const uint32_t SERVER2 = IP(10, 1, 1, 11);
static const uint8_t RELAY_MAC_C[6] = { 0x00, 0x1b, 0x54, 0x20, 0x00, 0x01 };
static const uint8_t RELAY_MAC_S[6] = { 0x00, 0x1b, 0x54, 0x01, 0x00, 0x01 };
static const uint8_t SERVER2_MAC[6] = { 0x00, 0x15, 0x5d, 0x01, 0x01, 0x0b };
static const uint8_t BCAST_MAC[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* The INFORM a phone broadcasts, with `secs` since it started. */
static void
phone_inform(dhcp_msg *m, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, uint16_t secs)
{
    msg_init(m, BOOTREQUEST, xid, mac, DHCPINFORM);
    m->ciaddr = ciaddr;
    m->secs = secs;
    opt_str(m, 60, "MS-UC-Client");
    opt(m, 55, PRL_UC, sizeof PRL_UC);
    opt_end(m);
}

/* The phone's broadcast, then the relay's copy to the server. */
static void
relayed_inform(capture *c, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, uint16_t secs, uint32_t server,
               const uint8_t server_mac[6])
{
    dhcp_msg m;

    phone_inform(&m, xid, mac, ciaddr, secs);
    write_frame(c, mac, BCAST_MAC, ciaddr, BROADCAST, 68, 67, &m);
    m.giaddr = RELAY_CLIENT_SIDE;
    m.hops = 1;
    write_frame(c, RELAY_MAC_S, server_mac, RELAY_SERVER_SIDE, server, 67, 67, &m);
}

/* A server's ACK to a relayed INFORM, addressed to the relay's port 67. */
static void
ack_to_relay(capture *c, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, uint16_t flags, uint32_t server,
             const uint8_t server_mac[6], int with_43, int with_120)
{
    dhcp_msg m;
    subopts s = { .n = 0 };

    msg_init(&m, BOOTREPLY, xid, mac, DHCPACK);
    m.ciaddr = ciaddr;
    m.giaddr = RELAY_CLIENT_SIDE;
    m.flags = flags;
    opt_ip(&m, 54, server);
    opt_ip(&m, 3, RELAY_CLIENT_SIDE);
    if (with_43) {
        uc_standard(&s, "pool.contoso.com");
        opt(&m, 43, s.b, s.n);
    }
    if (with_120)
        sip_server_fqdn(&m, "pool.contoso.com");
    opt_end(&m);
    write_frame(c, server_mac, RELAY_MAC_S, server, RELAY_CLIENT_SIDE, 67, 67, &m);
    if (flags & FLAG_BROADCAST)
        write_frame(c, RELAY_MAC_C, BCAST_MAC, RELAY_CLIENT_SIDE, BROADCAST, 67, 68, &m);
}

/* Windows Server 2003/2008 before KB950574/KB971307, seen on both ports of
 * the relay: the ACK goes to the relay with BROADCAST clear and yiaddr 0, so
 * the relay has nowhere to send it and the phone retries. Then a patched
 * server (BROADCAST set), which the relay broadcasts on the phone's segment. */
static void
gen_inform_windows_relay(const char *dir)
{
    capture c;
    uint8_t mac2[6];

    cap_open(&c, dir, "inform-windows-relay.pcap");
    relayed_inform(&c, 0x5a17e001, PHONE_MAC, PHONE, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x5a17e001, PHONE_MAC, PHONE, 0, SERVER, SERVER_MAC, 1, 1);
    c.extra_us += 4000000;
    relayed_inform(&c, 0x5a17e001, PHONE_MAC, PHONE, 4, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x5a17e001, PHONE_MAC, PHONE, 0, SERVER, SERVER_MAC, 1, 1);
    c.extra_us += 2000000;
    memcpy(mac2, PHONE_MAC, 6);
    mac2[5] = 0x02;
    relayed_inform(&c, 0x5a17e002, mac2, PHONE + 1, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x5a17e002, mac2, PHONE + 1, FLAG_BROADCAST, SERVER, SERVER_MAC, 1, 1);
    cap_close(&c);
}

/* At the relay again: answers that reach the phone but do not help it. */
static void
gen_inform_answers(const char *dir)
{
    capture c;
    uint8_t mac[6];

    cap_open(&c, dir, "inform-answers.pcap");
    memcpy(mac, PHONE_MAC, 6);
    /* 1-4: a server with no MS-UC-Client class: neither 43 nor 120. */
    mac[5] = 0x11;
    relayed_inform(&c, 0x6b000011, mac, PHONE + 0x11, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x6b000011, mac, PHONE + 0x11, FLAG_BROADCAST, SERVER, SERVER_MAC, 0, 0);
    /* 5-10: two servers answer (a relay with two helper addresses); the
     * second has 43 but no 120. */
    c.extra_us += 1000000;
    mac[5] = 0x12;
    relayed_inform(&c, 0x6b000012, mac, PHONE + 0x12, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x6b000012, mac, PHONE + 0x12, FLAG_BROADCAST, SERVER, SERVER_MAC, 1, 1);
    ack_to_relay(&c, 0x6b000012, mac, PHONE + 0x12, FLAG_BROADCAST, SERVER2, SERVER2_MAC, 1, 0);
    /* 11-14: an overloaded server answers after 6 s, past the timeout. */
    c.extra_us += 1000000;
    mac[5] = 0x13;
    relayed_inform(&c, 0x6b000013, mac, PHONE + 0x13, 0, SERVER, SERVER_MAC);
    c.extra_us += 6000000;
    ack_to_relay(&c, 0x6b000013, mac, PHONE + 0x13, FLAG_BROADCAST, SERVER, SERVER_MAC, 1, 1);
    /* 15-18: another phone that happens to reuse the first phone's xid: its
     * own transaction, answered well. */
    c.extra_us += 1000000;
    mac[5] = 0x14;
    relayed_inform(&c, 0x6b000011, mac, PHONE + 0x14, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x6b000011, mac, PHONE + 0x14, FLAG_BROADCAST, SERVER, SERVER_MAC, 1, 1);
    /* 19-20: a phone no server answers at all (the server ignores a subnet
     * it is not authoritative for); 21-24, 5 s later: another phone, so the
     * capture runs past the timeout. */
    c.extra_us += 1000000;
    mac[5] = 0x15;
    relayed_inform(&c, 0x6b000015, mac, PHONE + 0x15, 0, SERVER, SERVER_MAC);
    c.extra_us += 5000000;
    mac[5] = 0x16;
    relayed_inform(&c, 0x6b000016, mac, PHONE + 0x16, 0, SERVER, SERVER_MAC);
    ack_to_relay(&c, 0x6b000016, mac, PHONE + 0x16, FLAG_BROADCAST, SERVER, SERVER_MAC, 1, 1);
    cap_close(&c);
}

/* ---- A DHCPINFORM flood for the benchmark's memory check ---- */

/* PHONES phones behind a relay whose ACKs never arrive, each resending its
 * INFORM (same xid, secs growing), seen on both sides of the relay, and the
 * server answering every one: count packets (one more at most), so memory per packet
 * shows as the difference between two counts. */
static void
gen_flood(unsigned long count, const char *path)
{
    enum { PHONES = 200 };
    capture c;
    unsigned long i;

    cap_open_path(&c, path);
    for (i = 0; c.frame < count; i++) {
        uint8_t mac[6];
        unsigned p = (unsigned)(i % PHONES);
        uint32_t xid = 0x7f000000u + p;

        memcpy(mac, PHONE_MAC, 6);
        mac[4] = (uint8_t)(p >> 8);
        mac[5] = (uint8_t)p;
        relayed_inform(&c, xid, mac, PHONE + p, (uint16_t)(i / PHONES * 4), SERVER, SERVER_MAC);
        if (c.frame < count)
            ack_to_relay(&c, xid, mac, PHONE + p, 0, SERVER, SERVER_MAC, 1, 1);
    }
    cap_close(&c);
}

/* ---- Who asks: a Windows PC, a Linux client and a phone at the capture's
 * end (issue 8), and Windows NAP sub-options (MS-DHCPN) ---- */

/* What a Windows 10 PC asks for in its DHCPINFORM. */
static const uint8_t PRL_WINDOWS[] = { 1, 15, 3, 6, 44, 46, 47, 31, 33, 121, 249, 43, 252 };

static void
client_inform(capture *c, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vc, const uint8_t *prl,
              size_t nprl, const subopts *o43, uint16_t secs)
{
    dhcp_msg m;

    msg_init(&m, BOOTREQUEST, xid, mac, DHCPINFORM);
    m.ciaddr = ciaddr;
    m.secs = secs;
    if (vc)
        opt_str(&m, 60, vc);
    opt(&m, 55, prl, nprl);
    if (o43)
        opt(&m, 43, o43->b, o43->n);
    opt_end(&m);
    write_frame(c, mac, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", ciaddr, BROADCAST, 68, 67, &m);
}

static void
gen_client_kinds(const char *dir)
{
    capture c;
    subopts nap = { .n = 0 };
    uint8_t pc[6] = { 0x00, 0x15, 0x5d, 0x88, 0x00, 0x01 }, lx[6] = { 0x52, 0x54, 0x00, 0x88, 0x00, 0x02 };
    static const uint8_t prl_linux[] = { 1, 28, 2, 3, 15, 6, 119, 12 };
    uint8_t coid[130];
    size_t i;

    /* A NAP-capable Windows client's INFORM: SoH of one zero byte, and its
     * correlation ID (MS-DHCPN 3.1.5.2) */
    for (i = 0; i < sizeof coid; i++)
        coid[i] = (uint8_t)(i * 7 + 1);
    sub(&nap, 220, "\x00", 1);
    sub(&nap, 222, coid, sizeof coid);

    cap_open(&c, dir, "inform-client-kinds.pcap");
    /* 1-2: a Windows PC that no server answers, retrying after 5 s */
    client_inform(&c, 0x88000001, pc, IP(10, 1, 30, 20), "MSFT 5.0", PRL_WINDOWS, sizeof PRL_WINDOWS, &nap, 0);
    c.extra_us += 5000000;
    client_inform(&c, 0x88000001, pc, IP(10, 1, 30, 20), "MSFT 5.0", PRL_WINDOWS, sizeof PRL_WINDOWS, &nap, 5);
    /* 3: a Linux client, no vendor class, unanswered */
    c.extra_us += 1000000;
    client_inform(&c, 0x88000002, lx, IP(10, 1, 30, 21), NULL, prl_linux, sizeof prl_linux, NULL, 0);
    /* 4: a phone whose INFORM is the capture's last frame, 6 s on: nothing
     * could have answered yet */
    c.extra_us += 6000000;
    inform(&c, 0x88000003, PHONE_MAC, PHONE, "MS-UC-Client");
    cap_close(&c);
}

static void
gen_msft_nap(const char *dir)
{
    capture c;
    subopts s = { .n = 0 };
    dhcp_msg m;
    uint8_t mac[6] = { 0x00, 0x15, 0x5d, 0x99, 0x00, 0x01 };
    static const uint8_t soh_response[] = { 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0x01, 0x37, 0x00, 0x02, 0x00, 0x00 };
    static const uint8_t remediation[17] = { 1, 0x20, 0x01, 0x0d, 0xb8, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53 };
    uint32_t pc = IP(10, 1, 30, 40);

    cap_open(&c, dir, "msft-nap.pcap");
    /* 1: a Windows DISCOVER asks for NAP with an empty SoH */
    msg_init(&m, BOOTREQUEST, 0x99000001, mac, DHCPDISCOVER);
    opt_str(&m, 60, "MSFT 5.0");
    opt(&m, 55, PRL_WINDOWS, sizeof PRL_WINDOWS);
    sub(&s, 220, "", 0);
    opt(&m, 43, s.b, s.n);
    opt_end(&m);
    write_frame(&c, mac, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", 0, BROADCAST, 68, 67, &m);
    /* 2: the server quarantines it: an SoH response, the real mask 255.255.255.0
     * (little-endian) and one IPv6 remediation server */
    s.n = 0;
    sub(&s, 220, soh_response, sizeof soh_response);
    sub(&s, 221, "\x00\xff\xff\xff", 4);
    sub(&s, 223, remediation, sizeof remediation);
    ack_begin(&m, 0x99000001, mac, 0, NULL);
    m.yiaddr = pc;
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac, pc);
    /* 3: the same from a server that got the lengths wrong */
    s.n = 0;
    sub(&s, 221, "\xff\xff\xff", 3);
    sub(&s, 222, "\x01\x02\x03\x04", 4);
    sub(&s, 223, "\x02\x20\x01\x0d\xb8", 5);
    mac[5] = 0x02;
    ack_begin(&m, 0x99000002, mac, 0, "MSFT 5.0");
    m.yiaddr = pc + 1;
    opt(&m, 43, s.b, s.n);
    ack_send(&c, &m, mac, pc + 1);
    cap_close(&c);
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
        gen_bench(strtoul(argv[2], NULL, 0), argv[3]);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--dhcp-flood") == 0) {
        gen_flood(strtoul(argv[2], NULL, 0), argv[3]);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "--random") == 0) {
        gen_random((unsigned)strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0), argv[4]);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR | --random COUNT SEED FILE | --bench COUNT FILE | --dhcp-flood COUNT FILE\n",
                argv[0]);
        return 2;
    }
    gen_inform_ack(argv[1]);
    gen_reverse_order(argv[1]);
    gen_no_option60(argv[1]);
    gen_truncated_90(argv[1]);
    gen_string_typed(argv[1]);
    gen_bad_values(argv[1]);
    gen_option120(argv[1]);
    gen_option250(argv[1]);
    gen_msft(argv[1]);
    gen_cpe(argv[1]);
    gen_other_vendors(argv[1]);
    gen_qos(argv[1]);
    gen_qos_evidence(argv[1]);
    gen_inform_windows_relay(argv[1]);
    gen_inform_answers(argv[1]);
    gen_client_kinds(argv[1]);
    gen_msft_nap(argv[1]);
    gen_overload(argv[1]);
    return 0;
}
