/* crm-forecast-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmForecastView"

#include "config.h"

#include "crm-forecast-view.h"

struct _CrmForecastView
{
  GtkWidget   parent_instance;

  CrmContext *context;
  gint64      pipeline_id;
};

G_DEFINE_FINAL_TYPE (CrmForecastView, crm_forecast_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_forecast_view_dispose (GObject *object)
{
  CrmForecastView *self = (CrmForecastView *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_forecast_view_parent_class)->dispose (object);
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
  object_class->get_property = crm_forecast_view_get_property;
  object_class->set_property = crm_forecast_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_forecast_view_init (CrmForecastView *self)
{
}

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
                          CrmContext  *context)
{
  g_return_if_fail (CRM_IS_FORECAST_VIEW (self));

  if (g_set_object (&self->context, context))
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
                              gint64       pipeline_id)
{
  g_return_if_fail (CRM_IS_FORECAST_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}
