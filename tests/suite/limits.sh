# Sourced by tests/run.sh: the tracking limits. Generated floods (every
# packet a new phone, client or flow) with small limits set: the note comes
# once, on the packet that met the limit, the -z table says so in its last
# row, and later hosts are not followed. Memory is the benchmark's job
# (scripts/benchmark.sh), not the suite's.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- Tracking limits (ucdiag-gencap --KIND-flood) ----
for kind in syn inform lldp stun tls; do
    "$BUILD/ucdiag-gencap" "--$kind-flood" 40 "$UCD_STAGE/work/limit-$kind.pcap"
done
chmod a+r "$UCD_STAGE"/work/limit-*.pcap
# limit_notes CAPTURE OPTIONS... -> "frame<TAB>message" of every tracking-limit note, both passes
limit_notes() {
    local cap=$1
    shift
    ucd_tshark -2 -r "$UCD_STAGE/work/$cap.pcap" "$@" -Y 'ucdiag.tracking_limit || msuc.tracking_limit' \
        -T fields -e frame.number -e _ws.expert.message 2>&1 |
        awk -F'\t' '{ n = split($2, m, ","); for (i = 1; i <= n; i++) if (m[i] ~ /^Tracking limit/) print $1 "\t" m[i] }'
}
# expect_limit DESCRIPTION CAPTURE TABLE WANT_NOTES OPTIONS...
expect_limit() {
    local what=$1 cap=$2 table=$3 want=$4 got last
    shift 4
    got=$(limit_notes "$cap" "$@" | paste -sd'|' -)
    last=$(ucd_tshark -r "$UCD_STAGE/work/$cap.pcap" "$@" -q -z "$table" 2>&1 | grep -B1 '^=*$' | grep -v '^=' |
           tail -n1)
    if [ "$got" = "$want" ] && [ "${last#Tracking limit}" != "$last" ]; then
        pass "tracking limit: $what"
    else
        echo "  notes: '$got'"
        echo "  want:  '$want'"
        echo "  last row of -z $table: '$last'"
        fail "tracking limit: $what"
    fi
}
phones='Tracking limit of 5 phones reached; later phones are not followed (preference ucdiag.boot_max_phones)'
txns='Tracking limit of 4 INFORM transactions reached; later INFORM transactions are not followed (preference ucdiag.dhcp_max_transactions)'
clients="Tracking limit of 3 DHCP transactions reached; later transactions' vendor classes are not remembered (preference msuc.max_transactions)"
expect_limit "6th INFORM client: one note per table, on the frame each filled up" limit-inform ucdiag,bootstrap \
    "4	$clients|5	$txns|6	$phones" \
    -o ucdiag.boot_max_phones:5 -o ucdiag.dhcp_max_transactions:4 -o msuc.max_transactions:3
expect_limit "the INFORM table says so in its last row" limit-inform ucdiag,dhcp \
    "4	$clients|5	$txns|6	$phones" \
    -o ucdiag.boot_max_phones:5 -o ucdiag.dhcp_max_transactions:4 -o msuc.max_transactions:3
expect_limit "6th LLDP-MED phone" limit-lldp ucdiag,bootstrap "6	$phones" -o ucdiag.boot_max_phones:5
expect_limit "7th STUN flow direction (3 flows and their reverse)" limit-stun ucdiag,qos \
    "4	Tracking limit of 6 flow directions reached; later flow directions are not followed (preference ucdiag.qos_max_flows)" \
    -o ucdiag.qos_max_flows:6
# UC TLS connections (the certificate concern): each ClientHello of the TLS
# flood opens one on 5061, so the 31st finds the table full. The concern has
# no -z table; the note says it once, on that frame, on either pass. (The
# relay clients' limit, note and table row, is checked in relays.sh.)
tls_note='Tracking limit of 30 TLS connections reached; later TLS connections are not followed (preference ucdiag.cert_max_connections)'
tls_two=$(limit_notes limit-tls -o ucdiag.cert_max_connections:30 | paste -sd'|' -)
tls_one=$(ucd_tshark -r "$UCD_STAGE/work/limit-tls.pcap" -o ucdiag.cert_max_connections:30 -Y ucdiag.tracking_limit \
          -T fields -e frame.number 2>&1 | paste -sd, -)
[ "$tls_two" = "31	$tls_note" ] && [ "$tls_one" = 31 ] &&
    pass "tracking limit: the 31st TLS connection, once, on either pass" ||
    { echo "  two passes: '$tls_two'"; echo "  one pass, frames: '$tls_one'";
      fail "tracking limit: the 31st TLS connection, once, on either pass"; }
# Later hosts are not followed: five phones in the table and the timeline,
# the same limit on both passes.
rows=$(ucd_tshark -r "$UCD_STAGE/work/limit-lldp.pcap" -o ucdiag.boot_max_phones:5 -q -z ucdiag,bootstrap 2>&1 |
       grep -c '|LLDP-MED communication device |')
boot=$(ucd_tshark -2 -r "$UCD_STAGE/work/limit-lldp.pcap" -o ucdiag.boot_max_phones:5 -Y ucdiag.boot \
       -T fields -e frame.number 2>&1 | paste -sd, -)
[ "$rows" = 5 ] && [ "$boot" = "1,2,3,4,5" ] && pass "tracking limit: phones past the limit are not followed" ||
    fail "tracking limit: phones past the limit are not followed ($rows rows, timeline frames $boot)"
# The defaults cut nothing off in a small capture.
none=$(limit_notes limit-inform)$(limit_notes limit-stun)$(limit_notes limit-tls)
[ -z "$none" ] && pass "tracking limit: no note under the default limits" ||
    fail "tracking limit: no note under the default limits ($none)"
# A SYN alone is no phone; a SYN flood makes none at all.
syn=$(ucd_tshark -r "$UCD_STAGE/work/limit-syn.pcap" -q -z ucdiag,bootstrap 2>&1 | grep -c 'Certificate Provisioning')
[ "$syn" = 0 ] && pass "bootstrap: unanswered SYNs to the provisioning host make no phone" ||
    fail "bootstrap: unanswered SYNs to the provisioning host make no phone ($syn phones)"

# ---- -z expert stays linear: worded findings are bounded per kind ----
# 260 phones, each answered without options 43 and 120: the first 200
# findings name their phone, the rest share the registered summary, so that
# -z expert (a linear search per distinct message) lists 201 lines, not 260.
"$BUILD/ucdiag-gencap" --distinct-clients 260 "$UCD_STAGE/work/distinct-clients.pcap"
chmod a+r "$UCD_STAGE/work/distinct-clients.pcap"
for passes in 1 2; do
    opt=()
    [ "$passes" = 2 ] && opt=(-2)
    zexp=$(ucd_tshark "${opt[@]}" -q -r "$UCD_STAGE/work/distinct-clients.pcap" -z expert 2>&1)
    named=$(grep -c 'to MS-UC-Client phone 10\..* lacks options 43 and 120' <<<"$zexp")
    grouped=$(grep -E '^ +60 +Protocol +UCDIAG +ACK to an MS-UC-Client INFORM without option 43 or 120$' <<<"$zexp" | wc -l)
    last_named=$(ucd_tshark "${opt[@]}" -r "$UCD_STAGE/work/distinct-clients.pcap" -Y 'ucdiag.dhcp.provisioning_options_missing' \
                 -T fields -e _ws.expert.message 2>&1 | sed -n '200p;201p' | cut -c1-40 | paste -sd'|' -)
    if [ "$named" = 200 ] && [ "$grouped" = 1 ] &&
       [ "$last_named" = "ACK from server 10.1.1.10 to MS-UC-Clien|ACK to an MS-UC-Client INFORM without op" ]; then
        pass "-z expert ($passes pass): 200 findings named, the 60 after them grouped under one summary"
    else
        echo "  named: $named, grouped lines: $grouped, 200th/201st message: '$last_named'"
        fail "-z expert ($passes pass): 200 findings named, the 60 after them grouped under one summary"
    fi
done
