/* crm-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include "crm-view.h"
#include "crm-paged-model.h"
#include "crm-query.h"

typedef struct
{
  char          *title;
  char          *icon_name;
  char          *search_text;
  const char    *state;
  CrmContext    *context;

  CrmPagedModel *model;
  GtkListView   *list_view;
  GtkStack      *stack;
} CrmViewPrivate;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_CONTEXT,
  PROP_SEARCH_TEXT,
  PROP_STATE,
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
  else if (priv->search_text != NULL && priv->search_text[0] != '\0')
    set_state (self, "no-results");
  else
    set_state (self, "empty");
}

static CrmQuery *
create_query (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);
  CrmViewClass *klass = CRM_VIEW_GET_CLASS (self);

  if (klass->create_query == NULL)
    return NULL;

  return klass->create_query (self, priv->search_text != NULL ? priv->search_text : "");
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
  g_clear_object (&priv->model);
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

  if (priv->model != NULL || priv->context == NULL || priv->list_view == NULL ||
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

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (priv->model)));
  gtk_list_view_set_model (priv->list_view, GTK_SELECTION_MODEL (selection));

  update_state (self);
}

static void
crm_view_real_context_set (CrmView    *self,
                           CrmContext *context)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  clear_model (self);
  /* A new database starts from the spinner, not from the old list's page. */
  priv->state = NULL;

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

  clear_model (self);
  g_clear_object (&priv->context);
  g_clear_object (&priv->list_view);
  g_clear_object (&priv->stack);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_view_init (CrmView *self)
{
  CrmViewPrivate *priv = crm_view_get_instance_private (self);

  priv->search_text = g_strdup ("");
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

  if (priv->model != NULL && (query = create_query (self)) != NULL)
    crm_paged_model_set_query (priv->model, query);

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
