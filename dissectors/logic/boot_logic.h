/* boot_logic.h
 * A Lync/SfB phone's bootstrap, step by step, from what a capture holds:
 * voice VLAN, DHCP lease, DHCPINFORM, DNS, NTP, HTTPS to the Certificate
 * Provisioning URL and SIP over TLS. The per-phone timeline lives here, with
 * no epan header, so it is unit-tested alone; the few header fields each
 * step needs (DNS, NTP, TLS records, LLDP-MED) are read by the readers in
 * dissectors/readers/, which this header includes for its callers.
 *
 * Of encrypted traffic only headers are read: TLS record types, handshake
 * hellos, plaintext alerts. The phone's own state stays bounded: a few names,
 * addresses and connections, and a capped list of the frames that moved a
 * step, so it grows with phones and never with packets.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BOOT_LOGIC_H
#define BOOT_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The header readers whose results the timeline takes. */
#include "dns_reader.h"
#include "lldp_reader.h"
#include "ntp_reader.h"
#include "tls_reader.h"

/* ---- The steps, in the order a phone takes them ---- */

typedef enum {
    BOOT_STEP_NONE = 0,
    BOOT_STEP_VLAN,     /* 1 voice VLAN: LLDP-MED network policy or CPE-OCPhone sub-option 10 */
    BOOT_STEP_LEASE,    /* 2 DHCP lease */
    BOOT_STEP_INFORM,   /* 3 DHCPINFORM for options 43 and 120 */
    BOOT_STEP_DNS,      /* 4 lookups of the provisioning and registrar names */
    BOOT_STEP_NTP,      /* 5 time */
    BOOT_STEP_PROV,     /* 6 HTTPS to the Certificate Provisioning URL */
    BOOT_STEP_SIP,      /* 7 SIP over TLS to the registrar */
    BOOT_N_STEPS
} boot_step_t;

typedef enum {
    BOOT_ST_NONE = 0,
    BOOT_ST_STARTED,   /* asked, no answer yet */
    BOOT_ST_OK,        /* reached */
    BOOT_ST_FAILED
} boot_state_t;

/* Findings, each raised once per phone, on the frame that shows it. */
enum {
    BOOT_F_DNS_FAILED = 1u << 0,
    BOOT_F_NO_CONNECTION = 1u << 1,
    BOOT_F_TLS_FAILED = 1u << 2,
    BOOT_F_NTP_UNANSWERED = 1u << 3,
    BOOT_F_CLOCK_SKEW = 1u << 4,
    BOOT_F_URL_MISMATCH = 1u << 5,
    BOOT_F_URL_BROKEN = 1u << 6     /* option 43 cut short or String-typed */
};

/* ---- What DHCP told the phone ---- */

/* Why a URL from option 43 is not what the phone can use, although msuc
 * can show it: a phone takes the sub-options as sent. */
typedef enum {
    BOOT_URL_WHOLE = 0,
    BOOT_URL_CUT,           /* a sub-option runs past the option's end */
    BOOT_URL_NUL            /* values end in NUL: typed String on the server */
} boot_url_defect_t;

typedef struct {
    char url[600];
    char host[BOOT_NAME_MAX];   /* lower case */
    uint16_t port;              /* 443 when the port sub-option is missing */
    bool complete;              /* scheme, host and path present */
    uint8_t defect;             /* boot_url_defect_t */
} boot_url_t;

/* The same, as a phone keeps it: the strings in one block of their length. */
typedef struct {
    const char *url;
    const char *host;
    uint16_t port;
    bool complete;
    uint8_t defect;         /* boot_url_defect_t */
} boot_phone_url_t;

/* Option 43 (MS-UC-Client sub-options) of an INFORM ACK; NULL where it is
 * not MS-UC-Client's. What it points to holds until the next call. */
const boot_url_t *boot_url_from_43(const uint8_t *v, size_t n);
/* The first name in option 120 (encoding 0), lower case. */
bool boot_registrar_from_120(const uint8_t *v, size_t n, char *out, size_t outsz);

/* ---- The timeline ---- */

/* What happened on one frame, for the tree on any pass. */
typedef enum {
    BOOT_EV_NONE = 0,
    BOOT_EV_LLDP,           /* value: VLAN << 16 | priority << 8 | DSCP */
    BOOT_EV_DISCOVER,
    BOOT_EV_OFFER,
    BOOT_EV_REQUEST,
    BOOT_EV_LEASE_ACK,      /* value: the address */
    BOOT_EV_LEASE_NAK,
    BOOT_EV_INFORM,         /* value: attempt */
    BOOT_EV_INFORM_ACK,     /* value: 1 with a provisioning URL; may carry the
                               CPE-OCPhone VLAN */
    BOOT_EV_DNS_QUERY,      /* name; value: type */
    BOOT_EV_DNS_ANSWER,     /* name; value: addresses or SRV targets */
    BOOT_EV_DNS_ERROR,      /* name; value: rcode, or -1 for no data */
    BOOT_EV_NTP_REQUEST,    /* value: requests to this server so far */
    BOOT_EV_NTP_ANSWER,     /* value: server time minus capture time, ns, or
                               UCD_NS_NONE when a time is out of range */
    BOOT_EV_SYN,
    BOOT_EV_SYN_RETRY,      /* value: SYNs so far */
    BOOT_EV_SYN_ACK,
    BOOT_EV_RESET,          /* value: 1 before the handshake ended */
    BOOT_EV_CLIENT_HELLO,   /* name: SNI */
    BOOT_EV_SERVER_HELLO,   /* value: version */
    BOOT_EV_TLS_ALERT,      /* value: level << 8 | description; 0xffff encrypted */
    BOOT_EV_TLS_DONE,
    BOOT_EV_CLOSED          /* FIN during the handshake */
} boot_event_kind_t;

typedef struct {
    uint32_t frame;
    uint32_t ref_frame;     /* the request an answer belongs to, or 0 */
    int64_t value;
    uint16_t finding;       /* BOOT_F_* raised here */
    uint8_t kind;           /* boot_event_kind_t */
    uint8_t step;           /* boot_step_t */
    uint8_t state;          /* boot_state_t of the step after this frame */
    uint8_t name;           /* index into names, or BOOT_NO_NAME */
    uint8_t conn;           /* index into conns, or BOOT_NO_CONN */
} boot_event_t;

#define BOOT_NO_NAME 0xff
#define BOOT_NO_CONN 0xff
#define BOOT_MAX_NAMES 12
#define BOOT_MAX_ADDRS 8
#define BOOT_MAX_CONNS 12
#define BOOT_MAX_NTP 4
/* Frames remembered per phone for later passes; beyond, still analysed. */
#define BOOT_MAX_EVENTS 96
/* Kept inside the phone: an INFORM and its ACK, all that most phones of a
 * DHCP server's capture show. */
#define BOOT_INLINE_EVENTS 2
/* A question repeated this long after an unanswered one means the first
 * went unanswered (resolvers and NTP clients retry after 1-5 s). */
#define BOOT_RETRY_NS 900000000LL

typedef enum {
    BOOT_ROLE_OTHER = 0,
    BOOT_ROLE_PROV,         /* the Certificate Provisioning host */
    BOOT_ROLE_REGISTRAR,    /* option 120's registrar */
    BOOT_ROLE_SIP_SRV,      /* a fallback SIP lookup (_sipinternaltls, sipinternal...) */
    BOOT_ROLE_NTP           /* _ntp._udp or time.windows.com */
} boot_role_t;

typedef struct {
    char name[BOOT_NAME_MAX];
    uint8_t role;           /* boot_role_t */
    uint8_t state;          /* boot_state_t */
    uint16_t queries;
    uint16_t last_qtype;
    int64_t last_query_ns;
    uint32_t last_query_frame;
    bool pending;           /* the last query has no answer yet */
} boot_name_t;

typedef enum {
    BOOT_CONN_SYN_SENT = 1,
    BOOT_CONN_OPEN,         /* SYN answered */
    BOOT_CONN_TLS,          /* ClientHello sent */
    BOOT_CONN_DONE,         /* handshake finished */
    BOOT_CONN_FAILED
} boot_conn_state_t;

typedef struct {
    uint32_t server;        /* host order */
    uint16_t cport, sport;
    uint8_t step;           /* BOOT_STEP_PROV or BOOT_STEP_SIP */
    uint8_t state;          /* boot_conn_state_t */
    uint8_t syns;
    bool server_hello_13;   /* TLS 1.3: the client's next record finishes it */
    char sni[BOOT_NAME_MAX];
    uint32_t syn_frame;
    int64_t syn_ns;
} boot_conn_t;

typedef struct {
    uint32_t server;
    uint16_t requests, answers;
    int64_t last_request_ns;
    uint32_t last_request_frame;
} boot_ntp_server_t;

typedef enum {
    BOOT_BY_DHCP = 1,       /* a UC vendor class in DHCP */
    BOOT_BY_LLDP,           /* LLDP-MED communication device */
    BOOT_BY_PROV            /* connected to a Certificate Provisioning host */
} boot_identified_t;

/* What a phone learns from its lookups and its time, and the names it looks
 * up and the connections it opens: only phones that do more in the capture
 * than ask DHCP have it, so it is allocated when first needed
 * (boot_phone_net). */
typedef struct {
    boot_name_t *names;     /* grown as the phone looks names up, to BOOT_MAX_NAMES */
    boot_conn_t *conns;     /* grown as it connects, to BOOT_MAX_CONNS */
    uint32_t prov_addr[BOOT_MAX_ADDRS];
    uint32_t sip_addr[BOOT_MAX_ADDRS];
    boot_ntp_server_t ntp[BOOT_MAX_NTP];
    uint32_t ntp_fallback_addr; /* time.windows.com's address, 0: not looked up */
    uint8_t n_prov_addr, n_sip_addr, n_ntp;
    /* How the phone chose its NTP server: a Lync Phone Edition phone asks
     * for _ntp._udp.<domain> and falls back to time.windows.com. */
    bool ntp_srv_missing;       /* the SRV lookup failed */
} boot_phone_net_t;

/* A capture of a DHCP server holds thousands of phones that only ask and
 * are told, so a phone is what every phone needs, packed, with its first
 * events inside, and pointers to what not every phone has, allocated when
 * it first comes. */
typedef struct {
    uint8_t mac[6];         /* first: the glue finds a phone by it */
    bool has_mac : 1;
    bool vlan_from_lldp : 1;
    bool vendor_known : 1;  /* its first request has been seen */
    bool prov_connected : 1;/* a connection to the provisioning host answered */
    bool strings_shared : 1;/* url and registrar are the env's interned copies */
    bool unrecorded : 1;    /* an event past BOOT_MAX_EVENTS was not kept */
    uint8_t identified_by;  /* boot_identified_t */
    uint32_t ip;            /* host order; 0 until known */
    uint32_t first_frame;

    uint8_t state[BOOT_N_STEPS];      /* boot_state_t per step */
    uint32_t step_frame[BOOT_N_STEPS];/* where it was reached, failed or last tried; 0: done
                                       * at no frame of its own (a lease an INFORM shows in use) */

    uint16_t vlan;          /* priority and DSCP are on the LLDP event */
    uint8_t vendor_kind;    /* vendor_kind_t of its first request's vendor class */
    uint8_t stop_step;      /* the step of the first finding that stops the phone */
    uint16_t findings;
    uint8_t n_names, cap_names; /* names and conns are in net */
    uint32_t stop_frame;
    uint8_t n_conns, cap_conns;
    uint8_t n_ev, cap_ev;

    const boot_phone_url_t *url; /* from option 43; NULL until given */
    const char *registrar;  /* from option 120 or an SRV answer; NULL until known */
    boot_phone_net_t *net;  /* NULL until it has an address, NTP server, name or connection to keep */
    /* The events in frame order: `in` while cap_ev is BOOT_INLINE_EVENTS,
     * past that `grown`. boot_phone_events() picks. */
    union {
        boot_event_t in[BOOT_INLINE_EVENTS];
        boot_event_t *grown;
    } ev;
} boot_phone_t;

/* The phone's n_ev events, in frame order. */
static inline const boot_event_t *
boot_phone_events(const boot_phone_t *ph)
{
    return ph->cap_ev > BOOT_INLINE_EVENTS ? ph->ev.grown : ph->ev.in;
}

typedef void *(*boot_grow_fn)(void *ctx, void *old, size_t size);
/* The one shared copy of these bytes, kept as long as the phones. */
typedef const void *(*boot_intern_fn)(void *ctx, const void *bytes, size_t size);

typedef struct {
    boot_grow_fn grow;      /* realloc-like: the events list, names, connections, URL */
    void *ctx;
    int64_t skew_limit_ns;  /* clock_skew beyond this */
    /* NULL: each phone keeps its own URL and registrar (grow). Set: phones
     * told the same share one copy, as every phone of a site is. */
    boot_intern_fn intern;
} boot_env_t;

void boot_phone_init(boot_phone_t *ph, uint32_t first_frame);
/* Frees what a phone allocated, with free_fn (the unit tests; the epan
 * glue's memory goes with the file). */
void boot_phone_release(boot_phone_t *ph, void (*free_fn)(void *));
/* Copies a URL or registrar into memory of the phone's own. */
void boot_phone_set_url(boot_phone_t *ph, const boot_env_t *env, const char *url, const char *host, uint16_t port,
                        bool complete, uint8_t defect);
void boot_phone_set_registrar(boot_phone_t *ph, const boot_env_t *env, const char *name);
/* The phone's addresses and NTP servers, allocated on first use; NULL when
 * memory is refused. */
boot_phone_net_t *boot_phone_net(boot_phone_t *ph, const boot_env_t *env);

/* Every observe function records what the frame changed and returns the
 * frame's event (kind BOOT_EV_NONE: nothing for the timeline). Frames must
 * come in order, on the first pass only. `from_phone`: the phone sent it. */

boot_event_t boot_observe_lldp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, const boot_lldp_t *l);
/* A DHCP message of the phone: its type (option 53), yiaddr, and for an ACK
 * to an INFORM its option 43/120 values (NULL when absent). */
typedef struct {
    uint8_t type;
    uint32_t ciaddr, yiaddr;
    uint16_t attempt;       /* INFORM: which attempt (the ucdiag.dhcp analysis) */
    uint32_t ref_frame;     /* ACK: the INFORM it answers */
    const uint8_t *opt43, *opt120;
    size_t opt43_len, opt120_len;
    bool cpe_vlan_known;
    uint16_t cpe_vlan;
} boot_dhcp_t;
boot_event_t boot_observe_dhcp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns,
                               const boot_dhcp_t *d);
boot_event_t boot_observe_dns(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns,
                              const boot_dns_t *d);
boot_event_t boot_observe_ntp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns,
                              bool from_phone, uint32_t server, const boot_ntp_t *n);

#define BOOT_TCP_FIN 0x01
#define BOOT_TCP_SYN 0x02
#define BOOT_TCP_RST 0x04
#define BOOT_TCP_ACK 0x10

/* A TCP segment between the phone and `server`; tls is NULL when the
 * payload holds no TLS record. */
boot_event_t boot_observe_tcp(boot_phone_t *ph, const boot_env_t *env, uint32_t frame, int64_t t_ns,
                              bool from_phone, uint32_t server, uint16_t cport, uint16_t sport, uint8_t flags,
                              const boot_tls_t *tls);

/* Does a TCP segment to or from this server port concern the bootstrap:
 * the provisioning host's port, or SIP over TLS? */
bool boot_port_of_interest(const boot_phone_t *ph, uint16_t server_port);

/* Later passes: the event remembered for this frame. */
bool boot_event_lookup(const boot_phone_t *ph, uint32_t frame, boot_event_t *out);

/* The furthest step reached (BOOT_STEP_NONE if none). */
boot_step_t boot_furthest(const boot_phone_t *ph);

/* Names a phone looks up when DHCP gives it nothing: its role, else OTHER. */
boot_role_t boot_fallback_role(const char *name);

typedef enum {
    BOOT_NTP_FROM_UNKNOWN = 0,
    BOOT_NTP_FROM_FALLBACK,         /* time.windows.com, no SRV lookup seen */
    BOOT_NTP_FROM_FALLBACK_NO_SRV   /* time.windows.com, after _ntp._udp failed */
} boot_ntp_origin_t;

/* Where the NTP server SERVER (host order) came from, as far as the phone's
 * DNS lookups show. */
boot_ntp_origin_t boot_ntp_origin(const boot_phone_t *ph, uint32_t server);

/* "1:#12 2:#15 3:#20": the frame of each step seen, its state marked. */
size_t boot_steps_text(const boot_phone_t *ph, char *out, size_t outsz);

#endif /* BOOT_LOGIC_H */
