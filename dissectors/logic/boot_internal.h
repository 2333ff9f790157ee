/* boot_internal.h
 * What the two halves of the bootstrap timeline share: boot_logic.c (the
 * phone, DHCP, DNS and NTP) and boot_tcp.c (its connections and their TLS).
 * Not for the glue, which includes boot_logic.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BOOT_INTERNAL_H
#define BOOT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_logic.h"

/* A blank event of this kind, for this step and frame: no name, no
 * connection, no finding. */
boot_event_t boot_new_event(uint8_t kind, uint8_t step, uint32_t frame);

/* Moves a step on. A step once reached stays reached; a failure does not
 * overwrite it. A step still under way names its latest try. */
void boot_set_step(boot_phone_t *ph, uint8_t step, uint8_t state, uint32_t frame);

/* Raises a finding once per phone, on e; the first that stops the phone
 * names where it stopped. */
void boot_raise_finding(boot_phone_t *ph, boot_event_t *e, uint16_t finding);

/* The frame's event with its step's state now, recorded for later passes
 * while the phone's list has room (else counted as unrecorded). */
boot_event_t boot_finish(boot_phone_t *ph, const boot_env_t *env, boot_event_t e);

/* n zeroed bytes of the phone's own, or NULL. */
/* Room for element n of an array of *cap, grown (zeroed) by doubling up to
 * max: most phones look up a name or two and open a connection or two, and
 * a host that only sent a SYN must not cost a dozen of each. */
bool boot_room(const boot_env_t *env, void **arr, uint8_t *cap, uint8_t n, uint8_t max, size_t elem);

/* Whether the address a is one of the n in set. */
bool boot_has_addr(const uint32_t *set, uint8_t n, uint32_t a);

#endif /* BOOT_INTERNAL_H */
