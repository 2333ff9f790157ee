/* dns_reader.h
 * A DNS query or answer as a phone's bootstrap needs it: the question, the
 * response code, the A records and the first SRV target. Pure bytes in,
 * a struct out, with no epan header, so it is unit-tested and fuzzed alone.
 * The names are kept lower case: DNS compares them so.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DNS_READER_H
#define DNS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_NAME_MAX 256   /* a DNS name, dotted, with its NUL */
#define BOOT_DNS_MAX_ADDRS 8

#define BOOT_DNS_TYPE_A 1
#define BOOT_DNS_TYPE_AAAA 28
#define BOOT_DNS_TYPE_SRV 33

#define BOOT_DNS_RCODE_NOERROR 0
#define BOOT_DNS_RCODE_SERVFAIL 2
#define BOOT_DNS_RCODE_NXDOMAIN 3
#define BOOT_DNS_RCODE_REFUSED 5

typedef struct {
    uint16_t id;
    bool response;
    uint8_t rcode;
    uint16_t qtype;
    char qname[BOOT_NAME_MAX];       /* lower case, no trailing dot */
    uint16_t answers;                /* records of qtype (or a CNAME chain to it) */
    uint32_t addr[BOOT_DNS_MAX_ADDRS]; /* A records, host order */
    uint8_t n_addr;
    char srv_target[BOOT_NAME_MAX];  /* first SRV target */
    uint16_t srv_port;
} boot_dns_t;

/* A DNS message (the UDP payload). False unless the header and the single
 * question parse; answers are read as far as they parse. Compression
 * pointers are followed a bounded number of times. */
bool boot_dns_parse(const uint8_t *p, size_t len, boot_dns_t *out);

/* Reads the name at *pos, leaving *pos after it (after the first pointer if
 * the name is compressed). Writes it dotted and lower case when out is set.
 * Follows at most max_hops compression pointers; 0 refuses any (option 120
 * carries names uncompressed). */
bool dns_name(const uint8_t *p, size_t len, size_t *pos, char *out, size_t outsz, unsigned max_hops);

#endif /* DNS_READER_H */
