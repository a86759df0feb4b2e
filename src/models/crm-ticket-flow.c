/* crm-ticket-flow.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The status rules, the SLA deadline, canned replies, and the operations
 * that change many tickets at once (status, close, assign) with their undo.
 */

#define G_LOG_DOMAIN "CrmTicketFlow"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-keys.h"
#include "crm-store.h"
#include "crm-ticket-flow-private.h"

G_DEFINE_QUARK (crm-ticket-flow-error-quark, crm_ticket_flow_error)

/* --- Keys and rules --- */

static const char * const statuses[] = { "new", "open", "waiting-on-customer", "resolved", "closed", NULL };
static const char * const from_new[] = { "open", "waiting-on-customer", "resolved", "closed", NULL };
static const char * const from_open[] = { "waiting-on-customer", "resolved", "closed", NULL };
static const char * const from_waiting[] = { "open", "resolved", "closed", NULL };
static const char * const from_resolved[] = { "open", "closed", NULL };
static const char * const from_closed[] = { "open", NULL };
static const char * const nowhere[] = { NULL };
static const char * const priorities[] = { "low", "normal", "high", "urgent", NULL };
static const char * const channels[] = { "email", "phone", "chat", "web-form", "social", "in-person",
                                         "self-service", NULL };
static const char * const message_kinds[] = { "customer", "reply", "note", NULL };

static gboolean
in_list (const char * const *list,
         const char         *key)
{
  return key != NULL && g_strv_contains (list, key);
}

gboolean
crm_ticket_status_is_valid (const char *status)
{
  return in_list (statuses, status);
}

gboolean
crm_ticket_priority_is_valid (const char *priority)
{
  return in_list (priorities, priority);
}

gboolean
crm_ticket_channel_is_valid (const char *channel)
{
  return in_list (channels, channel);
}

gboolean
crm_ticket_message_kind_is_valid (const char *kind)
{
  return in_list (message_kinds, kind);
}

const char * const *
crm_ticket_status_get_targets (const char *from)
{
  if (g_strcmp0 (from, "new") == 0)
    return from_new;
  if (g_strcmp0 (from, "open") == 0)
    return from_open;
  if (g_strcmp0 (from, "waiting-on-customer") == 0)
    return from_waiting;
  if (g_strcmp0 (from, "resolved") == 0)
    return from_resolved;
  if (g_strcmp0 (from, "closed") == 0)
    return from_closed;
  return nowhere;
}

gboolean
crm_ticket_status_can_change (const char *from,
                              const char *to)
{
  return in_list (crm_ticket_status_get_targets (from), to);
}

gint64
crm_ticket_sla_due (const char *status,
                    gint64      first_response,
                    gint64      first_response_due,
                    gint64      resolution_due)
{
  if (g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0)
    return 0;
  if (first_response == 0 && first_response_due != 0)
    return first_response_due;
  return resolution_due;
}

char *
crm_canned_reply_expand (const char *body,
                         const char *customer,
                         gint64      ticket_number,
                         const char *agent)
{
  GString *out;
  char ticket[32];

  g_return_val_if_fail (body != NULL, NULL);

  g_snprintf (ticket, sizeof ticket, "#%" G_GINT64_FORMAT, ticket_number);
  out = g_string_sized_new (strlen (body) + 32);
  for (const char *p = body; *p != '\0';)
    {
      if (g_str_has_prefix (p, "{customer}"))
        {
          g_string_append (out, customer != NULL ? customer : "");
          p += strlen ("{customer}");
        }
      else if (g_str_has_prefix (p, "{ticket}"))
        {
          g_string_append (out, ticket);
          p += strlen ("{ticket}");
        }
      else if (g_str_has_prefix (p, "{agent}"))
        {
          g_string_append (out, agent != NULL ? agent : "");
          p += strlen ("{agent}");
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* --- Undo --- */

typedef struct
{
  gint64      ticket_id;
  TicketCols  before;
  TicketCols  after;
  gint64      history_id;   /* the status history row the operation added, 0: none */
} UndoEntry;

struct _CrmTicketUndo
{
  gatomicrefcount  ref_count;
  GArray          *entries;  /* UndoEntry */
};

G_DEFINE_BOXED_TYPE (CrmTicketUndo, crm_ticket_undo, crm_ticket_undo_ref, crm_ticket_undo_unref)

CrmTicketUndo *
_crm_ticket_undo_new (void)
{
  CrmTicketUndo *self = g_new0 (CrmTicketUndo, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  return self;
}

void
_crm_ticket_undo_add (CrmTicketUndo    *self,
                      gint64            ticket_id,
                      const TicketCols *before,
                      const TicketCols *after,
                      gint64            history_id)
{
  UndoEntry e;

  memset (&e, 0, sizeof e);
  e.ticket_id = ticket_id;
  e.before = *before;
  e.after = *after;
  e.history_id = history_id;
  g_array_append_val (self->entries, e);
}

CrmTicketUndo *
crm_ticket_undo_ref (CrmTicketUndo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_ticket_undo_unref (CrmTicketUndo *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->entries);
  g_free (self);
}

guint
crm_ticket_undo_get_n_tickets (CrmTicketUndo *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

gint64
crm_ticket_undo_get_ticket_id (CrmTicketUndo *self,
                               guint          index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->entries->len, 0);
  return g_array_index (self->entries, UndoEntry, index).ticket_id;
}

static gboolean
same_cols (const TicketCols *a,
           const TicketCols *b)
{
  return g_str_equal (a->status, b->status) && g_str_equal (a->priority, b->priority) &&
         a->assignee_id == b->assignee_id && a->sla_policy_id == b->sla_policy_id &&
         a->first_response_due == b->first_response_due && a->resolution_due == b->resolution_due &&
         a->first_response == b->first_response && a->resolved == b->resolved &&
         a->closed == b->closed && a->waiting_since == b->waiting_since &&
         a->waiting_seconds == b->waiting_seconds && a->sla_due == b->sla_due &&
         a->updated == b->updated;
}

/* --- Jobs that change many tickets --- */

typedef enum
{
  JOB_STATUS,      /* every ticket must be able to go to @status */
  JOB_CLOSE,       /* closed ones are left alone */
  JOB_ASSIGN,
} JobKind;

typedef struct
{
  JobKind        kind;
  gint64        *ids;
  guint          n_ids;
  char          *status;
  gint64         user_id;        /* JOB_STATUS, JOB_CLOSE: who; JOB_ASSIGN: the assignee */
  CrmTicketUndo *undo;           /* the undo job's record (ref) */
} ManyJob;

static void
many_job_free (gpointer data)
{
  ManyJob *job = data;

  g_free (job->ids);
  g_free (job->status);
  g_clear_pointer (&job->undo, crm_ticket_undo_unref);
  g_free (job);
}

static gboolean
bad_transition (GError     **error,
                const char  *from,
                const char  *to)
{
  g_set_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_BAD_TRANSITION,
               /* Translators: the two %s are ticket statuses, such as “Closed” and “Resolved” */
               _("A ticket cannot go from “%s” to “%s”."),
               crm_keys_get_label ("ticket-status", from), crm_keys_get_label ("ticket-status", to));
  return FALSE;
}

/* One ticket of a status or close job. */
static gboolean
change_status (Flow           *flow,
               ManyJob        *job,
               gint64          id,
               CrmTicketUndo  *undo,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  TicketState state;
  TicketCols before;
  gint64 history;

  if (!_flow_read_ticket (flow, id, &state, &local_error))
    {
      /* A bulk job skips tickets that went away meanwhile; one ticket fails. */
      if (job->n_ids > 1 && g_error_matches (local_error, CRM_TICKET_FLOW_ERROR,
                                             CRM_TICKET_FLOW_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_str_equal (state.cols.status, job->status) && (job->kind == JOB_CLOSE || job->n_ids > 1))
    return TRUE;
  if (!crm_ticket_status_can_change (state.cols.status, job->status))
    return bad_transition (error, state.cols.status, job->status);

  before = state.cols;
  if (!_flow_apply_status (flow, &state, job->status, flow->now, error) ||
      !_flow_write_ticket (flow, &state, error) ||
      (history = _flow_add_history (flow, id, job->status, flow->now, job->user_id, error)) == 0)
    return FALSE;
  _crm_ticket_undo_add (undo, id, &before, &state.cols, history);
  return TRUE;
}

static gboolean
assign (Flow           *flow,
        ManyJob        *job,
        gint64          id,
        CrmTicketUndo  *undo,
        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  TicketState state;
  TicketCols before;

  if (!_flow_read_ticket (flow, id, &state, &local_error))
    {
      if (job->n_ids > 1 && g_error_matches (local_error, CRM_TICKET_FLOW_ERROR,
                                             CRM_TICKET_FLOW_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (state.cols.assignee_id == job->user_id)
    return TRUE;
  before = state.cols;
  state.cols.assignee_id = job->user_id;
  if (!_flow_write_ticket (flow, &state, error))
    return FALSE;
  _crm_ticket_undo_add (undo, id, &before, &state.cols, 0);
  return TRUE;
}

static gboolean
do_many (Flow           *flow,
         ManyJob        *job,
         CrmTicketUndo  *undo,
         GError        **error)
{
  if (job->kind == JOB_ASSIGN && job->user_id != 0)
    {
      gboolean exists;

      if (!_flow_staff_exists (flow, job->user_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND,
                               _("That staff member no longer exists."));
          return FALSE;
        }
    }
  for (guint i = 0; i < job->n_ids; i++)
    {
      /* The same ticket twice in the list is changed once. */
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = job->ids[j] == job->ids[i];
      if (seen)
        continue;
      if (job->kind == JOB_ASSIGN ? !assign (flow, job, job->ids[i], undo, error)
                                  : !change_status (flow, job, job->ids[i], undo, error))
        return FALSE;
    }
  return TRUE;
}

static void
many_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  ManyJob *job = data;
  CrmTicketUndo *undo = _crm_ticket_undo_new ();
  GError *error = NULL;
  Flow flow;

  _flow_init (&flow, worker);
  if (_crm_store_worker_begin (worker, &error) && do_many (&flow, job, undo, &error) &&
      _crm_store_worker_commit (worker, &error))
    {
      _flow_clear (&flow);
      g_task_return_pointer (task, undo, (GDestroyNotify) crm_ticket_undo_unref);
      return;
    }
  _crm_store_worker_rollback (worker);
  _flow_clear (&flow);
  crm_ticket_undo_unref (undo);
  g_task_return_error (task, error);
}

static void
run_many (CrmStore            *store,
          JobKind              kind,
          const gint64        *ids,
          guint                n_ids,
          const char          *status,
          gint64               user_id,
          gpointer             source_tag,
          const char          *name,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  ManyJob *job = g_new0 (ManyJob, 1);

  job->kind = kind;
  job->ids = n_ids > 0 ? g_memdup2 (ids, n_ids * sizeof (gint64)) : NULL;
  job->n_ids = n_ids;
  job->status = g_strdup (status);
  job->user_id = user_id;
  _crm_store_run_async (store, many_job, job, many_job_free, source_tag, name, cancellable,
                        callback, user_data);
}

static void
report_invalid (CrmStore            *store,
                gpointer             source_tag,
                const char          *message,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID, "%s", message);
}

void
crm_ticket_flow_set_status_many_async (CrmStore            *store,
                                       const gint64        *ticket_ids,
                                       guint                n_tickets,
                                       const char          *status,
                                       gint64               user_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ticket_ids != NULL || n_tickets == 0);

  if (!crm_ticket_status_is_valid (status))
    {
      report_invalid (store, crm_ticket_flow_set_status_async, _("Unknown ticket status."),
                      callback, user_data);
      return;
    }
  run_many (store, JOB_STATUS, ticket_ids, n_tickets, status, user_id,
            crm_ticket_flow_set_status_async, "crm-ticket-flow-set-status", cancellable,
            callback, user_data);
}

void
crm_ticket_flow_set_status_async (CrmStore            *store,
                                  gint64               ticket_id,
                                  const char          *status,
                                  gint64               user_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  crm_ticket_flow_set_status_many_async (store, &ticket_id, 1, status, user_id, cancellable,
                                         callback, user_data);
}

CrmTicketUndo *
crm_ticket_flow_set_status_finish (CrmStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_ticket_flow_close_async (CrmStore            *store,
                             const gint64        *ticket_ids,
                             guint                n_tickets,
                             gint64               user_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ticket_ids != NULL || n_tickets == 0);

  run_many (store, JOB_CLOSE, ticket_ids, n_tickets, "closed", user_id, crm_ticket_flow_close_async,
            "crm-ticket-flow-close", cancellable, callback, user_data);
}

CrmTicketUndo *
crm_ticket_flow_close_finish (CrmStore      *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_ticket_flow_assign_async (CrmStore            *store,
                              const gint64        *ticket_ids,
                              guint                n_tickets,
                              gint64               assignee_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ticket_ids != NULL || n_tickets == 0);

  run_many (store, JOB_ASSIGN, ticket_ids, n_tickets, NULL, assignee_id, crm_ticket_flow_assign_async,
            "crm-ticket-flow-assign", cancellable, callback, user_data);
}

CrmTicketUndo *
crm_ticket_flow_assign_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Undo job --- */

static gboolean
delete_history (Flow    *flow,
                gint64   id,
                GError **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (flow->worker, "DELETE FROM ticket_status_change WHERE id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _crm_store_worker_step (flow->worker, stmt, error);
}

static gint64
do_undo (Flow           *flow,
         CrmTicketUndo  *undo,
         GError        **error)
{
  gint64 restored = 0;

  for (guint i = 0; i < undo->entries->len; i++)
    {
      const UndoEntry *e = &g_array_index (undo->entries, UndoEntry, i);
      g_autoptr(GError) local_error = NULL;
      TicketState state;

      if (!_flow_read_ticket (flow, e->ticket_id, &state, &local_error))
        {
          if (g_error_matches (local_error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }
      /* Only a ticket nobody changed since. */
      if (!same_cols (&state.cols, &e->after))
        continue;
      state.cols = e->before;
      state.cols.updated = MAX (flow->now, e->after.updated);
      if (!_flow_write_ticket (flow, &state, error) ||
          (e->history_id != 0 && !delete_history (flow, e->history_id, error)))
        return -1;
      restored++;
    }
  if (restored == 0 && undo->entries->len > 0)
    {
      g_set_error_literal (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_CHANGED,
                           _("The tickets have changed again since; they were left as they are."));
      return -1;
    }
  return restored;
}

static void
undo_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  ManyJob *job = data;
  GError *error = NULL;
  gint64 restored = -1;
  Flow flow;

  _flow_init (&flow, worker);
  if (_crm_store_worker_begin (worker, &error) &&
      (restored = do_undo (&flow, job->undo, &error)) >= 0 &&
      _crm_store_worker_commit (worker, &error))
    {
      _flow_clear (&flow);
      g_task_return_int (task, restored);
      return;
    }
  _crm_store_worker_rollback (worker);
  _flow_clear (&flow);
  g_task_return_error (task, error);
}

void
crm_ticket_flow_undo_async (CrmStore            *store,
                            CrmTicketUndo       *undo,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ManyJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (undo != NULL);

  job = g_new0 (ManyJob, 1);
  job->undo = crm_ticket_undo_ref (undo);
  _crm_store_run_async (store, undo_job, job, many_job_free, crm_ticket_flow_undo_async,
                        "crm-ticket-flow-undo", cancellable, callback, user_data);
}

gint64
crm_ticket_flow_undo_finish (CrmStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
