/* crm-vcard-text.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Property values as text: transfer encodings (quoted-printable), 2.1
 * charsets, escapes and the cleaning that makes every string valid UTF-8
 * without stray control characters.  Shared by the mapping and the writer.
 */

#define G_LOG_DOMAIN "CrmVcard"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-vcard-private.h"

static const char * const mapped_names[] = {
  "ADR", "AGENT", "BDAY", "BEGIN", "CATEGORIES", "EMAIL", "END", "FN", "GENDER", "KEY",
  "LANG", "LOGO", "N", "NOTE", "ORG", "PHOTO", "PRODID", "SOUND", "TEL", "TITLE", "URL",
  "VERSION", "X-ABLABEL", "X-GENDER", CRM_VCARD_EXTRA_PROPERTY,
};

/* Whether the reader maps property @name to a field (or drops it), so that
 * the writer must not write an extra field under that name. */
gboolean
_crm_vcard_name_is_mapped (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (mapped_names); i++)
    if (g_str_equal (name, mapped_names[i]))
      return TRUE;
  return FALSE;
}

/* Text as it goes into a draft: valid UTF-8, one kind of newline, no other
 * control characters, no blanks around it. */
char *
_crm_vcard_clean_text (const char *text,
            gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (c >= 0x20 || c == '\n' || c == '\t')
        {
          if (c != 0x7F)
            g_string_append_c (out, c);
        }
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/* Removes \n, \, \; \: and \\ escapes; anything else stays as written. */
static char *
unescape (const char *text,
          gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length)
        {
          char next = text[i + 1];

          if (next == 'n' || next == 'N')
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
          if (next == '\\' || next == ',' || next == ';' || next == ':')
            {
              g_string_append_c (out, next);
              i++;
              continue;
            }
        }
      g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

char *
_crm_vcard_unescape_clean (const char *text,
                gsize       length)
{
  g_autofree char *plain = unescape (text, length);

  return _crm_vcard_clean_text (plain, -1);
}

/* Splits at @separator where it is not escaped; the parts stay escaped. */
GPtrArray *
_crm_vcard_split_escaped (const char *text,
               char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == separator)
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, g_strndup (start, p - start));
  return parts;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c = g_ascii_toupper (c);
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static char *
decode_quoted_printable (const char *text,
                         gsize       length,
                         gsize      *out_length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '=' && i + 2 < length && hex_value (text[i + 1]) >= 0 &&
          hex_value (text[i + 2]) >= 0)
        {
          g_string_append_c (out, (char) (hex_value (text[i + 1]) * 16 + hex_value (text[i + 2])));
          i += 2;
        }
      else if (!(text[i] == '=' && i + 1 == length))
        {
          /* A last "=" is a soft line break with nothing after it. */
          g_string_append_c (out, text[i]);
        }
    }
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static const char *
iconv_name (const char *charset)
{
  static const struct { const char *name; const char *iconv; } aliases[] = {
    { "GB2312", "GB18030" }, { "GBK", "GB18030" }, { "CP936", "GB18030" },
    { "X-GBK", "GB18030" }, { "EUC-CN", "GB18030" }, { "ISO-8859-1", "WINDOWS-1252" },
    { "LATIN1", "WINDOWS-1252" }, { "US-ASCII", "WINDOWS-1252" }, { "ASCII", "WINDOWS-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (charset, aliases[i].name) == 0)
      return aliases[i].iconv;
  return charset;
}

static gboolean
is_utf8_charset (const char *charset)
{
  return charset == NULL || charset[0] == '\0' || g_ascii_strcasecmp (charset, "UTF-8") == 0 ||
         g_ascii_strcasecmp (charset, "UTF8") == 0;
}

static gboolean
safe_charset_name (const char *charset)
{
  for (const char *p = charset; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return FALSE;
  return strlen (charset) < 40;
}

/* The value as UTF-8 text, still escaped: quoted-printable undone and a 2.1
 * CHARSET converted.  Bytes that do not convert become U+FFFD. */
char *
_crm_vcard_decode_value (CrmVcardProperty *property)
{
  const char *encoding = _crm_vcard_property_get_param (property, "ENCODING");
  const char *charset = _crm_vcard_property_get_param (property, "CHARSET");
  g_autofree char *decoded = NULL;
  const char *bytes = property->value;
  gsize length = property->length;

  if (encoding != NULL && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0)
    {
      decoded = decode_quoted_printable (bytes, length, &length);
      bytes = decoded;
    }

  if (!is_utf8_charset (charset) && safe_charset_name (charset))
    {
      char *converted = g_convert (bytes, length, "UTF-8", iconv_name (charset), NULL, NULL, NULL);

      if (converted == NULL)
        converted = g_convert (bytes, length, "UTF-8", charset, NULL, NULL, NULL);
      if (converted != NULL)
        {
          char *valid = g_utf8_make_valid (converted, -1);

          g_free (converted);
          return valid;
        }
    }

  return g_utf8_make_valid (bytes, length);
}

char *
_crm_vcard_decode_text (CrmVcardProperty *property)
{
  g_autofree char *value = _crm_vcard_decode_value (property);

  return _crm_vcard_unescape_clean (value, strlen (value));
}

gboolean
_crm_vcard_is_binary (CrmVcardProperty *property)
{
  const char *encoding = _crm_vcard_property_get_param (property, "ENCODING");

  if (encoding != NULL &&
      (g_ascii_strcasecmp (encoding, "b") == 0 || g_ascii_strcasecmp (encoding, "base64") == 0))
    return TRUE;
  return g_ascii_strncasecmp (property->value, "data:", 5) == 0;
}

/* ISO date from YYYYMMDD, YYYY-MM-DD, --MMDD or --MM-DD, each with an
 * optional time; NULL when it is none of them. */
char *
_crm_vcard_parse_date (const char *text,
                       const char *omit_year)
{
  int year = 0, month = 0, day = 0;
  const char *p = text;

  if (g_str_has_prefix (p, "--"))
    p += 2;
  else
    {
      for (int i = 0; i < 4; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return NULL;
          year = year * 10 + (*p - '0');
        }
      if (*p == '-')
        p++;
    }
  for (int i = 0; i < 2; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return NULL;
      month = month * 10 + (*p - '0');
    }
  if (*p == '-')
    p++;
  for (int i = 0; i < 2; i++, p++)
    {
      if (!g_ascii_isdigit (*p))
        return NULL;
      day = day * 10 + (*p - '0');
    }
  if (*p != '\0' && *p != 'T' && *p != 't' && *p != ' ')
    return NULL;

  /* Apple writes a birthday without a year as 1604 and says so. */
  if (omit_year != NULL && year == atoi (omit_year))
    year = 0;
  if (month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year > 0 ? year : 2000))
    return NULL;
  if (year == 0)
    return g_strdup_printf ("--%02d-%02d", month, day);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}
