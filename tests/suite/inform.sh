# Sourced by tests/run.sh: DHCPINFORM. How INFORMs and ACKs pair up, the path
# an ACK takes past a relay, and the findings, on the lab's real DHCP servers
# and on crafted captures; what one pass can say and what needs two.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- DHCPINFORM: pairing, paths and findings ----
# dhcp_report CAPTURES...: per capture, the ucdiag.dhcp fields and expert infos
# after two passes, and the -z ucdiag,dhcp rows of one pass.
dhcp_report() {
    local cap
    for cap in "$@"; do
        echo "== $cap.pcap fields (-2): frame attempt attempts relayed relay vendor ack_frame inform_frame response path server certainty copy_of"
        ucd_tshark -2 -r "$UCD_STAGE/captures/$cap.pcap" -Y ucdiag.dhcp -T fields -e frame.number \
            -e ucdiag.dhcp.attempt -e ucdiag.dhcp.attempts -e ucdiag.dhcp.relayed -e ucdiag.dhcp.relay \
            -e ucdiag.dhcp.vendor_class -e ucdiag.dhcp.ack_frame -e ucdiag.dhcp.inform_frame \
            -e ucdiag.dhcp.response_time -e ucdiag.dhcp.path -e ucdiag.dhcp.server -e ucdiag.dhcp.certainty \
            -e ucdiag.dhcp.copy_of 2>&1 | sed 's/\tTrue\t/\t1\t/; s/\tFalse\t/\t0\t/' # 4.4+ prints True/False
        experts_and_table "$cap" "dhcp-$(basename "$cap")" ucdiag,dhcp -2
    done
}
LAB_INFORM=$(cd "$UCD_ROOT/test-captures" && ls lab/inform-*.pcap | sed 's/\.pcap$//')
dhcp_report $LAB_INFORM >"$UCD_STAGE/work/inform-lab.txt"
same_as_reviewed "$EXPECTED/inform-lab.txt" "$UCD_STAGE/work/inform-lab.txt" "INFORM lab captures (ISC dhcpd, Kea, dnsmasq; open and firewalled; 4 points, merged)"
dhcp_report inform-windows-relay inform-answers msuc-inform-ack msuc-no-option60 inform-client-kinds \
    >"$UCD_STAGE/work/inform-crafted.txt"
same_as_reviewed "$EXPECTED/inform-crafted.txt" "$UCD_STAGE/work/inform-crafted.txt" "INFORM crafted captures (Windows relay reply, missing options, two servers, late ACK, msuc's)"
# The issue's acceptance, capture by capture, in words rather than a golden:
# which findings each lab run must and must not have.
inform_kinds() { # capture -> its ucdiag.dhcp expert names, sorted, unique, comma-separated
    ucd_experts_from_pdml ucdiag.dhcp. <"$UCD_STAGE/work/dhcp-$1.pdml" | cut -f2 |
        sed 's/^ucdiag\.dhcp\.//' | sort -u | paste -sd, -
}
accept_ok=1
for srv in dhcpd kea dnsmasq; do
    for fw in "" -fw; do
        for point in server relay-server relay-client client; do
            cap=inform-$srv$fw-$point
            case $srv$fw:$point in
                dnsmasq*) want=relay_reply_undeliverable ;;
                *-fw:server | *-fw:relay-server) want=ack_bypasses_relay,inform_unanswered ;;
                *-fw:*) want=capture_too_short,inform_unanswered ;; # the recording stops at the last retry
                *) want=ack_bypasses_relay ;;
            esac
            got=$(inform_kinds "$cap")
            [ "$got" = "$want" ] || { echo "  $cap: findings '$got', want '$want'"; accept_ok=0; }
        done
    done
done
# From the client's segment the bypass is stated with its certainty.
grep -q $'^2\tucdiag.dhcp.ack_bypasses_relay\tWarning\t.*\[likely: routed, TTL 127\]$' \
    < <(ucd_experts_from_pdml ucdiag.dhcp. <"$UCD_STAGE/work/dhcp-inform-kea-client.pdml") || {
    echo "  inform-kea-client: no 'likely' bypass on frame 2"; accept_ok=0; }
grep -q $'^2\tucdiag.dhcp.ack_bypasses_relay\tWarning\t.*\[certain\]$' \
    < <(ucd_experts_from_pdml ucdiag.dhcp. <"$UCD_STAGE/work/dhcp-inform-dhcpd-client.pdml") || {
    echo "  inform-dhcpd-client: no 'certain' bypass on frame 2"; accept_ok=0; }
[ $accept_ok = 1 ] && pass "lab: dhcpd/Kea bypass at every point, firewalled runs unanswered, dnsmasq undeliverable only" ||
    fail "lab: dhcpd/Kea bypass at every point, firewalled runs unanswered, dnsmasq undeliverable only"
# Findings say what the silence costs this client, and silence counts only
# once an answer had time to come.
kinds=$(ucd_experts_from_pdml ucdiag.dhcp. <"$UCD_STAGE/work/dhcp-inform-client-kinds.pdml")
kinds_ok=1
grep -q $'^2\tucdiag.dhcp.inform_unanswered\tWarning\tNo ACK to PC 10.1.30.20\'s INFORM .*the PC gets none of WPAD (252), classless routes (121, 249)' <<<"$kinds" || kinds_ok=0
grep -q $'^3\tucdiag.dhcp.inform_unanswered\tWarning\tNo ACK to client 10.1.30.21\'s .*the client gets none of DNS servers (6)' <<<"$kinds" || kinds_ok=0
grep -q $'^4\tucdiag.dhcp.capture_too_short\tNote\t.*too early to tell' <<<"$kinds" || kinds_ok=0
grep -q $'^4\tucdiag.dhcp.inform_unanswered' <<<"$kinds" && kinds_ok=0
grep -E '^(1|2|3)'$'\t' <<<"$kinds" | grep -qi 'phone\|PIN' && kinds_ok=0
if [ $kinds_ok = 1 ]; then
    pass "a PC's unanswered INFORM names the options it loses, a phone's ending the capture is only a note"
else
    echo "$kinds"
    fail "a PC's unanswered INFORM names the options it loses, a phone's ending the capture is only a note"
fi
expect_frames msft-nap.pcap 'msuc.msft.nap_soh' '1,2' "NAP SoH (MS-DHCPN 220) is decoded, empty in a Windows DISCOVER"
expect_frames inform-client-kinds.pcap 'msuc.msft.nap_correlation_id' '1,2' "NAP correlation ID (MS-DHCPN 222) in a Windows INFORM"
# An ACK quoted in the client's ICMP port-unreachable is not a second ACK.
expect_frames lab/inform-dhcpd-client.pcap 'ucdiag.dhcp' '1,2' \
    "an ACK quoted inside ICMP port unreachable is not counted as a message"
expect_frames lab/inform-kea-merged.pcap 'ucdiag.dhcp.copy_of' '2,4,6,7,8' \
    "merged capture: each copy of an INFORM or ACK points to its first sighting"
# One pass flags retries as they happen; "never answered" needs the whole
# capture, i.e. -2 (or the GUI).
one=$(ucd_tshark -r "$UCD_STAGE/captures/lab/inform-kea-fw-client.pcap" -T fields -e frame.number \
        -e _ws.expert.message 2>&1 | grep -c 'INFORM retry')
onelast=$(ucd_tshark -r "$UCD_STAGE/captures/lab/inform-kea-fw-client.pcap" -T fields \
        -e _ws.expert.message 2>&1 | grep -c 'No ACK to')
two=$(ucd_tshark -2 -r "$UCD_STAGE/captures/lab/inform-kea-fw-client.pcap" -T fields \
        -e _ws.expert.message 2>&1 | grep -c 'No ACK to.*too early to tell')
if [ "$one" = 2 ] && [ "$onelast" = 0 ] && [ "$two" = 1 ]; then
    pass "one pass flags each retry; -2 adds what the last attempt's silence means (here: capture too short)"
else
    echo "  retries in one pass: $one (want 2); unanswered in one pass: $onelast (want 0), with -2: $two (want 1)"
    fail "one pass flags each retry; -2 adds what the last attempt's silence means (here: capture too short)"
fi
expect_frames_dhcp_opt() { # description expected capture filter options...
    local desc=$1 want=$2 cap=$3 flt=$4 got
    shift 4
    got=$(ucd_tshark -2 -r "$UCD_STAGE/captures/$cap" "$@" -Y "$flt" -T fields -e frame.number 2>&1 | paste -sd, -)
    if [ "$got" = "$want" ]; then pass "$desc"; else echo "  got '$got', want '$want'"; fail "$desc"; fi
}
expect_frames_dhcp_opt "ucdiag.dhcp_timeout:10 accepts the 6 s answer; the default 4 s flags it" '' \
    inform-answers.pcap '_ws.expert.message contains "timeout"' -o ucdiag.dhcp_timeout:10
expect_frames_dhcp_opt "ucdiag.dhcp_timeout default (4 s) flags the 6 s answer" '13' \
    inform-answers.pcap '_ws.expert.message contains "timeout"'
zexp_dhcp=$(ucd_tshark -r "$UCD_STAGE/captures/lab/inform-dhcpd-fw-server.pcap" -q -z expert 2>&1 | grep -c ' UCDIAG ')
if [ "$zexp_dhcp" = 3 ]; then
    pass "tshark -q -z expert lists the INFORM findings"
else
    echo "  -z expert: $zexp_dhcp UCDIAG summary lines (want 3: the bypass, and two retries)"
    fail "tshark -q -z expert lists the INFORM findings"
fi
