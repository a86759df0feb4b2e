/* crm-pipeline-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Pipeline view: a pipeline chooser, the board's filters (owner,
 * customer kind, expected close period, segment; the header's search text)
 * and three pages: the kanban board (CrmBoard's columns as
 * CrmBoardColumnView), the forecast and the sales-cycle report.  Cards move
 * by drag and drop, by keyboard and from their menu; a move to a won or lost
 * stage asks first (CrmDealCloseDialog); every move has an undo toast and
 * goes on the window's undo stack (Ctrl+Z).
 *
 * The view's state ("loading", "empty", "no-results", "list") follows the
 * board: "empty" when there is no pipeline or no deal on the board,
 * "no-results" when the filters leave none.
 */

#pragma once

#include "crm-board.h"
#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_VIEW (crm_pipeline_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipelineView, crm_pipeline_view, CRM, PIPELINE_VIEW, CrmView)

/* The board model, or NULL without a context; transfer none. */
CrmBoard  *crm_pipeline_view_get_board         (CrmPipelineView *self);
/* Shows pipeline @pipeline_id (0: the first). */
void       crm_pipeline_view_set_pipeline      (CrmPipelineView *self,
                                                gint64           pipeline_id);
/* The column widget @index of the board (a CrmBoardColumnView), or NULL;
 * transfer none. */
GtkWidget *crm_pipeline_view_get_column_widget (CrmPipelineView *self,
                                                guint            index);
/* Moves @card to @column at @index (G_MAXUINT: the end), counted without
 * the card.  A won or lost column first asks through the close dialog. */
void       crm_pipeline_view_move_card         (CrmPipelineView *self,
                                                CrmBoardCard    *card,
                                                guint            column,
                                                guint            index);
/* Moves @card by @columns stages (−1: the previous) or @rows places. */
void       crm_pipeline_view_move_card_by      (CrmPipelineView *self,
                                                CrmBoardCard    *card,
                                                int              columns,
                                                int              rows);
/* Focuses the card at @index of @column, or of the next column in
 * @direction (−1, +1; 0: only @column) that has cards. */
void       crm_pipeline_view_focus_card_at     (CrmPipelineView *self,
                                                guint            column,
                                                guint            index,
                                                int              direction);
/* The close dialog waiting for an answer, or NULL; transfer none. */
GtkWindow *crm_pipeline_view_get_close_dialog  (CrmPipelineView *self);

G_END_DECLS
