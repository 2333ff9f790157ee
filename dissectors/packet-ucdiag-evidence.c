/* packet-ucdiag-evidence.c
 * The capture's evidence of who is a Microsoft UC endpoint (see
 * packet-ucdiag-evidence.h); the classification itself is evidence_logic.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/to_str.h>
#include <epan/uat.h>
#include <wsutil/wmem/wmem.h>

#include "packet-ucdiag-evidence.h"

const value_string ucdiag_evidence_vals[] = {
    { UC_EV_NONE,           "Unconfirmed: no evidence this is Microsoft media" },
    { UC_EV_STUN_FLOW,      "Microsoft STUN attributes on this flow" },
    { UC_EV_STUN_ENDPOINT,  "Microsoft STUN from the same endpoint (ICE session)" },
    { UC_EV_MS_RANGE,       "Peer in Microsoft's Teams media ranges" },
    { UC_EV_USER_NET,       "In your UC networks" },
    { UC_EV_PHONE,          "A Lync/SfB phone" },
    { UC_EV_OTHER_FLOW,     "Another application's STUN on this flow" },
    { UC_EV_OTHER_ENDPOINT, "Another application's STUN from the same endpoint" },
    { 0, NULL }
};

/* ---- The user's UC networks ---- */

typedef struct {
    char *network;
    char *description;
} net_rec_t;

static net_rec_t *net_recs;
static guint n_net_recs;
/* Parsed once per change of the table, not per packet. nets[i] is
 * net_recs[i]: net_update refuses every record uc_net_parse cannot read, so
 * none is skipped. */
static uc_net_t *nets;
static guint n_nets;

UAT_CSTRING_CB_DEF(uc_nets, network, net_rec_t)
UAT_CSTRING_CB_DEF(uc_nets, description, net_rec_t)

static void *
net_copy(void *dest, const void *source, size_t len _U_)
{
    const net_rec_t *s = (const net_rec_t *)source;
    net_rec_t *d = (net_rec_t *)dest;

    d->network = g_strdup(s->network);
    d->description = g_strdup(s->description);
    return d;
}

static void
net_free(void *r)
{
    net_rec_t *rec = (net_rec_t *)r;

    g_free(rec->network);
    g_free(rec->description);
}

static ucd_uat_ret_t
net_update(void *r, char **err)
{
    const net_rec_t *rec = (const net_rec_t *)r;
    uc_net_t n;

    if (!uc_net_parse(rec->network, &n)) {
        *err = g_strdup_printf("\"%s\" is not an address or network such as 10.20.0.0/16 or 2001:db8::/32",
                               rec->network ? rec->network : "");
        return FALSE;
    }
    return TRUE;
}

static void
nets_rebuild(void)
{
    guint i;

    g_free(nets);
    nets = g_new0(uc_net_t, n_net_recs ? n_net_recs : 1);
    n_nets = 0;
    for (i = 0; i < n_net_recs; i++)
        if (uc_net_parse(net_recs[i].network, &nets[n_nets]))
            n_nets++;
}

/* ---- Endpoints and phones seen ---- */

typedef struct {
    guint8 af, transport;
    guint16 port;
    guint8 addr[16];
} endpoint_key_t;

typedef struct {
    endpoint_key_t key;
    guint8 stack;   /* uc_stack_t */
    guint16 attr;
    guint32 frame;
} endpoint_rec_t;

static wmem_map_t *endpoints;
static ucdiag_phone_finder_t phone_finder;
static guint32 generation;
/* Who may be in the endpoint map and among the phones the bootstrap concern
 * told of (the filter spares most lookups), emptied with each file. */
static uc_addr_filter_t known_endpoints, known_phones;

static guint
endpoint_hash(gconstpointer k)
{
    const endpoint_key_t *e = (const endpoint_key_t *)k;
    guint h = 2166136261u ^ e->port ^ ((guint)e->transport << 16) ^ ((guint)e->af << 24);
    guint i, n = e->af == 4 ? 4 : 16;

    for (i = 0; i < n; i++)
        h = (h ^ e->addr[i]) * 16777619u;
    return h;
}

static gboolean
endpoint_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(endpoint_key_t)) == 0;
}

static void
key_of(const ucdiag_endpoint_t *e, endpoint_key_t *k)
{
    memset(k, 0, sizeof *k);
    k->af = e->af;
    k->transport = e->transport;
    k->port = e->port;
    memcpy(k->addr, e->addr, e->af == 4 ? 4 : 16);
}

/* Something was learnt: flows that found nothing ask again. Never 0, which
 * a flow's record keeps for "not asked yet". */
static void
learnt(void)
{
    if (++generation == 0)
        generation = 1;
}

static void
evidence_init(void)
{
    /* The counter only has to move for a new file, so it may start anywhere. */
    learnt();
    uc_addr_filter_clear(&known_endpoints);
    uc_addr_filter_clear(&known_phones);
}

guint32
ucdiag_evidence_generation(void)
{
    return generation;
}

uc_stun_marks_t
ucdiag_evidence_stun(const ucdiag_endpoint_t *from, const guint8 *stun, size_t avail, guint32 frame)
{
    uc_stun_marks_t m = uc_stun_marks(stun, avail);
    endpoint_key_t k;
    endpoint_rec_t *rec;

    if (m.stack == UC_STACK_NONE)
        return m;
    key_of(from, &k);
    rec = (endpoint_rec_t *)wmem_map_lookup(endpoints, &k);
    if (rec && (rec->stack == UC_STACK_MICROSOFT || m.stack != UC_STACK_MICROSOFT))
        return m;
    if (!rec) {
        rec = wmem_new(wmem_file_scope(), endpoint_rec_t);
        rec->key = k;
        wmem_map_insert(endpoints, &rec->key, rec);
        uc_addr_filter_add(&known_endpoints, from->af, from->addr, from->port);
    }
    rec->stack = (guint8)m.stack;
    rec->attr = m.attr;
    rec->frame = frame;
    learnt();
    return m;
}

void
ucdiag_evidence_phones_from(ucdiag_phone_finder_t finder)
{
    phone_finder = finder;
}

void
ucdiag_evidence_phone_learnt(guint32 ip)
{
    guint8 a[4] = { (guint8)(ip >> 24), (guint8)(ip >> 16), (guint8)(ip >> 8), (guint8)ip };

    uc_addr_filter_add(&known_phones, 4, a, 0);
    learnt();
}

static void
consider(ucdiag_evidence_t *best, uc_evidence_t kind, guint8 side, guint16 attr, guint32 frame, guint16 index,
         const char *how)
{
    if (uc_evidence_stronger((uc_evidence_t)best->kind, kind) != kind || kind == best->kind)
        return;
    best->kind = (guint8)kind;
    best->side = side;
    best->attr = attr;
    best->frame = frame;
    best->index = index;
    best->how = how;
}

void
ucdiag_evidence_about(const ucdiag_endpoint_t *src, const ucdiag_endpoint_t *dst, guint32 first_frame,
                      gboolean addresses, ucdiag_evidence_t *out)
{
    const ucdiag_endpoint_t *ends[2] = { src, dst };
    guint8 side;
    guint i;

    memset(out, 0, sizeof *out);
    for (side = 0; side < 2; side++) {
        const ucdiag_endpoint_t *e = ends[side];
        if (uc_addr_filter_may_hold(&known_endpoints, e->af, e->addr, e->port) && wmem_map_size(endpoints)) {
            endpoint_key_t k;
            const endpoint_rec_t *rec;
            key_of(e, &k);
            rec = (const endpoint_rec_t *)wmem_map_lookup(endpoints, &k);
            if (rec)
                consider(out, rec->stack == UC_STACK_MICROSOFT ? UC_EV_STUN_ENDPOINT : UC_EV_OTHER_ENDPOINT, side,
                         rec->attr, rec->frame, 0, NULL);
        }
        if (addresses) {
            if (uc_ms_media_net(e->af, e->addr))
                consider(out, UC_EV_MS_RANGE, side, 0, first_frame, 0, NULL);
            for (i = 0; i < n_nets; i++)
                if (uc_net_contains(&nets[i], e->af, e->addr)) {
                    consider(out, UC_EV_USER_NET, side, 0, first_frame, (guint16)i, NULL);
                    break;
                }
        }
        if (e->af == 4 && phone_finder && uc_addr_filter_may_hold(&known_phones, 4, e->addr, 0)) {
            guint32 ip = ((guint32)e->addr[0] << 24) | ((guint32)e->addr[1] << 16) | ((guint32)e->addr[2] << 8) |
                         e->addr[3];
            guint32 frame;
            const char *how;
            if (phone_finder(ip, &frame, &how))
                consider(out, UC_EV_PHONE, side, 0, frame, 0, how);
        }
    }
}

static char *
endpoint_text(wmem_allocator_t *pool, const ucdiag_endpoint_t *e, gboolean with_port)
{
    address a;
    char *s;

    set_address(&a, e->af == 4 ? AT_IPv4 : AT_IPv6, e->af == 4 ? 4 : 16, e->addr);
    s = address_to_str(pool, &a);
    if (!with_port)
        return s;
    return e->af == 4 ? wmem_strdup_printf(pool, "%s:%u", s, e->port) : wmem_strdup_printf(pool, "[%s]:%u", s, e->port);
}

static const char *
attr_words(wmem_allocator_t *pool, guint16 attr)
{
    const char *name = uc_stun_attr_name(attr);

    if (attr == 0)
        return "WhatsApp's message type 0x0800";
    return name ? wmem_strdup_printf(pool, "%s (0x%04x)", name, attr) : wmem_strdup_printf(pool, "0x%04x", attr);
}

char *
ucdiag_evidence_words(wmem_allocator_t *pool, const ucdiag_evidence_t *ev, const ucdiag_endpoint_t *src,
                      const ucdiag_endpoint_t *dst)
{
    const ucdiag_endpoint_t *e = ev->side ? dst : src;
    char net[64];

    switch ((uc_evidence_t)ev->kind) {
    case UC_EV_STUN_FLOW:
        return wmem_strdup_printf(pool, "%s in STUN on this flow (frame %u)", attr_words(pool, ev->attr), ev->frame);
    case UC_EV_STUN_ENDPOINT:
        return wmem_strdup_printf(pool, "%s in STUN from %s, the same endpoint (frame %u)",
                                  attr_words(pool, ev->attr), endpoint_text(pool, e, TRUE), ev->frame);
    case UC_EV_MS_RANGE: {
        const uc_net_t *ms = uc_ms_media_net(e->af, e->addr);
        if (ms)
            uc_net_text(ms, net, sizeof net);
        else
            net[0] = '\0';
        return wmem_strdup_printf(pool, "%s is in Microsoft's Teams media range %s (%s)",
                                  endpoint_text(pool, e, FALSE), net, UC_MS_MEDIA_SOURCE);
    }
    case UC_EV_USER_NET:
        if (ev->index < n_net_recs && ev->index < n_nets) {
            uc_net_text(&nets[ev->index], net, sizeof net);
            return wmem_strdup_printf(pool, "%s is in your UC network %s%s%s%s", endpoint_text(pool, e, FALSE), net,
                                      net_recs[ev->index].description && *net_recs[ev->index].description ? " (" : "",
                                      net_recs[ev->index].description ? net_recs[ev->index].description : "",
                                      net_recs[ev->index].description && *net_recs[ev->index].description ? ")" : "");
        }
        return wmem_strdup_printf(pool, "%s is in your UC networks", endpoint_text(pool, e, FALSE));
    case UC_EV_PHONE:
        return wmem_strdup_printf(pool, "%s is a Lync/SfB phone (%s, frame %u)", endpoint_text(pool, e, FALSE),
                                  ev->how ? ev->how : "bootstrap", ev->frame);
    case UC_EV_OTHER_FLOW:
        return wmem_strdup_printf(pool, "%s in STUN on this flow (frame %u): written by %s, not a Teams or SfB client",
                                  attr_words(pool, ev->attr), ev->frame, uc_stack_name(uc_stun_attr_stack(ev->attr)));
    case UC_EV_OTHER_ENDPOINT:
        return wmem_strdup_printf(pool, "%s in STUN from %s, the same endpoint (frame %u): written by %s, not a Teams "
                                  "or SfB client",
                                  attr_words(pool, ev->attr), endpoint_text(pool, e, TRUE), ev->frame,
                                  uc_stack_name(uc_stun_attr_stack(ev->attr)));
    default:
        return wmem_strdup(pool, ucdiag_evidence_missing());
    }
}

const char *
ucdiag_evidence_missing(void)
{
    return "no Microsoft STUN attributes on the flow or from its endpoints, neither end in Microsoft's Teams "
           "media ranges, your UC networks or a phone found in the capture";
}

void
ucdiag_evidence_register(module_t *module)
{
    static uat_field_t net_fields[] = {
        UAT_FLD_CSTRING(uc_nets, network, "Network", "An address or network: 10.20.0.0/16, 2001:db8::/32"),
        UAT_FLD_CSTRING(uc_nets, description, "Description", "What it is: SfB pool, Edge internal, voice VLAN"),
        UAT_END_FIELDS
    };
    uat_t *net_uat;

    net_uat = uat_new("UC networks", sizeof(net_rec_t), "ucdiag_uc_networks", TRUE, &net_recs, &n_net_recs,
                      UAT_AFFECTS_DISSECTION, NULL, net_copy, net_update, net_free, nets_rebuild, NULL, net_fields);
    prefs_register_uat_preference(module, "uc_networks", "UC networks",
                                  "Networks whose media is Microsoft UC media: Skype for Business pools, Mediation "
                                  "and conferencing servers, Edge internal interfaces, voice subnets. For "
                                  "on-premises deployments in private address space, where nothing else in a "
                                  "capture can say so", net_uat);
    nets_rebuild();
    endpoints = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), endpoint_hash, endpoint_equal);
    register_init_routine(evidence_init);
}
