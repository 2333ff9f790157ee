/* rec_table.c
 * A set of records found by the key they start with; see rec_table.h.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rec_table.h"

#include <string.h>

/* A hash whose low bits are poor (a MAC's vendor half, say) must not crowd
 * the probes: mixed before masking. */
static uint32_t
mixed(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h;
}

static uint32_t
home_of(const rec_table_t *t, const void *key)
{
    return mixed((uint32_t)t->hash(key)) & t->mask;
}

unsigned
rec_table_u32_hash(const void *key)
{
    uint32_t k;

    memcpy(&k, key, sizeof k);
    return k;
}

int
rec_table_u32_equal(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint32_t)) == 0;
}

void *
rec_table_find_u32(const rec_table_t *t, uint32_t key)
{
    uint32_t i, s, k;
    void *rec;

    if (!t->n)
        return NULL;
    for (i = mixed(key) & t->mask; (s = t->slot[i]) != 0; i = (i + 1) & t->mask) {
        rec = rec_table_rec(t, s - 1);
        memcpy(&k, rec, sizeof k);
        if (k == key)
            return rec;
    }
    return NULL;
}

void
rec_table_reset(rec_table_t *t)
{
    t->slot = NULL;
    t->mask = 0;
    t->n = 0;
    t->runs = NULL;
    t->taken = 0;
    t->cap_runs = 0;
}

void *
rec_table_find_id(const rec_table_t *t, const void *key, uint32_t *id)
{
    uint32_t i;
    void *rec;

    if (!t->n)
        return NULL;
    for (i = home_of(t, key); t->slot[i]; i = (i + 1) & t->mask) {
        rec = rec_table_rec(t, t->slot[i] - 1);
        if (t->equal(rec, key)) {
            *id = t->slot[i] - 1;
            return rec;
        }
    }
    return NULL;
}

void *
rec_table_find(const rec_table_t *t, const void *key)
{
    uint32_t id;

    return rec_table_find_id(t, key, &id);
}

void *
rec_table_take(rec_table_t *t, uint32_t *id)
{
    uint32_t run = t->taken >> RT_RUN_SHIFT;

    if (t->taken == UINT32_MAX)
        return NULL;
    if (!(t->taken & (RT_PER_RUN - 1))) {
        if (run == t->cap_runs) {
            uint32_t cap = t->cap_runs ? t->cap_runs * 2 : 16;
            uint8_t **runs = (uint8_t **)t->alloc(t->ctx, t->runs, cap * sizeof *runs);

            if (!runs)
                return NULL;
            t->runs = runs;
            t->cap_runs = cap;
        }
        if (!(t->runs[run] = (uint8_t *)t->alloc(t->ctx, NULL, (size_t)t->size * RT_PER_RUN)))
            return NULL;
    }
    *id = t->taken++;
    return rec_table_rec(t, *id);
}

static void
place(rec_table_t *t, uint32_t id)
{
    uint32_t i = home_of(t, rec_table_rec(t, id));

    while (t->slot[i])
        i = (i + 1) & t->mask;
    t->slot[i] = id + 1;
}

bool
rec_table_add(rec_table_t *t, uint32_t id)
{
    /* At most three quarters full, so that a miss ends soon. */
    if (!t->slot || (t->n + 1) * 4u > (t->mask + 1) * 3u) {
        uint32_t slots = t->slot ? (t->mask + 1) * 2 : 64;
        uint32_t *old = t->slot;
        uint32_t old_slots = t->slot ? t->mask + 1 : 0, i;
        uint32_t *fresh;

        if (slots == 0 || !(fresh = (uint32_t *)t->alloc(t->ctx, NULL, slots * sizeof *fresh)))
            return false;
        memset(fresh, 0, slots * sizeof *fresh);
        t->slot = fresh;
        t->mask = slots - 1;
        for (i = 0; i < old_slots; i++)
            if (old[i])
                place(t, old[i] - 1);
        if (old && t->release)
            t->release(t->ctx, old);
    }
    place(t, id);
    t->n++;
    return true;
}

void
rec_table_each(const rec_table_t *t, void (*fn)(void *rec, void *data), void *data)
{
    uint32_t i;

    for (i = 0; t->n && i <= t->mask; i++)
        if (t->slot[i])
            fn(rec_table_rec(t, t->slot[i] - 1), data);
}
