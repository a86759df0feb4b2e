/* crm-csv-tags.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCsvTags"

#include "config.h"

#include "crm-csv-tags.h"

#include <string.h>

#define SEPARATOR ';'

/* The length of the separator at @p, or 0; with @google only ":::" is one. */
static gsize
separator_at (const char *p,
              gboolean    google)
{
  if (strncmp (p, ":::", 3) == 0)
    return 3;
  if (!google && (*p == ';' || *p == ','))
    return 1;
  return 0;
}

/* The text of a piece in quotes at @p, and *@end at the separator or the
 * end after it; NULL when @p does not start a piece that is all in quotes
 * ("Best" customers), which is then read as it is. */
static char *
read_quoted (const char  *p,
             gboolean     google,
             const char **end)
{
  g_autoptr(GString) text = NULL;

  if (*p != '"')
    return NULL;
  text = g_string_new (NULL);
  for (p++; *p != '\0'; p++)
    {
      if (*p != '"')
        g_string_append_c (text, *p);
      else if (p[1] == '"')
        g_string_append_c (text, *p++);
      else
        {
          for (p++; g_ascii_isspace (*p); p++)
            ;
          if (*p != '\0' && separator_at (p, google) == 0)
            return NULL;
          *end = p;
          return g_string_free (g_steal_pointer (&text), FALSE);
        }
    }
  return NULL;
}

/* The piece at *@p, out of its quotes if it is in quotes; *@p moves to the
 * separator after it or to the end. */
static char *
next_piece (const char **p,
            gboolean     google,
            gboolean    *quoted)
{
  const char *q = *p;
  char *text;

  while (g_ascii_isspace (*q))
    q++;
  text = read_quoted (q, google, p);
  *quoted = text != NULL;
  if (text != NULL)
    return text;
  for (q = *p; *q != '\0' && separator_at (q, google) == 0; q++)
    ;
  text = g_strndup (*p, q - *p);
  *p = q;
  return text;
}

static void
add_tag (GPtrArray *tags,
         char      *piece,
         gboolean   quoted)
{
  if (!quoted)
    {
      g_strstrip (piece);
      /* Google's system groups: "* myContacts", "* starred" */
      if (piece[0] == '*' && piece[1] == ' ')
        {
          if (g_ascii_strcasecmp (g_strstrip (piece + 2), "myContacts") == 0)
            return;
          memmove (piece, piece + 2, strlen (piece + 2) + 1);
        }
    }
  if (piece[0] == '\0')
    return;
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (tags->pdata[i], piece))
      return;
  g_ptr_array_add (tags, g_strdup (piece));
}

void
crm_csv_tags_split (const char *cell,
                    GPtrArray  *tags)
{
  gboolean google = FALSE;
  const char *p;

  g_return_if_fail (cell != NULL);
  g_return_if_fail (tags != NULL);

  /* Google's ":::" between pieces makes it the only separator. */
  for (p = cell; *p != '\0' && !google;)
    {
      gboolean quoted;
      g_autofree char *piece = next_piece (&p, FALSE, &quoted);
      gsize len = separator_at (p, FALSE);

      google = len == 3;
      p += len;
    }

  for (p = cell;;)
    {
      gboolean quoted;
      g_autofree char *piece = next_piece (&p, google, &quoted);

      add_tag (tags, piece, quoted);
      if (*p == '\0')
        return;
      p += separator_at (p, google);
    }
}

/* Whether @tag would not read back as it is without quotes. */
static gboolean
needs_quotes (const char *tag)
{
  gsize len = strlen (tag);

  return strpbrk (tag, ";,\"") != NULL || strstr (tag, ":::") != NULL
         || g_ascii_isspace (tag[0]) || g_ascii_isspace (tag[len - 1])
         || (tag[0] == '*' && tag[1] == ' ');
}

char *
crm_csv_tags_join (GPtrArray *tags)
{
  GString *cell;

  g_return_val_if_fail (tags != NULL, NULL);

  cell = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = tags->pdata[i];

      if (tag == NULL || tag[0] == '\0')
        continue;
      if (cell->len > 0)
        g_string_append_c (cell, SEPARATOR);
      if (!needs_quotes (tag))
        {
          g_string_append (cell, tag);
          continue;
        }
      g_string_append_c (cell, '"');
      for (const char *p = tag; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (cell, '"');
          g_string_append_c (cell, *p);
        }
      g_string_append_c (cell, '"');
    }
  return g_string_free (cell, FALSE);
}
