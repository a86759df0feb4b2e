/* crm-eml-text.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text side of the .eml reader: charsets to UTF-8 (lossy, never
 * failing), format=flowed, tidying and cutting bodies, the quoted message
 * under a reply, and the "[#1234]" subject token.  HTML is crm-eml-html.c.
 */

#define G_LOG_DOMAIN "CrmEml"

#include "config.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <string.h>

#include "crm-eml-private.h"

/* --- charsets --- */

/* What mailers mean by a charset label, as an iconv name. */
static const char *
iconv_name_for (const char *charset)
{
  static const char *const gb[] = {
    "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "csgb2312",
    "gb_2312-80", "x-euc-cn", "gb18030",
  };
  static const char *const latin1[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "cp819", "ibm819",
    "windows-1252", "cp1252", "x-cp1252",
  };
  static const char *const korean[] = { "ks_c_5601-1987", "ks_c_5601", "euc-kr", "cp949" };

  for (guint i = 0; i < G_N_ELEMENTS (gb); i++)
    if (g_ascii_strcasecmp (charset, gb[i]) == 0)
      return "GB18030";
  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (g_ascii_strcasecmp (charset, latin1[i]) == 0)
      return "WINDOWS-1252";
  for (guint i = 0; i < G_N_ELEMENTS (korean); i++)
    if (g_ascii_strcasecmp (charset, korean[i]) == 0)
      return "CP949";
  if (g_ascii_strcasecmp (charset, "big5") == 0)
    return "BIG5-HKSCS";
  return g_mime_charset_iconv_name (charset);
}

void
_crm_eml_append_replacement (GString *out)
{
  g_string_append (out, "\xef\xbf\xbd");
}

/* Converts with iconv, one U+FFFD for each byte it cannot read; NULL when
 * iconv does not know @from. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *from)
{
  GIConv cd = g_iconv_open ("UTF-8", from);
  GString *out;
  char *in = (char *) data;
  gsize in_left = length;
  char buffer[4096];

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + length / 2 + 1);
  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buffer, o - buffer);
      if (r != (gsize) -1)
        continue;
      if (errno == E2BIG)
        continue;
      /* EILSEQ, EINVAL (cut short) or anything else: skip one byte. */
      _crm_eml_append_replacement (out);
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  {
    char *o = buffer;
    gsize o_left = sizeof buffer;

    /* Stateful encodings (ISO-2022-JP) end in their initial state. */
    if (g_iconv (cd, NULL, NULL, &o, &o_left) != (gsize) -1)
      g_string_append_len (out, buffer, o - buffer);
  }
  g_iconv_close (cd);
  return g_string_free (out, FALSE);
}

char *
crm_eml_to_utf8 (const char *data,
                 gsize       length,
                 const char *charset)
{
  g_autofree char *converted = NULL;
  const char *name = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return g_strdup ("");
  if (charset != NULL && charset[0] != '\0' &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0 && g_ascii_strcasecmp (charset, "ascii") != 0 &&
      g_ascii_strcasecmp (charset, "utf-8") != 0 && g_ascii_strcasecmp (charset, "utf8") != 0)
    name = iconv_name_for (charset);

  if (name != NULL)
    converted = convert_lossy (data, length, name);
  if (converted == NULL)
    {
      /* No charset, ASCII (often mislabelled UTF-8), UTF-8, or one iconv
       * does not know: UTF-8 when it is, else the usual Western one. */
      if (g_utf8_validate_len (data, length, NULL))
        return g_strndup (data, length);
      if (charset != NULL && (g_ascii_strcasecmp (charset, "utf-8") == 0 ||
                              g_ascii_strcasecmp (charset, "utf8") == 0))
        return g_utf8_make_valid (data, length);
      converted = convert_lossy (data, length, "WINDOWS-1252");
      if (converted == NULL)
        return g_utf8_make_valid (data, length);
    }
  /* iconv's output is UTF-8 already; this only guards against a broken
   * converter. */
  if (!g_utf8_validate (converted, -1, NULL))
    {
      char *valid = g_utf8_make_valid (converted, -1);

      g_free (converted);
      return valid;
    }
  return g_steal_pointer (&converted);
}

/* --- tidying --- */

void
_crm_eml_tidy_text (GString *text)
{
  GString *out = g_string_sized_new (text->len);
  guint blank_run = 0;
  const char *p = text->str, *end = text->str + text->len;

  while (p <= end)
    {
      /* One line: up to LF, CR or CRLF, or the end. */
      const char *eol = p;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      gsize line_start = out->len;

      for (const char *c = p; c < eol; c++)
        if ((guchar) *c >= 0x20 || *c == '\t')
          g_string_append_c (out, *c);
      while (out->len > line_start && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
        g_string_truncate (out, out->len - 1);
      if (out->len == line_start)
        blank_run++;
      else
        blank_run = 0;
      if (blank_run <= 1)
        g_string_append_c (out, '\n');
      if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }

  /* Trim blank lines and spaces at both ends. */
  {
    gsize start = 0, stop = out->len;

    while (start < stop && g_ascii_isspace (out->str[start]))
      start++;
    while (stop > start && g_ascii_isspace (out->str[stop - 1]))
      stop--;
    /* Keep the indentation of the first line's own text: only whole blank
     * lines go from the top. */
    while (start > 0 && out->str[start - 1] != '\n')
      start--;
    g_string_truncate (text, 0);
    g_string_append_len (text, out->str + start, stop - start);
  }
  g_string_free (out, TRUE);
}

gboolean
_crm_eml_truncate (GString *text,
                   gsize    max_bytes)
{
  const char *cut;

  if (text->len <= max_bytes)
    return FALSE;
  /* Room for the ellipsis (3 bytes). */
  cut = g_utf8_find_prev_char (text->str, text->str + max_bytes - 2);
  g_string_truncate (text, cut != NULL ? (gsize) (cut - text->str) : 0);
  g_string_append (text, "…");
  return TRUE;
}

/* --- format=flowed --- */

char *
_crm_eml_unflow (const char *text,
                 gboolean    delsp)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_sized_new (strlen (text));
  gboolean open = FALSE;   /* the previous line was flowed: this one continues it */
  guint open_depth = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      guint depth = 0;
      gboolean flowed;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      while (line[depth] == '>')
        depth++;
      line += depth;
      len -= depth;
      if (line[0] == ' ')
        {
          line++;
          len--;
        }
      /* "-- " is the signature separator, never a soft break. */
      flowed = len > 0 && line[len - 1] == ' ' && strcmp (line, "-- ") != 0;
      if (flowed && delsp)
        line[--len] = '\0';

      if (!(open && depth == open_depth))
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          for (guint d = 0; d < depth; d++)
            g_string_append_c (out, '>');
          if (depth > 0)
            g_string_append_c (out, ' ');
        }
      g_string_append_len (out, line, len);
      open = flowed;
      open_depth = depth;
    }
  return g_string_free (out, FALSE);
}

/* --- the quoted message under a reply --- */

static gboolean
is_attribution (const char *line,
                const char *next)
{
  g_autofree char *joined = NULL;
  const char *text = line;

  /* "On Mon, 3 Mar 2026 at 10:00, Li Wei <li@example.com>" + "wrote:" may
   * be wrapped over two lines. */
  if (next != NULL && !g_str_has_suffix (line, ":") && !g_str_has_suffix (line, "："))
    text = joined = g_strconcat (line, " ", next, NULL);
  if (g_str_has_prefix (text, "On ") && g_str_has_suffix (text, "wrote:"))
    return TRUE;
  if (g_str_has_prefix (text, "在") && (g_str_has_suffix (text, "写道：") ||
                                        g_str_has_suffix (text, "写道:")))
    return TRUE;
  if (g_str_has_prefix (text, "Le ") && (g_str_has_suffix (text, "a écrit :") ||
                                         g_str_has_suffix (text, "a écrit:")))
    return TRUE;
  if (g_str_has_prefix (text, "Am ") && g_str_has_suffix (text, ":") && strstr (text, "schrieb") != NULL)
    return TRUE;
  return FALSE;
}

static gboolean
is_original_marker (const char *line,
                    const char *next)
{
  static const char *const markers[] = {
    "-----Original Message-----", "----- Original Message -----", "-----原始邮件-----",
    "------------------ 原始邮件 ------------------", "------------------ Original ------------------",
    "-------- Forwarded Message --------", "-------- 原始邮件 --------",
  };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strcmp (line, markers[i]) == 0)
      return TRUE;
  /* Outlook: a rule of underscores, then the old message's headers. */
  if (g_str_has_prefix (line, "________________") && next != NULL &&
      (g_str_has_prefix (next, "From:") || g_str_has_prefix (next, "发件人:") ||
       g_str_has_prefix (next, "发件人：")))
    return TRUE;
  return FALSE;
}

/* Whether every non-blank line from @i on is quoted ("> …"). */
static gboolean
rest_is_quoted (GStrv  lines,
                guint  i)
{
  gboolean any = FALSE;

  for (; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      while (*l == ' ')
        l++;
      if (*l == '\0')
        continue;
      if (*l != '>')
        return FALSE;
      any = TRUE;
    }
  return any;
}

char *
crm_eml_strip_quoted (const char *body)
{
  g_auto(GStrv) lines = NULL;
  guint n, cut;
  GString *out;

  g_return_val_if_fail (body != NULL, NULL);

  lines = g_strsplit (body, "\n", -1);
  n = g_strv_length (lines);
  cut = n;
  for (guint i = 0; i < n && cut == n; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *next = lines[i + 1] != NULL ? g_strstrip (g_strdup (lines[i + 1])) : NULL;

      if (is_original_marker (line, next))
        cut = i;
      else if (is_attribution (line, NULL) && rest_is_quoted (lines, i + 1))
        cut = i;
      else if (next != NULL && is_attribution (line, next) && rest_is_quoted (lines, i + 2))
        cut = i;
      else if (line[0] == '>' && rest_is_quoted (lines, i))
        cut = i;
    }
  if (cut == n)
    return g_strdup (body);

  out = g_string_new (NULL);
  for (guint i = 0; i < cut; i++)
    {
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  _crm_eml_tidy_text (out);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return g_strdup (body);
    }
  return g_string_free (out, FALSE);
}

/* --- the ticket number in a subject --- */

gint64
crm_eml_subject_ticket_number (const char *subject)
{
  gint64 found = 0;

  if (subject == NULL)
    return 0;
  for (const char *p = subject; *p != '\0'; p++)
    {
      const char *q;
      gint64 number = 0;
      guint digits = 0;
      guint word = 0;

      if (*p == '[')
        q = p + 1;
      else if (g_str_has_prefix (p, "【"))
        q = p + strlen ("【");
      else
        continue;
      /* An optional word before the "#" ("Ticket", "工单"), at most 24 bytes. */
      while (*q != '\0' && *q != '#' && *q != ']' && word < 24 &&
             (g_ascii_isalpha (*q) || *q == ' ' || (guchar) *q >= 0x80))
        {
          if (g_str_has_prefix (q, "】"))
            break;
          q++;
          word++;
        }
      if (*q != '#')
        continue;
      for (q++; g_ascii_isdigit (*q) && digits < 13; q++, digits++)
        number = number * 10 + g_ascii_digit_value (*q);
      if (digits == 0 || digits > 12)
        continue;
      while (*q == ' ')
        q++;
      if (*q == ']' || g_str_has_prefix (q, "】"))
        found = number;
    }
  return found;
}
