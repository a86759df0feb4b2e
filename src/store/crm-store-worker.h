/* crm-store-worker.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker thread behind CrmStore: it owns the only sqlite3 connection and
 * runs jobs one at a time from a queue.
 */

#pragma once

#include "crm-store-private.h"

G_BEGIN_DECLS

/* Called on the store's main context after a commit changed rows: @ids is
 * NULL when the whole table changed (bulk writes). */
typedef void (*CrmStoreChangedFunc) (gpointer    store,
                                     const char *table,
                                     GArray     *ids);

CrmStoreWorker *_crm_store_worker_new      (GMainContext        *main_context,
                                            GObject             *store,
                                            CrmStoreChangedFunc  changed_func);
void            _crm_store_worker_push     (CrmStoreWorker      *worker,
                                            CrmStoreJobFunc      func,
                                            GTask               *task);
/* Runs the queued jobs, closes the database and joins the thread. */
void            _crm_store_worker_shutdown (CrmStoreWorker      *worker);

/* Worker thread, from crm-store-schema.c: opens @path and brings its schema
 * up to date. */
gboolean        _crm_store_worker_open     (CrmStoreWorker      *worker,
                                            const char          *path,
                                            GError             **error);
void            _crm_store_worker_set_db   (CrmStoreWorker      *worker,
                                            sqlite3             *db);
/* Sets up id generation from the meta table (after migrations). */
gboolean        _crm_store_worker_load_ids (CrmStoreWorker      *worker,
                                            GError             **error);
guint32         _crm_store_worker_get_node (CrmStoreWorker      *worker);
/* TRUE when another process committed since the last call. */
gboolean        _crm_store_worker_poll_external (CrmStoreWorker *worker);

G_END_DECLS
