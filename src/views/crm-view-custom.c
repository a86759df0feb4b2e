/* crm-view-custom.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmView: one optional column per custom field of the listed kind,
 * hidden until chosen in the header menu.  Values live in another table, so
 * cells ask a cache; the records a cell asks for and the cache lacks are read
 * together on the next idle (one read per screenful, not per cell), and every
 * cell is redrawn when they arrive.  A change to any custom value empties the
 * cache.
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include "crm-view-private.h"
#include "crm-custom-fields.h"
#include "crm-custom-grid.h"
#include "crm-record-cell.h"
#include "crm-record.h"
#include "crm-store.h"

typedef struct
{
  CrmView        *view;    /* unowned: the view owns its columns */
  CrmCustomField *field;
} CustomRef;

static void
custom_ref_free (gpointer data,
                 GClosure *closure)
{
  CustomRef *ref = data;

  g_clear_object (&ref->field);
  g_free (ref);
}

static char *
value_key (gint64 record_id,
           gint64 field_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, record_id, field_id);
}

static void
refresh_cells (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CRM_IS_RECORD_CELL (child))
        crm_record_cell_refresh (CRM_RECORD_CELL (child));
      else
        refresh_cells (child);
    }
}

static void
on_values_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  values = crm_custom_grid_load_finish (CRM_STORE (object), result, &error);
  if (values == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read custom values: %s", error->message);
      return;
    }

  for (guint i = 0; i < values->len; i++)
    {
      CrmCustomGridValue *value = g_ptr_array_index (values, i);

      g_hash_table_insert (priv->custom_values, value_key (value->record_id, value->field_id), value);
    }
  /* The cache owns them now. */
  g_ptr_array_set_free_func (values, NULL);

  if (priv->column_view != NULL)
    refresh_cells (GTK_WIDGET (priv->column_view));
}

static gboolean
load_pending_cb (gpointer data)
{
  CrmView *self = data;
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  priv->custom_idle = 0;
  if (priv->context == NULL || crm_view_get_record_kind (self) == NULL)
    return G_SOURCE_REMOVE;

  g_hash_table_iter_init (&iter, priv->custom_pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_array_append_vals (ids, key, 1);
      g_hash_table_add (priv->custom_loaded, g_memdup2 (key, sizeof (gint64)));
      g_hash_table_iter_remove (&iter);
    }

  if (ids->len > 0)
    crm_custom_grid_load_async (crm_context_get_store (priv->context), crm_view_get_record_kind (self),
                                ids, priv->cancellable, on_values_loaded_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static char *
custom_cell_cb (CrmRecord *record,
                gpointer   user_data)
{
  CustomRef *ref = user_data;
  CrmViewPrivate *priv = _crm_view_get_private (ref->view);
  gint64 id = crm_record_get_id (record);
  g_autofree char *key = value_key (id, crm_record_get_id (CRM_RECORD (ref->field)));
  CrmCustomGridValue *value;

  if (!g_hash_table_contains (priv->custom_loaded, &id))
    {
      g_hash_table_add (priv->custom_pending, g_memdup2 (&id, sizeof id));
      if (priv->custom_idle == 0)
        priv->custom_idle = g_idle_add (load_pending_cb, ref->view);
      return g_strdup ("");
    }

  value = g_hash_table_lookup (priv->custom_values, key);
  if (value == NULL)
    return g_strdup ("");
  return crm_custom_value_format (ref->field, value->text, value->number);
}

static void
on_custom_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CustomRef                *ref)
{
  GtkWidget *cell = crm_record_cell_new (custom_cell_cb, ref, FALSE);

  _crm_view_remember_list_item (cell, list_item);
  gtk_list_item_set_child (list_item, cell);
}

static void
on_custom_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CustomRef                *ref)
{
  crm_record_cell_set_item (CRM_RECORD_CELL (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
on_custom_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     CustomRef                *ref)
{
  crm_record_cell_set_item (CRM_RECORD_CELL (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_column_visible_changed_cb (GSimpleAction *action,
                              GVariant      *state,
                              gpointer       user_data)
{
  CrmView *self = g_object_get_data (G_OBJECT (action), "crm-view");
  const char *choice = g_object_get_data (G_OBJECT (action), "crm-column");

  g_simple_action_set_state (action, state);
  gtk_column_view_column_set_visible (GTK_COLUMN_VIEW_COLUMN (user_data), g_variant_get_boolean (state));
  _crm_view_set_column_choice (self, choice, g_variant_get_boolean (state));
}

static void
remove_custom_columns (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  for (guint i = 0; i < priv->custom_columns->len; i++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (priv->custom_columns, i);
      g_autofree char *action = g_strdup_printf ("show-custom-%u", i);

      if (priv->column_view != NULL)
        gtk_column_view_remove_column (priv->column_view, column);
      if (priv->column_actions != NULL)
        g_action_map_remove_action (G_ACTION_MAP (priv->column_actions), action);
    }
  if (priv->columns_section != NULL)
    {
      int n_builtin = g_menu_model_get_n_items (G_MENU_MODEL (priv->columns_section)) -
                      (int) priv->custom_columns->len;

      while (g_menu_model_get_n_items (G_MENU_MODEL (priv->columns_section)) > n_builtin)
        g_menu_remove (priv->columns_section, n_builtin);
    }
  g_ptr_array_set_size (priv->custom_columns, 0);
}

void
_crm_view_rebuild_custom_columns (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  guint n;

  remove_custom_columns (self);
  _crm_view_clear_custom_values (self);
  if (priv->column_view == NULL || priv->custom_fields == NULL)
    return;

  n = g_list_model_get_n_items (priv->custom_fields);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (priv->custom_fields, i);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *name = g_strdup_printf ("show-custom-%u", i);
      g_autofree char *detailed = g_strdup_printf ("columns.%s", name);
      g_autofree char *choice = NULL;
      gboolean shown;
      CustomRef *ref = g_new0 (CustomRef, 1);
      GtkColumnViewColumn *column;

      ref->view = self;
      ref->field = g_object_ref (field);
      g_signal_connect_data (factory, "setup", G_CALLBACK (on_custom_setup_cb), ref, custom_ref_free, 0);
      g_signal_connect (factory, "bind", G_CALLBACK (on_custom_bind_cb), ref);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_custom_unbind_cb), ref);

      column = gtk_column_view_column_new (crm_custom_field_get_label (field), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_visible (column, FALSE);
      gtk_column_view_column_set_header_menu (column,
                                              gtk_column_view_column_get_header_menu (g_ptr_array_index (priv->view_columns, 0)));
      gtk_column_view_append_column (priv->column_view, column);
      g_ptr_array_add (priv->custom_columns, column);

      /* Chosen by the field's id, which a rename or a reorder keeps. */
      choice = g_strdup_printf ("custom-%" G_GINT64_FORMAT, crm_record_get_id (CRM_RECORD (field)));
      shown = _crm_view_get_column_choice (self, choice, FALSE);
      gtk_column_view_column_set_visible (column, shown);
      action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (shown));
      g_object_set_data (G_OBJECT (action), "crm-view", self);
      g_object_set_data_full (G_OBJECT (action), "crm-column", g_steal_pointer (&choice), g_free);
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_visible_changed_cb), column, 0);
      g_action_map_add_action (G_ACTION_MAP (priv->column_actions), G_ACTION (action));
      g_menu_append (priv->columns_section, crm_custom_field_get_label (field), detailed);
    }
}

void
_crm_view_clear_custom_values (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  g_hash_table_remove_all (priv->custom_values);
  g_hash_table_remove_all (priv->custom_loaded);
  g_hash_table_remove_all (priv->custom_pending);
  g_clear_handle_id (&priv->custom_idle, g_source_remove);
  if (priv->column_view != NULL && priv->custom_columns->len > 0)
    refresh_cells (GTK_WIDGET (priv->column_view));
}

void
_crm_view_init_custom (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  priv->custom_columns = g_ptr_array_new_with_free_func (g_object_unref);
  priv->custom_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) crm_custom_grid_value_free);
  priv->custom_loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  priv->custom_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
_crm_view_dispose_custom (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  g_clear_handle_id (&priv->custom_idle, g_source_remove);
  if (priv->custom_columns != NULL)
    g_ptr_array_set_size (priv->custom_columns, 0);
  g_clear_object (&priv->columns_section);
}
