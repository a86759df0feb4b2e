/* crm-pipeline-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPipelineEdit"

#include "config.h"

#include <string.h>

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
  EDIT_UPDATE_STAGE,
  EDIT_RESTORE_STAGE,
  EDIT_ADD_PIPELINE,
  EDIT_UPDATE_PIPELINE,
  EDIT_DELETE_PIPELINE,
  EDIT_ADD_REASON,
  EDIT_UPDATE_REASON,
  EDIT_MOVE_REASON,
  EDIT_DELETE_REASON,
  EDIT_RESTORE_REASON,
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
  /* updates: -1 keeps the stage's value */
  int       set_probability;
  int       set_rotting_days;
  /* pipelines: the pipeline's kind key and currency, and the names of the
   * first open stage and of the won and lost stages */
  char     *pipeline_kind;
  char     *currency;
  char     *stage_names[3];
} EditJob;

static void
edit_job_free (gpointer data)
{
  EditJob *job = data;

  g_free (job->name);
  g_free (job->pipeline_kind);
  g_free (job->currency);
  for (guint i = 0; i < G_N_ELEMENTS (job->stage_names); i++)
    g_free (job->stage_names[i]);
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

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID, message);
  return FALSE;
}

/* @name stripped into @out; INVALID with @message when nothing is left. */
static gboolean
check_name (const char  *name,
            char       **out,
            const char  *message,
            GError     **error)
{
  *out = g_strstrip (g_strdup (name != NULL ? name : ""));
  if ((*out)[0] != '\0')
    return TRUE;
  g_clear_pointer (out, g_free);
  return invalid (error, message);
}

static gboolean
check_probability (int      probability,
                   GError **error)
{
  if (probability >= 0 && probability <= 100)
    return TRUE;
  return invalid (error, _("A probability is between 0 and 100 %."));
}

static gboolean
check_rotting_days (int      days,
                    GError **error)
{
  g_autofree char *message = NULL;

  if (days >= 0 && days <= CRM_PIPELINE_MAX_ROTTING_DAYS)
    return TRUE;
  message = g_strdup_printf (_("A rotting threshold is between 0 (never) and %d days."),
                             CRM_PIPELINE_MAX_ROTTING_DAYS);
  return invalid (error, message);
}

/* "b2b" or "b2c"; a three-letter currency code, upper-cased into @out. */
static gboolean
check_pipeline (const char  *kind,
                const char  *currency,
                char       **out,
                GError     **error)
{
  if (kind != NULL && !g_str_equal (kind, "b2b") && !g_str_equal (kind, "b2c"))
    return invalid (error, _("A pipeline is either for businesses (B2B) or for consumers (B2C)."));
  if (currency == NULL)
    return TRUE;
  *out = g_ascii_strup (currency, -1);
  g_strstrip (*out);
  if (strlen (*out) == 3 && g_ascii_isalpha ((*out)[0]) && g_ascii_isalpha ((*out)[1]) &&
      g_ascii_isalpha ((*out)[2]))
    return TRUE;
  g_clear_pointer (out, g_free);
  return invalid (error, _("A currency is a three-letter code such as USD, EUR or CNY."));
}

/* The first int64 column of @stmt's rows (@id bound to ?1 when not 0) into
 * @ids; resets @stmt. */
static gboolean
read_ids (CrmStoreWorker  *worker,
          sqlite3_stmt    *stmt,
          gint64           id,
          GArray          *ids,
          GError         **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return FALSE;
}

/* One integer of a one-row query (@id bound to ?1); FALSE on failure. */
static gboolean
read_int (CrmStoreWorker  *worker,
          const char      *sql,
          gint64           id,
          gint64          *value,
          GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!read_ids (worker, _crm_store_worker_prepare (worker, sql, error), id, ids, error))
    return FALSE;
  *value = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
  return TRUE;
}

static gint64
not_found_id (GError **error)
{
  not_found (error);
  return -1;
}

/* --- stages --- */

static gint64
do_update_stage (CrmStoreWorker  *worker,
                 EditJob         *job,
                 GError         **error)
{
  g_autofree char *name = NULL;
  gint64 pipeline_id, now = _crm_store_worker_now (worker);
  CrmStageKind kind;
  sqlite3_stmt *stmt;

  if (job->name != NULL && !check_name (job->name, &name, _("A stage needs a name."), error))
    return -1;
  if (job->set_probability != -1 && !check_probability (job->set_probability, error))
    return -1;
  if (job->set_rotting_days != -1 && !check_rotting_days (job->set_rotting_days, error))
    return -1;
  if (!read_stage (worker, job->stage_id, &pipeline_id, &kind, error))
    return -1;
  if (kind != CRM_STAGE_KIND_OPEN && (job->set_probability != -1 || job->set_rotting_days != -1))
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE,
                           _("A won stage always counts 100 % and a lost one 0 %, and neither "
                             "rots."));
      return -1;
    }

  stmt = _crm_store_worker_prepare (worker, "UPDATE stage SET name = coalesce (?1, name), "
                                            "probability = coalesce (?2, probability), "
                                            "rotting_days = coalesce (?3, rotting_days), "
                                            "updated = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return -1;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (job->set_probability != -1)
    sqlite3_bind_int (stmt, 2, job->set_probability);
  if (job->set_rotting_days != -1)
    sqlite3_bind_int (stmt, 3, job->set_rotting_days);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, job->stage_id);
  return _crm_store_worker_step (worker, stmt, error) ? 0 : -1;
}

static gint64
do_restore_stage (CrmStoreWorker  *worker,
                  EditJob         *job,
                  GError         **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (StageRef));
  g_autoptr(GArray) final = g_array_new (FALSE, FALSE, sizeof (StageRef));
  StageRef ref = { job->stage_id, CRM_STAGE_KIND_OPEN };
  gint64 pipeline_id = 0, now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;

  /* A trashed open stage of a live pipeline. */
  if (!read_int (worker, "SELECT s.pipeline_id FROM stage s JOIN pipeline p ON p.id = s.pipeline_id "
                         "WHERE s.id = ?1 AND s.deleted = 1 AND s.kind = 'open' AND p.deleted = 0",
                 job->stage_id, &pipeline_id, error))
    return -1;
  if (pipeline_id == 0)
    return not_found_id (error);
  if (!read_stages (worker, pipeline_id, open, final, error))
    return -1;
  stmt = _crm_store_worker_prepare (worker, "UPDATE stage SET deleted = 0, updated = ?1 WHERE id = ?2",
                                    error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, job->stage_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return -1;
  g_array_insert_val (open, MIN (job->index, open->len), ref);
  return renumber (worker, open, final, now, error) ? 0 : -1;
}

/* --- pipelines --- */

static gboolean
insert_stage (CrmStoreWorker  *worker,
              gint64           pipeline_id,
              const char      *name,
              gint64           position,
              int              probability,
              const char      *kind,
              gint64           now,
              GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "INSERT INTO stage (id, created, updated, "
                                                          "pipeline_id, name, position, probability, "
                                                          "rotting_days, kind) "
                                                          "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, pipeline_id);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, position);
  sqlite3_bind_int (stmt, 6, probability);
  sqlite3_bind_text (stmt, 7, kind, -1, SQLITE_STATIC);
  return _crm_store_worker_step (worker, stmt, error);
}

static gint64
do_add_pipeline (CrmStoreWorker  *worker,
                 EditJob         *job,
                 GError         **error)
{
  static const char *kinds[] = { "open", "won", "lost" };
  static const int probabilities[] = { CRM_PIPELINE_NEW_STAGE_PROBABILITY, 100, 0 };
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  char *stage_names[3] = { NULL, NULL, NULL };
  gint64 id, position = 0, now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (!check_name (job->name, &name, _("A pipeline needs a name."), error) ||
      !check_pipeline (job->pipeline_kind != NULL ? job->pipeline_kind : "", job->currency != NULL
                       ? job->currency : "", &currency, error))
    return 0;
  for (guint i = 0; i < 3 && ok; i++)
    ok = check_name (job->stage_names[i], &stage_names[i], _("A stage needs a name."), error);
  if (ok)
    ok = read_int (worker, "SELECT coalesce (max (position) + 1, 0) FROM pipeline WHERE deleted = 0",
                   0, &position, error);

  id = _crm_store_worker_next_id (worker);
  if (ok && (stmt = _crm_store_worker_prepare (worker, "INSERT INTO pipeline (id, created, updated, "
                                                       "name, kind, position, currency) "
                                                       "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", error)))
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, job->pipeline_kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, position);
      sqlite3_bind_text (stmt, 6, currency, -1, SQLITE_TRANSIENT);
      ok = _crm_store_worker_step (worker, stmt, error);
    }
  else
    ok = FALSE;
  for (guint i = 0; i < 3 && ok; i++)
    ok = insert_stage (worker, id, stage_names[i], i, probabilities[i], kinds[i], now, error);
  for (guint i = 0; i < 3; i++)
    g_free (stage_names[i]);
  return ok ? id : 0;
}

static gint64
do_update_pipeline (CrmStoreWorker  *worker,
                    EditJob         *job,
                    GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  gint64 live = 0;
  sqlite3_stmt *stmt;

  if (job->name != NULL && !check_name (job->name, &name, _("A pipeline needs a name."), error))
    return -1;
  if (!check_pipeline (job->pipeline_kind, job->currency, &currency, error))
    return -1;
  if (!read_int (worker, "SELECT count (*) FROM pipeline WHERE id = ?1 AND deleted = 0",
                 job->pipeline_id, &live, error))
    return -1;
  if (live == 0)
    return not_found_id (error);

  stmt = _crm_store_worker_prepare (worker, "UPDATE pipeline SET name = coalesce (?1, name), "
                                            "kind = coalesce (?2, kind), "
                                            "currency = coalesce (?3, currency), "
                                            "updated = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    return -1;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (job->pipeline_kind != NULL)
    sqlite3_bind_text (stmt, 2, job->pipeline_kind, -1, SQLITE_TRANSIENT);
  if (currency != NULL)
    sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 5, job->pipeline_id);
  return _crm_store_worker_step (worker, stmt, error) ? 0 : -1;
}

static gint64
do_delete_pipeline (CrmStoreWorker  *worker,
                    EditJob         *job,
                    GError         **error)
{
  gint64 live = 0, pipelines = 0, deals = 0, now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;

  if (!read_int (worker, "SELECT count (*) FROM pipeline WHERE id = ?1 AND deleted = 0",
                 job->pipeline_id, &live, error) ||
      !read_int (worker, "SELECT count (*) FROM pipeline WHERE deleted = 0", 0, &pipelines, error) ||
      /* Trashed deals too: one restored from the trash needs its pipeline. */
      !read_int (worker, "SELECT count (*) FROM deal WHERE pipeline_id = ?1", job->pipeline_id,
                 &deals, error))
    return -1;
  if (live == 0)
    return not_found_id (error);
  if (pipelines <= 1)
    {
      g_set_error_literal (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_LAST_PIPELINE,
                           _("The only pipeline cannot be deleted."));
      return -1;
    }
  if (deals > 0)
    {
      g_set_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_HAS_DEALS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pipeline still has %d deal (counting the trash): move it to "
                                "another pipeline or delete it for good first.",
                                "The pipeline still has %d deals (counting the trash): move them to "
                                "another pipeline or delete them for good first.", deals),
                   (int) deals);
      return -1;
    }

  stmt = _crm_store_worker_prepare (worker, "UPDATE stage SET deleted = 1, updated = ?1 "
                                            "WHERE pipeline_id = ?2 AND deleted = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, job->pipeline_id);
  if (!_crm_store_worker_step (worker, stmt, error))
    return -1;
  stmt = _crm_store_worker_prepare (worker, "UPDATE pipeline SET deleted = 1, updated = ?1 "
                                            "WHERE id = ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, job->pipeline_id);
  return _crm_store_worker_step (worker, stmt, error) ? 0 : -1;
}

/* --- lost reasons --- */

/* Positions 0, 1, 2... for @ids, the live reasons in their new order. */
static gboolean
renumber_reasons (CrmStoreWorker  *worker,
                  GArray          *ids,
                  gint64           now,
                  GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "UPDATE lost_reason SET position = ?1, "
                                                          "updated = ?2 "
                                                          "WHERE id = ?3 AND position != ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      if (!_crm_store_worker_step (worker, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_reasons (CrmStoreWorker  *worker,
              GArray          *ids,
              GError         **error)
{
  return read_ids (worker, _crm_store_worker_prepare (worker, "SELECT id FROM lost_reason "
                                                              "WHERE deleted = 0 "
                                                              "ORDER BY position, id", error),
                   0, ids, error);
}

/* Where @id is in @ids, or -1. */
static int
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return -1;
}

static gint64
do_reason (CrmStoreWorker  *worker,
           EditJob         *job,
           GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *name = NULL;
  gint64 id = job->stage_id, now = _crm_store_worker_now (worker), trashed = 0;
  sqlite3_stmt *stmt;
  int at;

  if ((job->kind == EDIT_ADD_REASON || job->kind == EDIT_UPDATE_REASON) &&
      !check_name (job->name, &name, _("A lost reason needs a name."), error))
    return -1;
  if (!read_reasons (worker, ids, error))
    return -1;
  at = find_id (ids, id);
  if (job->kind == EDIT_RESTORE_REASON)
    {
      if (!read_int (worker, "SELECT count (*) FROM lost_reason WHERE id = ?1 AND deleted = 1", id,
                     &trashed, error))
        return -1;
      if (trashed == 0)
        return not_found_id (error);
    }
  else if (job->kind != EDIT_ADD_REASON && at < 0)
    return not_found_id (error);

  switch ((int) job->kind)
    {
    case EDIT_ADD_REASON:
      id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker, "INSERT INTO lost_reason (id, created, updated, name, "
                                                "position) VALUES (?1, ?2, ?2, ?3, 0)", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      g_array_insert_val (ids, MIN (job->index, ids->len), id);
      break;
    case EDIT_UPDATE_REASON:
      stmt = _crm_store_worker_prepare (worker, "UPDATE lost_reason SET name = ?1, updated = ?2 "
                                                "WHERE id = ?3", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, id);
      break;
    case EDIT_MOVE_REASON:
      g_array_remove_index (ids, at);
      g_array_insert_val (ids, MIN (job->index, ids->len), id);
      stmt = NULL;
      break;
    case EDIT_DELETE_REASON:
    case EDIT_RESTORE_REASON:
    default:
      /* Deals lost for a trashed reason keep it: their history stays true. */
      stmt = _crm_store_worker_prepare (worker, "UPDATE lost_reason SET deleted = ?1, updated = ?2 "
                                                "WHERE id = ?3", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int (stmt, 1, job->kind == EDIT_DELETE_REASON);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, id);
      if (job->kind == EDIT_DELETE_REASON)
        g_array_remove_index (ids, at);
      else
        g_array_insert_val (ids, MIN (job->index, ids->len), id);
      break;
    }
  if (stmt != NULL && !_crm_store_worker_step (worker, stmt, error))
    return -1;
  if (!renumber_reasons (worker, ids, now, error))
    return -1;
  return job->kind == EDIT_ADD_REASON ? id : 0;
}

/* The jobs added after the first three; -1 with @error set on failure
 * (adding a pipeline fails with 0). */
static gint64
do_more (CrmStoreWorker  *worker,
         EditJob         *job,
         GError         **error)
{
  gint64 id;

  switch ((int) job->kind)
    {
    case EDIT_UPDATE_STAGE:
      return do_update_stage (worker, job, error);
    case EDIT_RESTORE_STAGE:
      return do_restore_stage (worker, job, error);
    case EDIT_ADD_PIPELINE:
      id = do_add_pipeline (worker, job, error);
      return id != 0 ? id : -1;
    case EDIT_UPDATE_PIPELINE:
      return do_update_pipeline (worker, job, error);
    case EDIT_DELETE_PIPELINE:
      return do_delete_pipeline (worker, job, error);
    default:
      return do_reason (worker, job, error);
    }
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
          ok = (value = do_delete (worker, job, &error)) >= 0;
          break;
        default:
          ok = (value = do_more (worker, job, &error)) >= 0;
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

static EditJob *
edit_job_new (EditKind kind)
{
  EditJob *job = g_new0 (EditJob, 1);

  job->kind = kind;
  job->set_probability = -1;
  job->set_rotting_days = -1;
  return job;
}

void
crm_pipeline_update_stage_async (CrmStore            *store,
                                 gint64               stage_id,
                                 const char          *name,
                                 int                  probability,
                                 int                  rotting_days,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = edit_job_new (EDIT_UPDATE_STAGE);
  job->stage_id = stage_id;
  job->name = g_strdup (name);
  /* -1 keeps; any other value out of range is refused on the worker */
  job->set_probability = probability < 0 && probability != -1 ? -2 : probability;
  job->set_rotting_days = rotting_days < 0 && rotting_days != -1 ? -2 : rotting_days;
  run (store, job, crm_pipeline_update_stage_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_update_stage_finish (CrmStore      *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish (store, result, NULL, error);
}

void
crm_pipeline_restore_stage_async (CrmStore            *store,
                                  gint64               stage_id,
                                  guint                index,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = edit_job_new (EDIT_RESTORE_STAGE);
  job->stage_id = stage_id;
  job->index = index;
  run (store, job, crm_pipeline_restore_stage_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_restore_stage_finish (CrmStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish (store, result, NULL, error);
}

void
crm_pipeline_add_pipeline_async (CrmStore            *store,
                                 const char          *name,
                                 const char          *kind,
                                 const char          *currency,
                                 const char          *open_stage,
                                 const char          *won_stage,
                                 const char          *lost_stage,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = edit_job_new (EDIT_ADD_PIPELINE);
  job->name = g_strdup (name);
  job->pipeline_kind = g_strdup (kind);
  job->currency = g_strdup (currency);
  job->stage_names[0] = g_strdup (open_stage);
  job->stage_names[1] = g_strdup (won_stage);
  job->stage_names[2] = g_strdup (lost_stage);
  run (store, job, crm_pipeline_add_pipeline_async, cancellable, callback, user_data);
}

gint64
crm_pipeline_add_pipeline_finish (CrmStore      *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gint64 id = 0;

  return finish (store, result, &id, error) ? id : 0;
}

void
crm_pipeline_update_pipeline_async (CrmStore            *store,
                                    gint64               pipeline_id,
                                    const char          *name,
                                    const char          *kind,
                                    const char          *currency,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = edit_job_new (EDIT_UPDATE_PIPELINE);
  job->pipeline_id = pipeline_id;
  job->name = g_strdup (name);
  job->pipeline_kind = g_strdup (kind);
  job->currency = g_strdup (currency);
  run (store, job, crm_pipeline_update_pipeline_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_update_pipeline_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish (store, result, NULL, error);
}

void
crm_pipeline_delete_pipeline_async (CrmStore            *store,
                                    gint64               pipeline_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  EditJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = edit_job_new (EDIT_DELETE_PIPELINE);
  job->pipeline_id = pipeline_id;
  run (store, job, crm_pipeline_delete_pipeline_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_delete_pipeline_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish (store, result, NULL, error);
}

static void
run_reason (CrmStore            *store,
            EditKind             kind,
            gint64               reason_id,
            const char          *name,
            guint                index,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  EditJob *job = edit_job_new (kind);

  /* the reason's id goes where the stage's would */
  job->stage_id = reason_id;
  job->name = g_strdup (name);
  job->index = index;
  run (store, job, source_tag, cancellable, callback, user_data);
}

void
crm_pipeline_add_lost_reason_async (CrmStore            *store,
                                    const char          *name,
                                    guint                index,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run_reason (store, EDIT_ADD_REASON, 0, name, index, crm_pipeline_add_lost_reason_async,
              cancellable, callback, user_data);
}

gint64
crm_pipeline_add_lost_reason_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  gint64 id = 0;

  return finish (store, result, &id, error) ? id : 0;
}

void
crm_pipeline_rename_lost_reason_async (CrmStore            *store,
                                       gint64               reason_id,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run_reason (store, EDIT_UPDATE_REASON, reason_id, name, 0, crm_pipeline_rename_lost_reason_async,
              cancellable, callback, user_data);
}

void
crm_pipeline_move_lost_reason_async (CrmStore            *store,
                                     gint64               reason_id,
                                     guint                index,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run_reason (store, EDIT_MOVE_REASON, reason_id, NULL, index, crm_pipeline_move_lost_reason_async,
              cancellable, callback, user_data);
}

void
crm_pipeline_delete_lost_reason_async (CrmStore            *store,
                                       gint64               reason_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run_reason (store, EDIT_DELETE_REASON, reason_id, NULL, 0, crm_pipeline_delete_lost_reason_async,
              cancellable, callback, user_data);
}

void
crm_pipeline_restore_lost_reason_async (CrmStore            *store,
                                        gint64               reason_id,
                                        guint                index,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  run_reason (store, EDIT_RESTORE_REASON, reason_id, NULL, index,
              crm_pipeline_restore_lost_reason_async, cancellable, callback, user_data);
}

gboolean
crm_pipeline_lost_reason_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish (store, result, NULL, error);
}
