/* test-service-kpi.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service KPIs: every formula on small hand-built data with known
 * answers (waiting pauses, weekends and holidays in business time, unrated
 * tickets, empty periods, breakdowns, the trend), the business clock table
 * against the calendar itself, the periods, the store job (with waits read
 * from the status history, progress and cancelling), and the sample data
 * against numbers worked out here another way.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-demo.h"
#include "crm-service-kpi.h"
#include "crm-service-kpi-private.h"
#include "crm-sla.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define H   G_GINT64_CONSTANT (3600)
#define D   G_GINT64_CONSTANT (86400)
/* Monday 2026-03-02 00:00 UTC */
#define MON G_GINT64_CONSTANT (1772409600)

static GTimeZone *utc;

static CrmServiceKpiTicket
ticket (gint64      id,
        gint64      created,
        const char *status)
{
  CrmServiceKpiTicket t = { 0 };

  t.id = id;
  t.created = created;
  t.status = status;
  t.channel = "email";
  t.priority = "normal";
  t.calendar = -1;
  return t;
}

static const CrmServiceKpis *
channel (const CrmServiceKpiReport *report,
         const char                *key)
{
  const CrmServiceKpis *k = crm_service_kpi_report_find (report->channels, key);

  g_assert_nonnull (k);
  return k;
}

static const CrmServiceKpis *
priority (const CrmServiceKpiReport *report,
          const char                *key)
{
  const CrmServiceKpis *k = crm_service_kpi_report_find (report->priorities, key);

  g_assert_nonnull (k);
  return k;
}

static const CrmServiceKpis *
point (const CrmServiceKpiReport *report,
       guint                      i)
{
  g_assert_cmpuint (i, <, report->trend->len);
  return &g_array_index (report->trend, CrmServiceKpiPoint, i).kpis;
}

/* --- order statistics --- */

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
test_select (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 300; round++)
    {
      gsize n = 1 + g_rand_int_range (rand, 0, round < 200 ? 60 : 3000);
      gint64 range = round % 3 == 0 ? 3 : 1000000;
      g_autofree gint64 *values = g_new (gint64, n);
      g_autofree gint64 *sorted = g_new (gint64, n);
      g_autofree gint64 *work = g_new (gint64, n);

      for (gsize i = 0; i < n; i++)
        values[i] = round % 7 == 0 ? (gint64) i : g_rand_int_range (rand, 0, range);
      memcpy (sorted, values, n * sizeof (gint64));
      qsort (sorted, n, sizeof (gint64), compare_int64);
      for (gsize k = 0; k < n; k += 1 + n / 17)
        {
          memcpy (work, values, n * sizeof (gint64));
          g_assert_cmpint (_crm_service_kpi_select (work, n, k), ==, sorted[k]);
          /* Everything before the n-th is at most it. */
          for (gsize i = 0; i < k; i++)
            g_assert_cmpint (work[i], <=, sorted[k]);
        }
    }
}

/* Random tickets for the statistics and the merge: wide-ranging first
 * responses with many ties, every status, ratings, targets, an unknown
 * channel and priority. */
static CrmServiceKpiTicket
random_ticket (GRand  *rand,
               gint64  id)
{
  static const char * const statuses[] = { "new", "open", "waiting-on-customer", "resolved", "closed" };
  static const char * const chans[] = { "email", "phone", "chat", "fax" };
  static const char * const prios[] = { "urgent", "high", "normal", "low", "someday" };
  CrmServiceKpiTicket t = ticket (id, MON - 20 * D + g_rand_int_range (rand, 0, 120 * D), "open");
  /* Spans from nothing to years: exact below a minute, and in every bin. */
  static const gint64 spans[] = { 1, 64, 3600, 86400, 86400 * 400 };
  gint64 span = spans[g_rand_int_range (rand, 0, G_N_ELEMENTS (spans))];

  t.status = statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))];
  t.channel = chans[g_rand_int_range (rand, 0, G_N_ELEMENTS (chans))];
  t.priority = prios[g_rand_int_range (rand, 0, G_N_ELEMENTS (prios))];
  t.b2b = g_rand_boolean (rand);
  if (g_rand_int_range (rand, 0, 10) < 8)
    t.first_response = t.created + (g_rand_int_range (rand, 0, 4) == 0 ? 30 : g_rand_double (rand) * span);
  if (t.status[0] == 'r' || t.status[0] == 'c')
    t.resolved = t.created + g_rand_int_range (rand, 0, 20 * D);
  t.first_response_due = g_rand_boolean (rand) ? t.created + 4 * H : 0;
  t.resolution_due = g_rand_boolean (rand) ? t.created + 3 * D : 0;
  t.csat_score = g_rand_int_range (rand, 0, 6);
  t.csat_at = t.csat_score != 0 ? t.created + 5 * D : 0;
  return t;
}

/* The median and 90th percentile of @values (sorted here), as the report
 * defines them. */
static void
sorted_stats (GArray *values,
              double *median,
              double *p90)
{
  gint64 *v = (gint64 *) (gpointer) values->data;
  gsize n = values->len;

  g_array_sort (values, compare_int64);
  *median = n == 0 ? -1 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  *p90 = n == 0 ? -1 : v[(9 * n + 9) / 10 - 1];
}

static void
assert_frt_stats (const CrmServiceKpis *kpis,
                  GArray               *values)
{
  double median, p90;

  sorted_stats (values, &median, &p90);
  g_assert_cmpuint (kpis->n_first_responses, ==, values->len);
  g_assert_cmpfloat (kpis->first_response_median, ==, median);
  g_assert_cmpfloat (kpis->first_response_p90, ==, p90);
}

/* Every slice's median and 90th percentile against sorting its values. */
static void
test_statistics (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 6; round++)
    {
      guint n = round == 0 ? 1 : round == 1 ? 2 : round < 4 ? 37 : 20000;
      gint64 from = MON, to = MON + 92 * D;
      g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (from, to, MON + 200 * D, utc);
      g_autoptr(CrmServiceKpiReport) report = NULL;
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) email = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) someday = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) b2b = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) second_week = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < n; i++)
        {
          CrmServiceKpiTicket t = random_ticket (rand, i + 1);
          gint64 value = t.first_response - t.created;

          crm_service_kpi_builder_add_ticket (builder, &t);
          if (t.first_response == 0 || t.first_response < from || t.first_response >= to)
            continue;
          g_array_append_val (total, value);
          if (strcmp (t.channel, "email") == 0)
            g_array_append_val (email, value);
          if (strcmp (t.priority, "someday") == 0)
            g_array_append_val (someday, value);
          if (t.b2b)
            g_array_append_val (b2b, value);
          if (t.first_response >= MON + 7 * D && t.first_response < MON + 14 * D)
            g_array_append_val (second_week, value);
        }
      report = crm_service_kpi_builder_end (g_steal_pointer (&builder));
      assert_frt_stats (&report->total, total);
      if (n > 2)
        {
          assert_frt_stats (channel (report, "email"), email);
          assert_frt_stats (priority (report, "someday"), someday);
          assert_frt_stats (&report->segments[CRM_SERVICE_KPI_B2B], b2b);
          g_assert_cmpint (report->bucket, ==, CRM_SERVICE_KPI_BUCKET_WEEK);
          assert_frt_stats (point (report, 1), second_week);
        }
    }
}

static void
assert_same_kpis (const CrmServiceKpis *a,
                  const CrmServiceKpis *b)
{
#define SAME(field) g_assert_cmpfloat ((double) a->field, ==, (double) b->field)
  SAME (n_rated); SAME (n_satisfied); SAME (csat); SAME (csat_mean);
  SAME (n_first_responses); SAME (first_response_median); SAME (first_response_p90);
  SAME (n_created); SAME (n_resolved); SAME (resolution_rate);
  SAME (n_resolved_with_target); SAME (n_resolved_within_target); SAME (resolved_within_target);
  SAME (n_self_service); SAME (self_service_rate);
  SAME (n_first_response_targets); SAME (n_first_response_met); SAME (first_response_compliance);
  SAME (n_resolution_targets); SAME (n_resolution_met); SAME (resolution_compliance);
  SAME (n_sla_tickets); SAME (n_sla_met); SAME (sla_compliance);
  SAME (backlog_start); SAME (backlog_end);
#undef SAME
}

static void
assert_same_groups (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_cmpstr (g_array_index (a, CrmServiceKpiGroup, i).key, ==,
                       g_array_index (b, CrmServiceKpiGroup, i).key);
      assert_same_kpis (&g_array_index (a, CrmServiceKpiGroup, i).kpis,
                        &g_array_index (b, CrmServiceKpiGroup, i).kpis);
    }
}

/* Two builders that each counted part of the tickets, merged, report what
 * one builder of them all does: split by id as the store's two readers do,
 * and interleaved, with waits afterwards. */
static void
test_merge (void)
{
  for (guint split = 0; split < 2; split++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (5);
      gint64 from = MON, to = MON + 60 * D, now = MON + 61 * D;
      g_autoptr(CrmServiceKpiBuilder) one = crm_service_kpi_builder_new (from, to, now, utc);
      g_autoptr(CrmServiceKpiBuilder) low = crm_service_kpi_builder_new (from, to, now, utc);
      g_autoptr(CrmServiceKpiBuilder) high = crm_service_kpi_builder_new (from, to, now, utc);
      g_autoptr(CrmBusinessCalendar) office = crm_business_calendar_new ("UTC", "mon-fri 09:00-17:00", NULL);
      g_autoptr(CrmServiceKpiReport) expected = NULL;
      g_autoptr(CrmServiceKpiReport) merged = NULL;
      guint n = 5000;

      crm_service_kpi_builder_add_calendar (one, office);
      crm_service_kpi_builder_add_calendar (low, office);
      crm_service_kpi_builder_add_calendar (high, office);
      for (guint i = 1; i <= n; i++)
        {
          CrmServiceKpiTicket t = random_ticket (rand, i);
          gboolean to_low = split == 0 ? i <= n / 2 : i % 2 == 0;

          t.calendar = i % 3 == 0 ? 0 : -1;
          crm_service_kpi_builder_add_ticket (one, &t);
          /* The second reader finds a channel the first has not seen. */
          crm_service_kpi_builder_add_ticket (to_low ? low : high, &t);
        }
      _crm_service_kpi_builder_merge (low, g_steal_pointer (&high));
      for (gint64 id = 1; id <= n; id += 7)
        {
          crm_service_kpi_builder_add_wait (one, id, MON + id * 600, MON + id * 600 + 2 * H);
          crm_service_kpi_builder_add_wait (low, id, MON + id * 600, MON + id * 600 + 2 * H);
        }
      crm_service_kpi_builder_add_self_service (one, "chat", FALSE, MON + D);
      crm_service_kpi_builder_add_self_service (low, "chat", FALSE, MON + D);

      expected = crm_service_kpi_builder_end (g_steal_pointer (&one));
      merged = crm_service_kpi_builder_end (g_steal_pointer (&low));
      g_assert_cmpuint (expected->total.n_first_responses, >, n / 4);
      assert_same_kpis (&expected->total, &merged->total);
      for (guint s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
        assert_same_kpis (&expected->segments[s], &merged->segments[s]);
      assert_same_groups (expected->channels, merged->channels);
      assert_same_groups (expected->priorities, merged->priorities);
      g_assert_cmpuint (expected->trend->len, ==, merged->trend->len);
      for (guint i = 0; i < expected->trend->len; i++)
        assert_same_kpis (point (expected, i), point (merged, i));
    }
}

/* --- CSAT --- */

static void
test_csat (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  struct { gint64 id; int score; gint64 at; const char *channel; gboolean b2b; } rated[] = {
    { 1, 5, MON + 1 * D, "email", TRUE },
    { 2, 4, MON + 2 * D, "chat", FALSE },
    { 3, 3, MON + 2 * D + H, "email", FALSE },
    { 4, 1, MON + 3 * D, "email", TRUE },
    { 5, 0, 0, "email", FALSE },              /* not rated */
    { 6, 5, MON + 8 * D, "email", FALSE },    /* rated after the period */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rated); i++)
    {
      CrmServiceKpiTicket t = ticket (rated[i].id, MON - 5 * D, "closed");

      t.resolved = t.closed = MON - D;
      t.csat_score = rated[i].score;
      t.csat_at = rated[i].at;
      t.channel = rated[i].channel;
      t.b2b = rated[i].b2b;
      crm_service_kpi_builder_add_ticket (builder, &t);
    }
  {
    /* A rating without a time counts at the resolution. */
    CrmServiceKpiTicket t = ticket (7, MON - 5 * D, "resolved");

    t.resolved = MON + 4 * D;
    t.csat_score = 2;
    crm_service_kpi_builder_add_ticket (builder, &t);
  }
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  /* 5, 4, 3, 1, 2: two of five rated 4 or 5; the mean is 15 / 5. */
  g_assert_cmpuint (report->total.n_rated, ==, 5);
  g_assert_cmpuint (report->total.n_satisfied, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->total.csat, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->total.csat_mean, 3.0, 1e-9);
  /* By channel: email 5, 3, 1, 2; chat 4; phone nothing. */
  g_assert_cmpuint (channel (report, "email")->n_rated, ==, 4);
  g_assert_cmpfloat_with_epsilon (channel (report, "email")->csat, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "email")->csat_mean, 11.0 / 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "chat")->csat, 1.0, 1e-9);
  g_assert_cmpfloat (channel (report, "phone")->csat, ==, -1);
  g_assert_cmpfloat (channel (report, "phone")->csat_mean, ==, -1);
  /* B2B 5, 1; B2C 4, 3, 2. */
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2B].csat, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2B].csat_mean, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2C].csat, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2C].csat_mean, 3.0, 1e-9);
  /* A week: by day, each rating on its day. */
  g_assert_cmpint (report->bucket, ==, CRM_SERVICE_KPI_BUCKET_DAY);
  g_assert_cmpuint (report->trend->len, ==, 7);
  g_assert_cmpuint (point (report, 0)->n_rated, ==, 0);
  g_assert_cmpfloat (point (report, 0)->csat, ==, -1);
  g_assert_cmpuint (point (report, 1)->n_rated, ==, 1);
  g_assert_cmpuint (point (report, 2)->n_rated, ==, 2);
  g_assert_cmpfloat_with_epsilon (point (report, 2)->csat, 0.5, 1e-9);
  g_assert_cmpuint (point (report, 3)->n_rated, ==, 1);
  g_assert_cmpfloat_with_epsilon (point (report, 3)->csat, 0.0, 1e-9);
  g_assert_cmpuint (point (report, 4)->n_rated, ==, 1);
}

/* --- first response time --- */

static void
test_first_response (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 14 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  g_autoptr(CrmBusinessCalendar) office = crm_business_calendar_new ("UTC", "mon-fri 09:00-17:00", NULL);
  g_autoptr(CrmBusinessCalendar) holidays = crm_business_calendar_new ("UTC", "mon-fri 09:00-17:00", NULL);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (CrmServiceKpiWait));
  CrmServiceKpiWait wait;
  int cal, hol;
  gint64 from, to;
  struct {
    gint64 id; int calendar; gint64 created; gint64 reply; const char *channel; const char *priority;
  } cases[] = {
    /* Mon 10:00 → 11:00: an hour. */
    { 1, 0, MON + 10 * H, MON + 11 * H, "chat", "normal" },
    /* Fri 16:00 → Mon 10:00: an hour on Friday, one on Monday. */
    { 2, 0, MON + 4 * D + 16 * H, MON + 7 * D + 10 * H, "email", "high" },
    /* Mon 09:00 → 12:00, waiting on the customer 10:00–11:00: two hours. */
    { 3, 0, MON + 7 * D + 9 * H, MON + 7 * D + 12 * H, "email", "normal" },
    /* Around the clock: Tue 20:00 → Wed 02:00, six hours. */
    { 4, -1, MON + 1 * D + 20 * H, MON + 2 * D + 2 * H, "phone", "urgent" },
    /* Saturday 10:00 → 11:00: no business time. */
    { 5, 0, MON + 5 * D + 10 * H, MON + 5 * D + 11 * H, "email", "low" },
    /* Tue 09:00, waiting from 09:30 until after the reply at 10:30: half an hour. */
    { 8, 0, MON + 8 * D + 9 * H, MON + 8 * D + 10 * H + 30 * 60, "chat", "normal" },
    /* Fri 16:00 → Tue 10:00 over a Monday holiday: two hours. */
    { 10, 1, MON + 4 * D + 16 * H, MON + 8 * D + 10 * H, "email", "normal" },
    /* Replied after the period: not counted. */
    { 6, 0, MON + 13 * D, MON + 15 * D, "email", "normal" },
  };

  g_assert_nonnull (office);
  g_assert_true (crm_business_calendar_add_holiday (holidays, "2026-03-09"));
  cal = crm_service_kpi_builder_add_calendar (builder, office);
  hol = crm_service_kpi_builder_add_calendar (builder, holidays);
  g_assert_cmpint (cal, ==, 0);
  g_assert_cmpint (hol, ==, 1);

  g_assert_false (crm_service_kpi_builder_get_wait_span (builder, &from, &to));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmServiceKpiTicket t = ticket (cases[i].id, cases[i].created, "open");

      t.calendar = cases[i].calendar;
      t.first_response = cases[i].reply;
      t.channel = cases[i].channel;
      t.priority = cases[i].priority;
      crm_service_kpi_builder_add_ticket (builder, &t);
    }
  {
    /* No reply yet: not counted. */
    CrmServiceKpiTicket t = ticket (7, MON + D, "new");

    t.calendar = cal;
    crm_service_kpi_builder_add_ticket (builder, &t);
  }

  /* Waits can start from the earliest counted creation (ticket 1's). */
  g_assert_true (crm_service_kpi_builder_get_wait_span (builder, &from, &to));
  g_assert_cmpint (from, ==, MON + 10 * H);
  g_assert_cmpint (to, ==, MON + 14 * D);
  /* Of these, the waits of 3 and 8 start before their replies. */
  wait = (CrmServiceKpiWait) { 8, MON + 8 * D + 9 * H + 30 * 60, 81 };
  g_array_append_val (waits, wait);
  wait = (CrmServiceKpiWait) { 3, MON + 7 * D + 10 * H, 31 };
  g_array_append_val (waits, wait);
  wait = (CrmServiceKpiWait) { 3, MON + 7 * D + 13 * H, 32 };          /* after the reply */
  g_array_append_val (waits, wait);
  wait = (CrmServiceKpiWait) { 7, MON + D + H, 71 };                   /* not counted */
  g_array_append_val (waits, wait);
  wait = (CrmServiceKpiWait) { 99, MON + D + H, 991 };                 /* unknown */
  g_array_append_val (waits, wait);
  crm_service_kpi_builder_filter_waits (builder, waits);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, CrmServiceKpiWait, 0).ticket_id, ==, 3);
  g_assert_cmpint (g_array_index (waits, CrmServiceKpiWait, 0).row_id, ==, 31);
  g_assert_cmpint (g_array_index (waits, CrmServiceKpiWait, 1).ticket_id, ==, 8);
  crm_service_kpi_builder_add_wait (builder, 3, MON + 7 * D + 10 * H, MON + 7 * D + 11 * H);
  crm_service_kpi_builder_add_wait (builder, 8, MON + 8 * D + 9 * H + 30 * 60, 0);
  /* Waits of tickets not counted change nothing. */
  crm_service_kpi_builder_add_wait (builder, 7, MON + D + H, 0);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  /* 3600, 7200, 7200, 21600, 0, 1800, 7200: sorted 0, 1800, 3600, 7200,
   * 7200, 7200, 21600; the median is the 4th, the 90th percentile the
   * ⌈6.3⌉ = 7th. */
  g_assert_cmpuint (report->total.n_first_responses, ==, 7);
  g_assert_cmpfloat (report->total.first_response_median, ==, 7200);
  g_assert_cmpfloat (report->total.first_response_p90, ==, 21600);
  /* Chat: 3600 and 1800, an even count: the mean of the two middles. */
  g_assert_cmpuint (channel (report, "chat")->n_first_responses, ==, 2);
  g_assert_cmpfloat (channel (report, "chat")->first_response_median, ==, 2700);
  g_assert_cmpfloat (channel (report, "chat")->first_response_p90, ==, 3600);
  g_assert_cmpfloat (channel (report, "phone")->first_response_median, ==, 21600);
  /* Email: 7200, 7200, 0, 7200. */
  g_assert_cmpfloat (channel (report, "email")->first_response_median, ==, 7200);
  g_assert_cmpfloat (channel (report, "social")->first_response_median, ==, -1);
  g_assert_cmpfloat (channel (report, "social")->first_response_p90, ==, -1);
  g_assert_cmpfloat (priority (report, "low")->first_response_median, ==, 0);
  g_assert_cmpfloat (priority (report, "urgent")->first_response_p90, ==, 21600);
  /* Normal: 3600, 7200, 1800, 7200 → (3600 + 7200) / 2. */
  g_assert_cmpfloat (priority (report, "normal")->first_response_median, ==, 5400);
  g_assert_cmpuint (report->segments[CRM_SERVICE_KPI_B2C].n_first_responses, ==, 7);
  g_assert_cmpfloat (report->segments[CRM_SERVICE_KPI_B2B].first_response_median, ==, -1);
  /* Two weeks by day: each reply on its day. */
  g_assert_cmpuint (report->trend->len, ==, 14);
  g_assert_cmpfloat (point (report, 0)->first_response_median, ==, 3600);
  g_assert_cmpfloat (point (report, 7)->first_response_median, ==, 7200);   /* 2 and 3 */
  g_assert_cmpuint (point (report, 7)->n_first_responses, ==, 2);
  g_assert_cmpfloat (point (report, 8)->first_response_median, ==, 4500);   /* 8 and 10 */
}

/* --- resolution --- */

static void
test_resolution (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  CrmServiceKpiTicket t;

  /* Created and resolved in time. */
  t = ticket (1, MON + D, "resolved");
  t.resolved = MON + 2 * D;
  t.resolution_due = MON + 3 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Created and resolved late. */
  t = ticket (2, MON + D, "closed");
  t.resolved = MON + 4 * D;
  t.closed = MON + 5 * D;
  t.resolution_due = MON + 3 * D;
  t.channel = "phone";
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Created before, resolved in the period, no target. */
  t = ticket (3, MON - 3 * D, "resolved");
  t.resolved = MON + D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Still open. */
  t = ticket (4, MON + 2 * D, "open");
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Closed without a resolution time: the close counts. */
  t = ticket (5, MON + 2 * D, "closed");
  t.closed = MON + 3 * D;
  t.channel = "phone";
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Resolved after the period. */
  t = ticket (6, MON + 3 * D, "resolved");
  t.resolved = MON + 9 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* Reopened: the old resolution does not count. */
  t = ticket (7, MON + 3 * D, "open");
  t.resolved = MON + 4 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* In the trash, or never heard of: a caller leaves those out; created
   * after the period: ignored. */
  t = ticket (8, MON + 8 * D, "resolved");
  t.resolved = MON + 8 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  g_assert_cmpuint (report->total.n_created, ==, 6);
  g_assert_cmpuint (report->total.n_resolved, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->total.resolution_rate, 4.0 / 6, 1e-9);
  g_assert_cmpuint (report->total.n_resolved_with_target, ==, 2);
  g_assert_cmpuint (report->total.n_resolved_within_target, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->total.resolved_within_target, 0.5, 1e-9);
  /* Phone: two created, both resolved, one late and one without a target. */
  g_assert_cmpfloat_with_epsilon (channel (report, "phone")->resolution_rate, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "phone")->resolved_within_target, 0.0, 1e-9);
  /* Email: 1, 4, 6, 7 created; 1 and 3 resolved. */
  g_assert_cmpfloat_with_epsilon (channel (report, "email")->resolution_rate, 0.5, 1e-9);
  g_assert_cmpfloat (channel (report, "chat")->resolution_rate, ==, -1);
  g_assert_cmpfloat (channel (report, "chat")->resolved_within_target, ==, -1);
  /* Per day: created on days 1 (2), 2 (2), 3 (2); resolved on 1, 2, 3, 4. */
  g_assert_cmpuint (point (report, 1)->n_created, ==, 2);
  g_assert_cmpuint (point (report, 1)->n_resolved, ==, 1);
  g_assert_cmpfloat_with_epsilon (point (report, 1)->resolution_rate, 0.5, 1e-9);
  g_assert_cmpuint (point (report, 4)->n_resolved, ==, 1);
  g_assert_cmpfloat (point (report, 4)->resolution_rate, ==, -1);
}

/* --- self-service --- */

static void
test_self_service (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  CrmServiceKpiTicket t;

  t = ticket (1, MON + D, "open");
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (2, MON + D, "open");
  t.channel = "self-service";
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (3, MON + 2 * D, "open");
  t.b2b = TRUE;
  crm_service_kpi_builder_add_ticket (builder, &t);

  crm_service_kpi_builder_add_self_service (builder, "self-service", FALSE, MON + D);
  crm_service_kpi_builder_add_self_service (builder, NULL, FALSE, MON + 2 * D);
  crm_service_kpi_builder_add_self_service (builder, "web-form", TRUE, MON + 3 * D);
  crm_service_kpi_builder_add_self_service (builder, "self-service", FALSE, MON + 8 * D);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  /* 3 ÷ (3 + 3 tickets). */
  g_assert_cmpuint (report->total.n_self_service, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->total.self_service_rate, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "self-service")->self_service_rate, 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "web-form")->self_service_rate, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "email")->self_service_rate, 0.0, 1e-9);
  g_assert_cmpfloat (channel (report, "phone")->self_service_rate, ==, -1);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2B].self_service_rate, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2C].self_service_rate, 0.5, 1e-9);
  /* Self-service has no priority. */
  for (guint i = 0; i < report->priorities->len; i++)
    g_assert_cmpfloat (g_array_index (report->priorities, CrmServiceKpiGroup, i).kpis.self_service_rate,
                       ==, -1);
  g_assert_cmpfloat_with_epsilon (point (report, 1)->self_service_rate, 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (report, 2)->self_service_rate, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (report, 3)->self_service_rate, 1.0, 1e-9);
  g_assert_cmpfloat (point (report, 4)->self_service_rate, ==, -1);
}

/* --- SLA compliance --- */

static void
test_sla (void)
{
  /* Seen on Saturday at noon: targets due later are not known yet. */
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 5 * D + 12 * H, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  CrmServiceKpiTicket t;

  /* a: both met. */
  t = ticket (1, MON, "resolved");
  t.first_response_due = MON + D;
  t.first_response = MON + D - H;
  t.resolution_due = MON + 2 * D;
  t.resolved = MON + D + H;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* b: first response late, resolution met. */
  t = ticket (2, MON, "resolved");
  t.first_response_due = MON + D;
  t.first_response = MON + D + H;
  t.resolution_due = MON + 3 * D;
  t.resolved = MON + 2 * D;
  t.channel = "phone";
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* c: no answer by its due time (passed); the resolution is due later. */
  t = ticket (3, MON, "open");
  t.first_response_due = MON + 2 * D;
  t.resolution_due = MON + 6 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* d: answered early for a due time still to come. */
  t = ticket (4, MON + 3 * D, "open");
  t.first_response_due = MON + 6 * D;
  t.first_response = MON + 4 * D;
  t.resolution_due = MON + 6 * D + H;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* e: nothing known yet. */
  t = ticket (5, MON + 4 * D, "new");
  t.first_response_due = MON + 6 * D;
  t.resolution_due = MON + 6 * D + H;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* f: waiting on the customer past the resolution due time: its clock
   * stands still, so only the first response counts. */
  t = ticket (6, MON, "waiting-on-customer");
  t.first_response_due = MON + D;
  t.first_response = MON + 12 * H;
  t.resolution_due = MON + 3 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* g: first response due before the period; resolution late. */
  t = ticket (7, MON - 3 * D, "closed");
  t.first_response_due = MON - D;
  t.first_response = MON - 2 * D;
  t.resolution_due = MON + 2 * D;
  t.resolved = MON + 2 * D + H;
  t.b2b = TRUE;
  crm_service_kpi_builder_add_ticket (builder, &t);
  /* h: resolved without a reply, in time for both. */
  t = ticket (8, MON, "resolved");
  t.first_response_due = MON + 2 * D;
  t.resolved = MON + D;
  t.resolution_due = MON + 3 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  /* First response: a, b, c, d, f, h counted; b and c missed. */
  g_assert_cmpuint (report->total.n_first_response_targets, ==, 6);
  g_assert_cmpuint (report->total.n_first_response_met, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->total.first_response_compliance, 4.0 / 6, 1e-9);
  /* Resolution: a, b, g, h counted; g missed. */
  g_assert_cmpuint (report->total.n_resolution_targets, ==, 4);
  g_assert_cmpuint (report->total.n_resolution_met, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->total.resolution_compliance, 0.75, 1e-9);
  /* Tickets: a, d, f, h met; b, c, g not. */
  g_assert_cmpuint (report->total.n_sla_tickets, ==, 7);
  g_assert_cmpuint (report->total.n_sla_met, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->total.sla_compliance, 4.0 / 7, 1e-9);
  /* Resolved in the period with a target: a, b, g, h; g late. */
  g_assert_cmpfloat_with_epsilon (report->total.resolved_within_target, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (channel (report, "phone")->sla_compliance, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2B].sla_compliance, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2C].sla_compliance, 4.0 / 6, 1e-9);
  g_assert_cmpfloat (channel (report, "chat")->sla_compliance, ==, -1);
  /* Day 1: the first responses of a, b and f are due (a and f met). */
  g_assert_cmpuint (point (report, 1)->n_sla_tickets, ==, 3);
  g_assert_cmpuint (point (report, 1)->n_sla_met, ==, 2);
  /* Day 2: a's resolution (met), c's first response (missed), g's
   * resolution (missed), h's first response (met). */
  g_assert_cmpuint (point (report, 2)->n_sla_tickets, ==, 4);
  g_assert_cmpuint (point (report, 2)->n_sla_met, ==, 2);
  /* Saturday is the last day begun: Sunday is not in the trend. */
  g_assert_cmpuint (report->trend->len, ==, 6);
}

/* --- backlog --- */

static void
test_backlog (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  CrmServiceKpiTicket t;
  const guint starts[] = { 3, 2, 2, 3, 2, 2, 2 };
  const guint ends[] = { 2, 2, 3, 2, 2, 2, 2 };

  t = ticket (1, MON - 2 * D, "open");        /* open all along */
  t.b2b = TRUE;
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (2, MON - 2 * D, "resolved");    /* resolved on day 1 */
  t.resolved = MON + D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (3, MON + D, "resolved");        /* open past the end */
  t.resolved = MON + 8 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (4, MON + 2 * D, "resolved");    /* within day 2 */
  t.resolved = MON + 3 * D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (5, MON - 5 * D, "closed");      /* done before */
  t.resolved = MON - D;
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (6, MON + 9 * D, "open");        /* after */
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (7, MON - D, "resolved");        /* resolved at the very start */
  t.resolved = MON;
  crm_service_kpi_builder_add_ticket (builder, &t);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  g_assert_cmpuint (report->total.backlog_start, ==, 3);   /* 1, 2, 7 */
  g_assert_cmpuint (report->total.backlog_end, ==, 2);     /* 1, 3 */
  g_assert_cmpuint (report->segments[CRM_SERVICE_KPI_B2B].backlog_end, ==, 1);
  g_assert_cmpuint (report->segments[CRM_SERVICE_KPI_B2C].backlog_start, ==, 2);
  g_assert_cmpuint (report->trend->len, ==, 7);
  /* At each day's start and end: day 2 ends with 1, 3 and 4 (resolved
   * at the end instant itself). */
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpuint (point (report, i)->backlog_start, ==, starts[i]);
      g_assert_cmpuint (point (report, i)->backlog_end, ==, ends[i]);
    }
}

/* --- nothing at all --- */

static void
test_empty (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = crm_service_kpi_builder_end (g_steal_pointer (&builder));
  const CrmServiceKpis *k = &report->total;
  gint64 from, to;

  g_assert_cmpuint (k->n_created + k->n_resolved + k->n_rated + k->n_first_responses +
                    k->n_self_service + k->n_sla_tickets + k->backlog_end, ==, 0);
  g_assert_cmpfloat (k->csat, ==, -1);
  g_assert_cmpfloat (k->csat_mean, ==, -1);
  g_assert_cmpfloat (k->first_response_median, ==, -1);
  g_assert_cmpfloat (k->first_response_p90, ==, -1);
  g_assert_cmpfloat (k->resolution_rate, ==, -1);
  g_assert_cmpfloat (k->resolved_within_target, ==, -1);
  g_assert_cmpfloat (k->self_service_rate, ==, -1);
  g_assert_cmpfloat (k->first_response_compliance, ==, -1);
  g_assert_cmpfloat (k->resolution_compliance, ==, -1);
  g_assert_cmpfloat (k->sla_compliance, ==, -1);
  /* Every known channel and priority is there, in order. */
  g_assert_cmpuint (report->channels->len, ==, g_strv_length ((GStrv) crm_service_kpi_get_channels ()));
  g_assert_cmpstr (g_array_index (report->channels, CrmServiceKpiGroup, 0).key, ==, "email");
  g_assert_cmpuint (report->priorities->len, ==, 4);
  g_assert_cmpstr (g_array_index (report->priorities, CrmServiceKpiGroup, 0).key, ==, "urgent");
  g_assert_cmpuint (report->trend->len, ==, 7);
  g_assert_cmpfloat (point (report, 6)->sla_compliance, ==, -1);

  /* A period in the future has no trend. */
  builder = crm_service_kpi_builder_new (MON + 40 * D, MON + 47 * D, MON + 30 * D, utc);
  g_clear_pointer (&report, crm_service_kpi_report_free);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));
  g_assert_cmpuint (report->trend->len, ==, 0);
  builder = crm_service_kpi_builder_new (MON, MON + 7 * D, MON + 30 * D, utc);
  g_assert_false (crm_service_kpi_builder_get_wait_span (builder, &from, &to));
}

/* Keys the lists do not know get their own groups, after the known ones. */
static void
test_unknown_keys (void)
{
  g_autoptr(CrmServiceKpiBuilder) builder = crm_service_kpi_builder_new (MON, MON + 7 * D,
                                                                          MON + 30 * D, utc);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  CrmServiceKpiTicket t;

  t = ticket (1, MON + D, "open");
  t.channel = "pigeon";
  t.priority = "whenever";
  crm_service_kpi_builder_add_ticket (builder, &t);
  t = ticket (2, MON + D, "open");
  t.channel = "fax";
  crm_service_kpi_builder_add_ticket (builder, &t);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));

  g_assert_cmpuint (report->channels->len, ==, 9);
  g_assert_cmpstr (g_array_index (report->channels, CrmServiceKpiGroup, 7).key, ==, "fax");
  g_assert_cmpstr (g_array_index (report->channels, CrmServiceKpiGroup, 8).key, ==, "pigeon");
  g_assert_cmpuint (channel (report, "pigeon")->n_created, ==, 1);
  g_assert_cmpuint (priority (report, "whenever")->n_created, ==, 1);
  g_assert_cmpstr (crm_service_kpi_channel_label ("pigeon"), ==, "pigeon");
  g_assert_null (crm_service_kpi_report_find (report->channels, "telegram"));
}

/* --- trend buckets and periods --- */

static void
test_buckets (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(CrmServiceKpiBuilder) builder = NULL;
  g_autoptr(CrmServiceKpiReport) report = NULL;
  /* 2026-03-01 (a Sunday) to 2026-04-01 in UTC */
  gint64 march = MON - D, april = G_GINT64_CONSTANT (1775001600);
  const gint64 weeks[] = { march, MON, MON + 7 * D, MON + 14 * D, MON + 21 * D };

  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 7 * D), ==, CRM_SERVICE_KPI_BUCKET_DAY);
  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 14 * D), ==, CRM_SERVICE_KPI_BUCKET_DAY);
  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 31 * D), ==, CRM_SERVICE_KPI_BUCKET_WEEK);
  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 92 * D), ==, CRM_SERVICE_KPI_BUCKET_WEEK);
  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 93 * D), ==, CRM_SERVICE_KPI_BUCKET_MONTH);
  g_assert_cmpint (crm_service_kpi_choose_bucket (MON, MON + 365 * D), ==, CRM_SERVICE_KPI_BUCKET_MONTH);

  /* March by week, seen on the 20th: Sunday 1st alone, then from Mondays,
   * up to the week that holds now. */
  builder = crm_service_kpi_builder_new (march, april, MON + 18 * D, utc);
  report = crm_service_kpi_builder_end (g_steal_pointer (&builder));
  g_assert_cmpint (report->bucket, ==, CRM_SERVICE_KPI_BUCKET_WEEK);
  g_assert_cmpuint (report->trend->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (g_array_index (report->trend, CrmServiceKpiPoint, i).start, ==, weeks[i]);
      g_assert_cmpint (g_array_index (report->trend, CrmServiceKpiPoint, i).end, ==, weeks[i + 1]);
    }
  g_clear_pointer (&report, crm_service_kpi_report_free);

  /* A year by month in Shanghai: local midnights (16:00 UTC the day before). */
  {
    gint64 from = G_GINT64_CONSTANT (1767225600) - 8 * H;    /* 2026-01-01 00:00 +08 */
    gint64 to = G_GINT64_CONSTANT (1798761600) - 8 * H;

    builder = crm_service_kpi_builder_new (from, to, to + D, shanghai);
    report = crm_service_kpi_builder_end (g_steal_pointer (&builder));
    g_assert_cmpint (report->bucket, ==, CRM_SERVICE_KPI_BUCKET_MONTH);
    g_assert_cmpuint (report->trend->len, ==, 12);
    g_assert_cmpint (g_array_index (report->trend, CrmServiceKpiPoint, 0).start, ==, from);
    /* 2026-02-01 00:00 +08 */
    g_assert_cmpint (g_array_index (report->trend, CrmServiceKpiPoint, 1).start, ==,
                     G_GINT64_CONSTANT (1769904000) - 8 * H);
    g_assert_cmpint (g_array_index (report->trend, CrmServiceKpiPoint, 11).end, ==, to);
  }
}

static void
assert_period (CrmServiceKpiPeriod  period,
               gint64               now,
               GTimeZone           *tz,
               gint64               from,
               gint64               to)
{
  gint64 f = 0, t = 0;

  crm_service_kpi_get_period (period, now, tz, &f, &t);
  g_assert_cmpint (f, ==, from);
  g_assert_cmpint (t, ==, to);
}

static void
test_periods (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  /* Monday 2026-11-23 12:00 UTC */
  gint64 now = G_GINT64_CONSTANT (1795392000) + 12 * H;
  /* Sunday 2026-11-22 20:00 UTC: already Monday 04:00 in Shanghai */
  gint64 sunday = G_GINT64_CONSTANT (1795392000) - 4 * H;
  gint64 midnight;

  assert_period (CRM_SERVICE_KPI_THIS_WEEK, now, utc, 1795392000, 1795996800);
  assert_period (CRM_SERVICE_KPI_THIS_MONTH, now, utc, 1793491200, 1796083200);
  assert_period (CRM_SERVICE_KPI_THIS_QUARTER, now, utc, 1790812800, 1798761600);
  assert_period (CRM_SERVICE_KPI_THIS_YEAR, now, utc, 1767225600, 1798761600);
  assert_period (CRM_SERVICE_KPI_LAST_12_MONTHS, now, utc, 1764547200, 1796083200);
  /* The week of that Sunday in UTC began on the 16th; in Shanghai the new
   * week has begun. */
  assert_period (CRM_SERVICE_KPI_THIS_WEEK, sunday, utc, 1794787200, 1795392000);
  assert_period (CRM_SERVICE_KPI_THIS_WEEK, sunday, shanghai, 1795392000 - 8 * H,
                 1795996800 - 8 * H);

  g_assert_true (crm_service_kpi_parse_day ("2026-11-23", utc, &midnight));
  g_assert_cmpint (midnight, ==, 1795392000);
  g_assert_true (crm_service_kpi_parse_day ("2026-11-23", shanghai, &midnight));
  g_assert_cmpint (midnight, ==, 1795392000 - 8 * H);
  g_assert_true (crm_service_kpi_parse_day ("2024-02-29", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("2026-02-29", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("2026-2-28", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("2026-02-28x", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("abcd-ef-gh", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("2026-13-01", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day ("", utc, &midnight));
  g_assert_false (crm_service_kpi_parse_day (NULL, utc, &midnight));
}

static void
test_format (void)
{
  g_autofree char *none = crm_service_kpi_format_share (-1);
  g_autofree char *share = crm_service_kpi_format_share (0.825);
  g_autofree char *minutes = crm_service_kpi_format_duration (45 * 60);
  g_autofree char *hours = crm_service_kpi_format_duration (2.5 * 3600);
  g_autofree char *many = crm_service_kpi_format_duration (36 * 3600 + 100);
  g_autofree char *nothing = crm_service_kpi_format_duration (-1);

  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (share, ==, "82.5 %");
  g_assert_cmpstr (minutes, ==, "45 min");
  g_assert_cmpstr (hours, ==, "2.5 h");
  g_assert_cmpstr (many, ==, "36 h");
  g_assert_cmpstr (nothing, ==, "—");
  g_assert_cmpstr (crm_service_kpi_channel_label ("web-form"), ==, "Web Form");
  g_assert_cmpstr (crm_service_kpi_priority_label ("urgent"), ==, "Urgent");
  g_assert_cmpstr (crm_service_kpi_segment_key (CRM_SERVICE_KPI_B2C), ==, "b2c");
}

/* --- the business clock table --- */

static void
check_clock (const char  *zone,
             const char  *hours,
             const char **holidays)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmBusinessCalendar) calendar = crm_business_calendar_new (zone, hours, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 from = G_GINT64_CONSTANT (1767225600);      /* 2026-01-01 */
  gint64 to = from + 365 * D;
  CrmKpiClock *clock;

  g_assert_no_error (error);
  for (guint i = 0; holidays != NULL && holidays[i] != NULL; i++)
    g_assert_true (crm_business_calendar_add_holiday (calendar, holidays[i]));
  clock = _crm_kpi_clock_new (calendar);
  _crm_kpi_clock_prepare (clock, from, to);
  /* A year of days, each checked with a few questions at most. */
  g_assert_cmpuint (_crm_kpi_clock_get_n_calls (clock), <, 366 * 8);

  for (guint i = 0; i < 4000; i++)
    {
      /* Inside the table mostly, some outside it, some a few seconds long. */
      gint64 a = from - 20 * D + g_rand_int_range (rand, 0, 405 * 86400);
      gint64 b = i % 4 == 0 ? a + g_rand_int_range (rand, 0, 600)
                            : a + g_rand_int_range (rand, 0, 40 * 86400);

      if (_crm_kpi_clock_between (clock, a, b) != crm_business_calendar_seconds_between (calendar, a, b))
        g_error ("%s %s: %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT
                 " instead of %" G_GINT64_FORMAT, zone, hours, a, b,
                 _crm_kpi_clock_between (clock, a, b),
                 crm_business_calendar_seconds_between (calendar, a, b));
    }
  g_assert_cmpint (_crm_kpi_clock_between (clock, from + 5 * D, from),
                   ==, -crm_business_calendar_seconds_between (calendar, from, from + 5 * D));
  _crm_kpi_clock_free (clock);
}

static void
test_clock (void)
{
  const char *us[] = { "2026-07-03", "2026-11-26", "2026-12-25", NULL };
  const char *cn[] = { "2026-10-01", "2026-10-02", "2026-10-05", NULL };

  /* Summer time starts and ends in the year in New York and Berlin; Lord
   * Howe moves by half an hour. */
  check_clock ("America/New_York", "mon-fri 09:00-17:00", us);
  check_clock ("Europe/Berlin", "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00", NULL);
  check_clock ("Asia/Shanghai", "mon-fri 09:00-18:00", cn);
  check_clock ("Australia/Lord_Howe", "mon-sun 00:00-24:00", NULL);
  check_clock ("UTC", "24/7", NULL);
  check_clock ("Europe/London", "mon,wed,fri 10:00-14:00; sat 10:00-12:00", NULL);
}

/* --- from the store --- */

typedef struct
{
  GArray   *fractions;
  gboolean  destroyed;
} ProgressLog;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
}

static void
on_progress_destroy (gpointer user_data)
{
  ((ProgressLog *) user_data)->destroyed = TRUE;
}

static CrmServiceKpiReport *
compute (CrmStore     *store,
         gint64        from,
         gint64        to,
         gint64        now,
         ProgressLog  *log,
         GCancellable *cancellable,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_kpi_compute_async (store, from, to, now, utc, log != NULL ? on_progress : NULL, log,
                                 log != NULL ? on_progress_destroy : NULL, cancellable,
                                 crm_test_store_result, &result);
  return crm_service_kpi_compute_finish (store, crm_test_await (&result), error);
}

static void
insert_ticket (CrmStore    *store,
               gint64       id,
               gint64       created,
               const char  *status,
               const char  *channel_key,
               gint64       organization,
               gint64       policy,
               gint64       first_response,
               gint64       first_response_due,
               gint64       resolved,
               gint64       resolution_due,
               int          csat,
               gint64       csat_at,
               int          deleted)
{
  g_autofree char *org = organization != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, organization)
                                           : g_strdup ("NULL");
  g_autofree char *pol = policy != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, policy) : g_strdup ("NULL");
  g_autofree char *out = crm_test_query (store,
    "INSERT INTO ticket (id, created, updated, deleted, number, subject, channel, priority, status, "
    "organization_id, sla_policy_id, first_response, first_response_due, resolved, resolution_due, "
    "closed, csat_score, csat_at) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
    G_GINT64_FORMAT ", %d, %" G_GINT64_FORMAT ", 'Help', '%s', 'normal', '%s', %s, %s, %"
    G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, %d, %"
    G_GINT64_FORMAT ")", id, created, created, deleted, id, channel_key, status, org, pol,
    first_response, first_response_due, resolved, resolution_due, csat, csat_at);

  g_assert_cmpstr (out, ==, "");
}

static void
insert_status (CrmStore   *store,
               gint64      id,
               gint64      ticket_id,
               const char *status,
               gint64      at)
{
  g_autofree char *out = crm_test_query (store,
    "INSERT INTO ticket_status_change (id, created, updated, ticket_id, status, changed_at) "
    "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
    ", '%s', %" G_GINT64_FORMAT ")", id, at, at, ticket_id, status, at);

  g_assert_cmpstr (out, ==, "");
}

static void
test_store (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kpi.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (double)), FALSE };
  gint64 t0 = MON;
  g_autofree char *setup = NULL;

  g_assert_no_error (error);
  /* An office calendar in UTC with a holiday on Monday the 9th, its policy,
   * a policy without a calendar, an organization. */
  setup = crm_test_query (store, "INSERT INTO business_calendar (id, created, updated, name, timezone, hours) "
                                 "VALUES (1, 0, 0, 'Office', 'UTC', 'mon-fri 09:00-17:00')");
  g_clear_pointer (&setup, g_free);
  setup = crm_test_query (store, "INSERT INTO holiday (id, created, updated, calendar_id, day) "
                                 "VALUES (1, 0, 0, 1, '2026-03-09')");
  g_clear_pointer (&setup, g_free);
  setup = crm_test_query (store, "INSERT INTO sla_policy (id, created, updated, name, calendar_id) "
                                 "VALUES (1, 0, 0, 'Office', 1), (2, 0, 0, 'Always', NULL)");
  g_clear_pointer (&setup, g_free);
  setup = crm_test_query (store, "INSERT INTO organization (id, created, updated, name) "
                                 "VALUES (1, 0, 0, 'Acme')");
  g_clear_pointer (&setup, g_free);

  /* 1: Fri 16:00 → Tue 10:00 over the holiday, office hours: 2 h; B2B;
   * both targets met. */
  insert_ticket (store, 1, t0 + 4 * D + 16 * H, "resolved", "email", 1, 1, t0 + 8 * D + 10 * H,
                 t0 + 9 * D, t0 + 9 * D, t0 + 10 * D, 5, t0 + 9 * D + H, 0);
  /* 2: Tue 09:00 → 13:00 with waits 10:00–11:00 and 11:30–12:00 (the
   * status rows), office hours: 2.5 h; answered late; rated 2. */
  insert_ticket (store, 2, t0 + 8 * D + 9 * H, "closed", "chat", 0, 1, t0 + 8 * D + 13 * H,
                 t0 + 8 * D + 12 * H, t0 + 9 * D, t0 + 10 * D, 2, t0 + 9 * D + H, 0);
  insert_status (store, 21, 2, "waiting-on-customer", t0 + 8 * D + 10 * H);
  insert_status (store, 22, 2, "open", t0 + 8 * D + 11 * H);
  insert_status (store, 23, 2, "waiting-on-customer", t0 + 8 * D + 11 * H + 30 * 60);
  insert_status (store, 24, 2, "open", t0 + 8 * D + 12 * H);
  insert_status (store, 25, 2, "waiting-on-customer", t0 + 8 * D + 14 * H);   /* after the reply */
  insert_status (store, 26, 2, "resolved", t0 + 9 * D);
  /* 3: no calendar: Sat 10:00 → 13:00, 3 h; answered late; still open,
   * its resolution due after the period. */
  insert_ticket (store, 3, t0 + 5 * D + 10 * H, "open", "phone", 0, 2, t0 + 5 * D + 13 * H,
                 t0 + 5 * D + 11 * H, 0, t0 + 20 * D, 0, 0, 0);
  /* 4: in the trash: nothing counts. */
  insert_ticket (store, 4, t0 + D, "resolved", "email", 0, 1, t0 + D + H, t0 + 2 * D, t0 + 2 * D,
                 t0 + 3 * D, 1, t0 + 2 * D, 1);
  /* 5: no policy: new, waiting since Tuesday with no end yet, no reply. */
  insert_ticket (store, 5, t0 + 8 * D, "waiting-on-customer", "web-form", 0, 0, 0, 0, 0, 0, 0, 0, 0);
  insert_status (store, 51, 5, "waiting-on-customer", t0 + 8 * D + H);
  /* 6: before the period, resolved in it. */
  insert_ticket (store, 6, t0 - 10 * D, "closed", "email", 1, 1, t0 - 9 * D, t0 - 9 * D,
                 t0 + 2 * D, t0 + D, 0, 0, 0);
  setup = crm_test_query (store, "INSERT INTO self_service_resolution (id, created, updated, channel, "
                                 "customer_kind, resolved) VALUES (1, 0, 0, 'self-service', 'b2c', %"
                                 G_GINT64_FORMAT "), (2, 0, 0, 'self-service', 'b2b', %" G_GINT64_FORMAT
                                 "), (3, 0, 0, 'self-service', 'b2c', %" G_GINT64_FORMAT ")",
                                 t0 + D, t0 + 2 * D, t0 - D);
  g_clear_pointer (&setup, g_free);

  report = compute (store, t0, t0 + 14 * D, t0 + 30 * D, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpuint (report->total.n_created, ==, 4);            /* 1, 2, 3, 5 */
  g_assert_cmpuint (report->total.n_resolved, ==, 3);           /* 1, 2, 6 */
  g_assert_cmpfloat_with_epsilon (report->total.resolution_rate, 0.75, 1e-9);
  g_assert_cmpuint (report->total.n_resolved_within_target, ==, 2);  /* 6 was late */
  g_assert_cmpuint (report->total.n_rated, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->total.csat, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->total.csat_mean, 3.5, 1e-9);
  /* 7200 (1), 9000 (2), 10800 (3). */
  g_assert_cmpuint (report->total.n_first_responses, ==, 3);
  g_assert_cmpfloat (report->total.first_response_median, ==, 9000);
  g_assert_cmpfloat (report->total.first_response_p90, ==, 10800);
  g_assert_cmpfloat (channel (report, "chat")->first_response_median, ==, 9000);
  g_assert_cmpfloat (report->segments[CRM_SERVICE_KPI_B2B].first_response_median, ==, 7200);
  g_assert_cmpuint (report->total.n_self_service, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->total.self_service_rate, 2.0 / 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->segments[CRM_SERVICE_KPI_B2B].self_service_rate, 1.0 / 2, 1e-9);
  /* Backlog: 6 at the start; 3 and 5 at the end. */
  g_assert_cmpuint (report->total.backlog_start, ==, 1);
  g_assert_cmpuint (report->total.backlog_end, ==, 2);
  /* SLA: first responses of 1 (met), 2 and 3 (late); resolutions of 1, 2
   * (met) and 6 (late; its first response was due before the period). */
  g_assert_cmpuint (report->total.n_first_response_targets, ==, 3);
  g_assert_cmpuint (report->total.n_first_response_met, ==, 1);
  g_assert_cmpuint (report->total.n_resolution_targets, ==, 3);
  g_assert_cmpuint (report->total.n_resolution_met, ==, 2);
  g_assert_cmpuint (report->total.n_sla_tickets, ==, 4);
  g_assert_cmpuint (report->total.n_sla_met, ==, 1);

  /* Progress came in order, ended at 1, and its data was let go. */
  while (!log.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (log.fractions->len, >, 0);
  for (guint i = 1; i < log.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (log.fractions, double, i), >=,
                       g_array_index (log.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (log.fractions, double, log.fractions->len - 1), ==, 1.0);

  /* A database made before the covering index of schema v7 reads the
   * table instead, to the same numbers. */
  {
    g_autoptr(CrmServiceKpiReport) again = NULL;
    g_autofree char *dropped = crm_test_query (store, "DROP INDEX ticket_kpi");

    again = compute (store, t0, t0 + 14 * D, t0 + 30 * D, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->total.n_created, ==, report->total.n_created);
    g_assert_cmpfloat (again->total.first_response_median, ==, report->total.first_response_median);
    g_assert_cmpuint (again->total.n_sla_met, ==, report->total.n_sla_met);
  }

  /* Cancelled: an error, no numbers, no progress. */
  g_clear_pointer (&report, crm_service_kpi_report_free);
  g_array_set_size (log.fractions, 0);
  log.destroyed = FALSE;
  g_cancellable_cancel (cancellable);
  report = compute (store, t0, t0 + 14 * D, t0 + 30 * D, &log, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  while (!log.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (log.fractions->len, ==, 0);
  g_clear_error (&error);

  /* An empty period divides nothing by zero. */
  report = compute (store, t0 + 100 * D, t0 + 101 * D, t0 + 200 * D, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->total.n_created, ==, 0);
  g_assert_cmpfloat (report->total.resolution_rate, ==, -1);
  g_assert_cmpfloat (report->total.first_response_median, ==, -1);
  g_assert_cmpuint (report->total.backlog_end, ==, 2);

  g_array_unref (log.fractions);
  crm_store_close (store);
}

/* --- the sample data, worked out another way --- */

typedef struct
{
  gint64  id;
  gint64  created;
  gint64  first_response;
  CrmBusinessCalendar *calendar;   /* NULL: around the clock */
} Answered;

static GPtrArray *
query_lines (CrmStore   *store,
             const char *sql)
{
  g_autofree char *text = crm_test_query (store, "%s", sql);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], "|", -1));
  return rows;
}

static double
median_of (GArray *values)
{
  gsize n = values->len;
  gint64 *v = (gint64 *) (gpointer) values->data;

  if (n == 0)
    return -1;
  qsort (v, n, sizeof (gint64), compare_int64);
  return n % 2 == 1 ? (double) v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* The two readers (a database in a file) and the worker alone (in memory)
 * count the same: every ticket once, whichever half it is in, the waits
 * of a ticket older than the weeks read beside the tickets, and the
 * self-service resolutions. */
static void
test_readers (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "readers.db", NULL);
  const char *paths[] = { path, ":memory:" };
  g_autoptr(CrmServiceKpiReport) first = NULL;
  gint64 t0 = MON;

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStore) store = crm_store_open_sync (paths[p], &error);
      g_autoptr(CrmServiceKpiReport) report = NULL;
      g_autofree char *setup = NULL;

      g_assert_no_error (error);
      setup = crm_test_query (store, "INSERT INTO organization (id, created, updated, name) "
                                     "VALUES (1, 0, 0, 'Acme')");
      g_clear_pointer (&setup, g_free);
      /* Created sixty days before the period, answered in it, waiting on
       * the customer for a day of those: sixty days. */
      insert_ticket (store, 1, t0 - 60 * D, "open", "social", 0, 0, t0 + D, 0, 0, 0, 0, 0, 0);
      insert_status (store, 11, 1, "waiting-on-customer", t0 - 59 * D);
      insert_status (store, 12, 1, "open", t0 - 58 * D);
      /* A hundred tickets answered in an hour, every third after a wait
       * of half an hour; every fifth rated 5. */
      for (gint64 id = 100; id < 200; id++)
        {
          gint64 created = t0 + (id - 100) * H;

          insert_ticket (store, id, created, "resolved", "email", id % 2, 0, created + H, 0,
                         created + 2 * H, 0, id % 5 == 0 ? 5 : 0, id % 5 == 0 ? created + 3 * H : 0, 0);
          if (id % 3 == 0)
            {
              insert_status (store, id * 10, id, "waiting-on-customer", created);
              insert_status (store, id * 10 + 1, id, "open", created + 30 * 60);
            }
        }
      setup = crm_test_query (store, "INSERT INTO self_service_resolution (id, created, updated, channel, "
                                     "customer_kind, resolved) VALUES (1, 0, 0, 'self-service', 'b2c', %"
                                     G_GINT64_FORMAT "), (2, 0, 0, 'chat', 'b2b', %" G_GINT64_FORMAT ")",
                                     t0 + D, t0 + 2 * D);

      report = compute (store, t0, t0 + 14 * D, t0 + 30 * D, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->total.n_created, ==, 100);
      g_assert_cmpuint (report->total.n_resolved, ==, 100);
      g_assert_cmpuint (report->total.n_first_responses, ==, 101);
      g_assert_cmpfloat (channel (report, "social")->first_response_median, ==, 60 * D);
      /* 33 of the hundred waited: 67 of an hour, 33 of half an hour, one of
       * sixty days; the middle one (51st) is an hour. */
      g_assert_cmpfloat (channel (report, "email")->first_response_median, ==, H);
      g_assert_cmpfloat (report->total.first_response_median, ==, H);
      g_assert_cmpuint (report->total.n_rated, ==, 20);
      g_assert_cmpuint (report->total.n_self_service, ==, 2);
      g_assert_cmpuint (channel (report, "chat")->n_self_service, ==, 1);
      g_assert_cmpuint (report->segments[CRM_SERVICE_KPI_B2B].n_created, ==, 50);
      if (first == NULL)
        first = g_steal_pointer (&report);
      else
        {
          assert_same_kpis (&first->total, &report->total);
          assert_same_groups (first->channels, report->channels);
          assert_same_groups (first->priorities, report->priorities);
        }
    }
}

static void
test_sample_data (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmServiceKpiReport) report = NULL;
  g_autoptr(GHashTable) calendars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) crm_business_calendar_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = CRM_DEMO_DEFAULT_REFERENCE, from, to;
  guint sum_created = 0, sum_rated = 0, sum_backlog = 0;
  char range[96];

  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (store, CRM_DEMO_SMALL, "en", 7, &error));
  g_assert_no_error (error);
  crm_service_kpi_get_period (CRM_SERVICE_KPI_LAST_12_MONTHS, now, utc, &from, &to);
  report = compute (store, from, to, now, NULL, NULL, &error);
  g_assert_no_error (error);
  g_snprintf (range, sizeof range, "%" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT, from, to - 1);

  /* Counts, straight from SQL. */
  g_assert_cmpint (report->total.n_created, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 "
                                              "AND created BETWEEN %s", range));
  g_assert_cmpint (report->total.n_resolved, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 "
                                              "AND status IN ('resolved', 'closed') "
                                              "AND resolved BETWEEN %s", range));
  g_assert_cmpint (report->total.n_rated, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 "
                                              "AND csat_score > 0 AND csat_at BETWEEN %s", range));
  g_assert_cmpint (report->total.n_satisfied, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 "
                                              "AND csat_score >= 4 AND csat_at BETWEEN %s", range));
  g_assert_cmpint (report->total.n_self_service, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution "
                                              "WHERE deleted = 0 AND resolved BETWEEN %s", range));
  g_assert_cmpint (report->total.backlog_end, ==,
                   crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 AND "
                                              "status IN ('new', 'open', 'waiting-on-customer')"));
  g_assert_cmpuint (report->total.n_created, >, 500);
  g_assert_cmpuint (report->total.n_rated, >, 100);
  g_assert_cmpfloat (report->total.csat, >, 0.5);

  /* Breakdowns add up. */
  for (guint i = 0; i < report->channels->len; i++)
    sum_created += g_array_index (report->channels, CrmServiceKpiGroup, i).kpis.n_created;
  g_assert_cmpuint (sum_created, ==, report->total.n_created);
  sum_created = 0;
  for (guint i = 0; i < report->priorities->len; i++)
    {
      sum_created += g_array_index (report->priorities, CrmServiceKpiGroup, i).kpis.n_created;
      sum_backlog += g_array_index (report->priorities, CrmServiceKpiGroup, i).kpis.backlog_end;
    }
  g_assert_cmpuint (sum_created, ==, report->total.n_created);
  g_assert_cmpuint (sum_backlog, ==, report->total.backlog_end);
  g_assert_cmpuint (report->segments[0].n_rated + report->segments[1].n_rated, ==, report->total.n_rated);
  g_assert_cmpuint (report->segments[0].n_first_responses + report->segments[1].n_first_responses,
                    ==, report->total.n_first_responses);
  g_assert_cmpuint (report->segments[CRM_SERVICE_KPI_B2B].n_created, ==,
                    crm_test_query_int (store, "SELECT count(*) FROM ticket WHERE deleted = 0 "
                                               "AND organization_id IS NOT NULL AND created BETWEEN %s",
                                        range));
  sum_created = 0;
  for (guint i = 0; i < report->trend->len; i++)
    {
      sum_created += g_array_index (report->trend, CrmServiceKpiPoint, i).kpis.n_created;
      sum_rated += g_array_index (report->trend, CrmServiceKpiPoint, i).kpis.n_rated;
    }
  g_assert_cmpuint (report->trend->len, ==, 12);
  g_assert_cmpuint (sum_created, ==, report->total.n_created);
  g_assert_cmpuint (sum_rated, ==, report->total.n_rated);
  g_assert_cmpuint (g_array_index (report->trend, CrmServiceKpiPoint, 11).kpis.backlog_end, ==,
                    report->total.backlog_end);

  /* First responses with each ticket's calendar asked directly, less the
   * waits from its status history. */
  rows = query_lines (store, "SELECT c.id, c.timezone, c.hours, "
                             "coalesce ((SELECT group_concat (day) FROM holiday h "
                             "WHERE h.calendar_id = c.id AND h.deleted = 0), '') FROM business_calendar c");
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv r = rows->pdata[i];
      g_auto(GStrv) days = g_strsplit (r[3], ",", -1);
      CrmBusinessCalendar *calendar = crm_business_calendar_new (r[1], r[2], &error);

      g_assert_no_error (error);
      for (guint d = 0; days[d] != NULL; d++)
        if (days[d][0] != '\0')
          crm_business_calendar_add_holiday (calendar, days[d]);
      g_hash_table_insert (calendars, g_strdup (r[0]), calendar);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT t.id, t.created, t.first_response, coalesce (p.calendar_id, ''), "
      "coalesce ((SELECT group_concat (s.status || ':' || s.changed_at, ',') FROM "
      "(SELECT status, changed_at FROM ticket_status_change WHERE ticket_id = t.id AND deleted = 0 "
      "ORDER BY changed_at, id) s), '') "
      "FROM ticket t LEFT JOIN sla_policy p ON p.id = t.sla_policy_id "
      "WHERE t.deleted = 0 AND t.first_response BETWEEN %s AND t.first_response >= t.created", range);

    rows = query_lines (store, sql);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv r = rows->pdata[i];
      gint64 created = g_ascii_strtoll (r[1], NULL, 10), reply = g_ascii_strtoll (r[2], NULL, 10);
      CrmBusinessCalendar *calendar = g_hash_table_lookup (calendars, r[3]);
      g_auto(GStrv) changes = g_strsplit (r[4], ",", -1);
      gint64 value, wait_start = 0;
      gboolean waiting = FALSE;

#define BETWEEN(a, b) (calendar != NULL ? crm_business_calendar_seconds_between (calendar, a, b) \
                                        : MAX ((b) - (a), 0))
      value = BETWEEN (created, reply);
      for (guint c = 0; changes[c] != NULL && changes[c][0] != '\0'; c++)
        {
          const char *colon = strrchr (changes[c], ':');
          gint64 at = g_ascii_strtoll (colon + 1, NULL, 10);
          gboolean is_wait = g_str_has_prefix (changes[c], "waiting-on-customer:");

          if (is_wait && !waiting)
            waiting = TRUE, wait_start = at;
          else if (!is_wait && waiting)
            {
              waiting = FALSE;
              if (wait_start < reply)
                value -= BETWEEN (MAX (wait_start, created), MIN (at, reply));
            }
        }
      if (waiting && wait_start < reply)
        value -= BETWEEN (MAX (wait_start, created), reply);
#undef BETWEEN
      value = MAX (value, 0);
      g_array_append_val (values, value);
    }
  g_assert_cmpuint (values->len, ==, report->total.n_first_responses);
  g_assert_cmpfloat (median_of (values), ==, report->total.first_response_median);
  g_assert_cmpfloat ((double) g_array_index (values, gint64, (9 * values->len + 9) / 10 - 1), ==,
                     report->total.first_response_p90);

  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  utc = g_time_zone_new_utc ();

  g_test_add_func ("/service-kpi/select", test_select);
  g_test_add_func ("/service-kpi/statistics", test_statistics);
  g_test_add_func ("/service-kpi/merge", test_merge);
  g_test_add_func ("/service-kpi/csat", test_csat);
  g_test_add_func ("/service-kpi/first-response", test_first_response);
  g_test_add_func ("/service-kpi/resolution", test_resolution);
  g_test_add_func ("/service-kpi/self-service", test_self_service);
  g_test_add_func ("/service-kpi/sla", test_sla);
  g_test_add_func ("/service-kpi/backlog", test_backlog);
  g_test_add_func ("/service-kpi/empty", test_empty);
  g_test_add_func ("/service-kpi/unknown-keys", test_unknown_keys);
  g_test_add_func ("/service-kpi/buckets", test_buckets);
  g_test_add_func ("/service-kpi/periods", test_periods);
  g_test_add_func ("/service-kpi/format", test_format);
  g_test_add_func ("/service-kpi/clock", test_clock);
  g_test_add_func ("/service-kpi/store", test_store);
  g_test_add_func ("/service-kpi/readers", test_readers);
  g_test_add_func ("/service-kpi/sample-data", test_sample_data);

  ret = g_test_run ();
  g_time_zone_unref (utc);
  return ret;
}
