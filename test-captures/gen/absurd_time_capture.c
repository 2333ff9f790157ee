/* absurd_time_capture.c
 * --absurd-time FILE: a pcapng whose timestamps no clock shows, for the
 * suite and the sanitizer run (issue 19). pcapng lets each interface have
 * its own resolution and offset and counts in 64 bits, so one file can say
 * 2262 (2^63 ns), about 10^11 years (a huge if_tsoffset) and 1970 next to
 * 2023. The frames are the usual ones: INFORMs and ACKs with option 43, a
 * phone's NTP exchange and RTP.
 *
 * The frames go through the pcap writer of pcap_out.c into memory, then
 * out again as pcapng blocks with the timestamps given here.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The capture's interfaces: nanoseconds from 1970; microseconds plus an
 * offset of 2^62 s; microseconds from 1970, as a normal capture. */
enum { IF_NS, IF_OFFSET, IF_US, N_IFACES };

#define MAX_FRAMES 64
#define T0_S 1700000000ULL /* 2023-11-14 */
#define NTP_UNIX 2208988800ULL
#define TS_2262 0x8000000000000000ULL /* 2^63 ns */

typedef struct {
    uint32_t iface;
    uint64_t ts; /* in the interface's units */
} stamp;

static stamp stamps[MAX_FRAMES];
static unsigned n_stamps;

/* The time of the next frame written. */
static void
at(uint32_t iface, uint64_t ts)
{
    if (n_stamps == MAX_FRAMES)
        die("absurd-time: too many frames");
    stamps[n_stamps].iface = iface;
    stamps[n_stamps].ts = ts;
    n_stamps++;
}

static uint64_t
us(uint64_t s, uint64_t frac_us)
{
    return s * 1000000 + frac_us;
}

/* ---- pcapng blocks, little-endian ---- */

static void
le(FILE *f, uint64_t v, int bytes)
{
    int i;

    for (i = 0; i < bytes; i++)
        fputc((int)((v >> (8 * i)) & 0xff), f);
}

static void
shb(FILE *f)
{
    le(f, 0x0A0D0D0A, 4);
    le(f, 28, 4);
    le(f, 0x1A2B3C4D, 4); /* byte-order magic */
    le(f, 1, 2);
    le(f, 0, 2);
    le(f, UINT64_MAX, 8); /* section length: not given */
    le(f, 28, 4);
}

/* An Ethernet interface with if_tsresol 10^-resol s and, unless 0, an
 * if_tsoffset in seconds. */
static void
idb(FILE *f, uint8_t resol, int64_t offset)
{
    uint32_t len = 20 + 8 + (offset ? 12 : 0) + 4;

    le(f, 1, 4);
    le(f, len, 4);
    le(f, 1, 2); /* LINKTYPE_ETHERNET */
    le(f, 0, 2);
    le(f, 65535, 4);
    le(f, 9, 2); /* if_tsresol */
    le(f, 1, 2);
    le(f, resol, 4);
    if (offset) {
        le(f, 14, 2); /* if_tsoffset */
        le(f, 8, 2);
        le(f, (uint64_t)offset, 8);
    }
    le(f, 0, 4); /* opt_endofopt */
    le(f, len, 4);
}

static void
epb(FILE *f, const stamp *s, const uint8_t *data, uint32_t caplen, uint32_t origlen)
{
    uint32_t padded = (caplen + 3) & ~3u, len = 32 + padded;

    le(f, 6, 4);
    le(f, len, 4);
    le(f, s->iface, 4);
    le(f, s->ts >> 32, 4);
    le(f, s->ts & 0xffffffffu, 4);
    le(f, caplen, 4);
    le(f, origlen, 4);
    fwrite(data, 1, caplen, f);
    le(f, 0, (int)(padded - caplen));
    le(f, len, 4);
}

/* ---- The frames ---- */

/* An NTP packet whose transmit time is `secs` (NTP era 0) and a half. */
static void
ntp(capture *c, const endpoint *s, const endpoint *d, int server, uint32_t secs)
{
    uint8_t p[48];

    memset(p, 0, sizeof p);
    p[0] = (uint8_t)(4 << 3 | (server ? 4 : 3));
    p[1] = server ? 3 : 0;
    put32(p + 40, secs);
    put32(p + 44, 0x80000000u);
    packet(c, PROTO_UDP, s, d, 0, p, sizeof p);
}

static void
phone_ack(capture *c, uint8_t last)
{
    uint8_t mac[6];
    subopts s = { .n = 0 };
    dhcp_msg m;

    memcpy(mac, PHONE_MAC, 6);
    mac[5] = last;
    uc_standard(&s, "pool.contoso.com");
    ack_begin(&m, 0x7e570000u + last, mac, PHONE + last - 1, NULL);
    opt(&m, 43, s.b, s.n);
    sip_server_fqdn(&m, "pool.contoso.com");
    ack_send(c, &m, mac, PHONE + last - 1);
}

static void
phone_inform(capture *c, uint8_t last)
{
    uint8_t mac[6];

    memcpy(mac, PHONE_MAC, 6);
    mac[5] = last;
    inform(c, 0x7e570000u + last, mac, PHONE + last - 1, "MS-UC-Client");
}

static void
write_frames(capture *c)
{
    endpoint phone = ep4(PHONE, 123), ntp_server = ep4(SERVER, 123);
    endpoint rtp_a = ep4(PHONE, 50000), rtp_b = ep4(IP(10, 1, 30, 20), 50010);
    unsigned i;

    /* Phone 1: the ACK 238 years before its INFORM; NTP answered in 2262
     * and in the far future, the request retried across them. */
    at(IF_NS, TS_2262);
    phone_inform(c, 1);
    at(IF_US, us(T0_S, 0));
    phone_ack(c, 1);
    at(IF_US, us(T0_S, 100000));
    ntp(c, &phone, &ntp_server, 0, 0);
    at(IF_NS, TS_2262 + 1000);
    ntp(c, &ntp_server, &phone, 1, (uint32_t)(T0_S + NTP_UNIX));
    at(IF_OFFSET, us(T0_S, 0));
    ntp(c, &phone, &ntp_server, 0, 0);
    at(IF_OFFSET, us(T0_S, 10000));
    ntp(c, &ntp_server, &phone, 1, (uint32_t)(T0_S + NTP_UNIX));
    /* Phone 2: the ACK in the far future. */
    at(IF_US, us(T0_S + 1, 0));
    phone_inform(c, 2);
    at(IF_OFFSET, us(T0_S + 1, 10000));
    phone_ack(c, 2);
    /* Phone 3: both times possible, the ACK 53 years first. */
    at(IF_US, us(T0_S + 2, 0));
    phone_inform(c, 3);
    at(IF_US, us(86400, 0));
    phone_ack(c, 3);
    /* Phone 4: unanswered, in a capture that ends in the far future. */
    at(IF_US, us(T0_S + 3, 0));
    phone_inform(c, 4);
    for (i = 0; i < 6; i++) {
        /* 2554 (the largest nanosecond count), far future, 2023. */
        if (i % 3 == 0)
            at(IF_NS, UINT64_MAX - 6 + i);
        else
            at(i % 3 == 1 ? IF_OFFSET : IF_US, us(T0_S, i * 20000));
        media(c, PROTO_UDP, i & 1 ? &rtp_b : &rtp_a, i & 1 ? &rtp_a : &rtp_b, 46, PL_RTP, 160);
    }
}

/* The classic pcap in memory, its records rewritten as EPBs. */
static void
rewrite(FILE *out, const uint8_t *pcap, size_t len)
{
    size_t off = 24;
    unsigned n = 0;
    uint32_t caplen, origlen;

    while (off + 16 <= len) {
        memcpy(&caplen, pcap + off + 8, 4);
        memcpy(&origlen, pcap + off + 12, 4);
        if (n >= n_stamps || off + 16 + caplen > len)
            die("absurd-time: frames and times do not match");
        epb(out, &stamps[n++], pcap + off + 16, caplen, origlen);
        off += 16 + caplen;
    }
    if (n != n_stamps)
        die("absurd-time: frames and times do not match");
}

void
gen_absurd_time(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len), *out;
    capture c;

    if (!mem)
        die("absurd-time: no memory stream");
    memset(&c, 0, sizeof c);
    c.dead = pcap_open_dead(DLT_EN10MB, 65535);
    c.dumper = pcap_dump_fopen(c.dead, mem);
    if (!c.dumper)
        die(pcap_geterr(c.dead));
    n_stamps = 0;
    write_frames(&c);
    cap_close(&c);

    out = fopen(path, "wb");
    if (!out)
        die(path);
    shb(out);
    idb(out, 9, 0);
    idb(out, 6, (int64_t)1 << 62);
    idb(out, 6, 0);
    rewrite(out, (const uint8_t *)buf, len);
    if (fclose(out) != 0)
        die(path);
    free(buf);
}
