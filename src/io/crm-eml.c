/* crm-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The .eml reader: GMime parses the message; this file takes the headers
 * (decoded and bounded), walks the MIME tree for the best text body and the
 * attachments, and turns the body into plain UTF-8 (crm-eml-text.c).
 */

#define G_LOG_DOMAIN "CrmEml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "crm-eml-private.h"

/* Multiparts deeper than this are not looked into (GMime itself stops at
 * 1024), nor more parts than this visited. */
#define MAX_DEPTH 32
#define MAX_PARTS 4096
/* The most decoded bytes of one text part read for the body. */
#define MAX_TEXT_PART (8 * 1024 * 1024)

G_DEFINE_QUARK (crm-eml-error-quark, crm_eml_error)

typedef struct
{
  CrmEmlMessage *message;
  GMimeObject   *text_part;    /* the chosen body part (plain or HTML) */
  guint          n_parts;
} Walk;

static GMimeParserOptions *
get_parser_options (void)
{
  static GMimeParserOptions *options;

  if (g_once_init_enter (&options))
    {
      /* Raw 8-bit headers: UTF-8 first, then what Chinese and Western
       * mailers without MIME wrote. */
      static const char *fallback[] = { "UTF-8", "GB18030", "windows-1252", NULL };
      GMimeParserOptions *o;

      g_mime_init ();
      o = g_mime_parser_options_new ();
      g_mime_parser_options_set_fallback_charsets (o, fallback);
      g_mime_parser_options_set_address_compliance_mode (o, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_rfc2047_compliance_mode (o, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_parameter_compliance_mode (o, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_allow_addresses_without_domain (o, FALSE);
      g_once_init_leave (&options, o);
    }
  return options;
}

/* --- strings --- */

/* @text (from GMime: UTF-8 in principle) as valid UTF-8 on one line, with
 * runs of white space as one space, trimmed and cut to @max bytes. */
static char *
clean_line (const char *text,
            gsize       max)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (MIN (strlen (valid), max) + 4);
  for (const char *p = valid; *p != '\0' && out->len <= max + 4; p++)
    {
      if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || *p == 0x7f)
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  /* The loop may stop inside a character: cut where one starts. */
  if (out->len > max)
    {
      const char *cut = g_utf8_find_prev_char (out->str, out->str + max + 1);

      g_string_truncate (out, cut != NULL ? (gsize) (cut - out->str) : 0);
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      char *fixed = g_utf8_make_valid (out->str, out->len);

      g_string_free (out, TRUE);
      return fixed;
    }
  return g_string_free (out, FALSE);
}

/* "<id>" from GMime's bare id; "" when empty or too long to be real. */
static char *
bracket_id (const char *id)
{
  g_autofree char *clean = clean_line (id, CRM_EML_MAX_MESSAGE_ID + 1);

  if (clean[0] == '\0' || strlen (clean) > CRM_EML_MAX_MESSAGE_ID - 2 || strchr (clean, ' ') != NULL)
    return g_strdup ("");
  return g_strdup_printf ("<%s>", clean);
}

/* --- addresses --- */

static void
address_clear (CrmEmlAddress *address)
{
  g_clear_pointer (&address->name, g_free);
  g_clear_pointer (&address->address, g_free);
}

static void
address_free (gpointer data)
{
  address_clear (data);
  g_free (data);
}

static void
attachment_free (gpointer data)
{
  CrmEmlAttachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_free (attachment);
}

static void
set_address (CrmEmlAddress   *address,
             InternetAddress *ia)
{
  const char *name = internet_address_get_name (ia);
  const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia));
  g_autofree char *clean_addr = clean_line (addr, CRM_EML_MAX_ADDRESS + 1);

  address->name = clean_line (name, CRM_EML_MAX_NAME);
  /* An address too long for SMTP is no address. */
  address->address = strlen (clean_addr) > CRM_EML_MAX_ADDRESS || strchr (clean_addr, ' ') != NULL
                     ? g_strdup ("") : g_steal_pointer (&clean_addr);
  /* A name that only repeats the address says nothing. */
  if (g_ascii_strcasecmp (address->name, address->address) == 0)
    {
      g_free (address->name);
      address->name = g_strdup ("");
    }
}

/* Calls @func on each mailbox of @list, groups flattened, at most @max. */
static void
add_mailboxes (GPtrArray           *out,
               InternetAddressList *list,
               guint                max)
{
  int n = list != NULL ? internet_address_list_length (list) : 0;

  for (int i = 0; i < n && out->len < max; i++)
    {
      InternetAddress *ia = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_GROUP (ia))
        add_mailboxes (out, internet_address_group_get_members (INTERNET_ADDRESS_GROUP (ia)), max);
      else if (INTERNET_ADDRESS_IS_MAILBOX (ia))
        {
          CrmEmlAddress *address = g_new0 (CrmEmlAddress, 1);

          set_address (address, ia);
          g_ptr_array_add (out, address);
        }
    }
}

static void
read_from (CrmEmlMessage *message,
           GMimeMessage  *mime)
{
  g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (address_free);

  add_mailboxes (from, g_mime_message_get_from (mime), 1);
  /* No From: the Sender or Reply-To is the best guess at who wrote. */
  if (from->len == 0)
    add_mailboxes (from, g_mime_message_get_sender (mime), 1);
  if (from->len == 0)
    add_mailboxes (from, g_mime_message_get_reply_to (mime), 1);
  if (from->len > 0)
    {
      CrmEmlAddress *first = g_ptr_array_index (from, 0);

      message->from.name = g_steal_pointer (&first->name);
      message->from.address = g_steal_pointer (&first->address);
    }
  else
    {
      message->from.name = g_strdup ("");
      message->from.address = g_strdup ("");
    }
}

/* --- dates and ids --- */

static gint64
date_to_unix (GDateTime *date)
{
  gint64 t;

  if (date == NULL)
    return 0;
  t = g_date_time_to_unix (date);
  /* GMime gives the epoch for a date it could not read. */
  return t > 0 ? t : 0;
}

/* Without a Date header: the time the first server received it (the last
 * Received header, whose date follows its ";"). */
static gint64
received_date (GMimeMessage *mime)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (mime));
  int n = g_mime_header_list_get_count (headers);
  gint64 t = 0;

  for (int i = 0; i < n; i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      const char *value, *semicolon;

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), "Received") != 0)
        continue;
      value = g_mime_header_get_value (header);
      semicolon = value != NULL ? strrchr (value, ';') : NULL;
      if (semicolon != NULL)
        {
          g_autoptr(GDateTime) date = g_mime_utils_header_decode_date (semicolon + 1);
          gint64 when = date_to_unix (date);

          if (when > 0)
            t = when;
        }
    }
  return t;
}

static void
read_references (CrmEmlMessage *message,
                 GMimeMessage  *mime)
{
  GMimeParserOptions *options = get_parser_options ();
  const char *in_reply_to = g_mime_object_get_header (GMIME_OBJECT (mime), "In-Reply-To");
  const char *references = g_mime_object_get_header (GMIME_OBJECT (mime), "References");

  message->references = g_ptr_array_new_with_free_func (g_free);
  message->in_reply_to = NULL;
  if (in_reply_to != NULL)
    {
      GMimeReferences *refs = g_mime_references_parse (options, in_reply_to);

      /* The first id is the parent; some mailers add more. */
      if (refs != NULL && g_mime_references_length (refs) > 0)
        message->in_reply_to = bracket_id (g_mime_references_get_message_id (refs, 0));
      g_clear_pointer (&refs, g_mime_references_free);
    }
  if (message->in_reply_to == NULL)
    message->in_reply_to = g_strdup ("");

  if (references != NULL)
    {
      GMimeReferences *refs = g_mime_references_parse (options, references);
      int n = refs != NULL ? g_mime_references_length (refs) : 0;

      /* The newest ones (at the end) matter for threading. */
      for (int i = MAX (0, n - CRM_EML_MAX_REFERENCES); i < n; i++)
        {
          char *id = bracket_id (g_mime_references_get_message_id (refs, i));

          if (id[0] != '\0')
            g_ptr_array_add (message->references, id);
          else
            g_free (id);
        }
      g_clear_pointer (&refs, g_mime_references_free);
    }
}

/* --- parts --- */

static GByteArray *
decoded_content (GMimePart *part,
                 gsize      max)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *stream;
  GByteArray *bytes;

  if (content == NULL)
    return NULL;
  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  /* The stream would free the array (whatever its references) when it goes:
   * take it over. */
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  g_object_unref (stream);
  if (bytes->len > max)
    g_byte_array_set_size (bytes, max);
  return bytes;
}

static guint64
decoded_size (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *null;
  guint64 size;

  if (content == NULL)
    return 0;
  null = g_mime_stream_null_new ();
  g_mime_data_wrapper_write_to_stream (content, null);
  size = GMIME_STREAM_NULL (null)->written;
  g_object_unref (null);
  return size;
}

static void
add_attachment (Walk        *walk,
                GMimeObject *object)
{
  CrmEmlAttachment *attachment;
  GMimeContentType *type = g_mime_object_get_content_type (object);
  g_autofree char *mime_type = type != NULL ? g_mime_content_type_get_mime_type (type)
                                            : g_strdup ("application/octet-stream");
  const char *filename = NULL;

  if (walk->message->attachments->len >= CRM_EML_MAX_ATTACHMENTS)
    return;
  attachment = g_new0 (CrmEmlAttachment, 1);
  if (GMIME_IS_PART (object))
    {
      filename = g_mime_part_get_filename (GMIME_PART (object));
      attachment->size = decoded_size (GMIME_PART (object));
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      filename = g_mime_object_get_content_disposition_parameter (object, "filename");
      /* A forwarded message without a name: its subject. */
      if (filename == NULL && inner != NULL)
        filename = g_mime_message_get_subject (inner);
      if (inner != NULL)
        {
          GMimeStream *null = g_mime_stream_null_new ();

          g_mime_object_write_to_stream (GMIME_OBJECT (inner), NULL, null);
          attachment->size = GMIME_STREAM_NULL (null)->written;
          g_object_unref (null);
        }
    }
  attachment->filename = clean_line (filename, CRM_EML_MAX_NAME);
  attachment->content_type = clean_line (mime_type, 127);
  {
    char *lower = g_ascii_strdown (attachment->content_type, -1);

    g_free (attachment->content_type);
    attachment->content_type = lower;
  }
  g_ptr_array_add (walk->message->attachments, attachment);
}

static gboolean
is_attachment (GMimeObject *object)
{
  GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (object);

  if (disposition != NULL && g_mime_content_disposition_is_attachment (disposition))
    return TRUE;
  /* Inline parts with a file name are files too (pictures in a message). */
  return GMIME_IS_PART (object) && g_mime_part_get_filename (GMIME_PART (object)) != NULL;
}

static gboolean
is_text (GMimeObject *object,
         const char  *subtype)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);

  return GMIME_IS_PART (object) && type != NULL &&
         g_mime_content_type_is_type (type, "text", subtype) && !is_attachment (object);
}

static void walk_object (Walk *walk, GMimeObject *object, guint depth);

/* multipart/alternative: the plain text when there is one, else the HTML,
 * else the first sub-part that gives a body (multipart/related around the
 * HTML); everything else in it is neither body nor attachment. */
static void
walk_alternative (Walk           *walk,
                  GMimeMultipart *multipart,
                  guint           depth)
{
  int n = g_mime_multipart_get_count (multipart);

  for (int i = 0; i < n && walk->text_part == NULL; i++)
    if (is_text (g_mime_multipart_get_part (multipart, i), "plain"))
      walk->text_part = g_mime_multipart_get_part (multipart, i);
  for (int i = 0; i < n && walk->text_part == NULL; i++)
    if (is_text (g_mime_multipart_get_part (multipart, i), "html"))
      walk->text_part = g_mime_multipart_get_part (multipart, i);
  for (int i = 0; i < n && walk->text_part == NULL; i++)
    {
      GMimeObject *part = g_mime_multipart_get_part (multipart, i);

      if (GMIME_IS_MULTIPART (part))
        walk_object (walk, part, depth + 1);
    }
}

static void
walk_object (Walk        *walk,
             GMimeObject *object,
             guint        depth)
{
  if (object == NULL || depth > MAX_DEPTH || ++walk->n_parts > MAX_PARTS)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);
      int n = g_mime_multipart_get_count (multipart);

      if (type != NULL && g_mime_content_type_is_type (type, "multipart", "alternative") &&
          walk->text_part == NULL)
        {
          walk_alternative (walk, multipart, depth);
          return;
        }
      /* mixed, related, signed, report…: the first text is the body, the
       * rest attachments. */
      for (int i = 0; i < n; i++)
        walk_object (walk, g_mime_multipart_get_part (multipart, i), depth + 1);
      return;
    }
  if (GMIME_IS_MESSAGE_PART (object))
    {
      add_attachment (walk, object);
      return;
    }
  if (!GMIME_IS_PART (object))
    return;
  if (walk->text_part == NULL && (is_text (object, "plain") || is_text (object, "html")))
    {
      walk->text_part = object;
      return;
    }
  if (walk->text_part == NULL && is_text (object, "*") &&
      !is_text (object, "calendar") && !is_text (object, "x-vcard") && !is_text (object, "vcard"))
    {
      /* text/enriched, text/x-whatever: readable as it is. */
      walk->text_part = object;
      return;
    }
  add_attachment (walk, object);
}

static void
read_body (CrmEmlMessage *message,
           GMimeObject   *part)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *text = NULL;
  GString *body;
  const char *charset;
  gboolean html;

  if (part == NULL || (bytes = decoded_content (GMIME_PART (part), MAX_TEXT_PART)) == NULL ||
      bytes->len == 0)
    {
      message->body = g_strdup ("");
      return;
    }
  html = is_text (part, "html");
  charset = g_mime_object_get_content_type_parameter (part, "charset");
  if (html && charset == NULL)
    {
      g_autofree char *meta = _crm_eml_html_charset ((const char *) bytes->data, bytes->len);

      text = crm_eml_to_utf8 ((const char *) bytes->data, bytes->len, meta);
    }
  else
    text = crm_eml_to_utf8 ((const char *) bytes->data, bytes->len, charset);

  if (html)
    {
      char *plain = crm_eml_html_to_text (text, -1);

      g_free (text);
      text = plain;
      message->body_from_html = TRUE;
    }
  else
    {
      const char *format = g_mime_object_get_content_type_parameter (part, "format");
      const char *delsp = g_mime_object_get_content_type_parameter (part, "delsp");

      if (format != NULL && g_ascii_strcasecmp (format, "flowed") == 0)
        {
          char *unflowed = _crm_eml_unflow (text, delsp != NULL && g_ascii_strcasecmp (delsp, "yes") == 0);

          g_free (text);
          text = unflowed;
        }
    }
  body = g_string_new (text);
  _crm_eml_tidy_text (body);
  message->body_truncated = _crm_eml_truncate (body, CRM_EML_MAX_BODY);
  message->body = g_string_free (body, FALSE);
}

/* --- the message --- */

static gboolean
has_headers (GMimeMessage *mime)
{
  static const char *const known[] = {
    "From", "To", "Cc", "Subject", "Date", "Message-ID", "Sender", "Reply-To", "Received",
    "MIME-Version", "Content-Type", "In-Reply-To", "References", "Return-Path",
  };
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (mime));

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_mime_header_list_contains (headers, known[i]))
      return TRUE;
  return FALSE;
}

/* Blank lines, a UTF-8 byte order mark and an mbox "From " line before the
 * headers are no part of the message. */
static gsize
skip_preamble (const char *data,
               gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && (data[i] == '\n' || data[i] == '\r' || data[i] == ' ' || data[i] == '\t'))
    i++;
  if (length - i > 5 && memcmp (data + i, "From ", 5) == 0)
    {
      const char *nl = memchr (data + i, '\n', length - i);

      i = nl != NULL ? (gsize) (nl - data) + 1 : length;
    }
  return i;
}

static CrmEmlMessage *
message_from_mime (GMimeMessage *mime)
{
  CrmEmlMessage *message = g_new0 (CrmEmlMessage, 1);
  Walk walk = { message, NULL, 0 };

  read_from (message, mime);
  message->to = g_ptr_array_new_with_free_func (address_free);
  add_mailboxes (message->to, g_mime_message_get_to (mime), CRM_EML_MAX_RECIPIENTS);
  add_mailboxes (message->to, g_mime_message_get_cc (mime), CRM_EML_MAX_RECIPIENTS);
  message->subject = clean_line (g_mime_message_get_subject (mime), CRM_EML_MAX_SUBJECT);
  message->date = date_to_unix (g_mime_message_get_date (mime));
  if (message->date == 0)
    message->date = received_date (mime);
  message->message_id = bracket_id (g_mime_message_get_message_id (mime));
  read_references (message, mime);

  message->attachments = g_ptr_array_new_with_free_func (attachment_free);
  walk_object (&walk, g_mime_message_get_mime_part (mime), 0);
  read_body (message, walk.text_part);
  return message;
}

CrmEmlMessage *
crm_eml_parse_data (const char  *data,
                    gsize        length,
                    GError     **error)
{
  GMimeParserOptions *options = get_parser_options ();
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *mime;
  CrmEmlMessage *message;
  gsize start;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > CRM_EML_MAX_SIZE)
    {
      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_TOO_LARGE,
                   _("The message is larger than %u MB."), CRM_EML_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  start = skip_preamble (data, length);
  if (start >= length)
    {
      g_set_error_literal (error, CRM_EML_ERROR, CRM_EML_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  stream = g_mime_stream_mem_new_with_buffer (data + start, length - start);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  mime = g_mime_parser_construct_message (parser, options);
  g_object_unref (parser);
  g_object_unref (stream);
  if (mime == NULL || !has_headers (mime))
    {
      g_clear_object (&mime);
      g_set_error_literal (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_MESSAGE,
                           _("The file is not an email message: it has no mail headers."));
      return NULL;
    }

  message = message_from_mime (mime);
  g_object_unref (mime);
  message->digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return message;
}

CrmEmlMessage *
crm_eml_parse_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("This is a folder, not a file."));
      return NULL;
    }
  if (g_file_info_get_size (info) > CRM_EML_MAX_SIZE)
    {
      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_TOO_LARGE,
                   _("The message is larger than %u MB."), CRM_EML_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return crm_eml_parse_data (data != NULL ? data : "", length, error);
}

void
crm_eml_message_free (CrmEmlMessage *message)
{
  if (message == NULL)
    return;
  address_clear (&message->from);
  g_clear_pointer (&message->to, g_ptr_array_unref);
  g_free (message->subject);
  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_clear_pointer (&message->references, g_ptr_array_unref);
  g_free (message->body);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message->digest);
  g_free (message);
}
