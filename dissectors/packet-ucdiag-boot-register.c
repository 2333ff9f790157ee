/* packet-ucdiag-boot-register.c
 * The phone bootstrap half of the UC Network Diagnostics post-dissector:
 * which hosts are Lync/SfB phones, and each phone's way from voice VLAN to
 * SIP over TLS, with a finding on the packet where it stopped.
 *
 * The timeline and the header reading live in boot_logic.c. The glue is
 * four files (see packet-ucdiag-boot-int.h); this one registers the
 * concern's fields, experts and preference, and has the events file and the
 * table file register the rest.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/prefs.h>

#include "boot_logic.h"
#include "packet-ucdiag-boot.h"
#include "packet-ucdiag-boot-int.h"

/* The words only the fields use; the shared ones are in
 * packet-ucdiag-boot-report.c. */
static const value_string step_vals[] = {
    { BOOT_STEP_VLAN,   "Voice VLAN" },
    { BOOT_STEP_LEASE,  "DHCP lease" },
    { BOOT_STEP_INFORM, "DHCPINFORM (options 43, 120)" },
    { BOOT_STEP_DNS,    "DNS" },
    { BOOT_STEP_NTP,    "NTP" },
    { BOOT_STEP_PROV,   "HTTPS to Certificate Provisioning" },
    { BOOT_STEP_SIP,    "SIP over TLS" },
    { 0, NULL }
};

static const value_string state_vals[] = {
    { BOOT_ST_STARTED, "Under way" },
    { BOOT_ST_OK,      "Reached" },
    { BOOT_ST_FAILED,  "Failed" },
    { 0, NULL }
};

static const value_string tls_version_vals[] = {
    { 0x0300, "SSL 3.0" },
    { 0x0301, "TLS 1.0" },
    { 0x0302, "TLS 1.1" },
    { 0x0303, "TLS 1.2" },
    { 0x0304, "TLS 1.3" },
    { 0, NULL }
};

void
ucdiag_boot_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_boot,
          { "Phone bootstrap", "ucdiag.boot", FT_NONE, BASE_NONE, NULL, 0x0,
            "A step of a Lync/SfB phone's bootstrap", HFILL } },
        { &hf_ucdiag_boot_phone,
          { "Phone", "ucdiag.boot.phone", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The phone's address", HFILL } },
        { &hf_ucdiag_boot_phone_mac,
          { "Phone MAC", "ucdiag.boot.phone_mac", FT_ETHER, BASE_NONE, NULL, 0x0,
            "The phone's MAC address (DHCP chaddr or LLDP source)", HFILL } },
        { &hf_ucdiag_boot_step,
          { "Step", "ucdiag.boot.step", FT_UINT8, BASE_DEC, VALS(step_vals), 0x0,
            "The bootstrap step this packet belongs to (1 VLAN ... 7 SIP over TLS)", HFILL } },
        { &hf_ucdiag_boot_event,
          { "Event", "ucdiag.boot.event", FT_UINT8, BASE_DEC, VALS(ucdiag_boot_event_vals), 0x0,
            "What this packet does for the step", HFILL } },
        { &hf_ucdiag_boot_state,
          { "Step state", "ucdiag.boot.state", FT_UINT8, BASE_DEC, VALS(state_vals), 0x0,
            "The step's state after this packet", HFILL } },
        { &hf_ucdiag_boot_name,
          { "Name", "ucdiag.boot.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The DNS name looked up, or the TLS server name (SNI)", HFILL } },
        { &hf_ucdiag_boot_url,
          { "Provisioning URL", "ucdiag.boot.url", FT_STRING, BASE_NONE, NULL, 0x0,
            "The Certificate Provisioning URL the phone was given (option 43)", HFILL } },
        { &hf_ucdiag_boot_registrar,
          { "Registrar", "ucdiag.boot.registrar", FT_STRING, BASE_NONE, NULL, 0x0,
            "The SIP registrar the phone was given (option 120)", HFILL } },
        { &hf_ucdiag_boot_vlan,
          { "Voice VLAN", "ucdiag.boot.vlan", FT_UINT16, BASE_DEC, NULL, 0x0,
            "From the LLDP-MED voice network policy or CPE-OCPhone sub-option 10", HFILL } },
        { &hf_ucdiag_boot_vlan_priority,
          { "Voice VLAN priority", "ucdiag.boot.vlan_priority", FT_UINT8, BASE_DEC, NULL, 0x0,
            "802.1p priority of the LLDP-MED voice network policy", HFILL } },
        { &hf_ucdiag_boot_vlan_dscp,
          { "Voice DSCP", "ucdiag.boot.vlan_dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "DSCP of the LLDP-MED voice network policy", HFILL } },
        { &hf_ucdiag_boot_dns_rcode,
          { "DNS error", "ucdiag.boot.dns_rcode", FT_UINT8, BASE_DEC, VALS(ucdiag_boot_rcode_vals), 0x0,
            "The answer's response code", HFILL } },
        { &hf_ucdiag_boot_clock_offset,
          { "Server clock offset (s)", "ucdiag.boot.clock_offset", FT_DOUBLE, BASE_NONE, NULL, 0x0,
            "The NTP server's transmit time minus the capture's timestamp, in seconds", HFILL } },
        { &hf_ucdiag_boot_tls_alert,
          { "TLS alert", "ucdiag.boot.tls_alert", FT_UINT8, BASE_DEC, VALS(ucdiag_boot_tls_alert_vals), 0x0,
            "The alert that ended the handshake", HFILL } },
        { &hf_ucdiag_boot_tls_version,
          { "TLS version", "ucdiag.boot.tls_version", FT_UINT16, BASE_HEX, VALS(tls_version_vals), 0x0,
            "The version the server chose", HFILL } },
        { &hf_ucdiag_boot_server,
          { "Server", "ucdiag.boot.server", FT_IPv4, BASE_NONE, NULL, 0x0,
            "The other end: DHCP, DNS, NTP, web or SIP server", HFILL } },
        { &hf_ucdiag_boot_request_frame,
          { "Request in frame", "ucdiag.boot.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The request this packet answers or repeats", HFILL } },
    };

    static gint *ett[] = {
        &ett_ucdiag_boot,
    };

    static ei_register_info ei[] = {
        { &ei_ucdiag_boot_dns_failed,
          { "ucdiag.boot.dns_failed", PI_RESPONSE_CODE, PI_WARN,
            "A lookup of the provisioning or registrar name failed or went unanswered", EXPFILL } },
        { &ei_ucdiag_boot_no_connection,
          { "ucdiag.boot.no_connection", PI_SEQUENCE, PI_WARN,
            "No connection to the provisioning host or registrar gets answered", EXPFILL } },
        { &ei_ucdiag_boot_tls_failed,
          { "ucdiag.boot.tls_failed", PI_SECURITY, PI_WARN,
            "The TLS handshake with the provisioning host or registrar failed", EXPFILL } },
        { &ei_ucdiag_boot_ntp_unanswered,
          { "ucdiag.boot.ntp_unanswered", PI_SEQUENCE, PI_WARN,
            "The phone's NTP requests get no answer", EXPFILL } },
        { &ei_ucdiag_boot_clock_skew,
          { "ucdiag.boot.clock_skew", PI_PROTOCOL, PI_WARN,
            "An NTP server's time is far from the capture's clock", EXPFILL } },
        { &ei_ucdiag_boot_url_broken,
          { "ucdiag.boot.url_broken", PI_PROTOCOL, PI_WARN,
            "The provisioning URL option 43 gives the phone is cut short or String-typed: it stops here",
            EXPFILL } },
        { &ei_ucdiag_boot_url_mismatch,
          { "ucdiag.boot.url_mismatch", PI_PROTOCOL, PI_WARN,
            "The phone connects to another host than option 43 named", EXPFILL } },
    };

    expert_module_t *expert;

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    prefs_register_uint_preference(module, "boot_max_clock_offset", "Phone bootstrap: NTP clock offset (seconds)",
                                   "An NTP server whose time differs from the capture's clock by more than this "
                                   "is flagged (ucdiag.boot.clock_skew)",
                                   10, &ucdiag_boot_max_clock_offset_s);
    prefs_register_uint_preference(module, "boot_max_phones", "Phone bootstrap: most phones followed",
                                   "Phones beyond this many in one capture are not followed, so that a flood of "
                                   "hosts cannot exhaust memory (0: no limit)",
                                   10, &ucdiag_boot_max_phones);
    ucdiag_boot_events_register();
    ucdiag_boot_table_register();
    ucdiag_boot_flow_register(proto);
}

