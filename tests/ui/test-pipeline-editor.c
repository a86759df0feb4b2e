/* test-pipeline-editor.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline and stage editor in the real window on the small sample
 * data: opened by "win.edit-pipeline", a stage added, renamed, given a
 * probability and a rotting threshold (and the threshold undone), moved up
 * by its keyboard action, and a stage with deals deleted with its deals
 * sent to the stage chosen in the dialog; then a pipeline's name, currency
 * (a bad code refused and marked) and customers, a lost reason added,
 * moved, removed and brought back, and a new pipeline and its undo; each
 * checked in the database.
 */

#define G_LOG_DOMAIN "TestPipelineEditor"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-pipeline-editor.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;

static gboolean
editor_idle (gpointer data)
{
  return !crm_pipeline_editor_get_busy (data);
}

static void
wait_idle (CrmPipelineEditor *editor)
{
  crm_ui_test_wait (editor_idle, editor);
}

typedef struct
{
  CrmPipelineEditor *editor;
  gint64             stage;
  gboolean           shown;
} StageWait;

static gboolean
stage_shown (gpointer data)
{
  StageWait *w = data;
  GArray *ids = crm_pipeline_editor_get_stage_ids (w->editor);
  gboolean found = FALSE;

  for (guint i = 0; i < ids->len; i++)
    found |= g_array_index (ids, gint64, i) == w->stage;
  return !crm_pipeline_editor_get_busy (w->editor) && found == w->shown;
}

static void
wait_stage (CrmPipelineEditor *editor,
            gint64             stage,
            gboolean           shown)
{
  StageWait w = { editor, stage, shown };

  crm_ui_test_wait (stage_shown, &w);
}

static CrmPipelineEditor *
find_editor (CrmWindow *window)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CRM_IS_PIPELINE_EDITOR (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
        g_assert_true (gtk_window_get_modal (l->data));
        return l->data;
      }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (object) && gtk_widget_get_visible (GTK_WIDGET (object)))
        {
          *dialog = ADW_MESSAGE_DIALOG (object);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
editor_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gint64
stage_value (CrmStore   *store,
             const char *column,
             gint64      stage)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM stage WHERE id = %" G_GINT64_FORMAT,
                                          column, stage);

  return crm_test_query_int (store, "%s", sql);
}

static void
test_edit_stages (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *name = NULL;
  CrmWindow *window;
  CrmStore *store;
  CrmPipelineEditor *editor;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *widget;
  GListModel *choices;
  gint64 pipeline, added, position, old_rotting, doomed, target, in_doomed, in_target, won;
  guint choice = G_MAXUINT;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  store = crm_context_get_store (crm_window_get_context (window));
  pipeline = crm_test_query_int (store, "SELECT id FROM pipeline WHERE deleted = 0 "
                                 "ORDER BY position, id LIMIT 1");

  /* Opened by the window's action on the first pipeline, its stages in order. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-pipeline", "x",
                                             (gint64) 0));
  editor = find_editor (window);
  g_assert_nonnull (editor);
  wait_idle (editor);
  g_assert_cmpint (crm_pipeline_editor_get_pipeline_id (editor), ==, pipeline);
  g_assert_cmpint (crm_pipeline_editor_get_stage_ids (editor)->len, ==,
                   crm_test_query_int (store, "SELECT count (*) FROM stage WHERE deleted = 0 AND "
                                       "pipeline_id = %" G_GINT64_FORMAT, pipeline));
  won = crm_test_query_int (store, "SELECT id FROM stage WHERE deleted = 0 AND kind = 'won' AND "
                            "pipeline_id = %" G_GINT64_FORMAT, pipeline);
  g_assert_cmpint (g_array_index (crm_pipeline_editor_get_stage_ids (editor), gint64,
                                  crm_pipeline_editor_get_stage_ids (editor)->len - 2), ==, won);
  /* Final stages have neither probability nor rotting controls. */
  g_assert_nonnull (crm_pipeline_editor_get_stage_widget (editor, won, "name"));
  g_assert_null (crm_pipeline_editor_get_stage_widget (editor, won, "probability"));

  /* Add Stage: an open stage just before Won. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-stage", NULL));
  wait_idle (editor);
  added = crm_test_query_int (store, "SELECT id FROM stage WHERE deleted = 0 AND name = 'New Stage' "
                              "AND kind = 'open' AND pipeline_id = %" G_GINT64_FORMAT, pipeline);
  g_assert_cmpint (added, >, 0);
  g_assert_cmpint (stage_value (store, "position", added) + 1, ==, stage_value (store, "position", won));
  wait_stage (editor, added, TRUE);

  /* Renamed through its name row. */
  widget = crm_pipeline_editor_get_stage_widget (editor, added, "name");
  gtk_editable_set_text (GTK_EDITABLE (widget), "  Demo Call ");
  g_signal_emit_by_name (widget, "apply");
  wait_idle (editor);
  name = crm_test_query (store, "SELECT name FROM stage WHERE id = %" G_GINT64_FORMAT, added);
  g_assert_cmpstr (name, ==, "Demo Call\n");

  /* Probability and rotting threshold through their spin buttons. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (crm_pipeline_editor_get_stage_widget (editor, added,
                                                                                    "probability")),
                             35);
  wait_idle (editor);
  g_assert_cmpint (stage_value (store, "probability", added), ==, 35);
  old_rotting = stage_value (store, "rotting_days", added);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (crm_pipeline_editor_get_stage_widget (editor, added,
                                                                                    "rotting")),
                             old_rotting + 9);
  wait_idle (editor);
  g_assert_cmpint (stage_value (store, "rotting_days", added), ==, old_rotting + 9);

  /* Undo (Ctrl+Z's action) sets the old threshold again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  wait_idle (editor);
  g_assert_cmpint (stage_value (store, "rotting_days", added), ==, old_rotting);
  g_assert_cmpint (stage_value (store, "probability", added), ==, 35);

  /* Move Up, the keyboard twin of dragging. */
  position = stage_value (store, "position", added);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.move-stage-up", "x", added));
  wait_idle (editor);
  g_assert_cmpint (stage_value (store, "position", added), ==, position - 1);
  g_assert_cmpint (stage_value (store, "position", won), ==, position + 1);
  wait_stage (editor, added, TRUE);
  g_assert_cmpint (g_array_index (crm_pipeline_editor_get_stage_ids (editor), gint64, position - 1), ==,
                   added);

  /* Delete the open stage with the most deals; the dialog asks where they go. */
  doomed = crm_test_query_int (store, "SELECT s.id FROM stage s JOIN deal d ON d.stage_id = s.id "
                               "WHERE s.pipeline_id = %" G_GINT64_FORMAT " AND s.kind = 'open' "
                               "AND d.deleted = 0 GROUP BY s.id ORDER BY count (*) DESC, s.id LIMIT 1",
                               pipeline);
  target = crm_test_query_int (store, "SELECT id FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT
                               " AND kind = 'open' AND deleted = 0 AND id NOT IN (%" G_GINT64_FORMAT
                               ", %" G_GINT64_FORMAT ") ORDER BY position DESC LIMIT 1",
                               pipeline, doomed, added);
  in_doomed = crm_test_query_int (store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT,
                                  doomed);
  in_target = crm_test_query_int (store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT,
                                  target);
  g_assert_cmpint (in_doomed, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete-stage", "x", doomed));
  crm_ui_test_wait (dialog_shown, &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)));
  {
    g_autofree char *target_name = crm_test_query (store, "SELECT name FROM stage WHERE id = %"
                                                   G_GINT64_FORMAT, target);

    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autofree char *line = g_strconcat (gtk_string_list_get_string (GTK_STRING_LIST (choices), i),
                                             "\n", NULL);

        if (g_str_equal (line, target_name))
          choice = i;
      }
  }
  g_assert_cmpuint (choice, !=, G_MAXUINT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), choice);
  adw_message_dialog_response (dialog, "delete");
  wait_stage (editor, doomed, FALSE);
  g_assert_cmpint (stage_value (store, "deleted", doomed), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM deal WHERE stage_id = %"
                                       G_GINT64_FORMAT, doomed), ==, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM deal WHERE stage_id = %"
                                       G_GINT64_FORMAT, target), ==, in_doomed + in_target);

  /* Closed, the editor goes away (no reference cycle through its rows,
   * toasts or writes). */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  crm_ui_test_wait (editor_gone, &editor);
  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmPipelineEditor *editor;
  gint64             reason;
  gboolean           shown;
} ReasonWait;

static gboolean
reason_shown (gpointer data)
{
  ReasonWait *w = data;

  return !crm_pipeline_editor_get_busy (w->editor) &&
         (crm_pipeline_editor_get_reason_row (w->editor, w->reason) != NULL) == w->shown;
}

static void
wait_reason (CrmPipelineEditor *editor,
             gint64             reason,
             gboolean           shown)
{
  ReasonWait w = { editor, reason, shown };

  crm_ui_test_wait (reason_shown, &w);
}

static void
apply_text (GtkWidget  *entry,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}

static void
test_pipelines_and_reasons (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *row = NULL;
  CrmWindow *window;
  CrmStore *store;
  CrmPipelineEditor *editor;
  GtkWidget *currency;
  gint64 b2c, added, reason, reasons, position;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  store = crm_context_get_store (crm_window_get_context (window));
  b2c = crm_test_query_int (store, "SELECT id FROM pipeline WHERE deleted = 0 AND kind = 'b2c' "
                            "ORDER BY position LIMIT 1");

  /* Opened on the pipeline asked for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-pipeline", "x", b2c));
  editor = find_editor (window);
  wait_idle (editor);
  g_assert_cmpint (crm_pipeline_editor_get_pipeline_id (editor), ==, b2c);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_pipeline_editor_get_part (editor, "kind"))),
                    ==, 1);

  /* Name and currency (upper-cased); a bad code is refused, marked and kept. */
  apply_text (crm_pipeline_editor_get_part (editor, "name"), "Web shop");
  apply_text (crm_pipeline_editor_get_part (editor, "currency"), "eur");
  wait_idle (editor);
  row = crm_test_query (store, "SELECT name, currency FROM pipeline WHERE id = %" G_GINT64_FORMAT, b2c);
  g_assert_cmpstr (row, ==, "Web shop|EUR\n");
  currency = crm_pipeline_editor_get_part (editor, "currency");
  apply_text (currency, "euro");
  wait_idle (editor);
  g_assert_true (gtk_widget_has_css_class (currency, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency)), ==, "euro");
  g_free (row);
  row = crm_test_query (store, "SELECT currency FROM pipeline WHERE id = %" G_GINT64_FORMAT, b2c);
  g_assert_cmpstr (row, ==, "EUR\n");
  apply_text (currency, "CNY");
  wait_idle (editor);
  g_assert_false (gtk_widget_has_css_class (currency, "error"));

  /* Customers: businesses. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_pipeline_editor_get_part (editor, "kind")), 0);
  wait_idle (editor);
  g_free (row);
  row = crm_test_query (store, "SELECT kind FROM pipeline WHERE id = %" G_GINT64_FORMAT, b2c);
  g_assert_cmpstr (row, ==, "b2b\n");

  /* A lost reason added last, moved up, removed, and brought back by undo. */
  reasons = crm_test_query_int (store, "SELECT count (*) FROM lost_reason WHERE deleted = 0");
  apply_text (crm_pipeline_editor_get_part (editor, "new-reason"), "Went quiet");
  wait_idle (editor);
  reason = crm_test_query_int (store, "SELECT id FROM lost_reason WHERE name = 'Went quiet' AND deleted = 0");
  g_assert_cmpint (reason, >, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT position FROM lost_reason WHERE id = %"
                                       G_GINT64_FORMAT, reason), ==, reasons);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_pipeline_editor_get_part (editor, "new-reason"))),
                   ==, "");
  wait_reason (editor, reason, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.move-reason-up", "x", reason));
  wait_idle (editor);
  position = crm_test_query_int (store, "SELECT position FROM lost_reason WHERE id = %" G_GINT64_FORMAT,
                                 reason);
  g_assert_cmpint (position, ==, reasons - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete-reason", "x", reason));
  wait_reason (editor, reason, FALSE);
  g_assert_cmpint (crm_test_query_int (store, "SELECT deleted FROM lost_reason WHERE id = %"
                                       G_GINT64_FORMAT, reason), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  wait_reason (editor, reason, TRUE);
  g_assert_cmpint (crm_test_query_int (store, "SELECT position FROM lost_reason WHERE id = %"
                                       G_GINT64_FORMAT " AND deleted = 0", reason), ==, position);

  /* New Pipeline: shown at once with its three stages; undo deletes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.new-pipeline", NULL));
  wait_idle (editor);
  added = crm_test_query_int (store, "SELECT id FROM pipeline WHERE deleted = 0 AND name = 'New Pipeline'");
  g_assert_cmpint (added, >, 0);
  g_assert_cmpint (crm_pipeline_editor_get_pipeline_id (editor), ==, added);
  g_free (row);
  row = crm_test_query (store, "SELECT group_concat (kind, ',') FROM (SELECT kind FROM stage WHERE "
                        "pipeline_id = %" G_GINT64_FORMAT " AND deleted = 0 ORDER BY position)", added);
  g_assert_cmpstr (row, ==, "open,won,lost\n");
  g_assert_cmpuint (crm_pipeline_editor_get_stage_ids (editor)->len, ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  wait_idle (editor);
  g_assert_cmpint (crm_test_query_int (store, "SELECT deleted FROM pipeline WHERE id = %" G_GINT64_FORMAT,
                                       added), ==, 1);
  /* The editor falls back to the first pipeline. */
  wait_idle (editor);
  g_assert_cmpint (crm_pipeline_editor_get_pipeline_id (editor), !=, added);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  crm_ui_test_wait (editor_gone, &editor);
  crm_ui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/pipeline-editor/edit-stages", test_edit_stages);
  g_test_add_func ("/pipeline-editor/pipelines-and-reasons", test_pipelines_and_reasons);

  return g_test_run ();
}
