/* crm-eml-html.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML mail bodies as plain text: a forgiving scan (no DOM) that keeps the
 * text, turns blocks, line breaks and list items into lines, drops script,
 * style and head, decodes entities and shows where links go.
 */

#define G_LOG_DOMAIN "CrmEml"

#include "config.h"

#include <string.h>

#include "crm-eml-private.h"

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
        _crm_eml_append_replacement (out);
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
