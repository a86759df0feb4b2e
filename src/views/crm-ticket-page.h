/* crm-ticket-page.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-context.h"
#include "crm-record-page.h"
#include "crm-ticket.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_PAGE (crm_ticket_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketPage, crm_ticket_page, CRM, TICKET_PAGE, CrmRecordPage)

/* The page of a saved ticket (win.show-record ("ticket", id)): the
 * conversation with its composer, status, priority, assignee, the SLA
 * clocks, the customer and the satisfaction rating.  "ticket.reply" focuses
 * the composer for a reply. */
CrmTicketPage *crm_ticket_page_new         (CrmContext    *context,
                                            CrmTicket     *ticket);
/* transfer none */
CrmTicket     *crm_ticket_page_get_record  (CrmTicketPage *self);
/* Edit mode: the subject and the channel as entries. */
gboolean       crm_ticket_page_get_editing (CrmTicketPage *self);
void           crm_ticket_page_set_editing (CrmTicketPage *self,
                                            gboolean       editing);
/* The conversation as shown: CrmTicketMessage and CrmTicketStatusChange
 * records in time order (transfer none). */
GListModel    *crm_ticket_page_get_conversation (CrmTicketPage *self);
/* Whether the conversation has been read once. */
gboolean       crm_ticket_page_is_loaded   (CrmTicketPage *self);
/* The composer's text (transfer full) and its mode: TRUE for an internal
 * note, FALSE for a reply to the customer. */
char          *crm_ticket_page_dup_draft   (CrmTicketPage *self);
gboolean       crm_ticket_page_get_note_mode (CrmTicketPage *self);
/* The statuses the Status menu offers now, in order (transfer full). */
GStrv          crm_ticket_page_dup_status_choices (CrmTicketPage *self);

G_END_DECLS
