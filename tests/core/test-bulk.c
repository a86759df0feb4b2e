/* test-bulk.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bulk trash, restore, set-field and add-tag, by ids and by query, each in
 * one transaction with one change signal, and their undo.
 */

#include "config.h"

#include <locale.h>

#include "crm-bulk.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
  guint     person_changes;
} Fixture;

/* People 1..10 live in Paris (odd) or Lyon (even); 11 is in the trash. */
static const char fixture_sql[] =
  "INSERT INTO staff_user (id, created, updated, name) VALUES (900, 1, 1, 'Sam');"
  "INSERT INTO person (id, created, updated, deleted, display_name, sort_key, city, owner_id) VALUES"
  " (1, 1, 1, 0, 'P1', 'p1', 'Paris', NULL), (2, 1, 1, 0, 'P2', 'p2', 'Lyon', NULL),"
  " (3, 1, 1, 0, 'P3', 'p3', 'Paris', NULL), (4, 1, 1, 0, 'P4', 'p4', 'Lyon', 900),"
  " (5, 1, 1, 0, 'P5', 'p5', 'Paris', NULL), (6, 1, 1, 0, 'P6', 'p6', 'Lyon', NULL),"
  " (7, 1, 1, 0, 'P7', 'p7', 'Paris', NULL), (8, 1, 1, 0, 'P8', 'p8', 'Lyon', NULL),"
  " (9, 1, 1, 0, 'P9', 'p9', 'Paris', NULL), (10, 1, 1, 0, 'P10', 'p10', 'Lyon', NULL),"
  " (11, 1, 1, 1, 'P11', 'p11', 'Paris', NULL);"
  "INSERT INTO tag (id, created, updated, name) VALUES (50, 1, 1, 'vip');"
  "INSERT INTO record_tag (id, created, updated, deleted, tag_id, record_kind, record_id) VALUES"
  " (60, 1, 1, 0, 50, 'person', 1), (61, 1, 1, 1, 50, 'person', 2);";

static void
fill_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error)
      || !_crm_store_worker_exec (worker, data, &error)
      || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  const char *sql;
  gint64      value;
} ScalarData;

static void
scalar_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  ScalarData *d = data;
  GError *error = NULL;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, d->sql, &error);

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  d->value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_task_return_boolean (task, TRUE);
}

static gint64
scalar (Fixture    *f,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  ScalarData d = { sql, -1 };

  _crm_store_run_sync (f->store, scalar_job, &d, NULL, &error);
  g_assert_no_error (error);
  return d.value;
}

static void
on_person_changed_cb (CrmStore   *store,
                      const char *table,
                      GArray     *ids,
                      Fixture    *f)
{
  f->person_changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "bulk.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  _crm_store_run_sync (f->store, fill_job, (gpointer) fixture_sql, NULL, &error);
  g_assert_no_error (error);
  /* Let the fixture's own change notifications pass first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (f->store, "changed::person", G_CALLBACK (on_person_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_store_close (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (f->store);
  g_free (f->dir);
}

static CrmBulkChange *
finish_bulk (Fixture       *f,
             GAsyncResult **result)
{
  g_autoptr(GError) error = NULL;
  CrmBulkChange *change;

  crm_test_await (result);
  change = crm_bulk_finish (f->store, *result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_clear_object (result);
  /* The change signal is dispatched after the commit. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return change;
}

static void
undo (Fixture       *f,
      CrmBulkChange *change)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_bulk_undo_async (f->store, change, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_bulk_undo_finish (f->store, result, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_trash_ids (Fixture       *f,
                gconstpointer  data)
{
  const gint64 ids[] = { 2, 5, 9, 11, 4242 };
  g_autoptr(CrmBulkTarget) target = crm_bulk_target_new_ids (CRM_TYPE_PERSON, ids, G_N_ELEMENTS (ids));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmBulkChange) change = NULL;

  crm_bulk_trash_async (f->store, target, TRUE, NULL, crm_test_store_result, &result);
  change = finish_bulk (f, &result);

  /* 11 was in the trash already and 4242 does not exist: neither counts. */
  g_assert_cmpuint (crm_bulk_change_get_n_records (change), ==, 3);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 1"), ==, 4);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 1 AND id IN (2, 5, 9)"), ==, 3);
  g_assert_cmpuint (f->person_changes, ==, 1);

  undo (f, change);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT deleted FROM person WHERE id = 11"), ==, 1);
  g_assert_cmpuint (f->person_changes, ==, 2);
}

static void
test_trash_query (Fixture       *f,
                  gconstpointer  data)
{
  const gint64 except[] = { 3 };
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmBulkTarget) target = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmBulkChange) change = NULL;

  crm_query_add_text (query, "city", CRM_QUERY_EQ, "Paris");
  crm_query_set_order (query, "display-name", TRUE);
  crm_query_set_limit (query, 1);
  target = crm_bulk_target_new_query (query, except, G_N_ELEMENTS (except));
  g_assert_true (crm_bulk_target_get_record_type (target) == CRM_TYPE_PERSON);

  crm_bulk_trash_async (f->store, target, TRUE, NULL, crm_test_store_result, &result);
  change = finish_bulk (f, &result);

  /* Paris: 1 3 5 7 9 live (the limit is ignored), minus 3. */
  g_assert_cmpuint (crm_bulk_change_get_n_records (change), ==, 4);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 0"), ==, 6);
  g_assert_cmpint (scalar (f, "SELECT deleted FROM person WHERE id = 3"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 0 AND city = 'Lyon'"), ==, 5);
  g_assert_cmpuint (f->person_changes, ==, 1);

  undo (f, change);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE deleted = 0"), ==, 10);
}

static void
test_set_field (Fixture       *f,
                gconstpointer  data)
{
  const gint64 ids[] = { 1, 2, 4 };
  g_autoptr(CrmBulkTarget) target = crm_bulk_target_new_ids (CRM_TYPE_PERSON, ids, G_N_ELEMENTS (ids));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmBulkChange) change = NULL;
  g_autoptr(CrmBulkChange) owner = NULL;
  g_autoptr(GError) error = NULL;

  crm_bulk_set_field_async (f->store, target, "city", g_variant_new_string ("Lyon"), NULL,
                            crm_test_store_result, &result);
  change = finish_bulk (f, &result);
  /* 2 and 4 live in Lyon already. */
  g_assert_cmpuint (crm_bulk_change_get_n_records (change), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE city = 'Lyon'"), ==, 6);

  crm_bulk_set_field_async (f->store, target, "owner-id", g_variant_new_int64 (900), NULL,
                            crm_test_store_result, &result);
  owner = finish_bulk (f, &result);
  g_assert_cmpuint (crm_bulk_change_get_n_records (owner), ==, 2);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE owner_id = 900"), ==, 3);
  g_assert_cmpuint (f->person_changes, ==, 2);

  undo (f, owner);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE owner_id = 900"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE owner_id IS NULL"), ==, 10);
  undo (f, change);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE city = 'Paris' AND id = 1"), ==, 1);

  /* Derived and mistyped fields are refused, and nothing is written. */
  crm_bulk_set_field_async (f->store, target, "sort-key", g_variant_new_string ("x"), NULL,
                            crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_null (crm_bulk_finish (f->store, result, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  crm_bulk_set_field_async (f->store, target, "city", g_variant_new_int64 (3), NULL,
                            crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_null (crm_bulk_finish (f->store, result, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM person WHERE sort_key = 'x'"), ==, 0);
}

static void
test_add_tag (Fixture       *f,
              gconstpointer  data)
{
  const gint64 ids[] = { 1, 2, 3 };
  g_autoptr(CrmBulkTarget) target = crm_bulk_target_new_ids (CRM_TYPE_PERSON, ids, G_N_ELEMENTS (ids));
  g_autoptr(CrmQuery) lyon = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmBulkTarget) all_lyon = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmBulkChange) vip = NULL;
  g_autoptr(CrmBulkChange) fresh = NULL;

  /* 1 has it, 2's link is in the trash, 3 has none. */
  crm_bulk_add_tag_async (f->store, target, " vip ", NULL, crm_test_store_result, &result);
  vip = finish_bulk (f, &result);
  g_assert_cmpuint (crm_bulk_change_get_n_records (vip), ==, 2);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM record_tag WHERE tag_id = 50 AND deleted = 0"), ==, 3);

  crm_query_add_text (lyon, "city", CRM_QUERY_EQ, "Lyon");
  all_lyon = crm_bulk_target_new_query (lyon, NULL, 0);
  crm_bulk_add_tag_async (f->store, all_lyon, "北京", NULL, crm_test_store_result, &result);
  fresh = finish_bulk (f, &result);
  g_assert_cmpuint (crm_bulk_change_get_n_records (fresh), ==, 5);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM record_tag r JOIN tag t ON t.id = r.tag_id "
                              "WHERE t.name = '北京' AND r.deleted = 0"), ==, 5);

  undo (f, fresh);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM tag WHERE name = '北京'"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM record_tag"), ==, 3);
  undo (f, vip);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM record_tag WHERE deleted = 0"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM record_tag"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/bulk/trash-ids", Fixture, NULL, fixture_set_up, test_trash_ids, fixture_tear_down);
  g_test_add ("/bulk/trash-query", Fixture, NULL, fixture_set_up, test_trash_query, fixture_tear_down);
  g_test_add ("/bulk/set-field", Fixture, NULL, fixture_set_up, test_set_field, fixture_tear_down);
  g_test_add ("/bulk/add-tag", Fixture, NULL, fixture_set_up, test_add_tag, fixture_tear_down);

  return g_test_run ();
}
