/* packet-msuc-msft-cpe.c
 * The option-43 decoders of Windows clients (MSFT 5.0 / MSFT 98, with the
 * NAP sub-options of MS-DHCPN) and of CPE-OCPhone (Lync Phone Edition's voice
 * VLAN). packet-msuc.c calls them; they use the shared walk below.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-msuc-int.h"

/* MS-DHCPN 2.2.1: what a NAP-capable Windows client and server exchange. */
static void
decode_nap_suboption(const msuc_suboption_t *s, const char *name)
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
    /* The length is wrong. The correlation ID is already shown as its field. */
    if (t->code != MSFT_SUB_NAP_COID)
        msuc_add_value_bytes(s);
    MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_msft_bad_length, "MSFT sub-option length wrong",
                "MSFT sub-option %u (%s) is %d bytes, not %s (MS-DHCPN 2.2.1): Windows ignores it",
                t->code, name, len,
                t->code == MSFT_SUB_NAP_MASK ? "4" : t->code == MSFT_SUB_NAP_COID ? "130" :
                "a count and 16 per address");
}

static void
decode_msft_suboption(const msuc_suboption_t *s, void *user _U_)
{
    const tlv_t *t = s->t;
    gint voff = (gint)t->value_offset;
    const char *name = val_to_str_const(t->code, msuc_msft_suboption_vals, "Unknown");
    proto_item *vi;
    guint32 val;
    int hf;

    if (t->kind != TLV_COMPLETE) {
        msuc_add_value_bytes(s);
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
        msuc_add_value_bytes(s);
        return;
    }
    if (t->value_len != 4) {
        msuc_add_value_bytes(s);
        MSUC_EXPERT(s->pinfo, s->item, &ei_msuc_msft_bad_length, "MSFT sub-option length wrong",
                    "MSFT sub-option %u (%s) is %u bytes, not 4: Windows clients ignore it",
                    t->code, name, (guint)t->value_len);
        return;
    }
    vi = proto_tree_add_item_ret_uint(s->tree, hf, s->tvb, voff, 4, ENC_BIG_ENDIAN, &val);
    proto_item_append_text(s->item, " = %u", val);
    if ((t->code == MSFT_SUB_DISABLE_NETBIOS && !msft_netbios_value_known(val)) ||
        (t->code == MSFT_SUB_RELEASE_ON_SHUTDOWN && !msft_release_value_known(val))) {
        UCDIAG_MARK(s->pinfo, &ei_msuc_msft_unknown_value);
        expert_add_info_format(s->pinfo, vi, &ei_msuc_msft_unknown_value,
                               "Value %u has no meaning for %s: Windows ignores it and keeps its default",
                               val, name);
    }
    if (t->code == MSFT_SUB_ROUTER_METRIC_BASE && val == 0)
        proto_item_append_text(vi, " (metric computed from link speed)");
}

void
msuc_dissect_msft(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    msuc_walk_suboptions(tvb, pinfo, tree, hf_msuc_msft_suboption, msuc_msft_suboption_vals, 0, NULL,
                         decode_msft_suboption, NULL);
}

static void
decode_cpe_suboption(const msuc_suboption_t *s, void *user _U_)
{
    const tlv_t *t = s->t;
    proto_item *vi;
    guint32 vlan = 0;
    vlan_check_t vc;

    msuc_add_value_bytes(s);
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

void
msuc_dissect_cpe(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    msuc_walk_suboptions(tvb, pinfo, tree, hf_msuc_cpe_suboption, msuc_cpe_suboption_vals, 0, NULL,
                         decode_cpe_suboption, NULL);
}
