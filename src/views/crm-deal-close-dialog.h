/* crm-deal-close-dialog.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a move to a final stage needs, asked before the card moves: for a
 * won stage a confirmation that shows the amount; for a lost stage a reason
 * from the lost_reason table (required: the "move" response stays
 * insensitive until one is chosen) and an optional note.  "Edit Reasons…"
 * adds, renames and removes reasons in place.  Responses: "cancel", "move".
 */

#pragma once

#include <adwaita.h>

#include "crm-deal-rules.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL_CLOSE_DIALOG (crm_deal_close_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmDealCloseDialog, crm_deal_close_dialog, CRM, DEAL_CLOSE_DIALOG, AdwMessageDialog)

/* @kind is CRM_STAGE_KIND_WON or CRM_STAGE_KIND_LOST; @amount is formatted. */
CrmDealCloseDialog *crm_deal_close_dialog_new            (GtkWindow          *parent,
                                                          CrmStore           *store,
                                                          CrmStageKind        kind,
                                                          const char         *deal_name,
                                                          const char         *amount,
                                                          const char         *stage_name);
CrmStageKind        crm_deal_close_dialog_get_kind       (CrmDealCloseDialog *self);
/* The reasons offered (CrmLostReason, in their order); transfer none. */
GListModel         *crm_deal_close_dialog_get_reasons    (CrmDealCloseDialog *self);
/* The chosen reason's id, 0 for none. */
gint64              crm_deal_close_dialog_get_lost_reason_id (CrmDealCloseDialog *self);
void                crm_deal_close_dialog_set_lost_reason_id (CrmDealCloseDialog *self,
                                                              gint64              reason_id);
/* The note, or NULL when empty; transfer full. */
char               *crm_deal_close_dialog_dup_note       (CrmDealCloseDialog *self);

G_END_DECLS
