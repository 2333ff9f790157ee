/* boot_tcp.c
 * A phone's bootstrap timeline, its connections: TCP to the Certificate
 * Provisioning host and SIP over TLS to the registrar, and the TLS records
 * they carry (see boot_logic.h). Apart from boot_logic.c only so that
 * neither file grows too long to read; they share boot_internal.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "boot_logic.h"
#include "boot_internal.h"

#include <stdio.h>
#include <string.h>

#include "ns_time.h"

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
        if (ph->net->conns[i].server == server && ph->net->conns[i].cport == cport && ph->net->conns[i].sport == sport)
            return i;
    return -1;
}

/* A slot for a new connection: a free one, else the oldest that ended. */
static int
conn_slot(boot_phone_t *ph, const boot_env_t *env)
{
    uint8_t i;

    /* Without memory for them no connection is kept (n_conns stays 0). */
    if (!boot_phone_net(ph, env))
        return -1;
    if (boot_room(env, (void **)&ph->net->conns, &ph->cap_conns, ph->n_conns, BOOT_MAX_CONNS, sizeof *ph->net->conns))
        return ph->n_conns++;
    for (i = 0; i < ph->n_conns; i++)
        if (ph->net->conns[i].state == BOOT_CONN_DONE || ph->net->conns[i].state == BOOT_CONN_FAILED)
            return i;
    return -1;
}

static bool
is_prov_host(const boot_phone_t *ph, const boot_conn_t *c)
{
    if (!ph->url || c->step != BOOT_STEP_PROV)
        return false;
    if (ph->net && boot_has_addr(ph->net->prov_addr, ph->net->n_prov_addr, c->server))
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
    return ph->net && ph->net->n_prov_addr > 0 &&
           !boot_has_addr(ph->net->prov_addr, ph->net->n_prov_addr, c->server);
}

static void
conn_failed(boot_phone_t *ph, boot_conn_t *c, boot_event_t *e, uint16_t finding)
{
    c->state = BOOT_CONN_FAILED;
    boot_set_step(ph, c->step, BOOT_ST_FAILED, e->frame);
    boot_raise_finding(ph, e, finding);
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
            boot_raise_finding(ph, e, BOOT_F_URL_MISMATCH);
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
        boot_set_step(ph, c->step, BOOT_ST_OK, e->frame);
    }
}

boot_event_t
boot_observe_tcp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns, bool from_phone,
                 uint32_t server, uint16_t cport, uint16_t sport, uint8_t flags, const boot_tls_t *tls)
{
    uint8_t step = sport == 5061 ? BOOT_STEP_SIP : BOOT_STEP_PROV;
    boot_event_t e = boot_new_event(BOOT_EV_NONE, step, frame);
    int i = conn_index(ph, server, cport, sport);
    boot_conn_t *c;

    if ((flags & (BOOT_TCP_SYN | BOOT_TCP_ACK)) == BOOT_TCP_SYN && from_phone) {
        if (i >= 0 && ph->net->conns[i].state == BOOT_CONN_SYN_SENT) {
            c = &ph->net->conns[i];
            e.conn = (uint8_t)i;
            e.ref_frame = c->syn_frame;
            e.kind = BOOT_EV_SYN_RETRY;
            e.value = ++c->syns;
            if (ucd_ns_at_least(t_ns, c->syn_ns, BOOT_RETRY_NS))
                conn_failed(ph, c, &e, BOOT_F_NO_CONNECTION);
            return boot_finish(ph, env, e);
        }
        if (i < 0 && (i = conn_slot(ph, env)) < 0)
            return e;
        c = &ph->net->conns[i];
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
        boot_set_step(ph, step, BOOT_ST_STARTED, frame);
        return boot_finish(ph, env, e);
    }
    if (i < 0)
        return e;
    c = &ph->net->conns[i];
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
        return boot_finish(ph, env, e);
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
        return boot_finish(ph, env, e);
    }
    if (tls)
        observe_tls(ph, c, &e, from_phone, tls);
    if (e.kind == BOOT_EV_NONE && (flags & BOOT_TCP_FIN) && c->state == BOOT_CONN_TLS) {
        e.kind = BOOT_EV_CLOSED;
        conn_failed(ph, c, &e, BOOT_F_TLS_FAILED);
    }
    return boot_finish(ph, env, e);
}
