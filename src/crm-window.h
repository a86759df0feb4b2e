/* crm-window.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-application.h"
#include "crm-context.h"
#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow   *crm_window_new                (CrmApplication *application);
/* Opens @path in the background; on success the views show it, on failure
 * the window explains the problem and offers ways out.  With @fill_with_demo
 * the (new, empty) database is first filled with sample data. */
void         crm_window_open_database      (CrmWindow      *self,
                                            const char     *path,
                                            gboolean        fill_with_demo);
const char  *crm_window_get_database_path  (CrmWindow      *self);
/* transfer none; NULL until a database is open */
CrmContext  *crm_window_get_context        (CrmWindow      *self);
/* "loading", "error" or "main" */
const char  *crm_window_get_page           (CrmWindow      *self);
/* The CrmStoreError of the last failed open, or -1. */
int          crm_window_get_open_error     (CrmWindow      *self);
/* "organizations", "people", "pipeline", "inbox", "service" or
 * "knowledge-base" */
const char  *crm_window_get_visible_view   (CrmWindow      *self);
/* transfer none; builds the view if it was never shown */
CrmView     *crm_window_get_view           (CrmWindow      *self,
                                            const char     *name);
GtkEditable *crm_window_get_search_entry   (CrmWindow      *self);
/* The record page shown over the views ("win.show-record"), or NULL;
 * transfer none. */
GtkWidget   *crm_window_get_record_page    (CrmWindow      *self);
/* Takes ownership of @toast. */
void         crm_window_add_toast          (CrmWindow      *self,
                                            AdwToast       *toast);
/* Shows @toast in the window @widget is in (takes ownership); outside a
 * window (a test), its title goes to the log instead. */
void         crm_window_toast_for          (GtkWidget      *widget,
                                            AdwToast       *toast);

G_END_DECLS
