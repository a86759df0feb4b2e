/* crm-store-worker.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmStoreWorker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-id.h"
#include "crm-store-worker.h"

/* Past this many changed rows in one transaction, listeners hear "the whole
 * table changed" instead of a list of ids. */
#define MAX_TRACKED_CHANGES 512

typedef struct
{
  CrmStoreJobFunc  func;   /* NULL: shut down */
  GTask           *task;
} Job;

typedef struct
{
  const char *table;       /* interned */
  GHashTable *ids;         /* gint64* set; NULL = whole table */
} TableChanges;

struct _CrmStoreWorker
{
  GThread             *thread;
  GAsyncQueue         *queue;
  GMainContext        *main_context;
  GWeakRef             store;
  CrmStoreChangedFunc  changed_func;

  /* Everything below belongs to the worker thread. */
  sqlite3             *db;
  GHashTable          *stmts;       /* sql → sqlite3_stmt* */
  CrmIdGen             ids;
  gint64               persisted_ms;
  gboolean             ids_ready;
  gboolean             in_txn;
  gboolean             bulk;
  gboolean             quiet;
  GHashTable          *changes;     /* interned table → TableChanges* */
  gint64               data_version;
  const char          *bulk_last_table;
  gboolean             free_when_done;   /* shut down from its own thread */
};

static void
table_changes_free (gpointer data)
{
  TableChanges *tc = data;

  g_clear_pointer (&tc->ids, g_hash_table_unref);
  g_free (tc);
}

static void
on_update_hook_cb (void          *user_data,
                   int            op,
                   const char    *db_name,
                   const char    *table,
                   sqlite3_int64  rowid)
{
  CrmStoreWorker *self = user_data;
  const char *name;
  TableChanges *tc;

  if (self->quiet)
    return;

  /* Bulk writes only need to know which tables changed: skip the lookups
   * while rows keep going to the same table (SQLite passes the same
   * pointer for it). */
  if (self->bulk && table == self->bulk_last_table)
    return;
  self->bulk_last_table = self->bulk ? table : NULL;

  if (g_str_equal (table, "meta"))
    return;

  name = g_intern_string (table);

  tc = g_hash_table_lookup (self->changes, name);
  if (tc == NULL)
    {
      tc = g_new0 (TableChanges, 1);
      tc->table = name;
      if (!self->bulk)
        tc->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (self->changes, (gpointer) name, tc);
    }

  if (tc->ids == NULL)
    return;

  if (self->bulk || g_hash_table_size (tc->ids) >= MAX_TRACKED_CHANGES)
    {
      g_clear_pointer (&tc->ids, g_hash_table_unref);
      return;
    }

  g_hash_table_add (tc->ids, g_memdup2 (&rowid, sizeof rowid));
}

typedef struct
{
  GWeakRef            store;
  CrmStoreChangedFunc func;
  GPtrArray          *tables;   /* TableChanges* */
} Dispatch;

static void
dispatch_free (gpointer data)
{
  Dispatch *d = data;

  g_weak_ref_clear (&d->store);
  g_ptr_array_unref (d->tables);
  g_free (d);
}

static gboolean
dispatch_changes_cb (gpointer data)
{
  Dispatch *d = data;
  g_autoptr(GObject) store = g_weak_ref_get (&d->store);

  if (store == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < d->tables->len; i++)
    {
      TableChanges *tc = g_ptr_array_index (d->tables, i);
      g_autoptr(GArray) ids = NULL;

      if (tc->ids != NULL)
        {
          GHashTableIter iter;
          gpointer key;

          ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (tc->ids));
          g_hash_table_iter_init (&iter, tc->ids);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_array_append_vals (ids, key, 1);
        }

      d->func (store, tc->table, ids);
    }

  return G_SOURCE_REMOVE;
}

/* Hands the changes of the last transaction to the main thread. */
static void
flush_changes (CrmStoreWorker *self)
{
  g_autoptr(GObject) store = NULL;
  GHashTableIter iter;
  gpointer value;
  Dispatch *d;

  if (g_hash_table_size (self->changes) == 0)
    return;

  d = g_new0 (Dispatch, 1);
  d->func = self->changed_func;
  d->tables = g_ptr_array_new_with_free_func (table_changes_free);
  store = g_weak_ref_get (&self->store);
  g_weak_ref_init (&d->store, store);

  g_hash_table_iter_init (&iter, self->changes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (d->tables, value);
      g_hash_table_iter_steal (&iter);
    }

  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT,
                              dispatch_changes_cb, d, dispatch_free);
}

static void
close_db (CrmStoreWorker *self)
{
  if (self->db == NULL)
    return;

  g_hash_table_remove_all (self->stmts);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
worker_free (CrmStoreWorker *self)
{
  g_async_queue_unref (self->queue);
  g_hash_table_unref (self->stmts);
  g_hash_table_unref (self->changes);
  g_weak_ref_clear (&self->store);
  g_main_context_unref (self->main_context);
  g_free (self);
}

#define SLOW_JOB_USEC (20 * 1000)

static gpointer
worker_thread (gpointer data)
{
  CrmStoreWorker *self = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->queue);

      if (job->func == NULL)
        {
          g_free (job);
          break;
        }

      if (g_task_return_error_if_cancelled (job->task))
        ;
      else
        {
          gint64 started = g_get_monotonic_time ();

          job->func (self, job->task, g_task_get_task_data (job->task));
          /* G_MESSAGES_DEBUG=CrmStoreWorker shows what holds the worker up. */
          if (g_get_monotonic_time () - started > SLOW_JOB_USEC)
            g_debug ("%s took %.1f ms", g_task_get_name (job->task),
                     (g_get_monotonic_time () - started) / 1000.0);
        }

      /* A job that forgot to end its transaction must not leave it open for
       * the next one. */
      if (self->in_txn)
        {
          g_warning ("job %s left a transaction open; rolled back", g_task_get_name (job->task));
          _crm_store_worker_rollback (self);
        }
      else if (self->db != NULL && g_hash_table_size (self->changes) > 0)
        {
          /* Autocommitted single statements. */
          flush_changes (self);
        }

      /* The last reference to a task may hold the last reference to the
       * store: drop it on the main context, never here (a store finalized
       * on this thread would have to join itself). */
      g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, unref_task_cb, job->task, NULL);
      g_free (job);
    }

  close_db (self);
  if (self->free_when_done)
    {
      g_thread_unref (self->thread);
      worker_free (self);
    }
  return NULL;
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

/* Process-wide settings, made before SQLite is first used (else it refuses
 * them, harmlessly).  Memory statistics take a global mutex around every
 * allocation SQLite makes; nothing reads them. */
static void
configure_sqlite (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

CrmStoreWorker *
_crm_store_worker_new (GMainContext        *main_context,
                       GObject             *store,
                       CrmStoreChangedFunc  changed_func)
{
  CrmStoreWorker *self;

  configure_sqlite ();
  self = g_new0 (CrmStoreWorker, 1);

  self->main_context = g_main_context_ref (main_context);
  g_weak_ref_init (&self->store, store);
  self->changed_func = changed_func;
  self->queue = g_async_queue_new ();
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->changes = g_hash_table_new_full (NULL, NULL, NULL, table_changes_free);
  self->thread = g_thread_new ("rapport-store", worker_thread, self);

  return self;
}

void
_crm_store_worker_push (CrmStoreWorker  *self,
                        CrmStoreJobFunc  func,
                        GTask           *task)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (func != NULL);

  job->func = func;
  job->task = g_object_ref (task);
  g_async_queue_push (self->queue, job);
}

void
_crm_store_worker_shutdown (CrmStoreWorker *self)
{
  if (self == NULL)
    return;

  g_async_queue_push (self->queue, g_new0 (Job, 1));
  /* The store's last reference went with a task this thread let go
   * (g_main_context_invoke_full() runs here when nobody iterates the main
   * context, as a test or the command line between two waits): no job is
   * left, and the thread ends with this one and frees the worker. */
  if (g_thread_self () == self->thread)
    {
      self->free_when_done = TRUE;
      return;
    }
  g_thread_join (self->thread);
  worker_free (self);
}

void
_crm_store_worker_set_db (CrmStoreWorker *self,
                          sqlite3        *db)
{
  close_db (self);
  self->db = db;
  if (db != NULL)
    sqlite3_update_hook (db, on_update_hook_cb, self);
}

sqlite3 *
_crm_store_worker_get_db (CrmStoreWorker *self)
{
  return self->db;
}

gint64
_crm_store_worker_now (CrmStoreWorker *self)
{
  const char *fake = g_getenv ("CRM_STORE_NOW");

  if (fake != NULL && *fake)
    return g_ascii_strtoll (fake, NULL, 10);

  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
read_meta (CrmStoreWorker  *self,
           const char      *key,
           char           **value,
           GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (self, "SELECT value FROM meta WHERE key = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *value = NULL;
  else
    {
      _crm_store_set_error (error, self->db, rc, NULL);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_meta (CrmStoreWorker  *self,
            const char      *key,
            const char      *value,
            GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, self->db, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_crm_store_worker_load_ids (CrmStoreWorker  *self,
                            GError         **error)
{
  g_autofree char *node = NULL;
  g_autofree char *last = NULL;
  guint32 node_id;

  if (!read_meta (self, "id-node", &node, error) ||
      !read_meta (self, "id-last-ms", &last, error))
    return FALSE;

  if (node == NULL)
    {
      char buf[32];

      node_id = crm_id_random_node ();
      g_snprintf (buf, sizeof buf, "%u", node_id);
      /* Needs a write: a read-only database keeps its node unset and can not
       * create records anyway. */
      if (!sqlite3_db_readonly (self->db, "main") && !write_meta (self, "id-node", buf, error))
        return FALSE;
    }
  else
    node_id = (guint32) g_ascii_strtoull (node, NULL, 10);

  crm_id_gen_init (&self->ids, node_id, last ? g_ascii_strtoll (last, NULL, 10) : 0);
  self->persisted_ms = self->ids.last_ms;
  self->ids_ready = TRUE;
  return TRUE;
}

gboolean
_crm_store_worker_poll_external (CrmStoreWorker *self)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (self, "PRAGMA data_version", NULL);
  gint64 version;
  gboolean changed;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return FALSE;
    }

  /* data_version moves only when another connection commits. */
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  changed = self->data_version != 0 && version != self->data_version;
  self->data_version = version;
  return changed;
}

guint32
_crm_store_worker_get_node (CrmStoreWorker *self)
{
  return self->ids.node;
}

gint64
_crm_store_worker_next_id (CrmStoreWorker *self)
{
  g_assert (self->ids_ready);

  return crm_id_gen_next (&self->ids, g_get_real_time () / 1000);
}

sqlite3_stmt *
_crm_store_worker_prepare (CrmStoreWorker  *self,
                           const char      *sql,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED,
                           _("The database is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, self->db, rc, NULL);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_crm_store_worker_step (CrmStoreWorker  *self,
                        sqlite3_stmt    *stmt,
                        GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  _crm_store_set_error (error, self->db, rc, NULL);
  return FALSE;
}

char *
_crm_store_worker_dup_reader_path (CrmStoreWorker *self)
{
  const char *file = self->db != NULL ? sqlite3_db_filename (self->db, "main") : NULL;
  sqlite3_stmt *stmt;
  gboolean wal = FALSE;

  if (file == NULL || *file == '\0')
    return NULL;
  stmt = _crm_store_worker_prepare (self, "PRAGMA journal_mode", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return wal ? g_strdup (file) : NULL;
}

sqlite3 *
_crm_store_open_reader (const char  *path,
                        GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, db, rc, NULL);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 2000);
  sqlite3_exec (db, "PRAGMA query_only = 1", NULL, NULL, NULL);
  sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  return db;
}

gboolean
_crm_store_worker_exec (CrmStoreWorker  *self,
                        const char      *sql,
                        GError         **error)
{
  char *errmsg = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED,
                           _("The database is closed."));
      return FALSE;
    }

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (error, self->db, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
_crm_store_worker_begin (CrmStoreWorker  *self,
                         GError         **error)
{
  g_return_val_if_fail (!self->in_txn, FALSE);

  /* IMMEDIATE takes the write lock now, so a busy database fails here and
   * not halfway through a job. */
  if (!_crm_store_worker_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_txn = TRUE;
  return TRUE;
}

gboolean
_crm_store_worker_commit (CrmStoreWorker  *self,
                          GError         **error)
{
  g_return_val_if_fail (self->in_txn, FALSE);

  if (self->ids_ready && self->ids.last_ms != self->persisted_ms)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, self->ids.last_ms);
      if (!write_meta (self, "id-last-ms", buf, error))
        {
          _crm_store_worker_rollback (self);
          return FALSE;
        }
    }

  if (!_crm_store_worker_exec (self, "COMMIT", error))
    {
      _crm_store_worker_rollback (self);
      return FALSE;
    }

  self->in_txn = FALSE;
  self->bulk = FALSE;
  self->quiet = FALSE;
  self->persisted_ms = self->ids.last_ms;
  flush_changes (self);
  return TRUE;
}

void
_crm_store_worker_rollback (CrmStoreWorker *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  self->in_txn = FALSE;
  self->bulk = FALSE;
  self->quiet = FALSE;
  /* The id counter stays where it is: ids are never reused, even the ones of
   * rolled-back rows. */
  g_hash_table_remove_all (self->changes);
}

void
_crm_store_worker_set_bulk (CrmStoreWorker *self,
                            gboolean        bulk)
{
  self->bulk = bulk;
  self->bulk_last_table = NULL;
}

void
_crm_store_worker_set_quiet (CrmStoreWorker *self,
                             gboolean        quiet)
{
  self->quiet = quiet;
}

void
_crm_store_worker_announce (CrmStoreWorker *self,
                            const char     *table)
{
  const char *name = g_intern_string (table);
  TableChanges *tc = g_hash_table_lookup (self->changes, name);

  if (tc == NULL)
    {
      tc = g_new0 (TableChanges, 1);
      tc->table = name;
      g_hash_table_insert (self->changes, (gpointer) name, tc);
    }
  g_clear_pointer (&tc->ids, g_hash_table_unref);
}

void
_crm_store_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *context)
{
  int code;
  const char *msg;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = CRM_STORE_ERROR_CORRUPT;
      msg = _("The database file is damaged or is not a Rapport database.");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CRM_STORE_ERROR_LOCKED;
      msg = _("The database is in use by another program.");
      break;
    case SQLITE_CANTOPEN:
      code = CRM_STORE_ERROR_NOT_FOUND;
      msg = _("The database file could not be opened.");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = CRM_STORE_ERROR_READ_ONLY;
      msg = _("The database file can not be written.");
      break;
    case SQLITE_FULL:
      code = CRM_STORE_ERROR_DISK_FULL;
      msg = _("The disk is full.");
      break;
    case SQLITE_NOTFOUND:
      code = CRM_STORE_ERROR_NOT_FOUND;
      msg = _("The record was not found.");
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      code = CRM_STORE_ERROR_INVALID;
      msg = _("The change was refused because it breaks a rule of the database.");
      break;
    case SQLITE_IOERR:
      code = CRM_STORE_ERROR_FAILED;
      msg = _("The database file could not be read or written.");
      break;
    default:
      code = CRM_STORE_ERROR_FAILED;
      msg = _("The database reported an error.");
      break;
    }

  if (context != NULL)
    g_set_error (error, CRM_STORE_ERROR, code, "%s %s (%s)", context, msg, detail);
  else
    g_set_error (error, CRM_STORE_ERROR, code, "%s (%s)", msg, detail);
}
