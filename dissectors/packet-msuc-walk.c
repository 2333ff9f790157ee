/* packet-msuc-walk.c
 * The walk over option 43's sub-options that the MS-UC-Client, MSFT 5.0 and
 * CPE-OCPhone decoders share: pad, End, bytes after End, each sub-option's
 * header and its truncation. The vendor's decoder gets each sub-option and
 * adds what it knows of the value. Calls nothing of the decoders above it;
 * the expert infos they raise are noted here when one asks (msuc_noting).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-msuc-int.h"

msuc_noted_t *msuc_noting;

void
msuc_note_raised(expert_field *ei)
{
    if (msuc_noting->n < MSUC_NOTED_MAX)
        msuc_noting->ei[msuc_noting->n++] = ei;
    else
        msuc_noting->overflow = TRUE;
}

const char *
msuc_truncation_hint(packet_info *pinfo, guint option_len)
{
    if (msuc_truncation_length && option_len == msuc_truncation_length)
        return wmem_strdup_printf(pinfo->pool,
                                  ". Option 43 is %u bytes: some router DHCP servers (Cisco IOS) "
                                  "truncate it there", option_len);
    return "";
}

/* Adds one sub-option header (code and length) and returns its subtree. */
static proto_tree *
add_suboption_header(proto_tree *tree, tvbuff_t *tvb, int hf_code, const value_string *names,
                     const tlv_t *t, proto_item **item_out)
{
    proto_item *it;
    proto_tree *st;
    gint total = (gint)(t->value_offset - t->offset + t->value_len);

    /* Without a tree there is no item: the name is not looked up for it. */
    if (!tree) {
        if (item_out)
            *item_out = NULL;
        return NULL;
    }
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
                      guint option_len, const char *(*cut_effect)(unsigned code))
{
    const char *effect = cut_effect ? cut_effect(t->code) : "the client cannot read it";

    if (t->kind == TLV_NO_LENGTH) {
        proto_item_append_text(it, " [truncated: no length byte]");
        MSUC_EXPERT(pinfo, it, &ei_msuc_suboption_truncated, "option 43 truncated",
                    "Sub-option %u (%s) has no length byte: option 43 ends inside it and the phone cannot "
                    "read it%s", t->code, name, msuc_truncation_hint(pinfo, option_len));
    } else {
        proto_item_append_text(it, " [truncated: %u of %u bytes]", (guint)t->value_len, (guint)t->claimed_len);
        MSUC_EXPERT(pinfo, it, &ei_msuc_suboption_truncated, "option 43 truncated",
                    "Sub-option %u (%s) claims %u bytes, %u remain: option 43 is cut short and %s%s",
                    t->code, name, (guint)t->claimed_len, (guint)t->value_len, effect,
                    msuc_truncation_hint(pinfo, option_len));
    }
}

/* Pad and End, and whatever follows End, read the same for every vendor
 * class. Returns TRUE when t was pad or End; after End, *pos is moved to the
 * end of the payload so that the walk stops. */
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
    /* Zero bytes after End are padding; anything else is data lost to the phone. */
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

void
msuc_walk_suboptions(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf_code,
                     const value_string *names, guint hint_len, const char *(*cut_effect)(unsigned code),
                     msuc_suboption_decoder_t decode, void *user)
{
    gsize plen = tvb_captured_length(tvb), pos = 0;
    const guint8 *p = tvb_get_ptr(tvb, 0, (gint)plen);
    tlv_t t;

    while (tlv_next(p, plen, &pos, &t)) {
        msuc_suboption_t s;

        if (handle_pad_end(pinfo, tree, tvb, p, plen, &t, &pos))
            continue;
        s.tvb = tvb;
        s.pinfo = pinfo;
        s.p = p;
        s.t = &t;
        s.tree = add_suboption_header(tree, tvb, hf_code, names, &t, &s.item);
        if (t.kind != TLV_COMPLETE)
            add_truncation_expert(pinfo, s.item, &t, val_to_str_const(t.code, names, "Unknown"), hint_len,
                                  cut_effect);
        decode(&s, user);
    }
}

void
msuc_add_value_bytes(const msuc_suboption_t *s)
{
    if (s->t->value_len)
        proto_tree_add_item(s->tree, hf_msuc_suboption_value, s->tvb, (gint)s->t->value_offset,
                            (gint)s->t->value_len, ENC_NA);
}
