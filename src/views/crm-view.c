/* crm-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-view-private.h"
#include "crm-filter.h"
#include "crm-query.h"
#include "crm-record-cell.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-store.h"

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_CONTEXT,
  PROP_SEARCH_TEXT,
  PROP_STATE,
  PROP_FILTER,
  PROP_SELECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (CrmView, crm_view, GTK_TYPE_WIDGET)

static void
set_state (CrmView    *self,
           const char *state)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  if (g_strcmp0 (priv->state, state) == 0)
    return;

  priv->state = state;
  if (priv->stack != NULL)
    gtk_stack_set_visible_child_name (priv->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
update_state (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  if (priv->model == NULL)
    {
      set_state (self, "loading");
      return;
    }

  /* While a new search loads, keep the previous page instead of flashing the
   * spinner on every key press; only the very first load shows it. */
  if (crm_paged_model_get_loading (priv->model))
    {
      if (priv->state == NULL)
        set_state (self, "loading");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (priv->model)) > 0)
    set_state (self, "list");
  else if ((priv->search_text != NULL && priv->search_text[0] != '\0') || priv->filter != NULL)
    set_state (self, "no-results");
  else
    set_state (self, "empty");
}

CrmViewPrivate *
_crm_view_get_private (CrmView *self)
{
  return crm_view_get_instance_private (self);
}

static CrmQuery *
create_query (CrmView *self)
{
  return _crm_view_build_query (self);
}

/* The subclass's query (type and search), then the filter, then the order of
 * the sorted column: all of it in SQL, whatever the number of rows. */
CrmQuery *
_crm_view_build_query (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  CrmViewClass *klass = CRM_VIEW_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  CrmQuery *query;

  if (klass->create_query == NULL)
    return NULL;

  query = klass->create_query (self, priv->search_text != NULL ? priv->search_text : "");
  if (query == NULL)
    return NULL;

  if (priv->filter != NULL && priv->filter[0] != '\0' &&
      !crm_filter_apply (query, priv->filter, priv->custom_fields, &error))
    g_debug ("Filter not applied: %s", error->message);

  if (priv->sort_column != NULL)
    {
      const char *property = priv->sort_column->sort_property;

      crm_query_set_order (query, property[0] != '\0' ? property : NULL, priv->sort_descending);
    }

  return query;
}

static void
reload_query (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(CrmQuery) query = NULL;

  if (priv->model != NULL && (query = create_query (self)) != NULL)
    crm_paged_model_set_query (priv->model, query);
  update_state (self);
}

static void
on_model_items_changed_cb (CrmView    *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  update_state (self);
}

/* Connected after the column view's own handler: the list has taken in the
 * change, so a new order starts from its first row, not from where the old
 * one was. */
static void
on_table_items_changed_cb (CrmView    *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  if (!priv->scroll_to_top || priv->column_view == NULL || g_list_model_get_n_items (model) == 0)
    return;

  priv->scroll_to_top = FALSE;
  /* The list keeps its rows' widgets for records that only moved, and its
   * scroll anchor with them: move the anchor itself (the adjustment may
   * read 0 already and would not notify). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (priv->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

static void
on_model_notify_loading_cb (CrmView       *self,
                            GParamSpec    *pspec,
                            CrmPagedModel *model)
{
  update_state (self);
}

static void
clear_model (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  if (priv->model == NULL)
    return;

  g_signal_handlers_disconnect_by_data (priv->model, self);
  if (priv->list_view != NULL)
    gtk_list_view_set_model (priv->list_view, NULL);
  if (priv->column_view != NULL)
    gtk_column_view_set_model (priv->column_view, NULL);
  if (priv->selection != NULL)
    g_signal_handlers_disconnect_by_data (priv->selection, self);
  g_clear_object (&priv->selection);
  g_clear_object (&priv->model);
  g_clear_pointer (&priv->last_undo, _crm_view_undo_unref);
  /* Nothing is selected in another list (or another database). */
  crm_view_set_selecting (self, FALSE);
}

/* Whatever selected a row (Space, Ctrl+A, a Ctrl click, the row menu, a
 * screen reader) starts selection mode: the check buttons show what is
 * selected, and the bar what can be done with it. */
static void
on_selection_notify_n_selected_cb (CrmView        *self,
                                   GParamSpec     *pspec,
                                   CrmIdSelection *selection)
{
  if (crm_id_selection_get_n_selected (selection) > 0)
    crm_view_set_selecting (self, TRUE);
  _crm_view_update_bars (self);
}

/* The list is read only when the view is first shown: a window opens on one
 * view, and the others cost nothing (no id lists, no worker time) until the
 * user goes there. */
static void
ensure_model (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (priv->model != NULL || priv->context == NULL ||
      (priv->list_view == NULL && priv->column_view == NULL) ||
      (query = create_query (self)) == NULL)
    {
      update_state (self);
      return;
    }

  priv->model = crm_paged_model_new (crm_context_get_store (priv->context), query);
  g_signal_connect_object (priv->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->model, "notify::loading",
                           G_CALLBACK (on_model_notify_loading_cb), self, G_CONNECT_SWAPPED);

  if (priv->column_view != NULL)
    {
      priv->selection = crm_id_selection_new (priv->model);
      /* A click or an arrow key never drops rows picked one by one. */
      crm_id_selection_set_additive (priv->selection, TRUE);
      g_signal_connect_object (priv->selection, "notify::n-selected",
                               G_CALLBACK (on_selection_notify_n_selected_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
      g_signal_connect_object (priv->selection, "items-changed",
                               G_CALLBACK (on_table_items_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (priv->model)));
      gtk_list_view_set_model (priv->list_view, GTK_SELECTION_MODEL (selection));
    }

  update_state (self);
  _crm_view_update_bars (self);
}

static void
on_staff_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = crm_store_query_finish (CRM_STORE (object), result, &error);
  if (staff == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the staff: %s", error->message);
      return;
    }

  g_hash_table_remove_all (priv->staff_names);
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr(CrmRecord) user = g_list_model_get_item (staff, i);
      gint64 id = crm_record_get_id (user);

      g_hash_table_insert (priv->staff_names, g_memdup2 (&id, sizeof id),
                           g_strdup (crm_record_get_text (user, "name")));
    }
  /* Queued before the list's ids, so the names are known before any row. */
  g_set_object (&priv->staff, staff);
}

static void
on_custom_fields_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GError) error = NULL;

  fields = crm_filter_load_custom_fields_finish (CRM_STORE (object), result, &error);
  if (fields == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the custom fields: %s", error->message);
      return;
    }

  g_set_object (&priv->custom_fields, fields);
  _crm_view_rebuild_custom_columns (self);
  /* A filter on custom fields applies once they are known. */
  if (priv->filter != NULL && strstr (priv->filter, "custom:") != NULL)
    reload_query (self);
  _crm_view_update_bars (self);
}

static void
on_custom_values_changed_cb (CrmView    *self,
                             const char *table,
                             GArray     *ids,
                             CrmStore   *store)
{
  _crm_view_clear_custom_values (self);
}

/* A field added, renamed or deleted in Preferences: new columns. */
static void
on_custom_fields_changed_cb (CrmView    *self,
                             const char *table,
                             GArray     *ids,
                             CrmStore   *store)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  const char *kind = crm_view_get_record_kind (self);

  if (kind != NULL && priv->cancellable != NULL)
    crm_filter_load_custom_fields_async (store, kind, priv->cancellable,
                                         on_custom_fields_loaded_cb, g_object_ref (self));
}

/* What the cells and the filter need besides the records: staff names for
 * owners, custom fields for "custom:" rules. */
static void
load_side_data (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(CrmQuery) staff = NULL;
  const char *kind;
  CrmStore *store;

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->staff);
  g_clear_object (&priv->custom_fields);
  g_hash_table_remove_all (priv->staff_names);
  if (priv->column_view != NULL)
    _crm_view_rebuild_custom_columns (self);

  if (priv->context == NULL || priv->column_view == NULL)
    return;

  priv->cancellable = g_cancellable_new ();
  store = crm_context_get_store (priv->context);
  staff = crm_query_new (CRM_TYPE_STAFF_USER);
  crm_query_set_order (staff, "name", FALSE);
  crm_store_query_async (store, staff, priv->cancellable, on_staff_loaded_cb, g_object_ref (self));

  if ((kind = crm_view_get_record_kind (self)) != NULL)
    crm_filter_load_custom_fields_async (store, kind, priv->cancellable,
                                         on_custom_fields_loaded_cb, g_object_ref (self));

  g_signal_connect_object (store, "changed::custom_value", G_CALLBACK (on_custom_values_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::custom_field", G_CALLBACK (on_custom_fields_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void apply_column_choices (CrmView *self);

static void
crm_view_real_context_set (CrmView    *self,
                           CrmContext *context)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  clear_model (self);
  /* A new database starts from the spinner, not from the old list's page. */
  priv->state = NULL;
  load_side_data (self);
  apply_column_choices (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
  else
    update_state (self);
}

static void
crm_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (crm_view_parent_class)->map (widget);

  ensure_model (CRM_VIEW (widget));
}

/* Another view was chosen (the stack hid this one; a record page over the
 * view, or a minimized window, leaves it visible): rows selected here would
 * be acted on unseen when the user comes back. */
static void
crm_view_unmap (GtkWidget *widget)
{
  if (!gtk_widget_get_child_visible (widget))
    crm_view_set_selecting (CRM_VIEW (widget), FALSE);

  GTK_WIDGET_CLASS (crm_view_parent_class)->unmap (widget);
}

static gboolean
is_loaded_cb (gpointer  item,
              GObject  *record)
{
  return record != NULL;
}

static gboolean
is_loading_cb (gpointer  item,
               GObject  *record)
{
  return record == NULL;
}

static gboolean
is_nonempty_cb (gpointer    item,
                const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
crm_view_dispose (GObject *object)
{
  CrmView *self = (CrmView *)object;
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  GtkWidget *child;

  /* Nothing left to show the mode on. */
  priv->selecting = FALSE;
  clear_model (self);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  _crm_view_dispose_custom (self);
  g_clear_object (&priv->context);
  g_clear_object (&priv->list_view);
  g_clear_object (&priv->column_view);
  g_clear_object (&priv->stack);
  g_clear_object (&priv->filter_bar);
  g_clear_object (&priv->filter_label);
  g_clear_object (&priv->selection_bar);
  g_clear_object (&priv->selection_label);
  g_clear_object (&priv->column_actions);
  g_clear_object (&priv->select_column);
  g_clear_object (&priv->staff);
  g_clear_object (&priv->custom_fields);
  g_clear_pointer (&priv->view_columns, g_ptr_array_unref);

  /* Subclasses dispose their templates first; whatever is left goes here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_view_parent_class)->dispose (object);
}

static void
crm_view_finalize (GObject *object)
{
  CrmView *self = (CrmView *)object;
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);
  g_clear_pointer (&priv->search_text, g_free);
  g_clear_pointer (&priv->filter, g_free);
  g_clear_pointer (&priv->staff_names, g_hash_table_unref);
  g_clear_pointer (&priv->custom_columns, g_ptr_array_unref);
  g_clear_pointer (&priv->custom_values, g_hash_table_unref);
  g_clear_pointer (&priv->custom_loaded, g_hash_table_unref);
  g_clear_pointer (&priv->custom_pending, g_hash_table_unref);

  G_OBJECT_CLASS (crm_view_parent_class)->finalize (object);
}

static void
crm_view_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CrmView *self = CRM_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, crm_view_get_title (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, crm_view_get_icon_name (self));
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, crm_view_get_context (self));
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, crm_view_get_search_text (self));
      break;

    case PROP_STATE:
      g_value_set_string (value, crm_view_get_state (self));
      break;

    case PROP_FILTER:
      g_value_set_string (value, crm_view_get_filter (self));
      break;

    case PROP_SELECTING:
      g_value_set_boolean (value, crm_view_get_selecting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_view_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CrmView *self = CRM_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      crm_view_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      crm_view_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_CONTEXT:
      crm_view_set_context (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_TEXT:
      crm_view_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_FILTER:
      crm_view_set_filter (self, g_value_get_string (value));
      break;

    case PROP_SELECTING:
      crm_view_set_selecting (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_view_class_init (CrmViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_view_dispose;
  object_class->finalize = crm_view_finalize;
  object_class->get_property = crm_view_get_property;
  object_class->set_property = crm_view_set_property;

  klass->context_set = crm_view_real_context_set;
  GTK_WIDGET_CLASS (klass)->map = crm_view_map;
  GTK_WIDGET_CLASS (klass)->unmap = crm_view_unmap;

  /**
   * CrmView:title:
   *
   * The view's name in the sidebar.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:icon-name:
   *
   * The view's symbolic icon in the sidebar.
   */
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:context:
   *
   * The store and settings the view works on.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:search-text:
   *
   * Text the list is filtered by; "" shows every record.
   */
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:state:
   *
   * What the view shows: "loading", "empty", "no-results" or "list".
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "loading",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:filter:
   *
   * A filter (crm-filter.h JSON) the list applies on top of its search;
   * %NULL for none.
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmView:selecting:
   *
   * Whether the table is in selection mode: a column of check buttons shows,
   * a click or Enter on a row selects or deselects it instead of opening the
   * record, and the selection bar shows.  Selecting a row turns it on;
   * turning it off drops the selection.  Always %FALSE without a table.
   */
  properties[PROP_SELECTING] =
    g_param_spec_boolean ("selecting", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  _crm_view_install_bulk_actions (widget_class);
  _crm_view_install_select_actions (widget_class);
  _crm_view_install_row_menu (widget_class);
}

static void
crm_view_init (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  priv->search_text = g_strdup ("");
  priv->staff_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  _crm_view_init_custom (self);
  /* Nothing to select, delete or filter until there is a table. */
  _crm_view_update_bars (self);
}

const char *
crm_view_get_title (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->title;
}

void
crm_view_set_title (CrmView    *self,
                    const char *title)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
crm_view_get_icon_name (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->icon_name;
}

void
crm_view_set_icon_name (CrmView    *self,
                        const char *icon_name)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));

  if (g_strcmp0 (priv->icon_name, icon_name) == 0)
    return;

  g_free (priv->icon_name);
  priv->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

CrmContext *
crm_view_get_context (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->context;
}

void
crm_view_set_context (CrmView    *self,
                      CrmContext *context)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (context == NULL || CRM_IS_CONTEXT (context));

  if (!g_set_object (&priv->context, context))
    return;

  CRM_VIEW_GET_CLASS (self)->context_set (self, context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

const char *
crm_view_get_search_text (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->search_text;
}

void
crm_view_set_search_text (CrmView    *self,
                          const char *search_text)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(CrmQuery) query = NULL;

  g_return_if_fail (CRM_IS_VIEW (self));

  if (search_text == NULL)
    search_text = "";

  if (g_strcmp0 (priv->search_text, search_text) == 0)
    return;

  g_free (priv->search_text);
  priv->search_text = g_strdup (search_text);

  /* Other rows: a selection made among the old ones would act unseen.  A
   * view whose list ignores the text (the tables) keeps rows and selection. */
  if (priv->model != NULL && (query = create_query (self)) != NULL &&
      !crm_query_equal (query, crm_paged_model_get_query (priv->model)))
    {
      if (priv->selection != NULL)
        gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (priv->selection));
      crm_paged_model_set_query (priv->model, query);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

const char *
crm_view_get_state (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->state != NULL ? priv->state : "loading";
}

GListModel *
crm_view_get_model (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->model != NULL ? G_LIST_MODEL (priv->model) : NULL;
}

GtkAdjustment *
crm_view_get_vadjustment (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  if (priv->column_view != NULL)
    return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->column_view));
  if (priv->list_view == NULL)
    return NULL;

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->list_view));
}

void
crm_view_set_list_widgets (CrmView     *self,
                           GtkListView *list_view,
                           GtkStack    *stack)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));
  g_return_if_fail (GTK_IS_STACK (stack));

  /* Held until our dispose, which runs after the subclass disposed its
   * template: clear_model() still needs the list view then. */
  g_set_object (&priv->list_view, list_view);
  g_set_object (&priv->stack, stack);
  apply_column_choices (self);
  priv->state = NULL;
  update_state (self);
}

GtkBuilderScope *
crm_view_new_row_scope (void)
{
  GtkBuilderScope *scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "is_loaded", G_CALLBACK (is_loaded_cb),
                                           "is_loading", G_CALLBACK (is_loading_cb),
                                           "is_nonempty", G_CALLBACK (is_nonempty_cb),
                                           NULL);
  return scope;
}

void
crm_view_set_row_factory (CrmView         *self,
                          GtkBuilderScope *scope,
                          const char      *resource)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (priv->list_view != NULL);

  factory = gtk_builder_list_item_factory_new_from_resource (scope, resource);
  gtk_list_view_set_factory (priv->list_view, factory);
}

const char *
crm_view_get_filter (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->filter;
}

void
crm_view_set_filter (CrmView    *self,
                     const char *json)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));

  if (json != NULL && json[0] == '\0')
    json = NULL;
  if (g_strcmp0 (priv->filter, json) == 0)
    return;

  g_free (priv->filter);
  priv->filter = g_strdup (json);

  if (priv->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (priv->selection));
  reload_query (self);
  _crm_view_update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

const char *
crm_view_get_record_kind (CrmView *self)
{
  CrmViewClass *klass;
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(GTypeClass) type_class = NULL;

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  klass = CRM_VIEW_GET_CLASS (self);
  if (klass->create_query == NULL || (query = klass->create_query (self, "")) == NULL)
    return NULL;

  type_class = g_type_class_ref (crm_query_get_record_type (query));
  return crm_record_class_get_table (CRM_RECORD_CLASS (type_class));
}

gboolean
crm_view_get_selecting (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), FALSE);

  return priv->selecting;
}

void
crm_view_set_selecting (CrmView  *self,
                        gboolean  selecting)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));

  selecting = selecting && priv->column_view != NULL;
  if (priv->selecting == selecting)
    return;

  priv->selecting = selecting;
  _crm_view_apply_selecting (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTING]);
}

GtkSelectionModel *
crm_view_get_selection (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  return priv->selection != NULL ? GTK_SELECTION_MODEL (priv->selection) : NULL;
}

static guint
find_column (CrmView    *self,
             const char *column_id)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  for (guint i = 0; column_id != NULL && i < priv->n_columns; i++)
    if (g_str_equal (priv->columns[i].id, column_id))
      return i;
  return G_MAXUINT;
}

GtkColumnViewColumn *
crm_view_get_column (CrmView    *self,
                     const char *column_id)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  guint i;

  g_return_val_if_fail (CRM_IS_VIEW (self), NULL);

  if ((i = find_column (self, column_id)) == G_MAXUINT)
    return NULL;
  return g_ptr_array_index (priv->view_columns, i);
}

void
crm_view_sort_by (CrmView    *self,
                  const char *column_id,
                  gboolean    descending)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (priv->column_view != NULL);

  /* The header shows the arrow; its sorter's "changed" reorders the query. */
  gtk_column_view_sort_by_column (priv->column_view, crm_view_get_column (self, column_id),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* --- tables --- */

typedef struct
{
  CrmView             *view;   /* unowned: the view owns the sorters */
  const CrmViewColumn *column;
} ColumnRef;

static char *
format_cell_cb (CrmRecord *record,
                gpointer   user_data)
{
  ColumnRef *ref = user_data;

  return ref->column->cell (ref->view, record);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ColumnRef                *ref)
{
  GtkWidget *cell = crm_record_cell_new (format_cell_cb, ref,
                                         (ref->column->flags & CRM_VIEW_COLUMN_NUMERIC) != 0);

  if (ref->column->width_chars > 0)
    crm_record_cell_set_width_chars (CRM_RECORD_CELL (cell), ref->column->width_chars);
  _crm_view_remember_list_item (cell, list_item);
  gtk_list_item_set_child (list_item, cell);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnRef                *ref)
{
  crm_record_cell_set_item (CRM_RECORD_CELL (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ColumnRef                *ref)
{
  crm_record_cell_set_item (CRM_RECORD_CELL (gtk_list_item_get_child (list_item)), NULL);
}

/* GTK 4.8 does not say which column a GtkColumnViewSorter sorts by (4.10
 * does): each column's sorter is a probe that names its column when asked to
 * compare, and the column view's sorter asks its primary column first,
 * inverting the answer when the order is descending. */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnRef *ref = user_data;
  CrmViewPrivate *priv = crm_view_get_instance_private (ref->view);

  priv->probed_column = ref->column;
  return GTK_ORDERING_LARGER;
}

static void
on_sorter_changed_cb (CrmView          *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  GtkOrdering order;

  priv->probed_column = NULL;
  /* Two distinct items: gtk_sorter_compare() answers "equal" for one. */
  order = gtk_sorter_compare (sorter, self, sorter);
  priv->sort_column = order == GTK_ORDERING_EQUAL ? NULL : priv->probed_column;
  priv->sort_descending = order == GTK_ORDERING_SMALLER;
  g_debug ("Sorting by %s%s", priv->sort_column != NULL ? priv->sort_column->id : "(default)",
           priv->sort_descending ? ", descending" : "");

  /* Same rows in another order: the selection of ids stays. */
  priv->scroll_to_top = TRUE;
  reload_query (self);
}

static void
on_column_view_activate_cb (CrmView       *self,
                            guint          position,
                            GtkColumnView *column_view)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  const char *kind = crm_view_get_record_kind (self);
  gint64 id;

  if (priv->model == NULL || kind == NULL ||
      (id = crm_paged_model_get_id (priv->model, position)) == 0)
    return;

  /* In selection mode Enter (like a click) picks the row. */
  if (priv->selecting)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "view.toggle-row", "u", position);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", kind, id);
}

static char *
column_choice_key (CrmView    *self,
                   const char *column)
{
  return g_strdup_printf ("%s:%s", crm_view_get_record_kind (self), column);
}

gboolean
_crm_view_get_column_choice (CrmView    *self,
                             const char *column,
                             gboolean    fallback)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *key = NULL;
  gboolean shown;

  if (priv->context == NULL || crm_view_get_record_kind (self) == NULL)
    return fallback;
  key = column_choice_key (self, column);
  choices = g_settings_get_value (crm_context_get_settings (priv->context), "column-choices");
  if (g_variant_lookup (choices, key, "b", &shown))
    return shown;
  return fallback;
}

void
_crm_view_set_column_choice (CrmView    *self,
                             const char *column,
                             gboolean    shown)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *key = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  gboolean value;

  if (priv->context == NULL || crm_view_get_record_kind (self) == NULL)
    return;
  key = column_choice_key (self, column);
  choices = g_settings_get_value (crm_context_get_settings (priv->context), "column-choices");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sb}"));
  g_variant_iter_init (&iter, choices);
  while (g_variant_iter_next (&iter, "{&sb}", &name, &value))
    if (!g_str_equal (name, key))
      g_variant_builder_add (&builder, "{sb}", name, value);
  g_variant_builder_add (&builder, "{sb}", key, shown);
  g_settings_set_value (crm_context_get_settings (priv->context), "column-choices",
                        g_variant_builder_end (&builder));
}

static void
on_column_visible_changed_cb (GSimpleAction *action,
                              GVariant      *state,
                              gpointer       user_data)
{
  CrmView *self = g_object_get_data (G_OBJECT (action), "crm-view");
  const char *column_id = g_object_get_data (G_OBJECT (action), "crm-column");
  GtkColumnViewColumn *column = user_data;

  g_simple_action_set_state (action, state);
  gtk_column_view_column_set_visible (column, g_variant_get_boolean (state));
  _crm_view_set_column_choice (self, column_id, g_variant_get_boolean (state));
}

/* The optional columns as the user last chose them (once there are
 * settings, that is a context). */
static void
apply_column_choices (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  for (guint i = 0; priv->view_columns != NULL && i < priv->n_columns; i++)
    {
      const CrmViewColumn *col = &priv->columns[i];
      GtkColumnViewColumn *column = g_ptr_array_index (priv->view_columns, i);
      g_autofree char *action_name = g_strdup_printf ("show-%s", col->id);
      gboolean shown;

      if (!(col->flags & (CRM_VIEW_COLUMN_OPTIONAL | CRM_VIEW_COLUMN_HIDDEN)))
        continue;
      shown = _crm_view_get_column_choice (self, col->id, (col->flags & CRM_VIEW_COLUMN_HIDDEN) == 0);
      gtk_column_view_column_set_visible (column, shown);
      if (priv->column_actions != NULL)
        g_action_group_change_action_state (G_ACTION_GROUP (priv->column_actions), action_name,
                                            g_variant_new_boolean (shown));
    }
}

/* The header menu lists the optional columns, each with a check mark; the
 * choices are kept in the settings (column-choices). */
static GMenuModel *
build_columns_menu (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GMenu) section = g_menu_new ();
  GMenu *menu = g_menu_new ();

  priv->column_actions = g_simple_action_group_new ();
  for (guint i = 0; i < priv->n_columns; i++)
    {
      const CrmViewColumn *col = &priv->columns[i];
      GtkColumnViewColumn *column = g_ptr_array_index (priv->view_columns, i);
      g_autofree char *action_name = NULL;
      g_autoptr(GSimpleAction) action = NULL;

      if (!(col->flags & (CRM_VIEW_COLUMN_OPTIONAL | CRM_VIEW_COLUMN_HIDDEN)))
        continue;

      action_name = g_strdup_printf ("show-%s", col->id);
      action = g_simple_action_new_stateful (action_name, NULL,
                                             g_variant_new_boolean (gtk_column_view_column_get_visible (column)));
      g_object_set_data (G_OBJECT (action), "crm-view", self);
      g_object_set_data (G_OBJECT (action), "crm-column", (gpointer) col->id);
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_visible_changed_cb),
                               column, 0);
      g_action_map_add_action (G_ACTION_MAP (priv->column_actions), G_ACTION (action));

      g_free (action_name);
      action_name = g_strdup_printf ("columns.show-%s", col->id);
      g_menu_append (section, g_dgettext (GETTEXT_PACKAGE, col->title), action_name);
    }

  g_menu_append_section (menu, _("Show Columns"), G_MENU_MODEL (section));
  priv->columns_section = g_object_ref (section);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (priv->column_actions));
  return G_MENU_MODEL (menu);
}

void
crm_view_set_table (CrmView             *self,
                    GtkColumnView       *column_view,
                    GtkStack            *stack,
                    const CrmViewColumn *columns,
                    guint                n_columns)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  g_autoptr(GMenuModel) menu = NULL;

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (priv->column_view == NULL);

  g_set_object (&priv->column_view, column_view);
  g_set_object (&priv->stack, stack);
  priv->columns = columns;
  priv->n_columns = n_columns;
  priv->view_columns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_columns; i++)
    {
      const CrmViewColumn *col = &columns[i];
      ColumnRef *ref = g_new0 (ColumnRef, 1);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      ref->view = self;
      ref->column = col;
      /* The factory's closures own the reference struct. */
      g_signal_connect_data (factory, "setup", G_CALLBACK (on_cell_setup_cb), ref,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), ref);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), ref);

      column = gtk_column_view_column_new (g_dgettext (GETTEXT_PACKAGE, col->title),
                                           g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, (col->flags & CRM_VIEW_COLUMN_EXPAND) != 0);
      gtk_column_view_column_set_visible (column, (col->flags & CRM_VIEW_COLUMN_HIDDEN) == 0);
      if (col->sort_property != NULL)
        {
          g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (probe_sort_cb, ref, NULL);

          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
      gtk_column_view_append_column (column_view, column);
      g_ptr_array_add (priv->view_columns, column);
    }

  menu = build_columns_menu (self);
  for (guint i = 0; i < n_columns; i++)
    gtk_column_view_column_set_header_menu (g_ptr_array_index (priv->view_columns, i), menu);

  g_signal_connect_object (gtk_column_view_get_sorter (column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (column_view, "activate",
                           G_CALLBACK (on_column_view_activate_cb), self, G_CONNECT_SWAPPED);
  _crm_view_init_row_menu (self, column_view);
  _crm_view_init_select (self, column_view);

  priv->state = NULL;
  update_state (self);
}

void
crm_view_set_bars (CrmView     *self,
                   GtkRevealer *filter_bar,
                   GtkLabel    *filter_label,
                   GtkRevealer *selection_bar,
                   GtkLabel    *selection_label)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));

  g_set_object (&priv->filter_bar, filter_bar);
  g_set_object (&priv->filter_label, filter_label);
  g_set_object (&priv->selection_bar, selection_bar);
  g_set_object (&priv->selection_label, selection_label);
  _crm_view_update_bars (self);
}

const char *
_crm_view_get_staff_name (CrmView *self,
                          gint64   id)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  return g_hash_table_lookup (priv->staff_names, &id);
}

void
crm_view_set_columns_button (CrmView       *self,
                             GtkMenuButton *button)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_if_fail (CRM_IS_VIEW (self));
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (priv->view_columns != NULL && priv->view_columns->len > 0);

  gtk_menu_button_set_menu_model (button,
                                  gtk_column_view_column_get_header_menu (g_ptr_array_index (priv->view_columns, 0)));
}

gboolean
crm_view_get_follows_header_search (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_VIEW (self), FALSE);

  return priv->column_view == NULL;
}
