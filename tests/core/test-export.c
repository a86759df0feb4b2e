/* test-export.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export: what Rapport exports (CSV and vCard, people and organizations)
 * imports back into a fresh database field for field; formulas are
 * neutralised; a selection exports only its records; a failed export leaves
 * no file behind.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-demo.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static const char people_sql[] =
  "SELECT p.given_name, p.family_name, p.display_name, p.email, p.phone, p.birth_date, "
  "p.gender, p.language, p.city, p.region, p.country, p.address, p.notes, "
  "coalesce (o.name, ''), coalesce (a.title, ''), coalesce (a.department, '') FROM person p "
  "LEFT JOIN affiliation a ON a.id = (SELECT id FROM affiliation WHERE person_id = p.id "
  "AND deleted = 0 ORDER BY is_primary DESC, id LIMIT 1) "
  "LEFT JOIN organization o ON o.id = a.organization_id WHERE p.deleted = 0";
static const char orgs_sql[] =
  "SELECT name, industry, size_band, website, email, phone, city, region, country, address, "
  "tier, notes FROM organization WHERE deleted = 0";

/* Photos with their person's identity. */
static const char photos_sql[] =
  "SELECT p.display_name, p.email, ph.mime, hex (ph.data) FROM person_photo ph "
  "JOIN person p ON p.id = ph.person_id";

/* Custom values with their record's identity, field key and value. */
static const char custom_sql[] =
  "SELECT p.display_name, p.email, f.key, coalesce (v.text_value, ''), "
  "coalesce (v.num_value, '') FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
  "JOIN person p ON p.id = v.record_id AND f.target = 'person' WHERE v.deleted = 0 "
  "UNION ALL SELECT o.name, '', f.key, coalesce (v.text_value, ''), coalesce (v.num_value, '') "
  "FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
  "JOIN organization o ON o.id = v.record_id AND f.target = 'organization' WHERE v.deleted = 0";

/* Live tags with their record's identity. */
static const char tags_sql[] =
  "SELECT p.display_name, p.email, t.name FROM record_tag rt JOIN tag t ON t.id = rt.tag_id "
  "JOIN person p ON p.id = rt.record_id AND rt.record_kind = 'person' "
  "WHERE rt.deleted = 0 AND t.deleted = 0 AND p.deleted = 0 "
  "UNION ALL SELECT o.name, '', t.name FROM record_tag rt JOIN tag t ON t.id = rt.tag_id "
  "JOIN organization o ON o.id = rt.record_id AND rt.record_kind = 'organization' "
  "WHERE rt.deleted = 0 AND t.deleted = 0 AND o.deleted = 0";

static void
close_store (CrmStore *store)
{
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (store);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The rows of @data (an SQL query) as sorted lines of text. */
static void
lines_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_crm_store_worker_get_db (worker), data, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (line, "%s|", (const char *) sqlite3_column_text (stmt, c) ?: "");
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  g_task_return_pointer (task, g_ptr_array_free (lines, FALSE), (GDestroyNotify) g_strfreev);
}

static GStrv
lines (CrmStore   *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  GStrv result = _crm_store_run_sync (store, lines_job, (gpointer) sql, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "source.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 7, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f->store);
  g_free (f->dir);
}

static guint
export (CrmStore        *store,
        CrmQuery        *query,
        GArray          *ids,
        CrmExportFormat  format,
        GFile           *file,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n = 0;

  crm_export_async (store, query, ids, format, file, NULL, crm_test_store_result, &result);
  if (!crm_export_finish (store, crm_test_await (&result), &n, error))
    return G_MAXUINT;
  return n;
}

static void
exec_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_exec (worker, data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The fresh database gets the source's custom field definitions (values
 * import into fields that exist). */
static void
copy_custom_fields (CrmStore   *fresh,
                    const char *source_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *quoted = sqlite3_mprintf ("%Q", source_path);

  sql = g_strdup_printf ("ATTACH %s AS src; INSERT INTO custom_field SELECT * FROM src.custom_field; "
                         "DETACH src;", quoted);
  sqlite3_free (quoted);
  _crm_store_run_sync (fresh, exec_job, sql, NULL, &error);
  g_assert_no_error (error);
}

static CrmImport *
import (CrmStore *store,
        GFile    *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmImport *imp = crm_import_new (store, file);

  /* A fresh database: only namesakes in the file itself can match. */
  crm_import_set_decision (imp, CRM_IMPORT_STATUS_DUPLICATE, CRM_IMPORT_DECISION_CREATE);
  crm_import_set_decision (imp, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_DECISION_CREATE);
  crm_import_set_decision (imp, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_CREATE);
  crm_import_run_async (imp, NULL, crm_test_store_result, &result);
  g_assert_cmpint (crm_import_run_finish (imp, crm_test_await (&result), &error), >, 0);
  g_assert_no_error (error);
  return imp;
}

static void
round_trip (Fixture         *f,
            CrmExportFormat  format)
{
  const char *ext = format == CRM_EXPORT_FORMAT_CSV ? "csv" : "vcf";
  g_autofree char *people_name = g_strdup_printf ("people.%s", ext);
  g_autofree char *orgs_name = g_strdup_printf ("organizations.%s", ext);
  g_autoptr(GFile) people = g_file_new_build_filename (f->dir, people_name, NULL);
  g_autoptr(GFile) orgs = g_file_new_build_filename (f->dir, orgs_name, NULL);
  g_autoptr(CrmQuery) people_query = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmQuery) orgs_query = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(CrmStore) fresh = NULL;
  g_autoptr(CrmImport) imported_orgs = NULL;
  g_autoptr(CrmImport) imported_people = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) want_photos = NULL;
  g_auto(GStrv) got_photos = NULL;
  g_auto(GStrv) want_people = lines (f->store, people_sql);
  g_auto(GStrv) want_orgs = lines (f->store, orgs_sql);
  g_auto(GStrv) want_custom = lines (f->store, custom_sql);
  g_auto(GStrv) got_people = NULL;
  g_auto(GStrv) got_orgs = NULL;
  g_auto(GStrv) got_custom = NULL;
  g_auto(GStrv) want_tags = NULL;
  g_auto(GStrv) got_tags = NULL;
  g_autofree char *all_tags = NULL;
  g_autofree char *source_path = g_build_filename (f->dir, "source.db", NULL);
  guint n_rejections;

  /* Three people with photos: vCards carry them (a CSV file does not). */
  {
    g_autoptr(GError) photo_error = NULL;

    _crm_store_run_sync (f->store, exec_job,
                         "INSERT INTO person_photo (person_id, updated, mime, data) "
                         "SELECT id, 1, 'image/png', X'89504E470D0A1A0A0000000D4948445200000001' "
                         "FROM person WHERE deleted = 0 ORDER BY id LIMIT 3", NULL, &photo_error);
    g_assert_no_error (photo_error);
  }
  want_photos = lines (f->store, photos_sql);
  g_assert_cmpuint (g_strv_length (want_photos), ==, 3);

  /* Tags besides the sample's: a second one on some people and
   * organizations, one in Chinese with a space, and a link in the trash,
   * which stays behind. */
  {
    g_autoptr(GError) tag_error = NULL;

    _crm_store_run_sync (f->store, exec_job,
                         "INSERT INTO tag (id, created, updated, name) VALUES "
                         "(90001, 1, 1, '重点 客户'), (90002, 1, 1, 'Trashed link');"
                         "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, record_id) "
                         "SELECT 90100 + id % 1000, 1, 1, 90001, 'person', id FROM person "
                         "WHERE deleted = 0 ORDER BY id LIMIT 5;"
                         "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, record_id) "
                         "SELECT 91100 + id % 1000, 1, 1, 90001, 'organization', id FROM organization "
                         "WHERE deleted = 0 ORDER BY id LIMIT 5;"
                         "INSERT INTO record_tag (id, created, updated, deleted, tag_id, record_kind, "
                         "record_id) SELECT 92000, 1, 1, 1, 90002, 'person', id FROM person "
                         "WHERE deleted = 0 ORDER BY id LIMIT 1", NULL, &tag_error);
    g_assert_no_error (tag_error);
  }

  /* Tags that hold the CSV cell's separators, quotes, a Chinese comma, what
   * looks like a formula (first in its cell, where the writer neutralises
   * the cell, or not), Google's list separator and system-group prefix, and
   * one differing from the sample's "VIP" only in case. */
  {
    g_autoptr(GError) tag_error = NULL;

    _crm_store_run_sync (f->store, exec_job,
                         "INSERT INTO tag (id, created, updated, name) VALUES "
                         "(90003, 1, 1, 'Smith, Jones'), (90004, 1, 1, 'B2B; EU'), "
                         "(90005, 1, 1, '\"Gold\" tier'), (90006, 1, 1, '=SUM(A1:A2)'), "
                         "(90007, 1, 1, '''=quoted'), (90008, 1, 1, '@home'), "
                         "(90009, 1, 1, '华东区，上海'), (90010, 1, 1, 'a ::: b'), "
                         "(90011, 1, 1, '* starred'), (90012, 1, 1, 'vip'), (90013, 1, 1, '-1'), "
                         "(90014, 1, 1, '客户;重要,\"老\"');"
                         "CREATE TEMP TABLE links (tag_id, kind, position);"
                         "INSERT INTO links VALUES (90003, 'person', 10), (90004, 'person', 10), "
                         "(90005, 'person', 10), (90009, 'person', 10), (90010, 'person', 10), "
                         "(90011, 'person', 10), (90012, 'person', 10), "
                         "((SELECT id FROM tag WHERE name = 'VIP'), 'person', 10), "
                         "(90006, 'person', 11), (90003, 'person', 11), (90007, 'person', 12), "
                         "(90008, 'person', 12), (90006, 'person', 13), "
                         "(90013, 'organization', 0), (90014, 'organization', 0), "
                         "(90004, 'organization', 0), (90005, 'organization', 0), "
                         "(90006, 'organization', 1), (90012, 'organization', 1);"
                         "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, "
                         "record_id) WITH ranked AS (SELECT 'person' AS kind, id, row_number () "
                         "OVER (ORDER BY id) - 1 AS position FROM person WHERE deleted = 0 "
                         "UNION ALL SELECT 'organization', id, row_number () OVER (ORDER BY id) - 1 "
                         "FROM organization WHERE deleted = 0) "
                         "SELECT 93000 + l.rowid, 1, 1, l.tag_id, l.kind, r.id FROM links l "
                         "JOIN ranked r USING (kind, position);"
                         "DROP TABLE links", NULL, &tag_error);
    g_assert_no_error (tag_error);
  }

  want_tags = lines (f->store, tags_sql);
  g_assert_cmpuint (export (f->store, people_query, NULL, format, people, &error), ==,
                    g_strv_length (want_people));
  g_assert_no_error (error);
  g_assert_cmpuint (export (f->store, orgs_query, NULL, format, orgs, &error), ==,
                    g_strv_length (want_orgs));
  g_assert_no_error (error);

  fresh = crm_store_open_sync (fresh_path, &error);
  g_assert_no_error (error);
  copy_custom_fields (fresh, source_path);
  imported_orgs = import (fresh, orgs);
  g_assert_cmpint (crm_import_get_target (imported_orgs), ==, CRM_IMPORT_TARGET_ORGANIZATION);
  crm_import_get_rejections (imported_orgs, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 0);
  imported_people = import (fresh, people);
  g_assert_cmpint (crm_import_get_target (imported_people), ==, CRM_IMPORT_TARGET_PERSON);
  crm_import_get_rejections (imported_people, &n_rejections);
  g_assert_cmpuint (n_rejections, ==, 0);

  got_orgs = lines (fresh, orgs_sql);
  got_people = lines (fresh, people_sql);
  got_custom = lines (fresh, custom_sql);
  g_assert_cmpstrv (got_orgs, want_orgs);
  g_assert_cmpstrv (got_people, want_people);
  /* The sample data has custom values on both kinds. */
  g_assert_cmpuint (g_strv_length (want_custom), >, 0);
  g_assert_cmpstrv (got_custom, want_custom);
  /* Both kinds of record have tags in the sample data (and the ones above). */
  all_tags = g_strjoinv ("\n", want_tags);
  g_assert_nonnull (strstr (all_tags, "||VIP|"));
  g_assert_nonnull (strstr (all_tags, "|Newsletter|"));
  g_assert_nonnull (strstr (all_tags, "||重点 客户|"));
  g_assert_nonnull (strstr (all_tags, "|Smith, Jones|"));
  g_assert_nonnull (strstr (all_tags, "||客户;重要,\"老\"|"));
  g_assert_nonnull (strstr (all_tags, "|'=quoted|"));
  got_tags = lines (fresh, tags_sql);
  g_assert_cmpstrv (got_tags, want_tags);
  got_photos = lines (fresh, photos_sql);
  if (format == CRM_EXPORT_FORMAT_VCARD)
    g_assert_cmpstrv (got_photos, want_photos);
  else
    g_assert_cmpuint (g_strv_length (got_photos), ==, 0);
  crm_store_close (fresh);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_round_trip_csv (Fixture       *f,
                     gconstpointer  data)
{
  round_trip (f, CRM_EXPORT_FORMAT_CSV);
}

static void
test_round_trip_vcard (Fixture       *f,
                       gconstpointer  data)
{
  round_trip (f, CRM_EXPORT_FORMAT_VCARD);
}

static void
update_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_exec (worker, data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
test_formula (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_build_filename (f->dir, "formula.csv", NULL);
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(CrmStore) fresh = NULL;
  g_autoptr(CrmImport) imp = NULL;
  g_auto(GStrv) got = NULL;
  gint64 id = 99;

  _crm_store_run_sync (f->store, update_job,
                       "INSERT INTO person (id, created, updated, given_name, family_name, "
                       "display_name, email, notes) VALUES (99, 1, 1, '=HYPERLINK(\"http://x\")', "
                       "'Doe', '=HYPERLINK(\"http://x\") Doe', 'x@example.com', '+1+1')",
                       NULL, &error);
  g_assert_no_error (error);
  g_array_append_val (ids, id);

  /* A selection: only that person. */
  g_assert_cmpuint (export (f->store, query, ids, CRM_EXPORT_FORMAT_CSV, file, &error), ==, 1);
  g_assert_no_error (error);
  g_file_load_contents (file, NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "'=HYPERLINK"));
  g_assert_nonnull (strstr (text, "'+1+1"));
  g_assert_null (strstr (text, ",=HYPERLINK"));

  fresh = crm_store_open_sync (fresh_path, &error);
  g_assert_no_error (error);
  imp = import (fresh, file);
  g_assert_cmpuint (crm_import_get_n_imported (imp), ==, 1);
  got = lines (fresh, "SELECT given_name, display_name, notes FROM person");
  g_assert_cmpstrv (got, ((const char *[]) {
    "=HYPERLINK(\"http://x\")|=HYPERLINK(\"http://x\") Doe|+1+1|", NULL }));
  crm_store_close (fresh);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_build_filename (f->dir, "no-such-dir", "out.csv", NULL);
  g_autoptr(GFile) existing = g_file_new_build_filename (f->dir, "kept.csv", NULL);
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *text = NULL;
  const char *name;

  g_assert_cmpuint (export (f->store, query, NULL, CRM_EXPORT_FORMAT_CSV, missing, &error), ==,
                    G_MAXUINT);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "out.csv"));
  g_clear_error (&error);

  /* A cancelled export over an existing file keeps the old file whole. */
  g_file_set_contents (g_file_peek_path (existing), "old", -1, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  crm_export_async (f->store, query, NULL, CRM_EXPORT_FORMAT_CSV, existing, cancellable,
                    crm_test_store_result, &result);
  g_assert_false (crm_export_finish (f->store, crm_test_await (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (g_file_peek_path (existing), &text, NULL, NULL);
  g_assert_cmpstr (text, ==, "old");

  /* No temporary file is left. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));
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
  ADD ("/export/round-trip/csv", test_round_trip_csv);
  ADD ("/export/round-trip/vcard", test_round_trip_vcard);
  ADD ("/export/formula", test_formula);
  ADD ("/export/failure", test_failure_leaves_nothing);
#undef ADD

  return g_test_run ();
}
