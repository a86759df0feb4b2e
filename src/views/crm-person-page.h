/* crm-person-page.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-context.h"
#include "crm-record-page.h"
#include "crm-person.h"

G_BEGIN_DECLS

#define CRM_TYPE_PERSON_PAGE (crm_person_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmPersonPage, crm_person_page, CRM, PERSON_PAGE, CrmRecordPage)

/* @person may be unsaved (id 0): the page then inserts it on the first valid
 * "Done". */
CrmPersonPage *crm_person_page_new         (CrmContext    *context,
                                            CrmPerson     *person);
/* transfer none */
CrmPerson     *crm_person_page_get_record  (CrmPersonPage *self);
gboolean       crm_person_page_get_editing (CrmPersonPage *self);
void           crm_person_page_set_editing (CrmPersonPage *self,
                                            gboolean       editing);

G_END_DECLS
