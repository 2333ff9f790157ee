#!/usr/bin/env bash
# Records how real DHCP servers answer a relayed DHCPINFORM from a Lync/SfB
# phone. Three network namespaces:
#
#   client 10.78.1.10 --- 10.78.1.1 relay 10.78.2.1 --- 10.78.2.10 server
#   (dhcpcd --inform,      (isc-dhcp-relay,              (ISC dhcpd, Kea
#    vendor class           IP forwarding,                or dnsmasq)
#    MS-UC-Client)          optional nftables rule)
#
# For each server, once open and once with a stateful rule in the relay that
# drops server:67 -> client:68 traffic outside an established flow, dumpcap
# records at four points: the client's segment, the relay's client side, the
# relay's server side and the server. The files go to test-captures/lab/ as
# inform-SERVER[-fw]-POINT.pcap. The test suite reads the committed files; run
# this (as root) only to record them again.
#
#   test-captures/lab/inform-lab.sh [OUTDIR]
#
# Needs: iproute2, nftables, isc-dhcp-server, kea-dhcp4-server, dnsmasq-base,
# isc-dhcp-relay, dhcpcd-base, tshark (dumpcap). Installed when missing.
# Traffic stays inside the namespaces (10.78.1.0/24, 10.78.2.0/24).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/test-captures/lab}
[ "$(id -u)" = 0 ] || { echo "inform-lab: needs root for network namespaces" >&2; exit 1; }
need=()
for p in ip:iproute2 nft:nftables dhcpd:isc-dhcp-server kea-dhcp4:kea-dhcp4-server dnsmasq:dnsmasq-base \
         dhcrelay:isc-dhcp-relay dhcpcd:dhcpcd-base dumpcap:tshark; do
    command -v "${p%%:*}" >/dev/null || need+=("${p#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

. "$(dirname "$0")/lab-lib.sh"
C=ucdinf-client R=ucdinf-relay S=ucdinf-server
work=$(mktemp -d /tmp/inform-lab.XXXXXX)
pids=()
stop_all() { lab_stop "${pids[@]}"; pids=(); }
cleanup() {
    stop_all
    for ns in "$C" "$R" "$S"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
cleanup
work=$(mktemp -d /tmp/inform-lab.XXXXXX)
chmod 755 "$work"

# ---- What the phone should be told (domain.md section 1) ----
hex() { printf '%s' "$1" | od -An -tx1 | tr -s ' \n' ':' | sed 's/^://; s/:$//'; }
tlv() { printf '%02x:%02x:%s' "$1" "${#2}" "$(hex "$2")"; }
opt43=$(tlv 1 MS-UC-Client):$(tlv 2 https):$(tlv 3 pool.contoso.com):$(tlv 4 443)
opt43=$opt43:$(tlv 5 /CertProv/CertProvisioningService.svc)
# Option 120, encoding 0, one name: sip.contoso.com
opt120=00:03:$(hex sip):07:$(hex contoso):03:$(hex com):00

# ---- The network ----
for ns in "$C" "$R" "$S"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
lab_link "$C" ucdi-c 10.78.1.10/24 "$R" ucdi-rc 10.78.1.1/24
lab_link "$R" ucdi-rs 10.78.2.1/24 "$S" ucdi-s 10.78.2.10/24
ip -n "$C" route add default via 10.78.1.1
ip -n "$S" route add 10.78.1.0/24 via 10.78.2.1
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1

# ---- Server configurations ----
cat >"$work/dhcpd.conf" <<EOF
authoritative;
option sip-server-raw code 120 = string;
subnet 10.78.2.0 netmask 255.255.255.0 { }
subnet 10.78.1.0 netmask 255.255.255.0 {
    option routers 10.78.1.1;
}
class "ms-uc-client" {
    match if option vendor-class-identifier = "MS-UC-Client";
    option vendor-encapsulated-options $opt43;
    option sip-server-raw $opt120;
}
EOF
touch "$work/dhcpd.leases"

cat >"$work/kea.json" <<EOF
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "ucdi-s" ] },
    "lease-database": { "type": "memfile", "persist": false },
    "control-socket": { "socket-type": "unix", "socket-name": "$work/kea.sock" },
    "option-def": [ { "name": "sip-server-raw", "code": 120, "type": "binary" } ],
    "client-classes": [ {
        "name": "ms-uc-client",
        "test": "option[60].text == 'MS-UC-Client'",
        "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "binary" } ],
        "option-data": [
            { "name": "vendor-encapsulated-options", "csv-format": false, "data": "${opt43//:/}" },
            { "name": "sip-server-raw", "csv-format": false, "data": "${opt120//:/}" } ]
    } ],
    "subnet4": [
        { "subnet": "10.78.1.0/24", "id": 1, "option-data": [ { "name": "routers", "data": "10.78.1.1" } ] },
        { "subnet": "10.78.2.0/24", "id": 2 } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
                   "output_options": [ { "output": "$work/kea.log" } ] } ]
} }
EOF

server() {
    case $1 in
    dhcpd)
        ip netns exec "$S" dhcpd -4 -f -q -cf "$work/dhcpd.conf" -lf "$work/dhcpd.leases" \
            -pf "$work/dhcpd.pid" ucdi-s >"$work/dhcpd.log" 2>&1 & ;;
    kea)
        KEA_PIDFILE_DIR=$work KEA_LOCKFILE_DIR=$work \
            ip netns exec "$S" kea-dhcp4 -c "$work/kea.json" >"$work/kea.out" 2>&1 & ;;
    dnsmasq)
        ip netns exec "$S" dnsmasq -d -p 0 -C /dev/null --interface=ucdi-s --bind-interfaces \
            --pid-file="$work/dnsmasq.pid" --dhcp-leasefile="$work/dnsmasq.leases" \
            --dhcp-range=10.78.1.0,static,255.255.255.0 --dhcp-range=10.78.2.0,static,255.255.255.0 \
            --dhcp-vendorclass=set:msuc,MS-UC-Client \
            --dhcp-option=tag:msuc,43,"$opt43" --dhcp-option=tag:msuc,120,"$opt120" \
            >"$work/dnsmasq.log" 2>&1 & ;;
    esac
    pids+=($!)
}

run() { # run SERVER FIREWALL(0/1)
    local srv=$1 fw=$2 name=inform-$1 point ns ifc
    [ "$fw" = 1 ] && name=$name-fw
    ip netns exec "$R" nft flush ruleset
    if [ "$fw" = 1 ]; then
        ip netns exec "$R" nft -f - <<'EOF'
table inet ucdiag_lab {
    chain forward {
        type filter hook forward priority 0; policy accept;
        ct state established,related accept
        udp sport 67 udp dport 68 ct state new counter drop
    }
}
EOF
    fi
    for point in client:$C:ucdi-c relay-client:$R:ucdi-rc relay-server:$R:ucdi-rs server:$S:ucdi-s; do
        IFS=: read -r p ns ifc <<<"$point"
        ip netns exec "$ns" dumpcap -q -P -i "$ifc" -f 'udp port 67 or udp port 68 or icmp' \
            -w "$work/$name-$p.pcap" 2>/dev/null &
        pids+=($!)
    done
    sleep 1.5
    server "$srv"
    ip netns exec "$R" dhcrelay -4 -d -q -id ucdi-rc -iu ucdi-rs -pf "$work/dhcrelay.pid" 10.78.2.10 \
        >"$work/dhcrelay.log" 2>&1 &
    pids+=($!)
    sleep 2
    # The phone: an address of its own already, then INFORM asking for 43
    # and 120 with vendor class MS-UC-Client. It gives up after the timeout.
    ip netns exec "$C" timeout 30 dhcpcd -4 -1 -B -f /dev/null --nohook resolv.conf --noipv4ll \
        -i MS-UC-Client -o vendor_encapsulated_options -o sip_server \
        -s 10.78.1.10/24 -t "$([ "$fw" = 1 ] && echo 12 || echo 6)" ucdi-c \
        >"$work/dhcpcd-$name.log" 2>&1 || true
    ip netns exec "$C" dhcpcd -x ucdi-c >/dev/null 2>&1 || true
    sleep 1
    stop_all
    for p in client relay-client relay-server server; do
        mv "$work/$name-$p.pcap" "$out/$name-$p.pcap"
        chmod a+r "$out/$name-$p.pcap"
    done
    echo "inform-lab: $name: $(for p in client relay-client relay-server server; do
        printf '%s %s  ' "$p" "$(capinfos -c -M "$out/$name-$p.pcap" | sed -n 's/^Number of packets: *//p')"
        done)"
    grep -h -i -E 'inform|ack|error' "$work/dhcpcd-$name.log" | sed 's/^/  dhcpcd: /' | head -4 || true
}

for srv in ${UCD_LAB_SERVERS:-dhcpd kea dnsmasq}; do
    run "$srv" 0
    run "$srv" 1
done
# Merged multi-point captures, as an engineer would build them from the four
# points: each INFORM and ACK appears up to four times with the same xid.
for name in inform-dhcpd-fw inform-kea; do
    [ -f "$out/$name-server.pcap" ] || continue
    mergecap -F pcap -w "$out/$name-merged.pcap" \
        "$out/$name-client.pcap" "$out/$name-relay-client.pcap" "$out/$name-relay-server.pcap" \
        "$out/$name-server.pcap"
    chmod a+r "$out/$name-merged.pcap"
    echo "inform-lab: $name-merged: $(capinfos -c -M "$out/$name-merged.pcap" | sed -n 's/^Number of packets: *//p')"
done
