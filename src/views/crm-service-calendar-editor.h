/* crm-service-calendar-editor.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One business calendar, as a subpage of the preferences: its name, its
 * time zone (a searchable list of the system's zones), its working hours
 * (a row for each weekday with a switch and one or more spans of time,
 * stored as the calendar's hours text) and its holidays.  Changes are saved
 * as they are made; a change that would make the hours invalid (a span that
 * ends before it starts, spans that overlap) is shown on its row and not
 * saved until it is put right.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-service-config.h"

G_BEGIN_DECLS

#define CRM_TYPE_SERVICE_CALENDAR_EDITOR (crm_service_calendar_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmServiceCalendarEditor, crm_service_calendar_editor, CRM,
                      SERVICE_CALENDAR_EDITOR, GtkBox)

CrmServiceCalendarEditor *crm_service_calendar_editor_new      (CrmContext               *context,
                                                                const CrmServiceCalendar *calendar);
gint64                    crm_service_calendar_editor_get_calendar_id (CrmServiceCalendarEditor *self);
/* Shows @calendar as read again (after a change saved here or elsewhere);
 * hours being edited are kept. */
void                      crm_service_calendar_editor_update   (CrmServiceCalendarEditor *self,
                                                                const CrmServiceCalendar *calendar);
/* The row of weekday @day (0 Monday … 6 Sunday): an AdwExpanderRow whose
 * enable switch opens the day; transfer none. */
GtkWidget                *crm_service_calendar_editor_get_day_row (CrmServiceCalendarEditor *self,
                                                                guint                     day);
/* Whether a change of the hours is waiting to be saved or being saved. */
gboolean                  crm_service_calendar_editor_is_saving (CrmServiceCalendarEditor *self);

G_END_DECLS
