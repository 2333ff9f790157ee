/* boot_logic.c
 * A phone's bootstrap timeline, fed by the header readers of
 * dissectors/readers/ (see boot_logic.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "boot_logic.h"

#include <stdio.h>
#include <string.h>

#include "dhcp_txn.h"
#include "lower.h"
#include "msuc_logic.h"

/* ---- What DHCP told the phone ---- */

enum { SUB_UC_ID = 1, SUB_SCHEME = 2, SUB_FQDN = 3, SUB_PORT = 4, SUB_PATH = 5 };

bool
boot_url_from_43(const uint8_t *v, size_t n, boot_url_t *out)
{
    const uint8_t *val[6] = { 0 };
    size_t vlen[6] = { 0 };
    size_t pos = 0;
    tlv_t t;
    uint32_t port = 0;

    memset(out, 0, sizeof *out);
    if (!v || !msuc_payload_identifies(v, n))
        return false;
    while (tlv_next(v, n, &pos, &t)) {
        if (t.kind == TLV_END)
            break;
        if (t.kind == TLV_TRUNCATED)
            out->defect = BOOT_URL_CUT;
        if ((t.kind == TLV_COMPLETE || t.kind == TLV_TRUNCATED) && t.code >= SUB_UC_ID && t.code <= SUB_PATH &&
            !val[t.code]) {
            val[t.code] = v + t.value_offset;
            vlen[t.code] = t.value_len;
            /* String-typed values end in NUL; the URL shown does not, the
             * phone's does. */
            while (vlen[t.code] && val[t.code][vlen[t.code] - 1] == 0) {
                vlen[t.code]--;
                if (out->defect == BOOT_URL_WHOLE)
                    out->defect = BOOT_URL_NUL;
            }
        }
    }
    if (!val[SUB_FQDN] || !vlen[SUB_FQDN])
        return false;
    copy_lower(out->host, sizeof out->host, val[SUB_FQDN], vlen[SUB_FQDN]);
    out->port = 443;
    if (val[SUB_PORT] && msuc_port_check(val[SUB_PORT], vlen[SUB_PORT], &port) == PORT_OK)
        out->port = (uint16_t)port;
    msuc_build_url(out->url, sizeof out->url, val[SUB_SCHEME], vlen[SUB_SCHEME], val[SUB_FQDN], vlen[SUB_FQDN],
                   val[SUB_PORT], vlen[SUB_PORT], val[SUB_PATH], vlen[SUB_PATH]);
    out->complete = val[SUB_SCHEME] && vlen[SUB_SCHEME] && vlen[SUB_PATH];
    return true;
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
}

void
boot_phone_release(boot_phone_t *ph, void (*free_fn)(void *))
{
    free_fn(ph->ev);
    free_fn(ph->url);
    free_fn(ph->registrar);
    free_fn(ph->names);
    free_fn(ph->conns);
    ph->ev = NULL;
    ph->url = NULL;
    ph->registrar = NULL;
    ph->names = NULL;
    ph->conns = NULL;
}

/* n zeroed bytes of the phone's own, or NULL. */
static void *
zalloc(const boot_env_t *env, size_t n)
{
    void *p = env->grow ? env->grow(env->ctx, NULL, n) : NULL;

    if (p)
        memset(p, 0, n);
    return p;
}

void
boot_phone_set_url(boot_phone_t *ph, const boot_env_t *env, const char *url, const char *host, uint16_t port,
                   bool complete, uint8_t defect)
{
    size_t nu = strlen(url) + 1, nh = strlen(host) + 1;
    boot_phone_url_t *u = ph->url;
    char *text;

    /* A phone is told its URL by every ACK: the same URL again costs
     * nothing, another one takes the place of the old block (memory grows
     * with phones, never with the packets that repeat what they know). */
    if (u && u->port == port && u->complete == complete && u->defect == defect && strcmp(u->url, url) == 0 &&
        strcmp(u->host, host) == 0)
        return;
    if (!env->grow || !(u = (boot_phone_url_t *)env->grow(env->ctx, ph->url, sizeof *u + nu + nh)))
        return;
    text = (char *)(u + 1);
    memcpy(text, url, nu);
    memcpy(text + nu, host, nh);
    u->url = text;
    u->host = text + nu;
    u->port = port;
    u->complete = complete;
    u->defect = defect;
    ph->url = u;
}

void
boot_phone_set_registrar(boot_phone_t *ph, const boot_env_t *env, const char *name)
{
    size_t n = strlen(name) + 1;
    char *copy;

    if (ph->registrar && strcmp(ph->registrar, name) == 0)
        return;
    if (env->grow && (copy = (char *)env->grow(env->ctx, ph->registrar, n))) {
        memcpy(copy, name, n);
        ph->registrar = copy;
    }
}

static boot_event_t
event(uint8_t kind, uint8_t step, uint32_t frame)
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
static void
set_step(boot_phone_t *ph, uint8_t step, uint8_t state, uint32_t frame)
{
    uint8_t *s = &ph->state[step];

    if (*s == BOOT_ST_STARTED && state == BOOT_ST_STARTED)
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
static void
raise_finding(boot_phone_t *ph, boot_event_t *e, uint16_t finding)
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

static boot_event_t
finish(boot_phone_t *ph, const boot_env_t *env, boot_event_t e)
{
    boot_event_t *grown;

    if (e.kind == BOOT_EV_NONE)
        return e;
    e.state = ph->state[e.step];
    if (ph->n_ev == ph->cap_ev) {
        uint16_t cap = ph->cap_ev ? (uint16_t)(ph->cap_ev * 2) : 8;
        if (cap > BOOT_MAX_EVENTS)
            cap = BOOT_MAX_EVENTS;
        if (cap == ph->cap_ev || !env->grow ||
            !(grown = (boot_event_t *)env->grow(env->ctx, ph->ev, cap * sizeof *grown))) {
            ph->unrecorded++;
            return e;
        }
        ph->ev = grown;
        ph->cap_ev = cap;
    }
    ph->ev[ph->n_ev++] = e;
    return e;
}

boot_event_t
boot_observe_lldp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, const boot_lldp_t *l)
{
    boot_event_t e = event(BOOT_EV_LLDP, BOOT_STEP_VLAN, frame);

    e.value = -1;
    if (l->policy && !l->policy_unknown) {
        ph->vlan = l->vlan;
        ph->vlan_from_lldp = true;
        e.value = (int64_t)l->vlan << 16 | (int64_t)l->priority << 8 | l->dscp;
        set_step(ph, BOOT_STEP_VLAN, BOOT_ST_OK, frame);
    }
    return finish(ph, env, e);
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
    boot_event_t e = event(BOOT_EV_NONE, BOOT_STEP_LEASE, frame);
    boot_url_t url;
    char name[BOOT_NAME_MAX];

    (void)t_ns;
    switch (d->type) {
    case DHCP_TYPE_DISCOVER:
    case DHCP_TYPE_REQUEST:
        e.kind = d->type == DHCP_TYPE_DISCOVER ? BOOT_EV_DISCOVER : BOOT_EV_REQUEST;
        set_step(ph, BOOT_STEP_LEASE, BOOT_ST_STARTED, frame);
        break;
    case DHCP_TYPE_OFFER:
        e.kind = BOOT_EV_OFFER;
        break;
    case DHCP_TYPE_NAK:
        e.kind = BOOT_EV_LEASE_NAK;
        set_step(ph, BOOT_STEP_LEASE, BOOT_ST_FAILED, frame);
        break;
    case DHCP_TYPE_INFORM:
        /* An INFORM comes from an address in use: the lease is behind it. */
        if (d->ciaddr) {
            ph->ip = d->ciaddr;
            set_step(ph, BOOT_STEP_LEASE, BOOT_ST_OK, frame);
        }
        e.kind = BOOT_EV_INFORM;
        e.step = BOOT_STEP_INFORM;
        e.value = d->attempt;
        set_step(ph, BOOT_STEP_INFORM, BOOT_ST_STARTED, frame);
        break;
    case DHCP_TYPE_ACK:
        if (d->yiaddr) {
            e.kind = BOOT_EV_LEASE_ACK;
            e.value = d->yiaddr;
            ph->ip = d->yiaddr;
            set_step(ph, BOOT_STEP_LEASE, BOOT_ST_OK, frame);
            break;
        }
        e.kind = BOOT_EV_INFORM_ACK;
        e.step = BOOT_STEP_INFORM;
        e.ref_frame = d->ref_frame;
        if (d->opt43 && boot_url_from_43(d->opt43, d->opt43_len, &url)) {
            uint32_t literal;
            boot_phone_set_url(ph, env, url.url, url.host, url.port, url.complete, url.defect);
            e.value = ph->url != NULL;
            /* A host given as an address needs no lookup. */
            if (ph->url && parse_ipv4(ph->url->host, &literal))
                add_addr(ph->prov_addr, &ph->n_prov_addr, literal);
        }
        if (d->opt120 && boot_registrar_from_120(d->opt120, d->opt120_len, name, sizeof name))
            boot_phone_set_registrar(ph, env, name);
        if (d->cpe_vlan_known && !ph->vlan_from_lldp) {
            ph->vlan = d->cpe_vlan;
            set_step(ph, BOOT_STEP_VLAN, BOOT_ST_OK, frame);
        }
        /* A phone cannot use what it was given: it stops here, whatever
         * it does next. */
        if (ph->url && ph->url->defect != BOOT_URL_WHOLE) {
            set_step(ph, BOOT_STEP_INFORM, BOOT_ST_FAILED, frame);
            raise_finding(ph, &e, BOOT_F_URL_BROKEN);
        } else {
            set_step(ph, BOOT_STEP_INFORM, BOOT_ST_OK, frame);
        }
        break;
    default:
        break;
    }
    return finish(ph, env, e);
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
    if (server == 0 || server != ph->ntp_fallback_addr)
        return BOOT_NTP_FROM_UNKNOWN;
    return ph->ntp_srv_missing ? BOOT_NTP_FROM_FALLBACK_NO_SRV : BOOT_NTP_FROM_FALLBACK;
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

static bool
has_addr(const uint32_t *set, uint8_t n, uint32_t a)
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
        if (strcmp(ph->names[i].name, name) == 0)
            return i;
    if (!create || ph->n_names >= BOOT_MAX_NAMES)
        return -1;
    if (!ph->names && !(ph->names = (boot_name_t *)zalloc(env, BOOT_MAX_NAMES * sizeof *ph->names)))
        return -1;
    memset(&ph->names[ph->n_names], 0, sizeof ph->names[0]);
    snprintf(ph->names[ph->n_names].name, sizeof ph->names[0].name, "%s", name);
    ph->names[ph->n_names].role = (uint8_t)role;
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
    boot_event_t e = event(BOOT_EV_NONE, role == BOOT_ROLE_NTP ? BOOT_STEP_NTP : BOOT_STEP_DNS, frame);
    boot_name_t *n;
    int i;

    if (role == BOOT_ROLE_OTHER || (i = name_index(ph, env, d->qname, role, !d->response)) < 0)
        return e;
    n = &ph->names[i];
    /* DHCP may name a host after the phone first looked it up. */
    n->role = (uint8_t)role;
    e.name = (uint8_t)i;
    if (!d->response) {
        e.kind = BOOT_EV_DNS_QUERY;
        e.value = d->qtype;
        if (n->pending && n->last_qtype == d->qtype && t_ns - n->last_query_ns >= BOOT_RETRY_NS) {
            e.ref_frame = n->last_query_frame;
            if (role_blocks(role) && n->state != BOOT_ST_OK) {
                set_step(ph, e.step, BOOT_ST_FAILED, frame);
                raise_finding(ph, &e, BOOT_F_DNS_FAILED);
            }
        }
        n->queries++;
        n->pending = true;
        n->last_qtype = d->qtype;
        n->last_query_ns = t_ns;
        n->last_query_frame = frame;
        if (n->state == BOOT_ST_NONE)
            n->state = BOOT_ST_STARTED;
        set_step(ph, e.step, BOOT_ST_STARTED, frame);
        return finish(ph, env, e);
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
            set_step(ph, e.step, BOOT_ST_FAILED, frame);
            raise_finding(ph, &e, BOOT_F_DNS_FAILED);
        }
        if (role == BOOT_ROLE_NTP && is_ntp_srv_name(d->qname))
            ph->ntp_srv_missing = true;
        return finish(ph, env, e);
    }
    e.kind = BOOT_EV_DNS_ANSWER;
    e.value = d->qtype == BOOT_DNS_TYPE_SRV ? d->answers : d->n_addr;
    if (d->answers == 0) /* an AAAA with no data: the A answer decides */
        return finish(ph, env, e);
    n->state = BOOT_ST_OK;
    if (role == BOOT_ROLE_NTP && is_ntp_srv_name(d->qname))
        ph->ntp_srv_missing = false;
    else if (role == BOOT_ROLE_NTP && strcmp(d->qname, NTP_FALLBACK_NAME) == 0 && d->n_addr > 0)
        ph->ntp_fallback_addr = d->addr[0];
    for (i = 0; i < d->n_addr; i++) {
        if (role == BOOT_ROLE_PROV)
            add_addr(ph->prov_addr, &ph->n_prov_addr, d->addr[i]);
        else if (role != BOOT_ROLE_NTP)
            add_addr(ph->sip_addr, &ph->n_sip_addr, d->addr[i]);
    }
    /* Without option 120 the SRV record names the registrar. */
    if (role == BOOT_ROLE_SIP_SRV && d->srv_target[0] && !ph->registrar)
        boot_phone_set_registrar(ph, env, d->srv_target);
    set_step(ph, e.step, role == BOOT_ROLE_NTP ? BOOT_ST_STARTED : BOOT_ST_OK, frame);
    return finish(ph, env, e);
}

boot_event_t
boot_observe_ntp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, bool from_phone,
                 uint32_t server, const boot_ntp_t *n)
{
    boot_event_t e = event(BOOT_EV_NONE, BOOT_STEP_NTP, frame);
    boot_ntp_server_t *s = NULL;
    uint8_t i;
    bool any_answer = false;

    for (i = 0; i < ph->n_ntp; i++) {
        any_answer |= ph->ntp[i].answers > 0;
        if (ph->ntp[i].server == server)
            s = &ph->ntp[i];
    }
    if (from_phone && n->mode == BOOT_NTP_MODE_CLIENT) {
        if (!s) {
            if (ph->n_ntp >= BOOT_MAX_NTP)
                return e;
            s = &ph->ntp[ph->n_ntp++];
            memset(s, 0, sizeof *s);
            s->server = server;
        }
        e.kind = BOOT_EV_NTP_REQUEST;
        if (s->requests > s->answers && t_ns - s->last_request_ns >= BOOT_RETRY_NS) {
            e.ref_frame = s->last_request_frame;
            if (!any_answer) {
                set_step(ph, BOOT_STEP_NTP, BOOT_ST_FAILED, frame);
                raise_finding(ph, &e, BOOT_F_NTP_UNANSWERED);
            }
        }
        s->requests++;
        s->last_request_ns = t_ns;
        s->last_request_frame = frame;
        e.value = s->requests;
        set_step(ph, BOOT_STEP_NTP, BOOT_ST_STARTED, frame);
        return finish(ph, env, e);
    }
    if (from_phone || n->mode != BOOT_NTP_MODE_SERVER || !s || !n->xmit_set)
        return e;
    s->answers++;
    e.kind = BOOT_EV_NTP_ANSWER;
    e.ref_frame = s->last_request_frame;
    e.value = n->xmit_unix_ns - t_ns;
    set_step(ph, BOOT_STEP_NTP, BOOT_ST_OK, frame);
    if (e.value > env->skew_limit_ns || e.value < -env->skew_limit_ns)
        raise_finding(ph, &e, BOOT_F_CLOCK_SKEW);
    return finish(ph, env, e);
}

bool
boot_port_of_interest(const boot_phone_t *ph, uint16_t server_port)
{
    return server_port == 5061 || server_port == (ph->url ? ph->url->port : 443) || server_port == 443;
}

static int
conn_index(boot_phone_t *ph, uint32_t server, uint16_t cport, uint16_t sport)
{
    uint8_t i;

    for (i = 0; i < ph->n_conns; i++)
        if (ph->conns[i].server == server && ph->conns[i].cport == cport && ph->conns[i].sport == sport)
            return i;
    return -1;
}

/* A slot for a new connection: a free one, else the oldest that ended. */
static int
conn_slot(boot_phone_t *ph, const boot_env_t *env)
{
    uint8_t i;

    if (!ph->conns && !(ph->conns = (boot_conn_t *)zalloc(env, BOOT_MAX_CONNS * sizeof *ph->conns)))
        return -1;
    if (ph->n_conns < BOOT_MAX_CONNS)
        return ph->n_conns++;
    for (i = 0; i < ph->n_conns; i++)
        if (ph->conns[i].state == BOOT_CONN_DONE || ph->conns[i].state == BOOT_CONN_FAILED)
            return i;
    return -1;
}

static bool
is_prov_host(const boot_phone_t *ph, const boot_conn_t *c)
{
    if (!ph->url || c->step != BOOT_STEP_PROV)
        return false;
    if (has_addr(ph->prov_addr, ph->n_prov_addr, c->server))
        return true;
    return c->sni[0] && strcmp(c->sni, ph->url->host) == 0;
}

/* The phone's first TLS to the provisioning port goes elsewhere than option
 * 43 said: by its name when it sends one, else by the addresses DNS gave. */
static bool
goes_elsewhere(const boot_phone_t *ph, const boot_conn_t *c)
{
    if (!ph->url || c->step != BOOT_STEP_PROV || ph->prov_connected || c->sport != ph->url->port)
        return false;
    if (c->sni[0])
        return strcmp(c->sni, ph->url->host) != 0;
    return ph->n_prov_addr > 0 && !has_addr(ph->prov_addr, ph->n_prov_addr, c->server);
}

static void
conn_failed(boot_phone_t *ph, boot_conn_t *c, boot_event_t *e, uint16_t finding)
{
    c->state = BOOT_CONN_FAILED;
    set_step(ph, c->step, BOOT_ST_FAILED, e->frame);
    raise_finding(ph, e, finding);
}

static void
observe_tls(boot_phone_t *ph, boot_conn_t *c, boot_event_t *e, bool from_phone, const boot_tls_t *tls)
{
    if (c->state == BOOT_CONN_FAILED)
        return;
    if (from_phone && tls->client_hello && c->state < BOOT_CONN_TLS) {
        c->state = BOOT_CONN_TLS;
        e->kind = BOOT_EV_CLIENT_HELLO;
        snprintf(c->sni, sizeof c->sni, "%s", tls->sni);
        if (is_prov_host(ph, c))
            ph->prov_connected = true;
        if (goes_elsewhere(ph, c))
            raise_finding(ph, e, BOOT_F_URL_MISMATCH);
        return;
    }
    /* After the handshake the bootstrap step is done; the closing alerts
     * are the connection's business. */
    if (c->state != BOOT_CONN_TLS)
        return;
    if (!from_phone && tls->server_hello) {
        e->kind = BOOT_EV_SERVER_HELLO;
        e->value = tls->version;
        c->server_hello_13 = tls->version == 0x0304;
    }
    if (tls->alert) {
        e->kind = BOOT_EV_TLS_ALERT;
        e->value = tls->alert_level ? (tls->alert_level << 8 | tls->alert_desc) : 0xffff;
        /* A warning-level close_notify or user_canceled is still a failure
         * while the handshake is open. */
        conn_failed(ph, c, e, BOOT_F_TLS_FAILED);
        return;
    }
    if (c->server_hello_13 && tls->app_records && tls->first_app_len == BOOT_TLS13_ALERT_LEN &&
        (from_phone || tls->app_records == 1) && !tls->server_hello) {
        e->kind = BOOT_EV_TLS_ALERT;
        e->value = 0xffff;
        conn_failed(ph, c, e, BOOT_F_TLS_FAILED);
        return;
    }
    /* TLS 1.2: the server's ChangeCipherSpec ends a full handshake; TLS 1.3:
     * the client's first encrypted record is its Finished. */
    if ((!from_phone && tls->ccs && !c->server_hello_13 && !tls->server_hello) ||
        (from_phone && tls->app_records && (c->server_hello_13 || tls->first_app_len > BOOT_TLS13_ALERT_LEN))) {
        c->state = BOOT_CONN_DONE;
        e->kind = BOOT_EV_TLS_DONE;
        set_step(ph, c->step, BOOT_ST_OK, e->frame);
    }
}

boot_event_t
boot_observe_tcp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, bool from_phone,
                 uint32_t server, uint16_t cport, uint16_t sport, uint8_t flags, const boot_tls_t *tls)
{
    uint8_t step = sport == 5061 ? BOOT_STEP_SIP : BOOT_STEP_PROV;
    boot_event_t e = event(BOOT_EV_NONE, step, frame);
    int i = conn_index(ph, server, cport, sport);
    boot_conn_t *c;

    if ((flags & (BOOT_TCP_SYN | BOOT_TCP_ACK)) == BOOT_TCP_SYN && from_phone) {
        if (i >= 0 && ph->conns[i].state == BOOT_CONN_SYN_SENT) {
            c = &ph->conns[i];
            e.conn = (uint8_t)i;
            e.ref_frame = c->syn_frame;
            e.kind = BOOT_EV_SYN_RETRY;
            e.value = ++c->syns;
            if (t_ns - c->syn_ns >= BOOT_RETRY_NS)
                conn_failed(ph, c, &e, BOOT_F_NO_CONNECTION);
            return finish(ph, env, e);
        }
        if (i < 0 && (i = conn_slot(ph, env)) < 0)
            return e;
        c = &ph->conns[i];
        memset(c, 0, sizeof *c);
        c->server = server;
        c->cport = cport;
        c->sport = sport;
        c->step = step;
        c->state = BOOT_CONN_SYN_SENT;
        c->syns = 1;
        c->syn_frame = frame;
        c->syn_ns = t_ns;
        e.conn = (uint8_t)i;
        e.kind = BOOT_EV_SYN;
        set_step(ph, step, BOOT_ST_STARTED, frame);
        return finish(ph, env, e);
    }
    if (i < 0)
        return e;
    c = &ph->conns[i];
    e.conn = (uint8_t)i;
    step = c->step;
    if ((flags & (BOOT_TCP_SYN | BOOT_TCP_ACK)) == (BOOT_TCP_SYN | BOOT_TCP_ACK) && !from_phone) {
        if (c->state == BOOT_CONN_SYN_SENT) {
            c->state = BOOT_CONN_OPEN;
            e.kind = BOOT_EV_SYN_ACK;
            e.ref_frame = c->syn_frame;
            if (is_prov_host(ph, c))
                ph->prov_connected = true;
        }
        return finish(ph, env, e);
    }
    if (flags & BOOT_TCP_RST) {
        if (c->state == BOOT_CONN_DONE || c->state == BOOT_CONN_FAILED)
            return e;
        e.kind = BOOT_EV_RESET;
        e.value = 1;
        if (c->state == BOOT_CONN_SYN_SENT && !from_phone) {
            e.ref_frame = c->syn_frame;
            conn_failed(ph, c, &e, BOOT_F_NO_CONNECTION);
        } else if (c->state == BOOT_CONN_TLS) {
            conn_failed(ph, c, &e, BOOT_F_TLS_FAILED);
        } else {
            c->state = BOOT_CONN_FAILED;
        }
        return finish(ph, env, e);
    }
    if (tls)
        observe_tls(ph, c, &e, from_phone, tls);
    if (e.kind == BOOT_EV_NONE && (flags & BOOT_TCP_FIN) && c->state == BOOT_CONN_TLS) {
        e.kind = BOOT_EV_CLOSED;
        conn_failed(ph, c, &e, BOOT_F_TLS_FAILED);
    }
    return finish(ph, env, e);
}

bool
boot_event_lookup(const boot_phone_t *ph, uint32_t frame, boot_event_t *out)
{
    uint16_t lo = 0, hi = ph->n_ev;

    /* Recorded in frame order on the first pass. */
    while (lo < hi) {
        uint16_t mid = (uint16_t)((lo + hi) / 2);
        if (ph->ev[mid].frame < frame)
            lo = (uint16_t)(mid + 1);
        else
            hi = mid;
    }
    if (lo < ph->n_ev && ph->ev[lo].frame == frame) {
        *out = ph->ev[lo];
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

