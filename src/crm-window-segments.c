/* crm-window-segments.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Segments" section of the window's sidebar, under the four views: one
 * row per saved segment with its live count.  Activating a row shows the
 * people or organizations with the segment's filter; each row's menu edits,
 * exports ("win.export-segment") or deletes it (undoable from a toast).
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-format.h"
#include "crm-models.h"
#include "crm-segment-editor.h"
#include "crm-segment-list.h"
#include "crm-store.h"
#include "crm-view.h"

#define RECOUNT_DELAY_MS 1000

typedef struct
{
  CrmWindow          *window;       /* unowned: this lives as the window's data */
  GtkListBox         *list;
  GtkWidget          *section;
  GSimpleActionGroup *actions;
  GListModel         *segments;
  GHashTable         *count_labels; /* segment id (gint64 *) → GtkLabel (unowned) */
  CrmStore           *store;        /* the one we listen to */
  gulong              changed_id;
  guint               recount_source;
  gboolean            reload_pending;
  guint               count_generation;
  guint               next_count;
  guint               dirty;         /* TARGET_*: targets changed since their last count */
  guint               counting;      /* TARGET_*: the targets the current pass counts */
  GCancellable       *cancellable;
} Segments;

static void reload (Segments *s);

/* Which segments a change can move: by their target. */
enum {
  TARGET_PERSON       = 1 << 0,
  TARGET_ORGANIZATION = 1 << 1,
  TARGET_ALL          = TARGET_PERSON | TARGET_ORGANIZATION,
};

static guint
target_bit (const char *target)
{
  return g_strcmp0 (target, "organization") == 0 ? TARGET_ORGANIZATION : TARGET_PERSON;
}

static Segments *
get_segments (CrmWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "crm-window-segments");
}

static void
disconnect_store (Segments *s)
{
  if (s->store != NULL)
    g_clear_signal_handler (&s->changed_id, s->store);
  g_clear_object (&s->store);
}

static void
segments_free (gpointer data)
{
  Segments *s = data;

  g_cancellable_cancel (s->cancellable);
  g_clear_object (&s->cancellable);
  g_clear_handle_id (&s->recount_source, g_source_remove);
  disconnect_store (s);
  g_clear_object (&s->segments);
  g_clear_object (&s->actions);
  g_hash_table_unref (s->count_labels);
  g_free (s);
}

static CrmSegment *
find_segment (Segments *s,
              gint64    id)
{
  guint n = s->segments ? g_list_model_get_n_items (s->segments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmSegment) segment = g_list_model_get_item (s->segments, i);

      if (crm_record_get_id (CRM_RECORD (segment)) == id)
        return segment;   /* the model keeps it alive */
    }
  return NULL;
}

/* --- Counts --- */

typedef struct
{
  CrmWindow *window;
  gint64     id;
  guint      generation;
} CountData;

static void count_next (Segments *s);

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountData *d = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = crm_segment_count_finish (CRM_STORE (object), result, &error);
  Segments *s = get_segments (d->window);
  GtkLabel *label = s ? g_hash_table_lookup (s->count_labels, &d->id) : NULL;

  if (label != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = n >= 0 ? crm_format_count (n) : g_strdup ("—");

      gtk_label_set_label (label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), error ? error->message : NULL);
    }
  if (s != NULL && d->generation == s->count_generation &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      s->next_count++;
      count_next (s);
    }
  g_object_unref (d->window);
  g_free (d);
}

/* One count at a time: on a large database each may scan the whole table,
 * and the lists' page reads queue on the same worker in between. */
static void
count_next (Segments *s)
{
  guint n = s->segments ? g_list_model_get_n_items (s->segments) : 0;
  g_autoptr(CrmSegment) segment = NULL;
  CountData *d;

  if (s->store == NULL)
    return;
  /* Only segments over a table that changed. */
  for (; s->next_count < n; s->next_count++)
    {
      g_clear_object (&segment);
      segment = g_list_model_get_item (s->segments, s->next_count);
      if (s->counting & target_bit (crm_segment_get_target (segment)))
        break;
    }
  if (s->next_count >= n)
    return;
  d = g_new0 (CountData, 1);
  d->window = g_object_ref (s->window);
  d->id = crm_record_get_id (CRM_RECORD (segment));
  d->generation = s->count_generation;
  crm_segment_count_async (s->store, crm_segment_get_target (segment),
                           crm_segment_get_filter (segment), s->cancellable, on_counted_cb, d);
}

/* Counts the segments over the tables changed since they were counted. */
static void
count_all (Segments *s)
{
  /* A pass cut short by a newer change counts its targets again. */
  s->counting = s->dirty | (s->next_count < (s->segments ? g_list_model_get_n_items (s->segments) : 0)
                            ? s->counting : 0);
  s->dirty = 0;
  s->count_generation++;
  s->next_count = 0;
  count_next (s);
}

static gboolean
recount_cb (gpointer user_data)
{
  Segments *s = user_data;

  s->recount_source = 0;
  if (s->reload_pending)
    reload (s);
  else
    count_all (s);
  s->reload_pending = FALSE;
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     gpointer    user_data)
{
  Segments *s = user_data;
  static const char * const counted[] = {
    "person", "organization", "affiliation", "record_tag", "custom_value", "custom_field", NULL,
  };

  if (g_strcmp0 (table, "segment") == 0)
    s->reload_pending = TRUE;
  else if (table == NULL || !g_strv_contains (counted, table))
    return;
  else if (g_str_equal (table, "person") || g_str_equal (table, "affiliation"))
    s->dirty |= TARGET_PERSON;
  else if (g_str_equal (table, "organization"))
    s->dirty |= TARGET_ORGANIZATION;
  else
    s->dirty |= TARGET_ALL;
  /* many changes in a row (an import, bulk edits) give one recount */
  if (s->recount_source == 0)
    s->recount_source = g_timeout_add (RECOUNT_DELAY_MS, recount_cb, s);
}

/* --- Rows --- */

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkMenuButton   *menu_button)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (menu_button);
}

static gboolean
popup_menu_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (user_data));
  return TRUE;
}

static GtkWidget *
make_row (Segments   *s,
          CrmSegment *segment)
{
  gint64 id = crm_record_get_id (CRM_RECORD (segment));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (
    g_strcmp0 (crm_segment_get_target (segment), "organization") == 0
      ? "rapport-organization-symbolic" : "rapport-people-symbolic");
  GtkWidget *name = gtk_label_new (crm_segment_get_name (segment));
  GtkWidget *count = gtk_label_new ("");
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) export = g_menu_item_new (_("E_xport…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  gtk_widget_set_name (row, "segment");
  g_object_set_data_full (G_OBJECT (row), "segment-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_label_set_label (GTK_LABEL (count), "…");

  g_menu_item_set_action_and_target_value (edit, "segment.edit", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (export, "win.export-segment", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (delete, "segment.delete", g_variant_new_int64 (id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, export);
  g_menu_append_item (menu, delete);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Segment Menu"));
  /* GTK 4.8 reads no tooltip as a name */
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segment Menu"), -1);

  /* the same menu from a right click, Shift+F10 or the Menu key */
  {
    GtkGesture *click = gtk_gesture_click_new ();
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_row_pressed_cb), menu_button, 0);
    gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                     gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                        gtk_callback_action_new (popup_menu_cb, menu_button, NULL)));
    gtk_widget_add_controller (row, keys);
  }

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_segment_get_name (segment), -1);
  g_hash_table_insert (s->count_labels, g_memdup2 (&id, sizeof id), count);
  return row;
}

static void
fill_rows (Segments *s)
{
  GtkWidget *child;
  guint n = s->segments ? g_list_model_get_n_items (s->segments) : 0;

  g_hash_table_remove_all (s->count_labels);
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (s->list, 0))))
    gtk_list_box_remove (s->list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmSegment) segment = g_list_model_get_item (s->segments, i);

      gtk_list_box_append (s->list, make_row (s, segment));
    }
  s->dirty = TARGET_ALL;
  count_all (s);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = crm_segments_list_finish (CRM_STORE (object), result, &error);
  Segments *s = get_segments (window);

  if (s == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CRM_STORE (object) != s->store)
    return;
  if (error != NULL)
    {
      g_warning ("Could not list segments: %s", error->message);
      return;
    }
  g_set_object (&s->segments, segments);
  fill_rows (s);
}

static void
reload (Segments *s)
{
  if (s->store == NULL)
    return;
  crm_segments_list_async (s->store, s->cancellable, on_listed_cb, g_object_ref (s->window));
}

static void
on_context_changed_cb (CrmWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  Segments *s = get_segments (self);
  CrmContext *context = crm_window_get_context (self);

  g_cancellable_cancel (s->cancellable);
  g_clear_object (&s->cancellable);
  s->cancellable = g_cancellable_new ();
  disconnect_store (s);
  g_clear_object (&s->segments);
  fill_rows (s);
  if (context == NULL)
    return;
  s->store = g_object_ref (crm_context_get_store (context));
  s->changed_id = g_signal_connect (s->store, "changed", G_CALLBACK (on_store_changed_cb), s);
  reload (s);
}

/* --- Activation and actions --- */

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     CrmWindow     *self)
{
  Segments *s = get_segments (self);
  gint64 *id = g_object_get_data (G_OBJECT (row), "segment-id");
  CrmSegment *segment = id ? find_segment (s, *id) : NULL;
  const char *view_name;
  CrmView *view;

  if (segment == NULL)
    return;
  view_name = g_strcmp0 (crm_segment_get_target (segment), "organization") == 0 ? "organizations"
                                                                                : "people";
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", view_name);
  if ((view = crm_window_get_view (self, view_name)) != NULL)
    crm_view_set_filter (view, crm_segment_get_filter (segment));
}

static void
on_views_row_activated_cb (GtkListBox    *views,
                           GtkListBoxRow *row,
                           Segments      *s)
{
  /* a plain view is no longer the segment's */
  gtk_list_box_unselect_all (s->list);
}

/* An edited segment that is on screen shows its new filter at once. */
static void
on_segment_saved_cb (CrmSegmentEditor *editor,
                     CrmSegment       *segment,
                     CrmWindow        *self)
{
  Segments *s = get_segments (self);
  GtkListBoxRow *row = s ? gtk_list_box_get_selected_row (s->list) : NULL;
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "segment-id") : NULL;
  const char *view_name;
  CrmView *view;

  if (id == NULL || *id != crm_record_get_id (CRM_RECORD (segment)))
    return;
  view_name = g_strcmp0 (crm_segment_get_target (segment), "organization") == 0 ? "organizations"
                                                                                : "people";
  if (g_strcmp0 (crm_window_get_visible_view (self), view_name) == 0 &&
      (view = crm_window_get_view (self, view_name)) != NULL)
    crm_view_set_filter (view, crm_segment_get_filter (segment));
}

static void
present_editor (CrmWindow  *self,
                CrmSegment *segment)
{
  CrmContext *context = crm_window_get_context (self);
  CrmSegmentEditor *editor;
  const char *view = crm_window_get_visible_view (self);

  if (context == NULL)
    return;
  editor = crm_segment_editor_new (context, segment,
                                   g_strcmp0 (view, "organizations") == 0 ? "organization"
                                                                         : "person");
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_segment_saved_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  present_editor (CRM_WINDOW (user_data), NULL);
}

static void
edit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmSegment *segment = find_segment (get_segments (self), g_variant_get_int64 (parameter));

  if (segment != NULL)
    present_editor (self, segment);
}

static void
on_trashed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_trash_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_window_toast_error (self, _("The segment could not be deleted"));
}

static void
delete_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrmWindow *self = user_data;
  Segments *s = get_segments (self);
  gint64 id = g_variant_get_int64 (parameter);
  CrmSegment *segment = find_segment (s, id);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (segment == NULL || s->store == NULL)
    return;
  /* TRANSLATORS: %s is a segment's name */
  title = g_strdup_printf (_("“%s” deleted"), crm_segment_get_name (segment));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "segment.restore");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  /* keep the record alive for the undo */
  g_object_set_data_full (G_OBJECT (toast), "segment", g_object_ref (segment), g_object_unref);
  g_object_set_data_full (G_OBJECT (s->actions), "last-deleted", g_object_ref (segment),
                          g_object_unref);
  crm_store_trash_async (s->store, CRM_RECORD (segment), TRUE, NULL, on_trashed_cb,
                         g_object_ref (self));
  crm_window_add_toast (self, toast);
}

static void
restore_activated_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CrmWindow *self = user_data;
  Segments *s = get_segments (self);
  CrmSegment *segment = g_object_get_data (G_OBJECT (s->actions), "last-deleted");

  if (segment == NULL || s->store == NULL ||
      crm_record_get_id (CRM_RECORD (segment)) != g_variant_get_int64 (parameter))
    return;
  crm_store_trash_async (s->store, CRM_RECORD (segment), FALSE, NULL, on_trashed_cb,
                         g_object_ref (self));
  g_object_set_data (G_OBJECT (s->actions), "last-deleted", NULL);
}

static void
on_window_destroy_cb (CrmWindow *self)
{
  Segments *s = get_segments (self);

  g_cancellable_cancel (s->cancellable);
  g_clear_handle_id (&s->recount_source, g_source_remove);
  disconnect_store (s);
}

static GtkWidget *
make_section (Segments *s)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Segments"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No segments"));

  gtk_widget_set_vexpand (section, TRUE);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 18);
  gtk_widget_set_margin_end (header, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("New Segment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Segment"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "segment.new");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add);

  s->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (s->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (s->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (s->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segments"), -1);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 6);
  gtk_widget_set_margin_bottom (placeholder, 6);
  gtk_list_box_set_placeholder (s->list, placeholder);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (s->list));
  gtk_box_append (GTK_BOX (section), header);
  gtk_box_append (GTK_BOX (section), scrolled);
  return section;
}

void
_crm_window_init_segments (CrmWindow *self)
{
  static const GActionEntry entries[] = {
    { "new", new_activated_cb, NULL, NULL, NULL },
    { "edit", edit_activated_cb, "x", NULL, NULL },
    { "delete", delete_activated_cb, "x", NULL, NULL },
    { "restore", restore_activated_cb, "x", NULL, NULL },
  };
  Segments *s = g_new0 (Segments, 1);
  GtkWidget *views_scrolled;
  GtkWidget *sidebar;

  s->window = self;
  s->cancellable = g_cancellable_new ();
  s->count_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  s->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (s->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  g_object_set_data_full (G_OBJECT (self), "crm-window-segments", s, segments_free);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "segment", G_ACTION_GROUP (s->actions));

  /* The views keep their natural height; the segments take the rest. */
  views_scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->sidebar_list),
                                            GTK_TYPE_SCROLLED_WINDOW);
  sidebar = gtk_widget_get_parent (views_scrolled);
  g_return_if_fail (GTK_IS_BOX (sidebar));
  gtk_widget_set_vexpand (views_scrolled, FALSE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (views_scrolled), TRUE);
  s->section = make_section (s);
  gtk_box_insert_child_after (GTK_BOX (sidebar), s->section, views_scrolled);

  g_signal_connect (s->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect (self->sidebar_list, "row-activated", G_CALLBACK (on_views_row_activated_cb), s);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);
}

/* For tests: the segments list box of the sidebar; transfer none. */
GtkListBox *
_crm_window_get_segments_list (CrmWindow *self)
{
  Segments *s = get_segments (self);

  return s ? s->list : NULL;
}
