/* crm-stakeholder-canvas.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas keeps the layout's points (map units) and a view: the zoom and
 * two adjustments in pixels over the drawing's box.  A map point m is drawn
 * at (m - box) * zoom - adjustment + centring offset.  Nodes are children
 * allocated at their points; the background and the lines are one render
 * node cached until the view or the map changes.  Pointer input (click,
 * drag, scroll, pinch) is handled here on the canvas, so that a node being
 * dragged never moves under its own gesture; keys, actions and menus live in
 * crm-stakeholder-canvas-keys.c.
 */

#define G_LOG_DOMAIN "CrmStakeholderCanvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "crm-compat.h"
#include "crm-stakeholder-canvas-private.h"

#define MARGIN         48.0  /* map units around the nodes, for curved links and outlines */
#define REVEAL_MARGIN  24.0  /* pixels kept around a node scrolled into view */
#define HINT_MARGIN    12

enum {
  PROP_0,
  PROP_MAP,
  PROP_SELECTED,
  PROP_ZOOM,
  PROP_STALE_DAYS,
  PROP_NOW,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  ACTIVATE_PERSON,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmStakeholderCanvas, crm_stakeholder_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* --- the view: map units <-> widget pixels --- */

static double
to_widget_x (CrmStakeholderCanvas *self,
             double                mx)
{
  return (mx - self->view_x) * self->zoom;
}

static double
to_widget_y (CrmStakeholderCanvas *self,
             double                my)
{
  return (my - self->view_y) * self->zoom;
}

static double
to_map_x (CrmStakeholderCanvas *self,
          double                wx)
{
  return wx / self->zoom + self->view_x;
}

static double
to_map_y (CrmStakeholderCanvas *self,
          double                wy)
{
  return wy / self->zoom + self->view_y;
}

/* The cairo transformation from map units to widget pixels. */
static void
transform_to_map (CrmStakeholderCanvas *self,
                  cairo_t              *cr)
{
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->view_x, -self->view_y);
}

static void on_adjustment_value_changed_cb (CrmStakeholderCanvas *self);

/* The scrollable range is the drawing and the current view together, so
 * that the view never jumps when a relayout shrinks the drawing; pixels,
 * with map unit 0 at 0. */
static void
configure_adjustment (CrmStakeholderCanvas *self,
                      GtkAdjustment        *adjustment,
                      double                content_start,
                      double                content_size,
                      double                view_start,
                      int                   page)
{
  double lower = MIN (content_start, view_start);
  double upper = MAX (content_start + content_size, view_start + page);

  g_signal_handlers_block_by_func (adjustment, on_adjustment_value_changed_cb, self);
  gtk_adjustment_configure (adjustment, view_start, lower, upper, page * 0.1, page * 0.9, page);
  g_signal_handlers_unblock_by_func (adjustment, on_adjustment_value_changed_cb, self);
}

static void
configure_adjustments (CrmStakeholderCanvas *self)
{
  if (self->hadjustment == NULL || self->vadjustment == NULL)
    return;
  configure_adjustment (self, self->hadjustment, self->bx * self->zoom, self->bw * self->zoom,
                        self->view_x * self->zoom, gtk_widget_get_width (GTK_WIDGET (self)));
  configure_adjustment (self, self->vadjustment, self->by * self->zoom, self->bh * self->zoom,
                        self->view_y * self->zoom, gtk_widget_get_height (GTK_WIDGET (self)));
}

static void drop_static_layer (CrmStakeholderCanvas *self);

/* Shows the map from (@x, @y), map units at the top left corner. */
static void
set_view (CrmStakeholderCanvas *self,
          double                x,
          double                y)
{
  self->view_x = x;
  self->view_y = y;
  configure_adjustments (self);
  if (!self->allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Centres the drawing along the axes where it fits in the widget. */
static void
centre_fitting_axes (CrmStakeholderCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x = self->view_x, y = self->view_y;

  if (self->bw * self->zoom <= width)
    x = self->bx + self->bw / 2 - width / 2.0 / self->zoom;
  if (self->bh * self->zoom <= height)
    y = self->by + self->bh / 2 - height / 2.0 / self->zoom;
  set_view (self, x, y);
}

static void
drop_static_layer (CrmStakeholderCanvas *self)
{
  g_clear_pointer (&self->static_layer, gsk_render_node_unref);
}

/* Redraws the lines and every node (style, text or selection changes). */
static void
redraw_all (CrmStakeholderCanvas *self)
{
  drop_static_layer (self);
  for (guint i = 0; i < self->nodes->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->nodes, i));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_crm_stakeholder_canvas_node_rect (CrmStakeholderCanvas *self,
                                   guint                 index,
                                   graphene_rect_t      *rect)
{
  const CrmLayoutPoint *point;

  g_assert (self->points != NULL && index < self->points->len);

  point = &g_array_index (self->points, CrmLayoutPoint, index);
  graphene_rect_init (rect,
                      to_widget_x (self, point->x - self->metrics.node_width / 2),
                      to_widget_y (self, point->y - self->metrics.node_height / 2),
                      self->metrics.node_width * self->zoom,
                      self->metrics.node_height * self->zoom);
}

int
_crm_stakeholder_canvas_index_of (CrmStakeholderCanvas *self,
                                  gint64                person_id)
{
  if (self->map == NULL || person_id == 0)
    return -1;
  return crm_stakeholder_map_find_node (self->map, person_id);
}

CrmStakeholderNode *
_crm_stakeholder_canvas_node_at (CrmStakeholderCanvas *self,
                                 double                x,
                                 double                y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (CRM_IS_STAKEHOLDER_NODE (widget))
      return CRM_STAKEHOLDER_NODE (widget);
  return NULL;
}

/* Scrolls so that node @index is visible with a margin. */
static void
scroll_to_node (CrmStakeholderCanvas *self,
                guint                 index)
{
  graphene_rect_t rect;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double h = 0, v = 0;

  _crm_stakeholder_canvas_node_rect (self, index, &rect);
  if (rect.origin.x < REVEAL_MARGIN)
    h += rect.origin.x - REVEAL_MARGIN;
  else if (rect.origin.x + rect.size.width > width - REVEAL_MARGIN)
    h += MIN (rect.origin.x + rect.size.width - width + REVEAL_MARGIN, rect.origin.x - REVEAL_MARGIN);
  if (rect.origin.y < REVEAL_MARGIN)
    v += rect.origin.y - REVEAL_MARGIN;
  else if (rect.origin.y + rect.size.height > height - REVEAL_MARGIN)
    v += MIN (rect.origin.y + rect.size.height - height + REVEAL_MARGIN, rect.origin.y - REVEAL_MARGIN);
  if (h != 0 || v != 0)
    {
      self->need_fit = FALSE;
      set_view (self, self->view_x + h / self->zoom, self->view_y + v / self->zoom);
    }
}

/* --- the map: nodes, layout, style --- */

static void on_node_focus_enter_cb (GtkEventControllerFocus *controller,
                                    CrmStakeholderCanvas    *self);

static void
update_clock (CrmStakeholderCanvas *self)
{
  gint64 now = self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;

  if (self->renderer != NULL)
    crm_map_renderer_set_clock (self->renderer, now, self->stale_days);
}

static void
update_style (CrmStakeholderCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  CrmMapStyle style = CRM_MAP_STYLE_LIGHT;

  if (adw_style_manager_get_high_contrast (manager))
    style = CRM_MAP_STYLE_HIGH_CONTRAST;
  else if (adw_style_manager_get_dark (manager))
    style = CRM_MAP_STYLE_DARK;

  self->style = style;
  if (self->renderer != NULL)
    {
      crm_map_renderer_set_style (self->renderer, style);
      crm_map_renderer_invalidate (self->renderer);
    }
  redraw_all (self);
}

/* One node child per map node, in node order; existing children are kept
 * (and keep the keyboard focus) when their person is still on the map. */
static void
sync_nodes (CrmStakeholderCanvas *self)
{
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *nodes = g_ptr_array_new ();
  guint n = self->map != NULL ? crm_stakeholder_map_get_n_nodes (self->map) : 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      CrmStakeholderNode *node = g_ptr_array_index (self->nodes, i);
      gint64 *key = g_new (gint64, 1);

      *key = crm_stakeholder_node_get_person_id (node);
      g_hash_table_insert (old, key, node);
    }

  for (guint i = 0; i < n; i++)
    {
      const CrmMapNode *data = crm_stakeholder_map_get_node (self->map, i);
      CrmStakeholderNode *node = g_hash_table_lookup (old, &data->person_id);
      g_autofree char *label = crm_map_node_describe (data);

      if (node != NULL)
        g_hash_table_remove (old, &data->person_id);
      else
        {
          GtkEventController *controller = gtk_event_controller_focus_new ();

          node = _crm_stakeholder_node_new (data->person_id);
          g_signal_connect (controller, "enter", G_CALLBACK (on_node_focus_enter_cb), self);
          gtk_widget_add_controller (GTK_WIDGET (node), controller);
          gtk_widget_insert_before (GTK_WIDGET (node), GTK_WIDGET (self), self->handle);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (node),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      /* The card ellipsizes a long name or title: the tooltip has them whole. */
      if (data->title != NULL && data->title[0] != '\0')
        {
          g_autofree char *tooltip = g_strdup_printf ("%s\n%s", data->name != NULL ? data->name : "",
                                                      data->title);

          gtk_widget_set_tooltip_text (GTK_WIDGET (node), tooltip);
        }
      else
        gtk_widget_set_tooltip_text (GTK_WIDGET (node), data->name);
      _crm_stakeholder_node_set_selected (node, data->person_id == self->selected);
      g_ptr_array_add (nodes, node);
    }

  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_widget_unparent (value);

  g_ptr_array_unref (self->nodes);
  self->nodes = nodes;
}

/* Lays the map out again (placed nodes kept). */
static void
relayout (CrmStakeholderCanvas *self)
{
  g_clear_pointer (&self->points, g_array_unref);
  if (self->map != NULL)
    self->points = crm_stakeholder_layout (self->map, &self->metrics, TRUE);
  else
    self->points = g_array_new (FALSE, TRUE, sizeof (CrmLayoutPoint));
  if (self->renderer != NULL)
    crm_map_renderer_set_points (self->renderer, self->points);

  if (self->points->len > 0)
    {
      crm_stakeholder_layout_bounds (self->points, &self->metrics,
                                     &self->bx, &self->by, &self->bw, &self->bh);
      self->bx -= MARGIN;
      self->by -= MARGIN;
      self->bw += 2 * MARGIN;
      self->bh += 2 * MARGIN;
    }
  else
    {
      self->bx = self->by = -MARGIN;
      self->bw = self->bh = 2 * MARGIN;
    }

  /* The view stays where it is: nothing jumps after a node is placed.
   * The drawing's box is the natural size (measure): a new box is a new
   * size request, not only new positions.  A bare queue_allocate here left
   * the scrolled window with the old request cached, and under load the
   * next frame drew the canvas before it was allocated again ("Trying to
   * snapshot CrmStakeholderCanvas without a current allocation"). */
  configure_adjustments (self);
  drop_static_layer (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_map_changed_cb (CrmStakeholderCanvas *self,
                   guint                 what,
                   CrmStakeholderMap    *map)
{
  g_assert (CRM_IS_STAKEHOLDER_CANVAS (self));

  sync_nodes (self);
  if ((what & CRM_MAP_CHANGE_ATTRIBUTES) != 0 && self->renderer != NULL)
    crm_map_renderer_invalidate (self->renderer);
  /* Layout is cheap and deterministic: attributes never move a node, and
   * laying out on every change keeps points and nodes in step. */
  relayout (self);

  if (self->pick != CRM_CANVAS_PICK_NONE && _crm_stakeholder_canvas_index_of (self, self->pick_source) < 0)
    _crm_stakeholder_canvas_cancel_pick (self);
  if (self->selected != 0 && _crm_stakeholder_canvas_index_of (self, self->selected) < 0)
    _crm_stakeholder_canvas_select (self, 0, FALSE, FALSE);

  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
  redraw_all (self);
}

static void
update_accessible_label (CrmStakeholderCanvas *self)
{
  g_autofree char *label = NULL;

  if (self->map != NULL && crm_stakeholder_map_get_title (self->map)[0] != '\0')
    /* TRANSLATORS: the accessible name of the map canvas; %s is the organization or the deal */
    label = g_strdup_printf (_("Stakeholder map of %s"), crm_stakeholder_map_get_title (self->map));
  else
    label = g_strdup (_("Stakeholder map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
on_adjustment_value_changed_cb (CrmStakeholderCanvas *self)
{
  self->view_x = gtk_adjustment_get_value (self->hadjustment) / self->zoom;
  self->view_y = gtk_adjustment_get_value (self->vadjustment) / self->zoom;
  self->need_fit = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_node_focus_enter_cb (GtkEventControllerFocus *controller,
                        CrmStakeholderCanvas    *self)
{
  GtkWidget *node = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* The selection follows the keyboard, except while picking a target. */
  if (self->pick == CRM_CANVAS_PICK_NONE && CRM_IS_STAKEHOLDER_NODE (node))
    _crm_stakeholder_canvas_select (self,
                                    crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (node)),
                                    FALSE, FALSE);
}

/* --- GtkScrollable --- */

static void
set_adjustment (CrmStakeholderCanvas  *self,
                GtkAdjustment        **slot,
                GtkAdjustment         *adjustment)
{
  if (adjustment != NULL && adjustment == *slot)
    return;
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_value_changed_cb), self);
  configure_adjustments (self);
  drop_static_layer (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* --- GtkWidget --- */

static void
crm_stakeholder_canvas_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  int hint_min = 0, hint_nat = 0;

  if (gtk_widget_get_visible (self->hint))
    gtk_widget_measure (self->hint, orientation, -1, &hint_min, &hint_nat, NULL, NULL);

  /* Small enough for any window; natural is the map at the current zoom, up
   * to about a screen. */
  *minimum = MAX (hint_min + 2 * HINT_MARGIN, 120);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN ((int) ceil (self->bw * self->zoom), 960));
  else
    *natural = MAX (*minimum, MIN ((int) ceil (self->bh * self->zoom), 640));
}

/* Fits the map to the widget.  The whole map when @whole (Ctrl+0, Zoom to
 * Fit); otherwise a small map that is only whole at a zoom too small to
 * read is shown at the least readable zoom when it fits along one axis
 * there (its width, or its height), scrolling along the other.  Fitting
 * never enlarges a map beyond its natural size. */
static void
fit (CrmStakeholderCanvas *self,
     gboolean              whole)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom_w = width / self->bw, zoom_h = height / self->bh;
  double zoom = MIN (zoom_w, zoom_h);
  double x, y;

  if (!whole && zoom < CRM_CANVAS_ZOOM_READABLE && self->points != NULL &&
      self->points->len <= CRM_CANVAS_SMALL_MAP && MAX (zoom_w, zoom_h) >= CRM_CANVAS_ZOOM_READABLE)
    zoom = CRM_CANVAS_ZOOM_READABLE;
  zoom = CLAMP (zoom, CRM_CANVAS_ZOOM_MIN, 1.0);
  if (fabs (zoom - self->zoom) > 1e-9)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }

  /* Centred, where the top of the chart is in the middle; from the top
   * when it is taller than the widget. */
  x = self->bx + self->bw / 2 - width / 2.0 / zoom;
  y = self->bh * zoom <= height + 0.5 ? self->by + self->bh / 2 - height / 2.0 / zoom : self->by;
  set_view (self, x, y);
}

/* The edge handle, half over the right edge of its node, at its middle. */
static void
allocate_handle (CrmStakeholderCanvas *self)
{
  int index = _crm_stakeholder_canvas_index_of (self, self->handle_person);
  graphene_rect_t rect;
  int w, h;

  gtk_widget_set_child_visible (self->handle,
                                gtk_widget_get_visible (self->handle) && index >= 0 &&
                                self->zoom >= CRM_CANVAS_HANDLE_MIN_ZOOM && self->points != NULL &&
                                (guint) index < self->points->len);
  if (!gtk_widget_get_child_visible (self->handle))
    return;

  gtk_widget_measure (self->handle, GTK_ORIENTATION_HORIZONTAL, -1, &w, NULL, NULL, NULL);
  gtk_widget_measure (self->handle, GTK_ORIENTATION_VERTICAL, -1, &h, NULL, NULL, NULL);
  _crm_stakeholder_canvas_node_rect (self, index, &rect);
  self->handle_x = rect.origin.x + rect.size.width - w / 2.0;
  self->handle_y = rect.origin.y + (rect.size.height - h) / 2.0;
  gtk_widget_allocate (self->handle, w, h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (self->handle_x, self->handle_y)));
}

/* The pick mode's hint, centred at the top. */
static void
allocate_hint (CrmStakeholderCanvas *self,
               int                   width)
{
  int w, h;

  if (!gtk_widget_get_visible (self->hint))
    return;
  gtk_widget_measure (self->hint, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
  w = MIN (w, width - 2 * HINT_MARGIN);
  gtk_widget_measure (self->hint, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
  gtk_widget_allocate (self->hint, w, h, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((width - w) / 2, HINT_MARGIN)));
}

static void
crm_stakeholder_canvas_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  graphene_rect_t rect;
  int index;

  /* The view may change below (fit, centring, scrolling a node into view):
   * no new allocation for that. */
  self->allocating = TRUE;
  /* Until the view is zoomed, panned or scrolled, the map keeps fitting the
   * widget as the page settles into its size. */
  if (self->need_fit && self->points != NULL && self->points->len > 0 && width > 1 && height > 1 &&
      (width != self->fit_width || height != self->fit_height))
    {
      self->fit_width = width;
      self->fit_height = height;
      fit (self, self->fit_whole);
      _crm_stakeholder_canvas_update_actions (self);
    }
  else if ((width != self->last_width || height != self->last_height) && self->last_width > 0)
    centre_fitting_axes (self);
  self->last_width = width;
  self->last_height = height;
  configure_adjustments (self);
  index = _crm_stakeholder_canvas_index_of (self, self->reveal);
  if (index >= 0 && self->points != NULL && (guint) index < self->points->len)
    scroll_to_node (self, index);
  self->reveal = 0;
  self->allocating = FALSE;

  for (guint i = 0; i < self->nodes->len && self->points != NULL && i < self->points->len; i++)
    {
      _crm_stakeholder_canvas_node_rect (self, i, &rect);
      gtk_widget_allocate (g_ptr_array_index (self->nodes, i),
                           (int) ceil (rect.size.width), (int) ceil (rect.size.height), -1,
                           gsk_transform_translate (NULL, &rect.origin));
    }

  allocate_handle (self);
  allocate_hint (self, width);

  if (self->menu != NULL && gtk_widget_get_visible (self->menu))
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->link_menu != NULL && gtk_widget_get_visible (self->link_menu))
    gtk_popover_present (GTK_POPOVER (self->link_menu));
}

static void
build_static_layer (CrmStakeholderCanvas *self,
                    int                   width,
                    int                   height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  transform_to_map (self, cr);
  crm_map_renderer_draw_background (self->renderer, cr,
                                    to_map_x (self, 0), to_map_y (self, 0),
                                    width / self->zoom, height / self->zoom);
  crm_map_renderer_draw_edges (self->renderer, cr);
  cairo_destroy (cr);
  self->static_layer = gtk_snapshot_free_to_node (snapshot);
}

/* The line being dragged from a node to the pointer. */
static void
snapshot_link (CrmStakeholderCanvas *self,
               GtkSnapshot          *snapshot)
{
  int index = _crm_stakeholder_canvas_index_of (self, self->drag_person);
  const CrmLayoutPoint *point;
  GdkRGBA color;
  cairo_t *cr;
  double x, y;

  if (index < 0)
    return;
  /* From where the handle sits, in the accent colour. */
  point = &g_array_index (self->points, CrmLayoutPoint, index);
  x = to_widget_x (self, point->x + self->metrics.node_width / 2);
  y = to_widget_y (self, point->y);

  crm_widget_get_color (self->accent_probe, &color);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0,
                                                       gtk_widget_get_width (GTK_WIDGET (self)),
                                                       gtk_widget_get_height (GTK_WIDGET (self))));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, self->link_x, self->link_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_arc (cr, self->link_x, self->link_y, 4, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
crm_stakeholder_canvas_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, width, height);
  int selected;

  if (self->renderer == NULL || self->points == NULL || width <= 0 || height <= 0)
    return;

  /* The lines are drawn again only when the view or the map changed, not
   * for a hover or a focus change. */
  if (self->static_layer != NULL &&
      (self->layer_view_x != self->view_x || self->layer_view_y != self->view_y ||
       self->layer_zoom != self->zoom || self->layer_width != width || self->layer_height != height))
    drop_static_layer (self);
  if (self->static_layer == NULL)
    {
      build_static_layer (self, width, height);
      self->layer_view_x = self->view_x;
      self->layer_view_y = self->view_y;
      self->layer_zoom = self->zoom;
      self->layer_width = width;
      self->layer_height = height;
    }
  if (self->static_layer != NULL)
    gtk_snapshot_append_node (snapshot, self->static_layer);

  /* Nodes out of view are skipped; the selected one is drawn last, on top. */
  selected = _crm_stakeholder_canvas_index_of (self, self->selected);
  for (guint i = 0; i < self->nodes->len && i < self->points->len; i++)
    {
      graphene_rect_t rect;

      if ((int) i == selected)
        continue;
      _crm_stakeholder_canvas_node_rect (self, i, &rect);
      graphene_rect_inset (&rect, -MARGIN * self->zoom, -MARGIN * self->zoom);
      if (graphene_rect_intersection (&rect, &view, NULL))
        gtk_widget_snapshot_child (widget, g_ptr_array_index (self->nodes, i), snapshot);
    }
  if (selected >= 0 && (guint) selected < self->nodes->len)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->nodes, selected), snapshot);

  if (self->drag == CRM_CANVAS_DRAG_LINK && self->drag_moved)
    snapshot_link (self, snapshot);

  gtk_widget_snapshot_child (widget, self->handle, snapshot);
  gtk_widget_snapshot_child (widget, self->hint, snapshot);
}

void
_crm_stakeholder_canvas_snapshot_node (CrmStakeholderCanvas *self,
                                       CrmStakeholderNode   *node,
                                       GtkSnapshot          *snapshot)
{
  int index = _crm_stakeholder_canvas_index_of (self, crm_stakeholder_node_get_person_id (node));
  const CrmLayoutPoint *point;
  double pad = MARGIN / 2 * self->zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (node));
  int height = gtk_widget_get_height (GTK_WIDGET (node));
  cairo_t *cr;

  if (index < 0 || self->renderer == NULL || self->points == NULL || (guint) index >= self->points->len)
    return;

  point = &g_array_index (self->points, CrmLayoutPoint, index);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (-pad, -pad, width + 2 * pad, height + 2 * pad));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr,
                   -(point->x - self->metrics.node_width / 2),
                   -(point->y - self->metrics.node_height / 2));
  crm_map_renderer_draw_node (self->renderer, cr, index, _crm_stakeholder_node_get_selected (node));
  cairo_destroy (cr);
}

static gboolean
crm_stakeholder_canvas_focus (GtkWidget        *widget,
                              GtkDirectionType  direction)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  int target = -1;

  if (focus_child != NULL && CRM_IS_STAKEHOLDER_NODE (focus_child))
    {
      /* The map is one stop in the Tab chain; arrows move inside it (keys). */
      if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
        return FALSE;
      return TRUE;
    }
  if (focus_child != NULL)
    return GTK_WIDGET_CLASS (crm_stakeholder_canvas_parent_class)->focus (widget, direction);

  if (self->points == NULL || self->nodes->len == 0)
    return FALSE;

  /* Entering: the selected node, else the top left one. */
  target = _crm_stakeholder_canvas_index_of (self, self->selected);
  if (target < 0)
    {
      for (guint i = 0; i < self->points->len; i++)
        {
          const CrmLayoutPoint *p = &g_array_index (self->points, CrmLayoutPoint, i);
          const CrmLayoutPoint *best = target >= 0 ? &g_array_index (self->points, CrmLayoutPoint, target) : NULL;

          if (best == NULL || p->y < best->y - 1 || (fabs (p->y - best->y) <= 1 && p->x < best->x))
            target = i;
        }
    }
  if (target < 0 || (guint) target >= self->nodes->len)
    return FALSE;

  self->reveal = crm_stakeholder_node_get_person_id (g_ptr_array_index (self->nodes, target));
  gtk_widget_queue_allocate (widget);
  return gtk_widget_grab_focus (g_ptr_array_index (self->nodes, target));
}

static gboolean
crm_stakeholder_canvas_grab_focus (GtkWidget *widget)
{
  return crm_stakeholder_canvas_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
crm_stakeholder_canvas_root (GtkWidget *widget)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  GTK_WIDGET_CLASS (crm_stakeholder_canvas_parent_class)->root (widget);

  _crm_stakeholder_canvas_root_keys (self, TRUE);

  /* The widget's Pango context is that of its display once rooted. */
  if (self->map != NULL && self->renderer == NULL)
    {
      self->renderer = crm_map_renderer_new (self->map, gtk_widget_get_pango_context (widget));
      crm_map_renderer_set_style (self->renderer, self->style);
      update_clock (self);
      crm_map_renderer_set_points (self->renderer, self->points);
    }
}

static void
crm_stakeholder_canvas_unroot (GtkWidget *widget)
{
  _crm_stakeholder_canvas_root_keys (CRM_STAKEHOLDER_CANVAS (widget), FALSE);

  GTK_WIDGET_CLASS (crm_stakeholder_canvas_parent_class)->unroot (widget);
}

static void
crm_stakeholder_canvas_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (widget);

  GTK_WIDGET_CLASS (crm_stakeholder_canvas_parent_class)->css_changed (widget, change);

  /* Fonts may have changed: lay the text out again. */
  if (self->renderer != NULL)
    crm_map_renderer_invalidate (self->renderer);
  redraw_all (self);
}

/* --- GObject --- */

static void
crm_stakeholder_canvas_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_SELECTED:
      g_value_set_int64 (value, self->selected);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_STALE_DAYS:
      g_value_set_uint (value, self->stale_days);
      break;
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_stale_days (CrmStakeholderCanvas *self,
                guint                 days)
{
  if (self->stale_days == days)
    return;
  self->stale_days = days;
  update_clock (self);
  redraw_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE_DAYS]);
}

static void
set_now (CrmStakeholderCanvas *self,
         gint64                now)
{
  if (self->now == now)
    return;
  self->now = now;
  update_clock (self);
  redraw_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

static void
set_scroll_policy (CrmStakeholderCanvas *self,
                   guint                 prop_id,
                   GtkScrollablePolicy   policy,
                   GParamSpec           *pspec)
{
  if (prop_id == PROP_HSCROLL_POLICY)
    {
      if (self->hscroll_policy == policy)
        return;
      self->hscroll_policy = policy;
    }
  else
    {
      if (self->vscroll_policy == policy)
        return;
      self->vscroll_policy = policy;
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
crm_stakeholder_canvas_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MAP:
      crm_stakeholder_canvas_set_map (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      crm_stakeholder_canvas_set_selected (self, g_value_get_int64 (value));
      break;
    case PROP_ZOOM:
      crm_stakeholder_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_STALE_DAYS:
      set_stale_days (self, g_value_get_uint (value));
      break;
    case PROP_NOW:
      set_now (self, g_value_get_int64 (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
    case PROP_VSCROLL_POLICY:
      set_scroll_policy (self, prop_id, g_value_get_enum (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_stakeholder_canvas_dispose (GObject *object)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (self->map, on_map_changed_cb, self);
  g_clear_object (&self->map);

  _crm_stakeholder_canvas_dispose_input (self);
  _crm_stakeholder_canvas_dispose_keys (self);
  for (guint i = 0; i < self->nodes->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->nodes, i));
  g_ptr_array_set_size (self->nodes, 0);
  g_clear_pointer (&self->handle, gtk_widget_unparent);
  g_clear_pointer (&self->accent_probe, gtk_widget_unparent);
  g_clear_pointer (&self->hint, gtk_widget_unparent);
  self->hint_label = NULL;

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  g_clear_pointer (&self->renderer, crm_map_renderer_free);
  g_clear_pointer (&self->points, g_array_unref);
  drop_static_layer (self);

  G_OBJECT_CLASS (crm_stakeholder_canvas_parent_class)->dispose (object);
}

static void
crm_stakeholder_canvas_finalize (GObject *object)
{
  CrmStakeholderCanvas *self = CRM_STAKEHOLDER_CANVAS (object);

  g_ptr_array_unref (self->nodes);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_stakeholder_canvas_parent_class)->finalize (object);
}

static void
crm_stakeholder_canvas_class_init (CrmStakeholderCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = crm_stakeholder_canvas_get_property;
  object_class->set_property = crm_stakeholder_canvas_set_property;
  object_class->dispose = crm_stakeholder_canvas_dispose;
  object_class->finalize = crm_stakeholder_canvas_finalize;

  widget_class->measure = crm_stakeholder_canvas_measure;
  widget_class->size_allocate = crm_stakeholder_canvas_size_allocate;
  widget_class->snapshot = crm_stakeholder_canvas_snapshot;
  widget_class->focus = crm_stakeholder_canvas_focus;
  widget_class->grab_focus = crm_stakeholder_canvas_grab_focus;
  widget_class->root = crm_stakeholder_canvas_root;
  widget_class->unroot = crm_stakeholder_canvas_unroot;
  widget_class->css_changed = crm_stakeholder_canvas_css_changed;

  /**
   * CrmStakeholderCanvas:map:
   *
   * The map drawn, or %NULL.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CRM_TYPE_STAKEHOLDER_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmStakeholderCanvas:selected:
   *
   * The person id of the selected node, 0 for none.
   */
  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmStakeholderCanvas:zoom:
   *
   * Pixels per map unit.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CRM_CANVAS_ZOOM_MIN, CRM_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmStakeholderCanvas:stale-days:
   *
   * Days without contact after which a node shows the stale marker.
   */
  properties[PROP_STALE_DAYS] =
    g_param_spec_uint ("stale-days", NULL, NULL, 1, 3650, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmStakeholderCanvas:now:
   *
   * The clock of the stale markers (unix time), 0 for the real clock.
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * CrmStakeholderCanvas::activate-person:
   * @person_id: the person
   *
   * Enter or a double click on a node: open the person.
   */
  signals[ACTIVATE_PERSON] = g_signal_new ("activate-person",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CrmStakeholderCanvas::error:
   * @message: what went wrong, for a toast
   *
   * An edit the map refused or could not save.
   */
  signals[ERROR] = g_signal_new ("error",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  _crm_stakeholder_canvas_class_init_keys (widget_class);

  gtk_widget_class_set_css_name (widget_class, "stakeholder-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_stakeholder_canvas_init (CrmStakeholderCanvas *self)
{
  self->zoom = 1.0;
  self->stale_days = 30;
  self->need_fit = TRUE;
  self->nodes = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  crm_stakeholder_layout_metrics_init (&self->metrics);
  self->bx = self->by = -MARGIN;
  self->bw = self->bh = 2 * MARGIN;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");

  /* The edge handle: drag it to another person to draw a line. */
  self->handle = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->handle, "map-link-handle");
  gtk_widget_set_tooltip_text (self->handle, _("Drag to another person to link them"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->handle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drag to another person to link them"),
                                  -1);
  gtk_widget_set_cursor_from_name (self->handle, "crosshair");
  gtk_widget_set_visible (self->handle, FALSE);
  gtk_widget_set_parent (self->handle, GTK_WIDGET (self));

  /* Never shown: its colour is the accent colour of the line being dragged. */
  self->accent_probe = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->accent_probe, "accent");
  gtk_widget_set_visible (self->accent_probe, FALSE);
  gtk_widget_set_parent (self->accent_probe, GTK_WIDGET (self));

  _crm_stakeholder_canvas_init_input (self);
  _crm_stakeholder_canvas_init_keys (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);
  update_accessible_label (self);
  relayout (self);
}

/* --- private API --- */

void
_crm_stakeholder_canvas_to_map (CrmStakeholderCanvas *self,
                                double                wx,
                                double                wy,
                                double               *mx,
                                double               *my)
{
  *mx = to_map_x (self, wx);
  *my = to_map_y (self, wy);
}

/* The lines and the node positions are out of date (a node is dragged). */
void
_crm_stakeholder_canvas_invalidate (CrmStakeholderCanvas *self)
{
  drop_static_layer (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_crm_stakeholder_canvas_relayout (CrmStakeholderCanvas *self)
{
  relayout (self);
}

void
_crm_stakeholder_canvas_scroll_by (CrmStakeholderCanvas *self,
                                   double                dx,
                                   double                dy)
{
  self->need_fit = FALSE;
  set_view (self, self->view_x + dx / self->zoom, self->view_y + dy / self->zoom);
}

void
_crm_stakeholder_canvas_select (CrmStakeholderCanvas *self,
                                gint64                person_id,
                                gboolean              focus,
                                gboolean              reveal)
{
  int index;

  if (person_id != self->selected)
    {
      index = _crm_stakeholder_canvas_index_of (self, self->selected);
      if (index >= 0 && (guint) index < self->nodes->len)
        _crm_stakeholder_node_set_selected (g_ptr_array_index (self->nodes, index), FALSE);
      self->selected = person_id;
      index = _crm_stakeholder_canvas_index_of (self, person_id);
      if (index >= 0 && (guint) index < self->nodes->len)
        _crm_stakeholder_node_set_selected (g_ptr_array_index (self->nodes, index), TRUE);
      _crm_stakeholder_canvas_update_handle (self);
      _crm_stakeholder_canvas_update_actions (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  index = _crm_stakeholder_canvas_index_of (self, person_id);
  if (index < 0 || (guint) index >= self->nodes->len)
    return;
  if (focus)
    gtk_widget_grab_focus (g_ptr_array_index (self->nodes, index));
  if (reveal)
    {
      self->reveal = person_id;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

void
_crm_stakeholder_canvas_zoom_around (CrmStakeholderCanvas *self,
                                     double                zoom,
                                     double                x,
                                     double                y)
{
  double mx, my;

  zoom = CLAMP (zoom, CRM_CANVAS_ZOOM_MIN, CRM_CANVAS_ZOOM_MAX);
  self->need_fit = FALSE;
  if (fabs (zoom - self->zoom) < 1e-9)
    return;

  mx = to_map_x (self, x);
  my = to_map_y (self, y);
  self->zoom = zoom;
  set_view (self, mx - x / zoom, my - y / zoom);

  drop_static_layer (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  for (guint i = 0; i < self->nodes->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->nodes, i));
  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
_crm_stakeholder_canvas_emit_activate (CrmStakeholderCanvas *self,
                                       gint64                person_id)
{
  g_signal_emit (self, signals[ACTIVATE_PERSON], 0, person_id);
}

void
_crm_stakeholder_canvas_emit_error (CrmStakeholderCanvas *self,
                                    const char           *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

/* --- public API --- */

GtkWidget *
crm_stakeholder_canvas_new (void)
{
  return g_object_new (CRM_TYPE_STAKEHOLDER_CANVAS, NULL);
}

CrmStakeholderMap *
crm_stakeholder_canvas_get_map (CrmStakeholderCanvas *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self), NULL);

  return self->map;
}

void
crm_stakeholder_canvas_set_map (CrmStakeholderCanvas *self,
                                CrmStakeholderMap    *map)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self));
  g_return_if_fail (map == NULL || CRM_IS_STAKEHOLDER_MAP (map));

  if (self->map == map)
    return;

  _crm_stakeholder_canvas_cancel_pick (self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_func (self->map, on_map_changed_cb, self);
  g_set_object (&self->map, map);
  g_clear_pointer (&self->renderer, crm_map_renderer_free);
  g_clear_pointer (&self->points, g_array_unref);
  if (map != NULL)
    {
      g_signal_connect_swapped (map, "changed", G_CALLBACK (on_map_changed_cb), self);
      /* Before the canvas is in a window, the renderer waits for its fonts (root). */
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        {
          self->renderer = crm_map_renderer_new (map, gtk_widget_get_pango_context (GTK_WIDGET (self)));
          crm_map_renderer_set_style (self->renderer, self->style);
          update_clock (self);
        }
    }

  self->need_fit = TRUE;
  self->fit_whole = FALSE;
  self->fit_width = self->fit_height = 0;
  sync_nodes (self);
  relayout (self);
  if (self->selected != 0 && _crm_stakeholder_canvas_index_of (self, self->selected) < 0)
    _crm_stakeholder_canvas_select (self, 0, FALSE, FALSE);
  else
    self->reveal = self->selected;

  update_accessible_label (self);
  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
  redraw_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

gint64
crm_stakeholder_canvas_get_selected (CrmStakeholderCanvas *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self), 0);

  return self->selected;
}

void
crm_stakeholder_canvas_set_selected (CrmStakeholderCanvas *self,
                                     gint64                person_id)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self));

  _crm_stakeholder_canvas_select (self, person_id, TRUE, TRUE);
}

double
crm_stakeholder_canvas_get_zoom (CrmStakeholderCanvas *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self), 1.0);

  return self->zoom;
}

void
crm_stakeholder_canvas_set_zoom (CrmStakeholderCanvas *self,
                                 double                zoom)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self));

  _crm_stakeholder_canvas_zoom_around (self, zoom,
                                       gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
crm_stakeholder_canvas_zoom_to_fit (CrmStakeholderCanvas *self)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self));

  /* As the map was fitted last: whole after Zoom to Fit, else readable. */
  self->need_fit = TRUE;
  self->fit_width = gtk_widget_get_width (GTK_WIDGET (self));
  self->fit_height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->fit_width <= 1 || self->fit_height <= 1)
    return;
  fit (self, self->fit_whole);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  for (guint i = 0; i < self->nodes->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->nodes, i));
  _crm_stakeholder_canvas_update_handle (self);
  _crm_stakeholder_canvas_update_actions (self);
}

GtkWidget *
crm_stakeholder_canvas_get_node (CrmStakeholderCanvas *self,
                                 gint64                person_id)
{
  int index;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self), NULL);

  index = _crm_stakeholder_canvas_index_of (self, person_id);
  if (index < 0 || (guint) index >= self->nodes->len)
    return NULL;
  return g_ptr_array_index (self->nodes, index);
}

gboolean
crm_stakeholder_canvas_get_position (CrmStakeholderCanvas *self,
                                     gint64                person_id,
                                     double               *x,
                                     double               *y)
{
  int index;
  const CrmLayoutPoint *point;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_CANVAS (self), FALSE);

  index = _crm_stakeholder_canvas_index_of (self, person_id);
  if (index < 0 || self->points == NULL || (guint) index >= self->points->len)
    return FALSE;
  point = &g_array_index (self->points, CrmLayoutPoint, index);
  if (x != NULL)
    *x = point->x;
  if (y != NULL)
    *y = point->y;
  return TRUE;
}
