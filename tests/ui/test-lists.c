/* test-lists.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The organizations and people tables in a real window on the sample data:
 * rows and formatted cells, sorting in SQL from a column, a selection of ids,
 * bulk delete and its undo.
 */

#define G_LOG_DOMAIN "TestLists"

#include "config.h"

#include "crm-ui-test-util.h"
#include <string.h>

#include "crm-format.h"
#include "crm-id-selection.h"
#include "crm-person-page.h"
#include "crm-models.h"
#include "crm-paged-model.h"
#include "crm-query.h"
#include "crm-record-cell.h"
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

static void
collect_cells (GtkWidget *widget,
               GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CRM_IS_RECORD_CELL (child))
        {
          const char *text = crm_record_cell_get_text (CRM_RECORD_CELL (child));

          if (text != NULL && gtk_widget_get_mapped (child))
            g_ptr_array_add (texts, g_strdup (text));
        }
      else
        collect_cells (child, texts);
    }
}

typedef struct
{
  CrmView    *view;
  const char *text;
} CellWait;

static gboolean
cell_shown (gpointer data)
{
  CellWait *wait = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_cells (GTK_WIDGET (wait->view), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), wait->text))
      return TRUE;
  return FALSE;
}

static gboolean
record_page_shown (gpointer data)
{
  return crm_window_get_record_page (data) != NULL;
}

static CrmRecord *
load_first (CrmStore *store,
            CrmQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;

  crm_query_set_limit (query, 1);
  crm_store_query_async (store, query, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  rows = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  return g_list_model_get_item (rows, 0);
}

static gint64
count (CrmStore *store,
       CrmQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  crm_store_count_async (store, query, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  n = crm_store_count_finish (store, result, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_organizations_money (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(CrmRecord) first = NULL;
  g_autofree char *revenue = NULL;
  CrmWindow *window;
  CrmView *view;
  CellWait wait;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "organizations");

  /* The first row (default order: by name) shows its revenue as money. */
  first = load_first (crm_context_get_store (crm_window_get_context (window)), query);
  g_assert_cmpint (crm_record_get_int (first, "annual-revenue"), >, 0);
  revenue = crm_format_money_short (crm_record_get_int (first, "annual-revenue"),
                                    crm_record_get_text (first, "revenue-currency"));
  g_assert_true (g_str_has_prefix (revenue, "$") || g_str_has_prefix (revenue, "€") ||
                 g_str_has_prefix (revenue, "£") || strstr (revenue, "¥") != NULL);

  wait = (CellWait) { view, revenue };
  crm_ui_test_wait (cell_shown, &wait);
  wait.text = crm_record_get_text (first, "name");
  crm_ui_test_wait (cell_shown, &wait);

  g_assert_nonnull (crm_view_get_column (view, "annual-revenue"));
  g_assert_nonnull (crm_view_get_column (view, "open-deal-value"));
  g_assert_nonnull (crm_view_get_column (view, "last-activity"));

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmView *view;
  gint64   first_id;
  guint    n_items;
} ModelWait;

static gboolean
first_row_is (gpointer data)
{
  ModelWait *wait = data;
  GListModel *model = crm_view_get_model (wait->view);

  return model != NULL && !crm_paged_model_get_loading (CRM_PAGED_MODEL (model)) &&
         crm_paged_model_get_id (CRM_PAGED_MODEL (model), 0) == wait->first_id;
}

static gboolean
n_items_is (gpointer data)
{
  ModelWait *wait = data;
  GListModel *model = crm_view_get_model (wait->view);

  return model != NULL && g_list_model_get_n_items (model) == wait->n_items;
}

static void
test_people_sort_and_bulk_delete (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmQuery) biggest = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmQuery) trashed = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmRecord) spender = NULL;
  GtkSelectionModel *selection;
  CrmWindow *window;
  CrmView *view;
  CrmStore *store;
  ModelWait wait;
  gint64 ids[3];
  guint total;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  store = crm_context_get_store (crm_window_get_context (window));
  total = g_list_model_get_n_items (crm_view_get_model (view));
  g_assert_cmpuint (total, >, 10);

  /* Sorting by total spend, biggest first, is an ORDER BY of the query. */
  crm_query_set_order (biggest, "total-spend", TRUE);
  spender = load_first (store, biggest);
  g_assert_cmpint (crm_record_get_int (spender, "total-spend"), >, 0);
  g_assert_cmpint (crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 0), !=,
                   crm_record_get_id (spender));

  crm_view_sort_by (view, "total-spend", TRUE);
  wait = (ModelWait) { view, crm_record_get_id (spender), 0 };
  crm_ui_test_wait (first_row_is, &wait);
  {
    g_autofree char *money = NULL;
    g_autofree char *currency = g_settings_get_string (crm_application_get_settings (app),
                                                       "default-currency");
    CellWait cell;

    money = crm_format_money (crm_record_get_int (spender, "total-spend"), currency);
    cell = (CellWait) { view, money };
    crm_ui_test_wait (cell_shown, &cell);
  }

  /* Three rows selected: exactly those go to the trash. */
  selection = crm_view_get_selection (view);
  g_assert_nonnull (selection);
  g_assert_true (gtk_selection_model_select_item (selection, 0, FALSE));
  g_assert_true (gtk_selection_model_select_item (selection, 2, FALSE));
  g_assert_true (gtk_selection_model_select_item (selection, 5, FALSE));
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  ids[0] = crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 0);
  ids[1] = crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 2);
  ids[2] = crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 5);
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.bulk-delete", NULL));
  wait.n_items = total - 3;
  crm_ui_test_wait (n_items_is, &wait);
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, 0);

  crm_query_set_trashed (trashed, TRUE);
  g_assert_cmpint (count (store, trashed), ==, 3);
  crm_query_add_ids (trashed, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (count (store, trashed), ==, 3);

  /* Undo (the window's Ctrl+Z) puts exactly those back, once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait.n_items = total;
  crm_ui_test_wait (n_items_is, &wait);
  g_assert_cmpint (count (store, trashed), ==, 0);
  g_assert_cmpint (crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 0), ==,
                   crm_record_get_id (spender));

  /* Select all is every row of the query, without listing them. */
  gtk_selection_model_select_all (selection);
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, total);
  g_assert_true (crm_id_selection_get_all (CRM_ID_SELECTION (selection)));
  gtk_selection_model_unselect_item (selection, 1);
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, total - 1);
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  gtk_selection_model_unselect_all (selection);

  /* The row menu's Select and Deselect (right click, Menu, Shift+F10). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-row", "u", 4));
  g_assert_true (gtk_selection_model_is_selected (selection, 4));
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.toggle-row", "u", 4));
  g_assert_false (gtk_selection_model_is_selected (selection, 4));
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (selection)), ==, 0);

  crm_ui_test_close_window (window);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_COLUMN_VIEW (child))
        return child;
      if ((found = find_column_view (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_filter_and_activate (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmQuery) london = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmQuery) everyone = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmRecord) person = NULL;
  GtkWidget *column_view;
  GtkWidget *page;
  gboolean searched;
  gulong handler;
  guint total;
  g_autofree char *filter = NULL;
  CrmWindow *window;
  CrmView *view;
  CrmStore *store;
  ModelWait wait;
  gint64 n_city;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  store = crm_context_get_store (crm_window_get_context (window));

  /* The filter narrows the query to one city. */
  total = g_list_model_get_n_items (crm_view_get_model (view));
  person = load_first (store, everyone);
  crm_query_add_text (london, "city", CRM_QUERY_EQ, crm_record_get_text (person, "city"));
  n_city = count (store, london);
  g_assert_cmpint (n_city, >, 0);

  filter = g_strdup_printf ("{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\"op\":\"eq\","
                            "\"value\":\"%s\"}]}", crm_record_get_text (person, "city"));
  crm_view_set_filter (view, filter);
  g_assert_cmpstr (crm_view_get_filter (view), ==, filter);
  wait = (ModelWait) { view, 0, n_city };
  crm_ui_test_wait (n_items_is, &wait);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.clear-filter", NULL));
  g_assert_null (crm_view_get_filter (view));

  /* Typing in the header entry searches globally and leaves the table (its
   * rows and its selection) alone. */
  wait.n_items = total;
  crm_ui_test_wait (n_items_is, &wait);
  gtk_selection_model_select_item (crm_view_get_selection (view), 1, FALSE);
  g_assert_false (crm_view_get_follows_header_search (view));
  searched = FALSE;
  handler = g_signal_connect_swapped (crm_window_get_search_entry (window), "search-changed",
                                      G_CALLBACK (set_flag), &searched);
  gtk_editable_set_text (crm_window_get_search_entry (window), "zzqq");
  crm_ui_test_wait (flag_is_set, &searched);
  g_signal_handler_disconnect (crm_window_get_search_entry (window), handler);
  crm_ui_test_spin (200);
  g_assert_cmpstr (crm_view_get_search_text (view), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (crm_view_get_model (view)), ==, total);
  g_assert_cmpuint (crm_id_selection_get_n_selected (CRM_ID_SELECTION (crm_view_get_selection (view))), ==, 1);
  gtk_editable_set_text (crm_window_get_search_entry (window), "");

  /* Activating a row (Enter, a click) opens its record, outside selection
   * mode (test-select-mode.c). */
  g_assert_true (crm_view_get_selecting (view));
  crm_view_set_selecting (view, FALSE);
  column_view = find_column_view (GTK_WIDGET (view));
  g_assert_nonnull (column_view);
  g_assert_null (crm_window_get_record_page (window));
  g_signal_emit_by_name (column_view, "activate", 3);
  /* The page opens once the record is loaded. */
  crm_ui_test_wait (record_page_shown, window);
  page = crm_window_get_record_page (window);
  g_assert_true (CRM_IS_PERSON_PAGE (page));
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (crm_person_page_get_record (CRM_PERSON_PAGE (page)))), ==,
                   crm_paged_model_get_id (CRM_PAGED_MODEL (crm_view_get_model (view)), 3));

  crm_ui_test_close_window (window);
}

static gboolean
any_cell_shown (gpointer data)
{
  CellWait *wait = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) wanted = g_strsplit (wait->text, "|", -1);

  collect_cells (GTK_WIDGET (wait->view), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strv_contains ((const char * const *) wanted, g_ptr_array_index (texts, i)))
      return TRUE;
  return FALSE;
}

static GtkColumnViewColumn *
find_column_titled (CrmView    *view,
                    const char *title)
{
  GtkColumnViewColumn *name = crm_view_get_column (view, "name");
  GtkColumnView *column_view = gtk_column_view_column_get_column_view (name);
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

static gboolean
has_loyalty_column (gpointer data)
{
  return find_column_titled (data, "Loyalty level") != NULL;
}

/* The sample data's "Loyalty level" choice field is an optional column,
 * hidden until shown from the header menu; its cells show choice labels. */
static void
test_custom_field_column (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  GtkColumnViewColumn *column;
  CrmWindow *window;
  CrmView *view;
  CellWait wait;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  crm_ui_test_wait (has_loyalty_column, view);
  column = find_column_titled (view, "Loyalty level");
  g_assert_false (gtk_column_view_column_get_visible (column));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.show-custom-0", NULL));
  g_assert_true (gtk_column_view_column_get_visible (column));
  wait = (CellWait) { view, "Bronze|Silver|Gold" };
  crm_ui_test_wait (any_cell_shown, &wait);
  crm_ui_test_close_window (window);

  /* The choice is kept: a new window shows the column again. */
  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  crm_ui_test_wait (has_loyalty_column, view);
  column = find_column_titled (view, "Loyalty level");
  g_assert_true (gtk_column_view_column_get_visible (column));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.show-custom-0", NULL));
  /* A built-in column: shown by default, hidden by choice. */
  g_assert_true (gtk_column_view_column_get_visible (crm_view_get_column (view, "city")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.show-city", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column));
  crm_ui_test_close_window (window);

  window = crm_ui_test_open_window (app, path);
  view = show_view (window, "people");
  crm_ui_test_wait (has_loyalty_column, view);
  g_assert_false (gtk_column_view_column_get_visible (find_column_titled (view, "Loyalty level")));
  g_assert_false (gtk_column_view_column_get_visible (crm_view_get_column (view, "city")));
  /* and shown again, for the tests after this one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.show-city", NULL));
  g_assert_true (gtk_column_view_column_get_visible (crm_view_get_column (view, "city")));
  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/lists/organizations-money", test_organizations_money);
  g_test_add_func ("/ui/lists/people-sort-bulk-delete", test_people_sort_and_bulk_delete);
  g_test_add_func ("/ui/lists/filter-activate", test_filter_and_activate);
  g_test_add_func ("/ui/lists/custom-field-column", test_custom_field_column);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
