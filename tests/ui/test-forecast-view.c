/* test-forecast-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forecast and sales-cycle views in a real window over the small
 * sample data: the forecast table has a row per month and shows the same
 * weighted amount as crm_forecast_rows() on the same data (and the chart the
 * same value), per pipeline and by owner; the cycle view shows B2B taking
 * longer than B2C to win, as crm_cycle_compute() has it; switching the
 * pipeline changes what is shown; a store change reads again; a database
 * without deals shows the empty state.
 *
 * With CRM_FORECAST_SHOWCASE=SECONDS it only shows both views that long (for
 * screenshots; CRM_FORECAST_SHOWCASE_LOCALE=zh_CN for Chinese data,
 * _PAGE=cycle, _WIDTH, _DARK=1, _PIPELINE=ID or b2b|b2c, _BY_OWNER=1, _TABLE=1, _FOCUS=1,
 * _SCROLL=PIXELS for the cycle page).
 */

#define G_LOG_DOMAIN "TestForecastView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "crm-chart.h"
#include "crm-context.h"
#include "crm-deal.h"
#include "crm-demo.h"
#include "crm-forecast.h"
#include "crm-forecast-view-private.h"
#include "crm-format.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"

typedef struct
{
  CrmStore        *store;
  CrmContext      *context;
  GtkWindow       *window;
  CrmForecastView *forecast;
  CrmCycleView    *cycle;
  CrmForecastData *data;
} Fixture;

static void
load_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) css = NULL;

  if (done)
    return;
  done = TRUE;
  /* The application's style sheet (series colours), which AdwApplication
   * would load. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/rapportcrm/Rapport/icons");
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/rapportcrm/Rapport/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static CrmForecastData *
load_data (CrmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmForecastData *data;

  crm_forecast_load_async (store, NULL, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  data = crm_forecast_load_finish (store, result, &error);
  g_assert_no_error (error);
  return data;
}

static void
open_fixture (Fixture    *fixture,
              const char *locale,
              gboolean    demo)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *stack;

  load_css ();
  fixture->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  if (demo)
    {
      crm_demo_generate_sync (fixture->store, CRM_DEMO_SMALL, locale, 7, &error);
      g_assert_no_error (error);
    }
  fixture->context = crm_context_new (fixture->store, settings);
  fixture->data = load_data (fixture->store);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 760);
  stack = adw_view_stack_new ();
  fixture->forecast = CRM_FORECAST_VIEW (crm_forecast_view_new (fixture->context));
  fixture->cycle = CRM_CYCLE_VIEW (crm_cycle_view_new (fixture->context));
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), GTK_WIDGET (fixture->forecast), "forecast",
                             "Forecast");
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), GTK_WIDGET (fixture->cycle), "cycle",
                             "Sales Cycle");
  g_object_set_data (G_OBJECT (fixture->window), "stack", stack);
  gtk_window_set_child (fixture->window, stack);
  gtk_window_present (fixture->window);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  open_fixture (fixture, "en", user_data == NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gpointer forecast = fixture->forecast, cycle = fixture->cycle;

  g_object_add_weak_pointer (forecast, &forecast);
  g_object_add_weak_pointer (cycle, &cycle);
  gtk_window_destroy (fixture->window);
  crm_ui_test_spin (20);
  g_assert_null (forecast);
  g_assert_null (cycle);
  crm_forecast_data_free (fixture->data);
  g_assert_finalize_object (fixture->context);
  crm_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
}

static gboolean
forecast_ready (gpointer data)
{
  return !_crm_forecast_view_is_loading (data);
}

static gboolean
cycle_ready (gpointer data)
{
  return !_crm_cycle_view_is_loading (data);
}

static void
show_page (Fixture    *fixture,
           const char *name)
{
  adw_view_stack_set_visible_child_name (g_object_get_data (G_OBJECT (fixture->window), "stack"), name);
}

/* --- the expected numbers --- */

static gint64
find_pipeline (Fixture    *fixture,
               const char *kind)
{
  for (guint i = 0; i < fixture->data->pipelines->len; i++)
    {
      CrmForecastPipeline *p = &g_array_index (fixture->data->pipelines, CrmForecastPipeline, i);

      if (g_strcmp0 (p->kind, kind) == 0)
        return p->id;
    }
  g_assert_not_reached ();
  return 0;
}

/* The weighted amount of @year-@month in @currency for @pipeline_id (0: all),
 * straight from crm_forecast_rows(). */
static gint64
expected_weighted (Fixture    *fixture,
                   gint64      pipeline_id,
                   int         year,
                   int         month,
                   const char *currency)
{
  g_autoptr(GArray) deals = g_array_new (FALSE, TRUE, sizeof (CrmForecastDeal));
  g_autoptr(GArray) rows = NULL;
  gint64 weighted = 0;

  for (guint i = 0; i < fixture->data->deals->len; i++)
    {
      CrmForecastDeal *deal = &g_array_index (fixture->data->deals, CrmForecastDeal, i);

      if (pipeline_id == 0 || deal->pipeline_id == pipeline_id)
        g_array_append_vals (deals, deal, 1);
    }
  rows = crm_forecast_rows ((CrmForecastDeal *) deals->data, deals->len, CRM_FORECAST_BY_MONTH);
  for (guint i = 0; i < rows->len; i++)
    {
      CrmForecastRow *row = &g_array_index (rows, CrmForecastRow, i);

      if (row->year == year && row->month == month && g_str_equal (row->currency, currency))
        weighted += row->weighted;
    }
  return weighted;
}

/* Checks every month of the table and the chart against crm_forecast_rows();
 * returns how many months have a weighted amount. */
static guint
check_months (Fixture *fixture,
              gint64   pipeline_id)
{
  GtkWidget *table = _crm_forecast_view_get_table (fixture->forecast);
  CrmChart *chart = _crm_forecast_view_get_chart (fixture->forecast);
  const char *currency = _crm_forecast_view_get_currency (fixture->forecast);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  guint n_with_amount = 0;

  g_assert_nonnull (currency);
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), ==, 13);
  g_assert_cmpuint (crm_chart_get_n_categories (chart), ==, 13);
  g_assert_cmpuint (crm_chart_get_n_series (chart), ==, 3);
  for (guint i = 0; i < 13; i++)
    {
      gint64 weighted = expected_weighted (fixture, pipeline_id, year, month, currency);
      g_autofree char *text = crm_format_money (weighted, currency);

      g_assert_cmpstr (crm_chart_table_get_cell (table, i, 3), ==, text);
      g_assert_cmpfloat (crm_chart_get_value (chart, 1, i), ==, (double) weighted);
      n_with_amount += weighted > 0;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  return n_with_amount;
}

/* --- tests --- */

static void
test_forecast_months (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 b2b = find_pipeline (fixture, "b2b");
  gint64 b2c = find_pipeline (fixture, "b2c");
  g_autofree char *all_total = NULL;
  g_autofree char *b2b_total = NULL;
  g_autofree char *description = NULL;
  GtkWidget *table = _crm_forecast_view_get_table (fixture->forecast);

  crm_ui_test_wait (forecast_ready, fixture->forecast);
  g_assert_cmpstr (_crm_forecast_view_get_state (fixture->forecast), ==, "content");
  g_assert_cmpstr (_crm_forecast_view_get_currency (fixture->forecast), ==, "USD");
  g_assert_cmpuint (check_months (fixture, 0), >, 0);
  description = crm_chart_describe (_crm_forecast_view_get_chart (fixture->forecast));
  g_assert_nonnull (strstr (description, crm_chart_table_get_cell (table, 0, 3)));

  /* Another pipeline: other numbers, again those of crm_forecast_rows(). */
  all_total = g_strjoinv ("|", (char *[]) { (char *) crm_chart_table_get_cell (table, 0, 3),
                                            (char *) crm_chart_table_get_cell (table, 1, 3),
                                            (char *) crm_chart_table_get_cell (table, 2, 3), NULL });
  crm_forecast_view_set_pipeline_id (fixture->forecast, b2b);
  g_assert_cmpuint (check_months (fixture, b2b), >, 0);
  b2b_total = g_strjoinv ("|", (char *[]) { (char *) crm_chart_table_get_cell (table, 0, 3),
                                            (char *) crm_chart_table_get_cell (table, 1, 3),
                                            (char *) crm_chart_table_get_cell (table, 2, 3), NULL });
  g_assert_cmpstr (all_total, !=, b2b_total);
  crm_forecast_view_set_pipeline_id (fixture->forecast, b2c);
  check_months (fixture, b2c);
  _crm_forecast_view_set_all_pipelines (fixture->forecast, TRUE);
  check_months (fixture, 0);
  _crm_forecast_view_set_all_pipelines (fixture->forecast, FALSE);
  check_months (fixture, b2c);
  crm_ui_test_wait (forecast_ready, fixture->forecast);
  check_months (fixture, b2c);
}

static void
test_forecast_by_owner (Fixture       *fixture,
                        gconstpointer  user_data)
{
  CrmChart *chart = _crm_forecast_view_get_chart (fixture->forecast);
  const char *currency;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  GtkWidget *table;

  crm_ui_test_wait (forecast_ready, fixture->forecast);
  _crm_forecast_view_set_by_owner (fixture->forecast, TRUE);
  currency = _crm_forecast_view_get_currency (fixture->forecast);
  table = _crm_forecast_view_get_table (fixture->forecast);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (table)));
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), >, 0);
  g_assert_cmpuint (crm_chart_get_n_series (chart), >, 1);

  /* The owners' stacks add up to the month's weighted amount. */
  for (guint i = 0; i < crm_chart_get_n_categories (chart); i++)
    {
      double sum = 0;

      for (guint s = 0; s < crm_chart_get_n_series (chart); s++)
        sum += crm_chart_get_value (chart, s, i);
      g_assert_cmpfloat (sum, ==, (double) expected_weighted (fixture, 0, year, month, currency));
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  _crm_forecast_view_set_by_owner (fixture->forecast, FALSE);
  check_months (fixture, 0);
}

typedef struct
{
  CrmForecastView *view;
  guint            n_loads;
} LoadWait;

static gboolean
loaded_again (gpointer data)
{
  LoadWait *wait = data;

  return _crm_forecast_view_get_n_loads (wait->view) > wait->n_loads;
}

/* Loads deal @id, sets its expected close, amount and currency, saves it
 * and waits until the forecast read the numbers again. */
static void
change_deal (Fixture    *fixture,
             gint64      id,
             const char *expected_close,
             gint64      amount,
             const char *currency)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDeal) deal = NULL;
  LoadWait wait = { fixture->forecast, _crm_forecast_view_get_n_loads (fixture->forecast) };

  crm_store_load_async (fixture->store, CRM_TYPE_DEAL, id, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  deal = CRM_DEAL (crm_store_load_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  crm_deal_set_expected_close (deal, expected_close);
  crm_deal_set_amount (deal, amount);
  crm_deal_set_currency (deal, currency);
  crm_deal_set_probability (deal, 50);
  crm_store_save_async (fixture->store, CRM_RECORD (deal), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_save_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  /* The view hears of it (changed::deal) and reads again. */
  crm_ui_test_wait (loaded_again, &wait);
  crm_ui_test_wait (forecast_ready, fixture->forecast);
  crm_forecast_data_free (fixture->data);
  fixture->data = load_data (fixture->store);
}

static gint64
first_open_deal (Fixture *fixture)
{
  return crm_test_query_int (fixture->store,
                             "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id "
                             "WHERE s.kind = 'open' AND d.deleted = 0 AND d.currency = 'USD' "
                             "ORDER BY d.id LIMIT 1");
}

/* A changed deal reads the numbers again. */
static void
test_forecast_follows_store (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m-15");
  GtkWidget *table = _crm_forecast_view_get_table (fixture->forecast);
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;

  crm_ui_test_wait (forecast_ready, fixture->forecast);
  before = g_strdup (crm_chart_table_get_cell (table, 0, 3));

  /* An open deal closes this month, for a big sum. */
  change_deal (fixture, first_open_deal (fixture), month, 100000000, "USD");
  expected = crm_format_money (expected_weighted (fixture, 0, g_date_time_get_year (now),
                                                  g_date_time_get_month (now), "USD"), "USD");
  g_assert_cmpstr (crm_chart_table_get_cell (table, 0, 3), ==, expected);
  g_assert_cmpstr (crm_chart_table_get_cell (table, 0, 3), !=, before);
  check_months (fixture, 0);
}

/* Amounts of another currency are never added to the first one's: a
 * chooser appears, and each currency shows its own numbers. */
static void
test_forecast_currencies (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m-15");
  CrmChart *chart = _crm_forecast_view_get_chart (fixture->forecast);
  gint64 deal_id;

  crm_ui_test_wait (forecast_ready, fixture->forecast);
  g_assert_false (_crm_forecast_view_has_currency_choice (fixture->forecast));

  deal_id = first_open_deal (fixture);
  change_deal (fixture, deal_id, month, 5000000, "EUR");
  g_assert_true (_crm_forecast_view_has_currency_choice (fixture->forecast));
  g_assert_cmpstr (_crm_forecast_view_get_currency (fixture->forecast), ==, "USD");
  check_months (fixture, 0);

  g_assert_true (_crm_forecast_view_choose_currency (fixture->forecast, "EUR"));
  g_assert_cmpstr (_crm_forecast_view_get_currency (fixture->forecast), ==, "EUR");
  g_assert_cmpfloat (crm_chart_get_value (chart, 1, 0), ==, 2500000);
  check_months (fixture, 0);

  /* The choice stays when the numbers are read again. */
  change_deal (fixture, deal_id, month, 7000000, "EUR");
  g_assert_cmpstr (_crm_forecast_view_get_currency (fixture->forecast), ==, "EUR");
  g_assert_cmpfloat (crm_chart_get_value (chart, 1, 0), ==, 3500000);

  /* Back to one currency: the chooser goes. */
  change_deal (fixture, deal_id, month, 5000000, "USD");
  g_assert_false (_crm_forecast_view_has_currency_choice (fixture->forecast));
  g_assert_cmpstr (_crm_forecast_view_get_currency (fixture->forecast), ==, "USD");
}

/* The summary of @pipeline_id and @segment as crm_cycle_compute() has it;
 * 0: every pipeline's deals and stages as one pipeline. */
static CrmCycleSummary
expected_summary (Fixture         *fixture,
                  gint64           pipeline_id,
                  CrmCycleSegment  segment)
{
  g_autoptr(GArray) deals = g_array_copy (fixture->data->cycle_deals);
  g_autoptr(GArray) stages = g_array_copy (fixture->data->stages);
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) stats = NULL;

  if (pipeline_id == 0)
    {
      for (guint i = 0; i < deals->len; i++)
        g_array_index (deals, CrmCycleDeal, i).pipeline_id = 0;
      for (guint i = 0; i < stages->len; i++)
        g_array_index (stages, CrmCycleStage, i).pipeline_id = 0;
    }
  crm_cycle_compute ((CrmCycleDeal *) deals->data, deals->len,
                     (CrmCycleStay *) fixture->data->stays->data, fixture->data->stays->len,
                     (CrmCycleStage *) stages->data, stages->len,
                     crm_context_get_now (fixture->context), &sums, &stats);
  for (guint i = 0; i < sums->len; i++)
    {
      CrmCycleSummary *s = &g_array_index (sums, CrmCycleSummary, i);

      if (s->pipeline_id == pipeline_id && s->segment == segment)
        return *s;
    }
  g_assert_not_reached ();
  return (CrmCycleSummary) { 0 };
}

static int
category_index (CrmChart   *chart,
                const char *name)
{
  for (guint i = 0; i < crm_chart_get_n_categories (chart); i++)
    if (g_strcmp0 (crm_chart_get_category (chart, i), name) == 0)
      return i;
  return -1;
}

static void
test_cycle (Fixture       *fixture,
            gconstpointer  user_data)
{
  CrmChart *days = _crm_cycle_view_get_days_chart (fixture->cycle);
  CrmChart *stages = _crm_cycle_view_get_stage_chart (fixture->cycle);
  GtkWidget *table = _crm_cycle_view_get_summary_table (fixture->cycle);
  CrmCycleSummary b2b = expected_summary (fixture, 0, CRM_CYCLE_B2B);
  CrmCycleSummary b2c = expected_summary (fixture, 0, CRM_CYCLE_B2C);
  CrmCycleSummary all;
  gint64 b2b_pipeline = find_pipeline (fixture, "b2b");
  g_autofree char *mean = NULL;
  guint n_stages_all;
  int b2b_index, b2c_index;

  show_page (fixture, "cycle");
  crm_ui_test_wait (cycle_ready, fixture->cycle);
  g_assert_cmpstr (_crm_cycle_view_get_state (fixture->cycle), ==, "content");

  /* Every pipeline: B2B takes longer to win than B2C, as computed. */
  b2b_index = category_index (days, "B2B");
  b2c_index = category_index (days, "B2C");
  g_assert_cmpint (b2b_index, >=, 0);
  g_assert_cmpint (b2c_index, >=, 0);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, b2b_index), ==, b2b.mean_days);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, b2c_index), ==, b2c.mean_days);
  g_assert_cmpfloat (crm_chart_get_value (days, 1, b2b_index), ==, b2b.median_days);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, b2b_index), >, crm_chart_get_value (days, 0, b2c_index));
  mean = crm_chart_format_value (CRM_CHART_UNIT_DAYS, NULL, b2b.mean_days);
  g_assert_cmpuint (crm_chart_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (crm_chart_table_get_cell (table, CRM_CYCLE_B2B, 5), ==, mean);
  n_stages_all = crm_chart_get_n_categories (stages);
  g_assert_cmpuint (n_stages_all, ==, crm_chart_get_n_categories (_crm_cycle_view_get_conversion_chart (fixture->cycle)));

  /* One pipeline: its own numbers, straight from crm_cycle_compute(). */
  crm_cycle_view_set_pipeline_id (fixture->cycle, b2b_pipeline);
  all = expected_summary (fixture, b2b_pipeline, CRM_CYCLE_ALL);
  /* Its deals are all B2B: "all" is shown once, as B2B. */
  g_assert_cmpuint (crm_chart_get_n_categories (days), ==, 1);
  g_assert_cmpint (category_index (days, "B2B"), ==, 0);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, 0), ==, all.mean_days);
  g_assert_cmpfloat (crm_chart_get_value (days, 1, 0), ==, all.median_days);
  g_assert_cmpuint (crm_chart_get_n_categories (stages), <, n_stages_all);
  g_assert_cmpuint (crm_chart_get_n_categories (stages), >, 0);
  crm_ui_test_wait (cycle_ready, fixture->cycle);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, 0), ==, all.mean_days);

  /* The scope switch shows every pipeline again: B2B against B2C. */
  _crm_cycle_view_set_all_pipelines (fixture->cycle, TRUE);
  g_assert_cmpuint (crm_chart_get_n_categories (stages), ==, n_stages_all);
  b2b_index = category_index (days, "B2B");
  b2c_index = category_index (days, "B2C");
  g_assert_cmpint (b2c_index, >=, 0);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, b2b_index), ==, b2b.mean_days);
  g_assert_cmpfloat (crm_chart_get_value (days, 0, b2c_index), ==, b2c.mean_days);
  _crm_cycle_view_set_all_pipelines (fixture->cycle, FALSE);
  g_assert_cmpuint (crm_chart_get_n_categories (days), ==, 1);
}

/* What a key press on @widget does: its class's key bindings (as GTK runs
 * them for the focused widget). */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no binding for key %u", keyval);
}

/* The chart's keyboard: focus picks the first month, arrows, Home and End
 * move, and the accessible description carries the month's numbers. */
static void
test_chart_keyboard (Fixture       *fixture,
                     gconstpointer  user_data)
{
  CrmChart *chart = _crm_forecast_view_get_chart (fixture->forecast);
  GtkWidget *table;

  crm_ui_test_wait (forecast_ready, fixture->forecast);
  table = _crm_forecast_view_get_table (fixture->forecast);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  crm_ui_test_spin (20);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 0);
  press_key (GTK_WIDGET (chart), GDK_KEY_Right);
  press_key (GTK_WIDGET (chart), GDK_KEY_Right);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 2);
  press_key (GTK_WIDGET (chart), GDK_KEY_Left);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 1);
  press_key (GTK_WIDGET (chart), GDK_KEY_End);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 12);
  press_key (GTK_WIDGET (chart), GDK_KEY_Right);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 12);
  press_key (GTK_WIDGET (chart), GDK_KEY_Home);
  g_assert_cmpint (crm_chart_get_focus_category (chart), ==, 0);

  /* The table twin has the same numbers as the chart's description. */
  {
    g_autofree char *description = crm_chart_describe (chart);

    for (guint i = 0; i < crm_chart_table_get_n_rows (table); i++)
      g_assert_nonnull (strstr (description, crm_chart_table_get_cell (table, i, 4)));
  }
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  crm_ui_test_wait (forecast_ready, fixture->forecast);
  g_assert_cmpstr (_crm_forecast_view_get_state (fixture->forecast), ==, "empty");
  show_page (fixture, "cycle");
  crm_ui_test_wait (cycle_ready, fixture->cycle);
  g_assert_cmpstr (_crm_cycle_view_get_state (fixture->cycle), ==, "empty");
}

/* --- showcase --- */

static int
run_showcase (const char *seconds)
{
  Fixture fixture = { 0 };
  const char *locale = g_getenv ("CRM_FORECAST_SHOWCASE_LOCALE");
  const char *page = g_getenv ("CRM_FORECAST_SHOWCASE_PAGE");
  const char *width = g_getenv ("CRM_FORECAST_SHOWCASE_WIDTH");
  const char *pipeline = g_getenv ("CRM_FORECAST_SHOWCASE_PIPELINE");

  /* Translations from a build tree, as rapport's main () binds them (and
   * the environment's locale, which gtk_test_init () replaced). */
  if (g_getenv ("RAPPORT_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (g_strcmp0 (g_getenv ("CRM_FORECAST_SHOWCASE_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  open_fixture (&fixture, locale != NULL ? locale : "en", TRUE);
  if (width != NULL)
    gtk_window_set_default_size (fixture.window, atoi (width), 760);
  if (page != NULL)
    show_page (&fixture, page);
  if (pipeline != NULL)
    {
      gint64 id = g_ascii_isdigit (pipeline[0]) ? g_ascii_strtoll (pipeline, NULL, 10)
                                                : find_pipeline (&fixture, pipeline);

      crm_forecast_view_set_pipeline_id (fixture.forecast, id);
      crm_cycle_view_set_pipeline_id (fixture.cycle, id);
    }
  crm_ui_test_spin (1500);
  if (g_strcmp0 (g_getenv ("CRM_FORECAST_SHOWCASE_BY_OWNER"), "1") == 0)
    _crm_forecast_view_set_by_owner (fixture.forecast, TRUE);
  if (g_strcmp0 (g_getenv ("CRM_FORECAST_SHOWCASE_FOCUS"), "1") == 0)
    {
      CrmChart *chart = _crm_forecast_view_get_chart (fixture.forecast);

      gtk_widget_grab_focus (GTK_WIDGET (chart));
      crm_chart_set_focus_category (chart, 2);
    }
  if (g_strcmp0 (g_getenv ("CRM_FORECAST_SHOWCASE_TABLE"), "1") == 0)
    {
      GtkWidget *table = _crm_forecast_view_get_table (fixture.forecast);

      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (table, GTK_TYPE_STACK)), "table");
    }
  if (g_getenv ("CRM_FORECAST_SHOWCASE_SCROLL") != NULL)
    {
      GtkWidget *chart = GTK_WIDGET (_crm_cycle_view_get_stage_chart (fixture.cycle));
      GtkWidget *scrolled = gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW);

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                                g_ascii_strtod (g_getenv ("CRM_FORECAST_SHOWCASE_SCROLL"), NULL));
    }
  crm_ui_test_spin (g_ascii_strtoull (seconds, NULL, 10) * 1000);
  fixture_teardown (&fixture, NULL);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *showcase = g_getenv ("CRM_FORECAST_SHOWCASE");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (showcase != NULL)
    return run_showcase (showcase);

  g_test_add ("/ui/forecast/months", Fixture, NULL, fixture_setup, test_forecast_months,
              fixture_teardown);
  g_test_add ("/ui/forecast/by-owner", Fixture, NULL, fixture_setup, test_forecast_by_owner,
              fixture_teardown);
  g_test_add ("/ui/forecast/follows-store", Fixture, NULL, fixture_setup,
              test_forecast_follows_store, fixture_teardown);
  g_test_add ("/ui/forecast/currencies", Fixture, NULL, fixture_setup, test_forecast_currencies,
              fixture_teardown);
  g_test_add ("/ui/forecast/keyboard", Fixture, NULL, fixture_setup, test_chart_keyboard,
              fixture_teardown);
  g_test_add ("/ui/cycle/b2b-b2c", Fixture, NULL, fixture_setup, test_cycle, fixture_teardown);
  g_test_add ("/ui/forecast/empty", Fixture, "empty", fixture_setup, test_empty, fixture_teardown);

  return g_test_run ();
}
