#!/usr/bin/env bash
# test.sh: installs what is missing, builds Rapport and runs every test
# headless (Xvfb + a private session bus), then the core and CLI tests again
# under AddressSanitizer + UndefinedBehaviorSanitizer, then each libFuzzer
# target of tests/fuzz for RAPPORT_FUZZ_SECONDS (30).  The last line is
# "N passed, N failed" (", N skipped" follows when tests were skipped); the
# exit status is non-zero when anything failed.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/test.sh [MESON TEST ARGS...]
#   The arguments go to the first, headless run (e.g. --suite ui); the
#   sanitizer run always runs the core and cli suites.
set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir" || exit 1

build-aux/deps.sh || { echo "build-aux/deps.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }

# No user session (CI, ssh, containers): GTK, GLib and dbus want a private
# runtime directory.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ] || [ ! -w "$XDG_RUNTIME_DIR" ]; then
  export XDG_RUNTIME_DIR="$tmp/runtime"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
fi
# Never touch the real session or the user's settings and data.
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY
export GSK_RENDERER=cairo
export NO_AT_BRIDGE=1
export GTK_A11Y=none
export LANG="${LANG:-C.UTF-8}"

passed=0
failed=0
skipped=0

# count BUILDDIR: adds the results of BUILDDIR/meson-logs/testlog.json.
count() {
  local log="$1/meson-logs/testlog.json" p f s
  if [ ! -s "$log" ]; then
    echo "test.sh: no test log in $1" >&2
    failed=$((failed + 1))
    return
  fi
  read -r p f s < <(python3 - "$log" <<'PY'
import json
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        result = json.loads(line).get('result', 'ERROR')
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(passed, failed, skipped)
PY
  ) || { p=0; f=1; s=0; }
  echo "test.sh: $1: $p passed, $f failed, $s skipped" >&2
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
}

# setup BUILDDIR OPTIONS...: configures BUILDDIR (again, when it exists).
setup() {
  local builddir="$1"
  shift
  if [ -f "$builddir/build.ninja" ]; then
    meson setup --reconfigure "$@" "$builddir" "$srcdir" >/dev/null \
      || meson setup --wipe "$@" "$builddir" "$srcdir"
  else
    rm -rf "$builddir"
    meson setup "$@" "$builddir" "$srcdir"
  fi
}

# 1. Every suite, headless.
build=_build
echo "== $build: all suites (Xvfb, dbus-run-session) =="
if setup "$build" -Dtests=true -Dui=true && meson compile -C "$build"; then
  rm -f "$build/meson-logs/testlog.json"
  # -noreset: by default Xvfb resets when its last client leaves, and a test
  # that connects during the reset fails with "cannot open display".  The
  # session bus starts inside the X session, so that the services it starts
  # on demand (the notification server) know the display.
  xvfb-run -a -s '-screen 0 1280x800x24 -noreset' \
    dbus-run-session -- \
    meson test -C "$build" --print-errorlogs "$@"
  count "$build"
else
  echo "test.sh: the build in $build failed" >&2
  failed=$((failed + 1))
fi

# 2. The core and the CLI again under ASan + UBSan (no GTK: -Dui=false).
# fast_unwind_on_malloc=0: GLib has no frame pointers, and without the slow
# unwinder leak reports are cut short and the suppressions cannot match;
# malloc_context_size=16 keeps its cost down (and reaches the library call a
# suppression names, under our own frames).  Sanitized code runs several times
# slower: --timeout-multiplier 3, and the paged-model test uses 200,000 rows
# (its 1,000,000-row run is in the normal build above).
build=_build-asan
echo "== $build: core and cli suites (AddressSanitizer, UndefinedBehaviorSanitizer) =="
if setup "$build" -Dtests=true -Dui=false -Db_sanitize=address,undefined -Db_lundef=false \
   && meson compile -C "$build"; then
  rm -f "$build/meson-logs/testlog.json"
  suites=()
  for suite in core cli; do
    # (no grep -q in a pipe: with pipefail, the early exit fails meson)
    listed=$(meson test -C "$build" --list --suite "$suite" 2>/dev/null) || listed=""
    if grep -q "^rapport:$suite / " <<<"$listed"; then
      suites+=(--suite "$suite")
    fi
  done
  if [ "${#suites[@]}" -gt 0 ]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:malloc_context_size=16 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS="suppressions=$srcdir/tests/packaging/lsan.supp:print_suppressions=0" \
    G_SLICE=always-malloc \
    CRM_TEST_PAGED_MODEL_ROWS=200000 \
      meson test -C "$build" --print-errorlogs --timeout-multiplier 3 "${suites[@]}"
    count "$build"
  else
    echo "test.sh: no core or cli tests in $build" >&2
    failed=$((failed + 1))
  fi
else
  echo "test.sh: the build in $build failed" >&2
  failed=$((failed + 1))
fi

# 3. The libFuzzer targets of tests/fuzz (clang), each briefly over its seed
# corpus; new inputs go to a temporary corpus, crashes to _build-fuzz/.
fuzz_seconds=${RAPPORT_FUZZ_SECONDS:-30}
fuzz_sources=(tests/fuzz/fuzz-*.c)
if [ -e "${fuzz_sources[0]}" ]; then
  build=_build-fuzz
  echo "== $build: libFuzzer targets, ${fuzz_seconds} s each =="
  if CC=clang setup "$build" -Dtests=true -Dui=false -Dfuzzing=true && meson compile -C "$build"; then
    for src in "${fuzz_sources[@]}"; do
      name=$(basename "$src" .c)
      name=${name#fuzz-}
      exe="$build/tests/fuzz/fuzz-$name"
      if [ ! -x "$exe" ]; then
        echo "test.sh: $exe was not built (is $name listed in tests/fuzz/meson.build?)" >&2
        failed=$((failed + 1))
        continue
      fi
      corpus="$tmp/corpus-$name"
      mkdir -p "$corpus"
      seeds=()
      [ -d "tests/fuzz/$name" ] && seeds=("tests/fuzz/$name")
      if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
         UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
         LSAN_OPTIONS="suppressions=$srcdir/tests/packaging/lsan.supp:print_suppressions=0" \
         G_SLICE=always-malloc \
         "$exe" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
           -artifact_prefix="$build/crash-$name-" "$corpus" "${seeds[@]}" \
           > "$build/fuzz-$name.log" 2>&1; then
        echo "fuzz / $name OK"
        passed=$((passed + 1))
      else
        echo "fuzz / $name FAIL (log: $build/fuzz-$name.log)"
        tail -n 60 "$build/fuzz-$name.log"
        failed=$((failed + 1))
      fi
    done
  else
    echo "test.sh: the build in $build failed" >&2
    failed=$((failed + 1))
  fi
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
