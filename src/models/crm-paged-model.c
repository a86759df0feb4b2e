/* crm-paged-model.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ordered ids of the query are read once (from an index, on the worker)
 * into an array: n_items is its length, so it costs nothing to ask, and any
 * position maps to an id at once.  Rows are read by id, a page of
 * CRM_PAGED_MODEL_PAGE_SIZE at a time, never with OFFSET.  A change to the
 * table re-reads the ids (debounced) and emits one items-changed for the span
 * that differs, so a list keeps its scroll position and its widgets.
 */

#define G_LOG_DOMAIN "CrmPagedModel"

#include "config.h"

#include "crm-paged-model.h"
#include "crm-query-private.h"
#include "crm-store-private.h"

/* Recently read pages kept alive, so scrolling back is instant: six pages
 * are several screens of rows (a page is read again in about a millisecond
 * beyond them); sixteen cost 4 MB more at the peak of a browsing session
 * (measured with bench.py's memory group on 1,000,000 people). */
#define KEEP_PAGES 6
#define RELOAD_DELAY_MS 50

struct _CrmPagedItem
{
  GObject    parent_instance;
  gint64     id;
  CrmRecord *record;
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_RECORD,
  ITEM_PROP_LOADING,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (CrmPagedItem, crm_paged_item, G_TYPE_OBJECT)

struct _CrmPagedModel
{
  GObject       parent_instance;

  CrmStore     *store;
  CrmQuery     *query;
  GArray       *ids;            /* gint64, in query order */
  GHashTable   *items;          /* gint64 id → CrmPagedItem* (weak) */
  GHashTable   *pages_loading;  /* page index of the current ids */
  GQueue        kept_pages;     /* GPtrArray of CrmRecord (ref) */
  GPtrArray    *waiting;        /* GTask*: load_page calls waiting for the ids */
  GCancellable *cancellable;
  guint         generation;
  guint         reload_source;
  GArray       *changed_handlers; /* gulong: one per table the query reads */
  gboolean      loading;
  gboolean      reload_pending;  /* ids are being re-read */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_LOADING,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmPagedModel, crm_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* --- CrmPagedItem --- */

static void
crm_paged_item_dispose (GObject *object)
{
  CrmPagedItem *self = CRM_PAGED_ITEM (object);

  g_clear_object (&self->record);

  G_OBJECT_CLASS (crm_paged_item_parent_class)->dispose (object);
}

static void
crm_paged_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmPagedItem *self = CRM_PAGED_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case ITEM_PROP_LOADING:
      g_value_set_boolean (value, self->record == NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_paged_item_class_init (CrmPagedItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_paged_item_dispose;
  object_class->get_property = crm_paged_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmPagedItem:record:
   *
   * The record at this position; %NULL until its page has been read.
   */
  item_properties[ITEM_PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
crm_paged_item_init (CrmPagedItem *self)
{
}

static void
item_set_record (CrmPagedItem *self,
                 CrmRecord    *record)
{
  if (!g_set_object (&self->record, record))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_RECORD]);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_LOADING]);
}

gint64
crm_paged_item_get_id (CrmPagedItem *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_ITEM (self), 0);

  return self->id;
}

CrmRecord *
crm_paged_item_get_record (CrmPagedItem *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_ITEM (self), NULL);

  return self->record;
}

gboolean
crm_paged_item_get_loading (CrmPagedItem *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_ITEM (self), TRUE);

  return self->record == NULL;
}

/* --- Reading ids (worker thread) --- */

static void
ids_job (CrmStoreWorker *worker,
         GTask          *task,
         gpointer        data)
{
  CrmQuery *query = data;
  g_autofree char *sql = _crm_query_build_sql (query, CRM_QUERY_SQL_IDS);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_worker_prepare (worker, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  _crm_query_bind (query, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_array_unref);
}

/* --- Pages --- */

static void
keep_page (CrmPagedModel *self,
           GPtrArray     *records)
{
  g_queue_push_head (&self->kept_pages, g_ptr_array_ref (records));
  while (g_queue_get_length (&self->kept_pages) > KEEP_PAGES)
    g_ptr_array_unref (g_queue_pop_tail (&self->kept_pages));
}

static void
fill_items (CrmPagedModel *self,
            GPtrArray     *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      CrmRecord *record = g_ptr_array_index (records, i);
      gint64 id = crm_record_get_id (record);
      CrmPagedItem *item = g_hash_table_lookup (self->items, &id);

      if (item != NULL)
        item_set_record (item, record);
    }
}

static GArray *
page_ids (CrmPagedModel *self,
          guint          page)
{
  guint first = page * CRM_PAGED_MODEL_PAGE_SIZE;
  guint n = MIN (CRM_PAGED_MODEL_PAGE_SIZE, self->ids->len - first);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  g_array_append_vals (ids, &g_array_index (self->ids, gint64, first), n);
  return ids;
}

typedef struct
{
  CrmPagedModel *self;    /* ref */
  guint          page;
  guint          generation;
  GTask         *task;    /* a load_page call to complete, or NULL */
} PageLoad;

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageLoad *pl = user_data;
  CrmPagedModel *self = pl->self;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = _crm_store_load_many_finish (CRM_STORE (source), result, &error);

  if (pl->generation == self->generation)
    g_hash_table_remove (self->pages_loading, GUINT_TO_POINTER (pl->page));

  if (records != NULL)
    {
      fill_items (self, records);
      keep_page (self, records);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
    g_warning ("Could not read a page of %s: %s",
               g_type_name (crm_query_get_record_type (self->query)), error->message);

  if (pl->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (pl->task, g_steal_pointer (&error));
      else
        g_task_return_boolean (pl->task, TRUE);
      g_object_unref (pl->task);
    }

  g_object_unref (pl->self);
  g_free (pl);
}

static void
load_page (CrmPagedModel *self,
           guint          page,
           GTask         *task)
{
  g_autoptr(GArray) ids = NULL;
  PageLoad *pl;

  if (page * CRM_PAGED_MODEL_PAGE_SIZE >= self->ids->len)
    {
      if (task != NULL)
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (task == NULL)
    {
      if (g_hash_table_contains (self->pages_loading, GUINT_TO_POINTER (page)))
        return;
      g_hash_table_add (self->pages_loading, GUINT_TO_POINTER (page));
    }

  pl = g_new0 (PageLoad, 1);
  pl->self = g_object_ref (self);
  pl->page = page;
  pl->generation = self->generation;
  pl->task = task ? g_object_ref (task) : NULL;

  ids = page_ids (self, page);
  _crm_store_load_many_async (self->store, crm_query_get_record_type (self->query), ids,
                              self->cancellable, page_loaded_cb, pl);
}

/* --- Reloading ids --- */

typedef struct
{
  CrmPagedModel *self;   /* ref */
  guint          generation;
} IdsLoad;

static void
ids_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  IdsLoad *il = user_data;
  g_autoptr(CrmPagedModel) self = il->self;
  guint generation = il->generation;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old = NULL;
  g_autoptr(GError) error = NULL;
  guint prefix = 0, suffix = 0, removed, added;
  gboolean was_loading;
  g_autoptr(GPtrArray) waiting = NULL;

  g_free (il);
  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not read the list of %s: %s",
                   g_type_name (crm_query_get_record_type (self->query)), error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* A newer query or reload is on its way: this answer is stale. */
  if (generation != self->generation)
    return;
  self->reload_pending = FALSE;

  old = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->pages_loading);

  while (prefix < old->len && prefix < self->ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < self->ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (self->ids, gint64, self->ids->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = self->ids->len - prefix - suffix;

  was_loading = self->loading;
  self->loading = FALSE;

  if (removed != 0 || added != 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);
      guint position = GPOINTER_TO_UINT (g_task_get_task_data (task));

      load_page (self, position / CRM_PAGED_MODEL_PAGE_SIZE, task);
    }
}

static void
reload (CrmPagedModel *self)
{
  IdsLoad *il = g_new0 (IdsLoad, 1);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  il->self = g_object_ref (self);
  il->generation = ++self->generation;
  self->reload_pending = TRUE;

  _crm_store_run_async (self->store, ids_job, crm_query_copy (self->query),
                        (GDestroyNotify) crm_query_unref, reload, "crm-paged-model-ids",
                        self->cancellable, ids_loaded_cb, il);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CrmPagedModel *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CrmStore      *store,
                     const char    *table,
                     GArray        *ids,
                     CrmPagedModel *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* The store's changes to any table that decides the query's rows (its own,
 * and those its filters look into: tags, custom values, affiliations). */
static void
unwatch_tables (CrmPagedModel *self)
{
  for (guint i = 0; self->changed_handlers != NULL && i < self->changed_handlers->len; i++)
    g_signal_handler_disconnect (self->store, g_array_index (self->changed_handlers, gulong, i));
  g_clear_pointer (&self->changed_handlers, g_array_unref);
}

static void
watch_tables (CrmPagedModel *self)
{
  g_autofree const char **tables = _crm_query_dup_tables (self->query);

  unwatch_tables (self);
  self->changed_handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strdup_printf ("changed::%s", tables[i]);
      gulong id = g_signal_connect_object (self->store, detailed, G_CALLBACK (on_store_changed_cb),
                                           self, 0);

      g_array_append_val (self->changed_handlers, id);
    }
}

/* --- GListModel --- */

static GType
crm_paged_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_PAGED_ITEM;
}

static guint
crm_paged_model_get_n_items (GListModel *model)
{
  return CRM_PAGED_MODEL (model)->ids->len;
}

static void
on_item_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  CrmPagedModel *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The item's fields are gone: find it by address. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static gpointer
crm_paged_model_get_item (GListModel *model,
                          guint       position)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (model);
  CrmPagedItem *item;
  CrmRecord *record;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  if ((item = g_hash_table_lookup (self->items, &id)))
    return g_object_ref (item);

  item = g_object_new (CRM_TYPE_PAGED_ITEM, NULL);
  item->id = id;
  g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
  g_object_weak_ref (G_OBJECT (item), on_item_finalized, self);

  record = crm_store_lookup (self->store, crm_query_get_record_type (self->query), id);
  if (record != NULL)
    item->record = g_object_ref (record);
  else
    load_page (self, position / CRM_PAGED_MODEL_PAGE_SIZE, NULL);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_paged_model_get_item_type;
  iface->get_n_items = crm_paged_model_get_n_items;
  iface->get_item = crm_paged_model_get_item;
}

/* --- GObject --- */

static void
crm_paged_model_dispose (GObject *object)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (object);
  GHashTableIter iter;
  gpointer value;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  unwatch_tables (self);

  if (self->items != NULL)
    {
      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, on_item_finalized, self);
      g_hash_table_remove_all (self->items);
    }

  g_queue_clear_full (&self->kept_pages, (GDestroyNotify) g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_paged_model_parent_class)->dispose (object);
}

static void
crm_paged_model_finalize (GObject *object)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (object);

  g_clear_pointer (&self->query, crm_query_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pages_loading, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_paged_model_parent_class)->finalize (object);
}

static void
crm_paged_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, CRM_TYPE_PAGED_ITEM);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_paged_model_class_init (CrmPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_paged_model_dispose;
  object_class->finalize = crm_paged_model_finalize;
  object_class->get_property = crm_paged_model_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, CRM_TYPE_QUERY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CrmPagedModel:loading:
   *
   * %TRUE until the first list of ids has been read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_paged_model_init (CrmPagedModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pages_loading = g_hash_table_new (NULL, NULL);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_queue_init (&self->kept_pages);
}

/* --- Public API --- */

/**
 * crm_paged_model_new:
 * @store: the store
 * @query: what to list
 *
 * Returns: (transfer full): a model that starts reading at once
 */
CrmPagedModel *
crm_paged_model_new (CrmStore *store,
                     CrmQuery *query)
{
  CrmPagedModel *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (CRM_TYPE_PAGED_MODEL, NULL);
  self->store = g_object_ref (store);
  self->query = crm_query_copy (query);
  watch_tables (self);
  reload (self);
  return self;
}

CrmStore *
crm_paged_model_get_store (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), NULL);

  return self->store;
}

CrmQuery *
crm_paged_model_get_query (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), NULL);

  return self->query;
}

void
crm_paged_model_set_query (CrmPagedModel *self,
                           CrmQuery      *query)
{
  g_return_if_fail (CRM_IS_PAGED_MODEL (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (crm_query_get_record_type (query) == crm_query_get_record_type (self->query));

  if (crm_query_equal (self->query, query))
    return;

  g_clear_pointer (&self->query, crm_query_unref);
  self->query = crm_query_copy (query);
  watch_tables (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  reload (self);
}

gboolean
crm_paged_model_get_loading (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), FALSE);

  return self->loading;
}

gint64
crm_paged_model_get_id (CrmPagedModel *self,
                        guint          position)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

void
crm_paged_model_load_page_async (CrmPagedModel       *self,
                                 guint                position,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_paged_model_load_page_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (position), NULL);

  /* Positions refer to the ids being read: wait for them. */
  if (self->loading || self->reload_pending)
    g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  else
    load_page (self, position / CRM_PAGED_MODEL_PAGE_SIZE, task);
}

gboolean
crm_paged_model_load_page_finish (CrmPagedModel  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
