/* test-preferences.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestPreferences"

#include "config.h"

#include "crm-ui-test-util.h"
#include "crm-preferences-window.h"

static CrmApplication *app;

static gpointer
get_row (CrmPreferencesWindow *window,
         const char           *name)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                CRM_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (row);
  return row;
}

static void
test_persist (void)
{
  GSettings *settings = crm_application_get_settings (app);
  CrmPreferencesWindow *window;
  g_autofree char *mode = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *name = NULL;

  g_settings_reset (settings, "business-mode");
  g_settings_reset (settings, "default-currency");
  g_settings_reset (settings, "user-name");

  window = crm_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (window));
  crm_ui_test_spin (50);

  /* The rows show the settings... */
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "business_mode_row")), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "currency_row")), ==, 0);

  /* ...and write them back. */
  adw_combo_row_set_selected (get_row (window, "business_mode_row"), 1);
  adw_combo_row_set_selected (get_row (window, "currency_row"), 3);
  gtk_editable_set_text (get_row (window, "user_name_row"), "李娜");
  crm_ui_test_spin (50);

  mode = g_settings_get_string (settings, "business-mode");
  currency = g_settings_get_string (settings, "default-currency");
  name = g_settings_get_string (settings, "user-name");
  g_assert_cmpstr (mode, ==, "b2c");
  g_assert_cmpstr (currency, ==, "CNY");
  g_assert_cmpstr (name, ==, "李娜");

  gtk_window_destroy (GTK_WINDOW (window));
  crm_ui_test_spin (50);

  /* A new window shows what was saved; outside changes show at once. */
  window = crm_preferences_window_new (settings);
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "business_mode_row")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "currency_row")), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (get_row (window, "user_name_row")), ==, "李娜");

  g_settings_set_string (settings, "default-currency", "JPY");
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "currency_row")), ==, 4);
  g_settings_set_string (settings, "business-mode", "b2b");
  g_assert_cmpuint (adw_combo_row_get_selected (get_row (window, "business_mode_row")), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_app_actions (void)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_auto(GStrv) prefs = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_auto(GStrv) search = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.focus-search");

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) prefs, "<Control>comma"));
  g_assert_true (g_strv_contains ((const char * const *) search, "<Control>k"));
  g_assert_true (g_strv_contains ((const char * const *) search, "<Control>f"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/preferences/persist", test_persist);
  g_test_add_func ("/ui/preferences/app-actions", test_app_actions);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
