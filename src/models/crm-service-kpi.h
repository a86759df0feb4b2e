/* crm-service-kpi.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service KPIs of a period: customer satisfaction, first response time,
 * resolution rate and self-service usage rate (the four of MISSION.md), SLA
 * compliance and the backlog, in total, by channel, by priority, for B2B
 * against B2C customers and as a trend by day, week or month.  The same
 * numbers everywhere: the service dashboard, rapport-cli kpi and the tests.
 * A builder takes plain rows (pure, no SQLite); one worker job reads them
 * from the store in one pass over the tickets.  GTK-free.
 *
 * Definitions, for a period [from, to) in Unix seconds and the present `now`
 * (what happens after `now` is not known yet).  Tickets in the trash are
 * left out everywhere.  A ticket is B2B when it has an organization
 * (ticket.organization_id), else B2C, as deals are on the pipeline board; a
 * self-service resolution is B2B when its customer_kind is "b2b".
 *
 *   Resolved at: a ticket's `resolved` time (closing sets it too), or
 *     `closed` when only that is set; a ticket that is new, open or waiting
 *     on the customer now is not resolved, whatever an earlier resolution
 *     left in those columns.
 *
 *   CSAT: over the tickets rated in the period (csat_score 1–5 and csat_at
 *     in [from, to); a rating without a time counts at the resolution), the
 *     share rated 4 or 5 (`csat`) and the mean score (`csat_mean`).
 *
 *   First response time: over the tickets whose first reply (first_response)
 *     falls in the period, the business seconds from creation to that reply
 *     in the calendar of the ticket's SLA policy (around the clock in UTC
 *     when the policy has none, or there is no policy), minus the business
 *     seconds in that span during which the ticket waited on the customer
 *     (from a "waiting-on-customer" row of ticket_status_change to the next
 *     row of another status); the median (the mean of the two middle values
 *     for an even count) and the 90th percentile (nearest rank: the
 *     ⌈0.9·n⌉-th smallest value).
 *
 *   Resolution rate: tickets resolved in the period ÷ tickets created in the
 *     period (it can pass 1 when a backlog is worked off).  Resolved within
 *     target: of the tickets resolved in the period that had a resolution
 *     target (resolution_due set), the share resolved at or before it.
 *
 *   Self-service usage rate: self-service resolutions in the period (their
 *     `resolved` time) ÷ (those + tickets created in the period).  By
 *     channel the resolution's channel counts; by priority it does not apply
 *     (self-service has no priority).
 *
 *   SLA compliance: a ticket's first-response target counts in the period
 *     when first_response_due lies in [from, to) and its outcome is known:
 *     the ticket was answered (first reply, or resolved without one), or the
 *     due time has passed (before `now`) while the ticket was not waiting on
 *     the customer (a waiting ticket's clock is stopped).  It was met when
 *     the answer came at or before the due time.  The resolution target
 *     counts and is met likewise with resolution_due and the resolution.
 *     First-response compliance and resolution compliance are met ÷ counted
 *     targets of each kind; SLA compliance is the share of tickets with at
 *     least one counted target whose every counted target was met.  (In the
 *     trend each bucket counts the targets due in it.)
 *
 *   Backlog: tickets created before an instant T and not resolved at T
 *     (never resolved, or resolved at or after T): at the start of the
 *     period (T = from) and at its end (T = min (to, now)).  The trend gives
 *     it at the start and end of every bucket.
 *
 * A share or rate whose denominator is 0 is -1 ("no data"), and so are the
 * mean, the median and the 90th percentile of nothing: nothing divides by 0.
 *
 * Trend buckets: days for periods up to 14 days, weeks (from Monday) up to
 * 92 days, months beyond; boundaries are local midnights in the given time
 * zone, the first and last bucket are cut to the period, and buckets that
 * start at or after `now` are left out.  Each event counts in the bucket of
 * its own time: creation, resolution, rating, first reply, due time.
 */

#pragma once

#include <gio/gio.h>

#include "crm-sla.h"
#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_SERVICE_KPI_BUCKET_DAY,
  CRM_SERVICE_KPI_BUCKET_WEEK,
  CRM_SERVICE_KPI_BUCKET_MONTH,
} CrmServiceKpiBucket;

typedef enum
{
  CRM_SERVICE_KPI_B2B,
  CRM_SERVICE_KPI_B2C,
  CRM_SERVICE_KPI_N_SEGMENTS,
} CrmServiceKpiSegment;

/* The periods the dashboard offers, in local time: the week from Monday, the
 * month, the quarter and the year that hold `now` (whole, so their trend
 * buckets are whole too), and the last 12 months (this one and the 11
 * before it). */
typedef enum
{
  CRM_SERVICE_KPI_THIS_WEEK,
  CRM_SERVICE_KPI_THIS_MONTH,
  CRM_SERVICE_KPI_THIS_QUARTER,
  CRM_SERVICE_KPI_THIS_YEAR,
  CRM_SERVICE_KPI_LAST_12_MONTHS,
} CrmServiceKpiPeriod;

/* Every number of one slice (the total, a channel, a priority, a segment,
 * a trend bucket).  Shares and rates are 0–1, -1 when there is no data. */
typedef struct
{
  /* satisfaction */
  guint   n_rated;
  guint   n_satisfied;                 /* rated 4 or 5 */
  double  csat;                        /* n_satisfied / n_rated */
  double  csat_mean;                   /* 1–5 */
  /* first response */
  guint   n_first_responses;
  double  first_response_median;       /* business seconds */
  double  first_response_p90;
  /* resolution */
  guint   n_created;
  guint   n_resolved;
  double  resolution_rate;             /* n_resolved / n_created */
  guint   n_resolved_with_target;
  guint   n_resolved_within_target;
  double  resolved_within_target;      /* n_resolved_within_target / n_resolved_with_target */
  /* self-service */
  guint   n_self_service;
  double  self_service_rate;           /* n_self_service / (n_self_service + n_created) */
  /* SLA */
  guint   n_first_response_targets;
  guint   n_first_response_met;
  double  first_response_compliance;
  guint   n_resolution_targets;
  guint   n_resolution_met;
  double  resolution_compliance;
  guint   n_sla_tickets;
  guint   n_sla_met;
  double  sla_compliance;              /* n_sla_met / n_sla_tickets */
  /* backlog */
  guint   backlog_start;
  guint   backlog_end;
} CrmServiceKpis;

/* One channel or priority (its stable key). */
typedef struct
{
  char           *key;
  CrmServiceKpis  kpis;
} CrmServiceKpiGroup;

/* One trend bucket [start, end). */
typedef struct
{
  gint64          start;
  gint64          end;
  CrmServiceKpis  kpis;
} CrmServiceKpiPoint;

typedef struct
{
  gint64               from;
  gint64               to;
  gint64               now;
  CrmServiceKpiBucket  bucket;
  CrmServiceKpis       total;
  /* Every known channel (the order of crm_service_kpi_get_channels()) and
   * priority, then any other key the tickets hold, sorted. */
  GArray              *channels;     /* CrmServiceKpiGroup */
  GArray              *priorities;   /* CrmServiceKpiGroup */
  CrmServiceKpis       segments[CRM_SERVICE_KPI_N_SEGMENTS];
  GArray              *trend;        /* CrmServiceKpiPoint, in time order */
} CrmServiceKpiReport;

void                 crm_service_kpi_report_free (CrmServiceKpiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServiceKpiReport, crm_service_kpi_report_free)

/* The group of @key in @groups (channels or priorities); NULL when absent. */
const CrmServiceKpis *crm_service_kpi_report_find (GArray     *groups,
                                                   const char *key);

/* The channel and priority keys in display order, NULL terminated;
 * transfer none (static). */
const char * const  *crm_service_kpi_get_channels   (void);
const char * const  *crm_service_kpi_get_priorities (void);

/* Translated names of a channel and a priority key (the key itself when
 * unknown) and of a segment ("B2B", "B2C"); transfer none. */
const char          *crm_service_kpi_channel_label  (const char          *key);
const char          *crm_service_kpi_priority_label (const char          *key);
const char          *crm_service_kpi_segment_label  (CrmServiceKpiSegment segment);
/* The stable key of a segment: "b2b", "b2c". */
const char          *crm_service_kpi_segment_key    (CrmServiceKpiSegment segment);
/* A share as "82.5 %", a duration in business time as "45 min", "2.5 h" or
 * "36 h"; "—" for no data (negative).  Transfer full. */
char                *crm_service_kpi_format_share   (double               share);
char                *crm_service_kpi_format_duration (double              seconds);

/* --- periods --- */

/* The trend bucket of a period [from, to) by its length (see above). */
CrmServiceKpiBucket  crm_service_kpi_choose_bucket (gint64               from,
                                                    gint64               to);
/* [*from, *to) of @period around @now, in @tz (NULL: local). */
void                 crm_service_kpi_get_period    (CrmServiceKpiPeriod  period,
                                                    gint64               now,
                                                    GTimeZone           *tz,
                                                    gint64              *from,
                                                    gint64              *to);
/* The local midnight starting @day ("YYYY-MM-DD") in @tz (NULL: local);
 * FALSE when @day is not a valid date. */
gboolean             crm_service_kpi_parse_day     (const char          *day,
                                                    GTimeZone           *tz,
                                                    gint64              *midnight);

/* --- the builder (pure) --- */

typedef struct _CrmServiceKpiBuilder CrmServiceKpiBuilder;

/* One ticket row.  @calendar is an index from
 * crm_service_kpi_builder_add_calendar(), -1 for around the clock. */
typedef struct
{
  gint64       id;
  gint64       created;
  const char  *status;
  const char  *channel;
  const char  *priority;
  gboolean     b2b;
  int          calendar;
  gint64       first_response;       /* 0: no reply yet */
  gint64       first_response_due;   /* 0: no target */
  gint64       resolved;
  gint64       resolution_due;       /* 0: no target */
  gint64       closed;
  int          csat_score;           /* 1–5, 0: not rated */
  gint64       csat_at;
} CrmServiceKpiTicket;

/* A builder for the period [@from, @to) seen at @now, its trend buckets in
 * @tz (NULL: local).  @to must be after @from. */
CrmServiceKpiBuilder *crm_service_kpi_builder_new          (gint64                     from,
                                                            gint64                     to,
                                                            gint64                     now,
                                                            GTimeZone                 *tz);
void                  crm_service_kpi_builder_free         (CrmServiceKpiBuilder      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServiceKpiBuilder, crm_service_kpi_builder_free)

/* Adds a business calendar (referenced) and returns its index. */
int                   crm_service_kpi_builder_add_calendar (CrmServiceKpiBuilder      *self,
                                                            CrmBusinessCalendar       *calendar);
/* Counts one ticket (the strings are copied where kept).  Tickets that bear
 * on nothing in the period are ignored. */
void                  crm_service_kpi_builder_add_ticket   (CrmServiceKpiBuilder      *self,
                                                            const CrmServiceKpiTicket *ticket);
/* A wait on the customer that may shorten a first response: a
 * "waiting-on-customer" row of ticket_status_change. */
typedef struct
{
  gint64 ticket_id;
  gint64 start;
  gint64 row_id;      /* the status change row, for the caller */
} CrmServiceKpiWait;

/* The span [*from, *to) in which a wait on the customer can start and still
 * shorten a first response time counted so far; FALSE when none can.  Add
 * the tickets first. */
gboolean              crm_service_kpi_builder_get_wait_span (CrmServiceKpiBuilder     *self,
                                                             gint64                   *from,
                                                             gint64                   *to);
/* Keeps in @waits (CrmServiceKpiWait, reordered) only the waits that start
 * before the first reply of a counted first response, whose ends the
 * caller then looks up for crm_service_kpi_builder_add_wait(). */
void                  crm_service_kpi_builder_filter_waits (CrmServiceKpiBuilder      *self,
                                                            GArray                    *waits);
/* A wait on the customer of @ticket_id in [@start, @end) (@end 0: still
 * waiting).  Waits of tickets not counted, and what lies outside the span
 * from creation to the first reply, do not count; add a ticket's waits in
 * the order they started (time two of them share counts once). */
void                  crm_service_kpi_builder_add_wait     (CrmServiceKpiBuilder      *self,
                                                            gint64                     ticket_id,
                                                            gint64                     start,
                                                            gint64                     end);
/* A request resolved through self-service at @resolved. */
void                  crm_service_kpi_builder_add_self_service (CrmServiceKpiBuilder  *self,
                                                            const char                *channel,
                                                            gboolean                   b2b,
                                                            gint64                     resolved);
/* The numbers; consumes the builder.  Transfer full. */
CrmServiceKpiReport  *crm_service_kpi_builder_end          (CrmServiceKpiBuilder      *self);

/* --- from the store --- */

/* Called on the caller's main context with the share of the work done. */
typedef void (*CrmServiceKpiProgressFunc) (double   fraction,
                                           gpointer user_data);

/* Computes the report of [@from, @to) at @now (trend buckets in @tz, NULL:
 * local) on the store's worker, in one read transaction: the calendars and
 * policies, one pass over the tickets, the waits that shorten a first
 * response in the period, and the self-service resolutions.  @progress
 * (nullable) runs on the caller's thread-default main context while it
 * works; @progress_destroy frees @progress_data once no call is pending.
 * Cancelling @cancellable stops the pass (G_IO_ERROR_CANCELLED). */
void                  crm_service_kpi_compute_async  (CrmStore                  *store,
                                                      gint64                     from,
                                                      gint64                     to,
                                                      gint64                     now,
                                                      GTimeZone                 *tz,
                                                      CrmServiceKpiProgressFunc  progress,
                                                      gpointer                   progress_data,
                                                      GDestroyNotify             progress_destroy,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
CrmServiceKpiReport  *crm_service_kpi_compute_finish (CrmStore                  *store,
                                                      GAsyncResult              *result,
                                                      GError                   **error);

G_END_DECLS
