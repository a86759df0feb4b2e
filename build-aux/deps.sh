#!/usr/bin/env bash
# deps.sh: installs what building, running and testing Rapport needs.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# On Debian and Ubuntu it installs the missing packages with apt-get (through
# sudo when not root; apt-get update only when something is missing).  On
# other systems it prints the list and exits with status 1.  Shared by
# build-aux/run.sh, build-aux/test.sh and build-aux/bench.sh.
#
# Usage: build-aux/deps.sh [--list]
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libicu-dev libcairo2-dev libpango1.0-dev
  libgmime-3.0-dev
  # translations, desktop integration and their checks
  gettext desktop-file-utils appstream
  # headless UI tests: an X server, a session bus, icons and CJK fonts
  xvfb xauth dbus dbus-x11 adwaita-icon-theme librsvg2-common fonts-noto-cjk
  # a notification server the session bus starts on demand (the app's
  # reminders and SLA warnings; without one GLib's warning fails a test)
  dunst
  # the AT-SPI test (tests/ui/test-atspi.py): the accessibility bus and pyatspi
  at-spi2-core python3-pyatspi python3-gi gir1.2-gtk-4.0
  # fuzzing (tests/fuzz: clang and its libFuzzer runtime)
  clang libclang-rt-dev
  # packaging checks (flatpak-builder --show-manifest, the manifest check)
  flatpak-builder python3
  # the import benchmark's floor (build-aux/bench-import.py: the shell's .import)
  sqlite3
)

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

is_debian_like() {
  [ -r /etc/os-release ] || return 1
  local id id_like
  id=$(. /etc/os-release && echo "${ID:-}")
  id_like=$(. /etc/os-release && echo "${ID_LIKE:-}")
  case " $id $id_like " in
    *" debian "*|*" ubuntu "*) ;;
    *) return 1 ;;
  esac
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
}

if ! is_debian_like; then
  echo "deps.sh: this is not Debian or Ubuntu; please install the equivalents of:" >&2
  printf '  %s\n' "${packages[@]}" >&2
  echo "(Fedora: meson gcc glib2-devel gtk4-devel libadwaita-devel sqlite-devel json-glib-devel" >&2
  echo " gmime30-devel gettext desktop-file-utils appstream xorg-x11-server-Xvfb xorg-x11-xauth dbus-daemon" >&2
  echo " dbus-x11 google-noto-sans-cjk-fonts flatpak-builder python3)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "deps.sh: not root and sudo is missing; as root, run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
