/* packet-ucdiag-boot-int.h
 * What the files of the phone bootstrap concern share with each other. The
 * rest of the plugin sees only packet-ucdiag-boot.h.
 *
 * The concern is four files:
 *   packet-ucdiag-boot-register.c  registers the fields, experts and preference
 *   packet-ucdiag-boot.c           finds the phones and the event of each packet
 *   packet-ucdiag-boot-report.c    turns an event into tree items, expert info
 *                                  and words for the Info column
 *   packet-ucdiag-boot-table.c     the `-z ucdiag,bootstrap` table
 *   packet-ucdiag-boot-flow.c      the "UC bootstrap" Flow Graph type
 * Calls go one way only: the registration calls the events, table and
 * flow files, and the events and flow files call the report file. The
 * report file calls none of them; the others read its ids and value
 * strings.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PACKET_UCDIAG_BOOT_INT_H
#define PACKET_UCDIAG_BOOT_INT_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "boot_logic.h"
#include "state_cap.h"

/* ---- Defined in packet-ucdiag-boot-report.c, which fills them in;
 * registered in packet-ucdiag-boot-register.c ---- */

extern int hf_ucdiag_boot;
extern int hf_ucdiag_boot_phone;
extern int hf_ucdiag_boot_phone_mac;
extern int hf_ucdiag_boot_step;
extern int hf_ucdiag_boot_event;
extern int hf_ucdiag_boot_state;
extern int hf_ucdiag_boot_name;
extern int hf_ucdiag_boot_url;
extern int hf_ucdiag_boot_registrar;
extern int hf_ucdiag_boot_vlan;
extern int hf_ucdiag_boot_vlan_priority;
extern int hf_ucdiag_boot_vlan_dscp;
extern int hf_ucdiag_boot_dns_rcode;
extern int hf_ucdiag_boot_clock_offset;
extern int hf_ucdiag_boot_tls_alert;
extern int hf_ucdiag_boot_tls_version;
extern int hf_ucdiag_boot_server;
extern int hf_ucdiag_boot_request_frame;

extern gint ett_ucdiag_boot;

extern expert_field ei_ucdiag_boot_dns_failed;
extern expert_field ei_ucdiag_boot_no_connection;
extern expert_field ei_ucdiag_boot_tls_failed;
extern expert_field ei_ucdiag_boot_ntp_unanswered;
extern expert_field ei_ucdiag_boot_clock_skew;
extern expert_field ei_ucdiag_boot_url_mismatch;
extern expert_field ei_ucdiag_boot_url_broken;

/* The preference boot_max_clock_offset: more than this many seconds between
 * an NTP server's time and the capture's clock is a finding. The events file
 * hands it to boot_logic.c, the report file quotes it in the finding. */
extern guint ucdiag_boot_max_clock_offset_s;

/* The preference boot_max_phones and the tracking limit it sets, defined in
 * the events file. The table is handed the limit itself as a tap's data on
 * the frame where it was reached (a phone otherwise). */
extern guint ucdiag_boot_max_phones;
extern state_cap_t ucdiag_boot_phones_cap;

/* Words shared by the fields, the findings and the table. */
extern const value_string ucdiag_boot_step_short_vals[];
extern const value_string ucdiag_boot_event_vals[];
extern const value_string ucdiag_boot_rcode_vals[];
extern const value_string ucdiag_boot_tls_alert_vals[];
extern const value_string ucdiag_boot_identified_vals[];
extern const value_string ucdiag_boot_finding_vals[];

/* ---- packet-ucdiag-boot-report.c ---- */

/* One line for event e: "phone 10.80.1.134, step 4 DNS: DNS query
 * pool.contoso.com", for the tree item and the Flow Graph's comments. */
const char *ucdiag_boot_event_summary(wmem_allocator_t *pool, const boot_phone_t *ph, const boot_event_t *e);

/* The "Phone bootstrap" item of event e under tree, with its findings. */
void ucdiag_boot_add_event_tree(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const boot_phone_t *ph,
                                const boot_event_t *e, gboolean from_phone, guint32 server, guint16 sport);
/* The expert info and Info words of e's findings. full: someone reads this
 * packet, so write the long texts and attach them to item ti; otherwise only
 * the experts' severities for the status bar. */
void ucdiag_boot_add_findings(packet_info *pinfo, gboolean full, proto_item *ti, const boot_phone_t *ph,
                              const boot_event_t *e, gboolean from_phone, guint32 server, guint16 sport);

/* ---- packet-ucdiag-boot.c ---- */

/* The phone maps, the init routine and the taps "ucdiag.boot" and
 * UCDIAG_BOOT_FLOW_TAP. */
void ucdiag_boot_events_register(void);

/* The tap of the Flow Graph: a frame that is a step of a phone's
 * bootstrap, queued only while a Flow Graph listens. */
#define UCDIAG_BOOT_FLOW_TAP "ucdiag.boot.flow"
typedef struct {
    const boot_phone_t *ph;
    boot_event_t e;
    gboolean from_phone;
    guint32 server;         /* host order; 0 for LLDP and DHCP */
    gboolean first_pass;    /* the phone's state is as far as this frame */
} ucdiag_boot_step_t;

/* ---- packet-ucdiag-boot-flow.c ---- */

/* Statistics > Flow Graph's "UC bootstrap" and tshark -z flow,ucdiag_boot. */
void ucdiag_boot_flow_register(int proto);

/* ---- packet-ucdiag-boot-table.c ---- */

/* Statistics > UC Phone Bootstrap and tshark -z ucdiag,bootstrap. */
void ucdiag_boot_table_register(void);

#endif /* PACKET_UCDIAG_BOOT_INT_H */
