/* crm-cycle-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_CYCLE_VIEW (crm_cycle_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmCycleView, crm_cycle_view, CRM, CYCLE_VIEW, GtkWidget)

/* Properties: "context" (CrmContext, read-write) and "pipeline-id" (gint64,
 * read-write; 0: every pipeline). The view reads its numbers off the UI
 * thread when it is mapped and whenever either property or the deals change. */
GtkWidget  *crm_cycle_view_new             (CrmContext  *context);
CrmContext *crm_cycle_view_get_context     (CrmCycleView *self);
void        crm_cycle_view_set_context     (CrmCycleView *self,
                                           CrmContext  *context);
gint64      crm_cycle_view_get_pipeline_id (CrmCycleView *self);
void        crm_cycle_view_set_pipeline_id (CrmCycleView *self,
                                           gint64       pipeline_id);

G_END_DECLS
