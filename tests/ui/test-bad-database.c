/* test-bad-database.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database that cannot be opened shows the failure screen with a way out,
 * and "Start a New Database" keeps the old file aside.
 */

#define G_LOG_DOMAIN "TestBadDatabase"

#include "config.h"

#include <sqlite3.h>

#include "crm-ui-test-util.h"
#include "crm-store.h"
#include "crm-window-private.h"

static CrmApplication *app;

static GPtrArray *
list_damaged (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));

  return found;
}

static gboolean
window_opened (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "main") == 0;
}

static void
start_new_database (CrmWindow  *window,
                    const char *path,
                    const char *old_contents,
                    gsize       old_length)
{
  g_autoptr(GPtrArray) damaged = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-database", NULL));
  crm_ui_test_wait (window_opened, window);

  g_assert_cmpstr (crm_window_get_page (window), ==, "main");
  g_assert_cmpint (crm_window_get_open_error (window), ==, -1);

  /* The old file is kept, byte for byte, beside the new database. */
  damaged = list_damaged (path);
  g_assert_cmpuint (damaged->len, ==, 1);
  g_assert_true (g_file_get_contents (damaged->pdata[0], &contents, &length, NULL));
  g_assert_cmpmem (contents, length, old_contents, old_length);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_corrupt (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *garbage = NULL;
  const gsize length = 8192;
  CrmWindow *window;

  garbage = g_malloc (length);
  for (gsize i = 0; i < length; i++)
    garbage[i] = (char) (g_test_rand_int () & 0xff);
  g_assert_true (g_file_set_contents (path, garbage, length, NULL));

  g_test_expect_message ("CrmWindow", G_LOG_LEVEL_WARNING, "*Could not open*");
  window = crm_ui_test_open_window (app, path);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (crm_window_get_page (window), ==, "error");
  g_assert_cmpint (crm_window_get_open_error (window), ==, CRM_STORE_ERROR_CORRUPT);
  /* The views have nothing to show and no store. */
  g_assert_null (crm_window_get_context (window));

  start_new_database (window, path, garbage, length);
  crm_ui_test_close_window (window);
}

static void
test_newer_version (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *sql = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  sqlite3 *db = NULL;
  gsize length;
  CrmWindow *window;

  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  /* Pretend a future Rapport wrote it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode=DELETE; PRAGMA user_version = %d;",
                         crm_store_get_latest_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  g_test_expect_message ("CrmWindow", G_LOG_LEVEL_WARNING, "*Could not open*");
  window = crm_ui_test_open_window (app, path);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (crm_window_get_page (window), ==, "error");
  g_assert_cmpint (crm_window_get_open_error (window), ==, CRM_STORE_ERROR_NEWER_VERSION);

  /* Trying again does not help and is not offered; the file is untouched. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "retry-open") &&
                  gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CRM_TYPE_WINDOW, "retry_button"))));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-view"));
  {
    g_autofree char *again = NULL;
    gsize again_length;

    g_assert_true (g_file_get_contents (path, &again, &again_length, NULL));
    g_assert_cmpmem (again, again_length, contents, length);
  }

  start_new_database (window, path, contents, length);
  crm_ui_test_close_window (window);
}

static void
test_locked_then_retry (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  sqlite3 *db = NULL;
  CrmWindow *window;

  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  /* Another program holds the file locked. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_test_expect_message ("CrmWindow", G_LOG_LEVEL_WARNING, "*Could not open*");
  window = crm_ui_test_open_window (app, path);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (crm_window_get_page (window), ==, "error");
  g_assert_cmpint (crm_window_get_open_error (window), ==, CRM_STORE_ERROR_LOCKED);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "retry-open"));

  /* Once the other program lets go, "Try Again" opens it. */
  sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-open", NULL));
  crm_ui_test_wait (window_opened, window);
  g_assert_cmpint (crm_window_get_open_error (window), ==, -1);

  crm_ui_test_close_window (window);
}

static gboolean
restore_settled (gpointer data)
{
  CrmWindow *window = data;

  return g_strcmp0 (crm_window_get_page (window), "main") == 0 ||
         g_action_group_get_action_enabled (G_ACTION_GROUP (window), "restore-backup");
}

static void
test_restore_backup (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *backup = crm_ui_test_new_db_path ();
  g_autofree char *junk = crm_ui_test_new_db_path ();
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  CrmWindow *window;
  CrmView *view;

  g_assert_true (g_file_set_contents (path, "not a database at all", -1, NULL));
  g_assert_true (g_file_set_contents (junk, "not a backup either", -1, NULL));
  crm_ui_test_make_demo_db (backup);

  g_test_expect_message ("CrmWindow", G_LOG_LEVEL_WARNING, "*Could not open*");
  window = crm_ui_test_open_window (app, path);
  g_test_assert_expected_messages ();
  g_assert_cmpint (crm_window_get_open_error (window), ==, CRM_STORE_ERROR_CORRUPT);

  /* A file that is no backup is refused, and nothing changes. */
  _crm_window_restore_backup (window, junk);
  crm_ui_test_wait (restore_settled, window);
  g_assert_cmpstr (crm_window_get_page (window), ==, "error");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "not a database at all");
  g_clear_pointer (&contents, g_free);

  /* A real backup replaces the file, which is kept beside it. */
  _crm_window_restore_backup (window, backup);
  crm_ui_test_wait (window_opened, window);
  kept = g_strconcat (path, ".before-restore", NULL);
  g_assert_true (g_file_get_contents (kept, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "not a database at all");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "people"));
  view = crm_window_get_view (window, "people");
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "list");

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/bad-database/corrupt", test_corrupt);
  g_test_add_func ("/ui/bad-database/newer-version", test_newer_version);
  g_test_add_func ("/ui/bad-database/locked-then-retry", test_locked_then_retry);
  g_test_add_func ("/ui/bad-database/restore-backup", test_restore_backup);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
