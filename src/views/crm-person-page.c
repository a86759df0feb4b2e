/* crm-person-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person: contact details, demographics, consent, organizations,
 * purchases, deals, tickets and the timeline of activities.  The related
 * lists load whole off the UI thread and reload when their table changes.
 */

#define G_LOG_DOMAIN "CrmPersonPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-person-page-private.h"
#include "crm-affiliation.h"
#include "crm-customer-order.h"
#include "crm-deal.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-page-util.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-related.h"
#include "crm-store.h"

typedef enum
{
  SECTION_TIMELINE     = CRM_RECORD_PAGE_SECTION_TIMELINE,
  SECTION_TICKETS      = CRM_RECORD_PAGE_SECTION_TICKETS,
  SECTION_AFFILIATIONS = CRM_RECORD_PAGE_SECTION_OWN (0),
  SECTION_ORDERS       = CRM_RECORD_PAGE_SECTION_OWN (1),
  SECTION_DEALS        = CRM_RECORD_PAGE_SECTION_OWN (2),
} Section;

/* What reloads when a table changes. */
static const CrmRecordPageTrigger table_triggers[] = {
  { "affiliation", SECTION_AFFILIATIONS },
  /* The header names an organization that may have been renamed. */
  { "organization", SECTION_AFFILIATIONS },
  { "customer_order", SECTION_ORDERS },
  { "deal", SECTION_DEALS },
  { "stage", SECTION_DEALS },
  { "ticket", SECTION_TICKETS },
  { "activity", SECTION_TIMELINE },
  { NULL, 0 }
};

G_DEFINE_FINAL_TYPE (CrmPersonPage, crm_person_page, CRM_TYPE_RECORD_PAGE)

static gint64
get_id (CrmPersonPage *self)
{
  return crm_record_page_get_id (CRM_RECORD_PAGE (self));
}

static char *
describe_location (const char *city,
                   const char *region,
                   const char *country)
{
  g_autofree char *country_name = crm_format_country (country);
  GPtrArray *parts = g_ptr_array_new ();
  char *text;

  if (city[0] != '\0')
    g_ptr_array_add (parts, (gpointer) city);
  if (region[0] != '\0' && g_strcmp0 (region, city) != 0)
    g_ptr_array_add (parts, (gpointer) region);
  if (country_name[0] != '\0')
    g_ptr_array_add (parts, country_name);
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between city, region and country */
  text = g_strjoinv (C_("location separator", ", "), (char **) parts->pdata);
  g_ptr_array_unref (parts);

  return text;
}

static void
update_purchases (CrmPersonPage *self)
{
  CrmContext *context = crm_record_page_get_context (CRM_RECORD_PAGE (self));
  CrmPerson *p = _crm_person_page_get_person (self);
  g_autofree char *currency = g_settings_get_string (crm_context_get_settings (context),
                                                     "default-currency");
  g_autofree char *lifetime = crm_format_money (crm_person_get_total_spend (p), currency);
  g_autofree char *count = crm_format_count (crm_person_get_order_count (p));
  g_autofree char *last = NULL;
  gint64 score = crm_person_get_rfm_score (p);

  if (crm_person_get_last_purchase (p) != 0)
    last = crm_format_date (crm_person_get_last_purchase (p));

  crm_page_set_row_value (self->lifetime_row, lifetime);
  crm_page_set_row_value (self->orders_row, count);
  crm_page_set_row_value (self->last_purchase_row, last);

  gtk_widget_set_visible (GTK_WIDGET (self->rfm_row), score != 0);
  if (score != 0)
    {
      g_autofree char *digits = g_strdup_printf ("%03" G_GINT64_FORMAT, score);
      g_autofree char *r = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_recency (p));
      g_autofree char *f = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_frequency (p));
      g_autofree char *m = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_monetary (p));
      /* Translators: an RFM score of three digits and its parts: recency,
       * frequency and monetary value, each 1 to 5: "545 (R 5 · F 4 · M 5)" */
      g_autofree char *text = g_strdup_printf (_("%1$s (R %2$s · F %3$s · M %4$s)"),
                                               digits, r, f, m);

      crm_page_set_row_value (self->rfm_row, text);
    }
}

static guint
channel_index (const char *key)
{
  const char * const *keys = crm_page_list_keys ("channel");

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i + 1;

  return 0;
}

static void
crm_person_page_update_fields (CrmRecordPage *page)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (page);
  g_autofree char *phone = NULL;
  CrmPerson *p = _crm_person_page_get_person (self);
  const char *name = crm_person_get_display_name (p);
  g_autofree char *location = describe_location (crm_person_get_city (p),
                                                 crm_person_get_region (p),
                                                 crm_person_get_country (p));
  g_autofree char *birth = NULL;
  int age = crm_page_age_from_birth_date (crm_person_get_birth_date (p),
                                          crm_context_get_now (crm_record_page_get_context (page)));

  if (name[0] == '\0')
    name = get_id (self) == 0 ? _("New Person") : _("Unnamed");

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  crm_record_page_set_title (page, name, NULL);

  crm_page_set_row_value (self->email_row, crm_person_get_email (p));
  phone = crm_page_format_phone (crm_person_get_phone (p));
  crm_page_set_row_value (self->phone_row, phone);
  crm_page_set_row_value (self->address_row, crm_person_get_address (p));

  if (age >= 0)
    {
      g_autofree char *date = crm_format_iso_date (crm_person_get_birth_date (p));

      /* Translators: a birth date and the age it gives, e.g. "3 May 1990 (36 years)" */
      birth = g_strdup_printf (ngettext ("%1$s (%2$d year)", "%1$s (%2$d years)", age),
                               date, age);
    }
  crm_page_set_row_value (self->birth_row, birth);
  crm_page_set_row_value (self->gender_row,
                          crm_page_describe_key ("gender", crm_person_get_gender (p)));
  {
    g_autofree char *language = crm_format_language (crm_person_get_language (p));

    crm_page_set_row_value (self->language_row, language);
  }
  crm_page_set_row_value (self->location_row, location);

  self->updating = TRUE;
  gtk_switch_set_active (self->consent_email_switch, crm_person_get_consent_email (p));
  gtk_switch_set_active (self->consent_sms_switch, crm_person_get_consent_sms (p));
  gtk_switch_set_active (self->consent_phone_switch, crm_person_get_consent_phone (p));
  adw_combo_row_set_selected (self->channel_combo,
                              channel_index (crm_person_get_preferred_channel (p)));
  self->updating = FALSE;

  update_purchases (self);
}

static void
crm_person_page_update_actions (CrmRecordPage *page)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (page);
  gboolean saved = get_id (self) != 0;
  gboolean editing = crm_record_page_get_editing (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.log-activity", saved && !editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", !editing);
  _crm_person_page_update_photo_actions (self);
}

/* Related lists. */

static GtkWidget *
create_affiliation_row (gpointer item,
                        gpointer user_data)
{
  CrmRecordPage *page = user_data;

  return GTK_WIDGET (crm_page_new_affiliation_row (item, CRM_TYPE_ORGANIZATION,
                                                   crm_record_page_get_store (page),
                                                   crm_record_page_get_cancellable (page)));
}

static void
on_headline_org_loaded_cb (GtkWidget *widget,
                           CrmRecord *record)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  const char *title = g_object_get_data (G_OBJECT (self), "crm-headline-title");
  const char *org = crm_organization_get_name (CRM_ORGANIZATION (record));
  g_autofree char *text = NULL;

  if (title != NULL && title[0] != '\0')
    /* Translators: a job title at an organization, "Head of Sales at Acme Ltd" */
    text = g_strdup_printf (_("%1$s at %2$s"), title, org);
  else
    text = g_strdup (org);

  gtk_label_set_label (self->headline_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), TRUE);
}

static void
on_affiliations_loaded_cb (GtkWidget  *widget,
                           GListModel *records)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (widget);
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  g_autoptr(CrmAffiliation) first = NULL;
  guint n_items = g_list_model_get_n_items (records);

  crm_page_fill_list (self->affiliations_list, records, create_affiliation_row, self);

  /* The header names the primary affiliation, else the first. */
  for (guint i = 0; i < n_items && first == NULL; i++)
    {
      g_autoptr(CrmAffiliation) affiliation = g_list_model_get_item (records, i);

      if (crm_affiliation_get_is_primary (affiliation))
        first = g_steal_pointer (&affiliation);
    }
  if (first == NULL && n_items > 0)
    first = g_list_model_get_item (records, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), FALSE);
  if (first != NULL)
    {
      g_object_set_data_full (G_OBJECT (self), "crm-headline-title",
                              g_strdup (crm_affiliation_get_title (first)), g_free);
      crm_page_load (widget, crm_record_page_get_store (page), CRM_TYPE_ORGANIZATION,
                     crm_affiliation_get_organization_id (first),
                     crm_record_page_get_cancellable (page), on_headline_org_loaded_cb);
    }
}

static GtkWidget *
create_order_row (gpointer item,
                  gpointer user_data)
{
  CrmCustomerOrder *order = item;
  g_autofree char *date = crm_format_date (crm_customer_order_get_ordered (order));
  g_autofree char *total = crm_format_money (crm_customer_order_get_total (order),
                                             crm_customer_order_get_currency (order));
  AdwActionRow *row = crm_page_new_row (date, crm_page_describe_key ("order-status",
                                                                     crm_customer_order_get_status (order)));
  GtkWidget *amount = gtk_label_new (total);

  gtk_widget_add_css_class (amount, "numeric");
  adw_action_row_add_suffix (row, amount);

  return GTK_WIDGET (row);
}

static void
on_orders_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_page_fill_list (self->orders_list, records, create_order_row, self);
  crm_page_note_limit (self->purchases_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
  /* The figures above already say "0 orders". */
  gtk_widget_set_visible (GTK_WIDGET (self->orders_list), g_list_model_get_n_items (records) > 0);
}

static GtkWidget *
create_deal_row (gpointer item,
                 gpointer user_data)
{
  return crm_page_new_deal_row (item, crm_record_page_get_names (user_data));
}

static void
on_deals_loaded_cb (GtkWidget  *widget,
                    GListModel *records)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_page_fill_list (self->deals_list, records, create_deal_row, self);
  crm_page_note_limit (self->deals_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
}

/* The related lists. */
static const CrmRecordPageRelated related[] = {
  { SECTION_AFFILIATIONS, crm_affiliation_get_type, "person-id", on_affiliations_loaded_cb },
  { SECTION_ORDERS, crm_customer_order_get_type, "person-id", on_orders_loaded_cb },
  { SECTION_DEALS, crm_deal_get_type, "person-id", on_deals_loaded_cb },
  { 0, NULL, NULL, NULL }
};

static void
on_consent_cb (CrmPersonPage *self,
               GParamSpec    *pspec,
               GtkSwitch     *sw)
{
  CrmRecord *record = crm_record_page_get_record (CRM_RECORD_PAGE (self));
  const char *property;

  if (self->updating || get_id (self) == 0)
    return;

  if (sw == self->consent_email_switch)
    property = "consent-email";
  else if (sw == self->consent_sms_switch)
    property = "consent-sms";
  else
    property = "consent-phone";

  if (crm_record_get_bool (record, property) == gtk_switch_get_active (sw))
    return;

  /* Saved by the record's own timer; the time of the change is kept. */
  crm_record_set_bool (record, property, gtk_switch_get_active (sw));
  crm_record_set_int (record, "consent-updated",
                      crm_context_get_now (crm_record_page_get_context (CRM_RECORD_PAGE (self))));
}

static void
on_channel_selected_cb (CrmPersonPage *self)
{
  const char * const *keys = crm_page_list_keys ("channel");
  guint selected = adw_combo_row_get_selected (self->channel_combo);
  const char *key = selected > 0 && selected <= g_strv_length ((char **) keys)
                    ? keys[selected - 1] : "";

  if (self->updating || get_id (self) == 0)
    return;

  crm_page_set_text_if_changed (crm_record_page_get_record (CRM_RECORD_PAGE (self)),
                                "preferred-channel", key);
}

static void
crm_person_page_map (GtkWidget *widget)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  GTK_WIDGET_CLASS (crm_person_page_parent_class)->map (widget);

  /* A page shown in edit mode (a new record) starts in its first entry. */
  if (crm_record_page_get_editing (CRM_RECORD_PAGE (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->given_entry));
}

static void
crm_person_page_constructed (GObject *object)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (object);

  G_OBJECT_CLASS (crm_person_page_parent_class)->constructed (object);

  _crm_person_page_init_photo (self);
}

static void
crm_person_page_class_init (CrmPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmRecordPageClass *page_class = CRM_RECORD_PAGE_CLASS (klass);

  object_class->constructed = crm_person_page_constructed;
  widget_class->map = crm_person_page_map;

  page_class->kind = "person";
  page_class->record_type = CRM_TYPE_PERSON;
  page_class->uses_names = TRUE;
  page_class->insert_failed_message = N_("The person could not be saved. Try again.");
  page_class->table_triggers = table_triggers;
  page_class->related = related;
  page_class->update_fields = crm_person_page_update_fields;
  page_class->update_actions = crm_person_page_update_actions;
  page_class->apply_editing = _crm_person_page_apply_editing;
  page_class->commit = _crm_person_page_commit;

  crm_record_page_class_install_actions (widget_class, CRM_RECORD_PAGE_LOG_ACTIVITY);
  _crm_person_page_install_photo (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-person-page.ui");
  crm_record_page_class_bind_template_children (widget_class, CRM_RECORD_PAGE_EDIT_BUTTON |
                                                              CRM_RECORD_PAGE_TIMELINE |
                                                              CRM_RECORD_PAGE_TICKETS);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, photo_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, given_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, family_entry);
  crm_page_class_bind_contact_entries (widget_class, G_STRUCT_OFFSET (CrmPersonPage, contact));
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, birth_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, gender_combo);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, language_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, demographics_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, gender_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, consent_email_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, consent_sms_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, consent_phone_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, channel_combo);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, affiliations_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, purchases_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, lifetime_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, orders_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, last_purchase_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, rfm_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, deals_group);
}

static void
crm_person_page_init (CrmPersonPage *self)
{
  g_autoptr(GListModel) genders = crm_page_new_key_model ("gender", C_("gender", "Not Set"));
  g_autoptr(GListModel) channels = crm_page_new_key_model ("channel", C_("channel", "None"));

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->gender_combo, genders);
  adw_combo_row_set_model (self->channel_combo, channels);

  self->affiliations_list = crm_page_add_list (self->affiliations_group, "affiliations-list",
                                               _("Not affiliated with any organization"));
  self->orders_list = crm_page_add_list (self->purchases_group, "purchases-list", _("No orders"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->orders_list), 12);
  self->deals_list = crm_page_add_list (self->deals_group, "deals-list", _("No deals"));

  _crm_person_page_init_edit (self);

  g_signal_connect_swapped (self->consent_email_switch, "notify::active",
                            G_CALLBACK (on_consent_cb), self);
  g_signal_connect_swapped (self->consent_sms_switch, "notify::active",
                            G_CALLBACK (on_consent_cb), self);
  g_signal_connect_swapped (self->consent_phone_switch, "notify::active",
                            G_CALLBACK (on_consent_cb), self);
  g_signal_connect_swapped (self->channel_combo, "notify::selected",
                            G_CALLBACK (on_channel_selected_cb), self);
}

CrmPersonPage *
crm_person_page_new (CrmContext *context,
                     CrmPerson  *person)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CRM_IS_PERSON (person), NULL);

  return g_object_new (CRM_TYPE_PERSON_PAGE,
                       "context", context,
                       "record", person,
                       NULL);
}

CrmPerson *
crm_person_page_get_record (CrmPersonPage *self)
{
  g_return_val_if_fail (CRM_IS_PERSON_PAGE (self), NULL);

  return _crm_person_page_get_person (self);
}

gboolean
crm_person_page_get_editing (CrmPersonPage *self)
{
  g_return_val_if_fail (CRM_IS_PERSON_PAGE (self), FALSE);

  return crm_record_page_get_editing (CRM_RECORD_PAGE (self));
}

void
crm_person_page_set_editing (CrmPersonPage *self,
                             gboolean       editing)
{
  g_return_if_fail (CRM_IS_PERSON_PAGE (self));

  crm_record_page_set_editing (CRM_RECORD_PAGE (self), editing);
}
