/* crm-service-calendar-editor-holidays.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar subpage's holidays (a dialog with a calendar and a name to
 * add one, a button to remove each) and the deletion of the calendar; what
 * is removed is announced with the "trashed" signal, so that the page
 * offers to undo it.
 */

#define G_LOG_DOMAIN "CrmServiceCalendarEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-service-calendar-editor-private.h"

/* --- Holidays --- */

void
_crm_service_calendar_editor_fill_holidays (CrmServiceCalendarEditor *self,
               GPtrArray                *holidays)
{
  for (guint i = 0; i < self->holiday_rows->len; i++)
    adw_preferences_group_remove (self->holidays_group, self->holiday_rows->pdata[i]);
  g_ptr_array_set_size (self->holiday_rows, 0);

  if (holidays == NULL || holidays->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No holidays"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->holidays_group, row);
      g_ptr_array_add (self->holiday_rows, row);
      return;
    }
  for (guint i = 0; i < holidays->len; i++)
    {
      CrmServiceHoliday *holiday = holidays->pdata[i];
      g_autofree char *date = crm_format_iso_date (holiday->day);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* TRANSLATORS: %s is a holiday's name or date */
      g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"),
                                                      *holiday->name != '\0' ? holiday->name : date);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *holiday->name != '\0' ? holiday->name : _("Holiday"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date != NULL ? date : holiday->day);
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "calendar.remove-holiday");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(xs)", holiday->id,
                                        *holiday->name != '\0' ? holiday->name : date);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->holidays_group, row);
      g_ptr_array_add (self->holiday_rows, row);
    }
}

typedef struct
{
  CrmServiceCalendarEditor *self;
  gint64                    id;
  char                     *title;
} Removal;

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(GError) error = NULL;
  CrmServiceItem item = removal->id == removal->self->calendar_id ? CRM_SERVICE_ITEM_CALENDAR
                                                                  : CRM_SERVICE_ITEM_HOLIDAY;

  if (crm_service_trash_finish (CRM_STORE (object), result, &error))
    _crm_service_calendar_editor_emit_trashed (removal->self, item, removal->id, removal->title);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (removal->self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
    }
  g_object_unref (removal->self);
  g_free (removal->title);
  g_free (removal);
}

static void
remove_item (CrmServiceCalendarEditor *self,
             CrmServiceItem            item,
             gint64                    id,
             char                     *title)
{
  Removal *removal = g_new0 (Removal, 1);

  removal->self = g_object_ref (self);
  removal->id = id;
  removal->title = title;
  crm_service_trash_async (_crm_service_calendar_editor_get_store (self), item, id, TRUE,
                           self->cancellable, on_removed_cb, removal);
}

void
_crm_service_calendar_editor_remove_holiday_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);
  const char *name;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (_crm_service_calendar_editor_get_store (self) != NULL)
    /* TRANSLATORS: %s is a holiday's name */
    remove_item (self, CRM_SERVICE_ITEM_HOLIDAY, id, g_strdup_printf (_("“%s” removed"), name));
}

void
_crm_service_calendar_editor_delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);

  if (_crm_service_calendar_editor_get_store (self) != NULL)
    /* TRANSLATORS: %s is a calendar's name */
    remove_item (self, CRM_SERVICE_ITEM_CALENDAR, self->calendar_id,
                 g_strdup_printf (_("“%s” deleted"), self->name));
}

typedef struct
{
  CrmServiceCalendarEditor *self;
  GtkCalendar              *calendar;
  GtkEntry                 *name;
} HolidayDialog;

static void
holiday_dialog_free (gpointer data)
{
  HolidayDialog *d = data;

  g_object_unref (d->self);
  g_free (d);
}

static void
on_holiday_added_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmServiceCalendarEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_service_save_finish (CRM_STORE (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
    }
}

static void
on_holiday_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        HolidayDialog    *d)
{
  CrmStore *store = _crm_service_calendar_editor_get_store (d->self);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;

  if (!g_str_equal (response, "add") || store == NULL)
    return;
  date = gtk_calendar_get_date (d->calendar);
  day = g_date_time_format (date, "%Y-%m-%d");
  crm_service_holiday_add_async (store, d->self->calendar_id, day,
                                 gtk_editable_get_text (GTK_EDITABLE (d->name)), d->self->cancellable,
                                 on_holiday_added_cb, g_object_ref (d->self));
}

void
_crm_service_calendar_editor_add_holiday_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);
  HolidayDialog *d = g_new0 (HolidayDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Name"));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  d->self = g_object_ref (self);
  d->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day of the holiday"), -1);
  d->name = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (d->name, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (d->name), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->calendar));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->name));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add Holiday"),
                                   _("No SLA clock of this calendar runs on that day."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_holiday_response_cb), d,
                         (GClosureNotify) (void (*) (void)) holiday_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
