/* crm-stakeholder-canvas-keys.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyboard and menu twins of the canvas's drags: the "canvas" actions,
 * the key bindings, the node menu, the menu after a line is dragged, and
 * the pick mode of Set Manager… and Add Influence Link….  Every edit goes to
 * the map; a refused or failed edit is emitted as "error".
 */

#define G_LOG_DOMAIN "CrmStakeholderCanvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "crm-keys.h"
#include "crm-stakeholder-canvas-private.h"

static const CrmMapNode *
find_node (CrmStakeholderCanvas *self,
           gint64                person_id)
{
  int index = _crm_stakeholder_canvas_index_of (self, person_id);

  return index >= 0 ? crm_stakeholder_map_get_node (self->map, index) : NULL;
}

/* @name with its underscores doubled, for a menu label. */
static char *
escape_mnemonic (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name != NULL ? name : "", "_", -1);

  return g_strjoinv ("__", parts);
}

static const char *
node_name (CrmStakeholderCanvas *self,
           gint64                person_id)
{
  const CrmMapNode *node = find_node (self, person_id);

  return node != NULL ? node->name : "";
}

/* The node with the keyboard focus, else the selected one; 0 for none. */
static gint64
current_person (CrmStakeholderCanvas *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (focus != NULL && CRM_IS_STAKEHOLDER_NODE (focus))
    return crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (focus));
  if (_crm_stakeholder_canvas_index_of (self, self->selected) >= 0)
    return self->selected;
  return 0;
}

/* --- edits --- */

static void
on_edit_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmStakeholderCanvas) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_stakeholder_map_edit_finish (CRM_STAKEHOLDER_MAP (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("An edit of the map failed: %s", error->message);
  _crm_stakeholder_canvas_emit_error (self, error->message);
}

void
_crm_stakeholder_canvas_place (CrmStakeholderCanvas *self,
                               gint64                person_id,
                               double                x,
                               double                y)
{
  g_assert (CRM_IS_STAKEHOLDER_CANVAS (self));

  if (self->map == NULL)
    return;
  crm_stakeholder_map_place_async (self->map, person_id, round (x), round (y), self->cancellable,
                                   on_edit_done_cb, g_object_ref (self));
}

static void
connect_manager (CrmStakeholderCanvas *self,
                 gint64                person_id,
                 gint64                manager_id)
{
  crm_stakeholder_map_add_manager_async (self->map, person_id, manager_id, self->cancellable,
                                         on_edit_done_cb, g_object_ref (self));
}

static void
connect_influence (CrmStakeholderCanvas *self,
                   gint64                from_id,
                   gint64                to_id)
{
  crm_stakeholder_map_add_influence_async (self->map, from_id, to_id, "medium", self->cancellable,
                                           on_edit_done_cb, g_object_ref (self));
}

/* --- pick mode --- */

static void
start_pick (CrmStakeholderCanvas *self,
            CrmCanvasPick         pick,
            gint64                person_id)
{
  g_autofree char *text = NULL;
  const char *name;

  if (find_node (self, person_id) == NULL)
    {
      _crm_stakeholder_canvas_emit_error (self, _("This person is not on the map."));
      return;
    }
  name = node_name (self, person_id);

  self->pick = pick;
  self->pick_source = person_id;
  if (pick == CRM_CANVAS_PICK_MANAGER)
    /* TRANSLATORS: shown over the map after Set Manager…; %s is the person */
    text = g_strdup_printf (_("Choose the manager of %s, then press Enter or click"), name);
  else
    /* TRANSLATORS: shown over the map after Add Influence Link…; %s is the person */
    text = g_strdup_printf (_("Choose whom %s influences, then press Enter or click"), name);
  gtk_label_set_text (GTK_LABEL (self->hint_label), text);
  gtk_widget_set_visible (self->hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "picking");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

  _crm_stakeholder_canvas_select (self, person_id, TRUE, TRUE);
  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
}

void
_crm_stakeholder_canvas_cancel_pick (CrmStakeholderCanvas *self)
{
  gint64 source = self->pick_source;
  gboolean had_focus;

  if (self->pick == CRM_CANVAS_PICK_NONE)
    return;

  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL;
  self->pick = CRM_CANVAS_PICK_NONE;
  self->pick_source = 0;
  if (self->hint != NULL)
    gtk_widget_set_visible (self->hint, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "picking");
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  /* Back to the person the pick started from. */
  if (had_focus)
    _crm_stakeholder_canvas_select (self, source, TRUE, TRUE);
  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
}

gboolean
_crm_stakeholder_canvas_pick_target (CrmStakeholderCanvas *self,
                                     gint64                person_id)
{
  CrmCanvasPick pick = self->pick;
  gint64 source = self->pick_source;

  if (pick == CRM_CANVAS_PICK_NONE)
    return FALSE;

  _crm_stakeholder_canvas_cancel_pick (self);
  _crm_stakeholder_canvas_select (self, source, TRUE, FALSE);
  if (pick == CRM_CANVAS_PICK_MANAGER)
    connect_manager (self, source, person_id);
  else
    connect_influence (self, source, person_id);
  return TRUE;
}

void
_crm_stakeholder_canvas_activate (CrmStakeholderCanvas *self,
                                  gint64                person_id,
                                  gboolean              open)
{
  if (_crm_stakeholder_canvas_pick_target (self, person_id))
    return;
  if (open)
    _crm_stakeholder_canvas_emit_activate (self, person_id);
}

/* --- menus --- */

static GMenuItem *
item_xx (const char *label,
         const char *action,
         gint64      a,
         gint64      b)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new ("(xx)", a, b));
  return item;
}

static GMenuModel *
build_remove_managers (CrmStakeholderCanvas *self,
                       gint64                person_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GArray) managers = crm_stakeholder_map_dup_managers (self->map, person_id);

  for (guint i = 0; i < managers->len; i++)
    {
      gint64 manager = g_array_index (managers, gint64, i);
      g_autofree char *label = escape_mnemonic (node_name (self, manager));
      g_autoptr(GMenuItem) item = item_xx (label, "canvas.remove-manager", person_id, manager);

      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GMenuModel *
build_remove_influences (CrmStakeholderCanvas *self,
                         gint64                person_id)
{
  GMenu *menu = g_menu_new ();
  guint n = crm_stakeholder_map_get_n_edges (self->map);

  for (guint i = 0; i < n; i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, i);
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (edge->kind != CRM_MAP_EDGE_INFLUENCES || (edge->from != person_id && edge->to != person_id))
        continue;
      if (edge->from == person_id)
        {
          name = escape_mnemonic (node_name (self, edge->to));
          /* TRANSLATORS: an influence link in the Remove Influence Link menu; %s is a person */
          label = g_strdup_printf (_("Influences %s"), name);
        }
      else
        {
          name = escape_mnemonic (node_name (self, edge->from));
          /* TRANSLATORS: an influence link in the Remove Influence Link menu; %s is a person */
          label = g_strdup_printf (_("Influenced by %s"), name);
        }
      item = item_xx (label, "canvas.remove-influence", edge->from, edge->to);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
on_menu_choice_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CrmStakeholderCanvas *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *canvas_action = g_strconcat ("canvas.set-", name, NULL);
  gint64 person = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (action), "person"));

  g_simple_action_set_state (action, parameter);
  gtk_widget_activate_action (GTK_WIDGET (self), canvas_action, "(xs)",
                              person, g_variant_get_string (parameter, NULL));
}

/* The radio lists of the node menu: "node.role", "node.influence" and
 * "node.attitude", whose state is the node's key. */
static GSimpleActionGroup *
build_choice_actions (CrmStakeholderCanvas *self,
                      const CrmMapNode     *node)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  const char *names[] = { "role", "influence", "attitude" };
  const char *values[] = { node->role, node->influence, node->attitude };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (names[i], G_VARIANT_TYPE_STRING,
                                      g_variant_new_string (values[i] != NULL ? values[i] : ""));

      /* Person ids fit a pointer on every platform GTK 4 runs on. */
      g_object_set_data (G_OBJECT (action), "person", GSIZE_TO_POINTER ((gsize) node->person_id));
      g_signal_connect_object (action, "activate", G_CALLBACK (on_menu_choice_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  return group;
}

static void
append_choice (GMenu      *menu,
               const char *action,
               const char *key,
               const char *label)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (key));
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_node_menu (CrmStakeholderCanvas *self,
                 const CrmMapNode     *node)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) lines = g_menu_new ();
  g_autoptr(GMenu) attributes = g_menu_new ();
  g_autoptr(GMenu) roles = g_menu_new ();
  g_autoptr(GMenu) levels = g_menu_new ();
  g_autoptr(GMenu) stances = g_menu_new ();
  g_autoptr(GMenuModel) managers = build_remove_managers (self, node->person_id);
  g_autoptr(GMenuModel) links = build_remove_influences (self, node->person_id);
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target_value (item, "canvas.open-person", g_variant_new_int64 (node->person_id));
  g_menu_append_item (open, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  g_clear_object (&item);
  item = g_menu_item_new (_("Set _Manager…"), NULL);
  g_menu_item_set_action_and_target_value (item, "canvas.set-manager", g_variant_new_int64 (node->person_id));
  g_menu_append_item (lines, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Add _Influence Link…"), NULL);
  g_menu_item_set_action_and_target_value (item, "canvas.add-influence", g_variant_new_int64 (node->person_id));
  g_menu_append_item (lines, item);
  if (g_menu_model_get_n_items (managers) > 0)
    g_menu_append_submenu (lines, _("_Remove Manager"), managers);
  if (g_menu_model_get_n_items (links) > 0)
    g_menu_append_submenu (lines, _("Remove Influence _Link"), links);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (lines));

  append_choice (roles, "node.role", "", C_("stakeholder role", "None"));
  for (guint i = 0; i < CRM_KEYS_N_ROLE; i++)
    append_choice (roles, "node.role", crm_keys_role[i].key,
                   crm_keys_get_label ("role", crm_keys_role[i].key));
  for (guint i = 0; i < CRM_KEYS_N_INFLUENCE; i++)
    append_choice (levels, "node.influence", crm_keys_influence[i].key,
                   crm_keys_get_label ("influence", crm_keys_influence[i].key));
  for (guint i = 0; i < CRM_KEYS_N_ATTITUDE; i++)
    append_choice (stances, "node.attitude", crm_keys_attitude[i].key,
                   crm_keys_get_label ("attitude", crm_keys_attitude[i].key));
  g_menu_append_submenu (attributes, _("R_ole"), G_MENU_MODEL (roles));
  g_menu_append_submenu (attributes, _("Infl_uence"), G_MENU_MODEL (levels));
  g_menu_append_submenu (attributes, _("_Attitude"), G_MENU_MODEL (stances));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (attributes));

  return G_MENU_MODEL (menu);
}

static void
on_menu_closed_cb (GtkPopover           *popover,
                   CrmStakeholderCanvas *self)
{
  gint64 person = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "person"));
  GtkWidget *node;

  /* The keyboard goes back to the node the menu was about (or, picking, its source). */
  if (self->pick != CRM_CANVAS_PICK_NONE)
    person = self->pick_source;
  node = crm_stakeholder_canvas_get_node (self, person);
  if (node != NULL && gtk_widget_get_mapped (node))
    gtk_widget_grab_focus (node);
}

/* One popover at a time, made for its node and dropped when the next opens. */
static GtkWidget *
replace_popover (CrmStakeholderCanvas *self,
                 GtkWidget           **slot,
                 GMenuModel           *model,
                 gint64                person_id,
                 const GdkRectangle   *rect)
{
  GtkWidget *popover;

  if (*slot != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (*slot));
      g_clear_pointer (slot, gtk_widget_unparent);
    }

  popover = gtk_popover_menu_new_from_model (model);
  g_object_set_data (G_OBJECT (popover), "person", GSIZE_TO_POINTER ((gsize) person_id));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), rect);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_menu_closed_cb), self, 0);
  *slot = popover;
  return popover;
}

void
_crm_stakeholder_canvas_show_menu (CrmStakeholderCanvas *self,
                                   gint64                person_id,
                                   const GdkRectangle   *rect)
{
  const CrmMapNode *node = find_node (self, person_id);
  g_autoptr(GMenuModel) model = NULL;
  g_autoptr(GSimpleActionGroup) group = NULL;
  GdkRectangle pointing;
  GtkWidget *popover;

  if (node == NULL)
    return;

  if (rect != NULL)
    pointing = *rect;
  else
    {
      graphene_rect_t bounds;

      _crm_stakeholder_canvas_node_rect (self, crm_stakeholder_map_find_node (self->map, person_id), &bounds);
      pointing = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
    }

  model = build_node_menu (self, node);
  group = build_choice_actions (self, node);
  popover = replace_popover (self, &self->menu, model, person_id, &pointing);
  gtk_widget_insert_action_group (popover, "node", G_ACTION_GROUP (group));
  gtk_popover_popup (GTK_POPOVER (popover));
}

void
_crm_stakeholder_canvas_show_link_menu (CrmStakeholderCanvas *self,
                                        gint64                from,
                                        gint64                to,
                                        double                x,
                                        double                y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *name = escape_mnemonic (node_name (self, to));
  g_autofree char *reports = NULL;
  g_autofree char *influences_label = NULL;
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *popover;

  /* TRANSLATORS: after dragging a line from one person to another; %s is the other person */
  reports = g_strdup_printf (_("Reports to %s"), name);
  /* TRANSLATORS: after dragging a line from one person to another; %s is the other person */
  influences_label = g_strdup_printf (_("Influences %s"), name);

  item = item_xx (reports, "canvas.connect-manager", from, to);
  g_menu_append_item (menu, item);
  g_clear_object (&item);
  item = item_xx (influences_label, "canvas.connect-influence", from, to);
  g_menu_append_item (menu, item);

  popover = replace_popover (self, &self->link_menu, G_MENU_MODEL (menu), from,
                             &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* --- actions --- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    crm_stakeholder_canvas_set_zoom (self, self->zoom * CRM_CANVAS_ZOOM_STEP);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    crm_stakeholder_canvas_set_zoom (self, self->zoom / CRM_CANVAS_ZOOM_STEP);
  else
    {
      /* Zoom to Fit shows the whole map, however small. */
      self->fit_whole = TRUE;
      crm_stakeholder_canvas_zoom_to_fit (self);
    }
}

static void
tidy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  if (self->map == NULL)
    return;
  crm_stakeholder_map_clear_places_async (self->map, self->cancellable,
                                          on_edit_done_cb, g_object_ref (self));
}

static void
open_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  gint64 person = g_variant_get_int64 (parameter);

  if (find_node (self, person) != NULL)
    _crm_stakeholder_canvas_emit_activate (self, person);
}

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  if (self->map == NULL)
    return;
  start_pick (self,
              g_str_equal (action_name, "canvas.set-manager") ? CRM_CANVAS_PICK_MANAGER
                                                              : CRM_CANVAS_PICK_INFLUENCED,
              g_variant_get_int64 (parameter));
}

static void
cancel_pick_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _crm_stakeholder_canvas_cancel_pick (CRM_STAKEHOLDER_CANVAS (widget));
}

static void
line_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  gint64 a, b;

  if (self->map == NULL)
    return;
  g_variant_get (parameter, "(xx)", &a, &b);

  if (g_str_equal (action_name, "canvas.connect-manager"))
    connect_manager (self, a, b);
  else if (g_str_equal (action_name, "canvas.connect-influence"))
    connect_influence (self, a, b);
  else if (g_str_equal (action_name, "canvas.remove-manager"))
    crm_stakeholder_map_remove_manager_async (self->map, a, b, self->cancellable,
                                              on_edit_done_cb, g_object_ref (self));
  else
    crm_stakeholder_map_remove_influence_async (self->map, a, b, self->cancellable,
                                                on_edit_done_cb, g_object_ref (self));
}

static void
attribute_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  const char *attribute = action_name + strlen ("canvas.set-");
  const char *value;
  gint64 person;

  if (self->map == NULL)
    return;
  g_variant_get (parameter, "(x&s)", &person, &value);
  crm_stakeholder_map_set_attribute_async (self->map, person, attribute, value, self->cancellable,
                                           on_edit_done_cb, g_object_ref (self));
}

static void
move_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  gint64 person;
  double dx, dy, x, y;

  g_variant_get (parameter, "(xdd)", &person, &dx, &dy);
  if (!crm_stakeholder_canvas_get_position (self, person, &x, &y))
    {
      _crm_stakeholder_canvas_emit_error (self, _("This person is not on the map."));
      return;
    }
  _crm_stakeholder_canvas_place (self, person, x + dx, y + dy);
  self->reveal = person;
  gtk_widget_queue_allocate (widget);
}

/* --- key bindings --- */

static gboolean
move_focus_binding (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  gint64 person = current_person (self);
  int index = _crm_stakeholder_canvas_index_of (self, person);
  int next;
  gint64 next_person;

  if (index < 0 || self->points == NULL || (guint) index >= self->points->len)
    return FALSE;

  next = crm_stakeholder_layout_neighbour (self->map, self->points, index, g_variant_get_int32 (args));
  if (next < 0 || (guint) next >= self->nodes->len)
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }

  next_person = crm_stakeholder_node_get_person_id (g_ptr_array_index (self->nodes, next));
  if (self->pick != CRM_CANVAS_PICK_NONE)
    {
      /* Picking: the keyboard moves, the selection stays on the source. */
      gtk_widget_grab_focus (g_ptr_array_index (self->nodes, next));
      self->reveal = next_person;
      gtk_widget_queue_allocate (widget);
    }
  else
    _crm_stakeholder_canvas_select (self, next_person, TRUE, TRUE);
  return TRUE;
}

static gboolean
move_node_binding (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);
  double dx, dy;
  gint64 person;

  /* Only the focused node moves: this runs for the whole window (see
   * _crm_stakeholder_canvas_init_keys). */
  if (focus == NULL || !CRM_IS_STAKEHOLDER_NODE (focus) || !gtk_widget_has_focus (focus) ||
      self->pick != CRM_CANVAS_PICK_NONE)
    return FALSE;
  person = crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (focus));
  g_variant_get (args, "(dd)", &dx, &dy);
  gtk_widget_activate_action (widget, "canvas.move-node", "(xdd)", person, dx, dy);
  return TRUE;
}

static gboolean
activate_binding (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  GtkWidget *focus = gtk_widget_get_focus_child (widget);

  if (focus == NULL || !CRM_IS_STAKEHOLDER_NODE (focus))
    return FALSE;
  _crm_stakeholder_canvas_activate (self, crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (focus)),
                                    TRUE);
  return TRUE;
}

static gboolean
menu_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  gint64 person = current_person (self);

  if (person == 0)
    return FALSE;
  _crm_stakeholder_canvas_show_menu (self, person, NULL);
  return TRUE;
}

static gboolean
escape_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  if (_crm_stakeholder_canvas_cancel_drag (self))
    return TRUE;
  if (self->pick == CRM_CANVAS_PICK_NONE)
    return FALSE;
  _crm_stakeholder_canvas_cancel_pick (self);
  return TRUE;
}

static void
add_arrow_bindings (GtkWidgetClass     *widget_class,
                    guint               key,
                    guint               keypad_key,
                    CrmLayoutDirection  direction)
{
  gtk_widget_class_add_binding (widget_class, key, 0, move_focus_binding, "i", direction);
  gtk_widget_class_add_binding (widget_class, keypad_key, 0, move_focus_binding, "i", direction);
}

static gboolean
move_node_root_binding (GtkWidget *root,
                        GVariant  *args,
                        gpointer   user_data)
{
  return move_node_binding (GTK_WIDGET (user_data), args, NULL);
}

static void
add_move_shortcuts (CrmStakeholderCanvas *self,
                    guint                 key,
                    guint                 keypad_key,
                    double                dx,
                    double                dy)
{
  guint keys[] = { key, keypad_key };

  /* The controller lives no longer than the canvas: it is on the window
   * only while the canvas is (root/unroot). */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->root_keys),
                                          gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i], GDK_ALT_MASK),
                                                                           gtk_callback_action_new (move_node_root_binding, self, NULL),
                                                                           "(dd)", dx, dy));
}

void
_crm_stakeholder_canvas_class_init_keys (GtkWidgetClass *widget_class)
{
  const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                  GDK_KEY_space, GDK_KEY_KP_Space };

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.tidy", NULL, tidy_action);
  gtk_widget_class_install_action (widget_class, "canvas.open-person", "x", open_person_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-manager", "x", pick_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-influence", "x", pick_action);
  gtk_widget_class_install_action (widget_class, "canvas.cancel-pick", NULL, cancel_pick_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect-manager", "(xx)", line_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect-influence", "(xx)", line_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-manager", "(xx)", line_action);
  gtk_widget_class_install_action (widget_class, "canvas.remove-influence", "(xx)", line_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-role", "(xs)", attribute_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-influence", "(xs)", attribute_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-attitude", "(xs)", attribute_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-node", "(xdd)", move_node_action);

  add_arrow_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, CRM_LAYOUT_UP);
  add_arrow_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, CRM_LAYOUT_DOWN);
  add_arrow_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, CRM_LAYOUT_LEFT);
  add_arrow_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, CRM_LAYOUT_RIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding (widget_class, activate_keys[i], 0, activate_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding, NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
}

void
_crm_stakeholder_canvas_init_keys (CrmStakeholderCanvas *self)
{
  const double step = CRM_CANVAS_MOVE_STEP;
  GtkWidget *button;

  /* Alt+arrows move the focused node.  The window's application shortcuts
   * (Alt+Left is Back) run in its capture phase, before any controller of
   * the canvas, so these live on the window (see root) and decline unless a
   * node of this canvas has the focus. */
  self->root_keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
  add_move_shortcuts (self, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -step);
  add_move_shortcuts (self, GDK_KEY_Down, GDK_KEY_KP_Down, 0, step);
  add_move_shortcuts (self, GDK_KEY_Left, GDK_KEY_KP_Left, -step, 0);
  add_move_shortcuts (self, GDK_KEY_Right, GDK_KEY_KP_Right, step, 0);
  g_object_ref_sink (self->root_keys);

  /* The pick mode's hint over the top of the map. */
  self->hint = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->hint, "map-pick-hint");
  gtk_widget_add_css_class (self->hint, "osd");
  self->hint_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->hint_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint_label), 0);
  gtk_widget_set_hexpand (self->hint_label, TRUE);
  gtk_box_append (GTK_BOX (self->hint), self->hint_label);
  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "canvas.cancel-pick");
  gtk_box_append (GTK_BOX (self->hint), button);
  gtk_widget_set_visible (self->hint, FALSE);
  gtk_widget_set_parent (self->hint, GTK_WIDGET (self));

  _crm_stakeholder_canvas_update_actions (self);
}

void
_crm_stakeholder_canvas_root_keys (CrmStakeholderCanvas *self,
                                   gboolean              rooted)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *owner;

  if (self->root_keys == NULL)
    return;
  owner = gtk_event_controller_get_widget (self->root_keys);
  if (owner != NULL)
    gtk_widget_remove_controller (owner, self->root_keys);
  if (rooted && root != NULL)
    gtk_widget_add_controller (root, g_object_ref (self->root_keys));
}

void
_crm_stakeholder_canvas_dispose_keys (CrmStakeholderCanvas *self)
{
  _crm_stakeholder_canvas_root_keys (self, FALSE);
  g_clear_object (&self->root_keys);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->link_menu, gtk_widget_unparent);
}

void
_crm_stakeholder_canvas_update_actions (CrmStakeholderCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->map != NULL ? crm_stakeholder_map_get_n_nodes (self->map) : 0;
  gboolean placed = FALSE;

  for (guint i = 0; i < n && !placed; i++)
    placed = crm_stakeholder_map_get_node (self->map, i)->placed;

  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", n > 0 && self->zoom < CRM_CANVAS_ZOOM_MAX - 1e-6);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", n > 0 && self->zoom > CRM_CANVAS_ZOOM_MIN + 1e-6);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-fit", n > 0);
  gtk_widget_action_set_enabled (widget, "canvas.tidy", placed);
  gtk_widget_action_set_enabled (widget, "canvas.cancel-pick", self->pick != CRM_CANVAS_PICK_NONE);
}
