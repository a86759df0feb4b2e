/* crm-board-load.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board's reads, on the store's worker: the pipelines, a pipeline's
 * stages, and each stage's cards in their saved order with the customer's
 * and the owner's names, the next scheduled activity and the last real one
 * (for rotting). Every read is an index search: deals by (stage_id, deleted,
 * position), activities by (subject_kind, subject_id, occurred).
 */

#define G_LOG_DOMAIN "CrmBoard"

#include "config.h"

#include <sqlite3.h>

#include "crm-board-private.h"
#include "crm-query-private.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define DEFAULT_CLOSED_DAYS 30

/* The columns every card read selects, in the order read_card() reads them. */
#define CARD_SELECT \
  "SELECT d.id, d.stage_id, d.name, coalesce (d.organization_id, 0), coalesce (d.person_id, 0), " \
  "       coalesce (o.name, p.display_name, ''), d.amount, d.currency, d.probability, " \
  "       d.expected_close, coalesce (d.owner_id, 0), coalesce (u.name, ''), d.stage_entered, " \
  "       max (d.last_activity, coalesce ((SELECT max (a.occurred) FROM activity a " \
  "                 WHERE a.subject_kind = 'deal' AND a.subject_id = d.id " \
  "                   AND a.occurred BETWEEN 1 AND ?1 AND a.deleted = 0), 0)), " \
  "       d.position, d.closed, coalesce (na.kind, ''), coalesce (na.summary, ''), " \
  "       coalesce (na.due, 0), s.kind, s.probability, s.rotting_days " \
  "  FROM deal d " \
  "  JOIN stage s ON s.id = d.stage_id " \
  "  LEFT JOIN organization o ON o.id = d.organization_id AND o.deleted = 0 " \
  "  LEFT JOIN person p ON p.id = d.person_id AND p.deleted = 0 " \
  "  LEFT JOIN staff_user u ON u.id = d.owner_id " \
  "  LEFT JOIN activity na ON na.id = (SELECT a.id FROM activity a " \
  "                 WHERE a.subject_kind = 'deal' AND a.subject_id = d.id AND a.done = 0 " \
  "                   AND a.due > 0 AND a.deleted = 0 ORDER BY a.due LIMIT 1) "

void
_crm_board_load_free (CrmBoardLoad *load)
{
  if (load == NULL)
    return;
  g_clear_pointer (&load->pipelines, g_ptr_array_unref);
  if (load->stages != NULL)
    {
      for (guint i = 0; i < load->stages->len; i++)
        g_free (g_array_index (load->stages, CrmBoardStage, i).name);
      g_array_unref (load->stages);
    }
  g_clear_pointer (&load->columns, g_ptr_array_unref);
  g_clear_pointer (&load->asked, g_array_unref);
  g_clear_pointer (&load->refreshed, g_ptr_array_unref);
  g_free (load);
}

void
_crm_board_load_job_free (gpointer data)
{
  CrmBoardLoadJob *job = data;

  crm_board_filter_clear (&job->filter);
  g_clear_object (&job->segment);
  g_clear_pointer (&job->deal_ids, g_array_unref);
  g_clear_pointer (&job->activity_ids, g_array_unref);
  g_free (job);
}

static gboolean
read_pipelines (CrmStoreWorker  *worker,
                CrmBoardLoad    *load,
                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT id, name, kind, currency FROM pipeline "
                                                  "WHERE deleted = 0 ORDER BY position, id", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (load->pipelines,
                     _crm_board_pipeline_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2),
                                              (const char *) sqlite3_column_text (stmt, 3)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_stages (CrmStoreWorker  *worker,
             CrmBoardLoad    *load,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT id, name, kind, probability, rotting_days FROM stage "
                                                  "WHERE pipeline_id = ? AND deleted = 0 "
                                                  "ORDER BY position, id", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, load->pipeline_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmBoardStage stage = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 2)),
        CLAMP (sqlite3_column_int (stmt, 3), 0, 100),
        (guint) MAX (sqlite3_column_int (stmt, 4), 0),
      };

      g_array_append_val (load->stages, stage);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static CrmBoardCard *
read_card (sqlite3_stmt *stmt,
           gint64        now)
{
  CrmBoardCard *card = g_object_new (CRM_TYPE_BOARD_CARD, NULL);
  CrmRotting rotting;

  card->deal_id = sqlite3_column_int64 (stmt, 0);
  card->stage_id = sqlite3_column_int64 (stmt, 1);
  card->name = dup_column_text (stmt, 2);
  card->organization_id = sqlite3_column_int64 (stmt, 3);
  card->person_id = sqlite3_column_int64 (stmt, 4);
  card->customer = dup_column_text (stmt, 5);
  card->amount = sqlite3_column_int64 (stmt, 6);
  card->currency = dup_column_text (stmt, 7);
  card->deal_probability = sqlite3_column_int (stmt, 8);
  card->expected_close = dup_column_text (stmt, 9);
  card->owner_id = sqlite3_column_int64 (stmt, 10);
  card->owner_name = dup_column_text (stmt, 11);
  card->position = sqlite3_column_double (stmt, 14);
  card->closed = sqlite3_column_int64 (stmt, 15);
  card->next_kind = dup_column_text (stmt, 16);
  card->next_summary = dup_column_text (stmt, 17);
  card->next_due = sqlite3_column_int64 (stmt, 18);
  card->probability = crm_deal_rules_probability (card->deal_probability, sqlite3_column_int (stmt, 20));

  rotting.stage_entered = sqlite3_column_int64 (stmt, 12);
  rotting.last_activity = sqlite3_column_int64 (stmt, 13);
  rotting.next_activity = card->next_due;
  rotting.rotting_days = (guint) MAX (sqlite3_column_int (stmt, 21), 0);
  rotting.stage_kind = crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 19));
  card->rotting_days = crm_deal_rules_rotting_days (&rotting, now);

  return card;
}

/* The conditions of the filter that SQL checks; the text and the segment
 * are checked on the read rows. Parameters from ?3 on. */
static void
append_filter_sql (GString               *sql,
                   const CrmBoardLoadJob *job)
{
  const CrmBoardFilter *filter = &job->filter;

  if (filter->owner_id != 0)
    g_string_append (sql, " AND d.owner_id = ?3");
  if (filter->customer == CRM_BOARD_CUSTOMER_B2B)
    g_string_append (sql, " AND d.organization_id IS NOT NULL");
  else if (filter->customer == CRM_BOARD_CUSTOMER_B2C)
    g_string_append (sql, " AND d.organization_id IS NULL AND d.person_id IS NOT NULL");
  /* Open deals by their expected close; won and lost ones by their close. */
  g_string_append (sql, " AND (CASE WHEN s.kind = 'open' THEN d.closed = 0");
  if (filter->close_from != NULL)
    g_string_append (sql, " AND d.expected_close != '' AND d.expected_close >= ?4");
  if (filter->close_to != NULL)
    g_string_append (sql, " AND d.expected_close != '' AND d.expected_close <= ?5");
  g_string_append (sql, " ELSE d.closed BETWEEN ?6 AND ?7 END)");
}

static void
bind_filter (sqlite3_stmt          *stmt,
             const CrmBoardLoadJob *job)
{
  sqlite3_bind_int64 (stmt, 1, job->now);
  if (job->filter.owner_id != 0)
    sqlite3_bind_int64 (stmt, 3, job->filter.owner_id);
  if (job->filter.close_from != NULL)
    sqlite3_bind_text (stmt, 4, job->filter.close_from, -1, SQLITE_STATIC);
  if (job->filter.close_to != NULL)
    sqlite3_bind_text (stmt, 5, job->filter.close_to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, job->closed_from);
  sqlite3_bind_int64 (stmt, 7, job->closed_to);
}

/* The customers of the segment, when the filter has one. */
static GHashTable *
read_segment (CrmStoreWorker   *worker,
              CrmBoardLoadJob  *job,
              GError          **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GHashTable) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (job->segment == NULL)
    return NULL;
  sql = _crm_query_build_sql (job->segment, CRM_QUERY_SQL_IDS);
  if (!(stmt = _crm_store_worker_prepare (worker, sql, error)))
    return NULL;
  if ((rc = _crm_query_bind (job->segment, stmt)) != SQLITE_OK)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      sqlite3_reset (stmt);
      return NULL;
    }
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
card_passes (CrmBoardCard          *card,
             const CrmBoardLoadJob *job,
             GHashTable            *segment,
             const char            *folded)
{
  if (segment != NULL)
    {
      gint64 customer = job->segment_people ? card->person_id : card->organization_id;

      if (customer == 0 || !g_hash_table_contains (segment, &customer))
        return FALSE;
    }
  return folded == NULL || _crm_board_card_matches_text (card, folded);
}

/* Steps @stmt, adding the cards that pass to @cards. */
static gboolean
read_cards (CrmStoreWorker         *worker,
            sqlite3_stmt           *stmt,
            const CrmBoardLoadJob  *job,
            GHashTable             *segment,
            const char             *folded,
            GPtrArray              *cards,
            GError                **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmBoardCard *card = read_card (stmt, job->now);

      if (card_passes (card, job, segment, folded))
        g_ptr_array_add (cards, card);
      else
        g_object_unref (card);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_columns (CrmStoreWorker   *worker,
              CrmBoardLoadJob  *job,
              CrmBoardLoad     *load,
              GHashTable       *segment,
              const char       *folded,
              GError          **error)
{
  g_autoptr(GString) sql = g_string_new (CARD_SELECT "WHERE d.stage_id = ?2 AND d.deleted = 0");
  sqlite3_stmt *stmt;

  append_filter_sql (sql, job);
  g_string_append (sql, " ORDER BY d.position, d.id");
  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;
  bind_filter (stmt, job);

  for (guint i = 0; i < load->stages->len; i++)
    {
      GPtrArray *cards = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (load->columns, cards);
      sqlite3_bind_int64 (stmt, 2, g_array_index (load->stages, CrmBoardStage, i).id);
      if (!read_cards (worker, stmt, job, segment, folded, cards, error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

/* The deals of the changed activities join the deals to refresh. */
static gboolean
read_activity_deals (CrmStoreWorker   *worker,
                     CrmBoardLoadJob  *job,
                     GArray           *deal_ids,
                     GError          **error)
{
  sqlite3_stmt *stmt;

  if (job->activity_ids == NULL)
    return TRUE;
  if (!(stmt = _crm_store_worker_prepare (worker, "SELECT subject_id FROM activity "
                                                  "WHERE id = ? AND subject_kind = 'deal'", error)))
    return FALSE;
  for (guint i = 0; i < job->activity_ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (job->activity_ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (deal_ids, id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_refresh (CrmStoreWorker   *worker,
              CrmBoardLoadJob  *job,
              CrmBoardLoad     *load,
              GHashTable       *segment,
              const char       *folded,
              GError          **error)
{
  g_autoptr(GString) sql = g_string_new (CARD_SELECT "WHERE d.id = ?2 AND d.deleted = 0 AND d.pipeline_id = ?8");
  sqlite3_stmt *stmt;

  if (job->deal_ids != NULL)
    g_array_append_vals (load->asked, job->deal_ids->data, job->deal_ids->len);
  if (!read_activity_deals (worker, job, load->asked, error))
    return FALSE;

  append_filter_sql (sql, job);
  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;
  bind_filter (stmt, job);
  sqlite3_bind_int64 (stmt, 8, load->pipeline_id);
  for (guint i = 0; i < load->asked->len; i++)
    {
      sqlite3_bind_int64 (stmt, 2, g_array_index (load->asked, gint64, i));
      if (!read_cards (worker, stmt, job, segment, folded, load->refreshed, error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static void
load_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        task_data)
{
  CrmBoardLoadJob *job = task_data;
  CrmBoardLoad *load = g_new0 (CrmBoardLoad, 1);
  g_autoptr(GHashTable) segment = NULL;
  g_autofree char *folded = NULL;
  gboolean refresh = job->deal_ids != NULL || job->activity_ids != NULL;
  GError *error = NULL;
  gboolean ok;

  load->pipelines = g_ptr_array_new_with_free_func (g_object_unref);
  load->stages = g_array_new (FALSE, TRUE, sizeof (CrmBoardStage));
  load->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  load->asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  load->refreshed = g_ptr_array_new_with_free_func (g_object_unref);
  if (job->filter.text != NULL && job->filter.text[0] != '\0')
    folded = g_utf8_casefold (job->filter.text, -1);

  if (job->now == 0)
    job->now = g_get_real_time () / G_USEC_PER_SEC;
  if (job->closed_to == 0)
    job->closed_to = G_MAXINT64;
  if (job->closed_from == 0)
    job->closed_from = job->now - DEFAULT_CLOSED_DAYS * 24 * 3600;

  /* One read transaction: every column sees the same database. */
  ok = _crm_store_worker_exec (worker, "BEGIN", &error) &&
       read_pipelines (worker, load, &error);
  if (ok)
    {
      load->pipeline_id = job->pipeline_id;
      if (load->pipeline_id == 0 && load->pipelines->len > 0)
        load->pipeline_id = crm_board_pipeline_get_id (g_ptr_array_index (load->pipelines, 0));
      ok = (job->segment == NULL || (segment = read_segment (worker, job, &error)) != NULL) &&
           (refresh
            ? read_refresh (worker, job, load, segment, folded, &error)
            : read_stages (worker, load, &error) &&
              read_columns (worker, job, load, segment, folded, &error));
    }
  _crm_store_worker_exec (worker, "COMMIT", NULL);

  if (!ok)
    {
      _crm_board_load_free (load);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, load, (GDestroyNotify) _crm_board_load_free);
}

void
_crm_board_load_run (CrmStore            *store,
                     CrmBoardLoadJob     *job,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  _crm_store_run_async (store, load_job, job, _crm_board_load_job_free, _crm_board_load_run,
                        "crm-board-load", cancellable, callback, user_data);
}

CrmBoardLoad *
_crm_board_load_finish (CrmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
