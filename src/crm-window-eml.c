/* crm-window-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * E-mail files in the main window:
 *   win.import-eml   "Import Emails…": a file chooser for .eml files (many at
 *                    once); also what dropping .eml (message/rfc822) files
 *                    on the window does (crm-window-import.c hands them
 *                    over).
 * The import runs in the core (crm-eml-import.h); a toast tells what came
 * of it ("2 tickets created, 1 reply threaded") with a button that opens
 * the ticket (or the inbox, for several).
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-window-private.h"
#include "crm-eml-import.h"
#include "crm-store.h"

/* A progress toast for imports of more files than this. */
#define PROGRESS_MIN_FILES 3

typedef struct
{
  CrmWindow *window;
  AdwToast  *progress;   /* nullable */
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  if (request->progress != NULL)
    {
      adw_toast_dismiss (request->progress);
      g_object_unref (request->progress);
    }
  g_object_unref (request->window);
  g_free (request);
}

gboolean
_crm_window_is_eml_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);
  g_autofree char *type = NULL;

  if (g_str_has_suffix (lower, ".eml"))
    return TRUE;
  /* By the name only: the drop handler must not read the file. */
  type = g_content_type_guess (lower, NULL, 0, NULL);
  return type != NULL && g_content_type_is_mime_type (type, "message/rfc822");
}

/* "2 tickets created, 1 reply threaded, 1 file not imported". */
static char *
summary (CrmEmlImport *import)
{
  guint created = crm_eml_import_count (import, CRM_EML_OUTCOME_CREATED);
  guint threaded = crm_eml_import_count (import, CRM_EML_OUTCOME_THREADED);
  guint skipped = crm_eml_import_count (import, CRM_EML_OUTCOME_SKIPPED);
  guint rejected = crm_eml_import_count (import, CRM_EML_OUTCOME_REJECTED);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  if (created > 0)
    /* TRANSLATORS: part of the summary toast of an e-mail import */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u ticket created", "%u tickets created", created),
                                             created));
  if (threaded > 0)
    /* TRANSLATORS: part of the summary toast of an e-mail import: messages
     * added to the tickets they answer */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u reply threaded", "%u replies threaded", threaded),
                                             threaded));
  if (skipped > 0)
    /* TRANSLATORS: part of the summary toast of an e-mail import */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u email imported before", "%u emails imported before", skipped),
                                             skipped));
  if (rejected == 1 && crm_eml_import_get_n_results (import) == 1)
    {
      const CrmEmlFileResult *r = crm_eml_import_get_result (import, 0);

      /* TRANSLATORS: a file name, then why it could not be imported */
      g_ptr_array_add (parts, g_strdup_printf (_("%s: %s"), r->name, crm_eml_reason_get_label (r->reason)));
    }
  else if (rejected > 0)
    /* TRANSLATORS: part of the summary toast of an e-mail import */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u file not imported", "%u files not imported",
                                                       rejected), rejected));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the parts of the e-mail import's summary */
        g_string_append (text, C_("summary separator", ", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  return g_string_free (text, FALSE);
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRequest *request = user_data;
  CrmWindow *self = request->window;
  CrmEmlImport *import = CRM_EML_IMPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GArray *tickets;
  AdwToast *toast;
  GtkWidget *title;

  if (!crm_eml_import_run_finish (import, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s says why */
          g_autofree char *message = g_strdup_printf (_("The emails could not be imported: %s"),
                                                      error->message);

          _crm_window_toast_error (self, message);
        }
      import_request_free (request);
      return;
    }

  text = summary (import);
  tickets = crm_eml_import_get_ticket_ids (import);
  toast = adw_toast_new (text);
  /* The counts can be long ("9 tickets created, 1 reply threaded, 1 file
   * not imported"): they wrap rather than lose the end in narrow windows. */
  title = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* One line for the usual counts; more wrap, as narrow windows need. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 44);
  gtk_widget_add_css_class (title, "heading");
  adw_toast_set_custom_title (toast, title);
  if (tickets->len == 1)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.show-record");
      adw_toast_set_action_target_value (toast, g_variant_new ("(sx)", "ticket",
                                                               g_array_index (tickets, gint64, 0)));
    }
  else if (tickets->len > 1)
    {
      adw_toast_set_button_label (toast, _("_Show Inbox"));
      adw_toast_set_action_name (toast, "win.show-view");
      adw_toast_set_action_target_value (toast, g_variant_new_string ("inbox"));
    }
  if (tickets->len > 0 || crm_eml_import_count (import, CRM_EML_OUTCOME_REJECTED) > 0)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      /* Long enough to read it and reach the button. */
      adw_toast_set_timeout (toast, 10);
    }
  import_request_free (request);
  crm_window_add_toast (self, toast);
}

void
_crm_window_import_eml (CrmWindow    *self,
                        GFile * const *files,
                        guint          n_files)
{
  CrmContext *context = crm_window_get_context (self);
  g_autoptr(CrmEmlImport) import = NULL;
  ImportRequest *request;

  g_return_if_fail (CRM_IS_WINDOW (self));

  if (context == NULL || n_files == 0)
    return;
  request = g_new0 (ImportRequest, 1);
  request->window = g_object_ref (self);
  if (n_files >= PROGRESS_MIN_FILES)
    {
      /* TRANSLATORS: shown while e-mail files are imported */
      g_autofree char *text = g_strdup_printf (ngettext ("Importing %u email…", "Importing %u emails…",
                                                         n_files), n_files);

      request->progress = adw_toast_new (text);
      adw_toast_set_timeout (request->progress, 0);
      crm_window_add_toast (self, g_object_ref (request->progress));
    }
  import = crm_eml_import_new (crm_context_get_store (context));
  crm_eml_import_run_async (import, files, n_files, self->cancellable, on_imported_cb, request);
}

/* --- the file chooser --- */

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        CrmWindow       *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));
  if (files->len > 0)
    _crm_window_import_eml (self, (GFile * const *) files->pdata, files->len);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_eml_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CrmWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) emails = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (crm_window_get_context (self) == NULL)
    return;
  gtk_file_filter_set_name (emails, _("Email messages (.eml)"));
  gtk_file_filter_add_suffix (emails, "eml");
  gtk_file_filter_add_mime_type (emails, "message/rfc822");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Import Emails"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), emails);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- setup --- */

static void
update_enabled (CrmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "import-eml");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), crm_window_get_context (self) != NULL);
}

static const GActionEntry eml_actions[] = {
  { "import-eml", import_eml_action },
};

void
_crm_window_init_eml (CrmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), eml_actions, G_N_ELEMENTS (eml_actions), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (update_enabled), NULL);
  update_enabled (self);
}
