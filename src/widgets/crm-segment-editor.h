/* crm-segment-editor.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window to edit a filter (crm-filter.h) as a list of conditions,
 * with a live count of what it matches.  Two uses:
 *   - a segment: name, target (new segments only) and filter; "Save" creates
 *     or updates the CrmSegment and emits "saved";
 *   - a plain filter of a list: no name; "Apply" emits "applied" with the
 *     JSON.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-segment.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_SEGMENT_EDITOR (crm_segment_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmSegmentEditor, crm_segment_editor, CRM, SEGMENT_EDITOR, AdwWindow)

/* @segment: (nullable): the segment to edit, or NULL for a new one of
 * @target ("person" or "organization"; ignored when @segment is given). */
CrmSegmentEditor *crm_segment_editor_new            (CrmContext       *context,
                                                     CrmSegment       *segment,
                                                     const char       *target);
/* @json: (nullable): the filter to start from. */
CrmSegmentEditor *crm_segment_editor_new_for_filter (CrmContext       *context,
                                                     const char       *target,
                                                     const char       *json);
/* Replaces the conditions (once the field list has loaded). */
void              crm_segment_editor_set_filter     (CrmSegmentEditor *self,
                                                     const char       *json);
/* The filter as the conditions stand, or NULL while one is incomplete;
 * transfer full. */
char             *crm_segment_editor_dup_filter     (CrmSegmentEditor *self);
/* The last live count, -1 while counting or when the filter is incomplete. */
gint64            crm_segment_editor_get_count      (CrmSegmentEditor *self);
guint             crm_segment_editor_get_n_rules    (CrmSegmentEditor *self);

G_END_DECLS
