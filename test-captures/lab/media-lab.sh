#!/usr/bin/env bash
# Records real media among ordinary desk traffic, in network namespaces on
# one switch, into test-captures/lab/media-real.pcap. The suite reads the
# committed file; run this (as root) only to record it again.
#
#   test-captures/lab/media-lab.sh [OUT.pcap]
#
# Hosts (10.79.0.0/24, on a bridge whose traffic dumpcap records):
#   desk  .10  the user's PC, ephemeral ports 49152-65535 as Windows has them
#   conf  .20  a conferencing server's media (Skype for Business server ranges)
#   relay .30  coturn, a TURN relay like the Edge (UDP 3478)
#   srv   .40  ordinary servers: SIP over TLS 5061, HTTPS, HTTP 8080, DNS
# Media, all from real software:
#   - baresip audio call, SRTP (SDES), the desk relayed through coturn, the desk
#     marking 46 from SfB client audio ports, the server leaving its audio
#     unmarked (wrong);
#   - baresip video call (VP8 from fakevideo, and audio), DTLS-SRTP and ICE,
#     desk and server both marking 34 from video ports (right);
#   - VBSS: gstreamer rtpbin video from the desk's app-sharing port 42004 to
#     the server's video port 62345 marked 24, and back marked 34.
# Desk traffic: SIP over TLS to 5061 (openssl), HTTPS (curl), HTTP on 8080 and
# a long download (curl, python3's http.server), DNS (glibc against dnsmasq),
# SSDP, LLMNR and mDNS queries.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/test-captures/lab/media-real.pcap}
[ "$(id -u)" = 0 ] || { echo "media-lab: needs root for network namespaces" >&2; exit 1; }
. "$(dirname "$0")/lab-lib.sh"
lab_need baresip-core coturn gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good openssl curl \
    python3 dnsmasq-base iproute2 tshark libc-bin

P=ucdm
work=$(mktemp -d /tmp/media-lab.XXXXXX)
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 0.3
    for ns in sw desk conf relay srv; do
        ip netns pids "$P-$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$P-$ns" 2>/dev/null || true
    done
    rm -rf /etc/netns/$P-desk "$work"
}
trap cleanup EXIT
for ns in sw desk conf relay srv; do ip netns del "$P-$ns" 2>/dev/null || true; done

ip netns add $P-sw
ip -n $P-sw link add br0 type bridge
ip -n $P-sw link set br0 up
ip -n $P-sw link set lo up
host() { # name last-octet
    ip netns add "$P-$1"
    ip link add "$1-0" type veth peer name "sw-$1"
    ip link set "$1-0" netns "$P-$1"
    ip link set "sw-$1" netns $P-sw
    ip -n $P-sw link set "sw-$1" master br0 up
    ip -n "$P-$1" addr add "10.79.0.$2/24" dev "$1-0"
    ip -n "$P-$1" link set lo up
    ip -n "$P-$1" link set "$1-0" up
    ip -n "$P-$1" route add 224.0.0.0/4 dev "$1-0"
}
host desk 10
host conf 20
host relay 30
host srv 40
inns() { local ns=$1; shift; ip netns exec "$P-$ns" "$@"; }
# The desk picks ephemeral ports as Windows does: the SfB server media ranges.
inns desk sysctl -q -w net.ipv4.ip_local_port_range="49152 65535"
mkdir -p /etc/netns/$P-desk
echo "nameserver 10.79.0.40" >/etc/netns/$P-desk/resolv.conf

# A program left running in a namespace; ip netns exec becomes it, so its pid
# is the program's.
bg() { local ns=$1; shift; ip netns exec "$P-$ns" "$@" >>"$work/bg.log" 2>&1 & pids+=($!); }

# ---- servers ----
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=pool.contoso.com \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
head -c 3000000 /dev/urandom >"$work/big.bin"
echo ok >"$work/status"
bg srv openssl s_server -quiet -accept 5061 -cert "$work/cert.pem" -key "$work/key.pem"
bg srv openssl s_server -quiet -www -accept 443 -cert "$work/cert.pem" -key "$work/key.pem"
bg srv python3 -m http.server 8080 --bind 10.79.0.40 --directory "$work"
bg srv dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=10.79.0.40 --bind-interfaces \
    --address=/pool.contoso.com/10.79.0.20 --address=/webpool.contoso.com/10.79.0.20
bg relay turnserver -n --listening-ip=10.79.0.30 --relay-ip=10.79.0.30 --listening-port=3478 \
    --min-port=50000 --max-port=50019 --lt-cred-mech --user=lab:lab --realm=lab --no-tls --no-dtls \
    --no-cli --log-file=stdout --allow-loopback-peers --no-multicast-peers

# ---- baresip user agents: name ns sip-port rtp-ports tos account-params ----
ua() {
    local name=$1 ns=$2 port=$3 ports=$4 tos=$5 params=$6 dir=$work/$1
    mkdir -p "$dir"
    cat >"$dir/config" <<EOF
poll_method		epoll
sip_listen		10.79.0.$ns:$port
call_local_timeout	60
audio_player		aufile,/dev/null
audio_source		ausine,440
audio_alert		aufile,/dev/null
ausrc_srate		48000
auplay_srate		48000
ausrc_channels		2
auplay_channels		2
video_source		fakevideo,nil
video_display		fakevideo,nil
video_size		160x120
video_bitrate		100000
video_fps		10.00
rtp_tos			$tos
rtp_ports		$ports
rtcp_mux		yes
jitter_buffer_delay	5-10
module_path		/usr/lib/baresip/modules
module			stdio.so
module			g711.so
module			vp8.so
module			ausine.so
module			aufile.so
module			fakevideo.so
module			stun.so
module			turn.so
module			ice.so
module			srtp.so
module			dtls_srtp.so
module_tmp		account.so
module_app		menu.so
EOF
    echo "<sip:$name@10.79.0.$ns:$port>;regint=0;answermode=auto;audio_codecs=pcmu;$params" >"$dir/accounts"
}
ua desk-a 10 5060 50020-50039 184 "mediaenc=srtp-mand;medianat=turn;stunserver=turn:10.79.0.30:3478;stunuser=lab;stunpass=lab"
ua conf-a 20 5060 49200-49219 0 "mediaenc=srtp-mand"
ua desk-v 10 5062 58000-58019 136 "mediaenc=dtls_srtp;medianat=ice;stunserver=stun:10.79.0.30:3478"
ua conf-v 20 5062 60000-60019 136 "mediaenc=dtls_srtp;medianat=ice;stunserver=stun:10.79.0.30:3478"

tmp=$(mktemp /tmp/media-lab.XXXXXX.pcap)
ip netns exec $P-sw dumpcap -q -P -i br0 -f "ip or ip6" -w "$tmp" 2>/dev/null &
cap=$!
sleep 2

# ---- desk traffic before the calls ----
inns desk getent hosts pool.contoso.com >/dev/null || true
inns desk python3 - <<'EOF'
import socket, time
def send(dst, port, data, n=2):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 2)
    for _ in range(n):
        s.sendto(data, (dst, port))
        time.sleep(0.2)
    s.close()
send("239.255.255.250", 1900, b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
     b"MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n")
q = b"\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05print\x00\x00\x01\x00\x01"
send("224.0.0.252", 5355, b"\x8d\x2a" + q[2:])            # LLMNR query for "print"
send("224.0.0.251", 5353, b"\x00\x00" + q[2:-4] + b"\x00\x0c\x00\x01", 1)  # mDNS one-shot query
EOF
printf 'OPTIONS sip:pool.contoso.com SIP/2.0\r\nVia: SIP/2.0/TLS 10.79.0.10;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n' |
    inns desk timeout 3 openssl s_client -quiet -connect 10.79.0.40:5061 >/dev/null 2>&1 || true
inns desk curl -sk https://10.79.0.40/ -o /dev/null || true
inns desk curl -s http://10.79.0.40:8080/status -o /dev/null || true

# ---- the calls ----
for n in conf-a conf-v; do
    bg conf baresip -f "$work/$n" -t 16
done
sleep 1.5
bg desk baresip -f "$work/desk-a" -t 12 -e "/dial sip:conf-a@10.79.0.20:5060"
sleep 0.5
bg desk baresip -f "$work/desk-v" -t 12 -e "/dial sip:conf-v@10.79.0.20:5062"
sleep 2
# VBSS: screen sharing as video, client app-sharing port to server video port
vid() { # ns src-port dst dst-port dscp
    inns "$1" timeout 5 gst-launch-1.0 -q rtpbin name=rb videotestsrc is-live=true pattern=ball num-buffers=40 ! \
        video/x-raw,width=160,height=120,framerate=10/1 ! vp8enc deadline=1 ! rtpvp8pay ! rb.send_rtp_sink_0 \
        rb.send_rtp_src_0 ! udpsink host="$3" port="$4" bind-port="$2" qos-dscp="$5" >/dev/null 2>&1 || true
}
vid desk 42004 10.79.0.20 62345 24 &
vid conf 62345 10.79.0.10 42004 34 &
# meanwhile a long download and a lookup, from Windows' ephemeral ports
inns desk curl -s http://10.79.0.40:8080/big.bin -o /dev/null --limit-rate 600k || true
inns desk getent hosts webpool.contoso.com >/dev/null || true
sleep 8
kill -INT "$cap"
wait "$cap" || true
mv "$tmp" "$out"
chmod a+r "$out"
echo "media-lab: wrote $out ($(capinfos -c "$out" 2>/dev/null | sed -n 's/^Number of packets: *//p') packets)"
