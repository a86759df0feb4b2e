/* crm-stakeholder-canvas.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing area of a stakeholder map: one focusable, accessible
 * CrmStakeholderNode child per person, placed by crm_stakeholder_layout();
 * lines drawn under them by the shared renderer.  Zoom (Ctrl+scroll, pinch,
 * Ctrl+plus/minus/0) and pan (drag the background, scroll).  Dragging a node
 * moves and places it; dragging from a node's edge handle to another node
 * offers "Reports to" and "Influences".  Every drag has a keyboard and menu
 * twin: arrows move between nodes along the lines, Alt+arrows move the
 * selected node, the node menu (right click, Menu, Shift+F10) holds every
 * action.  Edits go straight to the map; failures are emitted as "error".
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAKEHOLDER_CANVAS (crm_stakeholder_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CrmStakeholderCanvas, crm_stakeholder_canvas, CRM, STAKEHOLDER_CANVAS, GtkWidget)

/* Properties: "map" (CrmStakeholderMap), "selected" (gint64 person id, 0:
 * none), "zoom" (double, 0.25–4), "stale-days" (guint), "now" (gint64, unix
 * time; 0: the real clock).
 *
 * Signals:
 *   "activate-person" (gint64 person_id): Enter or a double click on a node.
 *   "error" (const char *message): an edit the map refused or could not save.
 *
 * Actions (group "canvas", on the canvas; the node menu uses them with the
 * node's person id as target):
 *   canvas.zoom-in, canvas.zoom-out, canvas.zoom-fit, canvas.tidy,
 *   canvas.open-person (x), canvas.set-manager (x)   — then pick the manager,
 *   canvas.add-influence (x)                          — then pick whom they influence,
 *   canvas.remove-manager ((xx)) person, manager,
 *   canvas.remove-influence ((xx)) from, to,
 *   canvas.set-role ((xs)), canvas.set-influence ((xs)), canvas.set-attitude ((xs)),
 *   canvas.move-node ((xdd)) person, dx, dy in map units
 * and (added with the canvas):
 *   canvas.connect-manager ((xx)) person, manager      — what a picked target or
 *   canvas.connect-influence ((xx)) from, to            — a dragged line adds,
 *   canvas.cancel-pick                                  — leaves the pick mode.
 *
 * The canvas is a GtkScrollable: in a GtkScrolledWindow its adjustments
 * drive the scrollbars; alone it still pans itself (drag, scroll).
 */

GtkWidget         *crm_stakeholder_canvas_new          (void);
CrmStakeholderMap *crm_stakeholder_canvas_get_map      (CrmStakeholderCanvas *self);
void               crm_stakeholder_canvas_set_map      (CrmStakeholderCanvas *self,
                                                        CrmStakeholderMap    *map);
gint64             crm_stakeholder_canvas_get_selected (CrmStakeholderCanvas *self);
/* Selects and focuses @person_id's node and scrolls it into view. */
void               crm_stakeholder_canvas_set_selected (CrmStakeholderCanvas *self,
                                                        gint64                person_id);
double             crm_stakeholder_canvas_get_zoom     (CrmStakeholderCanvas *self);
void               crm_stakeholder_canvas_set_zoom     (CrmStakeholderCanvas *self,
                                                        double                zoom);
void               crm_stakeholder_canvas_zoom_to_fit  (CrmStakeholderCanvas *self);
/* The node widget of @person_id (tests, accessibility), or NULL. */
GtkWidget         *crm_stakeholder_canvas_get_node     (CrmStakeholderCanvas *self,
                                                        gint64                person_id);
/* The current centre of @person_id's node in map units. */
gboolean           crm_stakeholder_canvas_get_position (CrmStakeholderCanvas *self,
                                                        gint64                person_id,
                                                        double               *x,
                                                        double               *y);

G_END_DECLS
