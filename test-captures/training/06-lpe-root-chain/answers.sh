#!/bin/sh
# Lesson 06: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. How far the phone got (-z ucdiag,bootstrap)"
$tshark -r phone.pcap -q -z ucdiag,bootstrap | sed -n '/^Phone/,/^====/p'

echo "## 2. The TLS handshake with the provisioning host (frame, from, to, handshake types, alert, SNI)"
$tshark -r phone.pcap -Y 'tls && tcp.port == 443' -T fields -e frame.number -e ip.src -e ip.dst \
    -e tls.handshake.type -e tls.alert_message.desc -e tls.handshake.extensions_server_name

echo "## 3. Who issued the server's certificate (issuer and subject names, in the Certificate message)"
$tshark -r phone.pcap -Y 'tls.handshake.type == 11' -T fields -e x509sat.uTF8String

echo "## 4. What ucdiag says (frame, expert)"
$tshark -r phone.pcap -Y ucdiag.boot.tls_failed -T fields -e frame.number -e _ws.expert.message
