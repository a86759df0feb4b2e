/* crm-preferences-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPreferencesWindow"

#include "config.h"

#include <string.h>

#include "crm-preferences-window.h"

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template widgets */
  AdwComboRow          *business_mode_row;
  AdwComboRow          *currency_row;
  AdwEntryRow          *user_name_row;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the rows in crm-preferences-window.ui. */
static const char * const business_modes[] = { "b2b", "b2c", "both" };
static const char * const currencies[] = {
  "USD", "EUR", "GBP", "CNY", "JPY", "HKD", "TWD", "SGD", "AUD", "CAD", "CHF", "INR", "KRW",
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
key_to_index (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char * const *keys = user_data;
  const char *key = g_variant_get_string (variant, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (g_strcmp0 (keys[i], key) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
index_to_key (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  const char * const *keys = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) keys))
    return NULL;

  return g_variant_new_string (keys[index]);
}

static void
bind_combo (CrmPreferencesWindow *self,
            const char           *key,
            AdwComboRow          *row,
            const char * const   *keys)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                key_to_index, index_to_key,
                                (gpointer) keys, NULL);
}

static void
crm_preferences_window_constructed (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);
  /* NULL-terminated copies for the mapping functions. */
  static const char *mode_keys[G_N_ELEMENTS (business_modes) + 1];
  static const char *currency_keys[G_N_ELEMENTS (currencies) + 1];

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->constructed (object);

  if (mode_keys[0] == NULL)
    {
      memcpy (mode_keys, business_modes, sizeof business_modes);
      memcpy (currency_keys, currencies, sizeof currencies);
    }

  bind_combo (self, "business-mode", self->business_mode_row, mode_keys);
  bind_combo (self, "default-currency", self->currency_row, currency_keys);
  g_settings_bind (self->settings, "user-name", self->user_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_window_constructed;
  object_class->dispose = crm_preferences_window_dispose;
  object_class->get_property = crm_preferences_window_get_property;
  object_class->set_property = crm_preferences_window_set_property;

  /**
   * CrmPreferencesWindow:settings:
   *
   * The settings the rows edit.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, business_mode_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_name_row);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new preferences window
 */
CrmPreferencesWindow *
crm_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
