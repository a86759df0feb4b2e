/* crm-chart-table.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table twin of a chart (crm-chart.h): a GtkColumnView of text cells,
 * the first column a name, the others numbers.
 */

#define G_LOG_DOMAIN "CrmChart"

#include "config.h"

#include "crm-chart.h"

#define CRM_TYPE_CHART_ROW (crm_chart_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmChartRow, crm_chart_row, CRM, CHART_ROW, GObject)

struct _CrmChartRow
{
  GObject  parent_instance;
  GStrv    cells;
};

G_DEFINE_FINAL_TYPE (CrmChartRow, crm_chart_row, G_TYPE_OBJECT)

static void
crm_chart_row_finalize (GObject *object)
{
  g_strfreev (CRM_CHART_ROW (object)->cells);

  G_OBJECT_CLASS (crm_chart_row_parent_class)->finalize (object);
}

static void
crm_chart_row_class_init (CrmChartRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_chart_row_finalize;
}

static void
crm_chart_row_init (CrmChartRow *self)
{
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  CrmChartRow *row = gtk_list_item_get_item (item);
  const char *text = row->cells != NULL && column < g_strv_length (row->cells) ? row->cells[column] : "";

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

GtkWidget *
crm_chart_table_new (guint               n_columns,
                     const char * const *titles)
{
  GListStore *rows = g_list_store_new (CRM_TYPE_CHART_ROW);
  GtkWidget *view;

  g_return_val_if_fail (n_columns > 0 && titles != NULL, NULL);

  /* The selection takes the store's reference; the table keeps one more. */
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows)))));
  gtk_widget_add_css_class (view, "chart-table");
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  g_object_set_data_full (G_OBJECT (view), "crm-chart-rows", rows, g_object_unref);
  return view;
}

GtkWidget *
crm_chart_table_scrolled (GtkWidget *table)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (table), NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), table);
  return scrolled;
}

void
crm_chart_table_set_rows (GtkWidget *table,
                          GPtrArray *rows)
{
  GListStore *store;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GTK_IS_COLUMN_VIEW (table));

  store = g_object_get_data (G_OBJECT (table), "crm-chart-rows");
  g_return_if_fail (store != NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CrmChartRow *row = g_object_new (CRM_TYPE_CHART_ROW, NULL);

      row->cells = g_strdupv (g_ptr_array_index (rows, i));
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

guint
crm_chart_table_get_n_rows (GtkWidget *table)
{
  GListModel *store;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (table), 0);

  store = g_object_get_data (G_OBJECT (table), "crm-chart-rows");
  return store != NULL ? g_list_model_get_n_items (store) : 0;
}

const char *
crm_chart_table_get_cell (GtkWidget *table,
                          guint      row,
                          guint      column)
{
  GListModel *store;
  g_autoptr(CrmChartRow) item = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (table), NULL);

  store = g_object_get_data (G_OBJECT (table), "crm-chart-rows");
  if (store == NULL || (item = g_list_model_get_item (store, row)) == NULL ||
      column >= g_strv_length (item->cells))
    return NULL;
  /* The row stays alive in the store after our reference goes. */
  return item->cells[column];
}
