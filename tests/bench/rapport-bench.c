/* rapport-bench.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The measuring half of build-aux/bench.sh (not a test).  Each command prints
 * one JSON object on stdout:
 *
 *   rapport-bench key                       cache key of the generated data
 *   rapport-bench generate DB [SIZE]        time the demo generator
 *   rapport-bench insert-floor DB ROWS      raw SQLite: ROWS minimal rows
 *   rapport-bench page-read DB [READS]      CrmPagedModel pages at random positions
 *   rapport-bench page-floor DB [READS]     raw SQLite keyset page reads
 *   rapport-bench inbox DB NOW [READS]      each inbox folder: switch and page reads
 *   rapport-bench inbox-floor DB [READS]    raw SQLite keyset page reads of tickets
 *   rapport-bench map-layout                layout of a synthetic 300-person map, and its floor
 *   rapport-bench map-draw [PNG-PREFIX]     full redraws of that map, and their floor
 */

#define G_LOG_DOMAIN "RapportBench"

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm-demo.h"
#include "crm-inbox.h"
#include "crm-models.h"
#include "crm-paged-model.h"
#include "crm-query.h"
#include "crm-query-private.h"
#include "crm-search.h"
#include "crm-search-fold.h"
#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-map.h"
#include "crm-stakeholder-render.h"
#include "crm-store.h"

#define PAGE 64
#define BENCH_SEED 20261123

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static G_NORETURN void
die (const char *what,
     GError     *error)
{
  g_printerr ("rapport-bench: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_percentiles (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("{\"reads\": %u, \"p50_ms\": %.4f, \"p99_ms\": %.4f, \"max_ms\": %.4f}\n", ms->len,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (ms->len * 99) / 100)),
           g_array_index (ms, double, ms->len - 1));
}

/* Every row of every table, for the floor (read with plain SQLite). */
static gint64
count_rows (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  gint64 rows = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"",
                                              (char *) tables->pdata[i]);

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        rows += sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return rows;
}

static int
cmd_generate (const char *path,
              const char *size_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(GAsyncResult) result = NULL;
  CrmDemoSize size = CRM_DEMO_LARGE;
  gint64 rows, started;
  double seconds;

  if (store == NULL)
    die (path, error);
  if (size_text != NULL && !crm_demo_size_from_string (size_text, &size))
    die ("size must be small or large", NULL);

  started = g_get_monotonic_time ();
  crm_demo_generate_async (store, size, "en", 1, NULL, on_done_cb, &result);
  if (!crm_demo_generate_finish (store, await_result (&result), &error))
    die ("generate", error);
  seconds = (g_get_monotonic_time () - started) / 1e6;

  crm_store_close (store);
  rows = count_rows (path);

  g_print ("{\"seconds\": %.3f, \"rows\": %" G_GINT64_FORMAT "}\n", seconds, rows);
  return 0;
}

static int
cmd_insert_floor (const char *path,
                  gint64      rows)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 started;

  /* The same pragmas as the store, one plain table, the same commit batches. */
  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                        "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO t (id, v) VALUES (?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);

  started = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (gint64 i = 1; i <= rows; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i << 22);
      sqlite3_bind_int64 (stmt, 2, i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        die (sqlite3_errmsg (db), NULL);
      sqlite3_reset (stmt);
      if (i % 200000 == 0)
        sqlite3_exec (db, "COMMIT; BEGIN", NULL, NULL, NULL);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_print ("{\"seconds\": %.3f, \"rows\": %" G_GINT64_FORMAT "}\n",
           (g_get_monotonic_time () - started) / 1e6, rows);
  return 0;
}

/* Loads the id list and the first page of @model (its time in ms is the
 * result), then up to @reads pages not read before at random positions,
 * each timed into @ms, so that every read goes to the database. */
static double
read_model_pages (CrmPagedModel *model,
                  GRand         *rand,
                  guint          reads,
                  GArray        *ms)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items, n_pages;
  gint64 started;
  double first_ms;

  started = g_get_monotonic_time ();
  crm_paged_model_load_page_async (model, 0, NULL, on_done_cb, &result);
  if (!crm_paged_model_load_page_finish (model, await_result (&result), &error))
    die ("first page", error);
  first_ms = (g_get_monotonic_time () - started) / 1e3;
  g_clear_object (&result);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  n_pages = (n_items + PAGE - 1) / PAGE;
  g_hash_table_add (seen, GUINT_TO_POINTER (1));
  for (guint i = 0; i < reads && g_hash_table_size (seen) < n_pages; i++)
    {
      guint page;
      double t;

      do
        page = g_rand_int_range (rand, 0, n_pages);
      while (g_hash_table_contains (seen, GUINT_TO_POINTER (page + 1)));
      g_hash_table_add (seen, GUINT_TO_POINTER (page + 1));

      started = g_get_monotonic_time ();
      crm_paged_model_load_page_async (model, page * PAGE + g_rand_int_range (rand, 0, PAGE) % (n_items - page * PAGE),
                                       NULL, on_done_cb, &result);
      if (!crm_paged_model_load_page_finish (model, await_result (&result), &error))
        die ("page", error);
      t = (g_get_monotonic_time () - started) / 1e3;
      g_array_append_val (ms, t);
      g_clear_object (&result);
    }
  return first_ms;
}

static int
cmd_page_read (const char *path,
               guint       reads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  double id_list_ms;

  if (store == NULL)
    die (path, error);
  query = crm_query_new (CRM_TYPE_PERSON);
  model = crm_paged_model_new (store, query);
  id_list_ms = read_model_pages (model, rand, reads, ms);
  if (ms->len == 0)
    die ("the database has too few people", NULL);

  g_printerr ("rapport-bench: %u people, id list + first page in %.1f ms\n",
              g_list_model_get_n_items (G_LIST_MODEL (model)), id_list_ms);
  print_percentiles (ms);
  g_clear_object (&model);
  crm_store_close (store);
  return 0;
}

/* Raw SQLite reading pages of 64 whole rows of @table (every column, as the
 * paged model reads them) at random positions of the order (@key, id), by
 * keyset from an index on (deleted, @key, id), as a plain SQLite program
 * would: the floor of the page reads. */
static int
keyset_page_floor (const char *path,
                   const char *table,
                   const char *key,
                   guint       reads)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  g_autofree char *columns = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table);
  g_autofree char *anchors = g_strdup_printf ("SELECT \"%s\", id FROM \"%s\" WHERE deleted = 0 "
                                              "ORDER BY \"%s\", id", key, table, key);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean first = TRUE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  sqlite3_exec (db, "PRAGMA cache_size = -8000", NULL, NULL, NULL);

  sqlite3_prepare_v2 (db, columns, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (sql, "%s\"%s\"", first ? "" : ", ", sqlite3_column_text (stmt, 0));
      first = FALSE;
    }
  sqlite3_finalize (stmt);
  g_string_append_printf (sql, " FROM \"%s\" WHERE deleted = 0 AND (\"%s\", id) >= (?, ?) "
                               "ORDER BY \"%s\", id LIMIT 64", table, key, key);

  /* The anchors (untimed). */
  sqlite3_prepare_v2 (db, anchors, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (keys, sqlite3_value_dup (sqlite3_column_value (stmt, 0)));
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (ids->len < PAGE)
    die ("the database has too few rows", NULL);

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  for (guint i = 0; i < reads; i++)
    {
      guint at = g_rand_int_range (rand, 0, ids->len);
      gint64 started = g_get_monotonic_time ();
      double t;
      int n = 0;

      sqlite3_bind_value (stmt, 1, keys->pdata[at]);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, at));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* Touch every value, as a reader that builds rows must. */
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
              (void) sqlite3_column_text (stmt, c);
            else
              (void) sqlite3_column_int64 (stmt, c);
          n++;
        }
      sqlite3_reset (stmt);
      t = (g_get_monotonic_time () - started) / 1e3;
      g_array_append_val (ms, t);
      g_assert (n > 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  print_percentiles (ms);
  return 0;
}

/* --- Inbox: folder switch and page reads over the tickets ---------------- */

/* The user with the most tickets assigned, for the Mine folder. */
static gint64
busiest_assignee (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 me = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  if (sqlite3_prepare_v2 (db, "SELECT assignee_id FROM ticket WHERE deleted = 0 AND assignee_id != 0 "
                              "GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    me = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return me;
}

/* Raw SQLite running the folder's own id-list SQL, median of 3 (ms). */
static double
folder_ids_floor (const char *path,
                  CrmQuery   *query)
{
  g_autofree char *sql = _crm_query_build_sql (query, CRM_QUERY_SQL_IDS);
  double ms[3];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  for (guint run = 0; run < G_N_ELEMENTS (ms); run++)
    {
      gint64 started = g_get_monotonic_time ();
      guint n = 0;

      _crm_query_bind (query, stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          (void) sqlite3_column_int64 (stmt, 0);
          n++;
        }
      sqlite3_reset (stmt);
      ms[run] = (g_get_monotonic_time () - started) / 1e3;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  qsort (ms, G_N_ELEMENTS (ms), sizeof (double), (int (*)(const void *, const void *)) compare_doubles);
  return ms[1];
}

/* For each folder in its default order (SLA due): the switch (the id list
 * and the first page, as the view waits for them), the same id list through
 * raw SQLite, and page reads at random positions. */
static int
cmd_inbox (const char *path,
           gint64      now,
           guint       reads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  const struct { const char *name; CrmInboxFilter filter; } filters[] = {
    { "channel", { .channel = "email" } },
    { "b2b", { .customer = "b2b" } },
    { "text", { .text = "refund" } },
    { "channel-newest", { .channel = "email", .sort = CRM_INBOX_SORT_CREATED } },
  };
  gint64 me;

  if (store == NULL)
    die (path, error);
  me = busiest_assignee (path);

  for (guint f = 0; f < CRM_INBOX_N_FOLDERS; f++)
    {
      g_autoptr(CrmQuery) query = crm_inbox_query_new (f, me, now, NULL);
      g_autoptr(CrmPagedModel) model = crm_paged_model_new (store, query);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      double switch_ms = read_model_pages (model, rand, reads, ms);
      double floor_ms = folder_ids_floor (path, query);
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

      /* A small folder has few pages: read them again through new models
       * (as after a switch away and back) until there are enough reads for
       * a 99th percentile that is not just the slowest one. */
      for (guint round = 0; ms->len > 0 && ms->len < MIN (reads, 300) && round < 50; round++)
        {
          g_autoptr(CrmPagedModel) again = crm_paged_model_new (store, query);

          read_model_pages (again, rand, reads - ms->len, ms);
        }

      if (ms->len == 0)
        {
          double zero = 0;
          g_array_append_val (ms, zero);
        }
      g_array_sort (ms, compare_doubles);
      g_print ("{\"folder\": \"%s\", \"tickets\": %u, \"switch_ms\": %.4f, \"ids_floor_ms\": %.4f, "
               "\"reads\": %u, \"p50_ms\": %.4f, \"p99_ms\": %.4f, \"max_ms\": %.4f}\n",
               crm_inbox_folder_to_key (f), n_items, switch_ms, floor_ms, ms->len,
               g_array_index (ms, double, ms->len / 2),
               g_array_index (ms, double, MIN (ms->len - 1, (ms->len * 99) / 100)),
               g_array_index (ms, double, ms->len - 1));
    }

  /* All, filtered and searched: the switch to the narrowed list. */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(CrmQuery) query = crm_inbox_query_new (CRM_INBOX_FOLDER_ALL, me, now, &filters[i].filter);
      g_autoptr(CrmPagedModel) model = crm_paged_model_new (store, query);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      double switch_ms = read_model_pages (model, rand, 0, ms);

      g_print ("{\"filter\": \"%s\", \"tickets\": %u, \"switch_ms\": %.4f, \"ids_floor_ms\": %.4f}\n",
               filters[i].name, g_list_model_get_n_items (G_LIST_MODEL (model)), switch_ms,
               folder_ids_floor (path, query));
    }
  crm_store_close (store);
  return 0;
}

/* --- Search: keystroke to results ---------------------------------------- */

#define SEARCH_SAMPLES 30
#define SEARCH_LIMIT   5   /* results per kind, as the search popover asks */

typedef enum
{
  SEARCH_LATIN_PREFIX,
  SEARCH_LATIN_SUBSTRING,
  SEARCH_CHINESE_2,
  SEARCH_PINYIN_INITIALS,
  SEARCH_PINYIN_FULL,
  SEARCH_PHONE,
  N_SEARCH_CASES
} SearchCase;

static const char * const search_case_names[N_SEARCH_CASES] = {
  "latin_prefix", "latin_substring", "chinese_2char", "pinyin_initials", "pinyin_full", "phone",
};

/* What people would type, drawn from the database itself (untimed): for each
 * case, whole queries; every keystroke (each prefix of a query, by
 * character) is then one timed search. */
static GPtrArray *
search_samples (const char *path,
                SearchCase  which)
{
  static const char * const sql[N_SEARCH_CASES] = {
    "SELECT lower (family_name) FROM person WHERE deleted = 0 "
    "AND length (family_name) >= 4 AND family_name NOT GLOB '*[^A-Za-z]*' ORDER BY id % 1000003 LIMIT 30",
    "SELECT lower (substr (given_name, 2, 4)) FROM person WHERE deleted = 0 "
    "AND length (given_name) >= 6 AND given_name NOT GLOB '*[^A-Za-z]*' ORDER BY id % 1000003 LIMIT 30",
    "SELECT display_name FROM person WHERE deleted = 0 AND length (display_name) = 2 "
    "AND unicode (display_name) >= 19968 ORDER BY id % 1000003 LIMIT 30",
    "SELECT display_name FROM person WHERE deleted = 0 AND length (display_name) IN (2, 3) "
    "AND unicode (display_name) >= 19968 ORDER BY id % 1000003 LIMIT 30",
    "SELECT display_name FROM person WHERE deleted = 0 AND length (display_name) IN (2, 3) "
    "AND unicode (display_name) >= 19968 ORDER BY id % 1000003 LIMIT 30",
    "SELECT substr (phone, 3, 7) FROM person WHERE deleted = 0 "
    "AND length (phone) >= 10 ORDER BY id % 1000003 LIMIT 30",
  };
  GPtrArray *samples = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  if (sqlite3_prepare_v2 (db, sql[which], -1, &stmt, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (which == SEARCH_PINYIN_INITIALS || which == SEARCH_PINYIN_FULL)
        {
          /* "zhang wei zhangwei zw": the joined spelling and the initials are
           * the last two words. */
          g_autofree char *pinyin = _crm_search_pinyin (text);
          g_auto(GStrv) words = g_strsplit (pinyin, " ", -1);
          guint n = g_strv_length (words);

          if (n >= 2)
            g_ptr_array_add (samples, g_strdup (words[which == SEARCH_PINYIN_INITIALS ? n - 1 : n - 2]));
        }
      else
        g_ptr_array_add (samples, g_strdup (text));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return samples;
}

/* Each keystroke of each sample: the prefixes of 1, 2, ... characters. */
static GPtrArray *
search_keystrokes (GPtrArray *samples)
{
  GPtrArray *keystrokes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < samples->len; i++)
    {
      const char *text = samples->pdata[i];
      glong n = g_utf8_strlen (text, -1);

      for (glong k = 1; k <= n; k++)
        g_ptr_array_add (keystrokes, g_strndup (text, g_utf8_offset_to_pointer (text, k) - text));
    }
  return keystrokes;
}

static void
print_p95 (const char *name,
           GArray     *ms,
           guint       queries,
           guint       hits)
{
  g_array_sort (ms, compare_doubles);
  g_print ("{\"case\": \"%s\", \"queries\": %u, \"keystrokes\": %u, \"hits\": %u, "
           "\"p50_ms\": %.4f, \"p95_ms\": %.4f, \"max_ms\": %.4f}\n",
           name, queries, ms->len, hits,
           ms->len ? g_array_index (ms, double, ms->len / 2) : 0.0,
           ms->len ? g_array_index (ms, double, MIN (ms->len - 1, (ms->len * 95) / 100)) : 0.0,
           ms->len ? g_array_index (ms, double, ms->len - 1) : 0.0);
}

/* Rapport's search as the popover runs it: asynchronously from the main
 * thread, timed from the call to the results being back on it. */
static int
cmd_search (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);

  if (store == NULL)
    die (path, error);

  for (SearchCase c = 0; c < N_SEARCH_CASES; c++)
    {
      g_autoptr(GPtrArray) samples = search_samples (path, c);
      g_autoptr(GPtrArray) keystrokes = search_keystrokes (samples);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      guint hits = 0;

      for (guint i = 0; i < keystrokes->len; i++)
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GListModel) found = NULL;
          gint64 started = g_get_monotonic_time ();
          double t;

          crm_search_async (store, keystrokes->pdata[i], SEARCH_LIMIT, NULL, on_done_cb, &result);
          found = crm_search_finish (store, await_result (&result), &error);
          if (found == NULL)
            die (keystrokes->pdata[i], error);
          t = (g_get_monotonic_time () - started) / 1e3;
          g_array_append_val (ms, t);
          /* A whole query must find what it was drawn from. */
          if (i + 1 == keystrokes->len || g_str_has_prefix (keystrokes->pdata[i + 1], keystrokes->pdata[i]) == FALSE)
            hits += g_list_model_get_n_items (found) > 0;
        }
      print_p95 (search_case_names[c], ms, samples->len, hits);
    }
  crm_store_close (store);
  return 0;
}

/* The floor: the same keystrokes as one raw FTS5 trigram query each, on a
 * plain read-only connection, returning as many rows as the search shows. */
static int
cmd_search_floor (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);
  sqlite3_exec (db, "PRAGMA cache_size = -4000", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (db, "SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 20",
                          -1, &stmt, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db), NULL);

  for (SearchCase c = 0; c < N_SEARCH_CASES; c++)
    {
      g_autoptr(GPtrArray) samples = search_samples (path, c);
      g_autoptr(GPtrArray) keystrokes = search_keystrokes (samples);
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      guint hits = 0;

      for (guint i = 0; i < keystrokes->len; i++)
        {
          g_autofree char *folded = _crm_search_fold (keystrokes->pdata[i], -1);
          g_autoptr(GString) quoted = g_string_new ("\"");
          gint64 started;
          double t;
          int n = 0;

          for (const char *p = folded; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (quoted, '"');
              g_string_append_c (quoted, *p);
            }
          g_string_append_c (quoted, '"');

          started = g_get_monotonic_time ();
          sqlite3_bind_text (stmt, 1, quoted->str, -1, SQLITE_TRANSIENT);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            n++;
          sqlite3_reset (stmt);
          t = (g_get_monotonic_time () - started) / 1e3;
          g_array_append_val (ms, t);
          /* Counted as the search counts them: whole queries that found something. */
          if (i + 1 == keystrokes->len || g_str_has_prefix (keystrokes->pdata[i + 1], keystrokes->pdata[i]) == FALSE)
            hits += n > 0;
        }
      print_p95 (search_case_names[c], ms, samples->len, hits);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return 0;
}

/* --- stakeholder maps (no database) --- */

#define MAP_PEOPLE  300
#define MAP_RUNS    200

static const char *map_departments[] = {
  "Engineering", "Finance", "Marketing", "Operations", "Sales", "Support",
};
static const char *map_roles[] = {
  "", "economic-buyer", "decision-maker", "technical-evaluator", "champion", "influencer",
  "user", "gatekeeper", "blocker", "", "",
};
static const char *map_levels[] = { "low", "medium", "high" };
static const char *map_attitudes[] = { "supporter", "neutral", "opponent" };

/* A seeded 300-person organization: a chief executive, six department heads
 * and three more levels (1 + 6 + 24 + 72 + 197), each person reporting to
 * someone one level up, mostly in their own department; about one in ten
 * with a second manager; 150 influence links. */
static CrmStakeholderMap *
synthetic_map (void)
{
  static const guint level_size[] = { 1, 6, 24, 72, 197 };
  CrmStakeholderMap *map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Bench Corp");
  g_autoptr(GRand) rand = g_rand_new_with_seed (BENCH_SEED);
  guint dept[MAP_PEOPLE], first[G_N_ELEMENTS (level_size) + 1], id = 0;

  first[0] = 0;
  for (guint l = 0; l < G_N_ELEMENTS (level_size); l++)
    first[l + 1] = first[l] + level_size[l];
  g_assert (first[G_N_ELEMENTS (level_size)] == MAP_PEOPLE);

  for (guint l = 0; l < G_N_ELEMENTS (level_size); l++)
    for (guint k = 0; k < level_size[l]; k++, id++)
      {
        g_autofree char *name = g_strdup_printf ("Person %03u", id);
        g_autofree char *title = g_strdup_printf ("Title of level %u", l);
        g_autofree char *initials = g_strdup_printf ("P%u", id % 10);
        CrmMapNode node = { 0 };
        guint manager = 0;

        if (l == 0)
          dept[id] = 0;
        else if (l == 1)
          dept[id] = k % G_N_ELEMENTS (map_departments);
        else
          {
            /* A manager one level up, in the same department nine times in ten. */
            gboolean same = g_rand_int_range (rand, 0, 10) != 0;

            for (guint tries = 0; tries < 50; tries++)
              {
                manager = g_rand_int_range (rand, first[l - 1], first[l]);
                if (!same || tries == 49 || dept[manager] == k % G_N_ELEMENTS (map_departments))
                  break;
              }
            dept[id] = same ? dept[manager] : (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (map_departments));
          }
        node.person_id = 1000 + id;
        node.name = name;
        node.title = title;
        node.department = (char *) map_departments[dept[id]];
        node.initials = initials;
        node.role = (char *) map_roles[id % G_N_ELEMENTS (map_roles)];
        node.influence = (char *) map_levels[(id / 3) % 3];
        node.attitude = (char *) map_attitudes[id % 3];
        node.notes = "";
        node.last_contact = id % 4 == 0 ? 0 : 1795000000 - (gint64) (id % 90) * 86400;
        crm_stakeholder_map_add_node (map, &node);

        if (l > 0)
          {
            CrmMapEdge edge = { CRM_MAP_EDGE_REPORTS_TO, 0, 1000 + id, 1000 + (l == 1 ? 0 : manager), NULL };

            crm_stakeholder_map_add_edge (map, &edge);
            if (l > 1 && g_rand_int_range (rand, 0, 10) == 0)
              {
                guint second = g_rand_int_range (rand, first[l - 1], first[l]);

                if (second != manager)
                  {
                    edge.to = 1000 + second;
                    crm_stakeholder_map_add_edge (map, &edge);
                  }
              }
          }
      }

  for (guint k = 0; k < 150;)
    {
      guint a = g_rand_int_range (rand, 0, MAP_PEOPLE), b = g_rand_int_range (rand, 0, MAP_PEOPLE);
      CrmMapEdge edge = { CRM_MAP_EDGE_INFLUENCES, 0, 1000 + a, 1000 + b, (char *) map_levels[k % 3] };

      if (a == b)
        continue;
      crm_stakeholder_map_add_edge (map, &edge);
      k++;
    }
  return map;
}

static double
percentile (GArray *ms,
            guint   pct)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, MIN (ms->len - 1, (ms->len * pct) / 100));
}

static void
print_map_case (const char *name,
                GArray     *ms,
                GArray     *floor_ms,
                const char *extra)
{
  double p50 = percentile (ms, 50), p95 = percentile (ms, 95), max = percentile (ms, 100);

  g_print ("{\"case\": \"%s\", \"runs\": %u, \"p50_ms\": %.4f, \"p95_ms\": %.4f, \"max_ms\": %.4f, "
           "\"floor_p50_ms\": %.4f, \"floor_p95_ms\": %.4f%s}\n",
           name, ms->len, p50, p95, max, percentile (floor_ms, 50), percentile (floor_ms, 95),
           extra ? extra : "");
}

/* The layout's floor: the plain layering any layered drawing needs, a
 * breadth-first walk down the reports-to edges from the people without a
 * manager, and each level placed as a grid row. */
static GArray *
floor_layout (CrmStakeholderMap *map)
{
  guint n = crm_stakeholder_map_get_n_nodes (map), n_edges = crm_stakeholder_map_get_n_edges (map);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint *level = g_new (guint, n);
  g_autofree guint *n_managers = g_new0 (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  g_autofree guint *row_count = g_new0 (guint, n + 1);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *points = g_array_sized_new (FALSE, TRUE, sizeof (CrmLayoutPoint), n);
  guint head = 0, tail = 0;

  g_array_set_size (points, n);
  for (guint i = 0; i < n; i++)
    {
      g_hash_table_insert (index, (gpointer) &crm_stakeholder_map_get_node (map, i)->person_id,
                           GUINT_TO_POINTER (i));
      g_ptr_array_add (reports, g_array_new (FALSE, FALSE, sizeof (guint)));
      level[i] = G_MAXUINT;
    }
  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, e);
      guint from, to;

      if (edge->kind != CRM_MAP_EDGE_REPORTS_TO)
        continue;
      from = GPOINTER_TO_UINT (g_hash_table_lookup (index, &edge->from));
      to = GPOINTER_TO_UINT (g_hash_table_lookup (index, &edge->to));
      g_array_append_val ((GArray *) reports->pdata[to], from);
      n_managers[from]++;
    }
  for (guint i = 0; i < n; i++)
    if (n_managers[i] == 0)
      {
        level[i] = 0;
        queue[tail++] = i;
      }
  while (head < tail)
    {
      guint v = queue[head++];
      GArray *r = reports->pdata[v];

      for (guint k = 0; k < r->len; k++)
        {
          guint w = g_array_index (r, guint, k);

          if (level[w] == G_MAXUINT)
            {
              level[w] = level[v] + 1;
              queue[tail++] = w;
            }
        }
    }
  for (guint i = 0; i < n; i++)
    {
      CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);
      guint l = MIN (level[i], n);

      p->layer = l;
      p->x = row_count[l]++ * 264.0;
      p->y = l * 156.0;
    }
  return points;
}

static int
cmd_map_layout (void)
{
  g_autoptr(CrmStakeholderMap) map = synthetic_map ();
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  double x, y, w, h;

  for (guint run = 0; run < MAP_RUNS + 5; run++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, TRUE);
      double t = (g_get_monotonic_time () - started) / 1e3;

      if (run >= 5)
        g_array_append_val (ms, t);
      if (run == 0)
        crm_stakeholder_layout_bounds (points, NULL, &x, &y, &w, &h);
    }
  for (guint run = 0; run < MAP_RUNS + 5; run++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(GArray) points = floor_layout (map);
      double t = (g_get_monotonic_time () - started) / 1e3;

      if (run >= 5)
        g_array_append_val (floor_ms, t);
    }
  extra = g_strdup_printf (", \"nodes\": %u, \"edges\": %u, \"width\": %.0f, \"height\": %.0f",
                           crm_stakeholder_map_get_n_nodes (map),
                           crm_stakeholder_map_get_n_edges (map), w, h);
  print_map_case ("layout", ms, floor_ms, extra);
  return 0;
}

/* The draw's floor: the same surface and transform painted with what any
 * drawing of the graph must paint, the background, one filled rectangle per
 * node and one straight line per edge, each kind in one path, with the
 * coarse antialiasing the renderer also uses for a map seen whole. */
static void
floor_draw (CrmStakeholderMap *map,
            GArray            *points,
            cairo_t           *cr)
{
  guint n_edges = crm_stakeholder_map_get_n_edges (map);

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, e);
      const CrmLayoutPoint *a = &g_array_index (points, CrmLayoutPoint, crm_stakeholder_map_find_node (map, edge->from));
      const CrmLayoutPoint *b = &g_array_index (points, CrmLayoutPoint, crm_stakeholder_map_find_node (map, edge->to));

      cairo_move_to (cr, a->x, a->y);
      cairo_line_to (cr, b->x, b->y);
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint i = 0; i < points->len; i++)
    {
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

      cairo_rectangle (cr, p->x - 120, p->y - 42, 240, 84);
    }
  cairo_fill (cr);
}

/* CPU time of this process in ms: on a busy machine, what a redraw costs
 * apart from waiting for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Full redraws of the whole map fitted to a 1280×800 surface (and, for
 * reference, of a 1280×800 window at 100 % showing part of it). */
static int
cmd_map_draw (const char *png)
{
  g_autoptr(CrmStakeholderMap) map = synthetic_map ();
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, TRUE);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) zoomed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  CrmMapRenderer *renderer = crm_map_renderer_new (map, NULL);
  double x, y, w, h, s;

  crm_map_renderer_set_points (renderer, points);
  crm_map_renderer_set_clock (renderer, 1795000000, 30);
  crm_map_renderer_get_extent (renderer, &x, &y, &w, &h);
  s = MIN (1280 / w, 800 / h);

  for (guint run = 0; run <= MAP_RUNS; run++)
    for (guint zoomed = 0; zoomed < 2; zoomed++)
      {
        cairo_t *cr = cairo_create (surface);
        gint64 started = g_get_monotonic_time ();
        double cpu_started = cpu_ms (), t, c;

        if (zoomed)
          cairo_translate (cr, 640 - (x + w / 2), 400 - (y + h - 400));
        else
          {
            cairo_scale (cr, s, s);
            cairo_translate (cr, -x, -y);
          }
        crm_map_renderer_draw (renderer, cr);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        t = (g_get_monotonic_time () - started) / 1e3;
        c = cpu_ms () - cpu_started;
        /* The first run fills the caches. */
        if (run > 0)
          g_array_append_val (zoomed ? zoomed_ms : ms, t);
        if (run > 0 && !zoomed)
          g_array_append_val (cpu, c);
        if (png != NULL && run == MAP_RUNS)
          {
            g_autofree char *path = g_strdup_printf ("%s-%s.png", png, zoomed ? "zoomed" : "whole");

            cairo_surface_write_to_png (surface, path);
          }
      }

  for (guint run = 0; run < MAP_RUNS; run++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 started = g_get_monotonic_time ();
      double cpu_started = cpu_ms (), t, c;

      cairo_scale (cr, s, s);
      cairo_translate (cr, -x, -y);
      floor_draw (map, points, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t = (g_get_monotonic_time () - started) / 1e3;
      c = cpu_ms () - cpu_started;
      g_array_append_val (floor_ms, t);
      g_array_append_val (floor_cpu, c);
    }

  extra = g_strdup_printf (", \"nodes\": %u, \"edges\": %u, \"zoomed_p50_ms\": %.4f, "
                           "\"zoomed_p95_ms\": %.4f, \"cpu_p50_ms\": %.4f, \"cpu_p95_ms\": %.4f, "
                           "\"floor_cpu_p95_ms\": %.4f",
                           crm_stakeholder_map_get_n_nodes (map), crm_stakeholder_map_get_n_edges (map),
                           percentile (zoomed_ms, 50), percentile (zoomed_ms, 95),
                           percentile (cpu, 50), percentile (cpu, 95), percentile (floor_cpu, 95));
  print_map_case ("redraw", ms, floor_ms, extra);
  crm_map_renderer_free (renderer);
  cairo_surface_destroy (surface);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *cmd = argc > 1 ? argv[1] : "";

  if (g_str_equal (cmd, "key"))
    {
      g_print ("{\"key\": \"g%d-s%d\"}\n", CRM_DEMO_GENERATOR_VERSION,
               crm_store_get_latest_schema_version ());
      return 0;
    }
  if (g_str_equal (cmd, "generate") && argc >= 3)
    return cmd_generate (argv[2], argc > 3 ? argv[3] : NULL);
  if (g_str_equal (cmd, "insert-floor") && argc >= 4)
    return cmd_insert_floor (argv[2], g_ascii_strtoll (argv[3], NULL, 10));
  if (g_str_equal (cmd, "page-read") && argc >= 3)
    return cmd_page_read (argv[2], argc > 3 ? atoi (argv[3]) : 1000);
  if (g_str_equal (cmd, "page-floor") && argc >= 3)
    return keyset_page_floor (argv[2], "person", "sort_key", argc > 3 ? atoi (argv[3]) : 1000);
  if (g_str_equal (cmd, "inbox") && argc >= 4)
    return cmd_inbox (argv[2], g_ascii_strtoll (argv[3], NULL, 10), argc > 4 ? atoi (argv[4]) : 1000);
  if (g_str_equal (cmd, "inbox-floor") && argc >= 3)
    return keyset_page_floor (argv[2], "ticket", "created", argc > 3 ? atoi (argv[3]) : 1000);
  if (g_str_equal (cmd, "search") && argc >= 3)
    return cmd_search (argv[2]);
  if (g_str_equal (cmd, "search-floor") && argc >= 3)
    return cmd_search_floor (argv[2]);
  if (g_str_equal (cmd, "map-layout"))
    return cmd_map_layout ();
  if (g_str_equal (cmd, "map-draw"))
    return cmd_map_draw (argc > 2 ? argv[2] : NULL);

  g_printerr ("usage: rapport-bench key | generate DB [small|large] | insert-floor DB ROWS |\n"
              "       page-read DB [READS] | page-floor DB [READS] | inbox DB NOW [READS] |\n"
              "       inbox-floor DB [READS] | search DB | search-floor DB |\n"
              "       map-layout | map-draw [PNG-PREFIX]\n");
  return 2;
}
