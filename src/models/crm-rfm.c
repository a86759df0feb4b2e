/* crm-rfm.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmRfm"

#include "config.h"

#include "crm-rfm-private.h"

#define META_KEY "rfm_computed"

/* Quintiles by rank: 1 + (rank - 1) * 5 / n, like NTILE (5) for distinct
 * values, but people with the same value always share a quintile.  Rows are
 * written only when a score changes. */
static const char reset_sql[] =
  "UPDATE person SET rfm_recency = 0, rfm_frequency = 0, rfm_monetary = 0, rfm_score = 0 "
  "WHERE (deleted != 0 OR order_count <= 0) "
  "AND (rfm_recency != 0 OR rfm_frequency != 0 OR rfm_monetary != 0 OR rfm_score != 0)";

static const char score_sql[] =
  "WITH ranked AS ("
  "  SELECT id,"
  "    1 + (rank () OVER (ORDER BY last_purchase) - 1) * 5 / count (*) OVER () AS r,"
  "    1 + (rank () OVER (ORDER BY order_count) - 1) * 5 / count (*) OVER () AS f,"
  "    1 + (rank () OVER (ORDER BY total_spend) - 1) * 5 / count (*) OVER () AS m"
  "  FROM person WHERE deleted = 0 AND order_count > 0) "
  "UPDATE person SET rfm_recency = ranked.r, rfm_frequency = ranked.f, "
  "  rfm_monetary = ranked.m, rfm_score = ranked.r + ranked.f + ranked.m "
  "FROM ranked WHERE person.id = ranked.id "
  "AND (person.rfm_recency != ranked.r OR person.rfm_frequency != ranked.f "
  "  OR person.rfm_monetary != ranked.m OR person.rfm_score != ranked.r + ranked.f + ranked.m)";

static gint64
count_scored (CrmStoreWorker  *worker,
              GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT count(*) FROM person WHERE deleted = 0 "
                                    "AND order_count > 0", error);
  if (stmt == NULL)
    return -1;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);
  return n;
}

gint64
_crm_rfm_worker_compute (CrmStoreWorker  *worker,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 n;
  int rc;

  if (!_crm_store_worker_exec (worker, reset_sql, error) ||
      !_crm_store_worker_exec (worker, score_sql, error) ||
      (n = count_scored (worker, error)) < 0)
    return -1;

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                    error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, META_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return -1;
    }
  return n;
}

static gint64
read_last_run (CrmStoreWorker  *worker,
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

/* In its own transaction, in bulk mode: one changed::person at commit rather
 * than one per scored row. */
static gint64
compute_in_transaction (CrmStoreWorker  *worker,
                        GError         **error)
{
  gint64 n;

  if (!_crm_store_worker_begin (worker, error))
    return -1;
  _crm_store_worker_set_bulk (worker, TRUE);
  if ((n = _crm_rfm_worker_compute (worker, error)) < 0 ||
      !_crm_store_worker_commit (worker, error))
    {
      _crm_store_worker_rollback (worker);
      return -1;
    }
  return n;
}

typedef struct
{
  gint64 max_age;   /* < 0: always */
} RfmData;

static void
rfm_job (CrmStoreWorker *worker,
         GTask          *task,
         gpointer        data)
{
  RfmData *d = data;
  GError *error = NULL;
  gint64 n;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (d->max_age >= 0)
    {
      gint64 last = read_last_run (worker, &error);

      if (last < 0)
        {
          g_task_return_error (task, error);
          return;
        }
      if (last > 0 && _crm_store_worker_now (worker) - last < d->max_age)
        {
          g_task_return_int (task, -1);
          return;
        }
    }

  if ((n = compute_in_transaction (worker, &error)) < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
last_run_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  GError *error = NULL;
  gint64 last = read_last_run (worker, &error);

  if (last < 0)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&last, sizeof last), g_free);
}

static void
run (CrmStore            *store,
     gint64               max_age,
     gpointer             tag,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  RfmData *d = g_new0 (RfmData, 1);

  d->max_age = max_age;
  _crm_store_run_async (store, rfm_job, d, g_free, tag, "crm-rfm-recompute", cancellable,
                        callback, user_data);
}

void
crm_rfm_recompute_async (CrmStore            *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run (store, -1, crm_rfm_recompute_async, cancellable, callback, user_data);
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

  run (store, max_age, crm_rfm_refresh_async, cancellable, callback, user_data);
}

gint64
crm_rfm_refresh_finish (CrmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
sync_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;
  gint64 n = compute_in_transaction (worker, &error);

  if (n < 0)
    g_task_return_error (task, error);
  else
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

gint64
crm_rfm_get_last_run_sync (CrmStore  *store,
                           GError   **error)
{
  g_autofree gint64 *last = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  last = _crm_store_run_sync (store, last_run_job, NULL, NULL, error);
  return last ? *last : -1;
}
