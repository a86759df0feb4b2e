/* crm-stakeholder-map-view-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the map page (crm-stakeholder-map-view.c), its side panel and
 * insights (crm-stakeholder-map-panel.c) and its export and printing
 * (crm-stakeholder-map-export.c).
 */

#pragma once

#include "crm-stakeholder-map-view.h"

G_BEGIN_DECLS

struct _CrmStakeholderMapView
{
  GtkWidget          parent_instance;

  CrmContext        *context;
  CrmMapScope        scope;
  gint64             scope_id;
  CrmStakeholderMap *map;
  GCancellable      *cancellable;
  gboolean           zoomed;        /* zoomed by hand: no fitting on resize */
  guint              fit_idle_id;

  /* the panel: whose notes the text view holds, and the pending save */
  gint64             notes_person;
  guint              notes_timeout_id;
  gboolean           filling;
  GtkListBox        *managers_list;
  GtkListBox        *links_list;
  GtkPopover        *manager_popover;
  GtkPopover        *link_popover;

  /* template widgets */
  GtkButton         *back_button;
  GtkMenuButton     *add_button;
  GtkPopover        *add_popover;
  GtkSearchEntry    *add_search_entry;
  GtkListBox        *add_list;
  AdwWindowTitle    *window_title;
  GtkToggleButton   *panel_button;
  GtkMenuButton     *export_button;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  AdwStatusPage     *empty_page;
  AdwFlap           *flap;
  GtkWidget         *canvas;
  GtkButton         *zoom_button;
  GtkLabel          *no_selection_label;
  GtkWidget         *person_box;
  AdwActionRow      *person_row;
  AdwAvatar         *person_avatar;
  AdwComboRow       *role_row;
  AdwComboRow       *influence_row;
  AdwComboRow       *attitude_row;
  AdwPreferencesGroup *managers_group;
  GtkMenuButton     *add_manager_button;
  AdwPreferencesGroup *links_group;
  GtkMenuButton     *add_link_button;
  GtkTextView       *notes_view;
  GtkButton         *remove_button;
  GtkStack          *panel_stack;
  AdwPreferencesGroup *insights_group;
  GtkListBox        *insights_list;
};

/* A toast on the window (failures the user should know about). */
void     _crm_stakeholder_map_view_toast            (CrmStakeholderMapView *self,
                                                     const char            *message);
/* The callback and its data for a map edit: a failure becomes a toast. */
GAsyncReadyCallback _crm_stakeholder_map_view_edit_callback (CrmStakeholderMapView *self,
                                                             gpointer              *user_data);
guint    _crm_stakeholder_map_view_get_stale_days   (CrmStakeholderMapView *self);
/* A GtkListBoxFilterFunc over rows with a "name-key" (casefolded name);
 * @user_data is the GtkEditable with the search text. */
gboolean _crm_stakeholder_map_view_filter_row       (GtkListBoxRow         *row,
                                                     gpointer               user_data);

/* crm-stakeholder-map-panel.c */
void     _crm_stakeholder_map_view_class_init_panel (GtkWidgetClass        *widget_class);
void     _crm_stakeholder_map_view_init_panel       (CrmStakeholderMapView *self);
void     _crm_stakeholder_map_view_dispose_panel    (CrmStakeholderMapView *self);
void     _crm_stakeholder_map_view_update_panel     (CrmStakeholderMapView *self);
void     _crm_stakeholder_map_view_update_insights  (CrmStakeholderMapView *self);

/* crm-stakeholder-map-export.c */
void     _crm_stakeholder_map_view_export_action    (GtkWidget             *widget,
                                                     const char            *action_name,
                                                     GVariant              *param);
void     _crm_stakeholder_map_view_print_action     (GtkWidget             *widget,
                                                     const char            *action_name,
                                                     GVariant              *param);

G_END_DECLS
