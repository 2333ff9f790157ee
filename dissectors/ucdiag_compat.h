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

#endif /* UCDIAG_COMPAT_H */
