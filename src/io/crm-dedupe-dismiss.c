/* crm-dedupe-dismiss.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the duplicate finder: records the user said are not duplicates.
 *
 * They live in the dedupe_dismissed table (schema v4), one row per two
 * records with a_id < b_id.  A cluster is left out of a scan when every pair
 * of its records was dismissed; a record that joins later brings it back.
 */

#define G_LOG_DOMAIN "CrmDedupe"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "crm-dedupe-private.h"

static const char *kind_keys[] = { "person", "organization" };

/* "<kind>:<a>:<b>" with a < b */
static char *
pair_key (CrmDedupeKind kind,
          gint64        a,
          gint64        b)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, kind, MIN (a, b), MAX (a, b));
}

static int
kind_from_key (const char *key)
{
  for (guint k = 0; k < G_N_ELEMENTS (kind_keys); k++)
    if (g_strcmp0 (key, kind_keys[k]) == 0)
      return (int) k;
  return -1;
}

/* The dismissed pairs as a set of pair_key() strings. */
static GHashTable *
read_pairs (CrmStoreWorker  *worker,
            GError         **error)
{
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT kind, a_id, b_id FROM dedupe_dismissed "
                                                          "WHERE deleted = 0", error);
  int rc;

  if (stmt == NULL)
    {
      g_hash_table_unref (pairs);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = kind_from_key ((const char *) sqlite3_column_text (stmt, 0));

      /* Anything else was not written by us: skipped, never fatal. */
      if (kind >= 0)
        g_hash_table_add (pairs, pair_key (kind, sqlite3_column_int64 (stmt, 1),
                                           sqlite3_column_int64 (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      g_hash_table_unref (pairs);
      return NULL;
    }
  return pairs;
}

gboolean
_crm_dedupe_worker_drop_dismissed (CrmStoreWorker  *worker,
                                   GPtrArray       *clusters,
                                   GError         **error)
{
  g_autoptr(GHashTable) pairs = read_pairs (worker, error);

  if (pairs == NULL)
    return FALSE;
  if (g_hash_table_size (pairs) == 0)
    return TRUE;

  for (guint c = clusters->len; c > 0; c--)
    {
      CrmDedupeCluster *cluster = clusters->pdata[c - 1];
      gint64 *ids = (gint64 *) (gpointer) cluster->ids->data;
      gboolean all = TRUE;

      for (guint i = 0; all && i < cluster->ids->len; i++)
        for (guint j = i + 1; all && j < cluster->ids->len; j++)
          {
            g_autofree char *key = pair_key (cluster->kind, ids[i], ids[j]);

            all = g_hash_table_contains (pairs, key);
          }
      if (all)
        g_ptr_array_remove_index (clusters, c - 1);
    }
  return TRUE;
}

typedef struct
{
  CrmDedupeKind  kind;
  GArray        *ids;
  gboolean       dismissed;
} DismissData;

static void
dismiss_data_free (gpointer data)
{
  DismissData *d = data;

  g_array_unref (d->ids);
  g_free (d);
}

static gboolean
update_pairs (CrmStoreWorker  *worker,
              DismissData     *d,
              GError         **error)
{
  gint64 *ids = (gint64 *) (gpointer) d->ids->data;
  gint64 now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;

  if (d->dismissed)
    stmt = _crm_store_worker_prepare (worker, "INSERT INTO dedupe_dismissed (id, created, updated, kind, "
                                              "a_id, b_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5) "
                                              "ON CONFLICT (kind, a_id, b_id) DO UPDATE "
                                              "SET deleted = 0, updated = ?2 WHERE deleted != 0", error);
  else
    stmt = _crm_store_worker_prepare (worker, "UPDATE dedupe_dismissed SET deleted = 1, updated = ?2 "
                                              "WHERE ?1 = ?1 AND kind = ?3 AND a_id = ?4 AND b_id = ?5 "
                                              "AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < d->ids->len; i++)
    for (guint j = i + 1; j < d->ids->len; j++)
      {
        int rc;

        if (ids[i] == ids[j])
          continue;
        sqlite3_bind_int64 (stmt, 1, d->dismissed ? _crm_store_worker_next_id (worker) : 0);
        sqlite3_bind_int64 (stmt, 2, now);
        sqlite3_bind_text (stmt, 3, kind_keys[d->kind], -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 4, MIN (ids[i], ids[j]));
        sqlite3_bind_int64 (stmt, 5, MAX (ids[i], ids[j]));
        rc = sqlite3_step (stmt);
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          {
            _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "dismiss duplicates");
            return FALSE;
          }
      }
  return TRUE;
}

static void
dismiss_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        data)
{
  g_autoptr(GError) error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!update_pairs (worker, data, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_dedupe_set_dismissed_async (CrmStore            *store,
                                CrmDedupeKind        kind,
                                const gint64        *ids,
                                guint                n_ids,
                                gboolean             dismissed,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DismissData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (kind == CRM_DEDUPE_KIND_PERSON || kind == CRM_DEDUPE_KIND_ORGANIZATION);
  g_return_if_fail (ids != NULL || n_ids == 0);

  d = g_new0 (DismissData, 1);
  d->kind = kind;
  d->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (d->ids, ids, n_ids);
  d->dismissed = !!dismissed;
  _crm_store_run_async (store, dismiss_job, d, dismiss_data_free, crm_dedupe_set_dismissed_async,
                        "crm-dedupe-dismiss", cancellable, callback, user_data);
}

gboolean
crm_dedupe_set_dismissed_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
