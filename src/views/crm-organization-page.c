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

#include "crm-organization-page-private.h"
#include "crm-affiliation.h"
#include "crm-compat.h"
#include "crm-deal.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-related.h"
#include "crm-staff-user.h"
#include "crm-store.h"

typedef enum
{
  SECTION_TIMELINE  = CRM_RECORD_PAGE_SECTION_TIMELINE,
  SECTION_TICKETS   = CRM_RECORD_PAGE_SECTION_TICKETS,
  SECTION_HIERARCHY = CRM_RECORD_PAGE_SECTION_OWN (0),
  SECTION_PEOPLE    = CRM_RECORD_PAGE_SECTION_OWN (1),
  SECTION_DEALS     = CRM_RECORD_PAGE_SECTION_OWN (2),
} Section;

/* What reloads when a table changes. */
static const CrmRecordPageTrigger table_triggers[] = {
  { "organization", SECTION_HIERARCHY },
  { "affiliation", SECTION_PEOPLE },
  { "person", SECTION_PEOPLE },
  { "deal", SECTION_DEALS },
  { "ticket", SECTION_TICKETS },
  { "activity", SECTION_TIMELINE },
  { NULL, 0 }
};

G_DEFINE_FINAL_TYPE (CrmOrganizationPage, crm_organization_page, CRM_TYPE_RECORD_PAGE)

static CrmRelatedNames *
get_names (CrmOrganizationPage *self)
{
  return crm_record_page_get_names (CRM_RECORD_PAGE (self));
}

static char *
describe_location (const char *city,
                   const char *region,
                   const char *country)
{
  g_autofree char *country_name = crm_format_country (country);
  const char *parts[4];
  guint n = 0;

  if (city[0] != '\0')
    parts[n++] = city;
  if (region[0] != '\0' && g_strcmp0 (region, city) != 0)
    parts[n++] = region;
  if (country_name[0] != '\0')
    parts[n++] = country_name;
  parts[n] = NULL;

  /* Translators: the separator between city, region and country */
  return g_strjoinv (C_("location separator", ", "), (char **) parts);
}

static void
update_owner (CrmOrganizationPage *self)
{
  CrmRelatedNames *names = get_names (self);
  gint64 owner = crm_organization_get_owner_id (_crm_organization_page_get_organization (self));
  const char *name = owner != 0 && crm_related_names_is_ready (names)
                     ? g_hash_table_lookup (crm_related_names_get_staff (names), &owner)
                     : NULL;

  crm_page_set_row_value (self->owner_row, name);
}

static void
crm_organization_page_update_fields (CrmRecordPage *page)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (page);
  g_autofree char *phone = NULL;
  CrmOrganization *o = _crm_organization_page_get_organization (self);
  const char *name = crm_organization_get_name (o);
  const char *industry = crm_page_describe_key ("industry", crm_organization_get_industry (o));
  g_autofree char *location = describe_location (crm_organization_get_city (o),
                                                 crm_organization_get_region (o),
                                                 crm_organization_get_country (o));
  g_autofree char *revenue = NULL;
  g_autofree char *headline = NULL;

  if (name[0] == '\0')
    name = crm_record_page_get_id (page) == 0 ? _("New Organization") : _("Unnamed");

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  crm_record_page_set_title (page, name, NULL);

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

  crm_page_set_row_value (self->industry_row, industry);
  crm_page_set_row_value (self->size_row,
                          crm_page_describe_key ("size", crm_organization_get_size_band (o)));
  crm_page_set_row_value (self->revenue_row, revenue);
  crm_page_set_row_value (self->location_row, location);
  crm_page_set_row_value (self->address_row, crm_organization_get_address (o));
  crm_page_set_row_value (self->website_row, crm_organization_get_website (o));
  gtk_widget_set_visible (GTK_WIDGET (self->website_button),
                          crm_organization_get_website (o)[0] != '\0');
  phone = crm_page_format_phone (crm_organization_get_phone (o));
  crm_page_set_row_value (self->phone_row, phone);
  crm_page_set_row_value (self->email_row, crm_organization_get_email (o));
  crm_page_set_row_value (self->tier_row,
                          crm_page_describe_key ("tier", crm_organization_get_tier (o)));
  update_owner (self);
}

static void
crm_organization_page_update_actions (CrmRecordPage *page)
{
  gboolean saved = crm_record_page_get_id (page) != 0;
  gboolean editing = crm_record_page_get_editing (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "page.log-activity", saved && !editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "page.delete", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "page.show-map", saved && !editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "page.edit", !editing);
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
  gint64 parent = crm_organization_get_parent_id (_crm_organization_page_get_organization (self));

  crm_page_fill_list (self->parent_list, records, create_subsidiary_row, self);

  /* The parent comes first, above the subsidiaries. */
  if (parent != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", _("Parent organization"));

      crm_page_row_load_title (row, crm_record_page_get_store (CRM_RECORD_PAGE (self)),
                               CRM_TYPE_ORGANIZATION, parent,
                               crm_record_page_get_cancellable (CRM_RECORD_PAGE (self)));
      crm_page_row_set_target (row, "organization", parent);
      gtk_list_box_prepend (self->parent_list, GTK_WIDGET (row));
    }
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  CrmRecordPage *page = user_data;
  AdwActionRow *row = crm_page_new_affiliation_row (item, CRM_TYPE_PERSON,
                                                    crm_record_page_get_store (page),
                                                    crm_record_page_get_cancellable (page));

  gtk_widget_set_name (GTK_WIDGET (row), "person-row");

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
  CrmRelatedNames *names = get_names (filter->self);
  gboolean open = crm_related_names_deal_state (names, item) == CRM_DEAL_STATE_OPEN;

  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *label = NULL;

  if (open != filter->open)
    return NULL;

  row = crm_page_new_deal_row (item, names);

  /* Each deal has its own stakeholder map. */
  /* Translators: %s is the name of a deal */
  label = g_strdup_printf (_("Stakeholder Map of %s"), crm_deal_get_name (item));
  button = gtk_button_new_from_icon_name ("rapport-people-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Stakeholder Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-map");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sx)", "deal",
                                    crm_record_get_id (CRM_RECORD (item)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
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

  open_total = crm_related_names_deal_total (get_names (self), records, CRM_DEAL_STATE_OPEN,
                                            &n_open);
  won_total = crm_related_names_deal_total (get_names (self), records, CRM_DEAL_STATE_WON,
                                           &n_won);
  set_deal_total (self->open_deals_group, open_total, n_open, TRUE);
  set_deal_total (self->closed_deals_group, won_total, n_won, FALSE);
}

/* The related lists. */
static const CrmRecordPageRelated related[] = {
  { SECTION_HIERARCHY, crm_organization_get_type, "parent-id", on_subsidiaries_loaded_cb },
  { SECTION_PEOPLE, crm_affiliation_get_type, "organization-id", on_people_loaded_cb },
  { SECTION_DEALS, crm_deal_get_type, "organization-id", on_deals_loaded_cb },
  { 0, NULL, NULL, NULL }
};

static void
open_website_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);
  CrmOrganization *organization = _crm_organization_page_get_organization (self);
  const char *website = crm_organization_get_website (organization);
  g_autofree char *uri = NULL;

  if (website[0] == '\0')
    return;

  uri = strstr (website, "://") != NULL ? g_strdup (website) : g_strconcat ("https://", website, NULL);
  crm_launch_uri (widget, uri);
}

static void
crm_organization_page_map (GtkWidget *widget)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  GTK_WIDGET_CLASS (crm_organization_page_parent_class)->map (widget);

  /* A page shown in edit mode (a new record) starts in its first entry. */
  if (crm_record_page_get_editing (CRM_RECORD_PAGE (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmOrganizationPage, name)

static void
crm_organization_page_class_init (CrmOrganizationPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmRecordPageClass *page_class = CRM_RECORD_PAGE_CLASS (klass);

  widget_class->map = crm_organization_page_map;

  page_class->kind = "organization";
  page_class->record_type = CRM_TYPE_ORGANIZATION;
  page_class->uses_names = TRUE;
  page_class->insert_failed_message = N_("The organization could not be saved. Try again.");
  page_class->table_triggers = table_triggers;
  page_class->related = related;
  page_class->update_fields = crm_organization_page_update_fields;
  page_class->update_actions = crm_organization_page_update_actions;
  page_class->apply_editing = _crm_organization_page_apply_editing;
  page_class->commit = _crm_organization_page_commit;

  crm_record_page_class_install_actions (widget_class, CRM_RECORD_PAGE_LOG_ACTIVITY |
                                                       CRM_RECORD_PAGE_SHOW_MAP);
  gtk_widget_class_install_action (widget_class, "page.open-website", NULL, open_website_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-organization-page.ui");
  crm_record_page_class_bind_template_children (widget_class, CRM_RECORD_PAGE_EDIT_BUTTON |
                                                              CRM_RECORD_PAGE_TIMELINE |
                                                              CRM_RECORD_PAGE_TICKETS);
  BIND (avatar);
  BIND (name_label);
  BIND (headline_label);
  BIND (name_entry);
  BIND (industry_combo);
  BIND (size_combo);
  BIND (revenue_entry);
  BIND (currency_entry);
  BIND (website_entry);
  crm_page_class_bind_contact_entries (widget_class,
                                       G_STRUCT_OFFSET (CrmOrganizationPage, contact));
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
}

#undef BIND

static void
crm_organization_page_init (CrmOrganizationPage *self)
{
  g_autoptr(GListModel) industries = crm_page_new_key_model ("industry", C_("industry", "Not Set"));
  g_autoptr(GListModel) sizes = crm_page_new_key_model ("size", C_("company size", "Not Set"));
  g_autoptr(GListModel) tiers = crm_page_new_key_model ("tier", C_("account tier", "Not Set"));

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->industry_combo, industries);
  adw_combo_row_set_model (self->size_combo, sizes);
  adw_combo_row_set_model (self->tier_combo, tiers);

  self->parent_list = crm_page_add_list (self->hierarchy_group, "hierarchy-list",
                                         _("No parent or subsidiaries"));
  self->people_list = crm_page_add_list (self->people_group, "people-list",
                                         _("Nobody is linked to this organization"));
  self->open_deals_list = crm_page_add_list (self->open_deals_group, "open-deals-list",
                                             _("No open deals"));
  self->closed_deals_list = crm_page_add_list (self->closed_deals_group, "closed-deals-list",
                                               _("No closed deals"));

  _crm_organization_page_init_edit (self);
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

  return _crm_organization_page_get_organization (self);
}

gboolean
crm_organization_page_get_editing (CrmOrganizationPage *self)
{
  g_return_val_if_fail (CRM_IS_ORGANIZATION_PAGE (self), FALSE);

  return crm_record_page_get_editing (CRM_RECORD_PAGE (self));
}

void
crm_organization_page_set_editing (CrmOrganizationPage *self,
                                   gboolean             editing)
{
  g_return_if_fail (CRM_IS_ORGANIZATION_PAGE (self));

  crm_record_page_set_editing (CRM_RECORD_PAGE (self), editing);
}
