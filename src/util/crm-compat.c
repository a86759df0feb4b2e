/* crm-compat.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCompat"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-compat.h"

static GtkWindow *
get_parent_window (GtkWidget *parent)
{
  GtkRoot *root;

  if (parent == NULL)
    return NULL;

  root = gtk_widget_get_root (parent);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
crm_show_alert (GtkWidget  *parent,
                const char *heading,
                const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, parent);
#else
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (parent), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

void
crm_present_about (GtkWidget          *parent,
                   const CrmAboutInfo *info)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), info->application_name);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), info->application_icon);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), info->version);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (about), info->developer_name);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), info->website);
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (about), info->issue_url);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (about), info->copyright);
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about), info->translator_credits);
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), info->developers);
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), info->license_type);
  adw_dialog_present (about, parent);
#else
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), get_parent_window (parent));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), info->application_name);
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), info->application_icon);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), info->version);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), info->developer_name);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), info->website);
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), info->issue_url);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), info->copyright);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), info->translator_credits);
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), info->developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), info->license_type);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_file_dialog_open_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file == NULL)
    {
      /* GtkFileDialog reports a dismissed chooser as GTK_DIALOG_ERROR_DISMISSED. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
          g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}
#else
static void
on_native_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    g_task_return_pointer (task,
                           gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native)),
                           g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The file chooser was dismissed");

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}
#endif

void
crm_choose_file_async (GtkWidget           *parent,
                       const char          *title,
                       const char          *accept_label,
                       GtkFileFilter       *filter,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_source_tag (task, crm_choose_file_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, accept_label);
    gtk_file_dialog_set_modal (dialog, TRUE);
    if (filter != NULL)
      gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_open (dialog, get_parent_window (parent), cancellable,
                          on_file_dialog_open_cb, task);
  }
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, get_parent_window (parent),
                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                          accept_label, NULL);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    if (filter != NULL)
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb), task);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

GFile *
crm_choose_file_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_choose_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_widget_get_color (GtkWidget *widget,
                      GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

void
crm_launch_uri (GtkWidget  *parent,
                const char *uri)
{
  g_return_if_fail (uri != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, get_parent_window (parent), NULL, NULL, NULL);
  }
#else
  gtk_show_uri (get_parent_window (parent), uri, GDK_CURRENT_TIME);
#endif
}
