#!/usr/bin/env bash
# The main job, from a fresh clone: install what is missing, build, install
# the plugin where this Wireshark looks for it, decode the bundled captures of
# a working phone and of one whose option 43 a router cut short, and check the
# DSCP marking of a screen-sharing call, and show a DHCPINFORM whose ACK
# bypasses the relay.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${UCD_BUILD:-$root/build}
cd "$root"

scripts/install-deps.sh
cmake -S . -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
sudo=()
case "$(cmake -L -N "$build" 2>/dev/null | sed -n 's/^UCDIAG_INSTALL_SCOPE:STRING=//p')" in
    global) [ "$(id -u)" = 0 ] || sudo=(sudo) ;;
esac
files=$("${sudo[@]}" cmake --install "$build" | sed -n 's/^-- \(Installing\|Up-to-date\): //p')
installed=$(printf '%s\n' "$files" | grep '/ucdiag\.so$')
echo "Plugin installed: $installed"
echo "Profile installed: $(printf '%s\n' "$files" | grep -m1 '/UC Diagnostics$') (tshark -C \"UC Diagnostics\")"

# Wireshark loads one plugin of a name: a copy elsewhere (an older global
# install, say) would be used instead of the one just built.
loaded=$(tshark -G plugins 2>/dev/null | awk -F'\t' '$1 ~ /^ucdiag\.so/ {print $4}')
if [ "$loaded" != "$installed" ]; then
    echo "WARNING: tshark loads ${loaded:-no ucdiag.so} instead of $installed." >&2
    echo "         Remove the other copy, or the results below are not from this build." >&2
fi

# The installed plugin, as an engineer's own tshark loads it.
for cap in test-captures/msuc-inform-ack.pcap test-captures/msuc-truncated-90.pcap; do
    echo
    echo "== $cap"
    tshark -r "$cap" -Y msuc -T fields -E aggregator='|' -e frame.number -e ip.dst -e msuc.vendor_class \
        -e msuc.cert_prov_url -e _ws.expert.severity -e _ws.expert.message 2>/dev/null |
    awk -F'\t' '{
        printf "frame %s: DHCP ACK to %s, vendor class %s\n", $1, $2, $3
        printf "  Certificate Provisioning URL: %s\n", ($4 == "" ? "(cannot be built)" : $4)
        n = split($5, sev, "|"); split($6, msg, "|")
        if ($6 == "") print "  no findings: option 43 is well formed"
        for (i = 1; i <= n; i++) {
            s = sev[i] == 8388608 ? "ERROR" : sev[i] == 6291456 ? "WARNING" : "NOTE"
            printf "  %s: %s\n", s, msg[i]
        }
    }'
done

# QoS of media, recorded in the lab from real software: baresip calls,
# gstreamer screen sharing (VBSS) whose two directions are marked
# differently, and a desk's ordinary traffic, which is not judged. The lab's
# calls are open-source software with no Microsoft ICE, so ucdiag first lists
# them unconfirmed; declared as the site's UC network, they are judged.
cap=test-captures/lab/media-real.pcap
lab=(-o 'uat:ucdiag_uc_networks:"10.79.0.0/24","media lab"')
echo
echo "== $cap (QoS of media flows, preset sfb)"
echo "by default, flows not shown to be Microsoft's: $(tshark -r "$cap" -q -z ucdiag,qos 2>/dev/null |
    grep -c 'unconfirmed, not judged'), findings: $(tshark -r "$cap" \
    -Y 'ucdiag.qos.unmarked || ucdiag.qos.dscp_mismatch || ucdiag.vbss.port_mismatch' 2>/dev/null | wc -l)"
echo "with -o 'uat:ucdiag_uc_networks:\"10.79.0.0/24\",\"media lab\"':"
tshark -r "$cap" "${lab[@]}" -q -z ucdiag,qos 2>/dev/null | grep -- ' -> ' | tr -s ' '
tshark -r "$cap" "${lab[@]}" -Y ucdiag.vbss.port_mismatch -T fields -e frame.number -e _ws.expert.message 2>/dev/null |
    awk -F'\t' '{ printf "frame %s: WARNING: %s\n", $1, $2 }'
echo "desk packets (TCP, DNS, SSDP, LLMNR, mDNS) judged: $(tshark -r "$cap" "${lab[@]}" \
    -Y 'ucdiag && (tcp || dns || ssdp || llmnr || mdns)' 2>/dev/null | wc -l)"

# INFORM paths: a phone behind a relay and a firewall, recorded at the DHCP
# server (ISC dhcpd) in the lab. Every ACK goes straight to the phone, the
# firewall drops it, and the phone keeps asking.
cap=test-captures/lab/inform-dhcpd-fw-server.pcap
echo
echo "== $cap (INFORM paths, two passes)"
tshark -r "$cap" -q -z ucdiag,dhcp 2>/dev/null | grep -- ' |' | tr -s ' '
tshark -2 -r "$cap" -Y 'ucdiag.dhcp.ack_bypasses_relay || ucdiag.dhcp.inform_unanswered' -T fields \
    -e frame.number -e _ws.expert.message 2>/dev/null |
    awk -F'\t' '{ printf "frame %s: WARNING: %s\n", $1, $2 }'

# Phone bootstrap: eight phones recorded in the bootstrap lab, merged into one
# capture as an engineer would bring them; each row says how far the phone
# got and where it stopped, and the findings say why.
merged=$(mktemp /tmp/ucdiag-demo-boot.XXXXXX.pcap)
mergecap -F pcap -w "$merged" test-captures/lab/boot-*.pcap
chmod a+r "$merged"
echo
echo "== test-captures/lab/boot-*.pcap merged (phone bootstrap)"
tshark -r "$merged" -q -z ucdiag,bootstrap 2>/dev/null | grep -- ' |' | tr -s ' ' | cut -d'|' -f1,2,5-7
tshark -r "$merged" -Y 'ucdiag.boot.dns_failed || ucdiag.boot.no_connection || ucdiag.boot.tls_failed ||
        ucdiag.boot.ntp_unanswered || ucdiag.boot.clock_skew || ucdiag.boot.url_mismatch' \
    -T fields -E aggregator='|' -e frame.number -e _ws.expert.message 2>/dev/null |
    awk -F'\t' '{ n = split($2, m, "|"); for (i = 1; i <= n; i++) if (m[i] ~ /^phone /) printf "frame %s: WARNING: %s\n", $1, m[i] }'
rm -f "$merged"
