/* rapport-cli-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rapport-cli import-eml FILE...: e-mail files (.eml) as new tickets or as
 * replies threaded into the tickets they answer, with a line (or a JSON
 * object) per file saying what became of it.  A folder stands for the .eml
 * files in it, in the order of their names.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "crm-eml-import.h"
#include "rapport-cli-private.h"

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The .eml files of folder @dir, sorted by name, added to @files. */
static gboolean
add_folder (GPtrArray  *files,
            GFile      *dir,
            GError    **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, NULL, error);
  if (children == NULL)
    return FALSE;
  while ((info = g_file_enumerator_next_file (children, NULL, error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && g_str_has_suffix (lower, ".eml"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_file_get_child (dir, g_ptr_array_index (names, i)));
  return TRUE;
}

static void
print_report_json (CrmEmlImport *import)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (CrmEmlOutcome o = 0; o < CRM_EML_N_OUTCOMES; o++)
    {
      json_builder_set_member_name (builder, crm_eml_outcome_to_string (o));
      json_builder_add_int_value (builder, crm_eml_import_count (import, o));
    }
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < crm_eml_import_get_n_results (import); i++)
    {
      const CrmEmlFileResult *r = crm_eml_import_get_result (import, i);
      g_autofree char *path = g_file_get_path (r->file);
      g_autofree char *shown = path != NULL ? g_filename_display_name (path) : g_file_get_uri (r->file);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, shown);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, crm_eml_outcome_to_string (r->outcome));
      if (r->ticket_id != 0)
        {
          json_builder_set_member_name (builder, "ticket");
          json_builder_add_int_value (builder, r->ticket_number);
          json_builder_set_member_name (builder, "ticket_id");
          json_builder_add_int_value (builder, r->ticket_id);
        }
      if (r->person_id != 0)
        {
          json_builder_set_member_name (builder, "person_id");
          json_builder_add_int_value (builder, r->person_id);
          json_builder_set_member_name (builder, "person_created");
          json_builder_add_boolean_value (builder, r->person_created);
        }
      if (r->reason != NULL)
        {
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, r->reason);
        }
      if (r->detail != NULL)
        {
          json_builder_set_member_name (builder, "detail");
          json_builder_add_string_value (builder, r->detail);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_text (CrmEmlImport *import)
{
  for (guint i = 0; i < crm_eml_import_get_n_results (import); i++)
    {
      const CrmEmlFileResult *r = crm_eml_import_get_result (import, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, r->ticket_number);

      switch (r->outcome)
        {
        case CRM_EML_OUTCOME_CREATED:
          /* TRANSLATORS: a file name, then the number of the ticket it made */
          g_print (_("%s: new ticket #%s\n"), r->name, number);
          break;
        case CRM_EML_OUTCOME_THREADED:
          /* TRANSLATORS: a file name, then the number of the ticket it was added to */
          g_print (_("%s: added to ticket #%s\n"), r->name, number);
          break;
        case CRM_EML_OUTCOME_SKIPPED:
          if (r->ticket_number != 0)
            /* TRANSLATORS: a file name, then the number of the ticket that has the message */
            g_print (_("%s: skipped, already in ticket #%s\n"), r->name, number);
          else
            /* TRANSLATORS: a file name, then why it was skipped */
            g_print (_("%s: skipped: %s\n"), r->name, crm_eml_reason_get_label (r->reason));
          break;
        case CRM_EML_OUTCOME_REJECTED:
        case CRM_EML_N_OUTCOMES:
        default:
          /* TRANSLATORS: a file name, then why it could not be imported */
          g_print (_("%s: not imported: %s\n"), r->name,
                   r->detail != NULL ? r->detail : crm_eml_reason_get_label (r->reason));
          break;
        }
    }
  /* TRANSLATORS: the summary of an email import; each %u is a number of files */
  g_print (_("Tickets created: %u, replies threaded: %u, skipped: %u, not imported: %u.\n"),
           crm_eml_import_count (import, CRM_EML_OUTCOME_CREATED),
           crm_eml_import_count (import, CRM_EML_OUTCOME_THREADED),
           crm_eml_import_count (import, CRM_EML_OUTCOME_SKIPPED),
           crm_eml_import_count (import, CRM_EML_OUTCOME_REJECTED));
}

int
cmd_import_eml (Cli   *cli,
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
  g_autoptr(CrmEmlImport) import = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (!parse_options (_("FILE…"), _("Make tickets from email files (.eml); replies join their tickets."),
                      entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return usage_error (_("import-eml needs at least one file."));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        {
          if (!add_folder (files, file, &error))
            return fail (g_steal_pointer (&error));
        }
      else
        g_ptr_array_add (files, g_steal_pointer (&file));
    }

  if (files->len == 0)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There are no .eml files to import."));
      return fail (g_steal_pointer (&error));
    }

  store = open_store (cli, FALSE, &error);
  if (store == NULL)
    return fail (g_steal_pointer (&error));

  import = crm_eml_import_new (store);
  crm_eml_import_run_async (import, (GFile * const *) files->pdata, files->len, cli->cancellable,
                            on_async_done_cb, &result);
  if (!crm_eml_import_run_finish (import, await_result (&result), &error))
    return fail (g_steal_pointer (&error));

  if (json)
    print_report_json (import);
  else
    print_text (import);
  n = crm_eml_import_get_n_results (import);
  if (n > 0 && crm_eml_import_count (import, CRM_EML_OUTCOME_REJECTED) == n)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           n == 1 ? _("The file could not be imported.")
                                  : _("None of the files could be imported."));
      return fail (g_steal_pointer (&error));
    }
  return EXIT_SUCCESS;
}
