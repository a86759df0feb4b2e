/* crm-context.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every view needs from the application, injected through the views'
 * "context" property: the open store and the settings.  One context per open
 * database; opening another makes a new context.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTEXT (crm_context_get_type ())

G_DECLARE_FINAL_TYPE (CrmContext, crm_context, CRM, CONTEXT, GObject)

CrmContext *crm_context_new          (CrmStore   *store,
                                      GSettings  *settings);
/* transfer none */
CrmStore   *crm_context_get_store    (CrmContext *self);
GSettings  *crm_context_get_settings (CrmContext *self);
/* The current time in unix seconds (tests may pin it with "now"). */
gint64      crm_context_get_now      (CrmContext *self);
void        crm_context_set_now      (CrmContext *self,
                                      gint64      now);

G_END_DECLS
