/* crm-custom-grid.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Custom field values of many records at once, for the optional custom
 * columns of the lists: one read per page of rows, not one per cell.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  record_id;
  gint64  field_id;
  char   *text;      /* text and choice values; NULL for the others */
  gint64  number;    /* number, money (minor units), date (julian day) */
} CrmCustomGridValue;

void       crm_custom_grid_value_free   (CrmCustomGridValue *value);

/* The live values of the live custom fields of @target ("person", ...) on
 * the records @record_ids (gint64). */
void       crm_custom_grid_load_async   (CrmStore            *store,
                                         const char          *target,
                                         GArray              *record_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* Returns: (transfer full): a GPtrArray of CrmCustomGridValue */
GPtrArray *crm_custom_grid_load_finish  (CrmStore            *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
