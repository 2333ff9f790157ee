/* option43_captures.c
 * The captures of option 43 itself: MS-UC-Client values as Windows, ISC
 * dhcpd and broken servers send them (truncated, string-typed, bad values,
 * split into option 250, overloaded into sname and file), the MSFT 5.0 and
 * NAP sub-options, other vendors' option 43, and the random ACKs of
 * --random that the sanitizer run feeds the decoder.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <stdio.h>
#include <string.h>

/* ---- MS-UC-Client: the five sub-options a Lync/SfB phone wants, right and
 * wrong ---- */

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

/* ---- Other vendor classes: Windows (MSFT 5.0 and NAP), the OC phone
 * (CPE-OCPhone) and vendors whose option 43 is none of ours ---- */

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

/* A Windows client asking for NAP (MS-DHCPN) and the quarantine answer */
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

/* Every sample capture of option 43 */
void
gen_option43_captures(const char *dir)
{
    gen_inform_ack(dir);
    gen_reverse_order(dir);
    gen_no_option60(dir);
    gen_truncated_90(dir);
    gen_string_typed(dir);
    gen_bad_values(dir);
    gen_option120(dir);
    gen_option250(dir);
    gen_msft(dir);
    gen_cpe(dir);
    gen_other_vendors(dir);
    gen_msft_nap(dir);
    gen_overload(dir);
}

/* ---- Random option 43 for the sanitizer run ---- */

void
gen_random(unsigned count, uint64_t seed, const char *path)
{
    capture c;
    subopts s;
    dhcp_msg m;
    uint8_t mac[6];
    unsigned i, j;
    static const char *classes[] = { NULL, "MS-UC-Client", "MSFT 5.0", "CPE-OCPhone" };

    rnd_seed(seed ? seed : 1);
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
