/* rapport-cli-kb.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-cli kb: the knowledge base from the command line.
 *
 *   kb list [--language en|zh-CN] [--tag TAG] [--search TEXT] [--json]
 *   kb show ID [--json]                       ID: "KB-<id>" or the number
 *   kb import-selfservice FILE [--timezone TZ] [--json]
 *
 * Times in JSON are unix seconds; text output uses the locale's formats.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "crm-format.h"
#include "crm-kb.h"
#include "crm-kb-article.h"
#include "crm-selfservice-import.h"
#include "rapport-cli-kb.h"
#include "rapport-cli-private.h"

static const char *
language_name (const char *key)
{
  if (g_strcmp0 (key, "zh-CN") == 0)
    return _("Chinese");
  return _("English");
}

static void
add_article_json (JsonBuilder  *builder,
                  CrmKbArticle *article,
                  gint64        resolved,
                  gboolean      with_body)
{
  CrmRecord *record = CRM_RECORD (article);
  g_auto(GStrv) tags = crm_kb_split_tags (crm_kb_article_get_tags (article));
  g_autofree char *ref = crm_kb_format_reference (crm_record_get_id (record));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_record_get_id (record));
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, ref);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, crm_kb_article_get_title (article));
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, crm_kb_article_get_language (article));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "published");
  json_builder_add_boolean_value (builder, crm_kb_article_get_published (article));
  json_builder_set_member_name (builder, "views");
  json_builder_add_int_value (builder, crm_kb_article_get_views (article));
  json_builder_set_member_name (builder, "resolved");
  json_builder_add_int_value (builder, resolved);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, crm_record_get_created (record));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, crm_record_get_updated (record));
  if (with_body)
    {
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, crm_kb_article_get_body (article));
    }
}

/* --- list --- */

static int
kb_list (Cli   *cli,
         int    argc,
         char **argv)
{
  gboolean json = FALSE;
  g_autofree char *language = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *search = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Only articles in this language"), "en|zh-CN" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only articles with this tag"), N_("TAG") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only articles with all these words"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) hits = NULL;
  guint n;

  if (!parse_options (NULL, _("List the knowledge base’s articles, the most read first (or the "
                              "best matches of --search), with their views and the requests "
                              "they resolved without a ticket."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("kb list takes no arguments besides its options."));
  if (language != NULL && !crm_kb_language_is_valid (language))
    return usage_error (_("--language takes en or zh-CN."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  crm_kb_search_async (store, search, language, tag, CRM_KB_SEARCH_DEFAULT, 0, cli->cancellable,
                       on_async_done_cb, &result);
  hits = crm_kb_search_finish (store, await_result (&result), &error);
  if (hits == NULL)
    return fail (g_steal_pointer (&error));
  n = g_list_model_get_n_items (hits);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "articles");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmKbHit) hit = g_list_model_get_item (hits, i);

          json_builder_begin_object (builder);
          add_article_json (builder, crm_kb_hit_get_article (hit), crm_kb_hit_get_resolved (hit), FALSE);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmKbHit) hit = g_list_model_get_item (hits, i);
      CrmKbArticle *article = crm_kb_hit_get_article (hit);
      g_autofree char *ref = crm_kb_format_reference (crm_kb_hit_get_article_id (hit));
      g_autofree char *views = crm_format_count (crm_kb_article_get_views (article));
      g_autofree char *resolved = crm_format_count (crm_kb_hit_get_resolved (hit));

      /* TRANSLATORS: one article in "rapport-cli kb list": its reference,
       * language key, title, views, resolved requests and (maybe) "draft" */
      g_print (_("%1$s  %2$-5s  %3$s  (%4$s views, %5$s resolved)%6$s\n"), ref,
               crm_kb_article_get_language (article), crm_kb_article_get_title (article), views,
               resolved, crm_kb_article_get_published (article) ? "" : _(" — draft"));
    }
  if (n == 0)
    g_print ("%s\n", _("No articles."));
  return EXIT_SUCCESS;
}

/* --- show --- */

static int
kb_show (Cli   *cli,
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
  g_autoptr(GAsyncResult) stats_result = NULL;
  g_autoptr(CrmRecord) record = NULL;
  CrmKbArticle *article;
  CrmKbStats stats;
  gint64 id = 0;

  if (!parse_options (_("ID"), _("Show one article (ID is its number or “KB-” and its number)."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("kb show needs one article: its number or KB-number."));
  if (!crm_kb_parse_reference (argv[1], &id))
    return usage_error (_("An article is named by its number or KB-number."));

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  crm_store_load_async (store, CRM_TYPE_KB_ARTICLE, id, cli->cancellable, on_async_done_cb, &result);
  record = crm_store_load_finish (store, await_result (&result), &error);
  if (record == NULL || crm_record_get_trashed (record))
    {
      if (error == NULL)
        g_set_error (&error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND, _("There is no article %s."), argv[1]);
      return fail (g_steal_pointer (&error));
    }
  article = CRM_KB_ARTICLE (record);
  crm_kb_get_stats_async (store, id, cli->cancellable, on_async_done_cb, &stats_result);
  if (!crm_kb_get_stats_finish (store, await_result (&stats_result), &stats, &error))
    return fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_article_json (builder, article, stats.resolved, TRUE);
      json_builder_set_member_name (builder, "resolved_last_30_days");
      json_builder_add_int_value (builder, stats.resolved_recent);
      json_builder_set_member_name (builder, "last_resolved");
      json_builder_add_int_value (builder, stats.last_resolved);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *ref = crm_kb_format_reference (id);
    g_autofree char *updated = crm_format_date (crm_record_get_updated (record));
    g_autofree char *views = crm_format_count (stats.views);
    g_autofree char *resolved = crm_format_count (stats.resolved);
    g_autofree char *recent = crm_format_count (stats.resolved_recent);

    g_print ("%s  %s\n\n", ref, crm_kb_article_get_title (article));
    /* TRANSLATORS: a label and a value in "rapport-cli kb show" */
    g_print (_("Language: %s\n"), language_name (crm_kb_article_get_language (article)));
    g_print (_("Tags: %s\n"), crm_kb_article_get_tags (article));
    g_print (_("Published: %s\n"), crm_kb_article_get_published (article) ? _("yes") : _("no"));
    g_print (_("Updated: %s\n"), updated);
    g_print (_("Views: %s\n"), views);
    /* TRANSLATORS: requests resolved by the article without a ticket; the second %s is of the last 30 days */
    g_print (_("Resolved requests: %s (%s in the last 30 days)\n"), resolved, recent);
    g_print ("\n%s\n", crm_kb_article_get_body (article));
  }
  return EXIT_SUCCESS;
}

/* --- import-selfservice --- */

static void
print_import_json (CrmSelfServiceImportResult *r)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, r->n_rows);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, r->n_imported);
  json_builder_set_member_name (builder, "not_resolved");
  json_builder_add_int_value (builder, r->n_not_resolved);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, r->n_duplicates);
  json_builder_set_member_name (builder, "unknown_customers");
  json_builder_add_int_value (builder, r->n_unknown_customers);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, r->encoding);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < r->rejected->len; i++)
    {
      CrmSelfServiceRejection *rej = &g_array_index (r->rejected, CrmSelfServiceRejection, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, rej->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, rej->reason);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, crm_selfservice_reason_get_label (rej->reason));
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, rej->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_import_text (CrmSelfServiceImportResult *r)
{
  for (guint i = 0; i < r->rejected->len; i++)
    {
      CrmSelfServiceRejection *rej = &g_array_index (r->rejected, CrmSelfServiceRejection, i);

      /* TRANSLATORS: a rejected row: its line number, why, and the value at fault */
      g_printerr (_("Line %u: %s (“%s”)\n"), rej->line, crm_selfservice_reason_get_label (rej->reason),
                  rej->value);
    }
  /* TRANSLATORS: the summary of "rapport-cli kb import-selfservice" */
  g_print (_("Imported %u self-service resolutions; %u rows not resolved, %u duplicates skipped, "
             "%u rejected; %u customers not found.\n"),
           r->n_imported, r->n_not_resolved, r->n_duplicates, r->rejected->len,
           r->n_unknown_customers);
}

static int
kb_import (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  g_autofree char *zone = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &zone,
      N_("The time zone of times that name none (default: the local one)"), "Asia/Shanghai" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(OpenStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CrmSelfServiceImportResult) r = NULL;

  if (!parse_options (_("FILE"), _("Import self-service resolutions from the CSV log of a help "
                                   "centre, portal or FAQ page: a time, an article (its number, "
                                   "KB-number or title), the customer’s email, the channel and "
                                   "whether the article resolved the request."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("kb import-selfservice needs one file."));
  if (zone != NULL)
    {
      tz = g_time_zone_new_identifier (zone);
      if (tz == NULL)
        return usage_error (_("Unknown time zone."));
    }

  store = open_store (cli, TRUE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));
  file = g_file_new_for_commandline_arg (argv[1]);
  crm_selfservice_import_async (store, file, tz, cli->cancellable, on_async_done_cb, &result);
  r = crm_selfservice_import_finish (store, await_result (&result), &error);
  if (r == NULL)
    return fail (g_steal_pointer (&error));

  if (json)
    print_import_json (r);
  else
    print_import_text (r);
  return EXIT_SUCCESS;
}

static void
print_kb_help (void)
{
  g_print ("%s\n\n", _("Usage: rapport-cli [--database PATH] kb COMMAND [OPTIONS]"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  list [--language en|zh-CN] [--tag TAG] [--search TEXT] [--json]\n      %s\n",
           _("List the articles"));
  g_print ("  show ID [--json]\n      %s\n", _("Show one article with its numbers"));
  g_print ("  import-selfservice FILE [--timezone TZ] [--json]\n      %s\n",
           _("Import self-service resolutions from a portal or FAQ log (CSV)"));
}

int
cmd_kb (Cli   *cli,
        int    argc,
        char **argv)
{
  static const struct {
    const char *name;
    int (*func) (Cli *cli, int argc, char **argv);
  } subcommands[] = {
    { "list", kb_list },
    { "show", kb_show },
    { "import-selfservice", kb_import },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_kb_help ();
      return argc < 2 ? EXIT_USAGE : EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("rapport-cli kb %s", subcommands[i].name);

        g_set_prgname (prgname);
        return subcommands[i].func (cli, argc - 1, argv + 1);
      }

  {
    g_autofree char *message = g_strdup_printf (_("Unknown kb command “%s”."), argv[1]);

    return usage_error (message);
  }
}
