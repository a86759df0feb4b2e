/* crm-inbox-selection.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inbox list's selection model: a CrmIdSelection (ids, so it survives
 * reloads and re-sorting, and "all" over a million rows is one flag) behind
 * a filter of the requests GtkListView makes.  A plain click and the arrow
 * keys ask to select one row alone (unselect_rest): in selection mode that
 * would throw away what the user chose row by row, so it is refused, as is
 * every request outside selection mode.
 */

#define G_LOG_DOMAIN "CrmInboxView"

#include "config.h"

#include "crm-inbox-view-private.h"

#define CRM_TYPE_INBOX_SELECTION (crm_inbox_selection_get_type ())

G_DECLARE_FINAL_TYPE (CrmInboxSelection, crm_inbox_selection, CRM, INBOX_SELECTION, GObject)

struct _CrmInboxSelection
{
  GObject         parent_instance;

  CrmIdSelection *ids;
  gboolean        selecting;
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmInboxSelection, crm_inbox_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (G_LIST_MODEL (CRM_INBOX_SELECTION (model)->ids));
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CRM_INBOX_SELECTION (model)->ids));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CRM_INBOX_SELECTION (model)->ids), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

#define IDS(model) GTK_SELECTION_MODEL (CRM_INBOX_SELECTION (model)->ids)

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return gtk_selection_model_is_selected (IDS (model), position);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  return gtk_selection_model_get_selection_in_range (IDS (model), position, n_items);
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  if (!CRM_INBOX_SELECTION (model)->selecting || unselect_rest)
    return FALSE;
  return gtk_selection_model_select_item (IDS (model), position, FALSE);
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  if (!CRM_INBOX_SELECTION (model)->selecting)
    return FALSE;
  return gtk_selection_model_unselect_item (IDS (model), position);
}

/* Shift+click: the range joins what is selected. */
static gboolean
select_range (GtkSelectionModel *model,
              guint              position,
              guint              n_items,
              gboolean           unselect_rest)
{
  if (!CRM_INBOX_SELECTION (model)->selecting)
    return FALSE;
  return gtk_selection_model_select_range (IDS (model), position, n_items, FALSE);
}

static gboolean
unselect_range (GtkSelectionModel *model,
                guint              position,
                guint              n_items)
{
  if (!CRM_INBOX_SELECTION (model)->selecting)
    return FALSE;
  return gtk_selection_model_unselect_range (IDS (model), position, n_items);
}

static gboolean
select_all (GtkSelectionModel *model)
{
  if (!CRM_INBOX_SELECTION (model)->selecting)
    return FALSE;
  return gtk_selection_model_select_all (IDS (model));
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  return gtk_selection_model_unselect_all (IDS (model));
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->select_range = select_range;
  iface->unselect_range = unselect_range;
  iface->select_all = select_all;
  iface->unselect_all = unselect_all;
}

static void
on_items_changed_cb (CrmInboxSelection *self,
                     guint              position,
                     guint              removed,
                     guint              added,
                     GListModel        *ids)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
on_selection_changed_cb (CrmInboxSelection *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *ids)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

static void
crm_inbox_selection_dispose (GObject *object)
{
  CrmInboxSelection *self = CRM_INBOX_SELECTION (object);

  if (self->ids != NULL)
    g_signal_handlers_disconnect_by_data (self->ids, self);
  g_clear_object (&self->ids);

  G_OBJECT_CLASS (crm_inbox_selection_parent_class)->dispose (object);
}

static void
crm_inbox_selection_class_init (CrmInboxSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_inbox_selection_dispose;
}

static void
crm_inbox_selection_init (CrmInboxSelection *self)
{
}

GtkSelectionModel *
_crm_inbox_selection_new (CrmPagedModel *model)
{
  CrmInboxSelection *self = g_object_new (CRM_TYPE_INBOX_SELECTION, NULL);

  self->ids = crm_id_selection_new (model);
  g_signal_connect_swapped (self->ids, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_connect_swapped (self->ids, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  return GTK_SELECTION_MODEL (self);
}

void
_crm_inbox_selection_set_mode (GtkSelectionModel *selection,
                               gboolean           selecting)
{
  CrmInboxSelection *self = CRM_INBOX_SELECTION (selection);

  self->selecting = !!selecting;
  if (!selecting)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->ids));
}

CrmIdSelection *
_crm_inbox_selection_get_ids (GtkSelectionModel *selection)
{
  return CRM_INBOX_SELECTION (selection)->ids;
}
