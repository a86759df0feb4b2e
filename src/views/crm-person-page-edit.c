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

static gint64
get_id (CrmPersonPage *self)
{
  return crm_record_get_id (CRM_RECORD (self->person));
}

static void
fill_entries (CrmPersonPage *self)
{
  CrmPerson *p = self->person;
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = 0;

  crm_page_set_entry (self->given_entry, crm_person_get_given_name (p));
  crm_page_set_entry (self->family_entry, crm_person_get_family_name (p));
  /* A record made elsewhere may have only a display name. */
  if (crm_person_get_given_name (p)[0] == '\0' && crm_person_get_family_name (p)[0] == '\0')
    crm_page_set_entry (self->given_entry, crm_person_get_display_name (p));
  crm_page_set_entry (self->email_entry, crm_person_get_email (p));
  crm_page_set_entry (self->phone_entry, crm_person_get_phone (p));
  crm_page_set_entry (self->address_entry, crm_person_get_address (p));
  crm_page_set_entry (self->city_entry, crm_person_get_city (p));
  crm_page_set_entry (self->region_entry, crm_person_get_region (p));
  crm_page_set_entry (self->country_entry, crm_person_get_country (p));
  crm_page_set_entry (self->birth_entry, crm_person_get_birth_date (p));
  crm_page_set_entry (self->language_entry, crm_person_get_language (p));

  for (guint i = 0; genders[i] != NULL; i++)
    if (g_strcmp0 (genders[i], crm_person_get_gender (p)) == 0)
      gender = i + 1;
  adw_combo_row_set_selected (self->gender_combo, gender);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

void
_crm_person_page_apply_editing (CrmPersonPage *self)
{
  gboolean editing = self->editing;

  gtk_widget_set_visible (GTK_WIDGET (self->edit_group), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_group), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->demographics_group), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), !editing);

  if (editing)
    {
      fill_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->given_entry));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }

  _crm_person_page_update_actions (self);
}

/* The checked values, normalised. */
typedef struct
{
  char *email;
  char *phone;
  char *country;
} Checked;

static void
checked_clear (Checked *checked)
{
  g_free (checked->email);
  g_free (checked->phone);
  g_free (checked->country);
}

static gboolean
validate (CrmPersonPage   *self,
          Checked         *checked,
          CrmPageProblems *problems)
{
  g_autofree char *given = crm_page_dup_entry (self->given_entry);
  g_autofree char *family = crm_page_dup_entry (self->family_entry);
  g_autofree char *birth = crm_page_dup_entry (self->birth_entry);

  if (given[0] == '\0' && family[0] == '\0')
    crm_page_report (problems, self->given_entry, _("A name is required."));

  checked->email = crm_page_check_email (self->email_entry, problems);
  checked->country = crm_page_check_country (self->country_entry, problems);
  checked->phone = crm_page_check_phone (self->phone_entry, checked->country, problems);

  if (birth[0] != '\0')
    {
      int age = crm_page_age_from_birth_date (birth, crm_context_get_now (self->context));

      if (age < 0 || age > 150 || strlen (birth) != 10)
        crm_page_report (problems, self->birth_entry,
                         _("The birth date must be a past date written as YYYY-MM-DD."));
    }

  return problems->messages->len == 0;
}

static void
store_entries (CrmPersonPage *self,
               Checked       *checked)
{
  CrmRecord *record = CRM_RECORD (self->person);
  g_autofree char *given = crm_page_dup_entry (self->given_entry);
  g_autofree char *family = crm_page_dup_entry (self->family_entry);
  g_autofree char *name = crm_page_compose_name (given, family);
  g_autofree char *address = crm_page_dup_entry (self->address_entry);
  g_autofree char *city = crm_page_dup_entry (self->city_entry);
  g_autofree char *region = crm_page_dup_entry (self->region_entry);
  g_autofree char *birth = crm_page_dup_entry (self->birth_entry);
  g_autofree char *language = crm_page_dup_entry (self->language_entry);
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = adw_combo_row_get_selected (self->gender_combo);

  crm_page_set_text_if_changed (record, "given-name", given);
  crm_page_set_text_if_changed (record, "family-name", family);
  crm_page_set_text_if_changed (record, "display-name", name);
  crm_page_set_text_if_changed (record, "email", checked->email);
  crm_page_set_text_if_changed (record, "phone", checked->phone);
  crm_page_set_text_if_changed (record, "address", address);
  crm_page_set_text_if_changed (record, "city", city);
  crm_page_set_text_if_changed (record, "region", region);
  crm_page_set_text_if_changed (record, "country", checked->country);
  crm_page_set_text_if_changed (record, "birth-date", birth);
  crm_page_set_text_if_changed (record, "language", language);
  crm_page_set_text_if_changed (record, "gender",
                                gender > 0 && gender <= g_strv_length ((char **) genders)
                                ? genders[gender - 1] : "");
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_store_insert_finish (CRM_STORE (object), result, &error))
    {
      _crm_person_page_update_fields (self);
      _crm_person_page_update_actions (self);
      _crm_person_page_load_sections (self, SECTION_ALL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Nothing is lost: the record still holds what was typed. */
  crm_person_page_set_editing (self, TRUE);
  gtk_label_set_label (self->error_label, _("The person could not be saved. Try again."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures reach the window's "write-failed" toast. */
  if (!crm_store_save_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save a person: %s", error->message);
}

void
_crm_person_page_done_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  CrmStore *store = crm_context_get_store (self->context);
  CrmPageProblems problems;
  Checked checked = { NULL, NULL, NULL };
  gboolean valid;

  crm_page_problems_init (&problems);
  valid = validate (self, &checked, &problems);
  crm_page_problems_show (&problems, self->error_label);
  crm_page_problems_clear (&problems);

  if (valid)
    {
      store_entries (self, &checked);
      if (get_id (self) == 0)
        crm_store_insert_async (store, CRM_RECORD (self->person), self->cancellable,
                                on_inserted_cb, g_object_ref (self));
      else if (crm_record_get_dirty (CRM_RECORD (self->person)))
        crm_store_save_async (store, CRM_RECORD (self->person), self->cancellable,
                              on_saved_cb, g_object_ref (self));

      crm_person_page_set_editing (self, FALSE);
      _crm_person_page_update_fields (self);
    }

  checked_clear (&checked);
}

void
_crm_person_page_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_person_page_set_editing (self, FALSE);

  /* A person never saved has nothing to go back to. */
  if (get_id (self) == 0)
    gtk_widget_activate_action (widget, "win.go-back", NULL);
}

void
_crm_person_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  crm_person_page_set_editing (CRM_PERSON_PAGE (widget), TRUE);
}

void
_crm_person_page_init_edit (CrmPersonPage *self)
{
  AdwEntryRow *entries[] = {
    self->given_entry, self->family_entry, self->email_entry, self->phone_entry,
    self->address_entry, self->city_entry, self->region_entry, self->country_entry,
    self->birth_entry, self->language_entry,
  };

  /* The error state goes as soon as the value is touched. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);
}
