/* test-cli-kpi.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built rapport-cli (its path is the first argument) through kpi
 * on the sample data: the JSON holds the same numbers as the core computes
 * for the same period, every breakdown and the trend, no value for what
 * cannot be divided; the text names them; bad usage fails cleanly.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "crm-demo.h"
#include "crm-service-kpi.h"
#include "crm-store.h"
#include "crm-test-util.h"

static const char *cli_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_cli (const char *database,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (args, (char *) cli_path);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, (char *) database);
  va_start (ap, database);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* English, UTC days, and the sample data's "today". */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_setenv (envp, "TZ", "UTC", TRUE);
  envp = g_environ_setenv (envp, "CRM_STORE_NOW", "1795392000", TRUE);
  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("rapport-cli kpi ... -> %d\nstdout: %.2000s\nstderr: %s", run->status, run->out,
                  run->err);
  return run;
}

static void
assert_usage_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "rapport-cli: "));
  g_assert_cmpstr (run->out, ==, "");
}

/* A share in the JSON: null for "no data" (-1 in the core). */
static void
assert_share (JsonObject *object,
              const char *member,
              double      expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (expected < 0)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, 1e-9);
}

static void
assert_kpis (JsonObject           *o,
             const CrmServiceKpis *k)
{
  JsonObject *csat = json_object_get_object_member (o, "csat");
  JsonObject *fr = json_object_get_object_member (o, "first_response");
  JsonObject *res = json_object_get_object_member (o, "resolution");
  JsonObject *self = json_object_get_object_member (o, "self_service");
  JsonObject *sla = json_object_get_object_member (o, "sla");
  JsonObject *backlog = json_object_get_object_member (o, "backlog");

  g_assert_nonnull (csat);
  assert_share (csat, "share", k->csat);
  assert_share (csat, "mean", k->csat_mean);
  g_assert_cmpint (json_object_get_int_member (csat, "rated"), ==, k->n_rated);
  g_assert_cmpint (json_object_get_int_member (csat, "satisfied"), ==, k->n_satisfied);
  assert_share (fr, "median_seconds", k->first_response_median);
  assert_share (fr, "p90_seconds", k->first_response_p90);
  g_assert_cmpint (json_object_get_int_member (fr, "count"), ==, k->n_first_responses);
  assert_share (res, "rate", k->resolution_rate);
  assert_share (res, "within_target", k->resolved_within_target);
  g_assert_cmpint (json_object_get_int_member (res, "created"), ==, k->n_created);
  g_assert_cmpint (json_object_get_int_member (res, "resolved"), ==, k->n_resolved);
  assert_share (self, "rate", k->self_service_rate);
  g_assert_cmpint (json_object_get_int_member (self, "count"), ==, k->n_self_service);
  assert_share (sla, "compliance", k->sla_compliance);
  g_assert_cmpint (json_object_get_int_member (sla, "tickets"), ==, k->n_sla_tickets);
  assert_share (json_object_get_object_member (sla, "first_response"), "compliance",
                k->first_response_compliance);
  assert_share (json_object_get_object_member (sla, "resolution"), "compliance",
                k->resolution_compliance);
  g_assert_cmpint (json_object_get_int_member (backlog, "start"), ==, k->backlog_start);
  g_assert_cmpint (json_object_get_int_member (backlog, "end"), ==, k->backlog_end);
  g_assert_cmpint (json_object_get_int_member (backlog, "change"), ==,
                   (gint64) k->backlog_end - (gint64) k->backlog_start);
}

static void
assert_groups (JsonArray *array,
               GArray    *groups)
{
  g_assert_cmpuint (json_array_get_length (array), ==, groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      const CrmServiceKpiGroup *g = &g_array_index (groups, CrmServiceKpiGroup, i);

      g_assert_cmpstr (json_object_get_string_member (o, "key"), ==, g->key);
      assert_kpis (o, &g->kpis);
    }
}

static void
test_kpi (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(Run) demo = run_cli (db, "demo", "--size", "small", NULL);
  g_autoptr(Run) json = run_cli (db, "kpi", "--from", "2025-12-01", "--to", "2026-11-30", "--json", NULL);
  g_autoptr(Run) text = run_cli (db, "kpi", "--from", "2026-11-01", "--to", "2026-11-30", NULL);
  g_autoptr(Run) repeat = run_cli (db, "kpi", "--from", "2026-11-16", "--to", "2026-11-22", "--json",
                                   "--repeat", "2", NULL);
  g_autoptr(Run) no_to = run_cli (db, "kpi", "--from", "2026-11-01", NULL);
  g_autoptr(Run) bad_day = run_cli (db, "kpi", "--from", "2026-02-30", "--to", "2026-03-01", NULL);
  g_autoptr(Run) backwards = run_cli (db, "kpi", "--from", "2026-03-02", "--to", "2026-03-01", NULL);
  g_autoptr(Run) extra = run_cli (db, "kpi", "--from", "2026-03-01", "--to", "2026-03-02", "now", NULL);
  g_autoptr(Run) no_db = run_cli (missing, "kpi", "--from", "2026-03-01", "--to", "2026-03-02", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) repeat_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmServiceKpiReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  JsonObject *root, *total;
  JsonArray *segments, *trend;

  g_assert_cmpint (demo->status, ==, 0);

  /* The JSON: the same numbers as the core for 2025-12-01 up to the end of
   * 2026-11-30 (UTC days), seen on the sample data's "today". */
  g_assert_cmpint (json->status, ==, 0);
  json_parser_load_from_data (parser, json->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "2025-12-01");
  g_assert_cmpstr (json_object_get_string_member (root, "to"), ==, "2026-11-30");
  g_assert_cmpint (json_object_get_int_member (root, "from_unix"), ==, 1764547200);
  g_assert_cmpint (json_object_get_int_member (root, "to_unix"), ==, 1796083200);
  g_assert_cmpint (json_object_get_int_member (root, "now_unix"), ==, 1795392000);
  g_assert_cmpstr (json_object_get_string_member (root, "bucket"), ==, "month");
  g_assert_false (json_object_has_member (root, "timings_ms"));

  store = crm_store_open_sync (db, &error);
  g_assert_no_error (error);
  crm_service_kpi_compute_async (store, 1764547200, 1796083200, 1795392000, utc, NULL, NULL, NULL,
                                 NULL, crm_test_store_result, &result);
  report = crm_service_kpi_compute_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  crm_store_close (store);

  total = json_object_get_object_member (root, "total");
  assert_kpis (total, &report->total);
  g_assert_cmpint (report->total.n_created, >, 500);
  assert_groups (json_object_get_array_member (root, "by_channel"), report->channels);
  assert_groups (json_object_get_array_member (root, "by_priority"), report->priorities);
  /* Self-service has no priority: null. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
    json_object_get_object_member (json_array_get_object_element (
      json_object_get_array_member (root, "by_priority"), 0), "self_service"), "rate")));
  segments = json_object_get_array_member (root, "by_segment");
  g_assert_cmpuint (json_array_get_length (segments), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (segments, 0), "key"),
                   ==, "b2b");
  assert_kpis (json_array_get_object_element (segments, 0), &report->segments[CRM_SERVICE_KPI_B2B]);
  assert_kpis (json_array_get_object_element (segments, 1), &report->segments[CRM_SERVICE_KPI_B2C]);
  trend = json_object_get_array_member (root, "trend");
  g_assert_cmpuint (json_array_get_length (trend), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (trend, 0), "start"),
                   ==, "2025-12-01");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (trend, 11), "start"),
                   ==, "2026-11-01");
  for (guint i = 0; i < 12; i++)
    assert_kpis (json_array_get_object_element (trend, i),
                 &g_array_index (report->trend, CrmServiceKpiPoint, i).kpis);

  /* The text names every number and breakdown. */
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_str_has_prefix (text->out, "Service KPIs from 2026-11-01 to 2026-11-30\n"));
  g_assert_nonnull (strstr (text->out, "Customer satisfaction: "));
  g_assert_nonnull (strstr (text->out, "First response time: median "));
  g_assert_nonnull (strstr (text->out, "Self-service usage rate: "));
  g_assert_nonnull (strstr (text->out, "SLA compliance: "));
  g_assert_nonnull (strstr (text->out, "Backlog: "));
  g_assert_nonnull (strstr (text->out, "\nChannel: Web Form\n"));
  g_assert_nonnull (strstr (text->out, "\nPriority: Urgent\n"));
  g_assert_nonnull (strstr (text->out, "\nCustomers: B2C\n"));

  /* A week by day, computed twice with its times. */
  g_assert_cmpint (repeat->status, ==, 0);
  json_parser_load_from_data (repeat_parser, repeat->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (repeat_parser));
  g_assert_cmpstr (json_object_get_string_member (root, "bucket"), ==, "day");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "trend")), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "timings_ms")), ==, 2);

  assert_usage_error (no_to);
  assert_usage_error (bad_day);
  assert_usage_error (backwards);
  assert_usage_error (extra);
  g_assert_cmpint (no_db->status, ==, 1);
  g_assert_true (g_str_has_prefix (no_db->err, "rapport-cli: "));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* Days and months of the core's side in UTC, as the command's. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli_path = argc > 1 ? argv[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    {
      g_test_skip ("no rapport-cli given");
      return 77;
    }
  g_test_add_func ("/cli/kpi", test_kpi);
  return g_test_run ();
}
