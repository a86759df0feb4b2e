#!/usr/bin/env bash
# run.sh: installs what is missing, builds Rapport in _build and starts it
# from the build tree.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/run.sh [--demo] [ARGS...]
#   --demo   open a throw-away database filled with sample data
# Other arguments are passed to rapport as they are.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
builddir="$srcdir/_build"

build-aux/deps.sh

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi
meson compile -C "$builddir"

# The app is not installed: its compiled schema is in the build dir and its
# icons are in data/icons (found through XDG_DATA_DIRS).
export GSETTINGS_SCHEMA_DIR="$builddir/data"
export XDG_DATA_DIRS="$srcdir/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
# The translations built in _build/po/<lang>/LC_MESSAGES/rapport.mo, used in
# place of LOCALEDIR when set (e.g. LANGUAGE=zh_CN build-aux/run.sh --demo).
export RAPPORT_LOCALEDIR="$builddir/po"

exec "$builddir/src/rapport" "$@"
