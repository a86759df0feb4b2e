/* crm-service-dashboard.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_SERVICE_DASHBOARD (crm_service_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (CrmServiceDashboard, crm_service_dashboard, CRM, SERVICE_DASHBOARD, GtkWidget)

/* The service dashboard: the service KPIs of a chosen period (this week,
 * month, quarter or year, the last 12 months, or dates of one's own) as
 * tiles, broken down by channel, priority and B2B/B2C in tables, and as
 * trend charts with their table twins; computed off the UI thread with a
 * progress bar, again (coalesced) when tickets change while it is shown.
 * Property: "context" (CrmContext, read-write). */
GtkWidget  *crm_service_dashboard_new         (CrmContext          *context);
CrmContext *crm_service_dashboard_get_context (CrmServiceDashboard *self);
void        crm_service_dashboard_set_context (CrmServiceDashboard *self,
                                               CrmContext          *context);

G_END_DECLS
