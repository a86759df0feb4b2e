/* crm-stakeholder-canvas-input.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas's pointer input, on the canvas itself so that a node being
 * dragged never moves under its own gesture: a click selects (or picks the
 * target of Set Manager…), a double click opens, a right click or a long
 * press opens the node menu; a drag moves a node, draws a line from the
 * edge handle (or with Shift) or pans the background; Ctrl+scroll and pinch
 * zoom around the pointer, scrolling pans.
 */

#define G_LOG_DOMAIN "CrmStakeholderCanvas"

#include "config.h"

#include <math.h>

#include "crm-stakeholder-canvas-private.h"

#define DRAG_THRESHOLD  6.0   /* pixels before a press becomes a drag */
#define WHEEL_STEP      48.0  /* pixels per wheel notch */
#define AUTOSCROLL_EDGE  32.0  /* pixels from an edge where a drag scrolls the view */
#define AUTOSCROLL_SPEED 16.0  /* pixels per frame at the very edge */

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (widget == ancestor)
      return TRUE;
  return FALSE;
}

/* --- the edge handle --- */

/* The handle sits on the hovered node, else on the selected one. */
void
_crm_stakeholder_canvas_update_handle (CrmStakeholderCanvas *self)
{
  gint64 person = self->selected;
  gboolean visible;

  if (self->pointer_inside && self->drag == CRM_CANVAS_DRAG_NONE)
    {
      GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), self->pointer_x, self->pointer_y,
                                           GTK_PICK_DEFAULT);
      CrmStakeholderNode *node = _crm_stakeholder_canvas_node_at (self, self->pointer_x, self->pointer_y);

      if (node != NULL)
        person = crm_stakeholder_node_get_person_id (node);
      else if (is_inside (picked, self->handle))
        person = self->handle_person;
    }
  else if (self->drag == CRM_CANVAS_DRAG_LINK || self->drag == CRM_CANVAS_DRAG_MOVE)
    person = 0;

  /* Zoomed far out the cards are too small to aim a drag at; Shift+drag
   * and the node menu still link them. */
  if (self->pick != CRM_CANVAS_PICK_NONE || self->zoom < CRM_CANVAS_HANDLE_MIN_ZOOM ||
      _crm_stakeholder_canvas_index_of (self, person) < 0)
    person = 0;

  visible = person != 0;
  if (person != self->handle_person || gtk_widget_get_visible (self->handle) != visible)
    {
      self->handle_person = person;
      gtk_widget_set_visible (self->handle, visible);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

/* --- pointer input --- */

static void
on_click_pressed_cb (GtkGestureClick      *gesture,
                     int                   n_press,
                     double                x,
                     double                y,
                     CrmStakeholderCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  CrmStakeholderNode *node;
  gint64 person;

  if (is_inside (picked, self->handle) || is_inside (picked, self->hint))
    return;

  node = _crm_stakeholder_canvas_node_at (self, x, y);
  person = node != NULL ? crm_stakeholder_node_get_person_id (node) : 0;

  if (button == GDK_BUTTON_SECONDARY)
    {
      if (node == NULL)
        return;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->pick == CRM_CANVAS_PICK_NONE)
        _crm_stakeholder_canvas_select (self, person, TRUE, FALSE);
      _crm_stakeholder_canvas_show_menu (self, person, &(GdkRectangle) { x, y, 1, 1 });
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;

  if (node == NULL)
    {
      if (self->pick != CRM_CANVAS_PICK_NONE)
        _crm_stakeholder_canvas_cancel_pick (self);
      else
        _crm_stakeholder_canvas_select (self, 0, FALSE, FALSE);
      return;
    }

  if (self->pick != CRM_CANVAS_PICK_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      _crm_stakeholder_canvas_pick_target (self, person);
      return;
    }

  _crm_stakeholder_canvas_select (self, person, TRUE, FALSE);
  if (n_press == 2)
    _crm_stakeholder_canvas_activate (self, person, TRUE);
}

/* Touch: a long press opens the node menu, as a right click does. */
static void
on_long_press_cb (GtkGestureLongPress  *gesture,
                  double                x,
                  double                y,
                  CrmStakeholderCanvas *self)
{
  CrmStakeholderNode *node = _crm_stakeholder_canvas_node_at (self, x, y);
  gint64 person;

  if (node == NULL)
    return;
  person = crm_stakeholder_node_get_person_id (node);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->pick == CRM_CANVAS_PICK_NONE)
    _crm_stakeholder_canvas_select (self, person, TRUE, FALSE);
  _crm_stakeholder_canvas_show_menu (self, person, &(GdkRectangle) { x, y, 1, 1 });
}

static void
on_drag_begin_cb (GtkGestureDrag       *gesture,
                  double                x,
                  double                y,
                  CrmStakeholderCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  CrmStakeholderNode *node = _crm_stakeholder_canvas_node_at (self, x, y);

  self->drag = CRM_CANVAS_DRAG_NONE;
  self->drag_moved = FALSE;
  self->drag_start_x = x;
  self->drag_start_y = y;

  if (is_inside (picked, self->hint) || self->map == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (button == GDK_BUTTON_PRIMARY && self->pick == CRM_CANVAS_PICK_NONE &&
      (is_inside (picked, self->handle) || (node != NULL && (state & GDK_SHIFT_MASK) != 0)))
    {
      self->drag = CRM_CANVAS_DRAG_LINK;
      self->drag_person = node != NULL ? crm_stakeholder_node_get_person_id (node) : self->handle_person;
      self->link_target = 0;
    }
  else if (button == GDK_BUTTON_PRIMARY && node != NULL && self->pick == CRM_CANVAS_PICK_NONE)
    {
      const CrmLayoutPoint *point;
      double mx, my;
      int index;

      self->drag = CRM_CANVAS_DRAG_MOVE;
      self->drag_person = crm_stakeholder_node_get_person_id (node);
      index = _crm_stakeholder_canvas_index_of (self, self->drag_person);
      point = &g_array_index (self->points, CrmLayoutPoint, index);
      _crm_stakeholder_canvas_to_map (self, x, y, &mx, &my);
      self->drag_grab_x = mx - point->x;
      self->drag_grab_y = my - point->y;
    }
  else if ((button == GDK_BUTTON_PRIMARY && node == NULL) || button == GDK_BUTTON_MIDDLE)
    {
      self->drag = CRM_CANVAS_DRAG_PAN;
      self->pan_h0 = gtk_adjustment_get_value (self->hadjustment);
      self->pan_v0 = gtk_adjustment_get_value (self->vadjustment);
    }
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
set_link_target (CrmStakeholderCanvas *self,
                 gint64                person)
{
  int index;

  if (person == self->link_target)
    return;

  index = _crm_stakeholder_canvas_index_of (self, self->link_target);
  if (index >= 0)
    gtk_widget_remove_css_class (g_ptr_array_index (self->nodes, index), "link-target");
  self->link_target = person;
  index = _crm_stakeholder_canvas_index_of (self, person);
  if (index >= 0)
    gtk_widget_add_css_class (g_ptr_array_index (self->nodes, index), "link-target");
}

/* Moves the dragged node, or the end of the dragged line, under the pointer
 * at (@x, @y). */
static void
drag_to (CrmStakeholderCanvas *self,
         double                x,
         double                y)
{
  if (self->drag == CRM_CANVAS_DRAG_MOVE)
    {
      int index = _crm_stakeholder_canvas_index_of (self, self->drag_person);
      CrmLayoutPoint *point;
      double mx, my;

      if (index < 0)
        return;
      point = &g_array_index (self->points, CrmLayoutPoint, index);
      _crm_stakeholder_canvas_to_map (self, x, y, &mx, &my);
      point->x = mx - self->drag_grab_x;
      point->y = my - self->drag_grab_y;
      _crm_stakeholder_canvas_invalidate (self);
    }
  else if (self->drag == CRM_CANVAS_DRAG_LINK)
    {
      CrmStakeholderNode *node = _crm_stakeholder_canvas_node_at (self, x, y);
      gint64 person = node != NULL ? crm_stakeholder_node_get_person_id (node) : 0;

      self->link_x = x;
      self->link_y = y;
      set_link_target (self, person != self->drag_person ? person : 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Pixels per frame to scroll when the pointer is within AUTOSCROLL_EDGE of
 * an edge, faster the nearer it is. */
static double
edge_speed (double position,
            int    size)
{
  if (position < AUTOSCROLL_EDGE)
    return -AUTOSCROLL_SPEED * (AUTOSCROLL_EDGE - MAX (position, 0)) / AUTOSCROLL_EDGE;
  if (position > size - AUTOSCROLL_EDGE)
    return AUTOSCROLL_SPEED * (MIN (position, size) - (size - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  return 0;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  double dx = edge_speed (self->drag_x, gtk_widget_get_width (widget));
  double dy = edge_speed (self->drag_y, gtk_widget_get_height (widget));

  if ((self->drag != CRM_CANVAS_DRAG_MOVE && self->drag != CRM_CANVAS_DRAG_LINK) || (dx == 0 && dy == 0))
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }
  _crm_stakeholder_canvas_scroll_by (self, dx, dy);
  drag_to (self, self->drag_x, self->drag_y);
  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (CrmStakeholderCanvas *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
}

static void
on_drag_update_cb (GtkGestureDrag       *gesture,
                   double                dx,
                   double                dy,
                   CrmStakeholderCanvas *self)
{
  double x = self->drag_start_x + dx;
  double y = self->drag_start_y + dy;

  if (self->drag == CRM_CANVAS_DRAG_NONE)
    return;
  if (!self->drag_moved)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      self->drag_moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->drag == CRM_CANVAS_DRAG_PAN)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      else if (self->drag == CRM_CANVAS_DRAG_LINK)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
      _crm_stakeholder_canvas_update_handle (self);
    }

  self->drag_x = x;
  self->drag_y = y;
  if (self->drag == CRM_CANVAS_DRAG_PAN)
    {
      gtk_adjustment_set_value (self->hadjustment, self->pan_h0 - dx);
      gtk_adjustment_set_value (self->vadjustment, self->pan_v0 - dy);
      return;
    }

  drag_to (self, x, y);
  /* Near an edge the view follows the node or the line. */
  if (self->autoscroll_id == 0 &&
      (edge_speed (x, gtk_widget_get_width (GTK_WIDGET (self))) != 0 ||
       edge_speed (y, gtk_widget_get_height (GTK_WIDGET (self))) != 0))
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

static void
end_drag (CrmStakeholderCanvas *self,
          gboolean              commit)
{
  CrmCanvasDrag drag = self->drag;
  gint64 target = self->link_target;

  /* Once only: a reset gesture emits both "cancel" and "drag-end". */
  if (drag == CRM_CANVAS_DRAG_NONE)
    return;
  self->drag = CRM_CANVAS_DRAG_NONE;
  stop_autoscroll (self);
  set_link_target (self, 0);
  if (self->pick != CRM_CANVAS_PICK_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  else
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (!self->drag_moved)
    return;

  if (drag == CRM_CANVAS_DRAG_MOVE)
    {
      int index = _crm_stakeholder_canvas_index_of (self, self->drag_person);

      if (commit && index >= 0)
        {
          const CrmLayoutPoint *point = &g_array_index (self->points, CrmLayoutPoint, index);

          _crm_stakeholder_canvas_place (self, self->drag_person, point->x, point->y);
        }
      else
        _crm_stakeholder_canvas_relayout (self);
    }
  else if (drag == CRM_CANVAS_DRAG_LINK && commit && target != 0)
    _crm_stakeholder_canvas_show_link_menu (self, self->drag_person, target, self->link_x, self->link_y);

  _crm_stakeholder_canvas_update_handle (self);
}

static void
on_drag_end_cb (GtkGestureDrag       *gesture,
                double                dx,
                double                dy,
                CrmStakeholderCanvas *self)
{
  end_drag (self, TRUE);
}

static void
on_drag_cancel_cb (GtkGesture           *gesture,
                   GdkEventSequence     *sequence,
                   CrmStakeholderCanvas *self)
{
  end_drag (self, FALSE);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              CrmStakeholderCanvas     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      /* A notch is one zoom step; a touchpad zooms smoothly. */
      double factor = wheel ? pow (CRM_CANVAS_ZOOM_STEP, -dy) : pow (1.01, -dy);

      _crm_stakeholder_canvas_zoom_around (self, self->zoom * factor, x, y);
      return TRUE;
    }

  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (wheel)
    {
      dx *= WHEEL_STEP;
      dy *= WHEEL_STEP;
    }
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  return TRUE;
}

static void
on_zoom_begin_cb (GtkGesture           *gesture,
                  GdkEventSequence     *sequence,
                  CrmStakeholderCanvas *self)
{
  self->pinch_zoom0 = self->zoom;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom       *gesture,
                          double                scale,
                          CrmStakeholderCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  _crm_stakeholder_canvas_zoom_around (self, self->pinch_zoom0 * scale, x, y);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              CrmStakeholderCanvas     *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  _crm_stakeholder_canvas_update_handle (self);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             CrmStakeholderCanvas     *self)
{
  self->pointer_inside = FALSE;
  _crm_stakeholder_canvas_update_handle (self);
}

void
_crm_stakeholder_canvas_init_input (CrmStakeholderCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  self->drag_gesture = gesture;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Escape during a drag: the node goes back, the line is dropped. */
gboolean
_crm_stakeholder_canvas_cancel_drag (CrmStakeholderCanvas *self)
{
  if (self->drag == CRM_CANVAS_DRAG_NONE || self->drag_gesture == NULL)
    return FALSE;
  end_drag (self, FALSE);
  gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
  return TRUE;
}

void
_crm_stakeholder_canvas_dispose_input (CrmStakeholderCanvas *self)
{
  stop_autoscroll (self);
  self->drag = CRM_CANVAS_DRAG_NONE;
  self->drag_gesture = NULL;
}
