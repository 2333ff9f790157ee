/* rec_table.h
 * A set of records found by the key they start with: what a wmem_map keyed
 * by a field of its own value does, in 4 bytes a slot (a wmem_map item and
 * its bucket take about 48 bytes a record). Thousands of phones and DHCP
 * transactions in a server's capture each cost one. The table hands out its
 * records itself, RT_PER_RUN of one size at a time (one allocator header per
 * run instead of per record), so that a slot holds a record's number rather
 * than its address. Records are never removed; the table forgets them all
 * at once with the memory they are in.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef REC_TABLE_H
#define REC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RT_RUN_SHIFT 6
#define RT_PER_RUN (1u << RT_RUN_SHIFT)

/* Slots, runs and the list of runs are realloc-like memory of the caller's:
 * alloc(ctx, old, size) gives (old NULL) or grows, release(ctx, p) takes
 * back. Set the first six fields, then rec_table_reset. */
typedef struct {
    unsigned (*hash)(const void *key);
    int (*equal)(const void *a, const void *b);
    void *(*alloc)(void *ctx, void *old, size_t size);
    void (*release)(void *ctx, void *p);
    void *ctx;
    uint32_t size;      /* a record's bytes, a multiple of 8 */
    uint32_t *slot;     /* open addressing, linear probing: 1 + a record's number; 0: empty */
    uint32_t mask;      /* slots - 1; 0 while there are none */
    uint32_t n;         /* records in the table */
    uint8_t **runs;     /* record i is runs[i / RT_PER_RUN] + (i % RT_PER_RUN) * size */
    uint32_t taken;     /* records handed out */
    uint32_t cap_runs;
} rec_table_t;

/* An empty table; forgets every slot and record without giving them back
 * (the memory went with its scope). */
void rec_table_reset(rec_table_t *t);

/* Record number id, as rec_table_take gave it. */
static inline void *
rec_table_rec(const rec_table_t *t, uint32_t id)
{
    return t->runs[id >> RT_RUN_SHIFT] + (size_t)(id & (RT_PER_RUN - 1)) * t->size;
}

/* The record whose key equals key, or NULL. */
void *rec_table_find(const rec_table_t *t, const void *key);

/* The same, with the record's number in *id when found. */
void *rec_table_find_id(const rec_table_t *t, const void *key, uint32_t *id);

/* For records keyed by the uint32_t they start with: the table's hash and
 * equal, and a find that calls neither (a lookup on a busy path). */
unsigned rec_table_u32_hash(const void *key);
int rec_table_u32_equal(const void *a, const void *b);
void *rec_table_find_u32(const rec_table_t *t, uint32_t key);

/* A new record (uninitialised, t->size bytes, 8-byte aligned) and its
 * number in *id; not in the table until rec_table_add. NULL when memory is
 * refused. */
void *rec_table_take(rec_table_t *t, uint32_t *id);

/* Adds record id, whose key is written and not in the table yet. False
 * when memory is refused. */
bool rec_table_add(rec_table_t *t, uint32_t id);

/* Calls fn on every record in the table, in no particular order. */
void rec_table_each(const rec_table_t *t, void (*fn)(void *rec, void *data), void *data);

#endif /* REC_TABLE_H */
