/* msuc_logic.c
 * Pure logic behind the MS-UC-Client option 43 decoder (see msuc_logic.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "msuc_logic.h"

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

/* True when the option list starting at `from` reaches opt_offset exactly,
 * i.e. opt_offset is the code byte of one of its options. */
static bool
options_reach(const uint8_t *buf, size_t len, size_t from, size_t opt_offset)
{
    size_t pos = from;
    tlv_t t;

    while (pos < opt_offset && tlv_next(buf, len, &pos, &t)) {
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
    uint16_t sport, dport, ulen;

    if (start < 8)
        return len;
    udp = buf + start - 8;
    sport = be16(udp);
    dport = be16(udp + 2);
    ulen = be16(udp + 4);
    if ((sport != 67 && sport != 68 && dport != 67 && dport != 68) || ulen < 8)
        return len;
    if (start - 8 + ulen > len || start - 8 + ulen <= opt_offset)
        return len;
    return start - 8 + ulen;
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

/* The fixed BOOTP header; the caller has checked that start + 240 bytes exist. */
static void
view_fill(const uint8_t *buf, size_t start, size_t options_start, dhcp_view_t *out)
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
    out->options_start = options_start;
}

bool
dhcp_view_at(const uint8_t *buf, size_t start, size_t end, dhcp_view_t *out)
{
    if (!buf || end < start || end - start < DHCP_COOKIE_OFFSET + 4 ||
        be32(buf + start + DHCP_COOKIE_OFFSET) != DHCP_MAGIC_COOKIE ||
        (buf[start] != DHCP_OP_REQUEST && buf[start] != DHCP_OP_REPLY))
        return false;
    view_fill(buf, start, start + DHCP_COOKIE_OFFSET + 4, out);
    out->options_end = end;
    return true;
}

/* A false cookie inside an option value is possible but rare; a handful of
 * candidates is plenty and keeps crafted packets from costing O(n^2). */
#define MAX_COOKIE_CANDIDATES 8

bool
dhcp_view_locate(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out)
{
    size_t c;
    unsigned tried = 0;

    if (!buf || opt_offset >= len || opt_offset < DHCP_COOKIE_OFFSET + 4)
        return false;

    for (c = opt_offset - 4; c >= DHCP_COOKIE_OFFSET && tried < MAX_COOKIE_CANDIDATES; c--) {
        size_t start;

        if (be32(buf + c) != DHCP_MAGIC_COOKIE)
            continue;
        tried++;
        start = c - DHCP_COOKIE_OFFSET;
        if (buf[start] != DHCP_OP_REQUEST && buf[start] != DHCP_OP_REPLY)
            continue;
        if (!options_reach(buf, len, c + 4, opt_offset))
            continue;

        view_fill(buf, start, c + 4, out);
        out->options_end = udp_payload_end(buf, len, start, opt_offset);
        return true;
    }
    return false;
}

bool
dhcp_view_find_option(const uint8_t *buf, const dhcp_view_t *v, uint8_t code, tlv_t *out)
{
    size_t pos = v->options_start;
    tlv_t t;

    while (tlv_next(buf, v->options_end, &pos, &t)) {
        if (t.kind == TLV_END)
            return false;
        if (t.kind == TLV_PAD)
            continue;
        if (t.code == code) {
            *out = t;
            return true;
        }
    }
    return false;
}

bool
dhcp_view_next_option(const uint8_t *buf, const dhcp_view_t *v, size_t opt_offset, tlv_t *out)
{
    size_t pos = opt_offset;
    tlv_t t;

    if (opt_offset < v->options_start || !tlv_next(buf, v->options_end, &pos, &t) ||
        t.kind != TLV_COMPLETE)
        return false;
    return tlv_next(buf, v->options_end, &pos, out) && out->kind == TLV_COMPLETE;
}

static bool
bytes_equal(const uint8_t *v, size_t n, const char *s)
{
    size_t sl = strlen(s);
    return n == sl && memcmp(v, s, sl) == 0;
}

vendor_kind_t
vendor_kind_of(const uint8_t *vc, size_t len)
{
    if (bytes_equal(vc, len, MSUC_VENDOR_CLASS))
        return VENDOR_MS_UC_CLIENT;
    if (bytes_equal(vc, len, "MSFT 5.0") || bytes_equal(vc, len, "MSFT 98") ||
        bytes_equal(vc, len, "MSFT 5.0 XBOX"))
        return VENDOR_MSFT;
    if (bytes_equal(vc, len, "CPE-OCPhone"))
        return VENDOR_CPE_OCPHONE;
    return VENDOR_UNKNOWN;
}

bool
msuc_payload_identifies(const uint8_t *buf, size_t len)
{
    size_t pos = 0;
    tlv_t t;

    while (tlv_next(buf, len, &pos, &t)) {
        if (t.kind == TLV_END)
            break;
        if (t.kind != TLV_COMPLETE || t.code != MSUC_SUB_UC_IDENTIFIER)
            continue;
        if (t.value_len >= MSUC_VENDOR_CLASS_LEN &&
            memcmp(buf + t.value_offset, MSUC_VENDOR_CLASS, MSUC_VENDOR_CLASS_LEN) == 0) {
            size_t i;
            for (i = MSUC_VENDOR_CLASS_LEN; i < t.value_len; i++)
                if (buf[t.value_offset + i] != 0)
                    break;
            if (i == t.value_len)
                return true;
        }
    }
    return false;
}

void
text_scan(const uint8_t *v, size_t n, text_scan_t *out)
{
    size_t i;
    bool seen_nul = false;

    memset(out, 0, sizeof *out);
    out->text_len = n;
    out->only_trailing_nuls = true;
    for (i = 0; i < n; i++) {
        if (v[i] == 0) {
            if (!seen_nul)
                out->text_len = i;
            seen_nul = true;
            out->nul_count++;
        } else {
            if (seen_nul)
                out->only_trailing_nuls = false;
            if (v[i] < 0x20 || v[i] > 0x7e)
                out->nonprint_count++;
        }
    }
}

/* True when v is one or more ASCII digits; *val saturates above 65535. */
static bool
ascii_digits(const uint8_t *v, size_t n, uint32_t *val)
{
    size_t i;

    *val = 0;
    if (n == 0)
        return false;
    for (i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        if (*val <= 65535)
            *val = *val * 10 + (uint32_t)(v[i] - '0');
    }
    return true;
}

port_check_t
msuc_port_check(const uint8_t *v, size_t n, uint32_t *port)
{
    uint32_t val;

    if (n == 0)
        return PORT_EMPTY;
    if (!ascii_digits(v, n, &val))
        return PORT_NOT_DIGITS;
    if (val < 1 || val > 65535)
        return PORT_OUT_OF_RANGE;
    *port = val;
    return PORT_OK;
}

static bool
equal_nocase(const uint8_t *v, size_t n, const char *s)
{
    size_t i, sl = strlen(s);

    if (n != sl)
        return false;
    for (i = 0; i < n; i++) {
        uint8_t c = v[i];
        if (c >= 'A' && c <= 'Z')
            c = (uint8_t)(c - 'A' + 'a');
        if (c != (uint8_t)s[i])
            return false;
    }
    return true;
}

scheme_check_t
msuc_scheme_check(const uint8_t *v, size_t n)
{
    if (bytes_equal(v, n, "https"))
        return SCHEME_HTTPS;
    if (bytes_equal(v, n, "http"))
        return SCHEME_HTTP;
    if (equal_nocase(v, n, "https") || equal_nocase(v, n, "http"))
        return SCHEME_CASE;
    return SCHEME_INVALID;
}

path_check_t
msuc_path_check(const uint8_t *v, size_t n)
{
    size_t i;

    if (n == 0)
        return PATH_EMPTY;
    if (v[0] != '/')
        return PATH_NO_LEADING_SLASH;
    for (i = 0; i < n; i++)
        if (v[i] <= 0x20 || v[i] > 0x7e)
            return PATH_BAD_CHAR;
    return PATH_OK;
}

bool
msuc_path_is_standard(const uint8_t *v, size_t n)
{
    return bytes_equal(v, n, MSUC_STD_PATH);
}

bool
msuc_path_ends_svc(const uint8_t *v, size_t n)
{
    return n >= 4 && equal_nocase(v + n - 4, 4, ".svc");
}

static bool
is_alnum(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

host_check_t
msuc_host_check(const uint8_t *v, size_t n, size_t *bad_at)
{
    size_t i, label_start = 0;

    *bad_at = 0;
    if (n == 0)
        return HOST_EMPTY;
    if (n > 1 && v[n - 1] == '.')
        n--; /* an absolute name's final dot */
    if (n > 253) {
        *bad_at = 253;
        return HOST_TOO_LONG;
    }
    for (i = 0; i <= n; i++) {
        if (i == n || v[i] == '.') {
            size_t ll = i - label_start;
            if (ll == 0) {
                *bad_at = i;
                return HOST_EMPTY_LABEL;
            }
            if (ll > 63) {
                *bad_at = label_start + 63;
                return HOST_LABEL_TOO_LONG;
            }
            if (v[label_start] == '-' || v[i - 1] == '-') {
                *bad_at = v[label_start] == '-' ? label_start : i - 1;
                return HOST_HYPHEN_EDGE;
            }
            label_start = i + 1;
        } else if (!is_alnum(v[i]) && v[i] != '-') {
            *bad_at = i;
            return HOST_BAD_CHAR;
        }
    }
    return HOST_OK;
}

/* Appends v (up to its first NUL) to out at *w; bytes a URL cannot carry
 * as they are become %NN, as in any URL. */
static void
url_append(char *out, size_t outsz, size_t *w, const uint8_t *v, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;

    for (i = 0; i < n && v[i] != 0; i++) {
        if (v[i] > 0x20 && v[i] < 0x7f) {
            if (*w + 1 >= outsz)
                return;
            out[(*w)++] = (char)v[i];
        } else {
            if (*w + 3 >= outsz)
                return;
            out[(*w)++] = '%';
            out[(*w)++] = hex[v[i] >> 4];
            out[(*w)++] = hex[v[i] & 0xf];
        }
    }
}

size_t
msuc_build_url(char *out, size_t outsz,
               const uint8_t *scheme, size_t scheme_len,
               const uint8_t *fqdn, size_t fqdn_len,
               const uint8_t *port, size_t port_len,
               const uint8_t *path, size_t path_len)
{
    size_t w = 0;

    if (outsz == 0)
        return 0;
    url_append(out, outsz, &w, scheme, scheme_len);
    url_append(out, outsz, &w, (const uint8_t *)"://", 3);
    url_append(out, outsz, &w, fqdn, fqdn_len);
    url_append(out, outsz, &w, (const uint8_t *)":", 1);
    url_append(out, outsz, &w, port, port_len);
    url_append(out, outsz, &w, path, path_len);
    out[w] = '\0';
    return w;
}

void
opt120_check(const uint8_t *v, size_t n, opt120_info_t *out)
{
    size_t pos = 1;

    memset(out, 0, sizeof *out);
    if (n == 0) {
        out->status = OPT120_EMPTY;
        return;
    }
    if (v[0] == 1) {
        out->status = OPT120_IP_LIST;
        out->names = (unsigned)((n - 1) / 4);
        if ((n - 1) % 4 != 0 || n == 1) {
            out->status = OPT120_MALFORMED;
            out->bad_offset = n;
        }
        return;
    }
    if (v[0] != 0) {
        out->status = OPT120_BAD_ENCODING;
        return;
    }
    /* RFC 1035 labels, uncompressed, each name ending with a zero label. */
    while (pos < n) {
        size_t labels = 0;
        for (;;) {
            uint8_t ll;
            if (pos >= n) {
                out->status = OPT120_MALFORMED;
                out->bad_offset = n;
                return;
            }
            ll = v[pos];
            if (ll == 0) {
                pos++;
                break;
            }
            if (ll > 63 || ll > n - pos - 1) {
                out->status = OPT120_MALFORMED;
                out->bad_offset = pos;
                return;
            }
            pos += 1 + ll;
            labels++;
        }
        if (labels == 0) {
            /* the root alone names no server */
            out->status = OPT120_MALFORMED;
            out->bad_offset = pos - 1;
            return;
        }
        out->names++;
    }
    out->status = out->names ? OPT120_OK : OPT120_EMPTY;
}

bool
msft_netbios_value_known(uint32_t v)
{
    return v == 0 || v == 2;
}

bool
msft_release_value_known(uint32_t v)
{
    return v == 0 || v == 1;
}

vlan_check_t
cpe_vlan_check(const uint8_t *v, size_t n, uint32_t *vlan)
{
    /* Two ASCII digits read as binary give 12336 or more, never a valid VLAN,
     * so trying ASCII first leaves no ambiguity. */
    if (ascii_digits(v, n, vlan))
        return (*vlan >= 1 && *vlan <= 4094) ? VLAN_ASCII : VLAN_OUT_OF_RANGE;
    if (n == 2) {
        *vlan = ((uint32_t)v[0] << 8) | v[1];
        return (*vlan >= 1 && *vlan <= 4094) ? VLAN_BINARY : VLAN_OUT_OF_RANGE;
    }
    return VLAN_BAD_ENCODING;
}

bool
msft_nap_ipv6_len_ok(const uint8_t *v, size_t len)
{
    return len == 0 || len == (size_t)v[0] * 16 + 1;
}
