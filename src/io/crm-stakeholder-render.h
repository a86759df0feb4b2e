/* crm-stakeholder-render.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a stakeholder map with cairo and Pango: the same code paints the
 * canvas (through gtk_snapshot_append_cairo), exports SVG, PNG and PDF, and
 * prints.  Influence is the node's size and ring, attitude a colour AND an
 * icon-like mark (plus for supporters, minus for opponents, a dot for
 * neutral), the deal role a label, a stale marker after the stale days.
 * Reports-to lines are solid with an arrow to the manager; influence links
 * dashed and curved.  GTK-free.
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_MAP_STYLE_LIGHT,
  CRM_MAP_STYLE_DARK,
  CRM_MAP_STYLE_HIGH_CONTRAST,
} CrmMapStyle;

typedef struct _CrmMapRenderer CrmMapRenderer;

/* @context: the widget's Pango context (its fonts and direction), or NULL
 * for a default one (export, CLI).  Node text layouts are kept until the
 * map changes. */
CrmMapRenderer *crm_map_renderer_new          (CrmStakeholderMap       *map,
                                               PangoContext            *context);
void            crm_map_renderer_free         (CrmMapRenderer          *self);
void            crm_map_renderer_set_style    (CrmMapRenderer          *self,
                                               CrmMapStyle              style);
/* The clock and stale days of the stale marker. */
void            crm_map_renderer_set_clock    (CrmMapRenderer          *self,
                                               gint64                   now,
                                               guint                    stale_days);
/* Positions (from crm_stakeholder_layout(), possibly moved); referenced. */
void            crm_map_renderer_set_points   (CrmMapRenderer          *self,
                                               GArray                  *points);
const CrmLayoutMetrics *crm_map_renderer_get_metrics (CrmMapRenderer   *self);
/* Drops the cached text after node attributes changed. */
void            crm_map_renderer_invalidate   (CrmMapRenderer          *self);

/* In map units, with @cr's current transformation. */
void            crm_map_renderer_draw_background (CrmMapRenderer       *self,
                                                  cairo_t              *cr,
                                                  double                x,
                                                  double                y,
                                                  double                width,
                                                  double                height);
void            crm_map_renderer_draw_edges   (CrmMapRenderer          *self,
                                               cairo_t                 *cr);
/* Node @index drawn at its point; @selected adds the selection outline. */
void            crm_map_renderer_draw_node    (CrmMapRenderer          *self,
                                               cairo_t                 *cr,
                                               guint                    index,
                                               gboolean                 selected);
/* Everything: background, edges, nodes, a legend of attitudes and lines. */
void            crm_map_renderer_draw         (CrmMapRenderer          *self,
                                               cairo_t                 *cr);
/* The drawing's extent in map units (nodes, edges and legend). */
void            crm_map_renderer_get_extent   (CrmMapRenderer          *self,
                                               double                  *x,
                                               double                  *y,
                                               double                  *width,
                                               double                  *height);

/* The whole map laid out (placements kept) to a file; PNG at @scale. */
gboolean        crm_stakeholder_export_svg    (CrmStakeholderMap       *map,
                                               CrmMapStyle              style,
                                               gint64                   now,
                                               guint                    stale_days,
                                               const char              *path,
                                               GError                 **error);
gboolean        crm_stakeholder_export_png    (CrmStakeholderMap       *map,
                                               CrmMapStyle              style,
                                               gint64                   now,
                                               guint                    stale_days,
                                               double                   scale,
                                               const char              *path,
                                               GError                 **error);
gboolean        crm_stakeholder_export_pdf    (CrmStakeholderMap       *map,
                                               CrmMapStyle              style,
                                               gint64                   now,
                                               guint                    stale_days,
                                               const char              *path,
                                               GError                 **error);

G_END_DECLS
