#!/bin/sh
# Lesson 02: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. The phone's DHCP conversation (frame, seconds, from, to, message type, vendor class)"
$tshark -r phone.pcap -Y dhcp -T fields -e frame.number -e frame.time_relative -e ip.src -e ip.dst \
    -e dhcp.option.dhcp -e dhcp.option.vendor_class_id | awk -F'\t' '{ printf "%s\t%.1f\t%s\t%s\t%s\t%s\n", $1, $2, $3, $4, $5, $6 }'

echo "## 2. The INFORM transactions (-z ucdiag,dhcp, two passes)"
$tshark -r phone.pcap -2 -q -z ucdiag,dhcp | sed -n '/^Client/,/^====/p'

echo "## 3. What ucdiag says (frame, expert)"
$tshark -r phone.pcap -2 -Y 'ucdiag.dhcp.inform_unanswered || ucdiag.dhcp.capture_too_short' -T fields \
    -E aggregator='|' -e frame.number -e _ws.expert.message | sed 's/|/\n\t/g'

echo "## 4. Did anything reach the phone's UDP port 68 after it had its address? (frames)"
$tshark -r phone.pcap -Y 'udp.dstport == 68 && dhcp.option.dhcp == 5 && frame.number > 22' -T fields -e frame.number | wc -l
