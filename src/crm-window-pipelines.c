/* crm-window-pipelines.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "win.edit-pipeline" (x: a pipeline id, 0 for the first) opens the
 * pipeline and stage editor over the main window, one at a time: asked
 * again, the open editor shows that pipeline.  It closes when another
 * database is opened.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include "crm-window-private.h"
#include "crm-pipeline-editor.h"

#define EDITOR_KEY "crm-pipeline-editor"

static void
on_editor_destroy_cb (CrmWindow *self,
                      GtkWidget *editor)
{
  if (g_object_get_data (G_OBJECT (self), EDITOR_KEY) == editor)
    g_object_set_data (G_OBJECT (self), EDITOR_KEY, NULL);
}

static void
edit_pipeline_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmContext *context = crm_window_get_context (self);
  GtkWidget *editor = g_object_get_data (G_OBJECT (self), EDITOR_KEY);
  gint64 pipeline_id = g_variant_get_int64 (param);

  if (context == NULL)
    return;
  if (editor == NULL)
    {
      editor = crm_pipeline_editor_new (context, MAX (pipeline_id, 0));
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (editor), TRUE);
      gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (self)));
      g_object_set_data (G_OBJECT (self), EDITOR_KEY, editor);
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else if (pipeline_id > 0)
    crm_pipeline_editor_set_pipeline_id (CRM_PIPELINE_EDITOR (editor), pipeline_id);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_context_changed_cb (CrmWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  GtkWindow *editor = g_object_get_data (G_OBJECT (self), EDITOR_KEY);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "edit-pipeline");

  /* Its pipelines belong to the database that was open. */
  if (editor != NULL)
    gtk_window_destroy (editor);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), crm_window_get_context (self) != NULL);
}

static const GActionEntry pipeline_actions[] = {
  { "edit-pipeline", edit_pipeline_action, "x" },
};

void
_crm_window_init_pipelines (CrmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), pipeline_actions,
                                   G_N_ELEMENTS (pipeline_actions), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  on_context_changed_cb (self, NULL, NULL);
}
