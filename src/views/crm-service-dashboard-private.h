/* crm-service-dashboard-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service dashboard's parts: the widget (crm-service-dashboard.c:
 * periods, computing, following the store) and what shows the numbers
 * (crm-service-dashboard-apply.c: tiles, tables, charts); and what the
 * tests read.
 */

#pragma once

#include "crm-chart.h"
#include "crm-service-dashboard.h"
#include "crm-service-kpi.h"

G_BEGIN_DECLS

struct _CrmServiceDashboard
{
  GtkWidget            parent_instance;

  CrmContext          *context;
  CrmStore            *store;          /* followed for changes */
  GArray              *handlers;       /* gulong, on @store */
  GCancellable        *cancellable;
  guint                reload_source;
  guint                progress_source;
  guint                pulse_source;   /* until the worker starts on it */
  guint                generation;     /* of the computation under way */
  gboolean             dirty;
  gboolean             computing;
  guint                n_loads;
  CrmServiceKpiReport *report;
  char                *tile_text;      /* for tests */

  GtkWidget           *channel_table;
  GtkWidget           *priority_table;
  GtkWidget           *segment_table;
  GtkWidget           *volume_chart;
  GtkWidget           *volume_table;
  GtkWidget           *rate_chart;
  GtkWidget           *rate_table;
  GtkWidget           *frt_chart;
  GtkWidget           *frt_table;

  /* template widgets */
  GtkWidget           *overlay;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkFlowBox          *toolbar_box;
  GtkDropDown         *period_dropdown;
  GtkWidget           *dates_box;
  GtkMenuButton       *from_button;
  GtkMenuButton       *to_button;
  GtkCalendar         *from_calendar;
  GtkCalendar         *to_calendar;
  GtkLabel            *period_label;
  GtkLabel            *csat_value;
  GtkLabel            *csat_detail;
  GtkLabel            *csat_detail2;
  GtkLabel            *frt_value;
  GtkLabel            *frt_detail;
  GtkLabel            *frt_detail2;
  GtkLabel            *resolution_value;
  GtkLabel            *resolution_detail;
  GtkLabel            *resolution_detail2;
  GtkLabel            *self_service_value;
  GtkLabel            *self_service_detail;
  GtkLabel            *self_service_detail2;
  GtkLabel            *sla_value;
  GtkLabel            *sla_detail;
  GtkLabel            *sla_detail2;
  GtkLabel            *backlog_value;
  GtkLabel            *backlog_detail;
  GtkLabel            *backlog_detail2;
  GtkStack            *breakdown_stack;
  GtkBox              *channel_box;
  GtkBox              *priority_box;
  GtkBox              *segment_box;
  GtkBox              *volume_chart_box;
  GtkBox              *volume_table_box;
  GtkBox              *rate_chart_box;
  GtkBox              *rate_table_box;
  GtkBox              *frt_chart_box;
  GtkBox              *frt_table_box;
};

/* The dropdown's entries after the fixed periods of CrmServiceKpiPeriod. */
#define CRM_SERVICE_DASHBOARD_CUSTOM 5

/* crm-service-dashboard-apply.c */
void        _crm_service_dashboard_init_parts (CrmServiceDashboard *self);
/* Shows @self->report: tiles, breakdowns, trend; picks the empty state
 * when nothing happened in the period. */
void        _crm_service_dashboard_apply      (CrmServiceDashboard *self);
/* "From Nov 1, 2026 to Nov 30, 2026, by week"; transfer full. */
char       *_crm_service_dashboard_describe_period (gint64               from,
                                                    gint64               to,
                                                    CrmServiceKpiBucket  bucket);

/* --- for tests --- */

/* TRUE while a computation is under way or queued, or none finished yet. */
gboolean                   _crm_service_dashboard_is_loading  (CrmServiceDashboard *self);
guint                      _crm_service_dashboard_get_n_loads (CrmServiceDashboard *self);
/* "loading", "error", "empty" or "content" */
const char                *_crm_service_dashboard_get_state   (CrmServiceDashboard *self);
/* What is shown (transfer none; NULL before the first computation). */
const CrmServiceKpiReport *_crm_service_dashboard_get_report  (CrmServiceDashboard *self);
/* The big number of a tile: "csat", "first-response", "resolution",
 * "self-service", "sla" or "backlog"; or the two lines under it (one text). */
const char                *_crm_service_dashboard_get_tile    (CrmServiceDashboard *self,
                                                               const char          *tile,
                                                               gboolean             detail);
/* "channel", "priority" or "segment" */
GtkWidget                 *_crm_service_dashboard_get_breakdown (CrmServiceDashboard *self,
                                                                 const char          *by);
/* "volume", "rates" or "first-response"; the chart and its table twin. */
CrmChart                  *_crm_service_dashboard_get_chart   (CrmServiceDashboard *self,
                                                               const char          *which);
GtkWidget                 *_crm_service_dashboard_get_trend_table (CrmServiceDashboard *self,
                                                                   const char          *which);
/* Chooses a period of the dropdown (CrmServiceKpiPeriod, or
 * CRM_SERVICE_DASHBOARD_CUSTOM with the days given as "YYYY-MM-DD"). */
void                       _crm_service_dashboard_set_period  (CrmServiceDashboard *self,
                                                               guint                period,
                                                               const char          *from_day,
                                                               const char          *to_day);
/* The period the next computation covers. */
void                       _crm_service_dashboard_get_bounds  (CrmServiceDashboard *self,
                                                               gint64              *from,
                                                               gint64              *to);

G_END_DECLS
