/* crm-board-card.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget of one card on the pipeline board.  The type is
 * CrmBoardCardWidget because CrmBoardCard is the model's card (crm-board.h).
 * A card is focusable and accessible; it offers the deal as the drag's
 * content and has the actions of its menu as widget actions ("card.open",
 * "card.map", "card.menu", "card.move-left", "card.move-right",
 * "card.move-up", "card.move-down", "card.move-to-stage" (u: the column)),
 * which assistive technologies can invoke too.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-board.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_CARD_WIDGET (crm_board_card_widget_get_type ())

G_DECLARE_FINAL_TYPE (CrmBoardCardWidget, crm_board_card_widget, CRM, BOARD_CARD_WIDGET, GtkWidget)

GtkWidget    *crm_board_card_widget_new          (void);
/* The card shown ("card"), or NULL; transfer none. */
CrmBoardCard *crm_board_card_widget_get_card     (CrmBoardCardWidget *self);
void          crm_board_card_widget_set_card     (CrmBoardCardWidget *self,
                                                  CrmBoardCard       *card);
/* The list item that holds the card (for its position); not owned. */
void          crm_board_card_widget_set_list_item (CrmBoardCardWidget *self,
                                                   GtkListItem        *list_item);
/* The card's place in its column, or GTK_INVALID_LIST_POSITION. */
guint         crm_board_card_widget_get_position (CrmBoardCardWidget *self);
/* The insertion indicator of a drop: -1 above, +1 below, 0 none. */
void          crm_board_card_widget_set_drop_side (CrmBoardCardWidget *self,
                                                   int                 side);
/* Refreshes the texts that depend on the time or on the column. */
void          crm_board_card_widget_update       (CrmBoardCardWidget *self);

G_END_DECLS
