/* crm-pipeline-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPipelineView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-pipeline-view.h"
#include "crm-format.h"
#include "crm-deal.h"
#include "crm-paged-model.h"
#include "crm-query.h"

struct _CrmPipelineView
{
  CrmView      parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmPipelineView, crm_pipeline_view, CRM_TYPE_VIEW)

static char *
deal_subtitle_cb (gpointer    item,
                  const char *expected_close)
{
  g_autofree char *date = crm_format_iso_date (expected_close);

  if (date == NULL)
    return g_strdup (_("No expected close date"));

  /* Translators: %s is a date, e.g. "Expected to close Mar 5, 2026" */
  return g_strdup_printf (_("Expected to close %s"), date);
}

static char *
deal_amount_cb (gpointer    item,
                gint64      amount,
                const char *currency)
{
  return crm_format_money (amount, currency);
}

/* The deal row's map button: win.show-map ("deal", id). */
static void
deal_map_clicked_cb (GtkButton   *button,
                     GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);
  gint64 id = CRM_IS_PAGED_ITEM (item) ? crm_paged_item_get_id (item) : 0;

  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (button), "win.show-map", "(sx)", "deal", id);
}

static CrmQuery *
crm_pipeline_view_create_query (CrmView    *view,
                                    const char *search)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_DEAL);

  /* Open deals only (closed is the time the deal was won or lost), the ones
   * expected to close soonest first. */
  crm_query_add_int (query, "closed", CRM_QUERY_EQ, 0);
  crm_query_set_order (query, "expected-close", FALSE);
  if (search[0] != '\0')
    crm_query_add_text (query, "name", CRM_QUERY_CONTAINS, search);

  return query;
}

static void
crm_pipeline_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_PIPELINE_VIEW);

  G_OBJECT_CLASS (crm_pipeline_view_parent_class)->dispose (object);
}

static void
crm_pipeline_view_class_init (CrmPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_pipeline_view_dispose;
  view_class->create_query = crm_pipeline_view_create_query;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineView, list_view);

  /* The row template names these types in its expressions. */
  g_type_ensure (CRM_TYPE_PAGED_ITEM);
  g_type_ensure (CRM_TYPE_DEAL);
}

static void
crm_pipeline_view_init (CrmPipelineView *self)
{
  g_autoptr(GtkBuilderScope) scope = crm_view_new_row_scope ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "deal_subtitle", G_CALLBACK (deal_subtitle_cb),
                                           "deal_amount", G_CALLBACK (deal_amount_cb),
                                           "deal_map_clicked", G_CALLBACK (deal_map_clicked_cb),
                                           NULL);
  crm_view_set_list_widgets (CRM_VIEW (self), self->list_view, self->stack);
  crm_view_set_row_factory (CRM_VIEW (self), scope, "/io/github/rapportcrm/Rapport/ui/crm-deal-row.ui");
}
