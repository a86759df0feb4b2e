/* crm-new-ticket-dialog.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer is found with the window's global search (crm_search_async:
 * names in any script, pinyin, emails, phone numbers), limited to people
 * and organizations.  A person brings along the organization they work for
 * now (their primary live affiliation), so that the ticket counts as B2B and
 * gets that organization's SLA tier.
 */

#define G_LOG_DOMAIN "CrmNewTicketDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-new-ticket-dialog.h"
#include "crm-affiliation.h"
#include "crm-organization.h"
#include "crm-person.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-search.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"
#include "crm-ticket-row.h"

#define SEARCH_DELAY_MS 120
#define HITS_PER_KIND 6

struct _CrmNewTicketDialog
{
  AdwWindow        parent_instance;

  CrmContext      *context;
  GCancellable    *cancellable;
  GCancellable    *search_cancellable;
  guint            search_source;
  gint64           me;
  gint64           person_id;
  gint64           organization_id;
  char            *person_name;
  char            *organization_name;
  guint            customer_serial;
  guint            customer_pending;
  gboolean         creating;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *subject_row;
  AdwActionRow    *customer_row;
  GtkButton       *clear_customer_button;
  GtkMenuButton   *customer_button;
  AdwComboRow     *channel_row;
  AdwComboRow     *priority_row;
  AdwActionRow    *assign_row;
  GtkSwitch       *assign_switch;
  GtkTextView     *message_view;
  GtkPopover      *customer_popover;
  GtkSearchEntry  *customer_search;
  GtkListBox      *customer_results;
  GtkLabel        *customer_hint;
};

G_DEFINE_FINAL_TYPE (CrmNewTicketDialog, crm_new_ticket_dialog, ADW_TYPE_WINDOW)

static CrmStore *
get_store (CrmNewTicketDialog *self)
{
  return self->context != NULL ? crm_context_get_store (self->context) : NULL;
}

static void
update_actions (CrmNewTicketDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket-dialog.create",
                                 crm_new_ticket_dialog_get_ready (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket-dialog.clear-customer",
                                 self->person_id != 0 || self->organization_id != 0);
}

static void
show_customer (CrmNewTicketDialog *self)
{
  const char *person = self->person_name != NULL ? self->person_name : "";
  const char *organization = self->organization_name != NULL ? self->organization_name : "";
  g_autofree char *text = NULL;

  if (person[0] != '\0' && organization[0] != '\0')
    /* Translators: a B2B ticket's customer: the person and their organization,
     * "Li Wei (Acme Ltd)" */
    text = g_strdup_printf (C_("ticket customer", "%1$s (%2$s)"), person, organization);
  else if (person[0] != '\0' || organization[0] != '\0')
    text = g_strdup (person[0] != '\0' ? person : organization);
  else if (self->customer_pending > 0)
    text = g_strdup ("…");
  else
    text = g_strdup (C_("ticket customer", "None"));

  adw_action_row_set_subtitle (self->customer_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_customer_button),
                          self->person_id != 0 || self->organization_id != 0);
  update_actions (self);
}

/* --- reading the chosen customer --- */

typedef struct
{
  CrmNewTicketDialog *self;  /* ref */
  guint               serial;
  char                kind;  /* 'p' person, 'o' organization, 'a' affiliation */
} CustomerRead;

static void
read_customer (CrmNewTicketDialog *self,
               char                kind,
               GType               type,
               gint64              id);

static void
customer_read_done (CustomerRead *read)
{
  if (read->serial == read->self->customer_serial && read->self->customer_pending > 0)
    read->self->customer_pending--;
  /* (Not after the dialog went: its widgets are gone.) */
  if (read->self->context != NULL)
    show_customer (read->self);
  g_object_unref (read->self);
  g_free (read);
}

static void
on_record_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CustomerRead *read = user_data;
  CrmNewTicketDialog *self = read->self;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, NULL);

  if (record != NULL && read->serial == self->customer_serial)
    {
      char **name = read->kind == 'p' ? &self->person_name : &self->organization_name;

      g_free (*name);
      *name = g_strdup (crm_record_get_text (record, read->kind == 'p' ? "display-name" : "name"));
    }
  customer_read_done (read);
}

static void
on_affiliation_read_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CustomerRead *read = user_data;
  CrmNewTicketDialog *self = read->self;
  g_autoptr(GListModel) affiliations = crm_store_query_finish (CRM_STORE (object), result, NULL);

  if (affiliations != NULL && read->serial == self->customer_serial &&
      g_list_model_get_n_items (affiliations) > 0)
    {
      g_autoptr(CrmRecord) first = g_list_model_get_item (affiliations, 0);

      self->organization_id = crm_record_get_int (first, "organization-id");
      if (self->organization_id != 0)
        read_customer (self, 'o', CRM_TYPE_ORGANIZATION, self->organization_id);
    }
  customer_read_done (read);
}

static void
read_customer (CrmNewTicketDialog *self,
               char                kind,
               GType               type,
               gint64              id)
{
  CustomerRead *read;

  if (get_store (self) == NULL)
    return;

  read = g_new0 (CustomerRead, 1);
  read->self = g_object_ref (self);
  read->serial = self->customer_serial;
  read->kind = kind;
  self->customer_pending++;

  if (kind == 'a')
    {
      g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_AFFILIATION);

      /* Where the person works now, their primary affiliation first. */
      crm_query_add_int (query, "person-id", CRM_QUERY_EQ, id);
      crm_query_add_text (query, "ended", CRM_QUERY_EQ, "");
      crm_query_set_order (query, "is-primary", TRUE);
      crm_store_query_async (get_store (self), query, self->cancellable, on_affiliation_read_cb, read);
    }
  else
    crm_store_load_async (get_store (self), type, id, self->cancellable, on_record_read_cb, read);
}

void
crm_new_ticket_dialog_set_customer (CrmNewTicketDialog *self,
                                    const char         *kind,
                                    gint64              id)
{
  g_return_if_fail (CRM_IS_NEW_TICKET_DIALOG (self));

  self->customer_serial++;
  self->customer_pending = 0;
  self->person_id = 0;
  self->organization_id = 0;
  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->organization_name, g_free);

  if (id != 0 && get_store (self) != NULL)
    {
      if (g_strcmp0 (kind, "person") == 0)
        {
          self->person_id = id;
          read_customer (self, 'p', CRM_TYPE_PERSON, id);
          read_customer (self, 'a', CRM_TYPE_AFFILIATION, id);
        }
      else if (g_strcmp0 (kind, "organization") == 0)
        {
          self->organization_id = id;
          read_customer (self, 'o', CRM_TYPE_ORGANIZATION, id);
        }
    }
  show_customer (self);
}

/* --- the picker --- */

static GtkWidget *
new_hit_row (CrmSearchHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  gboolean person = crm_search_hit_get_kind (hit) == CRM_SEARCH_KIND_PERSON;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_search_hit_get_title (hit));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), crm_search_hit_get_subtitle (hit));
  icon = gtk_image_new_from_icon_name (person ? "rapport-people-symbolic"
                                              : "rapport-organization-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  person ? _("Person") : _("Organization"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "crm-hit", g_object_ref (hit), g_object_unref);
  return row;
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmNewTicketDialog) self = user_data;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint shown = 0;

  hits = crm_search_finish (CRM_STORE (object), result, &error);
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Customer search failed: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->customer_results))) != NULL)
    gtk_list_box_remove (self->customer_results, child);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);
      CrmSearchKind kind = crm_search_hit_get_kind (hit);

      if (kind != CRM_SEARCH_KIND_PERSON && kind != CRM_SEARCH_KIND_ORGANIZATION)
        continue;
      gtk_list_box_append (self->customer_results, new_hit_row (hit));
      shown++;
    }

  gtk_label_set_label (self->customer_hint, shown > 0 ? "" : _("No person or organization matches."));
  gtk_widget_set_visible (GTK_WIDGET (self->customer_hint), shown == 0);
}

static gboolean
search_timeout_cb (gpointer data)
{
  CrmNewTicketDialog *self = data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->customer_search))));

  self->search_source = 0;
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (text[0] == '\0' || get_store (self) == NULL)
    return G_SOURCE_REMOVE;

  self->search_cancellable = g_cancellable_new ();
  crm_search_async (get_store (self), text, HITS_PER_KIND, self->search_cancellable,
                    on_search_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_customer_search_changed_cb (CrmNewTicketDialog *self,
                               GtkSearchEntry     *entry)
{
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY_MS, search_timeout_cb, self);
}

static void
choose_hit (CrmNewTicketDialog *self,
            GtkListBoxRow      *row)
{
  CrmSearchHit *hit = g_object_get_data (G_OBJECT (row), "crm-hit");

  if (hit == NULL)
    return;
  crm_new_ticket_dialog_set_customer (self, crm_search_kind_to_key (crm_search_hit_get_kind (hit)),
                                      crm_search_hit_get_record_id (hit));
  gtk_popover_popdown (self->customer_popover);
}

static void
on_customer_result_activated_cb (CrmNewTicketDialog *self,
                                 GtkListBoxRow      *row,
                                 GtkListBox         *list)
{
  choose_hit (self, row);
}

/* Enter in the search takes the first hit. */
static void
on_customer_search_activate_cb (CrmNewTicketDialog *self,
                                GtkSearchEntry     *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->customer_results, 0);

  if (first != NULL)
    choose_hit (self, first);
}

static void
on_customer_popover_show_cb (CrmNewTicketDialog *self,
                             GtkPopover         *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_search));
}

/* --- creating --- */

static void
on_subject_changed_cb (CrmNewTicketDialog *self,
                       GtkEditable        *editable)
{
  update_actions (self);
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmNewTicketDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_flow_create_finish (CRM_STORE (object), result, &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->creating = FALSE;
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
          update_actions (self);
        }
      return;
    }

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-record", "(sx)", "ticket", id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
dup_message (CrmNewTicketDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->message_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmNewTicketDialog *self = CRM_NEW_TICKET_DIALOG (widget);
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  g_autofree char *body = dup_message (self);
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint priority = adw_combo_row_get_selected (self->priority_row);
  CrmTicketDraft draft = { 0 };

  if (!crm_new_ticket_dialog_get_ready (self))
    return;

  draft.subject = subject;
  draft.body = body;
  draft.channel = channel < g_strv_length ((char **) crm_ticket_row_channels ())
                  ? crm_ticket_row_channels ()[channel] : NULL;
  draft.priority = priority < g_strv_length ((char **) crm_ticket_row_priorities ())
                   ? crm_ticket_row_priorities ()[priority] : NULL;
  draft.person_id = self->person_id;
  draft.organization_id = self->organization_id;
  draft.user_id = self->me;
  draft.assignee_id = self->me != 0 && gtk_switch_get_active (self->assign_switch) ? self->me : 0;

  self->creating = TRUE;
  update_actions (self);
  crm_ticket_flow_create_async (get_store (self), &draft, self->cancellable, on_created_cb,
                                g_object_ref (self));
}

static void
clear_customer_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  crm_new_ticket_dialog_set_customer (CRM_NEW_TICKET_DIALOG (widget), NULL, 0);
}

static void
on_current_user_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmNewTicketDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 me = crm_service_get_current_user_finish (CRM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->me = me;
  gtk_widget_set_visible (GTK_WIDGET (self->assign_row), me != 0);
}

/* --- GObject --- */

static void
crm_new_ticket_dialog_dispose (GObject *object)
{
  CrmNewTicketDialog *self = CRM_NEW_TICKET_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_NEW_TICKET_DIALOG);

  G_OBJECT_CLASS (crm_new_ticket_dialog_parent_class)->dispose (object);
}

static void
crm_new_ticket_dialog_finalize (GObject *object)
{
  CrmNewTicketDialog *self = CRM_NEW_TICKET_DIALOG (object);

  g_free (self->person_name);
  g_free (self->organization_name);

  G_OBJECT_CLASS (crm_new_ticket_dialog_parent_class)->finalize (object);
}

static void
crm_new_ticket_dialog_class_init (CrmNewTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_new_ticket_dialog_dispose;
  object_class->finalize = crm_new_ticket_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-new-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, clear_customer_button);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, priority_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, assign_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, assign_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, message_view);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_search);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_results);
  gtk_widget_class_bind_template_child (widget_class, CrmNewTicketDialog, customer_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_popover_show_cb);

  gtk_widget_class_install_action (widget_class, "ticket-dialog.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "ticket-dialog.clear-customer", NULL,
                                   clear_customer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "ticket-dialog.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_new_ticket_dialog_init (CrmNewTicketDialog *self)
{
  const char * const *channels = crm_ticket_row_channels ();
  const char * const *priorities = crm_ticket_row_priorities ();
  g_autoptr(GtkStringList) channel_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) priority_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; channels[i] != NULL; i++)
    gtk_string_list_append (channel_labels, crm_ticket_row_channel_label (channels[i]));
  for (guint i = 0; priorities[i] != NULL; i++)
    gtk_string_list_append (priority_labels, crm_ticket_row_priority_label (priorities[i]));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channel_labels));
  adw_combo_row_set_model (self->priority_row, G_LIST_MODEL (priority_labels));
  /* Email and Normal. */
  adw_combo_row_set_selected (self->channel_row, 0);
  adw_combo_row_set_selected (self->priority_row, 1);
  gtk_search_entry_set_key_capture_widget (self->customer_search, GTK_WIDGET (self->customer_popover));

  show_customer (self);
  /* The subject is typed first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

CrmNewTicketDialog *
crm_new_ticket_dialog_new (GtkWindow  *parent,
                           CrmContext *context)
{
  CrmNewTicketDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_NEW_TICKET_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->cancellable = g_cancellable_new ();
  crm_service_get_current_user_async (get_store (self), self->cancellable, on_current_user_cb,
                                      g_object_ref (self));
  update_actions (self);
  return self;
}

gboolean
crm_new_ticket_dialog_get_ready (CrmNewTicketDialog *self)
{
  g_autofree char *subject = NULL;

  g_return_val_if_fail (CRM_IS_NEW_TICKET_DIALOG (self), FALSE);

  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  return self->context != NULL && !self->creating && self->customer_pending == 0 && subject[0] != '\0';
}
