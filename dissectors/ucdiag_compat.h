/* ucdiag_compat.h
 * Every difference between the Wireshark versions we build against (4.0,
 * 4.4, 4.6) lives here. The UCD_HAVE_* / UCD_*_IS_BOOL macros come from
 * compile probes in CMakeLists.txt, not from version arithmetic, so a
 * distribution backport does not fool us.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_COMPAT_H
#define UCDIAG_COMPAT_H

#include "ucdiag_config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <epan/packet.h>
#include <epan/strutil.h>

/* Heuristic dissectors return gboolean up to 4.0 and bool from 4.2. */
#ifdef UCD_HEUR_RETURNS_BOOL
typedef bool ucd_heur_ret_t;
#else
typedef gboolean ucd_heur_ret_t;
#endif

/* prefs_register_bool_preference() takes gboolean * in 4.0, bool * later. */
#ifdef UCD_PREF_BOOL_IS_BOOL
typedef bool ucd_pref_bool_t;
#else
typedef gboolean ucd_pref_bool_t;
#endif

/* UAT record update callbacks return gboolean in 4.0, bool later. */
#ifdef UCD_UAT_UPDATE_RETURNS_BOOL
typedef bool ucd_uat_ret_t;
#else
typedef gboolean ucd_uat_ret_t;
#endif

/* A -z statistic's init callback returns nothing in 4.0 and, in later
 * releases, whether it took its argument: tshark then says so and stops.
 * Where it returns nothing, a refused argument can only end tshark here. */
#ifdef UCD_STAT_INIT_RETURNS_BOOL
typedef bool ucd_stat_init_ret_t;
#define UCD_STAT_INIT_DONE(ok) return (ok)
#else
typedef void ucd_stat_init_ret_t;
#define UCD_STAT_INIT_DONE(ok)  \
    do {                        \
        if (!(ok))              \
            exit(1);            \
        return;                 \
    } while (0)
#endif

/* format_text() takes guchar * in 4.0 and char * from 4.2; option bytes are
 * guint8, so go through void * to suit both without a pointer-sign warning. */
#define ucd_format_text(pool, bytes, len) format_text((pool), (const void *)(bytes), (len))

/* Keeps a rarely taken path's setting up (registers, stack) out of a
 * function every packet calls; glib's G_GNUC_NOINLINE is newer than the
 * glib version Wireshark's headers ask for. */
#if defined(__GNUC__)
#define UCD_NOINLINE __attribute__((noinline))
#else
#define UCD_NOINLINE
#endif

/* The Flow Graph's sequence analysis (Statistics > Flow Graph, tshark -z
 * flow,...), for the one file that asks for it. Where the build found
 * epan/sequence_analysis.h, that header. Debian's libwireshark-dev of 4.0,
 * 4.4 and 4.6 leaves it out, though libwireshark exports its calls: there,
 * the part we use, declared to each release's layout as its libwireshark
 * uses it (sequence_analysis_create_sai_with_addresses allocates an item
 * and fills the addresses and time_str; the item's free callback g_frees
 * the strings and frees the addresses; the node walk reads `display`;
 * sequence_analysis_info_new allocates the info and its `items` queue).
 * A layout cannot be probed, so here, unlike above, the version picks it;
 * CMakeLists.txt defines UCD_FLOW_GRAPH only for the header or these
 * versions. The names are the same on all three, so the glue has no #if. */
#if defined(UCD_WANT_SEQUENCE_ANALYSIS) && defined(UCD_FLOW_GRAPH)
#ifdef UCD_HAVE_SEQUENCE_ANALYSIS_H
#include <epan/sequence_analysis.h>
#else
#include <ws_version.h>
#include <epan/address.h>
#include <epan/tap.h>

/* 4.0's flags are gboolean (4 bytes), 4.4's and 4.6's bool (1 byte); 4.6
 * adds free_info_ptr, which the item's free callback calls on a set
 * info_ptr (4.0 and 4.4 g_free it). */
#if WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR == 0
typedef gboolean ucd_sa_bool_t;
#elif WIRESHARK_VERSION_MAJOR == 4 && (WIRESHARK_VERSION_MINOR == 4 || WIRESHARK_VERSION_MINOR == 6)
typedef bool ucd_sa_bool_t;
#else
#error "ucdiag: the Flow Graph's layout is known for Wireshark 4.0, 4.4 and 4.6 only (see CMakeLists.txt)"
#endif

typedef struct {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;     /* above the arrow */
    gchar *time_str;
    gchar *comment;         /* right of the graph */
    guint16 conv_num;
    unsigned fg_color, bg_color;
    ucd_sa_bool_t has_color_filter;
    ucd_sa_bool_t display;  /* only displayed items become nodes and arrows */
    guint src_node, dst_node;
    guint16 line_style;
    int info_type;
    gpointer info_ptr;
#if WIRESHARK_VERSION_MINOR >= 6
    void (*free_info_ptr)(void *);
#endif
} seq_analysis_item_t;

/* Only its head: Wireshark allocates it and hands it to the tap. */
typedef struct {
    const char *name;
    ucd_sa_bool_t any_addr;
    int nconv;
    GQueue *items;
} seq_analysis_info_t;

/* What each libwireshark (x86-64) was read to use: the size it allocates
 * an item with, where it writes the addresses and time_str, where the node
 * walk reads `display` and writes the nodes, where the free callback finds
 * info_ptr; the info's flag, count and queue. */
#if GLIB_SIZEOF_VOID_P == 8
#define UCD_SAI_AT(field, off) (G_STRUCT_OFFSET(seq_analysis_item_t, field) == (off))
G_STATIC_ASSERT(UCD_SAI_AT(src_addr, 0x08) && UCD_SAI_AT(port_src, 0x20) && UCD_SAI_AT(dst_addr, 0x28) &&
                UCD_SAI_AT(port_dst, 0x40) && UCD_SAI_AT(frame_label, 0x48) && UCD_SAI_AT(time_str, 0x50) &&
                UCD_SAI_AT(comment, 0x58) && UCD_SAI_AT(fg_color, 0x64) && UCD_SAI_AT(bg_color, 0x68));
G_STATIC_ASSERT(G_STRUCT_OFFSET(seq_analysis_info_t, any_addr) == 8 &&
                G_STRUCT_OFFSET(seq_analysis_info_t, nconv) == 12 &&
                G_STRUCT_OFFSET(seq_analysis_info_t, items) == 16);
#if WIRESHARK_VERSION_MINOR == 0   /* libwireshark.so.16.0.17 */
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 0x90 && UCD_SAI_AT(display, 0x70) &&
                UCD_SAI_AT(src_node, 0x74) && UCD_SAI_AT(info_ptr, 0x88));
#elif WIRESHARK_VERSION_MINOR == 4 /* libwireshark.so.18.0.19 */
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 0x88 && UCD_SAI_AT(has_color_filter, 0x6c) &&
                UCD_SAI_AT(display, 0x6d) && UCD_SAI_AT(src_node, 0x70) && UCD_SAI_AT(dst_node, 0x74) &&
                UCD_SAI_AT(info_ptr, 0x80));
#else                              /* 4.6: libwireshark.so.19.1.9 */
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 0x90 && UCD_SAI_AT(has_color_filter, 0x6c) &&
                UCD_SAI_AT(display, 0x6d) && UCD_SAI_AT(src_node, 0x70) && UCD_SAI_AT(dst_node, 0x74) &&
                UCD_SAI_AT(info_ptr, 0x80) && UCD_SAI_AT(free_info_ptr, 0x88));
#endif
#undef UCD_SAI_AT
#endif

extern void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                  const char *tap_listener, guint tap_flags, tap_packet_cb tap_func);
#endif
#endif

#endif /* UCDIAG_COMPAT_H */
