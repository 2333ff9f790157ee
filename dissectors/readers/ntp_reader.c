/* ntp_reader.c
 * Reading an NTP packet's mode, stratum and transmit time (RFC 5905); see
 * ntp_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ntp_reader.h"

#include <string.h>

#include "bytes.h"
#include "ns_time.h"

#define NTP_LEN 48
/* Seconds from 1900 (NTP era 0) to 1970. */
#define NTP_UNIX_OFFSET 2208988800LL

bool
boot_ntp_parse(const uint8_t *p, size_t len, boot_ntp_t *out)
{
    uint8_t version;
    uint32_t secs, frac;
    int64_t s;

    memset(out, 0, sizeof *out);
    if (!p || len < NTP_LEN)
        return false;
    version = (p[0] >> 3) & 7;
    out->mode = p[0] & 7;
    out->stratum = p[1];
    if (version < 1 || version > 4)
        return false;
    secs = be32(p + 40);
    frac = be32(p + 44);
    if (secs == 0 && frac == 0)
        return true;
    s = (int64_t)secs;
    /* Era 1 starts in 2036: a small count is past it. */
    if (secs < 0x80000000u)
        s += 0x100000000LL;
    out->xmit_set = true;
    /* 1968 to 2104: always a known time. */
    out->xmit_unix_ns = ucd_ns_from_parts(s - NTP_UNIX_OFFSET, (int32_t)(((uint64_t)frac * 1000000000u) >> 32));
    return true;
}
