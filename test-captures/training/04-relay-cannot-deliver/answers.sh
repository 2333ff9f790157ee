#!/bin/sh
# Lesson 04: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}
inform='dhcp.option.dhcp == 8 || (dhcp.option.dhcp == 5 && dhcp.ip.client != 0.0.0.0)'

for side in server phone; do
    echo "## 1. The INFORM and its ACK at the $side side (frame, from, to, UDP ports, type, ciaddr, yiaddr, giaddr)"
    $tshark -r $side.pcap -Y "$inform" -T fields -e frame.number -e ip.src -e ip.dst -e udp.srcport -e udp.dstport \
        -e dhcp.option.dhcp -e dhcp.ip.client -e dhcp.ip.your -e dhcp.ip.relay
done
echo "## 1b. ACKs with the BROADCAST flag clear, at the server (frames)"
$tshark -r server.pcap -Y "dhcp.option.dhcp == 5 && dhcp.ip.client != 0.0.0.0 && dhcp.flags.bc == 0" -T fields -e frame.number

echo "## 2. What ucdiag says on each side (frame, expert)"
for side in server phone; do
    echo "$side:"
    $tshark -r $side.pcap -Y ucdiag.dhcp.relay_reply_undeliverable -T fields -E aggregator='|' -e frame.number \
        -e _ws.expert.message
done

echo "## 3. The URL the ACK carries, which the phone never reads (frame, URL)"
$tshark -r server.pcap -Y "msuc.cert_prov_url && dhcp.ip.client != 0.0.0.0" -T fields -e frame.number -e msuc.cert_prov_url
