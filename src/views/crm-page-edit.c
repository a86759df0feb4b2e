/* crm-page-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks shared by the record pages' edit modes: every invalid entry is
 * marked with the "error" style class and its reason collected, so that the
 * page shows all of them at once and saves nothing.  The contact details
 * the person and organization pages both edit.
 */

#define G_LOG_DOMAIN "CrmPage"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-page-util.h"
#include "crm-email.h"
#include "crm-format.h"
#include "crm-phone.h"
#include "crm-record.h"

void
crm_page_problems_init (CrmPageProblems *problems)
{
  problems->messages = g_string_new (NULL);
  problems->first_bad = NULL;
}

void
crm_page_problems_clear (CrmPageProblems *problems)
{
  g_string_free (problems->messages, TRUE);
  problems->messages = NULL;
  problems->first_bad = NULL;
}

void
crm_page_report (CrmPageProblems *problems,
                 AdwEntryRow     *entry,
                 const char      *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (problems->messages->len > 0)
    g_string_append_c (problems->messages, '\n');
  g_string_append (problems->messages, message);
  if (problems->first_bad == NULL)
    problems->first_bad = GTK_WIDGET (entry);
}

gboolean
crm_page_problems_show (CrmPageProblems *problems,
                        GtkLabel        *error_label)
{
  if (problems->messages->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
      return FALSE;
    }

  gtk_label_set_label (error_label, problems->messages->str);
  gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
  gtk_widget_grab_focus (problems->first_bad);

  return TRUE;
}

void
crm_page_set_entry (AdwEntryRow *entry,
                    const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  crm_page_clear_error (entry);
}

char *
crm_page_dup_entry (AdwEntryRow *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

void
crm_page_clear_error (AdwEntryRow *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
}

void
crm_page_set_text_if_changed (CrmRecord  *record,
                              const char *property,
                              const char *value)
{
  /* Only real changes mark the record dirty. */
  value = value != NULL ? value : "";
  if (g_strcmp0 (crm_record_get_text (record, property), value) != 0)
    crm_record_set_text (record, property, value);
}

char *
crm_page_check_email (AdwEntryRow     *entry,
                      CrmPageProblems *problems)
{
  g_autofree char *text = crm_page_dup_entry (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char *normal;

  if (text[0] == '\0')
    return g_strdup ("");

  normal = crm_email_normalize (text, &error);
  if (normal != NULL)
    return normal;

  /* Translators: %s explains what is wrong with the address */
  message = g_strdup_printf (_("The email address is not valid: %s"), error->message);
  crm_page_report (problems, entry, message);

  return NULL;
}

char *
crm_page_check_currency (AdwEntryRow     *entry,
                         CrmPageProblems *problems)
{
  g_autofree char *currency = crm_page_dup_entry (entry);

  if (strlen (currency) != 3 || !g_ascii_isalpha (currency[0]) ||
      !g_ascii_isalpha (currency[1]) || !g_ascii_isalpha (currency[2]))
    {
      crm_page_report (problems, entry,
                       _("The currency must be a three-letter code such as CNY, EUR or USD."));
      return NULL;
    }

  return g_ascii_strup (currency, -1);
}

char *
crm_page_check_date (AdwEntryRow     *entry,
                     const char      *message,
                     CrmPageProblems *problems)
{
  g_autofree char *text = crm_page_dup_entry (entry);
  int year, month, day, end = 0;

  if (text[0] == '\0')
    return g_steal_pointer (&text);

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &end) != 3 ||
      end != 10 || !g_date_valid_dmy (day, month, year))
    {
      crm_page_report (problems, entry, message);
      return NULL;
    }

  return g_steal_pointer (&text);
}

char *
crm_page_check_country (AdwEntryRow     *entry,
                        CrmPageProblems *problems)
{
  g_autofree char *text = crm_page_dup_entry (entry);

  if (text[0] == '\0')
    return g_strdup ("");

  if (strlen (text) != 2 || !g_ascii_isalpha (text[0]) || !g_ascii_isalpha (text[1]))
    {
      crm_page_report (problems, entry,
                       _("The country must be a two-letter code such as CN, DE or US."));
      return NULL;
    }

  return g_ascii_strup (text, -1);
}

char *
crm_page_check_phone (AdwEntryRow     *entry,
                      const char      *country,
                      CrmPageProblems *problems)
{
  g_autofree char *text = crm_page_dup_entry (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *region = NULL;
  g_autofree char *message = NULL;
  char *normal;

  if (text[0] == '\0')
    return g_strdup ("");

  /* The record's own country first, then the user's region. */
  if (country != NULL && country[0] != '\0' && crm_phone_region_is_known (country))
    region = g_strdup (country);
  else
    region = crm_phone_dup_default_region ();

  normal = crm_phone_normalize (text, region, &extension, &error);
  if (normal == NULL)
    {
      /* Translators: %s explains what is wrong with the number */
      message = g_strdup_printf (_("The phone number is not valid: %s"), error->message);
      crm_page_report (problems, entry, message);
      return NULL;
    }

  if (extension != NULL && extension[0] != '\0')
    {
      /* RFC 3966 keeps the extension with the number. */
      char *with_extension = g_strdup_printf ("%s;ext=%s", normal, extension);

      g_free (normal);
      return with_extension;
    }

  return normal;
}

gboolean
crm_page_parse_amount (const char *text,
                       const char *currency,
                       gint64     *amount)
{
  guint digits = crm_format_currency_digits (currency);
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  guint64 major = 0, minor = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',' && *p != ' ' && *p != '_')
      g_string_append_c (clean, *p);

  parts = g_strsplit (clean->str, ".", 3);
  if (parts[0] == NULL || parts[0][0] == '\0' || g_strv_length (parts) > 2)
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64 / 10000, &major, NULL))
    return FALSE;
  if (parts[1] != NULL)
    {
      if (strlen (parts[1]) > digits || parts[1][0] == '\0' ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &minor, NULL))
        return FALSE;
      for (gsize n = strlen (parts[1]); n < digits; n++)
        minor *= 10;
    }

  *amount = (gint64) major;
  for (guint i = 0; i < digits; i++)
    *amount *= 10;
  *amount += (gint64) minor;

  return TRUE;
}

char *
crm_page_format_amount (gint64      amount,
                        const char *currency)
{
  guint digits = crm_format_currency_digits (currency);
  gint64 scale = 1;

  for (guint i = 0; i < digits; i++)
    scale *= 10;

  if (amount == 0)
    return g_strdup ("");
  if (digits == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, amount);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                          amount / scale, (int) digits, amount % scale);
}

/* Contact details. */

void
crm_page_class_bind_contact_entries (GtkWidgetClass *widget_class,
                                     gssize          offset)
{
  static const struct
  {
    const char *name;
    gssize      offset;
  } entries[] = {
    { "email_entry", G_STRUCT_OFFSET (CrmPageContactEntries, email) },
    { "phone_entry", G_STRUCT_OFFSET (CrmPageContactEntries, phone) },
    { "address_entry", G_STRUCT_OFFSET (CrmPageContactEntries, address) },
    { "city_entry", G_STRUCT_OFFSET (CrmPageContactEntries, city) },
    { "region_entry", G_STRUCT_OFFSET (CrmPageContactEntries, region) },
    { "country_entry", G_STRUCT_OFFSET (CrmPageContactEntries, country) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_widget_class_bind_template_child_full (widget_class, entries[i].name, FALSE,
                                               offset + entries[i].offset);
}

void
crm_page_contact_init (const CrmPageContactEntries *entries)
{
  AdwEntryRow *rows[] = {
    entries->email, entries->phone, entries->address, entries->city, entries->region,
    entries->country,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect (rows[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);
}

void
crm_page_contact_fill (const CrmPageContactEntries *entries,
                       CrmRecord                   *record)
{
  crm_page_set_entry (entries->email, crm_record_get_text (record, "email"));
  crm_page_set_entry (entries->phone, crm_record_get_text (record, "phone"));
  crm_page_set_entry (entries->address, crm_record_get_text (record, "address"));
  crm_page_set_entry (entries->city, crm_record_get_text (record, "city"));
  crm_page_set_entry (entries->region, crm_record_get_text (record, "region"));
  crm_page_set_entry (entries->country, crm_record_get_text (record, "country"));
}

void
crm_page_contact_check (const CrmPageContactEntries *entries,
                        CrmPageContact              *contact,
                        CrmPageProblems             *problems)
{
  contact->email = crm_page_check_email (entries->email, problems);
  contact->country = crm_page_check_country (entries->country, problems);
  contact->phone = crm_page_check_phone (entries->phone, contact->country, problems);
}

void
crm_page_contact_store (const CrmPageContactEntries *entries,
                        const CrmPageContact        *contact,
                        CrmRecord                   *record)
{
  g_autofree char *address = crm_page_dup_entry (entries->address);
  g_autofree char *city = crm_page_dup_entry (entries->city);
  g_autofree char *region = crm_page_dup_entry (entries->region);

  crm_page_set_text_if_changed (record, "email", contact->email);
  crm_page_set_text_if_changed (record, "phone", contact->phone);
  crm_page_set_text_if_changed (record, "address", address);
  crm_page_set_text_if_changed (record, "city", city);
  crm_page_set_text_if_changed (record, "region", region);
  crm_page_set_text_if_changed (record, "country", contact->country);
}

void
crm_page_contact_clear (CrmPageContact *contact)
{
  g_clear_pointer (&contact->email, g_free);
  g_clear_pointer (&contact->phone, g_free);
  g_clear_pointer (&contact->country, g_free);
}
