/* dns_reader.c
 * Reading a DNS message's header, question and answers (RFC 1035, SRV as
 * RFC 2782), as much as the bootstrap needs; see dns_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "dns_reader.h"

#include <string.h>

#include "bytes.h"
#include "lower.h"

#define DNS_HEADER_LEN 12
#define DNS_MAX_HOPS 16
#define DNS_MAX_RRS 32
#define DNS_TYPE_CNAME 5

/* Reads the name at *pos, leaving *pos after it (after the first pointer if
 * the name is compressed). Writes it dotted and lower case when out is set.
 * Follows at most max_hops compression pointers. */
bool
dns_name(const uint8_t *p, size_t len, size_t *pos, char *out, size_t outsz, unsigned max_hops)
{
    size_t at = *pos, w = 0;
    unsigned hops = 0;
    bool jumped = false;

    if (out && outsz)
        out[0] = '\0';
    for (;;) {
        uint8_t l;

        if (at >= len)
            return false;
        l = p[at];
        if ((l & 0xc0) == 0xc0) {
            if (at + 1 >= len || ++hops > max_hops)
                return false;
            if (!jumped)
                *pos = at + 2;
            jumped = true;
            at = ((size_t)(l & 0x3f) << 8) | p[at + 1];
            continue;
        }
        if (l & 0xc0)
            return false;
        if (l == 0) {
            if (!jumped)
                *pos = at + 1;
            break;
        }
        if (at + 1 + l > len || w + l + 1 > 254)
            return false;
        if (out) {
            size_t i;
            if (w + l + 2 > outsz)
                return false;
            if (w)
                out[w++] = '.';
            for (i = 0; i < l; i++)
                out[w++] = lower((char)p[at + 1 + i]);
            out[w] = '\0';
        } else {
            w += l + 1;
        }
        at += 1 + (size_t)l;
    }
    return true;
}

bool
boot_dns_parse(const uint8_t *p, size_t len, boot_dns_t *out)
{
    size_t pos = DNS_HEADER_LEN;
    uint16_t qd, an, i;

    memset(out, 0, sizeof *out);
    if (!p || len < DNS_HEADER_LEN)
        return false;
    out->id = be16(p);
    out->response = (p[2] & 0x80) != 0;
    /* Standard queries only: an update or notify is not a lookup. */
    if (((p[2] >> 3) & 0x0f) != 0)
        return false;
    out->rcode = p[3] & 0x0f;
    qd = be16(p + 4);
    an = be16(p + 6);
    if (qd != 1 || !dns_name(p, len, &pos, out->qname, sizeof out->qname, DNS_MAX_HOPS) || pos + 4 > len)
        return false;
    out->qtype = be16(p + pos);
    pos += 4;
    if (!out->response)
        return true;
    for (i = 0; i < an && i < DNS_MAX_RRS; i++) {
        uint16_t type, rdlen;
        size_t rd;

        if (!dns_name(p, len, &pos, NULL, 0, DNS_MAX_HOPS) || pos + 10 > len)
            break;
        type = be16(p + pos);
        rdlen = be16(p + pos + 8);
        rd = pos + 10;
        if (rd + rdlen > len)
            break;
        if (type == out->qtype)
            out->answers++;
        if (type == BOOT_DNS_TYPE_A && rdlen == 4 && out->n_addr < BOOT_DNS_MAX_ADDRS)
            out->addr[out->n_addr++] = be32(p + rd);
        if (type == BOOT_DNS_TYPE_SRV && rdlen > 6 && !out->srv_target[0]) {
            size_t t = rd + 6;
            out->srv_port = be16(p + rd + 4);
            if (!dns_name(p, rd + rdlen, &t, out->srv_target, sizeof out->srv_target, DNS_MAX_HOPS))
                out->srv_target[0] = '\0';
        }
        pos = rd + rdlen;
    }
    return true;
}
