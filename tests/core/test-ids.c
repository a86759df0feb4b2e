/* test-ids.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-id.h"
#include "crm-models.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

static void
test_monotonic (void)
{
  CrmIdGen gen;
  gint64 prev = 0;
  gint64 now = G_GINT64_CONSTANT (1763856000000);

  crm_id_gen_init (&gen, 12345, 0);
  for (int i = 0; i < 100000; i++)
    {
      /* the same millisecond over and over: ids still grow */
      gint64 id = crm_id_gen_next (&gen, now);

      g_assert_cmpint (id, >, prev);
      g_assert_cmpuint (crm_id_get_node (id), ==, 12345);
      prev = id;
    }

  /* A clock set back never repeats ids. */
  g_assert_cmpint (crm_id_gen_next (&gen, now - 3600 * 1000), >, prev);
  /* Positive, and the time is recoverable. */
  crm_id_gen_init (&gen, CRM_ID_NODE_MASK, 0);
  prev = crm_id_gen_next (&gen, now);
  g_assert_cmpint (prev, >, 0);
  g_assert_cmpint (crm_id_get_time_ms (prev), ==, now);
  /* 2089 still fits in 63 bits */
  g_assert_cmpint (crm_id_gen_next (&gen, G_GINT64_CONSTANT (3755289600000)), >, 0);
}

typedef struct
{
  int n;
} InsertMany;

static void
insert_many_job (CrmStoreWorker *worker,
                 GTask          *task,
                 gpointer        data)
{
  InsertMany *im = data;
  GError *error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (!_crm_store_worker_begin (worker, &error))
    goto failed;
  _crm_store_worker_set_bulk (worker, TRUE);
  stmt = _crm_store_worker_prepare (worker, "INSERT INTO tag (id, created, updated, name) VALUES (?, 0, 0, ?)", &error);
  if (stmt == NULL)
    goto failed;
  for (int i = 0; i < im->n; i++)
    {
      gint64 id = _crm_store_worker_next_id (worker);
      char name[32];

      g_snprintf (name, sizeof name, "t%" G_GINT64_FORMAT, id);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (!_crm_store_worker_commit (worker, &error))
    goto failed;
  g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  return;

failed:
  _crm_store_worker_rollback (worker);
  g_array_unref (ids);
  g_task_return_error (task, error);
}

static GArray *
insert_tags (CrmStore *store,
             int       n)
{
  g_autoptr(GError) error = NULL;
  InsertMany *im = g_new0 (InsertMany, 1);
  GArray *ids;

  im->n = n;
  ids = _crm_store_run_sync (store, insert_many_job, im, g_free, &error);
  g_assert_no_error (error);
  return ids;
}

/* Two databases filled "offline" at the same moment, then merged: no id
 * collides, and the merged rows keep their ids as INTEGER PRIMARY KEY. */
static void
test_two_databases_merge (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *a_path = g_build_filename (dir, "laptop-a.db", NULL);
  g_autofree char *b_path = g_build_filename (dir, "laptop-b.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) a = crm_store_open_sync (a_path, &error);
  g_autoptr(CrmStore) b = crm_store_open_sync (b_path, &error);
  g_autoptr(GArray) ida = NULL;
  g_autoptr(GArray) idb = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3 *db;
  g_autofree char *attach = NULL;
  char *errmsg = NULL;
  int rc;

  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_get_node_id (a), !=, crm_store_get_node_id (b));

  ida = insert_tags (a, 20000);
  idb = insert_tags (b, 20000);
  for (guint i = 0; i < ida->len; i++)
    g_hash_table_add (seen, &g_array_index (ida, gint64, i));
  for (guint i = 0; i < idb->len; i++)
    g_assert_false (g_hash_table_contains (seen, &g_array_index (idb, gint64, i)));

  crm_store_close (a);
  crm_store_close (b);

  /* Merge b into a with plain SQL: INSERT of the same primary key would fail. */
  g_assert_cmpint (sqlite3_open (a_path, &db), ==, SQLITE_OK);
  attach = g_strdup_printf ("ATTACH '%s' AS other; INSERT INTO main.tag (id, created, updated, name) "
                            "SELECT id, created, updated, 'b-' || name FROM other.tag;", b_path);
  rc = sqlite3_exec (db, attach, NULL, NULL, &errmsg);
  g_assert_cmpstr (errmsg, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Ids keep growing across a close and reopen even if the clock went back. */
static void
test_persisted_counter (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "db.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  guint32 node = crm_store_get_node_id (store);

  g_assert_no_error (error);
  /* borrows ~1 s from the future */
  first = insert_tags (store, 1000);
  crm_store_close (store);
  g_clear_object (&store);

  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_get_node_id (store), ==, node);
  second = insert_tags (store, 10);
  g_assert_cmpint (g_array_index (second, gint64, 0), >, g_array_index (first, gint64, first->len - 1));
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ids/monotonic", test_monotonic);
  g_test_add_func ("/ids/two-databases-merge", test_two_databases_merge);
  g_test_add_func ("/ids/persisted-counter", test_persisted_counter);

  return g_test_run ();
}
