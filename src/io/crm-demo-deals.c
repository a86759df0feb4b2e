/* crm-demo-deals.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's deals: each one walks its pipeline's stages over a
 * cycle whose length follows the seeds (about 6.3 months for B2B, 1.9 for
 * B2C), leaving stage history, stakeholders, products, activities and, when
 * won, an order.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "crm-demo-private.h"

/* Means of the drawn cycles.  Long cycles are still open at the reference
 * time, so the closed deals' mean comes out lower: these give about 190 and
 * 57 days for the deals won so far. */
#define B2B_CYCLE_DAYS 245.0
#define B2C_CYCLE_DAYS 60.0
#define MAX_DEAL_ACTIVITIES 16

static const char *roles[] = { "economic-buyer", "decision-maker", "technical-evaluator",
                               "champion", "influencer", "user", "gatekeeper", "blocker" };
static const char *levels3[] = { "low", "medium", "high" };
static const char *attitudes[] = { "supporter", "neutral", "opponent" };

typedef struct
{
  guint   pipeline;       /* 0 B2B, 1 B2C */
  guint   org;            /* B2B: organization index */
  gint64  customer;       /* organization or person id */
  gint64  created;
  gint64  closed;         /* 0 while open */
  guint   stage;          /* index of the current stage */
  gint64  stage_entered;
  gint64  amount;
  gint64  expected_close;
  gint64  history_entered[8];
  gint64  history_left[8];
  guint   n_history;
  guint   first_product;  /* index into gen->products */
  gint64  first_quantity;
} DealPlan;

/* Walks the stages: the deal is won (after every open stage) or lost (after
 * some), unless the reference time falls inside a stage, where it still is. */
static void
plan_walk (DemoGen  *gen,
           DealPlan *plan)
{
  guint n_open = gen->n_stages[plan->pipeline] - 2;
  gboolean b2b = plan->pipeline == 0;
  gboolean won = demo_rand_chance (&gen->rand, b2b ? 35 : 50);
  guint last = won ? n_open - 1 : demo_rand_below (&gen->rand, n_open);
  double cycle = demo_rand_skewed (&gen->rand, b2b ? B2B_CYCLE_DAYS : B2C_CYCLE_DAYS) * DEMO_DAY;
  double weights[8], total = 0;
  gint64 t = plan->created;

  for (guint k = 0; k < n_open; k++)
    total += weights[k] = 0.5 + demo_rand_double (&gen->rand);

  plan->n_history = 0;
  plan->closed = 0;
  plan->expected_close = plan->created + (gint64) cycle;
  for (guint k = 0; k <= last; k++)
    {
      gint64 d = MAX (DEMO_HOUR, (gint64) (cycle * weights[k] / total));

      plan->history_entered[plan->n_history] = t;
      plan->stage = k;
      plan->stage_entered = t;
      if (t + d > gen->reference)
        {
          plan->history_left[plan->n_history++] = 0;
          return;
        }
      plan->history_left[plan->n_history++] = t + d;
      t += d;
    }

  plan->stage = won ? n_open : n_open + 1;
  plan->stage_entered = t;
  plan->closed = t;
  plan->expected_close = t;
  plan->history_entered[plan->n_history] = t;
  plan->history_left[plan->n_history++] = 0;
}

static const char *
customer_name (DemoGen  *gen,
               DealPlan *plan,
               GError  **error)
{
  const char *sql = plan->pipeline == 0 ? "SELECT name FROM organization WHERE id = ?"
                                        : "SELECT display_name FROM person WHERE id = ?";
  sqlite3_stmt *stmt = _crm_store_worker_prepare (gen->worker, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan->customer);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_strlcpy (gen->buf[0], (const char *) sqlite3_column_text (stmt, 0), 256);
  else
    gen->buf[0][0] = '\0';
  sqlite3_reset (stmt);
  return gen->buf[0];
}

static gboolean
insert_deal_parts (DemoGen  *gen,
                   DealPlan *plan,
                   gint64    deal,
                   gint64    owner,
                   GError  **error)
{
  gboolean b2b = plan->pipeline == 0;
  guint n_products = b2b ? 1 + demo_rand_below (&gen->rand, 2) : 1;

  for (guint h = 0; h < plan->n_history; h++)
    {
      guint stage = h + 1 == plan->n_history ? plan->stage : h;
      gint64 t = plan->history_entered[h];

      if (!demo_insert (gen, DEMO_STMT_DEAL_STAGE_HISTORY, error, "iiiiiii", demo_next_id (gen),
                        t, plan->history_left[h] ? plan->history_left[h] : t, deal,
                        gen->stages[plan->pipeline][stage], t, plan->history_left[h]))
        return FALSE;
    }

  if (b2b && gen->org_n_contacts[plan->org] > 0)
    {
      guint n = gen->org_n_contacts[plan->org];
      guint first = gen->org_first_contact[plan->org];
      /* The big organization's deals involve more people, its chief
       * executive first (as the economic buyer). */
      gboolean big = gen->n_big_contacts > 0 && plan->org == gen->n_orgs - 1;
      guint want = big ? 6 + demo_rand_below (&gen->rand, 4) : 2 + demo_rand_below (&gen->rand, 3);
      guint count = MIN (n, want);
      guint start = big ? 1 + demo_rand_below (&gen->rand, n - count) : demo_rand_below (&gen->rand, n);

      for (guint s = 0; s < count; s++)
        if (!demo_insert (gen, DEMO_STMT_DEAL_STAKEHOLDER, error, "iiiiisss", demo_next_id (gen),
                          plan->created, plan->created, deal,
                          gen->people[big && s == 0 ? first : first + (start + s) % n],
                          big && s == 0 ? "economic-buyer"
                          : s == 0 && demo_rand_chance (&gen->rand, 75) ? "decision-maker"
                          : DEMO_PICK (&gen->rand, roles),
                          levels3[demo_rand_below (&gen->rand, 3)],
                          attitudes[demo_rand_below (&gen->rand, 3)]))
          return FALSE;
    }

  for (guint p = 0; p < n_products; p++)
    {
      guint product = p == 0 ? plan->first_product
                      : b2b ? (plan->first_product + 1 + demo_rand_below (&gen->rand, 5)) % 6
                      : 6 + (plan->first_product - 6 + 1 + demo_rand_below (&gen->rand, 7)) % (gen->n_products - 6);
      gint64 qty = p == 0 ? plan->first_quantity
                   : b2b ? 1 + demo_rand_below (&gen->rand, 50) : 1;

      if (!demo_insert (gen, DEMO_STMT_DEAL_PRODUCT, error, "iiiiiii", demo_next_id (gen),
                        plan->created, plan->created, deal, gen->products[product], qty,
                        gen->product_price[product]))
        return FALSE;
    }

  if (b2b &&
      !demo_insert (gen, DEMO_STMT_CUSTOM_VALUE, error, "iiiiisi", demo_next_id (gen),
                    plan->created, plan->created, gen->custom_fields[2], deal, NULL,
                    (gint64) (12 * (1 + demo_rand_below (&gen->rand, 3)))))
    return FALSE;

  /* A won deal shows up in the customer's purchase history. */
  if (plan->closed != 0 && plan->stage == gen->n_stages[plan->pipeline] - 2 &&
      !demo_insert (gen, DEMO_STMT_ORDER, error, "iiirriisss", demo_next_id (gen),
                    plan->closed, plan->closed, b2b ? 0 : plan->customer,
                    b2b ? plan->customer : 0, plan->closed, plan->amount, gen->currency,
                    "sales", "paid"))
    return FALSE;

  (void) owner;
  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
make_deal (DemoGen  *gen,
           double   *positions,
           GError  **error)
{
  gboolean b2b = gen->n_contacts > 0 && demo_rand_chance (&gen->rand, 60);
  DealPlan plan = { 0, };
  gint64 owner = demo_staff_of_role (gen, "sales");
  gint64 times[MAX_DEAL_ACTIVITIES];
  guint n_times, n_done = 0;
  gint64 deal = demo_next_id (gen);
  gint64 end, last_activity;
  const char *name;
  char *title = gen->buf[1], expected[11];
  gboolean rotting;

  plan.pipeline = b2b ? 0 : 1;
  if (b2b)
    {
      /* Deals go to organizations that have people to talk to. */
      guint c = demo_pick_contact (gen);

      plan.org = gen->contact_org[c];
      plan.customer = gen->orgs[plan.org];
      plan.created = MAX (gen->org_created[plan.org], gen->reference - 730 * DEMO_DAY);
    }
  else
    {
      guint p = gen->n_contacts + demo_rand_below (&gen->rand, gen->n_people - gen->n_contacts);

      plan.customer = gen->people[p];
      plan.created = MAX (gen->people_created[p], gen->reference - 730 * DEMO_DAY);
    }
  plan.created = demo_rand_between (&gen->rand, plan.created, gen->reference - DEMO_HOUR);
  plan_walk (gen, &plan);

  /* B2B: log-uniform amounts, many small deals and a few big ones.  B2C:
   * the product the consumer is after. */
  plan.first_product = b2b ? demo_rand_below (&gen->rand, 6)
                           : 6 + demo_rand_below (&gen->rand, gen->n_products - 6);
  plan.first_quantity = b2b ? 1 + demo_rand_below (&gen->rand, 50)
                            : 1 + (gint64) demo_rand_chance (&gen->rand, 20);
  if (b2b)
    {
      plan.amount = (gint64) exp (log (5000.0) + demo_rand_double (&gen->rand) * log (100.0));
      plan.amount = (plan.amount / 10 + 1) * 10 * (gen->zh ? 7 : 1) * 100;
    }
  else
    plan.amount = gen->product_price[plan.first_product] * plan.first_quantity;
  if (plan.closed == 0 && plan.expected_close < gen->reference + 7 * DEMO_DAY)
    plan.expected_close = gen->reference + (7 + (gint64) demo_rand_below (&gen->rand, 60)) * DEMO_DAY;
  demo_format_date (plan.expected_close, expected);

  /* Activities over the deal's life; a quarter of the open deals went quiet
   * (they rot on the board). */
  end = plan.closed != 0 ? plan.closed : gen->reference;
  rotting = plan.closed == 0 && demo_rand_chance (&gen->rand, 25);
  if (rotting)
    end = plan.created + (end - plan.created) / 3;
  n_times = b2b ? 4 + demo_rand_below (&gen->rand, 9) : 1 + demo_rand_below (&gen->rand, 5);
  n_times = MIN (n_times, gen->n_activities - gen->n_activities_done);
  for (guint a = 0; a < n_times; a++)
    times[a] = demo_rand_between (&gen->rand, plan.created, MAX (plan.created, end));
  qsort (times, n_times, sizeof (gint64), compare_times);
  last_activity = n_times > 0 ? times[n_times - 1] : plan.created;
  /* Half of the open, active deals have a next step planned. */
  if (plan.closed == 0 && !rotting && n_times > 0 && demo_rand_chance (&gen->rand, 50))
    times[n_times - 1] = gen->reference + (1 + (gint64) demo_rand_below (&gen->rand, 21)) * DEMO_DAY
                         + 9 * DEMO_HOUR;
  for (guint a = 0; a < n_times; a++)
    if (times[a] <= gen->reference)
      n_done++;
  if (n_done > 0)
    last_activity = times[n_done - 1];

  /* B2B deals are projects, B2C deals are about a product. */
  name = customer_name (gen, &plan, error);
  if (name == NULL)
    return FALSE;
  if (b2b)
    g_snprintf (title, 256, "%s – %s", name, demo_deal_topic (gen));
  else
    {
      gint64 price;

      g_snprintf (title, 256, "%s – %s", name, demo_product_name (gen, plan.first_product, &price));
    }

  if (!demo_insert (gen, DEMO_STMT_DEAL, error, "iiisiidrrissriiirs", deal, plan.created,
                    MAX (plan.stage_entered, last_activity), title, gen->pipelines[plan.pipeline],
                    gen->stages[plan.pipeline][plan.stage],
                    positions[plan.pipeline * 8 + plan.stage]++,
                    b2b ? plan.customer : 0, b2b ? 0 : plan.customer, plan.amount, gen->currency,
                    expected, owner, plan.stage_entered, last_activity, plan.closed,
                    plan.stage == gen->n_stages[plan.pipeline] - 1
                      ? gen->lost_reasons[demo_rand_below (&gen->rand, 6)] : 0,
                    ""))
    return FALSE;

  for (guint a = 0; a < n_times; a++)
    if (!demo_make_activity (gen, "deal", deal, times[a], owner, error))
      return FALSE;

  return insert_deal_parts (gen, &plan, deal, owner, error);
}

gboolean
demo_make_deals (DemoGen  *gen,
                 GError  **error)
{
  double positions[16] = { 0, };

  for (guint d = 0; d < gen->n_deals; d++)
    if (!make_deal (gen, positions, error))
      return FALSE;
  return TRUE;
}
