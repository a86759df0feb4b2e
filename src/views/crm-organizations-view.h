/* crm-organizations-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_ORGANIZATIONS_VIEW (crm_organizations_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrganizationsView, crm_organizations_view, CRM, ORGANIZATIONS_VIEW, CrmView)

G_END_DECLS
