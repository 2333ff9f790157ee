# Sourced by tests/run.sh: the msuc decoder of option 43 (MS-UC-Client) beyond
# its captures' goldens. Its preferences and heuristic switch, other vendors'
# option 43 left exactly as Wireshark decodes it, and one pass against two.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- preferences and the heuristic switch ----
expect_frames_opt "msuc.note_nonstandard:FALSE silences the non-standard notes" '' \
    msuc-bad-values.pcap 'msuc.nonstandard' -o msuc.note_nonstandard:FALSE
expect_frames_opt "msuc.note_nonstandard:TRUE (default) gives them" '8' \
    msuc-bad-values.pcap 'msuc.nonstandard' -o msuc.note_nonstandard:TRUE
msg=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -o msuc.truncation_length:0 \
        -Y 'frame.number == 2' -T fields -e _ws.expert.message 2>&1)
case "$msg" in
    *"claims 37 bytes, 33 remain"*"Cisco"*) fail "msuc.truncation_length:0 drops the router hint" ;;
    *"claims 37 bytes, 33 remain"*) pass "msuc.truncation_length:0 drops the router hint" ;;
    *) echo "  got: $msg"; fail "msuc.truncation_length:0 drops the router hint" ;;
esac
# A cut sub-option is worded by what it costs the phone: a cut URL part
# (sub-option 5, frame 2) breaks the URL; a cut UCIdentifier (sub-option 1,
# frame 4) leaves the URL whole, which the URL beside it shows.
cut=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -Y msuc.suboption.truncated \
        -T fields -e frame.number -e _ws.expert.message -e msuc.cert_prov_url 2>&1)
f2=$(awk -F'\t' '$1 == 2' <<<"$cut"); f4=$(awk -F'\t' '$1 == 4' <<<"$cut")
if [[ "$f2" == *"Sub-option 5 "*"URL is broken"*$'\t'"https://lyncpool01.corp.contoso.com:443/CertProv/CertProvisioningService" ]] &&
   [[ "$f4" != *"URL"*$'\t'* ]] && [[ "$f4" == *"Sub-option 1 "*"may not recognise the option"* ]] &&
   [[ "$f4" == *$'\t'"https://lyncpool01.corp.contoso.com:443/CertProv/CertProvisioningService.svc" ]]; then
    pass "a cut sub-option 5 breaks the URL; a cut sub-option 1 is not said to, and its URL is whole"
else
    echo "  got: $cut"; fail "a cut sub-option 5 breaks the URL; a cut sub-option 1 is not said to, and its URL is whole"
fi
expect_frames_opt "--disable-heuristic msuc_dhcp turns the decoder off" '' \
    msuc-inform-ack.pcap 'msuc' --disable-heuristic msuc_dhcp
# Info opens with one [UC: ...], whoever writes it: the post-dissector with
# msuc's words and its own (frame 2's URL), or msuc inside DHCP when the
# post-dissector is off (ucdiag disabled).
info_of() { ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -o 'gui.column.format:"No.","%m","Info","%i"' "$@" 2>&1 |
                awk '$1 == 2' | sed 's/^ *2 //'; }
both=$(info_of); alone=$(info_of --disable-protocol ucdiag)
if [[ "$both" == "[UC: option 43 truncated; URL cut short] DHCP ACK "* ]] && [[ "$alone" == "[UC: option 43 truncated] DHCP ACK "* ]] &&
   [ "$(grep -o '\[UC: ' <<<"$both$alone" | wc -l)" = 2 ]; then
    pass "Info opens with one [UC: ...]: msuc's and ucdiag's words together, or msuc's alone with ucdiag disabled"
else
    echo "  got: $both | $alone"
    fail "Info opens with one [UC: ...]: msuc's and ucdiag's words together, or msuc's alone with ucdiag disabled"
fi

# ---- other vendors decode exactly as without the plugin ----
mkdir -p "$UCD_STAGE/no-plugins"
ucd_tshark -r "$UCD_STAGE/captures/other-vendors.pcap" -V >"$UCD_STAGE/work/with.txt" 2>&1
ucd_tshark_plain -r "$UCD_STAGE/captures/other-vendors.pcap" -V >"$UCD_STAGE/work/without.txt" 2>&1
if [ -s "$UCD_STAGE/work/with.txt" ] && diff -u "$UCD_STAGE/work/without.txt" "$UCD_STAGE/work/with.txt"; then
    pass "PXE, Cisco, Aruba, CableLabs and look-alike option 43 decode exactly as without ucdiag"
else
    fail "PXE, Cisco, Aruba, CableLabs and look-alike option 43 decode exactly as without ucdiag"
fi

# ---- one pass and two passes agree ----
one=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-no-option60.pcap" -T fields -e frame.number -e msuc.request_frame -e msuc.cert_prov_url 2>&1)
two=$(ucd_tshark -2 -r "$UCD_STAGE/captures/msuc-no-option60.pcap" -T fields -e frame.number -e msuc.request_frame -e msuc.cert_prov_url 2>&1)
[ "$one" = "$two" ] && pass "tshark -2 gives the same vendor-class correlation as one pass" ||
    fail "tshark -2 gives the same vendor-class correlation as one pass"
