/* crm-service-calendar-editor-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the calendar subpage's files: the week of working hours
 * (crm-service-calendar-editor.c), the name and time zone
 * (crm-service-calendar-editor-zone.c) and the holidays
 * (crm-service-calendar-editor-holidays.c).
 */

#pragma once

#include "crm-service-calendar-editor.h"
#include "crm-store.h"

G_BEGIN_DECLS

struct _CrmServiceCalendarEditor
{
  GtkBox               parent_instance;

  CrmContext          *context;
  GCancellable        *cancellable;
  gint64               calendar_id;
  char                *name;
  char                *timezone;
  char                *hours;           /* as last read or saved */
  CrmServiceWeek      *week;            /* as shown */
  CrmServiceWeek      *closed_days;     /* a day's spans from before it was switched off */
  GtkWidget           *day_rows[7];
  GPtrArray           *range_rows[7];   /* the rows inside each day's expander */
  GPtrArray           *holiday_rows;
  GtkStringList       *zones;
  GtkStringFilter     *zone_filter;
  guint                save_source;
  guint                sort_source;
  guint                sort_days;       /* days whose spans may need sorting, as bits */
  guint                saving;          /* saves on their way */
  gboolean             filling;

  /* template widgets */
  AdwWindowTitle      *window_title;
  AdwEntryRow         *name_row;
  AdwActionRow        *zone_row;
  GtkMenuButton       *zone_button;
  GtkPopover          *zone_popover;
  GtkSearchEntry      *zone_search;
  GtkListView         *zone_list;
  AdwPreferencesGroup *hours_group;
  AdwPreferencesGroup *holidays_group;
};

/* crm-service-calendar-editor.c */
CrmStore *_crm_service_calendar_editor_get_store         (CrmServiceCalendarEditor *self);
/* Saves the name, time zone and hours now. */
void      _crm_service_calendar_editor_save              (CrmServiceCalendarEditor *self);
void      _crm_service_calendar_editor_emit_trashed      (CrmServiceCalendarEditor *self,
                                                          CrmServiceItem            item,
                                                          gint64                    id,
                                                          const char               *title);

/* crm-service-calendar-editor-zone.c */
void      _crm_service_calendar_editor_setup_zone        (CrmServiceCalendarEditor *self);
void      _crm_service_calendar_editor_set_title         (CrmServiceCalendarEditor *self);
void      _crm_service_calendar_editor_set_zone_subtitle (CrmServiceCalendarEditor *self);

/* crm-service-calendar-editor-holidays.c */
void      _crm_service_calendar_editor_fill_holidays     (CrmServiceCalendarEditor *self,
                                                          GPtrArray                *holidays);
void      _crm_service_calendar_editor_add_holiday_action (GtkWidget  *widget,
                                                          const char *action_name,
                                                          GVariant   *parameter);
void      _crm_service_calendar_editor_remove_holiday_action (GtkWidget  *widget,
                                                          const char *action_name,
                                                          GVariant   *parameter);
void      _crm_service_calendar_editor_delete_action     (GtkWidget  *widget,
                                                          const char *action_name,
                                                          GVariant   *parameter);

G_END_DECLS
