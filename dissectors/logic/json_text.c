/* json_text.c
 * JSON string values, UTC timestamps and keys (see json_text.h).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "json_text.h"

#include <string.h>

/* Where the text goes: every piece is counted, and written while it fits
 * with room left for the NUL. */
typedef struct {
    char *out;
    size_t outsz;
    size_t n;
} sink_t;

static void
emit(sink_t *s, const char *p, size_t len)
{
    if (s->outsz && s->n + len < s->outsz)
        memcpy(s->out + s->n, p, len);
    else if (s->outsz && s->n < s->outsz)
        s->outsz = s->n + 1; /* once a piece misses, so do the rest: no gaps */
    s->n += len;
}

static void
finish(sink_t *s)
{
    if (s->outsz)
        s->out[s->n < s->outsz ? s->n : s->outsz - 1] = '\0';
}

/* How many bytes the valid UTF-8 sequence at p takes (RFC 3629, table 3-7
 * of Unicode), or 0 when the byte at p starts none. */
static size_t
utf8_length(const uint8_t *p, size_t left)
{
    uint8_t b = p[0], lo = 0x80, hi = 0xbf;
    size_t need, i;

    if (b < 0x80)
        return 1;
    if (b >= 0xc2 && b <= 0xdf)
        need = 2;
    else if (b >= 0xe0 && b <= 0xef)
        need = 3;
    else if (b >= 0xf0 && b <= 0xf4)
        need = 4;
    else
        return 0; /* a continuation byte, an overlong lead (C0, C1) or F5-FF */
    /* The second byte's range rules out overlong forms (E0, F0), the
     * surrogates (ED) and code points past U+10FFFF (F4). */
    if (b == 0xe0)
        lo = 0xa0;
    else if (b == 0xed)
        hi = 0x9f;
    else if (b == 0xf0)
        lo = 0x90;
    else if (b == 0xf4)
        hi = 0x8f;
    if (left < need || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < need; i++)
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    return need;
}

size_t
json_string(char *out, size_t outsz, const void *in, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = (const uint8_t *)in;
    sink_t s = { out, outsz, 0 };
    size_t i = 0, run;

    emit(&s, "\"", 1);
    while (i < len) {
        uint8_t b = p[i];
        char esc[6];

        if (b == '"' || b == '\\') {
            esc[0] = '\\';
            esc[1] = (char)b;
            emit(&s, esc, 2);
            i++;
        } else if (b < 0x20 || b == 0x7f) {
            const char *named = b == '\n' ? "\\n" : b == '\r' ? "\\r" : b == '\t' ? "\\t"
                              : b == '\b' ? "\\b" : b == '\f' ? "\\f" : NULL;
            if (named) {
                emit(&s, named, 2);
            } else {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[b >> 4];
                esc[5] = hex[b & 15];
                emit(&s, esc, 6);
            }
            i++;
        } else if ((run = utf8_length(p + i, len - i)) == 0) {
            emit(&s, "\\ufffd", 6);
            i++;
        } else {
            emit(&s, (const char *)p + i, run);
            i += run;
        }
    }
    emit(&s, "\"", 1);
    finish(&s);
    return s.n;
}

/* Two digits, or four, of v at out. */
static void
digits(char *out, unsigned v, unsigned width)
{
    while (width--) {
        out[width] = (char)('0' + v % 10);
        v /= 10;
    }
}

bool
json_utc_time(int64_t secs, int32_t nsecs, char out[JSON_TIME_LEN])
{
    /* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    const int64_t first = -62167219200LL, last = 253402300799LL;
    int64_t days, era, rest;
    int64_t doe, yoe, doy, mp, year, month, day;

    out[0] = '\0';
    if (nsecs < 0 || nsecs >= 1000000000 || secs < first || secs > last)
        return false;
    days = secs / 86400;
    rest = secs % 86400;
    if (rest < 0) {
        rest += 86400;
        days--;
    }
    /* Days since 1970-01-01 to a date of the proleptic Gregorian calendar,
     * counted in 400-year eras from 0000-03-01 so that February comes last. */
    days += 719468;
    era = (days >= 0 ? days : days - 146096) / 146097;
    doe = days - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = yoe + era * 400 + (month <= 2);
    if (year < 0 || year > 9999)
        return false;
    digits(out, (unsigned)year, 4);
    out[4] = '-';
    digits(out + 5, (unsigned)month, 2);
    out[7] = '-';
    digits(out + 8, (unsigned)day, 2);
    out[10] = 'T';
    digits(out + 11, (unsigned)(rest / 3600), 2);
    out[13] = ':';
    digits(out + 14, (unsigned)(rest / 60 % 60), 2);
    out[16] = ':';
    digits(out + 17, (unsigned)(rest % 60), 2);
    out[19] = '.';
    digits(out + 20, (unsigned)(nsecs / 1000), 6);
    out[26] = 'Z';
    out[27] = '\0';
    return true;
}

size_t
json_key_of_title(const char *title, char *out, size_t outsz)
{
    sink_t s = { out, outsz, 0 };
    int gap = 0;
    const char *c;

    for (c = title; *c; c++) {
        char ch = *c;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            /* The run before a word becomes one underscore, unless it starts the key. */
            if (gap && s.n)
                emit(&s, "_", 1);
            gap = 0;
            emit(&s, &ch, 1);
        } else {
            gap = 1;
        }
    }
    finish(&s);
    return s.n;
}
