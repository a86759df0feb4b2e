/* crm-cycle-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sales-cycle report of one pipeline or all of them: for all deals, B2B
 * (organizations) and B2C (people) the mean and median days from creation to
 * won, the win rate and the counts, then the time spent in each stage and
 * the stage-to-stage conversion.  The numbers are crm_cycle_compute() over
 * crm_forecast_load_async(), as rapport-cli cycle prints them (for every
 * pipeline together, the deals and stages are computed as one pipeline);
 * each chart has a table twin.
 */

#define G_LOG_DOMAIN "CrmCycleView"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "crm-cycle-view.h"
#include "crm-forecast-watch.h"
#include "crm-forecast-view-private.h"
#include "crm-chart.h"
#include "crm-forecast.h"
#include "crm-format.h"
#include "crm-store.h"

#define DAYS_PER_MONTH  (365.25 / 12)

struct _CrmCycleView
{
  GtkWidget        parent_instance;

  CrmContext      *context;
  gint64           pipeline_id;

  CrmForecastData *data;
  CrmForecastWatch watch;
  gboolean         loading;

  GtkWidget       *days_chart;
  GtkWidget       *summary_table;
  GtkWidget       *stage_chart;
  GtkWidget       *stage_table;
  GtkWidget       *conversion_chart;
  GtkWidget       *conversion_table;

  /* template widgets */
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkBox          *content_box;
  GtkFlowBox      *cards_box;
  GtkSpinner      *reload_spinner;
  GtkWidget       *scope_box;
  GtkToggleButton *this_pipeline_button;
  GtkToggleButton *all_pipelines_button;
};

G_DEFINE_FINAL_TYPE (CrmCycleView, crm_cycle_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
segment_title (CrmCycleSegment segment)
{
  switch (segment)
    {
    case CRM_CYCLE_B2B:
      return _("B2B (Organizations)");
    case CRM_CYCLE_B2C:
      return _("B2C (People)");
    case CRM_CYCLE_ALL:
    default:
      return _("All Deals");
    }
}

static const char *
segment_short (CrmCycleSegment segment)
{
  switch (segment)
    {
    case CRM_CYCLE_B2B:
      return C_("segment", "B2B");
    case CRM_CYCLE_B2C:
      return C_("segment", "B2C");
    case CRM_CYCLE_ALL:
    default:
      return C_("segment", "All");
    }
}

static char *
format_days (double days)
{
  return crm_chart_format_value (CRM_CHART_UNIT_DAYS, NULL, days);
}

static char *
format_months (double days)
{
  /* TRANSLATORS: a length of time in months with one decimal, e.g. "6.3 months" */
  return g_strdup_printf (_("%.1f months"), days / DAYS_PER_MONTH);
}

static char *
format_rate (double rate)
{
  return rate < 0 ? g_strdup (_("None closed")) : crm_chart_format_value (CRM_CHART_UNIT_PERCENT, NULL, rate);
}

/* --- the numbers --- */

typedef struct
{
  CrmCycleSummary summaries[3];   /* by segment */
  GArray         *stats;          /* CrmCycleStageStat of the pipeline, all segments */
} Report;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->stats, g_array_unref);
}

/* The pipeline shown: the chosen one, or 0 (every pipeline) when that was
 * chosen or the scope switch says so. */
static gint64
shown_pipeline (CrmCycleView *self)
{
  return gtk_toggle_button_get_active (self->all_pipelines_button) ? 0 : self->pipeline_id;
}

/* The shown pipeline's summaries and stage statistics; for every pipeline
 * the deals and stages count as one pipeline (id 0). */
static void
compute (CrmCycleView *self,
         Report       *report)
{
  gint64 pipeline_id = shown_pipeline (self);
  CrmForecastData *data = self->data;
  g_autoptr(GArray) deals = g_array_copy (data->cycle_deals);
  g_autoptr(GArray) stages = g_array_copy (data->stages);
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) stats = NULL;

  if (pipeline_id == 0)
    {
      for (guint i = 0; i < deals->len; i++)
        g_array_index (deals, CrmCycleDeal, i).pipeline_id = 0;
      for (guint i = 0; i < stages->len; i++)
        g_array_index (stages, CrmCycleStage, i).pipeline_id = 0;
    }
  crm_cycle_compute ((CrmCycleDeal *) deals->data, deals->len,
                     (CrmCycleStay *) data->stays->data, data->stays->len,
                     (CrmCycleStage *) stages->data, stages->len,
                     crm_context_get_now (self->context), &sums, &stats);

  memset (report, 0, sizeof *report);
  for (guint s = 0; s < 3; s++)
    {
      report->summaries[s] = (CrmCycleSummary) { pipeline_id, s, 0, 0, 0, -1, -1, -1 };
    }
  for (guint i = 0; i < sums->len; i++)
    {
      const CrmCycleSummary *sum = &g_array_index (sums, CrmCycleSummary, i);

      if (sum->pipeline_id == pipeline_id && sum->segment <= CRM_CYCLE_B2C)
        report->summaries[sum->segment] = *sum;
    }
  report->stats = g_array_new (FALSE, TRUE, sizeof (CrmCycleStageStat));
  for (guint i = 0; i < stats->len; i++)
    {
      const CrmCycleStageStat *stat = &g_array_index (stats, CrmCycleStageStat, i);

      if (stat->pipeline_id == pipeline_id)
        g_array_append_vals (report->stats, stat, 1);
    }
}

static const char *
pipeline_name (CrmCycleView *self,
               gint64        stage_id)
{
  for (guint i = 0; i < self->data->stages->len; i++)
    {
      const CrmCycleStage *stage = &g_array_index (self->data->stages, CrmCycleStage, i);

      if (stage->id != stage_id)
        continue;
      for (guint p = 0; p < self->data->pipelines->len; p++)
        {
          const CrmForecastPipeline *pipeline = &g_array_index (self->data->pipelines,
                                                                CrmForecastPipeline, p);

          if (pipeline->id == stage->pipeline_id)
            return pipeline->name;
        }
    }
  return "";
}

/* "Proposal", or with every pipeline "B2B sales: Proposal"; transfer full. */
static char *
stage_label (CrmCycleView *self,
             gint64        stage_id)
{
  const char *name = g_hash_table_lookup (self->data->stage_names, &stage_id);

  if (name == NULL)
    name = "";
  if (shown_pipeline (self) != 0)
    return g_strdup (name);
  /* TRANSLATORS: a stage with its pipeline, e.g. "Business sales: Proposal" */
  return g_strdup_printf (_("%1$s: %2$s"), pipeline_name (self, stage_id), name);
}

/* --- the cards --- */

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static GtkWidget *
make_card (const CrmCycleSummary *sum)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  g_autofree char *counts = NULL;
  g_autofree char *rate = format_rate (sum->win_rate);
  g_autofree char *rate_line = NULL;

  gtk_widget_add_css_class (GTK_WIDGET (box), "card");
  gtk_widget_add_css_class (GTK_WIDGET (box), "cycle-card");
  add_label (box, segment_title (sum->segment), "heading");
  if (sum->mean_days >= 0)
    {
      g_autofree char *mean = format_days (sum->mean_days);
      g_autofree char *months = format_months (sum->mean_days);
      g_autofree char *median = format_days (sum->median_days);
      g_autofree char *median_months = format_months (sum->median_days);
      g_autofree char *months_line = NULL, *median_line = NULL;

      add_label (box, mean, "title-1");
      /* TRANSLATORS: under the mean days to won, e.g. "6.3 months on average" */
      months_line = g_strdup_printf (_("%s on average"), months);
      add_label (box, months_line, "dim-label");
      /* TRANSLATORS: the median days to won, e.g. "Median: 170 days (5.6 months)" */
      median_line = g_strdup_printf (_("Median: %1$s (%2$s)"), median, median_months);
      add_label (box, median_line, NULL);
    }
  else
    {
      add_label (box, _("No won deals yet"), "title-4");
    }
  /* TRANSLATORS: e.g. "Win rate: 45 %" */
  rate_line = g_strdup_printf (_("Win rate: %s"), rate);
  add_label (box, rate_line, NULL);
  /* TRANSLATORS: deal counts of a segment, e.g. "12 won, 8 lost, 20 open" */
  counts = g_strdup_printf (_("%1$u won, %2$u lost, %3$u open"), sum->n_won, sum->n_lost, sum->n_open);
  add_label (box, counts, "dim-label");
  return GTK_WIDGET (box);
}

static void
apply_cards (CrmCycleView *self,
             const Report *report)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GtkWidget *child;
  const char *series[] = { C_("cycle", "Mean"), C_("cycle", "Median") };
  const char *categories[3];
  double values[2 * 3];
  char *labels[2 * 3 + 1] = { NULL };
  guint n = 0;
  gboolean has[3];

  for (guint s = CRM_CYCLE_ALL; s <= CRM_CYCLE_B2C; s++)
    has[s] = report->summaries[s].n_open + report->summaries[s].n_won + report->summaries[s].n_lost > 0;
  /* With deals of one kind only, "all" is that kind: shown once, as it. */
  has[CRM_CYCLE_ALL] = has[CRM_CYCLE_B2B] == has[CRM_CYCLE_B2C];

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);

  for (guint s = CRM_CYCLE_ALL; s <= CRM_CYCLE_B2C; s++)
    {
      const CrmCycleSummary *sum = &report->summaries[s];
      g_autofree char *won = g_strdup_printf ("%u", sum->n_won);
      g_autofree char *lost = g_strdup_printf ("%u", sum->n_lost);
      g_autofree char *open = g_strdup_printf ("%u", sum->n_open);
      g_autofree char *rate = format_rate (sum->win_rate);
      g_autofree char *mean = sum->mean_days >= 0 ? format_days (sum->mean_days) : g_strdup ("—");
      g_autofree char *median = sum->median_days >= 0 ? format_days (sum->median_days) : g_strdup ("—");
      g_autofree char *months = sum->mean_days >= 0 ? format_months (sum->mean_days) : g_strdup ("—");
      const char *cells[] = { segment_short (s), won, lost, open, rate, mean, median, months, NULL };

      if (has[s])
        {
          GtkWidget *card = make_card (sum);

          gtk_flow_box_append (self->cards_box, card);
          /* Text only: nothing to select or activate. */
          gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
        }
      g_ptr_array_add (table, g_strdupv ((char **) cells));

      if (!has[s] || sum->mean_days < 0)
        continue;
      categories[n] = segment_short (s);
      values[n] = sum->mean_days;
      values[3 + n] = sum->median_days;
      n++;
    }

  /* The values are series-major over the n categories. */
  for (guint i = 0; i < n; i++)
    values[n + i] = values[3 + i];
  for (guint i = 0; i < 2 * n; i++)
    {
      g_autofree char *days = format_days (values[i]);
      g_autofree char *months = format_months (values[i]);

      /* TRANSLATORS: e.g. "189 days (6.2 months)" */
      labels[i] = g_strdup_printf (_("%1$s (%2$s)"), days, months);
    }
  crm_chart_set_data (CRM_CHART (self->days_chart), 2, series, n, categories, values);
  crm_chart_set_value_labels (CRM_CHART (self->days_chart), (const char * const *) labels);
  for (guint i = 0; i < 2 * n; i++)
    g_free (labels[i]);
  /* The section (chart → card → stack → section) only with won deals. */
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (self->days_chart))),
                          n > 0);
  crm_chart_table_set_rows (self->summary_table, table);
}

/* --- the stages --- */

static const CrmCycleStageStat *
find_stat (const Report    *report,
           gint64           stage_id,
           CrmCycleSegment  segment)
{
  for (guint i = 0; i < report->stats->len; i++)
    {
      const CrmCycleStageStat *stat = &g_array_index (report->stats, CrmCycleStageStat, i);

      if (stat->stage_id == stage_id && stat->segment == segment)
        return stat;
    }
  return NULL;
}

static void
apply_stages (CrmCycleView *self,
              const Report *report)
{
  g_autoptr(GArray) stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) time_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) conv_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) time_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conv_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *time_values = NULL;
  g_autofree double *conv_values = NULL;
  const char *time_series[2];
  CrmCycleSegment segments[2];
  guint n_series;
  const char *conv_series[] = { _("Deals that reached the stage") };

  for (guint i = 0; i < report->stats->len; i++)
    {
      const CrmCycleStageStat *stat = &g_array_index (report->stats, CrmCycleStageStat, i);

      if (stat->segment == CRM_CYCLE_ALL)
        {
          g_array_append_val (stage_ids, stat->stage_id);
          g_ptr_array_add (names, stage_label (self, stat->stage_id));
        }
    }
  g_ptr_array_add (names, NULL);

  /* B2B against B2C when some stage saw both, else all deals (every
   * pipeline together mostly has B2B stages and B2C stages). */
  n_series = 1;
  segments[0] = CRM_CYCLE_ALL;
  for (guint i = 0; i < stage_ids->len && n_series == 1; i++)
    {
      const CrmCycleStageStat *b2b = find_stat (report, g_array_index (stage_ids, gint64, i), CRM_CYCLE_B2B);
      const CrmCycleStageStat *b2c = find_stat (report, g_array_index (stage_ids, gint64, i), CRM_CYCLE_B2C);

      if (b2b != NULL && b2c != NULL && b2b->n_entered > 0 && b2c->n_entered > 0)
        {
          n_series = 2;
          segments[0] = CRM_CYCLE_B2B;
          segments[1] = CRM_CYCLE_B2C;
        }
    }
  for (guint s = 0; s < n_series; s++)
    time_series[s] = segment_short (segments[s]);

  time_values = g_new0 (double, MAX (n_series * stage_ids->len, 1));
  conv_values = g_new0 (double, MAX (stage_ids->len, 1));
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < stage_ids->len; i++)
      {
        const CrmCycleStageStat *stat = find_stat (report, g_array_index (stage_ids, gint64, i), segments[s]);

        time_values[s * stage_ids->len + i] = stat != NULL && stat->mean_days > 0 ? stat->mean_days : 0;
        g_ptr_array_add (time_labels, stat != NULL && stat->mean_days >= 0 ? format_days (stat->mean_days)
                                                                            : g_strdup (_("No deals")));
      }

  for (guint i = 0; i < stage_ids->len; i++)
    {
      gint64 id = g_array_index (stage_ids, gint64, i);
      const CrmCycleStageStat *all = find_stat (report, id, CRM_CYCLE_ALL);
      const CrmCycleStageStat *b2b = find_stat (report, id, CRM_CYCLE_B2B);
      const CrmCycleStageStat *b2c = find_stat (report, id, CRM_CYCLE_B2C);
      g_autofree char *entered = g_strdup_printf ("%u", all->n_entered);
      g_autofree char *advanced = g_strdup_printf ("%u", all->n_advanced);
      g_autofree char *rate = all->conversion >= 0 ? crm_chart_format_value (CRM_CHART_UNIT_PERCENT, NULL,
                                                                             all->conversion)
                                                   : g_strdup ("—");
      g_autofree char *days_all = all->mean_days >= 0 ? format_days (all->mean_days) : g_strdup ("—");
      g_autofree char *days_b2b = b2b != NULL && b2b->mean_days >= 0 ? format_days (b2b->mean_days)
                                                                     : g_strdup ("—");
      g_autofree char *days_b2c = b2c != NULL && b2c->mean_days >= 0 ? format_days (b2c->mean_days)
                                                                     : g_strdup ("—");
      const char *time_cells[] = { names->pdata[i], days_all, days_b2b, days_b2c, NULL };
      const char *conv_cells[] = { names->pdata[i], entered, advanced, rate, NULL };

      g_ptr_array_add (time_rows, g_strdupv ((char **) time_cells));
      g_ptr_array_add (conv_rows, g_strdupv ((char **) conv_cells));
      conv_values[i] = all->n_entered;
      if (all->n_entered == 0)
        g_ptr_array_add (conv_labels, g_strdup (_("None reached it")));
      else
        /* TRANSLATORS: a stage in the conversion chart, e.g. "20 reached, 13 moved on (65 %)" */
        g_ptr_array_add (conv_labels, g_strdup_printf (_("%1$u reached, %2$u moved on (%3$s)"),
                                                       all->n_entered, all->n_advanced, rate));
    }

  crm_chart_set_data (CRM_CHART (self->stage_chart), n_series, time_series, stage_ids->len,
                      (const char * const *) names->pdata, time_values);
  crm_chart_set_value_labels (CRM_CHART (self->stage_chart), (const char * const *) time_labels->pdata);
  crm_chart_table_set_rows (self->stage_table, time_rows);
  crm_chart_set_data (CRM_CHART (self->conversion_chart), 1, conv_series, stage_ids->len,
                      (const char * const *) names->pdata, conv_values);
  crm_chart_set_value_labels (CRM_CHART (self->conversion_chart), (const char * const *) conv_labels->pdata);
  crm_chart_table_set_rows (self->conversion_table, conv_rows);
}

static void
apply (CrmCycleView *self)
{
  Report report;
  const CrmCycleSummary *all;

  if (self->data == NULL || self->context == NULL)
    return;
  compute (self, &report);
  all = &report.summaries[CRM_CYCLE_ALL];
  if (all->n_open + all->n_won + all->n_lost == 0)
    {
      report_clear (&report);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  apply_cards (self, &report);
  apply_stages (self, &report);
  report_clear (&report);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* --- loading --- */

static void
set_loading (CrmCycleView *self,
             gboolean      loading)
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
  set_loading (CRM_CYCLE_VIEW (widget), TRUE);
}

static void
on_loaded (GtkWidget       *widget,
           CrmForecastData *data,
           const GError    *error)
{
  CrmCycleView *self = CRM_CYCLE_VIEW (widget);

  set_loading (self, FALSE);
  g_clear_pointer (&self->data, crm_forecast_data_free);
  if (data == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The deals could not be read: %s"), error->message);

      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->data = data;
  apply (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_forecast_watch_reload (&CRM_CYCLE_VIEW (widget)->watch);
}

/* A heading, a Chart/Table switcher and the two in a stack. */
static void
add_section (CrmCycleView *self,
             const char   *title,
             GtkWidget    *chart,
             GtkWidget    *table)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();
  GtkWidget *chart_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *table_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (header), heading);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (stack));
  gtk_widget_set_valign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (switcher, "chart-switcher");
  gtk_box_append (GTK_BOX (header), switcher);

  crm_chart_set_title (CRM_CHART (chart), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (table), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_margin_top (chart, 18);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 18);
  gtk_widget_set_margin_end (chart, 18);
  gtk_widget_add_css_class (chart_card, "card");
  gtk_widget_add_css_class (table_card, "card");
  gtk_box_append (GTK_BOX (chart_card), chart);
  gtk_box_append (GTK_BOX (table_card), crm_chart_table_scrolled (table));
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  /* TRANSLATORS: show the numbers as a chart / as a table */
  gtk_stack_add_titled (GTK_STACK (stack), chart_card, "chart", _("Chart"));
  gtk_stack_add_titled (GTK_STACK (stack), table_card, "table", _("Table"));

  gtk_box_append (GTK_BOX (section), header);
  gtk_box_append (GTK_BOX (section), stack);
  gtk_box_append (self->content_box, section);
}

/* --- GObject / GtkWidget --- */

static void
crm_cycle_view_map (GtkWidget *widget)
{
  CrmCycleView *self = CRM_CYCLE_VIEW (widget);

  GTK_WIDGET_CLASS (crm_cycle_view_parent_class)->map (widget);

  crm_forecast_watch_map (&self->watch, self->data == NULL && !self->loading);
}

static void
crm_cycle_view_dispose (GObject *object)
{
  CrmCycleView *self = (CrmCycleView *)object;

  crm_forecast_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CYCLE_VIEW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_cycle_view_parent_class)->dispose (object);
}

static void
crm_cycle_view_finalize (GObject *object)
{
  CrmCycleView *self = (CrmCycleView *)object;

  g_clear_pointer (&self->data, crm_forecast_data_free);

  G_OBJECT_CLASS (crm_cycle_view_parent_class)->finalize (object);
}

static void
crm_cycle_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmCycleView *self = CRM_CYCLE_VIEW (object);

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
crm_cycle_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmCycleView *self = CRM_CYCLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      crm_cycle_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_PIPELINE_ID:
      crm_cycle_view_set_pipeline_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_cycle_view_class_init (CrmCycleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_cycle_view_dispose;
  object_class->finalize = crm_cycle_view_finalize;
  object_class->get_property = crm_cycle_view_get_property;
  object_class->set_property = crm_cycle_view_set_property;
  widget_class->map = crm_cycle_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-cycle-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, content_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, reload_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, scope_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, this_pipeline_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCycleView, all_pipelines_button);

  gtk_widget_class_install_action (widget_class, "cycle.reload", NULL, reload_action);
}

static void
crm_cycle_view_init (CrmCycleView *self)
{
  const char *summary_titles[] = { _("Customers"), C_("deal state", "Won"), C_("deal state", "Lost"),
                                   C_("deal state", "Open"), _("Win Rate"), _("Mean Days to Won"),
                                   _("Median Days to Won"), _("Mean Months to Won") };
  const char *stage_titles[] = { _("Stage"), _("All Deals"), C_("segment", "B2B"),
                                 C_("segment", "B2C") };
  const char *conversion_titles[] = { _("Stage"), _("Reached"), _("Moved On"), _("Conversion") };

  static const char *const tables[] = { "deal", "stage", "pipeline", NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  crm_forecast_watch_init (&self->watch, GTK_WIDGET (self), tables, on_started, on_loaded);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), FALSE);
  /* The scope switch only when one pipeline is chosen. */
  gtk_widget_set_visible (self->scope_box, FALSE);
  g_signal_connect_swapped (self->all_pipelines_button, "toggled", G_CALLBACK (apply), self);

  self->days_chart = crm_chart_new (CRM_CHART_COLUMNS);
  crm_chart_set_unit (CRM_CHART (self->days_chart), CRM_CHART_UNIT_DAYS, NULL);
  self->summary_table = crm_chart_table_new (G_N_ELEMENTS (summary_titles), summary_titles);
  add_section (self, _("Days to Won"), self->days_chart, self->summary_table);

  self->stage_chart = crm_chart_new (CRM_CHART_BARS);
  crm_chart_set_unit (CRM_CHART (self->stage_chart), CRM_CHART_UNIT_DAYS, NULL);
  self->stage_table = crm_chart_table_new (G_N_ELEMENTS (stage_titles), stage_titles);
  add_section (self, _("Mean Time in Each Stage"), self->stage_chart, self->stage_table);

  self->conversion_chart = crm_chart_new (CRM_CHART_BARS);
  crm_chart_set_unit (CRM_CHART (self->conversion_chart), CRM_CHART_UNIT_COUNT, NULL);
  self->conversion_table = crm_chart_table_new (G_N_ELEMENTS (conversion_titles), conversion_titles);
  add_section (self, _("Stage-to-Stage Conversion"), self->conversion_chart, self->conversion_table);
}

/* --- public API --- */

GtkWidget *
crm_cycle_view_new (CrmContext *context)
{
  return g_object_new (CRM_TYPE_CYCLE_VIEW, "context", context, NULL);
}

CrmContext *
crm_cycle_view_get_context (CrmCycleView *self)
{
  g_return_val_if_fail (CRM_IS_CYCLE_VIEW (self), NULL);

  return self->context;
}

void
crm_cycle_view_set_context (CrmCycleView *self,
                            CrmContext   *context)
{
  g_return_if_fail (CRM_IS_CYCLE_VIEW (self));

  if (self->context == context)
    return;
  g_set_object (&self->context, context);
  crm_forecast_watch_set_store (&self->watch, context != NULL ? crm_context_get_store (context) : NULL);

  g_clear_pointer (&self->data, crm_forecast_data_free);
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (context != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    crm_forecast_watch_reload (&self->watch);
  else
    crm_forecast_watch_queue (&self->watch);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gint64
crm_cycle_view_get_pipeline_id (CrmCycleView *self)
{
  g_return_val_if_fail (CRM_IS_CYCLE_VIEW (self), 0);

  return self->pipeline_id;
}

void
crm_cycle_view_set_pipeline_id (CrmCycleView *self,
                                gint64        pipeline_id)
{
  g_return_if_fail (CRM_IS_CYCLE_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  gtk_widget_set_visible (self->scope_box, pipeline_id != 0);
  /* Every pipeline is loaded: show the new one at once, and read again in
   * the background so that it is current. */
  apply (self);
  crm_forecast_watch_queue (&self->watch);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

/* --- for tests --- */

gboolean
_crm_cycle_view_is_loading (CrmCycleView *self)
{
  return self->loading || self->data == NULL || crm_forecast_watch_is_pending (&self->watch);
}

const char *
_crm_cycle_view_get_state (CrmCycleView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

CrmChart *
_crm_cycle_view_get_days_chart (CrmCycleView *self)
{
  return CRM_CHART (self->days_chart);
}

CrmChart *
_crm_cycle_view_get_stage_chart (CrmCycleView *self)
{
  return CRM_CHART (self->stage_chart);
}

CrmChart *
_crm_cycle_view_get_conversion_chart (CrmCycleView *self)
{
  return CRM_CHART (self->conversion_chart);
}

void
_crm_cycle_view_set_all_pipelines (CrmCycleView *self,
                                   gboolean      all)
{
  gtk_toggle_button_set_active (all ? self->all_pipelines_button : self->this_pipeline_button, TRUE);
}

GtkWidget *
_crm_cycle_view_get_summary_table (CrmCycleView *self)
{
  return self->summary_table;
}
