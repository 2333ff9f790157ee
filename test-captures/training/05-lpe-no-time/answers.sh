#!/bin/sh
# Lesson 05: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. How far the phone got (-z ucdiag,bootstrap)"
$tshark -r phone.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'

echo "## 2. What the phone asked DNS, and the answers (frame, name, type, rcode, addresses)"
$tshark -r phone.pcap -Y dns -T fields -e frame.number -e dns.qry.name -e dns.qry.type -e dns.flags.rcode -e dns.a

echo "## 3. The phone's NTP requests, and any answer (frame, seconds, from, to, NTP mode)"
$tshark -r phone.pcap -Y ntp -T fields -e frame.number -e frame.time_relative -e ip.src -e ip.dst -e ntp.flags.mode |
    awk -F'\t' '{ printf "%s\t%.1f\t%s\t%s\t%s\n", $1, $2, $3, $4, $5 }'

echo "## 4. What ucdiag says (frame, expert)"
$tshark -r phone.pcap -Y ucdiag.boot.ntp_unanswered -T fields -e frame.number -e _ws.expert.message

echo "## 5. After the fix: the DNS answers and the first NTP exchange, then the bootstrap table"
$tshark -r after-fix.pcap -Y 'dns.qry.name contains "ntp" || ntp' -T fields -e frame.number -e ip.src -e ip.dst \
    -e dns.qry.name -e dns.flags.rcode -e dns.a -e ntp.flags.mode | head -n 6
$tshark -r after-fix.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'
