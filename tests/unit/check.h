/* The unit tests' assertion: counts passes and failures and names the
 * failing condition; main() prints "N passed, N failed".
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_CHECK_H
#define UCDIAG_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond) {                                                            \
            passed++;                                                          \
        } else {                                                               \
            failed++;                                                          \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                      \
    } while (0)

static int
check_summary(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

#endif
