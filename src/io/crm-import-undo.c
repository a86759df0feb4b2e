/* crm-import-undo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: undoing an import on the store's worker, in one
 * transaction.  The batch's changes are replayed newest first: inserted
 * records are deleted (with their custom values and tag links; affiliations
 * go with their person), updated ones get their recorded old values (and
 * "updated") back, and so do the custom values and tag links an update
 * wrote; the tags the import made go last, unless someone used them since.
 * A record edited after the import is reverted all the same, and counted.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-import-private.h"
#include "crm-io-custom-private.h"
#include "crm-search-fold.h"

static gboolean
column_allowed (const char *kind,
                const char *column)
{
  const char * const *columns = _crm_import_target_columns (g_str_equal (kind, "organization")
                                                              ? CRM_IMPORT_TARGET_ORGANIZATION
                                                              : CRM_IMPORT_TARGET_PERSON);

  return g_strv_contains (columns, column) || g_str_equal (column, "sort_key");
}

static gboolean
restore_update (CrmStoreWorker  *worker,
                const char      *kind,
                gint64           id,
                const char      *before,
                gint64           now,
                GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) members = NULL;
  gboolean org = g_str_equal (kind, "organization");
  JsonObject *object;
  sqlite3_stmt *stmt;
  int rc;

  if (!json_parser_load_from_data (parser, before, -1, error))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  if (object == NULL)
    return TRUE;
  members = json_object_get_members (object);
  g_string_append_printf (sql, "UPDATE %s SET updated = ?", org ? "organization" : "person");
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *column = l->data;
      const char *value;

      /* Column names come from the database: only known ones are spliced. */
      if (!column_allowed (kind, column) || g_str_equal (column, "sort_key"))
        continue;
      value = json_object_get_string_member_with_default (object, column, "");
      g_string_append_printf (sql, ", %s = ?", column);
      g_ptr_array_add (values, g_strdup (value));
      if (g_str_equal (column, org ? "name" : "display_name"))
        {
          g_string_append (sql, ", sort_key = ?");
          g_ptr_array_add (values, _crm_search_sort_key (value));
        }
    }
  g_string_append (sql, " WHERE id = ?");

  stmt = _crm_store_worker_prepare (worker, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  /* The record's own "updated" from before the import, when known. */
  sqlite3_bind_int64 (stmt, 1, json_object_has_member (object, "updated")
                                 ? json_object_get_int_member (object, "updated") : now);
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (stmt, 2 + i, values->pdata[i], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2 + values->len, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "undo import");
      return FALSE;
    }
  return TRUE;
}

static gboolean
undo_batch (CrmStoreWorker  *worker,
            gint64           batch_id,
            guint           *n_edited,
            GError         **error)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  sqlite3_stmt *stmt;
  gint64 created, undone, now = _crm_store_worker_now (worker);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) inserts = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) created_tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT created, undone FROM import_batch "
                                            "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);

          /* TRANSLATORS: %s is the number of an import */
          g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_NOT_FOUND,
                       _("There is no import %s."), id);
        }
      else
        _crm_store_set_error (error, db, rc, "undo import");
      return FALSE;
    }
  created = sqlite3_column_int64 (stmt, 0);
  undone = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (undone != 0)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ALREADY_UNDONE,
                   _("This import was already undone."));
      return FALSE;
    }

  /* Newest change first: affiliations go before their people and
   * organizations, and a record updated twice ends with its oldest value. */
  stmt = _crm_store_worker_prepare (worker, "SELECT record_kind, record_id, action, before "
                                            "FROM import_change WHERE batch_id = ? "
                                            "ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);
      gboolean insert = g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "insert");

      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (ids, id);
      g_array_append_val (inserts, insert);
      g_ptr_array_add (befores, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, db, rc, "undo import");
      return FALSE;
    }

  *n_edited = 0;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *kind = kinds->pdata[i];
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *sql = NULL;
      const char *table;

      /* A photo the import gave someone who had none: gone again. */
      if (g_str_equal (kind, "person_photo"))
        {
          stmt = _crm_store_worker_prepare (worker, "DELETE FROM person_photo WHERE person_id = ?",
                                            error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              _crm_store_set_error (error, db, rc, "undo import");
              return FALSE;
            }
          continue;
        }
      /* Custom values, tags and links written on existing records. */
      if (g_str_equal (kind, "custom_value"))
        {
          if (!_crm_io_custom_value_restore (worker, id, g_array_index (inserts, gboolean, i)
                                                           ? NULL : befores->pdata[i], error))
            return FALSE;
          continue;
        }
      if (g_str_equal (kind, "tag") && g_array_index (inserts, gboolean, i))
        {
          /* Last, once the links that use it are gone. */
          g_array_append_val (created_tags, id);
          continue;
        }
      if (g_str_equal (kind, "tag") || g_str_equal (kind, "record_tag"))
        {
          if (!_crm_import_tags_undo (worker, kind, id, g_array_index (inserts, gboolean, i),
                                      befores->pdata[i], error))
            return FALSE;
          continue;
        }
      if (g_str_equal (kind, "person"))
        table = "person";
      else if (g_str_equal (kind, "organization"))
        table = "organization";
      else if (g_str_equal (kind, "affiliation"))
        table = "affiliation";
      else
        continue;

      sql = g_strdup_printf ("SELECT updated FROM %s WHERE id = ?", table);
      stmt = _crm_store_worker_prepare (worker, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > created &&
          !g_str_equal (table, "affiliation"))
        (*n_edited)++;
      sqlite3_reset (stmt);

      if (g_array_index (inserts, gboolean, i))
        {
          g_free (sql);
          if (!g_str_equal (table, "affiliation") &&
              (!_crm_io_custom_values_delete (worker, table, id, error) ||
               !_crm_import_tags_delete_record (worker, table, id, error)))
            return FALSE;
          sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
          stmt = _crm_store_worker_prepare (worker, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              _crm_store_set_error (error, db, rc, "undo import");
              return FALSE;
            }
        }
      else if (!restore_update (worker, kind, id, befores->pdata[i], now, error))
        return FALSE;
    }

  for (guint i = 0; i < created_tags->len; i++)
    if (!_crm_import_tags_undo_created (worker, g_array_index (created_tags, gint64, i), error))
      return FALSE;

  stmt = _crm_store_worker_prepare (worker, "UPDATE import_batch SET undone = ?, updated = ? "
                                            "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MAX (now, 1));
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, batch_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, db, rc, "undo import");
      return FALSE;
    }
  return TRUE;
}

void
_crm_import_undo_job (CrmStoreWorker *worker,
                      GTask          *task,
                      gpointer        data)
{
  gint64 batch_id = *(gint64 *) data;
  GError *error = NULL;
  guint n_edited = 0;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_set_bulk (worker, TRUE);
  if (!undo_batch (worker, batch_id, &n_edited, &error) ||
      !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, n_edited);
}
