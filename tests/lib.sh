# Shared by tests/run.sh and scripts/: staging the plugin where tshark will
# load it, and running tshark the same way as root and as a user.
# SPDX-License-Identifier: GPL-2.0-or-later

UCD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Wireshark's major.minor, as the installed tshark reports it.
ucd_ws_mm() {
    tshark --version 2>/dev/null | sed -n '1s/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/p'
}

# ucd_stage BUILD_DIR: copies the plugin and the captures into a fresh,
# world-readable directory. tshark run as root ignores WIRESHARK_PLUGIN_DIR
# and the personal folder, so as root we run it as nobody, who must be able
# to read everything; a checkout under /root is not readable to nobody.
ucd_stage() {
    local build=$1 mm
    mm=$(ucd_ws_mm)
    UCD_STAGE=$(mktemp -d /tmp/ucdiag-stage.XXXXXX)
    mkdir -p "$UCD_STAGE/plugins/$mm/epan" "$UCD_STAGE/home" "$UCD_STAGE/captures" "$UCD_STAGE/work"
    # UCD_INSTALLED=1: tshark loads the plugin installed on the system (the
    # Debian package, say) and finds the profile where it was installed.
    if [ "${UCD_INSTALLED:-}" != 1 ]; then
        cp "$build/plugins/$mm/epan/ucdiag.so" "$UCD_STAGE/plugins/$mm/epan/" || return 1
        mkdir -p "$UCD_STAGE/home/.config/wireshark/profiles"
        cp -r "$UCD_ROOT/plugin/profiles/UC Diagnostics" "$UCD_STAGE/home/.config/wireshark/profiles/"
    fi
    cp "$UCD_ROOT"/test-captures/*.pcap "$UCD_STAGE/captures/"
    mkdir -p "$UCD_STAGE/captures/lab"
    cp "$UCD_ROOT"/test-captures/lab/*.pcap "$UCD_STAGE/captures/lab/"
    chmod -R a+rX "$UCD_STAGE"
    chmod 1777 "$UCD_STAGE/work" "$UCD_STAGE/home"
    [ -d "$UCD_STAGE/home/.config" ] && chmod -R a+rwX "$UCD_STAGE/home/.config"
    export UCD_STAGE
}

ucd_unstage() {
    [ -n "${UCD_STAGE:-}" ] && rm -rf "$UCD_STAGE"
    UCD_STAGE=
}

# ucd_run_tshark PLUGIN_DIR ARGS...: tshark as nobody when we are root (it
# ignores WIRESHARK_PLUGIN_DIR for root), with a temporary HOME so that an
# installed copy in the personal folder does not load as well. UCD_WRAP, when
# set, is a command put right in front of tshark (the benchmark's GNU time or
# valgrind), so that it measures tshark and nothing else; UCD_PRELOAD_SEED, a
# library preloaded on both sides (the benchmark's fixed random seed).
ucd_run_tshark() {
    local plugins=$1
    shift
    local drop=()
    [ "$(id -u)" = 0 ] && drop=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    local dir=(WIRESHARK_PLUGIN_DIR="$plugins")
    [ "${UCD_INSTALLED:-}" = 1 ] && [ "$plugins" = "$UCD_STAGE/plugins" ] && dir=()
    "${drop[@]}" env HOME="$UCD_STAGE/home" "${dir[@]}" TZ=UTC LC_ALL=C.UTF-8 \
        ${UCD_PRELOAD:+LD_PRELOAD=$UCD_PRELOAD} ${UCD_PRELOAD_SEED:+LD_PRELOAD=${UCD_PRELOAD:+$UCD_PRELOAD:}$UCD_PRELOAD_SEED} \
        ${UCD_WRAP:-} tshark "$@"
}

# tshark with the staged plugin.
ucd_tshark() {
    ucd_run_tshark "$UCD_STAGE/plugins" "$@"
}

# tshark as it ships, without our plugin, for comparisons.
ucd_tshark_plain() {
    UCD_PRELOAD= ucd_run_tshark "$UCD_STAGE/no-plugins" "$@"
}

# Reads tshark -T pdml on stdin and prints one line per expert info whose
# filter name starts with PREFIX: frame, filter name, severity, message.
# Narrow on purpose: these facts are ours, the rest of the dump is not.
ucd_experts_from_pdml() {
    local prefix=$1
    awk -v prefix="$prefix" '
        function attr(line, key,    m) {
            if (match(line, " " key "=\"[^\"]*\"")) {
                m = substr(line, RSTART + length(key) + 3, RLENGTH - length(key) - 4)
                gsub(/&quot;/, "\"", m); gsub(/&#x27;/, "\047", m); gsub(/&apos;/, "\047", m)
                gsub(/&lt;/, "<", m); gsub(/&gt;/, ">", m); gsub(/&amp;/, "\\&", m)
                return m
            }
            return ""
        }
        /<field name="num" / { frame = attr($0, "show") }
        /<field name="_ws.expert" / { inexp = 1; name = ""; msg = ""; sev = ""; next }
        inexp && /<field name="_ws.expert.message" / { msg = attr($0, "show"); next }
        inexp && /<field name="_ws.expert.severity" / {
            sev = attr($0, "showname"); sub(/^Severity level: /, "", sev); next
        }
        inexp && /<field name="_ws.expert.group" / {
            if (index(name, prefix) == 1) printf "%s\t%s\t%s\t%s\n", frame, name, sev, msg
            inexp = 0; next
        }
        inexp && name == "" && /<field name="/ { name = attr($0, "name") }
    '
}
