/* crm-service-dashboard-apply.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmServiceDashboard: what shows the numbers of a
 * CrmServiceKpiReport.  Six tiles (satisfaction, first response, resolution,
 * self-service, SLA compliance, backlog), the breakdown tables (channel,
 * priority, B2B/B2C, each with the total), and three trend charts with their
 * table twins (tickets created, resolved and open; the rates; first
 * response times in business hours).
 */

#define G_LOG_DOMAIN "CrmServiceDashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "crm-format.h"
#include "crm-service-dashboard-private.h"

static const char *month_abbrev[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *weekday_abbrev[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *weekday_zh[] = { "周一", "周二", "周三", "周四", "周五", "周六", "周日" };

/* --- words and numbers --- */

static GStrv
make_row (const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  return g_strv_builder_end (builder);
}

static char *
format_mean (double mean)
{
  return mean < 0 ? g_strdup (C_("no data", "—")) : g_strdup_printf ("%.2f", mean);
}

/* "+12", "−3", "±0" */
static char *
format_change (gint64 change)
{
  g_autofree char *count = crm_format_count (ABS (change));

  if (change == 0)
    return g_strdup ("±0");
  return g_strdup_printf ("%s%s", change > 0 ? "+" : "−", count);
}

char *
_crm_service_dashboard_describe_period (gint64               from,
                                        gint64               to,
                                        CrmServiceKpiBucket  bucket)
{
  g_autofree char *first = crm_format_date (from);
  g_autofree char *last = crm_format_date (to - 1);

  switch (bucket)
    {
    case CRM_SERVICE_KPI_BUCKET_DAY:
      /* TRANSLATORS: the period the dashboard shows: first and last day; the trend is by day */
      return g_strdup_printf (_("%1$s to %2$s, by day"), first, last);
    case CRM_SERVICE_KPI_BUCKET_WEEK:
      /* TRANSLATORS: the period the dashboard shows: first and last day; the trend is by week */
      return g_strdup_printf (_("%1$s to %2$s, by week"), first, last);
    case CRM_SERVICE_KPI_BUCKET_MONTH:
    default:
      /* TRANSLATORS: the period the dashboard shows: first and last day; the trend is by month */
      return g_strdup_printf (_("%1$s to %2$s, by month"), first, last);
    }
}

/* The label of a trend bucket on the chart's axis (@axis: two short lines)
 * or in full; @first says whether it is the first shown (months show their
 * year there and in January). */
static char *
format_bucket (CrmServiceKpiBucket bucket,
               gint64              start,
               gboolean            axis,
               gboolean            first)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (start);
  int year = g_date_time_get_year (dt), month = g_date_time_get_month (dt);
  int day = g_date_time_get_day_of_month (dt), weekday = g_date_time_get_day_of_week (dt) - 1;
  gboolean zh = crm_format_locale_is_chinese ();

  switch (bucket)
    {
    case CRM_SERVICE_KPI_BUCKET_DAY:
      if (!axis)
        return crm_format_date (start);
      return zh ? g_strdup_printf ("%s\n%d日", weekday_zh[weekday], day)
                : g_strdup_printf ("%s\n%d", weekday_abbrev[weekday], day);
    case CRM_SERVICE_KPI_BUCKET_WEEK:
      if (!axis)
        {
          g_autofree char *date = crm_format_date (start);

          /* TRANSLATORS: a week in the dashboard's trend, by its first day */
          return g_strdup_printf (_("Week of %s"), date);
        }
      return zh ? g_strdup_printf ("%d月\n%d日", month, day)
                : g_strdup_printf ("%s\n%d", month_abbrev[month - 1], day);
    case CRM_SERVICE_KPI_BUCKET_MONTH:
    default:
      if (!axis)
        return zh ? g_strdup_printf ("%d年%d月", year, month)
                  : g_strdup_printf ("%s %d", month_abbrev[month - 1], year);
      if (zh)
        return first || month == 1 ? g_strdup_printf ("%d月\n%d年", month, year)
                                   : g_strdup_printf ("%d月\n", month);
      return first || month == 1 ? g_strdup_printf ("%s\n%d", month_abbrev[month - 1], year)
                                 : g_strdup_printf ("%s\n", month_abbrev[month - 1]);
    }
}

/* --- tiles --- */

/* The two lines under a tile's number (taking the texts); an empty second
 * line keeps its height, so that the tiles stay alike. */
static void
set_detail (GtkLabel *first,
            GtkLabel *second,
            char     *first_text,
            char     *second_text)
{
  gtk_label_set_text (first, first_text);
  gtk_label_set_text (second, second_text);
  g_free (first_text);
  g_free (second_text);
}

static void
apply_tiles (CrmServiceDashboard *self)
{
  const CrmServiceKpis *k = &self->report->total;
  g_autofree char *csat = crm_service_kpi_format_share (k->csat);
  g_autofree char *mean = format_mean (k->csat_mean);
  g_autofree char *rated = crm_format_count (k->n_rated);
  g_autofree char *median = crm_service_kpi_format_duration (k->first_response_median);
  g_autofree char *p90 = crm_service_kpi_format_duration (k->first_response_p90);
  g_autofree char *replies = crm_format_count (k->n_first_responses);
  g_autofree char *rate = crm_service_kpi_format_share (k->resolution_rate);
  g_autofree char *resolved = crm_format_count (k->n_resolved);
  g_autofree char *created = crm_format_count (k->n_created);
  g_autofree char *within = crm_service_kpi_format_share (k->resolved_within_target);
  g_autofree char *self_rate = crm_service_kpi_format_share (k->self_service_rate);
  g_autofree char *self_count = crm_format_count (k->n_self_service);
  g_autofree char *requests = crm_format_count ((gint64) k->n_self_service + k->n_created);
  g_autofree char *sla = crm_service_kpi_format_share (k->sla_compliance);
  g_autofree char *sla_fr = crm_service_kpi_format_share (k->first_response_compliance);
  g_autofree char *sla_res = crm_service_kpi_format_share (k->resolution_compliance);
  g_autofree char *sla_tickets = crm_format_count (k->n_sla_tickets);
  g_autofree char *backlog = crm_format_count (k->backlog_end);
  g_autofree char *backlog_start = crm_format_count (k->backlog_start);
  g_autofree char *change = format_change ((gint64) k->backlog_end - (gint64) k->backlog_start);

  gtk_label_set_text (self->csat_value, csat);
  if (k->n_rated == 0)
    set_detail (self->csat_detail, self->csat_detail2, g_strdup (_("No ratings in this period")),
                g_strdup (""));
  else
    set_detail (self->csat_detail, self->csat_detail2,
                /* TRANSLATORS: under the CSAT share (rated 4 or 5): the mean rating */
                g_strdup_printf (_("Mean %s of 5"), mean),
                g_strdup_printf (ngettext ("%s rating", "%s ratings", k->n_rated), rated));

  gtk_label_set_text (self->frt_value, median);
  if (k->n_first_responses == 0)
    set_detail (self->frt_detail, self->frt_detail2, g_strdup (_("No first replies in this period")),
                g_strdup (""));
  else
    set_detail (self->frt_detail, self->frt_detail2,
                /* TRANSLATORS: under the median first response time */
                g_strdup_printf (_("Median · 90th percentile %s"), p90),
                g_strdup_printf (ngettext ("%s first reply", "%s first replies", k->n_first_responses),
                                 replies));

  gtk_label_set_text (self->resolution_value, rate);
  set_detail (self->resolution_detail, self->resolution_detail2,
              /* TRANSLATORS: under the resolution rate: tickets resolved and created in the period */
              g_strdup_printf (_("%1$s resolved, %2$s created"), resolved, created),
              /* TRANSLATORS: the share of the tickets resolved in the period that met their target */
              g_strdup_printf (_("%s within the SLA target"), within));

  gtk_label_set_text (self->self_service_value, self_rate);
  set_detail (self->self_service_detail, self->self_service_detail2,
              /* TRANSLATORS: requests resolved through the knowledge base or the FAQ */
              g_strdup_printf (ngettext ("%s self-service resolution", "%s self-service resolutions",
                                         k->n_self_service), self_count),
              /* TRANSLATORS: self-service resolutions and tickets created, together */
              g_strdup_printf (ngettext ("%s request in all", "%s requests in all",
                                         (gulong) k->n_self_service + k->n_created), requests));

  gtk_label_set_text (self->sla_value, sla);
  set_detail (self->sla_detail, self->sla_detail2,
              /* TRANSLATORS: under the SLA compliance: that of each kind of target */
              g_strdup_printf (_("First response %1$s · resolution %2$s"), sla_fr, sla_res),
              /* TRANSLATORS: tickets with a target due in the period (and known met or not) */
              g_strdup_printf (ngettext ("%s ticket due", "%s tickets due", k->n_sla_tickets), sla_tickets));

  gtk_label_set_text (self->backlog_value, backlog);
  set_detail (self->backlog_detail, self->backlog_detail2, g_strdup (_("Open at the end of the period")),
              /* TRANSLATORS: tickets open at the start of the period, and the change since,
               * e.g. "13 at the start (+63)" */
              g_strdup_printf (_("%1$s at the start (%2$s)"), backlog_start, change));
}

/* --- breakdown tables --- */

static const char *
breakdown_title (const char *by)
{
  if (g_str_equal (by, "channel"))
    return C_("breakdown", "Channel");
  if (g_str_equal (by, "priority"))
    return C_("breakdown", "Priority");
  return C_("breakdown", "Customers");
}

static GtkWidget *
new_breakdown_table (const char *by,
                     const char *accessible_name)
{
  const char *titles[] = {
    breakdown_title (by), C_("service kpi", "Created"), C_("service kpi", "Resolved"),
    C_("service kpi", "Resolution Rate"), C_("service kpi", "Within SLA Target"),
    C_("service kpi", "CSAT"), C_("service kpi", "Mean Rating"), C_("service kpi", "First Response"),
    C_("service kpi", "90th Percentile"), C_("service kpi", "Self-Service"),
    C_("service kpi", "SLA Compliance"), C_("service kpi", "Backlog"),
  };
  GtkWidget *table = crm_chart_table_new (G_N_ELEMENTS (titles), titles);

  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return table;
}

static GStrv
breakdown_row (const char           *name,
               const CrmServiceKpis *k)
{
  g_autofree char *created = crm_format_count (k->n_created);
  g_autofree char *resolved = crm_format_count (k->n_resolved);
  g_autofree char *rate = crm_service_kpi_format_share (k->resolution_rate);
  g_autofree char *within = crm_service_kpi_format_share (k->resolved_within_target);
  g_autofree char *csat = crm_service_kpi_format_share (k->csat);
  g_autofree char *mean = format_mean (k->csat_mean);
  g_autofree char *median = crm_service_kpi_format_duration (k->first_response_median);
  g_autofree char *p90 = crm_service_kpi_format_duration (k->first_response_p90);
  g_autofree char *self_service = crm_service_kpi_format_share (k->self_service_rate);
  g_autofree char *sla = crm_service_kpi_format_share (k->sla_compliance);
  g_autofree char *backlog = crm_format_count (k->backlog_end);

  return make_row (name, created, resolved, rate, within, csat, mean, median, p90, self_service, sla,
                   backlog, NULL);
}

static void
fill_groups (GtkWidget                 *table,
             GArray                    *groups,
             const char *             (*label) (const char *key),
             const CrmServiceKpiReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < groups->len; i++)
    {
      const CrmServiceKpiGroup *group = &g_array_index (groups, CrmServiceKpiGroup, i);

      g_ptr_array_add (rows, breakdown_row (label (group->key), &group->kpis));
    }
  g_ptr_array_add (rows, breakdown_row (_("All Tickets"), &report->total));
  crm_chart_table_set_rows (table, rows);
}

static void
apply_breakdowns (CrmServiceDashboard *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  fill_groups (self->channel_table, self->report->channels, crm_service_kpi_channel_label, self->report);
  fill_groups (self->priority_table, self->report->priorities, crm_service_kpi_priority_label,
               self->report);
  for (CrmServiceKpiSegment s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
    g_ptr_array_add (rows, breakdown_row (crm_service_kpi_segment_label (s), &self->report->segments[s]));
  g_ptr_array_add (rows, breakdown_row (_("All Tickets"), &self->report->total));
  crm_chart_table_set_rows (self->segment_table, rows);
}

/* --- trend charts --- */

/* A rate for the chart: no data is drawn as nothing (0) and named so. */
static double
chart_share (double share)
{
  return share < 0 ? 0 : share;
}

static char *
chart_share_label (double share)
{
  return share < 0 ? g_strdup (_("No data")) : crm_chart_format_value (CRM_CHART_UNIT_PERCENT, NULL, share);
}

static void
apply_trend (CrmServiceDashboard *self)
{
  GArray *trend = self->report->trend;
  guint n = trend->len;
  g_autoptr(GPtrArray) axis = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) volume_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) rate_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) frt_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) rate_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) frt_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *volume = g_new0 (double, 3 * MAX (n, 1));
  g_autofree double *rates = g_new0 (double, 3 * MAX (n, 1));
  g_autofree double *frt = g_new0 (double, 2 * MAX (n, 1));
  const char *volume_series[] = { C_("trend", "Created"), C_("trend", "Resolved"), C_("trend", "Open") };
  const char *rate_series[] = { C_("trend", "CSAT"), C_("trend", "SLA compliance"),
                                C_("trend", "Self-service") };
  const char *frt_series[] = { C_("trend", "Median"), C_("trend", "90th percentile") };

  g_ptr_array_set_size (rate_labels, 3 * n);
  g_ptr_array_set_size (frt_labels, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      const CrmServiceKpiPoint *p = &g_array_index (trend, CrmServiceKpiPoint, i);
      const CrmServiceKpis *k = &p->kpis;
      g_autofree char *name = format_bucket (self->report->bucket, p->start, FALSE, i == 0);
      g_autofree char *created = crm_format_count (k->n_created);
      g_autofree char *resolved = crm_format_count (k->n_resolved);
      g_autofree char *rate = crm_service_kpi_format_share (k->resolution_rate);
      g_autofree char *open = crm_format_count (k->backlog_end);
      g_autofree char *csat = crm_service_kpi_format_share (k->csat);
      g_autofree char *mean = format_mean (k->csat_mean);
      g_autofree char *sla = crm_service_kpi_format_share (k->sla_compliance);
      g_autofree char *within = crm_service_kpi_format_share (k->resolved_within_target);
      g_autofree char *self_service = crm_service_kpi_format_share (k->self_service_rate);
      g_autofree char *replies = crm_format_count (k->n_first_responses);
      g_autofree char *median = crm_service_kpi_format_duration (k->first_response_median);
      g_autofree char *p90 = crm_service_kpi_format_duration (k->first_response_p90);

      g_ptr_array_add (axis, format_bucket (self->report->bucket, p->start, TRUE, i == 0));
      g_ptr_array_add (names, g_strdup (name));

      volume[0 * n + i] = k->n_created;
      volume[1 * n + i] = k->n_resolved;
      volume[2 * n + i] = k->backlog_end;
      g_ptr_array_add (volume_rows, make_row (name, created, resolved, rate, open, NULL));

      rates[0 * n + i] = chart_share (k->csat);
      rates[1 * n + i] = chart_share (k->sla_compliance);
      rates[2 * n + i] = chart_share (k->self_service_rate);
      rate_labels->pdata[0 * n + i] = chart_share_label (k->csat);
      rate_labels->pdata[1 * n + i] = chart_share_label (k->sla_compliance);
      rate_labels->pdata[2 * n + i] = chart_share_label (k->self_service_rate);
      g_ptr_array_add (rate_rows, make_row (name, csat, mean, sla, within, self_service, NULL));

      /* In hours, as the axis counts them. */
      frt[0 * n + i] = MAX (k->first_response_median, 0) / 3600.0;
      frt[1 * n + i] = MAX (k->first_response_p90, 0) / 3600.0;
      frt_labels->pdata[0 * n + i] = k->first_response_median < 0 ? g_strdup (_("No data"))
                                                                 : g_strdup (median);
      frt_labels->pdata[1 * n + i] = k->first_response_p90 < 0 ? g_strdup (_("No data")) : g_strdup (p90);
      g_ptr_array_add (frt_rows, make_row (name, replies, median, p90, NULL));
    }
  g_ptr_array_add (axis, NULL);
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (rate_labels, NULL);
  g_ptr_array_add (frt_labels, NULL);

  crm_chart_set_data (CRM_CHART (self->volume_chart), 3, volume_series, n,
                      (const char * const *) axis->pdata, volume);
  crm_chart_set_category_names (CRM_CHART (self->volume_chart), (const char * const *) names->pdata);
  crm_chart_table_set_rows (self->volume_table, volume_rows);

  crm_chart_set_data (CRM_CHART (self->rate_chart), 3, rate_series, n,
                      (const char * const *) axis->pdata, rates);
  crm_chart_set_value_labels (CRM_CHART (self->rate_chart), (const char * const *) rate_labels->pdata);
  crm_chart_set_category_names (CRM_CHART (self->rate_chart), (const char * const *) names->pdata);
  crm_chart_table_set_rows (self->rate_table, rate_rows);

  crm_chart_set_data (CRM_CHART (self->frt_chart), 2, frt_series, n,
                      (const char * const *) axis->pdata, frt);
  crm_chart_set_value_labels (CRM_CHART (self->frt_chart), (const char * const *) frt_labels->pdata);
  crm_chart_set_category_names (CRM_CHART (self->frt_chart), (const char * const *) names->pdata);
  crm_chart_table_set_rows (self->frt_table, frt_rows);
}

/* Nothing happened in the period at all. */
static gboolean
is_empty (const CrmServiceKpis *k)
{
  return k->n_created == 0 && k->n_resolved == 0 && k->n_rated == 0 && k->n_first_responses == 0 &&
         k->n_self_service == 0 && k->n_sla_tickets == 0 && k->backlog_start == 0 &&
         k->backlog_end == 0;
}

void
_crm_service_dashboard_apply (CrmServiceDashboard *self)
{
  g_return_if_fail (self->report != NULL);

  apply_tiles (self);
  apply_breakdowns (self);
  apply_trend (self);
  gtk_stack_set_visible_child_name (self->stack, is_empty (&self->report->total) ? "empty" : "content");
}

/* --- making the parts --- */

static GtkWidget *
new_chart (GtkBox       *box,
           CrmChartUnit  unit,
           const char   *title)
{
  GtkWidget *chart = crm_chart_new (CRM_CHART_COLUMNS);

  crm_chart_set_unit (CRM_CHART (chart), unit, NULL);
  crm_chart_set_title (CRM_CHART (chart), title);
  gtk_widget_set_margin_top (chart, 18);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 18);
  gtk_box_append (box, chart);
  return chart;
}

static GtkWidget *
new_table (GtkBox             *box,
           guint               n_columns,
           const char * const *titles,
           const char         *accessible_name)
{
  GtkWidget *table = crm_chart_table_new (n_columns, titles);

  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_box_append (box, crm_chart_table_scrolled (table));
  return table;
}

void
_crm_service_dashboard_init_parts (CrmServiceDashboard *self)
{
  /* The columns of the trend tables: a row per day, week or month. */
  const char *volume_titles[] = {
    C_("service kpi", "Period"), C_("service kpi", "Created"), C_("service kpi", "Resolved"),
    C_("service kpi", "Resolution Rate"), C_("service kpi", "Open at the End"),
  };
  const char *rate_titles[] = {
    C_("service kpi", "Period"), C_("service kpi", "CSAT"), C_("service kpi", "Mean Rating"),
    C_("service kpi", "SLA Compliance"), C_("service kpi", "Within SLA Target"),
    C_("service kpi", "Self-Service"),
  };
  const char *frt_titles[] = {
    C_("service kpi", "Period"), C_("service kpi", "First Replies"), C_("service kpi", "Median"),
    C_("service kpi", "90th Percentile"),
  };

  self->channel_table = new_breakdown_table ("channel", _("Service KPIs by channel"));
  gtk_box_append (self->channel_box, crm_chart_table_scrolled (self->channel_table));
  self->priority_table = new_breakdown_table ("priority", _("Service KPIs by priority"));
  gtk_box_append (self->priority_box, crm_chart_table_scrolled (self->priority_table));
  self->segment_table = new_breakdown_table ("segment", _("Service KPIs for B2B and B2C customers"));
  gtk_box_append (self->segment_box, crm_chart_table_scrolled (self->segment_table));

  self->volume_chart = new_chart (self->volume_chart_box, CRM_CHART_UNIT_COUNT,
                                  _("Tickets created, resolved and open"));
  self->volume_table = new_table (self->volume_table_box, G_N_ELEMENTS (volume_titles), volume_titles,
                                  _("Tickets created, resolved and open, by period"));
  self->rate_chart = new_chart (self->rate_chart_box, CRM_CHART_UNIT_PERCENT,
                                _("Satisfaction, SLA compliance and self-service"));
  self->rate_table = new_table (self->rate_table_box, G_N_ELEMENTS (rate_titles), rate_titles,
                                _("Satisfaction, SLA compliance and self-service, by period"));
  self->frt_chart = new_chart (self->frt_chart_box, CRM_CHART_UNIT_COUNT,
                               _("First response time in business hours"));
  self->frt_table = new_table (self->frt_table_box, G_N_ELEMENTS (frt_titles), frt_titles,
                               _("First response time in business hours, by period"));
}

/* --- for tests --- */

const char *
_crm_service_dashboard_get_tile (CrmServiceDashboard *self,
                                 const char          *tile,
                                 gboolean             detail)
{
  struct { const char *name; GtkLabel *value; GtkLabel *detail; GtkLabel *detail2; } tiles[] = {
    { "csat", self->csat_value, self->csat_detail, self->csat_detail2 },
    { "first-response", self->frt_value, self->frt_detail, self->frt_detail2 },
    { "resolution", self->resolution_value, self->resolution_detail, self->resolution_detail2 },
    { "self-service", self->self_service_value, self->self_service_detail, self->self_service_detail2 },
    { "sla", self->sla_value, self->sla_detail, self->sla_detail2 },
    { "backlog", self->backlog_value, self->backlog_detail, self->backlog_detail2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      if (!g_str_equal (tiles[i].name, tile))
        continue;
      if (!detail)
        return gtk_label_get_text (tiles[i].value);
      g_free (self->tile_text);
      self->tile_text = g_strconcat (gtk_label_get_text (tiles[i].detail), "\n",
                                     gtk_label_get_text (tiles[i].detail2), NULL);
      return self->tile_text;
    }
  g_return_val_if_reached (NULL);
}

GtkWidget *
_crm_service_dashboard_get_breakdown (CrmServiceDashboard *self,
                                      const char          *by)
{
  if (g_str_equal (by, "channel"))
    return self->channel_table;
  if (g_str_equal (by, "priority"))
    return self->priority_table;
  return self->segment_table;
}

CrmChart *
_crm_service_dashboard_get_chart (CrmServiceDashboard *self,
                                  const char          *which)
{
  if (g_str_equal (which, "volume"))
    return CRM_CHART (self->volume_chart);
  if (g_str_equal (which, "rates"))
    return CRM_CHART (self->rate_chart);
  return CRM_CHART (self->frt_chart);
}

GtkWidget *
_crm_service_dashboard_get_trend_table (CrmServiceDashboard *self,
                                        const char          *which)
{
  if (g_str_equal (which, "volume"))
    return self->volume_table;
  if (g_str_equal (which, "rates"))
    return self->rate_table;
  return self->frt_table;
}
