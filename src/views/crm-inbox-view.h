/* crm-inbox-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_INBOX_VIEW (crm_inbox_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmInboxView, crm_inbox_view, CRM, INBOX_VIEW, CrmView)

G_END_DECLS
