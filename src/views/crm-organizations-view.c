/* crm-organizations-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmOrganizationsView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-organizations-view.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-paged-model.h"
#include "crm-query.h"

struct _CrmOrganizationsView
{
  CrmView      parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmOrganizationsView, crm_organizations_view, CRM_TYPE_VIEW)

static const struct
{
  const char *key;
  const char *label;
} industries[] = {
  { "agriculture", NC_("industry", "Agriculture") },
  { "automotive", NC_("industry", "Automotive") },
  { "construction", NC_("industry", "Construction") },
  { "consulting", NC_("industry", "Consulting") },
  { "education", NC_("industry", "Education") },
  { "energy", NC_("industry", "Energy") },
  { "finance", NC_("industry", "Finance") },
  { "food", NC_("industry", "Food and Beverage") },
  { "government", NC_("industry", "Government") },
  { "healthcare", NC_("industry", "Healthcare") },
  { "hospitality", NC_("industry", "Hospitality") },
  { "legal", NC_("industry", "Legal Services") },
  { "logistics", NC_("industry", "Logistics") },
  { "manufacturing", NC_("industry", "Manufacturing") },
  { "media", NC_("industry", "Media") },
  { "nonprofit", NC_("industry", "Nonprofit") },
  { "professional-services", NC_("industry", "Professional Services") },
  { "real-estate", NC_("industry", "Real Estate") },
  { "retail", NC_("industry", "Retail") },
  { "software", NC_("industry", "Software") },
  { "telecom", NC_("industry", "Telecommunications") },
  { "wholesale", NC_("industry", "Wholesale") },
};

/* Industries are stored as stable keys; unknown keys are shown as they are. */
static const char *
industry_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (industries); i++)
    if (g_strcmp0 (industries[i].key, key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "industry", industries[i].label);

  return key;
}

static char *
organization_subtitle_cb (gpointer    item,
                          const char *industry,
                          const char *city)
{
  const char *label = industry_label (industry);

  if (label != NULL && label[0] != '\0' && city != NULL && city[0] != '\0')
    /* Translators: an organization's industry and city, e.g. "Software · Shanghai" */
    return g_strdup_printf (C_("organization subtitle", "%1$s · %2$s"), label, city);

  if (label != NULL && label[0] != '\0')
    return g_strdup (label);

  return g_strdup (city != NULL ? city : "");
}

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
  gtk_widget_class_bind_template_child (widget_class, CrmOrganizationsView, list_view);

  /* The row template names these types in its expressions. */
  g_type_ensure (CRM_TYPE_PAGED_ITEM);
  g_type_ensure (CRM_TYPE_ORGANIZATION);
}

static void
crm_organizations_view_init (CrmOrganizationsView *self)
{
  g_autoptr(GtkBuilderScope) scope = crm_view_new_row_scope ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "organization_subtitle", G_CALLBACK (organization_subtitle_cb),
                                           NULL);
  crm_view_set_list_widgets (CRM_VIEW (self), self->list_view, self->stack);
  crm_view_set_row_factory (CRM_VIEW (self), scope, "/io/github/rapportcrm/Rapport/ui/crm-organization-row.ui");
}
