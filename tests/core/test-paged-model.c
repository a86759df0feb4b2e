/* test-paged-model.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CrmPagedModel over 1,000,000 people.
 */

#include "config.h"

#include <stdlib.h>

#include "crm-models.h"
#include "crm-paged-model.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

/* 1,000,000 by default; the sanitizer build of test.sh runs fewer (the
 * full size runs in the normal build), set by CRM_TEST_PAGED_MODEL_ROWS. */
static int N_PEOPLE = 1000000;

static CrmStore *store;

static void
fill_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;
  sqlite3_stmt *stmt;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _crm_store_worker_set_bulk (worker, TRUE);
  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO person (id, created, updated, display_name, sort_key, email)"
                                    " VALUES (?, 1, 1, ?, ?, ?)", &error);
  g_assert_nonnull (stmt);
  for (int i = 0; i < N_PEOPLE; i++)
    {
      char name[32], key[32], email[48];

      /* sort keys in a different order from ids */
      g_snprintf (name, sizeof name, "Person %07d", (int) (((gint64) i * 7919) % N_PEOPLE));
      g_snprintf (key, sizeof key, "person %07d", (int) (((gint64) i * 7919) % N_PEOPLE));
      g_snprintf (email, sizeof email, "p%d@example.com", i);
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, email, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_reset (stmt);
  if (!_crm_store_worker_commit (worker, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
}

typedef struct
{
  guint position, removed, added, calls;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->position = position;
  c->removed = removed;
  c->added = added;
  c->calls++;
}

static void
wait_loaded (CrmPagedModel *model)
{
  while (crm_paged_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_million (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmPagedModel) model = crm_paged_model_new (store, q);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  Changes c = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &c);
  g_assert_true (crm_paged_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_loaded (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PEOPLE);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.added, ==, N_PEOPLE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CRM_TYPE_PAGED_ITEM);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_PEOPLE));

  for (int i = 0; i < 50; i++)
    {
      guint pos = g_rand_int_range (rand, 0, N_PEOPLE);
      g_autoptr(CrmPagedItem) item = g_list_model_get_item (G_LIST_MODEL (model), pos);
      g_autoptr(CrmPagedItem) again = g_list_model_get_item (G_LIST_MODEL (model), pos);
      g_autofree char *expected = g_strdup_printf ("Person %07u", pos);
      CrmPerson *person;

      /* stable: the same object for the same position */
      g_assert_true (item == again);
      g_assert_cmpint (crm_paged_item_get_id (item), ==, crm_paged_model_get_id (model, pos));
      while (crm_paged_item_get_loading (item))
        g_main_context_iteration (NULL, TRUE);
      person = CRM_PERSON (crm_paged_item_get_record (item));
      /* ordered by sort key, not by id */
      g_assert_cmpstr (crm_person_get_display_name (person), ==, expected);

      /* neighbours on the same page came with it */
      if (pos + 1 < (guint) N_PEOPLE && (pos + 1) % CRM_PAGED_MODEL_PAGE_SIZE != 0)
        g_assert_nonnull (crm_store_lookup (store, CRM_TYPE_PERSON, crm_paged_model_get_id (model, pos + 1)));
    }

  /* load_page_async resolves with the page in the identity map. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    guint pos = (guint) ((gint64) N_PEOPLE * 7 / 9);

    crm_paged_model_load_page_async (model, pos, NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_paged_model_load_page_finish (model, result, &error));
    g_assert_no_error (error);
    g_assert_nonnull (crm_store_lookup (store, CRM_TYPE_PERSON, crm_paged_model_get_id (model, pos)));
  }
}

static void
test_live_changes (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  Changes c = { 0 };

  crm_query_add_text (q, "sort-key", CRM_QUERY_PREFIX, "person 00001");
  model = crm_paged_model_new (store, q);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &c);

  /* An insert somewhere else (an import, another view) shows up in place. */
  crm_person_set_display_name (person, "Person 0000150b");
  crm_store_insert_async (store, CRM_RECORD (person), NULL, crm_test_store_result, &r1);
  crm_test_await (&r1);
  while (c.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 101);
  g_assert_cmpuint (c.position, ==, 51);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);

  /* Trashing removes just that row. */
  c.calls = 0;
  crm_store_trash_async (store, CRM_RECORD (person), TRUE, NULL, crm_test_store_result, &r2);
  crm_test_await (&r2);
  while (c.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  g_assert_cmpuint (c.position, ==, 51);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
}

static void
test_set_query (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmPagedModel) model = NULL;
  Changes c = { 0 };

  crm_query_add_text (q, "email", CRM_QUERY_EQ, "p5@example.com");
  model = crm_paged_model_new (store, q);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &c);
  g_clear_pointer (&q, crm_query_unref);
  q = crm_query_new (CRM_TYPE_PERSON);
  crm_query_add_text (q, "email", CRM_QUERY_EQ, "nobody@example.com");
  crm_paged_model_set_query (model, q);
  /* load_page waits for the new ids rather than paging the old ones */
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_paged_model_load_page_async (model, 0, NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_paged_model_load_page_finish (model, result, NULL));
  }
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* ordering by the base columns works too */
  g_clear_pointer (&q, crm_query_unref);
  q = crm_query_new (CRM_TYPE_PERSON);
  crm_query_add_int (q, "created", CRM_QUERY_GE, 0);
  crm_query_set_order (q, "created", TRUE);
  crm_paged_model_set_query (model, q);
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_paged_model_load_page_async (model, 0, NULL, crm_test_store_result, &result);
    crm_test_await (&result);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_PEOPLE);
}

/* A list filtered by a tag follows the tag's rows, not only the people's. */
static void
test_related_changes (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(CrmTag) tag = crm_tag_new ();
  g_autoptr(CrmRecordTag) link = crm_record_tag_new ();
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  Changes c = { 0 };

  crm_tag_set_name (tag, "vip");
  crm_store_insert_async (store, CRM_RECORD (tag), NULL, crm_test_store_result, &r1);
  crm_test_await (&r1);
  g_assert_true (crm_store_insert_finish (store, r1, NULL));

  crm_query_add_related (q, "tag", crm_record_get_id (CRM_RECORD (tag)));
  model = crm_paged_model_new (store, q);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &c);

  crm_record_tag_set_tag_id (link, crm_record_get_id (CRM_RECORD (tag)));
  crm_record_tag_set_record_kind (link, "person");
  {
    g_autoptr(CrmQuery) all = crm_query_new (CRM_TYPE_PERSON);
    g_autoptr(CrmPagedModel) everyone = crm_paged_model_new (store, all);

    wait_loaded (everyone);
    crm_record_tag_set_record_id (link, crm_paged_model_get_id (everyone, 7));
  }
  crm_store_insert_async (store, CRM_RECORD (link), NULL, crm_test_store_result, &r2);
  crm_test_await (&r2);
  while (c.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("CRM_TEST_PAGED_MODEL_ROWS") != NULL)
    N_PEOPLE = MAX (1000, atoi (g_getenv ("CRM_TEST_PAGED_MODEL_ROWS")));

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "million.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  _crm_store_run_sync (store, fill_job, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/paged-model/million", test_million);
  g_test_add_func ("/paged-model/live-changes", test_live_changes);
  g_test_add_func ("/paged-model/set-query", test_set_query);
  g_test_add_func ("/paged-model/related-changes", test_related_changes);

  ret = g_test_run ();
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
