/* crm-import-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import assistant.  Pages: "choose" (a file chooser), "progress"
 * (reading or importing, with Cancel), "error", "mapping" (CSV: a field per
 * column, with sample values and live counts: a change re-reads the file
 * after a short pause), "preview" (counts and a decision per status, the
 * rows filterable by status with a decision per row) and "report".  All the
 * work is CrmImport's; this only shows it.
 */

#define G_LOG_DOMAIN "CrmImportWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv-writer.h"
#include "crm-import-window.h"
#include "crm-import.h"
#include "crm-store.h"

#define REREAD_DELAY_MS 300

struct _CrmImportWindow
{
  AdwWindow          parent_instance;

  CrmContext        *context;
  CrmImport         *import;
  GCancellable      *cancellable;    /* the current read or run */
  GtkFileChooserNative *chooser;
  GtkCustomFilter   *filter;
  guint              reread_source;
  gboolean           mapped;          /* the mapping page was shown once */
  gboolean           running;
  int                filter_status;   /* -1: all */

  /* template widgets */
  GtkButton         *cancel_button;
  GtkButton         *back_button;
  GtkButton         *next_button;
  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  AdwStatusPage     *error_page;
  GtkLabel          *mapping_summary;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *decisions_group;
  GtkDropDown       *filter_dropdown;
  GtkListView       *rows_view;
  AdwStatusPage     *report_page;
  AdwPreferencesGroup *rejected_group;
  GtkListBox        *rejected_list;

  GPtrArray         *mapping_rows;    /* AdwComboRow per column */
  GPtrArray         *decision_rows;   /* widgets added to decisions_group */
};

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmImportWindow, crm_import_window, ADW_TYPE_WINDOW)

static void start_read (CrmImportWindow *self);

/* --- helpers --- */

static void
show_page (CrmImportWindow *self,
           const char      *page)
{
  gboolean mapping = g_str_equal (page, "mapping");
  gboolean preview = g_str_equal (page, "preview");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), mapping || preview);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          preview && self->import != NULL &&
                          crm_import_get_mapping (self->import) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !g_str_equal (page, "report"));
  gtk_button_set_label (self->next_button, preview ? _("_Import") : _("_Next"));
  if (mapping)
    adw_window_title_set_subtitle (self->window_title, _("Columns"));
  else if (preview)
    adw_window_title_set_subtitle (self->window_title, _("Preview"));
  else
    adw_window_title_set_subtitle (self->window_title, "");
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static char *
counts_text (CrmImport *import)
{
  /* TRANSLATORS: counts of the rows of an import file by status */
  return g_strdup_printf (_("%u new, %u already there, %u conflicting, %u repeated in the file, %u rejected"),
                          crm_import_get_count (import, CRM_IMPORT_STATUS_NEW),
                          crm_import_get_count (import, CRM_IMPORT_STATUS_MATCH),
                          crm_import_get_count (import, CRM_IMPORT_STATUS_CONFLICT),
                          crm_import_get_count (import, CRM_IMPORT_STATUS_DUPLICATE),
                          crm_import_get_count (import, CRM_IMPORT_STATUS_REJECTED));
}

static const char *
decision_label (CrmImportDecision decision)
{
  switch (decision)
    {
    case CRM_IMPORT_DECISION_UPDATE:
      return _("Update");
    case CRM_IMPORT_DECISION_CREATE:
      return _("Create");
    case CRM_IMPORT_DECISION_SKIP:
    default:
      return _("Skip");
    }
}

/* The decisions a status offers: a new row cannot update anything, and a
 * row repeated in the file has no record to update. */
static GtkStringList *
decision_model (CrmImportStatus status)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, decision_label (CRM_IMPORT_DECISION_SKIP));
  if (status == CRM_IMPORT_STATUS_MATCH || status == CRM_IMPORT_STATUS_CONFLICT)
    gtk_string_list_append (list, decision_label (CRM_IMPORT_DECISION_UPDATE));
  gtk_string_list_append (list, decision_label (CRM_IMPORT_DECISION_CREATE));
  return list;
}

static guint
decision_to_index (CrmImportStatus   status,
                   CrmImportDecision decision)
{
  gboolean can_update = status == CRM_IMPORT_STATUS_MATCH || status == CRM_IMPORT_STATUS_CONFLICT;

  if (decision == CRM_IMPORT_DECISION_SKIP)
    return 0;
  if (decision == CRM_IMPORT_DECISION_UPDATE)
    return can_update ? 1 : 0;
  return can_update ? 2 : 1;
}

static CrmImportDecision
index_to_decision (CrmImportStatus status,
                   guint           index)
{
  gboolean can_update = status == CRM_IMPORT_STATUS_MATCH || status == CRM_IMPORT_STATUS_CONFLICT;

  if (index == 0)
    return CRM_IMPORT_DECISION_SKIP;
  if (can_update && index == 1)
    return CRM_IMPORT_DECISION_UPDATE;
  return CRM_IMPORT_DECISION_CREATE;
}

/* --- mapping page --- */

static void
on_reread_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;

  if (!crm_import_read_finish (CRM_IMPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->mapping_summary, error->message);
      return;
    }
  counts = counts_text (self->import);
  gtk_label_set_text (self->mapping_summary, counts);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static gboolean
reread_cb (gpointer user_data)
{
  CrmImportWindow *self = user_data;

  self->reread_source = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  crm_import_read_async (self->import, self->cancellable, on_reread_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_mapping_selected_cb (AdwComboRow     *row,
                        GParamSpec      *pspec,
                        CrmImportWindow *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);
  const char *key = selected == 0 ? NULL : crm_csv_field_keys ()[selected - 1];

  crm_import_set_mapping (self->import, column, key);
  gtk_label_set_text (self->mapping_summary, _("Checking the rows…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  g_clear_handle_id (&self->reread_source, g_source_remove);
  self->reread_source = g_timeout_add (REREAD_DELAY_MS, reread_cb, self);
}

static void
build_mapping (CrmImportWindow *self)
{
  const CrmCsvMapping *mapping = crm_import_get_mapping (self->import);
  const char * const *keys = crm_csv_field_keys ();
  g_autofree char *counts = counts_text (self->import);

  clear_group (self->mapping_group, self->mapping_rows);
  gtk_label_set_text (self->mapping_summary, counts);
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      g_auto(GStrv) samples = crm_import_dup_samples (self->import, i, 3);
      g_autofree char *joined = g_strjoinv (" · ", samples);
      g_autofree char *title = g_markup_escape_text (mapping->headers[i], -1);
      g_autofree char *subtitle = g_markup_escape_text (joined, -1);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint selected = 0;

      /* TRANSLATORS: the choice for a CSV column that is not imported */
      gtk_string_list_append (fields, _("Ignore"));
      for (guint k = 0; keys[k] != NULL; k++)
        {
          gtk_string_list_append (fields, crm_csv_field_key_get_label (keys[k]));
          if (g_strcmp0 (keys[k], crm_csv_mapping_get_key (mapping, i)) == 0)
            selected = k + 1;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title[0] != '\0' ? title : _("(no name)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, selected);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mapping->headers[i], -1);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_mapping_selected_cb),
                               self, 0);
      adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
      g_ptr_array_add (self->mapping_rows, row);
    }
}

/* --- preview page --- */

static void
on_status_decision_cb (AdwComboRow     *row,
                       GParamSpec      *pspec,
                       CrmImportWindow *self)
{
  CrmImportStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "status"));

  crm_import_set_decision (self->import, status,
                           index_to_decision (status, adw_combo_row_get_selected (row)));
  /* The rows of that status follow: rebind the visible ones. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
build_decisions (CrmImportWindow *self)
{
  static const CrmImportStatus statuses[] = {
    CRM_IMPORT_STATUS_NEW, CRM_IMPORT_STATUS_MATCH, CRM_IMPORT_STATUS_CONFLICT,
    CRM_IMPORT_STATUS_DUPLICATE,
  };
  static const char *explanations[] = {
    N_("Nothing in the database has the same email, phone number or name at the organization"),
    N_("The same person is already there; update only fills empty fields"),
    N_("Someone with the same email, phone number or name has other values; update overwrites them"),
    N_("An earlier row of the file is the same person"),
  };
  guint n_rejected = crm_import_get_count (self->import, CRM_IMPORT_STATUS_REJECTED);

  clear_group (self->decisions_group, self->decision_rows);
  adw_preferences_group_set_description (self->decisions_group, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      CrmImportStatus status = statuses[i];
      guint n = crm_import_get_count (self->import, status);
      g_autoptr(GtkStringList) model = NULL;
      g_autofree char *title = NULL;
      AdwComboRow *row;

      if (n == 0)
        continue;
      model = decision_model (status);
      row = ADW_COMBO_ROW (adw_combo_row_new ());
      /* TRANSLATORS: a status of import rows and how many rows have it */
      title = g_strdup_printf (_("%s: %u"), crm_import_status_get_label (status), n);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(explanations[i]));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, decision_to_index (status,
                                                          crm_import_get_decision (self->import, status)));
      g_object_set_data (G_OBJECT (row), "status", GINT_TO_POINTER (status));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_status_decision_cb), self, 0);
      adw_preferences_group_add (self->decisions_group, GTK_WIDGET (row));
      g_ptr_array_add (self->decision_rows, row);
    }
  if (n_rejected > 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *title = g_strdup_printf (_("%s: %u"),
                                                crm_import_status_get_label (CRM_IMPORT_STATUS_REJECTED),
                                                n_rejected);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, _("These rows cannot be imported; the report lists why"));
      adw_preferences_group_add (self->decisions_group, GTK_WIDGET (row));
      g_ptr_array_add (self->decision_rows, row);
    }
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  CrmImportWindow *self = user_data;

  return self->filter_status < 0 ||
         (int) crm_import_row_get_status (CRM_IMPORT_ROW (item)) == self->filter_status;
}

static void
on_filter_selected_cb (CrmImportWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  self->filter_status = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_row_decision_cb (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    CrmImportWindow *self)
{
  CrmImportRow *row = g_object_get_data (G_OBJECT (dropdown), "row");

  if (row == NULL)
    return;
  crm_import_row_set_decision (row, index_to_decision (crm_import_row_get_status (row),
                                                       gtk_drop_down_get_selected (dropdown)));
}

static void
on_row_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CrmImportWindow          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), dropdown);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "status", status);
  g_object_set_data (G_OBJECT (box), "dropdown", dropdown);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_row_decision_cb), self, 0);
  gtk_list_item_set_child (item, box);
}

static void
on_row_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CrmImportWindow          *self)
{
  CrmImportRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (box), "dropdown");
  CrmImportStatus status = crm_import_row_get_status (row);
  g_autoptr(GtkStringList) model = decision_model (status);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  const char *name = crm_import_row_get_title (row);

  /* TRANSLATORS: %u is a line number of the imported file, %s a name */
  title = name[0] != '\0' ? g_strdup_printf (_("Line %u: %s"), crm_import_row_get_line (row), name)
                          : g_strdup_printf (_("Line %u"), crm_import_row_get_line (row));
  if (status == CRM_IMPORT_STATUS_REJECTED)
    subtitle = g_strdup (crm_import_reason_get_label (crm_import_row_get_reason (row)));
  else if (status == CRM_IMPORT_STATUS_CONFLICT)
    {
      g_auto(GStrv) differing = crm_import_row_get_differing (row);
      g_autoptr(GString) fields = g_string_new (NULL);

      for (guint i = 0; differing[i] != NULL; i++)
        g_string_append_printf (fields, "%s%s", i > 0 ? ", " : "",
                                crm_import_column_get_label (differing[i]));
      /* TRANSLATORS: the fields that differ from the record in the database */
      subtitle = g_strdup_printf (_("Differs in: %s"), fields->str);
    }
  else
    subtitle = g_strdup (crm_import_row_get_subtitle (row));

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "status"), crm_import_status_get_label (status));

  g_object_set_data (G_OBJECT (dropdown), "row", NULL);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, decision_to_index (status, crm_import_row_get_decision (row)));
  gtk_widget_set_sensitive (GTK_WIDGET (dropdown), status != CRM_IMPORT_STATUS_REJECTED);
  g_object_set_data_full (G_OBJECT (dropdown), "row", g_object_ref (row), g_object_unref);
  /* TRANSLATORS: accessible name of the decision of one row; %s is the row's title */
  accessible = g_strdup_printf (_("What to do with %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
on_row_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CrmImportWindow          *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (box), "dropdown")), "row", NULL);
}

static void
build_preview (CrmImportWindow *self)
{
  build_decisions (self);
  on_filter_selected_cb (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* --- reading --- */

static void
on_fraction_cb (CrmImportWindow *self)
{
  if (self->import != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, crm_import_get_fraction (self->import));
}

static void
show_error (CrmImportWindow *self,
            const char      *message)
{
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

static void
on_read_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_import_read_finish (CRM_IMPORT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, error->message);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  if (crm_import_get_mapping (self->import) != NULL && !self->mapped)
    {
      self->mapped = TRUE;
      build_mapping (self);
      show_page (self, "mapping");
      return;
    }
  build_preview (self);
  show_page (self, "preview");
}

static void
set_file (CrmImportWindow *self,
          GFile           *file)
{
  g_autofree char *name = g_file_get_basename (file);

  if (self->import != NULL)
    g_signal_handlers_disconnect_by_data (self->import, self);
  g_clear_object (&self->import);
  self->import = crm_import_new (crm_context_get_store (self->context), file);
  self->mapped = FALSE;
  g_signal_connect_swapped (self->import, "notify::fraction", G_CALLBACK (on_fraction_cb), self);
  gtk_filter_list_model_set_model (GTK_FILTER_LIST_MODEL (
    gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (self->rows_view)))),
    crm_import_get_rows (self->import));
  adw_window_title_set_title (self->window_title, name);
}

static void
start_read (CrmImportWindow *self)
{
  g_autofree char *name = g_file_get_basename (crm_import_get_file (self->import));
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), name);

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_page (self, "progress");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  crm_import_read_async (self->import, self->cancellable, on_read_done_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        CrmImportWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  set_file (self, file);
  start_read (self);
}

static void
on_choose_clicked_cb (CrmImportWindow *self)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) vcard = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Contacts (CSV or vCard)"));
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_suffix (all, "tsv");
  gtk_file_filter_add_suffix (all, "vcf");
  gtk_file_filter_add_suffix (all, "vcard");
  gtk_file_filter_add_mime_type (all, "text/csv");
  gtk_file_filter_add_mime_type (all, "text/vcard");
  gtk_file_filter_set_name (csv, _("CSV"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (vcard, _("vCard"));
  gtk_file_filter_add_suffix (vcard, "vcf");
  gtk_file_filter_add_suffix (vcard, "vcard");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), vcard);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- running --- */

static void
add_rejected_row (CrmImportWindow          *self,
                  const CrmImportRejection *rejection)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *title = g_strdup_printf (_("Line %u"), rejection->line);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, crm_import_reason_get_label (rejection->reason));
  gtk_list_box_append (self->rejected_list, GTK_WIDGET (row));
}

static void
show_report (CrmImportWindow *self)
{
  const CrmImportRejection *rejections;
  g_autofree char *text = NULL;
  guint n_rejections;
  GtkWidget *child;

  rejections = crm_import_get_rejections (self->import, &n_rejections);
  /* TRANSLATORS: the result of an import */
  text = g_strdup_printf (_("Imported %u, updated %u, skipped %u, rejected %u."),
                          crm_import_get_n_imported (self->import),
                          crm_import_get_n_updated (self->import),
                          crm_import_get_n_skipped (self->import), n_rejections);
  adw_status_page_set_description (self->report_page, text);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rejected_list))) != NULL)
    gtk_list_box_remove (self->rejected_list, child);
  /* The first thousand: a longer list would not be read; the counts say the rest. */
  for (guint i = 0; i < MIN (n_rejections, 1000); i++)
    add_rejected_row (self, &rejections[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), n_rejections > 0);
  show_page (self, "report");
  gtk_widget_grab_focus (gtk_widget_get_last_child (gtk_widget_get_parent (GTK_WIDGET (self->rejected_group))));
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 batch;

  self->running = FALSE;
  batch = crm_import_run_finish (CRM_IMPORT (object), result, &error);
  if (batch == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Rolled back: back to the decisions. */
          show_page (self, "preview");
          return;
        }
      show_error (self, error->message);
      return;
    }
  show_report (self);
  g_signal_emit (self, signals[IMPORTED], 0, batch, crm_import_get_n_imported (self->import),
                 (int) crm_import_get_target (self->import));
}

static void
start_run (CrmImportWindow *self)
{
  gtk_label_set_text (self->progress_label, _("Importing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_page (self, "progress");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  crm_import_run_async (self->import, self->cancellable, on_run_done_cb, g_object_ref (self));
}

/* The rejected rows as CSV: line, reason key, reason in words. */
static GBytes *
report_csv (CrmImport *import)
{
  const CrmImportRejection *rejections;
  GString *out = g_string_new ("\xef\xbb\xbf");   /* a BOM: spreadsheets read UTF-8 */
  guint n;

  rejections = crm_import_get_rejections (import, &n);
  g_string_append_printf (out, "%s,%s,%s\r\n", _("Line"), _("Reason"), _("Explanation"));
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (out, "%u,", rejections[i].line);
      crm_csv_append_cell (out, rejections[i].reason, ',', TRUE);
      g_string_append_c (out, ',');
      crm_csv_append_cell (out, crm_import_reason_get_label (rejections[i].reason), ',', TRUE);
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

static void
on_report_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The report could not be saved: %s"),
                                               error->message);

      adw_status_page_set_description (self->report_page, text);
    }
}

static void
on_report_chooser_cb (GtkNativeDialog *chooser,
                      int              response,
                      CrmImportWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && self->import != NULL)
    {
      g_autoptr(GBytes) bytes = report_csv (self->import);

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                           self->cancellable, on_report_saved_cb,
                                           g_object_ref (self));
    }
}

static void
on_save_report_clicked_cb (CrmImportWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *base = g_file_get_basename (crm_import_get_file (self->import));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* TRANSLATORS: suggested file name of an import report; %s is the imported file's name */
  name = g_strdup_printf (_("%s report.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_report_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- header buttons --- */

static void
on_next_clicked_cb (CrmImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "mapping"))
    {
      build_preview (self);
      show_page (self, "preview");
    }
  else if (g_str_equal (page, "preview"))
    start_run (self);
}

static void
on_back_clicked_cb (CrmImportWindow *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "preview"))
    {
      g_autofree char *counts = counts_text (self->import);

      gtk_label_set_text (self->mapping_summary, counts);
      show_page (self, "mapping");
    }
}

static void
on_cancel_clicked_cb (CrmImportWindow *self)
{
  /* Cancelling a running import rolls it back and returns to the preview;
   * otherwise Cancel closes the assistant. */
  if (self->running || g_str_equal (gtk_stack_get_visible_child_name (self->stack), "progress"))
    {
      g_cancellable_cancel (self->cancellable);
      if (!self->running)
        show_page (self, "choose");
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_done_clicked_cb (CrmImportWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->next_button)) &&
      gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)))
    on_next_clicked_cb (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  on_back_clicked_cb (CRM_IMPORT_WINDOW (widget));
}

/* --- GObject --- */

static void
crm_import_window_dispose (GObject *object)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reread_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->import != NULL)
    g_signal_handlers_disconnect_by_data (self->import, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_WINDOW);
  G_OBJECT_CLASS (crm_import_window_parent_class)->dispose (object);
}

static void
crm_import_window_finalize (GObject *object)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->decision_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (crm_import_window_parent_class)->finalize (object);
}

static void
crm_import_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_import_window_class_init (CrmImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_import_window_dispose;
  object_class->finalize = crm_import_window_finalize;
  object_class->get_property = crm_import_window_get_property;
  object_class->set_property = crm_import_window_set_property;

  /**
   * CrmImportWindow:context:
   *
   * The open database and settings.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmImportWindow::imported:
   * @self: the window
   * @batch_id: the import_batch id (for crm_import_undo_async())
   * @n_imported: how many records were created
   * @target: the #CrmImportTarget
   *
   * Emitted when an import was written.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, mapping_summary);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, decisions_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rows_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, report_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, rejected_list);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_report_clicked_cb);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "import.back", NULL);
}

static void
crm_import_window_init (CrmImportWindow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;

  self->filter_status = -1;
  self->mapping_rows = g_ptr_array_new ();
  self->decision_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (statuses, _("All Rows"));
  for (CrmImportStatus s = 0; s < CRM_IMPORT_N_STATUSES; s++)
    gtk_string_list_append (statuses, crm_import_status_get_label (s));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (statuses));

  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_view_set_model (self->rows_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind_cb), self);
  gtk_list_view_set_factory (self->rows_view, factory);
  g_object_unref (factory);
}

CrmImportWindow *
crm_import_window_new (CrmContext *context,
                       GFile      *file)
{
  CrmImportWindow *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_WINDOW, "context", context, NULL);
  if (file != NULL)
    {
      set_file (self, file);
      start_read (self);
    }
  else
    show_page (self, "choose");
  return self;
}

gpointer
crm_import_window_get_import (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);
  return self->import;
}

const char *
crm_import_window_get_page (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
