/* crm-stakeholder-render.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node is a rounded card: an avatar with the initials, ringed by a line as
 * thick as the person's influence (and a larger avatar for high influence);
 * the attitude as a stripe, a tinted avatar and a badge with a mark (plus,
 * dot, minus) so that colour is never the only cue; name, title and the
 * deal role as a pill; a clock in the corner when the last contact is older
 * than the stale days.  Text sizes are absolute, in map units.  When a node
 * is too small on the device to read (a whole large map fitted to a window),
 * text is drawn as bars.
 */

#define G_LOG_DOMAIN "CrmStakeholderRender"

#include "config.h"

#include <math.h>

#include "crm-keys.h"
#include "crm-stakeholder-render-private.h"

#define RGB(x) { ((x) >> 16 & 0xff) / 255.0, ((x) >> 8 & 0xff) / 255.0, ((x) & 0xff) / 255.0, 1 }
#define RGBA(x, alpha) { ((x) >> 16 & 0xff) / 255.0, ((x) >> 8 & 0xff) / 255.0, ((x) & 0xff) / 255.0, alpha }

/* libadwaita's palette: window and card backgrounds, success, destructive,
 * warning and accent colours of each style. */
static const Palette palettes[] = {
  [CRM_MAP_STYLE_LIGHT] = {
    RGB (0xf6f5f4), RGB (0xffffff), RGBA (0x000000, 0.15), RGBA (0x000000, 0.07),
    RGBA (0x000000, 0.82), RGBA (0x000000, 0.55), RGBA (0x000000, 0.42), RGB (0x9141ac),
    RGB (0x3584e4), RGBA (0x3584e4, 0.13), RGB (0x1c71d8), RGB (0xc88800),
    RGB (0x26a269), RGB (0x77767b), RGB (0xe01b24), RGB (0xffffff),
    0.20, 1.0, 1.5,
  },
  [CRM_MAP_STYLE_DARK] = {
    RGB (0x242424), RGB (0x383838), RGBA (0xffffff, 0.09), RGBA (0x000000, 0.30),
    RGB (0xffffff), RGBA (0xffffff, 0.58), RGBA (0xffffff, 0.45), RGB (0xdc8add),
    RGB (0x78aeed), RGBA (0x78aeed, 0.18), RGB (0x99c1f1), RGB (0xf8e45c),
    RGB (0x2ec27e), RGB (0x9a9996), RGB (0xf66151), RGB (0x000000),
    0.30, 1.0, 1.5,
  },
  [CRM_MAP_STYLE_HIGH_CONTRAST] = {
    RGB (0xffffff), RGB (0xffffff), RGB (0x000000), RGBA (0x000000, 0),
    RGB (0x000000), RGB (0x000000), RGB (0x000000), RGB (0x000000),
    RGB (0x1a5fb4), RGB (0xffffff), RGB (0x000000), RGB (0x000000),
    RGB (0x0b6a35), RGB (0x3d3846), RGB (0xa51d2d), RGB (0xffffff),
    0.0, 2.0, 2.0,
  },
};

void
_crm_map_set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

Rgba
_crm_map_mix (const Rgba *a,
     const Rgba *b,
     double      t)
{
  Rgba c = { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t, a->b + (b->b - a->b) * t, 1 };

  return c;
}

const Palette *
_crm_map_palette (CrmMapRenderer *self)
{
  return &palettes[self->style];
}

void
_crm_map_rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* --- text --- */

PangoLayout *
_crm_map_make_layout (CrmMapRenderer *self,
             const char     *text,
             double          px,
             PangoWeight     weight,
             double          width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (self->font);

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
node_text_clear (NodeText *t)
{
  g_clear_object (&t->initials);
  g_clear_object (&t->name);
  g_clear_object (&t->title);
  g_clear_object (&t->role);
}

double
_crm_map_text_width (CrmMapRenderer *self)
{
  return self->metrics.node_width - TEXT_X - PAD;
}

static char *
initials_of (const CrmMapNode *node)
{
  gunichar c;

  if (node->initials != NULL && node->initials[0] != '\0')
    return g_strdup (node->initials);
  if (node->name == NULL || node->name[0] == '\0')
    return g_strdup ("?");
  c = g_unichar_toupper (g_utf8_get_char (node->name));
  return g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
}

gboolean
_crm_map_is_stale (CrmMapRenderer   *self,
          const CrmMapNode *node)
{
  if (self->now <= 0 || self->stale_days == 0)
    return FALSE;
  return node->last_contact <= 0 || self->now - node->last_contact > (gint64) self->stale_days * 86400;
}

static NodeText *
node_text (CrmMapRenderer *self,
           guint           index)
{
  const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, index);
  NodeText *t;
  g_autofree char *initials = NULL;

  if (self->n_texts != crm_stakeholder_map_get_n_nodes (self->map))
    {
      crm_map_renderer_invalidate (self);
      self->n_texts = crm_stakeholder_map_get_n_nodes (self->map);
      self->texts = g_new0 (NodeText, self->n_texts);
    }
  t = &self->texts[index];
  if (t->name != NULL && t->stale != _crm_map_is_stale (self, node))
    node_text_clear (t);
  if (t->name != NULL)
    return t;

  t->stale = _crm_map_is_stale (self, node);
  initials = initials_of (node);
  t->initials = _crm_map_make_layout (self, initials, INITIALS_PX, PANGO_WEIGHT_BOLD, 0);
  /* The stale clock sits in the top right corner, beside the name. */
  t->name = _crm_map_make_layout (self, node->name, NAME_PX, PANGO_WEIGHT_BOLD,
                                  _crm_map_text_width (self) - (t->stale ? CLOCK_ROOM : 0));
  if (node->title != NULL && node->title[0] != '\0')
    t->title = _crm_map_make_layout (self, node->title, TITLE_PX, PANGO_WEIGHT_NORMAL, _crm_map_text_width (self));
  if (node->role != NULL && node->role[0] != '\0')
    /* The pill's padding inside the text column; the whole line is its own. */
    t->role = _crm_map_make_layout (self, crm_keys_get_label ("role", node->role), ROLE_PX,
                                   PANGO_WEIGHT_SEMIBOLD, _crm_map_text_width (self) - 14);
  return t;
}

void
_crm_map_show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

void
_crm_map_layout_size (PangoLayout *layout,
             double      *w,
             double      *h)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  *w = logical.width;
  *h = logical.height;
}

/* --- the object --- */

static void
on_map_changed (CrmStakeholderMap *map,
                guint              what,
                gpointer           user_data)
{
  if (what & (CRM_MAP_CHANGE_STRUCTURE | CRM_MAP_CHANGE_ATTRIBUTES))
    crm_map_renderer_invalidate (user_data);
}

/**
 * crm_map_renderer_new:
 * @map: the map to draw
 * @context: (nullable): the widget's Pango context
 *
 * Returns: (transfer full): a renderer; free with crm_map_renderer_free()
 */
CrmMapRenderer *
crm_map_renderer_new (CrmStakeholderMap *map,
                      PangoContext      *context)
{
  CrmMapRenderer *self;
  const PangoFontDescription *font = NULL;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (CrmMapRenderer, 1);
  self->map = g_object_ref (map);
  if (context != NULL)
    {
      self->context = g_object_ref (context);
      font = pango_context_get_font_description (context);
    }
  else
    {
      /* Unhinted metrics: the same text widths at every scale and in every
       * file format. */
      cairo_font_options_t *options = cairo_font_options_create ();

      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
    }
  self->font = font != NULL && pango_font_description_get_family (font) != NULL
               ? pango_font_description_copy (font)
               : pango_font_description_from_string ("Sans");
  crm_stakeholder_layout_metrics_init (&self->metrics);
  self->changed_id = g_signal_connect (map, "changed", G_CALLBACK (on_map_changed), self);
  return self;
}

void
crm_map_renderer_free (CrmMapRenderer *self)
{
  if (self == NULL)
    return;

  crm_map_renderer_invalidate (self);
  g_clear_signal_handler (&self->changed_id, self->map);
  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->points, g_array_unref);
  g_free (self);
}

void
crm_map_renderer_set_style (CrmMapRenderer *self,
                            CrmMapStyle     style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (style <= CRM_MAP_STYLE_HIGH_CONTRAST);

  self->style = style;
}

void
crm_map_renderer_set_clock (CrmMapRenderer *self,
                            gint64          now,
                            guint           stale_days)
{
  g_return_if_fail (self != NULL);

  self->now = now;
  self->stale_days = stale_days;
}

void
crm_map_renderer_set_points (CrmMapRenderer *self,
                             GArray         *points)
{
  g_return_if_fail (self != NULL);

  if (points != NULL)
    g_array_ref (points);
  g_clear_pointer (&self->points, g_array_unref);
  self->points = points;
  g_clear_pointer (&self->bus_level, g_free);
  g_clear_pointer (&self->column_top, g_free);
}

const CrmLayoutMetrics *
crm_map_renderer_get_metrics (CrmMapRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->metrics;
}

void
crm_map_renderer_invalidate (CrmMapRenderer *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_texts; i++)
    node_text_clear (&self->texts[i]);
  g_clear_pointer (&self->texts, g_free);
  self->n_texts = 0;
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->bus_level, g_free);
  g_clear_pointer (&self->column_top, g_free);
  for (guint i = 0; i < N_LEGEND; i++)
    g_clear_object (&self->legend[i]);
}

/* Points for every node of the map, or NULL (nothing to draw yet). */
const CrmLayoutPoint *
_crm_map_points_of (CrmMapRenderer *self)
{
  if (self->points == NULL || self->points->len != crm_stakeholder_map_get_n_nodes (self->map))
    return NULL;
  return &g_array_index (self->points, CrmLayoutPoint, 0);
}

int
_crm_map_find_node (CrmMapRenderer *self,
           gint64          person_id)
{
  guint n = crm_stakeholder_map_get_n_nodes (self->map);

  if (self->index == NULL || self->index_n_nodes != n)
    {
      g_clear_pointer (&self->index, g_hash_table_unref);
      self->index = g_hash_table_new (g_int64_hash, g_int64_equal);
      self->index_n_nodes = n;
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (self->index,
                             (gpointer) &crm_stakeholder_map_get_node (self->map, i)->person_id,
                             GUINT_TO_POINTER (i + 1));
    }
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->index, &person_id)) - 1;
}

/* How many device pixels one map unit is. */
double
_crm_map_device_scale (cairo_t *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

void
crm_map_renderer_draw_background (CrmMapRenderer *self,
                                  cairo_t        *cr,
                                  double          x,
                                  double          y,
                                  double          width,
                                  double          height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  _crm_map_set_rgba (cr, &_crm_map_palette (self)->background);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* --- nodes --- */

const Rgba *
_crm_map_attitude_colour (const Palette *pal,
                 const char    *attitude)
{
  if (g_strcmp0 (attitude, "supporter") == 0)
    return &pal->supporter;
  if (g_strcmp0 (attitude, "opponent") == 0)
    return &pal->opponent;
  return &pal->neutral;
}

/* The badge of an attitude at (@x, @y): a disc with a plus, dot or minus. */
void
_crm_map_attitude_badge (const Palette *pal,
                cairo_t       *cr,
                const char    *attitude,
                const Rgba    *ring,
                double         x,
                double         y,
                double         r)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  _crm_map_set_rgba (cr, _crm_map_attitude_colour (pal, attitude));
  cairo_fill_preserve (cr);
  _crm_map_set_rgba (cr, ring);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  _crm_map_set_rgba (cr, &pal->mark);
  cairo_set_line_width (cr, r * 0.28);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (g_strcmp0 (attitude, "supporter") == 0)
    {
      cairo_move_to (cr, x - r * 0.5, y);
      cairo_line_to (cr, x + r * 0.5, y);
      cairo_move_to (cr, x, y - r * 0.5);
      cairo_line_to (cr, x, y + r * 0.5);
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (attitude, "opponent") == 0)
    {
      cairo_move_to (cr, x - r * 0.5, y);
      cairo_line_to (cr, x + r * 0.5, y);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, x, y, r * 0.3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

void
_crm_map_clock_mark (const Palette *pal,
            cairo_t       *cr,
            double         x,
            double         y,
            double         r)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  _crm_map_set_rgba (cr, &pal->stale);
  cairo_fill (cr);
  _crm_map_set_rgba (cr, &pal->mark);
  if (pal == &palettes[CRM_MAP_STYLE_DARK])
    cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, MAX (1.4, r * 0.2));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x, y - r * 0.6);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + r * 0.45, y + r * 0.3);
  cairo_stroke (cr);
}

double
_crm_map_influence_ring (const char *influence)
{
  if (g_strcmp0 (influence, "high") == 0)
    return 5;
  if (g_strcmp0 (influence, "low") == 0)
    return 1.25;
  return 2.5;
}

static void
avatar (CrmMapRenderer   *self,
        cairo_t          *cr,
        const CrmMapNode *node,
        NodeText         *t,
        double            x,
        double            y)
{
  const Palette *pal = _crm_map_palette (self);
  gboolean high = g_strcmp0 (node->influence, "high") == 0;
  double r = high ? 24 : 21, ring = _crm_map_influence_ring (node->influence);
  Rgba fill = _crm_map_mix (&pal->card, _crm_map_attitude_colour (pal, node->attitude), pal->tint);
  double tw, th, br = 8.5;

  cairo_set_line_width (cr, ring);
  _crm_map_set_rgba (cr, &pal->text);
  cairo_arc (cr, x, y, r + 2.5 + ring / 2, 0, 2 * G_PI);
  cairo_stroke (cr);

  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  _crm_map_set_rgba (cr, &fill);
  cairo_fill_preserve (cr);
  if (pal->tint == 0)
    {
      cairo_set_line_width (cr, 1);
      _crm_map_set_rgba (cr, &pal->text);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  if (t != NULL)
    {
      _crm_map_layout_size (t->initials, &tw, &th);
      _crm_map_set_rgba (cr, &pal->text);
      _crm_map_show_layout (cr, t->initials, x - tw / 2, y - th / 2);
    }
  _crm_map_attitude_badge (pal, cr, node->attitude, &pal->card, x + r * 0.74, y + r * 0.74, br);
}

/* The text column: name, title, role pill, centred as a block. */
static void
node_texts (CrmMapRenderer *self,
            cairo_t        *cr,
            NodeText       *t,
            double          x,
            double          cy)
{
  const Palette *pal = _crm_map_palette (self);
  double nw, nh, tw = 0, th = 0, rw = 0, rh = 0, pill_h = 0, total, y;

  _crm_map_layout_size (t->name, &nw, &nh);
  if (t->title != NULL)
    _crm_map_layout_size (t->title, &tw, &th);
  if (t->role != NULL)
    {
      _crm_map_layout_size (t->role, &rw, &rh);
      pill_h = rh + 4;
    }
  total = nh + th + (pill_h > 0 ? pill_h + 6 : 0);
  y = cy - total / 2;

  _crm_map_set_rgba (cr, &pal->text);
  _crm_map_show_layout (cr, t->name, x, y);
  y += nh;
  if (t->title != NULL)
    {
      _crm_map_set_rgba (cr, &pal->dim);
      _crm_map_show_layout (cr, t->title, x, y);
      y += th;
    }
  if (t->role != NULL)
    {
      y += 6;
      _crm_map_rounded_rect (cr, x, y, rw + 14, pill_h, pill_h / 2);
      _crm_map_set_rgba (cr, &pal->pill);
      cairo_fill_preserve (cr);
      if (self->style == CRM_MAP_STYLE_HIGH_CONTRAST)
        {
          _crm_map_set_rgba (cr, &pal->text);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      _crm_map_set_rgba (cr, &pal->pill_text);
      _crm_map_show_layout (cr, t->role, x + 7, y + 2);
    }
}

/* Text too small to read: bars where it would be. */
static void
node_bars (CrmMapRenderer   *self,
           cairo_t          *cr,
           const CrmMapNode *node,
           double            x,
           double            cy)
{
  const Palette *pal = _crm_map_palette (self);
  double w = _crm_map_text_width (self);

  _crm_map_set_rgba (cr, &pal->text);
  cairo_rectangle (cr, x, cy - 18, w * MIN (1.0, 0.3 + 0.05 * g_utf8_strlen (node->name, -1)), 9);
  cairo_fill (cr);
  _crm_map_set_rgba (cr, &pal->dim);
  cairo_rectangle (cr, x, cy - 3, w * 0.7, 6);
  cairo_fill (cr);
  if (node->role != NULL && node->role[0] != '\0')
    {
      _crm_map_set_rgba (cr, &pal->pill_text);
      _crm_map_rounded_rect (cr, x, cy + 9, w * 0.55, 10, 5);
      cairo_fill (cr);
    }
}

void
crm_map_renderer_draw_node (CrmMapRenderer *self,
                            cairo_t        *cr,
                            guint           index,
                            gboolean        selected)
{
  const Palette *pal;
  const CrmLayoutPoint *p;
  const CrmMapNode *node;
  NodeText *t = NULL;
  double w, h, x0, y0;
  gboolean readable;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if ((p = _crm_map_points_of (self)) == NULL || index >= self->points->len)
    return;
  pal = _crm_map_palette (self);
  node = crm_stakeholder_map_get_node (self->map, index);
  p = &p[index];
  w = self->metrics.node_width;
  h = self->metrics.node_height;
  x0 = p->x - w / 2;
  y0 = p->y - h / 2;
  readable = _crm_map_device_scale (cr) * TITLE_PX >= READABLE_PX;
  if (readable)
    t = node_text (self, index);

  cairo_save (cr);
  if (pal->shadow.a > 0)
    {
      _crm_map_rounded_rect (cr, x0, y0 + 1.5, w, h, RADIUS);
      _crm_map_set_rgba (cr, &pal->shadow);
      cairo_fill (cr);
    }
  _crm_map_rounded_rect (cr, x0, y0, w, h, RADIUS);
  _crm_map_set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x0, y0, STRIPE, h);
  _crm_map_set_rgba (cr, _crm_map_attitude_colour (pal, node->attitude));
  cairo_fill (cr);
  cairo_restore (cr);
  _crm_map_rounded_rect (cr, x0, y0, w, h, RADIUS);
  _crm_map_set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);

  avatar (self, cr, node, t, x0 + AVATAR_X, p->y);
  if (t != NULL)
    node_texts (self, cr, t, x0 + TEXT_X, p->y);
  else
    node_bars (self, cr, node, x0 + TEXT_X, p->y);
  if (_crm_map_is_stale (self, node))
    _crm_map_clock_mark (pal, cr, x0 + w - 14, y0 + 14, 6.5);

  if (selected)
    {
      _crm_map_rounded_rect (cr, x0 - 4, y0 - 4, w + 8, h + 8, RADIUS + 4);
      _crm_map_set_rgba (cr, &pal->accent);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
is_visible (const CrmLayoutPoint   *p,
            const CrmLayoutMetrics *m,
            const double            clip[4])
{
  return p->x + m->node_width / 2 + 8 >= clip[0] && p->x - m->node_width / 2 - 8 <= clip[2] &&
         p->y + m->node_height / 2 + 8 >= clip[1] && p->y - m->node_height / 2 - 8 <= clip[3];
}

static int
attitude_index (const char *attitude)
{
  if (g_strcmp0 (attitude, "supporter") == 0)
    return 0;
  if (g_strcmp0 (attitude, "opponent") == 0)
    return 2;
  return 1;
}

/* Nodes too small to read (a large map seen whole): the same shapes as
 * draw_node() without text, shadow and marks, each kind of shape of every
 * node in one path, so that a few fills paint hundreds of nodes. */
static void
draw_nodes_coarse (CrmMapRenderer *self,
                   cairo_t        *cr,
                   const double    clip[4])
{
  static const char *attitudes[] = { "supporter", "neutral", "opponent" };
  const Palette *pal = _crm_map_palette (self);
  const CrmLayoutMetrics *m = &self->metrics;
  const CrmLayoutPoint *p = _crm_map_points_of (self);
  guint n = self->points->len;
  double w = m->node_width, h = m->node_height, tw = _crm_map_text_width (self);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip))
      cairo_rectangle (cr, p[i].x - w / 2, p[i].y - h / 2, w, h);
  _crm_map_set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  _crm_map_set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);

  /* The influence rings as discs under the avatars. */
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip))
      {
        const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);
        double r = (g_strcmp0 (node->influence, "high") == 0 ? 24 : 21) + 2.5 +
                   _crm_map_influence_ring (node->influence);

        cairo_new_sub_path (cr);
        cairo_arc (cr, p[i].x - w / 2 + AVATAR_X, p[i].y, r, 0, 2 * G_PI);
      }
  _crm_map_set_rgba (cr, &pal->text);
  cairo_fill (cr);

  for (int a = 0; a < 3; a++)
    {
      Rgba tint = _crm_map_mix (&pal->card, _crm_map_attitude_colour (pal, attitudes[a]), MAX (pal->tint, 0.15));

      for (guint i = 0; i < n; i++)
        {
          const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);

          if (attitude_index (node->attitude) == a && is_visible (&p[i], m, clip))
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, p[i].x - w / 2 + AVATAR_X, p[i].y,
                         g_strcmp0 (node->influence, "high") == 0 ? 24 : 21, 0, 2 * G_PI);
            }
        }
      _crm_map_set_rgba (cr, &tint);
      cairo_fill (cr);
      for (guint i = 0; i < n; i++)
        {
          const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);

          if (attitude_index (node->attitude) == a && is_visible (&p[i], m, clip))
            cairo_rectangle (cr, p[i].x - w / 2, p[i].y - h / 2, STRIPE * 2, h);
        }
      _crm_map_set_rgba (cr, _crm_map_attitude_colour (pal, attitudes[a]));
      cairo_fill (cr);
    }

  /* Name, title and role as bars. */
  for (guint pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);
          double x = p[i].x - w / 2 + TEXT_X;

          if (!is_visible (&p[i], m, clip))
            continue;
          if (pass == 0)
            cairo_rectangle (cr, x, p[i].y - 20, tw * MIN (1.0, 0.3 + 0.05 * g_utf8_strlen (node->name, -1)), 11);
          else if (pass == 1 && node->title != NULL && node->title[0] != '\0')
            cairo_rectangle (cr, x, p[i].y - 4, tw * 0.7, 7);
          else if (pass == 2 && node->role != NULL && node->role[0] != '\0')
            cairo_rectangle (cr, x, p[i].y + 10, tw * 0.55, 11);
        }
      _crm_map_set_rgba (cr, pass == 0 ? &pal->text : pass == 1 ? &pal->dim : &pal->pill_text);
      cairo_fill (cr);
    }

  /* Stale clocks as dots. */
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip) && _crm_map_is_stale (self, crm_stakeholder_map_get_node (self->map, i)))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, p[i].x + w / 2 - 14, p[i].y - h / 2 + 14, 8, 0, 2 * G_PI);
      }
  _crm_map_set_rgba (cr, &pal->stale);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
crm_map_renderer_draw (CrmMapRenderer *self,
                       cairo_t        *cr)
{
  double clip[4];
  const CrmLayoutPoint *p;
  CrmLayoutMetrics *m;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  crm_map_renderer_draw_background (self, cr, clip[0], clip[1], clip[2] - clip[0], clip[3] - clip[1]);
  crm_map_renderer_draw_edges (self, cr);
  m = &self->metrics;
  if ((p = _crm_map_points_of (self)) != NULL)
    {
      if (_crm_map_device_scale (cr) * TITLE_PX < READABLE_PX)
        draw_nodes_coarse (self, cr, clip);
      else
        for (guint i = 0; i < self->points->len; i++)
          if (is_visible (&p[i], m, clip))
            crm_map_renderer_draw_node (self, cr, i, FALSE);
    }
  _crm_map_draw_legend (self, cr);
}

void
crm_map_renderer_get_extent (CrmMapRenderer *self,
                             double         *x,
                             double         *y,
                             double         *width,
                             double         *height)
{
  double x0, y0, x1, y1, lx, ly, lw, lh;
  const CrmLayoutPoint *p;

  g_return_if_fail (self != NULL);

  crm_stakeholder_layout_bounds (_crm_map_points_of (self) ? self->points : NULL, &self->metrics,
                                 &x0, &y0, &x1, &y1);
  x1 += x0, y1 += y0;
  /* Influence curves bend out by up to 160 units: around nodes on the rim. */
  if ((p = _crm_map_points_of (self)) != NULL)
    {
      guint n_edges = crm_stakeholder_map_get_n_edges (self->map);

      for (guint e = 0; e < n_edges; e++)
        {
          const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, e);
          int a = _crm_map_find_node (self, edge->from), b = _crm_map_find_node (self, edge->to);
          double dx, dy, len, off, cx, cy;

          dx = a >= 0 && b >= 0 ? p[b].x - p[a].x : 0;
          dy = a >= 0 && b >= 0 ? p[b].y - p[a].y : 0;
          len = hypot (dx, dy);
          if (len < 1)
            continue;
          off = edge->kind == CRM_MAP_EDGE_INFLUENCES ? MIN (len * 0.22, 160) / 2 : 0;
          cx = (p[a].x + p[b].x) / 2 - dy / len * off;
          cy = (p[a].y + p[b].y) / 2 + dx / len * off;
          x0 = MIN (x0, cx - 4), x1 = MAX (x1, cx + 4);
          y0 = MIN (y0, cy - 4), y1 = MAX (y1, cy + 4);
        }
    }
  /* The selection outline. */
  x0 -= 8, y0 -= 8, x1 += 8;
  _crm_map_legend_box (self, &lx, &ly, &lw, &lh);
  x1 = MAX (x1, lx + lw);
  y1 = ly + lh;
  x0 = MIN (x0, lx);

  if (x)
    *x = x0;
  if (y)
    *y = y0;
  if (width)
    *width = x1 - x0;
  if (height)
    *height = y1 - y0;
}
