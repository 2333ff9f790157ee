# Sourced by tests/run.sh: timestamps no clock shows (issue 19). A pcapng can
# say 2^63 ns, add an if_tsoffset of 2^62 s, or put an ACK 53 years before its
# INFORM; where a time is out of range ucdiag shows no number and no words
# rather than a wrong one, and the analysis of everything else goes on. The
# sanitizer run (tests/sanitize.sh) reads the same capture.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- absurd timestamps ----
"$BUILD/ucdiag-gencap" --absurd-time "$UCD_STAGE/captures/absurd-time.pcapng" &&
    chmod a+r "$UCD_STAGE/captures/absurd-time.pcapng"
for passes in 1 2; do
    opt=()
    [ $passes = 2 ] && opt=(-2)
    expect_frames absurd-time.pcapng ucdiag.dhcp 1,2,7,8,9,10,11 \
        "absurd timestamps ($passes pass): every INFORM and ACK still paired" "${opt[@]}"
    expect_frames absurd-time.pcapng ucdiag.boot.event 1,2,3,4,5,6,7,8,9,10,11 \
        "absurd timestamps ($passes pass): the bootstrap still follows DHCP and NTP" "${opt[@]}"
    expect_frames absurd-time.pcapng "ucdiag.dhcp.response_time || ucdiag.boot.clock_offset" "" \
        "absurd timestamps ($passes pass): no response time, no clock offset" "${opt[@]}"
    words=$(ucd_tshark "${opt[@]}" -r "$UCD_STAGE/captures/absurd-time.pcapng" -q -z expert \
                -z ucdiag,dhcp -z ucdiag,bootstrap 2>&1;
            ucd_tshark "${opt[@]}" -r "$UCD_STAGE/captures/absurd-time.pcapng" -T fields -e ucdiag.finding 2>&1)
    if grep -Eiq 'behind|ahead|s late|skew|ends [0-9.]+ s later|runtime error| -[0-9]' <<<"$words"; then
        grep -Ei 'behind|ahead|s late|skew|ends [0-9.]+ s later|runtime error| -[0-9]' <<<"$words" | head -5
        fail "absurd timestamps ($passes pass): no words about times"
    else
        pass "absurd timestamps ($passes pass): no words about times"
    fi
done
