# Sourced by tests/run.sh after pipeline.sh: ucdiag-scan (issue 21) on a
# folder of captures with errors, with warnings only, in subfolders, gzip'd,
# and one cut short: the exit codes, the broken capture named and the others
# all read, the same lines whatever --jobs, --fail-on error passing a folder
# of warnings, a misspelt preset or option refused, and _bulk lines. Run as
# root the scan's tshark is the suite's (ucd_tshark drops root), through
# UCDIAG_SCAN_TSHARK; UCD_INSTALLED=1 scans with the installed command.
# SPDX-License-Identifier: GPL-2.0-or-later

SCAN=$UCD_ROOT/scripts/ucdiag-scan
[ "${UCD_INSTALLED:-}" = 1 ] && SCAN=$(command -v ucdiag-scan)
SCAN_DIR=$UCD_STAGE/work/scan
rm -rf "$SCAN_DIR"
mkdir -p "$SCAN_DIR/mixed/site-b/phones" "$SCAN_DIR/warnings/sub"
cat >"$SCAN_DIR/tshark" <<EOF
#!/usr/bin/env bash
. "$UCD_ROOT/tests/lib.sh"
UCD_STAGE=$UCD_STAGE
ucd_tshark "\$@"
EOF
chmod a+rx "$SCAN_DIR/tshark"
caps=$UCD_ROOT/test-captures
cp "$caps/msuc-truncated-90.pcap" "$caps/lab/inform-dhcpd-fw-server.pcap" "$SCAN_DIR/mixed/"
cp "$caps/lab/boot-ntp-skew.pcap" "$SCAN_DIR/mixed/site-b/phones/"
gzip -c "$caps/relay-corners.pcap" >"$SCAN_DIR/mixed/site-b/relays.pcap.gz"
head -c 1000 "$caps/msuc-truncated-90.pcap" >"$SCAN_DIR/mixed/site-b/cut-short.pcap"
cp "$caps/lab/inform-dhcpd-fw-server.pcap" "$SCAN_DIR/warnings/"
cp "$caps/lab/boot-ntp-skew.pcap" "$SCAN_DIR/warnings/sub/"
chmod -R a+rX "$SCAN_DIR"
# scan OUT ARGS...: ucdiag-scan into OUT; its summary in OUT.txt, its status in $rc.
scan() {
    local out=$1
    shift
    UCDIAG_SCAN_TSHARK=$SCAN_DIR/tshark "$SCAN" --out "$out" "$@" >"$out.txt" 2>&1
    rc=$?
}

# ---- a broken capture: named, exit 2, every other one read ----
scan "$SCAN_DIR/out-mixed" --jobs 2 "$SCAN_DIR/mixed"
read_files=$(jq -r .file "$SCAN_DIR/out-mixed/findings.jsonl" | sort -u | sed "s|^$SCAN_DIR/mixed/||" | paste -sd, -)
alone=0
for f in msuc-truncated-90.pcap inform-dhcpd-fw-server.pcap site-b/phones/boot-ntp-skew.pcap site-b/relays.pcap.gz; do
    n=$(ucd_tshark -r "$SCAN_DIR/mixed/$f" -q -z ucdiag,findings 2>/dev/null | wc -l)
    alone=$((alone + n))
done
if [ "$rc" = 2 ] && grep -q "unreadable: .*/site-b/cut-short.pcap: .*cut short" "$SCAN_DIR/out-mixed.txt" &&
   [ "$read_files" = "inform-dhcpd-fw-server.pcap,msuc-truncated-90.pcap,site-b/phones/boot-ntp-skew.pcap,site-b/relays.pcap.gz" ] &&
   [ "$(wc -l <"$SCAN_DIR/out-mixed/findings.jsonl")" = "$alone" ] && [ -s "$SCAN_DIR/out-mixed/records.jsonl" ]; then
    pass "ucdiag-scan: a capture cut short is named, exit 2, and the four others (in subfolders, gzip'd) all read"
else
    cat "$SCAN_DIR/out-mixed.txt"
    echo "  status $rc, captures with findings: $read_files, findings $(wc -l <"$SCAN_DIR/out-mixed/findings.jsonl") of $alone"
    fail "ucdiag-scan: a capture cut short is named, exit 2, and the four others (in subfolders, gzip'd) all read"
fi
grep -q '^findings: 18: error 2, warning 16$' "$SCAN_DIR/out-mixed.txt" &&
    grep -q '^  2 1 0  .*/msuc-truncated-90.pcap$' "$SCAN_DIR/out-mixed.txt" &&
    pass "ucdiag-scan: the summary counts findings by severity and puts the worst capture first" ||
    { cat "$SCAN_DIR/out-mixed.txt"; fail "ucdiag-scan: the summary counts findings by severity and puts the worst capture first"; }

# ---- --fail-on: errors fail by default, warnings only pass with error ----
rm "$SCAN_DIR/mixed/site-b/cut-short.pcap"
scan "$SCAN_DIR/out-errors" --jobs 1 "$SCAN_DIR/mixed"
rc_errors=$rc
same_lines=$(cmp -s "$SCAN_DIR/out-errors/findings.jsonl" "$SCAN_DIR/out-mixed/findings.jsonl" && echo yes)
scan "$SCAN_DIR/out-warn" "$SCAN_DIR/warnings"
rc_warn=$rc
scan "$SCAN_DIR/out-warn-error" --fail-on error "$SCAN_DIR/warnings"
rc_warn_error=$rc
scan "$SCAN_DIR/out-note" --fail-on note "$SCAN_DIR/warnings/sub/boot-ntp-skew.pcap"
rc_note=$rc
if [ "$rc_errors" = 1 ] && [ "$rc_warn" = 1 ] && [ "$rc_warn_error" = 0 ] && [ "$rc_note" = 1 ] &&
   [ "$same_lines" = yes ]; then
    pass "ucdiag-scan: exit 1 at or above --fail-on, 0 below it (--fail-on error passes warnings); --jobs 1 and 2 give the same lines"
else
    echo "  errors: $rc_errors, warnings: $rc_warn, warnings with --fail-on error: $rc_warn_error, note: $rc_note, same lines: ${same_lines:-no}"
    fail "ucdiag-scan: exit 1 at or above --fail-on, 0 below it (--fail-on error passes warnings); --jobs 1 and 2 give the same lines"
fi

# ---- wrong options are refused, never replaced ----
refused=1
for args in "--preset tems" "--fail-on warn" "--jobs 0" "--color" "--bulk Bad/Index" "--out"; do
    # shellcheck disable=SC2086
    scan "$SCAN_DIR/out-refused" $args "$SCAN_DIR/warnings"
    [ "$rc" = 2 ] && grep -q '^ucdiag-scan: ' "$SCAN_DIR/out-refused.txt" || { echo "  '$args': status $rc"; refused=0; }
done
scan "$SCAN_DIR/out-refused"
[ "$rc" = 2 ] && grep -q '^ucdiag-scan: no capture or folder given' "$SCAN_DIR/out-refused.txt" ||
    { echo "  no path: status $rc"; refused=0; }
scan "$SCAN_DIR/out-refused" "$SCAN_DIR/no-such-folder"
[ "$rc" = 2 ] && grep -q 'unreadable: .*no-such-folder: no such file or folder' "$SCAN_DIR/out-refused.txt" ||
    { echo "  a missing folder: status $rc"; refused=0; }
grep -q "unknown preset 'tems': one of sfb teams sfb-field lpe custom" <(UCDIAG_SCAN_TSHARK=$SCAN_DIR/tshark "$SCAN" --preset tems x 2>&1) ||
    { echo "  --preset tems is not named"; refused=0; }
[ $refused = 1 ] && pass "ucdiag-scan: a misspelt preset, severity or option, --jobs 0, a bad index or a missing path: exit 2, said" ||
    fail "ucdiag-scan: a misspelt preset, severity or option, --jobs 0, a bad index or a missing path: exit 2, said"
# The presets it knows are the README's.
readme_presets=$(sed -n '/^### Presets and your table/,/^### Fields/p' "$UCD_ROOT/README.md" |
                 sed -n 's/^| `\([a-z-]*\)`.*/\1/p' | paste -sd' ' -)
scan_presets=$(sed -n 's/^PRESETS="\(.*\)"$/\1/p' "$SCAN")
[ "$readme_presets" = "$scan_presets" ] && pass "ucdiag-scan: its presets are the README's ($scan_presets)" ||
    fail "ucdiag-scan: its presets are the README's (README: $readme_presets; ucdiag-scan: $scan_presets)"
scan "$SCAN_DIR/out-teams" --preset teams --fail-on error "$SCAN_DIR/warnings"
[ "$rc" = 0 ] && pass "ucdiag-scan: --preset teams is taken" || fail "ucdiag-scan: --preset teams is taken (status $rc)"

# ---- --bulk: an action line before each finding ----
scan "$SCAN_DIR/out-bulk" --bulk ucdiag-nightly "$SCAN_DIR/warnings"
bulk_ok=$(jq -s 'length as $n | ([.[range(0; $n; 2)] | .index._index == "ucdiag-nightly"] | all)
                 and ([.[range(1; $n; 2)] | has("id")] | all) and $n > 0' "$SCAN_DIR/out-bulk/findings.bulk.ndjson")
[ "$bulk_ok" = true ] &&
    [ "$(wc -l <"$SCAN_DIR/out-bulk/findings.bulk.ndjson")" = $((2 * $(wc -l <"$SCAN_DIR/out-bulk/findings.jsonl"))) ] &&
    pass "ucdiag-scan --bulk: _bulk NDJSON, an index action before each finding" ||
    fail "ucdiag-scan --bulk: _bulk NDJSON, an index action before each finding"
