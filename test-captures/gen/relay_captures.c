/* relay_captures.c
 * relay-corners.pcap: what the relay lab's coturn cannot show. Clients
 * allocate at media relays in both dialects: MS-TURN as Teams sends it
 * (the RFC 5389 cookie in the header, the MAGIC-COOKIE attribute first,
 * MS-VERSION, attributes unpadded) and as the Skype for Business Edge
 * does (a 16-byte transaction ID, no cookie), and standard TURN (RFC
 * 5766: cookie, padded attributes). One case per client, ten seconds
 * apart; test-captures/README.md lists the frames and what ucdiag says.
 *
 *   .21  MS-TURN (Teams)  401, then 431 to the signed Allocate: refused
 *   .22  TURN             allocated, then 437 to a second Allocate
 *   .23  TURN             allocated, then 441 to a Refresh signed otherwise
 *   .24  TURN             401, then 486 Allocation Quota Reached
 *   .25  MS-TURN (Edge)   401, then 508 Insufficient Capacity
 *   .26  MS-TURN (Teams)  allocated; a refresh gets 438 Stale Nonce, the
 *                         retry with the new nonce succeeds: nothing wrong
 *   .27  MS-TURN (Teams)  four Allocates over UDP to a relay that never
 *                         answers, and no TCP: unreachable
 *   .28  MS-TURN (Edge)   UDP unanswered, then TCP 443 with MS-TURN's
 *                         framing: 401, success (a data frame in the same
 *                         segment): UDP blocked, TCP fallback
 *   ::29 TURN over IPv6   401 again to the signed Allocate: refused
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

/* The relays: an Edge's A/V service, one that never answers, and a
 * standard TURN server. */
static const uint32_t EDGE = IP(10, 93, 2, 10);
static const uint32_t DEAD = IP(10, 93, 2, 11);
static const uint32_t TURN = IP(10, 93, 2, 20);

#define SECOND 1000000LL
#define STEP 100000LL   /* between a client's messages */
#define RTT 20000LL     /* a relay's answer */

/* ---- Messages ---- */

typedef struct {
    int ms;         /* MS-TURN: MAGIC-COOKIE first, MS-VERSION, unpadded, its attribute numbers */
    int cookie;     /* RFC 5389's cookie in the header (Teams' relays; not the Edge) */
} dialect;

static const dialect TEAMS = { 1, 1 }, EDGE_MS = { 1, 0 }, RFC = { 0, 1 };

typedef struct {
    uint8_t p[600];
    size_t n;
    int padded;
} msg;

/* The header; the transaction ID names the client and the transaction. */
static void
msg_begin(msg *m, const dialect *d, uint16_t type, uint8_t client, uint8_t txn)
{
    size_t i;

    memset(m, 0, sizeof *m);
    put16(m->p, type);
    for (i = 4; i < 20; i++)
        m->p[i] = (uint8_t)(0x40 + i * 3);
    if (d->cookie)
        put32(m->p + 4, 0x2112a442);
    m->p[8] = client;
    m->p[9] = txn;
    m->n = 20;
    m->padded = !d->ms;
    if (d->ms) {
        static const uint8_t magic[4] = { 0x72, 0xc6, 0x4b, 0xc6 }, version[4] = { 0, 0, 0, 6 };
        /* the caller adds the rest; MAGIC-COOKIE must come first */
        put16(m->p + 20, 0x000f);
        put16(m->p + 22, 4);
        memcpy(m->p + 24, magic, 4);
        put16(m->p + 28, 0x8008);
        put16(m->p + 30, 4);
        memcpy(m->p + 32, version, 4);
        m->n = 36;
    }
    put16(m->p + 2, (uint32_t)(m->n - 20));
}

static void
msg_attr(msg *m, uint16_t type, const void *v, size_t n)
{
    put16(m->p + m->n, type);
    put16(m->p + m->n + 2, (uint32_t)n);
    memcpy(m->p + m->n + 4, v, n);
    m->n += 4 + n;
    while (m->padded && m->n % 4)
        m->p[m->n++] = 0;
    put16(m->p + 2, (uint32_t)(m->n - 20));
}

/* REALM and NONCE, which the dialects number the other way round. */
static void
realm_nonce(msg *m, const dialect *d, const char *nonce)
{
    msg_attr(m, d->ms ? 0x0015 : 0x0014, d->ms ? "\"rtcmedia\"" : "contoso.com", d->ms ? 10 : 11);
    msg_attr(m, d->ms ? 0x0014 : 0x0015, nonce, strlen(nonce));
}

/* A request of `type`; signed: USERNAME, REALM, NONCE, MESSAGE-INTEGRITY. */
static void
request(msg *m, const dialect *d, uint16_t type, uint8_t client, uint8_t txn, const char *user, const char *nonce)
{
    static const uint8_t udp[4] = { 17, 0, 0, 0 }, hmac[20] = { 0x5a, 0x17, 0xc3 };

    msg_begin(m, d, type, client, txn);
    if (!d->ms && type == 0x0003)
        msg_attr(m, 0x0019, udp, 4); /* REQUESTED-TRANSPORT UDP */
    if (!user)
        return;
    msg_attr(m, 0x0006, user, strlen(user));
    realm_nonce(m, d, nonce);
    msg_attr(m, 0x0008, hmac, sizeof hmac);
}

/* An error response; a 401 or 438 brings the realm and a nonce. */
static void
error_response(msg *m, const dialect *d, uint16_t type, uint8_t client, uint8_t txn, unsigned code,
               const char *reason, const char *nonce)
{
    uint8_t v[96] = { 0, 0, (uint8_t)(code / 100), (uint8_t)(code % 100) };
    size_t r = strlen(reason);

    msg_begin(m, d, (uint16_t)(type | 0x0110), client, txn);
    memcpy(v + 4, reason, r);
    msg_attr(m, 0x0009, v, 4 + r);
    if (nonce)
        realm_nonce(m, d, nonce);
}

/* A success; an Allocate's hands out the relayed address and a lifetime. */
static void
success(msg *m, const dialect *d, uint16_t type, uint8_t client, uint8_t txn, uint32_t relay)
{
    uint8_t a[8] = { 0, 1, 0xc3, 0x50 };

    msg_begin(m, d, (uint16_t)(type | 0x0100), client, txn);
    if (type != 0x0003)
        return;
    put32(a + 4, relay);
    if (!d->ms) {
        /* XOR-RELAYED-ADDRESS: port and address XORed with the cookie */
        put16(a + 2, 0xc350 ^ 0x2112);
        put32(a + 4, relay ^ 0x2112a442);
    }
    msg_attr(m, d->ms ? 0x0001 : 0x0016, a, 8);
    msg_attr(m, 0x000d, "\x00\x00\x02\x58", 4);
}

/* A client's first Allocate, unsigned, in RFC 5766 or as Teams sends it
 * (ms), its transaction ID naming client n: the relay flood's
 * (flood_captures.c). Returns its length, 0 when room is too small. */
size_t
relay_first_allocate(uint8_t *p, size_t room, int ms, uint32_t n)
{
    msg m;

    request(&m, ms ? &TEAMS : &RFC, 0x0003, 0, 1, NULL, NULL);
    put32(m.p + 12, n);
    if (m.n > room)
        return 0;
    memcpy(p, m.p, m.n);
    return m.n;
}

/* ---- Packets ---- */

static void
send_udp(capture *c, const endpoint *from, const endpoint *to, const msg *m, long long us)
{
    packet_at(c, PROTO_UDP, from, to, 0, m->p, m->n, us);
}

/* MS-TURN over TCP: each message behind its 4-byte frame (type 2). */
static size_t
framed(uint8_t *at, const msg *m)
{
    at[0] = 2;
    at[1] = 0;
    put16(at + 2, (uint32_t)m->n);
    memcpy(at + 4, m->p, m->n);
    return 4 + m->n;
}

static void
send_tcp(capture *c, const endpoint *from, const endpoint *to, const msg *m, long long us)
{
    uint8_t seg[700];

    packet_at(c, PROTO_TCP, from, to, 0, seg, framed(seg, m), us);
}

/* Allocate unsigned, the 401 challenge, Allocate signed: the dance every
 * allocation starts with. Returns when the signed request went out. */
static long long
challenge(capture *c, const dialect *d, const endpoint *cl, const endpoint *relay, uint8_t id, const char *user,
          long long t)
{
    msg m;

    request(&m, d, 0x0003, id, 1, NULL, NULL);
    send_udp(c, cl, relay, &m, t);
    error_response(&m, d, 0x0003, id, 1, 401, "Unauthorized", "4f3c1a22b7");
    send_udp(c, relay, cl, &m, t + RTT);
    request(&m, d, 0x0003, id, 2, user, "4f3c1a22b7");
    send_udp(c, cl, relay, &m, t + STEP);
    return t + STEP;
}

/* The signed Allocate answered with an error. */
static void
challenged_then(capture *c, const dialect *d, uint8_t id, uint32_t relay_ip, unsigned code, const char *reason,
                long long t)
{
    endpoint cl = ep4(IP(10, 93, 1, id), (uint16_t)(40000 + id)), relay = ep4(relay_ip, 3478);
    msg m;

    t = challenge(c, d, &cl, &relay, id, "alice", t);
    error_response(&m, d, 0x0003, id, 2, code, reason, NULL);
    send_udp(c, &relay, &cl, &m, t + RTT);
}

/* Allocated; then `type` (a second Allocate, a Refresh) gets `code`. */
static void
allocated_then(capture *c, uint8_t id, uint16_t type, const char *user, unsigned code, const char *reason,
               long long t)
{
    endpoint cl = ep4(IP(10, 93, 1, id), (uint16_t)(40000 + id)), relay = ep4(TURN, 3478);
    msg m;

    t = challenge(c, &RFC, &cl, &relay, id, "alice", t);
    success(&m, &RFC, 0x0003, id, 2, TURN);
    send_udp(c, &relay, &cl, &m, t + RTT);
    request(&m, &RFC, type, id, 3, user, "4f3c1a22b7");
    send_udp(c, &cl, &relay, &m, t + SECOND);
    error_response(&m, &RFC, type, id, 3, code, reason, NULL);
    send_udp(c, &relay, &cl, &m, t + SECOND + RTT);
}

/* A nonce that expires during the call: 438 with a new one, and the
 * refresh signed with it succeeds. */
static void
stale_nonce(capture *c, long long t)
{
    endpoint cl = ep4(IP(10, 93, 1, 26), 40026), relay = ep4(EDGE, 3478);
    msg m;

    t = challenge(c, &TEAMS, &cl, &relay, 26, "alice", t);
    success(&m, &TEAMS, 0x0003, 26, 2, EDGE);
    send_udp(c, &relay, &cl, &m, t + RTT);
    request(&m, &TEAMS, 0x0003, 26, 3, "alice", "4f3c1a22b7");
    send_udp(c, &cl, &relay, &m, t + 5 * SECOND);
    error_response(&m, &TEAMS, 0x0003, 26, 3, 438, "Stale Nonce", "9e01d4c5a3");
    send_udp(c, &relay, &cl, &m, t + 5 * SECOND + RTT);
    request(&m, &TEAMS, 0x0003, 26, 4, "alice", "9e01d4c5a3");
    send_udp(c, &cl, &relay, &m, t + 5 * SECOND + STEP);
    success(&m, &TEAMS, 0x0003, 26, 4, EDGE);
    send_udp(c, &relay, &cl, &m, t + 5 * SECOND + STEP + RTT);
}

/* One Allocate over UDP sent as RFC 5389 retransmits it, never answered. */
static void
unanswered(capture *c, const dialect *d, const endpoint *cl, const endpoint *relay, uint8_t id, long long t)
{
    static const long long at[4] = { 0, 500000, 1500000, 3500000 };
    msg m;
    unsigned i;

    request(&m, d, 0x0003, id, 1, NULL, NULL);
    for (i = 0; i < 4; i++)
        send_udp(c, cl, relay, &m, t + at[i]);
}

/* UDP blocked: the Edge reached over TCP 443 instead, MS-TURN framed; the
 * success shares its segment with the first data frame (type 3). */
static void
tcp_fallback(capture *c, long long t)
{
    endpoint cl = ep4(IP(10, 93, 1, 28), 40028), relay = ep4(EDGE, 3478);
    endpoint tcl = ep4(IP(10, 93, 1, 28), 40128), trelay = ep4(EDGE, 443);
    uint8_t seg[700];
    size_t n;
    msg m;

    unanswered(c, &EDGE_MS, &cl, &relay, 28, t);
    t += 5 * SECOND;
    request(&m, &EDGE_MS, 0x0003, 28, 2, NULL, NULL);
    send_tcp(c, &tcl, &trelay, &m, t);
    error_response(&m, &EDGE_MS, 0x0003, 28, 2, 401, "Unauthorized", "77ab02e1c9");
    send_tcp(c, &trelay, &tcl, &m, t + RTT);
    request(&m, &EDGE_MS, 0x0003, 28, 3, "alice", "77ab02e1c9");
    send_tcp(c, &tcl, &trelay, &m, t + STEP);
    success(&m, &EDGE_MS, 0x0003, 28, 3, EDGE);
    n = framed(seg, &m);
    seg[n] = 3;
    seg[n + 1] = 0;
    put16(seg + n + 2, 12);
    memset(seg + n + 4, 0x80, 12);
    packet_at(c, PROTO_TCP, &trelay, &tcl, 0, seg, n + 16, t + STEP + RTT);
}

/* TURN over IPv6: the credentials refused, 401 again after the challenge. */
static void
refused_ipv6(capture *c, long long t)
{
    endpoint cl = ep6(0x93, 0x29, 40029), relay = ep6(0x93, 0x20, 3478);
    msg m;

    t = challenge(c, &RFC, &cl, &relay, 29, "mallory", t);
    error_response(&m, &RFC, 0x0003, 29, 2, 401, "Unauthorized", "4f3c1a22b7");
    send_udp(c, &relay, &cl, &m, t + RTT);
}

void
gen_relay_captures(const char *dir)
{
    capture c;

    cap_open(&c, dir, "relay-corners.pcap");
    challenged_then(&c, &TEAMS, 21, EDGE, 431, "Integrity Check Failure", 0);
    allocated_then(&c, 22, 0x0003, "alice", 437, "Allocation Mismatch", 10 * SECOND);
    allocated_then(&c, 23, 0x0004, "bob", 441, "Wrong Credentials", 20 * SECOND);
    challenged_then(&c, &RFC, 24, TURN, 486, "Allocation Quota Reached", 30 * SECOND);
    challenged_then(&c, &EDGE_MS, 25, EDGE, 508, "Insufficient Capacity", 40 * SECOND);
    stale_nonce(&c, 50 * SECOND);
    {
        endpoint cl = ep4(IP(10, 93, 1, 27), 40027), relay = ep4(DEAD, 3478);
        unanswered(&c, &TEAMS, &cl, &relay, 27, 60 * SECOND);
    }
    tcp_fallback(&c, 70 * SECOND);
    refused_ipv6(&c, 90 * SECOND);
    cap_close(&c);
}
