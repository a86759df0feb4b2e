/* crm-kb-view-dialogs.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmKbView: the dialogs (unsaved changes, recording a self-service
 * resolution, the report of a log import) and the undo of the view's last
 * write, from its toast or the window's Ctrl+Z, whichever comes first.
 */

#define G_LOG_DOMAIN "CrmKbView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-compat.h"
#include "crm-email.h"
#include "crm-format.h"
#include "crm-kb-view-private.h"
#include "crm-store.h"
#include "crm-window.h"
#include "crm-window-private.h"

/* The rejected rows a report lists (rapport-cli kb import-selfservice lists all). */
#define MAX_REPORT_ROWS 500

/* The channel keys of crm_kb_channel_keys(), in the order the dialog offers them. */
static const char * const channel_keys[] = {
  "self-service", "chat", "email", "web-form", "social", "phone", "in-person",
};

static const char *
channel_label (guint i)
{
  switch (i)
    {
    case 0: return C_("self-service channel", "Help Centre or FAQ");
    case 1: return C_("self-service channel", "Chat Bot");
    case 2: return C_("self-service channel", "Email");
    case 3: return C_("self-service channel", "Web Form");
    case 4: return C_("self-service channel", "Social Media");
    case 5: return C_("self-service channel", "Phone");
    case 6: return C_("self-service channel", "In Person");
    default: return "";
    }
}

static void
forget_dialog (CrmKbView *self)
{
  self->dialog = NULL;
}

static void
keep_dialog (CrmKbView *self,
             GtkWindow *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_set_modal (dialog, TRUE);
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (forget_dialog), self, G_CONNECT_SWAPPED);
}

/* --- Unsaved changes --- */

static void
on_unsaved_response_cb (CrmKbView  *self,
                        const char *response)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      /* The pending step runs once the save is done. */
      if (!_crm_kb_view_save (self))
        self->pending = PENDING_NONE;
    }
  else if (g_strcmp0 (response, "discard") == 0)
    _crm_kb_view_run_pending (self);
  else
    self->pending = PENDING_NONE;
}

void
_crm_kb_view_ask_unsaved (CrmKbView *self)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->dialog != NULL)
    return;
  /* Translators: %s is an article's title */
  body = g_strdup_printf (_("“%s” has changes that are not saved yet."),
                          gtk_label_get_label (self->article_heading));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Save the Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self,
                           G_CONNECT_SWAPPED);
  keep_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Recording a resolution --- */

typedef struct
{
  CrmKbView    *self;
  AdwEntryRow  *email_row;
  AdwComboRow  *channel_row;
  AdwComboRow  *kind_row;
  char         *title;
} RecordDialog;

static void
record_dialog_free (gpointer data)
{
  RecordDialog *r = data;

  g_free (r->title);
  g_free (r);
}

static void
on_recorded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autofree char *title = g_object_steal_data (G_OBJECT (self), "recorded-title");
  g_autoptr(CrmKbUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (crm_kb_record_resolution_finish (CRM_STORE (object), result, &undo, &error) == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          message = g_strdup_printf (_("The resolution was not recorded: %s"), error->message);
          _crm_kb_view_toast (self, message);
        }
      return;
    }
  /* Translators: %s is an article's title */
  message = g_strdup_printf (_("Recorded a request resolved by “%s”"), title != NULL ? title : "");
  _crm_kb_view_offer_undo (self, message, undo);
}

static void
on_record_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RecordDialog     *r)
{
  CrmKbView *self = r->self;
  CrmStore *store = _crm_kb_view_get_store (self);
  guint kind = adw_combo_row_get_selected (r->kind_row);
  guint channel = adw_combo_row_get_selected (r->channel_row);
  CrmKbResolution resolution = { 0 };

  if (g_strcmp0 (response, "record") != 0 || store == NULL || self->article_id == 0)
    return;

  resolution.article_id = self->article_id;
  resolution.email = gtk_editable_get_text (GTK_EDITABLE (r->email_row));
  resolution.channel = channel_keys[MIN (channel, G_N_ELEMENTS (channel_keys) - 1)];
  resolution.customer_kind = kind == 1 ? "b2b" : kind == 2 ? "b2c" : NULL;
  resolution.source = "staff";
  g_object_set_data_full (G_OBJECT (self), "recorded-title", g_strdup (r->title), g_free);
  crm_kb_record_resolution_async (store, &resolution, self->cancellable, on_recorded_cb,
                                  g_object_ref (self));
}

static void
on_email_changed_cb (AdwEntryRow  *row,
                     RecordDialog *r)
{
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean ok = email[0] == '\0' || crm_email_is_valid (email);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                           ADW_TYPE_MESSAGE_DIALOG));

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (dialog, "record", ok);
}

void
_crm_kb_view_record_resolution (CrmKbView *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = NULL;
  const char *kind_names[] = { C_("customer type", "From the Customer"),
                               C_("customer type", "Business (B2B)"),
                               C_("customer type", "Consumer (B2C)"), NULL };
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *group;
  RecordDialog *r;

  if (self->dialog != NULL || self->article_id == 0)
    return;

  r = g_new0 (RecordDialog, 1);
  r->self = self;
  r->title = g_strdup (gtk_label_get_label (self->article_heading));

  /* Translators: %s is an article's title */
  body = g_strdup_printf (_("A customer’s request was resolved by “%s”, without a ticket. "
                            "It counts toward the self-service rate."), r->title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Record a Self-Service Resolution"),
                                                       body));
  g_object_set_data_full (G_OBJECT (dialog), "record", r, record_dialog_free);

  group = adw_preferences_group_new ();
  r->email_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->email_row), _("Customer’s Email (Optional)"));
  gtk_editable_set_text (GTK_EDITABLE (r->email_row), "");
  adw_entry_row_set_input_purpose (r->email_row, GTK_INPUT_PURPOSE_EMAIL);
  g_signal_connect (r->email_row, "changed", G_CALLBACK (on_email_changed_cb), r);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (r->email_row));

  for (guint i = 0; i < G_N_ELEMENTS (channel_keys); i++)
    gtk_string_list_append (channels, channel_label (i));
  r->channel_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->channel_row), _("Channel"));
  adw_combo_row_set_model (r->channel_row, G_LIST_MODEL (channels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (r->channel_row));

  kinds = gtk_string_list_new (kind_names);
  r->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->kind_row), _("Customer Type"));
  adw_combo_row_set_model (r->kind_row, G_LIST_MODEL (kinds));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (r->kind_row));
  adw_message_dialog_set_extra_child (dialog, group);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_record_response_cb), r);
  keep_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (r->email_row));
}

/* --- Importing a log --- */

static char *
import_summary (CrmSelfServiceImportResult *r)
{
  g_autofree char *imported = crm_format_count (r->n_imported);
  g_autofree char *not_resolved = crm_format_count (r->n_not_resolved);
  g_autofree char *duplicates = crm_format_count (r->n_duplicates);
  g_autofree char *rejected = crm_format_count (r->rejected->len);
  g_autofree char *unknown = crm_format_count (r->n_unknown_customers);
  GString *text = g_string_new (NULL);

  /* Translators: %s is a number */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%s request resolved by an article was recorded.",
                                             "%s requests resolved by articles were recorded.",
                                             r->n_imported), imported);
  if (r->n_not_resolved > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is a number of rows of a portal log */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s visit did not resolve the request.",
                                                 "%s visits did not resolve the request.",
                                                 r->n_not_resolved), not_resolved);
    }
  if (r->n_duplicates > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is a number of rows of a portal log */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s row was imported before and skipped.",
                                                 "%s rows were imported before and skipped.",
                                                 r->n_duplicates), duplicates);
    }
  if (r->n_unknown_customers > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is a number of rows of a portal log */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s customer’s email is not in Rapport: recorded without a customer.",
                                                 "%s customers’ emails are not in Rapport: recorded without a customer.",
                                                 r->n_unknown_customers), unknown);
    }
  if (r->rejected->len > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is a number of rows of a portal log */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s row could not be read:",
                                                 "%s rows could not be read:",
                                                 r->rejected->len), rejected);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
rejected_list (CrmSelfServiceImportResult *r)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rejected Rows"), -1);
  for (guint i = 0; i < r->rejected->len && i < MAX_REPORT_ROWS; i++)
    {
      CrmSelfServiceRejection *rej = &g_array_index (r->rejected, CrmSelfServiceRejection, i);
      g_autofree char *line = NULL;
      GtkWidget *row = adw_action_row_new ();
      gboolean csv = g_strcmp0 (rej->reason, "csv") == 0;

      if (!csv && rej->value != NULL && rej->value[0] != '\0')
        /* Translators: a rejected row of an imported file: its line number and the value at fault */
        line = g_strdup_printf (_("Line %1$u: “%2$s”"), rej->line, rej->value);
      else
        /* Translators: %u is a line number of the imported file */
        line = g_strdup_printf (_("Line %u"), rej->line);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   csv && rej->value != NULL && rej->value[0] != '\0'
                                   ? rej->value : crm_selfservice_reason_get_label (rej->reason));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (r->rejected->len > MAX_REPORT_ROWS)
    {
      guint more = r->rejected->len - MAX_REPORT_ROWS;
      g_autofree char *count = crm_format_count (more);
      /* Translators: %s is a number of rejected rows not listed */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %s more row",
                                                            "And %s more rows", more), count);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  return scrolled;
}

static void
on_report_response_cb (CrmKbView  *self,
                       const char *response)
{
  if (g_strcmp0 (response, "undo") == 0)
    _crm_kb_view_undo_last (self);
}

static void
show_report (CrmKbView                  *self,
             CrmSelfServiceImportResult *r)
{
  g_autofree char *body = import_summary (r);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Self-Service Log Imported"), body));
  if (r->rejected->len > 0)
    adw_message_dialog_set_extra_child (dialog, rejected_list (r));
  if (r->n_imported > 0)
    {
      adw_message_dialog_add_response (dialog, "undo", _("_Undo Import"));
      adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response_cb), self,
                           G_CONNECT_SWAPPED);
  keep_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmSelfServiceImportResult *r;

  r = crm_selfservice_import_finish (CRM_STORE (object), result, &error);
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_show_alert (GTK_WIDGET (self), _("The Log Could Not Be Imported"), error->message);
      return;
    }

  g_clear_pointer (&self->last_undo, crm_kb_undo_unref);
  g_clear_pointer (&self->last_import, crm_selfservice_import_result_free);
  self->last_import = r;
  if (r->n_imported > 0)
    _crm_kb_view_push_window_undo (self);
  show_report (self, r);
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_choose_file_finish (result, &error);

  if (file == NULL)
    return;
  _crm_kb_view_import_file (self, file);
}

void
_crm_kb_view_import_file (CrmKbView *self,
                          GFile     *file)
{
  CrmStore *store = _crm_kb_view_get_store (self);

  if (store == NULL)
    return;
  _crm_kb_view_toast (self, _("Importing the self-service log…"));
  crm_selfservice_import_async (store, file, NULL, self->cancellable, on_imported_cb,
                                g_object_ref (self));
}

void
_crm_kb_view_import_log (CrmKbView *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Portal and FAQ Logs (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  crm_choose_file_async (GTK_WIDGET (self), _("Import Self-Service Log"), _("_Import"), filter,
                         self->cancellable, on_file_chosen_cb, g_object_ref (self));
}

/* --- Undo --- */

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean import = g_task_get_source_tag (G_TASK (result)) == crm_selfservice_import_undo_async;
  gboolean ok = import ? crm_selfservice_import_undo_finish (CRM_STORE (object), result, &error)
                       : crm_kb_undo_finish (CRM_STORE (object), result, &error);

  if (ok)
    {
      _crm_kb_view_toast (self, import ? _("Import undone") : _("Undone"));
      return;
    }
  /* Undone already (from the toast and then Ctrl+Z): nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, CRM_KB_ERROR, CRM_KB_ERROR_UNDONE) ||
      g_error_matches (error, CRM_SELFSERVICE_IMPORT_ERROR, CRM_SELFSERVICE_IMPORT_ERROR_UNDONE))
    return;
  _crm_kb_view_toast (self, _("The change could not be undone"));
}

void
_crm_kb_view_undo_last (CrmKbView *self)
{
  CrmStore *store = _crm_kb_view_get_store (self);
  g_autoptr(CrmKbUndo) undo = g_steal_pointer (&self->last_undo);
  g_autoptr(CrmSelfServiceImportResult) import = g_steal_pointer (&self->last_import);

  if (store == NULL)
    return;
  if (import != NULL)
    crm_selfservice_import_undo_async (store, import, NULL, on_undone_cb, g_object_ref (self));
  else if (undo != NULL)
    {
      /* A deleted article comes back selected. */
      if (crm_kb_undo_get_kind (undo) == CRM_KB_CHANGE_DELETE)
        self->select_after_reload = crm_kb_undo_get_article_id (undo);
      else
        self->select_after_reload = 0;
      crm_kb_undo_async (store, undo, NULL, on_undone_cb, g_object_ref (self));
    }
}

/* The window's undo stack (Ctrl+Z) reaches the view's last write only: an
 * older entry finds a newer write and does nothing. */
typedef struct
{
  GWeakRef view;
  guint    serial;
} WindowUndo;

static void
window_undo_free (gpointer data)
{
  WindowUndo *w = data;

  g_weak_ref_clear (&w->view);
  g_free (w);
}

static void
window_undo_cb (CrmWindow *window,
                gpointer   data)
{
  WindowUndo *w = data;
  g_autoptr(CrmKbView) self = g_weak_ref_get (&w->view);

  if (self != NULL && self->undo_serial == w->serial)
    _crm_kb_view_undo_last (self);
}

void
_crm_kb_view_push_window_undo (CrmKbView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  WindowUndo *w;

  self->undo_serial++;
  if (!CRM_IS_WINDOW (root))
    return;
  w = g_new0 (WindowUndo, 1);
  g_weak_ref_init (&w->view, self);
  w->serial = self->undo_serial;
  _crm_window_push_undo (CRM_WINDOW (root), window_undo_cb, w, window_undo_free);
}
