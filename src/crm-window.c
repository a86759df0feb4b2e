/* crm-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-board.h"
#include "crm-demo.h"
#include "crm-format.h"
#include "crm-inbox-view.h"
#include "crm-new-ticket-dialog.h"
#include "crm-kb-view.h"
#include "crm-service-dashboard.h"
#include "crm-organizations-view.h"
#include "crm-people-view.h"
#include "crm-pipeline-view.h"
#include "crm-rfm.h"
#include "crm-store.h"

/* The seed of the --demo data: the same sample every time. */
#define DEMO_SEED 20261123

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sidebar's views, by the name of their stack page.  Each is built the
 * first time it is asked for (_crm_window_ensure_view): building all of them
 * with the window made its first frame come more than twice as late as an
 * empty window's. */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
} view_types[] = {
  { "organizations", crm_organizations_view_get_type },
  { "people", crm_people_view_get_type },
  { "pipeline", crm_pipeline_view_get_type },
  { "inbox", crm_inbox_view_get_type },
  { "service", crm_service_dashboard_get_type },
  { "knowledge-base", crm_kb_view_get_type },
};

/* The room the views asked for when they were all built with the window:
 * the service dashboard's minimum width and the pipeline's natural width (in
 * English).  The view stack keeps asking for it, so that the sidebar's share
 * of the window stays the same whichever views have been built; no view
 * needs more (test-window.c checks it). */
#define VIEWS_MIN_WIDTH     366
#define VIEWS_NATURAL_WIDTH 671

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

static void
set_context (CrmWindow  *self,
             CrmContext *context)
{
  g_autoptr(CrmContext) old = NULL;

  if (self->context == context)
    return;

  old = g_steal_pointer (&self->context);
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (crm_context_get_store (old), self);

  self->context = context != NULL ? g_object_ref (context) : NULL;
  /* The views drop their models of the old store through the binding. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);

  if (old != NULL)
    crm_store_close (crm_context_get_store (old));
}

/* The entry searches every kind of record from any view; on the pipeline and
 * the inbox it also narrows the view (see crm_view_get_follows_header_search). */
static const char *
view_search_placeholder (const char *name)
{
  if (g_strcmp0 (name, "pipeline") == 0)
    return _("Search deals and more");
  if (g_strcmp0 (name, "inbox") == 0)
    return _("Search tickets and more");
  if (g_strcmp0 (name, "knowledge-base") == 0)
    return _("Search articles and more");

  /* Short: a 360 px window shows about 16 characters of it. */
  return _("Search all records");
}

static void
describe_open_error (const GError  *error,
                     const char   **title,
                     char         **description)
{
  g_autofree char *name = NULL;

  if (error->domain != CRM_STORE_ERROR)
    {
      *title = _("The Database Could Not Be Opened");
      *description = g_strdup (error->message);
      return;
    }

  switch (error->code)
    {
    case CRM_STORE_ERROR_CORRUPT:
      *title = _("The Database Is Damaged");
      *description = g_strdup (_("This file is not a Rapport database, or it has been damaged. "
                                 "Restore a backup, open another database, or start a new one. "
                                 "The damaged file is kept, never deleted."));
      break;

    case CRM_STORE_ERROR_LOCKED:
      *title = _("The Database Is in Use");
      *description = g_strdup (_("Another program is using this database right now. "
                                 "Close it and try again, or open another database."));
      break;

    case CRM_STORE_ERROR_READ_ONLY:
      *title = _("The Database Cannot Be Changed");
      *description = g_strdup (_("Rapport cannot write to this file or to its folder. "
                                 "Check the permissions and try again, or open another database."));
      break;

    case CRM_STORE_ERROR_NEWER_VERSION:
      *title = _("The Database Needs a Newer Rapport");
      *description = g_strdup (_("This database was made by a newer version of Rapport, and "
                                 "opening it here could lose data. Update Rapport, or open "
                                 "another database."));
      break;

    case CRM_STORE_ERROR_DISK_FULL:
      *title = _("The Disk Is Full");
      *description = g_strdup (_("There is no room left to open the database. "
                                 "Free some disk space and try again."));
      break;

    default:
      *title = _("The Database Could Not Be Opened");
      *description = g_strdup (error->message);
      break;
    }
}

static void
show_open_error (CrmWindow    *self,
                 const GError *error)
{
  const char *title = NULL;
  g_autofree char *description = NULL;
  gboolean can_retry;

  g_warning ("Could not open %s: %s", self->database_path, error->message);

  self->open_error = error->domain == CRM_STORE_ERROR ? error->code : CRM_STORE_ERROR_FAILED;
  describe_open_error (error, &title, &description);

  /* Waiting, freeing space or fixing permissions can make a retry succeed;
   * a damaged or newer file stays as it is. */
  can_retry = error->domain != CRM_STORE_ERROR ||
              error->code == CRM_STORE_ERROR_LOCKED ||
              error->code == CRM_STORE_ERROR_READ_ONLY ||
              error->code == CRM_STORE_ERROR_DISK_FULL;

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  adw_status_page_set_icon_name (self->error_page,
                                 self->open_error == CRM_STORE_ERROR_LOCKED
                                 ? "system-lock-screen-symbolic"
                                 : "dialog-warning-symbolic");
  gtk_label_set_label (self->error_path_label, self->database_path);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  /* The first way out is the suggested one: wait and retry, or a backup. */
  if (can_retry)
    gtk_widget_remove_css_class (GTK_WIDGET (self->restore_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->restore_button), "suggested-action");

  _crm_window_set_page (self, "error");
}

static void
on_store_write_failed_cb (CrmWindow    *self,
                          const GError *error,
                          CrmStore     *store)
{
  if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_DISK_FULL))
    _crm_window_toast_error (self, _("The disk is full: your last change was not saved"));
  else if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY))
    _crm_window_toast_error (self, _("The database is read-only: your last change was not saved"));
  else if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_LOCKED))
    _crm_window_toast_error (self, _("The database is in use: your last change was not saved"));
  else
    _crm_window_toast_error (self, _("Your last change could not be saved"));
}

#define RFM_REFRESH_DELAY_S 30

static gboolean
refresh_rfm_cb (gpointer user_data)
{
  /* a closed store refuses the job, which is what we want */
  crm_rfm_refresh_async (CRM_STORE (user_data), CRM_RFM_MAX_AGE, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
show_store (CrmWindow *self,
            CrmStore  *store)
{
  g_autoptr(CrmContext) context = crm_context_new (store, self->settings);

  self->open_error = -1;
  /* Sample data lives in a throw-away file: say so where it is always seen. */
  adw_window_title_set_subtitle (self->sidebar_title, self->is_demo ? _("Sample Data") : NULL);
  g_signal_connect_object (store, "write-failed",
                           G_CALLBACK (on_store_write_failed_cb), self, G_CONNECT_SWAPPED);
  set_context (self, context);
  _crm_window_set_page (self, "main");
  /* Value scores depend on every customer: refresh them once a day, a little
   * after opening (on a million people it takes the worker some seconds). */
  g_timeout_add_seconds_full (G_PRIORITY_LOW, RFM_REFRESH_DELAY_S, refresh_rfm_cb,
                              g_object_ref (store), g_object_unref);
}

static void
on_demo_generated_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  CrmStore *store = CRM_STORE (object);
  g_autoptr(GError) error = NULL;

  if (!crm_demo_generate_finish (store, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The database itself is fine; show what was made and say why not more. */
      g_warning ("Could not generate sample data: %s", error->message);
      show_store (self, store);
      _crm_window_toast_error (self, _("The sample data could not be created"));
      return;
    }

  show_store (self, store);
  crm_window_add_toast (self, adw_toast_new (_("This is sample data: it is deleted when Rapport closes")));
}

static void
on_defaults_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  CrmStore *store = CRM_STORE (object);
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      crm_store_close (store);
      return;
    }
  /* Not fatal: the pipeline editor can add pipelines later. */
  /* FALSE without an error: there were pipelines already. */
  if (!crm_board_ensure_defaults_finish (store, result, &error) && error != NULL)
    g_warning ("Could not add the default pipelines: %s", error->message);
  show_store (self, store);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = crm_store_open_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      if (store != NULL)
        crm_store_close (store);
      return;
    }

  if (store == NULL)
    {
      show_open_error (self, error);
      return;
    }

  if (self->fill_with_demo)
    {
      CrmDemoOptions options = {
        .size = CRM_DEMO_SMALL,
        .locale = crm_format_locale_is_chinese () ? "zh_CN" : "en",
        .seed = DEMO_SEED,
        /* Around today, so that open deals and due tasks look current. */
        .reference = g_get_real_time () / G_USEC_PER_SEC,
      };

      self->fill_with_demo = FALSE;
      gtk_label_set_label (self->loading_label, _("Adding sample data…"));
      crm_demo_generate_full_async (store, &options, self->cancellable,
                                    on_demo_generated_cb, g_object_ref (self));
      return;
    }

  /* A new database starts with a B2B and a B2C pipeline. */
  crm_board_ensure_defaults_async (store, self->cancellable, on_defaults_cb, g_object_ref (self));
}

static void
on_sidebar_row_activated_cb (CrmWindow     *self,
                             GtkListBoxRow *row,
                             GtkListBox    *list_box)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s",
                              gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Keyboard moves the selection through the sidebar: the content follows,
 * without leaving the sidebar when the window is folded. */
static void
on_sidebar_row_selected_cb (CrmWindow     *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list_box)
{
  if (row == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  _crm_window_show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_search_changed_cb (CrmWindow      *self,
                      GtkSearchEntry *entry)
{
  GtkWidget *view = gtk_stack_get_visible_child (self->view_stack);

  if (CRM_IS_VIEW (view) && crm_view_get_follows_header_search (CRM_VIEW (view)))
    crm_view_set_search_text (CRM_VIEW (view), gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_stop_cb (CrmWindow      *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_view_stack_visible_child_cb (CrmWindow  *self,
                                GParamSpec *pspec,
                                GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);
  GtkWidget *view = gtk_stack_get_visible_child (stack);
  GtkWidget *row;

  if (name == NULL)
    return;

  g_object_set (self->search_entry,
                "placeholder-text", view_search_placeholder (name),
                "tooltip-text", _("Search people, organizations, deals and tickets"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, view_search_placeholder (name),
                                  -1);

  /* One search entry serves every view: the newly shown one follows it. */
  if (CRM_IS_VIEW (view) && crm_view_get_follows_header_search (CRM_VIEW (view)))
    crm_view_set_search_text (CRM_VIEW (view),
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          break;
        }
    }
}

/* win.new-ticket: the inbox's New Ticket dialog (crm-new-ticket-dialog.c). */
static void
new_ticket_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CrmWindow *self = user_data;

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (crm_new_ticket_dialog_new (GTK_WINDOW (self), self->context)));
}

/* The view stack asks for VIEWS_MIN_WIDTH, and a page of it that is never
 * shown (an empty picture, which shrinks to nothing) for VIEWS_NATURAL_WIDTH:
 * the stack asks for as much as its widest page. */
static void
reserve_views_room (CrmWindow *self)
{
  g_autoptr(GdkPaintable) room = gdk_paintable_new_empty (VIEWS_NATURAL_WIDTH, 0);
  GtkWidget *spacer = g_object_new (GTK_TYPE_PICTURE,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "paintable", room,
                                    "can-shrink", TRUE,
                                    "can-target", FALSE,
                                    NULL);

  gtk_widget_set_size_request (GTK_WIDGET (self->view_stack), VIEWS_MIN_WIDTH, -1);
  gtk_stack_add_child (self->view_stack, spacer);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);
  g_autofree char *last_view = NULL;

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (self->settings, "last-view");
  _crm_window_show_view (self, last_view);
  reserve_views_room (self);
  on_view_stack_visible_child_cb (self, NULL, self->view_stack);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_context (self, NULL);
  _crm_window_dispose_pages (self);
  _crm_window_dispose_search (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_finalize (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_window_parent_class)->finalize (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, crm_window_get_context (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->finalize = crm_window_finalize;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  window_class->close_request = crm_window_close_request;

  /**
   * CrmWindow:settings:
   *
   * The application's settings (window geometry, last view).
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmWindow:context:
   *
   * The open database and settings, handed to the views; %NULL while no
   * database is open.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         CRM_TYPE_CONTEXT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, error_path_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, primary_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_cb);
}

static void
crm_window_init (CrmWindow *self)
{
  self->open_error = -1;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* Typing anywhere in the views starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->view_stack));

  _crm_window_init_actions (self);
  _crm_window_init_duplicates (self);
  _crm_window_init_import (self);
  _crm_window_init_pages (self);
  _crm_window_init_maps (self);
  _crm_window_init_pipelines (self);
  _crm_window_init_search (self);
  _crm_window_init_segments (self);
  {
    static const GActionEntry ticket_actions[] = { { "new-ticket", new_ticket_action } };

    g_action_map_add_action_entries (G_ACTION_MAP (self), ticket_actions,
                                     G_N_ELEMENTS (ticket_actions), self);
  }
  _crm_window_set_page (self, "loading");
}

void
_crm_window_set_page (CrmWindow  *self,
                      const char *page)
{
  g_assert (CRM_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, page);
  _crm_window_update_actions (self);

  if (g_strcmp0 (page, "main") == 0)
    {
      GtkWidget *view = gtk_stack_get_visible_child (self->view_stack);

      if (view != NULL && !adw_leaflet_get_folded (self->leaflet))
        gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
    }
}

GtkWidget *
_crm_window_ensure_view (CrmWindow  *self,
                         const char *name)
{
  GtkWidget *view;

  g_assert (CRM_IS_WINDOW (self));

  /* Nothing is built for a window being destroyed. */
  if (self->view_stack == NULL || name == NULL)
    return NULL;

  view = gtk_stack_get_child_by_name (self->view_stack, name);
  if (view != NULL)
    return view;

  for (guint i = 0; i < G_N_ELEMENTS (view_types); i++)
    {
      if (g_strcmp0 (view_types[i].name, name) != 0)
        continue;

      /* In the window first, then the database, as when the template built
       * the views and the window's context came later. */
      view = g_object_new (view_types[i].get_type (), NULL);
      gtk_stack_add_named (self->view_stack, view, name);
      g_object_bind_property (self, "context", view, "context", G_BINDING_SYNC_CREATE);
      return view;
    }

  return NULL;
}

void
_crm_window_show_view (CrmWindow  *self,
                       const char *name)
{
  GtkWidget *child;

  g_assert (CRM_IS_WINDOW (self));

  child = _crm_window_ensure_view (self, name);
  if (child == NULL)
    {
      g_warning ("No view called “%s”", name);
      return;
    }

  gtk_stack_set_visible_child (self->view_stack, child);
  g_settings_set_string (self->settings, "last-view", name);
}

void
_crm_window_toast_error (CrmWindow  *self,
                         const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  crm_window_add_toast (self, toast);
}

/**
 * crm_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window
 */
CrmWindow *
crm_window_new (CrmApplication *application)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (application), NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "settings", crm_application_get_settings (application),
                       NULL);
}

void
crm_window_open_database (CrmWindow  *self,
                          const char *path,
                          gboolean    fill_with_demo)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->database_path != path)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (path);
    }
  self->fill_with_demo = fill_with_demo;
  self->is_demo = fill_with_demo;
  self->open_error = -1;

  set_context (self, NULL);
  gtk_label_set_label (self->loading_label, _("Opening the database…"));
  _crm_window_set_page (self, "loading");

  /* The default file lives in a folder that may not exist yet. */
  dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);

  crm_store_open_async (path, self->cancellable, on_store_opened_cb, g_object_ref (self));
}

const char *
crm_window_get_database_path (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->database_path;
}

CrmContext *
crm_window_get_context (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->context;
}

const char *
crm_window_get_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

int
crm_window_get_open_error (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), -1);

  return self->open_error;
}

const char *
crm_window_get_visible_view (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

/**
 * crm_window_get_view:
 * @self: a #CrmWindow
 * @name: a view's name ("people", "inbox", …)
 *
 * Gets the view called @name, building it when it has not been shown yet
 * (it is not shown by this).
 *
 * Returns: (transfer none) (nullable): the view, or %NULL when @name is no
 *   view's or its view is no #CrmView
 */
CrmView *
crm_window_get_view (CrmWindow  *self,
                     const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  child = _crm_window_ensure_view (self, name);
  return CRM_IS_VIEW (child) ? CRM_VIEW (child) : NULL;
}

GtkEditable *
crm_window_get_search_entry (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
crm_window_toast_for (GtkWidget *widget,
                      AdwToast  *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  root = gtk_widget_get_root (widget);
  if (CRM_IS_WINDOW (root))
    crm_window_add_toast (CRM_WINDOW (root), g_steal_pointer (&owned));
  else
    g_message ("%s", adw_toast_get_title (toast));
}
