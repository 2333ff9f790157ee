/* msuc_logic.c
 * Pure logic behind the MS-UC-Client option 43 decoder (see msuc_logic.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "msuc_logic.h"

#include <string.h>

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
msuc_uc_read(const uint8_t *v, size_t n, msuc_uc_t *out)
{
    size_t pos = 0;
    tlv_t t;

    memset(out, 0, sizeof *out);
    while (tlv_next(v, n, &pos, &t) && t.kind != TLV_END) {
        if (t.kind == TLV_TRUNCATED)
            out->cut = true;
        if ((t.kind != TLV_COMPLETE && t.kind != TLV_TRUNCATED) || t.code < MSUC_SUB_UC_IDENTIFIER ||
            t.code >= MSUC_SUB_COUNT || out->val[t.code])
            continue;
        out->val[t.code] = v + t.value_offset;
        out->len[t.code] = t.value_len;
        out->whole[t.code] = t.kind == TLV_COMPLETE;
    }
}

void
text_scan(const uint8_t *v, size_t n, text_scan_t *out)
{
    size_t i;
    bool seen_nul = false;

    memset(out, 0, sizeof *out);
    out->text_len = n;
    out->only_trailing_nuls = true;
    /* Almost every value is plain text: one compare a byte until it ends. */
    for (i = 0; i < n && (uint8_t)(v[i] - 0x20) < 0x5f; i++)
        ;
    for (; i < n; i++) {
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

const char *
msuc_cut_effect(unsigned code)
{
    switch (code) {
    case MSUC_SUB_UC_IDENTIFIER:
        return "the phone may not recognise the option";
    case MSUC_SUB_URL_SCHEME:
    case MSUC_SUB_WEB_SERVER_FQDN:
    case MSUC_SUB_WEB_SERVER_PORT:
    case MSUC_SUB_CERT_PROV_PATH:
        return "the phone's URL is broken";
    default:
        return "the phone cannot use that sub-option";
    }
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

/* Where the run of bytes a URL carries as they are (0x21-0x7e) that starts
 * at i ends. Eight bytes at a time: with its high bit cleared, a byte is
 * below 0x21 when adding 0x5f leaves the high bit clear, and 0x7f when
 * adding 1 sets it; neither sum carries into the next byte. */
static size_t
plain_run_end(const uint8_t *v, size_t i, size_t n)
{
    const uint64_t highs = 0x8080808080808080u;

    while (n - i >= 8) {
        uint64_t x, t;

        memcpy(&x, v + i, 8);
        t = x & ~highs;
        if (((x | ~(t + 0x5f5f5f5f5f5f5f5fu) | (t + 0x0101010101010101u)) & highs) != 0)
            break;
        i += 8;
    }
    while (i < n && (uint8_t)(v[i] - 0x21) < 0x5e)
        i++;
    return i;
}

/* Appends v (up to its first NUL) to out at *w; bytes a URL cannot carry
 * as they are become %NN, as in any URL. Runs of plain bytes are copied
 * whole. */
static void
url_append(char *out, size_t outsz, size_t *wp, const uint8_t *v, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0, w = *wp;

    while (i < n) {
        size_t run = plain_run_end(v, i, n), room;

        if (run > i) {
            room = w + 1 < outsz ? outsz - 1 - w : 0;
            if (run - i > room) {
                memcpy(out + w, v + i, room);
                *wp = w + room;
                return;
            }
            memcpy(out + w, v + i, run - i);
            w += run - i;
            i = run;
            continue;
        }
        if (v[i] == 0)
            break;
        if (w + 3 >= outsz)
            break;
        out[w++] = '%';
        out[w++] = hex[v[i] >> 4];
        out[w++] = hex[v[i] & 0xf];
        i++;
    }
    *wp = w;
}

/* The separators: plain bytes that fit, but for a URL cut to fit. */
static void
url_literal(char *out, size_t outsz, size_t *w, const char *lit, size_t n)
{
    if (*w + n < outsz) {
        memcpy(out + *w, lit, n);
        *w += n;
    } else {
        url_append(out, outsz, w, (const uint8_t *)lit, n);
    }
}

size_t
msuc_build_url_site(char *out, size_t outsz,
                    const uint8_t *scheme, size_t scheme_len,
                    const uint8_t *fqdn, size_t fqdn_len,
                    const uint8_t *port, size_t port_len,
                    const uint8_t *path, size_t path_len, size_t *site_len)
{
    size_t w = 0;

    *site_len = 0;
    if (outsz == 0)
        return 0;
    url_append(out, outsz, &w, scheme, scheme_len);
    url_literal(out, outsz, &w, "://", 3);
    url_append(out, outsz, &w, fqdn, fqdn_len);
    url_literal(out, outsz, &w, ":", 1);
    url_append(out, outsz, &w, port, port_len);
    *site_len = w;
    url_append(out, outsz, &w, path, path_len);
    out[w] = '\0';
    return w;
}

size_t
msuc_build_url(char *out, size_t outsz,
               const uint8_t *scheme, size_t scheme_len,
               const uint8_t *fqdn, size_t fqdn_len,
               const uint8_t *port, size_t port_len,
               const uint8_t *path, size_t path_len)
{
    size_t site_len;

    return msuc_build_url_site(out, outsz, scheme, scheme_len, fqdn, fqdn_len, port, port_len, path, path_len,
                               &site_len);
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
