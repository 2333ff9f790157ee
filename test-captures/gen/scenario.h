/* scenario.h
 * What the files of ucdiag-gencap share: the lab's addresses, the DHCP
 * message and option-43 builders, the pcap writer and its frames, the
 * payloads media carries, and the captures main() writes. Private to
 * test-captures/gen/.
 *
 * Some pieces keep state from one capture to the next (the running sequence
 * numbers, the random generator, the ICE-TCP check counter), so main() must
 * write the captures in the same order for the bytes to stay the same.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef GEN_SCENARIO_H
#define GEN_SCENARIO_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>

/* ---- DHCP numbers and the lab's addresses ---- */

#define BOOTREQUEST 1
#define BOOTREPLY 2
#define DHCPDISCOVER 1
#define DHCPREQUEST 3
#define DHCPACK 5
#define DHCPINFORM 8
#define FLAG_BROADCAST 0x8000

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))

/* static in a header: each file has its own copy of a few bytes, and the
 * compiler does not warn about the ones a file leaves unused */
static const uint32_t BROADCAST = IP(255, 255, 255, 255);
static const uint32_t SERVER = IP(10, 1, 1, 10);
static const uint32_t PHONE = IP(10, 1, 20, 50);
static const uint8_t SERVER_MAC[6] = { 0x00, 0x15, 0x5d, 0x01, 0x01, 0x0a };
static const uint8_t PHONE_MAC[6] = { 0x00, 0x04, 0xf2, 0xaa, 0xbb, 0x01 };

/* The Certificate Provisioning path of sub-option 5 */
#define STD_PATH "/CertProv/CertProvisioningService.svc"

/* Option 55 as a phone asking for 43 and 120, and as a Windows 10 PC */
extern const uint8_t PRL_UC[7];
extern const uint8_t PRL_WINDOWS[13];

/* ---- Shared tools (pcap_out.c) ---- */

void die(const char *what);
void put16(uint8_t *p, uint32_t v);
void put32(uint8_t *p, uint32_t v);
void put32le(uint8_t *p, uint32_t v);

/* The one seeded generator behind --random and --bench */
void rnd_seed(uint64_t seed);
uint32_t rnd(void);

/* ---- The pcap file and the frames in it (pcap_out.c) ---- */

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

typedef struct {
    int af;           /* 4 or 6 */
    uint8_t a[16];    /* address */
    uint16_t port;
} endpoint;

#define PROTO_TCP 6
#define PROTO_UDP 17

void cap_open(capture *c, const char *dir, const char *name);
void cap_open_path(capture *c, const char *path);
void cap_close(capture *c);
/* Frame f of n bytes, us microseconds after the captures' epoch (1700000000). */
void cap_dump(capture *c, const uint8_t *f, size_t n, long long us);
void write_frame(capture *c, const uint8_t *src_mac, const uint8_t *dst_mac, uint32_t src, uint32_t dst,
                 uint16_t sport, uint16_t dport, const dhcp_msg *m);

endpoint ep4(uint32_t ip, uint16_t port);
endpoint ep6(uint16_t net, uint16_t host, uint16_t port);
uint32_t ep_hash(const endpoint *e);
uint32_t *counter_of(uint32_t key, uint32_t start);
void packet(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, const uint8_t *pl,
            size_t payload);
void packet_at(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, const uint8_t *pl,
               size_t payload, long long us);

/* ---- DHCP messages, options and option 43 (dhcp_build.c) ---- */

/* A sub-option list being built for option 43. */
typedef struct {
    uint8_t b[600];
    size_t n;
} subopts;

void msg_init(dhcp_msg *m, uint8_t op, uint32_t xid, const uint8_t mac[6], uint8_t type);
void opt(dhcp_msg *m, uint8_t code, const void *value, size_t n);
void opt_str(dhcp_msg *m, uint8_t code, const char *s);
void opt_ip(dhcp_msg *m, uint8_t code, uint32_t ip);
void opt_end(dhcp_msg *m);
void sub(subopts *s, uint8_t code, const void *v, size_t n);
void sub_str(subopts *s, uint8_t code, const char *v);
void sub_byte(subopts *s, uint8_t b);

void inform(capture *c, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vendor_class);
void ack_begin(dhcp_msg *m, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vendor_class);
void ack_send(capture *c, dhcp_msg *m, const uint8_t mac[6], uint32_t ciaddr);
void uc_standard(subopts *s, const char *fqdn);
void sip_server_fqdn(dhcp_msg *m, const char *fqdn);
void uc_exchange(capture *c, uint32_t xid, uint8_t mac_last, const subopts *s, int with_inform);

/* ---- Payloads (qos_payloads.c) ---- */

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

/* A STUN attribute; its value is padded to 4 bytes in the message. */
typedef struct {
    uint16_t type;
    const void *v;
    size_t n;
} stun_attr;

#define STUN_FINGERPRINT 0x8028

#define SCCP_KEEPALIVE 0x0000
#define SCCP_REGISTER 0x0001
#define SCCP_DEVICE_TO_USER_DATA_RESPONSE 0x002f
#define SCCP_REGISTER_ACK 0x0081
#define SCCP_CAPABILITIES_REQ 0x009b
#define SCCP_KEEPALIVE_ACK 0x0100
#define SCCP_USER_TO_DEVICE_DATA 0x011e

void rtp_force_payload_type(int pt);
size_t stun_payload(uint8_t *p, uint16_t type, int cookie_attr, const stun_attr *attrs, size_t nattrs);
void media(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, int kind, size_t size);
void one_way(capture *c, int proto, const endpoint *s, const endpoint *d, uint8_t dscp, unsigned n, int kind);
void exchange(capture *c, int proto, endpoint a, endpoint b, uint8_t dscp_ab, uint8_t dscp_ba, unsigned n,
              int kind);
void xor_mapped(uint8_t v[8], const endpoint *e);
size_t sccp_message(uint8_t *p, uint32_t id, const void *body, size_t n);
size_t sccp_user_data(uint8_t *p, uint32_t id, uint32_t transaction, const char *xml);

/* ---- The captures main() writes ---- */

/* Every sample capture of a kind, into dir */
void gen_option43_captures(const char *dir);
void gen_inform_captures(const char *dir);
void gen_qos_captures(const char *dir);
void gen_relay_captures(const char *dir);

/* The captures of the command-line flags, into path */
void gen_random(unsigned count, uint64_t seed, const char *path);
void gen_flood(unsigned long count, const char *path);
void gen_bench(unsigned long count, const char *path);
/* A pcapng, unlike the rest (absurd_time_capture.c) */
void gen_absurd_time(const char *path);
/* N phones, each its own findings (client_flood.c) */
void gen_distinct_clients(unsigned long count, const char *path);
/* --syn-flood, --inform-flood, --lldp-flood, --stun-flood, --tls-flood,
 * --relay-flood (flood_captures.c): 0 if `flag` is none of them. */
int gen_named_flood(const char *flag, unsigned long count, const char *path);
/* A client's first Allocate, unsigned, RFC 5766 or MS-TURN as Teams sends
 * it (ms), for client n of the relay flood (relay_captures.c); its length,
 * 0 when room is too small. */
size_t relay_first_allocate(uint8_t *p, size_t room, int ms, uint32_t n);

#endif
