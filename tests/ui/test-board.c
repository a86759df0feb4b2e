/* test-board.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline board in a real window on the sample data: the columns are
 * the pipeline's stages with their counts and totals, a keyboard move (the
 * focused card's widget action) changes the deal's stage in the database and
 * the two columns, Ctrl+Z (win.undo) puts it back, and a move to a lost
 * stage needs a reason.
 */

#define G_LOG_DOMAIN "TestBoard"

#include "config.h"

#include "crm-ui-test-util.h"

#include "crm-board-column-view.h"
#include "crm-deal-close-dialog.h"
#include "crm-format.h"
#include "crm-pipeline-view.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *demo_path;

typedef struct
{
  CrmWindow       *window;
  CrmPipelineView *view;
  CrmBoard        *board;
  CrmStore        *store;
} Fixture;

static void
fixture_open (Fixture *f)
{
  CrmView *view;

  f->window = crm_ui_test_open_window (app, demo_path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "pipeline"));
  view = crm_window_get_view (f->window, "pipeline");
  g_assert_true (CRM_IS_PIPELINE_VIEW (view));
  crm_ui_test_wait_view_ready (view);
  g_assert_cmpstr (crm_view_get_state (view), ==, "list");

  f->view = CRM_PIPELINE_VIEW (view);
  f->board = crm_pipeline_view_get_board (f->view);
  f->store = crm_context_get_store (crm_window_get_context (f->window));
  g_assert_nonnull (f->board);
}

static CrmBoardColumn *
column_at (Fixture *f,
           guint    index)
{
  g_autoptr(CrmBoardColumn) column = g_list_model_get_item (crm_board_get_columns (f->board), index);

  return column;   /* the model keeps it */
}

static CrmBoardColumnView *
column_view_at (Fixture *f,
                guint    index)
{
  GtkWidget *widget = crm_pipeline_view_get_column_widget (f->view, index);

  g_assert_true (CRM_IS_BOARD_COLUMN_VIEW (widget));
  return CRM_BOARD_COLUMN_VIEW (widget);
}

/* An open column with cards followed by another open column. */
static guint
find_open_pair (Fixture *f)
{
  guint n = g_list_model_get_n_items (crm_board_get_columns (f->board));

  for (guint i = 0; i + 1 < n; i++)
    if (crm_board_column_get_kind (column_at (f, i)) == CRM_STAGE_KIND_OPEN &&
        crm_board_column_get_kind (column_at (f, i + 1)) == CRM_STAGE_KIND_OPEN &&
        crm_board_column_get_count (column_at (f, i)) > 0)
      return i;

  g_assert_not_reached ();
}

static guint
find_kind (Fixture      *f,
           CrmStageKind  kind)
{
  guint n = g_list_model_get_n_items (crm_board_get_columns (f->board));

  for (guint i = 0; i < n; i++)
    if (crm_board_column_get_kind (column_at (f, i)) == kind)
      return i;

  g_assert_not_reached ();
}

static gint64
column_total (CrmBoardColumn *column)
{
  g_autoptr(GArray) totals = crm_board_column_dup_totals (column);
  gint64 sum = 0;

  for (guint i = 0; i < totals->len; i++)
    sum += g_array_index (totals, CrmDealTotal, i).total;
  return sum;
}

typedef struct
{
  CrmBoardColumnView *column;
  guint               position;
} CardWait;

static gboolean
card_made (gpointer data)
{
  CardWait *wait = data;
  CrmBoardCardWidget *card = crm_board_column_view_get_card_widget (wait->column, wait->position);

  return card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card));
}

static CrmBoardCardWidget *
card_widget (CrmBoardColumnView *column,
             guint               position)
{
  CardWait wait = { column, position };

  crm_ui_test_wait (card_made, &wait);
  return crm_board_column_view_get_card_widget (column, position);
}

typedef struct
{
  CrmStore   *store;
  gint64      deal_id;
  gint64      stage_id;
} StageWait;

static gboolean
deal_in_stage (gpointer data)
{
  StageWait *wait = data;

  return crm_test_query_int (wait->store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                             wait->deal_id) == wait->stage_id;
}

static void
wait_stage (Fixture *f,
            gint64   deal_id,
            gint64   stage_id)
{
  StageWait wait = { f->store, deal_id, stage_id };

  crm_ui_test_wait (deal_in_stage, &wait);
}

typedef struct
{
  CrmBoard *board;
  gint64    deal_id;
  guint     column;
} CardPlace;

static gboolean
card_in_column (gpointer data)
{
  CardPlace *place = data;
  guint column, index;

  return crm_board_find_card (place->board, place->deal_id, &column, &index) &&
         column == place->column;
}

static gboolean
undo_enabled (gpointer data)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (data), "undo");

  return undo != NULL && g_action_get_enabled (undo);
}

static void
test_sample_board (void)
{
  Fixture f = { 0 };
  g_autofree char *names = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n_columns, with_cards = 0;

  fixture_open (&f);

  /* One column per stage of the shown pipeline, in order. */
  names = crm_test_query (f.store, "SELECT name FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT
                          " AND deleted = 0 ORDER BY position",
                          crm_board_get_pipeline_id (f.board));
  n_columns = g_list_model_get_n_items (crm_board_get_columns (f.board));
  g_assert_cmpuint (n_columns, >, 2);
  for (guint i = 0; i < n_columns; i++)
    {
      CrmBoardColumn *column = column_at (&f, i);
      CrmBoardColumnView *column_view = column_view_at (&f, i);
      GListModel *cards = crm_board_column_get_cards (column);
      g_autofree char *count = crm_format_count (crm_board_column_get_count (column));
      gint64 sum = 0;

      g_string_append_printf (shown, "%s\n", crm_board_column_get_name (column));
      g_assert_cmpstr (crm_board_column_view_get_count_text (column_view), ==, count);
      g_assert_cmpuint (g_list_model_get_n_items (cards), ==, crm_board_column_get_count (column));

      /* The header's total is the sum of its cards' amounts. */
      for (guint j = 0; j < g_list_model_get_n_items (cards); j++)
        {
          g_autoptr(CrmBoardCard) card = g_list_model_get_item (cards, j);

          sum += crm_board_card_get_amount (card);
        }
      g_assert_cmpint (column_total (column), ==, sum);
      if (sum > 0)
        {
          g_autoptr(CrmBoardCard) card = g_list_model_get_item (cards, 0);
          g_autofree char *money = crm_format_money (sum, crm_board_card_get_currency (card));

          g_assert_cmpstr (crm_board_column_view_get_total_text (column_view), ==, money);
          with_cards++;
        }
    }
  g_assert_cmpstr (shown->str, ==, names);
  g_assert_cmpuint (with_cards, >, 0);

  crm_ui_test_close_window (f.window);
}

static void
test_keyboard_move_and_undo (void)
{
  Fixture f = { 0 };
  CrmBoardColumn *from, *to;
  CrmBoardCardWidget *widget;
  g_autoptr(CrmBoardCard) card = NULL;
  guint column, n_from, n_to;
  gint64 total_from, total_to, amount, deal_id;
  guint found_column, found_index;
  g_autofree char *expected = NULL;

  fixture_open (&f);
  column = find_open_pair (&f);
  from = column_at (&f, column);
  to = column_at (&f, column + 1);
  n_from = crm_board_column_get_count (from);
  n_to = crm_board_column_get_count (to);
  total_from = column_total (from);
  total_to = column_total (to);

  widget = card_widget (column_view_at (&f, column), 0);
  card = g_object_ref (crm_board_card_widget_get_card (widget));
  deal_id = crm_board_card_get_deal_id (card);
  amount = crm_board_card_get_amount (card);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (widget)));

  /* Alt+Right's action: to the next stage, at once on the board. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), "card.move-right", NULL));
  g_assert_cmpuint (crm_board_column_get_count (from), ==, n_from - 1);
  g_assert_cmpuint (crm_board_column_get_count (to), ==, n_to + 1);
  g_assert_cmpint (column_total (from), ==, total_from - amount);
  g_assert_cmpint (column_total (to), ==, total_to + amount);
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, column + 1);

  /* ... and saved. */
  wait_stage (&f, deal_id, crm_board_column_get_stage_id (to));
  expected = crm_format_count (n_to + 1);
  g_assert_cmpstr (crm_board_column_view_get_count_text (column_view_at (&f, column + 1)), ==, expected);

  /* Ctrl+Z puts it back, once the saved move is on the window's stack. */
  crm_ui_test_wait (undo_enabled, f.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  wait_stage (&f, deal_id, crm_board_column_get_stage_id (from));
  crm_ui_test_wait (card_in_column, &(CardPlace) { f.board, deal_id, column });
  g_assert_cmpuint (crm_board_column_get_count (from), ==, n_from);
  g_assert_cmpuint (crm_board_column_get_count (to), ==, n_to);
  g_assert_cmpint (column_total (from), ==, total_from);
  g_assert_cmpint (column_total (to), ==, total_to);
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, column);

  crm_ui_test_close_window (f.window);
}

/* Alt+Left is also the window's Back: on a focused card it moves the card. */
static void
test_alt_left (void)
{
  Fixture f = { 0 };
  CrmBoardCardWidget *widget;
  guint n = 0, column = 0, found_column, found_index;
  gint64 deal_id;

  fixture_open (&f);
  n = g_list_model_get_n_items (crm_board_get_columns (f.board));
  for (guint i = 1; i < n && column == 0; i++)
    if (crm_board_column_get_kind (column_at (&f, i)) == CRM_STAGE_KIND_OPEN &&
        crm_board_column_get_kind (column_at (&f, i - 1)) == CRM_STAGE_KIND_OPEN &&
        crm_board_column_get_count (column_at (&f, i)) > 0)
      column = i;
  g_assert_cmpuint (column, >, 0);

  widget = card_widget (column_view_at (&f, column), 0);
  deal_id = crm_board_card_get_deal_id (crm_board_card_widget_get_card (widget));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (widget)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.go-back", NULL));
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, column - 1);
  wait_stage (&f, deal_id, crm_board_column_get_stage_id (column_at (&f, column - 1)));

  crm_ui_test_wait (undo_enabled, f.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  wait_stage (&f, deal_id, crm_board_column_get_stage_id (column_at (&f, column)));

  crm_ui_test_close_window (f.window);
}

static gboolean
reasons_loaded (gpointer data)
{
  return g_list_model_get_n_items (crm_deal_close_dialog_get_reasons (data)) > 0;
}

static CrmDealCloseDialog *
open_lost_dialog (Fixture            *f,
                  CrmBoardCardWidget *widget,
                  guint               lost)
{
  CrmDealCloseDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), "card.move-to-stage", "u", lost));
  dialog = CRM_DEAL_CLOSE_DIALOG (crm_pipeline_view_get_close_dialog (f->view));
  g_assert_nonnull (dialog);
  g_assert_cmpint (crm_deal_close_dialog_get_kind (dialog), ==, CRM_STAGE_KIND_LOST);
  crm_ui_test_wait (reasons_loaded, dialog);
  return dialog;
}

static void
close_dialog (CrmDealCloseDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  crm_ui_test_spin (50);
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &weak);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
test_lost_needs_reason (void)
{
  Fixture f = { 0 };
  CrmBoardCardWidget *widget;
  CrmDealCloseDialog *dialog;
  g_autoptr(CrmBoardCard) card = NULL;
  g_autoptr(CrmRecord) reason = NULL;
  guint column, lost, found_column, found_index;
  gint64 deal_id, stage_id;

  fixture_open (&f);
  column = find_open_pair (&f);
  lost = find_kind (&f, CRM_STAGE_KIND_LOST);
  widget = card_widget (column_view_at (&f, column), 0);
  card = g_object_ref (crm_board_card_widget_get_card (widget));
  deal_id = crm_board_card_get_deal_id (card);
  stage_id = crm_board_column_get_stage_id (column_at (&f, column));

  /* Without a reason the dialog refuses: the move response is off, and
   * answering it anyway moves nothing. */
  dialog = open_lost_dialog (&f, widget, lost);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  close_dialog (dialog);
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, column);
  g_assert_cmpint (crm_test_query_int (f.store, "SELECT stage_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                                       deal_id), ==, stage_id);

  /* Cancel leaves the card where it was too. */
  widget = card_widget (column_view_at (&f, column), found_index);
  dialog = open_lost_dialog (&f, widget, lost);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  close_dialog (dialog);
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, column);

  /* With a reason it moves, and the reason is saved. */
  widget = card_widget (column_view_at (&f, column), found_index);
  dialog = open_lost_dialog (&f, widget, lost);
  reason = g_list_model_get_item (crm_deal_close_dialog_get_reasons (dialog), 0);
  crm_deal_close_dialog_set_lost_reason_id (dialog, crm_record_get_id (reason));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  close_dialog (dialog);
  g_assert_true (crm_board_find_card (f.board, deal_id, &found_column, &found_index));
  g_assert_cmpuint (found_column, ==, lost);
  wait_stage (&f, deal_id, crm_board_column_get_stage_id (column_at (&f, lost)));
  g_assert_cmpint (crm_test_query_int (f.store, "SELECT lost_reason_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                                       deal_id), ==, crm_record_get_id (reason));

  crm_ui_test_close_window (f.window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/board/sample", test_sample_board);
  g_test_add_func ("/ui/board/keyboard-move-undo", test_keyboard_move_and_undo);
  g_test_add_func ("/ui/board/alt-left", test_alt_left);
  g_test_add_func ("/ui/board/lost-needs-reason", test_lost_needs_reason);

  ret = g_test_run ();
  g_clear_object (&app);
  g_free (demo_path);

  return ret;
}
