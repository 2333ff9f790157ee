# Sourced by tests/run.sh: the phone bootstrap timeline, on the recordings of
# test-captures/lab/bootstrap-lab.sh (a phone booting well and broken seven
# ways): the reviewed timelines, the furthest step and the single right
# finding of each, their merge, filters, and one pass against two.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- Phone bootstrap timeline (test-captures/lab/bootstrap-lab.sh) ----
# boot_report CAPTURES...: per capture, the ucdiag.boot fields of one pass,
# its ucdiag expert infos, and the -z ucdiag,bootstrap row.
boot_report() {
    local cap
    for cap in "$@"; do
        echo "== $cap.pcap fields: frame step event state name server vlan dscp url registrar rcode offset alert version request"
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -Y ucdiag.boot -T fields -e frame.number \
            -e ucdiag.boot.step -e ucdiag.boot.event -e ucdiag.boot.state -e ucdiag.boot.name \
            -e ucdiag.boot.server -e ucdiag.boot.vlan -e ucdiag.boot.vlan_dscp -e ucdiag.boot.url \
            -e ucdiag.boot.registrar -e ucdiag.boot.dns_rcode -e ucdiag.boot.clock_offset \
            -e ucdiag.boot.tls_alert -e ucdiag.boot.tls_version -e ucdiag.boot.request_frame 2>&1 |
            awk -F'\t' -v OFS='\t' '$12 != "" { $12 = ($12 < 0 ? -int(-$12 + 0.5) : int($12 + 0.5)) } { print }' # whole seconds, not jitter
        experts_and_table "$cap" "boot-$(basename "$cap")" ucdiag,bootstrap
    done
}
LAB_BOOT=$(cd "$UCD_ROOT/test-captures" && ls lab/boot-*.pcap | sed 's/\.pcap$//')
boot_report $LAB_BOOT >"$UCD_STAGE/work/boot-lab.txt"
same_as_reviewed "$EXPECTED/boot-lab.txt" "$UCD_STAGE/work/boot-lab.txt" "bootstrap lab captures: timelines, findings and table rows as reviewed"
# The issue's acceptance, case by case: the furthest step, where it stopped,
# and the single right finding (kind of ucdiag expert info).
expect_boot() { # capture furthest stopped finding
    local cap=$1 far=$2 stop=$3 want=$4 row got_far got_stop kinds n
    row=$(ucd_tshark -r "$UCD_STAGE/captures/lab/$cap.pcap" -q -z ucdiag,bootstrap 2>&1 | grep -- ' |' | tail -n1)
    got_far=$(echo "$row" | awk -F' *\\|' '{print $5}')
    got_stop=$(echo "$row" | awk -F' *\\|' '{print $6}' | sed 's/ (frame [0-9]*)//')
    kinds=$(ucd_experts_from_pdml ucdiag. <"$UCD_STAGE/work/boot-$cap.pdml" | cut -f2 | sort -u | paste -sd, -)
    n=$(ucd_experts_from_pdml ucdiag.boot. <"$UCD_STAGE/work/boot-$cap.pdml" | wc -l)
    if [ "$got_far" = "$far" ] && [ "$got_stop" = "$stop" ] && [ "$kinds" = "$want" ] &&
       { [ "${want#ucdiag.boot.}" = "$want" ] || [ "$n" = 1 ]; }; then
        pass "bootstrap $cap: reaches $far, stops at '$stop', finding '${want:-none}'"
    else
        echo "  got: furthest '$got_far', stopped '$got_stop', findings '$kinds' ($n ucdiag.boot)"
        fail "bootstrap $cap: reaches $far, stops at '$stop', finding '${want:-none}'"
    fi
}
expect_boot boot-ok "7 SIP/TLS" "-" ""
expect_boot boot-inform-fw "2 lease" "3 INFORM: no ACK" ucdiag.dhcp.inform_unanswered
expect_boot boot-dns-missing "3 INFORM" "4 DNS" ucdiag.boot.dns_failed
expect_boot boot-ntp-blocked "4 DNS" "5 NTP" ucdiag.boot.ntp_unanswered
expect_boot boot-ntp-skew "7 SIP/TLS" "-" ucdiag.boot.clock_skew
expect_boot boot-untrusted "5 NTP" "6 provisioning" ucdiag.boot.tls_failed
expect_boot boot-https-closed "5 NTP" "6 provisioning" ucdiag.boot.no_connection
expect_boot boot-stale-url "7 SIP/TLS" "-" ucdiag.boot.url_mismatch
# The row's Findings says what its "Stopped at" says: an INFORM left
# unanswered is a finding, not an empty cell.
row=$(ucd_tshark -r "$UCD_STAGE/captures/lab/boot-inform-fw.pcap" -q -z ucdiag,bootstrap 2>&1 | grep -- ' |' | tail -n1)
findings=$(echo "$row" | awk -F' *\\|' '{print $7}')
[ "$findings" = "INFORM unanswered" ] && pass "-z ucdiag,bootstrap: the phone whose INFORM went unanswered has the finding 'INFORM unanswered'" ||
    fail "-z ucdiag,bootstrap: the phone whose INFORM went unanswered has the finding 'INFORM unanswered' (got '$findings')"
# A server-side capture has the relayed INFORM and its ACK, no lease packet:
# the lease is in use (the INFORM's ciaddr), at no frame of its own.
steps=$(ucd_tshark -r "$UCD_STAGE/captures/lab/inform-dhcpd-fw-server.pcap" -q -z ucdiag,bootstrap 2>&1 |
        grep -- ' |' | tail -n1 | awk -F' *\\|' '{print $8}')
[ "$steps" = "lease in use, INFORM #2" ] && pass "-z ucdiag,bootstrap: a lease implied by an INFORM is 'lease in use', not the INFORM's frame" ||
    fail "-z ucdiag,bootstrap: a lease implied by an INFORM is 'lease in use', not the INFORM's frame (got '$steps')"
if grep -q 'unknown_ca' "$UCD_STAGE/work/boot-lab.txt" &&
   ucd_experts_from_pdml ucdiag.boot.tls_failed <"$UCD_STAGE/work/boot-boot-untrusted.pdml" |
       grep -q 'alert unknown_ca from the phone: it lacks a CA certificate for issuer contoso lab root rogue'; then
    pass "bootstrap: the untrusted chain is named by its alert and by the issuer the phone lacks (the certificate concern's reading)"
else
    fail "bootstrap: the untrusted chain is named by its alert and by the issuer the phone lacks (the certificate concern's reading)"
fi
# Every phone of a merged capture, one row each.
mergecap -F pcap -w "$UCD_STAGE/work/boot-merged.pcap" "$UCD_STAGE"/captures/lab/boot-*.pcap
chmod a+r "$UCD_STAGE/work/boot-merged.pcap"
rows=$(ucd_tshark -r "$UCD_STAGE/work/boot-merged.pcap" -q -z ucdiag,bootstrap 2>&1 | grep -c '^10\.80\.1\.[0-9]* *|')
phones=$(ls "$UCD_STAGE"/captures/lab/boot-*.pcap | wc -l)
if [ "$rows" = "$phones" ] && [ "$phones" -ge 8 ]; then
    pass "-z ucdiag,bootstrap lists every phone of the merged lab capture once ($rows rows)"
else
    fail "-z ucdiag,bootstrap lists every phone of the merged lab capture once ($rows rows, $phones phones)"
fi
# Display filters find each step's packets, and a filter on the table too.
expect_frames_opt "-Y 'ucdiag.boot.step == 7 && ucdiag.boot.state == 2' finds the finished SIP/TLS handshake" \
    "$(awk -F'\t' '/^== lab\/boot-ok.pcap fields/ { on = 1; next } /^==/ { on = 0 }
                   on && $2 == 7 && $4 == 2 { print $1 }' "$UCD_STAGE/work/boot-lab.txt" | paste -sd, -)" \
    lab/boot-ok.pcap 'ucdiag.boot.step == 7 && ucdiag.boot.state == 2'
expect_frames_opt "ucdiag.boot_max_clock_offset:7200 accepts an hour's offset" '' \
    lab/boot-ntp-skew.pcap 'ucdiag.boot.clock_skew' -o ucdiag.boot_max_clock_offset:7200
one=$(ucd_tshark -r "$UCD_STAGE/captures/lab/boot-untrusted.pcap" -Y ucdiag.boot -T fields -e frame.number -e ucdiag.boot.event -e ucdiag.boot.state 2>&1)
two=$(ucd_tshark -2 -r "$UCD_STAGE/captures/lab/boot-untrusted.pcap" -Y ucdiag.boot -T fields -e frame.number -e ucdiag.boot.event -e ucdiag.boot.state 2>&1)
[ -n "$one" ] && [ "$one" = "$two" ] && pass "bootstrap: tshark -2 shows the same timeline as one pass" ||
    fail "bootstrap: tshark -2 shows the same timeline as one pass"
