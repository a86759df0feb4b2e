/* crm-keys.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-keys.h"

const CrmKeyName crm_keys_gender[] = {
  { "female", "gender", NC_("gender", "Female") },
  { "male", "gender", NC_("gender", "Male") },
  { "other", "gender", NC_("gender", "Other") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_gender) == CRM_KEYS_N_GENDER);

const CrmKeyName crm_keys_channel[] = {
  { "email", "channel", NC_("channel", "Email") },
  { "phone", "channel", NC_("channel", "Phone") },
  { "sms", "channel", NC_("channel", "SMS") },
  { "chat", "channel", NC_("channel", "Chat") },
  { "social", "channel", NC_("channel", "Social Media") },
  { "in-person", "channel", NC_("channel", "In Person") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_channel) == CRM_KEYS_N_CHANNEL);

const CrmKeyName crm_keys_industry[] = {
  { "agriculture", "industry", NC_("industry", "Agriculture") },
  { "automotive", "industry", NC_("industry", "Automotive") },
  { "construction", "industry", NC_("industry", "Construction") },
  { "consulting", "industry", NC_("industry", "Consulting") },
  { "education", "industry", NC_("industry", "Education") },
  { "energy", "industry", NC_("industry", "Energy") },
  { "finance", "industry", NC_("industry", "Finance") },
  { "food", "industry", NC_("industry", "Food and Beverage") },
  { "government", "industry", NC_("industry", "Government") },
  { "healthcare", "industry", NC_("industry", "Healthcare") },
  { "hospitality", "industry", NC_("industry", "Hospitality") },
  { "legal", "industry", NC_("industry", "Legal Services") },
  { "logistics", "industry", NC_("industry", "Logistics") },
  { "manufacturing", "industry", NC_("industry", "Manufacturing") },
  { "media", "industry", NC_("industry", "Media") },
  { "nonprofit", "industry", NC_("industry", "Nonprofit") },
  { "professional-services", "industry", NC_("industry", "Professional Services") },
  { "real-estate", "industry", NC_("industry", "Real Estate") },
  { "retail", "industry", NC_("industry", "Retail") },
  { "software", "industry", NC_("industry", "Software") },
  { "telecom", "industry", NC_("industry", "Telecommunications") },
  { "wholesale", "industry", NC_("industry", "Wholesale") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_industry) == CRM_KEYS_N_INDUSTRY);

const CrmKeyName crm_keys_size[] = {
  { "1-10", "company size", NC_("company size", "1–10 employees") },
  { "11-50", "company size", NC_("company size", "11–50 employees") },
  { "51-200", "company size", NC_("company size", "51–200 employees") },
  { "201-1000", "company size", NC_("company size", "201–1,000 employees") },
  { "1001-5000", "company size", NC_("company size", "1,001–5,000 employees") },
  { "5000+", "company size", NC_("company size", "More than 5,000 employees") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_size) == CRM_KEYS_N_SIZE);

const CrmKeyName crm_keys_tier[] = {
  { "strategic", "account tier", NC_("account tier", "Strategic") },
  { "key", "account tier", NC_("account tier", "Key") },
  { "standard", "account tier", NC_("account tier", "Standard") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_tier) == CRM_KEYS_N_TIER);

const CrmKeyName crm_keys_stage_kind[] = {
  { "open", "deal state", NC_("deal state", "Open") },
  { "won", "deal state", NC_("deal state", "Won") },
  { "lost", "deal state", NC_("deal state", "Lost") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_stage_kind) == CRM_KEYS_N_STAGE_KIND);

const CrmKeyName crm_keys_ticket_status[] = {
  { "new", "ticket status", NC_("ticket status", "New") },
  { "open", "ticket status", NC_("ticket status", "Open") },
  { "waiting-on-customer", "ticket status", NC_("ticket status", "Waiting on Customer") },
  { "resolved", "ticket status", NC_("ticket status", "Resolved") },
  { "closed", "ticket status", NC_("ticket status", "Closed") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_ticket_status) == CRM_KEYS_N_TICKET_STATUS);

const CrmKeyName crm_keys_order_status[] = {
  { "pending", "order status", NC_("order status", "Pending") },
  { "paid", "order status", NC_("order status", "Paid") },
  { "refunded", "order status", NC_("order status", "Refunded") },
  { "cancelled", "order status", NC_("order status", "Cancelled") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_order_status) == CRM_KEYS_N_ORDER_STATUS);

const CrmKeyName crm_keys_role[] = {
  { "economic-buyer", "stakeholder role", NC_("stakeholder role", "Economic Buyer") },
  { "decision-maker", "stakeholder role", NC_("stakeholder role", "Decision Maker") },
  { "technical-evaluator", "stakeholder role", NC_("stakeholder role", "Technical Evaluator") },
  { "champion", "stakeholder role", NC_("stakeholder role", "Champion") },
  { "influencer", "stakeholder role", NC_("stakeholder role", "Influencer") },
  { "user", "stakeholder role", NC_("stakeholder role", "User") },
  { "gatekeeper", "stakeholder role", NC_("stakeholder role", "Gatekeeper") },
  { "blocker", "stakeholder role", NC_("stakeholder role", "Blocker") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_role) == CRM_KEYS_N_ROLE);

const CrmKeyName crm_keys_activity[] = {
  { "call", "activity", NC_("activity", "Call") },
  { "meeting", "activity", NC_("activity", "Meeting") },
  { "email", "activity", NC_("activity", "Email") },
  { "note", "activity", NC_("activity", "Note") },
  { "task", "activity", NC_("activity", "Task") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_activity) == CRM_KEYS_N_ACTIVITY);

/* A stakeholder's influence on a decision (and an influence link's strength). */
const CrmKeyName crm_keys_influence[] = {
  { "low", "stakeholder influence", NC_("stakeholder influence", "Low") },
  { "medium", "stakeholder influence", NC_("stakeholder influence", "Medium") },
  { "high", "stakeholder influence", NC_("stakeholder influence", "High") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_influence) == CRM_KEYS_N_INFLUENCE);

const CrmKeyName crm_keys_attitude[] = {
  { "supporter", "stakeholder attitude", NC_("stakeholder attitude", "Supporter") },
  { "neutral", "stakeholder attitude", NC_("stakeholder attitude", "Neutral") },
  { "opponent", "stakeholder attitude", NC_("stakeholder attitude", "Opponent") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (crm_keys_attitude) == CRM_KEYS_N_ATTITUDE);

static const struct
{
  const char       *domain;
  const CrmKeyName *keys;
  guint             n_keys;
} domains[] = {
  { "gender", crm_keys_gender, CRM_KEYS_N_GENDER },
  { "channel", crm_keys_channel, CRM_KEYS_N_CHANNEL },
  { "industry", crm_keys_industry, CRM_KEYS_N_INDUSTRY },
  { "size", crm_keys_size, CRM_KEYS_N_SIZE },
  { "tier", crm_keys_tier, CRM_KEYS_N_TIER },
  { "stage-kind", crm_keys_stage_kind, CRM_KEYS_N_STAGE_KIND },
  { "ticket-status", crm_keys_ticket_status, CRM_KEYS_N_TICKET_STATUS },
  { "order-status", crm_keys_order_status, CRM_KEYS_N_ORDER_STATUS },
  { "role", crm_keys_role, CRM_KEYS_N_ROLE },
  { "activity", crm_keys_activity, CRM_KEYS_N_ACTIVITY },
  { "influence", crm_keys_influence, CRM_KEYS_N_INFLUENCE },
  { "attitude", crm_keys_attitude, CRM_KEYS_N_ATTITUDE },
};

const CrmKeyName *
crm_keys_list (const char *domain,
               guint      *n_keys)
{
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    if (g_strcmp0 (domains[i].domain, domain) == 0)
      {
        if (n_keys != NULL)
          *n_keys = domains[i].n_keys;
        return domains[i].keys;
      }

  if (n_keys != NULL)
    *n_keys = 0;
  return NULL;
}

const char *
crm_keys_get_label (const char *domain,
                    const char *key)
{
  guint n = 0;
  const CrmKeyName *keys = crm_keys_list (domain, &n);

  if (key == NULL)
    return "";
  for (guint i = 0; i < n; i++)
    if (g_str_equal (keys[i].key, key))
      return g_dpgettext2 (GETTEXT_PACKAGE, keys[i].context, keys[i].label);

  return key;
}
