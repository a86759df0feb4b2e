/* crm-ticket-flow-sla.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket flow on the worker: reading and writing a ticket's status and
 * SLA columns, the SLA policies with their calendars, and the status change
 * that moves the SLA clock.
 */

#define G_LOG_DOMAIN "CrmTicketFlow"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-ticket-flow-private.h"

static void
flow_policy_free (gpointer data)
{
  FlowPolicy *p = data;

  g_free (p->priority);
  g_free (p->tier);
  g_clear_pointer (&p->calendar, crm_business_calendar_unref);
  g_free (p);
}

void
_flow_init (Flow           *flow,
            CrmStoreWorker *worker)
{
  memset (flow, 0, sizeof *flow);
  flow->worker = worker;
  flow->now = _crm_store_worker_now (worker);
}

void
_flow_clear (Flow *flow)
{
  g_clear_pointer (&flow->policies, g_ptr_array_unref);
  g_clear_pointer (&flow->always, crm_business_calendar_unref);
}

gboolean
_flow_sql_error (Flow    *flow,
                 int      rc,
                 GError **error)
{
  _crm_store_set_error (error, _crm_store_worker_get_db (flow->worker), rc, NULL);
  return FALSE;
}

gboolean
_flow_not_found (GError **error)
{
  g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND,
                       _("The ticket no longer exists."));
  return FALSE;
}

gboolean
_flow_invalid (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
load_policies (Flow    *flow,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (flow->policies != NULL)
    return TRUE;
  stmt = _crm_store_worker_prepare (flow->worker,
                                    "SELECT id, priority, tier, first_response_minutes, resolution_minutes, "
                                    "coalesce (calendar_id, 0) FROM sla_policy WHERE deleted = 0 ORDER BY id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  flow->policies = g_ptr_array_new_with_free_func (flow_policy_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FlowPolicy *p = g_new0 (FlowPolicy, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->tier = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->first_response_minutes = MAX (0, sqlite3_column_int64 (stmt, 3));
      p->resolution_minutes = MAX (0, sqlite3_column_int64 (stmt, 4));
      p->calendar_id = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (flow->policies, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&flow->policies, g_ptr_array_unref);
      return _flow_sql_error (flow, rc, error);
    }
  return TRUE;
}

FlowPolicy *
_flow_get_policy (Flow    *flow,
                  gint64   id,
                  GError **error)
{
  if (id == 0 || !load_policies (flow, error))
    return NULL;
  for (guint i = 0; i < flow->policies->len; i++)
    {
      FlowPolicy *p = g_ptr_array_index (flow->policies, i);

      if (p->id == id)
        return p;
    }
  return NULL;
}

FlowPolicy *
_flow_choose_policy (Flow       *flow,
                     const char *priority,
                     const char *tier,
                     GError    **error)
{
  g_autofree CrmSlaPolicyKey *keys = NULL;
  int best;

  if (!load_policies (flow, error))
    return NULL;
  keys = g_new0 (CrmSlaPolicyKey, flow->policies->len + 1);
  for (guint i = 0; i < flow->policies->len; i++)
    {
      FlowPolicy *p = g_ptr_array_index (flow->policies, i);

      keys[i].id = p->id;
      keys[i].priority = p->priority;
      keys[i].tier = p->tier;
    }
  best = crm_sla_choose_policy (keys, flow->policies->len, priority, tier);
  return best >= 0 ? g_ptr_array_index (flow->policies, best) : NULL;
}

static CrmBusinessCalendar *
always (Flow *flow)
{
  if (flow->always == NULL)
    flow->always = crm_business_calendar_new ("UTC", "24/7", NULL);
  return flow->always;
}

/* Calendar @id with its holidays; around the clock (in its zone, if that
 * can be read) when it is gone or its hours cannot be read, so that a typo
 * in the set-up never stops a ticket from moving. */
static CrmBusinessCalendar *
load_calendar (Flow    *flow,
               gint64   id,
               GError **error)
{
  g_autofree char *zone = NULL;
  g_autofree char *hours = NULL;
  g_autoptr(GError) local_error = NULL;
  CrmBusinessCalendar *cal;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (flow->worker, "SELECT timezone, hours FROM business_calendar "
                                    "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      zone = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hours = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _flow_sql_error (flow, rc, error), NULL;
  if (rc == SQLITE_DONE)
    return crm_business_calendar_ref (always (flow));

  cal = crm_business_calendar_new (zone, hours, &local_error);
  if (cal == NULL)
    {
      g_debug ("Calendar %" G_GINT64_FORMAT " counts around the clock: %s", id, local_error->message);
      cal = crm_business_calendar_new (zone, "24/7", NULL);
      if (cal == NULL)
        return crm_business_calendar_ref (always (flow));
      return cal;
    }

  stmt = _crm_store_worker_prepare (flow->worker, "SELECT day FROM holiday "
                                    "WHERE calendar_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    {
      crm_business_calendar_unref (cal);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    crm_business_calendar_add_holiday (cal, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_business_calendar_unref (cal);
      return _flow_sql_error (flow, rc, error), NULL;
    }
  return cal;
}

CrmBusinessCalendar *
_flow_calendar (Flow        *flow,
                FlowPolicy  *policy,
                GError     **error)
{
  if (policy == NULL || policy->calendar_id == 0)
    return always (flow);
  if (policy->calendar == NULL)
    {
      /* Policies sharing a calendar share one copy. */
      for (guint i = 0; i < flow->policies->len && policy->calendar == NULL; i++)
        {
          FlowPolicy *other = g_ptr_array_index (flow->policies, i);

          if (other->calendar != NULL && other->calendar_id == policy->calendar_id)
            policy->calendar = crm_business_calendar_ref (other->calendar);
        }
      if (policy->calendar == NULL)
        policy->calendar = load_calendar (flow, policy->calendar_id, error);
    }
  return policy->calendar;
}

gboolean
_flow_customer_tier (Flow        *flow,
                     gint64       organization_id,
                     char       **tier,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (organization_id == 0)
    {
      *tier = g_strdup (crm_sla_customer_tier (NULL));
      return TRUE;
    }
  stmt = _crm_store_worker_prepare (flow->worker, "SELECT tier FROM organization WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, organization_id);
  rc = sqlite3_step (stmt);
  *tier = g_strdup (crm_sla_customer_tier (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                                            : NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (tier, g_free);
      return _flow_sql_error (flow, rc, error);
    }
  return TRUE;
}

gboolean
_flow_read_ticket (Flow         *flow,
                   gint64        id,
                   TicketState  *state,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  TicketCols *c = &state->cols;
  int rc;

  memset (state, 0, sizeof *state);
  stmt = _crm_store_worker_prepare (flow->worker,
                                    "SELECT created, number, coalesce (person_id, 0), "
                                    "coalesce (organization_id, 0), status, priority, "
                                    "coalesce (assignee_id, 0), coalesce (sla_policy_id, 0), "
                                    "first_response_due, resolution_due, first_response, resolved, "
                                    "closed, waiting_since, waiting_seconds, sla_due, updated "
                                    "FROM ticket WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->id = id;
      state->created = sqlite3_column_int64 (stmt, 0);
      state->number = sqlite3_column_int64 (stmt, 1);
      state->person_id = sqlite3_column_int64 (stmt, 2);
      state->organization_id = sqlite3_column_int64 (stmt, 3);
      g_strlcpy (c->status, (const char *) sqlite3_column_text (stmt, 4), sizeof c->status);
      g_strlcpy (c->priority, (const char *) sqlite3_column_text (stmt, 5), sizeof c->priority);
      c->assignee_id = sqlite3_column_int64 (stmt, 6);
      c->sla_policy_id = sqlite3_column_int64 (stmt, 7);
      c->first_response_due = sqlite3_column_int64 (stmt, 8);
      c->resolution_due = sqlite3_column_int64 (stmt, 9);
      c->first_response = sqlite3_column_int64 (stmt, 10);
      c->resolved = sqlite3_column_int64 (stmt, 11);
      c->closed = sqlite3_column_int64 (stmt, 12);
      c->waiting_since = sqlite3_column_int64 (stmt, 13);
      c->waiting_seconds = sqlite3_column_int64 (stmt, 14);
      c->sla_due = sqlite3_column_int64 (stmt, 15);
      c->updated = sqlite3_column_int64 (stmt, 16);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return _flow_not_found (error);
  if (rc != SQLITE_ROW)
    return _flow_sql_error (flow, rc, error);
  return TRUE;
}

static void
bind_id (sqlite3_stmt *stmt,
         int           index,
         gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
_flow_write_ticket (Flow         *flow,
                    TicketState  *state,
                    GError      **error)
{
  TicketCols *c = &state->cols;
  sqlite3_stmt *stmt;

  c->sla_due = crm_ticket_sla_due (c->status, c->first_response, c->first_response_due,
                                   c->resolution_due);
  /* Later than what was there, so that "changed since" can be told. */
  c->updated = MAX (flow->now, c->updated);
  stmt = _crm_store_worker_prepare (flow->worker,
                                    "UPDATE ticket SET status = ?1, priority = ?2, assignee_id = ?3, "
                                    "sla_policy_id = ?4, first_response_due = ?5, resolution_due = ?6, "
                                    "first_response = ?7, resolved = ?8, closed = ?9, waiting_since = ?10, "
                                    "waiting_seconds = ?11, sla_due = ?12, updated = ?13 WHERE id = ?14",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->priority, -1, SQLITE_STATIC);
  bind_id (stmt, 3, c->assignee_id);
  bind_id (stmt, 4, c->sla_policy_id);
  sqlite3_bind_int64 (stmt, 5, c->first_response_due);
  sqlite3_bind_int64 (stmt, 6, c->resolution_due);
  sqlite3_bind_int64 (stmt, 7, c->first_response);
  sqlite3_bind_int64 (stmt, 8, c->resolved);
  sqlite3_bind_int64 (stmt, 9, c->closed);
  sqlite3_bind_int64 (stmt, 10, c->waiting_since);
  sqlite3_bind_int64 (stmt, 11, c->waiting_seconds);
  sqlite3_bind_int64 (stmt, 12, c->sla_due);
  sqlite3_bind_int64 (stmt, 13, c->updated);
  sqlite3_bind_int64 (stmt, 14, state->id);
  return _crm_store_worker_step (flow->worker, stmt, error);
}

gint64
_flow_add_history (Flow        *flow,
                   gint64       ticket_id,
                   const char  *status,
                   gint64       when,
                   gint64       user_id,
                   GError     **error)
{
  gint64 id = _crm_store_worker_next_id (flow->worker);
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (flow->worker,
                                    "INSERT INTO ticket_status_change (id, created, updated, ticket_id, "
                                    "status, changed_at, user_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)",
                                    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, flow->now);
  sqlite3_bind_int64 (stmt, 3, ticket_id);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, when);
  bind_id (stmt, 6, user_id);
  return _crm_store_worker_step (flow->worker, stmt, error) ? id : 0;
}

gboolean
_flow_apply_status (Flow         *flow,
                    TicketState  *state,
                    const char   *status,
                    gint64        when,
                    GError      **error)
{
  TicketCols *c = &state->cols;

  if (g_str_equal (c->status, "waiting-on-customer") && c->waiting_since != 0)
    {
      GError *local_error = NULL;
      FlowPolicy *policy = _flow_get_policy (flow, c->sla_policy_id, &local_error);
      CrmBusinessCalendar *cal;
      gint64 waited;

      if (local_error != NULL || (cal = _flow_calendar (flow, policy, &local_error)) == NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      /* The clock stood still: the targets that still run move on by the
       * business time waited. */
      waited = MAX (0, crm_business_calendar_seconds_between (cal, c->waiting_since, when));
      c->waiting_seconds += waited;
      if (c->first_response == 0 && c->first_response_due != 0)
        c->first_response_due = crm_business_calendar_add_seconds (cal, c->first_response_due, waited);
      if (c->resolution_due != 0)
        c->resolution_due = crm_business_calendar_add_seconds (cal, c->resolution_due, waited);
      c->waiting_since = 0;
    }

  if (g_str_equal (status, "waiting-on-customer"))
    c->waiting_since = when;
  else if (g_str_equal (status, "resolved"))
    c->resolved = when;
  else if (g_str_equal (status, "closed"))
    {
      c->closed = when;
      if (c->resolved == 0)
        c->resolved = when;
    }
  else if (g_str_equal (status, "open"))
    c->resolved = c->closed = 0;

  g_strlcpy (c->status, status, sizeof c->status);
  c->sla_due = crm_ticket_sla_due (c->status, c->first_response, c->first_response_due,
                                   c->resolution_due);
  return TRUE;
}

gboolean
_flow_staff_exists (Flow      *flow,
                    gint64     id,
                    gboolean  *exists,
                    GError   **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (flow->worker, "SELECT 1 FROM staff_user "
                                                  "WHERE id = ? AND deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _flow_sql_error (flow, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}
