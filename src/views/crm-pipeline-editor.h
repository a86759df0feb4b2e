/* crm-pipeline-editor.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline and stage editor: a modal preferences window with the
 * pipelines (name, customers, currency; new and delete), the chosen
 * pipeline's stages (name, win probability, rotting threshold; add,
 * reorder by drag or by keyboard, delete with the deals moved to a stage the
 * user picks) and the lost reasons.  Every change is saved at once and
 * offered for undo in a toast (also Ctrl+Z); the rules live in
 * crm-pipeline-edit.h.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_EDITOR (crm_pipeline_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipelineEditor, crm_pipeline_editor, CRM, PIPELINE_EDITOR,
                      AdwPreferencesWindow)

/* Edits @pipeline_id (0: the first pipeline). */
GtkWidget  *crm_pipeline_editor_new             (CrmContext        *context,
                                                 gint64             pipeline_id);
CrmContext *crm_pipeline_editor_get_context     (CrmPipelineEditor *self);
/* The pipeline shown ("pipeline-id"; 0 until the pipelines are read). */
gint64      crm_pipeline_editor_get_pipeline_id (CrmPipelineEditor *self);
void        crm_pipeline_editor_set_pipeline_id (CrmPipelineEditor *self,
                                                 gint64             pipeline_id);
/* TRUE while a read or a write is under way ("busy"). */
gboolean    crm_pipeline_editor_get_busy        (CrmPipelineEditor *self);
/* A part of the row of stage @stage_id: "row" (the AdwExpanderRow), "name"
 * (AdwEntryRow), "probability" or "rotting" (GtkSpinButton); NULL when the
 * stage is not shown.  For tests and accessibility checks; transfer none. */
GtkWidget  *crm_pipeline_editor_get_stage_widget (CrmPipelineEditor *self,
                                                  gint64             stage_id,
                                                  const char        *part);
/* A control of the window, for tests: "pipeline" (the chooser), "name",
 * "kind", "currency" or "new-reason"; transfer none. */
GtkWidget  *crm_pipeline_editor_get_part        (CrmPipelineEditor *self,
                                                 const char        *part);
/* The entry row of lost reason @reason_id, or NULL; transfer none. */
GtkWidget  *crm_pipeline_editor_get_reason_row  (CrmPipelineEditor *self,
                                                 gint64             reason_id);
/* The ids of the shown stages in order (gint64); transfer none. */
GArray     *crm_pipeline_editor_get_stage_ids   (CrmPipelineEditor *self);

G_END_DECLS
