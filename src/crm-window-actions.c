/* crm-window-actions.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions: navigation, search, and the ways out of a database
 * that could not be opened.  None of them ever deletes a file: a bad database
 * is renamed aside, and a restore keeps the replaced file.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-window-private.h"
#include "crm-compat.h"
#include "crm-store.h"

static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

static void
set_enabled (CrmWindow  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static GtkFileFilter *
new_database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Rapport Databases"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/x-sqlite3");
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_suffix (filter, "rapport");
  gtk_file_filter_add_pattern (filter, "*.db.*");

  return filter;
}

/* The list (or board) of a view on screen, to give it the keyboard.  A
 * list inside a page that scrolls up and down as a whole (the Service
 * dashboard's breakdown) is one section of that page, not the view's list:
 * the page's first control takes the keyboard, and the page stays at its top. */
static GtkWidget *
find_shown_list (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_COLUMN_VIEW (widget) || GTK_IS_LIST_VIEW (widget))
    return widget;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkPolicyType vertical;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), NULL, &vertical);
      if (vertical != GTK_POLICY_NEVER &&
          GTK_IS_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
        return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *list = find_shown_list (child);

      if (list != NULL)
        return list;
    }
  return NULL;
}

static gboolean
focus_view_cb (gpointer data)
{
  CrmWindow *self = data;
  GtkWidget *view = gtk_stack_get_visible_child (self->view_stack);
  GtkWidget *list = view != NULL ? find_shown_list (view) : NULL;

  if (list != NULL)
    gtk_widget_grab_focus (list);
  else if (view != NULL && gtk_widget_get_mapped (view) && !gtk_widget_grab_focus (view))
    gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  CrmWindow *self = user_data;

  _crm_window_show_view (self, g_variant_get_string (param, NULL));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");

  /* Ctrl+1…4 and Enter on a sidebar row go into the view: Tab through the
   * sidebar would switch views on the way (browse selection follows focus).
   * Once the folded leaflet has shown the content. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_view_cb, g_object_ref (self), g_object_unref);
}

static void
focus_search_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CrmWindow *self = user_data;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The shortcuts window (Ctrl+?) is built the first time it is asked for.
 * Under GtkApplication's own name for it (gtk/help-overlay.ui) it would be
 * built with every window, before the first frame.  A window that has an
 * overlay keeps this action (gtk_application_window_set_help_overlay). */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_PATH "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
go_back_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  CrmWindow *self = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Application accelerators come before the focused widget's keys: Alt+Left
   * on a pipeline board card moves the card (crm-board-card.c). */
  if (focus != NULL && gtk_widget_activate_action (focus, "card.move-left", NULL))
    return;

  /* A record page goes first, then the content pane. */
  if (_crm_window_pop_record (self))
    return;

  /* Side by side, the sidebar is already in view. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_database_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_choose_file_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, error->message);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _crm_window_toast_error (self, _("Only databases on this computer can be opened"));
      return;
    }

  /* The chosen file becomes the database Rapport opens from now on. */
  g_settings_set_string (self->settings, "database-path", path);
  crm_window_open_database (self, path, FALSE);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = new_database_filter ();

  crm_choose_file_async (GTK_WIDGET (self), _("Open Database"), _("_Open"), filter,
                         NULL, on_database_chosen_cb, g_object_ref (self));
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;

  if (crm_store_restore_file (paths[0], paths[1], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_restore_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CrmWindow *self = CRM_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      crm_show_alert (GTK_WIDGET (self), _("The Backup Could Not Be Restored"), error->message);
      _crm_window_update_actions (self);
      return;
    }

  kept = g_strconcat (self->database_path, ".before-restore", NULL);
  kept_name = g_path_get_basename (kept);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Backup restored. The previous file was kept as “%s”"), kept_name);
  crm_window_add_toast (self, adw_toast_new (message));
  crm_window_open_database (self, self->database_path, FALSE);
}

static void
on_backup_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_choose_file_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, error->message);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _crm_window_toast_error (self, _("Only backups on this computer can be restored"));
      return;
    }

  _crm_window_restore_backup (self, path);
}

static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = new_database_filter ();

  g_return_if_fail (self->database_path != NULL);

  crm_choose_file_async (GTK_WIDGET (self), _("Restore a Backup"), _("_Restore"), filter,
                         NULL, on_backup_chosen_cb, g_object_ref (self));
}

/* Renames @path (and its SQLite sidecar files) to "<path>.damaged-<time>";
 * returns the new name of the main file. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not rename “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* A stale write-ahead log must never be replayed into the new database. */
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, sidecar_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, sidecar_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&aside);
}

void
_crm_window_restore_backup (CrmWindow  *self,
                            const char *backup_path)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (self->database_path != NULL);
  g_return_if_fail (self->context == NULL);

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (backup_path);
  paths[1] = g_strdup (self->database_path);

  /* Verifying and copying a large file takes a while: off the UI thread. */
  task = g_task_new (self, NULL, on_restore_done_cb, NULL);
  g_task_set_source_tag (task, _crm_window_restore_backup);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  set_enabled (self, "restore-backup", FALSE);
  g_task_run_in_thread (task, restore_thread);
}

static void
new_database_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (self->database_path != NULL);

  path = g_strdup (self->database_path);
  aside = move_aside (path, &error);
  if (aside == NULL)
    {
      crm_show_alert (GTK_WIDGET (self), _("A New Database Could Not Be Started"), error->message);
      return;
    }

  basename = g_path_get_basename (aside);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("The old database was kept as “%s”"), basename);
  crm_window_open_database (self, path, FALSE);
  crm_window_add_toast (self, adw_toast_new (message));
}

static void
retry_open_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autofree char *path = g_strdup (self->database_path);

  g_return_if_fail (path != NULL);

  crm_window_open_database (self, path, FALSE);
}

static const GActionEntry window_actions[] = {
  { "show-view", show_view_action, "s" },
  { "focus-search", focus_search_action },
  { "show-help-overlay", show_help_overlay_action },
  { "go-back", go_back_action },
  { "open-database", open_database_action },
  { "restore-backup", restore_backup_action },
  { "new-database", new_database_action },
  { "retry-open", retry_open_action },
};

void
_crm_window_update_actions (CrmWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean is_main = g_strcmp0 (page, "main") == 0;
  gboolean is_error = g_strcmp0 (page, "error") == 0;

  set_enabled (self, "show-view", is_main);
  set_enabled (self, "focus-search", is_main);
  set_enabled (self, "go-back", is_main);
  set_enabled (self, "open-database", is_main || is_error);
  set_enabled (self, "restore-backup", is_error);
  set_enabled (self, "new-database", is_error);
  set_enabled (self, "retry-open", is_error);
}

void
_crm_window_init_actions (CrmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
}
