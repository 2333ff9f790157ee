#!/usr/bin/env bash
# The benchmark's real corpus: captures of real software that anyone can
# rebuild, none of them committed. Wireshark's own test captures, from the
# Debian source package of the Wireshark installed here (fetched through this
# machine's own apt sources, read as deb-src), and the labs' recordings in
# test-captures/lab. They are concatenated, and the whole repeated until the
# corpus holds at least PACKETS packets, so that the per-packet cost, not
# start-up, dominates.
#
#   scripts/real-corpus.sh OUT.pcapng [PACKETS]     default 100000
#   UCD_CORPUS_CACHE=DIR   where the source package is kept between runs
#                          (default: build/corpus-cache)
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$1
WANT=${2:-100000}
CACHE=${UCD_CORPUS_CACHE:-$ROOT/build/corpus-cache}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

# apt's configuration of a private copy, so that the machine's own is not
# touched: its sources, each "deb" made "deb-src".
apt_private() {
    local dir=$CACHE/apt f
    rm -rf "$dir"
    mkdir -p "$dir/parts" "$dir/lists/partial" "$dir/cache/archives/partial"
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && sed 's/^Types:.*$/Types: deb-src/' "$f" >"$dir/parts/$(basename "$f")"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] && sed -n 's/^deb /deb-src /p' "$f" >"$dir/parts/$(basename "$f").list"
    done
    printf '%s\n' -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$dir/parts" \
        -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache" -o "Debug::NoLocking=1" \
        -o "APT::Sandbox::User=$(id -un)"
}

captures=$CACHE/captures
if [ ! -d "$captures" ]; then
    mapfile -t opts < <(apt_private)
    apt-get "${opts[@]}" -qq update >/dev/null
    version=$(dpkg-query -W -f '${Version}' tshark 2>/dev/null || true)
    ( cd "$CACHE" && { apt-get "${opts[@]}" -qq source --download-only "wireshark=$version" >/dev/null 2>&1 ||
                       apt-get "${opts[@]}" -qq source --download-only wireshark >/dev/null; } )
    tarball=$(ls "$CACHE"/wireshark_*.orig.tar.* | head -n1)
    mkdir -p "$captures.tmp"
    tar -xf "$tarball" -C "$captures.tmp" --wildcards --strip-components=3 '*/test/captures/*'
    mv "$captures.tmp" "$captures"
fi

# Only what reads as a capture; one pass of everything first.
list=()
for f in "$captures"/* "$ROOT"/test-captures/lab/*.pcap; do
    capinfos -c "$f" >/dev/null 2>&1 && list+=("$f")
done
one=$CACHE/one-pass.pcapng
mergecap -a -F pcapng -w "$one" "${list[@]}"
per=$(capinfos -c -M "$one" | awk '/Number of packets/ {print $NF}')
copies=$(( (WANT + per - 1) / per ))
reps=()
for _ in $(seq "$copies"); do reps+=("$one"); done
mergecap -a -F pcapng -w "$OUT" "${reps[@]}"
echo "real corpus: ${#list[@]} captures ($per packets) x $copies -> $(capinfos -c -M "$OUT" | awk '/Number of packets/ {print $NF}') packets"
