/* crm-chart-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What crm-chart.c (the widget) and crm-chart-draw.c (its drawing) share.
 */

#pragma once

#include "crm-chart.h"

G_BEGIN_DECLS

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

/* crm-chart.c */
double  _crm_chart_value_at            (CrmChart    *self,
                                        guint        series,
                                        guint        category);
char   *_crm_chart_value_text          (CrmChart    *self,
                                        guint        series,
                                        guint        category);
char   *_crm_chart_describe_category   (CrmChart    *self,
                                        guint        category,
                                        gboolean     lines);

/* crm-chart-draw.c */
void    _crm_chart_snapshot            (CrmChart    *self,
                                        GtkSnapshot *snapshot);
int     _crm_chart_natural_height      (CrmChart    *self,
                                        int          width);
/* The category at a point of the widget, -1 for none. */
int     _crm_chart_category_at         (CrmChart    *self,
                                        double       x,
                                        double       y);

G_END_DECLS
