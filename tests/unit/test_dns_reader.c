/* test_dns_reader.c
 * Unit tests of the DNS reader (dissectors/readers/dns_reader.c): questions,
 * answers, cut messages and hostile compression pointers.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "dns_reader.h"
#include "boot_packets.h"
#include "check.h"

static void
test_dns(void)
{
    uint8_t p[512];
    size_t n;
    boot_dns_t d;

    n = dns(p, 7, false, 0, "Pool.Contoso.com", BOOT_DNS_TYPE_A, 0);
    CHECK(boot_dns_parse(p, n, &d));
    CHECK(!d.response && d.id == 7 && d.qtype == BOOT_DNS_TYPE_A);
    CHECK(strcmp(d.qname, "pool.contoso.com") == 0);

    n = dns(p, 7, true, 0, "pool.contoso.com", BOOT_DNS_TYPE_A, 2);
    CHECK(boot_dns_parse(p, n, &d));
    CHECK(d.response && d.answers == 2 && d.n_addr == 2 && d.addr[0] == 0x0a4e0305u);

    /* Truncated answers: the question still parses, the answers stop. */
    CHECK(boot_dns_parse(p, n - 3, &d) && d.n_addr == 1);

    n = dns(p, 8, true, BOOT_DNS_RCODE_NXDOMAIN, "pool.contoso.com", BOOT_DNS_TYPE_A, 0);
    CHECK(boot_dns_parse(p, n, &d) && d.rcode == BOOT_DNS_RCODE_NXDOMAIN);

    /* A pointer loop and a pointer past the end fail, not hang. */
    n = dns(p, 9, false, 0, "a.b", BOOT_DNS_TYPE_A, 0);
    put16(p + 12, 0xc00c);
    CHECK(!boot_dns_parse(p, n, &d));
    put16(p + 12, 0xc1ff);
    CHECK(!boot_dns_parse(p, n, &d));
    CHECK(!boot_dns_parse(p, 11, &d));
}

int
main(void)
{
    test_dns();
    return check_summary();
}
