/* evidence_logic.c
 * Whether a media flow is Microsoft's (see evidence_logic.h). Attribute
 * numbers as IANA's STUN registry lists them, with MS-TURN, MS-ICE2 and
 * MS-TURNBWM for Microsoft's; the vendor ranges others use are those their
 * clients are seen to send on real calls.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "evidence_logic.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "stun_reader.h"

/* A STUN message type that WhatsApp's calls use and no RFC defines. */
#define WHATSAPP_STUN_TYPE 0x0800

typedef struct {
    uint16_t lo, hi;
    uc_stack_t stack;
    const char *name; /* NULL where the vendor never published one */
} attr_mark_t;

static const attr_mark_t attr_marks[] = {
    { 0x8008, 0x8008, UC_STACK_MICROSOFT, "MS-VERSION" },
    { 0x8039, 0x8039, UC_STACK_MICROSOFT, "MS-SECURE-TAG" },
    { 0x8050, 0x8050, UC_STACK_MICROSOFT, "MS-SEQUENCE-NUMBER" },
    { 0x8054, 0x8054, UC_STACK_MICROSOFT, "MS-CANDIDATE-IDENTIFIER" },
    { 0x8055, 0x8055, UC_STACK_MICROSOFT, "MS-SERVICE-QUALITY" },
    /* MS-TURNBWM's bandwidth management: 0x8056-0x8062 and 0x8068 */
    { 0x8056, 0x8062, UC_STACK_MICROSOFT, "MS-TURNBWM" },
    { 0x8068, 0x8068, UC_STACK_MICROSOFT, "MS-TURNBWM LOCATION-PROFILE" },
    { 0x8070, 0x8070, UC_STACK_MICROSOFT, "MS-IMPLEMENTATION-VERSION" },
    { 0x8090, 0x8090, UC_STACK_MICROSOFT, "MS-ALT-MAPPED-ADDRESS" },
    { 0x8095, 0x8095, UC_STACK_MICROSOFT, "MS-MULTIPLEXED-TURN-SESSION-ID" },
    /* libwebrtc's GOOG-* attributes, 0xC057-0xC060, and 0xFF03 */
    { 0xC057, 0xC057, UC_STACK_GOOGLE, "GOOG-NETWORK-INFO" },
    { 0xC058, 0xC060, UC_STACK_GOOGLE, "GOOG-*" },
    { 0xFF03, 0xFF03, UC_STACK_GOOGLE, "GOOG (0xFF03)" },
    { 0x4000, 0x4002, UC_STACK_WHATSAPP, NULL },
    { 0xC000, 0xC002, UC_STACK_CISCO, NULL },
};

static const attr_mark_t *
mark_of(uint16_t attr)
{
    size_t i;

    for (i = 0; i < sizeof attr_marks / sizeof attr_marks[0]; i++)
        if (attr >= attr_marks[i].lo && attr <= attr_marks[i].hi)
            return &attr_marks[i];
    return NULL;
}

const char *
uc_stun_attr_name(uint16_t attr)
{
    const attr_mark_t *m = mark_of(attr);

    return m ? m->name : NULL;
}

uc_stack_t
uc_stun_attr_stack(uint16_t attr)
{
    const attr_mark_t *m = mark_of(attr);

    if (attr == 0)
        return UC_STACK_WHATSAPP;
    return m ? m->stack : UC_STACK_NONE;
}

const char *
uc_stack_name(uc_stack_t s)
{
    switch (s) {
    case UC_STACK_MICROSOFT: return "Microsoft (MS-ICE/MS-TURN)";
    case UC_STACK_GOOGLE:    return "Google's libwebrtc (a browser, Meet, Signal, Messenger)";
    case UC_STACK_WHATSAPP:  return "WhatsApp";
    case UC_STACK_CISCO:     return "Cisco Webex";
    default:                 return "none";
    }
}

uc_stun_marks_t
uc_stun_marks(const uint8_t *p, size_t avail)
{
    uc_stun_marks_t out = { UC_STACK_NONE, 0 };
    stun_walk_t w;
    uint16_t type, alen;
    size_t value;

    if (!p || avail < STUN_HEADER)
        return out;
    if (be16(p) == WHATSAPP_STUN_TYPE) {
        out.stack = UC_STACK_WHATSAPP;
        out.attr = 0;
    }
    stun_walk_init(&w, p, avail);
    while (stun_walk_next(&w, p, &type, &alen, &value)) {
        const attr_mark_t *m = mark_of(type);
        if (m && (out.stack == UC_STACK_NONE || (m->stack == UC_STACK_MICROSOFT && out.stack != UC_STACK_MICROSOFT))) {
            out.stack = m->stack;
            out.attr = type;
        }
    }
    return out;
}

/* ---- Networks ---- */

static size_t
af_len(int af)
{
    return af == 4 ? 4 : 16;
}

static void
clear_host_bits(uc_net_t *n)
{
    size_t i, len = af_len(n->af);

    for (i = 0; i < len; i++) {
        unsigned keep = n->bits > i * 8 ? n->bits - (unsigned)i * 8 : 0;
        if (keep < 8)
            n->addr[i] &= (uint8_t)(0xffu << (8 - keep));
    }
}

bool
uc_net_parse(const char *text, uc_net_t *out)
{
    char buf[64];
    const char *slash;
    size_t alen;
    long bits;

    if (!text)
        return false;
    while (*text == ' ')
        text++;
    slash = strchr(text, '/');
    alen = slash ? (size_t)(slash - text) : strlen(text);
    while (alen > 0 && text[alen - 1] == ' ')
        alen--;
    if (alen == 0 || alen >= sizeof buf)
        return false;
    memcpy(buf, text, alen);
    buf[alen] = '\0';
    memset(out, 0, sizeof *out);
    if (inet_pton(AF_INET, buf, out->addr) == 1)
        out->af = 4;
    else if (inet_pton(AF_INET6, buf, out->addr) == 1)
        out->af = 6;
    else
        return false;
    bits = (long)af_len(out->af) * 8;
    if (slash) {
        char *endp;
        bits = strtol(slash + 1, &endp, 10);
        while (*endp == ' ')
            endp++;
        if (endp == slash + 1 || *endp != '\0' || bits < 0 || bits > (long)af_len(out->af) * 8)
            return false;
    }
    out->bits = (uint8_t)bits;
    clear_host_bits(out);
    return true;
}

bool
uc_net_contains(const uc_net_t *n, int af, const uint8_t *addr)
{
    unsigned full, rest;

    if (n->af != af || !addr)
        return false;
    full = n->bits / 8u;
    rest = n->bits % 8u;
    if (memcmp(n->addr, addr, full) != 0)
        return false;
    return rest == 0 || ((n->addr[full] ^ addr[full]) & (uint8_t)(0xffu << (8 - rest))) == 0;
}

size_t
uc_net_text(const uc_net_t *n, char *out, size_t outsz)
{
    char a[INET6_ADDRSTRLEN];
    int w;

    if (outsz == 0)
        return 0;
    if (!inet_ntop(n->af == 4 ? AF_INET : AF_INET6, n->addr, a, sizeof a)) {
        out[0] = '\0';
        return 0;
    }
    w = snprintf(out, outsz, "%s/%u", a, n->bits);
    return w < 0 ? 0 : (size_t)w < outsz ? (size_t)w : outsz - 1;
}

/* Microsoft 365's "Teams media" endpoints (UDP 3478-3481 towards them):
 * the transport relays and media processors a Teams client reaches. */
static const uc_net_t ms_media_nets[] = {
    { 4, 18, { 13, 107, 64, 0 } },
    { 4, 14, { 52, 112, 0, 0 } },
    { 4, 15, { 52, 122, 0, 0 } },
    { 6, 38, { 0x26, 0x03, 0x10, 0x63 } },
};

const uc_net_t *
uc_ms_media_net(int af, const uint8_t *addr)
{
    size_t i;

    for (i = 0; i < sizeof ms_media_nets / sizeof ms_media_nets[0]; i++)
        if (uc_net_contains(&ms_media_nets[i], af, addr))
            return &ms_media_nets[i];
    return NULL;
}

/* ---- Verdicts ---- */

bool
uc_evidence_is_microsoft(uc_evidence_t e)
{
    return e >= UC_EV_STUN_FLOW && e <= UC_EV_PHONE;
}

bool
uc_evidence_is_other(uc_evidence_t e)
{
    return e == UC_EV_OTHER_FLOW || e == UC_EV_OTHER_ENDPOINT;
}

static int
rank(uc_evidence_t e)
{
    switch (e) {
    case UC_EV_STUN_FLOW:       return 7;
    case UC_EV_OTHER_FLOW:      return 6;
    case UC_EV_STUN_ENDPOINT:   return 5;
    case UC_EV_OTHER_ENDPOINT:  return 4;
    case UC_EV_MS_RANGE:        return 3;
    case UC_EV_USER_NET:        return 2;
    case UC_EV_PHONE:           return 1;
    default:                    return 0;
    }
}

uc_evidence_t
uc_evidence_stronger(uc_evidence_t a, uc_evidence_t b)
{
    return rank(b) > rank(a) ? b : a;
}

static bool
on_the_flow(uc_evidence_t e)
{
    return e == UC_EV_STUN_FLOW || e == UC_EV_OTHER_FLOW;
}

bool
uc_evidence_overrules(uc_evidence_t current, uc_evidence_t next)
{
    return on_the_flow(next) && !on_the_flow(current) && current != UC_EV_NONE && next != current;
}

/* ---- RTP payload types ---- */

uc_stream_modality_t
uc_rtp_pt_modality(uint8_t pt, const char **name)
{
    static const char *const audio[19] = {
        "PCMU", NULL, NULL, "GSM", "G723", "DVI4", "DVI4", "LPC", "PCMA", "G722", "L16", "L16", "QCELP", "CN",
        "MPA", "G728", "DVI4", "DVI4", "G729"
    };

    *name = NULL;
    if (pt < 19 && audio[pt]) {
        *name = audio[pt];
        return UC_STREAM_AUDIO;
    }
    switch (pt) {
    case 25: *name = "CelB"; return UC_STREAM_VIDEO;
    case 26: *name = "JPEG"; return UC_STREAM_VIDEO;
    case 28: *name = "nv"; return UC_STREAM_VIDEO;
    case 31: *name = "H261"; return UC_STREAM_VIDEO;
    case 32: *name = "MPV"; return UC_STREAM_VIDEO;
    case 34: *name = "H263"; return UC_STREAM_VIDEO;
    default: return UC_STREAM_UNKNOWN;
    }
}

void
uc_addr_filter_clear(uc_addr_filter_t *f)
{
    memset(f->w, 0, sizeof f->w);
}
