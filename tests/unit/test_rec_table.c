/* test_rec_table.c
 * Unit tests of the record table (dissectors/logic/rec_table.c): records
 * handed out in runs and found by their key through growth, misses, a hash
 * that puts everything in one place, records taken but not added, refused
 * memory, and a reset.
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
table_init(rec_table_t *t, unsigned (*hash)(const void *))
{
    t->hash = hash;
    t->equal = equal_key;
    t->alloc = alloc;
    t->release = release;
    t->ctx = NULL;
    t->size = sizeof(rec_t);
    rec_table_reset(t);
}

/* Everything the table took, given back as the scope would. */
static void
table_free(rec_table_t *t)
{
    uint32_t r;

    for (r = 0; r < (t->taken + RT_PER_RUN - 1) / RT_PER_RUN; r++)
        free(t->runs[r]);
    free(t->runs);
    free(t->slot);
    rec_table_reset(t);
}

static void
test_grow_and_find(unsigned (*hash)(const void *), uint32_t n)
{
    rec_table_t t;
    rec_t *rec;
    uint64_t sum = 0;
    uint32_t i, k, id;

    table_init(&t, hash);
    released = 0;
    k = 5;
    CHECK(rec_table_find(&t, &k) == NULL);
    for (i = 0; i < n; i++) {
        rec = rec_table_take(&t, &id);
        CHECK(rec != NULL && id == i && rec_table_rec(&t, id) == rec);
        rec->key = i * 2654435761u;
        rec->value = i;
        CHECK(rec_table_add(&t, id));
    }
    CHECK(t.n == n && (t.n + 0u) * 4 <= (t.mask + 1) * 3);
    for (i = 0; i < n; i++) {
        k = i * 2654435761u;
        rec = rec_table_find(&t, &k);
        CHECK(rec == rec_table_rec(&t, i) && rec->value == i);
        id = UINT32_MAX;
        CHECK(rec_table_find_id(&t, &k, &id) == rec && id == i);
        k = i * 2654435761u + 1;
        id = 77;
        CHECK(rec_table_find(&t, &k) == NULL || i * 2654435761u + 1 == 0);
        CHECK((rec_table_find_id(&t, &k, &id) == NULL && id == 77) || i * 2654435761u + 1 == 0);
    }
    rec_table_each(&t, count, &sum);
    CHECK(sum == (uint64_t)n * (n - 1) / 2);
    /* with the u32 hash, the find that calls nothing finds the same */
    for (i = 0; hash == rec_table_u32_hash && i < n; i++) {
        CHECK(rec_table_find_u32(&t, i * 2654435761u) == rec_table_rec(&t, i));
        CHECK(rec_table_find_u32(&t, i * 2654435761u + 1) == NULL || i * 2654435761u + 1 == 0);
    }
    /* every smaller slot array given back as it grew */
    CHECK(n <= 48 ? released == 0 : released > 0);
    table_free(&t);
    k = 0;
    CHECK(t.n == 0 && t.taken == 0 && rec_table_find(&t, &k) == NULL);
}

static void
test_refused(void)
{
    rec_table_t t;
    rec_t *rec;
    uint32_t i, id, k;

    table_init(&t, hash_key);
    CHECK(rec_table_find_u32(&t, 0) == NULL);
    refuse = true;
    CHECK(rec_table_take(&t, &id) == NULL && t.taken == 0);
    refuse = false;
    rec = rec_table_take(&t, &id);
    rec->key = 0;
    refuse = true;
    CHECK(!rec_table_add(&t, id) && t.n == 0);
    refuse = false;
    CHECK(rec_table_add(&t, id));
    for (i = 1; i < 48; i++) {
        rec = rec_table_take(&t, &id);
        rec->key = i;
        CHECK(rec_table_add(&t, id));
    }
    rec = rec_table_take(&t, &id);
    rec->key = 48;
    refuse = true;
    /* full to three quarters: the 49th needs more slots */
    k = 47;
    CHECK(!rec_table_add(&t, id) && t.n == 48 && rec_table_find(&t, &k) == rec_table_rec(&t, 47));
    /* and a 65th record a new run */
    for (i = 49; i < 64; i++)
        CHECK(rec_table_take(&t, &id) != NULL);
    CHECK(rec_table_take(&t, &id) == NULL && t.taken == 64);
    refuse = false;
    CHECK(rec_table_add(&t, 48));
    k = 48;
    CHECK(rec_table_find(&t, &k) == rec_table_rec(&t, 48));
    table_free(&t);
}

static void
test_runs(void)
{
    rec_table_t t;
    uint8_t *a, *b, *c;
    uint32_t i, id, k;
    uint64_t sum = 0;

    table_init(&t, hash_key);
    a = rec_table_take(&t, &id);
    b = rec_table_take(&t, &id);
    /* side by side in one run */
    CHECK(a && b == a + sizeof(rec_t) && id == 1);
    for (i = 2; i < RT_PER_RUN; i++)
        CHECK(rec_table_take(&t, &id) == a + i * sizeof(rec_t));
    c = rec_table_take(&t, &id);
    /* the 65th starts another */
    CHECK(c && id == RT_PER_RUN && rec_table_rec(&t, id) == c && t.runs[1] == c);
    /* taken, not added: neither found nor walked */
    ((rec_t *)c)->key = 9;
    ((rec_t *)c)->value = 1;
    k = 9;
    CHECK(rec_table_find(&t, &k) == NULL);
    ((rec_t *)a)->key = 3;
    ((rec_t *)a)->value = 5;
    CHECK(rec_table_add(&t, 0));
    rec_table_each(&t, count, &sum);
    CHECK(sum == 5 && rec_table_find(&t, &k) == NULL);
    /* many runs: the list of runs grows */
    for (i = 0; i < 40 * RT_PER_RUN; i++)
        CHECK(rec_table_take(&t, &id) != NULL);
    CHECK(t.taken == 41 * RT_PER_RUN + 1 && t.cap_runs >= 42);
    table_free(&t);
}

int
main(void)
{
    test_runs();
    test_grow_and_find(hash_key, 10);
    test_grow_and_find(hash_key, 20000);
    test_grow_and_find(rec_table_u32_hash, 20000);
    test_grow_and_find(hash_same, 300);
    test_refused();
    return check_summary();
}
