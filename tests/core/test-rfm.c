/* test-rfm.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-models.h"
#include "crm-rfm.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmStore *store;
static CrmPerson *people[13];
static guint n_changed;

static void
insert (gpointer record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, CRM_RECORD (record), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  crm_store_insert_finish (store, result, &error);
  g_assert_no_error (error);
}

static void
reload (CrmPerson *p)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) same = NULL;

  crm_store_load_async (store, CRM_TYPE_PERSON, crm_record_get_id (CRM_RECORD (p)), NULL,
                        crm_test_store_result, &result);
  crm_test_await (&result);
  same = crm_store_load_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_true (same == CRM_RECORD (p));
}

/* An order through the store, so that the schema's triggers keep the
 * person's order_count, total_spend and last_purchase. */
static void
add_order (CrmPerson *p,
           gint64     ordered,
           gint64     total,
           const char *status)
{
  g_autoptr(CrmCustomerOrder) order = crm_customer_order_new ();

  crm_customer_order_set_person_id (order, crm_record_get_id (CRM_RECORD (p)));
  crm_customer_order_set_ordered (order, ordered);
  crm_customer_order_set_total (order, total);
  crm_customer_order_set_status (order, status);
  insert (order);
}

static void
on_changed_cb (CrmStore   *s,
               const char *table,
               GArray     *ids,
               gpointer    user_data)
{
  n_changed++;
}

static void
assert_scores (guint  i,
               gint64 r,
               gint64 f,
               gint64 m)
{
  CrmPerson *p = people[i];

  reload (p);
  if (crm_person_get_rfm_recency (p) != r || crm_person_get_rfm_frequency (p) != f ||
      crm_person_get_rfm_monetary (p) != m || crm_person_get_rfm_score (p) != r + f + m)
    g_error ("person %u: got %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             " (%" G_GINT64_FORMAT "), expected %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT, i, crm_person_get_rfm_recency (p),
             crm_person_get_rfm_frequency (p), crm_person_get_rfm_monetary (p),
             crm_person_get_rfm_score (p), r, f, m);
}

static void
test_quintiles (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gulong id;

  /* Person i (1..10) last bought at day i, made 11 - i paid orders (a
   * refunded one does not count), and spent 100 (1..5) or 500 (6..10) in
   * total.  With ten people, quintiles are pairs: rank k gives
   * 1 + (k - 1) * 5 / 10. */
  id = g_signal_connect (store, "changed::person", G_CALLBACK (on_changed_cb), NULL);
  n_changed = 0;
  crm_rfm_recompute_async (store, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_recompute_finish (store, result, &error), ==, 10);
  g_assert_no_error (error);
  g_signal_handler_disconnect (store, id);
  /* one notification for the whole run, not one per person */
  g_assert_cmpuint (n_changed, ==, 1);

  assert_scores (1, 1, 5, 1);
  assert_scores (2, 1, 5, 1);
  assert_scores (3, 2, 4, 1);
  assert_scores (4, 2, 4, 1);
  assert_scores (5, 3, 3, 1);
  assert_scores (6, 3, 3, 3);
  assert_scores (7, 4, 2, 3);
  assert_scores (8, 4, 2, 3);
  assert_scores (9, 5, 1, 3);
  assert_scores (10, 5, 1, 3);
  /* no paid order: no score, and a stale one is cleared */
  assert_scores (11, 0, 0, 0);
  /* trashed people are out of the population */
  assert_scores (12, 0, 0, 0);

  g_assert_cmpint (crm_rfm_get_last_run_sync (store, NULL), ==, 1795435200);
}

static void
test_refresh (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* fresh: nothing to do */
  crm_rfm_refresh_async (store, CRM_RFM_MAX_AGE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_refresh_finish (store, result, &error), ==, -1);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* a day later the scores are stale */
  g_setenv ("CRM_STORE_NOW", "1795521601", TRUE);
  crm_rfm_refresh_async (store, CRM_RFM_MAX_AGE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_refresh_finish (store, result, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_cmpint (crm_rfm_get_last_run_sync (store, NULL), ==, 1795521601);
}

static void
test_new_order_moves_scores (void)
{
  g_autoptr(GError) error = NULL;

  /* person 1 buys big today: newest purchase, and the top spender */
  add_order (people[1], 1795521601, 100000, "paid");
  g_assert_cmpint (crm_rfm_recompute_sync (store, &error), ==, 10);
  g_assert_no_error (error);
  reload (people[1]);
  g_assert_cmpint (crm_person_get_rfm_recency (people[1]), ==, 5);
  g_assert_cmpint (crm_person_get_rfm_monetary (people[1]), ==, 5);
  /* and person 10 is no longer the newest alone: ranks 9 and 10 → 5 */
  assert_scores (10, 5, 1, 3);
  assert_scores (2, 1, 5, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("CRM_STORE_NOW", "1795435200", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "rfm.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);

      people[i] = crm_person_new ();
      crm_person_set_display_name (people[i], name);
      insert (people[i]);
      if (i > 10)
        continue;
      for (guint k = 0; k < 11 - i; k++)
        add_order (people[i], (gint64) i * 86400 - k, k == 0 ? (i <= 5 ? 100 : 500) : 0, "paid");
      add_order (people[i], (gint64) 1000 * 86400, 99999, "refunded");
    }
  /* a stale score on someone without orders */
  crm_person_set_rfm_score (people[11], 9);
  crm_person_set_rfm_recency (people[11], 3);
  /* a trashed buyer */
  add_order (people[12], 5 * 86400, 300, "paid");
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_store_save_async (store, CRM_RECORD (people[11]), NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_store_save_finish (store, result, NULL));
    g_clear_object (&result);
    crm_store_trash_async (store, CRM_RECORD (people[12]), TRUE, NULL, crm_test_store_result,
                           &result);
    crm_test_await (&result);
    g_assert_true (crm_store_trash_finish (store, result, NULL));
  }

  g_test_add_func ("/rfm/quintiles", test_quintiles);
  g_test_add_func ("/rfm/refresh", test_refresh);
  g_test_add_func ("/rfm/new-order-moves-scores", test_new_order_moves_scores);

  ret = g_test_run ();
  for (guint i = 1; i <= 12; i++)
    g_object_unref (people[i]);
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
