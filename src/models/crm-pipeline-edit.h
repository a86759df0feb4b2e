/* crm-pipeline-edit.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stage editor's changes that touch more than one row, each in one
 * transaction off the UI thread: adding a stage, putting one in another
 * place, and deleting one (its deals move to a stage the user picks, with
 * their stage history).  Won and lost stages are final: they stay after the
 * open ones and cannot be deleted, and a pipeline keeps at least one open
 * stage.  Renaming a stage or changing its probability or rotting threshold
 * is a plain record edit (CrmStage).  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_PIPELINE_EDIT_ERROR (crm_pipeline_edit_error_quark ())

typedef enum
{
  CRM_PIPELINE_EDIT_ERROR_NOT_FOUND,       /* no such pipeline or stage */
  CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE,     /* won and lost stages stay, and stay last */
  CRM_PIPELINE_EDIT_ERROR_LAST_OPEN_STAGE, /* a pipeline keeps one open stage */
  CRM_PIPELINE_EDIT_ERROR_BAD_TARGET,      /* deals cannot go there (itself, another
                                            * pipeline, a lost stage that needs reasons) */
  CRM_PIPELINE_EDIT_ERROR_INVALID,         /* an empty name, a probability outside 0–100 */
} CrmPipelineEditError;

GQuark   crm_pipeline_edit_error_quark      (void);

/* Adds an open stage named @name to @pipeline_id at @index among its open
 * stages (G_MAXUINT: after the last open one).  Finish returns its id, 0
 * with @error set. */
void     crm_pipeline_add_stage_async       (CrmStore            *store,
                                             gint64               pipeline_id,
                                             const char          *name,
                                             int                  probability,
                                             guint                rotting_days,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64   crm_pipeline_add_stage_finish      (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Puts the open stage @stage_id at @index among its pipeline's open stages
 * (clamped); positions are renumbered 0, 1, 2... with the final stages
 * after the open ones. */
void     crm_pipeline_move_stage_async      (CrmStore            *store,
                                             gint64               stage_id,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean crm_pipeline_move_stage_finish     (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Deletes the open stage @stage_id (to the trash): its deals move to
 * @target_id, an open or won stage of the same pipeline, after the deals
 * already there and in their order, each with a new stay in its stage
 * history.  Finish returns how many deals moved, or -1 with @error set. */
void     crm_pipeline_delete_stage_async    (CrmStore            *store,
                                             gint64               stage_id,
                                             gint64               target_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64   crm_pipeline_delete_stage_finish   (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
