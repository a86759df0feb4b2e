/* fuzz-search-query.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the search-query parser: any bytes parse, every term
 * is valid UTF-8 of 1 or more characters, and the FTS5 expression quotes
 * every term.
 */

#include "config.h"

#include <string.h>

#include "crm-search-fold.h"
#include "crm-search-query.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The expression must be "…" AND "…" … with every inner quote doubled. */
static void
check_match (const char *match)
{
  const char *p = match;

  while (*p != '\0')
    {
      g_assert (*p == '"');
      for (p++; ; p++)
        {
          g_assert (*p != '\0');
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            break;
        }
      p++;
      if (*p != '\0')
        {
          g_assert (strncmp (p, " AND ", 5) == 0);
          p += 5;
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(CrmSearchQuery) query = crm_search_query_parse ((const char *) data, size);
  g_autofree char *match = crm_search_query_dup_match (query);
  g_autoptr(GPtrArray) terms = NULL;
  g_autofree char *key = NULL;

  g_assert (crm_search_query_get_n_terms (query) <= CRM_SEARCH_QUERY_MAX_TERMS);
  for (guint i = 0; i < crm_search_query_get_n_terms (query); i++)
    {
      const CrmSearchTerm *term = crm_search_query_get_term (query, i);

      g_assert (g_utf8_validate (term->text, -1, NULL));
      g_assert (term->n_chars > 0);
      g_assert (term->path != CRM_SEARCH_PATH_TRIGRAM || term->n_chars >= 3);
    }
  if (match != NULL)
    check_match (match);

  /* The index side of folding sees the same bytes. */
  key = g_strndup ((const char *) data, size);
  terms = _crm_search_index_terms (key);
  for (guint i = 0; i < terms->len; i++)
    g_assert (g_utf8_validate (terms->pdata[i], -1, NULL));
  g_free (_crm_search_pinyin (key));
  return 0;
}
