/* test-stakeholder-layout.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-map.h"

static const char *departments[] = { "Sales", "Engineering", "Finance", "", "Operations" };

static void
add_person (CrmStakeholderMap *map,
            gint64             id,
            const char        *name,
            const char        *department)
{
  CrmMapNode node = { 0 };

  node.person_id = id;
  node.name = (char *) name;
  node.department = (char *) department;
  crm_stakeholder_map_add_node (map, &node);
}

static void
add_edge (CrmStakeholderMap *map,
          CrmMapEdgeKind     kind,
          gint64             from,
          gint64             to)
{
  CrmMapEdge edge = { kind, 0, from, to, kind == CRM_MAP_EDGE_INFLUENCES ? "high" : NULL };

  crm_stakeholder_map_add_edge (map, &edge);
}

static const CrmLayoutPoint *
point_of (CrmStakeholderMap *map,
          GArray            *points,
          gint64             id)
{
  int i = crm_stakeholder_map_find_node (map, id);

  g_assert_cmpint (i, >=, 0);
  return &g_array_index (points, CrmLayoutPoint, i);
}

static void
assert_no_overlap (GArray                 *points,
                   const CrmLayoutMetrics *m)
{
  for (guint i = 0; i < points->len; i++)
    {
      const CrmLayoutPoint *a = &g_array_index (points, CrmLayoutPoint, i);

      g_assert_true (isfinite (a->x) && isfinite (a->y));
      for (guint j = i + 1; j < points->len; j++)
        {
          const CrmLayoutPoint *b = &g_array_index (points, CrmLayoutPoint, j);

          if (fabs (a->x - b->x) < m->node_width - 1e-6 && fabs (a->y - b->y) < m->node_height - 1e-6)
            g_error ("nodes %u (%g, %g) and %u (%g, %g) overlap", i, a->x, a->y, j, b->x, b->y);
        }
    }
}

/* A seeded organization of @n people: a tree over several departments,
 * about one in ten with a second manager, influence links with cycles;
 * @reports_cycles adds reports-to lines closing cycles.  Ids from 1000. */
static CrmStakeholderMap *
random_map (guint    n,
            guint32  seed,
            gboolean reports_cycles)
{
  CrmStakeholderMap *map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %03u", g_rand_int_range (rand, 0, 1000));

      add_person (map, 1000 + i, name,
                  departments[g_rand_int_range (rand, 0, G_N_ELEMENTS (departments))]);
    }
  for (guint i = 1; i < n; i++)
    {
      /* One in twelve has no line at all. */
      if (g_rand_int_range (rand, 0, 12) == 0)
        continue;
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 1000 + i, 1000 + g_rand_int_range (rand, 0, i));
      if (i > 2 && g_rand_int_range (rand, 0, 10) == 0)
        add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 1000 + i, 1000 + g_rand_int_range (rand, 0, i));
      if (reports_cycles && g_rand_int_range (rand, 0, 8) == 0)
        add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 1000 + g_rand_int_range (rand, 0, i), 1000 + i);
    }
  for (guint k = 0; k < n / 2; k++)
    add_edge (map, CRM_MAP_EDGE_INFLUENCES, 1000 + g_rand_int_range (rand, 0, n),
              1000 + g_rand_int_range (rand, 0, n));
  return map;
}

static void
test_empty (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 1, "Deal");
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, TRUE);
  double x, y, w, h;

  g_assert_cmpuint (points->len, ==, 0);
  crm_stakeholder_layout_bounds (points, NULL, &x, &y, &w, &h);
  g_assert_cmpfloat (w, ==, 0);
  g_assert_cmpfloat (h, ==, 0);
}

static void
test_no_overlap (void)
{
  static const guint sizes[] = { 1, 2, 3, 5, 8, 13, 40, 100, 300 };
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint32 seed = 1; seed <= 4; seed++)
      {
        g_autoptr(CrmStakeholderMap) map = random_map (sizes[s], seed * 7919 + sizes[s], FALSE);
        g_autoptr(GArray) points = crm_stakeholder_layout (map, &m, FALSE);
        guint n_edges = crm_stakeholder_map_get_n_edges (map);

        g_assert_cmpuint (points->len, ==, sizes[s]);
        assert_no_overlap (points, &m);

        /* Without cycles, every manager is drawn above each of their reports. */
        for (guint e = 0; e < n_edges; e++)
          {
            const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, e);

            if (edge->kind == CRM_MAP_EDGE_REPORTS_TO)
              g_assert_cmpfloat (point_of (map, points, edge->to)->y, <,
                                 point_of (map, points, edge->from)->y);
          }
      }
}

/* Within a layer, each department is one group, at least group_gap from the next. */
static void
test_departments (void)
{
  g_autoptr(CrmStakeholderMap) map = random_map (120, 42, FALSE);
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, FALSE);
  g_autoptr(GHashTable) layers = g_hash_table_new (NULL, NULL);
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  for (guint i = 0; i < points->len; i++)
    g_hash_table_add (layers, GUINT_TO_POINTER (g_array_index (points, CrmLayoutPoint, i).layer));
  g_assert_cmpuint (g_hash_table_size (layers), >, 2);

  for (guint layer = 0; g_hash_table_contains (layers, GUINT_TO_POINTER (layer)); layer++)
    {
      g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GArray) row = g_array_new (FALSE, FALSE, sizeof (guint));
      const char *current = NULL;
      double last_x = -G_MAXDOUBLE;

      /* The row, left to right (a selection sort: rows are short): the
       * layer's topmost nodes (below them, columns of reports hang). */
      double row_y = G_MAXDOUBLE;

      for (guint i = 0; i < points->len; i++)
        if (g_array_index (points, CrmLayoutPoint, i).layer == layer)
          row_y = MIN (row_y, g_array_index (points, CrmLayoutPoint, i).y);
      for (;;)
        {
          int best = -1;

          for (guint i = 0; i < points->len; i++)
            {
              const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

              if (p->layer == layer && p->y == row_y && p->x > last_x &&
                  (best < 0 || p->x < g_array_index (points, CrmLayoutPoint, best).x))
                best = i;
            }
          if (best < 0)
            break;
          last_x = g_array_index (points, CrmLayoutPoint, best).x;
          g_array_append_val (row, best);
        }

      for (guint k = 0; k < row->len; k++)
        {
          guint i = g_array_index (row, guint, k);
          const char *d = crm_stakeholder_map_get_node (map, i)->department;

          if (current != NULL && g_str_equal (current, d))
            continue;
          g_assert_false (g_hash_table_contains (done, d));
          if (current != NULL)
            g_assert_cmpfloat (g_array_index (points, CrmLayoutPoint, i).x -
                               g_array_index (points, CrmLayoutPoint, g_array_index (row, guint, k - 1)).x,
                               >=, m.node_width + m.group_gap - 1e-6);
          g_hash_table_add (done, (gpointer) d);
          current = d;
        }
    }
}

/* The same people and lines added in another order lay out the same. */
static void
test_determinism (void)
{
  g_autoptr(CrmStakeholderMap) a = random_map (150, 99, TRUE);
  g_autoptr(CrmStakeholderMap) b = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) pa = NULL;
  g_autoptr(GArray) pa2 = NULL;
  g_autoptr(GArray) pb = NULL;
  guint n = crm_stakeholder_map_get_n_nodes (a);
  guint n_edges = crm_stakeholder_map_get_n_edges (a);

  for (guint k = 0; k < n; k++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (a, (k * 37) % n);

      crm_stakeholder_map_add_node (b, node);
    }
  for (guint k = n_edges; k-- > 0;)
    crm_stakeholder_map_add_edge (b, crm_stakeholder_map_get_edge (a, k));

  pa = crm_stakeholder_layout (a, NULL, FALSE);
  pa2 = crm_stakeholder_layout (a, NULL, FALSE);
  pb = crm_stakeholder_layout (b, NULL, FALSE);
  g_assert_cmpmem (pa->data, pa->len * sizeof (CrmLayoutPoint),
                   pa2->data, pa2->len * sizeof (CrmLayoutPoint));
  for (guint i = 0; i < n; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (a, i);
      const CrmLayoutPoint *p = &g_array_index (pa, CrmLayoutPoint, i);
      const CrmLayoutPoint *q = point_of (b, pb, node->person_id);

      g_assert_cmpfloat (p->x, ==, q->x);
      g_assert_cmpfloat (p->y, ==, q->y);
      g_assert_cmpuint (p->layer, ==, q->layer);
    }
}

/* D reports to A and to C, who is two levels below A: D goes below C. */
static void
test_multiple_managers (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;

  add_person (map, 1, "A", "Board");
  add_person (map, 2, "B", "Sales");
  add_person (map, 3, "C", "Sales");
  add_person (map, 4, "D", "Engineering");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 2, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 3, 2);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 4, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 4, 3);
  /* Influence links never change layers. */
  add_edge (map, CRM_MAP_EDGE_INFLUENCES, 1, 4);
  add_edge (map, CRM_MAP_EDGE_INFLUENCES, 4, 1);

  points = crm_stakeholder_layout (map, NULL, FALSE);
  g_assert_cmpuint (point_of (map, points, 1)->layer, ==, 0);
  g_assert_cmpuint (point_of (map, points, 2)->layer, ==, 1);
  g_assert_cmpuint (point_of (map, points, 3)->layer, ==, 2);
  g_assert_cmpuint (point_of (map, points, 4)->layer, ==, 3);
  g_assert_cmpfloat (point_of (map, points, 4)->y, >, point_of (map, points, 3)->y);
  /* A straight line: each one right under the one above. */
  g_assert_cmpfloat (fabs (point_of (map, points, 2)->x - point_of (map, points, 1)->x), <, 1);
}

static void
test_cycles (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) again = NULL;
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  /* A → B → C → A (reports to), D reports to C, E to itself. */
  add_person (map, 1, "A", "");
  add_person (map, 2, "B", "");
  add_person (map, 3, "C", "");
  add_person (map, 4, "D", "");
  add_person (map, 5, "E", "");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 1, 2);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 2, 3);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 3, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 4, 3);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 5, 5);
  add_edge (map, CRM_MAP_EDGE_INFLUENCES, 1, 4);
  add_edge (map, CRM_MAP_EDGE_INFLUENCES, 4, 1);

  points = crm_stakeholder_layout (map, &m, FALSE);
  again = crm_stakeholder_layout (map, &m, FALSE);
  g_assert_cmpmem (points->data, points->len * sizeof (CrmLayoutPoint),
                   again->data, again->len * sizeof (CrmLayoutPoint));
  assert_no_overlap (points, &m);
  /* Three people in a cycle take three layers; D is below C. */
  g_assert_cmpuint (point_of (map, points, 1)->layer + point_of (map, points, 2)->layer +
                    point_of (map, points, 3)->layer, ==, 0 + 1 + 2);
  g_assert_cmpuint (point_of (map, points, 4)->layer, >, point_of (map, points, 3)->layer);

  /* Many seeded maps with cycles. */
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      g_autoptr(CrmStakeholderMap) r = random_map (60 * seed, seed, TRUE);
      g_autoptr(GArray) p = crm_stakeholder_layout (r, &m, TRUE);

      assert_no_overlap (p, &m);
    }
}

static void
test_placed (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) automatic = NULL;
  g_autoptr(GArray) kept = NULL;
  CrmMapNode node = { 0 };
  CrmLayoutMetrics m;
  const CrmLayoutPoint *p, *a;

  crm_stakeholder_layout_metrics_init (&m);
  add_person (map, 1, "Boss", "");
  for (gint64 id = 2; id <= 8; id++)
    {
      g_autofree char *name = g_strdup_printf ("Report %d", (int) id);

      add_person (map, id, name, "");
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, id, 1);
    }
  automatic = crm_stakeholder_layout (map, &m, FALSE);

  /* "Report 9", placed by hand just right of where the third report sits. */
  a = point_of (map, automatic, 4);
  node.person_id = 9;
  node.name = "Report 9";
  node.department = "";
  node.placed = TRUE;
  node.x = a->x + 30;
  node.y = a->y + 10;
  crm_stakeholder_map_add_node (map, &node);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 9, 1);

  kept = crm_stakeholder_layout (map, &m, TRUE);
  p = point_of (map, kept, 9);
  g_assert_cmpfloat (p->x, ==, node.x);
  g_assert_cmpfloat (p->y, ==, node.y);
  assert_no_overlap (kept, &m);

  /* Without keep_placed, it is laid out like the others. */
  g_clear_pointer (&kept, g_array_unref);
  kept = crm_stakeholder_layout (map, &m, FALSE);
  p = point_of (map, kept, 9);
  g_assert_cmpuint (p->layer, ==, point_of (map, kept, 2)->layer);
  assert_no_overlap (kept, &m);
}

/* Boss has four reports without reports: a column under Boss.  Lead has
 * one: right under Lead.  Third has two, one with a report: no column. */
static void
test_columns (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  add_person (map, 1, "Boss", "");
  add_person (map, 2, "Lead", "");
  add_person (map, 3, "Third", "");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 2, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 3, 1);
  for (gint64 id = 10; id < 14; id++)
    {
      add_person (map, id, "Column", "Sales");
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, id, 1);
    }
  add_person (map, 20, "Single", "Sales");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 20, 2);
  for (gint64 id = 30; id < 32; id++)
    {
      add_person (map, id, "Row", "Sales");
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, id, 3);
    }
  add_person (map, 40, "Below", "Sales");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 40, 30);
  /* More than a small map, which spreads columns of fewer than six. */
  add_person (map, 50, "Alone", "");
  add_person (map, 51, "Alone", "");

  points = crm_stakeholder_layout (map, &m, FALSE);
  assert_no_overlap (points, &m);
  for (gint64 id = 11; id < 14; id++)
    {
      g_assert_cmpfloat (point_of (map, points, id)->x, ==, point_of (map, points, 10)->x);
      g_assert_cmpfloat (point_of (map, points, id)->y, ==,
                         point_of (map, points, id - 1)->y + m.node_height + m.h_gap);
      g_assert_cmpuint (point_of (map, points, id)->layer, ==, 1);
    }
  g_assert_cmpfloat (point_of (map, points, 10)->y, ==, point_of (map, points, 2)->y);
  g_assert_cmpfloat (fabs (point_of (map, points, 20)->x - point_of (map, points, 2)->x), <, m.node_width);
  g_assert_cmpfloat (point_of (map, points, 30)->y, ==, point_of (map, points, 31)->y);
  /* The layer below the column starts below its last node. */
  g_assert_cmpfloat (point_of (map, points, 20)->y, >,
                     point_of (map, points, 13)->y + m.node_height + m.v_gap - 1);
}

/* A chief, three directors, four managers each (a row of twelve), two
 * reports each: each director gets one column of managers, each manager's
 * reports indented under them. */
static void
test_nested_columns (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;
  CrmLayoutMetrics m;
  double x, y, w, h;

  crm_stakeholder_layout_metrics_init (&m);
  add_person (map, 1, "Chief", "Board");
  for (gint64 d = 0; d < 3; d++)
    {
      add_person (map, 10 + d, "Director", "Sales");
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 10 + d, 1);
      for (gint64 k = 0; k < 4; k++)
        {
          gint64 manager = 100 + d * 10 + k;

          add_person (map, manager, "Manager", "Sales");
          add_edge (map, CRM_MAP_EDGE_REPORTS_TO, manager, 10 + d);
          for (gint64 r = 0; r < 2; r++)
            {
              add_person (map, manager * 10 + r, "Report", "Sales");
              add_edge (map, CRM_MAP_EDGE_REPORTS_TO, manager * 10 + r, manager);
            }
        }
    }

  points = crm_stakeholder_layout (map, &m, FALSE);
  assert_no_overlap (points, &m);
  crm_stakeholder_layout_bounds (points, &m, &x, &y, &w, &h);
  g_assert_cmpfloat (w, <, 4 * (m.node_width + m.group_gap));
  for (gint64 d = 0; d < 3; d++)
    for (gint64 k = 0; k < 4; k++)
      {
        gint64 manager = 100 + d * 10 + k;
        const CrmLayoutPoint *p = point_of (map, points, manager);

        g_assert_cmpfloat (p->x, ==, point_of (map, points, 100 + d * 10)->x);
        g_assert_cmpfloat (p->y, >, point_of (map, points, 10 + d)->y);
        for (gint64 r = 0; r < 2; r++)
          {
            const CrmLayoutPoint *q = point_of (map, points, manager * 10 + r);

            g_assert_cmpfloat (q->x, >, p->x);
            g_assert_cmpfloat (q->x, <, p->x + m.node_width / 2);
            g_assert_cmpfloat (q->y, ==, p->y + (r + 1) * (m.node_height + m.h_gap));
          }
      }
}

/* One director with far more people than the others: their column goes on
 * in a second one beside it, each manager with their reports. */
static void
test_long_columns (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new (g_double_hash, g_double_equal);
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  add_person (map, 1, "Chief", "");
  for (gint64 d = 0; d < 5; d++)
    {
      add_person (map, 10 + d, "Director", "");
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 10 + d, 1);
      for (gint64 k = 0; k < (d == 0 ? 8 : 3); k++)
        {
          gint64 manager = 100 + d * 10 + k;

          add_person (map, manager, "Manager", "");
          add_edge (map, CRM_MAP_EDGE_REPORTS_TO, manager, 10 + d);
          for (gint64 r = 0; r < (d == 0 ? 3 : 1); r++)
            {
              add_person (map, manager * 10 + r, "Report", "");
              add_edge (map, CRM_MAP_EDGE_REPORTS_TO, manager * 10 + r, manager);
            }
        }
    }

  points = crm_stakeholder_layout (map, &m, FALSE);
  assert_no_overlap (points, &m);
  for (gint64 k = 0; k < 8; k++)
    {
      const CrmLayoutPoint *p = point_of (map, points, 100 + k);

      g_hash_table_add (columns, (gpointer) &p->x);
      for (gint64 r = 0; r < 3; r++)
        {
          const CrmLayoutPoint *q = point_of (map, points, (100 + k) * 10 + r);

          g_assert_cmpfloat (fabs (q->x - (p->x + m.node_width / 6)), <, 1e-6);
          g_assert_cmpfloat (q->y, ==, p->y + (r + 1) * (m.node_height + m.h_gap));
        }
    }
  /* 32 people: more than twice the mean column ((32 + 4 * 6) / 5), in two. */
  g_assert_cmpuint (g_hash_table_size (columns), ==, 2);
}

/*        A
 *      B   C
 *      D        E (no lines) */
static void
test_neighbours (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_ORGANIZATION, 1, "Org");
  g_autoptr(GArray) points = NULL;
  int a, b, c, d, e;

  add_person (map, 1, "A", "");
  add_person (map, 2, "B", "");
  add_person (map, 3, "C", "");
  add_person (map, 4, "D", "");
  add_person (map, 5, "E", "");
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 2, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 3, 1);
  add_edge (map, CRM_MAP_EDGE_REPORTS_TO, 4, 2);
  points = crm_stakeholder_layout (map, NULL, FALSE);
  a = crm_stakeholder_map_find_node (map, 1);
  b = crm_stakeholder_map_find_node (map, 2);
  c = crm_stakeholder_map_find_node (map, 3);
  d = crm_stakeholder_map_find_node (map, 4);
  e = crm_stakeholder_map_find_node (map, 5);

  g_assert_cmpfloat (point_of (map, points, 2)->x, <, point_of (map, points, 3)->x);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, d, CRM_LAYOUT_UP), ==, b);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, b, CRM_LAYOUT_UP), ==, a);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, c, CRM_LAYOUT_UP), ==, a);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, a, CRM_LAYOUT_UP), ==, -1);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, b, CRM_LAYOUT_DOWN), ==, d);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, b, CRM_LAYOUT_RIGHT), ==, c);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, c, CRM_LAYOUT_LEFT), ==, b);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, b, CRM_LAYOUT_LEFT), ==, -1);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, c, CRM_LAYOUT_RIGHT), ==, -1);
  /* A has two reports: the nearest by x. */
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, a, CRM_LAYOUT_DOWN), ==,
                   fabs (point_of (map, points, 2)->x - point_of (map, points, 1)->x) <=
                   fabs (point_of (map, points, 3)->x - point_of (map, points, 1)->x) ? b : c);
  /* E, without lines, is in the row below the chart: up goes to the nearest
   * node in the row above, down to nothing. */
  g_assert_cmpuint (point_of (map, points, 5)->layer, ==, 3);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, e, CRM_LAYOUT_UP), ==, d);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, e, CRM_LAYOUT_DOWN), ==, -1);
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, d, CRM_LAYOUT_DOWN), ==, e);
  /* C has no report: down goes to the nearest node below. */
  g_assert_cmpint (crm_stakeholder_layout_neighbour (map, points, c, CRM_LAYOUT_DOWN), ==, d);
}

static void
test_bounds (void)
{
  g_autoptr(CrmStakeholderMap) map = random_map (30, 5, FALSE);
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, FALSE);
  CrmLayoutMetrics m;
  double x, y, w, h;

  crm_stakeholder_layout_metrics_init (&m);
  crm_stakeholder_layout_bounds (points, &m, &x, &y, &w, &h);
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (y, ==, 0);
  for (guint i = 0; i < points->len; i++)
    {
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

      g_assert_cmpfloat (p->x - m.node_width / 2, >=, x - 1e-9);
      g_assert_cmpfloat (p->x + m.node_width / 2, <=, x + w + 1e-9);
      g_assert_cmpfloat (p->y + m.node_height / 2, <=, y + h + 1e-9);
    }
}

static double
aspect_of (CrmStakeholderMap      *map,
           const CrmLayoutMetrics *m)
{
  g_autoptr(GArray) points = crm_stakeholder_layout (map, m, FALSE);
  double x, y, w, h;

  assert_no_overlap (points, m);
  crm_stakeholder_layout_bounds (points, m, &x, &y, &w, &h);
  if (g_test_verbose ())
    g_test_message ("%u people: %.0f x %.0f, %.2f:1", points->len, w, h, w / h);
  return w / h;
}

/* No drawing is a long strip: a deal's few people without lines, a chart
 * with a few of them, and a big organization all stay landscape, at most
 * about 2:1. */
static void
test_aspect (void)
{
  static const guint loose[] = { 3, 5, 8, 12, 20, 30, 60 };
  CrmLayoutMetrics m;

  crm_stakeholder_layout_metrics_init (&m);
  for (guint s = 0; s < G_N_ELEMENTS (loose); s++)
    {
      g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 1, "Deal");
      double aspect;

      for (guint i = 0; i < loose[s]; i++)
        add_person (map, 1 + i, "Person", departments[i % G_N_ELEMENTS (departments)]);
      aspect = aspect_of (map, &m);
      /* Three people of three departments: two and one, group gaps between. */
      g_assert_cmpfloat (aspect, <=, loose[s] < 5 ? 2.4 : 2.2);
      /* Nor a tower. */
      g_assert_cmpfloat (aspect, >=, 1.0);
    }

  /* A chart of four with eight loose people: the loose ones do not make it a strip. */
  {
    g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 1, "Deal");

    for (guint i = 0; i < 12; i++)
      add_person (map, 1 + i, "Person", "Sales");
    for (guint i = 2; i <= 4; i++)
      add_edge (map, CRM_MAP_EDGE_REPORTS_TO, i, 1);
    g_assert_cmpfloat (aspect_of (map, &m), <=, 2.2);
  }

  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(CrmStakeholderMap) map = random_map (300, seed * 7919 + 300, FALSE);

      g_assert_cmpfloat (aspect_of (map, &m), <=, 2.2);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stakeholder-layout/empty", test_empty);
  g_test_add_func ("/stakeholder-layout/no-overlap", test_no_overlap);
  g_test_add_func ("/stakeholder-layout/departments", test_departments);
  g_test_add_func ("/stakeholder-layout/determinism", test_determinism);
  g_test_add_func ("/stakeholder-layout/multiple-managers", test_multiple_managers);
  g_test_add_func ("/stakeholder-layout/cycles", test_cycles);
  g_test_add_func ("/stakeholder-layout/placed", test_placed);
  g_test_add_func ("/stakeholder-layout/columns", test_columns);
  g_test_add_func ("/stakeholder-layout/nested-columns", test_nested_columns);
  g_test_add_func ("/stakeholder-layout/long-columns", test_long_columns);
  g_test_add_func ("/stakeholder-layout/neighbours", test_neighbours);
  g_test_add_func ("/stakeholder-layout/bounds", test_bounds);
  g_test_add_func ("/stakeholder-layout/aspect", test_aspect);

  return g_test_run ();
}
