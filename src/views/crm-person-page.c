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
#include "crm-activity-editor.h"
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
#include "crm-ticket.h"

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
  GSettings *settings = crm_context_get_settings (self->context);
  g_autofree char *currency = g_settings_get_string (settings, "default-currency");
  g_autofree char *lifetime = crm_format_money (crm_person_get_total_spend (self->person), currency);
  g_autofree char *count = crm_format_count (crm_person_get_order_count (self->person));
  g_autofree char *last = NULL;
  gint64 score = crm_person_get_rfm_score (self->person);

  if (crm_person_get_last_purchase (self->person) != 0)
    last = crm_format_date (crm_person_get_last_purchase (self->person));

  crm_page_set_row_value (self->lifetime_row, lifetime);
  crm_page_set_row_value (self->orders_row, count);
  crm_page_set_row_value (self->last_purchase_row, last);

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

void
_crm_person_page_update_fields (CrmPersonPage *self)
{
  g_autofree char *phone = NULL;
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

void
_crm_person_page_update_actions (CrmPersonPage *self)
{
  gboolean saved = get_id (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.log-activity", saved && !self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", !self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.done", self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.cancel", self->editing);
  _crm_person_page_update_photo_actions (self);
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
  crm_page_note_limit (self->purchases_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
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
  crm_page_note_limit (self->deals_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
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
  crm_page_note_limit (self->tickets_group, g_list_model_get_n_items (records), CRM_RELATED_LIMIT);
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
  crm_page_note_limit (self->timeline_group, g_list_model_get_n_items (records),
                       CRM_RELATED_TIMELINE_LIMIT);
}

void
_crm_person_page_load_sections (CrmPersonPage *self,
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
  _crm_person_page_load_sections (self, pending);

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
  _crm_person_page_load_sections (self, SECTION_ALL);
}

static void
on_person_notify_cb (CrmPersonPage *self)
{
  _crm_person_page_update_fields (self);
  _crm_person_page_update_actions (self);
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

  crm_page_set_text_if_changed (CRM_RECORD (self->person), "preferred-channel", key);
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
  _crm_person_page_init_photo (self);

  _crm_person_page_update_fields (self);
  _crm_person_page_apply_editing (self);
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

  gtk_widget_class_install_action (widget_class, "page.edit", NULL,
                                   _crm_person_page_edit_action);
  gtk_widget_class_install_action (widget_class, "page.done", NULL,
                                   _crm_person_page_done_action);
  gtk_widget_class_install_action (widget_class, "page.cancel", NULL,
                                   _crm_person_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.log-activity", "s", log_activity_action);
  _crm_person_page_install_photo (widget_class);
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
  gtk_widget_class_bind_template_child (widget_class, CrmPersonPage, photo_button);
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
  g_autoptr(GListModel) genders = crm_page_new_key_model ("gender", C_("gender", "Not Set"));
  g_autoptr(GListModel) channels = crm_page_new_key_model ("channel", C_("channel", "None"));

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  adw_combo_row_set_model (self->gender_combo, genders);
  adw_combo_row_set_model (self->channel_combo, channels);

  self->affiliations_list = crm_page_add_list (self->affiliations_group, "affiliations-list",
                                               _("Not affiliated with any organization"));
  self->orders_list = crm_page_add_list (self->purchases_group, "purchases-list", _("No orders"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->orders_list), 12);
  self->deals_list = crm_page_add_list (self->deals_group, "deals-list", _("No deals"));
  self->tickets_list = crm_page_add_list (self->tickets_group, "tickets-list", _("No tickets"));
  self->custom_list = crm_page_add_list (self->custom_group, "custom-list", "");
  self->timeline_list = crm_page_add_list (self->timeline_group, "timeline-list",
                                           _("No activities yet"));

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
    _crm_person_page_apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}
