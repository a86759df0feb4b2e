/* crm-paged-model.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of CrmPagedItem over a CrmQuery that serves a million rows
 * lazily: the ordered ids are read once from an index off the UI thread, so
 * get_n_items is constant time; get_item returns a stable placeholder at once
 * and queues a read of its page (by id, never OFFSET); when the page arrives the
 * placeholder's "record" is set and notifies.  Store changes keep it live.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_PAGED_ITEM (crm_paged_item_get_type ())

G_DECLARE_FINAL_TYPE (CrmPagedItem, crm_paged_item, CRM, PAGED_ITEM, GObject)

gint64          crm_paged_item_get_id          (CrmPagedItem  *self);
/* transfer none; NULL while loading */
CrmRecord      *crm_paged_item_get_record      (CrmPagedItem  *self);
gboolean        crm_paged_item_get_loading     (CrmPagedItem  *self);

#define CRM_TYPE_PAGED_MODEL (crm_paged_model_get_type ())

G_DECLARE_FINAL_TYPE (CrmPagedModel, crm_paged_model, CRM, PAGED_MODEL, GObject)

#define CRM_PAGED_MODEL_PAGE_SIZE 64

CrmPagedModel  *crm_paged_model_new            (CrmStore      *store,
                                                CrmQuery      *query);
CrmStore       *crm_paged_model_get_store      (CrmPagedModel *self);
CrmQuery       *crm_paged_model_get_query      (CrmPagedModel *self);
/* Replaces the query and reloads (a generation counter drops stale pages). */
void            crm_paged_model_set_query      (CrmPagedModel *self,
                                                CrmQuery      *query);
/* TRUE until the first id list has arrived. */
gboolean        crm_paged_model_get_loading    (CrmPagedModel *self);
/* The id at @position without materialising anything (0 when out of range). */
gint64          crm_paged_model_get_id         (CrmPagedModel *self,
                                                guint          position);
/* Resolves when the id list (after any pending reload or new query) and the
 * page holding @position are loaded. */
void            crm_paged_model_load_page_async (CrmPagedModel      *self,
                                                 guint               position,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean        crm_paged_model_load_page_finish (CrmPagedModel     *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

G_END_DECLS
