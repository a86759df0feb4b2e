/* crm-ticket-row.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmTicketRow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-row.h"
#include "crm-inbox-view-private.h"
#include "crm-keys.h"
#include "crm-paged-model.h"
#include "crm-record.h"
#include "crm-ticket.h"

struct _CrmTicketRow
{
  GtkWidget     parent_instance;

  CrmInboxView *view;        /* unowned */
  GtkListItem  *list_item;   /* unowned, while bound */
  CrmPagedItem *item;
  CrmTicket    *ticket;
  gulong        item_handler;
  gulong        ticket_handler;
  GBinding     *selected_binding;

  /* template widgets */
  GtkCheckButton *check;
  GtkImage       *channel_icon;
  GtkStack       *stack;
  GtkLabel       *subject_label;
  GtkLabel       *priority_label;
  GtkLabel       *customer_label;
  GtkLabel       *sla_label;
  GtkLabel       *meta_label;
};

G_DEFINE_FINAL_TYPE (CrmTicketRow, crm_ticket_row, GTK_TYPE_WIDGET)

static const struct
{
  const char *key;
  const char *label;
  const char *icon;
} channels[] = {
  { "email", NC_("ticket channel", "Email"), "mail-unread-symbolic" },
  { "phone", NC_("ticket channel", "Phone"), "call-start-symbolic" },
  { "chat", NC_("ticket channel", "Chat"), "chat-message-new-symbolic" },
  { "web-form", NC_("ticket channel", "Web Form"), "view-paged-symbolic" },
  { "social", NC_("ticket channel", "Social Media"), "emoji-people-symbolic" },
  { "in-person", NC_("ticket channel", "In Person"), "avatar-default-symbolic" },
  { "self-service", NC_("ticket channel", "Self-Service"), "object-select-symbolic" },
};

static const char * const channel_keys[] = {
  "email", "phone", "chat", "web-form", "social", "in-person", "self-service", NULL
};

static const char * const priority_keys[] = { "low", "normal", "high", "urgent", NULL };

const char * const *
crm_ticket_row_channels (void)
{
  return channel_keys;
}

const char * const *
crm_ticket_row_priorities (void)
{
  return priority_keys;
}

const char *
crm_ticket_row_channel_label (const char *channel)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_strcmp0 (channels[i].key, channel) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "ticket channel", channels[i].label);

  return channel != NULL ? channel : "";
}

const char *
crm_ticket_row_channel_icon (const char *channel)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_strcmp0 (channels[i].key, channel) == 0)
      return channels[i].icon;

  return "mail-unread-symbolic";
}

const char *
crm_ticket_row_priority_label (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return C_("ticket priority", "Low");
  if (g_strcmp0 (priority, "normal") == 0)
    return C_("ticket priority", "Normal");
  if (g_strcmp0 (priority, "high") == 0)
    return C_("ticket priority", "High");
  if (g_strcmp0 (priority, "urgent") == 0)
    return C_("ticket priority", "Urgent");

  return priority != NULL ? priority : "";
}

const char *
crm_ticket_row_status_label (const char *status)
{
  return crm_keys_get_label ("ticket-status", status);
}

/* "45 min", "2 h 15 min", "3 d 4 h": the span in whole minutes. */
static char *
format_span (gint64 minutes)
{
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (hours == 0)
    /* Translators: a span of time in minutes, "45 min" */
    return g_strdup_printf (C_("sla span", "%d min"), (int) minutes);
  if (days == 0 && minutes % 60 != 0)
    /* Translators: a span of time, "2 h 15 min" */
    return g_strdup_printf (C_("sla span", "%1$d h %2$d min"), (int) hours, (int) (minutes % 60));
  if (days == 0)
    /* Translators: a span of time in whole hours, "2 h" */
    return g_strdup_printf (C_("sla span", "%d h"), (int) hours);
  if (hours % 24 != 0)
    /* Translators: a span of time, "3 d 4 h" */
    return g_strdup_printf (C_("sla span", "%1$d d %2$d h"), (int) days, (int) (hours % 24));
  /* Translators: a span of time in whole days, "3 d" */
  return g_strdup_printf (C_("sla span", "%d d"), (int) days);
}

char *
crm_ticket_row_format_sla (const char        *status,
                           gint64             sla_due,
                           gint64             now,
                           CrmTicketSlaState *state)
{
  CrmTicketSlaState dummy;
  g_autofree char *span = NULL;

  if (state == NULL)
    state = &dummy;

  *state = CRM_TICKET_SLA_NONE;
  if (sla_due == 0 || g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0)
    return g_strdup ("");

  if (g_strcmp0 (status, "waiting-on-customer") == 0)
    {
      *state = CRM_TICKET_SLA_PAUSED;
      /* Translators: the SLA clock of a ticket waiting on the customer */
      return g_strdup (C_("sla", "Paused"));
    }

  if (sla_due > now)
    {
      /* Whole minutes, rounded up: "1 min left" until the deadline. */
      gint64 minutes = (sla_due - now + 59) / 60;

      *state = sla_due - now <= 3600 ? CRM_TICKET_SLA_SOON : CRM_TICKET_SLA_RUNNING;
      span = format_span (minutes);
      /* Translators: the time left before a ticket's SLA deadline, "2 h 15 min left" */
      return g_strdup_printf (C_("sla", "%s left"), span);
    }

  *state = CRM_TICKET_SLA_BREACHED;
  if (now - sla_due < 60)
    /* Translators: a ticket's SLA deadline passed less than a minute ago */
    return g_strdup (C_("sla", "Breached just now"));
  span = format_span ((now - sla_due) / 60);
  /* Translators: how long ago a ticket's SLA deadline passed, "Breached 40 min ago" */
  return g_strdup_printf (C_("sla", "Breached %s ago"), span);
}

static void
set_priority (CrmTicketRow *self,
              const char   *priority)
{
  GtkWidget *label = GTK_WIDGET (self->priority_label);
  gboolean pill = g_strcmp0 (priority, "high") == 0 || g_strcmp0 (priority, "urgent") == 0;

  gtk_label_set_label (self->priority_label, crm_ticket_row_priority_label (priority));
  gtk_widget_set_visible (label, priority != NULL && priority[0] != '\0');
  gtk_widget_remove_css_class (label, "high");
  gtk_widget_remove_css_class (label, "urgent");
  /* Only the priorities that ask for attention get a coloured pill. */
  if (pill)
    {
      gtk_widget_add_css_class (label, "priority-badge");
      gtk_widget_add_css_class (label, priority);
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (label, "priority-badge");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
set_sla (CrmTicketRow *self,
         gint64        now)
{
  static const char * const classes[] = { "running", "soon", "breached", "paused" };
  GtkWidget *label = GTK_WIDGET (self->sla_label);
  CrmTicketSlaState state;
  g_autofree char *text = crm_ticket_row_format_sla (crm_ticket_get_status (self->ticket),
                                                     crm_ticket_get_sla_due (self->ticket),
                                                     now, &state);

  gtk_label_set_label (self->sla_label, text);
  gtk_widget_set_visible (label, text[0] != '\0');
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (state != CRM_TICKET_SLA_NONE)
    gtk_widget_add_css_class (label, classes[state - 1]);
}

static void
update_ticket (CrmTicketRow *self,
               gint64        now)
{
  CrmTicket *t = self->ticket;
  const char *subject = crm_ticket_get_subject (t);
  const char *channel = crm_ticket_get_channel (t);
  gint64 assignee_id = crm_ticket_get_assignee_id (t);
  const char *assignee = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, crm_ticket_get_number (t));
  g_autofree char *meta = NULL;
  g_autofree char *summary = NULL;

  if (subject[0] == '\0')
    subject = _("No subject");
  gtk_label_set_label (self->subject_label, subject);
  gtk_image_set_from_icon_name (self->channel_icon, crm_ticket_row_channel_icon (channel));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->channel_icon), crm_ticket_row_channel_label (channel));
  set_priority (self, crm_ticket_get_priority (t));
  set_sla (self, now);

  if (self->view != NULL)
    customer = _crm_inbox_view_dup_customer (self->view, t);
  if (customer == NULL)
    customer = g_strdup ("");
  if (customer[0] == '\0' && crm_ticket_get_person_id (t) == 0 &&
      crm_ticket_get_organization_id (t) == 0)
    {
      g_free (customer);
      customer = g_strdup (_("No customer"));
    }
  gtk_label_set_label (self->customer_label, customer);

  if (assignee_id != 0 && self->view != NULL)
    assignee = _crm_inbox_view_get_staff_name (self->view, assignee_id);
  if (assignee == NULL)
    assignee = assignee_id != 0 ? "" : C_("ticket assignee", "Unassigned");
  /* Translators: a ticket row's details: its number, status and assignee,
   * "#1024 · Waiting on Customer · Mia Young" */
  meta = g_strdup_printf (C_("ticket row", "%1$s · %2$s · %3$s"), number,
                          crm_ticket_row_status_label (crm_ticket_get_status (t)), assignee);
  gtk_label_set_label (self->meta_label, meta);

  /* What a screen reader says for the row. */
  /* Translators: the accessible name of an inbox row: subject, customer,
   * the details ("#1024 · Open · Mia Young") and the SLA countdown */
  summary = g_strdup_printf (C_("ticket row", "%1$s, %2$s, %3$s, %4$s"), subject, customer, meta,
                             gtk_label_get_label (self->sla_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  gtk_stack_set_visible_child_name (self->stack, "ticket");
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
crm_ticket_row_update (CrmTicketRow *self,
                       gint64        now)
{
  g_return_if_fail (CRM_IS_TICKET_ROW (self));

  if (self->ticket != NULL)
    update_ticket (self, now);
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
on_ticket_notify_cb (CrmTicketRow *self,
                     GParamSpec   *pspec,
                     CrmTicket    *ticket)
{
  crm_ticket_row_update (self, now_seconds ());
}

static void
set_ticket (CrmTicketRow *self,
            CrmTicket    *ticket)
{
  if (self->ticket == ticket)
    return;

  if (self->ticket != NULL)
    g_clear_signal_handler (&self->ticket_handler, self->ticket);
  g_set_object (&self->ticket, ticket);
  if (ticket != NULL)
    self->ticket_handler = g_signal_connect_swapped (ticket, "notify",
                                                     G_CALLBACK (on_ticket_notify_cb), self);
}

static void
on_item_notify_record_cb (CrmTicketRow *self,
                          GParamSpec   *pspec,
                          CrmPagedItem *item)
{
  CrmRecord *record = crm_paged_item_get_record (item);

  set_ticket (self, CRM_IS_TICKET (record) ? CRM_TICKET (record) : NULL);
  crm_ticket_row_update (self, now_seconds ());
}

void
crm_ticket_row_bind (CrmTicketRow *self,
                     CrmInboxView *view,
                     GtkListItem  *list_item)
{
  gpointer item;

  g_return_if_fail (CRM_IS_TICKET_ROW (self));
  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

  crm_ticket_row_unbind (self);
  self->view = view;
  self->list_item = list_item;
  /* Referenced: a list item that goes first unbinds it, and this one stays
   * safe to unbind again. */
  self->selected_binding = g_object_ref (g_object_bind_property (list_item, "selected",
                                                                 self->check, "active",
                                                                 G_BINDING_SYNC_CREATE));
  item = gtk_list_item_get_item (list_item);
  if (!CRM_IS_PAGED_ITEM (item))
    return;

  self->item = g_object_ref (item);
  self->item_handler = g_signal_connect_swapped (item, "notify::record",
                                                 G_CALLBACK (on_item_notify_record_cb), self);
  on_item_notify_record_cb (self, NULL, self->item);
}

void
crm_ticket_row_unbind (CrmTicketRow *self)
{
  g_return_if_fail (CRM_IS_TICKET_ROW (self));

  set_ticket (self, NULL);
  if (self->item != NULL)
    g_clear_signal_handler (&self->item_handler, self->item);
  g_clear_object (&self->item);
  if (self->selected_binding != NULL)
    {
      g_binding_unbind (self->selected_binding);
      g_clear_object (&self->selected_binding);
    }
  self->list_item = NULL;
  self->view = NULL;
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

GtkListItem *
crm_ticket_row_get_list_item (CrmTicketRow *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_ROW (self), NULL);

  return self->list_item;
}

gint64
crm_ticket_row_get_ticket_id (CrmTicketRow *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_ROW (self), 0);

  return self->item != NULL ? crm_paged_item_get_id (self->item) : 0;
}

CrmTicket *
crm_ticket_row_get_ticket (CrmTicketRow *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_ROW (self), NULL);

  return self->ticket;
}

void
crm_ticket_row_set_selection_mode (CrmTicketRow *self,
                                   gboolean      selection_mode)
{
  g_return_if_fail (CRM_IS_TICKET_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->check), selection_mode);
}

static void
crm_ticket_row_dispose (GObject *object)
{
  CrmTicketRow *self = CRM_TICKET_ROW (object);
  GtkWidget *child;

  crm_ticket_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_ROW);
  /* The template's box has no name: it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_ticket_row_parent_class)->dispose (object);
}

static void
crm_ticket_row_class_init (CrmTicketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-ticket-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, check);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, channel_icon);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, priority_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, sla_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketRow, meta_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ticketrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_ticket_row_init (CrmTicketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
crm_ticket_row_new (void)
{
  return g_object_new (CRM_TYPE_TICKET_ROW, NULL);
}
