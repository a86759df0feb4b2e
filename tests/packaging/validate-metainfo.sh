#!/usr/bin/env bash
# validate-metainfo.sh: appstreamcli validate --no-net --pedantic, failing on
# every message except the known ones below.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: validate-metainfo.sh FILE.metainfo.xml
#
# Allowed messages:
#  - "unknown-tag developer": AppStream 0.16 (Debian 12) predates the
#    <developer id="…"> tag that current AppStream and Flathub require.
#  - "cid-contains-uppercase-letter": a pedantic hint about the application id,
#    which is fixed (io.github.rapportcrm.Rapport, the GNOME reverse-DNS style).
set -euo pipefail

file=${1:?usage: validate-metainfo.sh FILE}
appstreamcli=${APPSTREAMCLI:-appstreamcli}

status=0
out=$(LC_ALL=C.UTF-8 NO_COLOR=1 "$appstreamcli" validate --no-net --pedantic "$file" 2>&1) || status=$?
printf '%s\n' "$out"

bad=0
while IFS= read -r line; do
  case "$line" in
    [EWIP]:\ *) ;;
    *) continue ;;
  esac
  case "$line" in
    *': unknown-tag developer'|*': cid-contains-uppercase-letter'|*': cid-contains-uppercase-letter '*) ;;
    *) echo "not allowed: $line" >&2; bad=1 ;;
  esac
done <<<"$out"

if [ "$status" -ne 0 ]; then
  echo "appstreamcli failed with status $status" >&2
  exit 1
fi
if [ "$bad" -ne 0 ]; then
  exit 1
fi
echo "metainfo OK: $file"
