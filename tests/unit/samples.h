/* Values that more than one unit test reads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_SAMPLES_H
#define UCDIAG_TEST_SAMPLES_H

#include <stdint.h>

/* The DHCPUtil value for server.fqdn.company.com quoted in Microsoft's docs. */
static const uint8_t dhcputil_90[] = {
    0x01, 0x0C, 'M', 'S', '-', 'U', 'C', '-', 'C', 'l', 'i', 'e', 'n', 't',
    0x02, 0x05, 'h', 't', 't', 'p', 's',
    0x03, 0x17, 's', 'e', 'r', 'v', 'e', 'r', '.', 'f', 'q', 'd', 'n', '.', 'c', 'o', 'm', 'p', 'a', 'n',
    'y', '.', 'c', 'o', 'm',
    0x04, 0x03, '4', '4', '3',
    0x05, 0x25, '/', 'C', 'e', 'r', 't', 'P', 'r', 'o', 'v', '/', 'C', 'e', 'r', 't', 'P', 'r', 'o', 'v',
    'i', 's', 'i', 'o', 'n', 'i', 'n', 'g', 'S', 'e', 'r', 'v', 'i', 'c', 'e', '.', 's', 'v', 'c',
};

#endif /* UCDIAG_TEST_SAMPLES_H */
