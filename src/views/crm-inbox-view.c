/* crm-inbox-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmInboxView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-inbox-view.h"
#include "crm-format.h"
#include "crm-ticket.h"
#include "crm-paged-model.h"
#include "crm-query.h"

struct _CrmInboxView
{
  CrmView      parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CrmInboxView, crm_inbox_view, CRM_TYPE_VIEW)

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "new") == 0)
    return C_("ticket status", "New");
  if (g_strcmp0 (status, "open") == 0)
    return C_("ticket status", "Open");
  if (g_strcmp0 (status, "waiting-on-customer") == 0)
    return C_("ticket status", "Waiting on Customer");
  if (g_strcmp0 (status, "resolved") == 0)
    return C_("ticket status", "Resolved");
  if (g_strcmp0 (status, "closed") == 0)
    return C_("ticket status", "Closed");

  return status;
}

static char *
ticket_subtitle_cb (gpointer    item,
                    gint64      number,
                    const char *status)
{
  /* Translators: a ticket's number and status, e.g. "#1024 · Waiting on Customer" */
  return g_strdup_printf (C_("ticket subtitle", "#%1$d · %2$s"),
                          (int) number, status_label (status));
}

static char *
priority_label_cb (gpointer    item,
                   const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return g_strdup (C_("ticket priority", "Low"));
  if (g_strcmp0 (priority, "normal") == 0)
    return g_strdup (C_("ticket priority", "Normal"));
  if (g_strcmp0 (priority, "high") == 0)
    return g_strdup (C_("ticket priority", "High"));
  if (g_strcmp0 (priority, "urgent") == 0)
    return g_strdup (C_("ticket priority", "Urgent"));

  return g_strdup (priority);
}

static GStrv
priority_classes_cb (gpointer    item,
                     const char *priority)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv classes;

  g_strv_builder_add (builder, "priority-badge");
  if (priority != NULL && priority[0] != '\0')
    g_strv_builder_add (builder, priority);

  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return classes;
}

static CrmQuery *
crm_inbox_view_create_query (CrmView    *view,
                                 const char *search)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_TICKET);

  /* The inbox holds what still needs work: resolved and closed tickets
   * leave it.  The newest requests come first (ids grow with their creation
   * time, see crm-id.h). */
  crm_query_add_text (query, "status", CRM_QUERY_NE, "resolved");
  crm_query_add_text (query, "status", CRM_QUERY_NE, "closed");
  crm_query_set_order (query, NULL, TRUE);
  if (search[0] != '\0')
    crm_query_add_text (query, "subject", CRM_QUERY_CONTAINS, search);

  return query;
}

static void
crm_inbox_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_INBOX_VIEW);

  G_OBJECT_CLASS (crm_inbox_view_parent_class)->dispose (object);
}

static void
crm_inbox_view_class_init (CrmInboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_inbox_view_dispose;
  view_class->create_query = crm_inbox_view_create_query;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-inbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmInboxView, list_view);

  /* The row template names these types in its expressions. */
  g_type_ensure (CRM_TYPE_PAGED_ITEM);
  g_type_ensure (CRM_TYPE_TICKET);
}

static void
crm_inbox_view_init (CrmInboxView *self)
{
  g_autoptr(GtkBuilderScope) scope = crm_view_new_row_scope ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "ticket_subtitle", G_CALLBACK (ticket_subtitle_cb),
                                           "priority_label", G_CALLBACK (priority_label_cb),
                                           "priority_classes", G_CALLBACK (priority_classes_cb),
                                           NULL);
  crm_view_set_list_widgets (CRM_VIEW (self), self->list_view, self->stack);
  crm_view_set_row_factory (CRM_VIEW (self), scope, "/io/github/rapportcrm/Rapport/ui/crm-ticket-row.ui");
}
