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
 * the index).  What changed while Rapport was not running stays queued for
 * _crm_search_worker_flush_some() (a big import would otherwise hold up the
 * opening for minutes).  Call after migrating, outside a transaction. */
gboolean  _crm_search_worker_ensure_index (CrmStoreWorker  *worker,
                                           GError         **error);
/* Folds the records that changed since into the index (its own transaction;
 * call outside one).  Cheap when nothing changed. */
gboolean  _crm_search_worker_flush        (CrmStoreWorker  *worker,
                                           GError         **error);
/* Folds at most @limit of the oldest queued records into the index, in its
 * own transaction (call outside one); *@more tells whether some are left. */
gboolean  _crm_search_worker_flush_some   (CrmStoreWorker  *worker,
                                           guint            limit,
                                           gboolean        *more,
                                           GError         **error);
/* The number of queued records, -1 on an error. */
gint64    _crm_search_worker_queued       (CrmStoreWorker  *worker,
                                           GError         **error);
/* The store's background drain (main thread): folds at most @batch queued
 * records; finish returns 1 when some are left, 0 when none, -1 on an error. */
void      _crm_search_drain_async         (CrmStore            *store,
                                           guint                batch,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
int       _crm_search_drain_finish        (CrmStore            *store,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Merges the full-text index's segments (after a big drain). */
void      _crm_search_optimize_async      (CrmStore            *store,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Empties and refills the index inside the current transaction. */
gboolean  _crm_search_worker_fill         (CrmStoreWorker  *worker,
                                           GError         **error);

G_END_DECLS
