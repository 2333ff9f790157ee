# Sourced by tests/run.sh: media relays (TURN / MS-TURN Allocate), on the
# relay lab's recordings (test-captures/lab/relay-lab.sh: coturn, UDP 3478
# and TCP 443) and on relay-corners.pcap (gencap: MS-TURN and what coturn
# cannot do). The reviewed findings and -z ucdiag,relays rows of each, the
# single right finding of each case, one pass against -2, the first pass's
# severities, the merged lab's table, the tracking limit, the preferences,
# and captures cut short. Keeps its PDMLs for the label limit in window.sh.
# SPDX-License-Identifier: GPL-2.0-or-later

RELAY_CAPTURES="$(cd "$UCD_ROOT/test-captures" && ls lab/relay-*.pcap | sed 's/\.pcap$//') relay-corners"

# ---- what each capture says, as reviewed ----
for cap in $RELAY_CAPTURES; do
    experts_and_table "$cap" "relay-$(basename "$cap")" ucdiag,relays
done >"$UCD_STAGE/work/relay-captures.txt"
same_as_reviewed "$EXPECTED/relay-captures.txt" "$UCD_STAGE/work/relay-captures.txt" \
    "media relays: each lab and crafted capture's findings and -z ucdiag,relays rows as reviewed"

# relay_kinds CAPTURE: "frame kind" of each ucdiag expert info, one line each.
relay_kinds() {
    ucd_experts_from_pdml ucdiag. <"$UCD_STAGE/work/relay-$(basename "$1").pdml" | cut -f1,2 | tr '\t' ' ' |
        paste -sd, -
}
# expect_relay CAPTURE WANT DESCRIPTION: the frames and kinds of its findings.
expect_relay() {
    local got
    got=$(relay_kinds "$1")
    if [ "$got" = "$2" ]; then pass "$3"; else echo "  got '$got', want '$2'"; fail "$3"; fi
}
expect_relay lab/relay-udp-ok "" "relay-udp-ok: a 401 challenge then success, twice: nothing"
expect_relay lab/relay-tcp-ok "" "relay-tcp-ok: the same over TCP 443: nothing"
expect_relay lab/relay-udp-blocked "4 ucdiag.relay.udp_unanswered,10 ucdiag.relay.udp_blocked" \
    "relay-udp-blocked: UDP unanswered after four Allocates, blocked once the relay answers over TCP"
expect_relay lab/relay-bad-credentials "4 ucdiag.relay.credentials_refused" \
    "relay-bad-credentials: refused once, on the second 401, not on each of the 31 that follow"
expect_relay lab/relay-quota "10 ucdiag.relay.error" "relay-quota: the 486, once"
expect_relay lab/relay-capacity "10 ucdiag.relay.error" "relay-capacity: the 508, once although answered twice"
expect_relay relay-corners "4 ucdiag.relay.credentials_refused,10 ucdiag.relay.error,16 ucdiag.relay.error,20 ucdiag.relay.error,24 ucdiag.relay.error,36 ucdiag.relay.udp_unanswered,40 ucdiag.relay.udp_unanswered,42 ucdiag.relay.udp_blocked,48 ucdiag.relay.credentials_refused" \
    "relay-corners: 431, 437, 441, 486, 508, an unreachable relay, the MS-TURN TCP fallback, IPv6; not the 438"
# What a UC engineer reads: the relay, the client, the frames, the fix.
words_ok=1
msgs() { ucd_experts_from_pdml "$2" <"$UCD_STAGE/work/relay-$(basename "$1").pdml" | cut -f4; }
msgs lab/relay-udp-blocked ucdiag.relay.udp_blocked |
    grep -q '^UDP 3478 to relay 10\.92\.2\.10 blocked: 4 Allocates from client 10\.92\.1\.12 unanswered since frame 1, yet it answers over TCP (frame 10); .*open UDP 3478-3481' ||
    { echo "  udp-blocked's message"; words_ok=0; }
msgs lab/relay-bad-credentials ucdiag.relay.credentials_refused |
    grep -q '^Relay 10\.92\.2\.10 refuses client 10\.92\.1\.13.s credentials: 401 Unauthorized to the signed Allocate of frame 3; .*MRAS credentials or a clock' ||
    { echo "  bad-credentials' message"; words_ok=0; }
for code in '431 Integrity Check Failure' '437 Allocation Mismatch' '441 Wrong Credentials' '486 Allocation Quota Reached' '508 Insufficient Capacity'; do
    msgs relay-corners ucdiag.relay. | grep -q "^\(Relay .* \)\?$code\|: $code to the signed" ||
        { echo "  relay-corners: no message names $code"; words_ok=0; }
done
[ $words_ok = 1 ] && pass "media relays: each finding names relay, client, frames, the code in words and the usual cause" ||
    fail "media relays: each finding names relay, client, frames, the code in words and the usual cause"

# ---- one pass and two agree; the first pass lights what a full one finds ----
mkdir -p "$UCD_STAGE/no-plugins"
agree=1
light=1
for cap in $RELAY_CAPTURES; do
    f=$UCD_STAGE/captures/$cap.pcap
    ucd_tshark -2 -r "$f" -T pdml 2>/dev/null | ucd_experts_from_pdml ucdiag. >"$UCD_STAGE/work/relay-two"
    ucd_experts_from_pdml ucdiag. <"$UCD_STAGE/work/relay-$(basename "$cap").pdml" >"$UCD_STAGE/work/relay-one"
    cmp -s "$UCD_STAGE/work/relay-one" "$UCD_STAGE/work/relay-two" || { echo "  $cap: -2 differs"; agree=0; }
    one=$(ucd_tshark -r "$f" -Y ucdiag.relay -T fields -e frame.number -e ucdiag.relay.response_to \
          -e ucdiag.relay.response_time -e ucdiag.relay.challenge -e ucdiag.relay.retransmission 2>&1)
    two=$(ucd_tshark -2 -r "$f" -Y ucdiag.relay -T fields -e frame.number -e ucdiag.relay.response_to \
          -e ucdiag.relay.response_time -e ucdiag.relay.challenge -e ucdiag.relay.retransmission 2>&1)
    [ -n "$one" ] && [ "$one" = "$two" ] || { echo "  $cap: the messages' fields differ with -2"; agree=0; }
    first=$(ucd_tshark -r "$f" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
            awk '$2 == "Warning" || $2 == "Error" {print $1}' | paste -sd, -)
    full=$(cut -f1 "$UCD_STAGE/work/relay-two" | sort -nu | paste -sd, -)
    plain=$(ucd_tshark_plain -r "$f" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
            awk '$2 == "Warning" || $2 == "Error" {print $1}' | paste -sd, -)
    [ "$first" = "$(printf '%s\n' ${full//,/ } ${plain//,/ } | sort -nu | paste -sd, -)" ] ||
        { echo "  $cap: first pass flags '$first', findings '$full', without ucdiag '$plain'"; light=0; }
done
[ $agree = 1 ] && pass "media relays: one pass and -2 give the same findings and message fields" ||
    fail "media relays: one pass and -2 give the same findings and message fields"
[ $light = 1 ] && pass "media relays: the first pass (no tree) flags exactly the frames with a finding" ||
    fail "media relays: the first pass (no tree) flags exactly the frames with a finding"
info=$(ucd_tshark -r "$UCD_STAGE/captures/lab/relay-udp-blocked.pcap" 2>&1 | grep -F '[UC: ' |
       sed 's/^ *\([0-9]*\) .*\(\[UC: [^]]*\]\).*$/\1 \2/' | paste -sd'|' -)
[ "$info" = "4 [UC: relay 10.92.2.10 unanswered over UDP]|10 [UC: UDP to relay 10.92.2.10 blocked, TCP fallback]" ] &&
    pass "media relays: the packet list says it in Info, on the finding's frames only" ||
    { echo "  got: $info"; fail "media relays: the packet list says it in Info, on the finding's frames only"; }

# ---- display filters ----
expect_frames lab/relay-quota.pcap 'ucdiag.relay.error_code == 486' '10' "filter on a relay's error code"
expect_frames lab/relay-udp-ok.pcap 'ucdiag.relay.challenge' '2,8' "filter on the 401 challenges, normal every time"
expect_frames relay-corners.pcap 'ucdiag.relay.transport == 2 && ucdiag.relay.dialect == 2' '41,42,43,44' \
    "MS-TURN over TCP 443 behind its framing, the success sharing its segment with data"
expect_frames relay-corners.pcap 'ucdiag.relay.relay == 10.93.2.11' '33,34,35,36' \
    "filter on a relay's address: the four unanswered Allocates"
expect_frames lab/relay-tcp-ok.pcap 'ucdiag.relay.method == 7 && ucdiag.relay.class == 2' '36' \
    "two messages in one TCP segment: the second, a CreatePermission success, is read too"

# ---- the merged lab: one row per client and relay ----
mergecap -F pcap -w "$UCD_STAGE/work/relay-merged.pcap" "$UCD_STAGE"/captures/lab/relay-*.pcap
chmod a+r "$UCD_STAGE/work/relay-merged.pcap"
ucd_tshark -r "$UCD_STAGE/work/relay-merged.pcap" -q -z ucdiag,relays 2>&1 | grep -- ' |' | tr -s ' ' \
    >"$UCD_STAGE/work/relay-merged.txt"
rows=$(grep -c '^10\.92\.1\.1[1-6] |10\.92\.2\.10 |' "$UCD_STAGE/work/relay-merged.txt")
[ "$rows" = 6 ] && pass "-z ucdiag,relays: the merged lab gives one row per client and relay (6)" ||
    { cat "$UCD_STAGE/work/relay-merged.txt"; fail "-z ucdiag,relays: the merged lab gives one row per client and relay"; }
# Past the tracking limit: the note once, the table's last row, later
# clients not followed, on both passes.
limit='Tracking limit of 2 relay clients reached; later relay clients are not followed (preference ucdiag.relay_max_clients)'
notes=$(ucd_tshark -2 -r "$UCD_STAGE/work/relay-merged.pcap" -o ucdiag.relay_max_clients:2 -Y ucdiag.tracking_limit \
        -T fields -e _ws.expert.message 2>&1 | grep -c "$limit")
last=$(ucd_tshark -r "$UCD_STAGE/work/relay-merged.pcap" -o ucdiag.relay_max_clients:2 -q -z ucdiag,relays 2>&1 |
       grep -B1 '^=*$' | grep -v '^=' | tail -n1)
clients=$(ucd_tshark -2 -r "$UCD_STAGE/work/relay-merged.pcap" -o ucdiag.relay_max_clients:2 -Y ucdiag.relay \
          -T fields -e ucdiag.relay.client 2>&1 | sort -u | wc -l)
[ "$notes" = 1 ] && [ "${last#"$limit"}" != "$last" ] && [ "$clients" = 2 ] &&
    pass "tracking limit: relay clients past ucdiag.relay_max_clients are not followed, said once and in the table" ||
    { echo "  notes $notes, last row '$last', clients followed $clients";
      fail "tracking limit: relay clients past ucdiag.relay_max_clients are not followed, said once and in the table"; }

# ---- preferences ----
expect_frames_opt "ucdiag.relay_unanswered_attempts:5: four unanswered Allocates are not yet a finding" '' \
    lab/relay-udp-blocked.pcap 'ucdiag.relay.udp_unanswered || ucdiag.relay.udp_blocked' -o ucdiag.relay_unanswered_attempts:5
expect_frames_opt "ucdiag.relay_unanswered_seconds:1: the third Allocate, 1.5 s after the first, is" '3,10' \
    lab/relay-udp-blocked.pcap 'ucdiag.relay.udp_unanswered || ucdiag.relay.udp_blocked' -o ucdiag.relay_unanswered_seconds:1

# ---- captures cut short: never a read past what was captured ----
cut_ok=1
for cap in $RELAY_CAPTURES; do
    for snap in 40 60 70 90; do
        cutf=$UCD_STAGE/work/relay-cut.pcap
        editcap -s "$snap" "$UCD_STAGE/captures/$cap.pcap" "$cutf" && chmod a+r "$cutf"
        out=$(ucd_tshark -2 -r "$cutf" -V 2>&1) || { echo "  $cap cut at $snap: tshark failed"; cut_ok=0; }
        grep -q 'Malformed Packet: UCDIAG\|Dissector bug' <<<"$out" && { echo "  $cap cut at $snap: ucdiag threw"; cut_ok=0; }
    done
done
[ $cut_ok = 1 ] && pass "media relays: every capture cut at 40, 60, 70 and 90 bytes reads without an exception" ||
    fail "media relays: every capture cut at 40, 60, 70 and 90 bytes reads without an exception"
