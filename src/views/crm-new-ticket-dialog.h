/* crm-new-ticket-dialog.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "New Ticket" (win.new-ticket): subject, the customer (a person, with the
 * organization they work for, or an organization, found with the global
 * search), channel, priority, the customer's first message and whether it
 * is the current user's.  Creates it with crm_ticket_flow_create_async()
 * and opens its page.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_NEW_TICKET_DIALOG (crm_new_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmNewTicketDialog, crm_new_ticket_dialog, CRM, NEW_TICKET_DIALOG, AdwWindow)

/* A modal dialog over @parent (nullable) for the database of @context. */
CrmNewTicketDialog *crm_new_ticket_dialog_new          (GtkWindow          *parent,
                                                        CrmContext         *context);
/* The customer, as if chosen in the picker: @kind "person" (their current
 * organization comes along) or "organization"; 0 for none. */
void                crm_new_ticket_dialog_set_customer (CrmNewTicketDialog *self,
                                                        const char         *kind,
                                                        gint64              id);
/* Whether "Create" may be used: a subject, and no customer being read. */
gboolean            crm_new_ticket_dialog_get_ready    (CrmNewTicketDialog *self);

G_END_DECLS
