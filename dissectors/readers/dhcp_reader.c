/* dhcp_reader.c
 * Reading a DHCP message and its options; see dhcp_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "dhcp_reader.h"

#include <string.h>

bool
tlv_next(const uint8_t *buf, size_t end, size_t *pos, tlv_t *out)
{
    size_t p = *pos;

    if (p >= end)
        return false;

    memset(out, 0, sizeof *out);
    out->code = buf[p];
    out->offset = p;
    out->value_offset = p + 1;

    if (out->code == TLV_CODE_PAD || out->code == TLV_CODE_END) {
        out->kind = out->code == TLV_CODE_PAD ? TLV_PAD : TLV_END;
        *pos = p + 1;
        return true;
    }
    if (p + 1 >= end) {
        out->kind = TLV_NO_LENGTH;
        *pos = end;
        return true;
    }
    out->claimed_len = buf[p + 1];
    out->value_offset = p + 2;
    if (out->claimed_len <= end - (p + 2)) {
        out->kind = TLV_COMPLETE;
        out->value_len = out->claimed_len;
        *pos = p + 2 + out->claimed_len;
    } else {
        out->kind = TLV_TRUNCATED;
        out->value_len = end - (p + 2);
        *pos = end;
    }
    return true;
}

/* True when the option list from `from` to `end` reaches opt_offset exactly,
 * i.e. opt_offset is the code byte of one of its options. */
static bool
options_reach(const uint8_t *buf, size_t end, size_t from, size_t opt_offset)
{
    size_t pos = from;
    tlv_t t;

    while (pos < opt_offset && tlv_next(buf, end, &pos, &t)) {
        if (t.kind == TLV_END || t.kind == TLV_TRUNCATED || t.kind == TLV_NO_LENGTH)
            return false;
    }
    return pos == opt_offset;
}

/* Link-layer padding follows the UDP payload in the frame; trusting the UDP
 * length (when the header before the message looks like DHCP's) keeps the
 * option walk out of it. */
static size_t
udp_payload_end(const uint8_t *buf, size_t len, size_t start, size_t opt_offset)
{
    const uint8_t *udp;
    uint16_t ulen;

    if (start < 8)
        return len;
    udp = buf + start - 8;
    ulen = be16(udp + 4);
    if ((!dhcp_is_port(be16(udp)) && !dhcp_is_port(be16(udp + 2))) || ulen < 8)
        return len;
    if (start - 8 + ulen > len || start - 8 + ulen <= opt_offset)
        return len;
    return start - 8 + ulen;
}

/* The fixed BOOTP header; the caller has checked that start + 240 bytes exist. */
static void
view_fill(const uint8_t *buf, size_t start, dhcp_view_t *out)
{
    memset(out, 0, sizeof *out);
    out->start = start;
    out->op = buf[start];
    out->hlen = buf[start + 2] > 16 ? 16 : buf[start + 2];
    out->hops = buf[start + 3];
    out->xid = be32(buf + start + 4);
    out->secs = be16(buf + start + 8);
    out->flags = be16(buf + start + 10);
    out->ciaddr = be32(buf + start + 12);
    out->yiaddr = be32(buf + start + 16);
    out->giaddr = be32(buf + start + 24);
    memcpy(out->chaddr, buf + start + 28, out->hlen);
    out->options_start = start + DHCP_COOKIE_OFFSET + 4;
}

/* Once options_end is known: option 52 in the options field decides which
 * fixed fields hold options too (RFC 2131 4.1: file before sname). */
static void
view_areas(const uint8_t *buf, dhcp_view_t *v)
{
    size_t pos = v->options_start;
    tlv_t t;

    v->areas[0].start = v->options_start;
    v->areas[0].end = v->options_end;
    v->n_areas = 1;
    while (tlv_next(buf, v->options_end, &pos, &t) && t.kind != TLV_END) {
        if (t.kind == TLV_COMPLETE && t.code == DHCP_OPT_OVERLOAD && t.value_len == 1) {
            v->overload = buf[t.value_offset];
            break;
        }
    }
    if (v->overload & DHCP_OVERLOAD_FILE) {
        v->areas[v->n_areas].start = v->start + DHCP_FILE_OFFSET;
        v->areas[v->n_areas++].end = v->start + DHCP_COOKIE_OFFSET;
    }
    if (v->overload & DHCP_OVERLOAD_SNAME) {
        v->areas[v->n_areas].start = v->start + DHCP_SNAME_OFFSET;
        v->areas[v->n_areas++].end = v->start + DHCP_FILE_OFFSET;
    }
}

static bool
header_at(const uint8_t *buf, size_t len, size_t start)
{
    return start <= len && len - start >= DHCP_COOKIE_OFFSET + 4 &&
           be32(buf + start + DHCP_COOKIE_OFFSET) == DHCP_MAGIC_COOKIE &&
           (buf[start] == DHCP_OP_REQUEST || buf[start] == DHCP_OP_REPLY);
}

bool
dhcp_view_at(const uint8_t *buf, size_t start, size_t end, dhcp_view_t *out)
{
    if (!buf || end < start || !header_at(buf, end, start))
        return false;
    view_fill(buf, start, out);
    out->options_end = end;
    view_areas(buf, out);
    return true;
}

/* A false cookie inside an option value is possible but rare; a handful of
 * candidates is plenty and keeps crafted packets from costing O(n^2). */
#define MAX_COOKIE_CANDIDATES 8

/* opt_offset inside the options field of a message whose cookie precedes it. */
static bool
locate_in_options(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out)
{
    size_t c;
    unsigned tried = 0;

    for (c = opt_offset - 4; c >= DHCP_COOKIE_OFFSET && tried < MAX_COOKIE_CANDIDATES; c--) {
        size_t start = c - DHCP_COOKIE_OFFSET;

        if (be32(buf + c) != DHCP_MAGIC_COOKIE)
            continue;
        tried++;
        if (!header_at(buf, len, start) || !options_reach(buf, len, c + 4, opt_offset))
            continue;
        view_fill(buf, start, out);
        out->options_end = udp_payload_end(buf, len, start, opt_offset);
        view_areas(buf, out);
        return true;
    }
    return false;
}

/* opt_offset inside the sname or file field of a message whose option 52
 * says they carry options: the message starts at most 236 bytes before. */
static bool
locate_in_fixed_fields(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out)
{
    size_t back;
    unsigned tried = 0;
    uint8_t a;

    for (back = DHCP_SNAME_OFFSET; back < DHCP_COOKIE_OFFSET && back <= opt_offset &&
                                   tried < MAX_COOKIE_CANDIDATES; back++) {
        size_t start = opt_offset - back;

        if (!header_at(buf, len, start))
            continue;
        tried++;
        view_fill(buf, start, out);
        out->options_end = udp_payload_end(buf, len, start, out->options_start);
        view_areas(buf, out);
        for (a = 1; a < out->n_areas; a++)
            if (opt_offset >= out->areas[a].start && opt_offset < out->areas[a].end &&
                options_reach(buf, out->areas[a].end, out->areas[a].start, opt_offset))
                return true;
    }
    return false;
}

bool
dhcp_view_locate(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out)
{
    if (!buf || opt_offset >= len)
        return false;
    if (opt_offset >= DHCP_COOKIE_OFFSET + 4 && locate_in_options(buf, len, opt_offset, out))
        return true;
    return locate_in_fixed_fields(buf, len, opt_offset, out);
}

bool
dhcp_view_next(const uint8_t *buf, const dhcp_view_t *v, dhcp_opt_iter_t *it, tlv_t *out)
{
    while (it->area < v->n_areas) {
        const dhcp_area_t *a = &v->areas[it->area];

        if (it->pos < a->start)
            it->pos = a->start;
        while (tlv_next(buf, a->end, &it->pos, out)) {
            if (out->kind == TLV_PAD)
                continue;
            if (out->kind == TLV_END)
                break;
            if (out->kind != TLV_COMPLETE)
                it->pos = a->end;
            return true;
        }
        it->area++;
        it->pos = 0;
    }
    return false;
}

bool
dhcp_view_find_option(const uint8_t *buf, const dhcp_view_t *v, uint8_t code, tlv_t *out)
{
    dhcp_opt_iter_t it = {0, 0};

    while (dhcp_view_next(buf, v, &it, out))
        if (out->code == code)
            return true;
    return false;
}

int
dhcp_view_area_of(const dhcp_view_t *v, size_t offset)
{
    uint8_t a;

    for (a = 0; a < v->n_areas; a++)
        if (offset >= v->areas[a].start && offset < v->areas[a].end)
            return a;
    return -1;
}

bool
dhcp_view_next_option(const uint8_t *buf, const dhcp_view_t *v, size_t opt_offset, tlv_t *out)
{
    int a = dhcp_view_area_of(v, opt_offset);
    size_t pos = opt_offset;
    tlv_t t;

    if (a < 0 || !tlv_next(buf, v->areas[a].end, &pos, &t) || t.kind != TLV_COMPLETE)
        return false;
    return tlv_next(buf, v->areas[a].end, &pos, out) && out->kind == TLV_COMPLETE;
}

static void
note_asked(const uint8_t *v, size_t n, dhcp_msg_t *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        out->asks_43 |= v[i] == DHCP_OPT_VENDOR_INFO;
        out->asks_120 |= v[i] == DHCP_OPT_SIP_SERVERS;
        if (out->n_asked < DHCP_MAX_ASKED)
            out->asked[out->n_asked++] = v[i];
    }
}

void
dhcp_msg_read(const uint8_t *buf, const dhcp_view_t *view, dhcp_msg_t *out)
{
    dhcp_opt_iter_t it = {0, 0};
    tlv_t t;

    memset(out, 0, sizeof *out);
    out->view = *view;
    out->opt43.kind = out->opt120.kind = TLV_END;
    while (dhcp_view_next(buf, view, &it, &t)) {
        const uint8_t *v = buf + t.value_offset;

        if (t.code == DHCP_OPT_VENDOR_INFO && out->opt43.kind == TLV_END)
            out->opt43 = t;
        if (t.code == DHCP_OPT_SIP_SERVERS && out->opt120.kind == TLV_END)
            out->opt120 = t;
        if (t.kind != TLV_COMPLETE)
            continue;
        switch (t.code) {
        case DHCP_OPT_MSG_TYPE:
            if (t.value_len == 1)
                out->type = v[0];
            break;
        case DHCP_OPT_SERVER_ID:
            if (t.value_len == 4)
                out->server_id = be32(v);
            break;
        case DHCP_OPT_PARAM_LIST:
            note_asked(v, t.value_len, out);
            break;
        case DHCP_OPT_VENDOR_CLASS:
            out->vendor_class_len = (uint8_t)(t.value_len < sizeof out->vendor_class ?
                                              t.value_len : sizeof out->vendor_class);
            memcpy(out->vendor_class, v, out->vendor_class_len);
            break;
        case DHCP_OPT_VENDOR_INFO:
            out->has_43 = true;
            break;
        case DHCP_OPT_SIP_SERVERS:
            out->has_120 = true;
            break;
        default:
            break;
        }
    }
    if (view->op == DHCP_OP_REQUEST && out->type == DHCP_TYPE_INFORM)
        out->kind = DHCP_KIND_INFORM;
    else if (view->op == DHCP_OP_REPLY && out->type == DHCP_TYPE_ACK)
        out->kind = DHCP_KIND_ACK;
}

void
dhcp_client_key_from_view(const dhcp_view_t *v, dhcp_client_key_t *k)
{
    memset(k, 0, sizeof *k);
    k->xid = v->xid;
    k->hlen = v->hlen;
    memcpy(k->chaddr, v->chaddr, v->hlen);
}

unsigned int
dhcp_client_key_hash(const void *k)
{
    const dhcp_client_key_t *key = k;
    uint32_t h = 2166136261u ^ key->xid;
    uint8_t i;

    for (i = 0; i < key->hlen; i++)
        h = (h ^ key->chaddr[i]) * 16777619u;
    return h;
}

int
dhcp_client_key_equal(const void *a, const void *b)
{
    const dhcp_client_key_t *x = a, *y = b;

    return x->xid == y->xid && x->hlen == y->hlen && memcmp(x->chaddr, y->chaddr, x->hlen) == 0;
}
