/* crm-reminders.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_REMINDERS (crm_reminders_get_type ())

G_DECLARE_FINAL_TYPE (CrmReminders, crm_reminders, CRM, REMINDERS, GObject)

/* Sends a notification through @application for each task reminder that falls
 * due while the database of the context is open. */
CrmReminders *crm_reminders_new         (GApplication *application);
void          crm_reminders_set_context (CrmReminders *self,
                                         CrmContext   *context);

G_END_DECLS
