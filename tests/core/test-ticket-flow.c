/* test-ticket-flow.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What happens to tickets, on a hand-built service set-up whose due times
 * were worked out by hand: every status transition (allowed or refused),
 * new tickets and the policy they get, the first response (a reply, not a
 * note), the SLA clock paused while waiting on the customer and moved on
 * by the business time waited, resolving, closing and reopening, bulk
 * assign and close with their undo, priority, CSAT, canned replies, the
 * current user, the inbox folders' index plans and the store's notices.
 * The clock is CRM_STORE_NOW.
 */

#include "config.h"

#include <string.h>

#include "crm-sla.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"
#include "crm-ticket-flow.h"

#define H G_GINT64_CONSTANT (3600)
#define M G_GINT64_CONSTANT (60)

/* Staff, customers, calendars and policies. */
enum
{
  ANN = 1, BOB = 2, GONE = 3,
  STRATEGIC_ORG = 10, STANDARD_ORG = 11,
  LI_NA = 20, SAM = 21,
  OFFICE = 30, ALWAYS = 31,
  ANY_POLICY = 40, URGENT_POLICY = 41, STRATEGIC_POLICY = 42, HIGH_STRATEGIC_POLICY = 43,
  NORMAL_POLICY = 44,
};

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

/* Unix time of 2026-03-@d @h:@mi UTC; 2 March 2026 is a Monday. */
static gint64
U (int d,
   int h,
   int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 3, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static void
set_now (gint64 t)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, t);

  g_setenv ("CRM_STORE_NOW", text, TRUE);
}

static void
sql (Fixture    *f,
     const char *statement)
{
  g_autofree char *out = crm_test_query (f->store, "%s", statement);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "flow.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);

  sql (f, "INSERT INTO staff_user (id, created, updated, deleted, name, role) VALUES "
          "(1, 0, 0, 0, 'Ann', 'support'), (2, 0, 0, 0, 'Bob', 'support'), (3, 0, 0, 1, 'Gone', 'support')");
  sql (f, "INSERT INTO organization (id, created, updated, name, tier) VALUES "
          "(10, 0, 0, 'Big Co', 'strategic'), (11, 0, 0, 'Small Co', 'standard')");
  sql (f, "INSERT INTO person (id, created, updated, display_name) VALUES (20, 0, 0, '李娜'), (21, 0, 0, 'Sam')");
  sql (f, "INSERT INTO business_calendar (id, created, updated, name, timezone, hours) VALUES "
          "(30, 0, 0, 'Office', 'UTC', 'mon-fri 09:00-17:00'), (31, 0, 0, 'Always', 'Europe/Berlin', '24/7')");
  /* Monday 16 March is a holiday; a trashed one is not. */
  sql (f, "INSERT INTO holiday (id, created, updated, deleted, calendar_id, day) VALUES "
          "(35, 0, 0, 0, 30, '2026-03-16'), (36, 0, 0, 1, 30, '2026-03-17')");
  sql (f, "INSERT INTO sla_policy (id, created, updated, name, priority, tier, first_response_minutes, "
          "resolution_minutes, calendar_id) VALUES "
          "(40, 0, 0, 'Any', '', '', 480, 2400, 30), "
          "(41, 0, 0, 'Urgent', 'urgent', '', 30, 240, 31), "
          "(42, 0, 0, 'Strategic', '', 'strategic', 60, 480, 30), "
          "(43, 0, 0, 'High strategic', 'high', 'strategic', 15, 120, 30), "
          "(44, 0, 0, 'Normal', 'normal', '', 240, 1200, 30)");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_store_close (f->store);
  g_clear_object (&f->store);
  g_free (f->dir);
  g_unsetenv ("CRM_STORE_NOW");
}

/* --- Calling the flow --- */

static gint64
create (Fixture     *f,
        const char  *priority,
        gint64       org,
        gint64       created,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CrmTicketDraft draft = { 0, };

  draft.subject = "  Printer on fire  ";
  draft.body = "It is burning.";
  draft.priority = priority;
  draft.person_id = LI_NA;
  draft.organization_id = org;
  draft.user_id = ANN;
  draft.created = created;
  crm_ticket_flow_create_async (f->store, &draft, NULL, crm_test_store_result, &result);
  return crm_ticket_flow_create_finish (f->store, crm_test_await (&result), error);
}

static gint64
create_ok (Fixture    *f,
           const char *priority,
           gint64      org,
           gint64      when)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_now (when);
  id = create (f, priority, org, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CrmTicketUndo *
set_status (Fixture     *f,
            gint64       id,
            const char  *status,
            gint64       when,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  set_now (when);
  crm_ticket_flow_set_status_async (f->store, id, status, BOB, NULL, crm_test_store_result, &result);
  return crm_ticket_flow_set_status_finish (f->store, crm_test_await (&result), error);
}

static void
set_status_ok (Fixture    *f,
               gint64      id,
               const char *status,
               gint64      when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketUndo) undo = set_status (f, id, status, when, &error);

  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpuint (crm_ticket_undo_get_n_tickets (undo), ==, 1);
  g_assert_cmpint (crm_ticket_undo_get_ticket_id (undo, 0), ==, id);
}

static gint64
add_message (Fixture     *f,
             gint64       id,
             const char  *kind,
             const char  *body,
             gint64       when,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  set_now (when);
  crm_ticket_flow_add_message_async (f->store, id, kind, body, ANN, NULL, crm_test_store_result, &result);
  return crm_ticket_flow_add_message_finish (f->store, crm_test_await (&result), error);
}

static void
add_message_ok (Fixture    *f,
                gint64      id,
                const char *kind,
                gint64      when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (add_message (f, id, kind, "Hello", when, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
undo (Fixture        *f,
      CrmTicketUndo  *u,
      gint64          when,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  set_now (when);
  crm_ticket_flow_undo_async (f->store, u, NULL, crm_test_store_result, &result);
  return crm_ticket_flow_undo_finish (f->store, crm_test_await (&result), error);
}

/* One column of ticket @id. */
static gint64
col (Fixture    *f,
     gint64      id,
     const char *column)
{
  return crm_test_query_int (f->store, "SELECT %s FROM ticket WHERE id = %" G_GINT64_FORMAT, column, id);
}

static char *
status_of (Fixture *f,
           gint64   id)
{
  g_autofree char *text = crm_test_query (f->store, "SELECT status FROM ticket WHERE id = %" G_GINT64_FORMAT, id);

  return g_strstrip (g_steal_pointer (&text));
}

static char *
history (Fixture *f,
         gint64   id)
{
  return crm_test_query (f->store, "SELECT status, changed_at, coalesce (user_id, 0) FROM ticket_status_change "
                         "WHERE ticket_id = %" G_GINT64_FORMAT " ORDER BY changed_at, id", id);
}

/* Everything an operation may change of ticket @id. */
static char *
snapshot (Fixture *f,
          gint64   id)
{
  return crm_test_query (f->store, "SELECT status, priority, assignee_id, sla_policy_id, first_response_due, "
                         "resolution_due, first_response, resolved, closed, waiting_since, waiting_seconds, "
                         "sla_due FROM ticket WHERE id = %" G_GINT64_FORMAT, id);
}

/* --- Pure rules --- */

static void
test_transition_table (void)
{
  const char *statuses[] = { "new", "open", "waiting-on-customer", "resolved", "closed" };
  /* [from][to], in the order above. */
  const gboolean allowed[5][5] = {
    { 0, 1, 1, 1, 1 },
    { 0, 0, 1, 1, 1 },
    { 0, 1, 0, 1, 1 },
    { 0, 1, 0, 0, 1 },
    { 0, 1, 0, 0, 0 },
  };

  for (int i = 0; i < 5; i++)
    {
      const char * const *targets = crm_ticket_status_get_targets (statuses[i]);
      guint n = 0;

      g_assert_true (crm_ticket_status_is_valid (statuses[i]));
      for (int j = 0; j < 5; j++)
        {
          g_assert_cmpint (crm_ticket_status_can_change (statuses[i], statuses[j]), ==, allowed[i][j]);
          if (allowed[i][j])
            g_assert_cmpstr (targets[n++], ==, statuses[j]);
        }
      g_assert_null (targets[n]);
    }
  g_assert_false (crm_ticket_status_is_valid ("pending"));
  g_assert_false (crm_ticket_status_is_valid (NULL));
  g_assert_false (crm_ticket_status_can_change ("pending", "open"));
  g_assert_false (crm_ticket_status_can_change ("open", "Open"));
  g_assert_null (crm_ticket_status_get_targets ("pending")[0]);
  g_assert_true (crm_ticket_priority_is_valid ("urgent"));
  g_assert_false (crm_ticket_priority_is_valid ("critical"));
  g_assert_true (crm_ticket_channel_is_valid ("web-form"));
  g_assert_false (crm_ticket_channel_is_valid ("fax"));
  g_assert_true (crm_ticket_message_kind_is_valid ("note"));
  g_assert_false (crm_ticket_message_kind_is_valid ("email"));
}

static void
test_canned_reply (void)
{
  g_autofree char *en = crm_canned_reply_expand ("Hi {customer},\n\nticket {ticket} is mine.\n\n{agent}",
                                                 "Sam", 1042, "Ann");
  g_autofree char *zh = crm_canned_reply_expand ("{customer}，您好：工单 {ticket} 已转给技术团队。{agent}",
                                                 "李娜", 7, "王芳");
  g_autofree char *other = crm_canned_reply_expand ("{Customer} {tick} {ticket}{ticket} {agent", NULL, 5, NULL);
  g_autofree char *empty = crm_canned_reply_expand ("{customer}{agent}", NULL, 0, NULL);

  g_assert_cmpstr (en, ==, "Hi Sam,\n\nticket #1042 is mine.\n\nAnn");
  g_assert_cmpstr (zh, ==, "李娜，您好：工单 #7 已转给技术团队。王芳");
  g_assert_cmpstr (other, ==, "{Customer} {tick} #5#5 {agent");
  g_assert_cmpstr (empty, ==, "");
}

/* --- On the store --- */

static void
test_every_transition (Fixture       *f,
                       gconstpointer  data)
{
  const char *statuses[] = { "new", "open", "waiting-on-customer", "resolved", "closed" };
  gint64 id = create_ok (f, "normal", 0, U (2, 10, 0));

  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CrmTicketUndo) u = NULL;
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        g_autofree char *status = NULL;
        gint64 n_history;

        /* Put the ticket in the first status behind the flow's back. */
        g_free (crm_test_query (f->store, "UPDATE ticket SET status = '%s', waiting_since = %s "
                                "WHERE id = %" G_GINT64_FORMAT, statuses[i],
                                i == 2 ? "1772445600" : "0", id));
        before = snapshot (f, id);
        n_history = crm_test_query_int (f->store, "SELECT count (*) FROM ticket_status_change");
        u = set_status (f, id, statuses[j], U (3, 10, 0), &error);
        status = status_of (f, id);
        if (crm_ticket_status_can_change (statuses[i], statuses[j]))
          {
            g_assert_no_error (error);
            g_assert_cmpstr (status, ==, statuses[j]);
            g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM ticket_status_change"),
                             ==, n_history + 1);
          }
        else
          {
            g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_BAD_TRANSITION);
            g_assert_null (u);
            after = snapshot (f, id);
            g_assert_cmpstr (after, ==, before);
            g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM ticket_status_change"),
                             ==, n_history);
          }
      }

  /* Unknown statuses and tickets. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error2 = NULL;
    CrmTicketUndo *u = set_status (f, id, "pending", U (3, 10, 0), &error);

    g_assert_null (u);
    g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);
    g_assert_null (set_status (f, 999, "open", U (3, 10, 0), &error2));
    g_assert_error (error2, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
  }
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *hist = NULL;
  g_autofree char *subject = NULL;
  gint64 a, b, c, d, e, g, h;

  /* High priority from a strategic account: the priority-and-tier policy,
   * 15 minutes and 2 hours of office time from Monday 10:00. */
  a = create_ok (f, "high", STRATEGIC_ORG, U (2, 10, 0));
  g_assert_cmpint (col (f, a, "number"), ==, 1);
  g_assert_cmpint (col (f, a, "sla_policy_id"), ==, HIGH_STRATEGIC_POLICY);
  g_assert_cmpint (col (f, a, "first_response_due"), ==, U (2, 10, 15));
  g_assert_cmpint (col (f, a, "resolution_due"), ==, U (2, 12, 0));
  g_assert_cmpint (col (f, a, "sla_due"), ==, U (2, 10, 15));
  g_assert_cmpint (col (f, a, "created"), ==, U (2, 10, 0));
  subject = crm_test_query (f->store, "SELECT subject, channel, status, priority, person_id, organization_id, "
                            "coalesce (assignee_id, 0) FROM ticket WHERE id = %" G_GINT64_FORMAT, a);
  g_assert_cmpstr (subject, ==, "Printer on fire|email|new|high|20|10|0\n");
  messages = crm_test_query (f->store, "SELECT kind, person_id, coalesce (user_id, 0), body, sent FROM ticket_message "
                             "WHERE ticket_id = %" G_GINT64_FORMAT, a);
  g_assert_cmpstr (messages, ==, "customer|20|0|It is burning.|1772445600\n");
  hist = history (f, a);
  g_assert_cmpstr (hist, ==, "new|1772445600|1\n");

  /* Urgent beats the account's tier: around the clock in Berlin, 30 minutes
   * and 4 hours from Friday 16:30 whatever the office hours. */
  b = create_ok (f, "urgent", STANDARD_ORG, U (6, 16, 30));
  g_assert_cmpint (col (f, b, "number"), ==, 2);
  g_assert_cmpint (col (f, b, "sla_policy_id"), ==, URGENT_POLICY);
  g_assert_cmpint (col (f, b, "first_response_due"), ==, U (6, 17, 0));
  g_assert_cmpint (col (f, b, "resolution_due"), ==, U (6, 20, 30));

  /* A normal priority beats the strategic tier (priority > tier). */
  c = create_ok (f, "normal", STRATEGIC_ORG, U (6, 16, 30));
  g_assert_cmpint (col (f, c, "sla_policy_id"), ==, NORMAL_POLICY);
  /* 4 office hours from Friday 16:30: half an hour, then Monday 09:00–12:30. */
  g_assert_cmpint (col (f, c, "first_response_due"), ==, U (9, 12, 30));

  /* Low from a strategic account: the tier policy. */
  d = create_ok (f, "low", STRATEGIC_ORG, U (6, 16, 30));
  g_assert_cmpint (col (f, d, "sla_policy_id"), ==, STRATEGIC_POLICY);
  g_assert_cmpint (col (f, d, "first_response_due"), ==, U (9, 9, 30));

  /* Low from a consumer: the catch-all; 8 office hours from Friday 16:30 is
   * Monday 16:30, 40 hours the next Friday 16:30. */
  e = create_ok (f, "low", 0, U (6, 16, 30));
  g_assert_cmpint (col (f, e, "sla_policy_id"), ==, ANY_POLICY);
  g_assert_cmpint (col (f, e, "first_response_due"), ==, U (9, 16, 30));
  g_assert_cmpint (col (f, e, "resolution_due"), ==, U (13, 16, 30));
  g_assert_cmpint (col (f, e, "organization_id IS NULL"), ==, 1);
  /* From Friday 13 16:30 the holiday Monday 16 does not count (the trashed
   * holiday Tuesday 17 does). */
  h = create_ok (f, "low", 0, U (13, 16, 30));
  g_assert_cmpint (col (f, h, "first_response_due"), ==, U (17, 16, 30));

  /* An imported e-mail keeps its date; times count from it. */
  set_now (U (20, 12, 0));
  g = create (f, "low", 0, U (2, 9, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (col (f, g, "created"), ==, U (2, 9, 0));
  g_assert_cmpint (col (f, g, "first_response_due"), ==, U (2, 17, 0));
  g_assert_cmpint (col (f, g, "number"), ==, 7);

  /* Refused drafts write nothing. */
  {
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;
    g_autoptr(GAsyncResult) r3 = NULL;
    g_autoptr(GAsyncResult) r4 = NULL;
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;
    CrmTicketDraft draft = { 0, };

    draft.subject = "   ";
    crm_ticket_flow_create_async (f->store, &draft, NULL, crm_test_store_result, &r1);
    g_assert_cmpint (crm_ticket_flow_create_finish (f->store, crm_test_await (&r1), &e1), ==, 0);
    g_assert_error (e1, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);

    draft.subject = "Fax broken";
    draft.channel = "fax";
    crm_ticket_flow_create_async (f->store, &draft, NULL, crm_test_store_result, &r2);
    g_assert_cmpint (crm_ticket_flow_create_finish (f->store, crm_test_await (&r2), &e2), ==, 0);
    g_assert_error (e2, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);

    draft.channel = "phone";
    draft.person_id = 999;
    crm_ticket_flow_create_async (f->store, &draft, NULL, crm_test_store_result, &r3);
    g_assert_cmpint (crm_ticket_flow_create_finish (f->store, crm_test_await (&r3), &e3), ==, 0);
    g_assert_error (e3, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);

    draft.person_id = SAM;
    draft.assignee_id = GONE;
    crm_ticket_flow_create_async (f->store, &draft, NULL, crm_test_store_result, &r4);
    g_assert_cmpint (crm_ticket_flow_create_finish (f->store, crm_test_await (&r4), &e4), ==, 0);
    g_assert_error (e4, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM ticket"), ==, 7);
  }

  /* Without any policy there is no deadline. */
  g_free (crm_test_query (f->store, "UPDATE sla_policy SET deleted = 1"));
  {
    gint64 none = create_ok (f, "normal", 0, U (2, 10, 0));

    g_assert_cmpint (col (f, none, "coalesce (sla_policy_id, 0)"), ==, 0);
    g_assert_cmpint (col (f, none, "first_response_due"), ==, 0);
    g_assert_cmpint (col (f, none, "sla_due"), ==, 0);
  }
}

static void
test_first_response (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *hist = NULL;
  g_autofree char *authors = NULL;
  gint64 id = create_ok (f, "low", 0, U (2, 10, 0));    /* 8 and 40 office hours */

  g_assert_cmpint (col (f, id, "sla_due"), ==, U (3, 10, 0));
  /* An internal note is not an answer. */
  add_message_ok (f, id, "note", U (2, 11, 0));
  g_assert_cmpint (col (f, id, "first_response"), ==, 0);
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (3, 10, 0));
  g_autofree char *status = status_of (f, id);
  g_assert_cmpstr (status, ==, "new");
  /* The first reply is, and the ticket is open from then on. */
  add_message_ok (f, id, "reply", U (2, 14, 0));
  g_assert_cmpint (col (f, id, "first_response"), ==, U (2, 14, 0));
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (9, 10, 0));
  g_free (status);
  status = status_of (f, id);
  g_assert_cmpstr (status, ==, "open");
  hist = history (f, id);
  g_assert_cmpstr (hist, ==, "new|1772445600|1\nopen|1772460000|1\n");
  /* Later replies change nothing; a customer message on an open ticket neither. */
  add_message_ok (f, id, "reply", U (3, 14, 0));
  add_message_ok (f, id, "customer", U (3, 15, 0));
  g_assert_cmpint (col (f, id, "first_response"), ==, U (2, 14, 0));
  g_free (status);
  status = status_of (f, id);
  g_assert_cmpstr (status, ==, "open");
  authors = crm_test_query (f->store, "SELECT kind, coalesce (person_id, 0), coalesce (user_id, 0) "
                            "FROM ticket_message WHERE ticket_id = %" G_GINT64_FORMAT " ORDER BY sent", id);
  g_assert_cmpstr (authors, ==, "customer|20|0\nnote|0|1\nreply|0|1\nreply|0|1\ncustomer|20|0\n");

  /* Refused messages. */
  g_assert_cmpint (add_message (f, id, "reply", " \n ", U (3, 16, 0), &error), ==, 0);
  g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);
  g_assert_cmpint (add_message (f, id, "email", "Hi", U (3, 16, 0), &error2), ==, 0);
  g_assert_error (error2, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM ticket_message"), ==, 5);

  /* A first reply on a ticket waiting on the customer keeps it waiting. */
  {
    gint64 w = create_ok (f, "low", 0, U (2, 10, 0));
    g_autofree char *ws = NULL;

    set_status_ok (f, w, "waiting-on-customer", U (2, 10, 30));
    add_message_ok (f, w, "reply", U (2, 11, 0));
    ws = status_of (f, w);
    g_assert_cmpstr (ws, ==, "waiting-on-customer");
    g_assert_cmpint (col (f, w, "first_response"), ==, U (2, 11, 0));
  }
}

static void
test_pause_and_resume (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = create_ok (f, "low", 0, U (2, 10, 0));
  gint64 early;

  /* Due: first response Tuesday 3, 10:00; resolution Monday 9, 10:00. */
  add_message_ok (f, id, "reply", U (2, 11, 0));
  set_status_ok (f, id, "waiting-on-customer", U (2, 12, 0));
  g_assert_cmpint (col (f, id, "waiting_since"), ==, U (2, 12, 0));
  /* Paused: the deadline stands as it was. */
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (9, 10, 0));
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (9, 10, 0));

  /* The customer answers on Wednesday 12:00: 5 + 8 + 3 office hours
   * waited; the resolution is due 16 office hours later, Wednesday 11, 10:00.
   * The first response was given: its due time stays. */
  add_message_ok (f, id, "customer", U (4, 12, 0));
  {
    g_autofree char *status = status_of (f, id);

    g_assert_cmpstr (status, ==, "open");
  }
  g_assert_cmpint (col (f, id, "waiting_since"), ==, 0);
  g_assert_cmpint (col (f, id, "waiting_seconds"), ==, 16 * H);
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (11, 10, 0));
  g_assert_cmpint (col (f, id, "first_response_due"), ==, U (3, 10, 0));
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (11, 10, 0));

  /* Waiting again from Thursday 16:00 to Friday 10:00 (set back to open by
   * hand): 2 more office hours. */
  set_status_ok (f, id, "waiting-on-customer", U (5, 16, 0));
  set_status_ok (f, id, "open", U (6, 10, 0));
  g_assert_cmpint (col (f, id, "waiting_seconds"), ==, 18 * H);
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (11, 12, 0));

  /* Waiting over a weekend and the holiday costs nothing but Friday's and
   * Tuesday's hours: Friday 13 16:00 to Tuesday 17 10:00 is 1 + 1 hours. */
  set_status_ok (f, id, "waiting-on-customer", U (13, 16, 0));
  set_status_ok (f, id, "resolved", U (17, 10, 0));
  g_assert_cmpint (col (f, id, "waiting_seconds"), ==, 20 * H);
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (11, 14, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, U (17, 10, 0));
  g_assert_cmpint (col (f, id, "sla_due"), ==, 0);

  /* Waiting before the first reply moves both due times: new on Monday
   * 10:00, waiting 10:30–11:30. */
  early = create_ok (f, "low", 0, U (2, 10, 0));
  set_status_ok (f, early, "waiting-on-customer", U (2, 10, 30));
  g_assert_cmpint (col (f, early, "sla_due"), ==, U (3, 10, 0));
  set_status_ok (f, early, "open", U (2, 11, 30));
  g_assert_cmpint (col (f, early, "waiting_seconds"), ==, H);
  g_assert_cmpint (col (f, early, "first_response_due"), ==, U (3, 11, 0));
  g_assert_cmpint (col (f, early, "resolution_due"), ==, U (9, 11, 0));
  g_assert_cmpint (col (f, early, "sla_due"), ==, U (3, 11, 0));
}

static void
test_resolve_close_reopen (Fixture       *f,
                           gconstpointer  data)
{
  gint64 id = create_ok (f, "low", 0, U (2, 10, 0));
  g_autofree char *hist = NULL;

  add_message_ok (f, id, "reply", U (2, 11, 0));
  set_status_ok (f, id, "resolved", U (3, 12, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, U (3, 12, 0));
  g_assert_cmpint (col (f, id, "closed"), ==, 0);
  g_assert_cmpint (col (f, id, "sla_due"), ==, 0);

  /* The customer writes back: open again, the resolution clock runs. */
  add_message_ok (f, id, "customer", U (4, 9, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, 0);
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (9, 10, 0));

  /* Closing an unresolved ticket resolves it too. */
  set_status_ok (f, id, "closed", U (5, 9, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, U (5, 9, 0));
  g_assert_cmpint (col (f, id, "closed"), ==, U (5, 9, 0));
  g_assert_cmpint (col (f, id, "sla_due"), ==, 0);

  /* A customer message on a closed ticket is kept, the ticket stays closed. */
  add_message_ok (f, id, "customer", U (5, 10, 0));
  {
    g_autofree char *status = status_of (f, id);

    g_assert_cmpstr (status, ==, "closed");
  }

  /* Reopened by hand; then resolved and closed, which keeps the resolution time. */
  set_status_ok (f, id, "open", U (5, 11, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, 0);
  g_assert_cmpint (col (f, id, "closed"), ==, 0);
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (9, 10, 0));
  set_status_ok (f, id, "resolved", U (5, 12, 0));
  set_status_ok (f, id, "closed", U (6, 12, 0));
  g_assert_cmpint (col (f, id, "resolved"), ==, U (5, 12, 0));
  g_assert_cmpint (col (f, id, "closed"), ==, U (6, 12, 0));

  hist = crm_test_query (f->store, "SELECT group_concat (status, ' ') FROM (SELECT status FROM ticket_status_change "
                         "WHERE ticket_id = %" G_GINT64_FORMAT " ORDER BY changed_at, id)", id);
  g_assert_cmpstr (hist, ==, "new open resolved open closed open resolved closed\n");
}

static void
test_bulk_assign (Fixture       *f,
                  gconstpointer  data)
{
  gint64 ids[4];
  g_autoptr(CrmTicketUndo) u = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  const char *assignees = "SELECT group_concat (coalesce (assignee_id, 0), ',') FROM "
                          "(SELECT assignee_id FROM ticket ORDER BY number)";

  for (int i = 0; i < 3; i++)
    ids[i] = create_ok (f, "low", 0, U (2, 10, i));
  ids[3] = ids[0];    /* listed twice: assigned once */
  g_free (crm_test_query (f->store, "UPDATE ticket SET assignee_id = 1 WHERE id = %" G_GINT64_FORMAT, ids[0]));
  g_free (crm_test_query (f->store, "UPDATE ticket SET assignee_id = 2 WHERE id = %" G_GINT64_FORMAT, ids[2]));
  before = crm_test_query (f->store, "%s", assignees);
  g_assert_cmpstr (before, ==, "1,0,2\n");

  set_now (U (2, 12, 0));
  crm_ticket_flow_assign_async (f->store, ids, 4, BOB, NULL, crm_test_store_result, &result);
  u = crm_ticket_flow_assign_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_ticket_undo_get_n_tickets (u), ==, 2);
  after = crm_test_query (f->store, "%s", assignees);
  g_assert_cmpstr (after, ==, "2,2,2\n");
  g_assert_cmpint (col (f, ids[0], "updated"), ==, U (2, 12, 0));

  g_assert_cmpint (undo (f, u, U (2, 12, 5), &error), ==, 2);
  g_assert_no_error (error);
  restored = crm_test_query (f->store, "%s", assignees);
  g_assert_cmpstr (restored, ==, "1,0,2\n");

  /* Nobody; an assignee that is gone. */
  {
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;
    g_autoptr(CrmTicketUndo) u1 = NULL;
    g_autoptr(CrmTicketUndo) u2 = NULL;
    g_autofree char *nobody = NULL;

    crm_ticket_flow_assign_async (f->store, ids, 3, 0, NULL, crm_test_store_result, &r1);
    u1 = crm_ticket_flow_assign_finish (f->store, crm_test_await (&r1), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crm_ticket_undo_get_n_tickets (u1), ==, 2);
    nobody = crm_test_query (f->store, "%s", assignees);
    g_assert_cmpstr (nobody, ==, "0,0,0\n");

    crm_ticket_flow_assign_async (f->store, ids, 3, GONE, NULL, crm_test_store_result, &r2);
    u2 = crm_ticket_flow_assign_finish (f->store, crm_test_await (&r2), &error);
    g_assert_null (u2);
    g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
  }
}

static void
test_bulk_close (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmTicketUndo) u = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *waiting_before = NULL;
  g_autofree char *open_before = NULL;
  g_autofree char *closed_before = NULL;
  g_autofree char *hist_before = NULL;
  gint64 ids[4];

  ids[0] = create_ok (f, "low", 0, U (2, 10, 0));
  ids[1] = create_ok (f, "low", 0, U (2, 10, 1));
  ids[2] = create_ok (f, "low", 0, U (2, 10, 2));
  ids[3] = 424242;                                   /* gone: skipped */
  set_status_ok (f, ids[0], "waiting-on-customer", U (2, 11, 0));
  add_message_ok (f, ids[1], "reply", U (2, 11, 0));
  set_status_ok (f, ids[2], "closed", U (2, 11, 0));
  waiting_before = snapshot (f, ids[0]);
  open_before = snapshot (f, ids[1]);
  closed_before = snapshot (f, ids[2]);
  hist_before = crm_test_query (f->store, "SELECT id FROM ticket_status_change ORDER BY id");

  set_now (U (2, 15, 0));
  crm_ticket_flow_close_async (f->store, ids, 4, ANN, NULL, crm_test_store_result, &result);
  u = crm_ticket_flow_close_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_ticket_undo_get_n_tickets (u), ==, 2);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *status = status_of (f, ids[i]);

      g_assert_cmpstr (status, ==, "closed");
      g_assert_cmpint (col (f, ids[i], "sla_due"), ==, 0);
    }
  g_assert_cmpint (col (f, ids[0], "closed"), ==, U (2, 15, 0));
  /* The waiting ticket's wait ended: 4 office hours. */
  g_assert_cmpint (col (f, ids[0], "waiting_seconds"), ==, 4 * H);
  g_assert_cmpint (col (f, ids[2], "closed"), ==, U (2, 11, 0));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM ticket_status_change WHERE status = 'closed' "
                                       "AND user_id = 1 AND changed_at = %" G_GINT64_FORMAT, U (2, 15, 0)), ==, 2);

  /* Undo puts back every column and the history. */
  g_assert_cmpint (undo (f, u, U (2, 15, 1), &error), ==, 2);
  g_assert_no_error (error);
  {
    g_autofree char *waiting_after = snapshot (f, ids[0]);
    g_autofree char *open_after = snapshot (f, ids[1]);
    g_autofree char *closed_after = snapshot (f, ids[2]);
    g_autofree char *hist_after = crm_test_query (f->store, "SELECT id FROM ticket_status_change ORDER BY id");

    g_assert_cmpstr (waiting_after, ==, waiting_before);
    g_assert_cmpstr (open_after, ==, open_before);
    g_assert_cmpstr (closed_after, ==, closed_before);
    g_assert_cmpstr (hist_after, ==, hist_before);
  }
}

static void
test_undo_after_changes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CrmTicketUndo) u = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  gint64 ids[2];

  ids[0] = create_ok (f, "low", 0, U (2, 10, 0));
  ids[1] = create_ok (f, "low", 0, U (2, 10, 1));
  set_now (U (2, 12, 0));
  crm_ticket_flow_set_status_many_async (f->store, ids, 2, "resolved", ANN, NULL, crm_test_store_result, &result);
  u = crm_ticket_flow_set_status_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_ticket_undo_get_n_tickets (u), ==, 2);

  /* The customer reopened the first one since: only the second goes back. */
  add_message_ok (f, ids[0], "customer", U (2, 13, 0));
  g_assert_cmpint (undo (f, u, U (2, 14, 0), &error), ==, 1);
  g_assert_no_error (error);
  {
    g_autofree char *s0 = status_of (f, ids[0]);
    g_autofree char *s1 = status_of (f, ids[1]);

    g_assert_cmpstr (s0, ==, "open");
    g_assert_cmpstr (s1, ==, "new");
  }
  /* Twice: nothing left to put back. */
  g_assert_cmpint (undo (f, u, U (2, 14, 1), &error2), ==, -1);
  g_assert_error (error2, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_CHANGED);

  /* A bulk status change that one ticket cannot make changes none. */
  {
    g_autoptr(GAsyncResult) r = NULL;
    g_autoptr(GError) e = NULL;
    g_autoptr(CrmTicketUndo) none = NULL;
    g_autofree char *s0 = NULL;
    g_autofree char *s1 = NULL;

    set_status_ok (f, ids[1], "closed", U (2, 15, 0));
    crm_ticket_flow_set_status_many_async (f->store, ids, 2, "resolved", ANN, NULL, crm_test_store_result, &r);
    none = crm_ticket_flow_set_status_finish (f->store, crm_test_await (&r), &e);
    g_assert_null (none);
    g_assert_error (e, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_BAD_TRANSITION);
    s0 = status_of (f, ids[0]);
    s1 = status_of (f, ids[1]);
    g_assert_cmpstr (s0, ==, "open");
    g_assert_cmpstr (s1, ==, "closed");
  }
}

static void
test_priority (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = create_ok (f, "low", STRATEGIC_ORG, U (2, 10, 0));   /* tier policy: 1 h and 8 h */

  g_assert_cmpint (col (f, id, "sla_policy_id"), ==, STRATEGIC_POLICY);
  /* Waited an office hour before the first reply. */
  set_status_ok (f, id, "waiting-on-customer", U (2, 10, 10));
  set_status_ok (f, id, "open", U (2, 11, 10));
  g_assert_cmpint (col (f, id, "first_response_due"), ==, U (2, 12, 0));
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (3, 11, 0));

  /* High from a strategic account: 15 minutes and 2 hours, plus the hour waited. */
  set_now (U (2, 11, 20));
  crm_ticket_flow_set_priority_async (f->store, id, "high", NULL, crm_test_store_result, &r1);
  g_assert_true (crm_ticket_flow_set_priority_finish (f->store, crm_test_await (&r1), &error));
  g_assert_no_error (error);
  g_assert_cmpint (col (f, id, "sla_policy_id"), ==, HIGH_STRATEGIC_POLICY);
  g_assert_cmpint (col (f, id, "first_response_due"), ==, U (2, 11, 15));
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (2, 13, 0));
  g_assert_cmpint (col (f, id, "sla_due"), ==, U (2, 11, 15));
  {
    g_autofree char *p = crm_test_query (f->store, "SELECT priority FROM ticket WHERE id = %" G_GINT64_FORMAT, id);

    g_assert_cmpstr (p, ==, "high\n");
  }

  /* Urgent: around the clock in Berlin, 30 minutes and 4 hours plus the hour
   * waited (which counted an office hour; around the clock it is one too). */
  crm_ticket_flow_set_priority_async (f->store, id, "urgent", NULL, crm_test_store_result, &r2);
  g_assert_true (crm_ticket_flow_set_priority_finish (f->store, crm_test_await (&r2), &error));
  g_assert_cmpint (col (f, id, "sla_policy_id"), ==, URGENT_POLICY);
  g_assert_cmpint (col (f, id, "first_response_due"), ==, U (2, 11, 30));
  g_assert_cmpint (col (f, id, "resolution_due"), ==, U (2, 15, 0));

  crm_ticket_flow_set_priority_async (f->store, id, "critical", NULL, crm_test_store_result, &r3);
  g_assert_false (crm_ticket_flow_set_priority_finish (f->store, crm_test_await (&r3), &error));
  g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);
}

static void
test_csat (Fixture       *f,
           gconstpointer  data)
{
  gint64 id = create_ok (f, "low", 0, U (2, 10, 0));
  int bad[] = { 0, 6, -1 };
  g_autofree char *rating = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      crm_ticket_flow_set_csat_async (f->store, id, bad[i], "x", NULL, crm_test_store_result, &result);
      g_assert_false (crm_ticket_flow_set_csat_finish (f->store, crm_test_await (&result), &error));
      g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_INVALID);
    }
  g_assert_cmpint (col (f, id, "csat_score"), ==, 0);

  for (int score = 1; score <= 5; score++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      set_now (U (3, 10, score));
      crm_ticket_flow_set_csat_async (f->store, id, score, score == 5 ? "  很好，谢谢！ " : NULL, NULL,
                                      crm_test_store_result, &result);
      g_assert_true (crm_ticket_flow_set_csat_finish (f->store, crm_test_await (&result), &error));
      g_assert_no_error (error);
      g_assert_cmpint (col (f, id, "csat_score"), ==, score);
    }
  rating = crm_test_query (f->store, "SELECT csat_score, csat_comment, csat_at FROM ticket WHERE id = %" G_GINT64_FORMAT,
                           id);
  g_assert_cmpstr (rating, ==, "5|很好，谢谢！|1772532300\n");

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    crm_ticket_flow_set_csat_async (f->store, 999, 4, NULL, NULL, crm_test_store_result, &result);
    g_assert_false (crm_ticket_flow_set_csat_finish (f->store, crm_test_await (&result), &error));
    g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
  }
}

static gint64
get_me (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_service_get_current_user_async (f->store, NULL, crm_test_store_result, &result);
  id = crm_service_get_current_user_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
set_me (Fixture  *f,
        gint64    id,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_service_set_current_user_async (f->store, id, NULL, crm_test_store_result, &result);
  return crm_service_set_current_user_finish (f->store, crm_test_await (&result), error);
}

static void
test_current_user (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;

  g_assert_cmpint (get_me (f), ==, 0);
  g_assert_true (set_me (f, ANN, NULL));
  g_assert_cmpint (get_me (f), ==, ANN);
  meta = crm_test_query (f->store, "SELECT value FROM meta WHERE key = 'current-user'");
  g_assert_cmpstr (meta, ==, "1\n");
  g_assert_false (set_me (f, GONE, &error));
  g_assert_error (error, CRM_TICKET_FLOW_ERROR, CRM_TICKET_FLOW_ERROR_NOT_FOUND);
  g_assert_cmpint (get_me (f), ==, ANN);
  /* A user trashed since is nobody. */
  g_free (crm_test_query (f->store, "UPDATE staff_user SET deleted = 1 WHERE id = 1"));
  g_assert_cmpint (get_me (f), ==, 0);
  g_assert_true (set_me (f, BOB, NULL));
  g_assert_cmpint (get_me (f), ==, BOB);
  g_assert_true (set_me (f, 0, NULL));
  g_assert_cmpint (get_me (f), ==, 0);
}

static void
on_changed_cb (CrmStore   *store,
               const char *table,
               GArray     *ids,
               gpointer    user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
}

/* Lists and pages hear of every change. */
static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  gboolean ticket_changed = FALSE, message_changed = FALSE, history_changed = FALSE;
  gint64 id;

  g_signal_connect (f->store, "changed::ticket", G_CALLBACK (on_changed_cb), &ticket_changed);
  g_signal_connect (f->store, "changed::ticket_message", G_CALLBACK (on_changed_cb), &message_changed);
  g_signal_connect (f->store, "changed::ticket_status_change", G_CALLBACK (on_changed_cb), &history_changed);
  id = create_ok (f, "low", 0, U (2, 10, 0));
  crm_test_wait_flag (&ticket_changed);
  crm_test_wait_flag (&message_changed);
  crm_test_wait_flag (&history_changed);

  ticket_changed = message_changed = history_changed = FALSE;
  add_message_ok (f, id, "reply", U (2, 11, 0));
  crm_test_wait_flag (&ticket_changed);
  crm_test_wait_flag (&message_changed);
  crm_test_wait_flag (&history_changed);
  g_signal_handlers_disconnect_by_func (f->store, on_changed_cb, &ticket_changed);
  g_signal_handlers_disconnect_by_func (f->store, on_changed_cb, &message_changed);
  g_signal_handlers_disconnect_by_func (f->store, on_changed_cb, &history_changed);
}

/* The inbox folders read their ordered ids from an index (schema v7). */
static void
test_inbox_plans (Fixture       *f,
                  gconstpointer  data)
{
  const char *folders[][2] = {
    { "deleted = 0", "ticket_sla" },
    { "deleted = 0 AND status = 'open'", "ticket_status_sla" },
    { "deleted = 0 AND assignee_id = 1 AND status = 'waiting-on-customer'", "ticket_assignee_status_sla" },
    { "deleted = 0 AND assignee_id IS NULL", "ticket_assignee_sla" },
    { "deleted = 0 AND assignee_id = 1", "ticket_assignee_sla" },
    { "deleted = 0 AND channel = 'email' AND priority = 'high'", "ticket_sla" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *plan = crm_test_query (f->store, "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE %s "
                                              "ORDER BY sla_due = 0, sla_due, id", folders[i][0]);

      g_assert_nonnull (strstr (plan, folders[i][1]));
      g_assert_null (strstr (plan, "TEMP B-TREE"));
    }
  {
    g_autofree char *plan = crm_test_query (f->store, "EXPLAIN QUERY PLAN SELECT id FROM ticket WHERE deleted = 0 "
                                            "AND (sla_due = 0) = 0 AND sla_due < 1800000000 ORDER BY sla_due, id");
    g_autofree char *number = crm_test_query (f->store, "EXPLAIN QUERY PLAN SELECT max (number) FROM ticket");

    g_assert_nonnull (strstr (plan, "ticket_sla"));
    g_assert_nonnull (strstr (plan, "sla_due<?"));
    g_assert_null (strstr (plan, "TEMP B-TREE"));
    g_assert_nonnull (strstr (number, "ticket_number"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ticket-flow/transition-table", test_transition_table);
  g_test_add_func ("/ticket-flow/canned-reply", test_canned_reply);
#define ADD(path, func) \
  g_test_add ("/ticket-flow/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("every-transition", test_every_transition);
  ADD ("create", test_create);
  ADD ("first-response", test_first_response);
  ADD ("pause-and-resume", test_pause_and_resume);
  ADD ("resolve-close-reopen", test_resolve_close_reopen);
  ADD ("bulk-assign", test_bulk_assign);
  ADD ("bulk-close", test_bulk_close);
  ADD ("undo-after-changes", test_undo_after_changes);
  ADD ("priority", test_priority);
  ADD ("csat", test_csat);
  ADD ("current-user", test_current_user);
  ADD ("notices", test_notices);
  ADD ("inbox-plans", test_inbox_plans);
#undef ADD

  return g_test_run ();
}
