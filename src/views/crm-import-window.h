/* crm-import-window.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_WINDOW (crm_import_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmImportWindow, crm_import_window, CRM, IMPORT_WINDOW, AdwWindow)

/* The import assistant: file → columns (CSV) → preview and decisions →
 * progress → report.  With @file (nullable) it starts reading that file.
 * Emits "imported" (gint64 batch id, guint records imported, int
 * CrmImportTarget) when an import was written. */
CrmImportWindow *crm_import_window_new (CrmContext *context,
                                        GFile      *file);
/* The import being previewed or run (for tests); transfer none. */
gpointer         crm_import_window_get_import (CrmImportWindow *self);
/* "choose", "progress", "error", "mapping", "preview" or "report".
 * "import.next" (Ctrl+Return) goes on from mapping and preview,
 * "import.back" (Alt+Left) from preview to mapping. */
const char      *crm_import_window_get_page   (CrmImportWindow *self);

G_END_DECLS
