/* test-rfm.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-models.h"
#include "crm-rfm-private.h"
#include "crm-store.h"
#include "crm-store-worker.h"
#include "crm-test-util.h"

static CrmStore *store;
static CrmPerson *people[13];
static guint n_changed;

/* A store of many people for the runs in batches: person i has
 * 1 + i % 7 paid orders, spent 100 * (i % 13) and last bought on day i % 29
 * (ties everywhere); every tenth has no paid order but a stale score.  Like
 * the tests on the small store, the /rfm/batches tests run in order, each
 * from what the one before left. */
#define N_MANY 600
#define N_MANY_SCORED 540
#define MANY_BATCH 50
static CrmStore *many;

static void
insert (gpointer record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, CRM_RECORD (record), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  crm_store_insert_finish (store, result, &error);
  g_assert_no_error (error);
}

static void
reload (CrmPerson *p)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) same = NULL;

  crm_store_load_async (store, CRM_TYPE_PERSON, crm_record_get_id (CRM_RECORD (p)), NULL,
                        crm_test_store_result, &result);
  crm_test_await (&result);
  same = crm_store_load_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_true (same == CRM_RECORD (p));
}

/* An order through the store, so that the schema's triggers keep the
 * person's order_count, total_spend and last_purchase. */
static void
add_order (CrmPerson *p,
           gint64     ordered,
           gint64     total,
           const char *status)
{
  g_autoptr(CrmCustomerOrder) order = crm_customer_order_new ();

  crm_customer_order_set_person_id (order, crm_record_get_id (CRM_RECORD (p)));
  crm_customer_order_set_ordered (order, ordered);
  crm_customer_order_set_total (order, total);
  crm_customer_order_set_status (order, status);
  insert (order);
}

static void
on_changed_cb (CrmStore   *s,
               const char *table,
               GArray     *ids,
               gpointer    user_data)
{
  n_changed++;
}

static void
assert_scores (guint  i,
               gint64 r,
               gint64 f,
               gint64 m)
{
  CrmPerson *p = people[i];

  reload (p);
  if (crm_person_get_rfm_recency (p) != r || crm_person_get_rfm_frequency (p) != f ||
      crm_person_get_rfm_monetary (p) != m || crm_person_get_rfm_score (p) != r + f + m)
    g_error ("person %u: got %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             " (%" G_GINT64_FORMAT "), expected %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT, i, crm_person_get_rfm_recency (p),
             crm_person_get_rfm_frequency (p), crm_person_get_rfm_monetary (p),
             crm_person_get_rfm_score (p), r, f, m);
}

static void
test_quintiles (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gulong id;

  /* Person i (1..10) last bought at day i, made 11 - i paid orders (a
   * refunded one does not count), and spent 100 (1..5) or 500 (6..10) in
   * total.  With ten people, quintiles are pairs: rank k gives
   * 1 + (k - 1) * 5 / 10. */
  id = g_signal_connect (store, "changed::person", G_CALLBACK (on_changed_cb), NULL);
  n_changed = 0;
  crm_rfm_recompute_async (store, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_recompute_finish (store, result, &error), ==, 10);
  g_assert_no_error (error);
  g_signal_handler_disconnect (store, id);
  /* one notification for the whole run, not one per person */
  g_assert_cmpuint (n_changed, ==, 1);

  assert_scores (1, 1, 5, 1);
  assert_scores (2, 1, 5, 1);
  assert_scores (3, 2, 4, 1);
  assert_scores (4, 2, 4, 1);
  assert_scores (5, 3, 3, 1);
  assert_scores (6, 3, 3, 3);
  assert_scores (7, 4, 2, 3);
  assert_scores (8, 4, 2, 3);
  assert_scores (9, 5, 1, 3);
  assert_scores (10, 5, 1, 3);
  /* no paid order: no score, and a stale one is cleared */
  assert_scores (11, 0, 0, 0);
  /* trashed people are out of the population */
  assert_scores (12, 0, 0, 0);

  g_assert_cmpint (crm_rfm_get_last_run_sync (store, NULL), ==, 1795435200);
}

static void
test_refresh (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* fresh: nothing to do */
  crm_rfm_refresh_async (store, CRM_RFM_MAX_AGE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_refresh_finish (store, result, &error), ==, -1);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* a day later the scores are stale */
  g_setenv ("CRM_STORE_NOW", "1795521601", TRUE);
  crm_rfm_refresh_async (store, CRM_RFM_MAX_AGE, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_refresh_finish (store, result, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_cmpint (crm_rfm_get_last_run_sync (store, NULL), ==, 1795521601);
}

static void
test_new_order_moves_scores (void)
{
  g_autoptr(GError) error = NULL;

  /* person 1 buys big today: newest purchase, and the top spender */
  add_order (people[1], 1795521601, 100000, "paid");
  g_assert_cmpint (crm_rfm_recompute_sync (store, &error), ==, 10);
  g_assert_no_error (error);
  reload (people[1]);
  g_assert_cmpint (crm_person_get_rfm_recency (people[1]), ==, 5);
  g_assert_cmpint (crm_person_get_rfm_monetary (people[1]), ==, 5);
  /* and person 10 is no longer the newest alone: ranks 9 and 10 → 5 */
  assert_scores (10, 5, 1, 3);
  assert_scores (2, 1, 5, 1);
}

/* --- Runs in batches, on the store of many people --- */

/* The number of people whose scores are not those of the definition in
 * crm-rfm.h, written as one SQL statement. */
#define WRONG_SCORES_SQL \
  "WITH ranked AS (SELECT id," \
  "  1 + (rank () OVER (ORDER BY last_purchase) - 1) * 5 / count (*) OVER () AS r," \
  "  1 + (rank () OVER (ORDER BY order_count) - 1) * 5 / count (*) OVER () AS f," \
  "  1 + (rank () OVER (ORDER BY total_spend) - 1) * 5 / count (*) OVER () AS m" \
  "  FROM person WHERE deleted = 0 AND order_count > 0) " \
  "SELECT (SELECT count (*) FROM ranked JOIN person p USING (id) " \
  "        WHERE p.rfm_recency != r OR p.rfm_frequency != f OR p.rfm_monetary != m " \
  "        OR p.rfm_score != r + f + m) " \
  "     + (SELECT count (*) FROM person WHERE NOT (deleted = 0 AND order_count > 0) " \
  "        AND (rfm_recency != 0 OR rfm_frequency != 0 OR rfm_monetary != 0 " \
  "        OR rfm_score != 0))"

typedef struct
{
  GString      *events;     /* l: a load finished, b: a batch, r: the run */
  GCancellable *cancel;     /* cancelled once @cancel_at rows are written */
  guint         cancel_at;
  gboolean      load_between; /* asks for a record after the first batch */
  gint64        trash_between; /* trashes this person after the first batch */
  guint         written;    /* when the last batch was reported */
  guint         total;
} Watch;

static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs @sql (one statement, no rows wanted) on @s's worker. */
static void
exec_sql (CrmStore   *s,
          const char *sql)
{
  g_free (crm_test_query (s, "%s", sql));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Watch *w = user_data;
  g_autoptr(CrmRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = crm_store_load_finish (CRM_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_string_append_c (w->events, 'l');
}

static void
load_person (Watch  *w,
             gint64  id)
{
  crm_store_load_async (many, CRM_TYPE_PERSON, id, NULL, on_loaded_cb, w);
}

static void
on_batch_cb (guint    written,
             guint    total,
             gpointer user_data)
{
  Watch *w = user_data;

  /* each batch writes something, and MANY_BATCH rows at most (nothing but
   * the run's time when no score changes) */
  g_assert_true (written > w->written || total == 0);
  g_assert_cmpuint (written - w->written, <=, MANY_BATCH);
  g_assert_cmpuint (written, <=, total);
  /* the UI asks for a record while the run is half done */
  if (w->load_between && w->written == 0)
    load_person (w, 2);
  if (w->trash_between != 0 && w->written == 0)
    {
      g_autofree char *trash = g_strdup_printf ("UPDATE person SET deleted = 1 WHERE id = %"
                                                G_GINT64_FORMAT, w->trash_between);

      exec_sql (many, trash);
    }
  w->written = written;
  w->total = total;
  g_string_append_c (w->events, 'b');
  if (w->cancel != NULL && written >= w->cancel_at)
    g_cancellable_cancel (w->cancel);
}

static gint64
run_many (Watch   *w,
          gint64   max_age,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 n;

  w->written = 0;
  _crm_rfm_run_async (many, max_age, MANY_BATCH, on_batch_cb, w, w->cancel,
                      crm_test_store_result, &result);
  crm_test_await (&result);
  g_string_append_c (w->events, 'r');
  n = crm_rfm_recompute_finish (many, result, error);
  flush_main_context ();
  return n;
}

static void
poll_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_task_return_pointer (task, GINT_TO_POINTER (_crm_store_worker_poll_external (worker) + 1),
                         NULL);
}

/* Whether the store would take what was committed since the last call for
 * another program's writes (and make every list re-read everything). */
static gboolean
seen_as_external (CrmStore *s)
{
  g_autoptr(GError) error = NULL;
  gpointer seen = _crm_store_run_sync (s, poll_job, NULL, NULL, &error);

  g_assert_no_error (error);
  return GPOINTER_TO_INT (seen) - 1;
}

static void
test_batches_between_jobs (void)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Watch w = { .events = events, .load_between = TRUE };
  gulong id;

  /* Everyone's score changes: 540 scored, 60 stale ones cleared. */
  id = g_signal_connect (many, "changed::person", G_CALLBACK (on_changed_cb), NULL);
  n_changed = 0;
  seen_as_external (many);
  _crm_rfm_run_async (many, -1, MANY_BATCH, on_batch_cb, &w, NULL, crm_test_store_result,
                      &result);
  /* Queued right after the run started: it does not wait for the run (a
   * run in one job on the worker, queued first, would end first). */
  load_person (&w, 1);
  crm_test_await (&result);
  g_string_append_c (events, 'r');
  g_assert_cmpint (crm_rfm_recompute_finish (many, result, &error), ==, N_MANY_SCORED);
  g_assert_no_error (error);
  flush_main_context ();
  g_signal_handler_disconnect (many, id);

  /* The load came first, the one asked for after the first batch came
   * before the second batch, and the rest were batches. */
  g_test_message ("order of completion: %s", events->str);
  g_assert_true (g_str_has_prefix (events->str, "lblb"));
  g_assert_true (g_str_has_suffix (events->str, "br"));
  g_assert_cmpuint (strspn (events->str + 3, "b"), ==, events->len - 4);
  g_assert_cmpuint (events->len - 3, >=, N_MANY / MANY_BATCH);
  g_assert_cmpuint (w.written, ==, N_MANY);
  g_assert_cmpuint (w.total, ==, N_MANY);
  /* one notification for the whole run, after the last batch; the run's
   * own connection (the read, the checkpoints) is not another program */
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (seen_as_external (many));
  g_assert_cmpint (crm_test_query_int (many, WRONG_SCORES_SQL), ==, 0);
  g_assert_cmpint (crm_test_query_int (many, "SELECT count (*) FROM person WHERE rfm_score > 0"),
                   ==, N_MANY_SCORED);
  g_assert_cmpint (crm_rfm_get_last_run_sync (many, NULL), ==,
                   g_ascii_strtoll (g_getenv ("CRM_STORE_NOW"), NULL, 10));
}

static gint64
count_rows (const char *sql)
{
  return crm_test_query_int (many, "%s", sql);
}

static void
test_batches_only_changed (void)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Watch w = { .events = events };
  gulong id;

  /* Every write to a person is logged. */
  exec_sql (many, "CREATE TABLE rfm_log (id INTEGER NOT NULL)");
  exec_sql (many, "CREATE TRIGGER rfm_log_au AFTER UPDATE ON person BEGIN "
                  "INSERT INTO rfm_log (id) VALUES (new.id); END");
  id = g_signal_connect (many, "changed::person", G_CALLBACK (on_changed_cb), NULL);

  /* Fresh scores: nothing is written, nobody is told. */
  n_changed = 0;
  g_assert_cmpint (run_many (&w, -1, &error), ==, N_MANY_SCORED);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==, 0);
  g_assert_cmpuint (n_changed, ==, 0);

  /* Person 7 becomes the newest buyer and the top spender; person 11's
   * orders are refunded. */
  exec_sql (many, "CREATE TABLE rfm_before AS SELECT id, rfm_recency AS r, "
                  "rfm_frequency AS f, rfm_monetary AS m, rfm_score AS s FROM person");
  exec_sql (many, "UPDATE person SET total_spend = 1000000, last_purchase = 86400 * 100 "
                  "WHERE id = 7");
  exec_sql (many, "UPDATE person SET order_count = 0, total_spend = 0 WHERE id = 11");
  exec_sql (many, "DELETE FROM rfm_log");
  flush_main_context ();

  n_changed = 0;
  g_assert_cmpint (run_many (&w, -1, &error), ==, N_MANY_SCORED - 1);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (many, WRONG_SCORES_SQL), ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Exactly the people whose scores changed were written, once each. */
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log WHERE id IN (7, 11)"), ==, 2);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==,
                   count_rows ("SELECT count (DISTINCT id) FROM rfm_log"));
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==,
                   count_rows ("SELECT count (*) FROM person p JOIN rfm_before b USING (id) "
                               "WHERE p.rfm_recency != b.r OR p.rfm_frequency != b.f "
                               "OR p.rfm_monetary != b.m OR p.rfm_score != b.s"));
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), <, N_MANY_SCORED / 2);
  g_assert_cmpint (count_rows ("SELECT rfm_score FROM person WHERE id = 11"), ==, 0);
  g_signal_handler_disconnect (many, id);
}

static void
test_batches_cancel (void)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Watch w = { .events = events, .cancel = cancel, .cancel_at = 3 * MANY_BATCH };
  g_autofree char *now = g_strdup (g_getenv ("CRM_STORE_NOW"));
  gint64 last = crm_rfm_get_last_run_sync (many, NULL);
  g_autofree char *later = g_strdup_printf ("%" G_GINT64_FORMAT, last + 2 * CRM_RFM_MAX_AGE);
  gint64 logged;
  gulong id;

  /* The right scores, then everybody's back to none. */
  exec_sql (many, "CREATE TABLE rfm_expected AS SELECT id, rfm_recency AS r, "
                  "rfm_frequency AS f, rfm_monetary AS m FROM person");
  exec_sql (many, "UPDATE person SET rfm_recency = 0, rfm_frequency = 0, "
                  "rfm_monetary = 0, rfm_score = 0");
  exec_sql (many, "DELETE FROM rfm_log");
  flush_main_context ();
  g_setenv ("CRM_STORE_NOW", later, TRUE);
  id = g_signal_connect (many, "changed::person", G_CALLBACK (on_changed_cb), NULL);

  /* Cancelled before it started: nothing written, nobody told. */
  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();
    Watch early = { .events = events, .cancel = cancelled };

    g_cancellable_cancel (cancelled);
    n_changed = 0;
    g_assert_cmpint (run_many (&early, -1, &error), ==, -1);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==, 0);
    g_assert_cmpuint (n_changed, ==, 0);
  }

  /* Cancelled after the third batch. */
  n_changed = 0;
  g_assert_cmpint (run_many (&w, -1, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  logged = count_rows ("SELECT count (*) FROM rfm_log");
  g_assert_cmpint (logged, ==, w.written);
  g_assert_cmpint (logged, >, 0);
  g_assert_cmpint (logged, <, N_MANY_SCORED - 1);
  /* the lists were told of what was written */
  g_assert_cmpuint (n_changed, ==, 1);
  /* the run is not recorded */
  g_assert_cmpint (crm_rfm_get_last_run_sync (many, NULL), ==, last);
  /* everyone has either the old scores or the new ones, whole */
  g_assert_cmpint (count_rows ("SELECT count (*) FROM person "
                               "WHERE rfm_score != rfm_recency + rfm_frequency + rfm_monetary"),
                   ==, 0);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM person p JOIN rfm_expected e USING (id) "
                               "WHERE NOT ((p.rfm_recency = 0 AND p.rfm_frequency = 0 "
                               "AND p.rfm_monetary = 0) OR (p.rfm_recency = e.r "
                               "AND p.rfm_frequency = e.f AND p.rfm_monetary = e.m))"), ==, 0);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM person WHERE rfm_score > 0"), ==, logged);

  /* The next refresh finds the scores stale and finishes the job. */
  w.cancel = NULL;
  exec_sql (many, "DELETE FROM rfm_log");
  flush_main_context ();
  n_changed = 0;
  g_assert_cmpint (run_many (&w, CRM_RFM_MAX_AGE, &error), ==, N_MANY_SCORED - 1);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==, N_MANY_SCORED - 1 - logged);
  g_assert_cmpint (crm_test_query_int (many, WRONG_SCORES_SQL), ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (crm_rfm_get_last_run_sync (many, NULL), ==, last + 2 * CRM_RFM_MAX_AGE);
  g_signal_handler_disconnect (many, id);
  g_setenv ("CRM_STORE_NOW", now, TRUE);
}

static void
test_batches_trashed_meanwhile (void)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Watch w = { .events = events, .trash_between = N_MANY - 1 };

  /* Person 599 is trashed after the scores were read, before theirs is
   * written: a trashed person keeps no score. */
  exec_sql (many, "UPDATE person SET rfm_recency = 0, rfm_frequency = 0, "
                  "rfm_monetary = 0, rfm_score = 0");
  exec_sql (many, "DELETE FROM rfm_log");
  flush_main_context ();
  g_assert_cmpint (run_many (&w, -1, &error), ==, N_MANY_SCORED - 1);
  g_assert_no_error (error);
  g_assert_cmpuint (w.total, ==, N_MANY_SCORED - 1);
  g_assert_cmpint (count_rows ("SELECT rfm_score FROM person WHERE id = 599"), ==, 0);
  /* (the one write to person 599 is the trashing) */
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log WHERE id = 599"), ==, 1);
  g_assert_cmpint (count_rows ("SELECT count (*) FROM rfm_log"), ==, N_MANY_SCORED - 1);

  exec_sql (many, "UPDATE person SET deleted = 0 WHERE id = 599");
  g_assert_cmpint (crm_rfm_recompute_sync (many, &error), ==, N_MANY_SCORED - 1);
  g_assert_cmpint (crm_test_query_int (many, WRONG_SCORES_SQL), ==, 0);
  flush_main_context ();
}

static void
fill_many (CrmStore *s,
           guint     n)
{
  g_free (crm_test_query (s, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < %u) "
                             "INSERT INTO person (id, created, updated, display_name, sort_key, "
                             "order_count, total_spend, last_purchase, rfm_recency, rfm_score) "
                             "SELECT i, 1, 1, 'P' || i, 'p' || i, "
                             "CASE WHEN i %% 10 = 0 THEN 0 ELSE 1 + i %% 7 END, "
                             "100 * (i %% 13), 86400 * (i %% 29), "
                             "CASE WHEN i %% 10 = 0 THEN 3 ELSE 0 END, "
                             "CASE WHEN i %% 10 = 0 THEN 9 ELSE 0 END FROM n", n));
  flush_main_context ();
}

static void
test_in_memory (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) mem = crm_store_open_sync (":memory:", &error);

  /* Nothing can read beside the worker: it reads there, then writes in
   * batches all the same. */
  g_assert_no_error (error);
  fill_many (mem, 100);
  crm_rfm_recompute_async (mem, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_cmpint (crm_rfm_recompute_finish (mem, result, &error), ==, 90);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (mem, WRONG_SCORES_SQL), ==, 0);
  g_assert_cmpint (crm_test_query_int (mem, "SELECT count (*) FROM person WHERE rfm_score > 0"),
                   ==, 90);
  crm_store_close (mem);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("CRM_STORE_NOW", "1795435200", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "rfm.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %02u", i);

      people[i] = crm_person_new ();
      crm_person_set_display_name (people[i], name);
      insert (people[i]);
      if (i > 10)
        continue;
      for (guint k = 0; k < 11 - i; k++)
        add_order (people[i], (gint64) i * 86400 - k, k == 0 ? (i <= 5 ? 100 : 500) : 0, "paid");
      add_order (people[i], (gint64) 1000 * 86400, 99999, "refunded");
    }
  /* a stale score on someone without orders */
  crm_person_set_rfm_score (people[11], 9);
  crm_person_set_rfm_recency (people[11], 3);
  /* a trashed buyer */
  add_order (people[12], 5 * 86400, 300, "paid");
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_store_save_async (store, CRM_RECORD (people[11]), NULL, crm_test_store_result, &result);
    crm_test_await (&result);
    g_assert_true (crm_store_save_finish (store, result, NULL));
    g_clear_object (&result);
    crm_store_trash_async (store, CRM_RECORD (people[12]), TRUE, NULL, crm_test_store_result,
                           &result);
    crm_test_await (&result);
    g_assert_true (crm_store_trash_finish (store, result, NULL));
  }

  g_free (path);
  path = g_build_filename (dir, "rfm-many.db", NULL);
  many = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  fill_many (many, N_MANY);

  g_test_add_func ("/rfm/quintiles", test_quintiles);
  g_test_add_func ("/rfm/refresh", test_refresh);
  g_test_add_func ("/rfm/new-order-moves-scores", test_new_order_moves_scores);
  g_test_add_func ("/rfm/batches/between-jobs", test_batches_between_jobs);
  g_test_add_func ("/rfm/batches/only-changed", test_batches_only_changed);
  g_test_add_func ("/rfm/batches/cancel", test_batches_cancel);
  g_test_add_func ("/rfm/batches/trashed-meanwhile", test_batches_trashed_meanwhile);
  g_test_add_func ("/rfm/in-memory", test_in_memory);

  ret = g_test_run ();
  for (guint i = 1; i <= 12; i++)
    g_object_unref (people[i]);
  crm_store_close (store);
  g_object_unref (store);
  crm_store_close (many);
  g_object_unref (many);
  return ret;
}
