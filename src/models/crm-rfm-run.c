/* crm-rfm-run.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's RFM runs must not hold the store's worker: ranking a
 * million people takes seconds, and every list, search and save waits behind
 * the job that holds the worker.  So a run
 *
 *   1. asks the worker for the time of the last run and the database's file
 *      (a moment's job);
 *   2. reads the people whose scores change on a connection of its own, in
 *      another thread (WAL lets it read beside the worker);
 *   3. writes them in short jobs, each its own transaction, queued one after
 *      the other, so that the jobs the UI queued meanwhile run between them;
 *      the last one records the run in meta, with the time it began (the
 *      scores are those of the database then; a person trashed or refunded
 *      since the read keeps no score).
 *
 * The writes are quiet: the lists hear one changed::person at the end (or
 * after whatever was written, when the run was cancelled or failed) instead
 * of re-reading their ids after every job.  A row is written whole in one
 * transaction, so a cancelled run leaves everybody with either the old scores
 * or the new ones, and no "rfm_computed": the next refresh runs again.
 *
 * Between two write jobs the run's own connection copies what the last one
 * wrote from the WAL into the database (a passive checkpoint, with its
 * fsync): the next job starts on an empty WAL, so the worker does not stop
 * for a checkpoint of the run's rows in the middle of the UI's jobs.
 *
 * A database in memory (or not in WAL mode) is read on the worker instead.
 * G_MESSAGES_DEBUG=CrmRfm shows the times of a run.
 */

#define G_LOG_DOMAIN "CrmRfm"

#include "config.h"

#include "crm-rfm-private.h"

/* A write job ends after this many rows (about 160 pages of the WAL on the
 * large sample data, well under the thousand at which SQLite would
 * checkpoint on the worker), or sooner once it has held the worker this
 * long (8 ms: about 1,000 rows there). */
#define BATCH_ROWS 1000
#define BATCH_USEC (8 * 1000)

typedef struct
{
  gint64           max_age;      /* < 0: always */
  guint            batch;        /* rows per write job at most */
  CrmRfmBatchFunc  batch_func;
  gpointer         batch_data;

  /* Set by the first job: */
  gboolean         fresh;
  gint64           started;      /* the worker's clock: the run's time */
  char            *path;         /* the file to read; NULL: read on the worker */

  /* Set by the read, then by each write job: */
  sqlite3         *db;           /* the run's connection, for checkpoints */
  GArray          *changed;      /* CrmRfmScore, by id */
  gint64           n_scored;
  guint            written;      /* rows of @changed */
  gboolean         done;         /* all of them, and the run's time */
  GError          *error;        /* the run ends with it */
  gboolean         announced;

  /* G_MESSAGES_DEBUG=CrmRfm */
  gint64           begun_usec;
  gint64           read_usec;
  gboolean         read_beside;  /* on the run's connection */
  gint64           longest_usec; /* of one write job */
  guint            n_jobs;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  /* Closed by the last checkpoint; only a run that stopped abnormally
   * gets here with it. */
  g_clear_pointer (&run->db, sqlite3_close_v2);
  g_free (run->path);
  g_clear_pointer (&run->changed, g_array_unref);
  g_clear_error (&run->error);
  g_free (run);
}

/* --- The jobs and threads --- */

static void
start_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  Run *run = data;
  GError *error = NULL;

  run->started = _crm_store_worker_now (worker);
  if (run->max_age >= 0)
    {
      gint64 last = _crm_rfm_worker_read_last_run (worker, &error);

      if (last < 0)
        {
          g_task_return_error (task, error);
          return;
        }
      run->fresh = last > 0 && run->started - last < run->max_age;
    }
  if (!run->fresh)
    run->path = _crm_store_worker_dup_reader_path (worker);
  g_task_return_boolean (task, TRUE);
}

/* In a read transaction of @db. */
static gboolean
read_run (Run           *run,
          sqlite3       *db,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 started = g_get_monotonic_time ();
  gboolean ok;
  int rc;

  if ((rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _crm_store_set_error (error, db, rc, NULL);
      return FALSE;
    }
  run->changed = g_array_new (FALSE, FALSE, sizeof (CrmRfmScore));
  ok = _crm_rfm_read_scores (db, run->changed, &run->n_scored, cancellable, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  run->read_usec = g_get_monotonic_time () - started;
  return ok;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  sqlite3 *db = _crm_store_open_reader (run->path, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else if (!read_run (run, db, cancellable, &error))
    {
      sqlite3_close_v2 (db);
      g_task_return_error (task, error);
    }
  else
    {
      /* Kept for the checkpoints when there is something to write. */
      run->read_beside = TRUE;
      if (run->changed->len > 0)
        run->db = db;
      else
        sqlite3_close_v2 (db);
      g_task_return_boolean (task, TRUE);
    }
}

/* Without a file to open: the read holds the worker. */
static void
read_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (read_run (data, _crm_store_worker_get_db (worker), g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  Run *run = data;
  GError *error = NULL;
  gint64 started = g_get_monotonic_time ();
  guint next = run->written;
  gboolean ok, last;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Quiet: the lists hear of the scores once, at the end. */
  _crm_store_worker_set_quiet (worker, TRUE);
  ok = _crm_rfm_worker_write_scores (worker, run->changed, &next, run->batch,
                                     started + BATCH_USEC, &error);
  last = next == run->changed->len;
  if (!ok || (last && !_crm_rfm_worker_write_meta (worker, run->started, &error)))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  if (last && next > 0)
    _crm_store_worker_announce (worker, "person");
  if (!_crm_store_worker_commit (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  run->written = next;
  run->done = last;
  run->longest_usec = MAX (run->longest_usec, g_get_monotonic_time () - started);
  run->n_jobs++;
  g_task_return_boolean (task, TRUE);
}

/* Copies what the last write job put in the WAL into the database, while
 * the worker goes on with other jobs; the run's last one closes the
 * connection. */
static void
checkpoint_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Run *run = task_data;
  int log = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2 (run->db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);

  if (rc != SQLITE_OK)
    g_debug ("checkpoint: %s", sqlite3_errmsg (run->db));
  if (run->error != NULL || run->done)
    g_clear_pointer (&run->db, sqlite3_close_v2);
  g_task_return_boolean (task, TRUE);
}

static void
announce_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        data)
{
  _crm_store_worker_announce (worker, "person");
  g_task_return_boolean (task, TRUE);
}

/* --- The run, on the caller's main context --- */

static void step (GTask *outer);

static void
on_announced_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *outer = user_data;
  Run *run = g_task_get_task_data (outer);

  run->announced = TRUE;
  step (outer);
}

static void
on_checkpointed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  step (user_data);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *outer = user_data;
  Run *run = g_task_get_task_data (outer);
  g_autoptr(GTask) checkpoint = NULL;
  GError *error = NULL;

  /* A job that wrote the last rows before a late cancellation finished the
   * run all the same. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && !run->done)
    run->error = error;
  else
    {
      g_clear_error (&error);
      if (run->batch_func != NULL)
        run->batch_func (run->written, run->changed->len, run->batch_data);
    }

  if (run->db == NULL)
    {
      step (outer);
      return;
    }
  checkpoint = g_task_new (source, NULL, on_checkpointed_cb, outer);
  g_task_set_source_tag (checkpoint, g_task_get_source_tag (outer));
  g_task_set_name (checkpoint, "crm-rfm-checkpoint");
  g_task_set_task_data (checkpoint, run, NULL);
  g_task_run_in_thread (checkpoint, checkpoint_thread);
}

/* One write job at a time, queued when the last one is done (and its rows
 * are in the database): whatever the UI queued meanwhile runs first. */
static void
step (GTask *outer)
{
  Run *run = g_task_get_task_data (outer);
  CrmStore *store = g_task_get_source_object (outer);

  if (run->error != NULL && run->written > 0 && !run->announced)
    {
      /* Not cancellable: the lists must hear of what was written. */
      g_debug ("stopped after %u of %u rows: %s", run->written, run->changed->len,
               run->error->message);
      _crm_store_run_async (store, announce_job, NULL, NULL, g_task_get_source_tag (outer),
                            "crm-rfm-announce", NULL, on_announced_cb, outer);
    }
  else if (run->error != NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&run->error));
      g_object_unref (outer);
    }
  else if (!run->done)
    _crm_store_run_async (store, write_job, run, NULL, g_task_get_source_tag (outer),
                          "crm-rfm-write", g_task_get_cancellable (outer), on_written_cb, outer);
  else
    {
      g_debug ("%" G_GINT64_FORMAT " people scored, %u changed in %.1f ms: read in %.1f ms %s, "
               "written in %u jobs of at most %.1f ms", run->n_scored, run->changed->len,
               (g_get_monotonic_time () - run->begun_usec) / 1000.0, run->read_usec / 1000.0,
               run->read_beside ? "beside the worker" : "on the worker", run->n_jobs,
               run->longest_usec / 1000.0);
      g_task_return_int (outer, run->n_scored);
      g_object_unref (outer);
    }
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *outer = user_data;
  Run *run = g_task_get_task_data (outer);

  g_task_propagate_boolean (G_TASK (result), &run->error);
  step (outer);
}

static void
on_started_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *outer = user_data;
  Run *run = g_task_get_task_data (outer);
  g_autoptr(GTask) read = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &run->error))
    step (outer);
  else if (run->fresh)
    {
      g_task_return_int (outer, -1);
      g_object_unref (outer);
    }
  else if (run->path == NULL)
    _crm_store_run_async (CRM_STORE (source), read_job, run, NULL, g_task_get_source_tag (outer),
                          "crm-rfm-read", g_task_get_cancellable (outer), on_read_cb, outer);
  else
    {
      read = g_task_new (source, g_task_get_cancellable (outer), on_read_cb, outer);
      g_task_set_source_tag (read, g_task_get_source_tag (outer));
      g_task_set_name (read, "crm-rfm-read");
      g_task_set_task_data (read, run, NULL);
      /* A read that ended keeps its connection: a cancellation after it is
       * the next write job's to notice, and the checkpoint's to close it. */
      g_task_set_check_cancellable (read, FALSE);
      g_task_run_in_thread (read, read_thread);
    }
}

void
_crm_rfm_run_async (CrmStore            *store,
                    gint64               max_age,
                    guint                batch,
                    CrmRfmBatchFunc      batch_func,
                    gpointer             batch_data,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *outer;
  Run *run;

  g_return_if_fail (CRM_IS_STORE (store));

  run = g_new0 (Run, 1);
  run->max_age = max_age;
  run->batch = batch > 0 ? batch : BATCH_ROWS;
  run->batch_func = batch_func;
  run->batch_data = batch_data;
  run->begun_usec = g_get_monotonic_time ();

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, max_age < 0 ? (gpointer) crm_rfm_recompute_async
                                            : (gpointer) crm_rfm_refresh_async);
  g_task_set_name (outer, "crm-rfm-run");
  g_task_set_task_data (outer, run, run_free);
  /* What was written is the answer, whenever the cancellation came. */
  g_task_set_check_cancellable (outer, FALSE);
  _crm_store_run_async (store, start_job, run, NULL, g_task_get_source_tag (outer),
                        "crm-rfm-start", cancellable, on_started_cb, outer);
}
