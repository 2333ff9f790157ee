/* gencap: writes the sample captures in test-captures/ byte for byte the same
 * on every run (fixed timestamps, no randomness unless asked for).
 *
 *   ucdiag-gencap DIR                    all sample captures into DIR
 *   ucdiag-gencap --random N SEED FILE   N ACKs with random option-43 bytes
 *   ucdiag-gencap --bench N FILE         N packets for scripts/benchmark.sh
 *   ucdiag-gencap --dhcp-flood N FILE    N packets of INFORM retries, for its memory check
 *   ucdiag-gencap --absurd-time FILE     a pcapng with timestamps no clock shows
 *   ucdiag-gencap --distinct-clients N FILE  N phones, each with findings of its own
 *   ucdiag-gencap --KIND-flood N FILE    N packets that each add a host, client or flow
 *                                        (KIND: syn, inform, lldp, stun, tls, relay;
 *                                        flood_captures.c)
 *
 * test-captures/README.md says what each capture shows. The captures are
 * written by option43_captures.c, inform_captures.c, qos_captures.c and
 * relay_captures.c, from the pieces in dhcp_build.c, qos_payloads.c and
 * pcap_out.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
        gen_bench(strtoul(argv[2], NULL, 0), argv[3]);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--dhcp-flood") == 0) {
        gen_flood(strtoul(argv[2], NULL, 0), argv[3]);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--distinct-clients") == 0) {
        gen_distinct_clients(strtoul(argv[2], NULL, 0), argv[3]);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--absurd-time") == 0) {
        gen_absurd_time(argv[2]);
        return 0;
    }
    if (argc == 4 && gen_named_flood(argv[1], strtoul(argv[2], NULL, 0), argv[3]))
        return 0;
    if (argc == 5 && strcmp(argv[1], "--random") == 0) {
        gen_random((unsigned)strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0), argv[4]);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR | --random COUNT SEED FILE | --bench COUNT FILE | --dhcp-flood COUNT FILE | "
                "--{syn,inform,lldp,stun,tls,relay}-flood COUNT FILE | --absurd-time FILE | --distinct-clients COUNT FILE\n",
                argv[0]);
        return 2;
    }
    gen_option43_captures(argv[1]);
    gen_qos_captures(argv[1]);
    gen_inform_captures(argv[1]);
    gen_relay_captures(argv[1]);
    return 0;
}
