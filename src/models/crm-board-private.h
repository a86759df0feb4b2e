/* crm-board-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-board.h"
#include "crm-query.h"

G_BEGIN_DECLS

struct _CrmBoardCard
{
  GObject  parent_instance;

  gint64   deal_id;
  gint64   stage_id;
  char    *name;
  char    *customer;
  gint64   organization_id;
  gint64   person_id;
  gint64   amount;
  char    *currency;
  int      deal_probability;   /* the deal's own; -1: the stage's */
  int      probability;        /* effective */
  char    *expected_close;
  gint64   owner_id;
  char    *owner_name;
  char    *next_kind;
  char    *next_summary;
  gint64   next_due;
  guint    rotting_days;
  double   position;
  gint64   closed;
};

/* A stage as read from the database. */
typedef struct
{
  gint64        id;
  char         *name;
  CrmStageKind  kind;
  int           probability;
  guint         rotting_days;
} CrmBoardStage;

/* What the load job reads: the pipelines, and for a full load the shown
 * pipeline's stages with their cards (GPtrArray of CrmBoardCard per stage,
 * parallel to @stages); for a refresh, the cards of the asked deals that are
 * still on the board (in @refreshed) — the others left it. */
typedef struct
{
  GPtrArray *pipelines;     /* CrmBoardPipeline */
  gint64     pipeline_id;   /* the pipeline shown (0: there is none) */
  GArray    *stages;        /* CrmBoardStage */
  GPtrArray *columns;       /* GPtrArray of CrmBoardCard, one per stage */
  GArray    *asked;         /* refresh: the deal ids asked for (gint64) */
  GPtrArray *refreshed;     /* refresh: CrmBoardCard */
} CrmBoardLoad;

typedef struct
{
  gint64            pipeline_id;   /* 0: the first */
  CrmBoardFilter    filter;
  gint64            closed_from;   /* won and lost: closed in [from, to] */
  gint64            closed_to;
  CrmQuery         *segment;       /* NULL: no segment filter */
  gboolean          segment_people;
  GArray           *deal_ids;      /* refresh only these deals (NULL: all) */
  GArray           *activity_ids;  /* refresh the deals of these activities */
  gint64            now;
} CrmBoardLoadJob;

void          _crm_board_load_job_free (gpointer        data);
void          _crm_board_load_free     (CrmBoardLoad   *load);
void          _crm_board_load_run      (CrmStore       *store,
                                        CrmBoardLoadJob *job,
                                        GCancellable   *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer        user_data);
CrmBoardLoad *_crm_board_load_finish   (CrmStore       *store,
                                        GAsyncResult   *result,
                                        GError        **error);

CrmBoardPipeline *_crm_board_pipeline_new (gint64      id,
                                           const char *name,
                                           const char *kind,
                                           const char *currency);
/* Copies @from's fields into @self, notifying what changed. */
void          _crm_board_card_update   (CrmBoardCard   *self,
                                        CrmBoardCard   *from);
void          _crm_board_card_set_place (CrmBoardCard  *self,
                                         gint64         stage_id,
                                         double         position,
                                         guint          rotting_days);
/* Does @card pass @filter's text (already casefolded)? */
gboolean      _crm_board_card_matches_text (CrmBoardCard *card,
                                            const char   *folded);

void          _crm_board_filter_copy   (CrmBoardFilter       *dest,
                                        const CrmBoardFilter *src);

G_END_DECLS
