/* crm-chart-draw.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a CrmChart draws: round ticks, the legend, columns (grouped or
 * stacked), horizontal bars (names left of the bars, or above them when
 * narrow), the keyboard callout, and which category a point falls on.
 */

#define G_LOG_DOMAIN "CrmChart"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "crm-chart.h"
#include "crm-chart-private.h"
#include "crm-compat.h"
#include "crm-format.h"

static double
unit_scale (CrmChartUnit  unit,
            const char   *currency)
{
  if (unit == CRM_CHART_UNIT_MONEY)
    return pow (10, crm_format_currency_digits (currency));
  if (unit == CRM_CHART_UNIT_PERCENT)
    return 0.01;
  return 1;
}

/* A tick label: money without minor units, percentages, plain numbers. */
static char *
format_tick (CrmChart *self,
             double    value)
{
  switch (self->unit)
    {
    case CRM_CHART_UNIT_MONEY:
      return crm_format_money_short ((gint64) llround (value), self->currency);
    case CRM_CHART_UNIT_PERCENT:
      return g_strdup_printf (_("%ld %%"), lround (value * 100));
    case CRM_CHART_UNIT_DAYS:
    case CRM_CHART_UNIT_COUNT:
    default:
      return crm_format_count ((gint64) llround (value));
    }
}

/* A round step (1, 2, 2.5 or 5 × 10ⁿ display units, whole units at least)
 * that covers @max in TICKS steps; in the chart's own units. */
static double
nice_step (CrmChart *self,
           double    max)
{
  double scale = unit_scale (self->unit, self->currency);
  double raw, magnitude, norm, step;

  if (self->unit == CRM_CHART_UNIT_PERCENT && max <= 1)
    return 0.25;
  raw = MAX (max / scale / TICKS, 1e-9);
  magnitude = pow (10, floor (log10 (raw)));
  norm = raw / magnitude;
  if (norm <= 1)
    step = 1;
  else if (norm <= 2)
    step = 2;
  else if (norm <= 2.5)
    step = 2.5;
  else if (norm <= 5)
    step = 5;
  else
    step = 10;
  step = MAX (step * magnitude, 1);
  return step * scale;
}

static double
max_value (CrmChart *self)
{
  guint n_series = crm_chart_get_n_series (self);
  guint n_categories = crm_chart_get_n_categories (self);
  double max = 0;

  for (guint c = 0; c < n_categories; c++)
    {
      double sum = 0;

      for (guint s = 0; s < n_series; s++)
        {
          double v = MAX (_crm_chart_value_at (self, s, c), 0);

          sum = self->stacked ? sum + v : MAX (sum, v);
        }
      max = MAX (max, sum);
    }
  return max;
}

/* --- drawing helpers --- */

static void
get_series_color (CrmChart *self,
                  guint     series,
                  GdkRGBA  *color)
{
  crm_widget_get_color (self->probes[series % N_PALETTE], color);
}

static PangoLayout *
make_layout (CrmChart   *self,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_bar (CrmChart      *self,
          GtkSnapshot   *snapshot,
          double         x,
          double         y,
          double         w,
          double         h,
          const GdkRGBA *fill,
          const GdkRGBA *outline)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, w, h);

  if (w <= 0 || h <= 0)
    return;
  gtk_snapshot_append_color (snapshot, fill, &rect);
  if (outline != NULL)
    {
      GskRoundedRect border;
      const float widths[4] = { 1, 1, 1, 1 };
      const GdkRGBA colors[4] = { *outline, *outline, *outline, *outline };

      gsk_rounded_rect_init_from_rect (&border, &rect, 0);
      gtk_snapshot_append_border (snapshot, &border, widths, colors);
    }
}

/* Legend items flow in rows over @width; returns the height. */
static int
legend_height (CrmChart *self,
               int       width,
               gboolean  draw,
               GtkSnapshot *snapshot)
{
  guint n_series = crm_chart_get_n_series (self);
  GdkRGBA fg;
  int x = 0, y = 0, line = 0;

  if (n_series < 2)
    return 0;
  crm_widget_get_color (GTK_WIDGET (self), &fg);
  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->series[s], TRUE);
      int tw, th, item;

      pango_layout_get_pixel_size (layout, &tw, &th);
      line = MAX (line, th);
      item = SWATCH + 6 + tw;
      if (x > 0 && x + item > width)
        {
          x = 0;
          y += line + 6;
        }
      if (draw)
        {
          GdkRGBA color;

          get_series_color (self, s, &color);
          draw_bar (self, snapshot, x, y + (th - SWATCH) / 2.0, SWATCH, SWATCH, &color, NULL);
          draw_text (snapshot, layout, x + SWATCH + 6, y, &fg);
        }
      x += item + 18;
    }
  return y + line + 12;
}

static int
text_height (CrmChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "0", TRUE);
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

/* --- columns --- */

typedef struct
{
  double left, top, width, height;   /* the plot area */
  double band;                       /* width of one category */
  double top_value;                  /* the value at the top of the axis */
  double step;
  int    label_lines;
} ColumnsGeometry;

static int
category_lines (CrmChart *self)
{
  int lines = 1;

  for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
    {
      int n = 1;

      for (const char *p = self->categories[c]; *p != '\0'; p++)
        n += *p == '\n';
      lines = MAX (lines, n);
    }
  return lines;
}

static void
columns_geometry (CrmChart        *self,
                  int              width,
                  int              height,
                  ColumnsGeometry *g)
{
  int legend = legend_height (self, width, FALSE, NULL);
  int th = text_height (self);
  double max = max_value (self);
  int label_width = 0;

  g->step = nice_step (self, max);
  g->top_value = MAX (ceil (max / g->step - 1e-9), 1) * g->step;
  for (int i = 0; i <= TICKS * 4 && i * g->step <= g->top_value + g->step / 2; i++)
    {
      g_autofree char *text = format_tick (self, i * g->step);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      int tw;

      pango_layout_get_pixel_size (layout, &tw, NULL);
      label_width = MAX (label_width, tw);
    }
  g->label_lines = category_lines (self);
  g->left = label_width + 8;
  g->top = legend + th / 2.0;
  g->width = MAX (width - g->left - 4, 1);
  g->height = MAX (height - g->top - g->label_lines * th - 8, 1);
  g->band = g->width / MAX (crm_chart_get_n_categories (self), 1);
}

static double
y_of (const ColumnsGeometry *g,
      double                 value)
{
  return g->top + g->height - MAX (value, 0) / g->top_value * g->height;
}

static void
snapshot_axis (CrmChart              *self,
               GtkSnapshot           *snapshot,
               const ColumnsGeometry *g,
               const GdkRGBA         *fg,
               gboolean               high_contrast)
{
  GdkRGBA grid = *fg, dim = *fg;
  int th = text_height (self);

  grid.alpha = high_contrast ? 0.5 : 0.12;
  dim.alpha = high_contrast ? 1 : 0.7;
  for (int i = 0; i * g->step <= g->top_value + g->step / 2; i++)
    {
      double y = y_of (g, i * g->step);
      g_autofree char *text = format_tick (self, i * g->step);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      int tw;

      pango_layout_get_pixel_size (layout, &tw, NULL);
      draw_text (snapshot, layout, g->left - 8 - tw, y - th / 2.0, &dim);
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (g->left, round (y), g->width, 1));
    }
}

/* Category labels under the bands, every k-th when they would overlap. */
static void
snapshot_category_labels (CrmChart              *self,
                          GtkSnapshot           *snapshot,
                          const ColumnsGeometry *g,
                          const GdkRGBA         *fg)
{
  guint n = crm_chart_get_n_categories (self);
  int widest = 0;
  guint every;

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->categories[c], TRUE);
      int tw;

      pango_layout_get_pixel_size (layout, &tw, NULL);
      widest = MAX (widest, tw);
    }
  every = MAX (1, (guint) ceil ((widest + 6) / MAX (g->band, 1)));
  for (guint c = 0; c < n; c += every)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->categories[c], TRUE);
      int tw;

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, NULL);
      draw_text (snapshot, layout, g->left + g->band * (c + 0.5) - tw / 2.0,
                 g->top + g->height + 6, fg);
    }
}

static void
snapshot_columns (CrmChart    *self,
                  GtkSnapshot *snapshot,
                  int          width,
                  int          height,
                  const GdkRGBA *fg,
                  gboolean     high_contrast)
{
  guint n_series = crm_chart_get_n_series (self);
  guint n_categories = crm_chart_get_n_categories (self);
  ColumnsGeometry g;
  GdkRGBA shade = *fg;

  columns_geometry (self, width, height, &g);
  legend_height (self, width, TRUE, snapshot);
  snapshot_axis (self, snapshot, &g, fg, high_contrast);

  shade.alpha = 0.06;
  for (guint c = 0; c < n_categories; c++)
    {
      double group = MIN (g.band * 0.72, self->stacked ? MAX_BAR_WIDTH : MAX (n_series, 1) * MAX_BAR_WIDTH);
      double x = g.left + g.band * c + (g.band - group) / 2;
      double bar = self->stacked ? group : (group - BAR_GAP * (n_series - 1)) / MAX (n_series, 1);
      double base = 0;

      if ((int) c == self->hover || ((int) c == self->focus && gtk_widget_has_focus (GTK_WIDGET (self))))
        gtk_snapshot_append_color (snapshot, &shade,
                                   &GRAPHENE_RECT_INIT (g.left + g.band * c, g.top, g.band, g.height));
      for (guint s = 0; s < n_series; s++)
        {
          double v = MAX (_crm_chart_value_at (self, s, c), 0);
          GdkRGBA color;

          get_series_color (self, s, &color);
          if (self->stacked)
            {
              double y0 = y_of (&g, base), y1 = y_of (&g, base + v);

              draw_bar (self, snapshot, x, y1, bar, y0 - y1, &color, high_contrast ? fg : NULL);
              base += v;
            }
          else
            {
              double y1 = y_of (&g, v);

              draw_bar (self, snapshot, x + s * (bar + BAR_GAP), y1, bar, g.top + g.height - y1,
                        &color, high_contrast ? fg : NULL);
            }
        }
    }
  snapshot_category_labels (self, snapshot, &g, fg);
}

/* --- horizontal bars --- */

static int
bars_label_width (CrmChart *self)
{
  int widest = 0;

  for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->categories[c], FALSE);
      int tw;

      pango_layout_get_pixel_size (layout, &tw, NULL);
      widest = MAX (widest, tw);
    }
  return widest;
}

static int
bars_value_width (CrmChart *self)
{
  int widest = 0;

  for (guint s = 0; s < crm_chart_get_n_series (self); s++)
    for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
      {
        g_autofree char *text = _crm_chart_value_text (self, s, c);
        g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
        int tw;

        pango_layout_get_pixel_size (layout, &tw, NULL);
        widest = MAX (widest, tw);
      }
  return widest;
}

typedef struct
{
  int      legend;
  int      label_width;   /* of the names left of the bars; 0 when compact */
  int      name_height;   /* of the names above the bars when compact, else 0 */
  double   left, span;    /* where bars start, the length of the longest */
  int      row_height;
} BarsGeometry;

/* Names left of the bars; when a name takes more than 40 % of the width or
 * the bars would get less (a narrow window, long names), each name goes
 * above its bars. */
static void
bars_geometry (CrmChart     *self,
               int           width,
               BarsGeometry *g)
{
  guint n_series = MAX (crm_chart_get_n_series (self), 1);
  int label_w = bars_label_width (self);
  int value_w = bars_value_width (self);

  g->legend = legend_height (self, width, FALSE, NULL);
  g->row_height = n_series * BAR_THICKNESS + (n_series - 1) * BAR_GAP + ROW_PADDING;
  if (label_w <= width * 2 / 5 && width - label_w - 12 - value_w - 6 >= width * 2 / 5)
    {
      g->label_width = label_w;
      g->name_height = 0;
      g->left = label_w + 12;
    }
  else
    {
      g->name_height = 0;
      for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
        {
          g_autoptr(PangoLayout) layout = make_layout (self, self->categories[c], FALSE);
          int th;

          pango_layout_get_pixel_size (layout, NULL, &th);
          g->name_height = MAX (g->name_height, th + 2);
        }
      g->label_width = 0;
      g->left = 0;
      g->row_height += g->name_height;
    }
  g->span = MAX (width - g->left - value_w - 6, 1);
}

static void
snapshot_bars (CrmChart      *self,
               GtkSnapshot   *snapshot,
               int            width,
               const GdkRGBA *fg,
               gboolean       high_contrast)
{
  guint n_series = crm_chart_get_n_series (self);
  double max = MAX (max_value (self), 1e-9);
  GdkRGBA shade = *fg, track = *fg, dim = *fg;
  BarsGeometry g;

  bars_geometry (self, width, &g);
  legend_height (self, width, TRUE, snapshot);
  shade.alpha = 0.06;
  track.alpha = high_contrast ? 0.3 : 0.08;
  dim.alpha = high_contrast ? 1 : 0.7;
  for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
    {
      double y = g.legend + c * g.row_height;
      g_autoptr(PangoLayout) name = make_layout (self, self->categories[c], FALSE);
      int th;

      if ((int) c == self->hover || ((int) c == self->focus && gtk_widget_has_focus (GTK_WIDGET (self))))
        gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, y, width, g.row_height));
      pango_layout_set_width (name, (g.label_width > 0 ? g.label_width : width) * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (name, NULL, &th);
      if (g.label_width > 0)
        draw_text (snapshot, name, 0, y + (g.row_height - th) / 2.0, fg);
      else
        draw_text (snapshot, name, 0, y + ROW_PADDING / 2.0, fg);

      for (guint s = 0; s < n_series; s++)
        {
          double v = MAX (_crm_chart_value_at (self, s, c), 0);
          double by = y + g.name_height + ROW_PADDING / 2.0 + s * (BAR_THICKNESS + BAR_GAP);
          double bw = g.span * v / max;
          g_autofree char *text = _crm_chart_value_text (self, s, c);
          g_autoptr(PangoLayout) value = make_layout (self, text, TRUE);
          GdkRGBA color;
          int vh;

          get_series_color (self, s, &color);
          gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (g.left, by, g.span, BAR_THICKNESS));
          draw_bar (self, snapshot, g.left, by, MAX (bw, v > 0 ? 2 : 0), BAR_THICKNESS, &color,
                    high_contrast ? fg : NULL);
          pango_layout_get_pixel_size (value, NULL, &vh);
          draw_text (snapshot, value, g.left + g.span + 6, by + (BAR_THICKNESS - vh) / 2.0, &dim);
        }
    }
}

/* --- hit testing and the keyboard callout --- */

int
_crm_chart_category_at (CrmChart *self,
             double    x,
             double    y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n = crm_chart_get_n_categories (self);

  if (n == 0)
    return -1;
  if (self->kind == CRM_CHART_COLUMNS)
    {
      ColumnsGeometry g;
      int c;

      columns_geometry (self, width, height, &g);
      if (x < g.left || y < g.top || y > g.top + g.height + 6 + g.label_lines * text_height (self))
        return -1;
      c = (int) ((x - g.left) / g.band);
      return c >= 0 && (guint) c < n ? c : -1;
    }
  else
    {
      BarsGeometry g;
      int c;

      bars_geometry (self, width, &g);
      c = (int) floor ((y - g.legend) / g.row_height);
      return y >= g.legend && c >= 0 && (guint) c < n ? c : -1;
    }
}

static void
snapshot_callout (CrmChart      *self,
                  GtkSnapshot   *snapshot,
                  int            width,
                  int            height,
                  const GdkRGBA *fg)
{
  g_autofree char *text = _crm_chart_describe_category (self, self->focus, TRUE);
  g_autoptr(PangoLayout) layout = make_layout (self, text, FALSE);
  GskRoundedRect box;
  GdkRGBA bg, border = *fg;
  const float widths[4] = { 1, 1, 1, 1 };
  double x, y;
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  if (self->kind == CRM_CHART_COLUMNS)
    {
      ColumnsGeometry g;

      columns_geometry (self, width, height, &g);
      x = g.left + g.band * (self->focus + 1) + 6;
      if (x + tw + 24 > width)
        x = g.left + g.band * self->focus - tw - 24 - 6;
      y = g.top;
    }
  else
    {
      BarsGeometry g;

      bars_geometry (self, width, &g);
      x = width - tw - 24;
      y = g.legend + (self->focus + 1) * g.row_height;
      if (y + th + 16 > height)
        y = MAX (0, y - g.row_height - th - 16);
    }
  x = CLAMP (x, 0, MAX (0, width - tw - 24));

  crm_widget_get_color (self->callout_probe, &bg);
  border.alpha = 0.3;
  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, y, tw + 24, th + 16), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &bg, &box.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &box, widths,
                              (const GdkRGBA[4]) { border, border, border, border });
  draw_text (snapshot, layout, x + 12, y + 8, fg);
}

/* --- the widget's drawing --- */

int
_crm_chart_natural_height (CrmChart *self,
                           int       width)
{
  if (self->kind == CRM_CHART_COLUMNS)
    return legend_height (self, width, FALSE, NULL) + COLUMNS_HEIGHT;
  else
    {
      BarsGeometry g;

      bars_geometry (self, width, &g);
      return g.legend + MAX (crm_chart_get_n_categories (self), 1) * g.row_height;
    }
}

void
_crm_chart_snapshot (CrmChart    *self,
                     GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA fg;

  if (crm_chart_get_n_categories (self) == 0 || width <= 0 || height <= 0)
    return;
  crm_widget_get_color (widget, &fg);
  if (self->kind == CRM_CHART_COLUMNS)
    snapshot_columns (self, snapshot, width, height, &fg, high_contrast);
  else
    snapshot_bars (self, snapshot, width, &fg, high_contrast);

  if (gtk_widget_has_focus (widget) && self->focus >= 0)
    snapshot_callout (self, snapshot, width, height, &fg);
}
