/* crm-search-index.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling the search index in bulk.  Day-to-day upkeep is done by the triggers
 * of crm-schema-v2.sql; this fills the index of a database that predates it
 * and rebuilds it on request.
 */

#define G_LOG_DOMAIN "CrmSearchIndex"

#include "config.h"

#include "crm-search-private.h"

static const char * const source_views[] = {
  "search_source_person",
  "search_source_organization",
  "search_source_deal",
  "search_source_ticket",
};

static gboolean
set_error_unless_ok (CrmStoreWorker  *worker,
                     int              rc,
                     GError         **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return FALSE;
}

/* Empties the key table without running its delete trigger once per row: the
 * trigger is set aside and put back exactly as the schema defines it. */
static gboolean
clear_index (CrmStoreWorker  *worker,
             GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *trigger_sql = NULL;

  stmt = _crm_store_worker_prepare (worker, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_key_ad'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    trigger_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (trigger_sql == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT, "The search index has no delete trigger");
      return FALSE;
    }

  return _crm_store_worker_exec (worker, "DROP TRIGGER search_key_ad", error) &&
         _crm_store_worker_exec (worker, "DELETE FROM search_key", error) &&
         _crm_store_worker_exec (worker, "DELETE FROM search_term", error) &&
         _crm_store_worker_exec (worker, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')", error) &&
         _crm_store_worker_exec (worker, trigger_sql, error);
}

/* Copies one kind's source view into the key table; the insert trigger fills
 * the trigram index and the term table. */
static gboolean
fill_kind (CrmStoreWorker  *worker,
           guint            kind_index,
           GError         **error)
{
  sqlite3 *db = _crm_store_worker_get_db (worker);
  g_autofree char *sql = g_strdup_printf ("SELECT kind, record_id, key FROM %s", source_views[kind_index]);
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *insert;
  gint64 doc;
  int rc;

  insert = _crm_store_worker_prepare (worker, "INSERT INTO search_key (doc, kind, record_id, key) VALUES (?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  rc = sqlite3_prepare_v2 (db, sql, -1, &select, NULL);
  if (!set_error_unless_ok (worker, rc, error))
    return FALSE;

  doc = (gint64) (kind_index + 1) << 40;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (insert, 1, ++doc);
      sqlite3_bind_int64 (insert, 2, sqlite3_column_int64 (select, 0));
      sqlite3_bind_int64 (insert, 3, sqlite3_column_int64 (select, 1));
      sqlite3_bind_text (insert, 4, (const char *) sqlite3_column_text (select, 2), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_finalize (select);
  return set_error_unless_ok (worker, rc, error);
}

gboolean
_crm_search_worker_fill (CrmStoreWorker  *worker,
                         GError         **error)
{
  if (!clear_index (worker, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (source_views); i++)
    if (!fill_kind (worker, i, error))
      return FALSE;
  return _crm_store_worker_exec (worker, "INSERT OR REPLACE INTO meta (key, value) VALUES ('search-index', 'current')", error);
}

gboolean
_crm_search_worker_ensure_index (CrmStoreWorker  *worker,
                                 GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean stale;

  stmt = _crm_store_worker_prepare (worker, "SELECT 1 FROM meta WHERE key = 'search-index' AND value = 'stale'", error);
  if (stmt == NULL)
    return FALSE;
  stale = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!stale)
    return TRUE;

  g_debug ("Building the search index");
  if (!_crm_store_worker_begin (worker, error))
    return FALSE;
  /* Index rows are not records: nobody needs to hear of them. */
  _crm_store_worker_set_bulk (worker, TRUE);
  if (!_crm_search_worker_fill (worker, error))
    {
      _crm_store_worker_rollback (worker);
      return FALSE;
    }
  return _crm_store_worker_commit (worker, error);
}
