/* dhcp_reader.h
 * Reading a DHCP message: the code/length/value lists that options and vendor
 * sub-options share, the fixed BOOTP header, and the options wherever RFC 2131
 * lets a server put them: the options field, and with option 52 (overload) the
 * `file` and `sname` fields too. The option-43 decoder (inside Wireshark's DHCP
 * dissector) and the post-dissector's concerns both read options through this
 * file, so they cannot disagree about what a message carries. No epan header:
 * unit-tested and fuzzed alone.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef DHCP_READER_H
#define DHCP_READER_H

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

/* ---- Codes ---- */

#define DHCP_MAGIC_COOKIE 0x63825363u
#define DHCP_SNAME_OFFSET 44   /* from the op byte: 64 bytes of server name */
#define DHCP_FILE_OFFSET 108   /* 128 bytes of boot file name */
#define DHCP_COOKIE_OFFSET 236
#define DHCP_OP_REQUEST 1
#define DHCP_OP_REPLY 2
#define DHCP_FLAG_BROADCAST 0x8000

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68

#define DHCP_TYPE_DISCOVER 1
#define DHCP_TYPE_OFFER 2
#define DHCP_TYPE_REQUEST 3
#define DHCP_TYPE_ACK 5
#define DHCP_TYPE_NAK 6
#define DHCP_TYPE_INFORM 8

#define DHCP_OPT_VENDOR_INFO 43
#define DHCP_OPT_OVERLOAD 52
#define DHCP_OPT_MSG_TYPE 53
#define DHCP_OPT_SERVER_ID 54
#define DHCP_OPT_PARAM_LIST 55
#define DHCP_OPT_VENDOR_CLASS 60
#define DHCP_OPT_SIP_SERVERS 120

/* Option 52's value: which fixed fields carry options. */
#define DHCP_OVERLOAD_FILE 1
#define DHCP_OVERLOAD_SNAME 2

/* Inline: the post-dissector asks it of every UDP packet. */
static inline bool
dhcp_is_port(uint32_t port)
{
    return port == DHCP_SERVER_PORT || port == DHCP_CLIENT_PORT;
}

/* ---- One message ---- */

/* A stretch of the message that holds an option list. */
typedef struct {
    size_t start, end;
} dhcp_area_t;

#define DHCP_MAX_AREAS 3

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
    uint8_t overload;      /* option 52, 0 if absent */
    /* The option lists in the order RFC 2131 4.1 reads them: the options
     * field, then `file`, then `sname` when option 52 names them. */
    dhcp_area_t areas[DHCP_MAX_AREAS];
    uint8_t n_areas;
} dhcp_view_t;

/* The DHCP message whose op byte is at start and whose UDP payload ends at
 * end (buf holds at least end bytes). False unless the magic cookie is in
 * place and op is a request or reply. */
bool dhcp_view_at(const uint8_t *buf, size_t start, size_t end, dhcp_view_t *out);

/* buf holds the bytes of the data source that carries the DHCP message; the
 * option whose code byte sits at opt_offset was handed to us by Wireshark's
 * DHCP dissector. Finds the message whose option lists (overload included)
 * walk exactly onto opt_offset, and fills *out. False when there is none:
 * the bytes are not laid out as assumed, and nothing should be inferred. */
bool dhcp_view_locate(const uint8_t *buf, size_t len, size_t opt_offset, dhcp_view_t *out);

/* Every option of the message in reading order, across its areas; PAD and
 * END are skipped, a cut option is returned (its kind says so) and ends its
 * area. Start with it.area = it.pos = 0. */
typedef struct {
    uint8_t area;
    size_t pos;
} dhcp_opt_iter_t;

bool dhcp_view_next(const uint8_t *buf, const dhcp_view_t *v, dhcp_opt_iter_t *it, tlv_t *out);

/* The first complete or cut option `code` in reading order. False if absent. */
bool dhcp_view_find_option(const uint8_t *buf, const dhcp_view_t *v, uint8_t code, tlv_t *out);

/* The index in v->areas of the area holding offset, -1 if none does. */
int dhcp_view_area_of(const dhcp_view_t *v, size_t offset);

/* The option right behind the one at opt_offset in the same area, if both
 * are complete. */
bool dhcp_view_next_option(const uint8_t *buf, const dhcp_view_t *v, size_t opt_offset, tlv_t *out);

/* ---- What a message says, in one walk ---- */

typedef enum {
    DHCP_KIND_OTHER = 0,
    DHCP_KIND_INFORM,
    DHCP_KIND_ACK
} dhcp_kind_t;

#define DHCP_MAX_ASKED 32

typedef struct {
    dhcp_kind_t kind;
    uint8_t type;             /* option 53, 0 if absent */
    uint8_t ttl;              /* the IP and UDP facts: set by whoever read the headers */
    uint32_t ip_src, ip_dst;  /* host order */
    uint16_t sport, dport;
    dhcp_view_t view;
    uint32_t server_id;       /* option 54, 0 if absent */
    uint8_t vendor_class[64]; /* option 60, cut to fit */
    uint8_t vendor_class_len;
    bool asks_43, asks_120;   /* option 55 */
    uint8_t asked[DHCP_MAX_ASKED]; /* option 55, cut to fit */
    uint8_t n_asked;
    bool has_43, has_120;     /* a complete option 43, 120 */
    tlv_t opt43, opt120;      /* the first instance of each, complete or cut
                                 (kind TLV_END when absent) */
    bool has_uc_43;           /* option 43 carries MS-UC-Client sub-options:
                                 the option-43 logic decides (dhcp_txn.h) */
} dhcp_msg_t;

/* Summarises the options of the message in *view (read with dhcp_view_at or
 * dhcp_view_locate) into *out; the IP and UDP fields are left zero. */
void dhcp_msg_read(const uint8_t *buf, const dhcp_view_t *view, dhcp_msg_t *out);

/* ---- Telling clients apart ---- */

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

#endif /* DHCP_READER_H */
