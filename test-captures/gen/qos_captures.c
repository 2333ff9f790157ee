/* qos_captures.c
 * The QoS captures: media marked right and wrong for the Skype for Business
 * and Teams plans, ordinary traffic on the plans' ports that must stay
 * quiet, other apps' media beside Microsoft's with each kind of evidence
 * that tells them apart, and the large mostly-media capture --bench writes
 * for scripts/benchmark.sh.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

static const uint32_t SFB_SERVER = IP(10, 1, 1, 20);
static const uint32_t CLIENT2 = IP(10, 1, 20, 60);

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- QoS: UDP and TCP media with DSCP marks ---- */

/* Correct Skype for Business marking, and ordinary traffic from ports
 * inside the server ranges that must stay quiet. Each media flow starts
 * with an ICE check (STUN), so it is media from its first packet. */
static void
write_sfb_correct(capture *c)
{
    exchange(c, PROTO_UDP, ep4(PHONE, 50020), ep4(SFB_SERVER, 49200), 46, 46, 1, PL_STUN);      /* 1-2 audio */
    exchange(c, PROTO_UDP, ep4(PHONE, 50020), ep4(SFB_SERVER, 49200), 46, 46, 1, PL_RTP);       /* 3-4 */
    exchange(c, PROTO_UDP, ep4(PHONE, 58000), ep4(SFB_SERVER, 60000), 34, 34, 1, PL_STUN);      /* 5-6 video */
    exchange(c, PROTO_UDP, ep4(PHONE, 58000), ep4(SFB_SERVER, 60000), 34, 34, 1, PL_RTP);       /* 7-8 */
    exchange(c, PROTO_UDP, ep4(PHONE, 42000), ep4(SFB_SERVER, 41000), 24, 24, 1, PL_STUN);      /* 9-10 app sharing */
    exchange(c, PROTO_UDP, ep4(PHONE, 42000), ep4(SFB_SERVER, 41000), 24, 24, 1, PL_RTP);       /* 11-12 */
    /* 13-16 file transfer (TCP: media from a second check) */
    exchange(c, PROTO_TCP, ep4(PHONE, 42020), ep4(CLIENT2, 42021), 14, 14, 2, PL_4571_STUN);
    exchange(c, PROTO_UDP, ep4(PHONE, 53000), ep4(IP(10, 1, 1, 1), 53), 0, 0, 1, PL_DNS);       /* 17-18 DNS */
    exchange(c, PROTO_TCP, ep4(PHONE, 51000), ep4(IP(10, 1, 1, 5), 443), 0, 0, 1, PL_TLS);      /* 19-20 HTTPS */
    exchange(c, PROTO_UDP, ep4(PHONE, 5060), ep4(SFB_SERVER, 5060), 0, 0, 1, PL_SIP);           /* 21-22 no range */
}

/* One mistake per flow. RTP alone: the first packet of each stream only
 * starts the evidence, the second confirms it and is judged. */
static void
write_mismatch(capture *c)
{
    endpoint cl, sv;

    cl = ep4(PHONE, 50021); sv = ep4(SFB_SERVER, 49201);
    one_way(c, PROTO_UDP, &cl, &sv, 34, 2, PL_RTP);  /* 1-2 audio marked as video */
    cl = ep4(PHONE, 58001); sv = ep4(SFB_SERVER, 60001);
    one_way(c, PROTO_UDP, &cl, &sv, 0, 2, PL_RTP);   /* 3-4 video unmarked */
    cl = ep4(PHONE, 42001); sv = ep4(SFB_SERVER, 41001);
    one_way(c, PROTO_UDP, &sv, &cl, 46, 2, PL_RTP);  /* 5-6 app sharing from the server marked 46 */
    cl = ep4(PHONE, 33333); sv = ep4(SFB_SERVER, 49300);
    one_way(c, PROTO_UDP, &cl, &sv, 0, 2, PL_RTP);   /* 7-8 client port in no range, server audio */
}

/* VBSS in a meeting: client app-sharing port to a server video port */
static void
write_vbss(capture *c)
{
    exchange(c, PROTO_UDP, ep4(PHONE, 42004), ep4(SFB_SERVER, 62345), 24, 34, 3, PL_RTP);   /* 1-6 */
}

/* Teams: audio marked right, video unmarked, to a transport relay: an
 * allocation check, then media in ChannelData */
static void
write_teams(capture *c)
{
    endpoint cl, sv;

    cl = ep4(PHONE, 50005); sv = ep4(IP(52, 112, 0, 10), 3478);
    media(c, PROTO_UDP, &cl, &sv, 46, PL_STUN, 160);     /* 1-2 */
    media(c, PROTO_UDP, &cl, &sv, 46, PL_CHANNEL, 160);
    cl = ep4(PHONE, 50025);
    media(c, PROTO_UDP, &cl, &sv, 0, PL_STUN, 160);      /* 3-4 */
    media(c, PROTO_UDP, &cl, &sv, 0, PL_CHANNEL, 160);
    cl = ep4(PHONE, 50045);
    media(c, PROTO_UDP, &cl, &sv, 18, PL_STUN, 160);     /* 5 Teams screen sharing */
}

/* IPv6: audio both ways, the server's direction unmarked; RTCP first
 * (a complete compound packet decides at once) */
static void
write_ipv6(capture *c)
{
    exchange(c, PROTO_UDP, ep6(0x20, 0x50, 50020), ep6(0x1, 0x20, 49200), 46, 0, 1, PL_RTCP); /* 1-2 */
    exchange(c, PROTO_UDP, ep6(0x20, 0x50, 50020), ep6(0x1, 0x20, 49200), 46, 0, 1, PL_RTP);  /* 3-4 */
}

/* Media fallen back to TCP 443 through the Edge: MS-TURN framing, a TURN
 * control message, then end-to-end data */
static void
write_tcp_fallback(capture *c)
{
    exchange(c, PROTO_TCP, ep4(PHONE, 50030), ep4(IP(10, 1, 1, 30), 443), 46, 0, 1, PL_MSTURN_CONTROL); /* 1-2 */
    exchange(c, PROTO_TCP, ep4(PHONE, 50030), ep4(IP(10, 1, 1, 30), 443), 46, 0, 1, PL_MSTURN_DATA);    /* 3-4 */
}

/* Re-marked along the path, mid-flow */
static void
write_remarked(capture *c)
{
    endpoint cl = ep4(PHONE, 50022), sv = ep4(SFB_SERVER, 49202);

    media(c, PROTO_UDP, &cl, &sv, 46, PL_STUN, 160); /* 1-3 right */
    one_way(c, PROTO_UDP, &cl, &sv, 46, 2, PL_RTP);
    one_way(c, PROTO_UDP, &cl, &sv, 0, 2, PL_RTP);   /* 4-5 cleared */
    media(c, PROTO_UDP, &cl, &sv, 46, PL_RTP, 160);  /* 6 back */
}

/* Ordinary traffic from and to ports inside the plan's ranges, none of
 * it media: nothing here may be judged. */
static void
write_not_media(capture *c)
{
    endpoint cl, sv;

    cl = ep4(PHONE, 50024); sv = ep4(SFB_SERVER, 5061);
    media(c, PROTO_TCP, &cl, &sv, 0, PL_TLS, 300);          /* 1-3 SIP over TLS, client audio port */
    media(c, PROTO_TCP, &sv, &cl, 0, PL_TLS, 600);
    media(c, PROTO_TCP, &cl, &sv, 0, PL_NONE, 0);           /*     and its bare ACK */
    cl = ep4(PHONE, 57000); sv = ep4(IP(10, 1, 1, 5), 8080);
    media(c, PROTO_TCP, &cl, &sv, 0, PL_HTTP, 0);           /* 4-5 HTTP on 8080, server video port */
    media(c, PROTO_TCP, &sv, &cl, 0, PL_TLS, 200);
    cl = ep4(PHONE, 58002); sv = ep4(IP(239, 255, 255, 250), 1900);
    media(c, PROTO_UDP, &cl, &sv, 0, PL_SSDP, 0);           /* 6-7 SSDP, sent twice */
    media(c, PROTO_UDP, &cl, &sv, 0, PL_SSDP, 0);
    cl = ep4(PHONE, 49500); sv = ep4(IP(224, 0, 0, 252), 5355);
    media(c, PROTO_UDP, &cl, &sv, 0, PL_DNS, 0);            /* 8-9 LLMNR, sent twice from one port */
    media(c, PROTO_UDP, &cl, &sv, 0, PL_DNS, 0);
    cl = ep4(PHONE, 50033); sv = ep4(IP(10, 1, 1, 40), 3389);
    media(c, PROTO_TCP, &cl, &sv, 0, PL_TPKT, 400);         /* 10-11 RDP */
    media(c, PROTO_TCP, &sv, &cl, 0, PL_TPKT, 900);
    cl = ep4(PHONE, 42005); sv = ep4(SFB_SERVER, 62346);
    media(c, PROTO_TCP, &cl, &sv, 24, PL_NONE, 0);          /* 12-13 bare ACKs between media ports */
    media(c, PROTO_TCP, &sv, &cl, 34, PL_NONE, 0);
}

/* ---- QoS: whose media is it? Other apps on plan ports, and Microsoft
 * media with each kind of evidence that makes it Microsoft's ---- */

/* Stands in for HMAC-SHA1: without the ICE password nothing checks it */
static const uint8_t integrity[20] = { 0x5d, 0x1f, 0x83, 0x2c, 0xe0, 0x47, 0x9a, 0x3b, 0x71, 0xc4,
                                       0x08, 0xb6, 0x2e, 0xf5, 0x64, 0x19, 0xd2, 0x8d, 0x40, 0xa7 };
static const uint8_t tiebreaker[8] = { 0x1b, 0x4e, 0x92, 0x07, 0xc3, 0x5a, 0xe8, 0x66 };
static const uint8_t prflx_priority[4] = { 0x6e, 0x00, 0x1e, 0xff };
static const uint8_t goog_network[4] = { 0x00, 0x01, 0x00, 0x00 }; /* network 1, cost 0: wired */
static const uint8_t whatsapp_4000[4] = { 0x00, 0x00, 0x00, 0x01 };
static const uint8_t ms_ice2[4] = { 0x00, 0x00, 0x00, 0x03 };
static const uint8_t foundation[4] = { '1', 0, 0, 0 };

/* The XOR-MAPPED-ADDRESS of the next answer: xor_mapped() fills it in just
 * before the answer is made. */
static uint8_t mapped[8];

static const stun_attr meet_check[] = {
    { 0x0006, "vZ3qK8mTn1WbXc7R:Pd4f", 21 },
    { 0xc057, goog_network, 4 },
    { 0x802a, tiebreaker, 8 },
    { 0x0024, prflx_priority, 4 },
    { 0x0008, integrity, 20 },
    { STUN_FINGERPRINT, NULL, 4 },
};
static const stun_attr whatsapp_check[] = { { 0x4000, whatsapp_4000, 4 } };
static const stun_attr plain_check[] = {
    { 0x0006, "r7Tw:Kx2m", 9 },
    { 0x0008, integrity, 20 },
    { STUN_FINGERPRINT, NULL, 4 },
};
static const stun_attr answer[] = {
    { 0x0020, mapped, 8 },
    { 0x0008, integrity, 20 },
    { STUN_FINGERPRINT, NULL, 4 },
};
static const stun_attr ms_answer[] = {
    { 0x0020, mapped, 8 },
    { 0x8070, ms_ice2, 4 },
    { 0x0008, integrity, 20 },
    { STUN_FINGERPRINT, NULL, 4 },
};

/* A binding request (an ICE check) carrying `attrs` */
static size_t
stun_check(uint8_t *pl, const stun_attr *attrs, size_t n)
{
    return stun_payload(pl, 0x0001, 0, attrs, n);
}

/* A binding success answer carrying `attrs` */
static size_t
stun_answer(uint8_t *pl, const stun_attr *attrs, size_t n)
{
    return stun_payload(pl, 0x0101, 0, attrs, n);
}

/* An MS-ICE2 check: version 3 in every check and answer, and the
 * candidate's foundation in the check. `username` names its ICE session. */
static size_t
ms_ice2_check(uint8_t *pl, const char *username)
{
    const stun_attr attrs[] = {
        { 0x0006, username, strlen(username) },
        { 0x0024, prflx_priority, 4 },
        { 0x802a, tiebreaker, 8 },
        { 0x8070, ms_ice2, 4 },
        { 0x8054, foundation, 4 },
        { 0x0008, integrity, 20 },
        { STUN_FINGERPRINT, NULL, 4 },
    };

    return stun_check(pl, attrs, COUNT(attrs));
}

/* A flow met mid-call: three RTP packets unmarked from cl to sv, then the
 * check already made in check[0..n), then `after` more RTP packets. Only
 * what follows the check can be told apart by it. The caller makes the
 * check first: a STUN message's bytes depend on nothing the RTP packets
 * change, so the capture comes out the same. */
static void
check_mid_flow(capture *c, const endpoint *cl, const endpoint *sv, const uint8_t *check, size_t n, unsigned after)
{
    one_way(c, PROTO_UDP, cl, sv, 0, 3, PL_RTP);
    packet(c, PROTO_UDP, cl, sv, 0, check, n);
    one_way(c, PROTO_UDP, cl, sv, 0, after, PL_RTP);
}

/* Another app's call from a PC behind the site's NAT (which keeps the
 * port): the client's check carrying `check`, the server's answer with the
 * mapped address and the first `nanswer` attributes of `answer`, then three
 * RTP packets each way. */
static void
call_behind_nat(capture *c, endpoint cl, endpoint sv, uint8_t dscp_cl, uint8_t dscp_sv, const stun_attr *check,
                size_t ncheck, size_t nanswer)
{
    endpoint nat = ep4(IP(192, 0, 2, 1), cl.port);
    uint8_t pl[200];

    packet(c, PROTO_UDP, &cl, &sv, dscp_cl, pl, stun_check(pl, check, ncheck));
    xor_mapped(mapped, &nat);
    packet(c, PROTO_UDP, &sv, &cl, dscp_sv, pl, stun_answer(pl, answer, nanswer));
    exchange(c, PROTO_UDP, cl, sv, dscp_cl, dscp_sv, 3, PL_RTP);
}

/* 17-20: plain RFC 5389 to a relay nobody names, then media through it:
 * evidence neither way */
static void
other_apps_plain_relay(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 20, 72), 50031), sv = ep4(IP(198, 51, 100, 7), 3478);
    uint8_t pl[200];

    packet(c, PROTO_UDP, &cl, &sv, 0, pl, stun_check(pl, plain_check, COUNT(plain_check)));
    one_way(c, PROTO_UDP, &cl, &sv, 0, 3, PL_CHANNEL);
}

/* 27-38: a Cisco phone's Skinny to CUCM, marked CS3 as Cisco marks
 * signalling, from a port in the server audio range. Some of its
 * messages start with 0x44, as TURN ChannelData would; it is never media. */
static void
other_apps_skinny(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 20, 80), 51500), sv = ep4(IP(10, 1, 1, 50), 2000);
    uint8_t pl[200], reg[36], reg_ack[20];
    size_t n;
    unsigned i;

    memset(reg, 0, sizeof reg);
    memcpy(reg, "SEP001B5414C850", 16);
    put32le(reg + 20, 1);                  /* instance */
    put32(reg + 24, IP(10, 1, 20, 80));    /* the station's address, in network order */
    put32le(reg + 28, 7);                  /* Cisco 7960 */
    put32le(reg + 32, 5);                  /* streams */
    packet(c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_REGISTER, reg, sizeof reg));
    memset(reg_ack, 0, sizeof reg_ack);
    put32le(reg_ack, 30);                  /* keepalive interval, s */
    memcpy(reg_ack + 4, "M/D/YA", 6);
    put32le(reg_ack + 12, 30);             /* to a secondary CUCM */
    reg_ack[16] = 5;                       /* protocol version */
    /* CUCM sends its ack and its capabilities request in one segment */
    n = sccp_message(pl, SCCP_REGISTER_ACK, reg_ack, sizeof reg_ack);
    n += sccp_message(pl + n, SCCP_CAPABILITIES_REQ, NULL, 0);
    packet(c, PROTO_TCP, &sv, &cl, 24, pl, n);
    for (i = 0; i < 2; i++) {
        packet(c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_KEEPALIVE, NULL, 0));
        packet(c, PROTO_TCP, &sv, &cl, 24, pl, sccp_message(pl, SCCP_KEEPALIVE_ACK, NULL, 0));
        /* an application on CUCM asks the phone, which answers: 0x44 each way */
        packet(c, PROTO_TCP, &sv, &cl, 24, pl,
               sccp_user_data(pl, SCCP_USER_TO_DEVICE_DATA, 0x100 + i,
                              i ? "<query app=\"presence\"><line>2</line></query>"
                                : "<query app=\"presence\"><line>1</line></query>"));
        packet(c, PROTO_TCP, &cl, &sv, 24, pl,
               sccp_user_data(pl, SCCP_DEVICE_TO_USER_DATA_RESPONSE, 0x100 + i,
                              i ? "<reply app=\"presence\" line=\"2\">ready</reply>"
                                : "<reply app=\"presence\" line=\"1\">ready</reply>"));
    }
    packet(c, PROTO_TCP, &cl, &sv, 24, pl, sccp_message(pl, SCCP_KEEPALIVE, NULL, 0));
    packet(c, PROTO_TCP, &sv, &cl, 24, pl, sccp_message(pl, SCCP_KEEPALIVE_ACK, NULL, 0));
}

/* 39-46: Meet again, from a PC in a subnet the user may declare a voice
 * subnet, captured mid-call: RTP first (39-41), then the browser's
 * consent check with GOOG-NETWORK-INFO (42), then RTP (43-46). Declared,
 * the flow is judged until the check shows whose it is, and not after. */
static void
other_apps_meet_mid_call(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 21, 70), 51002), sv = ep4(IP(142, 250, 82, 10), 19305);
    uint8_t pl[200];

    check_mid_flow(c, &cl, &sv, pl, stun_check(pl, meet_check, COUNT(meet_check)), 4);
}

/* Other apps' media and signalling on ports of the default plan, every
 * flow marked against it: nothing here is Microsoft's. */
static void
write_other_apps(capture *c)
{
    /* 1-8: Google Meet in a browser; Chrome's GOOG-NETWORK-INFO in the check
     * says whose stack it is. */
    call_behind_nat(c, ep4(IP(10, 1, 20, 70), 51000), ep4(IP(142, 250, 82, 10), 19305), 0, 32, meet_check,
                    COUNT(meet_check), COUNT(answer));
    /* 9-16: a WhatsApp call, its relay answering on 3478 with the mapped
     * address alone */
    call_behind_nat(c, ep4(IP(10, 1, 20, 71), 50030), ep4(IP(157, 240, 20, 51), 3478), 48, 48, whatsapp_check,
                    COUNT(whatsapp_check), 1);
    other_apps_plain_relay(c);
    /* 21-26: RTP and nothing else: client video port to a server app-sharing
     * port, evidence neither way */
    rtp_force_payload_type(0); /* G.711 on a video port: the stream's word against the plan's */
    exchange(c, PROTO_UDP, ep4(IP(10, 1, 20, 73), 58001), ep4(IP(203, 0, 113, 9), 40900), 0, 0, 3, PL_RTP);
    rtp_force_payload_type(-1);
    other_apps_skinny(c);
    other_apps_meet_mid_call(c);
}

/* 1-6: MS-ICE2 attributes in the flow's own ICE check and answer; the
 * server's direction is unmarked. 7-9: the same client endpoint to a second
 * candidate, with no STUN of its own: Microsoft's because that endpoint spoke
 * MS-ICE2 in frame 1 */
static void
evidence_ms_ice2(capture *c)
{
    endpoint cl = ep4(PHONE, 50020), sv = ep4(SFB_SERVER, 49200);
    uint8_t pl[200];

    packet(c, PROTO_UDP, &cl, &sv, 46, pl, ms_ice2_check(pl, "Bx8dTq3KfZ0mRw5N:Hc2vLp9sYe4gUa7J"));
    xor_mapped(mapped, &cl);
    packet(c, PROTO_UDP, &sv, &cl, 0, pl, stun_answer(pl, ms_answer, COUNT(ms_answer)));
    exchange(c, PROTO_UDP, cl, sv, 46, 0, 2, PL_RTP);
    sv = ep4(IP(10, 1, 30, 9), 49250);
    one_way(c, PROTO_UDP, &cl, &sv, 0, 3, PL_RTP);
}

/* 10-13: a bare check to a relay in Teams' media range (52.112.0.0/14),
 * then ChannelData */
static void
evidence_teams_relay(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 20, 51), 50021), sv = ep4(IP(52, 113, 0, 5), 3478);

    media(c, PROTO_UDP, &cl, &sv, 0, PL_STUN, 160);
    one_way(c, PROTO_UDP, &cl, &sv, 0, 3, PL_CHANNEL);
}

/* 20-23: a Lync phone's INFORM, then its RTP alone. write_frame counts
 * 10 ms a frame and packet() 20 ms: start the INFORM where packet()'s
 * clock is, so time runs forward. */
static void
evidence_lync_phone(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 20, 53), 50030), sv = ep4(IP(10, 1, 40, 2), 49300);
    uint8_t mac[6];

    memcpy(mac, PHONE_MAC, 6);
    mac[5] = 0x04;
    c->extra_us = (long long)c->frame * 10000;
    inform(c, 0x3e710004, mac, IP(10, 1, 20, 53), "MS-UC-Client");
    one_way(c, PROTO_UDP, &cl, &sv, 0, 3, PL_RTP);
}

/* 24-30: RTP (24-26) before the flow's MS-ICE2 check (27), then RTP
 * again (28-30): only what follows the evidence can be judged */
static void
evidence_check_mid_flow(capture *c)
{
    endpoint cl = ep4(IP(10, 1, 20, 54), 50025), sv = ep4(IP(10, 1, 1, 21), 49210);
    uint8_t pl[200];

    /* its own ICE session */
    check_mid_flow(c, &cl, &sv, pl, ms_ice2_check(pl, "Yq5cN2wRj8LhVt0D:Fm7kXb3pZs6aGe1U"), 3);
}

/* Microsoft media, each flow shown to be so by one kind of evidence;
 * every flow has a direction marked against the plan. */
static void
write_evidence(capture *c)
{
    evidence_ms_ice2(c);
    evidence_teams_relay(c);
    /* 14-19: RTP alone in a network the user declares as UC (10.99.1.0/24) */
    exchange(c, PROTO_UDP, ep4(IP(10, 1, 20, 52), 58000), ep4(IP(10, 99, 1, 20), 60000), 0, 0, 3, PL_RTP);
    evidence_lync_phone(c);
    evidence_check_mid_flow(c);
}

/* Every sample QoS capture and what writes it. In this order: each RTP
 * stream and TCP direction carries its sequence numbers on from one capture
 * to the next. */
static const struct {
    const char *name;
    void (*write)(capture *c);
} qos_files[] = {
    { "qos-sfb-correct.pcap", write_sfb_correct },
    { "qos-mismatch.pcap", write_mismatch },
    { "qos-vbss.pcap", write_vbss },
    { "qos-teams.pcap", write_teams },
    { "qos-ipv6.pcap", write_ipv6 },
    { "qos-tcp-fallback.pcap", write_tcp_fallback },
    { "qos-remarked.pcap", write_remarked },
    { "qos-not-media.pcap", write_not_media },
    { "qos-other-apps.pcap", write_other_apps },
    { "qos-evidence.pcap", write_evidence },
};

void
gen_qos_captures(const char *dir)
{
    capture c;
    size_t i;

    for (i = 0; i < COUNT(qos_files); i++) {
        cap_open(&c, dir, qos_files[i].name);
        qos_files[i].write(&c);
        cap_close(&c);
    }
}

/* ---- A large capture for the benchmark: mostly UC media ---- */

void
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
    rnd_seed(42);
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
