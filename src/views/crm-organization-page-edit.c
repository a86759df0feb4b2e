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
  CrmOrganization *o = _crm_organization_page_get_organization (self);
  g_autofree char *revenue = crm_page_format_amount (crm_organization_get_annual_revenue (o),
                                                  crm_organization_get_revenue_currency (o));

  crm_page_set_entry (self->name_entry, crm_organization_get_name (o));
  crm_page_set_entry (self->revenue_entry, revenue);
  /* A new organization starts in the user's currency. */
  if (crm_organization_get_revenue_currency (o)[0] != '\0')
    crm_page_set_entry (self->currency_entry, crm_organization_get_revenue_currency (o));
  else
    {
      CrmContext *context = crm_record_page_get_context (CRM_RECORD_PAGE (self));
      g_autofree char *currency = g_settings_get_string (crm_context_get_settings (context),
                                                         "default-currency");

      crm_page_set_entry (self->currency_entry, currency);
    }
  crm_page_set_entry (self->website_entry, crm_organization_get_website (o));
  crm_page_contact_fill (&self->contact, CRM_RECORD (o));
  adw_combo_row_set_selected (self->industry_combo,
                              key_index ("industry", crm_organization_get_industry (o)));
  adw_combo_row_set_selected (self->size_combo, key_index ("size", crm_organization_get_size_band (o)));
  adw_combo_row_set_selected (self->tier_combo,
                              key_index ("tier", crm_organization_get_tier (o)[0] != '\0'
                                                 ? crm_organization_get_tier (o) : "standard"));
}

void
_crm_organization_page_apply_editing (CrmRecordPage *page,
                                      gboolean       editing)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (page);

  gtk_widget_set_visible (GTK_WIDGET (self->firmographics_group), !editing);

  if (editing)
    {
      fill_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
}

/* The checked values, normalised. */
typedef struct
{
  CrmPageContact  contact;
  char           *currency;
  char           *website;
  gint64          revenue;
} Checked;

static void
checked_clear (Checked *checked)
{
  crm_page_contact_clear (&checked->contact);
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
  crm_page_contact_check (&self->contact, &checked->contact, problems);

  return problems->messages->len == 0;
}

static void
store_entries (CrmOrganizationPage *self,
               Checked             *checked)
{
  CrmOrganization *organization = _crm_organization_page_get_organization (self);
  CrmRecord *record = CRM_RECORD (organization);
  g_autofree char *name = crm_page_dup_entry (self->name_entry);

  crm_page_set_text_if_changed (record, "name", name);
  crm_page_set_text_if_changed (record, "industry", selected_key (self->industry_combo, "industry"));
  crm_page_set_text_if_changed (record, "size-band", selected_key (self->size_combo, "size"));
  crm_page_set_text_if_changed (record, "tier",
                                adw_combo_row_get_selected (self->tier_combo) > 0
                                ? selected_key (self->tier_combo, "tier") : "standard");
  crm_page_set_text_if_changed (record, "revenue-currency", checked->currency);
  if (crm_organization_get_annual_revenue (organization) != checked->revenue)
    crm_organization_set_annual_revenue (organization, checked->revenue);
  crm_page_set_text_if_changed (record, "website", checked->website);
  crm_page_contact_store (&self->contact, &checked->contact, record);
}

gboolean
_crm_organization_page_commit (CrmRecordPage   *page,
                               CrmPageProblems *problems)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (page);
  Checked checked = { { NULL, NULL, NULL }, NULL, NULL, 0 };
  gboolean valid = validate (self, &checked, problems);

  if (valid)
    store_entries (self, &checked);
  checked_clear (&checked);

  return valid;
}

void
_crm_organization_page_init_edit (CrmOrganizationPage *self)
{
  AdwEntryRow *entries[] = {
    self->name_entry, self->revenue_entry, self->currency_entry, self->website_entry,
  };

  /* The error state goes as soon as the value is touched. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);
  crm_page_contact_init (&self->contact);
}
