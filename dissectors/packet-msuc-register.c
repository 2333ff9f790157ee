/* packet-msuc-register.c
 * What the option-43 decoder tells Wireshark about itself: the protocol, its
 * fields, subtrees, expert infos and preferences. Their ids, preferences and
 * the value strings of the fields are defined here, once, and read by the
 * decoder's other files through packet-msuc-int.h; this file calls none of
 * them. The handoff to the DHCP dissector is in packet-msuc.c, beside the
 * dissectors it hands over.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packet-msuc-int.h"

#include <epan/prefs.h>

#include "packet-msuc.h"

int proto_msuc = -1;

int hf_msuc_suboption = -1;
int hf_msuc_suboption_length = -1;
int hf_msuc_suboption_value = -1;
int hf_msuc_uc_identifier = -1;
int hf_msuc_url_scheme = -1;
int hf_msuc_web_server_fqdn = -1;
int hf_msuc_web_server_port = -1;
int hf_msuc_web_server_port_number = -1;
int hf_msuc_cert_prov_path = -1;
int hf_msuc_cert_prov_url = -1;
int hf_msuc_pad = -1;
int hf_msuc_end = -1;
int hf_msuc_after_end = -1;
int hf_msuc_vendor_class = -1;
int hf_msuc_vendor_class_source = -1;
int hf_msuc_request_frame = -1;
int hf_msuc_continuation_length = -1;
int hf_msuc_option250_continuation = -1;
int hf_msuc_msft_suboption = -1;
int hf_msuc_msft_disable_netbios = -1;
int hf_msuc_msft_release_on_shutdown = -1;
int hf_msuc_msft_router_metric_base = -1;
int hf_msuc_msft_rogue_detection_request = -1;
int hf_msuc_msft_rogue_detection_reply = -1;
int hf_msuc_msft_nap_soh = -1;
int hf_msuc_msft_nap_mask = -1;
int hf_msuc_msft_nap_correlation_id = -1;
int hf_msuc_msft_nap_ipv6_count = -1;
int hf_msuc_msft_nap_ipv6_server = -1;
int hf_msuc_cpe_suboption = -1;
int hf_msuc_cpe_vlan_id = -1;
int hf_msuc_finding = -1;

gint ett_msuc = -1;
gint ett_msuc_suboption = -1;

expert_field ei_msuc_suboption_truncated = EI_INIT;
expert_field ei_msuc_suboption_missing = EI_INIT;
expert_field ei_msuc_suboption_duplicate = EI_INIT;
expert_field ei_msuc_suboption_nonprintable = EI_INIT;
expert_field ei_msuc_uc_identifier_unexpected = EI_INIT;
expert_field ei_msuc_web_server_port_invalid = EI_INIT;
expert_field ei_msuc_url_scheme_invalid = EI_INIT;
expert_field ei_msuc_cert_prov_path_invalid = EI_INIT;
expert_field ei_msuc_web_server_fqdn_invalid = EI_INIT;
expert_field ei_msuc_nonstandard = EI_INIT;
expert_field ei_msuc_tracking_limit = EI_INIT;
expert_field ei_msuc_trailing = EI_INIT;
expert_field ei_msuc_option120_ip_list = EI_INIT;
expert_field ei_msuc_option120_multiple_fqdn = EI_INIT;
expert_field ei_msuc_option120_malformed = EI_INIT;
expert_field ei_msuc_option250_joined = EI_INIT;
expert_field ei_msuc_msft_bad_length = EI_INIT;
expert_field ei_msuc_msft_unknown_value = EI_INIT;
expert_field ei_msuc_cpe_vlan_invalid = EI_INIT;

ucd_pref_bool_t msuc_note_nonstandard = TRUE;
guint msuc_truncation_length = MSUC_ROUTER_TRUNCATION_LEN;
/* As ucdiag.dhcp_max_transactions, for the same transactions. */
guint msuc_max_transactions = 20000;

const value_string msuc_suboption_vals[] = {
    { MSUC_SUB_UC_IDENTIFIER,   "UCIdentifier" },
    { MSUC_SUB_URL_SCHEME,      "URLScheme" },
    { MSUC_SUB_WEB_SERVER_FQDN, "WebServerFqdn" },
    { MSUC_SUB_WEB_SERVER_PORT, "WebServerPort" },
    { MSUC_SUB_CERT_PROV_PATH,  "CertProvRelPath" },
    { 0, NULL }
};

const value_string msuc_msft_suboption_vals[] = {
    { MSFT_SUB_DISABLE_NETBIOS,     "Disable NetBIOS" },
    { MSFT_SUB_RELEASE_ON_SHUTDOWN, "Release DHCP Lease on Shutdown" },
    { MSFT_SUB_ROUTER_METRIC_BASE,  "Default Router Metric Base" },
    { MSFT_SUB_ROGUE_REQUEST,       "Rogue Detection Request" },
    { MSFT_SUB_ROGUE_REPLY,         "Rogue Detection Reply" },
    { MSFT_SUB_NAP_SOH,             "NAP Statement of Health" },
    { MSFT_SUB_NAP_MASK,            "NAP Subnet Mask" },
    { MSFT_SUB_NAP_COID,            "NAP Correlation ID" },
    { MSFT_SUB_NAP_IPV6,            "NAP IPv6 Remediation Servers" },
    { 0, NULL }
};

const value_string msuc_cpe_suboption_vals[] = {
    { CPE_SUB_VLAN_ID, "VLAN ID" },
    { 0, NULL }
};

static const value_string msuc_msft_disable_netbios_vals[] = {
    { 0, "Enable NetBIOS over TCP/IP (default)" },
    { 2, "Disable NetBIOS over TCP/IP" },
    { 0, NULL }
};

static const value_string msuc_msft_release_on_shutdown_vals[] = {
    { 0, "Keep the lease" },
    { 1, "Release the lease" },
    { 0, NULL }
};

static const value_string msuc_vendor_class_source_vals[] = {
    { VC_FROM_SUBOPTION_1, "Sub-option 1 of this option 43" },
    { VC_FROM_THIS_PACKET, "Option 60 in this packet" },
    { VC_FROM_REQUEST,     "Option 60 of the client's earlier request (same xid and MAC)" },
    { 0, NULL }
};

static void
register_fields(void)
{
    static hf_register_info hf[] = {
        { &hf_msuc_finding,
          { "Finding", "msuc.finding", FT_STRING, BASE_NONE, NULL, 0x0,
            "What is wrong with this option 43 or 120, in short (the Info column's [UC: ...])", HFILL } },
        { &hf_msuc_suboption,
          { "Sub-option", "msuc.suboption", FT_UINT8, BASE_DEC, VALS(msuc_suboption_vals), 0x0,
            "MS-UC-Client option 43 sub-option code", HFILL } },
        { &hf_msuc_suboption_length,
          { "Length", "msuc.suboption.length", FT_UINT8, BASE_DEC, NULL, 0x0,
            "Sub-option length as sent", HFILL } },
        { &hf_msuc_suboption_value,
          { "Value", "msuc.suboption.value", FT_BYTES, BASE_NONE, NULL, 0x0,
            "Sub-option value kept as bytes (unknown, malformed or truncated)", HFILL } },
        { &hf_msuc_uc_identifier,
          { "UCIdentifier", "msuc.uc_identifier", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 1: the vendor class repeated (MS-UC-Client)", HFILL } },
        { &hf_msuc_url_scheme,
          { "URLScheme", "msuc.url_scheme", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 2: scheme of the Certificate Provisioning URL", HFILL } },
        { &hf_msuc_web_server_fqdn,
          { "WebServerFqdn", "msuc.web_server_fqdn", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 3: internal web services FQDN of the pool", HFILL } },
        { &hf_msuc_web_server_port,
          { "WebServerPort", "msuc.web_server_port", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 4: web services port as ASCII digits", HFILL } },
        { &hf_msuc_web_server_port_number,
          { "WebServerPort number", "msuc.web_server_port.number", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Sub-option 4 read as a number (only when it is valid ASCII digits)", HFILL } },
        { &hf_msuc_cert_prov_path,
          { "CertProvRelPath", "msuc.cert_prov_path", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sub-option 5: relative path of the Certificate Provisioning service", HFILL } },
        { &hf_msuc_cert_prov_url,
          { "Certificate Provisioning URL", "msuc.cert_prov_url", FT_STRING, BASE_NONE, NULL, 0x0,
            "scheme://fqdn:port + path, the URL the phone will call", HFILL } },
        { &hf_msuc_pad,
          { "Pad", "msuc.pad", FT_NONE, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_end,
          { "End", "msuc.end", FT_NONE, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_after_end,
          { "Bytes after End", "msuc.after_end", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL } },
        { &hf_msuc_vendor_class,
          { "Vendor class", "msuc.vendor_class", FT_STRING, BASE_NONE, NULL, 0x0,
            "The vendor class this option 43 was decoded as", HFILL } },
        { &hf_msuc_vendor_class_source,
          { "Vendor class from", "msuc.vendor_class_source", FT_UINT8, BASE_DEC,
            VALS(msuc_vendor_class_source_vals), 0x0, "Where the vendor class was learnt", HFILL } },
        { &hf_msuc_request_frame,
          { "Request in frame", "msuc.request_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The client's request whose option 60 gave the vendor class", HFILL } },
        { &hf_msuc_continuation_length,
          { "Continued in option 250", "msuc.continuation_length", FT_UINT16, BASE_DEC, NULL, 0x0,
            "Bytes of option 43 carried on in option 250 (Microsoft long-option encoding)", HFILL } },
        { &hf_msuc_option250_continuation,
          { "Continuation of option 43", "msuc.option250_continuation", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "This option 250 carries the rest of option 43", HFILL } },
        { &hf_msuc_msft_suboption,
          { "MSFT sub-option", "msuc.msft.suboption", FT_UINT8, BASE_DEC, VALS(msuc_msft_suboption_vals), 0x0,
            "MSFT 5.0 / MSFT 98 option 43 sub-option code", HFILL } },
        { &hf_msuc_msft_disable_netbios,
          { "Disable NetBIOS", "msuc.msft.disable_netbios", FT_UINT32, BASE_DEC,
            VALS(msuc_msft_disable_netbios_vals), 0x0, "MS-DHCPE 2.2.2 sub-option 1", HFILL } },
        { &hf_msuc_msft_release_on_shutdown,
          { "Release lease on shutdown", "msuc.msft.release_on_shutdown", FT_UINT32, BASE_DEC,
            VALS(msuc_msft_release_on_shutdown_vals), 0x0, "MS-DHCPE 2.2.2 sub-option 2", HFILL } },
        { &hf_msuc_msft_router_metric_base,
          { "Default router metric base", "msuc.msft.router_metric_base", FT_UINT32, BASE_DEC, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 3 (0: from link speed)", HFILL } },
        { &hf_msuc_msft_rogue_detection_request,
          { "Rogue detection request", "msuc.msft.rogue_detection_request", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 0x5E", HFILL } },
        { &hf_msuc_msft_nap_soh,
          { "NAP Statement of Health", "msuc.msft.nap_soh", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 220: the client's SoH, or the server's SoH response", HFILL } },
        { &hf_msuc_msft_nap_mask,
          { "NAP subnet mask", "msuc.msft.nap_mask", FT_IPv4, BASE_NETMASK, NULL, 0x0,
            "MS-DHCPN sub-option 221: the subnet's real mask, for a client quarantined with 255.255.255.255",
            HFILL } },
        { &hf_msuc_msft_nap_correlation_id,
          { "NAP correlation ID", "msuc.msft.nap_correlation_id", FT_BYTES, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 222: pairs the client's and server's NAP logs", HFILL } },
        { &hf_msuc_msft_nap_ipv6_count,
          { "NAP IPv6 remediation servers", "msuc.msft.nap_ipv6_count", FT_UINT8, BASE_DEC, NULL, 0x0,
            "MS-DHCPN sub-option 223: how many addresses follow", HFILL } },
        { &hf_msuc_msft_nap_ipv6_server,
          { "NAP IPv6 remediation server", "msuc.msft.nap_ipv6_server", FT_IPv6, BASE_NONE, NULL, 0x0,
            "MS-DHCPN sub-option 223: a server a quarantined client may reach", HFILL } },
        { &hf_msuc_msft_rogue_detection_reply,
          { "Rogue detection reply", "msuc.msft.rogue_detection_reply", FT_STRING, BASE_NONE, NULL, 0x0,
            "MS-DHCPE 2.2.2 sub-option 0x5F", HFILL } },
        { &hf_msuc_cpe_suboption,
          { "CPE-OCPhone sub-option", "msuc.cpe.suboption", FT_UINT8, BASE_DEC,
            VALS(msuc_cpe_suboption_vals), 0x0, "CPE-OCPhone option 43 sub-option code", HFILL } },
        { &hf_msuc_cpe_vlan_id,
          { "VLAN ID", "msuc.cpe.vlan_id", FT_UINT16, BASE_DEC, NULL, 0x0,
            "CPE-OCPhone sub-option 10: the voice VLAN", HFILL } },
    };

    static gint *ett[] = {
        &ett_msuc,
        &ett_msuc_suboption,
    };

    proto_register_field_array(proto_msuc, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

static void
register_experts(void)
{
    static ei_register_info ei[] = {
        { &ei_msuc_suboption_truncated,
          { "msuc.suboption.truncated", PI_MALFORMED, PI_ERROR,
            "Sub-option runs past the end of option 43", EXPFILL } },
        { &ei_msuc_suboption_missing,
          { "msuc.suboption.missing", PI_PROTOCOL, PI_WARN,
            "MS-UC-Client sub-option missing", EXPFILL } },
        { &ei_msuc_suboption_duplicate,
          { "msuc.suboption.duplicate", PI_PROTOCOL, PI_WARN,
            "Sub-option appears more than once", EXPFILL } },
        { &ei_msuc_suboption_nonprintable,
          { "msuc.suboption.nonprintable", PI_PROTOCOL, PI_WARN,
            "NUL or non-printable byte in a text sub-option (String instead of Binary?)", EXPFILL } },
        { &ei_msuc_uc_identifier_unexpected,
          { "msuc.uc_identifier.unexpected", PI_PROTOCOL, PI_WARN,
            "UCIdentifier is not MS-UC-Client", EXPFILL } },
        { &ei_msuc_web_server_port_invalid,
          { "msuc.web_server_port.invalid", PI_PROTOCOL, PI_ERROR,
            "WebServerPort is not ASCII digits in 1-65535", EXPFILL } },
        { &ei_msuc_url_scheme_invalid,
          { "msuc.url_scheme.invalid", PI_PROTOCOL, PI_ERROR,
            "URLScheme is neither https nor http", EXPFILL } },
        { &ei_msuc_cert_prov_path_invalid,
          { "msuc.cert_prov_path.invalid", PI_PROTOCOL, PI_ERROR,
            "CertProvRelPath is not a valid path", EXPFILL } },
        { &ei_msuc_web_server_fqdn_invalid,
          { "msuc.web_server_fqdn.invalid", PI_PROTOCOL, PI_ERROR,
            "WebServerFqdn is not a valid host name", EXPFILL } },
        { &ei_msuc_tracking_limit,
          { "msuc.tracking_limit", PI_SEQUENCE, PI_NOTE,
            "Requests' vendor classes are no longer remembered: later replies without option 60 are not "
            "decoded as a phone's", EXPFILL } },
        { &ei_msuc_nonstandard,
          { "msuc.nonstandard", PI_PROTOCOL, PI_NOTE,
            "Value differs from the standard https / 443 / " MSUC_STD_PATH, EXPFILL } },
        { &ei_msuc_trailing,
          { "msuc.trailing", PI_PROTOCOL, PI_WARN,
            "Bytes after the End sub-option", EXPFILL } },
        { &ei_msuc_option120_ip_list,
          { "msuc.option120.ip_list", PI_PROTOCOL, PI_WARN,
            "Option 120 uses encoding 1 (IP list) in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option120_multiple_fqdn,
          { "msuc.option120.multiple_fqdn", PI_PROTOCOL, PI_WARN,
            "Option 120 lists more than one FQDN in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option120_malformed,
          { "msuc.option120.malformed", PI_MALFORMED, PI_ERROR,
            "Option 120 is malformed in an MS-UC-Client reply", EXPFILL } },
        { &ei_msuc_option250_joined,
          { "msuc.option250.joined", PI_SEQUENCE, PI_NOTE,
            "Option 43 continued in option 250 and decoded joined", EXPFILL } },
        { &ei_msuc_msft_bad_length,
          { "msuc.msft.bad_length", PI_MALFORMED, PI_ERROR,
            "MSFT sub-option is not 4 bytes", EXPFILL } },
        { &ei_msuc_msft_unknown_value,
          { "msuc.msft.unknown_value", PI_PROTOCOL, PI_NOTE,
            "MSFT sub-option value that Windows ignores", EXPFILL } },
        { &ei_msuc_cpe_vlan_invalid,
          { "msuc.cpe.vlan_invalid", PI_PROTOCOL, PI_WARN,
            "CPE-OCPhone VLAN ID is badly encoded or out of range", EXPFILL } },
    };

    expert_module_t *expert_msuc;

    expert_msuc = expert_register_protocol(proto_msuc);
    expert_register_field_array(expert_msuc, ei, array_length(ei));
}

static void
register_preferences(void)
{
    module_t *msuc_module;

    msuc_module = prefs_register_protocol(proto_msuc, NULL);
    prefs_register_bool_preference(msuc_module, "note_nonstandard",
                                   "Note non-standard provisioning values",
                                   "Add a note when the scheme, port or path differ from Microsoft's "
                                   "defaults (https, 443, " MSUC_STD_PATH "). They are legal, so turn "
                                   "this off for a pool that uses its own on purpose.",
                                   &msuc_note_nonstandard);
    prefs_register_uint_preference(msuc_module, "truncation_length",
                                   "Router truncation length",
                                   "An option 43 of exactly this many bytes whose sub-options run short "
                                   "is reported as cut by a router DHCP server (Cisco IOS cuts at 90). "
                                   "0 disables the hint.",
                                   10, &msuc_truncation_length);
    prefs_register_uint_preference(msuc_module, "max_transactions", "Most transactions remembered",
                                   "The vendor class of requests is remembered for this many DHCP transactions "
                                   "in one capture, so that a flood of clients cannot exhaust memory; a reply "
                                   "without option 60 to a later one is not decoded as a phone's (0: no limit)",
                                   10, &msuc_max_transactions);
}

void
proto_register_msuc(void)
{
    proto_msuc = proto_register_protocol("MS-UC-Client DHCP Vendor Options", "MSUC", "msuc");
    register_fields();
    register_experts();
    register_preferences();
}
