/* msuc_logic.h
 * Pure logic behind the option-43 decoder: which vendor an option 43 speaks
 * for, its MS-UC-Client, MSFT 5.0 and CPE-OCPhone sub-options, and the checks
 * a provisioning URL and option 120 must pass. The DHCP message itself is
 * read by readers/dhcp_reader.c. Nothing here includes epan, so it is
 * unit-tested without libwireshark.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef MSUC_LOGIC_H
#define MSUC_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bytes.h"
#include "dhcp_reader.h"

/* ---- Vendor classes ---- */

typedef enum {
    VENDOR_UNKNOWN = 0,
    VENDOR_MS_UC_CLIENT,
    VENDOR_MSFT,          /* MSFT 5.0, MSFT 98, MSFT 5.0 XBOX */
    VENDOR_CPE_OCPHONE
} vendor_kind_t;

/* Exact, case-sensitive match as Windows DHCP matches vendor classes. */
vendor_kind_t vendor_kind_of(const uint8_t *vc, size_t len);

#define MSUC_VENDOR_CLASS "MS-UC-Client"
#define MSUC_VENDOR_CLASS_LEN 12

/* Does an option-43 payload carry sub-option 1 = "MS-UC-Client"? Trailing
 * NULs are tolerated (the String-typed mistake); sub-option order is not
 * assumed. */
bool msuc_payload_identifies(const uint8_t *buf, size_t len);

/* ---- MS-UC-Client sub-options ---- */

enum {
    MSUC_SUB_UC_IDENTIFIER = 1,
    MSUC_SUB_URL_SCHEME = 2,
    MSUC_SUB_WEB_SERVER_FQDN = 3,
    MSUC_SUB_WEB_SERVER_PORT = 4,
    MSUC_SUB_CERT_PROV_PATH = 5,
    MSUC_SUB_COUNT = 6 /* index bound: 1..5 are used */
};

/* What a cut MS-UC-Client sub-option costs the phone, as words ending a
 * sentence: 2-5 are the parts of the URL it builds (<2>://<3>:<4><5>); 1
 * repeats the vendor class, by which it knows the option is for it. */
const char *msuc_cut_effect(unsigned code);

/* An MS-UC-Client option-43 value as a phone reads it: the first instance of
 * each sub-option 1-5, a cut one included (its value is what the option
 * holds). The option-43 decoder shows every instance; the INFORM analysis
 * and the bootstrap timeline read the value through this, so all three
 * agree on which one counts. */
typedef struct {
    const uint8_t *val[MSUC_SUB_COUNT]; /* NULL when absent */
    size_t len[MSUC_SUB_COUNT];
    bool whole[MSUC_SUB_COUNT];         /* present and not cut */
    bool cut;                           /* some sub-option runs past the value's end */
} msuc_uc_t;

void msuc_uc_read(const uint8_t *v, size_t n, msuc_uc_t *out);

#define MSUC_STD_SCHEME "https"
#define MSUC_STD_PORT 443
#define MSUC_STD_PATH "/CertProv/CertProvisioningService.svc"
/* Cisco IOS 15.1(3)S and later cut `option 43 hex` at 180 hex digits. */
#define MSUC_ROUTER_TRUNCATION_LEN 90

/* Byte classes in a text sub-option. */
typedef struct {
    size_t text_len;     /* length up to the first NUL, or all of it */
    size_t nul_count;
    size_t nonprint_count; /* non-NUL bytes outside 0x20..0x7e */
    bool only_trailing_nuls; /* every NUL sits after the text */
} text_scan_t;

void text_scan(const uint8_t *v, size_t n, text_scan_t *out);

typedef enum {
    PORT_OK,
    PORT_EMPTY,
    PORT_NOT_DIGITS,
    PORT_OUT_OF_RANGE
} port_check_t;

/* ASCII digits only, 1..65535. *port is set when PORT_OK. */
port_check_t msuc_port_check(const uint8_t *v, size_t n, uint32_t *port);

typedef enum {
    SCHEME_HTTPS,  /* exactly "https" */
    SCHEME_HTTP,   /* "http": works only if the pool serves it */
    SCHEME_CASE,   /* https/http in another case */
    SCHEME_INVALID
} scheme_check_t;

scheme_check_t msuc_scheme_check(const uint8_t *v, size_t n);

typedef enum {
    PATH_OK,
    PATH_EMPTY,
    PATH_NO_LEADING_SLASH,
    PATH_BAD_CHAR     /* space, control or non-ASCII byte */
} path_check_t;

path_check_t msuc_path_check(const uint8_t *v, size_t n);
bool msuc_path_is_standard(const uint8_t *v, size_t n);
bool msuc_path_ends_svc(const uint8_t *v, size_t n);

typedef enum {
    HOST_OK,
    HOST_EMPTY,
    HOST_TOO_LONG,       /* over 253 characters */
    HOST_LABEL_TOO_LONG, /* a label over 63 characters */
    HOST_EMPTY_LABEL,    /* ".." or a leading dot */
    HOST_BAD_CHAR,       /* not letter, digit, hyphen or dot */
    HOST_HYPHEN_EDGE     /* a label starting or ending with '-' */
} host_check_t;

/* RFC 1123 host name syntax; one trailing dot is allowed. *bad_at is the
 * offset of the offending byte when not HOST_OK. */
host_check_t msuc_host_check(const uint8_t *v, size_t n, size_t *bad_at);

/* Assembles scheme://fqdn:port + path into out (NUL-terminated, cut to fit).
 * Each component stops at its first NUL, as a device reading C strings would;
 * spaces, control and non-ASCII bytes are percent-encoded. Returns the
 * length written. */
size_t msuc_build_url(char *out, size_t outsz,
                      const uint8_t *scheme, size_t scheme_len,
                      const uint8_t *fqdn, size_t fqdn_len,
                      const uint8_t *port, size_t port_len,
                      const uint8_t *path, size_t path_len);
/* The same, and *site_len: how much of out is scheme://fqdn:port, the URL
 * built without a path. */
size_t msuc_build_url_site(char *out, size_t outsz,
                           const uint8_t *scheme, size_t scheme_len,
                           const uint8_t *fqdn, size_t fqdn_len,
                           const uint8_t *port, size_t port_len,
                           const uint8_t *path, size_t path_len, size_t *site_len);

/* ---- Option 120 (RFC 3361 SIP servers) as Lync needs it ---- */

typedef enum {
    OPT120_OK,          /* encoding 0, names parse */
    OPT120_EMPTY,
    OPT120_IP_LIST,     /* encoding 1 */
    OPT120_BAD_ENCODING,/* neither 0 nor 1 */
    OPT120_MALFORMED    /* impossible label length, pointer, or no terminator */
} opt120_check_t;

typedef struct {
    opt120_check_t status;
    unsigned names;         /* domain names (encoding 0) or addresses (encoding 1) */
    size_t bad_offset;      /* where parsing failed, for OPT120_MALFORMED */
} opt120_info_t;

void opt120_check(const uint8_t *v, size_t n, opt120_info_t *out);

/* ---- MSFT 5.0 sub-options (MS-DHCPE 2.2.2) ---- */

enum {
    MSFT_SUB_DISABLE_NETBIOS = 1,
    MSFT_SUB_RELEASE_ON_SHUTDOWN = 2,
    MSFT_SUB_ROUTER_METRIC_BASE = 3,
    MSFT_SUB_ROGUE_REQUEST = 0x5E,
    MSFT_SUB_ROGUE_REPLY = 0x5F,
    /* Network Access Protection, MS-DHCPN 2.2.1 */
    MSFT_SUB_NAP_SOH = 0xDC,   /* 220: Statement of Health; empty or one 0 byte in a client's request */
    MSFT_SUB_NAP_MASK = 0xDD,  /* 221: the real subnet mask of a quarantined client, little-endian */
    MSFT_SUB_NAP_COID = 0xDE,  /* 222: correlation ID, 130 bytes */
    MSFT_SUB_NAP_IPV6 = 0xDF   /* 223: count, then that many IPv6 remediation servers */
};

#define MSFT_NAP_MASK_LEN 4
#define MSFT_NAP_COID_LEN 130

/* A NAP-IPv6 value is empty, or a count N and N addresses (N*16 + 1 bytes). */
bool msft_nap_ipv6_len_ok(const uint8_t *v, size_t len);

/* Windows acts on 0 and 2 for NetBIOS and ignores anything else. */
bool msft_netbios_value_known(uint32_t v);
bool msft_release_value_known(uint32_t v);

/* ---- CPE-OCPhone sub-option 10 (VLAN ID) ---- */

#define CPE_SUB_VLAN_ID 10

typedef enum {
    VLAN_BINARY,      /* 2-byte big-endian integer */
    VLAN_ASCII,       /* ASCII digits */
    VLAN_BAD_ENCODING,
    VLAN_OUT_OF_RANGE /* decoded, but not 1..4094 */
} vlan_check_t;

vlan_check_t cpe_vlan_check(const uint8_t *v, size_t n, uint32_t *vlan);

#endif /* MSUC_LOGIC_H */
