/* crm-view-bulk.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmView: the selection bar and its bulk actions (edit, delete with
 * undo), and the filter bar (clear, save as a segment).  A bulk action works
 * on the selection's ids, or, after "select all", on the list's query minus
 * the rows taken out, so a million selected rows are never listed.
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-view-private.h"
#include "crm-export.h"
#include "crm-filter.h"
#include "crm-format.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-segment.h"
#include "crm-segment-editor.h"
#include "crm-store.h"
#include "crm-window-private.h"

static CrmStore *
get_store (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  return priv->context != NULL ? crm_context_get_store (priv->context) : NULL;
}

static char *
dup_currency (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  if (priv->context == NULL)
    return g_strdup ("USD");
  return g_settings_get_string (crm_context_get_settings (priv->context), "default-currency");
}

void
_crm_view_add_toast (CrmView  *self,
                     AdwToast *toast)
{
  crm_window_toast_for (GTK_WIDGET (self), toast);
}

static guint
n_selected (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);

  return priv->selection != NULL ? crm_id_selection_get_n_selected (priv->selection) : 0;
}

void
_crm_view_update_bars (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  gboolean has_filter = priv->filter != NULL;
  guint n = n_selected (self);

  if (priv->selection_bar != NULL)
    {
      g_autofree char *count = crm_format_count (n);
      g_autofree char *text = NULL;

      if (n > 0)
        /* Translators: %s is a number of selected rows */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s selected", "%s selected", n), count);
      else
        /* Translators: the selection bar of a list in selection mode, before any row is picked */
        text = g_strdup (_("Click rows to select them"));
      /* The label keeps its text while the bar slides away. */
      if (priv->selecting)
        gtk_label_set_label (priv->selection_label, text);
      gtk_revealer_set_reveal_child (priv->selection_bar, priv->selecting);
    }

  if (priv->filter_bar != NULL)
    {
      if (has_filter)
        {
          g_autofree char *currency = dup_currency (self);
          g_autofree char *text = crm_filter_describe (crm_view_get_record_kind (self), priv->filter,
                                                       priv->custom_fields, get_store (self),
                                                       currency);

          gtk_label_set_label (priv->filter_label, text);
        }
      gtk_revealer_set_reveal_child (priv->filter_bar, has_filter);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.bulk-delete", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.bulk-edit", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.bulk-export", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-filter", priv->context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.select-none", priv->selecting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.select-all", priv->selection != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.clear-filter", has_filter);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.save-segment", has_filter);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.undo", priv->last_undo != NULL);
}

/* --- undo --- */

/* One bulk change, undoable from its toast, the view's "view.undo" and the
 * window's undo stack (Ctrl+Z), whichever comes first: only once. */
struct _CrmViewUndo
{
  gatomicrefcount  ref_count;
  CrmBulkChange   *change;
  CrmStore        *store;
  GWeakRef         view;
  gboolean         undone;
};

static CrmViewUndo *
view_undo_ref (CrmViewUndo *undo)
{
  g_atomic_ref_count_inc (&undo->ref_count);
  return undo;
}

void
_crm_view_undo_unref (CrmViewUndo *undo)
{
  if (undo == NULL || !g_atomic_ref_count_dec (&undo->ref_count))
    return;

  crm_bulk_change_unref (undo->change);
  g_object_unref (undo->store);
  g_weak_ref_clear (&undo->view);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmViewUndo *undo = user_data;
  g_autoptr(GObject) view = g_weak_ref_get (&undo->view);
  g_autoptr(GError) error = NULL;

  if (!crm_bulk_undo_finish (CRM_STORE (object), result, &error))
    {
      g_warning ("Could not undo a bulk change: %s", error->message);
      if (view != NULL)
        _crm_view_add_toast (CRM_VIEW (view), adw_toast_new (_("The change could not be undone")));
    }
  _crm_view_undo_unref (undo);
}

static void
run_undo (CrmViewUndo *undo)
{
  if (undo == NULL || undo->undone)
    return;

  undo->undone = TRUE;
  crm_bulk_undo_async (undo->store, undo->change, NULL, on_undone_cb, view_undo_ref (undo));
}

static void
window_undo_cb (CrmWindow *window,
                gpointer   data)
{
  run_undo (data);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  CrmViewUndo *undo = g_steal_pointer (&priv->last_undo);

  run_undo (undo);
  _crm_view_undo_unref (undo);
  _crm_view_update_bars (self);
}

static void
on_toast_undo_cb (AdwToast *toast,
                  CrmView  *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.undo", NULL);
}

static void
remember_change (CrmView       *self,
                 CrmBulkChange *change,
                 const char    *message)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (message);
  CrmViewUndo *undo;

  if (crm_bulk_change_get_n_records (change) == 0 || get_store (self) == NULL)
    {
      _crm_view_add_toast (self, toast);
      return;
    }

  undo = g_new0 (CrmViewUndo, 1);
  g_atomic_ref_count_init (&undo->ref_count);
  undo->change = crm_bulk_change_ref (change);
  undo->store = g_object_ref (get_store (self));
  g_weak_ref_init (&undo->view, self);

  g_clear_pointer (&priv->last_undo, _crm_view_undo_unref);
  priv->last_undo = undo;
  if (CRM_IS_WINDOW (root))
    _crm_window_push_undo (CRM_WINDOW (root), window_undo_cb, view_undo_ref (undo),
                           (GDestroyNotify) _crm_view_undo_unref);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, 0);
  _crm_view_add_toast (self, toast);
  _crm_view_update_bars (self);
}

/* --- delete --- */

static char *
trashed_message (CrmView *self,
                 guint    n)
{
  g_autofree char *count = crm_format_count (n);

  if (g_strcmp0 (crm_view_get_record_kind (self), "organization") == 0)
    /* Translators: %s is a number */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s organization moved to the trash",
                                         "%s organizations moved to the trash", n), count);

  /* Translators: %s is a number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person moved to the trash",
                                       "%s people moved to the trash", n), count);
}

static void
on_trashed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  g_autoptr(CrmBulkChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  change = crm_bulk_finish (CRM_STORE (object), result, &error);
  if (change == NULL)
    {
      g_warning ("Could not trash records: %s", error->message);
      _crm_view_add_toast (self, adw_toast_new (_("The records could not be deleted")));
      return;
    }

  message = trashed_message (self, crm_bulk_change_get_n_records (change));
  remember_change (self, change, message);
}

static void
bulk_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(CrmBulkTarget) target = NULL;

  if (priv->selection == NULL || n_selected (self) == 0 || get_store (self) == NULL)
    return;

  target = crm_id_selection_dup_target (priv->selection);
  /* The rows are gone: back to a list where a click opens a record. */
  crm_view_set_selecting (self, FALSE);
  crm_bulk_trash_async (get_store (self), target, TRUE, NULL, on_trashed_cb, g_object_ref (self));
}

/* --- bulk edit --- */

typedef struct
{
  CrmView       *view;
  CrmBulkTarget *target;
  GtkDropDown   *what;
  GtkStack      *pages;
  GtkDropDown   *owner;
  GtkEntry      *text;
  GtkDropDown   *choice;
  GPtrArray     *fields;    /* const CrmFilterField*, after owner and tag */
} EditData;

static void
edit_data_free (gpointer data)
{
  EditData *d = data;

  g_clear_object (&d->view);
  g_clear_pointer (&d->target, crm_bulk_target_unref);
  g_clear_pointer (&d->fields, g_ptr_array_unref);
  g_free (d);
}

static const CrmFilterField *
selected_field (EditData *d)
{
  guint i = gtk_drop_down_get_selected (d->what);

  return i >= 2 && i - 2 < d->fields->len ? g_ptr_array_index (d->fields, i - 2) : NULL;
}

static void
on_what_selected_cb (GtkDropDown *what,
                     GParamSpec  *pspec,
                     EditData    *d)
{
  const CrmFilterField *field = selected_field (d);
  guint i = gtk_drop_down_get_selected (what);

  if (i == 0)
    gtk_stack_set_visible_child_name (d->pages, "owner");
  else if (field != NULL && field->kind == CRM_FILTER_KIND_CHOICE)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      for (guint c = 0; c < field->n_choices; c++)
        gtk_string_list_append (labels, crm_filter_choice_get_label (&field->choices[c]));
      gtk_drop_down_set_model (d->choice, G_LIST_MODEL (labels));
      gtk_stack_set_visible_child_name (d->pages, "choice");
    }
  else
    gtk_stack_set_visible_child_name (d->pages, "text");
}

static void
on_edited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  g_autoptr(CrmBulkChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  guint n;

  change = crm_bulk_finish (CRM_STORE (object), result, &error);
  if (change == NULL)
    {
      _crm_view_add_toast (self, adw_toast_new (error->message));
      return;
    }

  n = crm_bulk_change_get_n_records (change);
  count = crm_format_count (n);
  /* Translators: %s is a number of records */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record changed", "%s records changed", n),
                             count);
  remember_change (self, change, message);
}

static void
on_edit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     EditData         *d)
{
  CrmViewPrivate *priv = _crm_view_get_private (d->view);
  CrmStore *store = get_store (d->view);
  const CrmFilterField *field = selected_field (d);
  guint what = gtk_drop_down_get_selected (d->what);

  if (g_strcmp0 (response, "apply") != 0 || store == NULL)
    return;

  if (what == 0)
    {
      guint i = gtk_drop_down_get_selected (d->owner);
      gint64 id = 0;

      if (i > 0 && priv->staff != NULL && i - 1 < g_list_model_get_n_items (priv->staff))
        {
          g_autoptr(CrmRecord) user = g_list_model_get_item (priv->staff, i - 1);
          id = crm_record_get_id (user);
        }
      crm_bulk_set_field_async (store, d->target, "owner-id", g_variant_new_int64 (id), NULL,
                                on_edited_cb, g_object_ref (d->view));
    }
  else if (what == 1)
    crm_bulk_add_tag_async (store, d->target, gtk_editable_get_text (GTK_EDITABLE (d->text)), NULL,
                            on_edited_cb, g_object_ref (d->view));
  else if (field != NULL && field->kind == CRM_FILTER_KIND_CHOICE)
    {
      guint i = gtk_drop_down_get_selected (d->choice);
      const char *key = i < field->n_choices ? field->choices[i].key : "";

      crm_bulk_set_field_async (store, d->target, field->property, g_variant_new_string (key), NULL,
                                on_edited_cb, g_object_ref (d->view));
    }
  else if (field != NULL)
    crm_bulk_set_field_async (store, d->target, field->property,
                              g_variant_new_string (gtk_editable_get_text (GTK_EDITABLE (d->text))),
                              NULL, on_edited_cb, g_object_ref (d->view));
}

static GtkWidget *
build_edit_form (CrmView  *self,
                 EditData *d)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(GtkStringList) what = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  const CrmFilterField *fields;
  guint n_fields = 0;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_string_list_append (what, _("Owner"));
  gtk_string_list_append (what, _("Add a tag"));
  fields = crm_filter_fields (crm_view_get_record_kind (self), &n_fields);
  d->fields = g_ptr_array_new ();
  for (guint i = 0; i < n_fields; i++)
    {
      /* Text and choice fields of the record itself; names derive sort keys. */
      if (fields[i].property == NULL || g_str_equal (fields[i].key, "name") ||
          (fields[i].kind != CRM_FILTER_KIND_TEXT && fields[i].kind != CRM_FILTER_KIND_CHOICE))
        continue;
      g_ptr_array_add (d->fields, (gpointer) &fields[i]);
      gtk_string_list_append (what, crm_filter_field_get_label (&fields[i]));
    }

  gtk_string_list_append (owners, _("No owner"));
  for (guint i = 0; priv->staff != NULL && i < g_list_model_get_n_items (priv->staff); i++)
    {
      g_autoptr(CrmRecord) user = g_list_model_get_item (priv->staff, i);
      gtk_string_list_append (owners, crm_record_get_text (user, "name"));
    }

  d->what = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&what)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->what), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to change"), -1);
  d->owner = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&owners)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->owner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Owner"), -1);
  d->text = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (d->text, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New value"), -1);
  d->choice = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New value"), -1);

  d->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (d->pages, GTK_WIDGET (d->owner), "owner");
  gtk_stack_add_named (d->pages, GTK_WIDGET (d->text), "text");
  gtk_stack_add_named (d->pages, GTK_WIDGET (d->choice), "choice");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->what));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->pages));
  g_signal_connect (d->what, "notify::selected", G_CALLBACK (on_what_selected_cb), d);
  on_what_selected_cb (d->what, NULL, d);
  return box;
}

static void
bulk_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  EditData *d;
  GtkWidget *dialog;
  guint n = n_selected (self);

  if (priv->selection == NULL || n == 0 || get_store (self) == NULL)
    return;

  d = g_new0 (EditData, 1);
  d->view = g_object_ref (self);
  d->target = crm_id_selection_dup_target (priv->selection);

  count = crm_format_count (n);
  /* Translators: %s is a number of records */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Edit %s Record", "Edit %s Records", n), count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The change applies to every selected record and can be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_edit_form (self, d));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_edit_response_cb), d,
                         (GClosureNotify) (void (*) (void)) edit_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- export --- */

typedef struct
{
  CrmView  *view;
  CrmQuery *query;
  GArray   *ids;     /* NULL: every record of the query */
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_clear_object (&d->view);
  g_clear_pointer (&d->query, crm_query_unref);
  g_clear_pointer (&d->ids, g_array_unref);
  g_free (d);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!crm_export_finish (CRM_STORE (object), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_view_add_toast (self, adw_toast_new (error->message));
      return;
    }

  count = crm_format_count (n);
  /* Translators: %s is a number of records */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record exported", "%s records exported", n),
                             count);
  _crm_view_add_toast (self, adw_toast_new (message));
}

static void
on_export_file_cb (GtkNativeDialog *chooser,
                   int              response,
                   ExportData      *d)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      get_store (d->view) != NULL)
    {
      name = g_file_get_basename (file);
      crm_export_async (get_store (d->view), d->query, d->ids, crm_export_format_for_name (name), file,
                        NULL, on_exported_cb, g_object_ref (d->view));
    }

  export_data_free (d);
  g_object_unref (chooser);
}

/* The selected ids; after "select all", every id of the list but those
 * taken out (ids only: no record is read for it), or NULL when none were. */
static GArray *
dup_export_ids (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(GArray) except = crm_id_selection_dup_ids (priv->selection);
  g_autoptr(GHashTable) skip = NULL;
  GArray *ids;
  guint n;

  if (!crm_id_selection_get_all (priv->selection))
    return g_steal_pointer (&except);
  if (except->len == 0)
    return NULL;

  skip = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < except->len; i++)
    g_hash_table_add (skip, &g_array_index (except, gint64, i));

  n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = crm_paged_model_get_id (priv->model, i);

      if (!g_hash_table_contains (skip, &id))
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
bulk_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) vcard = gtk_file_filter_new ();
  gboolean people = g_strcmp0 (crm_view_get_record_kind (self), "person") == 0;
  GtkFileChooserNative *chooser;
  ExportData *d;

  if (priv->selection == NULL || n_selected (self) == 0 || get_store (self) == NULL)
    return;

  d = g_new0 (ExportData, 1);
  d->view = g_object_ref (self);
  d->query = crm_query_copy (crm_paged_model_get_query (priv->model));
  d->ids = dup_export_ids (self);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV Spreadsheets"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  if (people)
    {
      gtk_file_filter_set_name (vcard, _("vCard Contacts"));
      gtk_file_filter_add_suffix (vcard, "vcf");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), vcard);
    }
  /* Translators: default file names of an export; keep the extension */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     people ? _("people.csv") : _("organizations.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- filter bar --- */

static void
on_filter_applied_cb (CrmSegmentEditor *editor,
                      const char       *json,
                      CrmView          *self)
{
  crm_view_set_filter (self, json);
}

static void
edit_filter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  CrmSegmentEditor *editor;

  if (priv->context == NULL || crm_view_get_record_kind (self) == NULL)
    return;

  editor = crm_segment_editor_new_for_filter (priv->context, crm_view_get_record_kind (self),
                                              priv->filter != NULL ? priv->filter : CRM_FILTER_EMPTY);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  g_signal_connect_object (editor, "applied", G_CALLBACK (on_filter_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  crm_view_set_filter (CRM_VIEW (widget), NULL);
}

typedef struct
{
  CrmView  *view;
  GtkEntry *name;
} SegmentData;

static void
segment_data_free (gpointer data)
{
  SegmentData *d = data;

  g_clear_object (&d->view);
  g_free (d);
}

static void
on_segment_inserted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CrmView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_insert_finish (CRM_STORE (object), result, &error))
    _crm_view_add_toast (self, adw_toast_new (_("The segment could not be saved")));
  else
    _crm_view_add_toast (self, adw_toast_new (_("Segment saved")));
}

static void
on_segment_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        SegmentData      *d)
{
  CrmViewPrivate *priv = _crm_view_get_private (d->view);
  g_autoptr(CrmRecord) segment = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0 || get_store (d->view) == NULL || priv->filter == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name))));
  segment = g_object_new (CRM_TYPE_SEGMENT, NULL);
  crm_record_set_text (segment, "name", name);
  crm_record_set_text (segment, "target", crm_view_get_record_kind (d->view));
  crm_record_set_text (segment, "filter", priv->filter);
  crm_store_insert_async (get_store (d->view), segment, NULL, on_segment_inserted_cb,
                          g_object_ref (d->view));
}

static void
on_segment_name_changed_cb (GtkEditable      *name,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "save", text[0] != '\0');
}

static void
save_segment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmView *self = CRM_VIEW (widget);
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  SegmentData *d;
  GtkWidget *dialog;

  if (priv->filter == NULL || get_store (self) == NULL)
    return;

  d = g_new0 (SegmentData, 1);
  d->view = g_object_ref (self);
  d->name = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (d->name, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segment name"), -1);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save as Segment"),
                                   _("A segment keeps this filter: it lists whoever matches it at the time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (d->name));
  g_signal_connect (d->name, "changed", G_CALLBACK (on_segment_name_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_segment_response_cb), d,
                         (GClosureNotify) (void (*) (void)) segment_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_crm_view_install_bulk_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.bulk-delete", NULL, bulk_delete_action);
  gtk_widget_class_install_action (widget_class, "view.bulk-edit", NULL, bulk_edit_action);
  gtk_widget_class_install_action (widget_class, "view.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "view.bulk-export", NULL, bulk_export_action);
  gtk_widget_class_install_action (widget_class, "view.edit-filter", NULL, edit_filter_action);
  gtk_widget_class_install_action (widget_class, "view.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "view.save-segment", NULL, save_segment_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "view.bulk-delete", NULL);
}
