/* crm-ticket-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One support ticket: the subject, number, status, priority, channel and
 * creation time with its SLA clocks on top; the conversation in the middle
 * and the composer below it; and in a side panel (folded away in narrow
 * windows, F9) the assignee, priority, SLA policy and due times, the
 * customer with links to their pages, the satisfaction rating and the custom
 * fields.  Everything loads off the UI thread and reloads when its table
 * changes; every change of the ticket goes through crm-ticket-flow.
 */

#define G_LOG_DOMAIN "CrmTicketPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-page-private.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-sla-policy.h"
#include "crm-staff-user.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"
#include "crm-ticket-row.h"
#include "crm-window.h"

typedef enum
{
  SECTION_CUSTOM       = CRM_RECORD_PAGE_SECTION_CUSTOM,
  SECTION_CONVERSATION = CRM_RECORD_PAGE_SECTION_OWN (0),
  SECTION_STAFF        = CRM_RECORD_PAGE_SECTION_OWN (1),
  SECTION_CUSTOMER     = CRM_RECORD_PAGE_SECTION_OWN (2),
  SECTION_POLICY       = CRM_RECORD_PAGE_SECTION_OWN (3),
  SECTION_CANNED       = CRM_RECORD_PAGE_SECTION_OWN (4),
  SECTION_ME           = CRM_RECORD_PAGE_SECTION_OWN (5),
} Section;

/* What reloads when a table changes: a reply writes the message, the ticket
 * and its history together. */
static const CrmRecordPageTrigger table_triggers[] = {
  { "ticket_message", SECTION_CONVERSATION },
  { "ticket_status_change", SECTION_CONVERSATION },
  { "staff_user", SECTION_STAFF | SECTION_ME },
  { "person", SECTION_CUSTOMER },
  { "organization", SECTION_CUSTOMER },
  { "sla_policy", SECTION_POLICY },
  { "canned_reply", SECTION_CANNED },
  { "custom_field", SECTION_CUSTOM },
  { "meta", SECTION_ME },
  { NULL, 0 }
};

/* What reloads when the ticket changes. */
static const CrmRecordPageTrigger property_triggers[] = {
  { "person-id", SECTION_CUSTOMER },
  { "organization-id", SECTION_CUSTOMER },
  { "sla-policy-id", SECTION_POLICY },
  { NULL, 0 }
};

G_DEFINE_FINAL_TYPE (CrmTicketPage, crm_ticket_page, CRM_TYPE_RECORD_PAGE)

gint64
_crm_ticket_page_get_now (CrmTicketPage *self)
{
  return crm_context_get_now (crm_record_page_get_context (CRM_RECORD_PAGE (self)));
}

const char *
_crm_ticket_page_get_staff_name (CrmTicketPage *self,
                                 gint64         id)
{
  if (id == 0 || self->staff_names == NULL)
    return NULL;

  return g_hash_table_lookup (self->staff_names, &id);
}

const char *
_crm_ticket_page_get_customer_name (CrmTicketPage *self)
{
  if (self->person != NULL)
    return crm_person_get_display_name (CRM_PERSON (self->person));
  if (self->organization != NULL)
    return crm_organization_get_name (CRM_ORGANIZATION (self->organization));

  return "";
}

void
_crm_ticket_page_toast (CrmTicketPage *self,
                        const char    *message)
{
  crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (message));
}

/* The channel choices of edit mode, in the inbox's order. */
static void
fill_channel_model (CrmTicketPage *self)
{
  const char * const *keys = crm_ticket_row_channels ();
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    gtk_string_list_append (labels, crm_ticket_row_channel_label (keys[i]));
  adw_combo_row_set_model (self->channel_combo, G_LIST_MODEL (labels));
  g_object_unref (labels);
}

const char *
_crm_ticket_page_channel_key (guint position)
{
  const char * const *keys = crm_ticket_row_channels ();

  return position < g_strv_length ((GStrv) keys) ? keys[position] : NULL;
}

guint
_crm_ticket_page_channel_position (const char *channel)
{
  const char * const *keys = crm_ticket_row_channels ();

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], channel) == 0)
      return i;

  return 0;
}

static void
set_classes (GtkWidget          *widget,
             const char * const *all,
             const char         *current)
{
  for (guint i = 0; all[i] != NULL; i++)
    gtk_widget_remove_css_class (widget, all[i]);
  if (current != NULL && current[0] != '\0')
    gtk_widget_add_css_class (widget, current);
}

static void
update_header (CrmTicketPage *self)
{
  static const char * const statuses[] = { "new", "open", "waiting-on-customer", "resolved",
                                           "closed", NULL };
  static const char * const priorities[] = { "low", "normal", "high", "urgent", NULL };
  CrmTicket *t = _crm_ticket_page_get_ticket (self);
  const char *subject = crm_ticket_get_subject (t);
  const char *status = crm_ticket_get_status (t);
  const char *priority = crm_ticket_get_priority (t);
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, crm_ticket_get_number (t));
  g_autofree char *created = crm_format_date_time (crm_record_get_created (CRM_RECORD (t)));
  g_autofree char *opened = NULL;
  g_autofree char *priority_text = NULL;

  if (subject[0] == '\0')
    subject = _("No subject");

  gtk_label_set_label (self->subject_label, subject);
  crm_record_page_set_title (CRM_RECORD_PAGE (self), subject, number);
  gtk_label_set_label (self->number_label, number);

  gtk_label_set_label (self->status_label, crm_page_describe_key ("ticket-status", status));
  set_classes (GTK_WIDGET (self->status_label), statuses, status);

  /* Translators: a ticket's priority in its header, "High priority" */
  priority_text = g_strdup_printf (C_("ticket header", "%s priority"),
                                   crm_ticket_row_priority_label (priority));
  gtk_label_set_label (self->priority_label, priority_text);
  set_classes (GTK_WIDGET (self->priority_label), priorities, priority);

  gtk_image_set_from_icon_name (self->channel_icon,
                                crm_ticket_row_channel_icon (crm_ticket_get_channel (t)));
  /* Translators: how a ticket came in and when, "Email · opened Nov 21, 2026, 5:06 AM" */
  opened = g_strdup_printf (_("%1$s · opened %2$s"),
                            crm_ticket_row_channel_label (crm_ticket_get_channel (t)), created);
  gtk_label_set_label (self->channel_label, opened);

  crm_page_set_row_value (self->status_row, crm_page_describe_key ("ticket-status", status));
  crm_page_set_row_value (self->channel_row,
                          crm_ticket_row_channel_label (crm_ticket_get_channel (t)));
  crm_page_set_row_value (self->created_row, created);
}

static void
crm_ticket_page_update_fields (CrmRecordPage *page)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (page);

  update_header (self);
  _crm_ticket_page_update_sla (self);
  _crm_ticket_page_update_combos (self);
  _crm_ticket_page_update_csat (self);
  _crm_ticket_page_fill_status_menu (self);
}

static void
crm_ticket_page_update_actions (CrmRecordPage *page)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (page);
  GtkWidget *widget = GTK_WIDGET (self);
  CrmTicket *ticket = _crm_ticket_page_get_ticket (self);
  gboolean editing = crm_record_page_get_editing (page);
  gboolean saved = _crm_ticket_page_get_id (self) != 0;
  gboolean trashed = crm_record_get_trashed (CRM_RECORD (ticket));
  gboolean live = saved && !trashed;
  g_autofree char *draft = crm_ticket_page_dup_draft (self);
  gboolean has_text = draft != NULL && g_strstrip (draft)[0] != '\0';
  gboolean has_status = self->status_menu != NULL &&
                        g_menu_model_get_n_items (G_MENU_MODEL (self->status_menu)) > 0;
  gboolean mine = self->current_user != 0 &&
                  crm_ticket_get_assignee_id (ticket) == self->current_user;

  gtk_widget_action_set_enabled (widget, "page.edit", live && !editing);
  gtk_widget_action_set_enabled (widget, "page.delete", live);
  gtk_widget_action_set_enabled (widget, "ticket.reply", live);
  gtk_widget_action_set_enabled (widget, "ticket.note", live);
  gtk_widget_action_set_enabled (widget, "ticket.send", live && has_text && !self->sending);
  gtk_widget_action_set_enabled (widget, "ticket.set-status", live && has_status);
  gtk_widget_action_set_enabled (widget, "ticket.set-priority", live);
  gtk_widget_action_set_enabled (widget, "ticket.assign", live);
  gtk_widget_action_set_enabled (widget, "ticket.assign-to-me",
                                 live && self->current_user != 0 && !mine);
  gtk_widget_action_set_enabled (widget, "ticket.edit-csat", live);
  gtk_widget_action_set_enabled (widget, "ticket.insert-canned", live);
  gtk_widget_action_set_enabled (widget, "ticket.insert-article", live);

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), live && has_status);
  gtk_widget_set_sensitive (GTK_WIDGET (self->priority_combo), live);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assignee_combo), live);
  gtk_widget_set_sensitive (GTK_WIDGET (self->canned_button),
                            live && self->canned != NULL &&
                            g_list_model_get_n_items (self->canned) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->article_button), live);
  gtk_widget_set_sensitive (self->composer_box, live);

  /* Said where the button is: why "Assign to Me" cannot be used. */
  if (self->current_user == 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->assign_me_button),
                                 _("Choose who you are in Preferences to assign tickets to yourself"));
  else if (mine)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->assign_me_button),
                                 _("This ticket is assigned to you"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->assign_me_button),
                                 _("Make yourself the ticket’s assignee"));
}

/* The customer. */

static void
update_customer_kind (CrmTicketPage *self)
{
  gboolean b2b = crm_ticket_get_organization_id (_crm_ticket_page_get_ticket (self)) != 0;

  gtk_label_set_label (self->customer_kind_label,
                       b2b ? C_("segment", "B2B") : C_("segment", "B2C"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_kind_label),
                               b2b ? _("A business customer: the ticket is from an organization")
                                   : _("A consumer: the ticket is from a person buying on their own"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_kind_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_widget_get_tooltip_text (GTK_WIDGET (self->customer_kind_label)),
                                  -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_kind_label), b2b ? "b2c" : "b2b");
  gtk_widget_add_css_class (GTK_WIDGET (self->customer_kind_label), b2b ? "b2b" : "b2c");
}

static GtkWidget *
new_person_row (CrmTicketPage *self,
                CrmPerson     *person)
{
  const char *email = crm_person_get_email (person);
  AdwActionRow *row = crm_page_new_row (crm_person_get_display_name (person), email);
  GtkWidget *icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("customer", "Person"), -1);
  gtk_widget_set_tooltip_text (icon, C_("customer", "Person"));
  adw_action_row_add_prefix (row, icon);
  crm_page_row_set_target (row, "person", crm_record_get_id (CRM_RECORD (person)));
  g_object_bind_property (person, "display-name", row, "title", G_BINDING_DEFAULT);
  gtk_widget_set_name (GTK_WIDGET (row), "customer-person-row");

  return GTK_WIDGET (row);
}

static GtkWidget *
new_organization_row (CrmTicketPage   *self,
                      CrmOrganization *organization)
{
  const char *tier = crm_organization_get_tier (organization);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  GtkWidget *icon = gtk_image_new_from_icon_name ("rapport-organization-symbolic");

  /* Translators: an organization's account tier, "Strategic account" */
  subtitle = g_strdup_printf (_("%s account"), crm_page_describe_key ("tier", tier));
  row = crm_page_new_row (crm_organization_get_name (organization), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("customer", "Organization"), -1);
  gtk_widget_set_tooltip_text (icon, C_("customer", "Organization"));
  adw_action_row_add_prefix (row, icon);
  crm_page_row_set_target (row, "organization", crm_record_get_id (CRM_RECORD (organization)));
  g_object_bind_property (organization, "name", row, "title", G_BINDING_DEFAULT);
  gtk_widget_set_name (GTK_WIDGET (row), "customer-organization-row");

  return GTK_WIDGET (row);
}

static void
fill_customer (CrmTicketPage *self)
{
  GtkListBoxRow *child;

  while ((child = gtk_list_box_get_row_at_index (self->customer_list, 0)) != NULL)
    gtk_list_box_remove (self->customer_list, GTK_WIDGET (child));

  if (self->person != NULL && !crm_record_get_trashed (self->person))
    gtk_list_box_append (self->customer_list, new_person_row (self, CRM_PERSON (self->person)));
  if (self->organization != NULL && !crm_record_get_trashed (self->organization))
    gtk_list_box_append (self->customer_list,
                         new_organization_row (self, CRM_ORGANIZATION (self->organization)));
  update_customer_kind (self);
  /* The customer's messages say their name. */
  _crm_ticket_page_rebind_conversation (self);
}

static void
on_person_loaded_cb (GtkWidget *widget,
                     CrmRecord *record)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);

  if (crm_record_get_id (record) != crm_ticket_get_person_id (_crm_ticket_page_get_ticket (self)))
    return;
  g_set_object (&self->person, record);
  fill_customer (self);
}

static void
on_organization_loaded_cb (GtkWidget *widget,
                           CrmRecord *record)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  CrmTicket *ticket = _crm_ticket_page_get_ticket (self);

  if (crm_record_get_id (record) != crm_ticket_get_organization_id (ticket))
    return;
  g_set_object (&self->organization, record);
  fill_customer (self);
}

static void
load_customer (CrmTicketPage *self)
{
  CrmStore *store = _crm_ticket_page_get_store (self);
  GCancellable *cancellable = _crm_ticket_page_get_cancellable (self);
  CrmTicket *ticket = _crm_ticket_page_get_ticket (self);

  g_clear_object (&self->person);
  g_clear_object (&self->organization);
  fill_customer (self);
  crm_page_load (GTK_WIDGET (self), store, CRM_TYPE_PERSON, crm_ticket_get_person_id (ticket),
                 cancellable, on_person_loaded_cb);
  crm_page_load (GTK_WIDGET (self), store, CRM_TYPE_ORGANIZATION,
                 crm_ticket_get_organization_id (ticket), cancellable, on_organization_loaded_cb);
}

/* Staff, policy and "me". */

static void
on_staff_loaded_cb (GtkWidget  *widget,
                    GListModel *records)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  guint n = g_list_model_get_n_items (records);

  g_set_object (&self->staff, records);
  g_hash_table_remove_all (self->staff_names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStaffUser) user = g_list_model_get_item (records, i);
      gint64 *id = g_new (gint64, 1);

      *id = crm_record_get_id (CRM_RECORD (user));
      g_hash_table_insert (self->staff_names, id, g_strdup (crm_staff_user_get_name (user)));
    }

  g_free (self->current_user_name);
  self->current_user_name = g_strdup (_crm_ticket_page_get_staff_name (self, self->current_user));
  _crm_ticket_page_fill_assignees (self);
  _crm_ticket_page_update_combos (self);
  /* Senders' names in the conversation. */
  _crm_ticket_page_rebind_conversation (self);
}

static void
on_policy_loaded_cb (GtkWidget *widget,
                     CrmRecord *record)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  CrmTicket *ticket = _crm_ticket_page_get_ticket (self);

  if (crm_record_get_id (record) != crm_ticket_get_sla_policy_id (ticket))
    return;
  g_set_object (&self->policy, record);
  _crm_ticket_page_update_sla (self);
}

static void
load_policy (CrmTicketPage *self)
{
  g_clear_object (&self->policy);
  _crm_ticket_page_update_sla (self);
  crm_page_load (GTK_WIDGET (self), _crm_ticket_page_get_store (self), CRM_TYPE_SLA_POLICY,
                 crm_ticket_get_sla_policy_id (_crm_ticket_page_get_ticket (self)),
                 _crm_ticket_page_get_cancellable (self), on_policy_loaded_cb);
}

static void
on_current_user_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 me = crm_service_get_current_user_finish (CRM_STORE (object), result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the current user: %s", error->message);
      return;
    }

  self->current_user = me;
  g_free (self->current_user_name);
  self->current_user_name = g_strdup (_crm_ticket_page_get_staff_name (self, me));
  /* "(you)" in the assignee choices. */
  _crm_ticket_page_fill_assignees (self);
  _crm_ticket_page_update_combos (self);
  crm_record_page_update_actions (CRM_RECORD_PAGE (self));
}

static void
crm_ticket_page_load_sections (CrmRecordPage *page,
                               guint          sections)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (page);
  CrmStore *store = _crm_ticket_page_get_store (self);

  if (sections & SECTION_ME)
    crm_service_get_current_user_async (store, _crm_ticket_page_get_cancellable (self),
                                        on_current_user_cb, g_object_ref (self));
  if (sections & SECTION_STAFF)
    {
      g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_STAFF_USER);

      crm_query_set_order (query, "name", FALSE);
      crm_page_query (GTK_WIDGET (self), store, query, _crm_ticket_page_get_cancellable (self),
                      on_staff_loaded_cb);
    }
  if (sections & SECTION_CONVERSATION)
    _crm_ticket_page_load_conversation (self);
  if (sections & SECTION_CUSTOMER)
    load_customer (self);
  if (sections & SECTION_POLICY)
    load_policy (self);
  if (sections & SECTION_CANNED)
    _crm_ticket_page_load_canned (self);
}

static void
toggle_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
crm_ticket_page_map (GtkWidget *widget)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);

  GTK_WIDGET_CLASS (crm_ticket_page_parent_class)->map (widget);

  /* The clocks move while the page is seen, and are right when it comes back. */
  _crm_ticket_page_update_sla (self);
  _crm_ticket_page_start_clock (self);
}

static void
crm_ticket_page_unmap (GtkWidget *widget)
{
  _crm_ticket_page_stop_clock (CRM_TICKET_PAGE (widget));

  GTK_WIDGET_CLASS (crm_ticket_page_parent_class)->unmap (widget);
}

static void
crm_ticket_page_dispose (GObject *object)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  _crm_ticket_page_stop_clock (self);
  if (self->conversation_view != NULL)
    gtk_list_view_set_model (self->conversation_view, NULL);

  g_clear_object (&self->staff);
  g_clear_object (&self->person);
  g_clear_object (&self->organization);
  g_clear_object (&self->policy);
  g_clear_object (&self->conversation);
  g_clear_object (&self->loaded_messages);
  g_clear_object (&self->loaded_changes);
  g_clear_object (&self->canned);
  g_clear_object (&self->canned_menu);
  g_clear_object (&self->status_menu);

  G_OBJECT_CLASS (crm_ticket_page_parent_class)->dispose (object);
}

static void
crm_ticket_page_finalize (GObject *object)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (object);

  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->assignee_ids, g_array_unref);
  g_free (self->current_user_name);

  G_OBJECT_CLASS (crm_ticket_page_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmTicketPage, name)

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-ticket-page.ui");
  crm_record_page_class_bind_template_children (widget_class, 0);
  BIND (details_button);
  BIND (flap);
  BIND (subject_label);
  BIND (subject_entry);
  BIND (channel_combo);
  BIND (meta_box);
  BIND (number_label);
  BIND (status_label);
  BIND (priority_label);
  BIND (channel_icon);
  BIND (channel_label);
  BIND (sla_box);
  BIND (sla_icon);
  BIND (sla_label);
  BIND (status_button);
  BIND (assign_me_button);
  BIND (conversation_stack);
  BIND (conversation_scroller);
  BIND (conversation_view);
  BIND (composer_box);
  BIND (reply_toggle);
  BIND (note_toggle);
  BIND (canned_button);
  BIND (article_button);
  BIND (placeholder_label);
  BIND (composer_scroller);
  BIND (composer_view);
  BIND (send_button);
  BIND (status_row);
  BIND (priority_combo);
  BIND (assignee_combo);
  BIND (channel_row);
  BIND (created_row);
  BIND (sla_group);
  BIND (policy_row);
  BIND (first_response_row);
  BIND (resolution_row);
  BIND (customer_group);
  BIND (customer_kind_label);
  BIND (csat_group);
  BIND (csat_row);
  BIND (csat_edit_button);
  BIND (csat_editor);
  BIND (star_box);
  BIND (csat_comment_entry);
  BIND (csat_save_button);
}

#undef BIND

static void
crm_ticket_page_class_init (CrmTicketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmRecordPageClass *page_class = CRM_RECORD_PAGE_CLASS (klass);

  object_class->dispose = crm_ticket_page_dispose;
  object_class->finalize = crm_ticket_page_finalize;
  widget_class->map = crm_ticket_page_map;
  widget_class->unmap = crm_ticket_page_unmap;

  page_class->kind = "ticket";
  page_class->record_type = CRM_TYPE_TICKET;
  /* A phone-sized header holds Cancel and Done only (the subject being
   * edited is right below). */
  page_class->hide_title_while_editing = TRUE;
  page_class->table_triggers = table_triggers;
  page_class->property_triggers = property_triggers;
  page_class->load_sections = crm_ticket_page_load_sections;
  page_class->update_fields = crm_ticket_page_update_fields;
  page_class->update_actions = crm_ticket_page_update_actions;
  page_class->apply_editing = _crm_ticket_page_apply_editing;
  page_class->commit = _crm_ticket_page_commit;


  gtk_widget_class_install_action (widget_class, "ticket.toggle-details", NULL,
                                   toggle_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "ticket.toggle-details", NULL);
  _crm_ticket_page_install_actions (widget_class);

  bind_template (widget_class);
  g_type_ensure (CRM_TYPE_KB_PICKER);
}

static void
crm_ticket_page_init (CrmTicketPage *self)
{
  self->staff_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->flap, "reveal-flap", self->details_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->customer_list = crm_page_add_list (self->customer_group, "customer-list",
                                           _("No customer"));
  fill_channel_model (self);

  _crm_ticket_page_init_conversation (self);
  _crm_ticket_page_init_composer (self);
  _crm_ticket_page_init_actions (self);
}

CrmTicketPage *
crm_ticket_page_new (CrmContext *context,
                     CrmTicket  *ticket)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);

  return g_object_new (CRM_TYPE_TICKET_PAGE,
                       "context", context,
                       "record", ticket,
                       NULL);
}

CrmTicket *
crm_ticket_page_get_record (CrmTicketPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), NULL);

  return _crm_ticket_page_get_ticket (self);
}

gboolean
crm_ticket_page_get_editing (CrmTicketPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), FALSE);

  return crm_record_page_get_editing (CRM_RECORD_PAGE (self));
}

void
crm_ticket_page_set_editing (CrmTicketPage *self,
                             gboolean       editing)
{
  g_return_if_fail (CRM_IS_TICKET_PAGE (self));

  crm_record_page_set_editing (CRM_RECORD_PAGE (self), editing);
}

GListModel *
crm_ticket_page_get_conversation (CrmTicketPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), NULL);

  return G_LIST_MODEL (self->conversation);
}

gboolean
crm_ticket_page_is_loaded (CrmTicketPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), FALSE);

  return self->conversation_loaded;
}

char *
crm_ticket_page_dup_draft (CrmTicketPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->composer_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
crm_ticket_page_get_note_mode (CrmTicketPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (self->note_toggle);
}

GStrv
crm_ticket_page_dup_status_choices (CrmTicketPage *self)
{
  GStrvBuilder *builder;
  GStrv choices;
  guint n;

  g_return_val_if_fail (CRM_IS_TICKET_PAGE (self), NULL);

  builder = g_strv_builder_new ();
  n = self->status_menu != NULL ? g_menu_model_get_n_items (G_MENU_MODEL (self->status_menu)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (self->status_menu),
                                                                          i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL)
        g_strv_builder_add (builder, g_variant_get_string (target, NULL));
    }
  choices = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return choices;
}
