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
 * stage.  Renaming a stage and setting its probability or rotting
 * threshold, adding, changing and deleting pipelines, and the list of lost
 * reasons are here too, validated the same way.  Each change is one
 * transaction on the store's worker; the store's "changed::stage",
 * "changed::pipeline" and "changed::lost_reason" follow its commit.
 * GTK-free.
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
  CRM_PIPELINE_EDIT_ERROR_INVALID,         /* an empty name, a probability outside 0–100,
                                            * a rotting threshold outside 0–3650 days, a
                                            * kind other than b2b|b2c, a currency that is
                                            * not three letters */
  CRM_PIPELINE_EDIT_ERROR_HAS_DEALS,       /* a pipeline with deals cannot be deleted */
  CRM_PIPELINE_EDIT_ERROR_LAST_PIPELINE,   /* the only pipeline cannot be deleted */
} CrmPipelineEditError;

/* The longest rotting threshold, in days (about ten years). */
#define CRM_PIPELINE_MAX_ROTTING_DAYS 3650
/* The win probability of a new pipeline's open stage. */
#define CRM_PIPELINE_NEW_STAGE_PROBABILITY 10

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

/* Changes the stage @stage_id: its name (NULL: kept; stripped, not empty),
 * its win @probability (0–100; -1: kept) and its @rotting_days (0: never
 * rots, up to CRM_PIPELINE_MAX_ROTTING_DAYS; -1: kept).  Won and lost stages
 * may be renamed only (FINAL_STAGE otherwise). */
void     crm_pipeline_update_stage_async    (CrmStore            *store,
                                             gint64               stage_id,
                                             const char          *name,
                                             int                  probability,
                                             int                  rotting_days,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean crm_pipeline_update_stage_finish   (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Brings the deleted open stage @stage_id back at @index among its
 * pipeline's open stages: the undo of deleting a stage no deal was in (the
 * deals a deletion moved stay where they went). */
void     crm_pipeline_restore_stage_async   (CrmStore            *store,
                                             gint64               stage_id,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean crm_pipeline_restore_stage_finish  (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Adds a pipeline after the others: @kind "b2b" or "b2c", @currency a
 * three-letter code (upper-cased), with three stages named by the caller
 * (so that they can be translated): the open @open_stage
 * (CRM_PIPELINE_NEW_STAGE_PROBABILITY %, never rots), then @won_stage and
 * @lost_stage.  Finish returns its id, 0 with @error set. */
void     crm_pipeline_add_pipeline_async    (CrmStore            *store,
                                             const char          *name,
                                             const char          *kind,
                                             const char          *currency,
                                             const char          *open_stage,
                                             const char          *won_stage,
                                             const char          *lost_stage,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64   crm_pipeline_add_pipeline_finish   (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Changes the pipeline @pipeline_id: @name, @kind and @currency as for
 * adding one; NULL keeps the value. */
void     crm_pipeline_update_pipeline_async (CrmStore            *store,
                                             gint64               pipeline_id,
                                             const char          *name,
                                             const char          *kind,
                                             const char          *currency,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean crm_pipeline_update_pipeline_finish (CrmStore           *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Deletes (to the trash) the pipeline @pipeline_id and its stages.  Refused
 * while any deal is in it, trashed ones included (HAS_DEALS: the user moves
 * or deletes them first; nothing moves deals between pipelines behind the
 * user's back), and for the only pipeline (LAST_PIPELINE). */
void     crm_pipeline_delete_pipeline_async (CrmStore            *store,
                                             gint64               pipeline_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean crm_pipeline_delete_pipeline_finish (CrmStore           *store,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The lost reasons, in their order (position 0, 1, 2...).  Adding puts one
 * at @index (G_MAXUINT: last) and returns its id (0 with @error set);
 * deleting trashes it (deals lost for it keep it) and restoring brings a
 * trashed one back at @index. */
void     crm_pipeline_add_lost_reason_async (CrmStore            *store,
                                             const char          *name,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64   crm_pipeline_add_lost_reason_finish (CrmStore           *store,
                                             GAsyncResult        *result,
                                             GError             **error);
void     crm_pipeline_rename_lost_reason_async (CrmStore         *store,
                                             gint64               reason_id,
                                             const char          *name,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void     crm_pipeline_move_lost_reason_async (CrmStore           *store,
                                             gint64               reason_id,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void     crm_pipeline_delete_lost_reason_async (CrmStore         *store,
                                             gint64               reason_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void     crm_pipeline_restore_lost_reason_async (CrmStore        *store,
                                             gint64               reason_id,
                                             guint                index,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Finishes renaming, moving, deleting and restoring a lost reason. */
gboolean crm_pipeline_lost_reason_finish    (CrmStore            *store,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
