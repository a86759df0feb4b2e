/* crm-dedupe-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the parts of the duplicate finder.
 */

#pragma once

#include "crm-dedupe.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Worker thread: drops from @clusters (CrmDedupeCluster*) those whose every
 * pair the user dismissed as "not duplicates". */
gboolean _crm_dedupe_worker_drop_dismissed (CrmStoreWorker  *worker,
                                            GPtrArray       *clusters,
                                            GError         **error);

G_END_DECLS
