/* crm-compat.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows about GTK, libadwaita and GLib versions.  Views
 * call these helpers and never write an #if of their own: on Debian 12 (GTK
 * 4.8, libadwaita 1.2) they use the older API, on current runtimes the newer.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  const char  *application_name;
  const char  *application_icon;
  const char  *version;
  const char  *developer_name;
  const char  *website;
  const char  *issue_url;
  const char  *copyright;
  const char  *translator_credits;
  const char **developers;
  GtkLicense   license_type;
} CrmAboutInfo;

/* A message with one "Close" button, modal to @parent's window. */
void      crm_show_alert          (GtkWidget           *parent,
                                   const char          *heading,
                                   const char          *body);
void      crm_present_about       (GtkWidget           *parent,
                                   const CrmAboutInfo  *info);

/* Asks for one existing file to open.  @filter may be NULL. */
void      crm_choose_file_async   (GtkWidget           *parent,
                                   const char          *title,
                                   const char          *accept_label,
                                   GtkFileFilter       *filter,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Returns the chosen file (transfer full), or NULL with G_IO_ERROR_CANCELLED
 * when the user dismissed the chooser. */
GFile    *crm_choose_file_finish  (GAsyncResult        *result,
                                   GError             **error);

/* The widget's foreground colour, for custom drawing. */
void      crm_widget_get_color    (GtkWidget           *widget,
                                   GdkRGBA             *color);
void      crm_launch_uri          (GtkWidget           *parent,
                                   const char          *uri);

G_END_DECLS
