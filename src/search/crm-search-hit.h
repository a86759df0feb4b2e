/* crm-search-hit.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CrmSearchKind:
 * @CRM_SEARCH_KIND_PERSON: a person (B2B contact or B2C customer)
 * @CRM_SEARCH_KIND_ORGANIZATION: an organization
 * @CRM_SEARCH_KIND_DEAL: a deal
 * @CRM_SEARCH_KIND_TICKET: a ticket
 *
 * What a search hit is; results come grouped in this order.
 */
typedef enum
{
  CRM_SEARCH_KIND_PERSON = 1,
  CRM_SEARCH_KIND_ORGANIZATION,
  CRM_SEARCH_KIND_DEAL,
  CRM_SEARCH_KIND_TICKET,
} CrmSearchKind;

#define CRM_SEARCH_KIND_FIRST CRM_SEARCH_KIND_PERSON
#define CRM_SEARCH_KIND_LAST  CRM_SEARCH_KIND_TICKET

#define CRM_TYPE_SEARCH_KIND (crm_search_kind_get_type ())
GType          crm_search_kind_get_type      (void);
/* The stable key: "person", "organization", "deal", "ticket" (also the table). */
const char    *crm_search_kind_to_key        (CrmSearchKind  kind);

#define CRM_TYPE_SEARCH_HIT (crm_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchHit, crm_search_hit, CRM, SEARCH_HIT, GObject)

CrmSearchHit  *crm_search_hit_new            (CrmSearchKind  kind,
                                              gint64         record_id,
                                              const char    *title,
                                              const char    *subtitle);
CrmSearchKind  crm_search_hit_get_kind       (CrmSearchHit  *self);
gint64         crm_search_hit_get_record_id  (CrmSearchHit  *self);
const char    *crm_search_hit_get_title      (CrmSearchHit  *self);
const char    *crm_search_hit_get_subtitle   (CrmSearchHit  *self);

G_END_DECLS
