/* test-segments.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "crm-demo.h"
#include "crm-filter.h"
#include "crm-models.h"
#include "crm-segment-list.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmStore *store;
static sqlite3 *raw;   /* a second, read-only connection for hand counts */

static gint64
hand_count (const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GListModel *
list_segments (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  crm_segments_list_async (store, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_segments_list_finish (store, result, &error);
  g_assert_no_error (error);
  return model;
}

static gint64
count (const char  *target,
       const char  *json,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_segment_count_async (store, target, json, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  return crm_segment_count_finish (store, result, error);
}

static void
test_demo_segments (void)
{
  g_autoptr(GListModel) segments = list_segments ();
  /* the demo's six segments, by position, and what each should match */
  const char *sql[] = {
    "SELECT count(*) FROM organization WHERE deleted = 0 AND tier = 'strategic'",
    "SELECT count(*) FROM organization WHERE deleted = 0 AND industry = 'software'",
    "SELECT count(*) FROM organization WHERE deleted = 0 AND size_band IN ('1001-5000', '5000+')",
    "SELECT count(*) FROM person WHERE deleted = 0 AND is_customer = 1 AND consent_email = 1",
    "SELECT count(*) FROM person WHERE deleted = 0 AND preferred_channel = 'sms'",
    "SELECT count(*) FROM person WHERE deleted = 0 AND customer_since BETWEEN '2026-08-25' AND '2026-11-23'",
  };

  g_assert_cmpuint (g_list_model_get_n_items (segments), ==, G_N_ELEMENTS (sql));
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(CrmSegment) segment = g_list_model_get_item (segments, i);
      g_autoptr(GError) error = NULL;
      gint64 expected = hand_count (sql[i]);
      gint64 n = count (crm_segment_get_target (segment), crm_segment_get_filter (segment), &error);

      g_assert_no_error (error);
      g_assert_cmpint (expected, >, 0);
      g_assert_cmpint (n, ==, expected);
    }
}

static void
test_counts_match_hand_counts (void)
{
  struct { const char *target, *json, *sql; } cases[] = {
    { "person",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"order_count\",\"op\":\"ge\",\"value\":3},"
      "{\"field\":\"total_spend\",\"op\":\"ge\",\"value\":50000}]}",
      "SELECT count(*) FROM person WHERE deleted = 0 AND order_count >= 3 AND total_spend >= 50000" },
    { "person",
      "{\"match\":\"any\",\"rules\":[{\"field\":\"rfm_score\",\"op\":\"ge\",\"value\":13},"
      "{\"field\":\"gender\",\"op\":\"eq\",\"value\":\"other\"}]}",
      "SELECT count(*) FROM person WHERE deleted = 0 AND (rfm_score >= 13 OR gender = 'other')" },
    { "person",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"custom:loyalty_level\",\"op\":\"eq\",\"value\":\"gold\"}]}",
      "SELECT count(*) FROM person p WHERE deleted = 0 AND EXISTS (SELECT 1 FROM custom_value v "
      "JOIN custom_field f ON f.id = v.field_id WHERE f.key = 'loyalty_level' AND v.record_id = p.id "
      "AND v.text_value = 'gold')" },
    { "organization",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"annual_revenue\",\"op\":\"between\",\"value\":[100000000,5000000000]},"
      "{\"field\":\"tier\",\"op\":\"ne\",\"value\":\"standard\"}]}",
      "SELECT count(*) FROM organization WHERE deleted = 0 AND annual_revenue BETWEEN 100000000 "
      "AND 5000000000 AND tier != 'standard'" },
    { "person", CRM_FILTER_EMPTY, "SELECT count(*) FROM person WHERE deleted = 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 n = count (cases[i].target, cases[i].json, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, hand_count (cases[i].sql));
    }

  /* a rfm job ran with the demo: some people are scored */
  g_assert_cmpint (hand_count ("SELECT count(*) FROM person WHERE rfm_score BETWEEN 3 AND 15"), >, 0);
}

static void
test_create_update_delete (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSegment) segment = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) restored = NULL;
  const char *json = "{\"match\":\"all\",\"rules\":[{\"field\":\"city\",\"op\":\"prefix\",\"value\":\"S\"}]}";

  /* refused: no name, a bad filter, an unknown target */
  crm_segment_create_async (store, "  ", "person", json, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_null (crm_segment_create_finish (store, result, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);
  crm_segment_create_async (store, "Bad", "person", "{\"rules\":[{\"field\":\"industry\","
                            "\"op\":\"eq\",\"value\":\"software\"}]}", NULL,
                            crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_null (crm_segment_create_finish (store, result, &error));
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_clear_object (&result);

  crm_segment_create_async (store, " S cities ", "person", json, NULL, crm_test_store_result,
                            &result);
  crm_test_await (&result);
  segment = crm_segment_create_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_segment_get_name (segment), ==, "S cities");
  g_assert_cmpint (crm_segment_get_position (segment), ==, 6);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (segment)), !=, 0);

  /* update: checked first; a refused change keeps the old values */
  g_assert_false (crm_segment_update (segment, "", NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_segment_update (segment, "New", "{", NULL, &error));
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_cmpstr (crm_segment_get_name (segment), ==, "S cities");
  g_assert_true (crm_segment_update (segment, "Cities with S", CRM_FILTER_EMPTY, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_segment_get_filter (segment), ==, CRM_FILTER_EMPTY);

  /* delete is the trash, and undoable */
  g_clear_object (&result);
  crm_store_trash_async (store, CRM_RECORD (segment), TRUE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_trash_finish (store, result, &error));
  after = list_segments ();
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 6);
  g_clear_object (&result);
  crm_store_trash_async (store, CRM_RECORD (segment), FALSE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_trash_finish (store, result, &error));
  restored = list_segments ();
  g_assert_cmpuint (g_list_model_get_n_items (restored), ==, 7);
  {
    g_autoptr(CrmSegment) last = g_list_model_get_item (restored, 6);

    g_assert_true (last == segment);
    g_assert_cmpstr (crm_segment_get_name (last), ==, "Cities with S");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("CRM_STORE_NOW", "1795392000", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "segments.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  crm_demo_generate_sync (store, CRM_DEMO_SMALL, "en", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_test_add_func ("/segments/demo-segments", test_demo_segments);
  g_test_add_func ("/segments/counts-match-hand-counts", test_counts_match_hand_counts);
  g_test_add_func ("/segments/create-update-delete", test_create_update_delete);

  ret = g_test_run ();
  sqlite3_close (raw);
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
