/* test_rec_table.c
 * Unit tests of the record table (dissectors/logic/rec_table.c): records
 * found by their key through growth, misses, a hash that puts everything in
 * one place, refused memory, and a reset.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "rec_table.h"
#include "check.h"

typedef struct {
    uint32_t key;
    uint32_t value;
} rec_t;

static unsigned
hash_key(const void *k)
{
    return *(const uint32_t *)k;
}

static unsigned
hash_same(const void *k)
{
    (void)k;
    return 7;
}

static int
equal_key(const void *a, const void *b)
{
    return *(const uint32_t *)a == *(const uint32_t *)b;
}

static size_t released;
static bool refuse;

static void *
alloc(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return refuse ? NULL : realloc(old, size);
}

static void
release(void *ctx, void *p)
{
    (void)ctx;
    released++;
    free(p);
}

static void
count(void *rec, void *data)
{
    *(uint64_t *)data += ((rec_t *)rec)->value;
}

static void
test_grow_and_find(unsigned (*hash)(const void *), uint32_t n)
{
    rec_table_t t = { hash, equal_key, alloc, release, NULL, NULL, 0, 0 };
    rec_t *recs = calloc(n, sizeof *recs);
    uint64_t sum = 0;
    uint32_t i, k;

    rec_table_reset(&t);
    released = 0;
    k = 5;
    CHECK(rec_table_find(&t, &k) == NULL);
    for (i = 0; i < n; i++) {
        recs[i].key = i * 2654435761u;
        recs[i].value = i;
        CHECK(rec_table_add(&t, &recs[i]));
    }
    CHECK(t.n == n && (t.n + 0u) * 4 <= (t.mask + 1) * 3);
    for (i = 0; i < n; i++) {
        k = i * 2654435761u;
        CHECK(rec_table_find(&t, &k) == &recs[i]);
        k = i * 2654435761u + 1;
        CHECK(rec_table_find(&t, &k) == NULL || i * 2654435761u + 1 == 0);
    }
    rec_table_each(&t, count, &sum);
    CHECK(sum == (uint64_t)n * (n - 1) / 2);
    /* every smaller slot array given back as it grew */
    CHECK(n <= 48 ? released == 0 : released > 0);
    free(t.slot);
    rec_table_reset(&t);
    CHECK(t.n == 0 && rec_table_find(&t, &recs[0].key) == NULL);
    free(recs);
}

static void
test_refused(void)
{
    rec_table_t t = { hash_key, equal_key, alloc, release, NULL, NULL, 0, 0 };
    rec_t r[49];
    uint32_t i;

    for (i = 0; i < 49; i++)
        r[i].key = i;
    refuse = true;
    CHECK(!rec_table_add(&t, &r[0]) && t.n == 0);
    refuse = false;
    for (i = 0; i < 48; i++)
        CHECK(rec_table_add(&t, &r[i]));
    refuse = true;
    /* full to three quarters: the 49th needs more slots */
    CHECK(!rec_table_add(&t, &r[48]) && t.n == 48 && rec_table_find(&t, &r[47].key) == &r[47]);
    refuse = false;
    CHECK(rec_table_add(&t, &r[48]) && rec_table_find(&t, &r[48].key) == &r[48]);
    free(t.slot);
}

static void
test_runs(void)
{
    rec_run_t r;
    uint8_t *a, *b, *c;

    rec_run_reset(&r);
    refuse = true;
    CHECK(rec_run_take(&r, 16, 2, alloc, NULL) == NULL);
    refuse = false;
    a = rec_run_take(&r, 16, 2, alloc, NULL);
    b = rec_run_take(&r, 16, 2, alloc, NULL);
    c = rec_run_take(&r, 16, 2, alloc, NULL);
    /* two from the first run, side by side; the third starts another */
    CHECK(a && b == a + 16 && c && c != a + 32);
    free(a);
    free(c);
}

int
main(void)
{
    test_runs();
    test_grow_and_find(hash_key, 10);
    test_grow_and_find(hash_key, 20000);
    test_grow_and_find(hash_same, 300);
    test_refused();
    return check_summary();
}
