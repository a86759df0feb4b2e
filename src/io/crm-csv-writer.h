/* crm-csv-writer.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An RFC 4180 writer: UTF-8 (optionally with a BOM, which Excel needs to
 * read UTF-8), CRLF line ends, fields quoted only when they hold the
 * separator, a quote, CR or LF.
 *
 * Formula injection (OWASP "CSV injection"): a cell that starts with = + - @
 * tab or CR is written with a leading single quote ('), so a spreadsheet
 * shows it as text instead of running it; a cell of quotes then one of those
 * characters ('=) gets one more quote.  crm_csv_mapping_apply()
 * removes exactly one such quote when reading, so Rapport's own exports read
 * back unchanged.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_CSV_WRITER_NONE           = 0,
  CRM_CSV_WRITER_BOM            = 1 << 0,   /* start with a UTF-8 BOM (for Excel) */
  CRM_CSV_WRITER_NO_NEUTRALIZE  = 1 << 1,   /* write cells as they are */
} CrmCsvWriterFlags;

typedef struct _CrmCsvWriter CrmCsvWriter;

/* transfer none on @stream (a reference is taken) */
CrmCsvWriter *crm_csv_writer_new       (GOutputStream      *stream,
                                        char                separator,
                                        CrmCsvWriterFlags   flags);
/* Cells must be valid UTF-8; NULL cells are written empty.  Output is
 * buffered and written in 64 KiB blocks. */
gboolean      crm_csv_writer_write_row (CrmCsvWriter       *writer,
                                        const char * const *cells,
                                        guint               n_cells,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* Writes what is buffered (the stream stays open). */
gboolean      crm_csv_writer_flush     (CrmCsvWriter       *writer,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* Drops anything not flushed. */
void          crm_csv_writer_free      (CrmCsvWriter       *writer);

/* Appends one cell, neutralised and quoted as needed, to @out. */
void          crm_csv_append_cell      (GString            *out,
                                        const char         *cell,
                                        char                separator,
                                        gboolean            neutralize);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvWriter, crm_csv_writer_free)

G_END_DECLS
