/* crm-deal-page.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"
#include "crm-context.h"
#include "crm-record-page.h"
#include "crm-deal.h"

G_BEGIN_DECLS

#define CRM_TYPE_DEAL_PAGE (crm_deal_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmDealPage, crm_deal_page, CRM, DEAL_PAGE, CrmRecordPage)

/* The page of a saved deal (win.show-record ("deal", id)). */
CrmDealPage *crm_deal_page_new         (CrmContext  *context,
                                        CrmDeal     *deal);
/* transfer none */
CrmDeal     *crm_deal_page_get_record  (CrmDealPage *self);
gboolean     crm_deal_page_get_editing (CrmDealPage *self);
void         crm_deal_page_set_editing (CrmDealPage *self,
                                        gboolean     editing);

G_END_DECLS
