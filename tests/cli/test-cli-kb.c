/* test-cli-kb.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built rapport-cli (its path is the first argument, or $RAPPORT_CLI)
 * through "kb list", "kb show" and "kb import-selfservice" on the small sample
 * data, as text and JSON, and through their errors.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "crm-test-util.h"

static const char *cli_path;
static char *database;

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
run_cli (const char *first,
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
  g_ptr_array_add (args, database);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
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

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
list_articles (JsonNode   **root,
               const char  *first,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autofree char *out = NULL;
  int wait_status = 0;
  va_list ap;

  g_ptr_array_add (args, (char *) cli_path);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, database);
  g_ptr_array_add (args, "kb");
  g_ptr_array_add (args, "list");
  g_ptr_array_add (args, "--json");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  *root = parse (out);
  return json_object_get_array_member (json_node_get_object (*root), "articles");
}

static void
test_list (void)
{
  g_autoptr(JsonNode) all_root = NULL;
  g_autoptr(JsonNode) zh_root = NULL;
  g_autoptr(Run) text = run_cli ("kb", "list", NULL);
  JsonArray *all = list_articles (&all_root, NULL);
  JsonArray *zh = list_articles (&zh_root, "--language", "zh-CN", "--search", "密码", NULL);
  gint64 resolved = 0, last_views = G_MAXINT64;

  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "How to reset your password"));
  g_assert_nonnull (strstr (text->out, "KB-"));

  /* 24 sample articles in each language, the most read first; every sample
   * resolution points to one of them. */
  g_assert_cmpuint (json_array_get_length (all), ==, 48);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *a = json_array_get_object_element (all, i);
      g_autofree char *ref = g_strdup_printf ("KB-%" G_GINT64_FORMAT, json_object_get_int_member (a, "id"));

      g_assert_cmpstr (json_object_get_string_member (a, "reference"), ==, ref);
      g_assert_cmpint (json_object_get_int_member (a, "views"), <=, last_views);
      last_views = json_object_get_int_member (a, "views");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "tags")), >, 0);
      resolved += json_object_get_int_member (a, "resolved");
    }
  g_assert_cmpint (resolved, ==, 300);

  /* A two-character Chinese word, Chinese articles only. */
  g_assert_cmpuint (json_array_get_length (zh), >, 0);
  g_assert_cmpuint (json_array_get_length (zh), <, 24);
  for (guint i = 0; i < json_array_get_length (zh); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (zh, i), "language"),
                     ==, "zh-CN");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (zh, 0), "title"),
                            "密码"));
}

static void
test_show (void)
{
  g_autoptr(JsonNode) list_root = NULL;
  JsonArray *all = list_articles (&list_root, NULL);
  JsonObject *first = json_array_get_object_element (all, 0);
  const char *ref = json_object_get_string_member (first, "reference");
  g_autoptr(Run) json = run_cli ("kb", "show", ref, "--json", NULL);
  g_autoptr(Run) text = run_cli ("kb", "show", ref, NULL);
  g_autoptr(Run) missing = run_cli ("kb", "show", "KB-1", NULL);
  g_autoptr(Run) bad = run_cli ("kb", "show", "banana", NULL);
  g_autoptr(Run) unknown = run_cli ("kb", "frobnicate", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *a;

  g_assert_cmpint (json->status, ==, 0);
  root = parse (json->out);
  a = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (a, "title"), ==,
                   json_object_get_string_member (first, "title"));
  g_assert_cmpint (json_object_get_int_member (a, "resolved"), ==,
                   json_object_get_int_member (first, "resolved"));
  g_assert_cmpuint (strlen (json_object_get_string_member (a, "body")), >, 200);
  g_assert_true (json_object_has_member (a, "resolved_last_30_days"));

  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, json_object_get_string_member (first, "title")));
  g_assert_nonnull (strstr (text->out, "Resolved requests:"));

  g_assert_cmpint (missing->status, ==, 1);
  g_assert_true (g_str_has_prefix (missing->err, "rapport-cli: "));
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_cmpint (unknown->status, ==, 2);
}

static void
test_import (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *log = g_build_filename (dir, "portal.csv", NULL);
  g_autofree char *no_article = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(JsonNode) before_root = NULL;
  g_autoptr(JsonNode) after_root = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) fail = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *before, *after, *rejected;
  JsonObject *r;
  gint64 sum_before = 0, sum_after = 0;

  g_assert_true (g_file_set_contents (log,
                                      "时间,文章,邮箱,是否解决\n"
                                      "2026-03-02 09:15,如何重置密码,,是\n"
                                      "2026-03-02 10:15,Returns and refunds,,yes\n"
                                      "2026-03-02 11:15,Printer drivers,,yes\n"
                                      "2026-03-02 12:15,Returns and refunds,,no\n", -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (no_article, "time,email\n2026-03-02,a@example.com\n", -1, &error));

  before = list_articles (&before_root, NULL);
  for (guint i = 0; i < json_array_get_length (before); i++)
    sum_before += json_object_get_int_member (json_array_get_object_element (before, i), "resolved");

  run = run_cli ("kb", "import-selfservice", log, "--timezone", "Asia/Shanghai", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse (run->out);
  r = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (r, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (r, "imported"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (r, "not_resolved"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (r, "encoding"), ==, "UTF-8");
  rejected = json_object_get_array_member (r, "rejected");
  g_assert_cmpuint (json_array_get_length (rejected), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rejected, 0), "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 0), "reason"),
                   ==, "article-unknown");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rejected, 0), "value"),
                   ==, "Printer drivers");

  after = list_articles (&after_root, NULL);
  for (guint i = 0; i < json_array_get_length (after); i++)
    sum_after += json_object_get_int_member (json_array_get_object_element (after, i), "resolved");
  g_assert_cmpint (sum_after, ==, sum_before + 2);

  /* The same log again: duplicates, nothing new; as text, rejected rows on stderr. */
  again = run_cli ("kb", "import-selfservice", log, "--timezone", "Asia/Shanghai", NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "Imported 0 "));
  g_assert_nonnull (strstr (again->out, "2 duplicates"));
  g_assert_nonnull (strstr (again->err, "Line 4:"));

  fail = run_cli ("kb", "import-selfservice", no_article, NULL);
  g_assert_cmpint (fail->status, ==, 1);
  g_assert_nonnull (strstr (fail->err, "no column for the article"));

  g_unlink (log);
  g_unlink (no_article);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  cli_path = argc > 1 ? argv[1] : g_getenv ("RAPPORT_CLI");
  if (cli_path == NULL)
    g_error ("pass the path of rapport-cli as the first argument or in RAPPORT_CLI");

  dir = crm_test_make_tmpdir ();
  database = g_build_filename (dir, "kb.db", NULL);
  {
    g_autoptr(Run) demo = run_cli ("demo", "--size", "small", "--seed", "3", NULL);

    g_assert_cmpint (demo->status, ==, 0);
  }

  g_test_add_func ("/cli/kb/list", test_list);
  g_test_add_func ("/cli/kb/show", test_show);
  g_test_add_func ("/cli/kb/import-selfservice", test_import);
  ret = g_test_run ();

  g_free (database);
  return ret;
}
