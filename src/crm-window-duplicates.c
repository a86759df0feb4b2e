/* crm-window-duplicates.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "win.find-duplicates": opens the duplicates window over the main window
 * (one at a time; it closes when another database is opened).  Its merges
 * also go on the main window's undo stack, so that Ctrl+Z there undoes one
 * after the duplicates window was closed.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-dedupe.h"
#include "crm-duplicates-window.h"
#include "crm-store.h"

#define DUPLICATES_KEY "crm-duplicates-window"

/* One merge on the main window's undo stack; shared with the list of
 * merges that the duplicates window may undo first. */
typedef struct
{
  gatomicrefcount  ref;
  CrmStore        *store;
  GVariant        *undo;
  GWeakRef         window;    /* the CrmDuplicatesWindow */
  gboolean         done;
} MergeStep;

static MergeStep *
merge_step_ref (MergeStep *step)
{
  g_atomic_ref_count_inc (&step->ref);
  return step;
}

static void
merge_step_unref (gpointer data)
{
  MergeStep *step = data;

  if (!g_atomic_ref_count_dec (&step->ref))
    return;
  g_object_unref (step->store);
  g_variant_unref (step->undo);
  g_weak_ref_clear (&step->window);
  g_free (step);
}

static GPtrArray *
get_steps (CrmWindow *self)
{
  GPtrArray *steps = g_object_get_data (G_OBJECT (self), "crm-duplicates-steps");

  if (steps == NULL)
    {
      steps = g_ptr_array_new_with_free_func (merge_step_unref);
      g_object_set_data_full (G_OBJECT (self), "crm-duplicates-steps", steps,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  return steps;
}

static void
on_unmerged_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_dedupe_unmerge_finish (CRM_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, _("The merge could not be undone"));
      return;
    }
  crm_window_add_toast (self, adw_toast_new (_("Merge undone")));
}

static void
undo_merge_step (CrmWindow *self,
                 gpointer   data)
{
  MergeStep *step = data;
  g_autoptr(CrmDuplicatesWindow) window = g_weak_ref_get (&step->window);

  /* The duplicates window undid it already. */
  if (step->done)
    return;
  step->done = TRUE;
  g_ptr_array_remove (get_steps (self), step);

  /* While it is open, the duplicates window undoes it and lists the cluster again. */
  if (window != NULL && crm_duplicates_window_undo_merge (window, step->undo))
    return;
  crm_dedupe_unmerge_async (step->store, step->undo, NULL, on_unmerged_cb, g_object_ref (self));
}

static void
on_merged_cb (CrmWindow           *self,
              GVariant            *undo,
              CrmDuplicatesWindow *window)
{
  MergeStep *step = g_new0 (MergeStep, 1);

  g_atomic_ref_count_init (&step->ref);
  step->store = g_object_ref (crm_context_get_store (crm_duplicates_window_get_context (window)));
  step->undo = g_variant_ref (undo);
  g_weak_ref_init (&step->window, window);
  /* The window's stack keeps the last 20 steps: no need to know older ones. */
  if (get_steps (self)->len >= 20)
    g_ptr_array_remove_index (get_steps (self), 0);
  g_ptr_array_add (get_steps (self), merge_step_ref (step));
  _crm_window_push_undo (self, undo_merge_step, step, merge_step_unref);
}

static void
on_window_unmerged_cb (CrmWindow           *self,
                       GVariant            *undo,
                       CrmDuplicatesWindow *window)
{
  GPtrArray *steps = get_steps (self);

  for (guint i = 0; i < steps->len; i++)
    {
      MergeStep *step = steps->pdata[i];

      if (step->undo == undo)
        {
          step->done = TRUE;
          g_ptr_array_remove_index (steps, i);
          return;
        }
    }
}

static void
update_enabled (CrmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "find-duplicates");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), crm_window_get_context (self) != NULL);
}

static void
on_context_changed_cb (CrmWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  GtkWindow *window = g_object_get_data (G_OBJECT (self), DUPLICATES_KEY);

  /* Its clusters belong to the database that was open. */
  if (window != NULL)
    gtk_window_destroy (window);
  g_ptr_array_set_size (get_steps (self), 0);
  update_enabled (self);
}

static void
on_duplicates_destroy_cb (CrmWindow *self,
                          GtkWidget *window)
{
  if (g_object_get_data (G_OBJECT (self), DUPLICATES_KEY) == window)
    g_object_set_data (G_OBJECT (self), DUPLICATES_KEY, NULL);
}

static void
find_duplicates_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmContext *context = crm_window_get_context (self);
  GtkWindow *window = g_object_get_data (G_OBJECT (self), DUPLICATES_KEY);

  if (context == NULL)
    return;

  if (window == NULL)
    {
      window = GTK_WINDOW (crm_duplicates_window_new (context));
      gtk_window_set_transient_for (window, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (window, TRUE);
      gtk_window_set_application (window, gtk_window_get_application (GTK_WINDOW (self)));
      g_object_set_data (G_OBJECT (self), DUPLICATES_KEY, window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (on_duplicates_destroy_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (window, "merged", G_CALLBACK (on_merged_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (window, "unmerged", G_CALLBACK (on_window_unmerged_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (window);
}

static const GActionEntry duplicates_actions[] = {
  { "find-duplicates", find_duplicates_action },
};

void
_crm_window_init_duplicates (CrmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), duplicates_actions,
                                   G_N_ELEMENTS (duplicates_actions), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  update_enabled (self);
}
