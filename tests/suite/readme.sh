# Sourced by tests/run.sh: what the README quotes is what tshark prints
# today. Every output block of README.md (a fence with no language; commands
# are fenced as sh) is preceded by a comment naming the commands that print
# it, one or more, separated by ';;':
#   <!-- quoted: tshark ARGS ;; experts ARGS ; drop: REGEX -->
# "tshark ARGS" is tshark's own output; "experts ARGS" prints one line per
# expert info, "FRAME MESSAGE", from -T fields. Captures are named as in
# test-captures/ (the README's names), plus relay-all.pcap, the README's
# merge of the relay lab. Each non-empty line of the block, its runs of
# blanks made one and a trailing "..." (a line the README cuts) taken off,
# must be part of a line of that output; "drop" first removes what the
# README adds around it (the demo's headings). So a message reworded, a
# column added or a number changed fails here until the README says it too.
# SPDX-License-Identifier: GPL-2.0-or-later

README_DIR=$UCD_STAGE/work/readme
mkdir -p "$README_DIR"
chmod a+rwx "$README_DIR"
mergecap -F pcap -w "$UCD_STAGE/captures/relay-all.pcap" "$UCD_STAGE"/captures/lab/relay-*.pcap
chmod a+r "$UCD_STAGE/captures/relay-all.pcap"

# quoted_output SPEC: what the commands of one annotation print.
quoted_output() {
    local cmd words kind
    local IFS=$'\n'
    for cmd in $(printf '%s\n' "$1" | sed 's/ ;; /\n/g'); do
        eval "words=($cmd)"
        kind=${words[0]}
        unset 'words[0]'
        case $kind in
            tshark)
                (cd "$UCD_STAGE/captures" && ucd_tshark "${words[@]}" 2>&1) ;;
            experts)
                (cd "$UCD_STAGE/captures" && ucd_tshark "${words[@]}" -T fields -E aggregator=$'\x1f' \
                    -e frame.number -e _ws.expert.message 2>&1) |
                    awk -F'\t' '{ n = split($2, m, "\x1f"); for (i = 1; i <= n; i++) print $1 "  " m[i] }' ;;
            *)
                echo "unknown kind '$kind' in a README annotation" ;;
        esac
    done
}

squeeze() { sed -E 's/[[:space:]]+/ /g; s/^ //; s/ $//'; }

readme_blocks=0
readme_bad=0
readme_unannotated=""
# Split the README into blocks: for each output block, its annotation and lines.
awk -v dir="$README_DIR" '
    /^<!-- quoted: .* -->$/ { spec = $0; sub(/^<!-- quoted: /, "", spec); sub(/ -->$/, "", spec); next }
    /^```/ {
        if (!inb) {
            inb = 1; lang = substr($0, 4); start = NR
            if (lang == "") {
                n++
                if (spec == "") print "unannotated " NR > (dir "/unannotated")
                print spec > (dir "/spec." n); print start > (dir "/line." n)
            }
            spec = ""; next
        }
        inb = 0; next
    }
    inb && lang == "" { print > (dir "/block." n) }
    !inb && $0 != "" { spec = (spec != "" && $0 ~ /^<!--/) ? spec : "" }
' "$UCD_ROOT/README.md"
[ -f "$README_DIR/unannotated" ] && readme_unannotated=$(awk '{ print $2 }' "$README_DIR/unannotated" | paste -sd, -)

for spec_file in "$README_DIR"/spec.*; do
    n=${spec_file##*.}
    spec=$(cat "$spec_file")
    [ -n "$spec" ] || continue
    [ -f "$README_DIR/block.$n" ] || continue
    readme_blocks=$((readme_blocks + 1))
    drop=""
    case $spec in *" ; drop: "*) drop=${spec#* ; drop: }; spec=${spec%% ; drop: *} ;; esac
    quoted_output "$spec" | squeeze >"$README_DIR/out.$n"
    while IFS= read -r line; do
        want=$(printf '%s\n' "$line" | { if [ -n "$drop" ]; then sed -E "s/$drop//"; else cat; fi; } |
               squeeze | sed -E 's/ ?(\.\.\.|…)$//')
        [ -n "$want" ] || continue
        # A line the README cuts in the middle ("...") is its pieces, in order, on one line.
        if ! awk -v want="$want" '
                BEGIN { n = split(want, piece, /\.\.\./) }
                { at = 1; ok = 1
                  for (i = 1; i <= n && ok; i++) {
                      p = index(substr($0, at), piece[i]); if (!p) ok = 0; else at += p - 1 + length(piece[i])
                  }
                  if (ok) { found = 1; exit } }
                END { exit !found }' "$README_DIR/out.$n"; then
            echo "  README line $(( $(cat "$README_DIR/line.$n") )) block, not printed by '$spec':"
            echo "    $want"
            readme_bad=$((readme_bad + 1))
        fi
    done <"$README_DIR/block.$n"
done

[ -z "$readme_unannotated" ] &&
    pass "README.md: every output block names the commands that print it" ||
    fail "README.md: every output block names the commands that print it (not at lines $readme_unannotated)"
[ "$readme_blocks" -ge 14 ] && [ "$readme_bad" = 0 ] &&
    pass "README.md: the $readme_blocks quoted outputs are what tshark prints today, line for line" ||
    fail "README.md: the quoted outputs are what tshark prints today ($readme_bad lines differ, $readme_blocks blocks)"

# The Info column's words the README quotes inline (`[UC: ...]`) are words a
# finding says: the summary of a finding in one of pipeline.sh's runs over
# every bundled and lab capture (it runs before this file).
uc_words_missing=""
if ls "$UCD_STAGE"/work/pipeline/*.jsonl >/dev/null 2>&1; then
    cat "$UCD_STAGE"/work/pipeline/*.jsonl | jq -r '.summary' 2>/dev/null | sort -u >"$README_DIR/summaries"
    while IFS= read -r words; do
        grep -qxF -- "$words" "$README_DIR/summaries" || uc_words_missing="$uc_words_missing [$words]"
    done < <(grep -o '`\[UC: [^]`]*\]`' "$UCD_ROOT/README.md" | sed 's/^`\[UC: //; s/\]`$//' | grep -vx '\.\.\.' | sort -u)
else
    uc_words_missing=" (pipeline.sh's findings are missing: run it first)"
fi
[ -z "$uc_words_missing" ] &&
    pass "README.md: every [UC: ...] it quotes is the summary of a finding tshark gives on the bundled or lab captures" ||
    fail "README.md: every [UC: ...] it quotes is a finding's summary (not:$uc_words_missing)"
