/* packet-ucdiag-cert-int.h
 * Inside the certificate concern: what a followed connection keeps, shared
 * by its packet entry (packet-ucdiag-cert.c, which reads) and its report
 * (packet-ucdiag-cert-report.c, which shows). Calls go from the entry to
 * the report only.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_CERT_INT_H
#define PACKET_UCDIAG_CERT_INT_H

#include <epan/packet.h>

#include "ucdiag_packet.h"

typedef enum {
    HOST_NONE = 0,
    HOST_SNI,
    HOST_TOLD
} host_from_t;

/* A connection, client to server, as the addresses the dissectors report. */
typedef struct {
    guint8 af;
    guint8 pad;
    guint16 cport, sport;
    guint8 caddr[16], saddr[16];
} conn_key_t;

/* What the server's certificate showed, read once on the first pass. */
typedef struct {
    guint32 frame;          /* the server's Certificate message was read here */
    guint8 status;          /* x509_status_t of the leaf */
    guint8 cover;           /* cert_cover_t */
    guint8 subject;         /* cert_subject_t */
    guint8 time;            /* cert_time_t */
    guint8 chain;           /* cert_chain_t */
    guint8 n_certs;
    gint64 not_before, not_after, by_s;
    const char *cn, *names, *issuer_cn;
    const char *names_short; /* the first few, for a message that must fit a label */
} cert_seen_t;

typedef struct cert_conn {
    conn_key_t key;
    guint8 scope;           /* cert_scope_t */
    guint8 host_from;       /* host_from_t */
    const char *host;       /* the name the certificate must cover, or NULL */
    guint32 hello_frame;
    guint64 hello_random;   /* the ClientHello's first random bytes: a new
                             * connection on the same ports has others */
    gboolean host_is_ip;    /* an address, not a DNS name: names not compared */
    guint32 mtls_frame;     /* the client's own certificate: MTLS */
    /* A chain whose leaf's issuer was not sent is fine for a client that
     * has that issuer (a root need not be sent): only the client's refusal
     * makes it a finding, on the frame that refuses. */
    gboolean chain_open;    /* issuer not sent, the client's answer not seen yet */
    guint32 chain_frame;    /* the client refused it here */
    guint8 chain_alert;     /* its alert description */
    gboolean chain_by_boot; /* the client is a phone: its bootstrap timeline says it */
    cert_seen_t seen;
} cert_conn_t;

/* TLS alerts (RFC 5246 7.2.2) a client sends for a chain it cannot build. */
#define TLS_ALERT_CERTIFICATE_UNKNOWN 46
#define TLS_ALERT_UNKNOWN_CA 48
/* The frames a connection reports on keep it as file-scoped per-frame data,
 * so that a later pass (the GUI, -2) finds the connection of that frame even
 * when the same ports were used again later. */
#define CERT_FRAME_KEY 0x43455254u
/* An expert message shows in a label of ITEM_LABEL_LENGTH - 1 characters
 * after "Expert Info (Warning/Security): ". */
#define CERT_MESSAGE_MAX 206

/* On the frame where the server's certificate was read. */
void cert_report_server(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c);
/* On the client's certificate of an MTLS connection. */
void cert_report_mtls(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c);
/* On the client's alert refusing a chain sent without its issuer. */
void cert_report_chain_finding(ucdiag_packet_t *pkt, proto_tree *tree, const cert_conn_t *c);
/* The fields, subtree and expert infos, under proto. */
void cert_report_register(int proto);

#endif /* PACKET_UCDIAG_CERT_INT_H */
