/* test-cli.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built rapport-cli (its path is the first argument, or $RAPPORT_CLI)
 * through demo, stats --json, check, backup and restore, and through the error
 * cases: a missing file, a garbage file, bad usage.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "crm-test-util.h"

static const char *cli_path;

typedef struct
{
  int   status;    /* exit status; -1 when killed by a signal */
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
  if (database != NULL)
    {
      g_ptr_array_add (args, "--database");
      g_ptr_array_add (args, (char *) database);
    }
  va_start (ap, database);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* English messages, whatever the machine's locale. */
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("rapport-cli ... -> %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  return run;
}

/* A failure: a non-zero exit (not a crash) and a message on stderr. */
static void
assert_clean_failure (Run *run)
{
  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (g_strstrip (run->err), !=, "");
  g_assert_true (g_str_has_prefix (run->err, "rapport-cli: "));
}

static gint64
stats_count (const char *database,
             const char *table)
{
  g_autoptr(Run) run = run_cli (database, "stats", "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *tables;

  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  tables = json_object_get_object_member (root, "tables");
  g_assert_nonnull (tables);
  return json_object_get_int_member (tables, table);
}

static void
test_help_version (void)
{
  g_autoptr(Run) help = run_cli (NULL, "--help", NULL);
  g_autoptr(Run) version = run_cli (NULL, "--version", NULL);
  g_autoptr(Run) none = run_cli (NULL, NULL);
  g_autoptr(Run) unknown = run_cli (NULL, "frobnicate", NULL);

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "demo"));
  g_assert_nonnull (strstr (help->out, "restore"));
  g_assert_cmpint (version->status, ==, 0);
  g_assert_true (g_str_has_prefix (version->out, "rapport-cli "));
  g_assert_cmpint (none->status, ==, 2);
  assert_clean_failure (none);
  g_assert_cmpint (unknown->status, ==, 2);
  assert_clean_failure (unknown);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "crm.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(Run) bad_size = run_cli (db, "demo", "--size", "huge", NULL);
  g_autoptr(Run) demo = run_cli (db, "demo", "--size", "small", "--seed", "7", NULL);
  g_autoptr(Run) again = run_cli (db, "demo", "--size", "small", NULL);
  g_autoptr(Run) check = run_cli (db, "check", NULL);
  g_autoptr(Run) text = run_cli (db, "stats", NULL);
  g_autoptr(Run) backup = NULL;
  g_autoptr(Run) other_demo = NULL;
  g_autoptr(Run) restore = NULL;

  g_assert_cmpint (bad_size->status, ==, 2);
  assert_clean_failure (bad_size);
  g_assert_cmpint (demo->status, ==, 0);
  /* A database with records is not filled twice by accident. */
  assert_clean_failure (again);
  g_assert_nonnull (strstr (again->err, "--force"));
  g_assert_cmpint (check->status, ==, 0);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "person"));

  g_assert_cmpint (stats_count (db, "person"), ==, 1300);
  g_assert_cmpint (stats_count (db, "organization"), ==, 100);
  g_assert_cmpint (stats_count (db, "activity"), ==, 5000);

  backup = run_cli (db, "backup", copy, NULL);
  g_assert_cmpint (backup->status, ==, 0);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (stats_count (copy, "deal"), ==, 200);

  /* Restore the backup over a different database. */
  other_demo = run_cli (other, "demo", "--size", "small", "--locale", "zh_CN", NULL);
  g_assert_cmpint (other_demo->status, ==, 0);
  restore = run_cli (other, "restore", copy, NULL);
  g_assert_cmpint (restore->status, ==, 0);
  g_assert_cmpint (stats_count (other, "ticket"), ==, 1000);
  {
    g_autofree char *before = g_strconcat (other, ".before-restore", NULL);

    g_assert_true (g_file_test (before, G_FILE_TEST_EXISTS));
  }
}

static void
test_errors (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *target = g_build_filename (dir, "target.db", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 2000; i++)
    g_string_append (junk, "This is not a database. ");
  g_file_set_contents (garbage, junk->str, junk->len, &error);
  g_assert_no_error (error);

  {
    g_autoptr(Run) stats = run_cli (missing, "stats", NULL);
    g_autoptr(Run) check = run_cli (missing, "check", NULL);
    g_autoptr(Run) restore = run_cli (target, "restore", missing, NULL);

    assert_clean_failure (stats);
    assert_clean_failure (check);
    assert_clean_failure (restore);
    /* Looking at a missing database does not create one. */
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(Run) stats = run_cli (garbage, "stats", "--json", NULL);
    g_autoptr(Run) check = run_cli (garbage, "check", NULL);
    g_autoptr(Run) backup = run_cli (garbage, "backup", target, NULL);
    g_autoptr(Run) restore = run_cli (target, "restore", garbage, NULL);
    g_autofree char *contents = NULL;

    assert_clean_failure (stats);
    g_assert_cmpstr (stats->out, ==, "");
    assert_clean_failure (check);
    assert_clean_failure (backup);
    assert_clean_failure (restore);
    /* The garbage file is left as it was. */
    g_file_get_contents (garbage, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==, junk->str);
  }
}

static void
test_import_export (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "crm.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *people = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *orgs = g_build_filename (dir, "orgs.vcf", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr(Run) demo = run_cli (db, "demo", "--size", "small", NULL);
  g_autoptr(Run) export_people = run_cli (db, "export", people, NULL);
  g_autoptr(Run) export_orgs = run_cli (db, "export", "--kind", "organization", orgs, NULL);
  g_autoptr(Run) bad_kind = run_cli (db, "export", "--kind", "deal", people, NULL);
  g_autoptr(Run) import_orgs = NULL;
  g_autoptr(Run) import_people = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) import_bad = NULL;
  g_autoptr(Run) import_empty = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) undo = NULL;
  g_autoptr(Run) undo_again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list_lines = NULL;
  g_autofree char *batch = NULL;

  g_assert_cmpint (demo->status, ==, 0);
  g_assert_cmpint (export_people->status, ==, 0);
  g_assert_cmpint (export_orgs->status, ==, 0);
  g_assert_cmpint (bad_kind->status, ==, 2);

  /* Into a fresh database: organizations, then people (the exact JSON). */
  import_orgs = run_cli (fresh, "import", orgs, "--json", NULL);
  g_assert_cmpint (import_orgs->status, ==, 0);
  g_assert_cmpstr (import_orgs->out, ==,
                   "{\"imported\": 100, \"updated\": 0, \"skipped\": 0, \"rejected\": []}\n");
  import_people = run_cli (fresh, "import", people, "--json", "--create-duplicates", NULL);
  g_assert_cmpint (import_people->status, ==, 0);
  g_assert_cmpstr (import_people->out, ==,
                   "{\"imported\": 1300, \"updated\": 0, \"skipped\": 0, \"rejected\": []}\n");
  g_assert_cmpint (stats_count (fresh, "person"), ==, 1300);
  g_assert_cmpint (stats_count (fresh, "organization"), ==, 100);

  /* The same file again: everyone is there already. */
  again = run_cli (fresh, "import", people, "--json", NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_cmpstr (again->out, ==,
                   "{\"imported\": 0, \"updated\": 0, \"skipped\": 1300, \"rejected\": []}\n");

  /* Rejected rows are listed; the file still counts as read. */
  g_file_set_contents (bad, "Given Name,Family Name,Email\nAda,Lovelace,ada@example.com\n"
                            "Bad,Mail,nope\n,,\n", -1, &error);
  g_assert_no_error (error);
  import_bad = run_cli (fresh, "import", bad, "--json", NULL);
  g_assert_cmpint (import_bad->status, ==, 0);
  g_assert_cmpstr (import_bad->out, ==,
                   "{\"imported\": 1, \"updated\": 0, \"skipped\": 0, \"rejected\": "
                   "[{\"line\": 3, \"reason\": \"invalid-email\"}, {\"line\": 4, \"reason\": \"no-name\"}]}\n");

  /* Nothing readable: a failure. */
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  import_empty = run_cli (fresh, "import", empty, "--json", NULL);
  assert_clean_failure (import_empty);
  g_assert_cmpstr (import_empty->out, ==, "");

  /* The imports are listed, newest first; undoing the people removes them. */
  list = run_cli (fresh, "undo-import", NULL);
  g_assert_cmpint (list->status, ==, 0);
  list_lines = g_strsplit (g_strstrip (list->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (list_lines), ==, 4);
  g_assert_nonnull (strstr (list_lines[2], "people.csv"));
  batch = g_strndup (list_lines[2], strcspn (list_lines[2], "\t"));
  undo = run_cli (fresh, "undo-import", batch, NULL);
  g_assert_cmpint (undo->status, ==, 0);
  g_assert_cmpint (stats_count (fresh, "person"), ==, 1);
  g_assert_cmpint (stats_count (fresh, "organization"), ==, 100);
  undo_again = run_cli (fresh, "undo-import", batch, NULL);
  assert_clean_failure (undo_again);
}

/* One integer from the database, read directly. */
static gint64
query_one (const char *database,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Every edge joins two nodes of the map; returns the number of reports-to lines. */
static guint
assert_map_consistent (JsonObject *map)
{
  JsonArray *nodes = json_object_get_array_member (map, "nodes");
  JsonArray *edges = json_object_get_array_member (map, "edges");
  JsonArray *coverage = json_object_get_array_member (map, "coverage");
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint lines = 0;

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (node, "person_id");
      g_hash_table_add (ids, id);
      g_assert_cmpstr (json_object_get_string_member (node, "name"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (node, "initials"), !=, "");
    }
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);
      gint64 from = json_object_get_int_member (edge, "from");
      gint64 to = json_object_get_int_member (edge, "to");

      g_assert_true (g_hash_table_contains (ids, &from));
      g_assert_true (g_hash_table_contains (ids, &to));
      if (g_str_equal (json_object_get_string_member (edge, "kind"), "reports-to"))
        lines++;
    }
  for (guint i = 0; i < json_array_get_length (coverage); i++)
    {
      JsonObject *finding = json_array_get_object_element (coverage, i);

      g_assert_cmpstr (json_object_get_string_member (finding, "kind"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (finding, "text"), !=, "");
    }
  return lines;
}

static void
test_stakeholder_map (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "crm.db", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "no-such-dir", "map.svg", NULL);
  g_autoptr(Run) demo = run_cli (db, "demo", "--size", "small", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) deal_parser = json_parser_new ();
  g_autofree char *org_id = NULL;
  g_autofree char *deal_id = NULL;
  g_autofree char *deal_sql = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  JsonObject *map;

  g_assert_cmpint (demo->status, ==, 0);
  org_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                            query_one (db, "SELECT id FROM organization WHERE name = 'Northwind Holdings'"));
  deal_sql = g_strdup_printf ("SELECT d.id FROM deal d WHERE d.organization_id = %s AND EXISTS "
                              "(SELECT 1 FROM deal_stakeholder s WHERE s.deal_id = d.id) LIMIT 1", org_id);
  deal_id = g_strdup_printf ("%" G_GINT64_FORMAT, query_one (db, deal_sql));

  /* The big organization as JSON: 300 people, every line between them. */
  {
    g_autoptr(Run) run = run_cli (db, "stakeholder-map", "--organization", org_id, "--json", NULL);

    g_assert_cmpint (run->status, ==, 0);
    map = parse_object (parser, run->out);
    g_assert_cmpstr (json_object_get_string_member (map, "scope"), ==, "organization");
    g_assert_cmpstr (json_object_get_string_member (map, "title"), ==, "Northwind Holdings");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "nodes")), ==, 300);
    /* Everyone but the chief executive reports to someone. */
    g_assert_cmpuint (assert_map_consistent (map), >=, 299);
  }

  /* A deal's map, printed when no file is asked for. */
  {
    g_autoptr(Run) run = run_cli (db, "stakeholder-map", "--deal", deal_id, NULL);

    g_assert_cmpint (run->status, ==, 0);
    map = parse_object (deal_parser, run->out);
    g_assert_cmpstr (json_object_get_string_member (map, "scope"), ==, "deal");
    g_assert_cmpint (json_object_get_int_member (map, "organization_id"), ==, g_ascii_strtoll (org_id, NULL, 10));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "nodes")), >=, 6);
    assert_map_consistent (map);
  }

  /* Files. */
  {
    g_autoptr(Run) run = run_cli (db, "stakeholder-map", "--deal", deal_id, "--svg", svg, "--png", png,
                                  "--pdf", pdf, "--style", "dark", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, "map.svg"));
    g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8);
    g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }

  /* Errors: usage, a missing record, a path that cannot be written. */
  {
    g_autoptr(Run) none = run_cli (db, "stakeholder-map", NULL);
    g_autoptr(Run) both = run_cli (db, "stakeholder-map", "--organization", org_id, "--deal", deal_id, NULL);
    g_autoptr(Run) style = run_cli (db, "stakeholder-map", "--deal", deal_id, "--style", "neon", NULL);
    g_autoptr(Run) unknown = run_cli (db, "stakeholder-map", "--organization", "4242", NULL);
    g_autoptr(Run) bad_path = run_cli (db, "stakeholder-map", "--deal", deal_id, "--svg", missing_dir, NULL);

    g_assert_cmpint (none->status, ==, 2);
    g_assert_cmpint (both->status, ==, 2);
    g_assert_cmpint (style->status, ==, 2);
    assert_clean_failure (unknown);
    g_assert_nonnull (strstr (unknown->err, "4242"));
    assert_clean_failure (bad_path);
    g_assert_nonnull (strstr (bad_path->err, "no-such-dir"));
    g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  }
}

/* forecast and cycle print the numbers of the forecast view and the
 * sales-cycle report; the sample data's B2B deals take longer to win. */
static void
test_forecast_cycle (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "pipeline.db", NULL);
  g_autoptr(Run) demo = run_cli (db, "demo", "--size", "small", NULL);
  g_autoptr(Run) forecast = run_cli (db, "forecast", "--json", NULL);
  g_autoptr(Run) by_month = run_cli (db, "forecast", "--by", "month", "--json", NULL);
  g_autoptr(Run) text = run_cli (db, "forecast", NULL);
  g_autoptr(Run) bad_by = run_cli (db, "forecast", "--by", "weather", NULL);
  g_autoptr(Run) cycle = run_cli (db, "cycle", "--json", NULL);
  g_autoptr(Run) cycle_text = run_cli (db, "cycle", NULL);
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonArray *rows, *month_rows, *pipelines;
  double b2b = -1, b2c = -1;
  gint64 weighted = 0, month_weighted = 0;

  g_assert_cmpint (demo->status, ==, 0);
  g_assert_cmpint (forecast->status, ==, 0);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "best case"));
  g_assert_cmpint (bad_by->status, ==, 2);

  rows = json_object_get_array_member (parse_object (p1, forecast->out), "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_assert_true (json_object_has_member (row, "pipeline"));
      g_assert_true (json_object_has_member (row, "owner"));
      g_assert_cmpint (json_object_get_int_member (row, "weighted"), <=,
                       json_object_get_int_member (row, "best_case"));
      weighted += json_object_get_int_member (row, "weighted");
    }
  /* The same money, however it is grouped. */
  month_rows = json_object_get_array_member (parse_object (p2, by_month->out), "rows");
  g_assert_cmpuint (json_array_get_length (month_rows), <=, json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (month_rows); i++)
    {
      JsonObject *row = json_array_get_object_element (month_rows, i);

      g_assert_false (json_object_has_member (row, "pipeline"));
      month_weighted += json_object_get_int_member (row, "weighted");
    }
  g_assert_cmpint (weighted, ==, month_weighted);

  g_assert_cmpint (cycle->status, ==, 0);
  g_assert_cmpint (cycle_text->status, ==, 0);
  pipelines = json_object_get_array_member (parse_object (p3, cycle->out), "pipelines");
  g_assert_cmpuint (json_array_get_length (pipelines), ==, 2);
  for (guint i = 0; i < json_array_get_length (pipelines); i++)
    {
      JsonObject *pipeline = json_array_get_object_element (pipelines, i);
      JsonObject *all = json_object_get_object_member (pipeline, "all");
      JsonObject *seg_b2b = json_object_get_object_member (pipeline, "b2b");
      JsonObject *seg_b2c = json_object_get_object_member (pipeline, "b2c");

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "stages")), >, 0);
      if (json_object_get_int_member (seg_b2b, "won") > 0)
        b2b = json_object_get_double_member (seg_b2b, "mean_days_to_won");
      if (json_object_get_int_member (seg_b2c, "won") > 0)
        b2c = json_object_get_double_member (seg_b2c, "mean_days_to_won");
    }
  g_assert_cmpfloat (b2b, >, 0);
  g_assert_cmpfloat (b2c, >, 0);
  g_assert_cmpfloat (b2b, >, 2 * b2c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cli_path = argc > 1 ? argv[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    g_error ("pass the path of rapport-cli as the first argument or in RAPPORT_CLI");

  g_test_add_func ("/cli/help-version", test_help_version);
  g_test_add_func ("/cli/round-trip", test_round_trip);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/import-export", test_import_export);
  g_test_add_func ("/cli/stakeholder-map", test_stakeholder_map);
  g_test_add_func ("/cli/forecast-cycle", test_forecast_cycle);

  return g_test_run ();
}
