/* packet-ucdiag-qos-register.c
 * Registration of the QoS concern: its fields and experts, its preferences,
 * the "ucdiag.qos" tap and the `-z ucdiag,qos` table. The port plan
 * registers its own preferences (the preset and your table) in
 * packet-ucdiag-qos-plan.c, beside the table's callbacks.
 *
 * Copyright 2026 The ucdiag authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ucdiag_compat.h"

#include <epan/expert.h>
#include <epan/prefs.h>
#include <epan/tap.h>

#include "packet-ucdiag-qos-int.h"
#include "packet-ucdiag-qos.h"

/* The values of the qos_scope preference (qos_scope, in packet-ucdiag-qos.c). */
static const enum_val_t qos_scope_vals[] = {
    { "microsoft", "Microsoft UC media only (evidence in the capture or your UC networks)", QOS_SCOPE_MICROSOFT },
    { "plan",      "Every media flow on a plan port, whoever's it is", QOS_SCOPE_PLAN },
    { NULL, NULL, -1 }
};

static const value_string media_vals[] = {
    { MEDIA_RTP,          "RTP/SRTP" },
    { MEDIA_RTCP,         "RTCP/SRTCP" },
    { MEDIA_STUN,         "STUN/TURN" },
    { MEDIA_STUN_CLASSIC, "STUN/TURN without magic cookie (RFC 3489, MS-TURN)" },
    { MEDIA_TURN_CHANNEL, "TURN ChannelData" },
    { MEDIA_MSTURN_MUX,   "MS-TURN multiplexed data" },
    { MEDIA_DTLS,         "DTLS (DTLS-SRTP keying)" },
    { MEDIA_OTHER,        "Other data of a media flow" },
    { 0, NULL }
};

static const value_string match_vals[] = {
    { QOS_MATCH_SENDER,   "Sender's port" },
    { QOS_MATCH_RECEIVER, "Receiver's port (a source-port policy cannot match this packet)" },
    { 0, NULL }
};

void
ucdiag_qos_prefs_apply(void)
{
    qos_plan_rebuild();
}

void
ucdiag_qos_handoff(void)
{
    qos_flows_handoff();
}


void
ucdiag_qos_register(int proto, module_t *module)
{
    static hf_register_info hf[] = {
        { &hf_ucdiag_qos_modality,
          { "Modality", "ucdiag.qos.modality", FT_UINT8, BASE_DEC, VALS(qos_modality_vals), 0x0,
            "Media modality of the port range that matched", HFILL } },
        { &hf_ucdiag_qos_role,
          { "Role", "ucdiag.qos.role", FT_UINT8, BASE_DEC, VALS(qos_role_vals), 0x0,
            "Client or server: the role of the port range that matched", HFILL } },
        { &hf_ucdiag_qos_match,
          { "Matched on", "ucdiag.qos.match", FT_UINT8, BASE_DEC, VALS(match_vals), 0x0,
            "Whether the sender's port or only the receiver's is in the plan", HFILL } },
        { &hf_ucdiag_qos_range,
          { "Port range", "ucdiag.qos.range", FT_STRING, BASE_NONE, NULL, 0x0,
            "The plan's range that matched, and whether it is the preset's or your table's", HFILL } },
        { &hf_ucdiag_qos_expected_dscp,
          { "Expected DSCP", "ucdiag.qos.expected_dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "The DSCP the sender should mark for this modality; on VBSS, the app-sharing one (the item "
            "says \"24 or 34\" where a second marking is as good: ucdiag.qos.expected_dscp_alt)", HFILL } },
        { &hf_ucdiag_qos_expected_dscp_alt,
          { "Expected DSCP (alternative)", "ucdiag.qos.expected_dscp_alt", FT_UINT8, BASE_DEC, NULL, 0x0,
            "VBSS only: the video marking, accepted as well as ucdiag.qos.expected_dscp (either fix of "
            "the port mismatch marks both directions alike); absent where one marking is expected", HFILL } },
        { &hf_ucdiag_qos_dscp,
          { "Observed DSCP", "ucdiag.qos.dscp", FT_UINT8, BASE_DEC, NULL, 0x0,
            "DSCP of this packet's (innermost) IP header", HFILL } },
        { &hf_ucdiag_qos_media,
          { "Media", "ucdiag.qos.media", FT_UINT8, BASE_DEC, VALS(media_vals), 0x0,
            "What this packet of a media flow carries (only media flows are judged)", HFILL } },
        { &hf_ucdiag_qos_media_since,
          { "Media since frame", "ucdiag.qos.media_since", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame where this flow direction was recognised as media; earlier frames are not judged",
            HFILL } },
        { &hf_ucdiag_qos_not_judged,
          { "DSCP not judged", "ucdiag.qos.not_judged", FT_NONE, BASE_NONE, NULL, 0x0,
            "Media on a plan port whose DSCP was not checked: it is not shown to be Microsoft UC media "
            "(ucdiag.qos.evidence says why), and the QoS scope is Microsoft's media only", HFILL } },
        { &hf_ucdiag_qos_evidence,
          { "Microsoft media evidence", "ucdiag.qos.evidence", FT_UINT8, BASE_DEC, VALS(ucdiag_evidence_vals), 0x0,
            "What shows (or does not) that this flow is Lync/SfB/Teams media", HFILL } },
        { &hf_ucdiag_qos_evidence_detail,
          { "Evidence", "ucdiag.qos.evidence.detail", FT_STRING, BASE_NONE, NULL, 0x0,
            "The evidence in words: which attribute, address, network or phone", HFILL } },
        { &hf_ucdiag_qos_evidence_frame,
          { "Evidence in frame", "ucdiag.qos.evidence.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The frame where the evidence was seen", HFILL } },
        { &hf_ucdiag_qos_judged_from,
          { "Judged from frame", "ucdiag.qos.judged_from", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "Evidence came later in the flow: its packets are judged from this frame on", HFILL } },
        /* Filter names outside ucdiag.qos.* are older than the rule; users' filters name them. */
        { &hf_ucdiag_qos_vbss,
          { "VBSS flow", "ucdiag.vbss", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "App-sharing client port talking to a video server port (Video-based Screen Sharing)", HFILL } },
    };


    proto_register_field_array(proto, hf, array_length(hf));
    qos_findings_register_experts(expert_register_protocol(proto));

    qos_flows_register();
    /* The order the preferences are shown in: the plan's preset and table,
     * the scope, media-only, then the presets' ranges as text. */
    qos_plan_prefs_register(module);
    prefs_register_enum_preference(module, "qos_scope", "QoS: whose media is judged",
                                   "microsoft (the default): only flows the capture shows to be Lync/SfB/Teams "
                                   "media (Microsoft STUN attributes, Teams media ranges, a phone, your UC "
                                   "networks); other applications' media and media with no evidence either way "
                                   "are listed in the table, not judged. "
                                   "plan: every media flow on a plan port, whoever's it is",
                                   &qos_scope, qos_scope_vals, FALSE);
    prefs_register_bool_preference(module, "qos_media_only", "Judge only media flows",
                                   "Check DSCP only on flow directions recognised as media (RTP, RTCP, "
                                   "STUN/TURN, DTLS-SRTP). Off: every UDP/TCP packet whose ports are in the plan, "
                                   "for media whose headers are out of sight (a tunnel, TLS)",
                                   &qos_media_only);
    prefs_register_bool_preference(module, "qos_decode_rtp", "QoS: decode judged media as SRTP",
                                   "Hand each judged UDP media flow to Wireshark's RTP dissector (as SRTP, what "
                                   "Lync, SfB and Teams send), so that RTP Streams, RTP Stream Analysis and the "
                                   "player work on it (the UC Diagnostics profile turns it on). Off: its packets "
                                   "stay UDP as Wireshark alone decodes them, and tshark's memory does not grow "
                                   "with the RTP dissector's state for each media packet",
                                   &qos_decode_rtp);
    prefs_register_uint_preference(module, "qos_max_flows", "QoS: most flow directions followed",
                                   "Flow directions beyond this many in one capture are not followed, so that a "
                                   "flood of ports cannot exhaust memory (0: no limit)",
                                   10, &ucdiag_qos_max_flows);
    qos_presets_text(module);
    qos_plan_rebuild();
    register_init_routine(qos_plan_new_file);

    ucdiag_qos_tap = register_tap("ucdiag.qos");
    qos_table_register();
}
