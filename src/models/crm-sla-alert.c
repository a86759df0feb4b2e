/* crm-sla-alert.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmSlaAlert"

#include "config.h"

#include <string.h>

#include "crm-service-config.h"
#include "crm-sla-alert.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define ALERTED_KEY "sla-alerted"

void
crm_sla_alert_free (CrmSlaAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->subject);
  g_free (alert->priority);
  g_free (alert);
}

static gboolean
read_meta (CrmStoreWorker  *worker,
           const char      *key,
           char           **value,
           GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT value FROM meta WHERE key = ?", error);
  int rc;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return FALSE;
}

static gint64
to_int (const char *text,
        gint64      max,
        gint64      fallback)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, max, &value, NULL))
    return fallback;
  return value;
}

/* The warned deadlines, "ticket:due" each, from the meta text (one a line)
 * less those now past (they cannot come back: only deadlines after now
 * are warned of). */
static GHashTable *
read_alerted (const char *text,
              gint64      now)
{
  GHashTable *alerted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (colon != NULL && to_int (colon + 1, G_MAXINT64, 0) > now)
        g_hash_table_add (alerted, g_strdup (lines[i]));
    }
  return alerted;
}

static gboolean
write_alerted (CrmStoreWorker  *worker,
               GHashTable      *alerted,
               GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;

  g_hash_table_iter_init (&iter, alerted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", (const char *) key);
  stmt = _crm_store_worker_prepare (worker, "INSERT OR REPLACE INTO meta (key, value) "
                                            "VALUES ('" ALERTED_KEY "', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text->str, -1, SQLITE_TRANSIENT);
  return _crm_store_worker_step (worker, stmt, error);
}

/* One search of the index ticket_assignee_sla (schema v7): the user's
 * tickets whose running deadline falls in (@now, @until].  The term
 * (sla_due = 0) = 0 is the index's second column. */
static gboolean
select_due (CrmStoreWorker  *worker,
            gint64           user,
            gint64           now,
            gint64           until,
            GHashTable      *alerted,
            GPtrArray       *alerts,
            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, number, subject, priority, sla_due, first_response "
                                    "FROM ticket WHERE deleted = 0 AND assignee_id = ?1 "
                                    "AND (sla_due = 0) = 0 AND sla_due > ?2 AND sla_due <= ?3 "
                                    "AND status IN ('new', 'open') ORDER BY sla_due, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              (gint64) sqlite3_column_int64 (stmt, 0),
                                              (gint64) sqlite3_column_int64 (stmt, 4));
      CrmSlaAlert *alert;

      if (!g_hash_table_add (alerted, g_steal_pointer (&key)))
        continue;
      alert = g_new0 (CrmSlaAlert, 1);
      alert->ticket_id = sqlite3_column_int64 (stmt, 0);
      alert->number = sqlite3_column_int64 (stmt, 1);
      alert->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      alert->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      alert->due = sqlite3_column_int64 (stmt, 4);
      alert->first_response = sqlite3_column_int64 (stmt, 5) == 0;
      g_ptr_array_add (alerts, alert);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return FALSE;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = text; c != NULL && *c != '\0'; c++)
    if (*c == ':')
      n++;
  return n;
}

static gboolean
take (CrmStoreWorker  *worker,
      gint64           now,
      GPtrArray       *alerts,
      GError         **error)
{
  g_autofree char *user_text = NULL;
  g_autofree char *minutes_text = NULL;
  g_autofree char *alerted_text = NULL;
  g_autoptr(GHashTable) alerted = NULL;
  gint64 user, minutes;

  if (!read_meta (worker, "current-user", &user_text, error) ||
      !read_meta (worker, "sla-alert-minutes", &minutes_text, error) ||
      !read_meta (worker, ALERTED_KEY, &alerted_text, error))
    return FALSE;
  user = to_int (user_text, G_MAXINT64, 0);
  minutes = to_int (minutes_text, CRM_SERVICE_MAX_ALERT_MINUTES, CRM_SERVICE_DEFAULT_ALERT_MINUTES);
  alerted = read_alerted (alerted_text, now);
  if (user != 0 && minutes > 0 &&
      !select_due (worker, user, now, now + minutes * 60, alerted, alerts, error))
    return FALSE;
  /* Written when a deadline was warned of or one went past, not every minute. */
  if (alerts->len > 0 || g_hash_table_size (alerted) != count_lines (alerted_text))
    return write_alerted (worker, alerted, error);
  return TRUE;
}

static void
take_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_sla_alert_free);
  GError *error = NULL;

  if (_crm_store_worker_begin (worker, &error) &&
      take (worker, *(gint64 *) data, alerts, &error) &&
      _crm_store_worker_commit (worker, &error))
    {
      g_task_return_pointer (task, g_steal_pointer (&alerts), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

void
crm_sla_alerts_take_async (CrmStore            *store,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, take_job, g_memdup2 (&now, sizeof now), g_free,
                        crm_sla_alerts_take_async, "crm-sla-alerts-take", cancellable, callback,
                        user_data);
}

/**
 * crm_sla_alerts_take_finish:
 *
 * Returns: (transfer full) (element-type CrmSlaAlert): the warnings to send
 */
GPtrArray *
crm_sla_alerts_take_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
