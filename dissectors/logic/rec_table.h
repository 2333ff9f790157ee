/* rec_table.h
 * A set of records found by the key they start with: what a wmem_map keyed
 * by a field of its own value does, in 8 bytes a slot (a wmem_map item and
 * its bucket take about 48 bytes a record). Thousands of phones and DHCP
 * transactions in a server's capture each cost one. Records are never
 * removed; the table forgets them all at once with the memory they are in.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef REC_TABLE_H
#define REC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Slots are realloc-like memory of the caller's: alloc(ctx, NULL, size)
 * gives, release(ctx, p) takes back. */
typedef struct {
    unsigned (*hash)(const void *key);
    int (*equal)(const void *a, const void *b);
    void *(*alloc)(void *ctx, void *old, size_t size);
    void (*release)(void *ctx, void *p);
    void *ctx;
    void **slot;    /* open addressing, linear probing; NULL: empty */
    uint32_t mask;  /* slots - 1; 0 while there are none */
    uint32_t n;
} rec_table_t;

/* An empty table; forgets every slot without giving it back (the memory
 * went with its scope). */
void rec_table_reset(rec_table_t *t);

/* The record whose key equals key, or NULL. */
void *rec_table_find(const rec_table_t *t, const void *key);

/* Adds rec, which starts with its key and is not in the table yet. False
 * when memory is refused. */
bool rec_table_add(rec_table_t *t, void *rec);

/* Calls fn on every record, in no particular order. */
void rec_table_each(const rec_table_t *t, void (*fn)(void *rec, void *data), void *data);

/* Records of one size handed out from runs of many: an allocator's header
 * on each (8 bytes with wmem's block allocator) is one per run instead.
 * Like the table, a run is forgotten with the memory it is in. */
typedef struct {
    uint8_t *next;
    uint32_t left;
} rec_run_t;

void rec_run_reset(rec_run_t *r);

/* size bytes (a multiple of 8, uninitialised) from the current run, or from
 * a new one of per_run records got with alloc(ctx, NULL, ...); NULL when
 * memory is refused. */
void *rec_run_take(rec_run_t *r, size_t size, uint32_t per_run, void *(*alloc)(void *ctx, void *old, size_t size),
                   void *ctx);

#endif /* REC_TABLE_H */
