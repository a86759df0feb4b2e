/* crm-selfservice-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The self-service log import (see the header): one job on the store's
 * worker reads the file with the CSV reader and writes every resolved row in
 * one transaction; the articles are read first (a knowledge base has
 * thousands at most), emails are looked up once each through the person
 * email index.
 */

#define G_LOG_DOMAIN "CrmSelfServiceImport"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv.h"
#include "crm-email.h"
#include "crm-kb-private.h"
#include "crm-selfservice-private.h"
#include "crm-store-private.h"

/* Times up to a day ahead are clock skew between the portal and here. */
#define FUTURE_SLACK (24 * 60 * 60)
/* The import checks for cancellation every this many rows. */
#define CANCEL_CHECK_ROWS 256

G_DEFINE_QUARK (crm-selfservice-import-error-quark, crm_selfservice_import_error)

typedef struct
{
  GFile     *file;
  GTimeZone *tz;
} ImportData;

typedef struct
{
  CrmStoreWorker             *worker;
  GCancellable               *cancellable;
  CrmSelfServiceImportResult *result;
  GTimeZone                  *tz;
  gint64                      now;

  int                         columns[N_COLUMNS][4]; /* column indexes, -1 ended */
  GHashTable                 *article_ids;    /* gint64* (live articles) */
  GHashTable                 *article_titles; /* lower-case title → gint64* (0: several) */
  GHashTable                 *people;         /* email as written → gint64* (0: nobody) */
  GHashTable                 *seen;           /* duplicate keys within the file */
} Importer;

void
crm_selfservice_import_result_free (CrmSelfServiceImportResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < result->rejected->len; i++)
    g_free (g_array_index (result->rejected, CrmSelfServiceRejection, i).value);
  g_array_unref (result->rejected);
  g_array_unref (result->ids);
  g_free (result->encoding);
  g_free (result);
}

static CrmSelfServiceImportResult *
result_new (void)
{
  CrmSelfServiceImportResult *result = g_new0 (CrmSelfServiceImportResult, 1);

  result->rejected = g_array_new (FALSE, FALSE, sizeof (CrmSelfServiceRejection));
  result->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return result;
}

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_object_unref (d->file);
  g_clear_pointer (&d->tz, g_time_zone_unref);
  g_free (d);
}

static void
reject (Importer   *imp,
        guint       line,
        const char *reason,
        const char *value)
{
  CrmSelfServiceRejection r = { line, reason, g_strdup (value != NULL ? value : "") };

  g_array_append_val (imp->result->rejected, r);
}

/* --- Set-up --- */

static gboolean
map_header (Importer            *imp,
            const CrmCsvRow     *row,
            GError             **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    for (guint k = 0; k < G_N_ELEMENTS (imp->columns[c]); k++)
      imp->columns[c][k] = -1;

  for (guint i = 0; i < row->n_fields; i++)
    {
      SelfServiceColumn column = _crm_selfservice_column_for_header (row->fields[i]);

      for (guint k = 0; column != COLUMN_NONE && k < G_N_ELEMENTS (imp->columns[column]) - 1; k++)
        if (imp->columns[column][k] < 0)
          {
            imp->columns[column][k] = (int) i;
            break;
          }
    }

  if (imp->columns[COLUMN_TIME][0] < 0)
    {
      g_set_error_literal (error, CRM_SELFSERVICE_IMPORT_ERROR,
                           CRM_SELFSERVICE_IMPORT_ERROR_NO_TIME_COLUMN,
                           _("The file has no column for the time (such as “Time”, “Timestamp” or “时间”)."));
      return FALSE;
    }
  if (imp->columns[COLUMN_ARTICLE][0] < 0)
    {
      g_set_error_literal (error, CRM_SELFSERVICE_IMPORT_ERROR,
                           CRM_SELFSERVICE_IMPORT_ERROR_NO_ARTICLE_COLUMN,
                           _("The file has no column for the article (such as “Article”, “Article ID” or “文章”)."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_articles (Importer  *imp,
               GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (imp->worker, "SELECT id, title FROM kb_article WHERE deleted = 0",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *title = g_strstrip (g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 1), -1));
      gint64 *known = g_hash_table_lookup (imp->article_titles, title);

      g_hash_table_add (imp->article_ids, g_memdup2 (&id, sizeof id));
      if (known != NULL)
        *known = 0;
      else
        g_hash_table_insert (imp->article_titles, g_steal_pointer (&title), g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (imp->worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

/* --- Rows --- */

/* The first non-empty value of @column's columns in @row. */
static const char *
value_of (Importer          *imp,
          const CrmCsvRow   *row,
          SelfServiceColumn  column)
{
  for (guint k = 0; imp->columns[column][k] >= 0; k++)
    {
      guint index = (guint) imp->columns[column][k];

      if (index < row->n_fields && row->fields[index][0] != '\0')
        return row->fields[index];
    }
  return "";
}

/* The article a row names: 0 with *@reason set when it names none. */
static gint64
find_article (Importer         *imp,
              const CrmCsvRow  *row,
              const char      **reason,
              const char      **value)
{
  *reason = "article-missing";
  *value = "";
  for (guint k = 0; imp->columns[COLUMN_ARTICLE][k] >= 0; k++)
    {
      const char *text = (guint) imp->columns[COLUMN_ARTICLE][k] < row->n_fields
                         ? row->fields[imp->columns[COLUMN_ARTICLE][k]] : "";
      g_autofree char *title = NULL;
      gint64 *by_title;
      gint64 id = 0;

      if (text[0] == '\0')
        continue;
      *value = text;
      if (crm_kb_parse_reference (text, &id) && g_hash_table_contains (imp->article_ids, &id))
        return id;
      title = g_strstrip (g_ascii_strdown (text, -1));
      by_title = g_hash_table_lookup (imp->article_titles, title);
      if (by_title != NULL && *by_title != 0)
        return *by_title;
      *reason = by_title != NULL ? "article-ambiguous" : "article-unknown";
    }
  return 0;
}

/* The person with @email, 0 for nobody, -1 on an error. */
static gint64
find_person (Importer    *imp,
             const char  *email,
             GError     **error)
{
  gint64 *cached = g_hash_table_lookup (imp->people, email);
  gint64 id;

  if (cached != NULL)
    return *cached;
  id = _crm_kb_worker_find_person (imp->worker, email, error);
  if (id >= 0)
    g_hash_table_insert (imp->people, g_strdup (email), g_memdup2 (&id, sizeof id));
  return id;
}

/* TRUE when the same resolution is in the database or earlier in the file. */
static gboolean
is_duplicate (Importer    *imp,
              gint64       when,
              gint64       article,
              gint64       person,
              const char  *channel,
              gboolean    *duplicate,
              GError     **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                                          when, article, person, channel);
  sqlite3_stmt *stmt;
  int rc;

  if (!g_hash_table_add (imp->seen, g_steal_pointer (&key)))
    {
      *duplicate = TRUE;
      return TRUE;
    }
  stmt = _crm_store_worker_prepare (imp->worker,
                                    "SELECT 1 FROM self_service_resolution WHERE resolved = ?1 "
                                    "AND article_id = ?2 AND coalesce (person_id, 0) = ?3 "
                                    "AND channel = ?4 AND deleted = 0 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, when);
  sqlite3_bind_int64 (stmt, 2, article);
  sqlite3_bind_int64 (stmt, 3, person);
  sqlite3_bind_text (stmt, 4, channel, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (imp->worker), rc, NULL);
      return FALSE;
    }
  *duplicate = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
insert (Importer    *imp,
        gint64       when,
        gint64       article,
        gint64       person,
        const char  *channel,
        const char  *kind,
        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _crm_store_worker_prepare (imp->worker,
                                    "INSERT INTO self_service_resolution (id, created, updated, "
                                    "article_id, person_id, channel, customer_kind, resolved, source) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, 'import')", error);
  if (stmt == NULL)
    return FALSE;
  id = _crm_store_worker_next_id (imp->worker);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, imp->now);
  sqlite3_bind_int64 (stmt, 3, article);
  if (person > 0)
    sqlite3_bind_int64 (stmt, 4, person);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, when);
  if (!_crm_store_worker_step (imp->worker, stmt, error))
    return FALSE;
  g_array_append_val (imp->result->ids, id);
  return TRUE;
}

/* One data row: FALSE only on a database error. */
static gboolean
import_row (Importer         *imp,
            const CrmCsvRow  *row,
            GError          **error)
{
  const char *text, *channel, *kind, *reason = NULL, *article_text = NULL;
  gint64 when = 0, article, person = 0;
  gboolean duplicate = FALSE;
  int resolved = 1;

  imp->result->n_rows++;
  if (row->problem > CRM_CSV_ROW_TOO_FEW_FIELDS)
    {
      reject (imp, row->line, "csv", row->reason);
      return TRUE;
    }

  text = value_of (imp, row, COLUMN_TIME);
  if (text[0] == '\0')
    {
      reject (imp, row->line, "time-missing", text);
      return TRUE;
    }
  if (!crm_selfservice_parse_time (text, imp->tz, &when))
    {
      reject (imp, row->line, "time-invalid", text);
      return TRUE;
    }
  if (when > imp->now + FUTURE_SLACK)
    {
      reject (imp, row->line, "time-future", text);
      return TRUE;
    }

  if ((article = find_article (imp, row, &reason, &article_text)) == 0)
    {
      reject (imp, row->line, reason, article_text);
      return TRUE;
    }

  if (imp->columns[COLUMN_RESOLVED][0] >= 0 &&
      (resolved = _crm_selfservice_parse_resolved (text = value_of (imp, row, COLUMN_RESOLVED))) < 0)
    {
      reject (imp, row->line, "resolved-unknown", text);
      return TRUE;
    }

  if ((channel = _crm_selfservice_parse_channel (text = value_of (imp, row, COLUMN_CHANNEL))) == NULL)
    {
      reject (imp, row->line, "channel-unknown", text);
      return TRUE;
    }

  if ((kind = _crm_selfservice_parse_kind (text = value_of (imp, row, COLUMN_KIND))) == NULL)
    {
      reject (imp, row->line, "customer-kind-unknown", text);
      return TRUE;
    }

  text = value_of (imp, row, COLUMN_EMAIL);
  if (!_crm_selfservice_is_anonymous (text))
    {
      g_autofree char *email = g_strstrip (g_strdup (text));

      if (!crm_email_is_valid (email))
        {
          reject (imp, row->line, "email-invalid", text);
          return TRUE;
        }
      if ((person = find_person (imp, email, error)) < 0)
        return FALSE;
    }

  /* A visit the article did not help: counted, not recorded. */
  if (resolved == 0)
    {
      imp->result->n_not_resolved++;
      return TRUE;
    }

  if (!is_duplicate (imp, when, article, person, channel, &duplicate, error))
    return FALSE;
  if (duplicate)
    {
      imp->result->n_duplicates++;
      return TRUE;
    }

  if (kind[0] == '\0' && (kind = _crm_kb_worker_customer_kind (imp->worker, person, error)) == NULL)
    return FALSE;
  if (!insert (imp, when, article, person, channel, kind, error))
    return FALSE;
  imp->result->n_imported++;
  if (person == 0 && !_crm_selfservice_is_anonymous (value_of (imp, row, COLUMN_EMAIL)))
    imp->result->n_unknown_customers++;
  return TRUE;
}

static gboolean
read_rows (Importer      *imp,
           CrmCsvReader  *reader,
           GError       **error)
{
  const CrmCsvRow *row;
  gboolean have_header = FALSE;
  guint n = 0;

  while ((row = crm_csv_reader_read_row (reader, imp->cancellable, error)) != NULL)
    {
      if (!have_header)
        {
          if (!map_header (imp, row, error))
            return FALSE;
          have_header = TRUE;
          continue;
        }
      if (++n % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (imp->cancellable, error))
        return FALSE;
      if (!import_row (imp, row, error))
        return FALSE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  if (!have_header)
    {
      g_set_error_literal (error, CRM_SELFSERVICE_IMPORT_ERROR, CRM_SELFSERVICE_IMPORT_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }
  return TRUE;
}

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->article_ids, g_hash_table_unref);
  g_clear_pointer (&imp->article_titles, g_hash_table_unref);
  g_clear_pointer (&imp->people, g_hash_table_unref);
  g_clear_pointer (&imp->seen, g_hash_table_unref);
}

static void
import_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  ImportData *d = data;
  Importer imp = { 0 };
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((stream = g_file_read (d->file, g_task_get_cancellable (task), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  reader = crm_csv_reader_new (G_INPUT_STREAM (stream));

  imp.worker = worker;
  imp.cancellable = g_task_get_cancellable (task);
  imp.tz = d->tz;
  imp.now = _crm_store_worker_now (worker);
  imp.result = result_new ();
  imp.article_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  imp.article_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!_crm_store_worker_begin (worker, &error))
    goto failed;
  /* Listeners hear "the table changed" once, not row by row. */
  _crm_store_worker_set_bulk (worker, TRUE);
  if (!load_articles (&imp, &error) || !read_rows (&imp, reader, &error) ||
      !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      goto failed;
    }

  imp.result->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  importer_clear (&imp);
  g_task_return_pointer (task, imp.result, (GDestroyNotify) crm_selfservice_import_result_free);
  return;

failed:
  importer_clear (&imp);
  crm_selfservice_import_result_free (imp.result);
  g_task_return_error (task, error);
}

void
crm_selfservice_import_async (CrmStore            *store,
                              GFile               *file,
                              GTimeZone           *tz,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ImportData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  d = g_new0 (ImportData, 1);
  d->file = g_object_ref (file);
  d->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  _crm_store_run_async (store, import_job, d, import_data_free, crm_selfservice_import_async,
                        "crm-selfservice-import", cancellable, callback, user_data);
}

CrmSelfServiceImportResult *
crm_selfservice_import_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Undo --- */

static void
undo_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GArray *ids = data;
  GError *error = NULL;
  sqlite3_stmt *stmt;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_set_bulk (worker, TRUE);
  stmt = _crm_store_worker_prepare (worker, "DELETE FROM self_service_resolution WHERE id = ? "
                                            "AND source = 'import'", &error);
  for (guint i = 0; stmt != NULL && i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!_crm_store_worker_step (worker, stmt, &error))
        break;
    }
  if (error != NULL || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_selfservice_import_undo_async (CrmStore                   *store,
                                   CrmSelfServiceImportResult *import,
                                   GCancellable               *cancellable,
                                   GAsyncReadyCallback         callback,
                                   gpointer                    user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (import != NULL);

  if (import->undone)
    {
      g_task_report_new_error (store, callback, user_data, crm_selfservice_import_undo_async,
                               CRM_SELFSERVICE_IMPORT_ERROR, CRM_SELFSERVICE_IMPORT_ERROR_UNDONE,
                               "%s", _("This import was already undone."));
      return;
    }
  import->undone = TRUE;
  _crm_store_run_async (store, undo_job, g_array_ref (import->ids), (GDestroyNotify) g_array_unref,
                        crm_selfservice_import_undo_async, "crm-selfservice-import-undo",
                        cancellable, callback, user_data);
}

gboolean
crm_selfservice_import_undo_finish (CrmStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
