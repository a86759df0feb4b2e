/* crm-forecast.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmForecast"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-forecast.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define SECONDS_PER_DAY 86400.0

/* --- forecast --- */

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CrmForecastRow *x = a, *y = b;

  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->pipeline_id != y->pipeline_id)
    return x->pipeline_id < y->pipeline_id ? -1 : 1;
  if (x->owner_id != y->owner_id)
    return x->owner_id < y->owner_id ? -1 : 1;
  return strcmp (x->currency, y->currency);
}

GArray *
crm_forecast_rows (const CrmForecastDeal *deals,
                   guint                  n_deals,
                   CrmForecastGrouping    grouping)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (CrmForecastRow));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (deals != NULL || n_deals == 0, rows);

  for (guint i = 0; i < n_deals; i++)
    {
      const CrmForecastDeal *deal = &deals[i];
      CrmForecastRow key = { 0 };
      g_autofree char *name = NULL;
      gpointer found;
      CrmForecastRow *row;

      if (deal->state == CRM_STAGE_KIND_LOST || deal->month < 1 || deal->month > 12)
        continue;

      key.year = deal->year;
      key.month = deal->month;
      key.pipeline_id = (grouping & CRM_FORECAST_BY_PIPELINE) ? deal->pipeline_id : -1;
      key.owner_id = (grouping & CRM_FORECAST_BY_OWNER) ? deal->owner_id : -1;
      g_strlcpy (key.currency, deal->currency, sizeof key.currency);
      name = g_strdup_printf ("%d-%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s", key.year,
                              key.month, key.pipeline_id, key.owner_id, key.currency);

      if (g_hash_table_lookup_extended (index, name, NULL, &found))
        row = &g_array_index (rows, CrmForecastRow, GPOINTER_TO_UINT (found));
      else
        {
          g_hash_table_insert (index, g_steal_pointer (&name), GUINT_TO_POINTER (rows->len));
          g_array_append_val (rows, key);
          row = &g_array_index (rows, CrmForecastRow, rows->len - 1);
        }

      if (deal->state == CRM_STAGE_KIND_WON)
        {
          row->n_won++;
          row->won += deal->amount;
          row->weighted += deal->amount;
          row->best_case += deal->amount;
        }
      else
        {
          row->n_open++;
          row->weighted += crm_deal_rules_weighted (deal->amount, deal->probability);
          row->best_case += deal->amount;
        }
    }

  g_array_sort (rows, compare_rows);
  return rows;
}

/* --- sales cycle --- */

typedef struct
{
  gint64           pipeline_id;
  CrmCycleSegment  segment;
  guint            n_open, n_won, n_lost;
  GArray          *won_days;   /* double */
} SummaryAcc;

typedef struct
{
  gint64           pipeline_id;
  gint64           stage_id;
  CrmCycleSegment  segment;
  guint            n_entered, n_advanced;
  double           days;
  guint            n_stays;
} StageAcc;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static const CrmCycleStage *
find_stage (const CrmCycleStage *stages,
            guint                n_stages,
            gint64               id)
{
  for (guint i = 0; i < n_stages; i++)
    if (stages[i].id == id)
      return &stages[i];
  return NULL;
}

static SummaryAcc *
summary_for (GArray          *accs,
             gint64           pipeline_id,
             CrmCycleSegment  segment)
{
  SummaryAcc fresh = { 0 };

  for (guint i = 0; i < accs->len; i++)
    {
      SummaryAcc *acc = &g_array_index (accs, SummaryAcc, i);

      if (acc->pipeline_id == pipeline_id && acc->segment == segment)
        return acc;
    }
  fresh.pipeline_id = pipeline_id;
  fresh.segment = segment;
  fresh.won_days = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (accs, fresh);
  return &g_array_index (accs, SummaryAcc, accs->len - 1);
}

static StageAcc *
stage_for (GArray          *accs,
           gint64           pipeline_id,
           gint64           stage_id,
           CrmCycleSegment  segment)
{
  for (guint i = 0; i < accs->len; i++)
    {
      StageAcc *acc = &g_array_index (accs, StageAcc, i);

      if (acc->stage_id == stage_id && acc->segment == segment)
        return acc;
    }
  return NULL;
}

void
crm_cycle_compute (const CrmCycleDeal   *deals,
                   guint                 n_deals,
                   const CrmCycleStay   *stays,
                   guint                 n_stays,
                   const CrmCycleStage  *stages,
                   guint                 n_stages,
                   gint64                now,
                   GArray              **summaries,
                   GArray              **stage_stats)
{
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (SummaryAcc));
  g_autoptr(GArray) accs = g_array_new (FALSE, TRUE, sizeof (StageAcc));
  g_autoptr(GArray) pipelines = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *out_sums = g_array_new (FALSE, TRUE, sizeof (CrmCycleSummary));
  GArray *out_stages = g_array_new (FALSE, TRUE, sizeof (CrmCycleStageStat));

  g_return_if_fail (summaries != NULL && stage_stats != NULL);

  /* Every pipeline in stage order gets its rows, also without deals. */
  for (guint i = 0; i < n_stages; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < pipelines->len && !seen; j++)
        seen = g_array_index (pipelines, gint64, j) == stages[i].pipeline_id;
      if (!seen)
        g_array_append_val (pipelines, stages[i].pipeline_id);
    }
  for (guint p = 0; p < pipelines->len; p++)
    {
      gint64 pipeline_id = g_array_index (pipelines, gint64, p);

      for (CrmCycleSegment segment = CRM_CYCLE_ALL; segment <= CRM_CYCLE_B2C; segment++)
        {
          summary_for (sums, pipeline_id, segment);
          for (guint i = 0; i < n_stages; i++)
            if (stages[i].pipeline_id == pipeline_id && stages[i].kind == CRM_STAGE_KIND_OPEN)
              {
                StageAcc acc = { pipeline_id, stages[i].id, segment, 0, 0, 0, 0 };

                g_array_append_val (accs, acc);
              }
        }
    }

  for (guint d = 0; d < n_deals; d++)
    {
      const CrmCycleDeal *deal = &deals[d];
      CrmCycleSegment segments[2] = { CRM_CYCLE_ALL, deal->b2b ? CRM_CYCLE_B2B : CRM_CYCLE_B2C };
      int furthest = G_MININT;

      /* How far the deal got: the latest position it was in. */
      for (guint s = 0; s < deal->n_stays && deal->first_stay + s < n_stays; s++)
        {
          const CrmCycleStage *stage = find_stage (stages, n_stages, stays[deal->first_stay + s].stage_id);

          if (stage != NULL && stage->kind == CRM_STAGE_KIND_OPEN)
            furthest = MAX (furthest, stage->position);
        }

      for (guint k = 0; k < G_N_ELEMENTS (segments); k++)
        {
          SummaryAcc *sum = summary_for (sums, deal->pipeline_id, segments[k]);
          g_autoptr(GHashTable) entered = g_hash_table_new (g_int64_hash, g_int64_equal);

          if (deal->state == CRM_STAGE_KIND_WON)
            {
              double days = deal->closed > deal->created
                            ? (deal->closed - deal->created) / SECONDS_PER_DAY : 0;

              sum->n_won++;
              g_array_append_val (sum->won_days, days);
            }
          else if (deal->state == CRM_STAGE_KIND_LOST)
            sum->n_lost++;
          else
            sum->n_open++;

          for (guint s = 0; s < deal->n_stays && deal->first_stay + s < n_stays; s++)
            {
              const CrmCycleStay *stay = &stays[deal->first_stay + s];
              const CrmCycleStage *stage = find_stage (stages, n_stages, stay->stage_id);
              StageAcc *acc;
              gint64 end;

              if (stage == NULL || stage->kind != CRM_STAGE_KIND_OPEN ||
                  (acc = stage_for (accs, deal->pipeline_id, stage->id, segments[k])) == NULL)
                continue;

              end = stay->left > 0 ? stay->left : now;
              if (end > stay->entered)
                acc->days += (end - stay->entered) / SECONDS_PER_DAY;
              acc->n_stays++;

              /* A stage counts once per deal, however often it came back. */
              if (g_hash_table_contains (entered, &stage->id))
                continue;
              g_hash_table_add (entered, (gpointer) &stage->id);
              acc->n_entered++;
              if (deal->state == CRM_STAGE_KIND_WON || furthest > stage->position)
                acc->n_advanced++;
            }
        }
    }

  for (guint i = 0; i < sums->len; i++)
    {
      SummaryAcc *acc = &g_array_index (sums, SummaryAcc, i);
      CrmCycleSummary out = { acc->pipeline_id, acc->segment, acc->n_open, acc->n_won, acc->n_lost,
                              -1, -1, -1 };

      if (acc->n_won + acc->n_lost > 0)
        out.win_rate = (double) acc->n_won / (acc->n_won + acc->n_lost);
      if (acc->won_days->len > 0)
        {
          double total = 0;
          guint n = acc->won_days->len;

          g_array_sort (acc->won_days, compare_doubles);
          for (guint j = 0; j < n; j++)
            total += g_array_index (acc->won_days, double, j);
          out.mean_days = total / n;
          out.median_days = n % 2 == 1
                            ? g_array_index (acc->won_days, double, n / 2)
                            : (g_array_index (acc->won_days, double, n / 2 - 1) +
                               g_array_index (acc->won_days, double, n / 2)) / 2;
        }
      g_array_unref (acc->won_days);
      g_array_append_val (out_sums, out);
    }

  for (guint i = 0; i < accs->len; i++)
    {
      StageAcc *acc = &g_array_index (accs, StageAcc, i);
      CrmCycleStageStat out = { acc->pipeline_id, acc->stage_id, acc->segment, acc->n_entered,
                                acc->n_advanced, -1, -1 };

      if (acc->n_entered > 0)
        out.conversion = (double) acc->n_advanced / acc->n_entered;
      if (acc->n_stays > 0)
        out.mean_days = acc->days / acc->n_stays;
      g_array_append_val (out_stages, out);
    }

  *summaries = out_sums;
  *stage_stats = out_stages;
}

/* --- from the store --- */

static void
pipeline_clear (gpointer data)
{
  CrmForecastPipeline *p = data;

  g_free (p->name);
  g_free (p->kind);
}

void
crm_forecast_data_free (CrmForecastData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->pipelines, g_array_unref);
  g_clear_pointer (&data->stages, g_array_unref);
  g_clear_pointer (&data->deals, g_array_unref);
  g_clear_pointer (&data->cycle_deals, g_array_unref);
  g_clear_pointer (&data->stays, g_array_unref);
  g_clear_pointer (&data->staff, g_hash_table_unref);
  g_clear_pointer (&data->stage_names, g_hash_table_unref);
  g_free (data);
}

typedef struct
{
  GTimeZone *tz;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_time_zone_unref (job->tz);
  g_free (job);
}

/* "2026-11-23" → 2026, 11; FALSE for anything else. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  char *end = NULL;
  gint64 y, m;

  if (text == NULL || strlen (text) < 7 || text[4] != '-')
    return FALSE;
  y = g_ascii_strtoll (text, &end, 10);
  if (end != text + 4)
    return FALSE;
  m = g_ascii_strtoll (text + 5, &end, 10);
  if (end != text + 7 || y < 1 || y > 9999 || m < 1 || m > 12)
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

static gboolean
step_all (CrmStoreWorker  *worker,
          const char      *sql,
          void           (*row) (sqlite3_stmt *stmt, gpointer user_data),
          gpointer         user_data,
          GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (stmt, user_data);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static void
pipeline_row (sqlite3_stmt *stmt,
              gpointer      user_data)
{
  CrmForecastData *data = user_data;
  CrmForecastPipeline p = {
    sqlite3_column_int64 (stmt, 0),
    g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
    g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
  };

  g_array_append_val (data->pipelines, p);
}

static void
staff_row (sqlite3_stmt *stmt,
           gpointer      user_data)
{
  CrmForecastData *data = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_hash_table_insert (data->staff, g_memdup2 (&id, sizeof id),
                       g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
}

static void
stage_row (sqlite3_stmt *stmt,
           gpointer      user_data)
{
  CrmForecastData *data = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  CrmCycleStage s = {
    sqlite3_column_int64 (stmt, 0),
    sqlite3_column_int64 (stmt, 1),
    sqlite3_column_int (stmt, 2),
    crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 3)),
  };

  g_array_append_val (data->stages, s);
  g_hash_table_insert (data->stage_names, g_memdup2 (&id, sizeof id),
                       g_strdup ((const char *) sqlite3_column_text (stmt, 4)));
}

typedef struct
{
  CrmForecastData *data;
  GTimeZone       *tz;
  GHashTable      *index;   /* deal id (gint64*) → position (guint) */
  GArray          *ids;     /* gint64, parallel to data->deals */
} DealRows;

static void
deal_row (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  DealRows *r = user_data;
  CrmForecastDeal deal = { 0 };
  CrmCycleDeal cycle = { 0 };
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *currency = (const char *) sqlite3_column_text (stmt, 3);

  deal.pipeline_id = sqlite3_column_int64 (stmt, 1);
  deal.owner_id = sqlite3_column_int64 (stmt, 2);
  g_strlcpy (deal.currency, currency != NULL ? currency : "", sizeof deal.currency);
  deal.amount = sqlite3_column_int64 (stmt, 4);
  deal.probability = crm_deal_rules_probability (sqlite3_column_int (stmt, 5),
                                                 sqlite3_column_int (stmt, 6));
  deal.state = crm_stage_kind_from_key ((const char *) sqlite3_column_text (stmt, 8));

  cycle.pipeline_id = deal.pipeline_id;
  cycle.closed = sqlite3_column_int64 (stmt, 9);
  cycle.created = sqlite3_column_int64 (stmt, 10);
  cycle.b2b = sqlite3_column_int (stmt, 11) != 0;
  cycle.state = deal.state;

  if (deal.state == CRM_STAGE_KIND_WON && cycle.closed > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (cycle.closed);
      g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_timezone (when, r->tz) : NULL;

      if (local != NULL)
        {
          deal.year = g_date_time_get_year (local);
          deal.month = g_date_time_get_month (local);
        }
    }
  else if (deal.state == CRM_STAGE_KIND_OPEN)
    parse_month ((const char *) sqlite3_column_text (stmt, 7), &deal.year, &deal.month);

  g_hash_table_insert (r->index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (r->data->deals->len));
  g_array_append_val (r->data->deals, deal);
  g_array_append_val (r->data->cycle_deals, cycle);
}

static void
stay_row (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  DealRows *r = user_data;
  gint64 deal_id = sqlite3_column_int64 (stmt, 0);
  CrmCycleStay stay = {
    sqlite3_column_int64 (stmt, 1),
    sqlite3_column_int64 (stmt, 2),
    sqlite3_column_int64 (stmt, 3),
  };
  gpointer found;
  CrmCycleDeal *deal;

  if (!g_hash_table_lookup_extended (r->index, &deal_id, NULL, &found))
    return;
  deal = &g_array_index (r->data->cycle_deals, CrmCycleDeal, GPOINTER_TO_UINT (found));
  /* Rows come by deal: each deal's stays are one run of the array. */
  if (deal->n_stays == 0)
    deal->first_stay = r->data->stays->len;
  else if (deal->first_stay + deal->n_stays != r->data->stays->len)
    return;
  g_array_append_val (r->data->stays, stay);
  deal->n_stays++;
}

static void
load_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        task_data)
{
  LoadJob *job = task_data;
  CrmForecastData *data = g_new0 (CrmForecastData, 1);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  DealRows rows = { data, job->tz, index, NULL };
  GError *error = NULL;

  data->pipelines = g_array_new (FALSE, TRUE, sizeof (CrmForecastPipeline));
  g_array_set_clear_func (data->pipelines, pipeline_clear);
  data->stages = g_array_new (FALSE, TRUE, sizeof (CrmCycleStage));
  data->deals = g_array_new (FALSE, TRUE, sizeof (CrmForecastDeal));
  data->cycle_deals = g_array_new (FALSE, TRUE, sizeof (CrmCycleDeal));
  data->stays = g_array_new (FALSE, TRUE, sizeof (CrmCycleStay));
  data->staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  data->stage_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* One read transaction: the four reads see the same database (a
   * deferred one, which a read-only database allows). */
  if (!_crm_store_worker_exec (worker, "BEGIN", &error) ||
      !step_all (worker, "SELECT id, name, kind FROM pipeline WHERE deleted = 0 ORDER BY position, id",
                 pipeline_row, data, &error) ||
      !step_all (worker, "SELECT id, name FROM staff_user", staff_row, data, &error) ||
      !step_all (worker, "SELECT id, pipeline_id, position, kind, name FROM stage WHERE deleted = 0 "
                         "ORDER BY pipeline_id, position, id", stage_row, data, &error) ||
      !step_all (worker, "SELECT d.id, d.pipeline_id, coalesce (d.owner_id, 0), d.currency, d.amount, "
                         "d.probability, s.probability, d.expected_close, s.kind, d.closed, d.created, "
                         "d.organization_id IS NOT NULL "
                         "FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.deleted = 0 "
                         "ORDER BY d.id", deal_row, &rows, &error) ||
      !step_all (worker, "SELECT deal_id, stage_id, entered, left_at FROM deal_stage_history "
                         "WHERE deleted = 0 ORDER BY deal_id, entered, id", stay_row, &rows, &error))
    {
      _crm_store_worker_exec (worker, "ROLLBACK", NULL);
      crm_forecast_data_free (data);
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_exec (worker, "COMMIT", NULL);
  g_task_return_pointer (task, data, (GDestroyNotify) crm_forecast_data_free);
}

void
crm_forecast_load_async (CrmStore            *store,
                         GTimeZone           *tz,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LoadJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = g_new0 (LoadJob, 1);
  job->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  _crm_store_run_async (store, load_job, job, load_job_free, crm_forecast_load_async,
                        "crm-forecast-load", cancellable, callback, user_data);
}

CrmForecastData *
crm_forecast_load_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
