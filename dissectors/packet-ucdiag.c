/* packet-ucdiag.c
 * UC Network Diagnostics: a post-dissector with five concerns. Every packet
 * is read once (ucdiag_packet.c) and handed first to the DHCPINFORM analysis
 * (packet-ucdiag-dhcp.c), then with what that made of it to the phone
 * bootstrap timeline (packet-ucdiag-boot.c). What is not DHCP goes to the
 * server certificates (packet-ucdiag-cert.c) before the bootstrap, whose TLS
 * steps quote them, then to the QoS check of media flows
 * (packet-ucdiag-qos.c) and, on a relay's ports, to the media relay
 * allocations (packet-ucdiag-relay.c). What they share for
 * trees, Info and tables lives in ucdiag_shared.c.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/prefs.h>

#include "packet-ucdiag.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-cert.h"
#include "packet-ucdiag-dhcp.h"
#include "packet-ucdiag-evidence.h"
#include "packet-ucdiag-findings.h"
#include "packet-ucdiag-qos.h"
#include "packet-ucdiag-records.h"
#include "packet-ucdiag-relay.h"
#include "ucdiag_packet.h"
#include "ucdiag_shared.h"

static int proto_ucdiag = -1;
/* The post-dissector runs under a name-only child of ucdiag: Wireshark then
 * pushes no protocol layer for it on every packet (a list append, a map
 * lookup and the removal again, a third of what a packet of no concern
 * costs us). It is enabled and disabled with ucdiag. */
static int proto_ucdiag_checks = -1;

static int
dissect_ucdiag(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    ucdiag_packet_t pkt;
    ucdiag_dhcp_seen_t dhcp;

    /* Named in "[Malformed Packet: UCDIAG]" should our reading ever throw;
     * Wireshark restores the previous name after us. */
    pinfo->current_proto = "UCDIAG";
    ucdiag_begin_packet(pinfo);
    ucdiag_packet_start(&pkt, tvb, pinfo);
    if (ucdiag_dhcp_dissect(&pkt, tree, &dhcp)) {
        ucdiag_boot_dissect(&pkt, tree, &dhcp);
    } else {
        /* The certificates first: the bootstrap's TLS steps quote them. */
        ucdiag_cert_dissect(&pkt, tree);
        ucdiag_boot_dissect(&pkt, tree, NULL);
        ucdiag_cert_after_boot(&pkt, tree);
        ucdiag_qos_dissect(&pkt, tree);
        if (ucdiag_relay_port(pinfo))
            ucdiag_relay_dissect(&pkt, tree);
    }
    ucdiag_finish_packet(pinfo);
    return 0; /* a post-dissector consumes nothing */
}

static void
ucdiag_prefs_apply(void)
{
    ucdiag_qos_prefs_apply();
}

void
proto_register_ucdiag(void)
{
    module_t *module;

    proto_ucdiag = proto_register_protocol("UC Network Diagnostics", "UCDIAG", "ucdiag");
    proto_ucdiag_checks = proto_register_protocol_in_name_only("UC Network Diagnostics checks", "UCDIAG checks",
                                                               "ucdiag.checks", proto_ucdiag, FT_PROTOCOL);
    ucdiag_shared_register(proto_ucdiag);
    ucdiag_packet_register();
    module = prefs_register_protocol(proto_ucdiag, ucdiag_prefs_apply);
    ucdiag_qos_register(proto_ucdiag, module);
    ucdiag_evidence_register(module);
    ucdiag_dhcp_register(proto_ucdiag, module);
    ucdiag_boot_register(proto_ucdiag, module);
    ucdiag_cert_register(proto_ucdiag, module);
    ucdiag_relay_register(proto_ucdiag, module);
    ucdiag_findings_tap_register(module);
    ucdiag_records_tap_register();
}

void
proto_reg_handoff_ucdiag(void)
{
    register_postdissector(create_dissector_handle(dissect_ucdiag, proto_ucdiag_checks));
    ucdiag_packet_handoff();
    ucdiag_dhcp_handoff();
    ucdiag_boot_handoff();
    ucdiag_qos_handoff();
}
