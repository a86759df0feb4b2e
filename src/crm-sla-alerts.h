/* crm-sla-alerts.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-context.h"
#include "crm-sla-alert.h"

G_BEGIN_DECLS

#define CRM_TYPE_SLA_ALERTS (crm_sla_alerts_get_type ())

G_DECLARE_FINAL_TYPE (CrmSlaAlerts, crm_sla_alerts, CRM, SLA_ALERTS, GObject)

/* Once a minute while the database of the context is open (and soon after
 * tickets change), asks the store which of the current user's tickets are
 * about to breach their SLA (crm-sla-alert.h) and sends a notification
 * through @application for each; clicking it opens the ticket. */
CrmSlaAlerts  *crm_sla_alerts_new               (GApplication *application);
void           crm_sla_alerts_set_context       (CrmSlaAlerts *self,
                                                 CrmContext   *context);
/* The notification for @alert at @now (unix seconds); transfer full.  Also
 * for tests. */
GNotification *crm_sla_alerts_make_notification (const CrmSlaAlert *alert,
                                                 gint64             now);

G_END_DECLS
