/* test-service-config.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service desk's settings: working hours as a week and back, the
 * sample data's calendars, policies and replies as read, and every write
 * validated (what is refused changes nothing) and undone.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "crm-demo.h"
#include "crm-service-config.h"
#include "crm-sla.h"
#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "service.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 5, &error));
  g_assert_no_error (error);
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

static CrmServiceConfig *
load (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmServiceConfig *config;

  crm_service_config_load_async (f->store, NULL, crm_test_store_result, &result);
  config = crm_service_config_load_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static gint64
finish_save (Fixture             *f,
             GAsyncResult       **result,
             GError             **error)
{
  return crm_service_save_finish (f->store, crm_test_await (result), error);
}

static gint64
save_calendar (Fixture     *f,
               gint64       id,
               const char  *name,
               const char  *zone,
               const char  *hours,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_calendar_save_async (f->store, id, name, zone, hours, NULL,
                                   crm_test_store_result, &result);
  return finish_save (f, &result, error);
}

static gint64
add_holiday (Fixture     *f,
             gint64       calendar,
             const char  *day,
             const char  *name,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_holiday_add_async (f->store, calendar, day, name, NULL, crm_test_store_result, &result);
  return finish_save (f, &result, error);
}

static gint64
save_policy (Fixture                 *f,
             const CrmServicePolicy  *policy,
             GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_policy_save_async (f->store, policy, NULL, crm_test_store_result, &result);
  return finish_save (f, &result, error);
}

static gint64
save_reply (Fixture                *f,
            const CrmServiceReply  *reply,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_reply_save_async (f->store, reply, NULL, crm_test_store_result, &result);
  return finish_save (f, &result, error);
}

static gboolean
trash (Fixture         *f,
       CrmServiceItem   item,
       gint64           id,
       gboolean         trashed,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_trash_async (f->store, item, id, trashed, NULL, crm_test_store_result, &result);
  return crm_service_trash_finish (f->store, crm_test_await (&result), error);
}

/* --- Working hours --- */

static void
assert_round_trip (const char *hours,
                   const char *formatted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmServiceWeek) week = crm_service_week_parse (hours, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (week);
  g_assert_true (crm_service_week_validate (week, NULL));
  text = crm_service_week_format (week);
  g_assert_cmpstr (text, ==, formatted);
  /* What the settings write, the SLA clocks read. */
  g_assert_true (crm_business_hours_validate (text, &error));
  g_assert_no_error (error);
}

static void
test_week (void)
{
  static const char * const bad[] = {
    "mon-fri 17:00-09:00", "mon 09:00-12:00,11:00-13:00", "mon 09:00-17:00; mon 10:00-11:00",
    "mon-fri 09:00-17:00; fri-sat 10:00-11:00", "xyz 09:00-10:00", "mon 25:00-26:00",
    "mon 09:60-10:00", "mon", "09:00-17:00", "mon 9-17", "mon 24:30-24:45",
  };
  g_autoptr(CrmServiceWeek) week = NULL;
  g_autoptr(CrmServiceWeek) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CrmServiceRange range = { 10 * 60, 14 * 60 };

  assert_round_trip ("mon-fri 09:00-17:00", "mon-fri 09:00-17:00");
  assert_round_trip ("mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00",
                     "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00");
  /* Spaces, upper case, ranges out of order, one-digit hours: read and tidied. */
  assert_round_trip ("  Mon-Thu 13:00-17:30, 8:30-12:00 ;fri 08:00-12:00; ",
                     "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00");
  assert_round_trip ("mon,wed,fri 10:00-14:00; sat 10:00-12:00",
                     "mon,wed,fri 10:00-14:00; sat 10:00-12:00");
  assert_round_trip ("fri-mon 09:00-12:00", "mon,fri-sun 09:00-12:00");
  assert_round_trip ("24/7", "mon-sun 00:00-24:00");
  /* A day named twice has the hours of both. */
  assert_round_trip ("mon-fri 09:00-12:00; mon 13:00-17:00",
                     "mon 09:00-12:00,13:00-17:00; tue-fri 09:00-12:00");
  assert_round_trip ("mon-sun 00:00-24:00", "mon-sun 00:00-24:00");
  /* Days with the same hours join, wherever they are in the week. */
  assert_round_trip ("mon 09:00-17:00; tue 09:00-17:00; wed 10:00-12:00; thu-fri 09:00-17:00",
                     "mon-tue,thu-fri 09:00-17:00; wed 10:00-12:00");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;

      g_assert_null (crm_service_week_parse (bad[i], &bad_error));
      g_assert_error (bad_error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS);
    }

  /* Built by hand, as the settings page does. */
  week = crm_service_week_new ();
  g_assert_false (crm_service_week_validate (week, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS);
  g_clear_error (&error);
  text = crm_service_week_format (week);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  g_array_append_val (week->days[5], range);
  copy = crm_service_week_copy (week);
  range.start = 13 * 60;
  range.end = 15 * 60;
  g_array_append_val (week->days[5], range);   /* overlaps 10:00-14:00 */
  g_assert_false (crm_service_week_validate (week, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS);
  g_clear_error (&error);
  g_assert_true (crm_service_week_validate (copy, NULL));
  g_assert_cmpuint (crm_service_week_minutes (copy), ==, 4 * 60);
  text = crm_service_week_format (copy);
  g_assert_cmpstr (text, ==, "sat 10:00-14:00");
}

/* --- The sample data --- */

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmServiceConfig) config = load (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tiers = NULL;
  CrmServiceCalendar *business = NULL;

  g_assert_cmpuint (config->calendars->len, ==, 2);
  /* By name: "Around the clock" before "Business hours". */
  g_assert_cmpstr (((CrmServiceCalendar *) config->calendars->pdata[0])->name, ==, "Around the clock");
  business = config->calendars->pdata[1];
  g_assert_cmpstr (business->name, ==, "Business hours");
  g_assert_cmpstr (business->timezone, ==, "America/New_York");
  g_assert_cmpstr (business->hours, ==, "mon-fri 09:00-17:00");
  g_assert_cmpuint (business->holidays->len, ==, 8);
  for (guint i = 1; i < business->holidays->len; i++)
    g_assert_cmpstr (((CrmServiceHoliday *) business->holidays->pdata[i - 1])->day, <,
                     ((CrmServiceHoliday *) business->holidays->pdata[i])->day);
  g_assert_true (crm_service_config_find_calendar (config, business->id) == business);

  g_assert_cmpuint (config->policies->len, ==, 6);
  for (guint i = 0; i < config->policies->len; i++)
    {
      CrmServicePolicy *policy = config->policies->pdata[i];

      g_assert_true (crm_service_validate_policy (policy, NULL));
      g_assert_nonnull (crm_service_config_find_calendar (config, policy->calendar_id));
      g_assert_true (crm_service_config_find_policy (config, policy->id) == policy);
    }
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM canned_reply WHERE deleted = 0"),
                   ==, config->replies->len);
  g_assert_cmpuint (config->replies->len, >, 0);
  for (guint i = 0; i < config->replies->len; i++)
    g_assert_true (crm_service_validate_reply (config->replies->pdata[i], NULL));
  g_assert_cmpuint (config->staff->len, >, 0);
  g_assert_cmpint (config->alert_minutes, ==, CRM_SERVICE_DEFAULT_ALERT_MINUTES);

  crm_service_list_tiers_async (f->store, NULL, crm_test_store_result, &result);
  tiers = crm_service_list_tiers_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tiers[0], ==, "consumer");
  g_assert_true (g_strv_contains ((const char * const *) tiers, "strategic"));
  g_assert_true (g_strv_contains ((const char * const *) tiers, "standard"));
  g_assert_cmpuint (g_strv_length (tiers), ==,
                    1 + crm_test_query_int (f->store, "SELECT count (DISTINCT tier) FROM organization "
                                                      "WHERE deleted = 0 AND tier != ''"));
}

/* --- Calendars and holidays --- */

static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = crm_test_query (f->store, "SELECT * FROM business_calendar ORDER BY id");
  g_autofree char *after = NULL;
  gint64 id;

  /* Refused, and nothing changes. */
  g_assert_cmpint (save_calendar (f, 0, "  ", "Europe/Berlin", "mon-fri 09:00-17:00", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (save_calendar (f, 0, "Berlin", "Mars/Olympus_Mons", "mon-fri 09:00-17:00", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_TIMEZONE);
  g_clear_error (&error);
  g_assert_cmpint (save_calendar (f, 0, "Berlin", "Europe/Berlin", "mon-fri 09:00-12:00,11:00-17:00",
                                  &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS);
  g_clear_error (&error);
  g_assert_cmpint (save_calendar (f, 0, "Berlin", "Europe/Berlin", "", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS);
  g_clear_error (&error);
  g_assert_cmpint (save_calendar (f, 424242, "Berlin", "Europe/Berlin", "mon 09:00-10:00", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = crm_test_query (f->store, "SELECT * FROM business_calendar ORDER BY id");
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Added, changed (the name is stripped), and the change undone. */
  id = save_calendar (f, 0, " Berlin office ", "Europe/Berlin",
                      "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  after = crm_test_query (f->store, "SELECT name, timezone, hours FROM business_calendar WHERE id = %"
                          G_GINT64_FORMAT, id);
  g_assert_cmpstr (after, ==, "Berlin office|Europe/Berlin|mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00\n");
  g_clear_pointer (&after, g_free);
  g_assert_cmpint (save_calendar (f, id, "Berlin office", "Asia/Shanghai", "mon-sat 10:00-16:00", &error),
                   ==, id);
  g_assert_no_error (error);
  after = crm_test_query (f->store, "SELECT timezone, hours FROM business_calendar WHERE id = %"
                          G_GINT64_FORMAT, id);
  g_assert_cmpstr (after, ==, "Asia/Shanghai|mon-sat 10:00-16:00\n");
  g_clear_pointer (&after, g_free);
  g_assert_cmpint (save_calendar (f, id, "Berlin office", "Europe/Berlin",
                                  "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00", &error), ==, id);
  after = crm_test_query (f->store, "SELECT timezone, hours FROM business_calendar WHERE id = %"
                          G_GINT64_FORMAT, id);
  g_assert_cmpstr (after, ==, "Europe/Berlin|mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00\n");
  g_clear_pointer (&after, g_free);

  /* An unused calendar is deleted and restored; one policies use stays. */
  g_assert_true (trash (f, CRM_SERVICE_ITEM_CALENDAR, id, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmServiceConfig) config = load (f);

    g_assert_null (crm_service_config_find_calendar (config, id));
    g_assert_cmpuint (config->calendars->len, ==, 2);
  }
  g_assert_false (trash (f, CRM_SERVICE_ITEM_CALENDAR, id, TRUE, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (trash (f, CRM_SERVICE_ITEM_CALENDAR, id, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmServiceConfig) config = load (f);

    g_assert_nonnull (crm_service_config_find_calendar (config, id));
  }
  id = crm_test_query_int (f->store, "SELECT calendar_id FROM sla_policy WHERE deleted = 0 LIMIT 1");
  g_assert_false (trash (f, CRM_SERVICE_ITEM_CALENDAR, id, TRUE, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_IN_USE);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT deleted FROM business_calendar WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 0);
}

static void
test_holidays (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 calendar = crm_test_query_int (f->store, "SELECT id FROM business_calendar "
                                                  "WHERE name = 'Business hours'");
  gint64 n = crm_test_query_int (f->store, "SELECT count (*) FROM holiday WHERE deleted = 0");
  gint64 id, again;

  g_assert_cmpint (add_holiday (f, calendar, "2031-02-30", "Nope", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_DAY);
  g_clear_error (&error);
  g_assert_cmpint (add_holiday (f, calendar, "31/12/2031", "Nope", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_DAY);
  g_clear_error (&error);
  g_assert_cmpint (add_holiday (f, 424242, "2031-12-31", "Nope", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM holiday WHERE deleted = 0"), ==, n);

  id = add_holiday (f, calendar, "2032-02-29", "Leap day off", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (add_holiday (f, calendar, "2032-02-29", "Twice", &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_DUPLICATE);
  g_clear_error (&error);
  {
    g_autoptr(CrmServiceConfig) config = load (f);
    CrmServiceCalendar *cal = crm_service_config_find_calendar (config, calendar);
    CrmServiceHoliday *last = g_ptr_array_index (cal->holidays, cal->holidays->len - 1);

    g_assert_cmpint (last->id, ==, id);
    g_assert_cmpstr (last->day, ==, "2032-02-29");
    g_assert_cmpstr (last->name, ==, "Leap day off");
  }

  /* Removed and brought back; not back when the day was taken meanwhile. */
  g_assert_true (trash (f, CRM_SERVICE_ITEM_HOLIDAY, id, TRUE, &error));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM holiday WHERE deleted = 0"), ==, n);
  g_assert_true (trash (f, CRM_SERVICE_ITEM_HOLIDAY, id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM holiday WHERE deleted = 0"), ==, n + 1);
  g_assert_true (trash (f, CRM_SERVICE_ITEM_HOLIDAY, id, TRUE, &error));
  again = add_holiday (f, calendar, "2032-02-29", "Again", &error);
  g_assert_cmpint (again, >, 0);
  g_assert_false (trash (f, CRM_SERVICE_ITEM_HOLIDAY, id, FALSE, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_DUPLICATE);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM holiday WHERE deleted = 0"), ==, n + 1);
}

/* --- Policies --- */

static void
assert_policy_refused (Fixture                *f,
                       const CrmServicePolicy *policy,
                       int                     code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = crm_test_query (f->store, "SELECT * FROM sla_policy ORDER BY id");
  g_autofree char *after = NULL;

  g_assert_cmpint (save_policy (f, policy, &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, code);
  after = crm_test_query (f->store, "SELECT * FROM sla_policy ORDER BY id");
  g_assert_cmpstr (before, ==, after);
}

static void
test_policies (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 calendar = crm_test_query_int (f->store, "SELECT id FROM business_calendar "
                                                  "WHERE name = 'Business hours'");
  CrmServicePolicy policy = { 0, (char *) "Standard urgent", (char *) "urgent", (char *) "standard",
                              45, 6 * 60, calendar };
  g_autoptr(CrmServicePolicy) old = NULL;
  g_autofree char *row = NULL;
  g_autofree char *before = NULL;
  gint64 id, urgent;

  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "", (char *) "high", (char *) "", 60, 120,
                                                  calendar }, CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "critical", (char *) "", 60,
                                                  120, calendar }, CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "high", (char *) "Gold Tier",
                                                  60, 120, calendar }, CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "high", (char *) "", 0, 120,
                                                  calendar }, CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "low", (char *) "key", 240,
                                                  120, calendar }, CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "low", (char *) "key", 60,
                                                  CRM_SERVICE_MAX_TARGET_MINUTES + 1, calendar },
                         CRM_SERVICE_CONFIG_ERROR_INVALID);
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "X", (char *) "low", (char *) "key", 60,
                                                  120, 424242 }, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND);
  /* The sample data has one for urgent tickets of any customer already. */
  assert_policy_refused (f, &(CrmServicePolicy) { 0, (char *) "Urgent 2", (char *) "urgent", (char *) "",
                                                  10, 100, calendar }, CRM_SERVICE_CONFIG_ERROR_DUPLICATE);

  id = save_policy (f, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  row = crm_test_query (f->store, "SELECT name, priority, tier, first_response_minutes, resolution_minutes, "
                        "calendar_id = %" G_GINT64_FORMAT " FROM sla_policy WHERE id = %" G_GINT64_FORMAT,
                        calendar, id);
  g_assert_cmpstr (row, ==, "Standard urgent|urgent|standard|45|360|1\n");
  g_clear_pointer (&row, g_free);

  /* An edit, and its undo: the values from before saved back. */
  {
    g_autoptr(CrmServiceConfig) config = load (f);

    old = crm_service_policy_copy (crm_service_config_find_policy (config, id));
  }
  before = crm_test_query (f->store, "SELECT name, priority, tier, first_response_minutes, "
                           "resolution_minutes, calendar_id FROM sla_policy WHERE id = %" G_GINT64_FORMAT, id);
  policy.id = id;
  policy.name = (char *) "Premium, around the clock";
  policy.tier = (char *) "key";
  policy.calendar_id = 0;
  g_assert_cmpint (save_policy (f, &policy, &error), ==, id);
  g_assert_no_error (error);
  row = crm_test_query (f->store, "SELECT name, tier, calendar_id FROM sla_policy WHERE id = %"
                        G_GINT64_FORMAT, id);
  g_assert_cmpstr (row, ==, "Premium, around the clock|key|∅\n");
  g_clear_pointer (&row, g_free);
  g_assert_cmpint (save_policy (f, old, &error), ==, id);
  row = crm_test_query (f->store, "SELECT name, priority, tier, first_response_minutes, "
                        "resolution_minutes, calendar_id FROM sla_policy WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (row, ==, before);
  g_clear_pointer (&row, g_free);

  /* A delete, and its undo; the undo is refused when another policy took
   * the same priority and tier meanwhile. */
  urgent = crm_test_query_int (f->store, "SELECT id FROM sla_policy WHERE priority = 'urgent' AND tier = ''");
  g_assert_true (trash (f, CRM_SERVICE_ITEM_POLICY, urgent, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmServiceConfig) config = load (f);

    g_assert_null (crm_service_config_find_policy (config, urgent));
    g_assert_cmpuint (config->policies->len, ==, 6);
  }
  g_assert_true (trash (f, CRM_SERVICE_ITEM_POLICY, urgent, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (trash (f, CRM_SERVICE_ITEM_POLICY, urgent, TRUE, &error));
  policy.id = 0;
  policy.priority = (char *) "urgent";
  policy.tier = (char *) "";
  g_assert_cmpint (save_policy (f, &policy, &error), >, 0);
  g_assert_false (trash (f, CRM_SERVICE_ITEM_POLICY, urgent, FALSE, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (trash (f, CRM_SERVICE_ITEM_POLICY, 424242, TRUE, &error));
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND);
}

/* --- Canned replies --- */

static void
test_replies (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmServiceReply reply = { 0, (char *) "Refund sent", (char *) "Hi {customer}, the refund for {ticket} "
                            "is on its way. {agent}", (char *) "en" };
  g_autofree char *row = NULL;
  gint64 n = crm_test_query_int (f->store, "SELECT count (*) FROM canned_reply WHERE deleted = 0");
  gint64 id;

  g_assert_cmpint (save_reply (f, &(CrmServiceReply) { 0, (char *) " ", (char *) "x", (char *) "en" },
                               &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (save_reply (f, &(CrmServiceReply) { 0, (char *) "T", (char *) "\n ", (char *) "en" },
                               &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (save_reply (f, &(CrmServiceReply) { 0, (char *) "T", (char *) "x", (char *) "fr" },
                               &error), ==, 0);
  g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM canned_reply WHERE deleted = 0"),
                   ==, n);

  id = save_reply (f, &reply, &error);
  g_assert_no_error (error);
  reply.id = id;
  reply.title = (char *) "退款已发出";
  reply.body = (char *) "{customer}您好，工单 {ticket} 的退款已发出。{agent}";
  reply.language = (char *) "zh-CN";
  g_assert_cmpint (save_reply (f, &reply, &error), ==, id);
  row = crm_test_query (f->store, "SELECT title, body, language FROM canned_reply WHERE id = %"
                        G_GINT64_FORMAT, id);
  g_assert_cmpstr (row, ==, "退款已发出|{customer}您好，工单 {ticket} 的退款已发出。{agent}|zh-CN\n");

  g_assert_true (trash (f, CRM_SERVICE_ITEM_REPLY, id, TRUE, &error));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM canned_reply WHERE deleted = 0"),
                   ==, n);
  g_assert_true (trash (f, CRM_SERVICE_ITEM_REPLY, id, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmServiceConfig) config = load (f);

    g_assert_cmpstr (crm_service_config_find_reply (config, id)->language, ==, "zh-CN");
  }
}

static void
test_alert_minutes (Fixture       *f,
                    gconstpointer  data)
{
  int values[] = { 45, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmServiceConfig) config = NULL;

      crm_service_set_alert_minutes_async (f->store, values[i], NULL, crm_test_store_result, &result);
      g_assert_true (crm_service_set_alert_minutes_finish (f->store, crm_test_await (&result), &error));
      g_assert_no_error (error);
      config = load (f);
      g_assert_cmpint (config->alert_minutes, ==, values[i]);
    }
  for (int bad = -1; bad <= CRM_SERVICE_MAX_ALERT_MINUTES + 1; bad += CRM_SERVICE_MAX_ALERT_MINUTES + 2)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      crm_service_set_alert_minutes_async (f->store, bad, NULL, crm_test_store_result, &result);
      g_assert_false (crm_service_set_alert_minutes_finish (f->store, crm_test_await (&result), &error));
      g_assert_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID);
    }
}

/* --- Time zones --- */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_time_zones (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *zi = g_build_filename (dir, "zi", NULL);
  g_autofree char *tab = g_build_filename (dir, "tab", NULL);
  g_autofree char *none = g_build_filename (dir, "none", NULL);
  g_auto(GStrv) from_zi = NULL;
  g_auto(GStrv) from_tab = NULL;
  g_auto(GStrv) from_none = NULL;
  g_auto(GStrv) system = NULL;

  g_assert_cmpint (g_mkdir_with_parents (zi, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tab, 0700), ==, 0);
  write_file (zi, "tzdata.zi", "# version 2024a\nR d 1916 o - Ap 30 23 1 S\n"
                               "Z Europe/Berlin 0:53:28 - LMT 1893 Ap\n1 c CE%sT\n"
                               "Z America/New_York -4:56:2 - LMT 1883 N 18 17u\n"
                               "Z Etc/UTC 0 - UTC\nZ EST5EDT -5 u E%sT\n"
                               "L Europe/Berlin Europe/Copenhagen\nL Etc/UTC UTC\n");
  write_file (tab, "zone1970.tab", "# comment\nCN\t+3114+12128\tAsia/Shanghai\tBeijing Time\n"
                                   "AR\t-3436-05827\tAmerica/Argentina/Buenos_Aires\tBuenos Aires\n");

  from_zi = crm_service_read_time_zones (zi);
  g_assert_cmpuint (g_strv_length (from_zi), ==, 3);
  g_assert_cmpstr (from_zi[0], ==, "UTC");
  g_assert_cmpstr (from_zi[1], ==, "America/New_York");
  g_assert_cmpstr (from_zi[2], ==, "Europe/Berlin");
  from_tab = crm_service_read_time_zones (tab);
  g_assert_cmpuint (g_strv_length (from_tab), ==, 3);
  g_assert_cmpstr (from_tab[1], ==, "America/Argentina/Buenos_Aires");
  g_assert_cmpstr (from_tab[2], ==, "Asia/Shanghai");
  from_none = crm_service_read_time_zones (none);
  g_assert_cmpuint (g_strv_length (from_none), ==, 1);
  g_assert_cmpstr (from_none[0], ==, "UTC");

  /* The system's list, where there is one: every zone in it makes a calendar. */
  system = crm_service_read_time_zones (NULL);
  if (g_strv_length (system) > 1)
    {
      g_assert_true (g_strv_contains ((const char * const *) system, "Asia/Shanghai"));
      g_assert_true (g_strv_contains ((const char * const *) system, "America/New_York"));
      for (guint i = 0; system[i] != NULL; i++)
        g_assert_true (crm_service_validate_calendar ("x", system[i], "mon 09:00-10:00", NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service-config/week", test_week);
  g_test_add_func ("/service-config/time-zones", test_time_zones);
  g_test_add ("/service-config/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/service-config/calendar", Fixture, NULL, fixture_set_up, test_calendar,
              fixture_tear_down);
  g_test_add ("/service-config/holidays", Fixture, NULL, fixture_set_up, test_holidays,
              fixture_tear_down);
  g_test_add ("/service-config/policies", Fixture, NULL, fixture_set_up, test_policies,
              fixture_tear_down);
  g_test_add ("/service-config/replies", Fixture, NULL, fixture_set_up, test_replies,
              fixture_tear_down);
  g_test_add ("/service-config/alert-minutes", Fixture, NULL, fixture_set_up, test_alert_minutes,
              fixture_tear_down);

  return g_test_run ();
}
