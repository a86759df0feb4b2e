/* crm-store-jobs.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmStore"

#include "config.h"

#include "crm-store-jobs.h"

/* Ids per statement when rows are read by id. */
#define RELOAD_CHUNK 64



void
_crm_store_open_data_free (gpointer data)
{
  OpenData *d = data;

  g_free (d->path);
  g_free (d);
}

void
_crm_store_open_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  OpenData *d = data;
  GError *error = NULL;

  if (!_crm_store_worker_open (worker, d->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GUINT_TO_POINTER (_crm_store_worker_get_node (worker) + 1), NULL);
}

static void
ids_from_array (sqlite3_stmt *stmt,
                GArray       *ids,
                guint         first,
                guint         n)
{
  for (guint i = 0; i < RELOAD_CHUNK; i++)
    {
      if (i < n)
        sqlite3_bind_int64 (stmt, i + 1, g_array_index (ids, gint64, first + i));
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

/* SELECT <list> FROM table WHERE id IN (?, … RELOAD_CHUNK) */
static char *
build_in_sql (const CrmTable *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT %s FROM %s WHERE id IN (?", _crm_table_get_select_list (table), table->name);
  for (guint i = 1; i < RELOAD_CHUNK; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}


void
_crm_store_rows_by_id_data_free (gpointer data)
{
  RowsByIdData *d = data;

  g_array_unref (d->ids);
  g_free (d);
}

void
_crm_store_rows_by_id_job (CrmStoreWorker *worker,
                GTask          *task,
                gpointer        data)
{
  RowsByIdData *d = data;
  g_autofree char *sql = build_in_sql (d->table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_row_free);
  GError *error = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_worker_prepare (worker, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint first = 0; first < d->ids->len; first += RELOAD_CHUNK)
    {
      int rc;

      sqlite3_reset (stmt);
      ids_from_array (stmt, d->ids, first, MIN (RELOAD_CHUNK, d->ids->len - first));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (rows, _crm_row_from_stmt (d->table, stmt));
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
          sqlite3_reset (stmt);
          g_task_return_error (task, error);
          return;
        }
    }
  sqlite3_reset (stmt);

  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}


void
_crm_store_query_data_free (gpointer data)
{
  QueryData *d = data;

  crm_query_unref (d->query);
  g_free (d);
}

void
_crm_store_query_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  QueryData *d = data;
  const CrmTable *table = _crm_query_get_table (d->query);
  g_autofree char *sql = _crm_query_build_sql (d->query, CRM_QUERY_SQL_ROWS);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_row_free);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_worker_prepare (worker, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  _crm_query_bind (d->query, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, _crm_row_from_stmt (table, stmt));
  if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

void
_crm_store_count_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  QueryData *d = data;
  g_autofree char *sql = _crm_query_build_sql (d->query, CRM_QUERY_SQL_COUNT);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_worker_prepare (worker, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  _crm_query_bind (d->query, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_task_return_int (task, sqlite3_column_int64 (stmt, 0));
  else
    {
      _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
      g_task_return_error (task, error);
    }
  sqlite3_reset (stmt);
}


void
_crm_store_write_data_free (gpointer data)
{
  WriteData *d = data;

  g_ptr_array_unref (d->rows);
  g_ptr_array_unref (d->records);
  g_free (d);
}

WriteData *
_crm_store_write_data_new (void)
{
  WriteData *d = g_new0 (WriteData, 1);

  d->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_row_free);
  d->records = g_ptr_array_new_with_free_func (g_object_unref);
  return d;
}

static gboolean
update_row (CrmStoreWorker  *worker,
            CrmRow          *row,
            gint64           now,
            GError         **error)
{
  const CrmTable *table = row->table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int param = 1;

  g_string_append_printf (sql, "UPDATE %s SET updated = ?, deleted = ?", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    if (row->mask & (G_GUINT64_CONSTANT (1) << i))
      g_string_append_printf (sql, ", %s = ?", table->columns[i].name);
  g_string_append (sql, " WHERE id = ?");

  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, param++, now);
  sqlite3_bind_int (stmt, param++, row->deleted ? 1 : 0);
  for (guint i = 0; i < table->n_columns; i++)
    if (row->mask & (G_GUINT64_CONSTANT (1) << i))
      _crm_row_bind_column (row, i, stmt, param++);
  sqlite3_bind_int64 (stmt, param, row->id);

  row->updated = now;
  return _crm_store_worker_step (worker, stmt, error);
}

static gboolean
insert_row (CrmStoreWorker  *worker,
            CrmRow          *row,
            gint64           now,
            GError         **error)
{
  const CrmTable *table = row->table;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES (?, ?, ?, ?", table->name,
                          _crm_table_get_select_list (table));
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;

  row->id = _crm_store_worker_next_id (worker);
  row->created = row->updated = now;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, row->created);
  sqlite3_bind_int64 (stmt, 3, row->updated);
  sqlite3_bind_int (stmt, 4, row->deleted);
  for (guint i = 0; i < table->n_columns; i++)
    _crm_row_bind_column (row, i, stmt, 5 + i);

  return _crm_store_worker_step (worker, stmt, error);
}

typedef enum { WRITE_UPDATE, WRITE_INSERT, WRITE_TRASH } WriteKind;

static void
write_job (CrmStoreWorker *worker,
           GTask          *task,
           WriteKind       kind)
{
  WriteData *d = g_task_get_task_data (task);
  gint64 now = _crm_store_worker_now (worker);
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < d->rows->len; i++)
    {
      CrmRow *row = g_ptr_array_index (d->rows, i);
      gboolean ok;

      if (kind == WRITE_INSERT)
        ok = insert_row (worker, row, now, &error);
      else
        {
          if (kind == WRITE_TRASH)
            row->deleted = d->trashed;
          ok = update_row (worker, row, now, &error);
        }

      if (!ok)
        {
          _crm_store_worker_rollback (worker);
          g_task_return_error (task, error);
          return;
        }
    }

  if (!_crm_store_worker_commit (worker, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_crm_store_update_job (CrmStoreWorker *worker, GTask *task, gpointer data)
{
  write_job (worker, task, WRITE_UPDATE);
}

void
_crm_store_insert_job (CrmStoreWorker *worker, GTask *task, gpointer data)
{
  write_job (worker, task, WRITE_INSERT);
}

void
_crm_store_trash_job (CrmStoreWorker *worker, GTask *task, gpointer data)
{
  write_job (worker, task, WRITE_TRASH);
}

void
_crm_store_noop_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_task_return_boolean (task, TRUE);
}

void
_crm_store_poll_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_task_return_boolean (task, _crm_store_worker_poll_external (worker));
}
