# Sourced by tests/run.sh: QoS by the port plan. Every QoS capture under every
# preset, ports alone, media recognition, the lab's kernel-marked traffic,
# the media lab, and the user's own table. Whose media is judged at all (the
# default scope) is suite/qos-scope.sh, which runs next and uses
# QOS_CAPTURES from here.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- QoS: every capture under every preset ----
# By default ucdiag judges only media the capture shows to be Microsoft's.
# The crafted QoS captures carry no such evidence (the precision tests in
# suite/qos-scope.sh show what the default makes of them); the tests of the
# port plan's own mechanics run with the scope set to the whole plan (PLAN,
# in suite/common.sh), and the lab captures as their site would, with the
# lab's servers declared UC networks (SITE).
qos_pdml=0
QOS_CAPTURES="qos-sfb-correct qos-mismatch qos-vbss qos-teams qos-ipv6 qos-tcp-fallback qos-remarked qos-not-media"
# qos_report OPTIONS...: fields, expert infos and -z table rows of every QoS
# capture, as one text a person can read and review. Two tshark runs per
# capture: the fields with ucdiag.vbss beside them, and the PDML with the
# -z table after it.
qos_report() {
    local cap
    for cap in $QOS_CAPTURES; do
        echo "== $cap.pcap fields: frame media modality role match range expected observed"
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -Y ucdiag -T fields -e frame.number \
            -e ucdiag.qos.media -e ucdiag.qos.modality -e ucdiag.qos.role -e ucdiag.qos.match -e ucdiag.qos.range \
            -e ucdiag.qos.expected_dscp -e ucdiag.qos.dscp -e ucdiag.vbss >"$UCD_STAGE/work/qos-fields" 2>&1
        sed 's/\t[^\t]*$//' "$UCD_STAGE/work/qos-fields"
        echo "== $cap.pcap ucdiag.vbss frames: $(awk -F'\t' 'NF == 9 && $9 != "" { print $1 }' \
                "$UCD_STAGE/work/qos-fields" | paste -sd, -)"
        echo "== $cap.pcap experts"
        qos_pdml=$((qos_pdml + 1))
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -T pdml -z ucdiag,qos 2>/dev/null >"$UCD_STAGE/work/qos-both"
        sed '/^<\/pdml>$/q' "$UCD_STAGE/work/qos-both" | tee "$UCD_STAGE/work/qos-$qos_pdml.pdml" |
            ucd_experts_from_pdml ucdiag.
        echo "== $cap.pcap -z ucdiag,qos"
        sed '1,/^<\/pdml>$/d' "$UCD_STAGE/work/qos-both" | grep -- ' -> ' | tr -s ' '
    done
}
for preset in sfb teams sfb-field lpe custom; do
    qos_report "${PLAN[@]}" -o "ucdiag.qos_preset:$preset" >"$UCD_STAGE/work/qos-$preset.txt"
    same_as_reviewed "$EXPECTED/qos-preset-$preset.txt" "$UCD_STAGE/work/qos-$preset.txt" "QoS captures under preset $preset: fields, VBSS, expert infos, -z ucdiag,qos"
done
# Port-only mode: every packet whose ports are in the plan, media or not, as
# before media recognition (for media whose headers a tunnel hides).
qos_report "${PLAN[@]}" -o ucdiag.qos_preset:sfb -o ucdiag.qos_media_only:FALSE >"$UCD_STAGE/work/qos-ports-only.txt"
same_as_reviewed "$EXPECTED/qos-ports-only.txt" "$UCD_STAGE/work/qos-ports-only.txt" "QoS with ucdiag.qos_media_only:FALSE judges by ports alone, bare ACKs and desk traffic included"
# What the issue asks in words: ordinary traffic from ports in the plan is
# never judged by default, and is by ports alone; the first RTP packet of a
# stream only starts the evidence.
nm_media=$(filter_frames qos-not-media.pcap ucdiag)
nm_ports=$(ucd_tshark -r "$UCD_STAGE/captures/qos-not-media.pcap" "${PLAN[@]}" -o ucdiag.qos_media_only:FALSE -Y ucdiag \
             -T fields -e frame.number 2>&1 | paste -sd, -)
# SIP over TLS to 5061 (frames 1-3) is on a signalling port: not even ports
# alone judge it.
if [ -z "$nm_media" ] && [ "$nm_ports" = "4,5,6,7,8,9,10,11,12,13" ]; then
    pass "HTTP 8080, SSDP, LLMNR, RDP and bare ACKs from plan ports: judged by ports alone, not as media; SIP/TLS never"
else
    echo "  media-only judged '$nm_media' (want none); ports-only '$nm_ports' (want 4-13)"
    fail "HTTP 8080, SSDP, LLMNR, RDP and bare ACKs from plan ports: judged by ports alone, not as media; SIP/TLS never"
fi
expect_frames qos-mismatch.pcap 'ucdiag.qos.media == 1' '2,4,6,8' \
    "an RTP stream is judged from its second packet, which confirms the first (same SSRC, sequence on)"
# On TCP a lone framed message is not enough: the MS-TURN control message
# (frames 1, 2) starts the evidence, the data after it (3, 4) settles it.
expect_frames qos-tcp-fallback.pcap 'ucdiag.qos.media_since' '4' \
    "a finding names the frame where its flow direction became media (TCP: the second framed message)" "${PLAN[@]}"
# Real marking: recorded in network namespaces by test-captures/lab/qos-lab.sh.
QOS_CAPTURES="lab/qos-real" qos_report "${SITE[@]}" -o ucdiag.qos_preset:sfb >"$UCD_STAGE/work/qos-lab.txt"
same_as_reviewed "$EXPECTED/qos-lab-real.txt" "$UCD_STAGE/work/qos-lab.txt" "QoS on kernel-marked traffic (IP_TOS / IPV6_TCLASS) recorded in the lab"
# Real media among real desk traffic (test-captures/lab/media-lab.sh): baresip
# calls (SRTP via coturn; DTLS-SRTP with ICE), gstreamer VBSS, and SIP/TLS,
# HTTPS, HTTP 8080, a long download, DNS, SSDP, LLMNR and mDNS from Windows'
# ephemeral ports. The -z rows and the expert summary are reviewed; then, in
# words: every flow direction Wireshark shows as media with a port in the
# plan is judged, and nothing Wireshark shows as anything else is.
ML="$UCD_STAGE/captures/lab/media-real.pcap"
{
    echo "== -z ucdiag,qos"
    ucd_tshark -r "$ML" "${PLAN[@]}" -q -z ucdiag,qos 2>&1 | grep -- ' -> ' | tr -s ' '
    echo "== -z expert, ucdiag"
    ucd_tshark -r "$ML" "${PLAN[@]}" -q -z expert 2>&1 | grep ' UCDIAG ' | tr -s ' ' | LC_ALL=C sort -t' ' -k5
} >"$UCD_STAGE/work/media-lab.txt"
same_as_reviewed "$EXPECTED/media-lab.txt" "$UCD_STAGE/work/media-lab.txt" "media lab (baresip, coturn, gstreamer among desk traffic): flows, what they carry, findings"
# What the sfb preset can judge: a port in a client range, or in a server range
# with no service port (below 1024, or a TURN relay's 3478-3481) on the other side.
ucd_tshark -r "$ML" -Y '(rtp || rtcp || stun || classicstun || dtls) && udp && !icmp' -T fields \
    -e ip.src -e udp.srcport -e ip.dst -e udp.dstport 2>/dev/null | sort -u |
    awk -F'\t' '
        function client(p) { return (p >= 50020 && p <= 50039) || (p >= 58000 && p <= 58019) || (p >= 42000 && p <= 42039) }
        function server(p) { return p >= 40803 }
        function service(p) { return p < 1024 || (p >= 3478 && p <= 3481) }
        client($2) || client($4) || ((server($2) || server($4)) && !service($2) && !service($4)) {
            print $1 ":" $2 " -> " $3 ":" $4 }' >"$UCD_STAGE/work/ws-media.txt"
grep -- ' -> ' "$UCD_STAGE/work/media-lab.txt" | sed 's/ |.*//' | sort -u >"$UCD_STAGE/work/judged.txt"
unjudged=$(comm -23 "$UCD_STAGE/work/ws-media.txt" "$UCD_STAGE/work/judged.txt")
others=$(filter_frames lab/media-real.pcap \
           'ucdiag && (tcp || dns || mdns || llmnr || ssdp || http || tls || sip || icmp)' "${PLAN[@]}")
if [ "$(wc -l <"$UCD_STAGE/work/judged.txt")" -ge 10 ] && [ -z "$unjudged" ] && [ -z "$others" ]; then
    pass "media lab: every media flow direction with a plan port is judged, no desk traffic is"
else
    echo "  media flows not judged: ${unjudged:-none}; desk packets judged: ${others:-none}"
    fail "media lab: every media flow direction with a plan port is judged, no desk traffic is"
fi
# The user's table alone, as -o sets it: audio only, a narrower client range.
qos_report "${PLAN[@]}" -o ucdiag.qos_preset:custom \
    -o 'uat:ucdiag_qos_ports:"audio","client","50020-50029","udp","46"' \
    -o 'uat:ucdiag_qos_ports:"audio","server","49152-57500","both","46"' >"$UCD_STAGE/work/qos-table.txt"
same_as_reviewed "$EXPECTED/qos-user-table.txt" "$UCD_STAGE/work/qos-table.txt" "QoS with only the user's table (custom preset and -o uat:ucdiag_qos_ports)"
# An entry of your table overriding a preset range is what the table is for:
# no error, the range says so, and the first packet it judges carries one note.
out=$(ucd_tshark -r "$UCD_STAGE/captures/qos-remarked.pcap" "${PLAN[@]}" -o ucdiag.qos_preset:sfb \
        -o 'uat:ucdiag_qos_ports:"audio","client","50022","udp","40"' \
        -T fields -e frame.number -e ucdiag.qos.expected_dscp -e ucdiag.qos.range -e _ws.expert.message 2>&1)
notes=$(printf '%s\n' "$out" | grep -c "Judged by your port-plan entry audio client 50022-50022 (DSCP 40), which overrides the preset's audio client 50020-50039 (DSCP 46) on 50022-50022")
case "$out" in
    1$'\t'40$'\t'"50022-50022 (your table; overrides the preset's audio client 50020-50039 (DSCP 46) on 50022-50022)"*)
        if [ "$notes" = 1 ] && ! printf '%s\n' "$out" | grep -qi 'overlap\|error'; then
            pass "an entry overriding a preset range applies, is named in ucdiag.qos.range and noted once"
        else
            echo "  got ($notes notes): $out"
            fail "an entry overriding a preset range applies, is named in ucdiag.qos.range and noted once"
        fi ;;
    *) echo "  got: $out"; fail "an entry overriding a preset range applies, is named in ucdiag.qos.range and noted once" ;;
esac
# Two entries of your own table sharing ports is a mistake: said in words.
out=$(ucd_tshark -r "$UCD_STAGE/captures/qos-remarked.pcap" "${PLAN[@]}" -o ucdiag.qos_preset:custom \
        -o 'uat:ucdiag_qos_ports:"audio","client","50020-50029","udp","46"' \
        -o 'uat:ucdiag_qos_ports:"audio","client","50022","udp","40"' \
        -Y 'frame.number == 1' -T fields -e ucdiag.qos.expected_dscp 2>&1)
case "$out" in
    *"entries of your table share ports"*"audio client 50020-50029 (DSCP 46) and audio client 50022-50022 (DSCP 40) share 50022-50022: audio client 50022-50022 (DSCP 40) applies"*[[:space:]]40)
        pass "two entries of your table sharing ports are reported in words, the later applies" ;;
    *) echo "  got: $out"; fail "two entries of your table sharing ports are reported in words, the later applies" ;;
esac
# 70 entries, each sharing ports with the one before: one report of the first
# eight and a count, not one ever-longer report per entry that -o adds.
many=()
for i in $(seq 0 69); do
    many+=(-o "uat:ucdiag_qos_ports:\"audio\",\"client\",\"$((i * 936))-$((i == 69 ? 65535 : i * 936 + 1871))\",\"both\",\"46\"")
done
out=$(ucd_tshark -r "$UCD_STAGE/captures/qos-remarked.pcap" -o ucdiag.qos_preset:custom "${many[@]}" -q 2>&1)
if [ "$(grep -c 'entries of your table share ports' <<<"$out")" = 1 ] && [ "$(wc -l <<<"$out")" -le 10 ] &&
   grep -q '^  \.\.\. and 61 more$' <<<"$out"; then
    pass "70 overlapping entries of your table: one report, bounded (8 pairs and a count)"
else
    head -c 2000 <<<"$out"; echo
    fail "70 overlapping entries of your table: one report, bounded (8 pairs and a count)"
fi
# ---- Judged media in Wireshark's own RTP tools (issue 22) ----
# A flow ucdiag recognises as RTP and judges is handed to Wireshark's RTP
# dissector, so Telephony > RTP Streams, the stream analysis and the player
# work on it: from the packet after the one that settled it (one pass), from
# that packet (two passes). Another application's media and ordinary traffic
# on plan ports stay UDP in the default scope; a stream SDP set up keeps its
# codec names (media-real's VP8); a pair whose ICE checks Wireshark's STUN
# dissector took first still becomes RTP (qos-evidence).
# The hand-off is off by default (the UC Diagnostics profile turns it on):
# turned on here, unless RTP_HAND is set (empty: the default).
rtp_streams() { # capture options... -> source, ports, SSRC, payload, packets, lost
    local hand=${RTP_HAND--o ucdiag.qos_decode_rtp:TRUE}
    [ "${RTP_TSHARK:-ucd_tshark}" = ucd_tshark ] || hand=
    # shellcheck disable=SC2086
    ${RTP_TSHARK:-ucd_tshark} -r "$UCD_STAGE/captures/$1" $hand "${@:2}" -q -z rtp,streams 2>&1 |
        awk '$1 ~ /^[0-9.]+$/ && NF >= 10 { print $3 ":" $4 " -> " $5 ":" $6, $7, $8, $9 " packets, lost " $10 }'
}
# media-real's calls are set up by SDP, which Wireshark alone turns into RTP
# streams (how many depends on its version): ucdiag keeps every one of them
# and, in the default scope, adds none.
RTP_TSHARK=ucd_tshark_plain rtp_streams lab/media-real.pcap | LC_ALL=C sort >"$UCD_STAGE/work/media-real-sdp-streams.txt"
rtp_streams lab/media-real.pcap | LC_ALL=C sort >"$UCD_STAGE/work/media-real-streams.txt"
rtp_streams lab/media-real.pcap "${PLAN[@]}" | LC_ALL=C sort >"$UCD_STAGE/work/media-real-plan-streams.txt"
if [ -s "$UCD_STAGE/work/media-real-sdp-streams.txt" ] &&
   [ -z "$(LC_ALL=C comm -23 "$UCD_STAGE/work/media-real-sdp-streams.txt" "$UCD_STAGE/work/media-real-streams.txt")" ]; then
    pass "media-real: every RTP stream SDP sets up without ucdiag is there, unchanged, with it"
else
    fail "media-real: every RTP stream SDP sets up without ucdiag is there, unchanged, with it"
fi
{
    echo "== lab/qos-real.pcap, the lab's server a UC network"
    rtp_streams lab/qos-real.pcap "${SITE[@]}" -o ucdiag.qos_preset:sfb
    echo "== lab/qos-real.pcap, two passes"
    rtp_streams lab/qos-real.pcap "${SITE[@]}" -o ucdiag.qos_preset:sfb -2
    echo "== qos-vbss.pcap, the server a UC network"
    rtp_streams qos-vbss.pcap "${SITE[@]}"
    echo "== qos-evidence.pcap (ICE's STUN first on 50020 -> 49200 and 50025 -> 49210, as real calls start)"
    rtp_streams qos-evidence.pcap
    echo "== lab/media-real.pcap: streams beyond SDP's (none)"
    LC_ALL=C comm -13 "$UCD_STAGE/work/media-real-sdp-streams.txt" "$UCD_STAGE/work/media-real-streams.txt"
    echo "== lab/media-real.pcap, scope plan: streams beyond SDP's (the gstreamer VBSS flow)"
    LC_ALL=C comm -13 "$UCD_STAGE/work/media-real-sdp-streams.txt" "$UCD_STAGE/work/media-real-plan-streams.txt"
    echo "== qos-other-apps.pcap (another application's media: none)"
    rtp_streams qos-other-apps.pcap
    echo "== qos-not-media.pcap (none)"
    rtp_streams qos-not-media.pcap "${SITE[@]}"
} >"$UCD_STAGE/work/qos-rtp-streams.txt"
same_as_reviewed "$EXPECTED/qos-rtp-streams.txt" "$UCD_STAGE/work/qos-rtp-streams.txt" \
    "tshark -z rtp,streams lists the judged media (qos lab, VBSS) and no other application's flow"
expect_frames qos-other-apps.pcap 'rtp || rtcp' '' \
    "another application's RTP on plan ports (Meet, WhatsApp, unconfirmed G.711) is not made RTP by ucdiag"
# The hand-off is the user's to ask for: by default (no profile) the judged
# media stays UDP, and the findings are the same either way.
findings_with() { ucd_tshark -r "$UCD_STAGE/captures/lab/qos-real.pcap" "${SITE[@]}" -2 "$@" \
                    -T fields -e frame.number -e ucdiag.finding 2>&1 | awk -F'\t' '$2 != ""'; }
if [ -z "$(RTP_HAND='' rtp_streams lab/qos-real.pcap "${SITE[@]}")" ] &&
   [ -n "$(findings_with)" ] && [ "$(findings_with)" = "$(findings_with -o ucdiag.qos_decode_rtp:TRUE)" ]; then
    pass "by default (ucdiag.qos_decode_rtp FALSE) the judged media stays UDP (no RTP stream), with the same findings as handed to RTP"
else
    fail "by default (ucdiag.qos_decode_rtp FALSE) the judged media stays UDP (no RTP stream), with the same findings as handed to RTP"
fi
# VBSS accepts two markings: the tree's item, the fields and the table say
# the same (issue 22: the tree said "Expected DSCP: 24" beside an accepted 34).
vb_tree=$(ucd_tshark -r "$UCD_STAGE/captures/qos-vbss.pcap" "${SITE[@]}" -O ucdiag 2>&1 |
            grep -o 'Expected DSCP: [^]]*' | sort -u)
vb_fields=$(ucd_tshark -r "$UCD_STAGE/captures/qos-vbss.pcap" "${SITE[@]}" -Y ucdiag.vbss -T fields \
              -e ucdiag.qos.expected_dscp -e ucdiag.qos.expected_dscp_alt 2>&1 | sort -u)
vb_table=$(ucd_tshark -r "$UCD_STAGE/captures/qos-vbss.pcap" "${SITE[@]}" -q -z ucdiag,qos 2>&1 |
             grep -- ' -> ' | awk -F'|' '{ gsub(/^ +| +$/, "", $4); print $4 }' | sort -u)
if [ "$vb_tree" = "Expected DSCP: 24 or 34" ] && [ "$vb_fields" = $'24\t34' ] && [ "$vb_table" = "24 or 34" ]; then
    pass "VBSS: the tree, ucdiag.qos.expected_dscp(_alt) and -z ucdiag,qos all say 24 or 34"
else
    echo "  tree '$vb_tree', fields '$vb_fields', table '$vb_table'"
    fail "VBSS: the tree, ucdiag.qos.expected_dscp(_alt) and -z ucdiag,qos all say 24 or 34"
fi
