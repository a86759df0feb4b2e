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
#include "crm-related.h"

G_BEGIN_DECLS

typedef enum
{
  SECTION_HIERARCHY = 1 << 0,
  SECTION_PEOPLE    = 1 << 1,
  SECTION_DEALS     = 1 << 2,
  SECTION_TICKETS   = 1 << 3,
  SECTION_TIMELINE  = 1 << 4,
  SECTION_CUSTOM    = 1 << 5,
  SECTION_ALL       = 0x3f,
} Section;

struct _CrmOrganizationPage
{
  GtkWidget            parent_instance;

  CrmContext          *context;
  CrmOrganization     *organization;
  GCancellable        *cancellable;
  CrmRelatedNames     *names;
  gboolean             editing;
  guint                pending;
  guint                reload_id;

  GtkListBox          *parent_list;
  GtkListBox          *people_list;
  GtkListBox          *open_deals_list;
  GtkListBox          *closed_deals_list;
  GtkListBox          *tickets_list;
  GtkListBox          *timeline_list;
  GtkListBox          *custom_list;
  AdwActionRow        *parent_row;

  /* template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *cancel_button;
  GtkButton           *edit_button;
  GtkButton           *done_button;
  GtkMenuButton       *menu_button;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *headline_label;
  GtkLabel            *error_label;
  AdwPreferencesGroup *edit_group;
  AdwEntryRow         *name_entry;
  AdwComboRow         *industry_combo;
  AdwComboRow         *size_combo;
  AdwEntryRow         *revenue_entry;
  AdwEntryRow         *currency_entry;
  AdwEntryRow         *website_entry;
  AdwEntryRow         *phone_entry;
  AdwEntryRow         *email_entry;
  AdwEntryRow         *address_entry;
  AdwEntryRow         *city_entry;
  AdwEntryRow         *region_entry;
  AdwEntryRow         *country_entry;
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
  AdwPreferencesGroup *tickets_group;
  AdwPreferencesGroup *custom_group;
  AdwPreferencesGroup *timeline_group;
};

void _crm_organization_page_update_fields  (CrmOrganizationPage *self);
void _crm_organization_page_update_actions (CrmOrganizationPage *self);
void _crm_organization_page_load_sections  (CrmOrganizationPage *self,
                                            guint                sections);
void _crm_organization_page_apply_editing  (CrmOrganizationPage *self);
void _crm_organization_page_init_edit      (CrmOrganizationPage *self);
void _crm_organization_page_edit_action    (GtkWidget           *widget,
                                            const char          *action_name,
                                            GVariant            *param);
void _crm_organization_page_done_action    (GtkWidget           *widget,
                                            const char          *action_name,
                                            GVariant            *param);
void _crm_organization_page_cancel_action  (GtkWidget           *widget,
                                            const char          *action_name,
                                            GVariant            *param);

G_END_DECLS
