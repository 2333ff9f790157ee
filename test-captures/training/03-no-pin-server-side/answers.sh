#!/bin/sh
# Lesson 03: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. At the server: INFORMs and ACKs (frame, from, to, UDP ports, message type, giaddr, ciaddr)"
$tshark -r server.pcap -Y 'dhcp.option.dhcp == 8 || (dhcp.option.dhcp == 5 && dhcp.hw.mac_addr == 00:04:f2:80:01:0d && dhcp.ip.client != 0.0.0.0)' \
    -T fields -e frame.number -e ip.src -e ip.dst -e udp.srcport -e udp.dstport -e dhcp.option.dhcp \
    -e dhcp.ip.relay -e dhcp.ip.client

echo "## 2. What ucdiag says at the server (frame, finding)"
$tshark -r server.pcap -2 -Y 'ucdiag.dhcp && ucdiag.finding' -T fields -e frame.number -e ucdiag.finding

echo "## 3. The transaction in the merged capture (-z ucdiag,dhcp, two passes)"
$tshark -r merged.pcap -2 -q -z ucdiag,dhcp | sed -n '/^Client/,/^====/p'

echo "## 4. Merged: each INFORM at both points, each ACK (frame, seconds, from, to, type, attempt)"
$tshark -r merged.pcap -Y 'ucdiag.dhcp' -T fields -e frame.number -e frame.time_relative -e ip.src -e ip.dst \
    -e dhcp.option.dhcp -e ucdiag.dhcp.attempt | awk -F'\t' '{ printf "%s\t%.3f\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, $5, $6 }'

echo "## 5. The expert behind the first bypassing ACK"
$tshark -r merged.pcap -2 -Y 'ucdiag.dhcp.ack_bypasses_relay' -T fields -e frame.number \
    -e _ws.expert.message | head -n1
