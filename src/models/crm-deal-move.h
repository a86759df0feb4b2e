/* crm-deal-move.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving a deal on the pipeline board: to another stage or another place in
 * its column, in one transaction off the UI thread (the deal's stage,
 * place, stage clock, close time and lost reason, and its stage history),
 * checked by crm_deal_rules_check_move().  A finished move can be undone
 * exactly.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-deal-rules.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_DEAL_MOVE_ERROR (crm_deal_move_error_quark ())

typedef enum
{
  CRM_DEAL_MOVE_ERROR_NOT_FOUND,         /* no such deal or stage (or in the trash) */
  CRM_DEAL_MOVE_ERROR_OTHER_PIPELINE,    /* the stage belongs to another pipeline */
  CRM_DEAL_MOVE_ERROR_NEEDS_LOST_REASON, /* a lost stage needs a reason */
  CRM_DEAL_MOVE_ERROR_CHANGED,           /* undo: the deal moved again since */
} CrmDealMoveError;

GQuark crm_deal_move_error_quark (void);

typedef struct _CrmDealMove CrmDealMove;

#define CRM_TYPE_DEAL_MOVE (crm_deal_move_get_type ())
GType         crm_deal_move_get_type    (void) G_GNUC_CONST;
CrmDealMove  *crm_deal_move_ref         (CrmDealMove *self);
void          crm_deal_move_unref       (CrmDealMove *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDealMove, crm_deal_move_unref)

gint64        crm_deal_move_get_deal_id    (CrmDealMove *self);
gint64        crm_deal_move_get_from_stage (CrmDealMove *self);
gint64        crm_deal_move_get_to_stage   (CrmDealMove *self);

/* Moves @deal_id to @stage_id at @position (crm_deal_rules_position()).
 * A lost stage needs @lost_reason_id (@lost_note may be NULL); a move to a
 * won or lost stage closes the deal, a move back to an open one reopens it.
 * Finish returns the move, for undo, or NULL with an error; a move that
 * changes nothing succeeds with a move whose undo does nothing. */
void          crm_deal_move_async          (CrmStore            *store,
                                            gint64               deal_id,
                                            gint64               stage_id,
                                            double               position,
                                            gint64               lost_reason_id,
                                            const char          *lost_note,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
CrmDealMove  *crm_deal_move_finish         (CrmStore            *store,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Puts the deal back as it was before @move (its stage history too); fails
 * with CHANGED when the deal was moved again since. */
void          crm_deal_move_undo_async     (CrmStore            *store,
                                            CrmDealMove         *move,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      crm_deal_move_undo_finish    (CrmStore            *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
