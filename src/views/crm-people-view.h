/* crm-people-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-view.h"

G_BEGIN_DECLS

#define CRM_TYPE_PEOPLE_VIEW (crm_people_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmPeopleView, crm_people_view, CRM, PEOPLE_VIEW, CrmView)

G_END_DECLS
