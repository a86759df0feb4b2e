#!/usr/bin/env bash
# check-flatpak.sh: the Flatpak manifest parses (flatpak-builder --show-manifest)
# and keeps the sandbox tight: no network, no home or host filesystem, a stable
# GNOME runtime, the stable application id.
#
# Copyright 2026 The Rapport developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.sh [SRCDIR]   (default: the top of this tree)
set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
manifest="$srcdir/flatpak/io.github.rapportcrm.Rapport.json"

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed" >&2
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# flatpak-builder wants a writable state directory even for --show-manifest.
(cd "$tmp" && flatpak-builder --show-manifest "$manifest") > "$tmp/manifest.json"

python3 - "$tmp/manifest.json" <<'PY'
import json
import sys

m = json.load(open(sys.argv[1]))
errors = []

def expect(cond, msg):
    if not cond:
        errors.append(msg)

expect(m.get('id', m.get('app-id')) == 'io.github.rapportcrm.Rapport', 'the app id is not io.github.rapportcrm.Rapport')
expect(m.get('runtime') == 'org.gnome.Platform', 'the runtime is not org.gnome.Platform')
expect(m.get('sdk') == 'org.gnome.Sdk', 'the sdk is not org.gnome.Sdk')
version = str(m.get('runtime-version', ''))
expect(version.isdigit() and int(version) >= 47, 'runtime-version %r is not a stable GNOME release >= 47' % version)
expect(m.get('command') == 'rapport', 'the command is not rapport')

args = m.get('finish-args', [])
for required in ('--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'):
    expect(required in args, 'finish-args lack ' + required)
for arg in args:
    expect(arg != '--share=network', 'finish-args grant the network: ' + arg)
    expect(arg not in ('--socket=x11', '--device=all'), 'finish-args are too broad: ' + arg)
    if arg.startswith('--filesystem='):
        fs = arg.split('=', 1)[1].split(':')[0]
        expect(not (fs in ('home', 'host', 'host-os', 'host-etc', '~', '/') or fs.startswith('~/') or fs.startswith('home/')),
               'finish-args grant filesystem access: ' + arg)

app = [mod for mod in m.get('modules', []) if isinstance(mod, dict) and mod.get('name') == 'rapport']
expect(len(app) == 1, 'there is no rapport module')
if app:
    expect(app[0].get('buildsystem') == 'meson', 'the rapport module is not built with meson')
    expect('-Dprofile=development' not in app[0].get('config-opts', []),
           'the manifest builds the development profile (the .Devel app id)')

for e in errors:
    print('error: ' + e, file=sys.stderr)
if errors:
    sys.exit(1)
print('flatpak manifest OK: %s, runtime %s %s, finish-args %s' % (m.get('id'), m.get('runtime'), version, ' '.join(args)))
PY
