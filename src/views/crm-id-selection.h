/* crm-id-selection.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A multiple selection over a CrmPagedModel that remembers record ids, not
 * positions: it survives re-sorting and reloads, and "select all" over a
 * million rows is one flag (all rows of the query) plus the ids taken out of
 * it since, so nothing is materialised.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-types.h"
#include "crm-bulk.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

#define CRM_TYPE_ID_SELECTION (crm_id_selection_get_type ())

G_DECLARE_FINAL_TYPE (CrmIdSelection, crm_id_selection, CRM, ID_SELECTION, GObject)

CrmIdSelection *crm_id_selection_new           (CrmPagedModel  *model);
CrmPagedModel  *crm_id_selection_get_model     (CrmIdSelection *self);
/* How many rows of the model are selected. */
guint           crm_id_selection_get_n_selected (CrmIdSelection *self);
/* TRUE when every row of the query is selected but get_ids() (the exceptions). */
gboolean        crm_id_selection_get_all       (CrmIdSelection *self);
/* The selected ids, or with get_all() the unselected ones; transfer full. */
GArray         *crm_id_selection_dup_ids       (CrmIdSelection *self);
/* A bulk target for the selection over the model's current query; transfer full. */
CrmBulkTarget  *crm_id_selection_dup_target    (CrmIdSelection *self);
/* When @additive, rows are only ever added or taken out one by one or by
 * range: a request to select one row alone (a plain click, the arrow keys,
 * hovering) is refused, and a range or a rubber band joins the selection
 * instead of replacing it.  What the user picked row by row stays. */
void            crm_id_selection_set_additive  (CrmIdSelection *self,
                                                gboolean        additive);
gboolean        crm_id_selection_get_additive  (CrmIdSelection *self);

G_END_DECLS
