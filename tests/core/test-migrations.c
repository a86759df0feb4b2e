/* test-migrations.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database made by the first schema opens in every later one with its data
 * intact.  The fixture applies crm-schema-v1.sql exactly as version 1 did
 * (application_id, user_version 1) and writes rows the way a version-1
 * Rapport wrote them.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-models.h"
#include "crm-store.h"
#include "crm-test-util.h"

static void
make_v1_database (const char *path)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  char *errmsg = NULL;

  g_assert_true (g_file_get_contents (CRM_SCHEMA_V1_PATH, &sql, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; BEGIN; PRAGMA application_id = 1380012116;", NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_exec (db,
                "PRAGMA user_version = 1;"
                "INSERT INTO meta VALUES ('id-node', '77'), ('id-last-ms', '1000'),"
                "  ('dedupe-dismissed', '{\"person\":[[4194382,5]],\"organization\":[[9,4194381],\"junk\"]}');"
                "INSERT INTO organization (id, created, updated, name, sort_key, industry, tier)"
                "  VALUES (4194381, 1700000000, 1700000000, 'Old Corp', 'old corp', 'manufacturing', 'key');"
                "INSERT INTO person (id, created, updated, display_name, sort_key, email)"
                "  VALUES (4194382, 1700000000, 1700000000, '李娜', '李娜', 'li.na@example.cn');"
                "INSERT INTO affiliation (id, created, updated, person_id, organization_id, title, stakeholder_role)"
                "  VALUES (4194383, 1700000000, 1700000000, 4194382, 4194381, 'CFO', 'economic-buyer');"
                "INSERT INTO ticket (id, created, updated, number, status, first_response_due, resolution_due,"
                "  first_response, resolved) VALUES"
                "  (4194384, 1700000000, 1700000000, 1, 'new', 1700003600, 1700090000, 0, 0),"
                "  (4194385, 1700000000, 1700000000, 2, 'waiting-on-customer', 1700003600, 1700090000, 1700001000, 0),"
                "  (4194386, 1700000000, 1700000000, 3, 'resolved', 1700003600, 1700090000, 1700001000, 1700002000);"
                "COMMIT;",
                NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_close (db);
}

static void
test_v1_opens (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmQuery) q = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CrmAffiliation) aff = NULL;
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(GAsyncResult) r2 = NULL;

  make_v1_database (path);

  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_get_latest_schema_version ());
  g_assert_cmpuint (crm_store_get_node_id (store), ==, 77);

  /* A deal's next scheduled activity is one search of its own index (v6). */
  {
    g_autofree char *plan = crm_test_query (store, "%s",
                                            "EXPLAIN QUERY PLAN SELECT a.id FROM activity a "
                                            "WHERE a.subject_kind = 'deal' AND a.subject_id = 1 AND a.done = 0 "
                                            "AND a.due > 0 AND a.deleted = 0 ORDER BY a.due LIMIT 1");

    g_assert_nonnull (strstr (plan, "activity_next"));
  }

  /* Each ticket's running SLA deadline was filled in (v7): the first
   * response before it was given, then the resolution; none once resolved. */
  {
    g_autofree char *due = crm_test_query (store, "%s", "SELECT number, sla_due FROM ticket ORDER BY number");

    g_assert_cmpstr (due, ==, "1|1700003600\n2|1700090000\n3|0\n");
  }

  /* Dismissed duplicates moved from meta's JSON to their table (v4), each
   * pair smaller id first; what was not a pair is dropped. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    GString *rows = g_string_new (NULL);

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM (SELECT kind, a_id, b_id FROM dedupe_dismissed "
                                             "ORDER BY kind, a_id) UNION ALL SELECT 'meta', count (*), 0 "
                                             "FROM meta WHERE key = 'dedupe-dismissed'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (rows, "%s:%s,%s;", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_assert_cmpstr (rows->str, ==, "organization:9,4194381;person:5,4194382;meta:0,0;");
    g_string_free (rows, TRUE);
  }

  q = crm_query_new (CRM_TYPE_AFFILIATION);
  crm_query_add_text (q, "stakeholder-role", CRM_QUERY_EQ, "economic-buyer");
  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  aff = g_list_model_get_item (model, 0);
  g_assert_cmpstr (crm_affiliation_get_title (aff), ==, "CFO");
  g_assert_cmpint (crm_affiliation_get_person_id (aff), ==, 4194382);

  /* Version 3 sorts Han names by pinyin. */
  {
    g_autoptr(CrmRecord) li = NULL;
    g_autoptr(GAsyncResult) r3 = NULL;

    crm_store_load_async (store, CRM_TYPE_PERSON, 4194382, NULL, crm_test_store_result, &r3);
    li = crm_store_load_finish (store, crm_test_await (&r3), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (crm_person_get_sort_key (CRM_PERSON (li)), ==, "li na 李娜");
  }

  /* New rows continue after the old ids, on the old node. */
  crm_person_set_display_name (person, "New");
  crm_store_insert_async (store, CRM_RECORD (person), NULL, crm_test_store_result, &r2);
  crm_test_await (&r2);
  g_assert_true (crm_store_insert_finish (store, r2, &error));
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (person)) & 0x3fffff, ==, 77);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (person)), >, 4194383);
  crm_store_close (store);
}

static void
test_every_version_in_order (void)
{
  /* Opening a new file runs all migrations; reopening runs none and keeps
   * the version. */
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);

  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_get_latest_schema_version ());
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migrations/v1-opens", test_v1_opens);
  g_test_add_func ("/migrations/reopen", test_every_version_in_order);

  return g_test_run ();
}
