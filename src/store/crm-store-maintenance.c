/* crm-store-maintenance.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmStore: integrity checks, backups, statistics and restoring a
 * backup (used by rapport-cli and the failure screen).
 */

#define G_LOG_DOMAIN "CrmStore"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-models.h"
#include "crm-record-private.h"
#include "crm-store-worker.h"

static void
max_pages_job (CrmStoreWorker *worker,
               GTask          *task,
               gpointer        data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, *(gint64 *) data);
  GError *error = NULL;

  if (!_crm_store_worker_exec (worker, sql, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

static void
check_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s\n", line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    goto failed;

  rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (problems, _("Row %lld of table %s refers to a missing row of table %s.\n"),
                            (long long) sqlite3_column_int64 (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    goto failed;

  g_task_return_pointer (task, problems->len ? g_strdup (problems->str) : NULL, g_free);
  return;

failed:
  _crm_store_set_error (&error, db, rc, NULL);
  g_task_return_error (task, error);
}

static void
backup_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  const char *dest = data;
  g_autofree char *partial = g_strdup_printf ("%s.partial", dest);
  sqlite3_stmt *stmt = NULL;
  GError *error = NULL;
  int rc;

  /* VACUUM INTO writes a compact, consistent copy; it goes to a side file
   * first, so an interrupted backup never leaves a half-written DEST. */
  g_unlink (partial);
  rc = sqlite3_prepare_v2 (_crm_store_worker_get_db (worker), "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, _("The backup could not be written."));
      g_unlink (partial);
      g_task_return_error (task, error);
      return;
    }

  if (g_rename (partial, dest) != 0)
    {
      int errsv = errno;

      g_unlink (partial);
      g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                               _("The backup could not be saved as “%s”: %s"), dest, g_strerror (errsv));
      return;
    }

  g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
stats_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  g_autoptr(GPtrArray) types = crm_record_list_types ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GVariantBuilder builder;
  GError *error = NULL;

  for (guint i = 0; i < types->len; i++)
    g_ptr_array_add (names, _crm_table_for_type (GPOINTER_TO_SIZE (types->pdata[i]))->name);
  g_ptr_array_sort (names, compare_names);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sx}"));
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", name);
      sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, &error);
      int rc;

      if (stmt == NULL)
        goto failed;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
          sqlite3_reset (stmt);
          goto failed;
        }
      g_variant_builder_add (&builder, "{sx}", name, (gint64) sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
    }

  g_task_return_pointer (task, g_variant_ref_sink (g_variant_builder_end (&builder)),
                         (GDestroyNotify) g_variant_unref);
  return;

failed:
  g_variant_builder_clear (&builder);
  g_task_return_error (task, error);
}

/* maintenance */

static void
pointer_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, value, g_task_get_task_data (outer));
}

/* Runs a job returning a pointer; @free_result frees it if nobody takes it. */
static void
run_pointer_job (CrmStore            *self,
                 CrmStoreJobFunc      func,
                 gpointer             data,
                 GDestroyNotify       destroy,
                 GDestroyNotify       free_result,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, free_result, NULL);
  _crm_store_run_async (self, func, data, destroy, source_tag, "crm-store-maintenance",
                        cancellable, pointer_cb, outer);
}

void
crm_store_check_async (CrmStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));

  run_pointer_job (self, check_job, NULL, NULL, g_free, crm_store_check_async,
                   cancellable, callback, user_data);
}

char *
crm_store_check_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_store_backup_async (CrmStore            *self,
                        const char          *dest_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (dest_path != NULL);

  run_pointer_job (self, backup_job, g_strdup (dest_path), g_free, NULL, crm_store_backup_async,
                   cancellable, callback, user_data);
}

gboolean
crm_store_backup_finish (CrmStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

void
crm_store_stats_async (CrmStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));

  run_pointer_job (self, stats_job, NULL, NULL, (GDestroyNotify) g_variant_unref,
                   crm_store_stats_async, cancellable, callback, user_data);
}

GVariant *
crm_store_stats_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_crm_store_set_max_pages_for_testing (CrmStore  *self,
                                      gint64     pages,
                                      GError   **error)
{
  return _crm_store_run_sync (self, max_pages_job, g_memdup2 (&pages, sizeof pages), g_free, error) != NULL;
}

/* restore */

static gboolean
verify_backup (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = -1, version = -1;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                               "(SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, db, rc, _("The backup can not be read."));
      return FALSE;
    }

  if (app_id != 1380012116 || version < 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Rapport backup."), path);
      return FALSE;
    }
  if (version > crm_store_get_latest_schema_version ())
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION,
                   _("The backup was made by a newer version of Rapport."));
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW || !ok)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged."), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
move_aside (const char  *path,
            const char  *aside,
            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  /* The database and its WAL move together, so the old state stays whole. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int errsv = errno;

          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                       _("“%s” could not be moved aside: %s"), from, g_strerror (errsv));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
crm_store_restore_file (const char  *backup_path,
                        const char  *dest_path,
                        GError     **error)
{
  g_autofree char *partial = g_strconcat (dest_path, ".restoring", NULL);
  g_autofree char *aside = g_strconcat (dest_path, ".before-restore", NULL);
  guint n = 1;
  g_autofree char *dir = g_path_get_dirname (dest_path);
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The backup “%s” does not exist."), backup_path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, src, rc, _("The backup can not be read."));
      sqlite3_close_v2 (src);
      return FALSE;
    }
  if (!verify_backup (src, backup_path, error))
    {
      sqlite3_close_v2 (src);
      return FALSE;
    }

  /* Copy into a side file first: the current database is only moved aside
   * once a whole, verified copy exists. */
  g_mkdir_with_parents (dir, 0700);
  g_unlink (partial);
  rc = sqlite3_open_v2 (partial, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dst);
    }
  if (rc != SQLITE_OK)
    _crm_store_set_error (error, dst, rc, _("The backup could not be copied."));
  sqlite3_close_v2 (dst);
  sqlite3_close_v2 (src);

  if (rc != SQLITE_OK)
    {
      g_unlink (partial);
      return FALSE;
    }

  /* Never overwrite what an earlier restore kept. */
  while (g_file_test (aside, G_FILE_TEST_EXISTS))
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.before-restore.%u", dest_path, n++);
    }

  if (!move_aside (dest_path, aside, error))
    {
      g_unlink (partial);
      return FALSE;
    }

  if (g_rename (partial, dest_path) != 0)
    {
      int errsv = errno;

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   _("The restored database could not be put in place: %s"), g_strerror (errsv));
      /* Put the old one back. */
      move_aside (aside, dest_path, NULL);
      g_unlink (partial);
      return FALSE;
    }

  return TRUE;
}
