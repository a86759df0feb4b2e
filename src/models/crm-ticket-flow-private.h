/* crm-ticket-flow-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket flow's worker side, shared by its parts: one ticket's status
 * and SLA columns as a plain struct, the SLA policies and their calendars
 * read once per job, and the status change that pauses, resumes, resolves,
 * closes and reopens the clock.  Worker thread only.
 */

#pragma once

#include "crm-sla.h"
#include "crm-store-private.h"
#include "crm-ticket-flow.h"

G_BEGIN_DECLS

/* The columns an operation may change, plus what it needs to decide. */
typedef struct
{
  char    status[24];
  char    priority[16];
  gint64  assignee_id;
  gint64  sla_policy_id;
  gint64  first_response_due;
  gint64  resolution_due;
  gint64  first_response;
  gint64  resolved;
  gint64  closed;
  gint64  waiting_since;
  gint64  waiting_seconds;
  gint64  sla_due;
  gint64  updated;
} TicketCols;

typedef struct
{
  gint64      id;
  gint64      created;
  gint64      number;
  gint64      person_id;
  gint64      organization_id;
  TicketCols  cols;
} TicketState;

typedef struct
{
  gint64               id;
  char                *priority;
  char                *tier;
  gint64               first_response_minutes;
  gint64               resolution_minutes;
  gint64               calendar_id;
  CrmBusinessCalendar *calendar;   /* loaded when first needed */
} FlowPolicy;

/* One job's view of the service set-up. */
typedef struct
{
  CrmStoreWorker      *worker;
  gint64               now;
  GPtrArray           *policies;      /* FlowPolicy, NULL until loaded */
  CrmBusinessCalendar *always;        /* UTC around the clock: no policy or no calendar */
} Flow;

void                 _flow_init             (Flow            *flow,
                                             CrmStoreWorker  *worker);
void                 _flow_clear            (Flow            *flow);
gboolean             _flow_sql_error        (Flow            *flow,
                                             int              rc,
                                             GError         **error);

/* The policy with @id (NULL when it is gone or 0). */
FlowPolicy          *_flow_get_policy       (Flow            *flow,
                                             gint64           id,
                                             GError         **error);
/* The policy for @priority and @tier (NULL when none applies, no error). */
FlowPolicy          *_flow_choose_policy    (Flow            *flow,
                                             const char      *priority,
                                             const char      *tier,
                                             GError         **error);
/* The calendar a ticket under @policy counts in (never NULL). */
CrmBusinessCalendar *_flow_calendar         (Flow            *flow,
                                             FlowPolicy      *policy,
                                             GError         **error);
/* The tier of the customer: their organization's tier or "consumer". */
gboolean             _flow_customer_tier    (Flow            *flow,
                                             gint64           organization_id,
                                             char           **tier,
                                             GError         **error);

/* Reads ticket @id; FALSE with NOT_FOUND when it is gone or in the trash. */
gboolean             _flow_read_ticket      (Flow            *flow,
                                             gint64           id,
                                             TicketState     *state,
                                             GError         **error);
/* Writes @state's columns (updated = now) and recomputes sla_due. */
gboolean             _flow_write_ticket     (Flow            *flow,
                                             TicketState     *state,
                                             GError         **error);
/* Adds a ticket_status_change row; returns its id, 0 with @error set. */
gint64               _flow_add_history      (Flow            *flow,
                                             gint64           ticket_id,
                                             const char      *status,
                                             gint64           when,
                                             gint64           user_id,
                                             GError         **error);
/* Moves @state to @status at @when (checked by the caller): the clock is
 * paused, resumed, stopped or restarted; nothing is written. */
gboolean             _flow_apply_status     (Flow            *flow,
                                             TicketState     *state,
                                             const char      *status,
                                             gint64           when,
                                             GError         **error);
/* Whether staff member @id exists (and is not in the trash). */
gboolean             _flow_staff_exists     (Flow            *flow,
                                             gint64           id,
                                             gboolean        *exists,
                                             GError         **error);

gboolean             _flow_not_found        (GError         **error);
gboolean             _flow_invalid          (GError         **error,
                                             const char      *message);

/* The undo record (crm-ticket-flow.c). */
CrmTicketUndo       *_crm_ticket_undo_new   (void);
void                 _crm_ticket_undo_add   (CrmTicketUndo   *undo,
                                             gint64           ticket_id,
                                             const TicketCols *before,
                                             const TicketCols *after,
                                             gint64           history_id);

G_END_DECLS
