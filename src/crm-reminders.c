/* crm-reminders.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small timer: it asks the store for the open reminders after the last
 * check, notifies the ones now due, and sleeps until the next one (at most a
 * minute, so that clock changes and other windows' edits are caught).
 */

#define G_LOG_DOMAIN "CrmReminders"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-reminders.h"
#include "crm-activity.h"
#include "crm-format.h"
#include "crm-query.h"
#include "crm-reminder.h"
#include "crm-sla-alerts.h"
#include "crm-store.h"

#define MAX_SLEEP_SECONDS 60

struct _CrmReminders
{
  GObject       parent_instance;

  GWeakRef      application;
  CrmContext   *context;
  GCancellable *cancellable;
  gint64        last_check;
  guint         timeout_id;
  gboolean      checking;
  CrmSlaAlerts *sla_alerts;   /* the tickets' breach warnings, on the same context */
};

G_DEFINE_FINAL_TYPE (CrmReminders, crm_reminders, G_TYPE_OBJECT)

static void check (CrmReminders *self);

static gboolean
on_timeout_cb (gpointer user_data)
{
  CrmReminders *self = user_data;

  self->timeout_id = 0;
  check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (CrmReminders *self,
          gint64        next)
{
  gint64 now = crm_context_get_now (self->context);
  gint64 wait = next > now ? MIN (next - now, MAX_SLEEP_SECONDS) : MAX_SLEEP_SECONDS;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds ((guint) MAX (wait, 1), on_timeout_cb, self);
}

static void
notify (CrmReminders *self,
        CrmActivity  *activity)
{
  g_autoptr(GApplication) application = g_weak_ref_get (&self->application);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  const char *summary = crm_activity_get_summary (activity);

  if (application == NULL)
    return;

  notification = g_notification_new (summary[0] != '\0' ? summary : _("Task"));
  if (crm_activity_get_due (activity) != 0)
    {
      when = crm_format_date_time (crm_activity_get_due (activity));
      /* Translators: %s is a date and time */
      body = g_strdup_printf (_("Due %s"), when);
      g_notification_set_body (notification, body);
    }
  /* Clicking it opens the record the task is about (app.show-record). */
  g_notification_set_default_action_and_target (notification, "app.show-record", "(sx)",
                                                 crm_activity_get_subject_kind (activity),
                                                 crm_activity_get_subject_id (activity));
  /* One notification per task: a second window replaces, not repeats, it. */
  id = g_strdup_printf ("reminder-%" G_GINT64_FORMAT, crm_record_get_id (CRM_RECORD (activity)));
  g_application_send_notification (application, id, notification);
}

static void
on_query_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmReminders) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = crm_store_query_finish (CRM_STORE (object), result, &error);
  gint64 now;
  guint n_items;

  if (activities == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  if (self->context == NULL)
    return;

  now = crm_context_get_now (self->context);
  if (activities == NULL)
    {
      g_warning ("Could not read reminders: %s", error->message);
      schedule (self, 0);
      return;
    }

  n_items = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmActivity) activity = g_list_model_get_item (activities, i);

      if (crm_reminder_is_due (activity, self->last_check, now))
        notify (self, activity);
    }

  self->last_check = now;
  schedule (self, crm_reminder_next_due (activities, now));
}

static void
check (CrmReminders *self)
{
  g_autoptr(CrmQuery) query = NULL;

  if (self->context == NULL || self->checking)
    return;

  self->checking = TRUE;
  query = crm_reminder_new_query (self->last_check);
  crm_store_query_async (crm_context_get_store (self->context), query, self->cancellable,
                         on_query_done_cb, g_object_ref (self));
}

static void
on_activity_changed_cb (CrmReminders *self)
{
  /* A new or moved reminder may be sooner than the one we sleep for. */
  check (self);
}

static void
crm_reminders_dispose (GObject *object)
{
  CrmReminders *self = CRM_REMINDERS (object);

  crm_reminders_set_context (self, NULL);
  g_clear_object (&self->sla_alerts);

  G_OBJECT_CLASS (crm_reminders_parent_class)->dispose (object);
}

static void
crm_reminders_finalize (GObject *object)
{
  CrmReminders *self = CRM_REMINDERS (object);

  g_weak_ref_clear (&self->application);

  G_OBJECT_CLASS (crm_reminders_parent_class)->finalize (object);
}

static void
crm_reminders_class_init (CrmRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_reminders_dispose;
  object_class->finalize = crm_reminders_finalize;
}

static void
crm_reminders_init (CrmReminders *self)
{
  g_weak_ref_init (&self->application, NULL);
}

CrmReminders *
crm_reminders_new (GApplication *application)
{
  CrmReminders *self = g_object_new (CRM_TYPE_REMINDERS, NULL);

  g_weak_ref_set (&self->application, application);
  self->sla_alerts = crm_sla_alerts_new (application);

  return self;
}

void
crm_reminders_set_context (CrmReminders *self,
                           CrmContext   *context)
{
  g_return_if_fail (CRM_IS_REMINDERS (self));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (crm_context_get_store (self->context), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->checking = FALSE;
  g_set_object (&self->context, context);
  if (self->sla_alerts != NULL)
    crm_sla_alerts_set_context (self->sla_alerts, context);

  if (context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  /* Reminders that fell due while Rapport was closed are not replayed. */
  self->last_check = crm_context_get_now (context);
  g_signal_connect_object (crm_context_get_store (context), "changed::activity",
                           G_CALLBACK (on_activity_changed_cb), self, G_CONNECT_SWAPPED);
  check (self);
}
