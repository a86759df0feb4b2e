/* crm-export.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exporting people or organizations to CSV (with Rapport's own column names,
 * so that the file imports back unchanged, and formulas neutralised) or to
 * vCard 4.0.  The records are those of a query (all of a type, or a segment
 * the caller turned into a query), optionally narrowed to a selection of
 * ids.  The file is written next to its destination under a temporary name
 * and renamed over it at the end: a failed or cancelled export leaves no
 * partial file.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EXPORT_FORMAT_CSV,
  CRM_EXPORT_FORMAT_VCARD,
} CrmExportFormat;

/* @query: a query on CRM_TYPE_PERSON or CRM_TYPE_ORGANIZATION (its order is
 * the file's order; its limit is ignored); @ids: (nullable) gint64 ids, a
 * selection: only records of the query that are among them.  The result is
 * the number of records written. */
void            crm_export_async           (CrmStore            *store,
                                            CrmQuery            *query,
                                            GArray              *ids,
                                            CrmExportFormat      format,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean        crm_export_finish          (CrmStore            *store,
                                            GAsyncResult        *result,
                                            guint               *n_written,
                                            GError             **error);

/* Format from a file name (".vcf"/".vcard" → vCard, else CSV). */
CrmExportFormat crm_export_format_for_name (const char          *name);

G_END_DECLS
