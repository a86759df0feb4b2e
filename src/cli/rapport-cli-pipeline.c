/* rapport-cli-pipeline.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-cli forecast and rapport-cli cycle: the numbers of the forecast
 * view and the sales-cycle report, as text or JSON.  Amounts in JSON are
 * integer minor units with their currency.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "crm-format.h"
#include "crm-forecast.h"
#include "rapport-cli-private.h"

static CrmForecastData *
load (Cli     *cli,
      GError **error)
{
  g_autoptr(OpenStore) store = open_store (cli, TRUE, error);
  g_autoptr(GAsyncResult) result = NULL;

  if (store == NULL)
    return NULL;
  crm_forecast_load_async (store, NULL, cli->cancellable, on_async_done_cb, &result);
  return crm_forecast_load_finish (store, await_result (&result), error);
}

static const char *
pipeline_name (CrmForecastData *data,
               gint64           id)
{
  for (guint i = 0; i < data->pipelines->len; i++)
    {
      CrmForecastPipeline *p = &g_array_index (data->pipelines, CrmForecastPipeline, i);

      if (p->id == id)
        return p->name;
    }
  return "";
}

static const char *
owner_name (CrmForecastData *data,
            gint64           id)
{
  const char *name = g_hash_table_lookup (data->staff, &id);

  return name != NULL ? name : "";
}

/* "pipeline,owner" → grouping; FALSE for anything else. */
static gboolean
parse_grouping (const char          *text,
                CrmForecastGrouping *grouping)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "pipeline,owner", ",", -1);

  *grouping = CRM_FORECAST_BY_MONTH;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (g_str_equal (parts[i], "pipeline"))
        *grouping |= CRM_FORECAST_BY_PIPELINE;
      else if (g_str_equal (parts[i], "owner"))
        *grouping |= CRM_FORECAST_BY_OWNER;
      else if (!g_str_equal (parts[i], "month"))
        return FALSE;
    }
  return TRUE;
}

int
cmd_forecast (Cli   *cli,
              int    argc,
              char **argv)
{
  gboolean json = FALSE;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("Group each month by pipeline, owner, both or neither (default: pipeline,owner)"),
      "month|pipeline|owner|pipeline,owner" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmForecastData) data = NULL;
  g_autoptr(GArray) rows = NULL;
  CrmForecastGrouping grouping;

  if (!parse_options (NULL, _("The weighted and best-case amounts of the deals by "
                              "month of expected close (won deals by the month "
                              "they were won), per pipeline and owner."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("forecast takes no arguments besides its options."));
  if (!parse_grouping (by, &grouping))
    return usage_error (_("--by takes month, pipeline, owner or pipeline,owner."));

  if ((data = load (cli, &error)) == NULL)
    return fail (g_steal_pointer (&error));
  rows = crm_forecast_rows ((CrmForecastDeal *) data->deals->data, data->deals->len, grouping);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          const CrmForecastRow *r = &g_array_index (rows, CrmForecastRow, i);
          g_autofree char *month = g_strdup_printf ("%04d-%02d", r->year, r->month);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "month");
          json_builder_add_string_value (builder, month);
          if (r->pipeline_id >= 0)
            {
              json_builder_set_member_name (builder, "pipeline_id");
              json_builder_add_int_value (builder, r->pipeline_id);
              json_builder_set_member_name (builder, "pipeline");
              json_builder_add_string_value (builder, pipeline_name (data, r->pipeline_id));
            }
          if (r->owner_id >= 0)
            {
              json_builder_set_member_name (builder, "owner_id");
              json_builder_add_int_value (builder, r->owner_id);
              json_builder_set_member_name (builder, "owner");
              json_builder_add_string_value (builder, owner_name (data, r->owner_id));
            }
          json_builder_set_member_name (builder, "currency");
          json_builder_add_string_value (builder, r->currency);
          json_builder_set_member_name (builder, "open_deals");
          json_builder_add_int_value (builder, r->n_open);
          json_builder_set_member_name (builder, "won_deals");
          json_builder_add_int_value (builder, r->n_won);
          json_builder_set_member_name (builder, "won");
          json_builder_add_int_value (builder, r->won);
          json_builder_set_member_name (builder, "weighted");
          json_builder_add_int_value (builder, r->weighted);
          json_builder_set_member_name (builder, "best_case");
          json_builder_add_int_value (builder, r->best_case);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const CrmForecastRow *r = &g_array_index (rows, CrmForecastRow, i);
      g_autofree char *weighted = crm_format_money (r->weighted, r->currency);
      g_autofree char *best = crm_format_money (r->best_case, r->currency);
      g_autoptr(GString) who = g_string_new (NULL);

      if (r->pipeline_id >= 0)
        g_string_append_printf (who, "  %s", pipeline_name (data, r->pipeline_id));
      if (r->owner_id >= 0)
        g_string_append_printf (who, "  %s", r->owner_id != 0 ? owner_name (data, r->owner_id)
                                                              : _("No owner"));
      /* TRANSLATORS: a forecast line: month, pipeline and owner, then the
       * weighted and best-case amounts, e.g. "2026-12  B2B  Ana  weighted
       * $1,200.00, best case $3,000.00" */
      g_print (_("%04d-%02d%s  weighted %s, best case %s\n"), r->year, r->month, who->str,
               weighted, best);
    }
  return EXIT_SUCCESS;
}

static const char *
segment_key (CrmCycleSegment segment)
{
  switch (segment)
    {
    case CRM_CYCLE_B2B:
      return "b2b";
    case CRM_CYCLE_B2C:
      return "b2c";
    case CRM_CYCLE_ALL:
    default:
      return "all";
    }
}

/* A ratio or a number of days, or null where there is none (-1). */
static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static const char *
stage_name (CrmForecastData *data,
            gint64           stage_id)
{
  const char *name = g_hash_table_lookup (data->stage_names, &stage_id);

  return name != NULL ? name : "";
}

int
cmd_cycle (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmForecastData) data = NULL;
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) stats = NULL;

  if (!parse_options (NULL, _("The sales cycle of each pipeline: days from creation "
                              "to won (mean and median), win rate, time in each "
                              "stage and conversion to the next, for all deals, "
                              "B2B (organizations) and B2C (people)."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("cycle takes no arguments besides its options."));

  if ((data = load (cli, &error)) == NULL)
    return fail (g_steal_pointer (&error));
  crm_cycle_compute ((CrmCycleDeal *) data->cycle_deals->data, data->cycle_deals->len,
                     (CrmCycleStay *) data->stays->data, data->stays->len,
                     (CrmCycleStage *) data->stages->data, data->stages->len,
                     g_get_real_time () / G_USEC_PER_SEC, &sums, &stats);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pipelines");
      json_builder_begin_array (builder);
      for (guint p = 0; p < data->pipelines->len; p++)
        {
          CrmForecastPipeline *pipeline = &g_array_index (data->pipelines, CrmForecastPipeline, p);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, pipeline->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, pipeline->name);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, pipeline->kind);
          for (CrmCycleSegment segment = CRM_CYCLE_ALL; segment <= CRM_CYCLE_B2C; segment++)
            {
              json_builder_set_member_name (builder, segment_key (segment));
              json_builder_begin_object (builder);
              for (guint i = 0; i < sums->len; i++)
                {
                  const CrmCycleSummary *s = &g_array_index (sums, CrmCycleSummary, i);

                  if (s->pipeline_id != pipeline->id || s->segment != segment)
                    continue;
                  json_builder_set_member_name (builder, "open");
                  json_builder_add_int_value (builder, s->n_open);
                  json_builder_set_member_name (builder, "won");
                  json_builder_add_int_value (builder, s->n_won);
                  json_builder_set_member_name (builder, "lost");
                  json_builder_add_int_value (builder, s->n_lost);
                  add_number (builder, "win_rate", s->win_rate);
                  add_number (builder, "mean_days_to_won", s->mean_days);
                  add_number (builder, "median_days_to_won", s->median_days);
                }
              json_builder_set_member_name (builder, "stages");
              json_builder_begin_array (builder);
              for (guint i = 0; i < stats->len; i++)
                {
                  const CrmCycleStageStat *t = &g_array_index (stats, CrmCycleStageStat, i);

                  if (t->pipeline_id != pipeline->id || t->segment != segment)
                    continue;
                  json_builder_begin_object (builder);
                  json_builder_set_member_name (builder, "stage_id");
                  json_builder_add_int_value (builder, t->stage_id);
                  json_builder_set_member_name (builder, "name");
                  json_builder_add_string_value (builder, stage_name (data, t->stage_id));
                  json_builder_set_member_name (builder, "entered");
                  json_builder_add_int_value (builder, t->n_entered);
                  json_builder_set_member_name (builder, "advanced");
                  json_builder_add_int_value (builder, t->n_advanced);
                  add_number (builder, "conversion", t->conversion);
                  add_number (builder, "mean_days_in_stage", t->mean_days);
                  json_builder_end_object (builder);
                }
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint p = 0; p < data->pipelines->len; p++)
    {
      CrmForecastPipeline *pipeline = &g_array_index (data->pipelines, CrmForecastPipeline, p);

      g_print ("%s\n", pipeline->name);
      for (guint i = 0; i < sums->len; i++)
        {
          const CrmCycleSummary *s = &g_array_index (sums, CrmCycleSummary, i);
          const char *label = s->segment == CRM_CYCLE_B2B ? _("B2B")
                              : s->segment == CRM_CYCLE_B2C ? _("B2C") : _("All");

          if (s->pipeline_id != pipeline->id)
            continue;
          if (s->mean_days < 0)
            /* TRANSLATORS: a line of the sales-cycle report without won deals */
            g_print (_("  %s: %u won, %u lost, %u open\n"), label, s->n_won, s->n_lost, s->n_open);
          else
            /* TRANSLATORS: a line of the sales-cycle report: segment, deals,
             * win rate in percent, mean and median days from creation to won */
            g_print (_("  %s: %u won, %u lost, %u open; win rate %.0f%%; %.1f days to win "
                       "(median %.1f)\n"), label, s->n_won, s->n_lost, s->n_open,
                     s->win_rate * 100, s->mean_days, s->median_days);
        }
    }
  return EXIT_SUCCESS;
}
