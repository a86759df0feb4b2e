/* crm-service-kpi-load.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service KPIs from the store: one job on the worker reads, in one read
 * transaction, the calendars and SLA policies, then the tickets in one pass
 * (only the columns the numbers need, and only the rows that bear on the
 * period), then the waits on the customer that can shorten a first response
 * of the period, then the self-service resolutions, and feeds them to a
 * CrmServiceKpiBuilder.  While SQLite reads on the worker, a second thread
 * counts the tickets read so far (a laptop has two cores; the UI thread
 * waits for the result meanwhile), and then makes the first response
 * statistics while the worker reads the rest.  Progress goes to the
 * caller's main context.
 *
 * A year of a million tickets takes about 0.6 s of the worker's time, most of
 * it SQLite stepping through the ticket table (G_MESSAGES_DEBUG=CrmServiceKpi
 * shows each step).
 */

#define G_LOG_DOMAIN "CrmServiceKpi"

#include "config.h"

#include <string.h>
#include <time.h>

#include "crm-service-kpi.h"
#include "crm-service-kpi-private.h"
#include "crm-store.h"
#include "crm-store-private.h"

/* How often the passes look at the cancellable and report progress. */
#define CHECK_ROWS 4096

/* The share of the work done before each step. */
#define PROGRESS_TICKETS 0.02
#define PROGRESS_WAITS   0.92
#define PROGRESS_SELF    0.98

/* --- progress, delivered on the caller's main context --- */

typedef struct
{
  gatomicrefcount            ref_count;
  GMainContext              *context;
  GCancellable              *cancellable;
  CrmServiceKpiProgressFunc  func;
  gpointer                   data;
  GDestroyNotify             destroy;
} Progress;

typedef struct
{
  Progress *progress;
  double    fraction;   /* < 0: only drops the reference */
} ProgressCall;

static void
progress_unref (Progress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref_count))
    return;
  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_clear_object (&progress->cancellable);
  g_main_context_unref (progress->context);
  g_free (progress);
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  if (call->fraction >= 0 && !g_cancellable_is_cancelled (call->progress->cancellable))
    call->progress->func (call->fraction, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  progress_unref (call->progress);
  g_free (call);
}

/* Takes a reference of @progress to the caller's context, reporting
 * @fraction there (or nothing when it is negative).  Always through a
 * source: so the last reference, and the caller's data with it, goes on the
 * caller's thread, never on the worker. */
static void
progress_post (Progress *progress,
               double    fraction)
{
  ProgressCall *call = g_new0 (ProgressCall, 1);
  GSource *source = g_idle_source_new ();

  g_atomic_ref_count_inc (&progress->ref_count);
  call->progress = progress;
  call->fraction = fraction;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_cb, call, progress_call_free);
  g_source_set_name (source, "[rapport] service KPI progress");
  g_source_attach (source, progress->context);
  g_source_unref (source);
}

/* --- the job --- */

typedef struct
{
  gint64      from;
  gint64      to;
  gint64      now;
  GTimeZone  *tz;
  Progress   *progress;     /* nullable */
  int         permille;     /* reported so far */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_time_zone_unref (job->tz);
  if (job->progress != NULL)
    {
      /* Hands the job's reference to the caller's context. */
      progress_post (job->progress, -1);
      progress_unref (job->progress);
    }
  g_free (job);
}

static void
report (Job    *job,
        double  fraction)
{
  int permille = (int) CLAMP (fraction * 1000, 0, 1000);

  if (job->progress == NULL || permille < job->permille + 10)
    return;
  job->permille = permille;
  progress_post (job->progress, permille / 1000.0);
}

/* --- the pass over the tickets: SQLite on the worker, counting on a
 * second thread --- */

/* One ticket row as the worker hands it to the counting thread; the keys
 * are indexes into Pass.keys. */
typedef struct
{
  gint64  id;
  gint64  created;
  gint64  first_response;
  gint64  first_response_due;
  gint64  resolved;
  gint64  resolution_due;
  gint64  closed;
  gint64  csat_at;
  gint16  calendar;
  guint8  status;
  guint8  channel;
  guint8  priority;
  guint8  b2b;
  guint8  csat_score;
} Row;

#define CHUNK_ROWS 2048
#define N_CHUNKS   6
#define MAX_KEYS   256
#define KEY_CACHE_SLOTS 61

typedef struct
{
  guint n;
  Row   rows[CHUNK_ROWS];
} Chunk;

/* Pushed after the last chunk. */
static const char end_of_rows_marker;
#define END_OF_ROWS ((gpointer) &end_of_rows_marker)

typedef struct
{
  CrmStoreWorker       *worker;
  GCancellable         *cancellable;
  Job                  *job;
  CrmServiceKpiBuilder *builder;
  GPtrArray            *calendars;          /* CrmBusinessCalendar, by builder index */
  GHashTable           *calendar_indexes;   /* calendar id → builder index + 1 */
  GArray               *policies;           /* Policy */

  /* The strings of the status, channel and priority keys seen, written by
   * the worker before the chunk that first names them is queued. */
  char                 *keys[MAX_KEYS];
  int                   key_lengths[MAX_KEYS];
  guint                 n_keys;
  guint8                key_cache[KEY_CACHE_SLOTS];   /* see intern_key() */

  Chunk                *chunk;              /* being filled */
  GAsyncQueue          *full;               /* Chunk *, to the counting thread */
  GAsyncQueue          *empty;              /* Chunk *, back */
  GThread              *counter;            /* NULL: the worker counts */
  gboolean              rows_ended;
  GPtrArray            *chunks;             /* every Chunk, to free */

  gint64                first_id;           /* the tickets' rowid span, for progress */
  gint64                last_id;
  guint64               n_tickets;
  gint64                wait_from;          /* earliest creation of a first response counted */
  gint64                first_frt_id;       /* the ids of the first responses counted */
  gint64                last_frt_id;
  gboolean              cancelled;
} Pass;

typedef struct
{
  gint64 id;
  int    calendar;
} Policy;

/* Calendars and policies are read into the pass first. */
static int
calendar_of_policy (Pass   *pass,
                    gint64  policy_id)
{
  const Policy *policies = (const Policy *) (gpointer) pass->policies->data;

  for (guint i = 0; i < pass->policies->len; i++)
    if (policies[i].id == policy_id)
      return policies[i].calendar;
  return -1;
}

/* The index of the key @text (@length bytes) in pass->keys, added when new. */
static guint8
intern_key (Pass       *pass,
            const char *text,
            int         length)
{
  guint slot;
  guint8 index;

  if (text == NULL)
    text = "", length = 0;
  /* A million times per pass: a small cache by length and first and last
   * byte finds a key with one comparison of a few bytes. */
  slot = ((guint) length ^ ((guint) (guchar) text[0] << 2) ^
          (length > 0 ? (guint) (guchar) text[length - 1] << 4 : 0)) % KEY_CACHE_SLOTS;
  index = pass->key_cache[slot];
  if (index < pass->n_keys && pass->key_lengths[index] == length &&
      memcmp (pass->keys[index], text, length) == 0)
    return index;

  for (index = 0; index < pass->n_keys; index++)
    if (pass->key_lengths[index] == length && memcmp (pass->keys[index], text, length) == 0)
      break;
  if (index == pass->n_keys)
    {
      /* More distinct keys than any database has share the last one. */
      if (pass->n_keys == MAX_KEYS)
        return MAX_KEYS - 1;
      pass->keys[index] = g_strndup (text, length);
      pass->key_lengths[index] = length;
      pass->n_keys++;
    }
  pass->key_cache[slot] = index;
  return index;
}

static guint8
intern_value (Pass          *pass,
              sqlite3_value *value)
{
  const char *text = (const char *) sqlite3_value_text (value);

  return intern_key (pass, text, sqlite3_value_bytes (value));
}

static void
count_chunk (Pass  *pass,
             Chunk *chunk)
{
  for (guint i = 0; i < chunk->n; i++)
    {
      const Row *row = &chunk->rows[i];
      CrmServiceKpiTicket t = {
        .id = row->id,
        .created = row->created,
        .status = pass->keys[row->status],
        .channel = pass->keys[row->channel],
        .priority = pass->keys[row->priority],
        .b2b = row->b2b,
        .calendar = row->calendar,
        .first_response = row->first_response,
        .first_response_due = row->first_response_due,
        .resolved = row->resolved,
        .resolution_due = row->resolution_due,
        .closed = row->closed,
        .csat_score = row->csat_score,
        .csat_at = row->csat_at,
      };

      crm_service_kpi_builder_add_ticket (pass->builder, &t);
    }
  chunk->n = 0;
}

/* The counting thread: the builder is its own until it returns (then the
 * first response statistics are made, while the worker reads on). */
static gint64
thread_cpu_us (void)
{
  struct timespec cpu;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  return (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000;
}

static gpointer
count_thread (gpointer data)
{
  Pass *pass = data;
  Chunk *chunk;
  gint64 counting, preparing;

  counting = thread_cpu_us ();
  while ((chunk = g_async_queue_pop (pass->full)) != END_OF_ROWS)
    {
      count_chunk (pass, chunk);
      g_async_queue_push (pass->empty, chunk);
    }
  preparing = thread_cpu_us ();
  _crm_service_kpi_builder_prepare (pass->builder);
  g_debug ("counting thread: %.1f ms counting, %.1f ms for first response statistics (on its CPU)",
           (preparing - counting) / 1000.0, (thread_cpu_us () - preparing) / 1000.0);
  return NULL;
}

static void
start_counting (Pass *pass)
{
  g_autoptr(GError) error = NULL;

  pass->chunks = g_ptr_array_new_with_free_func (g_free);
  pass->full = g_async_queue_new ();
  pass->empty = g_async_queue_new ();
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      Chunk *chunk = g_new (Chunk, 1);

      chunk->n = 0;
      g_ptr_array_add (pass->chunks, chunk);
      if (i > 0)
        g_async_queue_push (pass->empty, chunk);
    }
  pass->chunk = pass->chunks->pdata[0];
  pass->counter = g_thread_try_new ("rapport-kpi", count_thread, pass, &error);
  if (pass->counter == NULL)
    g_debug ("Counting on the worker: %s", error->message);
}

/* Hands the filled chunk over (or counts it here without a thread). */
static void
flush_chunk (Pass *pass)
{
  if (pass->counter == NULL)
    count_chunk (pass, pass->chunk);
  else if (pass->chunk->n > 0)
    {
      g_async_queue_push (pass->full, pass->chunk);
      pass->chunk = g_async_queue_pop (pass->empty);
    }
}

/* Hands over the last rows: the counting thread goes on to the first
 * response statistics. */
static void
end_of_rows (Pass *pass)
{
  if (pass->chunks == NULL || pass->rows_ended)
    return;
  pass->rows_ended = TRUE;
  flush_chunk (pass);
  if (pass->counter != NULL)
    g_async_queue_push (pass->full, END_OF_ROWS);
}

/* Waits for the counting thread to finish; the builder is the worker's again. */
static void
stop_counting (Pass *pass)
{
  if (pass->chunks == NULL)
    return;
  end_of_rows (pass);
  if (pass->counter != NULL)
    g_thread_join (g_steal_pointer (&pass->counter));
  g_clear_pointer (&pass->full, g_async_queue_unref);
  g_clear_pointer (&pass->empty, g_async_queue_unref);
  g_clear_pointer (&pass->chunks, g_ptr_array_unref);
}

/* crm_kpi_ticket (id, created, status, channel, priority, b2b, policy,
 * first_response, first_response_due, resolved, resolution_due, closed,
 * csat_score, csat_at): queues one ticket for counting.  The pass over the
 * tickets is one SQL statement calling it on every row, which costs SQLite
 * much less than handing each row out through sqlite3_step() and
 * sqlite3_column_*(). */
static void
ticket_fn (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **v)
{
  Pass *pass = sqlite3_user_data (ctx);
  Row *row;

  if (++pass->n_tickets % CHECK_ROWS == 0)
    {
      if (g_cancellable_is_cancelled (pass->cancellable))
        {
          pass->cancelled = TRUE;
          sqlite3_result_error (ctx, "cancelled", -1);
          return;
        }
      if (pass->last_id > pass->first_id)
        report (pass->job, PROGRESS_TICKETS + (PROGRESS_WAITS - PROGRESS_TICKETS) *
                           (double) (sqlite3_value_int64 (v[0]) - pass->first_id) /
                           (double) (pass->last_id - pass->first_id));
    }

  row = &pass->chunk->rows[pass->chunk->n];
  row->id = sqlite3_value_int64 (v[0]);
  row->created = sqlite3_value_int64 (v[1]);
  row->status = intern_value (pass, v[2]);
  row->channel = intern_value (pass, v[3]);
  row->priority = intern_value (pass, v[4]);
  row->b2b = sqlite3_value_int (v[5]) != 0;
  row->first_response = sqlite3_value_int64 (v[7]);
  row->first_response_due = sqlite3_value_int64 (v[8]);
  row->resolved = sqlite3_value_int64 (v[9]);
  row->resolution_due = sqlite3_value_int64 (v[10]);
  row->csat_score = (guint8) CLAMP (sqlite3_value_int (v[12]), 0, 255);
  /* Only what this ticket's numbers need. */
  row->calendar = -1;
  if (row->first_response >= pass->job->from && row->first_response < pass->job->to &&
      row->first_response >= row->created)
    {
      row->calendar = calendar_of_policy (pass, sqlite3_value_int64 (v[6]));
      pass->wait_from = MIN (pass->wait_from, row->created);
      /* Rows come by id. */
      if (pass->first_frt_id == 0)
        pass->first_frt_id = row->id;
      pass->last_frt_id = row->id;
    }
  row->closed = row->resolved == 0 ? sqlite3_value_int64 (v[11]) : 0;
  row->csat_at = row->csat_score != 0 ? sqlite3_value_int64 (v[13]) : 0;

  if (++pass->chunk->n == CHUNK_ROWS)
    flush_chunk (pass);
  sqlite3_result_int (ctx, 1);
}

/* The tickets that bear on the period: created in it, or before it and
 * open at its start, or resolved, answered, rated or due in it.  In id
 * order, from the covering index of schema v7 (a year of tickets is most
 * of them: one pass over the index is cheaper than a search). */
static const char ticket_sql[] =
  "SELECT count (crm_kpi_ticket (id, created, status, channel, priority, "
  "organization_id IS NOT NULL, sla_policy_id, first_response, first_response_due, resolved, "
  "resolution_due, closed, csat_score, csat_at)) "
  "FROM ticket %s "
  "WHERE deleted = 0 AND created < ?2 AND (created >= ?1 "
  "OR status IN ('new', 'open', 'waiting-on-customer') OR resolved >= ?1 OR closed >= ?1 "
  "OR first_response >= ?1 OR csat_at >= ?1 OR first_response_due >= ?1 OR resolution_due >= ?1)";

/* The statement over the index, or over the table (in rowid order too)
 * where a database made before the index has none. */
static int
prepare_ticket_pass (sqlite3       *db,
                     sqlite3_stmt **stmt)
{
  g_autofree char *indexed = g_strdup_printf (ticket_sql, "INDEXED BY ticket_kpi");
  g_autofree char *plain = NULL;
  int rc = sqlite3_prepare_v2 (db, indexed, -1, stmt, NULL);

  if (rc != SQLITE_ERROR || strstr (sqlite3_errmsg (db), "no such index") == NULL)
    return rc;
  plain = g_strdup_printf (ticket_sql, "NOT INDEXED");
  return sqlite3_prepare_v2 (db, plain, -1, stmt, NULL);
}

/* Runs the pass; the counting thread may still be at work when it returns. */
static gboolean
read_tickets (Pass     *pass,
              GError  **error)
{
  sqlite3 *db = _crm_store_worker_get_db (pass->worker);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (pass->worker,
                                                  "SELECT min (id), max (id) FROM ticket", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      pass->first_id = sqlite3_column_int64 (stmt, 0);
      pass->last_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  stmt = NULL;

  start_counting (pass);
  /* The function lives as long as this pass: its statement is not cached. */
  rc = sqlite3_create_function_v2 (db, "crm_kpi_ticket", 14, SQLITE_UTF8 | SQLITE_DIRECTONLY, pass,
                                   ticket_fn, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = prepare_ticket_pass (db, &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, pass->job->from);
      sqlite3_bind_int64 (stmt, 2, pass->job->to);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
    }
  if (rc != SQLITE_DONE && !pass->cancelled)
    _crm_store_set_error (error, db, rc, NULL);
  sqlite3_finalize (stmt);
  sqlite3_create_function_v2 (db, "crm_kpi_ticket", 14, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  if (pass->cancelled)
    return !g_cancellable_set_error_if_cancelled (pass->cancellable, error);
  return rc == SQLITE_DONE;
}

/* --- what is read while the tickets are counted --- */

/* The waits on the customer of the tickets whose first responses are
 * counted that start in [wait_from, to), by ticket (from the partial index
 * of schema v7, which holds the waits alone, by ticket). */
static gboolean
read_waits (Pass     *pass,
            GArray   *waits,
            GError  **error)
{
  sqlite3_stmt *stmt;
  guint64 n = 0;
  int rc;

  if (pass->wait_from == G_MAXINT64)
    return TRUE;
  stmt = _crm_store_worker_prepare (pass->worker,
                                    "SELECT ticket_id, changed_at, id FROM ticket_status_change "
                                    "WHERE status = 'waiting-on-customer' AND deleted = 0 "
                                    "AND ticket_id BETWEEN ?1 AND ?2 "
                                    "AND changed_at >= ?3 AND changed_at < ?4 "
                                    "ORDER BY ticket_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pass->first_frt_id);
  sqlite3_bind_int64 (stmt, 2, pass->last_frt_id);
  sqlite3_bind_int64 (stmt, 3, pass->wait_from);
  sqlite3_bind_int64 (stmt, 4, pass->job->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmServiceKpiWait wait = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      if (++n % CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (pass->cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_array_append_val (waits, wait);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (error, _crm_store_worker_get_db (pass->worker), rc, NULL);
  return rc == SQLITE_DONE;
}

typedef struct
{
  gint64  resolved;
  guint8  channel;
  guint8  b2b;
} SelfService;

static gboolean
read_self_service (Pass     *pass,
                   GArray   *rows,
                   GError  **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (pass->worker,
                                                  "SELECT channel, customer_kind, resolved "
                                                  "FROM self_service_resolution "
                                                  "WHERE deleted = 0 AND resolved >= ?1 AND resolved < ?2",
                                                  error);
  guint64 n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pass->job->from);
  sqlite3_bind_int64 (stmt, 2, pass->job->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      SelfService row = {
        sqlite3_column_int64 (stmt, 2),
        intern_key (pass, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0)),
        g_strcmp0 (kind, "b2b") == 0,
      };

      if (++n % CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (pass->cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (error, _crm_store_worker_get_db (pass->worker), rc, NULL);
  return rc == SQLITE_DONE;
}

/* After the counting: the waits that start before a counted first reply,
 * each with its end (the next status change of the ticket to another
 * status), and the self-service resolutions. */
static gboolean
add_the_rest (Pass     *pass,
              GArray   *waits,
              GArray   *self_service,
              GError  **error)
{
  crm_service_kpi_builder_filter_waits (pass->builder, waits);
  for (guint i = 0; i < waits->len; i++)
    {
      const CrmServiceKpiWait *wait = &g_array_index (waits, CrmServiceKpiWait, i);
      sqlite3_stmt *ends;
      gint64 end = 0;
      int rc;

      ends = _crm_store_worker_prepare (pass->worker,
                                        "SELECT changed_at FROM ticket_status_change "
                                        "WHERE ticket_id = ?1 AND deleted = 0 "
                                        "AND status != 'waiting-on-customer' "
                                        "AND (changed_at > ?2 OR (changed_at = ?2 AND id > ?3)) "
                                        "ORDER BY changed_at, id LIMIT 1", error);
      if (ends == NULL)
        return FALSE;
      sqlite3_bind_int64 (ends, 1, wait->ticket_id);
      sqlite3_bind_int64 (ends, 2, wait->start);
      sqlite3_bind_int64 (ends, 3, wait->row_id);
      if ((rc = sqlite3_step (ends)) == SQLITE_ROW)
        end = sqlite3_column_int64 (ends, 0);
      sqlite3_reset (ends);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (pass->worker), rc, NULL);
          return FALSE;
        }
      crm_service_kpi_builder_add_wait (pass->builder, wait->ticket_id, wait->start, end);
    }
  for (guint i = 0; i < self_service->len; i++)
    {
      const SelfService *row = &g_array_index (self_service, SelfService, i);

      crm_service_kpi_builder_add_self_service (pass->builder, pass->keys[row->channel], row->b2b,
                                                row->resolved);
    }
  return TRUE;
}

/* --- set-up: calendars and policies --- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
step_rows (Pass          *pass,
           sqlite3_stmt  *stmt,
           void         (*row) (Pass *pass, sqlite3_stmt *stmt),
           GError       **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (pass, stmt);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (error, _crm_store_worker_get_db (pass->worker), rc, NULL);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* A calendar that cannot be read (a zone this system lacks) counts around
 * the clock in UTC, as the ticket flow does for a policy without one. */
static void
calendar_row (Pass         *pass,
              sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  g_autoptr(GError) error = NULL;
  CrmBusinessCalendar *calendar = crm_business_calendar_new (column_text (stmt, 1),
                                                             column_text (stmt, 2), &error);

  if (calendar == NULL)
    {
      g_debug ("Calendar %" G_GINT64_FORMAT " counts around the clock: %s", id, error->message);
      return;
    }
  g_ptr_array_add (pass->calendars, calendar);
  g_hash_table_insert (pass->calendar_indexes, g_memdup2 (&id, sizeof id),
                       GUINT_TO_POINTER (pass->calendars->len));
}

static void
holiday_row (Pass         *pass,
             sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (pass->calendar_indexes, &id));

  if (index > 0)
    crm_business_calendar_add_holiday (pass->calendars->pdata[index - 1], column_text (stmt, 1));
}

static void
policy_row (Pass         *pass,
            sqlite3_stmt *stmt)
{
  gint64 calendar_id = sqlite3_column_int64 (stmt, 1);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (pass->calendar_indexes, &calendar_id));
  Policy policy = { sqlite3_column_int64 (stmt, 0), (int) index - 1 };

  if (index > 0)
    g_array_append_val (pass->policies, policy);
}

/* Calendars and policies, trashed ones too: a ticket keeps the clock of
 * the policy it was given. */
static gboolean
read_setup (Pass     *pass,
            GError  **error)
{
  if (!step_rows (pass, _crm_store_worker_prepare (pass->worker,
                                                   "SELECT id, timezone, hours FROM business_calendar",
                                                   error), calendar_row, error) ||
      !step_rows (pass, _crm_store_worker_prepare (pass->worker,
                                                   "SELECT calendar_id, day FROM holiday WHERE deleted = 0",
                                                   error), holiday_row, error) ||
      !step_rows (pass, _crm_store_worker_prepare (pass->worker,
                                                   "SELECT id, calendar_id FROM sla_policy "
                                                   "WHERE calendar_id IS NOT NULL", error),
                  policy_row, error))
    return FALSE;
  for (guint i = 0; i < pass->calendars->len; i++)
    crm_service_kpi_builder_add_calendar (pass->builder, pass->calendars->pdata[i]);
  return TRUE;
}

/* G_MESSAGES_DEBUG=CrmServiceKpi: how long each step took, and how much
 * of it the worker thread ran (less on a busy machine). */
static void
lap (gint64     *since,
     gint64     *cpu_since,
     const char *step)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu_now = thread_cpu_us ();

  if (*since != 0)
    g_debug ("%s: %.1f ms (%.1f ms on the worker's CPU)", step, (now - *since) / 1000.0,
             (cpu_now - *cpu_since) / 1000.0);
  *since = now;
  *cpu_since = cpu_now;
}

static void
pass_clear (Pass *pass)
{
  stop_counting (pass);
  g_clear_pointer (&pass->calendars, g_ptr_array_unref);
  g_clear_pointer (&pass->calendar_indexes, g_hash_table_unref);
  g_clear_pointer (&pass->policies, g_array_unref);
  for (guint i = 0; i < pass->n_keys; i++)
    g_free (pass->keys[i]);
  g_clear_pointer (&pass->builder, crm_service_kpi_builder_free);
}

static void
compute_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        task_data)
{
  Job *job = task_data;
  Pass pass = { 0 };
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (CrmServiceKpiWait));
  g_autoptr(GArray) self_service = g_array_new (FALSE, FALSE, sizeof (SelfService));
  GError *error = NULL;
  gint64 started = 0, cpu_started = 0;
  gboolean ok;

  pass.worker = worker;
  pass.cancellable = g_task_get_cancellable (task);
  pass.job = job;
  pass.builder = crm_service_kpi_builder_new (job->from, job->to, job->now, job->tz);
  pass.calendars = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_business_calendar_unref);
  pass.calendar_indexes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pass.policies = g_array_new (FALSE, FALSE, sizeof (Policy));
  pass.wait_from = G_MAXINT64;
  lap (&started, &cpu_started, "start");

  /* One read transaction: every step sees the same database.  While the
   * counting thread counts the last tickets and makes the first response
   * statistics, the worker reads the waits and the self-service. */
  ok = _crm_store_worker_exec (worker, "BEGIN", &error) && read_setup (&pass, &error);
  report (job, PROGRESS_TICKETS);
  ok = ok && read_tickets (&pass, &error);
  end_of_rows (&pass);
  lap (&started, &cpu_started, "tickets");
  report (job, PROGRESS_WAITS);
  ok = ok && read_waits (&pass, waits, &error);
  lap (&started, &cpu_started, "waits");
  report (job, PROGRESS_SELF);
  ok = ok && read_self_service (&pass, self_service, &error);
  lap (&started, &cpu_started, "self-service");
  stop_counting (&pass);
  lap (&started, &cpu_started, "counting");
  ok = ok && add_the_rest (&pass, waits, self_service, &error);
  if (sqlite3_get_autocommit (_crm_store_worker_get_db (worker)) == 0)
    _crm_store_worker_exec (worker, ok ? "COMMIT" : "ROLLBACK", NULL);

  if (!ok)
    {
      pass_clear (&pass);
      g_task_return_error (task, error);
      return;
    }
  report (job, 1);
  g_task_return_pointer (task, crm_service_kpi_builder_end (g_steal_pointer (&pass.builder)),
                         (GDestroyNotify) crm_service_kpi_report_free);
  lap (&started, &cpu_started, "statistics");
  pass_clear (&pass);
}

void
crm_service_kpi_compute_async (CrmStore                  *store,
                               gint64                     from,
                               gint64                     to,
                               gint64                     now,
                               GTimeZone                 *tz,
                               CrmServiceKpiProgressFunc  progress,
                               gpointer                   progress_data,
                               GDestroyNotify             progress_destroy,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  Job *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (to > from);

  job = g_new0 (Job, 1);
  job->from = from;
  job->to = to;
  job->now = now;
  job->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  job->permille = -10;
  if (progress != NULL)
    {
      job->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&job->progress->ref_count);
      job->progress->context = g_main_context_ref_thread_default ();
      job->progress->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      job->progress->func = progress;
      job->progress->data = progress_data;
      job->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);
  _crm_store_run_async (store, compute_job, job, job_free, crm_service_kpi_compute_async,
                        "crm-service-kpi-compute", cancellable, callback, user_data);
}

CrmServiceKpiReport *
crm_service_kpi_compute_finish (CrmStore      *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
