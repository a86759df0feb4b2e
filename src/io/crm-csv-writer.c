/* crm-csv-writer.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCsvWriter"

#include "config.h"

#include "crm-csv-writer.h"

#include <string.h>

#define FLUSH_SIZE (64 * 1024)

struct _CrmCsvWriter
{
  GOutputStream     *stream;
  GString           *buffer;
  char               separator;
  CrmCsvWriterFlags  flags;
};

CrmCsvWriter *
crm_csv_writer_new (GOutputStream     *stream,
                    char               separator,
                    CrmCsvWriterFlags  flags)
{
  CrmCsvWriter *writer;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator != '"' && separator != '\r' && separator != '\n'
                        && separator != '\0', NULL);

  writer = g_new0 (CrmCsvWriter, 1);
  writer->stream = g_object_ref (stream);
  writer->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  writer->separator = separator;
  writer->flags = flags;

  if (flags & CRM_CSV_WRITER_BOM)
    g_string_append (writer->buffer, "\xEF\xBB\xBF");

  return writer;
}

void
crm_csv_writer_free (CrmCsvWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_object (&writer->stream);
  g_string_free (writer->buffer, TRUE);
  g_free (writer);
}

void
crm_csv_append_cell (GString    *out,
                     const char *cell,
                     char        separator,
                     gboolean    neutralize)
{
  gboolean guard;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (cell == NULL || cell[0] == '\0')
    return;

  /* also a cell that already looks guarded (quotes, then one of those
   * characters): it gets one more quote, reading strips one, and the cell
   * comes back as it was */
  if (neutralize)
    {
      gsize quotes = strspn (cell, "'");

      guard = cell[quotes] != '\0' && strchr ("=+-@\t\r", cell[quotes]) != NULL;
    }
  else
    guard = FALSE;
  quote = strpbrk (cell, "\"\r\n") != NULL || strchr (cell, separator) != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');

  if (!quote)
    g_string_append (out, cell);
  else
    {
      for (const char *p = cell; *p != '\0';)
        {
          const char *q = strchr (p, '"');

          if (q == NULL)
            {
              g_string_append (out, p);
              break;
            }
          g_string_append_len (out, p, q - p + 1);
          g_string_append_c (out, '"');
          p = q + 1;
        }
      g_string_append_c (out, '"');
    }
}

gboolean
crm_csv_writer_flush (CrmCsvWriter  *writer,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->buffer->len == 0)
    return TRUE;

  ok = g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (writer->buffer, 0);

  return ok;
}

gboolean
crm_csv_writer_write_row (CrmCsvWriter       *writer,
                          const char * const *cells,
                          guint               n_cells,
                          GCancellable       *cancellable,
                          GError            **error)
{
  gboolean neutralize;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  neutralize = !(writer->flags & CRM_CSV_WRITER_NO_NEUTRALIZE);
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (writer->buffer, writer->separator);
      crm_csv_append_cell (writer->buffer, cells[i], writer->separator, neutralize);
    }
  /* a row of one empty cell would read back as an empty line, which
   * readers skip */
  if (n_cells == 1 && (cells[0] == NULL || cells[0][0] == '\0'))
    g_string_append (writer->buffer, "\"\"");
  g_string_append (writer->buffer, "\r\n");

  if (writer->buffer->len >= FLUSH_SIZE)
    return crm_csv_writer_flush (writer, cancellable, error);

  return TRUE;
}
