/* crm-service-calendar-editor-zone.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar subpage's name and time zone.  The zones are read from the
 * system's time zone database on a thread the first time the chooser opens,
 * and filtered as the search is typed.
 */

#define G_LOG_DOMAIN "CrmServiceCalendarEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-service-calendar-editor-private.h"

/* --- Name and time zone --- */

void
_crm_service_calendar_editor_set_title (CrmServiceCalendarEditor *self)
{
  adw_window_title_set_title (self->window_title, self->name);
}

static void
on_name_applied_cb (CrmServiceCalendarEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (*name == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->name);
      return;
    }
  if (g_strcmp0 (name, self->name) == 0)
    return;
  g_free (self->name);
  self->name = g_steal_pointer (&name);
  _crm_service_calendar_editor_set_title (self);
  _crm_service_calendar_editor_save (self);
}

/* Zones are listed with spaces for underscores ("America/New York"), so
 * that what people type finds them. */
static char *
zone_display (const char *zone)
{
  return g_strdelimit (g_strdup (zone), "_", ' ');
}

void
_crm_service_calendar_editor_set_zone_subtitle (CrmServiceCalendarEditor *self)
{
  g_autofree char *display = zone_display (self->timezone);

  adw_action_row_set_subtitle (self->zone_row, display);
}

static void
on_zones_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmServiceCalendarEditor) self = user_data;
  g_auto(GStrv) zones = crm_service_list_time_zones_finish (result, NULL);

  if (zones == NULL || self->zones == NULL)
    return;
  for (guint i = 0; zones[i] != NULL; i++)
    {
      g_autofree char *display = zone_display (zones[i]);

      gtk_string_list_append (self->zones, display);
    }
}

static void
on_zone_popover_shown_cb (CrmServiceCalendarEditor *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->zones)) == 0)
    crm_service_list_time_zones_async (self->cancellable, on_zones_listed_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->zone_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->zone_search));
}

static void
choose_zone (CrmServiceCalendarEditor *self,
             const char               *display)
{
  g_autofree char *zone = g_strdelimit (g_strdup (display), " ", '_');

  gtk_popover_popdown (self->zone_popover);
  if (g_strcmp0 (zone, self->timezone) == 0)
    return;
  g_free (self->timezone);
  self->timezone = g_steal_pointer (&zone);
  _crm_service_calendar_editor_set_zone_subtitle (self);
  _crm_service_calendar_editor_save (self);
}

static void
on_zone_activated_cb (GtkListView              *list,
                      guint                     position,
                      CrmServiceCalendarEditor *self)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)),
                                                           position);

  if (item != NULL)
    choose_zone (self, gtk_string_object_get_string (item));
}

/* Enter in the search takes the first zone found. */
static void
on_zone_search_activate_cb (CrmServiceCalendarEditor *self)
{
  GListModel *zones = G_LIST_MODEL (gtk_list_view_get_model (self->zone_list));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (zones, 0);

  if (item != NULL)
    choose_zone (self, gtk_string_object_get_string (item));
}

/* Down in the search moves into the list of zones (and typing in the list
 * goes back to the search, through the key capture). */
static gboolean
on_zone_search_key_pressed_cb (GtkEventControllerKey    *controller,
                               guint                     keyval,
                               guint                     keycode,
                               GdkModifierType           state,
                               CrmServiceCalendarEditor *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (self->zone_list))) == 0)
    return GDK_EVENT_PROPAGATE;
  return gtk_widget_child_focus (GTK_WIDGET (self->zone_list), GTK_DIR_TAB_FORWARD);
}

static void
on_zone_search_changed_cb (CrmServiceCalendarEditor *self)
{
  gtk_string_filter_set_search (self->zone_filter, gtk_editable_get_text (GTK_EDITABLE (self->zone_search)));
}

void
_crm_service_calendar_editor_setup_zone (CrmServiceCalendarEditor *self)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory;
  GtkEventController *key;

  self->zones = gtk_string_list_new (NULL);
  self->zone_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->zone_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->zone_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->zones)),
                                        GTK_FILTER (g_object_ref (self->zone_filter)));
  gtk_list_view_set_model (self->zone_list, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  factory = gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_PATH "/ui/crm-service-zone-item.ui");
  gtk_list_view_set_factory (self->zone_list, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->zone_list, "activate", G_CALLBACK (on_zone_activated_cb), self, 0);
  g_signal_connect_object (self->zone_search, "search-changed", G_CALLBACK (on_zone_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zone_search, "activate", G_CALLBACK (on_zone_search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_zone_search_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->zone_search), key);
  gtk_search_entry_set_key_capture_widget (self->zone_search, GTK_WIDGET (self->zone_list));
  g_signal_connect_object (self->zone_popover, "show", G_CALLBACK (on_zone_popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "apply", G_CALLBACK (on_name_applied_cb), self,
                           G_CONNECT_SWAPPED);
}
