/* crm-stakeholder-layout.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automatic layout of a stakeholder map, as pure functions: the
 * reporting tree in layers (managers above their reports; a person with
 * several managers under the lowest of them; cycles broken
 * deterministically), departments grouped side by side within a layer,
 * nodes never overlapping, the same positions for the same data.  Nodes
 * placed by hand keep their place.  GTK-free.
 */

#pragma once

#include <glib.h>

#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

typedef struct
{
  double node_width;    /* the box every node is drawn in, map units */
  double node_height;
  double h_gap;         /* between nodes side by side */
  double v_gap;         /* between layers */
  double group_gap;     /* between departments in a layer */
} CrmLayoutMetrics;

typedef struct
{
  double x;             /* a node's centre */
  double y;
  guint  layer;         /* 0 at the top */
} CrmLayoutPoint;

void    crm_stakeholder_layout_metrics_init (CrmLayoutMetrics        *metrics);

/* One CrmLayoutPoint per node of @map, in node order.  With @keep_placed,
 * nodes placed by hand stay where they are and the others are laid out
 * around them without overlapping them.  Transfer full. */
GArray *crm_stakeholder_layout              (CrmStakeholderMap       *map,
                                             const CrmLayoutMetrics  *metrics,
                                             gboolean                 keep_placed);

/* The box holding every node of @points (node boxes included). */
void    crm_stakeholder_layout_bounds       (GArray                  *points,
                                             const CrmLayoutMetrics  *metrics,
                                             double                  *x,
                                             double                  *y,
                                             double                  *width,
                                             double                  *height);

typedef enum
{
  CRM_LAYOUT_UP,      /* to a manager (the nearest one), else the nearest node above */
  CRM_LAYOUT_DOWN,    /* to a report (the nearest one), else the nearest node below */
  CRM_LAYOUT_LEFT,    /* the nearest node to the left in about the same row */
  CRM_LAYOUT_RIGHT,
} CrmLayoutDirection;

/* The node keyboard focus moves to from node @index; -1 when none. */
int     crm_stakeholder_layout_neighbour    (CrmStakeholderMap       *map,
                                             GArray                  *points,
                                             guint                    index,
                                             CrmLayoutDirection       direction);

G_END_DECLS
