/* test_tls_reader.c
 * Unit tests of the TLS record reader (dissectors/readers/tls_reader.c):
 * hellos, a hello cut short, ChangeCipherSpec, alerts and plain text.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tls_reader.h"
#include "boot_packets.h"
#include "check.h"

static void
test_tls(void)
{
    uint8_t p[512];
    size_t n;
    boot_tls_t t;

    n = client_hello(p, "Pool.Contoso.com");
    CHECK(boot_tls_scan(p, n, &t) && t.client_hello && strcmp(t.sni, "pool.contoso.com") == 0);
    /* Cut in the middle of the extension: a hello, no name. */
    CHECK(boot_tls_scan(p, n - 4, &t) && t.client_hello && t.sni[0] == '\0');

    n = server_hello(p, 0x0304);
    n += rec(p + n, BOOT_TLS_CT_CCS, 1);
    p[n++] = 1;
    CHECK(boot_tls_scan(p, n, &t) && t.server_hello && t.version == 0x0304 && t.ccs);

    n = alert(p, 2, 48);
    CHECK(boot_tls_scan(p, n, &t) && t.alert && t.alert_level == 2 && t.alert_desc == 48);

    memcpy(p, "GET / HTTP/1.1\r\n", 16);
    CHECK(!boot_tls_scan(p, 16, &t));
}

int
main(void)
{
    test_tls();
    return check_summary();
}
