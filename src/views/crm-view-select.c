/* crm-view-select.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmView: selection mode of the record tables, for a mouse or a
 * finger as much as for the keyboard.  The "Select" toggle
 * (view.selecting), or anything that selects a row (Space, Ctrl+A, a
 * Ctrl or Shift click, a long press, the row menu), starts it: a column of
 * check buttons shows, a click or Enter on a row selects or deselects it
 * instead of opening the record, and the selection bar offers the bulk
 * actions.  Escape, the toggle and the bar's close button leave it and drop
 * the selection, as do another view and a new filter (crm-view.c).  Outside
 * it a click opens the record, and the arrow keys and hovering select
 * nothing (the selection is additive: crm-id-selection.h).
 */

#define G_LOG_DOMAIN "CrmView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-paged-model.h"
#include "crm-view-private.h"

#define VIEW_KEY "crm-view"

/* --- the check column --- */

/* "Select Ada Lovelace": the name column's text, once the record is read. */
static void
update_check_label (GtkWidget    *check,
                    CrmPagedItem *item)
{
  CrmView *view = g_object_get_data (G_OBJECT (check), VIEW_KEY);
  CrmViewPrivate *priv = _crm_view_get_private (view);
  CrmRecord *record = item != NULL ? crm_paged_item_get_record (item) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (record != NULL && priv->n_columns > 0)
    name = priv->columns[0].cell (view, record);
  if (name != NULL && name[0] != '\0')
    /* Translators: the check button of a row in selection mode; %s is the
     * person's or the organization's name */
    label = g_strdup_printf (_("Select %s"), name);
  else
    label = g_strdup (C_("row check button", "Select"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_item_notify_record_cb (GtkWidget    *check,
                          GParamSpec   *pspec,
                          CrmPagedItem *item)
{
  update_check_label (check, item);
}

static void
on_list_item_notify_selected_cb (GtkCheckButton *check,
                                 GParamSpec     *pspec,
                                 GtkListItem    *list_item)
{
  gtk_check_button_set_active (check, gtk_list_item_get_selected (list_item));
}

/* A screen reader (or anything else) toggled the check button: the list
 * selects or deselects the row, as Space would. */
static void
on_check_toggled_cb (GtkCheckButton *check,
                     GtkListItem    *list_item)
{
  guint position = gtk_list_item_get_position (list_item);
  gboolean active = gtk_check_button_get_active (check);

  if (position == GTK_INVALID_LIST_POSITION || active == gtk_list_item_get_selected (list_item))
    return;

  gtk_widget_activate_action (GTK_WIDGET (check), "list.select-item", "(ubb)", position, TRUE, FALSE);
  /* A row still loading has no id to select: the box shows the truth. */
  if (gtk_check_button_get_active (check) != gtk_list_item_get_selected (list_item))
    gtk_check_button_set_active (check, gtk_list_item_get_selected (list_item));
}

static void
on_check_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CrmView                  *self)
{
  GtkWidget *check = gtk_check_button_new ();

  /* The row has the focus and Space; a click anywhere on the row is
   * the view's (on_pressed_cb). */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), VIEW_KEY, self);
  _crm_view_remember_list_item (check, list_item);
  g_signal_connect_object (list_item, "notify::selected",
                           G_CALLBACK (on_list_item_notify_selected_cb), check, G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), list_item, 0);
  gtk_list_item_set_child (list_item, check);
}

static void
on_check_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CrmView                  *self)
{
  GtkWidget *check = gtk_list_item_get_child (list_item);
  CrmPagedItem *item = gtk_list_item_get_item (list_item);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), gtk_list_item_get_selected (list_item));
  if (item != NULL)
    g_signal_connect_object (item, "notify::record", G_CALLBACK (on_item_notify_record_cb), check,
                             G_CONNECT_SWAPPED);
  update_check_label (check, item);
}

static void
on_check_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmView                  *self)
{
  GtkWidget *check = gtk_list_item_get_child (list_item);
  CrmPagedItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify_record_cb, check);
}

/* --- clicks --- */

/* The widget at (@x, @y) of @widget and the position of the row it is in;
 * FALSE outside the rows. */
static gboolean
pick_row (GtkWidget  *widget,
          double      x,
          double      y,
          GtkWidget **picked,
          guint      *position)
{
  GtkListItem *list_item;

  *picked = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  if (*picked == NULL || (list_item = _crm_view_find_list_item (*picked)) == NULL)
    return FALSE;
  *position = gtk_list_item_get_position (list_item);
  return *position != GTK_INVALID_LIST_POSITION;
}

/* In selection mode a plain click picks the row (the list would select it
 * alone); outside it a Ctrl or Shift click starts the mode with the row (the
 * list would open it: a single click activates).  The list does the rest:
 * Ctrl and Shift clicks in the mode, plain clicks outside it. */
static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               CrmView         *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);
  gboolean modified = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  GtkWidget *picked;
  guint position;

  if (priv->selecting == modified || !pick_row (widget, x, y, &picked, &position))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* Through the list, so that a Shift click extends from this row. */
  gtk_widget_activate_action (picked, "list.select-item", "(ubb)", position, TRUE, FALSE);
}

/* A long press (touch) starts selection mode with the row, as in Files. */
static void
on_long_pressed_cb (GtkGestureLongPress *gesture,
                    double               x,
                    double               y,
                    CrmView             *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;
  guint position;

  if (priv->selecting || !pick_row (widget, x, y, &picked, &position))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_activate_action (picked, "list.select-item", "(ubb)", position, TRUE, FALSE);
}

/* --- actions --- */

/* Every row of the query: one flag, whatever the number of rows. */
static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GtkSelectionModel *selection = crm_view_get_selection (CRM_VIEW (widget));

  if (selection != NULL)
    gtk_selection_model_select_all (selection);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  crm_view_set_selecting (CRM_VIEW (widget), FALSE);
}

void
_crm_view_apply_selecting (CrmView *self)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  gboolean mode = priv->selecting;

  if (!mode && priv->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (priv->selection));
  if (priv->select_column != NULL)
    gtk_column_view_column_set_visible (priv->select_column, mode);
  /* A click opens a record, or in selection mode picks it (on_pressed_cb). */
  if (priv->column_view != NULL)
    gtk_column_view_set_single_click_activate (priv->column_view, !mode);
  _crm_view_update_bars (self);
}

void
_crm_view_install_select_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "view.selecting", "selecting");
  gtk_widget_class_install_action (widget_class, "view.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "view.select-none", NULL, select_none_action);

  /* The list has its own Ctrl+A; this one works from the toolbar too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "view.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "view.select-none", NULL);
}

void
_crm_view_init_select (CrmView       *self,
                       GtkColumnView *column_view)
{
  CrmViewPrivate *priv = _crm_view_get_private (self);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_check_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_check_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_check_unbind_cb), self);
  priv->select_column = gtk_column_view_column_new (NULL, g_object_ref (factory));
  gtk_column_view_column_set_visible (priv->select_column, FALSE);
  gtk_column_view_insert_column (column_view, 0, priv->select_column);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  /* Before the rows' own gestures. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (long_press));

  gtk_column_view_set_single_click_activate (column_view, TRUE);
}
