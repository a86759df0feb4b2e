/* crm-inbox-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket inbox: folders (Unassigned, Mine, Open, Waiting on Customer,
 * Breaching SLA, Resolved, All) with live counts on the left, a paged list
 * of tickets sorted by SLA deadline on the right, narrowed by channel,
 * priority, customer type and the header's search text; each row counts
 * down its SLA.  Rows open, are replied to, assigned and moved on from the
 * keyboard and a row menu; a selection mode assigns and closes many at once,
 * with undo.
 *
 * Properties (each also a stateful action of the "inbox" group, for menus
 * and tests): "folder" (inbox.folder, a folder key of crm-inbox.h),
 * "channel-filter", "priority-filter" ("" for any), "customer-filter"
 * ("any", "b2b", "b2c"), "sort" (crm-inbox.h's sort keys) and
 * "selection-mode".
 */

#pragma once

#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_INBOX_VIEW (crm_inbox_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmInboxView, crm_inbox_view, CRM, INBOX_VIEW, CrmView)

const char *crm_inbox_view_get_folder          (CrmInboxView *self);
void        crm_inbox_view_set_folder          (CrmInboxView *self,
                                                const char   *folder);
/* The number of tickets in @folder as last counted, or -1 before the
 * first count. */
gint64      crm_inbox_view_get_folder_count    (CrmInboxView *self,
                                                const char   *folder);
/* TRUE while a count is being read or waits to be. */
gboolean    crm_inbox_view_get_counting        (CrmInboxView *self);
/* The current user's staff_user id (0: none), once read. */
gint64      crm_inbox_view_get_current_user    (CrmInboxView *self);
gboolean    crm_inbox_view_get_selection_mode  (CrmInboxView *self);
void        crm_inbox_view_set_selection_mode  (CrmInboxView *self,
                                                gboolean      selection_mode);
/* The list's selection (in selection mode), transfer none. */
GtkSelectionModel *crm_inbox_view_get_selection (CrmInboxView *self);
/* The list widget (for keyboard tests), transfer none. */
GtkListView *crm_inbox_view_get_list_view      (CrmInboxView *self);

G_END_DECLS
