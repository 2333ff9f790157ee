/* ucdiag_shared.h
 * What the UC Network Diagnostics post-dissector's concerns share: whether a
 * tree item or expert info is worth building, the "UC Network Diagnostics"
 * tree item, the words for the Info column, and the bookkeeping behind
 * their statistics tables. It calls nothing of the concerns, which sit above
 * it; the dispatcher (packet-ucdiag.c) hands it the protocol id.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_SHARED_H
#define UCDIAG_SHARED_H

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/stat_tap_ui.h>

#include "ns_time.h"
#include "state_cap.h"
#include "ucdiag_findings.h"

/* The ucdiag protocol and its subtree. */
void ucdiag_shared_register(int proto);

/* Is a tree item or expert info worth building for this packet? Only for a
 * tree someone looks at, a filter or field naming ucdiag or expert info, or
 * an expert-info listener (tshark -z expert runs without a tree). */
gboolean ucdiag_findings_wanted(proto_tree *tree);
/* The dispatcher's first word on a packet: forget the previous packet's
 * "UC Network Diagnostics" item, and note the Expert column's severity. */
void ucdiag_begin_packet(packet_info *pinfo);
/* The "UC Network Diagnostics" item, and the subtree to add findings to;
 * one per packet, whichever concern asks first. */
proto_tree *ucdiag_add_tree(tvbuff_t *tvb, proto_tree *tree);
/* A finding's short text for the packet list, e.g. "DSCP 0, expected 46":
 * collected per packet and written as one "[UC: a; b] " opening Info (and as
 * field hf under tree) by ucdiag_info_flush. Costs nothing when neither the
 * Info column nor a tree (in_tree) will show it. ei is the finding the words
 * are about: -z ucdiag,findings gives each finding its own words. */
void ucdiag_info(packet_info *pinfo, gboolean in_tree, const expert_field *ei, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
/* The same with words already made (see put_text.h), for findings said on
 * many packets. */
void ucdiag_info_str(packet_info *pinfo, gboolean in_tree, const expert_field *ei, const char *text);
void ucdiag_info_flush(packet_info *pinfo, proto_tree *tree, int hf);
/* msuc's part, inside DHCP: its words as field hf now; the post-dissector's
 * flush writes the one [UC: ...] with every concern's words. */
void ucdiag_info_field(packet_info *pinfo, proto_tree *tree, int hf);
/* The dispatcher's last word on a packet: the flush, as ucdiag.finding, and
 * the Expert column back to the packet's worst severity should one of our
 * findings have lowered it (Wireshark shows the last expert info's). */
void ucdiag_finish_packet(packet_info *pinfo);
/* What a concern concluded, on the collapsed "UC Network Diagnostics" line:
 * the item to append to (NULL where no one looks at labels), *sep the
 * separator to start with. ucdiag_summary formats once, and evaluates its
 * arguments only for such a tree; fmt is a string literal. */
proto_item *ucdiag_summary_item(const char **sep);
#define ucdiag_summary(fmt, ...)                                                   \
    do {                                                                           \
        const char *sep_;                                                          \
        proto_item *top_ = ucdiag_summary_item(&sep_);                             \
        if (top_)                                                                  \
            proto_item_append_text(top_, "%s" fmt, sep_, __VA_ARGS__);             \
    } while (0)
/* Where no one reads the tree or the messages: whether a finding's bare
 * expert info of this severity (PI_NOTE, PI_WARN, ...) is still seen, by
 * Wireshark's status bar or an Expert column. Plain tshark without that
 * column sees none. */
gboolean ucdiag_unread_experts_wanted(packet_info *pinfo, int severity);
/* A finding as an expert info: the long message where it is read (full),
 * else only its severity and registered summary, which is what Wireshark's
 * first pass needs for the status bar's expert light. The message's
 * arguments are not evaluated when !full.
 *
 * The long message names a client, phone or server, once per transaction
 * or event, and tshark -z expert (like the Expert Information dialog)
 * groups on the message with a linear search: a capture of many clients
 * would make it quadratic. So only the first UCDIAG_WORDED_FINDINGS findings
 * of each kind, in frame order, get their words; later ones carry the
 * registered summary, which groups, and the packet's tree keeps the
 * details. While -z ucdiag,findings listens, every finding is worded: a
 * record's message is its whole text, and that tap does not group.
 *
 * Each raise also marks the finding for that tap (ucdiag_findings.h): the
 * flag is tested where a finding is raised, never on other packets. */
#define UCDIAG_WORDED_FINDINGS 200
gboolean ucdiag_finding_worded(packet_info *pinfo, expert_field *ei);
#define UCDIAG_FINDING(full, pinfo, item, ei, ...)                      \
    do {                                                                \
        UCDIAG_MARK((pinfo), (ei));                                     \
        if (ucdiag_finding_worded((pinfo), (ei)) && (full))              \
            expert_add_info_format((pinfo), (item), (ei), __VA_ARGS__); \
        else                                                            \
            expert_add_info((pinfo), (full) ? (item) : NULL, (ei));     \
    } while (0)

/* A QoS finding: said on every packet of a flow direction, in words about
 * the flow (ports, ranges, DSCP values), so its messages are as many as the
 * flows, which ucdiag.qos_max_flows bounds, however many packets repeat them:
 * always worded, or a long call's findings would lose their words. */
#define UCDIAG_FLOW_FINDING(full, pinfo, item, ei, ...)                 \
    do {                                                                \
        UCDIAG_MARK((pinfo), (ei));                                     \
        if (full)                                                       \
            expert_add_info_format((pinfo), (item), (ei), __VA_ARGS__); \
        else                                                            \
            expert_add_info((pinfo), NULL, (ei));                       \
    } while (0)

/* A table's tracking limit (preference pref) in words: "Tracking limit of
 * 20000 phones reached; later phones are not followed (preference ...)". */
char *ucdiag_limit_text(wmem_allocator_t *pool, const state_cap_t *cap, const char *what, const char *pref);
/* The same as an expert info (ucdiag.tracking_limit), on the frame where the
 * limit was reached only: once per table and capture, on every pass. */
void ucdiag_limit_note(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const state_cap_t *cap,
                       const char *what, const char *pref);

/* Realloc-like growth in file-scoped memory, for the pure logic's arrays. */
void *ucdiag_grow_file_scoped(void *ctx, void *old, size_t size);
/* Gives such memory back before the file ends (a table's outgrown slots). */
void ucdiag_free_file_scoped(void *ctx, void *p);
/* The file's one copy of these bytes: what thousands of clients are told or
 * say alike (vendor classes, provisioning URLs, registrars, requested
 * options) is kept once, not once per client. NULL only when size is 0. */
const void *ucdiag_intern_file_scoped(void *ctx, const void *bytes, size_t size);
/* A timestamp in nanoseconds, or UCD_NS_NONE when it is out of range. */
int64_t ucdiag_ns_of(const nstime_t *t);
/* An IPv4 address held as a host-order integer, as text. */
char *ucdiag_ip_str(wmem_allocator_t *pool, guint32 host_order);
/* A hardware address of len bytes as lowercase hex joined by colons, e.g.
 * "00:04:f2:aa:bb:cc". It never shows a vendor name, so the text does not
 * depend on name resolution; len may be other than 6, as DHCP's chaddr is
 * for some hardware types. */
char *ucdiag_mac_str(wmem_allocator_t *pool, const guint8 *mac, guint len);

/* Per (table, flow or transaction): the table's record of that row, freed
 * with g_free when the table forgets it. */
gpointer ucdiag_table_row_get(const stat_tap_table *table, const void *key);
void ucdiag_table_row_put(const stat_tap_table *table, const void *key, gpointer record);
/* The row of (table, key) for tables whose rows are rewritten whole: found,
 * or appended with empty cells of each column's type (*added is then TRUE). */
guint ucdiag_table_row_of(stat_tap_table *table, const void *key, const stat_tap_table_item *fields, guint ncols,
                          gboolean *added);
/* What both tables' callbacks do: find or make the table; free the string
 * cells (except column `keep`, G_MAXUINT for none) and forget the rows. */
void ucdiag_table_init(stat_tap_table_ui *ui, const char *name, guint ncols);
void ucdiag_table_reset(stat_tap_table *table, guint ncols, guint keep);
void ucdiag_table_free_item(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *field,
                            guint keep);
/* The last row of a table whose limit was reached: its text in column 0. */
void ucdiag_table_limit_row(stat_tap_table *table, const stat_tap_table_item *fields, guint ncols,
                            const state_cap_t *cap, const char *what, const char *pref);
/* A row added or rewritten: whether it was flagged (had a finding) before and
 * is now. The table's title then says how many of its rows are, e.g. "UC
 * QoS flows (3 of 12 flagged)": tshark prints it below the column names,
 * above the rows (the line above the names is the registered stat's title,
 * which Wireshark's menu and dialog read too). A limit's row is not counted. */
void ucdiag_table_flag(stat_tap_table *table, gboolean added, gboolean was, gboolean now);
/* Replaces a string cell, freeing the old text. */
void ucdiag_table_set_string(stat_tap_table *table, guint row, guint col, char *owned);
/* The same for a row's Findings cell, which flags the row when not empty
 * (ucdiag_table_flag); added: the row is new. */
void ucdiag_table_set_findings(stat_tap_table *table, guint row, guint col, gboolean added, char *owned);

/* What one concern tells another about the packet in hand, kept in the
 * packet's own pool: the certificate concern's account of a client refusing
 * a chain, which the bootstrap timeline's TLS step quotes instead of reading
 * the certificates a second time. The dispatcher runs the teller first. */
#define UCDIAG_NOTE_TLS_REFUSAL 1
void ucdiag_note_set(packet_info *pinfo, guint32 key, const char *words);
const char *ucdiag_note(packet_info *pinfo, guint32 key);
/* The note, taken: a later ucdiag_note finds it no more. */
const char *ucdiag_note_take(packet_info *pinfo, guint32 key);

#endif /* UCDIAG_SHARED_H */
