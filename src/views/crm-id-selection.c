/* crm-id-selection.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmIdSelection"

#include "config.h"

#include "crm-id-selection.h"
#include "crm-query.h"

struct _CrmIdSelection
{
  GObject        parent_instance;

  CrmPagedModel *model;
  GHashTable    *ids;   /* gint64* set: selected ids, or with all the unselected ones */
  gboolean       all;
  gboolean       additive;
};

enum {
  PROP_0,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmIdSelection, crm_id_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

static guint
n_items (CrmIdSelection *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

static void
changed (CrmIdSelection *self,
         guint           position,
         guint           n)
{
  if (n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

/* Marks @id selected or not, in whichever way the set is kept. */
static void
mark (CrmIdSelection *self,
      gint64          id,
      gboolean        selected)
{
  if (id == 0)
    return;

  if (selected != self->all)
    g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->ids, &id);
}

static void
clear (CrmIdSelection *self,
       gboolean        all)
{
  self->all = all;
  g_hash_table_remove_all (self->ids);
}

/* Drops selected ids that are no longer listed (deleted, filtered out). */
static void
prune (CrmIdSelection *self)
{
  g_autoptr(GHashTable) listed = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n = n_items (self);

  if (g_hash_table_size (self->ids) == 0)
    return;

  listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = crm_paged_model_get_id (self->model, i);

      if (g_hash_table_lookup_extended (self->ids, &id, &key, NULL))
        g_hash_table_add (listed, key);
    }

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_hash_table_iter_remove (&iter);
}

static void
on_items_changed_cb (CrmIdSelection *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed > 0)
    {
      prune (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }
}

static GType
get_item_type (GListModel *list)
{
  return CRM_TYPE_PAGED_ITEM;
}

static guint
get_n_items (GListModel *list)
{
  return n_items (CRM_ID_SELECTION (list));
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CRM_ID_SELECTION (list)->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);
  gint64 id = crm_paged_model_get_id (self->model, position);

  if (id == 0)
    return FALSE;
  return g_hash_table_contains (self->ids, &id) != self->all;
}

static gboolean
select_range (GtkSelectionModel *model,
              guint              position,
              guint              n,
              gboolean           unselect_rest)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);
  guint total = n_items (self);

  if (self->additive)
    unselect_rest = FALSE;
  if (unselect_rest)
    clear (self, FALSE);
  for (guint i = position; i < position + n && i < total; i++)
    mark (self, crm_paged_model_get_id (self->model, i), TRUE);

  if (unselect_rest)
    changed (self, 0, total);
  else
    changed (self, position, n);
  return TRUE;
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  if (unselect_rest && CRM_ID_SELECTION (model)->additive)
    return FALSE;
  return select_range (model, position, 1, unselect_rest);
}

static gboolean
unselect_range (GtkSelectionModel *model,
                guint              position,
                guint              n)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);
  guint total = n_items (self);

  for (guint i = position; i < position + n && i < total; i++)
    mark (self, crm_paged_model_get_id (self->model, i), FALSE);
  changed (self, position, n);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  return unselect_range (model, position, 1);
}

static gboolean
select_all (GtkSelectionModel *model)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);

  clear (self, TRUE);
  changed (self, 0, n_items (self));
  return TRUE;
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);

  clear (self, FALSE);
  changed (self, 0, n_items (self));
  return TRUE;
}

/* Rubber-band selection hands over a mask of the positions it covers.  An
 * additive selection takes in the rows it selects and keeps the rest (a
 * plain rubber band's mask is every row), or takes out the rows of one that
 * selects none (Shift). */
static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  CrmIdSelection *self = CRM_ID_SELECTION (model);
  g_autoptr(GtkBitset) rows = NULL;
  GtkBitsetIter iter;
  guint position, min = G_MAXUINT, max = 0;

  if (self->additive && !gtk_bitset_is_empty (selected))
    {
      rows = gtk_bitset_copy (selected);
      gtk_bitset_intersect (rows, mask);
    }
  else
    rows = gtk_bitset_ref (mask);

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, rows, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      mark (self, crm_paged_model_get_id (self->model, position),
            gtk_bitset_contains (selected, position));
      min = MIN (min, position);
      max = MAX (max, position);
    }

  if (min <= max)
    changed (self, min, max - min + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->select_range = select_range;
  iface->unselect_range = unselect_range;
  iface->select_all = select_all;
  iface->unselect_all = unselect_all;
  iface->set_selection = set_selection;
}

static void
crm_id_selection_dispose (GObject *object)
{
  CrmIdSelection *self = (CrmIdSelection *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (crm_id_selection_parent_class)->dispose (object);
}

static void
crm_id_selection_finalize (GObject *object)
{
  CrmIdSelection *self = (CrmIdSelection *)object;

  g_clear_pointer (&self->ids, g_hash_table_unref);

  G_OBJECT_CLASS (crm_id_selection_parent_class)->finalize (object);
}

static void
crm_id_selection_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmIdSelection *self = CRM_ID_SELECTION (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      g_value_set_uint (value, crm_id_selection_get_n_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_id_selection_class_init (CrmIdSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_id_selection_dispose;
  object_class->finalize = crm_id_selection_finalize;
  object_class->get_property = crm_id_selection_get_property;

  /**
   * CrmIdSelection:n-selected:
   *
   * How many rows are selected.
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_id_selection_init (CrmIdSelection *self)
{
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

CrmIdSelection *
crm_id_selection_new (CrmPagedModel *model)
{
  CrmIdSelection *self;

  g_return_val_if_fail (CRM_IS_PAGED_MODEL (model), NULL);

  self = g_object_new (CRM_TYPE_ID_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

CrmPagedModel *
crm_id_selection_get_model (CrmIdSelection *self)
{
  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), NULL);

  return self->model;
}

guint
crm_id_selection_get_n_selected (CrmIdSelection *self)
{
  guint n, except;

  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), 0);

  if (!self->all)
    return g_hash_table_size (self->ids);

  n = n_items (self);
  except = g_hash_table_size (self->ids);
  return n > except ? n - except : 0;
}

gboolean
crm_id_selection_get_all (CrmIdSelection *self)
{
  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), FALSE);

  return self->all;
}

GArray *
crm_id_selection_dup_ids (CrmIdSelection *self)
{
  GArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->ids));
  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (ids, key, 1);
  return ids;
}

CrmBulkTarget *
crm_id_selection_dup_target (CrmIdSelection *self)
{
  g_autoptr(GArray) ids = NULL;
  CrmQuery *query;

  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), NULL);

  ids = crm_id_selection_dup_ids (self);
  query = crm_paged_model_get_query (self->model);
  if (self->all)
    return crm_bulk_target_new_query (query, (const gint64 *) (gpointer) ids->data, ids->len);

  return crm_bulk_target_new_ids (crm_query_get_record_type (query),
                                  (const gint64 *) (gpointer) ids->data, ids->len);
}

void
crm_id_selection_set_additive (CrmIdSelection *self,
                               gboolean        additive)
{
  g_return_if_fail (CRM_IS_ID_SELECTION (self));

  self->additive = !!additive;
}

gboolean
crm_id_selection_get_additive (CrmIdSelection *self)
{
  g_return_val_if_fail (CRM_IS_ID_SELECTION (self), FALSE);

  return self->additive;
}
