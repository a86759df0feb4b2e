/* crm-window-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-window.c and crm-window-actions.c.
 */

#pragma once

#include "crm-window.h"

G_BEGIN_DECLS

typedef struct _CrmWindowPages CrmWindowPages;
typedef struct _CrmWindowSearch CrmWindowSearch;

struct _CrmWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CrmContext           *context;
  GCancellable         *cancellable;
  char                 *database_path;
  int                   open_error;
  gboolean              fill_with_demo;
  gboolean              is_demo;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkLabel             *error_path_label;
  GtkButton            *retry_button;
  GtkButton            *restore_button;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkSearchEntry       *search_entry;
  GtkStack             *view_stack;
  GtkMenuButton        *primary_menu_button;

  /* record pages and the undo stack (crm-window-pages.c) */
  CrmWindowPages       *pages;

  /* the global search's results (crm-window-search.c) */
  CrmWindowSearch      *search;
};

/* An undo step of the window's stack ("win.undo", Ctrl+Z). */
typedef void (*CrmUndoFunc) (CrmWindow *self,
                             gpointer   data);

void        _crm_window_init_actions   (CrmWindow  *self);
void        _crm_window_init_duplicates (CrmWindow *self);
/* crm-window-import.c: import, export, drop of contact files */
void        _crm_window_init_import    (CrmWindow  *self);
/* Opens the import assistant (on @file, nullable), as a drop does. */
void        _crm_window_open_import    (CrmWindow  *self,
                                        GFile      *file);
/* crm-window-eml.c: "win.import-eml" and dropped .eml files */
void        _crm_window_init_eml       (CrmWindow  *self);
/* Whether @file is an e-mail message by its name (.eml, message/rfc822). */
gboolean    _crm_window_is_eml_file    (GFile      *file);
/* Imports @files as tickets and replies, then says how it went in a toast. */
void        _crm_window_import_eml     (CrmWindow      *self,
                                        GFile * const  *files,
                                        guint           n_files);
void        _crm_window_update_actions (CrmWindow  *self);
void        _crm_window_init_search    (CrmWindow  *self);
void        _crm_window_dispose_search (CrmWindow  *self);
/* The global search's CrmSearchResults and its popover (for tests). */
GtkWidget  *_crm_window_get_search_results (CrmWindow *self);
GtkWidget  *_crm_window_get_search_popover (CrmWindow *self);
void        _crm_window_init_pages     (CrmWindow  *self);
/* crm-window-maps.c: "win.show-map" */
void        _crm_window_init_maps      (CrmWindow  *self);
/* crm-window-pipelines.c: "win.edit-pipeline" opens the stage editor */
void        _crm_window_init_pipelines (CrmWindow  *self);
/* Pushes @page, or brings it back to the top when it is on the stack. */
void        _crm_window_push_page      (CrmWindow  *self,
                                        GtkWidget  *page);
/* The pages on the stack, bottom to top; transfer none. */
GPtrArray  *_crm_window_get_pages      (CrmWindow  *self);
/* crm-window-segments.c: the sidebar's Segments section */
void        _crm_window_init_segments  (CrmWindow  *self);
GtkListBox *_crm_window_get_segments_list (CrmWindow *self);
void        _crm_window_dispose_pages  (CrmWindow  *self);
/* Pops the record page on top; FALSE when a view is shown. */
gboolean    _crm_window_pop_record     (CrmWindow  *self);
/* Pushes an undo step; @destroy frees @data when the step is dropped. */
void        _crm_window_push_undo      (CrmWindow      *self,
                                        CrmUndoFunc     func,
                                        gpointer        data,
                                        GDestroyNotify  destroy);
/* The view called @name ("people", "inbox", …; see view_types in
 * crm-window.c), built, added to the view stack and bound to the window's
 * context the first time it is asked for; NULL for an unknown name.  Every
 * way to a view goes through here.  Transfer none. */
GtkWidget  *_crm_window_ensure_view    (CrmWindow  *self,
                                        const char *name);
/* Builds the view called @name if need be, shows it and remembers it. */
void        _crm_window_show_view      (CrmWindow  *self,
                                        const char *name);
void        _crm_window_set_page       (CrmWindow  *self,
                                        const char *page);
/* Replaces the (closed) database with a copy of @backup_path, keeping the
 * old file as "<database>.before-restore", then opens it. */
void        _crm_window_restore_backup (CrmWindow  *self,
                                        const char *backup_path);
/* Shows @message in a toast; for failures the user should know about. */
void        _crm_window_toast_error    (CrmWindow  *self,
                                        const char *message);

G_END_DECLS
