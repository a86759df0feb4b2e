/* crm-inbox-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inbox's folders, filters, order and list.  CrmView keeps the paged
 * model over create_query() and the loading/empty/no-results/list states;
 * this view chooses the query (crm-inbox.c), counts the folders off the UI
 * thread, names customers and assignees on the rows, and ticks the rows'
 * countdowns each minute without reading their pages again.
 */

#define G_LOG_DOMAIN "CrmInboxView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-inbox-view-private.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-person.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"

/* Changes come in bursts (a bulk close, another window's edits): the
 * folders are counted once they settle. */
#define COUNT_DELAY_MS 250

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_CHANNEL_FILTER,
  PROP_PRIORITY_FILTER,
  PROP_CUSTOMER_FILTER,
  PROP_SORT,
  PROP_SELECTION_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmInboxView, crm_inbox_view, CRM_TYPE_VIEW)

static const struct
{
  const char *title;
  const char *icon;
} folders[CRM_INBOX_N_FOLDERS] = {
  [CRM_INBOX_FOLDER_UNASSIGNED] = { NC_("inbox folder", "Unassigned"), "mail-unread-symbolic" },
  [CRM_INBOX_FOLDER_MINE] = { NC_("inbox folder", "Mine"), "avatar-default-symbolic" },
  [CRM_INBOX_FOLDER_OPEN] = { NC_("inbox folder", "Open"), "rapport-inbox-symbolic" },
  [CRM_INBOX_FOLDER_WAITING] = { NC_("inbox folder", "Waiting on Customer"), "media-playback-pause-symbolic" },
  [CRM_INBOX_FOLDER_BREACHING] = { NC_("inbox folder", "Breaching SLA"), "alarm-symbolic" },
  [CRM_INBOX_FOLDER_RESOLVED] = { NC_("inbox folder", "Resolved"), "emblem-ok-symbolic" },
  [CRM_INBOX_FOLDER_ALL] = { NC_("inbox folder", "All"), "view-list-symbolic" },
};

static const char *
folder_title (CrmInboxFolder folder)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "inbox folder", folders[folder].title);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

CrmStore *
_crm_inbox_view_get_store (CrmInboxView *self)
{
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));

  return context != NULL ? crm_context_get_store (context) : NULL;
}

CrmPagedModel *
_crm_inbox_view_get_paged_model (CrmInboxView *self)
{
  GListModel *model = crm_view_get_model (CRM_VIEW (self));

  return model != NULL ? CRM_PAGED_MODEL (model) : NULL;
}

static gboolean
filters_active (CrmInboxView *self)
{
  return self->channel[0] != '\0' || self->priority[0] != '\0' ||
         g_strcmp0 (self->customer, "any") != 0;
}

/* --- the query --- */

static CrmQuery *
crm_inbox_view_create_query (CrmView    *view,
                             const char *search)
{
  CrmInboxView *self = CRM_INBOX_VIEW (view);
  CrmInboxFilter filter = {
    .channel = self->channel,
    .priority = self->priority,
    .customer = self->customer,
    .text = search,
    .sort = self->sort,
  };

  return crm_inbox_query_new (self->folder, self->me, self->now, &filter);
}

static void
scroll_to_top (CrmInboxView *self)
{
  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

/* A new folder, filter or order: the list reads its ids again (the old rows
 * stay until they come). */
static void
requery (CrmInboxView *self)
{
  CrmPagedModel *model = _crm_inbox_view_get_paged_model (self);
  g_autoptr(CrmQuery) query = NULL;

  if (model == NULL)
    return;

  query = crm_inbox_view_create_query (CRM_VIEW (self), crm_view_get_search_text (CRM_VIEW (self)));
  crm_paged_model_set_query (model, query);
}

/* --- the empty page and the bars --- */

static void
set_empty_page (CrmInboxView *self,
                const char   *icon,
                const char   *title,
                const char   *description,
                const char   *button,
                const char   *action)
{
  adw_status_page_set_icon_name (self->empty_page, icon);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->empty_button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), action);
    }
}

/* What an empty folder says (or, with filters on, that they hide all). */
static void
update_empty_page (CrmInboxView *self)
{
  if (filters_active (self))
    {
      set_empty_page (self, "system-search-symbolic", _("No Matching Tickets"),
                      _("No ticket in this folder matches the filters."),
                      _("_Clear Filters"), "inbox.clear-filters");
      return;
    }

  switch (self->folder)
    {
    case CRM_INBOX_FOLDER_UNASSIGNED:
      set_empty_page (self, folders[self->folder].icon, _("No Unassigned Tickets"),
                      _("Every ticket that still needs work has someone on it."), NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_MINE:
      if (self->me_known && self->me == 0)
        set_empty_page (self, folders[self->folder].icon, _("Who Are You?"),
                        _("Choose yourself as the current user in Preferences, under Service, to see the tickets assigned to you."),
                        _("_Preferences"), "app.preferences");
      else
        set_empty_page (self, folders[self->folder].icon, _("Nothing Assigned to You"),
                        _("Tickets assigned to you that still need work appear here."), NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_OPEN:
      set_empty_page (self, folders[self->folder].icon, _("No Open Tickets"),
                      _("New and open requests from email, phone, chat and the web appear here. You are all caught up."),
                      NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_WAITING:
      set_empty_page (self, folders[self->folder].icon, _("Nobody to Wait For"),
                      _("Tickets waiting on a reply from the customer appear here, their SLA clocks paused."),
                      NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_BREACHING:
      set_empty_page (self, folders[self->folder].icon, _("No Breached Deadlines"),
                      _("Tickets whose first response or resolution is overdue appear here."), NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_RESOLVED:
      set_empty_page (self, folders[self->folder].icon, _("No Resolved Tickets"),
                      _("Resolved tickets wait here until they are closed or the customer writes again."),
                      NULL, NULL);
      break;
    case CRM_INBOX_FOLDER_ALL:
    default:
      set_empty_page (self, "rapport-inbox-symbolic", _("No Tickets Yet"),
                      _("Customer requests from email, phone, chat and the web appear here."),
                      _("_New Ticket"), "win.new-ticket");
      break;
    }
}

static char *
describe_filters (CrmInboxView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (self->channel[0] != '\0')
    g_ptr_array_add (parts, (gpointer) crm_ticket_row_channel_label (self->channel));
  if (self->priority[0] != '\0')
    g_ptr_array_add (parts, (gpointer) crm_ticket_row_priority_label (self->priority));
  if (g_strcmp0 (self->customer, "b2b") == 0)
    g_ptr_array_add (parts, (gpointer) _("Business (B2B)"));
  else if (g_strcmp0 (self->customer, "b2c") == 0)
    g_ptr_array_add (parts, (gpointer) _("Consumer (B2C)"));
  g_ptr_array_add (parts, NULL);

  /* Translators: joins the inbox's active filters, "Phone, Urgent" */
  joined = g_strjoinv (C_("list separator", ", "), (char **) parts->pdata);
  /* Translators: the bar above a filtered inbox, "Only Phone, Urgent" */
  return g_strdup_printf (C_("inbox filters", "Only %s"), joined);
}

void
_crm_inbox_view_update_bars (CrmInboxView *self)
{
  CrmIdSelection *ids = self->selection != NULL ? _crm_inbox_selection_get_ids (self->selection) : NULL;
  guint n = ids != NULL ? crm_id_selection_get_n_selected (ids) : 0;
  g_autofree char *count = crm_format_count (n);
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->filter_bar, filters_active (self));
  if (filters_active (self))
    {
      g_autofree char *description = describe_filters (self);

      gtk_label_set_label (self->filter_label, description);
    }

  gtk_revealer_set_reveal_child (self->selection_bar, self->selection_mode);
  /* Translators: %s is a number */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ticket selected", "%s tickets selected", n),
                          count);
  gtk_label_set_label (self->selection_label, text);
  _crm_inbox_view_update_actions (self);
}

/* --- counts --- */

typedef struct
{
  CrmInboxView   *self;   /* ref */
  CrmInboxFolder  folder;
  guint           serial;
} CountData;

static void
show_count (CrmInboxView   *self,
            CrmInboxFolder  folder)
{
  gint64 n = self->counts[folder];
  /* Mine without a current user: no number at all, rather than 0. */
  gboolean shown = n >= 0 && (folder != CRM_INBOX_FOLDER_MINE || self->me != 0);
  g_autofree char *text = shown ? crm_format_count (n) : g_strdup ("");
  g_autofree char *description = NULL;

  gtk_label_set_label (self->count_labels[folder], text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_labels[folder]), text[0] != '\0');

  if (shown)
    {
      /* Translators: a folder's count for screen readers; %s is a number */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ticket", "%s tickets", n), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->folder_rows[folder]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
}

static void run_counts (CrmInboxView *self);

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountData *data = user_data;
  CrmInboxView *self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 n = crm_store_count_finish (CRM_STORE (object), result, &error);

  if (data->serial == self->count_serial)
    {
      if (error == NULL)
        {
          self->counts[data->folder] = n;
          show_count (self, data->folder);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
               !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not count the %s folder: %s", crm_inbox_folder_to_key (data->folder),
                   error->message);

      if (self->counts_pending > 0 && --self->counts_pending == 0 && self->counts_again)
        {
          self->counts_again = FALSE;
          run_counts (self);
        }
    }

  g_object_unref (data->self);
  g_free (data);
}

static void
count_folder (CrmInboxView   *self,
              CrmInboxFolder  folder)
{
  CrmStore *store = _crm_inbox_view_get_store (self);
  g_autoptr(CrmQuery) query = crm_inbox_query_new (folder, self->me, self->now, NULL);
  CountData *data = g_new0 (CountData, 1);

  data->self = g_object_ref (self);
  data->folder = folder;
  data->serial = self->count_serial;
  self->counts_pending++;
  crm_store_count_async (store, query, self->cancellable, on_counted_cb, data);
}

/* All seven, one job each on the store's worker (index-only counts). */
static void
run_counts (CrmInboxView *self)
{
  if (_crm_inbox_view_get_store (self) == NULL || !self->me_known)
    return;
  if (self->counts_pending > 0)
    {
      self->counts_again = TRUE;
      return;
    }
  for (guint i = 0; i < CRM_INBOX_N_FOLDERS; i++)
    count_folder (self, i);
}

static gboolean
count_timeout_cb (gpointer data)
{
  CrmInboxView *self = data;

  self->count_source = 0;
  run_counts (self);
  return G_SOURCE_REMOVE;
}

void
_crm_inbox_view_queue_counts (CrmInboxView *self)
{
  if (self->count_source == 0)
    self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

/* --- staff and customers' names --- */

static void
refresh_rows (CrmInboxView *self)
{
  GHashTableIter iter;
  gpointer row;

  if (self->rows == NULL)
    return;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    crm_ticket_row_update (row, self->now);
}

const char *
_crm_inbox_view_get_staff_name (CrmInboxView *self,
                                gint64        id)
{
  return self->staff_names != NULL ? g_hash_table_lookup (self->staff_names, &id) : NULL;
}

static void
on_staff_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmInboxView) self = user_data;
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = crm_store_query_finish (CRM_STORE (object), result, &error);
  if (staff == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not load the staff: %s", error->message);
      return;
    }

  g_hash_table_remove_all (self->staff_names);
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr(CrmRecord) user = g_list_model_get_item (staff, i);
      gint64 id = crm_record_get_id (user);

      g_hash_table_insert (self->staff_names, g_memdup2 (&id, sizeof id),
                           g_strdup (crm_record_get_text (user, "name")));
    }
  g_set_object (&self->staff, staff);
  refresh_rows (self);
  _crm_inbox_view_update_actions (self);
}

static void
load_staff (CrmInboxView *self)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_STAFF_USER);

  crm_query_set_order (query, "name", FALSE);
  crm_store_query_async (_crm_inbox_view_get_store (self), query, self->cancellable,
                         on_staff_loaded_cb, g_object_ref (self));
}

static gboolean read_names_cb (gpointer user_data);

static char *
name_key (char   kind,
          gint64 id)
{
  return g_strdup_printf ("%c:%" G_GINT64_FORMAT, kind, id);
}

/* The name of person (p) or organization (o) @id, or NULL; asks for it
 * when it is not known yet. */
static const char *
lookup_name (CrmInboxView *self,
             char          kind,
             gint64        id,
             gboolean     *missing)
{
  g_autofree char *key = name_key (kind, id);
  const char *name = g_hash_table_lookup (self->names, key);

  if (name != NULL)
    return name;

  *missing = TRUE;
  if (!g_hash_table_contains (self->names_wanted, key))
    {
      g_array_append_val (kind == 'p' ? self->person_queue : self->org_queue, id);
      g_hash_table_add (self->names_wanted, g_steal_pointer (&key));
      if (self->names_source == 0)
        self->names_source = g_idle_add (read_names_cb, self);
    }
  return NULL;
}

char *
_crm_inbox_view_dup_customer (CrmInboxView *self,
                              CrmTicket    *ticket)
{
  gint64 person_id = crm_ticket_get_person_id (ticket);
  gint64 organization_id = crm_ticket_get_organization_id (ticket);
  gboolean missing = FALSE;
  const char *person = person_id != 0 ? lookup_name (self, 'p', person_id, &missing) : NULL;
  const char *organization = organization_id != 0 ? lookup_name (self, 'o', organization_id, &missing)
                                                  : NULL;

  if (missing)
    return NULL;
  if (person != NULL && person[0] != '\0' && organization != NULL && organization[0] != '\0')
    /* Translators: a B2B ticket's customer: the person and their organization,
     * "Li Wei (Acme Ltd)" */
    return g_strdup_printf (C_("ticket customer", "%1$s (%2$s)"), person, organization);
  if (person != NULL && person[0] != '\0')
    return g_strdup (person);
  return g_strdup (organization != NULL ? organization : "");
}

typedef struct
{
  CrmInboxView *self;   /* ref */
  char          kind;
  GArray       *ids;    /* asked for */
} NamesData;

static void
on_names_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NamesData *data = user_data;
  CrmInboxView *self = data->self;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GError) error = NULL;

  records = crm_store_query_finish (CRM_STORE (object), result, &error);
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not read customers' names: %s", error->message);
    }
  else if (self->names != NULL)
    {
      const char *property = data->kind == 'p' ? "display-name" : "name";

      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(CrmRecord) record = g_list_model_get_item (records, i);

          g_hash_table_insert (self->names, name_key (data->kind, crm_record_get_id (record)),
                               g_strdup (crm_record_get_text (record, property)));
        }
      /* Gone or in the trash: shown without a name, not asked for again. */
      for (guint i = 0; i < data->ids->len; i++)
        {
          g_autofree char *key = name_key (data->kind, g_array_index (data->ids, gint64, i));

          if (!g_hash_table_contains (self->names, key))
            g_hash_table_insert (self->names, g_steal_pointer (&key), g_strdup (""));
        }
      refresh_rows (self);
    }

  g_array_unref (data->ids);
  g_object_unref (data->self);
  g_free (data);
}

static void
read_names (CrmInboxView *self,
            char          kind,
            GArray       *queue)
{
  g_autoptr(CrmQuery) query = NULL;
  NamesData *data;

  if (queue->len == 0)
    return;

  query = crm_query_new (kind == 'p' ? CRM_TYPE_PERSON : CRM_TYPE_ORGANIZATION);
  crm_query_add_ids (query, (const gint64 *) (gpointer) queue->data, queue->len);
  data = g_new0 (NamesData, 1);
  data->self = g_object_ref (self);
  data->kind = kind;
  data->ids = g_array_copy (queue);
  g_array_set_size (queue, 0);
  crm_store_query_async (_crm_inbox_view_get_store (self), query, self->cancellable,
                         on_names_loaded_cb, data);
}

/* The rows bound in one main loop turn ask together: one read of a few
 * dozen people and organizations by id. */
static gboolean
read_names_cb (gpointer user_data)
{
  CrmInboxView *self = user_data;

  self->names_source = 0;
  if (_crm_inbox_view_get_store (self) == NULL)
    return G_SOURCE_REMOVE;
  read_names (self, 'p', self->person_queue);
  read_names (self, 'o', self->org_queue);
  return G_SOURCE_REMOVE;
}

static void
forget_names (CrmInboxView *self,
              char          kind,
              GArray       *ids)
{
  if (ids == NULL)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, self->names);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        if (key[0] == kind)
          g_hash_table_iter_remove (&iter);
      g_hash_table_remove_all (self->names_wanted);
    }
  else
    {
      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *key = name_key (kind, g_array_index (ids, gint64, i));

          g_hash_table_remove (self->names, key);
          g_hash_table_remove (self->names_wanted, key);
        }
    }
  refresh_rows (self);
}

static void
on_people_changed_cb (CrmInboxView *self,
                      const char   *table,
                      GArray       *ids,
                      CrmStore     *store)
{
  forget_names (self, 'p', ids);
}

static void
on_organizations_changed_cb (CrmInboxView *self,
                             const char   *table,
                             GArray       *ids,
                             CrmStore     *store)
{
  forget_names (self, 'o', ids);
}

static void
on_staff_changed_cb (CrmInboxView *self,
                     const char   *table,
                     GArray       *ids,
                     CrmStore     *store)
{
  load_staff (self);
}

static void
on_tickets_changed_cb (CrmInboxView *self,
                       const char   *table,
                       GArray       *ids,
                       CrmStore     *store)
{
  _crm_inbox_view_queue_counts (self);
}

/* --- the current user --- */

static void load_current_user (CrmInboxView *self);

static void
on_current_user_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmInboxView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 me = crm_service_get_current_user_finish (CRM_STORE (object), result, &error);
  gboolean changed;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        return;
      g_warning ("Could not read the current user: %s", error->message);
    }

  changed = !self->me_known || me != self->me;
  self->me = me;
  self->me_known = TRUE;
  if (!changed)
    return;

  if (self->folder == CRM_INBOX_FOLDER_MINE)
    requery (self);
  update_empty_page (self);
  _crm_inbox_view_update_actions (self);
  self->count_serial++;
  self->counts_pending = 0;
  run_counts (self);
}

static void
load_current_user (CrmInboxView *self)
{
  crm_service_get_current_user_async (_crm_inbox_view_get_store (self), self->cancellable,
                                      on_current_user_cb, g_object_ref (self));
}

/* Another window or Preferences chose who "me" is. */
static void
on_meta_changed_cb (CrmInboxView *self,
                    const char   *table,
                    GArray       *ids,
                    CrmStore     *store)
{
  load_current_user (self);
}

/* --- the minute's tick --- */

static gboolean tick_cb (gpointer data);

static void
schedule_tick (CrmInboxView *self)
{
  gint64 usec = g_get_real_time () % (60 * G_USEC_PER_SEC);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  /* Just after the next whole minute, when every countdown changes. */
  self->tick_source = g_timeout_add ((guint) ((60 * G_USEC_PER_SEC - usec) / 1000) + 50, tick_cb, self);
}

static gboolean
tick_cb (gpointer data)
{
  CrmInboxView *self = data;

  self->tick_source = 0;
  self->now = now_seconds ();
  refresh_rows (self);
  if (crm_inbox_folder_uses_time (self->folder))
    requery (self);
  /* Tickets cross their deadlines by the minute. */
  if (self->me_known && _crm_inbox_view_get_store (self) != NULL)
    count_folder (self, CRM_INBOX_FOLDER_BREACHING);
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

/* --- the list --- */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     CrmInboxView             *self)
{
  gtk_list_item_set_child (list_item, crm_ticket_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmInboxView             *self)
{
  CrmTicketRow *row = CRM_TICKET_ROW (gtk_list_item_get_child (list_item));

  crm_ticket_row_bind (row, self, list_item);
  crm_ticket_row_set_selection_mode (row, self->selection_mode);
  if (self->rows != NULL)
    g_hash_table_add (self->rows, row);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      CrmInboxView             *self)
{
  CrmTicketRow *row = CRM_TICKET_ROW (gtk_list_item_get_child (list_item));

  if (self->rows != NULL)
    g_hash_table_remove (self->rows, row);
  crm_ticket_row_unbind (row);
}

static void
on_n_selected_cb (CrmInboxView *self)
{
  _crm_inbox_view_update_bars (self);
}

static void
drop_selection (CrmInboxView *self)
{
  if (self->selection == NULL)
    return;
  g_signal_handlers_disconnect_by_data (_crm_inbox_selection_get_ids (self->selection), self);
  g_clear_object (&self->selection);
}

/* CrmView gives the list a GtkNoSelection over its paged model; the inbox
 * swaps in its own selection over the same model. */
static void
on_list_model_cb (CrmInboxView *self,
                  GParamSpec   *pspec,
                  GtkListView  *list_view)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);
  GListModel *paged;

  if (model != NULL && model == self->selection)
    return;

  drop_selection (self);
  if (!GTK_IS_NO_SELECTION (model) ||
      !CRM_IS_PAGED_MODEL ((paged = gtk_no_selection_get_model (GTK_NO_SELECTION (model)))))
    {
      _crm_inbox_view_update_bars (self);
      return;
    }

  self->selection = _crm_inbox_selection_new (CRM_PAGED_MODEL (paged));
  _crm_inbox_selection_set_mode (self->selection, self->selection_mode);
  g_signal_connect_swapped (_crm_inbox_selection_get_ids (self->selection), "notify::n-selected",
                            G_CALLBACK (on_n_selected_cb), self);
  gtk_list_view_set_model (list_view, self->selection);
  _crm_inbox_view_update_bars (self);
}

/* --- folders --- */

static GtkWidget *
new_folder_row (CrmInboxView   *self,
                CrmInboxFolder  folder)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (folder_title (folder));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_name (row, crm_inbox_folder_to_key (folder));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (folders[folder].icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count, "inbox-folder-count");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_visible (count, FALSE);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  folder_title (folder), -1);

  self->count_labels[folder] = GTK_LABEL (count);
  self->folder_rows[folder] = GTK_LIST_BOX_ROW (row);
  return row;
}

static void
on_folder_selected_cb (CrmInboxView  *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  if (row != NULL)
    crm_inbox_view_set_folder (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Choosing a folder in the folded (overlaid) list puts it away. */
static void
on_folder_activated_cb (CrmInboxView  *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  if (adw_flap_get_folded (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
}

/* Enter on a folder (the list box leaves Return to others in this window:
 * only Space reached it). */
static gboolean
folder_enter_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrmInboxView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->folder_list))
    return FALSE;
  gtk_list_box_select_row (self->folder_list, GTK_LIST_BOX_ROW (row));
  on_folder_activated_cb (self, GTK_LIST_BOX_ROW (row), self->folder_list);
  return TRUE;
}

static void
on_search_text_cb (CrmInboxView *self,
                   GParamSpec   *pspec,
                   gpointer      user_data)
{
  if (self->selection != NULL)
    gtk_selection_model_unselect_all (self->selection);
}

static void
on_flap_folded_cb (CrmInboxView *self,
                   GParamSpec   *pspec,
                   AdwFlap      *flap)
{
  gboolean folded = adw_flap_get_folded (flap);

  gtk_widget_set_visible (GTK_WIDGET (self->folders_button), folded);
  /* Wide again: the folders come back beside the list. */
  if (!folded)
    adw_flap_set_reveal_flap (flap, TRUE);
}

static void
on_list_activate_cb (CrmInboxView *self,
                     guint         position,
                     GtkListView  *list_view)
{
  CrmPagedModel *model = _crm_inbox_view_get_paged_model (self);
  gint64 id;

  if (model == NULL || (id = crm_paged_model_get_id (model, position)) == 0)
    return;

  /* In selection mode Enter (like a click) adds or removes the row. */
  if (self->selection_mode)
    {
      CrmIdSelection *ids = _crm_inbox_selection_get_ids (self->selection);

      if (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (ids), position))
        gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (ids), position);
      else
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (ids), position, FALSE);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.open", "x", id);
}

/* --- CrmView --- */

static void
crm_inbox_view_context_set (CrmView    *view,
                            CrmContext *context)
{
  CrmInboxView *self = CRM_INBOX_VIEW (view);
  CrmStore *store;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->names_source, g_source_remove);
  self->count_serial++;
  self->counts_pending = 0;
  self->counts_again = FALSE;
  self->me = 0;
  self->me_known = FALSE;
  g_hash_table_remove_all (self->names);
  g_hash_table_remove_all (self->names_wanted);
  g_hash_table_remove_all (self->staff_names);
  g_array_set_size (self->person_queue, 0);
  g_array_set_size (self->org_queue, 0);
  g_clear_object (&self->staff);
  for (guint i = 0; i < CRM_INBOX_N_FOLDERS; i++)
    {
      self->counts[i] = -1;
      show_count (self, i);
    }

  CRM_VIEW_CLASS (crm_inbox_view_parent_class)->context_set (view, context);

  if (context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->now = now_seconds ();
  store = crm_context_get_store (context);
  g_signal_connect_object (store, "changed::ticket", G_CALLBACK (on_tickets_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::person", G_CALLBACK (on_people_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::organization", G_CALLBACK (on_organizations_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::staff_user", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::meta", G_CALLBACK (on_meta_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_staff (self);
  load_current_user (self);
  _crm_inbox_view_update_actions (self);
}

/* --- GtkWidget --- */

static void
crm_inbox_view_map (GtkWidget *widget)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);
  gint64 now = now_seconds ();
  gboolean stale = now / 60 != self->now / 60;

  self->now = now;
  /* Before CrmView's map reads the list (Breaching is measured now). */
  if (stale && crm_inbox_folder_uses_time (self->folder))
    requery (self);

  GTK_WIDGET_CLASS (crm_inbox_view_parent_class)->map (widget);

  if (stale)
    refresh_rows (self);
  schedule_tick (self);
}

static void
crm_inbox_view_unmap (GtkWidget *widget)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  GTK_WIDGET_CLASS (crm_inbox_view_parent_class)->unmap (widget);
}

static gboolean
crm_inbox_view_grab_focus (GtkWidget *widget)
{
  CrmInboxView *self = CRM_INBOX_VIEW (widget);

  if (g_strcmp0 (crm_view_get_state (CRM_VIEW (self)), "list") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return gtk_widget_grab_focus (GTK_WIDGET (self->folder_list));
}

/* --- GObject --- */

static void
crm_inbox_view_dispose (GObject *object)
{
  CrmInboxView *self = CRM_INBOX_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->names_source, g_source_remove);
  _crm_inbox_view_dispose_actions (self);
  if (self->list_view != NULL)
    g_signal_handlers_disconnect_by_data (self->list_view, self);
  drop_selection (self);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->staff);

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_INBOX_VIEW);

  G_OBJECT_CLASS (crm_inbox_view_parent_class)->dispose (object);
}

static void
crm_inbox_view_finalize (GObject *object)
{
  CrmInboxView *self = CRM_INBOX_VIEW (object);

  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->priority, g_free);
  g_clear_pointer (&self->customer, g_free);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->names_wanted, g_hash_table_unref);
  g_clear_pointer (&self->person_queue, g_array_unref);
  g_clear_pointer (&self->org_queue, g_array_unref);

  G_OBJECT_CLASS (crm_inbox_view_parent_class)->finalize (object);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* A filter or the order changed: the list and what it says. */
static void
filters_changed (CrmInboxView *self,
                 int           prop)
{
  /* Other rows: tickets chosen among the old ones would be acted on unseen. */
  if (self->selection != NULL)
    gtk_selection_model_unselect_all (self->selection);
  requery (self);
  update_empty_page (self);
  _crm_inbox_view_update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
crm_inbox_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmInboxView *self = CRM_INBOX_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, crm_inbox_view_get_folder (self));
      break;
    case PROP_CHANNEL_FILTER:
      g_value_set_string (value, self->channel);
      break;
    case PROP_PRIORITY_FILTER:
      g_value_set_string (value, self->priority);
      break;
    case PROP_CUSTOMER_FILTER:
      g_value_set_string (value, self->customer);
      break;
    case PROP_SORT:
      g_value_set_string (value, crm_inbox_sort_to_key (self->sort));
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_inbox_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmInboxView *self = CRM_INBOX_VIEW (object);
  CrmInboxSort sort;

  switch (prop_id)
    {
    case PROP_FOLDER:
      crm_inbox_view_set_folder (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL_FILTER:
      if (set_string (&self->channel, g_value_get_string (value)))
        filters_changed (self, prop_id);
      break;
    case PROP_PRIORITY_FILTER:
      if (set_string (&self->priority, g_value_get_string (value)))
        filters_changed (self, prop_id);
      break;
    case PROP_CUSTOMER_FILTER:
      if (set_string (&self->customer, g_value_get_string (value) != NULL &&
                                       g_value_get_string (value)[0] != '\0'
                                       ? g_value_get_string (value) : "any"))
        filters_changed (self, prop_id);
      break;
    case PROP_SORT:
      if (crm_inbox_sort_from_key (g_value_get_string (value), &sort) && sort != self->sort)
        {
          self->sort = sort;
          filters_changed (self, prop_id);
          scroll_to_top (self);
        }
      break;
    case PROP_SELECTION_MODE:
      crm_inbox_view_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_inbox_view_class_init (CrmInboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_inbox_view_dispose;
  object_class->finalize = crm_inbox_view_finalize;
  object_class->get_property = crm_inbox_view_get_property;
  object_class->set_property = crm_inbox_view_set_property;
  widget_class->map = crm_inbox_view_map;
  widget_class->unmap = crm_inbox_view_unmap;
  widget_class->grab_focus = crm_inbox_view_grab_focus;
  view_class->create_query = crm_inbox_view_create_query;
  view_class->context_set = crm_inbox_view_context_set;

  /**
   * CrmInboxView:folder:
   *
   * The folder shown: a key of crm-inbox.h ("open", "mine", ...).
   */
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, "open",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmInboxView:channel-filter:
   *
   * Only tickets that came in by this channel ("email", ...); "" for any.
   */
  properties[PROP_CHANNEL_FILTER] =
    g_param_spec_string ("channel-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmInboxView:priority-filter:
   *
   * Only tickets of this priority ("urgent", ...); "" for any.
   */
  properties[PROP_PRIORITY_FILTER] =
    g_param_spec_string ("priority-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmInboxView:customer-filter:
   *
   * "b2b" (organizations' tickets), "b2c" (consumers') or "any".
   */
  properties[PROP_CUSTOMER_FILTER] =
    g_param_spec_string ("customer-filter", NULL, NULL, "any",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmInboxView:sort:
   *
   * The order: "sla" (deadline, the default), "created", "updated" or
   * "priority".
   */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "sla",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmInboxView:selection-mode:
   *
   * Whether rows carry check boxes and the bulk actions show.
   */
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-inbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, flap);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, folder_list);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, folders_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, folder_title);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, sort_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, bulk_assign_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, content);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "inbox.folder", "folder");
  gtk_widget_class_install_property_action (widget_class, "inbox.channel", "channel-filter");
  gtk_widget_class_install_property_action (widget_class, "inbox.priority", "priority-filter");
  gtk_widget_class_install_property_action (widget_class, "inbox.customer", "customer-filter");
  gtk_widget_class_install_property_action (widget_class, "inbox.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "inbox.selection-mode", "selection-mode");
  _crm_inbox_view_install_actions (widget_class);

  g_type_ensure (CRM_TYPE_PAGED_ITEM);
  g_type_ensure (CRM_TYPE_TICKET);
  g_type_ensure (CRM_TYPE_TICKET_ROW);
}

static void
crm_inbox_view_init (CrmInboxView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->folder = CRM_INBOX_FOLDER_OPEN;
  self->channel = g_strdup ("");
  self->priority = g_strdup ("");
  self->customer = g_strdup ("any");
  self->sort = CRM_INBOX_SORT_SLA;
  self->now = now_seconds ();
  self->staff_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->names_wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->person_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->org_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < CRM_INBOX_N_FOLDERS; i++)
    self->counts[i] = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < CRM_INBOX_N_FOLDERS; i++)
    gtk_list_box_append (self->folder_list, new_folder_row (self, i));
  gtk_list_box_select_row (self->folder_list, self->folder_rows[self->folder]);
  gtk_label_set_label (self->folder_title, folder_title (self->folder));

  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    const char *triggers[] = { "Return", "KP_Enter", "ISO_Enter" };

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_shortcut_trigger_parse_string (triggers[i]),
                                                              gtk_callback_action_new (folder_enter_cb, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->folder_list), keys);
  }

  g_object_bind_property (self->folders_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  on_flap_folded_cb (self, NULL, self->flap);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_swapped (self->list_view, "notify::model", G_CALLBACK (on_list_model_cb), self);

  g_signal_connect (self, "notify::search-text", G_CALLBACK (on_search_text_cb), NULL);
  crm_view_set_list_widgets (CRM_VIEW (self), self->list_view, self->stack);
  _crm_inbox_view_init_actions (self);
  update_empty_page (self);
  _crm_inbox_view_update_bars (self);
}

/* --- public API --- */

const char *
crm_inbox_view_get_folder (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), NULL);

  return crm_inbox_folder_to_key (self->folder);
}

void
crm_inbox_view_set_folder (CrmInboxView *self,
                           const char   *folder)
{
  CrmInboxFolder value;

  g_return_if_fail (CRM_IS_INBOX_VIEW (self));

  if (!crm_inbox_folder_from_key (folder, &value))
    {
      g_warning ("No inbox folder “%s”", folder);
      return;
    }
  if (value == self->folder)
    return;

  self->folder = value;
  /* Selected tickets of the old folder would be acted on unseen. */
  if (self->selection != NULL)
    gtk_selection_model_unselect_all (self->selection);
  gtk_list_box_select_row (self->folder_list, self->folder_rows[value]);
  gtk_label_set_label (self->folder_title, folder_title (value));
  if (crm_inbox_folder_uses_time (value))
    self->now = now_seconds ();
  requery (self);
  scroll_to_top (self);
  update_empty_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

gint64
crm_inbox_view_get_folder_count (CrmInboxView *self,
                                 const char   *folder)
{
  CrmInboxFolder value;

  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), -1);
  g_return_val_if_fail (crm_inbox_folder_from_key (folder, &value), -1);

  return self->counts[value];
}

gboolean
crm_inbox_view_get_counting (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), FALSE);

  return !self->me_known || self->count_source != 0 || self->counts_pending > 0;
}

gint64
crm_inbox_view_get_current_user (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), 0);

  return self->me;
}

gboolean
crm_inbox_view_get_selection_mode (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), FALSE);

  return self->selection_mode;
}

void
crm_inbox_view_set_selection_mode (CrmInboxView *self,
                                   gboolean      selection_mode)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (CRM_IS_INBOX_VIEW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  if (self->selection != NULL)
    _crm_inbox_selection_set_mode (self->selection, selection_mode);
  /* A click opens a ticket, or in selection mode adds it (a gesture). */
  gtk_list_view_set_single_click_activate (self->list_view, !selection_mode);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    crm_ticket_row_set_selection_mode (row, selection_mode);
  _crm_inbox_view_update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

GtkSelectionModel *
crm_inbox_view_get_selection (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), NULL);

  return self->selection;
}

GtkListView *
crm_inbox_view_get_list_view (CrmInboxView *self)
{
  g_return_val_if_fail (CRM_IS_INBOX_VIEW (self), NULL);

  return self->list_view;
}
