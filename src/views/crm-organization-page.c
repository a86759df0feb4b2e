/* crm-organization-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One organization: firmographics, parent and subsidiaries, its people with
 * their titles and roles, open and closed deals with totals, tickets and the
 * timeline.  The related lists load whole off the UI thread and reload when
 * their table changes.
 */

#define G_LOG_DOMAIN "CrmOrganizationPage"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-organization-page.h"
#include "crm-activity-editor.h"
#include "crm-affiliation.h"
#include "crm-compat.h"
#include "crm-deal.h"
#include "crm-email.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-phone.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-related.h"
#include "crm-staff-user.h"
#include "crm-store.h"
#include "crm-ticket.h"

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

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmOrganizationPage, crm_organization_page, GTK_TYPE_WIDGET)

static CrmStore *
get_store (CrmOrganizationPage *self)
{
  return crm_context_get_store (self->context);
}

static gint64
get_id (CrmOrganizationPage *self)
{
  return crm_record_get_id (CRM_RECORD (self->organization));
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  gboolean empty = value == NULL || value[0] == '\0';

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
  const char *parts[4];
  guint n = 0;

  if (city[0] != '\0')
    parts[n++] = city;
  if (region[0] != '\0' && g_strcmp0 (region, city) != 0)
    parts[n++] = region;
  if (country[0] != '\0')
    parts[n++] = country;
  parts[n] = NULL;

  /* Translators: the separator between city, region and country */
  return g_strjoinv (C_("location separator", ", "), (char **) parts);
}

static void
update_owner (CrmOrganizationPage *self)
{
  gint64 owner = crm_organization_get_owner_id (self->organization);
  const char *name = owner != 0 && crm_related_names_is_ready (self->names)
                     ? g_hash_table_lookup (crm_related_names_get_staff (self->names), &owner)
                     : NULL;

  set_row_value (self->owner_row, name);
}

static void
update_fields (CrmOrganizationPage *self)
{
  CrmOrganization *o = self->organization;
  const char *name = crm_organization_get_name (o);
  const char *industry = crm_page_describe_key ("industry", crm_organization_get_industry (o));
  g_autofree char *location = describe_location (crm_organization_get_city (o),
                                                 crm_organization_get_region (o),
                                                 crm_organization_get_country (o));
  g_autofree char *revenue = NULL;
  g_autofree char *headline = NULL;

  if (name[0] == '\0')
    name = get_id (self) == 0 ? _("New Organization") : _("Unnamed");

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  adw_window_title_set_title (self->window_title, name);

  if (industry[0] != '\0' && location[0] != '\0')
    /* Translators: an industry and where the organization is, "Software · Berlin, DE" */
    headline = g_strdup_printf (C_("organization headline", "%1$s · %2$s"), industry, location);
  else
    headline = g_strdup (industry[0] != '\0' ? industry : location);
  gtk_label_set_label (self->headline_label, headline);
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline[0] != '\0');

  if (crm_organization_get_annual_revenue (o) != 0)
    revenue = crm_format_money (crm_organization_get_annual_revenue (o),
                                crm_organization_get_revenue_currency (o));

  set_row_value (self->industry_row, industry);
  set_row_value (self->size_row, crm_page_describe_key ("size", crm_organization_get_size_band (o)));
  set_row_value (self->revenue_row, revenue);
  set_row_value (self->location_row, location);
  set_row_value (self->address_row, crm_organization_get_address (o));
  set_row_value (self->website_row, crm_organization_get_website (o));
  gtk_widget_set_visible (GTK_WIDGET (self->website_button),
                          crm_organization_get_website (o)[0] != '\0');
  set_row_value (self->phone_row, crm_organization_get_phone (o));
  set_row_value (self->email_row, crm_organization_get_email (o));
  set_row_value (self->tier_row, crm_page_describe_key ("tier", crm_organization_get_tier (o)));
  update_owner (self);
}

static void
update_actions (CrmOrganizationPage *self)
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
create_subsidiary_row (gpointer item,
                       gpointer user_data)
{
  CrmOrganization *organization = item;
  AdwActionRow *row = crm_page_new_row (crm_organization_get_name (organization),
                                        _("Subsidiary"));

  crm_page_row_set_target (row, "organization", crm_record_get_id (CRM_RECORD (organization)));

  return GTK_WIDGET (row);
}

static void
on_subsidiaries_loaded_cb (GtkWidget  *widget,
                           GListModel *records)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  gint64 parent = crm_organization_get_parent_id (self->organization);

  crm_page_fill_list (self->parent_list, records, create_subsidiary_row, self);

  /* The parent comes first, above the subsidiaries. */
  if (parent != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", _("Parent organization"));

      crm_page_row_load_title (row, get_store (self), CRM_TYPE_ORGANIZATION, parent,
                               self->cancellable);
      crm_page_row_set_target (row, "organization", parent);
      gtk_list_box_prepend (self->parent_list, GTK_WIDGET (row));
    }
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  CrmOrganizationPage *self = user_data;
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
  gtk_widget_set_name (GTK_WIDGET (row), "person-row");
  crm_page_row_load_title (row, get_store (self), CRM_TYPE_PERSON,
                           crm_affiliation_get_person_id (affiliation), self->cancellable);
  crm_page_row_set_target (row, "person", crm_affiliation_get_person_id (affiliation));

  return GTK_WIDGET (row);
}

static void
on_people_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  crm_page_fill_list (self->people_list, records, create_person_row, self);
}

typedef struct
{
  CrmOrganizationPage *self;
  gboolean             open;
} DealFilter;

static GtkWidget *
create_deal_row (gpointer item,
                 gpointer user_data)
{
  DealFilter *filter = user_data;
  gboolean open = crm_related_names_deal_state (filter->self->names, item) == CRM_DEAL_STATE_OPEN;

  if (open != filter->open)
    return NULL;

  return crm_page_new_deal_row (item, filter->self->names);
}

static void
set_deal_total (AdwPreferencesGroup *group,
                const char          *total,
                guint                count,
                gboolean             open)
{
  g_autofree char *text = NULL;

  if (count == 0)
    {
      adw_preferences_group_set_description (group, NULL);
      return;
    }

  if (open)
    /* Translators: the number of open deals and their total amount */
    text = g_strdup_printf (ngettext ("%1$u open deal worth %2$s", "%1$u open deals worth %2$s",
                                      count), count, total);
  else
    /* Translators: the number of deals won and their total amount */
    text = g_strdup_printf (ngettext ("%1$u deal won, worth %2$s", "%1$u deals won, worth %2$s",
                                      count), count, total);
  adw_preferences_group_set_description (group, text);
}

static void
on_deals_loaded_cb (GtkWidget  *widget,
                    GListModel *records)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  DealFilter open = { self, TRUE };
  DealFilter closed = { self, FALSE };
  g_autofree char *open_total = NULL;
  g_autofree char *won_total = NULL;
  guint n_open = 0, n_won = 0;

  crm_page_fill_list (self->open_deals_list, records, create_deal_row, &open);
  crm_page_fill_list (self->closed_deals_list, records, create_deal_row, &closed);

  open_total = crm_related_names_deal_total (self->names, records, CRM_DEAL_STATE_OPEN, &n_open);
  won_total = crm_related_names_deal_total (self->names, records, CRM_DEAL_STATE_WON, &n_won);
  set_deal_total (self->open_deals_group, open_total, n_open, TRUE);
  set_deal_total (self->closed_deals_group, won_total, n_won, FALSE);
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
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  crm_page_fill_list (self->tickets_list, records, create_ticket_row, self);
}

static GtkWidget *
create_activity_row (gpointer item,
                     gpointer user_data)
{
  CrmOrganizationPage *self = user_data;

  return crm_page_new_activity_row (item, crm_related_names_get_staff (self->names));
}

static void
on_timeline_loaded_cb (GtkWidget  *widget,
                       GListModel *records)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  g_autoptr(GListModel) sorted = crm_related_sort_timeline (records);

  crm_page_fill_list (self->timeline_list, sorted, create_activity_row, self);
}

static void
load_sections (CrmOrganizationPage *self,
               guint                sections)
{
  CrmStore *store = get_store (self);
  gint64 id = get_id (self);

  if (id == 0 || !crm_related_names_is_ready (self->names))
    return;

  if (sections & SECTION_HIERARCHY)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_ORGANIZATION, "parent-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_subsidiaries_loaded_cb);
    }
  if (sections & SECTION_PEOPLE)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_AFFILIATION, "organization-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_people_loaded_cb);
    }
  if (sections & SECTION_DEALS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_DEAL, "organization-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_deals_loaded_cb);
    }
  if (sections & SECTION_TICKETS)
    {
      g_autoptr(CrmQuery) query = crm_related_query (CRM_TYPE_TICKET, "organization-id", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_tickets_loaded_cb);
    }
  if (sections & SECTION_TIMELINE)
    {
      g_autoptr(CrmQuery) query = crm_related_timeline_query ("organization", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_timeline_loaded_cb);
    }
  if (sections & SECTION_CUSTOM)
    crm_page_load_custom_fields (self->custom_group, self->custom_list, store, "organization", id,
                                 self->cancellable);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmOrganizationPage *self = user_data;
  guint pending = self->pending;

  self->reload_id = 0;
  self->pending = 0;
  load_sections (self, pending);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (CrmOrganizationPage *self,
              Section              section)
{
  /* Writes come in bursts (a save, then its triggers): one reload each. */
  self->pending |= section;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (50, on_reload_timeout_cb, self);
}

static void
on_organization_changed_cb (CrmOrganizationPage *self)
{
  queue_reload (self, SECTION_HIERARCHY);
}

static void
on_people_changed_cb (CrmOrganizationPage *self)
{
  queue_reload (self, SECTION_PEOPLE);
}

static void
on_deal_changed_cb (CrmOrganizationPage *self)
{
  queue_reload (self, SECTION_DEALS);
}

static void
on_ticket_changed_cb (CrmOrganizationPage *self)
{
  queue_reload (self, SECTION_TICKETS);
}

static void
on_activity_changed_cb (CrmOrganizationPage *self)
{
  queue_reload (self, SECTION_TIMELINE);
}

static void
on_names_ready_cb (CrmOrganizationPage *self)
{
  update_owner (self);
  load_sections (self, SECTION_ALL);
}

static void
on_organization_notify_cb (CrmOrganizationPage *self)
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

/* "1,250,000.50" in major units → minor units; FALSE when it is no amount. */
static gboolean
parse_amount (const char *text,
              const char *currency,
              gint64     *amount)
{
  guint digits = crm_format_currency_digits (currency);
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  guint64 major = 0, minor = 0;
  char *end = NULL;

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
  (void) end;

  *amount = (gint64) major;
  for (guint i = 0; i < digits; i++)
    *amount *= 10;
  *amount += (gint64) minor;

  return TRUE;
}

static char *
format_amount_plain (gint64      amount,
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

static void
fill_entries (CrmOrganizationPage *self)
{
  CrmOrganization *o = self->organization;
  g_autofree char *revenue = format_amount_plain (crm_organization_get_annual_revenue (o),
                                                  crm_organization_get_revenue_currency (o));

  set_entry (self->name_entry, crm_organization_get_name (o));
  set_entry (self->revenue_entry, revenue);
  /* A new organization starts in the user's currency. */
  if (crm_organization_get_revenue_currency (o)[0] != '\0')
    set_entry (self->currency_entry, crm_organization_get_revenue_currency (o));
  else
    {
      g_autofree char *currency = g_settings_get_string (crm_context_get_settings (self->context),
                                                         "default-currency");

      set_entry (self->currency_entry, currency);
    }
  set_entry (self->website_entry, crm_organization_get_website (o));
  set_entry (self->phone_entry, crm_organization_get_phone (o));
  set_entry (self->email_entry, crm_organization_get_email (o));
  set_entry (self->address_entry, crm_organization_get_address (o));
  set_entry (self->city_entry, crm_organization_get_city (o));
  set_entry (self->region_entry, crm_organization_get_region (o));
  set_entry (self->country_entry, crm_organization_get_country (o));
  adw_combo_row_set_selected (self->industry_combo,
                              key_index ("industry", crm_organization_get_industry (o)));
  adw_combo_row_set_selected (self->size_combo, key_index ("size", crm_organization_get_size_band (o)));
  adw_combo_row_set_selected (self->tier_combo,
                              key_index ("tier", crm_organization_get_tier (o)[0] != '\0'
                                                 ? crm_organization_get_tier (o) : "standard"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
apply_editing (CrmOrganizationPage *self)
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

static void
validate_contact (CrmOrganizationPage *self,
                  GHashTable          *values,
                  Problems            *problems)
{
  g_autofree char *email = get_entry (self->email_entry);
  g_autofree char *phone = get_entry (self->phone_entry);
  g_autofree char *website = get_entry (self->website_entry);

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

  if (phone[0] != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *extension = NULL;
      g_autofree char *region = NULL;
      const char *country = g_hash_table_lookup (values, "country");
      char *normal;

      region = country != NULL && crm_phone_region_is_known (country)
               ? g_strdup (country) : crm_phone_dup_default_region ();
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
          g_hash_table_insert (values, "phone", g_strdup_printf ("%s;ext=%s", normal, extension));
          g_free (normal);
        }
      else
        g_hash_table_insert (values, "phone", normal);
    }

  if (website[0] != '\0')
    {
      g_autofree char *uri = strstr (website, "://") != NULL
                             ? g_strdup (website) : g_strconcat ("https://", website, NULL);
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

      if (parsed == NULL || g_uri_get_host (parsed) == NULL ||
          strchr (g_uri_get_host (parsed), '.') == NULL || strchr (website, ' ') != NULL)
        report (problems, self->website_entry,
                _("The website must be an address such as example.com."));
      else
        g_hash_table_insert (values, "website", g_strdup (website));
    }
}

static gboolean
validate (CrmOrganizationPage *self,
          GHashTable          *values,
          Problems            *problems)
{
  g_autofree char *name = get_entry (self->name_entry);
  g_autofree char *country = get_entry (self->country_entry);
  g_autofree char *currency = get_entry (self->currency_entry);
  g_autofree char *revenue = get_entry (self->revenue_entry);

  if (name[0] == '\0')
    report (problems, self->name_entry, _("A name is required."));

  if (country[0] != '\0')
    {
      if (strlen (country) != 2 || !g_ascii_isalpha (country[0]) || !g_ascii_isalpha (country[1]))
        report (problems, self->country_entry,
                _("The country must be a two-letter code such as CN, DE or US."));
      else
        g_hash_table_insert (values, "country", g_ascii_strup (country, -1));
    }

  if (strlen (currency) != 3 || !g_ascii_isalpha (currency[0]) ||
      !g_ascii_isalpha (currency[1]) || !g_ascii_isalpha (currency[2]))
    report (problems, self->currency_entry,
            _("The currency must be a three-letter code such as CNY, EUR or USD."));
  else
    g_hash_table_insert (values, "currency", g_ascii_strup (currency, -1));

  if (revenue[0] != '\0')
    {
      gint64 amount = 0;
      const char *code = g_hash_table_lookup (values, "currency");

      if (!parse_amount (revenue, code != NULL ? code : "USD", &amount))
        report (problems, self->revenue_entry,
                _("The annual revenue must be an amount such as 1,250,000 or 1250000.50."));
      else
        g_hash_table_insert (values, "revenue", g_memdup2 (&amount, sizeof amount));
    }

  validate_contact (self, values, problems);

  return problems->messages->len == 0;
}

static void
set_text_if_changed (CrmRecord  *record,
                     const char *property,
                     const char *value)
{
  value = value != NULL ? value : "";
  if (g_strcmp0 (crm_record_get_text (record, property), value) != 0)
    crm_record_set_text (record, property, value);
}

static void
store_entries (CrmOrganizationPage *self,
               GHashTable          *values)
{
  CrmRecord *record = CRM_RECORD (self->organization);
  g_autofree char *name = get_entry (self->name_entry);
  g_autofree char *address = get_entry (self->address_entry);
  g_autofree char *city = get_entry (self->city_entry);
  g_autofree char *region = get_entry (self->region_entry);
  gint64 *revenue = g_hash_table_lookup (values, "revenue");

  set_text_if_changed (record, "name", name);
  set_text_if_changed (record, "industry", selected_key (self->industry_combo, "industry"));
  set_text_if_changed (record, "size-band", selected_key (self->size_combo, "size"));
  set_text_if_changed (record, "tier", adw_combo_row_get_selected (self->tier_combo) > 0
                                       ? selected_key (self->tier_combo, "tier") : "standard");
  set_text_if_changed (record, "revenue-currency", g_hash_table_lookup (values, "currency"));
  if (crm_organization_get_annual_revenue (self->organization) != (revenue ? *revenue : 0))
    crm_organization_set_annual_revenue (self->organization, revenue ? *revenue : 0);
  set_text_if_changed (record, "website", g_hash_table_lookup (values, "website"));
  set_text_if_changed (record, "phone", g_hash_table_lookup (values, "phone"));
  set_text_if_changed (record, "email", g_hash_table_lookup (values, "email"));
  set_text_if_changed (record, "address", address);
  set_text_if_changed (record, "city", city);
  set_text_if_changed (record, "region", region);
  set_text_if_changed (record, "country", g_hash_table_lookup (values, "country"));
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
      update_fields (self);
      update_actions (self);
      load_sections (self, SECTION_ALL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Nothing is lost: the entries still hold what was typed. */
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

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
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
    crm_store_insert_async (get_store (self), CRM_RECORD (self->organization), self->cancellable,
                            on_inserted_cb, g_object_ref (self));
  else if (crm_record_get_dirty (CRM_RECORD (self->organization)))
    crm_store_save_async (get_store (self), CRM_RECORD (self->organization), self->cancellable,
                          on_saved_cb, g_object_ref (self));

  crm_organization_page_set_editing (self, FALSE);
  update_fields (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  if (get_id (self) == 0)
    {
      crm_organization_page_set_editing (self, FALSE);
      gtk_widget_activate_action (widget, "win.go-back", NULL);
      return;
    }

  crm_organization_page_set_editing (self, FALSE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  crm_organization_page_set_editing (CRM_ORGANIZATION_PAGE (widget), TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  gtk_widget_activate_action (widget, "win.delete-record", "(sx)", "organization", get_id (self));
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  CrmActivityEditor *editor;

  editor = crm_activity_editor_new (self->context, "organization", get_id (self),
                                    g_variant_get_string (param, NULL));
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_website_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  const char *website = crm_organization_get_website (self->organization);
  g_autofree char *uri = NULL;

  if (website[0] == '\0')
    return;

  uri = strstr (website, "://") != NULL ? g_strdup (website) : g_strconcat ("https://", website, NULL);
  crm_launch_uri (widget, uri);
}

static void
on_entry_changed_cb (AdwEntryRow *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
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
connect_store (CrmOrganizationPage *self)
{
  CrmStore *store = get_store (self);

  g_signal_connect_object (store, "changed::organization",
                           G_CALLBACK (on_organization_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::affiliation",
                           G_CALLBACK (on_people_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::person",
                           G_CALLBACK (on_people_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::deal",
                           G_CALLBACK (on_deal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::ticket",
                           G_CALLBACK (on_ticket_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::activity",
                           G_CALLBACK (on_activity_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
crm_organization_page_map (GtkWidget *widget)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  GTK_WIDGET_CLASS (crm_organization_page_parent_class)->map (widget);

  /* A page shown in edit mode (a new record) starts in its first entry. */
  if (self->editing)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
crm_organization_page_constructed (GObject *object)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (object);

  G_OBJECT_CLASS (crm_organization_page_parent_class)->constructed (object);

  g_assert (self->context != NULL && self->organization != NULL);

  self->names = crm_related_names_new (get_store (self), self->cancellable);
  g_signal_connect_object (self->names, "ready", G_CALLBACK (on_names_ready_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->organization, "notify", G_CALLBACK (on_organization_notify_cb),
                           self, G_CONNECT_SWAPPED);
  connect_store (self);

  update_fields (self);
  apply_editing (self);
}

static void
crm_organization_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->organization != NULL)
    g_signal_handlers_disconnect_by_data (self->organization, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ORGANIZATION_PAGE);
  /* The header bar and the scrolled window are not bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->names);
  g_clear_object (&self->organization);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_organization_page_parent_class)->dispose (object);
}

static void
crm_organization_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->organization);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_organization_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      self->organization = g_value_dup_object (value);
      break;

    case PROP_EDITING:
      crm_organization_page_set_editing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmOrganizationPage, name)

static void
crm_organization_page_class_init (CrmOrganizationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_organization_page_constructed;
  object_class->dispose = crm_organization_page_dispose;
  object_class->get_property = crm_organization_page_get_property;
  object_class->set_property = crm_organization_page_set_property;
  widget_class->map = crm_organization_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmOrganizationPage:record:
   *
   * The organization shown; unsaved (id 0) for a new one.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_ORGANIZATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmOrganizationPage:editing:
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
  gtk_widget_class_install_action (widget_class, "page.open-website", NULL, open_website_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "page.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "page.done", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-organization-page.ui");
  BIND (window_title);
  BIND (back_button);
  BIND (cancel_button);
  BIND (edit_button);
  BIND (done_button);
  BIND (menu_button);
  BIND (avatar);
  BIND (name_label);
  BIND (headline_label);
  BIND (error_label);
  BIND (edit_group);
  BIND (name_entry);
  BIND (industry_combo);
  BIND (size_combo);
  BIND (revenue_entry);
  BIND (currency_entry);
  BIND (website_entry);
  BIND (phone_entry);
  BIND (email_entry);
  BIND (address_entry);
  BIND (city_entry);
  BIND (region_entry);
  BIND (country_entry);
  BIND (tier_combo);
  BIND (firmographics_group);
  BIND (industry_row);
  BIND (size_row);
  BIND (revenue_row);
  BIND (location_row);
  BIND (address_row);
  BIND (website_row);
  BIND (website_button);
  BIND (phone_row);
  BIND (email_row);
  BIND (tier_row);
  BIND (owner_row);
  BIND (hierarchy_group);
  BIND (people_group);
  BIND (open_deals_group);
  BIND (closed_deals_group);
  BIND (tickets_group);
  BIND (custom_group);
  BIND (timeline_group);
}

#undef BIND

static void
crm_organization_page_init (CrmOrganizationPage *self)
{
  g_autoptr(GListModel) industries = new_key_model ("industry", C_("industry", "Not Set"));
  g_autoptr(GListModel) sizes = new_key_model ("size", C_("company size", "Not Set"));
  g_autoptr(GListModel) tiers = new_key_model ("tier", C_("account tier", "Not Set"));
  AdwEntryRow *entries[] = {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  guint n = 0;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  adw_combo_row_set_model (self->industry_combo, industries);
  adw_combo_row_set_model (self->size_combo, sizes);
  adw_combo_row_set_model (self->tier_combo, tiers);

  add_list (self->hierarchy_group, &self->parent_list, "hierarchy-list",
            _("No parent or subsidiaries"));
  add_list (self->people_group, &self->people_list, "people-list",
            _("Nobody is linked to this organization"));
  add_list (self->open_deals_group, &self->open_deals_list, "open-deals-list",
            _("No open deals"));
  add_list (self->closed_deals_group, &self->closed_deals_list, "closed-deals-list",
            _("No closed deals"));
  add_list (self->tickets_group, &self->tickets_list, "tickets-list",
            _("No tickets"));
  add_list (self->custom_group, &self->custom_list, "custom-list", "");
  add_list (self->timeline_group, &self->timeline_list, "timeline-list",
            _("No activities yet"));

  entries[n++] = self->name_entry;
  entries[n++] = self->revenue_entry;
  entries[n++] = self->currency_entry;
  entries[n++] = self->website_entry;
  entries[n++] = self->phone_entry;
  entries[n++] = self->email_entry;
  entries[n++] = self->address_entry;
  entries[n++] = self->city_entry;
  entries[n++] = self->region_entry;
  entries[n++] = self->country_entry;
  for (guint i = 0; i < n; i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (on_entry_changed_cb), NULL);
}

CrmOrganizationPage *
crm_organization_page_new (CrmContext      *context,
                           CrmOrganization *organization)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CRM_IS_ORGANIZATION (organization), NULL);

  return g_object_new (CRM_TYPE_ORGANIZATION_PAGE,
                       "context", context,
                       "record", organization,
                       NULL);
}

CrmOrganization *
crm_organization_page_get_record (CrmOrganizationPage *self)
{
  g_return_val_if_fail (CRM_IS_ORGANIZATION_PAGE (self), NULL);

  return self->organization;
}

gboolean
crm_organization_page_get_editing (CrmOrganizationPage *self)
{
  g_return_val_if_fail (CRM_IS_ORGANIZATION_PAGE (self), FALSE);

  return self->editing;
}

void
crm_organization_page_set_editing (CrmOrganizationPage *self,
                                   gboolean             editing)
{
  g_return_if_fail (CRM_IS_ORGANIZATION_PAGE (self));

  editing = !!editing;
  if (self->editing == editing)
    return;

  self->editing = editing;
  if (self->context != NULL)
    apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}
