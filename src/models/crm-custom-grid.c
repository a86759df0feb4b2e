/* crm-custom-grid.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCustomGrid"

#include "config.h"

#include "crm-custom-grid.h"
#include "crm-store-private.h"

typedef struct
{
  char   *target;
  GArray *ids;
} GridData;

static void
grid_data_free (gpointer data)
{
  GridData *d = data;

  g_free (d->target);
  g_array_unref (d->ids);
  g_free (d);
}

void
crm_custom_grid_value_free (CrmCustomGridValue *value)
{
  if (value == NULL)
    return;

  g_free (value->text);
  g_free (value);
}

static void
grid_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GridData *d = data;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_custom_grid_value_free);
  g_autoptr(GString) json = g_string_new ("[");
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The ids go in as one JSON array: one statement, whatever their number. */
  for (guint i = 0; i < d->ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (d->ids, gint64, i));
  g_string_append_c (json, ']');

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT v.record_id, v.field_id, v.text_value, v.num_value "
                                    "FROM custom_value AS v "
                                    "JOIN custom_field AS f ON f.id = v.field_id "
                                    "WHERE v.record_id IN (SELECT value FROM json_each (?1)) "
                                    "AND v.deleted = 0 AND f.deleted = 0 AND f.target = ?2",
                                    &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, d->target, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmCustomGridValue *value = g_new0 (CrmCustomGridValue, 1);

      value->record_id = sqlite3_column_int64 (stmt, 0);
      value->field_id = sqlite3_column_int64 (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        value->text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      value->number = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (values, value);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, "custom values");
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&values), (GDestroyNotify) g_ptr_array_unref);
}

void
crm_custom_grid_load_async (CrmStore            *store,
                            const char          *target,
                            GArray              *record_ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GridData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);
  g_return_if_fail (record_ids != NULL);

  d = g_new0 (GridData, 1);
  d->target = g_strdup (target);
  d->ids = g_array_ref (record_ids);
  _crm_store_run_async (store, grid_job, d, grid_data_free, crm_custom_grid_load_async,
                        "crm-custom-grid-load", cancellable, callback, user_data);
}

GPtrArray *
crm_custom_grid_load_finish (CrmStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
