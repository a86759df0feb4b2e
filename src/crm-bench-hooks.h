/* crm-bench-hooks.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measurement hooks for build-aux/bench.sh, enabled by RAPPORT_BENCH:
 *   first-frame  print "first-frame <monotonic µs>" after the first paint, quit
 *   browse       scroll the People list to 200 seeded positions, waiting for
 *                the pages each time, print "browse-done", quit
 */

#pragma once

#include "crm-window.h"

G_BEGIN_DECLS

/* Returns TRUE when RAPPORT_BENCH asked for a hook and it was installed. */
gboolean crm_bench_hooks_install (CrmWindow *window);

G_END_DECLS
