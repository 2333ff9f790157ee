/* fuzz.h
 * What the fuzz harnesses share: a random generator reproducible from the
 * seed each run prints, a realloc for the code that grows its own memory,
 * a valid option 43 to mutate, and the loop that feeds inputs, each in a
 * heap block of its exact length, for a bounded number of seconds. Each
 * harness is built with ASan and UBSan by tests/sanitize.sh; a sanitizer
 * report aborts the run, so reaching the summary line means none fired.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_FUZZ_H
#define UCDIAG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng_state;

static inline uint32_t
rnd(void)
{
    /* xorshift64*: reproducible from the seed printed at start */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static inline void *
grow(void *ctx, void *old, size_t size)
{
    (void)ctx;
    return realloc(old, size);
}

/* A valid option 43 (MS-UC-Client sub-options 1-5 and the end) into data,
 * which must hold 100 bytes, with up to three bytes flipped and cut at a
 * random length; returns that length. It reaches the URL readers that
 * random bytes never do. */
static inline size_t
fuzz_opt43(uint8_t *data)
{
    static const uint8_t value[] = "\x01\x0cMS-UC-Client\x02\x05https\x03\x10pool.contoso.com"
                                   "\x04\x03" "443\x05\x25/CertProv/CertProvisioningService.svc\xff";
    size_t len = sizeof value - 1, i;

    memcpy(data, value, len);
    for (i = rnd() % 4; i > 0; i--)
        data[rnd() % len] = (uint8_t)rnd();
    return rnd() % (len + 1);
}

/* The longest input made. */
#define FUZZ_MAX_INPUT 700

/* Makes inputs with make (into data, at most size bytes; it returns the
 * length) and hands each to exercise in a heap block of its exact length,
 * so that ASan sees any read past it, until `seconds` of CPU time have
 * gone: argv[1] the seconds (default 10), argv[2] the seed (default the
 * clock). Prints the seed first, so that a failing run can be repeated, and
 * the count of inputs at the end. */
static inline int
fuzz_loop(const char *name, int argc, char **argv, size_t (*make)(uint8_t *data, size_t size),
          void (*exercise)(const uint8_t *buf, size_t len))
{
    static uint8_t data[FUZZ_MAX_INPUT];
    double seconds = argc > 1 ? atof(argv[1]) : 10.0;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : (uint64_t)time(NULL);
    unsigned long runs = 0;
    clock_t stop = clock() + (clock_t)(seconds * CLOCKS_PER_SEC);

    rng_state = seed ? seed : 1;
    printf("%s: seed %llu, %.1f s\n", name, (unsigned long long)seed, seconds);
    while (clock() < stop) {
        size_t len = make(data, sizeof data);
        uint8_t *buf = malloc(len ? len : 1);

        memcpy(buf, data, len);
        exercise(buf, len);
        free(buf);
        runs++;
    }
    printf("%s: %lu inputs, no crash\n", name, runs);
    return 0;
}

#endif /* UCDIAG_FUZZ_H */
