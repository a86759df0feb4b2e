/* crm-reminder.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmReminder"

#include "config.h"

#include "crm-reminder.h"
#include "crm-activity.h"
#include "crm-query.h"

CrmQuery *
crm_reminder_new_query (gint64 after)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_ACTIVITY);

  crm_query_add_int (query, "remind", CRM_QUERY_GT, after);
  crm_query_add_int (query, "done", CRM_QUERY_EQ, 0);
  crm_query_set_order (query, "remind", FALSE);
  /* The timer asks again after the earliest one fired. */
  crm_query_set_limit (query, 200);

  return query;
}

gboolean
crm_reminder_is_due (gpointer activity,
                     gint64   from,
                     gint64   to)
{
  gint64 remind;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), FALSE);

  remind = crm_activity_get_remind (activity);
  /* 0 is "no reminder". */
  return remind > 0 && remind > from && remind <= to &&
         crm_activity_get_done (activity) == 0 &&
         !crm_record_get_trashed (activity);
}

gint64
crm_reminder_next_due (GListModel *activities,
                       gint64      after)
{
  guint n_items;
  gint64 next = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (activities), 0);

  n_items = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmActivity) activity = g_list_model_get_item (activities, i);
      gint64 remind = crm_activity_get_remind (activity);

      if (remind <= 0 || remind <= after || crm_activity_get_done (activity) != 0 ||
          crm_record_get_trashed (CRM_RECORD (activity)))
        continue;

      if (next == 0 || remind < next)
        next = remind;
    }

  return next;
}
