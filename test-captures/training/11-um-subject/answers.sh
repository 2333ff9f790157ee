#!/bin/sh
# Lesson 11: the commands that prove its answers, run from this folder.
# TSHARK names another tshark to run (the test suite runs one as an
# unprivileged user); by default the one on PATH, with ucdiag installed.
# SPDX-License-Identifier: GPL-2.0-or-later
cd "$(dirname "$0")" || exit 1
tshark=${TSHARK:-tshark}

echo "## 1. Who asked for which name (ClientHello: frame, client, server, port, SNI)"
$tshark -r voicemail.pcap -Y 'tls.handshake.type == 1' -T fields -e frame.number -e ip.src -e ip.dst \
    -e tcp.dstport -e tls.handshake.extensions_server_name

echo "## 2. Who sent a certificate, and who asked for one (frame, from, to, handshake types: 11 Certificate, 13 CertificateRequest)"
$tshark -r voicemail.pcap -Y 'tls.handshake.type == 11 || tls.handshake.type == 13' -T fields -e frame.number \
    -e ip.src -e ip.dst -e tls.handshake.type

echo "## 3. The servers' certificates as ucdiag reads them, every TLS connection judged (frame, port, name asked for, subject, names it covers)"
$tshark -r voicemail.pcap -o ucdiag.cert_all_tls:TRUE -Y 'tls.handshake.type == 11 && ucdiag.cert.names' -T fields \
    -e frame.number -e tcp.srcport -e ucdiag.cert.host -e ucdiag.cert.subject -e ucdiag.cert.names

echo "## 4. The MTLS connection's certificates in Wireshark's X.509 fields (frame, from; O and CN of each issuer and subject in turn; SAN DNS names)"
$tshark -r voicemail.pcap -Y 'tls.handshake.type == 11 && ip.addr == 10.91.2.20' -T fields -e frame.number \
    -e ip.src -e x509sat.uTF8String -e x509ce.dNSName

echo "## 5. Did that handshake complete? (frame, from, TLS record types: 22 handshake, 20 ChangeCipherSpec, 23 application data, 21 alert)"
$tshark -r voicemail.pcap -Y 'tls.record && ip.addr == 10.91.2.20' -T fields -e frame.number -e ip.src \
    -e tls.record.content_type

echo "## 6. The remote client at the media relay (frame, from, STUN type: 0x0003 Allocate, 0x0113 its error, 0x0103 its success; reason)"
$tshark -r voicemail.pcap -Y 'stun.type.method == 0x003' -T fields -e frame.number -e ip.src -e stun.type \
    -e stun.att.error.reason

echo "## 7. What the Certs button shows (frame, the server's certificate in frame, expert)"
$tshark -r voicemail.pcap -Y 'ucdiag.cert.name_mismatch || ucdiag.cert.mtls_subject || ucdiag.cert.expired ||
    ucdiag.cert.not_yet_valid || ucdiag.cert.chain_incomplete' -T fields -e frame.number -e ucdiag.cert.frame \
    -e _ws.expert.message
