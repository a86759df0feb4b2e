/* crm-ticket-page-composer.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket page's composer: a reply to the customer or an internal note
 * (a toggle), sent with Ctrl+Enter through crm_ticket_flow_add_message_async();
 * the Canned Replies menu (the replies in the language of the interface, or
 * all of them when it has none) inserts one with {customer}, {ticket} and
 * {agent} filled in; Insert Article adds a knowledge-base reference
 * ("KB-<id>: <title>") picked in a CrmKbPicker.
 */

#define G_LOG_DOMAIN "CrmTicketPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-page-private.h"
#include "crm-canned-reply.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"

static void
update_mode (CrmTicketPage *self)
{
  gboolean note = gtk_toggle_button_get_active (self->note_toggle);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  const char *label = note ? _("Internal note for your team") : _("Reply to the customer");

  if (note)
    gtk_widget_add_css_class (self->composer_box, "note-mode");
  else
    gtk_widget_remove_css_class (self->composer_box, "note-mode");

  gtk_label_set_label (self->placeholder_label,
                       note ? _("Write an internal note…") : _("Write a reply…"));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label),
                          gtk_text_buffer_get_char_count (buffer) == 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->composer_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button),
                               note ? _("Add the Note (Ctrl+Enter)") : _("Send (Ctrl+Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note ? _("Add the Note") : _("Send"), -1);
}

static void
on_buffer_changed_cb (CrmTicketPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label),
                          gtk_text_buffer_get_char_count (buffer) == 0);
  crm_record_page_update_actions (CRM_RECORD_PAGE (self));
}

static void
insert_text (CrmTicketPage *self,
             const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
}

static void
on_article_chosen_cb (CrmTicketPage *self,
                      gint64         id,
                      const char    *title)
{
  g_autofree char *reference = crm_kb_picker_format_reference (id, title);

  insert_text (self, reference);
}

static const char *
interface_language (void)
{
  return crm_format_locale_is_chinese () ? "zh-CN" : "en";
}

void
_crm_ticket_page_init_composer (CrmTicketPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutController *controller = GTK_SHORTCUT_CONTROLLER (shortcuts);

  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_toggle, "notify::active", G_CALLBACK (update_mode), self,
                           G_CONNECT_SWAPPED);

  /* In the text, Ctrl+Enter sends (elsewhere on the page it is Done). */
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("ticket.send")));
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("ticket.send")));
  gtk_widget_add_controller (GTK_WIDGET (self->composer_view), shortcuts);

  self->canned_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->canned_button, G_MENU_MODEL (self->canned_menu));

  self->kb_picker = crm_kb_picker_new ();
  crm_kb_picker_set_language (self->kb_picker, interface_language ());
  g_signal_connect_object (self->kb_picker, "article-chosen", G_CALLBACK (on_article_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->article_button, GTK_WIDGET (self->kb_picker));

  update_mode (self);
}

/* Canned replies. */

static char *
menu_label (const char *title)
{
  g_auto(GStrv) parts = g_strsplit (title, "_", -1);

  /* Underscores in a title are no mnemonics. */
  return g_strjoinv ("__", parts);
}

static void
fill_canned_menu (CrmTicketPage *self)
{
  guint n = g_list_model_get_n_items (self->canned);

  g_menu_remove_all (self->canned_menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCannedReply) reply = g_list_model_get_item (self->canned, i);
      g_autofree char *label = menu_label (crm_canned_reply_get_title (reply));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      gint64 id = crm_record_get_id (CRM_RECORD (reply));

      g_menu_item_set_action_and_target_value (item, "ticket.insert-canned",
                                               g_variant_new_int64 (id));
      g_menu_append_item (self->canned_menu, item);
    }
}

static void
on_canned_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  const char *language = interface_language ();
  GListStore *mine = g_list_store_new (CRM_TYPE_CANNED_REPLY);
  guint n = g_list_model_get_n_items (records);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCannedReply) reply = g_list_model_get_item (records, i);

      if (g_strcmp0 (crm_canned_reply_get_language (reply), language) == 0)
        g_list_store_append (mine, reply);
    }

  /* None in this language: every reply rather than none. */
  g_clear_object (&self->canned);
  if (g_list_model_get_n_items (G_LIST_MODEL (mine)) > 0)
    self->canned = G_LIST_MODEL (mine);
  else
    {
      self->canned = g_object_ref (records);
      g_object_unref (mine);
    }

  fill_canned_menu (self);
  crm_record_page_update_actions (CRM_RECORD_PAGE (self));
}

void
_crm_ticket_page_load_canned (CrmTicketPage *self)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_CANNED_REPLY);

  crm_query_set_order (query, "title", FALSE);
  crm_page_query (GTK_WIDGET (self), _crm_ticket_page_get_store (self), query,
                  _crm_ticket_page_get_cancellable (self), on_canned_loaded_cb);
  crm_kb_picker_set_store (self->kb_picker, _crm_ticket_page_get_store (self));
}

void
_crm_ticket_page_insert_canned_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  guint n = self->canned != NULL ? g_list_model_get_n_items (self->canned) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCannedReply) reply = g_list_model_get_item (self->canned, i);
      g_autofree char *text = NULL;

      if (crm_record_get_id (CRM_RECORD (reply)) != id)
        continue;

      text = crm_canned_reply_expand (crm_canned_reply_get_body (reply),
                                      _crm_ticket_page_get_customer_name (self),
                                      crm_ticket_get_number (_crm_ticket_page_get_ticket (self)),
                                      self->current_user_name);
      insert_text (self, text);
      return;
    }
}

void
_crm_ticket_page_insert_article_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);

  gtk_menu_button_popup (self->article_button);
}

/* Writing and sending. */

static void
start_writing (CrmTicketPage *self,
               gboolean       note)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  GtkTextIter end;

  gtk_toggle_button_set_active (note ? self->note_toggle : self->reply_toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
  /* Go on where the draft ends. */
  if (!gtk_text_buffer_get_has_selection (buffer))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
    }
}

void
_crm_ticket_page_reply_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  start_writing (CRM_TICKET_PAGE (widget), FALSE);
}

void
_crm_ticket_page_note_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  start_writing (CRM_TICKET_PAGE (widget), TRUE);
}

typedef struct
{
  CrmTicketPage *page;
  char          *body;
  gboolean       note;
} SendRequest;

static void
send_request_free (SendRequest *request)
{
  g_object_unref (request->page);
  g_free (request->body);
  g_free (request);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SendRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_flow_add_message_finish (CRM_STORE (object), result, &error);

  self->sending = FALSE;
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
          g_autofree char *message = NULL;

          /* The draft comes back to the composer, to send again. */
          if (gtk_text_buffer_get_char_count (buffer) == 0)
            gtk_text_buffer_set_text (buffer, request->body, -1);
          g_warning ("Could not add a message: %s", error->message);
          message = g_strdup_printf (request->note ? _("The note could not be added: %s")
                                                   : _("The reply could not be sent: %s"),
                                     error->message);
          _crm_ticket_page_toast (self, message);
          crm_record_page_update_actions (CRM_RECORD_PAGE (self));
        }
      send_request_free (request);
      return;
    }

  /* The conversation reloads on the store's notice and shows the new
   * message at its end. */
  self->follow_end = TRUE;
  crm_record_page_update_actions (CRM_RECORD_PAGE (self));
  send_request_free (request);
}

void
_crm_ticket_page_send_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  g_autofree char *draft = crm_ticket_page_dup_draft (self);
  SendRequest *request;

  if (self->sending || g_strstrip (draft)[0] == '\0')
    return;

  request = g_new0 (SendRequest, 1);
  request->page = g_object_ref (self);
  request->body = g_strdup (draft);
  request->note = crm_ticket_page_get_note_mode (self);

  self->sending = TRUE;
  /* Cleared now, so that what is typed next is a new message; a failure
   * puts the text back. */
  gtk_text_buffer_set_text (buffer, "", 0);
  crm_record_page_update_actions (CRM_RECORD_PAGE (self));

  crm_ticket_flow_add_message_async (_crm_ticket_page_get_store (self),
                                     _crm_ticket_page_get_id (self),
                                     request->note ? "note" : "reply", request->body,
                                     self->current_user, _crm_ticket_page_get_cancellable (self),
                                     on_sent_cb, request);
}
