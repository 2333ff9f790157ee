/* fuzz_readers.c
 * Random and mutated bytes into each protocol reader of dissectors/readers/
 * on its own: DHCP, DNS, NTP, TLS, LLDP-MED, STUN, TURN, RTP/RTCP, DTLS, an
 * X.509 certificate and a TLS server's Certificate message. The certificate
 * judgements of dissectors/logic/cert_logic.c run on what the X.509 reader
 * reads, since only mutated certificates reach them. Each reader
 * is a target with a valid sample of its protocol; an input is the sample
 * with bytes flipped and cut, the sample's first bytes then random ones, or
 * random bytes, handed over in a heap block of its exact length (fuzz.h)
 * so that ASan sees any read past it. Besides the sanitizers, each target checks
 * what its reader promises (names end inside their buffers, counts stay
 * under their caps, offsets inside the input).
 *
 *   fuzz_readers [SECONDS [SEED [TARGET]]]   (TARGET: dns, ntp, tls, x509, ...)
 *
 * Built with ASan and UBSan by tests/sanitize.sh.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_reader.h"
#include "dns_reader.h"
#include "dtls_reader.h"
#include "lldp_reader.h"
#include "ntp_reader.h"
#include "rtp_reader.h"
#include "stun_reader.h"
#include "tls_flight.h"
#include "tls_reader.h"
#include "turn_reader.h"
#include "x509_reader.h"
#include "cert_logic.h"
#include "fuzz.h"
#include "../unit/cert_samples.h"

#define ZERO8 0, 0, 0, 0, 0, 0, 0, 0
#define ZERO32 ZERO8, ZERO8, ZERO8, ZERO8

/* A string the reader wrote must end inside its buffer. */
static void
must_end(const char *s, size_t size)
{
    if (!memchr(s, '\0', size))
        abort();
}

/* ---- The samples: one valid packet of each protocol ---- */

/* An SRV answer for _sipinternaltls._tcp.contoso.com: sip.contoso.com:5061,
 * its target compressed to the question's domain, then an A record. */
static const uint8_t dns_sample[] = {
    0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    15, '_', 's', 'i', 'p', 'i', 'n', 't', 'e', 'r', 'n', 'a', 'l', 't', 'l', 's',
    4, '_', 't', 'c', 'p', 7, 'c', 'o', 'n', 't', 'o', 's', 'o', 3, 'c', 'o', 'm', 0,
    0x00, 0x21, 0x00, 0x01,
    0xc0, 0x0c, 0x00, 0x21, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x0c,
    0x00, 0x00, 0x00, 0x00, 0x13, 0xc5, 3, 's', 'i', 'p', 0xc0, 0x21,
    0xc0, 0x44, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x04, 10, 78, 3, 5,
};

/* A server's answer, version 4, stratum 2, with a transmit time. */
static const uint8_t ntp_sample[48] = {
    0x24, 0x02, 0x03, 0xe9, [40] = 0xed, 0x3c, 0x2a, 0x80, 0x80, 0x00, 0x00, 0x00,
};

/* A ClientHello naming pool.contoso.com, a TLS 1.3 ServerHello, a
 * ChangeCipherSpec and an alert, back to back. */
static const uint8_t tls_sample[] = {
    0x16, 0x03, 0x01, 0x00, 0x48, 0x01, 0x00, 0x00, 0x44, 0x03, 0x03, ZERO32,
    0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00, 0x00, 0x19,
    0x00, 0x00, 0x00, 0x15, 0x00, 0x13, 0x00, 0x00, 0x10,
    'p', 'o', 'o', 'l', '.', 'c', 'o', 'n', 't', 'o', 's', 'o', '.', 'c', 'o', 'm',
    0x16, 0x03, 0x03, 0x00, 0x32, 0x02, 0x00, 0x00, 0x2e, 0x03, 0x03, ZERO32,
    0x00, 0x13, 0x01, 0x00, 0x00, 0x06, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
    0x14, 0x03, 0x03, 0x00, 0x01, 0x01,
    0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28,
};

/* An Ethernet frame, 802.1Q-tagged, holding an LLDPDU: chassis, port, TTL,
 * LLDP-MED capabilities (a phone) and a voice policy (VLAN 200, 5, EF). */
static const uint8_t lldp_sample[] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e, 0x00, 0x04, 0xf2, 0x11, 0x22, 0x33,
    0x81, 0x00, 0x00, 0xc8, 0x88, 0xcc,
    0x02, 0x07, 0x04, 0x00, 0x04, 0xf2, 0x11, 0x22, 0x33,
    0x04, 0x07, 0x03, 0x00, 0x04, 0xf2, 0x11, 0x22, 0x33,
    0x06, 0x02, 0x00, 0x78,
    0xfe, 0x07, 0x00, 0x12, 0xbb, 0x01, 0x00, 0x33, 0x03,
    0xfe, 0x08, 0x00, 0x12, 0xbb, 0x02, 0x01, 0x41, 0x91, 0x6e,
    0x00, 0x00,
};

/* An MS-TURN Allocate request (no cookie, unpadded attributes) followed by
 * an RFC 5389 binding request with its cookie: the input is read from its
 * start, so flips decide which of the two the reader sees. */
static const uint8_t stun_sample[] = {
    0x00, 0x03, 0x00, 0x10, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
    0x00, 0x0f, 0x00, 0x04, 0x72, 0xc6, 0x4b, 0xc6, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x00, 0x0e, 0x10,
    0x00, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x00, 0x06, 0x00, 0x04, 'a', 'b', ':', 'c',
};

/* An MS-TURN Allocate error as Teams' relays send it (cookie's bytes in the
 * header, MAGIC-COOKIE and MS-VERSION first, attributes unpadded): 401 with
 * a 5-byte reason, ALTERNATE-SERVER 10.0.0.9:3478 at 0x000E, REALM at
 * 0x0015 ("rtc"); then an RFC 5766 Allocate success: XOR-RELAYED-ADDRESS
 * and MESSAGE-INTEGRITY, padded. Flips reach the error code, the address
 * families, the padding and the dialect. */
static const uint8_t turn_sample[] = {
    0x01, 0x13, 0x00, 0x30, 0x21, 0x12, 0xa4, 0x42, 0x31, 0x31, 0x31, 0x31,
    0x31, 0x31, 0x31, 0x31, 0x31, 0x31, 0x31, 0x31,
    0x00, 0x0f, 0x00, 0x04, 0x72, 0xc6, 0x4b, 0xc6, 0x80, 0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x06,
    0x00, 0x09, 0x00, 0x09, 0x00, 0x00, 0x04, 0x01, 'U', 'n', 'a', 'u', 't',
    0x00, 0x0e, 0x00, 0x08, 0x00, 0x01, 0x0d, 0x96, 0x0a, 0x00, 0x00, 0x09,
    0x00, 0x15, 0x00, 0x03, 'r', 't', 'c',
    0x01, 0x03, 0x00, 0x24, 0x21, 0x12, 0xa4, 0x42, 0x32, 0x32, 0x32, 0x32,
    0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32,
    0x00, 0x16, 0x00, 0x08, 0x00, 0x01, 0xe1, 0x0c, 0x2b, 0x13, 0xa4, 0x47,
    0x00, 0x08, 0x00, 0x14, ZERO8, ZERO8, 0x00, 0x00, 0x00, 0x00,
};

/* An RTCP compound packet (SR + SDES), then an RTP header with a CSRC and
 * a header extension. */
static const uint8_t rtp_sample[] = {
    0x80, 0xc8, 0x00, 0x06, 0xab, 0xcd, 0xef, 0x01, ZERO8, ZERO8, 0x00, 0x00, 0x00, 0x00,
    0x81, 0xca, 0x00, 0x02, 0xab, 0xcd, 0xef, 0x01, 0x01, 0x01, 'x', 0x00,
    0x91, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0xa0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
    0xbe, 0xde, 0x00, 0x01, 0x10, 0xaa, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04,
};

/* A DTLS 1.0 record holding a ClientHello that offers use_srtp. */
static const uint8_t dtls_sample[] = {
    0x16, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x41,
    0x01, 0x00, 0x00, 0x35, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x35,
    0xfe, 0xfd, ZERO32, 0x00, 0x00, 0x00, 0x02, 0xc0, 0x2b, 0x01, 0x00,
    0x00, 0x09, 0x00, 0x0e, 0x00, 0x05, 0x00, 0x02, 0x00, 0x01, 0x00,
};

/* A certificate issued by a test CA to pool.contoso.com, with the SAN
 * pool.contoso.com, fe01.contoso.com, *.contoso.com and an address. */
#define x509_sample cert_pool

/* A TLS 1.2 ServerHello, then a Certificate message holding x509_sample:
 * the handshake bytes of a server's first flight. Filled by
 * make_tls_certs_sample. */
#define HELLO_LEN 42
static uint8_t tls_certs_sample[HELLO_LEN + 4 + 3 + 3 + sizeof cert_pool];

static void
make_tls_certs_sample(void)
{
    static const uint8_t hello[HELLO_LEN] = {
        0x02, 0x00, 0x00, 0x26, 0x03, 0x03, ZERO32, 0x00, 0xc0, 0x2f, 0x00,
    };
    uint8_t *p = tls_certs_sample + HELLO_LEN;
    size_t n = sizeof cert_pool, i;

    memcpy(tls_certs_sample, hello, HELLO_LEN);
    p[0] = BOOT_TLS_HS_CERTIFICATE;
    /* the message, the list and the one certificate: 3-byte lengths */
    for (i = 0; i < 3; i++) {
        size_t v = n + 3 * (2 - i);

        p[1 + 3 * i] = (uint8_t)(v >> 16);
        p[2 + 3 * i] = (uint8_t)(v >> 8);
        p[3 + 3 * i] = (uint8_t)v;
    }
    memcpy(p + 10, cert_pool, n);
}

/* A DHCPACK whose option 52 puts option 43 in `file` and 120 in `sname`, so
 * that mutations reach the overload areas too. */
static const uint8_t dhcp_sample[247] = {
    [0] = DHCP_OP_REPLY, [1] = 1, [2] = 6, [4] = 0x0e, [5] = 0x71, [6] = 0x04, [7] = 0xad,
    [DHCP_SNAME_OFFSET] = 120, 4, 0, 1, 'p', 0, 255,
    [DHCP_FILE_OFFSET] = 43, 3, 1, 1, 'M', 255,
    [DHCP_COOKIE_OFFSET] = 0x63, 0x82, 0x53, 0x63,
    53, 1, DHCP_TYPE_ACK, DHCP_OPT_OVERLOAD, 1, 3, 255,
};

/* ---- The targets: each reader, and what it promises ---- */

/* Every area inside the input, and offset in one of them. */
static bool
view_holds(const dhcp_view_t *v, size_t offset, size_t avail)
{
    uint8_t a;

    for (a = 0; a < v->n_areas; a++)
        if (v->areas[a].end > avail)
            abort();
    return dhcp_view_area_of(v, offset) >= 0;
}

static void
run_dhcp(const uint8_t *p, size_t avail, size_t len)
{
    dhcp_view_t v;
    dhcp_opt_iter_t it = { 0, 0 };
    dhcp_msg_t m;
    tlv_t t;
    size_t at = avail ? rnd() % avail : 0;

    (void)len;
    if (dhcp_view_at(p, 0, avail, &v)) {
        (void)view_holds(&v, 0, avail);
        while (dhcp_view_next(p, &v, &it, &t))
            if (t.value_offset + t.value_len > avail)
                abort();
        dhcp_msg_read(p, &v, &m);
        if (m.has_43 && m.opt43.value_offset + m.opt43.value_len > avail)
            abort();
        if (dhcp_view_next_option(p, &v, at, &t) && t.value_offset + t.value_len > avail)
            abort();
    }
    /* an option handed over from anywhere: the message found must hold it */
    if (dhcp_view_locate(p, avail, at, &v) && !view_holds(&v, at, avail))
        abort();
}



static void
run_dns(const uint8_t *p, size_t avail, size_t len)
{
    boot_dns_t d;
    char name[64];
    size_t pos = avail ? rnd() % avail : 0;

    (void)len;
    if (boot_dns_parse(p, avail, &d)) {
        must_end(d.qname, sizeof d.qname);
        must_end(d.srv_target, sizeof d.srv_target);
        if (d.n_addr > BOOT_DNS_MAX_ADDRS)
            abort();
    }
    /* a name from anywhere, as the SRV target and option 120 are read */
    if (pos < avail && dns_name(p, avail, &pos, name, sizeof name, rnd() % 17)) {
        must_end(name, sizeof name);
        if (pos > avail)
            abort();
    }
}

static void
run_ntp(const uint8_t *p, size_t avail, size_t len)
{
    boot_ntp_t n;

    (void)len;
    if (boot_ntp_parse(p, avail, &n) && !n.xmit_set && n.xmit_unix_ns != 0)
        abort();
}

static void
run_tls(const uint8_t *p, size_t avail, size_t len)
{
    boot_tls_t t;

    (void)len;
    if (boot_tls_scan(p, avail, &t)) {
        must_end(t.sni, sizeof t.sni);
        if ((t.alert_level || t.alert_desc) && !t.alert)
            abort();
    } else if (t.client_hello || t.server_hello || t.app_records) {
        abort(); /* nothing is read from what is not a record */
    }
}

static void
run_lldp(const uint8_t *p, size_t avail, size_t len)
{
    boot_lldp_t l;
    size_t off;

    (void)len;
    if (boot_lldp_locate(p, avail, &off)) {
        if (off >= avail)
            abort();
        if (boot_lldp_parse(p + off, avail - off, &l) && (l.vlan > 4095 || l.priority > 7 || l.dscp > 63))
            abort();
    }
    (void)boot_lldp_parse(p, avail, &l);
}

static void
run_stun(const uint8_t *p, size_t avail, size_t len)
{
    media_kind_t k = stun_at(p, avail, len, false), ks = stun_at(p, avail, len, true);

    if ((k != MEDIA_NONE && k != MEDIA_STUN && k != MEDIA_STUN_CLASSIC) ||
        (ks != MEDIA_NONE && ks != MEDIA_STUN && ks != MEDIA_STUN_CLASSIC))
        abort();
    if (avail >= 2)
        (void)classic_stun_type((uint16_t)(p[0] << 8 | p[1]));
}

static void
run_turn(const uint8_t *p, size_t avail, size_t len)
{
    turn_msg_t m;
    size_t at = avail ? rnd() % avail : 0;

    /* from the start, and from anywhere, as a TCP segment's later message */
    if (turn_read(p, avail, len, &m)) {
        if (m.reason_off + m.reason_len > avail || (m.id_len != 12 && m.id_len != 16) || m.method >= TURN_M_COUNT ||
            m.cls > TURN_CLASS_ERROR || (m.alt.af != 0 && m.alt.af != 4 && m.alt.af != 6) ||
            (m.error_code && (m.error_code < 300 || m.error_code > 699)))
            abort();
        (void)turn_msg_relayed(&m);
        (void)turn_method_name((turn_method_t)m.method);
    } else if (m.attrs || m.n_attrs || m.type) {
        abort();
    }
    (void)turn_read(p + at, avail - at, len - at, &m);
    /* the walk over a datagram and over a TCP segment: every message it
     * hands out starts inside what was captured */
    {
        turn_payload_t w;
        size_t off;
        int stream;

        for (stream = 0; stream < 2; stream++) {
            turn_payload_init(&w, stream);
            while (turn_payload_next(&w, p, avail, len, &off, &m))
                if (off + STUN_HEADER > avail || w.looked > TURN_PAYLOAD_MAX)
                    abort();
        }
    }
}

static void
run_rtp(const uint8_t *p, size_t avail, size_t len)
{
    media_packet_t m;

    memset(&m, 0, sizeof m);
    if (rtcp_at(p, avail, len, &m) && m.kind != MEDIA_RTCP)
        abort();
    memset(&m, 0, sizeof m);
    if (rtp_at(p, avail, len, &m) && (m.kind != MEDIA_RTP || m.strong || m.key == 0))
        abort();
    if (avail >= 2)
        (void)rtcp_type(p[1]);
}

static void
run_dtls(const uint8_t *p, size_t avail, size_t len)
{
    media_packet_t m;

    memset(&m, 0, sizeof m);
    if (dtls_at(p, avail, len, &m) && (m.kind != MEDIA_DTLS || !m.strong))
        abort();
}

/* A certificate at p, and every judgement of it: what the reader promises
 * (names end, spans inside, every SAN name counted) and what the judges do
 * (a name covers itself, a certificate is outside its period by something). */
static void
judge_cert(const uint8_t *p, size_t avail)
{
    x509_cert_t c;
    char name[X509_NAME_MAX], text[96] = "";
    size_t pos = 0;
    uint64_t names = 0;
    int64_t by, now = (int64_t)((uint64_t)rnd() << 32 | rnd());
    x509_status_t st = x509_cert_read(p, avail, &c);
    uint8_t i;

    if (st > X509_NOT_CERT)
        abort();
    if (st != X509_OK)
        return;
    if (c.der_len > avail || c.issuer.offset + c.issuer.len > c.der_len ||
        c.subject.offset + c.subject.len > c.der_len || c.san_names.offset + c.san_names.len > c.der_len ||
        c.n_dns > X509_MAX_DNS || (c.dns_dropped && c.n_dns < X509_MAX_DNS))
        abort();
    must_end(c.cn, sizeof c.cn);
    must_end(c.issuer_cn, sizeof c.issuer_cn);
    for (i = 0; i < c.n_dns; i++)
        must_end(c.dns[i], sizeof c.dns[i]);
    while (x509_next_dns(p, &c, &pos, name, sizeof name)) {
        must_end(name, sizeof name);
        names++;
    }
    if (names != (uint64_t)c.n_dns + c.dns_dropped)
        abort();
    if (c.n_dns && cert_name_covers(c.dns[0], c.dns[0]) && cert_covers(p, &c, c.dns[0]) != CERT_COVERS)
        abort();
    if (cert_mtls_subject(p, &c, "pool.contoso.com") > CERT_SUBJECT_NEITHER)
        abort();
    if ((cert_validity(&c, now, &by) != CERT_TIME_VALID) != (by > 0))
        abort();
    (void)cert_duration_text(by, text, rnd() % sizeof text);
    (void)cert_names_text(&c, text, rnd() % sizeof text);
    if (text[0])
        must_end(text, sizeof text);
}

static void
run_x509(const uint8_t *p, size_t avail, size_t len)
{
    (void)len;
    judge_cert(p, avail);
}

static void
run_tls_certs(const uint8_t *p, size_t avail, size_t len)
{
    boot_tls_certs_t c;
    boot_tls_certs_found_t f = boot_tls_server_certs(p, avail, &c);
    x509_cert_t leaf;
    uint8_t i;

    (void)len;
    if (f > BOOT_TLS_CERTS_MALFORMED || c.n_certs > BOOT_TLS_MAX_CERTS ||
        (c.cert_request && f != BOOT_TLS_CERTS_FOUND))
        abort();
    if (f == BOOT_TLS_CERTS_FOUND) {
        for (i = 0; i < c.n_certs; i++) {
            if (c.certs[i].len == 0 || c.certs[i].offset + c.certs[i].len > avail)
                abort();
            judge_cert(p + c.certs[i].offset, c.certs[i].len);
        }
        if (c.n_certs && x509_cert_read(p + c.certs[0].offset, c.certs[0].len, &leaf) == X509_OK &&
            cert_chain_as_sent(p, &c, &leaf) > CERT_CHAIN_UNKNOWN)
            abort();
    }
    /* a Certificate body from anywhere, its header's length anything */
    if (boot_tls_cert_list(p, avail, avail + rnd() % 8 - 4, &c))
        for (i = 0; i < c.n_certs; i++)
            if (c.certs[i].offset + c.certs[i].len > avail)
                abort();
}

/* The server's flight as the wire carries it: tls_certs_sample split over
 * two handshake records, the second cut in the middle, as a segment before
 * reassembly has it. Made by make_flight_sample. */
static uint8_t flight_sample[5 + 64 + 5 + sizeof tls_certs_sample - 64];

static void
make_flight_sample(void)
{
    uint8_t *p = flight_sample;
    size_t rest = sizeof tls_certs_sample - 64;

    p[0] = 22, p[1] = 3, p[2] = 3, p[3] = 0, p[4] = 64;
    memcpy(p + 5, tls_certs_sample, 64);
    p += 5 + 64;
    p[0] = 22, p[1] = 3, p[2] = 3, p[3] = (uint8_t)(rest >> 8), p[4] = (uint8_t)rest;
    memcpy(p + 5, tls_certs_sample + 64, rest);
}

/* What the certificate glue does with a segment or a reassembled buffer. */
static void
run_flight(const uint8_t *p, size_t avail, size_t len)
{
    uint8_t *hs = malloc(avail ? avail : 1);
    size_t n, body, msg_len, got;
    bool whole;
    boot_tls_certs_t c;

    (void)len;
    if (!hs)
        abort();
    n = tls_flight_handshakes(p, avail, hs, avail, &whole);
    if (n > avail || (n == 0 && !whole && avail >= 5 && !tls_flight_starts(p, avail)))
        abort();
    if (tls_flight_find(hs, n, BOOT_TLS_HS_CERTIFICATE, &body, &msg_len, &got) &&
        (body > n || got > n - body || got > msg_len))
        abort();
    if (boot_tls_server_certs(hs, n, &c) == BOOT_TLS_CERTS_FOUND)
        for (uint8_t i = 0; i < c.n_certs; i++)
            if (c.certs[i].offset + c.certs[i].len > n)
                abort();
    free(hs);
}

typedef struct {
    const char *name;
    void (*run)(const uint8_t *p, size_t avail, size_t len);
    const uint8_t *sample;
    size_t sample_len;
    bool claims_len;        /* the reader takes a claimed length beyond what was captured */
    unsigned long inputs;
} target_t;

#define TARGET(n, claims) { #n, run_##n, n##_sample, sizeof n##_sample, claims, 0 }
static target_t targets[] = {
    TARGET(dhcp, false), TARGET(dns, false), TARGET(ntp, false), TARGET(tls, false), TARGET(lldp, false),
    TARGET(stun, true), TARGET(turn, true), TARGET(rtp, true), TARGET(dtls, true), TARGET(x509, false),
    TARGET(tls_certs, false), TARGET(flight, false),
};
#define N_TARGETS (sizeof targets / sizeof targets[0])

/* The sanitizers prove nothing if the samples do not reach past the first
 * checks: each must be read as what it is. */
static void
samples_are_valid(void)
{
    boot_dns_t d;
    boot_ntp_t n;
    boot_tls_t t;
    boot_lldp_t l;
    media_packet_t m;
    size_t off;

    dhcp_view_t v;
    tlv_t opt;
    x509_cert_t cert;
    boot_tls_certs_t certs;

    if (!dhcp_view_at(dhcp_sample, 0, sizeof dhcp_sample, &v) ||
        !dhcp_view_find_option(dhcp_sample, &v, DHCP_OPT_VENDOR_INFO, &opt) ||
        !dhcp_view_find_option(dhcp_sample, &v, DHCP_OPT_SIP_SERVERS, &opt) ||
        !dhcp_view_locate(dhcp_sample, sizeof dhcp_sample, DHCP_FILE_OFFSET, &v))
        abort();
    if (!boot_dns_parse(dns_sample, sizeof dns_sample, &d) || strcmp(d.srv_target, "sip.contoso.com") != 0 ||
        d.srv_port != 5061 || d.n_addr != 1)
        abort();
    if (!boot_ntp_parse(ntp_sample, sizeof ntp_sample, &n) || !n.xmit_set)
        abort();
    if (!boot_tls_scan(tls_sample, sizeof tls_sample, &t) || strcmp(t.sni, "pool.contoso.com") != 0 ||
        t.version != 0x0304 || !t.ccs || !t.alert)
        abort();
    if (!boot_lldp_locate(lldp_sample, sizeof lldp_sample, &off) ||
        !boot_lldp_parse(lldp_sample + off, sizeof lldp_sample - off, &l) || l.vlan != 200 || l.dscp != 46)
        abort();
    if (stun_at(stun_sample, sizeof stun_sample, 36, true) != MEDIA_STUN_CLASSIC ||
        stun_at(stun_sample + 36, sizeof stun_sample - 36, 28, false) != MEDIA_STUN)
        abort();
    {
        turn_msg_t tm;
        if (!turn_read(turn_sample, sizeof turn_sample, sizeof turn_sample, &tm) || tm.error_code != 401 ||
            tm.alt.af != 4 || !(tm.attrs & TURN_A_REALM) || tm.padded || !tm.attrs_fit ||
            !turn_read(turn_sample + 68, sizeof turn_sample - 68, sizeof turn_sample - 68, &tm) ||
            !turn_msg_relayed(&tm) || !turn_msg_signed(&tm) || !tm.padded)
            abort();
    }
    memset(&m, 0, sizeof m);
    if (!rtcp_at(rtp_sample, sizeof rtp_sample, 40, &m) || !m.strong ||
        !rtp_at(rtp_sample + 40, sizeof rtp_sample - 40, sizeof rtp_sample - 40, &m))
        abort();
    if (!dtls_at(dtls_sample, sizeof dtls_sample, sizeof dtls_sample, &m))
        abort();
    if (x509_cert_read(x509_sample, sizeof x509_sample, &cert) != X509_OK || cert.n_dns != 3 ||
        strcmp(cert.cn, "pool.contoso.com") != 0)
        abort();
    if (boot_tls_server_certs(tls_certs_sample, sizeof tls_certs_sample, &certs) != BOOT_TLS_CERTS_FOUND ||
        certs.n_certs != 1 || certs.cut || certs.certs[0].len != sizeof cert_pool)
        abort();
    {
        uint8_t hs[sizeof flight_sample];
        bool whole;
        if (tls_flight_handshakes(flight_sample, sizeof flight_sample, hs, sizeof hs, &whole) !=
                sizeof tls_certs_sample || !whole || memcmp(hs, tls_certs_sample, sizeof tls_certs_sample) != 0)
            abort();
    }
}

/* ---- Inputs ---- */

static target_t *only;   /* NULL: every target in turn */
static target_t *current; /* the target of the input made last */
static unsigned next_target;
static size_t claimed;    /* the length its headers claim, for the media readers */

/* One input for the next target: its sample with up to eight bytes flipped
 * and cut or extended, the sample's first bytes then small or random ones,
 * or random bytes. */
static size_t
make_input(uint8_t *data, size_t size)
{
    size_t len = rnd() % size, i;

    current = only ? only : &targets[next_target++ % N_TARGETS];
    switch (rnd() % 3) {
    case 0:
        len = current->sample_len;
        memcpy(data, current->sample, len);
        for (i = rnd() % 9; i > 0; i--)
            data[rnd() % len] = (uint8_t)rnd();
        if (rnd() & 1)
            len = rnd() % (len + 1);
        else
            for (i = rnd() % 32; i > 0 && len < size; i--)
                data[len++] = (uint8_t)rnd();
        break;
    case 1:
        for (i = 0; i < len; i++)
            data[i] = (uint8_t)(i < 8 && i < current->sample_len ? current->sample[i]
                                : rnd() % 4 ? rnd() % 16 : rnd());
        break;
    default:
        for (i = 0; i < len; i++)
            data[i] = (uint8_t)rnd();
        break;
    }
    /* the media readers take the length the headers claim, which may run
     * past what the capture kept */
    claimed = current->claims_len && (rnd() & 1) ? len + rnd() % 64 : len;
    return len;
}

static void
exercise(const uint8_t *buf, size_t len)
{
    current->run(buf, len, claimed);
    current->inputs++;
}

int
main(int argc, char **argv)
{
    unsigned i;
    int rc;

    if (argc > 3) {
        for (i = 0; i < N_TARGETS; i++)
            if (strcmp(argv[3], targets[i].name) == 0)
                only = &targets[i];
        if (!only) {
            fprintf(stderr, "fuzz_readers: no target %s\n", argv[3]);
            return 2;
        }
    }
    make_tls_certs_sample();
    make_flight_sample();
    samples_are_valid();
    rc = fuzz_loop("fuzz_readers", argc, argv, make_input, exercise);
    for (i = 0; i < N_TARGETS; i++)
        if (!only || only == &targets[i])
            printf("fuzz_readers: %s %lu inputs\n", targets[i].name, targets[i].inputs);
    return rc;
}
