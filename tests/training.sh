#!/usr/bin/env bash
# The training pack's checks (test-captures/training/): every lesson's
# answers.sh against its reviewed answers.expected; every README names only
# fields Wireshark knows and profile buttons that exist; every capture opens
# with the "UC Diagnostics" profile without a complaint; the folder stays
# under 5 MB. Prints "ok - ..." and "FAIL - ..." lines; tests/run.sh counts
# them. Alone, after a build:
#
#   tests/training.sh [BUILD_DIR]      (UCD_INSTALLED=1: the installed plugin)
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/lib.sh"
own_stage=0
if [ -z "${UCD_STAGE:-}" ]; then
    ucd_stage "${1:-$UCD_ROOT/build}" || { echo "FAIL - training: could not stage the plugin"; exit 1; }
    own_stage=1
fi
T=$UCD_ROOT/test-captures/training
S=$UCD_STAGE/training
rm -rf "$S"
cp -r "$T" "$S"
chmod -R a+rX "$S"
bad=0
ok() { echo "ok - $1"; }
no() { echo "FAIL - $1"; bad=1; }

# answers.sh runs "$TSHARK": tshark as the suite runs it (as nobody when we
# are root, with the staged plugin and profile).
wrapper=$UCD_STAGE/work/tshark-for-lessons
cat >"$wrapper" <<EOF
#!/usr/bin/env bash
. "$UCD_ROOT/tests/lib.sh"
UCD_STAGE="$UCD_STAGE" UCD_INSTALLED="${UCD_INSTALLED:-}" ucd_tshark "\$@"
EOF
chmod a+rx "$wrapper"

protocols=$UCD_STAGE/work/known-protocols.txt
ucd_tshark -G protocols | awk -F'\t' '{ print $3 }' | sort -u >"$protocols"
fields=$UCD_STAGE/work/known-fields.txt
{
    ucd_tshark -G fields | awk -F'\t' '$1 == "F" || $1 == "P" { print $3 }'
    cat "$protocols"
} | sort -u >"$fields"
buttons=$(awk -F'","' '/^"TRUE"/ { print $2 }' "$UCD_ROOT/plugin/profiles/UC Diagnostics/dfilter_buttons")

lessons=0
for dir in "$T"/[0-9][0-9]-*/; do
    lesson=$(basename "$dir")
    lessons=$((lessons + 1))
    # 1. The answers still hold.
    out=$UCD_STAGE/work/lesson-$lesson.txt
    (cd "$UCD_STAGE/work" && TSHARK=$wrapper TMPDIR=$UCD_STAGE/work sh "$S/$lesson/answers.sh") >"$out" 2>&1
    if diff -u "$dir/answers.expected" "$out"; then
        ok "lesson $lesson: answers.sh prints the reviewed answers"
    else
        no "lesson $lesson: answers.sh prints the reviewed answers"
    fi
    # 2. The README's filters and fields exist: every dotted name in
    # backquotes whose first part is a protocol (host names such as
    # pool.contoso.com are not).
    unknown=$(grep -o '`[^`]*`' "$dir/README.md" | grep -oE '\b_?[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\b' | sort -u |
        while read -r name; do
            case $name in *.com|*.pcap|*.sh|*.svc|*.md|*.expected) continue ;; esac
            grep -qxF "${name%%.*}" "$protocols" || continue
            grep -qxF "$name" "$fields" || echo "$name"
        done)
    if [ -z "$unknown" ]; then
        ok "lesson $lesson: the README names only fields tshark -G fields knows"
    else
        no "lesson $lesson: the README names only fields tshark -G fields knows (unknown: $(echo $unknown))"
    fi
    # 3. The buttons it starts from are the profile's.
    missing=""
    while read -r b; do
        [ -n "$b" ] && ! grep -qxF "$b" <<<"$buttons" && missing="$missing \"$b\""
    done < <(grep -oE '\*[^*]+\* button' "$dir/README.md" | sed 's/^\*//; s/\* button$//' | sort -u)
    [ -n "$(grep -oE '\*[^*]+\* button|Statistics → UC' "$dir/README.md" | head -n1)" ] || missing="$missing (no start)"
    if [ -z "$missing" ]; then
        ok "lesson $lesson: says where to start, with buttons the UC Diagnostics profile has"
    else
        no "lesson $lesson: says where to start, with buttons the UC Diagnostics profile has (not found:$missing)"
    fi
    # 4. Symptom first, answer last.
    if awk '/^## The ticket/ { t = NR } /^## Questions/ { q = NR } /^## Hints/ { h = NR } /^## Answer/ { a = NR }
            END { exit !(t && q && h && a && t < q && q < h && h < a) }' "$dir/README.md"; then
        ok "lesson $lesson: the README reads ticket, questions, hints, then the answer"
    else
        no "lesson $lesson: the README reads ticket, questions, hints, then the answer"
    fi
    # 5. Each capture opens with the profile, without a word on stderr.
    complaints=""
    for cap in "$S/$lesson"/*.pcap; do
        err=$(ucd_tshark -C "UC Diagnostics" -r "$cap" 2>&1 >/dev/null) || complaints="$complaints $(basename "$cap") (exit)"
        [ -z "$err" ] || complaints="$complaints $(basename "$cap"): $err"
    done
    if [ -z "$complaints" ]; then
        ok "lesson $lesson: its captures open with the UC Diagnostics profile, no warning"
    else
        no "lesson $lesson: its captures open with the UC Diagnostics profile, no warning ($complaints)"
    fi
done

[ "$lessons" -ge 8 ] && ok "training pack: $lessons lessons (at least 8)" || no "training pack: $lessons lessons (at least 8)"
size=$(du -sk "$T" | cut -f1)
[ "$size" -lt 5120 ] && ok "training pack: $size KiB, under 5 MB" || no "training pack: $size KiB, under 5 MB"
grep -q 'test-captures/training' "$UCD_ROOT/README.md" && ok "training pack: the project README points to it" ||
    no "training pack: the project README points to it"

rm -rf "$S"
[ $own_stage = 1 ] && ucd_unstage
exit $bad
