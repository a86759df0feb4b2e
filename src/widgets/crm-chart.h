/* crm-chart.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small chart: grouped or stacked columns over categories (months), or
 * horizontal bars (stages), drawn with GtkSnapshot and Pango.  Axis ticks at
 * round values, money through crm_format_money, a legend, colours from the
 * style sheet (dark and high contrast follow), tooltips on hover and a
 * callout for the category under keyboard focus (arrow keys), and an
 * accessible description with every number.  Each chart has a table twin
 * (crm_chart_table_new) that the views fill with the same numbers.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_CHART_COLUMNS,   /* vertical bars over categories, value axis on the left */
  CRM_CHART_BARS,      /* one horizontal row of bars per category */
} CrmChartKind;

typedef enum
{
  CRM_CHART_UNIT_COUNT,
  CRM_CHART_UNIT_MONEY,    /* values in minor units of the chart's currency */
  CRM_CHART_UNIT_DAYS,
  CRM_CHART_UNIT_PERCENT,  /* values are ratios, 0–1 */
} CrmChartUnit;

#define CRM_TYPE_CHART (crm_chart_get_type ())
G_DECLARE_FINAL_TYPE (CrmChart, crm_chart, CRM, CHART, GtkWidget)

GtkWidget  *crm_chart_new              (CrmChartKind         kind);
void        crm_chart_set_unit         (CrmChart            *self,
                                        CrmChartUnit         unit,
                                        const char          *currency);
void        crm_chart_set_stacked      (CrmChart            *self,
                                        gboolean             stacked);
/* The chart's name for assistive technologies and its callout. */
void        crm_chart_set_title        (CrmChart            *self,
                                        const char          *title);
/* @values holds @n_series rows of @n_categories values (series-major);
 * everything is copied. */
void        crm_chart_set_data         (CrmChart            *self,
                                        guint                n_series,
                                        const char * const  *series,
                                        guint                n_categories,
                                        const char * const  *categories,
                                        const double        *values);
/* Optional text per value (same layout as the values; NULL entries use the
 * formatted value), shown at the end of horizontal bars and in tooltips. */
void        crm_chart_set_value_labels (CrmChart            *self,
                                        const char * const  *labels);
/* Optional long names of the categories for tooltips and assistive
 * technologies ("Nov 2026" where the axis shows "Nov"); set after the data. */
void        crm_chart_set_category_names (CrmChart          *self,
                                          const char * const *names);
guint       crm_chart_get_n_series     (CrmChart            *self);
guint       crm_chart_get_n_categories (CrmChart            *self);
const char *crm_chart_get_category     (CrmChart            *self,
                                        guint                category);
double      crm_chart_get_value        (CrmChart            *self,
                                        guint                series,
                                        guint                category);
/* The category under keyboard focus, -1 for none. */
int         crm_chart_get_focus_category (CrmChart          *self);
void        crm_chart_set_focus_category (CrmChart          *self,
                                          int                category);
/* Every number of the chart as one text (the accessible description);
 * transfer full. */
char       *crm_chart_describe         (CrmChart            *self);

/* A value as the chart shows it ("$1,200.00", "12 days", "45 %");
 * transfer full. */
char       *crm_chart_format_value     (CrmChartUnit         unit,
                                        const char          *currency,
                                        double               value);

/* The table twin: a GtkColumnView with @n_columns text columns (the first
 * left-aligned, the others numbers), filled with crm_chart_table_set_rows
 * (a GPtrArray of GStrv, one per row, @n_columns strings each). */
GtkWidget  *crm_chart_table_new        (guint                n_columns,
                                        const char * const  *titles);
/* @table in a scrolled window that scrolls sideways only, so that a wide
 * table does not widen the window; transfer none (floating). */
GtkWidget  *crm_chart_table_scrolled   (GtkWidget           *table);
void        crm_chart_table_set_rows   (GtkWidget           *table,
                                        GPtrArray           *rows);
guint       crm_chart_table_get_n_rows (GtkWidget           *table);
/* transfer none; NULL when out of range */
const char *crm_chart_table_get_cell   (GtkWidget           *table,
                                        guint                row,
                                        guint                column);

G_END_DECLS
