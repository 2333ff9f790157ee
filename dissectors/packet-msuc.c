/* packet-msuc.c
 * Microsoft vendor-specific DHCP option 43: MS-UC-Client (Lync / Skype for
 * Business / Teams phones), MSFT 5.0 / MSFT 98 and CPE-OCPhone.
 *
 * The decoding decisions and checks live in msuc_logic.c; this file turns
 * them into tree items, generated fields and expert info.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <wsutil/wmem/wmem.h>

#include "msuc_logic.h"
#include "packet-msuc.h"
#include "ucdiag_packet.h"
#include "ucdiag_shared.h"

#define DHCP_OPT_VENDOR_INFO 43
#define DHCP_OPT_VENDOR_CLASS 60
#define DHCP_OPT_SIP_SERVERS 120
/* MS-DHCPE 2.2.9: Windows carries option 43 beyond 255 bytes on in 250. */
#define DHCP_OPT_MS_CONTINUATION 250

/* The length of a URL we assemble: 4 components of at most 510 bytes, each
 * byte at most 4 characters once escaped. */
#define MSUC_URL_MAX (4 * 510 * 4 + 8)

static int proto_msuc = -1;

/* An expert info, and its few words for the packet list's [UC: ...]. msuc
 * decodes only option 43, rare enough to always word it. */
#define MSUC_EXPERT(pinfo, item, ei, brief, ...)                        \
    do {                                                                \
        ucdiag_info((pinfo), TRUE, "%s", (brief));                      \
        expert_add_info_format((pinfo), (item), (ei), __VA_ARGS__);     \
    } while (0)

static int hf_msuc_suboption = -1;
static int hf_msuc_suboption_length = -1;
static int hf_msuc_suboption_value = -1;
static int hf_msuc_uc_identifier = -1;
static int hf_msuc_url_scheme = -1;
static int hf_msuc_web_server_fqdn = -1;
static int hf_msuc_web_server_port = -1;
static int hf_msuc_web_server_port_number = -1;
static int hf_msuc_cert_prov_path = -1;
static int hf_msuc_cert_prov_url = -1;
static int hf_msuc_pad = -1;
static int hf_msuc_end = -1;
static int hf_msuc_after_end = -1;
static int hf_msuc_vendor_class = -1;
static int hf_msuc_vendor_class_source = -1;
static int hf_msuc_request_frame = -1;
static int hf_msuc_continuation_length = -1;
static int hf_msuc_option250_continuation = -1;
static int hf_msuc_msft_suboption = -1;
static int hf_msuc_msft_disable_netbios = -1;
static int hf_msuc_msft_release_on_shutdown = -1;
static int hf_msuc_msft_router_metric_base = -1;
static int hf_msuc_msft_rogue_detection_request = -1;
static int hf_msuc_msft_rogue_detection_reply = -1;
static int hf_msuc_msft_nap_soh = -1;
static int hf_msuc_msft_nap_mask = -1;
static int hf_msuc_msft_nap_correlation_id = -1;
static int hf_msuc_msft_nap_ipv6_count = -1;
static int hf_msuc_msft_nap_ipv6_server = -1;
static int hf_msuc_cpe_suboption = -1;
static int hf_msuc_cpe_vlan_id = -1;
static int hf_msuc_finding = -1;

static gint ett_msuc = -1;
static gint ett_msuc_suboption = -1;

static expert_field ei_msuc_suboption_truncated = EI_INIT;
static expert_field ei_msuc_suboption_missing = EI_INIT;
static expert_field ei_msuc_suboption_duplicate = EI_INIT;
static expert_field ei_msuc_suboption_nonprintable = EI_INIT;
static expert_field ei_msuc_uc_identifier_unexpected = EI_INIT;
static expert_field ei_msuc_web_server_port_invalid = EI_INIT;
static expert_field ei_msuc_url_scheme_invalid = EI_INIT;
static expert_field ei_msuc_cert_prov_path_invalid = EI_INIT;
static expert_field ei_msuc_web_server_fqdn_invalid = EI_INIT;
static expert_field ei_msuc_nonstandard = EI_INIT;
static expert_field ei_msuc_trailing = EI_INIT;
static expert_field ei_msuc_option120_ip_list = EI_INIT;
static expert_field ei_msuc_option120_multiple_fqdn = EI_INIT;
static expert_field ei_msuc_option120_malformed = EI_INIT;
static expert_field ei_msuc_option250_joined = EI_INIT;
static expert_field ei_msuc_msft_bad_length = EI_INIT;
static expert_field ei_msuc_msft_unknown_value = EI_INIT;
static expert_field ei_msuc_cpe_vlan_invalid = EI_INIT;

static ucd_pref_bool_t msuc_note_nonstandard = TRUE;
static guint msuc_truncation_length = MSUC_ROUTER_TRUNCATION_LEN;

static const value_string msuc_suboption_vals[] = {
    { MSUC_SUB_UC_IDENTIFIER,   "UCIdentifier" },
    { MSUC_SUB_URL_SCHEME,      "URLScheme" },
    { MSUC_SUB_WEB_SERVER_FQDN, "WebServerFqdn" },
    { MSUC_SUB_WEB_SERVER_PORT, "WebServerPort" },
    { MSUC_SUB_CERT_PROV_PATH,  "CertProvRelPath" },
    { 0, NULL }
};

static const value_string msuc_msft_suboption_vals[] = {
    { MSFT_SUB_DISABLE_NETBIOS,     "Disable NetBIOS" },
    { MSFT_SUB_RELEASE_ON_SHUTDOWN, "Release DHCP Lease on Shutdown" },
    { MSFT_SUB_ROUTER_METRIC_BASE,  "Default Router Metric Base" },
    { MSFT_SUB_ROGUE_REQUEST,       "Rogue Detection Request" },
    { MSFT_SUB_ROGUE_REPLY,         "Rogue Detection Reply" },
    { MSFT_SUB_NAP_SOH,             "NAP Statement of Health" },
    { MSFT_SUB_NAP_MASK,            "NAP Subnet Mask" },
    { MSFT_SUB_NAP_COID,            "NAP Correlation ID" },
    { MSFT_SUB_NAP_IPV6,            "NAP IPv6 Remediation Servers" },
    { 0, NULL }
};

static const value_string msuc_msft_disable_netbios_vals[] = {
    { 0, "Enable NetBIOS over TCP/IP (default)" },
    { 2, "Disable NetBIOS over TCP/IP" },
    { 0, NULL }
};

static const value_string msuc_msft_release_on_shutdown_vals[] = {
    { 0, "Keep the lease" },
    { 1, "Release the lease" },
    { 0, NULL }
};

static const value_string msuc_cpe_suboption_vals[] = {
    { CPE_SUB_VLAN_ID, "VLAN ID" },
    { 0, NULL }
};

typedef enum {
    VC_FROM_SUBOPTION_1 = 1,
    VC_FROM_THIS_PACKET = 2,
    VC_FROM_REQUEST = 3
} vc_source_t;

static const value_string msuc_vendor_class_source_vals[] = {
    { VC_FROM_SUBOPTION_1, "Sub-option 1 of this option 43" },
    { VC_FROM_THIS_PACKET, "Option 60 in this packet" },
    { VC_FROM_REQUEST,     "Option 60 of the client's earlier request (same xid and MAC)" },
    { 0, NULL }
};

/* What a client said its vendor class was, by transaction. File-scoped: it
 * grows with DHCP transactions, not with packets. */
typedef struct {
    guint32 frame;     /* the first request that carried it */
    guint8 *vc;
    gsize vc_len;
} request_vc_t;

static wmem_map_t *request_vc_by_client;

/* What the option-43 heuristic leaves for the option-250 dissector in the
 * same packet. */
#define MSUC_PROTO_DATA_JOINED 0

/* Everything we learnt about the DHCP message around an option. */
typedef struct {
    const guint8 *buf;     /* bytes of the data source */
    gsize len;
    gsize opt_offset;      /* the option's code byte in buf */
    gboolean located;
    dhcp_view_t view;
} msuc_context_t;

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

static const request_vc_t *
lookup_request_vc(const msuc_context_t *ctx, guint32 frame)
{
    dhcp_client_key_t key;
    const request_vc_t *rv;

    if (!ctx->located)
        return NULL;
    dhcp_client_key_from_view(&ctx->view, &key);
    rv = (const request_vc_t *)wmem_map_lookup(request_vc_by_client, &key);
    return (rv && rv->frame < frame) ? rv : NULL;
}

/* Heuristic on "dhcp.vendor_id" (option 60): never claims the option, only
 * remembers a request's vendor class so that the reply, which ISC dhcpd and
 * Kea send without option 60, can be decoded. */
static ucd_heur_ret_t
msuc_record_vendor_class(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree _U_, void *data _U_)
{
    msuc_context_t ctx;
    dhcp_client_key_t key;
    request_vc_t *rv;
    guint len;

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
    if (wmem_map_contains(request_vc_by_client, &key))
        return FALSE;
    len = tvb_reported_length(tvb);
    rv = wmem_new(wmem_file_scope(), request_vc_t);
    rv->frame = pinfo->num;
    rv->vc_len = len;
    rv->vc = (guint8 *)tvb_memdup(wmem_file_scope(), tvb, 0, len);
    wmem_map_insert(request_vc_by_client, wmem_memdup(wmem_file_scope(), &key, sizeof key), rv);
    return FALSE;
}

/* Expert messages are cut at Wireshark's 240-character label limit, so a
 * value quoted in one (a 200-character FQDN, say) is shortened first. */
#define MSUC_QUOTE_MAX 40

static const char *
clip_text(packet_info *pinfo, const guint8 *v, gsize n)
{
    if (n <= MSUC_QUOTE_MAX)
        return ucd_format_text(pinfo->pool, v, n);
    return wmem_strdup_printf(pinfo->pool, "%s...", ucd_format_text(pinfo->pool, v, MSUC_QUOTE_MAX - 3));
}

static const char *
suboption_name(int code)
{
    return val_to_str_const(code, msuc_suboption_vals, "Unknown");
}

/* Appends the router-truncation hint when the option has the tell-tale length. */
static const char *
truncation_hint(packet_info *pinfo, guint option_len)
{
    if (msuc_truncation_length && option_len == msuc_truncation_length)
        return wmem_strdup_printf(pinfo->pool,
                                  ". Option 43 is %u bytes: some router DHCP servers (Cisco IOS) "
                                  "truncate it there", option_len);
    return "";
}

typedef struct {
    gboolean present;
    gboolean truncated;
    gint offset;      /* of the value, in the payload tvb */
    gint len;
    proto_item *item;
    proto_tree *tree;
    text_scan_t scan;  /* of the value, made once when it is recorded */
} seen_suboption_t;

static int
text_field_for(int code)
{
    switch (code) {
    case MSUC_SUB_UC_IDENTIFIER:   return hf_msuc_uc_identifier;
    case MSUC_SUB_URL_SCHEME:      return hf_msuc_url_scheme;
    case MSUC_SUB_WEB_SERVER_FQDN: return hf_msuc_web_server_fqdn;
    case MSUC_SUB_WEB_SERVER_PORT: return hf_msuc_web_server_port;
    case MSUC_SUB_CERT_PROV_PATH:  return hf_msuc_cert_prov_path;
    default:                       return -1;
    }
}

/* Adds one sub-option header (code and length) and returns its subtree. */
static proto_tree *
add_suboption_header(proto_tree *tree, tvbuff_t *tvb, int hf_code, const value_string *names,
                     const tlv_t *t, proto_item **item_out)
{
    proto_item *it;
    proto_tree *st;
    gint total = (gint)(t->value_offset - t->offset + t->value_len);

    it = proto_tree_add_uint_format(tree, hf_code, tvb, (gint)t->offset, total, t->code,
                                    "Sub-option %u: %s", t->code,
                                    val_to_str_const(t->code, names, "Unknown"));
    st = proto_item_add_subtree(it, ett_msuc_suboption);
    if (t->kind != TLV_NO_LENGTH)
        proto_tree_add_item(st, hf_msuc_suboption_length, tvb, (gint)t->offset + 1, 1, ENC_BIG_ENDIAN);
    if (item_out)
        *item_out = it;
    return st;
}

static void
add_truncation_expert(packet_info *pinfo, proto_item *it, const tlv_t *t, const char *name,
                      guint option_len)
{
    if (t->kind == TLV_NO_LENGTH) {
        proto_item_append_text(it, " [truncated: no length byte]");
        MSUC_EXPERT(pinfo, it, &ei_msuc_suboption_truncated, "option 43 truncated",
                    "Sub-option %u (%s) has no length byte: option 43 ends inside it and the phone cannot "
                    "read it%s", t->code, name, truncation_hint(pinfo, option_len));
    } else {
        proto_item_append_text(it, " [truncated: %u of %u bytes]", (guint)t->value_len, (guint)t->claimed_len);
        MSUC_EXPERT(pinfo, it, &ei_msuc_suboption_truncated, "option 43 truncated",
                    "Sub-option %u (%s) claims %u bytes, %u remain: option 43 is cut short and the phone's "
                    "URL is broken%s", t->code, name, (guint)t->claimed_len, (guint)t->value_len,
                    truncation_hint(pinfo, option_len));
    }
}

/* Walks pad, end and trailing bytes the same way for every vendor class.
 * Returns TRUE when t was one of those and has been handled. */
static gboolean
handle_pad_end(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, const guint8 *p, gsize plen,
               const tlv_t *t, gsize *pos)
{
    gsize i;

    if (t->kind == TLV_PAD) {
        proto_tree_add_item(tree, hf_msuc_pad, tvb, (gint)t->offset, 1, ENC_NA);
        return TRUE;
    }
    if (t->kind != TLV_END)
        return FALSE;
    proto_tree_add_item(tree, hf_msuc_end, tvb, (gint)t->offset, 1, ENC_NA);
    for (i = *pos; i < plen && p[i] == 0; i++)
        ;
    if (i < plen) {
        proto_item *ti = proto_tree_add_item(tree, hf_msuc_after_end, tvb, (gint)*pos,
                                             (gint)(plen - *pos), ENC_NA);
        MSUC_EXPERT(pinfo, ti, &ei_msuc_trailing, "option 43 data after End",
                    "%u bytes follow the End sub-option: the phone ignores them, "
                    "so a sub-option placed there never reaches it",
                    (guint)(plen - *pos));
    }
    *pos = plen;
    return TRUE;
}

/* One sub-option as the walker hands it to a vendor's decoder: its header
 * is already in the tree and a truncation already reported. */
typedef struct {
    tvbuff_t *tvb;
    packet_info *pinfo;
    const guint8 *p;   /* the whole payload */
    const tlv_t *t;
    proto_item *item;  /* the sub-option */
    proto_tree *tree;  /* and its subtree */
} suboption_t;

typedef void (*suboption_decoder_t)(const suboption_t *s, void *user);

/* The walk every vendor class shares: pad, end, trailing bytes, headers and
 * truncation; decode() sees each sub-option, complete or cut short. */
static void
walk_suboptions(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf_code, const value_string *names,
                guint hint_len, suboption_decoder_t decode, void *user)
{
    gsize plen = tvb_captured_length(tvb), pos = 0;
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)plen);
    tlv_t t;

    while (tlv_next(p, plen, &pos, &t)) {
        suboption_t s;

        if (handle_pad_end(pinfo, tree, tvb, p, plen, &t, &pos))
            continue;
        s.tvb = tvb;
        s.pinfo = pinfo;
        s.p = p;
        s.t = &t;
        s.tree = add_suboption_header(tree, tvb, hf_code, names, &t, &s.item);
        if (t.kind != TLV_COMPLETE)
            add_truncation_expert(pinfo, s.item, &t, val_to_str_const(t.code, names, "Unknown"), hint_len);
        decode(&s, user);
    }
}

/* Adds the value as bytes; for sub-options we do not (or cannot) interpret. */
static void
add_value_bytes(const suboption_t *s)
{
    if (s->t->value_len)
        proto_tree_add_item(s->tree, hf_msuc_suboption_value, s->tvb, (gint)s->t->value_offset,
                            (gint)s->t->value_len, ENC_NA);
}

static void
check_text(packet_info *pinfo, const seen_suboption_t *s, int code)
{
    const text_scan_t ts = s->scan;

    if (ts.nul_count == 0 && ts.nonprint_count == 0)
        return;
    /* A binary port gets its own, more precise message from check_port. */
    if (code == MSUC_SUB_WEB_SERVER_PORT && ts.nul_count == 0)
        return;
    if (ts.nul_count && ts.only_trailing_nuls && ts.nonprint_count == 0)
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_suboption_nonprintable, "option 43 String-typed",
                    "Sub-option %d (%s) ends in %u NUL byte(s): defined as String instead of "
                    "Binary on the DHCP server? A phone using the length as sent gets a URL "
                    "with a NUL in it",
                    code, suboption_name(code), (guint)ts.nul_count);
    else
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_suboption_nonprintable, "option 43 not plain text",
                    "Sub-option %d (%s) is not plain ASCII (%u NUL, %u other non-printable "
                    "bytes): String typing or a wrong encoding on the DHCP server; the "
                    "phone's provisioning URL is corrupt",
                    code, suboption_name(code), (guint)ts.nul_count, (guint)ts.nonprint_count);
}

static void
check_uc_identifier(packet_info *pinfo, const seen_suboption_t *s, const guint8 *p)
{
    const guint8 *v = p + s->offset;
    /* the length a device reading C strings sees */
    gint n = (gint)s->scan.text_len;

    if (n != MSUC_VENDOR_CLASS_LEN || memcmp(v, MSUC_VENDOR_CLASS, MSUC_VENDOR_CLASS_LEN) != 0)
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_uc_identifier_unexpected, "option 43 UC identifier unexpected",
                    "UCIdentifier is \"%s\", not \"" MSUC_VENDOR_CLASS "\": devices check it "
                    "against their vendor class and may ignore the whole option",
                    clip_text(pinfo, v, (gsize)s->len));
}

static void
check_scheme(packet_info *pinfo, const seen_suboption_t *s, const guint8 *p)
{
    const guint8 *v = p + s->offset;
    /* the length a device reading C strings sees */
    gint n = (gint)s->scan.text_len;
    const char *shown = clip_text(pinfo, v, (gsize)n);

    switch (msuc_scheme_check(v, (gsize)n)) {
    case SCHEME_HTTPS:
        break;
    case SCHEME_HTTP:
        if (msuc_note_nonstandard)
            expert_add_info_format(pinfo, s->item, &ei_msuc_nonstandard,
                                   "URLScheme is \"http\", not the standard \"https\": certificate "
                                   "provisioning works only if the pool's web service answers plain HTTP");
        break;
    case SCHEME_CASE:
        if (msuc_note_nonstandard)
            expert_add_info_format(pinfo, s->item, &ei_msuc_nonstandard,
                                   "URLScheme is \"%s\": schemes are case-insensitive, but phones "
                                   "compare against \"https\"", shown);
        break;
    case SCHEME_INVALID:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_url_scheme_invalid, "option 43 scheme invalid",
                    "URLScheme is \"%s\", neither https nor http: the phone cannot reach "
                    "Certificate Provisioning, so PIN sign-in will not appear",
                    shown);
        break;
    }
}

static void
check_port(packet_info *pinfo, proto_tree *st, tvbuff_t *tvb, const seen_suboption_t *s, const guint8 *p)
{
    const guint8 *v = p + s->offset;
    /* the length a device reading C strings sees */
    gint n = (gint)s->scan.text_len;
    guint32 port = 0;
    proto_item *pi;

    switch (msuc_port_check(v, (gsize)n, &port)) {
    case PORT_OK:
        pi = proto_tree_add_uint(st, hf_msuc_web_server_port_number, tvb, s->offset, n, port);
        proto_item_set_generated(pi);
        if (port != MSUC_STD_PORT && msuc_note_nonstandard)
            expert_add_info_format(pinfo, s->item, &ei_msuc_nonstandard,
                                   "WebServerPort is %u, not the standard 443: the pool's internal web "
                                   "service must listen there", port);
        break;
    case PORT_EMPTY:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_web_server_port_invalid, "option 43 port invalid",
                    "WebServerPort is empty: the phone has no port for its provisioning URL");
        break;
    case PORT_NOT_DIGITS:
        if (s->len == 2 && n == 2)
            MSUC_EXPERT(pinfo, s->item, &ei_msuc_web_server_port_invalid, "option 43 port invalid",
                        "WebServerPort is 2 binary bytes (%u as a 16-bit integer), not ASCII "
                        "digits: send the port as text, e.g. \"443\" (34 34 33)",
                        ((guint)v[0] << 8) | v[1]);
        else
            MSUC_EXPERT(pinfo, s->item, &ei_msuc_web_server_port_invalid, "option 43 port invalid",
                        "WebServerPort \"%s\" is not ASCII digits: the phone cannot build its "
                        "provisioning URL", clip_text(pinfo, v, (gsize)s->len));
        break;
    case PORT_OUT_OF_RANGE:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_web_server_port_invalid, "option 43 port invalid",
                    "WebServerPort \"%s\" is outside 1-65535: the phone cannot connect",
                    clip_text(pinfo, v, (gsize)n));
        break;
    }
}

static void
check_path(packet_info *pinfo, const seen_suboption_t *s, const guint8 *p)
{
    const guint8 *v = p + s->offset;
    /* the length a device reading C strings sees */
    gint n = (gint)s->scan.text_len;
    const char *shown = clip_text(pinfo, v, (gsize)n);

    switch (msuc_path_check(v, (gsize)n)) {
    case PATH_EMPTY:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath is empty: the phone has no service path to call");
        return;
    case PATH_NO_LEADING_SLASH:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath \"%s\" does not start with '/': joined to the port it "
                    "makes a broken URL, so certificate provisioning fails", shown);
        return;
    case PATH_BAD_CHAR:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath \"%s\" contains a space, control or non-ASCII byte: the "
                    "URL is invalid", shown);
        return;
    case PATH_OK:
        break;
    }
    if (!msuc_path_is_standard(v, (gsize)n) && msuc_note_nonstandard)
        expert_add_info_format(pinfo, s->item, &ei_msuc_nonstandard,
                               "CertProvRelPath is \"%s\", not the standard " MSUC_STD_PATH "%s",
                               shown, msuc_path_ends_svc(v, (gsize)n) ? "" :
                               ", and does not end in .svc (cut off?)");
}

static void
check_fqdn(packet_info *pinfo, const seen_suboption_t *s, const guint8 *p)
{
    static const value_string host_problem_vals[] = {
        { HOST_EMPTY,          "is empty" },
        { HOST_TOO_LONG,       "is longer than 253 characters" },
        { HOST_LABEL_TOO_LONG, "has a label longer than 63 characters" },
        { HOST_EMPTY_LABEL,    "has an empty label" },
        { HOST_BAD_CHAR,       "has a character not allowed in a host name" },
        { HOST_HYPHEN_EDGE,    "has a label starting or ending with '-'" },
        { 0, NULL }
    };
    const guint8 *v = p + s->offset;
    /* the length a device reading C strings sees */
    gint n = (gint)s->scan.text_len;
    gsize bad_at;
    host_check_t hc = msuc_host_check(v, (gsize)n, &bad_at);

    if (hc != HOST_OK)
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_web_server_fqdn_invalid, "option 43 host invalid",
                    "WebServerFqdn \"%s\" is not a valid host name (it %s, at character %u): "
                    "the phone cannot resolve it",
                    clip_text(pinfo, v, (gsize)n),
                    val_to_str_const(hc, host_problem_vals, "is invalid"), (guint)bad_at + 1);
}

/* Option 120 is DHCP's to decode; we only judge it as a Lync phone would. */
static void
check_option120(packet_info *pinfo, proto_item *top, const msuc_context_t *ctx)
{
    guint8 joined[255 * 4];
    gsize n = 0;
    gboolean found = FALSE;
    opt120_info_t info;
    dhcp_opt_iter_t it = {0, 0};
    tlv_t t;

    if (!ctx->located || ctx->view.op != DHCP_OP_REPLY)
        return;
    /* RFC 3396: repeated instances of one option are one value. */
    while (dhcp_view_next(ctx->buf, &ctx->view, &it, &t)) {
        if (t.kind == TLV_COMPLETE && t.code == DHCP_OPT_SIP_SERVERS && n + t.value_len <= sizeof joined) {
            memcpy(joined + n, ctx->buf + t.value_offset, t.value_len);
            n += t.value_len;
            found = TRUE;
        }
    }
    if (!found)
        return;
    opt120_check(joined, n, &info);
    switch (info.status) {
    case OPT120_OK:
        if (info.names > 1)
            MSUC_EXPERT(pinfo, top, &ei_msuc_option120_multiple_fqdn, "option 120 has several names",
                        "Option 120 lists %u SIP server FQDNs: Lync/Skype for Business phones "
                        "need exactly one (the registrar pool)", info.names);
        break;
    case OPT120_IP_LIST:
        MSUC_EXPERT(pinfo, top, &ei_msuc_option120_ip_list, "option 120 is an address list",
                    "Option 120 uses encoding 1 (IPv4 list): Lync/Skype for Business phones "
                    "need encoding 0 with one FQDN, so they fall back to DNS discovery");
        break;
    case OPT120_EMPTY:
    case OPT120_BAD_ENCODING:
    case OPT120_MALFORMED:
        MSUC_EXPERT(pinfo, top, &ei_msuc_option120_malformed, "option 120 malformed",
                    "Option 120 is malformed (%s): the phone cannot learn its registrar "
                    "from DHCP and falls back to DNS discovery",
                    info.status == OPT120_EMPTY ? "no server names" :
                    info.status == OPT120_BAD_ENCODING ? "encoding is neither 0 nor 1" :
                    "a label length runs past the option or exceeds 63");
        break;
    }
}

static void
decode_ms_uc_suboption(const suboption_t *s, void *user)
{
    seen_suboption_t *seen = (seen_suboption_t *)user;
    const tlv_t *t = s->t;
    int hf = text_field_for(t->code);

    if (hf < 0) {
        add_value_bytes(s);
        return;
    }
    if (t->value_len > 0)
        proto_tree_add_item(s->tree, hf, s->tvb, (gint)t->value_offset, (gint)t->value_len, ENC_ASCII);
    if (seen[t->code].present) {
        MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_suboption_duplicate, "option 43 sub-option repeated",
                    "Sub-option %u (%s) appears again: only the first one is checked and "
                    "used for the URL; phones differ in which one they take",
                    t->code, suboption_name(t->code));
        return;
    }
    seen[t->code].present = TRUE;
    seen[t->code].truncated = t->kind != TLV_COMPLETE;
    seen[t->code].offset = (gint)t->value_offset;
    seen[t->code].len = (gint)t->value_len;
    seen[t->code].item = s->item;
    seen[t->code].tree = s->tree;
    text_scan(s->p + t->value_offset, t->value_len, &seen[t->code].scan);
    if (t->kind == TLV_COMPLETE && s->item)
        proto_item_append_text(s->item, " = %s",
                               ucd_format_text(s->pinfo->pool, s->p + t->value_offset, t->value_len));
}

static void
dissect_ms_uc_client(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                     const msuc_context_t *ctx, gboolean joined)
{
    seen_suboption_t seen[MSUC_SUB_COUNT];
    guint option_len = tvb_reported_length(tvb);
    gsize plen = tvb_captured_length(tvb);
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)plen);
    int code;
    gboolean cut = FALSE;

    memset(seen, 0, sizeof seen);
    /* A joined 43+250 value was not cut by a router at 90 bytes. */
    walk_suboptions(tvb, pinfo, tree, hf_msuc_suboption, msuc_suboption_vals, joined ? 0 : option_len,
                    decode_ms_uc_suboption, seen);

    for (code = MSUC_SUB_UC_IDENTIFIER; code < MSUC_SUB_COUNT; code++)
        cut = cut || seen[code].truncated;
    for (code = MSUC_SUB_UC_IDENTIFIER; code < MSUC_SUB_COUNT; code++) {
        const seen_suboption_t *s = &seen[code];

        if (!s->present) {
            /* After a cut, "truncated" already says why it is missing. */
            MSUC_EXPERT(pinfo, top, &ei_msuc_suboption_missing,
                        cut ? "option 43 truncated" : "option 43 lacks a sub-option",
                        "Sub-option %d (%s) is missing: %s%s", code, suboption_name(code),
                        code == MSUC_SUB_UC_IDENTIFIER ?
                        "devices expect it to repeat the vendor class and may ignore the option" :
                        "the phone cannot build its provisioning URL; PIN sign-in will not "
                        "appear",
                        joined ? "" : truncation_hint(pinfo, option_len));
            continue;
        }
        if (s->truncated)
            continue; /* already said; judging a cut-off value adds only noise */
        check_text(pinfo, s, code);
        switch (code) {
        case MSUC_SUB_UC_IDENTIFIER:   check_uc_identifier(pinfo, s, p); break;
        case MSUC_SUB_URL_SCHEME:      check_scheme(pinfo, s, p); break;
        case MSUC_SUB_WEB_SERVER_FQDN: check_fqdn(pinfo, s, p); break;
        case MSUC_SUB_WEB_SERVER_PORT: check_port(pinfo, s->tree, tvb, s, p); break;
        case MSUC_SUB_CERT_PROV_PATH:  check_path(pinfo, s, p); break;
        }
    }

    if (seen[MSUC_SUB_URL_SCHEME].present && seen[MSUC_SUB_WEB_SERVER_FQDN].present &&
        seen[MSUC_SUB_WEB_SERVER_PORT].present && seen[MSUC_SUB_CERT_PROV_PATH].present) {
        char *url = (char *)wmem_alloc(pinfo->pool, MSUC_URL_MAX);
        const seen_suboption_t *sc = &seen[MSUC_SUB_URL_SCHEME], *sf = &seen[MSUC_SUB_WEB_SERVER_FQDN],
                               *sp = &seen[MSUC_SUB_WEB_SERVER_PORT], *sr = &seen[MSUC_SUB_CERT_PROV_PATH];
        proto_item *ui;

        msuc_build_url(url, MSUC_URL_MAX, p + sc->offset, (gsize)sc->len, p + sf->offset, (gsize)sf->len,
                       p + sp->offset, (gsize)sp->len, p + sr->offset, (gsize)sr->len);
        ui = proto_tree_add_string(tree, hf_msuc_cert_prov_url, tvb, 0, (gint)plen, url);
        proto_item_set_generated(ui);
        if (sc->truncated || sf->truncated || sp->truncated || sr->truncated) {
            proto_item_append_text(ui, " [incomplete: a sub-option is truncated]");
            proto_item_append_text(top, ", %s (incomplete)", url);
        } else {
            col_append_fstr(pinfo->cinfo, COL_INFO, " (MS-UC-Client %s)", url);
            proto_item_append_text(top, ", %s", url);
        }
    } else if (cut) {
        proto_item_append_text(top, ", no Certificate Provisioning URL (option 43 truncated)");
    }

    check_option120(pinfo, top, ctx);
}

/* MS-DHCPN 2.2.1: what a NAP-capable Windows client and server exchange. */
static void
decode_nap_suboption(const suboption_t *s, const char *name)
{
    const tlv_t *t = s->t;
    gint voff = (gint)t->value_offset, len = (gint)t->value_len, i;
    const guint8 *v = s->p + t->value_offset;
    guint32 n;

    switch (t->code) {
    case MSFT_SUB_NAP_SOH:
        proto_tree_add_item(s->tree, hf_msuc_msft_nap_soh, s->tvb, voff, len, ENC_NA);
        /* What every NAP-capable Windows client sends: "do you do NAP?" */
        if (len == 0 || (len == 1 && v[0] == 0))
            proto_item_append_text(s->item, " (empty: the client asks whether the server does NAP)");
        return;
    case MSFT_SUB_NAP_MASK:
        if (len != MSFT_NAP_MASK_LEN)
            break;
        proto_tree_add_item(s->tree, hf_msuc_msft_nap_mask, s->tvb, voff, len, ENC_LITTLE_ENDIAN);
        return;
    case MSFT_SUB_NAP_COID:
        proto_tree_add_item(s->tree, hf_msuc_msft_nap_correlation_id, s->tvb, voff, len, ENC_NA);
        if (len != MSFT_NAP_COID_LEN)
            break;
        return;
    case MSFT_SUB_NAP_IPV6:
        if (!msft_nap_ipv6_len_ok(v, (size_t)len))
            break;
        if (len == 0)
            return;
        proto_tree_add_item_ret_uint(s->tree, hf_msuc_msft_nap_ipv6_count, s->tvb, voff, 1, ENC_NA, &n);
        for (i = 0; i < (gint)n; i++)
            proto_tree_add_item(s->tree, hf_msuc_msft_nap_ipv6_server, s->tvb, voff + 1 + 16 * i, 16, ENC_NA);
        return;
    }
    if (t->code != MSFT_SUB_NAP_COID)
        add_value_bytes(s);
    MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_msft_bad_length, "MSFT sub-option length wrong",
                "MSFT sub-option %u (%s) is %d bytes, not %s (MS-DHCPN 2.2.1): Windows ignores it",
                t->code, name, len,
                t->code == MSFT_SUB_NAP_MASK ? "4" : t->code == MSFT_SUB_NAP_COID ? "130" :
                "a count and 16 per address");
}

static void
decode_msft_suboption(const suboption_t *s, void *user _U_)
{
    const tlv_t *t = s->t;
    gint voff = (gint)t->value_offset;
    const char *name = val_to_str_const(t->code, msuc_msft_suboption_vals, "Unknown");
    proto_item *vi;
    guint32 val;
    int hf;

    if (t->kind != TLV_COMPLETE) {
        add_value_bytes(s);
        return;
    }
    switch (t->code) {
    case MSFT_SUB_DISABLE_NETBIOS:     hf = hf_msuc_msft_disable_netbios; break;
    case MSFT_SUB_RELEASE_ON_SHUTDOWN: hf = hf_msuc_msft_release_on_shutdown; break;
    case MSFT_SUB_ROUTER_METRIC_BASE:  hf = hf_msuc_msft_router_metric_base; break;
    case MSFT_SUB_ROGUE_REPLY:
        proto_tree_add_item(s->tree, hf_msuc_msft_rogue_detection_reply, s->tvb, voff, (gint)t->value_len,
                            ENC_ASCII);
        return;
    case MSFT_SUB_ROGUE_REQUEST:
        proto_tree_add_item(s->tree, hf_msuc_msft_rogue_detection_request, s->tvb, voff, (gint)t->value_len,
                            ENC_NA);
        return;
    case MSFT_SUB_NAP_SOH:
    case MSFT_SUB_NAP_MASK:
    case MSFT_SUB_NAP_COID:
    case MSFT_SUB_NAP_IPV6:
        decode_nap_suboption(s, name);
        return;
    default:
        add_value_bytes(s);
        return;
    }
    if (t->value_len != 4) {
        add_value_bytes(s);
        MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_msft_bad_length, "MSFT sub-option length wrong",
                    "MSFT sub-option %u (%s) is %u bytes, not 4: Windows clients ignore it",
                    t->code, name, (guint)t->value_len);
        return;
    }
    vi = proto_tree_add_item_ret_uint(s->tree, hf, s->tvb, voff, 4, ENC_BIG_ENDIAN, &val);
    proto_item_append_text(s->item, " = %u", val);
    if ((t->code == MSFT_SUB_DISABLE_NETBIOS && !msft_netbios_value_known(val)) ||
        (t->code == MSFT_SUB_RELEASE_ON_SHUTDOWN && !msft_release_value_known(val)))
        expert_add_info_format(s->pinfo, vi, &ei_msuc_msft_unknown_value,
                               "Value %u has no meaning for %s: Windows ignores it and keeps its default",
                               val, name);
    if (t->code == MSFT_SUB_ROUTER_METRIC_BASE && val == 0)
        proto_item_append_text(vi, " (metric computed from link speed)");
}

static void
decode_cpe_suboption(const suboption_t *s, void *user _U_)
{
    const tlv_t *t = s->t;
    proto_item *vi;
    guint32 vlan = 0;
    vlan_check_t vc;

    add_value_bytes(s);
    if (t->kind != TLV_COMPLETE || t->code != CPE_SUB_VLAN_ID)
        return;
    vc = cpe_vlan_check(s->p + t->value_offset, t->value_len, &vlan);
    if (vc == VLAN_BAD_ENCODING) {
        MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_cpe_vlan_invalid, "option 43 VLAN invalid",
                    "VLAN ID is neither a 2-byte integer nor ASCII digits (%u bytes): the "
                    "phone cannot learn its voice VLAN from DHCP", (guint)t->value_len);
        return;
    }
    vi = proto_tree_add_uint(s->tree, hf_msuc_cpe_vlan_id, s->tvb, (gint)t->value_offset, (gint)t->value_len, vlan);
    proto_item_append_text(vi, vc == VLAN_ASCII ? " (sent as ASCII digits)" : " (sent as a 16-bit integer)");
    proto_item_append_text(s->item, " = %u", vlan);
    if (vc == VLAN_OUT_OF_RANGE)
        MSUC_EXPERT(s->pinfo, vi, &ei_msuc_cpe_vlan_invalid, "option 43 VLAN invalid",
                    "VLAN ID %u is outside 1-4094: the phone cannot use it as its voice VLAN",
                    vlan);
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

static ucd_heur_ret_t
dissect_msuc_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    msuc_context_t ctx;
    tvbuff_t *payload;
    const guint8 *vc = NULL;
    gsize vc_len = 0;
    vc_source_t source;
    vendor_kind_t kind = VENDOR_UNKNOWN;
    const request_vc_t *rv = NULL;
    guint cont_len = 0;
    proto_item *top, *gi;
    proto_tree *msuc_tree;
    tlv_t opt60;

    locate_message(tvb, pinfo, DHCP_OPT_VENDOR_INFO, &ctx);
    payload = join_continuation(tvb, pinfo, &ctx, &cont_len);
    if (!payload)
        payload = tvb;

    if (msuc_payload_identifies(tvb_get_ptr(payload, 0, tvb_captured_length(payload)),
                                tvb_captured_length(payload))) {
        kind = VENDOR_MS_UC_CLIENT;
        source = VC_FROM_SUBOPTION_1;
        vc = (const guint8 *)MSUC_VENDOR_CLASS;
        vc_len = MSUC_VENDOR_CLASS_LEN;
    } else if (ctx.located && dhcp_view_find_option(ctx.buf, &ctx.view, DHCP_OPT_VENDOR_CLASS, &opt60) &&
               opt60.kind == TLV_COMPLETE) {
        source = VC_FROM_THIS_PACKET;
        vc = ctx.buf + opt60.value_offset;
        vc_len = opt60.value_len;
        kind = vendor_kind_of(vc, vc_len);
    } else if ((rv = lookup_request_vc(&ctx, pinfo->num)) != NULL) {
        source = VC_FROM_REQUEST;
        vc = rv->vc;
        vc_len = rv->vc_len;
        kind = vendor_kind_of(vc, vc_len);
    }
    if (kind == VENDOR_UNKNOWN)
        return FALSE;
    if (cont_len)
        add_new_data_source(pinfo, payload, "Option 43 + 250 (joined)");

    top = proto_tree_add_item(tree, proto_msuc, payload, 0, -1, ENC_NA);
    msuc_tree = proto_item_add_subtree(top, ett_msuc);
    if (tree) {
        const char *vc_text = ucd_format_text(pinfo->pool, vc, vc_len);
        proto_item_append_text(top, " (%s)", vc_text);
        gi = proto_tree_add_string(msuc_tree, hf_msuc_vendor_class, payload, 0, 0, vc_text);
        proto_item_set_generated(gi);
    }
    gi = proto_tree_add_uint(msuc_tree, hf_msuc_vendor_class_source, payload, 0, 0, source);
    proto_item_set_generated(gi);
    if (rv) {
        gi = proto_tree_add_uint(msuc_tree, hf_msuc_request_frame, payload, 0, 0, rv->frame);
        proto_item_set_generated(gi);
    }
    if (cont_len) {
        gi = proto_tree_add_uint(msuc_tree, hf_msuc_continuation_length, payload,
                                 (gint)tvb_captured_length(tvb), (gint)cont_len, cont_len);
        proto_item_set_generated(gi);
        expert_add_info_format(pinfo, gi, &ei_msuc_option250_joined,
                               "Option 43 continues in option 250 (Microsoft long-option encoding, "
                               "MS-DHCPE 2.2.9): %u + %u bytes decoded as one value; only Windows-aware "
                               "clients join them", tvb_captured_length(tvb), cont_len);
        p_add_proto_data(pinfo->pool, pinfo, proto_msuc, MSUC_PROTO_DATA_JOINED, GUINT_TO_POINTER(1));
    }

    switch (kind) {
    case VENDOR_MS_UC_CLIENT:
        dissect_ms_uc_client(payload, pinfo, msuc_tree, top, &ctx, cont_len != 0);
        break;
    case VENDOR_MSFT:
        walk_suboptions(payload, pinfo, msuc_tree, hf_msuc_msft_suboption, msuc_msft_suboption_vals, 0,
                        decode_msft_suboption, NULL);
        break;
    case VENDOR_CPE_OCPHONE:
        walk_suboptions(payload, pinfo, msuc_tree, hf_msuc_cpe_suboption, msuc_cpe_suboption_vals, 0,
                        decode_cpe_suboption, NULL);
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
proto_register_msuc(void)
{
    static hf_register_info hf[] = {
        { &hf_msuc_finding,
          { "Finding", "msuc.finding", FT_STRING, BASE_NONE, NULL, 0x0,
            "What is wrong with this option 43 or 120, in short (the Info column's [UC: ...])", HFILL } },
        { &hf_msuc_suboption,
          { "Sub-option", "msuc.suboption", FT_UINT8, BASE_DEC, VALS(msuc_suboption_vals), 0x0,
            "MS-UC-Client option 43 sub-option code", HFILL } },
        { &hf_msuc_suboption_length,
          { "Length", "msuc.suboption.length", FT_UINT8, BASE_DEC, NULL, 0x0,
            "Sub-option length as sent", HFILL } },
        { &hf_msuc_suboption_value,
          { "Value", "msuc.suboption.value", FT_BYTES, BASE_NONE, NULL, 0x0,
            "Sub-option value kept as bytes (unknown, malformed or truncated)", HFILL } },
        { &hf_msuc_uc_identifier,
          { "UCIdentifier", "msuc.uc_identifier", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 1: the vendor class repeated (MS-UC-Client)", HFILL } },
        { &hf_msuc_url_scheme,
          { "URLScheme", "msuc.url_scheme", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 2: scheme of the Certificate Provisioning URL", HFILL } },
        { &hf_msuc_web_server_fqdn,
          { "WebServerFqdn", "msuc.web_server_fqdn", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 3: internal web services FQDN of the pool", HFILL } },
        { &hf_msuc_web_server_port,
          { "WebServerPort", "msuc.web_server_port", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 4: web services port as ASCII digits", HFILL } },
        { &hf_msuc_web_server_port_number,
          { "WebServerPort number", "msuc.web_server_port.number", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Sub-option 4 read as a number (only when it is valid ASCII digits)", HFILL } },
        { &hf_msuc_cert_prov_path,
          { "CertProvRelPath", "msuc.cert_prov_path", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 5: relative path of the Certificate Provisioning service", HFILL } },
        { &hf_msuc_cert_prov_url,
          { "Certificate Provisioning URL", "msuc.cert_prov_url", FT_STRING, BASE_NONE, NULL, 0x0,
            "scheme://fqdn:port + path, the URL the phone will call", HFILL } },
        { &hf_msuc_pad,
          { "Pad", "msuc.pad", FT_NONE, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_end,
          { "End", "msuc.end", FT_NONE, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_after_end,
          { "Bytes after End", "msuc.after_end", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_vendor_class,
          { "Vendor class", "msuc.vendor_class", FT_STRING, BASE_NONE, NULL, 0x0,
            "The vendor class this option 43 was decoded as", HFILL } },
        { &hf_msuc_vendor_class_source,
          { "Vendor class from", "msuc.vendor_class_source", FT_UINT8, BASE_DEC,
            VALS(msuc_vendor_class_source_vals), 0x0, "Where the vendor class was learnt", HFILL } },
        { &hf_msuc_request_frame,
          { "Request in frame", "msuc.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The client's request whose option 60 gave the vendor class", HFILL } },
        { &hf_msuc_continuation_length,
          { "Continued in option 250", "msuc.continuation_length", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Bytes of option 43 carried on in option 250 (Microsoft long-option encoding)", HFILL } },
        { &hf_msuc_option250_continuation,
          { "Continuation of option 43", "msuc.option250_continuation", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "This option 250 carries the rest of option 43", HFILL } },
        { &hf_msuc_msft_suboption,
          { "MSFT sub-option", "msuc.msft.suboption", FT_UINT8, BASE_DEC, VALS(msuc_msft_suboption_vals), 0x0,
            "MSFT 5.0 / MSFT 98 option 43 sub-option code", HFILL } },
        { &hf_msuc_msft_disable_netbios,
          { "Disable NetBIOS", "msuc.msft.disable_netbios", FT_UINT32, BASE_DEC,
            VALS(msuc_msft_disable_netbios_vals), 0x0, "MS-DHCPE 2.2.2 sub-option 1", HFILL } },
        { &hf_msuc_msft_release_on_shutdown,
          { "Release lease on shutdown", "msuc.msft.release_on_shutdown", FT_UINT32, BASE_DEC,
            VALS(msuc_msft_release_on_shutdown_vals), 0x0, "MS-DHCPE 2.2.2 sub-option 2", HFILL } },
        { &hf_msuc_msft_router_metric_base,
          { "Default router metric base", "msuc.msft.router_metric_base", FT_UINT32, BASE_DEC, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 3 (0: from link speed)", HFILL } },
        { &hf_msuc_msft_rogue_detection_request,
          { "Rogue detection request", "msuc.msft.rogue_detection_request", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 0x5E", HFILL } },
        { &hf_msuc_msft_nap_soh,
          { "NAP Statement of Health", "msuc.msft.nap_soh", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 220: the client's SoH, or the server's SoH response", HFILL } },
        { &hf_msuc_msft_nap_mask,
          { "NAP subnet mask", "msuc.msft.nap_mask", FT_IPv4, BASE_NETMASK, NULL, 0x0,
            "MS-DHCPN sub-option 221: the subnet's real mask, for a client quarantined with 255.255.255.255",
            HFILL } },
        { &hf_msuc_msft_nap_correlation_id,
          { "NAP correlation ID", "msuc.msft.nap_correlation_id", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 222: pairs the client's and server's NAP logs", HFILL } },
        { &hf_msuc_msft_nap_ipv6_count,
          { "NAP IPv6 remediation servers", "msuc.msft.nap_ipv6_count", FT_UINT8, BASE_DEC, NULL, 0x0,
            "MS-DHCPN sub-option 223: how many addresses follow", HFILL } },
        { &hf_msuc_msft_nap_ipv6_server,
          { "NAP IPv6 remediation server", "msuc.msft.nap_ipv6_server", FT_IPv6, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 223: a server a quarantined client may reach", HFILL } },
        { &hf_msuc_msft_rogue_detection_reply,
          { "Rogue detection reply", "msuc.msft.rogue_detection_reply", FT_STRING, BASE_NONE, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 0x5F", HFILL } },
        { &hf_msuc_cpe_suboption,
          { "CPE-OCPhone sub-option", "msuc.cpe.suboption", FT_UINT8, BASE_DEC,
            VALS(msuc_cpe_suboption_vals), 0x0, "CPE-OCPhone option 43 sub-option code", HFILL } },
        { &hf_msuc_cpe_vlan_id,
          { "VLAN ID", "msuc.cpe.vlan_id", FT_UINT16, BASE_DEC, NULL, 0x0,
            "CPE-OCPhone sub-option 10: the voice VLAN", HFILL } },
    };

    static gint *ett[] = {
        &ett_msuc,
        &ett_msuc_suboption,
    };

    static ei_register_info ei[] = {
        { &ei_msuc_suboption_truncated,
          { "msuc.suboption.truncated", PI_MALFORMED, PI_ERROR,
            "Sub-option runs past the end of option 43", EXPFILL } },
        { &ei_msuc_suboption_missing,
          { "msuc.suboption.missing", PI_PROTOCOL, PI_WARN,
            "MS-UC-Client sub-option missing", EXPFILL } },
        { &ei_msuc_suboption_duplicate,
          { "msuc.suboption.duplicate", PI_PROTOCOL, PI_WARN,
            "Sub-option appears more than once", EXPFILL } },
        { &ei_msuc_suboption_nonprintable,
          { "msuc.suboption.nonprintable", PI_PROTOCOL, PI_WARN,
            "NUL or non-printable byte in a text sub-option (String instead of Binary?)", EXPFILL } },
        { &ei_msuc_uc_identifier_unexpected,
          { "msuc.uc_identifier.unexpected", PI_PROTOCOL, PI_WARN,
            "UCIdentifier is not MS-UC-Client", EXPFILL } },
        { &ei_msuc_web_server_port_invalid,
          { "msuc.web_server_port.invalid", PI_PROTOCOL, PI_ERROR,
            "WebServerPort is not ASCII digits in 1-65535", EXPFILL } },
        { &ei_msuc_url_scheme_invalid,
          { "msuc.url_scheme.invalid", PI_PROTOCOL, PI_ERROR,
            "URLScheme is neither https nor http", EXPFILL } },
        { &ei_msuc_cert_prov_path_invalid,
          { "msuc.cert_prov_path.invalid", PI_PROTOCOL, PI_ERROR,
            "CertProvRelPath is not a valid path", EXPFILL } },
        { &ei_msuc_web_server_fqdn_invalid,
          { "msuc.web_server_fqdn.invalid", PI_PROTOCOL, PI_ERROR,
            "WebServerFqdn is not a valid host name", EXPFILL } },
        { &ei_msuc_nonstandard,
          { "msuc.nonstandard", PI_PROTOCOL, PI_NOTE,
            "Value differs from the standard https / 443 / " MSUC_STD_PATH, EXPFILL } },
        { &ei_msuc_trailing,
          { "msuc.trailing", PI_PROTOCOL, PI_WARN,
            "Bytes after the End sub-option", EXPFILL } },
        { &ei_msuc_option120_ip_list,
          { "msuc.option120.ip_list", PI_PROTOCOL, PI_WARN,
            "Option 120 uses encoding 1 (IP list) in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option120_multiple_fqdn,
          { "msuc.option120.multiple_fqdn", PI_PROTOCOL, PI_WARN,
            "Option 120 lists more than one FQDN in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option120_malformed,
          { "msuc.option120.malformed", PI_MALFORMED, PI_ERROR,
            "Option 120 is malformed in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option250_joined,
          { "msuc.option250.joined", PI_SEQUENCE, PI_NOTE,
            "Option 43 continued in option 250 and decoded joined", EXPFILL } },
        { &ei_msuc_msft_bad_length,
          { "msuc.msft.bad_length", PI_MALFORMED, PI_ERROR,
            "MSFT sub-option is not 4 bytes", EXPFILL } },
        { &ei_msuc_msft_unknown_value,
          { "msuc.msft.unknown_value", PI_PROTOCOL, PI_NOTE,
            "MSFT sub-option value that Windows ignores", EXPFILL } },
        { &ei_msuc_cpe_vlan_invalid,
          { "msuc.cpe.vlan_invalid", PI_PROTOCOL, PI_WARN,
            "CPE-OCPhone VLAN ID is badly encoded or out of range", EXPFILL } },
    };

    module_t *msuc_module;
    expert_module_t *expert_msuc;

    proto_msuc = proto_register_protocol("MS-UC-Client DHCP Vendor Options", "MSUC", "msuc");
    proto_register_field_array(proto_msuc, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_msuc = expert_register_protocol(proto_msuc);
    expert_register_field_array(expert_msuc, ei, array_length(ei));

    msuc_module = prefs_register_protocol(proto_msuc, NULL);
    prefs_register_bool_preference(msuc_module, "note_nonstandard",
                                   "Note non-standard provisioning values",
                                   "Add a note when the scheme, port or path differ from Microsoft's "
                                   "defaults (https, 443, " MSUC_STD_PATH "). They are legal, so turn "
                                   "this off for a pool that uses its own on purpose.",
                                   &msuc_note_nonstandard);
    prefs_register_uint_preference(msuc_module, "truncation_length",
                                   "Router truncation length",
                                   "An option 43 of exactly this many bytes whose sub-options run short "
                                   "is reported as cut by a router DHCP server (Cisco IOS cuts at 90). "
                                   "0 disables the hint.",
                                   10, &msuc_truncation_length);

    request_vc_by_client = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(),
                                                  dhcp_client_key_hash, dhcp_client_key_equal);
}

void
proto_reg_handoff_msuc(void)
{
    heur_dissector_add("dhcp.vendor_info", dissect_msuc_heur,
                       "Microsoft vendor options (MS-UC-Client, MSFT 5.0, CPE-OCPhone)",
                       "msuc_dhcp", proto_msuc, HEURISTIC_ENABLE);
    heur_dissector_add("dhcp.vendor_id", msuc_record_vendor_class,
                       "Remember requests' vendor class for Microsoft option 43",
                       "msuc_dhcp_vendor_class", proto_msuc, HEURISTIC_ENABLE);
    dissector_add_uint("dhcp.option", DHCP_OPT_MS_CONTINUATION,
                       create_dissector_handle(dissect_msuc_option250, proto_msuc));
}
