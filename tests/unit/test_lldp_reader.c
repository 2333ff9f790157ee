/* test_lldp_reader.c
 * Unit tests of the LLDP-MED reader (dissectors/readers/lldp_reader.c):
 * finding the LLDPDU behind a VLAN tag, a phone's capabilities and voice
 * policy, and a TLV longer than the frame.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "lldp_reader.h"
#include "check.h"

static void
test_lldp(void)
{
    uint8_t f[64] = { 0 };
    size_t off, w;
    boot_lldp_t l;
    uint32_t bits;

    put16(f + 12, 0x8100);
    put16(f + 16, 0x88cc);
    CHECK(boot_lldp_locate(f, sizeof f, &off) && off == 18);
    w = off;
    put16(f + w, 127 << 9 | 7); /* capabilities: class III */
    f[w + 2] = 0x00; f[w + 3] = 0x12; f[w + 4] = 0xbb; f[w + 5] = 1;
    f[w + 8] = BOOT_LLDP_MED_CLASS_III;
    w += 9;
    put16(f + w, 127 << 9 | 8); /* voice policy: tagged, VLAN 200, priority 5, DSCP 46 */
    f[w + 2] = 0x00; f[w + 3] = 0x12; f[w + 4] = 0xbb; f[w + 5] = 2; f[w + 6] = BOOT_LLDP_APP_VOICE;
    bits = 1u << 22 | 200u << 9 | 5u << 6 | 46u;
    f[w + 7] = (uint8_t)(bits >> 16); f[w + 8] = (uint8_t)(bits >> 8); f[w + 9] = (uint8_t)bits;
    w += 10;
    put16(f + w, 0);
    CHECK(boot_lldp_parse(f + off, sizeof f - off, &l));
    CHECK(l.device_type == BOOT_LLDP_MED_CLASS_III && l.policy && l.tagged && l.vlan == 200 &&
          l.priority == 5 && l.dscp == 46);
    /* A length past the end stops the walk. */
    put16(f + off, 127 << 9 | 400);
    CHECK(!boot_lldp_parse(f + off, sizeof f - off, &l));
}

int
main(void)
{
    test_lldp();
    return check_summary();
}
