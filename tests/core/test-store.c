/* test-store.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-models.h"
#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "sub", "rapport.db", NULL);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

/* Closes the store and lets queued callbacks (which hold references) run. */
static void
close_store (CrmStore *store)
{
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f->store);
  g_free (f->path);
  g_free (f->dir);
}

static CrmRecord *
insert (CrmStore  *store,
        CrmRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, record, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, &error));
  g_assert_no_error (error);
  return record;
}

static void
flush (CrmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_flush_async (store, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_flush_finish (store, result, &error));
  g_assert_no_error (error);
}

static GListModel *
query (CrmStore *store,
       CrmQuery *q)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_open_wal (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_cmpint (crm_store_get_schema_version (f->store), ==, crm_store_get_latest_schema_version ());
  g_assert_cmpstr (crm_store_get_path (f->store), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  /* WAL mode leaves its log beside the file while open. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_insert_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) loaded = NULL;

  crm_person_set_given_name (person, "José");
  crm_person_set_family_name (person, "Álvarez");
  crm_person_set_email (person, "jose@example.com");
  crm_person_set_is_customer (person, TRUE);
  insert (f->store, CRM_RECORD (person));

  g_assert_cmpint (crm_record_get_id (CRM_RECORD (person)), >, 0);
  g_assert_cmpint (crm_record_get_created (CRM_RECORD (person)), >, 0);
  g_assert_cmpstr (crm_person_get_display_name (person), ==, "José Álvarez");
  g_assert_cmpstr (crm_person_get_sort_key (person), ==, "josé álvarez");
  g_assert_false (crm_record_get_dirty (CRM_RECORD (person)));

  /* The identity map hands back the same instance. */
  crm_store_load_async (f->store, CRM_TYPE_PERSON, crm_record_get_id (CRM_RECORD (person)), NULL,
                        crm_test_store_result, &result);
  crm_test_await (&result);
  loaded = crm_store_load_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_true (loaded == CRM_RECORD (person));
  g_assert_true (crm_store_lookup (f->store, CRM_TYPE_PERSON, crm_record_get_id (loaded)) == loaded);
}

static void
test_chinese_display_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CrmPerson) person = crm_person_new ();

  crm_person_set_given_name (person, "伟");
  crm_person_set_family_name (person, "张");
  insert (f->store, CRM_RECORD (person));
  g_assert_cmpstr (crm_person_get_display_name (person), ==, "张伟");
}

static void
test_load_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) loaded = NULL;

  crm_store_load_async (f->store, CRM_TYPE_PERSON, 12345, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  loaded = crm_store_load_finish (f->store, result, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_coalesced_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autoptr(CrmStore) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CrmQuery) q = NULL;
  guint notified = 0;
  gint64 id;

  crm_organization_set_name (org, "Acme");
  insert (f->store, CRM_RECORD (org));
  id = crm_record_get_id (CRM_RECORD (org));

  g_signal_connect (org, "notify::name", G_CALLBACK (count_notify), &notified);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Acme %d", i);

      crm_organization_set_name (org, name);
    }
  g_assert_cmpuint (notified, ==, 50);
  g_assert_true (crm_record_get_dirty (CRM_RECORD (org)));
  flush (f->store);
  g_assert_false (crm_record_get_dirty (CRM_RECORD (org)));

  /* Another connection (another process) sees the saved value. */
  g_clear_object (&org);
  close_store (f->store);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);

  q = crm_query_new (CRM_TYPE_ORGANIZATION);
  crm_query_add_int (q, "id", CRM_QUERY_EQ, id);
  model = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  org = g_list_model_get_item (model, 0);
  g_assert_cmpstr (crm_organization_get_name (org), ==, "Acme 49");
  g_assert_cmpstr (crm_organization_get_sort_key (org), ==, "acme 49");
}

static void
on_changed (CrmStore   *store,
            const char *table,
            GArray     *ids,
            GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_changes_reach_objects (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CrmDeal) deal = NULL;
  g_autoptr(CrmPipeline) pipeline = crm_pipeline_new ();
  g_autoptr(CrmStage) stage = crm_stage_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_DEAL);
  g_autoptr(GListModel) model = NULL;
  CrmDeal *copy;
  guint notified = 0;

  crm_pipeline_set_name (pipeline, "B2B");
  insert (f->store, CRM_RECORD (pipeline));
  crm_stage_set_pipeline_id (stage, crm_record_get_id (CRM_RECORD (pipeline)));
  crm_stage_set_name (stage, "Qualification");
  insert (f->store, CRM_RECORD (stage));

  deal = crm_deal_new ();
  crm_deal_set_name (deal, "Fleet renewal");
  crm_deal_set_pipeline_id (deal, crm_record_get_id (CRM_RECORD (pipeline)));
  crm_deal_set_stage_id (deal, crm_record_get_id (CRM_RECORD (stage)));
  crm_deal_set_amount (deal, 1250000);
  crm_deal_set_currency (deal, "EUR");
  insert (f->store, CRM_RECORD (deal));

  g_signal_connect (f->store, "changed::deal", G_CALLBACK (on_changed), seen);

  /* A query returns the same instance: an edit through one view is seen by
   * every other. */
  model = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  copy = g_list_model_get_item (model, 0);
  g_assert_true (copy == deal);
  g_object_unref (copy);

  g_signal_connect (deal, "notify::amount", G_CALLBACK (count_notify), &notified);
  crm_deal_set_amount (deal, 990000);
  flush (f->store);
  /* the change signal arrives after the commit */
  while (seen->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "deal");
  g_assert_cmpint (crm_deal_get_amount (deal), ==, 990000);
  g_assert_cmpuint (notified, ==, 1);
}

/* A row read before an edit was saved comes back after the edit was taken
 * for saving: it must not bring the old value back (the page showing the
 * record would show it, and the next edit of another field would not put
 * it right). */
static void
test_read_before_save (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  crm_organization_set_name (org, "Before");
  insert (f->store, CRM_RECORD (org));

  /* Read first (the worker reads "Before"), then edit and save. */
  crm_store_query_async (f->store, q, NULL, crm_test_store_result, &read);
  crm_organization_set_name (org, "After");
  crm_store_flush_async (f->store, NULL, crm_test_store_result, &saved);

  model = crm_store_query_finish (f->store, crm_test_await (&read), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_organization_get_name (org), ==, "After");
  g_assert_true (crm_store_flush_finish (f->store, crm_test_await (&saved), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_organization_get_name (org), ==, "After");

  /* Once saved, what is read is what the database has. */
  g_clear_object (&model);
  model = query (f->store, q);
  g_assert_cmpstr (crm_organization_get_name (org), ==, "After");
}

/* rapport-cli (another process) writes while the app is open: the app's
 * objects and lists follow. */
static void
test_external_writer (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autofree char *sql = NULL;
  sqlite3 *other;

  crm_organization_set_name (org, "Before");
  insert (f->store, CRM_RECORD (org));

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE organization SET name = 'Changed by rapport-cli' WHERE id = %" G_GINT64_FORMAT,
                         crm_record_get_id (CRM_RECORD (org)));
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  while (g_strcmp0 (crm_organization_get_name (org), "Changed by rapport-cli") != 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_trash_and_restore (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(CrmQuery) live = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmQuery) trash = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) a = NULL;
  g_autoptr(GListModel) b = NULL;
  g_autoptr(GListModel) c = NULL;

  crm_person_set_display_name (person, "Zoë Clark");
  insert (f->store, CRM_RECORD (person));
  crm_query_set_trashed (trash, TRUE);

  crm_store_trash_async (f->store, CRM_RECORD (person), TRUE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_trash_finish (f->store, result, &error));
  g_assert_no_error (error);
  g_assert_true (crm_record_get_trashed (CRM_RECORD (person)));

  a = query (f->store, live);
  b = query (f->store, trash);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, 1);

  /* Undo */
  g_clear_object (&result);
  crm_store_trash_async (f->store, CRM_RECORD (person), FALSE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_trash_finish (f->store, result, &error));
  c = query (f->store, live);
  g_assert_cmpuint (g_list_model_get_n_items (c), ==, 1);
  g_assert_false (crm_record_get_trashed (CRM_RECORD (person)));
}

static void
test_invalid_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CrmPerson) person = crm_person_new ();

  crm_record_set_text (CRM_RECORD (person), "notes", "bad \xff\xfe bytes");
  g_assert_true (g_utf8_validate (crm_person_get_notes (person), -1, NULL));
  insert (f->store, CRM_RECORD (person));
}

static void
test_huge_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autofree char *big = g_strnfill (8 * 1024 * 1024, 'x');
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GListModel) model = NULL;

  crm_person_set_notes (person, big);
  insert (f->store, CRM_RECORD (person));
  model = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (strlen (crm_person_get_notes (person)), ==, 8 * 1024 * 1024);
}

static void
test_backup_check_stats (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autofree char *dest = g_build_filename (f->dir, "backup.db", NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GVariant) stats = NULL;
  g_autoptr(CrmStore) copy = NULL;
  gint64 n = -1;

  crm_organization_set_name (org, "北京星辰科技有限公司");
  insert (f->store, CRM_RECORD (org));

  crm_store_check_async (f->store, NULL, crm_test_store_result, &r1);
  crm_test_await (&r1);
  problems = crm_store_check_finish (f->store, r1, &error);
  g_assert_no_error (error);
  g_assert_null (problems);

  crm_store_stats_async (f->store, NULL, crm_test_store_result, &r2);
  crm_test_await (&r2);
  stats = crm_store_stats_finish (f->store, r2, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (stats, "organization", "x", &n));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (g_variant_lookup (stats, "person", "x", &n));
  g_assert_cmpint (n, ==, 0);

  crm_store_backup_async (f->store, dest, NULL, crm_test_store_result, &r3);
  crm_test_await (&r3);
  g_assert_true (crm_store_backup_finish (f->store, r3, &error));
  g_assert_no_error (error);

  copy = crm_store_open_sync (dest, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_get_node_id (copy), ==, crm_store_get_node_id (f->store));
  crm_store_close (copy);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *aside = g_strconcat (f->path, ".before-restore", NULL);
  g_autoptr(GAsyncResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CrmOrganization) later = crm_organization_new ();

  crm_organization_set_name (org, "Kept");
  insert (f->store, CRM_RECORD (org));
  crm_store_backup_async (f->store, backup, NULL, crm_test_store_result, &r);
  crm_test_await (&r);
  g_assert_true (crm_store_backup_finish (f->store, r, &error));

  crm_organization_set_name (later, "Added after the backup");
  insert (f->store, CRM_RECORD (later));
  g_clear_object (&org);
  g_clear_object (&later);
  g_clear_object (&r);   /* a task keeps its source object alive */
  close_store (f->store);

  g_assert_true (crm_store_restore_file (backup, f->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));

  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  model = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* A second restore keeps both earlier files. */
  crm_store_close (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&model);
  g_assert_finalize_object (f->store);
  g_assert_true (crm_store_restore_file (backup, f->path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *second = g_strconcat (f->path, ".before-restore.1", NULL);

    g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
  }
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);

  /* A garbage backup is refused and the database is left alone. */
  g_assert_true (g_file_set_contents (backup, "not a database at all", -1, NULL));
  g_assert_false (crm_store_restore_file (backup, f->path, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/open/wal", test_open_wal);
  ADD ("/store/records/insert-load", test_insert_load);
  ADD ("/store/records/chinese-display-name", test_chinese_display_name);
  ADD ("/store/records/load-missing", test_load_missing);
  ADD ("/store/records/coalesced-save", test_coalesced_save);
  ADD ("/store/records/changes-reach-objects", test_changes_reach_objects);
  ADD ("/store/records/read-before-save", test_read_before_save);
  ADD ("/store/records/trash-and-restore", test_trash_and_restore);
  ADD ("/store/records/external-writer", test_external_writer);
  ADD ("/store/records/invalid-utf8", test_invalid_utf8);
  ADD ("/store/records/huge-field", test_huge_field);
  ADD ("/store/maintenance/backup-check-stats", test_backup_check_stats);
  ADD ("/store/maintenance/restore", test_restore);
#undef ADD

  return g_test_run ();
}
