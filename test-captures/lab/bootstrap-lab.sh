#!/usr/bin/env bash
# Records a Lync/SfB phone's bootstrap with real software, once working and
# once for each way it breaks. Three network namespaces:
#
#   phone 10.80.1.x ---- 10.80.1.1 router 10.80.2.1 ---- services 10.80.2.*
#   (lldpd -M 3,          (isc-dhcp-relay,              .10 ISC dhcpd (43, 120)
#    dhcpcd, dig,          IP forwarding,               .53 dnsmasq (DNS only)
#    chronyd -Q, curl,     nftables for the             .123 chronyd (faketime)
#    openssl s_client)     broken cases)                .5 pool.contoso.com:443
#                                                       .6 sip.contoso.com:5061
#                                                       (openssl s_server, a test CA)
#
# The phone is a script that walks the bootstrap in a phone's order and
# stops where a phone would: LLDP-MED voice policy, DHCP lease, DHCPINFORM
# for 43/120, DNS for the provisioning and registrar names, NTP, HTTPS to the
# provisioning URL (verifying the chain, TLS 1.2 as the phones speak it), and
# TLS to 5061. dumpcap records the phone's segment. Each case uses its own
# MAC and address, so the recordings merge into one capture of many phones.
#
#   test-captures/lab/bootstrap-lab.sh [OUTDIR]
#
# Writes boot-CASE.pcap for CASE in ok, inform-fw, dns-missing, untrusted,
# ntp-blocked, ntp-skew, https-closed and stale-url. The test suite reads the
# committed files; run this (as root) only to record them again.
# UCD_BOOT_CASES picks cases; the training pack's (test-captures/training/
# record.sh) add opt43-cut, opt43-string, pin-fw, relay-dnsmasq,
# ntp-fallback and ntp-srv, some of which also record the server's side
# (boot-CASE-server.pcap).
# Needs: iproute2, nftables, isc-dhcp-server, isc-dhcp-relay, dhcpcd-base,
# dnsmasq-base, chrony, faketime, bind9-dnsutils, lldpd, curl, openssl, tshark.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/test-captures/lab}
[ "$(id -u)" = 0 ] || { echo "bootstrap-lab: needs root for network namespaces" >&2; exit 1; }
need=()
for p in ip:iproute2 nft:nftables dhcpd:isc-dhcp-server dhcrelay:isc-dhcp-relay dhcpcd:dhcpcd-base \
         dnsmasq:dnsmasq-base chronyd:chrony faketime:faketime dig:bind9-dnsutils lldpd:lldpd curl:curl \
         openssl:openssl dumpcap:tshark; do
    command -v "${p%%:*}" >/dev/null || need+=("${p#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

. "$(dirname "$0")/lab-lib.sh"
P=ucdb
work=$(mktemp -d /tmp/bootstrap-lab.XXXXXX)
chmod 755 "$work"
pids=()
stop_all() { lab_stop "${pids[@]}"; pids=(); }
cleanup() {
    stop_all
    # Daemons that fork or outlive a wrapper (faketime) still name their files.
    pkill -f -- "$work/" 2>/dev/null || true
    for ns in phone router srv; do ip netns del "$P-$ns" 2>/dev/null || true; done
    rm -rf "/etc/netns/$P-phone"
    if [ -n "${UCD_LAB_KEEP:-}" ]; then echo "bootstrap-lab: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
for ns in phone router srv; do ip netns del "$P-$ns" 2>/dev/null || true; done

inns() { local ns=$1; shift; ip netns exec "$P-$ns" "$@"; }
# A program left running in a namespace; its pid is the program's.
bg() { local ns=$1; shift; ip netns exec "$P-$ns" "$@" >>"$work/bg.log" 2>&1 & pids+=($!); }

# ---- The network ----
for ns in phone router srv; do ip netns add "$P-$ns"; inns "$ns" ip link set lo up; done
lab_link "$P-phone" ucdb-p - "$P-router" ucdb-rp 10.80.1.1/24
lab_link "$P-router" ucdb-rs 10.80.2.1/24 "$P-srv" ucdb-s 10.80.2.10/24
for a in 53 123 5 6 7; do inns srv ip addr add 10.80.2.$a/24 dev ucdb-s; done
inns srv ip route add 10.80.1.0/24 via 10.80.2.1
inns router sysctl -qw net.ipv4.ip_forward=1
# The phone resolves through the lab's DNS server only.
mkdir -p "/etc/netns/$P-phone"
echo "nameserver 10.80.2.53" >"/etc/netns/$P-phone/resolv.conf"

# ---- What DHCP tells the phone (domain.md section 1) ----
hex() { printf '%s' "$1" | od -An -tx1 | tr -s ' \n' ':' | sed 's/^://; s/:$//'; }
tlv() { printf '%02x:%02x:%s' "$1" "${#2}" "$(hex "$2")"; }
opt43=$(tlv 1 MS-UC-Client):$(tlv 2 https):$(tlv 3 pool.contoso.com):$(tlv 4 443)
opt43=$opt43:$(tlv 5 /CertProv/CertProvisioningService.svc)
opt120=00:03:$(hex sip):07:$(hex contoso):03:$(hex com):00
# Two option 43s seen in the field (domain.md): a router acting as the
# branch's DHCP server keeps 90 bytes of a 94-byte value, cutting the path's
# ".svc"; and sub-options typed String on the server, each value NUL-ended.
long43=$(tlv 1 MS-UC-Client):$(tlv 2 https):$(tlv 3 lyncpool01.corp.contoso.com):$(tlv 4 443)
long43=$long43:$(tlv 5 /CertProv/CertProvisioningService.svc)
cut43=$(printf '%s' "$long43" | cut -c1-269)
tlvz() { printf '%02x:%02x:%s:00' "$1" $((${#2} + 1)) "$(hex "$2")"; }
string43=$(tlvz 1 MS-UC-Client):$(tlvz 2 https):$(tlvz 3 pool.contoso.com):$(tlvz 4 443)
string43=$string43:$(tlvz 5 /CertProv/CertProvisioningService.svc)
case_opt43=$opt43

# ---- A test CA, the pool's and the registrar's certificates, and a CA the
# phone does not know for the untrusted case ----
ca() { # ca NAME
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Contoso Lab Root $1" \
        -keyout "$work/$1-ca.key" -out "$work/$1-ca.pem" 2>/dev/null
}
leaf() { # leaf CA NAME
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -addext "subjectAltName=DNS:$2" \
        -keyout "$work/$1-$2.key" -out "$work/$1-$2.csr" 2>/dev/null
    openssl x509 -req -in "$work/$1-$2.csr" -CA "$work/$1-ca.pem" -CAkey "$work/$1-ca.key" -CAcreateserial \
        -days 3650 -copy_extensions copy -out "$work/$1-$2.pem" 2>/dev/null
}
ca trusted
ca rogue
leaf trusted pool.contoso.com
leaf trusted sip.contoso.com
leaf trusted lyncpool-old.contoso.com
leaf rogue pool.contoso.com

# ---- Services that do not change between cases ----
cat >"$work/dhcpd.conf" <<EOF
authoritative;
option sip-server-raw code 120 = string;
default-lease-time 600;
subnet 10.80.2.0 netmask 255.255.255.0 { }
subnet 10.80.1.0 netmask 255.255.255.0 {
    range 10.80.1.100 10.80.1.199;
    option routers 10.80.1.1;
    option domain-name-servers 10.80.2.53;
}
class "ms-uc-client" {
    match if option vendor-class-identifier = "MS-UC-Client";
    option vendor-encapsulated-options $opt43;
    option sip-server-raw $opt120;
}
EOF
touch "$work/dhcpd.leases"
bg srv openssl s_server -quiet -accept 10.80.2.6:5061 -cert "$work/trusted-sip.contoso.com.pem" \
    -key "$work/trusted-sip.contoso.com.key"
bg srv openssl s_server -quiet -www -accept 10.80.2.7:443 -cert "$work/trusted-lyncpool-old.contoso.com.pem" \
    -key "$work/trusted-lyncpool-old.contoso.com.key"

case_pids=()
case_bg() { local ns=$1; shift; ip netns exec "$P-$ns" "$@" >>"$work/bg.log" 2>&1 & case_pids+=($!); }
case_stop() {
    lab_stop "${case_pids[@]}"
    case_pids=()
    # faketime is a script: the chronyd it starts outlives it.
    pkill -f "chronyd -x -d -f $work/chrony-srv.conf" 2>/dev/null || true
    sleep 0.3
}

# Two ways a site serves DHCP to its voice VLAN. The router itself (dnsmasq
# on its phone-side interface) answers the INFORM on the segment, as ciaddr:68.
# A central ISC dhcpd behind a relay unicasts the ACK straight to ciaddr:68,
# past the relay (see inform-lab.sh): what a stateful firewall on the router
# drops. Every real relayed server has its finding, so the working phone is
# served on its segment.
dnsmasq_dhcp() { # dnsmasq_dhcp NS IFACE: dnsmasq serving the phones' subnet from IFACE
    case_bg "$1" dnsmasq -d -C /dev/null -p 0 --interface="$2" --bind-interfaces \
        --pid-file="$work/dnsmasq-dhcp.pid" --dhcp-leasefile="$work/dnsmasq.leases" \
        --dhcp-range=10.80.1.100,10.80.1.199,255.255.255.0,10m \
        --dhcp-option=3,10.80.1.1 --dhcp-option=6,10.80.2.53 \
        --dhcp-vendorclass=set:msuc,MS-UC-Client \
        --dhcp-option=tag:msuc,43,"$case_opt43" --dhcp-option=tag:msuc,120,"$opt120"
}

dhcp_server() { # dhcp_server router|relayed|relayed-dnsmasq
    case $1 in
        relayed)
            case_bg srv dhcpd -4 -f -q -cf "$work/dhcpd.conf" -lf "$work/dhcpd.leases" -pf "$work/dhcpd.pid" ucdb-s ;;
        # dnsmasq as the central server: it answers a relayed INFORM to the
        # relay with the BROADCAST flag clear and no yiaddr.
        relayed-dnsmasq) dnsmasq_dhcp srv ucdb-s ;;
        router) dnsmasq_dhcp router ucdb-rp ;;
    esac
    [ "$1" = router ] ||
        case_bg router dhcrelay -4 -d -q -id ucdb-rp -iu ucdb-rs -pf "$work/dhcrelay.pid" 10.80.2.10
    sleep 0.5
}

dns_server() { # dns_server WITH_POOL(0/1) [ntp-srv]
    local records=(--host-record=sip.contoso.com,10.80.2.6 --host-record=lyncpool-old.contoso.com,10.80.2.7)
    [ "$1" = 1 ] && records+=(--host-record=pool.contoso.com,10.80.2.5)
    # time.windows.com stands for the Internet: a documentation address the
    # router sends towards the servers, where nothing answers NTP.
    records+=(--host-record=time.windows.com,203.0.113.123)
    [ "${2:-}" = ntp-srv ] &&
        records+=(--host-record=ntp.contoso.com,10.80.2.123 --srv-host=_ntp._udp.contoso.com,ntp.contoso.com,123)
    # --local: names in contoso.com that have no record are NXDOMAIN.
    case_bg srv dnsmasq -d -C /dev/null -p 53 --listen-address=10.80.2.53 --bind-interfaces --no-resolv \
        --no-hosts --local=/contoso.com/ "${records[@]}" --pid-file="$work/dnsmasq.pid"
}

ntp_server() { # ntp_server OFFSET (e.g. +0 or -1h)
    cat >"$work/chrony-srv.conf" <<EOF
local stratum 8
allow 10.80.0.0/16
bindaddress 10.80.2.123
cmdport 0
pidfile $work/chronyd-srv.pid
EOF
    # -x: serve time without touching the host's clock. chronyd cannot
    # remove its pid file once it runs as _chrony; a stale one stops the next.
    rm -f "$work/chronyd-srv.pid"
    if [ "$1" = "+0" ]; then
        case_bg srv chronyd -x -d -f "$work/chrony-srv.conf"
    else
        case_bg srv faketime -f "$1" chronyd -x -d -f "$work/chrony-srv.conf"
    fi
}

pool_server() { # pool_server CA
    case_bg srv openssl s_server -quiet -www -accept 10.80.2.5:443 -cert "$work/$1-pool.contoso.com.pem" \
        -key "$work/$1-pool.contoso.com.key"
}

firewall() { # firewall RULE...: drops in the router's forward chain
    inns router nft flush ruleset
    [ $# -gt 0 ] || return 0
    inns router nft -f - <<EOF
table inet ucdiag_lab {
    chain forward {
        type filter hook forward priority 0; policy accept;
        ct state established,related accept
        $*
    }
}
EOF
}

# ---- The phone ----
say() { echo "  phone: $*"; }

phone() { # phone N PROV_HOST: walks the bootstrap, stops where a phone would
    local n=$1 host=$2 ip="" addr
    local mac
    mac=$(printf '00:04:f2:80:01:%02x' "$n")
    inns phone ip link set ucdb-p down
    inns phone ip link set ucdb-p address "$mac"
    inns phone ip addr flush dev ucdb-p
    inns phone ip link set ucdb-p up
    # 1. LLDP-MED: a communication device (class III) with a voice policy.
    rm -rf "$work/lldpd" && mkdir -p "$work/lldpd"
    case_bg phone lldpd -d -M 3 -I ucdb-p -u "$work/lldpd/sock"
    sleep 1
    inns phone lldpcli -u "$work/lldpd/sock" configure med policy application voice vlan 200 priority voice \
        dscp 46 >/dev/null 2>&1 || say "lldpcli failed"
    sleep 2
    # 2. A lease, then 3. the INFORM for 43 and 120, as MS-UC-Client. A new
    # phone: no lease remembered from an earlier run.
    rm -f /var/lib/dhcpcd/ucdb-p*.lease /var/lib/dhcpcd/ucdb-p*.lease6
    inns phone timeout 20 dhcpcd -4 -1 -B -f /dev/null --nohook resolv.conf --noipv4ll --noarp -i MS-UC-Client \
        -t 10 ucdb-p >"$work/dhcpcd-lease-$n.log" 2>&1 || true
    ip=$(inns phone ip -4 -o addr show dev ucdb-p | awk '{print $4}' | head -n1)
    inns phone dhcpcd -x ucdb-p >/dev/null 2>&1 || true
    [ -n "$ip" ] || { say "no lease"; return; }
    [ "$host" = - ] && say "$ip: option 43 is the only source of the URL here"
    inns phone ip addr replace "$ip" dev ucdb-p
    inns phone ip route replace default via 10.80.1.1
    if ! inns phone timeout 20 dhcpcd -4 -1 -B -f /dev/null --nohook resolv.conf --noipv4ll \
            -i MS-UC-Client -o vendor_encapsulated_options -o sip_server -s "$ip" -t 10 ucdb-p \
            >"$work/dhcpcd-inform-$n.log" 2>&1 ||
       ! grep -q 'received approval' "$work/dhcpcd-inform-$n.log"; then
        inns phone dhcpcd -x ucdb-p >/dev/null 2>&1 || true
        say "$ip: no answer to the INFORM, no provisioning URL"; return
    fi
    inns phone dhcpcd -x ucdb-p >/dev/null 2>&1 || true
    inns phone ip addr replace "$ip" dev ucdb-p
    inns phone ip route replace default via 10.80.1.1
    # A phone whose option 43 gives no usable URL goes no further towards
    # PIN sign-in (the lab's phone does not parse option 43 itself).
    [ "$host" = - ] && { say "$ip: no usable Certificate Provisioning URL, no PIN sign-in"; return; }
    # 4. DNS for the provisioning host and the registrar.
    addr=$(inns phone dig +short +tries=2 +time=1 "$host" A | grep -E '^[0-9.]+$' | head -n1 || true)
    [ -n "$addr" ] || { say "$ip: cannot resolve $host"; return; }
    sipaddr=$(inns phone dig +short +tries=2 +time=1 sip.contoso.com A | grep -E '^[0-9.]+$' | head -n1 || true)
    [ -n "$sipaddr" ] || { say "$ip: cannot resolve sip.contoso.com"; return; }
    # 5. Time, measured and not set (-Q): the host's clock is shared. A Lync
    # Phone Edition phone asks DNS for _ntp._udp.<SIP domain> and falls back
    # to time.windows.com (ntp_lookup=srv); the other cases use the lab's NTP
    # server directly.
    local ntp=10.80.2.123 target
    if [ "$ntp_lookup" = srv ]; then
        target=$(inns phone dig +short +tries=2 +time=1 _ntp._udp.contoso.com SRV | awk 'NR==1 {print $4}')
        target=${target%.}
        ntp=$(inns phone dig +short +tries=2 +time=1 "${target:-time.windows.com}" A | grep -E '^[0-9.]+$' | head -n1 || true)
        [ -n "$ntp" ] || { say "$ip: no NTP server name resolves"; return; }
    fi
    cat >"$work/chrony-phone.conf" <<EOF
server $ntp iburst
cmdport 0
pidfile $work/chronyd-phone.pid
EOF
    rm -f "$work/chronyd-phone.pid"
    if ! inns phone chronyd -Q -t 9 -f "$work/chrony-phone.conf" >"$work/chrony-phone.log" 2>&1; then
        say "$ip: no time from $ntp"; return
    fi
    # 6. HTTPS to the Certificate Provisioning URL, verifying the chain.
    if ! inns phone curl -sS -o /dev/null --max-time 8 --tls-max 1.2 --cacert "$work/trusted-ca.pem" \
            --resolve "$host:443:$addr" "https://$host:443/CertProv/CertProvisioningService.svc" \
            >"$work/curl.log" 2>&1; then
        say "$ip: HTTPS to $host failed: $(head -c 120 "$work/curl.log")"; return
    fi
    # 7. SIP over TLS to the registrar.
    if inns phone timeout 8 openssl s_client -quiet -tls1_2 -connect "$sipaddr:5061" -servername sip.contoso.com \
            -CAfile "$work/trusted-ca.pem" -verify_return_error </dev/null >/dev/null 2>&1; then
        say "$ip: reached SIP over TLS"
    else
        say "$ip: TLS to 5061 failed"
    fi
}

run() { # run NAME N PROV_HOST: records one case; services set up by the caller
    local name=$1 n=$2 host=$3 scap=
    ip netns exec "$P-phone" dumpcap -q -P -i ucdb-p -w "$work/$name.pcap" 2>/dev/null &
    local cap=$!
    if [ "$server_side" = 1 ]; then
        ip netns exec "$P-srv" dumpcap -q -P -i ucdb-s -w "$work/$name-server.pcap" 2>/dev/null &
        scap=$!
    fi
    sleep 1.5
    echo "bootstrap-lab: $name"
    phone "$n" "$host"
    sleep 1
    kill "$cap" $scap 2>/dev/null || true
    wait "$cap" $scap 2>/dev/null || true
    case_stop
    firewall
    mv "$work/$name.pcap" "$out/$name.pcap"
    chmod a+r "$out/$name.pcap"
    if [ -n "$scap" ]; then
        mv "$work/$name-server.pcap" "$out/$name-server.pcap"
        chmod a+r "$out/$name-server.pcap"
    fi
    server_side=0 ntp_lookup=direct case_opt43=$opt43
    echo "bootstrap-lab: $name: $(capinfos -c -M "$out/$name.pcap" | sed -n 's/^Number of packets: *//p') packets"
}

# ---- The cases: services, firewall, then the phone ----
rec_ok()          { dhcp_server router; dns_server 1; ntp_server +0; pool_server trusted; run boot-ok 1 pool.contoso.com; }
# The firewall drops the server's ACK to the INFORM, sent past the relay.
rec_inform_fw()   { dhcp_server relayed; dns_server 1; ntp_server +0; pool_server trusted
                    firewall 'udp sport 67 udp dport 68 ct state new counter drop'
                    run boot-inform-fw 2 pool.contoso.com; }
# DNS has no record for the provisioning host.
rec_dns_missing() { dhcp_server router; dns_server 0; ntp_server +0; pool_server trusted; run boot-dns-missing 3 pool.contoso.com; }
# The pool's certificate comes from a CA the phone does not have.
rec_untrusted()   { dhcp_server router; dns_server 1; ntp_server +0; pool_server rogue; run boot-untrusted 4 pool.contoso.com; }
# NTP is blocked on the way.
rec_ntp_blocked() { dhcp_server router; dns_server 1; ntp_server +0; pool_server trusted; firewall 'udp dport 123 counter drop'
                    run boot-ntp-blocked 5 pool.contoso.com; }
# The NTP server's clock is an hour behind.
rec_ntp_skew()    { dhcp_server router; dns_server 1; ntp_server -1h; pool_server trusted; run boot-ntp-skew 6 pool.contoso.com; }
# Nothing listens on the pool's 443.
rec_https_closed() { dhcp_server router; dns_server 1; ntp_server +0; run boot-https-closed 7 pool.contoso.com; }
# The phone's own configuration overrides the URL with an old pool.
rec_stale_url()   { dhcp_server router; dns_server 1; ntp_server +0; pool_server trusted; run boot-stale-url 8 lyncpool-old.contoso.com; }

# ---- The training pack's cases (test-captures/training/record.sh) ----
# The branch router is the DHCP server and cuts option 43 at 90 bytes.
rec_opt43_cut()   { case_opt43=$cut43; dhcp_server router; dns_server 1; run boot-opt43-cut 11 -; }
# Sub-options typed String: every value ends in a NUL.
rec_opt43_string() { case_opt43=$string43; dhcp_server router; dns_server 1; run boot-opt43-string 12 -; }
# inform-fw, recorded at the server as well.
rec_pin_fw()      { server_side=1; dhcp_server relayed; dns_server 1; ntp_server +0; pool_server trusted
                    firewall 'udp sport 67 udp dport 68 ct state new counter drop'
                    run boot-pin-fw 13 pool.contoso.com; }
# dnsmasq behind the relay: its ACK to a relayed INFORM cannot be delivered.
rec_relay_dnsmasq() { server_side=1; dhcp_server relayed-dnsmasq; dns_server 1; ntp_server +0; pool_server trusted
                    run boot-relay-dnsmasq 14 pool.contoso.com; }
# No _ntp._udp record; the fallback, time.windows.com, is blocked.
rec_ntp_fallback() { ntp_lookup=srv; dhcp_server router; dns_server 1; ntp_server +0; pool_server trusted
                    firewall 'udp dport 123 ip daddr != 10.80.2.0/24 counter drop'
                    run boot-ntp-fallback 15 pool.contoso.com; }
# The fix: the _ntp._udp record names the site's NTP server.
rec_ntp_srv()     { ntp_lookup=srv; dhcp_server router; dns_server 1 ntp-srv; ntp_server +0; pool_server trusted
                    firewall 'udp dport 123 ip daddr != 10.80.2.0/24 counter drop'
                    run boot-ntp-srv 16 pool.contoso.com; }

server_side=0 ntp_lookup=direct
# The Internet, for time.windows.com: towards the servers, where nothing
# answers; without a route the router would answer "unreachable" itself.
inns router ip route add default via 10.80.2.10
sleep 2
for c in ${UCD_BOOT_CASES:-ok inform-fw dns-missing untrusted ntp-blocked ntp-skew https-closed stale-url}; do
    "rec_${c//-/_}"
done
stop_all
