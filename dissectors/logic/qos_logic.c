/* qos_logic.c
 * QoS port plan, presets, classification and flow bookkeeping (see
 * qos_logic.h). The preset figures are those of shared/reference/domain.md
 * section 4.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qos_logic.h"

#include <string.h>

#include "put_text.h"

void
qos_plan_clear(qos_plan_t *plan)
{
    plan->n = 0;
    memset(plan->idx, 0, sizeof plan->idx);
}

bool
qos_plan_add(qos_plan_t *plan, const qos_range_t *r)
{
    if (plan->n >= QOS_MAX_RANGES || r->lo > r->hi || r->dscp > 63 ||
        r->modality < QOS_AUDIO || r->modality > QOS_FILETRANSFER ||
        (r->role != QOS_CLIENT && r->role != QOS_SERVER) ||
        (r->transports & QOS_BOTH) == 0 || (r->transports & ~QOS_BOTH) != 0)
        return false;
    plan->ranges[plan->n++] = *r;
    return true;
}

static void
add(qos_plan_t *plan, qos_modality_t m, qos_role_t role, uint16_t lo, uint16_t hi, uint8_t dscp)
{
    qos_range_t r = { (uint8_t)m, (uint8_t)role, QOS_BOTH, dscp, lo, hi, false };

    qos_plan_add(plan, &r);
}

/* Skype for Business Server ranges as Microsoft recommends them, so that
 * application sharing no longer overlaps audio and video. */
static void
add_sfb_servers(qos_plan_t *plan)
{
    add(plan, QOS_AUDIO, QOS_SERVER, 49152, 57500, 46);
    add(plan, QOS_VIDEO, QOS_SERVER, 57501, 65535, 34);
    add(plan, QOS_APPSHARING, QOS_SERVER, 40803, 49151, 24);
}

void
qos_plan_add_preset(qos_plan_t *plan, qos_preset_t preset)
{
    switch (preset) {
    case QOS_PRESET_SFB:
        add_sfb_servers(plan);
        /* Microsoft's example client ranges */
        add(plan, QOS_AUDIO, QOS_CLIENT, 50020, 50039, 46);
        add(plan, QOS_VIDEO, QOS_CLIENT, 58000, 58019, 34);
        add(plan, QOS_APPSHARING, QOS_CLIENT, 42000, 42019, 24);
        add(plan, QOS_FILETRANSFER, QOS_CLIENT, 42020, 42039, 14);
        break;
    case QOS_PRESET_TEAMS:
        add(plan, QOS_AUDIO, QOS_CLIENT, 50000, 50019, 46);
        add(plan, QOS_VIDEO, QOS_CLIENT, 50020, 50039, 34);
        add(plan, QOS_APPSHARING, QOS_CLIENT, 50040, 50059, 18);
        break;
    case QOS_PRESET_SFB_FIELD:
        add_sfb_servers(plan);
        add(plan, QOS_AUDIO, QOS_CLIENT, 50040, 50079, 46);
        add(plan, QOS_VIDEO, QOS_CLIENT, 58000, 58039, 34);
        add(plan, QOS_APPSHARING, QOS_CLIENT, 42000, 42039, 24);
        break;
    case QOS_PRESET_LPE:
        /* Lync Phone Edition marks its voice 40 by default; the servers keep
         * their recommended marking. */
        add_sfb_servers(plan);
        add(plan, QOS_AUDIO, QOS_CLIENT, 50020, 50039, 40);
        break;
    case QOS_PRESET_CUSTOM:
        break;
    }
}

static int
transport_index(unsigned transport)
{
    return transport == QOS_TCP ? 1 : 0;
}

unsigned
qos_plan_compile(qos_plan_t *plan, qos_overlap_t *out, unsigned max)
{
    unsigned i, found = 0;
    int t;
    /* The earlier ranges range i was found to share ports with: a pair is
     * reported once, and looking it up must not cost a walk of every pair
     * found so far for every port (70 ranges over 0-65535 took seconds). */
    uint8_t paired[(QOS_MAX_RANGES + 7) / 8];

    memset(plan->idx, 0, sizeof plan->idx);
    plan->generation++;
    for (i = 0; i < plan->n; i++) {
        const qos_range_t *r = &plan->ranges[i];
        memset(paired, 0, sizeof paired);
        for (t = 0; t < 2; t++) {
            uint16_t *tab = plan->idx[t];
            unsigned shift = r->role == QOS_CLIENT ? 8 : 0;
            uint32_t p;
            if (!(r->transports & (t == 0 ? QOS_UDP : QOS_TCP)))
                continue;
            for (p = r->lo; p <= r->hi; p++) {
                unsigned cur = (tab[p] >> shift) & 0xffu;
                if (cur && cur - 1u != i) {
                    /* Report each pair once, with the whole shared span. */
                    unsigned prev = cur - 1u;
                    if (!(paired[prev / 8] & (1u << (prev % 8)))) {
                        const qos_range_t *q = &plan->ranges[prev];
                        paired[prev / 8] |= (uint8_t)(1u << (prev % 8));
                        if (found < max) {
                            out[found].first = prev;
                            out[found].second = i;
                            out[found].lo = q->lo > r->lo ? q->lo : r->lo;
                            out[found].hi = q->hi < r->hi ? q->hi : r->hi;
                        }
                        found++;
                    }
                }
                tab[p] = (uint16_t)((tab[p] & ~(0xffu << shift)) | ((i + 1u) << shift));
            }
        }
    }
    return found;
}

static const qos_range_t *
range_of(const qos_plan_t *plan, unsigned k)
{
    return k ? &plan->ranges[k - 1] : NULL;
}

const qos_range_t *
qos_plan_lookup(const qos_plan_t *plan, unsigned transport, qos_role_t role, uint16_t port)
{
    uint16_t v = plan->idx[transport_index(transport)][port];

    return range_of(plan, role == QOS_CLIENT ? v >> 8 : v & 0xffu);
}

/* When a port is in both a client and a server range (they are different
 * hosts, so plans allow it), the peer's port says which side this is; failing
 * that, the narrower range is the more deliberate one. */
static const qos_range_t *
pick(const qos_range_t *as_client, const qos_range_t *as_server, bool peer_is_server, bool peer_is_client)
{
    if (!as_client || !as_server)
        return as_client ? as_client : as_server;
    if (peer_is_server && !peer_is_client)
        return as_client;
    if (peer_is_client && !peer_is_server)
        return as_server;
    return (as_client->hi - as_client->lo) <= (as_server->hi - as_server->lo) ? as_client : as_server;
}

bool
qos_is_service_port(uint16_t port)
{
    return port < QOS_WELL_KNOWN_END || (port >= QOS_RELAY_PORT_LO && port <= QOS_RELAY_PORT_HI);
}

/* IANA's registry unless said otherwise. In ascending order, from
 * QOS_SIGNALLING_LO to QOS_SIGNALLING_HI (the unit tests hold them together). */
static const uint16_t signalling_ports[] = {
    1719, /* h323gatestat: H.323 RAS (H.225.0 gatekeeper discovery, registration) */
    1720, /* h323hostcall: H.225.0 call signalling */
    2000, /* cisco-sccp: Cisco Skinny (SCCP) */
    2427, /* mgcp-gateway: MGCP, RFC 3435 */
    2443, /* Skinny over TLS, as Cisco's Unified CM port list gives it */
    2727, /* mgcp-callagent: MGCP, RFC 3435 */
    5060, /* sip, RFC 3261 */
    5061, /* sips: SIP over TLS, RFC 3261 */
    5062  /* Skype for Business Server's port list: SIP/MTLS to the Edge's internal side */
};

bool
qos_signalling_listed(uint16_t port)
{
    size_t i;

    for (i = 0; i < sizeof signalling_ports / sizeof signalling_ports[0]; i++)
        if (signalling_ports[i] == port)
            return true;
    return false;
}

void
qos_classify(const qos_plan_t *plan, unsigned transport, uint16_t sport, uint16_t dport, qos_match_t *out)
{
    const uint16_t *tab = plan->idx[transport_index(transport)];
    uint16_t vs = tab[sport], vd = tab[dport];
    const qos_range_t *sc, *ss, *dc, *ds;

    memset(out, 0, sizeof *out);
    if ((vs | vd) == 0)
        return; /* most traffic: neither port is in the plan */
    sc = range_of(plan, vs >> 8);
    ss = range_of(plan, vs & 0xffu);
    dc = range_of(plan, vd >> 8);
    ds = range_of(plan, vd & 0xffu);
    /* Server ranges sit in the operating systems' ephemeral ports (49152 and
     * up). A server's media port talks to clients' media ports, never to a
     * service's port: a packet to or from one is a client's, from whatever
     * port it had, so the server ranges cannot say what it should carry.
     * Client ranges are narrow and set by policy, and media does go to relays
     * and falls back to TCP 443, so they stay. */
    if (qos_is_service_port(sport) || qos_is_service_port(dport)) {
        ss = NULL;
        ds = NULL;
    }
    if (sc || ss) {
        out->range = pick(sc, ss, ds != NULL, dc != NULL);
        out->by = QOS_MATCH_SENDER;
    } else if (dc || ds) {
        /* The receiver's side tells the modality; the sender should mark it. */
        out->range = pick(dc, ds, false, false);
        out->by = QOS_MATCH_RECEIVER;
    }
    /* VBSS: screen sharing from an app-sharing client port to a video server
     * port (Skype for Business Server 2015 CU3 and later). */
    if (sc && sc->modality == QOS_APPSHARING && ds && ds->modality == QOS_VIDEO) {
        out->vbss = QOS_VBSS_CLIENT_TO_SERVER;
        out->appsharing_client = sc;
        out->video_server = ds;
    } else if (ss && ss->modality == QOS_VIDEO && dc && dc->modality == QOS_APPSHARING) {
        out->vbss = QOS_VBSS_SERVER_TO_CLIENT;
        out->appsharing_client = dc;
        out->video_server = ss;
    }
    out->alt_dscp = -1;
    if (out->vbss != QOS_VBSS_NONE) {
        out->range = out->vbss == QOS_VBSS_CLIENT_TO_SERVER ? sc : ss;
        out->dscp = out->appsharing_client->dscp;
        if (out->video_server->dscp != out->dscp)
            out->alt_dscp = out->video_server->dscp;
    } else if (out->range) {
        out->dscp = out->range->dscp;
    }
}

bool
qos_match_accepts(const qos_match_t *m, uint8_t dscp)
{
    return dscp == m->dscp || (m->alt_dscp >= 0 && dscp == (uint8_t)m->alt_dscp);
}

/* Every UDP and TCP packet on a plan port looks its flow up: the key is
 * read a word at a time (qos_word32 in qos_logic.h). */
unsigned int
qos_flow_key_hash(const void *k)
{
    const qos_flow_key_t *key = k;
    uint32_t h = ((uint32_t)key->sport << 16 | key->dport) * 0x9e3779b1u ^ key->transport;
    unsigned i, words = key->af == 4 ? 1 : 4;

    for (i = 0; i < words; i++) {
        h = (h ^ qos_word32(key->src + 4 * i)) * 0x85ebca77u;
        h = (h ^ qos_word32(key->dst + 4 * i)) * 0xc2b2ae3du;
        h ^= h >> 15;
    }
    return h;
}

int
qos_flow_key_equal(const void *a, const void *b)
{
    return qos_flow_key_same(a, b);
}

void
qos_flow_cache_clear(qos_flow_cache_t *c)
{
    memset(c->slot, 0, sizeof c->slot);
}

void
qos_flow_init(qos_flow_t *f)
{
    memset(f, 0, sizeof *f);
}

bool
qos_flow_is_copy(qos_flow_t *f, uint16_t ip_id)
{
    bool copy = ip_id != 0 && f->packets > 0 && ip_id == f->last_ip_id;

    f->last_ip_id = ip_id;
    return copy;
}

bool
qos_flow_add(qos_flow_t *f, uint32_t frame, uint8_t dscp, bool mismatched, bool copy)
{
    bool remarked = f->packets > 0 && (dscp & 63) != f->last_dscp;

    if (copy && remarked) {
        remarked = f->copy_remark_frame == 0;
        if (remarked)
            f->copy_remark_frame = frame;
    }

    if (f->packets == 0)
        f->first_frame = frame;
    f->last_frame = frame;
    f->packets++;
    if (mismatched)
        f->mismatched++;
    if (f->dscp_count[dscp & 63]++ == 0)
        f->seen[f->nseen++] = dscp & 63;
    if (remarked) {
        f->remarks_total++;
        if (f->nremarks < QOS_MAX_REMARKS) {
            f->remark_from[f->nremarks] = f->last_dscp;
            f->remark_frame[f->nremarks++] = frame;
        }
    }
    if (!copy)
        f->last_dscp = dscp & 63;
    return remarked;
}

size_t
qos_flow_observed_update(const qos_flow_t *f, char *out, size_t outsz, qos_observed_shown_t *shown)
{
    if (f->nseen == 1 && shown->single && f->dscp_count[f->seen[0]] == shown->single + 1) {
        size_t i = shown->len;
        /* "46:129" -> "46:130"; a count that gains a digit is written anew */
        while (out[i - 1] == '9')
            out[--i] = '0';
        if (out[i - 1] != ':') {
            out[i - 1]++;
            shown->single++;
            return shown->len;
        }
    }
    shown->len = qos_flow_observed(f, out, outsz);
    shown->single = f->nseen == 1 && shown->len ? f->dscp_count[f->seen[0]] : 0;
    return shown->len;
}

bool
qos_flow_remarked_at(const qos_flow_t *f, uint32_t frame, uint8_t *from)
{
    unsigned i;

    for (i = 0; i < f->nremarks; i++) {
        if (f->remark_frame[i] == frame) {
            *from = f->remark_from[i];
            return true;
        }
    }
    return false;
}

size_t
qos_flow_observed(const qos_flow_t *f, char *out, size_t outsz)
{
    uint8_t order[64];
    unsigned n = 0, i, j;
    size_t w = 0;

    if (outsz == 0)
        return 0;
    /* Most flows keep one marking: no order to work out. */
    if (f->nseen == 1) {
        bool ok = put_uint(out, outsz, &w, f->seen[0]) && w + 1 < outsz;
        if (ok) {
            out[w++] = ':';
            ok = put_uint(out, outsz, &w, f->dscp_count[f->seen[0]]);
        }
        if (!ok)
            w = 0; /* as below: an entry that does not fit is left out whole */
        out[w] = '\0';
        return w;
    }
    /* the DSCP values seen, most packets first (ties: lower DSCP first). The
     * -z table asks on every packet, and a flow has one or two values: sort
     * those, not all 64. */
    for (i = 0; i < f->nseen; i++) {
        uint8_t d = f->seen[i];
        for (j = n; j > 0 && (f->dscp_count[order[j - 1]] < f->dscp_count[d] ||
                              (f->dscp_count[order[j - 1]] == f->dscp_count[d] && order[j - 1] > d)); j--)
            order[j] = order[j - 1];
        order[j] = d;
        n++;
    }
    for (i = 0; i < n; i++) {
        size_t mark = w;
        bool ok = (i == 0 || (w + 1 < outsz && (out[w++] = ' '))) &&
                  put_uint(out, outsz, &w, order[i]) &&
                  w + 1 < outsz && (out[w++] = ':') &&
                  put_uint(out, outsz, &w, f->dscp_count[order[i]]);
        if (!ok) {
            w = mark; /* drop the entry that did not fit, not half of it */
            break;
        }
    }
    out[w] = '\0';
    return w;
}
