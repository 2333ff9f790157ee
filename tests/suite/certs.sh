# Sourced by tests/run.sh: the certificates of UC servers (issue 20), on the
# certificate lab's recordings (test-captures/lab/cert-lab.sh: real openssl
# s_server and s_client, TLS 1.2) and the bootstrap lab's. Each broken case
# is found with its words, on the frame a user would look at (a phone's
# refusal in its bootstrap timeline's words); the good cases
# and the connections that are not UC say nothing.
# SPDX-License-Identifier: GPL-2.0-or-later

CERT_FINDING='ucdiag.cert.name_mismatch || ucdiag.cert.mtls_subject || ucdiag.cert.expired || ucdiag.cert.not_yet_valid || ucdiag.cert.chain_incomplete || ucdiag.cert.unreadable'

# cert_report CAPTURE OPTIONS...: each judged certificate and each finding.
cert_report() {
    local cap=$1
    shift
    echo "== $cap.pcap${1:+ ($*)}: frame scope host subject names not-after count chain; info words; messages"
    ucd_tshark -r "$UCD_STAGE/captures/lab/$cap.pcap" "$@" -Y "ucdiag.cert || ucdiag.boot.tls_failed" -T fields -e frame.number \
        -e ucdiag.cert.scope -e ucdiag.cert.host -e ucdiag.cert.subject -e ucdiag.cert.names \
        -e ucdiag.cert.not_after -e ucdiag.cert.count -e ucdiag.cert.chain -e ucdiag.finding \
        -e _ws.expert.message 2>&1 | iso_times
}
# Wireshark 4.0 prints an absolute time field as "Dec 31, 2049 23:59:59.000000000
# UTC", 4.6 as ISO 8601: the report keeps the ISO form.
iso_times() {
    sed -E -e 's/Jan /01 /; s/Feb /02 /; s/Mar /03 /; s/Apr /04 /; s/May /05 /; s/Jun /06 /' \
           -e 's/Jul /07 /; s/Aug /08 /; s/Sep /09 /; s/Oct /10 /; s/Nov /11 /; s/Dec /12 /' \
           -e 's/(^|\t)([01][0-9]) +([0-9]{1,2}), ([0-9]{4}) ([0-9:.]+) UTC/\1\4-\2-0\3T\5Z/g' \
           -e 's/-0([0-9]{2})T/-\1T/g'
}
{
    for c in ok um-subject expired no-intermediate; do cert_report cert-$c; done
    # On 443 with a name that is neither a provisioning host's nor
    # Microsoft 365's: judged only when asked for.
    for c in wrong-name wildcard-ok; do
        cert_report cert-$c
        cert_report cert-$c -o ucdiag.cert_all_tls:TRUE
    done
    for c in boot-ok boot-untrusted; do cert_report $c; done
} >"$UCD_STAGE/work/certs.txt"
same_as_reviewed "$EXPECTED/certs.txt" "$UCD_STAGE/work/certs.txt" \
    "certificate lab: each certificate judged, each finding in words, as reviewed"

# What a user checks, case by case.
expect_frames lab/cert-ok.pcap "$CERT_FINDING" '' \
    "certificates: a good chain over three segments (cert-ok) says nothing"
expect_frames lab/cert-ok.pcap 'ucdiag.cert.names contains "sip.contoso.com" && ucdiag.cert.count == 2' '10' \
    "certificates: read where Wireshark finished reassembling them (frame 10 of segments 6, 8, 10)"
expect_frames lab/cert-wildcard-ok.pcap "$CERT_FINDING" '' \
    "certificates: *.contoso.com covers meet.contoso.com (cert-wildcard-ok), even with every TLS judged" \
    -o ucdiag.cert_all_tls:TRUE
expect_frames lab/cert-um-subject.pcap 'ucdiag.cert.mtls_subject && _ws.expert.message contains "subject pool.contoso.com"' '10' \
    "certificates: MTLS on 5061 whose subject names the pool, the server only in the SAN (story 5), on the client's certificate"
expect_frames lab/cert-expired.pcap 'ucdiag.cert.expired && _ws.expert.message contains "expired 30 days"' '8' \
    "certificates: expired 30 days before the capture, said with how long"
expect_frames lab/cert-no-intermediate.pcap 'ucdiag.cert.chain_incomplete && _ws.expert.message contains "contoso lab issuing ca 1"' '10' \
    "certificates: a leaf sent without its issuing CA, refused by the client (unknown_ca), names the CA"
expect_frames lab/cert-wrong-name.pcap "$CERT_FINDING" '' \
    "certificates: TLS on 443 to a name that is not UC is not judged by default"
expect_frames lab/cert-wrong-name.pcap 'ucdiag.cert.name_mismatch && _ws.expert.message contains "does not cover pool.contoso.com, the name asked for: it names lyncweb.fabrikam.com"' '8' \
    "certificates: another host's certificate (ucdiag.cert_all_tls) says which names it has" \
    -o ucdiag.cert_all_tls:TRUE
expect_frames lab/boot-ok.pcap "$CERT_FINDING" '' \
    "certificates: a leaf whose root the phone has and the server does not send is fine (boot-ok)"

# Every pass says the same, and nothing comes of a capture cut short.
mergecap -F pcap -w "$UCD_STAGE/work/cert-all.pcap" "$UCD_STAGE"/captures/lab/cert-*.pcap
chmod a+r "$UCD_STAGE/work/cert-all.pcap"
one=$(ucd_tshark -o ucdiag.cert_all_tls:TRUE -r "$UCD_STAGE/work/cert-all.pcap" -T fields -e frame.number \
          -e ucdiag.finding -e _ws.expert.message -Y ucdiag.cert 2>&1)
two=$(ucd_tshark -2 -o ucdiag.cert_all_tls:TRUE -r "$UCD_STAGE/work/cert-all.pcap" -T fields -e frame.number \
          -e ucdiag.finding -e _ws.expert.message -Y ucdiag.cert 2>&1)
if [ -n "$one" ] && [ "$one" = "$two" ] && [ "$(grep -c . <<<"$one")" = 8 ]; then
    pass "certificates: the merged lab gives the same 8 certificate lines in one pass and two"
else
    diff <(echo "$one") <(echo "$two"); fail "certificates: the merged lab gives the same 8 certificate lines in one pass and two"
fi
# Wireshark keeps 239 characters of a label; an expert's label starts with
# "Expert Info (Warning/Security): ", so a long message would lose its fix.
ucd_tshark -2 -o ucdiag.cert_all_tls:TRUE -r "$UCD_STAGE/work/cert-all.pcap" -T pdml 2>/dev/null \
    >"$UCD_STAGE/work/cert-all.pdml"
cut_labels=$(grep 'name="_ws.expert"' "$UCD_STAGE/work/cert-all.pdml" | grep -c 'showname=" \[truncated\]')
if [ "$cut_labels" = 0 ] && grep -q 'ucdiag.cert.mtls_subject' "$UCD_STAGE/work/cert-all.pdml"; then
    pass "certificates: no finding's label is cut at Wireshark's 239 characters"
else
    fail "certificates: no finding's label is cut at Wireshark's 239 characters ($cut_labels cut)"
fi
cut_out=""
for s in 80 300 1000; do
    editcap -s "$s" "$UCD_STAGE/captures/lab/cert-ok.pcap" "$UCD_STAGE/work/cert-cut$s.pcap" &&
        chmod a+r "$UCD_STAGE/work/cert-cut$s.pcap"
    cut_out+=$(ucd_tshark -r "$UCD_STAGE/work/cert-cut$s.pcap" -Y "ucdiag.cert || _ws.malformed" 2>&1)
done
if [ -z "$cut_out" ]; then
    pass "certificates: a capture cut at 80, 300 or 1000 bytes judges nothing and breaks nothing"
else
    echo "$cut_out" | head -5; fail "certificates: a capture cut at 80, 300 or 1000 bytes judges nothing and breaks nothing"
fi
