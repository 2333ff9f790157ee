# Sourced by tests/run.sh once the plugin is staged: tshark loads it, and what
# it registers is what the README documents. Nothing after this means
# anything if the plugin does not load, so that failure ends the run.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- the plugin loads ----
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
# The post-dissector's switch is ucdiag itself (its checks are listed as
# ucdiag.checks): disabled, it judges nothing; enabled, the mis-marked
# packets of qos-mismatch.pcap (2, 4, 6 and 8, as qos.sh reviews them) are
# flagged.
on=$(ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" "${PLAN[@]}" -Y "ucdiag.qos.dscp_mismatch || ucdiag.qos.unmarked" -T fields -e frame.number 2>&1 | paste -sd,)
off=$(ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" "${PLAN[@]}" --disable-protocol ucdiag -Y 'ucdiag || _ws.expert' \
        -T fields -e frame.number 2>&1 | paste -sd,)
if [ "$on" = 2,4,6,8 ] && [ -z "$off" ] && ucd_tshark -G protocols 2>/dev/null | awk -F'\t' '{for (i = 1; i <= NF; i++) if ($i == "ucdiag.checks") f = 1} END {exit !f}'; then
    pass "--disable-protocol ucdiag turns the checks off (ucdiag.checks listed); enabled, they flag frames $on"
else
    echo "  enabled: '$on'; disabled: '$off'"
    fail "--disable-protocol ucdiag turns the checks off (ucdiag.checks listed)"
fi
if ucd_tshark -G heuristic-decodes 2>/dev/null | grep -q $'^dhcp.vendor_info\tmsuc'; then
    pass "msuc is on DHCP's dhcp.vendor_info heuristic list"
else
    fail "msuc is on DHCP's dhcp.vendor_info heuristic list"
fi
