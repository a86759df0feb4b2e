/* test-bad-database.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every way a database file can be bad gives a clear error and changes
 * nothing: corrupt, another program's, locked, read-only, newer, full.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "crm-models.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

static char *
tmp_path (const char *name)
{
  g_autofree char *dir = crm_test_make_tmpdir ();

  return g_build_filename (dir, name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);

  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, code);
  g_assert_nonnull (error->message);
  g_test_message ("%s", error->message);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_garbage (void)
{
  g_autofree char *path = tmp_path ("garbage.db");
  g_autofree char *junk = g_malloc (65536);

  for (int i = 0; i < 65536; i++)
    junk[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (path, junk, 65536, NULL));
  assert_refused_unchanged (path, CRM_STORE_ERROR_CORRUPT);
}

static void
test_damaged_pages (void)
{
  g_autofree char *path = tmp_path ("damaged.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  /* Keep the valid header, overwrite the schema page. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  memset (data + 100, 0xA5, 4000);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  assert_refused_unchanged (path, CRM_STORE_ERROR_CORRUPT);
}

static void
test_other_program (void)
{
  g_autofree char *path = tmp_path ("firefox-places.sqlite");
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                     "INSERT INTO moz_places VALUES (1, 'https://example.com');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (path, CRM_STORE_ERROR_CORRUPT);
}

static void
test_newer_version (void)
{
  g_autofree char *path = tmp_path ("newer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autofree char *pragma = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA wal_checkpoint(TRUNCATE);",
                            crm_store_get_latest_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (path, CRM_STORE_ERROR_NEWER_VERSION);
}

/* A file the user can read but not write.  As root (CI), the check runs in
 * a subprocess that drops to "nobody", for whom file modes apply. */
static void
test_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  if (g_test_subprocess ())
    {
      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("could not drop privileges");
      assert_refused_unchanged (g_getenv ("CRM_TEST_READ_ONLY_DB"), CRM_STORE_ERROR_READ_ONLY);
      return;
    }

  dir = g_build_filename (g_get_tmp_dir (), "rapport-ro-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp_full (dir, 0755));
  path = g_build_filename (dir, "readonly.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_setenv ("CRM_TEST_READ_ONLY_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_chmod (path, 0644);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_locked (void)
{
  g_autofree char *path = tmp_path ("locked.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  sqlite3 *other;

  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  /* Another program holds an exclusive lock for a long write. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                                        "INSERT INTO tag (id, created, updated, name) VALUES (1, 0, 0, 'x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  store = crm_store_open_sync (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED);

  /* Once the other program is done, it opens. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  crm_store_close (store);
}

static void
on_write_failed (CrmStore *store,
                 GError   *error,
                 GError  **out)
{
  *out = g_error_copy (error);
}

static void
test_disk_full (void)
{
  g_autofree char *path = tmp_path ("full.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(CrmPerson) big = crm_person_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) failed = NULL;
  g_autofree char *huge = g_strnfill (4 * 1024 * 1024, 'y');
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  crm_person_set_display_name (person, "Before the disk filled");
  crm_store_insert_async (store, CRM_RECORD (person), NULL, crm_test_store_result, &r1);
  crm_test_await (&r1);
  g_assert_true (crm_store_insert_finish (store, r1, &error));

  /* The database may not grow any more: the next big write fails as on a
   * full disk. */
  g_assert_true (_crm_store_set_max_pages_for_testing (store, 1, &error));
  g_assert_no_error (error);

  crm_person_set_notes (big, huge);
  crm_store_insert_async (store, CRM_RECORD (big), NULL, crm_test_store_result, &r2);
  crm_test_await (&r2);
  g_assert_false (crm_store_insert_finish (store, r2, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_DISK_FULL);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (big)), ==, 0);

  /* A background save that fails reverts the object and says so. */
  g_signal_connect (store, "write-failed", G_CALLBACK (on_write_failed), &failed);
  crm_person_set_notes (person, huge);
  while (failed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (failed, CRM_STORE_ERROR, CRM_STORE_ERROR_DISK_FULL);
  while (crm_person_get_notes (person)[0] != '\0')
    g_main_context_iteration (NULL, TRUE);

  crm_store_close (store);

  /* Nothing was lost: the first person is still there. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM person", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_missing_folder_created (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "c", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);

  g_assert_no_error (error);
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bad-database/garbage", test_garbage);
  g_test_add_func ("/bad-database/damaged-pages", test_damaged_pages);
  g_test_add_func ("/bad-database/other-program", test_other_program);
  g_test_add_func ("/bad-database/newer-version", test_newer_version);
  g_test_add_func ("/bad-database/read-only", test_read_only);
  g_test_add_func ("/bad-database/locked", test_locked);
  g_test_add_func ("/bad-database/disk-full", test_disk_full);
  g_test_add_func ("/bad-database/missing-folder", test_missing_folder_created);

  return g_test_run ();
}
