/* crm-duplicates-window.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUPLICATES_WINDOW (crm_duplicates_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmDuplicatesWindow, crm_duplicates_window, CRM, DUPLICATES_WINDOW, AdwWindow)

/* A window that scans @context's database for duplicates as soon as it is
 * shown, lists the clusters and merges them. */
CrmDuplicatesWindow *crm_duplicates_window_new           (CrmContext          *context);
/* transfer none */
CrmContext          *crm_duplicates_window_get_context   (CrmDuplicatesWindow *self);
/* The clusters found (CrmDuplicateItem), less those merged or dismissed
 * since; transfer none. */
GListModel          *crm_duplicates_window_get_clusters  (CrmDuplicatesWindow *self);
/* "scanning", "list", "empty", "cancelled", "error" while the cluster list
 * shows, or "merge" while one cluster is open. */
const char          *crm_duplicates_window_get_state     (CrmDuplicatesWindow *self);
/* Opens the merge page of the cluster at @position (as Enter on its row). */
void                 crm_duplicates_window_open_cluster  (CrmDuplicatesWindow *self,
                                                          guint                position);
/* TRUE while the open cluster's records load, a merge or an undo runs. */
gboolean             crm_duplicates_window_is_busy       (CrmDuplicatesWindow *self);
/* The record the open cluster merges into, or 0. */
gint64               crm_duplicates_window_get_survivor  (CrmDuplicatesWindow *self);
/* The record whose value @property (a kebab-case property name) takes in
 * the merge, or 0 when that field does not differ. */
gint64               crm_duplicates_window_get_choice    (CrmDuplicatesWindow *self,
                                                          const char          *property);
/* TRUE when the last merge or dismissal can be undone ("duplicates.undo"). */
gboolean             crm_duplicates_window_can_undo      (CrmDuplicatesWindow *self);
/* Undoes the merge whose undo record is @undo (as given by the "merged"
 * signal) when it is this window's latest step and not undone yet; returns
 * FALSE otherwise. */
gboolean             crm_duplicates_window_undo_merge    (CrmDuplicatesWindow *self,
                                                          GVariant            *undo);

G_END_DECLS
