/* crm-io-custom-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Custom fields for the exporter and the importer (worker thread only).
 */

#pragma once

#include "crm-contact-draft.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* A custom_field row, as plain data. */
typedef struct
{
  gint64  id;
  char   *key;
  char   *label;      /* the column / extra property name; the key when empty */
  char   *type;       /* text | number | money | date | choice */
  char   *currency;
  char   *choices;    /* JSON */
} CrmIoCustomField;

void       _crm_io_custom_field_free      (gpointer                data);
/* The live fields of @target ("person", "organization") by position: a
 * GPtrArray of CrmIoCustomField; transfer full. */
GPtrArray *_crm_io_custom_fields_load     (CrmStoreWorker         *worker,
                                           const char             *target,
                                           GError                **error);
/* Puts @record_id's values into draft->extra under the fields' labels, in
 * their stable form. */
gboolean   _crm_io_custom_values_to_draft (CrmStoreWorker         *worker,
                                           GPtrArray              *fields,
                                           gint64                  record_id,
                                           CrmContactDraft        *draft,
                                           GError                **error);
/* Puts the names of @record_id's live tags (a @kind record: "person",
 * "organization") into draft->tags, by name: they travel with the custom
 * values. */
gboolean   _crm_io_tags_to_draft          (CrmStoreWorker         *worker,
                                           const char             *kind,
                                           gint64                  record_id,
                                           CrmContactDraft        *draft,
                                           GError                **error);
/* A stable form back to text_value (text, choice key) or num_value. */
gboolean   _crm_io_custom_parse           (const CrmIoCustomField *field,
                                           const char             *input,
                                           char                  **text,
                                           gint64                 *number);
/* FALSE when some non-empty value of @draft for @fields does not parse. */
gboolean   _crm_io_custom_check           (GPtrArray              *fields,
                                           const CrmContactDraft  *draft);
/* Inserts the values @draft has for @fields on a new record. */
gboolean   _crm_io_custom_values_insert   (CrmStoreWorker         *worker,
                                           GPtrArray              *fields,
                                           gint64                  record_id,
                                           const CrmContactDraft  *draft,
                                           gint64                  now,
                                           GError                **error);
/* The fields (bit i for fields->pdata[i], the first 32) for which @draft
 * has a value that differs from the one @record_id has. */
gboolean   _crm_io_custom_values_diff     (CrmStoreWorker         *worker,
                                           GPtrArray              *fields,
                                           gint64                  record_id,
                                           const CrmContactDraft  *draft,
                                           guint32                *diff,
                                           GError                **error);

/* A custom_value row an update wrote: @before is NULL when it inserted the
 * row, else the JSON of its old "deleted", "updated", "text_value" and
 * "num_value" (for _crm_io_custom_value_restore()). */
typedef struct
{
  gint64  value_id;
  char   *before;
} CrmIoCustomChange;

void       _crm_io_custom_change_clear    (gpointer                data);
/* Writes the values @draft has for @fields on an existing record: into
 * fields it has no value for, and over the ones that differ when
 * @overwrite; appends a CrmIoCustomChange per row written to @changes. */
gboolean   _crm_io_custom_values_update   (CrmStoreWorker         *worker,
                                           GPtrArray              *fields,
                                           gint64                  record_id,
                                           const CrmContactDraft  *draft,
                                           gboolean                overwrite,
                                           gint64                  now,
                                           GArray                 *changes,
                                           GError                **error);
/* Puts a custom_value row back as @before has it (deleted when NULL). */
gboolean   _crm_io_custom_value_restore   (CrmStoreWorker         *worker,
                                           gint64                  value_id,
                                           const char             *before,
                                           GError                **error);
/* Removes every custom value of @record_id (a @target record). */
gboolean   _crm_io_custom_values_delete   (CrmStoreWorker         *worker,
                                           const char             *target,
                                           gint64                  record_id,
                                           GError                **error);

G_END_DECLS
