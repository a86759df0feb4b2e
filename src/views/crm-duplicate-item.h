/* crm-duplicate-item.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-dedupe.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUPLICATE_ITEM (crm_duplicate_item_get_type ())

G_DECLARE_FINAL_TYPE (CrmDuplicateItem, crm_duplicate_item, CRM, DUPLICATE_ITEM, GObject)

/* Takes ownership of @cluster. */
CrmDuplicateItem       *crm_duplicate_item_new         (CrmDedupeCluster *cluster);
/* transfer none */
const CrmDedupeCluster *crm_duplicate_item_get_cluster (CrmDuplicateItem *self);
CrmDedupeKind           crm_duplicate_item_get_kind    (CrmDuplicateItem *self);
const char             *crm_duplicate_item_get_title   (CrmDuplicateItem *self);
const char             *crm_duplicate_item_get_reason  (CrmDuplicateItem *self);
const char             *crm_duplicate_item_get_count_label (CrmDuplicateItem *self);
const char             *crm_duplicate_item_get_icon_name   (CrmDuplicateItem *self);

/* "Same email" for CRM_DEDUPE_RULE_EMAIL; translated. */
const char             *crm_duplicate_rule_label       (CrmDedupeRule     rule);

G_END_DECLS
