#!/usr/bin/env bash
# check-po.sh: every po/*.po in LINGUAS is complete against a template made
# fresh from POTFILES.in: no untranslated and no fuzzy entry, and msgfmt --check
# passes.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.sh [SRCDIR]   (default: the top of this tree)
set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$srcdir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's i18n.gettext (preset: 'glib').
xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format \
  --package-name=Rapport \
  -D "$srcdir" -f po/POTFILES.in -o "$tmp/rapport.pot"

status=0
for lang in $(grep -v -e '^#' -e '^$' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po is missing" >&2
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --previous "$po" "$tmp/rapport.pot" -o "$tmp/$lang.po"
  # Obsolete (#~) entries are ignored: only the current template counts.
  msgattrib --no-obsolete "$tmp/$lang.po" -o "$tmp/$lang.current.po"
  # msgfmt --statistics: "N translated messages[, N fuzzy translations][, N untranslated messages]."
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.current.po" 2>&1)
  fuzzy=$(sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p' <<<"$stats")
  untranslated=$(sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p' <<<"$stats")
  fuzzy=${fuzzy:-0}
  untranslated=${untranslated:-0}
  echo "$po: $stats"
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "$po: $untranslated untranslated and $fuzzy fuzzy messages:" >&2
    msgattrib --untranslated --no-obsolete "$tmp/$lang.current.po" | grep -A1 '^msgid ' >&2 || true
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.current.po" | grep -A1 '^msgid ' >&2 || true
    status=1
  fi
  if ! msgfmt --check -o /dev/null "$tmp/$lang.current.po"; then
    echo "$po: msgfmt --check failed" >&2
    status=1
  fi
  if ! msgfmt --check -o /dev/null "$po"; then
    echo "$po: msgfmt --check failed on the file itself" >&2
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "translations OK"
exit "$status"
