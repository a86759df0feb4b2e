/* crm-ticket-flow-ops.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket operations on one ticket: messages, priority, the customer's
 * rating, new tickets, and the current user.
 */

#define G_LOG_DOMAIN "CrmTicketFlow"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-store.h"
#include "crm-ticket-flow-private.h"

typedef struct
{
  gint64  ticket_id;
  char   *kind;
  char   *body;
  gint64  user_id;
  gint64  person_id;
  gint64  sent;
  char   *message_id;
  char   *in_reply_to;
  char   *priority;
  int     score;
  /* create */
  char   *subject;
  char   *channel;
  gint64  organization_id;
  gint64  assignee_id;
} OneJob;

static void
one_job_free (gpointer data)
{
  OneJob *job = data;

  g_free (job->kind);
  g_free (job->body);
  g_free (job->message_id);
  g_free (job->in_reply_to);
  g_free (job->priority);
  g_free (job->subject);
  g_free (job->channel);
  g_free (job);
}

typedef gint64 (*OneFunc) (Flow *flow, OneJob *job, GError **error);

/* -1 (an error) as 0: ids and counts are positive. */
static gint64
positive_or_zero (gint64 value)
{
  return MAX (0, value);
}

/* Runs @func in a transaction; its result (> 0) is the task's. */
static void
run_one (CrmStoreWorker *worker,
         GTask          *task,
         OneFunc         func)
{
  OneJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 result = 0;
  Flow flow;

  _flow_init (&flow, worker);
  if (_crm_store_worker_begin (worker, &error) && (result = func (&flow, job, &error)) > 0 &&
      _crm_store_worker_commit (worker, &error))
    {
      _flow_clear (&flow);
      g_task_return_int (task, result);
      return;
    }
  _crm_store_worker_rollback (worker);
  _flow_clear (&flow);
  g_task_return_error (task, error);
}

static void
return_invalid (CrmStore            *store,
                gpointer             source_tag,
                const char          *message,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID, "%s", message);
}

static gboolean
staff_must_exist (Flow    *flow,
                  gint64   id,
                  GError **error)
{
  gboolean exists = TRUE;

  if (id != 0 && !_flow_staff_exists (flow, id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND,
                           _("That staff member no longer exists."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_must_exist (Flow        *flow,
                   const char  *sql,
                   gint64       id,
                   const char  *message,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (id == 0)
    return TRUE;
  if ((stmt = _crm_store_worker_prepare (flow->worker, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND, message);
      return FALSE;
    }
  return rc == SQLITE_ROW || _flow_sql_error (flow, rc, error);
}

static void
bind_text_or_empty (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
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

static gint64
insert_message (Flow        *flow,
                gint64       ticket_id,
                const char  *kind,
                gint64       person_id,
                gint64       user_id,
                const char  *body,
                gint64       sent,
                const char  *message_id,
                const char  *in_reply_to,
                GError     **error)
{
  gint64 id = _crm_store_worker_next_id (flow->worker);
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (flow->worker,
                                    "INSERT INTO ticket_message (id, created, updated, ticket_id, kind, "
                                    "person_id, user_id, body, sent, message_id, in_reply_to) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, flow->now);
  sqlite3_bind_int64 (stmt, 3, ticket_id);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_TRANSIENT);
  bind_id (stmt, 5, person_id);
  bind_id (stmt, 6, user_id);
  bind_text_or_empty (stmt, 7, body);
  sqlite3_bind_int64 (stmt, 8, sent);
  bind_text_or_empty (stmt, 9, message_id);
  bind_text_or_empty (stmt, 10, in_reply_to);
  return _crm_store_worker_step (flow->worker, stmt, error) ? id : 0;
}

/* --- Messages --- */

static gint64
do_add_message (Flow    *flow,
                OneJob  *job,
                GError **error)
{
  gboolean customer = g_str_equal (job->kind, "customer");
  gboolean reply = g_str_equal (job->kind, "reply");
  gint64 sent = job->sent != 0 ? job->sent : flow->now;
  const char *reopen_to = NULL;
  TicketState state;
  gint64 id, person;

  if (!_flow_read_ticket (flow, job->ticket_id, &state, error) ||
      (!customer && !staff_must_exist (flow, job->user_id, error)) ||
      (customer && !record_must_exist (flow, "SELECT 1 FROM person WHERE id = ?", job->person_id,
                                       _("That person no longer exists."), error)))
    return 0;

  person = customer ? (job->person_id != 0 ? job->person_id : state.person_id) : 0;
  id = insert_message (flow, job->ticket_id, job->kind, person, customer ? 0 : job->user_id,
                       job->body, sent, job->message_id, job->in_reply_to, error);
  if (id == 0)
    return 0;

  if (reply && state.cols.first_response == 0)
    {
      /* The first answer to the customer stops the first-response clock;
       * a new ticket is being worked on from then. */
      state.cols.first_response = sent;
      if (g_str_equal (state.cols.status, "new"))
        reopen_to = "open";
    }
  else if (customer && (g_str_equal (state.cols.status, "waiting-on-customer") ||
                        g_str_equal (state.cols.status, "resolved")))
    reopen_to = "open";

  if (reopen_to != NULL &&
      (!_flow_apply_status (flow, &state, reopen_to, sent, error) ||
       _flow_add_history (flow, job->ticket_id, reopen_to, sent, reply ? job->user_id : 0, error) == 0))
    return 0;
  return _flow_write_ticket (flow, &state, error) ? id : 0;
}

static void
add_message_job (CrmStoreWorker *worker,
                 GTask          *task,
                 gpointer        data)
{
  run_one (worker, task, do_add_message);
}

void
crm_ticket_flow_add_message_full_async (CrmStore            *store,
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
                                        gpointer             user_data)
{
  g_autofree char *stripped = g_strstrip (g_strdup (body != NULL ? body : ""));
  OneJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  if (!crm_ticket_message_kind_is_valid (kind))
    {
      return_invalid (store, crm_ticket_flow_add_message_async, _("Unknown kind of message."),
                      callback, user_data);
      return;
    }
  if (stripped[0] == '\0')
    {
      return_invalid (store, crm_ticket_flow_add_message_async, _("The message is empty."),
                      callback, user_data);
      return;
    }

  job = g_new0 (OneJob, 1);
  job->ticket_id = ticket_id;
  job->kind = g_strdup (kind);
  job->body = g_strdup (body);
  job->user_id = user_id;
  job->person_id = person_id;
  job->sent = sent;
  job->message_id = g_strdup (message_id);
  job->in_reply_to = g_strdup (in_reply_to);
  _crm_store_run_async (store, add_message_job, job, one_job_free, crm_ticket_flow_add_message_async,
                        "crm-ticket-flow-add-message", cancellable, callback, user_data);
}

void
crm_ticket_flow_add_message_async (CrmStore            *store,
                                   gint64               ticket_id,
                                   const char          *kind,
                                   const char          *body,
                                   gint64               user_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  crm_ticket_flow_add_message_full_async (store, ticket_id, kind, body, user_id, 0, 0, NULL, NULL,
                                          cancellable, callback, user_data);
}

gint64
crm_ticket_flow_add_message_finish (CrmStore      *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), 0);

  return positive_or_zero (g_task_propagate_int (G_TASK (result), error));
}

/* --- SLA targets --- */

/* How far the due times of @state were moved by waiting so far, measured
 * against @old (the policy they were computed with). */
static gboolean
current_shifts (Flow         *flow,
                TicketState  *state,
                gint64       *fr_shift,
                gint64       *res_shift,
                GError      **error)
{
  TicketCols *c = &state->cols;
  GError *local_error = NULL;
  FlowPolicy *old = _flow_get_policy (flow, c->sla_policy_id, &local_error);
  CrmBusinessCalendar *cal;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *fr_shift = c->first_response == 0 ? c->waiting_seconds : 0;
  *res_shift = c->waiting_seconds;
  if (old == NULL)
    return TRUE;
  if ((cal = _flow_calendar (flow, old, error)) == NULL)
    return FALSE;
  if (old->first_response_minutes > 0 && c->first_response_due != 0)
    *fr_shift = MAX (0, crm_business_calendar_seconds_between (
                          cal, crm_business_calendar_add_seconds (cal, state->created,
                                                                   old->first_response_minutes * 60),
                          c->first_response_due));
  if (old->resolution_minutes > 0 && c->resolution_due != 0)
    *res_shift = MAX (0, crm_business_calendar_seconds_between (
                           cal, crm_business_calendar_add_seconds (cal, state->created,
                                                                    old->resolution_minutes * 60),
                           c->resolution_due));
  return TRUE;
}

/* Sets the policy and due times of @state for @policy (NULL: none). */
static gboolean
set_targets (Flow         *flow,
             TicketState  *state,
             FlowPolicy   *policy,
             gint64        fr_shift,
             gint64        res_shift,
             GError      **error)
{
  TicketCols *c = &state->cols;
  CrmBusinessCalendar *cal = _flow_calendar (flow, policy, error);

  if (cal == NULL)
    return FALSE;
  c->sla_policy_id = policy != NULL ? policy->id : 0;
  c->first_response_due = 0;
  c->resolution_due = 0;
  if (policy != NULL && policy->first_response_minutes > 0)
    c->first_response_due = crm_business_calendar_add_seconds (cal, state->created,
                                                               policy->first_response_minutes * 60 + fr_shift);
  if (policy != NULL && policy->resolution_minutes > 0)
    c->resolution_due = crm_business_calendar_add_seconds (cal, state->created,
                                                           policy->resolution_minutes * 60 + res_shift);
  return TRUE;
}

/* --- Priority --- */

static gint64
do_set_priority (Flow    *flow,
                 OneJob  *job,
                 GError **error)
{
  g_autofree char *tier = NULL;
  TicketState state;
  FlowPolicy *policy;
  GError *local_error = NULL;
  gint64 fr_shift, res_shift;

  if (!_flow_read_ticket (flow, job->ticket_id, &state, error))
    return 0;
  if (g_str_equal (state.cols.priority, job->priority))
    return 1;
  if (!_flow_customer_tier (flow, state.organization_id, &tier, error))
    return 0;
  policy = _flow_choose_policy (flow, job->priority, tier, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  g_strlcpy (state.cols.priority, job->priority, sizeof state.cols.priority);
  if ((policy != NULL ? policy->id : 0) != state.cols.sla_policy_id &&
      (!current_shifts (flow, &state, &fr_shift, &res_shift, error) ||
       !set_targets (flow, &state, policy, fr_shift, res_shift, error)))
    return 0;
  return _flow_write_ticket (flow, &state, error) ? 1 : 0;
}

static void
set_priority_job (CrmStoreWorker *worker,
                  GTask          *task,
                  gpointer        data)
{
  run_one (worker, task, do_set_priority);
}

void
crm_ticket_flow_set_priority_async (CrmStore            *store,
                                    gint64               ticket_id,
                                    const char          *priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  OneJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  if (!crm_ticket_priority_is_valid (priority))
    {
      return_invalid (store, crm_ticket_flow_set_priority_async, _("Unknown ticket priority."),
                      callback, user_data);
      return;
    }
  job = g_new0 (OneJob, 1);
  job->ticket_id = ticket_id;
  job->priority = g_strdup (priority);
  _crm_store_run_async (store, set_priority_job, job, one_job_free, crm_ticket_flow_set_priority_async,
                        "crm-ticket-flow-set-priority", cancellable, callback, user_data);
}

gboolean
crm_ticket_flow_set_priority_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_int (G_TASK (result), error) > 0;
}

/* --- CSAT --- */

static gint64
do_set_csat (Flow    *flow,
             OneJob  *job,
             GError **error)
{
  TicketState state;
  sqlite3_stmt *stmt;

  if (!_flow_read_ticket (flow, job->ticket_id, &state, error))
    return 0;
  stmt = _crm_store_worker_prepare (flow->worker, "UPDATE ticket SET csat_score = ?1, csat_comment = ?2, "
                                    "csat_at = ?3, updated = max (updated, ?3) WHERE id = ?4", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, job->score);
  bind_text_or_empty (stmt, 2, job->body);
  sqlite3_bind_int64 (stmt, 3, flow->now);
  sqlite3_bind_int64 (stmt, 4, job->ticket_id);
  return _crm_store_worker_step (flow->worker, stmt, error) ? 1 : 0;
}

static void
set_csat_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  run_one (worker, task, do_set_csat);
}

void
crm_ticket_flow_set_csat_async (CrmStore            *store,
                                gint64               ticket_id,
                                int                  score,
                                const char          *comment,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  OneJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  if (score < 1 || score > 5)
    {
      return_invalid (store, crm_ticket_flow_set_csat_async, _("A rating is from 1 to 5."),
                      callback, user_data);
      return;
    }
  job = g_new0 (OneJob, 1);
  job->ticket_id = ticket_id;
  job->score = score;
  job->body = g_strstrip (g_strdup (comment != NULL ? comment : ""));
  _crm_store_run_async (store, set_csat_job, job, one_job_free, crm_ticket_flow_set_csat_async,
                        "crm-ticket-flow-set-csat", cancellable, callback, user_data);
}

gboolean
crm_ticket_flow_set_csat_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_int (G_TASK (result), error) > 0;
}

/* --- New tickets --- */

static gboolean
next_number (Flow    *flow,
             gint64  *number,
             GError **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (flow->worker, "SELECT coalesce (max (number), 0) + 1 FROM ticket",
                                                  error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *number = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || _flow_sql_error (flow, rc, error);
}

static gboolean
insert_ticket (Flow         *flow,
               OneJob       *job,
               TicketState  *state,
               GError      **error)
{
  TicketCols *c = &state->cols;
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (flow->worker,
                                    "INSERT INTO ticket (id, created, updated, number, subject, channel, "
                                    "priority, status, person_id, organization_id, assignee_id, "
                                    "sla_policy_id, first_response_due, resolution_due, sla_due) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?10, ?11, ?12, "
                                    "?13, ?14)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, state->id);
  sqlite3_bind_int64 (stmt, 2, state->created);
  sqlite3_bind_int64 (stmt, 3, MAX (flow->now, state->created));
  sqlite3_bind_int64 (stmt, 4, state->number);
  sqlite3_bind_text (stmt, 5, job->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, job->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, c->priority, -1, SQLITE_STATIC);
  bind_id (stmt, 8, state->person_id);
  bind_id (stmt, 9, state->organization_id);
  bind_id (stmt, 10, c->assignee_id);
  bind_id (stmt, 11, c->sla_policy_id);
  sqlite3_bind_int64 (stmt, 12, c->first_response_due);
  sqlite3_bind_int64 (stmt, 13, c->resolution_due);
  sqlite3_bind_int64 (stmt, 14, crm_ticket_sla_due ("new", 0, c->first_response_due, c->resolution_due));
  return _crm_store_worker_step (flow->worker, stmt, error);
}

static gint64
do_create (Flow    *flow,
           OneJob  *job,
           GError **error)
{
  g_autofree char *tier = NULL;
  GError *local_error = NULL;
  TicketState state;
  FlowPolicy *policy;

  memset (&state, 0, sizeof state);
  state.person_id = job->person_id;
  state.organization_id = job->organization_id;
  state.created = job->sent != 0 ? job->sent : flow->now;
  state.cols.assignee_id = job->assignee_id;
  g_strlcpy (state.cols.priority, job->priority, sizeof state.cols.priority);

  if (!record_must_exist (flow, "SELECT 1 FROM person WHERE id = ? AND deleted = 0", job->person_id,
                          _("That person no longer exists."), error) ||
      !record_must_exist (flow, "SELECT 1 FROM organization WHERE id = ? AND deleted = 0",
                          job->organization_id, _("That organization no longer exists."), error) ||
      !staff_must_exist (flow, job->assignee_id, error) ||
      !staff_must_exist (flow, job->user_id, error) ||
      !_flow_customer_tier (flow, job->organization_id, &tier, error) ||
      !next_number (flow, &state.number, error))
    return 0;
  policy = _flow_choose_policy (flow, job->priority, tier, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!set_targets (flow, &state, policy, 0, 0, error))
    return 0;

  state.id = _crm_store_worker_next_id (flow->worker);
  if (!insert_ticket (flow, job, &state, error) ||
      _flow_add_history (flow, state.id, "new", state.created, job->user_id, error) == 0)
    return 0;
  if (job->body != NULL && job->body[0] != '\0' &&
      insert_message (flow, state.id, "customer", job->person_id, 0, job->body, state.created,
                      job->message_id, job->in_reply_to, error) == 0)
    return 0;
  return state.id;
}

static void
create_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  run_one (worker, task, do_create);
}

void
crm_ticket_flow_create_async (CrmStore             *store,
                              const CrmTicketDraft *draft,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  const char *channel, *priority;
  OneJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  subject = g_strstrip (g_strdup (draft->subject != NULL ? draft->subject : ""));
  body = g_strstrip (g_strdup (draft->body != NULL ? draft->body : ""));
  channel = draft->channel != NULL ? draft->channel : "email";
  priority = draft->priority != NULL ? draft->priority : "normal";
  if (subject[0] == '\0' || !crm_ticket_channel_is_valid (channel) ||
      !crm_ticket_priority_is_valid (priority))
    {
      return_invalid (store, crm_ticket_flow_create_async,
                      subject[0] == '\0' ? _("A ticket needs a subject.")
                      : !crm_ticket_channel_is_valid (channel) ? _("Unknown ticket channel.")
                      : _("Unknown ticket priority."),
                      callback, user_data);
      return;
    }

  job = g_new0 (OneJob, 1);
  job->subject = g_steal_pointer (&subject);
  job->body = g_steal_pointer (&body);
  job->channel = g_strdup (channel);
  job->priority = g_strdup (priority);
  job->person_id = draft->person_id;
  job->organization_id = draft->organization_id;
  job->assignee_id = draft->assignee_id;
  job->user_id = draft->user_id;
  job->sent = draft->created;
  job->message_id = g_strdup (draft->message_id);
  job->in_reply_to = g_strdup (draft->in_reply_to);
  _crm_store_run_async (store, create_job, job, one_job_free, crm_ticket_flow_create_async,
                        "crm-ticket-flow-create", cancellable, callback, user_data);
}

gint64
crm_ticket_flow_create_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), 0);

  return positive_or_zero (g_task_propagate_int (G_TASK (result), error));
}

/* --- The current user --- */

#define CURRENT_USER_KEY "current-user"

static void
get_current_user_job (CrmStoreWorker *worker,
                      GTask          *task,
                      gpointer        data)
{
  GError *error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT s.id FROM meta m JOIN staff_user s "
                                    "ON s.id = CAST (m.value AS INTEGER) AND s.deleted = 0 "
                                    "WHERE m.key = '" CURRENT_USER_KEY "'", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, id);
}

void
crm_service_get_current_user_async (CrmStore            *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, get_current_user_job, NULL, NULL, crm_service_get_current_user_async,
                        "crm-service-get-current-user", cancellable, callback, user_data);
}

gint64
crm_service_get_current_user_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), 0);

  return positive_or_zero (g_task_propagate_int (G_TASK (result), error));
}

static gint64
do_set_current_user (Flow    *flow,
                     OneJob  *job,
                     GError **error)
{
  sqlite3_stmt *stmt;

  if (!staff_must_exist (flow, job->user_id, error))
    return 0;
  if (job->user_id == 0)
    stmt = _crm_store_worker_prepare (flow->worker, "DELETE FROM meta WHERE key = '" CURRENT_USER_KEY "'",
                                      error);
  else
    stmt = _crm_store_worker_prepare (flow->worker, "INSERT OR REPLACE INTO meta (key, value) "
                                      "VALUES ('" CURRENT_USER_KEY "', ?)", error);
  if (stmt == NULL)
    return 0;
  if (job->user_id != 0)
    sqlite3_bind_int64 (stmt, 1, job->user_id);
  return _crm_store_worker_step (flow->worker, stmt, error) ? 1 : 0;
}

static void
set_current_user_job (CrmStoreWorker *worker,
                      GTask          *task,
                      gpointer        data)
{
  run_one (worker, task, do_set_current_user);
}

void
crm_service_set_current_user_async (CrmStore            *store,
                                    gint64               user_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  OneJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (user_id >= 0);

  job = g_new0 (OneJob, 1);
  job->user_id = user_id;
  _crm_store_run_async (store, set_current_user_job, job, one_job_free, crm_service_set_current_user_async,
                        "crm-service-set-current-user", cancellable, callback, user_data);
}

gboolean
crm_service_set_current_user_finish (CrmStore      *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_int (G_TASK (result), error) > 0;
}
