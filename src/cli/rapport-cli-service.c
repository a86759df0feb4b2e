/* rapport-cli-service.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-cli kpi: the service KPIs of a period (CSAT, first response time,
 * resolution rate, self-service usage rate, SLA compliance, backlog) in
 * total, by channel, by priority, for B2B against B2C and as a trend, as
 * the service dashboard shows them; as text or JSON.  Dates are local days;
 * the period runs from the start of --from to the end of --to.  "Now" is
 * the clock, or CRM_STORE_NOW (Unix seconds) as elsewhere in the core.
 */

#define G_LOG_DOMAIN "RapportCli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "crm-format.h"
#include "crm-service-kpi.h"
#include "rapport-cli-private.h"

static gint64
now_seconds (void)
{
  const char *fake = g_getenv ("CRM_STORE_NOW");

  if (fake != NULL && fake[0] != '\0')
    return g_ascii_strtoll (fake, NULL, 10);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* "2026-11-23" of @t in local time; transfer full. */
static char *
local_day (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static const char *
bucket_key (CrmServiceKpiBucket bucket)
{
  switch (bucket)
    {
    case CRM_SERVICE_KPI_BUCKET_DAY:
      return "day";
    case CRM_SERVICE_KPI_BUCKET_WEEK:
      return "week";
    case CRM_SERVICE_KPI_BUCKET_MONTH:
    default:
      return "month";
    }
}

/* --- JSON --- */

static void
add_share (JsonBuilder *builder,
           const char  *member,
           double       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_count (JsonBuilder *builder,
           const char  *member,
           gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_kpis (JsonBuilder          *builder,
          const CrmServiceKpis *k)
{
  json_builder_set_member_name (builder, "csat");
  json_builder_begin_object (builder);
  add_share (builder, "share", k->csat);
  add_share (builder, "mean", k->csat_mean);
  add_count (builder, "rated", k->n_rated);
  add_count (builder, "satisfied", k->n_satisfied);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "first_response");
  json_builder_begin_object (builder);
  add_share (builder, "median_seconds", k->first_response_median);
  add_share (builder, "p90_seconds", k->first_response_p90);
  add_count (builder, "count", k->n_first_responses);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "resolution");
  json_builder_begin_object (builder);
  add_share (builder, "rate", k->resolution_rate);
  add_count (builder, "created", k->n_created);
  add_count (builder, "resolved", k->n_resolved);
  add_share (builder, "within_target", k->resolved_within_target);
  add_count (builder, "resolved_with_target", k->n_resolved_with_target);
  add_count (builder, "resolved_within_target", k->n_resolved_within_target);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "self_service");
  json_builder_begin_object (builder);
  add_share (builder, "rate", k->self_service_rate);
  add_count (builder, "count", k->n_self_service);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sla");
  json_builder_begin_object (builder);
  add_share (builder, "compliance", k->sla_compliance);
  add_count (builder, "tickets", k->n_sla_tickets);
  add_count (builder, "met", k->n_sla_met);
  json_builder_set_member_name (builder, "first_response");
  json_builder_begin_object (builder);
  add_share (builder, "compliance", k->first_response_compliance);
  add_count (builder, "targets", k->n_first_response_targets);
  add_count (builder, "met", k->n_first_response_met);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "resolution");
  json_builder_begin_object (builder);
  add_share (builder, "compliance", k->resolution_compliance);
  add_count (builder, "targets", k->n_resolution_targets);
  add_count (builder, "met", k->n_resolution_met);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "backlog");
  json_builder_begin_object (builder);
  add_count (builder, "start", k->backlog_start);
  add_count (builder, "end", k->backlog_end);
  add_count (builder, "change", (gint64) k->backlog_end - (gint64) k->backlog_start);
  json_builder_end_object (builder);
}

static void
add_groups (JsonBuilder *builder,
            const char  *member,
            GArray      *groups)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      const CrmServiceKpiGroup *g = &g_array_index (groups, CrmServiceKpiGroup, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, g->key);
      add_kpis (builder, &g->kpis);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_report_json (const CrmServiceKpiReport *report,
                   GArray                    *timings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = local_day (report->from);
  g_autofree char *to = local_day (report->to - 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  add_count (builder, "from_unix", report->from);
  add_count (builder, "to_unix", report->to);
  add_count (builder, "now_unix", report->now);
  json_builder_set_member_name (builder, "bucket");
  json_builder_add_string_value (builder, bucket_key (report->bucket));

  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_kpis (builder, &report->total);
  json_builder_end_object (builder);

  add_groups (builder, "by_channel", report->channels);
  add_groups (builder, "by_priority", report->priorities);
  json_builder_set_member_name (builder, "by_segment");
  json_builder_begin_array (builder);
  for (CrmServiceKpiSegment s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, crm_service_kpi_segment_key (s));
      add_kpis (builder, &report->segments[s]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "trend");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->trend->len; i++)
    {
      const CrmServiceKpiPoint *p = &g_array_index (report->trend, CrmServiceKpiPoint, i);
      g_autofree char *start = local_day (p->start);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
      add_count (builder, "start_unix", p->start);
      add_count (builder, "end_unix", p->end);
      add_kpis (builder, &p->kpis);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (timings != NULL)
    {
      json_builder_set_member_name (builder, "timings_ms");
      json_builder_begin_array (builder);
      for (guint i = 0; i < timings->len; i++)
        json_builder_add_double_value (builder, g_array_index (timings, double, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  print_json (builder);
}

/* --- text --- */

static void
print_kpis_text (const CrmServiceKpis *k)
{
  g_autofree char *csat = crm_service_kpi_format_share (k->csat);
  g_autofree char *median = crm_service_kpi_format_duration (k->first_response_median);
  g_autofree char *p90 = crm_service_kpi_format_duration (k->first_response_p90);
  g_autofree char *rate = crm_service_kpi_format_share (k->resolution_rate);
  g_autofree char *within = crm_service_kpi_format_share (k->resolved_within_target);
  g_autofree char *self = crm_service_kpi_format_share (k->self_service_rate);
  g_autofree char *sla = crm_service_kpi_format_share (k->sla_compliance);
  g_autofree char *sla_fr = crm_service_kpi_format_share (k->first_response_compliance);
  g_autofree char *sla_res = crm_service_kpi_format_share (k->resolution_compliance);

  /* TRANSLATORS: CSAT: the share of ratings of 4 or 5, the mean rating and
   * the number of ratings */
  g_print (_("  Customer satisfaction: %s rated 4 or 5 (mean %.2f, %u ratings)\n"),
           csat, MAX (k->csat_mean, 0), k->n_rated);
  /* TRANSLATORS: first response time: median, 90th percentile, count */
  g_print (_("  First response time: median %s, 90th percentile %s, in business hours "
             "(%u first replies)\n"), median, p90, k->n_first_responses);
  /* TRANSLATORS: resolution rate, resolved and created counts, the share
   * resolved within the SLA target */
  g_print (_("  Resolution rate: %s (%u resolved, %u created); %s within the SLA target\n"),
           rate, k->n_resolved, k->n_created, within);
  /* TRANSLATORS: self-service usage rate and the number of self-service resolutions */
  g_print (_("  Self-service usage rate: %s (%u self-service resolutions)\n"), self,
           k->n_self_service);
  /* TRANSLATORS: SLA compliance, tickets counted, then by target */
  g_print (_("  SLA compliance: %s of %u tickets (first response %s, resolution %s)\n"),
           sla, k->n_sla_tickets, sla_fr, sla_res);
  /* TRANSLATORS: open tickets at the end and at the start of the period */
  g_print (_("  Backlog: %u at the end, %u at the start\n"), k->backlog_end, k->backlog_start);
}

static void
print_report_text (const CrmServiceKpiReport *report)
{
  g_autofree char *from = local_day (report->from);
  g_autofree char *to = local_day (report->to - 1);

  /* TRANSLATORS: the heading of rapport-cli kpi: first and last day */
  g_print (_("Service KPIs from %s to %s\n"), from, to);
  print_kpis_text (&report->total);

  for (guint i = 0; i < report->channels->len; i++)
    {
      const CrmServiceKpiGroup *g = &g_array_index (report->channels, CrmServiceKpiGroup, i);

      g_print ("\n");
      /* TRANSLATORS: a heading: a ticket channel, e.g. "Channel: Email" */
      g_print (_("Channel: %s\n"), crm_service_kpi_channel_label (g->key));
      print_kpis_text (&g->kpis);
    }
  for (guint i = 0; i < report->priorities->len; i++)
    {
      const CrmServiceKpiGroup *g = &g_array_index (report->priorities, CrmServiceKpiGroup, i);

      g_print ("\n");
      /* TRANSLATORS: a heading: a ticket priority, e.g. "Priority: High" */
      g_print (_("Priority: %s\n"), crm_service_kpi_priority_label (g->key));
      print_kpis_text (&g->kpis);
    }
  for (CrmServiceKpiSegment s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
    {
      g_print ("\n");
      /* TRANSLATORS: a heading: "Customers: B2B" or "Customers: B2C" */
      g_print (_("Customers: %s\n"), crm_service_kpi_segment_label (s));
      print_kpis_text (&report->segments[s]);
    }
}

/* --- the command --- */

static CrmServiceKpiReport *
compute (CrmStore  *store,
         Cli       *cli,
         gint64     from,
         gint64     to,
         gint64     now,
         double    *ms,
         GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 started = g_get_monotonic_time ();
  CrmServiceKpiReport *report;

  crm_service_kpi_compute_async (store, from, to, now, NULL, NULL, NULL, NULL, cli->cancellable,
                                 on_async_done_cb, &result);
  report = crm_service_kpi_compute_finish (store, await_result (&result), error);
  *ms = (g_get_monotonic_time () - started) / 1000.0;
  return report;
}

int
cmd_kpi (Cli   *cli,
         int    argc,
         char **argv)
{
  gboolean json = FALSE;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  int repeat = 0;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day of the period"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day of the period (included)"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      N_("Compute N times and add each computation’s milliseconds to the JSON (benchmarks)"),
      "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(CrmServiceKpiReport) report = NULL;
  g_autoptr(GArray) timings = NULL;
  gint64 from, to;
  double ms;

  if (!parse_options (NULL, _("Customer satisfaction, first response time, resolution rate, "
                              "self-service usage rate, SLA compliance and backlog of the "
                              "tickets of a period, in total, by channel, by priority and "
                              "for B2B against B2C customers, with a trend by day, week or "
                              "month.  Days are local days."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("kpi takes no arguments besides its options."));
  if (from_text == NULL || to_text == NULL)
    return usage_error (_("kpi needs --from and --to."));
  if (!crm_service_kpi_parse_day (from_text, NULL, &from) ||
      !crm_service_kpi_parse_day (to_text, NULL, &to))
    return usage_error (_("--from and --to must be dates like 2026-11-23."));
  /* The end of the last day: the start of the next one. */
  {
    g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (to);
    g_autoptr(GDateTime) next = last != NULL ? g_date_time_add_days (last, 1) : NULL;

    if (next != NULL)
      to = g_date_time_to_unix (next);
  }
  if (to <= from)
    return usage_error (_("--to must not be before --from."));
  if (repeat < 0 || repeat > 1000)
    return usage_error (_("--repeat must be between 0 and 1000."));

  if ((store = open_store (cli, TRUE, &error)) == NULL)
    return fail (g_steal_pointer (&error));
  if (repeat > 0)
    timings = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < MAX (repeat, 1); i++)
    {
      g_clear_pointer (&report, crm_service_kpi_report_free);
      if ((report = compute (store, cli, from, to, now_seconds (), &ms, &error)) == NULL)
        return fail (g_steal_pointer (&error));
      if (timings != NULL)
        g_array_append_val (timings, ms);
    }

  if (json)
    print_report_json (report, timings);
  else
    print_report_text (report);
  return EXIT_SUCCESS;
}
