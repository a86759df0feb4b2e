/* crm-stakeholder-canvas-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between the canvas (crm-stakeholder-canvas.c: layout, drawing,
 * zoom, scrolling), its pointer input (crm-stakeholder-canvas-input.c), its
 * keyboard, actions and menus (crm-stakeholder-canvas-keys.c) and its node
 * children.
 */

#pragma once

#include "crm-stakeholder-canvas.h"
#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-node.h"
#include "crm-stakeholder-render.h"

G_BEGIN_DECLS

#define CRM_CANVAS_ZOOM_MIN  0.25
#define CRM_CANVAS_ZOOM_MAX  4.0
#define CRM_CANVAS_ZOOM_STEP 1.25
#define CRM_CANVAS_MOVE_STEP 20.0   /* Alt+arrow, in map units */
#define CRM_CANVAS_HANDLE_MIN_ZOOM 0.5  /* no edge handle below this zoom */
#define CRM_CANVAS_ZOOM_READABLE 0.6    /* the least zoom at which a card's text is drawn well */
#define CRM_CANVAS_SMALL_MAP 30         /* nodes of a map fitted at a readable zoom when it can be */

typedef enum
{
  CRM_CANVAS_PICK_NONE,
  CRM_CANVAS_PICK_MANAGER,     /* the next node picked is the source's manager */
  CRM_CANVAS_PICK_INFLUENCED,  /* the next node picked is influenced by the source */
} CrmCanvasPick;

typedef enum
{
  CRM_CANVAS_DRAG_NONE,
  CRM_CANVAS_DRAG_PAN,
  CRM_CANVAS_DRAG_MOVE,
  CRM_CANVAS_DRAG_LINK,
} CrmCanvasDrag;

struct _CrmStakeholderCanvas
{
  GtkWidget          parent_instance;

  CrmStakeholderMap *map;
  CrmMapRenderer    *renderer;
  CrmLayoutMetrics   metrics;
  GArray            *points;         /* CrmLayoutPoint per node, in node order */
  GPtrArray         *nodes;          /* CrmStakeholderNode per node, in node order */
  double             bx, by, bw, bh; /* the drawing's box in map units, margin included */
  double             view_x;         /* the map point at the top left corner */
  double             view_y;
  int                last_width;     /* the size of the last allocation */
  int                last_height;
  GCancellable      *cancellable;

  gint64             selected;
  double             zoom;
  guint              stale_days;
  gint64             now;
  CrmMapStyle        style;
  gboolean           need_fit;       /* fit the map to each new size until the view is moved */
  gboolean           fit_whole;      /* the whole map, even too small to read (Zoom to Fit) */
  int                fit_width;      /* the size it was fitted to */
  int                fit_height;
  gint64             reveal;         /* scroll this node into view on the next allocation */

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;

  GskRenderNode     *static_layer;   /* background and lines at the view below */
  double             layer_view_x;
  double             layer_view_y;
  double             layer_zoom;
  int                layer_width;
  int                layer_height;
  gboolean           allocating;

  /* pointer */
  double             pointer_x;
  double             pointer_y;
  gboolean           pointer_inside;
  CrmCanvasDrag      drag;
  gint64             drag_person;
  double             drag_start_x;
  double             drag_start_y;
  double             drag_grab_x;    /* map offset from the grabbed point to the node's centre */
  double             drag_grab_y;
  double             pan_h0;
  double             pan_v0;
  gboolean           drag_moved;
  gint64             link_target;
  double             link_x;
  double             link_y;
  double             pinch_zoom0;
  double             drag_x;         /* the pointer during a drag */
  double             drag_y;
  guint              autoscroll_id;  /* tick callback while dragging near an edge */
  GtkGesture        *drag_gesture;   /* owned by the canvas's controllers */

  /* the edge handle shown on the hovered or selected node */
  GtkWidget         *handle;
  gint64             handle_person;
  double             handle_x;
  double             handle_y;
  GtkWidget         *accent_probe;

  /* pick mode of Set Manager… and Add Influence Link… */
  CrmCanvasPick      pick;
  gint64             pick_source;
  GtkWidget         *hint;
  GtkWidget         *hint_label;

  /* the node menu and the menu after a link drag */
  GtkWidget         *menu;
  GtkWidget         *link_menu;

  /* Alt+arrows, on the window while the canvas is in one */
  GtkEventController *root_keys;
};

/* crm-stakeholder-canvas.c */
CrmStakeholderNode *_crm_stakeholder_canvas_node_at        (CrmStakeholderCanvas *self,
                                                            double                x,
                                                            double                y);
int                 _crm_stakeholder_canvas_index_of       (CrmStakeholderCanvas *self,
                                                            gint64                person_id);
void                _crm_stakeholder_canvas_select         (CrmStakeholderCanvas *self,
                                                            gint64                person_id,
                                                            gboolean              focus,
                                                            gboolean              reveal);
void                _crm_stakeholder_canvas_zoom_around    (CrmStakeholderCanvas *self,
                                                            double                zoom,
                                                            double                x,
                                                            double                y);
void                _crm_stakeholder_canvas_node_rect      (CrmStakeholderCanvas *self,
                                                            guint                 index,
                                                            graphene_rect_t      *rect);
void                _crm_stakeholder_canvas_snapshot_node  (CrmStakeholderCanvas *self,
                                                            CrmStakeholderNode   *node,
                                                            GtkSnapshot          *snapshot);
void                _crm_stakeholder_canvas_update_handle  (CrmStakeholderCanvas *self);
void                _crm_stakeholder_canvas_to_map         (CrmStakeholderCanvas *self,
                                                            double                wx,
                                                            double                wy,
                                                            double               *mx,
                                                            double               *my);
void                _crm_stakeholder_canvas_invalidate     (CrmStakeholderCanvas *self);
void                _crm_stakeholder_canvas_relayout       (CrmStakeholderCanvas *self);
/* Scrolls by (@dx, @dy) pixels, beyond the drawing if need be. */
void                _crm_stakeholder_canvas_scroll_by      (CrmStakeholderCanvas *self,
                                                            double                dx,
                                                            double                dy);
void                _crm_stakeholder_canvas_emit_activate  (CrmStakeholderCanvas *self,
                                                            gint64                person_id);
void                _crm_stakeholder_canvas_emit_error     (CrmStakeholderCanvas *self,
                                                            const char           *message);

/* crm-stakeholder-canvas-input.c */
void                _crm_stakeholder_canvas_init_input     (CrmStakeholderCanvas *self);
void                _crm_stakeholder_canvas_dispose_input  (CrmStakeholderCanvas *self);
gboolean            _crm_stakeholder_canvas_cancel_drag    (CrmStakeholderCanvas *self);

/* crm-stakeholder-canvas-keys.c */
void                _crm_stakeholder_canvas_class_init_keys (GtkWidgetClass      *widget_class);
void                _crm_stakeholder_canvas_init_keys      (CrmStakeholderCanvas *self);
void                _crm_stakeholder_canvas_dispose_keys   (CrmStakeholderCanvas *self);
void                _crm_stakeholder_canvas_root_keys      (CrmStakeholderCanvas *self,
                                                            gboolean              rooted);
void                _crm_stakeholder_canvas_update_actions (CrmStakeholderCanvas *self);
/* Enter, space or a click on @person_id: the pick mode's target, or "activate-person". */
void                _crm_stakeholder_canvas_activate       (CrmStakeholderCanvas *self,
                                                            gint64                person_id,
                                                            gboolean              open);
gboolean            _crm_stakeholder_canvas_pick_target    (CrmStakeholderCanvas *self,
                                                            gint64                person_id);
void                _crm_stakeholder_canvas_cancel_pick    (CrmStakeholderCanvas *self);
/* The node menu of @person_id pointing at @rect (canvas coordinates), or at the node when NULL. */
void                _crm_stakeholder_canvas_show_menu      (CrmStakeholderCanvas *self,
                                                            gint64                person_id,
                                                            const GdkRectangle   *rect);
/* "Reports to" / "Influences" after dragging a line from @from to @to. */
void                _crm_stakeholder_canvas_show_link_menu (CrmStakeholderCanvas *self,
                                                            gint64                from,
                                                            gint64                to,
                                                            double                x,
                                                            double                y);
void                _crm_stakeholder_canvas_place          (CrmStakeholderCanvas *self,
                                                            gint64                person_id,
                                                            double                x,
                                                            double                y);

/* crm-stakeholder-node.c */
CrmStakeholderNode *_crm_stakeholder_node_new              (gint64                person_id);
void                _crm_stakeholder_node_set_selected     (CrmStakeholderNode   *self,
                                                            gboolean              selected);
gboolean            _crm_stakeholder_node_get_selected     (CrmStakeholderNode   *self);

G_END_DECLS
