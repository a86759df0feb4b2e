/* test-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window on a real store: empty states, navigation, the remembered
 * view and size, views built on first use, sample data in every view, the
 * global search, the narrow (folded) layout.
 */

#define G_LOG_DOMAIN "TestWindow"

#include "config.h"

#include <string.h>

#include "crm-ui-test-util.h"
#include "crm-window-private.h"
#include "crm-new-ticket-dialog.h"
#include "crm-paged-model.h"
#include "crm-pipeline-view.h"
#include "crm-record.h"
#include "crm-test-util.h"
#include "crm-ticket-page.h"

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

/* Whether the view called @name exists, without building it. */
static gboolean
view_built (CrmWindow  *window,
            const char *name)
{
  return gtk_stack_get_child_by_name (window->view_stack, name) != NULL;
}

static gboolean
record_page_shown (gpointer data)
{
  return crm_window_get_record_page (data) != NULL;
}

static CrmNewTicketDialog *
find_new_ticket_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CRM_IS_NEW_TICKET_DIALOG (toplevel))
        return CRM_NEW_TICKET_DIALOG (toplevel);
    }

  return NULL;
}

/* A view that has been shown has its data. */
static void
assert_view_works (CrmWindow  *window,
                   const char *name)
{
  CrmView *view = crm_window_get_view (window, name);
  GListModel *model;

  g_assert_nonnull (view);
  g_assert_true (crm_view_get_context (view) == crm_window_get_context (window));
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "list");
  /* The board and the articles are no paged lists. */
  model = crm_view_get_model (view);
  if (model != NULL)
    g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
}

/* Only the view the window opens on is built with it; each other one is
 * built by the first way to it that is taken, once, and then works.  The
 * actions about a view's records do not need the view. */
static void
test_lazy_views (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  static const char * const later[] = { "organizations", "pipeline", "inbox", "service",
                                        "knowledge-base" };
  g_auto(GStrv) accel_actions = NULL;
  g_autofree char *action_name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;
  CrmNewTicketDialog *dialog;
  CrmContext *context = NULL;
  CrmWindow *window;
  GtkWidget *views_box;
  int min_at_start, nat_at_start, min, nat;
  CrmView *inbox;
  CrmView *kb;
  gint64 ticket;

  crm_ui_test_make_demo_db (path);
  g_settings_set_string (get_settings (), "last-view", "people");
  window = crm_ui_test_open_window (app, path);
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");

  /* The remembered view is there at once, the others are not. */
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, "people");
  g_assert_true (view_built (window, "people"));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_false (view_built (window, later[i]));
  assert_view_works (window, "people");
  views_box = gtk_widget_get_parent (GTK_WIDGET (window->view_stack));
  gtk_widget_measure (views_box, GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_at_start, &nat_at_start, NULL, NULL);

  /* A ticket opens (a search hit, a notification) over the people view;
   * the New Ticket dialog opens too; neither needs the inbox. */
  ticket = crm_test_query_int (crm_context_get_store (crm_window_get_context (window)),
                               "SELECT min(id) FROM ticket WHERE deleted = 0");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)",
                                             "ticket", ticket));
  crm_ui_test_wait (record_page_shown, window);
  g_assert_true (CRM_IS_TICKET_PAGE (crm_window_get_record_page (window)));
  g_assert_true (_crm_window_pop_record (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-ticket", NULL));
  dialog = find_new_ticket_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (view_built (window, "inbox"));

  /* win.show-view: the sidebar's Enter, the toasts' buttons. */
  show_view (window, "organizations");
  g_assert_true (view_built (window, "organizations"));
  assert_view_works (window, "organizations");

  /* The sidebar's selection, as the arrow keys move it. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), "inbox") == 0)
      gtk_list_box_select_row (window->sidebar_list, GTK_LIST_BOX_ROW (row));
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, "inbox");
  inbox = CRM_VIEW (gtk_stack_get_child_by_name (window->view_stack, "inbox"));
  g_assert_nonnull (inbox);
  assert_view_works (window, "inbox");

  /* Ctrl+3, the application's accelerator. */
  accel_actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>3");
  g_assert_cmpuint (g_strv_length (accel_actions), ==, 1);
  g_assert_true (g_action_parse_detailed_name (accel_actions[0], &action_name, &target, &error));
  g_assert_no_error (error);
  g_assert_false (view_built (window, "pipeline"));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action_name, target));
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, "pipeline");
  assert_view_works (window, "pipeline");

  /* Asking for a view builds it without showing it. */
  kb = crm_window_get_view (window, "knowledge-base");
  g_assert_nonnull (kb);
  g_assert_true (view_built (window, "knowledge-base"));
  g_assert_cmpstr (crm_window_get_visible_view (window), ==, "pipeline");
  show_view (window, "knowledge-base");
  assert_view_works (window, "knowledge-base");

  /* The service dashboard is no CrmView, but is bound the same way. */
  show_view (window, "service");
  g_object_get (gtk_stack_get_child_by_name (window->view_stack, "service"),
                "context", &context, NULL);
  g_assert_true (context == crm_window_get_context (window));
  g_clear_object (&context);

  /* Each view is built once. */
  show_view (window, "inbox");
  g_assert_true (crm_window_get_view (window, "inbox") == inbox);
  g_assert_true (crm_window_get_view (window, "knowledge-base") == kb);
  g_assert_null (crm_window_get_view (window, "no-such-view"));

  /* The views asked for no more room than the window kept for them: the
   * sidebar did not move when they were built. */
  gtk_widget_measure (views_box, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, min_at_start);
  g_assert_cmpint (nat, ==, nat_at_start);

  crm_ui_test_close_window (window);
  g_settings_reset (get_settings (), "last-view");
}

/* GTK 4.8 warns that the labels of the page switcher of a shortcuts section
 * with more than one page ("_1", "_2", …) are narrower than nothing.  Not
 * ours to fix: the shortcuts test lets that warning, and only it, pass. */
static gboolean allow_page_label_warning;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; allow_page_label_warning && i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          g_str_has_prefix (fields[i].value, "GtkLabel ") &&
          strstr (fields[i].value, " reported min width -") != NULL)
        return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Ctrl+? (app.shortcuts) shows the shortcuts window over the main window,
 * built on first use and kept for the next time. */
static void
test_shortcuts_window (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_ui_test_open_window (app, path);
  GtkShortcutsWindow *overlay;

  allow_page_label_warning = TRUE;
  /* Not built with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* Closing hides it; the next time shows the same one. */
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  crm_ui_test_close_window (window);
  allow_page_label_warning = FALSE;
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

/* A window @width px wide on @path, folded, past its loading page. */
static CrmWindow *
open_folded_window (const char *path,
                    int         width)
{
  CrmWindow *window = crm_window_new (app);
  AdwLeaflet *leaflet = find_leaflet (GTK_WIDGET (window));

  g_assert_nonnull (leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 600);
  crm_window_open_database (window, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_wait (is_folded, leaflet);
  while (g_strcmp0 (crm_window_get_page (window), "main") != 0)
    crm_ui_test_spin (10);
  return window;
}

static void
test_narrow_folds (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = open_folded_window (path, 400);
  AdwLeaflet *leaflet = find_leaflet (GTK_WIDGET (window));

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

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
focus_of (CrmWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Ctrl+1…6 give the keyboard to the view: to the list of a list view, and
 * to the first control of the Service dashboard, whose page stays at its
 * top (its breakdown table is one section of the page, not its list). */
static void
test_view_focus (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window;
  GtkWidget *service, *focus;
  GtkAdjustment *vadjustment;

  crm_ui_test_make_demo_db (path);
  window = open_folded_window (path, 360);

  show_view (window, "people");
  crm_ui_test_wait_view_ready (crm_window_get_view (window, "people"));
  crm_ui_test_spin (300);
  focus = focus_of (window);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW));

  show_view (window, "service");
  service = gtk_stack_get_child_by_name (window->view_stack, "service");
  g_assert_nonnull (service);
  /* The numbers and the breakdown come in; the idle that moves the focus runs. */
  crm_ui_test_spin (1500);
  focus = focus_of (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, service));
  g_assert_null (gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW));
  g_assert_null (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW));
  /* The period: not a figure's selectable label, which would show selected. */
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN));
  vadjustment = gtk_scrolled_window_get_vadjustment (find_scroller (service));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_log_set_writer_func (log_writer, NULL, NULL);
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/window/empty-states", test_empty_states);
  g_test_add_func ("/ui/window/navigation-persists", test_navigation_persists);
  g_test_add_func ("/ui/window/lazy-views", test_lazy_views);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/window/demo-rows", test_demo_rows);
  g_test_add_func ("/ui/window/demo-fill", test_demo_fill);
  g_test_add_func ("/ui/window/search-filters", test_search_filters);
  g_test_add_func ("/ui/window/narrow-folds", test_narrow_folds);
  g_test_add_func ("/ui/window/view-focus", test_view_focus);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
