# Sourced by tests/run.sh after the build: what needs the build tree and no
# tshark. The unit tests of the pure logic, and the committed captures
# against what the generator writes.
# SPDX-License-Identifier: GPL-2.0-or-later

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
