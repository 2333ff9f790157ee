/* client_flood.c
 * --distinct-clients N FILE: N phones, each with its own MAC and address,
 * sending one INFORM that the server answers without option 43 or 120. Every
 * phone gets findings of its own, which is what -z expert must group in
 * bounded time (issue 19).
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

void
gen_distinct_clients(unsigned long count, const char *path)
{
    capture c;
    unsigned long i;

    cap_open_path(&c, path);
    for (i = 0; i < count; i++) {
        uint8_t mac[6] = { 0x00, 0x04, 0xf2, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i };
        /* 10.64.0.1 on, clear of the lab's 10.1.x.x */
        uint32_t ip = IP(10, 64, 0, 1) + (uint32_t)i;
        dhcp_msg m;

        inform(&c, 0x5c000000u + (uint32_t)i, mac, ip, "MS-UC-Client");
        ack_begin(&m, 0x5c000000u + (uint32_t)i, mac, ip, NULL);
        ack_send(&c, &m, mac, ip);
    }
    cap_close(&c);
}
