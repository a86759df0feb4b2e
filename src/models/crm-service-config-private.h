/* crm-service-config-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-service-config.h"

G_BEGIN_DECLS

CrmServiceConfig   *_crm_service_config_new    (void);
CrmServiceCalendar *_crm_service_calendar_new  (void);
void                _crm_service_calendar_free (gpointer    data);
CrmServiceHoliday  *_crm_service_holiday_new   (gint64      id,
                                                const char *day,
                                                const char *name);
void                _crm_service_staff_free    (gpointer    data);

G_END_DECLS
