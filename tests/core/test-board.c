/* test-board.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board model on the sample data: columns and cards as the database
 * has them, totals, filters, optimistic moves saved (and refused ones put
 * back), undo, changes made elsewhere, and the default pipelines of a new
 * database.
 */

#include "config.h"

#include <string.h>

#include "crm-board.h"
#include "crm-board-private.h"
#include "crm-deal.h"
#include "crm-demo.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
  CrmBoard *board;
} Fixture;

static void
on_loaded_cb (CrmBoard *board,
              gboolean *flag)
{
  *flag = TRUE;
}

static void
load (Fixture              *f,
      gint64                pipeline_id,
      const CrmBoardFilter *filter)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (f->board, "loaded", G_CALLBACK (on_loaded_cb), &loaded);

  crm_board_load (f->board, pipeline_id, filter);
  crm_test_wait_flag (&loaded);
  g_signal_handler_disconnect (f->board, id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  if (data == NULL)
    {
      g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 5, &error));
      g_assert_no_error (error);
    }
  f->board = crm_board_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->board);
  crm_store_close (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (f->store);
  g_free (f->dir);
}

static CrmBoardColumn *
column_at (Fixture *f,
           guint    i)
{
  CrmBoardColumn *column = g_list_model_get_item (crm_board_get_columns (f->board), i);

  g_object_unref (column);
  return column;
}

static CrmBoardCard *
card_at (CrmBoardColumn *column,
         guint           i)
{
  CrmBoardCard *card = g_list_model_get_item (crm_board_column_get_cards (column), i);

  g_object_unref (card);
  return card;
}

/* The column's total in @currency, summed from its cards. */
static gint64
sum_cards (CrmBoardColumn *column,
           const char     *currency)
{
  GListModel *cards = crm_board_column_get_cards (column);
  gint64 sum = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    if (g_strcmp0 (crm_board_card_get_currency (card_at (column, i)), currency) == 0)
      sum += crm_board_card_get_amount (card_at (column, i));
  return sum;
}

static gint64
column_total (CrmBoardColumn *column,
              const char     *currency,
              gint64         *weighted)
{
  g_autoptr(GArray) totals = crm_board_column_dup_totals (column);

  for (guint i = 0; i < totals->len; i++)
    {
      CrmDealTotal *total = &g_array_index (totals, CrmDealTotal, i);

      if (g_strcmp0 (total->currency, currency) == 0)
        {
          if (weighted != NULL)
            *weighted = total->weighted;
          return total->total;
        }
    }
  if (weighted != NULL)
    *weighted = 0;
  return 0;
}

static guint
first_open_with_cards (Fixture *f)
{
  for (guint i = 0; i < g_list_model_get_n_items (crm_board_get_columns (f->board)); i++)
    if (crm_board_column_get_kind (column_at (f, i)) == CRM_STAGE_KIND_OPEN &&
        crm_board_column_get_count (column_at (f, i)) >= 2)
      return i;
  g_assert_not_reached ();
}

static void
test_board_load (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *pipelines = crm_board_get_pipelines (f->board);
  GListModel *columns = crm_board_get_columns (f->board);
  gint64 pipeline;
  guint n;

  load (f, 0, NULL);

  /* Both sample pipelines; the first is shown. */
  g_assert_cmpuint (g_list_model_get_n_items (pipelines), ==, 2);
  {
    g_autoptr(CrmBoardPipeline) first = g_list_model_get_item (pipelines, 0);

    pipeline = crm_board_pipeline_get_id (first);
  }
  g_assert_cmpint (crm_board_get_pipeline_id (f->board), ==, pipeline);

  /* One column per stage, in order. */
  n = g_list_model_get_n_items (columns);
  g_assert_cmpint (n, ==, crm_test_query_int (f->store, "SELECT count(*) FROM stage WHERE deleted = 0 "
                                                        "AND pipeline_id = %" G_GINT64_FORMAT, pipeline));
  g_assert_cmpint (crm_board_column_get_kind (column_at (f, n - 2)), ==, CRM_STAGE_KIND_WON);
  g_assert_cmpint (crm_board_column_get_kind (column_at (f, n - 1)), ==, CRM_STAGE_KIND_LOST);

  for (guint i = 0; i < n; i++)
    {
      CrmBoardColumn *column = column_at (f, i);
      gint64 stage = crm_board_column_get_stage_id (column);
      guint count = crm_board_column_get_count (column);

      g_assert_cmpint (stage, ==, crm_test_query_int (f->store, "SELECT id FROM stage WHERE pipeline_id = %"
                                                      G_GINT64_FORMAT " AND deleted = 0 ORDER BY position, id "
                                                      "LIMIT 1 OFFSET %u", pipeline, i));
      if (crm_board_column_get_kind (column) == CRM_STAGE_KIND_OPEN)
        g_assert_cmpint (count, ==, crm_test_query_int (f->store, "SELECT count(*) FROM deal WHERE deleted = 0 "
                                                        "AND stage_id = %" G_GINT64_FORMAT, stage));
      g_assert_cmpuint (count, ==, g_list_model_get_n_items (crm_board_column_get_cards (column)));

      /* In their saved order, summed right. */
      for (guint j = 1; j < count; j++)
        g_assert_cmpfloat (crm_board_card_get_position (card_at (column, j - 1)), <=,
                           crm_board_card_get_position (card_at (column, j)));
      g_assert_cmpint (column_total (column, "USD", NULL), ==, sum_cards (column, "USD"));
      if (crm_board_column_get_kind (column) == CRM_STAGE_KIND_OPEN && count > 0)
        g_assert_cmpint (column_total (column, "USD", NULL), ==,
                         crm_test_query_int (f->store, "SELECT total (amount) FROM deal WHERE deleted = 0 "
                                             "AND currency = 'USD' AND stage_id = %" G_GINT64_FORMAT, stage));
    }

  /* A card says what the deal is. */
  {
    guint c = first_open_with_cards (f);
    CrmBoardCard *card = card_at (column_at (f, c), 0);
    gint64 id = crm_board_card_get_deal_id (card);
    g_autofree char *name = crm_test_query (f->store, "SELECT name FROM deal WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *customer = crm_test_query (f->store, "SELECT coalesce (o.name, p.display_name) FROM deal d "
                                                "LEFT JOIN organization o ON o.id = d.organization_id "
                                                "LEFT JOIN person p ON p.id = d.person_id "
                                                "WHERE d.id = %" G_GINT64_FORMAT, id);

    g_assert_cmpstr (crm_board_card_get_name (card), ==, g_strchomp (name));
    g_assert_cmpstr (crm_board_card_get_customer (card), ==, g_strchomp (customer));
    g_assert_cmpint (crm_board_card_get_amount (card), ==,
                     crm_test_query_int (f->store, "SELECT amount FROM deal WHERE id = %" G_GINT64_FORMAT, id));
    g_assert_true (crm_board_card_get_b2b (card));
  }
}

static void
test_board_filters (Fixture       *f,
                    gconstpointer  data)
{
  CrmBoardFilter filter = { 0 };
  gint64 owner, b2c;
  guint c;

  /* The consumer pipeline has person deals. */
  b2c = crm_test_query_int (f->store, "%s", "SELECT id FROM pipeline WHERE kind = 'b2c'");
  load (f, b2c, NULL);
  c = first_open_with_cards (f);
  g_assert_false (crm_board_card_get_b2b (card_at (column_at (f, c), 0)));

  /* Owner: only theirs, totals follow. */
  owner = crm_test_query_int (f->store, "SELECT owner_id FROM deal WHERE stage_id = %" G_GINT64_FORMAT
                              " AND owner_id IS NOT NULL LIMIT 1", crm_board_column_get_stage_id (column_at (f, c)));
  filter.owner_id = owner;
  load (f, b2c, &filter);
  g_assert_cmpint (crm_board_column_get_count (column_at (f, c)), ==,
                   crm_test_query_int (f->store, "SELECT count(*) FROM deal WHERE deleted = 0 AND stage_id = %"
                                       G_GINT64_FORMAT " AND owner_id = %" G_GINT64_FORMAT,
                                       crm_board_column_get_stage_id (column_at (f, c)), owner));
  for (guint i = 0; i < crm_board_column_get_count (column_at (f, c)); i++)
    g_assert_cmpint (crm_board_card_get_owner_id (card_at (column_at (f, c), i)), ==, owner);
  g_assert_cmpint (column_total (column_at (f, c), "USD", NULL), ==, sum_cards (column_at (f, c), "USD"));

  /* B2B only in the consumer pipeline: nothing open. */
  crm_board_filter_clear (&filter);
  filter.customer = CRM_BOARD_CUSTOMER_B2B;
  load (f, b2c, &filter);
  for (guint i = 0; i < g_list_model_get_n_items (crm_board_get_columns (f->board)); i++)
    for (guint j = 0; j < crm_board_column_get_count (column_at (f, i)); j++)
      g_assert_true (crm_board_card_get_b2b (card_at (column_at (f, i), j)));

  /* Text: a deal's own name finds it, in any case. */
  crm_board_filter_clear (&filter);
  load (f, b2c, NULL);
  {
    g_autofree char *name = g_strdup (crm_board_card_get_name (card_at (column_at (f, c), 0)));
    g_autofree char *upper = g_utf8_strup (name, -1);
    gboolean found = FALSE;

    filter.text = g_strdup (upper);
    load (f, b2c, &filter);
    for (guint i = 0; i < crm_board_column_get_count (column_at (f, c)); i++)
      found |= g_strcmp0 (crm_board_card_get_name (card_at (column_at (f, c), i)), name) == 0;
    g_assert_true (found);
    g_assert_cmpuint (crm_board_column_get_count (column_at (f, c)), <,
                      crm_test_query_int (f->store, "SELECT count(*) FROM deal WHERE deleted = 0 AND stage_id = %"
                                          G_GINT64_FORMAT, crm_board_column_get_stage_id (column_at (f, c))));
  }

  /* A close period: open deals expected in it. */
  crm_board_filter_clear (&filter);
  filter.close_from = g_strdup ("2000-01-01");
  filter.close_to = g_strdup ("2000-01-31");
  load (f, b2c, &filter);
  for (guint i = 0; i < g_list_model_get_n_items (crm_board_get_columns (f->board)); i++)
    g_assert_cmpuint (crm_board_column_get_count (column_at (f, i)), ==, 0);
  crm_board_filter_clear (&filter);
}

static void
on_move_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CrmDealMove *
move (Fixture       *f,
      CrmBoardCard  *card,
      guint          column,
      guint          index,
      gint64         reason,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_board_move_async (f->board, card, column, index, reason, NULL, NULL, on_move_done_cb, &result);
  return crm_board_move_finish (f->board, crm_test_await (&result), error);
}

static void
test_board_move (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDealMove) m = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CrmBoardColumn *from, *to;
  CrmBoardCard *card;
  gint64 id, from_total, to_total, amount;
  guint c, n_from, n_to, lost;

  load (f, 0, NULL);
  c = first_open_with_cards (f);
  from = column_at (f, c);
  to = column_at (f, c + 1);
  n_from = crm_board_column_get_count (from);
  n_to = crm_board_column_get_count (to);
  from_total = column_total (from, "USD", NULL);
  to_total = column_total (to, "USD", NULL);
  card = g_object_ref (card_at (from, 0));
  id = crm_board_card_get_deal_id (card);
  amount = crm_board_card_get_amount (card);

  /* To the top of the next stage: on the board at once, then saved. */
  crm_board_move_async (f->board, card, c + 1, 0, 0, NULL, NULL, on_move_done_cb, &result);
  g_assert_true (card_at (to, 0) == card);
  g_assert_cmpuint (crm_board_column_get_count (from), ==, n_from - 1);
  g_assert_cmpint (column_total (to, "USD", NULL), ==, to_total + amount);
  m = crm_board_move_finish (f->board, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT, id), ==,
                   crm_board_column_get_stage_id (to));
  g_assert_cmpint (crm_board_card_get_stage_id (card), ==, crm_board_column_get_stage_id (to));
  g_assert_cmpfloat (crm_board_card_get_position (card), <, crm_board_card_get_position (card_at (to, 1)));

  /* The store's change notice is the board's own: nothing moves again. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (card_at (to, 0) == card);

  /* Undo: back at the top of its stage, in the database too. */
  {
    g_autoptr(GAsyncResult) undo = NULL;

    crm_board_undo_async (f->board, m, NULL, on_move_done_cb, &undo);
    g_assert_true (card_at (from, 0) == card);
    g_assert_true (crm_board_undo_finish (f->board, crm_test_await (&undo), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (crm_board_column_get_count (from), ==, n_from);
  g_assert_cmpuint (crm_board_column_get_count (to), ==, n_to);
  g_assert_cmpint (column_total (from, "USD", NULL), ==, from_total);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT, id), ==,
                   crm_board_column_get_stage_id (from));

  /* Reorder inside the column: second to first, and the order is saved. */
  {
    g_autoptr(CrmDealMove) reorder = NULL;
    CrmBoardCard *second = card_at (from, 1);
    gint64 second_id = crm_board_card_get_deal_id (second);

    reorder = move (f, second, c, 0, 0, &error);
    g_assert_no_error (error);
    g_assert_true (card_at (from, 0) == second);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT id FROM deal WHERE deleted = 0 AND stage_id = %"
                                         G_GINT64_FORMAT " ORDER BY position, id LIMIT 1",
                                         crm_board_column_get_stage_id (from)), ==, second_id);
  }

  /* Lost needs a reason: refused, nothing moves. */
  lost = g_list_model_get_n_items (crm_board_get_columns (f->board)) - 1;
  g_assert_null (move (f, card, lost, 0, 0, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NEEDS_LOST_REASON);
  g_clear_error (&error);
  g_assert_cmpint (crm_board_card_get_stage_id (card), ==, crm_board_column_get_stage_id (from));

  /* With one it moves, and the deal is closed. */
  {
    g_autoptr(CrmDealMove) lost_move = NULL;
    gint64 reason = crm_test_query_int (f->store, "%s", "SELECT id FROM lost_reason LIMIT 1");

    lost_move = move (f, card, lost, 0, reason, &error);
    g_assert_no_error (error);
    g_assert_true (card_at (column_at (f, lost), 0) == card);
    g_assert_cmpint (crm_test_query_int (f->store, "SELECT closed > 0 AND lost_reason_id = %" G_GINT64_FORMAT
                                         " FROM deal WHERE id = %" G_GINT64_FORMAT, reason, id), ==, 1);
  }
  g_object_unref (card);
}

/* Each deal is on the board once, in the column of its stage. */
static void
assert_cards_consistent (Fixture *f)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GListModel *columns = crm_board_get_columns (f->board);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      CrmBoardColumn *column = column_at (f, i);

      for (guint j = 0; j < crm_board_column_get_count (column); j++)
        {
          CrmBoardCard *card = card_at (column, j);
          guint c, at;

          g_assert_false (g_hash_table_contains (seen, &card->deal_id));
          g_hash_table_add (seen, &card->deal_id);
          g_assert_cmpint (crm_board_card_get_stage_id (card), ==, crm_board_column_get_stage_id (column));
          g_assert_true (crm_board_find_card (f->board, crm_board_card_get_deal_id (card), &c, &at));
          g_assert_cmpuint (c, ==, i);
          g_assert_cmpuint (at, ==, j);
        }
    }
}

/* A card moved while the board reads again ends where it was moved, once. */
static void
test_board_move_during_load (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDealMove) m = NULL;
  g_autoptr(GAsyncResult) undo = NULL;
  CrmBoardCard *card;
  gint64 id;
  guint c, column, at;
  gboolean loaded = FALSE;
  gulong handler;

  load (f, 0, NULL);
  c = first_open_with_cards (f);
  card = g_object_ref (card_at (column_at (f, c), 0));
  id = crm_board_card_get_deal_id (card);

  handler = g_signal_connect (f->board, "loaded", G_CALLBACK (on_loaded_cb), &loaded);
  crm_board_load (f->board, 0, NULL);
  m = move (f, card, c + 1, 0, 0, &error);
  g_assert_no_error (error);
  crm_test_wait_flag (&loaded);
  g_signal_handler_disconnect (f->board, handler);

  /* The read saw the card before its move; the board reads it again. */
  while (!crm_board_find_card (f->board, id, &column, &at) || column != c + 1)
    g_main_context_iteration (NULL, TRUE);
  assert_cards_consistent (f);

  crm_board_undo_async (f->board, m, NULL, on_move_done_cb, &undo);
  g_assert_true (crm_board_undo_finish (f->board, crm_test_await (&undo), &error));
  g_assert_no_error (error);
  g_assert_true (crm_board_find_card (f->board, id, &column, &at));
  g_assert_cmpuint (column, ==, c);
  assert_cards_consistent (f);
  g_object_unref (card);
}

/* Blocks the store's worker until released. */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean open;
  gboolean entered;
} Gate;

static void
gate_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->mutex);
  gate->entered = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
  g_task_return_boolean (task, TRUE);
}

static void
on_cards_changed_cb (GListModel *cards,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  CrmBoardCard *card = ((gpointer *) user_data)[0];
  gboolean *seen = ((gpointer *) user_data)[1];

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CrmBoardCard) item = g_list_model_get_item (cards, i);

      if (item == card)
        *seen = TRUE;
    }
}

/* A refresh that read the database before an undo was written leaves the
 * card where the undo put it: it never shows in its moved-to column again. */
static void
test_board_undo_during_refresh (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDealMove) m = NULL;
  g_autoptr(GAsyncResult) undo = NULL;
  g_autoptr(GAsyncResult) gated = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Gate gate = { 0, };
  CrmBoardCard *card;
  gboolean back_in_moved = FALSE;
  gpointer watch[2];
  gint64 id;
  guint c, column, at;
  gulong handler;

  load (f, 0, NULL);
  c = first_open_with_cards (f);
  card = g_object_ref (card_at (column_at (f, c), 0));
  id = crm_board_card_get_deal_id (card);
  m = move (f, card, c + 1, 0, 0, &error);
  g_assert_no_error (error);
  /* The move's own notices and the refresh they ask for are over. */
  crm_test_spin (600);
  g_assert_true (crm_board_find_card (f->board, id, &column, &at));
  g_assert_cmpuint (column, ==, c + 1);

  /* Someone else touched the deal: the board reads it again, but the
   * worker is busy until the undo below is queued behind that read. */
  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  _crm_store_run_async (f->store, gate_job, &gate, NULL, NULL, "test-gate", NULL,
                        on_move_done_cb, &gated);
  g_mutex_lock (&gate.mutex);
  while (!gate.entered)
    g_cond_wait (&gate.cond, &gate.mutex);
  g_mutex_unlock (&gate.mutex);
  g_array_append_val (ids, id);
  g_signal_emit_by_name (f->store, "changed::deal", "deal", ids);
  crm_test_spin (600);

  watch[0] = card;
  watch[1] = &back_in_moved;
  handler = g_signal_connect (crm_board_column_get_cards (column_at (f, c + 1)), "items-changed",
                              G_CALLBACK (on_cards_changed_cb), watch);
  crm_board_undo_async (f->board, m, NULL, on_move_done_cb, &undo);
  g_assert_true (crm_board_find_card (f->board, id, &column, &at));
  g_assert_cmpuint (column, ==, c);

  g_mutex_lock (&gate.mutex);
  gate.open = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.mutex);
  crm_test_await (&gated);
  g_assert_true (crm_board_undo_finish (f->board, crm_test_await (&undo), &error));
  g_assert_no_error (error);
  crm_test_spin (600);
  g_signal_handler_disconnect (crm_board_column_get_cards (column_at (f, c + 1)), handler);

  g_assert_false (back_in_moved);
  g_assert_true (crm_board_find_card (f->board, id, &column, &at));
  g_assert_cmpuint (column, ==, c);
  assert_cards_consistent (f);
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
  g_object_unref (card);
}

/* Changes made by others come to the board. */
static void
test_board_outside_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmBoardColumn *column;
  CrmBoardCard *card;
  gint64 id, other_stage;
  guint c, n;

  load (f, 0, NULL);
  c = first_open_with_cards (f);
  column = column_at (f, c);
  n = crm_board_column_get_count (column);
  card = card_at (column, 0);
  id = crm_board_card_get_deal_id (card);
  other_stage = crm_board_column_get_stage_id (column_at (f, c + 1));

  /* A renamed deal: same card object, new name. */
  {
    g_autoptr(CrmRecord) deal = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    crm_store_load_async (f->store, CRM_TYPE_DEAL, id, NULL, crm_test_store_result, &result);
    deal = crm_store_load_finish (f->store, crm_test_await (&result), &error);
    g_assert_no_error (error);
    g_object_set (deal, "name", "Renamed outside", "stage-id", other_stage, NULL);
    g_clear_object (&result);
    crm_store_save_async (f->store, deal, NULL, crm_test_store_result, &result);
    g_assert_true (crm_store_save_finish (f->store, crm_test_await (&result), &error));
    g_assert_no_error (error);
  }
  while (g_strcmp0 (crm_board_card_get_name (card), "Renamed outside") != 0)
    g_main_context_iteration (NULL, TRUE);
  /* …and it went to the other stage's column. */
  while (crm_board_column_get_count (column) != n - 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (crm_board_card_get_stage_id (card), ==, other_stage);
  g_assert_true (g_list_store_find (G_LIST_STORE (crm_board_column_get_cards (column_at (f, c + 1))), card, NULL));
}

static void
test_board_defaults (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* A new database gets a B2B and a B2C pipeline and lost reasons… */
  crm_board_ensure_defaults_async (f->store, NULL, crm_test_store_result, &result);
  g_assert_true (crm_board_ensure_defaults_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM pipeline"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM stage s JOIN pipeline p "
                                       "ON p.id = s.pipeline_id WHERE p.kind = 'b2b'"), ==, 7);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM stage s JOIN pipeline p "
                                       "ON p.id = s.pipeline_id WHERE p.kind = 'b2c'"), ==, 5);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM stage WHERE kind = 'won'"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM stage WHERE kind = 'lost'"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM lost_reason"), ==, 6);

  /* …and the board shows them, empty. */
  load (f, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (crm_board_get_columns (f->board)), ==, 7);
  g_assert_cmpuint (crm_board_column_get_count (column_at (f, 0)), ==, 0);

  /* Only once: not again, and not after the user deleted them. */
  g_clear_object (&result);
  crm_board_ensure_defaults_async (f->store, NULL, crm_test_store_result, &result);
  g_assert_false (crm_board_ensure_defaults_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_free (crm_test_query (f->store, "%s", "DELETE FROM stage"));
  g_free (crm_test_query (f->store, "%s", "DELETE FROM pipeline"));
  g_clear_object (&result);
  crm_board_ensure_defaults_async (f->store, NULL, crm_test_store_result, &result);
  g_assert_false (crm_board_ensure_defaults_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM pipeline"), ==, 0);
}

static void
test_board_defaults_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* A database with pipelines of its own keeps just those. */
  crm_board_ensure_defaults_async (f->store, NULL, crm_test_store_result, &result);
  g_assert_false (crm_board_ensure_defaults_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM pipeline"), ==, 2);
}

/* Sample data added to a new database replaces its unused defaults. */
static void
test_board_defaults_then_demo (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  crm_board_ensure_defaults_async (f->store, NULL, crm_test_store_result, &result);
  g_assert_true (crm_board_ensure_defaults_finish (f->store, crm_test_await (&result), &error));
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM pipeline"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM lost_reason"), ==, 6);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", "SELECT count(*) FROM pipeline p WHERE NOT EXISTS "
                                       "(SELECT 1 FROM deal d WHERE d.pipeline_id = p.id)"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/board/load", Fixture, NULL, fixture_set_up, test_board_load, fixture_tear_down);
  g_test_add ("/board/filters", Fixture, NULL, fixture_set_up, test_board_filters, fixture_tear_down);
  g_test_add ("/board/move", Fixture, NULL, fixture_set_up, test_board_move, fixture_tear_down);
  g_test_add ("/board/move-during-load", Fixture, NULL, fixture_set_up, test_board_move_during_load,
              fixture_tear_down);
  g_test_add ("/board/undo-during-refresh", Fixture, NULL, fixture_set_up,
              test_board_undo_during_refresh, fixture_tear_down);
  g_test_add ("/board/outside-changes", Fixture, NULL, fixture_set_up, test_board_outside_changes,
              fixture_tear_down);
  g_test_add ("/board/defaults", Fixture, "empty", fixture_set_up, test_board_defaults, fixture_tear_down);
  g_test_add ("/board/defaults-then-demo", Fixture, "empty", fixture_set_up, test_board_defaults_then_demo,
              fixture_tear_down);
  g_test_add ("/board/defaults-existing", Fixture, NULL, fixture_set_up, test_board_defaults_existing,
              fixture_tear_down);

  return g_test_run ();
}
