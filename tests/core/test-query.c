/* test-query.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-models.h"
#include "crm-query-private.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmStore *store;

static void
add_org (const char *name,
         const char *industry,
         gint64      revenue)
{
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autoptr(GAsyncResult) result = NULL;

  crm_organization_set_name (org, name);
  crm_organization_set_industry (org, industry);
  crm_organization_set_annual_revenue (org, revenue);
  crm_store_insert_async (store, CRM_RECORD (org), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, NULL));
}

static GPtrArray *
names (CrmQuery *q)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_free);

  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmOrganization) org = g_list_model_get_item (model, i);

      g_ptr_array_add (ret, g_strdup (crm_organization_get_name (org)));
    }
  return ret;
}

static gint64
count (CrmQuery *q)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  crm_store_count_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  n = crm_store_count_finish (store, result, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_filters_and_order (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rich = NULL;
  g_autoptr(GPtrArray) desc = NULL;
  g_autoptr(CrmQuery) q2 = NULL;

  all = names (q);
  g_assert_cmpuint (all->len, ==, 5);
  /* default order: the case-folded sort key */
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "acme");
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, "Beta 100%");

  crm_query_add_text (q, "industry", CRM_QUERY_EQ, "software");
  crm_query_add_int (q, "annual-revenue", CRM_QUERY_GE, 500000);
  crm_query_set_order (q, "annual-revenue", TRUE);
  rich = names (q);
  g_assert_cmpuint (rich->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rich, 0), ==, "Zeta_under");
  g_assert_cmpint (count (q), ==, 2);

  q2 = crm_query_copy (q);
  g_assert_true (crm_query_equal (q, q2));
  crm_query_set_limit (q2, 1);
  g_assert_false (crm_query_equal (q, q2));
  desc = names (q2);
  g_assert_cmpuint (desc->len, ==, 1);
}

/* User input is a value, never a pattern or SQL. */
static void
test_user_input_is_literal (void)
{
  const char *tricky[] = { "%", "_", "100%", "'; DROP TABLE organization; --", "\"", "*", "NEAR", "-", "\\" };

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

      crm_query_add_text (q, "name", CRM_QUERY_CONTAINS, tricky[i]);
      count (q);
    }

  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(GPtrArray) found = NULL;

    crm_query_add_text (q, "name", CRM_QUERY_CONTAINS, "100%");
    found = names (q);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "Beta 100%");
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_text (q, "name", CRM_QUERY_CONTAINS, "_");
    g_assert_cmpint (count (q), ==, 1);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    /* prefix on the sort key is case-insensitive, also beyond ASCII */
    crm_query_add_text (q, "sort-key", CRM_QUERY_PREFIX, "ÉCOLE");
    g_assert_cmpint (count (q), ==, 1);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_text (q, "name", CRM_QUERY_CONTAINS, "科技");
    g_assert_cmpint (count (q), ==, 1);
  }
}

static void
test_null_references (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

  crm_query_add_int (q, "parent-id", CRM_QUERY_EQ, 0);
  g_assert_cmpint (count (q), ==, 5);
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
  path = g_build_filename (dir, "q.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  add_org ("acme", "software", 100000);
  add_org ("Beta 100%", "retail", 900000);
  add_org ("Zeta_under", "software", 2000000);
  add_org ("École Polytechnique", "education", 0);
  add_org ("上海华信科技有限公司", "software", 700000);

  g_test_add_func ("/query/filters-and-order", test_filters_and_order);
  g_test_add_func ("/query/user-input-is-literal", test_user_input_is_literal);
  g_test_add_func ("/query/null-references", test_null_references);

  ret = g_test_run ();
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
