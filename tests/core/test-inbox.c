/* test-inbox.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inbox's queries (crm-inbox.c): which tickets each folder holds and in
 * which order, on a handful of hand-made tickets with known answers, and
 * how SQLite reads every folder in every order.  Without statistics the
 * plans depend on the schema and the SQL only, so a small database shows
 * what a million tickets get: the deadline order of each folder, and All in
 * any order, come from an index without a sort; the backlog folders read
 * their statuses from an index and sort them; nothing scans the table.
 */

#include "config.h"

#include <string.h>

#include "crm-inbox.h"
#include "crm-models.h"
#include "crm-query-private.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define NOW 1790000000

static CrmStore *store;

/* The ids @query lists, "id,id,..."; transfer full. */
static char *
list (CrmQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  GString *s = g_string_new (NULL);

  crm_store_query_async (store, query, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmRecord) ticket = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", crm_record_get_id (ticket));
    }
  return g_string_free (s, FALSE);
}

static char *
folder_ids (CrmInboxFolder        folder,
            gint64                me,
            const CrmInboxFilter *filter)
{
  g_autoptr(CrmQuery) query = crm_inbox_query_new (folder, me, NOW, filter);

  return list (query);
}

/*  id  status               assignee  sla_due     priority  channel  org  number subject
 *  1   new                  -         NOW+600     high      email    -    101    Printer jams
 *  2   open                 7         NOW-60      normal    phone    10   102    Refund please
 *  3   waiting-on-customer  7         NOW-3600    urgent    chat     -    103    Login fails
 *  4   resolved             8         0           low       email    10   104    Refund done
 *  5   closed               -         0           normal    email    -    105    Old question
 *  6   open                 8         NOW+7200    urgent    email    -    106    Printer offline
 *  7   new                  -         0           normal    web-form -    107    No target
 *  8   open (in the trash)  -         NOW-5       high      email    -    108    Trashed
 * created = id * 100, updated = 1000 - id. */
static void
fill (void)
{
  g_autofree char *out = NULL;

  out = crm_test_query (store, "INSERT INTO staff_user (id, created, updated, name) VALUES "
                        "(7, 0, 0, 'Ann'), (8, 0, 0, 'Bob')");
  g_free (out);
  out = crm_test_query (store, "INSERT INTO organization (id, created, updated, name) VALUES (10, 0, 0, 'Acme')");
  g_free (out);
  out = crm_test_query (store,
    "INSERT INTO ticket (id, created, updated, deleted, number, subject, channel, priority, status, "
    "organization_id, assignee_id, sla_due) VALUES "
    "(1, 100, 999, 0, 101, 'Printer jams', 'email', 'high', 'new', NULL, NULL, %d), "
    "(2, 200, 998, 0, 102, 'Refund please', 'phone', 'normal', 'open', 10, 7, %d), "
    "(3, 300, 997, 0, 103, 'Login fails', 'chat', 'urgent', 'waiting-on-customer', NULL, 7, %d), "
    "(4, 400, 996, 0, 104, 'Refund done', 'email', 'low', 'resolved', 10, 8, 0), "
    "(5, 500, 995, 0, 105, 'Old question', 'email', 'normal', 'closed', NULL, NULL, 0), "
    "(6, 600, 994, 0, 106, 'Printer offline', 'email', 'urgent', 'open', NULL, 8, %d), "
    "(7, 700, 993, 0, 107, 'No target', 'web-form', 'normal', 'new', NULL, NULL, 0), "
    "(8, 800, 992, 1, 108, 'Trashed', 'email', 'high', 'open', NULL, NULL, %d)",
    NOW + 600, NOW - 60, NOW - 3600, NOW + 7200, NOW - 5);
}

static void
test_folders (void)
{
  const struct
  {
    CrmInboxFolder folder;
    gint64         me;
    const char    *ids;
  } cases[] = {
    /* Deadline first, none last; waiting keeps its due time. */
    { CRM_INBOX_FOLDER_UNASSIGNED, 7, "1,7" },
    { CRM_INBOX_FOLDER_MINE, 7, "3,2" },
    { CRM_INBOX_FOLDER_MINE, 8, "6" },
    { CRM_INBOX_FOLDER_MINE, 0, "" },
    { CRM_INBOX_FOLDER_OPEN, 7, "2,1,6,7" },
    { CRM_INBOX_FOLDER_WAITING, 7, "3" },
    /* Running and past due: the paused clock of 3 is not breaching. */
    { CRM_INBOX_FOLDER_BREACHING, 7, "2" },
    { CRM_INBOX_FOLDER_RESOLVED, 7, "4" },
    { CRM_INBOX_FOLDER_ALL, 7, "3,2,1,6,4,5,7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = folder_ids (cases[i].folder, cases[i].me, NULL);

      g_test_message ("%s for %" G_GINT64_FORMAT ": %s", crm_inbox_folder_to_key (cases[i].folder),
                      cases[i].me, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_orders_and_filters (void)
{
  const struct
  {
    CrmInboxFilter filter;
    const char    *ids;
  } cases[] = {
    { { .sort = CRM_INBOX_SORT_CREATED }, "7,6,5,4,3,2,1" },
    { { .sort = CRM_INBOX_SORT_UPDATED }, "1,2,3,4,5,6,7" },
    /* Urgent, high, normal, low; then by deadline, none last. */
    { { .sort = CRM_INBOX_SORT_PRIORITY }, "3,6,1,2,5,7,4" },
    { { .channel = "email" }, "1,6,4,5" },
    { { .priority = "urgent" }, "3,6" },
    { { .customer = "b2b" }, "2,4" },
    { { .customer = "b2c" }, "3,1,6,5,7" },
    { { .customer = "any" }, "3,2,1,6,4,5,7" },
    { { .text = "printer" }, "1,6" },
    { { .text = "Refund", .channel = "email" }, "4" },
    { { .text = "#104" }, "4" },
    { { .text = " 106 " }, "6" },
    /* A number nobody has, and SQL as plain text. */
    { { .text = "#999" }, "" },
    { { .text = "' OR 1=1 --" }, "" },
    { { .text = "50%" }, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = folder_ids (CRM_INBOX_FOLDER_ALL, 7, &cases[i].filter);

      g_assert_cmpstr (ids, ==, cases[i].ids);
    }

  g_assert_cmpint (crm_inbox_parse_number ("#1024"), ==, 1024);
  g_assert_cmpint (crm_inbox_parse_number ("1024"), ==, 1024);
  g_assert_cmpint (crm_inbox_parse_number ("#"), ==, 0);
  g_assert_cmpint (crm_inbox_parse_number ("10a"), ==, 0);
  g_assert_cmpint (crm_inbox_parse_number ("-5"), ==, 0);
  g_assert_cmpint (crm_inbox_parse_number ("99999999999999999999"), ==, 0);
}

static void
test_keys (void)
{
  CrmInboxFolder folder;
  CrmInboxSort sort;

  for (guint i = 0; i < CRM_INBOX_N_FOLDERS; i++)
    {
      g_assert_true (crm_inbox_folder_from_key (crm_inbox_folder_to_key (i), &folder));
      g_assert_cmpint (folder, ==, i);
    }
  for (guint i = 0; i < CRM_INBOX_N_SORTS; i++)
    {
      g_assert_true (crm_inbox_sort_from_key (crm_inbox_sort_to_key (i), &sort));
      g_assert_cmpint (sort, ==, i);
    }
  g_assert_false (crm_inbox_folder_from_key ("inbox", NULL));
  g_assert_false (crm_inbox_sort_from_key (NULL, NULL));
  g_assert_true (crm_inbox_folder_uses_time (CRM_INBOX_FOLDER_BREACHING));
  g_assert_false (crm_inbox_folder_uses_time (CRM_INBOX_FOLDER_ALL));
}

static char *
plan (CrmQuery *query)
{
  g_autofree char *sql = _crm_query_build_sql (query, CRM_QUERY_SQL_IDS);

  g_assert_null (strchr (sql, '%'));
  return crm_test_query (store, "EXPLAIN QUERY PLAN %s", sql);
}

/* Every folder in every order, with and without a filter. */
static void
test_plans (void)
{
  for (guint f = 0; f < CRM_INBOX_N_FOLDERS; f++)
    for (guint s = 0; s < CRM_INBOX_N_SORTS; s++)
      {
        CrmInboxFilter filter = { .sort = s };
        g_autoptr(CrmQuery) query = crm_inbox_query_new (f, 7, NOW, &filter);
        g_autofree char *p = plan (query);
        const char *index;
        gboolean sorted;

        g_test_message ("%s by %s: %s", crm_inbox_folder_to_key (f), crm_inbox_sort_to_key (s), p);
        g_assert_null (strstr (p, "SCAN ticket"));

        switch (f)
          {
          case CRM_INBOX_FOLDER_ALL:
            index = s == CRM_INBOX_SORT_SLA ? "ticket_sla " :
                    s == CRM_INBOX_SORT_CREATED ? "ticket_created_order" :
                    s == CRM_INBOX_SORT_UPDATED ? "ticket_updated_order" : "ticket_priority_sla";
            sorted = FALSE;
            break;
          case CRM_INBOX_FOLDER_WAITING:
          case CRM_INBOX_FOLDER_RESOLVED:
          case CRM_INBOX_FOLDER_OPEN:
            index = "ticket_status_sla (deleted=? AND status=?)";
            sorted = f == CRM_INBOX_FOLDER_OPEN || s != CRM_INBOX_SORT_SLA;
            break;
          case CRM_INBOX_FOLDER_BREACHING:
            index = "sla_due<?";
            sorted = s != CRM_INBOX_SORT_SLA;
            break;
          case CRM_INBOX_FOLDER_MINE:
          case CRM_INBOX_FOLDER_UNASSIGNED:
          default:
            index = "ticket_assignee_status_sla (deleted=? AND assignee_id=? AND status=?)";
            sorted = TRUE;
            break;
          }

        g_assert_nonnull (strstr (p, index));
        /* Only the backlog folders (and other orders of the small ones) sort. */
        if (!sorted)
          g_assert_null (strstr (p, "TEMP B-TREE"));
      }
}

/* All (a million tickets) with each filter, and every filter at once, in
 * every order: the ids come from the order's index alone (schema v8), never
 * from a lookup of each ticket, and unsorted. */
static void
test_filtered_plans (void)
{
  const CrmInboxFilter filters[] = {
    { .channel = "email" },
    { .priority = "high" },
    { .customer = "b2b" },
    { .customer = "b2c" },
    { .text = "refund" },
    { .channel = "chat", .priority = "low", .customer = "b2c", .text = "50% off_" },
  };

  for (guint s = 0; s < CRM_INBOX_N_SORTS; s++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        CrmInboxFilter filter = filters[i];
        g_autoptr(CrmQuery) query = NULL;
        g_autofree char *p = NULL;
        g_autofree char *index = NULL;

        filter.sort = s;
        query = crm_inbox_query_new (CRM_INBOX_FOLDER_ALL, 7, NOW, &filter);
        p = plan (query);
        g_test_message ("all by %s, filter %u: %s", crm_inbox_sort_to_key (s), i, p);
        index = g_strdup_printf ("USING COVERING INDEX %s",
                                 s == CRM_INBOX_SORT_SLA ? "ticket_sla " :
                                 s == CRM_INBOX_SORT_CREATED ? "ticket_created_order" :
                                 s == CRM_INBOX_SORT_UPDATED ? "ticket_updated_order" : "ticket_priority_sla");
        g_assert_nonnull (strstr (p, index));
        g_assert_null (strstr (p, "TEMP B-TREE"));
      }

  /* Breaching SLA is a range of ticket_sla: a filter does not make SQLite
   * walk the whole index instead. */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(CrmQuery) query = crm_inbox_query_new (CRM_INBOX_FOLDER_BREACHING, 7, NOW, &filters[i]);
      g_autofree char *p = plan (query);

      g_assert_nonnull (strstr (p, "sla_due<?"));
      g_assert_null (strstr (p, "TEMP B-TREE"));
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

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "inbox.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  fill ();

  g_test_add_func ("/inbox/keys", test_keys);
  g_test_add_func ("/inbox/folders", test_folders);
  g_test_add_func ("/inbox/orders-and-filters", test_orders_and_filters);
  g_test_add_func ("/inbox/plans", test_plans);
  g_test_add_func ("/inbox/filtered-plans", test_filtered_plans);

  ret = g_test_run ();
  crm_store_close (store);
  g_clear_object (&store);
  return ret;
}
