/* test-select-mode.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Selection mode of the people and organizations tables in a real window on
 * the sample data: the Select toggle, check buttons named after their
 * records, a click, Enter and Space picking rows, the selection bar's count,
 * Ctrl+A over every row, a bulk delete of the selection and its undo in the
 * database, Escape, and the selection dropped by another view or a filter.
 */

#define G_LOG_DOMAIN "TestSelectMode"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-ui-test-util.h"

#include "crm-format.h"
#include "crm-id-selection.h"
#include "crm-paged-model.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;

static CrmView *
show_view (CrmWindow  *window,
           const char *name)
{
  CrmView *view = crm_window_get_view (window, name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "list");
  return view;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 gboolean (*match) (GtkWidget *widget))
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child))
        return child;
      if ((found = find_descendant (child, match)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_select_toggle (GtkWidget *widget)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "view.selecting") == 0;
}

static gboolean
is_action_bar (GtkWidget *widget)
{
  return GTK_IS_ACTION_BAR (widget);
}

static gboolean
is_heading_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "heading");
}

static gboolean
is_check_button (GtkWidget *widget)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static GtkColumnView *
get_column_view (CrmView *view)
{
  return gtk_column_view_column_get_column_view (crm_view_get_column (view, "name"));
}

/* The selection bar: its revealer and its "N selected" label. */
static GtkRevealer *
get_selection_bar (CrmView    *view,
                   GtkLabel  **label)
{
  GtkWidget *bar = find_descendant (GTK_WIDGET (view), is_action_bar);

  g_assert_nonnull (bar);
  *label = GTK_LABEL (find_descendant (bar, is_heading_label));
  g_assert_nonnull (*label);
  return GTK_REVEALER (gtk_widget_get_ancestor (bar, GTK_TYPE_REVEALER));
}

/* The check buttons of the rows on screen (laid out), top to bottom. */
static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) && gtk_widget_get_mapped (child) &&
          gtk_widget_get_height (child) > 0)
        g_ptr_array_add (checks, child);
      else
        collect_checks (child, checks);
    }
}

static int
compare_top (gconstpointer a,
             gconstpointer b)
{
  GtkWidget *wa = *(GtkWidget **) a;
  GtkWidget *wb = *(GtkWidget **) b;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (wa));
  graphene_point_t pa, pb;

  g_assert_true (gtk_widget_compute_point (wa, root, &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (wb, root, &GRAPHENE_POINT_INIT (0, 0), &pb));
  return (pa.y > pb.y) - (pa.y < pb.y);
}

static GPtrArray *
get_checks (CrmView *view)
{
  GPtrArray *checks = g_ptr_array_new ();

  collect_checks (GTK_WIDGET (get_column_view (view)), checks);
  g_ptr_array_sort (checks, compare_top);
  return checks;
}

static gboolean
is_list_view (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* The table's rows (list item widgets) on screen, top to bottom. */
static GPtrArray *
get_rows (CrmView *view)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (get_column_view (view)), is_list_view);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && gtk_widget_get_height (child) > 0 &&
        g_strcmp0 (gtk_widget_get_css_name (child), "row") == 0)
      g_ptr_array_add (rows, child);
  g_ptr_array_sort (rows, compare_top);
  return rows;
}

static gboolean
rows_laid_out (gpointer data)
{
  g_autoptr(GPtrArray) rows = get_rows (data);

  return rows->len >= 8;
}

/* Row @i on screen (the list is at its top). */
static GtkWidget *
get_row (CrmView *view,
         guint    i)
{
  g_autoptr(GPtrArray) rows = get_rows (view);

  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

static char *
dup_name (CrmView    *view,
          guint       position,
          const char *property)
{
  g_autoptr(CrmPagedItem) item = g_list_model_get_item (crm_view_get_model (view), position);
  CrmRecord *record = crm_paged_item_get_record (item);

  g_assert_nonnull (record);
  return g_strdup (crm_record_get_text (record, property));
}

typedef struct
{
  CrmView    *view;
  guint       n_rows;
  const char *property;
} ChecksWait;

/* The first rows' check buttons show, named after their loaded records. */
static gboolean
checks_named (gpointer data)
{
  ChecksWait *wait = data;
  g_autoptr(GPtrArray) checks = get_checks (wait->view);

  if (checks->len < wait->n_rows)
    return FALSE;
  for (guint i = 0; i < wait->n_rows; i++)
    {
      g_autoptr(CrmPagedItem) item = g_list_model_get_item (crm_view_get_model (wait->view), i);
      g_autofree char *label = NULL;
      g_autofree char *problem = NULL;

      if (crm_paged_item_get_record (item) == NULL)
        return FALSE;
      label = g_strdup_printf (_("Select %s"),
                               crm_record_get_text (crm_paged_item_get_record (item), wait->property));
      problem = gtk_test_accessible_check_property (g_ptr_array_index (checks, i),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      if (problem != NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_shortcuts (GtkWidget           *widget,
               GtkPropagationPhase  phase,
               guint                keyval,
               GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* What a key press with the focus on @focus does to the shortcuts on its
 * way: capture phase from the window down, then bubbling up. */
static gboolean
press_key (GtkWidget       *focus,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);
  for (guint i = chain->len; i > 0; i--)
    if (run_shortcuts (g_ptr_array_index (chain, i - 1), GTK_PHASE_CAPTURE, keyval, modifiers))
      return TRUE;
  for (guint i = 0; i < chain->len; i++)
    if (run_shortcuts (g_ptr_array_index (chain, i), GTK_PHASE_BUBBLE, keyval, modifiers))
      return TRUE;
  return FALSE;
}

/* A primary click on @widget, as the table's capture-phase gesture sees
 * it (the press picks the row under it). */
static void
click (CrmView   *view,
       GtkWidget *widget)
{
  GtkWidget *column_view = GTK_WIDGET (get_column_view (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (column_view);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, column_view,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY)
        {
          g_signal_emit_by_name (controller, "pressed", 1, (double) point.x, (double) point.y);
          return;
        }
    }
  g_error ("no click gesture on the table");
}

static guint
n_selected (CrmView *view)
{
  return crm_id_selection_get_n_selected (CRM_ID_SELECTION (crm_view_get_selection (view)));
}

/* The bar's words, in whatever language the test runs in. */
static char *
selected_text (guint n)
{
  g_autofree char *count = crm_format_count (n);

  if (n == 0)
    return g_strdup (_("Click rows to select them"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s selected", "%s selected", n), count);
}

static void
assert_bar (CrmView  *view,
            gboolean  shown,
            int       n)
{
  GtkLabel *label;
  GtkRevealer *bar = get_selection_bar (view, &label);

  g_assert_cmpint (gtk_revealer_get_reveal_child (bar), ==, shown);
  if (n >= 0)
    {
      g_autofree char *text = selected_text (n);

      g_assert_cmpstr (gtk_label_get_label (label), ==, text);
    }
}

typedef struct
{
  CrmView *view;
  guint    n_items;
} CountWait;

static gboolean
n_items_is (gpointer data)
{
  CountWait *wait = data;
  GListModel *model = crm_view_get_model (wait->view);

  return model != NULL && !crm_paged_model_get_loading (CRM_PAGED_MODEL (model)) &&
         g_list_model_get_n_items (model) == wait->n_items;
}

static gboolean
record_page_shown (gpointer data)
{
  return crm_window_get_record_page (data) != NULL;
}

static void
test_people (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *city = NULL;
  GtkSelectionModel *selection;
  GtkColumnView *column_view;
  GtkWidget *toggle;
  CrmWindow *window;
  CrmView *view;
  CrmStore *store;
  ChecksWait named;
  CountWait wait;
  gint64 trashed_before;
  guint total;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  store = crm_context_get_store (crm_window_get_context (window));
  selection = crm_view_get_selection (view);
  column_view = get_column_view (view);
  total = g_list_model_get_n_items (crm_view_get_model (view));
  g_assert_cmpuint (total, >, 20);
  trashed_before = crm_test_query_int (store, "SELECT count(*) FROM person WHERE deleted = 1");

  /* Outside selection mode a click opens a record, and what a plain click,
   * an arrow key or hovering asks (this row alone) selects nothing. */
  g_assert_false (crm_view_get_selecting (view));
  g_assert_true (gtk_column_view_get_single_click_activate (column_view));
  g_assert_false (gtk_selection_model_select_item (selection, 0, TRUE));
  g_assert_cmpuint (n_selected (view), ==, 0);
  g_assert_false (crm_view_get_selecting (view));
  assert_bar (view, FALSE, -1);

  /* The Select toggle: named, it starts the mode; check buttons show. */
  toggle = find_descendant (GTK_WIDGET (view), is_select_toggle);
  g_assert_nonnull (toggle);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (toggle), ==, _("Select"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Select"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (toggle)), ==, "selection-mode-symbolic");
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_true (crm_view_get_selecting (view));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_false (gtk_column_view_get_single_click_activate (column_view));
  assert_bar (view, TRUE, 0);
  named = (ChecksWait) { view, 8, "display-name" };
  crm_ui_test_wait (checks_named, &named);
  checks = get_checks (view);

  /* The check buttons pick rows. */
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  gtk_widget_activate (g_ptr_array_index (checks, 2));
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  g_assert_cmpuint (n_selected (view), ==, 2);
  assert_bar (view, TRUE, 2);

  /* So does a click anywhere on a row, and Enter (row activation), instead
   * of opening the record: a second time takes the row out. */
  click (view, get_row (view, 5));
  g_assert_true (gtk_selection_model_is_selected (selection, 5));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 5)));
  g_signal_emit_by_name (column_view, "activate", 4);
  g_signal_emit_by_name (column_view, "activate", 2);
  g_assert_true (gtk_selection_model_is_selected (selection, 4));
  g_assert_false (gtk_selection_model_is_selected (selection, 2));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  crm_ui_test_spin (200);
  g_assert_null (crm_window_get_record_page (window));
  g_assert_cmpuint (n_selected (view), ==, 3);
  assert_bar (view, TRUE, 3);

  /* Space on the focused row adds it; an arrow key (this row alone) keeps
   * what was picked. */
  g_assert_true (press_key (get_row (view, 6), GDK_KEY_space, 0));
  g_assert_true (gtk_selection_model_is_selected (selection, 6));
  g_assert_false (gtk_selection_model_select_item (selection, 7, TRUE));
  g_assert_cmpuint (n_selected (view), ==, 4);
  assert_bar (view, TRUE, 4);

  /* Ctrl+A: every row of the list, one flag whatever their number. */
  g_assert_true (press_key (get_row (view, 6), GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_true (crm_id_selection_get_all (CRM_ID_SELECTION (selection)));
  g_assert_cmpuint (n_selected (view), ==, total);
  assert_bar (view, TRUE, total);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 7)));

  /* All but the second row go to the trash, and come back with Undo. */
  gtk_widget_activate (g_ptr_array_index (checks, 1));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_cmpuint (n_selected (view), ==, total - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.bulk-delete", NULL));
  g_assert_false (crm_view_get_selecting (view));
  wait = (CountWait) { view, 1 };
  crm_ui_test_wait (n_items_is, &wait);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM person WHERE deleted = 1"), ==,
                   trashed_before + total - 1);
  g_assert_cmpuint (n_selected (view), ==, 0);
  assert_bar (view, FALSE, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait.n_items = total;
  crm_ui_test_wait (n_items_is, &wait);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM person WHERE deleted = 1"), ==,
                   trashed_before);

  /* Space outside the mode starts it with the row; Escape leaves it and
   * drops the selection. */
  g_clear_pointer (&checks, g_ptr_array_unref);
  g_assert_null (find_descendant (GTK_WIDGET (column_view), is_check_button));
  crm_ui_test_wait (rows_laid_out, view);
  g_assert_true (press_key (get_row (view, 3), GDK_KEY_space, 0));
  g_assert_true (crm_view_get_selecting (view));
  g_assert_true (gtk_selection_model_is_selected (selection, 3));
  assert_bar (view, TRUE, 1);
  g_assert_true (press_key (get_row (view, 3), GDK_KEY_Escape, 0));
  g_assert_false (crm_view_get_selecting (view));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_cmpuint (n_selected (view), ==, 0);
  assert_bar (view, FALSE, -1);
  g_assert_true (gtk_column_view_get_single_click_activate (column_view));

  /* A new filter drops the selection (its rows may be gone); the mode stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-row", "u", 0));
  g_assert_true (crm_view_get_selecting (view));
  city = dup_name (view, 0, "city");
  filter = g_strdup_printf ("{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\"op\":\"eq\","
                            "\"value\":\"%s\"}]}", city);
  crm_view_set_filter (view, filter);
  g_assert_cmpuint (n_selected (view), ==, 0);
  assert_bar (view, TRUE, 0);
  crm_view_set_filter (view, NULL);
  wait.n_items = total;
  crm_ui_test_wait (n_items_is, &wait);

  /* Another view drops the selection and the mode. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-row", "u", 2));
  g_assert_cmpuint (n_selected (view), ==, 1);
  show_view (window, "organizations");
  g_assert_false (crm_view_get_selecting (view));
  g_assert_cmpuint (n_selected (view), ==, 0);
  show_view (window, "people");
  g_assert_false (crm_view_get_selecting (view));

  /* Outside the mode a click opens the record again. */
  g_signal_emit_by_name (column_view, "activate", 1);
  crm_ui_test_wait (record_page_shown, window);
  g_assert_cmpuint (n_selected (view), ==, 0);

  crm_ui_test_close_window (window);
}

/* The organizations table has the same mode; its check buttons name the
 * organizations. */
static void
test_organizations (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GPtrArray) checks = NULL;
  GtkSelectionModel *selection;
  CrmWindow *window;
  CrmView *view;
  ChecksWait named;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "organizations");
  selection = crm_view_get_selection (view);

  g_signal_emit_by_name (find_descendant (GTK_WIDGET (view), is_select_toggle), "clicked");
  g_assert_true (crm_view_get_selecting (view));
  named = (ChecksWait) { view, 5, "name" };
  crm_ui_test_wait (checks_named, &named);
  checks = get_checks (view);
  click (view, g_ptr_array_index (checks, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  assert_bar (view, TRUE, 1);
  g_assert_true (press_key (get_row (view, 1), GDK_KEY_Escape, 0));
  g_assert_false (crm_view_get_selecting (view));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* GTK's test accessibility backend keeps the names this test reads (the
   * suite's "none" keeps nothing). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/select-mode/people", test_people);
  g_test_add_func ("/ui/select-mode/organizations", test_organizations);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
