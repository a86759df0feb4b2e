/* test-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import assistant in a real window on the sample data: a CSV file
 * opened as a drop opens it, the columns page, the preview with its counts,
 * the import, the new people in the people list, and undo.
 */

#define G_LOG_DOMAIN "TestImport"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-import.h"
#include "crm-import-window.h"
#include "crm-paged-model.h"
#include "crm-test-util.h"
#include "crm-window-private.h"

static CrmApplication *app;

static const char csv[] =
  "First Name,Last Name,Company,E-mail Address,Mobile Phone,City\n"
  "Zora,Importtest,Fabrikam,zora@fabrikam.example.com,+1 415 555 0190,Denver\n"
  "Yusuf,Importtest,Fabrikam,yusuf@fabrikam.example.com,,Denver\n"
  "Xiu,Importtest,Contoso,not-an-email,,Shanghai\n"
  "Wen,Importtest,Contoso,wen@contoso.example.com,+1 415 555 0191,Shanghai\n"
  "Zora,Importtest,Fabrikam,zora@fabrikam.example.com,,Boulder\n";

typedef struct
{
  CrmImportWindow *window;
  const char      *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (crm_import_window_get_page (wait->window), wait->page) == 0;
}

static void
wait_page (CrmImportWindow *window,
           const char      *page)
{
  PageWait wait = { window, page };

  crm_ui_test_wait (page_is, &wait);
}

typedef struct
{
  CrmView *view;
  guint    n_items;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;
  GListModel *model = crm_view_get_model (wait->view);

  return model != NULL && !crm_paged_model_get_loading (CRM_PAGED_MODEL (model)) &&
         g_list_model_get_n_items (model) == wait->n_items &&
         g_strcmp0 (crm_view_get_state (wait->view), "loading") != 0;
}

static gboolean
window_gone (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CRM_IS_IMPORT_WINDOW (l->data))
      return FALSE;
  return TRUE;
}

static CrmImportWindow *
find_import_window (CrmWindow *window)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CRM_IS_IMPORT_WINDOW (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
        return l->data;
      }
  g_assert_not_reached ();
  return NULL;
}

static void
test_import_and_undo (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *csv_path = g_build_filename (dir, "contacts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  CrmImportWindow *import_window;
  CrmImport *import;
  CrmWindow *window;
  CountWait wait;
  CrmView *people;

  g_file_set_contents (csv_path, csv, -1, &error);
  g_assert_no_error (error);
  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);

  /* The people list, narrowed to the family name of the file's people. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "people"));
  people = crm_window_get_view (window, "people");
  crm_ui_test_wait_view_ready (people);
  crm_view_set_search_text (people, "Importtest");
  wait.view = people;
  wait.n_items = 0;
  crm_ui_test_wait (count_is, &wait);

  /* As a dropped file does. */
  _crm_window_open_import (window, file);
  import_window = find_import_window (window);
  wait_page (import_window, "mapping");
  import = crm_import_window_get_import (import_window);
  g_assert_cmpstr (crm_import_get_mapping (import)->keys[0], ==, "given-name");
  g_assert_cmpstr (crm_import_get_mapping (import)->keys[3], ==, "email");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import_window), "import.next", NULL));
  wait_page (import_window, "preview");
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_NEW), ==, 3);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE), ==, 1);
  g_assert_cmpuint (crm_import_get_count (import, CRM_IMPORT_STATUS_REJECTED), ==, 1);

  /* Back to the columns and forward again keeps the preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import_window), "import.back", NULL));
  wait_page (import_window, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import_window), "import.next", NULL));
  wait_page (import_window, "preview");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import_window), "import.next", NULL));
  wait_page (import_window, "report");
  g_assert_cmpuint (crm_import_get_n_imported (import), ==, 3);

  /* The new people are in the list. */
  wait.n_items = 3;
  crm_ui_test_wait (count_is, &wait);

  gtk_window_close (GTK_WINDOW (import_window));
  crm_ui_test_wait (window_gone, NULL);

  /* Undo (the toast's button and Ctrl+Z do this) removes them again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait.n_items = 0;
  crm_ui_test_wait (count_is, &wait);

  crm_ui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/import/import-and-undo", test_import_and_undo);

  return g_test_run ();
}
