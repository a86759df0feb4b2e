/* crm-stakeholder-map-panel.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side panel of the map page: the selected person's role, influence,
 * attitude, managers, influence links and notes, and the coverage insights
 * of the whole map.  Rebuilt from the map after every change; edits go to
 * the map, which saves them.
 */

#define G_LOG_DOMAIN "CrmStakeholderMapView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-stakeholder-map-view-private.h"
#include "crm-keys.h"
#include "crm-page-util.h"
#include "crm-stakeholder-canvas.h"
#include "crm-stakeholder-coverage.h"

/* The notes are saved this long after the last key, or on leaving them. */
#define NOTES_DELAY_MS 800

static gint64
get_selected (CrmStakeholderMapView *self)
{
  if (self->map == NULL)
    return 0;

  return crm_stakeholder_canvas_get_selected (CRM_STAKEHOLDER_CANVAS (self->canvas));
}

static const CrmMapNode *
get_node (CrmStakeholderMapView *self,
          gint64                 person_id)
{
  int index;

  if (self->map == NULL || person_id == 0)
    return NULL;
  index = crm_stakeholder_map_find_node (self->map, person_id);

  return index >= 0 ? crm_stakeholder_map_get_node (self->map, index) : NULL;
}

static const char *
node_name (const CrmMapNode *node)
{
  return node != NULL && node->name != NULL && node->name[0] != '\0' ? node->name : _("Unnamed");
}

/* The combo rows: index 0 of the role is "None"; the keys follow. */

static GListModel *
new_key_model (const char *domain,
               const char *none_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = 0;
  const CrmKeyName *keys = crm_keys_list (domain, &n);

  if (none_label != NULL)
    gtk_string_list_append (list, none_label);
  for (guint i = 0; keys != NULL && i < n; i++)
    gtk_string_list_append (list, g_dpgettext2 (GETTEXT_PACKAGE, keys[i].context, keys[i].label));

  return G_LIST_MODEL (list);
}

static guint
key_index (const char *domain,
           const char *key,
           gboolean    with_none)
{
  guint n = 0;
  const CrmKeyName *keys = crm_keys_list (domain, &n);

  for (guint i = 0; keys != NULL && i < n; i++)
    if (g_strcmp0 (keys[i].key, key) == 0)
      return with_none ? i + 1 : i;

  return with_none ? 0 : GTK_INVALID_LIST_POSITION;
}

static const char *
index_key (const char *domain,
           guint       index,
           gboolean    with_none)
{
  guint n = 0;
  const CrmKeyName *keys = crm_keys_list (domain, &n);

  if (with_none)
    {
      if (index == 0)
        return "";
      index--;
    }

  return keys != NULL && index < n ? keys[index].key : NULL;
}

static void
set_attribute (CrmStakeholderMapView *self,
               const char            *attribute,
               const char            *value)
{
  gint64 selected = get_selected (self);
  gpointer data;
  GAsyncReadyCallback callback;

  if (selected == 0 || value == NULL)
    return;

  callback = _crm_stakeholder_map_view_edit_callback (self, &data);
  crm_stakeholder_map_set_attribute_async (self->map, selected, attribute, value,
                                           self->cancellable, callback, data);
}

static void
on_combo_selected_cb (AdwComboRow           *row,
                      GParamSpec            *pspec,
                      CrmStakeholderMapView *self)
{
  const CrmMapNode *node = get_node (self, get_selected (self));
  const char *domain = g_object_get_data (G_OBJECT (row), "domain");
  const char *attribute = g_object_get_data (G_OBJECT (row), "attribute");
  gboolean with_none = row == self->role_row;
  const char *key = index_key (domain, adw_combo_row_get_selected (row), with_none);
  const char *current = NULL;

  if (self->filling || node == NULL || key == NULL)
    return;

  if (g_str_equal (attribute, "role"))
    current = node->role;
  else if (g_str_equal (attribute, "influence"))
    current = node->influence;
  else
    current = node->attitude;

  if (g_strcmp0 (current, key) != 0)
    set_attribute (self, attribute, key);
}

static void
setup_combo (CrmStakeholderMapView *self,
             AdwComboRow           *row,
             const char            *domain,
             const char            *attribute,
             const char            *none_label)
{
  g_autoptr(GListModel) model = new_key_model (domain, none_label);

  adw_combo_row_set_model (row, model);
  g_object_set_data (G_OBJECT (row), "domain", (gpointer) domain);
  g_object_set_data (G_OBJECT (row), "attribute", (gpointer) attribute);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self, 0);
}

/* Notes. */

static char *
dup_notes_text (CrmStakeholderMapView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_notes (CrmStakeholderMapView *self)
{
  const CrmMapNode *node = get_node (self, self->notes_person);
  g_autofree char *text = NULL;
  gpointer data;
  GAsyncReadyCallback callback;

  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  if (node == NULL)
    return;

  text = dup_notes_text (self);
  if (g_strcmp0 (text, node->notes != NULL ? node->notes : "") == 0)
    return;

  callback = _crm_stakeholder_map_view_edit_callback (self, &data);
  crm_stakeholder_map_set_attribute_async (self->map, self->notes_person, "notes", text,
                                           self->cancellable, callback, data);
}

static gboolean
on_notes_timeout_cb (gpointer user_data)
{
  CrmStakeholderMapView *self = user_data;

  self->notes_timeout_id = 0;
  save_notes (self);

  return G_SOURCE_REMOVE;
}

static void
on_notes_changed_cb (CrmStakeholderMapView *self)
{
  if (self->filling)
    return;

  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  self->notes_timeout_id = g_timeout_add (NOTES_DELAY_MS, on_notes_timeout_cb, self);
}

static void
on_notes_leave_cb (CrmStakeholderMapView *self)
{
  if (self->notes_timeout_id != 0)
    save_notes (self);
}

/* Managers and influence links. */

static GtkWidget *
new_person_row (CrmStakeholderMapView *self,
                const CrmMapNode      *node,
                const char            *subtitle,
                const char            *remove_action,
                GVariant              *remove_target,
                const char            *remove_label)
{
  AdwActionRow *row = crm_page_new_row (node_name (node), subtitle);
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  const char *label = remove_label;

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), remove_action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), remove_target);
  adw_action_row_add_suffix (row, button);

  /* Activating the row goes to the person on the map. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "map.select");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", node->person_id);

  return GTK_WIDGET (row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  /* The placeholder is not a child of the list's rows. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static void
fill_relations (CrmStakeholderMapView *self,
                gint64                 selected)
{
  guint n_edges = crm_stakeholder_map_get_n_edges (self->map);

  clear_list (self->managers_list);
  clear_list (self->links_list);

  for (guint i = 0; i < n_edges; i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, i);
      const CrmMapNode *other;
      GtkWidget *row;
      g_autofree char *label = NULL;

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->from == selected)
        {
          other = get_node (self, edge->to);
          if (other == NULL)
            continue;
          /* Translators: the tooltip of a button; %s is a person's name */
          label = g_strdup_printf (_("Remove Manager %s"), node_name (other));
          row = new_person_row (self, other, other->title, "map.remove-manager",
                                g_variant_new_int64 (edge->to), label);
          gtk_list_box_append (self->managers_list, row);
        }
      else if (edge->kind == CRM_MAP_EDGE_INFLUENCES && (edge->from == selected || edge->to == selected))
        {
          gboolean out = edge->from == selected;

          other = get_node (self, out ? edge->to : edge->from);
          if (other == NULL)
            continue;
          /* Translators: the tooltip of a button; %s is a person's name */
          label = g_strdup_printf (_("Remove Influence Link with %s"), node_name (other));
          row = new_person_row (self, other,
                                out ? _("Influenced by this person") : _("Influences this person"),
                                "map.remove-link", g_variant_new ("(xx)", edge->from, edge->to),
                                label);
          gtk_list_box_append (self->links_list, row);
        }
    }
}

/* The person pickers of "Add Manager…" and "Add Influence Link…". */

static gboolean
is_manager (CrmStakeholderMapView *self,
            gint64                 person,
            gint64                 manager)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (self->map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, i);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->from == person && edge->to == manager)
        return TRUE;
    }
  return FALSE;
}

static gboolean
influences (CrmStakeholderMapView *self,
            gint64                 from,
            gint64                 to)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (self->map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (self->map, i);

      if (edge->kind == CRM_MAP_EDGE_INFLUENCES && edge->from == from && edge->to == to)
        return TRUE;
    }
  return FALSE;
}

static void
on_picker_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            GtkPopover    *popover)
{
  CrmStakeholderMapView *self = g_object_get_data (G_OBJECT (popover), "view");
  const char *action = g_object_get_data (G_OBJECT (popover), "action");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id");

  gtk_popover_popdown (popover);
  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", id);
}

static void
on_picker_show_cb (GtkPopover *popover)
{
  CrmStakeholderMapView *self = g_object_get_data (G_OBJECT (popover), "view");
  GtkListBox *list = g_object_get_data (G_OBJECT (popover), "list");
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "entry");
  gboolean managers = popover == self->manager_popover;
  gint64 selected = get_selected (self);
  guint n = self->map != NULL ? crm_stakeholder_map_get_n_nodes (self->map) : 0;

  gtk_editable_set_text (entry, "");
  clear_list (list);

  for (guint i = 0; i < n; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (self->map, i);
      GtkWidget *row, *box, *name, *title;
      gint64 *id;

      if (node->person_id == selected ||
          (managers && is_manager (self, selected, node->person_id)) ||
          (!managers && influences (self, selected, node->person_id)))
        continue;

      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      name = gtk_label_new (node_name (node));
      title = gtk_label_new (node->title);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (title, "caption");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_set_visible (title, node->title != NULL && node->title[0] != '\0');
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), title);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      id = g_new (gint64, 1);
      *id = node->person_id;
      g_object_set_data_full (G_OBJECT (row), "person-id", id, g_free);
      g_object_set_data_full (G_OBJECT (row), "name-key", g_utf8_casefold (node_name (node), -1),
                              g_free);
      gtk_list_box_append (list, row);
    }
  gtk_list_box_invalidate_filter (list);
}

static void
on_picker_search_changed_cb (GtkEditable *entry,
                             GtkListBox  *list)
{
  gtk_list_box_invalidate_filter (list);
}

static void
on_picker_search_activate_cb (GtkEditable *entry,
                              GtkPopover  *popover)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (popover), "list");

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        on_picker_row_activated_cb (list, GTK_LIST_BOX_ROW (row), popover);
        return;
      }
}

static GtkPopover *
new_picker (CrmStakeholderMapView *self,
            GtkMenuButton         *button,
            const char            *action,
            const char            *placeholder,
            const char            *list_label)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (_("No one else is on the map"));

  gtk_widget_set_size_request (box, 260, -1);
  g_object_set (entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  list_label, -1);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), _crm_stakeholder_map_view_filter_row,
                                entry, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (entry), popover);

  g_object_set_data (G_OBJECT (popover), "view", self);
  g_object_set_data (G_OBJECT (popover), "action", (gpointer) action);
  g_object_set_data (G_OBJECT (popover), "list", list);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_signal_connect (popover, "show", G_CALLBACK (on_picker_show_cb), NULL);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_picker_row_activated_cb), popover);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_picker_search_changed_cb), list);
  g_signal_connect (entry, "activate", G_CALLBACK (on_picker_search_activate_cb), popover);

  gtk_menu_button_set_popover (button, popover);

  return GTK_POPOVER (popover);
}

/* Insights. */

void
_crm_stakeholder_map_view_update_insights (CrmStakeholderMapView *self)
{
  CrmCoverageRules rules;
  g_autoptr(GArray) findings = NULL;

  clear_list (self->insights_list);
  gtk_widget_set_visible (GTK_WIDGET (self->insights_group), self->map != NULL);
  if (self->map == NULL)
    return;

  crm_coverage_rules_init (&rules, crm_context_get_now (self->context));
  rules.stale_days = _crm_stakeholder_map_view_get_stale_days (self);
  findings = crm_stakeholder_coverage (self->map, &rules);

  for (guint i = 0; i < findings->len; i++)
    {
      const CrmCoverageFinding *finding = &g_array_index (findings, CrmCoverageFinding, i);
      AdwActionRow *row = crm_page_new_insight_row (finding, self->map, &rules);

      if (finding->person_id != 0)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "map.select");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", finding->person_id);
        }
      gtk_list_box_append (self->insights_list, GTK_WIDGET (row));
    }

  adw_preferences_group_set_description (self->insights_group,
                                         findings->len == 0
                                         ? _("No gaps: the people who decide are known and engaged.")
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->insights_list), findings->len > 0);
  /* A dot on the Insights tab while there is something to act on. */
  g_object_set (gtk_stack_get_page (self->panel_stack,
                                    gtk_stack_get_child_by_name (self->panel_stack, "insights")),
                "needs-attention", findings->len > 0, NULL);
}

/* The panel. */

void
_crm_stakeholder_map_view_update_panel (CrmStakeholderMapView *self)
{
  gint64 selected = get_selected (self);
  const CrmMapNode *node = get_node (self, selected);

  /* Notes typed for the person selected before are kept. */
  if (self->notes_person != selected && self->notes_timeout_id != 0)
    save_notes (self);

  /* Choosing someone shows their details; choosing no one, the insights. */
  if (self->notes_person != selected && self->map != NULL)
    gtk_stack_set_visible_child_name (self->panel_stack, node != NULL ? "person" : "insights");

  gtk_widget_set_visible (GTK_WIDGET (self->no_selection_label), node == NULL && self->map != NULL);
  gtk_widget_set_visible (self->person_box, node != NULL);
  if (node == NULL)
    {
      self->notes_person = 0;
      return;
    }

  self->filling = TRUE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), node_name (node));
  adw_action_row_set_subtitle (self->person_row, node->title != NULL ? node->title : "");
  adw_avatar_set_text (self->person_avatar, node_name (node));

  adw_combo_row_set_selected (self->role_row, key_index ("role", node->role, TRUE));
  adw_combo_row_set_selected (self->influence_row, key_index ("influence", node->influence, FALSE));
  adw_combo_row_set_selected (self->attitude_row, key_index ("attitude", node->attitude, FALSE));

  fill_relations (self, selected);

  /* The text being typed is not replaced by the saved copy of itself. */
  if (self->notes_person != selected || self->notes_timeout_id == 0)
    {
      g_autofree char *current = dup_notes_text (self);
      const char *notes = node->notes != NULL ? node->notes : "";

      if (g_strcmp0 (current, notes) != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
    }
  self->notes_person = selected;

  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), self->scope == CRM_MAP_SCOPE_DEAL);

  self->filling = FALSE;
}

/* Actions. */

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);

  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (self->canvas),
                                       g_variant_get_int64 (param));
  /* Over a narrow window the panel covers the map: show the person. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
open_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gint64 selected = get_selected (CRM_STAKEHOLDER_MAP_VIEW (widget));

  if (selected != 0)
    gtk_widget_activate_action (widget, "win.show-record", "(sx)", "person", selected);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  gint64 selected = get_selected (self);
  gpointer data;
  GAsyncReadyCallback callback;

  if (selected == 0)
    return;

  callback = _crm_stakeholder_map_view_edit_callback (self, &data);
  if (g_str_equal (action_name, "map.add-manager"))
    crm_stakeholder_map_add_manager_async (self->map, selected, g_variant_get_int64 (param),
                                           self->cancellable, callback, data);
  else if (g_str_equal (action_name, "map.remove-manager"))
    crm_stakeholder_map_remove_manager_async (self->map, selected, g_variant_get_int64 (param),
                                              self->cancellable, callback, data);
  else if (g_str_equal (action_name, "map.add-link"))
    crm_stakeholder_map_add_influence_async (self->map, selected, g_variant_get_int64 (param),
                                             "medium", self->cancellable, callback, data);
  else if (g_str_equal (action_name, "map.remove-person"))
    crm_stakeholder_map_remove_person_async (self->map, selected, self->cancellable,
                                             callback, data);
  else
    g_object_unref (data);
}

static void
remove_link_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  gint64 from = 0, to = 0;
  gpointer data;
  GAsyncReadyCallback callback;

  if (self->map == NULL)
    return;

  g_variant_get (param, "(xx)", &from, &to);
  callback = _crm_stakeholder_map_view_edit_callback (self, &data);
  crm_stakeholder_map_remove_influence_async (self->map, from, to, self->cancellable,
                                              callback, data);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* Escape in the panel over a narrow map closes the panel first. */
static gboolean
on_panel_escape_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CrmStakeholderMapView *self = user_data;

  if (!adw_flap_get_folded (self->flap) || !adw_flap_get_reveal_flap (self->flap))
    return FALSE;

  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->panel_button));

  return TRUE;
}

void
_crm_stakeholder_map_view_class_init_panel (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.select", "x", select_action);
  gtk_widget_class_install_action (widget_class, "map.open-person", NULL, open_person_action);
  gtk_widget_class_install_action (widget_class, "map.add-manager", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "map.remove-manager", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "map.add-link", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "map.remove-link", "(xx)", remove_link_action);
  gtk_widget_class_install_action (widget_class, "map.remove-person", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "map.toggle-panel", NULL, toggle_panel_action);
}

void
_crm_stakeholder_map_view_init_panel (CrmStakeholderMapView *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  setup_combo (self, self->role_row, "role", "role", C_("stakeholder role", "None"));
  setup_combo (self, self->influence_row, "influence", "influence", NULL);
  setup_combo (self, self->attitude_row, "attitude", "attitude", NULL);

  self->managers_list = crm_page_new_list (_("Reports to no one on the map"), _("Reports To"));
  gtk_widget_set_name (GTK_WIDGET (self->managers_list), "managers-list");
  adw_preferences_group_add (self->managers_group, GTK_WIDGET (self->managers_list));
  self->links_list = crm_page_new_list (_("No influence links"), _("Influence Links"));
  gtk_widget_set_name (GTK_WIDGET (self->links_list), "links-list");
  adw_preferences_group_add (self->links_group, GTK_WIDGET (self->links_list));

  self->manager_popover = new_picker (self, self->add_manager_button, "map.add-manager",
                                      _("Search managers"), _("People who could be the manager"));
  self->link_popover = new_picker (self, self->add_link_button, "map.add-link",
                                   _("Search people"), _("People this person could influence"));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_notes_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_panel_escape_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (adw_flap_get_flap (self->flap), shortcuts);
}

void
_crm_stakeholder_map_view_dispose_panel (CrmStakeholderMapView *self)
{
  /* Notes typed just before leaving the page are saved. */
  if (self->notes_timeout_id != 0 && self->map != NULL)
    {
      g_autofree char *text = dup_notes_text (self);

      g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
      if (get_node (self, self->notes_person) != NULL)
        crm_stakeholder_map_set_attribute_async (self->map, self->notes_person, "notes", text,
                                                 NULL, NULL, NULL);
    }
  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
}
