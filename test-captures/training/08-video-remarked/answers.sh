#!/bin/sh
# Lesson 08: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}
# The lab's pool is in private address space and its media carries no ICE:
# ucdiag judges its media once the pool's network is declared a UC network,
# as the README's first hint has the trainee do.
pool='-o uat:ucdiag_uc_networks:"10.80.2.0/24","pool"'

for side in desk datacentre; do
    echo "## 1. The media flows seen at the $side end (-z ucdiag,qos)"
    $tshark $pool -r $side.pcap -q -z ucdiag,qos | sed -n '/^Flow/,/^====/p'
done

echo "## 2. The desk's video, packet by packet at both ends (first 3: IP ID, DSCP at the desk, DSCP at the data centre)"
for side in desk datacentre; do
    $tshark $pool -r $side.pcap -Y 'ip.src == 10.80.1.50 && udp.srcport == 58010' -T fields -e ip.id -e ip.dsfield.dscp |
        head -n 3 >"${TMPDIR:-/tmp}/ucdiag-lesson08-$side.txt"
done
join -t "$(printf '\t')" "${TMPDIR:-/tmp}/ucdiag-lesson08-desk.txt" "${TMPDIR:-/tmp}/ucdiag-lesson08-datacentre.txt"
rm -f "${TMPDIR:-/tmp}"/ucdiag-lesson08-*.txt

echo "## 3. The two ends merged into one capture: what ucdiag says (frame, finding, expert of the first re-mark)"
merged=$(mktemp "${TMPDIR:-/tmp}/ucdiag-lesson08.XXXXXX")
mergecap -F pcap -w "$merged" desk.pcap datacentre.pcap
chmod a+r "$merged"
$tshark $pool -r "$merged" -Y 'ucdiag.finding' -T fields -e ucdiag.finding | sort | uniq -c | awk '{ $1 = $1; print }'
$tshark $pool -r "$merged" -Y 'ucdiag.qos.remarked' -T fields -e frame.number -E aggregator='|' -e _ws.expert.message |
    tr '|' '\n' | grep 'capture points'
rm -f "$merged"
