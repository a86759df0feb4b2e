/* crm-person-page-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person page's edit mode: the details as entries, checked on "Done"
 * (a name, a valid email, a phone number that normalises to E.164, a
 * two-letter country, a past birth date) and saved only when all are valid.
 * A new person is inserted on the first valid "Done".
 */

#define G_LOG_DOMAIN "CrmPersonPage"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-person-page-private.h"
#include "crm-page-util.h"
#include "crm-record.h"
#include "crm-store.h"

static void
fill_entries (CrmPersonPage *self)
{
  CrmPerson *p = _crm_person_page_get_person (self);
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = 0;

  crm_page_set_entry (self->given_entry, crm_person_get_given_name (p));
  crm_page_set_entry (self->family_entry, crm_person_get_family_name (p));
  /* A record made elsewhere may have only a display name. */
  if (crm_person_get_given_name (p)[0] == '\0' && crm_person_get_family_name (p)[0] == '\0')
    crm_page_set_entry (self->given_entry, crm_person_get_display_name (p));
  crm_page_contact_fill (&self->contact, CRM_RECORD (p));
  crm_page_set_entry (self->birth_entry, crm_person_get_birth_date (p));
  crm_page_set_entry (self->language_entry, crm_person_get_language (p));

  for (guint i = 0; genders[i] != NULL; i++)
    if (g_strcmp0 (genders[i], crm_person_get_gender (p)) == 0)
      gender = i + 1;
  adw_combo_row_set_selected (self->gender_combo, gender);
}

void
_crm_person_page_apply_editing (CrmRecordPage *page,
                                gboolean       editing)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (page);

  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->demographics_group), !editing);

  if (editing)
    {
      fill_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->given_entry));
    }
}

static gboolean
validate (CrmPersonPage   *self,
          CrmPageContact  *contact,
          CrmPageProblems *problems)
{
  g_autofree char *given = crm_page_dup_entry (self->given_entry);
  g_autofree char *family = crm_page_dup_entry (self->family_entry);
  g_autofree char *birth = crm_page_dup_entry (self->birth_entry);

  if (given[0] == '\0' && family[0] == '\0')
    crm_page_report (problems, self->given_entry, _("A name is required."));

  crm_page_contact_check (&self->contact, contact, problems);

  if (birth[0] != '\0')
    {
      CrmContext *context = crm_record_page_get_context (CRM_RECORD_PAGE (self));
      int age = crm_page_age_from_birth_date (birth, crm_context_get_now (context));

      if (age < 0 || age > 150 || strlen (birth) != 10)
        crm_page_report (problems, self->birth_entry,
                         _("The birth date must be a past date written as YYYY-MM-DD."));
    }

  return problems->messages->len == 0;
}

static void
store_entries (CrmPersonPage  *self,
               CrmPageContact *contact)
{
  CrmRecord *record = crm_record_page_get_record (CRM_RECORD_PAGE (self));
  g_autofree char *given = crm_page_dup_entry (self->given_entry);
  g_autofree char *family = crm_page_dup_entry (self->family_entry);
  g_autofree char *name = crm_page_compose_name (given, family);
  g_autofree char *birth = crm_page_dup_entry (self->birth_entry);
  g_autofree char *language = crm_page_dup_entry (self->language_entry);
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = adw_combo_row_get_selected (self->gender_combo);

  crm_page_set_text_if_changed (record, "given-name", given);
  crm_page_set_text_if_changed (record, "family-name", family);
  crm_page_set_text_if_changed (record, "display-name", name);
  crm_page_contact_store (&self->contact, contact, record);
  crm_page_set_text_if_changed (record, "birth-date", birth);
  crm_page_set_text_if_changed (record, "language", language);
  crm_page_set_text_if_changed (record, "gender",
                                gender > 0 && gender <= g_strv_length ((char **) genders)
                                ? genders[gender - 1] : "");
}

gboolean
_crm_person_page_commit (CrmRecordPage   *page,
                         CrmPageProblems *problems)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (page);
  CrmPageContact contact = { NULL, NULL, NULL };
  gboolean valid = validate (self, &contact, problems);

  if (valid)
    store_entries (self, &contact);
  crm_page_contact_clear (&contact);

  return valid;
}

void
_crm_person_page_init_edit (CrmPersonPage *self)
{
  AdwEntryRow *entries[] = {
    self->given_entry, self->family_entry, self->birth_entry, self->language_entry,
  };

  /* The error state goes as soon as the value is touched. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);
  crm_page_contact_init (&self->contact);
}
