/* crm-duplicates-window-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-duplicates-window.c (scan, list, undo) and
 * crm-duplicates-window-merge.c (the merge page).
 */

#pragma once

#include "crm-dedupe.h"
#include "crm-duplicate-item.h"
#include "crm-duplicates-window.h"

G_BEGIN_DECLS

typedef enum
{
  UNDO_NONE,
  UNDO_MERGE,
  UNDO_DISMISS,
} UndoKind;

struct _CrmDuplicatesWindow
{
  AdwWindow             parent_instance;

  CrmContext           *context;
  GCancellable         *cancellable;       /* the window's life */
  GCancellable         *scan_cancellable;
  GListStore           *clusters;          /* CrmDuplicateItem */
  GtkSingleSelection   *selection;
  gboolean              scanned;

  /* the open cluster */
  CrmDuplicateItem     *current;
  GCancellable         *merge_cancellable; /* the open cluster's loads */
  GPtrArray            *records;           /* CrmRecord, in the cluster's id order */
  GPtrArray            *linked;            /* owners and parents, for their names */
  guint                 loads_pending;
  gboolean              load_failed;
  gint64                survivor;
  GHashTable           *choices;           /* property name → gint64 record id */
  GHashTable           *choice_rows;       /* property name → AdwExpanderRow */
  GPtrArray            *form_rows;         /* rows added to the groups, to remove */
  GPtrArray            *survivor_checks;   /* GtkCheckButton per record */
  GPtrArray            *choice_checks;     /* GtkCheckButton per field and record */
  gboolean              merging;
  guint                 count_serial;

  /* the last merge or dismissal, for "Undo" */
  UndoKind              undo_kind;
  GVariant             *undo;
  CrmDuplicateItem     *undo_item;
  guint                 undo_position;
  AdwToast             *undo_toast;
  gboolean              undoing;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *list_stack;
  GtkSpinner           *spinner;
  GtkListView          *list_view;
  AdwWindowTitle       *list_title;
  AdwStatusPage        *error_page;
  AdwWindowTitle       *merge_title;
  GtkStack             *merge_stack;
  GtkScrolledWindow    *merge_scroller;
  AdwPreferencesGroup  *survivor_group;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *moves_group;
};

void _crm_duplicates_window_class_init_merge (GtkWidgetClass      *widget_class);
void _crm_duplicates_window_init_merge       (CrmDuplicatesWindow *self);
void _crm_duplicates_window_dispose_merge    (CrmDuplicatesWindow *self);
/* Loads the cluster's records and shows the merge page. */
void _crm_duplicates_window_open_merge       (CrmDuplicatesWindow *self,
                                              CrmDuplicateItem    *item);
/* Drops the merge page's state (after going back). */
void _crm_duplicates_window_close_merge      (CrmDuplicatesWindow *self);
/* Takes the cluster out of the list, remembering it for undo, and goes back
 * to the list with a toast saying @message. */
void _crm_duplicates_window_finish_cluster   (CrmDuplicatesWindow *self,
                                              CrmDuplicateItem    *item,
                                              UndoKind             kind,
                                              GVariant            *undo,
                                              const char          *message);
void _crm_duplicates_window_update_actions   (CrmDuplicatesWindow *self);
void _crm_duplicates_window_toast_error      (CrmDuplicatesWindow *self,
                                              const char          *message);

G_END_DECLS
