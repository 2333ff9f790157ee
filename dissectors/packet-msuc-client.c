/* packet-msuc-client.c
 * The MS-UC-Client option 43 of Lync / Skype for Business / Teams phones:
 * its five sub-options, the checks each must pass for the phone to build
 * its Certificate Provisioning URL, the URL itself, and option 120 beside
 * it. The checks are decided in msuc_logic.c; this file words them.
 * packet-msuc.c calls it; it uses the shared walk below.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-msuc-int.h"

#define DHCP_OPT_SIP_SERVERS 120

/* The length of a URL we assemble: 4 components of at most 510 bytes, each
 * byte at most 4 characters once escaped. */
#define MSUC_URL_MAX (4 * 510 * 4 + 8)

/* Expert messages are cut at Wireshark's 240-character label limit, so a
 * value quoted in one (a 200-character FQDN, say) is shortened first. */
#define MSUC_QUOTE_MAX 40

/* A note that a value is legal but not Microsoft's default; the preference
 * msuc.note_nonstandard turns these off for a pool that differs on purpose. */
#define NOTE_NONSTANDARD(pinfo, item, ...)                                              \
    do {                                                                                \
        if (msuc_note_nonstandard) {                                                    \
            UCDIAG_MARK((pinfo), &ei_msuc_nonstandard);                                 \
            MSUC_RAISED(&ei_msuc_nonstandard);                                          \
            expert_add_info_format((pinfo), (item), &ei_msuc_nonstandard, __VA_ARGS__); \
        }                                                                               \
    } while (0)

/* What the walk saw of one sub-option, kept for the checks after it. */
typedef struct {
    gboolean present;
    gboolean truncated;
    gint offset;      /* of the value, in the payload tvb */
    gint len;
    proto_item *item;
    proto_tree *tree;
    text_scan_t scan;  /* of the value, made once when it is recorded */
} seen_suboption_t;

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

/* The checks below get the value v and its length n up to the first NUL:
 * what a phone reading it as a C string sees. */

static void
check_uc_identifier(packet_info *pinfo, const seen_suboption_t *s, const guint8 *v, gint n)
{
    if (n != MSUC_VENDOR_CLASS_LEN || memcmp(v, MSUC_VENDOR_CLASS, MSUC_VENDOR_CLASS_LEN) != 0)
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_uc_identifier_unexpected, "option 43 UC identifier unexpected",
                    "UCIdentifier is \"%s\", not \"" MSUC_VENDOR_CLASS "\": devices check it "
                    "against their vendor class and may ignore the whole option",
                    clip_text(pinfo, v, (gsize)s->len));
}

static void
check_scheme(packet_info *pinfo, const seen_suboption_t *s, const guint8 *v, gint n)
{
    switch (msuc_scheme_check(v, (gsize)n)) {
    case SCHEME_HTTPS:
        break;
    case SCHEME_HTTP:
        NOTE_NONSTANDARD(pinfo, s->item, "URLScheme is \"http\", not the standard \"https\": certificate "
                         "provisioning works only if the pool's web service answers plain HTTP");
        break;
    case SCHEME_CASE:
        NOTE_NONSTANDARD(pinfo, s->item, "URLScheme is \"%s\": schemes are case-insensitive, but phones "
                         "compare against \"https\"", clip_text(pinfo, v, (gsize)n));
        break;
    case SCHEME_INVALID:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_url_scheme_invalid, "option 43 scheme invalid",
                    "URLScheme is \"%s\", neither https nor http: the phone cannot reach "
                    "Certificate Provisioning, so PIN sign-in will not appear",
                    clip_text(pinfo, v, (gsize)n));
        break;
    }
}

static void
check_port(packet_info *pinfo, tvbuff_t *tvb, const seen_suboption_t *s, const guint8 *v, gint n)
{
    guint32 port = 0;
    proto_item *pi;

    switch (msuc_port_check(v, (gsize)n, &port)) {
    case PORT_OK:
        pi = proto_tree_add_uint(s->tree, hf_msuc_web_server_port_number, tvb, s->offset, n, port);
        proto_item_set_generated(pi);
        if (port != MSUC_STD_PORT)
            NOTE_NONSTANDARD(pinfo, s->item, "WebServerPort is %u, not the standard 443: the pool's "
                             "internal web service must listen there", port);
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
check_path(packet_info *pinfo, const seen_suboption_t *s, const guint8 *v, gint n)
{
    /* The value is quoted only by a message: the usual path costs no copy. */
    switch (msuc_path_check(v, (gsize)n)) {
    case PATH_EMPTY:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath is empty: the phone has no service path to call");
        return;
    case PATH_NO_LEADING_SLASH:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath \"%s\" does not start with '/': joined to the port it "
                    "makes a broken URL, so certificate provisioning fails",
                    clip_text(pinfo, v, (gsize)n));
        return;
    case PATH_BAD_CHAR:
        MSUC_EXPERT(pinfo, s->item, &ei_msuc_cert_prov_path_invalid, "option 43 path invalid",
                    "CertProvRelPath \"%s\" contains a space, control or non-ASCII byte: the "
                    "URL is invalid", clip_text(pinfo, v, (gsize)n));
        return;
    case PATH_OK:
        break;
    }
    if (!msuc_path_is_standard(v, (gsize)n))
        NOTE_NONSTANDARD(pinfo, s->item, "CertProvRelPath is \"%s\", not the standard " MSUC_STD_PATH "%s",
                         clip_text(pinfo, v, (gsize)n), msuc_path_ends_svc(v, (gsize)n) ? "" :
                         ", and does not end in .svc (cut off?)");
}

static void
check_fqdn(packet_info *pinfo, const seen_suboption_t *s, const guint8 *v, gint n)
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

/* The walk's decoder: shows a text sub-option and records the first of each
 * code in seen[] for the checks. */
static void
decode_ms_uc_suboption(const msuc_suboption_t *s, void *user)
{
    seen_suboption_t *seen = (seen_suboption_t *)user;
    const tlv_t *t = s->t;
    int hf = text_field_for(t->code);

    if (hf < 0) {
        msuc_add_value_bytes(s);
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

/* Each sub-option the phone needs: missing, or checked unless cut short. cut:
 * some sub-option is truncated. */
static void
check_suboptions(tvbuff_t *tvb, packet_info *pinfo, proto_item *top, const seen_suboption_t *seen,
                 gboolean cut, gboolean joined)
{
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)tvb_captured_length(tvb));
    int code;

    for (code = MSUC_SUB_UC_IDENTIFIER; code < MSUC_SUB_COUNT; code++) {
        const seen_suboption_t *s = &seen[code];
        const guint8 *v = p + s->offset;
        gint n = (gint)s->scan.text_len;

        if (!s->present) {
            /* After a cut, "truncated" already says why it is missing. */
            MSUC_EXPERT(pinfo, top, &ei_msuc_suboption_missing,
                        cut ? "option 43 truncated" : "option 43 lacks a sub-option",
                        "Sub-option %d (%s) is missing: %s%s", code, suboption_name(code),
                        code == MSUC_SUB_UC_IDENTIFIER ?
                        "devices expect it to repeat the vendor class and may ignore the option" :
                        "the phone cannot build its provisioning URL; PIN sign-in will not "
                        "appear",
                        joined ? "" : msuc_truncation_hint(pinfo, tvb_reported_length(tvb)));
            continue;
        }
        if (s->truncated)
            continue; /* already said; judging a cut-off value adds only noise */
        check_text(pinfo, s, code);
        switch (code) {
        case MSUC_SUB_UC_IDENTIFIER:   check_uc_identifier(pinfo, s, v, n); break;
        case MSUC_SUB_URL_SCHEME:      check_scheme(pinfo, s, v, n); break;
        case MSUC_SUB_WEB_SERVER_FQDN: check_fqdn(pinfo, s, v, n); break;
        case MSUC_SUB_WEB_SERVER_PORT: check_port(pinfo, tvb, s, v, n); break;
        case MSUC_SUB_CERT_PROV_PATH:  check_path(pinfo, s, v, n); break;
        }
    }
}

#define INFO_OPEN " (MS-UC-Client "
#define INFO_CLOSE ")"

/* The URL the phone will call, when the four sub-options that make it are
 * there (even cut short: it is then marked incomplete). */
static void
add_url(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top, const seen_suboption_t *seen,
        gboolean cut)
{
    gsize plen = tvb_captured_length(tvb);
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)plen);
    const seen_suboption_t *sc = &seen[MSUC_SUB_URL_SCHEME], *sf = &seen[MSUC_SUB_WEB_SERVER_FQDN],
                           *sp = &seen[MSUC_SUB_WEB_SERVER_PORT], *sr = &seen[MSUC_SUB_CERT_PROV_PATH];
    char *url;
    gsize url_len, site_len;
    proto_item *ui;

    if (!(sc->present && sf->present && sp->present && sr->present)) {
        if (cut)
            proto_item_append_text(top, ", no Certificate Provisioning URL (option 43 truncated)");
        return;
    }
    /* The URL is words for the tree and the Info column only: without
     * either (tshark -q, a first pass) it is not made. */
    if (!tree && !pinfo->cinfo)
        return;
    url = (char *)wmem_alloc(pinfo->pool, MSUC_URL_MAX);
    url_len = msuc_build_url_site(url, MSUC_URL_MAX, p + sc->offset, (gsize)sc->len, p + sf->offset,
                                  (gsize)sf->len, p + sp->offset, (gsize)sp->len, p + sr->offset, (gsize)sr->len,
                                  &site_len);
    ui = proto_tree_add_string(tree, hf_msuc_cert_prov_url, tvb, 0, (gint)plen, url);
    proto_item_set_generated(ui);
    if (sc->truncated || sf->truncated || sp->truncated || sr->truncated) {
        proto_item_append_text(ui, " [incomplete: a sub-option is truncated]");
        proto_item_append_text(top, ", %s (incomplete)", url);
    } else {
        /* Info shows the pool and port (the URL up to its path), and the
         * path only where it is not the standard one: what a window has
         * room for is the server to ask. The tree and msuc.cert_prov_url
         * have it whole. */
        if (pinfo->cinfo) {
            gsize shown = msuc_path_is_standard(p + sr->offset, (gsize)sr->len) ? site_len : url_len;
            char *info = (char *)wmem_alloc(pinfo->pool, shown + sizeof INFO_OPEN INFO_CLOSE);

            memcpy(info, INFO_OPEN, sizeof INFO_OPEN - 1);
            memcpy(info + sizeof INFO_OPEN - 1, url, shown);
            memcpy(info + sizeof INFO_OPEN - 1 + shown, INFO_CLOSE, sizeof INFO_CLOSE);
            /* The column's copy of one string, not its search for where
             * Info ends (col_append_str). */
            col_append_lstr(pinfo->cinfo, COL_INFO, info, COL_ADD_LSTR_TERMINATOR);
        }
        proto_item_append_text(top, ", %s", url);
    }
}

/* The sub-options: their items, their checks, and the URL they make. */
static void
decode_value(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top, gboolean joined)
{
    seen_suboption_t seen[MSUC_SUB_COUNT];
    int code;
    gboolean cut = FALSE;

    memset(seen, 0, sizeof seen);
    /* The router hint is for an option 43 cut at a router's limit; a value
     * joined from 43 and 250 was not cut by one, so it gets no hint. */
    msuc_walk_suboptions(tvb, pinfo, tree, hf_msuc_suboption, msuc_suboption_vals,
                         joined ? 0 : tvb_reported_length(tvb), msuc_cut_effect, decode_ms_uc_suboption, seen);

    for (code = MSUC_SUB_UC_IDENTIFIER; code < MSUC_SUB_COUNT; code++)
        cut = cut || seen[code].truncated;
    check_suboptions(tvb, pinfo, top, seen, cut, joined);
    add_url(tvb, pinfo, tree, top, seen, cut);
}

/* The last value decoded where no one read more than its expert infos'
 * severities, and the expert infos it raised. A site's server sends every
 * phone the same bytes, so a capture's ACKs are mostly decoded once (tshark
 * -q -z, Wireshark's first pass). The decode depends on the bytes, their
 * length on the wire (the router hint) and the preferences only. */
static struct {
    gboolean valid;
    gboolean joined;
    guint reported;
    gsize len;
    guint8 bytes[255 * 4]; /* option 43, joined with 250 at most */
    msuc_noted_t raised;
} memo;

void
msuc_client_forget(void)
{
    memo.valid = FALSE;
}

/* Decodes the value, or says again what the same value raised last time;
 * only where nothing but the expert infos' severities is read. */
static void
decode_value_unread(tvbuff_t *tvb, packet_info *pinfo, proto_item *top, gboolean joined)
{
    gsize len = tvb_captured_length(tvb);
    guint reported = tvb_reported_length(tvb);
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)len);
    unsigned i;

    if (memo.valid && memo.len == len && memo.reported == reported && memo.joined == joined &&
        memcmp(memo.bytes, p, len) == 0) {
        for (i = 0; i < memo.raised.n; i++)
            expert_add_info(pinfo, NULL, memo.raised.ei[i]);
        return;
    }
    memo.valid = FALSE;
    memo.raised.n = 0;
    memo.raised.overflow = FALSE;
    msuc_noting = &memo.raised;
    decode_value(tvb, pinfo, NULL, top, joined);
    msuc_noting = NULL;
    if (len > sizeof memo.bytes || memo.raised.overflow)
        return;
    memcpy(memo.bytes, p, len);
    memo.len = len;
    memo.reported = reported;
    memo.joined = joined;
    memo.valid = TRUE;
}

void
msuc_dissect_ms_uc_client(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                          const msuc_context_t *ctx, gboolean joined)
{
    /* No tree, no columns, no listener for expert info or findings: only
     * the severities are read (the status bar). */
    if (!tree && !pinfo->cinfo && !ucdiag_findings_open && !ucdiag_findings_wanted(NULL))
        decode_value_unread(tvb, pinfo, top, joined);
    else
        decode_value(tvb, pinfo, tree, top, joined);
    check_option120(pinfo, top, ctx);
}
