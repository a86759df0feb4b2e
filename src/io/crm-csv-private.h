/* crm-csv-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Encoding and separator detection of the CSV reader (crm-csv-detect.c):
 * pure functions over a sample of bytes, shared with crm-csv.c.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the decoder writes for bytes it cannot convert: never valid UTF-8. */
#define CRM_CSV_INVALID_MARK 0xFF

const char *_crm_csv_detect_utf16       (const guint8 *data,
                                         gsize         len);
gboolean    _crm_csv_is_utf8            (const guint8 *data,
                                         gsize         len,
                                         gboolean      complete);
gboolean    _crm_csv_looks_like_gb18030 (const guint8 *data,
                                         gsize         len,
                                         gboolean      complete);
char        _crm_csv_detect_separator   (const guint8 *text,
                                         gsize         len,
                                         gboolean      complete);
gboolean    _crm_csv_looks_like_text    (const guint8 *text,
                                         gsize         len);
gboolean    _crm_csv_is_ascii           (const guint8 *data,
                                         gsize         len);

G_END_DECLS
