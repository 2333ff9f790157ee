/* pcap_out.c
 * Writing the captures: fields in network and Skinny byte order, Internet
 * checksums, the two kinds of frame gencap writes (a DHCP message over
 * UDP/IPv4, and any TCP or UDP packet over IPv4 or IPv6) and the pcap file
 * they go into. Timestamps come from the frame number, never the clock, so
 * every run writes the same bytes.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Shared tools ---- */

void
die(const char *what)
{
    fprintf(stderr, "gencap: %s\n", what);
    exit(1);
}

void
put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void
put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Skinny's fields are little-endian */
void
put32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* xorshift64*: the same numbers for the same seed on every machine */
static uint64_t rng;

void
rnd_seed(uint64_t seed)
{
    rng = seed;
}

uint32_t
rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (uint32_t)((rng * 2685821657736338717ULL) >> 32);
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

/* ---- The pcap file ---- */

void
cap_open_path(capture *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->dead = pcap_open_dead(DLT_EN10MB, 65535);
    c->dumper = pcap_dump_open(c->dead, path);
    if (!c->dumper)
        die(pcap_geterr(c->dead));
}

void
cap_open(capture *c, const char *dir, const char *name)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    cap_open_path(c, path);
}

void
cap_close(capture *c)
{
    pcap_dump_close(c->dumper);
    pcap_close(c->dead);
}

/* ---- A DHCP message in a UDP/IPv4 frame ---- */

/* The fixed BOOTP fields, the magic cookie and the options. */
static void
dhcp_body(uint8_t *b, const dhcp_msg *m)
{
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
}

void
cap_dump(capture *c, const uint8_t *f, size_t n, long long us)
{
    struct pcap_pkthdr h;

    memset(&h, 0, sizeof h);
    h.ts.tv_sec = (time_t)(1700000000 + us / 1000000);
    h.ts.tv_usec = (suseconds_t)(us % 1000000);
    h.caplen = h.len = (bpf_u_int32)n;
    pcap_dump((u_char *)c->dumper, &h, f);
    c->frame++;
}

void
write_frame(capture *c, const uint8_t *src_mac, const uint8_t *dst_mac, uint32_t src, uint32_t dst,
            uint16_t sport, uint16_t dport, const dhcp_msg *m)
{
    uint8_t f[1600];
    uint8_t *ip = f + 14, *udp = ip + 20, *b = udp + 8;
    size_t blen = 240 + m->optlen, ulen = 8 + blen, total;
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
    dhcp_body(b, m);

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
    /* 10 ms a frame, plus any waits. */
    cap_dump(c, f, total, (long long)c->frame * 10000 + c->extra_us);
}

/* ---- Endpoints and TCP/UDP packets, for the QoS captures ---- */

endpoint
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
endpoint
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

uint32_t
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
uint32_t *
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

/* The IPv4 or IPv6 header of a packet carrying tlen bytes of `proto`. */
static void
ip_header(uint8_t *ip, const capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp,
          size_t tlen)
{
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
}

/* The TCP or UDP checksum, over the pseudo-header and the segment. */
static void
transport_checksum(uint8_t *tp, int proto, const endpoint *s, const endpoint *d, size_t tlen)
{
    uint8_t ph[40];
    size_t plen;
    uint32_t sum;

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

/* One packet from s to d with the given DSCP and payload, 20 ms after the
 * previous one: a media packet's pace. */
void
packet(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, const uint8_t *pl,
       size_t payload)
{
    packet_at(c, proto, s, d, dscp, pl, payload, (long long)c->frame * 20000);
}

/* The same at us microseconds after the captures' epoch. TCP segments
 * carry ACK|PSH (a bare ACK when the payload is empty) and a sequence number
 * that grows, so Wireshark sees a plausible stream. */
void
packet_at(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, const uint8_t *pl,
          size_t payload, long long us)
{
    uint8_t f[1600];
    size_t l3 = s->af == 4 ? 20 : 40, l4 = proto == PROTO_TCP ? 20 : 8, total;
    uint8_t *ip = f + 14, *tp = ip + l3;
    size_t i, tlen = l4 + payload;

    memset(f, 0, sizeof f);
    memcpy(f, SERVER_MAC, 6);
    memcpy(f + 6, PHONE_MAC, 6);
    put16(f + 12, s->af == 4 ? 0x0800 : 0x86dd);
    ip_header(ip, c, proto, s, d, dscp, tlen);
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
    transport_checksum(tp, proto, s, d, tlen);
    total = 14 + l3 + tlen;
    if (total < 60)
        total = 60;
    cap_dump(c, f, total, us);
}
