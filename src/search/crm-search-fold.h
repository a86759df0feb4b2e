/* crm-search-fold.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal: how text is folded for the search index and for queries, and
 * the SQL functions that the index triggers call.  Both sides fold the same
 * way, so matching is a plain substring or prefix test on folded text.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Lower case, no diacritics, other scripts than Han spelled in Latin letters
 * (José → jose, Иван → ivan); Han characters are kept.  Never fails: invalid
 * UTF-8 is repaired first.  Transfer full. */
char      *_crm_search_fold            (const char *text,
                                        gssize      length);
/* For each run of Han characters: the toneless pinyin syllables, the joined
 * spelling and the initials ("张伟" → "zhang wei zhangwei zw"); "" without Han.
 * Transfer full. */
char      *_crm_search_pinyin          (const char *text);
/* The sort key of a name: folded text, with Han spelled in pinyin first
 * ("张伟" → "zhang wei 张伟"); also the SQL function crm_sort_key().  Transfer full. */
char      *_crm_search_sort_key        (const char *text);
/* The decimal digits of @text, in order ("+86 138-0013-8000" → "8613800138000"). */
char      *_crm_search_digits          (const char *text,
                                        gssize      length);
/* The exact terms of the term table for a folded key: each word, the parts of
 * words joined by punctuation (emails), and every 1- and 2-character gram of
 * Han runs.  Deduplicated; transfer full. */
GPtrArray *_crm_search_index_terms     (const char *key);
gboolean   _crm_search_unichar_is_han  (gunichar    c);

/* Registers crm_search_key(), crm_search_pinyin(), crm_search_digits(),
 * crm_search_terms() and crm_sort_key() on @db.  Every connection that writes records needs them,
 * because the index triggers call them. */
int        _crm_search_register_functions (sqlite3 *db);

G_END_DECLS
