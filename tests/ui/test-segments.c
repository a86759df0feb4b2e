/* test-segments.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "crm-context.h"
#include "crm-custom-fields.h"
#include "crm-models.h"
#include "crm-preferences-window.h"
#include "crm-segment-editor.h"
#include "crm-segment-list.h"
#include "crm-store.h"
#include "crm-ui-test-util.h"
#include "crm-view.h"
#include "crm-window-private.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *db_path;

static gboolean
editor_ready (gpointer data)
{
  gboolean ready = FALSE;

  g_object_get (data, "ready", &ready, NULL);
  return ready;
}

static gboolean
editor_counted (gpointer data)
{
  return crm_segment_editor_get_count (data) >= 0;
}

static gint64
hand_count (CrmStore   *store,
            const char *target,
            const char *json)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  crm_segment_count_async (store, target, json, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  n = crm_segment_count_finish (store, result, &error);
  g_assert_no_error (error);
  return n;
}

static void
on_applied_cb (CrmSegmentEditor *editor,
               const char       *json,
               char            **out)
{
  *out = g_strdup (json);
}

static void
on_saved_cb (CrmSegmentEditor  *editor,
             CrmSegment        *segment,
             CrmSegment       **out)
{
  g_set_object (out, segment);
}

static gboolean
have_segment (gpointer data)
{
  return *(CrmSegment **) data != NULL;
}

static void
test_filter_editor (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, db_path);
  CrmContext *context = crm_window_get_context (window);
  const char *json = "{\"match\":\"any\",\"rules\":["
                     "{\"field\":\"industry\",\"op\":\"eq\",\"value\":\"software\"},"
                     "{\"field\":\"tier\",\"op\":\"in\",\"value\":[\"strategic\"]},"
                     "{\"field\":\"annual_revenue\",\"op\":\"between\",\"value\":[100000000,200000000]},"
                     "{\"field\":\"last_activity\",\"op\":\"within_days\",\"value\":30},"
                     "{\"field\":\"custom:contract_renewal\",\"op\":\"is_set\"}]}";
  CrmSegmentEditor *editor = crm_segment_editor_new_for_filter (context, "organization", json);
  g_autofree char *back = NULL;
  g_autofree char *applied = NULL;

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  crm_ui_test_wait (editor_ready, editor);
  g_assert_cmpuint (crm_segment_editor_get_n_rules (editor), ==, 5);

  /* what it shows is what it was given */
  back = crm_segment_editor_dup_filter (editor);
  g_assert_cmpstr (back, ==, json);

  /* the live count is the store's count */
  crm_ui_test_wait (editor_counted, editor);
  g_assert_cmpint (crm_segment_editor_get_count (editor), ==,
                   hand_count (crm_context_get_store (context), "organization", json));

  /* a new condition starts on the first field; removing it goes back */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-rule", NULL);
  g_assert_cmpuint (crm_segment_editor_get_n_rules (editor), ==, 6);

  g_signal_connect (editor, "applied", G_CALLBACK (on_applied_cb), &applied);
  g_object_ref (editor);

  /* the new condition has no value yet: nothing is applied */
  g_assert_null (crm_segment_editor_dup_filter (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done", NULL);
  g_assert_null (applied);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  crm_segment_editor_set_filter (editor, json);
  g_assert_cmpuint (crm_segment_editor_get_n_rules (editor), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done", NULL);
  g_assert_nonnull (applied);
  g_assert_true (g_str_has_prefix (applied, "{\"match\":\"any\",\"rules\":[{\"field\":\"industry\""));
  g_assert_finalize_object (editor);

  crm_ui_test_close_window (window);
}

static void
test_new_segment (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, db_path);
  CrmContext *context = crm_window_get_context (window);
  CrmSegmentEditor *editor = crm_segment_editor_new (context, NULL, "person");
  const char *json = "{\"match\":\"all\",\"rules\":["
                     "{\"field\":\"age\",\"op\":\"between\",\"value\":[25,34]},"
                     "{\"field\":\"consent_email\",\"op\":\"eq\",\"value\":true},"
                     "{\"field\":\"custom:loyalty_level\",\"op\":\"eq\",\"value\":\"gold\"}]}";
  g_autoptr(CrmSegment) saved = NULL;

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  crm_ui_test_wait (editor_ready, editor);
  crm_segment_editor_set_filter (editor, json);
  crm_ui_test_wait (editor_counted, editor);
  g_assert_cmpint (crm_segment_editor_get_count (editor), ==,
                   hand_count (crm_context_get_store (context), "person", json));

  /* no name: refused, the window stays */
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  g_object_ref (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done", NULL);
  crm_ui_test_spin (200);
  g_assert_null (saved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  {
    GtkWidget *entry = NULL;

    /* the name row is the first entry row of the window */
    for (GtkWidget *w = GTK_WIDGET (editor); w != NULL && entry == NULL; )
      {
        if (ADW_IS_ENTRY_ROW (w))
          entry = w;
        else if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Young gold members");
  }
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done", NULL);
  crm_ui_test_wait (have_segment, &saved);
  g_assert_cmpstr (crm_segment_get_name (saved), ==, "Young gold members");
  g_assert_cmpstr (crm_segment_get_target (saved), ==, "person");
  g_assert_cmpstr (crm_segment_get_filter (saved), ==, json);
  g_assert_finalize_object (editor);

  crm_ui_test_close_window (window);
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowsWait;

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static gboolean
has_rows (gpointer data)
{
  RowsWait *w = data;

  return n_rows (w->list) == w->n;
}

/* The count label: the third child of the row's box. */
static GtkLabel *
row_count_label (GtkListBoxRow *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GtkWidget *child = gtk_widget_get_first_child (box);

  child = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (child));
  return GTK_LABEL (child);
}

static gboolean
counts_shown (gpointer data)
{
  GtkListBox *list = data;

  for (guint i = 0; i < n_rows (list); i++)
    if (g_str_equal (gtk_label_get_label (row_count_label (gtk_list_box_get_row_at_index (list, i))),
                     "…"))
      return FALSE;
  return TRUE;
}

static gboolean
view_is_people (gpointer data)
{
  return g_strcmp0 (crm_window_get_visible_view (data), "people") == 0;
}

static void
test_sidebar (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, db_path);
  CrmStore *store = crm_context_get_store (crm_window_get_context (window));
  RowsWait wait = { _crm_window_get_segments_list (window), 7 };
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkListBoxRow *row;
  CrmView *people;
  gint64 young_id = 0;

  /* the six demo segments and the one made through the editor */
  crm_ui_test_wait (has_rows, &wait);
  crm_ui_test_wait (counts_shown, wait.list);
  crm_segments_list_async (store, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  segments = crm_segments_list_finish (store, result, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (segments), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(CrmSegment) segment = g_list_model_get_item (segments, i);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   hand_count (store, crm_segment_get_target (segment),
                                                               crm_segment_get_filter (segment)));

      row = gtk_list_box_get_row_at_index (wait.list, i);
      g_assert_cmpstr (gtk_label_get_label (row_count_label (row)), ==, expected);
      if (g_str_equal (crm_segment_get_name (segment), "Young gold members"))
        young_id = crm_record_get_id (CRM_RECORD (segment));
    }
  g_assert_cmpint (young_id, !=, 0);

  /* opening it shows the people with its filter */
  row = gtk_list_box_get_row_at_index (wait.list, 6);
  g_signal_emit_by_name (wait.list, "row-activated", row);
  crm_ui_test_wait (view_is_people, window);
  people = crm_window_get_view (window, "people");
  g_assert_nonnull (crm_view_get_filter (people));
  g_assert_true (g_str_has_prefix (crm_view_get_filter (people),
                                   "{\"match\":\"all\",\"rules\":[{\"field\":\"age\""));

  /* delete, then undo from the toast's action */
  gtk_widget_activate_action (GTK_WIDGET (window), "segment.delete", "x", young_id);
  wait.n = 6;
  crm_ui_test_wait (has_rows, &wait);
  gtk_widget_activate_action (GTK_WIDGET (window), "segment.restore", "x", young_id);
  wait.n = 7;
  crm_ui_test_wait (has_rows, &wait);

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmPreferencesWindow *prefs;
  const char           *group;
  guint                 n;
} PrefsWait;

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_box (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The rows of a group: its list box's children. */
static guint
group_rows (PrefsWait *w,
            GtkWidget **first)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (w->prefs),
                                                                CRM_TYPE_PREFERENCES_WINDOW,
                                                                w->group));
  /* the group's boxed list is the only GtkListBox inside it */
  GtkWidget *list = find_list_box (group);
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      {
        if (n == 0 && first)
          *first = row;
        n++;
      }
  return n;
}

static gboolean
group_has_rows (gpointer data)
{
  PrefsWait *w = data;
  GtkWidget *first = NULL;

  return group_rows (w, &first) == w->n &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "No custom fields") != 0;
}

static gboolean
first_row_is (gpointer data)
{
  PrefsWait *w = data;
  GtkWidget *first = NULL;

  group_rows (w, &first);
  return first && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)),
                             "Contract renewal") == 0;
}

static void
test_preferences_page (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, db_path);
  CrmContext *context = crm_window_get_context (window);
  CrmPreferencesWindow *prefs = crm_preferences_window_new (crm_context_get_settings (context));
  PrefsWait wait = { prefs, "organization_fields_group", 2 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) field = NULL;
  GtkWidget *page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                               CRM_TYPE_PREFERENCES_WINDOW,
                                                               "custom_fields_page"));

  g_assert_false (gtk_widget_get_visible (page));
  crm_preferences_window_set_context (prefs, context);
  g_assert_true (gtk_widget_get_visible (page));
  gtk_window_present (GTK_WINDOW (prefs));

  /* the demo's account number and contract renewal */
  crm_ui_test_wait (group_has_rows, &wait);

  /* a field defined elsewhere shows up */
  crm_custom_fields_define_async (crm_context_get_store (context), "organization", "Region code",
                                  "text", NULL, NULL, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  field = crm_custom_fields_define_finish (crm_context_get_store (context), result, &error);
  g_assert_no_error (error);
  wait.n = 3;
  crm_ui_test_wait (group_has_rows, &wait);

  /* moving the second up makes it first */
  {
    GtkWidget *first = NULL;
    gint64 second_id;
    g_autoptr(GAsyncResult) r2 = NULL;
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_CUSTOM_FIELD);
    g_autoptr(GListModel) fields = NULL;
    g_autoptr(CrmCustomField) second = NULL;

    crm_query_add_text (q, "target", CRM_QUERY_EQ, "organization");
    crm_query_set_order (q, "position", FALSE);
    crm_store_query_async (crm_context_get_store (context), q, NULL, crm_test_store_result, &r2);
    crm_test_await (&r2);
    fields = crm_store_query_finish (crm_context_get_store (context), r2, NULL);
    second = g_list_model_get_item (fields, 1);
    g_assert_cmpstr (crm_custom_field_get_label (second), ==, "Contract renewal");
    second_id = crm_record_get_id (CRM_RECORD (second));
    gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.move-field", "(xi)", second_id, -1);
    crm_ui_test_wait (first_row_is, &wait);
    group_rows (&wait, &first);
    g_assert_cmpint (crm_custom_field_get_position (second), ==, 0);
  }

  /* delete (the confirmation is answered by its action) and undo */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.delete-field", "x",
                              crm_record_get_id (CRM_RECORD (field)));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !dialog; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "delete");
  }
  wait.n = 2;
  crm_ui_test_wait (group_has_rows, &wait);
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.restore-field", "x",
                              crm_record_get_id (CRM_RECORD (field)));
  wait.n = 3;
  crm_ui_test_wait (group_has_rows, &wait);

  gtk_window_destroy (GTK_WINDOW (prefs));
  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);
  db_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (db_path);

  g_test_add_func ("/ui/segments/filter-editor", test_filter_editor);
  g_test_add_func ("/ui/segments/new-segment", test_new_segment);
  g_test_add_func ("/ui/segments/sidebar", test_sidebar);
  g_test_add_func ("/ui/segments/preferences-page", test_preferences_page);

  ret = g_test_run ();
  g_free (db_path);
  g_object_unref (app);
  return ret;
}
