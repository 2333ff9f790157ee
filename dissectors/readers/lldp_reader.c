/* lldp_reader.c
 * Finding an LLDPDU in an Ethernet frame and reading its LLDP-MED TLVs
 * (IEEE 802.1AB, ANSI/TIA-1057); see lldp_reader.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "lldp_reader.h"

#include <string.h>

#include "bytes.h"

#define ETHERTYPE_LLDP 0x88cc
#define ETHERTYPE_VLAN 0x8100
#define LLDP_TLV_END 0
#define LLDP_TLV_ORG 127
#define LLDP_MED_CAPS 1
#define LLDP_MED_POLICY 2

static const uint8_t tia_oui[3] = { 0x00, 0x12, 0xbb };

bool
boot_lldp_locate(const uint8_t *frame, size_t len, size_t *offset)
{
    if (!frame || len < 16)
        return false;
    if (be16(frame + 12) == ETHERTYPE_LLDP) {
        *offset = 14;
        return true;
    }
    if (be16(frame + 12) == ETHERTYPE_VLAN && len >= 20 && be16(frame + 16) == ETHERTYPE_LLDP) {
        *offset = 18;
        return true;
    }
    return false;
}

bool
boot_lldp_parse(const uint8_t *p, size_t len, boot_lldp_t *out)
{
    size_t pos = 0;

    memset(out, 0, sizeof *out);
    if (!p)
        return false;
    while (pos + 2 <= len) {
        uint16_t h = be16(p + pos);
        uint8_t type = (uint8_t)(h >> 9);
        size_t tlen = h & 0x1ff, v = pos + 2;

        if (type == LLDP_TLV_END || v + tlen > len)
            break;
        pos = v + tlen;
        if (type != LLDP_TLV_ORG || tlen < 4 || memcmp(p + v, tia_oui, 3) != 0)
            continue;
        out->med = true;
        if (p[v + 3] == LLDP_MED_CAPS && tlen >= 7) {
            out->device_type = p[v + 6];
        } else if (p[v + 3] == LLDP_MED_POLICY && tlen >= 8 && p[v + 4] == BOOT_LLDP_APP_VOICE && !out->policy) {
            uint32_t bits = (uint32_t)p[v + 5] << 16 | (uint32_t)p[v + 6] << 8 | p[v + 7];
            out->policy = true;
            out->policy_unknown = (bits >> 23) & 1;
            out->tagged = (bits >> 22) & 1;
            out->vlan = (uint16_t)((bits >> 9) & 0xfff);
            out->priority = (uint8_t)((bits >> 6) & 7);
            out->dscp = (uint8_t)(bits & 0x3f);
        }
    }
    return out->med;
}
