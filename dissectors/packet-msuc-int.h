/* packet-msuc-int.h
 * What the files of the option-43 decoder share, and nothing else includes.
 *
 * The files stand in layers, each calling only the ones below it:
 *   packet-msuc.c           the heuristic on option 43, the vendor class
 *                           memory (option 60), option 250 and the handoff;
 *   packet-msuc-client.c    the MS-UC-Client decoder and its URL checks;
 *   packet-msuc-msft-cpe.c  the MSFT 5.0 (with NAP) and CPE-OCPhone decoders;
 *   packet-msuc-walk.c      the sub-option walk all three vendors share.
 * packet-msuc-register.c defines the ids, preferences and value strings
 * below and fills them at registration; the others only read them.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_MSUC_INT_H
#define PACKET_MSUC_INT_H

#include "ucdiag_compat.h"

#include <epan/expert.h>

#include "msuc_logic.h"
#include "ucdiag_packet.h"
#include "ucdiag_shared.h"

/* ---- Defined in packet-msuc-register.c ---- */

extern int proto_msuc;

extern int hf_msuc_suboption;
extern int hf_msuc_suboption_length;
extern int hf_msuc_suboption_value;
extern int hf_msuc_uc_identifier;
extern int hf_msuc_url_scheme;
extern int hf_msuc_web_server_fqdn;
extern int hf_msuc_web_server_port;
extern int hf_msuc_web_server_port_number;
extern int hf_msuc_cert_prov_path;
extern int hf_msuc_cert_prov_url;
extern int hf_msuc_pad;
extern int hf_msuc_end;
extern int hf_msuc_after_end;
extern int hf_msuc_vendor_class;
extern int hf_msuc_vendor_class_source;
extern int hf_msuc_request_frame;
extern int hf_msuc_continuation_length;
extern int hf_msuc_option250_continuation;
extern int hf_msuc_msft_suboption;
extern int hf_msuc_msft_disable_netbios;
extern int hf_msuc_msft_release_on_shutdown;
extern int hf_msuc_msft_router_metric_base;
extern int hf_msuc_msft_rogue_detection_request;
extern int hf_msuc_msft_rogue_detection_reply;
extern int hf_msuc_msft_nap_soh;
extern int hf_msuc_msft_nap_mask;
extern int hf_msuc_msft_nap_correlation_id;
extern int hf_msuc_msft_nap_ipv6_count;
extern int hf_msuc_msft_nap_ipv6_server;
extern int hf_msuc_cpe_suboption;
extern int hf_msuc_cpe_vlan_id;
extern int hf_msuc_finding;

extern gint ett_msuc;
extern gint ett_msuc_suboption;

extern expert_field ei_msuc_suboption_truncated;
extern expert_field ei_msuc_suboption_missing;
extern expert_field ei_msuc_suboption_duplicate;
extern expert_field ei_msuc_suboption_nonprintable;
extern expert_field ei_msuc_uc_identifier_unexpected;
extern expert_field ei_msuc_web_server_port_invalid;
extern expert_field ei_msuc_url_scheme_invalid;
extern expert_field ei_msuc_cert_prov_path_invalid;
extern expert_field ei_msuc_web_server_fqdn_invalid;
extern expert_field ei_msuc_nonstandard;
extern expert_field ei_msuc_trailing;
extern expert_field ei_msuc_option120_ip_list;
extern expert_field ei_msuc_option120_multiple_fqdn;
extern expert_field ei_msuc_option120_malformed;
extern expert_field ei_msuc_option250_joined;
extern expert_field ei_msuc_msft_bad_length;
extern expert_field ei_msuc_msft_unknown_value;
extern expert_field ei_msuc_cpe_vlan_invalid;

/* The preferences "msuc.note_nonstandard" and "msuc.truncation_length". */
extern ucd_pref_bool_t msuc_note_nonstandard;
extern guint msuc_truncation_length;
extern guint msuc_max_transactions;
extern expert_field ei_msuc_tracking_limit;

/* The names of each vendor's sub-option codes. */
extern const value_string msuc_suboption_vals[];
extern const value_string msuc_msft_suboption_vals[];
extern const value_string msuc_cpe_suboption_vals[];

/* Where the vendor class came from: the values of msuc.vendor_class_source. */
typedef enum {
    VC_FROM_SUBOPTION_1 = 1,
    VC_FROM_THIS_PACKET = 2,
    VC_FROM_REQUEST = 3
} msuc_vc_source_t;

/* ---- Shared by every file ---- */

/* An expert info, and its few words for the packet list's [UC: ...]. The
 * words are always made: option 43 is rare, so their cost does not matter. */
#define MSUC_EXPERT(pinfo, item, ei, brief, ...)                        \
    do {                                                                \
        ucdiag_info((pinfo), TRUE, (ei), "%s", (brief));                \
        UCDIAG_MARK((pinfo), (ei));                                     \
        MSUC_RAISED(ei);                                                \
        expert_add_info_format((pinfo), (item), (ei), __VA_ARGS__);     \
    } while (0)

/* Where no one reads a decode but for its expert infos' severities, the
 * MS-UC-Client decode keeps the last value it read and the expert infos it
 * raised (packet-msuc-client.c). While it reads, each one raised is noted in
 * the list msuc_noting points to (NULL: not noting); the noting is below
 * every decoder, in packet-msuc-walk.c. */
#define MSUC_NOTED_MAX 24
typedef struct {
    unsigned n;
    gboolean overflow; /* more were raised than the list holds */
    expert_field *ei[MSUC_NOTED_MAX];
} msuc_noted_t;
extern msuc_noted_t *msuc_noting;
void msuc_note_raised(expert_field *ei);
#define MSUC_RAISED(ei)                  \
    do {                                 \
        if (msuc_noting)                 \
            msuc_note_raised(ei);        \
    } while (0)
/* Forgets the kept value (a new capture file, preferences applied). */
void msuc_client_forget(void);

/* The DHCP message around an option, as packet-msuc.c located it. */
typedef struct {
    const guint8 *buf;     /* bytes of the data source */
    gsize len;
    gsize opt_offset;      /* the option's code byte in buf */
    gboolean located;      /* FALSE: buf and view say nothing */
    dhcp_view_t view;
} msuc_context_t;

/* ---- packet-msuc-client.c, packet-msuc-msft-cpe.c: one decoder each ---- */

/* joined: the value is option 43 and 250 put together. */
void msuc_dissect_ms_uc_client(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                               const msuc_context_t *ctx, gboolean joined);
void msuc_dissect_msft(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);
void msuc_dissect_cpe(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);

/* ---- packet-msuc-walk.c ---- */

/* One sub-option as the walk hands it to a vendor's decoder: its header is
 * already in the tree, and a truncation already reported. */
typedef struct {
    tvbuff_t *tvb;
    packet_info *pinfo;
    const guint8 *p;   /* the whole payload */
    const tlv_t *t;
    proto_item *item;  /* the sub-option */
    proto_tree *tree;  /* and its subtree */
} msuc_suboption_t;

typedef void (*msuc_suboption_decoder_t)(const msuc_suboption_t *s, void *user);

/* Walks the sub-options of tvb: pad, End and bytes after it, each one's
 * header (hf_code, named from names) and truncation; decode() then sees
 * every sub-option, complete or cut short. hint_len is the option's length
 * for the router-truncation hint, 0 for none; cut_effect words what a cut
 * sub-option costs (NULL: the client cannot read it). */
void msuc_walk_suboptions(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int hf_code,
                          const value_string *names, guint hint_len, const char *(*cut_effect)(unsigned code),
                          msuc_suboption_decoder_t decode, void *user);
/* The value as plain bytes, for a sub-option we do not or cannot read. */
void msuc_add_value_bytes(const msuc_suboption_t *s);
/* ". Option 43 is N bytes: some router DHCP servers ... truncate it there"
 * when option_len is the length such a router cuts at, else "". */
const char *msuc_truncation_hint(packet_info *pinfo, guint option_len);

#endif /* PACKET_MSUC_INT_H */
