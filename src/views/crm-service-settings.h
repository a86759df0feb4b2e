/* crm-service-settings.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Service page of the preferences: who "you" are on the service desk,
 * breach warnings, business calendars (edited on a subpage, see
 * crm-service-calendar-editor.h), SLA policies and canned replies.  Every
 * change is saved at once through crm-service-config.h; deletions and
 * policy and reply edits can be undone from their toast or with Ctrl+Z.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-service-calendar-editor.h"

G_BEGIN_DECLS

#define CRM_TYPE_SERVICE_SETTINGS (crm_service_settings_get_type ())

G_DECLARE_FINAL_TYPE (CrmServiceSettings, crm_service_settings, CRM, SERVICE_SETTINGS,
                      AdwPreferencesPage)

CrmServiceSettings       *crm_service_settings_new                 (void);
CrmContext               *crm_service_settings_get_context         (CrmServiceSettings *self);
void                      crm_service_settings_set_context         (CrmServiceSettings *self,
                                                                    CrmContext         *context);
/* Whether the settings have been read (after a context was set). */
gboolean                  crm_service_settings_is_loaded           (CrmServiceSettings *self);
/* The calendar subpage shown now, or NULL; transfer none. */
CrmServiceCalendarEditor *crm_service_settings_get_calendar_editor (CrmServiceSettings *self);

G_END_DECLS
