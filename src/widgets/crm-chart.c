/* crm-chart.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmChart"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "crm-chart.h"
#include "crm-compat.h"
#include "crm-format.h"

#define N_PALETTE      6
#define SWATCH         12
#define BAR_THICKNESS  18
#define BAR_GAP        2
#define ROW_PADDING    12
#define TICKS          4
#define COLUMNS_HEIGHT 280
#define MAX_BAR_WIDTH  56

struct _CrmChart
{
  GtkWidget     parent_instance;

  CrmChartKind  kind;
  CrmChartUnit  unit;
  char         *currency;
  gboolean      stacked;
  char         *title;

  GStrv         series;
  GStrv         categories;
  GArray       *values;        /* double, series-major */
  GStrv         labels;        /* n_series × n_categories, "" for none; or NULL */
  GStrv         names;         /* long category names, or NULL */

  int           hover;         /* category under the pointer, -1 */
  int           focus;         /* category under keyboard focus, -1 */

  /* Never shown: their colours are the series colours and the callout's
   * background, from style.css (.chart-series-N, .chart-callout). */
  GtkWidget    *probes[N_PALETTE];
  GtkWidget    *callout_probe;
};

G_DEFINE_FINAL_TYPE (CrmChart, crm_chart, GTK_TYPE_WIDGET)

/* --- numbers --- */

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

char *
crm_chart_format_value (CrmChartUnit  unit,
                        const char   *currency,
                        double        value)
{
  switch (unit)
    {
    case CRM_CHART_UNIT_MONEY:
      return crm_format_money ((gint64) llround (value), currency != NULL ? currency : "");
    case CRM_CHART_UNIT_DAYS:
      {
        long days = lround (value);

        /* TRANSLATORS: a length of time in a chart, e.g. "12 days" */
        return g_strdup_printf (ngettext ("%ld day", "%ld days", days), days);
      }
    case CRM_CHART_UNIT_PERCENT:
      /* TRANSLATORS: a percentage in a chart, e.g. "45 %" */
      return g_strdup_printf (_("%ld %%"), lround (value * 100));
    case CRM_CHART_UNIT_COUNT:
    default:
      return crm_format_count ((gint64) llround (value));
    }
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
value_at (CrmChart *self,
          guint     series,
          guint     category)
{
  guint n_categories = self->categories != NULL ? g_strv_length (self->categories) : 0;

  return g_array_index (self->values, double, series * n_categories + category);
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
          double v = MAX (value_at (self, s, c), 0);

          sum = self->stacked ? sum + v : MAX (sum, v);
        }
      max = MAX (max, sum);
    }
  return max;
}

/* The value's own label or its formatted value; transfer full. */
static char *
value_text (CrmChart *self,
            guint     series,
            guint     category)
{
  guint index = series * crm_chart_get_n_categories (self) + category;

  if (self->labels != NULL && self->labels[index] != NULL && self->labels[index][0] != '\0')
    return g_strdup (self->labels[index]);
  return crm_chart_format_value (self->unit, self->currency, value_at (self, series, category));
}

/* "Nov 2026: Weighted $1,200.00, Best case $3,000.00"; transfer full. */
static char *
describe_category (CrmChart *self,
                   guint     category,
                   gboolean  lines)
{
  GString *text = g_string_new (self->names != NULL ? self->names[category] : self->categories[category]);

  g_strstrip (g_strdelimit (text->str, "\n", ' '));
  g_string_set_size (text, strlen (text->str));
  for (guint s = 0; s < crm_chart_get_n_series (self); s++)
    {
      g_autofree char *value = value_text (self, s, category);

      if (lines)
        g_string_append_c (text, '\n');
      else
        g_string_append (text, s == 0 ? _(": ") : _(", "));
      /* TRANSLATORS: a series and its value in a chart, e.g. "Weighted: $1,200.00" */
      g_string_append_printf (text, _("%s: %s"), self->series[s], value);
    }
  return g_string_free (text, FALSE);
}

char *
crm_chart_describe (CrmChart *self)
{
  GString *text;

  g_return_val_if_fail (CRM_IS_CHART (self), NULL);

  text = g_string_new (NULL);
  for (guint c = 0; c < crm_chart_get_n_categories (self); c++)
    {
      g_autofree char *line = describe_category (self, c, FALSE);

      if (c > 0)
        g_string_append (text, _("; "));
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (CrmChart *self)
{
  g_autofree char *description = crm_chart_describe (self);
  g_autofree char *label = NULL;

  if (self->focus >= 0 && (guint) self->focus < crm_chart_get_n_categories (self))
    {
      g_autofree char *focused = describe_category (self, self->focus, FALSE);

      /* TRANSLATORS: a chart's name and the category under keyboard focus */
      label = g_strdup_printf (_("%s, %s"), self->title != NULL ? self->title : "", focused);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : (self->title != NULL ? self->title : ""),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
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
          double v = MAX (value_at (self, s, c), 0);
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
        g_autofree char *text = value_text (self, s, c);
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
          double v = MAX (value_at (self, s, c), 0);
          double by = y + g.name_height + ROW_PADDING / 2.0 + s * (BAR_THICKNESS + BAR_GAP);
          double bw = g.span * v / max;
          g_autofree char *text = value_text (self, s, c);
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

static int
category_at (CrmChart *self,
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
  g_autofree char *text = describe_category (self, self->focus, TRUE);
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

/* --- callbacks --- */

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  CrmChart *self = CRM_CHART (widget);
  int c = keyboard ? self->focus : category_at (self, x, y);
  g_autofree char *text = NULL;

  if (c < 0)
    return FALSE;
  text = describe_category (self, c, TRUE);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (CrmChart *self,
           int       hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CrmChart                 *self)
{
  set_hover (self, category_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             CrmChart                 *self)
{
  set_hover (self, -1);
}

/* Arrows move the focused category by one (@delta ±1), Home and End to the
 * ends (±G_MAXINT16). */
static gboolean
move_focus_binding (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CrmChart *self = CRM_CHART (widget);
  int n = (int) crm_chart_get_n_categories (self);
  int delta, focus;

  if (n == 0)
    return FALSE;
  g_variant_get (args, "(i)", &delta);
  if (self->focus < 0)
    focus = delta > 0 && delta < G_MAXINT16 ? 0 : (delta > 0 ? n - 1 : 0);
  else
    focus = CLAMP ((gint64) self->focus + delta, 0, n - 1);
  crm_chart_set_focus_category (self, focus);
  return TRUE;
}

static void
on_focus_changed_cb (GtkEventControllerFocus *focus,
                     CrmChart                *self)
{
  if (gtk_event_controller_focus_contains_focus (focus) && self->focus < 0 &&
      crm_chart_get_n_categories (self) > 0)
    crm_chart_set_focus_category (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_style_changed_cb (CrmChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- GtkWidget --- */

static GtkSizeRequestMode
crm_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
crm_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  CrmChart *self = CRM_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = self->kind == CRM_CHART_COLUMNS ? 480 : 360;
    }
  else
    {
      int width = for_size > 0 ? for_size : 480;
      int legend = legend_height (self, width, FALSE, NULL);

      if (self->kind == CRM_CHART_COLUMNS)
        *minimum = *natural = legend + COLUMNS_HEIGHT;
      else
        {
          BarsGeometry g;

          bars_geometry (self, width, &g);
          *minimum = *natural = g.legend + MAX (crm_chart_get_n_categories (self), 1) * g.row_height;
        }
    }
}

static void
crm_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CrmChart *self = CRM_CHART (widget);
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

static void
crm_chart_dispose (GObject *object)
{
  CrmChart *self = CRM_CHART (object);

  for (guint i = 0; i < N_PALETTE; i++)
    g_clear_pointer (&self->probes[i], gtk_widget_unparent);
  g_clear_pointer (&self->callout_probe, gtk_widget_unparent);

  G_OBJECT_CLASS (crm_chart_parent_class)->dispose (object);
}

static void
crm_chart_finalize (GObject *object)
{
  CrmChart *self = CRM_CHART (object);

  g_free (self->currency);
  g_free (self->title);
  g_strfreev (self->series);
  g_strfreev (self->categories);
  g_strfreev (self->labels);
  g_strfreev (self->names);
  g_array_unref (self->values);

  G_OBJECT_CLASS (crm_chart_parent_class)->finalize (object);
}

static void
crm_chart_class_init (CrmChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_chart_dispose;
  object_class->finalize = crm_chart_finalize;
  widget_class->get_request_mode = crm_chart_get_request_mode;
  widget_class->measure = crm_chart_measure;
  widget_class->snapshot = crm_chart_snapshot;

  for (guint i = 0; i < 2; i++)
    {
      guint prev[2][2] = { { GDK_KEY_Left, GDK_KEY_KP_Left }, { GDK_KEY_Up, GDK_KEY_KP_Up } };
      guint next[2][2] = { { GDK_KEY_Right, GDK_KEY_KP_Right }, { GDK_KEY_Down, GDK_KEY_KP_Down } };

      for (guint j = 0; j < 2; j++)
        {
          gtk_widget_class_add_binding (widget_class, prev[j][i], 0, move_focus_binding, "(i)", -1);
          gtk_widget_class_add_binding (widget_class, next[j][i], 0, move_focus_binding, "(i)", 1);
        }
    }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, move_focus_binding, "(i)", -G_MAXINT16);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Home, 0, move_focus_binding, "(i)", -G_MAXINT16);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_focus_binding, "(i)", G_MAXINT16);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_End, 0, move_focus_binding, "(i)", G_MAXINT16);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
crm_chart_init (CrmChart *self)
{
  GtkEventController *controller;
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  self->hover = self->focus = -1;
  self->currency = g_strdup ("");

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "chart");

  for (guint i = 0; i < N_PALETTE; i++)
    {
      g_autofree char *name = g_strdup_printf ("chart-series-%u", i);

      self->probes[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->probes[i], name);
      gtk_widget_set_visible (self->probes[i], FALSE);
      gtk_widget_set_parent (self->probes[i], GTK_WIDGET (self));
    }
  self->callout_probe = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->callout_probe, "chart-callout");
  gtk_widget_set_visible (self->callout_probe, FALSE);
  gtk_widget_set_parent (self->callout_probe, GTK_WIDGET (self));

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* --- public API --- */

GtkWidget *
crm_chart_new (CrmChartKind kind)
{
  CrmChart *self = g_object_new (CRM_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

void
crm_chart_set_unit (CrmChart     *self,
                    CrmChartUnit  unit,
                    const char   *currency)
{
  g_return_if_fail (CRM_IS_CHART (self));

  self->unit = unit;
  g_free (self->currency);
  self->currency = g_strdup (currency != NULL ? currency : "");
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
crm_chart_set_stacked (CrmChart *self,
                       gboolean  stacked)
{
  g_return_if_fail (CRM_IS_CHART (self));

  self->stacked = !!stacked;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
crm_chart_set_title (CrmChart   *self,
                     const char *title)
{
  g_return_if_fail (CRM_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
}

void
crm_chart_set_data (CrmChart           *self,
                    guint               n_series,
                    const char * const *series,
                    guint               n_categories,
                    const char * const *categories,
                    const double       *values)
{
  g_return_if_fail (CRM_IS_CHART (self));
  g_return_if_fail (n_series == 0 || series != NULL);
  g_return_if_fail (n_categories == 0 || categories != NULL);
  g_return_if_fail (n_series * n_categories == 0 || values != NULL);

  g_strfreev (self->series);
  g_strfreev (self->categories);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  self->series = g_new0 (char *, n_series + 1);
  for (guint i = 0; i < n_series; i++)
    self->series[i] = g_strdup (series[i]);
  self->categories = g_new0 (char *, n_categories + 1);
  for (guint i = 0; i < n_categories; i++)
    self->categories[i] = g_strdup (categories[i]);
  g_array_set_size (self->values, 0);
  if (n_series * n_categories > 0)
    g_array_append_vals (self->values, values, n_series * n_categories);
  if (self->focus >= (int) n_categories)
    self->focus = n_categories > 0 ? (int) n_categories - 1 : -1;
  self->hover = -1;

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
crm_chart_set_value_labels (CrmChart           *self,
                            const char * const *labels)
{
  guint n;

  g_return_if_fail (CRM_IS_CHART (self));

  n = crm_chart_get_n_series (self) * crm_chart_get_n_categories (self);
  g_clear_pointer (&self->labels, g_strfreev);
  if (labels != NULL)
    {
      self->labels = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->labels[i] = g_strdup (labels[i] != NULL ? labels[i] : "");
    }
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
crm_chart_set_category_names (CrmChart           *self,
                              const char * const *names)
{
  guint n;

  g_return_if_fail (CRM_IS_CHART (self));

  n = crm_chart_get_n_categories (self);
  g_clear_pointer (&self->names, g_strfreev);
  if (names != NULL)
    {
      self->names = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->names[i] = g_strdup (names[i] != NULL ? names[i] : self->categories[i]);
    }
  update_accessible (self);
}

guint
crm_chart_get_n_series (CrmChart *self)
{
  g_return_val_if_fail (CRM_IS_CHART (self), 0);

  return self->series != NULL ? g_strv_length (self->series) : 0;
}

guint
crm_chart_get_n_categories (CrmChart *self)
{
  g_return_val_if_fail (CRM_IS_CHART (self), 0);

  return self->categories != NULL ? g_strv_length (self->categories) : 0;
}

const char *
crm_chart_get_category (CrmChart *self,
                        guint     category)
{
  g_return_val_if_fail (CRM_IS_CHART (self), NULL);
  g_return_val_if_fail (category < crm_chart_get_n_categories (self), NULL);

  return self->categories[category];
}

double
crm_chart_get_value (CrmChart *self,
                     guint     series,
                     guint     category)
{
  g_return_val_if_fail (CRM_IS_CHART (self), 0);
  g_return_val_if_fail (series < crm_chart_get_n_series (self), 0);
  g_return_val_if_fail (category < crm_chart_get_n_categories (self), 0);

  return value_at (self, series, category);
}

int
crm_chart_get_focus_category (CrmChart *self)
{
  g_return_val_if_fail (CRM_IS_CHART (self), -1);

  return self->focus;
}

void
crm_chart_set_focus_category (CrmChart *self,
                              int       category)
{
  g_return_if_fail (CRM_IS_CHART (self));

  if (category >= (int) crm_chart_get_n_categories (self))
    category = -1;
  if (self->focus == MAX (category, -1))
    return;
  self->focus = MAX (category, -1);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
