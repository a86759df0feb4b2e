/* crm-service-config-store.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service settings on the store's worker: one job reads them all, and
 * each write is one transaction that validates before it changes anything.
 */

#define G_LOG_DOMAIN "CrmServiceConfig"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-service-config-private.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define ALERT_MINUTES_KEY "sla-alert-minutes"

/* The tiers organization.tier documents, in their order. */
static const char * const known_tiers[] = { "strategic", "key", "standard" };

/* --- Reading --- */

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
finish_rows (CrmStoreWorker  *worker,
             sqlite3_stmt    *stmt,
             int              rc,
             GError         **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return FALSE;
}

static int
compare_calendars (gconstpointer a,
                   gconstpointer b)
{
  const CrmServiceCalendar *ca = *(CrmServiceCalendar * const *) a;
  const CrmServiceCalendar *cb = *(CrmServiceCalendar * const *) b;
  int order = g_utf8_collate (ca->name, cb->name);

  return order != 0 ? order : (ca->id > cb->id) - (ca->id < cb->id);
}

static int
compare_replies (gconstpointer a,
                 gconstpointer b)
{
  const CrmServiceReply *ra = *(CrmServiceReply * const *) a;
  const CrmServiceReply *rb = *(CrmServiceReply * const *) b;
  int order = g_utf8_collate (ra->title, rb->title);

  return order != 0 ? order : (ra->id > rb->id) - (ra->id < rb->id);
}

static int
compare_staff (gconstpointer a,
               gconstpointer b)
{
  const CrmServiceStaff *sa = *(CrmServiceStaff * const *) a;
  const CrmServiceStaff *sb = *(CrmServiceStaff * const *) b;
  int order = g_utf8_collate (sa->name, sb->name);

  return order != 0 ? order : (sa->id > sb->id) - (sa->id < sb->id);
}

static gboolean
read_calendars (CrmStoreWorker    *worker,
                CrmServiceConfig  *config,
                GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT id, name, timezone, hours FROM business_calendar "
                                            "WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServiceCalendar *calendar = _crm_service_calendar_new ();

      calendar->id = sqlite3_column_int64 (stmt, 0);
      calendar->name = column_text (stmt, 1);
      calendar->timezone = column_text (stmt, 2);
      calendar->hours = column_text (stmt, 3);
      g_ptr_array_add (config->calendars, calendar);
    }
  if (!finish_rows (worker, stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (config->calendars, compare_calendars);

  stmt = _crm_store_worker_prepare (worker, "SELECT id, calendar_id, day, name FROM holiday "
                                            "WHERE deleted = 0 ORDER BY day, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServiceCalendar *calendar =
        crm_service_config_find_calendar (config, sqlite3_column_int64 (stmt, 1));

      if (calendar != NULL)
        g_ptr_array_add (calendar->holidays,
                         _crm_service_holiday_new (sqlite3_column_int64 (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 2),
                                                   (const char *) sqlite3_column_text (stmt, 3)));
    }
  return finish_rows (worker, stmt, rc, error);
}

static gboolean
read_policies (CrmStoreWorker    *worker,
               CrmServiceConfig  *config,
               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* By id: the order in which the SLA chooses among equally specific ones. */
  stmt = _crm_store_worker_prepare (worker, "SELECT id, name, priority, tier, first_response_minutes, "
                                            "resolution_minutes, coalesce (calendar_id, 0) "
                                            "FROM sla_policy WHERE deleted = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServicePolicy *policy = g_new0 (CrmServicePolicy, 1);

      policy->id = sqlite3_column_int64 (stmt, 0);
      policy->name = column_text (stmt, 1);
      policy->priority = column_text (stmt, 2);
      policy->tier = column_text (stmt, 3);
      policy->first_response_minutes = sqlite3_column_int (stmt, 4);
      policy->resolution_minutes = sqlite3_column_int (stmt, 5);
      policy->calendar_id = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (config->policies, policy);
    }
  return finish_rows (worker, stmt, rc, error);
}

static gboolean
read_replies_and_staff (CrmStoreWorker    *worker,
                        CrmServiceConfig  *config,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT id, title, body, language FROM canned_reply "
                                            "WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServiceReply *reply = g_new0 (CrmServiceReply, 1);

      reply->id = sqlite3_column_int64 (stmt, 0);
      reply->title = column_text (stmt, 1);
      reply->body = column_text (stmt, 2);
      reply->language = column_text (stmt, 3);
      g_ptr_array_add (config->replies, reply);
    }
  if (!finish_rows (worker, stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (config->replies, compare_replies);

  stmt = _crm_store_worker_prepare (worker, "SELECT id, name, role FROM staff_user "
                                            "WHERE deleted = 0 AND active = 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServiceStaff *staff = g_new0 (CrmServiceStaff, 1);

      staff->id = sqlite3_column_int64 (stmt, 0);
      staff->name = column_text (stmt, 1);
      staff->role = column_text (stmt, 2);
      g_ptr_array_add (config->staff, staff);
    }
  if (!finish_rows (worker, stmt, rc, error))
    return FALSE;
  g_ptr_array_sort (config->staff, compare_staff);
  return TRUE;
}

/* The text of the meta key @key, NULL when unset. */
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
    {
      *value = column_text (stmt, 0);
      rc = SQLITE_DONE;
    }
  return finish_rows (worker, stmt, rc, error);
}

static gint64
meta_int (const char *text,
          gint64      min,
          gint64      max,
          gint64      fallback)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return fallback;
  return value;
}

static void
load_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_autoptr(CrmServiceConfig) config = _crm_service_config_new ();
  g_autofree char *user = NULL;
  g_autofree char *minutes = NULL;
  GError *error = NULL;

  if (!read_calendars (worker, config, &error) ||
      !read_policies (worker, config, &error) ||
      !read_replies_and_staff (worker, config, &error) ||
      !read_meta (worker, "current-user", &user, &error) ||
      !read_meta (worker, ALERT_MINUTES_KEY, &minutes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  config->current_user = meta_int (user, 0, G_MAXINT64, 0);
  config->alert_minutes = meta_int (minutes, 0, CRM_SERVICE_MAX_ALERT_MINUTES,
                                    CRM_SERVICE_DEFAULT_ALERT_MINUTES);
  g_task_return_pointer (task, g_steal_pointer (&config), (GDestroyNotify) crm_service_config_unref);
}

void
crm_service_config_load_async (CrmStore            *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, load_job, NULL, NULL, crm_service_config_load_async,
                        "crm-service-config-load", cancellable, callback, user_data);
}

/**
 * crm_service_config_load_finish:
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
CrmServiceConfig *
crm_service_config_load_finish (CrmStore      *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_tiers (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
tiers_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  g_autoptr(GPtrArray) tiers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  guint found = 0;
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT DISTINCT tier FROM organization "
                                            "WHERE deleted = 0 AND tier != ''", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *tier = (const char *) sqlite3_column_text (stmt, 0);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (known_tiers); i++)
        if (g_strcmp0 (tier, known_tiers[i]) == 0)
          {
            found |= 1u << i;
            known = TRUE;
          }
      if (!known && g_strcmp0 (tier, "consumer") != 0)
        g_ptr_array_add (others, g_strdup (tier));
    }
  if (!finish_rows (worker, stmt, rc, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (tiers, g_strdup ("consumer"));
  for (guint i = 0; i < G_N_ELEMENTS (known_tiers); i++)
    if (found & (1u << i))
      g_ptr_array_add (tiers, g_strdup (known_tiers[i]));
  g_ptr_array_sort (others, compare_tiers);
  g_ptr_array_extend_and_steal (tiers, g_steal_pointer (&others));
  g_ptr_array_add (tiers, NULL);
  g_task_return_pointer (task, g_ptr_array_free (g_steal_pointer (&tiers), FALSE),
                         (GDestroyNotify) g_strfreev);
}

void
crm_service_list_tiers_async (CrmStore            *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  _crm_store_run_async (store, tiers_job, NULL, NULL, crm_service_list_tiers_async,
                        "crm-service-list-tiers", cancellable, callback, user_data);
}

/**
 * crm_service_list_tiers_finish:
 *
 * Returns: (transfer full): the tier keys, or %NULL with @error set
 */
GStrv
crm_service_list_tiers_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Writing --- */

typedef enum
{
  WRITE_CALENDAR,
  WRITE_HOLIDAY,
  WRITE_POLICY,
  WRITE_REPLY,
  WRITE_TRASH,
  WRITE_ALERT_MINUTES,
} WriteKind;

typedef struct
{
  WriteKind          kind;
  gint64             id;
  CrmServiceItem     item;
  gboolean           trashed;
  int                minutes;
  char              *name;
  char              *timezone;
  char              *hours;
  char              *day;
  CrmServicePolicy  *policy;
  CrmServiceReply   *reply;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->name);
  g_free (job->timezone);
  g_free (job->hours);
  g_free (job->day);
  g_clear_pointer (&job->policy, crm_service_policy_free);
  g_clear_pointer (&job->reply, crm_service_reply_free);
  g_free (job);
}

static const char * const tables[] = {
  [CRM_SERVICE_ITEM_CALENDAR] = "business_calendar",
  [CRM_SERVICE_ITEM_HOLIDAY] = "holiday",
  [CRM_SERVICE_ITEM_POLICY] = "sla_policy",
  [CRM_SERVICE_ITEM_REPLY] = "canned_reply",
};

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_NOT_FOUND,
                       _("This setting no longer exists."));
  return FALSE;
}

/* The first column of the first row of @sql with ?1 = @a, ?2 = @b (texts
 * when given, else the integers), 0 without rows. */
static gboolean
query_int (CrmStoreWorker  *worker,
           const char      *sql,
           gint64           a,
           const char      *text_a,
           gint64           b,
           const char      *text_b,
           gint64          *value,
           GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text_a != NULL)
    sqlite3_bind_text (stmt, 1, text_a, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      if (text_b != NULL)
        sqlite3_bind_text (stmt, 2, text_b, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, 2, b);
    }
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return finish_rows (worker, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

/* Whether the live row @id of @table exists (or the trashed one, @trashed). */
static gboolean
row_exists (CrmStoreWorker  *worker,
            const char      *table,
            gint64           id,
            gboolean         trashed,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s WHERE id = ?1 AND deleted = ?2",
                                          table);
  gint64 n;

  if (!query_int (worker, sql, id, NULL, trashed, NULL, &n, error))
    return FALSE;
  return n > 0 || not_found (error);
}

static gint64
save_calendar (CrmStoreWorker  *worker,
               WriteJob        *job,
               gint64           now,
               GError         **error)
{
  g_autofree char *name = g_strstrip (g_strdup (job->name != NULL ? job->name : ""));
  g_autofree char *zone = g_strstrip (g_strdup (job->timezone != NULL ? job->timezone : ""));
  gint64 id = job->id;
  sqlite3_stmt *stmt;

  if (!crm_service_validate_calendar (name, zone, job->hours, error) ||
      (id != 0 && !row_exists (worker, "business_calendar", id, FALSE, error)))
    return 0;
  if (id == 0)
    {
      id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker, "INSERT INTO business_calendar (id, created, updated, "
                                                "name, timezone, hours) VALUES (?1, ?2, ?2, ?3, ?4, ?5)",
                                        error);
    }
  else
    stmt = _crm_store_worker_prepare (worker, "UPDATE business_calendar SET updated = ?2, name = ?3, "
                                              "timezone = ?4, hours = ?5 WHERE id = ?1 "
                                              "AND (name, timezone, hours) IS NOT (?3, ?4, ?5)",
                                      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, zone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, job->hours, -1, SQLITE_TRANSIENT);
  return _crm_store_worker_step (worker, stmt, error) ? id : 0;
}

static gboolean
duplicate (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_DUPLICATE, message);
  return FALSE;
}

static gint64
add_holiday (CrmStoreWorker  *worker,
             WriteJob        *job,
             gint64           now,
             GError         **error)
{
  g_autofree char *name = g_strstrip (g_strdup (job->name != NULL ? job->name : ""));
  gint64 n, id;
  sqlite3_stmt *stmt;

  if (!crm_service_validate_holiday (job->day, error) ||
      !row_exists (worker, "business_calendar", job->id, FALSE, error) ||
      !query_int (worker, "SELECT count (*) FROM holiday WHERE calendar_id = ?1 AND day = ?2 "
                          "AND deleted = 0", job->id, NULL, 0, job->day, &n, error))
    return 0;
  if (n > 0)
    return duplicate (error, _("That day is a holiday already."));

  id = _crm_store_worker_next_id (worker);
  stmt = _crm_store_worker_prepare (worker, "INSERT INTO holiday (id, created, updated, calendar_id, "
                                            "day, name) VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, job->id);
  sqlite3_bind_text (stmt, 4, job->day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, name, -1, SQLITE_TRANSIENT);
  return _crm_store_worker_step (worker, stmt, error) ? id : 0;
}

/* Refuses a second live policy for the same priority and tier. */
static gboolean
check_policy_unique (CrmStoreWorker  *worker,
                     gint64           id,
                     const char      *priority,
                     const char      *tier,
                     GError         **error)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", priority, tier);
  gint64 n;

  if (!query_int (worker, "SELECT count (*) FROM sla_policy WHERE deleted = 0 AND id != ?1 "
                          "AND priority || char (10) || tier = ?2", id, NULL, 0, key, &n, error))
    return FALSE;
  return n == 0 || duplicate (error, _("Another SLA policy is for the same priority and customer "
                                       "tier already."));
}

static gint64
save_policy (CrmStoreWorker  *worker,
             WriteJob        *job,
             gint64           now,
             GError         **error)
{
  CrmServicePolicy *policy = job->policy;
  g_autofree char *name = g_strstrip (g_strdup (policy->name != NULL ? policy->name : ""));
  const char *priority = policy->priority != NULL ? policy->priority : "";
  const char *tier = policy->tier != NULL ? policy->tier : "";
  gint64 id = policy->id;
  sqlite3_stmt *stmt;

  if (!crm_service_validate_policy (policy, error) ||
      (id != 0 && !row_exists (worker, "sla_policy", id, FALSE, error)) ||
      (policy->calendar_id != 0 &&
       !row_exists (worker, "business_calendar", policy->calendar_id, FALSE, error)) ||
      !check_policy_unique (worker, id, priority, tier, error))
    return 0;
  if (id == 0)
    {
      id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker, "INSERT INTO sla_policy (id, created, updated, name, "
                                                "priority, tier, first_response_minutes, "
                                                "resolution_minutes, calendar_id) "
                                                "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
    }
  else
    stmt = _crm_store_worker_prepare (worker, "UPDATE sla_policy SET updated = ?2, name = ?3, "
                                              "priority = ?4, tier = ?5, first_response_minutes = ?6, "
                                              "resolution_minutes = ?7, calendar_id = ?8 WHERE id = ?1 "
                                              "AND (name, priority, tier, first_response_minutes, "
                                              "resolution_minutes, calendar_id) "
                                              "IS NOT (?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, priority, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tier, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, policy->first_response_minutes);
  sqlite3_bind_int (stmt, 7, policy->resolution_minutes);
  if (policy->calendar_id != 0)
    sqlite3_bind_int64 (stmt, 8, policy->calendar_id);
  else
    sqlite3_bind_null (stmt, 8);
  return _crm_store_worker_step (worker, stmt, error) ? id : 0;
}

static gint64
save_reply (CrmStoreWorker  *worker,
            WriteJob        *job,
            gint64           now,
            GError         **error)
{
  CrmServiceReply *reply = job->reply;
  g_autofree char *title = g_strstrip (g_strdup (reply->title != NULL ? reply->title : ""));
  gint64 id = reply->id;
  sqlite3_stmt *stmt;

  if (!crm_service_validate_reply (reply, error) ||
      (id != 0 && !row_exists (worker, "canned_reply", id, FALSE, error)))
    return 0;
  if (id == 0)
    {
      id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker, "INSERT INTO canned_reply (id, created, updated, title, "
                                                "body, language) VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error);
    }
  else
    stmt = _crm_store_worker_prepare (worker, "UPDATE canned_reply SET updated = ?2, title = ?3, "
                                              "body = ?4, language = ?5 WHERE id = ?1 "
                                              "AND (title, body, language) IS NOT (?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reply->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, reply->language, -1, SQLITE_TRANSIENT);
  return _crm_store_worker_step (worker, stmt, error) ? id : 0;
}

/* What must hold before a row leaves or comes back. */
static gboolean
check_trash (CrmStoreWorker  *worker,
             WriteJob        *job,
             GError         **error)
{
  gint64 n;

  if (!row_exists (worker, tables[job->item], job->id, !job->trashed, error))
    return FALSE;
  if (job->item == CRM_SERVICE_ITEM_CALENDAR && job->trashed)
    {
      if (!query_int (worker, "SELECT count (*) FROM sla_policy WHERE calendar_id = ?1 "
                              "AND deleted = 0", job->id, NULL, 0, NULL, &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_IN_USE,
                       ngettext ("%d SLA policy uses this calendar: give it another calendar first.",
                                 "%d SLA policies use this calendar: give them another calendar first.",
                                 (gulong) n), (int) n);
          return FALSE;
        }
    }
  if (job->item == CRM_SERVICE_ITEM_POLICY && !job->trashed)
    {
      g_autofree char *priority = NULL;
      g_autofree char *tier = NULL;
      sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT priority, tier FROM sla_policy "
                                                              "WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, job->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          priority = column_text (stmt, 0);
          tier = column_text (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (priority == NULL)
        return not_found (error);
      if (!check_policy_unique (worker, job->id, priority, tier, error))
        return FALSE;
    }
  if (job->item == CRM_SERVICE_ITEM_HOLIDAY && !job->trashed)
    {
      if (!query_int (worker, "SELECT count (*) FROM holiday h JOIN business_calendar c "
                              "ON c.id = h.calendar_id WHERE h.id = ?1 AND c.deleted = 0",
                      job->id, NULL, 0, NULL, &n, error))
        return FALSE;
      if (n == 0)
        return not_found (error);
      if (!query_int (worker, "SELECT count (*) FROM holiday h JOIN holiday o "
                              "ON o.calendar_id = h.calendar_id AND o.day = h.day "
                              "WHERE h.id = ?1 AND o.deleted = 0", job->id, NULL, 0, NULL, &n, error))
        return FALSE;
      if (n > 0)
        return duplicate (error, _("That day is a holiday already."));
    }
  return TRUE;
}

static gboolean
trash_row (CrmStoreWorker  *worker,
           WriteJob        *job,
           gint64           now,
           GError         **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (!check_trash (worker, job, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE %s SET deleted = ?1, updated = ?2 WHERE id = ?3", tables[job->item]);
  if ((stmt = _crm_store_worker_prepare (worker, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, job->trashed ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, job->id);
  return _crm_store_worker_step (worker, stmt, error);
}

static gboolean
set_alert_minutes (CrmStoreWorker  *worker,
                   WriteJob        *job,
                   GError         **error)
{
  g_autofree char *value = g_strdup_printf ("%d", job->minutes);
  sqlite3_stmt *stmt;

  if (job->minutes < 0 || job->minutes > CRM_SERVICE_MAX_ALERT_MINUTES)
    {
      g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID,
                           _("Breach warnings come at most a day before."));
      return FALSE;
    }
  stmt = _crm_store_worker_prepare (worker, "INSERT OR REPLACE INTO meta (key, value) "
                                            "VALUES ('" ALERT_MINUTES_KEY "', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  return _crm_store_worker_step (worker, stmt, error);
}

static gint64
do_write (CrmStoreWorker  *worker,
          WriteJob        *job,
          GError         **error)
{
  gint64 now = _crm_store_worker_now (worker);

  switch (job->kind)
    {
    case WRITE_CALENDAR:
      return save_calendar (worker, job, now, error);
    case WRITE_HOLIDAY:
      return add_holiday (worker, job, now, error);
    case WRITE_POLICY:
      return save_policy (worker, job, now, error);
    case WRITE_REPLY:
      return save_reply (worker, job, now, error);
    case WRITE_TRASH:
      return trash_row (worker, job, now, error) ? job->id : 0;
    case WRITE_ALERT_MINUTES:
      return set_alert_minutes (worker, job, error) ? 1 : 0;
    default:
      g_assert_not_reached ();
    }
}

static void
write_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  GError *error = NULL;
  gint64 value = 0;

  if (_crm_store_worker_begin (worker, &error) &&
      (value = do_write (worker, data, &error)) != 0 &&
      _crm_store_worker_commit (worker, &error))
    {
      g_task_return_pointer (task, g_memdup2 (&value, sizeof value), g_free);
      return;
    }
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

static void
run_write (CrmStore            *store,
           WriteJob            *job,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  _crm_store_run_async (store, write_job, job, write_job_free, source_tag, "crm-service-config-write",
                        cancellable, callback, user_data);
}

static WriteJob *
write_job_new (WriteKind kind)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->kind = kind;
  return job;
}

void
crm_service_calendar_save_async (CrmStore            *store,
                                 gint64               id,
                                 const char          *name,
                                 const char          *zone,
                                 const char          *hours,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = write_job_new (WRITE_CALENDAR);
  job->id = id;
  job->name = g_strdup (name);
  job->timezone = g_strdup (zone);
  job->hours = g_strdup (hours != NULL ? hours : "");
  run_write (store, job, crm_service_calendar_save_async, cancellable, callback, user_data);
}

void
crm_service_holiday_add_async (CrmStore            *store,
                               gint64               calendar_id,
                               const char          *day,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = write_job_new (WRITE_HOLIDAY);
  job->id = calendar_id;
  job->day = g_strdup (day);
  job->name = g_strdup (name);
  run_write (store, job, crm_service_holiday_add_async, cancellable, callback, user_data);
}

void
crm_service_policy_save_async (CrmStore               *store,
                               const CrmServicePolicy *policy,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (policy != NULL);

  job = write_job_new (WRITE_POLICY);
  job->policy = crm_service_policy_copy (policy);
  run_write (store, job, crm_service_policy_save_async, cancellable, callback, user_data);
}

void
crm_service_reply_save_async (CrmStore              *store,
                              const CrmServiceReply *reply,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (reply != NULL);

  job = write_job_new (WRITE_REPLY);
  job->reply = crm_service_reply_copy (reply);
  run_write (store, job, crm_service_reply_save_async, cancellable, callback, user_data);
}

gint64
crm_service_save_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autofree gint64 *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), 0);

  value = g_task_propagate_pointer (G_TASK (result), error);
  return value != NULL ? *value : 0;
}

void
crm_service_trash_async (CrmStore            *store,
                         CrmServiceItem       item,
                         gint64               id,
                         gboolean             trashed,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (item <= CRM_SERVICE_ITEM_REPLY);

  job = write_job_new (WRITE_TRASH);
  job->item = item;
  job->id = id;
  job->trashed = trashed;
  run_write (store, job, crm_service_trash_async, cancellable, callback, user_data);
}

gboolean
crm_service_trash_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return crm_service_save_finish (store, result, error) != 0;
}

void
crm_service_set_alert_minutes_async (CrmStore            *store,
                                     int                  minutes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  WriteJob *job;

  g_return_if_fail (CRM_IS_STORE (store));

  job = write_job_new (WRITE_ALERT_MINUTES);
  job->minutes = minutes;
  run_write (store, job, crm_service_set_alert_minutes_async, cancellable, callback, user_data);
}

gboolean
crm_service_set_alert_minutes_finish (CrmStore      *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return crm_service_save_finish (store, result, error) != 0;
}
