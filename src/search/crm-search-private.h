/* crm-search-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal: the index work that runs on the store's worker thread.
 */

#pragma once

#include "crm-search.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Fills the index when a migration marked it stale (a database from before
 * the index), else flushes what changed while Rapport was not running.  Call
 * after migrating, outside a transaction. */
gboolean  _crm_search_worker_ensure_index (CrmStoreWorker  *worker,
                                           GError         **error);
/* Folds the records that changed since into the index (its own transaction;
 * call outside one).  Cheap when nothing changed. */
gboolean  _crm_search_worker_flush        (CrmStoreWorker  *worker,
                                           GError         **error);
/* Empties and refills the index inside the current transaction. */
gboolean  _crm_search_worker_fill         (CrmStoreWorker  *worker,
                                           GError         **error);

G_END_DECLS
