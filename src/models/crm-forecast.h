/* crm-forecast.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forecast (weighted and best-case amounts by month of expected close,
 * per pipeline and owner) and the sales-cycle report (days from creation to
 * won, win rate, time in each stage and stage-to-stage conversion, for B2B
 * against B2C customers), as pure functions over plain arrays, and one
 * worker job that reads those arrays from the store.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-deal-rules.h"
#include "crm-types.h"

G_BEGIN_DECLS

/* --- forecast --- */

typedef struct
{
  gint64        pipeline_id;
  gint64        owner_id;      /* 0: no owner */
  char          currency[4];
  gint64        amount;        /* minor units */
  int           probability;   /* effective, 0–100 */
  int           year;          /* of the expected close (open deals) or the */
  int           month;         /* close (won deals); 0: unknown, not counted */
  CrmStageKind  state;
} CrmForecastDeal;

typedef enum
{
  CRM_FORECAST_BY_MONTH    = 0,
  CRM_FORECAST_BY_PIPELINE = 1 << 0,
  CRM_FORECAST_BY_OWNER    = 1 << 1,
} CrmForecastGrouping;

typedef struct
{
  int     year;
  int     month;               /* 1–12 */
  gint64  pipeline_id;         /* -1 when not grouped by pipeline */
  gint64  owner_id;            /* -1 when not grouped by owner */
  char    currency[4];
  guint   n_open;
  guint   n_won;
  gint64  won;                 /* Σ won amounts */
  gint64  weighted;            /* won + Σ open amount × probability */
  gint64  best_case;           /* won + Σ open amounts */
} CrmForecastRow;

/* One row per month (and pipeline, owner, as grouped) and currency, sorted
 * by month, pipeline, owner and currency; lost deals and deals without a
 * month are left out.  Transfer full. */
GArray *crm_forecast_rows (const CrmForecastDeal *deals,
                           guint                  n_deals,
                           CrmForecastGrouping    grouping);

/* --- sales cycle --- */

typedef struct
{
  gint64        id;
  gint64        pipeline_id;
  int           position;      /* order in the pipeline */
  CrmStageKind  kind;
} CrmCycleStage;

typedef struct
{
  gint64        stage_id;
  gint64        entered;
  gint64        left;          /* 0: still there */
} CrmCycleStay;

typedef struct
{
  gint64        pipeline_id;
  gboolean      b2b;           /* an organization's deal, else a person's */
  gint64        created;
  gint64        closed;        /* when won or lost; 0 while open */
  CrmStageKind  state;
  guint         first_stay;    /* its stays: stays[first_stay .. first_stay + n_stays) */
  guint         n_stays;
} CrmCycleDeal;

typedef enum
{
  CRM_CYCLE_ALL,
  CRM_CYCLE_B2B,
  CRM_CYCLE_B2C,
} CrmCycleSegment;

typedef struct
{
  gint64           pipeline_id;
  CrmCycleSegment  segment;
  guint            n_open;
  guint            n_won;
  guint            n_lost;
  double           win_rate;     /* won / (won + lost); -1 when none closed */
  double           mean_days;    /* creation to won; -1 when none won */
  double           median_days;
} CrmCycleSummary;

typedef struct
{
  gint64           pipeline_id;
  gint64           stage_id;
  CrmCycleSegment  segment;
  guint            n_entered;    /* deals that were ever in the stage */
  guint            n_advanced;   /* of those, how many reached a later stage or won */
  double           conversion;   /* n_advanced / n_entered; -1 when none entered */
  double           mean_days;    /* mean days a stay lasted (open stays up to @now); -1: none */
} CrmCycleStageStat;

/* Summaries per pipeline and segment (all, B2B, B2C), and per open stage of
 * each pipeline and segment, in stage order.  Both transfer full. */
void    crm_cycle_compute  (const CrmCycleDeal   *deals,
                            guint                 n_deals,
                            const CrmCycleStay   *stays,
                            guint                 n_stays,
                            const CrmCycleStage  *stages,
                            guint                 n_stages,
                            gint64                now,
                            GArray              **summaries,
                            GArray              **stage_stats);

/* --- from the store --- */

typedef struct
{
  GArray *pipelines;   /* CrmForecastPipeline */
  GArray *stages;      /* CrmCycleStage */
  GArray *deals;       /* CrmForecastDeal, parallel to cycle_deals */
  GArray *cycle_deals; /* CrmCycleDeal */
  GArray *stays;       /* CrmCycleStay */
  GHashTable *staff;   /* gint64 * staff user id → char * name */
  GHashTable *stage_names; /* gint64 * stage id → char * name */
} CrmForecastData;

typedef struct
{
  gint64  id;
  char   *name;
  char   *kind;        /* "b2b" | "b2c" */
} CrmForecastPipeline;

void             crm_forecast_data_free   (CrmForecastData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmForecastData, crm_forecast_data_free)

/* Reads every deal that is not in the trash, with its stage stays, and the
 * pipelines and stages, off the UI thread; months in @tz (NULL: local). */
void             crm_forecast_load_async  (CrmStore             *store,
                                           GTimeZone            *tz,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CrmForecastData *crm_forecast_load_finish (CrmStore             *store,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
