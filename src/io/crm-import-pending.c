/* crm-import-pending.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: rows an import writes but does not read back before it
 * ends (the import_change log, the affiliations of the people it creates),
 * kept and inserted PENDING_ROWS at a time with one multi-row statement.
 * Each statement opens a cursor per index of its table and closes it again:
 * for a row or two of a few columns that costs as much as the insert.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <string.h>

#include "crm-import-private.h"

#define PENDING_ROWS 64

typedef struct
{
  gint64   number;
  gssize   text;      /* offset in text, or -1 for a number */
} Value;

struct _CrmImportPending
{
  CrmStoreWorker *worker;
  char           *insert;     /* without the values */
  char           *row;        /* "(?, ?, ...)" */
  char           *sql_many;
  guint           n_columns;
  GArray         *values;     /* Value, n_columns per row */
  GString        *text;       /* the texts, each with its nul */
};

/* @insert: "INSERT ... (columns) VALUES " without the values. */
CrmImportPending *
_crm_import_pending_new (CrmStoreWorker *worker,
                         const char     *insert,
                         guint           n_columns)
{
  CrmImportPending *self = g_new0 (CrmImportPending, 1);
  GString *row = g_string_new ("(");
  GString *many = g_string_new (insert);

  for (guint i = 0; i < n_columns; i++)
    g_string_append (row, i > 0 ? ", ?" : "?");
  g_string_append_c (row, ')');
  for (guint i = 0; i < PENDING_ROWS; i++)
    {
      if (i > 0)
        g_string_append (many, ", ");
      g_string_append (many, row->str);
    }
  self->worker = worker;
  self->insert = g_strdup (insert);
  self->row = g_strdup (row->str);
  self->sql_many = g_string_free (many, FALSE);
  self->n_columns = n_columns;
  self->values = g_array_new (FALSE, FALSE, sizeof (Value));
  self->text = g_string_new (NULL);
  g_string_free (row, TRUE);
  return self;
}

void
_crm_import_pending_free (CrmImportPending *self)
{
  g_free (self->insert);
  g_free (self->row);
  g_free (self->sql_many);
  g_array_unref (self->values);
  g_string_free (self->text, TRUE);
  g_free (self);
}

void
_crm_import_pending_add_int (CrmImportPending *self,
                             gint64            number)
{
  Value value = { number, -1 };

  g_array_append_val (self->values, value);
}

void
_crm_import_pending_add_text (CrmImportPending *self,
                              const char       *text)
{
  Value value = { 0, self->text->len };

  g_string_append_len (self->text, text, strlen (text) + 1);
  g_array_append_val (self->values, value);
}

static gboolean
run (CrmImportPending  *self,
     sqlite3_stmt      *stmt,
     guint              first_row,
     guint              n_rows,
     GError           **error)
{
  const Value *values = &g_array_index (self->values, Value, first_row * self->n_columns);
  int rc;

  for (guint i = 0; i < n_rows * self->n_columns; i++)
    if (values[i].text >= 0)
      sqlite3_bind_text (stmt, i + 1, self->text->str + values[i].text, -1, SQLITE_STATIC);
    else
      sqlite3_bind_int64 (stmt, i + 1, values[i].number);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (self->worker), rc, "import");
      return FALSE;
    }
  return TRUE;
}

/* Inserts the rows added so far (each added in full, its columns in the
 * order of the statement); the whole set at the latest once it fills. */
gboolean
_crm_import_pending_flush (CrmImportPending  *self,
                           gboolean           all,
                           GError           **error)
{
  guint n_rows = self->values->len / self->n_columns;
  guint done = 0;
  sqlite3_stmt *stmt;

  g_assert (self->values->len % self->n_columns == 0);
  if (n_rows >= PENDING_ROWS)
    {
      stmt = _crm_store_worker_prepare (self->worker, self->sql_many, error);
      if (stmt == NULL)
        return FALSE;
      for (; n_rows - done >= PENDING_ROWS; done += PENDING_ROWS)
        if (!run (self, stmt, done, PENDING_ROWS, error))
          return FALSE;
    }
  if (all && done < n_rows)
    {
      /* The rest in one statement too: an import flushes often (before
       * every read of what waits), and the worker keeps each size's
       * statement. */
      g_autoptr(GString) sql = g_string_new (self->insert);

      for (guint i = done; i < n_rows; i++)
        {
          if (i > done)
            g_string_append (sql, ", ");
          g_string_append (sql, self->row);
        }
      stmt = _crm_store_worker_prepare (self->worker, sql->str, error);
      if (stmt == NULL || !run (self, stmt, done, n_rows - done, error))
        return FALSE;
      done = n_rows;
    }
  if (done == n_rows)
    {
      g_array_set_size (self->values, 0);
      g_string_truncate (self->text, 0);
    }
  else if (done > 0)
    {
      /* Not all: only when fewer than PENDING_ROWS are left, and then the
       * texts are small; keep the rest. */
      g_array_remove_range (self->values, 0, done * self->n_columns);
    }
  return TRUE;
}

gboolean
_crm_import_pending_add_change (CrmImportPending  *self,
                                gint64             batch_id,
                                const char        *kind,
                                gint64             id,
                                const char        *action,
                                const char        *before,
                                GError           **error)
{
  g_assert (self->n_columns == 5);
  _crm_import_pending_add_int (self, batch_id);
  _crm_import_pending_add_text (self, kind);
  _crm_import_pending_add_int (self, id);
  _crm_import_pending_add_text (self, action);
  _crm_import_pending_add_text (self, before != NULL ? before : "{}");
  return !_crm_import_pending_is_full (self) || _crm_import_pending_flush (self, FALSE, error);
}

/* TRUE when a full statement's worth of rows waits. */
gboolean
_crm_import_pending_is_full (CrmImportPending *self)
{
  return self->values->len >= PENDING_ROWS * self->n_columns;
}
