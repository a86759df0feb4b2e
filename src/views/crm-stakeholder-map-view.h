/* crm-stakeholder-map-view.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map page of an organization or a deal, pushed on the
 * window's page stack (win.show-map): a header with back, the title, Add
 * Person, Tidy Up, zoom and an Export menu (PNG, SVG, Print); the canvas; a
 * side panel editing the selected person (role, influence, attitude,
 * managers, influence links, notes); and the coverage insights.
 */

#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAKEHOLDER_MAP_VIEW (crm_stakeholder_map_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmStakeholderMapView, crm_stakeholder_map_view, CRM, STAKEHOLDER_MAP_VIEW, GtkWidget)

/* Loads the map of @scope @scope_id; properties "context", "scope" (CrmMapScope
 * as int), "scope-id", and "map" (the loaded CrmStakeholderMap, NULL while
 * loading) and "canvas" (read-only, for tests). */
GtkWidget         *crm_stakeholder_map_view_new        (CrmContext            *context,
                                                        CrmMapScope            scope,
                                                        gint64                 scope_id);
CrmMapScope        crm_stakeholder_map_view_get_scope  (CrmStakeholderMapView *self);
gint64             crm_stakeholder_map_view_get_scope_id (CrmStakeholderMapView *self);
CrmStakeholderMap *crm_stakeholder_map_view_get_map    (CrmStakeholderMapView *self);
GtkWidget         *crm_stakeholder_map_view_get_canvas (CrmStakeholderMapView *self);

G_END_DECLS
