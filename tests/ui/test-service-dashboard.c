/* test-service-dashboard.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service dashboard in a real window over the small sample data: its
 * tiles, breakdown tables and trend charts show the numbers the core
 * computes for the same period (this month, the last 12 months, custom
 * days); rating a ticket (crm_ticket_flow_set_csat_async) changes the CSAT
 * shown, without anyone asking; a database without tickets shows the empty
 * state; the dashboard goes away with its window.
 */

#define G_LOG_DOMAIN "TestServiceDashboard"

#include "config.h"

#include <adwaita.h>

#include "crm-chart.h"
#include "crm-context.h"
#include "crm-demo.h"
#include "crm-format.h"
#include "crm-service-dashboard-private.h"
#include "crm-service-kpi.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ticket-flow.h"
#include "crm-ui-test-util.h"

/* Monday 2026-11-23 12:00 UTC, the sample data's "today" at noon. */
#define NOW G_GINT64_CONSTANT (1795435200)

typedef struct
{
  CrmStore            *store;
  CrmContext          *context;
  GtkWindow           *window;
  CrmServiceDashboard *dashboard;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  fixture->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  if (user_data == NULL)
    {
      crm_demo_generate_sync (fixture->store, CRM_DEMO_SMALL, "en", 7, &error);
      g_assert_no_error (error);
    }
  fixture->context = crm_context_new (fixture->store, settings);
  crm_context_set_now (fixture->context, NOW);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 760);
  fixture->dashboard = CRM_SERVICE_DASHBOARD (crm_service_dashboard_new (fixture->context));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->dashboard));
  gtk_window_present (fixture->window);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gpointer dashboard = fixture->dashboard;

  g_object_add_weak_pointer (dashboard, &dashboard);
  gtk_window_destroy (fixture->window);
  crm_ui_test_spin (20);
  g_assert_null (dashboard);
  g_assert_finalize_object (fixture->context);
  crm_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
}

static gboolean
dashboard_ready (gpointer data)
{
  return !_crm_service_dashboard_is_loading (data);
}

typedef struct
{
  CrmServiceDashboard *dashboard;
  guint                loads;
} Loads;

static gboolean
computed_again (gpointer data)
{
  Loads *loads = data;

  return _crm_service_dashboard_get_n_loads (loads->dashboard) > loads->loads &&
         !_crm_service_dashboard_is_loading (loads->dashboard);
}

/* The core's numbers for the period the dashboard shows. */
static CrmServiceKpiReport *
expected_report (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmServiceKpiReport *report;
  gint64 from, to;

  _crm_service_dashboard_get_bounds (fixture->dashboard, &from, &to);
  crm_service_kpi_compute_async (fixture->store, from, to, NOW, NULL, NULL, NULL, NULL, NULL,
                                 crm_test_store_result, &result);
  report = crm_service_kpi_compute_finish (fixture->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  return report;
}

static void
assert_share_text (const char *shown,
                   double      share)
{
  g_autofree char *expected = crm_service_kpi_format_share (share);

  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_count_text (const char *shown,
                   gint64      count)
{
  g_autofree char *expected = crm_format_count (count);

  g_assert_cmpstr (shown, ==, expected);
}

/* Tiles, tables and charts against the core's report. */
static void
assert_shows (Fixture                   *fixture,
              const CrmServiceKpiReport *expected)
{
  CrmServiceDashboard *d = fixture->dashboard;
  const CrmServiceKpis *k = &expected->total;
  g_autofree char *median = crm_service_kpi_format_duration (k->first_response_median);
  GtkWidget *table;
  CrmChart *chart;
  guint n = expected->trend->len;

  g_assert_cmpstr (_crm_service_dashboard_get_state (d), ==, "content");
  assert_share_text (_crm_service_dashboard_get_tile (d, "csat", FALSE), k->csat);
  g_assert_cmpstr (_crm_service_dashboard_get_tile (d, "first-response", FALSE), ==, median);
  assert_share_text (_crm_service_dashboard_get_tile (d, "resolution", FALSE), k->resolution_rate);
  assert_share_text (_crm_service_dashboard_get_tile (d, "self-service", FALSE), k->self_service_rate);
  assert_share_text (_crm_service_dashboard_get_tile (d, "sla", FALSE), k->sla_compliance);
  assert_count_text (_crm_service_dashboard_get_tile (d, "backlog", FALSE), k->backlog_end);
  g_assert_cmpstr (_crm_service_dashboard_get_tile (d, "csat", TRUE), !=, "");

  /* By channel: a row per channel and the total; created, CSAT, backlog. */
  table = _crm_service_dashboard_get_breakdown (d, "channel");
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), ==, expected->channels->len + 1);
  for (guint i = 0; i < expected->channels->len; i++)
    {
      const CrmServiceKpiGroup *g = &g_array_index (expected->channels, CrmServiceKpiGroup, i);

      g_assert_cmpstr (crm_chart_table_get_cell (table, i, 0), ==, crm_service_kpi_channel_label (g->key));
      assert_count_text (crm_chart_table_get_cell (table, i, 1), g->kpis.n_created);
      assert_share_text (crm_chart_table_get_cell (table, i, 5), g->kpis.csat);
      assert_count_text (crm_chart_table_get_cell (table, i, 11), g->kpis.backlog_end);
    }
  assert_count_text (crm_chart_table_get_cell (table, expected->channels->len, 1), k->n_created);
  table = _crm_service_dashboard_get_breakdown (d, "priority");
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), ==, expected->priorities->len + 1);
  assert_share_text (crm_chart_table_get_cell (table, 0, 10),
                     g_array_index (expected->priorities, CrmServiceKpiGroup, 0).kpis.sla_compliance);
  table = _crm_service_dashboard_get_breakdown (d, "segment");
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (crm_chart_table_get_cell (table, 0, 0), ==, "B2B");
  assert_count_text (crm_chart_table_get_cell (table, 0, 1),
                     expected->segments[CRM_SERVICE_KPI_B2B].n_created);
  assert_share_text (crm_chart_table_get_cell (table, 1, 3),
                     expected->segments[CRM_SERVICE_KPI_B2C].resolution_rate);

  /* The trend: a category per bucket in each chart and table twin. */
  chart = _crm_service_dashboard_get_chart (d, "volume");
  g_assert_cmpuint (crm_chart_get_n_categories (chart), ==, n);
  g_assert_cmpuint (crm_chart_get_n_series (chart), ==, 3);
  chart = _crm_service_dashboard_get_chart (d, "rates");
  g_assert_cmpuint (crm_chart_get_n_categories (chart), ==, n);
  chart = _crm_service_dashboard_get_chart (d, "first-response");
  g_assert_cmpuint (crm_chart_get_n_categories (chart), ==, n);
  g_assert_cmpuint (crm_chart_table_get_n_rows (_crm_service_dashboard_get_trend_table (d, "volume")),
                    ==, n);
  for (guint i = 0; i < n; i++)
    {
      const CrmServiceKpis *b = &g_array_index (expected->trend, CrmServiceKpiPoint, i).kpis;
      double median_hours = MAX (b->first_response_median, 0) / 3600.0;

      g_assert_cmpfloat (crm_chart_get_value (_crm_service_dashboard_get_chart (d, "volume"), 0, i), ==,
                         b->n_created);
      g_assert_cmpfloat (crm_chart_get_value (_crm_service_dashboard_get_chart (d, "volume"), 2, i), ==,
                         b->backlog_end);
      g_assert_cmpfloat (crm_chart_get_value (_crm_service_dashboard_get_chart (d, "rates"), 0, i), ==,
                         MAX (b->csat, 0));
      g_assert_cmpfloat_with_epsilon (crm_chart_get_value (_crm_service_dashboard_get_chart (d, "first-response"),
                                                           0, i), median_hours, 1e-9);
      assert_count_text (crm_chart_table_get_cell (_crm_service_dashboard_get_trend_table (d, "volume"),
                                                   i, 2), b->n_resolved);
      assert_share_text (crm_chart_table_get_cell (_crm_service_dashboard_get_trend_table (d, "rates"),
                                                   i, 3), b->sla_compliance);
    }
}

static void
test_numbers (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(CrmServiceKpiReport) expected = NULL;
  Loads loads = { fixture->dashboard, 0 };
  gint64 from;

  /* This month, by week. */
  crm_ui_test_wait (dashboard_ready, fixture->dashboard);
  expected = expected_report (fixture);
  g_assert_cmpint (expected->bucket, ==, CRM_SERVICE_KPI_BUCKET_WEEK);
  g_assert_cmpuint (expected->total.n_created, >, 20);
  assert_shows (fixture, expected);

  /* The last 12 months, by month. */
  loads.loads = _crm_service_dashboard_get_n_loads (fixture->dashboard);
  _crm_service_dashboard_set_period (fixture->dashboard, CRM_SERVICE_KPI_LAST_12_MONTHS, NULL, NULL);
  crm_ui_test_wait (computed_again, &loads);
  g_clear_pointer (&expected, crm_service_kpi_report_free);
  expected = expected_report (fixture);
  g_assert_cmpint (expected->bucket, ==, CRM_SERVICE_KPI_BUCKET_MONTH);
  g_assert_cmpuint (expected->trend->len, ==, 12);
  g_assert_cmpuint (expected->total.n_created, >, 500);
  assert_shows (fixture, expected);

  /* Days of one's own: a week, by day. */
  loads.loads = _crm_service_dashboard_get_n_loads (fixture->dashboard);
  _crm_service_dashboard_set_period (fixture->dashboard, CRM_SERVICE_DASHBOARD_CUSTOM,
                                     "2026-11-16", "2026-11-22");
  crm_ui_test_wait (computed_again, &loads);
  g_assert_true (crm_service_kpi_parse_day ("2026-11-16", NULL, &from));
  g_clear_pointer (&expected, crm_service_kpi_report_free);
  expected = expected_report (fixture);
  g_assert_cmpint (expected->from, ==, from);
  g_assert_cmpint (expected->bucket, ==, CRM_SERVICE_KPI_BUCKET_DAY);
  g_assert_cmpuint (expected->trend->len, ==, 7);
  assert_shows (fixture, expected);
}

/* A ticket resolved this month that nobody rated yet. */
static gint64
unrated_ticket (Fixture *fixture)
{
  gint64 from, to;

  _crm_service_dashboard_get_bounds (fixture->dashboard, &from, &to);
  return crm_test_query_int (fixture->store,
                             "SELECT id FROM ticket WHERE deleted = 0 AND csat_score = 0 "
                             "AND status IN ('resolved', 'closed') AND resolved BETWEEN %"
                             G_GINT64_FORMAT " AND %" G_GINT64_FORMAT " ORDER BY id LIMIT 1",
                             from, to - 1);
}

static void
test_csat_change (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CrmServiceKpiReport) before = NULL;
  g_autoptr(CrmServiceKpiReport) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_before = NULL;
  Loads loads = { fixture->dashboard, 0 };
  gint64 ticket;

  crm_ui_test_wait (dashboard_ready, fixture->dashboard);
  before = expected_report (fixture);
  assert_shows (fixture, before);
  shown_before = g_strdup (_crm_service_dashboard_get_tile (fixture->dashboard, "csat", FALSE));
  ticket = unrated_ticket (fixture);
  g_assert_cmpint (ticket, !=, 0);

  /* The customer gives a 1: the dashboard follows by itself. */
  loads.loads = _crm_service_dashboard_get_n_loads (fixture->dashboard);
  crm_ticket_flow_set_csat_async (fixture->store, ticket, 1, "Too slow", NULL, crm_test_store_result,
                                  &result);
  g_assert_true (crm_ticket_flow_set_csat_finish (fixture->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  crm_ui_test_wait (computed_again, &loads);

  after = expected_report (fixture);
  g_assert_cmpuint (after->total.n_rated, ==, before->total.n_rated + 1);
  g_assert_cmpuint (after->total.n_satisfied, ==, before->total.n_satisfied);
  g_assert_cmpfloat (after->total.csat, <, before->total.csat);
  assert_shows (fixture, after);
  g_assert_cmpstr (_crm_service_dashboard_get_tile (fixture->dashboard, "csat", FALSE), !=, shown_before);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  crm_ui_test_wait (dashboard_ready, fixture->dashboard);
  g_assert_cmpstr (_crm_service_dashboard_get_state (fixture->dashboard), ==, "empty");
  g_assert_nonnull (_crm_service_dashboard_get_report (fixture->dashboard));
  g_assert_cmpuint (_crm_service_dashboard_get_report (fixture->dashboard)->total.n_created, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  /* The ticket flow's clock (csat_at of a new rating) is the dashboard's. */
  g_setenv ("CRM_STORE_NOW", "1795435200", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application's style sheet (the charts' series colours), which
   * AdwApplication would load. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/rapportcrm/Rapport/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/service-dashboard/numbers", Fixture, NULL, fixture_setup, test_numbers,
              fixture_teardown);
  g_test_add ("/service-dashboard/csat-change", Fixture, NULL, fixture_setup, test_csat_change,
              fixture_teardown);
  g_test_add ("/service-dashboard/empty", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_empty,
              fixture_teardown);
  return g_test_run ();
}
