/* crm-sla-alert.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which tickets to warn the current user about: the ones assigned to them
 * whose running SLA deadline (ticket.sla_due: the first response until it
 * was given, then the resolution) comes within the lead time, each deadline
 * once.  The warned deadlines are kept in the database (meta key
 * sla-alerted), so that a second window or the next start does not warn
 * again; a deadline that moves (a new priority, a pause on the customer) is
 * a new one.  "now" is the caller's, so that the choice is tested without a
 * clock.  The application's timer is src/crm-sla-alerts.c.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    ticket_id;
  gint64    number;           /* the human-facing ticket number */
  char     *subject;
  char     *priority;         /* low, normal, high, urgent */
  gint64    due;              /* unix seconds */
  gboolean  first_response;   /* TRUE: the first response is due; FALSE: the resolution */
} CrmSlaAlert;

void       crm_sla_alert_free         (CrmSlaAlert *alert);

/* Finds the tickets of the current user (meta current-user) that are new or
 * open, not trashed, and due after @now and at most the lead time (meta
 * sla-alert-minutes, CRM_SERVICE_DEFAULT_ALERT_MINUTES when unset, 0: no
 * warnings) after it, less those already warned of for the same deadline,
 * and records them as warned.  Finish returns the CrmSlaAlerts to send,
 * soonest first (an empty array when there are none), or NULL with @error
 * set. */
void       crm_sla_alerts_take_async  (CrmStore            *store,
                                       gint64               now,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *crm_sla_alerts_take_finish (CrmStore            *store,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
