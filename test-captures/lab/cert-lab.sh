#!/usr/bin/env bash
# Records TLS 1.2 handshakes between real openssl s_client and s_server, one
# capture per certificate problem a UC engineer meets (and two that are fine),
# into test-captures/lab/cert-CASE.pcap. TLS 1.2 sends the server's
# Certificate message in the clear, so each capture shows what the client was
# given. The suite reads the committed files; run this (as root) only to
# record them again.
#
#   test-captures/lab/cert-lab.sh [OUTDIR]
#
# Two network namespaces joined by one veth pair, made anew for each case with
# the case's own addresses and MACs, so the captures merge into one:
#
#   client 10.91.N.10 (02:91:00:0N:00:0a) ---- 10.91.N.20 (02:91:00:0N:00:14) server
#   openssl s_client, port 49160+N            openssl s_server, 5061 or 443
#
#   N case             port  SNI               the server's certificate        the client
#   1 ok               5061  sip.contoso.com   CN sip.contoso.com, SAN it and  completes
#                                              45 more names, with its issuing
#                                              CA: the Certificate message
#                                              spans three TCP segments
#   2 um-subject       5061  um01.contoso.com  CN pool.contoso.com, SAN        completes, presenting
#                                              pool.contoso.com and            fe01.contoso.com
#                                              um01.contoso.com                (mutual TLS)
#   3 expired          5061  sip.contoso.com   notAfter 30 days before the     certificate_expired
#                                              recording
#   4 wrong-name       443   pool.contoso.com  CN and SAN lyncweb.fabrikam.com bad_certificate
#   5 no-intermediate  5061  sip.contoso.com   the leaf alone, without its     unknown_ca
#                                              issuing CA
#   6 wildcard-ok      443   meet.contoso.com  CN and SAN *.contoso.com,       completes
#                                              notAfter 2054 (GeneralizedTime)
#
# The client trusts only the lab's root CA and checks the name it asked for
# (-verify_hostname, -verify_return_error), as a phone does; where it refuses
# the certificate it sends the alert OpenSSL picks and closes. The lab's CA
# (a root and an issuing intermediate) is made on every run in a temporary
# folder and thrown away; no key is kept. Certificates that should be valid
# are valid from 2024 to 2049-12-31 (UTCTime) or later (GeneralizedTime),
# so they stay valid, and the expired one stays expired.
# UCD_CERT_CASES picks cases (default: all six).
# Needs: iproute2, procps, ethtool, openssl, tshark (for dumpcap and capinfos).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/test-captures/lab}
[ "$(id -u)" = 0 ] || { echo "cert-lab: needs root for network namespaces" >&2; exit 1; }
. "$(dirname "$0")/lab-lib.sh"
lab_need iproute2 procps ethtool openssl tshark
mkdir -p "$out"

# Names: everything this lab creates starts with "cl" (the namespaces, the
# veth pair) and uses 10.91.0.0/16, so it runs beside other labs.
C=clcert-cli S=clcert-srv
work=$(mktemp -d /tmp/cert-lab.XXXXXX)
chmod 755 "$work"
pids=()
stop_all() { lab_stop "${pids[@]}"; pids=(); }
cleanup() {
    stop_all
    ip netns del "$C" 2>/dev/null || true
    ip netns del "$S" 2>/dev/null || true
    if [ -n "${UCD_LAB_KEEP:-}" ]; then echo "cert-lab: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
ip netns del "$C" 2>/dev/null || true
ip netns del "$S" 2>/dev/null || true

# ---- The lab's CA: a root, an issuing intermediate, and the leaves ----
# openssl ca, because only it sets both validity dates in OpenSSL 3.0 (as
# UTCTime up to 2049, GeneralizedTime from 2050, as RFC 5280 wants).
ca=$work/ca
mkdir -p "$ca/new"
: >"$ca/index.txt"
echo 1000 >"$ca/serial"
cat >"$ca/ca.cnf" <<EOF
[ca]
default_ca = lab
[lab]
dir = $ca
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = any
preserve = yes
unique_subject = no
email_in_dn = no
[any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[issuing]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF

# sign NAME BITS SUBJECT ISSUER(-: itself) START END EXTSECTION [EXTFILE]
sign() {
    local name=$1 bits=$2 subj=$3 issuer=$4 start=$5 end=$6 ext=$7 extfile=${8:-$ca/ca.cnf}
    openssl req -new -config "$ca/ca.cnf" -newkey "rsa:$bits" -nodes -subj "$subj" \
        -keyout "$work/$name.key" -out "$work/$name.csr" 2>/dev/null
    local by=(-cert "$work/$issuer.pem" -keyfile "$work/$issuer.key")
    [ "$issuer" = - ] && by=(-selfsign -keyfile "$work/$name.key")
    openssl ca -batch -notext -config "$ca/ca.cnf" "${by[@]}" -in "$work/$name.csr" -out "$work/$name.pem" \
        -startdate "$start" -enddate "$end" -extfile "$extfile" -extensions "$ext" 2>"$work/ca-$name.log" ||
        { cat "$work/ca-$name.log" >&2; exit 1; }
}

# leaf NAME SUBJECT START END EKU DNS-NAME...: a server (or MTLS) certificate
# issued by the intermediate, with the DNS names as its SAN.
leaf() {
    local name=$1 subj=$2 start=$3 end=$4 eku=$5 san="" n
    shift 5
    for n in "$@"; do san="${san:+$san, }DNS:$n"; done
    cat >"$work/$name.ext" <<EOF
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = $eku
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $san
EOF
    sign "$name" 2048 "$subj" issuing "$start" "$end" leaf "$work/$name.ext"
}

# Valid: 2024-01-01 to the last second UTCTime can hold, or past 2050.
from=20240101000000Z until=20491231235959Z
# Expired 30 days before today (midnight UTC), after a year of validity.
today=$(date -u +%F)
exp_end=$(date -u -d "$today -30 days" +%Y%m%d000000Z)
exp_start=$(date -u -d "$today -395 days" +%Y%m%d000000Z)

sign root 2048 "/C=US/O=Contoso Ltd/CN=Contoso Lab Root CA" - "$from" 20600101000000Z root
# A 4096-bit issuing CA, as public CAs have: every chain it is in spans
# TCP segments.
sign issuing 4096 "/C=US/O=Contoso Ltd/CN=Contoso Lab Issuing CA 1" root "$from" 20550101000000Z issuing

# ok: a front end pool's certificate, naming every pool member and the
# simple URLs of three SIP domains, as the deployment wizard requests.
names=(sip.contoso.com pool.contoso.com)
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do names+=("fe$i.contoso.com"); done
for d in contoso.com fabrikam.com litware.com; do
    [ "$d" = contoso.com ] || names+=("sip.$d")
    names+=("lyncdiscover.$d" "lyncdiscoverinternal.$d" "meet.$d" "dialin.$d" "admin.$d")
    names+=("webext.$d" "webint.$d" "scheduler.$d" "access.$d" "wac.$d")
done
leaf ok "/C=US/O=Contoso Ltd/CN=sip.contoso.com" "$from" "$until" "serverAuth, clientAuth" "${names[@]}"
# um-subject: the UM server's certificate names the pool as its subject, and
# the server itself only in the SAN; the front end's own is right.
leaf um "/C=US/O=Contoso Ltd/CN=pool.contoso.com" "$from" "$until" "serverAuth, clientAuth" \
    pool.contoso.com um01.contoso.com
leaf fe01 "/C=US/O=Contoso Ltd/CN=fe01.contoso.com" "$from" "$until" "serverAuth, clientAuth" fe01.contoso.com
leaf expired "/C=US/O=Contoso Ltd/CN=sip.contoso.com" "$exp_start" "$exp_end" "serverAuth, clientAuth" \
    sip.contoso.com
leaf fabrikam "/C=US/O=Fabrikam Inc/CN=lyncweb.fabrikam.com" "$from" "$until" serverAuth lyncweb.fabrikam.com
leaf nochain "/C=US/O=Contoso Ltd/CN=sip.contoso.com" "$from" "$until" "serverAuth, clientAuth" sip.contoso.com
leaf wildcard "/C=US/O=Contoso Ltd/CN=*.contoso.com" "$from" 20540101000000Z serverAuth '*.contoso.com'

# ---- The network ----
ip netns add "$C"
ip netns add "$S"
inns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
for ns in "$C" "$S"; do
    inns "$ns" ip link set lo up
    # No TCP timestamps, as Windows and the phones send none: smaller
    # segments, nothing that changes between runs but the ISNs.
    inns "$ns" sysctl -qw net.ipv4.tcp_timestamps=0
    inns "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done

# link N: the case's veth pair, addresses and MACs; segmentation offloads
# off, so dumpcap sees the segments a real wire carries.
link() {
    local n=$1
    ip -n "$C" link del clcert-c 2>/dev/null || true
    ip link add clcert-c address "02:91:00:0$n:00:0a" netns "$C" type veth \
        peer name clcert-s address "02:91:00:0$n:00:14" netns "$S"
    ip -n "$C" addr add "10.91.$n.10/24" dev clcert-c
    ip -n "$S" addr add "10.91.$n.20/24" dev clcert-s
    inns "$C" ethtool -K clcert-c tso off gso off gro off >/dev/null 2>&1
    inns "$S" ethtool -K clcert-s tso off gso off gro off >/dev/null 2>&1
    ip -n "$C" link set clcert-c up
    ip -n "$S" link set clcert-s up
}

# ---- One case ----
# run N NAME PORT SNI CERT SENDS [SERVER_OPTS...] -- [CLIENT_OPTS...]
# The server presents CERT, with the intermediate after it (SENDS chain) or
# alone (SENDS leaf), and accepts one connection: on 5061 it answers each
# line (-rev), on 443 it serves a small file (-WWW). The client sends one
# request, waits a moment for the answer and closes (close_notify, then FIN),
# or fails the handshake with an alert.
run() {
    local n=$1 name=$2 port=$3 sni=$4 cert=$5 sends=$6 sopts copts=() mode req i
    shift 6
    sopts=(-cert "$work/$cert.pem" -key "$work/$cert.key")
    # Without -cert_chain (and without -CAfile, from which s_server would
    # build the chain itself) only the leaf is sent.
    [ "$sends" = chain ] && sopts+=(-cert_chain "$work/issuing.pem")
    while [ "$1" != -- ]; do sopts+=("$1"); shift; done
    shift
    copts=("$@")
    echo "cert-lab: cert-$name"
    link "$n"
    if [ "$port" = 443 ]; then
        mode=-WWW req="GET /ok.txt HTTP/1.1\r\nHost: $sni\r\n\r\n"
    else
        mode=-rev req="OPTIONS sip:$sni SIP/2.0\r\n"
    fi
    inns "$C" dumpcap -q -P -i clcert-c -f "tcp port $port" -w "$work/cert-$name.pcap" 2>"$work/dumpcap-$name.log" &
    local cap=$!
    pids+=("$cap")
    # Served from the work folder: -WWW reads ./ok.txt.
    (cd "$work" && exec ip netns exec "$S" openssl s_server -tls1_2 -naccept 1 $mode \
        -accept "10.91.$n.20:$port" "${sopts[@]}" >"$work/server-$name.log" 2>&1) &
    pids+=($!)
    for i in $(seq 50); do
        [ -s "$work/cert-$name.pcap" ] && inns "$S" ss -Hltn "sport = :$port" | grep -q . && break
        [ "$i" = 50 ] && { echo "cert-lab: $name: dumpcap or s_server did not start" >&2; exit 1; }
        sleep 0.1
    done
    sleep 0.5
    # The client's port is fixed too (-bind), one per case.
    { printf '%b' "$req"; sleep 1; } | inns "$C" timeout 10 openssl s_client -brief -tls1_2 \
        -bind "10.91.$n.10:$((49160 + n))" -connect "10.91.$n.20:$port" -servername "$sni" \
        -verify_hostname "$sni" -CAfile "$work/root.pem" -verify_return_error "${copts[@]}" \
        >"$work/client-$name.log" 2>&1 || true
    sleep 1
    kill "$cap" 2>/dev/null || true
    wait "$cap" 2>/dev/null || true
    stop_all
    grep -E 'CONNECTION ESTABLISHED|Verif|verify error|notAfter|alert' "$work/client-$name.log" |
        sed 's/^/    client: /' || true
    mv "$work/cert-$name.pcap" "$out/cert-$name.pcap"
    chmod a+r "$out/cert-$name.pcap"
    echo "cert-lab: cert-$name: $(capinfos -c -M "$out/cert-$name.pcap" | sed -n 's/^Number of packets: *//p') packets"
}

printf 'ok\n' >"$work/ok.txt"

rec_ok() { run 1 ok 5061 sip.contoso.com ok chain --; }
# Server-to-server MTLS: the UM server asks for the front end's certificate
# (-Verify) and checks it against the lab's root; the front end sends its own
# with its issuing CA.
rec_um_subject() {
    run 2 um-subject 5061 um01.contoso.com um chain -Verify 1 -CAfile "$work/root.pem" -verify_return_error -- \
        -cert "$work/fe01.pem" -key "$work/fe01.key" -cert_chain "$work/issuing.pem"
}
rec_expired() { run 3 expired 5061 sip.contoso.com expired chain --; }
rec_wrong_name() { run 4 wrong-name 443 pool.contoso.com fabrikam chain --; }
rec_no_intermediate() { run 5 no-intermediate 5061 sip.contoso.com nochain leaf --; }
rec_wildcard_ok() { run 6 wildcard-ok 443 meet.contoso.com wildcard chain --; }

for c in ${UCD_CERT_CASES:-ok um-subject expired wrong-name no-intermediate wildcard-ok}; do
    "rec_${c//-/_}"
done
