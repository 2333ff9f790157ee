/* msuc_logic.h
 * Pure logic behind the MS-UC-Client option 43 decoder: TLV walking, locating
 * the DHCP message around an option, and the checks a provisioning URL must
 * pass. Nothing here includes epan, so it is unit-tested without libwireshark.
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

/* ---- RFC 2132 code/length/value walking (options and sub-options alike) ---- */

#define TLV_CODE_PAD 0
#define TLV_CODE_END 255

typedef enum {
    TLV_COMPLETE,   /* code, length and every value byte present */
    TLV_TRUNCATED,  /* the length runs past the end of the buffer */
    TLV_NO_LENGTH,  /* a code byte is the last byte: no length byte */
    TLV_PAD,        /* code 0, one byte */
    TLV_END         /* code 255, one byte; nothing after it belongs to the list */
} tlv_kind_t;

typedef struct {
    tlv_kind_t kind;
    uint8_t code;
    size_t offset;       /* of the code byte */
    size_t value_offset; /* of the first value byte */
    size_t claimed_len;  /* what the length byte says */
    size_t value_len;    /* value bytes actually present (<= claimed_len) */
} tlv_t;

/* Reads the TLV at *pos (end = one past the last byte of the list) and moves
 * *pos past it. Returns false when *pos >= end. Always advances, so a loop
 * over it terminates. */
bool tlv_next(const uint8_t *buf, size_t end, size_t *pos, tlv_t *out);

/* ---- Finding the DHCP message an option belongs to ---- */

#define DHCP_MAGIC_COOKIE 0x63825363u
#define DHCP_COOKIE_OFFSET 236 /* from the op byte of the BOOTP header */
#define DHCP_OP_REQUEST 1
#define DHCP_OP_REPLY 2

typedef struct {
    size_t start;        /* offset of the op byte */
    uint8_t op;
    uint8_t hlen;        /* clamped to 16 */
    uint8_t hops;
    uint32_t xid;
    uint16_t secs;
    uint16_t flags;
    uint32_t ciaddr, yiaddr, giaddr; /* network order folded to host integers */
    uint8_t chaddr[16];
    size_t options_start;  /* just past the cookie */
    size_t options_end;    /* end of the UDP payload when the UDP header
                              checks out, else end of the buffer */
} dhcp_view_t;

/* buf holds the bytes of the data source that carries the DHCP message; the
 * option whose code byte sits at opt_offset was handed to us by the DHCP
 * dissector. Finds the magic cookie whose option list walks exactly onto
 * opt_offset, and fills *out. False when no such cookie exists, which means
 * the bytes are not laid out as we assume and nothing should be inferred. */
bool dhcp_view_locate(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out);

/* The DHCP message whose op byte is at start and whose UDP payload ends at
 * end (buf holds at least end bytes). False unless the magic cookie is in
 * place and op is a request or reply. */
bool dhcp_view_at(const uint8_t *buf, size_t start, size_t end, dhcp_view_t *out);

#define DHCP_FLAG_BROADCAST 0x8000

/* Transactions are told apart by xid and client hardware address, as a
 * server does; xid alone collides across clients in merged captures. */
typedef struct {
    uint32_t xid;
    uint8_t hlen;
    uint8_t chaddr[16];
} dhcp_client_key_t;

void dhcp_client_key_from_view(const dhcp_view_t *v, dhcp_client_key_t *k);
/* Signatures match GLib's GHashFunc and GEqualFunc. */
unsigned int dhcp_client_key_hash(const void *k);
int dhcp_client_key_equal(const void *a, const void *b);

/* Finds option `code` in the view's option list. Returns false if absent. */
bool dhcp_view_find_option(const uint8_t *buf, const dhcp_view_t *v, uint8_t code, tlv_t *out);

/* The option immediately following the one at opt_offset, if complete. */
bool dhcp_view_next_option(const uint8_t *buf, const dhcp_view_t *v, size_t opt_offset, tlv_t *out);

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
