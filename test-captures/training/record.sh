#!/usr/bin/env bash
# Records the training pack's captures again from the project's labs, and
# trims and merges them into the scenario folders. The lessons' answers
# (answers.expected) name frame numbers and addresses of the committed
# captures: after recording again, run each answers.sh, read what changed,
# and update the README and answers.expected by hand.
#
#   test-captures/training/record.sh        (as root: network namespaces)
#
# Lab cases behind each scenario:
#   01 bootstrap-lab opt43-cut, opt43-string     06 bootstrap-lab untrusted
#   02, 03 bootstrap-lab pin-fw (both sides)     07 meeting-lab vbss-before, vbss-after
#   04 bootstrap-lab relay-dnsmasq               08 meeting-lab remarked (both ends)
#   05 bootstrap-lab ntp-fallback, ntp-srv       09 bootstrap-lab ntp-skew
#   10 bootstrap-lab dns-missing + meeting-lab vbss-before, on one timeline
#   11 cert-lab ok, um-subject, wildcard-ok + relay-lab udp-ok, on one timeline
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lab=$here/../lab
# UCD_TRAINING_RAW=DIR: build from the labs' recordings already in DIR.
if [ -n "${UCD_TRAINING_RAW:-}" ]; then
    raw=$UCD_TRAINING_RAW
else
    [ "$(id -u)" = 0 ] || { echo "record: needs root for network namespaces" >&2; exit 1; }
    raw=$(mktemp -d /tmp/training-record.XXXXXX)
    trap 'rm -rf "$raw"' EXIT
    UCD_BOOT_CASES="opt43-cut opt43-string pin-fw relay-dnsmasq ntp-fallback ntp-srv untrusted ntp-skew dns-missing" \
        bash "$lab/bootstrap-lab.sh" "$raw"
    bash "$lab/meeting-lab.sh" "$raw" vbss-before vbss-after remarked
    UCD_CERT_CASES="ok um-subject wildcard-ok" bash "$lab/cert-lab.sh" "$raw"
    UCD_RELAY_CASES=udp-ok bash "$lab/relay-lab.sh" "$raw"
fi

put() { # put SOURCE SCENARIO NAME
    mkdir -p "$here/$2"
    cp "$1" "$here/$2/$3"
    chmod 644 "$here/$2/$3"
}
start() { capinfos -a -S "$1" | sed -n 's/^First packet time: *//p'; }

put "$raw/boot-opt43-cut.pcap" 01-option43-branches branch-a.pcap
put "$raw/boot-opt43-string.pcap" 01-option43-branches branch-b.pcap
put "$raw/boot-pin-fw.pcap" 02-no-pin-phone-side phone.pcap
put "$raw/boot-pin-fw-server.pcap" 03-no-pin-server-side server.pcap
mergecap -w "$raw/merged.pcap" "$raw/boot-pin-fw.pcap" "$raw/boot-pin-fw-server.pcap"
put "$raw/merged.pcap" 03-no-pin-server-side merged.pcap

# The lab's phone is dhcpcd, which reads DHCP from a raw socket and so took
# the ACK sent to 0.0.0.0; a phone reading its UDP socket does not. Both
# sides are cut a second after that ACK, where a real phone stops.
ack=$(tshark -r "$raw/boot-relay-dnsmasq.pcap" -Y 'dhcp.option.dhcp == 5 && ip.dst == 0.0.0.0' \
    -T fields -e frame.time_epoch 2>/dev/null | head -n1)
[ -n "$ack" ] || { echo "record: no ACK to 0.0.0.0 in the relay-dnsmasq case" >&2; exit 1; }
cut=$(awk -v t="$ack" 'BEGIN { printf "%.6f", t + 1 }')
for side in "" -server; do
    TZ=UTC editcap -B "$(TZ=UTC date -d "@$cut" '+%Y-%m-%d %H:%M:%S.%6N')" \
        "$raw/boot-relay-dnsmasq$side.pcap" "$raw/relay$side.pcap"
done
put "$raw/relay.pcap" 04-relay-cannot-deliver phone.pcap
put "$raw/relay-server.pcap" 04-relay-cannot-deliver server.pcap

put "$raw/boot-ntp-fallback.pcap" 05-lpe-no-time phone.pcap
put "$raw/boot-ntp-srv.pcap" 05-lpe-no-time after-fix.pcap
put "$raw/boot-untrusted.pcap" 06-lpe-root-chain phone.pcap
put "$raw/meeting-vbss-before-desk.pcap" 07-vbss-meeting before.pcap
put "$raw/meeting-vbss-after-desk.pcap" 07-vbss-meeting after-fix.pcap
put "$raw/meeting-remarked-desk.pcap" 08-video-remarked desk.pcap
put "$raw/meeting-remarked-dc.pcap" 08-video-remarked datacentre.pcap
put "$raw/boot-ntp-skew.pcap" 09-clock-hour-off phone.pcap

# The mystery: the branch switch's uplink, where a new phone boots while a
# PC is in a meeting. The meeting is moved to start 5 s into the phone's
# recording.
shift_s=$(awk -v p="$(start "$raw/boot-dns-missing.pcap")" -v m="$(start "$raw/meeting-vbss-before-desk.pcap")" \
    'BEGIN { printf "%.6f", p + 5 - m }')
editcap -t "$shift_s" "$raw/meeting-vbss-before-desk.pcap" "$raw/meeting-shifted.pcap"
mergecap -w "$raw/uplink.pcap" "$raw/boot-dns-missing.pcap" "$raw/meeting-shifted.pcap"
put "$raw/uplink.pcap" 10-mystery uplink.pcap

# Voicemail through the Edge: the servers' segment, where the UM server's
# MTLS handshake sits between a SIP/TLS connection and an HTTPS one, as the
# certificate lab recorded them in one run. A remote client's allocations at
# the media relay are moved to start 1 s before the MTLS handshake.
shift_s=$(awk -v u="$(start "$raw/cert-um-subject.pcap")" -v r="$(start "$raw/relay-udp-ok.pcap")" \
    'BEGIN { printf "%.6f", u - 1 - r }')
editcap -t "$shift_s" "$raw/relay-udp-ok.pcap" "$raw/relay-shifted.pcap"
mergecap -F pcap -w "$raw/voicemail.pcap" "$raw/cert-ok.pcap" "$raw/cert-um-subject.pcap" \
    "$raw/cert-wildcard-ok.pcap" "$raw/relay-shifted.pcap"
put "$raw/voicemail.pcap" 11-um-subject voicemail.pcap

du -ch "$here"/*/*.pcap | tail -n1
