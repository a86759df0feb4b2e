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

#include "crm-person-page.h"
#include "crm-activity-editor.h"
#include "crm-affiliation.h"
#include "crm-customer-order.h"
#include "crm-deal.h"
#include "crm-email.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-page-util.h"
#include "crm-phone.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-related.h"
#include "crm-store.h"
#include "crm-ticket.h"

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

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmPersonPage, crm_person_page, GTK_TYPE_WIDGET)

static CrmStore *
get_store (CrmPersonPage *self)
{
  return crm_context_get_store (self->context);
}

static gint64
get_id (CrmPersonPage *self)
{
  return crm_record_get_id (CRM_RECORD (self->person));
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  gboolean empty = value == NULL || value[0] == '\0';

  /* An empty value says so rather than leaving a bare title. */
  adw_action_row_set_subtitle (row, empty ? _("Not set") : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (row), "empty-value");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "empty-value");
}

static char *
describe_location (const char *city,
                   const char *region,
                   const char *country)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *text;

  if (city[0] != '\0')
    g_ptr_array_add (parts, (gpointer) city);
  if (region[0] != '\0' && g_strcmp0 (region, city) != 0)
    g_ptr_array_add (parts, (gpointer) region);
  if (country[0] != '\0')
    g_ptr_array_add (parts, (gpointer) country);
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between city, region and country */
  text = g_strjoinv (C_("location separator", ", "), (char **) parts->pdata);
  g_ptr_array_unref (parts);

  return text;
}

static void
update_purchases (CrmPersonPage *self)
{
  GSettings *settings = crm_context_get_settings (self->context);
  g_autofree char *currency = g_settings_get_string (settings, "default-currency");
  g_autofree char *lifetime = crm_format_money (crm_person_get_total_spend (self->person), currency);
  g_autofree char *count = crm_format_count (crm_person_get_order_count (self->person));
  g_autofree char *last = NULL;
  gint64 score = crm_person_get_rfm_score (self->person);

  if (crm_person_get_last_purchase (self->person) != 0)
    last = crm_format_date (crm_person_get_last_purchase (self->person));

  set_row_value (self->lifetime_row, lifetime);
  set_row_value (self->orders_row, count);
  set_row_value (self->last_purchase_row, last);

  gtk_widget_set_visible (GTK_WIDGET (self->rfm_row), score != 0);
  if (score != 0)
    {
      g_autofree char *digits = g_strdup_printf ("%03" G_GINT64_FORMAT, score);
      CrmPerson *p = self->person;
      g_autofree char *r = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_recency (p));
      g_autofree char *f = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_frequency (p));
      g_autofree char *m = g_strdup_printf ("%" G_GINT64_FORMAT, crm_person_get_rfm_monetary (p));
      /* Translators: an RFM score of three digits and its parts: recency,
       * frequency and monetary value, each 1 to 5: "545 (R 5 · F 4 · M 5)" */
      g_autofree char *text = g_strdup_printf (_("%1$s (R %2$s · F %3$s · M %4$s)"),
                                               digits, r, f, m);

      set_row_value (self->rfm_row, text);
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
update_fields (CrmPersonPage *self)
{
  CrmPerson *p = self->person;
  const char *name = crm_person_get_display_name (p);
  g_autofree char *location = describe_location (crm_person_get_city (p),
                                                 crm_person_get_region (p),
                                                 crm_person_get_country (p));
  g_autofree char *birth = NULL;
  int age = crm_page_age_from_birth_date (crm_person_get_birth_date (p),
                                          crm_context_get_now (self->context));

  if (name[0] == '\0')
    name = get_id (self) == 0 ? _("New Person") : _("Unnamed");

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  adw_window_title_set_title (self->window_title, name);

  set_row_value (self->email_row, crm_person_get_email (p));
  set_row_value (self->phone_row, crm_person_get_phone (p));
  set_row_value (self->address_row, crm_person_get_address (p));

  if (age >= 0)
    {
      g_autofree char *date = crm_format_iso_date (crm_person_get_birth_date (p));

      /* Translators: a birth date and the age it gives, e.g. "3 May 1990 (36 years)" */
      birth = g_strdup_printf (ngettext ("%1$s (%2$d year)", "%1$s (%2$d years)", age),
                               date, age);
    }
  set_row_value (self->birth_row, birth);
  set_row_value (self->gender_row, crm_page_describe_key ("gender", crm_person_get_gender (p)));
  set_row_value (self->language_row, crm_person_get_language (p));
  set_row_value (self->location_row, location);

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
update_actions (CrmPersonPage *self)
{
  gboolean saved = get_id (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.log-activity", saved && !self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", !self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.done", self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.cancel", self->editing);
}

/* Related lists. */

static GtkWidget *
create_affiliation_row (gpointer item,
                        gpointer user_data)
{
  CrmPersonPage *self = user_data;
  CrmAffiliation *affiliation = item;
  const char *title = crm_affiliation_get_title (affiliation);
  const char *role = crm_page_describe_key ("role", crm_affiliation_get_stakeholder_role (affiliation));
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (title[0] != '\0' && role[0] != '\0')
    /* Translators: a job title and a stakeholder role, "CTO · Decision Maker" */
    subtitle = g_strdup_printf (C_("affiliation subtitle", "%1$s · %2$s"), title, role);
  else
    subtitle = g_strdup (title[0] != '\0' ? title : role);

  row = crm_page_new_row ("", subtitle);
  crm_page_row_load_title (row, get_store (self), CRM_TYPE_ORGANIZATION,
                           crm_affiliation_get_organization_id (affiliation), self->cancellable);
  crm_page_row_set_target (row, "organization", crm_affiliation_get_organization_id (affiliation));

  return GTK_WIDGET (row);
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
      crm_page_load (GTK_WIDGET (self), get_store (self), CRM_TYPE_ORGANIZATION,
                     crm_affiliation_get_organization_id (first), self->cancellable,
                     on_headline_org_loaded_cb);
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
  /* The figures above already say "0 orders". */
  gtk_widget_set_visible (GTK_WIDGET (self->orders_list), g_list_model_get_n_items (records) > 0);
}

static GtkWidget *
create_deal_row (gpointer item,
                 gpointer user_data)
{
  CrmPersonPage *self = user_data;

  return crm_page_new_deal_row (item, self->names);
}

static void
on_deals_loaded_cb (GtkWidget  *widget,
                    GListModel *records)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_page_fill_list (self->deals_list, records, create_deal_row, self);
}

static GtkWidget *
create_ticket_row (gpointer item,
                   gpointer user_data)
{
  return crm_page_new_ticket_row (item);
}

static void
on_tickets_loaded_cb (GtkWidget  *widget,
                      GListModel *records)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_page_fill_list (self->tickets_list, records, create_ticket_row, self);
}

static GtkWidget *
create_activity_row (gpointer item,
                     gpointer user_data)
{
  CrmPersonPage *self = user_data;

  return crm_page_new_activity_row (item, crm_related_names_get_staff (self->names));
}

static void
on_timeline_loaded_cb (GtkWidget  *widget,
                       GListModel *records)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  g_autoptr(GListModel) sorted = crm_related_sort_timeline (records);

  crm_page_fill_list (self->timeline_list, sorted, create_activity_row, self);
}

static void
load_sections (CrmPersonPage *self,
               guint          sections)
{
  CrmStore *store = get_store (self);
  gint64 id = get_id (self);

  if (id == 0 || !crm_related_names_is_ready (self->names))
    return;

  if (sections & SECTION_AFFILIATIONS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_AFFILIATION, "person-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_affiliations_loaded_cb);
    }
  if (sections & SECTION_ORDERS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_CUSTOMER_ORDER, "person-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_orders_loaded_cb);
    }
  if (sections & SECTION_DEALS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_DEAL, "person-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_deals_loaded_cb);
    }
  if (sections & SECTION_TICKETS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_TICKET, "person-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_tickets_loaded_cb);
    }
  if (sections & SECTION_TIMELINE)
    {
      g_autoptr(CrmQuery) query = crm_related_timeline_query ("person", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_timeline_loaded_cb);
    }
  if (sections & SECTION_CUSTOM)
    crm_page_load_custom_fields (self->custom_group, self->custom_list, store, "person", id,
                                 self->cancellable);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmPersonPage *self = user_data;
  guint pending = self->pending;

  self->reload_id = 0;
  self->pending = 0;
  load_sections (self, pending);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (CrmPersonPage *self,
              Section        section)
{
  /* Writes come in bursts (a save, then its triggers): one reload each. */
  self->pending |= section;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (50, on_reload_timeout_cb, self);
}

static void
on_affiliation_changed_cb (CrmPersonPage *self)
{
  queue_reload (self, SECTION_AFFILIATIONS);
}

static void
on_order_changed_cb (CrmPersonPage *self)
{
  queue_reload (self, SECTION_ORDERS);
}

static void
on_deal_changed_cb (CrmPersonPage *self)
{
  queue_reload (self, SECTION_DEALS);
}

static void
on_ticket_changed_cb (CrmPersonPage *self)
{
  queue_reload (self, SECTION_TICKETS);
}

static void
on_activity_changed_cb (CrmPersonPage *self)
{
  queue_reload (self, SECTION_TIMELINE);
}

static void
on_organization_changed_cb (CrmPersonPage *self)
{
  /* The header names an organization that may have been renamed. */
  queue_reload (self, SECTION_AFFILIATIONS);
}

static void
on_names_ready_cb (CrmPersonPage *self)
{
  load_sections (self, SECTION_ALL);
}

static void
on_person_notify_cb (CrmPersonPage *self)
{
  update_fields (self);
  update_actions (self);
}

/* Editing. */

static void
set_entry (AdwEntryRow *entry,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static char *
get_entry (AdwEntryRow *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
fill_entries (CrmPersonPage *self)
{
  CrmPerson *p = self->person;
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = 0;

  set_entry (self->given_entry, crm_person_get_given_name (p));
  set_entry (self->family_entry, crm_person_get_family_name (p));
  /* A record made elsewhere may have only a display name. */
  if (crm_person_get_given_name (p)[0] == '\0' && crm_person_get_family_name (p)[0] == '\0')
    set_entry (self->given_entry, crm_person_get_display_name (p));
  set_entry (self->email_entry, crm_person_get_email (p));
  set_entry (self->phone_entry, crm_person_get_phone (p));
  set_entry (self->address_entry, crm_person_get_address (p));
  set_entry (self->city_entry, crm_person_get_city (p));
  set_entry (self->region_entry, crm_person_get_region (p));
  set_entry (self->country_entry, crm_person_get_country (p));
  set_entry (self->birth_entry, crm_person_get_birth_date (p));
  set_entry (self->language_entry, crm_person_get_language (p));

  for (guint i = 0; genders[i] != NULL; i++)
    if (g_strcmp0 (genders[i], crm_person_get_gender (p)) == 0)
      gender = i + 1;
  adw_combo_row_set_selected (self->gender_combo, gender);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
apply_editing (CrmPersonPage *self)
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

  update_actions (self);
}

typedef struct
{
  GString   *messages;
  GtkWidget *first_bad;
} Problems;

static void
report (Problems    *problems,
        AdwEntryRow *entry,
        const char  *message)
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

/* Checks the entries; valid values come back normalised in @values. */
static gboolean
validate (CrmPersonPage *self,
          GHashTable    *values,
          Problems      *problems)
{
  g_autofree char *given = get_entry (self->given_entry);
  g_autofree char *family = get_entry (self->family_entry);
  g_autofree char *email = get_entry (self->email_entry);
  g_autofree char *phone = get_entry (self->phone_entry);
  g_autofree char *country = get_entry (self->country_entry);
  g_autofree char *birth = get_entry (self->birth_entry);

  if (given[0] == '\0' && family[0] == '\0')
    report (problems, self->given_entry, _("A name is required."));

  if (email[0] != '\0')
    {
      g_autoptr(GError) error = NULL;
      char *normal = crm_email_normalize (email, &error);

      if (normal == NULL)
        {
          /* Translators: %s explains what is wrong with the address */
          g_autofree char *message = g_strdup_printf (_("The email address is not valid: %s"),
                                                      error->message);
          report (problems, self->email_entry, message);
        }
      else
        g_hash_table_insert (values, "email", normal);
    }

  if (country[0] != '\0')
    {
      if (strlen (country) != 2 || !g_ascii_isalpha (country[0]) || !g_ascii_isalpha (country[1]))
        report (problems, self->country_entry,
                _("The country must be a two-letter code such as CN, DE or US."));
      else
        g_hash_table_insert (values, "country", g_ascii_strup (country, -1));
    }

  if (phone[0] != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *extension = NULL;
      g_autofree char *region = NULL;
      char *normal;

      /* The person's country first, then the user's own region. */
      if (g_hash_table_contains (values, "country") &&
          crm_phone_region_is_known (g_hash_table_lookup (values, "country")))
        region = g_strdup (g_hash_table_lookup (values, "country"));
      else
        region = crm_phone_dup_default_region ();

      normal = crm_phone_normalize (phone, region, &extension, &error);
      if (normal == NULL)
        {
          /* Translators: %s explains what is wrong with the number */
          g_autofree char *message = g_strdup_printf (_("The phone number is not valid: %s"),
                                                      error->message);
          report (problems, self->phone_entry, message);
        }
      else if (extension != NULL && extension[0] != '\0')
        {
          /* RFC 3966 keeps the extension with the number. */
          g_hash_table_insert (values, "phone", g_strdup_printf ("%s;ext=%s", normal, extension));
          g_free (normal);
        }
      else
        g_hash_table_insert (values, "phone", normal);
    }

  if (birth[0] != '\0')
    {
      int age = crm_page_age_from_birth_date (birth, crm_context_get_now (self->context));

      if (age < 0 || age > 150 || strlen (birth) != 10)
        report (problems, self->birth_entry,
                _("The birth date must be a past date written as YYYY-MM-DD."));
    }

  return problems->messages->len == 0;
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
      update_fields (self);
      update_actions (self);
      load_sections (self, SECTION_ALL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Nothing is lost: the entries still hold what was typed. */
  gtk_label_set_label (self->error_label, _("The person could not be saved. Try again."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  self->editing = TRUE;
  apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
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

static void
set_text_if_changed (CrmRecord  *record,
                     const char *property,
                     const char *value)
{
  if (g_strcmp0 (crm_record_get_text (record, property), value) != 0)
    crm_record_set_text (record, property, value);
}

static void
store_entries (CrmPersonPage *self,
               GHashTable    *values)
{
  CrmRecord *record = CRM_RECORD (self->person);
  g_autofree char *given = get_entry (self->given_entry);
  g_autofree char *family = get_entry (self->family_entry);
  g_autofree char *name = crm_page_compose_name (given, family);
  g_autofree char *address = get_entry (self->address_entry);
  g_autofree char *city = get_entry (self->city_entry);
  g_autofree char *region = get_entry (self->region_entry);
  g_autofree char *birth = get_entry (self->birth_entry);
  g_autofree char *language = get_entry (self->language_entry);
  const char * const *genders = crm_page_list_keys ("gender");
  guint gender = adw_combo_row_get_selected (self->gender_combo);
  const char *email = g_hash_table_lookup (values, "email");
  const char *phone = g_hash_table_lookup (values, "phone");
  const char *country = g_hash_table_lookup (values, "country");

  set_text_if_changed (record, "given-name", given);
  set_text_if_changed (record, "family-name", family);
  set_text_if_changed (record, "display-name", name);
  set_text_if_changed (record, "email", email != NULL ? email : "");
  set_text_if_changed (record, "phone", phone != NULL ? phone : "");
  set_text_if_changed (record, "address", address);
  set_text_if_changed (record, "city", city);
  set_text_if_changed (record, "region", region);
  set_text_if_changed (record, "country", country != NULL ? country : "");
  set_text_if_changed (record, "birth-date", birth);
  set_text_if_changed (record, "language", language);
  set_text_if_changed (record, "gender",
                       gender > 0 && gender <= g_strv_length ((char **) genders)
                       ? genders[gender - 1] : "");
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  Problems problems = { g_string_new (NULL), NULL };

  if (!validate (self, values, &problems))
    {
      gtk_label_set_label (self->error_label, problems.messages->str);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (problems.first_bad);
      g_string_free (problems.messages, TRUE);
      return;
    }
  g_string_free (problems.messages, TRUE);

  store_entries (self, values);
  if (get_id (self) == 0)
    crm_store_insert_async (get_store (self), CRM_RECORD (self->person), self->cancellable,
                            on_inserted_cb, g_object_ref (self));
  else if (crm_record_get_dirty (CRM_RECORD (self->person)))
    crm_store_save_async (get_store (self), CRM_RECORD (self->person), self->cancellable,
                          on_saved_cb, g_object_ref (self));

  crm_person_page_set_editing (self, FALSE);
  update_fields (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  /* A person never saved has nothing to go back to. */
  if (get_id (self) == 0)
    {
      crm_person_page_set_editing (self, FALSE);
      gtk_widget_activate_action (widget, "win.go-back", NULL);
      return;
    }

  crm_person_page_set_editing (self, FALSE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  crm_person_page_set_editing (CRM_PERSON_PAGE (widget), TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  gtk_widget_activate_action (widget, "win.delete-record", "(sx)", "person", get_id (self));
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  CrmActivityEditor *editor;

  editor = crm_activity_editor_new (self->context, "person", get_id (self),
                                    g_variant_get_string (param, NULL));
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_entry_changed_cb (AdwEntryRow *entry)
{
  /* The error state goes as soon as the value is touched. */
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
on_consent_cb (CrmPersonPage *self,
               GParamSpec    *pspec,
               GtkSwitch     *sw)
{
  CrmRecord *record = CRM_RECORD (self->person);
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
  crm_record_set_int (record, "consent-updated", crm_context_get_now (self->context));
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

  set_text_if_changed (CRM_RECORD (self->person), "preferred-channel", key);
}

static GListModel *
new_key_model (const char *domain,
               const char *none_label)
{
  const char * const *keys = crm_page_list_keys (domain);
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, none_label);
  for (guint i = 0; keys[i] != NULL; i++)
    gtk_string_list_append (list, crm_page_describe_key (domain, keys[i]));

  return G_LIST_MODEL (list);
}

static void
add_list (AdwPreferencesGroup  *group,
          GtkListBox          **list,
          const char           *name,
          const char           *empty_text)
{
  *list = crm_page_new_list (empty_text, adw_preferences_group_get_title (group));
  /* Named for tests and the inspector: "timeline-list" for timeline_group. */
  gtk_widget_set_name (GTK_WIDGET (*list), name);
  adw_preferences_group_add (group, GTK_WIDGET (*list));
}

static void
connect_store (CrmPersonPage *self)
{
  CrmStore *store = get_store (self);

  g_signal_connect_object (store, "changed::affiliation",
                           G_CALLBACK (on_affiliation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::organization",
                           G_CALLBACK (on_organization_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::customer_order",
                           G_CALLBACK (on_order_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::deal",
                           G_CALLBACK (on_deal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::stage",
                           G_CALLBACK (on_deal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::ticket",
                           G_CALLBACK (on_ticket_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::activity",
                           G_CALLBACK (on_activity_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
crm_person_page_map (GtkWidget *widget)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  GTK_WIDGET_CLASS (crm_person_page_parent_class)->map (widget);

  /* A page shown in edit mode (a new record) starts in its first entry. */
  if (self->editing)
    gtk_widget_grab_focus (GTK_WIDGET (self->given_entry));
}

static void
crm_person_page_constructed (GObject *object)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (object);

  G_OBJECT_CLASS (crm_person_page_parent_class)->constructed (object);

  g_assert (self->context != NULL && self->person != NULL);

  self->names = crm_related_names_new (get_store (self), self->cancellable);
  g_signal_connect_object (self->names, "ready", G_CALLBACK (on_names_ready_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person, "notify", G_CALLBACK (on_person_notify_cb),
                           self, G_CONNECT_SWAPPED);
  connect_store (self);

  update_fields (self);
  apply_editing (self);
}

static void
crm_person_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmPersonPage *self = CRM_PERSON_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->person != NULL)
    g_signal_handlers_disconnect_by_data (self->person, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PERSON_PAGE);
  /* The header bar and the scrolled window are not bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->names);
  g_clear_object (&self->person);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_person_page_parent_class)->dispose (object);
}

static void
crm_person_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->person);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_person_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      self->person = g_value_dup_object (value);
      break;

    case PROP_EDITING:
      crm_person_page_set_editing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_person_page_class_init (CrmPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_person_page_constructed;
  object_class->dispose = crm_person_page_dispose;
  object_class->get_property = crm_person_page_get_property;
  object_class->set_property = crm_person_page_set_property;
  widget_class->map = crm_person_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmPersonPage:record:
   *
   * The person shown; unsaved (id 0) for a new one.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmPersonPage:editing:
   *
   * Whether the details show as entries; "Done" checks and saves them.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "record-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "page.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "page.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.log-activity", "s", log_activity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "page.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "page.done", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, edit_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, given_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, family_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, city_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, region_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, country_entry);
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
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, custom_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, timeline_group);
}

static void
crm_person_page_init (CrmPersonPage *self)
{
  AdwEntryRow *entries[11];
  g_autoptr(GListModel) genders = new_key_model ("gender", C_("gender", "Not Set"));
  g_autoptr(GListModel) channels = new_key_model ("channel", C_("channel", "None"));
  guint n = 0;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  adw_combo_row_set_model (self->gender_combo, genders);
  adw_combo_row_set_model (self->channel_combo, channels);

  add_list (self->affiliations_group, &self->affiliations_list, "affiliations-list",
            _("Not affiliated with any organization"));
  add_list (self->purchases_group, &self->orders_list, "purchases-list", _("No orders"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->orders_list), 12);
  add_list (self->deals_group, &self->deals_list, "deals-list", _("No deals"));
  add_list (self->tickets_group, &self->tickets_list, "tickets-list", _("No tickets"));
  add_list (self->custom_group, &self->custom_list, "custom-list", "");
  add_list (self->timeline_group, &self->timeline_list, "timeline-list", _("No activities yet"));

  entries[n++] = self->given_entry;
  entries[n++] = self->family_entry;
  entries[n++] = self->email_entry;
  entries[n++] = self->phone_entry;
  entries[n++] = self->address_entry;
  entries[n++] = self->city_entry;
  entries[n++] = self->region_entry;
  entries[n++] = self->country_entry;
  entries[n++] = self->birth_entry;
  entries[n++] = self->language_entry;
  for (guint i = 0; i < n; i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (on_entry_changed_cb), NULL);

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

  return self->person;
}

gboolean
crm_person_page_get_editing (CrmPersonPage *self)
{
  g_return_val_if_fail (CRM_IS_PERSON_PAGE (self), FALSE);

  return self->editing;
}

void
crm_person_page_set_editing (CrmPersonPage *self,
                             gboolean       editing)
{
  g_return_if_fail (CRM_IS_PERSON_PAGE (self));

  editing = !!editing;
  if (self->editing == editing)
    return;

  self->editing = editing;
  if (self->context != NULL)
    apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}
