# Sourced by tests/run.sh after limits.sh: ucdiag in pipelines (issue 21).
# `-z ucdiag,findings` in one pass against what -2 shows in the tree, on
# every capture the suite uses (the bundled and lab ones, the absurd
# timestamps time.sh made, the floods limits.sh made, 260 clients past the
# 200 worded findings of a kind); every line valid JSON with the README's
# keys, severities as words, subjects of the documented kinds; msuc's errors
# there; -2 adds nothing; reviewed lines of a few captures; and the table
# records of `-z ucdiag,records` against the text tables. JSON is read with
# jq, which scripts/install-deps.sh installs.
# SPDX-License-Identifier: GPL-2.0-or-later

PIPE=$UCD_STAGE/work/pipeline
mkdir -p "$PIPE"
chmod 1777 "$PIPE"
# Run alone, this file makes the captures time.sh and limits.sh would have.
[ -e "$UCD_STAGE/captures/absurd-time.pcapng" ] ||
    "$BUILD/ucdiag-gencap" --absurd-time "$UCD_STAGE/captures/absurd-time.pcapng"
for kind in syn inform lldp stun; do
    [ -e "$UCD_STAGE/work/limit-$kind.pcap" ] ||
        "$BUILD/ucdiag-gencap" "--$kind-flood" 40 "$UCD_STAGE/work/limit-$kind.pcap"
done
[ -e "$UCD_STAGE/work/distinct-clients.pcap" ] ||
    "$BUILD/ucdiag-gencap" --distinct-clients 260 "$UCD_STAGE/work/distinct-clients.pcap"
chmod a+r "$UCD_STAGE/captures/absurd-time.pcapng" "$UCD_STAGE"/work/*.pcap

# What every line of -z ucdiag,findings holds, in the README's order, and
# the subject's kind each concern gives (so that no finding takes another
# concern's subject of the same packet): a jq test, true for a good line.
FINDING_OK='
    def text: type == "string" and length > 0;
    def addr: . == null or type == "string";
    def port: . == null or type == "number";
    def subject_keys: {
        flow: ["kind", "transport", "src", "sport", "dst", "dport"],
        client: ["kind", "mac", "ip", "relay", "server"],
        phone: ["kind", "mac", "ip", "server", "port"],
        relay: ["kind", "client", "relay"],
        server: ["kind", "server", "port", "host", "client"],
        capture: ["kind"] };
    keys_unsorted == ["schema", "file", "frame", "time", "id", "severity", "summary", "message", "subject"]
    and .schema == 1 and (.file | text) and (.frame | type == "number" and . >= 1)
    and (.time == null or (.time | test("^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\.[0-9]{6}Z$")))
    and (.id | test("^(ucdiag|msuc)\\.[a-z0-9_.]+$"))
    and (.severity | IN("chat", "note", "warning", "error"))
    and (.summary | text) and (.message | text)
    and (.subject | type == "object" and (.kind as $k | subject_keys[$k] // null) == keys_unsorted)
    and .subject.kind == (.id | if test("tracking_limit$") then "capture"
                                elif test("^ucdiag\\.(qos|vbss)\\.") then "flow"
                                elif test("^(ucdiag\\.dhcp|msuc)\\.") then "client"
                                elif test("^ucdiag\\.boot\\.") then "phone"
                                elif test("^ucdiag\\.cert\\.") then "server"
                                elif test("^ucdiag\\.relay\\.") then "relay" else "?" end)
    and (.subject | all(.src, .dst, .ip, .relay, .server, .client; addr))
    and (.subject | all(.sport, .dport, .port; port))'

# findings_of NAME CAPTURE OPTIONS...: the lines of one pass, and "frame<TAB>id"
# of them and of the ucdiag and msuc experts of -2's tree, in PIPE; with
# "<TAB>message" too in .found-words and .tree-words.
findings_of() {
    local name=$1 cap=$2
    shift 2
    ucd_tshark "$@" -r "$cap" -q -z ucdiag,findings >"$PIPE/$name.jsonl" 2>"$PIPE/$name.err"
    jq -r '"\(.frame)\t\(.id)\t\(.message)"' <"$PIPE/$name.jsonl" 2>&1 | sort >"$PIPE/$name.found-words"
    ucd_tshark "$@" -2 -r "$cap" -T pdml 2>/dev/null | ucd_experts_from_pdml '' |
        awk -F'\t' '$2 ~ /^(ucdiag|msuc)\./ {print $1 "\t" $2 "\t" $4}' | sort >"$PIPE/$name.tree-words"
    cut -f1,2 "$PIPE/$name.found-words" | sort >"$PIPE/$name.found"
    cut -f1,2 "$PIPE/$name.tree-words" | sort >"$PIPE/$name.tree"
}

# ---- one pass gives every finding -2 shows, the end-of-capture ones too ----
# The QoS options make every media flow on a plan port judged, so that QoS
# speaks on every capture it can.
runs=()
for cap in "$UCD_STAGE"/captures/*.pcap "$UCD_STAGE"/captures/absurd-time.pcapng "$UCD_STAGE"/captures/lab/*.pcap; do
    name=$(basename "${cap%.*}")
    findings_of "$name" "$cap" "${PLAN[@]}" "${SITE[@]}"
    runs+=("$name")
done
lim=(-o ucdiag.boot_max_phones:5 -o ucdiag.dhcp_max_transactions:4 -o msuc.max_transactions:3
     -o ucdiag.qos_max_flows:6 -o ucdiag.cert_max_connections:3 -o ucdiag.relay_max_clients:2)
for cap in "$UCD_STAGE"/work/limit-*.pcap; do
    name=$(basename "${cap%.pcap}")
    findings_of "$name" "$cap" "${lim[@]}"
    runs+=("$name")
done
findings_of distinct-clients "$UCD_STAGE/work/distinct-clients.pcap"
runs+=(distinct-clients)
same=1
total=0
for name in "${runs[@]}"; do
    if ! diff -q "$PIPE/$name.found" "$PIPE/$name.tree" >/dev/null; then
        echo "  $name: -z ucdiag,findings (<) against -2's tree (>):"
        diff "$PIPE/$name.found" "$PIPE/$name.tree" | grep '^[<>]' | head -5
        same=0
    fi
    total=$((total + $(wc -l <"$PIPE/$name.tree")))
done
[ $same = 1 ] && [ "$total" -gt 1500 ] &&
    pass "-z ucdiag,findings: one pass gives the (frame, id) of every ucdiag and msuc expert -2 shows, on ${#runs[@]} captures ($total findings)" ||
    fail "-z ucdiag,findings: one pass gives the (frame, id) of every ucdiag and msuc expert -2 shows ($total in the trees)"
# Their messages too: a first pass words a finding with what it knows by
# then, and on these captures that is all -2 knows. (Not the 260 clients:
# there the tree words only the first 200 of a kind, the records all.)
same=1
for name in "${runs[@]}"; do
    [ "$name" = distinct-clients ] && continue
    if ! diff -q "$PIPE/$name.found-words" "$PIPE/$name.tree-words" >/dev/null; then
        echo "  $name: messages of -z ucdiag,findings (<) against -2's tree (>):"
        diff "$PIPE/$name.found-words" "$PIPE/$name.tree-words" | grep '^[<>]' | head -4
        same=0
    fi
done
[ $same = 1 ] && pass "-z ucdiag,findings: each message is the one -2 shows in the tree" ||
    fail "-z ucdiag,findings: each message is the one -2 shows in the tree"
# The findings only the capture's end decides are among them.
ends=$(cat "$PIPE"/{inform-client-kinds,msuc-no-option60,boot-inform-fw}.found |
       grep -c 'ucdiag.dhcp.inform_unanswered\|ucdiag.dhcp.capture_too_short')
[ "$ends" -ge 5 ] && pass "-z ucdiag,findings: unanswered INFORMs and captures too short to tell, in one pass" ||
    fail "-z ucdiag,findings: unanswered INFORMs and captures too short to tell, in one pass ($ends)"

# ---- every line is JSON with the documented keys ----
cat "$PIPE"/*.jsonl >"$PIPE/all.jsonl"
bad=$(jq -c "select(($FINDING_OK) | not)" <"$PIPE/all.jsonl" 2>&1)
lines=$(wc -l <"$PIPE/all.jsonl")
if [ -z "$bad" ] && [ "$(jq -c . <"$PIPE/all.jsonl" | wc -l)" = "$lines" ]; then
    pass "-z ucdiag,findings: all $lines lines are JSON with the README's keys, severities as words, subjects by kind"
else
    head -c 1500 <<<"$bad"
    fail "-z ucdiag,findings: every line is JSON with the README's keys, severities as words, subjects by kind"
fi
stderr=$(cat "$PIPE"/*.err)
[ -z "$stderr" ] && pass "-z ucdiag,findings: nothing on stderr" || { head -5 <<<"$stderr"; fail "-z ucdiag,findings: nothing on stderr"; }
files=$(jq -r '.file' <"$PIPE/all.jsonl" | grep -vc "^$UCD_STAGE/\(captures\|work\)/")
[ "$files" = 0 ] && pass "-z ucdiag,findings: file is the capture tshark was told to read" ||
    fail "-z ucdiag,findings: file is the capture tshark was told to read ($files lines name another)"
# msuc's errors, with their words and the client they concern.
msuc=$(jq -r 'select(.id == "msuc.suboption.truncated") | "\(.frame) \(.severity) \(.summary) \(.subject.mac)"' \
       <"$PIPE/msuc-truncated-90.jsonl" | paste -sd, -)
errors=$(jq -r 'select(.id | startswith("msuc.")) | select(.severity == "error") | .id' <"$PIPE/all.jsonl" | sort -u | wc -l)
[ "$msuc" = "2 error option 43 truncated 00:04:f2:aa:bb:21,4 error option 43 truncated 00:04:f2:aa:bb:22" ] &&
    [ "$errors" -ge 5 ] &&
    pass "-z ucdiag,findings: msuc's errors are there, as errors ($errors kinds of them)" ||
    { echo "  truncated: '$msuc', kinds of msuc errors: $errors"; fail "-z ucdiag,findings: msuc's errors are there, as errors"; }
# Past the 200 worded findings of a kind that -z expert groups, each record
# keeps its whole message.
worded=$(jq -r 'select(.id == "ucdiag.dhcp.provisioning_options_missing") | .message' <"$PIPE/distinct-clients.jsonl" |
         grep -c '^ACK from server 10\.1\.1\.10 to MS-UC-Client phone 10\.')
[ "$worded" = 260 ] && pass "-z ucdiag,findings: all 260 findings of a kind worded, not only the first 200" ||
    fail "-z ucdiag,findings: all 260 findings of a kind worded, not only the first 200 ($worded)"
# Past ucdiag.findings_max_records, the last line says so.
cut_short=$(ucd_tshark "${PLAN[@]}" -o ucdiag.findings_max_records:3 -r "$UCD_STAGE/captures/lab/media-real.pcap" -q \
            -z ucdiag,findings 2>&1 | jq -r '"\(.frame) \(.id)"' | paste -sd, -)
[ "$cut_short" = "83 ucdiag.qos.unmarked,85 ucdiag.qos.unmarked,87 ucdiag.qos.unmarked,88 ucdiag.tracking_limit" ] &&
    pass "-z ucdiag,findings: past ucdiag.findings_max_records, a last line says where it stopped" ||
    fail "-z ucdiag,findings: past ucdiag.findings_max_records, a last line says where it stopped ($cut_short)"

# ---- -2 gives the same lines: an end-of-capture finding is not said twice ----
twice=1
for name in inform-client-kinds msuc-no-option60 inform-answers; do
    ucd_tshark "${PLAN[@]}" "${SITE[@]}" -2 -r "$UCD_STAGE/captures/$name.pcap" -q -z ucdiag,findings 2>&1 |
        cmp -s - "$PIPE/$name.jsonl" || { echo "  $name: -2 differs"; twice=0; }
done
ucd_tshark -2 -r "$UCD_STAGE/captures/lab/boot-inform-fw.pcap" "${PLAN[@]}" "${SITE[@]}" -q -z ucdiag,findings 2>&1 |
    cmp -s - "$PIPE/boot-inform-fw.jsonl" || { echo "  boot-inform-fw: -2 differs"; twice=0; }
[ $twice = 1 ] && pass "-z ucdiag,findings with -2: the same lines as one pass" ||
    fail "-z ucdiag,findings with -2: the same lines as one pass"
# The tap takes no filter, and is one: it says so rather than ignore a
# filter or print every line twice.
if ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" -q -z ucdiag,findings,ip.src==10.1.1.20 >/dev/null 2>&1 ||
   ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" -q -z ucdiag,findings -z ucdiag,findings >/dev/null 2>&1; then
    fail "-z ucdiag,findings,FILTER and -z ucdiag,findings twice are refused"
else
    pass "-z ucdiag,findings,FILTER and -z ucdiag,findings twice are refused"
fi

# ---- reviewed lines: the findings and records of a few captures ----
# Read from the captures' folder, so that "file" is the name as given.
pipeline_reviewed() {
    local cap
    cd "$UCD_STAGE/captures" || return
    for cap in inform-client-kinds msuc-truncated-90 qos-mismatch relay-corners lab/cert-expired lab/boot-ntp-skew; do
        echo "== $cap.pcap -z ucdiag,findings"
        ucd_tshark "${PLAN[@]}" -r "$cap.pcap" -q -z ucdiag,findings 2>&1
    done
    for cap in qos-mismatch lab/boot-inform-fw lab/inform-dhcpd-fw-server relay-corners; do
        echo "== $cap.pcap -z ucdiag,records"
        ucd_tshark "${PLAN[@]}" -r "$cap.pcap" -q -z ucdiag,records 2>&1
    done
    cd "$UCD_ROOT" || return
}
pipeline_reviewed >"$UCD_STAGE/work/pipeline.txt"
same_as_reviewed "$EXPECTED/pipeline.txt" "$UCD_STAGE/work/pipeline.txt" \
    "-z ucdiag,findings and -z ucdiag,records: a few captures' lines as reviewed"

# ---- -z ucdiag,records: the text tables' rows, numbers as numbers ----
# text_rows: how many rows a -z table's text has, less its heading.
text_rows() { grep -c -- ' |$' | awk '{print $1 - 1}'; }
records_ok=1
for spec in "lab/inform-dhcpd-fw-merged.pcap:dhcp" "lab/boot-ok.pcap:bootstrap" "lab/boot-stale-url.pcap:bootstrap" \
            "lab/qos-real.pcap:qos" "lab/media-real.pcap:qos" "lab/relay-udp-blocked.pcap:relays" \
            "work/limit-inform.pcap:dhcp" "work/limit-stun.pcap:qos"; do
    cap=${spec%%:*} table=${spec##*:}
    where=$UCD_STAGE/captures/$cap
    opt=("${PLAN[@]}" "${SITE[@]}")
    [ "${cap#work/}" != "$cap" ] && where=$UCD_STAGE/$cap && opt=("${lim[@]}")
    ucd_tshark "${opt[@]}" -r "$where" -q -z ucdiag,records >"$PIPE/records.jsonl" 2>&1
    want=$(ucd_tshark "${opt[@]}" -r "$where" -q -z "ucdiag,$table" 2>&1 | text_rows)
    got=$(jq -c "select(.table == \"$table\")" <"$PIPE/records.jsonl" | wc -l)
    typed=$(jq -c 'select(.schema != 1 or (.file | type) != "string"
                          or ((.first_frame // 1) | type) != "number" or ((.attempts // 1) | type) != "number"
                          or ((.packets // 1) | type) != "number" or ((.allocates_udp // 1) | type) != "number"
                          or (has("tracking_limit") and (keys_unsorted | length) != 4))' <"$PIPE/records.jsonl" 2>&1)
    if [ "$got" != "$want" ] || [ "$want" -lt 1 ] || [ -n "$typed" ]; then
        echo "  $cap: $got $table records, $want rows in -z ucdiag,$table${typed:+; $typed}"
        records_ok=0
    fi
done
[ $records_ok = 1 ] && pass "-z ucdiag,records: a record per row of each text table, numbers as numbers, limits as their own lines" ||
    fail "-z ucdiag,records: a record per row of each text table, numbers as numbers, limits as their own lines"
