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
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-types.h"
#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_VIEW (crm_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmView, crm_view, CRM, VIEW, GtkWidget)

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
/* "loading", "empty", "no-results" or "list". */
const char    *crm_view_get_state          (CrmView        *self);
/* The CrmPagedModel of the list, or NULL; transfer none. */
GListModel    *crm_view_get_model          (CrmView        *self);
/* The list's vertical scroll position; transfer none. */
GtkAdjustment *crm_view_get_vadjustment    (CrmView        *self);

/* For subclasses, from their init after gtk_widget_init_template(). */
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
