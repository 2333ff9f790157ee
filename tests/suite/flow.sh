# Sourced by tests/run.sh: the "UC bootstrap" Flow Graph type (Statistics >
# Flow Graph, tshark -z flow,ucdiag_boot), on the bootstrap lab's eight
# phones (test-captures/lab/bootstrap-lab.sh): each phone's steps in order as
# arrows with the phone at one end, the findings on the right arrows, and the
# reviewed ladders of two phones.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- Flow Graph: UC bootstrap (Statistics > Flow Graph) ----
# Built wherever epan/sequence_analysis.h is installed or ucdiag_compat.h
# knows the layout (4.0, 4.4, 4.6); elsewhere the build leaves the type out
# (CMakeLists.txt warns), and then it must be cleanly absent.
if ! grep -q '^#define UCD_FLOW_GRAPH' "$BUILD/ucdiag_config.h"; then
    case $(ucd_ws_mm) in
    4.0 | 4.4 | 4.6)
        fail "flow graph: built on Wireshark $(ucd_ws_mm), whose layout ucdiag_compat.h declares" ;;
    *)
        if ucd_tshark -z help 2>&1 | grep -q 'flow,ucdiag_boot'; then
            fail "flow graph: left out of this build (no epan/sequence_analysis.h), yet tshark lists it"
        else
            pass "flow graph: left out of this build (no epan/sequence_analysis.h), and tshark does not list it"
        fi ;;
    esac
    return 0
fi
if ucd_tshark -z help 2>&1 | grep -qx ' *flow,ucdiag_boot'; then
    pass "flow graph: tshark -z help lists flow,ucdiag_boot"
else
    fail "flow graph: tshark -z help lists flow,ucdiag_boot"
fi

# flow_arrows CAPTURE [tshark options]: the Flow Graph's arrows as tab-separated
# frame time, step, phone, left node, right node, direction, label, comment.
# tshark draws node i's column 20 characters right of node i-1's, even ones
# named on the first header line and odd ones on the second; an arrow's ends
# are its "(port)" marks in those columns.
flow_arrows() {
    local cap=$1
    shift
    ucd_tshark "$@" -r "$cap" -q -z flow,ucdiag_boot,standard 2>/dev/null | awk -v OFS='\t' '
        function trim(s) { sub(/^ +/, "", s); sub(/ *\|.*$/, "", s); return s }
        function node(i) { return trim(substr(i % 2 ? h2 : h1, 12 + 20 * i)) }
        NR == 1 { h1 = $0; next }
        NR == 2 { h2 = $0; next }
        /^\|[0-9]/ {
            time = trim(substr($0, 2)); c = $0; sub(/.*\|/, "", c); lab = substr($0, 12); sub(/\|.*$/, "", lab)
            gsub(/^ +| +$/, "", lab); item = 1; next
        }
        item {
            item = 0; first = index($0, "("); last = first
            for (p = first + 1; p <= length($0); p++) if (substr($0, p, 1) == "(") last = p
            l = int((first - 12) / 20); r = int((last - 12) / 20)
            dir = index($0, "<") ? "<-" : "->"
            step = c; sub(/^.*phone [^,]*, step /, "", step); sub(/ .*/, "", step)
            phone = c; sub(/^.*phone /, "", phone); sub(/,.*/, "", phone)
            print time, step, phone, node(l), node(r), dir, lab, c
        }'
}
# The phone of a capture, by -z ucdiag,bootstrap.
table_phone() {
    ucd_tshark -r "$1" -q -z ucdiag,bootstrap 2>&1 | grep -- ' |' | tail -n1 | awk -F' *\\|' '{print $1}'
}
table_steps() { # the step numbers the table's "Steps (frame)" column names, in order
    ucd_tshark -r "$1" -q -z ucdiag,bootstrap 2>&1 | grep -- ' |' | tail -n1 | awk -F' *\\|' '{print $8}' |
        tr ',' '\n' | sed 's/^ *//; s/ .*//' |
        sed 's/^VLAN$/1/; s/^lease$/2/; s/^INFORM$/3/; s/^DNS$/4/; s/^NTP$/5/; s/^provisioning$/6/; s/^SIP\/TLS$/7/' |
        paste -sd' ' -
}
for cap in "$UCD_STAGE"/captures/lab/boot-*.pcap; do
    name=$(basename "$cap" .pcap)
    phone=$(table_phone "$cap")
    flow_arrows "$cap" -2 >"$UCD_STAGE/work/flow-$name.tsv"
    # Every arrow is the phone's, with the phone at one end; the steps come in
    # the order the table lists them.
    got=$(awk -F'\t' -v ph="$phone" '
        $3 != ph || ($4 != ph && $5 != ph) { bad++ }
        !seen[$2]++ { order = order (order ? " " : "") $2 }
        END { print (bad ? "arrows not between the phone and a host: " bad : order) }' "$UCD_STAGE/work/flow-$name.tsv")
    want=$(table_steps "$cap")
    if [ -n "$phone" ] && [ -n "$want" ] && [ "$got" = "$want" ]; then
        pass "flow graph $name: phone $phone at one end of every arrow, steps $want in order"
    else
        echo "  got: '$got', table: phone '$phone', steps '$want'"
        fail "flow graph $name: every arrow between the phone and a host, the table's steps in order"
    fi
done
# The findings on their arrows: each finding of the table on one arrow, the
# one that shows it.
flow_finding() { # capture, what the arrow must be (label, direction), the words
    local name=$1 label=$2 dir=$3 words=$4 got
    got=$(awk -F'\t' -v w="$words" 'index($8, w) { print $7 "\t" $6 }' "$UCD_STAGE/work/flow-$name.tsv")
    if [ "$got" = "$(printf '%s\t%s' "$label" "$dir")" ]; then
        pass "flow graph $name: '$words' on the one arrow '$label'"
    else
        echo "  got: $(echo "$got" | tr '\t\n' ' |')"
        fail "flow graph $name: '$words' on the one arrow '$label'"
    fi
}
flow_finding boot-ntp-skew "NTP answer" "<-" "finding: clock skew, server 3600 s behind"
flow_finding boot-dns-missing "DNS NXDomain pool.contoso.com" "<-" "finding: DNS failed"
flow_finding boot-ntp-blocked "NTP request" "->" "finding: NTP unanswered"
flow_finding boot-untrusted "TLS alert" "->" "finding: TLS failed"
flow_finding boot-https-closed "TCP RST" "<-" "finding: no connection"
flow_finding boot-stale-url "TLS ClientHello" "->" "finding: URL mismatch"
# boot-inform-fw: its three INFORMs go unanswered, and are marked so; the
# answered INFORM of boot-ok is not, not even in one pass.
got=$(awk -F'\t' 'index($8, "no ACK in the capture") { print $7 }' "$UCD_STAGE/work/flow-boot-inform-fw.tsv" | paste -sd'|' -)
if [ "$got" = "INFORM|INFORM (try 2)|INFORM (try 3)" ] &&
   ! grep -q 'no ACK' "$UCD_STAGE/work/flow-boot-ok.tsv" &&
   ! flow_arrows "$UCD_STAGE/captures/lab/boot-ok.pcap" | grep -q 'no ACK'; then
    pass "flow graph boot-inform-fw: its three INFORMs are marked unanswered; boot-ok's answered one is not (two passes or one)"
else
    echo "  got: '$got'"
    fail "flow graph boot-inform-fw: its three INFORMs are marked unanswered; boot-ok's answered one is not (two passes or one)"
fi
# All eight phones of the lab in one graph (the issue's acceptance).
mergecap -F pcap -w "$UCD_STAGE/work/flow-merged.pcap" "$UCD_STAGE"/captures/lab/boot-*.pcap
chmod a+r "$UCD_STAGE/work/flow-merged.pcap"
flow_arrows "$UCD_STAGE/work/flow-merged.pcap" -2 >"$UCD_STAGE/work/flow-merged.tsv"
got=$(awk -F'\t' '($4 == $3 || $5 == $3) && !seen[$3]++ { n++ } END { print n + 0 }' "$UCD_STAGE/work/flow-merged.tsv")
want=$(cat "$UCD_STAGE"/work/flow-boot-*.tsv | wc -l)
if [ "$got" = 8 ] && [ "$(wc -l <"$UCD_STAGE/work/flow-merged.tsv")" = "$want" ]; then
    pass "flow graph: the merged lab shows all 8 phones, with every arrow of the 8 captures ($want)"
else
    echo "  got: $got phones, $(wc -l <"$UCD_STAGE/work/flow-merged.tsv") arrows (captures: $want)"
    fail "flow graph: the merged lab shows all 8 phones, with every arrow of the 8 captures"
fi
# The ladders of a phone that gets through and one that stops, as reviewed.
for name in boot-ntp-skew boot-inform-fw; do
    echo "== lab/$name.pcap -2 -z flow,ucdiag_boot,standard"
    ucd_tshark -2 -r "$UCD_STAGE/captures/lab/$name.pcap" -q -z flow,ucdiag_boot,standard 2>&1
done >"$UCD_STAGE/work/flow-lab.txt"
# The LLDP multicast's column is named by Wireshark's list of well-known
# addresses (its wka file), which renamed 01:80:c2:00:00:0e from
# "LLDP_Multicast" (4.0, 4.4) to IEEE 802.1AB's "Nearest-Bridge" (4.6): the
# reviewed ladders are compared with the name this Wireshark gives it, as the
# user sees it (both as wide, so every column stays where it was reviewed).
lldp_name=$(ucd_tshark -r "$UCD_STAGE/captures/lab/boot-inform-fw.pcap" -Y lldp -T fields -e eth.dst_resolved 2>&1 |
    head -n1)
sed "s/| LLDP_Multicast /| $lldp_name /" "$EXPECTED/flow-lab.txt" >"$UCD_STAGE/work/flow-lab.expected"
same_as_reviewed "$UCD_STAGE/work/flow-lab.expected" "$UCD_STAGE/work/flow-lab.txt" \
    "flow graph: the ladders of boot-ntp-skew and boot-inform-fw as reviewed (the LLDP multicast named '$lldp_name')"
