/* intern_table.h
 * The unit tests' stand-in for ucdiag_intern_file_scoped: every distinct
 * byte string kept once, so that a test can see two records share it.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCD_TEST_INTERN_TABLE_H
#define UCD_TEST_INTERN_TABLE_H

#include <stdlib.h>
#include <string.h>

#define TEST_INTERN_MAX 16
static void *interned[TEST_INTERN_MAX];
static size_t interned_size[TEST_INTERN_MAX];
static size_t n_interned;

static const void *
intern(void *ctx, const void *bytes, size_t size)
{
    size_t i;

    (void)ctx;
    for (i = 0; i < n_interned; i++)
        if (interned_size[i] == size && memcmp(interned[i], bytes, size) == 0)
            return interned[i];
    if (n_interned == TEST_INTERN_MAX || !(interned[n_interned] = malloc(size ? size : 1)))
        return NULL;
    memcpy(interned[n_interned], bytes, size);
    interned_size[n_interned] = size;
    return interned[n_interned++];
}

static void
intern_free_all(void)
{
    while (n_interned)
        free(interned[--n_interned]);
}

#endif /* UCD_TEST_INTERN_TABLE_H */
