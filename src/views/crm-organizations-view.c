/* crm-organizations-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmOrganizationsView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-organizations-view.h"
#include "crm-filter.h"
#include "crm-format.h"
#include "crm-view-private.h"
#include "crm-organization.h"
#include "crm-paged-model.h"
#include "crm-query.h"
#include "crm-keys.h"
#include "crm-record.h"

struct _CrmOrganizationsView
{
  CrmView        parent_instance;

  /* template widgets */
  GtkStack      *stack;
  GtkColumnView *column_view;
  GtkRevealer   *filter_bar;
  GtkLabel      *filter_label;
  GtkRevealer   *selection_bar;
  GtkLabel      *selection_label;
  GtkMenuButton *columns_button;
};

G_DEFINE_FINAL_TYPE (CrmOrganizationsView, crm_organizations_view, CRM_TYPE_VIEW)

static char *
choice_label (const char *field_key,
              const char *key)
{
  const CrmFilterField *field = crm_filter_find_field ("organization", field_key);

  for (guint i = 0; field != NULL && i < field->n_choices; i++)
    if (g_strcmp0 (field->choices[i].key, key) == 0)
      return g_strdup (crm_filter_choice_get_label (&field->choices[i]));
  return g_strdup (key);
}

static char *
dup_default_currency (CrmView *view)
{
  CrmContext *context = crm_view_get_context (view);

  if (context == NULL)
    return g_strdup ("USD");
  return g_settings_get_string (crm_context_get_settings (context), "default-currency");
}

static char *
name_cell (CrmView *view, CrmRecord *record)
{
  return g_strdup (crm_record_get_text (record, "name"));
}

static char *
industry_cell (CrmView *view, CrmRecord *record)
{
  return g_strdup (crm_keys_get_label ("industry", crm_record_get_text (record, "industry")));
}

static char *
size_cell (CrmView *view, CrmRecord *record)
{
  return choice_label ("size", crm_record_get_text (record, "size-band"));
}

static char *
tier_cell (CrmView *view, CrmRecord *record)
{
  return choice_label ("tier", crm_record_get_text (record, "tier"));
}

static char *
revenue_cell (CrmView *view, CrmRecord *record)
{
  gint64 revenue = crm_record_get_int (record, "annual-revenue");

  if (revenue == 0)
    return g_strdup ("");
  return crm_format_money_short (revenue, crm_record_get_text (record, "revenue-currency"));
}

static char *
region_cell (CrmView *view, CrmRecord *record)
{
  return g_strdup (crm_record_get_text (record, "region"));
}

static char *
city_cell (CrmView *view, CrmRecord *record)
{
  return g_strdup (crm_record_get_text (record, "city"));
}

static char *
owner_cell (CrmView *view, CrmRecord *record)
{
  const char *name = _crm_view_get_staff_name (view, crm_record_get_int (record, "owner-id"));

  return g_strdup (name != NULL ? name : "");
}

static char *
open_deals_cell (CrmView *view, CrmRecord *record)
{
  g_autofree char *currency = NULL;
  gint64 value = crm_record_get_int (record, "open-deal-value");

  if (crm_record_get_int (record, "open-deal-count") == 0)
    return g_strdup ("");
  /* Deals may be in several currencies; the sum is kept in the default one. */
  currency = dup_default_currency (view);
  return crm_format_money_short (value, currency);
}

static char *
last_activity_cell (CrmView *view, CrmRecord *record)
{
  CrmContext *context = crm_view_get_context (view);
  gint64 when = crm_record_get_int (record, "last-activity");

  if (when == 0 || context == NULL)
    return g_strdup ("");
  return crm_format_relative (when, crm_context_get_now (context));
}

static const CrmViewColumn columns[] = {
  { "name", N_("Name"), "", name_cell, CRM_VIEW_COLUMN_EXPAND, 26 },
  { "industry", N_("Industry"), "industry", industry_cell, CRM_VIEW_COLUMN_OPTIONAL, 14 },
  { "size", N_("Size"), "size-band", size_cell, CRM_VIEW_COLUMN_OPTIONAL, 16 },
  { "annual-revenue", N_("Annual Revenue"), "annual-revenue", revenue_cell,
    CRM_VIEW_COLUMN_NUMERIC | CRM_VIEW_COLUMN_OPTIONAL, 16 },
  { "region", N_("Region"), "region", region_cell, CRM_VIEW_COLUMN_OPTIONAL },
  { "city", N_("City"), "city", city_cell, CRM_VIEW_COLUMN_HIDDEN },
  { "tier", N_("Tier"), "tier", tier_cell, CRM_VIEW_COLUMN_HIDDEN },
  { "owner", N_("Owner"), NULL, owner_cell, CRM_VIEW_COLUMN_OPTIONAL },
  { "open-deal-value", N_("Open Deals"), "open-deal-value", open_deals_cell,
    CRM_VIEW_COLUMN_NUMERIC | CRM_VIEW_COLUMN_OPTIONAL, 14 },
  { "last-activity", N_("Last Activity"), "last-activity", last_activity_cell, CRM_VIEW_COLUMN_OPTIONAL },
};

static CrmQuery *
crm_organizations_view_create_query (CrmView    *view,
                                     const char *search)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_ORGANIZATION);

  if (search[0] != '\0')
    crm_query_add_text (query, "name", CRM_QUERY_CONTAINS, search);

  return query;
}

static void
crm_organizations_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_ORGANIZATIONS_VIEW);

  G_OBJECT_CLASS (crm_organizations_view_parent_class)->dispose (object);
}

static void
crm_organizations_view_class_init (CrmOrganizationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_organizations_view_dispose;
  view_class->create_query = crm_organizations_view_create_query;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-organizations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, columns_button);

  g_type_ensure (CRM_TYPE_ORGANIZATION);
}

static void
crm_organizations_view_init (CrmOrganizationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  crm_view_set_table (CRM_VIEW (self), self->column_view, self->stack, columns, G_N_ELEMENTS (columns));
  crm_view_set_bars (CRM_VIEW (self), self->filter_bar, self->filter_label,
                     self->selection_bar, self->selection_label);
  crm_view_set_columns_button (CRM_VIEW (self), self->columns_button);
}
