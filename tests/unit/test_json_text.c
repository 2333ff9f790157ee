/* test_json_text.c
 * Unit tests of dissectors/logic/json_text.c and cmdline_file.c: every byte
 * value as a JSON string (escapes, valid UTF-8 kept, each invalid byte one
 * U+FFFD), the snprintf-like sizing and cut, UTC timestamps at the calendar's
 * corners, column titles as keys, and the -r file among tshark's arguments.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "cmdline_file.h"
#include "json_text.h"
#include "check.h"

/* in (len bytes) as a JSON string equals want. */
static int
string_is(const void *in, size_t len, const char *want)
{
    char out[256];
    size_t n = json_string(out, sizeof out, in, len);

    if (n != strlen(want) || strcmp(out, want) != 0) {
        fprintf(stderr, "  got %s, want %s\n", out, want);
        return 0;
    }
    return 1;
}

static void
test_escapes(void)
{
    CHECK(string_is("", 0, "\"\""));
    CHECK(string_is("plain text", 10, "\"plain text\""));
    CHECK(string_is("say \"hi\"", 8, "\"say \\\"hi\\\"\""));
    CHECK(string_is("C:\\path", 7, "\"C:\\\\path\""));
    CHECK(string_is("a\nb\rc\td\be\ff", 11, "\"a\\nb\\rc\\td\\be\\ff\""));
    CHECK(string_is("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""));
    /* A NUL inside the bytes is a character like any other. */
    CHECK(string_is("a\0b", 3, "\"a\\u0000b\""));
    /* The solidus needs no escape. */
    CHECK(string_is("a/b", 3, "\"a/b\""));
}

static void
test_utf8(void)
{
    /* Valid sequences of every length pass through: é, €, U+10FFFF. */
    CHECK(string_is("caf\xc3\xa9", 5, "\"caf\xc3\xa9\""));
    CHECK(string_is("\xe2\x82\xac", 3, "\"\xe2\x82\xac\""));
    CHECK(string_is("\xf4\x8f\xbf\xbf", 4, "\"\xf4\x8f\xbf\xbf\""));
    CHECK(string_is("\xed\x9f\xbf", 3, "\"\xed\x9f\xbf\""));   /* U+D7FF, just below the surrogates */
    /* Each byte that starts no valid sequence is one U+FFFD. */
    CHECK(string_is("\x80", 1, "\"\\ufffd\""));                 /* a stray continuation */
    CHECK(string_is("\xc0\xaf", 2, "\"\\ufffd\\ufffd\""));     /* overlong '/' */
    CHECK(string_is("\xc1\xbf", 2, "\"\\ufffd\\ufffd\""));
    CHECK(string_is("\xe0\x80\xaf", 3, "\"\\ufffd\\ufffd\\ufffd\""));   /* overlong, 3 bytes */
    CHECK(string_is("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""));   /* a surrogate */
    CHECK(string_is("\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""));   /* past U+10FFFF */
    CHECK(string_is("\xf5\xff\xfe", 3, "\"\\ufffd\\ufffd\\ufffd\""));
    /* Cut short at the end, and interrupted by ASCII. */
    CHECK(string_is("ab\xe2\x82", 4, "\"ab\\ufffd\\ufffd\""));
    CHECK(string_is("\xe2x\xac", 3, "\"\\ufffdx\\ufffd\""));
    CHECK(string_is("\xc3\xa9\xff\xc3\xa9", 5, "\"\xc3\xa9\\ufffd\xc3\xa9\""));
}

/* Every one of the 256 byte values, alone and after a two-byte lead: the
 * result is a string of printable ASCII or valid UTF-8, opened and closed by
 * a quote with no bare quote, backslash or control character between. */
static void
test_every_byte(void)
{
    int ok = 1;
    unsigned b;

    for (b = 0; b < 256; b++) {
        uint8_t in[2] = { 0xc3, (uint8_t)b };
        char out[32];
        size_t n, i;
        int pass;

        for (pass = 0; pass < 2; pass++) {
            n = json_string(out, sizeof out, pass ? in : in + 1, pass ? 2 : 1);
            if (n < 2 || out[0] != '"' || out[n - 1] != '"')
                ok = 0;
            for (i = 1; i + 1 < n; i++) {
                uint8_t c = (uint8_t)out[i];
                if (c < 0x20 || c == 0x7f || c == '"')
                    ok = 0;
                if (c == '\\')
                    i++; /* an escape: its next character is part of it */
            }
        }
    }
    CHECK(ok);
}

static void
test_sizing(void)
{
    char out[8];
    size_t n;

    /* The length comes back whole, as with snprintf; NULL, 0 only counts. */
    CHECK(json_string(NULL, 0, "a\"b", 3) == 6);
    n = json_string(out, sizeof out, "abcdefghij", 10);
    CHECK(n == 12 && strlen(out) == 7 && memcmp(out, "\"abcdef", 7) == 0);
    /* An escape that does not fit is left out whole, never half written. */
    n = json_string(out, 5, "ab\\c", 4);
    CHECK(n == 7 && strcmp(out, "\"ab") == 0);
    n = json_string(out, 1, "x", 1);
    CHECK(n == 3 && out[0] == '\0');
}

static int
time_is(int64_t secs, int32_t nsecs, const char *want)
{
    char out[JSON_TIME_LEN];
    bool ok = json_utc_time(secs, nsecs, out);

    if (want ? !ok || strcmp(out, want) != 0 : ok || out[0] != '\0') {
        fprintf(stderr, "  %lld.%09d: got %s\n", (long long)secs, nsecs, out);
        return 0;
    }
    return 1;
}

static void
test_time(void)
{
    CHECK(time_is(0, 0, "1970-01-01T00:00:00.000000Z"));
    CHECK(time_is(1772359200, 123456789, "2026-03-01T10:00:00.123456Z"));
    CHECK(time_is(951782400, 0, "2000-02-29T00:00:00.000000Z"));     /* a leap day of a 400th year */
    CHECK(time_is(4107542399LL, 999999999, "2100-02-28T23:59:59.999999Z"));
    CHECK(time_is(4107542400LL, 0, "2100-03-01T00:00:00.000000Z"));  /* 2100 is no leap year */
    CHECK(time_is(-1, 500000000, "1969-12-31T23:59:59.500000Z"));
    CHECK(time_is(-62167219200LL, 0, "0000-01-01T00:00:00.000000Z"));
    CHECK(time_is(253402300799LL, 0, "9999-12-31T23:59:59.000000Z"));
    /* Beyond four-digit years, or a fraction out of its range: none. */
    CHECK(time_is(253402300800LL, 0, NULL));
    CHECK(time_is(-62167219201LL, 0, NULL));
    CHECK(time_is(INT64_MAX, 0, NULL));
    CHECK(time_is(INT64_MIN, 0, NULL));
    CHECK(time_is(0, -1, NULL));
    CHECK(time_is(0, 1000000000, NULL));
}

static int
key_is(const char *title, const char *want)
{
    char out[64];

    json_key_of_title(title, out, sizeof out);
    if (strcmp(out, want) != 0) {
        fprintf(stderr, "  %s: got %s, want %s\n", title, out, want);
        return 0;
    }
    return 1;
}

static void
test_keys(void)
{
    char small[6];

    CHECK(key_is("Client", "client"));
    CHECK(key_is("First frame", "first_frame"));
    CHECK(key_is("Observed DSCP:packets", "observed_dscp_packets"));
    CHECK(key_is("Microsoft media? (evidence)", "microsoft_media_evidence"));
    CHECK(key_is("  Steps (frame) ", "steps_frame"));
    CHECK(key_is("ACK", "ack"));
    CHECK(key_is("", ""));
    CHECK(json_key_of_title("Allocates UDP", small, sizeof small) == 13 && strcmp(small, "alloc") == 0);
}

/* The file of an argument list written as one string, words split on '|'. */
static const char *
file_of(const char *line)
{
    static char buf[256];
    static char *argv[32];
    int argc = 0;
    char *p;

    strcpy(buf, line);
    argv[argc++] = buf;
    for (p = buf; *p; p++)
        if (*p == '|') {
            *p = '\0';
            argv[argc++] = p + 1;
        }
    return cmdline_read_file(argc, argv);
}

static int
same(const char *got, const char *want)
{
    return got && want ? strcmp(got, want) == 0 : got == want;
}

static void
test_cmdline(void)
{
    CHECK(same(file_of("tshark|-r|a.pcap|-q|-z|ucdiag,findings"), "a.pcap"));
    CHECK(same(file_of("tshark|-ra.pcap"), "a.pcap"));
    CHECK(same(file_of("tshark|-nqr|b.pcapng"), "b.pcapng"));
    CHECK(same(file_of("tshark|-qrb.pcapng"), "b.pcapng"));
    CHECK(same(file_of("tshark|--read-file|c.pcap"), "c.pcap"));
    CHECK(same(file_of("tshark|--read-file=d e.pcap"), "d e.pcap"));
    /* Another option's argument is never the file, even when it reads -r. */
    CHECK(same(file_of("tshark|-Y|-r|-r|x.pcap"), "x.pcap"));
    CHECK(same(file_of("tshark|-o|ucdiag.qos_preset:teams|-r|y.pcap"), "y.pcap"));
    CHECK(same(file_of("tshark|-Yr|-r|z.pcap"), "z.pcap"));
    CHECK(same(file_of("tshark|--display-filter|-r|-r|w.pcap"), "w.pcap"));
    /* The last one wins; none, or none before --, is NULL. */
    CHECK(same(file_of("tshark|-r|one.pcap|-r|two.pcap"), "two.pcap"));
    CHECK(same(file_of("tshark|-i|eth0|-q"), NULL));
    CHECK(same(file_of("tshark|-r"), NULL));
    CHECK(same(file_of("tshark|--|-r|after.pcap"), NULL));
    CHECK(same(file_of("tshark|-r|-"), "-"));
}

int
main(void)
{
    test_escapes();
    test_utf8();
    test_every_byte();
    test_sizing();
    test_time();
    test_keys();
    test_cmdline();
    return check_summary();
}
