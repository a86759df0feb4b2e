/* crm-service-settings.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Service page reads the settings off the UI thread when it gets a
 * context and again (coalesced) whenever the store says a service table
 * changed, and rebuilds its rows from what it read.
 */

#define G_LOG_DOMAIN "CrmServiceSettings"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-service-settings-private.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { ROWS_CALENDARS, ROWS_POLICIES, ROWS_REPLIES };

static const char * const watched_tables[] = {
  "business_calendar", "holiday", "sla_policy", "canned_reply", "staff_user",
};

G_DEFINE_FINAL_TYPE (CrmServiceSettings, crm_service_settings, ADW_TYPE_PREFERENCES_PAGE)

static void reload (CrmServiceSettings *self);

/* --- Labels --- */

const char *
_crm_service_priority_label (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return C_("ticket priority", "Low");
  if (g_strcmp0 (priority, "normal") == 0)
    return C_("ticket priority", "Normal");
  if (g_strcmp0 (priority, "high") == 0)
    return C_("ticket priority", "High");
  if (g_strcmp0 (priority, "urgent") == 0)
    return C_("ticket priority", "Urgent");
  return C_("ticket priority", "Any priority");
}

char *
_crm_service_tier_label (const char *tier)
{
  if (tier == NULL || *tier == '\0')
    return g_strdup (C_("customer tier", "Any customer"));
  if (g_str_equal (tier, "consumer"))
    return g_strdup (C_("customer tier", "Consumers"));
  if (g_str_equal (tier, "strategic"))
    return g_strdup (C_("customer tier", "Strategic accounts"));
  if (g_str_equal (tier, "key"))
    return g_strdup (C_("customer tier", "Key accounts"));
  if (g_str_equal (tier, "standard"))
    return g_strdup (C_("customer tier", "Standard accounts"));
  /* TRANSLATORS: %s is a customer tier's key from the data, e.g. "gold" */
  return g_strdup_printf (C_("customer tier", "Tier “%s”"), tier);
}

const char *
_crm_service_language_label (const char *language)
{
  if (g_strcmp0 (language, "zh-CN") == 0)
    return _("Chinese");
  return _("English");
}

char *
_crm_service_format_minutes (int minutes)
{
  int hours = minutes / 60, rest = minutes % 60;

  if (hours == 0)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (C_("duration", "%d min"), rest);
  if (rest == 0)
    /* TRANSLATORS: a duration in hours */
    return g_strdup_printf (C_("duration", "%d h"), hours);
  /* TRANSLATORS: a duration in hours and minutes */
  return g_strdup_printf (C_("duration", "%d h %d min"), hours, rest);
}

/* --- Undo and toasts --- */

ServiceUndo *
_crm_service_undo_new (ServiceUndoKind kind,
                       CrmServiceItem  item,
                       gint64          id)
{
  ServiceUndo *undo = g_new0 (ServiceUndo, 1);

  undo->kind = kind;
  undo->item = item;
  undo->id = id;
  return undo;
}

void
_crm_service_undo_free (ServiceUndo *undo)
{
  if (undo == NULL)
    return;
  g_clear_pointer (&undo->policy, crm_service_policy_free);
  g_clear_pointer (&undo->reply, crm_service_reply_free);
  g_free (undo);
}

CrmStore *
_crm_service_settings_get_store (CrmServiceSettings *self)
{
  return self->context != NULL ? crm_context_get_store (self->context) : NULL;
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmServiceSettings) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_service_save_finish (CRM_STORE (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_service_settings_toast (self, error->message, NULL);
}

static void
update_undo (CrmServiceSettings *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.undo", self->undo != NULL);
}

static void
run_undo (CrmServiceSettings *self)
{
  g_autoptr(ServiceUndo) undo = g_steal_pointer (&self->undo);
  CrmStore *store = _crm_service_settings_get_store (self);

  update_undo (self);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  if (undo == NULL || store == NULL)
    return;
  switch (undo->kind)
    {
    case SERVICE_UNDO_TRASH:
    case SERVICE_UNDO_RESTORE:
      crm_service_trash_async (store, undo->item, undo->id, undo->kind == SERVICE_UNDO_TRASH,
                               self->cancellable, on_undone_cb, g_object_ref (self));
      break;
    case SERVICE_UNDO_POLICY:
      crm_service_policy_save_async (store, undo->policy, self->cancellable, on_undone_cb,
                                     g_object_ref (self));
      break;
    case SERVICE_UNDO_REPLY:
      crm_service_reply_save_async (store, undo->reply, self->cancellable, on_undone_cb,
                                    g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_toast_dismissed_cb (AdwToast           *toast,
                       CrmServiceSettings *self)
{
  if (self->undo_toast == toast)
    {
      self->undo_toast = NULL;
      g_clear_pointer (&self->undo, _crm_service_undo_free);
      update_undo (self);
    }
}

static void
on_toast_undo_cb (AdwToast           *toast,
                  CrmServiceSettings *self)
{
  if (self->undo_toast == toast)
    run_undo (self);
}

void
_crm_service_settings_toast (CrmServiceSettings *self,
                             const char         *title,
                             ServiceUndo        *undo)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (title);

  if (undo != NULL)
    {
      /* Only the newest change can be undone. */
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
      g_clear_pointer (&self->undo, _crm_service_undo_free);
      self->undo = undo;
      self->undo_toast = toast;
      update_undo (self);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, 0);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
    }
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* --- Rows --- */

static void
clear_rows (CrmServiceSettings  *self,
            AdwPreferencesGroup *group,
            guint                which)
{
  for (guint i = 0; i < self->rows[which]->len; i++)
    adw_preferences_group_remove (group, self->rows[which]->pdata[i]);
  g_ptr_array_set_size (self->rows[which], 0);
}

static void
add_row (CrmServiceSettings  *self,
         AdwPreferencesGroup *group,
         guint                which,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows[which], row);
}

static void
add_empty_row (CrmServiceSettings  *self,
               AdwPreferencesGroup *group,
               guint                which,
               const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, which, row);
}

static GtkWidget *
record_row (const char *title,
            const char *subtitle,
            const char *action,
            gint64      id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (id));
  return row;
}

static void
add_delete_button (GtkWidget  *row,
                   const char *tooltip,
                   const char *action,
                   gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static char *
calendar_subtitle (const CrmServiceCalendar *calendar)
{
  g_autoptr(CrmServiceWeek) week = crm_service_week_parse (calendar->hours, NULL);
  g_autofree char *hours = NULL;
  g_autofree char *holidays = NULL;
  g_autofree char *zone = g_strdelimit (g_strdup (calendar->timezone), "_", ' ');

  if (week != NULL)
    {
      g_autofree char *duration = _crm_service_format_minutes (crm_service_week_minutes (week));

      /* TRANSLATORS: working hours in a week; %s is a duration such as "40 h" */
      hours = g_strdup_printf (_("%s a week"), duration);
    }
  else
    hours = g_strdup (_("Working hours cannot be read"));
  holidays = g_strdup_printf (ngettext ("%u holiday", "%u holidays", calendar->holidays->len),
                              calendar->holidays->len);
  /* TRANSLATORS: a calendar's summary: its time zone, its working hours in a
   * week ("40 h a week") and its holidays ("8 holidays") */
  return g_strdup_printf (_("%1$s · %2$s · %3$s"), zone, hours, holidays);
}

static void
fill_calendars (CrmServiceSettings *self)
{
  clear_rows (self, self->calendars_group, ROWS_CALENDARS);
  if (self->config->calendars->len == 0)
    {
      add_empty_row (self, self->calendars_group, ROWS_CALENDARS, _("No calendars: SLA clocks run around the clock"));
      return;
    }
  for (guint i = 0; i < self->config->calendars->len; i++)
    {
      CrmServiceCalendar *calendar = self->config->calendars->pdata[i];
      g_autofree char *subtitle = calendar_subtitle (calendar);
      GtkWidget *row = record_row (calendar->name, subtitle, "service.edit-calendar", calendar->id);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      add_row (self, self->calendars_group, ROWS_CALENDARS, row);
    }
}

static const char *
calendar_name (CrmServiceSettings *self,
               gint64              calendar_id)
{
  CrmServiceCalendar *calendar = calendar_id != 0
                                 ? crm_service_config_find_calendar (self->config, calendar_id)
                                 : NULL;

  return calendar != NULL ? calendar->name : _("Around the clock");
}

static char *
policy_subtitle (CrmServiceSettings     *self,
                 const CrmServicePolicy *policy)
{
  g_autofree char *tier = _crm_service_tier_label (policy->tier);
  g_autofree char *first = _crm_service_format_minutes (policy->first_response_minutes);
  g_autofree char *resolution = _crm_service_format_minutes (policy->resolution_minutes);
  g_autofree char *who = g_strdup_printf (_("%1$s · %2$s · %3$s"),
                                          _crm_service_priority_label (policy->priority), tier,
                                          calendar_name (self, policy->calendar_id));
  /* TRANSLATORS: an SLA policy's targets; %1$s and %2$s are durations ("30 min", "4 h") */
  g_autofree char *targets = g_strdup_printf (_("First response within %1$s, resolution within %2$s"),
                                              first, resolution);

  return g_strdup_printf ("%s\n%s", who, targets);
}

static void
fill_policies (CrmServiceSettings *self)
{
  clear_rows (self, self->policies_group, ROWS_POLICIES);
  if (self->config->policies->len == 0)
    {
      add_empty_row (self, self->policies_group, ROWS_POLICIES, _("No SLA policies: tickets have no targets"));
      return;
    }
  for (guint i = 0; i < self->config->policies->len; i++)
    {
      CrmServicePolicy *policy = self->config->policies->pdata[i];
      g_autofree char *subtitle = policy_subtitle (self, policy);
      GtkWidget *row = record_row (policy->name, subtitle, "service.edit-policy", policy->id);

      add_delete_button (row, _("Delete SLA Policy"), "service.delete-policy", policy->id);
      add_row (self, self->policies_group, ROWS_POLICIES, row);
    }
}

/* The body's first words on one line. */
static char *
reply_preview (const CrmServiceReply *reply)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = reply->body; *c != '\0' && text->len < 160; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (g_unichar_isspace (ch))
        space = text->len > 0;
      else
        {
          if (space)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_unichar (text, ch);
        }
    }
  /* TRANSLATORS: a canned reply's language, then the start of its text */
  return g_strdup_printf (C_("canned reply summary", "%1$s · %2$s"),
                          _crm_service_language_label (reply->language), text->str);
}

static void
fill_replies (CrmServiceSettings *self)
{
  clear_rows (self, self->replies_group, ROWS_REPLIES);
  if (self->config->replies->len == 0)
    {
      add_empty_row (self, self->replies_group, ROWS_REPLIES, _("No canned replies"));
      return;
    }
  for (guint i = 0; i < self->config->replies->len; i++)
    {
      CrmServiceReply *reply = self->config->replies->pdata[i];
      g_autofree char *subtitle = reply_preview (reply);
      GtkWidget *row = record_row (reply->title, subtitle, "service.edit-reply", reply->id);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      add_delete_button (row, _("Delete Canned Reply"), "service.delete-reply", reply->id);
      add_row (self, self->replies_group, ROWS_REPLIES, row);
    }
}

/* "Nobody", then the active staff by name. */
static void
fill_you (CrmServiceSettings *self)
{
  guint selected = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->staff_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) C_("current user", "Nobody"));
  for (guint i = 0; i < self->config->staff->len; i++)
    {
      CrmServiceStaff *staff = self->config->staff->pdata[i];

      g_ptr_array_add (names, staff->name);
      if (staff->id == self->config->current_user)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->staff_names, 0, n, (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->you_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->you_row), TRUE);
}

static void
fill_alerts (CrmServiceSettings *self)
{
  int minutes = self->config->alert_minutes;

  adw_expander_row_set_enable_expansion (self->alerts_row, minutes > 0);
  adw_expander_row_set_expanded (self->alerts_row, FALSE);
  if (minutes > 0)
    gtk_spin_button_set_value (self->alert_spin, minutes);
  gtk_widget_set_sensitive (GTK_WIDGET (self->alerts_row), TRUE);
}

static void
fill (CrmServiceSettings *self)
{
  self->filling = TRUE;
  fill_you (self);
  if (self->alert_source == 0)
    fill_alerts (self);
  fill_calendars (self);
  fill_policies (self);
  fill_replies (self);
  self->filling = FALSE;

  if (self->editor != NULL)
    {
      CrmServiceCalendar *calendar =
        crm_service_config_find_calendar (self->config,
                                          crm_service_calendar_editor_get_calendar_id (self->editor));
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (calendar != NULL)
        crm_service_calendar_editor_update (self->editor, calendar);
      else if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
    }
}

/* --- Loading --- */

static void
on_config_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmServiceSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmServiceConfig) config = crm_service_config_load_finish (CRM_STORE (object), result,
                                                                       &error);

  if (config == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the service settings: %s", error->message);
      return;
    }
  g_clear_pointer (&self->config, crm_service_config_unref);
  self->config = g_steal_pointer (&config);
  fill (self);
}

static void
reload (CrmServiceSettings *self)
{
  CrmStore *store = _crm_service_settings_get_store (self);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (store != NULL)
    crm_service_config_load_async (store, self->cancellable, on_config_loaded_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CrmServiceSettings *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CrmServiceSettings *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (100, reload_cb, self);
}

static void
on_tiers_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmServiceSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv tiers = crm_service_list_tiers_finish (CRM_STORE (object), result, &error);

  if (tiers == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the customer tiers: %s", error->message);
      return;
    }
  g_strfreev (self->tiers);
  self->tiers = tiers;
}

/* --- You and breach warnings --- */

static void
on_current_user_set_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CrmServiceSettings) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_service_set_current_user_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _crm_service_settings_toast (self, error->message, NULL);
      reload (self);
    }
}

static void
on_you_selected_cb (CrmServiceSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->you_row);
  gint64 id = 0;

  if (self->filling || self->config == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected <= self->config->staff->len)
    id = ((CrmServiceStaff *) self->config->staff->pdata[selected - 1])->id;
  if (id == self->config->current_user)
    return;
  self->config->current_user = id;
  crm_service_set_current_user_async (_crm_service_settings_get_store (self), id, self->cancellable,
                                      on_current_user_set_cb, g_object_ref (self));
}

static void
on_alert_minutes_set_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CrmServiceSettings) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_service_set_alert_minutes_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_service_settings_toast (self, error->message, NULL);
}

static gboolean
save_alert_minutes_cb (gpointer user_data)
{
  CrmServiceSettings *self = user_data;
  int minutes = adw_expander_row_get_enable_expansion (self->alerts_row)
                ? gtk_spin_button_get_value_as_int (self->alert_spin) : 0;

  self->alert_source = 0;
  if (self->config == NULL || minutes == self->config->alert_minutes)
    return G_SOURCE_REMOVE;
  self->config->alert_minutes = minutes;
  crm_service_set_alert_minutes_async (_crm_service_settings_get_store (self), minutes,
                                       self->cancellable, on_alert_minutes_set_cb,
                                       g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Spin clicks come in runs: the last value is saved. */
static void
on_alerts_changed_cb (CrmServiceSettings *self)
{
  if (self->filling || self->config == NULL)
    return;
  g_clear_handle_id (&self->alert_source, g_source_remove);
  self->alert_source = g_timeout_add (300, save_alert_minutes_cb, self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_undo (CRM_SERVICE_SETTINGS (widget));
}

/* --- GObject --- */

static void
crm_service_settings_dispose (GObject *object)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (object);

  crm_service_settings_set_context (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->alert_source, g_source_remove);
  if (self->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  self->editor = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SERVICE_SETTINGS);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->staff_names);
  g_clear_pointer (&self->undo, _crm_service_undo_free);
  self->undo_toast = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);

  G_OBJECT_CLASS (crm_service_settings_parent_class)->dispose (object);
}

static void
crm_service_settings_finalize (GObject *object)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (object);

  g_clear_pointer (&self->config, crm_service_config_unref);
  g_strfreev (self->tiers);

  G_OBJECT_CLASS (crm_service_settings_parent_class)->finalize (object);
}

static void
crm_service_settings_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, crm_service_settings_get_context (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_service_settings_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CrmServiceSettings *self = CRM_SERVICE_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      crm_service_settings_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_service_settings_class_init (CrmServiceSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_service_settings_dispose;
  object_class->finalize = crm_service_settings_finalize;
  object_class->get_property = crm_service_settings_get_property;
  object_class->set_property = crm_service_settings_set_property;

  /**
   * CrmServiceSettings:context:
   *
   * The open database's context; the page is empty without one.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-service-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, you_row);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, alerts_row);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, alert_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, calendars_group);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, policies_group);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceSettings, replies_group);

  gtk_widget_class_install_action (widget_class, "service.add-calendar", NULL,
                                   _crm_service_settings_add_calendar_action);
  gtk_widget_class_install_action (widget_class, "service.edit-calendar", "x",
                                   _crm_service_settings_edit_calendar_action);
  gtk_widget_class_install_action (widget_class, "service.add-policy", NULL,
                                   _crm_service_settings_add_policy_action);
  gtk_widget_class_install_action (widget_class, "service.edit-policy", "x",
                                   _crm_service_settings_edit_policy_action);
  gtk_widget_class_install_action (widget_class, "service.delete-policy", "x",
                                   _crm_service_settings_delete_policy_action);
  gtk_widget_class_install_action (widget_class, "service.add-reply", NULL,
                                   _crm_service_settings_add_reply_action);
  gtk_widget_class_install_action (widget_class, "service.edit-reply", "x",
                                   _crm_service_settings_edit_reply_action);
  gtk_widget_class_install_action (widget_class, "service.delete-reply", "x",
                                   _crm_service_settings_delete_reply_action);
  gtk_widget_class_install_action (widget_class, "service.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "service.undo", NULL);

  g_type_ensure (CRM_TYPE_SERVICE_CALENDAR_EDITOR);
}

/* AdwExpanderRow's own on/off switch has no accessible name: it gets the
 * row's title, so that a screen reader says what it turns on. */
static void
name_enable_switch (GtkWidget  *widget,
                    const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      else
        name_enable_switch (child, name);
    }
}

static void
crm_service_settings_init (CrmServiceSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    self->rows[i] = g_ptr_array_new ();
  self->staff_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->you_row, G_LIST_MODEL (self->staff_names));
  g_signal_connect_swapped (self->you_row, "notify::selected", G_CALLBACK (on_you_selected_cb), self);
  g_signal_connect_swapped (self->alerts_row, "notify::enable-expansion",
                            G_CALLBACK (on_alerts_changed_cb), self);
  name_enable_switch (GTK_WIDGET (self->alerts_row),
                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->alerts_row)));
  g_signal_connect_swapped (self->alert_spin, "value-changed", G_CALLBACK (on_alerts_changed_cb), self);
  update_undo (self);
}

/* --- Public API --- */

CrmServiceSettings *
crm_service_settings_new (void)
{
  return g_object_new (CRM_TYPE_SERVICE_SETTINGS, NULL);
}

CrmContext *
crm_service_settings_get_context (CrmServiceSettings *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_SETTINGS (self), NULL);

  return self->context;
}

void
crm_service_settings_set_context (CrmServiceSettings *self,
                                  CrmContext         *context)
{
  g_return_if_fail (CRM_IS_SERVICE_SETTINGS (self));
  g_return_if_fail (context == NULL || CRM_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (crm_context_get_store (self->context), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->config, crm_service_config_unref);
  g_set_object (&self->context, context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
  if (context == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (watched_tables); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", watched_tables[i]);

      g_signal_connect_swapped (crm_context_get_store (context), signal,
                                G_CALLBACK (on_store_changed_cb), self);
    }
  crm_service_list_tiers_async (crm_context_get_store (context), self->cancellable,
                                on_tiers_loaded_cb, g_object_ref (self));
  reload (self);
}

gboolean
crm_service_settings_is_loaded (CrmServiceSettings *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_SETTINGS (self), FALSE);

  return self->config != NULL && self->tiers != NULL;
}

CrmServiceCalendarEditor *
crm_service_settings_get_calendar_editor (CrmServiceSettings *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_SETTINGS (self), NULL);

  return self->editor;
}
