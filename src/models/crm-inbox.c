/* crm-inbox.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How each folder reads its ordered ids (see crm-schema-v7.sql):
 *   all          ticket_sla (deleted); by created, updated or priority:
 *                ticket_created_order, ticket_updated_order, ticket_priority_sla
 *   waiting,
 *   resolved     ticket_status_sla (deleted, status)
 *   breaching    ticket_sla, a range: (deleted, sla_due = 0, sla_due < now)
 *   open         ticket_status_sla for each of the two statuses, then a sort
 *                of the backlog (a hint says the statuses select few rows)
 *   mine,
 *   unassigned   ticket_assignee_status_sla for each status, then a sort
 * Channel, priority, customer and text are tested along the way.
 */

#define G_LOG_DOMAIN "CrmInbox"

#include "config.h"

#include <string.h>

#include "crm-inbox.h"
#include "crm-query.h"
#include "crm-ticket.h"

static const char * const folder_keys[CRM_INBOX_N_FOLDERS] = {
  "unassigned", "mine", "open", "waiting", "breaching", "resolved", "all",
};

static const char * const sort_keys[CRM_INBOX_N_SORTS] = {
  "sla", "created", "updated", "priority",
};

/* The statuses of tickets that still need work, and of open ones. */
static const char * const working[] = { "new", "open", "waiting-on-customer", NULL };
static const char * const open_statuses[] = { "new", "open", NULL };
/* Most urgent first: the literal order of the index ticket_priority_sla. */
static const char * const priority_rank[] = { "urgent", "high", "normal", "low", NULL };

const char *
crm_inbox_folder_to_key (CrmInboxFolder folder)
{
  g_return_val_if_fail (folder < CRM_INBOX_N_FOLDERS, NULL);

  return folder_keys[folder];
}

gboolean
crm_inbox_folder_from_key (const char     *key,
                           CrmInboxFolder *folder)
{
  for (guint i = 0; key != NULL && i < CRM_INBOX_N_FOLDERS; i++)
    if (g_str_equal (key, folder_keys[i]))
      {
        if (folder != NULL)
          *folder = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_inbox_sort_to_key (CrmInboxSort sort)
{
  g_return_val_if_fail (sort < CRM_INBOX_N_SORTS, NULL);

  return sort_keys[sort];
}

gboolean
crm_inbox_sort_from_key (const char   *key,
                         CrmInboxSort *sort)
{
  for (guint i = 0; key != NULL && i < CRM_INBOX_N_SORTS; i++)
    if (g_str_equal (key, sort_keys[i]))
      {
        if (sort != NULL)
          *sort = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
crm_inbox_folder_uses_time (CrmInboxFolder folder)
{
  return folder == CRM_INBOX_FOLDER_BREACHING;
}

gint64
crm_inbox_parse_number (const char *text)
{
  g_autofree char *stripped = NULL;
  const char *digits;
  guint64 number = 0;

  if (text == NULL)
    return 0;
  stripped = g_strstrip (g_strdup (text));
  digits = stripped[0] == '#' ? stripped + 1 : stripped;
  if (digits[0] == '\0' || strlen (digits) > 15)
    return 0;
  for (const char *p = digits; *p; p++)
    if (!g_ascii_isdigit (*p))
      return 0;
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &number, NULL))
    return 0;
  return (gint64) number;
}

/* The working statuses of one person's (or nobody's) tickets.  Hints keep
 * SQLite from walking an index of the whole table only to skip a sort, and
 * without statistics it needs them just so: for the deadline order the
 * status filter alone (else it walks all of the person's tickets, closed
 * ones too, in ticket_assignee_sla), for the other orders both filters
 * (else it walks every ticket in that order's index). */
static void
add_assignee_folder (CrmQuery     *query,
                     gint64        assignee,
                     CrmInboxSort  sort)
{
  crm_query_add_text_in (query, "status", working, FALSE);
  if (sort == CRM_INBOX_SORT_SLA)
    crm_query_hint_few (query);
  if (assignee != 0)
    crm_query_add_int (query, "assignee-id", CRM_QUERY_EQ, assignee);
  else
    crm_query_add_is_set (query, "assignee-id", FALSE);
  if (sort != CRM_INBOX_SORT_SLA)
    crm_query_hint_few (query);
}

static void
add_folder (CrmQuery       *query,
            CrmInboxFolder  folder,
            gint64          me,
            gint64          now,
            CrmInboxSort    sort)
{
  switch (folder)
    {
    case CRM_INBOX_FOLDER_UNASSIGNED:
      add_assignee_folder (query, 0, sort);
      break;

    case CRM_INBOX_FOLDER_MINE:
      /* Nobody is "me" yet: an empty folder. */
      if (me == 0)
        crm_query_add_ids (query, NULL, 0);
      else
        add_assignee_folder (query, me, sort);
      break;

    case CRM_INBOX_FOLDER_OPEN:
      crm_query_add_text_in (query, "status", open_statuses, FALSE);
      crm_query_hint_few (query);
      break;

    case CRM_INBOX_FOLDER_WAITING:
      crm_query_add_text (query, "status", CRM_QUERY_EQ, "waiting-on-customer");
      crm_query_hint_few (query);
      break;

    case CRM_INBOX_FOLDER_BREACHING:
      /* A running deadline (resolved and closed tickets have none) that
       * passed, searched as a range of ticket_sla; a paused clock is not
       * breaching while it waits. */
      crm_query_add_is_set (query, "sla-due", TRUE);
      crm_query_add_int (query, "sla-due", CRM_QUERY_LT, now);
      crm_query_add_text (query, "status", CRM_QUERY_NE, "waiting-on-customer");
      break;

    case CRM_INBOX_FOLDER_RESOLVED:
      crm_query_add_text (query, "status", CRM_QUERY_EQ, "resolved");
      crm_query_hint_few (query);
      break;

    case CRM_INBOX_FOLDER_ALL:
    default:
      break;
    }
}

static void
add_filter (CrmQuery             *query,
            const CrmInboxFilter *filter)
{
  gint64 number;

  if (filter->channel != NULL && filter->channel[0] != '\0')
    crm_query_add_text (query, "channel", CRM_QUERY_EQ, filter->channel);
  if (filter->priority != NULL && filter->priority[0] != '\0')
    crm_query_add_text (query, "priority", CRM_QUERY_EQ, filter->priority);
  if (g_strcmp0 (filter->customer, "b2b") == 0)
    crm_query_add_is_set (query, "organization-id", TRUE);
  else if (g_strcmp0 (filter->customer, "b2c") == 0)
    crm_query_add_is_set (query, "organization-id", FALSE);

  if (filter->text == NULL || filter->text[0] == '\0')
    return;
  if ((number = crm_inbox_parse_number (filter->text)) > 0)
    crm_query_add_int (query, "number", CRM_QUERY_EQ, number);
  else
    crm_query_add_text (query, "subject", CRM_QUERY_CONTAINS, filter->text);
}

static void
set_order (CrmQuery       *query,
           CrmInboxFolder  folder,
           CrmInboxSort    sort)
{
  switch (sort)
    {
    case CRM_INBOX_SORT_CREATED:
      crm_query_set_order (query, "created", TRUE);
      break;

    case CRM_INBOX_SORT_UPDATED:
      crm_query_set_order (query, "updated", TRUE);
      break;

    case CRM_INBOX_SORT_PRIORITY:
      crm_query_set_order_zero_last (query, "sla-due");
      crm_query_set_order_rank (query, "priority", priority_rank);
      break;

    case CRM_INBOX_SORT_SLA:
    default:
      /* Breaching tickets all have a deadline: the same order, which its
       * range search in ticket_sla gives without a sort. */
      if (folder == CRM_INBOX_FOLDER_BREACHING)
        crm_query_set_order (query, "sla-due", FALSE);
      else
        crm_query_set_order_zero_last (query, "sla-due");
      break;
    }
}

/**
 * crm_inbox_query_new:
 * @folder: the folder
 * @me: the current user's staff_user id, 0 for none
 * @now: the time Breaching SLA is measured at (unix seconds)
 * @filter: (nullable): what narrows the folder
 *
 * Returns: (transfer full): the folder's tickets in order
 */
CrmQuery *
crm_inbox_query_new (CrmInboxFolder        folder,
                     gint64                me,
                     gint64                now,
                     const CrmInboxFilter *filter)
{
  static const CrmInboxFilter none = { 0 };
  CrmQuery *query;

  g_return_val_if_fail (folder < CRM_INBOX_N_FOLDERS, NULL);

  if (filter == NULL)
    filter = &none;

  query = crm_query_new (CRM_TYPE_TICKET);
  add_folder (query, folder, me, now, filter->sort);
  add_filter (query, filter);
  set_order (query, folder, filter->sort);
  return query;
}
