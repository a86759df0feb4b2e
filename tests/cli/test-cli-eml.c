/* test-cli-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built rapport-cli (its path is the first argument) through
 * import-eml: the samples of tests/core/data/eml/ as JSON and as text, a
 * second import that skips everything, a folder, and the failures (no
 * file, nothing importable, a bad option).
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

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

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("rapport-cli ... -> %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  return run;
}

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "data", "eml", name, NULL);
}

static JsonObject *
parse_json (const char  *text,
            JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_import_eml (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "eml.db", NULL);
  g_autofree char *plain = sample ("plain-ascii.eml");
  g_autofree char *reply = sample ("reply-in-reply-to.eml");
  g_autofree char *gb = sample ("gb2312.eml");
  g_autofree char *junk = sample ("not-a-message.eml");
  g_autoptr(Run) first = run_cli (db, "import-eml", plain, reply, gb, junk, "--json", NULL);
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *files;
  JsonObject *file;

  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpstr (first->err, ==, "");
  root = parse_json (first->out, parser);
  g_assert_cmpint (json_object_get_int_member (root, "created"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "threaded"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "skipped"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "rejected"), ==, 1);
  files = json_object_get_array_member (root, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 4);

  file = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, plain);
  g_assert_cmpstr (json_object_get_string_member (file, "outcome"), ==, "created");
  g_assert_cmpint (json_object_get_int_member (file, "ticket"), ==, 1);
  g_assert_true (json_object_get_boolean_member (file, "person_created"));
  /* The reply joins ticket #1 (by its References), from the same person. */
  file = json_array_get_object_element (files, 1);
  g_assert_cmpstr (json_object_get_string_member (file, "outcome"), ==, "threaded");
  g_assert_cmpint (json_object_get_int_member (file, "ticket"), ==, 1);
  g_assert_false (json_object_get_boolean_member (file, "person_created"));
  g_assert_cmpint (json_object_get_int_member (file, "person_id"), ==,
                   json_object_get_int_member (json_array_get_object_element (files, 0), "person_id"));
  file = json_array_get_object_element (files, 2);
  g_assert_cmpint (json_object_get_int_member (file, "ticket"), ==, 2);
  file = json_array_get_object_element (files, 3);
  g_assert_cmpstr (json_object_get_string_member (file, "outcome"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (file, "reason"), ==, "not-a-message");
  g_assert_false (json_object_has_member (file, "ticket"));
  g_assert_nonnull (strstr (json_object_get_string_member (file, "detail"), "not an email message"));

  /* The same files again: nothing new, as text. */
  again = run_cli (db, "import-eml", plain, reply, gb, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "plain-ascii.eml: skipped, already in ticket #1\n"));
  g_assert_nonnull (strstr (again->out, "gb2312.eml: skipped, already in ticket #2\n"));
  g_assert_true (g_str_has_suffix (again->out,
                                   "Tickets created: 0, replies threaded: 0, skipped: 3, not imported: 0.\n"));

  /* A folder: its .eml files, imported in the order sent (the three
   * imported before are skipped; utf8.eml of 3 March before
   * alternative.eml of 5 March), reported by name. */
  g_free (gb);
  gb = g_path_get_dirname (plain);
  text = run_cli (db, "import-eml", gb, NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "alternative.eml: new ticket #4\n"));
  g_assert_nonnull (strstr (text->out, "utf8.eml: new ticket #3\n"));
  g_assert_true (strstr (text->out, "alternative.eml") < strstr (text->out, "utf8.eml"));
  g_assert_nonnull (strstr (text->out, "not-a-message.eml: not imported: "));
  g_assert_nonnull (strstr (text->out, "reply-in-reply-to.eml: skipped, already in ticket #1\n"));
}

static void
test_import_eml_errors (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "errors.db", NULL);
  g_autofree char *junk = sample ("not-a-message.eml");
  g_autofree char *missing = g_build_filename (dir, "missing.eml", NULL);
  g_autoptr(Run) none = run_cli (db, "import-eml", NULL);
  g_autoptr(Run) bad_option = run_cli (db, "import-eml", "--frobnicate", junk, NULL);
  g_autoptr(Run) nothing = run_cli (db, "import-eml", junk, missing, NULL);
  g_autoptr(Run) empty_dir = run_cli (db, "import-eml", dir, NULL);

  g_assert_cmpint (none->status, ==, 2);
  g_assert_true (g_str_has_prefix (none->err, "rapport-cli: "));
  g_assert_cmpint (bad_option->status, ==, 2);
  /* Nothing importable: the report, then a failure. */
  g_assert_cmpint (nothing->status, ==, 1);
  g_assert_nonnull (strstr (nothing->out, "not-a-message.eml: not imported: "));
  g_assert_nonnull (strstr (nothing->out, "missing.eml: not imported: "));
  g_assert_true (g_str_has_prefix (nothing->err, "rapport-cli: None of the files could be imported."));
  /* A folder without .eml files (only the database). */
  g_assert_cmpint (empty_dir->status, ==, 1);
  g_assert_true (g_str_has_prefix (empty_dir->err, "rapport-cli: There are no .eml files"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cli_path = argc > 1 ? argv[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("usage: test-cli-eml PATH-TO-RAPPORT-CLI\n");
      return 1;
    }

  g_test_add_func ("/cli/import-eml", test_import_eml);
  g_test_add_func ("/cli/import-eml/errors", test_import_eml_errors);
  return g_test_run ();
}
