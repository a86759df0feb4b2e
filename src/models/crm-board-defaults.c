/* crm-board-defaults.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipelines a new database starts with: a formal B2B one and a short
 * B2C one, named in the user's language (names are the user's data from
 * then on: they can rename them). Added once: a database whose pipelines
 * were all deleted does not get them back.
 */

#define G_LOG_DOMAIN "CrmBoard"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-board.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define DEFAULTS_KEY "default-pipelines"

typedef struct
{
  const char *name;          /* msgid, context "stage" */
  int         probability;
  int         rotting_days;
  const char *kind;
} DefaultStage;

static const DefaultStage b2b_stages[] = {
  { NC_("stage", "Qualification"), 10, 14, "open" },
  { NC_("stage", "Needs Analysis"), 20, 14, "open" },
  { NC_("stage", "Proposal"), 40, 21, "open" },
  { NC_("stage", "Negotiation"), 60, 21, "open" },
  { NC_("stage", "Contract"), 80, 30, "open" },
  { NC_("stage", "Won"), 100, 0, "won" },
  { NC_("stage", "Lost"), 0, 0, "lost" },
};

static const DefaultStage b2c_stages[] = {
  { NC_("stage", "New"), 10, 3, "open" },
  { NC_("stage", "Contacted"), 30, 5, "open" },
  { NC_("stage", "Offer"), 60, 7, "open" },
  { NC_("stage", "Won"), 100, 0, "won" },
  { NC_("stage", "Lost"), 0, 0, "lost" },
};

static const char *const lost_reasons[] = {
  NC_("lost reason", "Price too high"),
  NC_("lost reason", "Chose a competitor"),
  NC_("lost reason", "No budget"),
  NC_("lost reason", "Bad timing"),
  NC_("lost reason", "No decision"),
  NC_("lost reason", "Product not a fit"),
};

static gboolean
query_int (CrmStoreWorker  *worker,
           const char      *sql,
           gint64          *value,
           GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_pipeline (CrmStoreWorker      *worker,
              const char          *name,
              const char          *kind,
              int                  position,
              const DefaultStage  *stages,
              guint                n_stages,
              GError             **error)
{
  gint64 now = _crm_store_worker_now (worker);
  gint64 pipeline_id = _crm_store_worker_next_id (worker);
  /* Translators: the ISO 4217 code of the currency new pipelines count in
   * (a key, not a word: CNY for Chinese) */
  const char *currency = C_("currency code", "USD");
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO pipeline (id, created, updated, name, kind, "
                                                  "position, currency) VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, position);
  sqlite3_bind_text (stmt, 7, strlen (currency) == 3 ? currency : "USD", -1, SQLITE_STATIC);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;

  if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO stage (id, created, updated, pipeline_id, name, "
                                                  "position, probability, rotting_days, kind) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < n_stages; i++)
    {
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, pipeline_id);
      sqlite3_bind_text (stmt, 5, g_dpgettext2 (GETTEXT_PACKAGE, "stage", stages[i].name), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, (int) i);
      sqlite3_bind_int (stmt, 7, stages[i].probability);
      sqlite3_bind_int (stmt, 8, stages[i].rotting_days);
      sqlite3_bind_text (stmt, 9, stages[i].kind, -1, SQLITE_STATIC);
      if (!_crm_store_worker_step (worker, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_lost_reasons (CrmStoreWorker  *worker,
                  GError         **error)
{
  gint64 now = _crm_store_worker_now (worker);
  gint64 count;
  sqlite3_stmt *stmt;

  if (!query_int (worker, "SELECT count(*) FROM lost_reason WHERE deleted = 0", &count, error))
    return FALSE;
  if (count > 0)
    return TRUE;
  if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO lost_reason (id, created, updated, name, position) "
                                                  "VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lost_reasons); i++)
    {
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_text (stmt, 4, g_dpgettext2 (GETTEXT_PACKAGE, "lost reason", lost_reasons[i]), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, (int) i);
      if (!_crm_store_worker_step (worker, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
defaults_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        task_data)
{
  GError *error = NULL;
  gint64 done, pipelines;
  sqlite3_stmt *stmt;

  if (!_crm_store_worker_begin (worker, &error) ||
      !query_int (worker, "SELECT count(*) FROM meta WHERE key = '" DEFAULTS_KEY "'", &done, &error) ||
      !query_int (worker, "SELECT count(*) FROM pipeline", &pipelines, &error))
    goto failed;

  if (done == 0 && pipelines == 0)
    {
      if (!add_pipeline (worker, C_("pipeline", "Sales (B2B)"), "b2b", 0,
                         b2b_stages, G_N_ELEMENTS (b2b_stages), &error) ||
          !add_pipeline (worker, C_("pipeline", "Consumer Sales (B2C)"), "b2c", 1,
                         b2c_stages, G_N_ELEMENTS (b2c_stages), &error) ||
          !add_lost_reasons (worker, &error))
        goto failed;
    }
  if (done == 0)
    {
      if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO meta (key, value) VALUES ('" DEFAULTS_KEY "', ?)",
                                              &error)))
        goto failed;
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_now (worker));
      if (!_crm_store_worker_step (worker, stmt, &error))
        goto failed;
    }
  if (!_crm_store_worker_commit (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, done == 0 && pipelines == 0);
  return;

failed:
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

void
crm_board_ensure_defaults_async (CrmStore            *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  if (crm_store_is_read_only (store))
    {
      g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

      g_task_set_source_tag (task, crm_board_ensure_defaults_async);
      g_task_return_boolean (task, FALSE);
      return;
    }
  _crm_store_run_async (store, defaults_job, NULL, NULL, crm_board_ensure_defaults_async,
                        "crm-board-defaults", cancellable, callback, user_data);
}

gboolean
crm_board_ensure_defaults_finish (CrmStore      *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
