/* crm-export.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export job runs on the store's worker thread: it reads the query's ids
 * in one read transaction, then each record (and a person's primary
 * affiliation) with a prepared statement, turns it into a CrmContactDraft
 * and writes it with the CSV or vCard writer.
 */

#define G_LOG_DOMAIN "CrmExport"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-csv-mapping.h"
#include "crm-csv-writer.h"
#include "crm-export.h"
#include "crm-io-custom-private.h"
#include "crm-query-private.h"
#include "crm-store-private.h"
#include "crm-vcard.h"

#define CANCEL_CHECK_ROWS 1024

typedef struct
{
  CrmQuery        *query;
  GHashTable      *ids;       /* selection (gint64*), or NULL */
  CrmExportFormat  format;
  GFile           *file;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  crm_query_unref (job->query);
  g_clear_pointer (&job->ids, g_hash_table_unref);
  g_object_unref (job->file);
  g_free (job);
}

static const char person_sql[] =
  "SELECT p.given_name, p.family_name, p.display_name, p.email, p.phone, p.birth_date, "
  "p.gender, p.language, p.city, p.region, p.country, p.address, p.notes, "
  "coalesce (o.name, ''), coalesce (a.title, ''), coalesce (a.department, ''), "
  "ph.mime, ph.data "
  "FROM person p "
  "LEFT JOIN person_photo ph ON ph.person_id = p.id "
  "LEFT JOIN affiliation a ON a.id = (SELECT id FROM affiliation WHERE person_id = p.id "
  "  AND deleted = 0 ORDER BY is_primary DESC, id LIMIT 1) "
  "LEFT JOIN organization o ON o.id = a.organization_id "
  "WHERE p.id = ?";

static const char org_sql[] =
  "SELECT name, industry, size_band, website, email, phone, city, region, country, address, "
  "tier, notes FROM organization WHERE id = ?";

/* The columns of an organization file: what an organization has, under the
 * names the CSV mapping reads back (industry, size band and tier go to
 * draft->extra). */
static const char *org_header[] = {
  "Organization", "Email", "Phone", "Website", "Street", "City", "Region", "Country", "Notes",
  "Industry", "Size Band", "Tier", "Tags", NULL
};

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

static void
set_text (char         **field,
          sqlite3_stmt  *stmt,
          int            col)
{
  g_free (*field);
  *field = column_dup (stmt, col);
}

static void
add_if_set (GPtrArray    *array,
            sqlite3_stmt *stmt,
            int           col)
{
  char *text = column_dup (stmt, col);

  if (text[0] != '\0')
    g_ptr_array_add (array, text);
  else
    g_free (text);
}

static CrmContactDraft *
person_draft (sqlite3_stmt *stmt)
{
  CrmContactDraft *draft = crm_contact_draft_new ();

  set_text (&draft->given_name, stmt, 0);
  set_text (&draft->family_name, stmt, 1);
  set_text (&draft->display_name, stmt, 2);
  add_if_set (draft->emails, stmt, 3);
  add_if_set (draft->phones, stmt, 4);
  set_text (&draft->birth_date, stmt, 5);
  set_text (&draft->gender, stmt, 6);
  set_text (&draft->language, stmt, 7);
  set_text (&draft->city, stmt, 8);
  set_text (&draft->region, stmt, 9);
  set_text (&draft->country, stmt, 10);
  set_text (&draft->street, stmt, 11);
  set_text (&draft->notes, stmt, 12);
  set_text (&draft->organization, stmt, 13);
  set_text (&draft->title, stmt, 14);
  set_text (&draft->department, stmt, 15);
  /* Photos go to vCards (a CSV file has no column for them). */
  if (sqlite3_column_type (stmt, 17) == SQLITE_BLOB)
    {
      draft->photo = g_bytes_new (sqlite3_column_blob (stmt, 17), sqlite3_column_bytes (stmt, 17));
      set_text (&draft->photo_mime, stmt, 16);
    }
  return draft;
}

static CrmContactDraft *
org_draft (sqlite3_stmt    *stmt,
           CrmExportFormat  format)
{
  CrmContactDraft *draft = crm_contact_draft_new ();

  set_text (&draft->organization, stmt, 0);
  /* A vCard needs FN; KIND tells the importer it is an organization. */
  if (format == CRM_EXPORT_FORMAT_VCARD)
    {
      set_text (&draft->display_name, stmt, 0);
      g_hash_table_insert (draft->extra, g_strdup ("KIND"), g_strdup ("org"));
    }
  g_hash_table_insert (draft->extra, g_strdup ("Industry"), column_dup (stmt, 1));
  g_hash_table_insert (draft->extra, g_strdup ("Size Band"), column_dup (stmt, 2));
  set_text (&draft->website, stmt, 3);
  add_if_set (draft->emails, stmt, 4);
  add_if_set (draft->phones, stmt, 5);
  set_text (&draft->city, stmt, 6);
  set_text (&draft->region, stmt, 7);
  set_text (&draft->country, stmt, 8);
  set_text (&draft->street, stmt, 9);
  g_hash_table_insert (draft->extra, g_strdup ("Tier"), column_dup (stmt, 10));
  set_text (&draft->notes, stmt, 11);
  /* Empty extras would become empty vCard properties. */
  if (format == CRM_EXPORT_FORMAT_VCARD)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, draft->extra);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((const char *) value)[0] == '\0')
          g_hash_table_iter_remove (&iter);
    }
  return draft;
}

/* The ids of the query (narrowed to the selection), in its order. */
static GArray *
read_ids (CrmStoreWorker  *worker,
          ExportJob       *job,
          GError         **error)
{
  g_autofree char *sql = _crm_query_build_sql (job->query, CRM_QUERY_SQL_IDS);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  _crm_query_bind (job->query, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (job->ids == NULL || g_hash_table_contains (job->ids, &id))
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "export");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Rapport's columns, then one per custom field (by its label). */
static CrmCsvMapping *
csv_header (gboolean   organizations,
            GPtrArray *custom,
            GStrv     *header)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (organizations)
    g_strv_builder_addv (builder, org_header);
  else
    {
      /* Each person has at most one email and one phone: one column each. */
      g_autoptr(CrmContactDraft) sample = crm_contact_draft_new ();
      CrmContactDraft *drafts[] = { sample };
      g_auto(GStrv) fixed = crm_csv_export_header (drafts, 1);

      g_strv_builder_addv (builder, (const char **) fixed);
    }
  for (guint i = 0; i < custom->len; i++)
    g_strv_builder_add (builder, ((CrmIoCustomField *) custom->pdata[i])->label);
  *header = g_strv_builder_end (builder);
  return crm_csv_mapping_new ((const char * const *) *header, g_strv_length (*header));
}

static gboolean
write_records (CrmStoreWorker  *worker,
               ExportJob       *job,
               GArray          *ids,
               GOutputStream   *out,
               GCancellable    *cancellable,
               GError         **error)
{
  gboolean organizations = g_str_equal (_crm_query_get_table (job->query)->name, "organization");
  g_autoptr(CrmCsvWriter) csv = NULL;
  g_autoptr(CrmCsvMapping) mapping = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) custom = NULL;
  sqlite3_stmt *stmt;

  custom = _crm_io_custom_fields_load (worker, organizations ? "organization" : "person", error);
  if (custom == NULL)
    return FALSE;
  stmt = _crm_store_worker_prepare (worker, organizations ? org_sql : person_sql, error);
  if (stmt == NULL)
    return FALSE;
  if (job->format == CRM_EXPORT_FORMAT_CSV)
    {
      csv = crm_csv_writer_new (out, ',', CRM_CSV_WRITER_BOM);
      mapping = csv_header (organizations, custom, &header);
      if (!crm_csv_writer_write_row (csv, (const char * const *) header, g_strv_length (header),
                                     cancellable, error))
        return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmContactDraft) draft = NULL;
      gboolean ok;
      int rc;

      if (i % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        draft = organizations ? org_draft (stmt, job->format) : person_draft (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "export");
          return FALSE;
        }
      if (draft == NULL)
        continue;
      if (!_crm_io_custom_values_to_draft (worker, custom, g_array_index (ids, gint64, i), draft,
                                           error) ||
          !_crm_io_tags_to_draft (worker, organizations ? "organization" : "person",
                                  g_array_index (ids, gint64, i), draft, error))
        return FALSE;
      if (csv != NULL)
        {
          g_auto(GStrv) cells = crm_csv_export_row (mapping, draft);

          ok = crm_csv_writer_write_row (csv, (const char * const *) cells,
                                         g_strv_length (cells), cancellable, error);
        }
      else
        ok = crm_vcard_write_draft (out, draft, cancellable, error);
      if (!ok)
        return FALSE;
    }
  return csv == NULL || crm_csv_writer_flush (csv, cancellable, error);
}

/* A new file next to @file, so that the final rename stays on one file
 * system. */
static GFileOutputStream *
create_temporary (GFile   *file,
                  GFile  **tmp,
                  GError **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream;

      *tmp = g_file_get_child (parent, name);
      stream = g_file_create (*tmp, G_FILE_CREATE_NONE, NULL, &local_error);
      if (stream != NULL)
        return stream;
      g_clear_object (tmp);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Cannot create a temporary file."));
  return NULL;
}

static gboolean
export_to_file (CrmStoreWorker  *worker,
                ExportJob       *job,
                GArray          *ids,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  gboolean ok;

  stream = create_temporary (job->file, &tmp, error);
  if (stream == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
  ok = write_records (worker, job, ids, buffered, cancellable, error);
  /* Closing flushes: a full disk may only show here. */
  ok = g_output_stream_close (buffered, NULL, ok ? error : NULL) && ok;
  ok = ok && g_file_move (tmp, job->file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                          NULL, NULL, NULL, error);
  if (!ok)
    g_file_delete (tmp, NULL, NULL);
  return ok;
}

static void
export_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  ExportJob *job = data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GArray) ids = NULL;
  GError *error = NULL;
  gboolean ok;

  /* One read transaction: the ids and the rows agree. */
  if (!_crm_store_worker_exec (worker, "BEGIN", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ids = read_ids (worker, job, &error);
  ok = ids != NULL && export_to_file (worker, job, ids, cancellable, &error);
  _crm_store_worker_rollback (worker);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, _("Could not export to “%s”: "), name);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, ids->len);
}

void
crm_export_async (CrmStore            *store,
                  CrmQuery            *query,
                  GArray              *ids,
                  CrmExportFormat      format,
                  GFile               *file,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  ExportJob *job;
  const char *table;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (query != NULL);
  g_return_if_fail (G_IS_FILE (file));
  table = _crm_query_get_table (query)->name;
  g_return_if_fail (g_str_equal (table, "person") || g_str_equal (table, "organization"));

  job = g_new0 (ExportJob, 1);
  job->query = crm_query_copy (query);
  job->format = format;
  job->file = g_object_ref (file);
  if (ids != NULL)
    {
      job->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (job->ids, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
    }
  _crm_store_run_async (store, export_job, job, export_job_free, crm_export_async,
                        "crm-export", cancellable, callback, user_data);
}

gboolean
crm_export_finish (CrmStore      *store,
                   GAsyncResult  *result,
                   guint         *n_written,
                   GError       **error)
{
  gssize n;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}

CrmExportFormat
crm_export_format_for_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return CRM_EXPORT_FORMAT_VCARD;
  return CRM_EXPORT_FORMAT_CSV;
}
