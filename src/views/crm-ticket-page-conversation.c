/* crm-ticket-page-conversation.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket page's conversation: the customer's messages on the left, the
 * team's replies on the right, internal notes as tinted cards labelled as
 * such, and the status changes between them as small dim lines, oldest
 * first, in a list view (a long conversation makes rows only for what is
 * seen).  Messages and status changes load off the UI thread; a reload that
 * only adds at the end appends, and the newest message is scrolled into
 * view when it is the page's own reply or the list is read the first time.
 */

#define G_LOG_DOMAIN "CrmTicketPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-page-private.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-ticket-message.h"
#include "crm-ticket-status-change.h"

/* The widgets of one row, kept on the list item's child. */
typedef struct
{
  GtkWidget *bubble;
  GtkWidget *note_icon;
  GtkWidget *kind_label;
  GtkWidget *sender_label;
  GtkWidget *time_label;
  GtkWidget *body_label;
  GtkWidget *event_label;
} ItemWidgets;

static gint64
item_time (gpointer item)
{
  if (CRM_IS_TICKET_MESSAGE (item))
    {
      gint64 sent = crm_ticket_message_get_sent (item);

      return sent != 0 ? sent : crm_record_get_created (item);
    }

  return crm_ticket_status_change_get_changed_at (item);
}

/* Time order; at the same second a message comes before the status change
 * it caused (a first reply opens the ticket), then by id. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  gpointer x = *(gpointer *) a, y = *(gpointer *) b;
  gint64 tx = item_time (x), ty = item_time (y);
  gboolean mx = CRM_IS_TICKET_MESSAGE (x), my = CRM_IS_TICKET_MESSAGE (y);
  gint64 ix = crm_record_get_id (x), iy = crm_record_get_id (y);

  if (tx != ty)
    return tx < ty ? -1 : 1;
  if (mx != my)
    return mx ? -1 : 1;

  return ix < iy ? -1 : ix > iy ? 1 : 0;
}

static const char *
sender_name (CrmTicketPage    *self,
             CrmTicketMessage *message)
{
  const char *kind = crm_ticket_message_get_kind (message);

  if (g_strcmp0 (kind, "customer") == 0)
    {
      gint64 person_id = crm_ticket_message_get_person_id (message);
      CrmPerson *person = person_id != 0 ? g_hash_table_lookup (self->people, &person_id) : NULL;
      const char *customer = _crm_ticket_page_get_customer_name (self);

      if (person != NULL)
        return crm_person_get_display_name (person);
      return customer[0] != '\0' ? customer : C_("message sender", "Customer");
    }
  else
    {
      const char *name = _crm_ticket_page_get_staff_name (self,
                                                          crm_ticket_message_get_user_id (message));

      return name != NULL && name[0] != '\0' ? name : C_("message sender", "Support team");
    }
}

static void
on_item_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CrmTicketPage            *self)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (box, "conversation-item");

  w->bubble = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (w->bubble, "message-bubble");
  gtk_box_append (GTK_BOX (box), w->bubble);

  w->note_icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->note_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "", -1);
  w->kind_label = gtk_label_new (C_("message kind", "Internal note"));
  gtk_widget_add_css_class (w->kind_label, "note-label");
  w->sender_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (w->sender_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (w->sender_label), 0);
  gtk_widget_add_css_class (w->sender_label, "message-sender");
  w->time_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->time_label, "message-time");
  gtk_widget_add_css_class (w->time_label, "dim-label");
  gtk_box_append (GTK_BOX (meta), w->note_icon);
  gtk_box_append (GTK_BOX (meta), w->kind_label);
  gtk_box_append (GTK_BOX (meta), w->sender_label);
  gtk_box_append (GTK_BOX (meta), w->time_label);
  gtk_box_append (GTK_BOX (w->bubble), meta);

  w->body_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (w->body_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (w->body_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (w->body_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (w->body_label), 60);
  gtk_label_set_selectable (GTK_LABEL (w->body_label), TRUE);
  gtk_widget_add_css_class (w->body_label, "message-body");
  gtk_box_append (GTK_BOX (w->bubble), w->body_label);

  w->event_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (w->event_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (w->event_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_halign (w->event_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w->event_label, "status-event");
  gtk_widget_add_css_class (w->event_label, "dim-label");
  gtk_box_append (GTK_BOX (box), w->event_label);

  g_object_set_data_full (G_OBJECT (box), "crm-item-widgets", w, g_free);
  gtk_list_item_set_child (list_item, box);
  /* The labels inside take the focus for reading and selecting. */
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_message (CrmTicketPage    *self,
              ItemWidgets      *w,
              CrmTicketMessage *message)
{
  static const char * const kinds[] = { "customer", "reply", "note" };
  const char *kind = crm_ticket_message_get_kind (message);
  gboolean note = g_strcmp0 (kind, "note") == 0;
  gboolean customer = g_strcmp0 (kind, "customer") == 0;
  g_autofree char *when = crm_format_date_time (item_time (message));

  gtk_widget_set_visible (w->bubble, TRUE);
  gtk_widget_set_visible (w->event_label, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_widget_remove_css_class (w->bubble, kinds[i]);
  gtk_widget_add_css_class (w->bubble, customer ? "customer" : note ? "note" : "reply");

  /* The customer on one side, the team on the other. */
  gtk_widget_set_halign (w->bubble, customer ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_start (w->bubble, customer ? 0 : 36);
  gtk_widget_set_margin_end (w->bubble, customer ? 36 : 0);

  gtk_widget_set_visible (w->note_icon, note);
  gtk_widget_set_visible (w->kind_label, note);
  gtk_label_set_label (GTK_LABEL (w->sender_label), sender_name (self, message));
  gtk_label_set_label (GTK_LABEL (w->time_label), when);
  gtk_label_set_label (GTK_LABEL (w->body_label), crm_ticket_message_get_body (message));
}

static void
bind_change (CrmTicketPage         *self,
             ItemWidgets           *w,
             CrmTicketStatusChange *change)
{
  const char *status = crm_page_describe_key ("ticket-status",
                                              crm_ticket_status_change_get_status (change));
  const char *who = _crm_ticket_page_get_staff_name (self,
                                                     crm_ticket_status_change_get_user_id (change));
  g_autofree char *when = crm_format_date_time (item_time (change));
  g_autofree char *text = NULL;

  if (who != NULL && who[0] != '\0')
    /* Translators: a line in a ticket's conversation: who changed the
     * status, to what, and when: "Li Na set the status to Resolved · 3 Nov 2026 14:05" */
    text = g_strdup_printf (_("%1$s set the status to %2$s · %3$s"), who, status, when);
  else
    /* Translators: a line in a ticket's conversation: the new status and when */
    text = g_strdup_printf (_("Status set to %1$s · %2$s"), status, when);

  gtk_widget_set_visible (w->bubble, FALSE);
  gtk_widget_set_visible (w->event_label, TRUE);
  gtk_label_set_label (GTK_LABEL (w->event_label), text);
}

static void
on_item_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CrmTicketPage            *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  ItemWidgets *w = g_object_get_data (G_OBJECT (child), "crm-item-widgets");
  gpointer item = gtk_list_item_get_item (list_item);

  if (CRM_IS_TICKET_MESSAGE (item))
    bind_message (self, w, item);
  else if (CRM_IS_TICKET_STATUS_CHANGE (item))
    bind_change (self, w, item);
}

void
_crm_ticket_page_init_conversation (CrmTicketPage *self)
{
  /* A signal factory: the row's layout differs by message kind (side,
   * tint, the note label), set in code at bind time. */
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->conversation = g_list_store_new (CRM_TYPE_RECORD);
  self->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  g_signal_connect_object (factory, "setup", G_CALLBACK (on_item_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_item_bind_cb), self, 0);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->conversation)));
  gtk_list_view_set_model (self->conversation_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->conversation_view, factory);
  g_object_unref (selection);
  g_object_unref (factory);

  gtk_stack_set_visible_child_name (self->conversation_stack, "loading");
}

static gboolean
on_scroll_idle_cb (gpointer user_data)
{
  CrmTicketPage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conversation));

  self->scroll_id = 0;
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->conversation_view), "list.scroll-to-item",
                                "u", n - 1);

  return G_SOURCE_REMOVE;
}

void
_crm_ticket_page_scroll_to_end (CrmTicketPage *self)
{
  /* After the list made and measured the new rows. */
  if (self->scroll_id == 0)
    self->scroll_id = g_timeout_add (30, on_scroll_idle_cb, self);
}

static gboolean
has_messages (GListModel *items)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (CRM_IS_TICKET_MESSAGE (item))
        return TRUE;
    }

  return FALSE;
}

/* Replaces the shown conversation by @items (sorted); when the old one is
 * where the new one starts, only the rest is appended. */
static void
publish (CrmTicketPage *self,
         GPtrArray     *items)
{
  GListModel *model = G_LIST_MODEL (self->conversation);
  guint n_old = g_list_model_get_n_items (model);
  gboolean prefix = n_old <= items->len;
  gboolean first = !self->conversation_loaded;

  for (guint i = 0; prefix && i < n_old; i++)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, i);

      prefix = old == g_ptr_array_index (items, i);
    }

  if (prefix)
    g_list_store_splice (self->conversation, n_old, 0, items->pdata + n_old, items->len - n_old);
  else
    g_list_store_splice (self->conversation, 0, n_old, items->pdata, items->len);

  self->conversation_loaded = TRUE;
  gtk_stack_set_visible_child_name (self->conversation_stack,
                                    has_messages (model) ? "conversation" : "empty");

  if (first || self->follow_end || (prefix && items->len > n_old))
    _crm_ticket_page_scroll_to_end (self);
  self->follow_end = FALSE;
}

static void
merge_loaded (CrmTicketPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *lists[] = { self->loaded_messages, self->loaded_changes };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      g_ptr_array_add (items, g_list_model_get_item (lists[l], i));
  g_ptr_array_sort (items, compare_items);

  g_clear_object (&self->loaded_messages);
  g_clear_object (&self->loaded_changes);
  publish (self, items);
}

typedef struct
{
  CrmTicketPage *page;
  guint          serial;
} LoadRequest;

static LoadRequest *
load_request_new (CrmTicketPage *self)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->page = g_object_ref (self);
  request->serial = self->conversation_serial;

  return request;
}

static void
load_request_free (LoadRequest *request)
{
  g_object_unref (request->page);
  g_free (request);
}

static void
maybe_merge (CrmTicketPage *self)
{
  if (self->loaded_messages != NULL && self->loaded_changes != NULL &&
      self->people_pending == 0)
    merge_loaded (self);
}

static void
on_sender_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoadRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) person = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (person != NULL)
    {
      gint64 *id = g_new (gint64, 1);

      *id = crm_record_get_id (person);
      g_hash_table_replace (self->people, id, g_object_ref (person));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    {
      g_warning ("Could not load a message's sender: %s", error->message);
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      request->serial == self->conversation_serial)
    {
      self->people_pending--;
      maybe_merge (self);
    }
  load_request_free (request);
}

/* Customer messages from someone other than the ticket's customer (a
 * colleague of theirs) name their sender: those people load first. */
static void
load_senders (CrmTicketPage *self,
              GListModel    *messages)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(CrmTicketMessage) message = g_list_model_get_item (messages, i);
      gint64 person_id = crm_ticket_message_get_person_id (message);

      if (person_id != 0 && !g_hash_table_contains (self->people, &person_id))
        {
          gint64 *id = g_new (gint64, 1);

          *id = person_id;
          g_hash_table_add (wanted, id);
        }
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      self->people_pending++;
      crm_store_load_async (_crm_ticket_page_get_store (self), CRM_TYPE_PERSON, *(gint64 *) key,
                            _crm_ticket_page_get_cancellable (self), on_sender_loaded_cb,
                            load_request_new (self));
      g_free (key);
    }
}

static void
on_part_loaded (GObject      *object,
                GAsyncResult *result,
                LoadRequest  *request,
                gboolean      is_messages)
{
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = crm_store_query_finish (CRM_STORE (object), result, &error);

  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        {
          g_warning ("Could not load the conversation: %s", error->message);
          _crm_ticket_page_toast (self, _("The conversation could not be loaded"));
        }
    }
  else if (request->serial == self->conversation_serial)
    {
      if (is_messages)
        {
          g_set_object (&self->loaded_messages, records);
          load_senders (self, records);
        }
      else
        {
          g_set_object (&self->loaded_changes, records);
        }
      maybe_merge (self);
    }

  load_request_free (request);
}

static void
on_messages_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  on_part_loaded (object, result, user_data, TRUE);
}

static void
on_changes_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  on_part_loaded (object, result, user_data, FALSE);
}

void
_crm_ticket_page_load_conversation (CrmTicketPage *self)
{
  CrmStore *store = _crm_ticket_page_get_store (self);
  gint64 id = _crm_ticket_page_get_id (self);
  g_autoptr(CrmQuery) messages = crm_query_new (CRM_TYPE_TICKET_MESSAGE);
  g_autoptr(CrmQuery) changes = crm_query_new (CRM_TYPE_TICKET_STATUS_CHANGE);

  if (id == 0)
    return;

  /* A newer read replaces one still running. */
  self->conversation_serial++;
  self->people_pending = 0;
  g_clear_object (&self->loaded_messages);
  g_clear_object (&self->loaded_changes);

  crm_query_add_int (messages, "ticket-id", CRM_QUERY_EQ, id);
  crm_query_set_order (messages, "sent", FALSE);
  crm_query_add_int (changes, "ticket-id", CRM_QUERY_EQ, id);
  crm_query_set_order (changes, "changed-at", FALSE);
  crm_store_query_async (store, messages, _crm_ticket_page_get_cancellable (self),
                         on_messages_loaded_cb, load_request_new (self));
  crm_store_query_async (store, changes, _crm_ticket_page_get_cancellable (self),
                         on_changes_loaded_cb, load_request_new (self));
}

/* Rows bound before the staff's or the customer's names were in say them now. */
void
_crm_ticket_page_rebind_conversation (CrmTicketPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conversation));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->conversation), i));
  g_list_store_splice (self->conversation, 0, n, items->pdata, n);
}
