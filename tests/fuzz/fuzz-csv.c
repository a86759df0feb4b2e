/* fuzz-csv.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the bytes go through encoding and separator detection,
 * the reader, the header mapping of every row, and back out through the
 * writer, with a small field limit so the size checks are reached too.
 */

#define G_LOG_DOMAIN "FuzzCsv"

#include "config.h"

#include <stdint.h>

#include "crm-csv.h"
#include "crm-csv-mapping.h"
#include "crm-csv-writer.h"

static void
write_back (const CrmCsvMapping *mapping,
            CrmContactDraft     *draft,
            CrmCsvWriter        *writer)
{
  g_auto(GStrv) cells = crm_csv_export_row (mapping, draft);

  crm_csv_writer_write_row (writer, (const char * const *) cells, g_strv_length (cells),
                            NULL, NULL);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(CrmCsvWriter) writer = crm_csv_writer_new (out, ',', CRM_CSV_WRITER_BOM);
  g_autoptr(CrmCsvMapping) mapping = NULL;
  g_autoptr(CrmCsvMapping) export_mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  const CrmCsvRow *row;

  /* after 64 KiB of ASCII the reader has guessed UTF-8 but may still switch
   * to a legacy encoding: reach that path too */
  if (size > 0 && (data[0] & 0x30) == 0x30)
    {
      GString *text = g_string_sized_new (70 * 1024 + size);
      gsize len;

      /* one header and one long row, so each run stays cheap */
      g_string_append (text, "Notes\n\"");
      while (text->len < 66 * 1024)
        g_string_append (text, "ASCII only. ");
      g_string_append (text, "\"\n");
      g_string_append_len (text, (const char *) data, size);
      len = text->len;
      stream = g_memory_input_stream_new_from_data (g_string_free (text, FALSE), len, g_free);
    }
  else
    stream = g_memory_input_stream_new_from_data (data, size, NULL);
  reader = crm_csv_reader_new (stream);

  /* the first byte picks a small field limit, or forces an encoding so the
   * conversion error paths see arbitrary bytes */
  if (size > 0 && (data[0] & 1))
    crm_csv_reader_set_max_field_size (reader, 64);
  if (size > 0 && (data[0] & 0x0E) == 0x02)
    crm_csv_reader_set_encoding (reader, "UTF-16BE");
  else if (size > 0 && (data[0] & 0x0E) == 0x04)
    crm_csv_reader_set_encoding (reader, "GB18030");
  else if (size > 0 && (data[0] & 0x0E) == 0x06)
    crm_csv_reader_set_encoding (reader, "WINDOWS-1252");

  while ((row = crm_csv_reader_read_row (reader, NULL, &error)) != NULL)
    {
      g_autoptr(CrmContactDraft) draft = NULL;

      g_assert (row->fields[row->n_fields] == NULL);
      g_assert ((row->problem == CRM_CSV_ROW_OK) == (row->reason == NULL));
      for (guint i = 0; i < row->n_fields; i++)
        g_assert (g_utf8_validate (row->fields[i], -1, NULL));

      if (mapping == NULL)
        {
          mapping = crm_csv_mapping_new (row->fields, row->n_fields);
          continue;
        }

      draft = crm_csv_mapping_apply (mapping, row->fields, row->n_fields, row->line);
      if (export_mapping == NULL)
        {
          header = crm_csv_export_header (&draft, 1);
          export_mapping = crm_csv_mapping_new ((const char * const *) header,
                                                g_strv_length (header));
        }
      write_back (export_mapping, draft, writer);
    }

  crm_csv_writer_flush (writer, NULL, NULL);

  return 0;
}
