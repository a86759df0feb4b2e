/* crm-bench-hooks.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmBenchHooks"

#include "config.h"

#include "crm-bench-hooks.h"
#include "crm-window-private.h"
#include "crm-paged-model.h"
#include "crm-pipeline-view.h"
#include "crm-store.h"

#include <stdio.h>
#include <time.h>

#define BROWSE_STEPS 200
#define BROWSE_SEED  4242
/* The "scroll" mode sweeps the whole list from top to bottom in this many
 * evenly spaced stops (one every 500 rows of a million), each waiting for its
 * page and a frame, as a user dragging the scrollbar down would. */
#define SCROLL_STEPS 2000

typedef struct
{
  CrmWindow    *window;
  CrmView      *view;
  GRand        *rand;
  GCancellable *cancellable;
  guint         step;
  guint         n_steps;
  gboolean      sweep;
  gulong        state_handler;
} Browse;

static void browse_next (Browse *browse);

static void
quit_application (CrmWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   CrmWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_cb, window);

  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  quit_application (window);
}

static void
on_window_realize_cb (GtkWidget *widget)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (on_after_paint_cb), widget, 0);
}

static void
browse_free (Browse *browse)
{
  g_clear_object (&browse->cancellable);
  g_clear_pointer (&browse->rand, g_rand_free);
  g_clear_object (&browse->view);
  g_clear_object (&browse->window);
  g_free (browse);
}

static gboolean
on_browse_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  /* One frame after the page arrived the rows are laid out: go on. */
  browse_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_browse_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Browse *browse = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_paged_model_load_page_finish (CRM_PAGED_MODEL (object), result, &error))
    {
      g_printerr ("browse: %s\n", error->message);
      quit_application (browse->window);
      browse_free (browse);
      return;
    }

  gtk_widget_add_tick_callback (GTK_WIDGET (browse->view), on_browse_tick_cb, browse, NULL);
}

static void
browse_next (Browse *browse)
{
  GListModel *model = crm_view_get_model (browse->view);
  GtkAdjustment *adjustment = crm_view_get_vadjustment (browse->view);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint position;
  double range;

  if (browse->step == browse->n_steps || n_items == 0 || adjustment == NULL)
    {
      g_print ("browse-done\n");
      fflush (stdout);
      quit_application (browse->window);
      browse_free (browse);
      return;
    }

  if (browse->sweep)
    position = (guint) (((guint64) browse->step * (n_items - 1)) / MAX (browse->n_steps - 1, 1));
  else
    position = (guint) g_rand_int_range (browse->rand, 0, (gint32) MIN (n_items, G_MAXINT32));
  browse->step++;
  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, range * position / MAX (n_items - 1, 1));

  crm_paged_model_load_page_async (CRM_PAGED_MODEL (model), position, browse->cancellable,
                                   on_browse_page_cb, browse);
}

static void
on_people_state_cb (CrmView    *view,
                    GParamSpec *pspec,
                    Browse     *browse)
{
  if (g_strcmp0 (crm_view_get_state (view), "loading") == 0)
    return;

  g_clear_signal_handler (&browse->state_handler, view);
  browse_next (browse);
}

static void
install_browse (CrmWindow *window,
                gboolean   sweep)
{
  Browse *browse = g_new0 (Browse, 1);

  browse->sweep = sweep;
  browse->n_steps = sweep ? SCROLL_STEPS : BROWSE_STEPS;
  browse->window = g_object_ref (window);
  browse->view = g_object_ref (crm_window_get_view (window, "people"));
  browse->rand = g_rand_new_with_seed (BROWSE_SEED);
  browse->cancellable = g_cancellable_new ();

  /* The People list is what the benchmark browses, whatever the last view was. */
  _crm_window_show_view (window, "people");
  browse->state_handler = g_signal_connect (browse->view, "notify::state",
                                            G_CALLBACK (on_people_state_cb), browse);
}

/* --- "board": the pipeline board's open time, memory and moves ---
 *
 * RAPPORT_BENCH_BOARD="FULL,EMPTY,RUNS": opens pipeline FULL and pipeline
 * EMPTY alternately RUNS times each through the view (as the pipeline
 * chooser does), timing each from the request to the frame painted after
 * the board's "loaded"; then, on FULL, times RUNS × 2 relayouts and
 * repaints of the unchanged board (UI-thread CPU time) and moves RUNS × 2
 * cards from the top of the first column to the top of the second and
 * back, as a drop does, measuring the CPU time the UI thread spends from
 * the drop until the move is saved (the store's change notice), and until
 * the frame after that is painted. Prints "board-done {json}". */

#define MOVE_PAUSE_MS 600

typedef enum
{
  BOARD_OPEN,      /* full and empty pipelines opened in turn */
  BOARD_SWITCH,    /* back to the full one */
  BOARD_FRAMES,    /* repaints of the unchanged board */
  BOARD_MOVES,     /* cards moved and saved */
  BOARD_DONE,
} BoardPhase;

typedef struct
{
  CrmWindow       *window;
  CrmPipelineView *view;
  BoardPhase       phase;
  GArray          *frame_ms;
  CrmBoard        *board;
  gint64           pipelines[2];
  guint            runs;
  guint            step;
  gint64           started;
  gint64           started_cpu;
  GArray          *open_ms[2];
  GArray          *move_ui_ms;
  GArray          *move_frame_ms;
  GArray          *move_saved_ms;
  gint64           moving;       /* the deal being moved, 0 between moves */
  gulong           loaded_handler;
  gulong           changed_handler;
  guint            quick;        /* quick round trips to the worker in a row */
} BoardBench;

static void board_bench_next (BoardBench *bench);

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
append_json_array (GString    *out,
                   const char *name,
                   GArray     *values)
{
  g_string_append_printf (out, "\"%s\": [", name);
  for (guint i = 0; i < values->len; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                              g_ascii_dtostr (buf, sizeof buf, g_array_index (values, double, i)));
    }
  g_string_append (out, "]");
}

static void
board_bench_finish (BoardBench *bench)
{
  g_autoptr(GString) out = g_string_new ("board-done {");
  guint deals = 0;

  for (guint i = 0; i < g_list_model_get_n_items (crm_board_get_columns (bench->board)); i++)
    {
      g_autoptr(CrmBoardColumn) column = g_list_model_get_item (crm_board_get_columns (bench->board), i);

      if (crm_board_column_get_kind (column) == CRM_STAGE_KIND_OPEN)
        deals += crm_board_column_get_count (column);
    }
  append_json_array (out, "full_ms", bench->open_ms[0]);
  g_string_append (out, ", ");
  append_json_array (out, "empty_ms", bench->open_ms[1]);
  g_string_append (out, ", ");
  append_json_array (out, "move_ui_ms", bench->move_ui_ms);
  g_string_append (out, ", ");
  append_json_array (out, "move_with_frame_ms", bench->move_frame_ms);
  g_string_append (out, ", ");
  append_json_array (out, "frame_ms", bench->frame_ms);
  g_string_append (out, ", ");
  append_json_array (out, "move_saved_ms", bench->move_saved_ms);
  g_string_append_printf (out, ", \"deals\": %u}", deals);
  g_print ("%s\n", out->str);
  fflush (stdout);

  g_clear_signal_handler (&bench->loaded_handler, bench->board);
  g_clear_signal_handler (&bench->changed_handler, crm_board_get_store (bench->board));
  quit_application (bench->window);
  for (guint i = 0; i < 2; i++)
    g_array_unref (bench->open_ms[i]);
  g_array_unref (bench->move_ui_ms);
  g_array_unref (bench->move_frame_ms);
  g_array_unref (bench->frame_ms);
  g_array_unref (bench->move_saved_ms);
  g_object_unref (bench->board);
  g_object_unref (bench->view);
  g_object_unref (bench->window);
  g_free (bench);
}

static void
on_board_painted_cb (GdkFrameClock *frame_clock,
                     BoardBench    *bench)
{
  gint64 now = g_get_monotonic_time ();
  double cpu = (thread_cpu_usec () - bench->started_cpu) / 1000.0;
  double ms = (now - bench->started) / 1000.0;

  g_signal_handlers_disconnect_by_func (frame_clock, on_board_painted_cb, bench);

  switch (bench->phase)
    {
    case BOARD_OPEN:
      g_array_append_val (bench->open_ms[bench->step % 2], ms);
      break;
    case BOARD_FRAMES:
      g_array_append_val (bench->frame_ms, cpu);
      break;
    case BOARD_MOVES:
      g_array_append_val (bench->move_frame_ms, cpu);
      bench->moving = 0;
      break;
    default:
      break;
    }
  bench->step++;
  /* The next step from an idle: the frame is over. Moves come at a
   * person's pace, each toast gone before the next move. */
  if (bench->phase == BOARD_MOVES)
    g_timeout_add_once (MOVE_PAUSE_MS, (GSourceOnceFunc) board_bench_next, bench);
  else
    g_idle_add_once ((GSourceOnceFunc) board_bench_next, bench);
}

static void
wait_for_paint (BoardBench *bench)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->view));

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_board_painted_cb), bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->view));
}

static void
on_board_loaded_cb (CrmBoard   *board,
                    BoardBench *bench)
{
  if (bench->phase == BOARD_OPEN && bench->started != 0)
    wait_for_paint (bench);
  else if (bench->phase == BOARD_SWITCH)
    {
      /* Shown: the repaints and the moves start. */
      bench->phase = BOARD_FRAMES;
      g_idle_add_once ((GSourceOnceFunc) board_bench_next, bench);
    }
}

static void
on_board_deal_changed_cb (CrmStore   *store,
                          const char *table,
                          GArray     *ids,
                          BoardBench *bench)
{
  if (bench->moving == 0 || ids == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == bench->moving)
      {
        double ui = (thread_cpu_usec () - bench->started_cpu) / 1000.0;
        double saved = (g_get_monotonic_time () - bench->started) / 1000.0;

        g_array_append_val (bench->move_ui_ms, ui);
        g_array_append_val (bench->move_saved_ms, saved);
        wait_for_paint (bench);
        return;
      }
}

static void
board_bench_next (BoardBench *bench)
{
  if (bench->phase == BOARD_OPEN && bench->step == bench->runs * 2)
    {
      /* The rest happens on the full board. */
      bench->phase = bench->runs > 0 ? BOARD_SWITCH : BOARD_DONE;
      bench->step = 0;
      if (bench->runs > 0)
        {
          bench->started = 0;
          crm_pipeline_view_set_pipeline (bench->view, bench->pipelines[0]);
          return;
        }
    }
  if (bench->phase == BOARD_FRAMES && bench->step == bench->runs * 2)
    {
      bench->phase = BOARD_MOVES;
      bench->step = 0;
    }
  if (bench->phase == BOARD_MOVES && bench->step == bench->runs * 2)
    bench->phase = BOARD_DONE;

  switch (bench->phase)
    {
    case BOARD_OPEN:
      bench->started = g_get_monotonic_time ();
      crm_pipeline_view_set_pipeline (bench->view, bench->pipelines[bench->step % 2]);
      return;

    case BOARD_FRAMES:
      /* A repaint of the same window with nothing changed. */
      bench->started = g_get_monotonic_time ();
      bench->started_cpu = thread_cpu_usec ();
      gtk_widget_queue_resize (GTK_WIDGET (bench->view));
      wait_for_paint (bench);
      return;

    case BOARD_MOVES:
      {
        guint from = bench->step % 2, to = 1 - from;
        g_autoptr(CrmBoardColumn) column = g_list_model_get_item (crm_board_get_columns (bench->board), from);
        g_autoptr(CrmBoardCard) card = column != NULL
                                       ? g_list_model_get_item (crm_board_column_get_cards (column), 0)
                                       : NULL;

        if (card != NULL)
          {
            bench->moving = crm_board_card_get_deal_id (card);
            bench->started = g_get_monotonic_time ();
            bench->started_cpu = thread_cpu_usec ();
            crm_pipeline_view_move_card (bench->view, card, to, 0);
            return;
          }
      }
      break;

    default:
      break;
    }

  board_bench_finish (bench);
}

static void wait_for_idle_worker (BoardBench *bench);

static void
on_board_flushed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BoardBench *bench = user_data;

  crm_store_flush_finish (CRM_STORE (object), result, NULL);
  /* Quick round trips a while apart: nothing else is queued any more. */
  bench->quick = g_get_monotonic_time () - bench->started < 5000 ? bench->quick + 1 : 0;
  if (bench->quick == 5)
    {
      bench->started = 0;
      g_idle_add_once ((GSourceOnceFunc) board_bench_next, bench);
    }
  else
    g_timeout_add_once (200, (GSourceOnceFunc) wait_for_idle_worker, bench);
}

/* The window's start-up reads (list counts, segment counts, search index)
 * share the store's worker: the measurements start once it is idle. */
static void
wait_for_idle_worker (BoardBench *bench)
{
  bench->started = g_get_monotonic_time ();
  crm_store_flush_async (crm_board_get_store (bench->board), NULL, on_board_flushed_cb, bench);
}

static void
on_board_first_load_cb (CrmBoard   *board,
                        BoardBench *bench)
{
  g_clear_signal_handler (&bench->loaded_handler, board);
  bench->loaded_handler = g_signal_connect (board, "loaded", G_CALLBACK (on_board_loaded_cb), bench);
  wait_for_idle_worker (bench);
}

static void
on_board_context_cb (CrmWindow  *window,
                     GParamSpec *pspec,
                     BoardBench *bench)
{
  CrmBoard *board;

  if (crm_window_get_context (window) == NULL || bench->board != NULL)
    return;
  _crm_window_show_view (window, "pipeline");
  board = crm_pipeline_view_get_board (bench->view);
  if (board == NULL)
    {
      g_printerr ("board: the pipeline view has no board\n");
      quit_application (window);
      return;
    }
  bench->board = g_object_ref (board);
  bench->loaded_handler = g_signal_connect (bench->board, "loaded", G_CALLBACK (on_board_first_load_cb), bench);
  bench->changed_handler = g_signal_connect (crm_board_get_store (bench->board), "changed::deal",
                                             G_CALLBACK (on_board_deal_changed_cb), bench);
}

static gboolean
install_board (CrmWindow *window)
{
  g_auto(GStrv) parts = g_strsplit (g_getenv ("RAPPORT_BENCH_BOARD") ?: "", ",", 3);
  BoardBench *bench;

  if (g_strv_length (parts) != 3)
    {
      g_warning ("RAPPORT_BENCH_BOARD must be FULL,EMPTY,RUNS");
      return FALSE;
    }
  bench = g_new0 (BoardBench, 1);
  bench->window = g_object_ref (window);
  bench->view = g_object_ref (CRM_PIPELINE_VIEW (crm_window_get_view (window, "pipeline")));
  bench->pipelines[0] = g_ascii_strtoll (parts[0], NULL, 10);
  bench->pipelines[1] = g_ascii_strtoll (parts[1], NULL, 10);
  bench->runs = (guint) g_ascii_strtoull (parts[2], NULL, 10);
  for (guint i = 0; i < 2; i++)
    bench->open_ms[i] = g_array_new (FALSE, FALSE, sizeof (double));
  bench->move_ui_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->move_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->move_saved_ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* The view makes its board when the window has a database. */
  g_signal_connect (window, "notify::context", G_CALLBACK (on_board_context_cb), bench);
  return TRUE;
}

gboolean
crm_bench_hooks_install (CrmWindow *window)
{
  const char *mode = g_getenv ("RAPPORT_BENCH");

  g_return_val_if_fail (CRM_IS_WINDOW (window), FALSE);

  if (mode == NULL || mode[0] == '\0')
    return FALSE;

  if (g_strcmp0 (mode, "first-frame") == 0)
    {
      g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
      return TRUE;
    }

  if (g_strcmp0 (mode, "browse") == 0 || g_strcmp0 (mode, "scroll") == 0)
    {
      install_browse (window, g_str_equal (mode, "scroll"));
      return TRUE;
    }

  if (g_strcmp0 (mode, "board") == 0)
    return install_board (window);

  g_warning ("Unknown RAPPORT_BENCH mode “%s”", mode);
  return FALSE;
}
