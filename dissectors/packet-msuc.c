/* packet-msuc.c
 * Microsoft vendor-specific DHCP option 43: MS-UC-Client (Lync / Skype for
 * Business / Teams phones), MSFT 5.0 / MSFT 98 and CPE-OCPhone.
 *
 * This file is the entry from Wireshark's DHCP dissector: it finds the DHCP
 * message around option 43, joins option 250 to it, learns the vendor class
 * and hands the value to that vendor's decoder. It also remembers each
 * request's option 60, for replies that do not repeat it, and marks an
 * option 250 already decoded. The decoders are in packet-msuc-client.c and
 * packet-msuc-msft-cpe.c, registration in packet-msuc-register.c; see
 * packet-msuc-int.h for how they stand.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-msuc-int.h"

#include <epan/proto_data.h>
#include <wsutil/wmem/wmem.h>

#include "packet-msuc.h"
#include "rec_table.h"

#define DHCP_OPT_VENDOR_INFO 43
#define DHCP_OPT_VENDOR_CLASS 60
/* MS-DHCPE 2.2.9: Windows carries option 43 beyond 255 bytes on in 250. */
#define DHCP_OPT_MS_CONTINUATION 250

/* The key of this packet's proto data by which the option-43 decoder tells
 * the option-250 dissector after it that it decoded 250 joined to 43. */
#define MSUC_PROTO_DATA_JOINED 0

/* What a client said its vendor class was, by transaction. File-scoped: it
 * grows with DHCP transactions, not with packets. A DHCP server's capture
 * holds one per client boot, thousands: entries are handed out 64 at a time
 * and found through a rec_table (4 bytes a slot where a wmem_map item, its
 * bucket and an allocation header each took about 88). Thousands of clients
 * send the same few vendor classes: an entry names its class by number in
 * vendor_classes (32 bytes an entry where a pointer and length made 40). */
typedef struct {
    dhcp_client_key_t key;   /* first: the table finds an entry by it */
    guint32 frame;     /* the first request that carried it */
    guint32 vc_id;     /* in vendor_classes */
} request_vc_t;

/* The distinct vendor classes requests carried, found by the file's one
 * copy of their bytes (ucdiag_intern_file_scoped), so by its address. */
typedef struct {
    const guint8 *vc;  /* first: the table finds a class by it */
    guint32 len;
    guint32 unused;
} vendor_class_rec_t;

static guint
vc_address_hash(const void *k)
{
    const guint8 *vc;

    memcpy(&vc, k, sizeof vc);
    return (guint)((guintptr)vc >> 3);
}

static int
vc_address_equal(const void *a, const void *b)
{
    return *(const guint8 *const *)a == *(const guint8 *const *)b;
}

static rec_table_t request_vc_by_client = {
    .hash = dhcp_client_key_hash, .equal = dhcp_client_key_equal, .alloc = ucdiag_grow_file_scoped,
    .release = ucdiag_free_file_scoped, .size = sizeof(request_vc_t)
};
static rec_table_t vendor_classes = {
    .hash = vc_address_hash, .equal = vc_address_equal, .alloc = ucdiag_grow_file_scoped,
    .release = ucdiag_free_file_scoped, .size = sizeof(vendor_class_rec_t)
};
_Static_assert(sizeof(request_vc_t) == 32 && sizeof(vendor_class_rec_t) % 8 == 0, "entries side by side stay aligned");
_Static_assert(offsetof(request_vc_t, key) == 0, "request_vc_by_client finds an entry by the key it starts with");
static state_cap_t clients_cap;

static void
limit_note(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    if (!state_cap_reached_at(&clients_cap, pinfo->num))
        return;
    if (ucdiag_findings_open) {
        ucdiag_subject_begin(pinfo->num, "capture");
        ucdiag_findings_mark(pinfo, &ei_msuc_tracking_limit);
    }
    proto_tree_add_expert_format(tree, pinfo, &ei_msuc_tracking_limit, tvb, 0, 0,
                                     "Tracking limit of %u DHCP transactions reached; later transactions' vendor "
                                     "classes are not remembered (preference msuc.max_transactions)",
                                     clients_cap.limit);
}

static void
msuc_init(void)
{
    state_cap_reset(&clients_cap, msuc_max_transactions);
    /* The entries and the slots went with the last file's memory. */
    rec_table_reset(&request_vc_by_client);
    rec_table_reset(&vendor_classes);
    /* Preferences change only between dissections, each of which starts
     * here: what the kept value raised may differ under the new ones. */
    msuc_client_forget();
}

/* The vendor class an option 43 is decoded as, and where it was learnt. */
typedef struct {
    vendor_kind_t kind;
    msuc_vc_source_t source;
    const guint8 *vc;
    gsize vc_len;
    const request_vc_t *rv;   /* the request it came from, or NULL */
} vendor_class_t;

/* The DHCP dissector hands us a subset tvb of one option. Our own view of
 * the surrounding message lets us read option 60, 120 and 250, xid and chaddr
 * without relying on the layout of packet-dhcp.c's private data. */
static void
locate_message(tvbuff_t *opt_tvb, packet_info *pinfo, guint8 code, msuc_context_t *ctx)
{
    tvbuff_t *ds = tvb_get_ds_tvb(opt_tvb);
    const dhcp_view_t *view;
    gint raw = tvb_raw_offset(opt_tvb);
    guint opt_len = tvb_reported_length(opt_tvb);

    memset(ctx, 0, sizeof *ctx);
    if (!ds || raw < 2)
        return;
    ctx->len = tvb_captured_length(ds);
    if ((gsize)raw + opt_len > ctx->len)
        return;
    ctx->buf = tvb_get_ptr(ds, 0, (gint)ctx->len);
    ctx->opt_offset = (gsize)raw - 2;
    /* The subset must really sit where we think, behind its code and length. */
    if (ctx->buf[ctx->opt_offset] != code || ctx->buf[ctx->opt_offset + 1] != opt_len ||
        tvb_memeql(opt_tvb, 0, ctx->buf + raw, opt_len) != 0)
        return;
    view = ucdiag_packet_locate_dhcp(pinfo, ctx->buf, ctx->len, ctx->opt_offset);
    if (view) {
        ctx->view = *view;
        ctx->located = TRUE;
    }
}

/* The vendor class the client's request of this transaction carried, if that
 * request came before this frame. */
static const request_vc_t *
lookup_request_vc(const msuc_context_t *ctx, guint32 frame)
{
    dhcp_client_key_t key;
    const request_vc_t *rv;

    if (!ctx->located)
        return NULL;
    dhcp_client_key_from_view(&ctx->view, &key);
    rv = (const request_vc_t *)rec_table_find(&request_vc_by_client, &key);
    return (rv && rv->frame < frame) ? rv : NULL;
}

/* Heuristic on "dhcp.vendor_id" (option 60): never claims the option, only
 * remembers a request's vendor class so that the reply, which ISC dhcpd and
 * Kea send without option 60, can be decoded. */
static ucd_heur_ret_t
msuc_record_vendor_class(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    msuc_context_t ctx;
    dhcp_client_key_t key;
    request_vc_t *rv;
    vendor_class_rec_t *vr;
    const guint8 *vc;
    guint32 id, vc_id;
    guint len;

    /* Later passes: the note stays on the frame that met the limit. */
    if (PINFO_FD_VISITED(pinfo))
        limit_note(tvb, pinfo, tree);
    /* A DHCP message quoted in an ICMP error was already counted when it
     * crossed the wire. */
    if (PINFO_FD_VISITED(pinfo) || pinfo->flags.in_error_pkt)
        return FALSE;
    locate_message(tvb, pinfo, DHCP_OPT_VENDOR_CLASS, &ctx);
    if (!ctx.located || ctx.view.op != DHCP_OP_REQUEST)
        return FALSE;
    /* Retries carry the same vendor class: one entry per transaction, so the
     * map grows with transactions, never with packets. */
    dhcp_client_key_from_view(&ctx.view, &key);
    if (rec_table_find(&request_vc_by_client, &key))
        return FALSE;
    if (!state_cap_admit(&clients_cap, pinfo->num)) {
        limit_note(tvb, pinfo, tree);
        return FALSE;
    }
    len = tvb_captured_length(tvb);
    vc = len ? (const guint8 *)ucdiag_intern_file_scoped(NULL, tvb_get_ptr(tvb, 0, (gint)len), len)
             : (const guint8 *)"";
    /* wmem allocates or aborts */
    if (!rec_table_find_id(&vendor_classes, &vc, &vc_id)) {
        vr = (vendor_class_rec_t *)rec_table_take(&vendor_classes, &vc_id);
        vr->vc = vc;
        vr->len = len;
        vr->unused = 0;
        rec_table_add(&vendor_classes, vc_id);
    }
    rv = (request_vc_t *)rec_table_take(&request_vc_by_client, &id);
    rv->key = key;
    rv->frame = pinfo->num;
    rv->vc_id = vc_id;
    rec_table_add(&request_vc_by_client, id);
    return FALSE;
}

/* Microsoft's long-option encoding: 43 followed at once by 250 is one value. */
static tvbuff_t *
join_continuation(tvbuff_t *tvb, packet_info *pinfo, const msuc_context_t *ctx, guint *cont_len)
{
    tlv_t next;
    guint n43 = tvb_captured_length(tvb);
    guint8 *joined;
    tvbuff_t *jt;

    *cont_len = 0;
    if (!ctx->located || !dhcp_view_next_option(ctx->buf, &ctx->view, ctx->opt_offset, &next) ||
        next.code != DHCP_OPT_MS_CONTINUATION)
        return NULL;
    joined = (guint8 *)wmem_alloc(pinfo->pool, n43 + next.value_len);
    tvb_memcpy(tvb, joined, 0, n43);
    memcpy(joined + n43, ctx->buf + next.value_offset, next.value_len);
    jt = tvb_new_child_real_data(tvb, joined, n43 + (guint)next.value_len, n43 + (gint)next.value_len);
    *cont_len = (guint)next.value_len;
    return jt;
}

/* Which vendor the option speaks for: sub-option 1 says MS-UC-Client, else
 * option 60 of this packet, else of the client's request. The first place
 * that says anything decides, even a vendor we do not decode. */
static void
learn_vendor_class(tvbuff_t *payload, packet_info *pinfo, const msuc_context_t *ctx, vendor_class_t *vc)
{
    tlv_t opt60;

    memset(vc, 0, sizeof *vc);
    vc->kind = VENDOR_UNKNOWN;
    if (msuc_payload_identifies(tvb_get_ptr(payload, 0, tvb_captured_length(payload)),
                                tvb_captured_length(payload))) {
        vc->kind = VENDOR_MS_UC_CLIENT;
        vc->source = VC_FROM_SUBOPTION_1;
        vc->vc = (const guint8 *)MSUC_VENDOR_CLASS;
        vc->vc_len = MSUC_VENDOR_CLASS_LEN;
    } else if (ctx->located && dhcp_view_find_option(ctx->buf, &ctx->view, DHCP_OPT_VENDOR_CLASS, &opt60) &&
               opt60.kind == TLV_COMPLETE) {
        vc->source = VC_FROM_THIS_PACKET;
        vc->vc = ctx->buf + opt60.value_offset;
        vc->vc_len = opt60.value_len;
        vc->kind = vendor_kind_of(vc->vc, vc->vc_len);
    } else if ((vc->rv = lookup_request_vc(ctx, pinfo->num)) != NULL) {
        const vendor_class_rec_t *vr = (const vendor_class_rec_t *)rec_table_rec(&vendor_classes, vc->rv->vc_id);

        vc->source = VC_FROM_REQUEST;
        vc->vc = vr->vc;
        vc->vc_len = vr->len;
        vc->kind = vendor_kind_of(vc->vc, vc->vc_len);
    }
}

/* The msuc item and what it was decoded as; returns its subtree. */
static proto_tree *
add_msuc_item(tvbuff_t *payload, packet_info *pinfo, proto_tree *tree, const vendor_class_t *vc,
              proto_item **top)
{
    proto_tree *msuc_tree;
    proto_item *gi;

    *top = proto_tree_add_item(tree, proto_msuc, payload, 0, -1, ENC_NA);
    msuc_tree = proto_item_add_subtree(*top, ett_msuc);
    if (tree) {
        const char *vc_text = ucd_format_text(pinfo->pool, vc->vc, vc->vc_len);
        proto_item_append_text(*top, " (%s)", vc_text);
        gi = proto_tree_add_string(msuc_tree, hf_msuc_vendor_class, payload, 0, 0, vc_text);
        proto_item_set_generated(gi);
    }
    gi = proto_tree_add_uint(msuc_tree, hf_msuc_vendor_class_source, payload, 0, 0, vc->source);
    proto_item_set_generated(gi);
    if (vc->rv) {
        gi = proto_tree_add_uint(msuc_tree, hf_msuc_request_frame, payload, 0, 0, vc->rv->frame);
        proto_item_set_generated(gi);
    }
    return msuc_tree;
}

/* Says that option 43 (tvb) went on in option 250 and was decoded joined,
 * and leaves word for the option-250 dissector. */
static void
add_continuation(tvbuff_t *tvb, tvbuff_t *payload, packet_info *pinfo, proto_tree *msuc_tree, guint cont_len)
{
    proto_item *gi;

    gi = proto_tree_add_uint(msuc_tree, hf_msuc_continuation_length, payload,
                             (gint)tvb_captured_length(tvb), (gint)cont_len, cont_len);
    proto_item_set_generated(gi);
    UCDIAG_MARK(pinfo, &ei_msuc_option250_joined);
    expert_add_info_format(pinfo, gi, &ei_msuc_option250_joined,
                           "Option 43 continues in option 250 (Microsoft long-option encoding, "
                           "MS-DHCPE 2.2.9): %u + %u bytes decoded as one value; only Windows-aware "
                           "clients join them", tvb_captured_length(tvb), cont_len);
    p_add_proto_data(pinfo->pool, pinfo, proto_msuc, MSUC_PROTO_DATA_JOINED, GUINT_TO_POINTER(1));
}

/* What -z ucdiag,findings says msuc's findings are about: the DHCP client
 * the message is for, as the INFORM concern says it, and the server that
 * sent a reply. */
static void
state_subject(packet_info *pinfo, const msuc_context_t *ctx)
{
    const dhcp_view_t *v = &ctx->view;

    ucdiag_subject_begin(pinfo->num, "client");
    ucdiag_subject_mac("mac", ctx->located ? v->chaddr : NULL, ctx->located ? v->hlen : 0);
    ucdiag_subject_ipv4("ip", !ctx->located ? 0 : v->ciaddr ? v->ciaddr : v->yiaddr);
    ucdiag_subject_ipv4("relay", ctx->located ? v->giaddr : 0);
    ucdiag_subject_address("server", ctx->located && v->op == DHCP_OP_REPLY ? &pinfo->net_src : NULL);
}

/* Heuristic on "dhcp.vendor_info" (option 43): claims the option when it
 * speaks for a vendor we decode. */
static ucd_heur_ret_t
dissect_msuc_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    msuc_context_t ctx;
    tvbuff_t *payload;
    vendor_class_t vc;
    guint cont_len = 0;
    proto_item *top;
    proto_tree *msuc_tree;

    locate_message(tvb, pinfo, DHCP_OPT_VENDOR_INFO, &ctx);
    payload = join_continuation(tvb, pinfo, &ctx, &cont_len);
    if (!payload)
        payload = tvb;
    learn_vendor_class(payload, pinfo, &ctx, &vc);
    if (vc.kind == VENDOR_UNKNOWN)
        return FALSE;
    if (cont_len)
        add_new_data_source(pinfo, payload, "Option 43 + 250 (joined)");
    if (ucdiag_findings_open)
        state_subject(pinfo, &ctx);

    msuc_tree = add_msuc_item(payload, pinfo, tree, &vc, &top);
    if (cont_len)
        add_continuation(tvb, payload, pinfo, msuc_tree, cont_len);

    switch (vc.kind) {
    case VENDOR_MS_UC_CLIENT:
        msuc_dissect_ms_uc_client(payload, pinfo, msuc_tree, top, &ctx, cont_len != 0);
        break;
    case VENDOR_MSFT:
        msuc_dissect_msft(payload, pinfo, msuc_tree);
        break;
    case VENDOR_CPE_OCPHONE:
        msuc_dissect_cpe(payload, pinfo, msuc_tree);
        break;
    case VENDOR_UNKNOWN:
        break;
    }
    ucdiag_info_field(pinfo, msuc_tree, hf_msuc_finding);
    return TRUE;
}

/* Option 250 after a joined option 43: point the reader to the decode. */
static int
dissect_msuc_option250(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    proto_item *it;

    if (!p_get_proto_data(pinfo->pool, pinfo, proto_msuc, MSUC_PROTO_DATA_JOINED))
        return 0;
    it = proto_tree_add_boolean(tree, hf_msuc_option250_continuation, tvb, 0, tvb_reported_length(tvb), TRUE);
    proto_item_append_text(it, " (decoded with option 43 above)");
    return tvb_captured_length(tvb);
}

void
proto_reg_handoff_msuc(void)
{
    /* msuc_init empties the vendor classes' table with each capture file. */
    register_init_routine(msuc_init);
    heur_dissector_add("dhcp.vendor_info", dissect_msuc_heur,
                       "Microsoft vendor options (MS-UC-Client, MSFT 5.0, CPE-OCPhone)",
                       "msuc_dhcp", proto_msuc, HEURISTIC_ENABLE);
    heur_dissector_add("dhcp.vendor_id", msuc_record_vendor_class,
                       "Remember requests' vendor class for Microsoft option 43",
                       "msuc_dhcp_vendor_class", proto_msuc, HEURISTIC_ENABLE);
    dissector_add_uint("dhcp.option", DHCP_OPT_MS_CONTINUATION,
                       create_dissector_handle(dissect_msuc_option250, proto_msuc));
}
