/* crm-stakeholder-render-edges.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map's edges: reports-to lines (buses, spines of columns,
 * curves) and dashed influence curves, each kind in one path.
 */

#define G_LOG_DOMAIN "CrmStakeholderRender"

#include "config.h"

#include <math.h>

#include "crm-stakeholder-render-private.h"

/* --- edges --- */

void
_crm_map_arrow_head (cairo_t *cr,
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

      _crm_map_arrow_head (cr, a->x, a->y, a->dx, a->dy, a->size);
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
      int m = _crm_map_find_node (self, edge->to);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && m >= 0 && self->bus_level[m] == 0 &&
          _crm_map_find_node (self, edge->from) >= 0)
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
      int r = _crm_map_find_node (self, edge->from), m = _crm_map_find_node (self, edge->to);

      if (edge->kind != CRM_MAP_EDGE_REPORTS_TO || r < 0 || m < 0 || p[r].layer != p[m].layer + 1)
        continue;
      for (guint f = 0; f < n_edges; f++)
        {
          const CrmMapEdge *other = crm_stakeholder_map_get_edge (self->map, f);
          int q;

          if (f == e || other->kind != CRM_MAP_EDGE_REPORTS_TO || other->to != edge->to ||
              (q = _crm_map_find_node (self, other->from)) < 0 || q == r || p[q].x != p[r].x ||
              p[q].layer != p[r].layer)
            continue;
          self->column_top[r] = MIN (isnan (self->column_top[r]) ? G_MAXDOUBLE : self->column_top[r],
                                     MIN (p[q].y, p[r].y) - self->metrics.node_height / 2);
        }
    }
}

/* Whether @r hangs in a column under @m as the layout indents it: a sixth
 * of a node to the right, a whole number of stacked places below. */
static gboolean
indented_under (const CrmLayoutMetrics *mt,
                const CrmLayoutPoint   *r,
                const CrmLayoutPoint   *m)
{
  double step = mt->node_height + mt->h_gap, places = (r->y - m->y) / step;

  return fabs (r->x - m->x - mt->node_width / 6) < 0.5 && places > 0.5 &&
         fabs (places - round (places)) * step < 0.5;
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

  if (indented_under (mt, r, m))
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

  if ((p = _crm_map_points_of (self)) == NULL)
    return;
  pal = _crm_map_palette (self);
  n_edges = crm_stakeholder_map_get_n_edges (self->map);
  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  pad = self->metrics.node_width + self->metrics.node_height;
  ensure_bus_levels (self, p);

  arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  /* Dashes too small to see are not worth their cost. */
  dashed = _crm_map_device_scale (cr) * 5 >= 1;

  cairo_save (cr);
  /* Seen whole, a large map's lines are hairlines: coarser antialiasing
   * draws them at half the cost and looks the same. */
  if (_crm_map_device_scale (cr) * TITLE_PX < READABLE_PX)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
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
          from = _crm_map_find_node (self, edge->from);
          to = _crm_map_find_node (self, edge->to);
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
      _crm_map_set_rgba (cr, pass == 0 ? &pal->line : &pal->influence);
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
