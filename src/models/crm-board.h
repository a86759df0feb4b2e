/* crm-board.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-deal-move.h"
#include "crm-deal-rules.h"
#include "crm-types.h"

G_BEGIN_DECLS

/* The pipeline board's model (GTK-free): one pipeline's stages as columns,
 * each a GListModel of cards ordered by their saved place. Open stages hold
 * the pipeline's open deals that pass the filter; won and lost stages hold
 * the deals closed in the filter's close period, or else in the last 30
 * days. Column totals follow the filter.
 *
 * Moves are optimistic: the card moves at once (the two columns' totals with
 * it), the move is saved in one transaction on the store's worker, and a
 * failed save puts the card back and reports the error. Changes made by
 * others (another window, the CLI, the deal page) reload the board,
 * coalesced; cards that did not change keep their objects. */

/* --- a pipeline the board can show --- */

#define CRM_TYPE_BOARD_PIPELINE (crm_board_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardPipeline, crm_board_pipeline, CRM, BOARD_PIPELINE, GObject)

gint64       crm_board_pipeline_get_id       (CrmBoardPipeline *self);
const char  *crm_board_pipeline_get_name     (CrmBoardPipeline *self);     /* "name" */
const char  *crm_board_pipeline_get_kind     (CrmBoardPipeline *self);     /* "b2b" | "b2c" */
const char  *crm_board_pipeline_get_currency (CrmBoardPipeline *self);

/* --- a card: one deal --- */

#define CRM_TYPE_BOARD_CARD (crm_board_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardCard, crm_board_card, CRM, BOARD_CARD, GObject)

/* Every getter is also a read-only property (kebab-case, in brackets) that
 * notifies when a reload or a move changes it. */
gint64       crm_board_card_get_deal_id           (CrmBoardCard *self); /* "deal-id" */
gint64       crm_board_card_get_stage_id          (CrmBoardCard *self); /* "stage-id" */
const char  *crm_board_card_get_name              (CrmBoardCard *self); /* "name" */
/* The organization's name for a B2B deal, else the person's; "" for none. */
const char  *crm_board_card_get_customer          (CrmBoardCard *self); /* "customer" */
gboolean     crm_board_card_get_b2b               (CrmBoardCard *self); /* "b2b" */
gint64       crm_board_card_get_organization_id   (CrmBoardCard *self); /* "organization-id" */
gint64       crm_board_card_get_person_id         (CrmBoardCard *self); /* "person-id" */
gint64       crm_board_card_get_amount            (CrmBoardCard *self); /* "amount", minor units */
const char  *crm_board_card_get_currency          (CrmBoardCard *self); /* "currency" */
int          crm_board_card_get_probability       (CrmBoardCard *self); /* "probability", effective */
const char  *crm_board_card_get_expected_close    (CrmBoardCard *self); /* "expected-close", ISO date or "" */
gint64       crm_board_card_get_owner_id          (CrmBoardCard *self); /* "owner-id", 0: none */
const char  *crm_board_card_get_owner_name        (CrmBoardCard *self); /* "owner-name", "" */
/* The earliest open scheduled activity (due > 0, not done): its kind key
 * (call | meeting | email | note | task), summary and due time; "" / 0: none. */
const char  *crm_board_card_get_next_kind         (CrmBoardCard *self); /* "next-kind" */
const char  *crm_board_card_get_next_summary      (CrmBoardCard *self); /* "next-summary" */
gint64       crm_board_card_get_next_due          (CrmBoardCard *self); /* "next-due" */
/* Days the deal has rotted past its stage's threshold (crm_deal_rules_rotting_days
 * at load time); 0: not rotting. */
guint        crm_board_card_get_rotting_days      (CrmBoardCard *self); /* "rotting-days" */
double       crm_board_card_get_position          (CrmBoardCard *self); /* "position" */

/* --- a column: one stage --- */

#define CRM_TYPE_BOARD_COLUMN (crm_board_column_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoardColumn, crm_board_column, CRM, BOARD_COLUMN, GObject)

gint64        crm_board_column_get_stage_id     (CrmBoardColumn *self); /* "stage-id" */
const char   *crm_board_column_get_name         (CrmBoardColumn *self); /* "name" */
CrmStageKind  crm_board_column_get_kind         (CrmBoardColumn *self); /* "kind" (int) */
int           crm_board_column_get_probability  (CrmBoardColumn *self); /* "probability" */
guint         crm_board_column_get_rotting_days (CrmBoardColumn *self); /* "rotting-days" */
/* The cards, a GListModel of CrmBoardCard in their order. */
GListModel   *crm_board_column_get_cards        (CrmBoardColumn *self);
/* Number of cards ("count"); the totals per currency, sorted by currency
 * code (CrmDealTotal; a new reference). "totals-changed" is emitted (and
 * "count" notified) whenever they change. */
guint         crm_board_column_get_count        (CrmBoardColumn *self);
GArray       *crm_board_column_dup_totals       (CrmBoardColumn *self);

/* --- the board --- */

typedef enum
{
  CRM_BOARD_CUSTOMER_ANY,
  CRM_BOARD_CUSTOMER_B2B,   /* deals with an organization */
  CRM_BOARD_CUSTOMER_B2C,   /* deals with a person and no organization */
} CrmBoardCustomer;

typedef struct
{
  gint64            owner_id;      /* 0: any owner */
  CrmBoardCustomer  customer;
  char             *close_from;    /* ISO date, inclusive; NULL: open-ended */
  char             *close_to;      /* ISO date, inclusive; NULL: open-ended */
  gint64            segment_id;    /* 0: none; else the customer must be in it */
  char             *text;          /* NULL or "": none; else deal name, customer
                                    * or owner contains it (case-insensitive) */
} CrmBoardFilter;

void            crm_board_filter_clear      (CrmBoardFilter       *filter);

#define CRM_TYPE_BOARD (crm_board_get_type ())
G_DECLARE_FINAL_TYPE (CrmBoard, crm_board, CRM, BOARD, GObject)

CrmBoard       *crm_board_new               (CrmStore             *store);
CrmStore       *crm_board_get_store         (CrmBoard             *self);

/* The pipelines in their order (CrmBoardPipeline), kept up to date. */
GListModel     *crm_board_get_pipelines     (CrmBoard             *self);

/* The shown pipeline's columns (CrmBoardColumn), in stage order. */
GListModel     *crm_board_get_columns       (CrmBoard             *self);

/* Shows @pipeline_id (0: the first pipeline) with @filter (NULL: none):
 * reads the board off the UI thread and emits "loaded" when the columns
 * are filled ("load-failed" with a GError on failure). Returns at once. */
void            crm_board_load              (CrmBoard             *self,
                                             gint64                pipeline_id,
                                             const CrmBoardFilter *filter);
gint64          crm_board_get_pipeline_id   (CrmBoard             *self);
gboolean        crm_board_is_loading        (CrmBoard             *self);   /* "loading" */

/* Where a deal's card is; FALSE when it is not on the board. */
gboolean        crm_board_find_card         (CrmBoard             *self,
                                             gint64                deal_id,
                                             guint                *column,
                                             guint                *index);

/* Moves @card to column @column at @index (counted in the target column
 * without the card). A lost stage needs @lost_reason_id. The card moves at
 * once; the result is the saved move (for undo), or an error after the card
 * went back (CRM_DEAL_MOVE_ERROR_*). */
void            crm_board_move_async        (CrmBoard             *self,
                                             CrmBoardCard         *card,
                                             guint                 column,
                                             guint                 index,
                                             gint64                lost_reason_id,
                                             const char           *lost_note,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
CrmDealMove    *crm_board_move_finish       (CrmBoard             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Undoes @move: the card goes back at once, then the store restores it
 * exactly (CRM_DEAL_MOVE_ERROR_CHANGED when the deal moved again since). */
void            crm_board_undo_async        (CrmBoard             *self,
                                             CrmDealMove          *move,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean        crm_board_undo_finish       (CrmBoard             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Default pipelines: when the database has no pipeline at all and never
 * had its defaults, adds a B2B pipeline (qualification, needs analysis,
 * proposal, negotiation, contract, won, lost) and a B2C one (new,
 * contacted, offer, won, lost), named in the current language, and the
 * usual lost reasons when there are none. Returns TRUE through the task
 * when it added them. */
void            crm_board_ensure_defaults_async  (CrmStore            *store,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        crm_board_ensure_defaults_finish (CrmStore            *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
