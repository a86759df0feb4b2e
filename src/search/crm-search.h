/* crm-search.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The global search over people, organizations, deals and tickets.  Prefix and
 * substring matching; Latin text with or without diacritics; Chinese names of
 * any length, their pinyin and pinyin initials; emails; phone numbers in any
 * format.  Whatever the user types is searched as text.
 */

#pragma once

#include <gio/gio.h>

#include "crm-search-hit.h"
#include "crm-types.h"

G_BEGIN_DECLS

/**
 * crm_search_async:
 * @store: the store
 * @text: what the user typed, any bytes
 * @limit_per_kind: the most hits of each kind (0: 10)
 *
 * Searches on the store's worker.  Within a kind, records with a word that
 * starts with the query come before records that only contain it.
 */
void        crm_search_async          (CrmStore             *store,
                                       const char           *text,
                                       guint                 limit_per_kind,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/**
 * crm_search_finish:
 *
 * Returns: (transfer full): a GListModel of #CrmSearchHit, grouped by kind in
 *   #CrmSearchKind order (people, organizations, deals, tickets)
 */
GListModel *crm_search_finish         (CrmStore             *store,
                                       GAsyncResult         *result,
                                       GError              **error);
/* Blocks until the worker searched: for the command line, tests and
 * benchmarks, never the UI.  Transfer full. */
GListModel *crm_search_sync           (CrmStore             *store,
                                       const char           *text,
                                       guint                 limit_per_kind,
                                       GError              **error);

/* Rebuilds the whole index from the records (normally never needed: triggers
 * keep it current, and a database from before the index gets it on open). */
void        crm_search_rebuild_async  (CrmStore             *store,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean    crm_search_rebuild_finish (CrmStore             *store,
                                       GAsyncResult         *result,
                                       GError              **error);
gboolean    crm_search_rebuild_sync   (CrmStore             *store,
                                       GError              **error);

/* Folds every record changed since the last search into the index (after a
 * big import this can take minutes): for the command line and tests, whose
 * searches must see everything; the application drains the queue in the
 * background instead. */
gboolean    crm_search_flush_sync     (CrmStore             *store,
                                       GError              **error);

G_END_DECLS
