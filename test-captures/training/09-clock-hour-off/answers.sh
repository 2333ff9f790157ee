#!/bin/sh
# Lesson 09: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. The bootstrap: every step done (-z ucdiag,bootstrap)"
$tshark -r phone.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'

echo "## 2. The NTP server's answers, and how far its clock is from the capture's (frame, server, offset in seconds)"
$tshark -r phone.pcap -Y 'ntp.flags.mode == 4' -T fields -e frame.number -e ip.src -e ucdiag.boot.clock_offset |
    awk -F'\t' '{ printf "%s\t%s\t%.1f\n", $1, $2, $3 }'

echo "## 3. What ucdiag says (frame, expert)"
$tshark -r phone.pcap -Y ucdiag.boot.clock_skew -T fields -e frame.number -e _ws.expert.message

echo "## 4. The TLS sessions that still complete (frame, server, port, handshake types)"
$tshark -r phone.pcap -Y 'tls.handshake.type == 2' -T fields -e frame.number -e ip.src -e tcp.srcport -e tls.handshake.type
