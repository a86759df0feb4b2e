/* crm-stakeholder-render-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parts of the stakeholder map renderer share: sizes, palettes,
 * the renderer's fields and the drawing helpers.
 */

#pragma once

#include <pango/pangocairo.h>

#include "crm-stakeholder-render.h"

G_BEGIN_DECLS

#define RADIUS          12.0   /* card corners */
#define STRIPE           5.0   /* attitude stripe at the card's left */
#define AVATAR_X        44.0   /* avatar centre from the card's left */
#define TEXT_X          84.0   /* text column from the card's left */
#define PAD             12.0
#define CLOCK_ROOM      16.0   /* the stale clock's room at the end of the name line */
#define NAME_PX         15.0
#define TITLE_PX        13.0
#define ROLE_PX         11.0
#define INITIALS_PX     17.0
#define LEGEND_PX       13.0
#define LEGEND_GAP      40.0   /* between the map and the legend below it */
#define EXPORT_MARGIN   32.0
#define READABLE_PX      6.0   /* below this on the device, text becomes bars */
#define MAX_PNG_SIDE 32767.0   /* cairo's image surface limit */
#define MAX_PNG_PIXELS  80e6
#define MAX_PDF_SIDE 14400.0   /* points: the largest page PDF readers accept */

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba   background;
  Rgba   card;
  Rgba   border;
  Rgba   shadow;
  Rgba   text;
  Rgba   dim;
  Rgba   line;
  Rgba   influence;
  Rgba   accent;
  Rgba   pill;          /* role pill background */
  Rgba   pill_text;
  Rgba   stale;
  Rgba   supporter;
  Rgba   neutral;
  Rgba   opponent;
  Rgba   mark;          /* the badge's mark */
  double tint;          /* how much of the attitude colour the avatar takes */
  double border_width;
  double line_width;
} Palette;



typedef struct
{
  PangoLayout *initials;
  PangoLayout *name;
  PangoLayout *title;    /* NULL without a title */
  PangoLayout *role;     /* NULL without a role */
  gboolean     stale;    /* the role pill leaves room for the clock */
} NodeText;

typedef enum
{
  LEGEND_SUPPORTER,
  LEGEND_NEUTRAL,
  LEGEND_OPPONENT,
  LEGEND_STALE,
  LEGEND_REPORTS_TO,
  LEGEND_INFLUENCES,
  LEGEND_INFLUENCE,
  LEGEND_LOW,
  LEGEND_MEDIUM,
  LEGEND_HIGH,
  N_LEGEND
} LegendItem;

struct _CrmMapRenderer
{
  CrmStakeholderMap    *map;
  PangoContext         *context;
  PangoFontDescription *font;
  gulong                changed_id;
  CrmMapStyle           style;
  gint64                now;
  guint                 stale_days;
  GArray               *points;
  CrmLayoutMetrics      metrics;

  /* Caches, dropped by crm_map_renderer_invalidate(). */
  NodeText             *texts;        /* per node, filled as drawn */
  guint                 n_texts;
  GHashTable           *index;        /* person id → node index + 1 */
  guint                 index_n_nodes;
  guint8               *bus_level;    /* per node: the height of its reports' bus */
  double               *column_top;   /* per node in a column of reports: the column's top, else NAN */
  PangoLayout          *legend[N_LEGEND];
  guint                 legend_stale_days;
};

/* crm-stakeholder-render.c */
void                _crm_map_set_rgba         (cairo_t               *cr,
                                               const Rgba            *c);
Rgba                _crm_map_mix              (const Rgba            *a,
                                               const Rgba            *b,
                                               double                 t);
const Palette      *_crm_map_palette          (CrmMapRenderer        *self);
void                _crm_map_rounded_rect     (cairo_t               *cr,
                                               double                 x,
                                               double                 y,
                                               double                 w,
                                               double                 h,
                                               double                 r);
PangoLayout        *_crm_map_make_layout      (CrmMapRenderer        *self,
                                               const char            *text,
                                               double                 px,
                                               PangoWeight            weight,
                                               double                 width);
void                _crm_map_show_layout      (cairo_t               *cr,
                                               PangoLayout           *layout,
                                               double                 x,
                                               double                 y);
void                _crm_map_layout_size      (PangoLayout           *layout,
                                               double                *w,
                                               double                *h);
double              _crm_map_text_width       (CrmMapRenderer        *self);
gboolean            _crm_map_is_stale         (CrmMapRenderer        *self,
                                               const CrmMapNode      *node);
const CrmLayoutPoint *_crm_map_points_of      (CrmMapRenderer        *self);
int                 _crm_map_find_node        (CrmMapRenderer        *self,
                                               gint64                 person_id);
double              _crm_map_device_scale     (cairo_t               *cr);
const Rgba         *_crm_map_attitude_colour  (const Palette         *pal,
                                               const char            *attitude);
void                _crm_map_attitude_badge   (const Palette         *pal,
                                               cairo_t               *cr,
                                               const char            *attitude,
                                               const Rgba            *ring,
                                               double                 x,
                                               double                 y,
                                               double                 r);
void                _crm_map_clock_mark       (const Palette         *pal,
                                               cairo_t               *cr,
                                               double                 x,
                                               double                 y,
                                               double                 r);
double              _crm_map_influence_ring   (const char            *influence);

/* crm-stakeholder-render-edges.c */
void                _crm_map_arrow_head       (cairo_t               *cr,
                                               double                 x,
                                               double                 y,
                                               double                 dx,
                                               double                 dy,
                                               double                 size);

/* crm-stakeholder-render-export.c: the legend */
void                _crm_map_legend_box       (CrmMapRenderer        *self,
                                               double                *x,
                                               double                *y,
                                               double                *w,
                                               double                *h);
void                _crm_map_draw_legend      (CrmMapRenderer        *self,
                                               cairo_t               *cr);

G_END_DECLS
