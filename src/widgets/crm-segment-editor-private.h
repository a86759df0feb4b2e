/* crm-segment-editor-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-filter.h"
#include "crm-segment-editor.h"

G_BEGIN_DECLS

/* A field the editor offers: built-in or custom. */
typedef struct
{
  char          *key;
  char          *label;
  CrmFilterKind  kind;
  guint          ops;
  GPtrArray     *choice_keys;    /* CHOICE */
  GPtrArray     *choice_labels;
  const char    *relation;       /* RELATION: "organization", "tag", "staff_user" */
  const char    *currency;       /* custom money fields, or NULL */
} CrmEditorField;

/* Small lists picked from a drop-down: tags, staff. */
typedef struct
{
  GArray        *ids;            /* gint64 */
  GtkStringList *names;
} CrmEditorRecords;

const CrmEditorField   *_crm_segment_editor_get_field       (CrmSegmentEditor *self,
                                                             guint             index);
int                     _crm_segment_editor_find_field      (CrmSegmentEditor *self,
                                                             const char       *key);
GtkStringList          *_crm_segment_editor_get_field_names (CrmSegmentEditor *self);
const CrmEditorRecords *_crm_segment_editor_get_records     (CrmSegmentEditor *self,
                                                             const char       *relation);
CrmStore               *_crm_segment_editor_get_store       (CrmSegmentEditor *self);
GCancellable           *_crm_segment_editor_get_cancellable (CrmSegmentEditor *self);
/* A condition changed: recount after a short pause. */
void                    _crm_segment_editor_changed         (CrmSegmentEditor *self);
void                    _crm_segment_editor_remove_rule     (CrmSegmentEditor *self,
                                                             GtkWidget        *row);

/* crm-segment-editor-rule.c: one condition as a list row.  @rule: (nullable)
 * the JSON rule to show; NULL for a new one on the first field. */
GtkWidget  *_crm_segment_rule_row_new      (CrmSegmentEditor *editor,
                                            JsonObject       *rule);
gboolean    _crm_segment_rule_row_is_rule  (GtkWidget        *row);
/* The rule as JSON, or NULL with a readable @problem (nullable) when the
 * value is incomplete; transfer full. */
JsonNode   *_crm_segment_rule_row_to_json  (GtkWidget        *row,
                                            char            **problem);

G_END_DECLS
