/* crm-activity-editor.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logs an activity: summary, notes, when it happened (or when a task is due),
 * the duration of calls and meetings, and a task's reminder.  Saved as one
 * activity row; the page's timeline picks it up from the store's change.
 */

#define G_LOG_DOMAIN "CrmActivityEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-activity-editor.h"
#include "crm-activity.h"
#include "crm-format.h"
#include "crm-record.h"
#include "crm-store.h"

static const gint64 remind_offsets[] = { -1, 0, 15 * 60, 60 * 60, 24 * 60 * 60 };

struct _CrmActivityEditor
{
  AdwWindow       parent_instance;

  CrmContext     *context;
  char           *subject_kind;
  gint64          subject_id;
  char           *kind;
  GCancellable   *cancellable;
  gboolean        saving;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkLabel       *error_label;
  AdwEntryRow    *summary_entry;
  AdwActionRow   *when_row;
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  AdwActionRow   *duration_row;
  GtkSpinButton  *duration_spin;
  AdwComboRow    *remind_combo;
  GtkTextView    *body_view;
};

G_DEFINE_FINAL_TYPE (CrmActivityEditor, crm_activity_editor, ADW_TYPE_WINDOW)

static gboolean
is_task (CrmActivityEditor *self)
{
  return g_strcmp0 (self->kind, "task") == 0;
}

static const char *
describe_kind (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return _("Log Call");
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Log Meeting");
  if (g_strcmp0 (kind, "email") == 0)
    return _("Log Email");
  if (g_strcmp0 (kind, "task") == 0)
    return _("Add Task");
  return _("Add Note");
}

static void
update_date_label (CrmActivityEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (date),
                                                     g_date_time_get_month (date),
                                                     g_date_time_get_day_of_month (date),
                                                     12, 0, 0);
  g_autofree char *text = crm_format_date (g_date_time_to_unix (noon));

  gtk_menu_button_set_label (self->date_button, text);
}

static void
on_day_selected_cb (CrmActivityEditor *self)
{
  update_date_label (self);
  gtk_menu_button_popdown (self->date_button);
}

static gboolean
on_time_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  /* Two digits: 09:05, not 9:5. */
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static gint64
get_when (CrmActivityEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) when = NULL;

  gtk_spin_button_update (self->hour_spin);
  gtk_spin_button_update (self->minute_spin);
  when = g_date_time_new_local (g_date_time_get_year (date),
                                g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);

  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
set_when (CrmActivityEditor *self,
          gint64             when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);

  gtk_calendar_select_day (self->calendar, time);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (time));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (time));
  update_date_label (self);
}

static char *
get_body (CrmActivityEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_error (CrmActivityEditor *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmActivityEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);

  if (!crm_store_insert_finish (CRM_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* What was typed stays in the dialog. */
        show_error (self, _("The activity could not be saved. Try again."));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static CrmActivity *
build_activity (CrmActivityEditor *self,
                const char        *summary,
                const char        *body)
{
  CrmActivity *activity = g_object_new (CRM_TYPE_ACTIVITY, NULL);
  gint64 when = get_when (self);

  crm_activity_set_kind (activity, self->kind);
  crm_activity_set_subject_kind (activity, self->subject_kind);
  crm_activity_set_subject_id (activity, self->subject_id);
  crm_activity_set_summary (activity, summary);
  crm_activity_set_body (activity, body);

  if (is_task (self))
    {
      gint64 offset = crm_activity_editor_remind_offset (adw_combo_row_get_selected (self->remind_combo));

      /* An open task has not happened yet. */
      crm_activity_set_due (activity, when);
      if (offset >= 0)
        crm_activity_set_remind (activity, when - offset);
    }
  else
    {
      crm_activity_set_occurred (activity, when);
      if (gtk_widget_get_visible (GTK_WIDGET (self->duration_row)))
        crm_activity_set_duration (activity, 60 * (gint64) gtk_spin_button_get_value_as_int (self->duration_spin));
    }

  return activity;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmActivityEditor *self = CRM_ACTIVITY_EDITOR (widget);
  g_autofree char *summary = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->summary_entry))));
  g_autofree char *body = get_body (self);
  g_autoptr(CrmActivity) activity = NULL;

  if (self->saving)
    return;

  if (summary[0] == '\0' && body[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_entry), "error");
      show_error (self, _("Write a summary or a note."));
      gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));
      return;
    }

  if (get_when (self) == 0)
    {
      show_error (self, _("The date and time are not valid."));
      return;
    }

  activity = build_activity (self, summary, body);
  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "editor.save", FALSE);
  crm_store_insert_async (crm_context_get_store (self->context), CRM_RECORD (activity),
                          self->cancellable, on_inserted_cb, g_object_ref (self));
}

static void
on_summary_changed_cb (CrmActivityEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_entry), "error");
}

static void
crm_activity_editor_dispose (GObject *object)
{
  CrmActivityEditor *self = CRM_ACTIVITY_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ACTIVITY_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_activity_editor_parent_class)->dispose (object);
}

static void
crm_activity_editor_finalize (GObject *object)
{
  CrmActivityEditor *self = CRM_ACTIVITY_EDITOR (object);

  g_free (self->subject_kind);
  g_free (self->kind);

  G_OBJECT_CLASS (crm_activity_editor_parent_class)->finalize (object);
}

static void
crm_activity_editor_class_init (CrmActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_activity_editor_dispose;
  object_class->finalize = crm_activity_editor_finalize;

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, summary_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, when_row);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, remind_combo);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityEditor, body_view);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output_cb);
}

static void
crm_activity_editor_init (CrmActivityEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  g_signal_connect_swapped (self->summary_entry, "changed",
                            G_CALLBACK (on_summary_changed_cb), self);
}

CrmActivityEditor *
crm_activity_editor_new (CrmContext *context,
                         const char *subject_kind,
                         gint64      subject_id,
                         const char *kind)
{
  CrmActivityEditor *self;
  gboolean task, timed;
  gint64 now;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (subject_kind != NULL && subject_id > 0, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (CRM_TYPE_ACTIVITY_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->subject_kind = g_strdup (subject_kind);
  self->subject_id = subject_id;
  self->kind = g_strdup (kind);

  task = is_task (self);
  timed = g_strcmp0 (kind, "call") == 0 || g_strcmp0 (kind, "meeting") == 0;
  now = crm_context_get_now (context);

  adw_window_title_set_title (self->window_title, describe_kind (kind));
  gtk_window_set_title (GTK_WINDOW (self), describe_kind (kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row),
                                 task ? _("Due") : _("When"));
  gtk_widget_set_visible (GTK_WIDGET (self->duration_row), timed);
  gtk_widget_set_visible (GTK_WIDGET (self->remind_combo), task);
  gtk_spin_button_set_value (self->duration_spin, g_strcmp0 (kind, "meeting") == 0 ? 30 : 15);

  /* Logged now by default; a task is due tomorrow at this time. */
  set_when (self, task ? now + 24 * 60 * 60 : now);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));

  return self;
}

gint64
crm_activity_editor_remind_offset (guint index)
{
  return index < G_N_ELEMENTS (remind_offsets) ? remind_offsets[index] : -1;
}
