#!/usr/bin/env bash
# Do ucdiag's QoS findings hold on traffic this project did not make? For a
# folder of captures, under every preset and a catch-all plan (every port
# from 1024 up in a range, so that no flow escapes for its ports alone), in
# the default scope (Microsoft media only) and in the whole-plan scope,
# counts the QoS findings on:
#   microsoft  media of a flow that Wireshark's own dissectors show to be
#              Microsoft's: its STUN (either direction) carries an MS-ICE/
#              MS-TURN attribute as Wireshark's STUN dissector decodes it,
#              or an end is in Microsoft's Teams media ranges
#   other      media of a flow whose STUN carries another stack's attributes
#              (Google's GOOG-*, Cisco's) and no Microsoft one
#   unknown    media of a flow with neither
#   non-media  packets Wireshark shows as not media (SIP, SDP, SSDP, LLMNR,
#              mDNS, Skinny, HTTP, DNS, RDP/TPKT, TLS outside 443, bare TCP)
# The labels come from Wireshark's decoding and the published ranges, not
# from ucdiag's own evidence, so that they can disagree with it.
#
#   scripts/precision.sh DIR [tshark options...]
#
# Builds the plugin if needed and runs tshark with it, installing nothing.
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/../tests/lib.sh"
dir=${1:?usage: scripts/precision.sh DIR [tshark options...]}
shift
build=${UCD_BUILD:-$UCD_ROOT/build}
cmake -S "$UCD_ROOT" -B "$build" >/dev/null && cmake --build "$build" --target ucdiag >/dev/null || exit 1
ucd_stage "$build" || exit 1
trap ucd_unstage EXIT
mkdir -p "$UCD_STAGE/real" "$UCD_STAGE/no-plugins"
find "$dir" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -exec cp {} "$UCD_STAGE/real/" \;
chmod -R a+rX "$UCD_STAGE/real"

finding='ucdiag.qos.unmarked || ucdiag.qos.dscp_mismatch || ucdiag.qos.remarked || ucdiag.vbss.port_mismatch'
not_media='sip || sdp || ssdp || llmnr || mdns || skinny || http || dns || tpkt || rdp ||
           (tls && !(tcp.port == 443)) || (tcp && tcp.len == 0)'
ends=(-e ip.src -e ipv6.src -e ip.dst -e ipv6.dst -e udp.srcport -e tcp.srcport -e udp.dstport -e tcp.dstport)

# conversations CAPTURE -> "a|b<TAB>label" per conversation whose STUN names a
# stack, as Wireshark's STUN dissector decodes it (both directions alike)
conversations() {
    ucd_tshark_plain -r "$1" -Y '(stun || classicstun) && !icmp && !icmpv6' -T fields "${ends[@]}" -e stun.att.type \
        2>/dev/null | awk -F'\t' '
        function conv(a, b) { return a < b ? a "|" b : b "|" a }
        {
            s = ($1 != "" ? $1 : $2) ":" ($5 != "" ? $5 : $6)
            d = ($3 != "" ? $3 : $4) ":" ($7 != "" ? $7 : $8)
            c = conv(s, d); n = split($9, t, ",")
            for (i = 1; i <= n; i++) {
                v = tolower(t[i])
                if (v ~ /^0x80(08|39|50|54|55|5[6-9a-f]|6[0-2]|68|70|90|95)$/) ms[c] = 1
                else if (v ~ /^0xc0(5[7-9a-f]|60|0[0-2])$/ || v == "0xff03") other[c] = 1
            }
        }
        END { for (c in ms) print c "\tmicrosoft"; for (c in other) if (!(c in ms)) print c "\tother" }'
}

# label_findings CAPTURE CONVERSATIONS OPTIONS... -> one label per finding
label_findings() {
    local cap=$1 convs=$2
    shift 2
    ucd_tshark -r "$cap" "$@" -Y "$finding" -T fields -E occurrence=f -e frame.number "${ends[@]}" 2>/dev/null \
        >"$UCD_STAGE/work/f.tsv"
    ucd_tshark -r "$cap" "$@" -Y "($finding) && ($not_media)" -T fields -e frame.number 2>/dev/null \
        >"$UCD_STAGE/work/nm.tsv"
    awk -F'\t' -v convs="$convs" -v nm="$UCD_STAGE/work/nm.tsv" '
        function conv(a, b) { return a < b ? a "|" b : b "|" a }
        function ip4(a,    q) { return split(a, q, ".") == 4 ? q[1] * 16777216 + q[2] * 65536 + q[3] * 256 + q[4] : -1 }
        function in_ms(a,    n) {
            n = ip4(a)
            if (n < 0) return tolower(a) ~ /^2603:106[0-3]:/
            return (n >= ip4("13.107.64.0") && n < ip4("13.107.128.0")) ||
                   (n >= ip4("52.112.0.0") && n < ip4("52.116.0.0")) ||
                   (n >= ip4("52.122.0.0") && n < ip4("52.124.0.0"))
        }
        BEGIN {
            while ((getline l < convs) > 0) { split(l, p, "\t"); label[p[1]] = p[2] }
            while ((getline l < nm) > 0) notmedia[l] = 1
        }
        {
            sa = $2 != "" ? $2 : $3; da = $4 != "" ? $4 : $5
            s = sa ":" ($6 != "" ? $6 : $7); d = da ":" ($8 != "" ? $8 : $9)
            c = conv(s, d)
            if ($1 in notmedia) print "non-media"
            else if (label[c] == "microsoft" || in_ms(sa) || in_ms(da)) print "microsoft"
            else if (label[c] == "other") print "other"
            else print "unknown"
        }' "$UCD_STAGE/work/f.tsv"
}

catch_all=(-o ucdiag.qos_preset:custom -o 'uat:ucdiag_qos_ports:"audio","client","1024-65535","both","46"')
printf '%-44s %-10s %-9s %6s %9s %6s %7s %9s\n' capture plan scope total microsoft other unknown non-media
for cap in "$UCD_STAGE"/real/*; do
    name=$(basename "$cap")
    conversations "$cap" >"$UCD_STAGE/work/convs.tsv"
    for plan in sfb teams sfb-field lpe catch-all; do
        if [ "$plan" = catch-all ]; then opts=("${catch_all[@]}"); else opts=(-o "ucdiag.qos_preset:$plan"); fi
        for scope in microsoft plan; do
            label_findings "$cap" "$UCD_STAGE/work/convs.tsv" "${opts[@]}" -o "ucdiag.qos_scope:$scope" "$@" |
                sort | uniq -c >"$UCD_STAGE/work/counts"
            count() { awk -v k="$1" '$2 == k {print $1; f = 1} END {if (!f) print 0}' "$UCD_STAGE/work/counts"; }
            total=$(awk '{s += $1} END {print s + 0}' "$UCD_STAGE/work/counts")
            printf '%-44s %-10s %-9s %6s %9s %6s %7s %9s\n' "$name" "$plan" "$scope" "$total" \
                "$(count microsoft)" "$(count other)" "$(count unknown)" "$(count non-media)"
        done
    done
done
