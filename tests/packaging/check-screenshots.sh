#!/usr/bin/env bash
# check-screenshots.sh: every screenshot the metainfo names is in
# data/screenshots/ (as the raw GitHub URL will serve it) and is a PNG.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-screenshots.sh [SRCDIR]   (default: the top of this tree)
set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
metainfo="$srcdir/data/io.github.rapportcrm.Rapport.metainfo.xml.in.in"
prefix='https://raw.githubusercontent.com/rapportcrm/rapport/main/'

status=0
count=0
while IFS= read -r url; do
  count=$((count + 1))
  case "$url" in
    "$prefix"*) ;;
    *) echo "screenshot outside the repository: $url" >&2; status=1; continue ;;
  esac
  path="$srcdir/${url#"$prefix"}"
  if [ ! -f "$path" ]; then
    echo "missing screenshot: ${url#"$prefix"}" >&2
    status=1
  elif [ "$(head -c 8 "$path" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "not a PNG: ${url#"$prefix"}" >&2
    status=1
  else
    echo "ok   ${url#"$prefix"}"
  fi
done < <(sed -n 's|.*<image[^>]*>\([^<]*\)</image>.*|\1|p' "$metainfo")

if [ "$count" -eq 0 ]; then
  echo "the metainfo names no screenshots" >&2
  status=1
fi
exit "$status"
