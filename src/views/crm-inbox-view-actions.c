/* crm-inbox-view-actions.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the inbox does to tickets, from the keyboard, the row menu (right
 * click, Menu, Shift+F10) and the selection bar:
 *   inbox.open (x)            win.show-record ("ticket", id)
 *   inbox.reply (x)           opens the ticket, then its ticket.reply
 *   inbox.assign-to-me (x)    Alt+M on the focused row (as on the ticket page)
 *   inbox.assign ((xx))       ticket, staff member (0: nobody); Ctrl+Shift+A
 *                             opens the staff list for the focused row
 *   inbox.set-status ((xs))   ticket, status; Alt+S opens the
 *                             statuses the focused ticket may go to
 *   inbox.toggle-row (u)      selects or deselects a row (selection mode)
 *   inbox.select-all          Ctrl+A: selection mode, every row
 *   inbox.bulk-assign (x), inbox.bulk-assign-to-me, inbox.bulk-close
 *   inbox.clear-filters, inbox.toggle-folders (F9)
 * Changes go through crm-ticket-flow; each says so in a toast with Undo,
 * and is also a step of the window's undo stack (Ctrl+Z).
 */

#define G_LOG_DOMAIN "CrmInboxView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-inbox-view-private.h"
#include "crm-format.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"
#include "crm-window.h"
#include "crm-window-private.h"

/* How long "Reply" waits for the ticket's page to open. */
#define REPLY_WAIT_USEC (10 * G_USEC_PER_SEC)

/* --- undo --- */

typedef struct
{
  gatomicrefcount  ref_count;
  CrmStore        *store;
  CrmTicketUndo   *undo;
  GWeakRef         view;
  gboolean         undone;
} InboxUndo;

static InboxUndo *
inbox_undo_ref (InboxUndo *undo)
{
  g_atomic_ref_count_inc (&undo->ref_count);
  return undo;
}

static void
inbox_undo_unref (InboxUndo *undo)
{
  if (!g_atomic_ref_count_dec (&undo->ref_count))
    return;
  g_object_unref (undo->store);
  crm_ticket_undo_unref (undo->undo);
  g_weak_ref_clear (&undo->view);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  InboxUndo *undo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) view = g_weak_ref_get (&undo->view);

  if (crm_ticket_flow_undo_finish (CRM_STORE (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The change could not be undone: %s"), error->message);

      if (view != NULL)
        crm_window_toast_for (view, adw_toast_new (text));
      else
        g_warning ("%s", text);
    }
  inbox_undo_unref (undo);
}

static void
run_undo (InboxUndo *undo)
{
  if (undo->undone)
    return;
  undo->undone = TRUE;
  crm_ticket_flow_undo_async (undo->store, undo->undo, NULL, on_undone_cb, inbox_undo_ref (undo));
}

static void
window_undo_cb (CrmWindow *window,
                gpointer   data)
{
  run_undo (data);
}

static void
on_toast_undo_cb (AdwToast  *toast,
                  InboxUndo *undo)
{
  run_undo (undo);
}

static void
toast_undo_free (gpointer  data,
                 GClosure *closure)
{
  inbox_undo_unref (data);
}

/* Says @message with an Undo button, and puts the undo on the window's
 * stack. */
static void
remember_undo (CrmInboxView  *self,
               CrmTicketUndo *ticket_undo,
               const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (message);
  InboxUndo *undo;

  if (crm_ticket_undo_get_n_tickets (ticket_undo) == 0 || _crm_inbox_view_get_store (self) == NULL)
    {
      crm_window_toast_for (GTK_WIDGET (self), toast);
      return;
    }

  undo = g_new0 (InboxUndo, 1);
  g_atomic_ref_count_init (&undo->ref_count);
  undo->store = g_object_ref (_crm_inbox_view_get_store (self));
  undo->undo = crm_ticket_undo_ref (ticket_undo);
  g_weak_ref_init (&undo->view, self);
  if (CRM_IS_WINDOW (root))
    _crm_window_push_undo (CRM_WINDOW (root), window_undo_cb, inbox_undo_ref (undo),
                           (GDestroyNotify) inbox_undo_unref);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), undo,
                         toast_undo_free, 0);
  crm_window_toast_for (GTK_WIDGET (self), toast);
}

/* --- changes --- */

typedef enum
{
  CHANGE_ASSIGN,
  CHANGE_CLOSE,
  CHANGE_STATUS,
} ChangeKind;

typedef struct
{
  CrmInboxView *self;     /* ref */
  ChangeKind    kind;
  gint64        number;   /* the one ticket's number, or 0 */
  gint64        assignee;
  char         *status;
  gboolean      bulk;
} Change;

static void
change_free (Change *change)
{
  g_object_unref (change->self);
  g_free (change->status);
  g_free (change);
}

static char *
describe_change (Change *change,
                 guint   n)
{
  CrmInboxView *self = change->self;
  g_autofree char *count = crm_format_count (n);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, change->number);
  const char *name = NULL;

  if (n == 0)
    return g_strdup (_("Nothing to change"));

  switch (change->kind)
    {
    case CHANGE_CLOSE:
      /* Translators: %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ticket closed", "%s tickets closed", n),
                              count);

    case CHANGE_STATUS:
      /* Translators: %1$s is a ticket number, %2$s its new status, "#1024 is now Resolved" */
      return g_strdup_printf (_("#%1$s is now %2$s"), number,
                              crm_ticket_row_status_label (change->status));

    case CHANGE_ASSIGN:
    default:
      break;
    }

  if (change->assignee != 0 && change->assignee != self->me)
    name = _crm_inbox_view_get_staff_name (self, change->assignee);
  if (name == NULL)
    name = "";

  if (!change->bulk && change->number != 0)
    {
      if (change->assignee == 0)
        /* Translators: %s is a ticket number */
        return g_strdup_printf (_("#%s unassigned"), number);
      if (change->assignee == self->me)
        /* Translators: %s is a ticket number */
        return g_strdup_printf (_("#%s assigned to you"), number);
      /* Translators: %1$s is a ticket number, %2$s a staff member */
      return g_strdup_printf (_("#%1$s assigned to %2$s"), number, name);
    }

  if (change->assignee == 0)
    /* Translators: %s is a number */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ticket unassigned",
                                         "%s tickets unassigned", n), count);
  if (change->assignee == self->me)
    /* Translators: %s is a number */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ticket assigned to you",
                                         "%s tickets assigned to you", n), count);
  /* Translators: %1$s is a number, %2$s a staff member */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s ticket assigned to %2$s",
                                       "%1$s tickets assigned to %2$s", n), count, name);
}

static void
on_changed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Change *change = user_data;
  CrmInboxView *self = change->self;
  g_autoptr(CrmTicketUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  switch (change->kind)
    {
    case CHANGE_CLOSE:
      undo = crm_ticket_flow_close_finish (CRM_STORE (object), result, &error);
      break;
    case CHANGE_STATUS:
      undo = crm_ticket_flow_set_status_finish (CRM_STORE (object), result, &error);
      break;
    case CHANGE_ASSIGN:
    default:
      undo = crm_ticket_flow_assign_finish (CRM_STORE (object), result, &error);
      break;
    }

  if (undo == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (error->message));
    }
  else
    {
      message = describe_change (change, crm_ticket_undo_get_n_tickets (undo));
      remember_undo (self, undo, message);
    }
  change_free (change);
}

static Change *
new_change (CrmInboxView *self,
            ChangeKind    kind,
            gint64        ticket_id)
{
  Change *change = g_new0 (Change, 1);
  CrmStore *store = _crm_inbox_view_get_store (self);
  CrmRecord *ticket = ticket_id != 0 ? crm_store_lookup (store, CRM_TYPE_TICKET, ticket_id) : NULL;

  change->self = g_object_ref (self);
  change->kind = kind;
  change->number = ticket != NULL ? crm_ticket_get_number (CRM_TICKET (ticket)) : 0;
  change->bulk = ticket_id == 0;
  return change;
}

static void
assign (CrmInboxView *self,
        const gint64 *ids,
        guint         n,
        gint64        assignee,
        gboolean      bulk)
{
  CrmStore *store = _crm_inbox_view_get_store (self);
  Change *change;

  if (store == NULL || n == 0)
    return;
  change = new_change (self, CHANGE_ASSIGN, bulk ? 0 : ids[0]);
  change->assignee = assignee;
  crm_ticket_flow_assign_async (store, ids, n, assignee, NULL, on_changed_cb, change);
}

static void
set_status (CrmInboxView *self,
            gint64        id,
            const char   *status)
{
  CrmStore *store = _crm_inbox_view_get_store (self);
  Change *change;

  if (store == NULL)
    return;
  change = new_change (self, CHANGE_STATUS, id);
  change->status = g_strdup (status);
  crm_ticket_flow_set_status_async (store, id, status, self->me, NULL, on_changed_cb, change);
}

/* --- one ticket --- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.show-record", "(sx)", "ticket", g_variant_get_int64 (param));
}

static gint64
record_id_of (GtkWidget *page)
{
  CrmRecord *record = NULL;
  gint64 id;

  if (page == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (page), "record") == NULL)
    return 0;
  g_object_get (page, "record", &record, NULL);
  id = record != NULL ? crm_record_get_id (record) : 0;
  g_clear_object (&record);
  return id;
}

/* The ticket's page opens once its record is read: then its composer. */
static gboolean
reply_poll_cb (gpointer data)
{
  CrmInboxView *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *page = CRM_IS_WINDOW (root) ? crm_window_get_record_page (CRM_WINDOW (root)) : NULL;

  if (page != NULL && record_id_of (page) == self->reply_ticket)
    {
      gtk_widget_activate_action (page, "ticket.reply", NULL);
      self->reply_source = 0;
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () > self->reply_deadline)
    {
      self->reply_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
reply_to (CrmInboxView *self,
          gint64        id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", "ticket", id);
  self->reply_ticket = id;
  self->reply_deadline = g_get_monotonic_time () + REPLY_WAIT_USEC;
  if (self->reply_source == 0)
    self->reply_source = g_timeout_add (30, reply_poll_cb, self);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  reply_to (CRM_INBOX_VIEW (widget), g_variant_get_int64 (param));
}

static void
assign_to_me_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);

  if (self->me == 0)
    {
      crm_window_toast_for (widget, adw_toast_new (_("Choose yourself as the current user in Preferences first")));
      return;
    }
  assign (self, &id, 1, self->me, FALSE);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gint64 id, assignee;

  g_variant_get (param, "(xx)", &id, &assignee);
  assign (CRM_INBOX_VIEW (widget), &id, 1, assignee, FALSE);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gint64 id;
  const char *status;

  g_variant_get (param, "(x&s)", &id, &status);
  set_status (CRM_INBOX_VIEW (widget), id, status);
}

/* --- selection --- */

static CrmIdSelection *
get_ids (CrmInboxView *self)
{
  return self->selection != NULL ? _crm_inbox_selection_get_ids (self->selection) : NULL;
}

static void
toggle_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);
  guint position = g_variant_get_uint32 (param);
  GtkSelectionModel *ids;

  crm_inbox_view_set_selection_mode (self, TRUE);
  if (get_ids (self) == NULL)
    return;
  ids = GTK_SELECTION_MODEL (get_ids (self));
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (ids)))
    return;
  if (gtk_selection_model_is_selected (ids, position))
    gtk_selection_model_unselect_item (ids, position);
  else
    gtk_selection_model_select_item (ids, position, FALSE);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);

  crm_inbox_view_set_selection_mode (self, TRUE);
  if (get_ids (self) != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (get_ids (self)));
}

/* The selected ids; with "all" selected, every id of the list but the
 * exceptions (the ids are in memory already: no query).  Transfer full. */
static GArray *
dup_selected_ids (CrmInboxView *self)
{
  CrmIdSelection *ids = get_ids (self);
  CrmPagedModel *model = _crm_inbox_view_get_paged_model (self);
  g_autoptr(GArray) exceptions = NULL;
  g_autoptr(GHashTable) skip = NULL;
  GArray *out;
  guint n;

  if (ids == NULL || model == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!crm_id_selection_get_all (ids))
    return crm_id_selection_dup_ids (ids);

  exceptions = crm_id_selection_dup_ids (ids);
  skip = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < exceptions->len; i++)
    g_hash_table_add (skip, &g_array_index (exceptions, gint64, i));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = crm_paged_model_get_id (model, i);

      if (!g_hash_table_contains (skip, &id))
        g_array_append_val (out, id);
    }
  return out;
}

static void
bulk_assign (CrmInboxView *self,
             gint64        assignee)
{
  g_autoptr(GArray) ids = dup_selected_ids (self);

  if (ids->len == 0)
    return;
  assign (self, (const gint64 *) (gpointer) ids->data, ids->len, assignee, TRUE);
  crm_inbox_view_set_selection_mode (self, FALSE);
}

static void
bulk_assign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  bulk_assign (CRM_INBOX_VIEW (widget), g_variant_get_int64 (param));
}

static void
bulk_assign_to_me_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);

  if (self->me != 0)
    bulk_assign (self, self->me);
}

static void
bulk_close_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);
  CrmStore *store = _crm_inbox_view_get_store (self);
  g_autoptr(GArray) ids = dup_selected_ids (self);

  if (store == NULL || ids->len == 0)
    return;
  crm_ticket_flow_close_async (store, (const gint64 *) (gpointer) ids->data, ids->len, self->me,
                               NULL, on_changed_cb, new_change (self, CHANGE_CLOSE, 0));
  crm_inbox_view_set_selection_mode (self, FALSE);
}

/* --- filters and folders --- */

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_object_set (widget, "channel-filter", "", "priority-filter", "", "customer-filter", "any", NULL);
}

/* The folders can take the focus once they slid in. */
static void
on_reveal_progress_cb (CrmInboxView *self,
                       GParamSpec   *pspec,
                       AdwFlap      *flap)
{
  GtkListBoxRow *row;

  if (adw_flap_get_reveal_progress (flap) < 1.0)
    return;
  g_signal_handlers_disconnect_by_func (flap, on_reveal_progress_cb, self);
  row = gtk_list_box_get_selected_row (self->folder_list);
  gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->folder_list));
}

static void
toggle_folders_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (self->flap);

  g_signal_handlers_disconnect_by_func (self->flap, on_reveal_progress_cb, self);
  adw_flap_set_reveal_flap (self->flap, reveal);
  if (!reveal)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else if (adw_flap_get_reveal_progress (self->flap) >= 1.0)
    on_reveal_progress_cb (self, NULL, self->flap);
  else
    g_signal_connect_swapped (self->flap, "notify::reveal-progress",
                              G_CALLBACK (on_reveal_progress_cb), self);
}

/* --- menus --- */

static const char *
status_menu_label (const char *from,
                   const char *to)
{
  gboolean finished = g_strcmp0 (from, "resolved") == 0 || g_strcmp0 (from, "closed") == 0;

  if (g_strcmp0 (to, "open") == 0)
    return finished ? C_("ticket status action", "_Reopen")
                    : C_("ticket status action", "Mark as _Open");
  if (g_strcmp0 (to, "waiting-on-customer") == 0)
    return C_("ticket status action", "_Waiting on Customer");
  if (g_strcmp0 (to, "resolved") == 0)
    return C_("ticket status action", "_Resolve");
  if (g_strcmp0 (to, "closed") == 0)
    return C_("ticket status action", "_Close");
  if (g_strcmp0 (to, "new") == 0)
    return C_("ticket status action", "Mark as _New");

  return to;
}

/* The statuses @ticket may go to; transfer full. */
static GMenuModel *
new_status_menu (CrmTicket *ticket)
{
  const char *status = crm_ticket_get_status (ticket);
  const char * const *targets = crm_ticket_status_get_targets (status);
  GMenu *menu = g_menu_new ();

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (status_menu_label (status, targets[i]), NULL);

      g_menu_item_set_action_and_target (item, "inbox.set-status", "(xs)",
                                         crm_record_get_id (CRM_RECORD (ticket)), targets[i]);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

GMenuModel *
_crm_inbox_view_new_assign_menu (CrmInboxView *self,
                                 const char   *action,
                                 gint64        ticket_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) people = g_menu_new ();
  g_autoptr(GMenuItem) nobody = g_menu_item_new (C_("ticket assignee", "_Unassigned"), NULL);

  if (ticket_id != 0)
    g_menu_item_set_action_and_target (nobody, action, "(xx)", ticket_id, (gint64) 0);
  else
    g_menu_item_set_action_and_target (nobody, action, "x", (gint64) 0);
  g_menu_append_item (menu, nobody);

  for (guint i = 0; self->staff != NULL && i < g_list_model_get_n_items (self->staff); i++)
    {
      g_autoptr(CrmRecord) user = g_list_model_get_item (self->staff, i);
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *label = NULL;
      gint64 id = crm_record_get_id (user);

      if (!crm_record_get_bool (user, "active"))
        continue;
      /* A name is no mnemonic: its underscores are doubled to show as they are. */
      parts = g_strsplit (crm_record_get_text (user, "name"), "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      if (ticket_id != 0)
        g_menu_item_set_action_and_target (item, action, "(xx)", ticket_id, id);
      else
        g_menu_item_set_action_and_target (item, action, "x", id);
      g_menu_append_item (people, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (people));
  return G_MENU_MODEL (menu);
}

static GMenuModel *
new_row_menu (CrmInboxView *self,
              CrmTicketRow *row)
{
  GtkListItem *list_item = crm_ticket_row_get_list_item (row);
  CrmTicket *ticket = crm_ticket_row_get_ticket (row);
  gint64 id = crm_ticket_row_get_ticket_id (row);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) change = g_menu_new ();
  g_autoptr(GMenu) select = g_menu_new ();
  g_autoptr(GMenuModel) assign_menu = _crm_inbox_view_new_assign_menu (self, "inbox.assign", id);
  g_autoptr(GMenuItem) item = NULL;
  guint position = list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;

  item = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target (item, "inbox.open", "x", id);
  g_menu_append_item (open, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Reply"), NULL);
  g_menu_item_set_action_and_target (item, "inbox.reply", "x", id);
  g_menu_append_item (open, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  if (self->me != 0 && (ticket == NULL || crm_ticket_get_assignee_id (ticket) != self->me))
    {
      item = g_menu_item_new (_("Assign to _Me"), NULL);
      g_menu_item_set_action_and_target (item, "inbox.assign-to-me", "x", id);
      g_menu_append_item (change, item);
      g_clear_object (&item);
    }
  g_menu_append_submenu (change, _("_Assign To"), assign_menu);
  if (ticket != NULL)
    {
      g_autoptr(GMenuModel) statuses = new_status_menu (ticket);

      g_menu_append_submenu (change, _("Change _Status"), statuses);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (change));

  if (position != GTK_INVALID_LIST_POSITION)
    {
      gboolean selected = self->selection_mode && get_ids (self) != NULL &&
                          gtk_selection_model_is_selected (GTK_SELECTION_MODEL (get_ids (self)),
                                                           position);

      item = g_menu_item_new (selected ? _("_Deselect") : _("_Select"), NULL);
      g_menu_item_set_action_and_target (item, "inbox.toggle-row", "u", position);
      g_menu_append_item (select, item);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (select));
    }
  return G_MENU_MODEL (menu);
}

/* Pops @menu up at (@x, @y) of the view, or under @row's start when @x < 0
 * (the keyboard). */
static void
popup_menu (CrmInboxView *self,
            GMenuModel   *menu,
            GtkWidget    *row,
            double        x,
            double        y)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (menu);
  GdkRectangle rect;

  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  if (x < 0)
    {
      graphene_rect_t bounds;

      if (row == NULL || !gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds))
        graphene_rect_init (&bounds, 0, 0, 0, 0);
      x = bounds.origin.x + 24;
      y = bounds.origin.y + bounds.size.height;
    }
  rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  /* The menu goes away with its last use. */
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* --- finding rows --- */

static CrmTicketRow *
find_row_below (GtkWidget *widget)
{
  if (CRM_IS_TICKET_ROW (widget))
    return CRM_TICKET_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CrmTicketRow *row = find_row_below (child);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The row at or above @widget, else the first below it (the list item
 * widget that has the focus holds the row). */
static CrmTicketRow *
find_row (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (CRM_IS_TICKET_ROW (w))
      return CRM_TICKET_ROW (w);
  return widget != NULL ? find_row_below (widget) : NULL;
}

static GtkWidget *
get_focus (CrmInboxView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

static CrmTicketRow *
focused_row (CrmInboxView *self)
{
  GtkWidget *focus = get_focus (self);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return NULL;
  return find_row (focus);
}

/* Keys typed in a menu of the inbox are the menu's. */
static gboolean
focus_in_popover (CrmInboxView *self)
{
  GtkWidget *focus = get_focus (self);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

/* --- gestures and keys --- */

static void
on_secondary_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         CrmInboxView    *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CrmTicketRow *row = find_row (gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT));
  g_autoptr(GMenuModel) menu = NULL;
  graphene_point_t point;

  if (row == NULL || crm_ticket_row_get_ticket_id (row) == 0 ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  menu = new_row_menu (self, row);
  popup_menu (self, menu, GTK_WIDGET (row), point.x, point.y);
}

/* Selection mode: a plain click adds or removes the row (GtkListView would
 * choose it alone); Ctrl and Shift clicks are the list's own. */
static void
on_primary_pressed_cb (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       CrmInboxView    *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  CrmTicketRow *row;
  GtkListItem *list_item;

  if (!self->selection_mode || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return;
  row = find_row (gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT));
  if (row == NULL || (list_item = crm_ticket_row_get_list_item (row)) == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.toggle-row", "u",
                              gtk_list_item_get_position (list_item));
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (row)));
}

static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = focus_in_popover (self) ? NULL : focused_row (self);
  g_autoptr(GMenuModel) menu = NULL;

  if (row == NULL || crm_ticket_row_get_ticket_id (row) == 0)
    return FALSE;
  menu = new_row_menu (self, row);
  popup_menu (self, menu, GTK_WIDGET (row), -1, -1);
  return TRUE;
}

static gboolean
assign_to_me_key_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = focus_in_popover (self) ? NULL : focused_row (self);

  if (row == NULL || crm_ticket_row_get_ticket_id (row) == 0)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "inbox.assign-to-me", "x",
                                     crm_ticket_row_get_ticket_id (row));
}

static gboolean
assign_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = focus_in_popover (self) ? NULL : focused_row (self);
  g_autoptr(GMenuModel) menu = NULL;

  if (row == NULL || crm_ticket_row_get_ticket_id (row) == 0)
    return FALSE;
  menu = _crm_inbox_view_new_assign_menu (self, "inbox.assign", crm_ticket_row_get_ticket_id (row));
  popup_menu (self, menu, GTK_WIDGET (row), -1, -1);
  return TRUE;
}

static gboolean
status_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = focus_in_popover (self) ? NULL : focused_row (self);
  g_autoptr(GMenuModel) menu = NULL;

  if (row == NULL || crm_ticket_row_get_ticket (row) == NULL)
    return FALSE;
  menu = new_status_menu (crm_ticket_row_get_ticket (row));
  popup_menu (self, menu, GTK_WIDGET (row), -1, -1);
  return TRUE;
}

static gboolean
reply_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = focus_in_popover (self) ? NULL : focused_row (self);

  if (row == NULL || crm_ticket_row_get_ticket_id (row) == 0)
    return FALSE;
  reply_to (self, crm_ticket_row_get_ticket_id (row));
  return TRUE;
}

static gboolean
select_all_key_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CrmInboxView *self = user_data;

  if (focus_in_popover (self))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "inbox.select-all", NULL);
}

/* Space on a row outside selection mode starts choosing, with that row
 * (in selection mode the list's own Space adds or removes it). */
static gboolean
space_key_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CrmInboxView *self = user_data;
  CrmTicketRow *row = self->selection_mode || focus_in_popover (self) ? NULL : focused_row (self);
  GtkListItem *list_item;

  if (row == NULL || (list_item = crm_ticket_row_get_list_item (row)) == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "inbox.toggle-row", "u",
                                     gtk_list_item_get_position (list_item));
}

static gboolean
escape_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CrmInboxView *self = user_data;

  if (!self->selection_mode || focus_in_popover (self))
    return FALSE;
  crm_inbox_view_set_selection_mode (self, FALSE);
  return TRUE;
}

static gboolean
new_ticket_key_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  return gtk_widget_activate_action (GTK_WIDGET (user_data), "win.new-ticket", NULL);
}

static void
add_shortcut (GtkEventController *controller,
              const char         *trigger,
              GtkShortcutFunc     func,
              CrmInboxView       *self)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_callback_action_new (func, self, NULL)));
}

void
_crm_inbox_view_update_actions (CrmInboxView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CrmIdSelection *ids = get_ids (self);
  gboolean any = self->selection_mode && ids != NULL && crm_id_selection_get_n_selected (ids) > 0;
  gboolean open = _crm_inbox_view_get_store (self) != NULL;
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_action_set_enabled (widget, "inbox.bulk-assign", any);
  gtk_widget_action_set_enabled (widget, "inbox.bulk-assign-to-me", any && self->me != 0);
  gtk_widget_action_set_enabled (widget, "inbox.bulk-close", any);
  gtk_widget_action_set_enabled (widget, "inbox.assign-to-me", open && self->me != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bulk_assign_button), any);

  menu = _crm_inbox_view_new_assign_menu (self, "inbox.bulk-assign", 0);
  if (self->me != 0)
    {
      g_autoptr(GMenu) mine = g_menu_new ();

      g_menu_append (mine, _("Assign to _Me"), "inbox.bulk-assign-to-me");
      g_menu_prepend_section (G_MENU (menu), NULL, G_MENU_MODEL (mine));
    }
  gtk_menu_button_set_menu_model (self->bulk_assign_button, menu);
}

void
_crm_inbox_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "inbox.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "inbox.reply", "x", reply_action);
  gtk_widget_class_install_action (widget_class, "inbox.assign-to-me", "x", assign_to_me_action);
  gtk_widget_class_install_action (widget_class, "inbox.assign", "(xx)", assign_action);
  gtk_widget_class_install_action (widget_class, "inbox.set-status", "(xs)", set_status_action);
  gtk_widget_class_install_action (widget_class, "inbox.toggle-row", "u", toggle_row_action);
  gtk_widget_class_install_action (widget_class, "inbox.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "inbox.bulk-assign", "x", bulk_assign_action);
  gtk_widget_class_install_action (widget_class, "inbox.bulk-assign-to-me", NULL,
                                   bulk_assign_to_me_action);
  gtk_widget_class_install_action (widget_class, "inbox.bulk-close", NULL, bulk_close_action);
  gtk_widget_class_install_action (widget_class, "inbox.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "inbox.toggle-folders", NULL, toggle_folders_action);
}

void
_crm_inbox_view_init_actions (CrmInboxView *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  /* Before the list's own keys (Ctrl+A, Ctrl+Shift+A are its select and
   * unselect all). */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_shortcut (keys, "Menu", menu_key_cb, self);
  add_shortcut (keys, "<Shift>F10", menu_key_cb, self);
  add_shortcut (keys, "<Alt>m", assign_to_me_key_cb, self);
  add_shortcut (keys, "<Control><Shift>a", assign_key_cb, self);
  add_shortcut (keys, "<Alt>s", status_key_cb, self);
  add_shortcut (keys, "<Control>r", reply_key_cb, self);
  add_shortcut (keys, "<Control>a", select_all_key_cb, self);
  add_shortcut (keys, "Escape", escape_key_cb, self);
  add_shortcut (keys, "space", space_key_cb, self);
  add_shortcut (keys, "<Control>n", new_ticket_key_cb, self);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F9, 0),
                                                          gtk_named_action_new ("inbox.toggle-folders")));
  gtk_widget_add_controller (self->content, keys);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (secondary, "pressed", G_CALLBACK (on_secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (secondary));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (primary), GTK_PHASE_CAPTURE);
  g_signal_connect_object (primary, "pressed", G_CALLBACK (on_primary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (primary));
}

void
_crm_inbox_view_dispose_actions (CrmInboxView *self)
{
  g_clear_handle_id (&self->reply_source, g_source_remove);
}
