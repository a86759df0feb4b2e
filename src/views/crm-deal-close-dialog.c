/* crm-deal-close-dialog.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmDealCloseDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-close-dialog.h"
#include "crm-lost-reason.h"
#include "crm-pipeline-edit.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"

struct _CrmDealCloseDialog
{
  AdwMessageDialog  parent_instance;

  CrmStore         *store;
  CrmStageKind      kind;
  GCancellable     *cancellable;
  GListStore       *reasons;
  gint64            reason_id;      /* chosen, kept across reloads */
  gboolean          loading;
  gboolean          refocus_new;    /* after adding: keep typing new ones */

  GtkDropDown      *reason_drop_down;
  AdwEntryRow      *note_row;
  GtkRevealer      *edit_revealer;
  GtkListBox       *edit_list;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (CrmDealCloseDialog, crm_deal_close_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void load_reasons (CrmDealCloseDialog *self);

static void
update_response (CrmDealCloseDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "move",
                                           self->kind != CRM_STAGE_KIND_LOST || self->reason_id > 0);
}

static void
show_error (CrmDealCloseDialog *self,
            const GError       *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
after_edit (CrmDealCloseDialog *self,
            const GError       *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_error (self, error);
  load_reasons (self);
}

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmDealCloseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_pipeline_add_lost_reason_finish (CRM_STORE (object), result, &error);

  /* A reason just added is the one meant. */
  if (id > 0)
    self->reason_id = id;
  self->refocus_new = TRUE;
  after_edit (self, error);
}

static void
on_edited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmDealCloseDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  crm_pipeline_lost_reason_finish (CRM_STORE (object), result, &error);
  after_edit (self, error);
}

static void
on_name_applied_cb (AdwEntryRow        *row,
                    CrmDealCloseDialog *self)
{
  CrmLostReason *reason = g_object_get_data (G_OBJECT (row), "reason");
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  if (reason != NULL)
    crm_pipeline_rename_lost_reason_async (self->store, crm_record_get_id (CRM_RECORD (reason)), name,
                                           self->cancellable, on_edited_cb, g_object_ref (self));
  else
    {
      crm_pipeline_add_lost_reason_async (self->store, name, G_MAXUINT, self->cancellable,
                                          on_added_cb, g_object_ref (self));
      gtk_editable_set_text (GTK_EDITABLE (row), "");
    }
}

static void
on_remove_clicked_cb (GtkButton          *button,
                      CrmDealCloseDialog *self)
{
  CrmLostReason *reason = g_object_get_data (G_OBJECT (button), "reason");
  gint64 id = crm_record_get_id (CRM_RECORD (reason));

  if (self->reason_id == id)
    self->reason_id = 0;
  crm_pipeline_delete_lost_reason_async (self->store, id, self->cancellable, on_edited_cb,
                                         g_object_ref (self));
}

static GtkWidget *
new_edit_row (CrmDealCloseDialog *self,
              CrmLostReason      *reason)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_name_applied_cb), self, 0);

  if (reason != NULL)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      g_object_set_data_full (G_OBJECT (row), "reason", g_object_ref (reason), g_object_unref);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reason"));
      gtk_editable_set_text (GTK_EDITABLE (row), crm_lost_reason_get_name (reason));
      g_object_set_data_full (G_OBJECT (remove), "reason", g_object_ref (reason), g_object_unref);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Reason"));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New Reason"));

  return row;
}

static void
rebuild_edit_list (CrmDealCloseDialog *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reasons));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->edit_list))) != NULL)
    gtk_list_box_remove (self->edit_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmLostReason) reason = g_list_model_get_item (G_LIST_MODEL (self->reasons), i);

      gtk_list_box_append (self->edit_list, new_edit_row (self, reason));
    }
  child = new_edit_row (self, NULL);
  gtk_list_box_append (self->edit_list, child);
  if (self->refocus_new)
    gtk_widget_grab_focus (child);
  self->refocus_new = FALSE;
}

static void
select_reason (CrmDealCloseDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reasons));
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && self->reason_id > 0; i++)
    {
      g_autoptr(CrmRecord) reason = g_list_model_get_item (G_LIST_MODEL (self->reasons), i);

      if (crm_record_get_id (reason) == self->reason_id)
        selected = i;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    self->reason_id = 0;

  self->loading = TRUE;
  gtk_drop_down_set_selected (self->reason_drop_down, selected);
  self->loading = FALSE;
  update_response (self);
}

static void
on_reasons_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CrmDealCloseDialog) self = user_data;
  g_autoptr(GListModel) reasons = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  reasons = crm_store_query_finish (CRM_STORE (object), result, &error);
  if (reasons == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  n = g_list_model_get_n_items (reasons);
  self->loading = TRUE;
  g_list_store_remove_all (self->reasons);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) reason = g_list_model_get_item (reasons, i);

      g_list_store_append (self->reasons, reason);
    }
  self->loading = FALSE;

  select_reason (self);
  rebuild_edit_list (self);
  /* No reasons yet: the list to add one is the way on. */
  if (n == 0)
    gtk_revealer_set_reveal_child (self->edit_revealer, TRUE);
}

static void
load_reasons (CrmDealCloseDialog *self)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_LOST_REASON);

  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (self->store, query, self->cancellable, on_reasons_loaded_cb,
                         g_object_ref (self));
}

static void
on_reasons_changed_cb (CrmDealCloseDialog *self)
{
  load_reasons (self);
}

static void
on_selected_cb (CrmDealCloseDialog *self,
                GParamSpec         *pspec,
                GtkDropDown        *drop_down)
{
  CrmRecord *reason = gtk_drop_down_get_selected_item (drop_down);

  if (self->loading)
    return;

  self->reason_id = reason != NULL ? crm_record_get_id (reason) : 0;
  update_response (self);
}

static void
on_edit_toggled_cb (GtkToggleButton    *button,
                    CrmDealCloseDialog *self)
{
  gtk_revealer_set_reveal_child (self->edit_revealer, gtk_toggle_button_get_active (button));
}

static GtkWidget *
build_lost_content (CrmDealCloseDialog *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *reason_row = adw_action_row_new ();
  GtkWidget *edit_button;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  expression = gtk_property_expression_new (CRM_TYPE_LOST_REASON, NULL, "name");
  self->reason_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->reasons)),
                                                             g_steal_pointer (&expression)));
  gtk_drop_down_set_selected (self->reason_drop_down, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_valign (GTK_WIDGET (self->reason_drop_down), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lost reason"), -1);
  g_signal_connect_object (self->reason_drop_down, "notify::selected", G_CALLBACK (on_selected_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason_row), _("_Reason"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (reason_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (reason_row), GTK_WIDGET (self->reason_drop_down));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (reason_row), GTK_WIDGET (self->reason_drop_down));
  gtk_list_box_append (GTK_LIST_BOX (list), reason_row);

  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _("_Note (optional)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->note_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->note_row));
  gtk_box_append (GTK_BOX (box), list);

  edit_button = gtk_toggle_button_new_with_mnemonic (_("_Edit Reasons…"));
  gtk_widget_set_halign (edit_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (edit_button, "flat");
  g_signal_connect_object (edit_button, "toggled", G_CALLBACK (on_edit_toggled_cb), self, 0);
  gtk_box_append (GTK_BOX (box), edit_button);

  self->edit_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->edit_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->edit_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lost reasons"), -1);
  self->edit_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->edit_revealer, GTK_WIDGET (self->edit_list));
  g_object_bind_property (self->edit_revealer, "reveal-child", edit_button, "active",
                          G_BINDING_BIDIRECTIONAL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->edit_revealer));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  return box;
}

static void
crm_deal_close_dialog_dispose (GObject *object)
{
  CrmDealCloseDialog *self = CRM_DEAL_CLOSE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_deal_close_dialog_parent_class)->dispose (object);
}

static void
crm_deal_close_dialog_finalize (GObject *object)
{
  CrmDealCloseDialog *self = CRM_DEAL_CLOSE_DIALOG (object);

  g_clear_object (&self->reasons);

  G_OBJECT_CLASS (crm_deal_close_dialog_parent_class)->finalize (object);
}

static void
crm_deal_close_dialog_class_init (CrmDealCloseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_deal_close_dialog_dispose;
  object_class->finalize = crm_deal_close_dialog_finalize;
}

static void
crm_deal_close_dialog_init (CrmDealCloseDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->reasons = g_list_store_new (CRM_TYPE_LOST_REASON);
}

CrmDealCloseDialog *
crm_deal_close_dialog_new (GtkWindow    *parent,
                           CrmStore     *store,
                           CrmStageKind  kind,
                           const char   *deal_name,
                           const char   *amount,
                           const char   *stage_name)
{
  CrmDealCloseDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (kind == CRM_STAGE_KIND_WON || kind == CRM_STAGE_KIND_LOST, NULL);

  self = g_object_new (CRM_TYPE_DEAL_CLOSE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "close-response", "cancel",
                       "default-response", "move",
                       NULL);
  self->store = g_object_ref (store);
  self->kind = kind;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"));
  if (kind == CRM_STAGE_KIND_WON)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Mark Deal as Won?"));
      /* Translators: %1$s is a deal, %2$s its amount, %3$s the won stage */
      body = g_strdup_printf (_("“%1$s” for %2$s moves to %3$s and is closed as won."),
                              deal_name, amount, stage_name);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "move", _("Mark as _Won"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "move",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Mark Deal as Lost?"));
      /* Translators: %1$s is a deal, %2$s its amount, %3$s the lost stage */
      body = g_strdup_printf (_("“%1$s” for %2$s moves to %3$s and is closed as lost. Choose why it was lost."),
                              deal_name, amount, stage_name);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "move", _("Mark as _Lost"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "move",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), build_lost_content (self));
      g_signal_connect_object (store, "changed::lost_reason", G_CALLBACK (on_reasons_changed_cb),
                               self, G_CONNECT_SWAPPED);
      load_reasons (self);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  update_response (self);

  return self;
}

CrmStageKind
crm_deal_close_dialog_get_kind (CrmDealCloseDialog *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CLOSE_DIALOG (self), CRM_STAGE_KIND_OPEN);

  return self->kind;
}

GListModel *
crm_deal_close_dialog_get_reasons (CrmDealCloseDialog *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CLOSE_DIALOG (self), NULL);

  return G_LIST_MODEL (self->reasons);
}

gint64
crm_deal_close_dialog_get_lost_reason_id (CrmDealCloseDialog *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_CLOSE_DIALOG (self), 0);

  return self->reason_id;
}

void
crm_deal_close_dialog_set_lost_reason_id (CrmDealCloseDialog *self,
                                          gint64              reason_id)
{
  g_return_if_fail (CRM_IS_DEAL_CLOSE_DIALOG (self));

  self->reason_id = reason_id;
  if (self->reason_drop_down != NULL)
    select_reason (self);
}

char *
crm_deal_close_dialog_dup_note (CrmDealCloseDialog *self)
{
  const char *text;

  g_return_val_if_fail (CRM_IS_DEAL_CLOSE_DIALOG (self), NULL);

  if (self->note_row == NULL)
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  return text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
}
