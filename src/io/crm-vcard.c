/* crm-vcard.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The streaming vCard reader: physical lines (CRLF, LF or CR), unfolding,
 * 2.1 quoted-printable soft breaks and unindented base64, cards between
 * BEGIN:VCARD and END:VCARD.  Mapping a card to a draft is crm-vcard-decode.c.
 */

#define G_LOG_DOMAIN "CrmVcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-vcard-private.h"

#define CHUNK_SIZE     (64 * 1024)
#define MAX_CARD_BYTES (16 * 1024 * 1024)
#define MAX_PROPERTIES 10000

typedef struct
{
  GString  *text;
  guint     number;
  gboolean  too_long;
} Line;

struct _CrmVcardReader
{
  GInputStream *stream;
  gboolean      sniffed;

  guint8       *buffer;
  gsize         buffer_len;
  gsize         buffer_pos;
  gboolean      eof;
  gboolean      skip_lf;
  guint         line_number;
  guint64       bytes_read;

  /* One physical line of look-ahead, for unfolding. */
  Line          peek;
  gboolean      have_peek;

  GPtrArray    *rejections;
  gboolean      seen_begin;
  gboolean      finished;
};

G_DEFINE_QUARK (crm-vcard-error-quark, crm_vcard_error)

void
crm_vcard_rejection_free (CrmVcardRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->reason);
  g_free (rejection);
}

static void
reject (CrmVcardReader *self,
        guint           line,
        const char     *reason)
{
  CrmVcardRejection *rejection = g_new0 (CrmVcardRejection, 1);

  rejection->line = line;
  rejection->reason = g_strdup (reason);
  g_ptr_array_add (self->rejections, rejection);
}

/* A UTF-16 file (Outlook can write one) is read through a converter; UTF-8
 * and legacy 8-bit files are read as they are. */
static gboolean
sniff_encoding (CrmVcardReader  *self,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  GInputStream *next;
  const guint8 *head;
  gsize available = 0;

  self->sniffed = TRUE;
  buffered = g_buffered_input_stream_new (self->stream);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (buffered), FALSE);
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 4,
                                    cancellable, error) < 0)
    return FALSE;

  head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &available);
  if (available >= 2 &&
      ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      g_autoptr(GCharsetConverter) converter = NULL;

      converter = g_charset_converter_new ("UTF-8", "UTF-16", error);
      if (converter == NULL)
        return FALSE;
      g_charset_converter_set_use_fallback (converter, TRUE);
      next = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
    }
  else
    {
      next = g_steal_pointer (&buffered);
    }

  g_object_unref (self->stream);
  self->stream = next;
  return TRUE;
}

static gboolean
fill_buffer (CrmVcardReader  *self,
             GCancellable    *cancellable,
             GError         **error)
{
  gssize n;

  /* Memory streams do not look at the cancellable themselves. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!self->sniffed && !sniff_encoding (self, cancellable, error))
    return FALSE;

  n = g_input_stream_read (self->stream, self->buffer, CHUNK_SIZE, cancellable, error);
  if (n < 0)
    return FALSE;

  self->buffer_len = n;
  self->buffer_pos = 0;
  self->bytes_read += n;
  if (n == 0)
    self->eof = TRUE;

  return TRUE;
}

/* Reads one physical line without its end (CRLF, LF or a lone CR).  Returns
 * FALSE at the end of the input (@error unset) or on a read error.  A line
 * longer than CRM_VCARD_MAX_LINE is consumed but not kept. */
static gboolean
read_physical_line (CrmVcardReader  *self,
                    Line            *line,
                    GCancellable    *cancellable,
                    GError         **error)
{
  gboolean any = FALSE;

  g_string_truncate (line->text, 0);
  line->too_long = FALSE;

  for (;;)
    {
      const guint8 *start;
      gsize avail, n;

      if (self->buffer_pos == self->buffer_len)
        {
          if (self->eof || !fill_buffer (self, cancellable, error) || self->eof)
            break;
        }

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (self->buffer[self->buffer_pos] == '\n')
            {
              self->buffer_pos++;
              continue;
            }
        }

      start = self->buffer + self->buffer_pos;
      avail = self->buffer_len - self->buffer_pos;
      for (n = 0; n < avail; n++)
        if (start[n] == '\n' || start[n] == '\r')
          break;

      any = TRUE;
      if (line->text->len + n > CRM_VCARD_MAX_LINE)
        line->too_long = TRUE;
      else
        g_string_append_len (line->text, (const char *) start, n);

      if (n < avail)
        {
          self->skip_lf = start[n] == '\r';
          self->buffer_pos += n + 1;
          line->number = ++self->line_number;
          return TRUE;
        }
      self->buffer_pos += n;
    }

  if (error != NULL && *error != NULL)
    return FALSE;
  if (any)
    {
      line->number = ++self->line_number;
      return TRUE;
    }
  return FALSE;
}

static gboolean
peek_line (CrmVcardReader  *self,
           GCancellable    *cancellable,
           GError         **error)
{
  if (self->have_peek)
    return TRUE;
  self->have_peek = read_physical_line (self, &self->peek, cancellable, error);
  return self->have_peek;
}

static gboolean
looks_like_base64 (const GString *text)
{
  if (text->len == 0)
    return FALSE;
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && c != ' ' && c != '\t')
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_end_line (const GString *text)
{
  return g_ascii_strncasecmp (text->str, "END:VCARD", 9) == 0;
}

/* Position of the colon that ends the name and parameters, or -1. */
static gssize
find_colon (const char *text,
            gsize       len)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (text[i] == ':' && !quoted)
        return i;
    }
  return -1;
}

static void
append_continuation (Line       *line,
                     const Line *next,
                     gsize       skip)
{
  if (next->too_long || line->text->len + next->text->len - skip > CRM_VCARD_MAX_LINE)
    line->too_long = TRUE;
  else if (!line->too_long)
    g_string_append_len (line->text, next->text->str + skip, next->text->len - skip);
}

typedef enum
{
  ENCODING_UNKNOWN,
  ENCODING_NONE,
  ENCODING_QUOTED_PRINTABLE,
  ENCODING_BASE64,
} Encoding;

/* The transfer encoding named in the parameters of @text, read once per
 * logical line (only the part before the colon is parsed). */
static Encoding
line_encoding (const GString *text)
{
  gssize colon = find_colon (text->str, text->len);
  g_autoptr(CrmVcardProperty) head = NULL;
  const char *encoding;

  if (colon < 0 || (head = _crm_vcard_property_parse (text->str, colon + 1, 0)) == NULL)
    return ENCODING_NONE;
  encoding = _crm_vcard_property_get_param (head, "ENCODING");
  if (encoding == NULL)
    return ENCODING_NONE;
  if (g_ascii_strcasecmp (encoding, "quoted-printable") == 0)
    return ENCODING_QUOTED_PRINTABLE;
  if (g_ascii_strcasecmp (encoding, "base64") == 0 || g_ascii_strcasecmp (encoding, "b") == 0)
    return ENCODING_BASE64;
  return ENCODING_NONE;
}

/* 2.1 quoted-printable: "=" at the end is a soft line break, and the next
 * line is content even when it starts with a blank. */
static gboolean
soft_line_break (CrmVcardReader *self,
                 Line           *line,
                 Encoding       *encoding)
{
  const GString *text = line->text;

  if (line->too_long || text->len == 0 || text->str[text->len - 1] != '=' ||
      is_end_line (self->peek.text))
    return FALSE;
  if (*encoding == ENCODING_UNKNOWN)
    *encoding = line_encoding (text);
  if (*encoding != ENCODING_QUOTED_PRINTABLE)
    return FALSE;

  g_string_truncate (line->text, text->len - 1);
  return TRUE;
}

/* 2.1 base64 whose lines are not indented. */
static gboolean
base64_continuation (CrmVcardReader *self,
                     Line           *line,
                     Encoding       *encoding)
{
  const GString *next = self->peek.text;

  if (line->too_long || find_colon (next->str, next->len) >= 0 || !looks_like_base64 (next))
    return FALSE;
  if (*encoding == ENCODING_UNKNOWN)
    *encoding = line_encoding (line->text);
  return *encoding == ENCODING_BASE64;
}

/* Reads one logical line: a physical line with its folded continuations. */
static gboolean
read_logical_line (CrmVcardReader  *self,
                   Line            *line,
                   GCancellable    *cancellable,
                   GError         **error)
{
  Encoding encoding = ENCODING_UNKNOWN;

  if (self->have_peek)
    {
      Line tmp = *line;

      *line = self->peek;
      self->peek = tmp;
      self->have_peek = FALSE;
    }
  else if (!read_physical_line (self, line, cancellable, error))
    {
      return FALSE;
    }

  for (;;)
    {
      if (!peek_line (self, cancellable, error))
        return error == NULL || *error == NULL;

      if (self->peek.text->len == 0 && !self->peek.too_long)
        return TRUE;
      if (soft_line_break (self, line, &encoding))
        append_continuation (line, &self->peek, 0);
      else if (self->peek.text->str[0] == ' ' || self->peek.text->str[0] == '\t')
        append_continuation (line, &self->peek, 1);
      else if (base64_continuation (self, line, &encoding))
        append_continuation (line, &self->peek, 0);
      else
        return TRUE;

      self->have_peek = FALSE;
    }
}

static void
strip_line (GString *text)
{
  gsize start = 0;

  /* A UTF-8 byte order mark at the start of the file, and blanks. */
  if (text->len >= 3 && memcmp (text->str, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  while (start < text->len && g_ascii_isspace (text->str[start]))
    start++;
  g_string_erase (text, 0, start);
  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
}

static gboolean
line_is (const GString *text,
         const char    *keyword)
{
  gsize klen = strlen (keyword);
  const char *p = text->str;
  const char *dot;

  /* A group prefix ("item1.BEGIN:VCARD") is tolerated. */
  dot = memchr (p, '.', MIN (text->len, 32));
  if (dot != NULL && memchr (p, ':', dot - p) == NULL)
    p = dot + 1;
  if (g_ascii_strncasecmp (p, keyword, klen) != 0)
    return FALSE;
  p += klen;
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '\0';
}

typedef struct
{
  guint      line;
  GPtrArray *properties;
  gsize      bytes;
  guint      broken_line;
  char      *broken_reason;
  guint      agent_depth;
  gboolean   agent_pending;
} Card;

static void
card_clear (Card *card)
{
  g_clear_pointer (&card->properties, g_ptr_array_unref);
  g_clear_pointer (&card->broken_reason, g_free);
  memset (card, 0, sizeof *card);
}

static void
card_start (Card *card,
            guint line)
{
  card_clear (card);
  card->line = line;
  card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_vcard_property_free);
}

static void
card_break (Card       *card,
            guint       line,
            const char *reason)
{
  if (card->broken_reason != NULL)
    return;
  card->broken_line = line;
  card->broken_reason = g_strdup (reason);
  g_ptr_array_set_size (card->properties, 0);
}

static void
card_add_line (Card *card,
               Line *line)
{
  CrmVcardProperty *property;

  if (card->broken_reason != NULL)
    return;
  if (line->too_long)
    {
      g_autofree char *reason = g_strdup_printf (_("The line is longer than %u MiB"),
                                                 CRM_VCARD_MAX_LINE / (1024 * 1024));
      card_break (card, line->number, reason);
      return;
    }

  card->bytes += line->text->len;
  if (card->bytes > MAX_CARD_BYTES || card->properties->len >= MAX_PROPERTIES)
    {
      card_break (card, line->number, _("The card is too large"));
      return;
    }

  property = _crm_vcard_property_parse (line->text->str, line->text->len, line->number);
  if (property == NULL)
    {
      card_break (card, line->number, _("The line is not a vCard property"));
      return;
    }

  /* A 2.1 AGENT with an empty value is followed by an embedded card. */
  card->agent_pending = g_str_equal (property->name, "AGENT") && property->length == 0;
  if (card->agent_pending)
    _crm_vcard_property_free (property);
  else
    g_ptr_array_add (card->properties, property);
}

static void
flush_orphans (CrmVcardReader *self,
               guint          *orphan_line)
{
  if (*orphan_line == 0)
    return;
  reject (self, *orphan_line, _("The text is outside a card (no BEGIN:VCARD before it)"));
  *orphan_line = 0;
}

/* Finishes the card at END:VCARD; returns the draft or NULL when rejected. */
static CrmContactDraft *
card_finish (CrmVcardReader *self,
             Card           *card)
{
  CrmContactDraft *draft = NULL;
  g_autofree char *reason = NULL;
  guint reason_line = card->line;

  if (card->broken_reason != NULL)
    reject (self, card->broken_line, card->broken_reason);
  else if ((draft = _crm_vcard_map_card (card->properties, card->line, &reason_line, &reason)) == NULL)
    reject (self, reason_line, reason);

  card_clear (card);
  return draft;
}

static void
line_clear (Line *line)
{
  if (line->text != NULL)
    g_string_free (line->text, TRUE);
  line->text = NULL;
}

/* At the end of the input whatever is left open is reported. */
static void
finish_input (CrmVcardReader  *self,
              Card            *card,
              gboolean         in_card,
              guint           *orphan_line,
              GError         **error)
{
  self->finished = TRUE;
  flush_orphans (self, orphan_line);
  if (in_card)
    reject (self, card->line, _("The card has no END:VCARD line"));
  if (!self->seen_begin)
    g_set_error_literal (error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_NOT_VCARD,
                         _("The file holds no vCard (no BEGIN:VCARD line)"));
}

static void
begin_card (CrmVcardReader *self,
            Card           *card,
            gboolean       *in_card,
            guint          *orphan_line,
            guint           line_number)
{
  self->seen_begin = TRUE;

  /* A card embedded by AGENT (or nested in one) is skipped whole. */
  if (*in_card && (card->agent_pending || card->agent_depth > 0))
    {
      card->agent_pending = FALSE;
      card->agent_depth++;
      return;
    }

  flush_orphans (self, orphan_line);
  if (*in_card)
    reject (self, card->line, _("The card has no END:VCARD line"));
  card_start (card, line_number);
  *in_card = TRUE;
}

static void
propagate_read_error (GError **error,
                      GError  *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    g_propagate_prefixed_error (error, local_error, _("Could not read the vCard data: "));
}

/**
 * crm_vcard_reader_next:
 * @reader: a #CrmVcardReader
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads up to the next good card.  Cards skipped on the way are added to the
 * rejections (see crm_vcard_reader_take_rejections()).
 *
 * Returns: (transfer full) (nullable): the next contact, or %NULL at the end
 *   of the input (@error unset) or on a read error, on cancellation, or when
 *   the input held no card at all (%CRM_VCARD_ERROR_NOT_VCARD).
 */
CrmContactDraft *
crm_vcard_reader_next (CrmVcardReader  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  Line line = { g_string_new (NULL), 0, FALSE };
  Card card = { 0, };
  guint orphan_line = 0;
  gboolean in_card = FALSE;
  CrmContactDraft *draft = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  while (!self->finished && draft == NULL)
    {
      GError *local_error = NULL;
      gboolean usable;

      if (!read_logical_line (self, &line, cancellable, &local_error))
        {
          if (local_error != NULL)
            {
              self->finished = TRUE;
              propagate_read_error (error, local_error);
            }
          else
            finish_input (self, &card, in_card, &orphan_line, error);
          break;
        }

      usable = !line.too_long;
      if (usable)
        strip_line (line.text);
      if (usable && line.text->len == 0)
        continue;

      if (usable && line_is (line.text, "BEGIN:VCARD"))
        begin_card (self, &card, &in_card, &orphan_line, line.number);
      else if (!in_card && orphan_line == 0)
        orphan_line = line.number;
      else if (!in_card)
        continue;
      else if (usable && line_is (line.text, "END:VCARD") && card.agent_depth > 0)
        card.agent_depth--;
      else if (usable && line_is (line.text, "END:VCARD"))
        {
          draft = card_finish (self, &card);
          in_card = FALSE;
        }
      else if (card.agent_depth == 0)
        card_add_line (&card, &line);
    }

  /* A card cut off by an error or cancellation is neither kept nor reported. */
  card_clear (&card);
  line_clear (&line);
  return draft;
}

/* RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret. */
static char *
decode_param_value (const char *text,
                    gsize       len)
{
  GString *out = g_string_sized_new (len);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      text++;
      len -= 2;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '^' && i + 1 < len && strchr ("n'^", text[i + 1]) != NULL)
        {
          i++;
          g_string_append_c (out, text[i] == 'n' ? '\n' : text[i] == '\'' ? '"' : '^');
        }
      else if (text[i] != '"')
        {
          g_string_append_c (out, text[i]);
        }
    }
  return g_string_free (out, FALSE);
}

static void
add_param (GPtrArray  *params,
           const char *name,
           char       *value)
{
  CrmVcardParam *param = g_new0 (CrmVcardParam, 1);

  param->name = g_strdup (name);
  param->value = value;
  g_ptr_array_add (params, param);
}

static void
param_free (CrmVcardParam *param)
{
  g_free (param->name);
  g_free (param->value);
  g_free (param);
}

static void
parse_param (GPtrArray  *params,
             const char *text,
             gsize       len)
{
  const char *eq = memchr (text, '=', len);
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  while (len > 0 && g_ascii_isspace (*text))
    text++, len--;
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len == 0)
    return;

  if (eq == NULL || eq >= text + len)
    {
      /* A 2.1 bare parameter: an encoding or a type. */
      g_autofree char *bare = g_ascii_strdown (text, len);

      if (g_str_equal (bare, "quoted-printable") || g_str_equal (bare, "base64") ||
          g_str_equal (bare, "8bit") || g_str_equal (bare, "7bit"))
        add_param (params, "ENCODING", g_steal_pointer (&bare));
      else
        add_param (params, "TYPE", g_steal_pointer (&bare));
      return;
    }

  name = g_ascii_strup (text, eq - text);
  g_strstrip (name);
  value = decode_param_value (eq + 1, len - (eq + 1 - text));

  if (g_str_equal (name, "TYPE"))
    {
      /* TYPE=work,voice and TYPE="work,voice" are two types. */
      g_auto(GStrv) types = g_strsplit (value, ",", -1);

      for (guint i = 0; types[i] != NULL; i++)
        {
          g_strstrip (types[i]);
          if (types[i][0] != '\0')
            add_param (params, "TYPE", g_ascii_strdown (types[i], -1));
        }
      return;
    }
  add_param (params, name, g_steal_pointer (&value));
}

static gboolean
valid_name (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;
  return TRUE;
}

/* Splits "group.NAME;param;param:value"; NULL when the line is no property. */
CrmVcardProperty *
_crm_vcard_property_parse (const char *line,
                           gsize       length,
                           guint       number)
{
  g_autoptr(GPtrArray) params = NULL;
  CrmVcardProperty *property;
  gssize colon = find_colon (line, length);
  const char *head_end, *name_start, *name_end, *dot, *p;
  gboolean quoted = FALSE;

  if (colon <= 0)
    return NULL;

  head_end = line + colon;
  name_start = line;
  for (p = line; p < head_end && *p != ';'; p++)
    ;
  dot = memchr (line, '.', p - line);
  if (dot != NULL)
    {
      if (!valid_name (line, dot - line))
        return NULL;
      name_start = dot + 1;
    }
  /* "TEL ;WORK:" and "FN :" happen; blanks after the name are harmless. */
  for (name_end = p; name_end > name_start && (name_end[-1] == ' ' || name_end[-1] == '\t'); name_end--)
    ;
  if (!valid_name (name_start, name_end - name_start))
    return NULL;

  params = g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
  while (p < head_end)
    {
      const char *start = ++p;

      for (; p < head_end && (quoted || *p != ';'); p++)
        if (*p == '"')
          quoted = !quoted;
      parse_param (params, start, p - start);
    }

  property = g_new0 (CrmVcardProperty, 1);
  property->line = number;
  property->group = dot != NULL ? g_ascii_strdown (line, dot - line) : NULL;
  property->name = g_ascii_strup (name_start, name_end - name_start);
  property->params = g_steal_pointer (&params);
  /* A copy of the bytes, NUL bytes included, NUL-terminated. */
  property->length = length - colon - 1;
  property->value = g_malloc (property->length + 1);
  memcpy (property->value, head_end + 1, property->length);
  property->value[property->length] = '\0';
  return property;
}

void
_crm_vcard_property_free (CrmVcardProperty *property)
{
  if (property == NULL)
    return;
  g_free (property->group);
  g_free (property->name);
  g_ptr_array_unref (property->params);
  g_free (property->value);
  g_free (property);
}

/* The first value of parameter @name (upper case), or NULL. */
const char *
_crm_vcard_property_get_param (CrmVcardProperty *property,
                               const char       *name)
{
  for (guint i = 0; i < property->params->len; i++)
    {
      CrmVcardParam *param = g_ptr_array_index (property->params, i);

      if (g_str_equal (param->name, name))
        return param->value;
    }
  return NULL;
}

/**
 * crm_vcard_reader_new:
 * @stream: a #GInputStream positioned at the start of the vCard data
 *
 * Returns: (transfer full): a reader; it does not close @stream.
 */
CrmVcardReader *
crm_vcard_reader_new (GInputStream *stream)
{
  CrmVcardReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (CrmVcardReader, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (CHUNK_SIZE);
  self->peek.text = g_string_new (NULL);
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_rejection_free);
  return self;
}

/**
 * crm_vcard_reader_new_for_path:
 * @path: a file name
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when the file
 *   cannot be opened.
 */
CrmVcardReader *
crm_vcard_reader_new_for_path (const char  *path,
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
  return crm_vcard_reader_new (G_INPUT_STREAM (stream));
}

void
crm_vcard_reader_free (CrmVcardReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->buffer);
  line_clear (&self->peek);
  g_ptr_array_unref (self->rejections);
  g_free (self);
}

/**
 * crm_vcard_reader_take_rejections:
 * @reader: a #CrmVcardReader
 *
 * Hands over the cards skipped so far and starts a new list, so that a long
 * import can report them as it goes.
 *
 * Returns: (transfer full) (element-type CrmVcardRejection): the rejections
 *   in file order, possibly empty.
 */
GPtrArray *
crm_vcard_reader_take_rejections (CrmVcardReader *self)
{
  GPtrArray *taken;

  g_return_val_if_fail (self != NULL, NULL);

  taken = g_steal_pointer (&self->rejections);
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_rejection_free);
  return taken;
}

/* Bytes read from the stream so far (for a progress bar over a file size). */
guint64
crm_vcard_reader_get_bytes_read (CrmVcardReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes_read;
}

/**
 * crm_vcard_parse_data:
 * @data: vCard text (need not be NUL-terminated)
 * @length: its length in bytes
 * @rejections: (out) (optional) (transfer full): the skipped cards
 * @error: return location for an error
 *
 * Reads every card of an in-memory file.
 *
 * Returns: (transfer full) (element-type CrmContactDraft) (nullable): the
 *   contacts, or %NULL on error (see crm_vcard_reader_next()).
 */
GPtrArray *
crm_vcard_parse_data (const char  *data,
                      gsize        length,
                      GPtrArray  **rejections,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(CrmVcardReader) reader = crm_vcard_reader_new (stream);
  g_autoptr(GPtrArray) drafts = NULL;
  CrmContactDraft *draft;
  GError *local_error = NULL;

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_draft_free);
  while ((draft = crm_vcard_reader_next (reader, NULL, &local_error)) != NULL)
    g_ptr_array_add (drafts, draft);

  if (rejections != NULL)
    *rejections = crm_vcard_reader_take_rejections (reader);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&drafts);
}
