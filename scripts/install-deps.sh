#!/usr/bin/env bash
# Installs, from Debian's archive, whatever the build and tests need and the
# machine lacks. Does nothing when all is there; uses sudo when not root.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

# jq reads the JSON lines of -z ucdiag,findings and ucdiag,records in the tests.
pkgs=(cmake gcc make pkg-config libc6-dev libglib2.0-dev libpcap-dev libwireshark-dev tshark util-linux jq)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
# tshark asks whether non-root users may capture; the answer does not matter
# for reading files, so take the default without a prompt.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
