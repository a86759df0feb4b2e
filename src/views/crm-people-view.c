/* crm-people-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPeopleView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-people-view.h"
#include "crm-format.h"
#include "crm-person.h"
#include "crm-paged-model.h"
#include "crm-query.h"

struct _CrmPeopleView
{
  CrmView      parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmPeopleView, crm_people_view, CRM_TYPE_VIEW)

static char *
person_subtitle_cb (gpointer    item,
                    const char *email,
                    const char *city)
{
  gboolean has_email = email != NULL && email[0] != '\0';
  gboolean has_city = city != NULL && city[0] != '\0';

  if (has_email && has_city)
    /* Translators: a person's email address and city, e.g. "li.na@example.com · Beijing" */
    return g_strdup_printf (C_("person subtitle", "%1$s · %2$s"), email, city);

  return g_strdup (has_email ? email : has_city ? city : "");
}

static CrmQuery *
crm_people_view_create_query (CrmView    *view,
                                  const char *search)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_PERSON);

  if (search[0] != '\0')
    crm_query_add_text (query, "display-name", CRM_QUERY_CONTAINS, search);

  return query;
}

static void
crm_people_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_PEOPLE_VIEW);

  G_OBJECT_CLASS (crm_people_view_parent_class)->dispose (object);
}

static void
crm_people_view_class_init (CrmPeopleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_people_view_dispose;
  view_class->create_query = crm_people_view_create_query;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-people-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, list_view);

  /* The row template names these types in its expressions. */
  g_type_ensure (CRM_TYPE_PAGED_ITEM);
  g_type_ensure (CRM_TYPE_PERSON);
}

static void
crm_people_view_init (CrmPeopleView *self)
{
  g_autoptr(GtkBuilderScope) scope = crm_view_new_row_scope ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "person_subtitle", G_CALLBACK (person_subtitle_cb),
                                           NULL);
  crm_view_set_list_widgets (CRM_VIEW (self), self->list_view, self->stack);
  crm_view_set_row_factory (CRM_VIEW (self), scope, "/io/github/rapportcrm/Rapport/ui/crm-person-row.ui");
}
