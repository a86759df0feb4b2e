/* crm-keys.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stable keys stored in the database for closed lists (gender, industry,
 * ticket status...) and their labels.  One table per list, shared by the
 * filter catalog, the pages and the lists, so that every screen names a key
 * the same way.  Labels are marked with their msgctxt and translated on
 * lookup.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *key;       /* the stable key stored in the database */
  const char *context;   /* msgctxt of @label */
  const char *label;     /* untranslated; see crm_keys_get_label() */
} CrmKeyName;

#define CRM_KEYS_N_GENDER 3
extern const CrmKeyName crm_keys_gender[CRM_KEYS_N_GENDER];
#define CRM_KEYS_N_CHANNEL 6
extern const CrmKeyName crm_keys_channel[CRM_KEYS_N_CHANNEL];
#define CRM_KEYS_N_INDUSTRY 22
extern const CrmKeyName crm_keys_industry[CRM_KEYS_N_INDUSTRY];
#define CRM_KEYS_N_SIZE 6
extern const CrmKeyName crm_keys_size[CRM_KEYS_N_SIZE];
#define CRM_KEYS_N_TIER 3
extern const CrmKeyName crm_keys_tier[CRM_KEYS_N_TIER];
#define CRM_KEYS_N_STAGE_KIND 3
extern const CrmKeyName crm_keys_stage_kind[CRM_KEYS_N_STAGE_KIND];
#define CRM_KEYS_N_TICKET_STATUS 5
extern const CrmKeyName crm_keys_ticket_status[CRM_KEYS_N_TICKET_STATUS];
#define CRM_KEYS_N_ORDER_STATUS 4
extern const CrmKeyName crm_keys_order_status[CRM_KEYS_N_ORDER_STATUS];
#define CRM_KEYS_N_ROLE 8
extern const CrmKeyName crm_keys_role[CRM_KEYS_N_ROLE];
#define CRM_KEYS_N_ACTIVITY 5
extern const CrmKeyName crm_keys_activity[CRM_KEYS_N_ACTIVITY];
#define CRM_KEYS_N_INFLUENCE 3
extern const CrmKeyName crm_keys_influence[CRM_KEYS_N_INFLUENCE];
#define CRM_KEYS_N_ATTITUDE 3
extern const CrmKeyName crm_keys_attitude[CRM_KEYS_N_ATTITUDE];

/* The keys of @domain ("gender", "channel", "industry", "size", "tier",
 * "stage-kind", "ticket-status", "order-status", "role", "activity",
 * "influence", "attitude"); NULL
 * for an unknown domain. */
const CrmKeyName *crm_keys_list      (const char *domain,
                                      guint      *n_keys);
/* The translated label of @key in @domain; @key itself when the list does not
 * know it, "" for NULL. */
const char       *crm_keys_get_label (const char *domain,
                                      const char *key);

G_END_DECLS
