#!/usr/bin/env bash
# Records a branch PC in a meeting with a conferencing server across the
# branch router, with real software, at both ends of the path. The training
# pack (test-captures/training/record.sh) builds its QoS lessons from it.
#
#   desk 10.80.1.50 ---- 10.80.1.1 router 10.80.2.1 ---- dc 10.80.2.*
#   (gstreamer media,      (IP forwarding; nftables       .20 conferencing server's media
#    curl, openssl,         re-marks in the remarked       .40 web and SIP over TLS (openssl)
#    glibc DNS)             case)                          .53 DNS (dnsmasq)
#
# Media is gstreamer RTP (PCMU audio, VP8 video and screen sharing) from the
# ports and with the DSCP a Skype for Business QoS policy gives, set on the
# socket as Windows' policy-based QoS does. The desk picks ephemeral ports
# as Windows does (49152-65535, the server media ranges) for its ordinary
# traffic. Cases:
#   vbss-before  audio 46 both ways; VBSS from the desk's app-sharing port
#                42004 marked 24, answered from the server's video port 62345
#                marked 34 (the server's video policy)
#   vbss-after   the same meeting after the fix: the server marks 62345 ->
#                42000-42039 with 24
#   remarked     audio 46 and video 34 both ways; the router's WAN policy
#                trusts only EF and re-marks everything else from the branch
#                to 0
# Writes meeting-CASE-desk.pcap (the desk's port) and meeting-CASE-dc.pcap
# (the data centre's port) into OUTDIR.
#
#   test-captures/lab/meeting-lab.sh OUTDIR [CASE...]
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

out=${1:?usage: meeting-lab.sh OUTDIR [CASE...]}
shift
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(vbss-before vbss-after remarked)
[ "$(id -u)" = 0 ] || { echo "meeting-lab: needs root for network namespaces" >&2; exit 1; }
. "$(dirname "$0")/lab-lib.sh"
lab_need gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good openssl curl python3 dnsmasq-base \
    iproute2 nftables tshark

P=ucdmt
work=$(mktemp -d /tmp/meeting-lab.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 0.3
    for ns in desk router dc; do
        ip netns pids "$P-$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$P-$ns" 2>/dev/null || true
    done
    rm -rf "/etc/netns/$P-desk" "$work"
}
trap cleanup EXIT
for ns in desk router dc; do ip netns del "$P-$ns" 2>/dev/null || true; done

inns() { local ns=$1; shift; ip netns exec "$P-$ns" "$@"; }
bg() { local ns=$1; shift; ip netns exec "$P-$ns" "$@" >>"$work/bg.log" 2>&1 & pids+=($!); }

for ns in desk router dc; do ip netns add "$P-$ns"; inns "$ns" ip link set lo up; done
lab_link "$P-desk" ucdmt-d 10.80.1.50/24 "$P-router" ucdmt-rd 10.80.1.1/24
lab_link "$P-router" ucdmt-rc 10.80.2.1/24 "$P-dc" ucdmt-c 10.80.2.20/24
for a in 40 53; do inns dc ip addr add "10.80.2.$a/24" dev ucdmt-c; done
inns desk ip route add default via 10.80.1.1
inns dc ip route add 10.80.1.0/24 via 10.80.2.1
inns router sysctl -qw net.ipv4.ip_forward=1
inns desk sysctl -qw net.ipv4.ip_local_port_range="49152 65535"
mkdir -p "/etc/netns/$P-desk"
echo "nameserver 10.80.2.53" >"/etc/netns/$P-desk/resolv.conf"

# ---- The data centre's services ----
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=pool.contoso.com \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
head -c 60000 /dev/urandom >"$work/agenda.pdf"
bg dc openssl s_server -quiet -accept 10.80.2.40:5061 -cert "$work/cert.pem" -key "$work/key.pem"
bg dc openssl s_server -quiet -www -accept 10.80.2.40:443 -cert "$work/cert.pem" -key "$work/key.pem"
bg dc python3 -m http.server 80 --bind 10.80.2.40 --directory "$work"
bg dc dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.80.2.53 --bind-interfaces \
    --address=/pool.contoso.com/10.80.2.40 --address=/meet.contoso.com/10.80.2.20
sleep 1

# ---- Media, as gstreamer sends it ----
audio() { # ns src-port dst dst-port dscp
    inns "$1" timeout 6 gst-launch-1.0 -q audiotestsrc is-live=true num-buffers=200 samplesperbuffer=160 ! \
        audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay ! \
        udpsink host="$3" port="$4" bind-port="$2" qos-dscp="$5" >/dev/null 2>&1 || true
}
video() { # ns src-port dst dst-port dscp pattern
    inns "$1" timeout 6 gst-launch-1.0 -q videotestsrc is-live=true pattern="$6" num-buffers=40 ! \
        video/x-raw,width=160,height=120,framerate=10/1 ! vp8enc deadline=1 ! rtpvp8pay ! \
        udpsink host="$3" port="$4" bind-port="$2" qos-dscp="$5" >/dev/null 2>&1 || true
}

# The desk's ordinary traffic: joining the meeting's web page, SIP over TLS,
# then the agenda downloaded during the meeting.
desk_web() {
    inns desk getent hosts meet.contoso.com >/dev/null || true
    inns desk curl -sk --max-time 3 https://pool.contoso.com/ -o /dev/null || true
    printf 'OPTIONS sip:pool.contoso.com SIP/2.0\r\nVia: SIP/2.0/TLS 10.80.1.50;branch=z9hG4bK7\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n' |
        inns desk timeout 3 openssl s_client -quiet -connect 10.80.2.40:5061 >/dev/null 2>&1 || true
}

wan_policy() { # wan_policy on|off
    inns router nft flush ruleset
    [ "$1" = on ] || return 0
    inns router nft -f - <<'EOF'
table inet ucdiag_wan {
    chain forward {
        type filter hook forward priority 0; policy accept;
        iifname "ucdmt-rd" ip dscp != ef ip dscp set cs0
    }
}
EOF
}

run() { # run CASE
    local c=$1 desk_cap dc_cap
    # Not through inns: $! must be dumpcap's pid, not a subshell's.
    ip netns exec "$P-desk" dumpcap -q -P -i ucdmt-d -f "ip" -w "$work/$c-desk.pcap" 2>/dev/null &
    desk_cap=$!
    ip netns exec "$P-dc" dumpcap -q -P -i ucdmt-c -f "ip" -w "$work/$c-dc.pcap" 2>/dev/null &
    dc_cap=$!
    sleep 1.5
    echo "meeting-lab: $c"
    desk_web
    local media=()
    audio desk 50020 10.80.2.20 49200 46 & media+=($!)
    audio dc 49200 10.80.1.50 50020 46 & media+=($!)
    sleep 0.5
    case $c in
        vbss-before|vbss-after)
            local back=34
            [ "$c" = vbss-after ] && back=24
            video desk 42004 10.80.2.20 62345 24 ball & media+=($!)
            video dc 62345 10.80.1.50 42004 "$back" ball & media+=($!)
            ;;
        remarked)
            video desk 58010 10.80.2.20 60010 34 smpte & media+=($!)
            video dc 60010 10.80.1.50 58010 34 smpte & media+=($!)
            ;;
    esac
    inns desk curl -s --max-time 5 --limit-rate 30k http://pool.contoso.com/agenda.pdf -o /dev/null || true
    wait "${media[@]}"
    sleep 1
    kill "$desk_cap" "$dc_cap" 2>/dev/null || true
    wait "$desk_cap" "$dc_cap" 2>/dev/null || true
    for side in desk dc; do
        mv "$work/$c-$side.pcap" "$out/meeting-$c-$side.pcap"
        chmod a+r "$out/meeting-$c-$side.pcap"
        echo "meeting-lab: meeting-$c-$side.pcap: $(capinfos -c -M "$out/meeting-$c-$side.pcap" |
            sed -n 's/^Number of packets: *//p') packets"
    done
}

for c in "${cases[@]}"; do
    case $c in
        remarked) wan_policy on ;;
        vbss-before|vbss-after) wan_policy off ;;
        *) echo "meeting-lab: unknown case $c" >&2; exit 1 ;;
    esac
    run "$c"
done
