/* crm-pipeline-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPipelineEdit"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-rules.h"
#include "crm-pipeline-edit.h"
#include "crm-store.h"
#include "crm-store-private.h"

G_DEFINE_QUARK (crm-pipeline-edit-error-quark, crm_pipeline_edit_error)

typedef enum
{
  EDIT_ADD,
  EDIT_MOVE,
  EDIT_DELETE,
} EditKind;

typedef struct
{
  EditKind  kind;
  gint64    pipeline_id;
  gint64    stage_id;
  gint64    target_id;
  char     *name;
  int       probability;
  guint     rotting_days;
  guint     index;
} EditJob;

static void
edit_job_free (gpointer data)
{
  EditJob *job = data;

  g_free (job->name);
  g_free (job);
}

/* --- on the worker --- */

typedef struct
{
  gint64       id;
  CrmStageKind kind;
} StageRef;

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND,
                       _("The pipeline or the stage no longer exists."));
  return FALSE;
}

/* The pipeline and kind of stage @id; FALSE (NOT_FOUND) when there is none. */
static gboolean
read_stage (CrmStoreWorker  *worker,
            gint64           id,
            gint64          *pipeline_id,
            CrmStageKind    *kind,
            GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT pipeline_id, kind FROM stage "
                                                          "WHERE id = ? AND deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *pipeline_id = sqlite3_column_int64 (stmt, 0);
      *kind = crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return not_found (error);
}

/* The pipeline's stages in order: the open ones, then the final ones. */
static gboolean
read_stages (CrmStoreWorker  *worker,
             gint64           pipeline_id,
             GArray          *open,
             GArray          *final,
             GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT id, kind FROM stage "
                                                          "WHERE pipeline_id = ? AND deleted = 0 "
                                                          "ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pipeline_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StageRef ref = { sqlite3_column_int64 (stmt, 0),
                       crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 1)) };

      g_array_append_val (ref.kind == CRM_STAGE_KIND_OPEN ? open : final, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Positions 0, 1, 2... for the open stages, then the final ones. */
static gboolean
renumber (CrmStoreWorker  *worker,
          GArray          *open,
          GArray          *final,
          gint64           now,
          GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "UPDATE stage SET position = ?1, updated = ?2 "
                                                          "WHERE id = ?3 AND position != ?1", error);
  GArray *lists[] = { open, final };
  gint64 position = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        sqlite3_bind_int64 (stmt, 1, position++);
        sqlite3_bind_int64 (stmt, 2, now);
        sqlite3_bind_int64 (stmt, 3, g_array_index (lists[l], StageRef, i).id);
        if (!_crm_store_worker_step (worker, stmt, error))
          return FALSE;
      }
  return TRUE;
}

static gint64
do_add (CrmStoreWorker  *worker,
        EditJob         *job,
        GError         **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (StageRef));
  g_autoptr(GArray) final = g_array_new (FALSE, FALSE, sizeof (StageRef));
  gint64 now = _crm_store_worker_now (worker);
  g_autofree char *name = g_strstrip (g_strdup (job->name != NULL ? job->name : ""));
  StageRef ref = { 0, CRM_STAGE_KIND_OPEN };
  sqlite3_stmt *stmt;

  if (name[0] == '\0' || job->probability < 0 || job->probability > 100)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID,
                           name[0] == '\0' ? _("A stage needs a name.")
                                           : _("A probability is between 0 and 100 %."));
      return 0;
    }
  if (!read_stages (worker, job->pipeline_id, open, final, error))
    return 0;
  if (open->len == 0 && final->len == 0)
    {
      /* No stage at all: is there such a pipeline? */
      stmt = _crm_store_worker_prepare (worker, "SELECT 1 FROM pipeline WHERE id = ? AND deleted = 0",
                                        error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, job->pipeline_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          not_found (error);
          return 0;
        }
      sqlite3_reset (stmt);
    }

  ref.id = _crm_store_worker_next_id (worker);
  stmt = _crm_store_worker_prepare (worker, "INSERT INTO stage (id, created, updated, pipeline_id, "
                                            "name, position, probability, rotting_days, kind) "
                                            "VALUES (?1, ?2, ?2, ?3, ?4, 0, ?5, ?6, 'open')", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ref.id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, job->pipeline_id);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, job->probability);
  sqlite3_bind_int64 (stmt, 6, job->rotting_days);
  if (!_crm_store_worker_step (worker, stmt, error))
    return 0;

  g_array_insert_val (open, MIN (job->index, open->len), ref);
  if (!renumber (worker, open, final, now, error))
    return 0;
  return ref.id;
}

static gboolean
do_move (CrmStoreWorker  *worker,
         EditJob         *job,
         GError         **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (StageRef));
  g_autoptr(GArray) final = g_array_new (FALSE, FALSE, sizeof (StageRef));
  gint64 pipeline_id;
  CrmStageKind kind;
  StageRef ref = { job->stage_id, CRM_STAGE_KIND_OPEN };

  if (!read_stage (worker, job->stage_id, &pipeline_id, &kind, error))
    return FALSE;
  if (kind != CRM_STAGE_KIND_OPEN)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE,
                           _("Won and lost stages always come last."));
      return FALSE;
    }
  if (!read_stages (worker, pipeline_id, open, final, error))
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    if (g_array_index (open, StageRef, i).id == job->stage_id)
      {
        ref = g_array_index (open, StageRef, i);
        g_array_remove_index (open, i);
        break;
      }
  g_array_insert_val (open, MIN (job->index, open->len), ref);
  return renumber (worker, open, final, _crm_store_worker_now (worker), error);
}

static gint64
do_delete (CrmStoreWorker  *worker,
           EditJob         *job,
           GError         **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (StageRef));
  g_autoptr(GArray) final = g_array_new (FALSE, FALSE, sizeof (StageRef));
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 pipeline_id, target_pipeline, now = _crm_store_worker_now (worker);
  CrmStageKind kind, target_kind;
  double last = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!read_stage (worker, job->stage_id, &pipeline_id, &kind, error))
    return -1;
  if (kind != CRM_STAGE_KIND_OPEN)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE,
                           _("The won and lost stages cannot be deleted."));
      return -1;
    }
  if (!read_stages (worker, pipeline_id, open, final, error))
    return -1;
  if (open->len <= 1)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_LAST_OPEN_STAGE,
                           _("A pipeline needs at least one open stage."));
      return -1;
    }
  if (!read_stage (worker, job->target_id, &target_pipeline, &target_kind, error))
    return -1;
  if (job->target_id == job->stage_id || target_pipeline != pipeline_id ||
      target_kind == CRM_STAGE_KIND_LOST)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_BAD_TARGET,
                           _("The deals can only move to another open or won stage of the same "
                             "pipeline (a lost deal needs its own reason)."));
      return -1;
    }

  /* After the deals already in the target, in their order. */
  stmt = _crm_store_worker_prepare (worker, "SELECT coalesce (max (position), 0) FROM deal "
                                            "WHERE stage_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, job->target_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  /* Every deal in the stage, trashed ones too: none may point at a stage
   * that is gone. */
  stmt = _crm_store_worker_prepare (worker, "SELECT id FROM deal WHERE stage_id = ? "
                                            "ORDER BY deleted, position, id", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, job->stage_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (deals, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return -1;
    }

  for (guint i = 0; i < deals->len; i++)
    {
      gint64 deal = g_array_index (deals, gint64, i);

      if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal_stage_history SET left_at = ?1, "
                                                      "updated = ?1 WHERE deal_id = ?2 AND left_at = 0 "
                                                      "AND deleted = 0", error)))
        return -1;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, deal);
      if (!_crm_store_worker_step (worker, stmt, error))
        return -1;

      if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO deal_stage_history (id, created, "
                                                      "updated, deal_id, stage_id, entered) "
                                                      "VALUES (?1, ?2, ?2, ?3, ?4, ?2)", error)))
        return -1;
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, deal);
      sqlite3_bind_int64 (stmt, 4, job->target_id);
      if (!_crm_store_worker_step (worker, stmt, error))
        return -1;

      if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal SET stage_id = ?1, position = ?2, "
                                                      "stage_entered = ?3, closed = ?4, updated = ?3 "
                                                      "WHERE id = ?5", error)))
        return -1;
      sqlite3_bind_int64 (stmt, 1, job->target_id);
      sqlite3_bind_double (stmt, 2, crm_deal_rules_position (TRUE, last, FALSE, 0));
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, target_kind == CRM_STAGE_KIND_WON ? now : 0);
      sqlite3_bind_int64 (stmt, 5, deal);
      if (!_crm_store_worker_step (worker, stmt, error))
        return -1;
      last = crm_deal_rules_position (TRUE, last, FALSE, 0);
    }

  if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE stage SET deleted = 1, updated = ? "
                                                  "WHERE id = ?", error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, job->stage_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return -1;

  for (guint i = 0; i < open->len; i++)
    if (g_array_index (open, StageRef, i).id == job->stage_id)
      {
        g_array_remove_index (open, i);
        break;
      }
  if (!renumber (worker, open, final, now, error))
    return -1;
  return deals->len;
}

static void
edit_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  EditJob *job = data;
  GError *error = NULL;
  gint64 value = 0;
  gboolean ok;

  ok = _crm_store_worker_begin (worker, &error);
  if (ok)
    {
      switch (job->kind)
        {
        case EDIT_ADD:
          ok = (value = do_add (worker, job, &error)) != 0;
          break;
        case EDIT_MOVE:
          ok = do_move (worker, job, &error);
          break;
        case EDIT_DELETE:
        default:
          ok = (value = do_delete (worker, job, &error)) >= 0;
          break;
        }
    }
  if (ok && _crm_store_worker_commit (worker, &error))
    {
      g_task_return_pointer (task, g_memdup2 (&value, sizeof value), g_free);
      return;
    }
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

static void
run (CrmStore            *store,
     EditJob             *job,
     gpointer             source_tag,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  _crm_store_run_async (store, edit_job, job, edit_job_free, source_tag, "crm-pipeline-edit",
                        cancellable, callback, user_data);
}

static gboolean
finish (CrmStore      *store,
        GAsyncResult  *result,
        gint64        *value,
        GError       **error)
{
  g_autofree gint64 *out = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  out = g_task_propagate_pointer (G_TASK (result), error);
  if (out == NULL)
    return FALSE;
  if (value != NULL)
    *value = *out;
  return TRUE;
}

void
crm_pipeline_add_stage_async (CrmStore            *store,
                              gint64               pipeline_id,
                              const char          *name,
                              int                  probability,
                              guint                rotting_days,
                              guint                index,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = g_new0 (EditJob, 1);
  job->kind = EDIT_ADD;
  job->pipeline_id = pipeline_id;
  job->name = g_strdup (name);
  job->probability = probability;
  job->rotting_days = rotting_days;
  job->index = index;
  run (store, job, crm_pipeline_add_stage_async, cancellable, callback, user_data);
}

gint64
crm_pipeline_add_stage_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  gint64 id = 0;

  return finish (store, result, &id, error) ? id : 0;
}

void
crm_pipeline_move_stage_async (CrmStore            *store,
                               gint64               stage_id,
                               guint                index,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = g_new0 (EditJob, 1);
  job->kind = EDIT_MOVE;
  job->stage_id = stage_id;
  job->index = index;
  run (store, job, crm_pipeline_move_stage_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_move_stage_finish (CrmStore      *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish (store, result, NULL, error);
}

void
crm_pipeline_delete_stage_async (CrmStore            *store,
                                 gint64               stage_id,
                                 gint64               target_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = g_new0 (EditJob, 1);
  job->kind = EDIT_DELETE;
  job->stage_id = stage_id;
  job->target_id = target_id;
  run (store, job, crm_pipeline_delete_stage_async, cancellable, callback, user_data);
}

gint64
crm_pipeline_delete_stage_finish (CrmStore      *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gint64 n = -1;

  return finish (store, result, &n, error) ? n : -1;
}
