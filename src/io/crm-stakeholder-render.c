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

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "crm-keys.h"
#include "crm-stakeholder-render.h"

#define RADIUS          12.0   /* card corners */
#define STRIPE           5.0   /* attitude stripe at the card's left */
#define AVATAR_X        44.0   /* avatar centre from the card's left */
#define TEXT_X          84.0   /* text column from the card's left */
#define PAD             12.0
#define NAME_PX         15.0
#define TITLE_PX        13.0
#define ROLE_PX         11.5
#define INITIALS_PX     17.0
#define LEGEND_PX       13.0
#define LEGEND_GAP      40.0   /* between the map and the legend below it */
#define EXPORT_MARGIN   32.0
#define READABLE_PX      6.0   /* below this on the device, text becomes bars */
#define MAX_PNG_SIDE 32767.0   /* cairo's image surface limit */
#define MAX_PNG_PIXELS  80e6
#define MAX_PDF_SIDE 14400.0   /* points: the largest page PDF readers accept */

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba   background;
  Rgba   card;
  Rgba   border;
  Rgba   shadow;
  Rgba   text;
  Rgba   dim;
  Rgba   line;
  Rgba   influence;
  Rgba   accent;
  Rgba   pill;          /* role pill background */
  Rgba   pill_text;
  Rgba   stale;
  Rgba   supporter;
  Rgba   neutral;
  Rgba   opponent;
  Rgba   mark;          /* the badge's mark */
  double tint;          /* how much of the attitude colour the avatar takes */
  double border_width;
  double line_width;
} Palette;

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

typedef struct
{
  PangoLayout *initials;
  PangoLayout *name;
  PangoLayout *title;    /* NULL without a title */
  PangoLayout *role;     /* NULL without a role */
  gboolean     stale;    /* the role pill leaves room for the clock */
} NodeText;

typedef enum
{
  LEGEND_SUPPORTER,
  LEGEND_NEUTRAL,
  LEGEND_OPPONENT,
  LEGEND_STALE,
  LEGEND_REPORTS_TO,
  LEGEND_INFLUENCES,
  LEGEND_INFLUENCE,
  LEGEND_LOW,
  LEGEND_MEDIUM,
  LEGEND_HIGH,
  N_LEGEND
} LegendItem;

struct _CrmMapRenderer
{
  CrmStakeholderMap    *map;
  PangoContext         *context;
  PangoFontDescription *font;
  gulong                changed_id;
  CrmMapStyle           style;
  gint64                now;
  guint                 stale_days;
  GArray               *points;
  CrmLayoutMetrics      metrics;

  /* Caches, dropped by crm_map_renderer_invalidate(). */
  NodeText             *texts;        /* per node, filled as drawn */
  guint                 n_texts;
  GHashTable           *index;        /* person id → node index + 1 */
  guint                 index_n_nodes;
  guint8               *bus_level;    /* per node: the height of its reports' bus */
  double               *column_top;   /* per node in a column of reports: the column's top, else NAN */
  PangoLayout          *legend[N_LEGEND];
  guint                 legend_stale_days;
};

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static Rgba
mix (const Rgba *a,
     const Rgba *b,
     double      t)
{
  Rgba c = { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t, a->b + (b->b - a->b) * t, 1 };

  return c;
}

static const Palette *
palette (CrmMapRenderer *self)
{
  return &palettes[self->style];
}

static void
rounded_rect (cairo_t *cr,
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

static PangoLayout *
make_layout (CrmMapRenderer *self,
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

static double
text_width (CrmMapRenderer *self)
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

static gboolean
is_stale (CrmMapRenderer   *self,
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
  if (t->name != NULL && t->stale != is_stale (self, node))
    node_text_clear (t);
  if (t->name != NULL)
    return t;

  t->stale = is_stale (self, node);
  initials = initials_of (node);
  t->initials = make_layout (self, initials, INITIALS_PX, PANGO_WEIGHT_BOLD, 0);
  t->name = make_layout (self, node->name, NAME_PX, PANGO_WEIGHT_BOLD, text_width (self));
  if (node->title != NULL && node->title[0] != '\0')
    t->title = make_layout (self, node->title, TITLE_PX, PANGO_WEIGHT_NORMAL, text_width (self));
  if (node->role != NULL && node->role[0] != '\0')
    /* The pill leaves room for the stale clock in the corner. */
    t->role = make_layout (self, crm_keys_get_label ("role", node->role), ROLE_PX,
                           PANGO_WEIGHT_SEMIBOLD, text_width (self) - 14 - (t->stale ? 20 : 0));
  return t;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static void
layout_size (PangoLayout *layout,
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
static const CrmLayoutPoint *
points_of (CrmMapRenderer *self)
{
  if (self->points == NULL || self->points->len != crm_stakeholder_map_get_n_nodes (self->map))
    return NULL;
  return &g_array_index (self->points, CrmLayoutPoint, 0);
}

static int
find_node (CrmMapRenderer *self,
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
static double
device_scale (cairo_t *cr)
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
  set_rgba (cr, &palette (self)->background);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* --- edges --- */

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   dx,
            double   dy,
            double   size)
{
  double len = hypot (dx, dy);

  if (len < 1e-9)
    return;
  dx /= len, dy /= len;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dx * size * 1.8 - dy * size, y - dy * size * 1.8 + dx * size);
  cairo_line_to (cr, x - dx * size * 1.8 + dy * size, y - dy * size * 1.8 - dx * size);
  cairo_close_path (cr);
}

typedef struct
{
  double x, y, dx, dy, size;
} Arrow;

/* Edges are drawn in batches: every line of a kind in one path, stroked
 * once, then every arrow head in one path, filled once. */
static void
add_arrow (GArray *arrows,
           double  x,
           double  y,
           double  dx,
           double  dy,
           double  size)
{
  Arrow a = { x, y, dx, dy, size };

  g_array_append_val (arrows, a);
}

static void
fill_arrows (cairo_t *cr,
             GArray  *arrows)
{
  for (guint i = 0; i < arrows->len; i++)
    {
      Arrow *a = &g_array_index (arrows, Arrow, i);

      arrow_head (cr, a->x, a->y, a->dx, a->dy, a->size);
    }
  cairo_fill (cr);
  g_array_set_size (arrows, 0);
}

/* Where the ray from a box's centre (@cx, @cy) along (@dx, @dy) leaves the
 * box grown by @pad. */
static void
box_exit (CrmMapRenderer *self,
          double          cx,
          double          cy,
          double          dx,
          double          dy,
          double          pad,
          double         *x,
          double         *y)
{
  double hw = self->metrics.node_width / 2 + pad, hh = self->metrics.node_height / 2 + pad;
  double t = G_MAXDOUBLE;

  if (fabs (dx) > 1e-9)
    t = hw / fabs (dx);
  if (fabs (dy) > 1e-9)
    t = MIN (t, hh / fabs (dy));
  if (t == G_MAXDOUBLE)
    t = 0;
  *x = cx + dx * t;
  *y = cy + dy * t;
}

/* A curve from box @a to box @b bending by @bend (of its length) to the left. */
static void
curve_between (CrmMapRenderer       *self,
               cairo_t              *cr,
               const CrmLayoutPoint *a,
               const CrmLayoutPoint *b,
               double                bend,
               double               *end_x,
               double               *end_y,
               double               *dir_x,
               double               *dir_y,
               double                pts[8])
{
  double dx = b->x - a->x, dy = b->y - a->y, len = hypot (dx, dy);
  double off = MIN (len * bend, 160);
  double cx = (a->x + b->x) / 2 + (len > 0 ? -dy / len * off : 0);
  double cy = (a->y + b->y) / 2 + (len > 0 ? dx / len * off : 0);
  double x0, y0, x1, y1;

  box_exit (self, a->x, a->y, cx - a->x, cy - a->y, 2, &x0, &y0);
  box_exit (self, b->x, b->y, cx - b->x, cy - b->y, 3, &x1, &y1);
  /* The quadratic through (cx, cy) as a cubic. */
  pts[0] = x0, pts[1] = y0;
  pts[2] = x0 + 2.0 / 3 * (cx - x0), pts[3] = y0 + 2.0 / 3 * (cy - y0);
  pts[4] = x1 + 2.0 / 3 * (cx - x1), pts[5] = y1 + 2.0 / 3 * (cy - y1);
  pts[6] = x1, pts[7] = y1;
  if (cr != NULL)
    {
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, pts[2], pts[3], pts[4], pts[5], x1, y1);
    }
  *end_x = x1;
  *end_y = y1;
  *dir_x = x1 - cx;
  *dir_y = y1 - cy;
}

/* Report @r to manager @m: with the manager a row above, down from the
 * manager, across half way and down into the report; further above, a
 * smooth S; anywhere else a plain curve. */
static int
compare_by_position (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const CrmLayoutPoint *p = user_data;
  const CrmLayoutPoint *pa = &p[*(const guint *) a], *pb = &p[*(const guint *) b];

  if (pa->y != pb->y)
    return pa->y < pb->y ? -1 : 1;
  return (pa->x > pb->x) - (pa->x < pb->x);
}

/* Managers side by side run their reports' buses at three heights in
 * turn, so that neighbouring teams never share one horizontal line. */
static void
ensure_bus_levels (CrmMapRenderer       *self,
                   const CrmLayoutPoint *p)
{
  guint n = self->points->len, n_edges = crm_stakeholder_map_get_n_edges (self->map);
  g_autoptr(GArray) managers = g_array_new (FALSE, FALSE, sizeof (guint));
  double row_y = -G_MAXDOUBLE;
  guint rank = 0;

  if (self->bus_level != NULL)
    return;
  self->bus_level = g_new0 (guint8, n);
  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, e);
      int m = find_node (self, edge->to);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && m >= 0 && self->bus_level[m] == 0 &&
          find_node (self, edge->from) >= 0)
        {
          guint i = m;

          self->bus_level[m] = 1;
          g_array_append_val (managers, i);
        }
    }
  g_array_sort_with_data (managers, compare_by_position, (gpointer) p);
  for (guint k = 0; k < managers->len; k++)
    {
      guint i = g_array_index (managers, guint, k);

      if (p[i].y != row_y)
        row_y = p[i].y, rank = 0;
      self->bus_level[i] = rank++ % 3;
    }

  /* Reports the layout hung in a column under their manager: in the layer
   * below, one above the other (the same x). */
  self->column_top = g_new (double, n);
  for (guint i = 0; i < n; i++)
    self->column_top[i] = NAN;
  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, e);
      int r = find_node (self, edge->from), m = find_node (self, edge->to);

      if (edge->kind != CRM_MAP_EDGE_REPORTS_TO || r < 0 || m < 0 || p[r].layer != p[m].layer + 1)
        continue;
      for (guint f = 0; f < n_edges; f++)
        {
          const CrmMapEdge *other = crm_stakeholder_map_get_edge (self->map, f);
          int q;

          if (f == e || other->kind != CRM_MAP_EDGE_REPORTS_TO || other->to != edge->to ||
              (q = find_node (self, other->from)) < 0 || q == r || p[q].x != p[r].x ||
              p[q].layer != p[r].layer)
            continue;
          self->column_top[r] = MIN (isnan (self->column_top[r]) ? G_MAXDOUBLE : self->column_top[r],
                                     MIN (p[q].y, p[r].y) - self->metrics.node_height / 2);
        }
    }
}

static void
reports_line (CrmMapRenderer       *self,
              cairo_t              *cr,
              const CrmLayoutPoint *r,
              const CrmLayoutPoint *m,
              guint                 level,
              double                column_top,
              GArray               *arrows)
{
  const CrmLayoutMetrics *mt = &self->metrics;
  double top = r->y - mt->node_height / 2, bottom = m->y + mt->node_height / 2 + 2;
  double ex, ey, dx, dy, pts[8];

  if (r->y > m->y + mt->node_height / 2 && r->x - m->x >= 4 && r->x - m->x <= mt->node_width / 2)
    {
      /* Indented under the manager, in a column: a spine from the
       * manager's bottom into the report's side. */
      double spine = m->x - mt->node_width / 2 + (r->x - m->x) / 2;

      cairo_move_to (cr, r->x - mt->node_width / 2, r->y);
      cairo_line_to (cr, spine, r->y);
      cairo_line_to (cr, spine, bottom);
      add_arrow (arrows, spine, bottom, 0, -1, 4.5);
      return;
    }
  if (top - bottom > mt->v_gap / 3)
    {
      if (!isnan (column_top))
        {
          /* A spine left of the column, into each report's side. */
          double spine = r->x - mt->node_width / 2 - 14;
          double mid = column_top - mt->v_gap * (0.3 + 0.2 * level);

          cairo_move_to (cr, r->x - mt->node_width / 2, r->y);
          cairo_line_to (cr, spine, r->y);
          cairo_line_to (cr, spine, mid);
          cairo_line_to (cr, m->x, mid);
        }
      else if (r->layer == m->layer + 1)
        {
          double mid = top - mt->v_gap * (0.3 + 0.2 * level);
          double turn = MIN (8, fabs (r->x - m->x) / 2);
          double sx = r->x > m->x ? -1 : 1;

          cairo_move_to (cr, r->x, top);
          cairo_line_to (cr, r->x, mid + turn);
          if (turn > 0.5)
            cairo_curve_to (cr, r->x, mid, r->x, mid, r->x + sx * turn, mid);
          cairo_line_to (cr, m->x - sx * turn, mid);
          if (turn > 0.5)
            cairo_curve_to (cr, m->x, mid, m->x, mid, m->x, mid - turn);
        }
      else
        {
          double k = (top - bottom) / 2;

          cairo_move_to (cr, r->x, top);
          cairo_curve_to (cr, r->x, top - k, m->x, bottom + k, m->x, bottom + 4);
        }
      cairo_line_to (cr, m->x, bottom);
      add_arrow (arrows, m->x, bottom, 0, -1, 4.5);
      return;
    }

  curve_between (self, cr, r, m, 0.0, &ex, &ey, &dx, &dy, pts);
  add_arrow (arrows, ex, ey, dx, dy, 4.5);
}

static double
strength_width (const char *strength)
{
  if (g_strcmp0 (strength, "high") == 0)
    return 3.2;
  if (g_strcmp0 (strength, "low") == 0)
    return 1.2;
  return 2.0;
}

#define DASH_ON  7.0
#define DASH_OFF 5.0

static gboolean
segment_near (double        ax,
              double        ay,
              double        bx,
              double        by,
              const double  clip[4],
              double        pad)
{
  return MAX (ax, bx) + pad >= clip[0] && MIN (ax, bx) - pad <= clip[2] &&
         MAX (ay, by) + pad >= clip[1] && MIN (ay, by) - pad <= clip[3];
}

/* A dash from (@ax, @ay) to (@bx, @by) as its outline, @width wide. */
static void
dash_outline (cairo_t *cr,
              double   ax,
              double   ay,
              double   bx,
              double   by,
              double   width)
{
  double dx = bx - ax, dy = by - ay, len = hypot (dx, dy);
  double nx = -dy / len * width / 2, ny = dx / len * width / 2;

  cairo_move_to (cr, ax + nx, ay + ny);
  cairo_line_to (cr, bx + nx, by + ny);
  cairo_line_to (cr, bx - nx, by - ny);
  cairo_line_to (cr, ax - nx, ay - ny);
  cairo_close_path (cr);
}

/* The dashes of the cubic @pts, @width wide, as outlines to fill, only
 * those near the clip: cairo's dashed strokes dash a whole curve however
 * little of it shows, and stroking thousands of dashes costs several
 * times filling their outlines, which made a zoomed-in view of a large map
 * slow. */
static void
dashed_curve (cairo_t      *cr,
              const double  pts[8],
              const double  clip[4],
              double        width)
{
  double pad = width + 2;
  double hull = hypot (pts[2] - pts[0], pts[3] - pts[1]) + hypot (pts[4] - pts[2], pts[5] - pts[3]) +
                hypot (pts[6] - pts[4], pts[7] - pts[5]);
  int n = CLAMP ((int) (hull / 6), 4, 4000);
  double px = pts[0], py = pts[1], phase = 0;

  for (int i = 1; i <= n; i++)
    {
      double t = (double) i / n, u = 1 - t;
      double qx = u * u * u * pts[0] + 3 * u * u * t * pts[2] + 3 * u * t * t * pts[4] + t * t * t * pts[6];
      double qy = u * u * u * pts[1] + 3 * u * u * t * pts[3] + 3 * u * t * t * pts[5] + t * t * t * pts[7];
      double d = hypot (qx - px, qy - py), done = 0;

      if (d > 0 && segment_near (px, py, qx, qy, clip, pad))
        while (done < d)
          {
            double in = fmod (phase, DASH_ON + DASH_OFF);
            double step = MIN (in < DASH_ON ? DASH_ON - in : DASH_ON + DASH_OFF - in, d - done);

            if (in < DASH_ON && step > 0.01)
              dash_outline (cr, px + (qx - px) * done / d, py + (qy - py) * done / d,
                            px + (qx - px) * (done + step) / d, py + (qy - py) * (done + step) / d,
                            width);
            done += step;
            phase += step;
          }
      else
        phase += d;
      px = qx, py = qy;
    }
}

static void
influence_line (CrmMapRenderer       *self,
                cairo_t              *cr,
                const CrmLayoutPoint *a,
                const CrmLayoutPoint *b,
                double                width,
                const double          clip[4],
                gboolean              dashed,
                GArray               *arrows)
{
  double ex, ey, dx, dy, pts[8];

  curve_between (self, dashed ? NULL : cr, a, b, 0.22, &ex, &ey, &dx, &dy, pts);
  if (dashed)
    dashed_curve (cr, pts, clip, width);
  add_arrow (arrows, ex, ey, dx, dy, 3 + width);
}

/* Whether the box around @a and @b (grown by @pad) meets the clip. */
static gboolean
edge_visible (const CrmLayoutPoint *a,
              const CrmLayoutPoint *b,
              const double          clip[4],
              double                pad)
{
  return MAX (a->x, b->x) + pad >= clip[0] && MIN (a->x, b->x) - pad <= clip[2] &&
         MAX (a->y, b->y) + pad >= clip[1] && MIN (a->y, b->y) - pad <= clip[3];
}

void
crm_map_renderer_draw_edges (CrmMapRenderer *self,
                             cairo_t        *cr)
{
  const Palette *pal;
  const CrmLayoutPoint *p;
  GArray *arrows;
  guint n_edges;
  double clip[4], pad;
  gboolean dashed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if ((p = points_of (self)) == NULL)
    return;
  pal = palette (self);
  n_edges = crm_stakeholder_map_get_n_edges (self->map);
  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  pad = self->metrics.node_width + self->metrics.node_height;
  ensure_bus_levels (self, p);

  arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  /* Dashes too small to see are not worth their cost. */
  dashed = device_scale (cr) * 5 >= 1;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Reports-to lines first, then influence links over them, by strength. */
  for (guint pass = 0; pass < 4; pass++)
    {
      static const char *strengths[] = { NULL, "low", "medium", "high" };
      double width = pass == 0 ? pal->line_width : strength_width (strengths[pass]);

      for (guint e = 0; e < n_edges; e++)
        {
          const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, e);
          int from, to;

          if (pass == 0 ? edge->kind != CRM_MAP_EDGE_REPORTS_TO
                        : edge->kind != CRM_MAP_EDGE_INFLUENCES ||
                          strength_width (edge->strength) != width)
            continue;
          from = find_node (self, edge->from);
          to = find_node (self, edge->to);
          if (from < 0 || to < 0 || from == to || !edge_visible (&p[from], &p[to], clip, pad))
            continue;
          if (pass == 0)
            reports_line (self, cr, &p[from], &p[to], self->bus_level[to], self->column_top[from],
                          arrows);
          else
            influence_line (self, cr, &p[from], &p[to], width, clip, dashed, arrows);
        }
      if (arrows->len == 0)
        {
          cairo_new_path (cr);
          continue;
        }
      set_rgba (cr, pass == 0 ? &pal->line : &pal->influence);
      cairo_set_line_width (cr, width);
      /* Dashes are already their outlines (see dashed_curve()). */
      if (pass > 0 && dashed)
        cairo_fill (cr);
      else
        cairo_stroke (cr);
      fill_arrows (cr, arrows);
    }
  cairo_restore (cr);
  g_array_unref (arrows);
}

/* --- nodes --- */

static const Rgba *
attitude_colour (const Palette *pal,
                 const char    *attitude)
{
  if (g_strcmp0 (attitude, "supporter") == 0)
    return &pal->supporter;
  if (g_strcmp0 (attitude, "opponent") == 0)
    return &pal->opponent;
  return &pal->neutral;
}

/* The badge of an attitude at (@x, @y): a disc with a plus, dot or minus. */
static void
attitude_badge (const Palette *pal,
                cairo_t       *cr,
                const char    *attitude,
                const Rgba    *ring,
                double         x,
                double         y,
                double         r)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_rgba (cr, attitude_colour (pal, attitude));
  cairo_fill_preserve (cr);
  set_rgba (cr, ring);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  set_rgba (cr, &pal->mark);
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

static void
clock_mark (const Palette *pal,
            cairo_t       *cr,
            double         x,
            double         y,
            double         r)
{
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_rgba (cr, &pal->stale);
  cairo_fill (cr);
  set_rgba (cr, &pal->mark);
  if (pal == &palettes[CRM_MAP_STYLE_DARK])
    cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, MAX (1.4, r * 0.2));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x, y - r * 0.6);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + r * 0.45, y + r * 0.3);
  cairo_stroke (cr);
}

static double
influence_ring (const char *influence)
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
  const Palette *pal = palette (self);
  gboolean high = g_strcmp0 (node->influence, "high") == 0;
  double r = high ? 24 : 21, ring = influence_ring (node->influence);
  Rgba fill = mix (&pal->card, attitude_colour (pal, node->attitude), pal->tint);
  double tw, th, br = 8.5;

  cairo_set_line_width (cr, ring);
  set_rgba (cr, &pal->text);
  cairo_arc (cr, x, y, r + 2.5 + ring / 2, 0, 2 * G_PI);
  cairo_stroke (cr);

  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_rgba (cr, &fill);
  cairo_fill_preserve (cr);
  if (pal->tint == 0)
    {
      cairo_set_line_width (cr, 1);
      set_rgba (cr, &pal->text);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);

  if (t != NULL)
    {
      layout_size (t->initials, &tw, &th);
      set_rgba (cr, &pal->text);
      show_layout (cr, t->initials, x - tw / 2, y - th / 2);
    }
  attitude_badge (pal, cr, node->attitude, &pal->card, x + r * 0.74, y + r * 0.74, br);
}

/* The text column: name, title, role pill, centred as a block. */
static void
node_texts (CrmMapRenderer *self,
            cairo_t        *cr,
            NodeText       *t,
            double          x,
            double          cy)
{
  const Palette *pal = palette (self);
  double nw, nh, tw = 0, th = 0, rw = 0, rh = 0, pill_h = 0, total, y;

  layout_size (t->name, &nw, &nh);
  if (t->title != NULL)
    layout_size (t->title, &tw, &th);
  if (t->role != NULL)
    {
      layout_size (t->role, &rw, &rh);
      pill_h = rh + 4;
    }
  total = nh + th + (pill_h > 0 ? pill_h + 6 : 0);
  y = cy - total / 2;

  set_rgba (cr, &pal->text);
  show_layout (cr, t->name, x, y);
  y += nh;
  if (t->title != NULL)
    {
      set_rgba (cr, &pal->dim);
      show_layout (cr, t->title, x, y);
      y += th;
    }
  if (t->role != NULL)
    {
      y += 6;
      rounded_rect (cr, x, y, rw + 14, pill_h, pill_h / 2);
      set_rgba (cr, &pal->pill);
      cairo_fill_preserve (cr);
      if (self->style == CRM_MAP_STYLE_HIGH_CONTRAST)
        {
          set_rgba (cr, &pal->text);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      set_rgba (cr, &pal->pill_text);
      show_layout (cr, t->role, x + 7, y + 2);
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
  const Palette *pal = palette (self);
  double w = text_width (self);

  set_rgba (cr, &pal->text);
  cairo_rectangle (cr, x, cy - 18, w * MIN (1.0, 0.3 + 0.05 * g_utf8_strlen (node->name, -1)), 9);
  cairo_fill (cr);
  set_rgba (cr, &pal->dim);
  cairo_rectangle (cr, x, cy - 3, w * 0.7, 6);
  cairo_fill (cr);
  if (node->role != NULL && node->role[0] != '\0')
    {
      set_rgba (cr, &pal->pill_text);
      rounded_rect (cr, x, cy + 9, w * 0.55, 10, 5);
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

  if ((p = points_of (self)) == NULL || index >= self->points->len)
    return;
  pal = palette (self);
  node = crm_stakeholder_map_get_node (self->map, index);
  p = &p[index];
  w = self->metrics.node_width;
  h = self->metrics.node_height;
  x0 = p->x - w / 2;
  y0 = p->y - h / 2;
  readable = device_scale (cr) * TITLE_PX >= READABLE_PX;
  if (readable)
    t = node_text (self, index);

  cairo_save (cr);
  if (pal->shadow.a > 0)
    {
      rounded_rect (cr, x0, y0 + 1.5, w, h, RADIUS);
      set_rgba (cr, &pal->shadow);
      cairo_fill (cr);
    }
  rounded_rect (cr, x0, y0, w, h, RADIUS);
  set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x0, y0, STRIPE, h);
  set_rgba (cr, attitude_colour (pal, node->attitude));
  cairo_fill (cr);
  cairo_restore (cr);
  rounded_rect (cr, x0, y0, w, h, RADIUS);
  set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);

  avatar (self, cr, node, t, x0 + AVATAR_X, p->y);
  if (t != NULL)
    node_texts (self, cr, t, x0 + TEXT_X, p->y);
  else
    node_bars (self, cr, node, x0 + TEXT_X, p->y);
  if (is_stale (self, node))
    clock_mark (pal, cr, x0 + w - 16, y0 + h - 16, 7);

  if (selected)
    {
      rounded_rect (cr, x0 - 4, y0 - 4, w + 8, h + 8, RADIUS + 4);
      set_rgba (cr, &pal->accent);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* --- the legend --- */

static const char *
legend_text (CrmMapRenderer *self,
             LegendItem      item,
             char          **owned)
{
  switch (item)
    {
    case LEGEND_SUPPORTER:
      return C_("stakeholder attitude", "Supporter");
    case LEGEND_NEUTRAL:
      return C_("stakeholder attitude", "Neutral");
    case LEGEND_OPPONENT:
      return C_("stakeholder attitude", "Opponent");
    case LEGEND_STALE:
      /* TRANSLATORS: the stale marker (a clock) in the stakeholder map legend */
      return *owned = g_strdup_printf (ngettext ("No contact in %u day", "No contact in %u days",
                                                 self->stale_days), self->stale_days);
    case LEGEND_REPORTS_TO:
      return C_("stakeholder map legend", "Reports to");
    case LEGEND_INFLUENCES:
      return C_("stakeholder map legend", "Influences");
    case LEGEND_INFLUENCE:
      /* TRANSLATORS: followed by rings for low, medium and high influence */
      return C_("stakeholder map legend", "Influence:");
    case LEGEND_LOW:
      return C_("stakeholder influence", "Low");
    case LEGEND_MEDIUM:
      return C_("stakeholder influence", "Medium");
    case LEGEND_HIGH:
      return C_("stakeholder influence", "High");
    case N_LEGEND:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

static void
ensure_legend (CrmMapRenderer *self)
{
  if (self->legend[0] != NULL && self->legend_stale_days == self->stale_days)
    return;
  for (guint i = 0; i < N_LEGEND; i++)
    {
      g_autofree char *owned = NULL;
      const char *text = legend_text (self, i, &owned);

      g_clear_object (&self->legend[i]);
      self->legend[i] = make_layout (self, text, LEGEND_PX, PANGO_WEIGHT_NORMAL, 0);
    }
  self->legend_stale_days = self->stale_days;
}

#define LEGEND_ROW     28.0
#define LEGEND_PAD     14.0
#define LEGEND_SAMPLE  30.0   /* width of a symbol before its text */
#define LEGEND_SPACING 24.0   /* between items */

/* Walks the legend's two rows; draws when @cr is not NULL.  Returns the size. */
static void
legend_walk (CrmMapRenderer *self,
             cairo_t        *cr,
             double          x0,
             double          y0,
             double         *width,
             double         *height)
{
  static const LegendItem rows[2][6] = {
    { LEGEND_SUPPORTER, LEGEND_NEUTRAL, LEGEND_OPPONENT, LEGEND_STALE, N_LEGEND },
    { LEGEND_REPORTS_TO, LEGEND_INFLUENCES, LEGEND_INFLUENCE, LEGEND_LOW, LEGEND_MEDIUM, LEGEND_HIGH },
  };
  const Palette *pal = palette (self);
  double widest = 0;

  ensure_legend (self);
  for (guint r = 0; r < 2; r++)
    {
      double x = x0 + LEGEND_PAD, cy = y0 + LEGEND_PAD + LEGEND_ROW * (r + 0.5);

      for (guint k = 0; k < G_N_ELEMENTS (rows[r]) && rows[r][k] != N_LEGEND; k++)
        {
          LegendItem item = rows[r][k];
          double tw, th, sample = item == LEGEND_INFLUENCE ? 0 : LEGEND_SAMPLE;

          if (item == LEGEND_STALE && (self->now <= 0 || self->stale_days == 0))
            continue;
          if (item == LEGEND_REPORTS_TO || item == LEGEND_INFLUENCES)
            sample = 44;
          layout_size (self->legend[item], &tw, &th);
          if (cr != NULL)
            {
              cairo_save (cr);
              set_rgba (cr, &pal->text);
              if (item <= LEGEND_OPPONENT)
                attitude_badge (pal, cr, item == LEGEND_SUPPORTER ? "supporter"
                                         : item == LEGEND_OPPONENT ? "opponent" : "neutral",
                                &pal->card, x + 10, cy, 9);
              else if (item == LEGEND_STALE)
                clock_mark (pal, cr, x + 10, cy, 8);
              else if (item == LEGEND_REPORTS_TO)
                {
                  set_rgba (cr, &pal->line);
                  cairo_set_line_width (cr, pal->line_width);
                  cairo_move_to (cr, x, cy);
                  cairo_line_to (cr, x + 30, cy);
                  cairo_stroke (cr);
                  arrow_head (cr, x + 36, cy, 1, 0, 4.5);
                  cairo_fill (cr);
                }
              else if (item == LEGEND_INFLUENCES)
                {
                  double dashes[] = { 7, 5 };

                  set_rgba (cr, &pal->influence);
                  cairo_set_line_width (cr, 2);
                  cairo_set_dash (cr, dashes, 2, 0);
                  cairo_move_to (cr, x, cy);
                  cairo_line_to (cr, x + 29, cy);
                  cairo_stroke (cr);
                  cairo_set_dash (cr, NULL, 0, 0);
                  arrow_head (cr, x + 36, cy, 1, 0, 5);
                  cairo_fill (cr);
                }
              else if (item >= LEGEND_LOW)
                {
                  double ring = influence_ring (item == LEGEND_LOW ? "low"
                                                : item == LEGEND_HIGH ? "high" : "medium");

                  cairo_set_line_width (cr, ring);
                  cairo_arc (cr, x + 10, cy, 8 - ring / 2, 0, 2 * G_PI);
                  cairo_stroke (cr);
                }
              set_rgba (cr, &pal->text);
              show_layout (cr, self->legend[item], x + sample, cy - th / 2);
              cairo_restore (cr);
            }
          x += sample + tw + (item == LEGEND_INFLUENCE ? 12 : LEGEND_SPACING);
        }
      widest = MAX (widest, x - LEGEND_SPACING + LEGEND_PAD - x0);
    }
  *width = widest;
  *height = 2 * LEGEND_PAD + 2 * LEGEND_ROW;
}

/* The legend's box, below the nodes. */
static void
legend_box (CrmMapRenderer *self,
            double         *x,
            double         *y,
            double         *w,
            double         *h)
{
  double bx, by, bw, bh;

  crm_stakeholder_layout_bounds (points_of (self) ? self->points : NULL, &self->metrics,
                                 &bx, &by, &bw, &bh);
  legend_walk (self, NULL, 0, 0, w, h);
  *x = bx;
  *y = bh > 0 ? by + bh + LEGEND_GAP : by;
}

static void
draw_legend (CrmMapRenderer *self,
             cairo_t        *cr)
{
  const Palette *pal = palette (self);
  double x, y, w, h;

  legend_box (self, &x, &y, &w, &h);
  cairo_save (cr);
  rounded_rect (cr, x, y, w, h, RADIUS);
  set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);
  cairo_restore (cr);
  legend_walk (self, cr, x, y, &w, &h);
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
  const Palette *pal = palette (self);
  const CrmLayoutMetrics *m = &self->metrics;
  const CrmLayoutPoint *p = points_of (self);
  guint n = self->points->len;
  double w = m->node_width, h = m->node_height, tw = text_width (self);

  cairo_save (cr);
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip))
      cairo_rectangle (cr, p[i].x - w / 2, p[i].y - h / 2, w, h);
  set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);

  /* The influence rings as discs under the avatars. */
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip))
      {
        const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);
        double r = (g_strcmp0 (node->influence, "high") == 0 ? 24 : 21) + 2.5 +
                   influence_ring (node->influence);

        cairo_new_sub_path (cr);
        cairo_arc (cr, p[i].x - w / 2 + AVATAR_X, p[i].y, r, 0, 2 * G_PI);
      }
  set_rgba (cr, &pal->text);
  cairo_fill (cr);

  for (int a = 0; a < 3; a++)
    {
      Rgba tint = mix (&pal->card, attitude_colour (pal, attitudes[a]), MAX (pal->tint, 0.15));

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
      set_rgba (cr, &tint);
      cairo_fill (cr);
      for (guint i = 0; i < n; i++)
        {
          const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);

          if (attitude_index (node->attitude) == a && is_visible (&p[i], m, clip))
            cairo_rectangle (cr, p[i].x - w / 2, p[i].y - h / 2, STRIPE * 2, h);
        }
      set_rgba (cr, attitude_colour (pal, attitudes[a]));
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
      set_rgba (cr, pass == 0 ? &pal->text : pass == 1 ? &pal->dim : &pal->pill_text);
      cairo_fill (cr);
    }

  /* Stale clocks as dots. */
  for (guint i = 0; i < n; i++)
    if (is_visible (&p[i], m, clip) && is_stale (self, crm_stakeholder_map_get_node (self->map, i)))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, p[i].x + w / 2 - 16, p[i].y + h / 2 - 16, 8, 0, 2 * G_PI);
      }
  set_rgba (cr, &pal->stale);
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
  if ((p = points_of (self)) != NULL)
    {
      if (device_scale (cr) * TITLE_PX < READABLE_PX)
        draw_nodes_coarse (self, cr, clip);
      else
        for (guint i = 0; i < self->points->len; i++)
          if (is_visible (&p[i], m, clip))
            crm_map_renderer_draw_node (self, cr, i, FALSE);
    }
  draw_legend (self, cr);
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

  crm_stakeholder_layout_bounds (points_of (self) ? self->points : NULL, &self->metrics,
                                 &x0, &y0, &x1, &y1);
  x1 += x0, y1 += y0;
  /* Influence curves bend out by up to 160 units: around nodes on the rim. */
  if ((p = points_of (self)) != NULL)
    {
      guint n_edges = crm_stakeholder_map_get_n_edges (self->map);

      for (guint e = 0; e < n_edges; e++)
        {
          const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, e);
          int a = find_node (self, edge->from), b = find_node (self, edge->to);
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
  legend_box (self, &lx, &ly, &lw, &lh);
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

/* --- export --- */

typedef enum
{
  EXPORT_SVG,
  EXPORT_PNG,
  EXPORT_PDF,
} ExportKind;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The title of an exported map, above it. */
static double
draw_title (CrmMapRenderer *self,
            cairo_t        *cr,
            double          x,
            double          y)
{
  const char *title = crm_stakeholder_map_get_title (self->map);
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  if (title == NULL || title[0] == '\0')
    return 0;
  layout = make_layout (self, title, 22, PANGO_WEIGHT_BOLD, 0);
  layout_size (layout, &w, &h);
  if (cr != NULL)
    {
      set_rgba (cr, &palette (self)->text);
      show_layout (cr, layout, x, y);
    }
  return h + 20;
}

static gboolean
export_map (CrmStakeholderMap  *map,
            CrmMapStyle         style,
            gint64              now,
            guint               stale_days,
            ExportKind          kind,
            double              scale,
            const char         *path,
            GError            **error)
{
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, TRUE);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  CrmMapRenderer *r = crm_map_renderer_new (map, NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double x, y, w, h, title_h, page_w, page_h;

  crm_map_renderer_set_style (r, style);
  crm_map_renderer_set_clock (r, now, stale_days);
  crm_map_renderer_set_points (r, points);
  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  title_h = draw_title (r, NULL, 0, 0);
  page_w = w + 2 * EXPORT_MARGIN;
  page_h = h + title_h + 2 * EXPORT_MARGIN;

  if (kind == EXPORT_PNG)
    {
      scale = MIN (scale, MIN (MAX_PNG_SIDE / page_w, MAX_PNG_SIDE / page_h));
      scale = MIN (scale, sqrt (MAX_PNG_PIXELS / (page_w * page_h)));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (page_w * scale),
                                            (int) ceil (page_h * scale));
    }
  else if (kind == EXPORT_SVG)
    {
      scale = 1;
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, page_w, page_h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      /* 96 map units to the inch, as on screen; smaller for a huge map. */
      scale = MIN (0.75, MIN (MAX_PDF_SIDE / page_w, MAX_PDF_SIDE / page_h));
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, page_w * scale,
                                                     page_h * scale);
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_save (cr);
  cairo_translate (cr, EXPORT_MARGIN - x, EXPORT_MARGIN + title_h - y);
  crm_map_renderer_draw (r, cr);
  cairo_restore (cr);
  draw_title (r, cr, EXPORT_MARGIN, EXPORT_MARGIN);
  status = cairo_status (cr);
  cairo_destroy (cr);
  crm_map_renderer_free (r);

  if (status == CAIRO_STATUS_SUCCESS && kind == EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the map: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  /* A temporary file in the same directory renamed over @path: never a
   * partial file. */
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    {
      g_prefix_error (error, _("Could not export to “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_stakeholder_export_svg (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_SVG, 1, path, error);
}

gboolean
crm_stakeholder_export_png (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            double              scale,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_PNG, scale, path, error);
}

gboolean
crm_stakeholder_export_pdf (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_PDF, 1, path, error);
}
