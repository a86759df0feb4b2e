/* crm-pipeline-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPipelineView"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-pipeline-view.h"
#include "crm-board-column-view.h"
#include "crm-cycle-view.h"
#include "crm-deal-close-dialog.h"
#include "crm-forecast-view.h"
#include "crm-format.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-segment-list.h"
#include "crm-staff-user.h"
#include "crm-store.h"
#include "crm-view-private.h"
#include "crm-window-private.h"

/* Autoscroll during a drag: within EDGE pixels of a side, up to SPEED
 * pixels a frame. */
#define EDGE  56.0
#define SPEED 24.0
#define FOCUS_TRIES 40

typedef enum
{
  PERIOD_ANY,
  PERIOD_THIS_MONTH,
  PERIOD_THIS_QUARTER,
  PERIOD_NEXT_QUARTER,
  PERIOD_THIS_YEAR,
} Period;

struct _CrmPipelineView
{
  CrmView             parent_instance;

  CrmBoard           *board;
  GCancellable       *cancellable;
  gint64              pipeline_id;     /* chosen; 0: the first */
  gboolean            loaded;          /* the board answered once */
  gboolean            syncing;         /* setting widgets from the board */
  GArray             *owner_ids;       /* gint64, after "Any Owner" */
  GArray             *segment_ids;     /* gint64, after "Any Segment" */
  guint               n_filters;

  /* a move waiting for the close dialog */
  CrmDealCloseDialog *dialog;
  CrmBoardCard       *pending_card;
  guint               pending_column;
  guint               pending_index;

  /* focus to give once the list has made the card's widget */
  gint64              focus_deal_id;   /* 0: focus_column/focus_index */
  guint               focus_column;
  guint               focus_index;
  guint               focus_source;
  guint               focus_tries;

  /* relative times on the cards ("in 2 hours") */
  guint               clock_source;

  /* automatic scrolling during a drag */
  guint               scroll_tick;
  double              drag_x;
  double              drag_y;
  gboolean            drag_inside;

  /* template widgets */
  GtkDropDown        *pipeline_drop_down;
  GtkMenuButton      *filter_button;
  GtkButton          *edit_stages_button;
  AdwViewStack       *pages;
  AdwSqueezer        *switcher_squeezer;
  GtkWidget          *switcher_placeholder;
  AdwViewSwitcherBar *switcher_bar;
  GtkStack           *stack;
  GtkScrolledWindow  *board_scroller;
  GtkBox             *columns_box;
  AdwBin             *forecast_page;
  AdwBin             *cycle_page;
  CrmForecastView    *forecast_view;   /* made when its page is first shown */
  CrmCycleView       *cycle_view;
  GtkDropDown        *owner_drop_down;
  GtkDropDown        *customer_drop_down;
  GtkDropDown        *period_drop_down;
  GtkDropDown        *segment_drop_down;
};

G_DEFINE_FINAL_TYPE (CrmPipelineView, crm_pipeline_view, CRM_TYPE_VIEW)

/* --- state --- */

/* The base keeps the state of its paged lists; the board sets its own
 * (after the base's own updates, which know no board). */
static void
set_state (CrmPipelineView *self,
           const char      *state)
{
  CrmViewPrivate *priv = _crm_view_get_private (CRM_VIEW (self));

  if (g_strcmp0 (priv->state, state) == 0)
    return;
  priv->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

static guint
count_cards (CrmPipelineView *self)
{
  GListModel *columns = crm_board_get_columns (self->board);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CrmBoardColumn) column = g_list_model_get_item (columns, i);

      n += crm_board_column_get_count (column);
    }

  return n;
}

static gboolean
has_filter (CrmPipelineView *self)
{
  const char *text = crm_view_get_search_text (CRM_VIEW (self));

  return self->n_filters > 0 || (text != NULL && text[0] != '\0');
}

static void
update_state (CrmPipelineView *self)
{
  guint n_cards;

  if (self->board == NULL || !self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      set_state (self, "loading");
      return;
    }

  if (g_list_model_get_n_items (crm_board_get_pipelines (self->board)) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-pipelines");
      set_state (self, "empty");
      return;
    }

  n_cards = count_cards (self);
  if (n_cards == 0 && has_filter (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "no-results");
      set_state (self, "no-results");
      return;
    }

  /* An empty pipeline still shows its stages, each saying it has no deals. */
  gtk_stack_set_visible_child_name (self->stack, "board");
  set_state (self, n_cards > 0 ? "list" : "empty");
}

/* --- filters --- */

static gint64
get_now (CrmPipelineView *self)
{
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));

  return context != NULL ? crm_context_get_now (context) : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
iso_date (int year,
          int month,
          int day)
{
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static void
period_range (CrmPipelineView *self,
              Period           period,
              char           **from,
              char           **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (get_now (self));
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int first = month, last = month;

  switch (period)
    {
    case PERIOD_ANY:
      return;
    case PERIOD_THIS_MONTH:
      break;
    case PERIOD_THIS_QUARTER:
      first = (month - 1) / 3 * 3 + 1;
      last = first + 2;
      break;
    case PERIOD_NEXT_QUARTER:
      first = (month - 1) / 3 * 3 + 4;
      if (first > 12)
        {
          first = 1;
          year++;
        }
      last = first + 2;
      break;
    case PERIOD_THIS_YEAR:
      first = 1;
      last = 12;
      break;
    default:
      g_assert_not_reached ();
    }

  *from = iso_date (year, first, 1);
  *to = iso_date (year, last, g_date_get_days_in_month (last, year));
}

static void
build_filter (CrmPipelineView *self,
              CrmBoardFilter  *filter)
{
  guint owner = gtk_drop_down_get_selected (self->owner_drop_down);
  guint segment = gtk_drop_down_get_selected (self->segment_drop_down);
  guint customer = gtk_drop_down_get_selected (self->customer_drop_down);
  guint period = gtk_drop_down_get_selected (self->period_drop_down);
  const char *text = crm_view_get_search_text (CRM_VIEW (self));

  memset (filter, 0, sizeof *filter);
  self->n_filters = 0;

  if (owner != GTK_INVALID_LIST_POSITION && owner > 0 && owner - 1 < self->owner_ids->len)
    {
      filter->owner_id = g_array_index (self->owner_ids, gint64, owner - 1);
      self->n_filters++;
    }
  if (customer == 1 || customer == 2)
    {
      filter->customer = customer == 1 ? CRM_BOARD_CUSTOMER_B2B : CRM_BOARD_CUSTOMER_B2C;
      self->n_filters++;
    }
  if (period != GTK_INVALID_LIST_POSITION && period > PERIOD_ANY && period <= PERIOD_THIS_YEAR)
    {
      period_range (self, period, &filter->close_from, &filter->close_to);
      self->n_filters++;
    }
  if (segment != GTK_INVALID_LIST_POSITION && segment > 0 && segment - 1 < self->segment_ids->len)
    {
      filter->segment_id = g_array_index (self->segment_ids, gint64, segment - 1);
      self->n_filters++;
    }
  if (text != NULL && text[0] != '\0')
    filter->text = g_strdup (text);
}

/* GTK 4.8 gives the button inside a drop-down or a menu button no name of
 * its own: screen readers would read "GtkToggleButton". */
static void
name_inner_button (GtkWidget  *widget,
                   const char *name)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && GTK_IS_BUTTON (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_filter_button (CrmPipelineView *self)
{
  g_autofree char *label = NULL;

  if (self->n_filters == 0)
    {
      gtk_menu_button_set_label (self->filter_button, _("Filters"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
      name_inner_button (GTK_WIDGET (self->filter_button), _("Filters"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters"), -1);
      return;
    }

  label = g_strdup_printf (ngettext ("%u Filter", "%u Filters", self->n_filters), self->n_filters);
  gtk_menu_button_set_label (self->filter_button, label);
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  name_inner_button (GTK_WIDGET (self->filter_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
reload (CrmPipelineView *self)
{
  CrmBoardFilter filter;

  if (self->board == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  build_filter (self, &filter);
  update_filter_button (self);
  crm_board_load (self->board, self->pipeline_id, &filter);
  crm_board_filter_clear (&filter);
}

static void
on_filter_selected_cb (CrmPipelineView *self)
{
  if (!self->syncing)
    reload (self);
}

static void
on_search_text_cb (CrmPipelineView *self)
{
  reload (self);
  update_state (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->owner_drop_down, 0);
  gtk_drop_down_set_selected (self->customer_drop_down, 0);
  gtk_drop_down_set_selected (self->period_drop_down, 0);
  gtk_drop_down_set_selected (self->segment_drop_down, 0);
  self->syncing = FALSE;

  /* The header's search narrows the board too. */
  if (CRM_IS_WINDOW (root))
    gtk_editable_set_text (crm_window_get_search_entry (CRM_WINDOW (root)), "");
  else
    crm_view_set_search_text (CRM_VIEW (self), "");
  reload (self);
}

/* Fills a filter's drop-down with "Any …" and @names, keeping the chosen id. */
static void
fill_choices (CrmPipelineView *self,
              GtkDropDown     *drop_down,
              GArray          *ids,
              const char      *any,
              GListModel      *records)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (drop_down);
  gint64 chosen = selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected - 1 < ids->len
                  ? g_array_index (ids, gint64, selected - 1) : 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, any);
  selected = 0;
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CrmRecord) record = g_list_model_get_item (records, i);
      gint64 id = crm_record_get_id (record);

      g_array_append_val (ids, id);
      gtk_string_list_append (names, crm_record_get_text (record, "name"));
      if (id == chosen)
        selected = i + 1;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (drop_down, selected);
  self->syncing = FALSE;
  if (chosen != 0 && selected == 0)
    reload (self);
}

static void
on_staff_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmPipelineView) self = user_data;
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(GError) error = NULL;

  if ((staff = crm_store_query_finish (CRM_STORE (object), result, &error)) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the staff: %s", error->message);
      return;
    }

  fill_choices (self, self->owner_drop_down, self->owner_ids, _("Any Owner"), staff);
}

static void
on_segments_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrmPipelineView) self = user_data;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GError) error = NULL;

  if ((segments = crm_segments_list_finish (CRM_STORE (object), result, &error)) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the segments: %s", error->message);
      return;
    }

  fill_choices (self, self->segment_drop_down, self->segment_ids, _("Any Segment"), segments);
}

static void
load_choices (CrmPipelineView *self)
{
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));
  g_autoptr(CrmQuery) staff = NULL;

  if (context == NULL)
    return;

  staff = crm_query_new (CRM_TYPE_STAFF_USER);
  crm_query_set_order (staff, "name", FALSE);
  crm_store_query_async (crm_context_get_store (context), staff, self->cancellable,
                         on_staff_loaded_cb, g_object_ref (self));
  crm_segments_list_async (crm_context_get_store (context), self->cancellable,
                           on_segments_loaded_cb, g_object_ref (self));
}

/* --- pipelines and columns --- */

static CrmBoardPipeline *
find_pipeline (CrmPipelineView *self,
               gint64           id,
               guint           *position)
{
  GListModel *pipelines = crm_board_get_pipelines (self->board);

  for (guint i = 0; i < g_list_model_get_n_items (pipelines); i++)
    {
      g_autoptr(CrmBoardPipeline) pipeline = g_list_model_get_item (pipelines, i);

      if (crm_board_pipeline_get_id (pipeline) == id)
        {
          if (position != NULL)
            *position = i;
          return pipeline;   /* the model holds it */
        }
    }

  return NULL;
}

static void
sync_pipeline (CrmPipelineView *self)
{
  gint64 id = crm_board_get_pipeline_id (self->board);
  guint position = GTK_INVALID_LIST_POSITION;

  find_pipeline (self, id, &position);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->pipeline_drop_down, position);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pipeline_drop_down),
                            g_list_model_get_n_items (crm_board_get_pipelines (self->board)) > 1);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_stages_button),
                                          g_variant_new_int64 (id));
  gtk_widget_set_visible (GTK_WIDGET (self->edit_stages_button), id > 0);
  if (self->forecast_view != NULL)
    crm_forecast_view_set_pipeline_id (self->forecast_view, id);
  if (self->cycle_view != NULL)
    crm_cycle_view_set_pipeline_id (self->cycle_view, id);
}

static void
rebuild_columns (CrmPipelineView *self)
{
  GListModel *columns = crm_board_get_columns (self->board);
  CrmBoardPipeline *pipeline = find_pipeline (self, crm_board_get_pipeline_id (self->board), NULL);
  const char *currency = pipeline != NULL ? crm_board_pipeline_get_currency (pipeline) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CrmBoardColumn) column = g_list_model_get_item (columns, i);

      gtk_box_append (self->columns_box, crm_board_column_view_new (column, i, currency));
    }
}

static void
on_columns_changed_cb (CrmPipelineView *self)
{
  rebuild_columns (self);
  update_state (self);
}

static void
on_column_count_cb (CrmPipelineView *self)
{
  if (self->loaded)
    update_state (self);
}

static void
on_pipelines_changed_cb (CrmPipelineView *self)
{
  if (self->loaded)
    {
      sync_pipeline (self);
      update_state (self);
    }
}

static void
on_pipeline_selected_cb (CrmPipelineView *self,
                         GParamSpec      *pspec,
                         GtkDropDown     *drop_down)
{
  CrmBoardPipeline *pipeline = gtk_drop_down_get_selected_item (drop_down);

  /* The drop-down picks the first pipeline by itself as the list fills:
   * only a choice made once the board shows one is the user's. */
  if (self->syncing || pipeline == NULL || !self->loaded ||
      crm_board_pipeline_get_id (pipeline) == crm_board_get_pipeline_id (self->board))
    return;

  crm_pipeline_view_set_pipeline (self, crm_board_pipeline_get_id (pipeline));
}

/* A narrow view has no room for the switcher in its bar: the bar at the
 * bottom shows the pages instead. */
static void
on_switcher_squeezed_cb (CrmPipelineView *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_squeezer_get_visible_child (self->switcher_squeezer) ==
                                    self->switcher_placeholder);
}

/* The filters narrow the board only: the reports have their own choices. */
static void
on_page_changed_cb (CrmPipelineView *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->pages);
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));
  gint64 id = self->board != NULL ? crm_board_get_pipeline_id (self->board) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->filter_button), g_strcmp0 (page, "board") == 0);

  /* The reports are made when first shown. */
  if (g_strcmp0 (page, "forecast") == 0 && self->forecast_view == NULL)
    {
      self->forecast_view = CRM_FORECAST_VIEW (crm_forecast_view_new (context));
      crm_forecast_view_set_pipeline_id (self->forecast_view, id);
      adw_bin_set_child (self->forecast_page, GTK_WIDGET (self->forecast_view));
    }
  else if (g_strcmp0 (page, "cycle") == 0 && self->cycle_view == NULL)
    {
      self->cycle_view = CRM_CYCLE_VIEW (crm_cycle_view_new (context));
      crm_cycle_view_set_pipeline_id (self->cycle_view, id);
      adw_bin_set_child (self->cycle_page, GTK_WIDGET (self->cycle_view));
    }
}

static void
on_board_loaded_cb (CrmPipelineView *self)
{
  GListModel *columns = crm_board_get_columns (self->board);

  self->loaded = TRUE;
  sync_pipeline (self);
  /* Columns that stayed keep their widgets; their counts follow. */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CrmBoardColumn) column = g_list_model_get_item (columns, i);

      g_signal_handlers_disconnect_by_func (column, on_column_count_cb, self);
      g_signal_connect_object (column, "notify::count", G_CALLBACK (on_column_count_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_state (self);
}

static void
on_board_load_failed_cb (CrmPipelineView *self,
                         GError          *error)
{
  g_autofree char *text = g_strdup_printf (_("The board could not be read: %s"), error->message);

  self->loaded = TRUE;
  crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (text));
  update_state (self);
}

/* --- focus --- */

static CrmBoardColumnView *
column_widget (CrmPipelineView *self,
               guint            index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box));

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return child != NULL ? CRM_BOARD_COLUMN_VIEW (child) : NULL;
}

static gboolean
try_focus (CrmPipelineView *self)
{
  CrmBoardColumnView *column;
  guint col = self->focus_column, index = self->focus_index;

  if (self->focus_deal_id > 0 &&
      !crm_board_find_card (self->board, self->focus_deal_id, &col, &index))
    return TRUE;   /* gone: nothing to focus */

  column = column_widget (self, col);
  if (column == NULL)
    return TRUE;

  return crm_board_column_view_focus_card (column, index);
}

static gboolean
on_focus_timeout_cb (gpointer data)
{
  CrmPipelineView *self = data;

  if (try_focus (self) || ++self->focus_tries >= FOCUS_TRIES)
    {
      self->focus_source = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The list makes a card's widget at its next layout: try until it is there. */
static void
request_focus (CrmPipelineView *self,
               gint64           deal_id,
               guint            column,
               guint            index)
{
  self->focus_deal_id = deal_id;
  self->focus_column = column;
  self->focus_index = index;
  self->focus_tries = 0;
  if (try_focus (self))
    {
      g_clear_handle_id (&self->focus_source, g_source_remove);
      return;
    }
  if (self->focus_source == 0)
    self->focus_source = g_timeout_add (25, on_focus_timeout_cb, self);
}

static gboolean
board_has_focus (CrmPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns_box));
}

/* --- undo --- */

/* One move, undone from its toast or from the window's stack (Ctrl+Z),
 * whichever comes first: only once. */
typedef struct
{
  gatomicrefcount  ref_count;
  CrmBoard        *board;
  CrmDealMove     *move;
  GWeakRef         view;
  gboolean         undone;
} BoardUndo;

static BoardUndo *
board_undo_ref (BoardUndo *undo)
{
  g_atomic_ref_count_inc (&undo->ref_count);
  return undo;
}

static void
board_undo_unref (BoardUndo *undo)
{
  if (!g_atomic_ref_count_dec (&undo->ref_count))
    return;

  g_object_unref (undo->board);
  crm_deal_move_unref (undo->move);
  g_weak_ref_clear (&undo->view);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BoardUndo *undo = user_data;
  g_autoptr(GtkWidget) view = g_weak_ref_get (&undo->view);
  g_autoptr(GError) error = NULL;

  if (!crm_board_undo_finish (CRM_BOARD (object), result, &error) && view != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The move could not be undone: %s"), error->message);

      crm_window_toast_for (view, adw_toast_new (text));
    }
  board_undo_unref (undo);
}

static void
run_undo (BoardUndo *undo)
{
  if (undo->undone)
    return;

  undo->undone = TRUE;
  crm_board_undo_async (undo->board, undo->move, NULL, on_undone_cb, board_undo_ref (undo));
}

static void
window_undo_cb (CrmWindow *window,
                gpointer   data)
{
  run_undo (data);
}

static void
on_toast_undo_cb (AdwToast  *toast,
                  BoardUndo *undo)
{
  run_undo (undo);
}

static void
toast_undo_free (gpointer  data,
                 GClosure *closure)
{
  board_undo_unref (data);
}

/* --- moves --- */

typedef struct
{
  CrmPipelineView *self;
  char            *deal;
  char            *stage;
} MoveData;

static void
move_data_free (MoveData *data)
{
  g_object_unref (data->self);
  g_free (data->deal);
  g_free (data->stage);
  g_free (data);
}

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MoveData *data = user_data;
  CrmPipelineView *self = data->self;
  g_autoptr(CrmDealMove) move = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;
  BoardUndo *undo;

  move = crm_board_move_finish (CRM_BOARD (object), result, &error);
  if (move == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %1$s is a deal, %2$s the reason the move failed */
          text = g_strdup_printf (_("“%1$s” could not be moved: %2$s"), data->deal, error->message);
          crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (text));
        }
      move_data_free (data);
      return;
    }

  undo = g_new0 (BoardUndo, 1);
  g_atomic_ref_count_init (&undo->ref_count);
  undo->board = g_object_ref (CRM_BOARD (object));
  undo->move = crm_deal_move_ref (move);
  g_weak_ref_init (&undo->view, self);
  if (CRM_IS_WINDOW (root))
    _crm_window_push_undo (CRM_WINDOW (root), window_undo_cb, board_undo_ref (undo),
                           (GDestroyNotify) board_undo_unref);

  /* Translators: %1$s is a deal, %2$s the stage it moved to */
  text = g_strdup_printf (_("Moved “%1$s” to %2$s"), data->deal, data->stage);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), undo,
                         toast_undo_free, 0);
  crm_window_toast_for (GTK_WIDGET (self), toast);
  move_data_free (data);
}

static void
do_move (CrmPipelineView *self,
         CrmBoardCard    *card,
         guint            column,
         guint            index,
         gint64           lost_reason_id,
         const char      *lost_note)
{
  g_autoptr(CrmBoardColumn) target = NULL;
  gboolean follow = board_has_focus (self);
  MoveData *data;

  target = g_list_model_get_item (crm_board_get_columns (self->board), column);
  if (target == NULL)
    return;

  data = g_new0 (MoveData, 1);
  data->self = g_object_ref (self);
  data->deal = g_strdup (crm_board_card_get_name (card));
  data->stage = g_strdup (crm_board_column_get_name (target));
  crm_board_move_async (self->board, card, column, index, lost_reason_id, lost_note,
                        self->cancellable, on_moved_cb, data);

  /* The keyboard follows the card to its new place. */
  if (follow)
    request_focus (self, crm_board_card_get_deal_id (card), 0, 0);
}

static void
on_dialog_response_cb (CrmPipelineView    *self,
                       const char         *response,
                       CrmDealCloseDialog *dialog)
{
  g_autoptr(CrmBoardCard) card = g_steal_pointer (&self->pending_card);
  gint64 reason = crm_deal_close_dialog_get_lost_reason_id (dialog);
  g_autofree char *note = crm_deal_close_dialog_dup_note (dialog);

  if (self->dialog == dialog)
    g_clear_weak_pointer (&self->dialog);

  if (card == NULL || g_strcmp0 (response, "move") != 0)
    return;
  /* A lost deal needs its reason: without one the card stays. */
  if (crm_deal_close_dialog_get_kind (dialog) == CRM_STAGE_KIND_LOST && reason <= 0)
    return;

  do_move (self, card, self->pending_column, self->pending_index, reason, note);
}

static void
ask_close (CrmPipelineView *self,
           CrmBoardCard    *card,
           CrmBoardColumn  *target,
           guint            column,
           guint            index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));
  g_autofree char *amount = crm_format_money (crm_board_card_get_amount (card),
                                              crm_board_card_get_currency (card));
  CrmDealCloseDialog *dialog;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));

  g_set_object (&self->pending_card, card);
  self->pending_column = column;
  self->pending_index = index;

  dialog = crm_deal_close_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      crm_context_get_store (context),
                                      crm_board_column_get_kind (target),
                                      crm_board_card_get_name (card), amount,
                                      crm_board_column_get_name (target));
  g_set_weak_pointer (&self->dialog, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
crm_pipeline_view_move_card (CrmPipelineView *self,
                             CrmBoardCard    *card,
                             guint            column,
                             guint            index)
{
  g_autoptr(CrmBoardColumn) target = NULL;
  guint from_column, from_index, n;

  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));
  g_return_if_fail (CRM_IS_BOARD_CARD (card));

  if (self->board == NULL ||
      !crm_board_find_card (self->board, crm_board_card_get_deal_id (card), &from_column, &from_index) ||
      (target = g_list_model_get_item (crm_board_get_columns (self->board), column)) == NULL)
    return;

  n = g_list_model_get_n_items (crm_board_column_get_cards (target));
  if (from_column == column)
    n--;
  index = MIN (index, n);
  if (from_column == column && from_index == index)
    return;

  if (from_column != column && crm_board_column_get_kind (target) != CRM_STAGE_KIND_OPEN)
    ask_close (self, card, target, column, index);
  else
    do_move (self, card, column, index, 0, NULL);
}

void
crm_pipeline_view_move_card_by (CrmPipelineView *self,
                                CrmBoardCard    *card,
                                int              columns,
                                int              rows)
{
  guint column, index, n_columns;
  g_autoptr(CrmBoardColumn) current = NULL;
  guint n;

  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));
  g_return_if_fail (CRM_IS_BOARD_CARD (card));

  if (self->board == NULL ||
      !crm_board_find_card (self->board, crm_board_card_get_deal_id (card), &column, &index))
    return;

  n_columns = g_list_model_get_n_items (crm_board_get_columns (self->board));
  if (columns != 0)
    {
      if ((columns < 0 && column == 0) || (columns > 0 && column + 1 >= n_columns))
        return;
      crm_pipeline_view_move_card (self, card, column + columns, index);
      return;
    }

  current = g_list_model_get_item (crm_board_get_columns (self->board), column);
  n = g_list_model_get_n_items (crm_board_column_get_cards (current));
  if ((rows < 0 && index == 0) || (rows > 0 && index + 1 >= n))
    return;
  crm_pipeline_view_move_card (self, card, column, index + rows);
}

void
crm_pipeline_view_focus_card_at (CrmPipelineView *self,
                                 guint            column,
                                 guint            index,
                                 int              direction)
{
  GListModel *columns;
  guint n_columns;

  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));

  if (self->board == NULL)
    return;

  columns = crm_board_get_columns (self->board);
  n_columns = g_list_model_get_n_items (columns);
  while (column < n_columns)
    {
      g_autoptr(CrmBoardColumn) item = g_list_model_get_item (columns, column);

      if (g_list_model_get_n_items (crm_board_column_get_cards (item)) > 0)
        {
          request_focus (self, 0, column, index);
          return;
        }
      if (direction == 0 || (direction < 0 && column == 0))
        return;
      column += direction;
    }
}

/* --- automatic scrolling during a drag --- */

static void
scroll_by (GtkAdjustment *adjustment,
           double         delta)
{
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment) + delta, 0, MAX (upper, 0)));
}

static double
edge_speed (double position,
            double size)
{
  if (position < EDGE)
    return -SPEED * (EDGE - MAX (position, 0)) / EDGE;
  if (position > size - EDGE)
    return SPEED * (position - (size - EDGE)) / EDGE;
  return 0;
}

static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);
  GtkWidget *scroller = GTK_WIDGET (self->board_scroller);
  GtkWidget *picked;
  double dx;

  if (!self->drag_inside)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  dx = edge_speed (self->drag_x, gtk_widget_get_width (scroller));
  if (dx != 0)
    scroll_by (gtk_scrolled_window_get_hadjustment (self->board_scroller), dx);

  /* The column under the pointer scrolls near its top and bottom. */
  picked = gtk_widget_pick (scroller, self->drag_x, self->drag_y, GTK_PICK_DEFAULT);
  picked = picked != NULL ? gtk_widget_get_ancestor (picked, CRM_TYPE_BOARD_COLUMN_VIEW) : NULL;
  if (picked != NULL)
    {
      GtkAdjustment *adjustment = crm_board_column_view_get_vadjustment (CRM_BOARD_COLUMN_VIEW (picked));
      GtkWidget *list = gtk_widget_get_last_child (picked);
      graphene_point_t point;

      if (list != NULL &&
          gtk_widget_compute_point (scroller, list, &GRAPHENE_POINT_INIT (self->drag_x, self->drag_y), &point))
        {
          double dy = edge_speed (point.y, gtk_widget_get_height (list));

          if (dy != 0)
            scroll_by (adjustment, dy);
        }
    }

  return G_SOURCE_CONTINUE;
}

static void
on_drag_motion_cb (GtkDropControllerMotion *motion,
                   double                   x,
                   double                   y,
                   CrmPipelineView         *self)
{
  self->drag_x = x;
  self->drag_y = y;
  self->drag_inside = TRUE;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_scroll_tick_cb, NULL, NULL);
}

static void
on_drag_leave_cb (GtkDropControllerMotion *motion,
                  CrmPipelineView         *self)
{
  self->drag_inside = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    crm_board_column_view_clear_drop (CRM_BOARD_COLUMN_VIEW (child));
}

/* --- CrmView --- */

static void
disconnect_board (CrmPipelineView *self)
{
  GtkWidget *child;

  if (self->board == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->board, self);
  g_signal_handlers_disconnect_by_data (crm_board_get_columns (self->board), self);
  g_signal_handlers_disconnect_by_data (crm_board_get_pipelines (self->board), self);
  gtk_drop_down_set_model (self->pipeline_drop_down, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_clear_object (&self->board);
}

static void
crm_pipeline_view_context_set (CrmView    *view,
                               CrmContext *context)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (view);

  CRM_VIEW_CLASS (crm_pipeline_view_parent_class)->context_set (view, context);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->pending_card);
  disconnect_board (self);
  self->loaded = FALSE;
  self->pipeline_id = 0;

  if (self->forecast_view != NULL)
    crm_forecast_view_set_context (self->forecast_view, context);
  if (self->cycle_view != NULL)
    crm_cycle_view_set_context (self->cycle_view, context);

  if (context != NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->board = crm_board_new (crm_context_get_store (context));
      g_signal_connect_object (self->board, "loaded", G_CALLBACK (on_board_loaded_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->board, "load-failed", G_CALLBACK (on_board_load_failed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (crm_board_get_columns (self->board), "items-changed",
                               G_CALLBACK (on_columns_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (crm_board_get_pipelines (self->board), "items-changed",
                               G_CALLBACK (on_pipelines_changed_cb), self, G_CONNECT_SWAPPED);
      self->syncing = TRUE;
      gtk_drop_down_set_model (self->pipeline_drop_down, crm_board_get_pipelines (self->board));
      self->syncing = FALSE;
      load_choices (self);
      reload (self);
    }

  update_state (self);
}

/* --- GObject --- */

static gboolean
on_clock_cb (gpointer data)
{
  CrmPipelineView *self = data;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    crm_board_column_view_update_cards (CRM_BOARD_COLUMN_VIEW (child));

  return G_SOURCE_CONTINUE;
}

static void
crm_pipeline_view_unmap (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->unmap (widget);
}

static void
crm_pipeline_view_map (GtkWidget *widget)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (widget);

  GTK_WIDGET_CLASS (crm_pipeline_view_parent_class)->map (widget);

  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (60, on_clock_cb, self);

  /* Read when first shown, as the lists are. */
  if (self->board != NULL && !self->loaded && !crm_board_is_loading (self->board))
    reload (self);
  update_state (self);
}

static void
crm_pipeline_view_dispose (GObject *object)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_object (&self->pending_card);
  if (self->columns_box != NULL)
    disconnect_board (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_PIPELINE_VIEW);

  G_OBJECT_CLASS (crm_pipeline_view_parent_class)->dispose (object);
}

static void
crm_pipeline_view_finalize (GObject *object)
{
  CrmPipelineView *self = CRM_PIPELINE_VIEW (object);

  g_array_unref (self->owner_ids);
  g_array_unref (self->segment_ids);

  G_OBJECT_CLASS (crm_pipeline_view_parent_class)->finalize (object);
}

static void
crm_pipeline_view_class_init (CrmPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_pipeline_view_dispose;
  object_class->finalize = crm_pipeline_view_finalize;
  widget_class->map = crm_pipeline_view_map;
  widget_class->unmap = crm_pipeline_view_unmap;
  view_class->context_set = crm_pipeline_view_context_set;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, pipeline_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, edit_stages_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, pages);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, switcher_placeholder);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_squeezed_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, forecast_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, cycle_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, owner_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, customer_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, period_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, segment_drop_down);

  gtk_widget_class_install_action (widget_class, "board.clear-filters", NULL, clear_filters_action);

  g_type_ensure (CRM_TYPE_FORECAST_VIEW);
  g_type_ensure (CRM_TYPE_CYCLE_VIEW);
}

static void
crm_pipeline_view_init (CrmPipelineView *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->segment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  expression = gtk_property_expression_new (CRM_TYPE_BOARD_PIPELINE, NULL, "name");
  gtk_drop_down_set_expression (self->pipeline_drop_down, expression);
  g_signal_connect_object (self->pipeline_drop_down, "notify::selected",
                           G_CALLBACK (on_pipeline_selected_cb), self, G_CONNECT_SWAPPED);

  {
    g_autoptr(GtkStringList) any_owner = gtk_string_list_new ((const char *[]) { _("Any Owner"), NULL });
    g_autoptr(GtkStringList) any_segment = gtk_string_list_new ((const char *[]) { _("Any Segment"), NULL });

    gtk_drop_down_set_model (self->owner_drop_down, G_LIST_MODEL (any_owner));
    gtk_drop_down_set_model (self->segment_drop_down, G_LIST_MODEL (any_segment));
  }
  g_signal_connect_object (self->owner_drop_down, "notify::selected",
                           G_CALLBACK (on_filter_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_drop_down, "notify::selected",
                           G_CALLBACK (on_filter_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->period_drop_down, "notify::selected",
                           G_CALLBACK (on_filter_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->segment_drop_down, "notify::selected",
                           G_CALLBACK (on_filter_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::search-text", G_CALLBACK (on_search_text_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages, "notify::visible-child-name", G_CALLBACK (on_page_changed_cb),
                           self, G_CONNECT_SWAPPED);

  name_inner_button (GTK_WIDGET (self->pipeline_drop_down), _("Pipeline"));
  update_filter_button (self);
  name_inner_button (GTK_WIDGET (self->owner_drop_down), _("Owner"));
  name_inner_button (GTK_WIDGET (self->customer_drop_down), _("Customer"));
  name_inner_button (GTK_WIDGET (self->period_drop_down), _("Expected Close"));
  name_inner_button (GTK_WIDGET (self->segment_drop_down), _("Segment"));

  motion = gtk_drop_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect_object (motion, "enter", G_CALLBACK (on_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_drag_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->board_scroller), motion);

  update_state (self);
}

CrmBoard *
crm_pipeline_view_get_board (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return self->board;
}

void
crm_pipeline_view_set_pipeline (CrmPipelineView *self,
                                gint64           pipeline_id)
{
  g_return_if_fail (CRM_IS_PIPELINE_VIEW (self));

  if (self->pipeline_id == pipeline_id && self->board != NULL &&
      crm_board_get_pipeline_id (self->board) == pipeline_id)
    return;

  self->pipeline_id = pipeline_id;
  reload (self);
}

GtkWidget *
crm_pipeline_view_get_column_widget (CrmPipelineView *self,
                                     guint            index)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return (GtkWidget *) column_widget (self, index);
}

GtkWindow *
crm_pipeline_view_get_close_dialog (CrmPipelineView *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_VIEW (self), NULL);

  return (GtkWindow *) self->dialog;
}
