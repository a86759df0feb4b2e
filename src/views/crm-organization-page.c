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
#include "crm-activity-editor.h"
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
#include "crm-ticket.h"

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
  gint64 owner = crm_organization_get_owner_id (self->organization);
  const char *name = owner != 0 && crm_related_names_is_ready (self->names)
                     ? g_hash_table_lookup (crm_related_names_get_staff (self->names), &owner)
                     : NULL;

  crm_page_set_row_value (self->owner_row, name);
}

void
_crm_organization_page_update_fields (CrmOrganizationPage *self)
{
  g_autofree char *phone = NULL;
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

void
_crm_organization_page_update_actions (CrmOrganizationPage *self)
{
  gboolean saved = get_id (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.log-activity", saved && !self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.show-map", saved && !self->editing);
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

  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *label = NULL;

  if (open != filter->open)
    return NULL;

  row = crm_page_new_deal_row (item, filter->self->names);

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
  crm_page_note_limit (self->tickets_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
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
  crm_page_note_limit (self->timeline_group, g_list_model_get_n_items (records),
                       CRM_RELATED_TIMELINE_LIMIT);
}

void
_crm_organization_page_load_sections (CrmOrganizationPage *self,
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
  _crm_organization_page_load_sections (self, pending);

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
  _crm_organization_page_load_sections (self, SECTION_ALL);
}

static void
on_organization_notify_cb (CrmOrganizationPage *self)
{
  _crm_organization_page_update_fields (self);
  _crm_organization_page_update_actions (self);
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
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CrmOrganizationPage *self = CRM_ORGANIZATION_PAGE (widget);

  gtk_widget_activate_action (widget, "win.show-map", "(sx)", "organization", get_id (self));
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

  _crm_organization_page_update_fields (self);
  _crm_organization_page_apply_editing (self);
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

  gtk_widget_class_install_action (widget_class, "page.edit", NULL,
                                   _crm_organization_page_edit_action);
  gtk_widget_class_install_action (widget_class, "page.done", NULL,
                                   _crm_organization_page_done_action);
  gtk_widget_class_install_action (widget_class, "page.cancel", NULL,
                                   _crm_organization_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.log-activity", "s", log_activity_action);
  gtk_widget_class_install_action (widget_class, "page.open-website", NULL, open_website_action);
  gtk_widget_class_install_action (widget_class, "page.show-map", NULL, show_map_action);
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
  g_autoptr(GListModel) industries = crm_page_new_key_model ("industry", C_("industry", "Not Set"));
  g_autoptr(GListModel) sizes = crm_page_new_key_model ("size", C_("company size", "Not Set"));
  g_autoptr(GListModel) tiers = crm_page_new_key_model ("tier", C_("account tier", "Not Set"));

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

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
  self->tickets_list = crm_page_add_list (self->tickets_group, "tickets-list",
                                          _("No tickets"));
  self->custom_list = crm_page_add_list (self->custom_group, "custom-list", "");
  self->timeline_list = crm_page_add_list (self->timeline_group, "timeline-list",
                                           _("No activities yet"));

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
    _crm_organization_page_apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}
