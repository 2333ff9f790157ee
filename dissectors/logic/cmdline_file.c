/* cmdline_file.c
 * The capture file named on tshark's command line (see cmdline_file.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cmdline_file.h"

#include <stddef.h>
#include <string.h>

/* tshark's short options that take an argument (its getopt string, 4.0 to
 * 4.6): capture, dissection and output options alike. */
static const char with_argument[] = "aAbBcCdeEfFGHijJKMNoOrRsSTuUwWXyYz";

/* A long option takes the next word when it is one of these, whose value
 * (a filter) may well start with a dash, or when that word does not. */
static int
takes_next(const char *opt, const char *next)
{
    return next && (next[0] != '-' || strcmp(opt, "--display-filter") == 0 ||
                    strcmp(opt, "--read-filter") == 0);
}

const char *
cmdline_read_file(int argc, char *const argv[])
{
    const char *file = NULL;
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *value;

        if (!a || a[0] != '-' || a[1] == '\0')
            continue;
        if (strcmp(a, "--") == 0)
            break;
        if (a[1] == '-') {
            if (strncmp(a, "--read-file=", 12) == 0)
                file = a + 12;
            else if (strcmp(a, "--read-file") == 0 && i + 1 < argc)
                file = argv[++i];
            else if (!strchr(a, '=') && i + 1 < argc && takes_next(a, argv[i + 1]))
                i++;
            continue;
        }
        /* A bundle of short options: the first that takes an argument takes
         * the rest of the word, or else the next word. */
        for (a++; *a; a++) {
            if (!strchr(with_argument, *a))
                continue;
            value = a[1] ? a + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (*a == 'r' && value)
                file = value;
            break;
        }
    }
    return file;
}
