#!/usr/bin/env bash
# check-potfiles.sh: po/POTFILES.in lists every source file with translatable
# strings, lists only files that exist, and is sorted.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh [SRCDIR]   (default: the top of this tree)
set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$srcdir"
potfiles=po/POTFILES.in
skipfiles=po/POTFILES.skip

status=0
listed=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$potfiles" | sed -e 's/^\[[^]]*\][[:space:]]*//' -e 's/[[:space:]]*$//')
skipped=""
if [ -f "$skipfiles" ]; then
  skipped=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$skipfiles" || true)
fi

# 1. Every listed file exists.
while IFS= read -r f; do
  [ -n "$f" ] || continue
  if [ ! -f "$f" ]; then
    echo "$potfiles lists a missing file: $f" >&2
    status=1
  fi
done <<<"$listed"

# 2. The list is sorted (byte order), without duplicates.
if ! LC_ALL=C sort -c -u <<<"$listed" 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort -u):" >&2
  diff <(printf '%s\n' "$listed") <(LC_ALL=C sort -u <<<"$listed") >&2 || true
  status=1
fi

# 3. Every source file with translatable strings is listed.  Matches _ (, N_ (,
# C_ (, NC_ (, ngettext ( and g_dngettext ( in C, translatable="yes" in .ui.
c_pattern='(^|[^A-Za-z0-9_])(N|C|NC|Q)?_[[:space:]]*\(|(^|[^A-Za-z0-9_])(g_d)?ngettext[[:space:]]*\('
ui_pattern='translatable="(yes|true|1)"'

candidates=()
for dir in src ui; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' f; do
    case "$f" in
      *.c|*.h) grep -qE "$c_pattern" "$f" && candidates+=("$f") ;;
      *.ui|*.xml) grep -qE "$ui_pattern" "$f" && candidates+=("$f") ;;
    esac
  done < <(find "$dir" -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' -o -name '*.xml' \) -print0)
done

for f in "${candidates[@]}"; do
  if ! grep -qxF "$f" <<<"$listed" && ! grep -qxF "$f" <<<"$skipped"; then
    echo "$f has translatable strings but is missing from $potfiles" >&2
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "$potfiles OK (${#candidates[@]} source files with translatable strings)"
fi
exit "$status"
