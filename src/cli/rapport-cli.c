/* rapport-cli.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-cli: the Rapport core without a window, for scripts, backups and
 * benchmarks.  Every command opens the store, runs one async operation on the
 * default main context and reports errors as one line on stderr.
 */

#define G_LOG_DOMAIN "RapportCli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm-dedupe.h"
#include "crm-demo.h"
#include "crm-export.h"
#include "crm-filter.h"
#include "crm-import.h"
#include "crm-models.h"
#include "crm-record.h"
#include "crm-rfm.h"
#include "crm-search.h"
#include "crm-stakeholder-coverage.h"
#include "crm-stakeholder-map.h"
#include "crm-stakeholder-render.h"
#include "crm-store.h"
#include "rapport-cli-kb.h"
#include "rapport-cli-private.h"

#include <pango/pangocairo.h>


void
close_store (OpenStore *store)
{
  crm_store_close (store);
  g_object_unref (store);
}

static void
print_error (const char *message)
{
  /* One line, whatever the message contains. */
  g_autofree char *line = g_strdelimit (g_strdup (message), "\n", ' ');

  g_printerr ("rapport-cli: %s\n", line);
}

int
fail (GError *error)
{
  print_error (error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
usage_error (const char *message)
{
  print_error (message);
  /* TRANSLATORS: shown after a usage error */
  g_printerr ("%s\n", _("Try “rapport-cli --help” for more information."));
  return EXIT_USAGE;
}

gboolean
parse_options (const char          *parameter,
               const char          *summary,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  usage_error (error->message);
  return FALSE;
}

void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
on_sigint_cb (gpointer user_data)
{
  Cli *cli = user_data;

  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

/* The store finds its tables through the record classes, which register in
 * class_init; the app instantiates records before it needs that, the CLI
 * does not.  (Harmless once crm_record_list_types() refs the classes itself.) */
static void
ensure_record_classes (void)
{
  g_autofree GType *types = NULL;
  guint n_types;

  crm_models_ensure_types ();
  types = g_type_children (CRM_TYPE_RECORD, &n_types);
  for (guint i = 0; i < n_types; i++)
    g_type_class_unref (g_type_class_ref (types[i]));
}

/* Opens the database; @must_exist refuses to create a new, empty one. */
CrmStore *
open_store (Cli       *cli,
            gboolean   must_exist,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  CrmStore *store;

  if (must_exist && !g_file_test (cli->database, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), cli->database);
      return NULL;
    }

  ensure_record_classes ();
  store = crm_store_open_sync (cli->database, &local_error);
  if (store == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot open “%s”: %s"), cli->database, local_error->message);
      return NULL;
    }
  return store;
}

static GVariant *
load_stats (CrmStore  *store,
            Cli       *cli,
            GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_store_stats_async (store, cli->cancellable, on_async_done_cb, &result);
  return crm_store_stats_finish (store, await_result (&result), error);
}

static gint64
count_rows (GVariant *stats)
{
  GVariantIter iter;
  const char *table;
  gint64 count, total = 0;

  g_variant_iter_init (&iter, stats);
  while (g_variant_iter_next (&iter, "{&sx}", &table, &count))
    {
      /* A new database's default pipelines are no records of the user's. */
      if (g_strcmp0 (table, "pipeline") == 0 || g_strcmp0 (table, "stage") == 0 ||
          g_strcmp0 (table, "lost_reason") == 0)
        continue;
      total += count;
    }
  return total;
}

/* --- demo --- */

static void
on_demo_progress_cb (double   fraction,
                     gpointer user_data)
{
  g_printerr ("\r");
  /* TRANSLATORS: progress of the sample data generation, e.g. "Generating… 42%" */
  g_printerr (_("Generating… %d%%"), (int) (fraction * 100));
}

static int
cmd_demo (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autofree char *size_text = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *reference_text = NULL;
  gint64 seed = 1;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("How much data: small (1,000 people) or large (1,000,000 people)"), "small|large" },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale,
      N_("Language of names, companies and addresses"), "en|zh_CN" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Random seed: the same seed gives the same data"), "N" },
    { "reference-date", 0, 0, G_OPTION_ARG_STRING, &reference_text,
      N_("“Today” of the sample data (default 2026-11-23)"), "YYYY-MM-DD" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Add sample data even if the database already holds records"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GVariant) stats = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CrmDemoOptions options = { 0, };
  gint64 started;

  if (!parse_options (NULL, _("Fill the database with sample data."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("demo takes no arguments besides its options."));
  if (size_text == NULL)
    return usage_error (_("demo needs --size small or --size large."));
  if (!crm_demo_size_from_string (size_text, &options.size))
    return usage_error (_("--size must be “small” or “large”."));
  if (locale == NULL)
    locale = g_strdup ("en");
  if (!g_str_equal (locale, "en") && !g_str_equal (locale, "zh_CN"))
    return usage_error (_("--locale must be “en” or “zh_CN”."));
  if (seed < 0)
    return usage_error (_("--seed must be a number of 0 or more."));
  if (reference_text != NULL)
    {
      g_autofree char *iso = g_strconcat (reference_text, "T00:00:00Z", NULL);
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt == NULL)
        return usage_error (_("--reference-date must be a date like 2026-11-23."));
      options.reference = g_date_time_to_unix (dt);
    }
  options.locale = locale;
  options.seed = (guint64) seed;

  store = open_store (cli, FALSE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  stats = load_stats (store, cli, &error);
  if (stats == NULL)
    return fail (g_steal_pointer (&error));
  if (count_rows (stats) > 0 && !force)
    {
      g_autofree char *message =
        g_strdup_printf (_("The database “%s” already holds records; use --force to add sample data anyway."),
                         cli->database);

      print_error (message);
      return EXIT_FAILURE;
    }

  if (isatty (STDERR_FILENO))
    options.progress = on_demo_progress_cb;
  started = g_get_monotonic_time ();
  crm_demo_generate_full_async (store, &options, cli->cancellable, on_async_done_cb, &result);
  if (!crm_demo_generate_finish (store, await_result (&result), &error))
    {
      if (options.progress != NULL)
        g_printerr ("\n");
      return fail (g_steal_pointer (&error));
    }
  if (options.progress != NULL)
    g_printerr ("\n");

  /* TRANSLATORS: %s is the database path, %.1f seconds */
  g_print (_("Sample data written to “%s” in %.1f s.\n"), cli->database,
           (g_get_monotonic_time () - started) / 1e6);
  return EXIT_SUCCESS;
}

/* --- stats --- */

/* Prints the value built in @builder as indented JSON on stdout. */
void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
cmd_stats (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GVariant) stats = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  char *table;
  gint64 count;

  if (!parse_options (NULL, _("Show the number of records per table (trash excluded)."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("stats takes no arguments besides its options."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  stats = load_stats (store, cli, &error);
  if (stats == NULL)
    return fail (g_steal_pointer (&error));

  g_variant_iter_init (&iter, stats);
  while (g_variant_iter_next (&iter, "{sx}", &table, &count))
    g_ptr_array_add (names, table);
  g_ptr_array_sort (names, compare_names);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, cli->database);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, crm_store_get_schema_version (store));
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_object (builder);
      for (guint i = 0; i < names->len; i++)
        {
          g_variant_lookup (stats, names->pdata[i], "x", &count);
          json_builder_set_member_name (builder, names->pdata[i]);
          json_builder_add_int_value (builder, count);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);

      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < names->len; i++)
        {
          g_variant_lookup (stats, names->pdata[i], "x", &count);
          g_print ("%-26s %12" G_GINT64_FORMAT "\n", (const char *) names->pdata[i], count);
        }
    }
  return EXIT_SUCCESS;
}

/* --- check --- */

static int
cmd_check (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *problems = NULL;

  if (!parse_options (NULL, _("Check the database’s integrity; exits with 1 when there are problems."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("check takes no arguments."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  crm_store_check_async (store, cli->cancellable, on_async_done_cb, &result);
  problems = crm_store_check_finish (store, await_result (&result), &error);
  if (error != NULL)
    return fail (g_steal_pointer (&error));
  if (problems != NULL)
    {
      g_print ("%s\n", problems);
      print_error (_("The database has problems (listed above)."));
      return EXIT_FAILURE;
    }

  g_print ("%s\n", _("No problems found."));
  return EXIT_SUCCESS;
}

/* --- backup and restore --- */

static int
cmd_backup (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!parse_options (_("DEST"), _("Write a consistent copy of the database to DEST."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("backup needs exactly one destination file."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  crm_store_backup_async (store, argv[1], cli->cancellable, on_async_done_cb, &result);
  if (!crm_store_backup_finish (store, await_result (&result), &error))
    return fail (g_steal_pointer (&error));

  /* TRANSLATORS: first %s is the database, second the backup file */
  g_print (_("Backed up “%s” to “%s”.\n"), cli->database, argv[1]);
  return EXIT_SUCCESS;
}

static int
cmd_restore (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;

  if (!parse_options (_("SRC"), _("Replace the database with the backup SRC; the old file is kept as “<database>.before-restore”."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("restore needs exactly one backup file."));
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("There is no backup at “%s”."), argv[1]);

      print_error (message);
      return EXIT_FAILURE;
    }

  if (!crm_store_restore_file (argv[1], cli->database, &error))
    return fail (g_steal_pointer (&error));

  /* TRANSLATORS: first %s is the database, second the backup file */
  g_print (_("Restored “%s” from “%s”.\n"), cli->database, argv[1]);
  return EXIT_SUCCESS;
}

/* --- search --- */

static const char *
search_kind_heading (CrmSearchKind kind)
{
  switch (kind)
    {
    case CRM_SEARCH_KIND_PERSON:
      return _("People");
    case CRM_SEARCH_KIND_ORGANIZATION:
      return _("Organizations");
    case CRM_SEARCH_KIND_DEAL:
      return _("Deals");
    case CRM_SEARCH_KIND_TICKET:
      return _("Tickets");
    default:
      g_return_val_if_reached ("");
    }
}

/* {"query": "…", "results": {"person": [{"id": …, "title": …, "subtitle": …}], …}}
 * with every kind present, in the order the search groups them. */
static void
print_search_json (const char *query,
                   GListModel *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_object (builder);
  for (CrmSearchKind kind = CRM_SEARCH_KIND_FIRST; kind <= CRM_SEARCH_KIND_LAST; kind++)
    {
      json_builder_set_member_name (builder, crm_search_kind_to_key (kind));
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
        {
          g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);

          if (crm_search_hit_get_kind (hit) != kind)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, crm_search_hit_get_record_id (hit));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, crm_search_hit_get_title (hit));
          json_builder_set_member_name (builder, "subtitle");
          json_builder_add_string_value (builder, crm_search_hit_get_subtitle (hit));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  print_json (builder);
}

static void
print_search_text (GListModel *hits)
{
  CrmSearchKind shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);
      CrmSearchKind kind = crm_search_hit_get_kind (hit);

      if (kind != shown)
        {
          g_print ("%s%s\n", shown != 0 ? "\n" : "", search_kind_heading (kind));
          shown = kind;
        }
      g_print ("  %" G_GINT64_FORMAT "  %s", crm_search_hit_get_record_id (hit), crm_search_hit_get_title (hit));
      if (crm_search_hit_get_subtitle (hit)[0] != '\0')
        g_print ("  (%s)", crm_search_hit_get_subtitle (hit));
      g_print ("\n");
    }
  if (shown == 0)
    g_print ("%s\n", _("Nothing found."));
}

static int
cmd_search (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  int limit = 10;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("The most results of each kind (default: 10)"), "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autofree char *query = NULL;

  if (!parse_options (_("QUERY…"), _("Search people, organizations, deals and tickets, as the window’s search does."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return usage_error (_("search needs a query."));
  if (limit < 1 || limit > 1000)
    return usage_error (_("The limit must be between 1 and 1000."));
  /* Several arguments are one query, as if typed with spaces. */
  query = g_strjoinv (" ", argv + 1);

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  /* Everything written before, an import's million people too, is found. */
  if (!crm_search_flush_sync (store, &error))
    return fail (g_steal_pointer (&error));
  crm_search_async (store, query, limit, cli->cancellable, on_async_done_cb, &result);
  hits = crm_search_finish (store, await_result (&result), &error);
  if (hits == NULL)
    return fail (g_steal_pointer (&error));

  if (json)
    print_search_json (query, hits);
  else
    print_search_text (hits);
  return EXIT_SUCCESS;
}

/* --- dedupe --- */

static void
add_ids (JsonBuilder *builder,
         GArray      *ids)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static void
print_clusters_json (GPtrArray *clusters)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clusters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < clusters->len; i++)
    {
      CrmDedupeCluster *cluster = clusters->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, crm_dedupe_kind_to_string (cluster->kind));
      json_builder_set_member_name (builder, "ids");
      add_ids (builder, cluster->ids);
      json_builder_set_member_name (builder, "matches");
      json_builder_begin_array (builder);
      for (guint m = 0; m < cluster->matches->len; m++)
        {
          CrmDedupeMatch *match = cluster->matches->pdata[m];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, crm_dedupe_rule_to_string (match->rule));
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, match->key);
          json_builder_set_member_name (builder, "ids");
          add_ids (builder, match->ids);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_json (builder);
}

static int
cmd_rfm (Cli   *cli,
         int    argc,
         char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  gint64 n;

  if (!parse_options (NULL, _("Recompute the recency, frequency and monetary "
                              "value scores of every customer."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("rfm takes no arguments besides its options."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  if ((n = crm_rfm_recompute_sync (store, &error)) < 0)
    return fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "scored");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }
  /* TRANSLATORS: %u is a number of people */
  g_print (ngettext ("Scored %u customer.\n", "Scored %u customers.\n", (gulong) n), (guint) n);
  return EXIT_SUCCESS;
}

static int
cmd_dedupe (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) clusters = NULL;

  if (!parse_options (NULL, _("List clusters of probable duplicate people and organizations."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("dedupe takes no arguments besides its options."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  crm_dedupe_scan_async (store, cli->cancellable, on_async_done_cb, &result);
  clusters = crm_dedupe_scan_finish (store, await_result (&result), &error);
  if (clusters == NULL)
    return fail (g_steal_pointer (&error));

  if (json)
    {
      print_clusters_json (clusters);
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < clusters->len; i++)
    {
      CrmDedupeCluster *cluster = clusters->pdata[i];

      g_print ("%s", crm_dedupe_kind_to_string (cluster->kind));
      for (guint j = 0; j < cluster->ids->len; j++)
        g_print (" %" G_GINT64_FORMAT, g_array_index (cluster->ids, gint64, j));
      for (guint m = 0; m < cluster->matches->len; m++)
        {
          CrmDedupeMatch *match = cluster->matches->pdata[m];

          g_print ("%s%s: %s", m == 0 ? "\t" : "; ", crm_dedupe_rule_to_string (match->rule), match->key);
        }
      g_print ("\n");
    }
  /* TRANSLATORS: %u is a number of duplicate clusters */
  g_print (ngettext ("%u cluster of duplicates.\n", "%u clusters of duplicates.\n", clusters->len),
           clusters->len);
  return EXIT_SUCCESS;
}

/* --- import and export --- */

/* The format the issue gives, to the space: one line. */
static void
print_import_json (CrmImport *import)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const CrmImportRejection *rejections;
  guint n_rejections;

  rejections = crm_import_get_rejections (import, &n_rejections);
  g_string_append_printf (out, "{\"imported\": %u, \"updated\": %u, \"skipped\": %u, \"rejected\": [",
                          crm_import_get_n_imported (import), crm_import_get_n_updated (import),
                          crm_import_get_n_skipped (import));
  /* Reasons are ASCII keys: nothing to escape. */
  for (guint i = 0; i < n_rejections; i++)
    g_string_append_printf (out, "%s{\"line\": %u, \"reason\": \"%s\"}", i > 0 ? ", " : "",
                            rejections[i].line, rejections[i].reason);
  g_string_append (out, "]}");
  g_print ("%s\n", out->str);
}

static int
cmd_import (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE, update = FALSE, create = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update,
      N_("Update existing records from conflicting rows"), NULL },
    { "create-duplicates", 0, 0, G_OPTION_ARG_NONE, &create,
      N_("Create records even for rows that match existing ones"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmImport) import = NULL;
  g_autoptr(GFile) file = NULL;
  const CrmImportRejection *rejections;
  g_autofree char *batch_text = NULL;
  guint n_rejections;
  gint64 batch_id;

  if (!parse_options (_("FILE"), _("Import people or organizations from a CSV or vCard file."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("import takes one file."));

  store = open_store (cli, FALSE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  file = g_file_new_for_commandline_arg (argv[1]);
  import = crm_import_new (store, file);
  if (update)
    crm_import_set_decision (import, CRM_IMPORT_STATUS_CONFLICT, CRM_IMPORT_DECISION_UPDATE);
  if (create)
    for (CrmImportStatus s = CRM_IMPORT_STATUS_MATCH; s <= CRM_IMPORT_STATUS_DUPLICATE; s++)
      crm_import_set_decision (import, s, CRM_IMPORT_DECISION_CREATE);
  crm_import_run_async (import, cli->cancellable, on_async_done_cb, &result);
  batch_id = crm_import_run_finish (import, await_result (&result), &error);
  if (batch_id == 0)
    return fail (g_steal_pointer (&error));

  if (json)
    {
      print_import_json (import);
      return EXIT_SUCCESS;
    }
  batch_text = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);
  rejections = crm_import_get_rejections (import, &n_rejections);
  for (guint i = 0; i < n_rejections; i++)
    /* TRANSLATORS: a rejected row: its line number, then why */
    g_print (_("Line %u: %s\n"), rejections[i].line,
             crm_import_reason_get_label (rejections[i].reason));
  /* TRANSLATORS: %u are numbers of records, %s the id to undo the import with */
  g_print (_("Imported %u, updated %u, skipped %u, rejected %u (import %s).\n"),
           crm_import_get_n_imported (import), crm_import_get_n_updated (import),
           crm_import_get_n_skipped (import), n_rejections, batch_text);
  return EXIT_SUCCESS;
}

static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *format_name = NULL;
  gint64 segment_id = 0;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("person or organization (default: person)"), "KIND" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("csv or vcard (default: from OUT’s name)"), "FORMAT" },
    { "segment", 0, 0, G_OPTION_ARG_INT64, &segment_id, N_("Only the records of this segment"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmQuery) query = NULL;
  g_autoptr(GFile) file = NULL;
  CrmExportFormat format;
  guint n_written = 0;

  if (!parse_options (_("OUT"), _("Export people or organizations to CSV or vCard 4.0."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("export takes one output file."));
  if (kind == NULL)
    kind = g_strdup ("person");
  if (!g_str_equal (kind, "person") && !g_str_equal (kind, "organization"))
    return usage_error (_("--kind is person or organization."));
  if (format_name != NULL && !g_str_equal (format_name, "csv") && !g_str_equal (format_name, "vcard"))
    return usage_error (_("--format is csv or vcard."));
  format = format_name != NULL ? (g_str_equal (format_name, "vcard") ? CRM_EXPORT_FORMAT_VCARD
                                                                    : CRM_EXPORT_FORMAT_CSV)
                               : crm_export_format_for_name (argv[1]);

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  if (segment_id != 0)
    {
      g_autoptr(GAsyncResult) loaded = NULL;
      g_autoptr(CrmRecord) segment = NULL;

      crm_store_load_async (store, CRM_TYPE_SEGMENT, segment_id, cli->cancellable,
                            on_async_done_cb, &loaded);
      segment = crm_store_load_finish (store, await_result (&loaded), &error);
      if (segment == NULL)
        return fail (g_steal_pointer (&error));
      g_free (kind);
      kind = g_strdup (crm_segment_get_target (CRM_SEGMENT (segment)));
      crm_filter_build_query_async (store, kind, crm_segment_get_filter (CRM_SEGMENT (segment)),
                                    cli->cancellable, on_async_done_cb, &result);
      query = crm_filter_build_query_finish (store, await_result (&result), &error);
      if (query == NULL)
        return fail (g_steal_pointer (&error));
      g_clear_object (&result);
    }
  else
    query = crm_query_new (g_str_equal (kind, "organization") ? CRM_TYPE_ORGANIZATION
                                                              : CRM_TYPE_PERSON);

  file = g_file_new_for_commandline_arg (argv[1]);
  crm_export_async (store, query, NULL, format, file, cli->cancellable, on_async_done_cb, &result);
  if (!crm_export_finish (store, await_result (&result), &n_written, &error))
    return fail (g_steal_pointer (&error));
  /* TRANSLATORS: %u is a number of records, %s a file name */
  g_print (ngettext ("Exported %u record to %s.\n", "Exported %u records to %s.\n", n_written),
           n_written, argv[1]);
  return EXIT_SUCCESS;
}

static int
list_imports (Cli      *cli,
              CrmStore *store)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_IMPORT_BATCH);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) batches = NULL;
  g_autoptr(GError) error = NULL;

  crm_query_set_order (query, "created", TRUE);
  crm_store_query_async (store, query, cli->cancellable, on_async_done_cb, &result);
  batches = crm_store_query_finish (store, await_result (&result), &error);
  if (batches == NULL)
    return fail (g_steal_pointer (&error));
  for (guint i = 0; i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(CrmImportBatch) batch = g_list_model_get_item (batches, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (crm_record_get_created (CRM_RECORD (batch)));
      g_autofree char *date = g_date_time_format (when, "%F %T");

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t+%" G_GINT64_FORMAT " ~%" G_GINT64_FORMAT "\t%s\n",
               crm_record_get_id (CRM_RECORD (batch)), date,
               crm_import_batch_get_file_name (batch), crm_import_batch_get_n_imported (batch),
               crm_import_batch_get_n_updated (batch),
               crm_import_batch_get_undone (batch) != 0 ? _("undone") : "");
    }
  return EXIT_SUCCESS;
}

static int
cmd_undo_import (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint n_edited = 0;
  gint64 batch_id;
  char *end = NULL;

  if (!parse_options (_("[BATCH_ID]"), _("Undo an import, or list the imports without BATCH_ID."),
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 2)
    return usage_error (_("undo-import takes at most one import id."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  if (argc == 1)
    return list_imports (cli, store);

  batch_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || batch_id <= 0)
    return usage_error (_("The import id is a number (see “rapport-cli undo-import”)."));
  crm_import_undo_async (store, batch_id, cli->cancellable, on_async_done_cb, &result);
  if (!crm_import_undo_finish (store, await_result (&result), &n_edited, &error))
    return fail (g_steal_pointer (&error));
  if (n_edited > 0)
    /* TRANSLATORS: %u is a number of records */
    g_print (ngettext ("Undone; %u record had been edited since the import and was reverted too.\n",
                       "Undone; %u records had been edited since the import and were reverted too.\n",
                       n_edited), n_edited);
  else
    g_print ("%s\n", _("Undone."));
  return EXIT_SUCCESS;
}

/* --- stakeholder-map --- */

static const char *
coverage_key (CrmCoverageKind kind)
{
  static const char *const keys[] = {
    [CRM_COVERAGE_NO_DECISION_MAKER] = "no-decision-maker",
    [CRM_COVERAGE_SINGLE_THREADED] = "single-threaded",
    [CRM_COVERAGE_CHAMPION_NOT_CONTACTED] = "champion-not-contacted",
    [CRM_COVERAGE_OPPONENT_HIGH] = "opponent-high",
    [CRM_COVERAGE_DECISION_MAKER_UNLINKED] = "decision-maker-unlinked",
  };

  return (guint) kind < G_N_ELEMENTS (keys) ? keys[kind] : "unknown";
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_map_nodes_json (JsonBuilder       *builder,
                    CrmStakeholderMap *map)
{
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map); i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);
      g_autoptr(GArray) managers = crm_stakeholder_map_dup_managers (map, node->person_id);

      json_builder_begin_object (builder);
      add_int_member (builder, "person_id", node->person_id);
      add_string_member (builder, "name", node->name);
      add_string_member (builder, "title", node->title);
      add_string_member (builder, "department", node->department);
      add_string_member (builder, "initials", node->initials);
      add_string_member (builder, "role", node->role);
      add_string_member (builder, "influence", node->influence);
      add_string_member (builder, "attitude", node->attitude);
      add_string_member (builder, "notes", node->notes);
      add_int_member (builder, "last_contact", node->last_contact);
      json_builder_set_member_name (builder, "managers");
      add_ids (builder, managers);
      if (node->placed)
        {
          json_builder_set_member_name (builder, "x");
          json_builder_add_double_value (builder, node->x);
          json_builder_set_member_name (builder, "y");
          json_builder_add_double_value (builder, node->y);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_map_edges_json (JsonBuilder       *builder,
                    CrmStakeholderMap *map)
{
  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", edge->kind == CRM_MAP_EDGE_REPORTS_TO ? "reports-to" : "influences");
      add_int_member (builder, "id", edge->id);
      add_int_member (builder, "from", edge->from);
      add_int_member (builder, "to", edge->to);
      if (edge->kind == CRM_MAP_EDGE_INFLUENCES)
        add_string_member (builder, "strength", edge->strength);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_map_json (CrmStakeholderMap      *map,
                const CrmCoverageRules *rules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) findings = crm_stakeholder_coverage (map, rules);

  json_builder_begin_object (builder);
  add_string_member (builder, "scope", crm_map_scope_to_key (crm_stakeholder_map_get_scope (map)));
  add_int_member (builder, "id", crm_stakeholder_map_get_scope_id (map));
  add_string_member (builder, "title", crm_stakeholder_map_get_title (map));
  add_int_member (builder, "organization_id", crm_stakeholder_map_get_organization_id (map));
  add_map_nodes_json (builder, map);
  add_map_edges_json (builder, map);

  json_builder_set_member_name (builder, "coverage");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      const CrmCoverageFinding *finding = &g_array_index (findings, CrmCoverageFinding, i);
      g_autofree char *text = crm_coverage_finding_describe (finding, map, rules);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", coverage_key (finding->kind));
      add_int_member (builder, "person_id", finding->person_id);
      add_string_member (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_json (builder);
}

static gboolean
parse_map_style (const char  *text,
                 CrmMapStyle *style)
{
  if (text == NULL || g_str_equal (text, "light"))
    *style = CRM_MAP_STYLE_LIGHT;
  else if (g_str_equal (text, "dark"))
    *style = CRM_MAP_STYLE_DARK;
  else if (g_str_equal (text, "high-contrast"))
    *style = CRM_MAP_STYLE_HIGH_CONTRAST;
  else
    return FALSE;
  return TRUE;
}

static int
cmd_stakeholder_map (Cli   *cli,
                     int    argc,
                     char **argv)
{
  gint64 organization = 0, deal = 0;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *style_name = NULL;
  gboolean json = FALSE;
  int stale_days = 30;
  const GOptionEntry entries[] = {
    { "organization", 0, 0, G_OPTION_ARG_INT64, &organization, N_("The organization whose people to map"), "ID" },
    { "deal", 0, 0, G_OPTION_ARG_INT64, &deal, N_("The deal whose stakeholders to map"), "ID" },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg, N_("Write the map as SVG to OUT"), "OUT" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Write the map as PNG to OUT"), "OUT" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the map as PDF to OUT"), "OUT" },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_name, N_("light, dark or high-contrast (default: light)"), "STYLE" },
    { "stale-days", 0, 0, G_OPTION_ARG_INT, &stale_days, N_("Days without contact before a person is stale (default: 30)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the people, lines and coverage insights as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(CrmStakeholderMap) map = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *paths[3];
  CrmCoverageRules rules;
  CrmMapStyle style;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!parse_options (NULL, _("Draw the stakeholder map of an organization or a deal "
                              "as SVG, PNG or PDF, or print it with its coverage "
                              "insights as JSON."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("stakeholder-map takes no arguments besides its options."));
  if ((organization != 0) == (deal != 0))
    return usage_error (_("stakeholder-map needs either --organization ID or --deal ID."));
  if (organization < 0 || deal < 0)
    return usage_error (_("The ID must be a positive number."));
  if (!parse_map_style (style_name, &style))
    return usage_error (_("--style must be “light”, “dark” or “high-contrast”."));
  if (stale_days < 1 || stale_days > 3650)
    return usage_error (_("--stale-days must be between 1 and 3650."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  crm_stakeholder_map_load_async (store, deal != 0 ? CRM_MAP_SCOPE_DEAL : CRM_MAP_SCOPE_ORGANIZATION,
                                  deal != 0 ? deal : organization, cli->cancellable,
                                  on_async_done_cb, &result);
  map = crm_stakeholder_map_load_finish (await_result (&result), &error);
  if (map == NULL)
    return fail (g_steal_pointer (&error));

  /* Each file is written whole or not at all; the first failure stops. */
  paths[0] = svg;
  paths[1] = png;
  paths[2] = pdf;
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gboolean ok;

      if (paths[i] == NULL)
        continue;
      if (i == 0)
        ok = crm_stakeholder_export_svg (map, style, now, stale_days, paths[i], &error);
      else if (i == 1)
        ok = crm_stakeholder_export_png (map, style, now, stale_days, 1.0, paths[i], &error);
      else
        ok = crm_stakeholder_export_pdf (map, style, now, stale_days, paths[i], &error);
      if (!ok)
        return fail (g_steal_pointer (&error));
      if (!json)
        {
          /* TRANSLATORS: %s is a file name */
          g_print (_("Wrote “%s”."), paths[i]);
          g_print ("\n");
        }
    }

  if (json || (svg == NULL && png == NULL && pdf == NULL))
    {
      crm_coverage_rules_init (&rules, now);
      rules.stale_days = stale_days;
      print_map_json (map, &rules);
    }
  return EXIT_SUCCESS;
}

/* --- main --- */

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

static const struct {
  const char  *name;
  const char  *synopsis;
  const char  *description;
  CommandFunc  func;
} commands[] = {
  { "demo", "demo --size small|large [--locale en|zh_CN] [--seed N] [--force]",
    N_("Fill the database with sample data"), cmd_demo },
  { "stats", "stats [--json]", N_("Show the number of records per table"), cmd_stats },
  { "check", "check", N_("Check the database’s integrity"), cmd_check },
  { "backup", "backup DEST", N_("Write a consistent copy of the database to DEST"), cmd_backup },
  { "restore", "restore SRC", N_("Replace the database with the backup SRC"), cmd_restore },
  { "dedupe", "dedupe [--json]", N_("List clusters of probable duplicates"), cmd_dedupe },
  { "rfm", "rfm [--json]", N_("Recompute the customers’ RFM value scores"), cmd_rfm },
  { "search", "search QUERY [--json] [--limit N]",
    N_("Search people, organizations, deals and tickets"), cmd_search },
  { "import", "import FILE [--json] [--update] [--create-duplicates]",
    N_("Import people or organizations from a CSV or vCard file"), cmd_import },
  { "import-eml", "import-eml FILE|FOLDER... [--json]",
    N_("Make tickets from email files (.eml); replies join their tickets"), cmd_import_eml },
  { "export", "export [--kind person|organization] [--format csv|vcard] [--segment ID] OUT",
    N_("Export people or organizations to CSV or vCard"), cmd_export },
  { "undo-import", "undo-import [BATCH_ID]", N_("Undo an import, or list the imports"),
    cmd_undo_import },
  { "stakeholder-map",
    "stakeholder-map (--organization ID | --deal ID) [--svg OUT] [--png OUT] [--pdf OUT] [--json]",
    N_("Draw an organization’s or a deal’s stakeholder map, or print it as JSON"),
    cmd_stakeholder_map },
  { "forecast", "forecast [--by month|pipeline|owner|pipeline,owner] [--json]",
    N_("Weighted and best-case amounts by month of expected close"), cmd_forecast },
  { "cycle", "cycle [--json]",
    N_("Days to win, win rate and stage conversion, B2B against B2C"), cmd_cycle },
  { "kpi", "kpi --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
    N_("Service KPIs of a period: CSAT, first response, resolution, self-service, SLA, backlog"),
    cmd_kpi },
  { "kb", "kb list|show ID|import-selfservice FILE [--json]",
    N_("Knowledge base articles, and self-service resolutions from a portal or FAQ log"), cmd_kb },
};

static void
print_help (void)
{
  g_autofree char *default_path = crm_store_dup_default_path ();

  g_print ("%s\n\n", _("Usage: rapport-cli [--database PATH] COMMAND [OPTIONS]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %s\n      %s\n", commands[i].synopsis, _(commands[i].description));
  g_print ("\n%s\n", _("Options:"));
  g_print ("  --database PATH\n      ");
  /* TRANSLATORS: %s is the default database path */
  g_print (_("The database file (default: %s)"), default_path);
  g_print ("\n  --help\n      %s\n", _("Show this help"));
  g_print ("  --version\n      %s\n", _("Show the version"));
  g_print ("\n%s\n", _("Run “rapport-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  Cli cli = { NULL, NULL };
  /* As in the application: translations of an uninstalled build. */
  const char *localedir = g_getenv ("RAPPORT_LOCALEDIR");
  int i = 1;
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("rapport-cli");

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help ();
          g_free (cli.database);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("rapport-cli %s\n", PACKAGE_VERSION);
          g_free (cli.database);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        {
          g_free (cli.database);
          cli.database = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        {
          g_free (cli.database);
          cli.database = g_strdup (argv[i] + strlen ("--database="));
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown option “%s”."), argv[i]);

          g_free (cli.database);
          return usage_error (message);
        }
    }

  if (i >= argc)
    {
      g_free (cli.database);
      return usage_error (_("No command given."));
    }
  if (cli.database == NULL || cli.database[0] == '\0')
    {
      g_free (cli.database);
      cli.database = crm_store_dup_default_path ();
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          guint sigint;

          g_autofree char *prgname = g_strdup_printf ("rapport-cli %s", commands[c].name);

          /* "Usage: rapport-cli demo [OPTION…]" in the command's --help. */
          g_set_prgname (prgname);
          cli.cancellable = g_cancellable_new ();
          sigint = g_unix_signal_add (SIGINT, on_sigint_cb, &cli);
          /* The command sees argv[i] as its program name. */
          ret = commands[c].func (&cli, argc - i, argv + i);
          g_source_remove (sigint);
          /* The font and glyph caches a drawn map leaves behind, so that a
           * leak checker sees real leaks only. */
          pango_cairo_font_map_set_default (NULL);
          cairo_debug_reset_static_data ();
          g_clear_object (&cli.cancellable);
          g_free (cli.database);
          return ret;
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[i]);

    g_free (cli.database);
    return usage_error (message);
  }
}
