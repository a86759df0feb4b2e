/* crm-forecast-view-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests read of the forecast and cycle views.
 */

#pragma once

#include "crm-chart.h"
#include "crm-cycle-view.h"
#include "crm-forecast-view.h"

G_BEGIN_DECLS

/* TRUE while a read is under way or queued, or nothing was read yet. */
gboolean    _crm_forecast_view_is_loading   (CrmForecastView *self);
/* How many reads finished. */
guint       _crm_forecast_view_get_n_loads  (CrmForecastView *self);
/* "loading", "error", "empty" or "content" */
const char *_crm_forecast_view_get_state    (CrmForecastView *self);
CrmChart   *_crm_forecast_view_get_chart    (CrmForecastView *self);
/* The table twin shown now (by month, or by owner and month). */
GtkWidget  *_crm_forecast_view_get_table    (CrmForecastView *self);
const char *_crm_forecast_view_get_currency (CrmForecastView *self);
/* Picks @currency in the currency chooser; FALSE when it is not there. */
gboolean    _crm_forecast_view_choose_currency (CrmForecastView *self,
                                                const char      *currency);
/* Whether the chooser shows (deals in more than one currency). */
gboolean    _crm_forecast_view_has_currency_choice (CrmForecastView *self);
/* The scope switch: every pipeline instead of the chosen one. */
void        _crm_forecast_view_set_all_pipelines (CrmForecastView *self,
                                                  gboolean         all);
void        _crm_forecast_view_set_by_owner (CrmForecastView *self,
                                             gboolean         by_owner);

gboolean    _crm_cycle_view_is_loading      (CrmCycleView    *self);
const char *_crm_cycle_view_get_state       (CrmCycleView    *self);
/* Days to won: categories All, B2B, B2C (those with won deals); series
 * mean, median. */
CrmChart   *_crm_cycle_view_get_days_chart  (CrmCycleView    *self);
CrmChart   *_crm_cycle_view_get_stage_chart (CrmCycleView    *self);
CrmChart   *_crm_cycle_view_get_conversion_chart (CrmCycleView *self);
void        _crm_cycle_view_set_all_pipelines (CrmCycleView *self,
                                               gboolean      all);
GtkWidget  *_crm_cycle_view_get_summary_table (CrmCycleView  *self);

G_END_DECLS
