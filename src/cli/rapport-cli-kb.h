/* rapport-cli-kb.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-cli-private.h"

G_BEGIN_DECLS

/* rapport-cli-kb.c: "kb list|show|import-selfservice" */
int cmd_kb (Cli   *cli,
            int    argc,
            char **argv);

G_END_DECLS
