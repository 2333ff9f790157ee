#!/usr/bin/env bash
# Builds the Debian package of ucdiag for the Wireshark installed here:
# the plugin in the global plugin folder of this exact major.minor, and the
# "UC Diagnostics" configuration profile. Prints the .deb's path last.
#   scripts/build-deb.sh [OUTDIR]      (default: build-deb/)
# Install it with: sudo apt install ./build-deb/wireshark-plugin-ucdiag_*.deb
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-build-deb}
scripts/install-deps.sh >&2
mkdir -p "$out"
out=$(cd "$out" && pwd)
cmake -S . -B "$out" -DUCDIAG_PACKAGE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
cmake --build "$out" --target ucdiag -j"$(nproc)" >&2
(cd "$out" && cpack -G DEB >&2)
deb=$(ls -t "$out"/wireshark-plugin-ucdiag_*.deb | head -n1)
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\):/  \1:/p' >&2
dpkg-deb --contents "$deb" | sed -n 's|^.* \./|  /|p' | grep -v '/$' >&2
printf '%s\n' "$deb"
