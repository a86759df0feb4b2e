/* test-deal-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deal page in the real window on the sample data: "win.show-record"
 * ("deal", id) opens it with the amount, stakeholders, stage history and the
 * coverage insights of the deal's map; edits of the amount and expected
 * close are checked and saved; the probability override is set and cleared;
 * "Move to Stage" moves the deal and undo puts it back; the map button opens
 * the deal's stakeholder map.
 */

#define G_LOG_DOMAIN "TestDealPage"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-deal-page.h"
#include "crm-format.h"
#include "crm-record.h"
#include "crm-stakeholder-coverage.h"
#include "crm-stakeholder-map-view.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *demo_path;

static CrmStore *
get_store (CrmWindow *window)
{
  return crm_context_get_store (crm_window_get_context (window));
}

static void
flush (CrmWindow *window)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_flush_async (get_store (window), NULL, crm_test_store_result, &result);
  crm_store_flush_finish (get_store (window), crm_test_await (&result), &error);
  g_assert_no_error (error);
}

/* An open deal with a high-influence opponent among the most stakeholders
 * and a stage history: every section has something to show. */
static gint64
pick_deal (CrmWindow *window)
{
  return crm_test_query_int (get_store (window),
                             "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id "
                             "WHERE d.deleted = 0 AND s.kind = 'open' ORDER BY "
                             "EXISTS (SELECT 1 FROM deal_stakeholder x WHERE x.deal_id = d.id "
                             "  AND x.deleted = 0 AND x.influence = 'high' "
                             "  AND x.attitude = 'opponent') DESC, "
                             "(SELECT count (*) FROM deal_stakeholder x WHERE x.deal_id = d.id "
                             "  AND x.deleted = 0) DESC, "
                             "(SELECT count (*) FROM deal_stage_history h WHERE h.deal_id = d.id "
                             "  AND h.deleted = 0) DESC, d.id LIMIT 1");
}

/* One value of the database (its first row, first column) as text. */
#define query_text(store, ...) g_strstrip (crm_test_query (store, __VA_ARGS__))

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkListBox *
page_list (GtkWidget  *page,
           const char *name)
{
  GtkWidget *list = find_named (page, name);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return GTK_LIST_BOX (list);
}

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, CRM_TYPE_DEAL_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
row_title (GtkListBox *list,
           guint       index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list,
                                                                                           index)));
}

typedef struct
{
  GtkListBox *list;
  guint       n_rows;
} RowsWait;

static gboolean
rows_titled (gpointer data)
{
  RowsWait *wait = data;
  guint n = 0;

  for (; gtk_list_box_get_row_at_index (wait->list, n) != NULL; n++)
    if (row_title (wait->list, n)[0] == '\0')
      return FALSE;

  return n == wait->n_rows;
}

/* Waits until @list has @n_rows rows, each with its title. */
static void
wait_rows (GtkListBox *list,
           guint       n_rows)
{
  RowsWait wait = { list, n_rows };

  crm_ui_test_wait (rows_titled, &wait);
}

typedef struct
{
  CrmWindow *window;
  gint64     id;
} PageWait;

static gboolean
deal_page_shown (gpointer data)
{
  PageWait *wait = data;
  GtkWidget *page = crm_window_get_record_page (wait->window);

  return CRM_IS_DEAL_PAGE (page) &&
         crm_record_get_id (CRM_RECORD (crm_deal_page_get_record (CRM_DEAL_PAGE (page)))) == wait->id;
}

static GtkWidget *
show_deal (CrmWindow *window,
           gint64     id)
{
  PageWait wait = { window, id };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)",
                                             "deal", id));
  crm_ui_test_wait (deal_page_shown, &wait);

  return crm_window_get_record_page (window);
}

typedef struct
{
  GtkWidget  *row;
  const char *subtitle;
} SubtitleWait;

static gboolean
subtitle_is (gpointer data)
{
  SubtitleWait *wait = data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (wait->row)), wait->subtitle) == 0;
}

static void
wait_subtitle (GtkWidget  *row,
               const char *subtitle)
{
  SubtitleWait wait = { row, subtitle };

  crm_ui_test_wait (subtitle_is, &wait);
}

/* The findings of the deal's map as the page words them. */
static GPtrArray *
expected_insights (CrmWindow *window,
                   gint64     id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStakeholderMap) map = NULL;
  g_autoptr(GArray) findings = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  CrmCoverageRules rules;

  crm_stakeholder_map_load_async (get_store (window), CRM_MAP_SCOPE_DEAL, id, NULL,
                                  crm_test_store_result, &result);
  map = crm_stakeholder_map_load_finish (crm_test_await (&result), &error);
  g_assert_no_error (error);

  crm_coverage_rules_init (&rules, crm_context_get_now (crm_window_get_context (window)));
  rules.stale_days = 30;
  findings = crm_stakeholder_coverage (map, &rules);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (texts, crm_coverage_finding_describe (&g_array_index (findings,
                                                                           CrmCoverageFinding, i),
                                                           map, &rules));

  return texts;
}

static void
test_sections (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_deal (window);
  GtkWidget *page = show_deal (window, id);
  g_autofree char *currency = query_text (store, "SELECT currency FROM deal WHERE id = %"
                                          G_GINT64_FORMAT, id);
  g_autofree char *amount = crm_format_money (crm_test_query_int (store, "SELECT amount FROM deal "
                                                                  "WHERE id = %" G_GINT64_FORMAT,
                                                                  id), currency);
  g_autofree char *newest_stage = query_text (store,
                                              "SELECT s.name FROM deal_stage_history h "
                                              "JOIN stage s ON s.id = h.stage_id "
                                              "WHERE h.deal_id = %" G_GINT64_FORMAT
                                              " AND h.deleted = 0 ORDER BY h.entered DESC "
                                              "LIMIT 1", id);
  g_autofree char *first_person = query_text (store,
                                              "SELECT p.display_name FROM deal_stakeholder x "
                                              "JOIN person p ON p.id = x.person_id "
                                              "WHERE x.deal_id = %" G_GINT64_FORMAT
                                              " AND x.deleted = 0 ORDER BY x.id LIMIT 1", id);
  gint64 n_stakeholders = crm_test_query_int (store, "SELECT count (*) FROM deal_stakeholder "
                                              "WHERE deal_id = %" G_GINT64_FORMAT
                                              " AND deleted = 0", id);
  gint64 n_stays = crm_test_query_int (store, "SELECT count (*) FROM deal_stage_history "
                                       "WHERE deal_id = %" G_GINT64_FORMAT " AND deleted = 0", id);
  gint64 n_lines = crm_test_query_int (store, "SELECT count (*) FROM deal_product "
                                       "WHERE deal_id = %" G_GINT64_FORMAT " AND deleted = 0", id);
  g_autoptr(GPtrArray) insights = expected_insights (window, id);
  GtkListBox *list;

  g_assert_cmpint (n_stakeholders, >, 1);
  g_assert_cmpint (n_stays, >, 0);

  /* The amount in the deal's currency, in the header and the details. */
  wait_subtitle (child (page, "amount_row"), amount);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "amount_label"))), ==, amount);

  /* The stakeholders, named, each opening the person. */
  list = page_list (page, "stakeholders-list");
  wait_rows (list, n_stakeholders);
  g_assert_cmpstr (row_title (list, 0), ==, first_person);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (gtk_list_box_get_row_at_index (list, 0))),
                   ==, "win.show-record");

  /* The stage history, newest stay first, still running ("now"). */
  list = page_list (page, "history-list");
  wait_rows (list, n_stays);
  g_assert_cmpstr (row_title (list, 0), ==, newest_stage);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0))),
                                   "now"));

  /* The coverage insights of the deal's map: a high-influence opponent at least. */
  g_assert_cmpuint (insights->len, >, 0);
  list = page_list (page, "insights-list");
  wait_rows (list, insights->len);
  for (guint i = 0; i < insights->len; i++)
    g_assert_cmpstr (row_title (list, i), ==, g_ptr_array_index (insights, i));

  wait_rows (page_list (page, "products-list"), n_lines);

  crm_ui_test_close_window (window);
}

static void
test_edit (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_deal (window);
  GtkWidget *page = show_deal (window, id);
  CrmDeal *deal = crm_deal_page_get_record (CRM_DEAL_PAGE (page));
  GtkWidget *amount_entry = child (page, "amount_entry");
  GtkWidget *close_entry = child (page, "close_entry");
  GtkWidget *error_label = child (page, "error_label");
  guint digits = crm_format_currency_digits (crm_deal_get_currency (deal));
  gint64 before = crm_deal_get_amount (deal);
  gint64 expected = 1234567;
  g_autofree char *typed = NULL;
  g_autofree char *close = NULL;

  for (guint i = 0; i < digits; i++)
    expected *= 10;
  expected += digits > 0 ? 5 : 0;
  typed = digits > 0 ? g_strdup_printf ("1,234,567.%0*d", (int) digits, 5) : g_strdup ("1,234,567");

  g_assert_true (gtk_widget_activate_action (page, "page.edit", NULL));
  g_assert_true (crm_deal_page_get_editing (CRM_DEAL_PAGE (page)));

  /* Too many decimals and a day that does not exist: both marked, nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (amount_entry), "12.3456");
  gtk_editable_set_text (GTK_EDITABLE (close_entry), "2027-02-30");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_true (crm_deal_page_get_editing (CRM_DEAL_PAGE (page)));
  g_assert_true (gtk_widget_has_css_class (amount_entry, "error"));
  g_assert_true (gtk_widget_has_css_class (close_entry, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  flush (window);
  g_assert_cmpint (crm_test_query_int (store, "SELECT amount FROM deal WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, before);

  /* Valid: saved in minor units of the deal's currency, and the date as typed. */
  gtk_editable_set_text (GTK_EDITABLE (amount_entry), typed);
  gtk_editable_set_text (GTK_EDITABLE (close_entry), "2027-03-15");
  g_assert_false (gtk_widget_has_css_class (amount_entry, "error"));
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_false (crm_deal_page_get_editing (CRM_DEAL_PAGE (page)));
  flush (window);
  g_assert_cmpint (crm_test_query_int (store, "SELECT amount FROM deal WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, expected);
  close = query_text (store, "SELECT expected_close FROM deal WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (close, ==, "2027-03-15");
  {
    g_autofree char *shown = crm_format_money (expected, crm_deal_get_currency (deal));

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "amount_row"))),
                     ==, shown);
  }

  crm_ui_test_close_window (window);
}

static void
set_probability (CrmWindow *window,
                 GtkWidget *page,
                 gboolean   own,
                 int        value)
{
  g_assert_true (gtk_widget_activate_action (page, "page.edit", NULL));
  gtk_switch_set_active (GTK_SWITCH (child (page, "probability_switch")), own);
  g_assert_true (gtk_widget_get_sensitive (child (page, "probability_spin")) == own);
  if (own)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (page, "probability_spin")), value);
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_false (crm_deal_page_get_editing (CRM_DEAL_PAGE (page)));
  flush (window);
}

static void
test_probability (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_deal (window);
  GtkWidget *page = show_deal (window, id);
  gint64 stage_probability = crm_test_query_int (store, "SELECT s.probability FROM deal d "
                                                 "JOIN stage s ON s.id = d.stage_id "
                                                 "WHERE d.id = %" G_GINT64_FORMAT, id);
  /* A value the stage does not have, so that the change shows. */
  int own = stage_probability == 73 ? 74 : 73;
  g_autofree char *own_text = g_strdup_printf ("%d %% (set for this deal)", own);
  g_autofree char *stage_text = g_strdup_printf ("%d %% (the stage’s)", (int) stage_probability);

  set_probability (window, page, TRUE, own);
  g_assert_cmpint (crm_test_query_int (store, "SELECT probability FROM deal WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, own);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "probability_row"))),
                   ==, own_text);

  /* Off again: -1, the stage's probability counts. */
  set_probability (window, page, FALSE, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT probability FROM deal WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, -1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "probability_row"))),
                   ==, stage_text);

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmStore *store;
  gint64    id;
  gint64    stage;
} StageWait;

static gboolean
stage_is (gpointer data)
{
  StageWait *wait = data;

  return crm_test_query_int (wait->store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                             wait->id) == wait->stage;
}

static void
test_move_and_undo (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_deal (window);
  GtkWidget *page = show_deal (window, id);
  gint64 from = crm_test_query_int (store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                                    id);
  gint64 to = crm_test_query_int (store, "SELECT s.id FROM stage s JOIN deal d "
                                  "ON d.pipeline_id = s.pipeline_id WHERE d.id = %" G_GINT64_FORMAT
                                  " AND s.kind = 'open' AND s.id != d.stage_id AND s.deleted = 0 "
                                  "ORDER BY s.position LIMIT 1", id);
  gint64 n_stays = crm_test_query_int (store, "SELECT count (*) FROM deal_stage_history "
                                       "WHERE deal_id = %" G_GINT64_FORMAT " AND deleted = 0", id);

  /* The menu is there once the stages are. */
  crm_ui_test_wait ((CrmUiCondition) gtk_widget_get_sensitive, child (page, "stage_button"));
  g_assert_true (gtk_widget_activate_action (page, "page.move-to-stage", "x", to));
  crm_ui_test_wait (stage_is, &(StageWait) { store, id, to });
  wait_rows (page_list (page, "history-list"), n_stays + 1);

  /* Ctrl+Z puts it back, history and all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  crm_ui_test_wait (stage_is, &(StageWait) { store, id, from });
  wait_rows (page_list (page, "history-list"), n_stays);

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmWindow *window;
  gint64     id;
} MapWait;

static gboolean
map_shown (gpointer data)
{
  MapWait *wait = data;
  GtkWidget *page = crm_window_get_record_page (wait->window);

  return CRM_IS_STAKEHOLDER_MAP_VIEW (page) &&
         crm_stakeholder_map_view_get_scope (CRM_STAKEHOLDER_MAP_VIEW (page)) == CRM_MAP_SCOPE_DEAL &&
         crm_stakeholder_map_view_get_scope_id (CRM_STAKEHOLDER_MAP_VIEW (page)) == wait->id;
}

static void
test_map_button (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 id = pick_deal (window);
  GtkWidget *page = show_deal (window, id);
  GtkWidget *group = child (page, "stakeholders_group");
  GtkWidget *button = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));

  /* The button beside the stakeholders opens the deal's map. */
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  crm_ui_test_wait (map_shown, &(MapWait) { window, id });

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/deal-page/sections", test_sections);
  g_test_add_func ("/ui/deal-page/edit", test_edit);
  g_test_add_func ("/ui/deal-page/probability", test_probability);
  g_test_add_func ("/ui/deal-page/move-and-undo", test_move_and_undo);
  g_test_add_func ("/ui/deal-page/map-button", test_map_button);

  status = g_test_run ();

  g_free (demo_path);
  g_object_unref (app);

  return status;
}
