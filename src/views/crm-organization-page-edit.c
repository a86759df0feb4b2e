/* crm-organization-page-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The organization page's edit mode: the firmographics as entries and
 * choices, checked on "Done" (a name, a currency code and an amount for the
 * revenue, a website, an email, a phone number that normalises to E.164, a
 * two-letter country) and saved only when all are valid.  A new
 * organization is inserted on the first valid "Done".
 */

#define G_LOG_DOMAIN "CrmOrganizationPage"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-organization-page-private.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-record.h"
#include "crm-store.h"

static gint64
get_id (CrmOrganizationPage *self)
{
  return crm_record_get_id (CRM_RECORD (self->organization));
}

static guint
key_index (const char *domain,
           const char *key)
{
  const char * const *keys = crm_page_list_keys (domain);

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i + 1;

  return 0;
}

static const char *
selected_key (AdwComboRow *combo,
              const char  *domain)
{
  const char * const *keys = crm_page_list_keys (domain);
  guint selected = adw_combo_row_get_selected (combo);

  return selected > 0 && selected <= g_strv_length ((char **) keys) ? keys[selected - 1] : "";
}

static void
fill_entries (CrmOrganizationPage *self)
{
  CrmOrganization *o = self->organization;
  g_autofree char *revenue = crm_page_format_amount (crm_organization_get_annual_revenue (o),
                                                  crm_organization_get_revenue_currency (o));

  crm_page_set_entry (self->name_entry, crm_organization_get_name (o));
  crm_page_set_entry (self->revenue_entry, revenue);
  /* A new organization starts in the user's currency. */
  if (crm_organization_get_revenue_currency (o)[0] != '\0')
    crm_page_set_entry (self->currency_entry, crm_organization_get_revenue_currency (o));
  else
    {
      g_autofree char *currency = g_settings_get_string (crm_context_get_settings (self->context),
                                                         "default-currency");

      crm_page_set_entry (self->currency_entry, currency);
    }
  crm_page_set_entry (self->website_entry, crm_organization_get_website (o));
  crm_page_set_entry (self->phone_entry, crm_organization_get_phone (o));
  crm_page_set_entry (self->email_entry, crm_organization_get_email (o));
  crm_page_set_entry (self->address_entry, crm_organization_get_address (o));
  crm_page_set_entry (self->city_entry, crm_organization_get_city (o));
  crm_page_set_entry (self->region_entry, crm_organization_get_region (o));
  crm_page_set_entry (self->country_entry, crm_organization_get_country (o));
  adw_combo_row_set_selected (self->industry_combo,
                              key_index ("industry", crm_organization_get_industry (o)));
  adw_combo_row_set_selected (self->size_combo, key_index ("size", crm_organization_get_size_band (o)));
  adw_combo_row_set_selected (self->tier_combo,
                              key_index ("tier", crm_organization_get_tier (o)[0] != '\0'
                                                 ? crm_organization_get_tier (o) : "standard"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

void
_crm_organization_page_apply_editing (CrmOrganizationPage *self)
{
  gboolean editing = self->editing;

  gtk_widget_set_visible (GTK_WIDGET (self->edit_group), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->firmographics_group), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), !editing);

  if (editing)
    {
      fill_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }

  _crm_organization_page_update_actions (self);
}

/* The checked values, normalised. */
typedef struct
{
  char   *email;
  char   *phone;
  char   *country;
  char   *currency;
  char   *website;
  gint64  revenue;
} Checked;

static void
checked_clear (Checked *checked)
{
  g_free (checked->email);
  g_free (checked->phone);
  g_free (checked->country);
  g_free (checked->currency);
  g_free (checked->website);
}

static char *
check_website (AdwEntryRow     *entry,
               CrmPageProblems *problems)
{
  g_autofree char *website = crm_page_dup_entry (entry);
  g_autofree char *uri = NULL;
  g_autoptr(GUri) parsed = NULL;

  if (website[0] == '\0')
    return g_strdup ("");

  uri = strstr (website, "://") != NULL ? g_strdup (website) : g_strconcat ("https://", website, NULL);
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
      strchr (g_uri_get_host (parsed), '.') == NULL || strchr (website, ' ') != NULL)
    {
      crm_page_report (problems, entry, _("The website must be an address such as example.com."));
      return NULL;
    }

  return g_steal_pointer (&website);
}

static void
check_revenue (CrmOrganizationPage *self,
               Checked             *checked,
               CrmPageProblems     *problems)
{
  g_autofree char *revenue = crm_page_dup_entry (self->revenue_entry);

  checked->currency = crm_page_check_currency (self->currency_entry, problems);

  if (revenue[0] != '\0' &&
      !crm_page_parse_amount (revenue, checked->currency != NULL ? checked->currency : "USD",
                     &checked->revenue))
    crm_page_report (problems, self->revenue_entry,
                     _("The annual revenue must be an amount such as 1,250,000 or 1250000.50."));
}

static gboolean
validate (CrmOrganizationPage *self,
          Checked             *checked,
          CrmPageProblems     *problems)
{
  g_autofree char *name = crm_page_dup_entry (self->name_entry);

  if (name[0] == '\0')
    crm_page_report (problems, self->name_entry, _("A name is required."));

  check_revenue (self, checked, problems);
  checked->website = check_website (self->website_entry, problems);
  checked->email = crm_page_check_email (self->email_entry, problems);
  checked->country = crm_page_check_country (self->country_entry, problems);
  checked->phone = crm_page_check_phone (self->phone_entry, checked->country, problems);

  return problems->messages->len == 0;
}

static void
store_entries (CrmOrganizationPage *self,
               Checked             *checked)
{
  CrmRecord *record = CRM_RECORD (self->organization);
  g_autofree char *name = crm_page_dup_entry (self->name_entry);
  g_autofree char *address = crm_page_dup_entry (self->address_entry);
  g_autofree char *city = crm_page_dup_entry (self->city_entry);
  g_autofree char *region = crm_page_dup_entry (self->region_entry);

  crm_page_set_text_if_changed (record, "name", name);
  crm_page_set_text_if_changed (record, "industry", selected_key (self->industry_combo, "industry"));
  crm_page_set_text_if_changed (record, "size-band", selected_key (self->size_combo, "size"));
  crm_page_set_text_if_changed (record, "tier",
                                adw_combo_row_get_selected (self->tier_combo) > 0
                                ? selected_key (self->tier_combo, "tier") : "standard");
  crm_page_set_text_if_changed (record, "revenue-currency", checked->currency);
  if (crm_organization_get_annual_revenue (self->organization) != checked->revenue)
    crm_organization_set_annual_revenue (self->organization, checked->revenue);
  crm_page_set_text_if_changed (record, "website", checked->website);
  crm_page_set_text_if_changed (record, "phone", checked->phone);
  crm_page_set_text_if_changed (record, "email", checked->email);
  crm_page_set_text_if_changed (record, "address", address);
  crm_page_set_text_if_changed (record, "city", city);
  crm_page_set_text_if_changed (record, "region", region);
  crm_page_set_text_if_changed (record, "country", checked->country);
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmOrganizationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_store_insert_finish (CRM_STORE (object), result, &error))
    {
      _crm_organization_page_update_fields (self);
      _crm_organization_page_update_actions (self);
      _crm_organization_page_load_sections (self, SECTION_ALL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Nothing is lost: the record still holds what was typed. */
  crm_organization_page_set_editing (self, TRUE);
  gtk_label_set_label (self->error_label, _("The organization could not be saved. Try again."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmOrganizationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures reach the window's "write-failed" toast. */
  if (!crm_store_save_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save an organization: %s", error->message);
}

void
_crm_organization_page_done_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  CrmStore *store = crm_context_get_store (self->context);
  CrmPageProblems problems;
  Checked checked = { NULL, NULL, NULL, NULL, NULL, 0 };
  gboolean valid;

  crm_page_problems_init (&problems);
  valid = validate (self, &checked, &problems);
  crm_page_problems_show (&problems, self->error_label);
  crm_page_problems_clear (&problems);

  if (valid)
    {
      store_entries (self, &checked);
      if (get_id (self) == 0)
        crm_store_insert_async (store, CRM_RECORD (self->organization), self->cancellable,
                                on_inserted_cb, g_object_ref (self));
      else if (crm_record_get_dirty (CRM_RECORD (self->organization)))
        crm_store_save_async (store, CRM_RECORD (self->organization), self->cancellable,
                              on_saved_cb, g_object_ref (self));

      crm_organization_page_set_editing (self, FALSE);
      _crm_organization_page_update_fields (self);
    }

  checked_clear (&checked);
}

void
_crm_organization_page_cancel_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  crm_organization_page_set_editing (self, FALSE);

  /* An organization never saved has nothing to go back to. */
  if (get_id (self) == 0)
    gtk_widget_activate_action (widget, "win.go-back", NULL);
}

void
_crm_organization_page_edit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  crm_organization_page_set_editing (CRM_ORGANIZATION_PAGE (widget), TRUE);
}

void
_crm_organization_page_init_edit (CrmOrganizationPage *self)
{
  AdwEntryRow *entries[] = {
    self->name_entry, self->revenue_entry, self->currency_entry, self->website_entry,
    self->phone_entry, self->email_entry, self->address_entry, self->city_entry,
    self->region_entry, self->country_entry,
  };

  /* The error state goes as soon as the value is touched. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);
}
