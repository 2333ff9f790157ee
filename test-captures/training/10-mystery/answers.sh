#!/bin/sh
# Lesson 10: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}
# The lab's pool is in private address space and its media carries no ICE:
# ucdiag judges its media once the pool's network is declared a UC network,
# as the README's first hint has the trainee do.
pool='-o uat:ucdiag_uc_networks:"10.80.2.0/24","pool"'

echo "## 1. Everything ucdiag found, by host and finding (count, source, finding)"
$tshark $pool -r uplink.pcap -2 -Y 'ucdiag.finding || msuc.finding' -T fields -e ip.src -e ucdiag.finding -e msuc.finding |
    sort | uniq -c | awk '{ $1 = $1; print }'

echo "## 2. Which hosts are involved (UC tables: bootstrap, then QoS)"
$tshark $pool -r uplink.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'
$tshark $pool -r uplink.pcap -q -z ucdiag,qos | sed -n '/^Flow/,/^====/p'

echo "## 3. Fault 1 alone: the phone's DNS (frame, name, type, rcode, answer)"
$tshark $pool -r uplink.pcap -Y 'dns && eth.addr == 00:04:f2:80:01:03' -T fields -e frame.number -e dns.qry.name \
    -e dns.qry.type -e dns.flags.rcode -e dns.a

echo "## 4. Fault 2 alone: the screen share's marks (frame, expert)"
$tshark $pool -r uplink.pcap -Y 'ucdiag.vbss.port_mismatch' -T fields -e frame.number -e _ws.expert.message

echo "## 5. They overlap in time but share no host (first and last frame of each)"
for f in 'eth.addr == 00:04:f2:80:01:03' 'ip.addr == 10.80.1.50'; do
    $tshark $pool -r uplink.pcap -Y "$f" -T fields -e frame.number | sed -n '1p;$p' | paste -sd' ' | sed "s/^/$f: /"
done
