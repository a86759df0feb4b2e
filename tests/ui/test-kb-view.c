/* test-kb-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Knowledge Base view in a real window over the small sample data: the
 * articles listed, narrowed by the header's search (a two-character Chinese
 * word too), the language and the tag; an article edited and saved, a save
 * refused without a title, Ctrl+Z taking the edit back; a new article added,
 * deleted and brought back; a self-service resolution recorded from the
 * dialog, counted on the page and in the database.
 */

#define G_LOG_DOMAIN "TestKbView"

#include "config.h"

#include <string.h>

#include "crm-kb-article.h"
#include "crm-kb-view-private.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"

static CrmApplication *app;

typedef struct
{
  CrmKbView *view;
  guint      n;
} CountWait;

static gboolean
list_shows (gpointer data)
{
  CountWait *w = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (w->view->list_stack), "list") == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (w->view->hits)) == w->n &&
         w->view->reload_source == 0;
}

static void
wait_count (CrmKbView *view,
            guint      n)
{
  CountWait w = { view, n };

  crm_ui_test_wait (list_shows, &w);
}

static gboolean
list_settled (gpointer data)
{
  CrmKbView *view = data;

  return view->loaded && view->reload_source == 0 && !view->searching &&
         g_strcmp0 (gtk_stack_get_visible_child_name (view->list_stack), "loading") != 0;
}

static CrmKbArticle *
hit_article (CrmKbView *view,
             guint      i)
{
  g_autoptr(CrmKbHit) hit = g_list_model_get_item (G_LIST_MODEL (view->hits), i);

  g_assert_nonnull (hit);
  return crm_kb_hit_get_article (hit);
}

static CrmKbView *
open_view (CrmWindow  **window,
           CrmStore   **store)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmKbView *view;

  crm_ui_test_make_demo_db (path);
  *window = crm_ui_test_open_window (app, path);
  *store = crm_context_get_store (crm_window_get_context (*window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-view", "s",
                                             "knowledge-base"));
  g_assert_cmpstr (crm_window_get_visible_view (*window), ==, "knowledge-base");
  view = CRM_KB_VIEW (crm_window_get_view (*window, "knowledge-base"));
  wait_count (view, (guint) crm_test_query_int (*store, "SELECT count(*) FROM kb_article WHERE deleted = 0"));
  return view;
}

typedef struct
{
  CrmKbView  *view;
  const char *text;
} SearchWait;

static gboolean
search_followed (gpointer data)
{
  SearchWait *w = data;

  return g_strcmp0 (crm_view_get_search_text (CRM_VIEW (w->view)), w->text) == 0;
}

/* Types in the header's search entry (which waits a moment before it tells). */
static void
search (CrmWindow  *window,
        CrmKbView  *view,
        const char *text)
{
  SearchWait w = { view, text };

  gtk_editable_set_text (crm_window_get_search_entry (window), text);
  crm_ui_test_wait (search_followed, &w);
  crm_ui_test_wait (list_settled, view);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_empty (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_ui_test_open_window (app, path);
  CrmView *view = crm_window_get_view (window, "knowledge-base");
  int min = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "knowledge-base"));
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (CRM_KB_VIEW (view)->list_stack), ==, "empty");
  g_assert_cmpstr (crm_view_get_title (view), ==, "Knowledge Base");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.new-article", NULL));
  g_assert_true (CRM_KB_VIEW (view)->editing);

  /* It fits a phone-sized window. */
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);

  crm_ui_test_close_window (window);
}

static void
test_list_and_search (void)
{
  CrmWindow *window;
  CrmStore *store;
  CrmKbView *view = open_view (&window, &store);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (view->hits));
  gint64 with_word = crm_test_query_int (store, "SELECT count(*) FROM kb_article WHERE deleted = 0 "
                                                "AND (instr (title, '密码') OR instr (body, '密码') "
                                                "OR instr (tags, '密码'))");
  guint n;

  g_assert_cmpuint (all, >=, 40);
  g_assert_cmpstr (crm_view_get_state (CRM_VIEW (view)), ==, "list");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->article_stack), ==, "none");

  /* Two Chinese characters. */
  search (window, view, "密码");
  wait_count (view, (guint) with_word);
  g_assert_cmpint (with_word, >, 0);
  g_assert_cmpstr (crm_kb_article_get_language (hit_article (view, 0)), ==, "zh-CN");
  g_assert_nonnull (strstr (crm_kb_article_get_title (hit_article (view, 0)), "密码"));

  /* English words, every one of them, then only English articles. */
  search (window, view, "password reset");
  n = g_list_model_get_n_items (G_LIST_MODEL (view->hits));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (crm_kb_article_get_title (hit_article (view, 0)), ==, "How to reset your password");
  search (window, view, "");
  wait_count (view, all);

  gtk_drop_down_set_selected (view->language_drop_down, 2);
  crm_ui_test_wait (list_settled, view);
  n = g_list_model_get_n_items (G_LIST_MODEL (view->hits));
  g_assert_cmpuint (n, ==, (guint) crm_test_query_int (store, "SELECT count(*) FROM kb_article "
                                                              "WHERE deleted = 0 AND language = 'zh-CN'"));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (crm_kb_article_get_language (hit_article (view, i)), ==, "zh-CN");

  /* The tags follow the language; the first is the most used. */
  crm_ui_test_spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->tags)), >, 2);
  gtk_drop_down_set_selected (view->tag_drop_down, 1);
  crm_ui_test_wait (list_settled, view);
  n = g_list_model_get_n_items (G_LIST_MODEL (view->hits));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) tags = crm_kb_split_tags (crm_kb_article_get_tags (hit_article (view, i)));

      g_assert_true (g_strv_contains ((const char * const *) tags,
                                      gtk_string_list_get_string (view->tags, 1)));
    }

  /* Nothing found: the empty state says so and offers the way back. */
  search (window, view, "zzzqqq");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->list_stack), ==, "no-results");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.clear-filters", NULL));
  wait_count (view, all);
  g_assert_cmpstr (gtk_editable_get_text (crm_window_get_search_entry (window)), ==, "");

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmKbArticle *article;
  const char   *title;
} TitleWait;

static gboolean
title_is (gpointer data)
{
  TitleWait *w = data;

  return g_strcmp0 (crm_kb_article_get_title (w->article), w->title) == 0;
}

static gboolean
editor_shows (gpointer data)
{
  CrmKbView *view = data;

  return view->editing && g_strcmp0 (gtk_stack_get_visible_child_name (view->article_stack), "editor") == 0;
}

static void
select_row (CrmKbView *view,
            guint      i)
{
  gtk_single_selection_set_selected (view->selection, i);
  crm_ui_test_wait (editor_shows, view);
}

static void
test_edit_and_save (void)
{
  CrmWindow *window;
  CrmStore *store;
  CrmKbView *view = open_view (&window, &store);
  g_autoptr(CrmKbArticle) article = NULL;
  g_autofree char *old_title = NULL;
  TitleWait wait;

  select_row (view, 0);
  article = g_object_ref (hit_article (view, 0));
  old_title = g_strdup (crm_kb_article_get_title (article));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->title_row)), ==, old_title);
  g_assert_cmpstr (gtk_label_get_label (view->article_heading), ==, old_title);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (view->save_button)));

  /* An edit makes it savable; Save writes it. */
  gtk_editable_set_text (GTK_EDITABLE (view->title_row), "Resetting a forgotten password");
  gtk_editable_set_text (GTK_EDITABLE (view->tags_row), "account, password，security");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view->save_button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.save", NULL));
  wait = (TitleWait) { article, "Resetting a forgotten password" };
  crm_ui_test_wait (title_is, &wait);
  g_assert_cmpstr (crm_kb_article_get_tags (article), ==, "account,password,security");
  crm_ui_test_wait (list_settled, view);
  g_assert_false (_crm_kb_view_is_dirty (view));

  /* No title: refused, said, and nothing written. */
  gtk_editable_set_text (GTK_EDITABLE (view->title_row), "   ");
  g_assert_false (_crm_kb_view_save (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->problem_label)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view->title_row), "error"));
  gtk_editable_set_text (GTK_EDITABLE (view->title_row), "Resetting a forgotten password");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->problem_label)));
  g_assert_false (_crm_kb_view_is_dirty (view));

  /* The window's Ctrl+Z takes the save back; the editor follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait = (TitleWait) { article, old_title };
  crm_ui_test_wait (title_is, &wait);
  crm_ui_test_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->title_row)), ==, old_title);

  crm_ui_test_close_window (window);
}

static void
test_new_and_delete (void)
{
  CrmWindow *window;
  CrmStore *store;
  CrmKbView *view = open_view (&window, &store);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (view->hits));
  GtkTextBuffer *buffer;
  CrmKbArticle *article;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.new-article", NULL));
  g_assert_true (view->editing);
  g_assert_cmpint (view->article_id, ==, 0);
  g_assert_cmpstr (gtk_label_get_label (view->article_heading), ==, "New Article");
  g_assert_false (gtk_widget_get_visible (view->stats_box));
  gtk_editable_set_text (GTK_EDITABLE (view->title_row), "退货地址变更");
  buffer = gtk_text_view_get_buffer (view->body_view);
  gtk_text_buffer_set_text (buffer, "退货地址已变更为上海市浦东新区。\n\n旧地址的包裹仍会被转寄。", -1);
  adw_combo_row_set_selected (view->language_row, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.save", NULL));
  wait_count (view, all + 1);
  crm_ui_test_wait (list_settled, view);
  g_assert_cmpint (view->article_id, !=, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (view->selection), !=, GTK_INVALID_LIST_POSITION);
  article = hit_article (view, gtk_single_selection_get_selected (view->selection));
  g_assert_cmpstr (crm_kb_article_get_title (article), ==, "退货地址变更");
  g_assert_cmpstr (crm_kb_article_get_language (article), ==, "zh-CN");
  /* New articles start as drafts. */
  g_assert_false (crm_kb_article_get_published (article));
  g_assert_true (gtk_widget_get_visible (view->stats_box));

  /* Found by a one-character word. */
  search (window, view, "寄");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->hits)), >=, 1);
  search (window, view, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.delete", NULL));
  wait_count (view, all);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->article_stack), ==, "none");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_count (view, all + 1);

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmKbView *view;
  gint64     resolved;
} StatsWait;

static gboolean
stats_show (gpointer data)
{
  StatsWait *w = data;

  return w->view->stats.resolved == w->resolved;
}

static gboolean
dialog_open (gpointer data)
{
  return CRM_KB_VIEW (data)->dialog != NULL;
}

static void
test_record_resolution (void)
{
  CrmWindow *window;
  CrmStore *store;
  CrmKbView *view = open_view (&window, &store);
  g_autofree char *email = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  gint64 before, person;
  StatsWait wait;
  GtkWidget *entry;

  select_row (view, 2);
  wait = (StatsWait) { view, crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution "
                                                        "WHERE article_id = %" G_GINT64_FORMAT,
                                                 view->article_id) };
  crm_ui_test_wait (stats_show, &wait);
  before = wait.resolved;
  email = crm_test_query (store, "SELECT email FROM person p WHERE email != '' AND deleted = 0 "
                                 "AND NOT EXISTS (SELECT 1 FROM affiliation a WHERE a.person_id = p.id) "
                                 "ORDER BY id LIMIT 1");
  g_strchomp (email);
  person = crm_test_query_int (store, "SELECT id FROM person WHERE email = '%s'", email);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.record-resolution", NULL));
  crm_ui_test_wait (dialog_open, view);
  entry = find_descendant (GTK_WIDGET (view->dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not an address");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (view->dialog), "record"));
  gtk_editable_set_text (GTK_EDITABLE (entry), email);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (view->dialog), "record"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (view->dialog), "record");
  gtk_window_destroy (view->dialog);

  wait.resolved = before + 1;
  crm_ui_test_wait (stats_show, &wait);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, before + 1);

    g_assert_cmpstr (gtk_label_get_label (view->resolved_label), ==, count);
  }
  rows = crm_test_query (store, "SELECT person_id, channel, customer_kind, source "
                                "FROM self_service_resolution WHERE article_id = %" G_GINT64_FORMAT
                                " AND source = 'staff' ORDER BY created DESC, id DESC LIMIT 1",
                         view->article_id);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "|self-service|b2c|staff\n", person);
  g_assert_cmpstr (rows, ==, expected);

  /* Ctrl+Z takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait.resolved = before;
  crm_ui_test_wait (stats_show, &wait);

  crm_ui_test_close_window (window);
}

static gboolean
report_open (gpointer data)
{
  CrmKbView *view = data;

  return view->dialog != NULL && view->last_import != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return CRM_KB_VIEW (data)->dialog == NULL;
}

/* With CRM_KB_SHOWCASE=SECONDS the report stays open that long (for
 * screenshots). */
static void
showcase (void)
{
  const char *seconds = g_getenv ("CRM_KB_SHOWCASE");

  if (seconds != NULL)
    crm_ui_test_spin (1000 * (guint) g_ascii_strtoull (seconds, NULL, 10));
}

static void
test_import_log (void)
{
  CrmWindow *window;
  CrmStore *store;
  CrmKbView *view = open_view (&window, &store);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "core", "data",
                                                 "selfservice", "portal-en.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 before = crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution");
  GtkWidget *list;
  guint n_rows = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  _crm_kb_view_import_file (view, file);
  crm_ui_test_wait (report_open, view);
  /* The sample's titles match two of the demo's articles; its people are
   * not in the demo: recorded without a customer. */
  g_assert_cmpuint (view->last_import->n_imported, ==, 4);
  g_assert_cmpuint (view->last_import->n_unknown_customers, ==, 3);
  g_assert_cmpuint (view->last_import->rejected->len, ==, 9);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution"), ==, before + 4);

  /* The report lists every rejected row. */
  list = find_descendant (GTK_WIDGET (view->dialog), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 9);
  showcase ();

  /* Undo from the report takes the whole import back. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (view->dialog), "undo");
  /* (A click on the button closes the dialog as well.) */
  gtk_window_destroy (view->dialog);
  crm_ui_test_wait (dialog_closed, view);
  while (crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution") != before)
    crm_ui_test_spin (20);

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/kb/empty", test_empty);
  g_test_add_func ("/ui/kb/list-search", test_list_and_search);
  g_test_add_func ("/ui/kb/edit-save", test_edit_and_save);
  g_test_add_func ("/ui/kb/new-delete", test_new_and_delete);
  g_test_add_func ("/ui/kb/record-resolution", test_record_resolution);
  g_test_add_func ("/ui/kb/import-log", test_import_log);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
