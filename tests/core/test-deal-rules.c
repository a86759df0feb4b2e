/* test-deal-rules.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline's rules on hand-built cases with known answers.
 */

#include "config.h"

#include "crm-deal-rules.h"

#define DAY (24 * 60 * 60)

static void
test_probability (void)
{
  g_assert_cmpint (crm_deal_rules_probability (-1, 40), ==, 40);
  g_assert_cmpint (crm_deal_rules_probability (75, 40), ==, 75);
  g_assert_cmpint (crm_deal_rules_probability (0, 40), ==, 0);
  g_assert_cmpint (crm_deal_rules_probability (-1, 140), ==, 100);
  g_assert_cmpint (crm_deal_rules_probability (250, 10), ==, 100);
  g_assert_cmpint (crm_deal_rules_probability (-1, -5), ==, 0);
}

static void
test_weighted (void)
{
  /* 1,234.56 at 40 % = 493.824 → 493.82 */
  g_assert_cmpint (crm_deal_rules_weighted (123456, 40), ==, 49382);
  /* halves go away from zero: 0.05 × 50 % = 0.025 → 0.03; and -0.03 */
  g_assert_cmpint (crm_deal_rules_weighted (5, 50), ==, 3);
  g_assert_cmpint (crm_deal_rules_weighted (-5, 50), ==, -3);
  g_assert_cmpint (crm_deal_rules_weighted (100, 33), ==, 33);
  g_assert_cmpint (crm_deal_rules_weighted (1, 49), ==, 0);
  g_assert_cmpint (crm_deal_rules_weighted (1, 50), ==, 1);
  g_assert_cmpint (crm_deal_rules_weighted (999999, 0), ==, 0);
  g_assert_cmpint (crm_deal_rules_weighted (999999, 100), ==, 999999);
  /* No overflow at the top of the range. */
  g_assert_cmpint (crm_deal_rules_weighted (G_MAXINT64, 100), ==, G_MAXINT64);
  g_assert_cmpint (crm_deal_rules_weighted (G_MAXINT64, 50), ==, G_MAXINT64 / 2 + 1);
  g_assert_cmpint (crm_deal_rules_weighted (G_MININT64 + 1, 100), ==, G_MININT64 + 1);
}

static void
test_totals (void)
{
  const CrmDealAmount deals[] = {
    { "USD", 100000, 10 },
    { "EUR", 50050, 50 },
    { "USD", 250000, 60 },
    { "USD", 5, 50 },
    { "EUR", 1, 50 },
  };
  g_autoptr(GArray) totals = crm_deal_rules_totals (deals, G_N_ELEMENTS (deals));
  g_autoptr(GArray) none = crm_deal_rules_totals (NULL, 0);
  CrmDealTotal *eur, *usd;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (totals->len, ==, 2);
  eur = &g_array_index (totals, CrmDealTotal, 0);
  usd = &g_array_index (totals, CrmDealTotal, 1);
  g_assert_cmpstr (eur->currency, ==, "EUR");
  g_assert_cmpuint (eur->count, ==, 2);
  g_assert_cmpint (eur->total, ==, 50051);
  /* each deal rounded once: 250.25 + 0.01 (0.005 rounds up) */
  g_assert_cmpint (eur->weighted, ==, 25025 + 1);
  g_assert_cmpstr (usd->currency, ==, "USD");
  g_assert_cmpuint (usd->count, ==, 3);
  g_assert_cmpint (usd->total, ==, 350005);
  g_assert_cmpint (usd->weighted, ==, 10000 + 150000 + 3);
}

static void
test_rotting (void)
{
  gint64 now = 1800000000;
  CrmRotting deal = {
    .stage_entered = now - 20 * DAY,
    .rotting_days = 14,
    .stage_kind = CRM_STAGE_KIND_OPEN,
  };

  /* 20 days in a 14-day stage: 6 days rotten. */
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 6);
  /* exactly at the threshold: not yet */
  deal.stage_entered = now - 14 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.stage_entered = now - 15 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 1);

  /* A real activity resets the clock. */
  deal.stage_entered = now - 40 * DAY;
  deal.last_activity = now - 3 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.last_activity = now - 30 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 16);
  /* an activity older than the move into the stage does not count */
  deal.stage_entered = now - 20 * DAY;
  deal.last_activity = now - 60 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 6);

  /* A scheduled activity suspends it, one in the past does not. */
  deal.next_activity = now + 2 * DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.next_activity = now;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.next_activity = now - DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 6);

  /* Stages that never rot, and closed deals. */
  deal.next_activity = 0;
  deal.rotting_days = 0;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.rotting_days = 14;
  deal.stage_kind = CRM_STAGE_KIND_WON;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.stage_kind = CRM_STAGE_KIND_LOST;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);

  /* No date known, or a clock set in the future: not rotting. */
  deal.stage_kind = CRM_STAGE_KIND_OPEN;
  deal.stage_entered = 0;
  deal.last_activity = 0;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
  deal.stage_entered = now + DAY;
  g_assert_cmpuint (crm_deal_rules_rotting_days (&deal, now), ==, 0);
}

static void
test_position (void)
{
  double a, b;

  g_assert_cmpfloat (crm_deal_rules_position (FALSE, 0, FALSE, 0), ==, 1);
  g_assert_cmpfloat (crm_deal_rules_position (TRUE, 3, FALSE, 0), ==, 4);
  g_assert_cmpfloat (crm_deal_rules_position (TRUE, 3.5, FALSE, 0), ==, 4);
  g_assert_cmpfloat (crm_deal_rules_position (FALSE, 0, TRUE, 1), ==, 0);
  g_assert_cmpfloat (crm_deal_rules_position (FALSE, 0, TRUE, 0.25), ==, 0);
  g_assert_cmpfloat (crm_deal_rules_position (TRUE, 1, TRUE, 2), ==, 1.5);

  /* Putting cards again and again between the same two keeps the order
   * until renumbering is asked for. */
  a = 1;
  b = 2;
  for (int i = 0; i < 200; i++)
    {
      double middle;

      if (crm_deal_rules_needs_renumber (a, b))
        break;
      middle = crm_deal_rules_position (TRUE, a, TRUE, b);
      g_assert_cmpfloat (middle, >, a);
      g_assert_cmpfloat (middle, <, b);
      b = middle;
    }
  g_assert_true (crm_deal_rules_needs_renumber (a, b));
  g_assert_false (crm_deal_rules_needs_renumber (1, 2));
  g_assert_true (crm_deal_rules_needs_renumber (2, 2));
}

static void
test_moves (void)
{
  /* A move to another open stage, and a reorder in the same stage. */
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 2, 10, CRM_STAGE_KIND_OPEN, 0, FALSE),
                   ==, CRM_DEAL_MOVE_OK);
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 1, 10, CRM_STAGE_KIND_OPEN, 0, TRUE),
                   ==, CRM_DEAL_MOVE_OK);
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 1, 10, CRM_STAGE_KIND_OPEN, 0, FALSE),
                   ==, CRM_DEAL_MOVE_UNCHANGED);
  /* Won needs nothing; lost needs a reason. */
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 5, 10, CRM_STAGE_KIND_WON, 0, FALSE),
                   ==, CRM_DEAL_MOVE_OK);
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 6, 10, CRM_STAGE_KIND_LOST, 0, FALSE),
                   ==, CRM_DEAL_MOVE_NEEDS_LOST_REASON);
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 6, 10, CRM_STAGE_KIND_LOST, 42, FALSE),
                   ==, CRM_DEAL_MOVE_OK);
  /* reordering inside Lost keeps the reason it has */
  g_assert_cmpint (crm_deal_rules_check_move (6, 10, 6, 10, CRM_STAGE_KIND_LOST, 0, TRUE),
                   ==, CRM_DEAL_MOVE_OK);
  /* Another pipeline's stage. */
  g_assert_cmpint (crm_deal_rules_check_move (1, 10, 7, 11, CRM_STAGE_KIND_OPEN, 0, FALSE),
                   ==, CRM_DEAL_MOVE_OTHER_PIPELINE);

  g_assert_cmpint (crm_stage_kind_from_key ("won"), ==, CRM_STAGE_KIND_WON);
  g_assert_cmpint (crm_stage_kind_from_key ("lost"), ==, CRM_STAGE_KIND_LOST);
  g_assert_cmpint (crm_stage_kind_from_key ("open"), ==, CRM_STAGE_KIND_OPEN);
  g_assert_cmpint (crm_stage_kind_from_key (NULL), ==, CRM_STAGE_KIND_OPEN);
  g_assert_cmpstr (crm_stage_kind_to_key (CRM_STAGE_KIND_LOST), ==, "lost");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deal-rules/probability", test_probability);
  g_test_add_func ("/deal-rules/weighted", test_weighted);
  g_test_add_func ("/deal-rules/totals", test_totals);
  g_test_add_func ("/deal-rules/rotting", test_rotting);
  g_test_add_func ("/deal-rules/position", test_position);
  g_test_add_func ("/deal-rules/moves", test_moves);

  return g_test_run ();
}
