/* crm-window-pages.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Record pages: "win.show-record" pushes the page of a person, an
 * organization, a deal or a ticket over the current view in the content pane
 * (the sidebar and the view selection stay), "win.go-back" (Alt+Left) and Escape pop it.  Also the
 * window's undo stack ("win.undo", Ctrl+Z), "win.delete-record" (trash with an
 * undo toast) and the new-record actions.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-organization.h"
#include "crm-organization-page.h"
#include "crm-person.h"
#include "crm-person-page.h"
#include "crm-deal.h"
#include "crm-deal-page.h"
#include "crm-reminders.h"
#include "crm-store.h"
#include "crm-ticket.h"
#include "crm-ticket-page.h"

/* Undo entries past this are dropped, oldest first. */
#define UNDO_DEPTH 20

typedef struct
{
  CrmUndoFunc    func;
  gpointer       data;
  GDestroyNotify destroy;
} UndoEntry;

struct _CrmWindowPages
{
  GtkStack     *content_stack;
  GtkWidget    *new_record_button;
  GPtrArray    *pages;     /* GtkWidget, bottom to top */
  GPtrArray    *undo;      /* UndoEntry, oldest first */
  GCancellable *cancellable;
  CrmReminders *reminders;
  guint         serial;
};

typedef struct
{
  CrmWindow *window;
  char      *kind;
  gboolean   editing;
} ShowRequest;

static void
undo_entry_free (gpointer data)
{
  UndoEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry);
}

static void
show_request_free (ShowRequest *request)
{
  g_object_unref (request->window);
  g_free (request->kind);
  g_free (request);
}

static void
set_action_enabled (CrmWindow  *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static CrmStore *
get_store (CrmWindow *self)
{
  CrmContext *context = crm_window_get_context (self);

  return context != NULL ? crm_context_get_store (context) : NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* New records need a database; Ctrl+N and its button need a view that lists
 * people or organizations. */
static void
update_new_actions (CrmWindow *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);
  gboolean open = crm_window_get_context (self) != NULL;
  gboolean listing = g_strcmp0 (view, "people") == 0 || g_strcmp0 (view, "organizations") == 0;

  set_action_enabled (self, "new-person", open);
  set_action_enabled (self, "new-organization", open);
  set_action_enabled (self, "new-record", open && listing);
  if (self->pages->new_record_button != NULL)
    gtk_widget_set_visible (self->pages->new_record_button, listing);
}

static void
on_view_changed_cb (CrmWindow *self)
{
  update_new_actions (self);
}

static GType
type_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return CRM_TYPE_PERSON;
  if (g_strcmp0 (kind, "organization") == 0)
    return CRM_TYPE_ORGANIZATION;
  if (g_strcmp0 (kind, "deal") == 0)
    return CRM_TYPE_DEAL;
  if (g_strcmp0 (kind, "ticket") == 0)
    return CRM_TYPE_TICKET;
  return G_TYPE_INVALID;
}

static CrmRecord *
page_get_record (GtkWidget *page)
{
  CrmRecord *record = NULL;

  /* Not every page shows a record (the stakeholder maps). */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "record") == NULL)
    return NULL;

  g_object_get (page, "record", &record, NULL);
  if (record != NULL)
    g_object_unref (record); /* the page keeps it alive */

  return record;
}

static void
focus_top (CrmWindow *self)
{
  CrmWindowPages *pages = self->pages;

  if (pages->pages->len > 0)
    gtk_widget_child_focus (g_ptr_array_index (pages->pages, pages->pages->len - 1),
                            GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (gtk_stack_get_visible_child (self->view_stack));
}

static void
remove_page (CrmWindow *self,
             GtkWidget *page)
{
  CrmWindowPages *pages = self->pages;
  gboolean was_top = pages->pages->len > 0 &&
                     g_ptr_array_index (pages->pages, pages->pages->len - 1) == page;

  g_ptr_array_remove (pages->pages, page);

  if (was_top)
    {
      GtkWidget *below = pages->pages->len > 0
                         ? g_ptr_array_index (pages->pages, pages->pages->len - 1)
                         : gtk_stack_get_child_by_name (pages->content_stack, "views");

      gtk_stack_set_transition_type (pages->content_stack,
                                     GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
      gtk_stack_set_visible_child (pages->content_stack, below);
    }

  gtk_stack_remove (pages->content_stack, page);
  focus_top (self);
}

static gboolean
on_page_escape_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CrmWindow *self = user_data;

  return _crm_window_pop_record (self);
}

static void
push_page (CrmWindow *self,
           GtkWidget *page)
{
  CrmWindowPages *pages = self->pages;
  g_autofree char *name = g_strdup_printf ("record-%u", ++pages->serial);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Escape leaves the page unless a widget inside it used the key. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_page_escape_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (page, shortcuts);

  g_ptr_array_add (pages->pages, page);
  gtk_stack_add_named (pages->content_stack, page, name);
  gtk_stack_set_transition_type (pages->content_stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT);
  gtk_stack_set_visible_child (pages->content_stack, page);

  /* On a narrow window the sidebar gives way to the page. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");

  /* Keyboard users land on the page: its back button, or in edit mode its
   * first entry (see the pages' map). */
  if (gtk_root_get_focus (gtk_widget_get_root (page)) == NULL ||
      !gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (page)), page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static GtkWidget *
find_page (CrmWindow *self,
           CrmRecord *record)
{
  CrmWindowPages *pages = self->pages;

  for (guint i = 0; i < pages->pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages->pages, i);

      if (page_get_record (page) == record)
        return page;
    }

  return NULL;
}

/* Shows @record's page: the one already open for it comes to the top. */
static void
show_record (CrmWindow *self,
             CrmRecord *record,
             gboolean   editing)
{
  CrmContext *context = crm_window_get_context (self);
  GtkWidget *page;

  if (context == NULL)
    return;

  page = find_page (self, record);
  if (page != NULL)
    {
      CrmWindowPages *pages = self->pages;

      /* Coming back to a page lower in the stack drops the ones above it. */
      while (pages->pages->len > 0 &&
             g_ptr_array_index (pages->pages, pages->pages->len - 1) != page)
        remove_page (self, g_ptr_array_index (pages->pages, pages->pages->len - 1));
      g_object_set (page, "editing", editing, NULL);
      gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
      return;
    }

  if (CRM_IS_PERSON (record))
    page = GTK_WIDGET (crm_person_page_new (context, CRM_PERSON (record)));
  else if (CRM_IS_ORGANIZATION (record))
    page = GTK_WIDGET (crm_organization_page_new (context, CRM_ORGANIZATION (record)));
  else if (CRM_IS_DEAL (record))
    page = GTK_WIDGET (crm_deal_page_new (context, CRM_DEAL (record)));
  else if (CRM_IS_TICKET (record))
    page = GTK_WIDGET (crm_ticket_page_new (context, CRM_TICKET (record)));
  else
    return;

  g_object_set (page, "editing", editing, NULL);
  push_page (self, page);
}

static void
on_record_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ShowRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not load a %s: %s", request->kind, error->message);
          _crm_window_toast_error (request->window, _("This record could not be opened"));
        }
    }
  else if (crm_record_get_trashed (record))
    {
      crm_window_add_toast (request->window, adw_toast_new (_("This record is in the trash")));
    }
  else
    {
      show_record (request->window, record, request->editing);
    }

  show_request_free (request);
}

static void
show_record_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmStore *store = get_store (self);
  const char *kind = NULL;
  gint64 id = 0;
  ShowRequest *request;
  GType type;

  g_variant_get (param, "(&sx)", &kind, &id);
  type = type_for_kind (kind);
  if (store == NULL || type == G_TYPE_INVALID || id <= 0)
    {
      g_warning ("Cannot show a record of kind “%s” and id %" G_GINT64_FORMAT, kind, id);
      return;
    }

  request = g_new0 (ShowRequest, 1);
  request->window = g_object_ref (self);
  request->kind = g_strdup (kind);
  /* Always through the store: the identity map answers at once for records
   * in memory, and a record that is gone gives a clear error. */
  crm_store_load_async (store, type, id, self->pages->cancellable, on_record_loaded_cb, request);
}

static void
new_record (CrmWindow *self,
            GType      type)
{
  g_autoptr(CrmRecord) record = NULL;

  if (get_store (self) == NULL)
    return;

  /* Unsaved until the first valid "Done": cancelling leaves nothing behind. */
  record = g_object_new (type, NULL);
  show_record (self, record, TRUE);
}

static void
new_person_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  new_record (user_data, CRM_TYPE_PERSON);
}

static void
new_organization_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  new_record (user_data, CRM_TYPE_ORGANIZATION);
}

/* Ctrl+N: a new record of the kind the current view lists. */
static void
new_record_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  CrmWindow *self = user_data;
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);
  GtkWidget *top = self->pages->pages->len > 0
                   ? g_ptr_array_index (self->pages->pages, self->pages->pages->len - 1)
                   : NULL;

  if (top != NULL && page_get_record (top) != NULL)
    new_record (self, G_OBJECT_TYPE (page_get_record (top)));
  else if (g_strcmp0 (view, "organizations") == 0)
    new_record (self, CRM_TYPE_ORGANIZATION);
  else if (g_strcmp0 (view, "people") == 0)
    new_record (self, CRM_TYPE_PERSON);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CrmWindow *self = user_data;
  GPtrArray *undo = self->pages->undo;
  UndoEntry *entry;

  if (undo->len == 0)
    return;

  entry = g_ptr_array_steal_index (undo, undo->len - 1);
  set_action_enabled (self, "undo", undo->len > 0);
  entry->func (self, entry->data);
  undo_entry_free (entry);
}

static char *
dup_record_name (CrmRecord *record)
{
  const char *name = NULL;

  if (CRM_IS_PERSON (record))
    name = crm_person_get_display_name (CRM_PERSON (record));
  else if (CRM_IS_ORGANIZATION (record))
    name = crm_organization_get_name (CRM_ORGANIZATION (record));
  else if (CRM_IS_DEAL (record))
    name = crm_deal_get_name (CRM_DEAL (record));
  else if (CRM_IS_TICKET (record))
    name = crm_ticket_get_subject (CRM_TICKET (record));

  return g_strdup (name != NULL && name[0] != '\0' ? name : _("Unnamed"));
}

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_trash_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _crm_window_toast_error (self, _("The record could not be restored"));
}

static void
untrash_record (CrmWindow *self,
                gpointer   data)
{
  CrmRecord *record = data;
  CrmStore *store = get_store (self);
  g_autofree char *name = dup_record_name (record);
  g_autofree char *message = NULL;

  /* The database that held it may have been closed since. */
  if (store == NULL || crm_record_get_store (record) != store)
    return;

  crm_store_trash_async (store, record, FALSE, NULL, on_restored_cb, g_object_ref (self));
  /* Translators: %s is the name of a person or an organization */
  message = g_strdup_printf (_("Restored “%s”"), name);
  crm_window_add_toast (self, adw_toast_new (message));
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
    _crm_window_toast_error (self, _("The record could not be deleted"));
}

static void
trash_record (CrmWindow *self,
              CrmRecord *record)
{
  CrmStore *store = get_store (self);
  g_autofree char *name = dup_record_name (record);
  g_autofree char *message = NULL;
  GtkWidget *page;
  AdwToast *toast;

  crm_store_trash_async (store, record, TRUE, NULL, on_trashed_cb, g_object_ref (self));
  _crm_window_push_undo (self, untrash_record, g_object_ref (record), g_object_unref);

  while ((page = find_page (self, record)) != NULL)
    remove_page (self, page);

  /* Translators: %s is the name of a person or an organization */
  message = g_strdup_printf (_("Deleted “%s”"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  crm_window_add_toast (self, toast);
}

static void
on_delete_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_window_toast_error (self, _("The record could not be deleted"));
      return;
    }

  if (!crm_record_get_trashed (record))
    trash_record (self, record);
}

static void
delete_record_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmStore *store = get_store (self);
  const char *kind = NULL;
  gint64 id = 0;
  GType type;

  g_variant_get (param, "(&sx)", &kind, &id);
  type = type_for_kind (kind);
  if (store == NULL || type == G_TYPE_INVALID || id <= 0)
    return;

  crm_store_load_async (store, type, id, self->pages->cancellable,
                        on_delete_loaded_cb, g_object_ref (self));
}

static void
on_show_view_activate_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  CrmWindow *self = user_data;

  /* Choosing a view in the sidebar leaves the record pages. */
  while (self->pages->pages->len > 0)
    remove_page (self, g_ptr_array_index (self->pages->pages, self->pages->pages->len - 1));
}

static void
on_context_changed_cb (CrmWindow  *self,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  CrmWindowPages *pages = self->pages;
  CrmContext *context = crm_window_get_context (self);

  /* Pages and undo entries belong to the database that was open. */
  g_cancellable_cancel (pages->cancellable);
  g_clear_object (&pages->cancellable);
  pages->cancellable = g_cancellable_new ();
  while (pages->pages->len > 0)
    remove_page (self, g_ptr_array_index (pages->pages, pages->pages->len - 1));
  g_ptr_array_set_size (pages->undo, 0);
  set_action_enabled (self, "undo", FALSE);

  crm_reminders_set_context (pages->reminders, context);
  update_new_actions (self);
}

static const GActionEntry page_actions[] = {
  { "show-record", show_record_action, "(sx)" },
  { "delete-record", delete_record_action, "(sx)" },
  { "new-person", new_person_action },
  { "new-organization", new_organization_action },
  { "new-record", new_record_action },
  { "undo", undo_action },
};

void
_crm_window_init_pages (CrmWindow *self)
{
  CrmWindowPages *pages = g_new0 (CrmWindowPages, 1);
  GAction *show_view;

  self->pages = pages;
  /* The content pane of the leaflet is the stack "content_stack" of the
   * template, holding the views' box as "views". */
  pages->content_stack = GTK_STACK (adw_leaflet_get_child_by_name (self->leaflet, "content"));
  g_assert (GTK_IS_STACK (pages->content_stack));
  pages->pages = g_ptr_array_new ();
  pages->undo = g_ptr_array_new_with_free_func (undo_entry_free);
  pages->cancellable = g_cancellable_new ();
  pages->reminders = crm_reminders_new (G_APPLICATION (g_application_get_default ()));

  g_action_map_add_action_entries (G_ACTION_MAP (self), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  set_action_enabled (self, "undo", FALSE);

  show_view = g_action_map_lookup_action (G_ACTION_MAP (self), "show-view");
  if (show_view != NULL)
    g_signal_connect_object (show_view, "activate",
                             G_CALLBACK (on_show_view_activate_cb), self, G_CONNECT_AFTER);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_view_changed_cb), self);

  pages->new_record_button = find_action_button (gtk_stack_get_child_by_name (pages->content_stack,
                                                                              "views"),
                                                 "win.new-record");
  update_new_actions (self);
}

void
_crm_window_dispose_pages (CrmWindow *self)
{
  CrmWindowPages *pages = self->pages;

  if (pages == NULL)
    return;

  g_cancellable_cancel (pages->cancellable);
  g_clear_object (&pages->cancellable);
  g_clear_object (&pages->reminders);
  g_clear_pointer (&pages->pages, g_ptr_array_unref);
  g_clear_pointer (&pages->undo, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_free);
}

gboolean
_crm_window_pop_record (CrmWindow *self)
{
  CrmWindowPages *pages = self->pages;
  GtkWidget *top;
  gboolean editing = FALSE;

  if (pages == NULL || pages->pages->len == 0)
    return FALSE;

  /* Leaving a page in edit mode cancels the edit first (and a record that
   * was never saved goes with its page). */
  top = g_ptr_array_index (pages->pages, pages->pages->len - 1);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (top), "editing") != NULL)
    g_object_get (top, "editing", &editing, NULL);
  if (editing)
    {
      gtk_widget_activate_action (top, "page.cancel", NULL);
      return TRUE;
    }

  remove_page (self, top);
  return TRUE;
}

void
_crm_window_push_undo (CrmWindow      *self,
                       CrmUndoFunc     func,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (func != NULL);

  entry->func = func;
  entry->data = data;
  entry->destroy = destroy;
  g_ptr_array_add (self->pages->undo, entry);
  if (self->pages->undo->len > UNDO_DEPTH)
    g_ptr_array_remove_index (self->pages->undo, 0);
  set_action_enabled (self, "undo", TRUE);
}

/* Shows @page on top of the content pane: a page already on the stack comes
 * back (the pages above it are dropped), a new one is pushed. */
void
_crm_window_push_page (CrmWindow *self,
                       GtkWidget *page)
{
  CrmWindowPages *pages = self->pages;
  guint index;

  if (!g_ptr_array_find (pages->pages, page, &index))
    {
      push_page (self, page);
      return;
    }

  while (pages->pages->len > index + 1)
    remove_page (self, g_ptr_array_index (pages->pages, pages->pages->len - 1));
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* The pages on the stack, bottom to top; transfer none. */
GPtrArray *
_crm_window_get_pages (CrmWindow *self)
{
  return self->pages->pages;
}

/**
 * crm_window_get_record_page:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none) (nullable): the record page on top, or %NULL
 *   while a view is shown
 */
GtkWidget *
crm_window_get_record_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  if (self->pages == NULL || self->pages->pages->len == 0)
    return NULL;

  return g_ptr_array_index (self->pages->pages, self->pages->pages->len - 1);
}
