/* crm-application-actions.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-application-private.h"
#include "crm-compat.h"
#include "crm-preferences-window.h"
#include "crm-window.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not destroying) lets each window save its size first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  g_application_quit (G_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Rapport developers", NULL };
  CrmAboutInfo info = {
    .application_name = _("Rapport"),
    .application_icon = APP_ID,
    .version = PACKAGE_VERSION,
    .developer_name = _("The Rapport developers"),
    .website = "https://github.com/rapportcrm/rapport",
    .issue_url = "https://github.com/rapportcrm/rapport/issues",
    .copyright = _("© 2026 The Rapport developers"),
    /* Translators: Replace "translator-credits" with your names, one name per line */
    .translator_credits = _("translator-credits"),
    .developers = developers,
    .license_type = GTK_LICENSE_GPL_3_0,
  };
  GtkWindow *window = gtk_application_get_active_window (app);

  crm_present_about (window != NULL ? GTK_WIDGET (window) : NULL, &info);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmPreferencesWindow *preferences;

  preferences = crm_preferences_window_new (crm_application_get_settings (self));
  /* the Custom Fields page edits the active window's database */
  if (CRM_IS_WINDOW (window))
    crm_preferences_window_set_context (preferences, crm_window_get_context (CRM_WINDOW (window)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);

  /* The window builds its shortcuts window on first use (crm-window-actions.c). */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* A reminder notification opens its record in the window in front. */
static void
show_record_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;

  /* The most recently used main window (the list is in focus order). */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      if (CRM_IS_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          g_action_group_activate_action (G_ACTION_GROUP (l->data), "show-record", param);
          return;
        }
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "show-record", show_record_action, "(sx)" },
};

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "win.show-help-overlay", { NULL } },
  { "win.focus-search", { "<Control>k", "<Control>f", NULL } },
  { "win.go-back", { "<Alt>Left", NULL } },
  { "win.new-record", { "<Control>n", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.open-database", { "<Control>o", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.show-view::organizations", { "<Control>1", NULL } },
  { "win.show-view::people", { "<Control>2", NULL } },
  { "win.show-view::pipeline", { "<Control>3", NULL } },
  { "win.show-view::inbox", { "<Control>4", NULL } },
  { "win.show-view::service", { "<Control>5", NULL } },
  { "win.show-view::knowledge-base", { "<Control>6", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

void
_crm_application_init_actions (CrmApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}
