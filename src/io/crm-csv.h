/* crm-csv.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A streaming RFC 4180 reader.  It reads a GInputStream in chunks (never the
 * whole file), detects the encoding (UTF-8 with or without BOM, UTF-16LE/BE,
 * GB18030, Windows-1252) and the separator (comma, semicolon, tab, or an
 * Excel "sep=" line) from the first 64 KiB, and hands out one row at a time
 * as valid UTF-8.  Problems in a row (an unterminated quote, invalid bytes, a
 * ragged row, a field over the size limit) are reported on that row and
 * reading goes on; only an unreadable stream or a file that is not text at
 * all is a GError.
 *
 * Plain object, no GObject: use it from one thread at a time.
 *
 * Typical use (an importer on a worker thread):
 *
 *   g_autoptr(CrmCsvReader) reader = crm_csv_reader_new_for_path (path, &error);
 *   g_autoptr(CrmCsvMapping) mapping = NULL;
 *   const CrmCsvRow *row;
 *
 *   while ((row = crm_csv_reader_read_row (reader, cancellable, &error)) != NULL)
 *     {
 *       if (mapping == NULL)
 *         mapping = crm_csv_mapping_new (row->fields, row->n_fields);   (the header)
 *       else if (row->problem > CRM_CSV_ROW_TOO_FEW_FIELDS)
 *         reject (row->line, row->reason);
 *       else
 *         import (crm_csv_mapping_apply (mapping, row->fields, row->n_fields, row->line));
 *     }
 *   if (error != NULL)
 *     ... nothing more could be read
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Ordered by severity: a row keeps its worst problem.  A row with
 * CRM_CSV_ROW_TOO_FEW_FIELDS is padded with "" up to the header's width and
 * can still be imported; the others should be rejected. */
typedef enum
{
  CRM_CSV_ROW_OK,
  CRM_CSV_ROW_TOO_FEW_FIELDS,
  CRM_CSV_ROW_TOO_MANY_FIELDS,
  CRM_CSV_ROW_INVALID_BYTES,
  CRM_CSV_ROW_FIELD_TOO_LARGE,
  CRM_CSV_ROW_UNTERMINATED_QUOTE,   /* the row ran to the end of the file */
} CrmCsvRowProblem;

/* One row, owned by the reader and valid until the next read. */
typedef struct
{
  guint               line;      /* 1-based physical line where the row starts */
  guint               n_fields;
  const char * const *fields;    /* n_fields valid UTF-8 strings (NULL-terminated) */
  CrmCsvRowProblem    problem;
  const char         *reason;    /* translated sentence, NULL when problem is OK */
} CrmCsvRow;

#define CRM_CSV_DEFAULT_MAX_FIELD_SIZE (1024 * 1024)

typedef struct _CrmCsvReader CrmCsvReader;

/* transfer none on @stream (a reference is taken) */
CrmCsvReader    *crm_csv_reader_new                (GInputStream  *stream);
CrmCsvReader    *crm_csv_reader_new_for_path       (const char    *path,
                                                    GError       **error);
void             crm_csv_reader_free               (CrmCsvReader  *reader);

/* Before the first read: force an iconv charset name or a separator instead
 * of detecting them, or change the field-size limit (a row may hold four
 * times as much). */
void             crm_csv_reader_set_encoding       (CrmCsvReader  *reader,
                                                    const char    *encoding);
void             crm_csv_reader_set_separator      (CrmCsvReader  *reader,
                                                    char           separator);
void             crm_csv_reader_set_max_field_size (CrmCsvReader  *reader,
                                                    gsize          max_field_size);

/* Reads the first 64 KiB and detects the encoding and separator; called by
 * the first read_row when not called before.  FALSE and @error when the
 * stream cannot be read or is not text. */
gboolean         crm_csv_reader_prepare            (CrmCsvReader  *reader,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
/* After prepare: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030",
 * "WINDOWS-1252", or what set_encoding asked for.  When the first 64 KiB
 * were plain ASCII, the first later field that is not UTF-8 (before any
 * that is UTF-8 beyond ASCII) switches the rest of the file to GB18030 or
 * Windows-1252, and this then returns the new encoding. */
const char      *crm_csv_reader_get_encoding       (CrmCsvReader  *reader);
gboolean         crm_csv_reader_get_has_bom        (CrmCsvReader  *reader);
char             crm_csv_reader_get_separator      (CrmCsvReader  *reader);

/* The next row (the first one is normally the header; empty lines are
 * skipped), or NULL at the end of the input (@error unset) or on a hard
 * failure (@error set).  The first row sets the expected number of fields
 * for the ragged-row checks.  transfer none. */
const CrmCsvRow *crm_csv_reader_read_row           (CrmCsvReader  *reader,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

/* Bytes consumed from the stream so far, for progress bars. */
guint64          crm_csv_reader_get_bytes_read     (CrmCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)

G_END_DECLS
