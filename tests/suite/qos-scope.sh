# Sourced by tests/run.sh after suite/qos.sh, whose QOS_CAPTURES it uses:
# whose media the QoS check judges. By default only media the capture shows
# to be Microsoft's (MS STUN attributes on the flow or from its endpoint,
# Microsoft's Teams media ranges, a phone the bootstrap found, the user's UC
# networks); other applications' media on plan ports is never judged, and
# media with no evidence either way is listed, unconfirmed, without a
# warning. ucdiag.qos_scope:plan brings back the port plan's judgement of
# every media flow.
# SPDX-License-Identifier: GPL-2.0-or-later

QOS_FINDING='ucdiag.qos.unmarked || ucdiag.qos.dscp_mismatch || ucdiag.qos.remarked || ucdiag.vbss.port_mismatch'

# evidence_report CAPTURE OPTIONS...: per media packet on a plan port, whether
# it was judged and why; the findings; the -z rows.
evidence_report() {
    local cap=$1
    shift
    echo "== $cap.pcap${1:+ ($*)}: frame not-judged evidence evidence-frame judged-from finding; detail"
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -Y ucdiag.qos.evidence -T fields -e frame.number \
        -e ucdiag.qos.not_judged -e ucdiag.qos.evidence -e ucdiag.qos.evidence.frame -e ucdiag.qos.judged_from \
        -e ucdiag.finding -e ucdiag.qos.evidence.detail 2>&1
    echo "== $cap.pcap -z ucdiag,qos"
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -q -z ucdiag,qos 2>&1 | grep -- ' -> ' | tr -s ' '
}
{
    evidence_report qos-evidence
    evidence_report qos-evidence -o 'uat:ucdiag_uc_networks:"10.99.1.0/24","SfB pool"'
    evidence_report qos-other-apps
    evidence_report qos-other-apps "${PLAN[@]}"
} >"$UCD_STAGE/work/qos-evidence.txt"
same_as_reviewed "$EXPECTED/qos-evidence.txt" "$UCD_STAGE/work/qos-evidence.txt" "QoS scope: Microsoft media judged by each kind of evidence, other apps' not, the rest listed unconfirmed"

# What a user asks of it in words, each on the capture made for it.
judged() { # capture options... -> frames whose DSCP was judged
    ucd_tshark -r "$UCD_STAGE/captures/$1.pcap" "${@:2}" -Y 'ucdiag.qos.evidence && !ucdiag.qos.not_judged' \
        -T fields -e frame.number 2>&1 |
        paste -sd, -
}
scope_check() { # description got want
    if [ "$2" = "$3" ]; then pass "$1"; else echo "  got '$2', want '$3'"; fail "$1"; fi
}
scope_check "QoS scope: MS STUN on the flow (1-6), from the same endpoint (8-9), Teams range (10-13), phone (22-23), late STUN (27-30)" \
    "$(judged qos-evidence)" "1,2,3,4,5,6,8,9,10,11,12,13,22,23,27,28,29,30"
scope_check "QoS scope: a flow in your UC networks (-o uat:ucdiag_uc_networks) is judged (15-16, 18-19)" \
    "$(judged qos-evidence -o 'uat:ucdiag_uc_networks:"10.99.1.0/24","SfB pool"' | tr , '\n' | grep -xE '1[5-9]' | paste -sd, -)" \
    "15,16,18,19"
# With -2 (as the window's tree, after the first pass) the packets before say
# from which frame the flow is judged.
scope_check "QoS scope: a flow whose STUN comes late is judged from that frame on, not before (25-26 no, 27- yes)" \
    "$(ucd_tshark -2 -r "$UCD_STAGE/captures/qos-evidence.pcap" -Y 'frame.number >= 25 && ucdiag.qos.evidence' \
         -T fields -e frame.number -e ucdiag.qos.not_judged -e ucdiag.qos.judged_from 2>&1 | paste -sd' ' -)" \
    "25	1	27 26	1	27 27		 28		 29		 30		"
other_findings=""
for preset in sfb teams sfb-field lpe; do
    other_findings+=$(ucd_tshark -r "$UCD_STAGE/captures/qos-other-apps.pcap" -o "ucdiag.qos_preset:$preset" \
                        -Y "$QOS_FINDING" -T fields -e frame.number 2>&1 | paste -sd, -)
done
other_findings+=$(ucd_tshark -r "$UCD_STAGE/captures/qos-other-apps.pcap" -o ucdiag.qos_preset:custom \
                    -o 'uat:ucdiag_qos_ports:"audio","client","1024-65535","both","46"' \
                    -Y "$QOS_FINDING" -T fields -e frame.number 2>&1 | paste -sd, -)
plan_findings=$(ucd_tshark -r "$UCD_STAGE/captures/qos-other-apps.pcap" "${PLAN[@]}" -Y "$QOS_FINDING" \
                  -T fields -e frame.number 2>&1 | paste -sd, -)
scope_check "QoS scope: Meet, WhatsApp, plain STUN, bare RTP and Skinny give no finding under any preset or a catch-all plan; the plan scope judges the media (not Skinny)" \
    "${other_findings:-none} / $plan_findings" \
    "none / 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,22,23,25,26,40,41,42,43,44,45,46"
# A declared voice subnet says Microsoft; the flow's own STUN, coming later,
# says Meet: judged until then (40-41), not after, on one pass and on two.
voice=(-o 'uat:ucdiag_uc_networks:"10.1.21.0/24","voice VLAN"')
scope_check "QoS scope: the flow's own STUN overrules a declared network from its frame on (Meet in a voice subnet)" \
    "$(ucd_tshark -r "$UCD_STAGE/captures/qos-other-apps.pcap" "${voice[@]}" -Y "$QOS_FINDING" -T fields \
         -e frame.number 2>&1 | paste -sd, -) / $(ucd_tshark -2 -r "$UCD_STAGE/captures/qos-other-apps.pcap" \
         "${voice[@]}" -Y "$QOS_FINDING" -T fields -e frame.number 2>&1 | paste -sd, -)" "40,41 / 40,41"
skinny=$(ucd_tshark -r "$UCD_STAGE/captures/qos-other-apps.pcap" "${PLAN[@]}" -o ucdiag.qos_media_only:FALSE \
           -Y 'ucdiag && frame.number >= 27 && frame.number <= 38' -T fields -e frame.number 2>&1 | paste -sd, -)
scope_check "QoS: Cisco Skinny on TCP 2000 is signalling, never judged, even by ports alone" "${skinny:-none}" none

# The crafted QoS captures carry no evidence but qos-teams's Teams relay:
# by default only that is judged, and the rest are listed unconfirmed.
crafted=""
unconfirmed=0
for cap in $QOS_CAPTURES; do
    got=$(ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -Y "$QOS_FINDING" -T fields -e frame.number 2>&1 | paste -sd, -)
    [ -n "$got" ] && crafted+="$cap:$got "
    unconfirmed=$((unconfirmed + $(ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -q -z ucdiag,qos 2>&1 |
                                   grep -c 'unconfirmed, not judged')))
done
scope_check "QoS scope by default on the crafted captures: only the Teams relay's flow is judged, the other flows are listed unconfirmed" \
    "${crafted}unconfirmed rows: $unconfirmed" "qos-teams:3,4 unconfirmed rows: 19"

# One pass and two agree: evidence is settled in frame order on the first.
agree=1
for cap in qos-evidence qos-other-apps lab/media-real; do
    one=$(ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -Y "ucdiag.qos.evidence" -T fields -e frame.number \
            -e ucdiag.qos.not_judged -e ucdiag.finding 2>&1)
    two=$(ucd_tshark -2 -r "$UCD_STAGE/captures/$cap.pcap" -Y "ucdiag.qos.evidence" -T fields -e frame.number \
            -e ucdiag.qos.not_judged -e ucdiag.finding 2>&1)
    [ "$one" = "$two" ] && [ -n "$one" ] || { echo "  $cap: one pass and -2 differ"; agree=0; }
done
[ $agree = 1 ] && pass "QoS scope: one pass and -2 judge the same packets and give the same findings" ||
    fail "QoS scope: one pass and -2 judge the same packets and give the same findings"

# The media lab's calls are baresip and gstreamer, not Microsoft's: by
# default nothing there is judged, and the tree says why.
ml=$(ucd_tshark -r "$UCD_STAGE/captures/lab/media-real.pcap" -Y "$QOS_FINDING" -T fields -e frame.number 2>&1 | wc -l)
why=$(ucd_tshark -r "$UCD_STAGE/captures/lab/media-real.pcap" -Y 'ucdiag.qos.not_judged' -V 2>&1 |
        grep -F 'UC Network Diagnostics: ' | sort -u | head -n 3)
case "$ml:$why" in
    "0:"*"not judged: no evidence it is Microsoft media ("*" port by the plan)"*)
        pass "QoS scope: the media lab's open-source calls raise nothing by default, and the tree says why" ;;
    *) echo "  $ml findings; tree: $why"
       fail "QoS scope: the media lab's open-source calls raise nothing by default, and the tree says why" ;;
esac
