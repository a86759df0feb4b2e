/* crm-forecast-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forecast: won, weighted and best-case amounts by month of expected
 * close (won deals by the month they were won) for one pipeline or all of
 * them, one currency at a time, optionally split by owner.  The numbers are
 * crm_forecast_rows() over crm_forecast_load_async(), as rapport-cli
 * forecast prints them; a chart and its table twin show them.
 */

#define G_LOG_DOMAIN "CrmForecastView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-forecast-view.h"
#include "crm-forecast-watch.h"
#include "crm-forecast-view-private.h"
#include "crm-chart.h"
#include "crm-forecast.h"
#include "crm-format.h"
#include "crm-store.h"


struct _CrmForecastView
{
  GtkWidget        parent_instance;

  CrmContext      *context;
  gint64           pipeline_id;

  CrmForecastData *data;
  CrmForecastWatch watch;
  gboolean         loading;
  char            *currency;         /* the chosen one, NULL: pick */
  gboolean         filling_currencies;
  guint            n_loads;          /* reads finished, for tests */

  GtkWidget       *chart;
  GtkWidget       *month_table;
  GtkWidget       *owner_table;

  /* template widgets */
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkDropDown     *period_dropdown;
  GtkDropDown     *currency_dropdown;
  GtkToggleButton *by_owner_button;
  GtkFlowBox      *toolbar_box;
  GtkWidget       *scope_box;
  GtkToggleButton *all_pipelines_button;
  GtkLabel        *weighted_label;
  GtkLabel        *best_case_label;
  GtkLabel        *won_label;
  GtkLabel        *chart_heading;
  GtkSpinner      *reload_spinner;
  GtkStack        *chart_stack;
  GtkBox          *chart_box;
  GtkBox          *table_box;
};

G_DEFINE_FINAL_TYPE (CrmForecastView, crm_forecast_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The period chooser's entries: first month relative to this one, months. */
static const struct { int first; int count; } periods[] = {
  { 0, 13 }, { 0, 7 }, { 0, 4 }, { -6, 13 },
};

static const char *month_abbrev[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};


/* The place of a toolbar control in the toolbar's flow box: hiding that
 * hides the control without leaving a gap. */
static GtkWidget *
in_toolbar (GtkWidget *control)
{
  return gtk_widget_get_parent (control);
}

/* --- months --- */

typedef struct
{
  int year;
  int month;
} Month;

static Month
month_add (Month m,
           int   delta)
{
  int index = m.year * 12 + (m.month - 1) + delta;

  return (Month) { index / 12, index % 12 + 1 };
}

/* "Nov 2026", "2026年11月"; with @axis two lines, the year only when
 * @with_year. Transfer full. */
static char *
format_month (Month    m,
              gboolean axis,
              gboolean with_year)
{
  if (crm_format_locale_is_chinese ())
    {
      if (axis)
        return with_year ? g_strdup_printf ("%d月\n%d年", m.month, m.year)
                         : g_strdup_printf ("%d月\n", m.month);
      return g_strdup_printf ("%d年%d月", m.year, m.month);
    }
  if (axis)
    return with_year ? g_strdup_printf ("%s\n%d", month_abbrev[m.month - 1], m.year)
                     : g_strdup_printf ("%s\n", month_abbrev[m.month - 1]);
  return g_strdup_printf ("%s %d", month_abbrev[m.month - 1], m.year);
}

static Month
this_month (CrmForecastView *self)
{
  gint64 now = self->context != NULL ? crm_context_get_now (self->context)
                                     : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return (Month) { g_date_time_get_year (local), g_date_time_get_month (local) };
}

/* --- applying the numbers --- */

static const char *
owner_name (CrmForecastView *self,
            gint64           id)
{
  const char *name = id != 0 ? g_hash_table_lookup (self->data->staff, &id) : NULL;

  return name != NULL && name[0] != '\0' ? name : _("No owner");
}

/* The pipeline shown: the chosen one, or 0 (every pipeline) when that was
 * chosen or the scope switch says so. */
static gint64
shown_pipeline (CrmForecastView *self)
{
  return gtk_toggle_button_get_active (self->all_pipelines_button) ? 0 : self->pipeline_id;
}

/* The deals of the pipeline shown; transfer full. */
static GArray *
pipeline_deals (CrmForecastView *self)
{
  GArray *deals = g_array_new (FALSE, TRUE, sizeof (CrmForecastDeal));
  gint64 pipeline_id = shown_pipeline (self);

  for (guint i = 0; i < self->data->deals->len; i++)
    {
      const CrmForecastDeal *deal = &g_array_index (self->data->deals, CrmForecastDeal, i);

      if (pipeline_id == 0 || deal->pipeline_id == pipeline_id)
        g_array_append_vals (deals, deal, 1);
    }
  return deals;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));

  if (x != y)
    return x > y ? -1 : 1;
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static gboolean
same_strings (GListModel *a,
              GListModel *b)
{
  guint n = a != NULL ? g_list_model_get_n_items (a) : 0;

  if (a == NULL || n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) x = g_list_model_get_item (a, i);
      g_autoptr(GtkStringObject) y = g_list_model_get_item (b, i);

      if (g_strcmp0 (gtk_string_object_get_string (x), gtk_string_object_get_string (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Fills the currency chooser with the currencies of the open and won deals,
 * most deals first, and keeps the chosen one (else the default currency,
 * else the commonest).  Returns the one to show. */
static const char *
fill_currencies (CrmForecastView *self,
                 GArray          *deals)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GtkStringList) model = NULL;
  g_autofree char *preferred = NULL;
  guint chosen = 0;

  for (guint i = 0; i < deals->len; i++)
    {
      CrmForecastDeal *deal = &g_array_index (deals, CrmForecastDeal, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, deal->currency));

      if (deal->state == CRM_STAGE_KIND_LOST || deal->currency[0] == '\0')
        continue;
      if (n == 0)
        g_ptr_array_add (codes, deal->currency);
      g_hash_table_insert (counts, deal->currency, GUINT_TO_POINTER (n + 1));
    }
  g_ptr_array_sort_with_data (codes, compare_counts, counts);

  if (self->currency == NULL && self->context != NULL)
    preferred = g_settings_get_string (crm_context_get_settings (self->context), "default-currency");
  model = gtk_string_list_new (NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      gtk_string_list_append (model, code);
      if (g_strcmp0 (code, self->currency != NULL ? self->currency : preferred) == 0)
        chosen = i;
    }

  /* A new model only when the currencies changed: replacing it while the
   * chooser reports a selection would report again. */
  self->filling_currencies = TRUE;
  if (!same_strings (gtk_drop_down_get_model (self->currency_dropdown), G_LIST_MODEL (model)))
    gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (model));
  if (gtk_drop_down_get_selected (self->currency_dropdown) != chosen)
    gtk_drop_down_set_selected (self->currency_dropdown, chosen);
  self->filling_currencies = FALSE;
  gtk_widget_set_visible (in_toolbar (GTK_WIDGET (self->currency_dropdown)), codes->len > 1);

  return codes->len > 0 ? g_ptr_array_index (codes, chosen) : "";
}

static GStrv
make_row (const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  va_end (args);
  return g_strv_builder_end (builder);
}

static void
set_totals (CrmForecastView *self,
            const char      *currency,
            gint64           weighted,
            gint64           best_case,
            gint64           won)
{
  g_autofree char *w = crm_format_money (weighted, currency);
  g_autofree char *b = crm_format_money (best_case, currency);
  g_autofree char *n = crm_format_money (won, currency);

  gtk_label_set_text (self->weighted_label, w);
  gtk_label_set_text (self->best_case_label, b);
  gtk_label_set_text (self->won_label, n);
}

/* Won, weighted and best case per month, and the month table. */
static void
apply_by_month (CrmForecastView *self,
                GArray          *rows,
                const char      *currency,
                Month            first,
                int              count)
{
  const char *series[] = { C_("forecast", "Won"), C_("forecast", "Weighted"),
                           C_("forecast", "Best case") };
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree double *values = g_new0 (double, 3 * count);
  gint64 total_won = 0, total_weighted = 0, total_best = 0;

  for (int i = 0; i < count; i++)
    {
      Month m = month_add (first, i);
      g_autofree char *label = format_month (m, FALSE, FALSE);
      CrmForecastRow sum = { 0 };

      for (guint r = 0; r < rows->len; r++)
        {
          const CrmForecastRow *row = &g_array_index (rows, CrmForecastRow, r);

          if (row->year != m.year || row->month != m.month || g_strcmp0 (row->currency, currency) != 0)
            continue;
          sum.n_open += row->n_open;
          sum.won += row->won;
          sum.weighted += row->weighted;
          sum.best_case += row->best_case;
        }
      values[0 * count + i] = sum.won;
      values[1 * count + i] = sum.weighted;
      values[2 * count + i] = sum.best_case;
      total_won += sum.won;
      total_weighted += sum.weighted;
      total_best += sum.best_case;
      g_ptr_array_add (categories, format_month (m, TRUE, i == 0 || m.month == 1));
      g_ptr_array_add (names, g_strdup (label));

      {
        g_autofree char *open = crm_format_count (sum.n_open);
        g_autofree char *won = crm_format_money (sum.won, currency);
        g_autofree char *weighted = crm_format_money (sum.weighted, currency);
        g_autofree char *best = crm_format_money (sum.best_case, currency);

        g_ptr_array_add (table, make_row (label, open, won, weighted, best, NULL));
      }
    }
  g_ptr_array_add (categories, NULL);

  crm_chart_set_stacked (CRM_CHART (self->chart), FALSE);
  g_ptr_array_add (names, NULL);
  crm_chart_set_data (CRM_CHART (self->chart), G_N_ELEMENTS (series), series, count,
                      (const char * const *) categories->pdata, values);
  crm_chart_set_category_names (CRM_CHART (self->chart), (const char * const *) names->pdata);
  crm_chart_table_set_rows (self->month_table, table);
  set_totals (self, currency, total_weighted, total_best, total_won);
}

static int
compare_owner_names (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  CrmForecastView *self = user_data;
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  if ((x == 0) != (y == 0))
    return x == 0 ? 1 : -1;   /* "No owner" last */
  return g_utf8_collate (owner_name (self, x), owner_name (self, y));
}

/* The weighted amount per month stacked by owner, and the month × owner table. */
static void
apply_by_owner (CrmForecastView *self,
                GArray          *rows,
                const char      *currency,
                Month            first,
                int              count)
{
  Month last = month_add (first, count - 1);
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree double *values = NULL;
  gint64 total_won = 0, total_weighted = 0, total_best = 0;

  /* The owners with something in the period, by name. */
  for (guint r = 0; r < rows->len; r++)
    {
      const CrmForecastRow *row = &g_array_index (rows, CrmForecastRow, r);
      int index = row->year * 12 + row->month - 1;
      gboolean seen = FALSE;

      if (index < first.year * 12 + first.month - 1 || index > last.year * 12 + last.month - 1 ||
          g_strcmp0 (row->currency, currency) != 0)
        continue;
      for (guint o = 0; o < owners->len && !seen; o++)
        seen = g_array_index (owners, gint64, o) == row->owner_id;
      if (!seen)
        g_array_append_val (owners, row->owner_id);
    }
  g_array_sort_with_data (owners, compare_owner_names, self);
  for (guint o = 0; o < owners->len; o++)
    g_ptr_array_add (names, (gpointer) owner_name (self, g_array_index (owners, gint64, o)));
  g_ptr_array_add (names, NULL);

  values = g_new0 (double, MAX (owners->len, 1) * count);
  for (int i = 0; i < count; i++)
    {
      Month m = month_add (first, i);
      g_autofree char *label = format_month (m, FALSE, FALSE);

      g_ptr_array_add (categories, format_month (m, TRUE, i == 0 || m.month == 1));
      g_ptr_array_add (months, g_strdup (label));
      for (guint o = 0; o < owners->len; o++)
        for (guint r = 0; r < rows->len; r++)
          {
            const CrmForecastRow *row = &g_array_index (rows, CrmForecastRow, r);
            g_autofree char *open = NULL, *won = NULL, *weighted = NULL, *best = NULL;

            if (row->year != m.year || row->month != m.month ||
                row->owner_id != g_array_index (owners, gint64, o) ||
                g_strcmp0 (row->currency, currency) != 0)
              continue;
            values[o * count + i] += row->weighted;
            total_won += row->won;
            total_weighted += row->weighted;
            total_best += row->best_case;
            open = crm_format_count (row->n_open);
            won = crm_format_money (row->won, currency);
            weighted = crm_format_money (row->weighted, currency);
            best = crm_format_money (row->best_case, currency);
            g_ptr_array_add (table, make_row (label, names->pdata[o], open, won, weighted, best, NULL));
          }
    }
  g_ptr_array_add (categories, NULL);

  crm_chart_set_stacked (CRM_CHART (self->chart), TRUE);
  g_ptr_array_add (months, NULL);
  crm_chart_set_data (CRM_CHART (self->chart), owners->len, (const char * const *) names->pdata,
                      count, (const char * const *) categories->pdata, values);
  crm_chart_set_category_names (CRM_CHART (self->chart), (const char * const *) months->pdata);
  crm_chart_table_set_rows (self->owner_table, table);
  set_totals (self, currency, total_weighted, total_best, total_won);
}

static void
apply (CrmForecastView *self)
{
  g_autoptr(GArray) deals = NULL;
  g_autoptr(GArray) rows = NULL;
  gboolean by_owner = gtk_toggle_button_get_active (self->by_owner_button);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  const char *currency;
  gboolean any_open = FALSE;
  Month first;
  int count;

  if (self->data == NULL)
    return;

  deals = pipeline_deals (self);
  for (guint i = 0; i < deals->len && !any_open; i++)
    any_open = g_array_index (deals, CrmForecastDeal, i).state == CRM_STAGE_KIND_OPEN;
  if (!any_open)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (period >= G_N_ELEMENTS (periods))
    period = 0;
  first = month_add (this_month (self), periods[period].first);
  count = periods[period].count;
  currency = fill_currencies (self, deals);
  rows = crm_forecast_rows ((const CrmForecastDeal *) deals->data, deals->len,
                            by_owner ? CRM_FORECAST_BY_OWNER : CRM_FORECAST_BY_MONTH);

  crm_chart_set_unit (CRM_CHART (self->chart), CRM_CHART_UNIT_MONEY, currency);
  if (by_owner)
    {
      gtk_label_set_text (self->chart_heading, _("Weighted Amount by Owner and Month of Expected Close"));
      crm_chart_set_title (CRM_CHART (self->chart), _("Weighted amount by owner and month"));
      apply_by_owner (self, rows, currency, first, count);
    }
  else
    {
      gtk_label_set_text (self->chart_heading, _("Won, Weighted and Best Case by Month of Expected Close"));
      crm_chart_set_title (CRM_CHART (self->chart), _("Won, weighted and best case by month"));
      apply_by_month (self, rows, currency, first, count);
    }
  gtk_widget_set_visible (gtk_widget_get_parent (self->month_table), !by_owner);
  gtk_widget_set_visible (gtk_widget_get_parent (self->owner_table), by_owner);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* --- loading --- */

static void
set_loading (CrmForecastView *self,
             gboolean         loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->reload_spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), loading);
  if (loading && self->data == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
on_started (GtkWidget *widget)
{
  set_loading (CRM_FORECAST_VIEW (widget), TRUE);
}

static void
on_loaded (GtkWidget       *widget,
           CrmForecastData *data,
           const GError    *error)
{
  CrmForecastView *self = CRM_FORECAST_VIEW (widget);

  set_loading (self, FALSE);
  if (data == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The deals could not be read: %s"), error->message);

      g_clear_pointer (&self->data, crm_forecast_data_free);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->data, crm_forecast_data_free);
  self->data = data;
  self->n_loads++;
  apply (self);
}

static void
on_choice_changed_cb (CrmForecastView *self)
{
  apply (self);
}

static void
on_currency_changed_cb (CrmForecastView *self)
{
  GtkStringObject *item;

  if (self->filling_currencies)
    return;
  item = gtk_drop_down_get_selected_item (self->currency_dropdown);
  if (item == NULL || g_strcmp0 (gtk_string_object_get_string (item), self->currency) == 0)
    return;
  g_free (self->currency);
  self->currency = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
  apply (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_forecast_watch_reload (&CRM_FORECAST_VIEW (widget)->watch);
}

/* --- GObject / GtkWidget --- */

static void
crm_forecast_view_map (GtkWidget *widget)
{
  CrmForecastView *self = CRM_FORECAST_VIEW (widget);

  GTK_WIDGET_CLASS (crm_forecast_view_parent_class)->map (widget);

  crm_forecast_watch_map (&self->watch, self->data == NULL && !self->loading);
}

static void
crm_forecast_view_dispose (GObject *object)
{
  CrmForecastView *self = (CrmForecastView *)object;

  crm_forecast_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FORECAST_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_forecast_view_parent_class)->dispose (object);
}

static void
crm_forecast_view_finalize (GObject *object)
{
  CrmForecastView *self = (CrmForecastView *)object;

  g_clear_pointer (&self->data, crm_forecast_data_free);
  g_free (self->currency);

  G_OBJECT_CLASS (crm_forecast_view_parent_class)->finalize (object);
}

static void
crm_forecast_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmForecastView *self = CRM_FORECAST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_forecast_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmForecastView *self = CRM_FORECAST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      crm_forecast_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_PIPELINE_ID:
      crm_forecast_view_set_pipeline_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_forecast_view_class_init (CrmForecastViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_forecast_view_dispose;
  object_class->finalize = crm_forecast_view_finalize;
  object_class->get_property = crm_forecast_view_get_property;
  object_class->set_property = crm_forecast_view_set_property;
  widget_class->map = crm_forecast_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-forecast-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, by_owner_button);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, toolbar_box);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, scope_box);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, all_pipelines_button);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, weighted_label);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, best_case_label);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, won_label);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, chart_heading);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, reload_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, CrmForecastView, table_box);

  gtk_widget_class_install_action (widget_class, "forecast.reload", NULL, reload_action);
}

static void
crm_forecast_view_init (CrmForecastView *self)
{
  const char *month_titles[] = { _("Month"), _("Open Deals"), _("Won"), _("Weighted"), _("Best Case") };
  const char *owner_titles[] = { _("Month"), _("Owner"), _("Open Deals"), _("Won"), _("Weighted"),
                                 _("Best Case") };

  static const char *const tables[] = { "deal", "stage", "pipeline", "staff_user", NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  crm_forecast_watch_init (&self->watch, GTK_WIDGET (self), tables, on_started, on_loaded);

  self->chart = crm_chart_new (CRM_CHART_COLUMNS);
  gtk_widget_set_margin_top (self->chart, 18);
  gtk_widget_set_margin_bottom (self->chart, 12);
  gtk_widget_set_margin_start (self->chart, 12);
  gtk_widget_set_margin_end (self->chart, 18);
  gtk_box_append (self->chart_box, self->chart);

  self->month_table = crm_chart_table_new (G_N_ELEMENTS (month_titles), month_titles);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Forecast by month"), -1);
  gtk_box_append (self->table_box, crm_chart_table_scrolled (self->month_table));
  self->owner_table = crm_chart_table_new (G_N_ELEMENTS (owner_titles), owner_titles);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->owner_table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Forecast by owner and month"), -1);
  gtk_box_append (self->table_box, crm_chart_table_scrolled (self->owner_table));
  gtk_widget_set_visible (gtk_widget_get_parent (self->owner_table), FALSE);

  gtk_widget_set_visible (in_toolbar (GTK_WIDGET (self->currency_dropdown)), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), FALSE);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect_swapped (self->by_owner_button, "toggled", G_CALLBACK (on_choice_changed_cb), self);
  g_signal_connect_swapped (self->all_pipelines_button, "toggled", G_CALLBACK (on_choice_changed_cb), self);
  /* The scope switch only when one pipeline is chosen. */
  gtk_widget_set_visible (in_toolbar (self->scope_box), FALSE);
  /* The toolbar's controls take the focus, not the places they sit in. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toolbar_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  g_signal_connect_swapped (self->currency_dropdown, "notify::selected",
                            G_CALLBACK (on_currency_changed_cb), self);
}

/* --- public API --- */

GtkWidget *
crm_forecast_view_new (CrmContext *context)
{
  return g_object_new (CRM_TYPE_FORECAST_VIEW, "context", context, NULL);
}

CrmContext *
crm_forecast_view_get_context (CrmForecastView *self)
{
  g_return_val_if_fail (CRM_IS_FORECAST_VIEW (self), NULL);

  return self->context;
}

void
crm_forecast_view_set_context (CrmForecastView *self,
                               CrmContext      *context)
{
  g_return_if_fail (CRM_IS_FORECAST_VIEW (self));

  if (self->context == context)
    return;
  g_set_object (&self->context, context);
  crm_forecast_watch_set_store (&self->watch, context != NULL ? crm_context_get_store (context) : NULL);

  /* Another database: nothing of the old one stays on screen. */
  g_clear_pointer (&self->data, crm_forecast_data_free);
  g_clear_pointer (&self->currency, g_free);
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (context != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    crm_forecast_watch_reload (&self->watch);
  else
    crm_forecast_watch_queue (&self->watch);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gint64
crm_forecast_view_get_pipeline_id (CrmForecastView *self)
{
  g_return_val_if_fail (CRM_IS_FORECAST_VIEW (self), 0);

  return self->pipeline_id;
}

void
crm_forecast_view_set_pipeline_id (CrmForecastView *self,
                                   gint64           pipeline_id)
{
  g_return_if_fail (CRM_IS_FORECAST_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  gtk_widget_set_visible (in_toolbar (self->scope_box), pipeline_id != 0);
  /* The loaded data holds every pipeline: show the new one at once, and
   * read again in the background so that it is current. */
  apply (self);
  crm_forecast_watch_queue (&self->watch);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

/* --- for tests --- */

gboolean
_crm_forecast_view_is_loading (CrmForecastView *self)
{
  return self->loading || self->data == NULL || crm_forecast_watch_is_pending (&self->watch);
}

guint
_crm_forecast_view_get_n_loads (CrmForecastView *self)
{
  return self->n_loads;
}

const char *
_crm_forecast_view_get_state (CrmForecastView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

CrmChart *
_crm_forecast_view_get_chart (CrmForecastView *self)
{
  return CRM_CHART (self->chart);
}

GtkWidget *
_crm_forecast_view_get_table (CrmForecastView *self)
{
  return gtk_toggle_button_get_active (self->by_owner_button) ? self->owner_table : self->month_table;
}

const char *
_crm_forecast_view_get_currency (CrmForecastView *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->currency_dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

gboolean
_crm_forecast_view_choose_currency (CrmForecastView *self,
                                    const char      *currency)
{
  GListModel *model = gtk_drop_down_get_model (self->currency_dropdown);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), currency) == 0)
        {
          gtk_drop_down_set_selected (self->currency_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_crm_forecast_view_has_currency_choice (CrmForecastView *self)
{
  return gtk_widget_get_visible (in_toolbar (GTK_WIDGET (self->currency_dropdown)));
}

void
_crm_forecast_view_set_all_pipelines (CrmForecastView *self,
                                      gboolean         all)
{
  gtk_toggle_button_set_active (self->all_pipelines_button, all);
  if (!all)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_first_child (self->scope_box)), TRUE);
}

void
_crm_forecast_view_set_by_owner (CrmForecastView *self,
                                 gboolean         by_owner)
{
  gtk_toggle_button_set_active (self->by_owner_button, by_owner);
}
