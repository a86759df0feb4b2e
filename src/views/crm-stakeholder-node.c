/* crm-stakeholder-node.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node is only a focus and accessibility target: the canvas places it,
 * handles its pointer input and keys, and draws it through the shared
 * renderer, so that a node on screen looks like the same node in an export.
 */

#define G_LOG_DOMAIN "CrmStakeholderNode"

#include "config.h"

#include "crm-stakeholder-canvas-private.h"
#include "crm-stakeholder-node.h"

struct _CrmStakeholderNode
{
  GtkWidget parent_instance;

  gint64    person_id;
  gboolean  selected;
};

G_DEFINE_FINAL_TYPE (CrmStakeholderNode, crm_stakeholder_node, GTK_TYPE_WIDGET)

static void
crm_stakeholder_node_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (CRM_IS_STAKEHOLDER_CANVAS (parent))
    _crm_stakeholder_canvas_snapshot_node (CRM_STAKEHOLDER_CANVAS (parent),
                                           CRM_STAKEHOLDER_NODE (widget), snapshot);
}

static void
crm_stakeholder_node_class_init (CrmStakeholderNodeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = crm_stakeholder_node_snapshot;

  gtk_widget_class_set_css_name (widget_class, "stakeholder-node");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
crm_stakeholder_node_init (CrmStakeholderNode *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

CrmStakeholderNode *
_crm_stakeholder_node_new (gint64 person_id)
{
  CrmStakeholderNode *self = g_object_new (CRM_TYPE_STAKEHOLDER_NODE, NULL);

  self->person_id = person_id;
  return self;
}

gint64
crm_stakeholder_node_get_person_id (CrmStakeholderNode *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_NODE (self), 0);

  return self->person_id;
}

void
_crm_stakeholder_node_set_selected (CrmStakeholderNode *self,
                                    gboolean            selected)
{
  g_assert (CRM_IS_STAKEHOLDER_NODE (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  if (selected)
    gtk_widget_set_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self), GTK_STATE_FLAG_SELECTED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
_crm_stakeholder_node_get_selected (CrmStakeholderNode *self)
{
  g_assert (CRM_IS_STAKEHOLDER_NODE (self));

  return self->selected;
}
