/* crm-deal-move.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmDealMove"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-move.h"
#include "crm-store.h"
#include "crm-store-private.h"

G_DEFINE_QUARK (crm-deal-move-error-quark, crm_deal_move_error)

struct _CrmDealMove
{
  gatomicrefcount  ref_count;

  gint64           deal_id;
  gint64           from_stage;
  gint64           to_stage;
  double           to_position;
  gboolean         unchanged;        /* nothing was written: undo does nothing */

  /* the deal before the move */
  double           position;
  gint64           stage_entered;
  gint64           closed;
  gint64           lost_reason_id;
  char            *lost_note;

  /* its stage history: the row the move added (0: a reorder) and the rows it closed */
  gint64           new_history_id;
  GArray          *closed_history;   /* gint64 */
};

G_DEFINE_BOXED_TYPE (CrmDealMove, crm_deal_move, crm_deal_move_ref, crm_deal_move_unref)

CrmDealMove *
crm_deal_move_ref (CrmDealMove *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_deal_move_unref (CrmDealMove *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->lost_note);
  g_array_unref (self->closed_history);
  g_free (self);
}

gint64
crm_deal_move_get_deal_id (CrmDealMove *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->deal_id;
}

gint64
crm_deal_move_get_from_stage (CrmDealMove *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->from_stage;
}

gint64
crm_deal_move_get_to_stage (CrmDealMove *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->to_stage;
}

/* --- on the worker --- */

typedef struct
{
  gint64  deal_id;
  gint64  stage_id;
  double  position;
  gint64  lost_reason_id;
  char   *lost_note;
  CrmDealMove *undo;    /* the undo job's move (ref) */
} MoveJob;

static void
move_job_free (gpointer data)
{
  MoveJob *job = data;

  g_free (job->lost_note);
  g_clear_pointer (&job->undo, crm_deal_move_unref);
  g_free (job);
}

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NOT_FOUND,
                       _("The deal or the stage no longer exists."));
  return FALSE;
}

static gboolean
do_move (CrmStoreWorker  *worker,
         MoveJob         *job,
         CrmDealMove     *move,
         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 pipeline_id, to_pipeline, now = _crm_store_worker_now (worker);
  CrmStageKind to_kind;
  CrmDealMoveCheck check;
  int rc;

  /* The deal as it is. */
  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT stage_id, pipeline_id, position, stage_entered, closed, "
                                "coalesce (lost_reason_id, 0), lost_note FROM deal "
                                "WHERE id = ? AND deleted = 0", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->deal_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
          return FALSE;
        }
      return not_found (error);
    }
  move->from_stage = sqlite3_column_int64 (stmt, 0);
  pipeline_id = sqlite3_column_int64 (stmt, 1);
  move->position = sqlite3_column_double (stmt, 2);
  move->stage_entered = sqlite3_column_int64 (stmt, 3);
  move->closed = sqlite3_column_int64 (stmt, 4);
  move->lost_reason_id = sqlite3_column_int64 (stmt, 5);
  move->lost_note = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  sqlite3_reset (stmt);

  /* The stage it goes to. */
  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT pipeline_id, kind FROM stage WHERE id = ? AND deleted = 0",
                        error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->stage_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return rc == SQLITE_DONE ? not_found (error)
                               : (_crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL), FALSE);
    }
  to_pipeline = sqlite3_column_int64 (stmt, 0);
  to_kind = crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);

  check = crm_deal_rules_check_move (move->from_stage, pipeline_id, job->stage_id, to_pipeline,
                                     to_kind, job->lost_reason_id, job->position != move->position);
  switch (check)
    {
    case CRM_DEAL_MOVE_UNCHANGED:
      move->unchanged = TRUE;
      return TRUE;
    case CRM_DEAL_MOVE_OTHER_PIPELINE:
      g_set_error_literal (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_OTHER_PIPELINE,
                           _("A deal can only move to a stage of its own pipeline."));
      return FALSE;
    case CRM_DEAL_MOVE_NEEDS_LOST_REASON:
      g_set_error_literal (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NEEDS_LOST_REASON,
                           _("Choose why the deal was lost."));
      return FALSE;
    case CRM_DEAL_MOVE_OK:
    default:
      break;
    }

  if (job->stage_id == move->from_stage)
    {
      /* Another place in the same column. */
      if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal SET position = ?, updated = ? WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_double (stmt, 1, job->position);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, job->deal_id);
      return _crm_store_worker_step (worker, stmt, error);
    }

  /* The stay in the old stage ends... */
  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT id FROM deal_stage_history "
                                "WHERE deal_id = ? AND left_at = 0 AND deleted = 0", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->deal_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (move->closed_history, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal_stage_history SET left_at = ?1, updated = ?1 "
                                "WHERE deal_id = ?2 AND left_at = 0 AND deleted = 0", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, job->deal_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;

  /* ...one in the new stage begins... */
  move->new_history_id = _crm_store_worker_next_id (worker);
  if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO deal_stage_history (id, created, updated, deal_id, "
                                "stage_id, entered) VALUES (?1, ?2, ?2, ?3, ?4, ?2)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->new_history_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, job->deal_id);
  sqlite3_bind_int64 (stmt, 4, job->stage_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;

  /* ...and the deal follows: closed in a won or lost stage, open again
   * elsewhere; a lost reason only in a lost stage. */
  if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal SET stage_id = ?1, position = ?2, stage_entered = ?3, "
                                "closed = ?4, lost_reason_id = ?5, lost_note = ?6, updated = ?3 "
                                "WHERE id = ?7", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->stage_id);
  sqlite3_bind_double (stmt, 2, job->position);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, to_kind == CRM_STAGE_KIND_OPEN ? 0 : now);
  if (to_kind == CRM_STAGE_KIND_LOST)
    {
      sqlite3_bind_int64 (stmt, 5, job->lost_reason_id);
      sqlite3_bind_text (stmt, 6, job->lost_note != NULL ? job->lost_note : "", -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_null (stmt, 5);
      sqlite3_bind_text (stmt, 6, "", -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 7, job->deal_id);
  return _crm_store_worker_step (worker, stmt, error);
}

static void
move_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  MoveJob *job = data;
  CrmDealMove *move = g_new0 (CrmDealMove, 1);
  GError *error = NULL;

  g_atomic_ref_count_init (&move->ref_count);
  move->deal_id = job->deal_id;
  move->to_stage = job->stage_id;
  move->to_position = job->position;
  move->closed_history = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (_crm_store_worker_begin (worker, &error) && do_move (worker, job, move, &error) &&
      _crm_store_worker_commit (worker, &error))
    {
      g_task_return_pointer (task, move, (GDestroyNotify) crm_deal_move_unref);
      return;
    }
  _crm_store_worker_rollback (worker);
  crm_deal_move_unref (move);
  g_task_return_error (task, error);
}

void
crm_deal_move_async (CrmStore            *store,
                     gint64               deal_id,
                     gint64               stage_id,
                     double               position,
                     gint64               lost_reason_id,
                     const char          *lost_note,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  MoveJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = g_new0 (MoveJob, 1);
  job->deal_id = deal_id;
  job->stage_id = stage_id;
  job->position = position;
  job->lost_reason_id = lost_reason_id;
  job->lost_note = g_strdup (lost_note);
  _crm_store_run_async (store, move_job, job, move_job_free, crm_deal_move_async,
                        "crm-deal-move", cancellable, callback, user_data);
}

CrmDealMove *
crm_deal_move_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- undo --- */

static gboolean
do_undo (CrmStoreWorker  *worker,
         CrmDealMove     *move,
         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _crm_store_worker_now (worker);
  gboolean moved_since;
  int rc;

  if (move->unchanged)
    return TRUE;

  /* Only a deal still where the move put it. */
  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT stage_id, position FROM deal WHERE id = ? AND deleted = 0",
                        error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->deal_id);
  rc = sqlite3_step (stmt);
  moved_since = rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != move->to_stage ||
                sqlite3_column_double (stmt, 1) != move->to_position;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  if (moved_since)
    {
      g_set_error_literal (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_CHANGED,
                           _("The deal has moved again since; it was left where it is."));
      return FALSE;
    }

  if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal SET stage_id = ?1, position = ?2, stage_entered = ?3, "
                                "closed = ?4, lost_reason_id = ?5, lost_note = ?6, updated = ?7 "
                                "WHERE id = ?8", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->from_stage);
  sqlite3_bind_double (stmt, 2, move->position);
  sqlite3_bind_int64 (stmt, 3, move->stage_entered);
  sqlite3_bind_int64 (stmt, 4, move->closed);
  if (move->lost_reason_id != 0)
    sqlite3_bind_int64 (stmt, 5, move->lost_reason_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, move->lost_note != NULL ? move->lost_note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, move->deal_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;

  if (move->new_history_id == 0)
    return TRUE;

  /* The stay the move began never happened; the ones it ended go on. */
  if (!(stmt = _crm_store_worker_prepare (worker, "DELETE FROM deal_stage_history WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->new_history_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;
  for (guint i = 0; i < move->closed_history->len; i++)
    {
      if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE deal_stage_history SET left_at = 0, updated = ? "
                                    "WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, g_array_index (move->closed_history, gint64, i));
      if (!_crm_store_worker_step (worker, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
undo_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  MoveJob *job = data;
  GError *error = NULL;

  if (_crm_store_worker_begin (worker, &error) && do_undo (worker, job->undo, &error) &&
      _crm_store_worker_commit (worker, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

void
crm_deal_move_undo_async (CrmStore            *store,
                          CrmDealMove         *move,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  MoveJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (move != NULL);

  job = g_new0 (MoveJob, 1);
  job->undo = crm_deal_move_ref (move);
  _crm_store_run_async (store, undo_job, job, move_job_free, crm_deal_move_undo_async,
                        "crm-deal-move-undo", cancellable, callback, user_data);
}

gboolean
crm_deal_move_undo_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
