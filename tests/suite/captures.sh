# Sourced by tests/run.sh: every sample capture against its reviewed
# expectations in tests/expected/ (the fields a -T fields dump shows, and the
# msuc expert infos), and the display filters a user would type on them.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- every capture against its reviewed expectations ----
for exp in "$EXPECTED"/*.fields; do
    cap=$(basename "$exp" .fields)
    mapfile -t cols < <(head -n1 "$exp" | tr '\t' '\n')
    args=()
    for c in "${cols[@]}"; do args+=(-e "$c"); done
    if ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -T fields -E header=y "${args[@]}" \
           >"$UCD_STAGE/work/$cap.fields" 2>&1 &&
       diff -u "$exp" "$UCD_STAGE/work/$cap.fields"; then
        pass "$cap: decoded fields"
    else
        fail "$cap: decoded fields"
    fi
done
for exp in "$EXPECTED"/*.experts; do
    cap=$(basename "$exp" .experts)
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" -T pdml 2>/dev/null >"$UCD_STAGE/work/$cap.pdml"
    ucd_experts_from_pdml msuc. <"$UCD_STAGE/work/$cap.pdml" >"$UCD_STAGE/work/$cap.experts"
    same_as_reviewed "$exp" "$UCD_STAGE/work/$cap.experts" "$cap: expert infos"
done

# ---- display filters a user would type ----
expect_frames msuc-truncated-90.pcap 'msuc.suboption.truncated' '2,4' \
    "filter msuc.suboption.truncated finds both cut ACKs"
expect_frames msuc-no-option60.pcap 'msuc.vendor_class_source == 3' '2,9' \
    "filter on the vendor class learnt from the INFORM"
expect_frames msuc-bad-values.pcap 'msuc.web_server_port.number != 443' '8' \
    "filter on a non-standard port number"
expect_frames msuc-option250.pcap 'msuc.option250_continuation' '2' \
    "option 250 after a joined option 43 is marked as its continuation"
expect_frames msuc-inform-ack.pcap 'msuc.cert_prov_url == "https://pool.contoso.com:443/CertProv/CertProvisioningService.svc"' '2' \
    "filter on the assembled Certificate Provisioning URL"
expect_frames other-vendors.pcap 'msuc' '' \
    "no other vendor's option 43 is claimed"
