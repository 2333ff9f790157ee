/* dhcp_build.c
 * Building DHCP messages for the captures: options, option-43 sub-option
 * lists, and the exchanges most DHCP captures are made of (a phone's
 * DHCPINFORM, the server's DHCPACK with Microsoft's five MS-UC-Client
 * sub-options and option 120).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <string.h>

const uint8_t PRL_UC[7] = { 1, 3, 6, 15, 42, 43, 120 };
const uint8_t PRL_WINDOWS[13] = { 1, 15, 3, 6, 44, 46, 47, 31, 33, 121, 249, 43, 252 };

/* ---- Messages and options ---- */

void
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

void
opt(dhcp_msg *m, uint8_t code, const void *value, size_t n)
{
    uint8_t hdr[2] = { code, (uint8_t)n };

    if (n > 255)
        die("option value over 255 bytes");
    opt_raw(m, hdr, 2);
    opt_raw(m, value, n);
}

void
opt_str(dhcp_msg *m, uint8_t code, const char *s)
{
    opt(m, code, s, strlen(s));
}

void
opt_ip(dhcp_msg *m, uint8_t code, uint32_t ip)
{
    uint8_t v[4];

    put32(v, ip);
    opt(m, code, v, 4);
}

void
opt_end(dhcp_msg *m)
{
    uint8_t e = 255;

    opt_raw(m, &e, 1);
}

/* ---- Option 43's sub-options ---- */

void
sub(subopts *s, uint8_t code, const void *v, size_t n)
{
    if (s->n + 2 + n > sizeof s->b)
        die("sub-options too long");
    s->b[s->n++] = code;
    s->b[s->n++] = (uint8_t)n;
    memcpy(s->b + s->n, v, n);
    s->n += n;
}

void
sub_str(subopts *s, uint8_t code, const char *v)
{
    sub(s, code, v, strlen(v));
}

/* A lone byte: a pad, an END, or a deliberate stray */
void
sub_byte(subopts *s, uint8_t b)
{
    s->b[s->n++] = b;
}

/* The five MS-UC-Client sub-options in Microsoft's order. */
void
uc_standard(subopts *s, const char *fqdn)
{
    sub_str(s, 1, "MS-UC-Client");
    sub_str(s, 2, "https");
    sub_str(s, 3, fqdn);
    sub_str(s, 4, "443");
    sub_str(s, 5, STD_PATH);
}

/* Option 120, encoding 0, one name. */
void
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

/* ---- A phone's INFORM and the server's ACK ---- */

/* A phone's broadcast DHCPINFORM asking for 43 and 120. */
void
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
void
ack_begin(dhcp_msg *m, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr, const char *vendor_class)
{
    msg_init(m, BOOTREPLY, xid, mac, DHCPACK);
    m->ciaddr = ciaddr;
    opt_ip(m, 54, SERVER);
    if (vendor_class)
        opt_str(m, 60, vendor_class);
}

void
ack_send(capture *c, dhcp_msg *m, const uint8_t mac[6], uint32_t ciaddr)
{
    opt_end(m);
    write_frame(c, SERVER_MAC, mac, SERVER, ciaddr, 67, 68, m);
}

/* A whole INFORM/ACK pair whose ACK carries `s` as option 43. */
void
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
