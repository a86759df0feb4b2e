/* crm-kb.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The knowledge base's keys, drafts and reads (search, tags, statistics).
 * The writes are in crm-kb-write.c.
 */

#define G_LOG_DOMAIN "CrmKb"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-email.h"
#include "crm-kb-private.h"
#include "crm-record-private.h"

/* Words of a query past this are ignored (each adds three substring scans). */
#define MAX_WORDS 8
/* Characters of a snippet, and of context before the first hit in it. */
#define SNIPPET_CHARS 160
#define SNIPPET_LEAD 40
#define RECENT_DAYS 30

G_DEFINE_QUARK (crm-kb-error-quark, crm_kb_error)

static const char * const language_keys[] = { "en", "zh-CN", NULL };
static const char * const channel_keys[] = {
  "self-service", "chat", "email", "web-form", "social", "phone", "in-person", NULL
};

const char * const *
crm_kb_language_keys (void)
{
  return language_keys;
}

gboolean
crm_kb_language_is_valid (const char *language)
{
  return language != NULL && g_strv_contains (language_keys, language);
}

const char * const *
crm_kb_channel_keys (void)
{
  return channel_keys;
}

gboolean
crm_kb_channel_is_valid (const char *channel)
{
  return channel != NULL && g_strv_contains (channel_keys, channel);
}

/* --- Tags --- */

static const char * const wide_separators[] = { "，", "、", "；" };

GStrv
crm_kb_split_tags (const char *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = g_strdup (tags != NULL ? tags : "");
  char *p = text;

  /* Full-width comma, ideographic comma and semicolon separate too: each is
   * three bytes, turned into a comma and two spaces. */
  for (guint i = 0; i < G_N_ELEMENTS (wide_separators); i++)
    for (char *at = strstr (text, wide_separators[i]); at != NULL; at = strstr (at, wide_separators[i]))
      memcpy (at, ",  ", 3);
  g_strdelimit (text, ";", ',');

  for (char *tok = strtok_r (text, ",", &p); tok != NULL; tok = strtok_r (NULL, ",", &p))
    {
      g_autofree char *folded = NULL;
      gboolean repeated = FALSE;

      g_strstrip (tok);
      if (tok[0] == '\0')
        continue;
      folded = g_ascii_strdown (tok, -1);
      for (guint i = 0; i < seen->len && !repeated; i++)
        repeated = g_str_equal (seen->pdata[i], folded);
      if (repeated)
        continue;
      g_ptr_array_add (seen, g_steal_pointer (&folded));
      g_strv_builder_add (builder, tok);
    }
  return g_strv_builder_end (builder);
}

char *
crm_kb_normalize_tags (const char *text)
{
  g_auto(GStrv) tags = crm_kb_split_tags (text);

  return g_strjoinv (",", tags);
}

/* --- References --- */

char *
crm_kb_format_reference (gint64 id)
{
  return g_strdup_printf ("KB-%" G_GINT64_FORMAT, id);
}

gboolean
crm_kb_parse_reference (const char *text,
                        gint64     *id)
{
  g_autofree char *copy = NULL;
  const char *p;
  guint64 value = 0;

  g_return_val_if_fail (id != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  p = copy;
  if (g_ascii_strncasecmp (p, "kb", 2) == 0)
    {
      p += 2;
      while (*p == ' ' || *p == '-' || *p == '#' || *p == ':')
        p++;
    }
  else if (*p == '#')
    p++;

  if (*p == '\0' || !g_ascii_string_to_unsigned (p, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* --- Drafts --- */

CrmKbDraft *
crm_kb_draft_new (void)
{
  CrmKbDraft *draft = g_new0 (CrmKbDraft, 1);

  draft->title = g_strdup ("");
  draft->body = g_strdup ("");
  draft->tags = g_strdup ("");
  draft->language = g_strdup ("en");
  draft->published = TRUE;
  return draft;
}

CrmKbDraft *
crm_kb_draft_copy (const CrmKbDraft *draft)
{
  CrmKbDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = g_new0 (CrmKbDraft, 1);
  copy->title = g_strdup (draft->title != NULL ? draft->title : "");
  copy->body = g_strdup (draft->body != NULL ? draft->body : "");
  copy->tags = g_strdup (draft->tags != NULL ? draft->tags : "");
  copy->language = g_strdup (draft->language != NULL ? draft->language : "en");
  copy->published = draft->published;
  return copy;
}

void
crm_kb_draft_free (CrmKbDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->tags);
  g_free (draft->language);
  g_free (draft);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
crm_kb_draft_validate (const CrmKbDraft  *draft,
                       GError           **error)
{
  g_return_val_if_fail (draft != NULL, FALSE);

  if (is_blank (draft->title))
    {
      g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_TITLE,
                           _("The article needs a title."));
      return FALSE;
    }
  if (!g_utf8_validate (draft->title, -1, NULL) ||
      g_utf8_strlen (draft->title, -1) > CRM_KB_MAX_TITLE)
    {
      /* Translators: %d is a number of characters */
      g_set_error (error, CRM_KB_ERROR, CRM_KB_ERROR_TITLE_TOO_LONG,
                   _("The title is too long: at most %d characters."), CRM_KB_MAX_TITLE);
      return FALSE;
    }
  if (draft->published && is_blank (draft->body))
    {
      g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_BODY,
                           _("A published article needs some text. Write it, or unpublish the article."));
      return FALSE;
    }
  if (!crm_kb_language_is_valid (draft->language))
    {
      g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_LANGUAGE,
                           _("Articles are in English or Chinese."));
      return FALSE;
    }
  return TRUE;
}

/* --- Undo --- */

CrmKbUndo *
_crm_kb_undo_new (CrmKbChangeKind kind,
                  gint64          article_id)
{
  CrmKbUndo *undo = g_new0 (CrmKbUndo, 1);

  g_atomic_ref_count_init (&undo->ref_count);
  undo->kind = kind;
  undo->article_id = article_id;
  return undo;
}

CrmKbUndo *
crm_kb_undo_ref (CrmKbUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);

  g_atomic_ref_count_inc (&undo->ref_count);
  return undo;
}

void
crm_kb_undo_unref (CrmKbUndo *undo)
{
  if (undo == NULL || !g_atomic_ref_count_dec (&undo->ref_count))
    return;
  crm_kb_draft_free (undo->before);
  g_free (undo);
}

CrmKbChangeKind
crm_kb_undo_get_kind (CrmKbUndo *undo)
{
  g_return_val_if_fail (undo != NULL, CRM_KB_CHANGE_CREATE);

  return undo->kind;
}

gint64
crm_kb_undo_get_article_id (CrmKbUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);

  return undo->article_id;
}

gboolean
crm_kb_undo_get_undone (CrmKbUndo *undo)
{
  g_return_val_if_fail (undo != NULL, FALSE);

  return undo->undone;
}

/* --- Worker helpers --- */

static gboolean
step_int (CrmStoreWorker  *worker,
          sqlite3_stmt    *stmt,
          gint64          *out,
          gboolean        *found,
          GError         **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_crm_kb_worker_article_exists (CrmStoreWorker  *worker,
                               gint64           article_id,
                               gboolean        *exists,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 one = 0;

  stmt = _crm_store_worker_prepare (worker, "SELECT 1 FROM kb_article WHERE id = ? AND deleted = 0",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  return step_int (worker, stmt, &one, exists, error);
}

static gint64
person_by_email (CrmStoreWorker  *worker,
                 const char      *email,
                 GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean found = FALSE;

  stmt = _crm_store_worker_prepare (worker, "SELECT id FROM person WHERE email = ? AND deleted = 0 "
                                            "ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (!step_int (worker, stmt, &id, &found, error))
    return -1;
  return found ? id : 0;
}

gint64
_crm_kb_worker_find_person (CrmStoreWorker  *worker,
                            const char      *email,
                            GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email != NULL ? email : ""));
  g_autofree char *normal = NULL;
  g_autofree char *lower = NULL;
  gint64 id;

  if (trimmed[0] == '\0')
    return 0;
  /* The email index is on the stored text: try the spellings it may have. */
  if ((id = person_by_email (worker, trimmed, error)) != 0)
    return id;
  normal = crm_email_normalize (trimmed, NULL);
  if (normal != NULL && !g_str_equal (normal, trimmed) &&
      (id = person_by_email (worker, normal, error)) != 0)
    return id;
  lower = g_utf8_strdown (trimmed, -1);
  if (!g_str_equal (lower, trimmed) && g_strcmp0 (lower, normal) != 0)
    return person_by_email (worker, lower, error);
  return 0;
}

const char *
_crm_kb_worker_customer_kind (CrmStoreWorker  *worker,
                              gint64           person_id,
                              GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 one = 0;
  gboolean found = FALSE;

  if (person_id <= 0)
    return "b2c";
  stmt = _crm_store_worker_prepare (worker, "SELECT 1 FROM affiliation WHERE person_id = ? "
                                            "AND deleted = 0 AND ended = '' LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!step_int (worker, stmt, &one, &found, error))
    return NULL;
  return found ? "b2b" : "b2c";
}

/* --- Search --- */

typedef struct
{
  char             *text;
  char             *language;
  char             *tag;
  CrmKbSearchFlags  flags;
  guint             limit;
} SearchData;

typedef struct
{
  GPtrArray *rows;      /* CrmRow */
  GArray    *resolved;  /* gint64, parallel */
  GPtrArray *snippets;  /* char*, parallel */
} SearchResult;

static void
search_data_free (gpointer data)
{
  SearchData *d = data;

  g_free (d->text);
  g_free (d->language);
  g_free (d->tag);
  g_free (d);
}

static void
search_result_free (gpointer data)
{
  SearchResult *r = data;

  g_ptr_array_unref (r->rows);
  g_array_unref (r->resolved);
  g_ptr_array_unref (r->snippets);
  g_free (r);
}

/* The query's words, ASCII lower case (as SQLite's lower() folds). */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) plain = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return words;
  /* The ideographic space separates words too (the split is by bytes). */
  plain = g_string_new (text);
  g_string_replace (plain, "\u3000", " ", 0);
  parts = g_strsplit_set (plain->str, " \t\r\n", -1);
  for (guint i = 0; parts[i] != NULL && words->len < MAX_WORDS; i++)
    {
      g_autofree char *word = g_ascii_strdown (parts[i], -1);

      if (word[0] != '\0')
        g_ptr_array_add (words, g_steal_pointer (&word));
    }
  return words;
}

/* About SNIPPET_CHARS characters of @body starting a little before the first
 * of @words, on one line.  transfer full. */
static char *
make_snippet (const char *body,
              GPtrArray  *words)
{
  g_autofree char *lower = g_ascii_strdown (body, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start = body;
  const char *best = NULL;
  const char *p;
  guint n = 0;

  for (guint i = 0; i < words->len; i++)
    {
      const char *hit = strstr (lower, words->pdata[i]);

      if (hit != NULL && (best == NULL || hit < best))
        best = hit;
    }
  if (best != NULL)
    {
      /* Same offsets: ASCII lower-casing keeps every byte where it was. */
      const char *at = body + (best - lower);

      start = at;
      for (guint back = 0; back < SNIPPET_LEAD && start > body; back++)
        start = g_utf8_prev_char (start);
      if (start != body)
        {
          /* Begin at a word when there is one near. */
          for (p = start; p < at && *p != ' ' && *p != '\n'; p = g_utf8_next_char (p))
            ;
          if (p < at)
            start = p + 1;
          g_string_append (out, "…");
        }
    }

  for (p = start; *p != '\0' && n < SNIPPET_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
build_search_sql (const CrmTable *table,
                  SearchData     *d,
                  guint           n_words,
                  gboolean        by_id)
{
  GString *sql = g_string_new (NULL);

  /* The count is a range of the index self_service_resolution_article. */
  g_string_append_printf (sql, "SELECT %s, (SELECT count (*) FROM self_service_resolution r "
                               "WHERE r.article_id = a.id AND r.deleted = 0), (0",
                          _crm_table_get_select_list (table));
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (sql,
                            " + 8 * (instr (lower (a.title), ?%u) > 0)"
                            " + 4 * (instr (lower (a.tags), ?%u) > 0)"
                            " + (instr (lower (a.body), ?%u) > 0)", i + 10, i + 10, i + 10);
  g_string_append (sql, ") AS score FROM kb_article a WHERE a.deleted = 0");
  if (d->language != NULL)
    g_string_append (sql, " AND a.language = ?1");
  if (d->tag != NULL)
    g_string_append (sql, " AND instr (',' || a.tags || ',', ',' || ?2 || ',') > 0");
  if (d->flags & CRM_KB_SEARCH_PUBLISHED_ONLY)
    g_string_append (sql, " AND a.published = 1");
  if (by_id)
    g_string_append (sql, " AND a.id = ?3");
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (sql,
                            " AND (instr (lower (a.title), ?%u) > 0 OR instr (lower (a.tags), ?%u) > 0"
                            " OR instr (lower (a.body), ?%u) > 0)", i + 10, i + 10, i + 10);
  g_string_append (sql, " ORDER BY score DESC, a.views DESC, a.title, a.id");
  if (d->limit > 0)
    g_string_append (sql, " LIMIT ?4");
  return g_string_free (sql, FALSE);
}

/* "KB-123" and "#123" name an article; a bare number is searched as text. */
static gboolean
names_article (const char *text,
               gint64     *id)
{
  const char *p = text;

  if (p == NULL)
    return FALSE;
  while (*p == ' ')
    p++;
  return !g_ascii_isdigit (*p) && crm_kb_parse_reference (text, id);
}

static void
search_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  SearchData *d = data;
  const CrmTable *table = _crm_table_for_type (CRM_TYPE_KB_ARTICLE);
  g_autoptr(GPtrArray) words = split_words (d->text);
  gint64 ref = 0;
  gboolean by_id = names_article (d->text, &ref);
  g_autofree char *sql = NULL;
  SearchResult *r;
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (by_id)
    g_ptr_array_set_size (words, 0);
  sql = build_search_sql (table, d, words->len, by_id);
  if (!(stmt = _crm_store_worker_prepare (worker, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (d->language != NULL)
    sqlite3_bind_text (stmt, 1, d->language, -1, SQLITE_STATIC);
  if (d->tag != NULL)
    sqlite3_bind_text (stmt, 2, d->tag, -1, SQLITE_STATIC);
  if (by_id)
    sqlite3_bind_int64 (stmt, 3, ref);
  if (d->limit > 0)
    sqlite3_bind_int64 (stmt, 4, d->limit);
  for (guint i = 0; i < words->len; i++)
    sqlite3_bind_text (stmt, 10 + i, words->pdata[i], -1, SQLITE_STATIC);

  r = g_new0 (SearchResult, 1);
  r->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_row_free);
  r->resolved = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->snippets = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmRow *row = _crm_row_from_stmt (table, stmt);
      gint64 resolved = sqlite3_column_int64 (stmt, 4 + table->n_columns);
      const char *body = (const char *) sqlite3_column_text (stmt, 4 + _crm_table_find_column (table, "body"));

      g_ptr_array_add (r->rows, row);
      g_array_append_val (r->resolved, resolved);
      g_ptr_array_add (r->snippets, make_snippet (body != NULL ? body : "", words));
    }
  if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);

  if (error != NULL)
    {
      search_result_free (r);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, r, search_result_free);
}

static char *
nonempty_dup (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

void
crm_kb_search_async (CrmStore            *store,
                     const char          *text,
                     const char          *language,
                     const char          *tag,
                     CrmKbSearchFlags     flags,
                     guint                limit,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  SearchData *d;

  g_return_if_fail (CRM_IS_STORE (store));

  d = g_new0 (SearchData, 1);
  d->text = nonempty_dup (text);
  d->language = nonempty_dup (language);
  d->tag = nonempty_dup (tag);
  d->flags = flags;
  d->limit = limit;
  _crm_store_run_async (store, search_job, d, search_data_free, crm_kb_search_async,
                        "crm-kb-search", cancellable, callback, user_data);
}

GListModel *
crm_kb_search_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  SearchResult *r;
  GListStore *hits;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;

  hits = g_list_store_new (CRM_TYPE_KB_HIT);
  for (guint i = 0; i < r->rows->len; i++)
    {
      g_autoptr(CrmRecord) article = _crm_store_materialize (store, r->rows->pdata[i]);
      g_autoptr(CrmKbHit) hit = crm_kb_hit_new (CRM_KB_ARTICLE (article),
                                                g_array_index (r->resolved, gint64, i),
                                                r->snippets->pdata[i]);

      g_list_store_append (hits, hit);
    }
  search_result_free (r);
  return G_LIST_MODEL (hits);
}

/* --- Tags --- */

typedef struct
{
  char  *tag;
  guint  count;
} TagCount;

static int
compare_tag_counts (gconstpointer a,
                    gconstpointer b)
{
  const TagCount *x = *(TagCount * const *) a;
  const TagCount *y = *(TagCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->tag, y->tag);
}

static void
tag_count_free (gpointer data)
{
  TagCount *t = data;

  g_free (t->tag);
  g_free (t);
}

static void
tags_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  const char *language = data;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (tag_count_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT tags FROM kb_article WHERE deleted = 0 "
                                            "AND tags != '' AND (?1 IS NULL OR language = ?1)",
                                    &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (language != NULL)
    sqlite3_bind_text (stmt, 1, language, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) tags = crm_kb_split_tags ((const char *) sqlite3_column_text (stmt, 0));

      for (guint i = 0; tags[i] != NULL; i++)
        {
          TagCount *t = g_hash_table_lookup (counts, tags[i]);

          if (t == NULL)
            {
              t = g_new0 (TagCount, 1);
              t->tag = g_strdup (tags[i]);
              g_ptr_array_add (list, t);
              g_hash_table_insert (counts, t->tag, t);
            }
          t->count++;
        }
    }
  if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_sort (list, compare_tag_counts);
  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (builder, ((TagCount *) list->pdata[i])->tag);
  g_task_return_pointer (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
}

void
crm_kb_list_tags_async (CrmStore            *store,
                        const char          *language,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, tags_job, nonempty_dup (language), g_free, crm_kb_list_tags_async,
                        "crm-kb-tags", cancellable, callback, user_data);
}

GStrv
crm_kb_list_tags_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Statistics and views --- */

static void
stats_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  gint64 id = *(gint64 *) data;
  gint64 since = _crm_store_worker_now (worker) - RECENT_DAYS * G_GINT64_CONSTANT (86400);
  CrmKbStats *stats = g_new0 (CrmKbStats, 1);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT a.views, "
                                    "  (SELECT count (*) FROM self_service_resolution "
                                    "    WHERE article_id = a.id AND deleted = 0), "
                                    "  (SELECT count (*) FROM self_service_resolution "
                                    "    WHERE article_id = a.id AND deleted = 0 AND resolved >= ?2), "
                                    "  (SELECT coalesce (max (resolved), 0) FROM self_service_resolution "
                                    "    WHERE article_id = a.id AND deleted = 0) "
                                    "FROM kb_article a WHERE a.id = ?1", &error);
  if (stmt == NULL)
    {
      g_free (stats);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, since);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->views = sqlite3_column_int64 (stmt, 0);
      stats->resolved = sqlite3_column_int64 (stmt, 1);
      stats->resolved_recent = sqlite3_column_int64 (stmt, 2);
      stats->last_resolved = sqlite3_column_int64 (stmt, 3);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (&error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND,
                         _("The article no longer exists."));
  else
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);

  if (error != NULL)
    {
      g_free (stats);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, stats, g_free);
}

void
crm_kb_get_stats_async (CrmStore            *store,
                        gint64               article_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, stats_job, g_memdup2 (&article_id, sizeof article_id), g_free,
                        crm_kb_get_stats_async, "crm-kb-stats", cancellable, callback, user_data);
}

gboolean
crm_kb_get_stats_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         CrmKbStats    *stats,
                         GError       **error)
{
  g_autofree CrmKbStats *s = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  s = g_task_propagate_pointer (G_TASK (result), error);
  if (s == NULL)
    return FALSE;
  *stats = *s;
  return TRUE;
}

static void
count_view_job (CrmStoreWorker *worker,
                GTask          *task,
                gpointer        data)
{
  gint64 id = *(gint64 *) data;
  GError *error = NULL;
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (worker, "UPDATE kb_article SET views = views + 1 "
                                            "WHERE id = ? AND deleted = 0", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_crm_store_worker_step (worker, stmt, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
crm_kb_count_view_async (CrmStore            *store,
                         gint64               article_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, count_view_job, g_memdup2 (&article_id, sizeof article_id), g_free,
                        crm_kb_count_view_async, "crm-kb-count-view", cancellable, callback,
                        user_data);
}

gboolean
crm_kb_count_view_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
