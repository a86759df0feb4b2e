/* crm-sla-alerts.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The breach warnings' timer.  The choice of tickets and the record of
 * those already warned of are on the store's worker (crm-sla-alert.c), one
 * indexed query a minute; here only the timer and the notifications.
 */

#define G_LOG_DOMAIN "CrmSlaAlerts"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-sla-alerts.h"
#include "crm-store.h"

#define CHECK_SECONDS 60
/* A burst of ticket changes (a bulk assign) is one check. */
#define CHANGE_DELAY_SECONDS 2

struct _CrmSlaAlerts
{
  GObject       parent_instance;

  GWeakRef      application;
  CrmContext   *context;
  GCancellable *cancellable;
  guint         timeout_id;
  guint         change_id;
  gboolean      checking;
  gboolean      again;        /* tickets changed while checking */
};

G_DEFINE_FINAL_TYPE (CrmSlaAlerts, crm_sla_alerts, G_TYPE_OBJECT)

static void check (CrmSlaAlerts *self);

GNotification *
crm_sla_alerts_make_notification (const CrmSlaAlert *alert,
                                  gint64             now)
{
  GNotification *notification;
  gint64 minutes = MAX ((alert->due - now + 59) / 60, 1);
  g_autofree char *title = NULL;
  g_autofree char *time = crm_format_time (alert->due);
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, alert->number);
  g_autofree char *body = NULL;

  g_return_val_if_fail (alert != NULL, NULL);

  if (alert->first_response)
    /* TRANSLATORS: a notification's title; %d is a number of minutes */
    title = g_strdup_printf (ngettext ("First response due in %d minute",
                                       "First response due in %d minutes", (gulong) minutes),
                             (int) minutes);
  else
    /* TRANSLATORS: a notification's title; %d is a number of minutes */
    title = g_strdup_printf (ngettext ("Resolution due in %d minute",
                                       "Resolution due in %d minutes", (gulong) minutes),
                             (int) minutes);
  /* TRANSLATORS: a notification's text: the ticket's number ("#1234"), its
   * subject, and on a line of its own the time its SLA deadline falls at */
  body = g_strdup_printf (_("%1$s %2$s\nDue at %3$s"), number,
                          alert->subject != NULL ? alert->subject : "", time);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, g_strcmp0 (alert->priority, "urgent") == 0
                                             ? G_NOTIFICATION_PRIORITY_HIGH
                                             : G_NOTIFICATION_PRIORITY_NORMAL);
  /* Clicking it opens the ticket (app.show-record). */
  g_notification_set_default_action_and_target (notification, "app.show-record", "(sx)", "ticket",
                                                 alert->ticket_id);
  return notification;
}

static void
send_alert (CrmSlaAlerts      *self,
            const CrmSlaAlert *alert,
            gint64             now)
{
  g_autoptr(GApplication) application = g_weak_ref_get (&self->application);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  if (application == NULL)
    return;
  notification = crm_sla_alerts_make_notification (alert, now);
  /* One per ticket: the resolution's warning replaces the first response's. */
  id = g_strdup_printf ("sla-%" G_GINT64_FORMAT, alert->ticket_id);
  g_application_send_notification (application, id, notification);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_taken_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmSlaAlerts) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = crm_sla_alerts_take_finish (CRM_STORE (object), result, &error);

  if (alerts == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking = FALSE;
  if (self->context == NULL)
    return;
  if (alerts == NULL)
    g_warning ("Could not check the SLA deadlines: %s", error->message);
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    send_alert (self, alerts->pdata[i], crm_context_get_now (self->context));
  if (self->again)
    check (self);
}

static void
check (CrmSlaAlerts *self)
{
  if (self->context == NULL)
    return;
  if (self->checking)
    {
      self->again = TRUE;
      return;
    }
  self->checking = TRUE;
  self->again = FALSE;
  crm_sla_alerts_take_async (crm_context_get_store (self->context),
                             crm_context_get_now (self->context), self->cancellable, on_taken_cb,
                             g_object_ref (self));
}

static gboolean
on_change_delay_cb (gpointer user_data)
{
  CrmSlaAlerts *self = user_data;

  self->change_id = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

/* A ticket assigned to me, or given a sooner deadline, may be due soon. */
static void
on_tickets_changed_cb (CrmSlaAlerts *self)
{
  if (self->change_id == 0)
    self->change_id = g_timeout_add_seconds (CHANGE_DELAY_SECONDS, on_change_delay_cb, self);
}

static void
crm_sla_alerts_dispose (GObject *object)
{
  crm_sla_alerts_set_context (CRM_SLA_ALERTS (object), NULL);

  G_OBJECT_CLASS (crm_sla_alerts_parent_class)->dispose (object);
}

static void
crm_sla_alerts_finalize (GObject *object)
{
  CrmSlaAlerts *self = CRM_SLA_ALERTS (object);

  g_weak_ref_clear (&self->application);

  G_OBJECT_CLASS (crm_sla_alerts_parent_class)->finalize (object);
}

static void
crm_sla_alerts_class_init (CrmSlaAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_sla_alerts_dispose;
  object_class->finalize = crm_sla_alerts_finalize;
}

static void
crm_sla_alerts_init (CrmSlaAlerts *self)
{
  g_weak_ref_init (&self->application, NULL);
}

CrmSlaAlerts *
crm_sla_alerts_new (GApplication *application)
{
  CrmSlaAlerts *self = g_object_new (CRM_TYPE_SLA_ALERTS, NULL);

  g_weak_ref_set (&self->application, application);
  return self;
}

void
crm_sla_alerts_set_context (CrmSlaAlerts *self,
                            CrmContext   *context)
{
  g_return_if_fail (CRM_IS_SLA_ALERTS (self));
  g_return_if_fail (context == NULL || CRM_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (crm_context_get_store (self->context), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->change_id, g_source_remove);
  self->checking = FALSE;
  self->again = FALSE;
  g_set_object (&self->context, context);
  if (context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (crm_context_get_store (context), "changed::ticket",
                            G_CALLBACK (on_tickets_changed_cb), self);
  self->timeout_id = g_timeout_add_seconds (CHECK_SECONDS, on_timeout_cb, self);
  check (self);
}
