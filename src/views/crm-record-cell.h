/* crm-record-cell.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of a record table: it follows a CrmPagedItem, shows the loading
 * placeholder until the record arrives, then the text a format function makes
 * of it, refreshed whenever the record changes.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-types.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

typedef char *(*CrmRecordCellFormat) (CrmRecord *record,
                                      gpointer   user_data);

#define CRM_TYPE_RECORD_CELL (crm_record_cell_get_type ())

G_DECLARE_FINAL_TYPE (CrmRecordCell, crm_record_cell, CRM, RECORD_CELL, GtkWidget)

GtkWidget *crm_record_cell_new      (CrmRecordCellFormat  format,
                                     gpointer             user_data,
                                     gboolean             numeric);
void       crm_record_cell_set_item (CrmRecordCell       *self,
                                     CrmPagedItem        *item);
void       crm_record_cell_set_width_chars (CrmRecordCell *self,
                                            int            width_chars);
/* Formats the record again (what the format function reads changed). */
void       crm_record_cell_refresh  (CrmRecordCell       *self);
/* The text shown, NULL while loading. */
const char *crm_record_cell_get_text (CrmRecordCell      *self);

G_END_DECLS
