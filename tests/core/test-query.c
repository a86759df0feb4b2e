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

static gint64
org_id (const char *name)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(CrmRecord) rec = NULL;

  crm_query_add_text (q, "name", CRM_QUERY_EQ, name);
  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  rec = g_list_model_get_item (model, 0);
  return crm_record_get_id (rec);
}

static void
test_match_any (void)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(CrmQuery) copy = NULL;
  g_autoptr(GPtrArray) found = NULL;

  crm_query_add_text (q, "industry", CRM_QUERY_EQ, "retail");
  crm_query_add_text (q, "industry", CRM_QUERY_EQ, "education");
  g_assert_cmpint (count (q), ==, 0);
  crm_query_set_match_any (q, TRUE);
  g_assert_true (crm_query_get_match_any (q));
  found = names (q);
  crm_test_assert_strv (found, "Beta 100%", "École Polytechnique", NULL);

  copy = crm_query_copy (q);
  g_assert_true (crm_query_equal (q, copy));
  crm_query_set_match_any (copy, FALSE);
  g_assert_false (crm_query_equal (q, copy));

  /* the trash stays out of an ORed query */
  crm_query_set_trashed (q, TRUE);
  g_assert_cmpint (count (q), ==, 0);
}

static void
test_ranges_and_lists (void)
{
  const char *industries[] = { "retail", "education", NULL };
  const char *none[] = { NULL };

  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_int_range (q, "annual-revenue", 100000, 900000);
    g_assert_cmpint (count (q), ==, 3);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_text_range (q, "name", "B", "Zz");
    g_assert_cmpint (count (q), ==, 2);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(GPtrArray) found = NULL;

    crm_query_add_text_in (q, "industry", industries, FALSE);
    found = names (q);
    crm_test_assert_strv (found, "Beta 100%", "École Polytechnique", NULL);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_text_in (q, "industry", industries, TRUE);
    g_assert_cmpint (count (q), ==, 3);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_text_in (q, "industry", none, FALSE);
    g_assert_cmpint (count (q), ==, 0);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(CrmQuery) q2 = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(CrmQuery) q3 = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_is_set (q, "annual-revenue", FALSE);
    g_assert_cmpint (count (q), ==, 1);
    crm_query_add_is_set (q2, "parent-id", TRUE);
    g_assert_cmpint (count (q2), ==, 0);
    crm_query_add_is_set (q3, "website", FALSE);
    g_assert_cmpint (count (q3), ==, 5);
  }
}

static void
test_ids (void)
{
  gint64 ids[] = { org_id ("acme"), org_id ("Zeta_under"), 12345 };
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(CrmQuery) empty = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GPtrArray) found = NULL;

  crm_query_add_ids (q, ids, G_N_ELEMENTS (ids));
  found = names (q);
  crm_test_assert_strv (found, "acme", "Zeta_under", NULL);

  crm_query_add_ids (empty, NULL, 0);
  g_assert_cmpint (count (empty), ==, 0);
}

static void
test_custom_values (void)
{
  g_autoptr(CrmCustomField) text_field = crm_custom_field_new ();
  g_autoptr(CrmCustomField) num_field = crm_custom_field_new ();
  const char *keys[] = { "a-1", "'; DROP TABLE custom_value; --", NULL };
  struct { const char *org, *text; gint64 num; } values[] = {
    { "acme", "A-1", 10 }, { "Beta 100%", "b-2", 200 }, { "Zeta_under", "'; DROP TABLE custom_value; --", 0 },
  };
  gint64 tf, nf;

  crm_custom_field_set_target (text_field, "organization");
  crm_custom_field_set_key (text_field, "code");
  insert (text_field);
  crm_custom_field_set_target (num_field, "organization");
  crm_custom_field_set_key (num_field, "seats");
  crm_custom_field_set_field_type (num_field, "number");
  insert (num_field);
  tf = crm_record_get_id (CRM_RECORD (text_field));
  nf = crm_record_get_id (CRM_RECORD (num_field));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CrmCustomValue) tv = crm_custom_value_new ();
      g_autoptr(CrmCustomValue) nv = crm_custom_value_new ();

      crm_custom_value_set_field_id (tv, tf);
      crm_custom_value_set_record_id (tv, org_id (values[i].org));
      crm_custom_value_set_text_value (tv, values[i].text);
      insert (tv);
      if (values[i].num == 0)
        continue;
      crm_custom_value_set_field_id (nv, nf);
      crm_custom_value_set_record_id (nv, org_id (values[i].org));
      crm_custom_value_set_num_value (nv, values[i].num);
      insert (nv);
    }

  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(GPtrArray) found = NULL;

    crm_query_add_custom_int (q, nf, CRM_QUERY_GE, 100);
    found = names (q);
    crm_test_assert_strv (found, "Beta 100%", NULL);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    /* "not 10" includes the organizations without a value */
    crm_query_add_custom_int (q, nf, CRM_QUERY_NE, 10);
    g_assert_cmpint (count (q), ==, 4);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_custom_int_range (q, nf, 5, 15);
    g_assert_cmpint (count (q), ==, 1);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(CrmQuery) q2 = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_custom_is_set (q, nf, TRUE);
    g_assert_cmpint (count (q), ==, 2);
    crm_query_add_custom_is_set (q2, tf, FALSE);
    g_assert_cmpint (count (q2), ==, 2);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(GPtrArray) found = NULL;

    crm_query_add_custom_text (q, tf, CRM_QUERY_PREFIX, "a-");
    found = names (q);
    crm_test_assert_strv (found, "acme", NULL);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
    g_autoptr(GPtrArray) found = NULL;

    /* values are data, in lists too */
    crm_query_add_custom_text_in (q, tf, keys, FALSE);
    found = names (q);
    crm_test_assert_strv (found, "Zeta_under", NULL);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);

    /* ORed with a column filter */
    crm_query_set_match_any (q, TRUE);
    crm_query_add_custom_text (q, tf, CRM_QUERY_EQ, "b-2");
    crm_query_add_text (q, "industry", CRM_QUERY_EQ, "education");
    g_assert_cmpint (count (q), ==, 2);
  }
}

static void
test_related (void)
{
  g_autoptr(CrmPerson) ann = crm_person_new ();
  g_autoptr(CrmPerson) bob = crm_person_new ();
  g_autoptr(CrmAffiliation) current = crm_affiliation_new ();
  g_autoptr(CrmAffiliation) former = crm_affiliation_new ();
  g_autoptr(CrmTag) tag = crm_tag_new ();
  g_autoptr(CrmRecordTag) tagged = crm_record_tag_new ();
  gint64 acme = org_id ("acme");

  crm_person_set_display_name (ann, "Ann");
  insert (ann);
  crm_person_set_display_name (bob, "Bob");
  insert (bob);
  crm_affiliation_set_person_id (current, crm_record_get_id (CRM_RECORD (ann)));
  crm_affiliation_set_organization_id (current, acme);
  insert (current);
  crm_affiliation_set_person_id (former, crm_record_get_id (CRM_RECORD (bob)));
  crm_affiliation_set_organization_id (former, acme);
  crm_affiliation_set_ended (former, "2025-01-31");
  insert (former);
  crm_tag_set_name (tag, "VIP");
  insert (tag);
  crm_record_tag_set_tag_id (tagged, crm_record_get_id (CRM_RECORD (tag)));
  crm_record_tag_set_record_kind (tagged, "person");
  crm_record_tag_set_record_id (tagged, crm_record_get_id (CRM_RECORD (bob)));
  insert (tagged);

  g_assert_true (crm_query_has_relation (CRM_TYPE_PERSON, "organization"));
  g_assert_true (crm_query_has_relation (CRM_TYPE_DEAL, "organization"));
  g_assert_false (crm_query_has_relation (CRM_TYPE_ORGANIZATION, "organization"));
  g_assert_true (crm_query_has_relation (CRM_TYPE_ORGANIZATION, "tag"));
  g_assert_false (crm_query_has_relation (CRM_TYPE_STAGE, "tag"));

  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);

    /* the ended affiliation does not count */
    crm_query_add_related (q, "organization", acme);
    g_assert_cmpint (count (q), ==, 1);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);

    crm_query_add_related_op (q, "organization", CRM_QUERY_NE, acme);
    g_assert_cmpint (count (q), ==, 1);
  }
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
    g_autoptr(CrmQuery) orgs = crm_query_new (CRM_TYPE_ORGANIZATION);

    crm_query_add_related (q, "tag", crm_record_get_id (CRM_RECORD (tag)));
    g_assert_cmpint (count (q), ==, 1);
    /* the tag is on a person, not on an organization with the same id */
    crm_query_add_related (orgs, "tag", crm_record_get_id (CRM_RECORD (tag)));
    g_assert_cmpint (count (orgs), ==, 0);
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
  g_test_add_func ("/query/match-any", test_match_any);
  g_test_add_func ("/query/ranges-and-lists", test_ranges_and_lists);
  g_test_add_func ("/query/ids", test_ids);
  g_test_add_func ("/query/custom-values", test_custom_values);
  g_test_add_func ("/query/related", test_related);

  ret = g_test_run ();
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
