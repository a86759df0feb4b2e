/* crm-organization-page-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-organization-page.c (sections) and
 * crm-organization-page-edit.c (edit mode).
 */

#pragma once

#include "crm-organization-page.h"

G_BEGIN_DECLS

struct _CrmOrganizationPage
{
  CrmRecordPage        parent_instance;

  GtkListBox          *parent_list;
  GtkListBox          *people_list;
  GtkListBox          *open_deals_list;
  GtkListBox          *closed_deals_list;

  /* template widgets */
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *headline_label;
  AdwEntryRow         *name_entry;
  AdwComboRow         *industry_combo;
  AdwComboRow         *size_combo;
  AdwEntryRow         *revenue_entry;
  AdwEntryRow         *currency_entry;
  AdwEntryRow         *website_entry;
  CrmPageContactEntries contact;
  AdwComboRow         *tier_combo;
  AdwPreferencesGroup *firmographics_group;
  AdwActionRow        *industry_row;
  AdwActionRow        *size_row;
  AdwActionRow        *revenue_row;
  AdwActionRow        *location_row;
  AdwActionRow        *address_row;
  AdwActionRow        *website_row;
  GtkButton           *website_button;
  AdwActionRow        *phone_row;
  AdwActionRow        *email_row;
  AdwActionRow        *tier_row;
  AdwActionRow        *owner_row;
  AdwPreferencesGroup *hierarchy_group;
  AdwPreferencesGroup *people_group;
  AdwPreferencesGroup *open_deals_group;
  AdwPreferencesGroup *closed_deals_group;
};

/* The organization shown (transfer none). */
static inline CrmOrganization *
_crm_organization_page_get_organization (CrmOrganizationPage *self)
{
  return CRM_ORGANIZATION (crm_record_page_get_record (CRM_RECORD_PAGE (self)));
}

/* Edit mode (crm-organization-page-edit.c). */
void     _crm_organization_page_init_edit     (CrmOrganizationPage *self);
void     _crm_organization_page_apply_editing (CrmRecordPage       *page,
                                               gboolean             editing);
gboolean _crm_organization_page_commit        (CrmRecordPage       *page,
                                               CrmPageProblems     *problems);

G_END_DECLS
