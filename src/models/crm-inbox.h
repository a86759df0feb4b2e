/* crm-inbox.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket inbox's folders, filters and orders as queries (GTK-free: the
 * inbox view, its tests and the benchmarks build the same SQL).
 *
 * Folders (the stable keys in parentheses):
 *   Unassigned (unassigned)  nobody's tickets that still need work: new, open
 *                            or waiting on the customer
 *   Mine (mine)              the current user's tickets that still need work
 *   Open (open)              new and open tickets
 *   Waiting on Customer (waiting)
 *   Breaching SLA (breaching) tickets whose clock runs (new, open) past their
 *                            deadline (ticket.sla_due) at @now
 *   Resolved (resolved)      tickets in the status resolved (closing one
 *                            takes it out)
 *   All (all)                every ticket but those in the trash
 *
 * Orders: by SLA deadline (the default: soonest first, tickets without a
 * running clock last), newest, recently updated, or most urgent priority
 * first (then by deadline).  Every folder's deadline order, and All's other
 * orders, are read from indexes (crm-schema-v7.sql), without a sort; the
 * other folders hold the backlog only and are sorted in SQL.
 */

#pragma once

#include <glib.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_INBOX_FOLDER_UNASSIGNED,
  CRM_INBOX_FOLDER_MINE,
  CRM_INBOX_FOLDER_OPEN,
  CRM_INBOX_FOLDER_WAITING,
  CRM_INBOX_FOLDER_BREACHING,
  CRM_INBOX_FOLDER_RESOLVED,
  CRM_INBOX_FOLDER_ALL,
} CrmInboxFolder;

#define CRM_INBOX_N_FOLDERS 7

typedef enum
{
  CRM_INBOX_SORT_SLA,
  CRM_INBOX_SORT_CREATED,
  CRM_INBOX_SORT_UPDATED,
  CRM_INBOX_SORT_PRIORITY,
} CrmInboxSort;

#define CRM_INBOX_N_SORTS 4

/**
 * CrmInboxFilter:
 * @channel: a ticket channel key ("email", ...), or %NULL or "" for any
 * @priority: a priority key ("urgent", ...), or %NULL or "" for any
 * @customer: "b2b" (an organization's tickets), "b2c" (a consumer's), or
 *   %NULL, "" or "any"
 * @text: the subject contains it; "#123" or "123" is the ticket number
 * @sort: the order
 *
 * What narrows a folder.  Zero-initialised, it narrows nothing.
 */
typedef struct
{
  const char   *channel;
  const char   *priority;
  const char   *customer;
  const char   *text;
  CrmInboxSort  sort;
} CrmInboxFilter;

const char *crm_inbox_folder_to_key      (CrmInboxFolder        folder);
gboolean    crm_inbox_folder_from_key    (const char           *key,
                                          CrmInboxFolder       *folder);
const char *crm_inbox_sort_to_key        (CrmInboxSort          sort);
gboolean    crm_inbox_sort_from_key      (const char           *key,
                                          CrmInboxSort         *sort);
/* Whether the folder's tickets change with the time alone (Breaching). */
gboolean    crm_inbox_folder_uses_time   (CrmInboxFolder        folder);

/* The tickets of @folder for the current user @me (0: none; then Mine is
 * empty) at @now (unix seconds), narrowed by @filter (NULL: nothing) and in
 * its order.  Transfer full. */
CrmQuery   *crm_inbox_query_new          (CrmInboxFolder        folder,
                                          gint64                me,
                                          gint64                now,
                                          const CrmInboxFilter *filter);

/* The ticket number @text asks for ("#1024", "1024"), or 0. */
gint64      crm_inbox_parse_number       (const char           *text);

G_END_DECLS
