/* crm-service-kpi-load.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service KPIs from the store: one job on the worker reads, in one read
 * transaction, the calendars and SLA policies, then the tickets in one pass
 * (only the columns the numbers need, and only the rows that bear on the
 * period), the waits on the customer that can shorten a first response of
 * the period, and the self-service resolutions, into CrmServiceKpiBuilders.
 * Two readers share the tickets (a laptop has two cores; the UI thread
 * waits for the result meanwhile): the worker counts the lower half of the
 * ids, and a thread with a connection of its own the upper half and then
 * the self-service resolutions, each into a builder of its own, merged at
 * the end.  The worker reads the waits while the other finishes.  Progress
 * goes to the caller's main context.
 *
 * A year of a million tickets takes about 0.3 s of each reader's time, most
 * of it SQLite stepping through the ticket index (G_MESSAGES_DEBUG=
 * CrmServiceKpi shows each step).
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

/* --- the pass over the tickets: two readers, each counting its half --- */

/* What the readers share, read-only while they read. */
typedef struct
{
  CrmStoreWorker       *worker;
  GCancellable         *cancellable;
  Job                  *job;
  GPtrArray            *calendars;          /* CrmBusinessCalendar, by builder index */
  GHashTable           *calendar_indexes;   /* calendar id → builder index + 1 */
  GArray               *policies;           /* Policy */
  char                 *path;               /* for the second reader's connection; NULL: none */
} Pass;

typedef struct
{
  gint64 id;
  int    calendar;
} Policy;

#define MAX_KEYS 256
#define KEY_CACHE_SLOTS 61

/* One reader: a connection, the tickets it reads (ids in [first_id,
 * last_id]), and a builder of its own that counts them as SQLite hands
 * them over. */
typedef struct
{
  Pass                 *pass;
  sqlite3              *db;
  CrmServiceKpiBuilder *builder;
  gint64                first_id;
  gint64                last_id;
  gboolean              reports;            /* progress: the worker's reader */

  /* The status, channel and priority keys seen, each once. */
  char                 *keys[MAX_KEYS];
  int                   key_lengths[MAX_KEYS];
  guint                 n_keys;
  guint8                key_cache[KEY_CACHE_SLOTS];   /* see intern_key() */

  guint64               n_tickets;
  gint64                first_frt_id;       /* the ids of the first responses counted, 0: none */
  gint64                last_frt_id;
  gboolean              self_service_read;  /* by the second reader */
  gboolean              cancelled;
  GError               *error;
} Reader;

static Reader *
reader_new (Pass   *pass,
            gint64  first_id,
            gint64  last_id)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->pass = pass;
  reader->first_id = first_id;
  reader->last_id = last_id;
  reader->builder = crm_service_kpi_builder_new (pass->job->from, pass->job->to, pass->job->now,
                                                 pass->job->tz);
  for (guint i = 0; i < pass->calendars->len; i++)
    crm_service_kpi_builder_add_calendar (reader->builder, pass->calendars->pdata[i]);
  return reader;
}

static void
reader_free (Reader *reader)
{
  if (reader == NULL)
    return;
  for (guint i = 0; i < reader->n_keys; i++)
    g_free (reader->keys[i]);
  g_clear_pointer (&reader->builder, crm_service_kpi_builder_free);
  g_clear_error (&reader->error);
  g_free (reader);
}

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

/* The index of the key @text (@length bytes, not nul-terminated) in
 * reader->keys, added when new. */
static guint8
intern_key (Reader     *reader,
            const char *text,
            int         length)
{
  guint slot;
  guint8 index;

  if (text == NULL || length <= 0)
    text = "", length = 0;
  /* A million times per pass: a small cache by length and first and last
   * byte finds a key with one comparison of a few bytes. */
  slot = ((guint) length ^ ((guint) (guchar) text[0] << 2) ^
          (length > 0 ? (guint) (guchar) text[length - 1] << 4 : 0)) % KEY_CACHE_SLOTS;
  index = reader->key_cache[slot];
  if (index < reader->n_keys && reader->key_lengths[index] == length &&
      memcmp (reader->keys[index], text, length) == 0)
    return index;

  for (index = 0; index < reader->n_keys; index++)
    if (reader->key_lengths[index] == length && memcmp (reader->keys[index], text, length) == 0)
      break;
  if (index == reader->n_keys)
    {
      /* More distinct keys than any database has share the last one. */
      if (reader->n_keys == MAX_KEYS)
        return MAX_KEYS - 1;
      reader->keys[index] = g_strndup (text, length);
      reader->key_lengths[index] = length;
      reader->n_keys++;
    }
  reader->key_cache[slot] = index;
  return index;
}

/* A text value's bytes, without the copy that nul-terminating them takes. */
static const char *
intern_value (Reader        *reader,
              sqlite3_value *value)
{
  const char *bytes = sqlite3_value_type (value) == SQLITE_TEXT ? sqlite3_value_blob (value) : NULL;

  return reader->keys[intern_key (reader, bytes, bytes != NULL ? sqlite3_value_bytes (value) : 0)];
}

static gint64
thread_cpu_us (void)
{
  struct timespec cpu;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  return (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000;
}

/* crm_kpi_ticket (id, created, status, channel, priority, b2b, policy,
 * first_response, first_response_due, resolved, resolution_due, closed,
 * csat_score, csat_at): counts one ticket.  The pass over the tickets is
 * one SQL statement calling it on every row, which costs SQLite much less
 * than handing each row out through sqlite3_step() and sqlite3_column_*(). */
static void
ticket_fn (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **v)
{
  Reader *reader = sqlite3_user_data (ctx);
  Pass *pass = reader->pass;
  CrmServiceKpiTicket t;

  if (++reader->n_tickets % CHECK_ROWS == 0)
    {
      if (g_cancellable_is_cancelled (pass->cancellable))
        {
          reader->cancelled = TRUE;
          sqlite3_result_error (ctx, "cancelled", -1);
          return;
        }
      if (reader->reports && reader->last_id > reader->first_id)
        report (pass->job, PROGRESS_TICKETS + (PROGRESS_WAITS - PROGRESS_TICKETS) *
                           (double) (sqlite3_value_int64 (v[0]) - reader->first_id) /
                           (double) (reader->last_id - reader->first_id));
    }

  t.id = sqlite3_value_int64 (v[0]);
  t.created = sqlite3_value_int64 (v[1]);
  t.status = intern_value (reader, v[2]);
  t.channel = intern_value (reader, v[3]);
  t.priority = intern_value (reader, v[4]);
  t.b2b = sqlite3_value_int (v[5]) != 0;
  t.first_response = sqlite3_value_int64 (v[7]);
  t.first_response_due = sqlite3_value_int64 (v[8]);
  t.resolved = sqlite3_value_int64 (v[9]);
  t.resolution_due = sqlite3_value_int64 (v[10]);
  t.closed = sqlite3_value_int64 (v[11]);
  t.csat_score = CLAMP (sqlite3_value_int (v[12]), 0, 255);
  t.csat_at = t.csat_score != 0 ? sqlite3_value_int64 (v[13]) : 0;
  /* The calendar only where this ticket's numbers need it. */
  t.calendar = -1;
  if (t.first_response >= pass->job->from && t.first_response < pass->job->to &&
      t.first_response >= t.created)
    {
      t.calendar = calendar_of_policy (pass, sqlite3_value_int64 (v[6]));
      /* Rows come by id. */
      if (reader->first_frt_id == 0)
        reader->first_frt_id = t.id;
      reader->last_frt_id = t.id;
    }
  crm_service_kpi_builder_add_ticket (reader->builder, &t);
  sqlite3_result_int (ctx, 1);
}

/* The tickets that bear on the period: created in it, or before it and
 * open at its start, or resolved, answered, rated or due in it; of the
 * reader's ids.  In id order, from the covering index of schema v7 (a year
 * of tickets is most of them: one pass over the index is cheaper than a
 * search). */
static const char ticket_sql[] =
  "SELECT count (crm_kpi_ticket (id, created, status, channel, priority, "
  "organization_id IS NOT NULL, sla_policy_id, first_response, first_response_due, resolved, "
  "resolution_due, closed, csat_score, csat_at)) "
  "FROM ticket %s "
  "WHERE deleted = 0 AND id BETWEEN ?3 AND ?4 AND created < ?2 AND (created >= ?1 "
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

/* Counts the reader's tickets on its connection. */
static gboolean
read_tickets (Reader  *reader,
              GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The function lives as long as this pass: its statement is not cached. */
  rc = sqlite3_create_function_v2 (reader->db, "crm_kpi_ticket", 14, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   reader, ticket_fn, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = prepare_ticket_pass (reader->db, &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, reader->pass->job->from);
      sqlite3_bind_int64 (stmt, 2, reader->pass->job->to);
      sqlite3_bind_int64 (stmt, 3, reader->first_id);
      sqlite3_bind_int64 (stmt, 4, reader->last_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
    }
  if (rc != SQLITE_DONE && !reader->cancelled)
    _crm_store_set_error (error, reader->db, rc, NULL);
  sqlite3_finalize (stmt);
  sqlite3_create_function_v2 (reader->db, "crm_kpi_ticket", 14, SQLITE_UTF8, NULL, NULL, NULL, NULL, NULL);
  if (reader->cancelled)
    return !g_cancellable_set_error_if_cancelled (reader->pass->cancellable, error);
  return rc == SQLITE_DONE;
}

/* --- what is read besides the tickets --- */

/* Steps @sql (bound to as many of @from, @to, @first_id and @last_id as
 * it has parameters) on @db, handing each row to @row; checks the cancellable. */
static gboolean
read_rows (Pass          *pass,
           sqlite3       *db,
           const char    *sql,
           gint64         from,
           gint64         to,
           gint64         first_id,
           gint64         last_id,
           void         (*row) (sqlite3_stmt *stmt, gpointer data),
           gpointer       data,
           GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      int n_params = sqlite3_bind_parameter_count (stmt);

      if (n_params >= 2)
        {
          sqlite3_bind_int64 (stmt, 1, from);
          sqlite3_bind_int64 (stmt, 2, to);
        }
      if (n_params == 4)
        {
          sqlite3_bind_int64 (stmt, 3, first_id);
          sqlite3_bind_int64 (stmt, 4, last_id);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (++n % CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (pass->cancellable, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          row (stmt, data);
        }
    }
  if (rc != SQLITE_DONE)
    _crm_store_set_error (error, db, rc, NULL);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static void
wait_row (sqlite3_stmt *stmt,
          gpointer      data)
{
  CrmServiceKpiWait wait = {
    sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
  };

  g_array_append_val ((GArray *) data, wait);
}

/* The waits on the customer that start in [@from, @to), by ticket, of the
 * tickets with ids in [@first_id, @last_id] (from the partial index of
 * schema v7, which holds the waits alone, by ticket). */
static gboolean
read_waits (Pass     *pass,
            gint64    from,
            gint64    to,
            gint64    first_id,
            gint64    last_id,
            GArray   *waits,
            GError  **error)
{
  return read_rows (pass, _crm_store_worker_get_db (pass->worker),
                    "SELECT ticket_id, changed_at, id FROM ticket_status_change "
                    "WHERE status = 'waiting-on-customer' AND deleted = 0 "
                    "AND changed_at >= ?1 AND changed_at < ?2 AND ticket_id BETWEEN ?3 AND ?4 "
                    "ORDER BY ticket_id",
                    from, to, first_id, last_id, wait_row, waits, error);
}

static void
self_service_row (sqlite3_stmt *stmt,
                  gpointer      data)
{
  Reader *reader = data;

  crm_service_kpi_builder_add_self_service (reader->builder, (const char *) sqlite3_column_text (stmt, 0),
                                            g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "b2b") == 0,
                                            sqlite3_column_int64 (stmt, 2));
}

/* The self-service resolutions of the period, on the reader's connection,
 * counted by its builder. */
static gboolean
read_self_service (Reader  *reader,
                   GError **error)
{
  reader->self_service_read = TRUE;
  return read_rows (reader->pass, reader->db,
                    "SELECT channel, customer_kind, resolved FROM self_service_resolution "
                    "WHERE deleted = 0 AND resolved >= ?1 AND resolved < ?2",
                    reader->pass->job->from, reader->pass->job->to, 0, 0,
                    self_service_row, reader, error);
}

/* --- the second reader, on a thread and a connection of its own --- */

/* Its read transaction starts just after the worker's, while the worker
 * runs this job and so writes nothing: both see the same database (only
 * another process could write in between, and then the numbers are those
 * of a moment later for the second half). */
static gpointer
second_reader (gpointer data)
{
  Reader *reader = data;
  gint64 cpu = thread_cpu_us ();
  int rc;

  reader->db = _crm_store_open_reader (reader->pass->path, &reader->error);
  if (reader->db == NULL)
    return NULL;
  if ((rc = sqlite3_exec (reader->db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    _crm_store_set_error (&reader->error, reader->db, rc, NULL);
  else
    {
      if (read_tickets (reader, &reader->error))
        read_self_service (reader, &reader->error);
      sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_close_v2 (g_steal_pointer (&reader->db));
  g_debug ("second reader: %" G_GUINT64_FORMAT " tickets with ids %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
           ", %.1f ms on its CPU", reader->n_tickets, reader->first_id, reader->last_id,
           (thread_cpu_us () - cpu) / 1000.0);
  return NULL;
}

/* After the counting: the waits that start before a counted first reply,
 * each with its end (the next status change of the ticket to another
 * status). */
static gboolean
add_waits (Pass                 *pass,
           CrmServiceKpiBuilder *builder,
           GArray               *waits,
           GError              **error)
{
  crm_service_kpi_builder_filter_waits (builder, waits);
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
      crm_service_kpi_builder_add_wait (builder, wait->ticket_id, wait->start, end);
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

/* A calendar that cannot be read (a zone this system lacks) counts around
 * the clock in UTC, as the ticket flow does for a policy without one. */
static void
calendar_row (sqlite3_stmt *stmt,
              gpointer      data)
{
  Pass *pass = data;
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
holiday_row (sqlite3_stmt *stmt,
             gpointer      data)
{
  Pass *pass = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (pass->calendar_indexes, &id));

  if (index > 0)
    crm_business_calendar_add_holiday (pass->calendars->pdata[index - 1], column_text (stmt, 1));
}

static void
policy_row (sqlite3_stmt *stmt,
            gpointer      data)
{
  Pass *pass = data;
  gint64 calendar_id = sqlite3_column_int64 (stmt, 1);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (pass->calendar_indexes, &calendar_id));
  Policy policy = { sqlite3_column_int64 (stmt, 0), (int) index - 1 };

  if (index > 0)
    g_array_append_val (pass->policies, policy);
}

/* Calendars and policies, trashed ones too: a ticket keeps the clock of
 * the policy it was given.  Holidays are added before the calendars are
 * shared with the second reader. */
static gboolean
read_setup (Pass     *pass,
            GError  **error)
{
  sqlite3 *db = _crm_store_worker_get_db (pass->worker);

  return read_rows (pass, db, "SELECT id, timezone, hours FROM business_calendar",
                    0, 0, 0, 0, calendar_row, pass, error) &&
         read_rows (pass, db, "SELECT calendar_id, day FROM holiday WHERE deleted = 0",
                    0, 0, 0, 0, holiday_row, pass, error) &&
         read_rows (pass, db, "SELECT id, calendar_id FROM sla_policy WHERE calendar_id IS NOT NULL",
                    0, 0, 0, 0, policy_row, pass, error);
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

  if (*since != 0 && step != NULL)
    g_debug ("%s: %.1f ms (%.1f ms on the worker's CPU)", step, (now - *since) / 1000.0,
             (cpu_now - *cpu_since) / 1000.0);
  *since = now;
  *cpu_since = cpu_now;
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->calendars, g_ptr_array_unref);
  g_clear_pointer (&pass->calendar_indexes, g_hash_table_unref);
  g_clear_pointer (&pass->policies, g_array_unref);
  g_clear_pointer (&pass->path, g_free);
}

/* How far before the period the waits are read while the tickets are
 * counted: those of the first responses to older tickets are read after. */
#define WAIT_MARGIN (35 * 86400)

/* The pass: the worker's reader counts the lower half of the tickets
 * while a second reader counts the upper half and reads the self-service
 * resolutions, on the other core; then the worker reads the waits and
 * joins it.  Without a file (a database in memory) the worker reads it
 * all. */
static gboolean
read_all (Pass     *pass,
          Reader  **result,
          GError  **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (pass->worker,
                                                  /* Apart, each is one look at an end of the table */
                                                  "SELECT (SELECT min (id) FROM ticket), "
                                                  "(SELECT max (id) FROM ticket)", error);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (CrmServiceKpiWait));
  gint64 first_id = 0, last_id = -1, middle, wait_from, wait_to;
  gint64 waits_read_from = pass->job->to;   /* the waits in [it, to) are read */
  gint64 started = 0, cpu_started = 0;
  Reader *mine = NULL, *theirs = NULL;
  GThread *thread = NULL;
  gboolean ok;

  lap (&started, &cpu_started, NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      first_id = sqlite3_column_int64 (stmt, 0);
      last_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  middle = pass->path != NULL ? first_id + (last_id - first_id) / 2 : last_id;
  mine = reader_new (pass, first_id, middle);
  mine->db = _crm_store_worker_get_db (pass->worker);
  mine->reports = TRUE;
  if (pass->path != NULL && middle < last_id)
    {
      g_autoptr(GError) thread_error = NULL;

      theirs = reader_new (pass, middle + 1, last_id);
      thread = g_thread_try_new ("rapport-kpi", second_reader, theirs, &thread_error);
      if (thread == NULL)
        g_debug ("One reader: %s", thread_error->message);
    }
  lap (&started, &cpu_started, "readers made");

  ok = read_tickets (mine, error);
  g_debug ("worker's reader: %" G_GUINT64_FORMAT " tickets with ids %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
           mine->n_tickets, mine->first_id, mine->last_id);
  lap (&started, &cpu_started, "tickets");
  report (pass->job, PROGRESS_WAITS);
  /* The waits of the weeks before the period and in it, while the
   * second reader finishes. */
  if (ok && thread != NULL)
    {
      waits_read_from = pass->job->from - WAIT_MARGIN;
      ok = read_waits (pass, waits_read_from, pass->job->to, G_MININT64, G_MAXINT64, waits, error);
    }
  lap (&started, &cpu_started, "waits");
  if (thread != NULL)
    g_thread_join (thread);
  lap (&started, &cpu_started, "joined");
  if (theirs != NULL && theirs->error != NULL)
    {
      if (g_error_matches (theirs->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Unless the worker's own reader failed first. */
          if (ok)
            g_propagate_error (error, g_steal_pointer (&theirs->error));
          ok = FALSE;
        }
      else if (ok)
        {
          /* Read its half here instead. */
          g_debug ("The second reader failed: %s", theirs->error->message);
          g_clear_pointer (&theirs, reader_free);
          theirs = reader_new (pass, middle + 1, last_id);
          thread = NULL;
        }
    }
  if (ok && theirs != NULL && thread == NULL)
    {
      theirs->db = mine->db;
      ok = read_tickets (theirs, error);
    }
  if (ok && theirs == NULL)
    theirs = reader_new (pass, 0, -1);
  if (ok && !theirs->self_service_read)
    {
      theirs->db = mine->db;
      ok = read_self_service (theirs, error);
    }

  if (ok)
    {
      _crm_service_kpi_builder_merge (mine->builder, g_steal_pointer (&theirs->builder));
      mine->first_frt_id = theirs->first_frt_id == 0 ? mine->first_frt_id
                           : mine->first_frt_id == 0 ? theirs->first_frt_id
                           : MIN (mine->first_frt_id, theirs->first_frt_id);
      mine->last_frt_id = MAX (mine->last_frt_id, theirs->last_frt_id);
      /* The waits not read yet: of first responses to tickets older than
       * the margin, or all of them with one reader. */
      if (crm_service_kpi_builder_get_wait_span (mine->builder, &wait_from, &wait_to) &&
          wait_from < waits_read_from)
        ok = read_waits (pass, wait_from, MIN (waits_read_from, wait_to),
                         mine->first_frt_id, mine->last_frt_id, waits, error);
    }
  ok = ok && add_waits (pass, mine->builder, waits, error);
  lap (&started, &cpu_started, "merged");
  reader_free (theirs);
  if (!ok)
    {
      reader_free (mine);
      return FALSE;
    }
  *result = mine;
  return TRUE;
}

static void
compute_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        task_data)
{
  Job *job = task_data;
  Pass pass = { 0 };
  Reader *reader = NULL;
  CrmServiceKpiReport *result;
  GError *error = NULL;
  gint64 started = 0, cpu_started = 0;
  gboolean ok;

  pass.worker = worker;
  pass.cancellable = g_task_get_cancellable (task);
  pass.job = job;
  pass.calendars = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_business_calendar_unref);
  pass.calendar_indexes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pass.policies = g_array_new (FALSE, FALSE, sizeof (Policy));
  pass.path = _crm_store_worker_dup_reader_path (worker);
  lap (&started, &cpu_started, "start");

  /* One read transaction: every step sees the same database. */
  ok = _crm_store_worker_exec (worker, "BEGIN", &error) && read_setup (&pass, &error);
  lap (&started, &cpu_started, "calendars and policies");
  report (job, PROGRESS_TICKETS);
  ok = ok && read_all (&pass, &reader, &error);
  lap (&started, &cpu_started, "read");
  if (sqlite3_get_autocommit (_crm_store_worker_get_db (worker)) == 0)
    _crm_store_worker_exec (worker, ok ? "COMMIT" : "ROLLBACK", NULL);

  if (!ok)
    {
      pass_clear (&pass);
      g_task_return_error (task, error);
      return;
    }
  report (job, 1);
  result = crm_service_kpi_builder_end (g_steal_pointer (&reader->builder));
  lap (&started, &cpu_started, "statistics");
  /* Everything is let go before the result goes, so that the worker is
   * done with the task at once: a caller that drops the store as soon as
   * it has the result must not leave the worker the last reference. */
  reader_free (reader);
  pass_clear (&pass);
  g_task_return_pointer (task, result, (GDestroyNotify) crm_service_kpi_report_free);
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
