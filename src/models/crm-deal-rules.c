/* crm-deal-rules.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmDealRules"

#include "config.h"

#include <math.h>
#include <string.h>

#include "crm-deal-rules.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

CrmStageKind
crm_stage_kind_from_key (const char *key)
{
  if (g_strcmp0 (key, "won") == 0)
    return CRM_STAGE_KIND_WON;
  if (g_strcmp0 (key, "lost") == 0)
    return CRM_STAGE_KIND_LOST;
  return CRM_STAGE_KIND_OPEN;
}

const char *
crm_stage_kind_to_key (CrmStageKind kind)
{
  switch (kind)
    {
    case CRM_STAGE_KIND_WON:
      return "won";
    case CRM_STAGE_KIND_LOST:
      return "lost";
    case CRM_STAGE_KIND_OPEN:
    default:
      return "open";
    }
}

int
crm_deal_rules_probability (int deal_probability,
                            int stage_probability)
{
  int p = deal_probability >= 0 ? deal_probability : stage_probability;

  return CLAMP (p, 0, 100);
}

gint64
crm_deal_rules_weighted (gint64 amount,
                         int    probability)
{
  gint64 whole = amount / 100;
  gint64 rest = amount % 100;   /* same sign as amount, |rest| < 100 */
  gint64 part;

  probability = CLAMP (probability, 0, 100);
  /* whole × p cannot overflow: |whole| ≤ G_MAXINT64 / 100 and p ≤ 100.
   * The rest, rounded half away from zero (C division truncates). */
  part = rest * probability;
  part = (part + (part >= 0 ? 50 : -50)) / 100;
  return whole * probability + part;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const CrmDealTotal *) a)->currency, ((const CrmDealTotal *) b)->currency);
}

GArray *
crm_deal_rules_totals (const CrmDealAmount *deals,
                       guint                n_deals)
{
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (CrmDealTotal));

  g_return_val_if_fail (deals != NULL || n_deals == 0, totals);

  for (guint i = 0; i < n_deals; i++)
    {
      const CrmDealAmount *deal = &deals[i];
      const char *currency = deal->currency != NULL ? deal->currency : "";
      CrmDealTotal *total = NULL;

      for (guint j = 0; j < totals->len && total == NULL; j++)
        if (strncmp (g_array_index (totals, CrmDealTotal, j).currency, currency, 3) == 0)
          total = &g_array_index (totals, CrmDealTotal, j);
      if (total == NULL)
        {
          CrmDealTotal fresh = { { 0 }, 0, 0, 0 };

          g_strlcpy (fresh.currency, currency, sizeof fresh.currency);
          g_array_append_val (totals, fresh);
          total = &g_array_index (totals, CrmDealTotal, totals->len - 1);
        }
      total->count++;
      total->total += deal->amount;
      total->weighted += crm_deal_rules_weighted (deal->amount, deal->probability);
    }
  g_array_sort (totals, compare_totals);
  return totals;
}

guint
crm_deal_rules_rotting_days (const CrmRotting *deal,
                             gint64            now)
{
  gint64 since, idle_days;

  g_return_val_if_fail (deal != NULL, 0);

  if (deal->rotting_days == 0 || deal->stage_kind != CRM_STAGE_KIND_OPEN)
    return 0;
  /* Something is planned: the deal is being worked on. */
  if (deal->next_activity != 0 && deal->next_activity >= now)
    return 0;

  since = MAX (deal->stage_entered, deal->last_activity);
  if (since <= 0 || since >= now)
    return 0;
  idle_days = (now - since) / SECONDS_PER_DAY;
  if (idle_days <= deal->rotting_days)
    return 0;
  return (guint) MIN (idle_days - deal->rotting_days, G_MAXUINT);
}

/* Cards start one unit apart; a card put between two takes the middle. */
double
crm_deal_rules_position (gboolean has_before,
                         double   before,
                         gboolean has_after,
                         double   after)
{
  if (has_before && has_after)
    return before + (after - before) / 2;
  if (has_before)
    return floor (before) + 1;
  if (has_after)
    return ceil (after) - 1;
  return 1;
}

gboolean
crm_deal_rules_needs_renumber (double before,
                               double after)
{
  double middle = before + (after - before) / 2;

  /* Doubles halve about fifty times before neighbours meet; renumber long
   * before that, while the middle is still distinct from both. */
  return !(after - before > 1e-9) || middle <= before || middle >= after;
}

CrmDealMoveCheck
crm_deal_rules_check_move (gint64        from,
                           gint64        from_pipeline,
                           gint64        to,
                           gint64        to_pipeline,
                           CrmStageKind  to_kind,
                           gint64        lost_reason_id,
                           gboolean      reordered)
{
  if (from_pipeline != to_pipeline)
    return CRM_DEAL_MOVE_OTHER_PIPELINE;
  if (from == to && !reordered)
    return CRM_DEAL_MOVE_UNCHANGED;
  if (from != to && to_kind == CRM_STAGE_KIND_LOST && lost_reason_id <= 0)
    return CRM_DEAL_MOVE_NEEDS_LOST_REASON;
  return CRM_DEAL_MOVE_OK;
}
