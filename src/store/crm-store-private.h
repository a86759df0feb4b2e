/* crm-store-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal API: jobs that run on the store's worker thread, which owns the
 * only sqlite3 connection.  Only src/store, src/models, src/io and src/cli may
 * include this; views never do.
 */

#pragma once

#include <sqlite3.h>

#include "crm-store.h"
#include "crm-record-private.h"

G_BEGIN_DECLS

typedef struct _CrmStoreWorker CrmStoreWorker;

/* Runs on the worker thread.  The job must complete @task exactly once with
 * g_task_return_*().  It must not touch any GObject the main thread can see:
 * exchange plain structs (CrmRow) instead. */
typedef void (*CrmStoreJobFunc) (CrmStoreWorker *worker,
                                 GTask          *task,
                                 gpointer        data);

/* Queues @func on the worker.  The task's source object is @self, its task
 * data is @data (freed with @destroy), and @callback runs on the thread-default
 * main context of the caller. */
void          _crm_store_run_async        (CrmStore            *self,
                                           CrmStoreJobFunc      func,
                                           gpointer             data,
                                           GDestroyNotify       destroy,
                                           gpointer             source_tag,
                                           const char          *name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Runs @func on the worker and blocks the caller until it returned.  For the
 * command line, tests, benchmarks and the demo generator: never from the UI.
 * Returns the task's pointer result (transfer full) or NULL with @error set;
 * for jobs that return a boolean, returns GINT_TO_POINTER (TRUE). */
gpointer      _crm_store_run_sync         (CrmStore            *self,
                                           CrmStoreJobFunc      func,
                                           gpointer             data,
                                           GDestroyNotify       destroy,
                                           GError             **error);

/* --- Main-thread internals used by the models --- */

/* Queues a coalesced write of @record's pending edits. */
void          _crm_store_schedule_save    (CrmStore            *self,
                                           CrmRecord           *record);
/* Returns the identity-mapped record for @row, creating or updating it;
 * transfer full. */
CrmRecord    *_crm_store_materialize      (CrmStore            *self,
                                           const CrmRow        *row);
/* Reads the rows of @ids (gint64) of @record_type and returns them as
 * identity-mapped records, in no particular order (transfer full: a
 * GPtrArray of CrmRecord). */
void          _crm_store_load_many_async  (CrmStore            *self,
                                           GType                record_type,
                                           GArray              *ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray    *_crm_store_load_many_finish (CrmStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Called from CrmRecord's dispose: drops it from the identity map. */
void          _crm_store_forget           (CrmStore            *self,
                                           CrmRecord           *record);
/* Test hook: makes the database refuse to grow past @pages pages, so that the
 * disk-full path can be exercised without filling a disk. */
gboolean      _crm_store_set_max_pages_for_testing (CrmStore   *self,
                                                    gint64      pages,
                                                    GError    **error);

/* --- Worker-thread API (call only from a CrmStoreJobFunc) --- */

sqlite3      *_crm_store_worker_get_db    (CrmStoreWorker      *worker);
/* A new id, unique across machines (see crm-id.h). */
gint64        _crm_store_worker_next_id   (CrmStoreWorker      *worker);
/* The current UTC time in seconds (overridable in tests via CRM_STORE_NOW). */
gint64        _crm_store_worker_now       (CrmStoreWorker      *worker);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *_crm_store_worker_prepare   (CrmStoreWorker      *worker,
                                           const char          *sql,
                                           GError             **error);
/* Steps @stmt (a write, or a read whose rows nobody wants) and resets it;
 * FALSE with @error set when SQLite fails. */
gboolean      _crm_store_worker_step      (CrmStoreWorker      *worker,
                                           sqlite3_stmt        *stmt,
                                           GError             **error);
gboolean      _crm_store_worker_exec      (CrmStoreWorker      *worker,
                                           const char          *sql,
                                           GError             **error);
gboolean      _crm_store_worker_begin     (CrmStoreWorker      *worker,
                                           GError             **error);
gboolean      _crm_store_worker_commit    (CrmStoreWorker      *worker,
                                           GError             **error);
void          _crm_store_worker_rollback  (CrmStoreWorker      *worker);
/* Stops per-row change tracking for the current transaction: at commit the
 * main thread is told that whole tables changed (bulk imports, demo data). */
void          _crm_store_worker_set_bulk  (CrmStoreWorker      *worker,
                                           gboolean             bulk);
/* Keeps the current transaction's row changes from the main thread: a job
 * split into many short transactions (the RFM scores) tells it once, at the
 * end, with _crm_store_worker_announce(). */
void          _crm_store_worker_set_quiet (CrmStoreWorker      *worker,
                                           gboolean             quiet);
/* Tells the main thread that the whole of @table changed, at the end of the
 * current transaction (or of the job, outside one). */
void          _crm_store_worker_announce  (CrmStoreWorker      *worker,
                                           const char          *table);

/* The database's file, for a reader's connection of its own beside the
 * worker (WAL lets it read while the worker writes); NULL when there is
 * none (a database in memory, or not in WAL mode). */
char         *_crm_store_worker_dup_reader_path (CrmStoreWorker *worker);
/* A connection of its own to @path for reading beside the worker (another
 * thread; query-only).  Read-write only for the WAL's checkpoints.  Close
 * with sqlite3_close_v2(). */
sqlite3      *_crm_store_open_reader      (const char          *path,
                                           GError             **error);

/* Maps an SQLite result code to a CrmStoreError with a readable message. */
void          _crm_store_set_error        (GError             **error,
                                           sqlite3             *db,
                                           int                  rc,
                                           const char          *context);

G_END_DECLS
