#!/usr/bin/env bash
# How many QoS findings ucdiag gives on a folder of captures, by the protocol
# Wireshark shows for each packet: the measure of whether findings hold on
# traffic this project did not make. Builds the plugin if needed and runs
# tshark with it, without installing anything.
#
#   scripts/precision.sh DIR [tshark options...]
#   scripts/precision.sh ../shared/realcaps -o ucdiag.qos_media_only:FALSE   (the port-only check)
#
# Prints, per capture and in total, findings (ucdiag.qos.unmarked,
# ucdiag.qos.dscp_mismatch, ucdiag.qos.remarked, ucdiag.vbss.port_mismatch) by
# Wireshark's protocol column, then how many sit on packets that are plainly
# not media: SIP, SDP, SSDP, LLMNR, mDNS, Skinny, HTTP, DNS, RDP/TPKT, TLS
# outside port 443, or TCP without payload.
# SPDX-License-Identifier: GPL-2.0-or-later
set -uo pipefail

. "$(dirname "$0")/../tests/lib.sh"
dir=${1:?usage: scripts/precision.sh DIR [tshark options...]}
shift
build=${UCD_BUILD:-$UCD_ROOT/build}
cmake -S "$UCD_ROOT" -B "$build" >/dev/null && cmake --build "$build" --target ucdiag >/dev/null || exit 1
ucd_stage "$build" || exit 1
trap ucd_unstage EXIT
mkdir -p "$UCD_STAGE/real"
find "$dir" -maxdepth 1 -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -exec cp {} "$UCD_STAGE/real/" \;
chmod -R a+rX "$UCD_STAGE/real"

finding='ucdiag.qos.unmarked || ucdiag.qos.dscp_mismatch || ucdiag.qos.remarked || ucdiag.vbss.port_mismatch'
# A packet Wireshark itself shows is not media: what the issue names.
not_media='sip || sdp || ssdp || llmnr || mdns || skinny || http || dns || tpkt || rdp ||
           (tls && !(tcp.port == 443)) || (tcp && tcp.len == 0)'
all=$UCD_STAGE/work/all.tsv
: >"$all"
for cap in "$UCD_STAGE"/real/*; do
    name=$(basename "$cap")
    ucd_tshark -r "$cap" "$@" -Y "$finding" -T fields -e _ws.col.Protocol 2>/dev/null | sed "s|^|$name\t|" >>"$all"
    bad=$(ucd_tshark -r "$cap" "$@" -Y "($finding) && ($not_media)" -T fields -e frame.number 2>/dev/null | wc -l)
    printf '%s\t%s\n' "$name" "$bad" >>"$UCD_STAGE/work/bad.tsv"
done
echo "QoS findings by capture and by Wireshark's protocol column"
if [ -s "$all" ]; then
    sort "$all" | uniq -c | awk '{n=$1; $1=""; sub(/^ /, ""); printf "  %6d  %s\n", n, $0}'
fi
total=$(wc -l <"$all")
bad=$(awk -F'\t' '{s += $2} END {print s + 0}' "$UCD_STAGE/work/bad.tsv")
echo "total: $total findings; on packets Wireshark shows as not media: $bad"
