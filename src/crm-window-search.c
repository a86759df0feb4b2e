/* crm-window-search.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmWindow: the global search.  Typing in the header's search entry
 * searches people, organizations, deals and tickets (crm_search_async) about
 * 60 ms after the last key, cancelling a search still running, and shows the
 * hits grouped by kind in a popover under the entry.  The keyboard stays in
 * the entry: Down and Up move the highlighted hit, Enter opens it
 * ("win.show-record"), Escape closes the results.
 *
 * The entry still hands its text to the current view when the view wants it
 * (crm_view_get_follows_header_search): Pipeline and Inbox narrow their lists
 * by it.  The people and organizations tables do not: on a million rows a
 * substring scan takes seconds on the store's single worker and held up every
 * keystroke's search behind it; those tables are narrowed with their Filter.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-search.h"
#include "crm-search-results.h"
#include "crm-store.h"

#define SEARCH_DELAY_MS 60
#define HITS_PER_KIND 5

struct _CrmWindowSearch
{
  GtkPopover       *popover;
  CrmSearchResults *results;
  GCancellable     *cancellable;
  guint             timeout;
  char             *pending;     /* the text the running search is for */
};

static void
close_results (CrmWindow *self)
{
  /* Focus moves while the window is being destroyed, after our dispose. */
  if (self->search != NULL)
    gtk_popover_popdown (self->search->popover);
}

/* The entry's text child holds the focus, not the entry itself. */
static gboolean
entry_has_focus (CrmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *entry = GTK_WIDGET (self->search_entry);

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  CrmWindowSearch *search = self->search;

  hits = crm_search_finish (CRM_STORE (object), result, &error);
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && search != NULL)
        g_warning ("Search failed: %s", error->message);
      return;
    }

  if (search == NULL)
    return;

  crm_search_results_set_results (search->results, hits, search->pending);
  /* Only while the user is still in the entry: a late answer must not pop
   * up over whatever they went on to. */
  if (entry_has_focus (self) || gtk_widget_get_visible (GTK_WIDGET (search->popover)))
    gtk_popover_popup (search->popover);
}

static gboolean
search_timeout_cb (gpointer data)
{
  CrmWindow *self = data;
  CrmWindowSearch *search = self->search;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  search->timeout = 0;

  g_cancellable_cancel (search->cancellable);
  g_clear_object (&search->cancellable);

  if (stripped[0] == '\0' || self->context == NULL)
    {
      close_results (self);
      return G_SOURCE_REMOVE;
    }

  g_free (search->pending);
  search->pending = g_strdup (stripped);
  search->cancellable = g_cancellable_new ();
  crm_search_async (crm_context_get_store (self->context), stripped, HITS_PER_KIND,
                    search->cancellable, on_search_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed_cb (CrmWindow   *self,
                     GtkEditable *entry)
{
  CrmWindowSearch *search = self->search;

  if (search == NULL)
    return;
  g_clear_handle_id (&search->timeout, g_source_remove);
  search->timeout = g_timeout_add (SEARCH_DELAY_MS, search_timeout_cb, self);
}

static void
on_hit_activated_cb (CrmWindow        *self,
                     CrmSearchHit     *hit,
                     CrmSearchResults *results)
{
  close_results (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "(sx)",
                              crm_search_kind_to_key (crm_search_hit_get_kind (hit)),
                              crm_search_hit_get_record_id (hit));
}

static gboolean
on_entry_key_pressed_cb (CrmWindow             *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  CrmWindowSearch *search = self->search;
  gboolean shown;

  if (search == NULL)
    return FALSE;
  shown = gtk_widget_get_visible (GTK_WIDGET (search->popover));

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown && crm_search_results_get_n_results (search->results) > 0)
        gtk_popover_popup (search->popover);
      crm_search_results_move (search->results, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      crm_search_results_move (search->results, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!shown)
        return FALSE;
      /* Enter without a highlighted hit opens the first one. */
      if (crm_search_results_get_selected (search->results) == NULL)
        crm_search_results_move (search->results, 1);
      return crm_search_results_activate_selected (search->results);

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      close_results (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_entry_focus_leave_cb (CrmWindow               *self,
                         GtkEventControllerFocus *controller)
{
  /* Clicking a hit moves no focus (the popover does not take it), so
   * leaving the entry means going elsewhere. */
  close_results (self);
}

void
_crm_window_init_search (CrmWindow *self)
{
  CrmWindowSearch *search = g_new0 (CrmWindowSearch, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->search = search;

  search->results = CRM_SEARCH_RESULTS (crm_search_results_new ());
  g_signal_connect_object (search->results, "hit-activated", G_CALLBACK (on_hit_activated_cb),
                           self, G_CONNECT_SWAPPED);

  /* Not autohide: an autohiding popover grabs the keyboard from the entry. */
  search->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (search->popover, FALSE);
  gtk_popover_set_has_arrow (search->popover, FALSE);
  gtk_popover_set_position (search->popover, GTK_POS_BOTTOM);
  gtk_widget_set_size_request (GTK_WIDGET (search->results), 320, -1);
  gtk_widget_add_css_class (GTK_WIDGET (search->popover), "search-popover");
  gtk_popover_set_child (search->popover, GTK_WIDGET (search->results));
  gtk_widget_set_parent (GTK_WIDGET (search->popover), GTK_WIDGET (self->search_entry));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), focus);

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_crm_window_dispose_search (CrmWindow *self)
{
  CrmWindowSearch *search = self->search;

  if (search == NULL)
    return;

  self->search = NULL;
  g_clear_handle_id (&search->timeout, g_source_remove);
  g_cancellable_cancel (search->cancellable);
  g_clear_object (&search->cancellable);
  if (search->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (search->popover));
  g_free (search->pending);
  g_free (search);
}

GtkWidget *
_crm_window_get_search_results (CrmWindow *self)
{
  return self->search != NULL ? GTK_WIDGET (self->search->results) : NULL;
}

GtkWidget *
_crm_window_get_search_popover (CrmWindow *self)
{
  return self->search != NULL ? GTK_WIDGET (self->search->popover) : NULL;
}
