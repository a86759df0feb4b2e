/* test-demo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator: expected counts, referential integrity, determinism
 * (same seed, same content, whatever ids the database hands out), the B2B/B2C
 * difference in sales cycles, and Chinese names.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-demo.h"
#include "crm-search-fold.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define DAY 86400.0

typedef struct
{
  char    *dir;
  char    *path;
  sqlite3 *db;
} Demo;

/* Generates into a fresh database, closes the store and opens the file with
 * plain SQLite for inspection. */
static Demo *
demo_new_full (const char *locale,
               guint64     seed,
               gboolean    blocking)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmStore) store = NULL;
  Demo *demo = g_new0 (Demo, 1);

  demo->dir = crm_test_make_tmpdir ();
  demo->path = g_build_filename (demo->dir, "demo.db", NULL);
  store = crm_store_open_sync (demo->path, &error);
  g_assert_no_error (error);

  if (blocking)
    {
      g_assert_true (crm_demo_generate_sync (store, CRM_DEMO_SMALL, locale, seed, &error));
    }
  else
    {
      crm_demo_generate_async (store, CRM_DEMO_SMALL, locale, seed, NULL,
                               crm_test_store_result, &result);
      g_assert_true (crm_demo_generate_finish (store, crm_test_await (&result), &error));
    }
  g_assert_no_error (error);
  crm_store_close (store);

  g_assert_cmpint (sqlite3_open_v2 (demo->path, &demo->db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  return demo;
}

static Demo *
demo_new (const char *locale,
          guint64     seed)
{
  return demo_new_full (locale, seed, FALSE);
}

static void
demo_free (Demo *demo)
{
  sqlite3_close (demo->db);
  g_unlink (demo->path);
  {
    g_autofree char *wal = g_strconcat (demo->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (demo->path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (demo->dir);
  g_free (demo->path);
  g_free (demo->dir);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static gint64
query_int (Demo       *demo,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (demo->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (demo->db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (Demo       *demo,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  if (sqlite3_prepare_v2 (demo->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (demo->db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
list_tables (Demo *demo)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* Plain tables only: not the store's own bookkeeping, not FTS shadows. */
  g_assert_cmpint (sqlite3_prepare_v2 (demo->db,
                                       "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND name != 'meta' "
                                       "AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                       "AND name NOT LIKE '%fts%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return tables;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A digest of every row of every table where ids (and references to them)
 * are replaced by the id's rank among all ids of the database.  Ids grow in
 * the order they were handed out, so two databases made from the same seed
 * give the same digest although their node ids differ. */
static char *
content_digest (Demo *demo)
{
  g_autoptr(GPtrArray) tables = list_tables (demo);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) rank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\"", (char *) tables->pdata[t]);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (demo->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;   /* no id column */
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_finalize (stmt);
    }
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (rank, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                         GUINT_TO_POINTER (i + 1));

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid",
                                              (char *) tables->pdata[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (demo->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) tables->pdata[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *name = sqlite3_column_name (stmt, c);
              g_autofree char *cell = NULL;

              if (sqlite3_column_type (stmt, c) == SQLITE_INTEGER &&
                  (g_str_equal (name, "id") || g_str_has_suffix (name, "_id")))
                {
                  gint64 v = sqlite3_column_int64 (stmt, c);
                  gpointer r = g_hash_table_lookup (rank, &v);

                  cell = r ? g_strdup_printf ("#%u", GPOINTER_TO_UINT (r))
                           : g_strdup_printf ("%" G_GINT64_FORMAT, v);
                }
              else if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
                cell = g_strdup ("NULL");
              else
                cell = g_strdup ((const char *) sqlite3_column_text (stmt, c));
              g_checksum_update (sum, (const guchar *) cell, -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_small_counts (void)
{
  g_autoptr(Demo) demo = demo_new ("en", 42);
  static const char *nonempty[] = {
    "staff_user", "affiliation", "reporting_line", "influence_link", "deal_stage_history",
    "deal_stakeholder", "deal_product", "customer_order", "order_line", "ticket_message",
    "ticket_status_change", "kb_article", "self_service_resolution", "canned_reply",
    "campaign", "campaign_member", "segment", "custom_field", "custom_value", "sla_policy",
    "business_calendar", "holiday", "product", "tag", "record_tag",
  };

  /* 1,000 people plus the big organization's 300. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person"), ==, 1300);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM organization"), ==, 100);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM affiliation a JOIN organization o "
                                    "ON o.id = a.organization_id WHERE o.name = 'Northwind Holdings'"), ==, 300);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal"), ==, 200);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM ticket"), ==, 1000);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM activity"), ==, 5000);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM pipeline"), ==, 2);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM stage"), ==, 12);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM lost_reason"), >=, 5);

  for (guint i = 0; i < G_N_ELEMENTS (nonempty); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", nonempty[i]);

      if (query_int (demo, sql) == 0)
        g_error ("table %s is empty", nonempty[i]);
    }

  /* Both kinds of customer, and people with two managers. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE is_customer"), >, 400);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(DISTINCT person_id) FROM affiliation"), >, 250);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM (SELECT person_id FROM reporting_line "
                                    "GROUP BY organization_id, person_id HAVING COUNT(*) > 1)"), >, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM organization WHERE parent_id IS NOT NULL"), >, 0);
}

static void
test_integrity (void)
{
  g_autoptr(Demo) demo = demo_new ("en", 3);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problems = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (demo->db, "PRAGMA foreign_key_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("foreign key violation in %s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  /* Polymorphic references point at real rows too. */
  g_assert_cmpint (query_int (demo,
                              "SELECT COUNT(*) FROM activity a WHERE NOT EXISTS ("
                              " SELECT 1 FROM organization WHERE id = a.subject_id AND a.subject_kind = 'organization'"
                              " UNION ALL SELECT 1 FROM person WHERE id = a.subject_id AND a.subject_kind = 'person'"
                              " UNION ALL SELECT 1 FROM deal WHERE id = a.subject_id AND a.subject_kind = 'deal'"
                              " UNION ALL SELECT 1 FROM ticket WHERE id = a.subject_id AND a.subject_kind = 'ticket')"),
                   ==, 0);
  g_assert_cmpint (query_int (demo,
                              "SELECT COUNT(*) FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
                              "WHERE NOT EXISTS (SELECT 1 FROM organization WHERE id = v.record_id) "
                              "AND NOT EXISTS (SELECT 1 FROM person WHERE id = v.record_id) "
                              "AND NOT EXISTS (SELECT 1 FROM deal WHERE id = v.record_id)"), ==, 0);
  /* A deal's stage belongs to its pipeline; won and lost deals are closed. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal d JOIN stage s ON s.id = d.stage_id "
                                    "WHERE s.pipeline_id != d.pipeline_id"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal d JOIN stage s ON s.id = d.stage_id "
                                    "WHERE (s.kind = 'open') != (d.closed = 0)"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal WHERE lost_reason_id IS NOT NULL"), >, 0);
  /* Sort keys and display names follow the conventions. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person "
                                    "WHERE display_name != given_name || ' ' || family_name "
                                    "AND display_name != family_name || given_name"), ==, 0);
  /* An English database has some Chinese customers too, written family name first. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person "
                                    "WHERE display_name = family_name || given_name "
                                    "AND unicode (family_name) >= 0x4E00"), >, 0);

  /* The store's own check agrees. */
  store = crm_store_open_sync (demo->path, &error);
  g_assert_no_error (error);
  crm_store_check_async (store, NULL, crm_test_store_result, &result);
  problems = crm_store_check_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_null (problems);
  crm_store_close (store);
}

static void
test_sort_keys (void)
{
  g_autoptr(Demo) demo = demo_new ("en", 5);
  sqlite3_stmt *stmt = NULL;
  guint diacritics = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (demo->db, "SELECT display_name, sort_key FROM person "
                                       "UNION ALL SELECT name, sort_key FROM organization",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      /* The key the store itself would derive (pinyin first for Han names). */
      g_autofree char *expected = _crm_search_sort_key (name);

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected);
      if (!g_str_is_ascii (name))
        diacritics++;
    }
  sqlite3_finalize (stmt);
  /* José, Zoë, García... */
  g_assert_cmpuint (diacritics, >, 0);
  /* Han names sort by pinyin among the Latin ones. */
  {
    g_autofree char *key = _crm_search_sort_key ("张伟");
    g_autofree char *latin = _crm_search_sort_key ("José Zhang");

    g_assert_cmpstr (key, ==, "zhang wei 张伟");
    g_assert_cmpstr (latin, ==, "josé zhang");
  }
}

static void
test_sales_cycles (void)
{
  g_autoptr(Demo) demo = demo_new ("en", 11);
#define WON_CYCLE_SQL(kind) \
  "SELECT AVG(d.closed - d.created) / 86400.0 FROM deal d " \
  "JOIN pipeline p ON p.id = d.pipeline_id JOIN stage s ON s.id = d.stage_id " \
  "WHERE s.kind = 'won' AND p.kind = '" kind "'"
  double b2b = query_double (demo, WON_CYCLE_SQL ("b2b"));
  double b2c = query_double (demo, WON_CYCLE_SQL ("b2c"));
#undef WON_CYCLE_SQL

  g_test_message ("won-deal cycle: B2B %.0f days, B2C %.0f days", b2b, b2c);
  g_assert_cmpfloat (b2b, >, 100);
  g_assert_cmpfloat (b2c, <, 90);
  g_assert_cmpfloat (b2b, >, 2 * b2c);

  /* Stage history runs from creation to the current stage without gaps. */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal d WHERE NOT EXISTS ("
                                    "SELECT 1 FROM deal_stage_history h WHERE h.deal_id = d.id "
                                    "AND h.stage_id = d.stage_id AND h.left_at = 0)"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM deal_stage_history "
                                    "WHERE left_at != 0 AND left_at < entered"), ==, 0);
}

static void
test_service (void)
{
  g_autoptr(Demo) demo = demo_new ("en", 13);

  g_assert_cmpint (query_int (demo, "SELECT COUNT(DISTINCT status) FROM ticket"), ==, 5);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(DISTINCT channel) FROM ticket"), ==, 7);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(DISTINCT priority) FROM ticket"), ==, 4);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM ticket WHERE status = 'waiting-on-customer' "
                                    "AND waiting_since != 0"), >, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM ticket WHERE csat_score BETWEEN 1 AND 5"), >, 50);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM ticket WHERE resolved != 0 "
                                    "AND (first_response = 0 OR resolved < first_response)"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM ticket WHERE first_response > first_response_due "
                                    "AND first_response != 0"), >, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(DISTINCT language) FROM kb_article"), ==, 2);
  /* Open tasks in the future, relative to the data's own "today". */
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM activity WHERE kind = 'task' AND done = 0 "
                                    "AND due > 1795392000"), >, 0);
  g_assert_cmpint (query_int (demo, "SELECT MAX(occurred) FROM activity"), <=, 1795392000);
}

static void
test_determinism (void)
{
  g_autoptr(Demo) a = demo_new ("en", 99);
  g_autoptr(Demo) b = demo_new_full ("en", 99, TRUE);
  g_autoptr(Demo) c = demo_new ("en", 100);
  g_autofree char *da = content_digest (a);
  g_autofree char *db = content_digest (b);
  g_autofree char *dc = content_digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

static void
test_chinese (void)
{
  g_autoptr(Demo) demo = demo_new ("zh_CN", 7);

  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person"), ==, 1300);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person "
                                    "WHERE display_name != family_name || given_name"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE length(display_name) = 2"), >, 50);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE length(display_name) = 3"), >, 300);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE language = 'zh-CN'"), ==, 1300);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE display_name GLOB '*[A-Za-z]*'"), ==, 0);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM organization WHERE name LIKE '%有限公司'"), ==, 100);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM stage WHERE name = '资格审查'"), ==, 1);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM pipeline WHERE currency = 'CNY'"), ==, 2);
  g_assert_cmpint (query_int (demo, "SELECT COUNT(*) FROM person WHERE country = 'CN'"), ==, 1300);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  CrmDemoOptions options = { CRM_DEMO_SMALL, "zh_CN", 5, 0, on_progress_cb, fractions };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);

  /* Cancelled before it ran: nothing is written. */
  g_cancellable_cancel (cancellable);
  crm_demo_generate_full_async (store, &options, cancellable, crm_test_store_result,
                                &cancelled_result);
  g_assert_false (crm_demo_generate_finish (store, crm_test_await (&cancelled_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Progress ends at 1 on the caller's context. */
  crm_demo_generate_full_async (store, &options, NULL, crm_test_store_result, &result);
  g_assert_true (crm_demo_generate_finish (store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fractions->len, >, 0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  crm_store_close (store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM person", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1300);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/small/counts", test_small_counts);
  g_test_add_func ("/demo/small/integrity", test_integrity);
  g_test_add_func ("/demo/small/sort-keys", test_sort_keys);
  g_test_add_func ("/demo/small/sales-cycles", test_sales_cycles);
  g_test_add_func ("/demo/small/service", test_service);
  g_test_add_func ("/demo/determinism", test_determinism);
  g_test_add_func ("/demo/chinese", test_chinese);
  g_test_add_func ("/demo/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
