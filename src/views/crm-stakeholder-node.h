/* crm-stakeholder-node.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person on a stakeholder canvas: a focusable child that draws itself
 * with the shared renderer and whose accessible name says person, title,
 * role and attitude.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_STAKEHOLDER_NODE (crm_stakeholder_node_get_type ())

G_DECLARE_FINAL_TYPE (CrmStakeholderNode, crm_stakeholder_node, CRM, STAKEHOLDER_NODE, GtkWidget)

gint64 crm_stakeholder_node_get_person_id (CrmStakeholderNode *self);

G_END_DECLS
