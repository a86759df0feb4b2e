/* crm-kb-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_KB_VIEW (crm_kb_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmKbView, crm_kb_view, CRM, KB_VIEW, CrmView)

GtkWidget *crm_kb_view_new (CrmContext *context);

G_END_DECLS
