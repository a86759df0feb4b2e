/* test-search.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The global search in a real window on the sample data: typing shows hits
 * grouped by kind under the entry, Down and Enter open one, Escape closes,
 * and a search without hits says so.
 */

#define G_LOG_DOMAIN "TestSearch"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-models.h"
#include "crm-person-page.h"
#include "crm-organization-page.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-search-hit.h"
#include "crm-search-results.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-window-private.h"

static CrmApplication *app;

static gboolean
record_page_shown (gpointer data)
{
  return crm_window_get_record_page (data) != NULL;
}

static CrmRecord *
load_first (CrmStore *store,
            GType     type)
{
  g_autoptr(CrmQuery) query = crm_query_new (type);
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

/* What a key press in the entry does (its capture-phase key controller). */
static gboolean
press_key (CrmWindow *window,
           guint      keyval)
{
  GtkWidget *entry = GTK_WIDGET (crm_window_get_search_entry (window));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

typedef struct
{
  CrmWindow *window;
  gboolean   want_hits;
} ResultsWait;

static gboolean
results_shown (gpointer data)
{
  ResultsWait *wait = data;
  GtkWidget *popover = _crm_window_get_search_popover (wait->window);
  CrmSearchResults *results = CRM_SEARCH_RESULTS (_crm_window_get_search_results (wait->window));

  return gtk_widget_get_visible (popover) &&
         (crm_search_results_get_n_results (results) > 0) == wait->want_hits;
}

static void
type_text (CrmWindow  *window,
           const char *text,
           gboolean    want_hits)
{
  ResultsWait wait = { window, want_hits };

  gtk_widget_grab_focus (GTK_WIDGET (crm_window_get_search_entry (window)));
  gtk_editable_set_text (crm_window_get_search_entry (window), text);
  crm_ui_test_wait (results_shown, &wait);
}

static void
test_person_by_keyboard (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmRecord) person = NULL;
  CrmSearchResults *results;
  CrmSearchHit *hit;
  GtkWidget *page;
  CrmWindow *window;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  person = load_first (crm_context_get_store (crm_window_get_context (window)), CRM_TYPE_PERSON);

  type_text (window, crm_record_get_text (person, "display-name"), TRUE);
  results = CRM_SEARCH_RESULTS (_crm_window_get_search_results (window));
  g_assert_null (crm_search_results_get_selected (results));

  /* Down moves into the results: people come first. */
  g_assert_true (press_key (window, GDK_KEY_Down));
  hit = CRM_SEARCH_HIT (crm_search_results_get_selected (results));
  g_assert_nonnull (hit);
  g_assert_cmpint (crm_search_hit_get_kind (hit), ==, CRM_SEARCH_KIND_PERSON);
  g_assert_cmpint (crm_search_hit_get_record_id (hit), ==, crm_record_get_id (person));
  /* Up stays on the first row. */
  g_assert_true (press_key (window, GDK_KEY_Up));
  g_assert_true (crm_search_results_get_selected (results) == G_OBJECT (hit));

  /* Enter opens it and closes the results. */
  g_assert_null (crm_window_get_record_page (window));
  g_assert_true (press_key (window, GDK_KEY_Return));
  g_assert_false (gtk_widget_get_visible (_crm_window_get_search_popover (window)));
  /* The page opens once the record is loaded. */
  crm_ui_test_wait (record_page_shown, window);
  page = crm_window_get_record_page (window);
  g_assert_true (CRM_IS_PERSON_PAGE (page));
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (crm_person_page_get_record (CRM_PERSON_PAGE (page)))),
                   ==, crm_record_get_id (person));

  crm_ui_test_close_window (window);
}

static void
test_grouped_and_empty (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmRecord) organization = NULL;
  g_auto(GStrv) words = NULL;
  CrmSearchResults *results;
  CrmWindow *window;
  CrmSearchKind last = 0;
  guint n_kinds = 0;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  organization = load_first (crm_context_get_store (crm_window_get_context (window)),
                             CRM_TYPE_ORGANIZATION);

  /* An organization's name also names its deals: two groups, in kind order. */
  words = g_strsplit (crm_record_get_text (organization, "name"), " ", 2);
  type_text (window, words[0], TRUE);
  results = CRM_SEARCH_RESULTS (_crm_window_get_search_results (window));
  for (guint i = 0; i < crm_search_results_get_n_results (results); i++)
    {
      CrmSearchHit *hit;

      crm_search_results_move (results, i == 0 ? 1 : 1);
      hit = CRM_SEARCH_HIT (crm_search_results_get_selected (results));
      g_assert_cmpint (crm_search_hit_get_kind (hit), >=, last);
      if (crm_search_hit_get_kind (hit) != last)
        n_kinds++;
      last = crm_search_hit_get_kind (hit);
    }
  g_assert_cmpuint (n_kinds, >=, 2);

  /* Escape closes the results and leaves the text. */
  g_assert_true (press_key (window, GDK_KEY_Escape));
  g_assert_false (gtk_widget_get_visible (_crm_window_get_search_popover (window)));
  g_assert_cmpstr (gtk_editable_get_text (crm_window_get_search_entry (window)), ==, words[0]);
  /* A second Escape is the entry's own (it clears the text). */
  g_assert_false (press_key (window, GDK_KEY_Escape));

  /* Quotes and FTS syntax are searched for, and nothing is found. */
  type_text (window, "\"zzq* NEAR -x'", FALSE);
  g_assert_cmpuint (crm_search_results_get_n_results (results), ==, 0);
  g_assert_false (press_key (window, GDK_KEY_Return));

  gtk_editable_set_text (crm_window_get_search_entry (window), "");
  crm_ui_test_spin (200);
  g_assert_false (gtk_widget_get_visible (_crm_window_get_search_popover (window)));

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/search/person-by-keyboard", test_person_by_keyboard);
  g_test_add_func ("/ui/search/grouped-and-empty", test_grouped_and_empty);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
