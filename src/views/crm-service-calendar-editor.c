/* crm-service-calendar-editor.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The week is kept as a CrmServiceWeek: the rows of a day are made again
 * when its spans are added or removed, and a changed time only updates the
 * week.  Each valid change is saved after a short pause (a run of changes
 * is one save); the page reads the calendar back and hands it to
 * crm_service_calendar_editor_update(), which leaves the hours alone while
 * a change of them is on its way.
 */

#define G_LOG_DOMAIN "CrmServiceCalendarEditor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-service-calendar-editor-private.h"
#include "crm-store.h"

#define SAVE_DELAY_MS 400
/* The times a span can start or end at: every quarter hour, 00:00 to 24:00. */
#define N_SLOTS (24 * 4 + 1)

enum {
  TRASHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmServiceCalendarEditor, crm_service_calendar_editor, GTK_TYPE_BOX)

static void fill_day (CrmServiceCalendarEditor *self,
                      guint                     day);

static const char *
day_name (guint day)
{
  const char *names[7] = {
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"),
  };

  return names[day];
}

CrmStore *
_crm_service_calendar_editor_get_store (CrmServiceCalendarEditor *self)
{
  return self->context != NULL ? crm_context_get_store (self->context) : NULL;
}

static char *
format_time (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

/* "09:00–12:00, 13:00–17:30", or "Closed". */
static char *
describe_day (GArray *ranges)
{
  GString *text = g_string_new (NULL);

  if (ranges->len == 0)
    g_string_append (text, C_("working hours", "Closed"));
  for (guint i = 0; i < ranges->len; i++)
    {
      CrmServiceRange *r = &g_array_index (ranges, CrmServiceRange, i);
      g_autofree char *start = format_time (r->start);
      g_autofree char *end = format_time (r->end);

      if (i > 0)
        g_string_append (text, C_("list separator", ", "));
      /* TRANSLATORS: a span of working hours, e.g. 09:00–17:00 */
      g_string_append_printf (text, C_("working hours", "%1$s–%2$s"), start, end);
    }
  return g_string_free (text, FALSE);
}

static void
update_hours_description (CrmServiceCalendarEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!crm_service_week_validate (self->week, &error))
    text = g_strdup (error->message);
  else
    {
      guint minutes = crm_service_week_minutes (self->week);

      /* TRANSLATORS: the working hours of a calendar's week, e.g. "40 hours a week" */
      text = g_strdup_printf (ngettext ("SLA clocks run %u hour a week.",
                                        "SLA clocks run %u hours a week.", minutes / 60),
                              minutes / 60);
      if (minutes % 60 != 0)
        {
          g_free (text);
          /* TRANSLATORS: the working hours of a week in hours and minutes */
          text = g_strdup_printf (_("SLA clocks run %u h %u min a week."), minutes / 60, minutes % 60);
        }
    }
  adw_preferences_group_set_description (self->hours_group, text);
}

/* --- Saving --- */

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmServiceCalendarEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (crm_service_save_finish (CRM_STORE (object), result, &error) == 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
    }
}

void
_crm_service_calendar_editor_save (CrmServiceCalendarEditor *self)
{
  CrmStore *store = _crm_service_calendar_editor_get_store (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (store == NULL)
    return;
  self->saving++;
  crm_service_calendar_save_async (store, self->calendar_id, self->name, self->timezone, self->hours,
                                   self->cancellable, on_saved_cb, g_object_ref (self));
}

static gboolean
save_cb (gpointer user_data)
{
  _crm_service_calendar_editor_save (user_data);
  return G_SOURCE_REMOVE;
}

/* The week as shown changed: saved in a moment when it is valid. */
static void
week_changed (CrmServiceCalendarEditor *self)
{
  g_autofree char *hours = NULL;

  update_hours_description (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!crm_service_week_validate (self->week, NULL))
    return;
  hours = crm_service_week_format (self->week);
  if (g_strcmp0 (hours, self->hours) == 0)
    return;
  g_free (self->hours);
  self->hours = g_steal_pointer (&hours);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

/* --- Spans of a day --- */

/* A drop-down of the quarter hours, plus @minutes when it is not one. */
static GtkDropDown *
time_drop_down (guint       minutes,
                const char *accessible_name)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkDropDown *drop_down;
  guint selected = 0, n = 0;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      guint value = slot * 15;
      g_autofree char *text = NULL;

      if (minutes > (slot > 0 ? (slot - 1) * 15 : 0) && minutes < value)
        {
          text = format_time (minutes);
          gtk_string_list_append (model, text);
          selected = n++;
          g_clear_pointer (&text, g_free);
        }
      text = format_time (value);
      gtk_string_list_append (model, text);
      if (value == minutes)
        selected = n;
      n++;
    }
  drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL));
  gtk_drop_down_set_selected (drop_down, selected);
  gtk_widget_set_valign (GTK_WIDGET (drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (drop_down), accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return drop_down;
}

static guint
drop_down_minutes (GtkDropDown *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);
  const char *text = item != NULL ? gtk_string_object_get_string (item) : "00:00";

  return (guint) (g_ascii_strtoull (text, NULL, 10) * 60 + g_ascii_strtoull (text + 3, NULL, 10));
}

static void
update_day_subtitle (CrmServiceCalendarEditor *self,
                     guint                     day)
{
  g_autofree char *text = describe_day (self->week->days[day]);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->day_rows[day]), text);
}

/* Marks the spans of @day that are wrong, with why on the row. */
static void
check_day (CrmServiceCalendarEditor *self,
           guint                     day)
{
  GArray *ranges = self->week->days[day];

  for (guint i = 0; i < ranges->len; i++)
    {
      CrmServiceRange *r = &g_array_index (ranges, CrmServiceRange, i);
      GtkWidget *row = g_ptr_array_index (self->range_rows[day], i);
      const char *problem = NULL;

      if (r->start >= r->end)
        problem = _("Ends before it starts");
      for (guint j = 0; j < ranges->len && problem == NULL; j++)
        {
          CrmServiceRange *o = &g_array_index (ranges, CrmServiceRange, j);

          if (j != i && o->start < o->end && r->start < o->end && o->start < r->end)
            problem = _("Overlaps other hours");
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem != NULL ? problem : "");
      if (problem != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  return (int) ((const CrmServiceRange *) a)->start - (int) ((const CrmServiceRange *) b)->start;
}

/* Spans that are right but out of order are put in order (their rows too). */
static void
sort_day (CrmServiceCalendarEditor *self,
          guint                     day)
{
  GArray *ranges = self->week->days[day];
  g_autoptr(GArray) sorted = g_array_copy (ranges);
  gboolean moved;

  g_array_sort (sorted, compare_spans);
  moved = memcmp (sorted->data, ranges->data, ranges->len * sizeof (CrmServiceRange)) != 0;
  for (guint i = 0; i < sorted->len; i++)
    {
      CrmServiceRange *r = &g_array_index (sorted, CrmServiceRange, i);

      if (r->start >= r->end || (i > 0 && g_array_index (sorted, CrmServiceRange, i - 1).end > r->start))
        return;
    }
  if (!moved)
    return;
  g_array_set_size (ranges, 0);
  g_array_append_vals (ranges, sorted->data, sorted->len);
  fill_day (self, day);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->day_rows[day]), TRUE);
  week_changed (self);
}

static gboolean
sort_days_cb (gpointer user_data)
{
  CrmServiceCalendarEditor *self = user_data;
  guint days = self->sort_days;

  self->sort_source = 0;
  self->sort_days = 0;
  for (guint day = 0; day < 7; day++)
    if (days & (1u << day))
      sort_day (self, day);
  return G_SOURCE_REMOVE;
}

static void
on_time_changed_cb (GtkDropDown              *drop_down,
                    GParamSpec               *pspec,
                    CrmServiceCalendarEditor *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "crm-day"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "crm-index"));
  gboolean end = g_object_get_data (G_OBJECT (drop_down), "crm-end") != NULL;
  CrmServiceRange *r;

  if (self->filling || index >= self->week->days[day]->len)
    return;
  r = &g_array_index (self->week->days[day], CrmServiceRange, index);
  if (end)
    r->end = drop_down_minutes (drop_down);
  else
    r->start = drop_down_minutes (drop_down);
  check_day (self, day);
  update_day_subtitle (self, day);
  /* Not in the drop-down's own signal: sorting makes its row again. */
  self->sort_days |= 1u << day;
  if (self->sort_source == 0)
    self->sort_source = g_idle_add (sort_days_cb, self);
  week_changed (self);
}

static GtkDropDown *
span_drop_down (CrmServiceCalendarEditor *self,
                guint                     day,
                guint                     index,
                gboolean                  end,
                guint                     minutes)
{
  /* TRANSLATORS: %s is a weekday; names a drop-down of times */
  g_autofree char *name = g_strdup_printf (end ? _("End of working hours on %s")
                                               : _("Start of working hours on %s"), day_name (day));
  GtkDropDown *drop_down = time_drop_down (minutes, name);

  g_object_set_data (G_OBJECT (drop_down), "crm-day", GUINT_TO_POINTER (day));
  g_object_set_data (G_OBJECT (drop_down), "crm-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (drop_down), "crm-end", end ? GUINT_TO_POINTER (1) : NULL);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_time_changed_cb), self, 0);
  return drop_down;
}

static GtkWidget *
span_row (CrmServiceCalendarEditor *self,
          guint                     day,
          guint                     index)
{
  CrmServiceRange *r = &g_array_index (self->week->days[day], CrmServiceRange, index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dash = gtk_label_new ("–");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* TRANSLATORS: %s is a weekday */
  g_autofree char *remove_name = g_strdup_printf (_("Remove these hours from %s"), day_name (day));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (span_drop_down (self, day, index, FALSE, r->start)));
  gtk_box_append (GTK_BOX (box), dash);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (span_drop_down (self, day, index, TRUE, r->end)));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), box);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "calendar.remove-span");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(uu)", day, index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* Where a new span of @day goes: after the last one, else before the
 * first; FALSE when the day has no room. */
static gboolean
new_span (GArray          *ranges,
          CrmServiceRange *span)
{
  guint last_end = ranges->len > 0 ? g_array_index (ranges, CrmServiceRange, ranges->len - 1).end : 0;
  guint first_start = ranges->len > 0 ? g_array_index (ranges, CrmServiceRange, 0).start : 24 * 60;

  if (ranges->len == 0)
    {
      span->start = 9 * 60;
      span->end = 17 * 60;
      return TRUE;
    }
  if (last_end + 60 < 24 * 60)
    {
      span->start = last_end + 60;
      span->end = MIN (span->start + 4 * 60, 24 * 60);
      return TRUE;
    }
  if (first_start >= 60 + 15)
    {
      span->end = first_start - 60;
      span->start = span->end > 4 * 60 ? span->end - 4 * 60 : 0;
      return TRUE;
    }
  return FALSE;
}

static void
fill_day (CrmServiceCalendarEditor *self,
          guint                     day)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self->day_rows[day]);
  GArray *ranges = self->week->days[day];
  CrmServiceRange room;
  GtkWidget *add;
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  for (guint i = 0; i < self->range_rows[day]->len; i++)
    adw_expander_row_remove (expander, self->range_rows[day]->pdata[i]);
  g_ptr_array_set_size (self->range_rows[day], 0);

  for (guint i = 0; i < ranges->len; i++)
    {
      GtkWidget *row = span_row (self, day, i);

      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (self->range_rows[day], row);
    }
  add = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add Hours"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (add), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "calendar.add-span");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "u", day);
  gtk_widget_set_sensitive (add, new_span (ranges, &room));
  adw_expander_row_add_row (expander, add);
  g_ptr_array_add (self->range_rows[day], add);

  check_day (self, day);
  update_day_subtitle (self, day);
  if (adw_expander_row_get_enable_expansion (expander) != (ranges->len > 0))
    {
      adw_expander_row_set_enable_expansion (expander, ranges->len > 0);
      adw_expander_row_set_expanded (expander, FALSE);
    }
  self->filling = was_filling;
}

static void
on_day_switched_cb (AdwExpanderRow           *expander,
                    GParamSpec               *pspec,
                    CrmServiceCalendarEditor *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "crm-day"));
  GArray *ranges = self->week->days[day];
  GArray *kept = self->closed_days->days[day];

  if (self->filling || adw_expander_row_get_enable_expansion (expander) == (ranges->len > 0))
    return;
  if (ranges->len > 0)
    {
      /* Switched off: its hours come back if it is switched on again. */
      g_array_set_size (kept, 0);
      g_array_append_vals (kept, ranges->data, ranges->len);
      g_array_set_size (ranges, 0);
    }
  else if (kept->len > 0)
    g_array_append_vals (ranges, kept->data, kept->len);
  else
    {
      /* The hours of the nearest open day before it, else 09:00–17:00. */
      for (guint back = 1; back < 7 && ranges->len == 0; back++)
        {
          GArray *other = self->week->days[(day + 7 - back) % 7];

          g_array_append_vals (ranges, other->data, other->len);
        }
      if (ranges->len == 0)
        g_array_append_val (ranges, ((CrmServiceRange) { 9 * 60, 17 * 60 }));
    }
  fill_day (self, day);
  adw_expander_row_set_expanded (expander, ranges->len > 0);
  week_changed (self);
}

static void
fill_week (CrmServiceCalendarEditor *self)
{
  for (guint day = 0; day < 7; day++)
    fill_day (self, day);
  update_hours_description (self);
}

static void
add_span_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);
  guint day = g_variant_get_uint32 (parameter);
  CrmServiceRange span;

  if (day >= 7 || !new_span (self->week->days[day], &span))
    return;
  g_array_append_val (self->week->days[day], span);
  g_array_sort (self->week->days[day], compare_spans);
  fill_day (self, day);
  week_changed (self);
}

static void
remove_span_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);
  guint day, index;

  g_variant_get (parameter, "(uu)", &day, &index);
  if (day >= 7 || index >= self->week->days[day]->len)
    return;
  g_array_remove_index (self->week->days[day], index);
  fill_day (self, day);
  if (self->week->days[day]->len > 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->day_rows[day]), TRUE);
  week_changed (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* A change waiting for its pause is saved now. */
  if (self->save_source != 0)
    _crm_service_calendar_editor_save (self);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
}

void
_crm_service_calendar_editor_emit_trashed (CrmServiceCalendarEditor *self,
                                           CrmServiceItem            item,
                                           gint64                    id,
                                           const char               *title)
{
  g_signal_emit (self, signals[TRASHED], 0, (int) item, id, title);
}

/* --- GObject --- */

static void
crm_service_calendar_editor_dispose (GObject *object)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (object);
  CrmStore *store = _crm_service_calendar_editor_get_store (self);

  /* A change still waiting for its pause is saved, without the editor. */
  if (self->save_source != 0 && store != NULL)
    crm_service_calendar_save_async (store, self->calendar_id, self->name, self->timezone, self->hours,
                                     NULL, NULL, NULL);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->sort_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SERVICE_CALENDAR_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->zones);
  g_clear_object (&self->zone_filter);
  for (guint day = 0; day < 7; day++)
    g_clear_pointer (&self->range_rows[day], g_ptr_array_unref);
  g_clear_pointer (&self->holiday_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_service_calendar_editor_parent_class)->dispose (object);
}

static void
crm_service_calendar_editor_finalize (GObject *object)
{
  CrmServiceCalendarEditor *self = CRM_SERVICE_CALENDAR_EDITOR (object);

  g_free (self->name);
  g_free (self->timezone);
  g_free (self->hours);
  crm_service_week_free (self->week);
  crm_service_week_free (self->closed_days);

  G_OBJECT_CLASS (crm_service_calendar_editor_parent_class)->finalize (object);
}

static void
crm_service_calendar_editor_class_init (CrmServiceCalendarEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_service_calendar_editor_dispose;
  object_class->finalize = crm_service_calendar_editor_finalize;

  /**
   * CrmServiceCalendarEditor::trashed:
   * @item: the #CrmServiceItem: the calendar itself or one of its holidays
   * @id: its id
   * @title: what to tell ("“Christmas Day” removed")
   *
   * A row was moved to the trash here; whoever shows the editor offers to
   * undo it.
   */
  signals[TRASHED] = g_signal_new ("trashed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   G_TYPE_INT, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-service-calendar-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, zone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, zone_button);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, zone_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, zone_search);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, zone_list);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, hours_group);
  gtk_widget_class_bind_template_child (widget_class, CrmServiceCalendarEditor, holidays_group);

  gtk_widget_class_install_action (widget_class, "calendar.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "calendar.add-span", "u", add_span_action);
  gtk_widget_class_install_action (widget_class, "calendar.remove-span", "(uu)", remove_span_action);
  gtk_widget_class_install_action (widget_class, "calendar.add-holiday", NULL,
                                   _crm_service_calendar_editor_add_holiday_action);
  gtk_widget_class_install_action (widget_class, "calendar.remove-holiday", "(xs)",
                                   _crm_service_calendar_editor_remove_holiday_action);
  gtk_widget_class_install_action (widget_class, "calendar.delete", NULL,
                                   _crm_service_calendar_editor_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.back", NULL);
}

static void
crm_service_calendar_editor_init (CrmServiceCalendarEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->week = crm_service_week_new ();
  self->closed_days = crm_service_week_new ();
  self->holiday_rows = g_ptr_array_new ();
  for (guint day = 0; day < 7; day++)
    {
      GtkWidget *row = adw_expander_row_new ();

      self->range_rows[day] = g_ptr_array_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day_name (day));
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "crm-day", GUINT_TO_POINTER (day));
      g_signal_connect_object (row, "notify::enable-expansion", G_CALLBACK (on_day_switched_cb), self, 0);
      adw_preferences_group_add (self->hours_group, row);
      self->day_rows[day] = row;
    }
  _crm_service_calendar_editor_setup_zone (self);
}

/* --- Public API --- */

CrmServiceCalendarEditor *
crm_service_calendar_editor_new (CrmContext               *context,
                                 const CrmServiceCalendar *calendar)
{
  CrmServiceCalendarEditor *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);

  self = g_object_new (CRM_TYPE_SERVICE_CALENDAR_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->calendar_id = calendar->id;
  crm_service_calendar_editor_update (self, calendar);
  return self;
}

gint64
crm_service_calendar_editor_get_calendar_id (CrmServiceCalendarEditor *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_CALENDAR_EDITOR (self), 0);

  return self->calendar_id;
}

void
crm_service_calendar_editor_update (CrmServiceCalendarEditor *self,
                                    const CrmServiceCalendar *calendar)
{
  g_return_if_fail (CRM_IS_SERVICE_CALENDAR_EDITOR (self));
  g_return_if_fail (calendar != NULL && calendar->id == self->calendar_id);

  if (g_strcmp0 (self->name, calendar->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (calendar->name);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->name);
      _crm_service_calendar_editor_set_title (self);
    }
  if (g_strcmp0 (self->timezone, calendar->timezone) != 0)
    {
      g_free (self->timezone);
      self->timezone = g_strdup (calendar->timezone);
      _crm_service_calendar_editor_set_zone_subtitle (self);
    }
  /* Hours being changed here stay as they are shown. */
  if (self->save_source == 0 && self->saving == 0 && g_strcmp0 (self->hours, calendar->hours) != 0)
    {
      g_autoptr(CrmServiceWeek) week = crm_service_week_parse (calendar->hours, NULL);

      g_free (self->hours);
      self->hours = g_strdup (calendar->hours);
      crm_service_week_free (self->week);
      self->week = week != NULL ? g_steal_pointer (&week) : crm_service_week_new ();
      fill_week (self);
    }
  _crm_service_calendar_editor_fill_holidays (self, calendar->holidays);
}

GtkWidget *
crm_service_calendar_editor_get_day_row (CrmServiceCalendarEditor *self,
                                         guint                     day)
{
  g_return_val_if_fail (CRM_IS_SERVICE_CALENDAR_EDITOR (self), NULL);
  g_return_val_if_fail (day < 7, NULL);

  return self->day_rows[day];
}

gboolean
crm_service_calendar_editor_is_saving (CrmServiceCalendarEditor *self)
{
  g_return_val_if_fail (CRM_IS_SERVICE_CALENDAR_EDITOR (self), FALSE);

  return self->save_source != 0 || self->saving > 0;
}
