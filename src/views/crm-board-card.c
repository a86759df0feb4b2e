/* crm-board-card.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmBoardCardWidget"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-board-card.h"
#include "crm-board-column-view.h"
#include "crm-context.h"
#include "crm-format.h"
#include "crm-pipeline-view.h"

struct _CrmBoardCardWidget
{
  GtkWidget     parent_instance;

  CrmBoardCard *card;
  GtkListItem  *list_item;     /* not owned: it owns this widget */
  GtkWidget    *popover;

  /* template widgets */
  GtkLabel     *name_label;
  GtkImage     *rotting_image;
  GtkWidget    *customer_box;
  GtkImage     *customer_image;
  GtkLabel     *customer_label;
  GtkLabel     *amount_label;
  GtkLabel     *close_label;
  GtkWidget    *next_box;
  GtkImage     *next_image;
  GtkLabel     *next_label;
  GtkLabel     *due_label;
  GtkWidget    *owner_box;
  GtkLabel     *owner_label;
  GMenu        *card_menu;
  GMenu        *stages_menu;
};

enum {
  PROP_0,
  PROP_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmBoardCardWidget, crm_board_card_widget, GTK_TYPE_WIDGET)

static const char *
activity_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  if (g_strcmp0 (kind, "task") == 0)
    return "task-due-symbolic";
  return "document-edit-symbolic";
}

static CrmPipelineView *
get_view (CrmBoardCardWidget *self)
{
  return (CrmPipelineView *) gtk_widget_get_ancestor (GTK_WIDGET (self), CRM_TYPE_PIPELINE_VIEW);
}

static CrmBoardColumnView *
get_column_view (CrmBoardCardWidget *self)
{
  return (CrmBoardColumnView *) gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                         CRM_TYPE_BOARD_COLUMN_VIEW);
}

static gint64
get_now (CrmBoardCardWidget *self)
{
  CrmPipelineView *view = get_view (self);
  CrmContext *context = view != NULL ? crm_view_get_context (CRM_VIEW (view)) : NULL;

  if (context != NULL)
    return crm_context_get_now (context);
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
update_accessible (CrmBoardCardWidget *self,
                   const char         *amount)
{
  CrmBoardColumnView *column_view = get_column_view (self);
  CrmBoardColumn *column = column_view != NULL ? crm_board_column_view_get_column (column_view) : NULL;
  const char *stage = column != NULL ? crm_board_column_get_name (column) : "";
  const char *customer = crm_board_card_get_customer (self->card);
  guint rotting = crm_board_card_get_rotting_days (self->card);
  g_autofree char *label = NULL;

  if (customer[0] == '\0')
    customer = _("no customer");

  if (rotting > 0)
    /* Translators: a card's name for screen readers: deal, customer, amount,
     * stage, and how long it has been rotting */
    label = g_strdup_printf (ngettext ("%1$s, %2$s, %3$s, %4$s, rotting for %5$u day",
                                       "%1$s, %2$s, %3$s, %4$s, rotting for %5$u days", rotting),
                             crm_board_card_get_name (self->card), customer, amount, stage,
                             rotting);
  else
    /* Translators: a card's name for screen readers: deal, customer, amount, stage */
    label = g_strdup_printf (_("%1$s, %2$s, %3$s, %4$s"),
                             crm_board_card_get_name (self->card), customer, amount, stage);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_next (CrmBoardCardWidget *self)
{
  const char *summary = crm_board_card_get_next_summary (self->card);
  gint64 due = crm_board_card_get_next_due (self->card);
  g_autofree char *relative = NULL;
  gint64 now;

  gtk_widget_set_visible (self->next_box, due > 0 || summary[0] != '\0');
  if (due <= 0 && summary[0] == '\0')
    return;

  now = get_now (self);
  gtk_image_set_from_icon_name (self->next_image,
                                activity_icon (crm_board_card_get_next_kind (self->card)));
  gtk_label_set_text (self->next_label, summary[0] != '\0' ? summary : _("Scheduled activity"));
  relative = due > 0 ? crm_format_relative (due, now) : g_strdup ("");
  gtk_label_set_text (self->due_label, relative);
  if (due > 0 && due < now)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
}

/* The tooltips are made when asked for: setting a tooltip's text makes GTK
 * 4.8 ask the display where the pointer is, for every card bound. */
static char *
dup_tooltip_text (CrmBoardCardWidget *self,
                  GtkWidget          *widget)
{
  if (widget == GTK_WIDGET (self->name_label))
    return g_strdup (crm_board_card_get_name (self->card));
  if (widget == GTK_WIDGET (self->customer_image))
    return g_strdup (crm_board_card_get_b2b (self->card) ? _("Organization") : _("Person"));
  if (widget == GTK_WIDGET (self->close_label))
    return crm_board_card_get_expected_close (self->card)[0] != '\0' ? g_strdup (_("Expected close")) : NULL;
  if (widget == GTK_WIDGET (self->rotting_image))
    {
      guint rotting = crm_board_card_get_rotting_days (self->card);

      return rotting > 0 ? g_strdup_printf (ngettext ("Rotting for %u day", "Rotting for %u days", rotting),
                                            rotting)
                         : NULL;
    }
  if (widget == self->next_box)
    {
      const char *summary = crm_board_card_get_next_summary (self->card);
      gint64 due = crm_board_card_get_next_due (self->card);
      g_autofree char *date = due > 0 ? crm_format_date_time (due) : NULL;

      /* Translators: the tooltip of a card's next activity: its summary and due time */
      return date != NULL ? g_strdup_printf (_("Next: %1$s, %2$s"), summary, date) : g_strdup (summary);
    }
  return NULL;
}

static gboolean
on_query_tooltip_cb (GtkWidget          *widget,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     CrmBoardCardWidget *self)
{
  g_autofree char *text = self->card != NULL ? dup_tooltip_text (self, widget) : NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
crm_board_card_widget_update (CrmBoardCardWidget *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *close = NULL;
  const char *customer;
  const char *owner;
  guint rotting;

  g_return_if_fail (CRM_IS_BOARD_CARD_WIDGET (self));

  if (self->card == NULL)
    return;

  gtk_label_set_text (self->name_label, crm_board_card_get_name (self->card));

  customer = crm_board_card_get_customer (self->card);
  gtk_widget_set_visible (self->customer_box, customer[0] != '\0');
  gtk_label_set_text (self->customer_label, customer);
  gtk_image_set_from_icon_name (self->customer_image,
                                crm_board_card_get_b2b (self->card) ? "rapport-organization-symbolic"
                                                                    : "avatar-default-symbolic");

  amount = crm_format_money (crm_board_card_get_amount (self->card),
                             crm_board_card_get_currency (self->card));
  gtk_label_set_text (self->amount_label, amount);

  close = crm_format_iso_date (crm_board_card_get_expected_close (self->card));
  gtk_label_set_text (self->close_label, close != NULL ? close : "");

  owner = crm_board_card_get_owner_name (self->card);
  gtk_widget_set_visible (self->owner_box, owner[0] != '\0');
  gtk_label_set_text (self->owner_label, owner);

  rotting = crm_board_card_get_rotting_days (self->card);
  gtk_widget_set_visible (GTK_WIDGET (self->rotting_image), rotting > 0);
  if (rotting > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Rotting for %u day",
                                                         "Rotting for %u days", rotting),
                                               rotting);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rotting_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_add_css_class (GTK_WIDGET (self), "rotting");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "rotting");

  update_next (self);
  update_accessible (self, amount);
}

static void
on_card_notify_cb (CrmBoardCardWidget *self,
                   GParamSpec         *pspec,
                   CrmBoardCard       *card)
{
  crm_board_card_widget_update (self);
}

/* --- actions --- */

static gboolean
find_self (CrmBoardCardWidget *self,
           CrmPipelineView   **view,
           guint              *column,
           guint              *index)
{
  CrmBoard *board;

  *view = get_view (self);
  if (*view == NULL || self->card == NULL ||
      (board = crm_pipeline_view_get_board (*view)) == NULL)
    return FALSE;

  return crm_board_find_card (board, crm_board_card_get_deal_id (self->card), column, index);
}

static void
move_by (CrmBoardCardWidget *self,
         int                 columns,
         int                 rows)
{
  CrmPipelineView *view = get_view (self);

  if (view != NULL && self->card != NULL)
    crm_pipeline_view_move_card_by (view, self->card, columns, rows);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (widget);

  if (g_str_equal (action_name, "card.move-left"))
    move_by (self, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 1 : -1, 0);
  else if (g_str_equal (action_name, "card.move-right"))
    move_by (self, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? -1 : 1, 0);
  else if (g_str_equal (action_name, "card.move-up"))
    move_by (self, 0, -1);
  else if (g_str_equal (action_name, "card.move-down"))
    move_by (self, 0, 1);
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (widget);
  CrmPipelineView *view;
  guint column, index;

  if (!find_self (self, &view, &column, &index))
    return;

  if (g_variant_get_uint32 (param) != column)
    crm_pipeline_view_move_card (view, self->card, g_variant_get_uint32 (param), G_MAXUINT);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (widget);

  if (self->card != NULL)
    gtk_widget_activate_action (widget, "win.show-record", "(sx)", "deal",
                                crm_board_card_get_deal_id (self->card));
}

static void
map_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (widget);

  if (self->card != NULL)
    gtk_widget_activate_action (widget, "win.show-map", "(sx)", "deal",
                                crm_board_card_get_deal_id (self->card));
}

/* "Move to Stage" lists every stage of the pipeline but the card's own. */
static void
fill_stages_menu (CrmBoardCardWidget *self)
{
  CrmPipelineView *view;
  CrmBoard *board;
  GListModel *columns;
  guint column, index;

  g_menu_remove_all (self->stages_menu);
  if (!find_self (self, &view, &column, &index))
    return;

  board = crm_pipeline_view_get_board (view);
  columns = crm_board_get_columns (board);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CrmBoardColumn) item = g_list_model_get_item (columns, i);
      g_autoptr(GMenuItem) menu_item = NULL;

      if (i == column)
        continue;
      menu_item = g_menu_item_new (crm_board_column_get_name (item), NULL);
      g_menu_item_set_action_and_target_value (menu_item, "card.move-to-stage",
                                               g_variant_new_uint32 (i));
      g_menu_append_item (self->stages_menu, menu_item);
    }
}

static void
popup_menu (CrmBoardCardWidget *self,
            double              x,
            double              y)
{
  if (self->card == NULL)
    return;

  fill_stages_menu (self);
  if (self->popover == NULL)
    {
      self->popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (self->card_menu));
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), x >= 0);
      gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
    }

  if (x >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                 &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), NULL);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  popup_menu (CRM_BOARD_CARD_WIDGET (widget), -1, -1);
}

static void
on_click_pressed_cb (GtkGestureClick    *gesture,
                     int                 n_press,
                     double              x,
                     double              y,
                     CrmBoardCardWidget *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  popup_menu (self, x, y);
}

/* Left and Right move the focus to the neighbouring column, at the same
 * place (Up and Down are the list's own). */
static gboolean
focus_neighbour (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (widget);
  int delta = g_variant_get_int32 (args);
  CrmPipelineView *view;
  guint column, index;

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    delta = -delta;
  if (!find_self (self, &view, &column, &index))
    return FALSE;
  if (delta < 0 && column == 0)
    return TRUE;

  crm_pipeline_view_focus_card_at (view, column + delta, index, delta);
  return TRUE;
}

/* --- drag source --- */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource      *source,
                    double              x,
                    double              y,
                    CrmBoardCardWidget *self)
{
  if (self->card == NULL)
    return NULL;

  return gdk_content_provider_new_typed (CRM_TYPE_BOARD_CARD, self->card);
}

static void
on_drag_begin_cb (GtkDragSource      *source,
                  GdkDrag            *drag,
                  CrmBoardCardWidget *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  /* A still image: the list may give this widget to another card while the
   * pointer scrolls the column. */
  g_autoptr(GdkPaintable) image = gdk_paintable_get_current_image (paintable);

  gtk_drag_source_set_icon (source, image, gtk_widget_get_width (GTK_WIDGET (self)) / 2, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_end_cb (GtkDragSource      *source,
                GdkDrag            *drag,
                gboolean            delete_data,
                CrmBoardCardWidget *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

/* --- GObject --- */

static void
crm_board_card_widget_dispose (GObject *object)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (object);
  GtkWidget *child;

  crm_board_card_widget_set_card (self, NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_BOARD_CARD_WIDGET);
  /* The template's anonymous boxes are this widget's own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_board_card_widget_parent_class)->dispose (object);
}

static void
crm_board_card_widget_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (object);

  switch (prop_id)
    {
    case PROP_CARD:
      g_value_set_object (value, crm_board_card_widget_get_card (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_card_widget_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmBoardCardWidget *self = CRM_BOARD_CARD_WIDGET (object);

  switch (prop_id)
    {
    case PROP_CARD:
      crm_board_card_widget_set_card (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  const char     *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_ALT_MASK, action, NULL);
}

static void
crm_board_card_widget_class_init (CrmBoardCardWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_board_card_widget_dispose;
  object_class->get_property = crm_board_card_widget_get_property;
  object_class->set_property = crm_board_card_widget_set_property;

  /**
   * CrmBoardCardWidget:card:
   *
   * The card shown.
   */
  properties[PROP_CARD] =
    g_param_spec_object ("card", NULL, NULL, CRM_TYPE_BOARD_CARD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-board-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, rotting_image);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, customer_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, customer_image);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, amount_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, close_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, next_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, next_image);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, next_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, due_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, owner_box);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, card_menu);
  gtk_widget_class_bind_template_child (widget_class, CrmBoardCardWidget, stages_menu);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.map", NULL, map_action);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "card.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "card.move-to-stage", "u", move_to_stage_action);

  /* The keypad's first: a menu shows the last binding of an action. */
  add_move_binding (widget_class, GDK_KEY_KP_Left, "card.move-left");
  add_move_binding (widget_class, GDK_KEY_Left, "card.move-left");
  add_move_binding (widget_class, GDK_KEY_KP_Right, "card.move-right");
  add_move_binding (widget_class, GDK_KEY_Right, "card.move-right");
  add_move_binding (widget_class, GDK_KEY_KP_Up, "card.move-up");
  add_move_binding (widget_class, GDK_KEY_Up, "card.move-up");
  add_move_binding (widget_class, GDK_KEY_KP_Down, "card.move-down");
  add_move_binding (widget_class, GDK_KEY_Down, "card.move-down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "card.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "card.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, focus_neighbour, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, focus_neighbour, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, focus_neighbour, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, focus_neighbour, "i", 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_board_card_widget_init (CrmBoardCardWidget *self)
{
  GtkDragSource *source;
  GtkGesture *click;
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkWidget *tipped[] = {
      GTK_WIDGET (self->name_label), GTK_WIDGET (self->customer_image), GTK_WIDGET (self->close_label),
      GTK_WIDGET (self->rotting_image), self->next_box,
    };

    for (guint i = 0; i < G_N_ELEMENTS (tipped); i++)
      {
        gtk_widget_set_has_tooltip (tipped[i], TRUE);
        g_signal_connect_object (tipped[i], "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self, 0);
      }
  }

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
crm_board_card_widget_new (void)
{
  return g_object_new (CRM_TYPE_BOARD_CARD_WIDGET, NULL);
}

CrmBoardCard *
crm_board_card_widget_get_card (CrmBoardCardWidget *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD_WIDGET (self), NULL);

  return self->card;
}

void
crm_board_card_widget_set_card (CrmBoardCardWidget *self,
                                CrmBoardCard       *card)
{
  g_return_if_fail (CRM_IS_BOARD_CARD_WIDGET (self));
  g_return_if_fail (card == NULL || CRM_IS_BOARD_CARD (card));

  if (self->card == card)
    return;

  if (self->card != NULL)
    g_signal_handlers_disconnect_by_func (self->card, on_card_notify_cb, self);
  g_set_object (&self->card, card);
  if (card != NULL)
    {
      g_signal_connect_object (card, "notify", G_CALLBACK (on_card_notify_cb), self,
                               G_CONNECT_SWAPPED);
      crm_board_card_widget_update (self);
    }
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
}

void
crm_board_card_widget_set_list_item (CrmBoardCardWidget *self,
                                     GtkListItem        *list_item)
{
  g_return_if_fail (CRM_IS_BOARD_CARD_WIDGET (self));

  self->list_item = list_item;
}

guint
crm_board_card_widget_get_position (CrmBoardCardWidget *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD_WIDGET (self), GTK_INVALID_LIST_POSITION);

  if (self->list_item == NULL || self->card == NULL)
    return GTK_INVALID_LIST_POSITION;
  return gtk_list_item_get_position (self->list_item);
}

void
crm_board_card_widget_set_drop_side (CrmBoardCardWidget *self,
                                     int                 side)
{
  g_return_if_fail (CRM_IS_BOARD_CARD_WIDGET (self));

  if (side < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-before");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-before");
  if (side > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-after");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-after");
}
