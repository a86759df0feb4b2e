/* test-forecast.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forecast and the sales-cycle report on hand-built data with known
 * answers, and on the sample data read from a store.
 */

#include "config.h"

#include "crm-demo.h"
#include "crm-forecast.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)

static const CrmForecastRow *
row_at (GArray *rows,
        guint   i)
{
  g_assert_cmpuint (i, <, rows->len);
  return &g_array_index (rows, CrmForecastRow, i);
}

static void
test_forecast (void)
{
  const CrmForecastDeal deals[] = {
    { 1, 10, "USD", 100000, 50, 2026, 12, CRM_STAGE_KIND_OPEN },
    { 1, 11, "USD", 200000, 25, 2026, 12, CRM_STAGE_KIND_OPEN },
    { 2, 10, "USD", 30000, 100, 2026, 12, CRM_STAGE_KIND_WON },
    { 2, 10, "USD", 99999, 0, 2026, 12, CRM_STAGE_KIND_LOST },
    { 1, 10, "EUR", 1000, 10, 2027, 1, CRM_STAGE_KIND_OPEN },
    { 1, 10, "USD", 5000, 90, 0, 0, CRM_STAGE_KIND_OPEN },
  };
  g_autoptr(GArray) by_month = crm_forecast_rows (deals, G_N_ELEMENTS (deals), CRM_FORECAST_BY_MONTH);
  g_autoptr(GArray) by_all = crm_forecast_rows (deals, G_N_ELEMENTS (deals),
                                                CRM_FORECAST_BY_PIPELINE | CRM_FORECAST_BY_OWNER);
  g_autoptr(GArray) by_owner = crm_forecast_rows (deals, G_N_ELEMENTS (deals), CRM_FORECAST_BY_OWNER);
  g_autoptr(GArray) none = crm_forecast_rows (NULL, 0, CRM_FORECAST_BY_MONTH);
  const CrmForecastRow *r;

  g_assert_cmpuint (none->len, ==, 0);

  /* By month: lost deals and deals without a date are left out. */
  g_assert_cmpuint (by_month->len, ==, 2);
  r = row_at (by_month, 0);
  g_assert_cmpint (r->year, ==, 2026);
  g_assert_cmpint (r->month, ==, 12);
  g_assert_cmpint (r->pipeline_id, ==, -1);
  g_assert_cmpint (r->owner_id, ==, -1);
  g_assert_cmpstr (r->currency, ==, "USD");
  g_assert_cmpuint (r->n_open, ==, 2);
  g_assert_cmpuint (r->n_won, ==, 1);
  g_assert_cmpint (r->won, ==, 30000);
  g_assert_cmpint (r->weighted, ==, 50000 + 50000 + 30000);
  g_assert_cmpint (r->best_case, ==, 100000 + 200000 + 30000);
  r = row_at (by_month, 1);
  g_assert_cmpint (r->year, ==, 2027);
  g_assert_cmpint (r->month, ==, 1);
  g_assert_cmpstr (r->currency, ==, "EUR");
  g_assert_cmpint (r->weighted, ==, 100);
  g_assert_cmpint (r->best_case, ==, 1000);

  /* By pipeline and owner. */
  g_assert_cmpuint (by_all->len, ==, 4);
  r = row_at (by_all, 0);
  g_assert_cmpint (r->pipeline_id, ==, 1);
  g_assert_cmpint (r->owner_id, ==, 10);
  g_assert_cmpint (r->weighted, ==, 50000);
  g_assert_cmpint (r->best_case, ==, 100000);
  r = row_at (by_all, 1);
  g_assert_cmpint (r->pipeline_id, ==, 1);
  g_assert_cmpint (r->owner_id, ==, 11);
  g_assert_cmpint (r->weighted, ==, 50000);
  g_assert_cmpint (r->best_case, ==, 200000);
  r = row_at (by_all, 2);
  g_assert_cmpint (r->pipeline_id, ==, 2);
  g_assert_cmpint (r->owner_id, ==, 10);
  g_assert_cmpint (r->won, ==, 30000);
  g_assert_cmpuint (r->n_open, ==, 0);
  r = row_at (by_all, 3);
  g_assert_cmpint (r->year, ==, 2027);
  g_assert_cmpstr (r->currency, ==, "EUR");

  /* By owner only: owner 10's December is pipelines 1 and 2 together. */
  g_assert_cmpuint (by_owner->len, ==, 3);
  r = row_at (by_owner, 0);
  g_assert_cmpint (r->pipeline_id, ==, -1);
  g_assert_cmpint (r->owner_id, ==, 10);
  g_assert_cmpint (r->weighted, ==, 50000 + 30000);
  g_assert_cmpint (r->best_case, ==, 100000 + 30000);
}

static const CrmCycleSummary *
summary (GArray          *sums,
         gint64           pipeline_id,
         CrmCycleSegment  segment)
{
  for (guint i = 0; i < sums->len; i++)
    {
      const CrmCycleSummary *s = &g_array_index (sums, CrmCycleSummary, i);

      if (s->pipeline_id == pipeline_id && s->segment == segment)
        return s;
    }
  g_assert_not_reached ();
}

static const CrmCycleStageStat *
stage_stat (GArray          *stats,
            gint64           stage_id,
            CrmCycleSegment  segment)
{
  for (guint i = 0; i < stats->len; i++)
    {
      const CrmCycleStageStat *s = &g_array_index (stats, CrmCycleStageStat, i);

      if (s->stage_id == stage_id && s->segment == segment)
        return s;
    }
  g_assert_not_reached ();
}

static void
test_cycle (void)
{
  /* Pipeline 1: A, B, C, Won, Lost; pipeline 2 has no deals. */
  const CrmCycleStage stages[] = {
    { 1, 1, 0, CRM_STAGE_KIND_OPEN },
    { 2, 1, 1, CRM_STAGE_KIND_OPEN },
    { 3, 1, 2, CRM_STAGE_KIND_OPEN },
    { 4, 1, 3, CRM_STAGE_KIND_WON },
    { 5, 1, 4, CRM_STAGE_KIND_LOST },
    { 6, 2, 0, CRM_STAGE_KIND_OPEN },
    { 7, 2, 1, CRM_STAGE_KIND_WON },
  };
  const CrmCycleStay stays[] = {
    /* d0 (B2B): A 10 days, B 30, C 60, won at day 100 */
    { 1, 0, 10 * DAY }, { 2, 10 * DAY, 40 * DAY }, { 3, 40 * DAY, 100 * DAY }, { 4, 100 * DAY, 0 },
    /* d1 (B2B): A 5, B 15, lost at day 20 */
    { 1, 0, 5 * DAY }, { 2, 5 * DAY, 20 * DAY }, { 5, 20 * DAY, 0 },
    /* d2 (B2C): A 2, won at day 10 (closed later than it moved) */
    { 1, 0, 2 * DAY }, { 4, 2 * DAY, 0 },
    /* d3 (B2C): A 10, B 20, won at day 30 */
    { 1, 0, 10 * DAY }, { 2, 10 * DAY, 30 * DAY }, { 4, 30 * DAY, 0 },
    /* d4 (B2C, open): A 5, in B since day 5 */
    { 1, 0, 5 * DAY }, { 2, 5 * DAY, 0 },
  };
  const CrmCycleDeal deals[] = {
    { 1, TRUE, 0, 100 * DAY, CRM_STAGE_KIND_WON, 0, 4 },
    { 1, TRUE, 0, 20 * DAY, CRM_STAGE_KIND_LOST, 4, 3 },
    { 1, FALSE, 0, 10 * DAY, CRM_STAGE_KIND_WON, 7, 2 },
    { 1, FALSE, 0, 30 * DAY, CRM_STAGE_KIND_WON, 9, 3 },
    { 1, FALSE, 0, 0, CRM_STAGE_KIND_OPEN, 12, 2 },
  };
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) stats = NULL;
  const CrmCycleSummary *s;
  const CrmCycleStageStat *t;

  crm_cycle_compute (deals, G_N_ELEMENTS (deals), stays, G_N_ELEMENTS (stays),
                     stages, G_N_ELEMENTS (stages), 25 * DAY, &sums, &stats);

  /* Two pipelines × three segments; open stages × segments. */
  g_assert_cmpuint (sums->len, ==, 6);
  g_assert_cmpuint (stats->len, ==, (3 + 1) * 3);

  s = summary (sums, 1, CRM_CYCLE_ALL);
  g_assert_cmpuint (s->n_won, ==, 3);
  g_assert_cmpuint (s->n_lost, ==, 1);
  g_assert_cmpuint (s->n_open, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->win_rate, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->mean_days, 140.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->median_days, 30, 1e-9);

  s = summary (sums, 1, CRM_CYCLE_B2B);
  g_assert_cmpuint (s->n_won, ==, 1);
  g_assert_cmpuint (s->n_lost, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->win_rate, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->mean_days, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->median_days, 100, 1e-9);

  s = summary (sums, 1, CRM_CYCLE_B2C);
  g_assert_cmpuint (s->n_won, ==, 2);
  g_assert_cmpuint (s->n_open, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->win_rate, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->mean_days, 20, 1e-9);
  /* an even count: the mean of the middle two */
  g_assert_cmpfloat_with_epsilon (s->median_days, 20, 1e-9);

  /* Nothing closed, nothing won: -1, not 0. */
  s = summary (sums, 2, CRM_CYCLE_ALL);
  g_assert_cmpuint (s->n_won + s->n_lost + s->n_open, ==, 0);
  g_assert_cmpfloat (s->win_rate, ==, -1);
  g_assert_cmpfloat (s->mean_days, ==, -1);
  g_assert_cmpfloat (s->median_days, ==, -1);

  /* Stage A: everyone passed it, 32 days over 5 stays. */
  t = stage_stat (stats, 1, CRM_CYCLE_ALL);
  g_assert_cmpuint (t->n_entered, ==, 5);
  g_assert_cmpuint (t->n_advanced, ==, 5);
  g_assert_cmpfloat_with_epsilon (t->conversion, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->mean_days, 32.0 / 5, 1e-9);

  /* Stage B: d0 and d3 went on (won), d1 was lost from it, d4 is still
   * there (its 20 days so far count). */
  t = stage_stat (stats, 2, CRM_CYCLE_ALL);
  g_assert_cmpuint (t->n_entered, ==, 4);
  g_assert_cmpuint (t->n_advanced, ==, 2);
  g_assert_cmpfloat_with_epsilon (t->conversion, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->mean_days, 85.0 / 4, 1e-9);

  t = stage_stat (stats, 2, CRM_CYCLE_B2B);
  g_assert_cmpuint (t->n_entered, ==, 2);
  g_assert_cmpuint (t->n_advanced, ==, 1);
  g_assert_cmpfloat_with_epsilon (t->mean_days, 22.5, 1e-9);

  t = stage_stat (stats, 3, CRM_CYCLE_ALL);
  g_assert_cmpuint (t->n_entered, ==, 1);
  g_assert_cmpfloat_with_epsilon (t->conversion, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (t->mean_days, 60, 1e-9);

  /* A stage nobody reached. */
  t = stage_stat (stats, 6, CRM_CYCLE_B2C);
  g_assert_cmpuint (t->n_entered, ==, 0);
  g_assert_cmpfloat (t->conversion, ==, -1);
  g_assert_cmpfloat (t->mean_days, ==, -1);
}

/* The sample data: every deal is read, and B2B deals take longer to win
 * than B2C ones, as the seed material says they do. */
static void
test_sample_data (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmForecastData) data = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GArray) rows = NULL;
  double b2b = 0, b2c = 0;
  guint n_b2b = 0, n_b2c = 0, n_stays = 0;

  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (store, CRM_DEMO_SMALL, "en", 7, &error));
  g_assert_no_error (error);

  crm_forecast_load_async (store, utc, NULL, crm_test_store_result, &result);
  data = crm_forecast_load_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpuint (data->pipelines->len, >=, 2);
  g_assert_cmpuint (data->deals->len, >, 0);
  g_assert_cmpuint (data->deals->len, ==, data->cycle_deals->len);
  for (guint i = 0; i < data->cycle_deals->len; i++)
    n_stays += g_array_index (data->cycle_deals, CrmCycleDeal, i).n_stays;
  g_assert_cmpuint (n_stays, ==, data->stays->len);

  crm_cycle_compute ((CrmCycleDeal *) data->cycle_deals->data, data->cycle_deals->len,
                     (CrmCycleStay *) data->stays->data, data->stays->len,
                     (CrmCycleStage *) data->stages->data, data->stages->len,
                     g_get_real_time () / G_USEC_PER_SEC, &sums, &stats);
  for (guint i = 0; i < sums->len; i++)
    {
      const CrmCycleSummary *s = &g_array_index (sums, CrmCycleSummary, i);

      if (s->mean_days < 0)
        continue;
      if (s->segment == CRM_CYCLE_B2B)
        b2b += s->mean_days * s->n_won, n_b2b += s->n_won;
      else if (s->segment == CRM_CYCLE_B2C)
        b2c += s->mean_days * s->n_won, n_b2c += s->n_won;
    }
  g_assert_cmpuint (n_b2b, >, 0);
  g_assert_cmpuint (n_b2c, >, 0);
  g_assert_cmpfloat (b2b / n_b2b, >, 2 * (b2c / n_b2c));

  rows = crm_forecast_rows ((CrmForecastDeal *) data->deals->data, data->deals->len,
                            CRM_FORECAST_BY_PIPELINE);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmForecastRow *r = &g_array_index (rows, CrmForecastRow, i);

      g_assert_cmpint (r->weighted, <=, r->best_case);
      g_assert_cmpint (r->won, <=, r->weighted);
    }

  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forecast/rows", test_forecast);
  g_test_add_func ("/forecast/cycle", test_cycle);
  g_test_add_func ("/forecast/sample-data", test_sample_data);

  return g_test_run ();
}
