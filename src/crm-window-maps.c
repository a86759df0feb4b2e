/* crm-window-maps.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "win.show-map" ("organization" | "deal", id) pushes the stakeholder map of
 * an organization or a deal on the page stack; a map already open for the
 * same organization or deal comes back to the top instead.
 */

#define G_LOG_DOMAIN "CrmWindow"

#include "config.h"

#include "crm-window-private.h"
#include "crm-stakeholder-map-view.h"

static GtkWidget *
find_map_page (CrmWindow   *self,
               CrmMapScope  scope,
               gint64       scope_id)
{
  GPtrArray *pages = _crm_window_get_pages (self);

  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);

      if (CRM_IS_STAKEHOLDER_MAP_VIEW (page) &&
          crm_stakeholder_map_view_get_scope (CRM_STAKEHOLDER_MAP_VIEW (page)) == scope &&
          crm_stakeholder_map_view_get_scope_id (CRM_STAKEHOLDER_MAP_VIEW (page)) == scope_id)
        return page;
    }

  return NULL;
}

static void
show_map_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmContext *context = crm_window_get_context (self);
  const char *key = NULL;
  gint64 id = 0;
  CrmMapScope scope;
  GtkWidget *page;

  g_variant_get (param, "(&sx)", &key, &id);
  if (!crm_map_scope_from_key (key, &scope) || id <= 0)
    {
      g_warning ("Cannot show the map of a “%s” with id %" G_GINT64_FORMAT, key, id);
      return;
    }
  if (context == NULL)
    return;

  page = find_map_page (self, scope, id);
  if (page == NULL)
    page = crm_stakeholder_map_view_new (context, scope, id);
  _crm_window_push_page (self, page);
}

static void
on_context_changed_cb (CrmWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-map");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), crm_window_get_context (self) != NULL);
}

static const GActionEntry map_actions[] = {
  { "show-map", show_map_action, "(sx)" },
};

void
_crm_window_init_maps (CrmWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), map_actions,
                                   G_N_ELEMENTS (map_actions), self);
  g_signal_connect (self, "notify::context", G_CALLBACK (on_context_changed_cb), NULL);
  on_context_changed_cb (self);
}
