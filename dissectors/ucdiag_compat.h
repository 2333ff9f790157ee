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

/* The Flow Graph's sequence analysis (Statistics > Flow Graph, tshark -z
 * flow,...), for the one file that asks for it. Where the build found
 * epan/sequence_analysis.h, that header; on 4.0, whose libwireshark-dev
 * leaves it out though libwireshark exports its calls, the part we use,
 * declared to 4.0's layout (read from its libwireshark: 144-byte items,
 * `display` a gboolean at byte 112, the list of items at byte 16 of the
 * info). CMakeLists.txt defines UCD_FLOW_GRAPH only in these two cases. */
#if defined(UCD_WANT_SEQUENCE_ANALYSIS) && defined(UCD_FLOW_GRAPH)
#ifdef UCD_HAVE_SEQUENCE_ANALYSIS_H
#include <epan/sequence_analysis.h>
#else
#include <epan/address.h>
#include <epan/tap.h>

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
    gboolean has_color_filter;
    gboolean display;       /* only displayed items become nodes and arrows */
    guint src_node, dst_node;
    guint16 line_style;
    int info_type;
    gpointer info_ptr;
} seq_analysis_item_t;

/* Only its head: Wireshark allocates it and hands it to the tap. */
typedef struct {
    const char *name;
    gboolean any_addr;
    int nconv;
    GQueue *items;
} seq_analysis_info_t;

#if GLIB_SIZEOF_VOID_P == 8
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 144 && G_STRUCT_OFFSET(seq_analysis_item_t, display) == 112);
G_STATIC_ASSERT(G_STRUCT_OFFSET(seq_analysis_info_t, items) == 16);
#endif

extern void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                  const char *tap_listener, guint tap_flags, tap_packet_cb tap_func);
#endif
#endif

#endif /* UCDIAG_COMPAT_H */
