/* crm-store.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CrmStore lives on the main thread.  Every database access is a job for the
 * worker thread (crm-store-worker.c), which owns the only connection; jobs
 * exchange plain CrmRow structs, and the main thread turns them into records
 * through the identity map, so every view shares one instance per row.
 */

#define G_LOG_DOMAIN "CrmStore"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-models.h"
#include "crm-query-private.h"
#include "crm-record-private.h"
#include "crm-search-private.h"
#include "crm-store-jobs.h"
#include "crm-store-worker.h"

/* Rapid edits to the same records are written together after this delay. */
#define SAVE_DELAY_MS 250
/* How often to look for commits made by other processes (rapport-cli). */
#define EXTERNAL_POLL_SECONDS 2

struct _CrmStore
{
  GObject          parent_instance;

  char            *path;
  CrmStoreWorker  *worker;
  GHashTable      *identity;       /* table name → (gint64 id → CrmRecord*, no ref) */
  GHashTable      *pending_saves;  /* CrmRecord* (ref) */
  guint            save_source;
  guint            poll_source;
  guint32          node;
  int              schema_version;
  gboolean         closed;

  /* The search index's queue, drained a batch at a time between other jobs
   * (the application's stores; see drain_search()). */
  gboolean         drain_search;
  gboolean         draining;
  guint            drained;
};

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  WRITE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)

static void reload_records (CrmStore *self, const CrmTable *table, GArray *ids);

/* --- Running jobs --- */

void
_crm_store_run_async (CrmStore            *self,
                      CrmStoreJobFunc      func,
                      gpointer             data,
                      GDestroyNotify       destroy,
                      gpointer             source_tag,
                      const char          *name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, data, destroy);

  if (self->closed || self->worker == NULL)
    {
      g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED,
                               _("The database is closed."));
      return;
    }

  _crm_store_worker_push (self->worker, func, task);
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gpointer
_crm_store_run_sync (CrmStore         *self,
                     CrmStoreJobFunc   func,
                     gpointer          data,
                     GDestroyNotify    destroy,
                     GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  _crm_store_run_async (self, func, data, destroy, _crm_store_run_sync, "crm-store-sync",
                        NULL, sync_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Identity map and change tracking (main thread) --- */

static GHashTable *
identity_for (CrmStore   *self,
              const char *table)
{
  GHashTable *map = g_hash_table_lookup (self->identity, table);

  if (map == NULL)
    {
      map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (self->identity, (gpointer) g_intern_string (table), map);
    }
  return map;
}

CrmRecord *
crm_store_lookup (CrmStore *self,
                  GType     record_type,
                  gint64    id)
{
  const CrmTable *table;
  GHashTable *map;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if ((table = _crm_table_for_type (record_type)) == NULL)
    return NULL;
  if ((map = g_hash_table_lookup (self->identity, table->name)) == NULL)
    return NULL;
  return g_hash_table_lookup (map, &id);
}

CrmRecord *
_crm_store_materialize (CrmStore     *self,
                        const CrmRow *row)
{
  GHashTable *map = identity_for (self, row->table->name);
  CrmRecord *record = g_hash_table_lookup (map, &row->id);

  if (record != NULL)
    {
      _crm_record_apply_row (record, row, FALSE);
      return g_object_ref (record);
    }

  record = g_object_new (row->table->type, NULL);
  _crm_record_apply_row (record, row, TRUE);
  _crm_record_attach (record, self, row->id);
  g_hash_table_insert (map, g_memdup2 (&row->id, sizeof row->id), record);
  return record;
}

/* Called from CrmRecord's dispose: the identity map holds no reference. */
void
_crm_store_forget (CrmStore  *self,
                   CrmRecord *record)
{
  const CrmTable *table = _crm_record_class_get_table_info (CRM_RECORD_GET_CLASS (record));
  GHashTable *map = g_hash_table_lookup (self->identity, table->name);
  gint64 id = crm_record_get_id (record);

  if (map != NULL && g_hash_table_lookup (map, &id) == record)
    g_hash_table_remove (map, &id);
}

static void
apply_rows (CrmStore  *self,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmRow *row = g_ptr_array_index (rows, i);
      GHashTable *map = g_hash_table_lookup (self->identity, row->table->name);
      CrmRecord *record = map ? g_hash_table_lookup (map, &row->id) : NULL;

      /* Only records someone still holds are refreshed. */
      if (record != NULL)
        _crm_record_apply_row (record, row, FALSE);
    }
}

static void
reload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if ((rows = g_task_propagate_pointer (G_TASK (result), &error)))
    apply_rows (self, rows);
  else if (!g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
    g_warning ("Could not reload changed records: %s", error->message);
}

/* Re-reads the records of @table that are alive (all of them when @ids is
 * NULL), so a change made elsewhere reaches every view. */
static void
reload_records (CrmStore       *self,
                const CrmTable *table,
                GArray         *ids)
{
  GHashTable *map = g_hash_table_lookup (self->identity, table->name);
  RowsByIdData *d;

  if (map == NULL || g_hash_table_size (map) == 0 || self->closed)
    return;

  d = g_new0 (RowsByIdData, 1);
  d->table = table;
  d->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, map);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_vals (d->ids, key, 1);
    }
  else
    {
      for (guint i = 0; i < ids->len; i++)
        if (g_hash_table_contains (map, &g_array_index (ids, gint64, i)))
          g_array_append_val (d->ids, g_array_index (ids, gint64, i));
    }

  if (d->ids->len == 0)
    {
      _crm_store_rows_by_id_data_free (d);
      return;
    }

  _crm_store_run_async (self, _crm_store_rows_by_id_job, d, _crm_store_rows_by_id_data_free, reload_records,
                        "crm-store-reload", NULL, reload_cb, NULL);
}

/* About a quarter of a second of indexing per batch. */
#define DRAIN_BATCH 2000
/* After draining this many records the full-text index merges its segments. */
#define DRAIN_OPTIMIZE 10000

static void drain_search (CrmStore *self);

static void
on_optimized_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
    g_warning ("Could not merge the search index: %s", error->message);
}

static void
on_drained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmStore) self = user_data;
  g_autoptr(GError) error = NULL;
  int more = _crm_search_drain_finish (self, result, &error);

  self->draining = FALSE;
  if (more < 0)
    {
      if (!g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not update the search index: %s", error->message);
      return;
    }
  if (self->closed)
    return;
  self->drained += DRAIN_BATCH;
  if (more > 0)
    drain_search (self);
  else if (self->drained >= DRAIN_OPTIMIZE)
    {
      self->drained = 0;
      _crm_search_optimize_async (self, NULL, on_optimized_cb, NULL);
    }
  else
    self->drained = 0;
}

/* Records written by an import, another program or this one's edits wait
 * in the search index's queue; searches fold in a few before they run, and
 * this folds in the rest, one batch per job, so that the lists' and the
 * searches' jobs get their turn in between. */
static void
drain_search (CrmStore *self)
{
  if (!self->drain_search || self->draining || self->closed)
    return;
  self->draining = TRUE;
  _crm_search_drain_async (self, DRAIN_BATCH, NULL, on_drained_cb, g_object_ref (self));
}

static void
on_worker_changed (gpointer    store,
                   const char *table_name,
                   GArray     *ids)
{
  CrmStore *self = store;
  const CrmTable *table = _crm_table_lookup (table_name);

  /* Tables without record classes (photos, the search index) have nothing
   * to reload, but their listeners are told all the same. */
  if (table != NULL)
    reload_records (self, table, ids);
  if (g_str_equal (table_name, "person") || g_str_equal (table_name, "organization") ||
      g_str_equal (table_name, "deal") || g_str_equal (table_name, "ticket"))
    drain_search (self);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table_name), table_name, ids);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GPtrArray) types = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->closed)
    return;

  /* Another process wrote: which rows is unknown, so every table counts as
   * changed (lists re-read their ids, live records re-read their rows). */
  types = crm_record_list_types ();
  for (guint i = 0; i < types->len; i++)
    on_worker_changed (self, _crm_table_for_type (GPOINTER_TO_SIZE (types->pdata[i]))->name, NULL);
}

static gboolean
poll_timeout_cb (gpointer data)
{
  CrmStore *self = data;

  _crm_store_run_async (self, _crm_store_poll_job, NULL, NULL, poll_timeout_cb, "crm-store-poll",
                        NULL, poll_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* --- Saving --- */

static void
save_batch_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GTask) outer = user_data;
  WriteData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < d->records->len; i++)
    _crm_record_edits_done (g_ptr_array_index (d->records, i));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Revert the objects to what the database holds, and say so. */
      if (!g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        {
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

          for (guint i = 0; i < d->rows->len; i++)
            {
              CrmRow *row = g_ptr_array_index (d->rows, i);

              g_array_set_size (ids, 0);
              g_array_append_val (ids, row->id);
              reload_records (self, row->table, ids);
            }
          g_signal_emit (self, signals[WRITE_FAILED], 0, error);
        }

      if (outer != NULL)
        g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (outer != NULL)
    g_task_return_boolean (outer, TRUE);
}

/* Writes the pending edits of @records in one transaction; @outer (may be
 * NULL) completes when they are committed. */
static void
save_records (CrmStore  *self,
              GPtrArray *records,
              GTask     *outer)
{
  WriteData *d = _crm_store_write_data_new ();

  for (guint i = 0; i < records->len; i++)
    {
      CrmRecord *record = g_ptr_array_index (records, i);
      CrmRow *row = _crm_record_take_edits (record, FALSE);

      if (row != NULL)
        {
          g_ptr_array_add (d->rows, row);
          g_ptr_array_add (d->records, g_object_ref (record));
        }
    }

  if (d->rows->len == 0)
    {
      _crm_store_write_data_free (d);
      if (outer != NULL)
        g_task_return_boolean (outer, TRUE);
      g_clear_object (&outer);
      return;
    }

  _crm_store_run_async (self, _crm_store_update_job, d, _crm_store_write_data_free, save_records,
                        "crm-store-save", NULL, save_batch_cb, outer);
}

static void
flush_pending_saves (CrmStore *self,
                     GTask    *outer)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->save_source, g_source_remove);

  g_hash_table_iter_init (&iter, self->pending_saves);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (records, key);
      g_hash_table_iter_steal (&iter);
    }

  save_records (self, records, outer);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CrmStore *self = data;

  self->save_source = 0;
  flush_pending_saves (self, NULL);
  return G_SOURCE_REMOVE;
}

void
_crm_store_schedule_save (CrmStore  *self,
                          CrmRecord *record)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->closed)
    return;

  if (!g_hash_table_contains (self->pending_saves, record))
    g_hash_table_add (self->pending_saves, g_object_ref (record));

  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* --- GObject --- */

static void
crm_store_dispose (GObject *object)
{
  CrmStore *self = CRM_STORE (object);

  crm_store_close (self);

  G_OBJECT_CLASS (crm_store_parent_class)->dispose (object);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = CRM_STORE (object);

  g_clear_pointer (&self->identity, g_hash_table_unref);
  g_clear_pointer (&self->pending_saves, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmStore *self = CRM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_store_dispose;
  object_class->finalize = crm_store_finalize;
  object_class->get_property = crm_store_get_property;

  /**
   * CrmStore:path:
   *
   * The database file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmStore::changed:
   * @table: the SQL table whose rows changed (also the signal detail)
   * @ids: (nullable) (element-type gint64): the changed row ids, or %NULL
   *   when the whole table changed (bulk writes)
   *
   * Emitted on the main thread after a commit changed rows, whoever made the
   * change (this window, another view, an import, an undo).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ARRAY);

  /**
   * CrmStore::write-failed:
   * @error: what went wrong
   *
   * Emitted when background saving of edits failed (disk full, locked);
   * the edited records were reverted to the stored values.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
crm_store_init (CrmStore *self)
{
  self->identity = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->pending_saves = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

/* --- Public API --- */

char *
crm_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

static CrmStore *
store_new (const char *path)
{
  CrmStore *self = g_object_new (CRM_TYPE_STORE, NULL);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  crm_models_ensure_types ();
  self->path = g_strdup (path);
  self->worker = _crm_store_worker_new (context, G_OBJECT (self), on_worker_changed);
  return self;
}

static void
start_polling (CrmStore *self)
{
  /* The first poll records the current version. */
  poll_timeout_cb (self);
  self->poll_source = g_timeout_add_seconds (EXTERNAL_POLL_SECONDS, poll_timeout_cb, self);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  gpointer node = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      crm_store_close (self);
      g_task_return_error (outer, error);
      return;
    }

  self->node = GPOINTER_TO_UINT (node) - 1;
  self->schema_version = crm_store_get_latest_schema_version ();
  start_polling (self);
  /* The application's store: what changed while it was closed (an import
   * by rapport-cli, another program) enters the search index in the
   * background. */
  self->drain_search = TRUE;
  drain_search (self);
  g_task_return_pointer (outer, g_object_ref (self), g_object_unref);
}

void
crm_store_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(CrmStore) self = NULL;
  GTask *outer;
  OpenData *d;

  g_return_if_fail (path != NULL);

  self = store_new (path);
  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_open_async);
  g_task_set_name (outer, "crm-store-open");

  d = g_new0 (OpenData, 1);
  d->path = g_strdup (path);
  _crm_store_run_async (self, _crm_store_open_job, d, _crm_store_open_data_free, crm_store_open_async,
                        "crm-store-open", cancellable, open_cb, outer);
}

CrmStore *
crm_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CrmStore *
crm_store_open_sync (const char  *path,
                     GError     **error)
{
  g_autoptr(CrmStore) self = NULL;
  OpenData *d;
  gpointer node;

  g_return_val_if_fail (path != NULL, NULL);

  self = store_new (path);
  d = g_new0 (OpenData, 1);
  d->path = g_strdup (path);
  node = _crm_store_run_sync (self, _crm_store_open_job, d, _crm_store_open_data_free, error);
  if (node == NULL)
    {
      crm_store_close (self);
      return NULL;
    }

  self->node = GPOINTER_TO_UINT (node) - 1;
  self->schema_version = crm_store_get_latest_schema_version ();
  start_polling (self);
  return g_steal_pointer (&self);
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->path;
}

gboolean
crm_store_is_read_only (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), TRUE);

  /* A read-only file is refused at open (Rapport needs to write). */
  return self->closed;
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return self->schema_version;
}

guint32
crm_store_get_node_id (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  return self->node;
}

void
crm_store_close (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->worker == NULL)
    return;

  /* Pending edits are written before the connection closes. */
  if (!self->closed && g_hash_table_size (self->pending_saves) > 0)
    flush_pending_saves (self, NULL);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  self->closed = TRUE;
  g_clear_pointer (&self->worker, _crm_store_worker_shutdown);
}

/* load */

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  if (!(records = _crm_store_load_many_finish (CRM_STORE (source), result, &error)))
    g_task_return_error (outer, error);
  else if (records->len == 0)
    g_task_return_new_error (outer, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                             _("The record was not found."));
  else
    g_task_return_pointer (outer, g_object_ref (g_ptr_array_index (records, 0)), g_object_unref);
}

void
crm_store_load_async (CrmStore            *self,
                      GType                record_type,
                      gint64               id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GTask *outer;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (_crm_table_for_type (record_type) != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_load_async);

  g_array_append_val (ids, id);
  _crm_store_load_many_async (self, record_type, ids, cancellable, load_cb, outer);
}

CrmRecord *
crm_store_load_finish (CrmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* load many (paged model pages) */

/* The identity-mapped records of @rows, in the same order. */
static GPtrArray *
materialize_rows (CrmStore  *self,
                  GPtrArray *rows)
{
  GPtrArray *records = g_ptr_array_new_full (rows->len, g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (records, _crm_store_materialize (self, g_ptr_array_index (rows, i)));
  return records;
}

static void
load_many_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *records;
  GError *error = NULL;

  if (!(rows = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (outer, error);
      return;
    }

  records = materialize_rows (self, rows);
  g_task_return_pointer (outer, records, (GDestroyNotify) g_ptr_array_unref);
}

void
_crm_store_load_many_async (CrmStore            *self,
                            GType                record_type,
                            GArray              *ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *outer;
  RowsByIdData *d;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (_crm_table_for_type (record_type) != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, _crm_store_load_many_async);

  d = g_new0 (RowsByIdData, 1);
  d->table = _crm_table_for_type (record_type);
  d->ids = g_array_ref (ids);
  _crm_store_run_async (self, _crm_store_rows_by_id_job, d, _crm_store_rows_by_id_data_free, _crm_store_load_many_async,
                        "crm-store-load-many", cancellable, load_many_cb, outer);
}

GPtrArray *
_crm_store_load_many_finish (CrmStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* query / count */

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  if (!(rows = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (outer, error);
      return;
    }

  records = materialize_rows (self, rows);

  store = g_list_store_new (crm_query_get_record_type (((QueryData *) g_task_get_task_data (G_TASK (result)))->query));
  g_list_store_splice (store, 0, 0, records->pdata, records->len);
  g_task_return_pointer (outer, g_steal_pointer (&store), g_object_unref);
}

static void
run_query (CrmStore            *self,
           CrmQuery            *query,
           CrmStoreJobFunc      func,
           GAsyncReadyCallback  inner_cb,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  QueryData *d = g_new0 (QueryData, 1);

  g_task_set_source_tag (outer, source_tag);
  /* The worker gets its own copy: the caller may go on changing its query. */
  d->query = crm_query_copy (query);
  _crm_store_run_async (self, func, d, _crm_store_query_data_free, source_tag, "crm-store-query",
                        cancellable, inner_cb, outer);
}

void
crm_store_query_async (CrmStore            *self,
                       CrmQuery            *query,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (query != NULL);

  run_query (self, query, _crm_store_query_job, query_cb, crm_store_query_async, cancellable, callback, user_data);
}

GListModel *
crm_store_query_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_int (outer, n);
}

void
crm_store_count_async (CrmStore            *self,
                       CrmQuery            *query,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (query != NULL);

  run_query (self, query, _crm_store_count_job, count_cb, crm_store_count_async, cancellable, callback, user_data);
}

gint64
crm_store_count_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* insert / save / trash / flush */

static void
insert_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmStore *self = CRM_STORE (source);
  g_autoptr(GTask) outer = user_data;
  WriteData *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  for (guint i = 0; i < d->rows->len; i++)
    {
      CrmRow *row = g_ptr_array_index (d->rows, i);
      CrmRecord *record = g_ptr_array_index (d->records, i);
      GHashTable *map = identity_for (self, row->table->name);

      _crm_record_attach (record, self, row->id);
      g_hash_table_insert (map, g_memdup2 (&row->id, sizeof row->id), record);
      _crm_record_apply_row (record, row, FALSE);
    }

  g_task_return_boolean (outer, TRUE);
}

void
crm_store_insert_async (CrmStore            *self,
                        CrmRecord           *record,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *outer;
  WriteData *d;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (CRM_IS_RECORD (record));
  g_return_if_fail (crm_record_get_id (record) == 0);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_insert_async);

  d = _crm_store_write_data_new ();
  g_ptr_array_add (d->rows, _crm_record_take_edits (record, TRUE));
  g_ptr_array_add (d->records, g_object_ref (record));
  _crm_store_run_async (self, _crm_store_insert_job, d, _crm_store_write_data_free, crm_store_insert_async,
                        "crm-store-insert", NULL, insert_cb, outer);
}

gboolean
crm_store_insert_finish (CrmStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
crm_store_save_async (CrmStore            *self,
                      CrmRecord           *record,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GTask *outer;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (CRM_IS_RECORD (record));
  g_return_if_fail (crm_record_get_store (record) == self);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_save_async);

  g_hash_table_remove (self->pending_saves, record);
  g_ptr_array_add (records, g_object_ref (record));
  save_records (self, records, outer);
}

gboolean
crm_store_save_finish (CrmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
trash_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  WriteData *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  for (guint i = 0; i < d->rows->len; i++)
    _crm_record_apply_row (g_ptr_array_index (d->records, i), g_ptr_array_index (d->rows, i), FALSE);
  g_task_return_boolean (outer, TRUE);
}

void
crm_store_trash_async (CrmStore            *self,
                       CrmRecord           *record,
                       gboolean             trashed,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *outer;
  WriteData *d;
  CrmRow *row;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (CRM_IS_RECORD (record));
  g_return_if_fail (crm_record_get_store (record) == self);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_trash_async);

  /* The row carries every column (pending edits included), so they are
   * written with the trash flag in one statement. */
  g_hash_table_remove (self->pending_saves, record);
  d = _crm_store_write_data_new ();
  d->trashed = trashed;
  row = _crm_record_take_edits (record, TRUE);
  g_ptr_array_add (d->rows, row);
  g_ptr_array_add (d->records, g_object_ref (record));
  _crm_store_run_async (self, _crm_store_trash_job, d, _crm_store_write_data_free, crm_store_trash_async,
                        "crm-store-trash", NULL, trash_cb, outer);
}

gboolean
crm_store_trash_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
flush_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

void
crm_store_flush_async (CrmStore            *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *outer;

  g_return_if_fail (CRM_IS_STORE (self));

  if (g_hash_table_size (self->pending_saves) > 0)
    flush_pending_saves (self, NULL);

  /* Jobs run in order: this one resolves after every earlier write. */
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_flush_async);
  _crm_store_run_async (self, _crm_store_noop_job, NULL, NULL, crm_store_flush_async, "crm-store-flush",
                        NULL, flush_cb, outer);
}

gboolean
crm_store_flush_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
