/* test-custom-fields.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-custom-fields-private.h"
#include "crm-filter.h"
#include "crm-models.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmStore *store;
static gint64 ann_id, bob_id;

static CrmCustomField *
define (const char  *target,
        const char  *label,
        const char  *type,
        const char  *choices,
        const char  *currency,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_custom_fields_define_async (store, target, label, type, choices, currency, NULL,
                                  crm_test_store_result, &result);
  crm_test_await (&result);
  return crm_custom_fields_define_finish (store, result, error);
}

static gboolean
set_value (CrmCustomField  *field,
           gint64           record,
           const char      *input,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_custom_value_set_async (store, field, record, input, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  return crm_custom_value_set_finish (store, result, error);
}

static GPtrArray *
load_values (gint64 record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *values;

  crm_custom_values_load_async (store, "person", record, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  values = crm_custom_values_load_finish (store, result, &error);
  g_assert_no_error (error);
  return values;
}

static void
test_keys (void)
{
  struct { const char *label, *key; } cases[] = {
    { "Loyalty tier", "loyalty_tier" }, { "  Contract renewal!! ", "contract_renewal" },
    { "Café crème", "cafe_creme" }, { "会员等级", "field" }, { "2nd phone", "field_2nd_phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = crm_custom_field_key_from_label (cases[i].label);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_define (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) tier = NULL;
  g_autoptr(CrmCustomField) tier2 = NULL;
  g_autoptr(CrmCustomField) org_tier = NULL;
  g_autoptr(CrmCustomField) bad = NULL;

  tier = define ("person", "Loyalty tier", "choice",
                 "[{\"key\":\"gold\",\"label\":\"Gold\"},{\"key\":\"silver\",\"label\":\"Silver\"}]",
                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_custom_field_get_key (tier), ==, "loyalty_tier");
  g_assert_cmpint (crm_custom_field_get_position (tier), ==, 0);

  /* same label: a unique key; another target: the same key is fine */
  tier2 = define ("person", "Loyalty tier", "text", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_custom_field_get_key (tier2), ==, "loyalty_tier_2");
  g_assert_cmpint (crm_custom_field_get_position (tier2), ==, 1);
  org_tier = define ("organization", "Loyalty tier", "number", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_custom_field_get_key (org_tier), ==, "loyalty_tier");
  g_assert_cmpint (crm_custom_field_get_position (org_tier), ==, 0);

  /* bad definitions are refused with a reason, and nothing is written */
  bad = define ("person", "  ", "text", NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (define ("planet", "X", "text", NULL, NULL, &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (define ("person", "X", "colour", NULL, NULL, &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (define ("person", "X", "choice", "[]", NULL, &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (define ("person", "X", "choice",
                         "[{\"key\":\"a\",\"label\":\"A\"},{\"key\":\"a\",\"label\":\"B\"}]", NULL,
                         &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (define ("person", "X", "money", NULL, "dollars", &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
}

static void
test_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) level = NULL;
  g_autoptr(CrmCustomField) seats = NULL;
  g_autoptr(CrmCustomField) budget = NULL;
  g_autoptr(CrmCustomField) renewal = NULL;
  g_autoptr(CrmCustomField) note = NULL;
  g_autoptr(GPtrArray) values = NULL;
  struct { const char *input; } bad_seats[] = { { "12.5" }, { "twelve" }, { "1e3" } };

  level = define ("person", "Level", "choice",
                  "[{\"key\":\"gold\",\"label\":\"Gold\"},{\"key\":\"silver\",\"label\":\"Silver\"}]",
                  NULL, &error);
  seats = define ("person", "Seats", "number", NULL, NULL, &error);
  budget = define ("person", "Budget", "money", NULL, "EUR", &error);
  renewal = define ("person", "Renewal", "date", NULL, NULL, &error);
  note = define ("person", "Note", "text", NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (set_value (level, ann_id, "gold", &error));
  g_assert_true (set_value (level, bob_id, "Silver", &error));   /* a label is taken too */
  g_assert_true (set_value (seats, ann_id, " 12 ", &error));
  g_assert_true (set_value (budget, ann_id, "1250.5", &error));
  g_assert_true (set_value (renewal, ann_id, "2026-12-01", &error));
  g_assert_true (set_value (note, ann_id, "'; DROP TABLE custom_value; --", &error));
  g_assert_no_error (error);

  /* each type refuses what does not fit, with a reason, and keeps the old value */
  for (guint i = 0; i < G_N_ELEMENTS (bad_seats); i++)
    {
      g_assert_false (set_value (seats, ann_id, bad_seats[i].input, &error));
      g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (set_value (budget, ann_id, "12.345", &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_value (budget, ann_id, "€12", &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_value (renewal, ann_id, "2026-02-30", &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_value (level, ann_id, "platinum", &error));
  g_assert_error (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID);
  g_clear_error (&error);

  values = load_values (ann_id);
  g_assert_cmpuint (values->len, ==, 5);
  {
    CrmCustomValueEntry *e0 = values->pdata[0], *e1 = values->pdata[1], *e2 = values->pdata[2];
    CrmCustomValueEntry *e3 = values->pdata[3], *e4 = values->pdata[4];
    g_autofree char *money = crm_custom_value_to_stable ("money", "EUR", NULL, e2->number);
    g_autofree char *day = crm_custom_value_to_stable ("date", NULL, NULL, e3->number);

    g_assert_cmpstr (e0->key, ==, "level");
    g_assert_cmpstr (e0->text, ==, "gold");
    g_assert_cmpint (e1->number, ==, 12);
    g_assert_cmpint (e2->number, ==, 125050);
    g_assert_cmpstr (money, ==, "1250.50");
    g_assert_cmpstr (day, ==, "2026-12-01");
    g_assert_cmpstr (e4->text, ==, "'; DROP TABLE custom_value; --");
  }

  /* clearing removes the value */
  g_assert_true (set_value (seats, ann_id, "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = load_values (ann_id);
  g_assert_cmpuint (values->len, ==, 4);

  /* filters by custom field see the values */
  {
    g_autoptr(CrmQuery) q = crm_query_new (CRM_TYPE_PERSON);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) fields = NULL;

    crm_filter_load_custom_fields_async (store, "person", NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    fields = crm_filter_load_custom_fields_finish (store, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    crm_filter_apply (q, "{\"match\":\"all\",\"rules\":["
                         "{\"field\":\"custom:level\",\"op\":\"in\",\"value\":[\"gold\",\"silver\"]},"
                         "{\"field\":\"custom:budget\",\"op\":\"ge\",\"value\":100000},"
                         "{\"field\":\"custom:renewal\",\"op\":\"ge\",\"value\":\"2026-11-30\"}]}",
                      fields, &error);
    g_assert_no_error (error);
    crm_store_count_async (store, q, NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_cmpint (crm_store_count_finish (store, result, &error), ==, 1);
  }
}

static void
export_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  GError *error = NULL;
  CrmCustomExport *export = crm_custom_values_for_export (worker, data, &error);

  if (export == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, export, (GDestroyNotify) crm_custom_export_free);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) code = define ("organization", "Code", "text", NULL, NULL, &error);
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autoptr(GAsyncResult) result = NULL;

  crm_organization_set_name (org, "Acme");
  crm_store_insert_async (store, CRM_RECORD (org), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, NULL));
  g_assert_true (set_value (code, crm_record_get_id (CRM_RECORD (org)), "A-1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmCustomExport) people = _crm_store_run_sync (store, export_job, "person", NULL,
                                                              &error);
    g_autoptr(CrmCustomExport) orgs = _crm_store_run_sync (store, export_job, "organization",
                                                            NULL, &error);
    const char * const *ann_row;
    const char * const *org_row;

    g_assert_no_error (error);
    /* person fields by position: loyalty_tier, loyalty_tier_2, level, seats, budget, renewal, note */
    g_assert_cmpuint (people->n_fields, ==, 7);
    g_assert_cmpstr (people->keys[2], ==, "level");
    ann_row = crm_custom_export_lookup (people, ann_id);
    g_assert_nonnull (ann_row);
    g_assert_null (ann_row[0]);
    g_assert_cmpstr (ann_row[2], ==, "gold");
    g_assert_null (ann_row[3]);
    g_assert_cmpstr (ann_row[4], ==, "1250.50");
    g_assert_cmpstr (ann_row[5], ==, "2026-12-01");
    g_assert_cmpstr (crm_custom_export_lookup (people, bob_id)[2], ==, "silver");
    org_row = crm_custom_export_lookup (orgs, crm_record_get_id (CRM_RECORD (org)));
    g_assert_cmpuint (orgs->n_fields, ==, 2);
    g_assert_cmpstr (org_row[1], ==, "A-1");
    g_assert_null (crm_custom_export_lookup (orgs, 12345));
  }
  {
    g_autofree char *a = crm_custom_value_to_stable ("money", "JPY", NULL, -1500);
    g_autofree char *b = crm_custom_value_to_stable ("money", "USD", NULL, -5);
    g_autofree char *c = crm_custom_value_to_stable ("number", NULL, NULL, 42);
    g_autofree char *d = crm_custom_value_to_stable ("choice", NULL, "gold", 0);

    g_assert_cmpstr (a, ==, "-1500");
    g_assert_cmpstr (b, ==, "-0.05");
    g_assert_cmpstr (c, ==, "42");
    g_assert_cmpstr (d, ==, "gold");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPerson) ann = crm_person_new ();
  g_autoptr(CrmPerson) bob = crm_person_new ();
  int ret;

  g_setenv ("CRM_STORE_NOW", "1795435200", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "custom.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      CrmPerson *p = i ? bob : ann;

      crm_person_set_display_name (p, i ? "Bob" : "Ann");
      crm_store_insert_async (store, CRM_RECORD (p), NULL, crm_test_store_result, &result);
      crm_test_await (&result);
      g_assert_true (crm_store_insert_finish (store, result, NULL));
    }
  ann_id = crm_record_get_id (CRM_RECORD (ann));
  bob_id = crm_record_get_id (CRM_RECORD (bob));

  g_test_add_func ("/custom-fields/keys", test_keys);
  g_test_add_func ("/custom-fields/define", test_define);
  g_test_add_func ("/custom-fields/values", test_values);
  g_test_add_func ("/custom-fields/export", test_export);

  ret = g_test_run ();
  crm_store_close (store);
  g_object_unref (store);
  return ret;
}
