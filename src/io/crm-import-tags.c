/* crm-import-tags.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: the tags of the file's rows (a CSV "Tags" column, vCard
 * CATEGORIES) as the records' tags, on the store's worker.  A tag is found
 * by its name, made when there is none, or taken out of the trash; a new
 * record gets all of the row's tags (their links go in many at a time, and
 * go with the record on undo), an existing one gets those it lacks, never
 * losing any.  Every tag made or revived and every link added to an
 * existing record is recorded in import_change, so that undo takes back
 * exactly that (crm-import-undo.c).
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <json-glib/json-glib.h>

#include "crm-import-private.h"

struct _CrmImportTags
{
  CrmStoreWorker   *worker;
  const char       *kind;       /* record_kind: person | organization */
  gint64            now;
  gint64            batch_id;
  CrmImportPending *changes;    /* borrowed: import_change rows */
  CrmImportPending *links;      /* new records' record_tag rows */
  GHashTable       *ids;        /* name → gint64* id of the live tag */
};

CrmImportTags *
_crm_import_tags_new (CrmStoreWorker   *worker,
                      const char       *kind,
                      gint64            now,
                      gint64            batch_id,
                      CrmImportPending *changes)
{
  CrmImportTags *self = g_new0 (CrmImportTags, 1);

  self->worker = worker;
  self->kind = kind;
  self->now = now;
  self->batch_id = batch_id;
  self->changes = changes;
  self->links = _crm_import_pending_new (worker,
                                         "INSERT OR FAIL INTO record_tag (id, created, updated, "
                                         "tag_id, record_kind, record_id) VALUES ", 6);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
_crm_import_tags_free (CrmImportTags *self)
{
  _crm_import_pending_free (self->links);
  g_hash_table_unref (self->ids);
  g_free (self);
}

gboolean
_crm_import_tags_flush (CrmImportTags  *self,
                        GError        **error)
{
  return _crm_import_pending_flush (self->links, TRUE, error);
}

/* {"deleted": 1, "updated": @updated}: what a revived row had. */
static char *
trashed_before (gint64 updated)
{
  return g_strdup_printf ("{\"deleted\":1,\"updated\":%" G_GINT64_FORMAT "}", updated);
}

/* The live tag called @name: found, revived or made. */
static gboolean
ensure_tag (CrmImportTags  *self,
            const char     *name,
            gint64         *tag_id,
            GError        **error)
{
  gint64 *cached = g_hash_table_lookup (self->ids, name);
  sqlite3_stmt *stmt;
  gboolean deleted = FALSE;
  gint64 updated = 0;
  int rc;

  if (cached != NULL)
    {
      *tag_id = *cached;
      return TRUE;
    }
  stmt = _crm_store_worker_prepare (self->worker,
                                    "SELECT id, deleted, updated FROM tag WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *tag_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc == SQLITE_ROW)
    {
      deleted = sqlite3_column_int64 (stmt, 1) != 0;
      updated = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (self->worker), rc, "import");
      return FALSE;
    }

  if (*tag_id != 0 && deleted)
    {
      g_autofree char *before = trashed_before (updated);

      stmt = _crm_store_worker_prepare (self->worker,
                                        "UPDATE tag SET deleted = 0, updated = ? WHERE id = ?",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->now);
      sqlite3_bind_int64 (stmt, 2, *tag_id);
      if (!_crm_store_worker_step (self->worker, stmt, error) ||
          !_crm_import_pending_add_change (self->changes, self->batch_id, "tag", *tag_id,
                                           "update", before, error))
        return FALSE;
    }
  else if (*tag_id == 0)
    {
      *tag_id = _crm_store_worker_next_id (self->worker);
      stmt = _crm_store_worker_prepare (self->worker,
                                        "INSERT INTO tag (id, created, updated, name) "
                                        "VALUES (?1, ?2, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *tag_id);
      sqlite3_bind_int64 (stmt, 2, self->now);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
      if (!_crm_store_worker_step (self->worker, stmt, error) ||
          !_crm_import_pending_add_change (self->changes, self->batch_id, "tag", *tag_id,
                                           "insert", NULL, error))
        return FALSE;
    }
  g_hash_table_insert (self->ids, g_strdup (name), g_memdup2 (tag_id, sizeof *tag_id));
  return TRUE;
}

/* The ids of the live tags named in @names, each once (two spellings may
 * not name two tags, but the same name twice is one link). */
static gboolean
ensure_tags (CrmImportTags  *self,
             GPtrArray      *names,
             GArray         *tag_ids,
             GError        **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      gboolean seen = FALSE;
      gint64 tag_id;

      if (name[0] == '\0')
        continue;
      if (!ensure_tag (self, name, &tag_id, error))
        return FALSE;
      for (guint j = 0; j < tag_ids->len && !seen; j++)
        seen = g_array_index (tag_ids, gint64, j) == tag_id;
      if (!seen)
        g_array_append_val (tag_ids, tag_id);
    }
  return TRUE;
}

/* A record the import just made: its links go with it on undo (see
 * crm-import-undo.c), so they are not recorded. */
gboolean
_crm_import_tags_add_new (CrmImportTags  *self,
                          gint64          record_id,
                          GPtrArray      *names,
                          GError        **error)
{
  g_autoptr(GArray) tag_ids = NULL;

  if (names == NULL || names->len == 0)
    return TRUE;
  tag_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), names->len);
  if (!ensure_tags (self, names, tag_ids, error))
    return FALSE;
  for (guint i = 0; i < tag_ids->len; i++)
    {
      _crm_import_pending_add_int (self->links, _crm_store_worker_next_id (self->worker));
      _crm_import_pending_add_int (self->links, self->now);
      _crm_import_pending_add_int (self->links, self->now);
      _crm_import_pending_add_int (self->links, g_array_index (tag_ids, gint64, i));
      _crm_import_pending_add_text (self->links, self->kind);
      _crm_import_pending_add_int (self->links, record_id);
      if (_crm_import_pending_is_full (self->links) &&
          !_crm_import_pending_flush (self->links, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* An existing record: the tags it lacks, a link in the trash revived. */
gboolean
_crm_import_tags_add_existing (CrmImportTags  *self,
                               gint64          record_id,
                               GPtrArray      *names,
                               gboolean       *added,
                               GError        **error)
{
  g_autoptr(GArray) tag_ids = NULL;
  sqlite3_stmt *find, *stmt;

  *added = FALSE;
  if (names == NULL || names->len == 0)
    return TRUE;
  tag_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), names->len);
  if (!_crm_import_tags_flush (self, error) || !ensure_tags (self, names, tag_ids, error))
    return FALSE;
  find = _crm_store_worker_prepare (self->worker,
                                    "SELECT id, deleted, updated FROM record_tag WHERE tag_id = ? "
                                    "AND record_kind = ? AND record_id = ?", error);
  if (find == NULL)
    return FALSE;
  for (guint i = 0; i < tag_ids->len; i++)
    {
      gint64 tag_id = g_array_index (tag_ids, gint64, i);
      gint64 link = 0, updated = 0;
      gboolean deleted = FALSE;
      int rc;

      sqlite3_bind_int64 (find, 1, tag_id);
      sqlite3_bind_text (find, 2, self->kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (find, 3, record_id);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        {
          link = sqlite3_column_int64 (find, 0);
          deleted = sqlite3_column_int64 (find, 1) != 0;
          updated = sqlite3_column_int64 (find, 2);
        }
      sqlite3_reset (find);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (self->worker), rc, "import");
          return FALSE;
        }
      if (link != 0 && !deleted)
        continue;

      if (link != 0)
        {
          g_autofree char *before = trashed_before (updated);

          stmt = _crm_store_worker_prepare (self->worker, "UPDATE record_tag SET deleted = 0, "
                                                          "updated = ? WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, self->now);
          sqlite3_bind_int64 (stmt, 2, link);
          if (!_crm_store_worker_step (self->worker, stmt, error) ||
              !_crm_import_pending_add_change (self->changes, self->batch_id, "record_tag", link,
                                               "update", before, error))
            return FALSE;
        }
      else
        {
          link = _crm_store_worker_next_id (self->worker);
          stmt = _crm_store_worker_prepare (self->worker,
                                            "INSERT OR FAIL INTO record_tag (id, created, updated, "
                                            "tag_id, record_kind, record_id) "
                                            "VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, link);
          sqlite3_bind_int64 (stmt, 2, self->now);
          sqlite3_bind_int64 (stmt, 3, tag_id);
          sqlite3_bind_text (stmt, 4, self->kind, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, record_id);
          if (!_crm_store_worker_step (self->worker, stmt, error) ||
              !_crm_import_pending_add_change (self->changes, self->batch_id, "record_tag", link,
                                               "insert", NULL, error))
            return FALSE;
        }
      *added = TRUE;
    }
  return TRUE;
}

/* --- undo --- */

static gboolean
exec_id (CrmStoreWorker  *worker,
         const char      *sql,
         gint64           id,
         GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _crm_store_worker_step (worker, stmt, error);
}

/* Takes back one recorded change of kind "tag" or "record_tag": a link
 * added goes, a revived tag or link goes back to the trash with its old
 * time.  A tag the import made goes only once nothing links to it any more
 * (undo asks for that last, see _crm_import_tags_undo_created()). */
gboolean
_crm_import_tags_undo (CrmStoreWorker  *worker,
                       const char      *kind,
                       gint64           id,
                       gboolean         insert,
                       const char      *before,
                       GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  sqlite3_stmt *stmt;

  if (insert)
    return !g_str_equal (kind, "record_tag") ||
           exec_id (worker, "DELETE FROM record_tag WHERE id = ?", id, error);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, before, -1, error))
    return FALSE;
  object = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
             ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (object == NULL)
    return TRUE;
  stmt = _crm_store_worker_prepare (worker,
                                    g_str_equal (kind, "tag")
                                      ? "UPDATE tag SET deleted = ?, updated = ? WHERE id = ?"
                                      : "UPDATE record_tag SET deleted = ?, updated = ? WHERE id = ?",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member_with_default (object, "deleted", 1));
  sqlite3_bind_int64 (stmt, 2, json_object_get_int_member_with_default (object, "updated", 0));
  sqlite3_bind_int64 (stmt, 3, id);
  return _crm_store_worker_step (worker, stmt, error);
}

/* A tag the import made, once the import's links are gone: removed unless
 * someone tagged another record with it since. */
gboolean
_crm_import_tags_undo_created (CrmStoreWorker  *worker,
                               gint64           tag_id,
                               GError         **error)
{
  return exec_id (worker, "DELETE FROM tag WHERE id = ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM record_tag WHERE tag_id = ?1)", tag_id, error);
}

/* The links of a record the import made, which go with it. */
gboolean
_crm_import_tags_delete_record (CrmStoreWorker  *worker,
                                const char      *kind,
                                gint64           record_id,
                                GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "DELETE FROM record_tag WHERE "
                                                          "record_kind = ? AND record_id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  return _crm_store_worker_step (worker, stmt, error);
}
