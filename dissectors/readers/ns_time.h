/* ns_time.h
 * Times and spans in nanoseconds (int64_t) that cannot overflow, shared by
 * the readers, the pure logic and the glue.
 *
 * A capture can say anything about time: pcapng has 64-bit timestamps, any
 * resolution and a 64-bit offset in seconds, so a packet may claim the year
 * 2262 or 10^11. No clock a phone or a server runs is that far from 1970, and
 * a finding built from such a time would be garbage ("a response time of
 * -1.7 s"), so a time further than UCD_NS_LIMIT from 1970 is UCD_NS_NONE, and
 * so is any span computed from one. Callers show no number and no words for
 * NONE. The limit, about 146 years either side of 1970, holds every time a
 * pcap file (up to 2106) or an NTP timestamp (1968 to 2104) can say, and is
 * small enough that the difference of two known times always fits.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_NS_TIME_H
#define UCDIAG_NS_TIME_H

#include <stdbool.h>
#include <stdint.h>

#define UCD_NS_PER_S 1000000000LL
#define UCD_NS_LIMIT ((int64_t)1 << 62)
/* An unknown time or span. */
#define UCD_NS_NONE INT64_MIN

static inline bool
ucd_ns_known(int64_t t)
{
    return t > -UCD_NS_LIMIT && t < UCD_NS_LIMIT;
}

/* secs and nsecs as one time, e.g. an nstime_t; nsecs may be negative or
 * beyond a second, as for a negative nstime_t. */
static inline int64_t
ucd_ns_from_parts(int64_t secs, int32_t nsecs)
{
    int64_t t;

    /* Bounded before the product so it cannot overflow; the bound leaves a
     * second for nsecs either way. */
    if (secs < -(UCD_NS_LIMIT / UCD_NS_PER_S) || secs > UCD_NS_LIMIT / UCD_NS_PER_S)
        return UCD_NS_NONE;
    t = secs * UCD_NS_PER_S + nsecs;
    return ucd_ns_known(t) ? t : UCD_NS_NONE;
}

/* A configured number of seconds: a uint32_t of them always fits. */
static inline int64_t
ucd_ns_of_s(uint32_t secs)
{
    return (int64_t)secs * UCD_NS_PER_S;
}

/* later - earlier, or NONE when either is unknown. Known times are under
 * 2^62 from 0, so the difference fits. */
static inline int64_t
ucd_ns_since(int64_t later, int64_t earlier)
{
    if (!ucd_ns_known(later) || !ucd_ns_known(earlier))
        return UCD_NS_NONE;
    return later - earlier;
}

/* At least span after earlier: false when either time is unknown, since an
 * interval from a time no clock can show proves nothing. */
static inline bool
ucd_ns_at_least(int64_t later, int64_t earlier, int64_t span)
{
    int64_t d = ucd_ns_since(later, earlier);

    return d != UCD_NS_NONE && d >= span;
}

/* a and b no more than window apart, either way round. */
static inline bool
ucd_ns_within(int64_t a, int64_t b, int64_t window)
{
    int64_t d = ucd_ns_since(a, b);

    return d != UCD_NS_NONE && d <= window && d >= -window;
}

#endif /* UCDIAG_NS_TIME_H */
