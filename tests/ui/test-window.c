/* test-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window on a real store: empty states, navigation, the remembered
 * view and size, sample data in every view, the global search, the narrow
 * (folded) layout.
 */

#define G_LOG_DOMAIN "TestWindow"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-paged-model.h"
#include "crm-pipeline-view.h"
#include "crm-record.h"
#include "crm-test-util.h"

static CrmApplication *app;

static const char * const view_names[] = { "organizations", "people", "pipeline", "inbox" };

static GSettings *
get_settings (void)
{
  return crm_application_get_settings (app);
}

static void
show_view (CrmWindow  *window,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, name);
}

static void
test_empty_states (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_ui_test_open_window (app, path);

  g_assert_cmpstr (crm_window_get_page (window), ==, "main");
  g_assert_cmpint (crm_window_get_open_error (window), ==, -1);
  g_assert_nonnull (crm_window_get_context (window));

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      CrmView *view = crm_window_get_view (window, view_names[i]);

      show_view (window, view_names[i]);
      g_assert_true (crm_view_get_context (view) == crm_window_get_context (window));
      crm_ui_test_wait_view_ready (view);
      g_assert_cmpstr (crm_view_get_state (view), ==, "empty");
      g_assert_nonnull (crm_view_get_title (view));
      g_assert_nonnull (crm_view_get_icon_name (view));
    }

  crm_ui_test_close_window (window);
}

static void
test_navigation_persists (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *last_view = NULL;
  CrmWindow *window = crm_ui_test_open_window (app, path);

  show_view (window, "pipeline");
  last_view = g_settings_get_string (get_settings (), "last-view");
  g_assert_cmpstr (last_view, ==, "pipeline");

  show_view (window, "inbox");
  g_clear_pointer (&last_view, g_free);
  last_view = g_settings_get_string (get_settings (), "last-view");
  g_assert_cmpstr (last_view, ==, "inbox");

  crm_ui_test_close_window (window);

  /* The view comes back in the next window, and its size is saved on close. */
  window = crm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  crm_window_open_database (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_spin (100);
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, "inbox");

  gtk_window_close (GTK_WINDOW (window));
  crm_ui_test_spin (100);
  g_assert_cmpint (g_settings_get_int (get_settings (), "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (get_settings (), "window-height"), ==, 640);

  window = crm_ui_test_open_window (app, path);
  show_view (window, "organizations");
  crm_ui_test_close_window (window);
}

static void
test_demo_rows (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      CrmView *view = crm_window_get_view (window, view_names[i]);

      show_view (window, view_names[i]);
      crm_ui_test_wait_view_ready (view);
      g_assert_cmpstr (crm_view_get_state (view), ==, "list");
      /* The pipeline shows a board of columns ("list" when it has cards),
       * not a paged list. */
      if (!CRM_IS_PIPELINE_VIEW (view))
        g_assert_cmpuint (g_list_model_get_n_items (crm_view_get_model (view)), >, 0);
      /* Let the list view materialise its rows and their pages. */
      crm_ui_test_spin (200);
    }

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmView    *view;
  const char *text;
  const char *state;
  guint       min_items;
  guint       max_items;
} SearchWait;

/* A new search reloads the ids in the background: wait for the answer. */
static gboolean
search_settled (gpointer data)
{
  SearchWait *wait = data;
  guint n_items = g_list_model_get_n_items (crm_view_get_model (wait->view));

  return g_strcmp0 (crm_view_get_search_text (wait->view), wait->text) == 0 &&
         g_strcmp0 (crm_view_get_state (wait->view), wait->state) == 0 &&
         n_items >= wait->min_items && n_items <= wait->max_items;
}

static void
search_and_wait (CrmWindow  *window,
                 CrmView    *view,
                 const char *text,
                 const char *state,
                 guint       min_items,
                 guint       max_items)
{
  SearchWait wait = { view, text, state, min_items, max_items };

  gtk_editable_set_text (crm_window_get_search_entry (window), text);
  crm_ui_test_wait (search_settled, &wait);
}

static gboolean
window_opened (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "main") == 0;
}

/* What `rapport --demo` does: a new database filled before the views show. */
static void
test_demo_fill (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_window_new (app);
  CrmView *view;

  crm_window_open_database (window, path, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_wait (window_opened, window);

  show_view (window, "people");
  view = crm_window_get_view (window, "people");
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (crm_view_get_model (view)), >=, 100);

  crm_ui_test_close_window (window);
}

static void
test_search_filters (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedItem) item = NULL;
  g_autofree char *name = NULL;
  CrmWindow *window;
  CrmView *view;
  GListModel *model;
  guint total;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  /* The inbox narrows its list by the entry's text (the record tables leave
   * the text to the global search, see test-search.c). */
  show_view (window, "inbox");
  view = crm_window_get_view (window, "inbox");
  crm_ui_test_wait_view_ready (view);
  model = crm_view_get_model (view);
  total = g_list_model_get_n_items (model);
  g_assert_cmpuint (total, >, 1);

  /* Search for the last ticket's subject. */
  item = g_list_model_get_item (model, total - 1);
  crm_paged_model_load_page_async (CRM_PAGED_MODEL (model), total - 1, NULL,
                                   crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_paged_model_load_page_finish (CRM_PAGED_MODEL (model), result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (crm_paged_item_get_record (item));
  name = g_strdup (crm_record_get_text (crm_paged_item_get_record (item), "subject"));
  g_assert_cmpstr (name, !=, "");

  search_and_wait (window, view, name, "list", 1, total - 1);

  /* Quotes and SQL syntax are searched for as text, never run. */
  search_and_wait (window, view, "zz' OR 1=1 --", "no-results", 0, 0);

  search_and_wait (window, view, "", "list", total, total);

  /* The entry follows into the next view. */
  gtk_editable_set_text (crm_window_get_search_entry (window), "zzqqxx-nothing");
  crm_ui_test_spin (400);
  show_view (window, "pipeline");
  g_assert_cmpstr (crm_view_get_search_text (crm_window_get_view (window, "pipeline")), ==,
                   "zzqqxx-nothing");
  gtk_editable_set_text (crm_window_get_search_entry (window), "");
  crm_ui_test_spin (300);

  crm_ui_test_close_window (window);
}

static gboolean
is_folded (gpointer data)
{
  AdwLeaflet *leaflet = data;

  return adw_leaflet_get_folded (leaflet);
}

static AdwLeaflet *
find_leaflet (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwLeaflet *found;

      if (ADW_IS_LEAFLET (child))
        return ADW_LEAFLET (child);
      if ((found = find_leaflet (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_narrow_folds (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_window_new (app);
  AdwLeaflet *leaflet = find_leaflet (GTK_WIDGET (window));

  g_assert_nonnull (leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  crm_window_open_database (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_wait (is_folded, leaflet);
  while (g_strcmp0 (crm_window_get_page (window), "main") != 0)
    crm_ui_test_spin (10);

  /* Every view fits a phone-sized window: none holds the window wider. */
  {
    const char *names[] = { "organizations", "people", "pipeline", "inbox" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        int min;

        gtk_widget_measure (GTK_WIDGET (crm_window_get_view (window, names[i])), GTK_ORIENTATION_HORIZONTAL,
                            -1, &min, NULL, NULL, NULL);
        g_test_message ("%s: at least %d px", names[i], min);
        g_assert_cmpint (min, <=, 360);
      }
  }

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  crm_ui_test_spin (50);
  show_view (window, "people");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), !=, "content");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/window/empty-states", test_empty_states);
  g_test_add_func ("/ui/window/navigation-persists", test_navigation_persists);
  g_test_add_func ("/ui/window/demo-rows", test_demo_rows);
  g_test_add_func ("/ui/window/demo-fill", test_demo_fill);
  g_test_add_func ("/ui/window/search-filters", test_search_filters);
  g_test_add_func ("/ui/window/narrow-folds", test_narrow_folds);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
