#!/usr/bin/env bash
# Records real DSCP marking: two network namespaces joined by a veth pair, a
# "client" and a "server", whose sockets set DSCP with IP_TOS / IPV6_TCLASS as
# a Skype for Business QoS policy would. dumpcap on the server's side writes
# test-captures/lab/qos-real.pcap. The test suite reads the committed file; run
# this (as root) only to record it again.
#
#   test-captures/lab/qos-lab.sh [OUT.pcap]
#
# Traffic stays inside the two namespaces (10.77.0.0/24, fd77::/64).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${UCD_BUILD:-$root/build}
out=${1:-$root/test-captures/lab/qos-real.pcap}
[ "$(id -u)" = 0 ] || { echo "qos-lab: needs root for network namespaces" >&2; exit 1; }
command -v ip >/dev/null || apt-get install -y -qq iproute2 >/dev/null
cmake -S "$root" -B "$build" >/dev/null && cmake --build "$build" --target ucdiag-udp-marked >/dev/null
send=$build/ucdiag-udp-marked

C=ucdlab-client S=ucdlab-server
cleanup() {
    ip netns del "$C" 2>/dev/null || true
    ip netns del "$S" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add "$C"
ip netns add "$S"
ip link add ucd-c type veth peer name ucd-s
ip link set ucd-c netns "$C"
ip link set ucd-s netns "$S"
ip -n "$C" addr add 10.77.0.1/24 dev ucd-c
ip -n "$S" addr add 10.77.0.2/24 dev ucd-s
ip -n "$C" -6 addr add fd77::1/64 dev ucd-c nodad
ip -n "$S" -6 addr add fd77::2/64 dev ucd-s nodad
for ns in "$C" "$S"; do
    ip -n "$ns" link set lo up
done
ip -n "$C" link set ucd-c up
ip -n "$S" link set ucd-s up
# Permanent neighbours: no datagram waits on ARP/NDP, so the capture keeps
# the send order.
mac_c=$(ip -n "$C" link show ucd-c | awk '/link\/ether/ {print $2}')
mac_s=$(ip -n "$S" link show ucd-s | awk '/link\/ether/ {print $2}')
ip -n "$C" neigh replace 10.77.0.2 lladdr "$mac_s" dev ucd-c nud permanent
ip -n "$C" neigh replace fd77::2 lladdr "$mac_s" dev ucd-c nud permanent
ip -n "$S" neigh replace 10.77.0.1 lladdr "$mac_c" dev ucd-s nud permanent
ip -n "$S" neigh replace fd77::1 lladdr "$mac_c" dev ucd-s nud permanent

tmp=$(mktemp /tmp/qos-lab.XXXXXX.pcap)
ip netns exec "$S" dumpcap -q -P -i ucd-s -f udp -w "$tmp" 2>/dev/null &
cap=$!
sleep 1.5

c() { ip netns exec "$C" "$send" "$@"; }
s() { ip netns exec "$S" "$send" "$@"; }
# 1-6: audio, correctly marked both ways
c 10.77.0.1 50020 10.77.0.2 49200 46 3
s 10.77.0.2 49200 10.77.0.1 50020 46 3
# 7-12: VBSS, the client marks app sharing (24), the server video (34);
# video streams carry a dynamic payload type (122), audio PCMU
c 10.77.0.1 42004 10.77.0.2 62345 24 3 122
s 10.77.0.2 62345 10.77.0.1 42004 34 3 122
# 13-14: client video with no QoS policy
c 10.77.0.1 58001 10.77.0.2 60001 0 2 122
# 15-16: audio over IPv6, marked by IPV6_TCLASS
c fd77::1 50021 fd77::2 49201 46 2

sleep 1
kill -INT "$cap"
wait "$cap" || true
mv "$tmp" "$out"
chmod a+r "$out"
echo "qos-lab: wrote $out ($(capinfos -c "$out" 2>/dev/null | sed -n 's/^Number of packets: *//p') packets)"
