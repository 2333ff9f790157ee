/* dhcp_txn.c
 * DHCPINFORM transactions; see dhcp_txn.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "dhcp_txn.h"

#include <stdio.h>
#include <string.h>

#include "frame_order.h"
#include "ns_time.h"

_Static_assert(offsetof(dhcp_kept_t, frame) == 0, "frame_order_first reads each sighting's frame first");
_Static_assert(sizeof(dhcp_kept_t) == 40, "a kept sighting packs into 40 bytes");
_Static_assert(DHCP_F_MULTI_SERVER <= 0xff, "a kept sighting's findings fit a byte");
_Static_assert(DHCP_TXN_MAX_SIGHTINGS <= 0xff, "n, cap and a kept sighting's attempt are bytes");
_Static_assert(DHCP_MISSING_43 + DHCP_MISSING_120 <= 3, "missing is two bits");

static int64_t
kept_t_ns(const dhcp_kept_t *k)
{
    return (int64_t)((uint64_t)k->t_hi << 32 | k->t_lo);
}

static uint32_t
kept_server(const dhcp_kept_t *k)
{
    return k->is_ack ? k->server_prev : 0;
}

#define IPV4_BROADCAST 0xffffffffu

/* Sub-option 1 = MS-UC-Client, or a web server named (sub-option 3): what a
 * phone needs to build its URL. */
static bool
carries_uc_suboptions(const uint8_t *v, size_t n)
{
    msuc_uc_t uc;

    if (msuc_payload_identifies(v, n))
        return true;
    msuc_uc_read(v, n, &uc);
    return uc.whole[MSUC_SUB_WEB_SERVER_FQDN] && uc.len[MSUC_SUB_WEB_SERVER_FQDN] > 0;
}

bool
dhcp_msg_of_payload(const uint8_t *frame, size_t ip_off, const frame_l4_t *l4, const dhcp_view_t *known,
                    dhcp_msg_t *out)
{
    const uint8_t *ip = frame + ip_off;
    const uint8_t *udp = frame + l4->hdr_offset;
    dhcp_view_t read;

    /* dhcp_msg_read clears *out itself; only a refusal clears it here. */
    if (l4->proto != FRAME_PROTO_UDP || !dhcp_is_port(be16(udp)) || !dhcp_is_port(be16(udp + 2)) ||
        (!known && !dhcp_view_at(frame, l4->offset, l4->offset + l4->avail, &read))) {
        memset(out, 0, sizeof *out);
        return false;
    }
    if (!known)
        known = &read;
    dhcp_msg_read(frame, known, out);
    out->ttl = ip[8];
    out->ip_src = be32(ip + 12);
    out->ip_dst = be32(ip + 16);
    out->sport = be16(udp);
    out->dport = be16(udp + 2);
    out->has_uc_43 = out->opt43.kind == TLV_COMPLETE &&
                     carries_uc_suboptions(frame + out->opt43.value_offset, out->opt43.value_len);
    return true;
}

bool
dhcp_msg_parse(const uint8_t *frame, size_t len, size_t ip_off, dhcp_msg_t *out)
{
    frame_l4_t l4;

    memset(out, 0, sizeof *out);
    if (!frame || ip_off > len || len - ip_off < 20 || (frame[ip_off] >> 4) != 4 ||
        !frame_l4_payload(frame, len, ip_off, 4, &l4))
        return false;
    return dhcp_msg_of_payload(frame, ip_off, &l4, NULL, out);
}

bool
dhcp_ttl_is_initial(uint8_t ttl)
{
    return ttl == 32 || ttl == 64 || ttl == 128 || ttl == 255;
}

void
dhcp_txn_init(dhcp_txn_t *t)
{
    memset(t, 0, sizeof *t);
    t->cap = DHCP_TXN_INLINE_SIGHTINGS;
}

void
dhcp_txn_release(dhcp_txn_t *t, void (*free_fn)(void *))
{
    if (t->cap > DHCP_TXN_INLINE_SIGHTINGS)
        free_fn(t->s.grown);
    free_fn(t->more);
    t->more = NULL;
    if (t->owns_strings) {
        free_fn((void *)t->vendor_class);
        free_fn((void *)t->asked);
    }
    t->n = 0;
    t->cap = DHCP_TXN_INLINE_SIGHTINGS;
    t->vendor_class = t->asked = NULL;
}

static dhcp_kept_t *
kept_of(dhcp_txn_t *t)
{
    return t->cap > DHCP_TXN_INLINE_SIGHTINGS ? t->s.grown : t->s.in;
}

/* The transaction's rarely needed part, zeroed when new; NULL when memory
 * is refused. */
static dhcp_txn_more_t *
more_of(dhcp_txn_t *t, dhcp_grow_fn grow, void *ctx)
{
    if (!t->more && grow && (t->more = (dhcp_txn_more_t *)grow(ctx, NULL, sizeof *t->more)) != NULL)
        memset(t->more, 0, sizeof *t->more);
    return t->more;
}

static unsigned kept_index(const dhcp_txn_t *t, uint32_t frame);

/* When the current attempt's INFORM on leg l was first seen: its sighting's
 * time, else (not kept) the one remembered apart. */
static int64_t
leg_t_ns(const dhcp_txn_t *t, int l)
{
    unsigned i = kept_index(t, t->leg_frame[l]);

    if (i < t->n)
        return kept_t_ns(&dhcp_txn_kept(t)[i]);
    return t->more ? t->more->leg_t_ns[l] : UCD_NS_NONE;
}

/* The same packet seen at another capture point: same leg, same attempt,
 * within the copy window. */
static uint32_t
find_copy(const dhcp_txn_t *t, const dhcp_sighting_t *s)
{
    const dhcp_kept_t *kept = dhcp_txn_kept(t);
    unsigned i;

    for (i = t->n; i-- > 0;) {
        const dhcp_kept_t *o = &kept[i];
        if (o->attempt != s->attempt)
            break;
        if (o->is_ack == (s->kind == DHCP_KIND_ACK) && o->src == s->src && o->dst == s->dst &&
            o->giaddr == s->giaddr && kept_server(o) == s->server &&
            ucd_ns_within(s->t_ns, kept_t_ns(o), DHCP_COPY_WINDOW_NS))
            return o->copy_of ? o->copy_of : o->frame;
    }
    return 0;
}

static dhcp_path_t
ack_path(const dhcp_txn_t *t, const dhcp_msg_t *m)
{
    uint32_t ciaddr = m->view.ciaddr ? m->view.ciaddr : t->ciaddr;
    uint32_t relay = m->view.giaddr ? m->view.giaddr : t->relay;

    if (m->dport == DHCP_SERVER_PORT)
        return DHCP_PATH_VIA_RELAY;
    if (m->ip_dst == IPV4_BROADCAST)
        return DHCP_PATH_BROADCAST;
    if (m->ip_dst == 0)
        return DHCP_PATH_TO_ZERO;
    if (ciaddr && m->ip_dst == ciaddr) {
        if (m->server_id && m->ip_src == m->server_id)
            return DHCP_PATH_DIRECT;
        return relay && m->ip_src == relay ? DHCP_PATH_RELAY_TO_CLIENT : DHCP_PATH_DIRECT;
    }
    return DHCP_PATH_ELSEWHERE;
}

/* Room for one more sighting: the inline ones, then an array of its own
 * grown by doubling. */
static dhcp_kept_t *
next_kept(dhcp_txn_t *t, dhcp_grow_fn grow, void *ctx)
{
    if (t->n == t->cap) {
        bool inline_now = t->cap <= DHCP_TXN_INLINE_SIGHTINGS;
        unsigned cap = t->cap * 2u;
        dhcp_kept_t *p;
        if (cap > DHCP_TXN_MAX_SIGHTINGS)
            cap = DHCP_TXN_MAX_SIGHTINGS;
        if (cap == t->cap || !grow || !(p = grow(ctx, inline_now ? NULL : t->s.grown, cap * sizeof *p)))
            return NULL;
        /* The union's inline sightings make way for the pointer. */
        if (inline_now)
            memcpy(p, t->s.in, t->n * sizeof *p);
        t->s.grown = p;
        t->cap = (uint8_t)cap;
    }
    return &kept_of(t)[t->n++];
}

static void
remember(dhcp_txn_t *t, const dhcp_sighting_t *s, dhcp_grow_fn grow, void *ctx)
{
    dhcp_kept_t *k = next_kept(t, grow, ctx);

    if (!k) {
        int l;
        if (!more_of(t, grow, ctx))
            return;
        t->more->unrecorded++;
        /* A leg it started: its time is needed while the attempt lasts. */
        for (l = 0; l < 2; l++)
            if (s->kind == DHCP_KIND_INFORM && t->leg_frame[l] == s->frame)
                t->more->leg_t_ns[l] = s->t_ns;
        return;
    }
    k->frame = s->frame;
    k->src = s->src;
    k->dst = s->dst;
    k->giaddr = s->giaddr;
    k->server_prev = s->kind == DHCP_KIND_ACK ? s->server : s->prev;
    k->copy_of = s->copy_of;
    k->peer = s->peer;
    k->t_lo = (uint32_t)s->t_ns;
    k->t_hi = (uint32_t)((uint64_t)s->t_ns >> 32);
    k->attempt = (uint8_t)s->attempt;
    k->findings = (uint8_t)s->findings;
    k->ttl = s->ttl;
    k->is_ack = s->kind == DHCP_KIND_ACK;
    k->path = s->path & 7u;
    k->certainty = s->certainty & 3u;
    k->missing = s->missing & 3u;
}

/* The transaction's copy of bytes the client sent: the shared one, else
 * its own. NULL when memory is refused (the bytes are then not kept). A
 * transaction keeps strings one way throughout, chosen on its first. */
static const uint8_t *
keep_bytes(dhcp_txn_t *t, const uint8_t *b, size_t n, dhcp_grow_fn grow, dhcp_intern_fn intern, void *ctx)
{
    uint8_t *copy;

    if (!t->vendor_class && !t->asked)
        t->owns_strings = intern == NULL;
    if (!t->owns_strings)
        return intern ? (const uint8_t *)intern(ctx, b, n) : NULL;
    if (!grow || !(copy = (uint8_t *)grow(ctx, NULL, n)))
        return NULL;
    memcpy(copy, b, n);
    return copy;
}

static void
observe_inform(dhcp_txn_t *t, const dhcp_msg_t *m, dhcp_grow_fn grow, dhcp_intern_fn intern, void *ctx,
               dhcp_sighting_t *s)
{
    int leg = m->view.giaddr ? 1 : 0;

    if (m->view.ciaddr)
        t->ciaddr = m->view.ciaddr;
    if (!t->vendor_class_len && m->vendor_class_len &&
        (t->vendor_class = keep_bytes(t, m->vendor_class, m->vendor_class_len, grow, intern, ctx)) != NULL)
        t->vendor_class_len = m->vendor_class_len;
    t->asks_43 |= m->asks_43;
    t->asks_120 |= m->asks_120;
    if (!t->n_asked && m->n_asked && (t->asked = keep_bytes(t, m->asked, m->n_asked, grow, intern, ctx)) != NULL)
        t->n_asked = m->n_asked;
    if (m->view.giaddr) {
        t->relayed_seen = true;
        if (!t->relay)
            t->relay = m->view.giaddr;
        if (!t->relayed_to && m->ip_dst != IPV4_BROADCAST)
            t->relayed_to = m->ip_dst;
    } else if (m->ip_dst == IPV4_BROADCAST) {
        t->broadcast_inform_seen = true;
    }

    if (t->attempts && m->view.secs == t->attempt_secs &&
        ucd_ns_within(s->t_ns, leg_t_ns(t, t->attempt_leg), DHCP_COPY_WINDOW_NS)) {
        s->attempt = t->attempts;
        s->copy_of = find_copy(t, s);
        s->peer = t->attempt_ack;
        if (!t->leg_frame[leg])
            t->leg_frame[leg] = s->frame;
        return;
    }
    if (t->attempts) {
        if (t->attempt_ack) {
            s->findings |= DHCP_F_RETRY_AFTER_ACK;
            s->prev = t->attempt_ack;
        } else {
            s->findings |= DHCP_F_RETRY_NO_ACK;
            s->prev = t->leg_frame[t->attempt_leg];
        }
    }
    t->attempts++;
    s->attempt = t->attempts;
    s->starts_attempt = true;
    t->attempt_leg = leg;
    t->attempt_secs = m->view.secs;
    t->attempt_ack = 0;
    t->leg_frame[0] = t->leg_frame[1] = 0;
    t->leg_frame[leg] = s->frame;
}

static dhcp_certainty_t
bypass_certainty(const dhcp_txn_t *t, const dhcp_msg_t *m)
{
    if (t->relayed_seen)
        return DHCP_CERTAINTY_RELAYED_SEEN;
    if (m->view.giaddr)
        return DHCP_CERTAINTY_ACK_GIADDR;
    /* On the client's segment: a broadcast cannot cross a router except
     * through a relay, so a server whose answer was routed heard it from one. */
    if (t->broadcast_inform_seen && !dhcp_ttl_is_initial(m->ttl))
        return DHCP_CERTAINTY_ROUTED;
    return DHCP_CERTAINTY_NONE;
}

/* A server not heard from before in this transaction: a second server is a
 * note, and each server's first answer is checked for the phone's options. */
static void
check_new_server(dhcp_txn_t *t, const dhcp_msg_t *m, dhcp_grow_fn grow, void *ctx, dhcp_sighting_t *s)
{
    unsigned i;
    bool first_answer = t->acks == 1;

    if (s->server) {
        for (i = 0; i < t->n_servers; i++)
            if (dhcp_txn_server(t, i) == s->server)
                return;
        if (t->n_servers > 0) {
            s->findings |= DHCP_F_MULTI_SERVER;
            s->prev = t->first_server_ack;
        } else {
            t->first_server_ack = s->frame;
        }
        if (t->n_servers == 0) {
            t->first_server = s->server;
            t->n_servers++;
        } else if (t->n_servers < DHCP_TXN_MAX_SERVERS && more_of(t, grow, ctx)) {
            t->more->servers[t->n_servers - 1] = s->server;
            t->n_servers++;
        }
    } else if (!first_answer) {
        return;
    }
    if (vendor_kind_of(t->vendor_class, t->vendor_class_len) != VENDOR_MS_UC_CLIENT)
        return;
    if (t->asks_43 && !m->has_uc_43)
        s->missing |= DHCP_MISSING_43;
    if (t->asks_120 && !m->has_120)
        s->missing |= DHCP_MISSING_120;
    if (s->missing)
        s->findings |= DHCP_F_PROV_MISSING;
}

static void
observe_ack(dhcp_txn_t *t, const dhcp_msg_t *m, int64_t timeout_ns, dhcp_grow_fn grow, void *ctx, dhcp_sighting_t *s)
{
    dhcp_kept_t *kept = kept_of(t);
    int leg;
    unsigned i;

    s->attempt = t->attempts;
    s->path = (uint8_t)ack_path(t, m);
    s->server = m->server_id ? m->server_id :
                (s->path == DHCP_PATH_VIA_RELAY || s->path == DHCP_PATH_DIRECT) ? m->ip_src : 0;
    s->copy_of = find_copy(t, s);
    /* A server copies giaddr into its reply: on the client's segment that is
     * the only sign of the relay. */
    if (!t->relay && m->view.giaddr)
        t->relay = m->view.giaddr;
    /* The leg the server answered: the relayed copy for what the server
     * sends itself, the client's broadcast for what reaches the client. */
    leg = s->path == DHCP_PATH_VIA_RELAY || s->path == DHCP_PATH_DIRECT ? 1 : 0;
    if (!t->leg_frame[leg])
        leg = !leg;
    s->peer = t->leg_frame[leg];
    s->response_ns = ucd_ns_since(s->t_ns, leg_t_ns(t, leg));
    /* An answer timestamped before its question says the capture's clock
     * jumped: no response time is better than a wrong one. */
    if (s->response_ns < 0)
        s->response_ns = UCD_NS_NONE;
    if (s->copy_of)
        return;

    t->acks++;
    /* Lateness is the attempt's: its first answer, on whichever leg. */
    if (!t->attempt_ack && timeout_ns > 0 && s->response_ns > timeout_ns)
        s->findings |= DHCP_F_LATE;
    if (!t->attempt_ack) {
        t->attempt_ack = s->frame;
        /* The attempt's INFORMs learn their ACK, for later passes. */
        for (i = t->n; i-- > 0 && kept[i].attempt == s->attempt;)
            if (!kept[i].is_ack && !kept[i].peer)
                kept[i].peer = s->frame;
    }
    t->paths |= (uint8_t)(1u << s->path);

    if (s->path == DHCP_PATH_DIRECT) {
        s->certainty = (uint8_t)bypass_certainty(t, m);
        if (s->certainty != DHCP_CERTAINTY_NONE)
            s->findings |= DHCP_F_BYPASS;
        if (s->certainty == DHCP_CERTAINTY_ROUTED)
            t->relay_inferred = true;
    }
    if (s->path == DHCP_PATH_VIA_RELAY && !(m->view.flags & DHCP_FLAG_BROADCAST) && m->view.yiaddr == 0)
        s->findings |= DHCP_F_UNDELIVERABLE_NOBCAST;
    if (s->path == DHCP_PATH_TO_ZERO)
        s->findings |= DHCP_F_UNDELIVERABLE_ZERO;
    check_new_server(t, m, grow, ctx, s);
}

bool
dhcp_txn_observe(dhcp_txn_t *t, const dhcp_msg_t *m, uint32_t frame, int64_t t_ns, int64_t timeout_ns,
                 dhcp_grow_fn grow, dhcp_intern_fn intern, void *ctx, dhcp_sighting_t *out)
{
    dhcp_sighting_t s;

    if (m->kind == DHCP_KIND_OTHER || (m->kind == DHCP_KIND_ACK && t->attempts == 0))
        return false;
    memset(&s, 0, sizeof s);
    s.frame = frame;
    s.t_ns = t_ns;
    s.src = m->ip_src;
    s.dst = m->ip_dst;
    s.giaddr = m->view.giaddr;
    s.ttl = m->ttl;
    s.kind = (uint8_t)m->kind;
    if (m->kind == DHCP_KIND_INFORM)
        observe_inform(t, m, grow, intern, ctx, &s);
    else
        observe_ack(t, m, timeout_ns, grow, ctx, &s);
    t->findings |= s.findings;
    remember(t, &s, grow, ctx);
    *out = s;
    return true;
}

bool
dhcp_txn_last_unanswered(const dhcp_txn_t *t)
{
    return t->attempts > 0 && t->attempt_ack == 0;
}

/* The index of the first sighting kept for frame, or t->n. */
static unsigned
kept_index(const dhcp_txn_t *t, uint32_t frame)
{
    const dhcp_kept_t *kept = dhcp_txn_kept(t);
    /* Sightings are recorded in frame order. */
    unsigned lo = frame_order_first(kept, t->n, sizeof *kept, frame);

    return lo < t->n && kept[lo].frame == frame ? lo : t->n;
}

/* The sighting kept at index i as observe gave it, with what only the
 * whole capture tells (DHCP_F_UNANSWERED). */
static void
sighting_of(const dhcp_txn_t *t, unsigned i, dhcp_sighting_t *out)
{
    const dhcp_kept_t *kept = dhcp_txn_kept(t);
    const dhcp_kept_t *k = &kept[i];
    unsigned p;

    memset(out, 0, sizeof *out);
    out->frame = k->frame;
    out->src = k->src;
    out->dst = k->dst;
    out->giaddr = k->giaddr;
    out->copy_of = k->copy_of;
    out->peer = k->peer;
    out->t_ns = kept_t_ns(k);
    out->attempt = k->attempt;
    out->findings = k->findings;
    out->ttl = k->ttl;
    out->kind = k->is_ack ? DHCP_KIND_ACK : DHCP_KIND_INFORM;
    out->path = k->path;
    out->certainty = k->certainty;
    out->missing = k->missing;
    if (k->is_ack) {
        out->server = k->server_prev;
        if (k->findings & DHCP_F_MULTI_SERVER)
            out->prev = t->first_server_ack;
        /* The peer is the leg whose time observe measured from, and came
         * before: kept whenever this ACK is (refused memory aside). */
        p = kept_index(t, k->peer);
        out->response_ns = p < t->n ? ucd_ns_since(out->t_ns, kept_t_ns(&kept[p])) : UCD_NS_NONE;
        if (out->response_ns < 0)
            out->response_ns = UCD_NS_NONE;
        return;
    }
    out->prev = k->server_prev;
    /* Sightings are kept from the first on, so an attempt's first one kept
     * is the INFORM that started it (refused memory aside). */
    out->starts_attempt = i == 0 || kept[i - 1].attempt != k->attempt;
    if (out->starts_attempt && out->attempt == t->attempts && dhcp_txn_last_unanswered(t))
        out->findings |= DHCP_F_UNANSWERED;
}

bool
dhcp_txn_lookup(const dhcp_txn_t *t, uint32_t frame, dhcp_sighting_t *out)
{
    unsigned i = kept_index(t, frame);

    if (i >= t->n)
        return false;
    sighting_of(t, i, out);
    return true;
}

bool
dhcp_txn_last_attempt(const dhcp_txn_t *t, dhcp_sighting_t *out)
{
    const dhcp_kept_t *kept = dhcp_txn_kept(t);
    unsigned i;

    /* The attempt's first sighting kept, if it is this attempt's. */
    for (i = t->n; i-- > 0 && kept[i].attempt == t->attempts;)
        if (i == 0 || kept[i - 1].attempt != kept[i].attempt) {
            sighting_of(t, i, out);
            return !kept[i].is_ack && out->attempt == t->attempts;
        }
    return false;
}

/* ---- Who the client is ---- */

dhcp_client_kind_t
dhcp_txn_client_kind(const dhcp_txn_t *t)
{
    switch (vendor_kind_of(t->vendor_class, t->vendor_class_len)) {
    case VENDOR_MS_UC_CLIENT:
    case VENDOR_CPE_OCPHONE:
        return DHCP_CLIENT_UC_PHONE;
    case VENDOR_MSFT:
        return DHCP_CLIENT_WINDOWS;
    default:
        return t->asks_43 && t->asks_120 ? DHCP_CLIENT_UC_PHONE : DHCP_CLIENT_OTHER;
    }
}

/* Options a PC asks for in an INFORM, the ones whose loss an engineer feels
 * first at the top; anything else is counted, not named. */
static const struct {
    uint8_t code;
    const char *name;
} asked_names[] = {
    { 252, "WPAD" },
    { 121, "classless routes" },
    { 249, "classless routes" },
    { 43,  "vendor options" },
    { 120, "SIP servers" },
    { 6,   "DNS servers" },
    { 15,  "domain name" },
    { 119, "domain search" },
    { 3,   "router" },
    { 33,  "static routes" },
    { 44,  "WINS servers" },
    { 46,  "NetBIOS node type" },
    { 47,  "NetBIOS scope" },
    { 31,  "router discovery" },
    { 42,  "NTP servers" },
    { 1,   "subnet mask" },
};

static bool
asked_for(const dhcp_txn_t *t, uint8_t code)
{
    unsigned i;

    for (i = 0; i < t->n_asked; i++)
        if (t->asked[i] == code)
            return true;
    return false;
}

#define N_ASKED_NAMES (sizeof asked_names / sizeof asked_names[0])

/* The entry after i that shares its name and was asked for, else N_ASKED_NAMES. */
static unsigned
partner_of(const dhcp_txn_t *t, unsigned i)
{
    unsigned j;

    for (j = i + 1; j < N_ASKED_NAMES; j++)
        if (strcmp(asked_names[j].name, asked_names[i].name) == 0 && asked_for(t, asked_names[j].code))
            return j;
    return N_ASKED_NAMES;
}

size_t
dhcp_asked_text(const dhcp_txn_t *t, unsigned most, char *out, size_t outsz)
{
    bool said[256] = { false };
    size_t w = 0;
    unsigned i, named = 0, more = 0;

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    for (i = 0; i < N_ASKED_NAMES && named < most; i++) {
        unsigned j;
        int n;
        if (said[asked_names[i].code] || !asked_for(t, asked_names[i].code))
            continue;
        j = partner_of(t, i);
        n = j < N_ASKED_NAMES ?
            snprintf(out + w, outsz - w, "%s%s (%u, %u)", named ? ", " : "", asked_names[i].name,
                     asked_names[i].code, asked_names[j].code) :
            snprintf(out + w, outsz - w, "%s%s (%u)", named ? ", " : "", asked_names[i].name, asked_names[i].code);
        if (n < 0 || (size_t)n >= outsz - w) {
            out[w] = '\0';
            break;
        }
        w += (size_t)n;
        said[asked_names[i].code] = true;
        if (j < N_ASKED_NAMES)
            said[asked_names[j].code] = true;
        named++;
    }
    for (i = 0; i < t->n_asked; i++) {
        uint8_t c = t->asked[i];
        if (!said[c] && c != 0 && c != 255) {
            said[c] = true; /* count a code asked twice once */
            more++;
        }
    }
    if (more && w) {
        int n = snprintf(out + w, outsz - w, " and %u more", more);
        if (n > 0 && (size_t)n < outsz - w)
            w += (size_t)n;
        else
            out[w] = '\0';
    }
    return w;
}
