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
#include "crm-record.h"
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

typedef enum
{
  FIELD_TEXT,
  FIELD_BOOL,
  FIELD_MONEY,      /* minor units in the record's revenue-currency */
  FIELD_STAFF,      /* a staff_user id */
  FIELD_ORGANIZATION, /* an organization id */
} FieldType;

typedef struct
{
  const char *property;
  const char *label;
  FieldType   type;
} FieldDef;

/* crm-duplicates-fields.c */
const FieldDef *_crm_duplicates_fields            (CrmDedupeKind   kind,
                                                   guint          *n_fields);
const FieldDef *_crm_duplicates_find_field        (CrmDedupeKind   kind,
                                                   const char     *property);
/* The record's name, or "Unnamed"; transfer none. */
const char     *_crm_duplicates_record_name       (CrmRecord      *record);
/* The value as stored, for comparing records; transfer full. */
char           *_crm_duplicates_dup_raw_value     (CrmRecord      *record,
                                                   const FieldDef *field);
gboolean        _crm_duplicates_value_is_empty    (CrmRecord      *record,
                                                   const FieldDef *field);
/* The value as the user reads it; transfer full. */
char           *_crm_duplicates_dup_display_value (CrmStore       *store,
                                                   CrmDedupeKind   kind,
                                                   CrmRecord      *record,
                                                   const FieldDef *field);
/* How many fields (yes/no ones aside) the record has filled in. */
guint           _crm_duplicates_count_filled      (CrmRecord      *record,
                                                   CrmDedupeKind   kind);
/* "3 deals" for the table "deal" (crm_dedupe_count_related_async()), or
 * NULL for a table it does not know; transfer full. */
char           *_crm_duplicates_describe_count    (const char     *table,
                                                   gint64          n);

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
