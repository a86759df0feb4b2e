/* crm-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of every top-level view (Organizations, People, Pipeline, Inbox).
 * A view receives its CrmContext through the "context" property.  Views that
 * show a list of records implement create_query and hand their template's
 * GtkListView and GtkStack to crm_view_set_list_widgets(); the base then keeps
 * a CrmPagedModel over the query, follows the search text, and switches the
 * stack between the "loading", "empty", "no-results" and "list" pages.
 *
 * Record tables (organizations, people) hand a GtkColumnView and a column
 * description to crm_view_set_table() instead: the base then sorts in SQL
 * when a header is clicked, keeps a selection of ids (CrmIdSelection), applies
 * the "filter" (crm-filter.h JSON) to the query, and runs the bulk actions
 * ("view.bulk-edit", "view.bulk-delete", "view.bulk-export", "view.undo") and
 * the filter bar's ("view.edit-filter", "view.clear-filter",
 * "view.save-segment").  A table is in selection mode whenever rows are
 * selected ("view.selecting", crm-view-select.c): rows carry check
 * buttons and a click picks a row instead of opening it.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-types.h"
#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_VIEW (crm_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmView, crm_view, CRM, VIEW, GtkWidget)

typedef enum
{
  CRM_VIEW_COLUMN_EXPAND   = 1 << 0,  /* takes the spare width */
  CRM_VIEW_COLUMN_NUMERIC  = 1 << 1,  /* right-aligned, tabular figures */
  CRM_VIEW_COLUMN_OPTIONAL = 1 << 2,  /* may be hidden from the header menu */
  CRM_VIEW_COLUMN_HIDDEN   = 1 << 3,  /* optional and hidden until shown */
} CrmViewColumnFlags;

/* The text of one cell; transfer full. */
typedef char *(*CrmViewCellFunc) (CrmView   *view,
                                  CrmRecord *record);

/**
 * CrmViewColumn:
 * @id: a stable key ("total-spend")
 * @title: the header, untranslated (marked with the N_ macro)
 * @sort_property: the property the query orders by when the header is
 *   clicked; "" for the type's default order (its sort key); %NULL when the
 *   column cannot be sorted (no index: a million rows would sort slowly)
 * @cell: makes the cell text
 * @flags: #CrmViewColumnFlags
 * @width_chars: the natural width in characters (0: 12)
 */
typedef struct
{
  const char         *id;
  const char         *title;
  const char         *sort_property;
  CrmViewCellFunc     cell;
  CrmViewColumnFlags  flags;
  int                 width_chars;
} CrmViewColumn;

struct _CrmViewClass
{
  GtkWidgetClass parent_class;

  /* Called after the context changed (it may be NULL).  The default
   * implementation rebuilds the list model; chain up when overriding. */
  void      (*context_set)  (CrmView    *self,
                             CrmContext *context);
  /* The records to list, filtered by @search ("" for none); transfer full. */
  CrmQuery *(*create_query) (CrmView    *self,
                             const char *search);

  /*< private >*/
  gpointer padding[8];
};

const char    *crm_view_get_title          (CrmView        *self);
void           crm_view_set_title          (CrmView        *self,
                                            const char     *title);
const char    *crm_view_get_icon_name      (CrmView        *self);
void           crm_view_set_icon_name      (CrmView        *self,
                                            const char     *icon_name);
CrmContext    *crm_view_get_context        (CrmView        *self);
void           crm_view_set_context        (CrmView        *self,
                                            CrmContext     *context);
const char    *crm_view_get_search_text    (CrmView        *self);
void           crm_view_set_search_text    (CrmView        *self,
                                            const char     *search_text);
/* Whether the header's search entry should set this view's search text.
 * Lists do (Pipeline, Inbox); the record tables do not: there the entry is
 * the global search, because a substring scan of a million names takes
 * seconds on the store's single worker and would hold up every keystroke's
 * search.  Tables are narrowed with their filter instead. */
gboolean       crm_view_get_follows_header_search (CrmView *self);
/* "loading", "empty", "no-results" or "list". */
const char    *crm_view_get_state          (CrmView        *self);
/* The CrmPagedModel of the list, or NULL; transfer none. */
GListModel    *crm_view_get_model          (CrmView        *self);
/* The list's vertical scroll position; transfer none. */
GtkAdjustment *crm_view_get_vadjustment    (CrmView        *self);

/* The filter JSON (crm-filter.h) applied on top of the view's own query;
 * NULL or "" for none. */
const char    *crm_view_get_filter         (CrmView        *self);
void           crm_view_set_filter         (CrmView        *self,
                                            const char     *json);
/* "person", "organization", ...: the table the view lists, or NULL. */
const char    *crm_view_get_record_kind    (CrmView        *self);
/* The table's selection (a CrmIdSelection), or NULL; transfer none. */
GtkSelectionModel *crm_view_get_selection  (CrmView        *self);
/* Whether the table is in selection mode; leaving it drops the selection.
 * Views without a table stay out of it (the inbox has its own). */
gboolean       crm_view_get_selecting      (CrmView        *self);
void           crm_view_set_selecting      (CrmView        *self,
                                            gboolean        selecting);
/* Sorts a table by the column @column_id (NULL: the default order). */
void           crm_view_sort_by            (CrmView        *self,
                                            const char     *column_id,
                                            gboolean        descending);
/* The table's column of @column_id, or NULL; transfer none. */
GtkColumnViewColumn *crm_view_get_column   (CrmView        *self,
                                            const char     *column_id);

/* For subclasses, from their init after gtk_widget_init_template(). */
void           crm_view_set_table          (CrmView             *self,
                                            GtkColumnView       *column_view,
                                            GtkStack            *stack,
                                            const CrmViewColumn *columns,
                                            guint                n_columns);
/* A menu button that opens the table's column menu (the header's right-click
 * menu, for the keyboard). */
void           crm_view_set_columns_button (CrmView        *self,
                                            GtkMenuButton  *button);
/* The filter bar (a revealer and its description label) and the selection
 * bar (a revealer and its "N selected" label) of a table view. */
void           crm_view_set_bars           (CrmView        *self,
                                            GtkRevealer    *filter_bar,
                                            GtkLabel       *filter_label,
                                            GtkRevealer    *selection_bar,
                                            GtkLabel       *selection_label);
void           crm_view_set_list_widgets   (CrmView        *self,
                                            GtkListView    *list_view,
                                            GtkStack       *stack);
/* A scope for row templates with the shared closures "is_loaded" and
 * "is_loading" (record → boolean) and "is_nonempty" (text → boolean); transfer full. */
GtkBuilderScope *crm_view_new_row_scope    (void);
/* Sets a GtkBuilderListItemFactory for @resource on the list. */
void           crm_view_set_row_factory    (CrmView        *self,
                                            GtkBuilderScope *scope,
                                            const char     *resource);

G_END_DECLS
