/* crm-view-menu.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row menu of the lists (part of CrmView): Open, Select or Deselect,
 * Delete, for the row under a right click or the focused row on Menu or
 * Shift+F10.
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-paged-model.h"
#include "crm-view-private.h"

#define LIST_ITEM_KEY "crm-list-item"

void
_crm_view_remember_list_item (GtkWidget   *cell,
                              GtkListItem *list_item)
{
  g_object_set_data (G_OBJECT (cell), LIST_ITEM_KEY, list_item);
}

/* Table cells (and the check buttons of selection mode) know their row. */
static gboolean
is_cell (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), LIST_ITEM_KEY) != NULL;
}

/* The first table cell at or below @widget. */
static GtkWidget *
find_cell_below (GtkWidget *widget)
{
  if (is_cell (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = find_cell_below (child);

      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* The table cell at or above @widget, else the first one below it (a row
 * has the focus, its cells are below it). */
static GtkWidget *
find_cell (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (is_cell (w))
      return w;
  return widget != NULL ? find_cell_below (widget) : NULL;
}

GtkListItem *
_crm_view_find_list_item (GtkWidget *widget)
{
  GtkWidget *cell = find_cell (widget);

  return cell != NULL ? g_object_get_data (G_OBJECT (cell), LIST_ITEM_KEY) : NULL;
}

static void
popup_menu (CrmView   *self,
            GtkWidget *cell,
            double     x,
            double     y)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), LIST_ITEM_KEY);
  const char *kind = crm_view_get_record_kind (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) select = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *popover;
  GdkRectangle rect;
  guint position;
  gint64 id;

  if (list_item == NULL || priv->model == NULL || kind == NULL ||
      (position = gtk_list_item_get_position (list_item)) == GTK_INVALID_LIST_POSITION ||
      (id = crm_paged_model_get_id (priv->model, position)) == 0)
    return;

  item = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target (item, "win.show-record", "(sx)", kind, id);
  g_menu_append_item (open, item);
  g_clear_object (&item);

  if (priv->selection != NULL)
    {
      gboolean selected = gtk_selection_model_is_selected (GTK_SELECTION_MODEL (priv->selection),
                                                           position);

      item = g_menu_item_new (selected ? _("_Deselect") : _("_Select"), NULL);
      g_menu_item_set_action_and_target (item, "view.toggle-row", "u", position);
      g_menu_append_item (select, item);
      g_clear_object (&item);
    }

  item = g_menu_item_new (_("_Delete"), NULL);
  g_menu_item_set_action_and_target (item, "win.delete-record", "(sx)", kind, id);
  g_menu_append_item (remove, item);
  g_clear_object (&item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (select));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);

  if (x < 0)
    {
      graphene_rect_t bounds;

      /* From the keyboard: under the row's first cell. */
      if (!gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
        graphene_rect_init (&bounds, 0, 0, 0, 0);
      x = bounds.origin.x + 12;
      y = bounds.origin.y + bounds.size.height;
    }
  rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  /* The menu goes away with its last use. */
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               CrmView         *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  GtkWidget *cell = find_cell (picked);
  graphene_point_t point;

  if (cell == NULL ||
      !gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, cell, point.x, point.y);
}

static gboolean
on_menu_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CrmView *self = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *cell;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget) ||
      (cell = find_cell (focus)) == NULL)
    return FALSE;
  popup_menu (self, cell, -1, -1);
  return TRUE;
}

static void
toggle_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmViewPrivate *priv = _crm_view_get_private (CRM_VIEW (widget));
  guint position = g_variant_get_uint32 (parameter);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (priv->selection);

  if (selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (selection)))
    return;
  if (gtk_selection_model_is_selected (selection, position))
    gtk_selection_model_unselect_item (selection, position);
  else
    gtk_selection_model_select_item (selection, position, FALSE);
}

void
_crm_view_install_row_menu (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.toggle-row", "u", toggle_row_action);
}

void
_crm_view_init_row_menu (CrmView       *self,
                         GtkColumnView *column_view)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  const char *triggers[] = { "Menu", "<Shift>F10" };

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (click));

  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (triggers[i]),
                                                            gtk_callback_action_new (on_menu_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (column_view), keys);
}
