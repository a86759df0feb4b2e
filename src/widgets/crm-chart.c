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
#include "crm-chart-private.h"
#include "crm-compat.h"
#include "crm-format.h"

G_DEFINE_FINAL_TYPE (CrmChart, crm_chart, GTK_TYPE_WIDGET)

/* --- numbers --- */

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

double
_crm_chart_value_at (CrmChart *self,
          guint     series,
          guint     category)
{
  guint n_categories = self->categories != NULL ? g_strv_length (self->categories) : 0;

  return g_array_index (self->values, double, series * n_categories + category);
}

/* The value's own label or its formatted value; transfer full. */
char *
_crm_chart_value_text (CrmChart *self,
            guint     series,
            guint     category)
{
  guint index = series * crm_chart_get_n_categories (self) + category;

  if (self->labels != NULL && self->labels[index] != NULL && self->labels[index][0] != '\0')
    return g_strdup (self->labels[index]);
  return crm_chart_format_value (self->unit, self->currency, _crm_chart_value_at (self, series, category));
}

/* "Nov 2026: Weighted $1,200.00, Best case $3,000.00"; transfer full. */
char *
_crm_chart_describe_category (CrmChart *self,
                   guint     category,
                   gboolean  lines)
{
  GString *text = g_string_new (self->names != NULL ? self->names[category] : self->categories[category]);

  g_strstrip (g_strdelimit (text->str, "\n", ' '));
  g_string_set_size (text, strlen (text->str));
  for (guint s = 0; s < crm_chart_get_n_series (self); s++)
    {
      g_autofree char *value = _crm_chart_value_text (self, s, category);

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
      g_autofree char *line = _crm_chart_describe_category (self, c, FALSE);

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
      g_autofree char *focused = _crm_chart_describe_category (self, self->focus, FALSE);

      /* TRANSLATORS: a chart's name and the category under keyboard focus */
      label = g_strdup_printf (_("%s, %s"), self->title != NULL ? self->title : "", focused);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : (self->title != NULL ? self->title : ""),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
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
  int c = keyboard ? self->focus : _crm_chart_category_at (self, x, y);
  g_autofree char *text = NULL;

  if (c < 0)
    return FALSE;
  text = _crm_chart_describe_category (self, c, TRUE);
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
  set_hover (self, _crm_chart_category_at (self, x, y));
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
      *minimum = *natural = _crm_chart_natural_height (self, for_size > 0 ? for_size : 480);
    }
}

static void
crm_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  _crm_chart_snapshot (CRM_CHART (widget), snapshot);
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

  return _crm_chart_value_at (self, series, category);
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
