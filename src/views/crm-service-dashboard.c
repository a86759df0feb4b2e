/* crm-service-dashboard.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service dashboard: the period chooser, computing the KPIs on the store
 * worker (crm_service_kpi_compute_async(), the numbers of rapport-cli kpi)
 * with a progress bar, and computing again when the tickets, their status
 * history, the self-service resolutions or the SLA set-up change: coalesced,
 * and only while shown (a hidden dashboard computes when next mapped).
 * crm-service-dashboard-apply.c shows the numbers.
 */

#define G_LOG_DOMAIN "CrmServiceDashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-service-dashboard.h"
#include "crm-service-dashboard-private.h"
#include "crm-format.h"
#include "crm-store.h"

/* Several changes in a row make one computation. */
#define RELOAD_DELAY_MS 500
/* A computation shorter than this shows no progress bar. */
#define PROGRESS_DELAY_MS 150
/* While the computation waits for the store worker, the bar pulses. */
#define PULSE_MS 120

G_DEFINE_FINAL_TYPE (CrmServiceDashboard, crm_service_dashboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tables whose changes change the numbers. */
static const char * const watched_tables[] = {
  "ticket", "ticket_status_change", "self_service_resolution", "sla_policy", "business_calendar",
  "holiday", NULL
};

/* The dropdown's fixed periods, in its order. */
static const CrmServiceKpiPeriod periods[] = {
  CRM_SERVICE_KPI_THIS_WEEK, CRM_SERVICE_KPI_THIS_MONTH, CRM_SERVICE_KPI_THIS_QUARTER,
  CRM_SERVICE_KPI_THIS_YEAR, CRM_SERVICE_KPI_LAST_12_MONTHS,
};
G_STATIC_ASSERT (G_N_ELEMENTS (periods) == CRM_SERVICE_DASHBOARD_CUSTOM);

/* --- the period --- */

static gint64
now_of (CrmServiceDashboard *self)
{
  return self->context != NULL ? crm_context_get_now (self->context)
                               : g_get_real_time () / G_USEC_PER_SEC;
}

/* The local midnight starting the day chosen in @calendar, plus @days. */
static gint64
calendar_midnight (GtkCalendar *calendar,
                   int          days)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (chosen),
                                                         g_date_time_get_month (chosen),
                                                         g_date_time_get_day_of_month (chosen),
                                                         0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_days (midnight, days);

  return g_date_time_to_unix (later);
}

void
_crm_service_dashboard_get_bounds (CrmServiceDashboard *self,
                                   gint64              *from,
                                   gint64              *to)
{
  guint chosen = gtk_drop_down_get_selected (self->period_dropdown);

  if (chosen < CRM_SERVICE_DASHBOARD_CUSTOM)
    {
      crm_service_kpi_get_period (periods[chosen], now_of (self), NULL, from, to);
      return;
    }
  /* Both days included; the dates the wrong way round mean the same span. */
  *from = calendar_midnight (self->from_calendar, 0);
  *to = calendar_midnight (self->to_calendar, 1);
  if (*to <= *from)
    {
      *from = calendar_midnight (self->to_calendar, 0);
      *to = calendar_midnight (self->from_calendar, 1);
    }
}

/* Names @widget for screen readers, and the button inside it: GTK 4.8 gives
 * that one, which takes the focus, no name of its own (they would read
 * "GtkToggleButton"). */
static void
name_control (GtkWidget  *widget,
              const char *name)
{
  GtkWidget *inner = gtk_widget_get_first_child (widget);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (GTK_IS_TOGGLE_BUTTON (inner))
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_date_buttons (CrmServiceDashboard *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == CRM_SERVICE_DASHBOARD_CUSTOM;
  g_autofree char *from = crm_format_date (calendar_midnight (self->from_calendar, 0));
  g_autofree char *to = crm_format_date (calendar_midnight (self->to_calendar, 0));
  g_autofree char *from_name = NULL, *to_name = NULL;

  /* The place of the days in the toolbar's flow box: hiding that leaves no gap. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->dates_box), custom);
  gtk_menu_button_set_label (self->from_button, from);
  gtk_menu_button_set_label (self->to_button, to);
  /* TRANSLATORS: the accessible name of the button that shows the first
   * day of a custom period, e.g. "First day: Nov 1, 2026" */
  from_name = g_strdup_printf (_("First day: %s"), from);
  /* TRANSLATORS: the accessible name of the button that shows the last
   * day of a custom period, e.g. "Last day: Nov 30, 2026" */
  to_name = g_strdup_printf (_("Last day: %s"), to);
  name_control (GTK_WIDGET (self->from_button), from_name);
  name_control (GTK_WIDGET (self->to_button), to_name);
}

/* --- computing --- */

/* What the progress and result callbacks of one computation hold: the
 * dashboard may be gone before they run. */
typedef struct
{
  GWeakRef self;
  guint    generation;
} Request;

static Request *
request_new (CrmServiceDashboard *self)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->self, self);
  request->generation = self->generation;
  return request;
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_weak_ref_clear (&request->self);
  g_free (request);
}

static CrmServiceDashboard *
request_get (Request *request)
{
  CrmServiceDashboard *self = g_weak_ref_get (&request->self);

  if (self != NULL && self->generation != request->generation)
    g_clear_object (&self);
  return self;
}

static void
set_computing (CrmServiceDashboard *self,
               gboolean             computing)
{
  self->computing = computing;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (!computing)
    gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  if (computing && self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static gboolean
on_pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (CRM_SERVICE_DASHBOARD (user_data)->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_progress_delay_cb (gpointer user_data)
{
  CrmServiceDashboard *self = user_data;

  self->progress_source = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  /* Other work may hold the store worker: show that something is under way. */
  if (gtk_progress_bar_get_fraction (self->progress_bar) == 0)
    self->pulse_source = g_timeout_add (PULSE_MS, on_pulse_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  g_autoptr(CrmServiceDashboard) self = request_get (user_data);

  if (self != NULL && self->computing)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(CrmServiceDashboard) self = request_get (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmServiceKpiReport) report = crm_service_kpi_compute_finish (CRM_STORE (source), result,
                                                                           &error);

  request_free (request);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_computing (self, FALSE);
  if (report == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The tickets could not be read: %s"), error->message);

      g_clear_pointer (&self->report, crm_service_kpi_report_free);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->report, crm_service_kpi_report_free);
  self->report = g_steal_pointer (&report);
  self->n_loads++;
  _crm_service_dashboard_apply (self);
}

static void
recompute (CrmServiceDashboard *self)
{
  gint64 from, to;
  g_autofree char *period = NULL;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  _crm_service_dashboard_get_bounds (self, &from, &to);
  period = _crm_service_dashboard_describe_period (from, to, crm_service_kpi_choose_bucket (from, to));
  gtk_label_set_text (self->period_label, period);

  set_computing (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, on_progress_delay_cb, self);
  crm_service_kpi_compute_async (self->store, from, to, now_of (self), NULL,
                                 on_progress, request_new (self), request_free, self->cancellable,
                                 on_computed_cb, request_new (self));
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmServiceDashboard *self = user_data;

  self->reload_source = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

/* Computes soon when shown, else when next mapped. */
static void
queue_recompute (CrmServiceDashboard *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout_cb, self);
}

static void
on_store_changed_cb (CrmServiceDashboard *self,
                     const char          *table,
                     GArray              *ids,
                     CrmStore            *store)
{
  queue_recompute (self);
}

static void
follow_store (CrmServiceDashboard *self,
              CrmStore            *store)
{
  if (self->store != NULL)
    {
      for (guint i = 0; i < self->handlers->len; i++)
        g_signal_handler_disconnect (self->store, g_array_index (self->handlers, gulong, i));
      g_array_set_size (self->handlers, 0);
      g_clear_object (&self->store);
    }
  if (store == NULL)
    return;
  self->store = g_object_ref (store);
  for (guint i = 0; watched_tables[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", watched_tables[i], NULL);
      gulong id = g_signal_connect_swapped (store, detailed, G_CALLBACK (on_store_changed_cb), self);

      g_array_append_val (self->handlers, id);
    }
}

/* --- callbacks and actions --- */

static void
on_period_changed_cb (CrmServiceDashboard *self)
{
  update_date_buttons (self);
  recompute (self);
}

static void
on_day_selected_cb (CrmServiceDashboard *self,
                    GtkCalendar         *calendar)
{
  update_date_buttons (self);
  gtk_menu_button_popdown (calendar == self->from_calendar ? self->from_button : self->to_button);
  if (gtk_drop_down_get_selected (self->period_dropdown) == CRM_SERVICE_DASHBOARD_CUSTOM)
    recompute (self);
}

static void
recompute_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  recompute (CRM_SERVICE_DASHBOARD (widget));
}

/* --- GObject / GtkWidget --- */

static void
crm_service_dashboard_map (GtkWidget *widget)
{
  CrmServiceDashboard *self = CRM_SERVICE_DASHBOARD (widget);

  GTK_WIDGET_CLASS (crm_service_dashboard_parent_class)->map (widget);

  if (self->dirty || (self->report == NULL && !self->computing))
    recompute (self);
}

static void
crm_service_dashboard_dispose (GObject *object)
{
  CrmServiceDashboard *self = (CrmServiceDashboard *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  follow_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SERVICE_DASHBOARD);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_service_dashboard_parent_class)->dispose (object);
}

static void
crm_service_dashboard_finalize (GObject *object)
{
  CrmServiceDashboard *self = (CrmServiceDashboard *)object;

  g_clear_pointer (&self->report, crm_service_kpi_report_free);
  g_clear_pointer (&self->handlers, g_array_unref);
  g_free (self->tile_text);

  G_OBJECT_CLASS (crm_service_dashboard_parent_class)->finalize (object);
}

static void
crm_service_dashboard_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmServiceDashboard *self = CRM_SERVICE_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, crm_service_dashboard_get_context (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_service_dashboard_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmServiceDashboard *self = CRM_SERVICE_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      crm_service_dashboard_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window gives the dashboard the keyboard (Ctrl+5, the sidebar): the
 * period, its first control.  Moving the focus into a page that is not laid
 * out yet goes by positions it does not have, and could land on a figure's
 * selectable label, which then shows all selected. */
static gboolean
crm_service_dashboard_grab_focus (GtkWidget *widget)
{
  CrmServiceDashboard *self = CRM_SERVICE_DASHBOARD (widget);

  return gtk_widget_get_mapped (GTK_WIDGET (self->period_dropdown)) &&
         gtk_widget_grab_focus (GTK_WIDGET (self->period_dropdown));
}

static void
crm_service_dashboard_class_init (CrmServiceDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_service_dashboard_dispose;
  object_class->finalize = crm_service_dashboard_finalize;
  object_class->get_property = crm_service_dashboard_get_property;
  object_class->set_property = crm_service_dashboard_set_property;
  widget_class->map = crm_service_dashboard_map;
  widget_class->grab_focus = crm_service_dashboard_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/crm-service-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, toolbar_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, dates_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, from_button);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, to_button);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, period_label);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, csat_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, csat_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, csat_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, frt_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, frt_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, frt_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, resolution_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, resolution_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, resolution_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, self_service_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, self_service_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, self_service_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, sla_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, sla_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, sla_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, backlog_value);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, backlog_detail);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, backlog_detail2);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, breakdown_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, channel_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, priority_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, segment_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, volume_chart_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, volume_table_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, rate_chart_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, rate_table_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, frt_chart_box);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceDashboard, frt_table_box);

  gtk_widget_class_install_action (widget_class, "service.recompute", NULL, recompute_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "service.recompute", NULL);
}

static void
crm_service_dashboard_init (CrmServiceDashboard *self)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));

  gtk_widget_init_template (GTK_WIDGET (self));
  self->handlers = g_array_new (FALSE, TRUE, sizeof (gulong));
  _crm_service_dashboard_init_parts (self);

  name_control (GTK_WIDGET (self->period_dropdown), _("Period"));

  /* Custom dates start as this month so far. */
  gtk_calendar_select_day (self->from_calendar, first);
  gtk_calendar_select_day (self->to_calendar, today);
  gtk_drop_down_set_selected (self->period_dropdown, CRM_SERVICE_KPI_THIS_MONTH);
  update_date_buttons (self);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (on_period_changed_cb), self);
  g_signal_connect_swapped (self->from_calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect_swapped (self->to_calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  /* The toolbar's controls take the focus, not the places they sit in. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toolbar_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
}

/* --- public API --- */

GtkWidget *
crm_service_dashboard_new (CrmContext *context)
{
  return g_object_new (CRM_TYPE_SERVICE_DASHBOARD, "context", context, NULL);
}

CrmContext *
crm_service_dashboard_get_context (CrmServiceDashboard *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_DASHBOARD (self), NULL);

  return self->context;
}

void
crm_service_dashboard_set_context (CrmServiceDashboard *self,
                                   CrmContext          *context)
{
  g_return_if_fail (CRM_IS_SERVICE_DASHBOARD (self));
  g_return_if_fail (context == NULL || CRM_IS_CONTEXT (context));

  if (self->context == context)
    return;
  g_set_object (&self->context, context);

  /* Another database: nothing of the old one stays on screen. */
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  set_computing (self, FALSE);
  g_clear_pointer (&self->report, crm_service_kpi_report_free);
  follow_store (self, context != NULL ? crm_context_get_store (context) : NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (context != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    recompute (self);
  else
    self->dirty = context != NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* --- for tests --- */

gboolean
_crm_service_dashboard_is_loading (CrmServiceDashboard *self)
{
  return self->computing || self->reload_source != 0 || self->dirty || self->report == NULL;
}

guint
_crm_service_dashboard_get_n_loads (CrmServiceDashboard *self)
{
  return self->n_loads;
}

const char *
_crm_service_dashboard_get_state (CrmServiceDashboard *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const CrmServiceKpiReport *
_crm_service_dashboard_get_report (CrmServiceDashboard *self)
{
  return self->report;
}

void
_crm_service_dashboard_set_period (CrmServiceDashboard *self,
                                   guint                period,
                                   const char          *from_day,
                                   const char          *to_day)
{
  if (period == CRM_SERVICE_DASHBOARD_CUSTOM)
    {
      const char *days[] = { from_day, to_day };
      GtkCalendar *calendars[] = { self->from_calendar, self->to_calendar };

      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *iso = g_strconcat (days[i], "T00:00:00", NULL);
          g_autoptr(GTimeZone) local = g_time_zone_new_local ();
          g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);

          g_return_if_fail (day != NULL);
          gtk_calendar_select_day (calendars[i], day);
        }
    }
  gtk_drop_down_set_selected (self->period_dropdown, period);
}
