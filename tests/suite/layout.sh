# Sourced by tests/run.sh: the code's layout holds (doc/ARCHITECTURE.md).
# Nothing here runs the plugin; it reads the sources.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- the floors: readers below logic, both below epan ----
# A file may include, in quotes, only headers of its own floor or one below;
# neither floor includes Wireshark's or GLib's headers, so both build and test
# without them.
floors_ok=1
for f in dissectors/readers/*.[ch] dissectors/logic/*.[ch]; do
    floor=$(basename "$(dirname "$f")")
    allowed="readers"
    [ "$floor" = logic ] && allowed="readers logic"
    while read -r inc; do
        found=""
        for d in $allowed; do [ -e "dissectors/$d/$inc" ] && found=$d; done
        [ -n "$found" ] || { echo "  $f includes \"$inc\", not on its floor or below"; floors_ok=0; }
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
    if grep -qE '^#include <(epan|wsutil|glib)' "$f"; then
        echo "  $f includes an epan or GLib header"
        floors_ok=0
    fi
done
[ $floors_ok = 1 ] && pass "layout: dissectors/readers/ includes only readers, logic/ only logic and readers, neither epan" ||
    fail "layout: dissectors/readers/ includes only readers, logic/ only logic and readers, neither epan"

# ---- rooms and functions small enough to read ----
# About 700 lines a source file and 100 a function; the hf and ei arrays of a
# registration function are a list, not logic, and are let through.
big=$(wc -l dissectors/*.[ch] dissectors/*/*.[ch] plugin/*.c test-captures/gen/*.[ch] |
      awk '$2 != "total" && $1 > 720 {print "  " $2 ": " $1 " lines"}')
[ -z "$big" ] && pass "layout: no source file over 720 lines" || { echo "$big"; fail "layout: no source file over 720 lines"; }
long=$(awk 'FNR == 1 {name = ""}
            /^[a-z_][a-z0-9_]*\(/ {name = $0; sub(/\(.*/, "", name); start = FNR}
            /^}/ && name != "" {
                if (FNR - start > 100 && name !~ /register/)
                    print "  " FILENAME ": " name ", " FNR - start " lines"
                name = ""
            }' dissectors/*.c dissectors/*/*.c plugin/*.c test-captures/gen/*.c)
[ -z "$long" ] && pass "layout: no function over 100 lines (registration lists aside)" ||
    { echo "$long"; fail "layout: no function over 100 lines (registration lists aside)"; }
