/* crm-service-kpi-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the service KPIs: a business clock that answers "business seconds
 * between a and b" for one calendar from a table made once per computation
 * (the cumulative business time at every local midnight of a span, and each
 * day's open spans), so that a million first responses cost no calendar
 * arithmetic each.  The table is built from the calendar's own
 * crm_business_calendar_seconds_between() and checked against it: a day's
 * spans are guessed from the same weekday a week earlier (or the day
 * before) and kept only when the calendar confirms every one of them and
 * their sum, else found by halving the day.  Instants outside the span ask
 * the calendar directly.
 */

#pragma once

#include "crm-service-kpi.h"

G_BEGIN_DECLS

typedef struct _CrmKpiClock CrmKpiClock;

CrmKpiClock *_crm_kpi_clock_new     (CrmBusinessCalendar *calendar);
void         _crm_kpi_clock_free    (CrmKpiClock         *self);
/* Makes the table cover at least [@from, @to) (local days around it). */
void         _crm_kpi_clock_prepare (CrmKpiClock         *self,
                                     gint64               from,
                                     gint64               to);
/* Business seconds in [@from, @to), as crm_business_calendar_seconds_between(). */
gint64       _crm_kpi_clock_between (CrmKpiClock         *self,
                                     gint64               from,
                                     gint64               to);
/* How many times the calendar was asked (for tests). */
guint        _crm_kpi_clock_get_n_calls (CrmKpiClock     *self);

/* Computes the first response statistics now (they are kept until another
 * first response or a wait changes them): another thread may do this while
 * the worker reads what comes next. */
void         _crm_service_kpi_builder_prepare (CrmServiceKpiBuilder *self);

/* Adds what @other counted to @self and frees @other: two builders of the
 * same period, now and calendars (in the same order), that counted other
 * tickets (two threads, each reading half of them). */
void         _crm_service_kpi_builder_merge   (CrmServiceKpiBuilder *self,
                                               CrmServiceKpiBuilder *other);

/* The n-th smallest (0-based) of @values (reordered); n < @n_values. */
gint64       _crm_service_kpi_select (gint64             *values,
                                      gsize               n_values,
                                      gsize               n);

G_END_DECLS
