/* crm-segment-list.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Segments: saved filters (crm-filter.h) over people or organizations, with a
 * name and a place in the sidebar.  Their records are CrmSegment (name,
 * target "person" | "organization", filter JSON, position).  Renaming or
 * changing the filter goes through crm_segment_update() (checked, then saved
 * like any record); deleting is crm_store_trash_async() and undoing it
 * crm_store_trash_async() with trashed FALSE.
 */

#pragma once

#include <gio/gio.h>

#include "crm-segment.h"
#include "crm-types.h"

G_BEGIN_DECLS

/* The live segments, by position: a GListModel of CrmSegment. */
void        crm_segments_list_async      (CrmStore            *store,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GListModel *crm_segments_list_finish     (CrmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* How many live records of @target the filter @json matches (the live count
 * of the editor and the sidebar). */
void        crm_segment_count_async      (CrmStore            *store,
                                          const char          *target,
                                          const char          *json,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64      crm_segment_count_finish     (CrmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Checks the name (not empty), target and filter, and adds the segment at the
 * end of the list.  Returns the new CrmSegment. */
void        crm_segment_create_async     (CrmStore            *store,
                                          const char          *name,
                                          const char          *target,
                                          const char          *json,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CrmSegment *crm_segment_create_finish    (CrmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Renames @segment and/or replaces its filter (NULL: keep) after checking
 * them against @custom_fields (nullable, as in crm_filter_apply()).  On error
 * nothing changes. */
gboolean    crm_segment_update           (CrmSegment          *segment,
                                          const char          *name,
                                          const char          *json,
                                          GListModel          *custom_fields,
                                          GError             **error);

G_END_DECLS
