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
home_of(const rec_table_t *t, const void *key)
{
    uint32_t h = (uint32_t)t->hash(key);

    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    return h & t->mask;
}

void
rec_table_reset(rec_table_t *t)
{
    t->slot = NULL;
    t->mask = 0;
    t->n = 0;
}

void *
rec_table_find(const rec_table_t *t, const void *key)
{
    uint32_t i;

    if (!t->n)
        return NULL;
    for (i = home_of(t, key); t->slot[i]; i = (i + 1) & t->mask)
        if (t->equal(t->slot[i], key))
            return t->slot[i];
    return NULL;
}

static void
place(rec_table_t *t, void *rec)
{
    uint32_t i = home_of(t, rec);

    while (t->slot[i])
        i = (i + 1) & t->mask;
    t->slot[i] = rec;
}

bool
rec_table_add(rec_table_t *t, void *rec)
{
    /* At most three quarters full, so that a miss ends soon. */
    if (!t->slot || (t->n + 1) * 4u > (t->mask + 1) * 3u) {
        uint32_t slots = t->slot ? (t->mask + 1) * 2 : 64;
        void **old = t->slot;
        uint32_t old_slots = t->slot ? t->mask + 1 : 0, i;
        void **fresh;

        if (slots == 0 || !(fresh = (void **)t->alloc(t->ctx, NULL, slots * sizeof *fresh)))
            return false;
        memset(fresh, 0, slots * sizeof *fresh);
        t->slot = fresh;
        t->mask = slots - 1;
        for (i = 0; i < old_slots; i++)
            if (old[i])
                place(t, old[i]);
        if (old && t->release)
            t->release(t->ctx, old);
    }
    place(t, rec);
    t->n++;
    return true;
}

void
rec_table_each(const rec_table_t *t, void (*fn)(void *rec, void *data), void *data)
{
    uint32_t i;

    for (i = 0; t->n && i <= t->mask; i++)
        if (t->slot[i])
            fn(t->slot[i], data);
}

void
rec_run_reset(rec_run_t *r)
{
    r->next = NULL;
    r->left = 0;
}

void *
rec_run_take(rec_run_t *r, size_t size, uint32_t per_run, void *(*alloc)(void *ctx, void *old, size_t size),
             void *ctx)
{
    void *rec;

    if (!r->left) {
        if (!per_run || !(r->next = (uint8_t *)alloc(ctx, NULL, size * per_run)))
            return NULL;
        r->left = per_run;
    }
    rec = r->next;
    r->next += size;
    r->left--;
    return rec;
}
