# Sourced by tests/run.sh after the captures, QoS, INFORM and bootstrap
# files: what a user sees of the findings outside the full tree. tshark
# -z expert; the expert messages against Wireshark's label limit, on every
# bundled and lab capture; in the window, the first pass, the packet list,
# the tree's summaries, and the "UC Diagnostics" profile's columns, column
# widths, filter buttons and colouring rules.
# SPDX-License-Identifier: GPL-2.0-or-later

# ---- without a tree: -z expert, and the label limit ----
# tshark -z expert runs without a tree: the findings must reach it all the same.
zexp=$(ucd_tshark -r "$UCD_STAGE/captures/qos-mismatch.pcap" "${PLAN[@]}" -q -z expert 2>&1 | grep -c ' UCDIAG ')
zexp_msuc=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -q -z expert 2>&1 | grep -c ' MSUC ')
if [ "$zexp" = 4 ] && [ "$zexp_msuc" = 2 ]; then
    pass "tshark -q -z expert lists the ucdiag and msuc findings"
else
    echo "  -z expert: $zexp UCDIAG summary lines (want 4), $zexp_msuc MSUC (want 2)"
    fail "tshark -q -z expert lists the ucdiag and msuc findings"
fi

# Wireshark keeps 239 characters of a label: an expert's reads "Expert Info
# (Warning/Protocol): " and the message, and a longer one is cut (4.0 marks
# it "[truncated]", later versions end it in an ellipsis), losing the advice
# at its end. Every ucdiag and msuc expert on every bundled and lab capture.
cut_experts=$(for cap in "$UCD_STAGE"/captures/*.pcap "$UCD_STAGE"/captures/lab/*.pcap; do
        ucd_tshark -r "$cap" "${SITE[@]}" -o ucdiag.cert_all_tls:TRUE -Y '_ws.expert' -T pdml 2>/dev/null |
            awk -v cap="${cap##*/}" '
                /<field name="num" / { match($0, / show="[^"]*"/); frame = substr($0, RSTART + 7, RLENGTH - 8) }
                /<field name="_ws.expert" / { match($0, / showname="[^"]*"/); label = substr($0, RSTART + 11, RLENGTH - 12)
                                              gsub(/&[#a-z0-9]+;/, "x", label); want = 1; next }
                want && /<field name="/ { want = 0; match($0, / name="[^"]*"/); name = substr($0, RSTART + 7, RLENGTH - 8)
                    if (name ~ /^(ucdiag|msuc)\./ && (label ~ /^ ?\[truncated\]/ || label ~ /(\.\.\.|\xe2\x80\xa6)$/ || length(label) >= 239))
                        print cap " frame " frame ": " name " (" length(label) "): " substr(label, 1, 60) "..." }'
    done)
if [ -z "$cut_experts" ]; then
    pass "no ucdiag or msuc expert's label is cut at Wireshark's label limit, on any bundled or lab capture"
else
    echo "$cut_experts" | sort -u -t: -k2,2 | head -20
    fail "no ucdiag or msuc expert's label is cut at Wireshark's label limit, on any bundled or lab capture"
fi

# ---- In the Wireshark window: first pass, packet list, the profile ----
# What the packet list shows: Wireshark's first pass builds no visible tree,
# yet the Expert column (and the status bar's light, which follows the same
# severity) must carry every finding, and Info says it in a few words.
WINDOW_CAPTURES="lab/inform-dhcpd-fw-server msuc-truncated-90 msuc-string-typed msuc-bad-values msuc-option120
    inform-windows-relay inform-answers lab/qos-real qos-remarked lab/boot-dns-missing lab/boot-ntp-blocked
    lab/boot-ntp-skew lab/boot-untrusted lab/boot-https-closed lab/boot-stale-url"
cols='gui.column.format:"No.","%m","Expert","%a","Info","%i"'
for cap in $WINDOW_CAPTURES; do
    [ -f "$UCD_STAGE/captures/$cap.pcap" ] || { echo "== $cap.pcap: missing"; continue; }
    echo "== $cap.pcap"
    # Kept whole (and so unlike the reviewed line) unless Info opens with
    # the words, where a narrow window still shows them.
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -o "$cols" 2>&1 | grep -F '[UC: ' |
        sed 's/^ *\([0-9]*\) \([A-Za-z]*\) \(\[UC: [^]]*\]\) [^ ].*$/\1 \2 \3/'
done >"$UCD_STAGE/work/packet-list.txt"
same_as_reviewed "$EXPECTED/packet-list.txt" "$UCD_STAGE/work/packet-list.txt" "the packet list: Expert column on the first pass and Info opening with [UC: ...] for each finding"
# The first pass flags every packet a full dissection finds wrong, and adds
# no flag of its own (other dissectors' warnings are there with or without
# ucdiag).
mkdir -p "$UCD_STAGE/no-plugins"
flagged() { awk '$2 == "Warning" || $2 == "Error" {print $1}' | sort; }
light_ok=1
for cap in lab/inform-dhcpd-fw-server lab/qos-real msuc-truncated-90 lab/boot-untrusted lab/boot-dns-missing; do
    ucd_tshark -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
        flagged >"$UCD_STAGE/work/first-with"
    ucd_tshark_plain -r "$UCD_STAGE/captures/$cap.pcap" -o 'gui.column.format:"No.","%m","Expert","%a"' 2>&1 |
        flagged >"$UCD_STAGE/work/first-without"
    ucd_tshark -2 -r "$UCD_STAGE/captures/$cap.pcap" "${SITE[@]}" -Y '(ucdiag.finding || msuc.finding) && _ws.expert.severity >= warning' \
        -T fields -e frame.number 2>&1 | sort >"$UCD_STAGE/work/full"
    unflagged=$(comm -13 "$UCD_STAGE/work/first-with" "$UCD_STAGE/work/full" | paste -sd, -)
    invented=$(comm -23 "$UCD_STAGE/work/first-with" "$UCD_STAGE/work/first-without" |
               comm -23 - "$UCD_STAGE/work/full" | paste -sd, -)
    if [ ! -s "$UCD_STAGE/work/full" ] || [ -n "$unflagged" ] || [ -n "$invented" ]; then
        echo "  $cap: findings not flagged on the first pass: ${unflagged:-none}; flags without a finding: ${invented:-none}"
        light_ok=0
    fi
done
[ $light_ok = 1 ] && pass "the first pass (no tree shown) flags every packet a full dissection finds wrong, and no other" ||
    fail "the first pass (no tree shown) flags every packet a full dissection finds wrong, and no other"
# The tree says what ucdiag concluded, and where a URL is broken.
tree=$(ucd_tshark -r "$UCD_STAGE/captures/lab/qos-real.pcap" "${SITE[@]}" -Y 'frame.number == 14' -V 2>&1 | grep -F 'UC Network Diagnostics')
tree2=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -Y 'frame.number == 2' -V 2>&1)
case "$tree" in
    *"UC Network Diagnostics: video client (RTP), DSCP 0 (expected 34); Microsoft media by your UC networks"*)
        case "$tree2" in
            *"MS-UC-Client DHCP Vendor Options (MS-UC-Client), https://"*" (incomplete)"*"Sub-option 5: CertProvRelPath [truncated: 33 of 37 bytes]"*)
                pass "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
            *) echo "$tree2" | grep -i 'vendor options\|sub-option 5'
               fail "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
        esac ;;
    *) echo "  got: $tree"; fail "the tree: ucdiag's conclusion on its line, msuc's incomplete URL and truncated sub-option" ;;
esac
path=$(ucd_tshark -r "$UCD_STAGE/captures/msuc-inform-ack.pcap" -Y ucdiag.dhcp.path -V 2>&1 | grep 'Path:' | sort -u)
case "$path" in
    *"Straight to the client (ciaddr:68) ("*) pass "an ACK on a capture with no relay is not said to bypass one" ;;
    *) echo "  got: $path"; fail "an ACK on a capture with no relay is not said to bypass one" ;;
esac

# The "UC Diagnostics" profile, as tshark -C loads it: its columns, every
# filter button and every colouring rule, each on the capture it is for.
PROFILE="UC Diagnostics"
uc() { ucd_tshark -C "$PROFILE" "${SITE[@]}" "$@"; }
# The profile's files: where tshark finds them installed, else the source's.
buttons_file=$(ucd_tshark -G folders 2>/dev/null | sed -n 's/^Global configuration:[[:space:]]*//p')/profiles/$PROFILE
[ "${UCD_INSTALLED:-}" = 1 ] || buttons_file="$UCD_ROOT/plugin/profiles/$PROFILE"
row=$(uc -r "$UCD_STAGE/captures/lab/qos-real.pcap" 2>&1 | awk '$1 == 14')
case "$row" in
    *" 0 34 Warning DSCP 0, expected 34 [UC: DSCP 0, expected 34] "*) pass "tshark -C \"$PROFILE\": DSCP, expected DSCP, Expert and finding columns" ;;
    *) echo "  got: $row"; fail "tshark -C \"$PROFILE\": DSCP, expected DSCP, Expert and finding columns" ;;
esac
# The Expert column is the packet's worst: msuc's error on a cut option 43
# (frame 2) stays beside ucdiag's later warning about the phone's URL.
row=$(uc -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" 2>&1 | awk '$1 == 2')
case "$row" in
    *" Error URL cut short,option 43 truncated "*) pass "tshark -C \"$PROFILE\": the Expert column shows the packet's worst severity (an Error beside a Warning)" ;;
    *) echo "  got: $row"; fail "tshark -C \"$PROFILE\": the Expert column shows the packet's worst severity (an Error beside a Warning)" ;;
esac
# A 1280-pixel window shows the packet's words: the profile's recent file
# gives every column of its preferences a width, Info opens with ucdiag's
# [UC: ...] (as TCP's analysis opens it with its verdict), and names the pool
# and port of a standard option 43 URL, not its long path.
widths_missing=$(sed -n '/^gui.column.format:/,/^$/s/^[[:space:]]*"[^"]*", "\([^"]*\)".*/\1/p' "$buttons_file/preferences" |
    sed 's/:0:[RU]$//' | while IFS= read -r f; do
        grep -qF -- "$f\", " "$buttons_file/recent" 2>/dev/null || grep -qP -- "^\t\Q$f\E, [0-9]+" "$buttons_file/recent" 2>/dev/null ||
            echo "$f"; done)
# (Info as the packet list's line shows it: Wireshark 4.4's -T fields -e
# _ws.col.info leaves out what the post-dissector writes.)
info4=$(uc -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" -o 'gui.column.format:"No.","%m","Info","%i"' 2>&1 |
        awk '$1 == 4' | sed 's/^ *4 //')
if [ -z "$widths_missing" ] && [ "$(grep -c '^column.width:' "$buttons_file/recent" 2>/dev/null)" = 1 ] &&
   [[ "$info4" == "[UC: option 43 truncated] DHCP ACK "*"(MS-UC-Client https://lyncpool01.corp.contoso.com:443)" ]] &&
   [[ "$info4" != *CertProv* ]]; then
    pass "the profile gives every column a width, and Info opens with [UC: ...] (then pool and port, not the URL's path)"
else
    echo "  columns without a width: ${widths_missing:-none}; Info of frame 4: $info4"
    fail "the profile gives every column a width, and Info opens with [UC: ...] (then pool and port, not the URL's path)"
fi
# label|capture|frames it must match (and on msuc-inform-ack.pcap and
# qos-sfb-correct.pcap, both healthy, nothing).
cat >"$UCD_STAGE/work/buttons.expected" <<'BUTTONS'
Findings|lab/inform-dhcpd-fw-server|2,3,4,5,6
Option 43|msuc-truncated-90|2,4
INFORM|lab/inform-dhcpd-fw-server|2,3,4,5,6
QoS|lab/qos-real|14
VBSS|lab/qos-real|8,9,11,12
Boot|lab/boot-dns-missing|27
Certs|lab/cert-expired|8
Relays|lab/relay-udp-blocked|4,10
BUTTONS
buttons_ok=1
nbuttons=0
while IFS=$'\t' read -r label expr; do
    nbuttons=$((nbuttons + 1))
    line=$(grep -F "$label|" "$UCD_STAGE/work/buttons.expected" | head -n1)
    if [ -z "$line" ]; then echo "  button '$label' has no expectation"; buttons_ok=0; continue; fi
    cap=$(echo "$line" | cut -d'|' -f2); want=$(echo "$line" | cut -d'|' -f3)
    got=$(uc -r "$UCD_STAGE/captures/$cap.pcap" -Y "$expr" -T fields -e frame.number 2>&1 | paste -sd, -)
    healthy=$(for h in msuc-inform-ack qos-sfb-correct; do
                  uc -r "$UCD_STAGE/captures/$h.pcap" -Y "$expr" -T fields -e frame.number 2>&1; done | paste -sd, -)
    if [ "$got" != "$want" ] || [ -n "$healthy" ]; then
        echo "  button '$label' ($expr): $cap gives ${got:-nothing} (want $want); healthy captures give ${healthy:-nothing}"
        buttons_ok=0
    fi
done < <(sed -n 's/^"TRUE","\([^"]*\)","\([^"]*\)".*/\1\t\2/p' "$buttons_file/dfilter_buttons")
[ $buttons_ok = 1 ] && [ $nbuttons -ge 6 ] && pass "the profile's $nbuttons filter buttons compile and match what they are for" ||
    fail "the profile's filter buttons compile and match what they are for ($nbuttons read from $buttons_file)"
# Colouring rules: the rule each packet gets, first match winning.
cat >"$UCD_STAGE/work/colours.expected" <<'COLOURS'
UC option 43/120 problem|msuc-truncated-90|2
UC finding|lab/qos-real|14
UC TLS/SIP connection reset|lab/boot-untrusted|50
UC VBSS flow|lab/qos-real|9
UC media marked as planned|lab/qos-real|2
UC DHCP INFORM transaction|lab/inform-dhcpd-fw-server|1
UC phone bootstrap|lab/boot-ok|3
UC media relay|lab/relay-udp-ok|1
COLOURS
colours_ok=1
nrules=0
while IFS= read -r rule; do
    nrules=$((nrules + 1))
    line=$(grep -F "$rule|" "$UCD_STAGE/work/colours.expected" | head -n1)
    if [ -z "$line" ]; then echo "  colouring rule '$rule' has no expectation"; colours_ok=0; continue; fi
    cap=$(echo "$line" | cut -d'|' -f2); frame=$(echo "$line" | cut -d'|' -f3)
    got=$(uc --color -r "$UCD_STAGE/captures/$cap.pcap" -T fields -e frame.number -e frame.coloring_rule.name 2>&1 |
          awk -F'\t' -v r="$rule" -v f="$frame" '$2 == r && (f == "" || $1 == f) {print $1; exit}')
    if [ -z "$got" ]; then echo "  rule '$rule' colours no frame ${frame:-at all} of $cap"; colours_ok=0; fi
done < <(sed -n 's/^@\([^@]*\)@.*/\1/p' "$buttons_file/colorfilters")
[ $colours_ok = 1 ] && [ $nrules -ge 6 ] && pass "the profile's $nrules colouring rules compile and colour what they are for" ||
    fail "the profile's colouring rules compile and colour what they are for ($nrules read)"
# The README's account of the profile names no colouring rule the profile
# lacks (it once named a "TCP RST" rule that was not there).
readme_rules=$(awk '/^- \*\*Colouring rules\*\*/ { on = 1 } on && /^- \*\*/ && !/Colouring rules/ { on = 0 } on' \
                   "$UCD_ROOT/README.md" | tr '\n' ' ' | tr -s ' ' | grep -o '[^*]\*[^*]\+\*[^*]' | sed 's/^.\*//; s/\*.$//')
missing=$(while IFS= read -r r; do
              [ -n "$r" ] && ! grep -qF "@$r@" "$buttons_file/colorfilters" && echo "$r"
          done <<<"$readme_rules")
# Wireshark skips a rule it cannot compile with only a warning on stderr.
uncompiled=$(uc --color -r "$UCD_STAGE/captures/msuc-truncated-90.pcap" 2>&1 >/dev/null | grep -i 'could not compile')
[ -z "$uncompiled" ] && pass "every colouring rule in the profile compiles" ||
    { echo "  $uncompiled"; fail "every colouring rule in the profile compiles"; }
if [ "$(grep -c . <<<"$readme_rules")" -ge 6 ] && [ -z "$missing" ]; then
    pass "every colouring rule the README names is in the profile"
else
    echo "  the README names, the profile lacks: ${missing:-(none; README names $(grep -c . <<<"$readme_rules"))}"
    fail "every colouring rule the README names is in the profile"
fi

# The profile hands judged media to RTP (off by default, for the memory the
# RTP dissector keeps per packet): RTP Streams lists the QoS lab's flows in
# the window, while tshark without the profile keeps them UDP.
streams_profile=$(uc -r "$UCD_STAGE/captures/lab/qos-real.pcap" -q -z rtp,streams 2>&1 | awk '$1 ~ /^[0-9.]+$/ && NF >= 10' | wc -l)
streams_default=$(ucd_tshark -r "$UCD_STAGE/captures/lab/qos-real.pcap" "${SITE[@]}" -q -z rtp,streams 2>&1 | awk '$1 ~ /^[0-9.]+$/ && NF >= 10' | wc -l)
if [ "$streams_profile" -gt 0 ] && [ "$streams_default" = 0 ]; then
    pass "tshark -C \"$PROFILE\": judged media handed to RTP ($streams_profile streams); without the profile, none"
else
    fail "tshark -C \"$PROFILE\": judged media handed to RTP (got $streams_profile streams; without the profile $streams_default, expected 0)"
fi
