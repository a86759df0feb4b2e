/* crm-ticket-row.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the ticket inbox: the channel's icon, the subject, the
 * priority (a coloured pill for high and urgent), the customer, the SLA
 * countdown, and the number, status and assignee.  It follows its ticket
 * (a store change updates it) and the inbox refreshes its countdown each
 * minute; placeholder lines stand in while its page of rows is read.
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-types.h"
#include "crm-inbox-view.h"
#include "crm-ticket.h"

G_BEGIN_DECLS

/**
 * CrmTicketSlaState:
 * @CRM_TICKET_SLA_NONE: no clock runs (resolved, closed, or no target)
 * @CRM_TICKET_SLA_RUNNING: the deadline is more than an hour away
 * @CRM_TICKET_SLA_SOON: the deadline comes within the hour
 * @CRM_TICKET_SLA_BREACHED: the deadline has passed
 * @CRM_TICKET_SLA_PAUSED: the clock waits with the ticket on the customer
 */
typedef enum
{
  CRM_TICKET_SLA_NONE,
  CRM_TICKET_SLA_RUNNING,
  CRM_TICKET_SLA_SOON,
  CRM_TICKET_SLA_BREACHED,
  CRM_TICKET_SLA_PAUSED,
} CrmTicketSlaState;

#define CRM_TYPE_TICKET_ROW (crm_ticket_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketRow, crm_ticket_row, CRM, TICKET_ROW, GtkWidget)

GtkWidget    *crm_ticket_row_new              (void);
/* Shows the item of @list_item (a CrmPagedItem of a CrmTicket) with the
 * names and the time of @view (not referenced: the view outlives its
 * rows); unbind before the list item changes. */
void          crm_ticket_row_bind             (CrmTicketRow  *self,
                                               CrmInboxView  *view,
                                               GtkListItem   *list_item);
void          crm_ticket_row_unbind           (CrmTicketRow  *self);
/* transfer none; NULL when unbound */
GtkListItem  *crm_ticket_row_get_list_item    (CrmTicketRow  *self);
gint64        crm_ticket_row_get_ticket_id    (CrmTicketRow  *self);
/* transfer none; NULL while its page is read */
CrmTicket    *crm_ticket_row_get_ticket       (CrmTicketRow  *self);
/* Reads the names and the countdown again at @now (unix seconds). */
void          crm_ticket_row_update           (CrmTicketRow  *self,
                                               gint64         now);
void          crm_ticket_row_set_selection_mode (CrmTicketRow *self,
                                                 gboolean      selection_mode);
/* The countdown as shown ("2 h 15 min left", "Breached 40 min ago",
 * "Paused"), "" when no clock runs; @state (nullable) says which.  Pure:
 * @now is given.  Transfer full. */
char         *crm_ticket_row_format_sla       (const char        *status,
                                               gint64             sla_due,
                                               gint64             now,
                                               CrmTicketSlaState *state);

/* The translated names of the ticket keys, and a channel's icon. */
const char   *crm_ticket_row_channel_label    (const char    *channel);
const char   *crm_ticket_row_channel_icon     (const char    *channel);
const char   *crm_ticket_row_priority_label   (const char    *priority);
const char   *crm_ticket_row_status_label     (const char    *status);
/* The keys, NULL-terminated, in the order the inbox offers them. */
const char * const *crm_ticket_row_channels   (void);
const char * const *crm_ticket_row_priorities (void);

G_END_DECLS
