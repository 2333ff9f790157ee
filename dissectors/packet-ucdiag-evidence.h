/* packet-ucdiag-evidence.h
 * What the capture has shown so far about which hosts and ports are
 * Microsoft UC endpoints: the endpoints whose STUN carried a vendor's
 * attributes, the phones the bootstrap concern found, and the user's UC
 * networks. The concerns above it record and ask; it calls none of them.
 * Kept in file scope: it grows with endpoints and phones, not packets.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_EVIDENCE_H
#define PACKET_UCDIAG_EVIDENCE_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "evidence_logic.h"

/* One transport endpoint, as a flow key holds it. */
typedef struct {
    guint8 af;            /* 4 or 6 */
    guint8 transport;     /* 1 UDP, 2 TCP (qos_logic's QOS_UDP, QOS_TCP) */
    guint16 port;
    const guint8 *addr;   /* 4 or 16 bytes */
} ucdiag_endpoint_t;

/* Why a flow is (or is not) taken for Microsoft media. */
typedef struct {
    guint8 kind;          /* uc_evidence_t */
    guint8 side;          /* 0: the flow's sender, 1: its receiver */
    guint16 attr;         /* the STUN attribute, for the STUN kinds */
    guint32 frame;        /* where the evidence itself was seen; 0: not a frame */
    guint16 index;        /* the user's network, or the Microsoft range */
    const char *how;      /* UC_EV_PHONE: how the phone was found */
} ucdiag_evidence_t;

/* The UAT of UC networks, under the ucdiag module. */
void ucdiag_evidence_register(module_t *module);

/* Changes whenever an endpoint or phone is learnt: what a flow found missing
 * needs asking again only then. */
guint32 ucdiag_evidence_generation(void);

/* First pass: a STUN message (its first byte at stun) sent by `from`.
 * Returns whose stack wrote it, and remembers the endpoint for later flows.
 * A Microsoft endpoint stays Microsoft. */
uc_stun_marks_t ucdiag_evidence_stun(const ucdiag_endpoint_t *from, const guint8 *stun, size_t avail,
                                     guint32 frame);

/* Whether a Lync/SfB phone is at this IPv4 address (host order): the frame
 * where it was found, and how. */
typedef gboolean (*ucdiag_phone_finder_t)(guint32 ip, guint32 *frame, const char **how);
/* The phones are the bootstrap concern's, kept by address there: asked
 * through finder rather than copied here (a DHCP server's capture holds
 * thousands). */
void ucdiag_evidence_phones_from(ucdiag_phone_finder_t finder);
/* A phone was found at ip (host order), an address new to finder. */
void ucdiag_evidence_phone_learnt(guint32 ip);

/* The strongest evidence about the flow from src to dst that is not on the
 * flow itself: what the capture has taught (its endpoints' STUN, the
 * phones), and with `addresses` what its addresses say (Microsoft's ranges,
 * the user's networks), which never changes within a pass and so needs
 * asking once per flow. Kind UC_EV_NONE when there is none. */
void ucdiag_evidence_about(const ucdiag_endpoint_t *src, const ucdiag_endpoint_t *dst, guint32 first_frame,
                           gboolean addresses, ucdiag_evidence_t *out);

/* The evidence in words, for the tree and the tables: "MS-IMPLEMENTATION-
 * VERSION in STUN on this flow (frame 12)". src and dst are the flow's. */
char *ucdiag_evidence_words(wmem_allocator_t *pool, const ucdiag_evidence_t *ev, const ucdiag_endpoint_t *src,
                            const ucdiag_endpoint_t *dst);
/* What was looked for and not found, for a flow with no evidence. */
const char *ucdiag_evidence_missing(void);

extern const value_string ucdiag_evidence_vals[];

#endif /* PACKET_UCDIAG_EVIDENCE_H */
