#!/bin/sh
# Lesson 01: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}
# The phone's port-unreachable quotes the ACK (ICMP carries it): left out.
acks='dhcp.option.dhcp == 5 && !icmp'

echo "## 1. The URL each branch's phone was given (frame, URL)"
for b in branch-a branch-b; do
    echo "$b:"
    $tshark -r $b.pcap -Y "msuc.cert_prov_url && $acks" -T fields -e frame.number -e msuc.cert_prov_url
done

echo "## 2. Branch A: option 43's length, and what sub-option 5 claims (frame, option 43 bytes, claimed)"
$tshark -r branch-a.pcap -Y "msuc.suboption.truncated && $acks" -T fields -E occurrence=a \
    -e frame.number -e dhcp.option.type -e dhcp.option.length -e msuc.suboption -e msuc.suboption.length |
    awk -F'\t' '{ n = split($2, t, ","); split($3, l, ",")
                  for (i = 1; i <= n; i++) if (t[i] == 43) len = l[i]
                  n = split($4, s, ","); split($5, c, ",")
                  for (i = 1; i <= n; i++) if (s[i] == 5) claimed = c[i]
                  print $1 "\t" len "\t" claimed }'

echo "## 3. Branch B: each sub-option's length against its text (frame, sub-option, length, text)"
$tshark -r branch-b.pcap -Y "msuc && $acks" -T fields -E occurrence=a -e frame.number -e msuc.suboption \
    -e msuc.suboption.length -e msuc.uc_identifier -e msuc.url_scheme -e msuc.web_server_fqdn \
    -e msuc.web_server_port -e msuc.cert_prov_path |
    awk -F'\t' '{ n = split($2, s, ","); split($3, l, ",")
                  for (i = 1; i <= n; i++) print $1 "\t" s[i] "\t" l[i] "\t" $(3 + i) " (" length($(3 + i)) " characters)" }'

echo "## 4. What ucdiag says (frame, finding, expert)"
for b in branch-a branch-b; do
    echo "$b:"
    $tshark -r $b.pcap -Y "msuc.finding && $acks" -T fields -e frame.number -e msuc.finding
    $tshark -r $b.pcap -Y "(msuc.suboption.truncated || msuc.suboption.nonprintable) && $acks" -T fields \
        -E aggregator='|' -e _ws.expert.message | tr '|' '\n' | sort -u
done

echo "## 5. Where each phone's bootstrap stops (-z ucdiag,bootstrap)"
for b in branch-a branch-b; do
    $tshark -r $b.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'
done
