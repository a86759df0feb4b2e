/* crm-custom-fields-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For exporters running on the store's worker thread.
 */

#pragma once

#include "crm-custom-fields.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/**
 * CrmCustomExport:
 * @n_fields: the live custom fields of the target, by position
 * @keys: their keys (column names: use "custom:<key>" or the key itself)
 * @labels: their labels
 * @values: record id (a gint64 *) → a GPtrArray of @n_fields stable values
 *   (crm_custom_value_to_stable(); NULL where the record has none)
 */
typedef struct
{
  guint        n_fields;
  char       **keys;
  char       **labels;
  GHashTable  *values;
} CrmCustomExport;

/* Worker thread: every custom value of @target's records. */
CrmCustomExport *crm_custom_values_for_export (CrmStoreWorker  *worker,
                                               const char      *target,
                                               GError         **error);
void             crm_custom_export_free       (CrmCustomExport *export);
/* The @n_fields values of @record_id (entries NULL where unset), or NULL when
 * it has none at all (transfer none). */
const char * const *crm_custom_export_lookup  (CrmCustomExport *export,
                                               gint64           record_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCustomExport, crm_custom_export_free)

G_END_DECLS
