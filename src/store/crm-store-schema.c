/* crm-store-schema.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a database file and bringing its schema up to date.  Each migration
 * is a SQL file (crm-schema-vN.sql) applied in one transaction, keyed on
 * PRAGMA user_version.  A file we did not make, a damaged file or one made by
 * a newer Rapport is refused before anything is written to it.
 */

#define G_LOG_DOMAIN "CrmStoreSchema"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-search-fold.h"
#include "crm-search-private.h"
#include "crm-store-resources.h"
#include "crm-store-worker.h"

/* 'RAPT': marks the file as Rapport's (PRAGMA application_id). */
#define CRM_APPLICATION_ID 0x52415054

static const char * const migrations[] = {
  "crm-schema-v1.sql",
  "crm-schema-v2.sql",
  "crm-schema-v3.sql",
  "crm-schema-v4.sql",
  "crm-schema-v5.sql",
  "crm-schema-v6.sql",
  "crm-schema-v7.sql",
  "crm-schema-v8.sql",
};

int
crm_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    _crm_store_set_error (error, db, rc, NULL);
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
apply_migration (CrmStoreWorker  *worker,
                 int              version,
                 GError         **error)
{
  g_autofree char *path = g_strdup_printf ("/io/github/rapportcrm/Rapport/store/%s", migrations[version - 1]);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pragma = NULL;

  bytes = g_resource_lookup_data (crm_store_get_resource (), path, 0, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

  return _crm_store_worker_exec (worker, sql, error) &&
         _crm_store_worker_exec (worker, pragma, error);
}

static gboolean
migrate (CrmStoreWorker  *worker,
         gint64           from,
         GError         **error)
{
  int latest = crm_store_get_latest_schema_version ();

  if (from >= latest)
    return TRUE;

  if (!_crm_store_worker_begin (worker, error))
    return FALSE;
  /* Schema changes are not record changes: nobody needs to hear of them. */
  _crm_store_worker_set_bulk (worker, TRUE);

  if (from == 0 &&
      !_crm_store_worker_exec (worker, "PRAGMA application_id = 1380012116", error))
    goto failed;

  for (int v = from + 1; v <= latest; v++)
    if (!apply_migration (worker, v, error))
      goto failed;

  return _crm_store_worker_commit (worker, error);

failed:
  _crm_store_worker_rollback (worker);
  return FALSE;
}

gboolean
_crm_store_worker_open (CrmStoreWorker  *worker,
                        const char      *path,
                        GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_tables = 0;
  int rc;

  G_STATIC_ASSERT (CRM_APPLICATION_ID == 1380012116);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, CRM_STORE_ERROR,
                   errsv == ENOSPC ? CRM_STORE_ERROR_DISK_FULL : CRM_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” can not be created: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, db, rc, NULL);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 2000);
  /* The search index is filled in SQL that calls these folding functions
   * (the triggers themselves only queue changed records, so that any
   * program can write to the file). */
  _crm_search_register_functions (db);
  _crm_store_worker_set_db (worker, db);

  /* Reading the schema fails on a damaged file or one that is not SQLite. */
  if (!query_int (db, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", &n_tables, error))
    goto failed;

  if ((app_id != 0 && app_id != CRM_APPLICATION_ID) || (app_id == 0 && n_tables > 0))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("“%s” is a database of another program, not of Rapport."), path);
      goto failed;
    }

  if (version > crm_store_get_latest_schema_version ())
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION,
                   _("This database was made by a newer version of Rapport (schema %d; this version knows up to %d). Update Rapport to open it."),
                   (int) version, crm_store_get_latest_schema_version ());
      goto failed;
    }

  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                   _("The database file “%s” is read-only. Rapport needs to write to it."), path);
      goto failed;
    }

  if (!_crm_store_worker_exec (worker, "PRAGMA journal_mode = WAL", error) ||
      !_crm_store_worker_exec (worker, "PRAGMA synchronous = NORMAL", error) ||
      !_crm_store_worker_exec (worker, "PRAGMA foreign_keys = ON", error) ||
      !_crm_store_worker_exec (worker, "PRAGMA cache_size = -4000", error) ||
      !_crm_store_worker_exec (worker, "PRAGMA temp_store = MEMORY", error))
    goto failed;

  if (!migrate (worker, version, error))
    goto failed;

  /* A database from before the search index gets it now. */
  if (!_crm_search_worker_ensure_index (worker, error))
    goto failed;

  if (!_crm_store_worker_load_ids (worker, error))
    goto failed;

  return TRUE;

failed:
  _crm_store_worker_set_db (worker, NULL);
  return FALSE;
}
