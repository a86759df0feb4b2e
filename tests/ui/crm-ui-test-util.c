/* crm-ui-test-util.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmUiTest"

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "crm-ui-test-util.h"
#include "crm-demo.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define WAIT_LIMIT_USEC (60 * G_USEC_PER_SEC)

CrmApplication *
crm_ui_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  CrmApplication *app;

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = crm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

void
crm_ui_test_wait (CrmUiCondition condition,
                  gpointer       data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a condition");
    }
}

void
crm_ui_test_spin (guint msec)
{
  crm_test_spin (msec);
}

static gboolean
window_left_loading (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "loading") != 0;
}

CrmWindow *
crm_ui_test_open_window (CrmApplication *app,
                         const char     *path)
{
  CrmWindow *window = crm_window_new (app);

  crm_window_open_database (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_wait (window_left_loading, window);

  return window;
}

static gboolean
view_ready (gpointer data)
{
  return g_strcmp0 (crm_view_get_state (data), "loading") != 0;
}

void
crm_ui_test_wait_view_ready (CrmView *view)
{
  crm_ui_test_wait (view_ready, view);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
crm_ui_test_close_window (CrmWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  crm_ui_test_wait (pointer_cleared, &weak);
}

char *
crm_ui_test_new_db_path (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();

  return g_build_filename (dir, "test.db", NULL);
}

void
crm_ui_test_make_demo_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  sqlite3 *db = NULL;

  g_assert_no_error (error);

  crm_demo_generate_sync (store, CRM_DEMO_SMALL, "en", 7, &error);
  g_assert_no_error (error);
  crm_store_close (store);

  /* No SLA breach warnings: the test session has no notification server,
   * and GLib's warning about that is fatal in tests.  Which tickets warn is
   * tested in tests/core/test-sla-alerts.c. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT OR REPLACE INTO meta (key, value) "
                                     "VALUES ('sla-alert-minutes', '0')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}
