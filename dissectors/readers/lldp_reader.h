/* lldp_reader.h
 * LLDP-MED in an Ethernet frame: whether the sender is a phone or a switch,
 * and the voice VLAN policy a switch hands a phone. No epan header, so it is
 * unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LLDP_READER_H
#define LLDP_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_LLDP_MED_CLASS_III 3   /* communication device: a phone */
#define BOOT_LLDP_MED_NETWORK 4     /* network connectivity device: a switch */
#define BOOT_LLDP_APP_VOICE 1

typedef struct {
    bool med;                   /* any TIA TR-41 TLV */
    uint8_t device_type;        /* LLDP-MED capabilities, 0 if absent */
    bool policy;                /* a voice network policy */
    bool policy_unknown;        /* its U flag: the device does not know it yet */
    bool tagged;
    uint16_t vlan;
    uint8_t priority, dscp;
} boot_lldp_t;

/* Finds an LLDPDU in an Ethernet frame (untagged or one 802.1Q tag). */
bool boot_lldp_locate(const uint8_t *frame, size_t len, size_t *offset);
/* Reads an LLDPDU's LLDP-MED capabilities and voice network policy. */
bool boot_lldp_parse(const uint8_t *p, size_t len, boot_lldp_t *out);

#endif /* LLDP_READER_H */
