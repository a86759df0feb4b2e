/* crm-rfm-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-rfm.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* A person whose scores change: the new quintiles (0 for no score). */
typedef struct
{
  gint64 id;
  gint8  r;
  gint8  f;
  gint8  m;
} CrmRfmScore;

/* Fills @changed (of CrmRfmScore) with the people whose scores change, in id
 * order (rows next to each other in the table are written together), and
 * *@n_scored with the number of people scored.  Any connection, any thread;
 * call inside a transaction, so that both of its statements read the same
 * database.  A cancelled @cancellable interrupts it. */
gboolean  _crm_rfm_read_scores          (sqlite3          *db,
                                         GArray           *changed,
                                         gint64           *n_scored,
                                         GCancellable     *cancellable,
                                         GError          **error);

/* Worker thread, inside a transaction: writes @changed from *@next on, until
 * its end, @limit rows or @deadline (monotonic time; 0: none), and moves
 * *@next past them.  A person trashed or refunded since the read keeps no
 * score. */
gboolean  _crm_rfm_worker_write_scores  (CrmStoreWorker   *worker,
                                         GArray           *changed,
                                         guint            *next,
                                         guint             limit,
                                         gint64            deadline,
                                         GError          **error);
/* Records a complete run made at @when (unix seconds). */
gboolean  _crm_rfm_worker_write_meta    (CrmStoreWorker   *worker,
                                         gint64            when,
                                         GError          **error);
/* Unix seconds of the last complete run, 0 for never, -1 on an error. */
gint64    _crm_rfm_worker_read_last_run (CrmStoreWorker   *worker,
                                         GError          **error);

/* Worker thread, inside the caller's transaction (the demo generator): writes
 * the scores and the run time; the number of people scored or -1. */
gint64    _crm_rfm_worker_compute       (CrmStoreWorker   *worker,
                                         GError          **error);

/* Called on the main context after each write job of a run: @written of
 * @total changed scores are in the database. */
typedef void (*CrmRfmBatchFunc) (guint    written,
                                 guint    total,
                                 gpointer user_data);

/* crm_rfm_recompute_async() (@max_age < 0) or crm_rfm_refresh_async(),
 * writing at most @batch rows per job (0: the default), with @batch_func
 * after each job (tests).  Finish with either's _finish(). */
void      _crm_rfm_run_async            (CrmStore            *store,
                                         gint64               max_age,
                                         guint                batch,
                                         CrmRfmBatchFunc      batch_func,
                                         gpointer             batch_data,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

G_END_DECLS
