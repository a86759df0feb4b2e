/* crm-record-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmRecordPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-record-page.h"
#include "crm-activity-editor.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-ticket.h"

typedef struct
{
  CrmContext          *context;
  CrmRecord           *record;
  GCancellable        *cancellable;
  CrmRelatedNames     *names;
  gboolean             editing;
  guint                pending;        /* sections waiting for the reload */
  guint                reload_id;

  GtkListBox          *custom_list;
  GtkListBox          *timeline_list;
  GtkListBox          *tickets_list;

  /* template widgets (of the subclass's template) */
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *cancel_button;
  GtkWidget           *edit_button;
  GtkWidget           *done_button;
  GtkWidget           *menu_button;
  GtkLabel            *error_label;
  GtkWidget           *edit_group;
  AdwPreferencesGroup *custom_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *tickets_group;
} CrmRecordPagePrivate;

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmRecordPage, crm_record_page, GTK_TYPE_WIDGET)

/* The timeline. */

static GtkWidget *
create_activity_row (gpointer item,
                     gpointer user_data)
{
  CrmRecordPage *self = user_data;
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  return crm_page_new_activity_row (item, crm_related_names_get_staff (priv->names));
}

static void
on_timeline_loaded_cb (GtkWidget  *widget,
                       GListModel *records)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  g_autoptr(GListModel) sorted = crm_related_sort_timeline (records);

  crm_page_fill_list (priv->timeline_list, sorted, create_activity_row, self);
  crm_page_note_limit (priv->timeline_group, g_list_model_get_n_items (records),
                       CRM_RELATED_TIMELINE_LIMIT);
}

/* Tickets. */

static GtkWidget *
create_ticket_row (gpointer item,
                   gpointer user_data)
{
  return crm_page_new_ticket_row (item);
}

static void
on_tickets_loaded_cb (GtkWidget  *widget,
                      GListModel *records)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  crm_page_fill_list (priv->tickets_list, records, create_ticket_row, self);
  crm_page_note_limit (priv->tickets_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
}

/* Reloads. */

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmRecordPage *self = user_data;
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  guint pending = priv->pending;

  priv->reload_id = 0;
  priv->pending = 0;
  crm_record_page_load_sections (self, pending);

  return G_SOURCE_REMOVE;
}

static void
queue_triggered (CrmRecordPage              *self,
                 const CrmRecordPageTrigger *triggers,
                 const char                 *name)
{
  guint sections = 0;

  for (guint i = 0; triggers != NULL && triggers[i].name != NULL; i++)
    if (g_strcmp0 (triggers[i].name, name) == 0)
      sections |= triggers[i].sections;
  if (sections != 0)
    crm_record_page_queue_reload (self, sections);
}

static void
on_store_changed_cb (CrmRecordPage *self,
                     const char    *table,
                     GArray        *ids)
{
  queue_triggered (self, CRM_RECORD_PAGE_GET_CLASS (self)->table_triggers, table);
}

static void
on_record_notify_cb (CrmRecordPage *self,
                     GParamSpec    *pspec)
{
  queue_triggered (self, CRM_RECORD_PAGE_GET_CLASS (self)->property_triggers, pspec->name);
  crm_record_page_update (self);
}

static void
on_names_ready_cb (CrmRecordPage *self)
{
  CRM_RECORD_PAGE_GET_CLASS (self)->update_fields (self);
  crm_record_page_load_sections (self, CRM_RECORD_PAGE_SECTION_ALL);
}

/* Edit mode. */

static void
apply_editing (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  CrmRecordPageClass *klass = CRM_RECORD_PAGE_GET_CLASS (self);
  gboolean editing = priv->editing;

  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), FALSE);
  gtk_widget_set_visible (priv->edit_group, editing);
  if (priv->edit_button != NULL)
    gtk_widget_set_visible (priv->edit_button, !editing);
  gtk_widget_set_visible (priv->done_button, editing);
  gtk_widget_set_visible (priv->cancel_button, editing);
  gtk_widget_set_visible (priv->back_button, !editing);
  gtk_widget_set_visible (priv->menu_button, !editing);
  if (klass->hide_title_while_editing)
    gtk_widget_set_visible (GTK_WIDGET (priv->window_title), !editing);
  klass->apply_editing (self, editing);

  crm_record_page_update_actions (self);
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmRecordPage) self = user_data;
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  const char *message = CRM_RECORD_PAGE_GET_CLASS (self)->insert_failed_message;
  g_autoptr(GError) error = NULL;

  if (crm_store_insert_finish (CRM_STORE (object), result, &error))
    {
      crm_record_page_update (self);
      crm_record_page_load_sections (self, CRM_RECORD_PAGE_SECTION_ALL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Nothing is lost: the record still holds what was typed. */
  crm_record_page_set_editing (self, TRUE);
  gtk_label_set_label (priv->error_label, message != NULL ? _(message) : error->message);
  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), TRUE);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmRecordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures reach the window's "write-failed" toast. */
  if (!crm_store_save_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the %s: %s", CRM_RECORD_PAGE_GET_CLASS (self)->kind,
               error->message);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  crm_record_page_set_editing (CRM_RECORD_PAGE (widget), TRUE);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  CrmRecordPageClass *klass = CRM_RECORD_PAGE_GET_CLASS (self);
  CrmStore *store = crm_record_page_get_store (self);
  CrmPageProblems problems;
  gboolean valid;

  crm_page_problems_init (&problems);
  valid = klass->commit (self, &problems);
  crm_page_problems_show (&problems, priv->error_label);
  crm_page_problems_clear (&problems);
  if (!valid)
    return;

  /* A new record is inserted on the first valid "Done". */
  if (crm_record_get_id (priv->record) == 0)
    crm_store_insert_async (store, priv->record, priv->cancellable, on_inserted_cb,
                            g_object_ref (self));
  else if (crm_record_get_dirty (priv->record))
    crm_store_save_async (store, priv->record, priv->cancellable, on_saved_cb,
                          g_object_ref (self));

  crm_record_page_set_editing (self, FALSE);
  klass->update_fields (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);

  crm_record_page_set_editing (self, FALSE);

  /* A record never saved has nothing to go back to. */
  if (crm_record_page_get_id (self) == 0)
    gtk_widget_activate_action (widget, "win.go-back", NULL);
}

/* Other actions. */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);

  gtk_widget_activate_action (widget, "win.delete-record", "(sx)",
                              CRM_RECORD_PAGE_GET_CLASS (self)->kind,
                              crm_record_page_get_id (self));
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  CrmActivityEditor *editor;

  editor = crm_activity_editor_new (priv->context, CRM_RECORD_PAGE_GET_CLASS (self)->kind,
                                    crm_record_page_get_id (self),
                                    g_variant_get_string (param, NULL));
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (widget);

  gtk_widget_activate_action (widget, "win.show-map", "(sx)",
                              CRM_RECORD_PAGE_GET_CLASS (self)->kind,
                              crm_record_page_get_id (self));
}

/* GObject overrides. */

static void
crm_record_page_constructed (GObject *object)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (object);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  CrmRecordPageClass *klass = CRM_RECORD_PAGE_GET_CLASS (self);

  G_OBJECT_CLASS (crm_record_page_parent_class)->constructed (object);

  g_assert (priv->context != NULL);
  g_assert (G_TYPE_CHECK_INSTANCE_TYPE (priv->record, klass->record_type));
  /* Bound from the subclass's template. */
  g_assert (priv->error_label != NULL && priv->custom_group != NULL);

  priv->custom_list = crm_page_add_list (priv->custom_group, "custom-list", "");
  if (priv->timeline_group != NULL)
    priv->timeline_list = crm_page_add_list (priv->timeline_group, "timeline-list",
                                             _("No activities yet"));
  if (priv->tickets_group != NULL)
    priv->tickets_list = crm_page_add_list (priv->tickets_group, "tickets-list", _("No tickets"));

  if (klass->uses_names)
    {
      priv->names = crm_related_names_new (crm_record_page_get_store (self), priv->cancellable);
      g_signal_connect_object (priv->names, "ready", G_CALLBACK (on_names_ready_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (priv->record, "notify", G_CALLBACK (on_record_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_record_page_get_store (self), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  klass->update_fields (self);
  apply_editing (self);
  if (!klass->uses_names)
    crm_record_page_load_sections (self, CRM_RECORD_PAGE_SECTION_ALL);
}

static void
crm_record_page_dispose (GObject *object)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (object);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  GtkWidget *child;

  g_cancellable_cancel (priv->cancellable);
  g_clear_handle_id (&priv->reload_id, g_source_remove);
  if (priv->record != NULL)
    g_signal_handlers_disconnect_by_data (priv->record, self);

  /* The template is the subclass's (the pages are final types). */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  /* The header bar and the content are not bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&priv->names);
  g_clear_object (&priv->record);
  g_clear_object (&priv->context);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (crm_record_page_parent_class)->dispose (object);
}

static void
crm_record_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, crm_record_page_get_context (self));
      break;

    case PROP_RECORD:
      g_value_set_object (value, crm_record_page_get_record (self));
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, crm_record_page_get_editing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmRecordPage *self = CRM_RECORD_PAGE (object);
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      priv->record = g_value_dup_object (value);
      break;

    case PROP_EDITING:
      crm_record_page_set_editing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_page_class_init (CrmRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_record_page_constructed;
  object_class->dispose = crm_record_page_dispose;
  object_class->get_property = crm_record_page_get_property;
  object_class->set_property = crm_record_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmRecordPage:record:
   *
   * The record shown, of the class's record type; unsaved (id 0) for a new
   * one, which the page inserts on the first valid "Done".
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_RECORD,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmRecordPage:editing:
   *
   * Whether the details show as entries; "Done" checks and saves them.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "record-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "page.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "page.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "page.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "page.done", NULL);
}

static void
crm_record_page_init (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* Public API. */

CrmContext *
crm_record_page_get_context (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), NULL);

  return priv->context;
}

CrmStore *
crm_record_page_get_store (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), NULL);

  return crm_context_get_store (priv->context);
}

CrmRecord *
crm_record_page_get_record (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), NULL);

  return priv->record;
}

gint64
crm_record_page_get_id (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), 0);

  return crm_record_get_id (priv->record);
}

GCancellable *
crm_record_page_get_cancellable (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), NULL);

  return priv->cancellable;
}

CrmRelatedNames *
crm_record_page_get_names (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), NULL);

  return priv->names;
}

gboolean
crm_record_page_get_editing (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD_PAGE (self), FALSE);

  return priv->editing;
}

void
crm_record_page_set_editing (CrmRecordPage *self,
                             gboolean       editing)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  editing = !!editing;
  if (priv->editing == editing)
    return;

  priv->editing = editing;
  if (priv->context != NULL)
    apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

void
crm_record_page_set_title (CrmRecordPage *self,
                           const char    *title,
                           const char    *subtitle)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  adw_window_title_set_title (priv->window_title, title);
  if (subtitle != NULL)
    adw_window_title_set_subtitle (priv->window_title, subtitle);
}

void
crm_record_page_update (CrmRecordPage *self)
{
  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  CRM_RECORD_PAGE_GET_CLASS (self)->update_fields (self);
  crm_record_page_update_actions (self);
}

void
crm_record_page_update_actions (CrmRecordPage *self)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.done", priv->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.cancel", priv->editing);
  CRM_RECORD_PAGE_GET_CLASS (self)->update_actions (self);
}

void
crm_record_page_load_sections (CrmRecordPage *self,
                               guint          sections)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);
  CrmRecordPageClass *klass;
  CrmStore *store;
  gint64 id;

  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  klass = CRM_RECORD_PAGE_GET_CLASS (self);
  store = crm_record_page_get_store (self);
  id = crm_record_get_id (priv->record);
  if (id == 0 || (priv->names != NULL && !crm_related_names_is_ready (priv->names)))
    return;

  for (guint i = 0; klass->related != NULL && klass->related[i].section != 0; i++)
    if (sections & klass->related[i].section)
      {
        const CrmRecordPageRelated *related = &klass->related[i];
        g_autoptr(CrmQuery) query = crm_related_query (related->get_type (), related->property,
                                                       id);

        crm_page_query (GTK_WIDGET (self), store, query, priv->cancellable, related->loaded);
      }
  if ((sections & CRM_RECORD_PAGE_SECTION_TICKETS) && priv->tickets_list != NULL)
    {
      g_autofree char *property = g_strconcat (klass->kind, "-id", NULL);
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_TICKET, property, id);

      crm_page_query (GTK_WIDGET (self), store, query, priv->cancellable, on_tickets_loaded_cb);
    }
  if (klass->load_sections != NULL)
    klass->load_sections (self, sections);
  if ((sections & CRM_RECORD_PAGE_SECTION_TIMELINE) && priv->timeline_list != NULL)
    {
      g_autoptr(CrmQuery) query = crm_related_timeline_query (klass->kind, id);

      crm_page_query (GTK_WIDGET (self), store, query, priv->cancellable, on_timeline_loaded_cb);
    }
  if (sections & CRM_RECORD_PAGE_SECTION_CUSTOM)
    crm_page_load_custom_fields (priv->custom_group, priv->custom_list, store, klass->kind, id,
                                 priv->cancellable);
}

void
crm_record_page_queue_reload (CrmRecordPage *self,
                              guint          sections)
{
  CrmRecordPagePrivate *priv = crm_record_page_get_instance_private (self);

  g_return_if_fail (CRM_IS_RECORD_PAGE (self));

  priv->pending |= sections;
  if (priv->reload_id == 0)
    priv->reload_id = g_timeout_add (50, on_reload_timeout_cb, self);
}

#define BIND(name) \
  gtk_widget_class_bind_template_child_full (widget_class, #name, FALSE, \
                                             G_PRIVATE_OFFSET (CrmRecordPage, name))

void
crm_record_page_class_bind_template_children (GtkWidgetClass        *widget_class,
                                              CrmRecordPageChildren  children)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), CRM_TYPE_RECORD_PAGE));

  BIND (window_title);
  BIND (back_button);
  BIND (cancel_button);
  BIND (done_button);
  BIND (menu_button);
  BIND (error_label);
  BIND (edit_group);
  BIND (custom_group);
  if (children & CRM_RECORD_PAGE_EDIT_BUTTON)
    BIND (edit_button);
  if (children & CRM_RECORD_PAGE_TIMELINE)
    BIND (timeline_group);
  if (children & CRM_RECORD_PAGE_TICKETS)
    BIND (tickets_group);
}

#undef BIND

void
crm_record_page_class_install_actions (GtkWidgetClass       *widget_class,
                                       CrmRecordPageActions  actions)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), CRM_TYPE_RECORD_PAGE));

  if (actions & CRM_RECORD_PAGE_LOG_ACTIVITY)
    gtk_widget_class_install_action (widget_class, "page.log-activity", "s", log_activity_action);
  if (actions & CRM_RECORD_PAGE_SHOW_MAP)
    gtk_widget_class_install_action (widget_class, "page.show-map", NULL, show_map_action);
}
