#!/usr/bin/env bash
# Renders the README's pictures from the bundled captures: Wireshark (Qt)
# with the freshly built plugin and the "UC Diagnostics" profile, under a
# virtual X server. Not part of the test suite; runs on a fresh Debian 12.
#   scripts/screenshots.sh [OUTDIR]        (default: doc/images)
# Look at every picture before committing it.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-doc/images}
mkdir -p "$out"
out=$(cd "$out" && pwd)

need=(wireshark-qt xvfb xdotool imagemagick fonts-dejavu-core)
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo=()
[ "$(id -u)" != 0 ] && sudo=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
scripts/install-deps.sh
build=${UCD_BUILD:-$root/build}
cmake -S . -B "$build" >/dev/null
cmake --build "$build" --target ucdiag -j"$(nproc)" >/dev/null

# The plugin and profile staged as the tests stage them: Wireshark run as
# root ignores WIRESHARK_PLUGIN_DIR, so it runs as nobody with its own HOME.
. tests/lib.sh
ucd_stage "$build"
trap 'kill "${xvfb_pid:-0}" 2>/dev/null; ucd_unstage' EXIT
mkdir -p "$UCD_STAGE/home/.config/wireshark/profiles"
cp -r "plugin/profiles/UC Diagnostics" "$UCD_STAGE/home/.config/wireshark/profiles/"
# A window size that fits the README, and no first-run questions.
cat >"$UCD_STAGE/home/.config/wireshark/recent_common" <<'RECENT'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1280
gui.geometry_main_height: 800
gui.geometry_main_maximized: FALSE
RECENT
chmod -R a+rwX "$UCD_STAGE/home"

# UCD_DISPLAY (":N") picks the display where another X server may be running.
display=${UCD_DISPLAY:-:$((90 + RANDOM % 100))}
# 1600 wide for the Flow Graph (step 5); the main window stays 1280x800.
Xvfb "$display" -screen 0 1600x800x24 -ac -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2

drop=()
[ "$(id -u)" = 0 ] && drop=(setpriv --reuid=65534 --regid=65534 --clear-groups)
ws_pid=
ws() { # capture args...
    local cap=$1
    shift
    "${drop[@]}" env HOME="$UCD_STAGE/home" WIRESHARK_PLUGIN_DIR="$UCD_STAGE/plugins" DISPLAY="$display" \
        TZ=UTC LC_ALL=C.UTF-8 XDG_RUNTIME_DIR="$UCD_STAGE/home" \
        wireshark -C "UC Diagnostics" -r "$UCD_STAGE/captures/$cap" "$@" >/dev/null 2>&1 &
    ws_pid=$!
}
ws_close() {
    kill "$ws_pid" 2>/dev/null || true
    wait "$ws_pid" 2>/dev/null || true
    sleep 1
}
# wait_window NAME: the id of the first visible window whose title matches.
wait_window() {
    local id i
    for i in $(seq 1 60); do
        id=$(DISPLAY=$display xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -n1) || true
        [ -n "$id" ] && { sleep 2; echo "$id"; return 0; }
        sleep 0.5
    done
    echo "no window named '$1' appeared" >&2
    return 1
}
key() { DISPLAY=$display xdotool key --window "$1" "${@:2}"; sleep 1; }
shot() { # window png
    DISPLAY=$display import -window "$1" "$out/$2"
    echo "wrote $out/$2"
}

# The QoS lab's server declared a UC network, as a site declares its pools:
# its media carries no ICE to show it is Microsoft's.
lab=(-o 'uat:ucdiag_uc_networks:"10.77.0.2","QoS lab server"' -o 'uat:ucdiag_uc_networks:"fd77::2","QoS lab server"')

# 1. The packet list under the profile: the media lab's real call, with its
#    VBSS and unmarked-video findings in Info, the DSCP columns, colours.
ws lab/qos-real.pcap "${lab[@]}"
main=$(wait_window 'qos-real')
shot "$main" packet-list.png
ws_close

# 2. The msuc tree of the ACK a router cut at 90 bytes: the ACK selected,
#    its details expanded and scrolled to their end (option 43, then ucdiag).
ws msuc-truncated-90.pcap
main=$(wait_window 'msuc-truncated-90')
DISPLAY=$display xdotool mousemove --window "$main" 400 140 click 1
sleep 1
DISPLAY=$display xdotool mousemove --window "$main" 300 460 click 1
sleep 1
key "$main" ctrl+Right
key "$main" End
key "$main" Page_Up
key "$main" Page_Up
shot "$main" msuc-truncated-tree.png
ws_close

# 3. Expert Information, opened by Wireshark itself from -z.
ws lab/inform-dhcpd-fw-server.pcap -z expert
dlg=$(wait_window 'Expert Information')
DISPLAY=$display xdotool windowsize "$dlg" 1100 420
# No window manager: the dialog stays where Qt centred it, partly off screen.
DISPLAY=$display xdotool windowmove "$dlg" 0 0
sleep 1
key "$dlg" ctrl+Right
shot "$dlg" expert-info.png
ws_close

# 4. The two statistics dialogs, widened to show every column.
ws lab/inform-dhcpd-fw-server.pcap -z ucdiag,dhcp
dlg=$(wait_window 'UC DHCP')
DISPLAY=$display xdotool windowsize "$dlg" 1100 300
# No window manager: the dialog stays where Qt centred it, partly off screen.
DISPLAY=$display xdotool windowmove "$dlg" 0 0
sleep 1
shot "$dlg" stats-dhcp.png
ws_close

ws lab/qos-real.pcap "${lab[@]}" -z ucdiag,qos
dlg=$(wait_window 'UC QoS')
DISPLAY=$display xdotool windowsize "$dlg" 1250 380
# No window manager: the dialog stays where Qt centred it, partly off screen.
DISPLAY=$display xdotool windowmove "$dlg" 0 0
sleep 1
shot "$dlg" stats-qos.png
ws_close

# 5. The UC bootstrap Flow Graph of the phone the provisioning server did not
#    trust: Statistics -> Flow Graph, then the flow type "UC bootstrap".
#    Wireshark has no -z for it, and the menu does not open on keys sent
#    to a window (key --window): the window is given the X input focus (no
#    window manager gives it) and the keys are typed (XTEST) into it.
ws lab/boot-untrusted.pcap
main=$(wait_window 'boot-untrusted')
DISPLAY=$display xdotool windowfocus "$main"
sleep 1
DISPLAY=$display xdotool key alt+s
sleep 1
# Up from the first item wraps to the last (F5); Flow Graph is 11th from the
# bottom, below the plugin's own items, so they do not move it.
DISPLAY=$display xdotool key --delay 200 Up Up Up Up Up Up Up Up Up Up Up Return
dlg=$(wait_window 'Flow')
DISPLAY=$display xdotool windowsize "$dlg" 1600 790
DISPLAY=$display xdotool windowmove "$dlg" 0 0
sleep 1
# The "Flow type" combo box, below the diagram at this size: its list opens,
# typing picks "UC bootstrap" (after "UIM Flows"), Return takes it.
DISPLAY=$display xdotool mousemove --window "$dlg" 836 735 click 1
sleep 1
DISPLAY=$display xdotool type --delay 150 'UC b'
DISPLAY=$display xdotool key Return
sleep 2
shot "$dlg" flow-graph.png
ws_close
