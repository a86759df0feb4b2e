/* test-stakeholder-canvas.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder canvas in a real window over a hand-built map of ten
 * people in two departments (one with two managers, an influence cycle):
 * accessible nodes, selection and Tab, arrows along the lines, the key
 * bindings of moving a node, the pick mode of Set Manager… (Enter on the
 * target, Escape), removing a line, zoom, the node menu, the menu after a
 * dragged line, and the refused cycle.
 *
 * With CRM_CANVAS_SHOWCASE=SECONDS it only shows the map that long (for
 * screenshots; CRM_CANVAS_SHOWCASE_CHINESE=1 for Chinese names).
 */

#define G_LOG_DOMAIN "TestStakeholderCanvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "crm-keys.h"
#include "crm-stakeholder-canvas.h"
#include "crm-stakeholder-canvas-private.h"
#include "crm-stakeholder-map.h"
#include "crm-stakeholder-node.h"

typedef struct
{
  gint64      id;
  const char *name;
  const char *chinese;
  const char *title;
  const char *department;
  const char *role;
  const char *influence;
  const char *attitude;
  int         days_since_contact;   /* -1: never */
} Person;

enum { CEO = 1, CTO, CFO, ENG_LEAD, DEV_A, DEV_B, ACCOUNTANT, CONTROLLER, CLERK, ARCHITECT };

static const Person people[] = {
  { CEO, "Li Wei", "李伟", "Chief Executive Officer", "", "economic-buyer", "high", "neutral", 40 },
  { CTO, "Wang Fang", "王芳", "Chief Technology Officer", "Engineering", "decision-maker", "high", "supporter", 3 },
  { CFO, "Zhang Min", "张敏", "Chief Financial Officer", "Finance", "gatekeeper", "high", "opponent", 12 },
  { ENG_LEAD, "Chen Jie", "陈杰", "Engineering Manager", "Engineering", "technical-evaluator", "medium", "supporter", 5 },
  { DEV_A, "Liu Yang", "刘洋", "Senior Developer", "Engineering", "user", "low", "neutral", -1 },
  { DEV_B, "Zhao Lei", "赵磊", "Developer", "Engineering", "", "low", "neutral", 90 },
  { ACCOUNTANT, "Sun Li", "孙丽", "Accountant", "Finance", "influencer", "medium", "neutral", 20 },
  { CONTROLLER, "Zhou Xin", "周鑫", "Financial Controller", "Finance", "blocker", "medium", "opponent", 8 },
  { CLERK, "Wu Hao", "吴浩", "Accounts Clerk", "Finance", "", "low", "supporter", 2 },
  { ARCHITECT, "Xu Na", "徐娜", "Solutions Architect", "Engineering", "champion", "medium", "supporter", 1 },
};

static const gint64 reports[][2] = {
  { CTO, CEO }, { CFO, CEO }, { ENG_LEAD, CTO }, { DEV_A, ENG_LEAD }, { DEV_A, CFO },
  { DEV_B, ENG_LEAD }, { ACCOUNTANT, CFO }, { CONTROLLER, CFO }, { CLERK, ACCOUNTANT },
  { ARCHITECT, CTO },
};

static const gint64 influence_links[][2] = {
  { DEV_B, CONTROLLER }, { CONTROLLER, CLERK }, { CLERK, DEV_B }, { ARCHITECT, CTO },
};

#define NOW ((gint64) 1790000000)

static CrmStakeholderMap *
build_map (gboolean chinese)
{
  CrmStakeholderMap *map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1,
                                                    chinese ? "华星科技" : "Acme Systems");

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const Person *p = &people[i];
      g_autofree char *initials = NULL;
      CrmMapNode node = { 0 };

      if (chinese)
        initials = g_utf8_substring (p->chinese, 0, 1);
      else
        initials = g_strdup_printf ("%c%c", p->name[0], strchr (p->name, ' ')[1]);
      node.person_id = p->id;
      node.name = (char *) (chinese ? p->chinese : p->name);
      node.title = (char *) p->title;
      node.department = (char *) p->department;
      node.initials = initials;
      node.role = (char *) p->role;
      node.influence = (char *) p->influence;
      node.attitude = (char *) p->attitude;
      node.notes = (char *) "";
      node.last_contact = p->days_since_contact < 0 ? 0 : NOW - p->days_since_contact * 86400;
      crm_stakeholder_map_add_node (map, &node);
    }
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      CrmMapEdge edge = { CRM_MAP_EDGE_REPORTS_TO, 100 + i, reports[i][0], reports[i][1], NULL };

      crm_stakeholder_map_add_edge (map, &edge);
    }
  for (guint i = 0; i < G_N_ELEMENTS (influence_links); i++)
    {
      CrmMapEdge edge = { CRM_MAP_EDGE_INFLUENCES, 200 + i, influence_links[i][0], influence_links[i][1],
                          (char *) "medium" };

      crm_stakeholder_map_add_edge (map, &edge);
    }
  return map;
}

typedef struct
{
  GtkWindow            *window;
  CrmStakeholderCanvas *canvas;
  CrmStakeholderMap    *map;
  GPtrArray            *errors;
  GArray               *activated;
} Fixture;

static void
on_error_cb (CrmStakeholderCanvas *canvas,
             const char           *message,
             Fixture              *fixture)
{
  g_ptr_array_add (fixture->errors, g_strdup (message));
}

static void
on_activate_person_cb (CrmStakeholderCanvas *canvas,
                       gint64                person_id,
                       Fixture              *fixture)
{
  g_array_append_val (fixture->activated, person_id);
}

static gboolean
canvas_allocated (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *node = crm_stakeholder_canvas_get_node (fixture->canvas, CEO);

  return gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) > 0 &&
         node != NULL && gtk_widget_get_width (node) > 0;
}

static void
spin (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
wait_for (gboolean (*condition) (gpointer),
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a condition");
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->map = build_map (FALSE);
  fixture->errors = g_ptr_array_new_with_free_func (g_free);
  fixture->activated = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->canvas = CRM_STAKEHOLDER_CANVAS (crm_stakeholder_canvas_new ());
  g_object_set (fixture->canvas, "now", NOW, "stale-days", 30, NULL);
  crm_stakeholder_canvas_set_map (fixture->canvas, fixture->map);
  g_signal_connect (fixture->canvas, "error", G_CALLBACK (on_error_cb), fixture);
  g_signal_connect (fixture->canvas, "activate-person", G_CALLBACK (on_activate_person_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->canvas));
  gtk_window_present (fixture->window);
  wait_for (canvas_allocated, fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  CrmStakeholderCanvas *canvas = g_object_ref (fixture->canvas);

  gtk_window_destroy (fixture->window);
  /* Edits complete in an idle: let them finish before checking for leaks. */
  spin (50);
  g_assert_finalize_object (canvas);
  g_assert_finalize_object (fixture->map);
  g_ptr_array_unref (fixture->errors);
  g_array_unref (fixture->activated);
}

/* What a key press on the canvas does: runs the matching key binding of the
 * canvas's class, as GTK does when the key reaches it from a focused node. */
static gboolean
run_binding (GtkWidget       *owner,
             GtkWidget       *widget,
             guint            keyval,
             GdkModifierType  modifiers,
             gboolean        *handled)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (owner);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              *handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                       GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                       gtk_shortcut_get_arguments (shortcut));
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* What a key press does: the canvas's own bindings, else the shortcuts it
 * put on its window (Alt+arrows, which must run before the window's). */
static gboolean
press_key_on (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  modifiers)
{
  gboolean handled = FALSE;

  if (!run_binding (widget, widget, keyval, modifiers, &handled) &&
      !run_binding (GTK_WIDGET (gtk_widget_get_root (widget)), widget, keyval, modifiers, &handled))
    g_error ("no binding for key %u", keyval);
  return handled;
}

static gboolean
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  modifiers)
{
  return press_key_on (GTK_WIDGET (fixture->canvas), keyval, modifiers);
}

static gint64
focused_person (Fixture *fixture)
{
  GtkWidget *focus = gtk_window_get_focus (fixture->window);

  if (focus == NULL || !CRM_IS_STAKEHOLDER_NODE (focus))
    return 0;
  return crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (focus));
}

static gboolean
has_manager (CrmStakeholderMap *map,
             gint64             person,
             gint64             manager)
{
  g_autoptr(GArray) managers = crm_stakeholder_map_dup_managers (map, person);

  for (guint i = 0; i < managers->len; i++)
    if (g_array_index (managers, gint64, i) == manager)
      return TRUE;
  return FALSE;
}

static gboolean
has_error (gpointer data)
{
  return ((Fixture *) data)->errors->len > 0;
}

static void
test_nodes (Fixture       *fixture,
            gconstpointer  data)
{
  guint n = crm_stakeholder_map_get_n_nodes (fixture->map);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (people));
  for (guint i = 0; i < n; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (fixture->map, i);
      GtkWidget *widget = crm_stakeholder_canvas_get_node (fixture->canvas, node->person_id);
      g_autofree char *label = crm_map_node_describe (node);
      double x, y;

      g_assert_nonnull (widget);
      g_assert_true (gtk_widget_get_parent (widget) == GTK_WIDGET (fixture->canvas));
      g_assert_true (gtk_widget_get_focusable (widget));
      g_assert_cmpint (crm_stakeholder_node_get_person_id (CRM_STAKEHOLDER_NODE (widget)), ==, node->person_id);
      g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
      /* The name says person and role (and title and attitude). */
      g_assert_nonnull (strstr (label, node->name));
      if (node->role[0] != '\0')
        g_assert_nonnull (strstr (label, crm_keys_get_label ("role", node->role)));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);

      g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, node->person_id, &x, &y));
    }
  g_assert_null (crm_stakeholder_canvas_get_node (fixture->canvas, 999));
  g_assert_false (crm_stakeholder_canvas_get_position (fixture->canvas, 999, NULL, NULL));

  /* Managers are drawn above their reports. */
  {
    double ceo_y, cto_y, dev_y;

    crm_stakeholder_canvas_get_position (fixture->canvas, CEO, NULL, &ceo_y);
    crm_stakeholder_canvas_get_position (fixture->canvas, CTO, NULL, &cto_y);
    crm_stakeholder_canvas_get_position (fixture->canvas, DEV_A, NULL, &dev_y);
    g_assert_cmpfloat (ceo_y, <, cto_y);
    g_assert_cmpfloat (cto_y, <, dev_y);
  }
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *node;

  crm_stakeholder_canvas_set_selected (fixture->canvas, 0);
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, 0);
  crm_stakeholder_canvas_set_selected (fixture->canvas, CLERK);
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, CLERK);
  node = crm_stakeholder_canvas_get_node (fixture->canvas, CLERK);
  g_assert_true (gtk_widget_has_focus (node));
  g_assert_true ((gtk_widget_get_state_flags (node) & GTK_STATE_FLAG_SELECTED) != 0);
  spin (50);

  /* Scrolled into view: the node lies inside the canvas. */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (node, GTK_WIDGET (fixture->canvas), &bounds));
    g_assert_cmpfloat (bounds.origin.x, >=, 0);
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)));
  }

  /* The selection follows the keyboard. */
  gtk_widget_grab_focus (crm_stakeholder_canvas_get_node (fixture->canvas, CFO));
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, CFO);
  g_assert_true ((gtk_widget_get_state_flags (node) & GTK_STATE_FLAG_SELECTED) == 0);

  /* Tab enters the map at the selected node, and the next Tab leaves it:
   * the map is one stop in the Tab chain, arrows move inside. */
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->canvas), GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (focused_person (fixture), ==, CFO);
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (fixture->canvas), GTK_DIR_TAB_FORWARD));

  crm_stakeholder_canvas_set_selected (fixture->canvas, 0);
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, 0);
}

static void
test_arrows (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 person;

  /* Up from a person with two managers goes to one of them. */
  crm_stakeholder_canvas_set_selected (fixture->canvas, DEV_A);
  g_assert_true (press_key (fixture, GDK_KEY_Up, 0));
  person = focused_person (fixture);
  g_assert_true (person == ENG_LEAD || person == CFO);
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, person);

  /* Up again, to the CEO through the CTO or directly from the CFO. */
  g_assert_true (press_key (fixture, GDK_KEY_Up, 0));
  g_assert_true (has_manager (fixture->map, person, focused_person (fixture)));
  person = focused_person (fixture);

  /* Down from a manager goes to a report. */
  crm_stakeholder_canvas_set_selected (fixture->canvas, CFO);
  g_assert_true (press_key (fixture, GDK_KEY_Down, 0));
  g_assert_true (has_manager (fixture->map, focused_person (fixture), CFO));

  /* Sideways stays in the row, and moves. */
  crm_stakeholder_canvas_set_selected (fixture->canvas, CTO);
  g_assert_true (press_key (fixture, GDK_KEY_Right, 0));
  person = focused_person (fixture);
  g_assert_cmpint (person, !=, 0);
  g_assert_cmpint (person, !=, CTO);
  {
    double x1, y1, x2, y2;

    crm_stakeholder_canvas_get_position (fixture->canvas, CTO, &x1, &y1);
    crm_stakeholder_canvas_get_position (fixture->canvas, person, &x2, &y2);
    g_assert_cmpfloat (x2, >, x1);
    g_assert_cmpfloat (ABS (y1 - y2), <, 80);
  }

  /* Enter opens the focused person. */
  crm_stakeholder_canvas_set_selected (fixture->canvas, ARCHITECT);
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->activated, gint64, 0), ==, ARCHITECT);
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  double x0, y0, x, y;
  int index;

  g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, DEV_B, &x0, &y0));
  index = crm_stakeholder_map_find_node (fixture->map, DEV_B);
  g_assert_false (crm_stakeholder_map_get_node (fixture->map, index)->placed);

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.move-node", "(xdd)",
                              (gint64) DEV_B, 60.0, -20.0);
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, DEV_B, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, x0 + 60, 1);
  g_assert_cmpfloat_with_epsilon (y, y0 - 20, 1);
  index = crm_stakeholder_map_find_node (fixture->map, DEV_B);
  g_assert_true (crm_stakeholder_map_get_node (fixture->map, index)->placed);
  g_assert_cmpfloat_with_epsilon (crm_stakeholder_map_get_node (fixture->map, index)->x, x, 1);

  /* A node placed far away (a drag, or another window) grows the drawing's
   * box: the view stays put. */
  {
    double mx0, my0, mx1, my1, cx, cy;

    _crm_stakeholder_canvas_to_map (fixture->canvas, 0, 0, &mx0, &my0);
    g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, CEO, &cx, &cy));
    crm_stakeholder_map_place_async (fixture->map, CEO, cx - 400, cy - 300, NULL, NULL, NULL);
    spin (20);
    g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, CEO, &mx1, &my1));
    g_assert_cmpfloat_with_epsilon (mx1, cx - 400, 1);
    _crm_stakeholder_canvas_to_map (fixture->canvas, 0, 0, &mx1, &my1);
    g_assert_cmpfloat_with_epsilon (mx0, mx1, 1e-6);
    g_assert_cmpfloat_with_epsilon (my0, my1, 1e-6);
  }

  /* Alt+Right moves the selected node by a step. */
  crm_stakeholder_canvas_set_selected (fixture->canvas, DEV_B);
  g_assert_true (press_key (fixture, GDK_KEY_Right, GDK_ALT_MASK));
  spin (20);
  g_assert_true (crm_stakeholder_canvas_get_position (fixture->canvas, DEV_B, &x0, &y0));
  g_assert_cmpfloat (x0, >, x + 1);
  g_assert_cmpfloat_with_epsilon (y0, y, 1);

  /* Tidy Up forgets the placements. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.tidy", NULL);
  spin (20);
  index = crm_stakeholder_map_find_node (fixture->map, DEV_B);
  g_assert_false (crm_stakeholder_map_get_node (fixture->map, index)->placed);

  /* A person not on the map is an error, not a crash. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.move-node", "(xdd)",
                              (gint64) 999, 10.0, 10.0);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
}

static void
test_set_manager (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_false (has_manager (fixture->map, ARCHITECT, ACCOUNTANT));

  /* Set Manager… then Enter on the picked node adds the line. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-manager", "x", (gint64) ARCHITECT);
  g_assert_cmpint (focused_person (fixture), ==, ARCHITECT);
  gtk_widget_grab_focus (crm_stakeholder_canvas_get_node (fixture->canvas, ACCOUNTANT));
  /* picking does not move the selection */
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, ARCHITECT);
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_cmpuint (fixture->activated->len, ==, 0);
  g_assert_true (has_manager (fixture->map, ARCHITECT, ACCOUNTANT));
  g_assert_true (has_manager (fixture->map, ARCHITECT, CTO));
  g_assert_cmpint (focused_person (fixture), ==, ARCHITECT);

  /* Remove it again through the action of the node menu. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.remove-manager", "(xx)",
                              (gint64) ARCHITECT, (gint64) ACCOUNTANT);
  spin (20);
  g_assert_false (has_manager (fixture->map, ARCHITECT, ACCOUNTANT));
  g_assert_true (has_manager (fixture->map, ARCHITECT, CTO));

  /* Escape leaves the pick mode: Enter opens the person again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-manager", "x", (gint64) CLERK);
  gtk_widget_grab_focus (crm_stakeholder_canvas_get_node (fixture->canvas, CEO));
  g_assert_true (press_key (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpint (focused_person (fixture), ==, CLERK);
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  spin (20);
  g_assert_false (has_manager (fixture->map, CLERK, CEO));
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->activated, gint64, 0), ==, CLERK);
  /* Escape outside the pick mode is left to the page. */
  g_assert_false (press_key (fixture, GDK_KEY_Escape, 0));

  /* Add Influence Link… the same way. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.add-influence", "x", (gint64) CEO);
  gtk_widget_grab_focus (crm_stakeholder_canvas_get_node (fixture->canvas, CLERK));
  g_assert_true (press_key (fixture, GDK_KEY_space, 0));
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < crm_stakeholder_map_get_n_edges (fixture->map); i++)
      {
        const CrmMapEdge *edge = crm_stakeholder_map_get_edge (fixture->map, i);

        found |= edge->kind == CRM_MAP_EDGE_INFLUENCES && edge->from == CEO && edge->to == CLERK;
      }
    g_assert_true (found);
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.remove-influence", "(xx)",
                              (gint64) CEO, (gint64) CLERK);
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static void
test_cycle (Fixture       *fixture,
            gconstpointer  data)
{
  guint n_edges = crm_stakeholder_map_get_n_edges (fixture->map);

  /* The CTO cannot report to a developer who reports to the CTO. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-manager", "x", (gint64) CTO);
  gtk_widget_grab_focus (crm_stakeholder_canvas_get_node (fixture->canvas, DEV_A));
  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  wait_for (has_error, fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), !=, "");
  g_assert_false (has_manager (fixture->map, CTO, DEV_A));
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (fixture->map), ==, n_edges);

  /* Nor be their own manager, nor get a line twice. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.connect-manager", "(xx)",
                              (gint64) CLERK, (gint64) CLERK);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.connect-manager", "(xx)",
                              (gint64) CLERK, (gint64) ACCOUNTANT);
  spin (20);
  wait_for (has_error, fixture);
  g_assert_cmpuint (fixture->errors->len, ==, 3);
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (fixture->map), ==, n_edges);

  /* Influence links may go round in circles. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.connect-influence", "(xx)",
                              (gint64) CTO, (gint64) ARCHITECT);
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 3);
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (fixture->map), ==, n_edges + 1);
}

static void
test_attributes (Fixture       *fixture,
                 gconstpointer  data)
{
  int index;
  const CrmMapNode *node;
  g_autofree char *label = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-role", "(xs)",
                              (gint64) DEV_B, "champion");
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-attitude", "(xs)",
                              (gint64) DEV_B, "opponent");
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-influence", "(xs)",
                              (gint64) DEV_B, "high");
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  index = crm_stakeholder_map_find_node (fixture->map, DEV_B);
  node = crm_stakeholder_map_get_node (fixture->map, index);
  g_assert_cmpstr (node->role, ==, "champion");
  g_assert_cmpstr (node->attitude, ==, "opponent");
  g_assert_cmpstr (node->influence, ==, "high");

  /* The accessible name follows. */
  label = crm_map_node_describe (node);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (crm_stakeholder_canvas_get_node (fixture->canvas, DEV_B)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  /* An unknown key is refused with a message. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.set-role", "(xs)",
                              (gint64) DEV_B, "astronaut");
  wait_for (has_error, fixture);
  g_assert_cmpstr (crm_stakeholder_map_get_node (fixture->map, index)->role, ==, "champion");
}

static gboolean
zoom_is (Fixture *fixture,
         double   zoom)
{
  return ABS (crm_stakeholder_canvas_get_zoom (fixture->canvas) - zoom) < 1e-6;
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  double zoom = crm_stakeholder_canvas_get_zoom (fixture->canvas);
  double fitted;

  /* The first allocation fits the map, never beyond its natural size. */
  g_assert_cmpfloat (zoom, <=, 1.0);
  g_assert_cmpfloat (zoom, >=, 0.25);

  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.zoom-in", NULL);
  g_assert_cmpfloat (crm_stakeholder_canvas_get_zoom (fixture->canvas), >, zoom);
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.zoom-out", NULL);
  g_assert_true (zoom_is (fixture, zoom));
  gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.zoom-out", NULL);
  g_assert_cmpfloat (crm_stakeholder_canvas_get_zoom (fixture->canvas), <, zoom);

  /* Ctrl+plus, Ctrl+minus, Ctrl+0 */
  zoom = crm_stakeholder_canvas_get_zoom (fixture->canvas);
  g_assert_true (press_key (fixture, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_cmpfloat (crm_stakeholder_canvas_get_zoom (fixture->canvas), >, zoom);
  g_assert_true (press_key (fixture, GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_true (zoom_is (fixture, zoom));

  crm_stakeholder_canvas_set_zoom (fixture->canvas, 3.0);
  g_assert_true (zoom_is (fixture, 3.0));
  g_assert_true (press_key (fixture, GDK_KEY_0, GDK_CONTROL_MASK));
  fitted = crm_stakeholder_canvas_get_zoom (fixture->canvas);
  g_assert_cmpfloat (fitted, <=, 1.0);
  spin (50);

  /* Fitted: every node inside the canvas. */
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      GtkWidget *node = crm_stakeholder_canvas_get_node (fixture->canvas, people[i].id);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (node, GTK_WIDGET (fixture->canvas), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, -1);
      g_assert_cmpfloat (bounds.origin.y, >=, -1);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) + 1);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)) + 1);
    }

  /* Ctrl+scroll and pinch zoom around the pointer: the map point under it
   * stays under it. */
  {
    double mx0, my0, mx1, my1;

    _crm_stakeholder_canvas_to_map (fixture->canvas, 200, 150, &mx0, &my0);
    _crm_stakeholder_canvas_zoom_around (fixture->canvas, fitted * 2, 200, 150);
    _crm_stakeholder_canvas_to_map (fixture->canvas, 200, 150, &mx1, &my1);
    g_assert_cmpfloat_with_epsilon (mx0, mx1, 1e-6);
    g_assert_cmpfloat_with_epsilon (my0, my1, 1e-6);
  }

  /* Clamped to 0.25–4. */
  crm_stakeholder_canvas_set_zoom (fixture->canvas, 100);
  g_assert_true (zoom_is (fixture, 4.0));
  crm_stakeholder_canvas_set_zoom (fixture->canvas, 0.01);
  g_assert_true (zoom_is (fixture, 0.25));
}

static GtkWidget *
shown_popover (Fixture *fixture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->canvas));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

static void
test_menu (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *popover;
  GMenuModel *model;
  guint n_items = 0;

  crm_stakeholder_canvas_set_selected (fixture->canvas, DEV_A);
  g_assert_null (shown_popover (fixture));
  g_assert_true (press_key (fixture, GDK_KEY_Menu, 0));
  popover = shown_popover (fixture);
  g_assert_nonnull (popover);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));

  /* Sections: Open; the lines (with both managers to remove); the attributes. */
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 3);
  {
    g_autoptr(GMenuModel) lines = g_menu_model_get_item_link (model, 1, G_MENU_LINK_SECTION);
    g_autoptr(GMenuModel) remove = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (lines), >=, 3);
    remove = g_menu_model_get_item_link (lines, 2, G_MENU_LINK_SUBMENU);
    g_assert_nonnull (remove);
    n_items = g_menu_model_get_n_items (remove);
    g_assert_cmpuint (n_items, ==, 2);
  }
  {
    g_autoptr(GMenuModel) attributes = g_menu_model_get_item_link (model, 2, G_MENU_LINK_SECTION);
    g_autoptr(GMenuModel) roles = g_menu_model_get_item_link (attributes, 0, G_MENU_LINK_SUBMENU);

    g_assert_cmpint (g_menu_model_get_n_items (roles), ==, CRM_KEYS_N_ROLE + 1);
  }

  /* The radio items go through canvas.set-role. */
  gtk_widget_activate_action (popover, "node.role", "s", "blocker");
  spin (20);
  g_assert_cmpstr (crm_stakeholder_map_get_node (fixture->map,
                                                 crm_stakeholder_map_find_node (fixture->map, DEV_A))->role,
                   ==, "blocker");
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (20);

  /* Shift+F10 opens it too. */
  g_assert_true (press_key (fixture, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_nonnull (shown_popover (fixture));
  gtk_popover_popdown (GTK_POPOVER (shown_popover (fixture)));
  spin (20);
}

/* What a line dragged from one node to another offers on the drop. */
static void
test_link_menu (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *popover;
  GMenuModel *model;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *action = NULL;
  gint64 from, to;

  _crm_stakeholder_canvas_show_link_menu (fixture->canvas, CLERK, CONTROLLER, 100, 100);
  popover = shown_popover (fixture);
  g_assert_nonnull (popover);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);

  /* "Reports to Zhou Xin": canvas.connect-manager (Wu Hao, Zhou Xin) */
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "canvas.connect-manager");
  target = g_menu_model_get_item_attribute_value (model, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(xx)"));
  g_variant_get (target, "(xx)", &from, &to);
  g_assert_cmpint (from, ==, CLERK);
  g_assert_cmpint (to, ==, CONTROLLER);

  /* Activated from the popover, as a click on the item does. */
  gtk_widget_activate_action_variant (popover, action, target);
  spin (20);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_true (has_manager (fixture->map, CLERK, CONTROLLER));
  g_assert_true (has_manager (fixture->map, CLERK, ACCOUNTANT));
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (20);
}

static void
test_replace_map (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) other = crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 7, "Renewal");
  CrmMapNode node = { .person_id = 42, .name = (char *) "Ada Byron", .initials = (char *) "AB" };

  crm_stakeholder_canvas_set_selected (fixture->canvas, CTO);
  crm_stakeholder_map_add_node (other, &node);
  crm_stakeholder_canvas_set_map (fixture->canvas, other);
  g_assert_true (crm_stakeholder_canvas_get_map (fixture->canvas) == other);
  g_assert_cmpint (crm_stakeholder_canvas_get_selected (fixture->canvas), ==, 0);
  g_assert_null (crm_stakeholder_canvas_get_node (fixture->canvas, CTO));
  g_assert_nonnull (crm_stakeholder_canvas_get_node (fixture->canvas, 42));
  spin (20);

  crm_stakeholder_canvas_set_map (fixture->canvas, NULL);
  g_assert_null (crm_stakeholder_canvas_get_node (fixture->canvas, 42));
  spin (20);
  crm_stakeholder_canvas_set_map (fixture->canvas, fixture->map);
  g_assert_nonnull (crm_stakeholder_canvas_get_node (fixture->canvas, CTO));
}

/* CRM_CANVAS_SHOWCASE=SECONDS: the map in a window, for screenshots. */
static int
run_showcase (const char *seconds)
{
  gboolean chinese = g_strcmp0 (g_getenv ("CRM_CANVAS_SHOWCASE_CHINESE"), "1") == 0;
  g_autoptr(CrmStakeholderMap) map = build_map (chinese);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *canvas = crm_stakeholder_canvas_new ();
  const char *select = g_getenv ("CRM_CANVAS_SHOWCASE_SELECT");
  const char *zoom = g_getenv ("CRM_CANVAS_SHOWCASE_ZOOM");
  const char *action = g_getenv ("CRM_CANVAS_SHOWCASE_ACTION");
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* Translations from a build tree, as rapport's main () binds them (and
   * the environment's locale, which gtk_test_init () replaced). */
  if (g_getenv ("RAPPORT_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAPPORT_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  /* The application's style sheet, which AdwApplication would load. */
  gtk_css_provider_load_from_resource (css, "/io/github/rapportcrm/Rapport/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_size (window, 1200, 760);
  g_object_set (canvas, "now", NOW, "stale-days", 30, NULL);
  crm_stakeholder_canvas_set_map (CRM_STAKEHOLDER_CANVAS (canvas), map);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
  gtk_window_set_child (window, scrolled);
  gtk_window_present (window);
  spin (300);
  if (zoom != NULL)
    crm_stakeholder_canvas_set_zoom (CRM_STAKEHOLDER_CANVAS (canvas), g_ascii_strtod (zoom, NULL));
  if (select != NULL)
    crm_stakeholder_canvas_set_selected (CRM_STAKEHOLDER_CANVAS (canvas), g_ascii_strtoll (select, NULL, 10));
  if (g_strcmp0 (action, "menu") == 0)
    press_key_on (canvas, GDK_KEY_Menu, 0);
  else if (g_strcmp0 (action, "pick") == 0 && select != NULL)
    gtk_widget_activate_action (canvas, "canvas.set-manager", "x", g_ascii_strtoll (select, NULL, 10));
  spin (g_ascii_strtoull (seconds, NULL, 10) * 1000);
  gtk_window_destroy (window);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *showcase = g_getenv ("CRM_CANVAS_SHOWCASE");

  /* GTK's test accessibility backend keeps the names this test reads (the
   * suite's "none" keeps nothing). */
  if (showcase == NULL)
    g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (showcase != NULL)
    return run_showcase (showcase);

#define ADD(path, func) \
  g_test_add ("/ui/stakeholder-canvas/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("nodes", test_nodes);
  ADD ("selection", test_selection);
  ADD ("arrows", test_arrows);
  ADD ("move", test_move);
  ADD ("set-manager", test_set_manager);
  ADD ("cycle", test_cycle);
  ADD ("attributes", test_attributes);
  ADD ("zoom", test_zoom);
  ADD ("menu", test_menu);
  ADD ("link-menu", test_link_menu);
  ADD ("replace-map", test_replace_map);
#undef ADD

  return g_test_run ();
}
