/* inform_captures.c
 * The DHCPINFORM paths (issue 3): a phone's INFORM through a relay, servers
 * that answer it wrongly, late, twice or not at all, other clients that send
 * INFORMs (issue 8), and the INFORM flood --dhcp-flood writes for the
 * benchmark's memory check.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

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
void
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
 * end (issue 8) ---- */

/* An INFORM from any client: its vendor class, option 55 and option 43 as
 * given. */
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

/* Every sample capture of the INFORM paths */
void
gen_inform_captures(const char *dir)
{
    gen_inform_windows_relay(dir);
    gen_inform_answers(dir);
    gen_client_kinds(dir);
}
