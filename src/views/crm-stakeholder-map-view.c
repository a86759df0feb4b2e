/* crm-stakeholder-map-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page around the canvas: loading, error and empty states, the header's
 * Add Person, Tidy Up and Export menu, the zoom buttons over the canvas, and
 * the side panel (crm-stakeholder-map-panel.c) with the selected person and
 * the coverage insights.  Every edit goes to the map model, which saves it;
 * the page redraws from the map's "changed" signal.
 */

#define G_LOG_DOMAIN "CrmStakeholderMapView"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-stakeholder-map-view-private.h"
#include "crm-stakeholder-canvas.h"
#include "crm-stakeholder-render.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-record.h"
#include "crm-window.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SCOPE,
  PROP_SCOPE_ID,
  PROP_MAP,
  PROP_CANVAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmStakeholderMapView, crm_stakeholder_map_view, GTK_TYPE_WIDGET)

/* Helpers shared with the panel. */

void
_crm_stakeholder_map_view_toast (CrmStakeholderMapView *self,
                                 const char            *message)
{
  crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_edit_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmStakeholderMapView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_stakeholder_map_edit_finish (CRM_STAKEHOLDER_MAP (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_stakeholder_map_view_toast (self, error->message);
}

GAsyncReadyCallback
_crm_stakeholder_map_view_edit_callback (CrmStakeholderMapView  *self,
                                         gpointer               *user_data)
{
  *user_data = g_object_ref (self);
  return on_edit_done_cb;
}

guint
_crm_stakeholder_map_view_get_stale_days (CrmStakeholderMapView *self)
{
  return crm_page_get_stale_days (self->context);
}

/* States. */

static void
update_zoom_label (CrmStakeholderMapView *self)
{
  double zoom = crm_stakeholder_canvas_get_zoom (CRM_STAKEHOLDER_CANVAS (self->canvas));
  /* Translators: a zoom level, "125%" */
  g_autofree char *label = g_strdup_printf (_("%.0f%%"), zoom * 100.0);

  g_autofree char *accessible = NULL;

  gtk_button_set_label (self->zoom_button, label);
  /* Translators: the accessible name of the zoom level button; %s is "125%" */
  accessible = g_strdup_printf (_("Reset Zoom, Now %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
update_actions (CrmStakeholderMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->map != NULL;
  gboolean any = loaded && crm_stakeholder_map_get_n_nodes (self->map) > 0;
  double zoom = crm_stakeholder_canvas_get_zoom (CRM_STAKEHOLDER_CANVAS (self->canvas));

  gtk_widget_action_set_enabled (widget, "map.add-person", loaded);
  gtk_widget_action_set_enabled (widget, "map.new-person", loaded);
  gtk_widget_action_set_enabled (widget, "map.tidy", any);
  gtk_widget_action_set_enabled (widget, "map.export", any);
  gtk_widget_action_set_enabled (widget, "map.print", any);
  gtk_widget_action_set_enabled (widget, "map.zoom-in", any && zoom < 4.0 - 0.001);
  gtk_widget_action_set_enabled (widget, "map.zoom-out", any && zoom > 0.25 + 0.001);
  gtk_widget_action_set_enabled (widget, "map.zoom-reset", any);
  gtk_widget_action_set_enabled (widget, "map.zoom-fit", any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), loaded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->panel_button), any);
}

static void
update_state (CrmStakeholderMapView *self)
{
  const char *title;

  if (self->map == NULL)
    {
      update_actions (self);
      return;
    }

  title = crm_stakeholder_map_get_title (self->map);
  adw_window_title_set_subtitle (self->window_title, title != NULL ? title : "");
  /* A narrow header cuts the title short: the whole of it on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), title);

  if (crm_stakeholder_map_get_n_nodes (self->map) == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       self->scope == CRM_MAP_SCOPE_DEAL
                                       ? _("Add the people who take part in this deal: who decides, who influences and who could block it.")
                                       : _("Add the people of this organization to draw who reports to whom and who influences whom."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "map");
    }

  update_actions (self);
}

static void
on_map_changed_cb (CrmStakeholderMapView *self,
                   guint                  what)
{
  update_state (self);
  _crm_stakeholder_map_view_update_panel (self);
  _crm_stakeholder_map_view_update_insights (self);
}

static void
set_map (CrmStakeholderMapView *self,
         CrmStakeholderMap     *map)
{
  if (self->map == map)
    return;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (map, "changed", G_CALLBACK (on_map_changed_cb), self,
                             G_CONNECT_SWAPPED);

  crm_stakeholder_canvas_set_map (CRM_STAKEHOLDER_CANVAS (self->canvas), map);
  /* What to act on first; a person chosen on the map shows their details. */
  gtk_stack_set_visible_child_name (self->panel_stack, "insights");
  g_object_set (self->canvas,
                "stale-days", _crm_stakeholder_map_view_get_stale_days (self),
                "now", crm_context_get_now (self->context),
                NULL);

  update_state (self);
  _crm_stakeholder_map_view_update_panel (self);
  _crm_stakeholder_map_view_update_insights (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

static void on_flap_folded_cb (CrmStakeholderMapView *self);

static void
on_map_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmStakeholderMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_load_finish (result, &error);

  if (map == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not load the stakeholder map: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return;
    }

  set_map (self, map);

  /* The canvas fits the map to the size it had; once the page has its
   * final size, fit again. */
  on_flap_folded_cb (self);
}

static void
load (CrmStakeholderMapView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->stack, "loading");
  crm_stakeholder_map_load_async (crm_context_get_store (self->context), self->scope,
                                  self->scope_id, self->cancellable, on_map_loaded_cb,
                                  g_object_ref (self));
}

/* Add Person: the organization's people not on the map yet, and a new one. */

static void
on_add_row_activated_cb (CrmStakeholderMapView *self,
                         GtkListBoxRow         *row)
{
  gint64 *person_id = g_object_get_data (G_OBJECT (row), "person-id");
  gint64 id = person_id != NULL ? *person_id : 0;
  gpointer data;
  GAsyncReadyCallback callback = _crm_stakeholder_map_view_edit_callback (self, &data);

  gtk_popover_popdown (self->add_popover);
  if (self->map == NULL || id == 0)
    {
      g_object_unref (data);
      return;
    }

  crm_stakeholder_map_add_person_async (self->map, id, self->cancellable, callback, data);
}

static void
fill_candidates (CrmStakeholderMapView *self,
                 GListModel            *people)
{
  GtkWidget *child;
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->add_list))) != NULL)
    gtk_list_box_remove (self->add_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmPerson) person = g_list_model_get_item (people, i);
      const char *name = crm_person_get_display_name (person);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (name[0] != '\0' ? name : _("Unnamed"));
      gint64 *id = g_new (gint64, 1);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* Ids are 64-bit: kept whole, not in a pointer. */
      *id = crm_record_get_id (CRM_RECORD (person));
      g_object_set_data_full (G_OBJECT (row), "person-id", id, g_free);
      g_object_set_data_full (G_OBJECT (row), "name-key", g_utf8_casefold (name, -1), g_free);
      gtk_list_box_append (self->add_list, row);
    }

  gtk_list_box_set_placeholder (self->add_list, NULL);
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No one else to add"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_set_placeholder (self->add_list, empty);
    }
  gtk_list_box_invalidate_filter (self->add_list);
}

static void
on_candidates_loaded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CrmStakeholderMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;

  people = crm_stakeholder_map_list_candidates_finish (CRM_STAKEHOLDER_MAP (object), result, &error);
  if (people == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_stakeholder_map_view_toast (self, error->message);
      return;
    }

  fill_candidates (self, people);
}

static void
on_add_popover_show_cb (CrmStakeholderMapView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->add_search_entry), "");
  fill_candidates (self, NULL);
  if (self->map != NULL)
    crm_stakeholder_map_list_candidates_async (self->map, 500, self->cancellable,
                                               on_candidates_loaded_cb, g_object_ref (self));
}

gboolean
_crm_stakeholder_map_view_filter_row (GtkListBoxRow *row,
                                      gpointer       user_data)
{
  GtkEditable *entry = user_data;
  const char *key = g_object_get_data (G_OBJECT (row), "name-key");
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (entry), -1);

  return needle[0] == '\0' || (key != NULL && strstr (key, needle) != NULL);
}

static void
on_add_search_changed_cb (CrmStakeholderMapView *self)
{
  gtk_list_box_invalidate_filter (self->add_list);
}

static void
on_add_search_activate_cb (CrmStakeholderMapView *self)
{
  /* Enter takes the first person that matches. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->add_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        on_add_row_activated_cb (self, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
on_new_person_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  CrmStakeholderMapView *self = user_data;
  AdwEntryRow *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  AdwEntryRow *title_row = g_object_get_data (G_OBJECT (dialog), "title-row");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (title_row))));
  gpointer data;
  GAsyncReadyCallback callback;

  if (g_strcmp0 (response, "add") != 0 || name[0] == '\0' || self->map == NULL)
    return;

  callback = _crm_stakeholder_map_view_edit_callback (self, &data);
  crm_stakeholder_map_create_person_async (self->map, name, title, self->cancellable,
                                           callback, data);
}

static void
on_new_person_name_changed_cb (GtkEditable      *name,
                               AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "add", text[0] != '\0');
}

static void
on_new_person_entry_activated_cb (AdwEntryRow      *entry,
                                  AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    {
      adw_message_dialog_response (dialog, "add");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
new_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *title_row = adw_entry_row_new ();

  gtk_popover_popdown (self->add_popover);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("New Person"), NULL));
  adw_message_dialog_set_body (dialog,
                               self->scope == CRM_MAP_SCOPE_DEAL
                               ? _("The new person is added to this deal and its organization.")
                               : _("The new person is added to this organization."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Full Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Job Title"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  adw_message_dialog_set_extra_child (dialog, list);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "title-row", title_row);
  g_signal_connect (name_row, "changed", G_CALLBACK (on_new_person_name_changed_cb), dialog);
  g_signal_connect (name_row, "entry-activated", G_CALLBACK (on_new_person_entry_activated_cb),
                    dialog);
  g_signal_connect (title_row, "entry-activated", G_CALLBACK (on_new_person_entry_activated_cb),
                    dialog);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), FALSE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_person_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

static void
add_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);

  gtk_menu_button_popup (self->add_button);
}

/* Header and zoom actions, forwarded to the canvas. */

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  g_autofree char *canvas_action = g_strconcat ("canvas.", action_name + strlen ("map."), NULL);

  gtk_widget_activate_action_variant (self->canvas, canvas_action, param);
  if (g_str_has_prefix (action_name, "map.zoom-"))
    self->zoomed = !g_str_equal (action_name, "map.zoom-fit");
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);

  crm_stakeholder_canvas_set_zoom (CRM_STAKEHOLDER_CANVAS (self->canvas), 1.0);
  self->zoomed = TRUE;
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  load (CRM_STAKEHOLDER_MAP_VIEW (widget));
}

static void
on_canvas_activate_person_cb (CrmStakeholderMapView *self,
                              gint64                 person_id)
{
  if (person_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)", "person", person_id);
}

static void
on_canvas_error_cb (CrmStakeholderMapView *self,
                    const char            *message)
{
  _crm_stakeholder_map_view_toast (self, message);
}

static void
on_canvas_zoom_cb (CrmStakeholderMapView *self)
{
  update_zoom_label (self);
  update_actions (self);
}

static void
on_canvas_selected_cb (CrmStakeholderMapView *self)
{
  _crm_stakeholder_map_view_update_panel (self);
}

static gboolean
on_fit_idle_cb (gpointer user_data)
{
  CrmStakeholderMapView *self = user_data;

  self->fit_idle_id = 0;
  if (self->map != NULL)
    crm_stakeholder_canvas_zoom_to_fit (CRM_STAKEHOLDER_CANVAS (self->canvas));

  return G_SOURCE_REMOVE;
}

/* The panel folding away (or back) changes the room the map has: a map
 * still shown whole is fitted again once the new size is allocated. */
static void
on_flap_folded_cb (CrmStakeholderMapView *self)
{
  if (self->map != NULL && !self->zoomed && self->fit_idle_id == 0)
    self->fit_idle_id = g_timeout_add (100, on_fit_idle_cb, self);
}

static void
on_stale_days_changed_cb (CrmStakeholderMapView *self)
{
  g_object_set (self->canvas, "stale-days", _crm_stakeholder_map_view_get_stale_days (self), NULL);
  _crm_stakeholder_map_view_update_insights (self);
}

/* GObject. */

static void
crm_stakeholder_map_view_constructed (GObject *object)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (object);
  GSettings *settings;

  G_OBJECT_CLASS (crm_stakeholder_map_view_parent_class)->constructed (object);

  g_assert (self->context != NULL);

  settings = crm_context_get_settings (self->context);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::stakeholder-stale-days",
                             G_CALLBACK (on_stale_days_changed_cb), self, G_CONNECT_SWAPPED);

  update_zoom_label (self);
  update_actions (self);
  _crm_stakeholder_map_view_update_panel (self);
  load (self);
}

static void
crm_stakeholder_map_view_dispose (GObject *object)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fit_idle_id, g_source_remove);
  _crm_stakeholder_map_view_dispose_panel (self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_STAKEHOLDER_MAP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_stakeholder_map_view_parent_class)->dispose (object);
}

static void
crm_stakeholder_map_view_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;

    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;

    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_stakeholder_map_view_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SCOPE:
      self->scope = g_value_get_int (value);
      break;

    case PROP_SCOPE_ID:
      self->scope_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmStakeholderMapView, name)

static void
crm_stakeholder_map_view_class_init (CrmStakeholderMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_stakeholder_map_view_constructed;
  object_class->dispose = crm_stakeholder_map_view_dispose;
  object_class->get_property = crm_stakeholder_map_view_get_property;
  object_class->set_property = crm_stakeholder_map_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmStakeholderMapView:scope:
   *
   * Whose map: a #CrmMapScope (organization or deal).
   */
  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL, CRM_MAP_SCOPE_ORGANIZATION, CRM_MAP_SCOPE_DEAL,
                      CRM_MAP_SCOPE_ORGANIZATION,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCOPE_ID] =
    g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmStakeholderMapView:map:
   *
   * The loaded map; %NULL while it loads or after it failed to.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CRM_TYPE_STAKEHOLDER_MAP,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "map-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "map.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "map.add-person", NULL, add_person_action);
  gtk_widget_class_install_action (widget_class, "map.new-person", NULL, new_person_action);
  gtk_widget_class_install_action (widget_class, "map.tidy", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "map.export", "s", _crm_stakeholder_map_view_export_action);
  gtk_widget_class_install_action (widget_class, "map.print", NULL, _crm_stakeholder_map_view_print_action);
  _crm_stakeholder_map_view_class_init_panel (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "map.add-person", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "map.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "map.toggle-panel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-stakeholder-map-view.ui");
  BIND (back_button);
  BIND (add_button);
  BIND (add_popover);
  BIND (add_search_entry);
  BIND (add_list);
  BIND (window_title);
  BIND (panel_button);
  BIND (export_button);
  BIND (stack);
  BIND (error_page);
  BIND (empty_page);
  BIND (flap);
  BIND (canvas);
  BIND (zoom_button);
  BIND (no_selection_label);
  BIND (person_box);
  BIND (person_row);
  BIND (person_avatar);
  BIND (role_row);
  BIND (influence_row);
  BIND (attitude_row);
  BIND (managers_group);
  BIND (add_manager_button);
  BIND (links_group);
  BIND (add_link_button);
  BIND (notes_view);
  BIND (remove_button);
  BIND (panel_stack);
  BIND (insights_group);
  BIND (insights_list);

  g_type_ensure (CRM_TYPE_STAKEHOLDER_CANVAS);
}

static void
crm_stakeholder_map_view_init (CrmStakeholderMapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->canvas, "activate-person",
                           G_CALLBACK (on_canvas_activate_person_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "error",
                           G_CALLBACK (on_canvas_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::zoom",
                           G_CALLBACK (on_canvas_zoom_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "notify::selected",
                           G_CALLBACK (on_canvas_selected_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->add_popover, "show",
                           G_CALLBACK (on_add_popover_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_list, "row-activated",
                           G_CALLBACK (on_add_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_search_entry, "search-changed",
                           G_CALLBACK (on_add_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_search_entry, "activate",
                           G_CALLBACK (on_add_search_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_set_filter_func (self->add_list, _crm_stakeholder_map_view_filter_row,
                                self->add_search_entry, NULL);
  gtk_search_entry_set_key_capture_widget (self->add_search_entry, GTK_WIDGET (self->add_popover));

  g_signal_connect_object (self->flap, "notify::folded",
                           G_CALLBACK (on_flap_folded_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->flap, "reveal-flap", self->panel_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  _crm_stakeholder_map_view_init_panel (self);
}

/**
 * crm_stakeholder_map_view_new:
 * @context: the open database and settings
 * @scope: an organization's or a deal's map
 * @scope_id: the organization's or the deal's id
 *
 * Returns: (transfer floating): a page that loads the map at once
 */
GtkWidget *
crm_stakeholder_map_view_new (CrmContext  *context,
                              CrmMapScope  scope,
                              gint64       scope_id)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (scope_id > 0, NULL);

  return g_object_new (CRM_TYPE_STAKEHOLDER_MAP_VIEW,
                       "context", context,
                       "scope", (int) scope,
                       "scope-id", scope_id,
                       NULL);
}

CrmMapScope
crm_stakeholder_map_view_get_scope (CrmStakeholderMapView *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP_VIEW (self), CRM_MAP_SCOPE_ORGANIZATION);

  return self->scope;
}

gint64
crm_stakeholder_map_view_get_scope_id (CrmStakeholderMapView *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP_VIEW (self), 0);

  return self->scope_id;
}

/**
 * crm_stakeholder_map_view_get_map:
 *
 * Returns: (transfer none) (nullable): the loaded map
 */
CrmStakeholderMap *
crm_stakeholder_map_view_get_map (CrmStakeholderMapView *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * crm_stakeholder_map_view_get_canvas:
 *
 * Returns: (transfer none): the #CrmStakeholderCanvas
 */
GtkWidget *
crm_stakeholder_map_view_get_canvas (CrmStakeholderMapView *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP_VIEW (self), NULL);

  return self->canvas;
}
