/* crm-reminder.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When task reminders fall due.  Pure functions over CrmActivity records, so
 * that the application's timer (crm-reminders.c) stays small and this part is
 * tested without a display.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* The activities whose reminder may still fire after @after (unix seconds):
 * remind > @after, not done, earliest first; transfer full. */
CrmQuery *crm_reminder_new_query  (gint64      after);
/* TRUE when @activity (a CrmActivity) has an open reminder in (@from, @to]. */
gboolean  crm_reminder_is_due     (gpointer    activity,
                                   gint64      from,
                                   gint64      to);
/* The earliest reminder of an open activity in @activities (CrmActivity
 * items) that is later than @after, or 0 when there is none. */
gint64    crm_reminder_next_due   (GListModel *activities,
                                   gint64      after);

G_END_DECLS
