#!/usr/bin/env bash
# Records a client allocating on a media relay (TURN), the way a Teams or
# Skype for Business client reaches the Edge's A/V relay, once working and
# once for each way it breaks. Real coturn and its own client, in three
# network namespaces:
#
#   client 10.92.1.x ---- 10.92.1.1 fw 10.92.2.1 ---- 10.92.2.10 relay
#   (turnutils_uclient,    (IP forwarding,            (turnserver: long-term
#    one address a case)    nftables for the           credentials, realm
#                           blocked case)              contoso.com, UDP 3478 and
#                                                      TCP 443; turnutils_peer
#                                                      as the far end)
#
#   test-captures/lab/relay-lab.sh [OUTDIR]
#
# Writes relay-CASE.pcap, recorded on the client's segment, for CASE in
#   udp-ok           Allocate over UDP 3478: 401 challenge, then success
#   udp-blocked      the firewall drops UDP 3478: Allocates retransmitted and
#                    unanswered, then the same client over TCP 443: success
#   bad-credentials  a wrong password: 401, and 401 again after every
#                    authenticated retry (the client gives up after 32)
#   quota            --user-quota 1: the client's second allocation gets 486
#   tcp-ok           straight over TCP 443: 401 challenge, then success
#   capacity         every relay port taken: each allocation, over TCP 443,
#                    gets 508 after 2-3 s
# Every case runs a fresh turnserver, so that no allocation of an earlier case
# counts against a quota. turnutils_uclient always makes a first "probe"
# allocation, which it keeps, and then the allocation it uses; the quota case
# relies on that. Each case has its own client address
# (10.92.1.11 to .16), so the files merge into one capture of six clients and
# one relay. UCD_RELAY_CASES picks cases. The committed files are what the
# suite reads; run this (as root) only to record them again.
# Wireshark decodes STUN on TCP 443 only when told: -d tcp.port==443,stun.
# Needs: iproute2, nftables, coturn, openssl, tshark (dumpcap, capinfos).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/test-captures/lab}
[ "$(id -u)" = 0 ] || { echo "relay-lab: needs root for network namespaces" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
. "$(dirname "$0")/lab-lib.sh"

# coturn's package starts a system-wide turnserver where the init system
# lets it (systemd does). The lab wants none: a coturn this script installs is
# stopped and disabled at once; one that was installed before is left alone.
had_coturn=0
dpkg-query -W -f='${Status}' coturn 2>/dev/null | grep -q 'install ok installed' && had_coturn=1
lab_need iproute2 nftables coturn openssl tshark
if [ "$had_coturn" = 0 ]; then
    if [ -d /run/systemd/system ]; then
        systemctl disable --now coturn.service >/dev/null 2>&1 || true
    else
        invoke-rc.d coturn stop >/dev/null 2>&1 || true
        update-rc.d coturn disable >/dev/null 2>&1 || true
    fi
fi

P=rl
relay=10.92.2.10
realm=contoso.com
user=alice pass=Sfb-Edge-2024
work=$(mktemp -d /tmp/relay-lab.XXXXXX)
pids=()      # programs that run for the whole lab
case_pids=() # the case's turnserver and dumpcap
cleanup() {
    local ns
    lab_stop "${case_pids[@]}" "${pids[@]}"
    for ns in cli fw relay; do
        # Whatever is left in the lab's own namespaces was started here.
        ip netns pids "$P$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
        ip netns del "$P$ns" 2>/dev/null || true
    done
    if [ -n "${UCD_LAB_KEEP:-}" ]; then echo "relay-lab: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for ns in cli fw relay; do ip netns del "$P$ns" 2>/dev/null || true; done

inns() { local ns=$1; shift; ip netns exec "$P$ns" "$@"; }
# Programs left running are started with ip netns exec itself, which becomes
# the program: $! is then the program's pid, not a subshell's.

# ---- The network ----
for ns in cli fw relay; do
    ip netns add "$P$ns"
    inns "$ns" ip link set lo up
    # IPv4 only: no router solicitations in the recordings.
    inns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
lab_link "${P}cli" rlc0 10.92.1.11/24 "${P}fw" rlfc 10.92.1.1/24
lab_link "${P}fw" rlfr 10.92.2.1/24 "${P}relay" rlr0 $relay/24
for n in 12 13 14 15 16; do inns cli ip addr add 10.92.1.$n/24 dev rlc0; done
inns cli ip route add default via 10.92.1.1
inns relay ip route add default via 10.92.2.1
inns fw sysctl -qw net.ipv4.ip_forward=1
# The client's ports stay below the SfB/Teams media ranges (42000 and up), so
# that the relayed test data is not judged as a UC client's media.
inns cli sysctl -qw net.ipv4.ip_local_port_range="32768 41999"

firewall() { # firewall [RULE]: one rule in the forward chain, or none
    inns fw nft flush ruleset
    [ $# -gt 0 ] || return 0
    inns fw nft -f - <<EOF
table inet rlfw {
    chain forward {
        type filter hook forward priority 0; policy accept;
        $*
    }
}
EOF
}

# ---- The relay ----
# coturn listens for TCP on its TLS port only with a certificate; a client
# that speaks plain TURN there is served as plain TCP, which is what Teams and
# SfB do on the Edge's 443.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=edge.$realm" \
    -keyout "$work/edge.key" -out "$work/edge.pem" 2>/dev/null
relay_ports="40000 40099"
relay_start() { # relay_start CASE TURNSERVER-OPTION...: a fresh turnserver for the case
    local name=$1
    shift
    rm -f "$work/turndb"
    ip netns exec ${P}relay turnserver -n --listening-ip=$relay --relay-ip=$relay --listening-port=3478 \
        --tls-listening-port=443 --cert="$work/edge.pem" --pkey="$work/edge.key" --no-dtls \
        --lt-cred-mech --realm=$realm --user=$user:$pass \
        --min-port="${relay_ports% *}" --max-port="${relay_ports#* }" --no-cli --no-rfc5780 \
        --userdb="$work/turndb" --pidfile="$work/turnserver.pid" \
        --log-file="$work/turnserver-$name.log" --simple-log "$@" >/dev/null 2>&1 &
    case_pids+=($!)
    for _ in $(seq 50); do
        inns relay ss -Hltn "sport = :443" | grep -q . && inns relay ss -Hlun "sport = :3478" | grep -q . && return 0
        sleep 0.1
    done
    echo "relay-lab: turnserver did not start (UCD_LAB_KEEP=1 keeps its log)" >&2
    exit 1
}
# The far end of the relayed "media": coturn's UDP echo server.
ip netns exec ${P}relay turnutils_peer -L $relay -p 3480 >/dev/null 2>&1 &
pids+=($!)

# ---- The client ----
# uclient ADDRESS SECONDS OPTION...: one run of coturn's client from ADDRESS,
# ended after SECONDS at the latest: no RTCP allocation (-c), one message
# (-n 1) to the peer, then it deallocates. Its exit status is the outcome.
uclient() {
    local addr=$1 secs=$2 rc=0
    shift 2
    inns cli timeout "$secs" turnutils_uclient -c -n 1 -m 1 -L "$addr" -e $relay "$@" $relay \
        >>"$work/uclient.log" 2>&1 || rc=$?
    echo "  client $addr: turnutils_uclient $* -> exit $rc$( [ $rc = 124 ] && echo ' (stopped)')"
}

record() { # record CASE: starts recording the client's segment
    ip netns exec ${P}cli dumpcap -q -P -i rlc0 -f ip -w "$work/relay-$1.pcap" 2>/dev/null &
    case_pids+=($!)
    sleep 1
}

finish() { # finish CASE: stops the case, keeps its recording
    local name=$1 f=$out/relay-$1.pcap
    sleep 0.5
    lab_stop "${case_pids[@]}"
    case_pids=()
    firewall
    mv "$work/relay-$name.pcap" "$f"
    chmod a+r "$f"
    echo "relay-lab: relay-$name: $(capinfos -c -M "$f" | sed -n 's/^Number of packets: *//p') packets"
}

# ---- The cases ----
rec_udp_ok() {
    relay_start udp-ok; record udp-ok
    uclient 10.92.1.11 10 -u $user -w $pass
    finish udp-ok
}
# UDP 3478 dropped on the way: the client retransmits its first Allocate
# (0, 0.5, 1.5 and 3.5 s, RFC 5389's doubling) and gives up at 5 s; then it
# tries TCP 443 from the same address, as Teams and SfB fall back.
rec_udp_blocked() {
    relay_start udp-blocked; firewall "ip daddr $relay udp dport 3478 counter drop"; record udp-blocked
    uclient 10.92.1.12 5 -u $user -w $pass
    uclient 10.92.1.12 10 -t -p 443 -u $user -w $pass
    finish udp-blocked
}
# coturn answers a wrong MESSAGE-INTEGRITY with 401 and the same nonce, never
# 431; turnutils_uclient takes every 401 as a challenge and tries again, 32
# times, then gives up.
rec_bad_credentials() {
    relay_start bad-credentials; record bad-credentials
    uclient 10.92.1.13 10 -u $user -w wrong-password
    finish bad-credentials
}
# One allocation a user: the probe allocation holds it, the real one gets 486.
rec_quota() {
    relay_start quota --user-quota=1; record quota
    uclient 10.92.1.14 10 -u $user -w $pass
    finish quota
}
rec_tcp_ok() {
    relay_start tcp-ok; record tcp-ok
    uclient 10.92.1.15 10 -t -p 443 -u $user -w $pass
    finish tcp-ok
}
# The relay is out of ports: its whole range (40000-40001 here) is taken by
# another program (two more turnutils_peer), so every allocation gets 508.
# coturn looks for a free port for 2-3 s first; over UDP the client would
# retransmit meanwhile and coturn answer every copy, so this case uses TCP 443.
rec_capacity() {
    ip netns exec ${P}relay turnutils_peer -L $relay -p 40000 >/dev/null 2>&1 &
    case_pids+=($!)
    ip netns exec ${P}relay turnutils_peer -L $relay -p 40001 >/dev/null 2>&1 &
    case_pids+=($!)
    relay_ports="40000 40001" relay_start capacity; record capacity
    uclient 10.92.1.16 10 -t -p 443 -u $user -w $pass
    finish capacity
}

for c in ${UCD_RELAY_CASES:-udp-ok udp-blocked bad-credentials quota tcp-ok capacity}; do
    echo "relay-lab: $c"
    "rec_${c//-/_}"
done
