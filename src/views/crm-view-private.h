/* crm-view-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-view.c (lists, tables, sorting, filter),
 * crm-view-bulk.c (selection bar, bulk actions, filter bar actions),
 * crm-view-select.c (selection mode), crm-view-menu.c (the row menu) and
 * crm-view-custom.c (custom field columns).
 */

#pragma once

#include <adwaita.h>

#include "crm-view.h"
#include "crm-bulk.h"
#include "crm-id-selection.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

typedef struct _CrmViewUndo CrmViewUndo;

typedef struct
{
  char                *title;
  char                *icon_name;
  char                *search_text;
  char                *filter;
  const char          *state;
  CrmContext          *context;
  GCancellable        *cancellable;

  CrmPagedModel       *model;
  GtkListView         *list_view;
  GtkStack            *stack;

  /* tables */
  GtkColumnView       *column_view;
  CrmIdSelection      *selection;
  const CrmViewColumn *columns;
  guint                n_columns;
  GPtrArray           *view_columns;    /* GtkColumnViewColumn, parallel to columns */
  GSimpleActionGroup  *column_actions;
  const CrmViewColumn *sort_column;     /* NULL: default order */
  gboolean             sort_descending;
  const CrmViewColumn *probed_column;
  gboolean             scroll_to_top;   /* after the next reload (a new order) */
  GHashTable          *staff_names;     /* gint64* → char* */
  GListModel          *staff;           /* CrmStaffUser, by name */
  GListModel          *custom_fields;   /* CrmCustomField of the view's kind */

  /* custom field columns (crm-view-custom.c) */
  GPtrArray           *custom_columns;  /* GtkColumnViewColumn */
  GMenu               *columns_section; /* the header menu's column toggles */
  GHashTable          *custom_values;   /* "record:field" → CrmCustomGridValue* */
  GHashTable          *custom_loaded;   /* gint64* record ids read or being read */
  GHashTable          *custom_pending;  /* gint64* record ids to read */
  guint                custom_idle;

  /* selection mode (crm-view-select.c) */
  gboolean             selecting;
  GtkColumnViewColumn *select_column;   /* the check buttons */

  /* bars */
  GtkRevealer         *filter_bar;
  GtkLabel            *filter_label;
  GtkRevealer         *selection_bar;
  GtkLabel            *selection_label;

  CrmViewUndo         *last_undo;       /* for view.undo */
} CrmViewPrivate;

CrmViewPrivate *_crm_view_get_private        (CrmView    *self);
/* The query the list shows (type, search, filter, sort); transfer full. */
CrmQuery       *_crm_view_build_query        (CrmView    *self);
void            _crm_view_install_bulk_actions (GtkWidgetClass *widget_class);
void            _crm_view_update_bars        (CrmView    *self);
/* Shows @toast in the window, if the view is in one. */
void            _crm_view_add_toast          (CrmView    *self,
                                              AdwToast   *toast);
void            _crm_view_undo_unref         (CrmViewUndo *undo);
/* Custom field columns: rebuilt when the fields are loaded, values dropped
 * when they change. */
/* The user's choice for column @column of this view's list (the settings
 * key column-choices), or @fallback; and saving a choice. */
gboolean        _crm_view_get_column_choice  (CrmView    *self,
                                              const char *column,
                                              gboolean    fallback);
void            _crm_view_set_column_choice  (CrmView    *self,
                                              const char *column,
                                              gboolean    shown);
/* Selection mode: view.selecting (the property), view.select-all
 * (Ctrl+A), view.select-none (Escape: leaves the mode); the check column and
 * the clicks that pick rows; applying a new mode to the table. */
void            _crm_view_install_select_actions (GtkWidgetClass *widget_class);
void            _crm_view_init_select        (CrmView       *self,
                                              GtkColumnView *column_view);
void            _crm_view_apply_selecting    (CrmView       *self);
void            _crm_view_install_row_menu   (GtkWidgetClass *widget_class);
void            _crm_view_init_row_menu      (CrmView       *self,
                                              GtkColumnView *column_view);
/* Lets the row menu find the row of a table cell. */
void            _crm_view_remember_list_item (GtkWidget     *cell,
                                              GtkListItem   *list_item);
/* The row of the table cell at, above or else below @widget, or NULL. */
GtkListItem    *_crm_view_find_list_item     (GtkWidget     *widget);
void            _crm_view_init_custom        (CrmView    *self);
void            _crm_view_rebuild_custom_columns (CrmView *self);
void            _crm_view_clear_custom_values (CrmView   *self);
void            _crm_view_dispose_custom     (CrmView    *self);
/* The name of staff user @id, or NULL. */
const char     *_crm_view_get_staff_name     (CrmView    *self,
                                              gint64      id);

G_END_DECLS
