/* crm-dedupe-dismiss.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the duplicate finder: records the user said are not duplicates.
 *
 * The schema has no table for them, so they live in the meta table as one
 * JSON value, {"person": [[a, b], ...], "organization": [...]}, one pair per
 * two records with a < b.  A cluster is left out of a scan when every pair
 * of its records was dismissed; a record that joins later brings it back.
 */

#define G_LOG_DOMAIN "CrmDedupe"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "crm-dedupe-private.h"

#define META_KEY "dedupe-dismissed"

static const char *kind_keys[] = { "person", "organization" };

/* "<kind>:<a>:<b>" with a < b */
static char *
pair_key (CrmDedupeKind kind,
          gint64        a,
          gint64        b)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, kind, MIN (a, b), MAX (a, b));
}

static void
add_pairs (GHashTable *pairs,
           JsonArray  *array,
           guint       kind)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      /* Anything else was not written by us: skipped, never fatal. */
      if (pair == NULL || json_array_get_length (pair) != 2)
        continue;
      g_hash_table_add (pairs, pair_key (kind, json_array_get_int_element (pair, 0),
                                         json_array_get_int_element (pair, 1)));
    }
}

/* The dismissed pairs as a set of pair_key() strings. */
static GHashTable *
read_pairs (CrmStoreWorker  *worker,
            GError         **error)
{
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, "SELECT value FROM meta WHERE key = ?", error);
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;

  if (stmt == NULL)
    {
      g_hash_table_unref (pairs);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, META_KEY, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (text == NULL)
    return pairs;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    {
      g_warning ("The dismissed duplicates are unreadable and were ignored");
      return pairs;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pairs;
  for (guint k = 0; k < G_N_ELEMENTS (kind_keys); k++)
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *member = json_object_get_member (object, kind_keys[k]);

      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        add_pairs (pairs, json_node_get_array (member), k);
    }
  return pairs;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  gint64 x[3], y[3];

  sscanf (*(const char **) a, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
          &x[0], &x[1], &x[2]);
  sscanf (*(const char **) b, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
          &y[0], &y[1], &y[2]);
  for (guint i = 0; i < 3; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Sorted, so that the stored text is the same for the same set. */
static char *
pairs_to_json (GHashTable *pairs)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (pairs, NULL);
  guint n = g_hash_table_size (pairs);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint i = 0;

  qsort (keys, n, sizeof (gpointer), compare_keys);
  json_builder_begin_object (builder);
  for (guint k = 0; k < G_N_ELEMENTS (kind_keys); k++)
    {
      json_builder_set_member_name (builder, kind_keys[k]);
      json_builder_begin_array (builder);
      for (; i < n; i++)
        {
          gint64 kind, a, b;

          sscanf (keys[i], "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, &kind, &a, &b);
          if (kind != k)
            break;
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, a);
          json_builder_add_int_value (builder, b);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
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
  g_autoptr(GHashTable) pairs = read_pairs (worker, error);
  g_autofree char *json = NULL;
  gint64 *ids = (gint64 *) (gpointer) d->ids->data;
  sqlite3_stmt *stmt;
  int rc;

  if (pairs == NULL)
    return FALSE;
  for (guint i = 0; i < d->ids->len; i++)
    for (guint j = i + 1; j < d->ids->len; j++)
      {
        char *key = pair_key (d->kind, ids[i], ids[j]);

        if (ids[i] == ids[j])
          g_free (key);
        else if (d->dismissed)
          g_hash_table_add (pairs, key);
        else
          {
            g_hash_table_remove (pairs, key);
            g_free (key);
          }
      }

  json = pairs_to_json (pairs);
  stmt = _crm_store_worker_prepare (worker, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, META_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "dismiss duplicates");
      return FALSE;
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
