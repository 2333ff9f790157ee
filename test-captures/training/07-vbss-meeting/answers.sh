#!/bin/sh
# Lesson 07: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}
# The lab's pool is in private address space and its media carries no ICE:
# ucdiag judges its media once the pool's network is declared a UC network,
# as the README's first hint has the trainee do.
pool='-o uat:ucdiag_uc_networks:"10.80.2.0/24","pool"'

echo "## 1. The media flows and their marks, before the fix (-z ucdiag,qos)"
$tshark $pool -r before.pcap -q -z ucdiag,qos | sed -n '/^Flow/,/^====/p'

echo "## 2. The screen share's two directions, first packets (frame, from, to, UDP ports, DSCP)"
$tshark $pool -r before.pcap -Y ucdiag.vbss -T fields -e frame.number -e ip.src -e ip.dst -e udp.srcport -e udp.dstport \
    -e ip.dsfield.dscp | head -n 4

echo "## 3. What ucdiag says (frame, expert)"
$tshark $pool -r before.pcap -Y ucdiag.vbss.port_mismatch -T fields -e frame.number -e _ws.expert.message

echo "## 4. The desk's own TCP and DNS traffic, from ports in the servers' media ranges: not judged (packets judged by ucdiag, packets in all, lowest and highest source port)"
$tshark $pool -r before.pcap -Y 'ip.src == 10.80.1.50 && (tcp.srcport >= 49152 || (udp.dstport == 53 && udp.srcport >= 49152))' \
    -T fields -e ucdiag.qos.dscp -e tcp.srcport -e udp.srcport |
    awk -F'\t' '{ p = ($2 $3) + 0; if ($1 != "") j++; n++; if (lo == "" || p < lo) lo = p; if (p > hi) hi = p }
                END { print j + 0, n, lo, hi }'

echo "## 5. After the fix (-z ucdiag,qos, and the findings)"
$tshark $pool -r after-fix.pcap -q -z ucdiag,qos | sed -n '/^Flow/,/^====/p'
$tshark $pool -r after-fix.pcap -Y 'ucdiag.finding' -T fields -e frame.number -e ucdiag.finding | wc -l
