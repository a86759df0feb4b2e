/* crm-service-settings-actions.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Service page's actions: a calendar opened on its subpage (a new one
 * too), policies and replies added, edited and deleted, each with a toast
 * that offers Undo.
 */

#define G_LOG_DOMAIN "CrmServiceSettings"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-service-settings-private.h"
#include "crm-store.h"

static void
on_editor_trashed_cb (CrmServiceCalendarEditor *editor,
                      int                       item,
                      gint64                    id,
                      const char               *title,
                      CrmServiceSettings       *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (item == CRM_SERVICE_ITEM_CALENDAR && ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
  _crm_service_settings_toast (self, title, _crm_service_undo_new (SERVICE_UNDO_RESTORE, item, id));
}

static void
present_calendar (CrmServiceSettings       *self,
                  const CrmServiceCalendar *calendar)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CrmServiceCalendarEditor *editor;

  if (!ADW_IS_PREFERENCES_WINDOW (root) || calendar == NULL)
    return;
  editor = crm_service_calendar_editor_new (self->context, calendar);
  g_signal_connect_object (editor, "trashed", G_CALLBACK (on_editor_trashed_cb), self, 0);
  if (self->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  self->editor = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root), GTK_WIDGET (editor));
}

void
_crm_service_settings_edit_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);

  if (self->config != NULL)
    present_calendar (self, crm_service_config_find_calendar (self->config,
                                                              g_variant_get_int64 (parameter)));
}

typedef struct
{
  CrmServiceSettings *self;
  char               *name;
  char               *timezone;
  char               *hours;
} NewCalendar;

static void
new_calendar_free (NewCalendar *data)
{
  g_object_unref (data->self);
  g_free (data->name);
  g_free (data->timezone);
  g_free (data->hours);
  g_free (data);
}

static void
on_calendar_added_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NewCalendar *data = user_data;
  CrmServiceSettings *self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_service_save_finish (CRM_STORE (object), result, &error);

  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_service_settings_toast (self, error->message, NULL);
    }
  else
    {
      CrmServiceCalendar calendar = { id, data->name, data->timezone, data->hours, NULL };

      calendar.holidays = g_ptr_array_new ();
      /* Edited at once: the subpage shows it before the page reads it back. */
      present_calendar (self, &calendar);
      g_ptr_array_unref (calendar.holidays);
      _crm_service_settings_toast (self, _("Calendar added"),
                                   _crm_service_undo_new (SERVICE_UNDO_TRASH,
                                                          CRM_SERVICE_ITEM_CALENDAR, id));
    }
  new_calendar_free (data);
}

void
_crm_service_settings_add_calendar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);
  CrmStore *store = _crm_service_settings_get_store (self);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *zone = g_time_zone_get_identifier (local);
  NewCalendar *data;

  if (store == NULL)
    return;
  data = g_new0 (NewCalendar, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (_("New Calendar"));
  /* The computer's own zone when it has an IANA name ("/etc/localtime" is a path). */
  data->timezone = g_strdup (zone != NULL && g_ascii_isupper (zone[0]) && !g_str_has_prefix (zone, "Etc/")
                             ? zone : "UTC");
  data->hours = g_strdup ("mon-fri 09:00-17:00");
  crm_service_calendar_save_async (store, 0, data->name, data->timezone, data->hours,
                                   self->cancellable, on_calendar_added_cb, data);
}

void
_crm_service_settings_add_policy_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);

  if (self->config != NULL)
    _crm_service_settings_edit_policy (self, NULL);
}

void
_crm_service_settings_edit_policy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);
  CrmServicePolicy *policy = self->config != NULL
                             ? crm_service_config_find_policy (self->config,
                                                               g_variant_get_int64 (parameter))
                             : NULL;

  if (policy != NULL)
    _crm_service_settings_edit_policy (self, policy);
}

void
_crm_service_settings_add_reply_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);

  if (self->config != NULL)
    _crm_service_settings_edit_reply (self, NULL);
}

void
_crm_service_settings_edit_reply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);
  CrmServiceReply *reply = self->config != NULL
                           ? crm_service_config_find_reply (self->config,
                                                            g_variant_get_int64 (parameter))
                           : NULL;

  if (reply != NULL)
    _crm_service_settings_edit_reply (self, reply);
}

typedef struct
{
  CrmServiceSettings *self;
  CrmServiceItem      item;
  gint64              id;
  char               *title;
} Deletion;

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Deletion *deletion = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_service_trash_finish (CRM_STORE (object), result, &error))
    _crm_service_settings_toast (deletion->self, deletion->title,
                                 _crm_service_undo_new (SERVICE_UNDO_RESTORE, deletion->item,
                                                        deletion->id));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_service_settings_toast (deletion->self, error->message, NULL);
  g_object_unref (deletion->self);
  g_free (deletion->title);
  g_free (deletion);
}

static void
delete_item (CrmServiceSettings *self,
             CrmServiceItem      item,
             gint64              id,
             const char         *name)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  deletion->self = g_object_ref (self);
  deletion->item = item;
  deletion->id = id;
  /* TRANSLATORS: %s is the name of an SLA policy or a canned reply */
  deletion->title = g_strdup_printf (_("“%s” deleted"), name);
  crm_service_trash_async (_crm_service_settings_get_store (self), item, id, TRUE,
                           self->cancellable, on_deleted_cb, deletion);
}

void
_crm_service_settings_delete_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);
  CrmServicePolicy *policy = self->config != NULL
                             ? crm_service_config_find_policy (self->config,
                                                               g_variant_get_int64 (parameter))
                             : NULL;

  if (policy != NULL)
    delete_item (self, CRM_SERVICE_ITEM_POLICY, policy->id, policy->name);
}

void
_crm_service_settings_delete_reply_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (widget);
  CrmServiceReply *reply = self->config != NULL
                           ? crm_service_config_find_reply (self->config,
                                                            g_variant_get_int64 (parameter))
                           : NULL;

  if (reply != NULL)
    delete_item (self, CRM_SERVICE_ITEM_REPLY, reply->id, reply->title);
}
