#!/usr/bin/env bash
# check-install.sh: configure a fresh build with prefix /app (as in the
# Flatpak), install it into a temporary DESTDIR and check that everything a
# desktop needs is there.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.sh [SRCDIR]   (default: the top of this tree)
#        KEEP_TMP=1 keeps the temporary directory.
set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
srcdir=$(cd "$srcdir" && pwd)
app_id=io.github.rapportcrm.Rapport

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-install.XXXXXX")
if [ -z "${KEEP_TMP:-}" ]; then
  trap 'rm -rf "$tmp"' EXIT
fi

# A clean environment for the nested build: meson test exports variables of
# its own, and the sanitizer options of a caller must not leak into it.
unset MESON_TEST_ITERATION DESTDIR ASAN_OPTIONS UBSAN_OPTIONS || true

echo "# configuring $srcdir in $tmp/build (prefix /app)"
meson setup --prefix=/app -Dprofile=default -Dtests=false "$tmp/build" "$srcdir" > "$tmp/setup.log" 2>&1 \
  || { cat "$tmp/setup.log" >&2; echo "meson setup failed" >&2; exit 1; }
echo "# building and installing into $tmp/dest"
meson install -C "$tmp/build" --destdir "$tmp/dest" > "$tmp/install.log" 2>&1 \
  || { tail -n 80 "$tmp/install.log" >&2; echo "meson install failed" >&2; exit 1; }

root="$tmp/dest/app"
status=0
check() {
  if [ -e "$root/$1" ]; then
    echo "ok   /app/$1"
  else
    echo "MISSING /app/$1" >&2
    status=1
  fi
}

check bin/rapport
check bin/rapport-cli
check "share/applications/$app_id.desktop"
check "share/metainfo/$app_id.metainfo.xml"
check "share/dbus-1/services/$app_id.service"
check "share/icons/hicolor/scalable/apps/$app_id.svg"
check "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check "share/glib-2.0/schemas/$app_id.gschema.xml"
check share/locale/zh_CN/LC_MESSAGES/rapport.mo

if [ -x "$root/bin/rapport" ] && [ -x "$root/bin/rapport-cli" ]; then
  echo "ok   the binaries are executable"
else
  echo "the binaries are not executable" >&2
  status=1
fi

# The schema compiles (meson skips glib-compile-schemas under DESTDIR).
if [ -d "$root/share/glib-2.0/schemas" ]; then
  if glib-compile-schemas --strict --targetdir "$tmp" "$root/share/glib-2.0/schemas"; then
    echo "ok   the installed schema compiles"
  else
    echo "the installed schema does not compile" >&2
    status=1
  fi
fi

desktop="$root/share/applications/$app_id.desktop"
if [ -f "$desktop" ]; then
  grep -q '^Name\[zh_CN\]=' "$desktop" && echo "ok   the desktop file is translated" \
    || { echo "the desktop file has no zh_CN translation" >&2; status=1; }
  grep -qx "Icon=$app_id" "$desktop" || { echo "the desktop file's Icon is not $app_id" >&2; status=1; }
  grep -qx 'DBusActivatable=true' "$desktop" || { echo "the desktop file is not DBusActivatable" >&2; status=1; }
fi
service="$root/share/dbus-1/services/$app_id.service"
if [ -f "$service" ]; then
  grep -qx "Exec=/app/bin/rapport --gapplication-service" "$service" \
    || { echo "the D-Bus service does not run /app/bin/rapport" >&2; status=1; }
  grep -qx "Name=$app_id" "$service" || { echo "the D-Bus service name is not $app_id" >&2; status=1; }
fi
metainfo="$root/share/metainfo/$app_id.metainfo.xml"
if [ -f "$metainfo" ]; then
  grep -q 'xml:lang="zh_CN"' "$metainfo" && echo "ok   the metainfo is translated" \
    || { echo "the metainfo has no zh_CN translation" >&2; status=1; }
fi

exit "$status"
