/* crm-context.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmContext"

#include "config.h"

#include "crm-context.h"
#include "crm-store.h"

struct _CrmContext
{
  GObject    parent_instance;

  CrmStore  *store;
  GSettings *settings;
  gint64     now;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmContext, crm_context, G_TYPE_OBJECT)

static void
crm_context_dispose (GObject *object)
{
  CrmContext *self = (CrmContext *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_context_parent_class)->dispose (object);
}

static void
crm_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrmContext *self = CRM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, crm_context_get_store (self));
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, crm_context_get_settings (self));
      break;

    case PROP_NOW:
      g_value_set_int64 (value, crm_context_get_now (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrmContext *self = CRM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_NOW:
      crm_context_set_now (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_context_class_init (CrmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_context_dispose;
  object_class->get_property = crm_context_get_property;
  object_class->set_property = crm_context_set_property;

  /**
   * CrmContext:store:
   *
   * The open database.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmContext:settings:
   *
   * The application's GSettings.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmContext:now:
   *
   * A fixed "now" in unix seconds, or 0 to follow the real clock.
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_context_init (CrmContext *self)
{
}

/**
 * crm_context_new:
 * @store: the open store
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new context
 */
CrmContext *
crm_context_new (CrmStore  *store,
                 GSettings *settings)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CRM_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

CrmStore *
crm_context_get_store (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
crm_context_get_settings (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), NULL);

  return self->settings;
}

gint64
crm_context_get_now (CrmContext *self)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (self), 0);

  if (self->now != 0)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
crm_context_set_now (CrmContext *self,
                     gint64      now)
{
  g_return_if_fail (CRM_IS_CONTEXT (self));

  if (self->now == now)
    return;

  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}
