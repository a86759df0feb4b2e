/* test-related.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the record pages load about a record (crm-related.c) and when task
 * reminders fall due (crm-reminder.c), on a real store.
 */

#include "config.h"

#include "crm-format.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-related.h"
#include "crm-reminder.h"
#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "rapport.db", NULL);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_store_close (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->store);
  g_free (f->path);
  g_free (f->dir);
}

static gpointer
insert (CrmStore *store,
        gpointer  record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, record, NULL, crm_test_store_result, &result);
  g_assert_true (crm_store_insert_finish (store, crm_test_await (&result), &error));
  g_assert_no_error (error);

  return record;
}

static GListModel *
query (CrmStore *store,
       CrmQuery *q)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  model = crm_store_query_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);

  return model;
}

static CrmActivity *
new_activity (const char *kind,
              const char *subject_kind,
              gint64      subject_id,
              const char *summary,
              gint64      occurred)
{
  CrmActivity *activity = g_object_new (CRM_TYPE_ACTIVITY, NULL);

  crm_activity_set_kind (activity, kind);
  crm_activity_set_subject_kind (activity, subject_kind);
  crm_activity_set_subject_id (activity, subject_id);
  crm_activity_set_summary (activity, summary);
  crm_activity_set_occurred (activity, occurred);

  return activity;
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CrmActivity) old_call = new_activity ("call", "person", 7, "old call", 1000);
  g_autoptr(CrmActivity) meeting = new_activity ("meeting", "person", 7, "meeting", 5000);
  g_autoptr(CrmActivity) open_task = new_activity ("task", "person", 7, "open task", 0);
  g_autoptr(CrmActivity) other = new_activity ("note", "person", 8, "someone else", 9000);
  g_autoptr(CrmActivity) org_note = new_activity ("note", "organization", 7, "an organization", 9000);
  g_autoptr(CrmQuery) q = crm_related_timeline_query ("person", 7);
  g_autoptr(GListModel) loaded = NULL;
  g_autoptr(GListModel) sorted = NULL;
  const char *expected[] = { "open task", "meeting", "old call" };

  insert (f->store, old_call);
  insert (f->store, open_task);
  insert (f->store, meeting);
  insert (f->store, other);
  insert (f->store, org_note);

  /* An open task counts from when it was logged (now, after the others). */
  g_assert_cmpint (crm_related_timeline_time (CRM_RECORD (open_task)), ==,
                   crm_record_get_created (CRM_RECORD (open_task)));
  g_assert_cmpint (crm_related_timeline_time (CRM_RECORD (meeting)), ==, 5000);

  loaded = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (loaded), ==, 3);
  sorted = crm_related_sort_timeline (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (sorted), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CrmActivity) activity = g_list_model_get_item (sorted, i);

      g_assert_cmpstr (crm_activity_get_summary (activity), ==, expected[i]);
    }
}

static void
test_orders_newest_first (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CrmPerson) ana = g_object_new (CRM_TYPE_PERSON, "display-name", "Ana", NULL);
  g_autoptr(CrmPerson) bo = g_object_new (CRM_TYPE_PERSON, "display-name", "Bo", NULL);
  g_autoptr(CrmQuery) q = NULL;
  g_autoptr(GListModel) orders = NULL;
  const gint64 times[] = { 3000, 1000, 2000 };
  gint64 previous = G_MAXINT64;

  insert (f->store, ana);
  insert (f->store, bo);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(CrmCustomerOrder) order = g_object_new (CRM_TYPE_CUSTOMER_ORDER, NULL);

      crm_customer_order_set_person_id (order, crm_record_get_id (CRM_RECORD (ana)));
      crm_customer_order_set_ordered (order, times[i]);
      crm_customer_order_set_total (order, 100 * (i + 1));
      insert (f->store, order);
    }
  {
    g_autoptr(CrmCustomerOrder) order = g_object_new (CRM_TYPE_CUSTOMER_ORDER, NULL);

    crm_customer_order_set_person_id (order, crm_record_get_id (CRM_RECORD (bo)));
    crm_customer_order_set_ordered (order, 4000);
    insert (f->store, order);
  }

  q = crm_related_query (CRM_TYPE_CUSTOMER_ORDER, "person-id", crm_record_get_id (CRM_RECORD (ana)));
  orders = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CrmCustomerOrder) order = g_list_model_get_item (orders, i);

      g_assert_cmpint (crm_customer_order_get_person_id (order), ==,
                       crm_record_get_id (CRM_RECORD (ana)));
      g_assert_cmpint (crm_customer_order_get_ordered (order), <, previous);
      previous = crm_customer_order_get_ordered (order);
    }
}

static void
on_ready_cb (CrmRelatedNames *names,
             gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static CrmDeal *
new_deal (CrmStore   *store,
          CrmStage   *stage,
          gint64      amount,
          const char *currency)
{
  CrmDeal *deal = g_object_new (CRM_TYPE_DEAL, NULL);

  crm_deal_set_name (deal, "deal");
  crm_deal_set_pipeline_id (deal, crm_stage_get_pipeline_id (stage));
  crm_deal_set_stage_id (deal, crm_record_get_id (CRM_RECORD (stage)));
  crm_deal_set_amount (deal, amount);
  crm_deal_set_currency (deal, currency);

  return insert (store, deal);
}

static void
test_deal_totals (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmPipeline) pipeline = g_object_new (CRM_TYPE_PIPELINE, "name", "Sales", NULL);
  g_autoptr(CrmStaffUser) owner = g_object_new (CRM_TYPE_STAFF_USER, "name", "Li Na", NULL);
  g_autoptr(CrmStage) open = NULL;
  g_autoptr(CrmStage) won = NULL;
  g_autoptr(CrmStage) lost = NULL;
  g_autoptr(CrmRelatedNames) names = NULL;
  g_autoptr(GListStore) deals = g_list_store_new (CRM_TYPE_DEAL);
  g_autoptr(CrmDeal) closed_in_open = NULL;
  g_autofree char *open_total = NULL;
  g_autofree char *won_total = NULL;
  g_autofree char *lost_total = NULL;
  g_autofree char *eur = crm_format_money (5000, "EUR");
  g_autofree char *usd = crm_format_money (150000, "USD");
  g_autofree char *expected = g_strconcat (eur, " + ", usd, NULL);
  g_autofree char *won_usd = crm_format_money (70000, "USD");
  gint64 owner_id;
  gboolean ready = FALSE;
  guint count = 99;

  insert (f->store, pipeline);
  insert (f->store, owner);
  owner_id = crm_record_get_id (CRM_RECORD (owner));
  open = g_object_new (CRM_TYPE_STAGE, "pipeline-id", crm_record_get_id (CRM_RECORD (pipeline)),
                       "name", "Proposal", "kind", "open", NULL);
  won = g_object_new (CRM_TYPE_STAGE, "pipeline-id", crm_record_get_id (CRM_RECORD (pipeline)),
                      "name", "Won", "kind", "won", NULL);
  lost = g_object_new (CRM_TYPE_STAGE, "pipeline-id", crm_record_get_id (CRM_RECORD (pipeline)),
                       "name", "Lost", "kind", "lost", NULL);
  insert (f->store, open);
  insert (f->store, won);
  insert (f->store, lost);

  /* Open: 1,000 + 500 USD and 50 EUR; won: 700 USD and a closed deal left
   * in an open stage; lost: 300 USD. */
  {
    g_autoptr(CrmDeal) d1 = new_deal (f->store, open, 100000, "USD");
    g_autoptr(CrmDeal) d2 = new_deal (f->store, open, 50000, "USD");
    g_autoptr(CrmDeal) d3 = new_deal (f->store, open, 5000, "EUR");
    g_autoptr(CrmDeal) d4 = new_deal (f->store, won, 40000, "USD");
    g_autoptr(CrmDeal) d5 = new_deal (f->store, lost, 30000, "USD");

    g_list_store_append (deals, d1);
    g_list_store_append (deals, d2);
    g_list_store_append (deals, d3);
    g_list_store_append (deals, d4);
    g_list_store_append (deals, d5);
  }
  closed_in_open = new_deal (f->store, open, 30000, "USD");
  crm_deal_set_closed (closed_in_open, 1000);
  g_list_store_append (deals, closed_in_open);

  names = crm_related_names_new (f->store, NULL);
  g_signal_connect (names, "ready", G_CALLBACK (on_ready_cb), &ready);
  crm_test_wait_flag (&ready);
  g_assert_true (crm_related_names_is_ready (names));
  g_assert_cmpstr (g_hash_table_lookup (crm_related_names_get_staff (names), &owner_id), ==, "Li Na");
  g_assert_cmpstr (crm_related_names_get_stage (names, crm_record_get_id (CRM_RECORD (won))),
                   ==, "Won");
  g_assert_null (crm_related_names_get_stage (names, 12345));

  g_assert_cmpint (crm_related_names_deal_state (names, CRM_RECORD (closed_in_open)), ==,
                   CRM_DEAL_STATE_WON);

  /* Never added across currencies; in a stable order. */
  open_total = crm_related_names_deal_total (names, G_LIST_MODEL (deals), CRM_DEAL_STATE_OPEN, &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (open_total, ==, expected);
  won_total = crm_related_names_deal_total (names, G_LIST_MODEL (deals), CRM_DEAL_STATE_WON, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (won_total, ==, won_usd);
  lost_total = crm_related_names_deal_total (names, G_LIST_MODEL (deals), CRM_DEAL_STATE_LOST, NULL);
  g_assert_cmpstr (lost_total, !=, "");

  /* A renamed stage reaches the names after the change. */
  ready = FALSE;
  crm_stage_set_name (won, "Closed Won");
  crm_test_wait_flag (&ready);
  g_assert_cmpstr (crm_related_names_get_stage (names, crm_record_get_id (CRM_RECORD (won))),
                   ==, "Closed Won");
}

static CrmActivity *
new_task (gint64 remind,
          gint64 done)
{
  CrmActivity *task = new_activity ("task", "person", 1, "task", 0);

  crm_activity_set_due (task, remind + 600);
  crm_activity_set_remind (task, remind);
  crm_activity_set_done (task, done);

  return task;
}

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  const gint64 now = 1800000000;
  g_autoptr(CrmActivity) past = new_task (now - 30, 0);
  g_autoptr(CrmActivity) soon = new_task (now + 60, 0);
  g_autoptr(CrmActivity) later = new_task (now + 3600, 0);
  g_autoptr(CrmActivity) done = new_task (now + 10, now - 100);
  g_autoptr(CrmActivity) none = new_task (0, 0);
  g_autoptr(GListStore) tasks = g_list_store_new (CRM_TYPE_ACTIVITY);
  g_autoptr(CrmQuery) q = NULL;
  g_autoptr(GListModel) pending = NULL;

  g_list_store_append (tasks, later);
  g_list_store_append (tasks, done);
  g_list_store_append (tasks, past);
  g_list_store_append (tasks, none);
  g_list_store_append (tasks, soon);

  /* The earliest open reminder after the moment asked about. */
  g_assert_cmpint (crm_reminder_next_due (G_LIST_MODEL (tasks), now), ==, now + 60);
  g_assert_cmpint (crm_reminder_next_due (G_LIST_MODEL (tasks), now + 60), ==, now + 3600);
  g_assert_cmpint (crm_reminder_next_due (G_LIST_MODEL (tasks), now + 3600), ==, 0);
  g_assert_cmpint (crm_reminder_next_due (G_LIST_MODEL (tasks), now - 1000), ==, now - 30);

  /* Due in (from, to]; a done task never is. */
  g_assert_true (crm_reminder_is_due (past, now - 60, now));
  g_assert_false (crm_reminder_is_due (past, now - 30, now));
  g_assert_false (crm_reminder_is_due (soon, now - 60, now));
  g_assert_true (crm_reminder_is_due (soon, now, now + 60));
  g_assert_false (crm_reminder_is_due (done, now, now + 60));
  g_assert_false (crm_reminder_is_due (none, -1, now));

  /* The store gives the open reminders after a moment, earliest first. */
  insert (f->store, later);
  insert (f->store, done);
  insert (f->store, past);
  insert (f->store, none);
  insert (f->store, soon);
  q = crm_reminder_new_query (now - 60);
  pending = query (f->store, q);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 3);
  {
    g_autoptr(CrmActivity) first = g_list_model_get_item (pending, 0);
    g_autoptr(CrmActivity) last = g_list_model_get_item (pending, 2);

    g_assert_true (first == past);
    g_assert_true (last == later);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/related/timeline", Fixture, NULL, fixture_set_up, test_timeline, fixture_tear_down);
  g_test_add ("/related/orders-newest-first", Fixture, NULL,
              fixture_set_up, test_orders_newest_first, fixture_tear_down);
  g_test_add ("/related/deal-totals", Fixture, NULL,
              fixture_set_up, test_deal_totals, fixture_tear_down);
  g_test_add ("/related/reminders", Fixture, NULL,
              fixture_set_up, test_reminders, fixture_tear_down);

  return g_test_run ();
}
