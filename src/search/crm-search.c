/* crm-search.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running a parsed query against the index on the store's worker.  For each
 * kind, up to three indexed reads, each stopping at the limit:
 *   1. prefix: records with an indexed word starting with the longest non-Han
 *      term (B-tree range on search_fts_term) — these rank first;
 *   2. substring: the FTS5 trigram index for the terms of 3+ characters, or
 *      the gram lookup (search_fts_term) for 1–2 Han characters;
 * and every other term must be a substring of the record's folded key
 * (instr() on search_key, which both reads join anyway).  Records changed
 * since the last search are folded in first.  The worker returns plain
 * structs; the main thread makes the CrmSearchHit objects.
 */

#define G_LOG_DOMAIN "CrmSearch"

#include "config.h"

#include "crm-search-private.h"
#include "crm-search-query.h"

#define DEFAULT_LIMIT 10
#define MAX_LIMIT 1000
/* Prefix candidates read for a query with more than one term (see below). */
#define MAX_PREFIX_CANDIDATES 256

typedef struct
{
  CrmSearchKind  kind;
  gint64         record_id;
  char          *title;
  char          *subtitle;
} HitRow;

typedef struct
{
  char  *text;
  guint  limit;
} SearchData;

static void
hit_row_free (gpointer data)
{
  HitRow *row = data;

  g_free (row->title);
  g_free (row->subtitle);
  g_free (row);
}

static void
search_data_free (gpointer data)
{
  SearchData *d = data;

  g_free (d->text);
  g_free (d);
}

/* " AND instr(k.key, ?N) > 0" for each term but @skip (and, with
 * @skip_trigram, but the trigram terms the MATCH already checks); binds them
 * from parameter @first on. */
static void
append_filters (GString              *sql,
                const CrmSearchQuery *query,
                const CrmSearchTerm  *skip,
                gboolean              skip_trigram,
                int                   first)
{
  for (guint i = 0; i < crm_search_query_get_n_terms (query); i++)
    {
      const CrmSearchTerm *term = crm_search_query_get_term (query, i);

      if (term == skip || (skip_trigram && term->path == CRM_SEARCH_PATH_TRIGRAM))
        continue;
      g_string_append_printf (sql, " AND instr(k.key, ?%d) > 0", first++);
    }
}

static void
bind_filters (sqlite3_stmt         *stmt,
              const CrmSearchQuery *query,
              const CrmSearchTerm  *skip,
              gboolean              skip_trigram,
              int                   first)
{
  for (guint i = 0; i < crm_search_query_get_n_terms (query); i++)
    {
      const CrmSearchTerm *term = crm_search_query_get_term (query, i);

      if (term == skip || (skip_trigram && term->path == CRM_SEARCH_PATH_TRIGRAM))
        continue;
      sqlite3_bind_text (stmt, first++, term->text, -1, SQLITE_STATIC);
    }
}

/* Steps @stmt (column 0: record id) and adds the ids not seen yet. */
static gboolean
collect_ids (CrmStoreWorker  *worker,
             sqlite3_stmt    *stmt,
             GArray          *ids,
             guint            limit,
             GError         **error)
{
  int rc;

  while (ids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_array_index (ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  if (ids->len < limit && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
find_by_prefix (CrmStoreWorker        *worker,
                const CrmSearchQuery  *query,
                CrmSearchKind          kind,
                GArray                *ids,
                guint                  limit,
                GError               **error)
{
  const CrmSearchTerm *prefix = crm_search_query_get_prefix_term (query);
  g_autoptr(GString) sql = NULL;
  g_autofree char *upper = NULL;
  sqlite3_stmt *stmt;

  if (prefix == NULL)
    return TRUE;

  /* With other terms to check, a common prefix could mean reading thousands
   * of keys that all fail the other terms ("cedar hot" over every
   * @cedarwood.com address).  A prefix of 3+ characters is also a trigram
   * term, so the substring read finds whatever this bounded read misses; only
   * the ranking may lose, and only for such rare combinations. */
  if (prefix->path == CRM_SEARCH_PATH_TRIGRAM && crm_search_query_get_n_terms (query) > 1)
    sql = g_string_new ("SELECT DISTINCT k.record_id FROM"
                        " (SELECT doc FROM search_fts_term WHERE kind = ?1 AND term >= ?2 AND term < ?3"
                        "  LIMIT " G_STRINGIFY (MAX_PREFIX_CANDIDATES) ") t"
                        " JOIN search_key k ON k.doc = t.doc WHERE 1");
  else
    sql = g_string_new ("SELECT DISTINCT k.record_id FROM search_fts_term t JOIN search_key k ON k.doc = t.doc"
                        " WHERE t.kind = ?1 AND t.term >= ?2 AND t.term < ?3");
  append_filters (sql, query, prefix, FALSE, 4);
  g_string_append_printf (sql, " LIMIT %u", limit);
  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;

  /* Every UTF-8 string that starts with the prefix sorts below prefix + 0xff. */
  upper = g_strconcat (prefix->text, "\xff", NULL);
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_text (stmt, 2, prefix->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, upper, -1, SQLITE_STATIC);
  bind_filters (stmt, query, prefix, FALSE, 4);
  return collect_ids (worker, stmt, ids, limit, error);
}

static gboolean
find_by_trigram (CrmStoreWorker        *worker,
                 const CrmSearchQuery  *query,
                 const char            *match,
                 CrmSearchKind          kind,
                 GArray                *ids,
                 guint                  limit,
                 GError               **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  /* The kind's rowid range lets FTS5 skip the other kinds' documents. */
  sql = g_string_new ("SELECT k.record_id FROM search_fts f JOIN search_key k ON k.doc = f.rowid"
                      " WHERE search_fts MATCH ?1 AND f.rowid > ?2 AND f.rowid < ?3");
  append_filters (sql, query, NULL, TRUE, 4);
  g_string_append_printf (sql, " LIMIT %u", limit);
  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) kind << 40);
  sqlite3_bind_int64 (stmt, 3, (gint64) (kind + 1) << 40);
  bind_filters (stmt, query, NULL, TRUE, 4);
  return collect_ids (worker, stmt, ids, limit, error);
}

static gboolean
find_by_gram (CrmStoreWorker        *worker,
              const CrmSearchQuery  *query,
              CrmSearchKind          kind,
              GArray                *ids,
              guint                  limit,
              GError               **error)
{
  const CrmSearchTerm *gram = crm_search_query_get_gram_term (query);
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  if (gram == NULL)
    return TRUE;

  sql = g_string_new ("SELECT k.record_id FROM search_fts_term t JOIN search_key k ON k.doc = t.doc"
                      " WHERE t.kind = ?1 AND t.term = ?2");
  append_filters (sql, query, gram, FALSE, 3);
  g_string_append_printf (sql, " LIMIT %u", limit);
  if (!(stmt = _crm_store_worker_prepare (worker, sql->str, error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_text (stmt, 2, gram->text, -1, SQLITE_STATIC);
  bind_filters (stmt, query, gram, FALSE, 3);
  return collect_ids (worker, stmt, ids, limit, error);
}

/* The title and subtitle of each kind's records. */
static const char * const describe_sql[] = {
  [CRM_SEARCH_KIND_PERSON] =
    "SELECT CASE WHEN display_name != '' THEN display_name ELSE trim (given_name || ' ' || family_name) END,"
    " CASE WHEN email != '' THEN email ELSE phone END FROM person WHERE id = ?",
  [CRM_SEARCH_KIND_ORGANIZATION] =
    "SELECT name, city FROM organization WHERE id = ?",
  [CRM_SEARCH_KIND_DEAL] =
    "SELECT d.name, coalesce (o.name, '') FROM deal d LEFT JOIN organization o ON o.id = d.organization_id"
    " WHERE d.id = ?",
  [CRM_SEARCH_KIND_TICKET] =
    "SELECT subject, '#' || number FROM ticket WHERE id = ?",
};

static gboolean
describe_hits (CrmStoreWorker  *worker,
               CrmSearchKind    kind,
               GArray          *ids,
               GPtrArray       *hits,
               GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, describe_sql[kind], error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      HitRow *row;
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          row = g_new0 (HitRow, 1);
          row->kind = kind;
          row->record_id = g_array_index (ids, gint64, i);
          row->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          row->subtitle = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (hits, row);
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
search_kind (CrmStoreWorker        *worker,
             const CrmSearchQuery  *query,
             const char            *match,
             CrmSearchKind          kind,
             guint                  limit,
             GPtrArray             *hits,
             GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!find_by_prefix (worker, query, kind, ids, limit, error))
    return FALSE;
  if (ids->len < limit)
    {
      gboolean ok;

      if (match != NULL)
        ok = find_by_trigram (worker, query, match, kind, ids, limit, error);
      else
        ok = find_by_gram (worker, query, kind, ids, limit, error);
      if (!ok)
        return FALSE;
    }
  return describe_hits (worker, kind, ids, hits, error);
}

/* About half a second of indexing at most before a search. */
#define SEARCH_FLUSH_LIMIT 4000

static void
search_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  SearchData *d = data;
  g_autoptr(CrmSearchQuery) query = crm_search_query_parse (d->text, -1);
  g_autofree char *match = crm_search_query_dup_match (query);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (hit_row_free);
  GError *error = NULL;
  gboolean more;

  /* Records written since the last search (by anyone) enter the index now:
   * a few edits at once, a big backlog (an import) a batch at a time, the
   * rest drained by the store between other jobs, so that typing never
   * waits minutes for it. */
  if (!_crm_search_worker_flush_some (worker, SEARCH_FLUSH_LIMIT, &more, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (crm_search_query_get_n_terms (query) > 0)
    {
      for (CrmSearchKind kind = CRM_SEARCH_KIND_FIRST; kind <= CRM_SEARCH_KIND_LAST; kind++)
        {
          if (g_task_return_error_if_cancelled (task))
            return;
          if (!search_kind (worker, query, match, kind, d->limit, hits, &error))
            {
              g_task_return_error (task, error);
              return;
            }
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&hits), (GDestroyNotify) g_ptr_array_unref);
}

static GListModel *
hits_to_model (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (CRM_TYPE_SEARCH_HIT);

  for (guint i = 0; i < rows->len; i++)
    {
      HitRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmSearchHit) hit = crm_search_hit_new (row->kind, row->record_id, row->title, row->subtitle);

      g_list_store_append (store, hit);
    }
  return G_LIST_MODEL (store);
}

static SearchData *
search_data_new (const char *text,
                 guint       limit_per_kind)
{
  SearchData *d = g_new0 (SearchData, 1);

  d->text = g_strdup (text);
  d->limit = limit_per_kind == 0 ? DEFAULT_LIMIT : MIN (limit_per_kind, MAX_LIMIT);
  return d;
}

void
crm_search_async (CrmStore            *store,
                  const char          *text,
                  guint                limit_per_kind,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (text != NULL);

  _crm_store_run_async (store, search_job, search_data_new (text, limit_per_kind), search_data_free,
                        crm_search_async, "crm-search", cancellable, callback, user_data);
}

GListModel *
crm_search_finish (CrmStore      *store,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  rows = g_task_propagate_pointer (G_TASK (result), error);
  if (rows == NULL)
    return NULL;
  return hits_to_model (rows);
}

GListModel *
crm_search_sync (CrmStore    *store,
                 const char  *text,
                 guint        limit_per_kind,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  rows = _crm_store_run_sync (store, search_job, search_data_new (text, limit_per_kind), search_data_free, error);
  if (rows == NULL)
    return NULL;
  return hits_to_model (rows);
}

static void
rebuild_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_set_bulk (worker, TRUE);
  if (!_crm_search_worker_fill (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  if (!_crm_store_worker_commit (worker, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
crm_search_rebuild_async (CrmStore            *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, rebuild_job, NULL, NULL, crm_search_rebuild_async, "crm-search-rebuild",
                        cancellable, callback, user_data);
}

gboolean
crm_search_rebuild_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
crm_search_rebuild_sync (CrmStore  *store,
                         GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  return _crm_store_run_sync (store, rebuild_job, NULL, NULL, error) != NULL;
}

static void
flush_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  GError *error = NULL;

  if (!_crm_search_worker_flush (worker, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

gboolean
crm_search_flush_sync (CrmStore  *store,
                       GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  return _crm_store_run_sync (store, flush_job, NULL, NULL, error) != NULL;
}

static void
drain_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  GError *error = NULL;
  gboolean more = FALSE;

  if (!_crm_search_worker_flush_some (worker, GPOINTER_TO_UINT (data), &more, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, more);
}

void
_crm_search_drain_async (CrmStore            *store,
                         guint                batch,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  _crm_store_run_async (store, drain_job, GUINT_TO_POINTER (batch), NULL, _crm_search_drain_async,
                        "crm-search-drain", cancellable, callback, user_data);
}

int
_crm_search_drain_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return (int) g_task_propagate_int (G_TASK (result), error);
}

static void
optimize_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_exec (worker, "INSERT INTO search_fts (search_fts) VALUES ('optimize')", &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
_crm_search_optimize_async (CrmStore            *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  _crm_store_run_async (store, optimize_job, NULL, NULL, _crm_search_optimize_async,
                        "crm-search-optimize", cancellable, callback, user_data);
}
