/* crm-search-query.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal: what the user typed, cut into folded terms.  User input is
 * never SQL nor FTS syntax: quotes, '*', NEAR, '-', AND and parentheses are
 * text like any other.  Every term reaches SQLite as a bound parameter; the one
 * FTS5 expression built here quotes each term as an FTS5 string.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_SEARCH_TERM_LATIN,   /* words in any script but Han, folded to ASCII */
  CRM_SEARCH_TERM_HAN,     /* contains Han characters */
  CRM_SEARCH_TERM_DIGITS,  /* a number: phone numbers in any format, ticket numbers */
  CRM_SEARCH_TERM_EMAIL,   /* contains '@' */
} CrmSearchTermClass;

typedef enum
{
  CRM_SEARCH_PATH_PREFIX,  /* 1–2 characters, not all Han: prefix of an indexed word */
  CRM_SEARCH_PATH_GRAM,    /* 1–2 Han characters: exact gram of the term table */
  CRM_SEARCH_PATH_TRIGRAM, /* 3 characters or more: substring, FTS5 trigram index */
} CrmSearchPath;

typedef struct
{
  char               *text;     /* folded */
  guint               n_chars;
  CrmSearchTermClass  klass;
  CrmSearchPath       path;
} CrmSearchTerm;

typedef struct _CrmSearchQuery CrmSearchQuery;

/* At most this many terms are kept; later ones are dropped. */
#define CRM_SEARCH_QUERY_MAX_TERMS 8

/* Parses any bytes (invalid UTF-8 is repaired); never fails.  A query with no
 * terms matches nothing.  Transfer full. */
CrmSearchQuery      *crm_search_query_parse        (const char           *text,
                                                    gssize                length);
void                 crm_search_query_free         (CrmSearchQuery       *query);
guint                crm_search_query_get_n_terms  (const CrmSearchQuery *query);
const CrmSearchTerm *crm_search_query_get_term     (const CrmSearchQuery *query,
                                                    guint                 index);
/* The FTS5 MATCH expression of the trigram terms, each one a quoted string,
 * joined by AND; NULL when no term takes the trigram path.  Transfer full. */
char                *crm_search_query_dup_match    (const CrmSearchQuery *query);
/* The term to look up as a word prefix first (ranks prefix matches above
 * other substrings), or NULL: the longest term not all Han. */
const CrmSearchTerm *crm_search_query_get_prefix_term (const CrmSearchQuery *query);
/* The term whose gram lookup drives a query without trigram terms, or NULL. */
const CrmSearchTerm *crm_search_query_get_gram_term (const CrmSearchQuery *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSearchQuery, crm_search_query_free)

G_END_DECLS
