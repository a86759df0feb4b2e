/* crm-board-column-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column of the pipeline board: the stage's header (name, count, total
 * and weighted total per currency, probability and rotting threshold) over
 * a virtualized GtkListView of its cards.  The column is the drop target of
 * dragged cards: the pointer's height over the cards decides the place,
 * shown by an insertion line.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-board.h"
#include "crm-board-card.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_COLUMN_VIEW (crm_board_column_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmBoardColumnView, crm_board_column_view, CRM, BOARD_COLUMN_VIEW, GtkWidget)

/* @currency: the pipeline's, for the total of an empty column */
GtkWidget          *crm_board_column_view_new            (CrmBoardColumn     *column,
                                                          guint               index,
                                                          const char         *currency);
/* transfer none */
CrmBoardColumn     *crm_board_column_view_get_column     (CrmBoardColumnView *self);
/* The column's place on the board. */
guint               crm_board_column_view_get_index      (CrmBoardColumnView *self);
/* The cards' vertical scroll position; transfer none. */
GtkAdjustment      *crm_board_column_view_get_vadjustment (CrmBoardColumnView *self);
/* The widget of the card at @position when the list has made one, or
 * NULL; transfer none. */
CrmBoardCardWidget *crm_board_column_view_get_card_widget (CrmBoardColumnView *self,
                                                           guint               position);
/* Focuses the card at @position (clamped to the last), scrolling to it;
 * FALSE when the column is empty. */
gboolean            crm_board_column_view_focus_card     (CrmBoardColumnView *self,
                                                          guint               position);
/* The header's texts, for tests: "Proposal", "12", "$1,234.00". */
const char         *crm_board_column_view_get_count_text (CrmBoardColumnView *self);
const char         *crm_board_column_view_get_total_text (CrmBoardColumnView *self);
/* Refreshes the shown cards' texts that depend on the time ("in 2 hours"). */
void                crm_board_column_view_update_cards   (CrmBoardColumnView *self);
/* Ends a drag's insertion line (the pointer left the board). */
void                crm_board_column_view_clear_drop     (CrmBoardColumnView *self);

G_END_DECLS
