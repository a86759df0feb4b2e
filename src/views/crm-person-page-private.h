/* crm-person-page-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-person-page.c (sections), crm-person-page-edit.c
 * (edit mode) and crm-person-page-photo.c.
 */

#pragma once

#include "crm-person-page.h"

G_BEGIN_DECLS

struct _CrmPersonPage
{
  CrmRecordPage      parent_instance;

  gboolean           updating;
  gboolean           has_photo;
  guint              photo_generation;

  GtkListBox        *affiliations_list;
  GtkListBox        *orders_list;
  GtkListBox        *deals_list;

  /* template widgets */
  AdwAvatar         *avatar;
  GtkMenuButton     *photo_button;
  GtkLabel          *name_label;
  GtkLabel          *headline_label;
  AdwEntryRow       *given_entry;
  AdwEntryRow       *family_entry;
  CrmPageContactEntries contact;
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
};

/* The person shown (transfer none). */
static inline CrmPerson *
_crm_person_page_get_person (CrmPersonPage *self)
{
  return CRM_PERSON (crm_record_page_get_record (CRM_RECORD_PAGE (self)));
}

/* The photo (crm-person-page-photo.c). */
void     _crm_person_page_install_photo        (GtkWidgetClass  *widget_class);
void     _crm_person_page_init_photo           (CrmPersonPage   *self);
void     _crm_person_page_update_photo_actions (CrmPersonPage   *self);
/* Edit mode (crm-person-page-edit.c). */
void     _crm_person_page_init_edit            (CrmPersonPage   *self);
void     _crm_person_page_apply_editing        (CrmRecordPage   *page,
                                                gboolean         editing);
gboolean _crm_person_page_commit               (CrmRecordPage   *page,
                                                CrmPageProblems *problems);

G_END_DECLS
