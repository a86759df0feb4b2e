/* crm-search-query.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmSearchQuery"

#include "config.h"

#include <string.h>

#include "crm-search-fold.h"
#include "crm-search-query.h"

/* Longer input is cut: nobody types more into a search field, and it bounds
 * the work of a pasted novel. */
#define MAX_QUERY_BYTES 512

struct _CrmSearchQuery
{
  GArray *terms;   /* CrmSearchTerm */
};

static void
clear_term (gpointer data)
{
  CrmSearchTerm *term = data;

  g_free (term->text);
}

/* Only digits and the punctuation of phone numbers, with at least 3 digits:
 * "+86 138-0013-8000", "(415) 555-0100", "13800138000".  The whole query is
 * then one digits-only term, because the index holds phones as digits. */
static gboolean
looks_like_number (const char *text)
{
  guint n_digits = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        n_digits++;
      else if (!g_unichar_isspace (c) && (c >= 0x80 || strchr ("+-().", (int) c) == NULL))
        return FALSE;
    }
  return n_digits >= 3;
}

static void
classify (CrmSearchTerm *term)
{
  gboolean all_digits = TRUE;
  gboolean all_han = TRUE;
  gboolean any_han = FALSE;

  term->n_chars = g_utf8_strlen (term->text, -1);
  for (const char *p = term->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean han = _crm_search_unichar_is_han (c);

      any_han |= han;
      all_han &= han;
      all_digits &= g_ascii_isdigit (*p);
    }

  if (strchr (term->text, '@') != NULL)
    term->klass = CRM_SEARCH_TERM_EMAIL;
  else if (all_digits)
    term->klass = CRM_SEARCH_TERM_DIGITS;
  else if (any_han)
    term->klass = CRM_SEARCH_TERM_HAN;
  else
    term->klass = CRM_SEARCH_TERM_LATIN;

  if (term->n_chars >= 3)
    term->path = CRM_SEARCH_PATH_TRIGRAM;
  else if (all_han)
    term->path = CRM_SEARCH_PATH_GRAM;
  else
    term->path = CRM_SEARCH_PATH_PREFIX;
}

static void
add_term (CrmSearchQuery *query,
          char           *text)
{
  CrmSearchTerm term = { text, 0, 0, 0 };

  if (text[0] == '\0' || query->terms->len >= CRM_SEARCH_QUERY_MAX_TERMS)
    {
      g_free (text);
      return;
    }
  for (guint i = 0; i < query->terms->len; i++)
    if (g_str_equal (g_array_index (query->terms, CrmSearchTerm, i).text, text))
      {
        g_free (text);
        return;
      }
  classify (&term);
  g_array_append_val (query->terms, term);
}

/* Splits folded text at white space of any kind. */
static void
add_words (CrmSearchQuery *query,
           const char     *folded)
{
  const char *word = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gboolean space = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (!space && word == NULL)
        word = p;
      else if (space && word != NULL)
        {
          add_term (query, g_strndup (word, p - word));
          word = NULL;
        }
      if (*p == '\0')
        break;
    }
}

CrmSearchQuery *
crm_search_query_parse (const char *text,
                        gssize      length)
{
  CrmSearchQuery *query = g_new0 (CrmSearchQuery, 1);
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;

  query->terms = g_array_new (FALSE, TRUE, sizeof (CrmSearchTerm));
  g_array_set_clear_func (query->terms, clear_term);
  if (text == NULL)
    return query;
  if (length < 0)
    length = strlen (text);
  if (length > MAX_QUERY_BYTES)
    {
      const char *end = g_utf8_find_prev_char (text, text + MAX_QUERY_BYTES + 1);

      length = end != NULL ? end - text : 0;
    }
  valid = g_utf8_make_valid (text, length);

  if (looks_like_number (valid))
    {
      add_term (query, _crm_search_digits (valid, -1));
      return query;
    }

  folded = _crm_search_fold (valid, -1);
  add_words (query, folded);
  return query;
}

void
crm_search_query_free (CrmSearchQuery *query)
{
  if (query == NULL)
    return;
  g_array_unref (query->terms);
  g_free (query);
}

guint
crm_search_query_get_n_terms (const CrmSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, 0);

  return query->terms->len;
}

const CrmSearchTerm *
crm_search_query_get_term (const CrmSearchQuery *query,
                           guint                 index)
{
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (index < query->terms->len, NULL);

  return &g_array_index (query->terms, CrmSearchTerm, index);
}

char *
crm_search_query_dup_match (const CrmSearchQuery *query)
{
  GString *match = g_string_new (NULL);

  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < query->terms->len; i++)
    {
      const CrmSearchTerm *term = &g_array_index (query->terms, CrmSearchTerm, i);

      if (term->path != CRM_SEARCH_PATH_TRIGRAM)
        continue;
      if (match->len > 0)
        g_string_append (match, " AND ");
      /* An FTS5 string: everything between double quotes is text, and a
       * double quote inside is written twice. */
      g_string_append_c (match, '"');
      for (const char *p = term->text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }
  return g_string_free (match, FALSE);
}

const CrmSearchTerm *
crm_search_query_get_prefix_term (const CrmSearchQuery *query)
{
  const CrmSearchTerm *best = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < query->terms->len; i++)
    {
      const CrmSearchTerm *term = &g_array_index (query->terms, CrmSearchTerm, i);

      /* The term table holds Han as grams, not words. */
      if (term->path == CRM_SEARCH_PATH_GRAM || term->klass == CRM_SEARCH_TERM_HAN)
        continue;
      if (best == NULL || term->n_chars > best->n_chars)
        best = term;
    }
  return best;
}

const CrmSearchTerm *
crm_search_query_get_gram_term (const CrmSearchQuery *query)
{
  const CrmSearchTerm *best = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < query->terms->len; i++)
    {
      const CrmSearchTerm *term = &g_array_index (query->terms, CrmSearchTerm, i);

      if (term->path == CRM_SEARCH_PATH_GRAM && (best == NULL || term->n_chars > best->n_chars))
        best = term;
    }
  return best;
}
