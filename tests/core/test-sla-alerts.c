/* test-sla-alerts.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which tickets the breach warnings are sent for: the current user's new
 * and open tickets whose running deadline comes within the lead time, each
 * deadline once, with "now" given by the test (no clock).
 */

#include "config.h"

#include <string.h>

#include "crm-demo.h"
#include "crm-service-config.h"
#include "crm-sla-alert.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ticket-flow.h"

/* A fixed instant: Tuesday 2026-11-24 15:00 UTC. */
#define NOW G_GINT64_CONSTANT (1795964400)
#define MINUTE 60

typedef struct
{
  char     *dir;
  CrmStore *store;
  gint64    me;
  gint64    other;
  gint64    tickets[8];
} Fixture;

static void
set_current_user (Fixture *f,
                  gint64   id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_service_set_current_user_async (f->store, id, NULL, crm_test_store_result, &result);
  g_assert_true (crm_service_set_current_user_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
}

static void
set_alert_minutes (Fixture *f,
                   int      minutes)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_service_set_alert_minutes_async (f->store, minutes, NULL, crm_test_store_result, &result);
  g_assert_true (crm_service_set_alert_minutes_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
}

static void
set_ticket (Fixture    *f,
            guint       i,
            gint64      assignee,
            const char *status,
            gint64      first_response,
            gint64      due,
            int         deleted)
{
  g_free (crm_test_query (f->store, "UPDATE ticket SET assignee_id = %" G_GINT64_FORMAT ", status = '%s', "
                          "first_response = %" G_GINT64_FORMAT ", sla_due = %" G_GINT64_FORMAT ", "
                          "deleted = %d WHERE id = %" G_GINT64_FORMAT,
                          assignee, status, first_response, due, deleted, f->tickets[i]));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ids = NULL;
  g_auto(GStrv) lines = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "alerts.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 5, &error));
  g_assert_no_error (error);

  f->me = crm_test_query_int (f->store, "SELECT id FROM staff_user WHERE deleted = 0 ORDER BY id LIMIT 1");
  f->other = crm_test_query_int (f->store, "SELECT id FROM staff_user WHERE deleted = 0 "
                                           "ORDER BY id LIMIT 1 OFFSET 1");
  g_assert_cmpint (f->me, >, 0);
  g_assert_cmpint (f->other, >, 0);
  /* Every sample ticket is someone else's and far from due; the test's own
   * eight are set one by one. */
  g_free (crm_test_query (f->store, "UPDATE ticket SET assignee_id = %" G_GINT64_FORMAT ", "
                          "sla_due = CASE WHEN sla_due = 0 THEN 0 ELSE %" G_GINT64_FORMAT " END",
                          f->other, NOW + 30 * 24 * 3600));
  ids = crm_test_query (f->store, "SELECT id FROM ticket ORDER BY id LIMIT 8");
  lines = g_strsplit (ids, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (f->tickets); i++)
    f->tickets[i] = g_ascii_strtoll (lines[i], NULL, 10);

  set_ticket (f, 0, f->me, "open", 0, NOW + 10 * MINUTE, 0);           /* first response soon */
  set_ticket (f, 1, f->me, "new", NOW - 3600, NOW + 29 * MINUTE, 0);   /* resolution soon */
  set_ticket (f, 2, f->me, "open", 0, NOW + 31 * MINUTE, 0);           /* not yet */
  set_ticket (f, 3, f->me, "waiting-on-customer", 0, NOW + 5 * MINUTE, 0); /* clock paused */
  set_ticket (f, 4, f->other, "open", 0, NOW + 5 * MINUTE, 0);         /* not mine */
  set_ticket (f, 5, f->me, "open", 0, NOW - MINUTE, 0);                /* breached already */
  set_ticket (f, 6, f->me, "resolved", 0, 0, 0);                        /* done */
  set_ticket (f, 7, f->me, "open", 0, NOW + 5 * MINUTE, 1);            /* in the trash */
  set_current_user (f, f->me);
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

/* The tickets warned of at @now, as indexes into f->tickets ("0 1"). */
static char *
take (Fixture *f,
      gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  GString *out = g_string_new (NULL);

  crm_sla_alerts_take_async (f->store, now, NULL, crm_test_store_result, &result);
  alerts = crm_sla_alerts_take_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (alerts);
  for (guint i = 0; i < alerts->len; i++)
    {
      CrmSlaAlert *alert = alerts->pdata[i];
      guint index = G_N_ELEMENTS (f->tickets);

      for (guint t = 0; t < G_N_ELEMENTS (f->tickets); t++)
        if (f->tickets[t] == alert->ticket_id)
          index = t;
      g_assert_cmpuint (index, <, G_N_ELEMENTS (f->tickets));
      g_string_append_printf (out, "%s%u", out->len > 0 ? " " : "", index);
    }
  return g_string_free (out, FALSE);
}

static void
test_choice (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  CrmSlaAlert *alert;

  crm_sla_alerts_take_async (f->store, NOW, NULL, crm_test_store_result, &result);
  alerts = crm_sla_alerts_take_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 2);

  /* Soonest first; the first response while none was given, else the
   * resolution. */
  alert = alerts->pdata[0];
  g_assert_cmpint (alert->ticket_id, ==, f->tickets[0]);
  g_assert_cmpint (alert->due, ==, NOW + 10 * MINUTE);
  g_assert_true (alert->first_response);
  g_assert_cmpint (alert->number, ==, crm_test_query_int (f->store, "SELECT number FROM ticket WHERE id = %"
                                                          G_GINT64_FORMAT, f->tickets[0]));
  g_assert_nonnull (alert->subject);
  g_assert_nonnull (alert->priority);
  alert = alerts->pdata[1];
  g_assert_cmpint (alert->ticket_id, ==, f->tickets[1]);
  g_assert_false (alert->first_response);
}

static void
test_no_repeats (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = take (f, NOW);
  g_autofree char *again = take (f, NOW);
  g_autofree char *later = take (f, NOW + 2 * MINUTE);
  g_autofree char *quiet = take (f, NOW + 3 * MINUTE);
  g_autofree char *moved = NULL;
  g_autofree char *past = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *third = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, f->tickets[2],
                                            NOW + 31 * MINUTE);
  g_autofree char *second = g_strdup_printf ("%" G_GINT64_FORMAT ":", f->tickets[1]);

  g_assert_cmpstr (first, ==, "0 1");
  g_assert_cmpstr (again, ==, "");
  /* Two minutes on, the third ticket's deadline is 29 minutes away. */
  g_assert_cmpstr (later, ==, "2");
  g_assert_cmpstr (quiet, ==, "");

  /* A deadline that moves (a new priority, a wait on the customer) is a new
   * one, and warned of again. */
  set_ticket (f, 0, f->me, "open", 0, NOW + 20 * MINUTE, 0);
  moved = take (f, NOW + 4 * MINUTE);
  g_assert_cmpstr (moved, ==, "0");

  /* Past deadlines leave the record; the ones still ahead stay in it, in
   * the database, so that another window or the next start keeps quiet. */
  past = take (f, NOW + 30 * MINUTE);
  g_assert_cmpstr (past, ==, "");
  kept = crm_test_query (f->store, "SELECT value FROM meta WHERE key = 'sla-alerted'");
  g_assert_null (strstr (kept, "\n\n"));
  g_assert_nonnull (strstr (kept, third));
  g_assert_null (strstr (kept, second));
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *off = NULL;
  g_autofree char *longer = NULL;
  g_autofree char *nobody = NULL;

  /* Warnings off: nothing, and nothing recorded as warned. */
  set_alert_minutes (f, 0);
  off = take (f, NOW);
  g_assert_cmpstr (off, ==, "");

  /* An hour ahead: the third ticket too. */
  set_alert_minutes (f, 60);
  longer = take (f, NOW);
  g_assert_cmpstr (longer, ==, "0 1 2");

  /* Without a current user nobody is warned. */
  set_ticket (f, 0, f->me, "open", 0, NOW + 11 * MINUTE, 0);
  set_current_user (f, 0);
  nobody = take (f, NOW);
  g_assert_cmpstr (nobody, ==, "");
}

/* One search of an index, whatever the number of tickets. */
static void
test_query_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *plan = crm_test_query (f->store,
                                          "EXPLAIN QUERY PLAN SELECT id, number, subject, priority, "
                                          "sla_due, first_response FROM ticket WHERE deleted = 0 "
                                          "AND assignee_id = 1 AND (sla_due = 0) = 0 AND sla_due > 2 "
                                          "AND sla_due <= 3 AND status IN ('new', 'open') "
                                          "ORDER BY sla_due, id");

  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "USING INDEX ticket_assignee"));
  g_assert_null (strstr (plan, "SCAN ticket"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sla-alerts/choice", Fixture, NULL, fixture_set_up, test_choice, fixture_tear_down);
  g_test_add ("/sla-alerts/no-repeats", Fixture, NULL, fixture_set_up, test_no_repeats,
              fixture_tear_down);
  g_test_add ("/sla-alerts/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/sla-alerts/query-plan", Fixture, NULL, fixture_set_up, test_query_plan,
              fixture_tear_down);

  return g_test_run ();
}
