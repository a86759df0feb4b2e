/* crm-csv.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader decodes each raw chunk to UTF-8 into one buffer and tokenises
 * that buffer with a resumable state machine, so a row may span any number
 * of chunks and nothing is scanned twice.  Bytes the decoder cannot convert
 * become 0xFF, which is never valid UTF-8: the per-field validation then
 * reports them on the right row, whatever the source encoding was.
 */

#define G_LOG_DOMAIN "CrmCsv"

#include "config.h"

#include "crm-csv.h"
#include "crm-csv-private.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#define CHUNK_SIZE    (64 * 1024)
#define SAMPLE_SIZE   (64 * 1024)
#define MAX_FIELDS    16384

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_SEEN,
} State;

struct _CrmCsvReader
{
  GInputStream     *stream;
  char             *encoding;
  GIConv            cd;            /* (GIConv) -1 when the source is UTF-8 */
  guint             unit;          /* bytes skipped after an invalid sequence */
  char              separator;     /* 0 until detected */
  gboolean          has_bom;
  gboolean          undecided;     /* UTF-8 guessed from an all-ASCII sample */
  gboolean          prepared;
  gboolean          raw_eof;
  gboolean          text_eof;
  gsize             max_field_size;
  guint64           bytes_read;

  GByteArray       *raw;           /* undecoded bytes (an incomplete sequence) */
  GByteArray       *text;          /* decoded UTF-8, markers for invalid bytes */
  gsize             pos;
  guint8           *chunk;

  guint             line;          /* current physical line, 1-based */
  gboolean          last_was_cr;
  guint             expected_fields;

  /* the current row */
  GString          *row_text;
  GArray           *offsets;       /* gsize: start of each field in row_text */
  GPtrArray        *field_ptrs;
  gsize             field_start;
  gboolean          field_too_large;
  CrmCsvRow         row;
  char             *reason;
};

static const char empty_field[] = "";

CrmCsvReader *
crm_csv_reader_new (GInputStream *stream)
{
  CrmCsvReader *reader;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  reader = g_new0 (CrmCsvReader, 1);
  reader->stream = g_object_ref (stream);
  reader->cd = (GIConv) -1;
  reader->unit = 1;
  reader->max_field_size = CRM_CSV_DEFAULT_MAX_FIELD_SIZE;
  reader->raw = g_byte_array_new ();
  reader->text = g_byte_array_sized_new (CHUNK_SIZE * 2);
  reader->chunk = g_malloc (CHUNK_SIZE);
  reader->line = 1;
  reader->row_text = g_string_sized_new (1024);
  reader->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->field_ptrs = g_ptr_array_new ();

  return reader;
}

CrmCsvReader *
crm_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  return crm_csv_reader_new (G_INPUT_STREAM (stream));
}

void
crm_csv_reader_free (CrmCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_object (&reader->stream);
  if (reader->cd != (GIConv) -1)
    g_iconv_close (reader->cd);
  g_free (reader->encoding);
  g_byte_array_unref (reader->raw);
  g_byte_array_unref (reader->text);
  g_free (reader->chunk);
  g_string_free (reader->row_text, TRUE);
  g_array_unref (reader->offsets);
  g_ptr_array_unref (reader->field_ptrs);
  g_free (reader->reason);
  g_free (reader);
}

void
crm_csv_reader_set_encoding (CrmCsvReader *reader,
                             const char   *encoding)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (!reader->prepared);

  g_free (reader->encoding);
  reader->encoding = g_strdup (encoding);
}

void
crm_csv_reader_set_separator (CrmCsvReader *reader,
                              char          separator)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (!reader->prepared);
  g_return_if_fail (separator != '"' && separator != '\r' && separator != '\n');

  reader->separator = separator;
}

void
crm_csv_reader_set_max_field_size (CrmCsvReader *reader,
                                   gsize         max_field_size)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (max_field_size > 0);

  reader->max_field_size = max_field_size;
}

const char *
crm_csv_reader_get_encoding (CrmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->encoding;
}

gboolean
crm_csv_reader_get_has_bom (CrmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  return reader->has_bom;
}

char
crm_csv_reader_get_separator (CrmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->separator;
}

guint64
crm_csv_reader_get_bytes_read (CrmCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->bytes_read;
}

/* Decoding */

static void
decode_utf8 (CrmCsvReader *reader,
             const guint8 *data,
             gsize         len)
{
  g_byte_array_append (reader->text, data, len);
}

/* Converts reader->raw with iconv, keeping an incomplete trailing sequence
 * in reader->raw unless @at_eof. */
static void
decode_iconv (CrmCsvReader *reader,
              gboolean      at_eof)
{
  char *inbuf = (char *) reader->raw->data;
  gsize inleft = reader->raw->len;
  char out[16 * 1024];
  static const guint8 mark = CRM_CSV_INVALID_MARK;

  while (inleft > 0)
    {
      char *outbuf = out;
      gsize outleft = sizeof out;
      gsize r = g_iconv (reader->cd, &inbuf, &inleft, &outbuf, &outleft);
      int saved_errno = errno;

      g_byte_array_append (reader->text, (guint8 *) out, outbuf - out);

      if (r != (gsize) -1)
        continue;

      if (saved_errno == E2BIG)
        continue;

      if (saved_errno == EINVAL && !at_eof)
        break;

      /* EILSEQ, or an incomplete sequence at the end of the input */
      g_byte_array_append (reader->text, &mark, 1);
      if (saved_errno == EINVAL)
        inleft = 0;
      else
        {
          gsize skip = MIN (reader->unit, inleft);

          inbuf += skip;
          inleft -= skip;
        }
      g_iconv (reader->cd, NULL, NULL, NULL, NULL);
    }

  g_byte_array_remove_range (reader->raw, 0, reader->raw->len - inleft);
}

static void
decode (CrmCsvReader *reader,
        const guint8 *data,
        gsize         len,
        gboolean      at_eof)
{
  if (reader->cd == (GIConv) -1)
    {
      decode_utf8 (reader, data, len);
      return;
    }

  g_byte_array_append (reader->raw, data, len);
  decode_iconv (reader, at_eof);
}

/* Appends more decoded text; sets text_eof when there is none left. */
static gboolean
refill (CrmCsvReader  *reader,
        GCancellable  *cancellable,
        GError       **error)
{
  gsize before;

  if (reader->pos > 0)
    {
      g_byte_array_remove_range (reader->text, 0, reader->pos);
      reader->pos = 0;
    }

  before = reader->text->len;
  while (reader->text->len == before && !reader->raw_eof)
    {
      gssize n = g_input_stream_read (reader->stream, reader->chunk, CHUNK_SIZE,
                                      cancellable, error);

      if (n < 0)
        return FALSE;

      reader->bytes_read += n;
      if (n == 0)
        reader->raw_eof = TRUE;
      decode (reader, reader->chunk, n, reader->raw_eof);
    }

  if (reader->text->len == before && reader->raw_eof)
    reader->text_eof = TRUE;

  return TRUE;
}

/* Detection */

static gboolean
read_sample (CrmCsvReader  *reader,
             GByteArray    *sample,
             GCancellable  *cancellable,
             GError       **error)
{
  while (sample->len < SAMPLE_SIZE)
    {
      gssize n = g_input_stream_read (reader->stream, reader->chunk,
                                      SAMPLE_SIZE - sample->len, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          reader->raw_eof = TRUE;
          break;
        }
      reader->bytes_read += n;
      g_byte_array_append (sample, reader->chunk, n);
    }

  return TRUE;
}

static const char *
detect_encoding (CrmCsvReader *reader,
                 const guint8 *data,
                 gsize         len)
{
  const char *utf16 = _crm_csv_detect_utf16 (data, len);

  if (utf16 != NULL)
    return utf16;
  if (_crm_csv_is_utf8 (data, len, reader->raw_eof))
    return "UTF-8";
  if (_crm_csv_looks_like_gb18030 (data, len, reader->raw_eof))
    return "GB18030";

  return "WINDOWS-1252";
}

static gsize
strip_bom (CrmCsvReader *reader,
           const guint8 *data,
           gsize         len)
{
  const char *bom_encoding = NULL;
  gsize skip = 0;

  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    bom_encoding = "UTF-8", skip = 3;
  else if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    bom_encoding = "UTF-16LE", skip = 2;
  else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    bom_encoding = "UTF-16BE", skip = 2;

  if (bom_encoding == NULL)
    return 0;

  /* a forced encoding wins, but a BOM is never content */
  reader->has_bom = TRUE;
  if (reader->encoding == NULL)
    reader->encoding = g_strdup (bom_encoding);

  return skip;
}

/* Excel writes "sep=;" as the first line when asked to. */
static gboolean
take_sep_line (CrmCsvReader *reader)
{
  const guint8 *t = reader->text->data;
  gsize len = reader->text->len;

  if (len < 5 || g_ascii_strncasecmp ((const char *) t, "sep=", 4) != 0)
    return FALSE;
  if (t[4] == '"' || t[4] >= 0x80 || (t[4] < 0x20 && t[4] != '\t'))
    return FALSE;
  if (len > 5 && t[5] != '\r' && t[5] != '\n')
    return FALSE;

  reader->separator = t[4];
  reader->pos = 5;
  if (len > 5)
    {
      reader->pos += (t[5] == '\r' && len > 6 && t[6] == '\n') ? 2 : 1;
      reader->line = 2;
    }

  return TRUE;
}

/* After a hard failure, later reads return NULL. */
static void
fail (CrmCsvReader *reader)
{
  reader->text_eof = TRUE;
  reader->raw_eof = TRUE;
  g_byte_array_set_size (reader->text, 0);
  reader->pos = 0;
}

gboolean
crm_csv_reader_prepare (CrmCsvReader  *reader,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GByteArray) sample = g_byte_array_new ();
  const guint8 *bytes;
  gboolean detected;
  gsize skip;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reader->prepared)
    return TRUE;

  if (!read_sample (reader, sample, cancellable, error))
    return FALSE;
  reader->prepared = TRUE;

  /* an empty GByteArray has no data pointer */
  bytes = sample->len > 0 ? sample->data : (const guint8 *) "";
  skip = strip_bom (reader, bytes, sample->len);
  detected = reader->encoding == NULL;
  if (detected)
    reader->encoding = g_strdup (detect_encoding (reader, bytes + skip, sample->len - skip));

  if (g_ascii_strcasecmp (reader->encoding, "UTF-8") != 0)
    {
      reader->cd = g_iconv_open ("UTF-8", reader->encoding);
      if (reader->cd == (GIConv) -1)
        {
          fail (reader);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("The character encoding “%s” is not supported"),
                       reader->encoding);
          return FALSE;
        }
      if (g_str_has_prefix (reader->encoding, "UTF-16"))
        reader->unit = 2;
    }

  decode (reader, bytes + skip, sample->len - skip, reader->raw_eof);

  if (!_crm_csv_looks_like_text (reader->text->data, MIN (reader->text->len, SAMPLE_SIZE)))
    {
      fail (reader);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is not a CSV file: it does not contain text"));
      return FALSE;
    }

  if (reader->separator == 0 && !take_sep_line (reader))
    reader->separator = _crm_csv_detect_separator (reader->text->data, reader->text->len,
                                                   reader->raw_eof);

  /* An all-ASCII start says nothing about the rest: the first row that is
   * not UTF-8 may still pick a legacy encoding. */
  reader->undecided = detected && !reader->raw_eof && g_str_equal (reader->encoding, "UTF-8")
                      && _crm_csv_is_ascii (bytes + skip, sample->len - skip);

  g_debug ("encoding %s, separator %#x", reader->encoding, reader->separator);

  return TRUE;
}

/* Rows */

static void
set_problem (CrmCsvReader     *reader,
             CrmCsvRowProblem  problem)
{
  if (problem > reader->row.problem)
    reader->row.problem = problem;
}

static void
append_span (CrmCsvReader *reader,
             const guint8 *data,
             gsize         len)
{
  gsize field_len = reader->row_text->len - reader->field_start;

  if (len == 0 || reader->field_too_large)
    return;

  if (field_len + len > reader->max_field_size
      || reader->row_text->len + len > reader->max_field_size * 4)
    {
      reader->field_too_large = TRUE;
      return;
    }

  g_string_append_len (reader->row_text, (const char *) data, len);
}

/* The file looked like ASCII, so UTF-8, but this field is not UTF-8: decode
 * it and everything after it with the legacy encoding it looks like. */
static gboolean
take_legacy_field (CrmCsvReader *reader)
{
  GString *s = reader->row_text;
  gsize start = reader->field_start;
  const guint8 *field = (const guint8 *) s->str + start;
  const char *encoding;
  g_autofree char *converted = NULL;
  GIConv cd;

  reader->undecided = FALSE;
  encoding = _crm_csv_looks_like_gb18030 (field, s->len - start, TRUE) ? "GB18030" : "WINDOWS-1252";
  converted = g_convert ((const char *) field, s->len - start, "UTF-8", encoding, NULL, NULL, NULL);
  if (converted == NULL || (cd = g_iconv_open ("UTF-8", encoding)) == (GIConv) -1)
    return FALSE;

  g_debug ("line %u is not UTF-8, switching to %s", reader->row.line, encoding);
  g_string_truncate (s, start);
  g_string_append (s, converted);
  g_free (reader->encoding);
  reader->encoding = g_strdup (encoding);
  reader->cd = cd;

  /* the text not tokenised yet is still raw bytes */
  g_byte_array_append (reader->raw, reader->text->data + reader->pos,
                       reader->text->len - reader->pos);
  g_byte_array_set_size (reader->text, reader->pos);
  decode_iconv (reader, reader->raw_eof);

  return TRUE;
}

static void
end_field (CrmCsvReader *reader)
{
  GString *s = reader->row_text;
  gsize start = reader->field_start;

  if (reader->offsets->len >= MAX_FIELDS)
    {
      set_problem (reader, CRM_CSV_ROW_TOO_MANY_FIELDS);
      g_string_truncate (s, start);
    }
  else
    {
      if (reader->field_too_large)
        {
          set_problem (reader, CRM_CSV_ROW_FIELD_TOO_LARGE);
          g_string_truncate (s, start);
        }
      else if (!g_utf8_validate_len (s->str + start, s->len - start, NULL))
        {
          if (!reader->undecided || !take_legacy_field (reader))
            {
              g_autofree char *valid = g_utf8_make_valid (s->str + start, s->len - start);

              set_problem (reader, CRM_CSV_ROW_INVALID_BYTES);
              g_string_truncate (s, start);
              g_string_append (s, valid);
            }
        }
      else if (reader->undecided && !_crm_csv_is_ascii ((const guint8 *) s->str + start, s->len - start))
        reader->undecided = FALSE;
      g_string_append_c (s, '\0');
      g_array_append_val (reader->offsets, start);
    }

  reader->field_start = s->len;
  reader->field_too_large = FALSE;
}

static void
describe_problem (CrmCsvReader *reader,
                  guint         n_found)
{
  guint n = reader->expected_fields;

  g_clear_pointer (&reader->reason, g_free);

  switch (reader->row.problem)
    {
    case CRM_CSV_ROW_OK:
      return;
    case CRM_CSV_ROW_TOO_FEW_FIELDS:
    case CRM_CSV_ROW_TOO_MANY_FIELDS:
      reader->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The row has %2$u fields, the header has %1$u",
                                                     "The row has %2$u fields, the header has %1$u",
                                                     n),
                                        n, n_found);
      break;
    case CRM_CSV_ROW_INVALID_BYTES:
      reader->reason = g_strdup_printf (_("The row contains bytes that are not valid %s text"),
                                        reader->encoding);
      break;
    case CRM_CSV_ROW_UNTERMINATED_QUOTE:
      reader->reason = g_strdup (_("A quoted field is not closed before the end of the file"));
      break;
    case CRM_CSV_ROW_FIELD_TOO_LARGE:
      {
        g_autofree char *size = g_format_size (reader->max_field_size);

        reader->reason = g_strdup_printf (_("A field is larger than %s"), size);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  reader->row.reason = reader->reason;
}

static const CrmCsvRow *
end_row (CrmCsvReader *reader)
{
  guint n_found = reader->offsets->len;

  g_ptr_array_set_size (reader->field_ptrs, 0);
  for (guint i = 0; i < reader->offsets->len; i++)
    g_ptr_array_add (reader->field_ptrs,
                     reader->row_text->str + g_array_index (reader->offsets, gsize, i));

  if (reader->expected_fields == 0)
    reader->expected_fields = n_found;
  else if (n_found > reader->expected_fields)
    set_problem (reader, CRM_CSV_ROW_TOO_MANY_FIELDS);
  else if (n_found < reader->expected_fields)
    {
      set_problem (reader, CRM_CSV_ROW_TOO_FEW_FIELDS);
      while (reader->field_ptrs->len < reader->expected_fields)
        g_ptr_array_add (reader->field_ptrs, (gpointer) empty_field);
    }

  reader->row.n_fields = reader->field_ptrs->len;
  g_ptr_array_add (reader->field_ptrs, NULL);
  reader->row.fields = (const char * const *) reader->field_ptrs->pdata;
  describe_problem (reader, n_found);

  return &reader->row;
}

static void
start_row (CrmCsvReader *reader)
{
  g_string_truncate (reader->row_text, 0);
  g_array_set_size (reader->offsets, 0);
  reader->field_start = 0;
  reader->field_too_large = FALSE;
  reader->row.line = reader->line;
  reader->row.problem = CRM_CSV_ROW_OK;
  reader->row.reason = NULL;
}

/* Consumes a CR or LF and counts the line (CRLF counts once). */
static inline void
take_newline (CrmCsvReader *reader,
              guint8        c)
{
  if (c == '\r' || !reader->last_was_cr)
    reader->line++;
  reader->last_was_cr = c == '\r';
  reader->pos++;
}

/* Skips empty lines before a row; FALSE at the end of the input. */
static gboolean
skip_empty_lines (CrmCsvReader  *reader,
                  GCancellable  *cancellable,
                  GError       **error)
{
  for (;;)
    {
      guint8 c;

      if (reader->pos >= reader->text->len)
        {
          if (reader->text_eof)
            return FALSE;
          if (!refill (reader, cancellable, error))
            return FALSE;
          continue;
        }

      c = reader->text->data[reader->pos];
      if (c != '\r' && c != '\n')
        return TRUE;
      take_newline (reader, c);
    }
}

/* The tokeniser: each step consumes some of the decoded buffer (which holds
 * at least one byte) and returns TRUE when it ended the row. */

static gboolean
step_field_start (CrmCsvReader *reader,
                  State        *state)
{
  if (reader->text->data[reader->pos] != '"')
    {
      *state = STATE_UNQUOTED;
      return FALSE;
    }

  reader->pos++;
  reader->last_was_cr = FALSE;
  *state = STATE_QUOTED;
  return FALSE;
}

/* Appends the run of bytes up to the next separator, quote or line end
 * (@stop), so ordinary text costs no call per byte. */
static guint8
take_run (CrmCsvReader *reader,
          guint8        stop)
{
  const guint8 *data = reader->text->data;
  gsize len = reader->text->len;
  gsize pos = reader->pos;
  gsize end = pos;

  while (end < len && data[end] != stop && data[end] != '\n' && data[end] != '\r')
    end++;

  append_span (reader, data + pos, end - pos);
  reader->pos = end;
  if (end > pos)
    reader->last_was_cr = FALSE;

  return end < len ? data[end] : 0;
}

static gboolean
step_unquoted (CrmCsvReader *reader,
               State        *state,
               guint8        sep)
{
  guint8 c = take_run (reader, sep);

  if (reader->pos >= reader->text->len)
    return FALSE;

  if (c == sep)
    {
      reader->pos++;
      end_field (reader);
      *state = STATE_FIELD_START;
      return FALSE;
    }

  take_newline (reader, c);
  return TRUE;
}

static gboolean
step_quoted (CrmCsvReader *reader,
             State        *state)
{
  guint8 c = take_run (reader, '"');

  if (reader->pos >= reader->text->len)
    return FALSE;

  if (c == '"')
    {
      reader->pos++;
      *state = STATE_QUOTE_SEEN;
      return FALSE;
    }

  /* a line end inside quotes is content */
  append_span (reader, &c, 1);
  take_newline (reader, c);
  return FALSE;
}

static gboolean
step_quote_seen (CrmCsvReader *reader,
                 State        *state,
                 guint8        sep)
{
  guint8 c = reader->text->data[reader->pos];

  if (c == '"')
    {
      append_span (reader, &c, 1);
      reader->pos++;
      *state = STATE_QUOTED;
      return FALSE;
    }
  if (c == sep)
    {
      reader->pos++;
      end_field (reader);
      *state = STATE_FIELD_START;
      return FALSE;
    }
  if (c == '\r' || c == '\n')
    {
      take_newline (reader, c);
      return TRUE;
    }

  /* "abc"def: keep the text after the quote, as spreadsheets do */
  *state = STATE_UNQUOTED;
  return FALSE;
}

const CrmCsvRow *
crm_csv_reader_read_row (CrmCsvReader  *reader,
                         GCancellable  *cancellable,
                         GError       **error)
{
  State state = STATE_FIELD_START;
  gboolean row_done = FALSE;
  guint8 sep;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!reader->prepared && !crm_csv_reader_prepare (reader, cancellable, error))
    return NULL;
  sep = (guint8) reader->separator;

  if (!skip_empty_lines (reader, cancellable, error))
    return NULL;
  start_row (reader);

  while (!row_done)
    {
      if (reader->pos >= reader->text->len)
        {
          if (!reader->text_eof && !refill (reader, cancellable, error))
            return NULL;
          if (reader->pos < reader->text->len)
            continue;
          if (state == STATE_QUOTED)
            set_problem (reader, CRM_CSV_ROW_UNTERMINATED_QUOTE);
          break;
        }

      switch (state)
        {
        case STATE_FIELD_START:
          row_done = step_field_start (reader, &state);
          break;
        case STATE_UNQUOTED:
          row_done = step_unquoted (reader, &state, sep);
          break;
        case STATE_QUOTED:
          row_done = step_quoted (reader, &state);
          break;
        case STATE_QUOTE_SEEN:
          row_done = step_quote_seen (reader, &state, sep);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  end_field (reader);
  return end_row (reader);
}
