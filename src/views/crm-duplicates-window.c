/* crm-duplicates-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The duplicate finder: scans the database on the store's worker (a million
 * people take some 15 s, so with a spinner and Cancel), lists the clusters,
 * and opens one in the merge page (crm-duplicates-window-merge.c).  The last
 * merge or "Not Duplicates" can be undone from its toast or with Ctrl+Z.
 */

#define G_LOG_DOMAIN "CrmDuplicatesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates-window-private.h"
#include "crm-context.h"
#include "crm-format.h"
#include "crm-store.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MERGED,
  UNMERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmDuplicatesWindow, crm_duplicates_window, ADW_TYPE_WINDOW)

static CrmStore *
get_store (CrmDuplicatesWindow *self)
{
  return self->context != NULL ? crm_context_get_store (self->context) : NULL;
}

static void
set_list_state (CrmDuplicatesWindow *self,
                const char          *state)
{
  gtk_stack_set_visible_child_name (self->list_stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "scanning"));
  _crm_duplicates_window_update_actions (self);
}

static void
update_subtitle (CrmDuplicatesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  g_autofree char *subtitle = NULL;

  if (n > 0)
    {
      g_autofree char *count = crm_format_count (n);

      /* Translators: %s is a number of duplicate groups */
      subtitle = g_strdup_printf (ngettext ("%s group", "%s groups", n), count);
    }
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
show_list_or_empty (CrmDuplicatesWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->clusters)) == 0;

  update_subtitle (self);
  set_list_state (self, empty ? "empty" : "list");
  if (!empty && g_str_equal (crm_duplicates_window_get_state (self), "list"))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_scan_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = crm_dedupe_scan_finish (CRM_STORE (object), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (self->context == NULL)
    return;
  g_clear_object (&self->scan_cancellable);

  if (clusters == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (gtk_widget_in_destruction (GTK_WIDGET (self)))
            return;
          set_list_state (self, "cancelled");
          return;
        }
      g_warning ("Duplicate scan failed: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      set_list_state (self, "error");
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  {
    gsize n = 0;
    gpointer *raw = g_ptr_array_steal (clusters, &n);

    /* The items own the clusters from here. */
    for (gsize i = 0; i < n; i++)
      g_ptr_array_add (items, crm_duplicate_item_new (raw[i]));
    g_free (raw);
  }
  g_list_store_splice (self->clusters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clusters)),
                       items->pdata, items->len);
  self->scanned = TRUE;
  show_list_or_empty (self);
}

static void
start_scan (CrmDuplicatesWindow *self)
{
  CrmStore *store = get_store (self);

  if (store == NULL || self->scan_cancellable != NULL)
    return;

  self->scan_cancellable = g_cancellable_new ();
  g_list_store_remove_all (self->clusters);
  update_subtitle (self);
  set_list_state (self, "scanning");
  crm_dedupe_scan_async (store, self->scan_cancellable, on_scan_done_cb, g_object_ref (self));
}

static void
on_unmerged_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->undo_kind == UNDO_MERGE)
    ok = crm_dedupe_unmerge_finish (CRM_STORE (object), result, &error);
  else
    ok = crm_dedupe_set_dismissed_finish (CRM_STORE (object), result, &error);
  self->undoing = FALSE;
  if (ok && self->undo_kind == UNDO_MERGE)
    g_signal_emit (self, signals[UNMERGED], 0, self->undo);
  /* Writes run to the end even when the window closed meanwhile. */
  if (self->context == NULL)
    return;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_duplicates_window_toast_error (self, self->undo_kind == UNDO_MERGE
                                            ? _("The merge could not be undone")
                                            : _("The records could not be listed again"));
      _crm_duplicates_window_update_actions (self);
      return;
    }

  /* The cluster is back where it was. */
  if (self->undo_item != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));

      g_list_store_insert (self->clusters, MIN (self->undo_position, n), self->undo_item);
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                       MIN (self->undo_position, n), TRUE);
    }
  self->undo_kind = UNDO_NONE;
  g_clear_pointer (&self->undo, g_variant_unref);
  g_clear_object (&self->undo_item);
  if (g_str_equal (crm_duplicates_window_get_state (self), "empty")
      || g_str_equal (crm_duplicates_window_get_state (self), "list"))
    show_list_or_empty (self);
  _crm_duplicates_window_update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);
  const CrmDedupeCluster *cluster;
  CrmStore *store = get_store (self);

  if (store == NULL || self->undo_kind == UNDO_NONE || self->undoing)
    return;

  self->undoing = TRUE;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  if (self->undo_kind == UNDO_MERGE)
    crm_dedupe_unmerge_async (store, self->undo, NULL, on_unmerged_cb,
                              g_object_ref (self));
  else
    {
      cluster = crm_duplicate_item_get_cluster (self->undo_item);
      crm_dedupe_set_dismissed_async (store, cluster->kind, (const gint64 *) (gpointer) cluster->ids->data,
                                      cluster->ids->len, FALSE, NULL, on_unmerged_cb,
                                      g_object_ref (self));
    }
  _crm_duplicates_window_update_actions (self);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  start_scan (CRM_DUPLICATES_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);

  if (g_str_equal (crm_duplicates_window_get_state (self), "merge"))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);

  if (g_str_equal (crm_duplicates_window_get_state (self), "merge"))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_list_view_activate_cb (CrmDuplicatesWindow *self,
                          guint                position,
                          GtkListView         *list_view)
{
  crm_duplicates_window_open_cluster (self, position);
}

static void
on_leaflet_visible_child_cb (CrmDuplicatesWindow *self,
                             GParamSpec          *pspec,
                             AdwLeaflet          *leaflet)
{
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "clusters") != 0)
    {
      _crm_duplicates_window_update_actions (self);
      return;
    }

  _crm_duplicates_window_close_merge (self);
  _crm_duplicates_window_update_actions (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "list"))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
crm_duplicates_window_map (GtkWidget *widget)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);

  GTK_WIDGET_CLASS (crm_duplicates_window_parent_class)->map (widget);

  /* The scan starts when the window is first shown. */
  if (!self->scanned && self->scan_cancellable == NULL)
    start_scan (self);
}

static void
crm_duplicates_window_dispose (GObject *object)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  _crm_duplicates_window_dispose_merge (self);
  g_clear_object (&self->undo_item);
  g_clear_weak_pointer (&self->undo_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DUPLICATES_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->clusters);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_duplicates_window_parent_class)->dispose (object);
}

static void
crm_duplicates_window_finalize (GObject *object)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (object);

  /* Kept until here: a write that ends after dispose still reports it. */
  g_clear_pointer (&self->undo, g_variant_unref);

  G_OBJECT_CLASS (crm_duplicates_window_parent_class)->finalize (object);
}

static void
crm_duplicates_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, crm_duplicates_window_get_context (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_duplicates_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_duplicates_window_class_init (CrmDuplicatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_duplicates_window_dispose;
  object_class->finalize = crm_duplicates_window_finalize;
  object_class->get_property = crm_duplicates_window_get_property;
  object_class->set_property = crm_duplicates_window_set_property;

  widget_class->map = crm_duplicates_window_map;

  /**
   * CrmDuplicatesWindow:context:
   *
   * The open database and settings.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmDuplicatesWindow::merged:
   * @self: the window
   * @undo: the merge's undo record (see crm_dedupe_merge_async())
   *
   * Emitted after a merge was committed, so that the main window can offer
   * its undo too.
   */
  signals[MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_VARIANT);
  /**
   * CrmDuplicatesWindow::unmerged:
   * @self: the window
   * @undo: the undo record of the merge that was undone
   *
   * Emitted after this window undid a merge.
   */
  signals[UNMERGED] =
    g_signal_new ("unmerged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_VARIANT);

  g_type_ensure (CRM_TYPE_DUPLICATE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-duplicates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, merge_title);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, merge_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, merge_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, survivor_group);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, fields_group);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesWindow, moves_group);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "duplicates.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "duplicates.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "duplicates.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "duplicates.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "duplicates.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "duplicates.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "duplicates.scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "duplicates.scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "duplicates.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  _crm_duplicates_window_class_init_merge (widget_class);
}

static void
crm_duplicates_window_init (CrmDuplicatesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->clusters = g_list_store_new (CRM_TYPE_DUPLICATE_ITEM);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clusters)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  _crm_duplicates_window_init_merge (self);
  _crm_duplicates_window_update_actions (self);
}

void
_crm_duplicates_window_update_actions (CrmDuplicatesWindow *self)
{
  const char *state = crm_duplicates_window_get_state (self);
  gboolean on_merge = g_str_equal (state, "merge");
  gboolean busy = crm_duplicates_window_is_busy (self);
  gboolean loaded = on_merge && !busy
                    && g_strcmp0 (gtk_stack_get_visible_child_name (self->merge_stack), "form") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.scan",
                                 self->scan_cancellable == NULL && !on_merge);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.cancel", self->scan_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.back", on_merge && !self->merging);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.undo",
                                 self->undo_kind != UNDO_NONE && !self->undoing && !self->merging);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.not-duplicates", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.keep", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.choose", loaded);
}

void
_crm_duplicates_window_toast_error (CrmDuplicatesWindow *self,
                                    const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_crm_duplicates_window_finish_cluster (CrmDuplicatesWindow *self,
                                       CrmDuplicateItem    *item,
                                       UndoKind             kind,
                                       GVariant            *undo,
                                       const char          *message)
{
  AdwToast *toast;
  guint position;

  /* Only the latest step can be undone: an older toast goes. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_pointer (&self->undo, g_variant_unref);
  g_set_object (&self->undo_item, item);
  self->undo_kind = kind;
  self->undo = undo != NULL ? g_variant_ref (undo) : NULL;
  self->undo_position = 0;
  if (g_list_store_find (self->clusters, item, &position))
    {
      self->undo_position = position;
      g_list_store_remove (self->clusters, position);
    }

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "duplicates.undo");
  g_set_weak_pointer (&self->undo_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  update_subtitle (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  show_list_or_empty (self);
  if (kind == UNDO_MERGE)
    g_signal_emit (self, signals[MERGED], 0, undo);
}

/**
 * crm_duplicates_window_new:
 * @context: the open database
 *
 * Returns: (transfer full): a new duplicates window
 */
CrmDuplicatesWindow *
crm_duplicates_window_new (CrmContext *context)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_DUPLICATES_WINDOW, "context", context, NULL);
}

CrmContext *
crm_duplicates_window_get_context (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), NULL);

  return self->context;
}

GListModel *
crm_duplicates_window_get_clusters (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), NULL);

  return G_LIST_MODEL (self->clusters);
}

const char *
crm_duplicates_window_get_state (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), NULL);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "merge") == 0)
    return "merge";
  return gtk_stack_get_visible_child_name (self->list_stack);
}

void
crm_duplicates_window_open_cluster (CrmDuplicatesWindow *self,
                                    guint                position)
{
  g_autoptr(CrmDuplicateItem) item = NULL;

  g_return_if_fail (CRM_IS_DUPLICATES_WINDOW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->clusters), position);
  if (item == NULL || self->merging)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  _crm_duplicates_window_open_merge (self, item);
}

gboolean
crm_duplicates_window_is_busy (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), FALSE);

  return self->loads_pending > 0 || self->merging || self->undoing;
}

gint64
crm_duplicates_window_get_survivor (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), 0);

  return self->current != NULL ? self->survivor : 0;
}

gint64
crm_duplicates_window_get_choice (CrmDuplicatesWindow *self,
                                  const char          *property)
{
  gint64 *id;

  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), 0);
  g_return_val_if_fail (property != NULL, 0);

  id = self->choices != NULL ? g_hash_table_lookup (self->choices, property) : NULL;
  return id != NULL ? *id : 0;
}

gboolean
crm_duplicates_window_can_undo (CrmDuplicatesWindow *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), FALSE);

  return self->undo_kind != UNDO_NONE && !self->undoing;
}

gboolean
crm_duplicates_window_undo_merge (CrmDuplicatesWindow *self,
                                  GVariant            *undo)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_WINDOW (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (self->undo_kind != UNDO_MERGE || self->undo != undo || self->undoing)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "duplicates.undo", NULL);
  return self->undoing;
}
