/* crm-window-import.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import and export in the main window:
 *   win.import                the import assistant (Ctrl+I); also opened by
 *                             dropping a .csv or .vcf file on the window
 *                             (.eml files go to crm-window-eml.c);
 *   win.undo-import (x)       undoes an import (the toast's button; the
 *                             window's undo stack holds it too);
 *   win.export                the people or organizations of the current
 *                             list, all of them, to CSV or vCard;
 *   win.export-segment (x)    the records of a segment.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-window-private.h"
#include "crm-export.h"
#include "crm-filter.h"
#include "crm-import.h"
#include "crm-import-window.h"
#include "crm-models.h"
#include "crm-store.h"

#define IMPORT_WINDOW_KEY "crm-import-window"
#define IMPORT_STEPS_KEY "crm-import-steps"

/* --- undo --- */

typedef struct
{
  GWeakRef  window;
  CrmStore *store;
  gint64    batch_id;
  gboolean  done;
} ImportStep;

static GHashTable *
get_steps (CrmWindow *self)
{
  GHashTable *steps = g_object_get_data (G_OBJECT (self), IMPORT_STEPS_KEY);

  if (steps == NULL)
    {
      /* Owned by the undo stack; this only finds them by batch id. */
      steps = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_object_set_data_full (G_OBJECT (self), IMPORT_STEPS_KEY, steps,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return steps;
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_edited = 0;

  if (!crm_import_undo_finish (CRM_STORE (object), result, &n_edited, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The import could not be undone: %s"),
                                                   error->message);

          _crm_window_toast_error (self, text);
        }
      return;
    }
  if (n_edited > 0)
    /* TRANSLATORS: %u is a number of records changed after an import */
    message = g_strdup_printf (ngettext ("Import undone; %u record edited since was reverted too",
                                         "Import undone; %u records edited since were reverted too",
                                         n_edited), n_edited);
  else
    message = g_strdup (_("Import undone"));
  crm_window_add_toast (self, adw_toast_new (message));
}

static void
undo_step (CrmWindow  *self,
           ImportStep *step)
{
  if (step->done)
    return;
  step->done = TRUE;
  crm_import_undo_async (step->store, step->batch_id, NULL, on_undone_cb, g_object_ref (self));
}

static void
undo_step_cb (CrmWindow *self,
              gpointer   data)
{
  undo_step (self, data);
}

/* The undo stack dropped the step (or the window is going). */
static void
forget_step (gpointer data)
{
  ImportStep *step = data;
  g_autoptr(CrmWindow) self = g_weak_ref_get (&step->window);

  if (self != NULL)
    g_hash_table_remove (get_steps (self), &step->batch_id);
  g_weak_ref_clear (&step->window);
  g_object_unref (step->store);
  g_free (step);
}

static void
undo_import_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CrmWindow *self = user_data;
  gint64 batch_id = g_variant_get_int64 (param);
  ImportStep *step = g_hash_table_lookup (get_steps (self), &batch_id);
  CrmContext *context = crm_window_get_context (self);

  if (step != NULL)
    undo_step (self, step);
  else if (context != NULL)
    crm_import_undo_async (crm_context_get_store (context), batch_id, NULL, on_undone_cb,
                           g_object_ref (self));
}

static void
on_imported_cb (CrmImportWindow *window,
                gint64           batch_id,
                guint            n_imported,
                int              target,
                CrmWindow       *self)
{
  CrmContext *context = crm_window_get_context (self);
  ImportStep *step;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (context == NULL)
    return;
  step = g_new0 (ImportStep, 1);
  g_weak_ref_init (&step->window, self);
  step->store = g_object_ref (crm_context_get_store (context));
  step->batch_id = batch_id;
  g_hash_table_replace (get_steps (self), &step->batch_id, step);
  _crm_window_push_undo (self, undo_step_cb, step, forget_step);

  if (target == CRM_IMPORT_TARGET_ORGANIZATION)
    /* TRANSLATORS: a toast after an import */
    message = g_strdup_printf (ngettext ("Imported %u organization", "Imported %u organizations",
                                         n_imported), n_imported);
  else
    /* TRANSLATORS: a toast after an import */
    message = g_strdup_printf (ngettext ("Imported %u person", "Imported %u people", n_imported),
                               n_imported);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (batch_id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Long enough to read the count and reach the button. */
  adw_toast_set_timeout (toast, 10);
  /* The assistant is modal: the toast waits until it closes, so that its
   * Undo button can be reached. */
  g_object_set_data_full (G_OBJECT (window), "crm-import-toast", g_object_ref_sink (toast),
                          g_object_unref);
}

/* --- the assistant --- */

static void
on_import_window_destroy_cb (CrmWindow *self,
                             GtkWidget *window)
{
  AdwToast *toast = g_object_get_data (G_OBJECT (window), "crm-import-toast");

  if (toast != NULL && crm_window_get_context (self) != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    crm_window_add_toast (self, g_object_ref (toast));
  if (g_object_get_data (G_OBJECT (self), IMPORT_WINDOW_KEY) == window)
    g_object_set_data (G_OBJECT (self), IMPORT_WINDOW_KEY, NULL);
}

void
_crm_window_open_import (CrmWindow *self,
                         GFile     *file)
{
  CrmContext *context = crm_window_get_context (self);
  GtkWindow *window = g_object_get_data (G_OBJECT (self), IMPORT_WINDOW_KEY);

  if (context == NULL)
    return;
  if (window != NULL)
    gtk_window_destroy (window);
  window = GTK_WINDOW (crm_import_window_new (context, file));
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_application (window, gtk_window_get_application (GTK_WINDOW (self)));
  g_object_set_data (G_OBJECT (self), IMPORT_WINDOW_KEY, window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_import_window_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (window);
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  _crm_window_open_import (user_data, NULL);
}

static gboolean
is_contacts_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
         g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard");
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            CrmWindow     *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();

  /* E-mail messages become tickets (crm-window-eml.c). */
  for (GSList *l = files; l != NULL; l = l->next)
    if (_crm_window_is_eml_file (l->data))
      g_ptr_array_add (emails, l->data);
  if (emails->len > 0)
    {
      _crm_window_import_eml (self, (GFile * const *) emails->pdata, emails->len);
      return TRUE;
    }
  for (GSList *l = files; l != NULL; l = l->next)
    if (is_contacts_file (l->data))
      {
        _crm_window_open_import (self, l->data);
        return TRUE;
      }
  _crm_window_toast_error (self, _("Only CSV, vCard and email (.eml) files can be imported"));
  return FALSE;
}

/* --- export --- */

typedef struct
{
  CrmWindow *window;
  CrmQuery  *query;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  crm_query_unref (request->query);
  g_free (request);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!crm_export_finish (CRM_STORE (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, error->message);
      return;
    }
  /* TRANSLATORS: a toast after an export */
  message = g_strdup_printf (ngettext ("Exported %u record", "Exported %u records", n), n);
  crm_window_add_toast (self, adw_toast_new (message));
}

static void
on_export_chooser_cb (GtkNativeDialog *chooser,
                      int              response,
                      ExportRequest   *request)
{
  g_autoptr(GFile) file = NULL;
  CrmContext *context = crm_window_get_context (request->window);
  GtkFileFilter *filter;
  CrmExportFormat format;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && context != NULL)
    {
      name = g_file_get_basename (file);
      /* The name's extension decides; without one, the chosen filter. */
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      if (strchr (name, '.') == NULL && filter != NULL &&
          g_object_get_data (G_OBJECT (filter), "vcard") != NULL)
        format = CRM_EXPORT_FORMAT_VCARD;
      else
        format = crm_export_format_for_name (name);
      crm_export_async (crm_context_get_store (context), request->query, NULL, format, file,
                        NULL, on_exported_cb, g_object_ref (request->window));
    }
  export_request_free (request);
  g_object_unref (chooser);
}

static void
choose_export_file (CrmWindow *self,
                    CrmQuery  *query,
                    const char *suggested)
{
  ExportRequest *request = g_new0 (ExportRequest, 1);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) vcard = gtk_file_filter_new ();

  request->window = g_object_ref (self);
  request->query = crm_query_ref (query);
  gtk_file_filter_set_name (csv, _("CSV (spreadsheets)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (vcard, _("vCard (address books)"));
  gtk_file_filter_add_suffix (vcard, "vcf");
  g_object_set_data (G_OBJECT (vcard), "vcard", GINT_TO_POINTER (TRUE));

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), vcard);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  CrmWindow *self = user_data;
  gboolean orgs = g_strcmp0 (crm_window_get_visible_view (self), "organizations") == 0;
  g_autoptr(CrmQuery) query = crm_query_new (orgs ? CRM_TYPE_ORGANIZATION : CRM_TYPE_PERSON);

  if (crm_window_get_context (self) == NULL)
    return;
  /* TRANSLATORS: suggested file names of exports; keep the extension */
  choose_export_file (self, query, orgs ? _("organizations.csv") : _("people.csv"));
}

static void
on_segment_query_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmQuery) query = crm_filter_build_query_finish (CRM_STORE (object), result, &error);
  g_autofree char *name = NULL;

  if (query == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, error->message);
      return;
    }
  /* TRANSLATORS: suggested file name of a segment's export; keep the extension */
  name = g_strdup_printf (_("%s.csv"), (const char *) g_object_get_data (G_OBJECT (self),
                                                                         "crm-export-segment-name"));
  choose_export_file (self, query, name);
}

static void
on_segment_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) segment = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (segment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "crm-export-segment-name",
                          g_strdup (crm_segment_get_name (CRM_SEGMENT (segment))), g_free);
  crm_filter_build_query_async (CRM_STORE (object), crm_segment_get_target (CRM_SEGMENT (segment)),
                                crm_segment_get_filter (CRM_SEGMENT (segment)), NULL,
                                on_segment_query_cb, g_object_ref (self));
}

static void
export_segment_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmContext *context = crm_window_get_context (self);

  if (context == NULL)
    return;
  crm_store_load_async (crm_context_get_store (context), CRM_TYPE_SEGMENT,
                        g_variant_get_int64 (param), NULL, on_segment_loaded_cb,
                        g_object_ref (self));
}

/* --- setup --- */

static void
update_enabled (CrmWindow *self)
{
  static const char *names[] = { "import", "undo-import", "export", "export-segment" };
  gboolean open = crm_window_get_context (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              names[i])), open);
}

static void
on_context_changed_cb (CrmWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  GtkWindow *window = g_object_get_data (G_OBJECT (self), IMPORT_WINDOW_KEY);

  /* The assistant imports into the database that was open. */
  if (window != NULL)
    gtk_window_destroy (window);
  g_hash_table_remove_all (get_steps (self));
  update_enabled (self);
}

static const GActionEntry import_actions[] = {
  { "import", import_action },
  { "undo-import", undo_import_action, "x" },
  { "export", export_action },
  { "export-segment", export_segment_action, "x" },
};

void
_crm_window_init_import (CrmWindow *self)
{
  GtkDropTarget *target;

  g_action_map_add_action_entries (G_ACTION_MAP (self), import_actions,
                                   G_N_ELEMENTS (import_actions), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  update_enabled (self);

  _crm_window_init_eml (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
