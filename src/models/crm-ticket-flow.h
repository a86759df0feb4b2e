/* crm-ticket-flow.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What happens to a ticket: its status (with the valid transitions), the
 * conversation (customer messages, replies, internal notes), assignment,
 * priority, the customer's satisfaction rating, new tickets, and the SLA
 * clock that runs through all of it.  Each operation is one transaction on
 * the store's worker; the store's "changed::ticket" (and ticket_message,
 * ticket_status_change) notices follow its commit, so lists and pages
 * refresh.  GTK-free.
 *
 * Status keys: new | open | waiting-on-customer | resolved | closed.
 *   new                 -> open, waiting-on-customer, resolved, closed
 *   open                -> waiting-on-customer, resolved, closed
 *   waiting-on-customer -> open, resolved, closed
 *   resolved            -> open, closed
 *   closed              -> open (reopen)
 *
 * The SLA clock.  A new ticket gets the policy that fits its priority and
 * its customer's tier best (crm_sla_choose_policy()); its first_response_due
 * and resolution_due are the policy's minutes of business time (the policy's
 * calendar; UTC around the clock when it has none) after creation.  While
 * the ticket waits on the customer the clock is paused (waiting_since is
 * set); when it leaves that status, the business seconds it waited are added
 * to waiting_seconds and the due times still running (first response until
 * the first reply, resolution until resolved) move forward by as much.
 * Resolving sets resolved; closing sets closed (and resolved when it was
 * not); reopening (status back to open, or a customer message on a waiting
 * or resolved ticket) clears both.  ticket.sla_due is kept as
 * crm_ticket_sla_due() says.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TICKET_FLOW_ERROR (crm_ticket_flow_error_quark ())

typedef enum
{
  CRM_TICKET_FLOW_ERROR_NOT_FOUND,       /* no such ticket (or it is in the trash), or no
                                          * such staff member, person or organization */
  CRM_TICKET_FLOW_ERROR_BAD_TRANSITION,  /* the status cannot change that way */
  CRM_TICKET_FLOW_ERROR_INVALID,         /* an unknown status, priority, channel or message
                                          * kind key, an empty message or subject, a rating
                                          * outside 1–5 */
  CRM_TICKET_FLOW_ERROR_CHANGED,         /* undo: every ticket changed again since */
} CrmTicketFlowError;

GQuark       crm_ticket_flow_error_quark   (void);

/* --- Keys and rules (pure) --- */

gboolean     crm_ticket_status_is_valid    (const char *status);
gboolean     crm_ticket_priority_is_valid  (const char *priority);
gboolean     crm_ticket_channel_is_valid   (const char *channel);
gboolean     crm_ticket_message_kind_is_valid (const char *kind);

/* Whether a ticket may go from status @from to @to (see above; FALSE for an
 * unknown key and for @from == @to). */
gboolean     crm_ticket_status_can_change  (const char *from,
                                            const char *to);
/* The statuses a ticket in @from may go to, in the order above, NULL
 * terminated (an empty list for an unknown key).  Transfer none (static). */
const char * const *crm_ticket_status_get_targets (const char *from);

/* The SLA deadline that runs for a ticket with these columns (the value of
 * ticket.sla_due): 0 when resolved or closed; the first-response due time
 * until the first reply (when the policy sets one), then the resolution due
 * time; 0 when no target applies.  While waiting on the customer it is the
 * due time as it stood (the clock is paused, nothing moves until the wait
 * ends). */
gint64       crm_ticket_sla_due            (const char *status,
                                            gint64      first_response,
                                            gint64      first_response_due,
                                            gint64      resolution_due);

/* A canned reply's @body with {customer}, {ticket} (as "#<number>") and
 * {agent} replaced; other braces are kept as they are.  NULL @customer or
 * @agent count as "".  Transfer full. */
char        *crm_canned_reply_expand       (const char *body,
                                            const char *customer,
                                            gint64      ticket_number,
                                            const char *agent);

/* --- Undo --- */

/* What a status change, an assignment or a close changed, to put it back:
 * the tickets' SLA and status columns before and after, and the status
 * history rows it added. */
typedef struct _CrmTicketUndo CrmTicketUndo;

#define CRM_TYPE_TICKET_UNDO (crm_ticket_undo_get_type ())
GType           crm_ticket_undo_get_type      (void) G_GNUC_CONST;
CrmTicketUndo  *crm_ticket_undo_ref           (CrmTicketUndo *self);
void            crm_ticket_undo_unref         (CrmTicketUndo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTicketUndo, crm_ticket_undo_unref)

/* How many tickets the operation changed (those it left alone, such as a
 * ticket already closed, are not counted), and their ids. */
guint           crm_ticket_undo_get_n_tickets (CrmTicketUndo *self);
gint64          crm_ticket_undo_get_ticket_id (CrmTicketUndo *self,
                                               guint          index);

/* Puts back the tickets of @undo that nobody changed since (their status,
 * assignee, priority and SLA columns), and removes the status history rows
 * the operation added.  Finish returns how many tickets were put back, or -1
 * with @error set (CHANGED when every one of them changed since). */
void            crm_ticket_flow_undo_async    (CrmStore            *store,
                                               CrmTicketUndo       *undo,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gint64          crm_ticket_flow_undo_finish   (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/* --- Operations (async, one transaction each) --- */

/* Changes the status of @ticket_id to @status as @user_id (a staff_user id,
 * 0 = nobody in particular), recording a ticket_status_change row.  Finish
 * returns the undo (transfer full), or NULL with @error set: NOT_FOUND,
 * INVALID, BAD_TRANSITION (also for the status it already has). */
void            crm_ticket_flow_set_status_async  (CrmStore            *store,
                                                   gint64               ticket_id,
                                                   const char          *status,
                                                   gint64               user_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CrmTicketUndo  *crm_ticket_flow_set_status_finish (CrmStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The same for many tickets in one transaction (bulk actions): tickets
 * already in @status are left alone; when any other one cannot go there
 * nothing changes and @error is BAD_TRANSITION.  Tickets in the trash or
 * gone are skipped.  Finish with crm_ticket_flow_set_status_finish(). */
void            crm_ticket_flow_set_status_many_async (CrmStore        *store,
                                                   const gint64        *ticket_ids,
                                                   guint                n_tickets,
                                                   const char          *status,
                                                   gint64               user_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* Closes many tickets as @user_id in one transaction (closed tickets and
 * tickets in the trash are left alone).  Finish returns the undo. */
void            crm_ticket_flow_close_async       (CrmStore            *store,
                                                   const gint64        *ticket_ids,
                                                   guint                n_tickets,
                                                   gint64               user_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CrmTicketUndo  *crm_ticket_flow_close_finish      (CrmStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Assigns many tickets to the staff member @assignee_id (0 = nobody) in one
 * transaction; tickets already theirs are left alone.  NOT_FOUND for an
 * assignee that does not exist.  Finish returns the undo. */
void            crm_ticket_flow_assign_async      (CrmStore            *store,
                                                   const gint64        *ticket_ids,
                                                   guint                n_tickets,
                                                   gint64               assignee_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CrmTicketUndo  *crm_ticket_flow_assign_finish     (CrmStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Adds a message of @kind ("customer", "reply" or "note") with @body (not
 * empty after stripping) to @ticket_id.  A reply is from @user_id; the first
 * reply sets first_response and moves a new ticket to open.  A customer
 * message is from the ticket's person; on a ticket waiting on the customer
 * or resolved it reopens the ticket.  A note changes nothing else.  Finish
 * returns the new message's id, or 0 with @error set. */
void            crm_ticket_flow_add_message_async (CrmStore            *store,
                                                   gint64               ticket_id,
                                                   const char          *kind,
                                                   const char          *body,
                                                   gint64               user_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gint64          crm_ticket_flow_add_message_finish (CrmStore           *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The same for a message that comes with its own time and mail headers (an
 * imported e-mail): @sent (0: now), the RFC 5322 @message_id and
 * @in_reply_to (NULL: none), and for a customer message the sender
 * @person_id (0: the ticket's person).  Finish with
 * crm_ticket_flow_add_message_finish(). */
void            crm_ticket_flow_add_message_full_async (CrmStore       *store,
                                                   gint64               ticket_id,
                                                   const char          *kind,
                                                   const char          *body,
                                                   gint64               user_id,
                                                   gint64               person_id,
                                                   gint64               sent,
                                                   const char          *message_id,
                                                   const char          *in_reply_to,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* Changes the priority of @ticket_id.  The SLA policy is chosen again for
 * the new priority and the due times recomputed from creation (with the
 * time waited so far). */
void            crm_ticket_flow_set_priority_async  (CrmStore          *store,
                                                     gint64             ticket_id,
                                                     const char        *priority,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean        crm_ticket_flow_set_priority_finish (CrmStore          *store,
                                                     GAsyncResult      *result,
                                                     GError           **error);

/* Records the customer's rating @score (1–5) of @ticket_id with @comment
 * (NULL: none), now.  INVALID outside 1–5. */
void            crm_ticket_flow_set_csat_async    (CrmStore            *store,
                                                   gint64               ticket_id,
                                                   int                  score,
                                                   const char          *comment,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        crm_ticket_flow_set_csat_finish   (CrmStore            *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* A new ticket.  Strings are copied by crm_ticket_flow_create_async(). */
typedef struct
{
  const char *subject;          /* required (not empty after stripping) */
  const char *body;             /* the customer's first message; NULL or "": none */
  const char *channel;          /* NULL: "email" */
  const char *priority;         /* NULL: "normal" */
  gint64      person_id;        /* the customer (0: none) */
  gint64      organization_id;  /* their organization (0: a consumer) */
  gint64      assignee_id;      /* 0: unassigned */
  gint64      user_id;          /* who records it (status history), 0: nobody */
  gint64      created;          /* 0: now (an imported e-mail: its date) */
  const char *message_id;       /* the first message's Message-ID, NULL: none */
  const char *in_reply_to;      /* its In-Reply-To, NULL: none */
} CrmTicketDraft;

/* Creates a ticket from @draft: status new, the next number, the SLA policy
 * for its priority and its customer's tier (the organization's tier, or
 * "consumer"), the due times, the first message and a "new" status history
 * row.  Finish returns the ticket's id, or 0 with @error set (INVALID,
 * NOT_FOUND for a person, organization or assignee that does not exist). */
void            crm_ticket_flow_create_async      (CrmStore             *store,
                                                   const CrmTicketDraft *draft,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64          crm_ticket_flow_create_finish     (CrmStore             *store,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* --- The current user --- */

/* The staff member using the app ("me": Mine in the inbox, the author of
 * replies), kept in the database's meta table under "current-user".  Get
 * finishes with their staff_user id, 0 when none is set or they no longer
 * exist. */
void            crm_service_get_current_user_async  (CrmStore          *store,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gint64          crm_service_get_current_user_finish (CrmStore          *store,
                                                     GAsyncResult      *result,
                                                     GError           **error);
/* Sets it (0: nobody); NOT_FOUND for an id that is not a live staff_user. */
void            crm_service_set_current_user_async  (CrmStore          *store,
                                                     gint64             user_id,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean        crm_service_set_current_user_finish (CrmStore          *store,
                                                     GAsyncResult      *result,
                                                     GError           **error);

G_END_DECLS
