/* crm-activity-editor.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY_EDITOR (crm_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmActivityEditor, crm_activity_editor, CRM, ACTIVITY_EDITOR, AdwWindow)

/* A dialog that logs a call, meeting, email or note, or adds a task
 * (@kind: "call", "meeting", "email", "note", "task") about the record
 * @subject_kind ("person", "organization", "deal", "ticket") @subject_id. */
CrmActivityEditor *crm_activity_editor_new (CrmContext *context,
                                            const char *subject_kind,
                                            gint64      subject_id,
                                            const char *kind);

/* The offset before the due time of each reminder choice, in seconds, or -1
 * for none; @index is the position in the reminder list. */
gint64             crm_activity_editor_remind_offset (guint index);

G_END_DECLS
