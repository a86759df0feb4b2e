/* crm-demo-service.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's service desk (tickets with conversations, status
 * history, SLA clocks and CSAT; self-service resolutions) and the activity
 * timeline of every kind of record.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <string.h>

#include "crm-demo-private.h"
#include "crm-ticket-flow-private.h"

static const char *ticket_channels[] = { "email", "phone", "chat", "web-form", "social",
                                         "in-person", "self-service" };
static const guint ticket_channel_weights[] = { 35, 15, 20, 15, 7, 5, 3 };
static const char *priorities[] = { "low", "normal", "high", "urgent" };
static const guint priority_weights[] = { 20, 55, 20, 5 };
/* gen->org_tier's keys */
static const char *org_tiers[] = { "strategic", "key", "standard" };
static const guint csat_weights[] = { 6, 7, 12, 30, 45 };

static const char *activity_kinds[] = { "call", "meeting", "email", "note", "task" };
static const guint activity_weights[] = { 25, 12, 30, 15, 18 };

gboolean
demo_make_activity (DemoGen     *gen,
                    const char  *subject_kind,
                    gint64       subject_id,
                    gint64       when,
                    gint64       owner,
                    GError     **error)
{
  const char *kind;
  gint64 occurred = when, due = 0, done = 0, duration = 0, created = when;

  if (gen->n_activities_done >= gen->n_activities)
    return TRUE;
  gen->n_activities_done++;

  if (when > gen->reference)
    {
      /* A next step: an open task (or a scheduled call or meeting). */
      kind = demo_rand_chance (&gen->rand, 70) ? "task"
             : demo_rand_chance (&gen->rand, 50) ? "call" : "meeting";
      occurred = 0;
      due = when;
      created = gen->reference - (gint64) demo_rand_below (&gen->rand, 5 * 86400);
    }
  else
    {
      kind = activity_kinds[demo_rand_weighted (&gen->rand, activity_weights, 5)];
      if (kind[0] == 't')
        {
          due = when;
          if (demo_rand_chance (&gen->rand, 88))
            done = when + (gint64) demo_rand_below (&gen->rand, 2 * 86400);
          else
            occurred = 0;     /* overdue and still open */
          done = MIN (done, gen->reference);
          if (done != 0)
            occurred = done;
          created = when - (gint64) demo_rand_below (&gen->rand, 7 * 86400);
        }
      else if (kind[0] == 'c')
        duration = 60 * (3 + (gint64) demo_rand_below (&gen->rand, 40));
      else if (kind[0] == 'm')
        duration = 60 * 15 * (2 + (gint64) demo_rand_below (&gen->rand, 7));
    }

  return demo_insert (gen, DEMO_STMT_ACTIVITY, error, "iiissisiiiir", demo_next_id (gen),
                      created, MAX (created, MAX (occurred, done)), kind, subject_kind,
                      subject_id, demo_activity_summary (gen, kind), occurred, due, done,
                      duration, owner != 0 ? owner : demo_staff_of_role (gen, "sales"));
}

typedef struct
{
  guint   number;
  gint64  id;
  gint64  person;
  gint64  assignee;
  gboolean email;
  guint   n_messages;
  char    last_mid[64];
} Conversation;

static gboolean
add_message (DemoGen      *gen,
             Conversation *c,
             const char   *kind,
             const char   *body,
             gint64        sent,
             GError      **error)
{
  char mid[64] = "";
  char in_reply_to[64] = "";
  gboolean from_customer = kind[0] == 'c';

  c->n_messages++;
  if (c->email && kind[0] != 'n')
    {
      g_snprintf (mid, sizeof mid, "<t%u.%u@%s>", c->number, c->n_messages,
                  from_customer ? "mail.example" : "support.rapport-demo.example");
      g_strlcpy (in_reply_to, c->last_mid, sizeof in_reply_to);
      g_strlcpy (c->last_mid, mid, sizeof c->last_mid);
    }
  return demo_insert (gen, DEMO_STMT_TICKET_MESSAGE, error, "iiiisrrsiss", demo_next_id (gen),
                      sent, sent, c->id, kind, from_customer ? c->person : 0,
                      from_customer ? 0 : c->assignee, body, sent, mid, in_reply_to);
}

static gboolean
add_status (DemoGen      *gen,
            Conversation *c,
            const char   *status,
            gint64        when,
            GError      **error)
{
  return demo_insert (gen, DEMO_STMT_TICKET_STATUS_CHANGE, error, "iiiisir", demo_next_id (gen),
                      when, when, c->id, status, when, c->assignee);
}

/* Everything about one ticket that is decided before it is written. */
typedef struct
{
  gboolean    b2b;
  guint       person;          /* index into gen->people */
  guint       org;             /* B2B: index into gen->orgs */
  guint       channel;
  guint       priority;
  FlowPolicy *policy;          /* the one the app would choose (crm_sla_choose_policy()) */
  CrmBusinessCalendar *calendar;
  gint64      created;
  gint64      fr;              /* when the first reply came or will come */
  gint64      res;             /* when it was or will be resolved */
  gboolean    waits;           /* waits on the customer once */
  gint64      wait_start;
  gint64      wait_len;
  const char *status;
  gint64      first_response;  /* the stored columns: 0 until it happened */
  gint64      resolved;
  gint64      closed;
  gint64      waiting_since;
  gint64      waiting_seconds;
  gint64      first_response_due;
  gint64      resolution_due;
  gint64      csat;
  gint64      csat_at;
  const char *csat_comment;
} TicketPlan;

static void
plan_ticket_times (DemoGen    *gen,
                   TicketPlan *t)
{
  double first_minutes = t->policy != NULL ? t->policy->first_response_minutes : 480;
  double resolution_minutes = t->policy != NULL ? t->policy->resolution_minutes : 2400;
  /* A year of history plus the current backlog: the last two days' tickets
   * are still new, open or waiting on the customer. */
  gint64 age = demo_rand_chance (&gen->rand, 6) ? (gint64) demo_rand_below (&gen->rand, 2 * 86400)
                                                : (gint64) demo_rand_below (&gen->rand, 365 * 86400);

  t->created = gen->reference - age - 600;
  /* Agents answer in business hours.  Most answers come in time (the means
   * are 75% and 58% of the SLA targets); the tail breaches them. */
  t->fr = crm_business_calendar_add_seconds (t->calendar, t->created,
                                             (gint64) demo_rand_skewed (&gen->rand, first_minutes * 45.0));
  t->res = crm_business_calendar_add_seconds (t->calendar, t->fr,
                                              (gint64) demo_rand_skewed (&gen->rand, resolution_minutes * 35.0));
  t->waits = demo_rand_chance (&gen->rand, 25);
  t->wait_start = t->fr + (t->res - t->fr) / 3;
  t->wait_len = t->waits ? (gint64) demo_rand_skewed (&gen->rand, 86400.0) : 0;
  t->res += t->wait_len;
}

/* The due times as the ticket flow keeps them: the policy's targets in
 * business time from creation, moved on by the business time waited once
 * the wait is over (src/models/crm-ticket-flow-sla.c). */
static void
plan_ticket_due (TicketPlan *t)
{
  if (t->policy == NULL)
    return;
  if (t->policy->first_response_minutes > 0)
    t->first_response_due = crm_business_calendar_add_seconds (t->calendar, t->created,
                                                               t->policy->first_response_minutes * 60);
  if (t->policy->resolution_minutes > 0)
    t->resolution_due = crm_business_calendar_add_seconds (t->calendar, t->created,
                                                           t->policy->resolution_minutes * 60);
  if (t->waiting_seconds > 0 && t->resolution_due != 0)
    t->resolution_due = crm_business_calendar_add_seconds (t->calendar, t->resolution_due,
                                                           t->waiting_seconds);
}

/* Where the ticket stands at the reference time. */
static void
plan_ticket_state (DemoGen    *gen,
                   TicketPlan *t)
{
  gint64 now = gen->reference;

  if (t->fr > now)
    t->status = "new";
  else if (t->waits && t->wait_start <= now && now < t->wait_start + t->wait_len)
    {
      t->status = "waiting-on-customer";
      t->waiting_since = t->wait_start;
    }
  else if (t->res > now)
    t->status = "open";
  else
    t->status = t->res + 3 * 86400 <= now ? "closed" : "resolved";

  if (!g_str_equal (t->status, "new"))
    t->first_response = t->fr;
  if (t->waits && t->wait_start + t->wait_len <= now)
    t->waiting_seconds = crm_business_calendar_seconds_between (t->calendar, t->wait_start,
                                                                t->wait_start + t->wait_len);
  t->csat_comment = "";
  if (t->status[0] != 'r' && t->status[0] != 'c')
    return;

  t->resolved = t->res;
  if (t->status[0] == 'c')
    t->closed = t->res + 3 * 86400;
  if (demo_rand_chance (&gen->rand, 40))
    {
      t->csat = 1 + demo_rand_weighted (&gen->rand, csat_weights, 5);
      t->csat_at = t->res + (gint64) demo_rand_below (&gen->rand, 2 * 86400);
      t->csat_at = MIN (t->csat_at, now);
      if (demo_rand_chance (&gen->rand, 30))
        t->csat_comment = demo_csat_comment (gen, (int) t->csat);
    }
}

static gboolean
plan_ticket (DemoGen     *gen,
             Flow        *flow,
             TicketPlan  *t,
             GError     **error)
{
  GError *local_error = NULL;

  t->b2b = gen->n_contacts > 0 && demo_rand_chance (&gen->rand, 30);
  t->person = t->b2b ? demo_pick_contact (gen)
                     : gen->n_contacts + demo_rand_below (&gen->rand, gen->n_people - gen->n_contacts);
  t->org = t->b2b ? gen->contact_org[t->person] : 0;
  t->channel = demo_rand_weighted (&gen->rand, ticket_channel_weights, 7);
  t->priority = demo_rand_weighted (&gen->rand, priority_weights, 4);
  t->policy = _flow_choose_policy (flow, priorities[t->priority],
                                   crm_sla_customer_tier (t->b2b ? org_tiers[gen->org_tier[t->org]] : NULL),
                                   &local_error);
  if (local_error != NULL || (t->calendar = _flow_calendar (flow, t->policy, &local_error)) == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  plan_ticket_times (gen, t);
  plan_ticket_state (gen, t);
  plan_ticket_due (t);
  return TRUE;
}

/* The conversation and the status history. */
static gboolean
insert_ticket_history (DemoGen          *gen,
                       const TicketPlan *t,
                       Conversation     *c,
                       const char       *first_message,
                       GError          **error)
{
  if (!add_message (gen, c, "customer", first_message, t->created, error))
    return FALSE;
  if (t->first_response == 0)
    return TRUE;
  if (!add_message (gen, c, "reply", demo_reply_text (gen), t->fr, error) ||
      !add_status (gen, c, "open", t->fr, error))
    return FALSE;
  if (demo_rand_chance (&gen->rand, 15) &&
      !add_message (gen, c, "note", demo_note_text (gen), t->fr + MIN (600, gen->reference - t->fr),
                    error))
    return FALSE;
  if (t->waits && t->wait_start <= gen->reference)
    {
      gint64 back = t->wait_start + t->wait_len;

      if (!add_status (gen, c, "waiting-on-customer", t->wait_start, error))
        return FALSE;
      if (t->waiting_since == 0 &&
          (!add_message (gen, c, "customer", demo_followup_text (gen), back, error) ||
           !add_status (gen, c, "open", back, error)))
        return FALSE;
    }
  if (t->resolved == 0)
    return TRUE;
  if (!add_message (gen, c, "reply", demo_reply_text (gen), t->resolved, error) ||
      !add_status (gen, c, "resolved", t->resolved, error))
    return FALSE;
  return t->closed == 0 || add_status (gen, c, "closed", t->closed, error);
}

/* The column the inbox sorts by (the ticket statement predates it). */
static gboolean
set_sla_due (DemoGen     *gen,
             gint64       id,
             TicketPlan  *t,
             GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (gen->worker, "UPDATE ticket SET sla_due = ? WHERE id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, crm_ticket_sla_due (t->status, t->first_response, t->first_response_due,
                                                   t->resolution_due));
  sqlite3_bind_int64 (stmt, 2, id);
  return _crm_store_worker_step (gen->worker, stmt, error);
}

static gboolean
make_ticket (DemoGen  *gen,
             Flow     *flow,
             guint     number,
             GError  **error)
{
  TicketPlan t = { 0, };
  Conversation c = { 0, };
  const char *first_message, *subject;
  gint64 updated;

  if (!plan_ticket (gen, flow, &t, error))
    return FALSE;
  updated = MAX (MAX (t.created, t.first_response),
                 MAX (MAX (t.resolved, t.closed), MAX (t.waiting_since, t.csat_at)));

  c.number = number;
  c.id = demo_next_id (gen);
  c.person = gen->people[t.person];
  c.assignee = g_str_equal (t.status, "new") && demo_rand_chance (&gen->rand, 50)
               ? 0 : demo_staff_of_role (gen, "support");
  c.email = t.channel == 0;
  subject = demo_ticket_subject (gen, &first_message);

  if (!demo_insert (gen, DEMO_STMT_TICKET, error, "iiiissssrrrriiiiiiiisi",
                    c.id, t.created, updated, (gint64) number, subject,
                    ticket_channels[t.channel], priorities[t.priority], t.status, c.person,
                    t.b2b ? gen->orgs[t.org] : 0, c.assignee, t.policy != NULL ? t.policy->id : 0,
                    t.first_response_due, t.resolution_due,
                    t.first_response, t.resolved, t.closed, t.waiting_since, t.waiting_seconds,
                    t.csat, t.csat_comment, t.csat_at) ||
      !set_sla_due (gen, c.id, &t, error) ||
      !insert_ticket_history (gen, &t, &c, first_message, error))
    return FALSE;

  /* Half of the tickets got a call or a note on the timeline too. */
  if (demo_rand_chance (&gen->rand, 50))
    return demo_make_activity (gen, "ticket", c.id,
                               demo_rand_between (&gen->rand, t.created,
                                                  t.resolved != 0 ? t.resolved : gen->reference),
                               c.assignee, error);
  return TRUE;
}

static gboolean
make_self_service (DemoGen  *gen,
                   GError  **error)
{
  guint n = 300 * gen->scale;

  for (guint i = 0; i < n; i++)
    {
      guint roll = demo_rand_below (&gen->rand, 100);
      gint64 person = 0;
      gboolean b2b = FALSE;
      /* Mostly articles in the business's language. */
      guint half = gen->n_kb_articles / 2;
      guint article = demo_rand_below (&gen->rand, half) +
                      ((demo_rand_chance (&gen->rand, 85) == gen->zh) ? half : 0);
      gint64 when = gen->reference - (gint64) demo_rand_below (&gen->rand, 365 * 86400) - 60;

      if (roll < 15 && gen->n_contacts > 0)
        {
          person = gen->people[demo_pick_contact (gen)];
          b2b = TRUE;
        }
      else if (roll < 85)
        person = gen->people[gen->n_contacts +
                             demo_rand_below (&gen->rand, gen->n_people - gen->n_contacts)];

      if (!demo_insert (gen, DEMO_STMT_SELF_SERVICE, error, "iiirrssis", demo_next_id (gen),
                        when, when, gen->kb_articles[article], person, "self-service",
                        b2b ? "b2b" : "b2c", when, "staff"))
        return FALSE;
    }
  return TRUE;
}

/* "Me" in the app: the first support agent (who has tickets in Mine). */
static gboolean
set_current_user (DemoGen  *gen,
                  GError  **error)
{
  guint sales = (gen->n_staff - 3) / 2;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (gen->worker, "INSERT OR REPLACE INTO meta (key, value) "
                                                  "VALUES ('current-user', ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gen->staff[3 + sales]);
  return _crm_store_worker_step (gen->worker, stmt, error);
}

gboolean
demo_make_tickets (DemoGen  *gen,
                   GError  **error)
{
  gboolean ok = set_current_user (gen, error);
  Flow flow;

  /* The SLA policies and calendars the app would use (crm-demo-setup.c
   * made them), read once. */
  _flow_init (&flow, gen->worker);
  for (guint t = 0; ok && t < gen->n_tickets; t++)
    ok = make_ticket (gen, &flow, t + 1, error);
  _flow_clear (&flow);
  return ok && make_self_service (gen, error);
}

/* The rest of the activity budget goes to organizations and people. */
gboolean
demo_make_activities (DemoGen  *gen,
                      GError  **error)
{
  while (gen->n_activities_done < gen->n_activities)
    {
      const char *kind;
      gint64 id, since, when, owner = 0;

      if (demo_rand_chance (&gen->rand, 25))
        {
          guint o = demo_rand_below (&gen->rand, gen->n_orgs);

          kind = "organization";
          id = gen->orgs[o];
          since = gen->org_created[o];
        }
      else
        {
          guint p = demo_rand_below (&gen->rand, gen->n_people);

          kind = "person";
          id = gen->people[p];
          since = gen->people_created[p];
          if (p >= gen->n_contacts && demo_rand_chance (&gen->rand, 50))
            owner = demo_staff_of_role (gen, "support");
        }

      /* A few reminders for later; the rest is history. */
      if (demo_rand_chance (&gen->rand, 3))
        when = gen->reference + (1 + (gint64) demo_rand_below (&gen->rand, 30)) * 86400 + 10 * 3600;
      else
        when = demo_rand_between (&gen->rand, since, gen->reference);
      if (!demo_make_activity (gen, kind, id, when, owner, error))
        return FALSE;
    }
  return TRUE;
}
