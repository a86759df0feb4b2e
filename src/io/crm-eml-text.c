/* crm-eml-text.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text side of the .eml reader: charsets to UTF-8 (lossy, never
 * failing), HTML to plain text, format=flowed, tidying and cutting bodies,
 * the quoted message under a reply, and the "[#1234]" subject token.
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

static void
append_replacement (GString *out)
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
      append_replacement (out);
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

/* --- HTML --- */

typedef struct
{
  const char *name;
  const char *text;
} Entity;

static const Entity entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ensp", " " }, { "emsp", " " }, { "thinsp", " " },
  { "copy", "©" }, { "reg", "®" }, { "trade", "™" }, { "hellip", "…" },
  { "mdash", "—" }, { "ndash", "–" }, { "lsquo", "‘" }, { "rsquo", "’" },
  { "ldquo", "“" }, { "rdquo", "”" }, { "sbquo", "‚" }, { "bdquo", "„" },
  { "laquo", "«" }, { "raquo", "»" }, { "bull", "•" }, { "middot", "·" },
  { "euro", "€" }, { "pound", "£" }, { "yen", "¥" }, { "cent", "¢" },
  { "times", "×" }, { "divide", "÷" }, { "deg", "°" }, { "plusmn", "±" },
  { "para", "¶" }, { "sect", "§" }, { "shy", "" }, { "zwnj", "" }, { "zwj", "" },
  { "eacute", "é" }, { "egrave", "è" }, { "agrave", "à" }, { "aacute", "á" },
  { "ccedil", "ç" }, { "uuml", "ü" }, { "ouml", "ö" }, { "auml", "ä" },
  { "szlig", "ß" }, { "ntilde", "ñ" }, { "oacute", "ó" }, { "iacute", "í" },
  { "uacute", "ú" }, { "rarr", "→" }, { "larr", "←" }, { "check", "✓" },
};

/* Decodes the entity at @p ("&...;"), appending it to @out; returns the
 * bytes read, or 0 when it is no entity (the "&" is then plain text). */
static gsize
decode_entity (const char *p,
               const char *end,
               GString    *out)
{
  const char *q = p + 1;
  char name[16];
  gsize n = 0;

  if (q < end && *q == '#')
    {
      guint64 value = 0;
      gboolean hex = FALSE, any = FALSE;

      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        {
          hex = TRUE;
          q++;
        }
      for (; q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)); q++)
        {
          any = TRUE;
          if (value < 0x110000)
            value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q)
                                                   : g_ascii_digit_value (*q));
        }
      if (!any)
        return 0;
      if (q < end && *q == ';')
        q++;
      if (value == 0 || value >= 0x110000 || (value >= 0xD800 && value <= 0xDFFF))
        append_replacement (out);
      else if (value == 0xA0)
        g_string_append_c (out, ' ');
      else if (value >= 0x80 && value <= 0x9F)
        {
          /* Windows-1252 code points written as numbers (&#150;). */
          char byte = (char) value;
          g_autofree char *text = crm_eml_to_utf8 (&byte, 1, "windows-1252");

          g_string_append (out, text);
        }
      else
        g_string_append_unichar (out, (gunichar) value);
      return q - p;
    }

  for (; q < end && n < sizeof name - 1 && g_ascii_isalnum (*q); q++)
    name[n++] = *q;
  name[n] = '\0';
  if (n == 0)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (entities[i].name, name) == 0 ||
        (n > 1 && g_ascii_strcasecmp (entities[i].name, name) == 0 && i < 5))
      {
        g_string_append (out, entities[i].text);
        if (q < end && *q == ';')
          q++;
        return q - p;
      }
  return 0;
}

typedef struct
{
  GString  *out;
  gboolean  pending_space;
  guint     pending_newlines;
  gboolean  pre;
  char     *href;
  gsize     link_start;
} HtmlState;

static void
emit_break (HtmlState *s,
            guint      newlines)
{
  s->pending_space = FALSE;
  if (s->out->len > 0)
    s->pending_newlines = MAX (s->pending_newlines, newlines);
}

static void
emit_text (HtmlState  *s,
           const char *text,
           gsize       length)
{
  if (length == 0)
    return;
  if (s->pending_newlines > 0)
    {
      for (guint i = 0; i < s->pending_newlines; i++)
        g_string_append_c (s->out, '\n');
      s->pending_newlines = 0;
    }
  else if (s->pending_space && s->out->len > 0 && s->out->str[s->out->len - 1] != '\n')
    g_string_append_c (s->out, ' ');
  s->pending_space = FALSE;
  g_string_append_len (s->out, text, length);
}

/* Text between tags: white space collapses outside <pre>. */
static void
emit_run (HtmlState  *s,
          const char *p,
          const char *end)
{
  g_autoptr(GString) decoded = g_string_new (NULL);

  while (p < end)
    {
      if (*p == '&')
        {
          gsize used = decode_entity (p, end, decoded);

          if (used > 0)
            {
              p += used;
              continue;
            }
        }
      g_string_append_c (decoded, *p++);
    }

  if (s->pre)
    {
      emit_text (s, decoded->str, decoded->len);
      return;
    }
  for (const char *c = decoded->str; *c != '\0';)
    {
      const char *word = c;

      if (g_ascii_isspace (*c))
        {
          while (g_ascii_isspace (*c))
            c++;
          s->pending_space = TRUE;
          continue;
        }
      while (*c != '\0' && !g_ascii_isspace (*c))
        c++;
      emit_text (s, word, c - word);
    }
}

static gboolean
tag_is (const char *name,
        const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The value of attribute @attr in the tag text @tag (between "<" and ">"). */
static char *
tag_attribute (const char *tag,
               gsize       length,
               const char *attr)
{
  gsize attr_len = strlen (attr);

  for (gsize i = 1; i + attr_len < length; i++)
    {
      const char *v;
      char quote = 0;
      const char *stop;

      if (!g_ascii_isspace (tag[i - 1]) || g_ascii_strncasecmp (tag + i, attr, attr_len) != 0)
        continue;
      v = tag + i + attr_len;
      while (v < tag + length && g_ascii_isspace (*v))
        v++;
      if (v >= tag + length || *v != '=')
        continue;
      v++;
      while (v < tag + length && g_ascii_isspace (*v))
        v++;
      if (v < tag + length && (*v == '"' || *v == '\''))
        quote = *v++;
      for (stop = v; stop < tag + length && (quote ? *stop != quote
                                                   : !g_ascii_isspace (*stop) && *stop != '>');
           stop++)
        ;
      return g_strndup (v, stop - v);
    }
  return NULL;
}

static void
handle_tag (HtmlState  *s,
            const char *name,
            gboolean    closing,
            const char *tag,
            gsize       tag_len)
{
  static const char *const paragraphs[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol", "dl", "hr", NULL
  };
  static const char *const blocks[] = {
    "div", "tr", "section", "article", "header", "footer", "address", "dd", "dt", "center",
    "form", "fieldset", "figure", "main", "nav", "aside", "caption", NULL
  };

  if (g_ascii_strcasecmp (name, "br") == 0)
    {
      s->pending_space = FALSE;
      /* Each <br> is a line break; two make a blank line, no more. */
      if (s->out->len > 0)
        s->pending_newlines = MIN (s->pending_newlines + 1, 2);
    }
  else if (g_ascii_strcasecmp (name, "li") == 0 && !closing)
    {
      emit_break (s, 1);
      emit_text (s, "• ", strlen ("• "));
    }
  else if (g_ascii_strcasecmp (name, "pre") == 0)
    {
      emit_break (s, 2);
      s->pre = !closing;
    }
  else if (tag_is (name, paragraphs))
    emit_break (s, 2);
  else if (tag_is (name, blocks))
    emit_break (s, 1);
  else if ((g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0) &&
           !closing)
    s->pending_space = TRUE;
  else if (g_ascii_strcasecmp (name, "a") == 0)
    {
      if (!closing)
        {
          g_free (s->href);
          s->href = tag_attribute (tag, tag_len, "href");
          s->link_start = s->out->len;
        }
      else if (s->href != NULL)
        {
          const char *text = s->out->str + MIN (s->link_start, s->out->len);

          /* A web link whose text does not show it: "text <url>". */
          if ((g_str_has_prefix (s->href, "http://") || g_str_has_prefix (s->href, "https://")) &&
              strlen (s->href) < 2048 && strstr (text, s->href) == NULL &&
              s->out->len > s->link_start)
            {
              g_autofree char *link = g_strdup_printf (" <%s>", s->href);

              s->pending_space = FALSE;
              emit_text (s, link, strlen (link));
            }
          g_clear_pointer (&s->href, g_free);
        }
    }
}

/* Finds the end of a comment or a tag from @p ("<"); returns the byte after
 * it, or @end. */
static const char *
skip_markup (const char *p,
             const char *end)
{
  const char *start = p;
  char quote = 0;

  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    {
      const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

      return close != NULL ? close + 3 : end;
    }
  for (p++; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        {
          const char *before = p - 1;

          /* Quotes only count around attribute values (after "="). */
          while (before > start && g_ascii_isspace (*before))
            before--;
          if (*before == '=')
            quote = *p;
        }
      else if (*p == '>')
        return p + 1;
    }
  return end;
}

/* Skips the content of <script>, <style>, <head>…: up to "</name". */
static const char *
skip_element (const char *p,
              const char *end,
              const char *name)
{
  gsize n = strlen (name);

  for (; p + n + 2 <= end; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, n) == 0)
      return p;
  return end;
}

char *
crm_eml_html_to_text (const char *html,
                      gssize      length)
{
  static const char *const hidden[] = { "script", "style", "head", "title", "template", NULL };
  HtmlState s = { NULL, };
  const char *p, *end;

  g_return_val_if_fail (html != NULL, NULL);

  if (length < 0)
    length = strlen (html);
  s.out = g_string_sized_new (length / 2 + 1);
  p = html;
  end = html + length;
  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      const char *tag_end;
      char name[16];
      gsize n = 0;
      gboolean closing = FALSE;
      const char *q;

      if (lt == NULL)
        lt = end;
      emit_run (&s, p, lt);
      if (lt >= end)
        break;

      q = lt + 1;
      if (q < end && *q == '/')
        {
          closing = TRUE;
          q++;
        }
      if (q >= end || !(g_ascii_isalpha (*q) || *q == '!' || *q == '?'))
        {
          /* A "<" that starts no tag ("a < b") is text. */
          emit_run (&s, lt, lt + 1);
          p = lt + 1;
          continue;
        }
      while (q < end && n < sizeof name - 1 && g_ascii_isalnum (*q))
        name[n++] = *q++;
      name[n] = '\0';
      tag_end = skip_markup (lt, end);
      if (!closing && n > 0 && tag_is (name, hidden) &&
          !(tag_end - lt >= 2 && tag_end[-2] == '/'))
        {
          p = skip_element (tag_end, end, name);
          continue;
        }
      if (n > 0)
        handle_tag (&s, name, closing, lt, tag_end - lt);
      p = tag_end;
    }
  g_free (s.href);
  _crm_eml_tidy_text (s.out);
  return g_string_free (s.out, FALSE);
}

char *
_crm_eml_html_charset (const char *html,
                       gsize       length)
{
  gsize n = MIN (length, 4096);
  g_autofree char *head = NULL;
  const char *p, *start;

  if (html == NULL || n == 0)
    return NULL;
  head = g_ascii_strdown (html, n);
  p = strstr (head, "charset");

  while (p != NULL)
    {
      p += strlen ("charset");
      while (*p == ' ')
        p++;
      if (*p == '=')
        {
          p++;
          while (*p == ' ' || *p == '"' || *p == '\'')
            p++;
          start = p;
          while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':')
            p++;
          if (p > start && p - start < 40)
            return g_strndup (start, p - start);
        }
      p = strstr (p, "charset");
    }
  return NULL;
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
