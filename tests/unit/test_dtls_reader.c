/* test_dtls_reader.c
 * Unit tests of the DTLS reader (dissectors/readers/dtls_reader.c): a hello
 * that offers use_srtp is media's, the same hello without it is not.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "dtls_reader.h"
#include "media_packets.h"
#include "check.h"

static void
test_dtls(void)
{
    uint8_t p[300];
    media_packet_t m = { 0 };
    size_t n = dtls_hello(p), i;

    CHECK(dtls_at(p, n, n, &m) && m.kind == MEDIA_DTLS && m.strong);
    /* the same hello without use_srtp is some other DTLS (a VPN, say) */
    for (i = 0; i + 1 < n; i++)
        if (p[i] == 0x00 && p[i + 1] == 0x0e)
            p[i + 1] = 0x0f;
    CHECK(!dtls_at(p, n, n, &m));
    /* one record cut before its end is not the whole datagram */
    n = dtls_hello(p);
    CHECK(!dtls_at(p, n, n + 1, &m));
}

int
main(void)
{
    test_dtls();
    return check_summary();
}
