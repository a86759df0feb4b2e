/* crm-bulk.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of a bulk change first puts the target's ids into a
 * temporary table (from the id list, or from the query's own SQL, so that a
 * million ids never cross threads), then reads what it is about to change,
 * for the undo, and writes it with one statement.
 */

#define G_LOG_DOMAIN "CrmBulk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-bulk.h"
#include "crm-query-private.h"
#include "crm-store-private.h"

struct _CrmBulkTarget
{
  gatomicrefcount  ref_count;
  const CrmTable  *table;
  GArray          *ids;       /* gint64, or NULL with a query */
  CrmQuery        *query;
  GArray          *except;    /* gint64 */
};

typedef enum
{
  BULK_TRASH,
  BULK_SET_FIELD,
  BULK_ADD_TAG,
} BulkOp;

struct _CrmBulkChange
{
  gatomicrefcount  ref_count;
  const CrmTable  *table;
  BulkOp           op;
  GArray          *ids;           /* touched record ids */

  gboolean         trashed;       /* BULK_TRASH: the new state */

  int              column;        /* BULK_SET_FIELD */
  GPtrArray       *old_text;      /* parallel to ids, text columns */
  GArray          *old_int;       /* parallel to ids, other columns */
  GArray          *old_null;      /* gboolean, parallel to ids */

  GArray          *tag_inserted;  /* BULK_ADD_TAG: record_tag ids */
  GArray          *tag_revived;
  gint64           tag_created;   /* a tag made for the change, or 0 */
  gint64           tag_revived_id;
};

typedef struct
{
  CrmBulkTarget *target;
  BulkOp         op;
  gboolean       trashed;
  int            column;
  GVariant      *value;
  char          *tag;
} BulkData;

G_DEFINE_BOXED_TYPE (CrmBulkTarget, crm_bulk_target, crm_bulk_target_ref, crm_bulk_target_unref)
G_DEFINE_BOXED_TYPE (CrmBulkChange, crm_bulk_change, crm_bulk_change_ref, crm_bulk_change_unref)

static void
bulk_data_free (gpointer data)
{
  BulkData *d = data;

  g_clear_pointer (&d->target, crm_bulk_target_unref);
  g_clear_pointer (&d->value, g_variant_unref);
  g_free (d->tag);
  g_free (d);
}

static CrmBulkChange *
bulk_change_new (const CrmTable *table,
                 BulkOp          op)
{
  CrmBulkChange *self = g_new0 (CrmBulkChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->table = table;
  self->op = op;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->column = -1;
  return self;
}

/* --- worker --- */

static gboolean
step_done (sqlite3_stmt  *stmt,
           sqlite3       *db,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_error (error, db, rc, "bulk change");
      return FALSE;
    }
  return TRUE;
}

/* Fills temp.crm_bulk_ids with the target's ids. */
static gboolean
fill_ids (CrmStoreWorker  *worker,
          CrmBulkTarget   *target,
          GError         **error)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  sqlite3_stmt *stmt;

  if (!_crm_store_worker_exec (worker,
                               "CREATE TEMP TABLE IF NOT EXISTS crm_bulk_ids (id INTEGER PRIMARY KEY);"
                               "DELETE FROM temp.crm_bulk_ids;", error))
    return FALSE;

  if (target->ids != NULL)
    {
      if (!(stmt = _crm_store_worker_prepare (worker,
                                              "INSERT OR IGNORE INTO temp.crm_bulk_ids (id) VALUES (?)",
                                              error)))
        return FALSE;
      for (guint i = 0; i < target->ids->len; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (target->ids, gint64, i));
          if (!step_done (stmt, db, error))
            return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autofree char *ids_sql = _crm_query_build_sql (target->query, CRM_QUERY_SQL_IDS);
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO temp.crm_bulk_ids (id) "
                                              "SELECT id FROM (%s)", ids_sql);

      if (!(stmt = _crm_store_worker_prepare (worker, sql, error)))
        return FALSE;
      _crm_query_bind (target->query, stmt);
      if (!step_done (stmt, db, error))
        return FALSE;

      if (!(stmt = _crm_store_worker_prepare (worker, "DELETE FROM temp.crm_bulk_ids WHERE id = ?",
                                              error)))
        return FALSE;
      for (guint i = 0; i < target->except->len; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (target->except, gint64, i));
          if (!step_done (stmt, db, error))
            return FALSE;
        }
      return TRUE;
    }
}

static gboolean
collect_ids (CrmStoreWorker  *worker,
             const char      *sql,
             int              deleted,
             GArray          *ids,
             GError         **error)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, deleted);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, db, rc, "bulk change");
      return FALSE;
    }
  return TRUE;
}

static gboolean
do_trash (CrmStoreWorker  *worker,
          BulkData        *d,
          CrmBulkChange   *change,
          GError         **error)
{
  const char *name = d->target->table->name;
  g_autofree char *select = g_strdup_printf ("SELECT id FROM %s WHERE id IN "
                                             "(SELECT id FROM temp.crm_bulk_ids) AND deleted = ?",
                                             name);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET deleted = ?1, updated = ?2 WHERE id IN "
                                             "(SELECT id FROM temp.crm_bulk_ids) AND deleted = ?3",
                                             name);
  sqlite3_stmt *stmt;

  change->trashed = d->trashed;
  if (!collect_ids (worker, select, d->trashed ? 0 : 1, change->ids, error))
    return FALSE;

  if (!(stmt = _crm_store_worker_prepare (worker, update, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, d->trashed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_int (stmt, 3, d->trashed ? 0 : 1);
  return step_done (stmt, _crm_store_worker_get_db (worker), error);
}

static void
bind_value (sqlite3_stmt  *stmt,
            int            param,
            CrmColumnType  type,
            GVariant      *value)
{
  if (type == CRM_COLUMN_TEXT)
    sqlite3_bind_text (stmt, param, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (type == CRM_COLUMN_REF && g_variant_get_int64 (value) == 0)
    sqlite3_bind_null (stmt, param);
  else if (type == CRM_COLUMN_BOOL)
    sqlite3_bind_int (stmt, param, g_variant_get_int64 (value) != 0);
  else
    sqlite3_bind_int64 (stmt, param, g_variant_get_int64 (value));
}

static gboolean
do_set_field (CrmStoreWorker  *worker,
              BulkData        *d,
              CrmBulkChange   *change,
              GError         **error)
{
  const CrmTable *table = d->target->table;
  const CrmColumn *column = &table->columns[d->column];
  sqlite3 *db = _crm_store_worker_get_db (worker);
  g_autofree char *select = NULL;
  g_autofree char *update = NULL;
  sqlite3_stmt *stmt;
  int rc;

  select = g_strdup_printf ("SELECT id, %s FROM %s WHERE id IN (SELECT id FROM temp.crm_bulk_ids) "
                            "AND deleted = 0 AND %s IS NOT ?1", column->name, table->name, column->name);
  update = g_strdup_printf ("UPDATE %s SET %s = ?1, updated = ?2 WHERE id IN "
                            "(SELECT id FROM temp.crm_bulk_ids) AND deleted = 0 AND %s IS NOT ?1",
                            table->name, column->name, column->name);

  change->column = d->column;
  change->old_text = g_ptr_array_new_with_free_func (g_free);
  change->old_int = g_array_new (FALSE, FALSE, sizeof (gint64));
  change->old_null = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (!(stmt = _crm_store_worker_prepare (worker, select, error)))
    return FALSE;
  bind_value (stmt, 1, column->type, d->value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 number = sqlite3_column_int64 (stmt, 1);
      gboolean is_null = sqlite3_column_type (stmt, 1) == SQLITE_NULL;

      g_array_append_val (change->ids, id);
      g_ptr_array_add (change->old_text, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (change->old_int, number);
      g_array_append_val (change->old_null, is_null);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, db, rc, "bulk change");
      return FALSE;
    }

  if (!(stmt = _crm_store_worker_prepare (worker, update, error)))
    return FALSE;
  bind_value (stmt, 1, column->type, d->value);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  return step_done (stmt, db, error);
}

/* The live tag called @name, made or taken out of the trash when needed. */
static gint64
ensure_tag (CrmStoreWorker  *worker,
            const char      *name,
            CrmBulkChange   *change,
            GError         **error)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT id, deleted FROM tag WHERE name = ?",
                                                  error);
  gint64 now = _crm_store_worker_now (worker);
  gint64 id = 0;
  gboolean deleted = FALSE;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (id != 0 && !deleted)
    return id;

  if (id != 0)
    {
      stmt = _crm_store_worker_prepare (worker, "UPDATE tag SET deleted = 0, updated = ? WHERE id = ?",
                                        error);
      change->tag_revived_id = id;
    }
  else
    {
      id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker,
                                        "INSERT INTO tag (updated, id, created, name) VALUES (?, ?, ?3, ?4)",
                                        error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 3, now);
          sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
        }
      change->tag_created = id;
    }
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_done (stmt, db, error) ? id : 0;
}

static gboolean
do_add_tag (CrmStoreWorker  *worker,
            BulkData        *d,
            CrmBulkChange   *change,
            GError         **error)
{
  const CrmTable *table = d->target->table;
  sqlite3 *db = _crm_store_worker_get_db (worker);
  g_autofree char *select = NULL;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 tag_id, now = _crm_store_worker_now (worker);
  int rc;

  change->tag_inserted = g_array_new (FALSE, FALSE, sizeof (gint64));
  change->tag_revived = g_array_new (FALSE, FALSE, sizeof (gint64));
  if ((tag_id = ensure_tag (worker, d->tag, change, error)) == 0)
    return FALSE;

  select = g_strdup_printf ("SELECT r.id, t.id, t.deleted FROM %s AS r "
                            "LEFT JOIN record_tag AS t ON t.tag_id = ?1 AND t.record_kind = ?2 "
                            "AND t.record_id = r.id "
                            "WHERE r.id IN (SELECT id FROM temp.crm_bulk_ids) AND r.deleted = 0",
                            table->name);
  if (!(stmt = _crm_store_worker_prepare (worker, select, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  sqlite3_bind_text (stmt, 2, table->name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 record = sqlite3_column_int64 (stmt, 0);
      gint64 link = sqlite3_column_int64 (stmt, 1);

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        g_array_append_val (missing, record);
      else if (sqlite3_column_int (stmt, 2) != 0)
        {
          g_array_append_val (change->tag_revived, link);
          g_array_append_val (change->ids, record);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, db, rc, "bulk change");
      return FALSE;
    }

  if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE record_tag SET deleted = 0, updated = ? "
                                          "WHERE id = ?", error)))
    return FALSE;
  for (guint i = 0; i < change->tag_revived->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, g_array_index (change->tag_revived, gint64, i));
      if (!step_done (stmt, db, error))
        return FALSE;
    }

  if (!(stmt = _crm_store_worker_prepare (worker, "INSERT INTO record_tag (id, created, updated, tag_id, "
                                          "record_kind, record_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error)))
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    {
      gint64 id = _crm_store_worker_next_id (worker);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, tag_id);
      sqlite3_bind_text (stmt, 4, table->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, g_array_index (missing, gint64, i));
      if (!step_done (stmt, db, error))
        return FALSE;
      g_array_append_val (change->tag_inserted, id);
      g_array_append_val (change->ids, g_array_index (missing, gint64, i));
    }
  return TRUE;
}

static void
bulk_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  BulkData *d = data;
  g_autoptr(CrmBulkChange) change = bulk_change_new (d->target->table, d->op);
  GError *error = NULL;
  gboolean ok;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  ok = fill_ids (worker, d->target, &error);
  if (ok && d->op == BULK_TRASH)
    ok = do_trash (worker, d, change, &error);
  else if (ok && d->op == BULK_SET_FIELD)
    ok = do_set_field (worker, d, change, &error);
  else if (ok)
    ok = do_add_tag (worker, d, change, &error);
  ok = ok && _crm_store_worker_exec (worker, "DELETE FROM temp.crm_bulk_ids", &error);

  if (!ok || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&change), (GDestroyNotify) crm_bulk_change_unref);
}

static gboolean
exec_for_ids (CrmStoreWorker  *worker,
              const char      *sql,
              GArray          *ids,
              gint64           now,
              GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!step_done (stmt, _crm_store_worker_get_db (worker), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_set_field (CrmStoreWorker  *worker,
                CrmBulkChange   *change,
                gint64           now,
                GError         **error)
{
  const CrmColumn *column = &change->table->columns[change->column];
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?3, updated = ?1 WHERE id = ?2",
                                          change->table->name, column->name);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < change->ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, g_array_index (change->ids, gint64, i));
      if (g_array_index (change->old_null, gboolean, i))
        sqlite3_bind_null (stmt, 3);
      else if (column->type == CRM_COLUMN_TEXT)
        sqlite3_bind_text (stmt, 3, g_ptr_array_index (change->old_text, i), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, 3, g_array_index (change->old_int, gint64, i));
      if (!step_done (stmt, _crm_store_worker_get_db (worker), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_add_tag (CrmStoreWorker  *worker,
              CrmBulkChange   *change,
              gint64           now,
              GError         **error)
{
  g_autoptr(GArray) tag = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!exec_for_ids (worker, "DELETE FROM record_tag WHERE ?1 IS NOT NULL AND id = ?2",
                     change->tag_inserted, now, error) ||
      !exec_for_ids (worker, "UPDATE record_tag SET deleted = 1, updated = ?1 WHERE id = ?2",
                     change->tag_revived, now, error))
    return FALSE;

  if (change->tag_created != 0)
    {
      g_array_append_val (tag, change->tag_created);
      return exec_for_ids (worker, "DELETE FROM tag WHERE ?1 IS NOT NULL AND id = ?2", tag, now, error);
    }
  if (change->tag_revived_id != 0)
    {
      g_array_append_val (tag, change->tag_revived_id);
      return exec_for_ids (worker, "UPDATE tag SET deleted = 1, updated = ?1 WHERE id = ?2", tag, now,
                           error);
    }
  return TRUE;
}

static void
undo_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  CrmBulkChange *change = data;
  gint64 now = _crm_store_worker_now (worker);
  GError *error = NULL;
  gboolean ok;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (change->op == BULK_TRASH)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = %d, updated = ?1 WHERE id = ?2",
                                              change->table->name, change->trashed ? 0 : 1);
      ok = exec_for_ids (worker, sql, change->ids, now, &error);
    }
  else if (change->op == BULK_SET_FIELD)
    ok = undo_set_field (worker, change, now, &error);
  else
    ok = undo_add_tag (worker, change, now, &error);

  if (!ok || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* --- main thread --- */

static void
run_bulk (CrmStore            *store,
          BulkData            *d,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  _crm_store_run_async (store, bulk_job, d, bulk_data_free, crm_bulk_finish, "crm-bulk",
                        cancellable, callback, user_data);
}

static void
report_invalid (CrmStore            *store,
                BulkData            *d,
                const char          *message,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  g_task_set_source_tag (task, crm_bulk_finish);
  bulk_data_free (d);
  g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, "%s", message);
}

CrmBulkTarget *
crm_bulk_target_new_ids (GType         record_type,
                         const gint64 *ids,
                         guint         n_ids)
{
  const CrmTable *table = _crm_table_for_type (record_type);
  CrmBulkTarget *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  self = g_new0 (CrmBulkTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->table = table;
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
  return self;
}

CrmBulkTarget *
crm_bulk_target_new_query (CrmQuery     *query,
                           const gint64 *except_ids,
                           guint         n_except)
{
  CrmBulkTarget *self;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (except_ids != NULL || n_except == 0, NULL);

  self = g_new0 (CrmBulkTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->table = _crm_query_get_table (query);
  /* A copy: the caller may change its query while the worker reads this one. */
  self->query = crm_query_copy (query);
  crm_query_set_limit (self->query, 0);
  self->except = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_except);
  g_array_append_vals (self->except, except_ids, n_except);
  return self;
}

CrmBulkTarget *
crm_bulk_target_ref (CrmBulkTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_bulk_target_unref (CrmBulkTarget *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->ids, g_array_unref);
      g_clear_pointer (&self->except, g_array_unref);
      g_clear_pointer (&self->query, crm_query_unref);
      g_free (self);
    }
}

GType
crm_bulk_target_get_record_type (CrmBulkTarget *self)
{
  g_return_val_if_fail (self != NULL, G_TYPE_INVALID);

  return self->table->type;
}

CrmBulkChange *
crm_bulk_change_ref (CrmBulkChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_bulk_change_unref (CrmBulkChange *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->ids, g_array_unref);
      g_clear_pointer (&self->old_text, g_ptr_array_unref);
      g_clear_pointer (&self->old_int, g_array_unref);
      g_clear_pointer (&self->old_null, g_array_unref);
      g_clear_pointer (&self->tag_inserted, g_array_unref);
      g_clear_pointer (&self->tag_revived, g_array_unref);
      g_free (self);
    }
}

guint
crm_bulk_change_get_n_records (CrmBulkChange *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ids->len;
}

const gint64 *
crm_bulk_change_get_ids (CrmBulkChange *self,
                         guint         *n_ids)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_ids != NULL)
    *n_ids = self->ids->len;
  return (const gint64 *) (gpointer) self->ids->data;
}

void
crm_bulk_trash_async (CrmStore            *store,
                      CrmBulkTarget       *target,
                      gboolean             trashed,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  BulkData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);

  d = g_new0 (BulkData, 1);
  d->target = crm_bulk_target_ref (target);
  d->op = BULK_TRASH;
  d->trashed = !!trashed;
  run_bulk (store, d, cancellable, callback, user_data);
}

void
crm_bulk_set_field_async (CrmStore            *store,
                          CrmBulkTarget       *target,
                          const char          *property,
                          GVariant            *value,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GVariant) sunk = NULL;
  const CrmTable *table;
  const CrmColumn *column;
  BulkData *d;
  int col;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);
  g_return_if_fail (property != NULL);
  g_return_if_fail (value != NULL);

  sunk = g_variant_ref_sink (value);
  table = target->table;
  d = g_new0 (BulkData, 1);
  d->target = crm_bulk_target_ref (target);
  d->op = BULK_SET_FIELD;

  col = _crm_table_find_column (table, property);
  if (col < 0 || col == table->sort_column || col == table->sort_source)
    {
      report_invalid (store, d, _("This field cannot be changed on many records at once"),
                      callback, user_data);
      return;
    }

  column = &table->columns[col];
  if (column->type == CRM_COLUMN_REAL ||
      !g_variant_is_of_type (value, column->type == CRM_COLUMN_TEXT ? G_VARIANT_TYPE_STRING
                                                                     : G_VARIANT_TYPE_INT64))
    {
      report_invalid (store, d, _("The value does not fit the field"), callback, user_data);
      return;
    }

  d->column = col;
  d->value = g_steal_pointer (&sunk);
  run_bulk (store, d, cancellable, callback, user_data);
}

void
crm_bulk_add_tag_async (CrmStore            *store,
                        CrmBulkTarget       *target,
                        const char          *tag_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  static const char * const taggable[] = { "organization", "person", "deal", "ticket" };
  g_autofree char *name = NULL;
  BulkData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);
  g_return_if_fail (tag_name != NULL);

  d = g_new0 (BulkData, 1);
  d->target = crm_bulk_target_ref (target);
  d->op = BULK_ADD_TAG;

  name = g_utf8_make_valid (tag_name, -1);
  g_strstrip (name);
  if (name[0] == '\0')
    {
      report_invalid (store, d, _("A tag needs a name"), callback, user_data);
      return;
    }
  if (!g_strv_contains (taggable, target->table->name))
    {
      report_invalid (store, d, _("These records cannot be tagged"), callback, user_data);
      return;
    }

  d->tag = g_steal_pointer (&name);
  run_bulk (store, d, cancellable, callback, user_data);
}

CrmBulkChange *
crm_bulk_finish (CrmStore      *store,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_bulk_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_bulk_undo_async (CrmStore            *store,
                     CrmBulkChange       *change,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (change != NULL);

  _crm_store_run_async (store, undo_job, crm_bulk_change_ref (change),
                        (GDestroyNotify) crm_bulk_change_unref, crm_bulk_undo_async, "crm-bulk-undo",
                        cancellable, callback, user_data);
}

gboolean
crm_bulk_undo_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
