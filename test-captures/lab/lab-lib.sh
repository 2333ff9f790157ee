# Shared by the lab scripts (sourced).
# SPDX-License-Identifier: GPL-2.0-or-later

# lab_need PACKAGE...: installs the Debian packages not installed yet.
lab_need() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# lab_stop PID...: ends the given background programs and reaps them, so
# that a lab's cleanup leaves no process behind whichever way it exits.
lab_stop() {
    local p
    for p in "$@"; do kill "$p" 2>/dev/null || true; done
    for p in "$@"; do wait "$p" 2>/dev/null || true; done
}

# lab_link NS_A IF_A ADDR_A NS_B IF_B ADDR_B: a veth pair between two
# network namespaces, each end with its address (CIDR; "-": none, for an end
# that gets one from DHCP) and up.
lab_link() {
    ip link add "$2" type veth peer name "$5"
    ip link set "$2" netns "$1"
    ip link set "$5" netns "$4"
    [ "$3" = - ] || ip -n "$1" addr add "$3" dev "$2"
    [ "$6" = - ] || ip -n "$4" addr add "$6" dev "$5"
    ip -n "$1" link set "$2" up
    ip -n "$4" link set "$5" up
}
