# Sourced by tests/run.sh: what the -z tables give a user to act on: each
# row's display filter shows that row's packets, and each table's title
# counts its flagged rows.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- each row's Filter: compiles and selects the row's packets ----
# row_filters_hold CAPTURE TABLE [tshark options...]: for every record of
# the table, the frames its filter selects against the row's own first and
# last frame, packet count and step frames (where the table has them).
# Prints what disagrees; prints the number of rows checked last.
row_filters_hold() {
    local cap=$1 table=$2 rec filter frames want got n=0
    shift 2
    while read -r rec; do
        n=$((n + 1))
        filter=$(jq -r .filter <<<"$rec")
        frames=$(ucd_tshark "$@" -r "$cap" -Y "$filter" -T fields -e frame.number 2>&1)
        if ! [[ "$frames" =~ ^[0-9]+($'\n'[0-9]+)*$ ]]; then
            echo "  $(basename "$cap"): '$filter' does not compile or selects nothing: ${frames:0:200}"
            continue
        fi
        want=$(jq -r '[.first_frame, (.last_frame // "-"), (.packets // "-")] | join(" ")' <<<"$rec")
        got="$(head -n1 <<<"$frames") $( [ "$(jq -r 'has("last_frame")' <<<"$rec")" = true ] && tail -n1 <<<"$frames" || echo -)"
        got="$got $( [ "$(jq -r 'has("packets")' <<<"$rec")" = true ] && wc -l <<<"$frames" || echo -)"
        [ "$got" = "$want" ] || echo "  $(basename "$cap"): '$filter' selects first/last/count $got, the row says $want"
        # A phone's steps: every frame the row names is among them.
        for f in $(jq -r '.steps_frame // ""' <<<"$rec" | grep -o '#[0-9]*' | tr -d '#'); do
            grep -qx "$f" <<<"$frames" || echo "  $(basename "$cap"): '$filter' leaves out step frame $f"
        done
    done < <(ucd_tshark "$@" -r "$cap" -q -z ucdiag,records 2>&1 | jq -c "select(.table == \"$table\" and has(\"filter\"))")
    echo "$n"
}
# Captures of many rows: every lab phone in one, and more STUN flows than
# the QoS table follows (ucdiag.qos_max_flows:6).
mergecap -F pcap -w "$UCD_STAGE/work/tables-boot.pcap" "$UCD_STAGE"/captures/lab/boot-*.pcap
"$BUILD/ucdiag-gencap" --stun-flood 40 "$UCD_STAGE/work/tables-stun.pcap"
chmod a+r "$UCD_STAGE"/work/tables-*.pcap
filters_ok=1 rows_checked=0
for spec in "lab/inform-dhcpd-fw-merged.pcap:dhcp" "lab/inform-kea-relay-server.pcap:dhcp" "inform-client-kinds.pcap:dhcp" \
            "work/tables-boot.pcap:bootstrap" "lab/inform-dhcpd-fw-server.pcap:bootstrap" \
            "lab/qos-real.pcap:qos" "qos-ipv6.pcap:qos" "qos-tcp-fallback.pcap:qos" "qos-other-apps.pcap:qos" \
            "relay-corners.pcap:relays" "lab/relay-udp-blocked.pcap:relays"; do
    cap=${spec%%:*} table=${spec##*:}
    where=$UCD_STAGE/captures/$cap
    [ "${cap#work/}" != "$cap" ] && where=$UCD_STAGE/$cap
    out=$(row_filters_hold "$where" "$table")
    n=$(tail -n1 <<<"$out")
    rows_checked=$((rows_checked + n))
    if [ "$n" -lt 1 ] || [ "$(wc -l <<<"$out")" -gt 1 ]; then
        echo "  $cap ($table): $n rows checked"; sed '$d' <<<"$out"
        filters_ok=0
    fi
done
# Ports only: a stream's first packet, not yet known as media, is counted too.
out=$(row_filters_hold "$UCD_STAGE/captures/lab/qos-real.pcap" qos -o ucdiag.qos_media_only:FALSE)
[ "$(tail -n1 <<<"$out")" -ge 1 ] && [ "$(wc -l <<<"$out")" = 1 ] || { sed '$d' <<<"$out"; filters_ok=0; }
[ $filters_ok = 1 ] && pass "every row's Filter compiles and selects its row's packets: first and last frame, packet count, step frames ($rows_checked rows of dhcp, bootstrap, qos (IPv4, IPv6, TCP), relays (IPv4, IPv6))" ||
    fail "every row's Filter compiles and selects its row's packets: first and last frame, packet count, step frames"

# ---- each title: how many of its rows are flagged ----
# flagged_in_title CAPTURE TABLE [options...]: "title|flagged|rows": the title
# tshark prints, and the count the records give (Findings not empty; for QoS,
# mismatched packets), limit lines left out.
flagged_in_title() {
    local cap=$1 table=$2
    shift 2
    local title counts
    title=$(ucd_tshark "$@" -r "$cap" -q -z "ucdiag,$table" 2>&1 | sed -n '/ |$/{n;p;q}')
    counts=$(ucd_tshark "$@" -r "$cap" -q -z ucdiag,records 2>&1 |
             jq -rs --arg t "$table" '[.[] | select(.table == $t and (has("tracking_limit") | not))] |
                 "\(map(select((.findings // "") != "" or (.mismatched // 0) > 0)) | length)|\(length)"')
    echo "$title|$counts"
}
titles_ok=1
for spec in "lab/inform-dhcpd-fw-merged.pcap:dhcp" "lab/inform-kea-client.pcap:dhcp" "work/tables-boot.pcap:bootstrap" \
            "qos-mismatch.pcap:qos" "qos-evidence.pcap:qos" "relay-corners.pcap:relays" "work/tables-stun.pcap:qos"; do
    cap=${spec%%:*} table=${spec##*:}
    where=$UCD_STAGE/captures/$cap
    opt=()
    [ "${cap#work/}" != "$cap" ] && where=$UCD_STAGE/$cap
    [ "$cap" = work/tables-stun.pcap ] && opt=(-o ucdiag.qos_max_flows:6)
    line=$(flagged_in_title "$where" "$table" "${opt[@]}")
    IFS='|' read -r title flagged rows <<<"$line"
    if [ "$rows" -lt 1 ] || [ "${title##* (}" != "$flagged of $rows flagged)" ]; then
        echo "  $cap: title '$title', records: $flagged of $rows flagged"
        titles_ok=0
    fi
done
[ $titles_ok = 1 ] && pass "each table's title says how many of its rows are flagged, as its records do (limit rows left out)" ||
    fail "each table's title says how many of its rows are flagged, as its records do (limit rows left out)"
title=$(ucd_tshark -r "$UCD_STAGE/captures/relay-corners.pcap" -q -z ucdiag,relays 2>&1 | sed -n '/ |$/{n;p;q}')
[ "$title" = "UC media relays (8 of 9 flagged)" ] && pass "-z ucdiag,relays on relay-corners.pcap: 'UC media relays (8 of 9 flagged)'" ||
    fail "-z ucdiag,relays on relay-corners.pcap: 'UC media relays (8 of 9 flagged)' (got '$title')"
