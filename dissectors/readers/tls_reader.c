/* tls_reader.c
 * Reading TLS record headers and the cleartext hellos and alerts in them
 * (RFC 5246, RFC 8446, SNI as RFC 6066); see tls_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tls_reader.h"

#include <string.h>

#include "bytes.h"
#include "lower.h"

#define TLS_MAX_RECORD (16384 + 2048)
#define TLS_HS_CLIENT_HELLO 1
#define TLS_HS_SERVER_HELLO 2
#define TLS_HS_CERTIFICATE_REQUEST 13
#define TLS_HS_SERVER_HELLO_DONE 14
#define TLS_EXT_SERVER_NAME 0
#define TLS_EXT_SUPPORTED_VERSIONS 43

/* Skips a length-prefixed vector (1 or 2 length bytes) at *pos below end. */
static bool
skip_vector(const uint8_t *p, size_t end, size_t *pos, unsigned lenbytes)
{
    size_t n;

    if (*pos + lenbytes > end)
        return false;
    n = lenbytes == 1 ? p[*pos] : be16(p + *pos);
    *pos += lenbytes + n;
    return *pos <= end;
}

/* The extension `type` of a hello whose extensions block starts at pos (its
 * two length bytes): where its value starts and how long it is. */
static bool
find_extension(const uint8_t *p, size_t end, size_t pos, uint16_t type, size_t *value, size_t *len)
{
    size_t ext_end;

    if (pos + 2 > end)
        return false;
    ext_end = pos + 2 + be16(p + pos);
    pos += 2;
    if (ext_end > end)
        ext_end = end;
    while (pos + 4 <= ext_end) {
        uint16_t t = be16(p + pos), elen = be16(p + pos + 2);

        *value = pos + 4;
        pos = *value + elen;
        if (pos > ext_end)
            return false;
        if (t == type) {
            *len = elen;
            return true;
        }
    }
    return false;
}

static void
client_hello(const uint8_t *p, size_t end, size_t pos, boot_tls_t *out)
{
    size_t v, elen;

    pos += 2 + 32; /* version, random */
    if (!skip_vector(p, end, &pos, 1) || !skip_vector(p, end, &pos, 2) || !skip_vector(p, end, &pos, 1) ||
        !find_extension(p, end, pos, TLS_EXT_SERVER_NAME, &v, &elen))
        return;
    /* The list's first entry, a host name (type 0). */
    if (elen >= 5 && p[v + 2] == 0 && 5 + (size_t)be16(p + v + 3) <= elen)
        copy_lower(out->sni, sizeof out->sni, p + v + 5, be16(p + v + 3));
}

/* The version a ServerHello body (at pos, before end) settles on:
 * supported_versions, where there is one, overrides the legacy field. 0
 * when even that is cut. */
static uint16_t
hello_version(const uint8_t *p, size_t end, size_t pos)
{
    size_t v, elen;
    uint16_t version;

    if (pos + 2 > end)
        return 0;
    version = be16(p + pos);
    pos += 2 + 32;
    if (!skip_vector(p, end, &pos, 1))
        return version;
    pos += 3; /* cipher suite, compression */
    if (find_extension(p, end, pos, TLS_EXT_SUPPORTED_VERSIONS, &v, &elen) && elen == 2)
        version = be16(p + v);
    return version;
}

/* A plausible handshake message header: a hello starts with a protocol
 * version 3.x, which random bytes of an encrypted Finished rarely are. */
static void
handshake(const uint8_t *p, size_t end, boot_tls_t *out)
{
    uint8_t type;
    size_t body;

    if (end < 6)
        return;
    type = p[0];
    body = 4;
    if (p[body] != 3 || p[body + 1] > 4)
        return;
    if (be24(p + 1) < 38)
        return;
    if (type == TLS_HS_CLIENT_HELLO) {
        out->client_hello = true;
        client_hello(p, end, body, out);
    } else if (type == TLS_HS_SERVER_HELLO) {
        out->server_hello = true;
        out->version = hello_version(p, end, body);
    }
}

bool
boot_tls_scan(const uint8_t *p, size_t len, boot_tls_t *out)
{
    size_t pos = 0;
    bool after_ccs = false;

    memset(out, 0, sizeof *out);
    if (!p)
        return false;
    while (pos + 5 <= len) {
        uint8_t type = p[pos];
        uint16_t rlen = be16(p + pos + 3);
        size_t body = pos + 5, end;

        if (type < BOOT_TLS_CT_CCS || type > BOOT_TLS_CT_APPDATA || p[pos + 1] != 3 || p[pos + 2] > 4 ||
            rlen == 0 || rlen > TLS_MAX_RECORD)
            break;
        out->records = true;
        end = body + rlen <= len ? body + rlen : len;
        switch (type) {
        case BOOT_TLS_CT_HANDSHAKE:
            /* After ChangeCipherSpec the handshake is encrypted. */
            if (!after_ccs)
                handshake(p + body, end - body, out);
            break;
        case BOOT_TLS_CT_CCS:
            out->ccs = true;
            after_ccs = true;
            break;
        case BOOT_TLS_CT_ALERT:
            out->alert = true;
            if (rlen == 2 && end - body == 2 && !after_ccs) {
                out->alert_level = p[body];
                out->alert_desc = p[body + 1];
            }
            break;
        default:
            if (out->app_records++ == 0)
                out->first_app_len = rlen;
            break;
        }
        pos = body + rlen;
    }
    return out->records;
}

/* ---- The server's certificates ---- */

bool
boot_tls_cert_list(const uint8_t *p, size_t avail, size_t msg_len, boot_tls_certs_t *out)
{
    size_t pos = 3, list_end;

    memset(out, 0, sizeof *out);
    if (!p || msg_len < 3)
        return false;
    if (avail > msg_len)
        avail = msg_len;
    if (avail < 3) {
        out->cut = true;
        return true;
    }
    list_end = 3 + (size_t)be24(p);
    if (list_end != msg_len)
        return false;
    /* pos never passes avail: each step is checked against it first. */
    while (pos < list_end) {
        size_t clen;

        if (list_end - pos < 3)
            return false;
        if (avail - pos < 3) {
            out->cut = true;
            break;
        }
        clen = be24(p + pos);
        pos += 3;
        if (clen == 0 || clen > list_end - pos)
            return false;
        if (clen > avail - pos) {
            out->cut = true;
            break;
        }
        if (out->n_certs < BOOT_TLS_MAX_CERTS) {
            out->certs[out->n_certs].offset = pos;
            out->certs[out->n_certs++].len = clen;
        } else if (out->more < UINT32_MAX) {
            out->more++;
        }
        pos += clen;
    }
    return true;
}

boot_tls_certs_found_t
boot_tls_server_certs(const uint8_t *p, size_t len, boot_tls_certs_t *out)
{
    size_t pos = 0;
    bool hello = false, found = false;
    uint8_t i;

    memset(out, 0, sizeof *out);
    if (!p)
        return BOOT_TLS_CERTS_NO_HELLO;
    while (len - pos >= 4) {
        size_t body = pos + 4, mlen = be24(p + pos + 1);
        size_t avail = len - body < mlen ? len - body : mlen;

        if (found) {
            /* The rest of the server's flight, up to ServerHelloDone. */
            if (p[pos] == TLS_HS_CERTIFICATE_REQUEST)
                out->cert_request = true;
            if (p[pos] == TLS_HS_SERVER_HELLO_DONE)
                break;
        } else if (hello) {
            if (p[pos] != BOOT_TLS_HS_CERTIFICATE)
                return BOOT_TLS_CERTS_NONE;
            if (!boot_tls_cert_list(p + body, avail, mlen, out))
                return BOOT_TLS_CERTS_MALFORMED;
            for (i = 0; i < out->n_certs; i++)
                out->certs[i].offset += body;
            found = true;
        } else if (p[pos] == TLS_HS_SERVER_HELLO) {
            uint16_t version;

            /* Only the whole hello says whether supported_versions makes
             * it TLS 1.3. */
            if (avail < mlen)
                return BOOT_TLS_CERTS_CUT;
            version = hello_version(p, body + mlen, body);
            if (version == 0x0304 || version >> 8 == 0x7f) /* 1.3 and its drafts */
                return BOOT_TLS_CERTS_ENCRYPTED;
            if (version < 0x0300 || version > 0x0303)
                return BOOT_TLS_CERTS_MALFORMED;
            hello = true;
        }
        if (avail < mlen)
            break;
        pos = body + mlen;
    }
    if (found)
        return BOOT_TLS_CERTS_FOUND;
    return hello ? BOOT_TLS_CERTS_CUT : BOOT_TLS_CERTS_NO_HELLO;
}
