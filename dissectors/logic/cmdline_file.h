/* cmdline_file.h
 * Which capture file tshark was told to read, from its own command line:
 * Wireshark hands a dissector's tap no file name, and a line of findings
 * that names its capture can be merged with other captures' lines. No epan:
 * the glue reads the arguments (on Linux, /proc/self/cmdline) and this finds
 * the file among them.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef CMDLINE_FILE_H
#define CMDLINE_FILE_H

/* The argument of tshark's -r (also written -rFILE, bundled after options
 * without an argument as in -qr FILE, or --read-file FILE and
 * --read-file=FILE), as getopt would take it: the last one given wins. The
 * arguments of tshark's other short options are skipped, so that a display
 * filter such as -Y "-r" is never taken for it; a long option without "="
 * is taken to have an argument when the next word does not start with a
 * dash, and --display-filter and --read-filter always. NULL when there is none (a live capture, another program). */
const char *cmdline_read_file(int argc, char *const argv[]);

#endif /* CMDLINE_FILE_H */
