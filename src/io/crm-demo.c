/* crm-demo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's entry points and row plumbing.  The whole generation is
 * one job on the store's worker thread: bulk mode, large transactions and
 * statements prepared once, so the large size (about 19 million rows) takes a
 * few minutes.  The parts live in crm-demo-setup.c, crm-demo-accounts.c,
 * crm-demo-deals.c and crm-demo-service.c.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crm-demo-private.h"
#include "crm-rfm-private.h"
#include "crm-search-private.h"

/* Rows per transaction of the large set: big enough to amortise the commit,
 * small enough that the WAL file stays at a sane size.  A failed or cancelled
 * large generation keeps the batches committed before it (the CLI and the app
 * generate into a new database); the small set is all or nothing. */
#define DEMO_COMMIT_ROWS 200000

/* Rows written per unit of scale (measured): drives the progress fraction. */
#define DEMO_ROWS_PER_SCALE 19300

static const char *stmt_sql[DEMO_N_STMTS] = {
  [DEMO_STMT_STAFF] =
    "INSERT INTO staff_user (id, created, updated, name, email, role, active) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_ORGANIZATION] =
    "INSERT INTO organization (id, created, updated, name, sort_key, industry, size_band, "
    "annual_revenue, revenue_currency, region, country, city, address, website, phone, "
    "email, tier, parent_id, owner_id, notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_PERSON] =
    "INSERT INTO person (id, created, updated, given_name, family_name, display_name, "
    "sort_key, email, phone, birth_date, gender, language, city, region, country, address, "
    "consent_email, consent_sms, consent_phone, consent_updated, preferred_channel, "
    "is_customer, customer_since, owner_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_AFFILIATION] =
    "INSERT INTO affiliation (id, created, updated, person_id, organization_id, title, "
    "department, stakeholder_role, influence, attitude, is_primary, started) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_REPORTING_LINE] =
    "INSERT INTO reporting_line (id, created, updated, organization_id, person_id, manager_id) "
    "VALUES (?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_INFLUENCE_LINK] =
    "INSERT INTO influence_link (id, created, updated, organization_id, from_person_id, "
    "to_person_id, strength) VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_DEAL] =
    "INSERT INTO deal (id, created, updated, name, pipeline_id, stage_id, position, "
    "organization_id, person_id, amount, currency, expected_close, owner_id, stage_entered, "
    "last_activity, closed, lost_reason_id, lost_note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_DEAL_STAGE_HISTORY] =
    "INSERT INTO deal_stage_history (id, created, updated, deal_id, stage_id, entered, left_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_DEAL_STAKEHOLDER] =
    "INSERT INTO deal_stakeholder (id, created, updated, deal_id, person_id, role, influence, "
    "attitude) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_DEAL_PRODUCT] =
    "INSERT INTO deal_product (id, created, updated, deal_id, product_id, quantity, unit_price) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_ACTIVITY] =
    "INSERT INTO activity (id, created, updated, kind, subject_kind, subject_id, summary, "
    "occurred, due, done, duration, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_ORDER] =
    "INSERT INTO customer_order (id, created, updated, person_id, organization_id, ordered, "
    "total, currency, channel, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_ORDER_LINE] =
    "INSERT INTO order_line (id, created, updated, order_id, product_id, quantity, unit_price) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_TICKET] =
    "INSERT INTO ticket (id, created, updated, number, subject, channel, priority, status, "
    "person_id, organization_id, assignee_id, sla_policy_id, first_response_due, "
    "resolution_due, first_response, resolved, closed, waiting_since, waiting_seconds, "
    "csat_score, csat_comment, csat_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_TICKET_MESSAGE] =
    "INSERT INTO ticket_message (id, created, updated, ticket_id, kind, person_id, user_id, "
    "body, sent, message_id, in_reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_TICKET_STATUS_CHANGE] =
    "INSERT INTO ticket_status_change (id, created, updated, ticket_id, status, changed_at, "
    "user_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_SELF_SERVICE] =
    "INSERT INTO self_service_resolution (id, created, updated, article_id, person_id, channel, "
    "customer_kind, resolved, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_CAMPAIGN_MEMBER] =
    "INSERT INTO campaign_member (id, created, updated, campaign_id, person_id, status, "
    "responded) VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_CUSTOM_VALUE] =
    "INSERT INTO custom_value (id, created, updated, field_id, record_id, text_value, "
    "num_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
  [DEMO_STMT_MAP_POSITION] =
    "INSERT INTO map_position (id, created, updated, scope_kind, scope_id, person_id, x, y) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
};

typedef struct
{
  CrmDemoOptions options;
  char          *locale;
} DemoJob;

typedef struct
{
  CrmDemoProgressFunc func;
  gpointer            data;
  double              fraction;
} DemoProgress;

static void
demo_job_free (gpointer data)
{
  DemoJob *job = data;

  g_free (job->locale);
  g_free (job);
}

void
demo_rand_seed (DemoRand *r,
                guint64   seed,
                guint64   stream)
{
  r->state = 0;
  r->inc = (stream << 1) | 1;
  demo_rand_u32 (r);
  r->state += seed;
  demo_rand_u32 (r);
}

guint
demo_rand_weighted (DemoRand    *r,
                    const guint *weights,
                    guint        n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = demo_rand_below (r, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

double
demo_rand_skewed (DemoRand *r,
                  double    mean)
{
  /* Gamma(2, mean / 2): the sum of two exponentials, clamped away from 0. */
  double a = 1.0 - demo_rand_double (r);
  double b = 1.0 - demo_rand_double (r);

  return MAX (-(mean / 2.0) * (log (a) + log (b)), mean / 50.0);
}

void
demo_format_date (gint64  when,
                  char   *out)
{
  /* Civil date from days since the epoch (Howard Hinnant's algorithm):
   * no GDateTime allocation per row. */
  gint64 z = (when >= 0 ? when : when - (DEMO_DAY - 1)) / DEMO_DAY + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;
  gint64 y = yoe + era * 400 + (m <= 2);

  g_snprintf (out, 11, "%04d-%02d-%02d", (int) y, (int) m, (int) d);
}

gint64
demo_next_id (DemoGen *gen)
{
  return _crm_store_worker_next_id (gen->worker);
}

gint64
demo_staff_of_role (DemoGen    *gen,
                    const char *role)
{
  /* Staff are laid out as: owner, 2 managers, then sales and support halves. */
  guint sales = (gen->n_staff - 3) / 2;

  if (g_str_equal (role, "sales"))
    return gen->staff[3 + demo_rand_below (&gen->rand, sales)];
  if (g_str_equal (role, "support"))
    return gen->staff[3 + sales + demo_rand_below (&gen->rand, gen->n_staff - 3 - sales)];
  if (g_str_equal (role, "manager"))
    return gen->staff[1 + demo_rand_below (&gen->rand, 2)];
  return gen->staff[0];
}

static gboolean
report_progress_cb (gpointer data)
{
  DemoProgress *p = data;

  p->func (p->fraction, p->data);
  return G_SOURCE_REMOVE;
}

/* Reports the fraction written; 1 only once everything is committed. */
static void
report_progress (DemoGen  *gen,
                 gboolean  done)
{
  DemoProgress *p;
  GSource *source;
  gint permille;

  if (gen->progress == NULL || gen->rows_expected == 0)
    return;

  permille = done ? 1000 : (gint) MIN (999, gen->rows * 1000 / gen->rows_expected);
  if (permille == gen->progress_permille)
    return;
  gen->progress_permille = permille;

  p = g_new (DemoProgress, 1);
  p->func = gen->progress;
  p->data = gen->progress_data;
  p->fraction = permille / 1000.0;
  /* Always through a source: g_main_context_invoke() could run the callback
   * right here on the worker when the caller's context is the default one. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_progress_cb, p, g_free);
  g_source_set_static_name (source, "[rapport] demo progress");
  g_source_attach (source, gen->context);
  g_source_unref (source);
}

/* Commits what was written so far and opens the next transaction. */
static gboolean
checkpoint (DemoGen  *gen,
            GError  **error)
{
  gen->pending = 0;
  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;
  if (!_crm_store_worker_commit (gen->worker, error) ||
      !_crm_store_worker_begin (gen->worker, error))
    return FALSE;
  _crm_store_worker_set_bulk (gen->worker, TRUE);
  report_progress (gen, FALSE);
  return TRUE;
}

static gboolean
bind_and_step (DemoGen      *gen,
               sqlite3_stmt *stmt,
               GError      **error,
               const char   *types,
               va_list       ap)
{
  int col = 1;
  int rc;

  for (const char *t = types; *t != '\0'; t++, col++)
    {
      switch (*t)
        {
        case 'i':
          sqlite3_bind_int64 (stmt, col, va_arg (ap, gint64));
          break;
        case 'r':
          {
            gint64 v = va_arg (ap, gint64);

            if (v != 0)
              sqlite3_bind_int64 (stmt, col, v);
            else
              sqlite3_bind_null (stmt, col);
          }
          break;
        case 's':
          sqlite3_bind_text (stmt, col, va_arg (ap, const char *), -1, SQLITE_STATIC);
          break;
        case 'd':
          sqlite3_bind_double (stmt, col, va_arg (ap, double));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (gen->worker), rc,
                            sqlite3_sql (stmt));
      return FALSE;
    }

  gen->rows++;
  if (++gen->pending >= DEMO_COMMIT_ROWS)
    {
      /* The small set is one transaction: all or nothing. */
      if (gen->scale == 1)
        {
          gen->pending = 0;
          return !g_cancellable_set_error_if_cancelled (gen->cancellable, error);
        }
      return checkpoint (gen, error);
    }
  return TRUE;
}

gboolean
demo_insert (DemoGen     *gen,
             DemoStmt     which,
             GError     **error,
             const char  *types,
             ...)
{
  va_list ap;
  gboolean ret;

  if (gen->stmts[which] == NULL)
    {
      gen->stmts[which] = _crm_store_worker_prepare (gen->worker, stmt_sql[which], error);
      if (gen->stmts[which] == NULL)
        return FALSE;
    }

  va_start (ap, types);
  ret = bind_and_step (gen, gen->stmts[which], error, types, ap);
  va_end (ap);
  return ret;
}

gboolean
demo_insert_sql (DemoGen     *gen,
                 const char  *sql,
                 GError     **error,
                 const char  *types,
                 ...)
{
  sqlite3_stmt *stmt;
  va_list ap;
  gboolean ret;

  stmt = _crm_store_worker_prepare (gen->worker, sql, error);
  if (stmt == NULL)
    return FALSE;

  va_start (ap, types);
  ret = bind_and_step (gen, stmt, error, types, ap);
  va_end (ap);
  return ret;
}

static void
demo_gen_clear (DemoGen *gen)
{
  g_free (gen->staff);
  g_free (gen->orgs);
  g_free (gen->org_tier);
  g_free (gen->org_first_contact);
  g_free (gen->org_n_contacts);
  g_free (gen->org_created);
  g_free (gen->people);
  g_free (gen->people_created);
  g_free (gen->contact_org);
  g_free (gen->products);
  g_free (gen->product_price);
  g_free (gen->kb_articles);
}

static gint64
get_cache_size (DemoGen *gen)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -8000;

  if (sqlite3_prepare_v2 (_crm_store_worker_get_db (gen->worker), "PRAGMA cache_size", -1,
                          &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
set_cache_size (DemoGen *gen,
                gint64   value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, value);

  sqlite3_exec (_crm_store_worker_get_db (gen->worker), sql, NULL, NULL, NULL);
}

static gboolean
generate_in_transactions (DemoGen  *gen,
                          GError  **error)
{
  if (!_crm_store_worker_begin (gen->worker, error))
    return FALSE;
  _crm_store_worker_set_bulk (gen->worker, TRUE);

  if (!demo_make_setup (gen, error) ||
      !demo_make_accounts (gen, error) ||
      !demo_make_consumers (gen, error) ||
      !demo_make_deals (gen, error) ||
      !demo_make_tickets (gen, error) ||
      !demo_make_activities (gen, error) ||
      !demo_make_marketing (gen, error) ||
      /* Value scores need the whole population, so they come last. */
      _crm_rfm_worker_compute (gen->worker, error) < 0 ||
      /* One bulk pass instead of re-indexing every new row on the next search. */
      !_crm_search_worker_fill (gen->worker, error))
    {
      _crm_store_worker_rollback (gen->worker);
      return FALSE;
    }

  if (!_crm_store_worker_commit (gen->worker, error))
    return FALSE;
  report_progress (gen, TRUE);
  return TRUE;
}

static gboolean
generate (DemoGen  *gen,
          GError  **error)
{
  gint64 cache_size = get_cache_size (gen);
  gboolean ok;

  /* The indexes of a million people do not fit the store's usual page cache;
   * a bigger one for the duration saves most of the re-reads. */
  if (gen->scale > 1)
    set_cache_size (gen, -256 * 1024);
  ok = generate_in_transactions (gen, error);
  set_cache_size (gen, cache_size);
  return ok;
}

static void
generate_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  DemoJob *job = data;
  DemoGen *gen = g_new0 (DemoGen, 1);
  GError *error = NULL;
  gboolean ok;

  gen->worker = worker;
  gen->cancellable = g_task_get_cancellable (task);
  gen->zh = g_str_has_prefix (job->locale, "zh");
  gen->scale = job->options.size == CRM_DEMO_LARGE ? 1000 : 1;
  gen->reference = job->options.reference != 0 ? job->options.reference
                                                : CRM_DEMO_DEFAULT_REFERENCE;
  gen->reference -= gen->reference % DEMO_DAY;
  gen->currency = gen->zh ? "CNY" : "USD";
  gen->n_orgs = 100 * gen->scale;
  gen->n_people = 1000 * gen->scale + DEMO_BIG_ORG_PEOPLE;
  gen->n_deals = 200 * gen->scale;
  gen->n_tickets = 1000 * gen->scale;
  gen->n_activities = 5000 * gen->scale;
  gen->rows_expected = (guint64) DEMO_ROWS_PER_SCALE * gen->scale;
  gen->progress = job->options.progress;
  gen->progress_data = job->options.progress_data;
  gen->progress_permille = -1;
  gen->context = g_task_get_context (task);
  demo_rand_seed (&gen->rand, job->options.seed, gen->zh ? 2 : 1);

  ok = generate (gen, &error);
  demo_gen_clear (gen);
  g_free (gen);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
crm_demo_size_from_string (const char  *text,
                           CrmDemoSize *size)
{
  g_return_val_if_fail (size != NULL, FALSE);

  if (g_strcmp0 (text, "small") == 0)
    *size = CRM_DEMO_SMALL;
  else if (g_strcmp0 (text, "large") == 0)
    *size = CRM_DEMO_LARGE;
  else
    return FALSE;
  return TRUE;
}

static DemoJob *
demo_job_new (const CrmDemoOptions *options)
{
  DemoJob *job = g_new0 (DemoJob, 1);

  job->options = *options;
  job->locale = g_strdup (options->locale != NULL ? options->locale : "en");
  job->options.locale = job->locale;
  return job;
}

void
crm_demo_generate_full_async (CrmStore             *store,
                              const CrmDemoOptions *options,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _crm_store_run_async (store, generate_job, demo_job_new (options), demo_job_free,
                        crm_demo_generate_full_async, "[rapport] demo data",
                        cancellable, callback, user_data);
}

gboolean
crm_demo_generate_full_sync (CrmStore             *store,
                             const CrmDemoOptions *options,
                             GError              **error)
{
  gpointer ret;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  /* Progress reports need a main context to run on; the blocking form has none. */
  g_return_val_if_fail (options->progress == NULL, FALSE);

  ret = _crm_store_run_sync (store, generate_job, demo_job_new (options), demo_job_free, error);
  return ret != NULL;
}

void
crm_demo_generate_async (CrmStore            *store,
                         CrmDemoSize          size,
                         const char          *locale,
                         guint64              seed,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CrmDemoOptions options = { size, locale, seed, 0, NULL, NULL };

  crm_demo_generate_full_async (store, &options, cancellable, callback, user_data);
}

gboolean
crm_demo_generate_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
crm_demo_generate_sync (CrmStore     *store,
                        CrmDemoSize   size,
                        const char   *locale,
                        guint64       seed,
                        GError      **error)
{
  CrmDemoOptions options = { size, locale, seed, 0, NULL, NULL };

  return crm_demo_generate_full_sync (store, &options, error);
}
