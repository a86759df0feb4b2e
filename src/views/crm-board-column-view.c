/* crm-board-column-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmBoardColumnView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-board-column-view.h"
#include "crm-format.h"
#include "crm-pipeline-view.h"

struct _CrmBoardColumnView
{
  GtkWidget           parent_instance;

  CrmBoardColumn     *column;
  guint               index;
  char               *currency;      /* the pipeline's, for an empty total */
  char               *count_text;
  char               *total_text;
  CrmBoardCardWidget *drop_card;     /* showing the insertion line; weak */
  GtkSliceListModel  *slice;         /* the first cards, as far as scrolled */

  /* template widgets */
  GtkWidget          *header;
  GtkImage           *kind_image;
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkLabel           *total_label;
  GtkLabel           *weighted_label;
  GtkLabel           *meta_label;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (CrmBoardColumnView, crm_board_column_view, GTK_TYPE_WIDGET)

/* The list shows a column's first cards and more as it is scrolled down:
 * GTK 4.8's list view makes a widget for up to 200 items whatever it shows,
 * and a board opens with many columns of thousands of deals. */
#define FIRST_CARDS   12
#define MORE_CARDS    40

/* Lets the list hold the card at @position and the ones after it. */
static void
show_cards_up_to (CrmBoardColumnView *self,
                  guint               position)
{
  guint n = g_list_model_get_n_items (crm_board_column_get_cards (self->column));
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (position + MORE_CARDS / 2 < size || size >= n)
    return;
  gtk_slice_list_model_set_size (self->slice, MIN (MAX (size + MORE_CARDS, position + MORE_CARDS), n));
}

/* Near the end of what the list holds: hold more. */
static void
on_vadjustment_changed_cb (GtkAdjustment      *adjustment,
                           CrmBoardColumnView *self)
{
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                gtk_adjustment_get_page_size (adjustment);

  if (self->slice != NULL && left < gtk_adjustment_get_page_size (adjustment))
    show_cards_up_to (self, gtk_slice_list_model_get_size (self->slice));
}

static char *
join_totals (GArray     *totals,
             gboolean    weighted)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < totals->len; i++)
    {
      const CrmDealTotal *total = &g_array_index (totals, CrmDealTotal, i);
      g_autofree char *money = crm_format_money (weighted ? total->weighted : total->total,
                                                 total->currency);

      if (i > 0)
        g_string_append_c (text, '\n');
      if (weighted)
        /* Translators: a column's total of amounts × probability */
        g_string_append_printf (text, _("Weighted %s"), money);
      else
        g_string_append (text, money);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_header (CrmBoardColumnView *self)
{
  g_autoptr(GArray) totals = crm_board_column_dup_totals (self->column);
  guint count = crm_board_column_get_count (self->column);
  g_autofree char *weighted = NULL;
  g_autofree char *label = NULL;

  g_free (self->count_text);
  self->count_text = crm_format_count (count);
  gtk_label_set_text (self->count_label, self->count_text);

  g_free (self->total_text);
  self->total_text = join_totals (totals, FALSE);
  if (totals->len == 0)
    {
      g_free (self->total_text);
      self->total_text = crm_format_money (0, self->currency);
    }
  gtk_label_set_text (self->total_label, self->total_text);

  weighted = join_totals (totals, TRUE);
  gtk_label_set_text (self->weighted_label, weighted);
  gtk_widget_set_visible (GTK_WIDGET (self->weighted_label),
                          totals->len > 0 && crm_board_column_get_kind (self->column) == CRM_STAGE_KIND_OPEN);

  gtk_stack_set_visible_child_name (self->stack, count > 0 ? "cards" : "empty");

  /* Translators: a board column's name for screen readers: stage, number of deals, total */
  label = g_strdup_printf (ngettext ("%1$s, %2$u deal, %3$s", "%1$s, %2$u deals, %3$s", count),
                           crm_board_column_get_name (self->column), count, self->total_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_meta (CrmBoardColumnView *self)
{
  CrmStageKind kind = crm_board_column_get_kind (self->column);
  g_autofree char *probability = NULL;
  g_autofree char *text = NULL;
  guint rotting = crm_board_column_get_rotting_days (self->column);

  gtk_label_set_text (self->name_label, crm_board_column_get_name (self->column));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), crm_board_column_get_name (self->column));
  gtk_widget_remove_css_class (GTK_WIDGET (self), "won");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "lost");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_image), kind != CRM_STAGE_KIND_OPEN);

  if (kind == CRM_STAGE_KIND_WON)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "won");
      gtk_image_set_from_icon_name (self->kind_image, "emblem-ok-symbolic");
      gtk_label_set_text (self->meta_label, _("Won deals"));
      return;
    }
  if (kind == CRM_STAGE_KIND_LOST)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "lost");
      gtk_image_set_from_icon_name (self->kind_image, "window-close-symbolic");
      gtk_label_set_text (self->meta_label, _("Lost deals"));
      return;
    }

  /* Translators: a stage's chance of winning its deals, e.g. "40 % win chance" */
  probability = g_strdup_printf (_("%d %% win chance"), crm_board_column_get_probability (self->column));
  if (rotting > 0)
    {
      g_autofree char *rots = g_strdup_printf (ngettext ("rots after %u day", "rots after %u days",
                                                         rotting), rotting);

      /* Translators: a stage's probability and rotting threshold, joined */
      text = g_strdup_printf (_("%1$s · %2$s"), probability, rots);
    }
  gtk_label_set_text (self->meta_label, text != NULL ? text : probability);
}

static void
on_totals_changed_cb (CrmBoardColumnView *self)
{
  update_header (self);
}

static void
on_column_notify_cb (CrmBoardColumnView *self,
                     GParamSpec         *pspec,
                     CrmBoardColumn     *column)
{
  if (g_str_equal (pspec->name, "count"))
    update_header (self);
  else
    update_meta (self);
}

/* --- list --- */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *card = crm_board_card_widget_new ();

  crm_board_card_widget_set_list_item (CRM_BOARD_CARD_WIDGET (card), list_item);
  gtk_list_item_set_child (list_item, card);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  crm_board_card_widget_set_card (CRM_BOARD_CARD_WIDGET (gtk_list_item_get_child (list_item)),
                                  gtk_list_item_get_item (list_item));
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CrmBoardCardWidget *card = CRM_BOARD_CARD_WIDGET (gtk_list_item_get_child (list_item));

  crm_board_card_widget_set_drop_side (card, 0);
  crm_board_card_widget_set_card (card, NULL);
}

static void
on_list_activate_cb (GtkListView        *list_view,
                     guint               position,
                     CrmBoardColumnView *self)
{
  CrmBoardCardWidget *card = crm_board_column_view_get_card_widget (self, position);

  if (card != NULL)
    gtk_widget_activate_action (GTK_WIDGET (card), "card.open", NULL);
}

/* --- drop target --- */

static CrmBoardCardWidget *
card_widget_at (CrmBoardColumnView *self,
                double              x,
                double              y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (CRM_IS_BOARD_CARD_WIDGET (widget))
        return CRM_BOARD_CARD_WIDGET (widget);
      /* The list's row around a card (its padding). */
      if (child != NULL && CRM_IS_BOARD_CARD_WIDGET (child))
        return CRM_BOARD_CARD_WIDGET (child);
    }

  return NULL;
}

static void
set_drop_card (CrmBoardColumnView *self,
               CrmBoardCardWidget *card,
               int                 side)
{
  if (self->drop_card != card)
    {
      if (self->drop_card != NULL)
        {
          crm_board_card_widget_set_drop_side (self->drop_card, 0);
          g_object_remove_weak_pointer (G_OBJECT (self->drop_card), (gpointer *) &self->drop_card);
        }
      self->drop_card = card;
      if (card != NULL)
        g_object_add_weak_pointer (G_OBJECT (card), (gpointer *) &self->drop_card);
    }
  if (card != NULL)
    crm_board_card_widget_set_drop_side (card, side);
}

/* The place a drop at (@x, @y) puts a card: before or after the card under
 * the pointer, whichever half it is over; below the last card, the end. */
static guint
drop_position (CrmBoardColumnView *self,
               double              x,
               double              y,
               gboolean            show)
{
  CrmBoardCardWidget *card = card_widget_at (self, x, y);
  /* The end is the end of the cards shown so far. */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slice));
  guint position;
  graphene_point_t point;
  int side;

  if (card == NULL || (position = crm_board_card_widget_get_position (card)) == GTK_INVALID_LIST_POSITION)
    {
      /* Above the cards (the header) is the top; elsewhere the end. */
      gboolean top = y < gtk_widget_get_height (self->header);

      if (show)
        set_drop_card (self, n > 0 ? crm_board_column_view_get_card_widget (self, top ? 0 : n - 1) : NULL,
                       top ? -1 : 1);
      return top ? 0 : n;
    }

  if (!gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (card),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point.y = 0;
  side = point.y < gtk_widget_get_height (GTK_WIDGET (card)) / 2.0 ? -1 : 1;
  if (show)
    set_drop_card (self, card, side);

  return side < 0 ? position : position + 1;
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget      *target,
                  double              x,
                  double              y,
                  CrmBoardColumnView *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-highlight");
  drop_position (self, x, y, TRUE);
  return GDK_ACTION_MOVE;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget      *target,
                   double              x,
                   double              y,
                   CrmBoardColumnView *self)
{
  drop_position (self, x, y, TRUE);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget      *target,
                  CrmBoardColumnView *self)
{
  crm_board_column_view_clear_drop (self);
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            CrmBoardColumnView *self)
{
  CrmBoardCard *card = g_value_get_object (value);
  CrmPipelineView *view = (CrmPipelineView *) gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                       CRM_TYPE_PIPELINE_VIEW);
  guint position = drop_position (self, x, y, FALSE);
  guint column, index;

  crm_board_column_view_clear_drop (self);
  if (view == NULL || card == NULL ||
      !crm_board_find_card (crm_pipeline_view_get_board (view),
                            crm_board_card_get_deal_id (card), &column, &index))
    return FALSE;

  /* The place is counted without the card itself. */
  if (column == self->index && index < position)
    position--;
  if (column == self->index && index == position)
    return TRUE;

  crm_pipeline_view_move_card (view, card, self->index, position);
  return TRUE;
}

/* --- GObject --- */

static void
crm_board_column_view_dispose (GObject *object)
{
  CrmBoardColumnView *self = CRM_BOARD_COLUMN_VIEW (object);
  GtkWidget *child;

  set_drop_card (self, NULL, 0);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->column != NULL)
    g_signal_handlers_disconnect_by_data (self->column, self);
  g_clear_object (&self->column);
  g_clear_object (&self->slice);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_BOARD_COLUMN_VIEW);
  /* The template's anonymous boxes are this widget's own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_board_column_view_parent_class)->dispose (object);
}

static void
crm_board_column_view_finalize (GObject *object)
{
  CrmBoardColumnView *self = CRM_BOARD_COLUMN_VIEW (object);

  g_free (self->currency);
  g_free (self->count_text);
  g_free (self->total_text);

  G_OBJECT_CLASS (crm_board_column_view_parent_class)->finalize (object);
}

static void
crm_board_column_view_class_init (CrmBoardColumnViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_column_view_dispose;
  object_class->finalize = crm_board_column_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-board-column-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, header);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, kind_image);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, total_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, weighted_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardColumnView, list_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board-column");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_board_column_view_init (CrmBoardColumnView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activate_cb), self, 0);

  target = gtk_drop_target_new (CRM_TYPE_BOARD_CARD, GDK_ACTION_MOVE);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_drop_enter_cb), self, 0);
  g_signal_connect_object (target, "motion", G_CALLBACK (on_drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
crm_board_column_view_new (CrmBoardColumn *column,
                           guint           index,
                           const char     *currency)
{
  CrmBoardColumnView *self;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (column), NULL);

  self = g_object_new (CRM_TYPE_BOARD_COLUMN_VIEW, NULL);
  self->column = g_object_ref (column);
  self->index = index;
  self->currency = g_strdup (currency != NULL && currency[0] != '\0' ? currency : "USD");

  self->slice = gtk_slice_list_model_new (g_object_ref (crm_board_column_get_cards (column)), 0, FIRST_CARDS);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, 0);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_board_column_get_name (column), -1);

  g_signal_connect_object (column, "totals-changed", G_CALLBACK (on_totals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "notify", G_CALLBACK (on_column_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update_meta (self);
  update_header (self);

  return GTK_WIDGET (self);
}

CrmBoardColumn *
crm_board_column_view_get_column (CrmBoardColumnView *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), NULL);

  return self->column;
}

guint
crm_board_column_view_get_index (CrmBoardColumnView *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), 0);

  return self->index;
}

GtkAdjustment *
crm_board_column_view_get_vadjustment (CrmBoardColumnView *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

CrmBoardCardWidget *
crm_board_column_view_get_card_widget (CrmBoardColumnView *self,
                                       guint               position)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (child != NULL && CRM_IS_BOARD_CARD_WIDGET (child) &&
          crm_board_card_widget_get_card (CRM_BOARD_CARD_WIDGET (child)) != NULL &&
          crm_board_card_widget_get_position (CRM_BOARD_CARD_WIDGET (child)) == position)
        return CRM_BOARD_CARD_WIDGET (child);
    }

  return NULL;
}

gboolean
crm_board_column_view_focus_card (CrmBoardColumnView *self,
                                  guint               position)
{
  guint n;
  CrmBoardCardWidget *card;

  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), FALSE);

  n = g_list_model_get_n_items (crm_board_column_get_cards (self->column));
  if (n == 0)
    return FALSE;

  position = MIN (position, n - 1);
  show_cards_up_to (self, position);
  card = crm_board_column_view_get_card_widget (self, position);
  if (card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card)))
    return gtk_widget_grab_focus (GTK_WIDGET (card));

  /* Not made yet: bring it into view; the caller tries again. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return FALSE;
}

const char *
crm_board_column_view_get_count_text (CrmBoardColumnView *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), NULL);

  return self->count_text;
}

const char *
crm_board_column_view_get_total_text (CrmBoardColumnView *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self), NULL);

  return self->total_text;
}

void
crm_board_column_view_update_cards (CrmBoardColumnView *self)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self));

  /* Only the cards the list has made: a few screens, whatever the count. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (child != NULL && CRM_IS_BOARD_CARD_WIDGET (child))
        crm_board_card_widget_update (CRM_BOARD_CARD_WIDGET (child));
    }
}

void
crm_board_column_view_clear_drop (CrmBoardColumnView *self)
{
  g_return_if_fail (CRM_IS_BOARD_COLUMN_VIEW (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-highlight");
  set_drop_card (self, NULL, 0);
}
