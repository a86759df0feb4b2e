/* test-filter.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-filter.h"
#include "crm-models.h"
#include "crm-store.h"
#include "crm-test-util.h"

/* 2026-11-23 12:00 UTC */
#define NOW G_GINT64_CONSTANT (1795435200)
#define DAY 86400

static CrmStore *store;
static GListStore *custom_fields;
static gint64 acme_id, ann_id, vip_id;

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

static gint64
count_query (CrmQuery *q)
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

/* The names of the people @json matches, sorted, joined by commas. */
static char *
match (const char *json)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  crm_filter_apply (q, json, G_LIST_MODEL (custom_fields), &error);
  g_assert_no_error (error);
  crm_store_query_async (store, q, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  model = crm_store_query_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (model), ==, count_query (q));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmPerson) p = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i ? "," : "", crm_person_get_display_name (p));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_match (const char *json,
              const char *expected)
{
  g_autofree char *got = match (json);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("%s matched [%s], expected [%s]", json, got, expected);
}

static void
assert_error (const char *json,
              int         code)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_filter_apply (q, json, G_LIST_MODEL (custom_fields), &error));
  g_assert_error (error, CRM_FILTER_ERROR, code);
  g_assert_nonnull (error->message);
  /* nothing was half applied */
  g_assert_cmpuint (crm_query_get_n_filters (q), ==, 0);
  g_assert_false (crm_filter_validate ("person", json, G_LIST_MODEL (custom_fields), NULL));
}

#define RULE(f, o, v) "{\"match\":\"all\",\"rules\":[{\"field\":\"" f "\",\"op\":\"" o "\",\"value\":" v "}]}"

static void
test_text (void)
{
  assert_match (RULE ("city", "eq", "\"Berlin\""), "Ann");
  assert_match (RULE ("city", "ne", "\"Berlin\""), "Bob,Chen");
  assert_match (RULE ("city", "contains", "\"ARI\""), "Bob");
  assert_match (RULE ("city", "prefix", "\"ber\""), "Ann");
  assert_match (RULE ("city", "in", "[\"Berlin\",\"Paris\"]"), "Ann,Bob");
  assert_match (RULE ("city", "in", "[]"), "");
  assert_match (RULE ("language", "is_set", "null"), "Ann,Bob");
  assert_match (RULE ("language", "not_set", "null"), "Chen");
  assert_match (RULE ("name", "contains", "\"%\""), "");
}

static void
test_numbers (void)
{
  assert_match (RULE ("order_count", "gt", "1"), "Ann");
  assert_match (RULE ("order_count", "ge", "1"), "Ann,Bob");
  assert_match (RULE ("order_count", "lt", "1"), "Chen");
  assert_match (RULE ("order_count", "le", "1"), "Bob,Chen");
  assert_match (RULE ("order_count", "eq", "0"), "Chen");
  assert_match (RULE ("order_count", "ne", "0"), "Ann,Bob");
  assert_match (RULE ("order_count", "between", "[1,3]"), "Ann,Bob");
  assert_match (RULE ("total_spend", "ge", "10000"), "Ann");
  assert_match (RULE ("rfm_score", "between", "[3,6]"), "Bob");
}

static void
test_age (void)
{
  /* Ann was born 2000-06-01 (26), Bob 1990-11-23 (36 today), Chen: unknown */
  assert_match (RULE ("age", "between", "[25,34]"), "Ann");
  assert_match (RULE ("age", "ge", "36"), "Bob");
  assert_match (RULE ("age", "gt", "36"), "");
  assert_match (RULE ("age", "lt", "36"), "Ann");
  assert_match (RULE ("age", "le", "36"), "Ann,Bob");
  assert_match (RULE ("age", "eq", "26"), "Ann");
  assert_match (RULE ("age", "eq", "27"), "");
  assert_error (RULE ("age", "eq", "-3"), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("age", "ne", "30"), CRM_FILTER_ERROR_BAD_OPERATOR);
}

static void
test_choice_and_bool (void)
{
  assert_match (RULE ("gender", "eq", "\"female\""), "Ann");
  assert_match (RULE ("gender", "ne", "\"female\""), "Bob,Chen");
  assert_match (RULE ("gender", "not_set", "null"), "Chen");
  assert_match (RULE ("preferred_channel", "in", "[\"sms\",\"chat\"]"), "Bob");
  assert_error (RULE ("gender", "eq", "\"alien\""), CRM_FILTER_ERROR_BAD_VALUE);
  assert_match (RULE ("consent_email", "eq", "true"), "Ann");
  assert_match (RULE ("is_customer", "eq", "false"), "Chen");
  assert_error (RULE ("is_customer", "eq", "1"), CRM_FILTER_ERROR_BAD_VALUE);
}

static void
test_dates (void)
{
  /* customer_since: Ann 2026-10-01, Bob 2020-01-01, Chen none */
  assert_match (RULE ("customer_since", "ge", "\"2026-01-01\""), "Ann");
  assert_match (RULE ("customer_since", "gt", "\"2026-10-01\""), "");
  assert_match (RULE ("customer_since", "le", "\"2026-10-01\""), "Ann,Bob");
  assert_match (RULE ("customer_since", "lt", "\"2026-10-01\""), "Bob");
  assert_match (RULE ("customer_since", "eq", "\"2020-01-01\""), "Bob");
  assert_match (RULE ("customer_since", "between", "[\"2019-01-01\",\"2020-12-31\"]"), "Bob");
  assert_match (RULE ("customer_since", "within_days", "90"), "Ann");
  assert_match (RULE ("customer_since", "older_days", "365"), "Bob");
  assert_match (RULE ("customer_since", "not_set", "null"), "Chen");
  assert_error (RULE ("customer_since", "ge", "\"2026-02-30\""), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("customer_since", "ge", "\"yesterday\""), CRM_FILTER_ERROR_BAD_VALUE);

  /* last_purchase: Ann 10 days ago, Bob 400 days ago, Chen never */
  assert_match (RULE ("last_purchase", "within_days", "30"), "Ann");
  assert_match (RULE ("last_purchase", "older_days", "30"), "Bob");
  assert_match (RULE ("last_purchase", "eq", "\"2026-11-13\""), "Ann");
  assert_match (RULE ("last_purchase", "lt", "\"2026-01-01\""), "Bob");
  assert_match (RULE ("last_purchase", "le", "\"2026-11-13\""), "Ann,Bob");
  assert_match (RULE ("last_purchase", "gt", "\"2026-11-13\""), "");
  assert_match (RULE ("last_purchase", "ge", "\"2026-11-13\""), "Ann");
  assert_match (RULE ("last_purchase", "between", "[\"2025-01-01\",\"2025-12-31\"]"), "Bob");
  assert_match (RULE ("last_purchase", "not_set", "null"), "Chen");
}

static void
test_relations (void)
{
  g_autofree char *org = g_strdup_printf (RULE ("organization", "eq", "%" G_GINT64_FORMAT), acme_id);
  g_autofree char *not_org = g_strdup_printf (RULE ("organization", "ne", "%" G_GINT64_FORMAT),
                                              acme_id);

  assert_match (org, "Ann");
  assert_match (not_org, "Bob,Chen");
  assert_match (RULE ("owner", "not_set", "null"), "Ann,Bob,Chen");
  {
    g_autofree char *tagged = g_strdup_printf (RULE ("tag", "eq", "%" G_GINT64_FORMAT), vip_id);
    g_autofree char *untagged = g_strdup_printf (RULE ("tag", "ne", "%" G_GINT64_FORMAT), vip_id);

    assert_match (tagged, "Bob");
    assert_match (untagged, "Ann,Chen");
  }
  assert_error (RULE ("organization", "eq", "\"Acme\""), CRM_FILTER_ERROR_BAD_VALUE);
}

static gint64
count_orgs (const char *json)
{
  g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_ORGANIZATION);
  g_autoptr(GError) error = NULL;

  crm_filter_apply (q, json, NULL, &error);
  g_assert_no_error (error);
  return count_query (q);
}

static void
test_organizations (void)
{
  /* Acme: software, key tier, 5,000,000.00 revenue, no size band */
  g_assert_cmpint (count_orgs (RULE ("industry", "in", "[\"software\",\"retail\"]")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("industry", "ne", "\"software\"")), ==, 0);
  g_assert_cmpint (count_orgs (RULE ("tier", "eq", "\"strategic\"")), ==, 0);
  g_assert_cmpint (count_orgs (RULE ("tier", "eq", "\"key\"")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("size", "not_set", "null")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("annual_revenue", "between", "[100000000,600000000]")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("annual_revenue", "gt", "500000000")), ==, 0);
  g_assert_cmpint (count_orgs (RULE ("open_deal_value", "eq", "0")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("last_activity", "not_set", "null")), ==, 1);
  g_assert_cmpint (count_orgs (RULE ("city", "contains", "\"x\"")), ==, 0);
}

static void
test_custom (void)
{
  assert_match (RULE ("custom:loyalty", "eq", "\"gold\""), "Ann");
  assert_match (RULE ("custom:loyalty", "ne", "\"gold\""), "Bob,Chen");
  assert_match (RULE ("custom:loyalty", "in", "[\"gold\",\"silver\"]"), "Ann,Bob");
  assert_match (RULE ("custom:loyalty", "not_set", "null"), "Chen");
  assert_error (RULE ("custom:loyalty", "eq", "\"platinum\""), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("custom:nothing", "eq", "\"x\""), CRM_FILTER_ERROR_UNKNOWN_FIELD);
  assert_match (RULE ("custom:renewal", "gt", "\"2026-11-30\""), "Ann");
  assert_match (RULE ("custom:renewal", "lt", "\"2026-11-30\""), "Bob");
  assert_match (RULE ("custom:renewal", "between", "[\"2026-01-01\",\"2026-12-31\"]"), "Ann,Bob");
  assert_match (RULE ("custom:renewal", "within_days", "30"), "Bob");
  assert_match (RULE ("custom:seats", "ge", "10"), "Ann");
  assert_match (RULE ("custom:seats", "is_set", "null"), "Ann");
}

static void
test_match_any_all (void)
{
  assert_match ("{\"match\":\"any\",\"rules\":["
                "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"},"
                "{\"field\":\"gender\",\"op\":\"eq\",\"value\":\"male\"}]}", "Ann,Bob");
  assert_match ("{\"match\":\"all\",\"rules\":["
                "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"},"
                "{\"field\":\"gender\",\"op\":\"eq\",\"value\":\"male\"}]}", "");
  /* match defaults to all, and no rules match everyone */
  assert_match ("{\"rules\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"},"
                "{\"field\":\"gender\",\"op\":\"eq\",\"value\":\"female\"}]}", "Ann");
  assert_match ("{}", "Ann,Bob,Chen");
  assert_match ("{\"match\":\"any\",\"rules\":[]}", "Ann,Bob,Chen");
}

static void
test_bad_filters (void)
{
  assert_error ("{", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("[]", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("{\"match\":\"some\"}", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("{\"rules\":{}}", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("{\"rules\":[1]}", CRM_FILTER_ERROR_SYNTAX);
  assert_error ("{\"rules\":[{\"field\":\"city\"}]}", CRM_FILTER_ERROR_SYNTAX);
  assert_error (RULE ("password", "eq", "\"x\""), CRM_FILTER_ERROR_UNKNOWN_FIELD);
  assert_error (RULE ("industry", "eq", "\"software\""), CRM_FILTER_ERROR_UNKNOWN_FIELD);
  assert_error (RULE ("city", "like", "\"x\""), CRM_FILTER_ERROR_BAD_OPERATOR);
  assert_error (RULE ("order_count", "contains", "\"1\""), CRM_FILTER_ERROR_BAD_OPERATOR);
  assert_error (RULE ("order_count", "eq", "\"3\""), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("order_count", "between", "[1]"), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("city", "eq", "null"), CRM_FILTER_ERROR_BAD_VALUE);
  assert_error (RULE ("city", "in", "[\"a\",2]"), CRM_FILTER_ERROR_BAD_VALUE);
  /* the second rule is bad: the first is not applied either */
  assert_error ("{\"rules\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"},"
                "{\"field\":\"nope\",\"op\":\"eq\",\"value\":1}]}", CRM_FILTER_ERROR_UNKNOWN_FIELD);
}

static void
test_values_are_data (void)
{
  const char *tricky = RULE ("city", "eq", "\"'; DROP TABLE person; --\"");
  g_autoptr(CrmQuery) all = crm_query_new (CRM_TYPE_PERSON);

  assert_match (tricky, "Chen");
  assert_match (RULE ("city", "contains", "\"%\""), "");
  assert_match (RULE ("city", "contains", "\"_\""), "");
  assert_match (RULE ("city", "in", "[\"') OR 1=1 --\"]"), "");
  /* a choice is checked against the field's keys before it gets near SQL */
  assert_error (RULE ("custom:loyalty", "ne", "\"gold' OR '1'='1\""), CRM_FILTER_ERROR_BAD_VALUE);
  assert_match (RULE ("custom:seats", "ne", "12"), "Bob,Chen");
  g_assert_cmpint (count_query (all), ==, 3);
}

static void
test_catalog (void)
{
  guint n_people = 0, n_orgs = 0;
  const CrmFilterField *people = crm_filter_fields ("person", &n_people);
  const CrmFilterField *orgs = crm_filter_fields ("organization", &n_orgs);
  const char *required_people[] = {
    "organization", "city", "region", "country", "age", "gender", "language", "consent_email",
    "consent_sms", "consent_phone", "preferred_channel", "customer_since", "order_count",
    "total_spend", "last_purchase", "last_activity", "rfm_score", "rfm_recency",
    "rfm_frequency", "rfm_monetary", "is_customer", "owner", "tag",
  };
  const char *required_orgs[] = {
    "industry", "size", "annual_revenue", "region", "country", "city", "tier", "owner",
    "open_deal_value", "last_activity", "tag",
  };

  g_assert_nonnull (people);
  g_assert_nonnull (orgs);
  for (guint i = 0; i < G_N_ELEMENTS (required_people); i++)
    g_assert_nonnull (crm_filter_find_field ("person", required_people[i]));
  for (guint i = 0; i < G_N_ELEMENTS (required_orgs); i++)
    g_assert_nonnull (crm_filter_find_field ("organization", required_orgs[i]));
  g_assert_null (crm_filter_fields ("stage", NULL));

  /* every field's property exists on its record, every op key round-trips */
  for (guint t = 0; t < 2; t++)
    {
      const CrmFilterField *fields = t ? orgs : people;
      GType type = t ? CRM_TYPE_ORGANIZATION : CRM_TYPE_PERSON;
      g_autoptr(GTypeClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < (t ? n_orgs : n_people); i++)
        {
          g_assert_nonnull (crm_filter_field_get_label (&fields[i]));
          g_assert_cmpuint (fields[i].ops, !=, 0);
          if (fields[i].property)
            g_assert_nonnull (g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                            fields[i].property));
          else
            g_assert_true (crm_query_has_relation (type, fields[i].key));
          if (fields[i].kind == CRM_FILTER_KIND_CHOICE)
            g_assert_cmpuint (fields[i].n_choices, >, 0);
        }
    }
  for (CrmFilterOp op = 0; op < CRM_FILTER_N_OPS; op++)
    {
      CrmFilterOp back;

      g_assert_true (crm_filter_op_from_key (crm_filter_op_to_key (op), &back));
      g_assert_cmpint (back, ==, op);
      g_assert_nonnull (crm_filter_op_get_label (op, CRM_FILTER_KIND_DATE));
    }
  g_assert_cmpint (crm_filter_kind_for_custom_type ("date"), ==, CRM_FILTER_KIND_DATE);
  g_assert_cmpint (crm_filter_kind_for_custom_type ("choice"), ==, CRM_FILTER_KIND_CHOICE);
}

static void
test_describe (void)
{
  g_autofree char *two = NULL;
  g_autofree char *one = NULL;
  g_autofree char *none = NULL;
  g_autofree char *orgs = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *custom = NULL;

  two = crm_filter_describe ("person",
                             "{\"match\":\"all\",\"rules\":["
                             "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"},"
                             "{\"field\":\"age\",\"op\":\"between\",\"value\":[25,34]}]}",
                             NULL, NULL, NULL);
  g_assert_cmpstr (two, ==, "All of: City is “Berlin”; Age is between 25 and 34");
  one = crm_filter_describe ("person", RULE ("last_purchase", "within_days", "30"), NULL, NULL,
                             NULL);
  g_assert_cmpstr (one, ==, "Last purchase is within the last 30 days");
  none = crm_filter_describe ("person", CRM_FILTER_EMPTY, NULL, NULL, NULL);
  g_assert_cmpstr (none, ==, "Everyone");
  orgs = crm_filter_describe ("organization",
                              "{\"match\":\"any\",\"rules\":["
                              "{\"field\":\"tier\",\"op\":\"eq\",\"value\":\"strategic\"},"
                              "{\"field\":\"industry\",\"op\":\"in\",\"value\":[\"software\",\"retail\"]}]}",
                              NULL, NULL, NULL);
  g_assert_cmpstr (orgs, ==, "Any of: Tier is Strategic; Industry is one of Software, Retail");
  bad = crm_filter_describe ("person", "{", NULL, NULL, NULL);
  g_assert_cmpstr (bad, ==, "This filter cannot be read");
  custom = crm_filter_describe ("person", RULE ("custom:loyalty", "eq", "\"gold\""),
                                G_LIST_MODEL (custom_fields), NULL, NULL);
  g_assert_cmpstr (custom, ==, "Loyalty is Gold");
}

static void
test_build_query (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) q = NULL;

  crm_filter_build_query_async (store, "person", RULE ("custom:loyalty", "in", "[\"gold\"]"),
                                NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  q = crm_filter_build_query_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_query (q), ==, 1);
  g_clear_object (&result);

  crm_filter_build_query_async (store, "organization", RULE ("custom:loyalty", "eq", "\"gold\""),
                                NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_null (crm_filter_build_query_finish (store, result, &error));
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_UNKNOWN_FIELD);
}

static CrmPerson *
add_person (const char *name,
            const char *city,
            const char *birth,
            const char *gender,
            const char *since,
            gint64      orders,
            gint64      spend,
            gint64      last_purchase)
{
  CrmPerson *p = crm_person_new ();

  crm_person_set_display_name (p, name);
  crm_person_set_city (p, city);
  crm_person_set_birth_date (p, birth);
  crm_person_set_gender (p, gender);
  crm_person_set_customer_since (p, since);
  crm_person_set_order_count (p, orders);
  crm_person_set_total_spend (p, spend);
  crm_person_set_last_purchase (p, last_purchase);
  crm_person_set_is_customer (p, orders > 0);
  crm_person_set_rfm_score (p, orders > 1 ? 12 : orders ? 5 : 0);
  crm_person_set_language (p, orders > 0 ? "en" : "");
  insert (p);
  return p;
}

static void
add_custom_value (gint64      field,
                  gint64      record,
                  const char *text,
                  gint64      num)
{
  g_autoptr(CrmCustomValue) v = crm_custom_value_new ();

  crm_custom_value_set_field_id (v, field);
  crm_custom_value_set_record_id (v, record);
  crm_custom_value_set_text_value (v, text);
  crm_custom_value_set_num_value (v, num);
  insert (v);
}

static CrmCustomField *
add_field (const char *key,
           const char *label,
           const char *type,
           const char *choices)
{
  CrmCustomField *f = crm_custom_field_new ();

  crm_custom_field_set_target (f, "person");
  crm_custom_field_set_key (f, key);
  crm_custom_field_set_label (f, label);
  crm_custom_field_set_field_type (f, type);
  crm_custom_field_set_choices (f, choices);
  insert (f);
  g_list_store_append (custom_fields, f);
  return f;
}

static gint64
julian (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static void
populate (void)
{
  g_autoptr(CrmPerson) ann = add_person ("Ann", "Berlin", "2000-06-01", "female", "2026-10-01",
                                         3, 15000, NOW - 10 * DAY);
  g_autoptr(CrmPerson) bob = add_person ("Bob", "Paris", "1990-11-23", "male", "2020-01-01",
                                         1, 2000, NOW - 400 * DAY);
  g_autoptr(CrmPerson) chen = add_person ("Chen", "'; DROP TABLE person; --", "", "", "",
                                          0, 0, 0);
  g_autoptr(CrmOrganization) acme = crm_organization_new ();
  g_autoptr(CrmAffiliation) aff = crm_affiliation_new ();
  g_autoptr(CrmCustomField) loyalty = NULL;
  g_autoptr(CrmCustomField) renewal = NULL;
  g_autoptr(CrmCustomField) seats = NULL;

  crm_person_set_consent_email (ann, TRUE);
  crm_person_set_preferred_channel (bob, "sms");
  crm_organization_set_name (acme, "Acme");
  crm_organization_set_industry (acme, "software");
  crm_organization_set_tier (acme, "key");
  crm_organization_set_annual_revenue (acme, 500000000);
  insert (acme);
  acme_id = crm_record_get_id (CRM_RECORD (acme));
  ann_id = crm_record_get_id (CRM_RECORD (ann));
  crm_affiliation_set_person_id (aff, ann_id);
  crm_affiliation_set_organization_id (aff, acme_id);
  insert (aff);
  {
    g_autoptr(CrmTag) vip = crm_tag_new ();
    g_autoptr(CrmRecordTag) on_bob = crm_record_tag_new ();

    crm_tag_set_name (vip, "VIP");
    insert (vip);
    vip_id = crm_record_get_id (CRM_RECORD (vip));
    crm_record_tag_set_tag_id (on_bob, vip_id);
    crm_record_tag_set_record_kind (on_bob, "person");
    crm_record_tag_set_record_id (on_bob, crm_record_get_id (CRM_RECORD (bob)));
    insert (on_bob);
  }

  loyalty = add_field ("loyalty", "Loyalty", "choice",
                       "[{\"key\":\"gold\",\"label\":\"Gold\"},{\"key\":\"silver\",\"label\":\"Silver\"}]");
  renewal = add_field ("renewal", "Renewal", "date", "[]");
  seats = add_field ("seats", "Seats", "number", "[]");
  add_custom_value (crm_record_get_id (CRM_RECORD (loyalty)), ann_id, "gold", 0);
  add_custom_value (crm_record_get_id (CRM_RECORD (loyalty)), crm_record_get_id (CRM_RECORD (bob)),
                    "silver", 0);
  add_custom_value (crm_record_get_id (CRM_RECORD (renewal)), ann_id, NULL, julian (2026, 12, 1));
  add_custom_value (crm_record_get_id (CRM_RECORD (renewal)), crm_record_get_id (CRM_RECORD (bob)),
                    NULL, julian (2026, 11, 1));
  add_custom_value (crm_record_get_id (CRM_RECORD (seats)), ann_id, NULL, 12);

  /* flush the pending consent and channel edits */
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_store_save_async (store, CRM_RECORD (ann), NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_store_save_finish (store, result, NULL));
    g_clear_object (&result);
    crm_store_save_async (store, CRM_RECORD (bob), NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_store_save_finish (store, result, NULL));
  }
  (void) chen;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, NOW);
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("CRM_STORE_NOW", now, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "filter.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  custom_fields = g_list_store_new (CRM_TYPE_CUSTOM_FIELD);
  populate ();

  g_test_add_func ("/filter/catalog", test_catalog);
  g_test_add_func ("/filter/text", test_text);
  g_test_add_func ("/filter/numbers", test_numbers);
  g_test_add_func ("/filter/age", test_age);
  g_test_add_func ("/filter/choice-and-bool", test_choice_and_bool);
  g_test_add_func ("/filter/dates", test_dates);
  g_test_add_func ("/filter/relations", test_relations);
  g_test_add_func ("/filter/organizations", test_organizations);
  g_test_add_func ("/filter/custom", test_custom);
  g_test_add_func ("/filter/match-any-all", test_match_any_all);
  g_test_add_func ("/filter/bad-filters", test_bad_filters);
  g_test_add_func ("/filter/values-are-data", test_values_are_data);
  g_test_add_func ("/filter/describe", test_describe);
  g_test_add_func ("/filter/build-query", test_build_query);

  ret = g_test_run ();
  g_object_unref (custom_fields);
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
