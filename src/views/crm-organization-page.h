/* crm-organization-page.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-context.h"
#include "crm-record-page.h"
#include "crm-organization.h"

G_BEGIN_DECLS

#define CRM_TYPE_ORGANIZATION_PAGE (crm_organization_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOrganizationPage, crm_organization_page, CRM, ORGANIZATION_PAGE, CrmRecordPage)

/* @organization may be unsaved (id 0): the page then inserts it on the
 * first valid "Done". */
CrmOrganizationPage *crm_organization_page_new         (CrmContext          *context,
                                                        CrmOrganization     *organization);
/* transfer none */
CrmOrganization     *crm_organization_page_get_record  (CrmOrganizationPage *self);
gboolean             crm_organization_page_get_editing (CrmOrganizationPage *self);
void                 crm_organization_page_set_editing (CrmOrganizationPage *self,
                                                        gboolean             editing);

G_END_DECLS
