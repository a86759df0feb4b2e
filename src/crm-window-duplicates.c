/* crm-window-duplicates.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "win.find-duplicates": opens the duplicates window over the main window
 * (one at a time; it closes when another database is opened).
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include "crm-window-private.h"
#include "crm-duplicates-window.h"

#define DUPLICATES_KEY "crm-duplicates-window"

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
