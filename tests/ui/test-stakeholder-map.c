/* test-stakeholder-map.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map page in the real window on the sample data:
 * "win.show-map" for an organization (also from its page) and a deal, the
 * nodes on the canvas, a node moved by the keyboard action, a manager added
 * in the side panel and a role chosen there, each read back from the
 * database through a fresh load of the map.
 */

#define G_LOG_DOMAIN "TestStakeholderMap"

#include "config.h"

#include <sqlite3.h>

#include "crm-ui-test-util.h"
#include "crm-keys.h"
#include "crm-organization-page.h"
#include "crm-stakeholder-canvas.h"
#include "crm-stakeholder-map.h"
#include "crm-stakeholder-map-view.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *demo_path;

static gint64
db_int (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static CrmStore *
get_store (CrmWindow *window)
{
  return crm_context_get_store (crm_window_get_context (window));
}

static void
flush (CrmWindow *window)
{
  CrmStore *store = get_store (window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_flush_async (store, NULL, crm_test_store_result, &result);
  crm_store_flush_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
}

/* The map as the database has it now: a load of its own. */
static CrmStakeholderMap *
reload (CrmWindow   *window,
        CrmMapScope  scope,
        gint64       id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmStakeholderMap *map;

  flush (window);
  crm_stakeholder_map_load_async (get_store (window), scope, id, NULL, crm_test_store_result,
                                  &result);
  map = crm_stakeholder_map_load_finish (crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);

  return map;
}

typedef struct
{
  CrmWindow   *window;
  CrmMapScope  scope;
  gint64       id;
} MapWait;

static gboolean
map_shown (gpointer data)
{
  MapWait *wait = data;
  GtkWidget *page = crm_window_get_record_page (wait->window);

  return CRM_IS_STAKEHOLDER_MAP_VIEW (page) &&
         crm_stakeholder_map_view_get_scope (CRM_STAKEHOLDER_MAP_VIEW (page)) == wait->scope &&
         crm_stakeholder_map_view_get_scope_id (CRM_STAKEHOLDER_MAP_VIEW (page)) == wait->id &&
         crm_stakeholder_map_view_get_map (CRM_STAKEHOLDER_MAP_VIEW (page)) != NULL;
}

static CrmStakeholderMapView *
show_map (CrmWindow   *window,
          CrmMapScope  scope,
          gint64       id)
{
  MapWait wait = { window, scope, id };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-map", "(sx)",
                                             crm_map_scope_to_key (scope), id));
  crm_ui_test_wait (map_shown, &wait);

  return CRM_STAKEHOLDER_MAP_VIEW (crm_window_get_record_page (window));
}

static void
assert_nodes_drawn (CrmStakeholderMapView *view)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  CrmStakeholderCanvas *canvas = CRM_STAKEHOLDER_CANVAS (crm_stakeholder_map_view_get_canvas (view));

  g_assert_true (crm_stakeholder_canvas_get_map (canvas) == map);
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map); i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);
      GtkWidget *widget = crm_stakeholder_canvas_get_node (canvas, node->person_id);

      g_assert_nonnull (widget);
      g_assert_true (gtk_widget_get_visible (widget));
    }
}

static const CrmMapNode *
find_node (CrmStakeholderMap *map,
           gint64             person_id)
{
  int index = crm_stakeholder_map_find_node (map, person_id);

  g_assert_cmpint (index, >=, 0);
  return crm_stakeholder_map_get_node (map, index);
}

static gboolean
has_reports_to (CrmStakeholderMap *map,
                gint64             person,
                gint64             manager)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, i);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->from == person && edge->to == manager)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_reports (CrmStakeholderMap *map,
             gint64             manager)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, i);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->to == manager)
        return TRUE;
    }
  return FALSE;
}

static GObject *
template_child (CrmStakeholderMapView *view,
                const char            *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (view),
                                                  CRM_TYPE_STAKEHOLDER_MAP_VIEW, name);

  g_assert_nonnull (child);
  return child;
}

/* Waits. */

typedef struct
{
  CrmStakeholderMap *map;
  gint64             person;
} NodeWait;

static gboolean
node_placed (gpointer data)
{
  NodeWait *wait = data;

  return find_node (wait->map, wait->person)->placed;
}

typedef struct
{
  CrmStakeholderMap *map;
  gint64             person;
  gint64             manager;
} EdgeWait;

static gboolean
edge_added (gpointer data)
{
  EdgeWait *wait = data;

  return has_reports_to (wait->map, wait->person, wait->manager);
}

typedef struct
{
  CrmStakeholderMap *map;
  gint64             person;
  const char        *role;
} RoleWait;

static gboolean
role_set (gpointer data)
{
  RoleWait *wait = data;

  return g_strcmp0 (find_node (wait->map, wait->person)->role, wait->role) == 0;
}

static gboolean
popover_filled (gpointer data)
{
  GtkWidget *list = data;

  return GTK_IS_LIST_BOX_ROW (gtk_widget_get_first_child (list));
}

/* Tests. */

static void
move_node (CrmWindow             *window,
           CrmStakeholderMapView *view,
           gint64                 organization)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  const CrmMapNode *node = crm_stakeholder_map_get_node (map, 0);
  gint64 person = node->person_id;
  g_autoptr(CrmStakeholderMap) saved = NULL;
  const CrmMapNode *saved_node;
  double x = 0, y = 0;

  g_assert_true (crm_stakeholder_canvas_get_position (CRM_STAKEHOLDER_CANVAS (canvas), person,
                                                      &x, &y));
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.move-node", "(xdd)",
                                             person, 40.0, 20.0));
  crm_ui_test_wait (node_placed, &(NodeWait) { map, person });

  /* Moved by the step (positions are kept to whole map units)... */
  node = find_node (map, person);
  g_assert_cmpfloat_with_epsilon (node->x, x + 40.0, 1.0);
  g_assert_cmpfloat_with_epsilon (node->y, y + 20.0, 1.0);

  /* ...and saved where the map shows it. */
  saved = reload (window, CRM_MAP_SCOPE_ORGANIZATION, organization);
  saved_node = find_node (saved, person);
  g_assert_true (saved_node->placed);
  g_assert_cmpfloat_with_epsilon (saved_node->x, node->x, 0.001);
  g_assert_cmpfloat_with_epsilon (saved_node->y, node->y, 0.001);
}

static void
add_manager (CrmWindow             *window,
             CrmStakeholderMapView *view,
             gint64                 organization)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  GtkMenuButton *button = GTK_MENU_BUTTON (template_child (view, "add_manager_button"));
  g_autoptr(CrmStakeholderMap) saved = NULL;
  gint64 person = 0, manager = 0;
  GtkWidget *popover, *list;
  GtkWidget *row;

  /* Someone nobody reports to (no cycle is possible) and a new manager. */
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map) && person == 0; i++)
    if (!has_reports (map, crm_stakeholder_map_get_node (map, i)->person_id))
      person = crm_stakeholder_map_get_node (map, i)->person_id;
  g_assert_cmpint (person, !=, 0);
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map) && manager == 0; i++)
    {
      gint64 id = crm_stakeholder_map_get_node (map, i)->person_id;

      if (id != person && !has_reports_to (map, person, id))
        manager = id;
    }
  g_assert_cmpint (manager, !=, 0);

  /* The side panel follows the selection. */
  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), person);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (template_child (view, "person_box"))));

  /* Add Manager…: the picker lists the others; choosing one saves the line. */
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  list = g_object_get_data (G_OBJECT (popover), "list");
  crm_ui_test_wait (popover_filled, list);
  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id") == manager)
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  crm_ui_test_wait (edge_added, &(EdgeWait) { map, person, manager });

  saved = reload (window, CRM_MAP_SCOPE_ORGANIZATION, organization);
  g_assert_true (has_reports_to (saved, person, manager));
}

static void
set_role (CrmWindow             *window,
          CrmStakeholderMapView *view,
          gint64                 organization)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  AdwComboRow *role_row = ADW_COMBO_ROW (template_child (view, "role_row"));
  const CrmMapNode *node = crm_stakeholder_map_get_node (map, crm_stakeholder_map_get_n_nodes (map) - 1);
  gint64 person = node->person_id;
  g_autoptr(CrmStakeholderMap) saved = NULL;
  const char *role;
  guint n_roles = 0;
  const CrmKeyName *roles = crm_keys_list ("role", &n_roles);
  guint index;

  g_assert_nonnull (roles);
  /* A role other than the one the person has: "champion", else the first. */
  index = g_strcmp0 (node->role, "champion") != 0 ? 3 : 0;
  g_assert_cmpstr (roles[3].key, ==, "champion");
  role = roles[index].key;

  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), person);
  /* Row 0 is "None"; the keys follow in their order. */
  adw_combo_row_set_selected (role_row, index + 1);
  crm_ui_test_wait (role_set, &(RoleWait) { map, person, role });

  saved = reload (window, CRM_MAP_SCOPE_ORGANIZATION, organization);
  g_assert_cmpstr (find_node (saved, person)->role, ==, role);

  /* "None" clears it again. */
  adw_combo_row_set_selected (role_row, 0);
  crm_ui_test_wait (role_set, &(RoleWait) { map, person, "" });
}

typedef struct
{
  CrmStakeholderMap *map;
  gint64             person;
  const char        *notes;
} NotesWait;

static gboolean
notes_set (gpointer data)
{
  NotesWait *wait = data;

  return g_strcmp0 (find_node (wait->map, wait->person)->notes, wait->notes) == 0;
}

static void
edit_notes (CrmWindow             *window,
            CrmStakeholderMapView *view,
            gint64                 organization)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  GtkTextView *notes = GTK_TEXT_VIEW (template_child (view, "notes_view"));
  gint64 person = crm_stakeholder_map_get_node (map, 1)->person_id;
  g_autoptr(CrmStakeholderMap) saved = NULL;
  const char *text = "Prefers a call before a written proposal. 先电话沟通。";

  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), person);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), text, -1);
  /* Saved a moment after the last change, without leaving the field. */
  crm_ui_test_wait (notes_set, &(NotesWait) { map, person, text });

  saved = reload (window, CRM_MAP_SCOPE_ORGANIZATION, organization);
  g_assert_cmpstr (find_node (saved, person)->notes, ==, text);

  /* Another person's notes replace them in the panel. */
  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas),
                                       crm_stakeholder_map_get_node (map, 0)->person_id);
  g_assert_cmpstr (find_node (map, person)->notes, ==, text);
}

/* An insight about a person selects them on the map. */
static void
follow_insight (CrmStakeholderMapView *view)
{
  GtkWidget *list = GTK_WIDGET (template_child (view, "insights_list"));
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  GtkWidget *row;
  GVariant *target = NULL;

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))) != NULL)
      break;

  if (row == NULL)
    {
      g_test_message ("no insight about a person on this map");
      return;
    }

  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), 0);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (CRM_STAKEHOLDER_CANVAS (canvas)), ==,
                   g_variant_get_int64 (target));
}

static void
test_organization_map (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 organization = db_int ("SELECT organization_id FROM reporting_line WHERE deleted = 0 "
                                "GROUP BY organization_id ORDER BY count(*) DESC, organization_id "
                                "LIMIT 1");
  CrmStakeholderMapView *view;
  CrmStakeholderMap *map;

  g_assert_cmpint (organization, >, 0);
  view = show_map (window, CRM_MAP_SCOPE_ORGANIZATION, organization);
  map = crm_stakeholder_map_view_get_map (view);
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (map), >=, 2);
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (map), >=, 1);
  assert_nodes_drawn (view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (view, "stack"))),
                   ==, "map");

  move_node (window, view, organization);
  add_manager (window, view, organization);
  set_role (window, view, organization);
  edit_notes (window, view, organization);
  follow_insight (view);

  /* Back leaves the map. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_null (crm_window_get_record_page (window));

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmStakeholderMap *map;
  gint64             person;
  gboolean           present;
} PresenceWait;

static gboolean
presence_is (gpointer data)
{
  PresenceWait *wait = data;

  return (crm_stakeholder_map_find_node (wait->map, wait->person) >= 0) == wait->present;
}

/* Add Person on a deal: one of the organization's people joins the deal's
 * map; Remove from Deal takes them off again. */
static void
add_and_remove_person (CrmWindow             *window,
                       CrmStakeholderMapView *view,
                       gint64                 deal)
{
  CrmStakeholderMap *map = crm_stakeholder_map_view_get_map (view);
  GtkWidget *canvas = crm_stakeholder_map_view_get_canvas (view);
  GtkMenuButton *button = GTK_MENU_BUTTON (template_child (view, "add_button"));
  GtkWidget *list = GTK_WIDGET (template_child (view, "add_list"));
  g_autoptr(CrmStakeholderMap) saved = NULL;
  g_autoptr(CrmStakeholderMap) removed = NULL;
  GtkWidget *row;
  gint64 person;

  gtk_menu_button_popup (button);
  crm_ui_test_wait (popover_filled, list);
  row = gtk_widget_get_first_child (list);
  person = *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id");
  g_assert_cmpint (person, >, 0);
  g_assert_cmpint (crm_stakeholder_map_find_node (map, person), <, 0);
  g_signal_emit_by_name (list, "row-activated", row);
  crm_ui_test_wait (presence_is, &(PresenceWait) { map, person, TRUE });

  saved = reload (window, CRM_MAP_SCOPE_DEAL, deal);
  g_assert_cmpint (crm_stakeholder_map_find_node (saved, person), >=, 0);

  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), person);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.remove-person", NULL));
  crm_ui_test_wait (presence_is, &(PresenceWait) { map, person, FALSE });
  removed = reload (window, CRM_MAP_SCOPE_DEAL, deal);
  g_assert_cmpint (crm_stakeholder_map_find_node (removed, person), <, 0);
}

static gboolean
error_shown (gpointer data)
{
  GtkStack *stack = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0;
}

/* A map of an organization that is not there says so, and loses nothing. */
static void
test_missing (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 missing = db_int ("SELECT max (id) + 1 FROM organization");
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-map", "(sx)",
                                             "organization", missing));
  page = crm_window_get_record_page (window);
  g_assert_true (CRM_IS_STAKEHOLDER_MAP_VIEW (page));
  crm_ui_test_wait (error_shown, template_child (CRM_STAKEHOLDER_MAP_VIEW (page), "stack"));
  g_assert_null (crm_stakeholder_map_view_get_map (CRM_STAKEHOLDER_MAP_VIEW (page)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (template_child (CRM_STAKEHOLDER_MAP_VIEW (page),
                                                                        "add_button"))));

  crm_ui_test_close_window (window);
}

static gboolean
organization_page_shown (gpointer data)
{
  return CRM_IS_ORGANIZATION_PAGE (crm_window_get_record_page (data));
}

static void
test_entry_points (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 deal = db_int ("SELECT deal_id FROM deal_stakeholder WHERE deleted = 0 "
                        "GROUP BY deal_id ORDER BY count(*) DESC, deal_id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM deal_stakeholder "
                                          "WHERE deleted = 0 AND deal_id = %" G_GINT64_FORMAT, deal);
  gint64 n_stakeholders = db_int (sql);
  g_autofree char *org_sql = g_strdup_printf ("SELECT organization_id FROM deal WHERE id = %"
                                              G_GINT64_FORMAT, deal);
  gint64 organization = db_int (org_sql);
  CrmStakeholderMapView *organization_map, *deal_map;
  GtkWidget *page;

  g_assert_cmpint (deal, >, 0);
  g_assert_cmpint (organization, >, 0);

  /* The organization page's Stakeholder Map button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)",
                                             "organization", organization));
  crm_ui_test_wait (organization_page_shown, window);
  page = crm_window_get_record_page (window);
  g_assert_true (gtk_widget_activate_action (page, "page.show-map", NULL));
  crm_ui_test_wait (map_shown, &(MapWait) { window, CRM_MAP_SCOPE_ORGANIZATION, organization });
  organization_map = CRM_STAKEHOLDER_MAP_VIEW (crm_window_get_record_page (window));

  /* A deal's map: its stakeholders, and "Remove from Deal". */
  deal_map = show_map (window, CRM_MAP_SCOPE_DEAL, deal);
  g_assert_true (deal_map != organization_map);
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (crm_stakeholder_map_view_get_map (deal_map)),
                    ==, n_stakeholders);
  assert_nodes_drawn (deal_map);
  crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (crm_stakeholder_map_view_get_canvas (deal_map)),
                                       crm_stakeholder_map_get_node (crm_stakeholder_map_view_get_map (deal_map), 0)->person_id);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (template_child (deal_map, "remove_button"))));
  add_and_remove_person (window, deal_map, deal);

  /* The organization's map again: the open page comes back, the deal's goes. */
  g_assert_true (show_map (window, CRM_MAP_SCOPE_ORGANIZATION, organization) == organization_map);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (CRM_IS_ORGANIZATION_PAGE (crm_window_get_record_page (window)));

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/stakeholder-map/organization", test_organization_map);
  g_test_add_func ("/ui/stakeholder-map/entry-points", test_entry_points);
  g_test_add_func ("/ui/stakeholder-map/missing", test_missing);

  status = g_test_run ();

  g_free (demo_path);
  g_object_unref (app);

  return status;
}
