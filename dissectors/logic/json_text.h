/* json_text.h
 * Pieces of a JSON line (RFC 8259) that must be right for any input: a
 * string value made of bytes from a capture (quotes, backslashes, control
 * characters, bytes that are not UTF-8), a UTC timestamp in ISO 8601, and a
 * table column's title as a key. No epan: the findings and records taps
 * write their lines with these, and the unit tests feed them every byte.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef JSON_TEXT_H
#define JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* len bytes of in as a JSON string, quotes included, into out: at most
 * outsz bytes with the closing NUL (none when outsz is 0). Returns the length
 * of the whole string, as snprintf does, so a caller may size its buffer with
 * a first call on (NULL, 0).
 *
 * Valid UTF-8 is kept as it is. The quote, the backslash and every control
 * character (U+0000 to U+001F, and DEL) are escaped. Each byte that does not
 * start a valid UTF-8 sequence (a stray continuation byte, an overlong form,
 * a surrogate, a sequence cut short, anything above U+10FFFF) becomes
 * U+FFFD, written \ufffd, so the line stays valid JSON whatever the capture
 * held. */
size_t json_string(char *out, size_t outsz, const void *in, size_t len);

/* "2026-03-01T10:00:00.123456Z": secs and nsecs since the epoch in UTC, to
 * the microsecond (truncated, as pcap keeps it). False, with out set to "",
 * when the year would fall outside 0000-9999, which ISO 8601's four-digit
 * year cannot say. */
#define JSON_TIME_LEN 28
bool json_utc_time(int64_t secs, int32_t nsecs, char out[JSON_TIME_LEN]);

/* A column title as a key: letters and digits lowercased, every run of
 * anything else one underscore, none at either end ("Observed DSCP:packets"
 * gives "observed_dscp_packets"). Returns the key's length; out holds at
 * most outsz - 1 characters and a NUL. */
size_t json_key_of_title(const char *title, char *out, size_t outsz);

#endif /* JSON_TEXT_H */
