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
/* Removes every custom value of @record_id (a @target record). */
gboolean   _crm_io_custom_values_delete   (CrmStoreWorker         *worker,
                                           const char             *target,
                                           gint64                  record_id,
                                           GError                **error);

G_END_DECLS
