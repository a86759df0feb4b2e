/* crm-rfm.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scores: which people's scores change (read on any connection, in any
 * thread), and writing them on the worker.  The command line and the sample
 * data write everything in one transaction on the worker
 * (crm_rfm_recompute_sync(), _crm_rfm_worker_compute()); the application's
 * runs, which must not hold the worker, are in crm-rfm-run.c.
 */

#define G_LOG_DOMAIN "CrmRfm"

#include "config.h"

#include "crm-rfm-private.h"

#define META_KEY "rfm_computed"

/* How often a write looks at the clock, and a read at the cancellable (in
 * SQLite virtual machine steps). */
#define CLOCK_ROWS 16
#define CANCEL_STEPS 100000

/* Quintiles by rank: 1 + (rank - 1) * 5 / n, like NTILE (5) for distinct
 * values, but people with the same value always share a quintile.  The live
 * people with a paid order, with their scores as stored and as ranked. */
static const char ranked_sql[] =
  "SELECT id, rfm_recency, rfm_frequency, rfm_monetary, rfm_score,"
  "  1 + (rank () OVER (ORDER BY last_purchase) - 1) * 5 / count (*) OVER (),"
  "  1 + (rank () OVER (ORDER BY order_count) - 1) * 5 / count (*) OVER (),"
  "  1 + (rank () OVER (ORDER BY total_spend) - 1) * 5 / count (*) OVER () "
  "FROM person WHERE deleted = 0 AND order_count > 0";

/* Everyone else who still has a score. */
static const char unranked_sql[] =
  "SELECT id FROM person WHERE (deleted != 0 OR order_count <= 0) "
  "AND (rfm_recency != 0 OR rfm_frequency != 0 OR rfm_monetary != 0 OR rfm_score != 0)";

/* A score for the population, 0 for anyone else, as the person is now: a
 * person trashed (or refunded) since the read keeps no score. */
static const char write_sql[] =
  "UPDATE person SET rfm_recency = ?2, rfm_frequency = ?3, rfm_monetary = ?4, "
  "rfm_score = ?2 + ?3 + ?4 WHERE id = ?1 "
  "AND (?2 != 0) = (deleted = 0 AND order_count > 0)";

/* --- Reading the new scores (any connection, any thread) --- */

static int
on_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static gboolean
step_failed (sqlite3       *db,
             int            rc,
             GCancellable  *cancellable,
             GError       **error)
{
  if (rc == SQLITE_INTERRUPT && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  _crm_store_set_error (error, db, rc, NULL);
  return FALSE;
}

static gboolean
read_ranked (sqlite3       *db,
             GArray        *changed,
             gint64        *n_scored,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, ranked_sql, -1, &stmt, NULL)) != SQLITE_OK)
    return step_failed (db, rc, cancellable, error);

  *n_scored = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRfmScore s = {
        .id = sqlite3_column_int64 (stmt, 0),
        .r = sqlite3_column_int (stmt, 5),
        .f = sqlite3_column_int (stmt, 6),
        .m = sqlite3_column_int (stmt, 7),
      };

      (*n_scored)++;
      if (sqlite3_column_int64 (stmt, 1) != s.r || sqlite3_column_int64 (stmt, 2) != s.f ||
          sqlite3_column_int64 (stmt, 3) != s.m ||
          sqlite3_column_int64 (stmt, 4) != s.r + s.f + s.m)
        g_array_append_val (changed, s);
    }
  ok = rc == SQLITE_DONE || step_failed (db, rc, cancellable, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
read_unranked (sqlite3       *db,
               GArray        *changed,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, unranked_sql, -1, &stmt, NULL)) != SQLITE_OK)
    return step_failed (db, rc, cancellable, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRfmScore s = { .id = sqlite3_column_int64 (stmt, 0) };

      g_array_append_val (changed, s);
    }
  ok = rc == SQLITE_DONE || step_failed (db, rc, cancellable, error);
  sqlite3_finalize (stmt);
  return ok;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const CrmRfmScore *) a)->id;
  gint64 y = ((const CrmRfmScore *) b)->id;

  return (x > y) - (x < y);
}

gboolean
_crm_rfm_read_scores (sqlite3       *db,
                      GArray        *changed,
                      gint64        *n_scored,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, CANCEL_STEPS, on_progress_cb, cancellable);
  ok = read_ranked (db, changed, n_scored, cancellable, error) &&
       read_unranked (db, changed, cancellable, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (ok)
    g_array_sort (changed, compare_ids);
  return ok;
}

/* --- Writing them (worker thread) --- */

gboolean
_crm_rfm_worker_write_meta (CrmStoreWorker  *worker,
                            gint64           when,
                            GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, META_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, when);
  return _crm_store_worker_step (worker, stmt, error);
}

gboolean
_crm_rfm_worker_write_scores (CrmStoreWorker  *worker,
                              GArray          *changed,
                              guint           *next,
                              guint            limit,
                              gint64           deadline,
                              GError         **error)
{
  guint end = changed->len - *next > limit ? *next + limit : changed->len;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, write_sql, error);

  if (stmt == NULL)
    return FALSE;
  while (*next < end)
    {
      const CrmRfmScore *s = &g_array_index (changed, CrmRfmScore, *next);

      sqlite3_bind_int64 (stmt, 1, s->id);
      sqlite3_bind_int (stmt, 2, s->r);
      sqlite3_bind_int (stmt, 3, s->f);
      sqlite3_bind_int (stmt, 4, s->m);
      if (!_crm_store_worker_step (worker, stmt, error))
        return FALSE;
      ++*next;
      if (deadline != 0 && *next % CLOCK_ROWS == 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  return TRUE;
}

gint64
_crm_rfm_worker_compute (CrmStoreWorker  *worker,
                         GError         **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (CrmRfmScore));
  gint64 n_scored = 0;
  guint next = 0;

  if (!_crm_rfm_read_scores (_crm_store_worker_get_db (worker), changed, &n_scored, NULL,
                             error) ||
      !_crm_rfm_worker_write_scores (worker, changed, &next, G_MAXUINT, 0, error) ||
      !_crm_rfm_worker_write_meta (worker, _crm_store_worker_now (worker), error))
    return -1;
  return n_scored;
}

gint64
_crm_rfm_worker_read_last_run (CrmStoreWorker  *worker,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT value FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, META_KEY, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  else if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      last = -1;
    }
  sqlite3_reset (stmt);
  return last;
}

/* --- Public API --- */

void
crm_rfm_recompute_async (CrmStore            *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_rfm_run_async (store, -1, 0, NULL, NULL, cancellable, callback, user_data);
}

gint64
crm_rfm_recompute_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

void
crm_rfm_refresh_async (CrmStore            *store,
                       gint64               max_age,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (max_age >= 0);

  _crm_rfm_run_async (store, max_age, 0, NULL, NULL, cancellable, callback, user_data);
}

gint64
crm_rfm_refresh_finish (CrmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* In its own transaction, in bulk mode: one changed::person at commit rather
 * than one per scored row. */
static void
sync_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;
  gint64 n;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_set_bulk (worker, TRUE);
  if ((n = _crm_rfm_worker_compute (worker, &error)) < 0 ||
      !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&n, sizeof n), g_free);
}

gint64
crm_rfm_recompute_sync (CrmStore  *store,
                        GError   **error)
{
  g_autofree gint64 *n = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  n = _crm_store_run_sync (store, sync_job, NULL, NULL, error);
  return n ? *n : -1;
}

static void
last_run_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  GError *error = NULL;
  gint64 last = _crm_rfm_worker_read_last_run (worker, &error);

  if (last < 0)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&last, sizeof last), g_free);
}

gint64
crm_rfm_get_last_run_sync (CrmStore  *store,
                           GError   **error)
{
  g_autofree gint64 *last = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  last = _crm_store_run_sync (store, last_run_job, NULL, NULL, error);
  return last ? *last : -1;
}
