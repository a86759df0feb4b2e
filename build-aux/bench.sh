#!/usr/bin/env bash
# bench.sh: builds Rapport for speed, generates the large sample database once
# (cached under ${XDG_CACHE_HOME:-~/.cache}/rapport-bench/) and prints one JSON
# object per line:
#   {"metric": ..., "value": ..., "unit": ..., "floor": ..., "ratio": ...}
# Each floor (raw SQLite, a bare libadwaita window) is measured in the same run.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/bench.sh
set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir" || exit 1

if [ -x build-aux/deps.sh ]; then
  build-aux/deps.sh >&2 || { echo "bench.sh: build-aux/deps.sh failed" >&2; exit 1; }
fi

build=_build-bench
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure --buildtype=release "$build" "$srcdir" >&2 \
    || { echo "bench.sh: meson setup failed" >&2; exit 1; }
else
  rm -rf "$build"
  meson setup --buildtype=release "$build" "$srcdir" >&2 \
    || { echo "bench.sh: meson setup failed" >&2; exit 1; }
fi
# The app may still be missing pieces: build what builds, the harness reports
# what is absent as a null value with an error.
meson compile -C "$build" >&2 || ninja -C "$build" -k 0 >&2 || true
if [ ! -x "$build/tests/bench/rapport-bench" ]; then
  echo "bench.sh: rapport-bench did not build" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -w "${XDG_RUNTIME_DIR:-/nonexistent}" ]; then
  export XDG_RUNTIME_DIR="$tmp/runtime"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
fi
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY

# One X server and one session bus for every start, so that their own
# start-up is not part of any measurement.
dbus-run-session -- \
  xvfb-run -a -s '-screen 0 1280x800x24' \
  python3 build-aux/bench.py "$build"
