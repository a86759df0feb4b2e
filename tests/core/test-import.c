/* test-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import: the preview's statuses (new, match, conflict, repeated in the file,
 * rejected with reasons), every decision, the column mapping, cancelling,
 * undo, and bad files.
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-import.h"
#include "crm-import-private.h"
#include "crm-models.h"
#include "crm-search-fold.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
} Fixture;

/* Ann (email and phone) and Eve (no email) at Acme. */
static const char fixture_sql[] =
  "INSERT INTO organization (id, created, updated, name, sort_key) VALUES"
  " (1001, 1, 1, 'Acme', 'acme');"
  "INSERT INTO person (id, created, updated, given_name, family_name, display_name, sort_key,"
  " email, phone, city) VALUES"
  " (2001, 1, 1, 'Ann', 'Lee', 'Ann Lee', 'ann lee', 'ann@example.com', '+14155550132', ''),"
  " (2002, 1, 1, 'Eve', 'Smith', 'Eve Smith', 'eve smith', '', '', 'Paris');"
  "INSERT INTO affiliation (id, created, updated, person_id, organization_id, title) VALUES"
  " (3001, 1, 1, 2001, 1001, 'CEO'), (3002, 1, 1, 2002, 1001, '');";

/* Line by line: what each row is.  Rows repeated in the file are found
 * before the database is asked. */
static const char preview_csv[] =
  "Given Name,Family Name,Organization,Email,Phone,City\n"
  "Bob,New,Globex,bob@new.example.com,,\n"             /* 2: new */
  "Ann,Lee,Acme,ann@EXAMPLE.com,,\n"                   /* 3: match (email) */
  "Ann,Leigh,,,+1 415 555 0132,\n"                     /* 4: conflict (phone; family name) */
  "Robert,New,,bob@new.example.com,,\n"                /* 5: repeated (email of line 2) */
  "Carl,Bad,,not-an-email,,\n"                         /* 6: rejected */
  ",,,,,Lyon\n"                                        /* 7: rejected, no name */
  "Eve,Smith,Acme,,,Paris\n"                           /* 8: match (name at Acme) */
  "Zed,Short,,,12,\n"                                  /* 9: rejected */
  "Eve,Smith,Acme,eve@acme.example.com,,Berlin\n";     /* 10: repeated (name at Acme, line 8) */

static void
close_store (CrmStore *store)
{
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (store);
}

static void
exec_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error)
      || !_crm_store_worker_exec (worker, data, &error)
      || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Every row of the tables an import writes, as text. */
static void
dump_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  static const char *tables[] = { "person", "organization", "affiliation", "tag", "record_tag",
                                  "custom_value" };
  GString *out = g_string_new (NULL);
  sqlite3 *db = _crm_store_worker_get_db (worker);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", tables[t]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, " %s", (const char *) sqlite3_column_text (stmt, c) ?: "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  g_task_return_pointer (task, g_string_free (out, FALSE), g_free);
}

static char *
dump (CrmStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = _crm_store_run_sync (store, dump_job, NULL, NULL, &error);

  g_assert_no_error (error);
  return text;
}

static void
exec_sql (CrmStore   *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (_crm_store_run_sync (store, exec_job, (gpointer) sql, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *sql;
  gint64      value;
} ScalarQuery;

static void
scalar_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  ScalarQuery *q = data;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_crm_store_worker_get_db (worker), q->sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  q->value = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  g_task_return_boolean (task, TRUE);
}

static gint64
scalar (CrmStore   *store,
        const char *sql)
{
  ScalarQuery q = { sql, 0 };
  g_autoptr(GError) error = NULL;

  _crm_store_run_sync (store, scalar_job, &q, NULL, &error);
  g_assert_no_error (error);
  return q.value;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "rapport.db", NULL);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  exec_sql (f->store, fixture_sql);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f->store);
  g_free (f->path);
  g_free (f->dir);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static CrmImport *
read_import (Fixture    *f,
             const char *name,
             const char *data)
{
  g_autoptr(GFile) file = write_file (f, name, data, -1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmImport *import = crm_import_new (f->store, file);

  crm_import_read_async (import, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_read_finish (import, crm_test_await (&result), &error));
  g_assert_no_error (error);
  return import;
}

static gint64
run_import (CrmImport *import)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch;

  crm_import_run_async (import, NULL, crm_test_store_result, &result);
  batch = crm_import_run_finish (import, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  return batch;
}

static CrmImportRow *
row_at_line (CrmImport *import,
             guint      line)
{
  GListModel *rows = crm_import_get_rows (import);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CrmImportRow) row = g_list_model_get_item (rows, i);

      if (crm_import_row_get_line (row) == line)
        return g_steal_pointer (&row);
    }
  g_assert_not_reached ();
}

static void
assert_row (CrmImport       *import,
            guint            line,
            CrmImportStatus  status,
            const char      *reason,
            gint64           matched)
{
  g_autoptr(CrmImportRow) row = row_at_line (import, line);

  g_test_message ("line %u", line);
  g_assert_cmpstr (crm_import_status_to_string (crm_import_row_get_status (row)), ==,
                   crm_import_status_to_string (status));
  g_assert_cmpstr (crm_import_row_get_reason (row), ==, reason);
  g_assert_cmpint (crm_import_row_get_matched_id (row), ==, matched);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "people.csv", preview_csv);
  g_autoptr(CrmImportRow) conflict = NULL;
  g_auto(GStrv) differing = NULL;
  g_autofree char *before = dump (f->store);

  g_assert_cmpuint (g_list_model_get_n_items (crm_import_get_rows (import)), ==, 9);
  assert_row (import, 2, CRM_IMPORT_STATUS_NEW, NULL, 0);
  assert_row (import, 3, CRM_IMPORT_STATUS_MATCH, NULL, 2001);
  assert_row (import, 4, CRM_IMPORT_STATUS_CONFLICT, NULL, 2001);
  assert_row (import, 5, CRM_IMPORT_STATUS_DUPLICATE, NULL, 0);
  assert_row (import, 6, CRM_IMPORT_STATUS_REJECTED, "invalid-email", 0);
  assert_row (import, 7, CRM_IMPORT_STATUS_REJECTED, "no-name", 0);
  assert_row (import, 8, CRM_IMPORT_STATUS_MATCH, NULL, 2002);
  assert_row (import, 9, CRM_IMPORT_STATUS_REJECTED, "invalid-phone", 0);
  assert_row (import, 10, CRM_IMPORT_STATUS_DUPLICATE, NULL, 0);

  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 1);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH), ==, 2);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_CONFLICT), ==, 1);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE), ==, 2);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_REJECTED), ==, 3);

  conflict = row_at_line (import, 4);
  differing = crm_import_row_get_differing (conflict);
  g_assert_cmpstrv (differing, ((const char *[]) { "family_name", NULL }));
  g_assert_cmpstr (crm_import_row_get_title (conflict), ==, "Ann Leigh");
  g_assert_cmpstr (crm_import_row_get_subtitle (conflict), ==, "+14155550132");
  g_assert_cmpint (crm_import_row_get_decision (conflict), ==, CRM_IMPORT_DECISION_SKIP);

  /* A preview writes nothing. */
  {
    g_autofree char *after = dump (f->store);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_default_decisions (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "people.csv", preview_csv);
  const CrmImportRejection *rejections;
  guint n_rejections;

  run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 1);
  g_assert_cmpuint (crm_import_get_n_updated (import), ==, 0);
  g_assert_cmpuint (crm_import_get_n_skipped (import), ==, 5);
  rejections = crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 3);
  g_assert_cmpuint (rejections[0].line, ==, 6);
  g_assert_cmpstr (rejections[0].reason, ==, "invalid-email");
  g_assert_cmpuint (rejections[2].line, ==, 9);

  /* Bob, at a new organization Globex; Ann untouched. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person"), ==, 3);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person p JOIN affiliation a ON "
                                     "a.person_id = p.id JOIN organization o ON o.id = "
                                     "a.organization_id WHERE p.display_name = 'Bob New' AND "
                                     "o.name = 'Globex' AND p.email = 'bob@new.example.com'"),
                   ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE family_name = 'Lee'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT n_imported * 100 + n_skipped * 10 + n_rejected "
                                     "FROM import_batch"), ==, 153);
  /* Bob and Globex; Bob's affiliation goes with him. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM import_change"), ==, 2);
}

static void
test_all_decisions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "people.csv", preview_csv);
  g_autoptr(CrmImportRow) bob = row_at_line (import, 2);
  g_autoptr(CrmImportRow) robert = row_at_line (import, 5);
  g_autofree char *before = dump (f->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  guint n_edited = 99;
  gint64 batch;

  crm_import_set_decision (import, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_UPDATE);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_UPDATE);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_DUPLICATE, CRM_IMPORT_DECISION_SKIP);
  /* Per row: Bob skipped, Robert (repeated email) created anyway. */
  crm_import_row_set_decision (bob, CRM_IMPORT_DECISION_SKIP);
  crm_import_row_set_decision (robert, CRM_IMPORT_DECISION_CREATE);
  g_assert_cmpint (crm_import_row_get_decision (robert), ==, CRM_IMPORT_DECISION_CREATE);

  batch = run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 1);
  /* Ann: family name overwritten (conflict); Eve at Acme: her city is not
   * replaced (a match only fills empty fields) and nothing else is new, so
   * she counts as skipped, like Ann's matching lines. */
  g_assert_cmpuint (crm_import_get_n_updated (import), ==, 1);
  /* Her display name was made from her names: it follows. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE id = 2001 AND "
                                     "family_name = 'Leigh' AND display_name = 'Ann Leigh' "
                                     "AND sort_key = 'ann leigh'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE display_name = 'Robert New'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE display_name = 'Bob New'"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE id = 2002 AND city = 'Paris'"), ==, 1);

  /* Undo: exactly the database from before. */
  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_edited, ==, 0);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (scalar (f->store, "SELECT undone != 0 FROM import_batch"), ==, 1);

  /* Twice is an error. */
  g_clear_object (&result);
  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_false (crm_import_undo_finish (f->store, crm_test_await (&result), NULL, &error));
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ALREADY_UNDONE);
}

static void
test_undo_after_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "people.csv", preview_csv);
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_edited = 0;
  gint64 batch;

  crm_import_set_decision (import, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_UPDATE);
  batch = run_import (import);
  /* Someone edits Bob after the import: undo still removes him, and says so. */
  exec_sql (f->store, "UPDATE person SET city = 'Oslo', updated = updated + 10 "
                      "WHERE display_name = 'Bob New'");
  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_edited, ==, 1);
  after = dump (f->store);
  /* Ann's restored row has a newer "updated": compare what matters. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person"), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM organization"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE id = 2001 AND "
                                     "family_name = 'Lee' AND sort_key = 'ann lee'"), ==, 1);
}

static void
test_single_pass (Fixture       *f,
                  gconstpointer  data)
{
  /* Without a preview (the command line): the same classification. */
  g_autoptr(GFile) file = write_file (f, "people.csv", preview_csv, -1);
  g_autoptr(CrmImport) import = crm_import_new (f->store, file);
  guint n_rejections;

  run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 1);
  g_assert_cmpuint (crm_import_get_n_skipped (import), ==, 5);
  crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 3);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE), ==, 2);
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "odd.csv",
                                             "Kontaktperson,Adresse elektronisch,Zimmer\n"
                                             "Zoe Quinn,zoe@example.org,12\n"
                                             "Yan Li,yan@example.org,14\n");
  const CrmCsvMapping *mapping = crm_import_get_mapping (import);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) samples = crm_import_dup_samples (import, 1, 5);

  g_assert_nonnull (mapping);
  g_assert_cmpuint (mapping->n_columns, ==, 3);
  g_assert_cmpstrv (samples, ((const char *[]) { "zoe@example.org", "yan@example.org", NULL }));

  /* Map the columns by hand and read again. */
  g_assert_true (crm_import_set_mapping (import, 0, "display-name"));
  g_assert_true (crm_import_set_mapping (import, 1, "email"));
  g_assert_true (crm_import_set_mapping (import, 2, NULL));
  crm_import_read_async (import, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_read_finish (import, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 2);
  g_assert_cmpstr (crm_import_get_mapping (import)->keys[1], ==, "email");

  run_import (import);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE display_name = 'Zoe Quinn' "
                                     "AND email = 'zoe@example.org'"), ==, 1);
}

static void
test_vcard (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "cards.vcf",
                                             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mia Wong\r\n"
                                             "N:Wong;Mia;;;\r\nEMAIL:mia@example.net\r\n"
                                             "ORG:Initrode\r\nTITLE:CTO\r\nEND:VCARD\r\n"
                                             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
                                             "EMAIL:ann@example.com\r\nEND:VCARD\r\n");

  g_assert_cmpint (crm_import_get_format (import), ==, CRM_IMPORT_FORMAT_VCARD);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 1);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH), ==, 1);
  run_import (import);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person p JOIN affiliation a ON "
                                     "a.person_id = p.id AND a.title = 'CTO' JOIN organization o "
                                     "ON o.id = a.organization_id AND o.name = 'Initrode' "
                                     "WHERE p.given_name = 'Mia'"), ==, 1);
}

/* vCard photos: a new person's is kept; a matched person without one gets
 * it, and undoing the import takes both away again. */
static void
test_vcard_photo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "photos.vcf",
                                             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mia Wong\r\n"
                                             "N:Wong;Mia;;;\r\nEMAIL:mia@example.net\r\n"
                                             "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAAN\r\nEND:VCARD\r\n"
                                             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
                                             "EMAIL:ann@example.com\r\n"
                                             "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAAN\r\nEND:VCARD\r\n");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_edited;
  gint64 batch;

  crm_import_set_decision (import, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_UPDATE);
  batch = run_import (import);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person_photo ph JOIN person p "
                                     "ON p.id = ph.person_id WHERE p.given_name IN ('Mia', 'Ann') "
                                     "AND ph.mime = 'image/png' AND hex (ph.data) = "
                                     "'89504E470D0A1A0A0000000D'"), ==, 2);

  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person_photo"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE given_name = 'Ann'"), ==, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Given Name,Family Name,Email,Organization\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Given%u,Family%u,p%u@example.com,Org %u\n", i, i, i, i % 50);
  file = write_file (f, "many.csv", csv->str, csv->len);
  import = crm_import_new (f->store, file);
  crm_import_run_async (import, cancellable, crm_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (crm_import_run_finish (import, crm_test_await (&result), &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM import_batch"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM import_change"), ==, 0);
}

/* Nothing can be read from the file: the preview (unless @preview_ok: a
 * file whose columns map to nothing still shows, for the mapping page) and
 * the import fail with a clear error, and nothing is written. */
static void
assert_unreadable (Fixture    *f,
                   const char *name,
                   const char *data,
                   gssize      length,
                   gboolean    preview_ok)
{
  g_autoptr(GFile) file = write_file (f, name, data, length);
  g_autoptr(CrmImport) import = crm_import_new (f->store, file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;

  g_test_message ("%s", name);
  crm_import_read_async (import, NULL, crm_test_store_result, &result);
  if (preview_ok)
    {
      g_assert_true (crm_import_read_finish (import, crm_test_await (&result), &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (crm_import_read_finish (import, crm_test_await (&result), &error));
      g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE);
      g_assert_true (strstr (error->message, name) != NULL);
      g_clear_error (&error);
    }
  g_clear_object (&result);

  crm_import_run_async (import, NULL, crm_test_store_result, &result);
  g_assert_cmpint (crm_import_run_finish (import, crm_test_await (&result), &error), ==, 0);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM import_batch"), ==, 0);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  static const char junk[] = "\x00\x01\x02\xff\xfe\x00\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00";
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GString) huge = g_string_new ("Given Name,Family Name,Notes\nAda,Byron,ok\nBig,Field,");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rejections;
  const CrmImportRejection *rejections;

  assert_unreadable (f, "empty.csv", "", 0, FALSE);
  assert_unreadable (f, "junk.csv", junk, sizeof junk - 1, FALSE);
  assert_unreadable (f, "none.vcf", "hello, this is not a card\n", -1, FALSE);
  assert_unreadable (f, "unmapped.csv", "Shoe size,Favourite colour\n42,blue\n", -1, TRUE);

  /* Invalid UTF-8 in a UTF-8 file (it has a BOM): that row is rejected,
   * the others import. */
  import = read_import (f, "bytes.csv", "\xef\xbb\xbfGiven Name,Family Name\nGood,Row\nBad\xff\xfe,Row\n");
  rejections = crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 1);
  g_assert_cmpuint (rejections[0].line, ==, 3);
  g_assert_cmpstr (rejections[0].reason, ==, "bad-encoding");
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 1);
  g_clear_object (&import);

  /* A field of 2 MiB: rejected, not loaded. */
  for (guint i = 0; i < 2 * 1024 * 1024 / 16; i++)
    g_string_append (huge, "0123456789abcdef");
  g_string_append (huge, "\nCy,Last,fine\n");
  file = write_file (f, "huge.csv", huge->str, huge->len);
  import = crm_import_new (f->store, file);
  crm_import_read_async (import, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_read_finish (import, crm_test_await (&result), &error));
  g_assert_no_error (error);
  rejections = crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 1);
  g_assert_cmpstr (rejections[0].reason, ==, "too-long");
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 2);
}

static void
test_custom_fields (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const CrmImportRejection *rejections;
  guint n_rejections;
  gint64 batch;

  exec_sql (f->store, "INSERT INTO custom_field (id, created, updated, target, key, label, field_type, "
                      "position) VALUES (9001, 1, 1, 'person', 'visits', 'Visits', 'number', 0)");
  import = read_import (f, "custom.csv", "Given Name,Family Name,Visits\n"
                                         "Kim,Park,12\nLou,Reed,many\nMo,Farah,\n");
  rejections = crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 1);
  g_assert_cmpuint (rejections[0].line, ==, 3);
  g_assert_cmpstr (rejections[0].reason, ==, "invalid-value");
  batch = run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT v.num_value FROM custom_value v JOIN person p ON "
                                     "p.id = v.record_id WHERE p.given_name = 'Kim'"), ==, 12);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM custom_value"), ==, 1);

  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM custom_value"), ==, 0);
}

/* Tags: a new person gets the row's, an existing one those it lacks (a
 * link in the trash and a tag in the trash revived, a new tag made once)
 * and keeps the others; undo takes back exactly that. */
static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_edited = 99;
  gint64 batch;

  exec_sql (f->store, "INSERT INTO tag (id, created, updated, deleted, name) VALUES "
                      "(4001, 1, 1, 0, 'VIP'), (4002, 1, 2, 1, 'Old'), (4003, 1, 1, 0, 'Gold'), "
                      "(4004, 1, 1, 0, 'Keep');"
                      "INSERT INTO record_tag (id, created, updated, deleted, tag_id, record_kind, "
                      "record_id) VALUES (5001, 1, 1, 0, 4001, 'person', 2001), "
                      "(5002, 1, 3, 1, 4003, 'person', 2001), (5003, 1, 1, 0, 4004, 'person', 2001), "
                      "(5004, 1, 1, 0, 4001, 'organization', 2001);");
  before = dump (f->store);
  import = read_import (f, "tags.csv", "Given Name,Family Name,Email,Tags\n"
                                       "Bob,New,bob@new.example.com,\"VIP, Fresh\"\n"
                                       "Ann,Lee,ann@example.com,VIP; Gold; Old; Fresh\n"
                                       "Cy,Two,cy@example.com,Fresh;Fresh\n");
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 2);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH), ==, 1);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_UPDATE);
  batch = run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 2);
  /* Ann's only news are tags: she counts as updated. */
  g_assert_cmpuint (crm_import_get_n_updated (import), ==, 1);

  g_assert_cmpint (scalar (f->store, "SELECT group_concat (name, ',') = 'Fresh,VIP' FROM "
                                     "(SELECT t.name FROM record_tag rt JOIN tag t ON "
                                     "t.id = rt.tag_id JOIN person p ON p.id = rt.record_id AND "
                                     "rt.record_kind = 'person' WHERE p.given_name = 'Bob' AND "
                                     "rt.deleted = 0 AND t.deleted = 0 ORDER BY t.name)"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT group_concat (name, ',') = 'Fresh,Gold,Keep,Old,VIP' "
                                     "FROM (SELECT t.name FROM record_tag rt JOIN tag t ON "
                                     "t.id = rt.tag_id WHERE rt.record_kind = 'person' AND "
                                     "rt.record_id = 2001 AND rt.deleted = 0 AND t.deleted = 0 "
                                     "ORDER BY t.name)"), ==, 1);
  /* The links Ann had are the same rows; one new tag for all three. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM record_tag WHERE id IN (5001, 5002, 5003) "
                                     "AND deleted = 0"), ==, 3);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM tag WHERE name = 'Fresh'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM record_tag rt JOIN tag t ON "
                                     "t.id = rt.tag_id WHERE t.name = 'Fresh'"), ==, 3);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM tag WHERE deleted = 0"), ==, 5);
  /* The organization with Ann's id keeps its own tag. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM record_tag WHERE "
                                     "record_kind = 'organization'"), ==, 1);

  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_edited, ==, 0);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* A tag the import made that someone used since stays after undo. */
static void
test_tags_used_since (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmImport) import = read_import (f, "tags.csv", "Given Name,Family Name,Tags\n"
                                                            "Bob,New,Fresh\n");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = run_import (import);

  exec_sql (f->store, "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, record_id) "
                      "SELECT 5009, 9, 9, id, 'person', 2002 FROM tag WHERE name = 'Fresh'");
  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE given_name = 'Bob'"), ==, 0);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM record_tag rt JOIN tag t ON "
                                     "t.id = rt.tag_id WHERE t.name = 'Fresh' AND "
                                     "rt.record_id = 2002"), ==, 1);
}

/* Custom values of a matched person: a differing one makes a conflict
 * (named by its label); updating fills the empty ones and overwrites the
 * differing ones of a conflict; undo puts the old values back. */
static void
test_custom_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImportRow) ann = NULL;
  g_autoptr(CrmImportRow) eve = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) differing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_edited = 99;
  gint64 batch;

  exec_sql (f->store, "INSERT INTO custom_field (id, created, updated, target, key, label, field_type, "
                      "position) VALUES (9001, 1, 1, 'person', 'visits', 'Visits', 'number', 0), "
                      "(9002, 1, 1, 'person', 'segment', 'Segment', 'text', 1), "
                      "(9003, 1, 1, 'person', 'since', 'Since', 'date', 2);"
                      "INSERT INTO custom_value (id, created, updated, deleted, field_id, record_id, "
                      "text_value, num_value) VALUES (6001, 1, 1, 0, 9001, 2001, NULL, 3), "
                      "(6002, 1, 2, 1, 9002, 2002, 'old', NULL), "
                      "(6003, 1, 1, 0, 9003, 2002, NULL, 2460000);");
  before = dump (f->store);
  import = read_import (f, "custom.csv", "Given Name,Family Name,Organization,Email,Visits,Segment,Since\n"
                                         "Ann,Lee,,ann@example.com,12,gold,\n"
                                         "Eve,Smith,Acme,,7,silver,\n"
                                         "Bob,New,,bob@new.example.com,1,,\n");
  ann = row_at_line (import, 2);
  eve = row_at_line (import, 3);
  g_assert_cmpint (crm_import_row_get_status (ann), ==, CRM_IMPORT_STATUS_CONFLICT);
  differing = crm_import_row_get_differing (ann);
  g_assert_cmpstrv (differing, ((const char *[]) { "Visits", NULL }));
  /* Eve has no visits and her segment is in the trash: nothing differs. */
  g_assert_cmpint (crm_import_row_get_status (eve), ==, CRM_IMPORT_STATUS_MATCH);

  crm_import_set_decision (import, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_UPDATE);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_UPDATE);
  batch = run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 1);
  g_assert_cmpuint (crm_import_get_n_updated (import), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT num_value FROM custom_value WHERE id = 6001 "
                                     "AND deleted = 0"), ==, 12);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM custom_value WHERE field_id = 9002 AND "
                                     "record_id = 2001 AND text_value = 'gold'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM custom_value WHERE id = 6002 AND "
                                     "deleted = 0 AND text_value = 'silver'"), ==, 1);
  g_assert_cmpint (scalar (f->store, "SELECT num_value FROM custom_value WHERE field_id = 9001 AND "
                                     "record_id = 2002"), ==, 7);
  /* A column the file leaves empty stays as it is. */
  g_assert_cmpint (scalar (f->store, "SELECT num_value FROM custom_value WHERE id = 6003"), ==,
                   2460000);

  crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_edited, ==, 0);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* The import queues for the search index what the triggers of
 * crm-schema-v2.sql would: its new people and organizations, and people
 * whose searched columns it changed.  A trigger of someone else's on the
 * tables it writes runs for every row as before. */
static void
test_search_queue (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(CrmImport) again = NULL;

  exec_sql (f->store, "DELETE FROM search_dirty");
  import = read_import (f, "people.csv", preview_csv);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_UPDATE);
  crm_import_set_decision (import, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_UPDATE);
  run_import (import);
  /* Bob and Globex, Ann (family name); not Eve (nothing new) nor Acme. */
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty"), ==, 3);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty d JOIN person p ON "
                                     "p.id = d.record_id WHERE d.kind = 1 AND "
                                     "p.display_name IN ('Bob New', 'Ann Leigh')"), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty d JOIN organization o "
                                     "ON o.id = d.record_id WHERE d.kind = 2 AND "
                                     "o.name = 'Globex'"), ==, 1);
  /* The connection's triggers are back on. */
  exec_sql (f->store, "INSERT INTO person (id, created, updated, display_name) "
                      "VALUES (2009, 1, 1, 'Di Tan')");
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty WHERE record_id = 2009"),
                   ==, 1);

  exec_sql (f->store, "DELETE FROM search_dirty;"
                      "INSERT INTO meta (key, value) VALUES ('test-inserts', 0);"
                      "CREATE TRIGGER test_person_ai AFTER INSERT ON person BEGIN "
                      "UPDATE meta SET value = value + 1 WHERE key = 'test-inserts'; END;");
  again = read_import (f, "more.csv", "Given Name,Family Name,Email\n"
                                      "Uma,Roy,uma@example.com\nVic,Roy,vic@example.com\n");
  run_import (again);
  g_assert_cmpint (scalar (f->store, "SELECT value FROM meta WHERE key = 'test-inserts'"), ==, 2);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty d JOIN person p ON "
                                     "p.id = d.record_id WHERE p.family_name = 'Roy'"), ==, 2);
}

/* A file big enough to be read on a thread of its own, with the emails and
 * phone numbers of the database read at once (one of them a person's in
 * the trash, who matches nobody): the same statuses, lines and records as
 * row by row, through a preview and its run or in a single pass (@data),
 * whose undo leaves the database as it was. */
static void
test_big_file (Fixture       *f,
               gconstpointer  data)
{
  gboolean single_pass = GPOINTER_TO_INT (data);
  g_autofree char *before = NULL;
  g_autoptr(GString) csv = g_string_new ("Given Name,Family Name,Email,Phone,Organization\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const CrmImportRejection *rejections;
  guint n_rejections, n_rows = 30000;

  for (guint i = 0; i < n_rows; i++)
    {
      if (i % 100 == 99)
        g_string_append_printf (csv, "Bad%u,Row,not-an-email%u,,\n", i, i);
      else if (i % 50 == 49)
        g_string_append_printf (csv, "Again%u,Row,P%u@Example.com,,\n", i, i - 1);
      else
        g_string_append_printf (csv, "Given%u,Family%u,p%u@example.com,+1 415 555 %04u,Org %u\n",
                                i, i, i, i % 10000, i % 30);
    }
  g_string_append (csv, "Ann,Lee,,,Acme\n"
                        "Annie,Lee,ANN@example.com,,\n");
  g_assert_cmpuint (csv->len, >, 1024 * 1024);
  exec_sql (f->store, "INSERT INTO person (id, created, updated, deleted, given_name, display_name, "
                      "email) VALUES (2003, 1, 1, 1, 'Gone', 'Gone', 'p5@example.com')");
  before = dump (f->store);
  file = write_file (f, "big.csv", csv->str, csv->len);
  import = crm_import_new (f->store, file);
  if (single_pass)
    {
      gint64 batch = run_import (import);
      guint n_edited = 99;

      g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_REJECTED), ==, 300);
      g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE), ==, 300 + 19600);
      g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH), ==, 1);
      g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_CONFLICT), ==, 2);
      g_assert_cmpuint (crm_import_get_n_imported (import), ==, 9799);
      g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE deleted = 0"), ==,
                       2 + 9799);
      g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE email = 'p5@example.com' "
                                         "AND deleted = 0 AND given_name = 'Given5'"), ==, 1);
      g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM search_dirty d JOIN person p ON "
                                         "p.id = d.record_id AND d.kind = 1 WHERE "
                                         "p.given_name LIKE 'Given%'"), ==, 9799);
      crm_import_undo_async (f->store, batch, NULL, crm_test_store_result, &result);
      g_assert_true (crm_import_undo_finish (f->store, crm_test_await (&result), &n_edited, &error));
      g_assert_no_error (error);
      {
        g_autofree char *after = dump (f->store);

        g_assert_cmpstr (before, ==, after);
      }
      return;
    }
  crm_import_read_async (import, NULL, crm_test_store_result, &result);
  g_assert_true (crm_import_read_finish (import, crm_test_await (&result), &error));
  g_assert_no_error (error);

  /* 300 bad emails; 300 repeated emails and, of the 29,400 others, the
   * phone numbers repeating past the first 10,000 rows; Ann at Acme and
   * Ann's phone number (line 134) and email (the last line, in capitals)
   * are in the database. */
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_REJECTED), ==, 300);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE), ==, 300 + 19600);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH), ==, 1);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_CONFLICT), ==, 2);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 9799);
  rejections = crm_import_get_rejections (import, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 300);
  g_assert_cmpuint (rejections[0].line, ==, 101);
  g_assert_cmpuint (rejections[299].line, ==, 30001);
  assert_row (import, 51, CRM_IMPORT_STATUS_DUPLICATE, NULL, 0);
  assert_row (import, 134, CRM_IMPORT_STATUS_CONFLICT, NULL, 2001);
  assert_row (import, n_rows + 2, CRM_IMPORT_STATUS_MATCH, NULL, 2001);
  assert_row (import, n_rows + 3, CRM_IMPORT_STATUS_CONFLICT, NULL, 2001);

  run_import (import);
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 9799);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE deleted = 0"), ==, 2 + 9799);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM affiliation a JOIN organization o ON "
                                     "o.id = a.organization_id WHERE o.name LIKE 'Org %'"), ==, 9799);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM organization"), ==, 1 + 30);
  g_assert_cmpint (scalar (f->store, "SELECT count(*) FROM person WHERE email = 'p9998@example.com' "
                                     "AND phone = '+14155559998' AND sort_key = 'given9998 family9998'"),
                   ==, 1);
}

/* The import's sort keys of ASCII text are made without the Unicode tables:
 * the same as the search's. */
static void
test_sort_keys (void)
{
  static const char *texts[] = { "", "Ann Lee", "ANN  lee", "O'Brien-Smith, Jr.", "\t42 Main St.\x7f",
                                 "Zoë", "张伟", "Ａｃｍｅ", "ß Straße" };
  GHashTable *cache = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *expected = _crm_search_sort_key (texts[i]);
      g_autofree char *key = _crm_import_sort_key (&cache, texts[i]);
      g_autofree char *again = _crm_import_sort_key (&cache, texts[i]);

      g_assert_cmpstr (key, ==, expected);
      g_assert_cmpstr (again, ==, expected);
    }
  g_clear_pointer (&cache, g_hash_table_unref);
}

static void
test_labels (void)
{
  static const char *reasons[] = { "invalid-email", "invalid-phone", "no-name", "bad-encoding",
                                   "too-long", "malformed-row", "malformed-card", "invalid-value" };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    g_assert_cmpstr (crm_import_reason_get_label (reasons[i]), !=, reasons[i]);
  for (CrmImportStatus s = 0; s < CRM_IMPORT_N_STATUSES; s++)
    g_assert_nonnull (crm_import_status_get_label (s));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LC_TELEPHONE", "en_US.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  crm_models_ensure_types ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/preview", test_preview);
  ADD ("/import/decisions/default", test_default_decisions);
  ADD ("/import/decisions/all", test_all_decisions);
  ADD ("/import/undo/after-edit", test_undo_after_edit);
  ADD ("/import/single-pass", test_single_pass);
  ADD ("/import/mapping", test_mapping);
  ADD ("/import/vcard", test_vcard);
  ADD ("/import/vcard-photo", test_vcard_photo);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/bad-files", test_bad_files);
  ADD ("/import/custom-fields", test_custom_fields);
  ADD ("/import/custom-fields/update", test_custom_update);
  ADD ("/import/tags", test_tags);
  ADD ("/import/tags/used-since", test_tags_used_since);
  ADD ("/import/search-queue", test_search_queue);
  g_test_add ("/import/big-file", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_big_file, fixture_tear_down);
  g_test_add ("/import/big-file/single-pass", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_big_file, fixture_tear_down);
#undef ADD
  g_test_add_func ("/import/sort-keys", test_sort_keys);
  g_test_add_func ("/import/labels", test_labels);

  return g_test_run ();
}
