#!/usr/bin/env bash
# The whole ucdiag test suite: build (warnings are errors), unit tests of the
# pure logic, tshark over every sample capture against reviewed expectations,
# and a bounded sanitizer run over corrupted and random input.
#
#   tests/run.sh                 everything
#   UCD_FUZZ_SECONDS=60 tests/run.sh   a longer sanitizer run (default 20)
#   UCD_KEEP_WORK=DIR tests/run.sh     keep tshark's outputs in DIR for review
#   UCD_INSTALLED=1 tests/run.sh       tshark checks against the installed plugin
#                                      and profile (the Debian package)
#
# Ends with "N passed, N failed" and exits non-zero on any failure.
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/lib.sh"
cd "$UCD_ROOT"

"$UCD_ROOT/scripts/install-deps.sh" || { echo "could not install dependencies" >&2; exit 1; }

BUILD=${UCD_BUILD:-$UCD_ROOT/build}
BUILD_SAN=${UCD_BUILD_SAN:-$UCD_ROOT/build-sanitize}
FUZZ_SECONDS=${UCD_FUZZ_SECONDS:-20}
EXPECTED=$UCD_ROOT/tests/expected
passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL - $1"; }
finish() {
    # UCD_KEEP_WORK=DIR keeps what tshark printed, for reviewing a change
    [ -n "${UCD_KEEP_WORK:-}" ] && [ -n "${UCD_STAGE:-}" ] && mkdir -p "$UCD_KEEP_WORK" &&
        cp -r "$UCD_STAGE/work/." "$UCD_KEEP_WORK/"
    ucd_unstage
    echo
    [ "$failed" -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# ---- build ----
echo "# Wireshark $(ucd_ws_mm), build in $BUILD"
if ! cmake -S "$UCD_ROOT" -B "$BUILD" -DUCDIAG_WERROR=ON >"$BUILD.log" 2>&1 ||
   ! cmake --build "$BUILD" -j"$(nproc)" >>"$BUILD.log" 2>&1; then
    cat "$BUILD.log"
    fail "build with -Wall -Wextra -Werror"
    finish
fi
pass "build with -Wall -Wextra -Werror"

# ---- unit tests (no libwireshark) ----
# Every test CMake knows (add_test), so that a new unit test runs here without
# an edit to this file. ctest numbers them; each runs alone, so that each gets
# its own ok or FAIL line, named after its program, with its last line of
# output (its count of checks).
mapfile -t unit_numbers < <(ctest --test-dir "$BUILD" -N 2>/dev/null | sed -n 's/^ *Test *#\([0-9]*\): .*/\1/p')
[ ${#unit_numbers[@]} -gt 0 ] || fail "unit tests: ctest finds none registered in $BUILD"
for n in "${unit_numbers[@]}"; do
    out=$(ctest --test-dir "$BUILD" -I "$n,$n" -V 2>&1)
    status=$?
    # With -V, ctest prefixes the test's own lines with "N: ", after three of
    # its own about the command, where it runs and its timeout.
    unit=$(sed -n "s/^$n: Test command: \([^ ]*\).*/\1/p" <<<"$out" | head -n1)
    unit=$(basename "${unit:-test $n}")
    said=$(sed -n "s/^$n: //p" <<<"$out" |
           grep -v '^Test command: \|^Working Directory: \|^Test timeout computed to be: ')
    if [ $status = 0 ]; then
        pass "$unit: unit tests of the pure logic ($(tail -n1 <<<"$said"))"
    else
        echo "$said"
        fail "$unit: unit tests of the pure logic"
    fi
done

# ---- the captures are what the generator makes ----
regen=$(mktemp -d)
"$BUILD/ucdiag-gencap" "$regen"
same=1
for f in "$regen"/*.pcap; do
    cmp -s "$f" "test-captures/$(basename "$f")" || { echo "  differs: $(basename "$f")"; same=0; }
done
[ "$(ls "$regen" | wc -l)" = "$(ls test-captures/*.pcap | wc -l)" ] || same=0
rm -rf "$regen"
[ $same = 1 ] && pass "test-captures/*.pcap are exactly what gencap writes" ||
    fail "test-captures/*.pcap differ from gencap's output (run: $BUILD/ucdiag-gencap test-captures)"

# ---- the plugin loads ----
ucd_stage "$BUILD" || { fail "stage the plugin"; finish; }
if [ "${UCD_INSTALLED:-}" = 1 ]; then
    # The package's plugin, from the global folder of this Wireshark.
    where=$(ucd_tshark -G plugins 2>/dev/null | awk -F'\t' '$1 ~ /^ucdiag\.so *$/ {print $NF}')
    case "$where" in
        /usr/lib/*/wireshark/plugins/$(ucd_ws_mm)/epan/ucdiag.so) pass "tshark loads the installed ucdiag.so ($where)" ;;
        *) echo "  loaded from: ${where:-nowhere}"; fail "tshark loads the installed ucdiag.so"; finish ;;
    esac
elif ucd_tshark -G plugins 2>/dev/null | grep -q '^ucdiag\.so'; then
    pass "tshark loads ucdiag.so"
else
    fail "tshark loads ucdiag.so"
    finish   # nothing below means anything without it
fi
# Every field, expert info and preference is documented, and nothing more.
{
    ucd_tshark -G fields 2>/dev/null | awk -F'\t' '$3 ~ /^(msuc|ucdiag)\./ {print $3}'
    ucd_tshark -G defaultprefs 2>/dev/null | sed -n 's/^#\(\(msuc\|ucdiag\)\.[a-z0-9_]*\):.*/\1/p'
} | sort -u >"$UCD_STAGE/work/registered"
grep -oE '`(msuc|ucdiag)\.[a-z0-9_.]*`' README.md | tr -d '`' | grep -v '\.so$' | sort -u >"$UCD_STAGE/work/documented"
missing_doc=$(comm -23 "$UCD_STAGE/work/registered" "$UCD_STAGE/work/documented")
missing_reg=$(comm -13 "$UCD_STAGE/work/registered" "$UCD_STAGE/work/documented")
if [ "$(wc -l <"$UCD_STAGE/work/registered")" -gt 40 ] && [ -z "$missing_doc" ] && [ -z "$missing_reg" ]; then
    pass "README.md names exactly the registered msuc and ucdiag fields, expert infos and preferences"
else
    echo "  registered but not in README.md: ${missing_doc:-none}"
    echo "  in README.md but not registered: ${missing_reg:-none}"
    fail "README.md names exactly the registered msuc and ucdiag fields, expert infos and preferences"
fi
if ucd_tshark -G heuristic-decodes 2>/dev/null | grep -q $'^dhcp.vendor_info\tmsuc'; then
    pass "msuc is on DHCP's dhcp.vendor_info heuristic list"
else
    fail "msuc is on DHCP's dhcp.vendor_info heuristic list"
fi

# ---- every capture against its reviewed expectations ----
for exp in "$EXPECTED"/*.fields; do
    cap=$(basename "$exp" .fields)
    mapfile -t cols < <(head -n1 "$exp" | tr '\t' '\n')
    args=()
    for c in "${cols[@]}"; do args+=(-e "$c"); done
    if ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -T fields -E header=y "${args[@]}" \
           >"$UCD_STAGE/work/$cap.fields" 2>&1 &&
       diff -u "$exp" "$UCD_STAGE/work/$cap.fields"; then
        pass "$cap: decoded fields"
    else
        fail "$cap: decoded fields"
    fi
done
for exp in "$EXPECTED"/*.experts; do
    cap=$(basename "$exp" .experts)
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -T pdml 2>/dev/null >"$UCD_STAGE/work/$cap.pdml"
    ucd_experts_from_pdml msuc. <"$UCD_STAGE/work/$cap.pdml" >"$UCD_STAGE/work/$cap.experts"
    if diff -u "$exp" "$UCD_STAGE/work/$cap.experts"; then
        pass "$cap: expert infos"
    else
        fail "$cap: expert infos"
    fi
done
# ---- display filters a user would type ----
filter_frames() { # capture filter [options...] -> frame numbers, comma-separated
    ucd_tshark -r "$UCD_STAGE/captures/$1" "${@:3}" -Y "$2" -T fields -e frame.number 2>&1 | paste -sd, -
}
expect_frames() { # capture filter expected description [options...]
    local got
    got=$(filter_frames "$1" "$2" "${@:5}")
    if [ "$got" = "$3" ]; then pass "$4"; else echo "  -Y '$2' on $1 gave '$got', want '$3'"; fail "$4"; fi
}
expect_frames msuc-truncated-90.pcap 'msuc.suboption.truncated' '2,4' \
    "filter msuc.suboption.truncated finds both cut ACKs"
expect_frames msuc-no-option60.pcap 'msuc.vendor_class_source == 3' '2,9' \
    "filter on the vendor class learnt from the INFORM"
expect_frames msuc-bad-values.pcap 'msuc.web_server_port.number != 443' '8' \
    "filter on a non-standard port number"
expect_frames msuc-option250.pcap 'msuc.option250_continuation' '2' \
    "option 250 after a joined option 43 is marked as its continuation"
expect_frames msuc-inform-ack.pcap 'msuc.cert_prov_url == "https://pool.contoso.com:443/CertProv/CertProvisioningService.svc"' '2' \
    "filter on the assembled Certificate Provisioning URL"
expect_frames other-vendors.pcap 'msuc' '' \
    "no other vendor's option 43 is claimed"

# ---- QoS: every capture under every preset ----
# By default ucdiag judges only media the capture shows to be Microsoft's.
# The crafted QoS captures carry no such evidence (the precision tests in
# tests/qos-scope.sh show what the default makes of them); the tests of the
# port plan's own mechanics run with the scope set to the whole plan, and the
# lab captures as their site would, with the lab's servers declared UC
# networks.
PLAN=(-o ucdiag.qos_scope:plan)
# The "Skype for Business servers" of the crafted captures and the labs:
# the crafted server subnet, the QoS lab's server, the meeting lab's data
# centre.
SITE=(-o 'uat:ucdiag_uc_networks:"10.1.1.0/24","crafted captures: servers"'
      -o 'uat:ucdiag_uc_networks:"10.77.0.2","QoS lab server"'
      -o 'uat:ucdiag_uc_networks:"fd77::2","QoS lab server (IPv6)"'
      -o 'uat:ucdiag_uc_networks:"10.80.2.0/24","meeting lab data centre"')
qos_pdml=0
QOS_CAPTURES="qos-sfb-correct qos-mismatch qos-vbss qos-teams qos-ipv6 qos-tcp-fallback qos-remarked qos-not-media"
# qos_report OPTIONS...: fields, expert infos and -z table rows of every QoS
# capture, as one text a person can read and review.
qos_report() {
    local cap
    for cap in $QOS_CAPTURES; do
        echo "== $cap.pcap fields: frame media modality role match range expected observed"
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -Y ucdiag -T fields -e frame.number \
            -e ucdiag.qos.media -e ucdiag.qos.modality -e ucdiag.qos.role -e ucdiag.qos.match -e ucdiag.qos.range \
            -e ucdiag.qos.expected_dscp -e ucdiag.qos.dscp 2>&1
        echo "== $cap.pcap ucdiag.vbss frames: $(ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" \
                -Y ucdiag.vbss -T fields -e frame.number 2>&1 | paste -sd, -)"
        echo "== $cap.pcap experts"
        qos_pdml=$((qos_pdml + 1))
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -T pdml 2>/dev/null |
            tee "$UCD_STAGE/work/qos-$qos_pdml.pdml" | ucd_experts_from_pdml ucdiag.
        echo "== $cap.pcap -z ucdiag,qos"
        ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "$@" -q -z ucdiag,qos 2>&1 | grep -- ' -> ' | tr -s ' '
    done
}
for preset in sfb teams sfb-field lpe custom; do
    qos_report "${PLAN[@]}" -o "ucdiag.qos_preset:$preset" >"$UCD_STAGE/work/qos-$preset.txt"
    if diff -u "$EXPECTED/qos-preset-$preset.txt" "$UCD_STAGE/work/qos-$preset.txt"; then
        pass "QoS captures under preset $preset: fields, VBSS, expert infos, -z ucdiag,qos"
    else
        fail "QoS captures under preset $preset: fields, VBSS, expert infos, -z ucdiag,qos"
    fi
done
# Port-only mode: every packet whose ports are in the plan, media or not, as
# before media recognition (for media whose headers a tunnel hides).
qos_report "${PLAN[@]}" -o ucdiag.qos_preset:sfb -o ucdiag.qos_media_only:FALSE >"$UCD_STAGE/work/qos-ports-only.txt"
if diff -u "$EXPECTED/qos-ports-only.txt" "$UCD_STAGE/work/qos-ports-only.txt"; then
    pass "QoS with ucdiag.qos_media_only:FALSE judges by ports alone, bare ACKs and desk traffic included"
else
    fail "QoS with ucdiag.qos_media_only:FALSE judges by ports alone, bare ACKs and desk traffic included"
fi
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
if diff -u "$EXPECTED/qos-lab-real.txt" "$UCD_STAGE/work/qos-lab.txt"; then
    pass "QoS on kernel-marked traffic (IP_TOS / IPV6_TCLASS) recorded in the lab"
else
    fail "QoS on kernel-marked traffic (IP_TOS / IPV6_TCLASS) recorded in the lab"
fi
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
if diff -u "$EXPECTED/media-lab.txt" "$UCD_STAGE/work/media-lab.txt"; then
    pass "media lab (baresip, coturn, gstreamer among desk traffic): flows, what they carry, findings"
else
    fail "media lab (baresip, coturn, gstreamer among desk traffic): flows, what they carry, findings"
fi
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
if diff -u "$EXPECTED/qos-user-table.txt" "$UCD_STAGE/work/qos-table.txt"; then
    pass "QoS with only the user's table (custom preset and -o uat:ucdiag_qos_ports)"
else
    fail "QoS with only the user's table (custom preset and -o uat:ucdiag_qos_ports)"
fi
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

# Whose media is judged (the default scope, evidence, other apps' media).
. "$UCD_ROOT/tests/qos-scope.sh"

# ---- DHCPINFORM: pairing, paths and findings ----
# experts_and_table CAPTURE PDML TABLE [OPTIONS]: the last two parts of a
# report: the capture's ucdiag expert infos (with OPTIONS, e.g. -2; the PDML
# kept as work/PDML.pdml for the label-limit check) and its -z TABLE rows.
experts_and_table() {
    local cap=$1 pdml=$2 table=$3
    shift 3
    echo "== $cap.pcap experts${1:+ ($*)}"
    ucd_tshark "$@" -r "$UCD_STAGE/captures/$cap.pcap" -T pdml 2>/dev/null |
        tee "$UCD_STAGE/work/$pdml.pdml" | ucd_experts_from_pdml ucdiag.
    echo "== $cap.pcap -z $table"
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -q -z "$table" 2>&1 | grep -- ' |' | tr -s ' '
}
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
if diff -u "$EXPECTED/inform-lab.txt" "$UCD_STAGE/work/inform-lab.txt"; then
    pass "INFORM lab captures (ISC dhcpd, Kea, dnsmasq; open and firewalled; 4 points, merged)"
else
    fail "INFORM lab captures (ISC dhcpd, Kea, dnsmasq; open and firewalled; 4 points, merged)"
fi
dhcp_report inform-windows-relay inform-answers msuc-inform-ack msuc-no-option60 inform-client-kinds \
    >"$UCD_STAGE/work/inform-crafted.txt"
if diff -u "$EXPECTED/inform-crafted.txt" "$UCD_STAGE/work/inform-crafted.txt"; then
    pass "INFORM crafted captures (Windows relay reply, missing options, two servers, late ACK, msuc's)"
else
    fail "INFORM crafted captures (Windows relay reply, missing options, two servers, late ACK, msuc's)"
fi
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

# tshark -z expert runs without a tree: the findings must reach it all the same.
zexp=$(ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" "${PLAN[@]}" -q -z expert 2>&1 | grep -c ' UCDIAG ')
zexp_msuc=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -q -z expert 2>&1 | grep -c ' MSUC ')
if [ "$zexp" = 4 ] && [ "$zexp_msuc" = 2 ]; then
    pass "tshark -q -z expert lists the ucdiag and msuc findings"
else
    echo "  -z expert: $zexp UCDIAG summary lines (want 4), $zexp_msuc MSUC (want 2)"
    fail "tshark -q -z expert lists the ucdiag and msuc findings"
fi

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
if diff -u "$EXPECTED/boot-lab.txt" "$UCD_STAGE/work/boot-lab.txt"; then
    pass "bootstrap lab captures: timelines, findings and table rows as reviewed"
else
    fail "bootstrap lab captures: timelines, findings and table rows as reviewed"
fi
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
if grep -q 'unknown_ca' "$UCD_STAGE/work/boot-lab.txt" &&
   ucd_experts_from_pdml ucdiag.boot.tls_failed <"$UCD_STAGE/work/boot-boot-untrusted.pdml" |
       grep -q 'alert unknown_ca from the phone.*root CA'; then
    pass "bootstrap: the untrusted chain is named by its alert and points at the root CA"
else
    fail "bootstrap: the untrusted chain is named by its alert and points at the root CA"
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
expect_frames_opt() { # description expected capture filter tshark-options...
    local desc=$1 want=$2 cap=$3 flt=$4 got
    shift 4
    got=$(ucd_tshark -r "$UCD_STAGE/captures/$cap" "$@" -Y "$flt" -T fields -e frame.number 2>&1 | paste -sd, -)
    if [ "$got" = "$want" ]; then pass "$desc"; else echo "  got '$got', want '$want'"; fail "$desc"; fi
}
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

# Wireshark keeps at most 239 bytes of a label and so of an expert message;
# a cut message hides our advice. Every PDML the suite wrote, all concerns.
long=$(for prefix in ucdiag. msuc.; do
           cat "$UCD_STAGE"/work/*.pdml | ucd_experts_from_pdml "$prefix"
       done | awk -F'\t' 'length($4) >= 239 { print $1 ": " $2 ": " $4 }')
if grep -h 'name="_ws.expert"' "$UCD_STAGE"/work/*.pdml | grep -q 'showname=" \[truncated\]' || [ -n "$long" ]; then
    echo "$long" | head -3
    fail "no expert message is cut at Wireshark's label limit"
else
    pass "no expert message is cut at Wireshark's label limit"
fi

# ---- In the Wireshark window: first pass, packet list, the profile ----
# What the packet list shows: Wireshark's first pass builds no visible tree,
# yet the Expert column (and the status bar's light, which follows the same
# severity) must carry every finding, and Info says it in a few words.
WINDOW_CAPTURES="lab/inform-dhcpd-fw-server msuc-truncated-90 msuc-string-typed msuc-bad-values msuc-option120
    inform-windows-relay inform-answers lab/qos-real qos-remarked lab/boot-dns-missing lab/boot-ntp-blocked
    lab/boot-ntp-skew lab/boot-untrusted lab/boot-https-closed lab/boot-stale-url"
cols='gui.column.format:"No.","%m","Expert","%a","Info","%i"'
for cap in $WINDOW_CAPTURES; do
    [ -f "$UCD_STAGE/captures/$cap.pcap" ] || { echo "== $cap.pcap: missing"; continue; }
    echo "== $cap.pcap"
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -o "$cols" 2>&1 | grep -F '[UC: ' |
        sed 's/^ *\([0-9]*\) \([A-Za-z]*\) .*\(\[UC: .*\)$/\1 \2 \3/'
done >"$UCD_STAGE/work/packet-list.txt"
if diff -u "$EXPECTED/packet-list.txt" "$UCD_STAGE/work/packet-list.txt"; then
    pass "the packet list: Expert column on the first pass and [UC: ...] in Info for each finding"
else
    fail "the packet list: Expert column on the first pass and [UC: ...] in Info for each finding"
fi
# The first pass flags every packet a full dissection finds wrong, and adds
# no flag of its own (other dissectors' warnings are there with or without
# ucdiag).
mkdir -p "$UCD_STAGE/no-plugins"
flagged() { awk '$2 == "Warning" || $2 == "Error" {print $1}' | sort; }
light_ok=1
for cap in lab/inform-dhcpd-fw-server lab/qos-real msuc-truncated-90 lab/boot-untrusted lab/boot-dns-missing; do
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
        flagged >"$UCD_STAGE/work/first-with"
    ucd_tshark_plain -r "$UCD_STAGE/captures/$cap.pcap" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
        flagged >"$UCD_STAGE/work/first-without"
    ucd_tshark -2 -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -Y '(ucdiag.finding || msuc.finding) && _ws.expert.severity >= warning' \
        -T fields -e frame.number 2>&1 | sort >"$UCD_STAGE/work/full"
    unflagged=$(comm -13 "$UCD_STAGE/work/first-with" "$UCD_STAGE/work/full" | paste -sd, -)
    invented=$(comm -23 "$UCD_STAGE/work/first-with" "$UCD_STAGE/work/first-without" |
               comm -23 - "$UCD_STAGE/work/full" | paste -sd, -)
    if [ ! -s "$UCD_STAGE/work/full" ] || [ -n "$unflagged" ] || [ -n "$invented" ]; then
        echo "  $cap: findings not flagged on the first pass: ${unflagged:-none}; flags without a finding: ${invented:-none}"
        light_ok=0
    fi
done
[ $light_ok = 1 ] && pass "the first pass (no tree shown) flags every packet a full dissection finds wrong, and no other" ||
    fail "the first pass (no tree shown) flags every packet a full dissection finds wrong, and no other"
# The tree says what ucdiag concluded, and where a URL is broken.
tree=$(ucd_tshark -r "$UCD_STAGE/captures/lab/qos-real.pcap" "${SITE[@]}" -Y 'frame.number == 14' -V 2>&1 | grep -F 'UC Network Diagnostics')
tree2=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -Y 'frame.number == 2' -V 2>&1)
case "$tree" in
    *"UC Network Diagnostics: video client (RTP), DSCP 0 (expected 34); Microsoft media by your UC networks"*)
        case "$tree2" in
            *"MS-UC-Client DHCP Vendor Options (MS-UC-Client), https://"*" (incomplete)"*"Sub-option 5: CertProvRelPath [truncated: 33 of 37 bytes]"*)
                pass "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
            *) echo "$tree2" | grep -i 'vendor options\|sub-option 5'
               fail "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
        esac ;;
    *) echo "  got: $tree"; fail "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
esac
path=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-inform-ack.pcap" -Y ucdiag.dhcp.path -V 2>&1 | grep 'Path:' | sort -u)
case "$path" in
    *"Straight to the client (ciaddr:68) ("*) pass "an ACK on a capture with no relay is not said to bypass one" ;;
    *) echo "  got: $path"; fail "an ACK on a capture with no relay is not said to bypass one" ;;
esac

# The "UC Diagnostics" profile, as tshark -C loads it: its columns, every
# filter button and every colouring rule, each on the capture it is for.
PROFILE="UC Diagnostics"
uc() { ucd_tshark -C "$PROFILE" "${SITE[@]}" "$@"; }
row=$(uc -r "$UCD_STAGE/captures/lab/qos-real.pcap" 2>&1 | awk '$1 == 14')
case "$row" in
    *" 0 34 Warning DSCP 0, expected 34 "*"[UC: DSCP 0, expected 34]") pass "tshark -C \"$PROFILE\": DSCP, expected DSCP, Expert and finding columns" ;;
    *) echo "  got: $row"; fail "tshark -C \"$PROFILE\": DSCP, expected DSCP, Expert and finding columns" ;;
esac
# label|capture|frames it must match (and on msuc-inform-ack.pcap and
# qos-sfb-correct.pcap, both healthy, nothing).
cat >"$UCD_STAGE/work/buttons.expected" <<'BUTTONS'
UC findings|lab/inform-dhcpd-fw-server|2,3,4,5,6
Option 43|msuc-truncated-90|2,4
INFORM|lab/inform-dhcpd-fw-server|2,3,4,5,6
QoS|lab/qos-real|14
VBSS|lab/qos-real|8,9,11,12
Bootstrap|lab/boot-dns-missing|27
BUTTONS
buttons_file=$(ucd_tshark -G folders 2>/dev/null | sed -n 's/^Global configuration:[[:space:]]*//p')/profiles/$PROFILE
[ "${UCD_INSTALLED:-}" = 1 ] || buttons_file="$UCD_ROOT/plugin/profiles/$PROFILE"
buttons_ok=1
nbuttons=0
while IFS=$'\t' read -r label expr; do
    nbuttons=$((nbuttons + 1))
    line=$(grep -F "$label|" "$UCD_STAGE/work/buttons.expected" | head -n1)
    if [ -z "$line" ]; then echo "  button '$label' has no expectation"; buttons_ok=0; continue; fi
    cap=$(echo "$line" | cut -d'|' -f2); want=$(echo "$line" | cut -d'|' -f3)
    got=$(uc -r "$UCD_STAGE/captures/$cap.pcap" -Y "$expr" -T fields -e frame.number 2>&1 | paste -sd, -)
    healthy=$(for h in msuc-inform-ack qos-sfb-correct; do
                  uc -r "$UCD_STAGE/captures/$h.pcap" -Y "$expr" -T fields -e frame.number 2>&1; done | paste -sd, -)
    if [ "$got" != "$want" ] || [ -n "$healthy" ]; then
        echo "  button '$label' ($expr): $cap gives ${got:-nothing} (want $want); healthy captures give ${healthy:-nothing}"
        buttons_ok=0
    fi
done < <(sed -n 's/^"TRUE","\([^"]*\)","\([^"]*\)".*/\1\t\2/p' "$buttons_file/dfilter_buttons")
[ $buttons_ok = 1 ] && [ $nbuttons -ge 6 ] && pass "the profile's $nbuttons filter buttons compile and match what they are for" ||
    fail "the profile's filter buttons compile and match what they are for ($nbuttons read from $buttons_file)"
# Colouring rules: the rule each packet gets, first match winning.
cat >"$UCD_STAGE/work/colours.expected" <<'COLOURS'
UC option 43/120 problem|msuc-truncated-90|2
UC finding|lab/qos-real|14
UC VBSS flow|lab/qos-real|9
UC media marked as planned|lab/qos-real|2
UC DHCP INFORM transaction|lab/inform-dhcpd-fw-server|1
UC phone bootstrap|lab/boot-ok|3
COLOURS
colours_ok=1
nrules=0
while IFS= read -r rule; do
    nrules=$((nrules + 1))
    line=$(grep -F "$rule|" "$UCD_STAGE/work/colours.expected" | head -n1)
    if [ -z "$line" ]; then echo "  colouring rule '$rule' has no expectation"; colours_ok=0; continue; fi
    cap=$(echo "$line" | cut -d'|' -f2); frame=$(echo "$line" | cut -d'|' -f3)
    got=$(uc --color -r "$UCD_STAGE/captures/$cap.pcap" -T fields -e frame.number -e frame.coloring_rule.name 2>&1 |
          awk -F'\t' -v r="$rule" -v f="$frame" '$2 == r && (f == "" || $1 == f) {print $1; exit}')
    if [ -z "$got" ]; then echo "  rule '$rule' colours no frame ${frame:-at all} of $cap"; colours_ok=0; fi
done < <(sed -n 's/^@\([^@]*\)@.*/\1/p' "$buttons_file/colorfilters")
[ $colours_ok = 1 ] && [ $nrules -ge 6 ] && pass "the profile's $nrules colouring rules compile and colour what they are for" ||
    fail "the profile's colouring rules compile and colour what they are for ($nrules read)"

# ---- preferences and the heuristic switch ----
expect_frames_opt "msuc.note_nonstandard:FALSE silences the non-standard notes" '' \
    msuc-bad-values.pcap 'msuc.nonstandard' -o msuc.note_nonstandard:FALSE
expect_frames_opt "msuc.note_nonstandard:TRUE (default) gives them" '8' \
    msuc-bad-values.pcap 'msuc.nonstandard' -o msuc.note_nonstandard:TRUE
msg=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -o msuc.truncation_length:0 \
        -Y 'frame.number == 2' -T fields -e _ws.expert.message 2>&1)
case "$msg" in
    *"claims 37 bytes, 33 remain"*"Cisco"*) fail "msuc.truncation_length:0 drops the router hint" ;;
    *"claims 37 bytes, 33 remain"*) pass "msuc.truncation_length:0 drops the router hint" ;;
    *) echo "  got: $msg"; fail "msuc.truncation_length:0 drops the router hint" ;;
esac
expect_frames_opt "--disable-heuristic msuc_dhcp turns the decoder off" '' \
    msuc-inform-ack.pcap 'msuc' --disable-heuristic msuc_dhcp

# ---- other vendors decode exactly as without the plugin ----
mkdir -p "$UCD_STAGE/no-plugins"
ucd_tshark -r "$UCD_STAGE/captures/other-vendors.pcap" -V >"$UCD_STAGE/work/with.txt" 2>&1
ucd_tshark_plain -r "$UCD_STAGE/captures/other-vendors.pcap" -V >"$UCD_STAGE/work/without.txt" 2>&1
if [ -s "$UCD_STAGE/work/with.txt" ] && diff -u "$UCD_STAGE/work/without.txt" "$UCD_STAGE/work/with.txt"; then
    pass "PXE, Cisco, Aruba, CableLabs and look-alike option 43 decode exactly as without ucdiag"
else
    fail "PXE, Cisco, Aruba, CableLabs and look-alike option 43 decode exactly as without ucdiag"
fi

# ---- one pass and two passes agree ----
one=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-no-option60.pcap" -T fields -e frame.number -e msuc.request_frame -e msuc.cert_prov_url 2>&1)
two=$(ucd_tshark -2 -r "$UCD_STAGE/captures/msuc-no-option60.pcap" -T fields -e frame.number -e msuc.request_frame -e msuc.cert_prov_url 2>&1)
[ "$one" = "$two" ] && pass "tshark -2 gives the same vendor-class correlation as one pass" ||
    fail "tshark -2 gives the same vendor-class correlation as one pass"

# ---- the training pack: lessons' answers, READMEs, captures ----
while IFS= read -r line; do
    case $line in
        "ok - "*) pass "${line#ok - }" ;;
        "FAIL - "*) fail "${line#FAIL - }" ;;
        *) echo "$line" ;;
    esac
done < <("$UCD_ROOT/tests/training.sh")

# ---- sanitizers: corrupted and random input ----
# They run a sanitized build of the plugin, never an installed one: the run
# against the build tree has them.
if [ "${UCD_INSTALLED:-}" = 1 ]; then
    echo "# (UCD_INSTALLED=1: the sanitizer pass runs with the build tree's plugin, not here)"
else
    "$UCD_ROOT/tests/sanitize.sh" "$BUILD_SAN" "$FUZZ_SECONDS"
    case $? in
        0) pass "ASan+UBSan: fuzzed logic, editcap -E corruption and random option 43, zero reports" ;;
        *) fail "ASan+UBSan: fuzzed logic, editcap -E corruption and random option 43, zero reports" ;;
    esac
fi

finish
