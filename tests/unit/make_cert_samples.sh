#!/usr/bin/env bash
# Makes tests/unit/cert_samples.h: real certificates, made by openssl, for
# the tests of the X.509 reader and the certificate judgements. The keys are
# new on every run, so the bytes differ each time; what the tests check (names,
# dates, which CA issued which) does not.
#
#   tests/unit/make_cert_samples.sh [OUTPUT]
#
# `openssl ca` rather than `openssl req -x509`, because only it sets any
# notBefore and notAfter (-startdate, -enddate): an expired certificate, one
# valid from 1999 (a UTCTime in the 1900s) and one valid until 2060 (a
# GeneralizedTime). EC P-256 keys keep each certificate but the one with 20
# names under 700 bytes, the fuzz harness's largest input.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

out=$(realpath -m "${1:-$(dirname "$0")/cert_samples.h}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat >ca.cnf <<'EOF'
[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
[any]
organizationName = optional
commonName = optional
[ca_ext]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
[pool_ext]
subjectAltName = DNS:pool.contoso.com, DNS:fe01.contoso.com, DNS:*.contoso.com, IP:10.0.0.5
[nosan_ext]
basicConstraints = CA:false
[old_ext]
subjectAltName = DNS:old.contoso.com
[far_ext]
subjectAltName = DNS:far.contoso.com
[many_ext]
subjectAltName = @many_names
[many_names]
EOF
# 20 names, more than the reader keeps: the last one must still be matched.
for i in $(seq 1 20); do
    echo "DNS.$i = sip.domain$i.example" >>ca.cnf
done
: >index.txt
echo 1000 >serial

# issue NAME SUBJECT ISSUER(self|NAME) START END EXTENSIONS
issue() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
    if [ "$3" = self ]; then
        set -- "$@" -selfsign -keyfile "$1.key"
    else
        set -- "$@" -cert "$3.pem" -keyfile "$3.key"
    fi
    openssl ca -batch -config ca.cnf -in "$1.csr" -out "$1.pem" -startdate "$4" -enddate "$5" \
        -extensions "$6" -notext -preserveDN "${@:7}" 2>/dev/null
    openssl x509 -in "$1.pem" -outform der -out "$1.der"
}

issue root "/O=ucdiag test/CN=ucdiag Test Root CA" self 20250101000000Z 20450101000000Z ca_ext
issue inter "/O=ucdiag test/CN=ucdiag Test Issuing CA" root 20250101000000Z 20400101000000Z ca_ext
issue pool "/O=Contoso/CN=pool.contoso.com" inter 20250101000000Z 20270101000000Z pool_ext
issue nosan "/O=Contoso/CN=Sip.Contoso.COM" root 20250101000000Z 20270101000000Z nosan_ext
issue old "/CN=old.contoso.com" root 20200101000000Z 20210101000000Z old_ext
issue far "/CN=far.contoso.com" root 19991231235959Z 20600601120000Z far_ext
issue many "/CN=edge.contoso.com" root 20250101000000Z 20270101000000Z many_ext

{
    cat <<'EOF'
/* cert_samples.h
 * Real DER certificates for the X.509 reader's and the certificate
 * judgements' tests, made by tests/unit/make_cert_samples.sh (openssl ca,
 * EC P-256 keys; run it again to remake them, with new keys):
 *   root   O=ucdiag test, CN=ucdiag Test Root CA, self-signed, CA,
 *          2025-01-01 to 2045-01-01
 *   inter  CN=ucdiag Test Issuing CA, issued by root, CA, 2025 to 2040
 *   pool   O=Contoso, CN=pool.contoso.com, issued by inter, SAN
 *          pool.contoso.com, fe01.contoso.com, *.contoso.com, IP 10.0.0.5;
 *          2025-01-01 to 2027-01-01
 *   nosan  O=Contoso, CN=Sip.Contoso.COM, issued by root, no SAN, 2025 to 2027
 *   old    CN=old.contoso.com, issued by root, 2020-01-01 to 2021-01-01
 *   far    CN=far.contoso.com, issued by root, 1999-12-31 23:59:59 (UTCTime)
 *          to 2060-06-01 12:00:00 (GeneralizedTime)
 *   many   CN=edge.contoso.com, issued by root, SAN sip.domain1.example to
 *          sip.domain20.example, 2025 to 2027
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UCDIAG_TEST_CERT_SAMPLES_H
#define UCDIAG_TEST_CERT_SAMPLES_H

#include <stdint.h>
EOF
    for c in root inter pool nosan old far many; do
        echo
        echo "static const uint8_t cert_$c[] = {"
        od -An -v -tx1 "$c.der" | tr -s ' \n' '  ' | fold -w 36 |
            sed -e 's/^ *//' -e 's/ *$//' -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/    /'
        echo "};"
    done
    echo
    echo "#endif /* UCDIAG_TEST_CERT_SAMPLES_H */"
} >"$out"
