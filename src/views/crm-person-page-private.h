/* crm-person-page-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-person-page.c (sections) and crm-person-page-edit.c
 * (edit mode).
 */

#pragma once

#include "crm-person-page.h"
#include "crm-related.h"

G_BEGIN_DECLS

/* Sections that reload when their table changes. */
typedef enum
{
  SECTION_AFFILIATIONS = 1 << 0,
  SECTION_ORDERS       = 1 << 1,
  SECTION_DEALS        = 1 << 2,
  SECTION_TICKETS      = 1 << 3,
  SECTION_TIMELINE     = 1 << 4,
  SECTION_CUSTOM       = 1 << 5,
  SECTION_ALL          = 0x3f,
} Section;

struct _CrmPersonPage
{
  GtkWidget          parent_instance;

  CrmContext        *context;
  CrmPerson         *person;
  GCancellable      *cancellable;
  CrmRelatedNames   *names;
  gboolean           editing;
  gboolean           updating;
  guint              pending;
  guint              reload_id;

  GtkListBox        *affiliations_list;
  GtkListBox        *orders_list;
  GtkListBox        *deals_list;
  GtkListBox        *tickets_list;
  GtkListBox        *timeline_list;
  GtkListBox        *custom_list;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *back_button;
  GtkButton         *cancel_button;
  GtkButton         *edit_button;
  GtkButton         *done_button;
  GtkMenuButton     *menu_button;
  AdwAvatar         *avatar;
  GtkMenuButton     *photo_button;
  gboolean           has_photo;
  guint              photo_generation;
  GtkLabel          *name_label;
  GtkLabel          *headline_label;
  GtkLabel          *error_label;
  AdwPreferencesGroup *edit_group;
  AdwEntryRow       *given_entry;
  AdwEntryRow       *family_entry;
  AdwEntryRow       *email_entry;
  AdwEntryRow       *phone_entry;
  AdwEntryRow       *address_entry;
  AdwEntryRow       *city_entry;
  AdwEntryRow       *region_entry;
  AdwEntryRow       *country_entry;
  AdwEntryRow       *birth_entry;
  AdwComboRow       *gender_combo;
  AdwEntryRow       *language_entry;
  AdwPreferencesGroup *contact_group;
  AdwActionRow      *email_row;
  AdwActionRow      *phone_row;
  AdwActionRow      *address_row;
  AdwPreferencesGroup *demographics_group;
  AdwActionRow      *birth_row;
  AdwActionRow      *gender_row;
  AdwActionRow      *language_row;
  AdwActionRow      *location_row;
  GtkSwitch         *consent_email_switch;
  GtkSwitch         *consent_sms_switch;
  GtkSwitch         *consent_phone_switch;
  AdwComboRow       *channel_combo;
  AdwPreferencesGroup *affiliations_group;
  AdwPreferencesGroup *purchases_group;
  AdwActionRow      *lifetime_row;
  AdwActionRow      *orders_row;
  AdwActionRow      *last_purchase_row;
  AdwActionRow      *rfm_row;
  AdwPreferencesGroup *deals_group;
  AdwPreferencesGroup *tickets_group;
  AdwPreferencesGroup *custom_group;
  AdwPreferencesGroup *timeline_group;
};

void _crm_person_page_update_fields  (CrmPersonPage *self);
/* The photo (crm-person-page-photo.c). */
void _crm_person_page_install_photo  (GtkWidgetClass *widget_class);
void _crm_person_page_init_photo     (CrmPersonPage *self);
void _crm_person_page_update_photo_actions (CrmPersonPage *self);
void _crm_person_page_update_actions (CrmPersonPage *self);
void _crm_person_page_load_sections  (CrmPersonPage *self,
                                      guint          sections);
void _crm_person_page_apply_editing  (CrmPersonPage *self);
void _crm_person_page_init_edit      (CrmPersonPage *self);
void _crm_person_page_edit_action    (GtkWidget     *widget,
                                      const char    *action_name,
                                      GVariant      *param);
void _crm_person_page_done_action    (GtkWidget     *widget,
                                      const char    *action_name,
                                      GVariant      *param);
void _crm_person_page_cancel_action  (GtkWidget     *widget,
                                      const char    *action_name,
                                      GVariant      *param);

G_END_DECLS
