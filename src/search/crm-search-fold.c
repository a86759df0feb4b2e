/* crm-search-fold.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Folding with ICU transliterators.  A transliterator is costly to open and
 * not safe to share between threads, so each thread keeps its own pair (the
 * store's worker, a fuzzer, a test).  Pure ASCII text, the common case, is
 * folded without ICU.
 */

#define G_LOG_DOMAIN "CrmSearchFold"

#include "config.h"

#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "crm-search-fold.h"

/* Han stays Han (the gram table and the trigram index look for it); every
 * other script becomes Latin, then ASCII, then lower case. */
#define FOLD_ID "Fullwidth-Halfwidth; [:^Han:] Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; " \
                "Latin-ASCII; Lower"
/* For an ICU whose data lacks the script transliterators (trimmed builds):
 * diacritics and case only. */
#define FOLD_FALLBACK_ID "NFD; [:Nonspacing Mark:] Remove; NFC; Lower"
#define PINYIN_ID "Han-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII; Lower"

/* Longer text is cut before folding: names, subjects and queries are short,
 * and this bounds the work one value can cause. */
#define MAX_FOLD_BYTES 4096
/* Words longer than this are indexed by their beginning only. */
#define MAX_TERM_CHARS 24

typedef struct
{
  UTransliterator *fold;
  UTransliterator *pinyin;
} Translits;

static void
translits_free (gpointer data)
{
  Translits *t = data;

  if (t->fold != NULL)
    utrans_close (t->fold);
  if (t->pinyin != NULL)
    utrans_close (t->pinyin);
  g_free (t);
}

static GPrivate translits_key = G_PRIVATE_INIT (translits_free);

static UTransliterator *
open_translit (const char *id)
{
  UChar uid[256];
  UErrorCode status = U_ZERO_ERROR;
  UTransliterator *t;

  u_uastrncpy (uid, id, G_N_ELEMENTS (uid) - 1);
  uid[G_N_ELEMENTS (uid) - 1] = 0;
  t = utrans_openU (uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE (status))
    {
      g_warning ("Cannot open the ICU transliterator “%s”: %s", id, u_errorName (status));
      return NULL;
    }
  return t;
}

static Translits *
get_translits (void)
{
  Translits *t = g_private_get (&translits_key);

  if (t == NULL)
    {
      t = g_new0 (Translits, 1);
      t->fold = open_translit (FOLD_ID);
      if (t->fold == NULL)
        t->fold = open_translit (FOLD_FALLBACK_ID);
      t->pinyin = open_translit (PINYIN_ID);
      g_private_set (&translits_key, t);
    }
  return t;
}

/* Runs @trans over valid UTF-8; NULL when ICU fails. */
static char *
transliterate (UTransliterator *trans,
               const char      *text,
               gsize            length)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n_units = 0;
  g_autofree UChar *buf = NULL;
  int32_t capacity;
  int32_t text_length;
  int32_t limit;
  int32_t n_bytes = 0;
  char *out;

  if (trans == NULL)
    return NULL;

  u_strFromUTF8 (NULL, 0, &n_units, text, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return NULL;

  /* Transliteration grows text (a Han character becomes up to 7 letters). */
  for (capacity = n_units * 4 + 16; ; capacity *= 2)
    {
      g_free (buf);
      buf = g_new (UChar, capacity);
      status = U_ZERO_ERROR;
      u_strFromUTF8 (buf, capacity, &text_length, text, length, &status);
      if (U_FAILURE (status))
        return NULL;
      limit = text_length;
      utrans_transUChars (trans, buf, &text_length, capacity, 0, &limit, &status);
      if (status == U_BUFFER_OVERFLOW_ERROR && capacity < (1 << 22))
        continue;
      if (U_FAILURE (status) || text_length > capacity)
        return NULL;
      break;
    }

  status = U_ZERO_ERROR;
  u_strToUTF8 (NULL, 0, &n_bytes, buf, text_length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return NULL;
  out = g_malloc (n_bytes + 1);
  status = U_ZERO_ERROR;
  u_strToUTF8 (out, n_bytes + 1, NULL, buf, text_length, &status);
  if (U_FAILURE (status))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static char *
make_valid (const char *text,
            gssize      length)
{
  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);
  if ((gsize) length > MAX_FOLD_BYTES)
    {
      /* Cut at a character boundary. */
      const char *end = g_utf8_find_prev_char (text, text + MAX_FOLD_BYTES + 1);

      length = end != NULL ? end - text : 0;
    }
  return g_utf8_make_valid (text, length);
}

gboolean
_crm_search_unichar_is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

char *
_crm_search_fold (const char *text,
                  gssize      length)
{
  g_autofree char *valid = make_valid (text, length);
  gboolean simple = TRUE;
  char *folded;

  /* ASCII and Han (most names, in English and in Chinese) fold without ICU:
   * Han stays as it is, ASCII goes to lower case. */
  for (const char *p = valid; *p != '\0' && simple; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80)
      simple = _crm_search_unichar_is_han (g_utf8_get_char (p));
  if (simple)
    return g_ascii_strdown (valid, -1);

  folded = transliterate (get_translits ()->fold, valid, strlen (valid));
  if (folded == NULL)
    return g_utf8_casefold (valid, -1);
  return folded;
}

/* Appends the pinyin forms of one run of Han characters. */
static void
append_pinyin_run (GString    *out,
                   const char *run,
                   gsize       length)
{
  g_autofree char *latin = transliterate (get_translits ()->pinyin, run, length);
  g_auto(GStrv) syllables = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GString) initials = g_string_new (NULL);

  if (latin == NULL)
    return;
  syllables = g_strsplit_set (latin, " \t", -1);
  for (guint i = 0; syllables[i] != NULL; i++)
    {
      if (syllables[i][0] == '\0')
        continue;
      g_string_append (joined, syllables[i]);
      g_string_append_c (initials, syllables[i][0]);
    }
  if (joined->len == 0)
    return;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s %s %s", latin, joined->str, initials->str);
}

char *
_crm_search_pinyin (const char *text)
{
  g_autofree char *valid = make_valid (text, -1);
  GString *out = g_string_new (NULL);
  const char *run = NULL;

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gboolean han = *p != '\0' && _crm_search_unichar_is_han (g_utf8_get_char (p));

      if (han && run == NULL)
        run = p;
      else if (!han && run != NULL)
        {
          append_pinyin_run (out, run, p - run);
          run = NULL;
        }
      if (*p == '\0')
        break;
    }
  return g_string_free (out, FALSE);
}

/* The sort key of a name.  Without Han it is the text composed (NFKC) and
 * case-folded, so "José" typed with a combining accent and "JOSÉ" sort
 * together.  With Han, each run of Han characters is spelled in toneless
 * pinyin syllables first and the folded text follows, so Chinese names sort
 * by pinyin among Latin ones, as Chinese users expect of a contact list
 * ("张伟" → "zhang wei 张伟", between "Zhang, Amy" and "Zhao"). */
char *
_crm_search_sort_key (const char *text)
{
  g_autofree char *valid = make_valid (text, -1);
  g_autofree char *norm = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (norm != NULL ? norm : valid, -1);
  g_autoptr(GString) out = NULL;
  const char *run = NULL;
  gboolean has_han = FALSE;

  for (const char *p = folded; *p != '\0' && !has_han; p = g_utf8_next_char (p))
    has_han = _crm_search_unichar_is_han (g_utf8_get_char (p));
  if (!has_han)
    return g_steal_pointer (&folded);

  out = g_string_new (NULL);
  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gboolean han = *p != '\0' && _crm_search_unichar_is_han (g_utf8_get_char (p));

      if (han && run == NULL)
        run = p;
      else if (!han && run != NULL)
        {
          g_autofree char *latin = transliterate (get_translits ()->pinyin, run, p - run);

          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          g_string_append (out, latin != NULL ? latin : "");
          if (*p != '\0' && *p != ' ')
            g_string_append_c (out, ' ');
          run = NULL;
        }
      if (*p == '\0')
        break;
      if (!han)
        g_string_append_unichar (out, g_utf8_get_char (p));
    }
  g_string_append_c (out, ' ');
  g_string_append (out, folded);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
_crm_search_digits (const char *text,
                    gssize      length)
{
  g_autofree char *valid = make_valid (text, length);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit >= 0)
        g_string_append_c (out, '0' + digit);
    }
  return g_string_free (out, FALSE);
}

static void
add_term (GPtrArray  *terms,
          GHashTable *seen,
          const char *start,
          gsize       length)
{
  const char *end = start;
  char *term;

  if (length == 0)
    return;
  /* At most MAX_TERM_CHARS characters. */
  for (guint n = 0; end < start + length && n < MAX_TERM_CHARS; n++)
    end = g_utf8_next_char (end);
  term = g_strndup (start, end - start);
  if (g_hash_table_contains (seen, term))
    g_free (term);
  else
    {
      g_hash_table_add (seen, term);
      g_ptr_array_add (terms, term);
    }
}

/* The 1- and 2-grams of a run of Han characters. */
static void
add_han_grams (GPtrArray  *terms,
               GHashTable *seen,
               const char *run,
               const char *end)
{
  for (const char *p = run; p < end; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      add_term (terms, seen, p, next - p);
      if (next < end)
        add_term (terms, seen, p, g_utf8_next_char (next) - p);
    }
}

/* A word without Han: the word, and its parts between punctuation. */
static void
add_word (GPtrArray  *terms,
          GHashTable *seen,
          const char *word,
          const char *end)
{
  const char *part = word;
  gboolean split = FALSE;

  add_term (terms, seen, word, end - word);
  for (const char *p = word; p <= end; p++)
    {
      if (p == end || g_ascii_ispunct (*p))
        {
          if (p < end)
            split = TRUE;
          if (split && p > part)
            add_term (terms, seen, part, p - part);
          part = p + 1;
        }
    }
}

static void
add_token (GPtrArray  *terms,
           GHashTable *seen,
           const char *token,
           const char *end)
{
  const char *run = token;
  gboolean run_han = FALSE;

  for (const char *p = token; ; p = g_utf8_next_char (p))
    {
      gboolean han = p < end && _crm_search_unichar_is_han (g_utf8_get_char (p));

      if (p == end || han != run_han)
        {
          if (p > run)
            {
              if (run_han)
                add_han_grams (terms, seen, run, p);
              else
                add_word (terms, seen, run, p);
            }
          run = p;
          run_han = han;
        }
      if (p >= end)
        break;
    }
}

GPtrArray *
_crm_search_index_terms (const char *key)
{
  g_autofree char *valid = make_valid (key, -1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *token = NULL;

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gboolean space = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (!space && token == NULL)
        token = p;
      else if (space && token != NULL)
        {
          add_token (terms, seen, token, p);
          token = NULL;
        }
      if (*p == '\0')
        break;
    }
  return terms;
}

/* --- SQL functions --- */

/* Appends the words of @folded not seen yet, separated by single spaces. */
static void
append_words (GString    *key,
              GHashTable *seen,
              char       *folded)
{
  char *save = NULL;

  for (char *word = strtok_r (folded, " \t\n\r\f\v", &save); word != NULL;
       word = strtok_r (NULL, " \t\n\r\f\v", &save))
    {
      if (!g_hash_table_add (seen, g_strdup (word)))
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, word);
    }
}

/* crm_search_key(text, ...): the folded, deduplicated words of every argument. */
static void
key_func (sqlite3_context  *ctx,
          int               argc,
          sqlite3_value   **argv)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);

  for (int i = 0; i < argc; i++)
    {
      const char *text = (const char *) sqlite3_value_text (argv[i]);
      g_autofree char *folded = NULL;

      if (text == NULL || text[0] == '\0')
        continue;
      folded = _crm_search_fold (text, sqlite3_value_bytes (argv[i]));
      /* Other white space than ' ' separates words too. */
      for (char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        if ((guchar) *p >= 0x80 && g_unichar_isspace (g_utf8_get_char (p)))
          memset (p, ' ', g_utf8_next_char (p) - p);
      append_words (key, seen, folded);
    }
  sqlite3_result_text (ctx, key->str, key->len, SQLITE_TRANSIENT);
}

/* crm_search_pinyin(text, ...) */
static void
pinyin_func (sqlite3_context  *ctx,
             int               argc,
             sqlite3_value   **argv)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; i < argc; i++)
    {
      const char *text = (const char *) sqlite3_value_text (argv[i]);
      g_autofree char *pinyin = NULL;

      if (text == NULL)
        continue;
      pinyin = _crm_search_pinyin (text);
      if (pinyin[0] != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", pinyin);
    }
  sqlite3_result_text (ctx, out->str, out->len, SQLITE_TRANSIENT);
}

/* crm_sort_key(text) */
static void
sort_key_func (sqlite3_context  *ctx,
               int               argc,
               sqlite3_value   **argv)
{
  g_autofree char *key = _crm_search_sort_key ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (ctx, key, -1, SQLITE_TRANSIENT);
}

/* crm_search_digits(text) */
static void
digits_func (sqlite3_context  *ctx,
             int               argc,
             sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *digits = _crm_search_digits (text, text != NULL ? sqlite3_value_bytes (argv[0]) : 0);

  sqlite3_result_text (ctx, digits, -1, SQLITE_TRANSIENT);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* crm_search_terms(key): the index terms as a JSON array, for json_each(). */
static void
terms_func (sqlite3_context  *ctx,
            int               argc,
            sqlite3_value   **argv)
{
  const char *key = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr(GPtrArray) terms = _crm_search_index_terms (key != NULL ? key : "");
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, terms->pdata[i]);
    }
  g_string_append_c (out, ']');
  sqlite3_result_text (ctx, out->str, out->len, SQLITE_TRANSIENT);
}

int
_crm_search_register_functions (sqlite3 *db)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc;

  rc = sqlite3_create_function_v2 (db, "crm_search_key", -1, flags, NULL, key_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "crm_search_pinyin", -1, flags, NULL, pinyin_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "crm_search_digits", 1, flags, NULL, digits_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "crm_search_terms", 1, flags, NULL, terms_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "crm_sort_key", 1, flags, NULL, sort_key_func, NULL, NULL, NULL);
  return rc;
}
