/* evidence_logic.h
 * Is a media flow Microsoft's? The evidence a capture can give that a flow
 * is Lync, Skype for Business or Teams media, or another application's:
 * the vendor attributes of its STUN messages, Microsoft's published Teams
 * media ranges, networks the user declares, and what the stream itself
 * says of its modality (a static RTP payload type). Ports alone say nothing:
 * the SfB server ranges cover every ephemeral port a desk uses. No epan
 * header, so it is unit-tested alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EVIDENCE_LOGIC_H
#define EVIDENCE_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Whose STUN stack wrote a message, by the comprehension-optional
 * attributes only that stack sends. */
typedef enum {
    UC_STACK_NONE = 0,      /* standard attributes only: could be anyone's */
    UC_STACK_MICROSOFT = 1, /* MS-ICE2 / MS-TURN / MS-TURNBWM */
    UC_STACK_GOOGLE = 2,    /* libwebrtc: Meet, Signal, Messenger, browsers */
    UC_STACK_WHATSAPP = 3,
    UC_STACK_CISCO = 4      /* Webex */
} uc_stack_t;

typedef struct {
    uc_stack_t stack;   /* Microsoft wins when a message carries both */
    uint16_t attr;      /* the first attribute that named the stack */
} uc_stun_marks_t;

/* Walks the attributes of the STUN message at p (avail bytes captured):
 * RFC 5389 (padded) or MS-TURN's unpadded form; stops at the message's own
 * length, the captured bytes, or the first attribute that does not fit. */
uc_stun_marks_t uc_stun_marks(const uint8_t *p, size_t avail);

/* "MS-IMPLEMENTATION-VERSION", "GOOG-NETWORK-INFO"...; NULL if unnamed. */
const char *uc_stun_attr_name(uint16_t attr);
/* Whose stack an attribute names; attr 0 stands for WhatsApp's own message
 * type, which uc_stun_marks reports with attr 0. */
uc_stack_t uc_stun_attr_stack(uint16_t attr);
const char *uc_stack_name(uc_stack_t s);

/* ---- Networks ---- */

typedef struct {
    uint8_t af;         /* 4 or 6 */
    uint8_t bits;       /* prefix length */
    uint8_t addr[16];   /* network address, host bits cleared */
} uc_net_t;

/* "10.1.0.0/16", "2001:db8::/32", or one address ("10.1.1.20"). False when
 * the text is none of these. */
bool uc_net_parse(const char *text, uc_net_t *out);
bool uc_net_contains(const uc_net_t *n, int af, const uint8_t *addr);
/* "52.112.0.0/14" */
size_t uc_net_text(const uc_net_t *n, char *out, size_t outsz);

/* Microsoft's published Teams media ranges: the one holding addr, or NULL. */
const uc_net_t *uc_ms_media_net(int af, const uint8_t *addr);
/* Where that table comes from, for the words that cite it. */
#define UC_MS_MEDIA_SOURCE "Microsoft 365 endpoints, Teams media"

/* ---- What a flow is, and why ---- */

typedef enum {
    UC_EV_NONE = 0,         /* nothing either way (yet) */
    UC_EV_STUN_FLOW = 1,    /* Microsoft STUN attributes on this flow */
    UC_EV_STUN_ENDPOINT = 2,/* ... earlier, from one of its endpoints (the same ICE session) */
    UC_EV_MS_RANGE = 3,     /* the peer is in Microsoft's Teams media ranges */
    UC_EV_USER_NET = 4,     /* an address is in the user's UC networks */
    UC_EV_PHONE = 5,        /* a Lync/SfB phone the bootstrap concern found */
    UC_EV_OTHER_FLOW = 6,   /* another stack's STUN on this flow: not Microsoft */
    UC_EV_OTHER_ENDPOINT = 7/* ... from one of its endpoints */
} uc_evidence_t;

#define UC_EV_COUNT 8

/* True for the kinds that make a flow Microsoft media. */
bool uc_evidence_is_microsoft(uc_evidence_t e);
/* True for the kinds that make it another application's. */
bool uc_evidence_is_other(uc_evidence_t e);
/* Of two kinds found for one flow, the one to believe: STUN on the flow
 * itself first, then from its endpoints (against before for at each level,
 * since a foreign stack's attributes are unmistakable), then the weaker
 * address-based kinds. */
uc_evidence_t uc_evidence_stronger(uc_evidence_t a, uc_evidence_t b);
/* Whether evidence NEXT, found after a flow was settled on CURRENT, takes
 * over: only the flow's own STUN does, over what the flow's addresses or
 * endpoints said (a capture starting mid-call, a declared voice subnet that
 * also holds browsers), and only when it says something else. */
bool uc_evidence_overrules(uc_evidence_t current, uc_evidence_t next);

/* ---- What the stream says of its modality ---- */

typedef enum {
    UC_STREAM_UNKNOWN = 0,
    UC_STREAM_AUDIO = 1,
    UC_STREAM_VIDEO = 2
} uc_stream_modality_t;

/* RFC 3551's static RTP payload types; dynamic ones (96-127) say nothing.
 * *name gets the encoding ("PCMU"), or NULL. */
uc_stream_modality_t uc_rtp_pt_modality(uint8_t pt, const char **name);

/* The endpoints something was learnt about (a STUN sender's address and
 * port, a phone's address with port 0), as one bit per hash of the two: a
 * clear bit says surely nothing is known, a set one maybe. Flows that found no evidence ask again whenever
 * anything is learnt anywhere; most are asked about addresses nothing was
 * learnt about, and a bit answers them without the lookups. 65536 bits (8 KB a
 * filter): a site's thousands of phones leave a few percent of the bits set,
 * where 4096 were more than a third set and most flows asked in vain. */
#define UC_ADDR_FILTER_BITS 65536

typedef struct {
    uint64_t w[UC_ADDR_FILTER_BITS / 64];
} uc_addr_filter_t;

void uc_addr_filter_clear(uc_addr_filter_t *f);

/* An IPv4 address (af 4) is its 4 bytes; of an IPv6 one, the last 4 differ
 * most between hosts. */
static inline unsigned
uc_addr_filter_bit(int af, const uint8_t *addr, uint16_t port)
{
    uint32_t h;

    memcpy(&h, addr + (af == 4 ? 0 : 12), sizeof h);
    h = (h ^ (uint32_t)port * 0x85ebca6bu) * 0x9e3779b1u;
    return (h ^ (h >> 16)) * 0x9e3779b1u >> 16; /* 16 bits: UC_ADDR_FILTER_BITS */
}

static inline void
uc_addr_filter_add(uc_addr_filter_t *f, int af, const uint8_t *addr, uint16_t port)
{
    unsigned b = uc_addr_filter_bit(af, addr, port);

    f->w[b / 64] |= (uint64_t)1 << (b % 64);
}

static inline bool
uc_addr_filter_may_hold(const uc_addr_filter_t *f, int af, const uint8_t *addr, uint16_t port)
{
    unsigned b = uc_addr_filter_bit(af, addr, port);

    return (f->w[b / 64] >> (b % 64)) & 1;
}

#endif /* EVIDENCE_LOGIC_H */
