/* crm-deal-rules.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of the sales pipeline as pure functions: the probability a deal
 * counts with, weighted amounts, column totals per currency, rotting, the
 * order of cards, and which moves are allowed.  The board, the deal page,
 * the forecast and rapport-cli share them.  GTK-free, no store.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_STAGE_KIND_OPEN,
  CRM_STAGE_KIND_WON,
  CRM_STAGE_KIND_LOST,
} CrmStageKind;

/* "open" | "won" | "lost" (stage.kind); an unknown key is open. */
CrmStageKind crm_stage_kind_from_key        (const char *key);
const char  *crm_stage_kind_to_key          (CrmStageKind kind);

/* The probability (0–100) a deal counts with: its own, or its stage's when
 * the deal's is -1.  Out-of-range values are clamped. */
int          crm_deal_rules_probability     (int          deal_probability,
                                             int          stage_probability);

/* @amount × @probability / 100 in minor units, rounded half away from zero,
 * without overflow for any amount a gint64 holds. */
gint64       crm_deal_rules_weighted        (gint64       amount,
                                             int          probability);

typedef struct
{
  const char *currency;      /* ISO 4217 */
  gint64      amount;        /* minor units */
  int         probability;   /* effective, 0–100 */
} CrmDealAmount;

typedef struct
{
  char        currency[4];
  guint       count;
  gint64      total;         /* Σ amount */
  gint64      weighted;      /* Σ weighted amount, each rounded once */
} CrmDealTotal;

/* The deals' totals, one CrmDealTotal per currency, by currency code;
 * transfer full. */
GArray      *crm_deal_rules_totals          (const CrmDealAmount *deals,
                                             guint                n_deals);

typedef struct
{
  gint64        stage_entered;  /* when the deal entered its stage */
  gint64        last_activity;  /* its latest real (done) activity; 0: none */
  gint64        next_activity;  /* its earliest open scheduled activity; 0: none */
  guint         rotting_days;   /* the stage's threshold; 0: the stage never rots */
  CrmStageKind  stage_kind;     /* won and lost deals never rot */
} CrmRotting;

/* How many whole days the deal is past its stage's threshold (0: not
 * rotting).  The clock runs from the later of entering the stage and the
 * last real activity; it stops while an activity is scheduled at or after
 * @now. */
guint        crm_deal_rules_rotting_days    (const CrmRotting *deal,
                                             gint64            now);

/* The position of a card put between two neighbours in a column (either may
 * be missing: the end of the column, or an empty one). */
double       crm_deal_rules_position        (gboolean     has_before,
                                             double       before,
                                             gboolean     has_after,
                                             double       after);
/* Whether positions got too close to put another card between them: the
 * column should be renumbered (1, 2, 3, ...). */
gboolean     crm_deal_rules_needs_renumber  (double       before,
                                             double       after);

typedef enum
{
  CRM_DEAL_MOVE_OK,
  CRM_DEAL_MOVE_UNCHANGED,        /* the same stage and place */
  CRM_DEAL_MOVE_OTHER_PIPELINE,   /* a stage of another pipeline */
  CRM_DEAL_MOVE_NEEDS_LOST_REASON,/* to a lost stage without a reason */
} CrmDealMoveCheck;

/* Whether a deal in stage @from (of pipeline @from_pipeline) may move to
 * stage @to (of @to_pipeline, of kind @to_kind), given the lost reason
 * chosen (0: none) and whether its place in the column changes. */
CrmDealMoveCheck crm_deal_rules_check_move  (gint64        from,
                                             gint64        from_pipeline,
                                             gint64        to,
                                             gint64        to_pipeline,
                                             CrmStageKind  to_kind,
                                             gint64        lost_reason_id,
                                             gboolean      reordered);

G_END_DECLS
