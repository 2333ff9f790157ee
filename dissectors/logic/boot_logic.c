/* boot_logic.c
 * A phone's bootstrap timeline, fed by the header readers of
 * dissectors/readers/ (see boot_logic.h): the phone, what DHCP told it, its
 * lookups and its time. Its connections are in boot_tcp.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "boot_logic.h"
#include "boot_internal.h"

#include <stdio.h>
#include <string.h>

#include "dhcp_txn.h"
#include "lower.h"
#include "ns_time.h"
#include "msuc_logic.h"

/* ---- What DHCP told the phone ---- */

static bool
read_url_43(const uint8_t *v, size_t n, boot_url_t *out)
{
    msuc_uc_t uc;
    uint32_t port = 0;
    int code;

    memset(out, 0, sizeof *out);
    if (!v || !msuc_payload_identifies(v, n))
        return false;
    msuc_uc_read(v, n, &uc);
    if (uc.cut)
        out->defect = BOOT_URL_CUT;
    /* String-typed values end in NUL; the URL shown does not, the phone's
     * does. */
    for (code = MSUC_SUB_UC_IDENTIFIER; code < MSUC_SUB_COUNT; code++) {
        while (uc.len[code] && uc.val[code][uc.len[code] - 1] == 0) {
            uc.len[code]--;
            if (out->defect == BOOT_URL_WHOLE)
                out->defect = BOOT_URL_NUL;
        }
    }
    if (!uc.val[MSUC_SUB_WEB_SERVER_FQDN] || !uc.len[MSUC_SUB_WEB_SERVER_FQDN])
        return false;
    copy_lower(out->host, sizeof out->host, uc.val[MSUC_SUB_WEB_SERVER_FQDN], uc.len[MSUC_SUB_WEB_SERVER_FQDN]);
    out->port = MSUC_STD_PORT;
    if (uc.val[MSUC_SUB_WEB_SERVER_PORT] &&
        msuc_port_check(uc.val[MSUC_SUB_WEB_SERVER_PORT], uc.len[MSUC_SUB_WEB_SERVER_PORT], &port) == PORT_OK)
        out->port = (uint16_t)port;
    msuc_build_url(out->url, sizeof out->url, uc.val[MSUC_SUB_URL_SCHEME], uc.len[MSUC_SUB_URL_SCHEME],
                   uc.val[MSUC_SUB_WEB_SERVER_FQDN], uc.len[MSUC_SUB_WEB_SERVER_FQDN],
                   uc.val[MSUC_SUB_WEB_SERVER_PORT], uc.len[MSUC_SUB_WEB_SERVER_PORT],
                   uc.val[MSUC_SUB_CERT_PROV_PATH], uc.len[MSUC_SUB_CERT_PROV_PATH]);
    out->complete = uc.val[MSUC_SUB_URL_SCHEME] && uc.len[MSUC_SUB_URL_SCHEME] && uc.len[MSUC_SUB_CERT_PROV_PATH];
    return true;
}

/* The option 43 read last and what it said: a site's server sends every
 * phone the same bytes, so a capture's ACKs are mostly read once. Kept by
 * its whole bytes, it cannot answer for other bytes. */
static struct { uint8_t bytes[255]; size_t len; bool ok; boot_url_t url; } last_43; /* len 0: none kept */

const boot_url_t *
boot_url_from_43(const uint8_t *v, size_t n)
{
    if (!v || !n || n != last_43.len || memcmp(v, last_43.bytes, n) != 0) {
        last_43.ok = read_url_43(v, n, &last_43.url);
        last_43.len = v && n <= sizeof last_43.bytes ? n : 0;
        if (last_43.len)
            memcpy(last_43.bytes, v, n);
    }
    return last_43.ok ? &last_43.url : NULL;
}

bool
boot_registrar_from_120(const uint8_t *v, size_t n, char *out, size_t outsz)
{
    size_t pos = 1;

    /* Encoding 0: RFC 1035 names, without compression (opt120_check calls a
     * pointer malformed). */
    return v && n >= 2 && v[0] == 0 && outsz > 0 && dns_name(v, n, &pos, out, outsz, 0) && out[0];
}

/* ---- The timeline ---- */

void
boot_phone_init(boot_phone_t *ph, uint32_t first_frame)
{
    memset(ph, 0, sizeof *ph);
    ph->first_frame = first_frame;
    ph->cap_ev = BOOT_INLINE_EVENTS;
}

void
boot_phone_release(boot_phone_t *ph, void (*free_fn)(void *))
{
    if (ph->cap_ev > BOOT_INLINE_EVENTS)
        free_fn(ph->ev.grown);
    if (!ph->strings_shared) {
        free_fn((void *)ph->url);
        free_fn((void *)ph->registrar);
    }
    if (ph->net) {
        free_fn(ph->net->names);
        free_fn(ph->net->conns);
    }
    free_fn(ph->net);
    ph->n_ev = 0;
    ph->cap_ev = BOOT_INLINE_EVENTS;
    ph->url = NULL;
    ph->registrar = NULL;
    ph->net = NULL;
}

bool
boot_room(const boot_env_t *env, void **arr, uint8_t *cap, uint8_t n, uint8_t max, size_t elem)
{
    uint8_t grown;
    void *p;

    if (n < *cap)
        return true;
    if (n >= max || !env->grow)
        return false;
    grown = *cap ? (uint8_t)(*cap * 2 < max ? *cap * 2 : max) : 2;
    if (!(p = env->grow(env->ctx, *arr, grown * elem)))
        return false;
    memset((char *)p + *cap * elem, 0, (size_t)(grown - *cap) * elem);
    *arr = p;
    *cap = grown;
    return true;
}

/* Interning wants the same bytes for the same URL: the strings first, then
 * the record that points at them, its padding zeroed. */
static const boot_phone_url_t *
shared_url(const boot_env_t *env, const char *url, const char *host, uint16_t port, bool complete, uint8_t defect)
{
    boot_phone_url_t u;

    memset(&u, 0, sizeof u);
    if (!(u.url = (const char *)env->intern(env->ctx, url, strlen(url) + 1)) ||
        !(u.host = (const char *)env->intern(env->ctx, host, strlen(host) + 1)))
        return NULL;
    u.port = port;
    u.complete = complete;
    u.defect = defect;
    return (const boot_phone_url_t *)env->intern(env->ctx, &u, sizeof u);
}

/* A phone's own copy: the strings in one block of their length. */
static const boot_phone_url_t *
own_url(const boot_env_t *env, boot_phone_url_t *old, const char *url, const char *host, uint16_t port,
        bool complete, uint8_t defect)
{
    size_t nu = strlen(url) + 1, nh = strlen(host) + 1;
    boot_phone_url_t *u;
    char *text;

    if (!env->grow || !(u = (boot_phone_url_t *)env->grow(env->ctx, old, sizeof *u + nu + nh)))
        return NULL;
    text = (char *)(u + 1);
    memcpy(text, url, nu);
    memcpy(text + nu, host, nh);
    u->url = text;
    u->host = text + nu;
    u->port = port;
    u->complete = complete;
    u->defect = defect;
    return u;
}

/* A phone that was told nothing yet takes the env's way of keeping strings
 * (shared or its own) for good. */
static bool
shares_strings(boot_phone_t *ph, const boot_env_t *env)
{
    if (!ph->url && !ph->registrar)
        ph->strings_shared = env->intern != NULL;
    return ph->strings_shared && env->intern;
}

void
boot_phone_set_url(boot_phone_t *ph, const boot_env_t *env, const char *url, const char *host, uint16_t port,
                   bool complete, uint8_t defect)
{
    const boot_phone_url_t *u = ph->url;

    /* A phone is told its URL by every ACK: the same URL again costs
     * nothing, another one takes the place of the old (memory grows with
     * phones, never with the packets that repeat what they know). */
    if (u && u->port == port && u->complete == complete && u->defect == defect && strcmp(u->url, url) == 0 &&
        strcmp(u->host, host) == 0)
        return;
    if (shares_strings(ph, env))
        u = shared_url(env, url, host, port, complete, defect);
    else if (!ph->strings_shared)
        u = own_url(env, (boot_phone_url_t *)ph->url, url, host, port, complete, defect);
    else
        u = NULL;
    if (u)
        ph->url = u;
}

void
boot_phone_set_registrar(boot_phone_t *ph, const boot_env_t *env, const char *name)
{
    size_t n = strlen(name) + 1;
    char *copy;

    if (ph->registrar && strcmp(ph->registrar, name) == 0)
        return;
    if (shares_strings(ph, env)) {
        const char *shared = (const char *)env->intern(env->ctx, name, n);
        if (shared)
            ph->registrar = shared;
    } else if (!ph->strings_shared && env->grow && (copy = (char *)env->grow(env->ctx, (void *)ph->registrar, n))) {
        memcpy(copy, name, n);
        ph->registrar = copy;
    }
}

boot_phone_net_t *
boot_phone_net(boot_phone_t *ph, const boot_env_t *env)
{
    if (!ph->net && env->grow && (ph->net = (boot_phone_net_t *)env->grow(env->ctx, NULL, sizeof *ph->net)))
        memset(ph->net, 0, sizeof *ph->net);
    return ph->net;
}

boot_event_t
boot_new_event(uint8_t kind, uint8_t step, uint32_t frame)
{
    boot_event_t e;

    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.step = step;
    e.frame = frame;
    e.name = BOOT_NO_NAME;
    e.conn = BOOT_NO_CONN;
    return e;
}

/* Moves a step on. A step once reached stays reached; a failure does not
 * overwrite it (a retry that works is what counts). A step still under way
 * names its latest try: where the phone was last seen waiting. */
void
boot_set_step(boot_phone_t *ph, uint8_t step, uint8_t state, uint32_t frame)
{
    uint8_t *s = &ph->state[step];

    if (*s == BOOT_ST_STARTED && state == BOOT_ST_STARTED)
        ph->step_frame[step] = frame;
    /* A step done at no frame of its own (a lease an INFORM shows in use)
     * takes the frame of the first packet that does it. */
    if (*s == BOOT_ST_OK && state == BOOT_ST_OK && !ph->step_frame[step])
        ph->step_frame[step] = frame;
    if (*s == BOOT_ST_OK || *s == state)
        return;
    if (state == BOOT_ST_STARTED && *s == BOOT_ST_FAILED)
        return;
    *s = state;
    ph->step_frame[step] = frame;
}

/* A finding once per phone; the first that stops the phone names where it
 * stopped. A skewed clock or another host does not stop it by itself: the
 * phone goes on, and what it meets later says whether that mattered. */
void
boot_raise_finding(boot_phone_t *ph, boot_event_t *e, uint16_t finding)
{
    if (ph->findings & finding)
        return;
    ph->findings |= finding;
    e->finding |= finding;
    if (finding != BOOT_F_CLOCK_SKEW && finding != BOOT_F_URL_MISMATCH && !ph->stop_step) {
        ph->stop_step = e->step;
        ph->stop_frame = e->frame;
    }
}

boot_event_t
boot_finish(boot_phone_t *ph, const boot_env_t *env, boot_event_t e)
{
    boot_event_t *grown;

    if (e.kind == BOOT_EV_NONE)
        return e;
    e.state = ph->state[e.step];
    if (ph->n_ev == ph->cap_ev) {
        bool inline_now = ph->cap_ev <= BOOT_INLINE_EVENTS;
        unsigned cap = ph->cap_ev * 2u;
        if (cap > BOOT_MAX_EVENTS)
            cap = BOOT_MAX_EVENTS;
        if (cap == ph->cap_ev || !env->grow ||
            !(grown = (boot_event_t *)env->grow(env->ctx, inline_now ? NULL : ph->ev.grown, cap * sizeof *grown))) {
            ph->unrecorded = true;
            return e;
        }
        /* The union's inline events make way for the pointer. */
        if (inline_now)
            memcpy(grown, ph->ev.in, ph->n_ev * sizeof *grown);
        ph->ev.grown = grown;
        ph->cap_ev = (uint8_t)cap;
    }
    (ph->cap_ev > BOOT_INLINE_EVENTS ? ph->ev.grown : ph->ev.in)[ph->n_ev++] = e;
    return e;
}

boot_event_t
boot_observe_lldp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, const boot_lldp_t *l)
{
    boot_event_t e = boot_new_event(BOOT_EV_LLDP, BOOT_STEP_VLAN, frame);

    e.value = -1;
    if (l->policy && !l->policy_unknown) {
        ph->vlan = l->vlan;
        ph->vlan_from_lldp = true;
        e.value = (int64_t)l->vlan << 16 | (int64_t)l->priority << 8 | l->dscp;
        boot_set_step(ph, BOOT_STEP_VLAN, BOOT_ST_OK, frame);
    }
    return boot_finish(ph, env, e);
}

static void add_addr(uint32_t *set, uint8_t *n, uint32_t a);

/* A dotted quad, nothing else. */
static bool
parse_ipv4(const char *s, uint32_t *out)
{
    uint32_t a = 0, part;
    int i;

    for (i = 0; i < 4; i++) {
        if (*s < '0' || *s > '9')
            return false;
        for (part = 0; *s >= '0' && *s <= '9'; s++)
            if ((part = part * 10 + (uint32_t)(*s - '0')) > 255)
                return false;
        a = a << 8 | part;
        if (i < 3 && *s++ != '.')
            return false;
    }
    if (*s)
        return false;
    *out = a;
    return true;
}


boot_event_t
boot_observe_dhcp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, const boot_dhcp_t *d)
{
    boot_event_t e = boot_new_event(BOOT_EV_NONE, BOOT_STEP_LEASE, frame);
    const boot_url_t *url;
    char name[BOOT_NAME_MAX];

    (void)t_ns;
    switch (d->type) {
    case DHCP_TYPE_DISCOVER:
    case DHCP_TYPE_REQUEST:
        e.kind = d->type == DHCP_TYPE_DISCOVER ? BOOT_EV_DISCOVER : BOOT_EV_REQUEST;
        boot_set_step(ph, BOOT_STEP_LEASE, BOOT_ST_STARTED, frame);
        break;
    case DHCP_TYPE_OFFER:
        e.kind = BOOT_EV_OFFER;
        break;
    case DHCP_TYPE_NAK:
        e.kind = BOOT_EV_LEASE_NAK;
        boot_set_step(ph, BOOT_STEP_LEASE, BOOT_ST_FAILED, frame);
        break;
    case DHCP_TYPE_INFORM:
        /* An INFORM comes from an address in use: the lease is behind it,
         * but this packet is not the lease (frame 0: none seen). */
        if (d->ciaddr) {
            ph->ip = d->ciaddr;
            boot_set_step(ph, BOOT_STEP_LEASE, BOOT_ST_OK, 0);
        }
        e.kind = BOOT_EV_INFORM;
        e.step = BOOT_STEP_INFORM;
        e.value = d->attempt;
        boot_set_step(ph, BOOT_STEP_INFORM, BOOT_ST_STARTED, frame);
        break;
    case DHCP_TYPE_ACK:
        if (d->yiaddr) {
            e.kind = BOOT_EV_LEASE_ACK;
            e.value = d->yiaddr;
            ph->ip = d->yiaddr;
            boot_set_step(ph, BOOT_STEP_LEASE, BOOT_ST_OK, frame);
            break;
        }
        e.kind = BOOT_EV_INFORM_ACK;
        e.step = BOOT_STEP_INFORM;
        e.ref_frame = d->ref_frame;
        if (d->opt43 && (url = boot_url_from_43(d->opt43, d->opt43_len)) != NULL) {
            uint32_t literal;
            boot_phone_set_url(ph, env, url->url, url->host, url->port, url->complete, url->defect);
            e.value = ph->url != NULL;
            /* A host given as an address needs no lookup. */
            if (ph->url && parse_ipv4(ph->url->host, &literal) && boot_phone_net(ph, env))
                add_addr(ph->net->prov_addr, &ph->net->n_prov_addr, literal);
        }
        if (d->opt120 && boot_registrar_from_120(d->opt120, d->opt120_len, name, sizeof name))
            boot_phone_set_registrar(ph, env, name);
        if (d->cpe_vlan_known && !ph->vlan_from_lldp) {
            ph->vlan = d->cpe_vlan;
            boot_set_step(ph, BOOT_STEP_VLAN, BOOT_ST_OK, frame);
        }
        /* A phone cannot use what it was given: it stops here, whatever
         * it does next. */
        if (ph->url && ph->url->defect != BOOT_URL_WHOLE) {
            boot_set_step(ph, BOOT_STEP_INFORM, BOOT_ST_FAILED, frame);
            boot_raise_finding(ph, &e, BOOT_F_URL_BROKEN);
        } else {
            boot_set_step(ph, BOOT_STEP_INFORM, BOOT_ST_OK, frame);
        }
        break;
    default:
        break;
    }
    return boot_finish(ph, env, e);
}

#define NTP_SRV_PREFIX "_ntp._udp."
#define NTP_FALLBACK_NAME "time.windows.com"

static bool
is_ntp_srv_name(const char *name)
{
    return strncmp(name, NTP_SRV_PREFIX, sizeof NTP_SRV_PREFIX - 1) == 0;
}

boot_ntp_origin_t
boot_ntp_origin(const boot_phone_t *ph, uint32_t server)
{
    if (server == 0 || !ph->net || server != ph->net->ntp_fallback_addr)
        return BOOT_NTP_FROM_UNKNOWN;
    return ph->net->ntp_srv_missing ? BOOT_NTP_FROM_FALLBACK_NO_SRV : BOOT_NTP_FROM_FALLBACK;
}

static const struct {
    const char *prefix;
    boot_role_t role;
} fallback_names[] = {
    { "_sipinternaltls._tcp.", BOOT_ROLE_SIP_SRV },
    { "_sipinternal._tcp.", BOOT_ROLE_SIP_SRV },
    { "_sip._tls.", BOOT_ROLE_SIP_SRV },
    { "sipinternal.", BOOT_ROLE_SIP_SRV },
    { "sipexternal.", BOOT_ROLE_SIP_SRV },
    { "sip.", BOOT_ROLE_SIP_SRV },
    { "lyncdiscoverinternal.", BOOT_ROLE_SIP_SRV },
    { "lyncdiscover.", BOOT_ROLE_SIP_SRV },
    { NTP_SRV_PREFIX, BOOT_ROLE_NTP },
    { NTP_FALLBACK_NAME, BOOT_ROLE_NTP },
};

boot_role_t
boot_fallback_role(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof fallback_names / sizeof fallback_names[0]; i++)
        if (strncmp(name, fallback_names[i].prefix, strlen(fallback_names[i].prefix)) == 0)
            return fallback_names[i].role;
    return BOOT_ROLE_OTHER;
}

static boot_role_t
role_of(const boot_phone_t *ph, const char *name)
{
    if (ph->url && strcmp(name, ph->url->host) == 0)
        return BOOT_ROLE_PROV;
    if (ph->registrar && strcmp(name, ph->registrar) == 0)
        return BOOT_ROLE_REGISTRAR;
    return boot_fallback_role(name);
}

static void
add_addr(uint32_t *set, uint8_t *n, uint32_t a)
{
    uint8_t i;

    for (i = 0; i < *n; i++)
        if (set[i] == a)
            return;
    if (*n < BOOT_MAX_ADDRS)
        set[(*n)++] = a;
}

bool
boot_has_addr(const uint32_t *set, uint8_t n, uint32_t a)
{
    uint8_t i;

    for (i = 0; i < n; i++)
        if (set[i] == a)
            return true;
    return false;
}

/* The tracked name, made on a query (not on an answer nobody asked). */
static int
name_index(boot_phone_t *ph, const boot_env_t *env, const char *name, boot_role_t role, bool create)
{
    uint8_t i;

    for (i = 0; i < ph->n_names; i++)
        if (strcmp(ph->net->names[i].name, name) == 0)
            return i;
    if (!create || ph->n_names >= BOOT_MAX_NAMES)
        return -1;
    if (!boot_phone_net(ph, env) ||
        !boot_room(env, (void **)&ph->net->names, &ph->cap_names, ph->n_names, BOOT_MAX_NAMES, sizeof *ph->net->names))
        return -1;
    memset(&ph->net->names[ph->n_names], 0, sizeof ph->net->names[0]);
    snprintf(ph->net->names[ph->n_names].name, sizeof ph->net->names[0].name, "%s", name);
    ph->net->names[ph->n_names].role = (uint8_t)role;
    return ph->n_names++;
}

static bool
role_blocks(uint8_t role)
{
    return role == BOOT_ROLE_PROV || role == BOOT_ROLE_REGISTRAR;
}

boot_event_t
boot_observe_dns(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, const boot_dns_t *d)
{
    boot_role_t role = role_of(ph, d->qname);
    boot_event_t e = boot_new_event(BOOT_EV_NONE, role == BOOT_ROLE_NTP ? BOOT_STEP_NTP : BOOT_STEP_DNS, frame);
    boot_name_t *n;
    int i;

    if (role == BOOT_ROLE_OTHER || (i = name_index(ph, env, d->qname, role, !d->response)) < 0)
        return e;
    n = &ph->net->names[i];
    /* DHCP may name a host after the phone first looked it up. */
    n->role = (uint8_t)role;
    e.name = (uint8_t)i;
    if (!d->response) {
        e.kind = BOOT_EV_DNS_QUERY;
        e.value = d->qtype;
        if (n->pending && n->last_qtype == d->qtype && ucd_ns_at_least(t_ns, n->last_query_ns, BOOT_RETRY_NS)) {
            e.ref_frame = n->last_query_frame;
            if (role_blocks(role) && n->state != BOOT_ST_OK) {
                boot_set_step(ph, e.step, BOOT_ST_FAILED, frame);
                boot_raise_finding(ph, &e, BOOT_F_DNS_FAILED);
            }
        }
        n->queries++;
        n->pending = true;
        n->last_qtype = d->qtype;
        n->last_query_ns = t_ns;
        n->last_query_frame = frame;
        if (n->state == BOOT_ST_NONE)
            n->state = BOOT_ST_STARTED;
        boot_set_step(ph, e.step, BOOT_ST_STARTED, frame);
        return boot_finish(ph, env, e);
    }
    e.ref_frame = n->last_query_frame;
    if (n->last_qtype == d->qtype)
        n->pending = false;
    if (d->rcode != BOOT_DNS_RCODE_NOERROR || (d->answers == 0 && d->qtype != BOOT_DNS_TYPE_AAAA)) {
        e.kind = BOOT_EV_DNS_ERROR;
        e.value = d->rcode != BOOT_DNS_RCODE_NOERROR ? d->rcode : -1;
        if (n->state != BOOT_ST_OK)
            n->state = BOOT_ST_FAILED;
        if (role_blocks(role) && n->state != BOOT_ST_OK) {
            boot_set_step(ph, e.step, BOOT_ST_FAILED, frame);
            boot_raise_finding(ph, &e, BOOT_F_DNS_FAILED);
        }
        if (role == BOOT_ROLE_NTP && is_ntp_srv_name(d->qname) && boot_phone_net(ph, env))
            ph->net->ntp_srv_missing = true;
        return boot_finish(ph, env, e);
    }
    e.kind = BOOT_EV_DNS_ANSWER;
    e.value = d->qtype == BOOT_DNS_TYPE_SRV ? d->answers : d->n_addr;
    if (d->answers == 0) /* an AAAA with no data: the A answer decides */
        return boot_finish(ph, env, e);
    n->state = BOOT_ST_OK;
    /* Without memory the answer still counts; its addresses are not kept. */
    if (boot_phone_net(ph, env)) {
        if (role == BOOT_ROLE_NTP && is_ntp_srv_name(d->qname))
            ph->net->ntp_srv_missing = false;
        else if (role == BOOT_ROLE_NTP && strcmp(d->qname, NTP_FALLBACK_NAME) == 0 && d->n_addr > 0)
            ph->net->ntp_fallback_addr = d->addr[0];
    }
    for (i = 0; ph->net && i < d->n_addr; i++) {
        if (role == BOOT_ROLE_PROV)
            add_addr(ph->net->prov_addr, &ph->net->n_prov_addr, d->addr[i]);
        else if (role != BOOT_ROLE_NTP)
            add_addr(ph->net->sip_addr, &ph->net->n_sip_addr, d->addr[i]);
    }
    /* Without option 120 the SRV record names the registrar. */
    if (role == BOOT_ROLE_SIP_SRV && d->srv_target[0] && !ph->registrar)
        boot_phone_set_registrar(ph, env, d->srv_target);
    boot_set_step(ph, e.step, role == BOOT_ROLE_NTP ? BOOT_ST_STARTED : BOOT_ST_OK, frame);
    return boot_finish(ph, env, e);
}

boot_event_t
boot_observe_ntp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, bool from_phone,
                 uint32_t server, const boot_ntp_t *n)
{
    boot_event_t e = boot_new_event(BOOT_EV_NONE, BOOT_STEP_NTP, frame);
    boot_ntp_server_t *s = NULL;
    boot_phone_net_t *net = ph->net;
    uint8_t i;
    bool any_answer = false;

    for (i = 0; net && i < net->n_ntp; i++) {
        any_answer |= net->ntp[i].answers > 0;
        if (net->ntp[i].server == server)
            s = &net->ntp[i];
    }
    if (from_phone && n->mode == BOOT_NTP_MODE_CLIENT) {
        if (!s) {
            if (!(net = boot_phone_net(ph, env)) || net->n_ntp >= BOOT_MAX_NTP)
                return e;
            s = &net->ntp[net->n_ntp++];
            memset(s, 0, sizeof *s);
            s->server = server;
        }
        e.kind = BOOT_EV_NTP_REQUEST;
        if (s->requests > s->answers && ucd_ns_at_least(t_ns, s->last_request_ns, BOOT_RETRY_NS)) {
            e.ref_frame = s->last_request_frame;
            if (!any_answer) {
                boot_set_step(ph, BOOT_STEP_NTP, BOOT_ST_FAILED, frame);
                boot_raise_finding(ph, &e, BOOT_F_NTP_UNANSWERED);
            }
        }
        s->requests++;
        s->last_request_ns = t_ns;
        s->last_request_frame = frame;
        e.value = s->requests;
        boot_set_step(ph, BOOT_STEP_NTP, BOOT_ST_STARTED, frame);
        return boot_finish(ph, env, e);
    }
    if (from_phone || n->mode != BOOT_NTP_MODE_SERVER || !s || !n->xmit_set)
        return e;
    s->answers++;
    e.kind = BOOT_EV_NTP_ANSWER;
    e.ref_frame = s->last_request_frame;
    e.value = ucd_ns_since(n->xmit_unix_ns, t_ns);
    boot_set_step(ph, BOOT_STEP_NTP, BOOT_ST_OK, frame);
    if (e.value != UCD_NS_NONE && (e.value > env->skew_limit_ns || e.value < -env->skew_limit_ns))
        boot_raise_finding(ph, &e, BOOT_F_CLOCK_SKEW);
    return boot_finish(ph, env, e);
}

bool
boot_event_lookup(const boot_phone_t *ph, uint32_t frame, boot_event_t *out)
{
    const boot_event_t *ev = boot_phone_events(ph);
    uint16_t lo = 0, hi = ph->n_ev;

    /* Recorded in frame order on the first pass. */
    while (lo < hi) {
        uint16_t mid = (uint16_t)((lo + hi) / 2);
        if (ev[mid].frame < frame)
            lo = (uint16_t)(mid + 1);
        else
            hi = mid;
    }
    if (lo < ph->n_ev && ev[lo].frame == frame) {
        *out = ev[lo];
        return true;
    }
    return false;
}

boot_step_t
boot_furthest(const boot_phone_t *ph)
{
    int s;

    for (s = BOOT_N_STEPS - 1; s > BOOT_STEP_NONE; s--)
        if (ph->state[s] == BOOT_ST_OK)
            return (boot_step_t)s;
    return BOOT_STEP_NONE;
}

static const char *const step_names[BOOT_N_STEPS] = {
    "", "VLAN", "lease", "INFORM", "DNS", "NTP", "provisioning", "SIP/TLS"
};

size_t
boot_steps_text(const boot_phone_t *ph, char *out, size_t outsz)
{
    size_t w = 0;
    int s, n;

    if (outsz == 0)
        return 0;
    out[0] = '\0';
    for (s = BOOT_STEP_VLAN; s < BOOT_N_STEPS; s++) {
        if (ph->state[s] == BOOT_ST_NONE)
            continue;
        if (ph->state[s] == BOOT_ST_OK && !ph->step_frame[s])
            n = snprintf(out + w, outsz - w, "%s%s in use", w ? ", " : "", step_names[s]);
        else
            n = snprintf(out + w, outsz - w, "%s%s%s #%u", w ? ", " : "", step_names[s],
                         ph->state[s] == BOOT_ST_FAILED ? " failed" : ph->state[s] == BOOT_ST_STARTED ? " tried" : "",
                         ph->step_frame[s]);
        if (n < 0 || (size_t)n >= outsz - w) {
            out[w] = '\0';
            break;
        }
        w += (size_t)n;
    }
    return w;
}

